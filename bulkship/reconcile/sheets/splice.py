"""The fast path for the Results and key sheets: when the rows can be read twice, their cells are not
written one by one but spliced into the closed workbook a block of rows at a time, column by column
(bulkship.xlsxfast, about ten times faster). These functions give exactly the cells the slow path writes.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from ...xlsxfast import MAX_CELL_TEXT, ColumnStyle, SheetCells, is_cut
from ..layout import KINDS, RESULT_FIELDS, ResultColumn, date_value, result_headers
from .book import SPLICE_BLOCK_ROWS, ResultBook, RowOutcome, with_cut_note
from .cells import _Formats, _SheetSeries

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
        spliced[sheet.name] = SheetCells(
            [head_row],
            columns,
            used + 1,
            fmt.header.xf_index,
            blocks,
            header_quote_style=fmt.header_quoted.xf_index,
        )
        start += used
    start = 0
    for sheet, used in keys.sheets:
        key_blocks = _key_blocks(book.fingerprints, start, start + used)
        spliced[sheet.name] = SheetCells(
            [("Row", "Fingerprint")], [number, text], used + 1, fmt.header.xf_index, key_blocks
        )
        start += used
    return spliced
