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
    # ... or a year alone ('Left 2019 - back 2027', 'Terminated 2019 - rehire 2027': its first day)
    r"|(?<![\d/.-])(?:19|20)\d\d"
)
# the words saying them back, then when: 'rehired effective 1/15/2027', 'reinstated as of Jan 15', 'back on
# 2/1/2027', 'hired back eff. 1/15', 'returns 1/15/2027'
_BACK_ON = re.compile(
    r"(?i)\b(?:re-?hired?|re-?instated|hired\s+back|brought\s+back|called\s+back|back|return(?:s|ed)?|returning|re-?join(?:s|ed)?|re-?joining|"
    # (a pause over on a day to come: 'Paused - resumed 1/15/2027', review75)
    r"recalled|resum(?:ed|es|ing)|unpaused|restart(?:ed|s|ing)|re-?activated)"
    r"(?:\s+(?:to\s+work|to\s+the\s+(?:company|team)|as\s+\w+(?:\s+\w+)?))?"
    r"(?:\s*[:,-]?\s*(?:effective|eff\.?|as\s+of|starting|start(?:s|ing)?|from|on|date|dated|in|at))*\s*[:,-]?\s*"
    rf"(?P<day>{_DAY})(?![\d/.-]*\d)"
)


def back_on_a_day_to_come(column: pd.Series, today: date) -> pd.Series:
    """The texts of ``column`` saying the person back on a day after ``today`` (:data:`_BACK_ON`, or
    :data:`_BACK_AFTER_LEAVING`)."""
    said = column.str.extract(_BACK_ON, expand=False)
    named = said.notna()
    later = pd.Series(False, index=column.index)
    if named.any():
        days = _dates(said[named].str.replace(r"(?i)(?<=\d)(?:st|nd|rd|th)\b", "", regex=True))
        later = (days > pd.Timestamp(today)).fillna(False).astype(bool)
        later = later.reindex(column.index, fill_value=False)
    after = column.map(_BACK_AFTER_LEAVING.search).notna() & ~later
    if after.any():
        later[after] = [_back_later(text, today) for text in column[after].tolist()]
    return later.astype(bool)


# ... or a day without its year after a leaving dated before it ('Resigned 10/1 - reinstated as of Jan 15',
# 'Left 9/30 - rehired 1/15': found by hunter-sends4, hunter-sends3's leftover, each ordered on Dec 5, where
# '... Jan 15, 2027' stays out): the leaving is the last such day up to today, the return the first after
# the leaving ('Terminated 11/1 - rehired 11/20' on Dec 5 is back)
_YEARLESS = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH})"
    r"(?![\d/.-]*\d)(?!,?\s+\d{4})"
)
_LEAVING_DAY = (
    r"(?i)\b(?:terminated|termed|term|resigned|left(?:\s+(?:the\s+)?(?:company|firm))?|laid\s+off|let\s+go|"
    r"separated|quit|fired|retired|dismissed)\s*[:,-]?\s*(?:(?:on|effective|eff\.?|as\s+of)\s+)?"
    rf"(?P<left>\d{{1,2}}[/.-]\d{{1,2}}(?:[/.-](?:\d{{4}}|\d{{2}}))?|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)"
)
_BACK_AFTER_LEAVING = re.compile(
    _LEAVING_DAY
    + r".{0,60}?\b(?:re-?hired?|re-?instated|hired\s+back|brought\s+back|back|return(?:s|ed)?|returning|"
    r"re-?join(?:s|ed)?|re-?joining)(?:\s*[:,-]?\s*(?:effective|eff\.?|as\s+of|starting|start(?:s|ing)?|from|on|date|dated|in|at))*"
    rf"\s*[:,-]?\s*(?P<back>{_YEARLESS})"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _month_day(text: str) -> tuple[int, int] | None:
    """A day without its year, month first as the list's other days ('1/15', 'Jan 15', '15 Jan')."""
    if found := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})", text):
        return int(found[1]), int(found[2])
    words = re.findall(r"[a-z]+|\d+", text.lower())
    months = [_MONTHS.index(w[:3]) + 1 for w in words if w[:3] in _MONTHS]
    numbers = [int(w) for w in words if w.isdigit()]
    return (months[0], numbers[0]) if months and numbers else None


def _back_later(text: str, today: date) -> bool:
    """Whether ``text`` (:data:`_BACK_AFTER_LEAVING`) says the person back on a day after ``today``."""
    found = _BACK_AFTER_LEAVING.search(text)
    back = _month_day(found["back"]) if found else None
    if found is None or back is None:
        return False
    left_text = re.sub(r"(?i)(?<=\d)(?:st|nd|rd|th)\b", "", found["left"])
    left_day = _month_day(left_text)
    try:
        if left_day is None:  # (a year said: read as the list's other days are)
            left = _dates(pd.Series([left_text]))[0]
            if pd.isna(left):
                return False
            left = left.date()
        else:
            year = today.year if left_day <= (today.month, today.day) else today.year - 1
            left = date(year, *left_day)
        returns = date(left.year, *back)
        if returns <= left:
            returns = date(left.year + 1, *back)
    except ValueError:  # (no such day: 2/30)
        return False
    return returns > today
