"""The validation workbook: every input row with its status, problems and the changes made, invalid rows
highlighted; a Problems sheet (one line per problem) and a Summary sheet.

The two big sheets are written fast: XlsxWriter lays out the workbook (widths, frozen header, filter, formats,
the Summary sheet) with their cells left out, and their ``<sheetData>`` is rendered here column by column and
spliced in (``bulkship.xlsxfast``), about ten times faster than a cell at a time: rendered by
:mod:`.reportxml`, the cells ``bulkship.workbook.write_workbook`` writes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..atomicfile import atomic_path
from ..celltypes import typed_values
from ..models import STATUS, Problem, SkippedRow, ValidationResult
from ..reconcile.layout import distinct_headers
from ..reconcile.sheets.cells import printable
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
from ..xlsxfast import ColumnStyle, SheetCells, splice_sheets
from . import not_recipients, ordered_before
from .reportxml import ColumnTable, register_formats, sheet_xml

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


_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


def validation_workbook_path(result: ValidationResult, out_dir: Path, sheet: str | None = None) -> Path:
    """``sheet``: the sheet a person named (--sheet), in the name: a workbook of two lists checked one
    sheet after the other wrote one validation workbook, the second replacing the first (newcomer21, N5)."""
    named = f"-{_NOT_IN_FILE_NAMES.sub('-', sheet).strip(' .')}" if sheet and sheet.strip(" .") else ""
    return Path(out_dir) / f"{Path(result.sheet.path).stem}{named}-validation.xlsx"


def _cell_message(problem: Problem) -> str:
    """The message without its 'Row N, ' prefix: the row is on the same line of the sheet."""
    prefix = f"Row {problem.row}, "
    return problem.message[len(prefix) :] if problem.message.startswith(prefix) else problem.message


def _summary_rows(result: ValidationResult) -> list[list[Any]]:
    sheet = result.sheet
    contract = load_contract()
    summary = result.summary()
    others = not_recipients(result)[0]  # of the rows: a list of 5 people and its totals row are 6 rows
    sent = ordered_before(result)  # ... and those whose cards went already: skipped, but ordered
    return [
        ["File", sheet.path],
        ["Sheet", sheet.sheet_name or ""],
        ["Header row", sheet.header_row],
        ["Rows", summary.rows],
        ["Valid", summary.valid],
        ["Not valid", summary.invalid],
        ["Duplicate (not ordered)", summary.duplicate],
        ["Skipped (not ordered)", summary.skipped - sent],
        *([["Of them no recipient (totals, notes)", others]] if others else []),
        *([["Skipped, ordered before (their cards went)", sent]] if sent else []),
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


def _left_out(skipped: SkippedRow) -> str:
    """Why the row is left out; one whose card went already says so (it read 'Not ordered')."""
    if skipped.ordered:
        return f"Ordered before, PO {skipped.ordered}: its card went; now {skipped.reason}"
    return f"Not ordered: {skipped.reason}"


def _validation_columns(result: ValidationResult) -> ColumnTable:
    errors: dict[int, list[str]] = {}
    warnings: dict[int, list[str]] = {}
    for problem in result.problems:
        target = errors if problem.severity == "error" else warnings
        target.setdefault(problem.row, []).append(_cell_message(problem))
    for skipped in result.sheet.skipped:  # why the row is not ordered, where its problems would be
        errors.setdefault(skipped.row, []).append(_left_out(skipped))
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
    return ColumnTable(
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


def _problem_columns(result: ValidationResult) -> ColumnTable:
    contract = load_contract()  # a field the sheet has no column for, by its title ('Name', not 'name')
    headers: dict[str, str] = {}
    for header, canonical in result.sheet.column_map.items():
        headers.setdefault(canonical, header)
    problems = result.problems
    return ColumnTable(
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
    sheet: str | None = None,
) -> Path:
    path = path or validation_workbook_path(result, out_dir, sheet)
    with atomic_path(path) as temp:  # a run killed while writing leaves the previous workbook whole
        _write_validation_workbook(result, temp, max_rows_per_sheet)
    return path


def _write_validation_workbook(result: ValidationResult, path: Path, max_rows_per_sheet: int) -> None:
    import xlsxwriter

    big = [_validation_columns(result), _problem_columns(result)]
    summary = Table(name="Summary", headers=["Item", "Value"], rows=_summary_rows(result))
    notes: list[str] = []
    taken: set[str] = set()
    parts: list[tuple[Any, ColumnTable, int, int]] = []  # (worksheet, table, first row, stop row)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False})
    try:
        formats = _Formats(book)
        for table in big:
            table_parts, table_notes = _skeleton(book, formats, table, max_rows_per_sheet, taken)
            parts.extend(table_parts)
            notes.extend(table_notes)
        register_formats(parts[0][0], formats, big)
        notes.extend(_write_table(book, formats, summary, max_rows_per_sheet, taken))
        _write_notes(book, notes, taken)
    finally:
        book.close()
    cells = {
        sheet.name: SheetCells(
            [],
            [ColumnStyle()] * len(table.headers),
            stop - start + 1,
            xml=sheet_xml(table, start, stop, formats),
        )
        for sheet, table, start, stop in parts
    }
    splice_sheets(path, cells)


def _skeleton(
    book: Any, formats: _Formats, table: ColumnTable, max_rows: int, taken: set[str]
) -> tuple[list[tuple[Any, ColumnTable, int, int]], list[str]]:
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
