"""A CSV header cell holding commas outside quotes: 'Mailing address (street, city, state, ZIP)' written
without its quotes is read as four header cells, the header wider than every row under it, and every cell
after it under the wrong header: 'state' read 50 (the amount), 'ZIP)' nothing, each row an error saying
nothing of the cause (found by the lead, taken by hunter-sheets25). Where the header's extra cells are the
parts of a bracket a comma split ('(street', ' city', ' state', ' ZIP)') and, joined again, the header is as
wide as the widest row, it is read as one cell, and said so."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .cells import _Grid

_OPENING = "(["
_CLOSING = ")]"


def _depth(cell: Any) -> int:
    text = "" if cell is None else str(cell)
    return sum(text.count(c) for c in _OPENING) - sum(text.count(c) for c in _CLOSING)


def rejoin_split_header(
    grid: _Grid, header_row: int, header_cells: list[Any], means: Callable[[str], bool]
) -> list[Any]:
    """``header_cells`` with each bracket a comma outside quotes split over several cells joined again into
    one, when that makes the header as wide as the widest row below it (of a CSV's first records, as the
    file writes them); else unchanged. The join is said in ``grid.notices``. A joined header that
    ``means`` no field where its first part did ('Value (USD, per card)', 'Value (USD') keeps the first
    part's text: the columns line up, and the column is read as before."""
    counts = grid.head_counts
    if not grid.from_csv or len(counts) <= header_row:
        return header_cells
    named = min(counts[header_row - 1], len(header_cells))
    widest = max(counts[header_row:])
    if widest >= named:
        return header_cells
    joined: list[Any] = []
    rejoined: list[tuple[str, int]] = []
    start = 0
    while start < named:
        depth, stop = _depth(header_cells[start]), start
        while depth > 0 and stop + 1 < named:
            stop += 1
            depth += _depth(header_cells[stop])
        if stop > start and depth == 0:
            text = ",".join("" if c is None else str(c) for c in header_cells[start : stop + 1])
            first = str(header_cells[start]).strip()
            joined.append(first if means(first) and not means(text) else text)
            rejoined.append((text, stop - start + 1))
        else:
            joined.extend(header_cells[start : stop + 1])
        start = stop + 1
    if not rejoined or len(joined) != widest:
        return header_cells
    for text, parts in rejoined:
        grid.notices.append(
            f"Header cell '{text.strip()}' (row {header_row}) holds commas outside quotes, which split it "
            f"into {parts} columns and put the cells after it under the wrong headers: read as one column. "
            f'Put it in quotes in the file ("{text.strip()}") to keep it so.'
        )
    return joined + [""] * (len(header_cells) - len(joined))
