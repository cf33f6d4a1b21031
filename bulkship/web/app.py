"""The pages of ``bulkship serve``: thin handlers over :mod:`bulkship.api`, :mod:`.state` and :mod:`.review`.

Every page is rendered on the server from the ledger (and the upload it names), so a reload shows the same
thing; htmx only polls the progress fragment. Library calls run in a worker thread (they read files, call
the vendor and use ``asyncio.run``); anything that plans or sends goes through the :class:`Runner`'s lock.

The pages by step: :mod:`.pagekit` (what every handler uses: templates, rendering, the batch a URL names),
:mod:`.batches` (the list), :mod:`.upload_pages` (a new batch, its sheet, the review), :mod:`.columns`,
this module (the cost and confirm, progress and delete pages, and :func:`create_app`), :mod:`.results_pages`
(results, downloads, the vendor comparison), :mod:`.resolve_pages` and :mod:`.team_pages`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy.exc import OperationalError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import BatchConflictError, BulkshipError, LedgerError, LedgerLockedError
from ..ledger import OPEN_STATES, Ledger
from ..load import MAX_FILE_BYTES
from ..settings import Settings
from . import batches, columns, resolve_pages, state, uploads
from .guards import BodyLimit, CsrfGuard, SecurityHeaders, unreachable_said
from .pagekit import (
    SANDBOX_BANNER,
    Web,
    _batch_or_404,
    _GoTo,
    _idle,
    _see,
    _sending,
    _templates,
    _web,
    _with_upload,
    plan_of,
    render,
)
from .results_pages import download, reconcile, refresh_tracking, results
from .review import Review, Reviews
from .runner import Runner
from .upload_pages import choose_sheet, fix_column, fix_row, new_batch, review, upload

log = logging.getLogger("bulkship.web")

DEFAULT_MAX_UPLOAD_BYTES = MAX_FILE_BYTES  # what the loader accepts: a million rows fit with room to spare


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
            planned = plan_of(web, batch)
            if batch.planned_change != batch.change_id:  # the Batches page's "to send" is this plan's now
                state.record(web.settings, batch.name, "web_planned", change=batch.change_id)
            return planned
        finally:
            web.runner.exclusive.release()

    key = state.plan_key(web.settings, batch)
    view = web.reviews.plans.get_or_make(key, make)
    planned = state.plan_key(web.settings, batch)  # its orders as the plan just recorded them
    if planned != key:
        web.reviews.plans.put(planned, view)
    return view


def plan_shown(web: Web, batch: state.WebBatch, change: object) -> Any:
    """The plan a page showed for the batch's rows as they are (``change``), for its Send or Approve to act
    on; None when the rows changed since. A server keeps a few plans: one pushed out by other batches' cost
    pages since (a ninth batch looked at on a busy server) is worked out again, and the total posted must
    still match it; Send showed the cost page again with nothing said (found by hunter-web13)."""
    kept = web.reviews.plans.peek(state.plan_key(web.settings, batch))
    if kept is not None or str(change) != str(batch.change_id):
        return kept
    try:
        return _plan(web, batch)
    except BulkshipError:  # another batch holds the ledger, the file repeats another batch: shown on the page
        return None


async def cost(request: Request) -> Response:
    web = _web(request)
    batch = _idle(web, _with_upload(web, request.path_params["name"]))
    try:
        found = await run_in_threadpool(web.reviews.review, batch)
        view = await run_in_threadpool(_plan, web, batch)
    except BulkshipError as exc:  # another run holds the ledger, the file repeats another batch...
        if isinstance(exc, BatchConflictError) and batch.refused_now != exc.message:  # said once per change
            await run_in_threadpool(state.record, web.settings, batch.name, "web_refused", error=exc.message)
        exc = await run_in_threadpool(page_error, web.settings, batch.name, exc)
        return render(request, "problem.html", 409, batch=batch, error=exc)
    notes = await run_in_threadpool(_cost_notes, web, batch, found)
    error = NO_LONGER_ASKED if request.query_params.get("approval") == "unneeded" else ""
    return render(request, "cost.html", batch=batch, view=view, counts=found.counts, error=error, notes=notes)


def _cost_notes(web: Web, batch: state.WebBatch, found: Review) -> list[str]:
    """What the cost page says of the rows left out: the file's notices, and the rows a cell changed on the
    review page leaves out, named (found by review27: counted in '2 skipped', only the file's row named)."""
    notes = list(web.reviews.sheet(batch).notices)
    here = [s for s in found.loaded.skipped if s.row in found.skipped_here]
    if here:
        named = "; ".join(f"row {s.row} ({s.reason})" for s in here[:10]) + (
            "; and more" if len(here) > 10 else ""
        )
        notes.append(
            f"{len(here)} row(s) left out for what was changed on the review page: {named}. Change that cell "
            "back there to order a row."
        )
    return notes


NO_LONGER_ASKED = (
    "Nothing was sent: this page asked for an approval, and the batch no longer needs one (the approval "
    "threshold or your limit was raised since it was shown). Send it below if it is to go without an approver"
)


def page_error(settings: Settings, batch: str, exc: BulkshipError) -> BulkshipError:
    """``exc`` as the page says it: a batch of another vendor API than this server's read 'run `bulkship run
    /srv/.../uploads/<id>/list.csv --batch B` with --api-url ...', the command line's advice and the upload's
    private path (found by hunter-web8)."""
    if not state.for_another_vendor(settings, batch):  # (the refusal is a ConfigError or a conflict)
        return exc
    from ..batchapi import api_identity, describe_api

    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        record = ledger.batch(batch)
    theirs = describe_api(record.api) if record is not None and record.api else "another vendor API"
    ours = describe_api(api_identity(settings))
    return BatchConflictError(
        f"Batch {batch}'s orders went to {theirs}, and this server sends to {ours}: only a bulkship server "
        "using that vendor sends it, or asks about it. Nothing was sent or changed",
        hint="open this batch on the page of the bulkship server that uses that vendor",
    )


async def confirm(request: Request) -> Response:
    """Send, once: a second click, a reload or a late resend of this form finds the batch confirmed and
    running (or done) and only shows its progress. The run never spends more than the total confirmed."""
    web = _web(request)
    batch = _idle(web, _with_upload(web, request.path_params["name"]))
    form = await request.form()
    view = await run_in_threadpool(plan_shown, web, batch, form.get("change"))
    try:
        total = Decimal(str(form.get("total", "")))
    except InvalidOperation:
        total = None
    if total is not None and not total.is_finite():  # sNaN cannot even be compared (found by hunter-web, W6)
        total = None
    try:
        found = await run_in_threadpool(web.reviews.review, batch)
    except BulkshipError as exc:  # its file gone from the server's disk: a bare 500 (found by hunter-web9)
        return render(request, "problem.html", 409, batch=batch, error=exc)
    # the total confirmed is the most the run may spend: what it sends and the orders in doubt it asks about
    if view is None or total != view.worst_case or str(form.get("change")) != str(batch.change_id):
        # the rows (or the plan) changed since the page was shown: show the cost again
        return _see(f"/batches/{batch.name}/cost")
    if found.counts.get("invalid") and form.get("leave_out") != "yes":
        error = "Tick 'leave the rows that are not valid out' to send the valid rows only, or fix them first."
        notes = await run_in_threadpool(_cost_notes, web, batch, found)
        return render(
            request, "cost.html", 400, batch=batch, view=view, counts=found.counts, error=error, notes=notes
        )
    from .team_pages import (
        after_confirm,
        before_confirm,
    )  # the team's approval step (none in single-user mode)

    waiting = await before_confirm(request, batch.name, view, asks=form.get("asks") == "yes")
    if waiting is not None:
        return waiting
    cards = {line.key: line.name for line in view.summary.by_product}  # Send sends the cards shown, or none
    first = await run_in_threadpool(state.confirm_send, web.settings, batch, total, cards)
    if first is None:
        now = await run_in_threadpool(state.web_batch, web.settings, batch.name)
        if now is not None and now.deleted:  # Delete pressed at the same moment, on another page
            gone = BulkshipError(
                f"Batch {batch.name} was deleted at the same moment (on another page): nothing was sent",
                hint="to send its list, upload it again",
            )
            return render(request, "problem.html", 409, batch=batch, error=gone)
        return _see(f"/batches/{batch.name}/cost")  # changed meanwhile: its cost again, nothing sent
    await after_confirm(request, batch.name, first=first)
    web.runner.start(batch.name)
    return _see(f"/batches/{batch.name}/progress")


def _progress(web: Web, batch: state.WebBatch) -> dict[str, Any]:
    with Ledger.open(web.settings.ledger_location, lock=False) as ledger:
        orders = ledger.order_counts(batch.name)
        # an order the vendor failed after confirming it: its rows are failed, as the Results page says
        # ("0 row(s) refused or failed at the vendor" beside "2 failed" there: hunter-web6)
        rows = ledger.row_counts_shown(batch.name)
    total = sum(n for s, n in orders.items() if s != "cancelled")
    sent = orders.get("created", 0) + orders.get("rejected", 0)
    running = _sending(web, batch)
    # a follow-up's Send ('Send 1 order(s)') is counted on its own: '2 of 2 orders sent', the batch's, read
    # as two orders sent then (found by newcomer4)
    before = batch.sent_before or {}
    earlier = sum(before.get(s, 0) for s in state.SENT_STATES)
    return {
        "earlier": earlier,
        "send_total": max(total - earlier, 0),
        "send_sent": max(sent - earlier, 0),
        "send_confirmed": max(orders.get("created", 0) - before.get("created", 0), 0),
        "running": running,
        # sent by another process (the command line): this server neither runs nor resumes it
        "elsewhere": running and not (web.runner.active(batch.name) or batch.due),
        # this server's run of it waits its turn behind another batch's send or a tracking pass
        "queued": running and web.runner.waiting(batch.name),
        "orders_total": total,
        "orders_sent": sent,
        "orders_confirmed": orders.get("created", 0),
        # rows, not orders: an order refused for one line is sent again without it, and none of its other
        # people was refused ("2 refused" for a batch whose every card went out: review17)
        "rows_failed": rows.get("failed", 0),
        "orders_unsettled": sum(orders.get(s, 0) for s in OPEN_STATES),
        # planned orders (its cost page was opened, it waits for approval) are not a send: never "Finished"
        "nothing_sent": not sent and not any(orders.get(s, 0) for s in OPEN_STATES),
        # its orders wait for an approver: not "Finished" (a run refused for want of one read so: hunter-web6)
        "waiting_approval": _waiting_request(web.settings, batch.name)
        if not running and orders.get("planned")
        else None,
        "rows": rows,
        "percent": int(100 * sent / total) if total else (0 if running else 100),
        "send_percent": int(100 * (sent - earlier) / (total - earlier)) if total > earlier else 100,
        "last_run": batch.last_run if not running else None,
    }


async def progress(request: Request) -> Response:
    web = _web(request)
    batch = _batch_or_404(web, request.path_params["name"])
    data = await run_in_threadpool(_progress, web, batch)
    busy = request.query_params.get("busy", "")
    return render(
        request, "progress.html", batch=batch, p=data, busy="send" if busy == "send" else bool(busy)
    )


async def progress_live(request: Request) -> Response:
    web = _web(request)
    batch = _batch_or_404(web, request.path_params["name"])
    data = await run_in_threadpool(_progress, web, batch)
    return render(request, "progress_live.html", batch=batch, p=data)


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
    if await run_in_threadpool(state.rows_sent, web.settings, batch.name):  # found by newcomer8
        error = BulkshipError(
            f"Batch {batch.name} has sent orders: it stays, and so does its upload, which its Fix these and "
            "its results are read from. Nothing was deleted",
            hint="rows you do not want to send need nothing: they go out only when fixed and confirmed",
        )
        return render(request, "problem.html", 409, batch=batch, error=error)
    try:  # under the ledger's lock: never while a command-line run works on the ledger
        await run_in_threadpool(state.drop_unsent_plan, web.settings, batch.name)
    except LedgerLockedError as exc:  # its advice was to send the batch again
        busy = BulkshipError(
            exc.message,
            hint="wait for it to finish (the command line may be sending this batch), then delete it if it "
            "is still to be deleted",
        )
        return render(request, "problem.html", 409, batch=batch, error=busy)
    except BulkshipError as exc:
        return render(request, "problem.html", 409, batch=batch, error=exc)
    await run_in_threadpool(state.record, web.settings, batch.name, "web_deleted")
    now = await run_in_threadpool(state.web_batch, web.settings, batch.name)
    if now is not None and not now.deleted:  # Send was recorded first (another tab, another person)
        error = BulkshipError(
            f"Batch {batch.name} was sent at the same moment (Send was pressed on another page): it is "
            "being sent and cannot be deleted. Nothing was deleted",
            hint="see its progress; what it sends shows on its results",
        )
        return render(request, "problem.html", 409, batch=batch, error=error)
    await run_in_threadpool(uploads.remove_upload, web.settings, batch.upload)
    web.reviews.forget(batch)
    return _see("/")


def _waiting_request(settings: Settings, batch: str) -> int | None:
    """The batch's approval request still waiting for an approver, if any (team mode)."""
    from ..team import approvals, store

    if not store.team_mode(settings):
        return None
    found = approvals.latest(settings, batch)
    return found.id if found is not None and found.state == "pending" else None


def _error_page(title: str, message: str) -> str:
    return _templates.get_template("plain.html").render(title=title, message=message, banner=SANDBOX_BANNER)


def _too_large_page(size: int, limit: int) -> str:
    return _error_page(
        "File too large",
        f"This upload is {size / 1_048_576:,.1f} MB; the limit is {limit / 1_048_576:,.0f} MB. "
        "Split the file into smaller batches, or start the server with a higher --max-upload-mb.",
    )


def _unreachable_page(message: str) -> str:
    return _error_page("Ledger not reachable", _unreachable(message))


def _unreachable(message: str) -> str:
    """A ledger that cannot be read or written now (its database server stopped, the network): found by
    hunter-web (W12), every page answered a bare "Internal Server Error"."""
    return f"{message.rstrip('.')}. Reload the page to try again in a moment."


async def ledger_down(request: Request, exc: Exception) -> Response:
    message = _unreachable(unreachable_said(exc))
    return render(request, "plain.html", 503, title="Ledger not reachable", message=message)


def _stalled_page() -> str:
    return _error_page(
        "Upload stalled",
        "Nothing of this form or file arrived for a while, so the server stopped waiting for it. Nothing "
        "was saved. Send it again.",
    )


def _nul_page() -> str:
    return _error_page(
        "Not understood",
        "This address or form holds a character no page of bulkship takes (a NUL, %00). Nothing was done. "
        "Go back, reload the page and try again.",
    )


def _csrf_page() -> str:
    return _error_page(
        "Form refused",
        "This form did not come from this page (its security token is missing or out of date). "
        "Go back, reload the page and send it again.",
    )


async def not_found(request: Request, exc: Exception) -> Response:
    if isinstance(exc, _GoTo):
        if not exc.busy or request.method != "POST":
            return _see(exc.detail)
        # a Send clicked again (another tab, another person) is the sending already going on, not a change
        # to make again once it ends, as a cell fix is (hunter-web4's leftover, hunter-web5)
        sending = request.url.path.endswith("/confirm")
        return _see(exc.detail + ("?busy=send" if sending else "?busy=1"))
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
        Route("/batches/{name}/columns/every-row", columns.every_row, methods=["POST"]),
        Route("/batches/{name}/review", review),
        Route("/batches/{name}/rows/{row}", fix_row, methods=["POST"]),
        Route("/batches/{name}/column", fix_column, methods=["POST"]),
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
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={
            HTTPException: not_found,
            LedgerError: ledger_down,
            OperationalError: ledger_down,
        },
    )
    app.state.web = web
    signed_in = TeamAuth(app, settings, team_pages.forbidden_page)  # sign-in and roles, once accounts exist
    guarded = SecurityHeaders(
        BodyLimit(
            CsrfGuard(signed_in, _csrf_page, _nul_page), max_upload_bytes, _too_large_page, _stalled_page
        ),
        _unreachable_page,
    )
    guarded.web = web  # type: ignore[attr-defined]  # for tests and the serve command
    return guarded
