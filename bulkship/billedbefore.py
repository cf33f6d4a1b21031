"""What the vendor billed beside its orders' lines before (shipping or a fee on the order, by its own total),
said with a plan and counted in the most it may spend: the plan prices each order's lines from the catalog
alone, and a vendor billing 5.95 on every order beside them charged 55.95 for a cost page's 'Send 1 order(s)
for 50.00 USD ... the most this batch will spend', nothing said before (found by hunter-money25). Its earlier
orders of the same vendor API show it: the most one was billed counts on each order to make (the table's
total stays the lines': the vendor may not bill it again)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from .ledger import Ledger
from .money import cents, money_plain, money_text

if TYPE_CHECKING:
    from .reconcile.join import LedgerView

SHOWN = 3  # earlier orders named; the rest counted
# a run with no total to hold to (`run --yes` without --max-total) goes on: 'stops the run' promised a stop
# that never came, 57.95 charged where 55.95 was the most said (found by hunter-money27)
# (no flag named: the web page's words take a sentence naming --max-total for a refusal of its Send)
STOPS = "stops a run held to a total (one you confirm or set as its most, a cost page's Send, an approval)"
# what a confirmed plan counted beside the lines of each of its orders (:func:`charge_counted`)
ORDER_CHARGE_COUNTED = "order_charge_counted"


def order_charge(ledger: Ledger, batch: str, *, api: str | None = None) -> Decimal:
    """The most earlier orders of ``batch``'s vendor API were billed beside their lines (0 when none were):
    what each order of a plan counts beside its lines, in its total and its limits (:attr:`bulkship.runresult
    .PlanView.order_charges`). Said, not counted, a confirmed 'Send 1 order(s) for 50.00 USD' and `run
    --max-total 50` were charged 55.95 (hunter-money25's leftover 4, fixed by hunter-money26)."""
    return max(_billed_beside_lines(ledger, batch, api).values(), default=Decimal(0))


@dataclass(frozen=True)
class ToSendMost:
    """A batch's money to send (its lines' total, as its rows add it up) and what the vendor may bill beside
    the lines of each of its orders to send (:func:`order_charge`): the most sending them may cost."""

    lines: Decimal
    each: Decimal
    orders: int

    @property
    def most(self) -> Decimal:
        return self.lines + self.each * self.orders

    @property
    def words(self) -> str:
        return most_words(self.most)

    @property
    def note(self) -> str:
        """Said beside the totals (`status`, the Summary, the run's end): the plan counts the most."""
        return (
            f"To send: {money_text(self.lines)} for the lines, {self.words} (up to {money_text(self.each)} "
            f"on each of its {self.orders} order(s), as on earlier orders; counted in its plan's limits)"
        )

    def as_json(self) -> dict[str, object]:
        return {
            "lines": money_plain(self.lines),
            "order_charge": money_plain(self.each),
            "orders": self.orders,
            "most": money_plain(self.most),
        }


def most_words(most: Decimal) -> str:
    """Said beside a batch's lines' total to send, as its plan counts it (:attr:`ToSendMost.most`)."""
    return f"up to {money_text(most)} with what the vendor bills on each order"


def to_send_most(ledger: Ledger, batch: str, lines: Decimal, orders: int) -> ToSendMost | None:
    """What sending ``batch``'s money to send (``lines``, on ``orders`` orders) may cost with what the vendor
    bills on each of them; None when it bills nothing beside the lines (or nothing is to send). Before
    sending, `status`, the Batches page, the Summary and the approver's table said 'To send 50.00' of a plan
    that confirms and counts 55.95 against --max-total and the approval (hunter-money26's leftover 1)."""
    if not orders:
        return None
    each = order_charge(ledger, batch)
    return ToSendMost(lines, each, orders) if each else None


def to_send_notes(ledger: Ledger, view: LedgerView, batch: str) -> list[str]:
    """:attr:`ToSendMost.note` of the batch's orders still to send, beside the totals where they are said
    (runnotes.money_notes); none when nothing is planned or the vendor bills nothing beside the lines."""
    from .reconcile.join import money_by_bucket
    from .statuses import TO_SEND

    if not any(order.state == "planned" for order in view.orders.values()):
        return []  # (nothing to send: the rows' money is not read)
    planned = sum(1 for order in view.orders.values() if order.state == "planned")  # as the plan counts
    most = to_send_most(ledger, batch, money_by_bucket(view)[TO_SEND].total, planned)
    return [most.note] if most else []


def record_charge_counted(ledger: Ledger, batch: str, each: Decimal) -> None:
    """Record that the plan confirmed counted ``each`` beside the lines of every order it may make (those
    planned, and those in doubt): what they bill beside their lines within it is as planned."""
    orders = [
        o.po_number for o in ledger.orders(batch, states=("planned", "sending", "unknown"), payloads=False)
    ]
    if each and orders:
        ledger.log_event(batch, None, ORDER_CHARGE_COUNTED, amount=money_plain(each), orders=orders)


def charge_counted(ledger: Ledger, batch: str) -> dict[str, Decimal]:
    """PO -> what the plan confirmed before it was sent counted beside its lines (the latest; none when its
    plan counted nothing: the vendor's first orders billing so)."""
    found: dict[str, Decimal] = {}
    for event in ledger.events(batch, kinds=[ORDER_CHARGE_COUNTED]):
        for po in event.detail.get("orders") or ():
            found[str(po)] = Decimal(str(event.detail.get("amount") or 0))
    return found


def billed_as_counted(view: LedgerView, po: str, charged: Decimal) -> bool:
    """Whether order ``po``, charged ``charged``, cost its plan's lines and billed beside them no more than
    its plan confirmed counted there (:func:`charge_counted`): a cost page's 'Send 1 order(s) for 55.95'
    read, charged 55.95, 'The vendor charged 55.95 for 1 order(s) whose cost page said 50.00', the run and
    `status` 'costs differ from the plan ... planned 50.00' (found by hunter-money27)."""
    beside = view.billed.get(po, Decimal(0))
    counted = view.charge_counted.get(po, Decimal(0))
    lines_as_planned = cents(charged - beside) == cents(view.orders[po].cost)
    return 0 < beside <= counted and po not in view.billed_cards and lines_as_planned


def billed_before_notes(
    ledger: Ledger, batch: str, orders_to_send: int, *, api: str | None = None
) -> list[str]:
    """A note when earlier orders of ``batch``'s vendor API (``api`` for a batch the ledger does not hold
    yet: `validate --cost`) were billed money beside their lines (cards beyond their rows aside: those are
    cards, said where they are), and the plan may make ``orders_to_send`` orders; none otherwise."""
    if not orders_to_send:
        return []
    billed = _billed_beside_lines(ledger, batch, api)
    if not billed:
        return []
    most = max(billed.values())
    named = ", ".join(f"{po}: {money_text(amount)}" for po, amount in sorted(billed.items())[:SHOWN])
    more = f" and {len(billed) - SHOWN} more" if len(billed) > SHOWN else ""
    return [
        f"The vendor billed money beside the lines of {len(billed)} earlier order(s) (shipping, a fee or a "
        f"tax on the order, not in its catalog: {named}{more}). Counted in the most this plan may spend, "
        f"beside its lines' total: up to {money_text(most)} on each of the {orders_to_send} order(s) "
        f"({money_text(most * orders_to_send)} in all); the vendor billing more {STOPS}. Ask the vendor "
        "what it bills on an order"
    ]


def currency_before_notes(ledger: Ledger, batch: str, orders_to_send: int) -> list[str]:
    """A note when the vendor answered earlier orders of other batches of ``batch``'s vendor API in a currency
    other than the dollar none of ``batch``'s own orders was answered in, and the plan may make
    ``orders_to_send`` orders: a run held to a total stops after the first such order (..submit.room), so a
    vendor answering every order so costs one more run a batch, said nowhere before it (hunter-money30's
    leftover 5)."""
    from .ledger.ordernotes import FOREIGN_CURRENCY

    record = ledger.batch(batch)
    if not orders_to_send or record is None or record.api is None:
        return []
    same = {b.name for b in ledger.batches() if b.api == record.api}
    own: set[str] = set()
    other: dict[str, list[str]] = {}
    for event in ledger.events(None, kinds=[FOREIGN_CURRENCY]):
        currency = str(event.detail.get("currency", "")).strip().upper()
        if event.batch == batch:
            own.add(currency)
        elif event.batch in same and event.po_number:
            other.setdefault(currency, []).append(event.po_number)
    new = {currency: pos for currency, pos in sorted(other.items()) if currency not in own}
    if not new:
        return []
    said = "; ".join(
        f"{currency}: {', '.join(sorted(pos)[:SHOWN])}"
        + (f" and {len(pos) - SHOWN} more" if len(pos) > SHOWN else "")
        for currency, pos in new.items()
    )
    return [
        f"The vendor answered earlier orders of other batches in another currency than US dollars ({said}). "
        "If it answers this batch's so, a run held to a total (one you confirm or set as its most, a cost "
        "page's Send, an approval) stops after that first order: what it charges cannot be counted against "
        "the total. Check that charge with the vendor (bulkship reconcile), then run again: the rest go, "
        "counted at their planned dollars"
    ]


def _billed_beside_lines(ledger: Ledger, batch: str, api: str | None) -> dict[str, Decimal]:
    """PO -> what the vendor billed on it beside its lines, of the orders of every batch sent to the same
    vendor API as ``batch`` (``batch``'s own alone when its API is not recorded); cards beyond its rows
    taken off."""
    record = ledger.batch(batch)
    api = record.api if record is not None else api
    same = {b.name for b in ledger.batches() if api is not None and b.api == api} | {batch}
    cards = ledger.billed_cards()
    found: dict[str, Decimal] = {}
    for po, (of, amount) in ledger.billed_on_orders().items():
        if of not in same:
            continue
        beside = amount - (cards[po].cost if po in cards else Decimal(0))
        beside = min(beside, _beyond_its_plan(ledger, po, amount))
        if beside > 0:
            found[po] = beside
    return found


def _beyond_its_plan(ledger: Ledger, po: str, beside: Decimal) -> Decimal:
    """What order ``po`` was charged beyond its plan (its lines as charged, and ``beside`` them, less what
    was planned); ``beside`` when not known. Money beside the lines that its plan counted on them (a fee
    per card billed once on the order instead, shipping billed on the order's total) is no charge of its
    own: counted again on the next plan's orders, it took their total past what the vendor bills."""
    order = ledger.order(po)
    lines = ledger.charged_on_orders([po]) if order is not None else None
    if order is None or lines is None:
        return beside
    return lines + beside - order.cost
