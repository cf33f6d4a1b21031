"""A batch's progress page (and the fragment htmx polls) and its Delete: what its orders and rows are now, and
whether it may go.

Both ask the ledger (and, in a team, whether an approver may still approve the batch's request): a run
this server no longer holds (:mod:`.interrupted`), one sent by another process, one waiting its turn or an
approver.
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ..errors import BulkshipError, LedgerLockedError
from ..ledger import OPEN_STATES, Ledger
from ..settings import Settings
from . import batchledger, interrupted, state, uploads
from .held_pages import plan_those_held_for
from .pagekit import Web, _batch_or_404, _idle, _see, _sending, _web, _with_upload, another_upload, render


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
        # orders a run that ended left unsent (funds, a limit, a refusal, a `bulkship run` killed): it read
        # 'Finished.' where `status` says 'needs attention' (hunter-web29)
        "orders_left": orders.get("planned", 0),
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


def may_send(request: Request) -> bool:
    """Whether the person reading the page may send from a cost page (any person outside team mode). An
    approver's progress page after a refused run offered 'See its cost and send what is left', a page that
    says 'Nothing is sent from this page by you' (found by hunter-money25)."""
    from ..team.roles import SEND

    if not request.scope.get("team_mode"):
        return True
    me = request.scope.get("team_user")
    return me is not None and bool(SEND.roles & me.roles)


async def progress(request: Request) -> Response:
    web = _web(request)
    batch = _batch_or_404(web, request.path_params["name"])
    data = await run_in_threadpool(_progress, web, batch)
    data["may_send"] = may_send(request)
    busy = request.query_params.get("busy", "")
    asked = request.query_params.get("approved")
    approved = await run_in_threadpool(_approved_first, web.settings, batch, asked)
    return render(
        request, "progress.html", batch=batch, p=data, busy="send" if busy == "send" else bool(busy),
        approved_first=approved,
    )  # fmt: skip


async def progress_live(request: Request) -> Response:
    web = _web(request)
    batch = _batch_or_404(web, request.path_params["name"])
    data = await run_in_threadpool(_progress, web, batch)
    data["may_send"] = may_send(request)
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
    who = getattr(request.scope.get("team_user"), "name", "") or state.current_user()
    await run_in_threadpool(state.record, web.settings, batch.name, "web_deleted", by=who)
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
    await run_in_threadpool(plan_those_held_for, web, batch.name)
    return _see("/")


def _approved_first(settings: Settings, batch: state.WebBatch, asked: str | None) -> Any:
    """The batch's request ``asked`` (an approver's Approve found it approved by a colleague already), when
    it was approved: its progress page says by whom, and that the Approve added nothing."""
    from ..team import approvals, store

    if not asked or not asked.isdigit() or len(asked) > 18 or not store.team_mode(settings):
        return None
    found = approvals.approval(settings, int(asked))
    return found if found is not None and found.batch == batch.name and found.decision == "approved" else None


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
    if approvals.asker_gone(settings, found):  # nor one whose asker may not send since (hunter-web22)
        return None
    return found.id
