"""What a run's orders counted against its limit (:class:`RoomTally`): the vendor charging more than planned
(its prices raised during the run), and the orders whose answer was lost, at their worst case. No order
leaves once the count passes the room the limit leaves (:class:`bulkship.spendingroom.SpendingRoom`)."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from decimal import Decimal

from ..billing import billed_on_order, charged_beyond_plan, charged_cost, rounding_allowance
from ..errors import ChargedPastLimitError, SpendLimitError
from ..ledger import OrderRecord
from ..models import VendorOrder
from ..money import cents, money_text
from ..payload import line_items
from ..spendingroom import SpendingRoom

LOOK_AGAIN = (
    "run the same `bulkship run` again (or open the batch's cost page): it shows the orders left at the "
    "vendor's prices of today, what was charged counted too, and sends them once that plan is confirmed "
    "(--yes confirms it as shown)"
)


# what the cost of an order left planned by the stop is, by whether the vendor's prices were read again
_PRICED: dict[bool | None, str] = {
    True: "; its cost here is at the vendor's prices read after that charge",
    False: (
        "; its cost here is still its plan's: the vendor's prices could not be read again after that "
        "charge, the next run shows what it costs today"
    ),
}


@dataclass(frozen=True)
class _Beyond:
    """The first order counted beyond its plan: charged so, or (``lost``) its answer lost, counted at the
    vendor's prices of today."""

    po: str
    cost: Decimal
    planned: Decimal
    lost: bool = False
    other_cards: bool = False  # the vendor's order holds other cards than the plan's
    beside: Decimal = Decimal(0)  # what of it the order bills beside its lines, when all of it is so

    def _beside_said(self) -> str:
        return (
            f"{money_text(self.beside)} of it billed on the order beside its lines (shipping, a fee or a tax "
            "not in its catalog)"
        )

    def cause(self) -> str:
        """Why the run stopped, as the note of each order it left planned says it (after 'Not sent yet:')."""
        if self.other_cards:
            return (
                f"the vendor's order {self.po} costs {money_text(self.cost)} where its plan costs "
                f"{money_text(self.planned)} (it holds other cards than this plan's)"
            )
        if self.lost:
            return (
                f"the answer to {self.po} was lost as the vendor's prices rose (it may have cost "
                f"{money_text(self.cost)}, planned {money_text(self.planned)})"
            )
        why = self._beside_said() if self.beside else "its prices may have risen since"
        return (
            f"the vendor charged {money_text(self.cost)} for {self.po} where the plan priced it "
            f"{money_text(self.planned)} ({why})"
        )

    def said(self) -> str:
        if self.other_cards:  # not a price: a colleague's order under this PO number (hunter-web18's LO1)
            return (
                f"The vendor's order {self.po} costs {money_text(self.cost)} where its plan costs "
                f"{money_text(self.planned)}: it holds other cards than this plan's (an order of that PO "
                "number sent before, from another computer or ledger, or with the list edited since)."
            )
        if self.lost:
            return (
                f"The vendor's prices rose since the plan, and the answer to {self.po} was lost: it may have "
                f"been charged {money_text(self.cost)} (planned {money_text(self.planned)})."
            )
        why = self._beside_said() if self.beside else "its prices may have changed since the plan"
        return (
            f"The vendor charged more than planned ({self.po}: {money_text(self.cost)}, planned "
            f"{money_text(self.planned)}): {why}."
        )


@dataclass(frozen=True)
class _Foreign:
    """The first order the vendor answered in a currency other than the plan's dollars, new to the batch: the
    rows count at their planned dollars, so no limit sees what it charges (found by hunter-money30: 133.00
    CAD charged for 125.00 confirmed, exit 0). The lead's decision: a run held to a total stops there."""

    po: str
    currency: str
    planned: Decimal
    raw: dict[str, object]

    def said(self, room: SpendingRoom) -> str:
        shown = next((v for k, v in self.raw.items() if k.lower() in ("cost", "total")), None)
        try:
            total = f"{money_text(Decimal(str(shown)))} {self.currency}, " if shown is not None else ""
        except ArithmeticError:
            total = ""
        return (
            f"The vendor answered {self.po} in {self.currency}, not US dollars ({total}planned "
            f"{money_text(self.planned)} USD): what it charges cannot be counted against the "
            f"{money_text(room.limit)} {room.said}."
        )

    def hint(self, batch: str) -> str:
        return (
            f"check what {self.po} charged with the vendor: bulkship reconcile {shlex.quote(batch)}; then "
            f"{LOOK_AGAIN}; the batch's orders known to be answered in {self.currency}, the orders left go, "
            "counted at their planned dollars"
        )


class RoomTally:
    """The run's orders counted against ``room``: what each made order cost within its plan, and beyond it."""

    def __init__(self, room: SpendingRoom, batch: str = "BATCH") -> None:
        self.room = room
        self.batch = batch  # named in the command that compares the charges
        self._beyond_plan = Decimal(0)  # what the vendor charged (or may have) beyond the plan
        self._first: _Beyond | None = None  # the first such order
        self._planned_made = Decimal(0)  # the planned cost of the orders the vendor made (or may have)
        self._lost: dict[str, tuple[Decimal, Decimal]] = {}  # PO in doubt -> (planned, beyond) counted
        self.stop: SpendLimitError | None = None  # the stop :meth:`past_room` made, once
        self._orders: set[str] = set()  # the orders counted: made, or in doubt
        self._below = False  # an order charged less than its plan, beyond rounding (a price lowered)
        self._foreign: _Foreign | None = None  # the first order answered in a currency new to the batch

    def count_made(self, order: OrderRecord, vendor_order: VendorOrder) -> None:
        """Count what the vendor charged for ``order`` beyond its plan (an order in doubt: its worst case,
        :meth:`SpendingRoom.planned_cost`); a cent a card or less is the vendor rounding otherwise than the
        plan (:func:`rounding_allowance`), not counted under a total shown and confirmed: at a web Send's
        room of 0, a vendor rounding a card a cent up would stop every Send after its first order
        (hunter-money6's L2). A cap the person typed (--max-total, a batch's budget) counts every cent. An
        order counted while its answer was lost counts as the vendor shows it now, instead."""
        self._uncount_lost(order.po_number)
        planned = self.room.planned_cost(order.po_number, order.cost)
        currency = vendor_order.currency.strip().upper()
        if currency not in ("", "USD") and currency not in self.room.currencies_before:
            self._foreign = self._foreign or _Foreign(order.po_number, currency, planned, vendor_order.raw)
        charge = self.room.order_charge  # billed beside the lines, as on earlier orders: in the plan
        self._planned_made += _made_within(vendor_order, order.cost, planned, charge)
        beyond = max(charged_beyond_plan(vendor_order, planned) - charge, Decimal(0))
        shown = charged_cost(vendor_order, planned)
        if shown is not None and cents(shown) + rounding_allowance(line_items(order)) < cents(planned):
            self._below = True
        # billed beside the lines, all of it: no price rose (a vendor's first orders so: hunter-money28)
        beside = billed_on_order(vendor_order, ()) - charge
        self._count_beyond(
            order,
            beyond,
            planned + charge,
            other_cards=bool(beyond) and holds_other_cards(order, vendor_order),
            beside=beside if Decimal(0) < beyond <= beside else Decimal(0),
        )

    def count_lost(self, order: OrderRecord, today: Decimal | None) -> SpendLimitError | None:
        """Count ``order``, its answer lost, at its worst case: the vendor may have made it, at ``today``'s
        cost (its lines at the vendor's prices now) when that is dearer than its plan. Not counted, a fee
        raised after the third of five orders and the fourth's answer lost let the fifth go at the new fee
        too: 129.00 charged for a limit of 125.00 (hunter-money7's L5). ``today`` None (the prices could
        not be read): the stop, its cost unknown."""
        if order.po_number in self._lost:
            return None
        if today is None:
            return SpendLimitError(
                f"The answer to {order.po_number} was lost and the vendor's prices could not be read to "
                f"count what it may have cost against the {money_text(self.room.limit)} {self.room.said}. "
                "The orders left were not sent; they stay to send",
                hint=LOOK_AGAIN,
            )
        # its lines at the dearer cost, and what the vendor may bill beside them (counted in the plan)
        planned = self.room.planned_cost(order.po_number, order.cost)
        beyond = max(cents(today) - cents(planned), Decimal(0))
        planned += self.room.order_charge
        self._planned_made += planned
        self._lost[order.po_number] = (planned, self._count_beyond(order, beyond, planned, lost=True))
        return None

    def _count_beyond(
        self,
        order: OrderRecord,
        beyond: Decimal,
        planned: Decimal,
        *,
        lost: bool = False,
        other_cards: bool = False,
        beside: Decimal = Decimal(0),
    ) -> Decimal:
        """Count ``beyond`` unless it is rounding (see :meth:`count_made`); what was counted."""
        self._orders.add(order.po_number)
        if beyond <= (rounding_allowance(line_items(order)) if self.room.rounding else 0):
            return Decimal(0)
        self._beyond_plan += beyond
        self._first = self._first or _Beyond(
            order.po_number, planned + beyond, planned, lost, other_cards, beside
        )
        return beyond

    def _uncount_lost(self, po: str) -> None:
        """An order counted while its answer was lost, settled since: its count is the vendor's now."""
        planned, beyond = self._lost.pop(po, (Decimal(0), Decimal(0)))
        self._planned_made -= planned
        self._beyond_plan -= beyond

    @property
    def charged_otherwise(self) -> bool:
        """Whether the vendor charged an order beyond its plan (or may have, its answer lost) or below it, not
        as rounding nor for other cards than the plan's: its prices may have changed during the run."""
        return self._below or (self._first is not None and not self._first.other_cards)

    def past_room(self) -> SpendLimitError | None:
        """Why no other order may leave: the vendor charged more than planned (its prices raised during the
        run), or may have for an order whose answer was lost, beyond the room the run's limit leaves. Not
        checked, a fee raised after the first of five orders had `run --max-total 125` (and the web's Send of
        a cost page's 6,250.00) charge past it, exit 0 (found by hunter-money6)."""
        room = self.room
        if self._foreign is not None:  # what it charges cannot be counted against the limit (the lead's)
            self.stop = self.stop or SpendLimitError(
                f"{self._foreign.said(room)} The orders left were not sent; they stay to send",
                hint=self._foreign.hint(self.batch),
            )
            return self.stop
        if self._first is None or self._beyond_plan <= room.beyond_plan:
            return None
        self.stop = self.stop or SpendLimitError(
            f"{self._first.said()} The orders left were not sent, so that the run does not cost more than "
            f"the {money_text(room.limit)} {room.said}; they stay to send",
            hint=LOOK_AGAIN,
        )
        return self.stop

    def left_note(self, priced: bool | None = None) -> str | None:
        """What each order :meth:`past_room` left planned says of why it was not sent (its row's note); None
        when the run was not stopped so. Without it, a row read 'Not sent yet. Re-run the same command to send
        it.', nothing of the price. ``priced``: whether the vendor's prices were read again after the stop
        (the orders left then cost what they cost today), None when not tried. It said "its cost is shown
        again at the vendor's prices of today before it is sent" of rows already priced so (27.00 where the
        plan said 25.00: hunter-money29's L4), and of rows at their plan's when they could not be read."""
        if self.stop is not None and self._foreign is not None:
            return (
                f"the run stopped before this order left: the vendor answered {self._foreign.po} in "
                f"{self._foreign.currency}, not US dollars, and what it charges cannot be counted against "
                f"the {money_text(self.room.limit)} {self.room.said}; run again once that charge is checked"
            )
        if self.stop is None or self._first is None:
            return None
        return (
            f"the run stopped before this order left: {self._first.cause()}, so that the run spends no "
            f"more than the {money_text(self.room.limit)} {self.room.said}{_PRICED.get(priced, '')}"
        )

    def past_room_at_the_end(self, *, left: bool, together: bool) -> SpendLimitError | None:
        """Once no order is in flight: whether the orders that went out together, before the vendor's
        answers showed its prices raised, took the run past its limit. Said so, as any stop: the first order
        went alone and the four after it left at once, 133.00 charged for `run --max-total 125`, exit 0 and
        nothing said (found by review31: aeb2766 stopped it only at concurrency 1); stopped by
        :meth:`past_room` with orders left, it said "so that the run does not cost more than the 125.00
        allowed" of 130.00 charged by the three orders in flight (review31's leftover, review32).
        ``left``: orders stay planned, not sent; ``together``: orders went out several at a time. One at a
        time, the last order's answer lost with the prices raised, it said "Its answers came after other
        orders had left ... the orders left were not sent, they stay to send" of a run that had sent them
        all, one after the other, and told to run with --concurrency 1, as it had (the lead's L5, checked
        by hunter-money9)."""
        room = self.room
        if self._first is None:
            return None
        spent = room.before + self._planned_made + self._beyond_plan
        if spent <= room.limit:
            return None
        doubt = (
            f" (at most: {len(self._lost)} order(s) in doubt counted at their worst case)"
            if self._lost
            else ""
        )
        together = together and len(self._orders) > 1  # one order alone went out with none
        gone = "other orders" if self.stop is not None else "the run's orders"
        came = f"Its answers came after {gone} had left: " if together else ""
        counted = f"{money_text(spent)}{doubt} counts against the {money_text(room.limit)} {room.said}"
        return ChargedPastLimitError(
            f"{self._first.said()} {came}{counted}"
            + ("; the orders left were not sent, they stay to send" if left else ""),
            hint=(LOOK_AGAIN + "; " if left else "")
            + f"compare the charges with the vendor's: bulkship reconcile {shlex.quote(self.batch)}"
            + (" (with --concurrency 1, no order leaves after one charged past the limit)" * together),
            counted=counted,
            left=left,
        )


def holds_other_cards(order: OrderRecord, vendor_order: VendorOrder) -> bool:
    """Whether the vendor's order shows other cards than ``order`` sent: another count of cards, or other
    face values (and products, when it names them) for them. What it does not show is not held against it:
    a vendor not echoing values or products is not said to hold others."""
    lines = vendor_order.card_lines
    items = line_items(order)
    ours = [
        (str(i.get("ProductId") or "").upper(), _value(i.get("Value")))
        for i in items
        for _ in range(_count(i))
    ]
    theirs = [(li.product_id.upper(), cents(li.value)) for li in lines for _ in range(max(li.quantity, 1))]
    if not lines or not ours:
        return False
    if len(theirs) != len(ours):
        return True
    named = all(product for product, _ in theirs)
    valued = all(value for _, value in theirs)
    if not valued:
        return named and sorted(p for p, _ in theirs) != sorted(p for p, _ in ours)
    if not named:
        return sorted(v for _, v in theirs) != sorted(v for _, v in ours)
    return sorted(theirs) != sorted(ours)


def _value(value: object) -> Decimal:
    try:
        return cents(Decimal(str(value)))
    except (ArithmeticError, ValueError):
        return Decimal(0)


def _count(item: dict[str, object]) -> int:
    try:
        return max(int(str(item.get("Quantity") or 1)), 1)
    except ValueError:
        return 1


def _made_within(
    vendor_order: VendorOrder, stored: Decimal, planned: Decimal, charge: Decimal = Decimal(0)
) -> Decimal:
    """What an order the vendor made counts at within ``planned`` and ``charge`` (what the plan counts the
    vendor may bill beside its lines), its cost against the limit (``planned``, for an order in doubt, the
    dearer of its ``stored`` cost and today's): what the vendor shows it charged, no less than stored, when
    that is less: one found made at its stored cost is not said to have cost today's price, nor one billed
    nothing beside its lines the charge counted."""
    if planned == stored and not charge:
        return stored
    shown = charged_cost(vendor_order, planned)
    return planned + charge if shown is None else min(max(shown, stored), planned + charge)
