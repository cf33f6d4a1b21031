"""The counts and money of a result workbook, gathered once while the rows stream past (:class:`_Tally`):
every sum the Orders and Summary sheets show is added up here once, from the rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from ...money import BilledCards, Breakdown, MoneyTally
from ...statuses import CHARGED, MONEY_BUCKETS, ORDERED_BEFORE, TO_SEND
from .billednote import add_billed
from .book import RESULT_STATUSES, OrderSummary, RowOutcome


class _Kind(NamedTuple):
    """What a row's money is added up by: rows holding the same are added up once, as many times as they
    are."""

    bucket: str  # its money bucket (charged, in doubt, to send)
    po_number: str
    product: str
    shipping_method: str
    cards: int
    face_value: Decimal | None
    discount: Decimal | None
    fees: Decimal | None
    shipping: Decimal | None
    cost: Decimal | None  # None: unknown, counted, never added as 0.00

    def money(self, count: int) -> Breakdown:
        """The money of ``count`` rows of this kind (an unknown figure adds nothing)."""
        zero = Decimal(0)
        return Breakdown(
            face_value=count * (self.face_value or zero),
            discount=count * (self.discount or zero),
            fees=count * (self.fees or zero),
            shipping=count * (self.shipping or zero),
            total=count * (self.cost or zero),
        )


@dataclass(frozen=True)
class _Totals:
    """The money the Orders and Summary sheets show, added up by each of what they list it by."""

    by_money: dict[str, MoneyTally]  # money bucket ->
    by_order: dict[str, MoneyTally]  # PO ->
    by_product: dict[str, MoneyTally]  # charged or in doubt only
    by_shipping: dict[str, MoneyTally]  # charged or in doubt only


class _Tally:
    """Counts and money gathered while the rows stream past, for the Orders and Summary sheets. Every sum
    the workbook shows is one of these, added up once from the rows.

    Rows are counted by what they hold (bucket, order, product, method, figures, cards), and the money is
    added up once per distinct kind of row: a 100k-row batch has a few thousand."""

    def __init__(self) -> None:
        self.by_status: dict[str, int] = dict.fromkeys(RESULT_STATUSES, 0)
        self.rows = 0
        self.skipped_ordered_before = 0  # of the skipped: rows whose card another batch ordered already
        self._kinds: dict[_Kind, int] = {}
        self._totals: _Totals | None = None
        self.billed: dict[str, Decimal] = {}  # PO -> what its order bills beside its lines
        self.billed_cards: dict[str, BilledCards] = {}  # PO -> of it, the card lines beyond its rows
        self.order_status: dict[str, str] = {}  # PO -> the vendor's word for such an order
        self.rounded: dict[str, Decimal] = {}  # PO -> of its billed below its lines, the vendor's rounding
        self.nothing_charged = 0  # orders the Orders sheet lists holding no money (ended with no card made)
        # (PO, money bucket) -> its rows there: an order some of whose rows are charged and others in doubt
        self.by_order_bucket: dict[tuple[str, str], MoneyTally] = {}
        # PO -> money bucket -> its rows' statuses counted: what the Orders sheet says of each order's rows
        self.statuses_by_order: dict[str, dict[str, dict[str, int]]] = {}
        self.overcharged: list[int] = []  # rows the vendor charged beyond their price (a negative Discount)
        self.overcharge = Decimal(0)

    def add_billed(self, orders: Sequence[OrderSummary]) -> None:
        """The orders' own charges beside their lines (:attr:`OrderSummary.billed`): charged money."""
        self.billed.update((o.po_number, o.billed) for o in orders if o.billed)
        self.billed_cards.update((o.po_number, o.billed_cards) for o in orders if o.billed and o.billed_cards)
        self.order_status.update((o.po_number, o.status) for o in orders if o.billed)
        self.rounded.update((o.po_number, o.rounded) for o in orders if o.rounded)
        self._totals = None

    def add(self, outcome: RowOutcome) -> None:
        self.rows += 1
        status = outcome.status
        self.by_status[status] = self.by_status.get(status, 0) + 1
        if status == "skipped" and outcome.problems.startswith(ORDERED_BEFORE):
            self.skipped_ordered_before += 1
        if outcome.po_number:
            counts = self.statuses_by_order.setdefault(outcome.po_number, {}).setdefault(outcome.money, {})
            counts[status] = counts.get(status, 0) + 1
        if outcome.money:
            kind = _Kind(
                outcome.money, outcome.po_number, outcome.product, outcome.shipping_method, outcome.cards,
                outcome.face_value, outcome.discount, outcome.fees, outcome.shipping, outcome.cost,
            )  # fmt: skip
            self._kinds[kind] = self._kinds.get(kind, 0) + 1
            if outcome.money == CHARGED and outcome.discount is not None and outcome.discount < 0:
                self.overcharged.append(outcome.row)
                self.overcharge -= outcome.discount

    def _added_up(self) -> _Totals:
        if self._totals is None:
            self.by_order_bucket = {}
            by_money: dict[str, MoneyTally] = {b: MoneyTally() for b in MONEY_BUCKETS}
            by_order: dict[str, MoneyTally] = {}
            by_product: dict[str, MoneyTally] = {}
            by_shipping: dict[str, MoneyTally] = {}
            for kind, count in self._kinds.items():
                bucket, po = kind.bucket, kind.po_number
                tallies = [
                    by_money.setdefault(bucket, MoneyTally()),
                    by_order.setdefault(po, MoneyTally()),
                    self.by_order_bucket.setdefault((po, bucket), MoneyTally()),
                ]
                if bucket != TO_SEND:  # by product and method: money charged or in doubt
                    tallies.append(by_product.setdefault(kind.product or "?", MoneyTally()))
                    tallies.append(by_shipping.setdefault(kind.shipping_method or "?", MoneyTally()))
                for tally in tallies:
                    if kind.cost is None:  # its cost is unknown: counted, not added as 0.00
                        tally.add_unknown(kind.cards * count, po, rows=count)
                    else:
                        tally.add(kind.money(count), kind.cards * count, po, rows=count)
            for po, amount in self.billed.items():  # the order's charge beside its lines: no row's
                for tally in (
                    by_money.setdefault(CHARGED, MoneyTally()),
                    by_order.setdefault(po, MoneyTally()),
                    self.by_order_bucket.setdefault((po, CHARGED), MoneyTally()),
                ):
                    add_billed(tally, po, amount, self.billed_cards.get(po))
            self._totals = _Totals(by_money, by_order, by_product, by_shipping)
        return self._totals

    @property
    def by_money(self) -> dict[str, MoneyTally]:
        return self._added_up().by_money

    @property
    def by_order(self) -> dict[str, MoneyTally]:
        return self._added_up().by_order

    @property
    def by_product(self) -> dict[str, MoneyTally]:
        return self._added_up().by_product

    @property
    def by_shipping(self) -> dict[str, MoneyTally]:
        return self._added_up().by_shipping
