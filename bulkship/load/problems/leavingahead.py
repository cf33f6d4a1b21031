"""A row sent whose person leaves on a day to come ('Terminated 1/15/2027', 'Last day 12/31' in a note or a
status, a 'Termination Date' of 2027-01-15): the card goes now, while the person still works there, and a
run of the same list on or after that day leaves the row out. Nothing said it: the row read as any other,
the leaving seen only in the list (the lead's closing note of session 49, leftover 5; review73). A warning
on the row says it, in validate's answer, on the review page and in the result workbook."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

import pandas as pd

from ...models import Problem
from ..skipped.dates import _GONE_ON
from ..skipped.days import _dates, _later_than_today
from ..skipped.farewell import SENT, day_column_reading, farewell_reading, let_go_to_come
from ..skipped.languages import plain_key
from ..skipped.leavingday import _A_JOURNEY, _LEAVING_THEN, _STAYS, leaving_later
from ..skipped.yearasked import _days_named
from .notecolumns import note_columns, status_columns

KIND = "Leaving to come"
_NOT_A_LEAVING = ("death", "deceased")  # ('Date of Death' to come is no leaving: a mistake of its own)


def _leaving_day_ahead(text: str, today: date, farewell: bool = False) -> str:
    """The day ``text`` names the person leaving on, where it is after ``today`` ('' for none); on a
    ``farewell`` list only a leaving said with it (:data:`..skipped.leavingday._LEAVING_THEN`)."""
    if not text or _A_JOURNEY.search(text) or _STAYS.search(text):
        return ""
    if farewell and (_LEAVING_THEN.fullmatch(text) is None or farewell_reading(text) == SENT):
        return ""  # (a leaver's: sent then too)
    if farewell and let_go_to_come(text, today):
        return ""  # (asked now: ..farewellrows)
    for start, end in _days_named(text):
        day = text[start:end]
        if bool(leaving_later(pd.Series([day]), today).iloc[0]):
            return day
    return ""


def _warning(row: int, header: str, says: str, day: str, then: str = "leaves the row out") -> Problem:
    """The warning on ``row``, whose ``header`` ``says`` the person leaves on ``day``, of that column (no
    field reads it: the result workbook shows the words, not a value changed); ``then``: what a run on or
    after that day does."""
    message = (
        f"Row {row}, column '{header}': {says}: the person leaves on {day}: the card is sent now, while the "
        f"person still works there (a run on or after that day {then})."
    )
    return Problem(row, header, says, "warning", message, KIND)


def _day_of(cell: str) -> str:
    """The day a leaving day's cell names, as written, or as its date where it is an Excel serial ('46395':
    2027-01-08; a Workday or ADP export's dates in General format were said by their number, found by
    newcomer29)."""
    if not re.fullmatch(r"\d+(?:\.0+)?", cell):
        return cell
    day = _dates(pd.Series([cell])).iloc[0]
    return cell if pd.isna(day) else day.date().isoformat()


def leaving_ahead_problems(
    body: pd.DataFrame,
    column_map: dict[str, str],
    not_judged: Collection[int],
    today: date,
    farewell: bool = False,
) -> list[Problem]:
    """A warning on each row not left out whose note, status or leaving day column names a leaving after
    ``today``: one a row, the first such column's. On a farewell list (``farewell``:
    :func:`..skipped.leavingday.farewell_list`) a last day alone ('Last day 12/31', 'Leaving 1/15/2027') says
    none: its leavers are its recipients, sent on or after the day too, where the warning said a run then
    leaves the row out (review73's leftover 6; review75). A leaving said ('Resigned 1/15/2027', a
    'Termination Date') is still left out then there: warned as before."""
    said: dict[int, Problem] = {}
    remarks = [c.header for c in (*note_columns(body, column_map), *status_columns(body, column_map))]
    for header in remarks:
        column = body[header].astype(str).str.strip()
        ahead = {text: _leaving_day_ahead(text, today, farewell) for text in set(column.tolist())}
        days = column.map(ahead)
        for row, day in days[days != ""].items():  # (each distinct text read once: a long list's few)
            if int(row) not in not_judged:
                said.setdefault(int(row), _warning(int(row), header, f"says '{column[row]}'", day))
    for header in body.columns:
        key = plain_key(str(header))
        if header in column_map or key not in _GONE_ON or any(word in key for word in _NOT_A_LEAVING):
            continue
        # (on a farewell list a last day's or a resignation's sends then too, a termination's asks)
        reading = day_column_reading(str(header)) if farewell else ""
        if reading == SENT:
            continue
        then = "asks whether to send it" if reading else "leaves the row out"
        column = body[header].astype(str).str.strip()
        for row in column.index[_later_than_today(column, today)]:
            if int(row) not in not_judged:
                day = _day_of(column[row])
                said.setdefault(int(row), _warning(int(row), header, f"'{column[row]}'", day, then))
    return [said[row] for row in sorted(said)]
