"""Valid rows into line items (:class:`~bulkship.models.PlannedLine`): the catalog look-ups, amounts and
address of each, worked out column by column."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import pandas as pd

from ..errors import InputError
from ..folding import no_reference
from ..models import (
    FINGERPRINT,
    ROW,
    Catalog,
    PlannedLine,
    Product,
    ShippingMethod,
    folded_address_line1,
    line2_with_company,
)
from ..money import line_shipping
from .ponumbers import external_reference, reference_prefix

DEFAULT_SHIPPING_METHOD = "STANDARD"
DEFAULT_CARRIER = "DEFAULT"
DEFAULT_COUNTRY = "US"


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _address(rec: dict[str, str], shipping_method: str, send_line2: bool = True) -> dict[str, str]:
    name = rec.get("name", "") or " ".join(
        p for p in (rec.get("first_name", ""), rec.get("last_name", "")) if p
    )
    address = {"Name": name, "AddressLine1": rec.get("address1", "")}
    line2 = line2_with_company(address["AddressLine1"], rec.get("address2", ""), rec.get("company", ""))
    if line2:
        if send_line2:
            address["AddressLine2"] = line2
        else:
            address["AddressLine1"] = folded_address_line1(address["AddressLine1"], line2)
    address.update(
        {
            "City": rec.get("city", ""),
            "State": rec.get("state", ""),
            "Zip": rec.get("zip", ""),
            "Country": rec.get("country", "") or DEFAULT_COUNTRY,
            "ShippingMethodId": shipping_method,
            "CarrierId": rec.get("carrier_id", "") or DEFAULT_CARRIER,
        }
    )
    return address


def _line(rec: dict[str, str], row: int, catalog: Catalog, batch: str) -> PlannedLine:
    """One row's line item (the reference for :func:`plan_lines`, which does the same per column)."""
    product = catalog.product(rec.get("product", ""))
    shipping_id = rec.get("shipping_method", "") or DEFAULT_SHIPPING_METHOD
    shipping = catalog.shipping_methods.get(shipping_id) or catalog.shipping_methods.get(shipping_id.upper())
    if product is None or shipping is None:
        missing = f"product {rec.get('product')!r}" if product is None else f"shipping method {shipping_id!r}"
        raise InputError(f"Row {row}: {missing} is not in the vendor's catalog; nothing was sent")
    try:
        value = Decimal(rec.get("value", ""))
        quantity = int(rec.get("quantity", "") or "1")
    except (InvalidOperation, ValueError):
        raise InputError(f"Row {row}: value or quantity is not a number; nothing was sent") from None
    return PlannedLine(
        row=row,
        fingerprint=rec[FINGERPRINT],
        external_id=external_reference(batch, rec[FINGERPRINT], rec.get("external_id", "")),
        product_id=product.id,
        value=value,
        quantity=quantity,
        address=_address(rec, shipping.id, catalog.sends_address_line2),
        unit_cost=product.unit_cost(value),
        shipping_cost=line_shipping(shipping.price),
    )


# The columns a line item is built from (any other column of the frame is not read).
_LINE_COLUMNS = (
    "product",
    "shipping_method",
    "value",
    "quantity",
    "external_id",
    "name",
    "first_name",
    "last_name",
    "address1",
    "address2",
    "company",
    "city",
    "state",
    "zip",
    "country",
    "carrier_id",
)


def _column_texts(frame: pd.DataFrame, names: list[str], column: str) -> list[str] | None:
    """One column as stripped Python strings (``_text`` of each cell), converted once; None when absent.

    A repeated column name reads its last occurrence, as a row dict built column by column would."""
    if column not in names:
        return None
    position = len(names) - 1 - names[::-1].index(column)
    values = frame.iloc[:, position].to_numpy(dtype=object).tolist()
    try:
        return list(map(str.strip, values))  # every cell a string: the usual case, and the fast one
    except TypeError:
        return [v.strip() if isinstance(v, str) else _text(v) for v in values]


class _LineFactory:
    """Per-value work done once per distinct value: catalog look-ups, Decimal parsing, unit costs."""

    def __init__(self, catalog: Catalog, batch: str) -> None:
        self.catalog = catalog
        self.reference_prefix = reference_prefix(batch)
        self.products: dict[str, Product | None] = {}
        self.shipping: dict[str, ShippingMethod | None] = {}
        self.values: dict[str, Decimal] = {}
        self.quantities: dict[str, int] = {}
        self.unit_costs: dict[tuple[str, str], Decimal] = {}

    def product(self, text: str) -> Product | None:
        if text not in self.products:
            self.products[text] = self.catalog.product(text)
        return self.products[text]

    def shipping_method(self, shipping_id: str) -> ShippingMethod | None:
        if shipping_id not in self.shipping:
            methods = self.catalog.shipping_methods
            self.shipping[shipping_id] = methods.get(shipping_id) or methods.get(shipping_id.upper())
        return self.shipping[shipping_id]

    def amounts(self, value_text: str, quantity_text: str) -> tuple[Decimal, int]:
        """Raises InvalidOperation or ValueError like ``Decimal(value)`` and ``int(quantity or "1")``."""
        value = self.values.get(value_text)
        if value is None:
            value = self.values[value_text] = Decimal(value_text)
        quantity = self.quantities.get(quantity_text)
        if quantity is None:
            quantity = self.quantities[quantity_text] = int(quantity_text or "1")
        return value, quantity

    def unit_cost(self, product: Product, value_text: str, value: Decimal) -> Decimal:
        key = (product.id, value_text)
        cost = self.unit_costs.get(key)
        if cost is None:
            cost = self.unit_costs[key] = product.unit_cost(value)
        return cost


def plan_lines(valid_rows: pd.DataFrame, catalog: Catalog, batch: str) -> list[PlannedLine]:
    """One :class:`PlannedLine` per valid row, in file (row number) order.

    Works column by column: each column the lines need is converted to Python strings once (iterating a
    pandas string column cell by cell costs about ten times more), and catalog look-ups, numbers and unit
    costs are worked out once per distinct value. The result is what :func:`_line` gives for each row."""
    if valid_rows.empty:
        return []
    builder = _LineBuilder(valid_rows, catalog, batch)
    for position in range(len(builder)):
        builder.check(position)
    return [builder.line(position) for position in range(len(builder))]


class _LineBuilder:
    """The valid rows' columns as Python strings (converted once, sharing the frame's strings), from which
    any row's line is built on demand: a million-row plan never holds a million lines at once."""

    def __init__(self, valid_rows: pd.DataFrame, catalog: Catalog, batch: str) -> None:
        frame = valid_rows
        if ROW in frame.columns:
            if not frame[ROW].is_monotonic_increasing:  # already in row order: no sorted copy needed
                frame = frame.sort_values(ROW)
        elif not frame.index.is_monotonic_increasing:
            frame = frame.sort_index()
        names = [str(c) for c in frame.columns]
        self.rows = frame[ROW].tolist() if ROW in frame.columns else frame.index.tolist()
        fingerprints = _column_texts(frame, names, FINGERPRINT)
        if fingerprints is None:
            raise KeyError(FINGERPRINT)
        self.fingerprints = fingerprints
        blank = [""] * len(self.rows)
        texts = {column: _column_texts(frame, names, column) for column in _LINE_COLUMNS}
        self.product_shown = texts["product"]  # None when the column is missing, as in the error message
        self.col = {column: values if values is not None else blank for column, values in texts.items()}
        # a placeholder Employee ID ('TBD') is none: a reference is made up, as for a row with no ID
        if texts["external_id"] is not None:
            self.col["external_id"] = ["" if no_reference(v) else v for v in self.col["external_id"]]
        self.make = _LineFactory(catalog, batch)
        self.send_line2 = catalog.sends_address_line2

    def __len__(self) -> int:
        return len(self.rows)

    def check(self, index: int) -> Product:
        """Raise InputError, as building the line would, when row ``index`` cannot be ordered; its product."""
        make, col = self.make, self.col
        product_text = col["product"][index]
        products, methods = make.products, make.shipping
        product = products[product_text] if product_text in products else make.product(product_text)
        shipping_id = col["shipping_method"][index] or DEFAULT_SHIPPING_METHOD
        shipping = methods[shipping_id] if shipping_id in methods else make.shipping_method(shipping_id)
        if product is None or shipping is None:
            row = int(self.rows[index])
            shown = self.product_shown[index] if self.product_shown is not None else None
            missing = f"product {shown!r}" if product is None else f"shipping method {shipping_id!r}"
            raise InputError(f"Row {row}: {missing} is not in the vendor's catalog; nothing was sent")
        value_text, quantity_text = col["value"][index], col["quantity"][index]
        if make.values.get(value_text) is None or make.quantities.get(quantity_text) is None:
            try:
                make.amounts(value_text, quantity_text)
            except (InvalidOperation, ValueError):
                row = int(self.rows[index])
                raise InputError(f"Row {row}: value or quantity is not a number; nothing was sent") from None
        return product

    def line(self, index: int) -> PlannedLine:
        """Row ``index``'s line (after :meth:`check` passed for it)."""
        make, col = self.make, self.col
        product = self.check(index)
        shipping = make.shipping[col["shipping_method"][index] or DEFAULT_SHIPPING_METHOD]
        assert shipping is not None  # check() refused it otherwise
        value_text = col["value"][index]
        value, quantity = make.values[value_text], make.quantities[col["quantity"][index]]
        unit_cost = make.unit_costs.get((product.id, value_text))
        if unit_cost is None:
            unit_cost = make.unit_cost(product, value_text, value)
        name = col["name"][index]
        if not name:
            name = " ".join(p for p in (col["first_name"][index], col["last_name"][index]) if p)
        address1 = col["address1"][index]
        address2 = line2_with_company(address1, col["address2"][index], col["company"][index])
        if address2 and self.send_line2:
            address = {"Name": name, "AddressLine1": address1, "AddressLine2": address2}
        elif address2:  # a vendor not known to keep AddressLine2: line 2 travels inside line 1
            address = {"Name": name, "AddressLine1": folded_address_line1(address1, address2)}
        else:
            address = {"Name": name, "AddressLine1": address1}
        address["City"] = col["city"][index]
        address["State"] = col["state"][index]
        address["Zip"] = col["zip"][index]
        address["Country"] = col["country"][index] or DEFAULT_COUNTRY
        address["ShippingMethodId"] = shipping.id
        address["CarrierId"] = col["carrier_id"][index] or DEFAULT_CARRIER
        fingerprint = self.fingerprints[index]
        return PlannedLine(
            row=int(self.rows[index]),
            fingerprint=fingerprint,
            external_id=col["external_id"][index] or f"{make.reference_prefix}-{fingerprint[:16]}",
            product_id=product.id,
            value=value,
            quantity=quantity,
            address=address,
            unit_cost=unit_cost,
            shipping_cost=line_shipping(shipping.price),
        )
