"""Validation of a ``POST /v1/Orders`` body against api-contract.md's rules and limits. Pure functions.

Request keys are accepted in any casing (``PONumber``, ``PoNumber``, ``poNumber``). Every problem is
collected, so a 400 names each bad line item at once: ``{"LineItems[3].Value": ["..."]}`` (indexes are
0-based, as in the model-state errors of the ASP.NET-style API this imitates).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from .catalog import CatalogView, card_carrier_ids, money, shipping_config, ships_to

ORDER_TYPES = {"physicalshipment": "PhysicalShipment", "digitaldelivery": "DigitalDelivery", "links": "Links"}
PO_NUMBER_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,50}")
MAX_LINE_ITEMS = 100
MAX_QUANTITY = 1000
US_ZIP_PATTERN = re.compile(r"\d{5}(-\d{4})?")
CENT = Decimal("0.01")
# Address fields the sandbox keeps, with their maximum lengths (assumed limits of api-contract.md; Company,
# Phone and Email are optional extras a caller may send).
ADDRESS_LIMITS = {
    "Name": 100,
    "Company": 100,
    "AddressLine1": 100,
    "AddressLine2": 100,
    "City": 50,
    "State": 50,
    "Zip": 20,
    "Country": 2,
    "Phone": 30,
    "Email": 254,
}
REQUIRED_ADDRESS_FIELDS = ("Name", "AddressLine1", "City", "State", "Zip")
_US_STATE_CODES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC "
    "ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP AA AE AP"
)
US_STATES = frozenset(_US_STATE_CODES.split())


class Problems(dict[str, list[str]]):
    """Field path -> messages, in the shape of the 400 body's ``Errors``."""

    def add(self, path: str, message: str) -> None:
        self.setdefault(path, []).append(message)

    @property
    def count(self) -> int:
        return sum(len(messages) for messages in self.values())


class OrderInvalid(Exception):
    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(f"{len(errors)} invalid fields")
        self.errors = errors


@dataclass(frozen=True)
class ValidLine:
    external_id: str | None
    product_id: str
    value: Decimal
    quantity: int
    address: dict[str, str]  # canonical PascalCase keys, including ShippingMethodId and CarrierId
    shipping_method_id: str
    estimated_delivery_days: int
    unit_cost: Decimal
    shipping_cost: Decimal

    @property
    def cost(self) -> Decimal:
        return self.unit_cost * self.quantity + self.shipping_cost


@dataclass(frozen=True)
class ValidOrder:
    type: str
    po_number: str
    note: str | None
    webhook_url: str | None
    lines: tuple[ValidLine, ...]

    @property
    def cost(self) -> Decimal:
        return sum((line.cost for line in self.lines), Decimal("0"))


def lower_keys(value: Any) -> Any:
    """The same JSON with every object key lower-cased, so lookups ignore the caller's casing."""
    if isinstance(value, dict):
        return {str(k).lower(): lower_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [lower_keys(v) for v in value]
    return value


def unit_cost(product: dict[str, Any], value: Decimal) -> Decimal:
    """Face value less the discount, plus the per-card fee, to the cent (the same rule as models.Product)."""
    cost = product.get("Cost") or {}
    discount = money(cost.get("DiscountPercentage", 0) or 0)
    fee = money(cost.get("Fee", 0) or 0)
    return (value * (1 - discount / 100) + fee).quantize(CENT)


def po_number_errors(body: dict[str, Any]) -> tuple[str | None, list[str]]:
    """The PONumber of a lower-keyed body, and what is wrong with it."""
    po = body.get("ponumber")
    if po is None or po == "":
        return None, ["PONumber is required."]
    if not isinstance(po, str):
        return None, ["PONumber must be a string."]
    if not PO_NUMBER_PATTERN.fullmatch(po):
        return None, ["PONumber must be 1 to 50 characters of letters, digits, '.', '_' or '-'."]
    return po, []


def is_loopback_url(url: str) -> bool:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def validate_order(body: Any, catalog: CatalogView) -> ValidOrder:
    """A lower-keyed request body checked in full; raises :class:`OrderInvalid` with every problem found."""
    if not isinstance(body, dict):
        raise OrderInvalid({"": ["The request body must be a JSON object."]})
    problems = Problems()
    order_type = ORDER_TYPES.get(str(body.get("type", "")).lower())
    if order_type is None:
        problems.add("Type", "Type is required: DigitalDelivery, Links or PhysicalShipment.")
    elif order_type != "PhysicalShipment":
        problems.add("Type", f"The sandbox fulfils PhysicalShipment orders only, not {order_type}.")
    po, po_problems = po_number_errors(body)
    for problem in po_problems:
        problems.add("PONumber", problem)
    note = body.get("note")
    if note is not None and not isinstance(note, str):
        problems.add("Note", "Note must be a string.")
    webhook_url = _webhook_url(body.get("webhooksettings"), problems)
    lines = _line_items(body.get("lineitems"), catalog, problems)
    if problems:
        raise OrderInvalid(dict(problems))
    assert po is not None and order_type is not None
    return ValidOrder(type=order_type, po_number=po, note=note, webhook_url=webhook_url, lines=tuple(lines))


def _webhook_url(settings: Any, problems: Problems) -> str | None:
    if settings is None:
        return None
    if not isinstance(settings, dict):
        problems.add("WebhookSettings", "WebhookSettings must be an object.")
        return None
    url = settings.get("fulfillmentcomplete")
    if url in (None, ""):
        return None
    if not isinstance(url, str) or not is_loopback_url(url):
        problems.add(
            "WebhookSettings.FulfillmentComplete",
            "The sandbox only delivers webhooks to loopback addresses (127.0.0.1, ::1 or localhost).",
        )
        return None
    return url


def _line_items(items: Any, catalog: CatalogView, problems: Problems) -> list[ValidLine]:
    if not isinstance(items, list) or not items:
        problems.add("LineItems", "LineItems is required: at least one line item.")
        return []
    if len(items) > MAX_LINE_ITEMS:
        problems.add(
            "LineItems", f"An order holds at most {MAX_LINE_ITEMS} line items; this one has {len(items)}."
        )
        return []
    lines = []
    for index, item in enumerate(items):
        line = _line_item(item, f"LineItems[{index}]", catalog, problems)
        if line is not None:
            lines.append(line)
    return lines


def _line_item(item: Any, path: str, catalog: CatalogView, problems: Problems) -> ValidLine | None:
    if not isinstance(item, dict):
        problems.add(path, "A line item must be an object.")
        return None
    before = problems.count
    product = _product(item.get("productid"), path, catalog, problems)
    value = _value(item.get("value"), product, path, problems)
    quantity = _quantity(item.get("quantity"), path, problems)
    external_id = item.get("externalid")
    if external_id is not None and not isinstance(external_id, (str, int)):
        problems.add(f"{path}.ExternalId", "ExternalId must be a string.")
    address, method = _address(item.get("physicaldeliveryaddress"), product, f"{path}", catalog, problems)
    if problems.count != before or product is None or value is None or quantity is None or not method:
        return None
    return ValidLine(
        external_id=None if external_id is None else str(external_id),
        product_id=str(product["Id"]),
        value=value,
        quantity=quantity,
        address=address,
        shipping_method_id=str(method["Id"]),
        estimated_delivery_days=int(method.get("EstimatedDeliveryDays") or 0),
        unit_cost=unit_cost(product, value),
        shipping_cost=money(method.get("Price", 0) or 0).quantize(CENT),
    )


def _product(product_id: Any, path: str, catalog: CatalogView, problems: Problems) -> dict[str, Any] | None:
    if not isinstance(product_id, str) or not product_id.strip():
        problems.add(f"{path}.ProductId", "ProductId is required.")
        return None
    product = catalog.product(product_id)
    if product is None:
        problems.add(f"{path}.ProductId", f"Unknown product '{product_id}'.")
        return None
    if "PhysicalShipment" not in (product.get("AvailableDeliveryTypes") or []):
        problems.add(f"{path}.ProductId", f"Product {product['Id']} cannot be shipped physically.")
        return None
    return product


def _value(raw: Any, product: dict[str, Any] | None, path: str, problems: Problems) -> Decimal | None:
    if raw is None or isinstance(raw, bool) or not isinstance(raw, (int, float)):
        problems.add(f"{path}.Value", "Value is required and must be a number.")
        return None
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        problems.add(f"{path}.Value", "Value must be a finite number.")
        return None
    if not value.is_finite() or product is None:
        if not value.is_finite():
            problems.add(f"{path}.Value", "Value must be a finite number.")
        return None
    denominations = [money(d) for d in product["Denominations"]]
    if product["DenominationType"] == "Variable":
        low, high = denominations[0], denominations[-1]
        if not low <= value <= high:
            problems.add(f"{path}.Value", f"Value {value} is outside {product['Id']}'s range {low}-{high}.")
        elif value != value.quantize(CENT):
            problems.add(f"{path}.Value", f"Value {value} has more than 2 decimals.")
        else:
            return value
        return None
    if value not in denominations:
        allowed = ", ".join(str(d) for d in denominations)
        problems.add(f"{path}.Value", f"Value {value} is not a denomination of {product['Id']} ({allowed}).")
        return None
    return value


def _quantity(raw: Any, path: str, problems: Problems) -> int | None:
    if raw is None:
        problems.add(f"{path}.Quantity", "Quantity is required.")
        return None
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or int(raw) != raw:
        problems.add(f"{path}.Quantity", "Quantity must be a whole number.")
        return None
    if not 1 <= int(raw) <= MAX_QUANTITY:
        problems.add(f"{path}.Quantity", f"Quantity must be between 1 and {MAX_QUANTITY}, not {int(raw)}.")
        return None
    return int(raw)


def _address(
    raw: Any, product: dict[str, Any] | None, path: str, catalog: CatalogView, problems: Problems
) -> tuple[dict[str, str], dict[str, Any] | None]:
    where = f"{path}.PhysicalDeliveryAddress"
    if not isinstance(raw, dict):
        problems.add(where, "PhysicalDeliveryAddress is required for a PhysicalShipment line item.")
        return {}, None
    address: dict[str, str] = {}
    method = _shipping_method(raw.get("shippingmethodid"), where, catalog, problems)
    if method is not None:
        address["ShippingMethodId"] = str(method["Id"])
    carrier = _carrier(raw.get("carrierid"), product, where, problems)
    if carrier:
        address["CarrierId"] = carrier
    for field, limit in ADDRESS_LIMITS.items():
        value = raw.get(field.lower())
        if value is None or (isinstance(value, str) and not value.strip()):
            if field in REQUIRED_ADDRESS_FIELDS:
                problems.add(f"{where}.{field}", f"{field} is required.")
            continue
        if not isinstance(value, str):
            problems.add(f"{where}.{field}", f"{field} must be a string.")
            continue
        value = value.strip()
        if len(value) > limit:
            problems.add(
                f"{where}.{field}", f"{field} must be at most {limit} characters; it has {len(value)}."
            )
            continue
        address[field] = value
    _check_country_state_zip(address, product, where, problems)
    return address, method


def _shipping_method(raw: Any, where: str, catalog: CatalogView, problems: Problems) -> dict[str, Any] | None:
    if not isinstance(raw, str) or not raw.strip():
        problems.add(f"{where}.ShippingMethodId", "ShippingMethodId is required.")
        return None
    method = catalog.shipping_method(raw)
    if method is None:
        known = ", ".join(str(m["Id"]) for m in catalog.shipping_methods)
        problems.add(f"{where}.ShippingMethodId", f"Unknown shipping method '{raw}' (known: {known}).")
    return method


def _carrier(raw: Any, product: dict[str, Any] | None, where: str, problems: Problems) -> str | None:
    required = bool(product and shipping_config(product).get("HasRequiredCardCarriers"))
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            assert product is not None
            problems.add(
                f"{where}.CarrierId", f"CarrierId is required for {product['Id']} (DEFAULT is always valid)."
            )
        return None
    if not isinstance(raw, str):
        problems.add(f"{where}.CarrierId", "CarrierId must be a string.")
        return None
    carrier = raw.strip().upper()
    if product is not None and carrier not in card_carrier_ids(product):
        valid = ", ".join(sorted(card_carrier_ids(product)))
        problems.add(
            f"{where}.CarrierId", f"Card carrier '{raw}' is not offered for {product['Id']} ({valid})."
        )
        return None
    return carrier


def _check_country_state_zip(
    address: dict[str, str], product: dict[str, Any] | None, where: str, problems: Problems
) -> None:
    country = address.get("Country", "US").upper()  # absent: US, the only country most products ship to
    address["Country"] = country
    allowed = ships_to(product) if product is not None else ("US",)
    if country not in allowed:
        problems.add(f"{where}.Country", f"Country must be one of {', '.join(allowed)}, not {country}.")
        return
    if country != "US":
        return
    state = address.get("State")
    if state is not None:
        if state.upper() not in US_STATES:
            problems.add(f"{where}.State", f"State must be a 2-letter US state code, not '{state}'.")
        else:
            address["State"] = state.upper()
    zip_code = address.get("Zip")
    if zip_code is not None and not US_ZIP_PATTERN.fullmatch(zip_code):
        problems.add(f"{where}.Zip", f"Zip must be 5 digits or ZIP+4 (12345-6789), not '{zip_code}'.")
