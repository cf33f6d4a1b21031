"""The pages of ``bulkship serve``: thin handlers over :mod:`bulkship.api`, :mod:`.state` and :mod:`.review`.

Every page is rendered on the server from the ledger (and the upload it names), so a reload shows the same
thing; htmx only polls the progress fragment. Library calls run in a worker thread (they read files, call
the vendor and use ``asyncio.run``); anything that plans or sends goes through the :class:`Runner`'s lock.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections.abc import AsyncIterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import api
from ..columns import AmbiguousColumnsError
from ..errors import BatchConflictError, BulkshipError, MissingColumnsError, SheetChoiceError
from ..ledger import OPEN_STATES, Ledger
from ..load import MAX_FILE_BYTES
from ..pipeline import file_sha256
from ..reconcile.join import LedgerView, with_gone_note
from ..reconcile.sheets import RowOutcome
from ..settings import Settings
from ..statuses import CHARGED, IN_DOUBT
from ..team.approvals import acting_as
from . import batches, columns, resolve_pages, state
from .auth import say_in_trail
from .guards import BodyLimit, CsrfGuard, SecurityHeaders
from .review import FILTERS, PAGE_ROWS, Reviews
from .runner import Runner

log = logging.getLogger("bulkship.web")

DEFAULT_MAX_UPLOAD_BYTES = MAX_FILE_BYTES  # what the loader accepts: a million rows fit with room to spare
SANDBOX_BANNER = "SANDBOX — no real orders"
RESULT_PAGE_ROWS = 100
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_templates = Environment(
    loader=PackageLoader("bulkship.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def money(value: Any) -> str:
    """Money as the pages show it: 1,234.50 (one place, so every page agrees)."""
    if value in (None, ""):
        return ""
    return f"{Decimal(str(value)):,.2f}"


_templates.filters["money"] = money


@dataclass
class Web:
    settings: Settings
    runner: Runner
    reviews: Reviews
    max_upload_bytes: int


def _web(request: Request) -> Web:
    web: Web = request.app.state.web
    return web


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    web = _web(request)
    html = _templates.get_template(template).render(
        request=request,
        csrf_token=request.scope.get("csrf_token", ""),
        sandbox=web.settings.is_sandbox,
        banner=SANDBOX_BANNER,
        **context,
    )
    return HTMLResponse(html, status_code=status)


def _see(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _batch_or_404(web: Web, name: str) -> state.WebBatch:
    """The batch named in the URL: one of the page's, or any batch of the ledger (e.g. run from the CLI)."""
    found = state.any_batch(web.settings, name)
    if found is None:
        raise HTTPException(404, f"No batch named {name!r}")
    return found


def _with_upload(web: Web, name: str) -> state.WebBatch:
    """The batch, for a step that reads its file (review, cost, send); a batch whose file is not on the
    server (run from the command line, or deleted) has only its results to show."""
    batch = _batch_or_404(web, name)
    if batch.upload is None:
        raise _GoTo(f"/batches/{batch.name}/results")
    return batch


def _sending(web: Web, batch: state.WebBatch) -> bool:
    """A run of the batch is going on or due to resume."""
    return bool(web.runner.active(batch.name) or batch.due)


def _idle(web: Web, batch: state.WebBatch) -> state.WebBatch:
    """``batch``, for a step that could change it; while a run of it goes on, its progress page instead."""
    if _sending(web, batch):
        raise _GoTo(f"/batches/{batch.name}/progress")
    return batch


class _GoTo(HTTPException):
    """Answered with a redirect (see :func:`not_found`)."""

    def __init__(self, url: str) -> None:
        super().__init__(303, url)


def _page_number(request: Request) -> int:
    try:
        return max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        return 1


# -- new batch -------------------------------------------------------------------------------------------


async def new_batch(request: Request) -> Response:
    web = _web(request)
    return render(request, "new.html", limit=web.max_upload_bytes, error="")


async def upload(request: Request) -> Response:
    web = _web(request)
    form = await request.form(max_files=1, max_fields=10)
    file = form.get("file")
    wanted = str(form.get("name") or "").strip()
    if not isinstance(file, UploadFile) or not file.filename:
        return render(request, "new.html", 400, limit=web.max_upload_bytes, error="Choose a file to upload.")
    suffix = Path(file.filename).suffix.lower()
    if suffix not in state.UPLOAD_EXTENSIONS:
        error = f"{file.filename} is not a spreadsheet bulkship reads: upload a CSV, XLSX or ODS file."
        return render(request, "new.html", 400, limit=web.max_upload_bytes, error=error)
    name = state.safe_name(wanted or Path(file.filename).stem)
    name = await run_in_threadpool(state.unique_name, web.settings, name)
    path = await run_in_threadpool(state.store_upload, web.settings, file.filename, file.file)
    written_for = await run_in_threadpool(_result_workbook_batch, path)
    if written_for is not None:  # corrections belong to that batch, not to a new one that re-reads its rows
        await run_in_threadpool(state.remove_upload, web.settings, path)
        error = (
            f"{file.filename} is a result workbook bulkship wrote"
            + (f" for batch {written_for}" if written_for else "")
            + ": it is not a new list of recipients."
        )
        return render(
            request, "new.html", 400, limit=web.max_upload_bytes, error=error, result_of=written_for or ""
        )
    digest = await run_in_threadpool(file_sha256, path)
    say_in_trail(request.scope, file=Path(file.filename).name, sha256=digest)
    await run_in_threadpool(
        state.record, web.settings, name, "web_upload",
        file_name=Path(file.filename).name, path=str(path), sheet=None,
        by=getattr(request.scope.get("team_user"), "name", "") or state.current_user(),
    )  # fmt: skip
    return _see(f"/batches/{name}/columns")


def _result_workbook_batch(path: Path) -> str | None:
    """The batch a result workbook was written for ("" when it does not say); None for any other file."""
    from ..reconcile.fixsheet import is_result_workbook_file
    from ..reconcile.sheets import read_result_workbook

    if not is_result_workbook_file(path):
        return None
    try:
        return read_result_workbook(path).batch or ""
    except (BulkshipError, OSError, ValueError):
        return ""


async def choose_sheet(request: Request) -> Response:
    web = _web(request)
    batch = _with_upload(web, request.path_params["name"])
    form = await request.form()
    sheet = str(form.get("sheet") or "")
    sheets = await run_in_threadpool(web.reviews.sheet_names, batch)
    if sheet in sheets and sheet != (batch.sheet or ""):
        await run_in_threadpool(state.record, web.settings, batch.name, "web_sheet", sheet=sheet)
    return _see(f"/batches/{batch.name}/columns")


async def unusable(request: Request, web: Web, batch: state.WebBatch, exc: BulkshipError) -> Response:
    """The file cannot be used as it is read: why, and where the person can choose, the sheet to read."""
    sheets = (
        await run_in_threadpool(web.reviews.sheet_names, batch) if isinstance(exc, SheetChoiceError) else []
    )
    return render(request, "unusable.html", 422, batch=batch, error=exc, sheets=sheets)


# -- review ----------------------------------------------------------------------------------------------


async def review(request: Request) -> Response:
    web = _web(request)
    batch = _idle(web, _with_upload(web, request.path_params["name"]))
    try:
        found = await run_in_threadpool(web.reviews.review, batch)
    except (AmbiguousColumnsError, MissingColumnsError):  # the person chooses the column on the Columns page
        return _see(f"/batches/{batch.name}/columns")
    except BulkshipError as exc:
        return await unusable(request, web, batch, exc)
    chosen = request.query_params.get("filter", "problems")
    chosen = chosen if chosen in FILTERS else "problems"
    rows = found.filtered(chosen)
    pages = max(1, math.ceil(len(rows) / PAGE_ROWS))
    page = min(_page_number(request), pages)
    shown = rows[(page - 1) * PAGE_ROWS : page * PAGE_ROWS]
    sheets = await run_in_threadpool(web.reviews.sheet_names, batch)
    return render(
        request, "review.html", batch=batch, review=found, rows=shown, sent=found.sent,
        cells={r.row: found.cells(r.row) for r in shown},
        filters=FILTERS, chosen=chosen, page=page, pages=pages, total=len(rows), sheets=sheets,
        sheet=found.loaded.sheet_name, header_row=found.loaded.header_row,
    )  # fmt: skip


async def fix_row(request: Request) -> Response:
    """Record the cells a person changed in one row; the review then judges the rows again."""
    web = _web(request)
    batch = _with_upload(web, request.path_params["name"])
    try:
        row = int(request.path_params["row"])
    except ValueError:
        raise HTTPException(404, "No such row") from None
    found = await run_in_threadpool(web.reviews.review, batch)
    if row not in found.loaded.frame.index:
        raise HTTPException(404, "No such row")
    form = await request.form()
    sent = await run_in_threadpool(state.rows_sent, web.settings, batch.name)  # afresh, not the cached review
    if row in sent:
        error = BulkshipError(
            f"Row {row} was ordered in PO {sent[row]}: its cells cannot change here. Nothing was saved",
            hint="editing the sheet never changes a card already ordered; to send this person another card, "
            "upload a file of its own",
        )
        return render(request, "problem.html", 409, batch=batch, error=error)
    before = dict(found.cells(row))
    changed = _changed_cells(form, before)
    overtaken = [h for h, (was, _new) in changed.items() if before[h] != was]
    if overtaken:  # someone saved this row since the page was loaded: never undo their change unseen
        now = ", ".join(f"{h} is now '{before[h]}'" for h in overtaken)
        error = BulkshipError(
            f"Row {row} was changed by someone else since you opened the page ({now}). Nothing was saved",
            hint="open the review again, check the row and make your change there",
        )
        return render(request, "problem.html", 409, batch=batch, error=error)
    for header, (_was, value) in changed.items():
        await run_in_threadpool(
            state.record, web.settings, batch.name, "web_fix", row=row, header=header, value=value
        )
    if changed:
        said = "; ".join(f"{h}: {before[h]!r} -> {value!r}" for h, (_, value) in changed.items())
        say_in_trail(request.scope, changes=said)
    back = str(form.get("back") or "")
    back = back if back.startswith("?") else ""
    return _see(f"/batches/{batch.name}/review{back}#row-{row}")


def _changed_cells(form: Any, before: dict[str, str]) -> dict[str, tuple[str, str]]:
    """The cells the person changed on the page: header -> (the value the page showed, the new value). A
    form without the shown values (``was:``) is compared with the row as it is now."""
    changed = {}
    for key, value in form.multi_items():
        header = key.removeprefix("cell:")
        if key.startswith("cell:") and header in before:
            was = str(form.get(f"was:{header}", before[header]))
            if str(value) != was:
                changed[header] = (was, str(value))
    return changed


# -- cost and confirm ------------------------------------------------------------------------------------


BUSY_WAIT_S = 10.0  # how long the cost page waits for another batch's run to let go of the ledger


def _plan(web: Web, batch: state.WebBatch) -> Any:
    def make() -> Any:
        if not web.runner.exclusive.acquire(timeout=BUSY_WAIT_S):
            raise BulkshipError(
                "Another batch is being sent right now: the cost of this one is worked out once it is done. "
                "Nothing was sent",
                hint="reload this page in a moment",
            )
        try:
            with acting_as(batch.by or None):  # the ledger records who started the batch: its uploader
                return api.plan_batch(
                    batch.upload or "",
                    web.settings,
                    batch=batch.name,
                    sheet=batch.sheet,
                    program=batch.program,
                    corrections=batch.corrections,
                    webhook_url=web.runner.webhook_url,
                )
        finally:
            web.runner.exclusive.release()

    return web.reviews.plans.get_or_make(batch.plan_key, make)


async def cost(request: Request) -> Response:
    web = _web(request)
    batch = _idle(web, _with_upload(web, request.path_params["name"]))
    try:
        found = await run_in_threadpool(web.reviews.review, batch)
        view = await run_in_threadpool(_plan, web, batch)
    except BulkshipError as exc:  # another run holds the ledger, the file repeats another batch...
        if isinstance(exc, BatchConflictError) and batch.refused_now != exc.message:  # said once per change
            await run_in_threadpool(state.record, web.settings, batch.name, "web_refused", error=exc.message)
        return render(request, "problem.html", 409, batch=batch, error=exc)
    return render(request, "cost.html", batch=batch, view=view, counts=found.counts, error="")


async def confirm(request: Request) -> Response:
    """Send, once: a second click, a reload or a late resend of this form finds the batch confirmed and
    running (or done) and only shows its progress. The run never spends more than the total confirmed."""
    web = _web(request)
    batch = _idle(web, _with_upload(web, request.path_params["name"]))
    form = await request.form()
    view = web.reviews.plans.peek(batch.plan_key)
    try:
        total = Decimal(str(form.get("total", "")))
    except InvalidOperation:
        total = None
    found = await run_in_threadpool(web.reviews.review, batch)
    if view is None or total != view.summary.total or str(form.get("change")) != str(batch.change_id):
        # the rows (or the plan) changed since the page was shown: show the cost again
        return _see(f"/batches/{batch.name}/cost")
    if found.counts.get("invalid") and form.get("leave_out") != "yes":
        error = "Tick 'leave the rows that are not valid out' to send the valid rows only, or fix them first."
        return render(request, "cost.html", 400, batch=batch, view=view, counts=found.counts, error=error)
    from .team_pages import before_confirm  # the team's approval step (none in single-user mode)

    waiting = await before_confirm(request, batch.name, view)
    if waiting is not None:
        return waiting
    await run_in_threadpool(state.record, web.settings, batch.name, "web_confirmed", total=str(total))
    web.runner.start(batch.name)
    return _see(f"/batches/{batch.name}/progress")


# -- progress --------------------------------------------------------------------------------------------


def _progress(web: Web, batch: state.WebBatch) -> dict[str, Any]:
    with Ledger.open(web.settings.ledger_location, lock=False) as ledger:
        orders = ledger.order_counts(batch.name)
        rows = ledger.row_counts(batch.name)
    total = sum(n for s, n in orders.items() if s != "cancelled")
    sent = orders.get("created", 0) + orders.get("rejected", 0)
    running = _sending(web, batch)
    return {
        "running": running,
        "orders_total": total,
        "orders_sent": sent,
        "orders_confirmed": orders.get("created", 0),
        "orders_failed": orders.get("rejected", 0),
        "orders_unsettled": sum(orders.get(s, 0) for s in OPEN_STATES),
        "rows": rows,
        "percent": int(100 * sent / total) if total else (0 if running else 100),
        "last_run": batch.last_run if not running else None,
    }


async def progress(request: Request) -> Response:
    web = _web(request)
    batch = _batch_or_404(web, request.path_params["name"])
    data = await run_in_threadpool(_progress, web, batch)
    return render(request, "progress.html", batch=batch, p=data)


async def progress_live(request: Request) -> Response:
    web = _web(request)
    batch = _batch_or_404(web, request.path_params["name"])
    data = await run_in_threadpool(_progress, web, batch)
    return render(request, "progress_live.html", batch=batch, p=data)


# -- results ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultLine:
    row: int
    status: str
    po_number: str
    tracking_number: str
    tracking_url: str
    cost: Decimal | None
    error: str
    cost_unknown: bool = False  # ordered, its cost never recorded (an older bulkship): not in any total
    money: str = ""  # the bucket its cost is in (charged, in doubt, to send; "" none), as the workbook says


def _result_line(outcome: RowOutcome) -> ResultLine:
    """A row as the result workbook shows it (the same join: money only where a card was made)."""
    return ResultLine(
        row=outcome.row,
        status=outcome.status,
        po_number=outcome.po_number,
        tracking_number=outcome.tracking_number,
        tracking_url=outcome.tracking_url,
        cost=outcome.cost,
        error=outcome.problems,
        cost_unknown=outcome.cost_unknown,
        money=outcome.money,
    )


def _bucket_total(lines: list[ResultLine], bucket: str) -> Decimal:
    """What the rows of one money bucket cost (charged, or in doubt: sent, the answer lost)."""
    return sum((line.cost for line in lines if line.money == bucket and line.cost is not None), Decimal(0))


def _result_lines(web: Web, name: str) -> tuple[list[ResultLine], str | None]:
    """The rows the result workbook shows, as it numbers them: the file's rows, then the rows of an earlier
    file that hold money (a card paid for must be on the page and in its total, as in every other output)."""
    with Ledger.open(web.settings.ledger_location, lock=False) as ledger:
        view = LedgerView(ledger, name)
        current = view.current_rows()
        lines = sorted((_result_line(view.outcome_of(r.row, r)) for r in current), key=lambda x: x.row)
        gone = sorted((r for r in view.shown_rows() if not r.current), key=lambda r: (r.row, r.fingerprint))
        after = max((r.row for r in current), default=1)
        for offset, record in enumerate(gone, start=1):
            lines.append(_result_line(with_gone_note(view, record, view.outcome_of(after + offset, record))))
        output = view.batch.output if view.batch else None
    return lines, output


async def results(request: Request) -> Response:
    web = _web(request)
    batch = _batch_or_404(web, request.path_params["name"])
    lines, output = await run_in_threadpool(_result_lines, web, batch.name)
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.status] = counts.get(line.status, 0) + 1
    wanted = request.query_params.get("status", "")
    shown = [line for line in lines if not wanted or line.status == wanted]
    pages = max(1, math.ceil(len(shown) / RESULT_PAGE_ROWS))
    page = min(_page_number(request), pages)
    needing = sum(counts.get(s, 0) for s in ("invalid", "failed"))  # a duplicate is not to fix: never sent
    return render(
        request, "results.html", batch=batch,
        lines=shown[(page - 1) * RESULT_PAGE_ROWS : page * RESULT_PAGE_ROWS], counts=counts, wanted=wanted,
        page=page, pages=pages, has_output=bool(output and Path(output).exists()),
        needing=needing, total_cost=_bucket_total(lines, CHARGED),
        in_doubt_cost=_bucket_total(lines, IN_DOUBT),
        cost_unknown=sum(1 for line in lines if line.cost_unknown and line.money == CHARGED),
        running=_sending(web, batch), tracking=web.runner.tracking(batch.name),
    )  # fmt: skip


def _download_name(batch: str, suffix: str) -> str:
    return f"{state.safe_name(batch)}-results{suffix}"


async def download(request: Request) -> Response:
    web = _web(request)
    batch = _batch_or_404(web, request.path_params["name"])
    kind = request.path_params["kind"]
    if kind not in ("xlsx", "csv"):
        raise HTTPException(404, "No such download")
    with Ledger.open(web.settings.ledger_location, lock=False) as ledger:
        record = ledger.batch(batch.name)
    output = Path(record.output) if record and record.output else None
    if output is None or not output.exists():
        raise HTTPException(404, "No result workbook yet")
    if kind == "xlsx":
        return FileResponse(output, media_type=XLSX_TYPE, filename=_download_name(batch.name, ".xlsx"))
    csv_path = await run_in_threadpool(api.export_csv, web.settings, batch.name)
    return FileResponse(
        csv_path, media_type="text/csv; charset=utf-8", filename=_download_name(batch.name, ".csv")
    )


async def reconcile(request: Request) -> Response:
    """Whether the ledger agrees with the vendor's own order list, and every difference."""
    web = _web(request)
    batch = _batch_or_404(web, request.path_params["name"])
    try:
        report = await run_in_threadpool(api.reconcile_batch, web.settings, batch.name)
    except BulkshipError as exc:
        return render(request, "problem.html", 409, batch=batch, error=exc)
    return render(request, "reconcile.html", batch=batch, report=report)


async def refresh_tracking(request: Request) -> Response:
    """Ask the vendor for the batch's orders not yet final (a ``bulkship track`` pass), in the background."""
    web = _web(request)
    batch = _batch_or_404(web, request.path_params["name"])
    web.runner.track(batch.name)
    return _see(f"/batches/{batch.name}/results")


async def delete(request: Request) -> Response:
    """Remove a batch from the page and its upload from the disk; the ledger keeps what was ordered."""
    web = _web(request)
    batch = _idle(web, _with_upload(web, request.path_params["name"]))
    waiting = await run_in_threadpool(_waiting_request, web.settings, batch.name)
    if waiting is not None:  # a deleted batch's request could still be approved (found by a newcomer)
        error = BulkshipError(
            f"Batch {batch.name} waits for an approver (request #{waiting}): it cannot be deleted while the "
            "request waits. Nothing was deleted",
            hint="an approver rejects the request on Approvals; then the batch can be deleted",
        )
        return render(request, "problem.html", 409, batch=batch, error=error)
    try:  # under the ledger's lock: never while a command-line run works on the ledger
        await run_in_threadpool(state.drop_unsent_plan, web.settings, batch.name)
    except BulkshipError as exc:
        return render(request, "problem.html", 409, batch=batch, error=exc)
    await run_in_threadpool(state.record, web.settings, batch.name, "web_deleted")
    await run_in_threadpool(state.remove_upload, web.settings, batch.upload)
    web.reviews.forget(batch)
    return _see("/")


def _waiting_request(settings: Settings, batch: str) -> int | None:
    """The batch's approval request still waiting for an approver, if any (team mode)."""
    from ..team import approvals, store

    if not store.team_mode(settings):
        return None
    found = approvals.latest(settings, batch)
    return found.id if found is not None and found.state == "pending" else None


# -- the app ---------------------------------------------------------------------------------------------


def _error_page(title: str, message: str) -> str:
    return _templates.get_template("plain.html").render(title=title, message=message, banner=SANDBOX_BANNER)


def _too_large_page(size: int, limit: int) -> str:
    return _error_page(
        "File too large",
        f"This upload is {size / 1_048_576:,.1f} MB; the limit is {limit / 1_048_576:,.0f} MB. "
        "Split the file into smaller batches, or start the server with a higher --max-upload-mb.",
    )


def _csrf_page() -> str:
    return _error_page(
        "Form refused",
        "This form did not come from this page (its security token is missing or out of date). "
        "Go back, reload the page and send it again.",
    )


async def not_found(request: Request, exc: Exception) -> Response:
    if isinstance(exc, _GoTo):
        return _see(exc.detail)
    detail = getattr(exc, "detail", "Not found")
    status = getattr(exc, "status_code", 404)
    return render(
        request, "plain.html", status, title="Not found" if status == 404 else "Error", message=detail
    )


async def _track_every(runner: Runner, seconds: float) -> None:
    """Refresh tracking in the background: one pass over every batch's orders not yet final, each period."""
    while True:
        await asyncio.sleep(seconds)
        runner.track()


def create_app(
    settings: Settings,
    *,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    resume: bool = True,
    track_every_s: float | None = None,
    webhook_url: str | None = None,
) -> Any:
    """The ASGI app: the pages wrapped in the guards. ``resume`` restarts runs a stopped server left;
    ``track_every_s`` refreshes tracking in the background that often (None: only when asked); runs register
    ``webhook_url`` with each order (a ``bulkship webhook serve`` sharing this ledger records deliveries)."""
    runner = Runner(settings, webhook_url=webhook_url)
    web = Web(settings, runner, Reviews(settings), max_upload_bytes)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if resume:
            await run_in_threadpool(runner.resume_due)
        ticker = asyncio.create_task(_track_every(runner, track_every_s)) if track_every_s else None
        yield
        if ticker is not None:
            ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticker
        runner.shutdown()

    from . import team_pages
    from .auth import TeamAuth

    team_pages.install(_templates)
    static = StaticFiles(packages=[("bulkship.web", "static")])
    routes = [
        *team_pages.routes(),
        Route("/", batches.home),
        Route("/batches/new", new_batch),
        Route("/batches", upload, methods=["POST"]),
        Route("/batches/{name}/sheet", choose_sheet, methods=["POST"]),
        Route("/batches/{name}/columns", columns.columns),
        Route("/batches/{name}/columns", columns.change, methods=["POST"]),
        Route("/batches/{name}/columns/reset", columns.reset, methods=["POST"]),
        Route("/batches/{name}/columns/profile", columns.save_profile, methods=["POST"]),
        Route("/batches/{name}/columns/use", columns.use_profile, methods=["POST"]),
        Route("/batches/{name}/review", review),
        Route("/batches/{name}/rows/{row}", fix_row, methods=["POST"]),
        Route("/batches/{name}/cost", cost),
        Route("/batches/{name}/confirm", confirm, methods=["POST"]),
        Route("/batches/{name}/progress", progress),
        Route("/batches/{name}/progress/live", progress_live),
        Route("/batches/{name}/results", results),
        Route("/batches/{name}/results.{kind:str}", download),
        Route("/batches/{name}/reconcile", reconcile),
        Route("/batches/{name}/track", refresh_tracking, methods=["POST"]),
        Route("/batches/{name}/delete", delete, methods=["POST"]),
        *resolve_pages.routes(),
        Mount("/static", static, name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={HTTPException: not_found})
    app.state.web = web
    signed_in = TeamAuth(app, settings, team_pages.forbidden_page)  # sign-in and roles, once accounts exist
    guarded = SecurityHeaders(BodyLimit(CsrfGuard(signed_in, _csrf_page), max_upload_bytes, _too_large_page))
    guarded.web = web  # type: ignore[attr-defined]  # for tests and the serve command
    return guarded
