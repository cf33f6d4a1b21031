"""Reading back an order's stored payload: the exact JSON that was (or will be) sent, built by
:meth:`bulkship.models.PlannedOrder.payload`. Everything that looks at what an order holds as sent (the plan
summary of a resumed run, the money of the result workbook, reconcile) reads its lines here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

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
    items: list[dict[str, Any]] = order.payload().get("LineItems") or []
    return items


def sent_lines(order: OrderRecord, values: dict[Any, Decimal] | None = None) -> list[SentLine]:
    """The order's line items as sent. ``values`` caches ``Decimal(str(Value))`` across orders (100k rows are
    1,000 orders of mostly the same few values)."""
    values = {} if values is None else values
    lines = []
    for item in line_items(order):
        address = item.get("PhysicalDeliveryAddress") or {}
        raw = item.get("Value", 0)
        cached = type(raw) is float and raw != 0  # 0.0 and -0.0 are equal keys with different text
        value = values.get(raw) if cached else None
        if value is None:
            value = Decimal(str(raw))
            if cached:
                values[raw] = value
        lines.append(
            SentLine(
                external_id=str(item.get("ExternalId", "")),
                product_id=str(item.get("ProductId", "")),
                value=value,
                quantity=int(item.get("Quantity", 1) or 1),
                address=address,
                shipping_method=str(address.get("ShippingMethodId", "")),
                item=item,
            )
        )
    return lines
