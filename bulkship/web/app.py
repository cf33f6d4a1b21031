"""The pages of ``bulkship serve``: thin handlers over :mod:`bulkship.api`, :mod:`.state` and :mod:`.review`.

Every page is rendered on the server from the ledger (and the upload it names), so a reload shows the same
thing; htmx only polls the progress fragment. Library calls run in a worker thread (they read files, call
the vendor and use ``asyncio.run``); anything that plans or sends goes through the :class:`Runner`'s lock.

The pages by step: :mod:`.pagekit` (what every handler uses: templates, rendering, the batch a URL names),
:mod:`.batches` (the list), :mod:`.upload_pages` (a new batch, its sheet, the review), :mod:`.columns`,
:mod:`.cost_pages` (the cost page and its Send), this module (the progress and delete pages, the error pages
and :func:`create_app`), :mod:`.results_pages` (results, the vendor comparison), :mod:`.downloads`,
:mod:`.resolve_pages` and :mod:`.team_pages`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy.exc import OperationalError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import BulkshipError, LedgerError, LedgerLockedError, NewerLedgerError
from ..ledger import OPEN_STATES, Ledger
from ..load import MAX_FILE_BYTES
from ..settings import Settings
from . import (
    batches,
    batchledger,
    columns,
    held_pages,
    interrupted,
    profile_pages,
    resolve_pages,
    state,
    uploads,
)
from .balance import BalanceReader
from .cost_pages import confirm, cost
from .downloads import download
from .guards import PLAIN_HTTP_SAID, UNREACHABLE, BodyLimit, CsrfGuard, SecurityHeaders, unreachable_said
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
    another_upload,
    render,
)
from .results_pages import reconcile, refresh_tracking, results
from .review import Reviews
from .runner import Runner
from .upload_pages import choose_sheet, fix_column, fix_row, new_batch, review, upload

log = logging.getLogger("bulkship.web")

DEFAULT_MAX_UPLOAD_BYTES = MAX_FILE_BYTES  # what the loader accepts: a million rows fit with room to spare


def _progress(web: Web, batch: state.WebBatch) -> dict[str, Any]:
    with Ledger.open(web.settings.ledger_location, lock=False) as ledger:
        orders = ledger.order_counts(batch.name)
        # an order the vendor failed after confirming it: its rows are failed, as the Results page says
        # ("0 row(s) refused or failed at the vendor" beside "2 failed" there: hunter-web6)
        rows = ledger.row_counts_shown(batch.name)
    total = sum(n for s, n in orders.items() if s != "cancelled")
    sent = orders.get("created", 0) + orders.get("rejected", 0)
    cut = interrupted.run_interrupted(web, batch)  # its server process gone: not 'Sending…' (hunter-web19)
    running = _sending(web, batch) and not cut
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
        "waiting_approval": _approvable_request(web.settings, batch)
        if not running and orders.get("planned")
        else None,
        "rows": rows,
        "percent": int(100 * sent / total) if total else (0 if running else 100),
        "send_percent": int(100 * (sent - earlier) / (total - earlier)) if total > earlier else 100,
        "last_run": batch.last_run if not running else None,
        "interrupted": cut,
        "resumable": cut and interrupted.resumable(web, batch),
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
    name = request.path_params["name"]
    form = await request.form()
    shown = str(form.get("upload") or "")  # the upload the page showed ("": not said)
    try:
        batch = _idle(web, _with_upload(web, name))
    except HTTPException:
        known = await run_in_threadpool(state.web_batch, web.settings, name)
        if known is None or not known.deleted or shown != known.upload_id:
            raise
        from .auth import nothing_changed

        nothing_changed(request.scope)
        return _see("/")  # deleted already (a double click's second press: it read 'Not found')
    other = another_upload(form, batch, "Nothing was deleted")  # a page left open deleted a new upload
    if other is not None:
        return render(request, "problem.html", 409, batch=batch, error=other)
    # a deleted batch's request could still be approved (found by a newcomer); one no approver can approve any
    # more (its rows changed since it was asked) kept the batch for good as well (hunter-web19's LO3)
    waiting = await run_in_threadpool(_approvable_request, web.settings, batch)
    if waiting is not None:
        error = BulkshipError(
            f"Batch {batch.name} waits for an approver (request #{waiting}): it cannot be deleted while the "
            "request waits. Nothing was deleted",
            hint="the person who asked withdraws it (Withdraw, on the batch's cost page), or an approver "
            "rejects it on Approvals; then the batch can be deleted (so can it once its rows changed since "
            "the request: no approver can approve that request any more)",
        )
        return render(request, "problem.html", 409, batch=batch, error=error)
    if await run_in_threadpool(batchledger.rows_sent, web.settings, batch.name):  # found by newcomer8
        error = BulkshipError(
            f"Batch {batch.name} has sent orders: it stays, and so does its upload, which its Fix these and "
            "its results are read from. Nothing was deleted",
            hint="rows you do not want to send need nothing: they go out only when fixed and confirmed",
        )
        return render(request, "problem.html", 409, batch=batch, error=error)
    try:  # under the ledger's lock: never while a command-line run works on the ledger
        await run_in_threadpool(batchledger.drop_unsent_plan, web.settings, batch.name)
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


def _approvable_request(settings: Settings, batch: state.WebBatch) -> int | None:
    """The batch's request an approver may still approve: none when it is out of date (the batch changed
    since it was asked), whose progress read 'Waiting for an approver (request #2): the orders left go out
    once another person approves them' of a request Approvals and the cost page call out of date and no
    approval can send (found by hunter-web14: the Card Carrier changed while the request waited)."""
    from ..team import approvals, store

    if not store.team_mode(settings):
        return None
    found = approvals.latest(settings, batch.name)
    if found is None or found.state != "pending" or state.request_out_of_date(settings, found, batch):
        return None
    return found.id


def _error_page(title: str, message: str) -> str:
    return _templates.get_template("plain.html").render(title=title, message=message, banner=SANDBOX_BANNER)


def _too_large_page(size: int, limit: int) -> str:
    return _error_page(
        "File too large",
        f"This upload is {size / 1_048_576:,.1f} MB; the limit is {limit / 1_048_576:,.0f} MB. "
        "Split the file into smaller batches, or start the server with a higher --max-upload-mb.",
    )


def _unreachable_page(exc: Exception) -> str:
    """Said before anyone signed in (the sign-in guard's read): without the ledger's address."""
    return _error_page("Ledger not reachable", _unreachable(_said_to_anyone(exc), exc))


def _said_to_anyone(exc: Exception) -> str:
    """What a ledger out of reach is said to be to a person not signed in: not where it is."""
    return _NEWER if isinstance(exc, NewerLedgerError) else UNREACHABLE


def _unreachable(message: str, exc: Exception) -> str:
    """A ledger that cannot be read or written now (its database server stopped, the network): found by
    hunter-web (W12), every page answered a bare "Internal Server Error". One a newer bulkship upgraded
    (a colleague's command line, on the team's shared ledger) is no moment's outage: its page said to
    reload, which never helps (found by newcomer9); it says to upgrade this server."""
    if isinstance(exc, NewerLedgerError):
        return f"{message.rstrip('.')}. {_UPGRADE_SERVER}"
    return f"{message.rstrip('.')}. Reload the page to try again in a moment."


_NEWER = "The ledger was upgraded by a newer bulkship than this server's: nothing was read or changed"
_UPGRADE_SERVER = (
    "Until this server is upgraded it reads and changes nothing: upgrade bulkship on the server's machine to "
    "the version the others use (pip install -U bulkship), then start bulkship serve again."
)


async def ledger_down(request: Request, exc: Exception) -> Response:
    if request.scope.get("team_mode") and request.scope.get("team_user") is None:
        # nobody signed in (the sign-in form's own read): the ledger's path or address is the team's only
        # (newcomer9's L2: a sign-in named /srv/.../ledger.sqlite to whoever tried it)
        said = _said_to_anyone(exc)
    else:
        said = unreachable_said(exc)
    message = _unreachable(said, exc)
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
    web = Web(settings, runner, Reviews(settings), max_upload_bytes, BalanceReader(settings))

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
        await run_in_threadpool(web.balances.close)

    from . import team_pages
    from .auth import TeamAuth

    team_pages.install(_templates)
    static = StaticFiles(packages=[("bulkship.web", "static")])
    routes = [
        *team_pages.routes(),
        Route("/", batches.home),
        Route("/batches/new", new_batch),
        Route("/batches", upload, methods=["POST"]),
        Route("/batches/{name}", batches.open_batch),
        Route("/batches/{name}/sheet", choose_sheet, methods=["POST"]),
        Route("/batches/{name}/columns", columns.columns),
        Route("/batches/{name}/columns", columns.change, methods=["POST"]),
        Route("/batches/{name}/columns/reset", columns.reset, methods=["POST"]),
        Route("/batches/{name}/columns/profile", profile_pages.save_profile, methods=["POST"]),
        Route("/batches/{name}/columns/use", profile_pages.use_profile, methods=["POST"]),
        Route("/batches/{name}/columns/every-row", columns.every_row, methods=["POST"]),
        Route("/batches/{name}/review", review),
        Route("/batches/{name}/rows/{row}", fix_row, methods=["POST"]),
        Route("/batches/{name}/column", fix_column, methods=["POST"]),
        Route("/batches/{name}/cost", cost),
        Route("/batches/{name}/confirm", confirm, methods=["POST"]),
        Route("/batches/{name}/held", held_pages.held),
        Route("/batches/{name}/held", held_pages.choose, methods=["POST"]),
        Route("/batches/{name}/progress", progress),
        Route("/batches/{name}/progress/live", progress_live),
        Route("/batches/{name}/resume", interrupted.resume, methods=["POST"]),
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
            CsrfGuard(signed_in, _csrf_page, _nul_page, lambda: _error_page("Form refused", PLAIN_HTTP_SAID)),
            max_upload_bytes,
            _too_large_page,
            _stalled_page,
        ),
        _unreachable_page,
    )
    guarded.web = web  # type: ignore[attr-defined]  # for tests and the serve command
    return guarded
