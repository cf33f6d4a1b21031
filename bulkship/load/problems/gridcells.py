"""Cells the grid places otherwise than the person meant: a CSV row's cells pushed beyond the header's
columns by a comma outside quotes, and a cell merged down several rows (read on each of them, or, a
quantity, an error: for the rows together, or each?)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...models import Problem
from ...sheetscan import column_letter
from ..cells import _blank_cells, _Grid
from ..skipped import _short
from ..skipped.noteheaders import _note_header


def _overflowing_rows(
    grid: _Grid, header_row: int, column_map: dict[str, str], not_judged: set[int]
) -> list[Problem]:
    """CSV rows with filled cells beyond the fields of the header line: a comma inside a value that is not
    in quotes ('1,000', '250,50', '1 Main St, Apt 4') moved every cell after it one column to the right, so
    the row's columns do not hold what it meant (an amount of 250 from '250,50'). An error on each such row,
    unless most rows have them as a column of its own would (then it is a column the header does not name,
    listed as unused): not when other rows end where the header does, nor when a cell starts with a space
    (', ' in text: 'Left in Nov, do not send' read as 'Left in Nov' and a cell nobody reads), nor after a
    column of notes (its text goes on past a comma, spaced or not: 'Left in Nov,do not send')."""
    if len(grid.head_counts) < header_row or not column_map:
        return []
    named = grid.head_counts[header_row - 1]
    below = grid.frame.loc[header_row + 1 :]
    if below.shape[1] <= named or below.empty:
        return []
    beyond = below.iloc[:, named:]
    filled = np.zeros(len(below), dtype=bool)
    for position in range(beyond.shape[1]):
        filled |= ~_blank_cells(beyond.iloc[:, position].tolist())
    if not filled.any():
        return []
    last_header = str(grid.frame.loc[header_row].iloc[named - 1]) if header_row in grid.frame.index else ""
    if (
        filled.sum() * 2 > len(below)
        and _a_column_of_its_own(grid.head_counts[header_row:], named, beyond)
        and not _note_header(last_header)  # 'Left in Nov,do not send' under Notes: the note's own end
    ):
        return []
    last = list(column_map)[-1]
    problems = []
    for row in below.index[filled].tolist():
        if row in not_judged:
            continue
        extra = [text for text in beyond.loc[row].tolist() if str(text).strip()]
        shown = ", ".join(f"'{_short(str(text), 20)}'" for text in extra)
        message = (
            f"Row {row}: cells beyond the {named} columns of the header ({shown}): a comma inside a value "
            "that is not in quotes ('1,000', '1 Main St, Apt 4') moves every cell after it one column to the "
            'right. Put that value in quotes ("1,000") or remove the comma.'
        )
        problems.append(Problem(int(row), column_map[last], "", "error", message, "Cells out of line"))
    return problems


def _a_column_of_its_own(counts: tuple[int, ...], named: int, beyond: pd.DataFrame) -> bool:
    """Cells beyond the header's columns on most rows are a column the header does not name when every row
    has them (rows as the file writes them, of the first records: a row ending where the header does was cut
    by no comma) and none starts with a space, as the text after a comma does ('Congrats, Ann!')."""
    if named in counts:
        return False
    for position in range(beyond.shape[1]):
        cells = beyond.iloc[:, position].astype(str)
        if (cells.str.len() > cells.str.lstrip().str.len()).any():
            return False
    return True


def _fill_merged(
    grid: _Grid, body: pd.DataFrame, by_position: dict[int, str], column_map: dict[str, str]
) -> list[Problem]:
    """A cell merged down several rows (a product or an amount for a group of people) shows its value on
    each of them, but the reader gives it to the first row only: the rows below read it too, with a
    warning. Only merges within one column of a field, below the header (a title's merge is no value).
    A quantity merged so is an error on each of its rows: 3 for the team, or 3 each? (found by newcomer8: a
    team's merged 3 beside its total of 3 cards made 9)."""
    problems: list[Problem] = []
    for first_row, col, last_row, last_col in grid.scan.merged if grid.scan else []:
        header = by_position.get(col)
        if last_col != col or header not in column_map or first_row not in body.index:
            continue
        text = body.at[first_row, header]
        codes = grid.codes.get(col - 1)
        ref = f"{column_letter(col)}{first_row}:{column_letter(col)}{last_row}"
        if column_map[header] == "quantity" and text:
            problems += _merged_quantity(body, header, text, ref, first_row, last_row)
            continue
        for row in range(first_row + 1, last_row + 1):
            if row not in body.index or body.at[row, header] or not text:
                continue
            body.at[row, header] = text
            if codes is not None:
                codes[row - 1] = codes[first_row - 1]
            problems.append(merged_cell_read(row, header, column_map[header], ref, text))
    return problems


def merged_cell_read(row: int, header: str, field: str, ref: str, text: str) -> Problem:
    """The warning on a row under a merged cell's first, read as that cell."""
    message = f"Row {row}, column '{header}': inside the merged cell {ref} ('{text}'); read as {text}."
    return Problem(row, field, "", "warning", message, "Merged cell read on each row")


def merged_unread(
    grid: _Grid, body: pd.DataFrame, by_position: dict[int, str], column_map: dict[str, str]
) -> tuple[tuple[str, int, int], ...]:
    """The cells merged down one column that no field reads by its header, (header, first row, last row):
    a column the check reads later by its cells (a 'Gift' of 'CVS $50', a 'Tenant' of names:
    bulkship.validate.columnread) reads them on each row as :func:`_fill_merged` does; before, the rows
    under the first were 'is empty; fill in ...' beside a cell Excel showed them (newcomer30's N3)."""
    return tuple(
        (header, first_row, last_row)
        for first_row, col, last_row, last_col in (grid.scan.merged if grid.scan else [])
        if last_col == col
        and last_row > first_row
        and (header := by_position.get(col)) is not None
        and header not in column_map
        and first_row in body.index
    )


def _merged_quantity(
    body: pd.DataFrame, header: str, text: str, ref: str, first_row: int, last_row: int
) -> list[Problem]:
    rows = [row for row in range(first_row, last_row + 1) if row in body.index]
    if len(rows) < 2:
        return []
    message = (
        f"column '{header}': the quantity {text} is one cell merged over rows {first_row}-{last_row} "
        f"({ref}): {text} cards for these rows together, or {text} for each? Unmerge the cells and write "
        "each row's own quantity."
    )
    return [
        Problem(row, "quantity", text, "error", f"Row {row}, {message}", "Quantity merged over rows")
        for row in rows
    ]
