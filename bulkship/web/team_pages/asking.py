"""The requester's side of approval: what the cost page shows of it, the confirmation that asks for
approval instead of sending when the batch costs more than its person may send alone, and the request
withdrawn by the person who asked."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ...team import approvals, audit, store
from ...team.roles import SEND
from .. import pagekit as pages
from .. import state
from .common import _actor, _address, _request_of, _see, _settings


def team_cost(request: Request, batch: str, view: Any) -> dict[str, Any]:
    """What the cost page shows about approval: the batch's latest request (a rejection's reason), whether
    it covers the plan shown, and whether this person's send needs approval."""
    settings = _settings(request)
    empty: dict[str, Any] = {
        "approval": None, "current": False, "needs": False, "limit": Decimal(0), "nobody": False,
        "may_send": True, "lapsed": False, "rejected_again": False, "earlier": Decimal(0),
        "own_limit": Decimal(0), "rejected_people": [], "over": False, "asker_gone": "", "maker": "",
    }  # fmt: skip
    if not request.scope.get("team_mode"):
        return empty
    found = approvals.latest(settings, batch)
    current = view is None  # nothing left to send: an approval is not out of date, it was used (review17)
    if found is not None and view is not None:
        prints = approvals.order_prints(settings, batch)
        # an approval covers what is left of its plan once a part was sent (as the Send's check has it): the
        # page said "the batch changed since: sending it asks for approval again" and offered "Ask for
        # approval" on a batch partly sent, whose Send then went out at once on that approval (hunter-web6)
        current = (
            found.covers(prints, Decimal(view.batch_total))
            if found.decision == "approved"
            else found.order_prints == frozenset(prints) and Decimal(view.batch_total) <= found.total
        )
    # its approver disabled or no longer an approver since: sending asks anew (found by hunter-web4: the
    # page said "Approved" and offered Send as if it covered the plan)
    lapsed = (
        found is not None and found.decision == "approved" and not approvals.approver_active(settings, found)
    )
    current = current and not lapsed
    # a request whose asker's account is disabled since cannot be approved while it is: it read 'Waiting for
    # approval' with Approve offered, which was refused (hunter-web22)
    gone = approvals.asker_gone(settings, found) if found is not None and found.state == "pending" else ""
    # people of the plan an approver rejected in another batch (deleted since), said to whoever looks
    people = approvals.people.rejected_in(settings, batch) if view is not None else []
    me = request.scope.get("team_user")
    maker = _maker(settings, batch, found, me)
    if me is None or not SEND.roles & me.roles:  # finance was offered a Send that is refused (review17)
        return {
            **empty, "approval": found, "current": current, "may_send": False, "lapsed": lapsed,
            "rejected_people": people, "asker_gone": gone, "maker": maker,
        }  # fmt: skip
    person = _actor(request)
    # less what they sent alone today, said with it: "more than the 25.00 you may send alone" of a threshold
    # of 100.00 left the other 75.00 unexplained (found by newcomer8)
    own_limit = approvals.limit_for(settings, person)
    earlier = approvals.sent_alone(settings, person, besides=batch)
    limit = max(Decimal(0), own_limit - earlier)
    over = view is not None and Decimal(view.batch_total) > limit  # the batch's: charged included
    # rejected and cut below the limit, it went out on Send with no approver seeing it again (newcomer7)
    rejected = view is not None and approvals.rejected_since_approved(settings, batch) is not None
    needs = over or rejected or bool(people)
    if needs and found is not None and found.decision == "approved" and current:
        needs = False
    nobody = needs and not approvals.approvers_for(settings, person)  # a request no one could decide
    return {
        "approval": found, "current": current, "needs": needs, "limit": limit, "nobody": nobody,
        "may_send": True, "lapsed": lapsed, "rejected_again": needs and rejected and not over,
        "earlier": earlier, "own_limit": own_limit, "rejected_people": people, "over": over,
        "asker_gone": gone, "maker": maker,
    }  # fmt: skip


def _maker(settings: Any, batch: str, found: Any, me: Any) -> str:
    """Why the approver reading the page may not approve its waiting request, having changed the batch (a
    maker is no checker: :func:`bulkship.team.approvals.mayapprove._may_approve`); "" when they may. carol,
    an approver who sent a held row anyway on the Held rows page, was offered 'Approve and send' and
    refused on pressing it, 'carol changed batch dec (repeat)' (found by hunter-web26)."""
    if found is None or found.state != "pending" or me is None or "approver" not in me.roles:
        return ""
    if found.requested_by in (me.name, f"cli:{me.name}"):
        return ""  # the page says that another person approves it
    changed = sorted(
        {*audit.changes_by(settings, batch, me.name), *audit.changes_by(settings, batch, f"cli:{me.name}")}
    )
    if not changed:
        return ""
    said = audit.changes_said(changed, yours=True)
    if any(c.endswith(audit.NO_SAVER) for c in changed):  # anyone's: no approver may approve it alone
        return f"This batch was read with {said}: any approver may have chosen its columns; none approves it."
    return f"You changed this batch ({said}): another approver must approve it. You may still reject it."


async def before_confirm(request: Request, batch: str, view: Any, *, asks: bool = False) -> Response | None:
    """Called by the confirmation just before it records "send": None to go on, or the page to show
    instead (the batch now waits for approval). ``asks``: the page's button said 'Ask for approval': when
    the batch no longer needs one, its cost is shown again, nothing sent (found by hunter-web9: the
    threshold raised meanwhile, 'Ask for approval to send 1 order(s) for 150.00' sent 150.00 at once)."""
    settings = _settings(request)
    person, address = _actor(request), _address(request)
    total = Decimal(view.worst_case)

    def decide() -> int | None:
        if not store.team_mode(settings):
            return None
        if not approvals.needs_approval(settings, person, Decimal(view.batch_total), batch):
            if asks:
                return NOT_ASKED
            request.scope[CONFIRMING] = {"total": str(total)}  # said once recorded (after_confirm)
            return None
        found = approvals.latest(settings, batch)
        prints = approvals.order_prints(settings, batch)
        covered = found is not None and found.covers(prints, Decimal(view.batch_total))
        if covered and found is not None and approvals.approver_active(settings, found):
            request.scope[CONFIRMING] = {"total": str(total), "approval": found.id}
            return None
        asked, new = approvals.ask(
            settings, batch, total=Decimal(view.batch_total), person=person, address=address
        )
        if new:  # a double submit (or its resend) asks nothing more: its line named the same request again
            audit.record(
                settings, "confirm", actor=person, address=address, batch=batch, total=str(total),
                waits_for_approval=asked.id,
            )  # fmt: skip
        return asked.id

    waiting = await run_in_threadpool(decide)
    if waiting == NOT_ASKED:
        return _see(f"/batches/{batch}/cost?approval=unneeded")
    return None if waiting is None else _see(f"/batches/{batch}/approval")


NOT_ASKED = -1  # the page asked for an approval the batch no longer needs


CONFIRMING = "bulkship.confirming"
REPEATED_SEND = "Send pressed again for the same rows (a double click, another tab): sent once"


async def after_confirm(request: Request, batch: str, *, first: bool = True) -> None:
    """The trail's "confirm" line of a Send that goes on, written once the confirmation is recorded: a Send
    whose rows changed in the same moment confirms nothing, and its line said the person had confirmed
    (found by hunter-web4). It names who a background run acts for (:func:`bulkship.team.run_actor`).
    ``first``: False for a Send repeating one of the same rows not yet sent (a double click, two tabs): its
    line said 'confirm, total: 50.00' as the first did, four lines for one send of 50.00 (found by
    hunter-web10); it now says it repeats it. (It is still written: the run acts for the person of the last
    line, :func:`bulkship.team.run_actor`, and may start before the first press has written its own.)"""
    detail = request.scope.pop(CONFIRMING, None)
    if detail is None:
        return
    if not first:
        detail = {**detail, "again": REPEATED_SEND}
    settings, person, address = _settings(request), _actor(request), _address(request)
    await run_in_threadpool(
        lambda: audit.record(settings, "confirm", actor=person, address=address, batch=batch, **detail)
    )


async def withdraw(request: Request) -> Response:
    """The person who asked withdraws the request before an approver decides it (nothing is sent on it; the
    batch can then be changed, deleted or sent again, which asks anew): the cost page again, saying so. A
    second press (a double click, Back and resend) finds it withdrawn by them and shows the same."""
    settings = _settings(request)
    name = request.path_params["name"]
    asked = await run_in_threadpool(_request_of, request, name)
    form = await request.form()
    reason = str(form.get("reason") or "")[:2000]
    person = _actor(request)
    try:
        await run_in_threadpool(
            lambda: approvals.withdraw(
                settings, asked.id, person=person, reason=reason, address=_address(request)
            )
        )
    except approvals.ApprovalError as exc:
        now = await run_in_threadpool(approvals.approval, settings, asked.id)
        if now is None or now.decision != "withdrawn" or now.decided_by != person:
            message = exc.message + (f" ({exc.hint})" if exc.hint else "")
            return pages.render(request, "plain.html", 409, title="Not withdrawn", message=message)
    known = await run_in_threadpool(state.web_batch, settings, name)
    on_page = known is not None and not known.deleted
    return _see(f"/batches/{name}/cost" if on_page else f"/batches/{name}/approval")
