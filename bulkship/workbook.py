"""Safe spreadsheet writing shared by the stages: XLSX through XlsxWriter, and CSV.

Safe means:
- text that a spreadsheet could take for a formula (starting with =, +, -, @, tab or CR) stays text. XLSX: the
  cell's quote prefix, what Excel sets when you type a leading apostrophe. CSV, which has no cell types:
  a literal leading apostrophe;
- strings are always written as strings (ZIP 02134 and ids stay text); NaN and None are blank cells;
- large tables are written row by row in XlsxWriter's constant_memory mode (pandas ``to_excel`` would write an
  empty sheet in that mode) and continue on further sheets past Excel's row limit, with a note.
"""

from __future__ import annotations

import csv
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .atomicfile import atomic_path
from .celltypes import BOOL, TYPED, excel_serial, text_of
from .safetext import csv_safe, needs_quote

EXCEL_MAX_ROWS = 1_048_576  # per sheet, header included
MAX_COLUMN_WIDTH = 60
MIN_COLUMN_WIDTH = 6
WIDTH_SAMPLE_ROWS = 500
SHEET_NAME_MAX = 31
STATUS_COLOURS = {"invalid": "#FFC7CE", "duplicate": "#FFEB9C", "valid": "#C6EFCE", "warning": "#FFEB9C"}


@dataclass(frozen=True)
class Table:
    """One sheet's worth of data: headers and rows (str, numbers, None), written in order."""

    name: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    status_column: str | None = None  # header whose value colours the whole row
    colours: Mapping[str, str] = field(default_factory=lambda: dict(STATUS_COLOURS))
    wrap_columns: Sequence[str] = ()  # long text (problem lists): wrapped, width capped


class _Formats:
    def __init__(self, book: Any) -> None:
        self._book = book
        self.header = book.add_format({"bold": True, "bg_color": "#D9D9D9", "border": 1})
        self._header_quoted = book.add_format(
            {"bold": True, "bg_color": "#D9D9D9", "border": 1, "quote_prefix": True}
        )
        self._cache: dict[tuple[str | None, bool, bool], Any] = {}
        self._numbers: dict[str | None, Any] = {}
        self._typed: dict[tuple[str | None, int], Any] = {}

    def header_for(self, text: str) -> Any:
        """A header cell's format: a header from the user's file ('=HYPERLINK(...)', '@Notes') is
        quote-prefixed like any cell, so editing it cannot turn it into a formula."""
        return self._header_quoted if needs_quote(text) else self.header

    def cell(self, colour: str | None, quoted: bool, wrap: bool) -> Any:
        key = (colour, quoted, wrap)
        if key not in self._cache:
            spec: dict[str, Any] = {"num_format": "@"}
            if colour:
                spec["bg_color"] = colour
            if quoted:
                spec["quote_prefix"] = True
            if wrap:
                spec["text_wrap"] = True
                spec["valign"] = "top"
            self._cache[key] = self._book.add_format(spec)
        return self._cache[key]

    def number(self, colour: str | None) -> Any:
        if colour not in self._numbers:
            self._numbers[colour] = self._book.add_format({"bg_color": colour} if colour else {})
        return self._numbers[colour]

    def typed(self, colour: str | None, code: int) -> Any:
        """A date, time or duration cell (bulkship.celltypes code) in its number format."""
        from .celltypes import NUMBER_FORMATS

        if code not in NUMBER_FORMATS:
            return self.number(colour)
        key = (colour, code)
        if key not in self._typed:
            spec: dict[str, Any] = {"num_format": NUMBER_FORMATS[code]}
            if colour:
                spec["bg_color"] = colour
            self._typed[key] = self._book.add_format(spec)
        return self._typed[key]


def _widths(headers: Sequence[str], sample: Sequence[Sequence[Any]], wrap: set[int]) -> list[float]:
    widths = [float(len(str(h))) + 2 for h in headers]
    for row in sample:
        for position, value in enumerate(row[: len(headers)]):
            if value is not None:
                widths[position] = max(widths[position], len(str(value)) + 1.0)
    return [
        min(max(w, MIN_COLUMN_WIDTH), MAX_COLUMN_WIDTH if i not in wrap else MAX_COLUMN_WIDTH + 20)
        for i, w in enumerate(widths)
    ]


def _write_notes(book: Any, notes: Sequence[str], taken: set[str]) -> None:
    """A Notes sheet, one line a note, when writing had anything to say (such as a sheet split)."""
    if not notes:
        return
    sheet = book.add_worksheet(_sheet_name("Notes", 1, taken))
    sheet.set_column(0, 0, 100)
    for row, note in enumerate(notes):
        sheet.write_string(row, 0, note)


def _sheet_name(base: str, part: int, taken: set[str]) -> str:
    suffix = f" ({part})" if part > 1 else ""
    name = base.translate(str.maketrans("[]:*?/\\", "_______"))[: SHEET_NAME_MAX - len(suffix)] + suffix
    while name.casefold() in taken:
        name = name[: SHEET_NAME_MAX - 1] + "_"
    taken.add(name.casefold())
    return name


def write_workbook(
    path: str | Path,
    tables: Sequence[Table],
    *,
    max_rows_per_sheet: int = EXCEL_MAX_ROWS,
    constant_memory: bool = True,
) -> list[str]:
    """Write ``tables`` as sheets of one XLSX file; returns the notes about tables split across sheets
    (also written on a final 'Notes' sheet)."""
    import xlsxwriter

    notes: list[str] = []
    taken: set[str] = set()
    with atomic_path(path) as temp:
        options = {"constant_memory": constant_memory, "strings_to_formulas": False}
        book = xlsxwriter.Workbook(str(temp), options)
        try:
            formats = _Formats(book)
            for table in tables:
                notes.extend(_write_table(book, formats, table, max_rows_per_sheet, taken))
            _write_notes(book, notes, taken)
        finally:
            book.close()
    return notes


def _write_table(book: Any, formats: _Formats, table: Table, max_rows: int, taken: set[str]) -> list[str]:
    headers = list(table.headers)
    rows = iter(table.rows)
    sample = list(itertools.islice(rows, WIDTH_SAMPLE_ROWS))
    wrap = {headers.index(h) for h in table.wrap_columns if h in headers}
    widths = _widths(headers, sample, wrap)
    status_at = headers.index(table.status_column) if table.status_column in headers else None
    names: list[str] = []
    sheet = None
    row_number = 0
    last_col = max(len(headers) - 1, 0)

    def open_sheet() -> Any:
        names.append(_sheet_name(table.name, len(names) + 1, taken))
        new = book.add_worksheet(names[-1])
        for position, width in enumerate(widths):
            new.set_column(position, position, width)
        for position, header in enumerate(headers):
            new.write_string(0, position, str(header), formats.header_for(str(header)))
        new.freeze_panes(1, 0)
        return new

    def close_sheet(current: Any, last_row: int) -> None:
        current.autofilter(0, 0, max(last_row, 0), last_col)

    sheet = open_sheet()
    for values in itertools.chain(sample, rows):
        if row_number + 1 >= max_rows:
            close_sheet(sheet, row_number)
            sheet, row_number = open_sheet(), 0
        row_number += 1
        colour = table.colours.get(str(values[status_at])) if status_at is not None else None
        for position, value in enumerate(values):
            _write_cell(sheet, formats, row_number, position, value, colour, position in wrap)
    close_sheet(sheet, row_number)
    if len(names) == 1:
        return []
    return [
        f"'{table.name}' has more rows than one Excel sheet can hold ({max_rows:,} with the header); "
        f"it continues on sheets " + ", ".join(f"'{n}'" for n in names[1:]) + " in the same order."
    ]


def _write_cell(
    sheet: Any, formats: _Formats, row: int, col: int, value: Any, colour: str | None, wrap: bool
) -> None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        if colour:
            sheet.write_blank(row, col, None, formats.cell(colour, False, wrap))
        return
    if type(value) in TYPED and type(value) not in (int, float):  # a user's true/false, date, time
        stored = excel_serial(value)
        if stored is not None:
            code, number = stored
            if code == BOOL:
                sheet.write_boolean(row, col, bool(number), formats.number(colour))
            else:
                sheet.write_number(row, col, number, formats.typed(colour, code))
            return
        value = text_of(value)
    if isinstance(value, int | float | Decimal):
        sheet.write_number(row, col, float(value), formats.number(colour))
        return
    text = str(value)
    sheet.write_string(row, col, text, formats.cell(colour, needs_quote(text), wrap))


def _csv_text(value: Any) -> str:
    """Text neutralised (it could be read as a formula); a number or date as its text (-5 stays -5)."""
    if value is None:
        return ""
    return csv_safe(value) if isinstance(value, str) else text_of(value)


def write_csv(path: str | Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    """UTF-8 with a BOM (so Excel detects it), formula-like text prefixed with an apostrophe."""
    path = Path(path)
    with atomic_path(path) as temp, temp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([csv_safe(str(h)) for h in headers])
        for values in rows:
            writer.writerow([_csv_text(v) for v in values])
    return path
