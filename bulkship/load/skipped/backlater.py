"""A person gone, said back on a day still to come: 'Terminated - rehired effective 1/15/2027', 'Resigned
10/1 - reinstated as of Jan 15, 2027', 'Left - back 2/1/2027'. The words saying them back undo the leaving
(:data:`.undone._UNDONE`) whatever the day, and a status's day was read as the leaving's, still to come: each
such row was ordered, exit 0, a card to someone not employed until then (found by review42, its LO6; fixed
by hunter-sends3). Not until that day: before it the row is left out as the leaving says, from it on sent.
Read by :mod:`.said` (notes, and statuses through them) and :mod:`.said.person`."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from .days import _dates

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# ... a day with its year: one without it ('rehired 11/20') may be last one's or the next, as a leaving day's,
# and is read as the person back, as before
_DAY = (
    r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2}|"
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{4}}"
)
# the words saying them back, then when: 'rehired effective 1/15/2027', 'reinstated as of Jan 15', 'back on
# 2/1/2027', 'hired back eff. 1/15', 'returns 1/15/2027'
_BACK_ON = re.compile(
    r"(?i)\b(?:re-?hired|re-?instated|hired\s+back|brought\s+back|back|returns?|returning|re-?joins?|re-?joining)"
    r"(?:\s+(?:to\s+work|to\s+the\s+(?:company|team)|as\s+\w+(?:\s+\w+)?))?"
    r"(?:\s*[:,-]?\s*(?:effective|eff\.?|as\s+of|starting|start(?:s|ing)?|from|on|date|dated|in|at))*\s*[:,-]?\s*"
    rf"(?P<day>{_DAY})(?![\d/.-]*\d)"
)


def back_on_a_day_to_come(column: pd.Series, today: date) -> pd.Series:
    """The texts of ``column`` saying the person back on a day after ``today`` (:data:`_BACK_ON`)."""
    said = column.str.extract(_BACK_ON, expand=False)
    named = said.notna()
    if not named.any():
        return named.astype(bool)
    days = _dates(said[named].str.replace(r"(?i)(?<=\d)(?:st|nd|rd|th)\b", "", regex=True))
    later = (days > pd.Timestamp(today)).fillna(False).astype(bool)
    return later.reindex(column.index, fill_value=False).astype(bool)
