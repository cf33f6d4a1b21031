"""The batch's rows waiting for review, on the web page: what the vendor shows for each PO, and the ways a
person settles them ("it is at the vendor", "release it to send", every row the vendor's orders show by
proof at once, every row at once: found, or released, and rows whose cards another batch's order holds left
out), each shown first and recorded only after a
confirmation. Thin handlers over :func:`bulkship.api.review_batch`, :func:`~bulkship.api.resolve_at_vendor`,
:func:`~bulkship.api.release_review`, :func:`~bulkship.api.settle_found` and
:func:`~bulkship.api.release_all`: the checks with the vendor are the library's, exactly as on the command
line; the ledger's lock keeps a run from sending meanwhile.

Routes (added to the app by :func:`routes`)::

    GET  /batches/{name}/needs-review           the rows waiting, by PO, with both forms
    POST /batches/{name}/needs-review/check     what the settlement would record (nothing changes)
    POST /batches/{name}/needs-review/settle    the same, confirmed: recorded (checked again first)
"""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import api
from ..errors import BulkshipError, LedgerLockedError, ReviewRefusedError
from ..resolve import BulkRelease, FoundSettlement, Resolution, parse_pos, parse_rows
from . import batchledger, state
from . import pagekit as pages


def _url(name: str, tail: str = "") -> str:
    return f"/batches/{quote(name, safe='')}/needs-review{tail}"


async def needs_review(request: Request) -> Response:
    web = pages._web(request)
    batch = pages._batch_or_404(web, request.path_params["name"])
    if not await run_in_threadpool(batchledger.in_ledger, web.settings, batch.name):  # a draft: nothing waits
        return pages.render(request, "needs_review.html", batch=batch, report=None, error=None, done=None)
    try:
        report = await run_in_threadpool(api.review_batch, web.settings, batch.name)
    except BulkshipError as exc:
        return pages.render(request, "needs_review.html", 409, batch=batch, report=None, error=exc, done=None)
    done = request.query_params.get("done", "")
    return pages.render(request, "needs_review.html", batch=batch, report=report, error=None, done=done)


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    keys = ("po", "action", "order", "rows", "reason", "not_ours", "plan", "since")
    return {key: str(form.get(key, "") or "").strip() for key in keys}


Settlement = Resolution | FoundSettlement | BulkRelease


def _settle(web: Any, batch: str, fields: dict[str, str], *, confirmed: bool, by: str = "") -> Settlement:
    """The settlement the form asks for: only planned (``confirmed`` False) or recorded, when it is still
    exactly the plan the person was shown (its digest, carried in the confirmation form). ``by``: the
    signed-in person (a team's page), recorded in the ledger; else the server's own user."""

    def confirm(plan: Settlement) -> bool:
        if confirmed and plan.digest() != fields["plan"]:
            raise ReviewRefusedError(
                "What the vendor and the ledger show for these rows changed since they were shown to you "
                "(the vendor's answer, or rows settled meanwhile): nothing was recorded",
                hint="check again and confirm the plan as it is now",
            )
        return confirmed

    by = by or state.current_user()  # not the server's login when a person signed in (found by newcomer7)
    if fields["action"] == "found":
        return api.settle_found(web.settings, batch, by=by, reason=fields["reason"], confirm=confirm)
    if fields["action"] == "release-all":  # `bulkship reconcile BATCH --release` (hunter-vendor17's leftover)
        return api.release_all(web.settings, batch, by=by, reason=fields["reason"], confirm=confirm)
    if fields["action"] == "at-vendor":
        if not fields["order"]:
            raise BulkshipError("Name the vendor order: its Id or its PO number")
        return api.resolve_at_vendor(
            web.settings, batch, fields["po"], fields["order"], rows=parse_rows(fields["rows"]), by=by,
            reason=fields["reason"], confirm=confirm,
        )  # fmt: skip
    if fields["action"] == "elsewhere":  # their cards are another batch's order's: left out (L-a)
        return api.leave_out_elsewhere(
            web.settings, batch, fields["po"], fields["order"], rows=parse_rows(fields["rows"]), by=by,
            reason=fields["reason"], confirm=confirm,
        )  # fmt: skip
    if fields["action"] == "release":
        return api.release_review(
            web.settings, batch, fields["po"], by=by, reason=fields["reason"],
            not_ours=parse_pos(fields["not_ours"]), confirm=confirm,
        )  # fmt: skip
    raise BulkshipError("Choose what to do: it is at the vendor, or release it to send")


async def check(request: Request) -> Response:
    """Step one: what would be recorded, with the vendor asked now; nothing changes."""
    return await _step(request, confirmed=False)


async def settle(request: Request) -> Response:
    """Step two, after the person's confirmation: checked with the vendor again, then recorded."""
    return await _step(request, confirmed=True)


async def _step(request: Request, *, confirmed: bool) -> Response:
    web = pages._web(request)
    batch = pages._idle(web, pages._batch_or_404(web, request.path_params["name"]))
    fields = await _form(request)
    by = str(request.scope.get("actor") or "") if request.scope.get("team_mode") else ""  # else the login
    if not confirmed:  # the ledger's newest event of the batch as the plan is shown: what came after it
        fields["since"] = str(await run_in_threadpool(_last_event, web, batch.name))
    try:
        outcome = await run_in_threadpool(_settle_alone, web, batch.name, fields, confirmed=confirmed, by=by)
    except BulkshipError as exc:  # e.g. the vendor answers otherwise now, or a run holds the ledger
        if confirmed and await run_in_threadpool(_recorded_by_them, web, batch.name, fields, by):
            return pages._see(_url(batch.name, f"?done={quote(PRESSED_AGAIN)}"))
        if isinstance(exc, LedgerLockedError):  # a run's way on ('send the batch again from its cost page')
            exc = LedgerLockedError(exc.message, hint=BUSY_HINT)
        return pages.render(
            request, "needs_review_check.html", 409, batch=batch, plan=None, fields=fields, error=exc
        )
    if not confirmed:
        return pages.render(
            request, "needs_review_check.html", batch=batch, plan=outcome, fields=fields, error=None
        )
    if isinstance(outcome, BulkRelease):
        done = outcome.recorded("the batch's next Send sends them")
        if outcome.rows_kept:
            done += f" ({outcome.rows_kept} row(s) keep waiting)"
    elif isinstance(outcome, FoundSettlement):
        done = f"{outcome.rows_settled} row(s) found at the vendor settled"
    else:
        said = {"release": "released", "elsewhere": "row(s) left out as sent elsewhere"}
        done = f"{outcome.po_number} {said.get(outcome.action, 'settled')}"
        if outcome.action == "release" and outcome.waiting:
            done += f" ({len(outcome.released)} row(s); {len(outcome.waiting)} keep waiting)"
    return pages._see(_url(batch.name, f"?done={quote(done)}"))


def _settle_alone(web: Any, batch: str, fields: dict[str, str], *, confirmed: bool, by: str) -> Settlement:
    """:func:`_settle`, after this server's other settlements of the batch: a second press of 'Record this'
    (a double click 5 ms apart) came while the first held the ledger and read 'Another process (bulkship
    pid ... on this very server) is working on batch ...; nothing was changed' (found by hunter-web16)."""
    with _one_at_a_time(batch):
        return _settle(web, batch, fields, confirmed=confirmed, by=by)


_settling: dict[str, threading.Lock] = {}
_settling_guard = threading.Lock()


def _one_at_a_time(batch: str) -> threading.Lock:
    with _settling_guard:
        return _settling.setdefault(batch, threading.Lock())


BUSY_HINT = (
    "wait for it to finish (a run of the batch, or a settlement of its rows on another server), then "
    "check these rows again"
)
PRESSED_AGAIN = "what you confirmed, by your first press (“Record this” pressed again: recorded once)"
# what a settlement writes in the ledger
_SETTLED = ("review_released", "review_settled_at_vendor", "review_left_out")


def _last_event(web: Any, batch: str) -> int:
    from ..ledger import Ledger

    with Ledger.open(web.settings.ledger_location, lock=False) as ledger:
        return ledger.last_event_id(batch)


def _recorded_by_them(web: Any, batch: str, fields: dict[str, str], by: str) -> bool:
    """Whether this person recorded a settlement of these rows since the plan was shown: a double click on
    'Record this' (or a second tab) was refused by the rows its first press had just settled, 'No rows of
    batch 'd1' wait for review. Nothing was changed', of a release recorded (found by hunter-web16 in
    Chromium)."""
    from ..ledger import Ledger

    if not fields["since"].isdigit():
        return False
    who = by or state.current_user()
    with Ledger.open(web.settings.ledger_location, lock=False) as ledger:
        found = ledger.events(batch, kinds=list(_SETTLED))
    po = fields["po"].casefold() if fields["action"] in ("release", "at-vendor", "elsewhere") else ""
    return any(
        e.id > int(fields["since"])
        and e.detail.get("by") == who
        and (
            not po
            or (e.po_number or "").casefold() == po
            or str(e.detail.get("from_po") or "").casefold() == po
        )
        for e in found
    )


def routes() -> list[Route]:
    return [
        Route("/batches/{name}/needs-review", needs_review),
        Route("/batches/{name}/needs-review/check", check, methods=["POST"]),
        Route("/batches/{name}/needs-review/settle", settle, methods=["POST"]),
    ]
