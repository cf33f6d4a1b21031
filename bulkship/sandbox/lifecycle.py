"""An order's life on the sandbox clock, fixed when it is created and rendered at read time.

Pending -> Complete (or Failed, when a knob asked) 30-90 sandbox minutes after creation; each physical line
item then ships 1-4 hours later (tracking number, carrier, URL) and is Delivered the shipping method's
EstimatedDeliveryDays after that. All of it derives from the seed and the PONumber, so it is reproducible.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from .orders import ValidLine, ValidOrder
from .store import OrderRow

HOUR = 3600.0
DAY = 86_400.0
COMPLETE_AFTER_S = (0.5 * HOUR, 1.5 * HOUR)
SHIP_AFTER_COMPLETE_S = (1 * HOUR, 4 * HOUR)
FREIGHT_CARRIERS = {"STANDARD": "USPS", "EXPEDITED": "UPS", "OVERNIGHT": "FedEx"}
TRACKING_URL = "https://tracking.sandbox.bulkship.invalid/{carrier}/{number}"  # .invalid: never a real site


def unit_draw(seed: int, *parts: object) -> float:
    """A reproducible number in [0, 1) for (seed, parts): no shared random state to disturb."""
    digest = hashlib.sha256(":".join(str(p) for p in (seed, *parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def _between(bounds: tuple[float, float], draw: float) -> float:
    return bounds[0] + (bounds[1] - bounds[0]) * draw


def iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def tracking_number(seed: int, po_number: str, index: int, carrier: str) -> str:
    digits = hashlib.sha256(f"{seed}:{po_number}:{index}:tracking".encode()).hexdigest()
    number = str(int(digits, 16))
    if carrier == "UPS":
        return "1Z" + digits[:16].upper()
    if carrier == "FedEx":
        return number[:12]
    return "9400" + number[:18]


def schedule_order(
    order: ValidOrder, *, order_id: str, created_at: float, seed: int, fails: bool
) -> tuple[float, dict[str, Any]]:
    """(complete_at, stored body) for a new order."""
    complete_at = created_at + _between(COMPLETE_AFTER_S, unit_draw(seed, order.po_number, "complete"))
    lines = [
        _schedule_line(line, index, order_id, order.po_number, complete_at, seed)
        for index, line in enumerate(order.lines)
    ]
    body = {"Type": order.type, "Note": order.note, "CurrencyCode": "USD", "Lines": lines}
    return complete_at, body


def _schedule_line(
    line: ValidLine, index: int, order_id: str, po_number: str, complete_at: float, seed: int
) -> dict[str, Any]:
    ship_at = complete_at + _between(SHIP_AFTER_COMPLETE_S, unit_draw(seed, po_number, index, "ship"))
    carrier = FREIGHT_CARRIERS.get(line.shipping_method_id, "USPS")
    return {
        "Id": f"{order_id}-{index + 1}",
        "ExternalId": line.external_id,
        "ProductId": line.product_id,
        "Value": str(line.value),
        "Quantity": line.quantity,
        "Cost": str(line.cost),
        "Address": line.address,
        "ShipAt": ship_at,
        "DeliverAt": ship_at + line.estimated_delivery_days * DAY,
        "Carrier": carrier,
        "TrackingNumber": tracking_number(seed, po_number, index, carrier),
    }


def render_order(row: OrderRow, sandbox_now: float) -> dict[str, Any]:
    """The order as ``GET /v1/Orders/{id}`` returns it at ``sandbox_now`` (PascalCase)."""
    done = sandbox_now >= row.complete_at
    failed = done and row.fails
    status = "Failed" if failed else ("Complete" if done else "Pending")
    body = row.body
    order: dict[str, Any] = {
        "Id": row.id,
        "Type": body["Type"],
        "Status": status,
        "PONumber": row.po_number,
        "Note": body.get("Note"),
        "CreatedDate": iso(row.created_at),
        "CompletedDate": iso(row.complete_at) if done else None,
        # a failed order is refunded (its money back in the account): its own total says so, 0.00, its lines
        # keeping their prices. Kept at the lines' sum, nothing told bulkship the refund from a vendor keeping
        # the money, whose failed orders then read refunded unseen (hunter-money15's leftover c)
        "Cost": 0.0 if failed else float(Decimal(row.cost_cents) / 100),
        "CurrencyCode": body.get("CurrencyCode", "USD"),
        "LineItems": [_render_line(line, sandbox_now, failed) for line in body["Lines"]],
    }
    if row.webhook_url:
        order["WebhookSettings"] = {"FulfillmentComplete": row.webhook_url}
    return order


def _render_line(line: dict[str, Any], sandbox_now: float, failed: bool) -> dict[str, Any]:
    shipped = not failed and sandbox_now >= line["ShipAt"]
    delivered = shipped and sandbox_now >= line["DeliverAt"]
    status = "Failed" if failed else "Delivered" if delivered else "Shipped" if shipped else "Pending"
    shipments = []
    if shipped:
        shipment = {
            "TrackingNumber": line["TrackingNumber"],
            "Carrier": line["Carrier"],
            "ShippingMethodId": line["Address"].get("ShippingMethodId"),
            "ShippedDate": iso(line["ShipAt"]),
            "TrackingUrl": TRACKING_URL.format(
                carrier=line["Carrier"].lower(), number=line["TrackingNumber"]
            ),
        }
        if delivered:
            shipment["DeliveredDate"] = iso(line["DeliverAt"])
        shipments.append(shipment)
    return {
        "Id": line["Id"],
        "ExternalId": line["ExternalId"],
        "ProductId": line["ProductId"],
        "Value": float(line["Value"]),
        "Quantity": line["Quantity"],
        "Cost": float(line["Cost"]),
        "Status": status,
        "PhysicalDeliveryAddress": line["Address"],
        "Shipments": shipments,
    }
