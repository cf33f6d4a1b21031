"""The sandbox's catalog: products and shipping methods in the vendor's own JSON shape (PascalCase).

The built-in catalog is Python data so that it ships with the package without package-data rules. A different
catalog can be loaded from a JSON file of the same shape: ``{"Products": [...], "ShippingMethods": [...]}``.

Two assumed extensions (api-contract.md is silent on both):

* ``Meta.ShippingConfiguration.CardCarriers: [{"Id", "Name"}]`` lists the printed card carriers (sleeves) a
  product offers. ``DEFAULT`` is always accepted, listed or not.
* ``Meta.ShippingConfiguration.Countries: ["US", ...]`` lists where a product ships; absent means ``["US"]``.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import ConfigError

DEFAULT_CARRIER_ID = "DEFAULT"
DEFAULT_COUNTRIES = ("US",)

_THEMED_CARRIERS = [
    {"Id": "DEFAULT", "Name": "Standard card carrier"},
    {"Id": "BIRTHDAY", "Name": "Happy Birthday"},
    {"Id": "ANNIVERSARY", "Name": "Happy Work Anniversary"},
    {"Id": "THANKYOU", "Name": "Thank You"},
    {"Id": "HOLIDAY", "Name": "Season's Greetings"},
]


def _product(
    product_id: str,
    name: str,
    *,
    type_: str,
    denomination_type: str,
    denominations: list[float],
    delivery_types: list[str],
    fulfillment_group: str = "",
    requires_carrier: bool = False,
    carriers: list[dict[str, str]] | None = None,
    fee: float = 0.0,
    discount: float = 0.0,
    blurb: str = "",
) -> dict[str, Any]:
    return {
        "Id": product_id,
        "Name": name,
        "ShortDescription": blurb or f"{name} gift card",
        "LongDescription": f"{blurb or name + ' gift card'}. Sandbox product: no real card is issued.",
        "Terms": "Sandbox terms: this card has no value.",
        "Disclaimer": "Sandbox product.",
        "RedemptionNote": "Not redeemable: issued by the bulkship sandbox.",
        "Type": type_,
        "DenominationType": denomination_type,
        "Denominations": denominations,
        "AvailableDeliveryTypes": delivery_types,
        "Meta": {
            "ShippingConfiguration": {
                "FulfillmentGroup": fulfillment_group,
                "HasRequiredCardCarriers": requires_carrier,
                "CardCarriers": carriers or [],
            }
        },
        "Media": {"Faceplates": [{"Name": "Default", "Path": f"/media/{product_id.lower()}/default.png"}]},
        "Cost": {"Fee": fee, "DiscountPercentage": discount},
        "Translations": [],
        "CurrencyCode": "USD",
        "CultureCodes": ["en-US"],
    }


BUILTIN_CATALOG: dict[str, Any] = {
    "Products": [
        _product(
            "CVS",
            "CVS Pharmacy",
            type_="Physical",
            denomination_type="Fixed",
            denominations=[10, 25, 50, 100],
            delivery_types=["DigitalDelivery", "Links", "PhysicalShipment"],
            fulfillment_group="RETAIL",
            carriers=[{"Id": "DEFAULT", "Name": "Standard card carrier"}],
            blurb="Health and beauty, photo and household essentials",
        ),
        _product(
            "TARGET",
            "Target",
            type_="Physical",
            denomination_type="Fixed",
            denominations=[25, 50, 100, 250],
            delivery_types=["DigitalDelivery", "PhysicalShipment"],
            fulfillment_group="RETAIL",
            carriers=[{"Id": "DEFAULT", "Name": "Standard card carrier"}],
            blurb="Expect more, pay less",
        ),
        _product(
            "VISA-PREPAID",
            "Visa Prepaid Card",
            type_="Physical",
            denomination_type="Variable",
            denominations=[20, 500],
            delivery_types=["PhysicalShipment"],
            fulfillment_group="PREPAID",
            requires_carrier=True,
            carriers=_THEMED_CARRIERS,
            fee=5.95,
            blurb="Use it anywhere Visa debit cards are accepted in the US",
        ),
        _product(
            "HOMEDEPOT",
            "The Home Depot",
            type_="Physical",
            denomination_type="Fixed",
            denominations=[25, 50, 100, 200],
            delivery_types=["PhysicalShipment"],
            fulfillment_group="HOME",
            carriers=[{"Id": "DEFAULT", "Name": "Standard card carrier"}],
            discount=2.5,
            blurb="How doers get more done",
        ),
        _product(
            "STARBUCKS",
            "Starbucks",
            type_="Physical",
            denomination_type="Fixed",
            denominations=[5, 10, 15, 25, 50],
            delivery_types=["DigitalDelivery", "PhysicalShipment"],
            fulfillment_group="RETAIL",
            carriers=[
                {"Id": "DEFAULT", "Name": "Standard card carrier"},
                {"Id": "THANKYOU", "Name": "Thank You"},
            ],
            blurb="Coffee, tea and snacks",
        ),
        _product(
            "AMAZON",
            "Amazon.com",
            type_="Digital",
            denomination_type="Variable",
            denominations=[1, 2000],
            delivery_types=["DigitalDelivery", "Links"],
            fulfillment_group="DIGITAL",
            blurb="Digital only: cannot be shipped",
        ),
    ],
    "ShippingMethods": [
        {"Id": "STANDARD", "Name": "Standard (USPS First-Class)", "Price": 0.0, "CurrencyCode": "USD",
         "EstimatedDeliveryDays": 7},
        {"Id": "EXPEDITED", "Name": "Expedited (UPS 3 Day Select)", "Price": 9.95, "CurrencyCode": "USD",
         "EstimatedDeliveryDays": 3},
        {"Id": "OVERNIGHT", "Name": "Overnight (FedEx Standard Overnight)", "Price": 24.95,
         "CurrencyCode": "USD", "EstimatedDeliveryDays": 1},
    ],
}  # fmt: skip


@dataclass(frozen=True)
class CatalogView:
    """Indexed access to a catalog document; the documents themselves are what the API returns."""

    products: tuple[dict[str, Any], ...]
    shipping_methods: tuple[dict[str, Any], ...]

    @cached_property
    def _products_by_id(self) -> dict[str, dict[str, Any]]:
        return {str(p["Id"]).upper(): p for p in self.products}

    @cached_property
    def _methods_by_id(self) -> dict[str, dict[str, Any]]:
        return {str(m["Id"]).upper(): m for m in self.shipping_methods}

    def product(self, product_id: str) -> dict[str, Any] | None:
        return self._products_by_id.get(product_id.strip().upper())

    def shipping_method(self, method_id: str) -> dict[str, Any] | None:
        return self._methods_by_id.get(method_id.strip().upper())


def shipping_config(product: dict[str, Any]) -> dict[str, Any]:
    return dict((product.get("Meta") or {}).get("ShippingConfiguration") or {})


def card_carrier_ids(product: dict[str, Any]) -> set[str]:
    carriers = shipping_config(product).get("CardCarriers") or []
    return {str(c.get("Id", "")).upper() for c in carriers} | {DEFAULT_CARRIER_ID}


def ships_to(product: dict[str, Any]) -> tuple[str, ...]:
    countries = shipping_config(product).get("Countries") or DEFAULT_COUNTRIES
    return tuple(str(c).upper() for c in countries)


def money(value: Any) -> Decimal:
    return Decimal(str(value))


def builtin_catalog() -> CatalogView:
    return _view(copy.deepcopy(BUILTIN_CATALOG), source="built-in catalog")


def load_catalog(path: Path | None) -> CatalogView:
    """The built-in catalog, or the one in ``path`` (same JSON shape); bad files raise ConfigError."""
    if path is None:
        return builtin_catalog()
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"Sandbox catalog file not found: {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"Sandbox catalog file {path} is not readable JSON: {exc}") from None
    return _view(document, source=str(path))


def _view(document: Any, *, source: str) -> CatalogView:
    if not isinstance(document, dict):
        raise ConfigError(f"The {source} must be a JSON object with Products and ShippingMethods")
    products = document.get("Products")
    methods = document.get("ShippingMethods")
    if not isinstance(products, list) or not isinstance(methods, list):
        raise ConfigError(f"The {source} needs a Products list and a ShippingMethods list")
    for product in products:
        _check_product(product, source)
    for method in methods:
        _check_method(method, source)
    return CatalogView(products=tuple(products), shipping_methods=tuple(methods))


def _check_product(product: Any, source: str) -> None:
    if not isinstance(product, dict) or not product.get("Id"):
        raise ConfigError(f"Every product in the {source} needs an Id")
    where = f"product {product['Id']} in the {source}"
    if product.get("DenominationType") not in ("Fixed", "Variable"):
        raise ConfigError(f"The {where} needs DenominationType Fixed or Variable")
    denominations = product.get("Denominations")
    if not isinstance(denominations, list) or not denominations:
        raise ConfigError(f"The {where} needs a non-empty Denominations list")
    if product["DenominationType"] == "Variable" and len(denominations) != 2:
        raise ConfigError(f"The {where} is Variable: Denominations must be [min, max]")
    try:
        [money(d) for d in denominations]
        cost = product.get("Cost") or {}
        money(cost.get("Fee", 0))
        money(cost.get("DiscountPercentage", 0))
    except (InvalidOperation, ValueError):
        raise ConfigError(f"The {where} has a non-numeric denomination, fee or discount") from None
    if not isinstance(product.get("AvailableDeliveryTypes"), list):
        raise ConfigError(f"The {where} needs an AvailableDeliveryTypes list")


def _check_method(method: Any, source: str) -> None:
    if not isinstance(method, dict) or not method.get("Id"):
        raise ConfigError(f"Every shipping method in the {source} needs an Id")
    try:
        money(method.get("Price", 0))
        int(method.get("EstimatedDeliveryDays", 0))
    except (InvalidOperation, ValueError, TypeError):
        raise ConfigError(
            f"Shipping method {method['Id']} in the {source} has a non-numeric Price or EstimatedDeliveryDays"
        ) from None
