"""The room a confirmed plan leaves (step 3 to step 4): how much more than planned the vendor may charge
before the run passes the tightest of its limits (--max-total, the batch's budget, the total a cost page's
Send or a person confirmed, a team's sender limit). Worked out by :func:`bulkship.confirm.confirm_plan`,
held to by the submitter (:mod:`bulkship.submit.room`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from .money import cents
from .planview import PlanView

if TYPE_CHECKING:
    from .confirm import PlanLimits


@dataclass(frozen=True)
class SpendingRoom:
    """What the vendor may charge beyond the plan confirmed before the run passes ``limit`` (--max-total, the
    batch's budget, the total a cost page's Send confirmed, or the one a person said yes to at the command
    line): the plan is made with the vendor's prices of the day, and a vendor raising them during the run
    charges more than confirmed."""

    beyond_plan: Decimal
    limit: Decimal
    before: Decimal = Decimal(0)  # what counted against ``limit`` before this run (the batch's charges)
    said: str = "allowed"  # what ``limit`` is, after its amount: "the 125.00 allowed"
    # a total shown and confirmed (not a cap the person typed) lets a vendor round a cent a card otherwise
    # than the plan (billing.rounding_allowance): --max-total 250 was charged 250.10, exit 0 (review32)
    rounding: bool = False
    # orders in doubt counted at today's cost, dearer than stored (PlanView.dearer_in_doubt): PO -> cost
    dearer_in_doubt: Mapping[str, Decimal] = field(default_factory=dict)
    # what the vendor may bill on each order beside its lines, counted in the plan (PlanView.order_charge)
    order_charge: Decimal = Decimal(0)
    # the currencies the vendor answered the batch's orders in before, other than the dollar (PlanView's):
    # an order answered in another stops the run (..submit.room.RoomTally.past_room)
    currencies_before: frozenset[str] = frozenset()

    def planned_cost(self, po_number: str, stored: Decimal) -> Decimal:
        """What an order counts at against the limit: its stored cost, or for an order in doubt the dearer
        of that and today's (its worst case, as the plan confirmed counted it)."""
        return max(stored, self.dearer_in_doubt.get(po_number, stored))


def spending_room(options: PlanLimits, view: PlanView) -> SpendingRoom | None:
    """The tightest of the run's limits (:class:`SpendingRoom`); None when it has none."""
    rooms = []
    if options.max_total is not None:
        # a web Send's limit is the total its cost page showed: confirmed, not typed (taken up again after
        # a restart, its total_shown is gone and charged_at_send says it is the Send's)
        shown = options.charged_at_send is not None or (
            options.total_shown is not None and cents(options.total_shown) == cents(options.max_total)
        )
        said = "its Send confirmed" if shown else "allowed"  # a page's total is confirmed, not typed
        rooms.append(
            SpendingRoom(options.max_total - view.worst_case, options.max_total, said=said, rounding=shown)
        )
        if options.charged_at_send is not None:  # a page's Send: what its run charged before counts too
            since = charged_since_send(options.charged_at_send, view)
            left = options.max_total - since - view.worst_case
            rooms.append(
                SpendingRoom(left, options.max_total, since, said="its Send confirmed", rounding=True)
            )
    budget = options.max_batch_total
    if budget is not None:
        before = view.batch_total - view.worst_case  # charged, and rows waiting for review
        rooms.append(SpendingRoom(budget - view.batch_total, budget, before))
    team = options.sender_limit() if options.sender_limit is not None else None
    if team is not None:  # what the person may send alone, or the total approved (team mode)
        charged = view.batch_total - view.worst_case
        left = team.amount - view.batch_total
        rooms.append(SpendingRoom(left, team.amount, charged, said=team.said, rounding=team.approved))
    if options.confirm is not None and options.limit_to_confirmed:
        # the total shown with 'Send these orders?', answered yes to or confirmed by --yes: while `--yes` or
        # --max-total paid on past it (133.00 charged for 125.00 confirmed, exit 0: hunter-money6's L1, the
        # lead's decision). Last: a limit of its own leaving no more room (a team's) is the one named
        said = "you confirmed" if options.answered_in_person else "confirmed by --yes"  # (as shown)
        rooms.append(SpendingRoom(Decimal(0), view.worst_case, said=said, rounding=True))
    tightest = min(rooms, key=lambda room: room.beyond_plan, default=None)
    if tightest is None:
        return None
    if not all(room.rounding for room in rooms):
        tightest = replace(tightest, rounding=False)  # a cap typed holds to the cent, whichever is tightest
    return replace(
        tightest,
        dearer_in_doubt=view.dearer_in_doubt,
        order_charge=view.order_charge,
        currencies_before=view.currencies_before,
    )


def charged_since_send(charged_at_send: Decimal, view: PlanView) -> Decimal:
    """What the batch was charged since its page's Send (nothing when less: an order ended without a card)."""
    return max(view.charged.total - charged_at_send, Decimal(0))
