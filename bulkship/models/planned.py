"""Planned orders: their line items as sent (the address lines as the vendor takes them) and their cost."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

ADDRESS_LINE_MAX = 100  # api-contract: AddressLine1 at most 100 characters


def line2_with_company(line1: str, line2: str, company: str) -> str:
    """Address line 2 as sent: the row's Company before it, as the vendor's address has no company field and
    a card to an office without it is often returned (found by newcomer9: the template's Company column was
    never sent); not when line 1 or 2 names the company already."""
    if not company or company.casefold() in f"{line1} {line2}".casefold():
        return line2
    return f"{company}, {line2}" if line2 else company


def folded_address_line1(line1: str, line2: str) -> str:
    """Address line 2 folded into line 1, the way it is sent to a vendor not known to keep AddressLine2."""
    return f"{line1}, {line2}" if line2 else line1


@dataclass(frozen=True)
class PlannedLine:
    row: int
    fingerprint: str
    external_id: str  # sent as the line item's ExternalId
    product_id: str
    value: Decimal
    quantity: int
    address: dict[str, str]  # PhysicalDeliveryAddress, PascalCase keys as on the wire
    unit_cost: Decimal
    shipping_cost: Decimal

    @property
    def face_value(self) -> Decimal:
        return self.value * self.quantity

    @property
    def cost(self) -> Decimal:
        return self.unit_cost * self.quantity + self.shipping_cost


@dataclass(frozen=True)
class PlannedOrder:
    po_number: str
    lines: tuple[PlannedLine, ...]
    fulfillment_group: str = ""

    @property
    def cost(self) -> Decimal:
        return sum((line.cost for line in self.lines), Decimal("0"))

    def payload(self, webhook_url: str | None = None, *, note: str = "") -> dict[str, object]:
        """The POST /v1/Orders body, PascalCase as documented; ``note``: its Note (none when "")."""
        body: dict[str, object] = {
            "Type": "PhysicalShipment",
            "PONumber": self.po_number,
            "LineItems": [
                {
                    "ExternalId": line.external_id,
                    "ProductId": line.product_id,
                    "Value": float(line.value),
                    "Quantity": line.quantity,
                    "PhysicalDeliveryAddress": dict(line.address),
                }
                for line in self.lines
            ],
        }
        if note:
            body["Note"] = note
        if webhook_url:
            body["WebhookSettings"] = {"FulfillmentComplete": webhook_url}
        return body
