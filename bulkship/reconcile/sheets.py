"""The result workbook: writing it (XLSX and CSV) and reading it back.

The result workbook is what HR, finance and support open after a run. Its sheets:

* **Results**: one row per input row, in input order: the user's original columns untouched, then
  :data:`RESULT_COLUMNS`. Split into ``Results 2``, ``Results 3``... past Excel's row limit.
* **Fix these**: the rows that need the user (invalid, failed) in the input's own column layout, plus the
  problem and the original row number, so the sheet can be corrected and fed back to ``bulkship run``.
* **Orders**: one row per vendor order with its money.
* **Summary**: counts by status, totals by product and shipping method, where the data came from, a chart.

Nothing from the input is ever written as a formula: every text cell is a string cell, and text that a
spreadsheet could read as a formula on editing (``=``, ``+``, ``-``, ``@``, tab, CR first) also carries
Excel's quote prefix. The CSV export prefixes such text with ``'`` (the usual CSV-injection defence).

Writing uses XlsxWriter in ``constant_memory`` mode (rows streamed in order, flat memory), the floor of the
local pipeline. The workbook is written to a temporary file next to the target and renamed over it, so a
reader never sees half a workbook and a rewrite by ``bulkship track`` is atomic.
"""

from __future__ import annotations

import csv
import itertools
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from ..atomicfile import publish
from ..errors import BulkshipError, FileFormatError
from ..safetext import csv_safe, needs_quote
from ..xlsxfast import ColumnStyle, SheetCells, splice_sheets

# Row statuses in the order a row moves through them (invalid/duplicate never move; failed is terminal;
# held: valid but repeats a card already ordered, sent only with --allow-repeat).
RESULT_STATUSES: tuple[str, ...] = (
    "invalid",
    "duplicate",
    "held",
    "planned",
    "ordered",
    "pending",
    "complete",
    "shipped",
    "delivered",
    "failed",
)
FINAL_STATUSES = frozenset({"invalid", "duplicate", "delivered", "failed"})
NEEDS_USER_STATUSES = frozenset({"invalid", "failed", "held"})

RESULT_COLUMNS: tuple[str, ...] = (
    "Row",
    "Status",
    "Problems / vendor error",
    "Normalised values",
    "PO Number",
    "Order ID",
    "Line Item ID",
    "Cost",
    "Carrier",
    "Tracking Number",
    "Tracking URL",
    "Shipped date",
    "Delivered date",
)
FIX_EXTRA_COLUMNS: tuple[str, ...] = ("Problems / vendor error", "Original row")
ORDER_COLUMNS: tuple[str, ...] = (
    "PO Number",
    "Order ID",
    "Status",
    "Line items",
    "Face value",
    "Fees",
    "Shipping",
    "Cost",
)

RESULTS_SHEET = "Results"
FIX_SHEET = "Fix these"
ORDERS_SHEET = "Orders"
SUMMARY_SHEET = "Summary"
KEYS_SHEET = "bulkship-keys"  # very hidden: spreadsheet row -> ledger fingerprint, so `track` joins exactly
EXCEL_MAX_ROWS = 1_048_576  # including the header row
MAX_COLUMN_WIDTH = 60
WIDTH_SAMPLE_ROWS = 500
SPLICE_BLOCK_ROWS = 5000  # rows per block of spliced cells, converted and rendered column by column

STATUS_COLOURS: dict[str, str] = {
    "invalid": "#F4CCCC",
    "duplicate": "#FCE5CD",
    "held": "#FFD966",
    "planned": "#EFEFEF",
    "ordered": "#CFE2F3",
    "pending": "#FFF2CC",
    "complete": "#D9EAD3",
    "shipped": "#B6D7A8",
    "delivered": "#93C47D",
    "failed": "#E06666",
}

SANDBOX_API = "sandbox"


@dataclass(frozen=True)
class RowOutcome:
    """What happened to one input row, joined from validation and the ledger."""

    row: int
    status: str
    problems: str = ""
    normalised: str = ""
    po_number: str = ""
    order_id: str = ""
    line_item_id: str = ""
    cost: Decimal | None = None
    carrier: str = ""
    tracking_number: str = ""
    tracking_url: str = ""
    shipped_date: str = ""
    delivered_date: str = ""
    # Not shown as columns (the original columns carry them) but summed on the Summary sheet.
    product: str = ""
    shipping_method: str = ""
    face_value: Decimal | None = None
    cards: int = 0


@dataclass(frozen=True)
class OrderSummary:
    po_number: str
    order_id: str
    status: str
    line_items: int
    face_value: Decimal
    fees: Decimal
    shipping: Decimal
    cost: Decimal


@dataclass(frozen=True)
class RunInfo:
    """Where the numbers come from; shown on the Summary sheet."""

    batch: str
    input_file: str = ""
    input_hash: str = ""
    ledger: str = ""
    run_time: str = ""  # ISO 8601, when the run (or the last track) happened
    api: str = SANDBOX_API  # "sandbox" or the vendor's base URL

    @property
    def api_label(self) -> str:
        if self.api == SANDBOX_API:
            return "SANDBOX — no real orders were placed"
        return f"Real vendor API: {self.api}"


@dataclass(frozen=True)
class ResultBook:
    """Everything the result workbook shows. ``rows`` yields (spreadsheet row, original cells) in input order
    and is consumed once; ``outcomes`` is keyed by spreadsheet row."""

    headers: tuple[str, ...]
    rows: Iterable[tuple[int, Sequence[str]]]
    outcomes: Mapping[int, RowOutcome]
    orders: Sequence[OrderSummary] = ()
    info: RunInfo = field(default_factory=lambda: RunInfo(batch=""))
    fingerprints: Mapping[int, str] = field(default_factory=dict)  # spreadsheet row -> ledger fingerprint


@dataclass
class _Tally:
    """Counts gathered while the rows stream past, for the Summary sheet."""

    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RESULT_STATUSES, 0))
    by_product: dict[str, list[Decimal]] = field(default_factory=dict)  # cards, face value, cost
    by_shipping: dict[str, list[Decimal]] = field(default_factory=dict)  # cards, cost
    rows: int = 0

    def add(self, outcome: RowOutcome) -> None:
        self.rows += 1
        status = outcome.status
        self.by_status[status] = self.by_status.get(status, 0) + 1
        cost = outcome.cost
        if cost is None or status in {"invalid", "duplicate", "failed"}:
            return
        product = self.by_product.get(outcome.product or "?")
        if product is None:
            product = self.by_product[outcome.product or "?"] = [Decimal(0)] * 3
        product[0] += outcome.cards
        product[1] += outcome.face_value or 0
        product[2] += cost
        shipping = self.by_shipping.get(outcome.shipping_method or "?")
        if shipping is None:
            shipping = self.by_shipping[outcome.shipping_method or "?"] = [Decimal(0)] * 2
        shipping[0] += outcome.cards
        shipping[1] += cost


def missing_outcome(row: int) -> RowOutcome:
    """A row the ledger knows nothing about is shown, never dropped."""
    return RowOutcome(row=row, status="planned", problems="Not yet sent: re-run the same command to resume")


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.header = book.add_format({"bold": True, "bg_color": "#D9D9D9", "border": 1, "text_wrap": True})
        self.text = book.add_format({"num_format": "@"})
        self.quoted = book.add_format({"num_format": "@", "quote_prefix": True})
        self.money = book.add_format({"num_format": "#,##0.00"})
        self.date = book.add_format({"num_format": "yyyy-mm-dd"})
        self.bold = book.add_format({"bold": True})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.banner = book.add_format({"bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE"})
        self.status = {
            s: book.add_format({"bg_color": c, "num_format": "@"}) for s, c in STATUS_COLOURS.items()
        }


def _text(sheet: Worksheet, row: int, col: int, value: str, fmt: _Formats) -> None:
    sheet.write_string(row, col, value, fmt.quoted if needs_quote(value) else fmt.text)


def _date_value(text: str) -> datetime | None:
    """The vendor's ISO 8601 timestamp as a naive date Excel can filter on, or None when unreadable."""
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=None)


def _result_cells(outcome: RowOutcome) -> tuple[Any, ...]:
    return (
        outcome.row,
        outcome.status,
        outcome.problems,
        outcome.normalised,
        outcome.po_number,
        outcome.order_id,
        outcome.line_item_id,
        outcome.cost,
        outcome.carrier,
        outcome.tracking_number,
        outcome.tracking_url,
        outcome.shipped_date,
        outcome.delivered_date,
    )


def _write_result_tail(sheet: Worksheet, row: int, start: int, outcome: RowOutcome, fmt: _Formats) -> None:
    sheet.write_number(row, start, outcome.row)
    sheet.write_string(row, start + 1, outcome.status, fmt.status.get(outcome.status, fmt.text))
    for offset, value in ((2, outcome.problems), (3, outcome.normalised), (4, outcome.po_number)):
        if value:
            _text(sheet, row, start + offset, value, fmt)
    for offset, value in ((5, outcome.order_id), (6, outcome.line_item_id)):
        if value:
            _text(sheet, row, start + offset, value, fmt)
    if outcome.cost is not None:
        sheet.write_number(row, start + 7, float(outcome.cost), fmt.money)
    for offset, value in ((8, outcome.carrier), (9, outcome.tracking_number), (10, outcome.tracking_url)):
        if value:
            _text(sheet, row, start + offset, value, fmt)
    for offset, value in ((11, outcome.shipped_date), (12, outcome.delivered_date)):
        when = _date_value(value)
        if when is not None:
            sheet.write_datetime(row, start + offset, when, fmt.date)
        elif value:
            _text(sheet, row, start + offset, value, fmt)


def _widths(headers: Sequence[str], sample: Sequence[Sequence[Any]]) -> list[float]:
    widths = [max(8, len(h) + 2) for h in headers]
    for cells in sample:
        for i, value in enumerate(cells[: len(widths)]):
            if value is not None:
                widths[i] = max(widths[i], len(str(value)) + 2)
    return [min(w, MAX_COLUMN_WIDTH) for w in widths]


class _SheetSeries:
    """One logical sheet that continues on ``Name 2``, ``Name 3``... past the row limit."""

    def __init__(
        self,
        book: xlsxwriter.Workbook,
        name: str,
        headers: Sequence[str],
        widths: Sequence[float],
        fmt: _Formats,
        max_rows: int,
        expected_rows: int = 0,
    ) -> None:
        self.book, self.name, self.headers, self.widths, self.fmt = book, name, headers, widths, fmt
        self.max_data_rows = max_rows - 1
        self.sheets: list[tuple[Worksheet, int]] = []  # (sheet, data rows written)
        self.current = 0
        # Open every sheet the rows need up front when their number is known, so that they sit side by side.
        for _ in range(max(1, -(-expected_rows // self.max_data_rows))):
            self._open()

    def _open(self) -> None:
        name = self.name if not self.sheets else f"{self.name} {len(self.sheets) + 1}"
        sheet = self.book.add_worksheet(name)
        for col, width in enumerate(self.widths):
            sheet.set_column(col, col, width)
        sheet.freeze_panes(1, 0)
        for col, header in enumerate(self.headers):
            sheet.write_string(0, col, header, self.fmt.header)
        self.sheets.append((sheet, 0))

    def next_row(self) -> tuple[Worksheet, int]:
        sheet, used = self.sheets[self.current]
        if used >= self.max_data_rows:
            self.current += 1
            if self.current == len(self.sheets):
                self._open()
            sheet, used = self.sheets[self.current]
        self.sheets[self.current] = (sheet, used + 1)
        return sheet, used + 1

    def finish(self) -> None:
        for sheet, used in self.sheets:
            sheet.autofilter(0, 0, max(used, 1), len(self.headers) - 1)


def _peek(rows: Iterable[tuple[int, Sequence[str]]], count: int) -> tuple[list[Any], Iterator[Any]]:
    iterator = iter(rows)
    head = []
    for item in iterator:
        head.append(item)
        if len(head) >= count:
            break
    return head, _chain(head, iterator)


def _chain(head: list[Any], tail: Iterator[Any]) -> Iterator[Any]:
    yield from head
    yield from tail


def write_result_workbook(book: ResultBook, path: Path, *, max_rows_per_sheet: int = EXCEL_MAX_ROWS) -> Path:
    """Write the result workbook atomically to ``path`` (replacing any earlier version) and return it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".~" + path.stem, suffix=".xlsx", dir=path.parent)
    os.close(handle)
    try:
        _write_xlsx(book, Path(temp_name), max_rows_per_sheet)
        publish(temp_name, path)
    except PermissionError as exc:
        raise BulkshipError(
            f"Cannot write the result workbook {path}: {exc.strerror}",
            hint="close it in your spreadsheet application, then run `bulkship track` to write it again",
        ) from None
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
    return path


def _write_xlsx(book: ResultBook, path: Path, max_rows: int) -> None:
    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    fmt = _Formats(workbook)
    headers = book.headers
    width = len(headers)
    head, rows = _peek(book.rows, WIDTH_SAMPLE_ROWS)
    outcome_of: Callable[[int], RowOutcome] = lambda r: book.outcomes.get(r) or missing_outcome(r)  # noqa: E731
    sample = [list(cells) + list(_result_cells(outcome_of(r))) for r, cells in head]
    expected = len(book.rows) if isinstance(book.rows, Sized) else 0
    result_headers = headers + RESULT_COLUMNS
    results = _SheetSeries(
        workbook, RESULTS_SHEET, result_headers, _widths(result_headers, sample), fmt, max_rows, expected
    )
    fix_headers = headers + FIX_EXTRA_COLUMNS
    fix_sample = [[*list(cells), outcome_of(r).problems, r] for r, cells in head]
    fixes = _SheetSeries(workbook, FIX_SHEET, fix_headers, _widths(fix_headers, fix_sample), fmt, max_rows)
    orders_sheet = workbook.add_worksheet(ORDERS_SHEET)
    summary_sheet = workbook.add_worksheet(SUMMARY_SHEET)
    keys = _SheetSeries(workbook, KEYS_SHEET, ("Row", "Fingerprint"), (8, 40), fmt, max_rows, expected)
    for sheet, _ in keys.sheets:
        sheet.very_hidden()
    # Rows that can be read twice (every book run and track build) have their Results and key cells spliced
    # in after closing, about ten times faster than cell-by-cell writes (bulkship.xlsxfast).
    fast = isinstance(book.rows, Sized)
    if fast:
        _register_formats(results.sheets[0][0], fmt)
    tally = _Tally()
    if fast:
        # Results and keys are spliced later: here only count their rows, tally the outcomes, and read the
        # original cells of the rows that go on the Fix sheet.
        fix_rows = []
        row_numbers = _row_numbers(book.rows)
        for row_number in row_numbers:
            outcome = outcome_of(row_number)
            tally.add(outcome)
            if book.fingerprints.get(row_number):
                keys.next_row()
            results.next_row()
            if outcome.status in NEEDS_USER_STATUSES:
                fix_rows.append(row_number)
        for row_number, cells in _select_rows(book.rows, fix_rows):
            _write_fix_row(fixes, row_number, cells, outcome_of(row_number), width, fmt)
    else:
        for row_number, cells in rows:
            outcome = outcome_of(row_number)
            tally.add(outcome)
            fingerprint = book.fingerprints.get(row_number)
            if fingerprint:
                key_sheet, key_at = keys.next_row()
                key_sheet.write_number(key_at, 0, row_number)
                key_sheet.write_string(key_at, 1, fingerprint)
            sheet, at = results.next_row()
            for col in range(width):
                value = cells[col] if col < len(cells) else ""
                if value:
                    _text(sheet, at, col, str(value), fmt)
            _write_result_tail(sheet, at, width, outcome, fmt)
            if outcome.status in NEEDS_USER_STATUSES:
                _write_fix_row(fixes, row_number, cells, outcome, width, fmt)
    results.finish()
    fixes.finish()
    _write_orders(orders_sheet, book.orders, fmt)
    _write_summary(workbook, summary_sheet, book.info, tally, book.orders, results, fmt)
    try:
        workbook.close()
    except (OSError, xlsxwriter.exceptions.XlsxWriterException) as exc:
        raise BulkshipError(f"Cannot write the result workbook {path}: {exc}") from None
    if fast:
        splice_sheets(path, _fast_cells(book, outcome_of, results, keys, fmt, row_numbers))


def _row_numbers(rows: Iterable[tuple[int, Sequence[str]]]) -> list[int]:
    """The spreadsheet row numbers of ``rows`` in order, without their cells when ``rows`` can say."""
    numbers = getattr(rows, "row_numbers", None)
    return list(numbers()) if callable(numbers) else [row for row, _ in rows]


def _select_rows(
    rows: Iterable[tuple[int, Sequence[str]]], wanted: list[int]
) -> Iterable[tuple[int, Sequence[str]]]:
    """(row, cells) for the ``wanted`` rows (a subsequence of ``rows``, in order)."""
    if not wanted:
        return ()
    select = getattr(rows, "select", None)
    if callable(select):
        return select(wanted)  # type: ignore[no-any-return,unused-ignore]
    chosen = set(wanted)
    return ((row, cells) for row, cells in rows if row in chosen)


def _write_fix_row(
    fixes: _SheetSeries, row_number: int, cells: Sequence[str], outcome: RowOutcome, width: int, fmt: _Formats
) -> None:
    fix_sheet, fix_at = fixes.next_row()
    for col in range(width):
        value = cells[col] if col < len(cells) else ""
        if value:
            _text(fix_sheet, fix_at, col, str(value), fmt)
    if outcome.problems:
        _text(fix_sheet, fix_at, width, outcome.problems, fmt)
    fix_sheet.write_number(fix_at, width + 1, row_number)


def _write_orders(sheet: Worksheet, orders: Sequence[OrderSummary], fmt: _Formats) -> None:
    widths = _widths(ORDER_COLUMNS, [(o.po_number, o.order_id, o.status) for o in orders[:WIDTH_SAMPLE_ROWS]])
    for col, w in enumerate(widths):
        sheet.set_column(col, col, max(w, 12))
    sheet.freeze_panes(1, 0)
    for col, header in enumerate(ORDER_COLUMNS):
        sheet.write_string(0, col, header, fmt.header)
    for i, order in enumerate(orders, start=1):
        _text(sheet, i, 0, order.po_number, fmt)
        _text(sheet, i, 1, order.order_id, fmt)
        _text(sheet, i, 2, order.status, fmt)
        sheet.write_number(i, 3, order.line_items)
        for col, amount in enumerate((order.face_value, order.fees, order.shipping, order.cost), start=4):
            sheet.write_number(i, col, float(amount), fmt.money)
    sheet.autofilter(0, 0, max(len(orders), 1), len(ORDER_COLUMNS) - 1)


def _write_summary(
    workbook: xlsxwriter.Workbook,
    sheet: Worksheet,
    info: RunInfo,
    tally: _Tally,
    orders: Sequence[OrderSummary],
    results: _SheetSeries,
    fmt: _Formats,
) -> None:
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 48)
    sheet.set_column(2, 4, 14)
    sheet.write_string(0, 0, f"bulkship results — batch {info.batch}", fmt.title)
    sheet.write_string(1, 0, info.api_label, fmt.banner if info.api == SANDBOX_API else fmt.bold)
    facts: list[tuple[str, str | int | None]] = [
        ("Batch", info.batch),
        ("Input file", info.input_file),
        ("Input SHA-256", info.input_hash),
        ("Ledger", info.ledger),
        ("Run time", info.run_time),
        ("API", info.api),
        ("Rows", tally.rows),  # numbers, so a spreadsheet can add them up
        ("Orders", len(orders)),
        ("Total cost", None),
        ("Total face value", None),
    ]
    row = 3
    for label, value in facts:
        sheet.write_string(row, 0, label, fmt.bold)
        if label == "Total cost":
            sheet.write_number(row, 1, float(sum((o.cost for o in orders), Decimal(0))), fmt.money)
        elif label == "Total face value":
            sheet.write_number(row, 1, float(sum((o.face_value for o in orders), Decimal(0))), fmt.money)
        elif isinstance(value, int):
            sheet.write_number(row, 1, value)
        elif value:
            _text(sheet, row, 1, value, fmt)
        row += 1
    if sum(1 for _, used in results.sheets if used) > 1:
        names = ", ".join(s.get_name() for s, used in results.sheets if used)
        sheet.write_string(row, 0, "Note", fmt.bold)
        sheet.write_string(row, 1, f"More rows than one Excel sheet holds: the results continue on {names}.")
        row += 1

    row += 1
    status_top = row
    sheet.write_string(row, 0, "Status", fmt.header)
    sheet.write_string(row, 1, "Rows", fmt.header)
    for status in RESULT_STATUSES:
        row += 1
        sheet.write_string(row, 0, status, fmt.status[status])
        sheet.write_number(row, 1, tally.by_status.get(status, 0))
    status_bottom = row

    row += 2
    for col, header in enumerate(("Product", "Cards", "Face value", "Cost")):
        sheet.write_string(row, col, header, fmt.header)
    for product, (cards, face, cost) in sorted(tally.by_product.items()):
        row += 1
        _text(sheet, row, 0, product, fmt)
        sheet.write_number(row, 1, int(cards))
        sheet.write_number(row, 2, float(face), fmt.money)
        sheet.write_number(row, 3, float(cost), fmt.money)

    row += 2
    for col, header in enumerate(("Shipping method", "Cards", "Cost")):
        sheet.write_string(row, col, header, fmt.header)
    for method, (cards, cost) in sorted(tally.by_shipping.items()):
        row += 1
        _text(sheet, row, 0, method, fmt)
        sheet.write_number(row, 1, int(cards))
        sheet.write_number(row, 2, float(cost), fmt.money)

    chart = workbook.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": "Rows by status",
            "categories": [SUMMARY_SHEET, status_top + 1, 0, status_bottom, 0],
            "values": [SUMMARY_SHEET, status_top + 1, 1, status_bottom, 1],
            "points": [{"fill": {"color": STATUS_COLOURS[s]}} for s in RESULT_STATUSES],
        }
    )
    chart.set_title({"name": "Rows by status"})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})
    sheet.insert_chart(3, 3, chart, {"x_scale": 1.2, "y_scale": 1.2})


def write_results_csv(book: ResultBook, path: Path) -> Path:
    """The Results sheet as CSV (UTF-8 with BOM so Excel reads accents), formula-like text neutralised."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".~" + path.stem, suffix=".csv", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow([csv_safe(h) for h in book.headers + RESULT_COLUMNS])
            for row_number, cells in book.rows:
                outcome = book.outcomes.get(row_number) or missing_outcome(row_number)
                original = [
                    csv_safe(str(cells[i])) if i < len(cells) else "" for i in range(len(book.headers))
                ]
                tail = ["" if v is None else csv_safe(str(v)) for v in _result_cells(outcome)]
                writer.writerow(original + tail)
        publish(temp_name, path)
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
    return path


# --- reading a result workbook back (``track`` rewrites it in place) ---------------------------------------


@dataclass(frozen=True)
class ExistingResults:
    """The original columns and row outcomes of a result workbook written earlier."""

    headers: tuple[str, ...]
    rows: list[tuple[int, list[str]]]
    outcomes: dict[int, RowOutcome]
    fingerprints: dict[int, str] = field(default_factory=dict)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)


def read_result_workbook(path: Path) -> ExistingResults:
    """Read the Results sheet(s) of a workbook this module wrote: original cells and outcomes by row."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as exc:
        raise FileFormatError(
            f"Cannot read the result workbook {path}: {exc}",
            hint="delete it and run `bulkship track` again to rebuild it from the input file and the ledger",
        ) from None
    names = [n for n in workbook.sheet_names if n == RESULTS_SHEET or n.startswith(RESULTS_SHEET + " ")]
    if not names:
        raise FileFormatError(f"{path} has no {RESULTS_SHEET} sheet: it is not a bulkship result workbook")
    headers: tuple[str, ...] | None = None
    rows: list[tuple[int, list[str]]] = []
    outcomes: dict[int, RowOutcome] = {}
    for name in names:
        table = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        if not table:
            continue
        sheet_headers = tuple(_cell_text(h) for h in table[0])
        width = len(sheet_headers) - len(RESULT_COLUMNS)
        if width < 0 or sheet_headers[width:] != RESULT_COLUMNS:
            raise FileFormatError(f"{path}: the {name} sheet does not end with bulkship's result columns")
        headers = headers or sheet_headers[:width]
        for line in table[1:]:
            cells = [_cell_text(v) for v in line] + [""] * (len(sheet_headers) - len(line))
            outcome = _outcome_from_cells(cells[width:])
            rows.append((outcome.row, cells[:width]))
            outcomes[outcome.row] = outcome
    fingerprints: dict[int, str] = {}
    for name in workbook.sheet_names:
        if name == KEYS_SHEET or name.startswith(KEYS_SHEET + " "):
            for line in workbook.get_sheet_by_name(name).to_python()[1:]:
                if len(line) >= 2 and line[0] != "" and line[1]:
                    fingerprints[int(float(str(line[0])))] = str(line[1])
    return ExistingResults(headers=headers or (), rows=rows, outcomes=outcomes, fingerprints=fingerprints)


def _outcome_from_cells(tail: Sequence[str]) -> RowOutcome:
    cost = tail[7]
    return RowOutcome(
        row=int(float(tail[0])),
        status=tail[1],
        problems=tail[2],
        normalised=tail[3],
        po_number=tail[4],
        order_id=tail[5],
        line_item_id=tail[6],
        cost=Decimal(cost).quantize(Decimal("0.01")) if cost else None,
        carrier=tail[8],
        tracking_number=tail[9],
        tracking_url=tail[10],
        shipped_date=tail[11],
        delivered_date=tail[12],
    )


def merge_outcome(previous: RowOutcome, update: RowOutcome | None) -> RowOutcome:
    """The ledger's view of a row wins (its problems are the vendor's current words); the normalisations
    that only validation knew stay."""
    if update is None:
        return previous
    if update.normalised or not previous.normalised:
        return update
    return replace(update, normalised=previous.normalised)


def _register_formats(sheet: Worksheet, fmt: _Formats) -> None:
    """Spliced cells refer to formats by index, and XlsxWriter indexes only the formats it wrote with.

    These placeholder cells in row 2 are replaced by the splice."""
    used = [fmt.text, fmt.quoted, fmt.money, fmt.date, fmt.header, *fmt.status.values()]
    for col, each in enumerate(used):
        sheet.write_string(1, col, "", each)


_EXCEL_EPOCH = datetime(1899, 12, 30)


def _excel_date(text: str) -> float | str:
    when = _date_value(text)
    if when is None:
        return text
    return (when - _EXCEL_EPOCH).total_seconds() / 86400


def _padded(cells: Sequence[str], width: int) -> list[str]:
    return [str(v) if v else "" for v in cells[:width]] + [""] * (width - len(cells))


def _fast_blocks(
    rows: Iterable[tuple[int, Sequence[str]]],
    row_numbers: Sequence[int],
    start: int,
    stop: int,
    width: int,
    outcome_of: Callable[[int], RowOutcome],
) -> Iterator[list[list[Any]]]:
    """Results rows ``start:stop`` a block at a time, column by column: the original cells (``_padded``),
    then the result columns as the slow path writes them."""
    column_block = getattr(rows, "column_block", None)
    remaining = None if callable(column_block) else itertools.islice(iter(rows), start, stop)
    for first in range(start, stop, SPLICE_BLOCK_ROWS):
        last = min(first + SPLICE_BLOCK_ROWS, stop)
        if remaining is None:
            numbers = row_numbers[first:last]
            originals = column_block(first, last, width)  # type: ignore[misc]
        else:
            chunk = list(itertools.islice(remaining, last - first))
            numbers = [row for row, _ in chunk]
            padded = [_padded(cells, width) for _, cells in chunk]
            originals = [list(column) for column in zip(*padded, strict=True)] if width else []
        outcomes = [outcome_of(row) for row in numbers]
        yield [
            *originals,
            [o.row for o in outcomes],
            [o.status for o in outcomes],
            [o.problems for o in outcomes],
            [o.normalised for o in outcomes],
            [o.po_number for o in outcomes],
            [o.order_id for o in outcomes],
            [o.line_item_id for o in outcomes],
            [o.cost for o in outcomes],
            [o.carrier for o in outcomes],
            [o.tracking_number for o in outcomes],
            [o.tracking_url for o in outcomes],
            [_excel_date(o.shipped_date) if o.shipped_date else "" for o in outcomes],
            [_excel_date(o.delivered_date) if o.delivered_date else "" for o in outcomes],
        ]


def _key_blocks(fingerprints: Mapping[int, str], start: int, stop: int) -> Iterator[list[list[Any]]]:
    # the keys are the fingerprints of book.rows, in row order (both come from the same frame or sheet)
    keys = list(itertools.islice(((r, fp) for r, fp in fingerprints.items() if fp), start, stop))
    for first in range(0, len(keys), SPLICE_BLOCK_ROWS):
        chunk = keys[first : first + SPLICE_BLOCK_ROWS]
        yield [[r for r, _ in chunk], [fp for _, fp in chunk]]


def _fast_cells(
    book: ResultBook,
    outcome_of: Callable[[int], RowOutcome],
    results: _SheetSeries,
    keys: _SheetSeries,
    fmt: _Formats,
    row_numbers: Sequence[int],
) -> dict[str, SheetCells]:
    """What to splice into each Results and key sheet: the same cells the slow path writes."""
    width = len(book.headers)
    text = ColumnStyle(style=fmt.text.xf_index, quote_style=fmt.quoted.xf_index)
    number = ColumnStyle(number=True)
    statuses = {name: f.xf_index for name, f in fmt.status.items() if f.xf_index is not None}
    tail = [
        number,
        ColumnStyle(style=fmt.text.xf_index, quote_style=fmt.quoted.xf_index, value_styles=statuses),
        *[text] * 5,
        ColumnStyle(number=True, style=fmt.money.xf_index),
        *[text] * 3,
        *[ColumnStyle(number=True, style=fmt.date.xf_index, quote_style=fmt.quoted.xf_index)] * 2,
    ]
    columns = [text] * width + tail
    head_row = [*book.headers, *RESULT_COLUMNS]
    spliced: dict[str, SheetCells] = {}
    start = 0
    for sheet, used in results.sheets:
        blocks = _fast_blocks(book.rows, row_numbers, start, start + used, width, outcome_of)
        spliced[sheet.name] = SheetCells([head_row], columns, used + 1, fmt.header.xf_index, blocks)
        start += used
    start = 0
    for sheet, used in keys.sheets:
        key_blocks = _key_blocks(book.fingerprints, start, start + used)
        spliced[sheet.name] = SheetCells(
            [("Row", "Fingerprint")], [number, text], used + 1, fmt.header.xf_index, key_blocks
        )
        start += used
    return spliced
