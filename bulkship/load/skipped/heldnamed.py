"""The day a held row goes found from the day its cells name ('Hold until 1/15/2031', a 'Do Not Send Before'
of 2031-01-15), checked by reading the list as on that day and the day before: for the rows past the first
held cells :mod:`.heldday` finds each day of by reading the list on many days. A list holding 13 rows to 13
days said no day for the 13th ('waiting for their day'; hunter-money22's leftover 2)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pandas as pd

from .days import _dates, days_named, through_day

# The days the list is read again on to check the named days (two a day named, one where the day before is
# today or another's): each read costs 5 to 15 ms. A list naming more days names these first ones'
MOST_READS = 60


def named_days(cells: pd.DataFrame, today: date) -> dict[int, list[date]]:
    """Row -> the days after ``today`` its cells name: a note's day ('Hold until 1/15/2031', 'Send after
    Feb 2031') or a cell that is a date, each read as the readers read it (:func:`.days._dates`)."""
    found: dict[int, list[date]] = {}
    for header in cells.columns:
        column = cells[header].astype(str)
        text, through = days_named(column)
        named = through_day(_dates(text, hold_from=today), text, through) if not text.empty else text
        for dates in (named, _dates(column, hold_from=today)):
            for row, day in dates.items():
                if pd.notna(day) and day.date() > today and day.date() not in found.get(row, []):
                    found.setdefault(row, []).append(day.date())
    return found


def confirmed_days(
    held_on: Callable[[date], set[int]], named: dict[int, list[date]], today: date
) -> dict[int, date]:
    """Row -> its named day the list holds it the day before and sends it on, of the rows of ``named``
    (held today); read on at most :data:`MOST_READS` days."""
    reads: dict[date, set[int]] = {}
    first: dict[int, date] = {}
    for row, days in named.items():
        for day in days:
            before = day - timedelta(days=1)
            needed = {d for d in (before, day) if d != today and d not in reads}
            if len(reads) + len(needed) > MOST_READS:
                return first
            for d in sorted(needed):
                reads[d] = held_on(d)
            held_before = before == today or row in reads[before]
            if held_before and row not in reads[day]:
                first[row] = day
                break
    return first
