"""The validation workbook: every input row with its status, problems and the changes made, invalid rows
highlighted; a Problems sheet (one line per problem) and a Summary sheet.

The two big sheets are written fast: XlsxWriter lays out the workbook (widths, frozen header, filter, formats,
the Summary sheet) with their cells left out, and their ``<sheetData>`` is rendered here column by column and
spliced in (``bulkship.xlsxfast``), about ten times faster than a cell at a time. The cells are the ones
``bulkship.workbook.write_workbook`` writes: the same values, types and formats (each cell coloured by its
row's status, text that looks like a formula quote-prefixed, strings escaped as XlsxWriter escapes them).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..atomicfile import atomic_path
from ..celltypes import BOOL, NUMBER_FORMATS, TYPED, excel_serial, text_of, typed_values
from ..models import STATUS, Problem, ValidationResult
from ..reconcile.layout import distinct_headers
from ..reconcile.sheets.cells import printable
from ..safetext import FORMULA_TRIGGERS
from ..schema import load_contract
from ..workbook import (
    EXCEL_MAX_ROWS,
    STATUS_COLOURS,
    WIDTH_SAMPLE_ROWS,
    Table,
    _Formats,
    _sheet_name,
    _widths,
    _write_notes,
    _write_table,
)
from ..xlsxfast import (
    ColumnStyle,
    SheetCells,
    all_plain,
    column_letter,
    inline_string,
    is_plain,
    splice_sheets,
)
from . import not_recipients

ROW_HEADER = "Row"
STATUS_HEADER = "Status"
PROBLEMS_HEADER = "Problems"
# a value read otherwise than typed ('Massachusetts' -> MA) and a warning that changes nothing ('PO Box 44'
# is a PO box, an email not valid): under 'Changes made' the warnings read as changes bulkship made (review22)
CHANGES_HEADER = "Warnings and changes"
# before the user's columns; one that reads as a user's is marked "Status (bulkship)" (reconcile.layout)
_OURS = (ROW_HEADER, STATUS_HEADER, PROBLEMS_HEADER, CHANGES_HEADER)
PROBLEM_HEADERS = ("Row", "Column", "Value", "Severity", "Message")
PROBLEM_COLOURS = {"error": "#FFC7CE", "warning": "#FFEB9C"}
SKIPPED_COLOUR = "#D9D9D9"  # grey: hidden rows, totals rows and notes, never ordered
BLOCK_ROWS = 5000  # rows rendered at a time, column by column


def validation_workbook_path(result: ValidationResult, out_dir: Path) -> Path:
    return Path(out_dir) / f"{Path(result.sheet.path).stem}-validation.xlsx"


def _cell_message(problem: Problem) -> str:
    """The message without its 'Row N, ' prefix: the row is on the same line of the sheet."""
    prefix = f"Row {problem.row}, "
    return problem.message[len(prefix) :] if problem.message.startswith(prefix) else problem.message


def _summary_rows(result: ValidationResult) -> list[list[Any]]:
    sheet = result.sheet
    contract = load_contract()
    summary = result.summary()
    others = not_recipients(result)[0]  # of the rows: a list of 5 people and its totals row are 6 rows
    return [
        ["File", sheet.path],
        ["Sheet", sheet.sheet_name or ""],
        ["Header row", sheet.header_row],
        ["Rows", summary.rows],
        ["Valid", summary.valid],
        ["Not valid", summary.invalid],
        ["Duplicate (not ordered)", summary.duplicate],
        ["Skipped (not ordered)", summary.skipped],
        *([["Of them no recipient (totals, notes)", others]] if others else []),
        ["", ""],
        *([f"Problem: {kind}", count] for kind, count in sorted(summary.by_problem.items())),
        ["", ""],
        # in the words of the Columns page and the template ('Address Line 1'), not bulkship's own names
        # ('address1', 'carrier_id': found by newcomer1)
        *(
            [f"Column '{header}'", f"read as {contract.title(field)}"]
            for header, field in sheet.column_map.items()
        ),
    ]


@dataclass
class _Columns:
    """A big sheet held column by column: each row is styled by the colour ``colours`` gives its status (the
    column at ``status_at``)."""

    name: str
    headers: list[str]
    columns: list[list[Any]]
    status_at: int
    colours: dict[str, str]
    wrap: frozenset[int] = frozenset()

    @property
    def count(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def rows(self, start: int, stop: int) -> Iterator[list[Any]]:
        return (list(row) for row in zip(*(c[start:stop] for c in self.columns), strict=True))


def _validation_columns(result: ValidationResult) -> _Columns:
    errors: dict[int, list[str]] = {}
    warnings: dict[int, list[str]] = {}
    for problem in result.problems:
        target = errors if problem.severity == "error" else warnings
        target.setdefault(problem.row, []).append(_cell_message(problem))
    for skipped in result.sheet.skipped:  # why the row is not ordered, where its problems would be
        errors.setdefault(skipped.row, []).append(f"Not ordered: {skipped.reason}")
    frame = result.sheet.frame
    rows = [int(row) for row in frame.index]
    statuses = result.rows[STATUS]
    if statuses.index.equals(frame.index):
        status_texts = [str(s) for s in statuses.tolist()]
    else:
        status_texts = [str(statuses.get(row, "")) for row in frame.index]
    originals = [frame.iloc[:, position].tolist() for position in range(frame.shape[1])]
    types = result.sheet.cell_types  # numbers and dates as the input had them, not their text
    if types is not None and len(types.columns):
        if not types.index.equals(frame.index):
            types = types.reindex(frame.index, fill_value=0)
        for position, header in enumerate(result.sheet.headers[: len(originals)]):
            if header in types.columns:
                originals[position] = typed_values(originals[position], types[header].to_numpy())
    return _Columns(
        name="Validation",
        headers=[*distinct_headers(_OURS, result.sheet.headers), *result.sheet.headers],
        columns=[
            rows,
            status_texts,
            ["\n".join(errors.get(row, ())) for row in rows],
            ["\n".join(warnings.get(row, ())) for row in rows],
            *originals,
        ],
        status_at=1,
        colours={**STATUS_COLOURS, "skipped": SKIPPED_COLOUR},
        wrap=frozenset({2, 3}),
    )


def _problem_columns(result: ValidationResult) -> _Columns:
    contract = load_contract()  # a field the sheet has no column for, by its title ('Name', not 'name')
    headers: dict[str, str] = {}
    for header, canonical in result.sheet.column_map.items():
        headers.setdefault(canonical, header)
    problems = result.problems
    return _Columns(
        name="Problems",
        headers=list(PROBLEM_HEADERS),
        columns=[
            [p.row for p in problems],
            [headers.get(p.column) or contract.title(p.column) for p in problems],
            [p.value for p in problems],
            [p.severity for p in problems],
            [p.message for p in problems],
        ],
        status_at=3,
        colours=dict(PROBLEM_COLOURS),
    )


def write_validation_workbook(
    result: ValidationResult,
    out_dir: Path,
    *,
    path: Path | None = None,
    max_rows_per_sheet: int = EXCEL_MAX_ROWS,
) -> Path:
    path = path or validation_workbook_path(result, out_dir)
    with atomic_path(path) as temp:  # a run killed while writing leaves the previous workbook whole
        _write_validation_workbook(result, temp, max_rows_per_sheet)
    return path


def _write_validation_workbook(result: ValidationResult, path: Path, max_rows_per_sheet: int) -> None:
    import xlsxwriter

    big = [_validation_columns(result), _problem_columns(result)]
    summary = Table(name="Summary", headers=["Item", "Value"], rows=_summary_rows(result))
    notes: list[str] = []
    taken: set[str] = set()
    parts: list[tuple[Any, _Columns, int, int]] = []  # (worksheet, table, first row, stop row)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False})
    try:
        formats = _Formats(book)
        for table in big:
            table_parts, table_notes = _skeleton(book, formats, table, max_rows_per_sheet, taken)
            parts.extend(table_parts)
            notes.extend(table_notes)
        _register(parts[0][0], formats, big)
        notes.extend(_write_table(book, formats, summary, max_rows_per_sheet, taken))
        _write_notes(book, notes, taken)
    finally:
        book.close()
    cells = {
        sheet.name: SheetCells(
            [],
            [ColumnStyle()] * len(table.headers),
            stop - start + 1,
            xml=_sheet_xml(table, start, stop, formats),
        )
        for sheet, table, start, stop in parts
    }
    splice_sheets(path, cells)


def _skeleton(
    book: Any, formats: _Formats, table: _Columns, max_rows: int, taken: set[str]
) -> tuple[list[tuple[Any, _Columns, int, int]], list[str]]:
    """The table's sheets as ``write_workbook`` lays them out (widths from the first rows, frozen header,
    filter, continuation sheets past ``max_rows``), without their cells."""
    per_sheet = max(max_rows - 1, 1)
    sample = list(table.rows(0, WIDTH_SAMPLE_ROWS))
    widths = _widths(table.headers, sample, set(table.wrap))
    bounds = [(start, min(start + per_sheet, table.count)) for start in range(0, table.count, per_sheet)]
    parts = []
    for part, (start, stop) in enumerate(bounds or [(0, 0)], start=1):
        sheet = book.add_worksheet(_sheet_name(table.name, part, taken))
        for position, width in enumerate(widths):
            sheet.set_column(position, position, width)
        for position, header in enumerate(table.headers):
            sheet.write_string(0, position, str(header), formats.header_for(str(header)))
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, stop - start, max(len(table.headers) - 1, 0))
        printable(sheet, widths=widths)  # as the result workbook's: its header on every page, legible
        parts.append((sheet, table, start, stop))
    if len(parts) == 1:
        return parts, []
    names = [sheet.name for sheet, *_ in parts]
    return parts, [
        f"'{table.name}' has more rows than one Excel sheet can hold ({max_rows:,} with the header); "
        f"it continues on sheets " + ", ".join(f"'{n}'" for n in names[1:]) + " in the same order."
    ]


def _palette(table: _Columns) -> list[str | None]:
    """The colours rows can take: None (a status without one) first, then the table's colours."""
    return [None, *dict.fromkeys(table.colours.values())]


def _register(sheet: Any, formats: _Formats, tables: Sequence[_Columns]) -> None:
    """Spliced cells refer to formats by index, and XlsxWriter indexes only the formats it wrote with:
    placeholder cells (replaced by the splice) in row 2 of the first big sheet."""
    used: list[Any] = []
    for table in tables:
        for colour in _palette(table):
            used.append(formats.number(colour))
            used.extend(formats.typed(colour, code) for code in NUMBER_FORMATS)
            for wrap in (False, True) if table.wrap else (False,):
                used.extend([formats.cell(colour, False, wrap), formats.cell(colour, True, wrap)])
    for col, each in enumerate(used):
        sheet.write_string(1, col, "", each)


@dataclass(frozen=True)
class _Styles:
    """One column's style attributes by palette index."""

    number: list[str]
    plain: list[str]
    quoted: list[str]
    blank: list[str | None]  # a missing value is a styled blank cell only in a coloured row
    typed: dict[int, list[str]]  # dates, times, durations: celltypes code -> by palette index


def _styles(formats: _Formats, palette: Sequence[str | None], wrap: bool) -> _Styles:
    def attr(fmt: Any) -> str:
        return f' s="{fmt.xf_index}"'

    return _Styles(
        number=[attr(formats.number(c)) for c in palette],
        plain=[attr(formats.cell(c, False, wrap)) for c in palette],
        quoted=[attr(formats.cell(c, True, wrap)) for c in palette],
        blank=[attr(formats.cell(c, False, wrap)) if c else None for c in palette],
        typed={code: [attr(formats.typed(c, code)) for c in palette] for code in NUMBER_FORMATS},
    )


def _sheet_xml(table: _Columns, start: int, stop: int, formats: _Formats) -> Iterator[str]:
    """The sheet's ``<row>`` elements: the header, then rows ``start:stop`` a block at a time."""
    cells = "".join(
        f'<c r="{column_letter(i)}1" s="{formats.header_for(str(h)).xf_index}" t="inlineStr">'
        f"{_inline_string(str(h))}</c>"
        for i, h in enumerate(table.headers)
    )
    yield f'<row r="1">{cells}</row>'
    palette = _palette(table)
    index_of = {colour: position for position, colour in enumerate(palette)}
    colour_index = {status: index_of[colour] for status, colour in table.colours.items()}
    styles = [_styles(formats, palette, position in table.wrap) for position in range(len(table.headers))]
    letters = [column_letter(i) for i in range(len(table.headers))]
    for first in range(start, stop, BLOCK_ROWS):
        last = min(first + BLOCK_ROWS, stop)
        number = first - start + 2
        refs = [str(n) for n in range(number, number + last - first)]
        colours = [colour_index.get(str(s), 0) for s in table.columns[table.status_at][first:last]]
        rendered = [
            _column_xml(values[first:last], letter, refs, colours, style)
            for values, letter, style in zip(table.columns, letters, styles, strict=True)
        ]
        yield "".join(
            [
                f'<row r="{ref}">{"".join(row)}</row>'
                for ref, row in zip(refs, zip(*rendered, strict=True), strict=True)
            ]
        )


_TRIGGERS = frozenset(FORMULA_TRIGGERS)
# One cell renderer for every streamed sheet (bulkship.xlsxfast): the same escaping and cut as the results.
_inline_string = inline_string
_plain = is_plain
_all_plain = all_plain


def _column_xml(
    values: list[Any], letter: str, refs: list[str], colours: list[int], style: _Styles
) -> list[str]:
    """One column of a block: the cells ``bulkship.workbook`` writes one by one, common cases inline."""
    kinds = set(map(type, values))
    if kinds == {str}:
        plain, quoted = style.plain, style.quoted
        if _all_plain(values):
            return [
                f'<c r="{letter}{ref}"{(quoted if v[:1] in _TRIGGERS else plain)[c]} t="inlineStr">'
                f"<is><t>{v}</t></is></c>"
                for v, ref, c in zip(values, refs, colours, strict=True)
            ]
        return [
            f'<c r="{letter}{ref}"{(quoted if v[:1] in _TRIGGERS else plain)[c]} t="inlineStr">'
            + (f"<is><t>{v}</t></is></c>" if _plain(v) else f"{_inline_string(v)}</c>")
            for v, ref, c in zip(values, refs, colours, strict=True)
        ]
    if kinds == {int}:
        number = style.number
        return [
            f'<c r="{letter}{ref}"{number[c]}><v>{float(v):.16G}</v></c>'
            for v, ref, c in zip(values, refs, colours, strict=True)
        ]
    return [_cell_xml(f"{letter}{ref}", v, c, style) for v, ref, c in zip(values, refs, colours, strict=True)]


def _cell_xml(ref: str, value: Any, colour: int, style: _Styles) -> str:
    """One cell as ``bulkship.workbook._write_cell`` writes it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        blank = style.blank[colour]
        return f'<c r="{ref}"{blank}/>' if blank is not None else ""
    if type(value) in TYPED and type(value) not in (int, float):  # the user's own true/false, dates
        stored = excel_serial(value)
        if stored is not None:
            code, number = stored
            if code == BOOL:
                return f'<c r="{ref}"{style.number[colour]} t="b"><v>{int(number)}</v></c>'
            return f'<c r="{ref}"{style.typed[code][colour]}><v>{number!r}</v></c>'
        value = text_of(value)
    if isinstance(value, int | float | Decimal):
        return f'<c r="{ref}"{style.number[colour]}><v>{float(value):.16G}</v></c>'
    text = str(value)
    attr = (style.quoted if text[:1] in _TRIGGERS else style.plain)[colour]
    return f'<c r="{ref}"{attr} t="inlineStr">{_inline_string(text)}</c>'
