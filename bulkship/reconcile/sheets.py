"""The result workbook: writing it (XLSX and CSV) and reading it back.

The result workbook is what HR, finance and support open after a run. Its sheets:

* **Results**: one row per input row, in input order: the user's original columns untouched (text as text,
  numbers and dates typed as the input had them: bulkship.celltypes), then :data:`RESULT_COLUMNS` (described
  once, with how each is written and read back, in :mod:`bulkship.reconcile.layout`; one whose header reads as
  one of the user's is marked "(bulkship)"). Split into
  ``Results 2``, ``Results 3``... past Excel's row limit.
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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from ..atomicfile import atomic_path
from ..celltypes import (
    BOOL,
    DATE,
    DATETIME,
    DURATION,
    EXACT_DIGITS,
    NUMBER_FORMATS,
    TIME,
    excel_serial,
    text_of,
)
from ..errors import BulkshipError, FileFormatError
from ..money import MONEY_LABELS, WORKBOOK_MONEY_FORMAT, Breakdown, MoneyTally
from ..safetext import csv_safe, needs_quote
from ..statuses import (
    CHARGED,
    FIX_STATUSES,
    MONEY_BUCKETS,
    STATUS_COLOURS,
    STATUS_NAMES,
    TO_SEND,
)
from ..xlsxfast import MAX_CELL_TEXT, ColumnStyle, SheetCells, cell_text, is_cut, splice_sheets
from .layout import (
    FIX_EXTRA_FIELDS,
    KINDS,
    LEGACY_RESULT_FIELDS,
    ORDER_COLUMNS,
    RESULT_FIELDS,
    ResultColumn,
    cell_values,
    csv_cell,
    date_value,
    is_header_of,
    min_widths,
    read_fields,
    result_headers,
)
from .layout import RESULT_COLUMNS as RESULT_COLUMNS  # re-exported for readers of the workbook

# Row statuses, their colours and meaning: one vocabulary for every output (bulkship.statuses).
RESULT_STATUSES: tuple[str, ...] = STATUS_NAMES
NEEDS_USER_STATUSES = FIX_STATUSES


RESULTS_SHEET = "Results"
FIX_SHEET = "Fix these"
ORDERS_SHEET = "Orders"
SUMMARY_SHEET = "Summary"
KEYS_SHEET = "bulkship-keys"  # very hidden: spreadsheet row -> ledger fingerprint, so `track` joins exactly
EXCEL_MAX_ROWS = 1_048_576  # including the header row
MAX_COLUMN_WIDTH = 60
WIDTH_SAMPLE_ROWS = 500
SPLICE_BLOCK_ROWS = 5000  # rows per block of spliced cells, converted and rendered column by column
PAPER_SIZES = {"letter": 1, "a4": 9, "legal": 5}  # XlsxWriter's paper codes
DEFAULT_PAPER = "letter"

SANDBOX_API = "sandbox"


@dataclass(frozen=True, slots=True)  # slots: a million rows' outcomes, 56 bytes less each
class RowOutcome:
    """What happened to one input row, joined from validation and the ledger.

    ``money`` is the row's bucket (charged, in doubt, to send; "" when it holds no money) and the five
    figures its breakdown; ``cost`` is the total."""

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
    money: str = ""
    discount: Decimal | None = None
    fees: Decimal | None = None
    shipping: Decimal | None = None

    @property
    def total(self) -> Decimal | None:
        return self.cost

    @property
    def cost_unknown(self) -> bool:
        """Holds money whose cost no one recorded (an older bulkship's ledger): never counted as 0.00."""
        return bool(self.money) and self.cost is None

    def breakdown(self) -> Breakdown:
        zero = Decimal(0)
        return Breakdown(
            self.face_value or zero, self.discount or zero, self.fees or zero, self.shipping or zero,
            self.cost or zero,
        )  # fmt: skip


@dataclass(frozen=True)
class OrderSummary:
    """One order holding money; its figures are the sum of its rows' (filled in when written)."""

    po_number: str
    order_id: str
    status: str
    line_items: int
    money: str = CHARGED


@dataclass(frozen=True)
class RunInfo:
    """Where the numbers come from; shown on the Summary sheet."""

    batch: str
    input_file: str = ""
    input_hash: str = ""
    ledger: str = ""
    run_time: str = ""  # ISO 8601, when the run (or the last track) happened
    api: str = SANDBOX_API  # "sandbox" or the vendor's base URL
    input_files: tuple[tuple[str, str], ...] = ()  # every file the batch was run from: (name, SHA-256)
    paper: str = DEFAULT_PAPER

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


class _Tally:
    """Counts and money gathered while the rows stream past, for the Orders and Summary sheets. Every sum
    the workbook shows is one of these, added up once from the rows.

    Rows are counted by what they hold (bucket, order, product, method, figures, cards), and the money is
    added up once per distinct kind of row: a 100k-row batch has a few thousand."""

    def __init__(self) -> None:
        self.by_status: dict[str, int] = dict.fromkeys(RESULT_STATUSES, 0)
        self.rows = 0
        self._kinds: dict[tuple[Any, ...], int] = {}
        self._totals: tuple[dict[str, MoneyTally], ...] | None = None

    def add(self, outcome: RowOutcome) -> None:
        self.rows += 1
        status = outcome.status
        self.by_status[status] = self.by_status.get(status, 0) + 1
        if outcome.money:
            kind = (
                outcome.money, outcome.po_number, outcome.product, outcome.shipping_method, outcome.cards,
                outcome.face_value, outcome.discount, outcome.fees, outcome.shipping, outcome.cost,
            )  # fmt: skip
            self._kinds[kind] = self._kinds.get(kind, 0) + 1

    def _added_up(self) -> tuple[dict[str, MoneyTally], ...]:
        if self._totals is None:
            by_money: dict[str, MoneyTally] = {b: MoneyTally() for b in MONEY_BUCKETS}
            by_order: dict[str, MoneyTally] = {}
            by_product: dict[str, MoneyTally] = {}
            by_shipping: dict[str, MoneyTally] = {}
            zero = Decimal(0)
            for (bucket, po, product, method, cards, *figures), count in self._kinds.items():
                money = Breakdown(*(count * (figure or zero) for figure in figures))
                tallies = [by_money.setdefault(bucket, MoneyTally()), by_order.setdefault(po, MoneyTally())]
                if bucket != TO_SEND:  # by product and method: money charged or in doubt
                    tallies.append(by_product.setdefault(product or "?", MoneyTally()))
                    tallies.append(by_shipping.setdefault(method or "?", MoneyTally()))
                for tally in tallies:
                    if figures[-1] is None:  # its cost is unknown: counted, not added as 0.00
                        tally.add_unknown(cards * count, po, rows=count)
                    else:
                        tally.add(money, cards * count, po, rows=count)
            self._totals = (by_money, by_order, by_product, by_shipping)
        return self._totals

    @property
    def by_money(self) -> dict[str, MoneyTally]:
        return self._added_up()[0]

    @property
    def by_order(self) -> dict[str, MoneyTally]:
        return self._added_up()[1]

    @property
    def by_product(self) -> dict[str, MoneyTally]:
        return self._added_up()[2]

    @property
    def by_shipping(self) -> dict[str, MoneyTally]:
        return self._added_up()[3]


def missing_outcome(row: int) -> RowOutcome:
    """A row the ledger knows nothing about is shown, never dropped."""
    return RowOutcome(row=row, status="planned", problems="Not yet sent: re-run the same command to resume")


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.header = book.add_format({"bold": True, "bg_color": "#D9D9D9", "border": 1, "text_wrap": True})
        self.text = book.add_format({"num_format": "@"})
        self.quoted = book.add_format({"num_format": "@", "quote_prefix": True})
        self.money = book.add_format({"num_format": KINDS["money"].num_format})
        self.money_bold = book.add_format({"num_format": WORKBOOK_MONEY_FORMAT, "bold": True})
        self.date = book.add_format({"num_format": NUMBER_FORMATS[DATE]})
        # the result columns' cells, by kind (bulkship.reconcile.layout); status cells are coloured too
        self.kind: dict[str, Any] = {"row": None, "status": self.text, "text": self.text}
        self.kind |= {"money": self.money, "date": self.date}
        # the user's own typed cells, by bulkship.celltypes code (numbers and true/false: General)
        self.typed = {DATE: self.date} | {
            code: book.add_format({"num_format": NUMBER_FORMATS[code]}) for code in (DATETIME, TIME, DURATION)
        }
        self.bold = book.add_format({"bold": True})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.banner = book.add_format({"bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE"})
        self.status = {
            s: book.add_format({"bg_color": c, "num_format": "@"}) for s, c in STATUS_COLOURS.items()
        }


def _text(sheet: Worksheet, row: int, col: int, value: str, fmt: _Formats) -> None:
    _write_text(sheet, row, col, value, fmt.quoted if needs_quote(value) else fmt.text)


def _original(sheet: Worksheet, row: int, col: int, value: Any, fmt: _Formats) -> None:
    """One of the user's own cells as the input had it: text as text (formula-like text quote-prefixed),
    a number as a number, a date as a date (bulkship.celltypes)."""
    if value is None or value == "":
        return
    if not isinstance(value, str) and (stored := excel_serial(value)) is not None:
        code, number = stored
        if code == BOOL:
            sheet.write_boolean(row, col, bool(number))
        else:
            sheet.write_number(row, col, number, fmt.typed.get(code))
        return
    _text(sheet, row, col, text_of(value), fmt)


def _write_text(sheet: Worksheet, row: int, col: int, value: str, style: Any) -> None:
    """Every text cell goes through here: the same cleaning and cut as the spliced cells (xlsxfast)."""
    value = cell_text(value)
    if value.startswith("<r>") and value.endswith("</r>"):
        # XlsxWriter would write this text raw, as its own rich-text markup: as runs of plain text (it
        # wants three at least) it is escaped like any other text, and reads back the same.
        sheet.write_rich_string(row, col, value[:1], value[1:2], value[2:], style)
        return
    sheet.write_string(row, col, value, style)


def _result_cells(outcome: RowOutcome) -> tuple[Any, ...]:
    return cell_values(outcome)


def _write_result_tail(
    sheet: Worksheet,
    row: int,
    start: int,
    outcome: RowOutcome,
    fmt: _Formats,
    columns: tuple[ResultColumn, ...] = RESULT_FIELDS,
) -> None:
    """The result ``columns`` of one row from column ``start``, each as its kind is written (layout)."""
    for col, (column, value) in enumerate(zip(columns, cell_values(outcome, columns), strict=True), start):
        if value is None or value == "":
            continue
        spec, style = column.spec, fmt.kind[column.kind]
        if column.kind == "status":
            _write_text(sheet, row, col, value, fmt.status.get(value, fmt.text))
        elif column.kind == "date" and (when := date_value(value)) is not None:
            sheet.write_datetime(row, col, when, style)
        elif spec.number and column.kind != "date":
            sheet.write_number(row, col, float(value), style)
        else:
            _text(sheet, row, col, str(value), fmt)


def printable(sheet: Worksheet, *, paper: str = DEFAULT_PAPER, repeat_header: bool = True) -> None:
    """Landscape, one page wide, the header row on every page, the paper size (US Letter by default)."""
    sheet.set_landscape()
    sheet.set_paper(PAPER_SIZES.get(paper.lower(), PAPER_SIZES[DEFAULT_PAPER]))
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    if repeat_header:
        sheet.repeat_rows(0)


def _widths(
    headers: Sequence[str], sample: Sequence[Sequence[Any]], minimums: Sequence[float] = ()
) -> list[float]:
    """Each column as wide as its header and sampled values (capped); ``minimums`` for the last columns."""
    floors = [8.0] * (len(headers) - len(minimums)) + list(minimums)
    widths = [max(floor, len(h) + 2) for h, floor in zip(headers, floors, strict=True)]
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
        paper: str = DEFAULT_PAPER,
    ) -> None:
        self.book, self.name, self.headers, self.widths, self.fmt = book, name, headers, widths, fmt
        self.paper = paper
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
        printable(sheet, paper=self.paper)
        for col, header in enumerate(self.headers):
            _write_text(sheet, 0, col, header, self.fmt.header)
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
    try:
        with atomic_path(path) as temp:
            _write_xlsx(book, temp, max_rows_per_sheet)
    except PermissionError as exc:
        raise BulkshipError(
            f"Cannot write the result workbook {path}: {exc.strerror}",
            hint="close it in your spreadsheet application, then run `bulkship track` to write it again",
        ) from None
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
    results_head = headers + result_headers(headers)
    paper = book.info.paper
    result_widths = _widths(results_head, sample, min_widths())
    results = _SheetSeries(
        workbook, RESULTS_SHEET, results_head, result_widths, fmt, max_rows, expected, paper
    )
    fix_headers = headers + result_headers(headers, FIX_EXTRA_FIELDS)
    fix_sample = [[*list(cells), *cell_values(outcome_of(r), FIX_EXTRA_FIELDS)] for r, cells in head]
    fix_widths = _widths(fix_headers, fix_sample, min_widths(FIX_EXTRA_FIELDS))
    fixes = _SheetSeries(workbook, FIX_SHEET, fix_headers, fix_widths, fmt, max_rows, paper=paper)
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
            if outcome.status in FIX_STATUSES:
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
                _write_text(key_sheet, key_at, 1, fingerprint, fmt.text)
            sheet, at = results.next_row()
            cut = [
                headers[c]
                for c in range(min(width, len(cells)))
                if isinstance(cells[c], str) and is_cut(cells[c])
            ]
            if cut:
                outcome = with_cut_note(outcome, cut)
            for col in range(min(width, len(cells))):
                _original(sheet, at, col, cells[col], fmt)
            _write_result_tail(sheet, at, width, outcome, fmt)
            if outcome.status in FIX_STATUSES:
                _write_fix_row(fixes, row_number, cells, outcome, width, fmt)
    results.finish()
    fixes.finish()
    _write_orders(orders_sheet, book.orders, tally, fmt, paper)
    _write_summary(workbook, summary_sheet, book.info, tally, results, fmt)
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
    for col in range(min(width, len(cells))):
        _original(fix_sheet, fix_at, col, cells[col], fmt)
    _write_result_tail(fix_sheet, fix_at, width, replace(outcome, row=row_number), fmt, FIX_EXTRA_FIELDS)


def _write_orders(
    sheet: Worksheet, orders: Sequence[OrderSummary], tally: _Tally, fmt: _Formats, paper: str
) -> None:
    """One row per order holding money; its figures are its rows' figures added up (``tally``)."""
    widths = _widths(ORDER_COLUMNS, [(o.po_number, o.order_id, o.status) for o in orders[:WIDTH_SAMPLE_ROWS]])
    for col, w in enumerate(widths):
        sheet.set_column(col, col, max(w, 12))
    sheet.freeze_panes(1, 0)
    printable(sheet, paper=paper)
    for col, header in enumerate(ORDER_COLUMNS):
        _write_text(sheet, 0, col, header, fmt.header)
    for i, order in enumerate(orders, start=1):
        money = tally.by_order.get(order.po_number) or MoneyTally()
        status = order.status if money.complete else f"{order.status}; {_unknown_text(money)}"
        _text(sheet, i, 0, order.po_number, fmt)
        _text(sheet, i, 1, order.order_id, fmt)
        _text(sheet, i, 2, status, fmt)
        _text(sheet, i, 3, order.money, fmt)
        sheet.write_number(i, 4, order.line_items)
        for col, amount in enumerate(money.figures(), start=5):
            sheet.write_number(i, col, float(amount), fmt.money)
    sheet.autofilter(0, 0, max(len(orders), 1), len(ORDER_COLUMNS) - 1)


_MONEY_TABLE_HEADERS = ("Orders", "Rows", "Cards", *MONEY_LABELS)
_UNKNOWN_HEADER = "Rows of unknown cost"  # a column of the money tables only when there are such rows


def _unknown_text(money: MoneyTally) -> str:
    return f"cost of {money.unknown} row(s) unknown, not in these figures"


def _money_table(sheet: Worksheet, row: int, title: str, lines: Sequence[tuple[str, MoneyTally]],
                 fmt: _Formats, *, total: bool) -> int:  # fmt: skip
    """A table of money by bucket, product or shipping method; returns the row after it."""
    unknown_col = 4 + len(MONEY_LABELS) if any(not money.complete for _, money in lines) else None
    _write_text(sheet, row, 0, title, fmt.header)
    for col, header in enumerate(_MONEY_TABLE_HEADERS, start=1):
        _write_text(sheet, row, col, header, fmt.header)
    if unknown_col is not None:
        _write_text(sheet, row, unknown_col, _UNKNOWN_HEADER, fmt.header)
    overall = MoneyTally()
    for label, money in lines:
        row += 1
        _text(sheet, row, 0, label, fmt)
        for col, count in enumerate((len(money.orders), money.rows, money.cards), start=1):
            sheet.write_number(row, col, count)
        for col, amount in enumerate(money.figures(), start=4):
            sheet.write_number(row, col, float(amount), fmt.money)
        if unknown_col is not None:
            sheet.write_number(row, unknown_col, money.unknown)
        overall.rows += money.rows
        overall.cards += money.cards
        overall.unknown += money.unknown
        overall.orders |= money.orders
        overall.add(Breakdown(*money.figures()), rows=0)
    if total:
        row += 1
        _write_text(sheet, row, 0, "Total" if overall.complete else "Total (incomplete)", fmt.bold)
        for col, count in enumerate((len(overall.orders), overall.rows, overall.cards), start=1):
            sheet.write_number(row, col, count, fmt.bold)
        for col, amount in enumerate(overall.figures(), start=4):
            sheet.write_number(row, col, float(amount), fmt.money_bold)
        if unknown_col is not None:
            sheet.write_number(row, unknown_col, overall.unknown, fmt.bold)
    if not overall.complete:  # never read as 0.00 spent: say what the figures leave out
        row += 1
        note = (
            f"Incomplete: {overall.unknown} row(s) hold money whose cost the ledger never recorded (a ledger "
            "written by an older bulkship); the figures above leave them out, they are not 0.00."
        )
        _write_text(sheet, row, 0, note, fmt.text)
    return row + 2


def _write_summary(
    workbook: xlsxwriter.Workbook,
    sheet: Worksheet,
    info: RunInfo,
    tally: _Tally,
    results: _SheetSeries,
    fmt: _Formats,
) -> None:
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 8, 13)
    printable(sheet, paper=info.paper, repeat_header=False)
    sheet.fit_to_pages(1, 1)  # the Summary is one page
    sheet.set_portrait()
    _write_text(sheet, 0, 0, f"bulkship results — batch {info.batch}", fmt.title)
    _write_text(sheet, 1, 0, info.api_label, fmt.banner if info.api == SANDBOX_API else fmt.bold)
    files = info.input_files or ((info.input_file, info.input_hash),)
    facts: list[tuple[str, str | int]] = [("Batch", info.batch)]
    for number, (name, digest) in enumerate(files, start=1):
        suffix = f" {number}" if len(files) > 1 else ""
        facts += [(f"Input file{suffix}", name), (f"Input SHA-256{suffix}", digest)]
    facts += [
        ("Ledger", info.ledger),
        ("Run time", info.run_time),
        ("API", info.api),
        ("Rows", tally.rows),  # numbers, so a spreadsheet can add them up
        ("Orders", len(tally.by_order)),
    ]
    row = 3
    for label, value in facts:
        _write_text(sheet, row, 0, label, fmt.bold)
        if isinstance(value, int):
            sheet.write_number(row, 1, value)
        elif value:
            _text(sheet, row, 1, value, fmt)
        row += 1
    if sum(1 for _, used in results.sheets if used) > 1:
        names = ", ".join(s.get_name() for s, used in results.sheets if used)
        _write_text(sheet, row, 0, "Note", fmt.bold)
        _write_text(sheet, row, 1, f"More rows than one Excel sheet holds: the results continue on {names}.",
                    fmt.text)  # fmt: skip
        row += 1

    row += 1
    buckets = [(bucket.capitalize(), tally.by_money.get(bucket) or MoneyTally()) for bucket in MONEY_BUCKETS]
    row = _money_table(sheet, row, "Money", buckets, fmt, total=True)
    products = sorted(tally.by_product.items())
    row = _money_table(sheet, row, "Product (charged, in doubt)", products, fmt, total=False)
    methods = sorted(tally.by_shipping.items())
    row = _money_table(sheet, row, "Shipping method", methods, fmt, total=False)

    status_top = row
    _write_text(sheet, row, 0, "Status", fmt.header)
    _write_text(sheet, row, 1, "Rows", fmt.header)
    statuses = [*RESULT_STATUSES, *(s for s in tally.by_status if s not in RESULT_STATUSES)]
    for status in statuses:
        row += 1
        _write_text(sheet, row, 0, status, fmt.status.get(status, fmt.text))
        sheet.write_number(row, 1, tally.by_status.get(status, 0))
    status_bottom = row

    chart = workbook.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": "Rows by status",
            "categories": [SUMMARY_SHEET, status_top + 1, 0, status_bottom, 0],
            "values": [SUMMARY_SHEET, status_top + 1, 1, status_bottom, 1],
            "points": [{"fill": {"color": STATUS_COLOURS.get(s, "#CCCCCC")}} for s in statuses],
        }
    )
    chart.set_title({"name": "Rows by status"})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})
    sheet.insert_chart(status_top, 3, chart, {"x_scale": 1.0, "y_scale": 1.0})


def csv_original(value: Any) -> str:
    """One of the user's cells in a CSV: its text; only text that is text is neutralised (-5 stays -5)."""
    return csv_safe(value) if isinstance(value, str) else text_of(value)


def write_results_csv(book: ResultBook, path: Path) -> Path:
    """The Results sheet as CSV (UTF-8 with BOM so Excel reads accents), formula-like text neutralised,
    money as plain two-decimal numbers."""
    path = Path(path)
    with atomic_path(path) as temp, temp.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([csv_safe(h) for h in book.headers + result_headers(book.headers)])
        for row_number, cells in book.rows:
            outcome = book.outcomes.get(row_number) or missing_outcome(row_number)
            original = [csv_original(cells[i]) if i < len(cells) else "" for i in range(len(book.headers))]
            tail = [csv_cell(c, v) for c, v in zip(RESULT_FIELDS, _result_cells(outcome), strict=True)]
            writer.writerow(original + tail)
    return path


# --- reading a result workbook back (``track`` rewrites it in place) ---------------------------------------


@dataclass(frozen=True)
class ExistingResults:
    """The original columns and row outcomes of a result workbook written earlier, and the batch its
    Summary names (a workbook belongs to one batch)."""

    headers: tuple[str, ...]
    rows: list[tuple[int, list[Any]]]  # the original cells as written: text, numbers, dates (celltypes.Cell)
    outcomes: dict[int, RowOutcome]
    fingerprints: dict[int, str] = field(default_factory=dict)
    batch: str | None = None
    paper: str = DEFAULT_PAPER


def _cell_text(value: Any) -> str:
    return text_of(value)  # as the loader reads the cell (2134, never 2134.0)


def _cell_value(value: Any) -> Any:
    """One original cell as read back: typed as written (a whole number as an int), blank as ''."""
    if value is None:
        return ""
    if type(value) is float and value.is_integer() and abs(value) < 10**EXACT_DIGITS:
        return int(value)
    return value


def _result_width(headers: tuple[str, ...]) -> tuple[int, tuple[ResultColumn, ...]] | None:
    """Where the result columns start, and which set of them (current or legacy) the sheet has: its last
    headers are theirs, each plain, marked beside a user's header of the same name, or as written before."""
    for columns in (RESULT_FIELDS, LEGACY_RESULT_FIELDS):
        width = len(headers) - len(columns)
        tail = headers[width:]
        if width >= 0 and all(is_header_of(h, c) for h, c in zip(tail, columns, strict=True)):
            return width, columns
    return None


def is_result_workbook(sheet_names: Sequence[str]) -> bool:
    """A bulkship result workbook: Results, Fix these and the hidden key sheet."""
    names = set(sheet_names)
    return {RESULTS_SHEET, FIX_SHEET, KEYS_SHEET} <= names


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
    rows: list[tuple[int, list[Any]]] = []
    outcomes: dict[int, RowOutcome] = {}
    for name in names:
        table = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        if not table:
            continue
        sheet_headers = tuple(_cell_text(h) for h in table[0])
        layout = _result_width(sheet_headers)
        if layout is None:
            raise FileFormatError(f"{path}: the {name} sheet does not end with bulkship's result columns")
        width, columns = layout
        headers = headers or sheet_headers[:width]
        for line in table[1:]:
            line = line + [""] * (len(sheet_headers) - len(line))
            outcome = _outcome_from_cells(columns, [_cell_text(v) for v in line[width:]])
            rows.append((outcome.row, [_cell_value(v) for v in line[:width]]))
            outcomes[outcome.row] = outcome
    fingerprints: dict[int, str] = {}
    batch = None
    for name in workbook.sheet_names:
        if name == KEYS_SHEET or name.startswith(KEYS_SHEET + " "):
            for line in workbook.get_sheet_by_name(name).to_python()[1:]:
                if len(line) >= 2 and line[0] != "" and line[1]:
                    fingerprints[int(float(str(line[0])))] = str(line[1])
        elif name == SUMMARY_SHEET:
            for line in workbook.get_sheet_by_name(name).to_python()[:12]:
                if len(line) >= 2 and line[0] == "Batch":
                    batch = _cell_text(line[1])
    return ExistingResults(
        headers=headers or (),
        rows=rows,
        outcomes=outcomes,
        fingerprints=fingerprints,
        batch=batch,
        paper=_paper_of(path),
    )


def _paper_of(path: Path) -> str:
    """The paper the workbook was set up for (a rewrite keeps it)."""
    import re
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            first = archive.read("xl/worksheets/sheet1.xml")[-4000:].decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return DEFAULT_PAPER
    found = re.search(r'<pageSetup [^>]*paperSize="(\d+)"', first)
    code = int(found.group(1)) if found else PAPER_SIZES[DEFAULT_PAPER]
    return next((name for name, number in PAPER_SIZES.items() if number == code), DEFAULT_PAPER)


def _outcome_from_cells(columns: tuple[ResultColumn, ...], tail: Sequence[str]) -> RowOutcome:
    fields = read_fields(columns, list(tail))
    fields["cost"] = fields.pop("total", None)  # RowOutcome.total is its cost
    if not fields.get("money") and fields["cost"] is not None:  # a legacy workbook: its cost was charged
        fields["money"] = CHARGED if fields.get("order_id") else TO_SEND
    return RowOutcome(**fields)


def merge_outcome(previous: RowOutcome, update: RowOutcome | None) -> RowOutcome:
    """The ledger's view of a row wins (its problems are the vendor's current words); the normalisations
    that only validation knew stay."""
    if update is None:
        return previous
    if not update.normalised and previous.normalised:
        update = replace(update, normalised=previous.normalised)
    cut = previous.problems.rpartition(CUT_NOTE.split("{")[0])
    if cut[1] and cut[1] not in update.problems:  # the workbook still shows those cells cut
        note = cut[1] + cut[2]
        update = replace(update, problems=f"{update.problems}; {note}" if update.problems else note)
    if update.money and update.fees is None and previous.fees is not None and update.cost == previous.cost:
        # no prices known now (an older ledger): the breakdown the earlier workbook had still holds
        update = replace(update, discount=previous.discount, fees=previous.fees, shipping=previous.shipping)
    return update


def _register_formats(sheet: Worksheet, fmt: _Formats) -> None:
    """Spliced cells refer to formats by index, and XlsxWriter indexes only the formats it wrote with.

    These placeholder cells in row 2 are replaced by the splice."""
    used = [fmt.text, fmt.quoted, fmt.money, *fmt.typed.values(), fmt.header, *fmt.status.values()]
    for col, each in enumerate(used):
        sheet.write_string(1, col, "", each)


_EXCEL_EPOCH = datetime(1899, 12, 30)


def _excel_date(text: str) -> float | str:
    when = date_value(text)
    if when is None:
        return text
    return (when - _EXCEL_EPOCH).total_seconds() / 86400


def _padded(cells: Sequence[Any], width: int) -> list[Any]:
    """``width`` cells, typed ones kept (a 0 is a number, not a blank)."""
    return ["" if v is None else v for v in cells[:width]] + [""] * (width - len(cells))


def _fast_blocks(
    rows: Iterable[tuple[int, Sequence[str]]],
    row_numbers: Sequence[int],
    start: int,
    stop: int,
    headers: Sequence[str],
    outcome_of: Callable[[int], RowOutcome],
) -> Iterator[list[list[Any]]]:
    """Results rows ``start:stop`` a block at a time, column by column: the original cells (``_padded``),
    then the result columns as the slow path writes them."""
    width = len(headers)
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
        for at, names in _cut_cells(originals, headers).items():
            outcomes[at] = with_cut_note(outcomes[at], names)
        yield [*originals, *(_column_values(column, outcomes) for column in RESULT_FIELDS)]


CUT_NOTE = "longer than a spreadsheet cell holds (32,767 characters), cut in this workbook: {columns}"


def with_cut_note(outcome: RowOutcome, columns: Sequence[str]) -> RowOutcome:
    """The row says which of its cells the workbook shows cut (the ledger and the vendor had them whole)."""
    note = CUT_NOTE.format(columns=", ".join(columns))
    if note in outcome.problems:
        return outcome
    return replace(outcome, problems=f"{note}; {outcome.problems}" if outcome.problems else note)


def _cut_cells(columns: Sequence[Sequence[Any]], headers: Sequence[str]) -> dict[int, list[str]]:
    """Positions of the rows (in a block given column by column) with a cell too long for a cell, and the
    headers of those cells. A column is measured whole first: nearly always nothing is long."""
    found: dict[int, list[str]] = {}
    for header, values in zip(headers, columns, strict=False):
        try:
            if max(map(len, values), default=0) <= MAX_CELL_TEXT // 2:
                continue
        except TypeError:
            pass
        for at, value in enumerate(values):
            if isinstance(value, str) and is_cut(value):
                found.setdefault(at, []).append(header)
    return found


def _column_values(column: ResultColumn, outcomes: Sequence[RowOutcome]) -> list[Any]:
    """One result column of a block, as the slow path writes it (dates as Excel serial numbers)."""
    values = [getattr(o, column.field) for o in outcomes]
    if column.kind == "date":
        return [_excel_date(v) if v else "" for v in values]
    return values


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
    type_styles = {code: f.xf_index for code, f in fmt.typed.items() if f.xf_index is not None}
    original = replace(text, typed=True, type_styles=type_styles)
    number = ColumnStyle(number=True)
    statuses = {name: f.xf_index for name, f in fmt.status.items() if f.xf_index is not None}
    by_kind = {
        name: ColumnStyle(
            number=kind.number,
            style=fmt.kind[name].xf_index if fmt.kind[name] is not None else None,
            quote_style=fmt.quoted.xf_index if name != "row" else None,
            value_styles=statuses if name == "status" else {},
        )
        for name, kind in KINDS.items()
    }
    tail = [by_kind[column.kind] for column in RESULT_FIELDS]
    columns = [original] * width + tail
    head_row = [*book.headers, *result_headers(book.headers)]
    spliced: dict[str, SheetCells] = {}
    start = 0
    for sheet, used in results.sheets:
        blocks = _fast_blocks(book.rows, row_numbers, start, start + used, book.headers, outcome_of)
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
