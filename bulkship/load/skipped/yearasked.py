"""A leaving's day written without its year, more than LEAVING_AHEAD_DAYS ahead ('Terminated 3/1', 'Last day
2/15', 'Resigned - LWD Feb 20' on Dec 5): next year's, the person still here until then, or this year's, a
stale row of someone gone for months? Read as next year's up to 92 days ahead (a2a78b4e), its card went to
someone who may have left; read as passed, a person still here was dropped. The row asks which year (the
lead's decision, session 50; review73): :func:`year_readings` gives :mod:`.asking` its two readings, the day
with next year's year (sent until it) and with this year's (passed: left out). Within LEAVING_AHEAD_DAYS the
day is to come, further than LEAVING_ASKED_DAYS passed, as before (:mod:`.leavingday`)."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import pandas as pd

from .days import _dates
from .leavingday import _A_JOURNEY, _LEAVING_THEN, _STAYS, LEAVING_AHEAD_DAYS, LEAVING_DAY

LEAVING_ASKED_DAYS = 92  # ... and asks which year up to this many days ahead (passed beyond)

# a cheap look: a figure or a month's name after a word of leaving
_MAY_NAME_A_DAY = re.compile(
    r"(?i)\b(?:last|lwd|ldw|leav|terminat|termed|term|resign|separat|exit|off[\s-]?board|laid|lay|rif|"
    r"end)\w*\b.*(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
)


def may_name_a_yearless_day(text: str) -> bool:
    """Whether ``text`` may name a leaving's day (a cheap look before :func:`year_readings`)."""
    return _MAY_NAME_A_DAY.search(text) is not None


def _days_named(text: str) -> list[tuple[int, int]]:
    """The spans of the leaving days ``text`` names (:data:`.leavingday.LEAVING_DAY`, or a leaving and its
    day alone: :data:`.leavingday._LEAVING_THEN`)."""
    spans = [found.span("day") for found in LEAVING_DAY.finditer(text)]
    if (alone := _LEAVING_THEN.fullmatch(text)) is not None and alone.span("day") not in spans:
        spans.append(alone.span("day"))
    return sorted(spans)


def _next_in_band(written: str, today: date) -> pd.Timestamp | None:
    """The next day of ``written`` (a day without its year) where it comes more than LEAVING_AHEAD_DAYS and
    at most LEAVING_ASKED_DAYS after ``today``; None for any other."""
    stamp = _written_day(re.sub(r"(?i)(?<=\d)(?:st|nd|rd|th)\b", "", written).strip())
    if pd.isna(stamp) or stamp.year != 1:  # (no day, or its year written)
        return None
    now = pd.Timestamp(today)
    for year in (today.year, today.year + 1):
        try:
            day = pd.Timestamp(year=year, month=stamp.month, day=stamp.day)
        except ValueError:  # 29 February of a year without one
            continue
        if now + pd.Timedelta(days=LEAVING_AHEAD_DAYS) < day <= now + pd.Timedelta(days=LEAVING_ASKED_DAYS):
            return day
    return None


@lru_cache(maxsize=4096)
def _written_day(cleaned: str) -> pd.Timestamp:
    """``cleaned`` read as a date (NaT for none; year 1 where written without its year), a cell alone: the
    same text reads the same whatever the day or the list. Kept: each remark naming a leaving's day was read
    by pandas once a look, ~3 ms of a dozen operations on a one-cell column, and a list's remarks are looked
    at several times a load (asking, then again as asked; issue 14)."""
    return _dates(pd.Series([cleaned])).iloc[0]


def days_asked(text: str, today: date) -> list[tuple[int, int, pd.Timestamp]]:
    """The leaving days ``text`` names without their year in the asking band: (start, end, next one)."""
    if not may_name_a_yearless_day(text):
        return []
    spans = ((start, end, _next_in_band(text[start:end], today)) for start, end in _days_named(text))
    return [(start, end, day) for start, end, day in spans if day is not None]


def year_readings(text: str, today: date) -> tuple[str, str] | None:
    """``text`` with its leaving day's year written as next year's and as the one before (the day to come,
    the day passed), or None where it names no day without its year in the asking band."""
    coming, passed, at = [], [], 0
    for start, end, day in days_asked(text, today):
        before = text[at:start]
        coming.append(f"{before}{day.month}/{day.day}/{day.year}")
        passed.append(f"{before}{day.month}/{day.day}/{day.year - 1}")
        at = end
    if not coming:
        return None
    return "".join(coming) + text[at:], "".join(passed) + text[at:]


# a leaving's day asked ('Terminated 12/20?', 'Last day 12/20?', 'Terminated 1/15/2027?'): the day, or the
# leaving itself in doubt? Read as the day asked, a day to come sent or left the row out by the column it sat
# in ('Last day 12/20?' sent, 'Terminated 12/20?' left out, nobody asked: the lead's closing note of session
# 49, leftover 3). Said, the person has left: the row asks where the list's other words would send it
def leaving_come(said: str, whole: str) -> str:
    """``said`` (an asking clause as said), where it names a leaving's day, as the leaving come: 'Left'. Not
    a journey's or a leave's (``whole``, the remark: 'Arriving 11/18, leaving 11/20?')."""
    if not _days_named(said) or _A_JOURNEY.search(whole) or _STAYS.search(whole):
        return said
    return "Left"


# a leaving said, then its day asked in a clause of its own ('Resigned - last day 12/31?', 'Resigned - still
# here until 1/15/2027?', 'Terminated - eff 1/15/2027?'): the leaving is sure, its day is asked. Its yes, a
# day to come, sends until then; its no (taken out) leaves a leaving without a day: read the other way round
# from a question whether the leaving is undone ('Terminated - rehired?', whose no stands), it asks. Each was
# left out, nobody asked (review73's leftover 4; review75). A day passed: gone either way, left out as before
_A_DAY = (
    r"\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+"
    r"\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?"
)
_ITS_DAY = re.compile(
    r"(?i)\W*(?:(?:(?:her|his|their)\s+)?(?:last\s+(?:working\s+|work\s+|physical\s+)?(?:day|date)|lwd|ldw|"
    r"end\s+date|separation\s+date|term(?:ination)?\s+date|leaving|leaves|(?:effective|eff\.?|as\s+of)|"
    r"(?:still\s+)?(?:here|employed|working|on\s+(?:payroll|staff))\s+(?:until|till|thru|through)|"
    r"(?:working|stays?|staying)\s+(?:until|till|thru|through))\s*(?:(?:is|was|on|:)\s*)?)?"
    rf"(?:{_A_DAY})\W*"
)


def day_asked_after_leaving(parts: list[str], asked: list[bool], alone: re.Pattern[str]) -> dict[int, str]:
    """Of a remark's clauses, those asking only the day of the leaving said alone (``alone``) in the clause
    before them, not asked: index -> the clause said, its yes (its no is the clause taken out)."""
    found: dict[int, str] = {}
    for i in range(1, len(parts)):
        said = re.sub(r"[?？]+", " ", parts[i]).strip(" -–—;,:/|(.")
        if asked[i] and not asked[i - 1] and alone.fullmatch(parts[i - 1]) and _ITS_DAY.fullmatch(said):
            found[i] = said
    return found
