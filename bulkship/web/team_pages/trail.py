"""The audit trail: its page, filtered by batch and days, and its download as CSV or XLSX."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ...ledger.records import day_bounds, swapped_days
from ...team import audit
from .. import pagekit as pages
from .. import uploads
from ..downloads import XLSX_TYPE
from .common import _settings

AUDIT_PAGE_LINES = 500

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _period(request: Request) -> tuple[str | None, str, str, str | None]:
    """The page's filters: batch, since (a day), until (a day, inclusive) and ``until`` as the exclusive
    bound the trail's query takes."""
    batch = request.query_params.get("batch", "").strip() or None
    since = request.query_params.get("since", "")
    until = request.query_params.get("until", "")
    since = since if _DAY.fullmatch(since) else ""
    until = until if _DAY.fullmatch(until) else ""
    try:
        _start, end = day_bounds(since, until)
    except ValueError:  # 2026-02-31
        since, until, end = "", "", None
    return batch, since, until, end


async def audit_page(request: Request) -> Response:
    settings = _settings(request)
    batch, since, until, end = _period(request)
    # the newest lines only, and a count: every line was read and parsed to show 500 (9 s for 300,000 lines,
    # which anyone can add by signing in with wrong names: found by hunter-web5)
    found = await run_in_threadpool(
        lambda: audit.entries(settings, batch=batch, since=since or None, until=end, limit=AUDIT_PAGE_LINES)
    )
    total = await run_in_threadpool(
        lambda: audit.count(settings, batch=batch, since=since or None, until=end)
    )
    query = urlencode({k: v for k, v in (("batch", batch or ""), ("since", since), ("until", until)) if v})
    # '0 line(s)' of a batch name mistyped, or of days swapped, read as a batch or a month nobody touched
    # (found by newcomer12): said, with the name written alike
    unknown = await run_in_threadpool(audit.unknown_batch, settings, batch) if batch else None
    return pages.render(
        request, "audit.html", shown=list(reversed(found)), total=max(total, len(found)),
        batch=batch or "", since=since, until=until, query=query, unknown=unknown,
        swapped=swapped_days(since, until) and f"From {since} comes after To {until}: no day is between",
    )  # fmt: skip


async def audit_download(request: Request) -> Response:
    settings = _settings(request)
    kind = request.path_params["kind"]
    if kind not in ("csv", "xlsx"):
        raise HTTPException(404, "No such download")
    batch, since, until, end = _period(request)
    found = await run_in_threadpool(
        lambda: audit.entries(settings, batch=batch, since=since or None, until=end)
    )
    what = f"batch {batch}" if batch else "every batch"
    when = f" from {since or 'the start'} to {until or 'now'}" if since or until else ""
    name = "audit-" + uploads.safe_name("-".join(p for p in (batch or "all", since, until) if p))
    if kind == "csv":
        body, media = audit.to_csv(found), "text/csv; charset=utf-8"
    else:
        body = await run_in_threadpool(audit.to_xlsx, found, f"Audit trail of {what}{when} (UTC)")
        media = XLSX_TYPE
    return Response(
        body, media_type=media, headers={"content-disposition": f'attachment; filename="{name}.{kind}"'}
    )
