"""Writing cells: the formats a workbook uses, every text cell through one function (cleaned and cut as the
spliced cells are, formula-like text quote-prefixed), the user's own cells typed as the input had them, the
result columns of one row by their kind, column widths, print setup, and a sheet that continues on
``Name 2``, ``Name 3``... past Excel's row limit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from ...celltypes import BOOL, DATE, DATETIME, DURATION, NUMBER_FORMATS, TIME, excel_serial, text_of
from ...money import WORKBOOK_MONEY_FORMAT
from ...safetext import needs_quote
from ...statuses import STATUS_COLOURS
from ...xlsxfast import cell_text
from ..layout import KINDS, RESULT_FIELDS, ResultColumn, cell_values, date_value
from .book import DEFAULT_PAPER, MAX_COLUMN_WIDTH, PAPER_SIZES, RowOutcome


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.header = book.add_format({"bold": True, "bg_color": "#D9D9D9", "border": 1, "text_wrap": True})
        self.header_quoted = book.add_format(
            {"bold": True, "bg_color": "#D9D9D9", "border": 1, "text_wrap": True, "quote_prefix": True}
        )
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


# How many units of column width (Excel's: about one character) a landscape page prints legibly: a sheet
# wider than that prints on more pages side by side. Fitted to one page, the Results sheet's 32 columns
# printed in 2.2 pt type (found by newcomer4, finance printing the workbook).
PAGE_WIDTH_UNITS = 180.0


def printable(
    sheet: Worksheet, *, paper: str = DEFAULT_PAPER, repeat_header: bool = True, widths: Sequence[float] = ()
) -> None:
    """Landscape, as many pages wide as its columns' ``widths`` need (one when not given), the header row
    on every page, the paper size (US Letter by default)."""
    sheet.set_landscape()
    sheet.set_paper(PAPER_SIZES.get(paper.lower(), PAPER_SIZES[DEFAULT_PAPER]))
    sheet.fit_to_pages(max(1, math.ceil(sum(widths) / PAGE_WIDTH_UNITS)), 0)
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
        printable(sheet, paper=self.paper, widths=self.widths)
        for col, header in enumerate(self.headers):
            _write_text(
                sheet, 0, col, header, self.fmt.header_quoted if needs_quote(header) else self.fmt.header
            )
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


def _register_formats(sheet: Worksheet, fmt: _Formats) -> None:
    """Spliced cells refer to formats by index, and XlsxWriter indexes only the formats it wrote with.

    These placeholder cells in row 2 are replaced by the splice."""
    used = [
        fmt.text,
        fmt.quoted,
        fmt.money,
        *fmt.typed.values(),
        fmt.header,
        fmt.header_quoted,
        *fmt.status.values(),
    ]
    for col, each in enumerate(used):
        sheet.write_string(1, col, "", each)
