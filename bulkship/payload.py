"""Reading back an order's stored payload: the exact JSON that was (or will be) sent, built by
:meth:`bulkship.models.PlannedOrder.payload`. Everything that looks at what an order holds as sent (the plan
summary of a resumed run, the money of the result workbook, reconcile) reads its lines here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .models import Catalog, PlannedLine, Product
from .money import line_shipping

if TYPE_CHECKING:
    from .ledger import OrderRecord


@dataclass(frozen=True, slots=True)
class SentLine:
    """One line item as sent."""

    external_id: str
    product_id: str
    value: Decimal
    quantity: int
    address: dict[str, Any]  # PhysicalDeliveryAddress
    shipping_method: str
    item: dict[str, Any]  # the line item's JSON as it is


def line_items(order: OrderRecord) -> list[dict[str, Any]]:
    """The order's ``LineItems`` JSON, as stored (an empty list when it has none)."""
    return items_of(order.payload())


def items_of(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """A decoded payload's ``LineItems`` (an empty list when it has none)."""
    items: list[dict[str, Any]] = payload.get("LineItems") or []
    return items


def line_value(item: dict[str, Any], values: dict[Any, Decimal]) -> Decimal:
    """A line item's ``Value`` as a Decimal of its text; ``values`` caches them across lines and orders."""
    raw = item.get("Value", 0)
    cached = type(raw) is float and raw != 0  # 0.0 and -0.0 are equal keys with different text
    value = values.get(raw) if cached else None
    if value is None:
        value = Decimal(str(raw))
        if cached:
            values[raw] = value
    return value


def sent_lines(order: OrderRecord, values: dict[Any, Decimal] | None = None) -> list[SentLine]:
    """The order's line items as sent. ``values`` caches ``Decimal(str(Value))`` across orders (100k rows are
    1,000 orders of mostly the same few values)."""
    values = {} if values is None else values
    lines = []
    for item in line_items(order):
        address = item.get("PhysicalDeliveryAddress") or {}
        lines.append(
            SentLine(
                external_id=str(item.get("ExternalId", "")),
                product_id=str(item.get("ProductId", "")),
                value=line_value(item, values),
                quantity=int(item.get("Quantity", 1) or 1),
                address=address,
                shipping_method=str(address.get("ShippingMethodId", "")),
                item=item,
            )
        )
    return lines


class PricedToday:
    """Stored line items priced at the catalog of today: the one pricing of a stored line, so that the plan
    a resumed run shows and the orders repriced before sending are worked out the same way. Each card,
    shipping method and unit cost is looked up once (a batch has few kinds of line and 100k rows)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._parts: dict[tuple[str, str], tuple[Product, Decimal] | None] = {}
        self._unit_costs: dict[tuple[str, Decimal], Decimal] = {}

    def line(self, sent: SentLine) -> PlannedLine | None:
        """The line as a :class:`~bulkship.models.PlannedLine` (its ``cost`` is what the vendor charges for
        it now); None when the catalog no longer lists its card or its shipping method, or lists the method
        without a price bulkship can use."""
        parts = self._priced_parts(sent.product_id, sent.shipping_method)
        if parts is None:
            return None
        product, shipping = parts
        key = (sent.product_id, sent.value)
        unit_cost = self._unit_costs.get(key)
        if unit_cost is None:
            unit_cost = self._unit_costs[key] = product.unit_cost(sent.value)
        return PlannedLine(
            row=0,
            fingerprint="",
            external_id=sent.external_id,
            product_id=sent.product_id,  # as sent (the catalog's look-up ignores case)
            value=sent.value,
            quantity=sent.quantity,
            address=dict(sent.address),
            unit_cost=unit_cost,
            shipping_cost=shipping,
        )

    def _priced_parts(self, product_id: str, method_id: str) -> tuple[Product, Decimal] | None:
        """The card and the shipping method's price; None when either is not listed at a price."""
        key = (product_id, method_id)
        if key not in self._parts:
            product = self.catalog.product(product_id)
            method = self.catalog.shipping_methods.get(method_id)
            if product is None or method is None or not method.priced:
                self._parts[key] = None
            else:
                self._parts[key] = (product, line_shipping(method.price))
        return self._parts[key]
