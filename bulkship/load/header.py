"""The header row: the row naming the most known columns within the first rows (one written on two rows is
read as one), each column given a distinct name (blank ones their letter, repeats a number), and the used
area below it (columns with a header or a filled cell, rows with any filled cell).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..columns import HeaderIndex, closest_headers, header_score
from ..errors import FileFormatError, MissingColumnsError
from ..program import ProgramSettings
from ..schema import SheetContract, header_key
from ..sheetscan import column_letter
from .cells import _all_filled, _blank_cells

HEADER_SCAN_ROWS = 100  # the header must be within the first rows (below a page of instructions)
MIN_HEADER_MATCHES = 2  # a header row names at least this many known columns


def _unique_headers(cells: Sequence[str], positions: Sequence[int]) -> tuple[list[str], dict[str, str]]:
    """Blank headers get their column letter, repeated ones a number: every column keeps a distinct name.
    Also returns each renamed repeat -> the text it repeats (it means what that text means)."""
    headers: list[str] = []
    repeats: dict[str, str] = {}
    seen: dict[str, int] = {}
    taken = {" ".join(str(cell).split()).casefold() for cell in cells}
    for position, cell in zip(positions, cells, strict=True):
        header = " ".join(str(cell).split()) or f"Column {column_letter(position)}"
        count = seen.get(header.casefold(), 0) + 1
        seen[header.casefold()] = count
        if count == 1:
            headers.append(header)
            continue
        renamed = f"{header} ({count})"
        while renamed.casefold() in taken:  # the sheet's own "ZIP (2)" keeps its name
            count += 1
            renamed = f"{header} ({count})"
        taken.add(renamed.casefold())
        headers.append(renamed)
        repeats[renamed] = header
    return headers, repeats


def _used_area(body: pd.DataFrame, header_cells: list[Any]) -> tuple[list[int], np.ndarray]:
    """The columns to keep (a header or any filled cell) and the rows with any filled cell in them.

    One column with every cell filled proves that no row is blank, so most sheets need no per-cell mask."""

    @functools.cache
    def values(position: int) -> list[Any]:
        return body.iloc[:, position].tolist()

    width = body.shape[1]
    blank = {
        position: _blank_cells(values(position))
        for position in range(width)
        if not str(header_cells[position]).strip()  # kept only if some cell is filled
    }
    keep = [position for position in range(width) if position not in blank or not blank[position].all()]
    if any(_all_filled(values(position)) for position in keep):
        return keep, np.ones(len(body), dtype=bool)
    blank_rows = np.ones(len(body), dtype=bool)
    for position in keep:
        blank_rows &= blank[position] if position in blank else _blank_cells(values(position))
    return keep, ~blank_rows


def _row_score(cells: Sequence[Any], headers: HeaderIndex, fixed: set[str]) -> int:
    """How many known columns a row names (aliases, and the headers the program's [columns] names)."""
    named = sum(1 for c in cells if str(c).strip() and header_key(str(c)) in fixed)
    return header_score(cells, headers) + named


def _find_header(
    frame: pd.DataFrame, where: str, contract: SheetContract, program: ProgramSettings
) -> tuple[int, list[Any]]:
    """The row naming the most known columns within the first rows (the first such row), and its cells.

    A header written on two rows ("Address" above "Street | City | State | ZIP", beside "Name" and
    "Product" that have nothing below them) is read as one: each column's lower cell, else its upper one,
    when together they name more columns than either row alone. The body starts below the lower row."""
    headers = HeaderIndex(contract.alias_index(program.aliases))
    fixed = {header_key(text) for text in program.columns.values()}
    head = frame.iloc[:HEADER_SCAN_ROWS]
    scores = [
        (_row_score(cells, headers, fixed), int(row))
        for row, cells in zip(head.index, head.values.tolist(), strict=True)
    ]
    best = max((score for score, _ in scores), default=0)
    if best >= MIN_HEADER_MATCHES:
        row = next(row for score, row in scores if score == best)
        return _two_row_header(frame, row, best, headers, fixed)
    message = (
        f"No header row found in the first {HEADER_SCAN_ROWS} rows of {where}: expected headers such as "
        "'Name', 'Address', 'City', 'State', 'ZIP Code', 'Product', 'Value'"
    )
    texts = [
        (sum(1 for c in cells if _is_text_label(c)), int(row))
        for row, cells in zip(head.index, head.values.tolist(), strict=True)
    ]
    most, row = max(texts, key=lambda pair: (pair[0], -pair[1]), default=(0, 0))
    if most >= 2:
        closest = closest_headers(frame.loc[row].tolist(), headers, contract)
        shown = ", ".join(closest[:8]) + (f" and {len(closest) - 8} more" if len(closest) > 8 else "")
        message += f". Row {row} looks like a header, but bulkship does not know {shown}"
    raise MissingColumnsError(
        message,
        hint="rename those headers, or map them in a program file (--config) under [columns], e.g. "
        'address1 = "Street" or address1 = "C"; `bulkship template` writes a sheet with the right headers',
    )


# SurveyMonkey's second header row: under each question the kind of its answer ('Response', 'Open-Ended
# Response'), which names no column; the question above it does. Read as a header, 'Which gift card would you
# like?' over 'Response' was lost (the list refused, lacking its card); read as a row, 'Response' was a
# recipient with a state, ZIP and card to fix, in every SurveyMonkey export (found by hunter-falsealarm2)
_ANSWER_KIND = re.compile(r"(?i)\s*(?:open[\s-]*ended\s+)?responses?\s*")


def _names_a_column(cell: Any) -> bool:
    return bool(str(cell).strip()) and _ANSWER_KIND.fullmatch(str(cell)) is None


def _two_row_header(
    frame: pd.DataFrame, row: int, score: int, headers: HeaderIndex, fixed: set[str]
) -> tuple[int, list[Any]]:
    """The header row and its cells, joined with the row above or below when that names more columns, or
    when the row below only names the kind of each question's answer (:data:`_ANSWER_KIND`)."""

    def cells_of(number: int) -> list[Any]:
        return list(frame.loc[number].tolist())

    chosen: tuple[int, list[Any]] = (row, cells_of(row))
    for upper, lower in ((row, row + 1), (row - 1, row)):
        if upper not in frame.index or lower not in frame.index:
            continue
        below = cells_of(lower)
        filled = any(str(c).strip() for c in below)
        kinds_only = lower != row and filled and not any(map(_names_a_column, below))
        if lower != row and not kinds_only and _row_score(below, headers, fixed) < MIN_HEADER_MATCHES:
            continue  # a row below must name columns itself: a recipient's row is never taken for a header
        cells = [low if _names_a_column(low) else up for up, low in zip(cells_of(upper), below, strict=True)]
        combined = _row_score(cells, headers, fixed)
        if combined > score or kinds_only:
            chosen, score = (lower, cells), max(combined, score)
    return chosen


def _is_text_label(cell: Any) -> bool:
    text = str(cell).strip()
    return bool(text) and not text.replace(".", "").replace(",", "").replace("-", "").isdigit()


def refuse_header_merged_across(
    merged: Sequence[tuple[int, int, int, int]],
    header_row: int,
    by_position: dict[int, str],
    column_map: dict[str, str],
    body: pd.DataFrame,
    where: str,
) -> None:
    """A used header cell merged across columns ("Name" over First | Last) names only its first column: the
    values under the others would be left out (parcels addressed to a first name). Refused, naming the
    merge, when another column under it holds values and is used for nothing."""
    for first_row, col, last_row, last_col in merged:
        header = by_position.get(col)
        if not first_row <= header_row <= last_row or last_col == col or header not in column_map:
            continue
        left_out = [
            column_letter(c)
            for c in range(col + 1, last_col + 1)
            if by_position.get(c) not in (None, *column_map)
            and not _blank_cells(body[by_position[c]].astype(str).tolist()).all()
        ]
        if left_out:
            span = f"{column_letter(col)}{first_row}:{column_letter(last_col)}{last_row}"
            raise FileFormatError(
                f"{where}: the header '{header}' is one cell merged across columns {span}, and column(s) "
                f"{', '.join(left_out)} under it hold values that would be left out: only column "
                f"{column_letter(col)} would be read as '{header}'",
                hint="give each column its own header (e.g. 'First Name' and 'Last Name' under a merged "
                "'Name'): unmerge the cell and type a header above each column",
            )
