"""The result columns, described once: what follows the user's own columns on the Results sheet (and in its
CSV), and the two columns the *Fix these* sheet adds. Every writer (the cell-by-cell writer, the spliced
writer, the CSV export) and every reader (``track`` rewriting a workbook, the Fix-these follow-up) goes
through :data:`RESULT_FIELDS` and :data:`KINDS`; no other module spells these headers.

A column is its header, the :class:`~bulkship.reconcile.sheets.RowOutcome` field it shows, and its kind; the
kind says how its cells are written (XLSX number format, number or text, CSV text) and read back.

The user's columns come first and keep their headers; a result column whose header reads the same as one of
theirs (case and spaces aside: their "Status" or "total") is written "Status (bulkship)", so a person
filtering by header never takes one for the other (:func:`result_headers`). Readers accept a result header
plain, marked, or as an older bulkship wrote it (:func:`is_header_of`), so earlier workbooks still read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from ..money import MONEY_CURRENCY, MONEY_FIELDS, MONEY_LABELS, WORKBOOK_MONEY_FORMAT, money_plain
from ..safetext import csv_safe


def _plain_text(value: Any) -> str:
    return csv_safe(str(value))


def _read_text(text: str) -> str:
    return text


def _read_row(text: str) -> int:
    return int(float(text))


def _read_money(text: str) -> Decimal | None:
    return Decimal(text).quantize(Decimal("0.01")) if text else None


@dataclass(frozen=True)
class ColumnKind:
    """How the cells of one kind of result column are written and read back."""

    name: str
    num_format: str | None  # XLSX number format (None: General)
    number: bool  # an XLSX number cell (text that is no number stays text)
    csv: Callable[[Any], str]  # a non-blank value as CSV text
    read: Callable[[str], Any]  # the cell's text, as read back, to the RowOutcome field's value
    min_width: float = 8.0


KINDS: dict[str, ColumnKind] = {
    kind.name: kind
    for kind in (
        ColumnKind("row", None, True, str, _read_row, min_width=6),
        ColumnKind("status", "@", False, _plain_text, _read_text, min_width=10),
        ColumnKind("text", "@", False, _plain_text, _read_text),
        ColumnKind("money", WORKBOOK_MONEY_FORMAT, True, money_plain, _read_money, min_width=11),
        # dates: the vendor's ISO 8601 timestamp, written as an Excel date (filterable), read back as ISO text
        ColumnKind("date", "yyyy-mm-dd", True, _plain_text, _read_text, min_width=12),
    )
}


@dataclass(frozen=True)
class ResultColumn:
    """One result column: its header, the RowOutcome field it shows, its kind (:data:`KINDS`)."""

    header: str
    field: str
    kind: str
    former: tuple[str, ...] = ()  # headers an older bulkship wrote for it: still read

    @property
    def spec(self) -> ColumnKind:
        return KINDS[self.kind]


ROW = ResultColumn("Row", "row", "row")
STATUS = ResultColumn("Status", "status", "status")
PROBLEMS = ResultColumn("Problems / vendor error", "problems", "text")
# "Shipping cost" was "Shipping" (which most sheets use for the shipping method) until 2026-12
_FORMER_MONEY = {"shipping": ("Shipping",)}
MONEY_COLUMNS = tuple(
    ResultColumn(label, name, "money", _FORMER_MONEY.get(name, ()))
    for label, name in zip(MONEY_LABELS, MONEY_FIELDS, strict=True)
)
PO_NUMBER = ResultColumn("PO Number", "po_number", "text")
ORDER_ID = ResultColumn("Order ID", "order_id", "text")
MONEY = ResultColumn("Money", "money", "text")  # the row's bucket: charged, in doubt, to send
RESULT_FIELDS: tuple[ResultColumn, ...] = (
    ROW,
    STATUS,
    PROBLEMS,
    ResultColumn("Normalised values", "normalised", "text"),
    PO_NUMBER,
    ORDER_ID,
    ResultColumn("Line Item ID", "line_item_id", "text"),
    MONEY,
    *MONEY_COLUMNS,
    ResultColumn("Carrier", "carrier", "text"),
    ResultColumn("Tracking Number", "tracking_number", "text"),
    ResultColumn("Tracking URL", "tracking_url", "text"),
    ResultColumn("Shipped date", "shipped_date", "date"),
    ResultColumn("Delivered date", "delivered_date", "date"),
)
RESULT_COLUMNS: tuple[str, ...] = tuple(c.header for c in RESULT_FIELDS)

# Workbooks written before the money breakdown had one "Cost" column (the total) where the money columns
# are now, and no "Money" column; they are still read.
LEGACY_COST = ResultColumn("Cost", "total", "money")
LEGACY_RESULT_FIELDS: tuple[ResultColumn, ...] = tuple(
    LEGACY_COST if c is MONEY_COLUMNS[0] else c
    for c in RESULT_FIELDS
    if c is not MONEY and (c not in MONEY_COLUMNS or c is MONEY_COLUMNS[0])
)

# What *Fix these* adds after the user's columns: the problem, and the row the cells came from.
ORIGINAL_ROW = ResultColumn("Original row", "row", "row")
FIX_EXTRA_FIELDS: tuple[ResultColumn, ...] = (PROBLEMS, ORIGINAL_ROW)


# The Orders sheet: one row per order, in the same words. The order's status is the vendor's word for the
# order ('Complete': made and charged), its rows' are bulkship's: a bare 'Status' read 'Complete' beside rows
# 'pending' (newcomer3), so the order's is named as such and its rows' statuses are counted beside it.
ORDER_STATUS = "Order status"
ROWS_BY_STATUS = "Rows by status"
ORDER_COLUMNS: tuple[str, ...] = (
    PO_NUMBER.header, ORDER_ID.header, ORDER_STATUS, MONEY.header, "Line items", ROWS_BY_STATUS,
    *MONEY_LABELS,
)  # fmt: skip


MARK = "bulkship"  # "Status (bulkship)": the result column beside the user's own "Status"
_MARKED = re.compile(rf"^(.*?)\s*\({MARK}(?: \d+)?\)$", re.IGNORECASE)


def _key(header: object) -> str:
    """A header as people read it: case and runs of spaces aside."""
    return " ".join(str(header).split()).casefold()


def result_headers(
    user_headers: Sequence[str], columns: tuple[ResultColumn, ...] = RESULT_FIELDS
) -> tuple[str, ...]:
    """The headers ``columns`` are written under beside the user's (:func:`distinct_headers`)."""
    return distinct_headers([c.header for c in columns], user_headers)


def csv_result_headers(user_headers: Sequence[str]) -> tuple[str, ...]:
    """The headers of the result columns in the CSV twin: the money columns name their currency ('Total
    (USD)'). The workbook shows each amount as "$50.00"; the CSV's plain 50.00 under 'Total' said nothing of
    it (hunter-money20's leftover)."""
    return distinct_headers(
        [csv_money_header(c.header) if c.kind == "money" else c.header for c in RESULT_FIELDS], user_headers
    )


def csv_money_header(header: str) -> str:
    return f"{header} ({MONEY_CURRENCY})"


def distinct_headers(ours: Sequence[str], user_headers: Sequence[str]) -> tuple[str, ...]:
    """bulkship's headers ``ours`` as written beside the user's: each as it is, or marked "(bulkship)" when
    one of the user's reads the same ("(bulkship 2)" should that be taken too)."""
    taken = {_key(h) for h in user_headers}
    written = []
    for plain in ours:
        header, count = plain, 1
        while _key(header) in taken:
            header = f"{plain} ({MARK}{f' {count}' if count > 1 else ''})"
            count += 1
        taken.add(_key(header))
        written.append(header)
    return tuple(written)


def is_header_of(text: object, column: ResultColumn) -> bool:
    """Whether a header read back is ``column``'s: its header or a former one, plain or marked."""
    marked = _MARKED.match(" ".join(str(text).split()))
    key = _key(marked.group(1) if marked else text)
    return key in {_key(h) for h in (column.header, *column.former)}


def headers_of(headers: Sequence[str], columns: tuple[ResultColumn, ...]) -> Mapping[ResultColumn, str]:
    """Which of a sheet's ``headers`` are bulkship's ``columns`` (the *Fix these* extras, wherever the user
    moved them): for each, the last header that is its (bulkship writes its own after the user's)."""
    found: dict[ResultColumn, str] = {}
    for header in headers:
        for column in columns:
            if is_header_of(header, column):
                found[column] = header
    return found


def min_widths(columns: tuple[ResultColumn, ...] = RESULT_FIELDS) -> list[float]:
    return [c.spec.min_width for c in columns]


def cell_values(outcome: Any, columns: tuple[ResultColumn, ...] = RESULT_FIELDS) -> tuple[Any, ...]:
    """The values one row shows in ``columns``, in order (each its RowOutcome field)."""
    return tuple(getattr(outcome, c.field) for c in columns)


def csv_cell(column: ResultColumn, value: Any) -> str:
    """One result cell in the CSV export: money as plain two-decimal numbers, text neutralised."""
    if value is None or value == "":
        return ""
    return column.spec.csv(value)


def read_fields(columns: tuple[ResultColumn, ...], texts: list[str]) -> dict[str, Any]:
    """RowOutcome field -> value, from a result row's cells as text (the reader's side of the table)."""
    return {c.field: c.spec.read(text) for c, text in zip(columns, texts, strict=False)}


def date_value(text: str) -> datetime | None:
    """The vendor's ISO 8601 timestamp as a naive date Excel can filter on, or None when unreadable."""
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=None)
