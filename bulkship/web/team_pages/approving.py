"""The approver's pages: the requests waiting and decided, a page batch's approval page (the cost page as
the approver sees it), approve and reject. A batch prepared from the command line: :mod:`.ledgerapproval`."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ...errors import BulkshipError
from ...team import approvals, audit
from .. import cost_pages, state
from .. import pagekit as pages
from ..pagekit import _here
from .changedcells import changed_cells
from .common import _actor, _address, _approve, _plan_unchanged, _request_of, _see, _settings, _withdrawn
from .ledgerapproval import approve_ledger_batch, ledger_approval_page


async def approvals_page(request: Request) -> Response:
    settings = _settings(request)
    found = await run_in_threadpool(approvals.approvals, settings)
    threshold = await run_in_threadpool(approvals.threshold, settings)
    newest: dict[str, int] = {}
    for asked in found:  # newest first
        newest.setdefault(asked.batch, asked.id)
    marked = [(a, a.state_beside(newest[a.batch])) for a in found]
    waiting = [a for a, s in marked if s == "pending"]
    # a request whose batch changed since, or was sent without it (the threshold raised meanwhile), can no
    # longer be approved: it read "Waiting" as if it could (found by hunter-web6)
    stale = {a.id for a in waiting if await run_in_threadpool(out_of_date, settings, a)}
    # ... nor one whose asker's account is disabled since, while it is (hunter-web22)
    gone = {a.id: await run_in_threadpool(approvals.asker_gone, settings, a) for a in waiting}
    gone = {n: why for n, why in gone.items() if why}
    return pages.render(
        request, "approvals.html", waiting=waiting, stale=stale, gone=gone,
        decided=[(a, s) for a, s in marked if s != "pending"][:100], threshold=threshold,
    )  # fmt: skip


def _as_shown(settings: Any, name: str, change: str, asked: approvals.Approval) -> bool:
    """Whether a page batch is still the one the approver's page showed (its rows' change, the plan asked
    about): asked again as the approval is written (approvals.decide's ``unchanged``)."""
    now = state.web_batch(settings, name)
    return (
        now is not None
        and str(now.change_id) == change
        and not now.plan_outdated
        and _plan_unchanged(settings, asked)
    )


def out_of_date(settings: Any, asked: approvals.Approval) -> bool:
    return state.request_out_of_date(settings, asked, state.web_batch(settings, asked.batch))


STALE_APPROVAL = (
    "Nothing was approved: the plan changed since you opened this page (rows were edited or orders planned "
    "again). Check the figures below; approve again if they are still right."
)
# ... when the batch changed since approval was asked for: approving again never could (review17)
STALE_REQUEST = (
    "Nothing was approved: the batch changed since approval was asked for, and this request can no longer be "
    "approved. The requester sends it again to ask anew; reject it if it should not be."
)


async def approval_page(request: Request) -> Response:
    """The cost page as the approver sees it: the same figures, the problems summary, approve or reject."""
    web = pages._web(request)
    name = request.path_params["name"]
    known = await run_in_threadpool(state.web_batch, web.settings, name)
    if known is None or known.deleted:
        return await ledger_approval_page(request, name, deleted=known is not None)
    batch = pages._idle(web, _here(web, pages._batch_or_404(web, name)))
    try:
        found = await run_in_threadpool(web.reviews.review, batch)
        view = await run_in_threadpool(lambda: cost_pages._plan(web, batch, balance_now=True))
    except BulkshipError as exc:
        exc = await run_in_threadpool(cost_pages.page_error, web.settings, batch.name, exc)
        return pages.render(request, "problem.html", 409, batch=batch, error=exc)
    changed = ""
    if request.query_params.get("changed"):
        asked = await run_in_threadpool(approvals.latest, web.settings, name)
        covers = False
        if asked is not None and view is not None and Decimal(view.batch_total) <= asked.total:
            covers = await run_in_threadpool(_plan_unchanged, web.settings, asked)
        changed = STALE_APPROVAL if covers else STALE_REQUEST
        if asked is not None and asked.state != "pending":  # decided already (Approve clicked twice): its
            changed = ""  # status box says so; "nothing was approved" was wrong (review17)
    withdrawn = request.query_params.get("withdrawn", "")
    if withdrawn.isdigit() and len(withdrawn) < 19:
        changed = await run_in_threadpool(asked_again, web.settings, name, int(withdrawn)) or changed
    # what the requester's cost page says of the list (a column not read, rows ordering several cards, rows
    # left out by a cell changed on the review page): the approver read none of it (found by hunter-web19)
    notes = await run_in_threadpool(cost_pages._cost_notes, web, batch, found)
    cells = await run_in_threadpool(changed_cells, web, batch)
    return pages.render(
        request, "cost.html", batch=batch, view=view, counts=found.counts, error=changed, approving=True,
        notes=notes, changed_cells=cells,
    )  # fmt: skip


async def approve(request: Request) -> Response:
    """Approve the plan asked about, and start sending it (the run acts for the requester)."""
    web = pages._web(request)
    settings = web.settings
    name = request.path_params["name"]
    known = await run_in_threadpool(state.web_batch, web.settings, name)
    if known is None or known.deleted:
        return await approve_ledger_batch(request, name)
    batch = _here(web, pages._batch_or_404(web, name))
    asked = await run_in_threadpool(_request_of, request, batch.name)
    if asked.decision == "approved" and asked.decided_by != _actor(request) and pages._sending(web, batch):
        # a colleague approved it first (on another server, or since this page was shown) and its run is
        # sending: sent to the progress page, dave read nothing of carol's approval (hunter-web28)
        return _see(f"/batches/{batch.name}/progress?approved={asked.id}")
    form = await request.form()
    view = await run_in_threadpool(cost_pages.plan_shown, web, batch, form.get("change"))
    prints = await run_in_threadpool(approvals.order_prints, settings, batch.name)
    unchanged = (
        view is not None
        and str(form.get("change")) == str(batch.change_id)
        and _decimal(form.get("total")) == view.worst_case
        and frozenset(prints) == asked.order_prints
        and Decimal(view.batch_total) <= asked.total
    )
    if view is None or not unchanged:  # the page said nothing of it: approving seemed to do nothing
        # ... and the trail nothing of the attempt, as it says of every other approval refused (hunter-web24);
        # a request decided already (a double click's second press) is no attempt refused
        if asked.decision is None:
            await run_in_threadpool(
                lambda: audit.record(
                    settings, "approve_refused", actor=_actor(request), address=_address(request),
                    batch=batch.name, request=asked.id, reason="request out of date",
                    said="the batch changed since approval was asked for (or since this page was shown)",
                )
            )  # fmt: skip
        return _see(f"/batches/{batch.name}/approval?changed=1")
    change = str(form.get("change"))
    try:
        await run_in_threadpool(
            _approve, request, asked, lambda: _as_shown(settings, batch.name, change, asked)
        )
    except approvals.ApprovalOutOfDateError:  # a fix saved as Approve was pressed: nothing approved
        return _see(f"/batches/{batch.name}/approval?changed=1")
    except approvals.ApprovalError as exc:  # a double click's second press: sent as the first press is
        if await run_in_threadpool(_withdrawn, request, asked.id):
            # its status box says so, and that nothing is sent (or the page says it was asked again)
            return _see(f"/batches/{batch.name}/approval?withdrawn={asked.id}")
        if await run_in_threadpool(_approved_by_another, request, asked.id):
            # two approvers pressing Approve at one moment: the second read a 403 'Not approved' page
            # though the first's approval sends the batch (hunter-web29's leftover)
            return _see(f"/batches/{batch.name}/progress?approved={asked.id}")
        if not await run_in_threadpool(_decided_by_them, request, asked.id, "approved"):
            return pages.render(request, "problem.html", 403, batch=batch, error=exc)
    # the run's limit: what it sends and the orders in doubt it asks about
    cards = {line.key: line.name for line in view.summary.by_product}  # the cards the approver saw
    total, approval = Decimal(view.worst_case), (asked.id, asked.requested_by)
    process = web.runner.process()
    if not await run_in_threadpool(
        lambda: state.confirm(settings, batch, total, cards, process=process, approval=approval)
    ):
        return _see(f"/batches/{batch.name}/approval?changed=1")
    web.runner.start(batch.name)
    return _see(f"/batches/{batch.name}/progress")


async def reject(request: Request) -> Response:
    web = pages._web(request)
    name = request.path_params["name"]
    asked = await run_in_threadpool(_request_of, request, name)
    form = await request.form()
    reason = str(form.get("reason") or "")[:2000]
    try:
        await run_in_threadpool(
            lambda: approvals.decide(
                web.settings, asked.id, person=_actor(request), approve=False, reason=reason,
                address=_address(request),
            )
        )  # fmt: skip
    except approvals.ApprovalError as exc:
        if await run_in_threadpool(_withdrawn, request, asked.id):
            return _see(f"/batches/{name}/approval?withdrawn={asked.id}")  # its status box says so
        if not await run_in_threadpool(_decided_by_them, request, asked.id, "rejected"):
            return pages.render(request, "plain.html", 403, title="Not rejected", message=exc.message)
    return _see("/approvals")


def asked_again(settings: Any, name: str, request_id: int) -> str:
    """What an approver's Approve or Reject of a request withdrawn since, and asked again as a newer one,
    did: nothing. It landed on the newer request's page with no word of it (found by hunter-web29)."""
    was, now = approvals.approval(settings, request_id), approvals.latest(settings, name)
    if was is None or was.batch != name or was.decision != "withdrawn" or now is None or now.id == was.id:
        return ""  # withdrawn and not asked again: its status box says so
    when = (was.decided_at or "")[:16].replace("T", " ")
    return (
        f"Nothing was decided: request #{was.id}, which your page showed, was withdrawn by {was.decided_by} "
        f"on {when} UTC and asked again as request #{now.id}, below: check it, then approve or reject it."
    )


def _approved_by_another(request: Request, request_id: int) -> bool:
    """Whether a colleague approved the request before this person's Approve reached the ledger."""
    found = approvals.approval(_settings(request), request_id)
    return found is not None and found.decision == "approved" and found.decided_by != _actor(request)


def _decided_by_them(request: Request, request_id: int, decision: str) -> bool:
    """Whether the request was decided so by this person already: a double click on Approve (Reject), whose
    second press found the first's decision, showed 'Request #7 for batch dbl was approved by carol
    already' as a refusal while the batch was being sent (found by hunter-web15 in Chromium)."""
    found = approvals.approval(_settings(request), request_id)
    return found is not None and found.decision == decision and found.decided_by == _actor(request)


def _decimal(value: Any) -> Decimal | None:
    """A total posted by a form, or None for anything else (NaN and sNaN too: W6, a 500 page)."""
    try:
        found = Decimal(str(value))
    except InvalidOperation:
        return None
    return found if found.is_finite() else None
