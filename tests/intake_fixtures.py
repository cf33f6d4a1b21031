"""Shared by the intake tests: a catalog like the built-in sandbox's, and helpers that build real files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from bulkship.models import CardCarrier, Catalog, Product, ShippingMethod

CASES = Path(__file__).parent / "cases"
PHYSICAL = ("PhysicalShipment",)


def _d(*values: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(v) for v in values)


def sandbox_catalog() -> Catalog:
    """CVS, TARGET, VISA-PREPAID (needs a card carrier), AMAZON (digital only), HOMEDEPOT (discounted)."""
    carriers = tuple(
        CardCarrier(cid, cid.title()) for cid in ("DEFAULT", "BIRTHDAY", "ANNIVERSARY", "THANKYOU", "HOLIDAY")
    )
    products = [
        Product(
            "CVS",
            "CVS Pharmacy",
            "Physical",
            "Fixed",
            _d("10", "25", "50", "100"),
            (*PHYSICAL, "DigitalDelivery"),
        ),
        Product("TARGET", "Target", "Physical", "Fixed", _d("25", "50", "100", "250"), PHYSICAL),
        Product(
            "VISA-PREPAID",
            "Visa Prepaid Card",
            "Physical",
            "Variable",
            _d("20", "500"),
            PHYSICAL,
            requires_card_carrier=True,
            card_carriers=carriers,
            fee=Decimal("5.95"),
        ),
        Product("AMAZON", "Amazon.com", "Digital", "Fixed", _d("25", "50", "100"), ("DigitalDelivery",)),
        Product(
            "HOMEDEPOT",
            "The Home Depot",
            "Physical",
            "Fixed",
            _d("25", "50", "100"),
            PHYSICAL,
            discount_percentage=Decimal("3"),
        ),
    ]
    methods = [
        ShippingMethod("STANDARD", "Standard", Decimal("0"), estimated_delivery_days=7),
        ShippingMethod("EXPEDITED", "Expedited", Decimal("9.95"), estimated_delivery_days=3),
        ShippingMethod("OVERNIGHT", "Overnight", Decimal("24.95"), estimated_delivery_days=1),
    ]
    return Catalog(products={p.id: p for p in products}, shipping_methods={m.id: m for m in methods})
