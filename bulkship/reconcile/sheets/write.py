"""Writing the result workbook (Results, Fix these, Orders, Summary and the hidden keys) atomically, and the
Results sheet as CSV.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import replace
from pathlib import Path
from typing import Any

import xlsxwriter

from ...atomicfile import atomic_path
from ...celltypes import text_of
from ...errors import BulkshipError
from ...safetext import csv_safe
from ...statuses import FIX_STATUSES
from ...xlsxfast import is_cut, splice_sheets
from ..layout import (
    FIX_EXTRA_FIELDS,
    RESULT_FIELDS,
    cell_values,
    csv_cell,
    csv_result_headers,
    min_widths,
    result_headers,
)
from .book import (
    EXCEL_MAX_ROWS,
    FIX_SHEET,
    KEYS_SHEET,
    ORDERS_SHEET,
    RESULTS_SHEET,
    SUMMARY_SHEET,
    WIDTH_SAMPLE_ROWS,
    ResultBook,
    RowOutcome,
    missing_outcome,
    with_cut_note,
)
from .cells import (
    _Formats,
    _original,
    _register_formats,
    _result_cells,
    _SheetSeries,
    _widths,
    _write_result_tail,
    _write_text,
)
from .splice import _fast_cells
from .summary import _write_orders, _write_summary
from .tally import _Tally
from .typed import Recorded, stamp


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
    # what bulkship writes on these two is recorded, so that a rewrite leaves a person's notes there alone
    orders_sheet: Any = Recorded(workbook.add_worksheet(ORDERS_SHEET))
    summary_sheet: Any = Recorded(workbook.add_worksheet(SUMMARY_SHEET))
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
    tally.add_billed(book.orders)
    _write_orders(orders_sheet, book.orders, tally, fmt, paper)
    _write_summary(workbook, summary_sheet, book.info, tally, results, fmt, book.notes)
    stamp(workbook, {ORDERS_SHEET: orders_sheet, SUMMARY_SHEET: summary_sheet})
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


def csv_original(value: Any) -> str:
    """One of the user's cells in a CSV: its text; only text that is text is neutralised (-5 stays -5)."""
    return csv_safe(value) if isinstance(value, str) else text_of(value)


def write_results_csv(book: ResultBook, path: Path) -> Path:
    """The Results sheet as CSV (UTF-8 with BOM so Excel reads accents), formula-like text neutralised,
    money as plain two-decimal numbers under headers naming their currency."""
    path = Path(path)
    with atomic_path(path) as temp, temp.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([csv_safe(h) for h in book.headers + csv_result_headers(book.headers)])
        for row_number, cells in book.rows:
            outcome = book.outcomes.get(row_number) or missing_outcome(row_number)
            original = [csv_original(cells[i]) if i < len(cells) else "" for i in range(len(book.headers))]
            tail = [csv_cell(c, v) for c, v in zip(RESULT_FIELDS, _result_cells(outcome), strict=True)]
            writer.writerow(original + tail)
    return path
