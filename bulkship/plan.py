"""The plan stage: valid rows -> PhysicalShipment orders with stable PO numbers, and what they will cost.

Pure functions: no I/O, no clock (the date arrivals are counted from is an argument), no randomness.

Grouping. Rows are taken in file order and split by the product's fulfilment group (groups in order of first
appearance); each group is cut into orders of at most ``max_lines`` line items (default
:data:`DEFAULT_MAX_LINES`, the vendor's limit). One line item per row, with the row's own
``PhysicalDeliveryAddress`` and ``ExternalId`` (the row's ``external_id``, or ``<BATCH>-<fingerprint[:16]>``
when the sheet has none, stable across runs).

PO numbers. ``<PREFIX>-<BATCH>-<SEQ>`` (e.g. ``ANNIV-2026Q4-0001``), upper-cased, each part reduced to the
vendor's alphabet ``[A-Za-z0-9._-]``, the whole at most 50 characters (a long batch name is cut and given a
short hash so that two long names never share PO numbers). SEQ counts orders in the batch from
``first_seq``. Because the numbering depends only on (prefix, batch, valid rows in file order), planning the
same file again with the ledger lost yields the same PO numbers, and the vendor's 409 hands back the orders
that already exist instead of creating new ones. With the ledger present, rows that already have a PO keep it
and only new rows are planned, numbered after the highest sequence used. A rejected order's good rows go into
a follow-up order ``<PO>-R<n>`` (n = 1, 2... per original order), also deterministic.

Cost. Per line (api-contract "Money"): ``Quantity × (Value × (1 − Discount%/100) + Fee)`` plus the shipping
method's price once per line item. :func:`summarise` totals cards, face value, discount, fees, shipping and
cost overall, per product and per shipping method, compares the total with the balance when the API offers
one, and gives each shipping method's estimated arrival date (``start + EstimatedDeliveryDays``
calendar days).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

import pandas as pd

from . import defaults
from .errors import InputError
from .models import (
    FINGERPRINT,
    ROW,
    Balance,
    Catalog,
    PlannedLine,
    PlannedOrder,
    Product,
    ShippingMethod,
    folded_address_line1,
)

DEFAULT_MAX_LINES = defaults.MAX_LINES  # the vendor's assumed limit of line items per order
VENDOR_MAX_LINES = 100
PO_MAX_LENGTH = 50
PO_PREFIX_MAX = 12
DEFAULT_PO_PREFIX = "BS"
DEFAULT_SHIPPING_METHOD = "STANDARD"
DEFAULT_CARRIER = "DEFAULT"
DEFAULT_COUNTRY = "US"
_SEQ_DIGITS = 4
_RESERVED_TAIL = 1 + 7 + 4  # "-" + room for a 7-digit sequence + "-R99"
_NOT_PO_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
_REPLAN_SUFFIX = re.compile(r"-R(\d+)$")


# -- PO numbers and references ---------------------------------------------------------------------------


def po_part(text: str) -> str:
    """One part of a PO number: the vendor's alphabet only, upper-case, no leading/trailing separators."""
    cleaned = _NOT_PO_CHARS.sub("-", text.strip()).upper()
    return re.sub(r"-{2,}", "-", cleaned).strip("-._")


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6].upper()


def _mixed_case(text: str) -> bool:
    return text != text.upper() and text != text.lower()


def po_stem(prefix: str, batch: str) -> str:
    """``PREFIX-BATCH`` within the length that leaves room for a sequence and a re-plan suffix."""
    prefix_part = po_part(prefix)[:PO_PREFIX_MAX].strip("-._")
    batch_part = po_part(batch) or _short_hash(batch)
    budget = PO_MAX_LENGTH - _RESERVED_TAIL - (len(prefix_part) + 1 if prefix_part else 0)
    if _mixed_case(batch) and len(batch_part) <= budget:
        # upper-casing would give "Gifts" the PO numbers of "gifts": a mixed-case name gets its own stem.
        # Names in one case keep theirs, so ledgers planned before this still resume with the same POs.
        batch_part = batch_part[: budget - 7].rstrip("-._") + "-" + _short_hash(batch)
    if len(batch_part) > budget:
        batch_part = batch_part[: budget - 7].rstrip("-._") + "-" + _short_hash(batch)
    return f"{prefix_part}-{batch_part}" if prefix_part else batch_part


def po_number(prefix: str, batch: str, seq: int) -> str:
    return _numbered(po_stem(prefix, batch), seq)


def _numbered(stem: str, seq: int) -> str:
    """The one place a PO number's sequence is formatted."""
    return f"{stem}-{seq:0{_SEQ_DIGITS}d}"


def batch_po_pattern(stem: str) -> re.Pattern[str]:
    """The PO numbers of one stem, exactly (use ``fullmatch``): ``<stem>-<seq>`` and its follow-ups
    ``<stem>-<seq>-R<n>``, in any case. ``BS-GIFTS-0001`` is not one of stem ``BS-GIFTS-1``'s."""
    return re.compile(rf"{re.escape(stem)}-\d+(?:-R\d+)?", re.IGNORECASE)


def replan_po(base_po: str, attempt: int) -> str:
    """The follow-up order for rows of ``base_po`` that still have to go out: ``<base>-R<attempt>``."""
    return f"{_REPLAN_SUFFIX.sub('', base_po)}-R{attempt}"


def external_reference(batch: str, fingerprint: str, external_id: str = "") -> str:
    """The line item's ExternalId: the user's own reference, or one derived from batch and row content."""
    if external_id.strip():
        return external_id.strip()
    return f"{(po_part(batch) or 'BATCH')[:24]}-{fingerprint[:16]}"


# -- lines and orders ------------------------------------------------------------------------------------


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _address(rec: dict[str, str], shipping_method: str, send_line2: bool = True) -> dict[str, str]:
    name = rec.get("name", "") or " ".join(
        p for p in (rec.get("first_name", ""), rec.get("last_name", "")) if p
    )
    address = {"Name": name, "AddressLine1": rec.get("address1", "")}
    if rec.get("address2"):
        if send_line2:
            address["AddressLine2"] = rec["address2"]
        else:
            address["AddressLine1"] = folded_address_line1(address["AddressLine1"], rec["address2"])
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
        shipping_cost=shipping.price,
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
        self.reference_prefix = (po_part(batch) or "BATCH")[:24]
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
        address1, address2 = col["address1"][index], col["address2"][index]
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
            shipping_cost=shipping.price,
        )


def fulfillment_group(line: PlannedLine, catalog: Catalog) -> str:
    product = catalog.product(line.product_id)
    return product.fulfillment_group if product else ""


def group_orders(
    lines: Sequence[PlannedLine],
    catalog: Catalog,
    *,
    po_prefix: str,
    batch: str,
    max_lines: int = DEFAULT_MAX_LINES,
    first_seq: int = 1,
) -> list[PlannedOrder]:
    """Cut lines (in file order) into orders of at most ``max_lines``, one fulfilment group per order."""
    if not 1 <= max_lines <= VENDOR_MAX_LINES:
        raise InputError(f"Line items per order must be between 1 and {VENDOR_MAX_LINES}, not {max_lines}")
    by_group: dict[str, list[PlannedLine]] = {}
    group_of: dict[str, str] = {}  # product id -> fulfilment group, looked up once per product
    for line in lines:
        group = group_of.get(line.product_id)
        if group is None:
            group = group_of[line.product_id] = fulfillment_group(line, catalog)
        by_group.setdefault(group, []).append(line)
    orders: list[PlannedOrder] = []
    seq = first_seq
    stem = po_stem(po_prefix, batch)  # worked out once, not per order as po_number would
    for group, members in by_group.items():
        for start in range(0, len(members), max_lines):
            chunk = tuple(members[start : start + max_lines])
            orders.append(PlannedOrder(_numbered(stem, seq), chunk, group))
            seq += 1
    return orders


def plan_orders(
    valid_rows: pd.DataFrame,
    catalog: Catalog,
    *,
    po_prefix: str,
    batch: str,
    max_lines: int = DEFAULT_MAX_LINES,
    first_seq: int = 1,
) -> list[PlannedOrder]:
    """Valid rows -> orders: :func:`plan_lines` then :func:`group_orders`."""
    lines = plan_lines(valid_rows, catalog, batch)
    return group_orders(
        lines, catalog, po_prefix=po_prefix, batch=batch, max_lines=max_lines, first_seq=first_seq
    )


@dataclass(frozen=True)
class OrderPlan:
    """The orders :func:`plan_orders` makes, built one at a time when iterated (a million rows are 10,000
    orders of 100 lines: holding every line and payload at once cost gigabytes). Every row has been checked
    when it is made, so iterating raises nothing; ``len`` is the number of orders."""

    builder: _LineBuilder | None  # None: no valid rows, no orders
    groups: tuple[tuple[str, tuple[int, ...]], ...]  # fulfilment group -> row positions, in first appearance
    stem: str
    max_lines: int
    first_seq: int

    def __len__(self) -> int:
        return sum(-(-len(positions) // self.max_lines) for _group, positions in self.groups)

    def __iter__(self) -> Iterator[PlannedOrder]:
        seq = self.first_seq
        for group, positions in self.groups:
            for start in range(0, len(positions), self.max_lines):
                chunk = positions[start : start + self.max_lines]
                lines = tuple(map(self.builder.line, chunk))  # type: ignore[union-attr]
                yield PlannedOrder(_numbered(self.stem, seq), lines, group)
                seq += 1


def plan_orders_lazily(
    valid_rows: pd.DataFrame,
    catalog: Catalog,
    *,
    po_prefix: str,
    batch: str,
    max_lines: int = DEFAULT_MAX_LINES,
    first_seq: int = 1,
) -> OrderPlan:
    """The same orders as :func:`plan_orders`, with the same errors raised here (every row is checked
    first, in row order), made one at a time as the result is iterated."""
    builder = _LineBuilder(valid_rows, catalog, batch) if not valid_rows.empty else None
    by_group: dict[str, list[int]] = {}
    group_of: dict[str, str] = {}  # product id -> fulfilment group, looked up once per product
    for position in range(len(builder) if builder is not None else 0):
        product = builder.check(position)  # type: ignore[union-attr]  # (not None when there are rows)
        group = group_of.get(product.id)
        if group is None:
            found = catalog.product(product.id)
            group = group_of[product.id] = found.fulfillment_group if found else ""
        by_group.setdefault(group, []).append(position)
    if not 1 <= max_lines <= VENDOR_MAX_LINES:
        raise InputError(f"Line items per order must be between 1 and {VENDOR_MAX_LINES}, not {max_lines}")
    return OrderPlan(
        builder,
        tuple((group, tuple(positions)) for group, positions in by_group.items()),
        po_stem(po_prefix, batch),
        max_lines,
        first_seq,
    )


def order_seq(po: str) -> int:
    """The sequence number in a PO made by :func:`po_number` (follow-ups share their original's)."""
    match = re.search(r"-(\d+)(?:-R\d+)?$", po)
    return int(match.group(1)) if match else 0


def follow_up_order(order: PlannedOrder, keep: Iterable[PlannedLine], attempt: int) -> PlannedOrder:
    """The rows of ``order`` that must still go out, as order ``<PO>-R<attempt>``."""
    return PlannedOrder(replan_po(order.po_number, attempt), tuple(keep), order.fulfillment_group)


# -- cost and arrival ------------------------------------------------------------------------------------


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

    @property
    def total(self) -> Decimal:
        return self.overall.total


class _Tally:
    def __init__(self, key: str, name: str) -> None:
        self.key, self.name = key, name
        self.fee = Decimal("0")  # the product's fee per card, for a per-product tally
        self.rows = self.cards = 0
        self.face = self.discount = self.fees = self.shipping = self.total = Decimal("0")

    def add(self, line: PlannedLine, fee: Decimal) -> None:
        fees = fee * line.quantity
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
            method_id = line.address.get("ShippingMethodId", DEFAULT_SHIPPING_METHOD)
            by_method = methods.get(method_id)
            if by_method is None:
                method = catalog.shipping_methods.get(method_id)
                by_method = methods[method_id] = _Tally(method_id, method.name if method else "")
            # the line's figures once, added to all three tallies (the same sums as add(line, fee) each)
            quantity = line.quantity
            fees = by_product.fee * quantity
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
    shortfall = Decimal("0")
    if balance is not None and overall.total > balance.available:
        shortfall = overall.total - balance.available
    return PlanSummary(
        orders=count,
        overall=overall.result(),
        by_product=tuple(t.result() for t in products.values()),
        by_shipping_method=tuple(t.result() for t in methods.values()),
        arrivals=tuple(arrivals),
        balance=balance,
        shortfall=shortfall,
    )
