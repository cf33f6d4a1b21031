"""What the planned orders cost (overall, per product, per shipping method), against the balance, and when
their cards should arrive."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from ..models import Balance, Catalog, PlannedLine, PlannedOrder
from ..money import line_fees, money_text
from .lines import DEFAULT_SHIPPING_METHOD


@dataclass(frozen=True)
class CostLine:
    """Totals for one product, one shipping method, or everything."""

    key: str
    name: str
    rows: int
    cards: int
    face_value: Decimal
    discount: Decimal
    fees: Decimal
    shipping: Decimal
    total: Decimal


@dataclass(frozen=True)
class Arrival:
    shipping_method: str
    name: str
    rows: int
    delivery_days: int | None
    estimated_date: date | None  # None when the vendor gives no delivery days


@dataclass(frozen=True)
class PlanSummary:
    orders: int
    overall: CostLine
    by_product: tuple[CostLine, ...]
    by_shipping_method: tuple[CostLine, ...]
    arrivals: tuple[Arrival, ...]
    balance: Balance | None
    shortfall: Decimal  # how much the available balance lacks (0 when enough, or no balance known)
    balance_unread: bool = False  # the vendor did not tell it in time (the web page's look): unknown for now

    @property
    def total(self) -> Decimal:
        return self.overall.total

    def with_balance(self, balance: Balance | None, *, unread: bool = False) -> PlanSummary:
        """The same plan compared with another reading of the balance (the web page's, read again);
        ``unread``: none could be read just now (the vendor slow or failing)."""
        return replace(
            self, balance=balance, shortfall=_shortfall(self.overall.total, balance), balance_unread=unread
        )


class _Tally:
    def __init__(self, key: str, name: str) -> None:
        self.key, self.name = key, name
        self.fee = Decimal("0")  # the product's fee per card, for a per-product tally
        self.discount_percentage: Decimal | None = None  # and its discount
        self.rows = self.cards = 0
        self.face = self.discount = self.fees = self.shipping = self.total = Decimal("0")

    def add(self, line: PlannedLine, fee: Decimal, discount_percentage: Decimal | None = None) -> None:
        fees = line_fees(line.value, line.quantity, discount_percentage, fee)
        face = line.face_value
        # what the discount took off, consistent with the rounded unit cost
        discount = face + fees - line.unit_cost * line.quantity
        self.add_figures(line.quantity, face, fees, line.shipping_cost, line.cost, discount)

    def add_figures(
        self, cards: int, face: Decimal, fees: Decimal, shipping: Decimal, cost: Decimal, discount: Decimal
    ) -> None:
        """One line's figures, worked out once by :meth:`add` (or once for several tallies)."""
        self.rows += 1
        self.cards += cards
        self.face += face
        self.fees += fees
        self.shipping += shipping
        self.total += cost
        self.discount += discount

    def result(self) -> CostLine:
        return CostLine(
            self.key,
            self.name,
            self.rows,
            self.cards,
            self.face,
            self.discount,
            self.fees,
            self.shipping,
            self.total,
        )


def summarise(
    orders: Iterable[PlannedOrder], catalog: Catalog, *, start: date, balance: Balance | None = None
) -> PlanSummary:
    """What the planned orders cost and when their cards should arrive; compared with ``balance``.
    ``orders`` is read once (it may make them one at a time)."""
    overall = _Tally("total", "Total")
    products: dict[str, _Tally] = {}
    methods: dict[str, _Tally] = {}
    count = 0
    for order in orders:
        count += 1
        for line in order.lines:
            by_product = products.get(line.product_id)
            if by_product is None:
                product = catalog.product(line.product_id)
                by_product = products[line.product_id] = _Tally(
                    line.product_id, product.name if product else ""
                )
                by_product.fee = product.fee if product else Decimal("0")
                by_product.discount_percentage = product.discount_percentage if product else None
            method_id = line.address.get("ShippingMethodId", DEFAULT_SHIPPING_METHOD)
            by_method = methods.get(method_id)
            if by_method is None:
                method = catalog.shipping_methods.get(method_id)
                by_method = methods[method_id] = _Tally(method_id, method.name if method else "")
            # the line's figures once, added to all three tallies (the same sums as add(line, fee) each)
            quantity = line.quantity
            fees = line_fees(line.value, quantity, by_product.discount_percentage, by_product.fee)
            face = line.face_value
            discount = face + fees - line.unit_cost * quantity
            figures = (quantity, face, fees, line.shipping_cost, line.cost, discount)
            overall.add_figures(*figures)
            by_product.add_figures(*figures)
            by_method.add_figures(*figures)
    arrivals = []
    for method_id, tally in methods.items():
        method = catalog.shipping_methods.get(method_id)
        days = method.estimated_delivery_days if method else None
        arrivals.append(
            Arrival(
                method_id,
                tally.name,
                tally.rows,
                days,
                start + timedelta(days=days) if days is not None else None,
            )
        )
    return PlanSummary(
        orders=count,
        overall=overall.result(),
        by_product=tuple(t.result() for t in products.values()),
        by_shipping_method=tuple(t.result() for t in methods.values()),
        arrivals=tuple(arrivals),
        balance=balance,
        shortfall=_shortfall(overall.total, balance),
    )


def _shortfall(total: Decimal, balance: Balance | None) -> Decimal:
    """How much the available balance lacks for ``total`` (0 when enough, no balance known, or one in another
    currency than dollars: never compared)."""
    if balance is not None and balance.in_dollars and total > balance.available:
        return total - balance.available
    return Decimal("0")


def price_changes(shown: Catalog, now: Catalog, summary: PlanSummary | None = None) -> list[str]:
    """What costs otherwise in ``now`` than in the catalog a plan was ``shown`` with: each product's fee and
    discount, each shipping method's price, in words ("VISA-PREPAID fee 5.95 -> 9.95"); only those the plan
    (``summary``) uses, when given: a card nobody ordered costing more stops nothing (found by review10)."""
    changes = []
    products = {c.key.upper() for c in summary.by_product} if summary is not None else None
    methods = {c.key for c in summary.by_shipping_method} if summary is not None else shown.shipping_methods
    for product_id, before in shown.products.items():
        if products is not None and product_id.upper() not in products:
            continue
        after = now.products.get(product_id)
        if after is None:
            changes.append(f"{product_id} is no longer in the catalog")
            continue
        if after.currency != before.currency:  # its price in another currency, or one not to be read
            changes.append(f"{product_id} priced in {before.currency} -> {after.currency}")
        if after.name != before.name or after.ships_physically != before.ships_physically:
            # the Id given to another card (found by hunter-vendor3): the card shown is not the one sent
            changes.append(f"{product_id} is now {after.name!r} (was {before.name!r})")
        if after.fee != before.fee:
            changes.append(f"{product_id} fee {money_text(before.fee)} -> {money_text(after.fee)}")
        if after.discount_percentage != before.discount_percentage:
            changes.append(
                f"{product_id} discount {before.discount_percentage}% -> {after.discount_percentage}%"
            )
    for method_id, was in shown.shipping_methods.items():
        if method_id not in methods:
            continue
        method = now.shipping_methods.get(method_id)
        if method is None or (method.price, method.currency) != (was.price, was.currency):
            price = "gone" if method is None else money_text(method.price)
            changes.append(f"shipping {method_id} {money_text(was.price)} -> {price}")
    return changes


def cards_renamed(shown: Mapping[str, str] | None, summary: PlanSummary) -> list[str]:
    """The cards of the plan (``summary``) whose name is not the one a page showed for their product Id
    (``shown``, Id -> name): the vendor gave the Id to another card since (found by hunter-vendor3: between
    the cost page and Send, the card sent would not be the one shown). A card the page did not show is new
    to the plan, not renamed."""
    if not shown:
        return []
    return [
        f"{line.key} is now {line.name!r} (was {shown[line.key]!r})"
        for line in summary.by_product
        if line.key in shown and shown[line.key] != line.name
    ]


def check_cards_shown(shown: Mapping[str, str] | None, summary: PlanSummary) -> None:
    """SpendLimitError (nothing sent) when a card of the plan is not the one a page showed under its Id."""
    from ..errors import SpendLimitError

    renamed = cards_renamed(shown, summary)
    if renamed:
        raise SpendLimitError(
            "The vendor's catalog changed since the cost page (" + "; ".join(renamed[:5]) + "): the cards "
            "sent would not be those shown. Nothing was sent",
            hint="open the batch's cost page, check its cards and send it from there",
        )
