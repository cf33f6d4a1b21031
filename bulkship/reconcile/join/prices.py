"""The catalog figures that break a line's total down (face value, discount, fees, shipping), recorded in
the ledger with each run so that later readers without a catalog break money down the same way."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from ...ledger import Ledger, OrderRecord
from ...ledger.records import PRICES_EVENT
from ...models import Catalog
from ...money import Breakdown, card_cost, line_fees, line_shipping
from ...payload import line_value


class _Line(NamedTuple):  # a tuple: a 100k-row batch has 100k of them
    product: str
    shipping_method: str
    value: Decimal
    quantity: int


@dataclass(frozen=True)
class Prices:
    """The catalog figures that split a line's total into face value, discount, fees and shipping: each
    product's fee per card and each shipping method's price; and each product's discount percentage, which
    prices a line as the plan did (:meth:`planned`). Recorded in the ledger when a run writes its workbook,
    so that ``status``, ``track`` and the webhook receiver (which may have no catalog) break the money down
    the same way."""

    fees: Mapping[str, Decimal]
    shipping: Mapping[str, Decimal]
    # None: not recorded (a ledger of an older bulkship), so no line's planned cost is known
    discounts: Mapping[str, Decimal] | None = None
    _seen: dict[tuple[_Line, Decimal], Breakdown] = field(default_factory=dict, compare=False, repr=False)
    _planned: dict[_Line, Breakdown | None] = field(default_factory=dict, compare=False, repr=False)
    # the vendor's prices read after these, oldest first (:func:`batch_prices`): a line charged what they
    # price it at was charged at a price changed since its plan (:meth:`priced_since`)
    since: tuple[Prices, ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> Prices:
        return cls(
            {key: p.fee for key, p in catalog.products.items()},
            {key: m.price for key, m in catalog.shipping_methods.items()},
            {key: p.discount_percentage for key, p in catalog.products.items()},
        )

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Prices:
        def amounts(part: Any) -> dict[str, Decimal]:
            return {str(k): Decimal(str(v)) for k, v in (part or {}).items()}

        discounts = amounts(data["discounts"]) if "discounts" in data else None
        return cls(amounts(data.get("fees")), amounts(data.get("shipping")), discounts)

    def as_json(self) -> dict[str, dict[str, str]]:
        figures = {
            "fees": {k: str(v) for k, v in sorted(self.fees.items())},
            "shipping": {k: str(v) for k, v in sorted(self.shipping.items())},
        }
        if self.discounts is not None:
            figures["discounts"] = {k: str(v) for k, v in sorted(self.discounts.items())}
        return figures

    def fee(self, product: str) -> Decimal:
        return self.fees.get(product, self.fees.get(product.upper(), Decimal(0)))

    def discount(self, product: str) -> Decimal | None:
        """The product's discount percentage; None when not known here."""
        if self.discounts is None:
            return None
        return self.discounts.get(product, self.discounts.get(product.upper()))

    def breakdown(self, line: _Line, total: Decimal) -> Breakdown:
        """Worked out once per kind of line and total (a batch has few): Decimal sums cost µs each."""
        key = (line, total)
        found = self._seen.get(key)
        if found is None:
            face = line.value * line.quantity
            fees = line_fees(line.value, line.quantity, self.discount(line.product), self.fee(line.product))
            shipping = line_shipping(self.shipping.get(line.shipping_method, Decimal(0)))
            plan = self.planned(line)
            since = self.priced_since(line, total)
            if since is not None:  # its fees and shipping as the vendor's prices read since have them
                fees, shipping = since.planned_fees_and_shipping(line)
            elif plan is not None and total != plan.total:
                fees, shipping = _billed_elsewhere(plan, total, fees, shipping)
            found = Breakdown.of(total, face, fees, shipping)
            if len(self._seen) < 100_000:
                self._seen[key] = found
        return found

    def priced_since(self, line: _Line, total: Decimal) -> Prices | None:
        """The first of the vendor's prices read since (:attr:`since`) pricing ``line`` at ``total`` where
        these price it otherwise: the vendor raised or lowered a fee or a shipping price after the line's
        order was planned. Broken down with these, a CVS card charged 27.00 after its fee went from 0.00 to
        2.00 read 'an overcharge, shown as a Discount of -2.00' on the row, the Summary, `status --json` and
        the web pages (hunter-money28's leftover 2); charged 25.00 after a fee of 1.00 was dropped, it said
        nothing on its row (its fee read as billed on the order)."""
        plan = self.planned(line) if self.since else None
        if plan is None or total == plan.total:
            return None
        for later in self.since:
            priced = later.planned(line)
            if priced is not None and priced.total == total:
                return later
        # at those prices less its card discount, which a vendor may take off the order instead: the fee
        # raised there read 'an overcharge, shown as a Discount of -1.00' (hunter-money29's leftover 1)
        for later in self.since:
            priced = later.planned(line)
            off = priced is not None and priced.discount > 0 and priced.total + priced.discount == total
            if off and priced is not None and (priced.fees, priced.shipping) != (plan.fees, plan.shipping):
                return later
        return None

    def planned_fees_and_shipping(self, line: _Line) -> tuple[Decimal, Decimal]:
        """The fees and shipping :meth:`planned` prices ``line`` with (0.00 each where it prices none)."""
        plan = self.planned(line)
        return (plan.fees, plan.shipping) if plan is not None else (Decimal(0), Decimal(0))

    def planned(self, line: _Line) -> Breakdown | None:
        """What the plan priced ``line`` at with these prices (quantity x the card's cost to the cent, plus
        its method's shipping: :meth:`bulkship.models.Product.unit_cost`), broken down; None when its
        product's discount or its method's price is not known here. Worked out once per kind of line."""
        if line in self._planned:
            return self._planned[line]
        percentage = None if self.discounts is None else self.discounts.get(line.product)
        shipping = self.shipping.get(line.shipping_method)
        plan = None
        if percentage is not None and shipping is not None and line.product in self.fees:
            fee, shipping = self.fees[line.product], line_shipping(shipping)
            cost = card_cost(line.value, percentage, fee) * line.quantity + shipping
            fees = line_fees(line.value, line.quantity, percentage, fee)
            plan = Breakdown.of(cost, line.value * line.quantity, fees, shipping)
        if len(self._planned) < 100_000:
            self._planned[line] = plan
        return plan


def _billed_elsewhere(
    plan: Breakdown, total: Decimal, fees: Decimal, shipping: Decimal
) -> tuple[Decimal, Decimal]:
    """A line's fees and shipping as it is charged ``total`` where its ``plan`` priced it otherwise: what
    it costs without its shipping, its card fees or both, to the cent as planned, is billed elsewhere (on
    the order: the Summary says so) or not at all, not a discount. Read as held here, HOMEDEPOT 25 at 2.5 %
    read 'Shipping cost 9.95, Discount 10.57' beside the order's shipping (hunter-money4); and a vendor
    billing the Visa card's 5.95 fee once per order rather than per card read 'Fees 17.85, Discount 17.85'
    on lines charged no fee (hunter-money14)."""
    for left_out_fees, left_out_shipping in ((False, True), (True, False), (True, True)):
        without = (fees if left_out_fees else 0) + (shipping if left_out_shipping else 0)
        if without and total == plan.total - without:
            return (Decimal(0) if left_out_fees else fees), (Decimal(0) if left_out_shipping else shipping)
    return fees, shipping


NO_PRICES = Prices({}, {})


def _payload_lines(items: list[dict[str, Any]], values: dict[Any, Decimal] | None = None) -> list[_Line]:
    """An order's line items as sent (:func:`~bulkship.payload.line_items`), read as
    :func:`~bulkship.payload.sent_lines` reads them but only for what money needs (a re-run of 100k rows adds
    up 100k lines). ``values`` caches ``Decimal(str(Value))`` across orders."""
    values = {} if values is None else values
    lines = []
    for item in items:
        method = str((item.get("PhysicalDeliveryAddress") or {}).get("ShippingMethodId", ""))
        value, quantity = line_value(item, values), int(item.get("Quantity", 1) or 1)
        lines.append(_Line(str(item.get("ProductId", "")), method, value, quantity))
    return lines


def _payload_item_line(item: dict[str, Any]) -> _Line | None:
    """One line item as sent (a payload's dict) as a :class:`_Line`; None when it does not read."""
    address = item.get("PhysicalDeliveryAddress") or {}
    try:
        value = Decimal(str(item.get("Value", 0)))
        quantity = int(item.get("Quantity", 1) or 1)
    except (ArithmeticError, ValueError, TypeError):
        return None
    return _Line(str(item.get("ProductId", "")), str(address.get("ShippingMethodId", "")), value, quantity)


# An order's sending (each attempt) or, for a lost ledger's order found at the vendor, its adoption: the
# prices recorded last before it are those the vendor charged it with.
SENT_EVENTS = ("sending", "adopted")
# An order planned, or priced again before it is sent (once confirmed, after the run recorded today's prices):
# its cost is worked out with the prices recorded last before.
PRICED_EVENTS = ("planned", "repriced")


@dataclass(frozen=True)
class BatchPrices:
    """Which prices break each order of a batch down: an order sent is charged with the prices recorded last
    before it was sent (a run records today's before it sends: :func:`record_prices`), so rows charged in an
    earlier run at other prices keep their breakdown; an order not sent yet, with ``today``'s."""

    today: Prices
    sent: Mapping[str, Prices] = field(default_factory=dict)  # PO -> the prices it was sent with
    # PO -> the prices a planned order's cost was worked out with: a plan waiting for an approver keeps its
    # cost until it is confirmed (reprice.reprice_to_show), while a later look records today's prices; broken
    # down with those, a CVS card planned at a 1.00 fee since dropped read 'Discount -1.00' (hunter-money1)
    planned: Mapping[str, Prices] = field(default_factory=dict)

    def of(self, order: OrderRecord | None) -> Prices:
        if order is None:
            return self.today
        if order.state == "planned":
            return self.planned.get(order.po_number, self.today)
        return self.sent.get(order.po_number, self.today)


def batch_prices(ledger: Ledger, batch: str, catalog: Catalog | None = None) -> BatchPrices:
    """The batch's prices by order; ``today``: the catalog's, else those its last run recorded. The orders'
    sending events are read only when the batch has known more than one set of prices."""
    recorded = [(e.id, Prices.from_json(e.detail)) for e in ledger.events(batch, kinds=[PRICES_EVENT])]
    if catalog is not None:
        today = Prices.from_catalog(catalog)
    else:
        today = recorded[-1][1] if recorded else NO_PRICES
    if all(prices == today for _id, prices in recorded):
        return BatchPrices(today)
    ids = [event for event, _prices in recorded]
    sent = {e.po_number: e.id for e in ledger.events(batch, kinds=SENT_EVENTS) if e.po_number}
    with_since = _with_prices_since([prices for _id, prices in recorded], today)
    # none recorded before it: a bulkship before this record wrote its run's prices after sending
    by_sending = {po: with_since[max(bisect_left(ids, at) - 1, 0)] for po, at in sent.items()}
    priced = {e.po_number: e.id for e in ledger.events(batch, kinds=PRICED_EVENTS) if e.po_number}
    # the prices recorded last before its last pricing (recorded before its orders when a plan is saved)
    planned = {po: recorded[max(bisect_left(ids, at) - 1, 0)][1] for po, at in priced.items()}
    return BatchPrices(today, by_sending, planned)


def _with_prices_since(recorded: list[Prices], today: Prices) -> list[Prices]:
    """Each of the ``recorded`` prices, knowing those read after it (then ``today``'s): what an order sent
    with it and charged otherwise may have been charged at (:meth:`Prices.priced_since`)."""
    found = []
    for at, prices in enumerate(recorded):
        since: list[Prices] = []
        for later in [*recorded[at + 1 :], today]:
            if later != prices and later not in since:
                since.append(later)
        found.append(Prices(prices.fees, prices.shipping, prices.discounts, since=tuple(since)))
    return found


def record_prices(ledger: Ledger, batch: str, catalog: Catalog) -> None:
    """Keep the prices this batch's orders are sent and its money broken down with (only when they changed):
    recorded before a run sends, so that each order is broken down with the prices it was charged with."""
    prices = Prices.from_catalog(catalog).as_json()
    event = ledger.latest_event(batch, PRICES_EVENT)
    if event is None or event.detail != prices:
        ledger.log_event(batch, None, PRICES_EVENT, **prices)
