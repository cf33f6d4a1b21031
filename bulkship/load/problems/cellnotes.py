"""Notes on a row's cells (Excel comments, LibreOffice annotations) read as a Notes column is: 'should be $50'
on the Amount cell, '2 cards' on the name, 'New address: 8 Derby Sq' on the street, 'Target instead' on the
card. Each went out as the row's columns said, the note seen only by hovering the cell's red corner (found by
hunter-sheets3; a note saying not to send left its row out already: skipped.marks)."""

from __future__ import annotations

import re

import pandas as pd

from ...models import NAME_COLUMNS, Problem
from ..cells import _Grid
from .corrections import _moved_in_a_note
from .notesaid import _changed_in_a_note

# Excel 365 writes a threaded comment's text into the old notes part after this boilerplate
_THREADED = re.compile(r"(?s)^\s*\[Threaded comment\].*?\bComment:\s*")
_AUTHOR = re.compile(r"^[^\d:\n]{1,60}:\s*$")  # "Jane Doe:", the line Excel opens a note with


def note_text(text: str) -> str:
    """A note's words on one line, without Excel's author line or threaded-comment boilerplate."""
    lines = _THREADED.sub("", text).splitlines()
    if len(lines) > 1 and _AUTHOR.match(lines[0]):
        lines = lines[1:]
    return " ".join(" ".join(lines).split())


def notes_on_cells(grid: _Grid, body: pd.DataFrame, by_position: dict[int, str]) -> pd.DataFrame:
    """The notes on the list's cells as columns of notes, one a column of the sheet that has any ('Note on
    Amount'), indexed as ``body``; no column when the sheet has none."""
    comments = grid.scan.comments if grid.scan else {}
    columns: dict[str, pd.Series] = {}
    rows = set(body.index.tolist())
    for (row, col), text in sorted(comments.items()):
        header = by_position.get(col)
        if header is None or row not in rows or not (said := note_text(text)):
            continue
        label = f"Note on {header}"
        if label not in columns:
            columns[label] = pd.Series("", index=body.index, dtype=object)
        columns[label][row] = said
    return pd.DataFrame(columns, index=body.index)


def _cell_note_problems(
    body: pd.DataFrame,
    notes: pd.DataFrame,
    column_map: dict[str, str],
    not_judged: set[int],
    default_value: str = "",
) -> list[Problem]:
    """A note on a cell giving another amount, number of cards or address than the row's columns: which is
    right? As a Notes column saying so (the columns of notes of the sheet itself are judged there)."""
    if notes.empty or not notes.columns.size:
        return []
    # the order's columns but the name's, whose brackets ('Ed Fox (2 cards)') are judged with the sheet's
    fields = {h: f for h, f in column_map.items() if f not in NAME_COLUMNS}
    read = pd.concat([body[[h for h in body.columns if h in fields]], notes], axis=1)
    return _moved_in_a_note(read, fields, not_judged) + _changed_in_a_note(
        read, fields, not_judged, default_value
    )
