"""The columns of notes nothing else reads ('Notes', 'Comments', 'Special Instructions'), and which of their
rows say a thing: each distinct note read once (a list of 100,000 rows holds a few hundred notes, most of them
empty), its answer spread back over the rows that hold it."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class NoteColumn:
    header: str
    notes: pd.Series  # the column's cells as text, indexed by row

    @cached_property
    def _factorized(self) -> tuple[np.ndarray, pd.Index]:
        return pd.factorize(self.notes)

    def saying(self, says: Callable[[str], bool]) -> np.ndarray:
        """Which rows' notes ``says`` holds for (a mask over :attr:`notes`), each distinct note read once."""
        codes, distinct = self._factorized
        return np.fromiter((says(note) for note in distinct), dtype=bool, count=len(distinct))[codes]

    def rows(self, mask: np.ndarray, not_judged: Collection[int]) -> list[int]:
        """The rows of ``mask``, in sheet order, but those judged elsewhere."""
        return [int(row) for row in self.notes.index[mask].tolist() if int(row) not in not_judged]

    def said(self, row: int) -> str:
        """A row's note as said, its spaces folded."""
        return " ".join(self.notes[row].split())


def clear_cell(header: str) -> str:
    """The words asking to empty the cell a remark stands in, naming its column as the list heads it: under
    'Status', "clear the note" sent a user looking for a note the row has none of (review68's leftover 1)."""
    return f"clear the '{header}' cell"


def note_columns(body: pd.DataFrame, column_map: dict[str, str]) -> Iterator[NoteColumn]:
    """Each column of notes no field is read from, in the sheet's order."""
    from ..skipped.noteheaders import _note_header

    for header in body.columns:
        if header not in column_map and _note_header(str(header), body[header]):
            yield NoteColumn(header, body[header].astype(str))


def status_columns(body: pd.DataFrame, column_map: dict[str, str]) -> Iterator[NoteColumn]:
    """Each column of a person's or a card's status no field is read from ('Status', 'Employee Status',
    'Card Status'), whose remarks may ask what a note asks ('Active - send to office')."""
    from ..skipped.columnkeys import flag_key, person_status
    from ..skipped.sent import _CARD_STATUS

    for header in body.columns:
        if header not in column_map and (person_status(str(header)) or flag_key(str(header)) in _CARD_STATUS):
            yield NoteColumn(header, body[header].astype(str))
