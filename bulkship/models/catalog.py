"""The vendor's catalog as the client reads it: its cards (what one costs us) and shipping methods."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..money import card_cost


@dataclass(frozen=True)
class CardCarrier:
    id: str
    name: str


@dataclass(frozen=True)
class Product:
    id: str
    name: str
    type: str  # "Physical" | "Digital"
    denomination_type: str  # "Fixed" | "Variable"
    denominations: tuple[Decimal, ...]  # Fixed: allowed values; Variable: (min, max)
    delivery_types: tuple[str, ...]
    fulfillment_group: str = ""
    requires_card_carrier: bool = False
    card_carriers: tuple[CardCarrier, ...] = ()
    fee: Decimal = Decimal("0")
    discount_percentage: Decimal = Decimal("0")
    currency: str = "USD"

    @property
    def ships_physically(self) -> bool:
        return "PhysicalShipment" in self.delivery_types

    def unit_cost(self, value: Decimal) -> Decimal:
        """What one card costs us: face value less discount, plus the per-card fee (api-contract: Money)."""
        return card_cost(value, self.discount_percentage, self.fee)


UNREADABLE_PRICE = "an unreadable amount"  # a shipping method's currency when its price cannot be read
NO_PRICE = "no price"  # ... when the vendor lists it without a price


@dataclass(frozen=True)
class ShippingMethod:
    id: str
    name: str
    price: Decimal
    currency: str = "USD"  # or UNREADABLE_PRICE / NO_PRICE: a price bulkship cannot use, never 0.00
    estimated_delivery_days: int | None = None

    @property
    def priced(self) -> bool:
        """Whether the vendor's list gives the method a price bulkship can read (rows using one that it
        does not are refused; its 0.00 is no price, never free)."""
        return self.currency not in (UNREADABLE_PRICE, NO_PRICE)


@dataclass(frozen=True)
class Catalog:
    products: dict[str, Product]
    shipping_methods: dict[str, ShippingMethod]
    # Whether AddressLine2 goes out as its own field. It is not in the vendor's documented address and an
    # unknown field may be dropped silently, so the client sets this False (line 2 folded into line 1, see
    # :func:`folded_address_line1`) unless the vendor is known to keep it (setting ``address_line2``).
    sends_address_line2: bool = True

    def product(self, product_id: str) -> Product | None:
        return self.products.get(product_id) or self.products.get(product_id.upper())  # as written first
