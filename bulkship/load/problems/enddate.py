"""A bare 'End Date' passed, in a list with no status of the person ('End Date' = 11/30/2026 on Dec 7): the
person's employment or contract ended, or a program's, an offer's, a membership's? Each was ordered, exit
0, where a passed 'Contract End Date' leaves the row out (the lead's closing note of session 51, leftover
2; hunter-asks7): the error asking. A day to come, an empty cell or a list whose status column says who is
here sends as before."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

import pandas as pd

from ...models import Problem
from ..skipped.days import _dates
from .askingnote import ASKS
from .bounded import name_field
from .notecolumns import status_columns

_END_DATE = re.compile(r"(?i)\W*(?:end|ending)[\s_-]*(?:date|dt|day)\W*")
# a time of day other than midnight: the moment a record was closed (SurveyMonkey's 'End Date' =
# '11/20/2026 10:04:00 AM', when the answer was sent), no day a person's work ended: asked every respondent
# of a gift survey (test_unusual_sheets, red on main since 3c5ca1a5; found by the lead's final CI)
_TIME_OF_DAY = re.compile(r"\b(?!0?0:00(?::00)?\b)\d{1,2}:\d{2}\b")


def end_date_problems(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: Collection[int], today: date
) -> list[Problem]:
    """An error on each row whose bare 'End Date' (:data:`_END_DATE`) has passed, where no column of the
    list says the person's status."""
    ends = [h for h in body.columns if h not in column_map and _END_DATE.fullmatch(str(h))]
    if not ends or next(status_columns(body, column_map), None) is not None:
        return []
    field = name_field(column_map)
    problems: list[Problem] = []
    for header in ends:
        cells = body[header].astype(str)
        passed = (_dates(cells) < pd.Timestamp(today)).fillna(False).astype(bool)
        passed &= ~cells.str.contains(_TIME_OF_DAY)
        for row in cells.index[passed.to_numpy()].tolist():
            if int(row) in not_judged:
                continue
            said = cells[row].strip()
            message = (
                f"Row {row}, column '{header}': says '{said}', a day passed: the person's employment or "
                f"contract ended (no card), or something else's end, a program's or an offer's (the card is "
                f"sent)? Take the row off the list, or rename the column to say whose end it is ('Program "
                f"End Date') to send it."
            )
            problems.append(Problem(int(row), field, said, "error", message, ASKS))
    return problems
