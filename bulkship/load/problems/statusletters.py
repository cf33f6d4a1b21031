"""An employment status written in one letter that means two things ('Employee Status' = S: SuccessFactors'
Suspended, or Seasonal in a column of F/P/S/T kinds of employment; T there: Terminated, or Temporary): the
error asking, naming both readings (..skipped.said.hrsystems.asked). S and O (Reported No Show) were sent,
T beside F and P left out as a termination (newcomer29's N5, hunter-asks7); where the column's letters are
SuccessFactors' own (A, U or D among them), S and O are left out as its words, nothing asked."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from ...models import Problem
from ..skipped.columnkeys import flag_key
from ..skipped.said.hrsystems import SYSTEM_WORDS, asked
from ..skipped.statusheaders import employment_header
from .askingnote import ASKS
from .bounded import name_field
from .notecolumns import status_columns

# what else each letter may stand for
_OTHERWISE = {
    "s": "Seasonal, as a column of kinds of employment (F, P, S, T) writes it",
    "t": "Temporary, as a column of kinds of employment (F, P, S, T) writes it",
    "o": "another system's code",
}


def letter_problems(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: Collection[int]
) -> list[Problem]:
    """An error on each row whose employment status letter asks what it stands for (:func:`asked`)."""
    field = name_field(column_map)
    problems: list[Problem] = []
    for column in status_columns(body, column_map):
        if not employment_header(column.header) or flag_key(column.header) in SYSTEM_WORDS:
            continue
        letters = asked(column.notes.drop_duplicates().tolist())
        for row, cell in column.notes.items():
            said = cell.strip()
            if int(row) in not_judged or said.casefold() not in letters:
                continue
            message = (
                f"Row {row}, column '{column.header}': says '{said}': {letters[said.casefold()]} (no card), "
                f"or {_OTHERWISE[said.casefold()]} (the card is sent)? The column's other letters do not "
                f"tell which. Write the status in words in '{column.header}' in its place."
            )
            problems.append(Problem(int(row), field, said, "error", message, ASKS))
    return problems
