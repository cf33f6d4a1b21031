"""The day a row the list holds until a day to come goes ('On hold until 1/15/2027', 'on leave - send in Feb',
'Do Not Send Before' = 2027-03-01), found by reading the row again as on the days ahead: the readers decide
'held' from many wordings, and asking them keeps the day the one their own decision turns on. Kept with the
row (..models.SkippedRow.until) and after its reason in the ledger and the workbook, so the run, `bulkship
status` and the cost page name it too: a row said only 'held
until a day to come' was one an HR person could not put in a calendar, and was forgotten (newcomer18's N1)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import date, timedelta

import pandas as pd

from .heldnamed import confirmed_days, named_days
from .kinds import _SAYS_NOT_YET
from .readonce import reading_once

# The days after today a held row is read again on, to find the first it goes on: each of the first weeks,
# then a month apart (a day written without its year goes on within the year, and reads as passed for
# RECENTLY_PASSED_DAYS after it: a month's step never jumps past that), then a year apart. Between the last
# day held and the first not, halved until the day itself is found.
_AHEAD = (
    *(1, 2, 4, 8, 16, 32),
    *range(60, 420, 30),
    *range(730, 366 * 11, 365),
)


def first_days(held_on: Callable[[date], set[int]], rows: Collection[int], today: date) -> dict[int, date]:
    """Row -> the first day after ``today`` it is no longer held, of ``rows`` (held today). ``held_on(day)``:
    the rows the list holds, read as on ``day``. A row held on every day looked at has none."""
    last_held = {row: today for row in rows}
    first_not: dict[int, date] = {}
    for ahead in _AHEAD:
        if len(first_not) == len(last_held):
            break
        day = today + timedelta(days=ahead)
        held = held_on(day)
        for row in last_held.keys() - first_not.keys():
            if row in held:
                last_held[row] = day
            else:
                first_not[row] = day
    while brackets := {r: (last_held[r], d) for r, d in first_not.items() if (d - last_held[r]).days > 1}:
        middles = {r: lo + timedelta(days=(hi - lo).days // 2) for r, (lo, hi) in brackets.items()}
        for day in sorted(set(middles.values())):
            held = held_on(day)
            for row in (r for r, m in middles.items() if m == day):
                if row in held:
                    last_held[row] = day
                else:
                    first_not[row] = day
    return first_not


_COLUMN = re.compile(r"^" + re.escape(_SAYS_NOT_YET) + r" \(column '(.+?)': ")
# A list at most this long is read again whole (its columns named by the held rows): a column is read as a
# whole (a ditto reads the cell above, dates are read day first where another cell can only be); a longer
# one, only its held rows. Each read costs 5 to 15 ms whatever its rows
WHOLE_ROWS = 500
WHOLE_CHARACTERS = 100_000
# The held rows' different cells whose day is found (rows alike share theirs): each costs up to 9 reads
# beyond the 27 all share. A list holding more (each its own day) names the day of these; the others read
# 'waiting for their day' as before (2,000 rows holding 300 different days: 13.7 s read all, 0.9 s so)
MOST_TEXTS = 12


def held_days(
    found: list[tuple[int, str]],
    said: pd.DataFrame,
    read: Callable[[pd.DataFrame, date], dict[int, str]],
    today: date,
) -> dict[int, str]:
    """Row -> the day (YYYY-MM-DD) each row of ``found`` (row, reason) held until a day to come goes on.
    ``read(frame, day)``: the reasons of ``frame``'s rows the list leaves out, read as on ``day``."""
    with reading_once():  # (each read works out the same days and dates again: :mod:`.readonce`)
        return _held_days(found, said, read, today)


def held_days_and_left(
    found: list[tuple[int, str]],
    said: pd.DataFrame,
    read: Callable[[pd.DataFrame, date], dict[int, str]],
    today: date,
    decide: Callable[[pd.DataFrame, date], dict[int, str]],
) -> tuple[dict[int, str], dict[int, str]]:
    """:func:`held_days`, and :func:`left_on_their_day` of them, their notes' days and dates read once.
    ``decide``: as ``read``, but the list's whole reading on that day (a remark that asks, an address to
    fix, a no struck through: not left out); ``read`` alone made 'Duplicate of E2001?' left out on its day,
    where the list asks it then."""
    with reading_once():
        days = _held_days(found, said, read, today)
        return days, left_on_their_day(found, said, days, decide)


def _held_days(
    found: list[tuple[int, str]],
    said: pd.DataFrame,
    read: Callable[[pd.DataFrame, date], dict[int, str]],
    today: date,
) -> dict[int, str]:
    held = {row: m.group(1) for row, reason in found if (m := _COLUMN.match(reason)) is not None}
    headers = [h for h in dict.fromkeys(held.values()) if h in said.columns]
    rows = [row for row in held if row in said.index]
    if not rows or not headers:
        return {}
    cells = said.loc[rows, headers].astype(str).agg("\x00".join, axis=1)
    first_of: dict[str, int] = {}
    for row, text in zip(rows, cells.tolist(), strict=True):
        first_of.setdefault(text, row)
    probed = dict(list(first_of.items())[:MOST_TEXTS])  # text -> the first row holding it
    frame = said[headers]
    size = sum(int(frame[h].astype(str).str.len().sum()) for h in headers)
    if len(frame) > WHOLE_ROWS or size > WHOLE_CHARACTERS:
        frame = frame.loc[sorted(probed.values())]

    def held_on(day: date) -> set[int]:
        return {row for row, reason in read(frame, day).items() if reason.startswith(_SAYS_NOT_YET)}

    days = first_days(held_on, list(probed.values()), today)
    rest = {text: row for text, row in first_of.items() if text not in probed}
    if rest:  # (the day each of the rest names, checked: heldnamed)
        days |= _named_and_confirmed(said[headers], sorted(rest.values()), read, today)
        probed |= rest
    return {
        row: days[probed[text]].isoformat()
        for row, text in zip(rows, cells.tolist(), strict=True)
        if text in probed and probed[text] in days
    }


# The most different days of held rows read again whole to find those left out on their day (each ~10 ms);
# past it, none is judged before its day (as before this reading)
MOST_DAYS = 24


def left_on_their_day(
    found: list[tuple[int, str]],
    said: pd.DataFrame,
    days: dict[int, str],
    read: Callable[[pd.DataFrame, date], dict[int, str]],
) -> dict[int, str]:
    """The rows of ``found`` (row, reason) held until their day (``days``: row -> YYYY-MM-DD) that other
    words of theirs leave out on it ('Exclude' beside a 'Do Not Send Before'), each with the reason it has
    then ("" when not read: too many days): the others are rows to send, judged now (a note asking which
    amount was asked only on the day, its card counted in the money waiting meanwhile: found by
    newcomer28); these, never sent, are left out now (:func:`left_on_its_day`). ``read(frame, day)``: the
    rows the list leaves out as read whole on ``day`` (not those it asks of then)."""
    by_day: dict[str, list[int]] = {}
    for row, reason in found:
        if reason.startswith(_SAYS_NOT_YET) and row in days and row in said.index:
            by_day.setdefault(days[row], []).append(row)
    if not by_day:  # (nothing held to a day: the size below read every cell of every load's list)
        return {}
    if len(by_day) > MOST_DAYS:  # not read: "" (not judged now, held until their day as before)
        return dict.fromkeys((row for rows in by_day.values() for row in rows), "")
    frame = said  # read whole as :func:`held_days` reads it (what it worked out kept), else its held rows
    if (
        len(said) > WHOLE_ROWS
        or sum(int(said[h].astype(str).str.len().sum()) for h in said) > WHOLE_CHARACTERS
    ):
        frame = said.loc[sorted(row for rows in by_day.values() for row in rows)]
    left: dict[int, str] = {}
    for day, rows in by_day.items():
        reasons = read(frame, date.fromisoformat(day))
        left |= {r: reasons[r] for r in rows if r in reasons and not reasons[r].startswith(_SAYS_NOT_YET)}
    return left


def left_on_its_day(reason: str, day: str) -> str:
    """The reason of a row held until ``day`` (YYYY-MM-DD) that other words of its leave out on it
    (``reason``, as read then): left out now. It read 'waiting for their day ... the same command run on or
    after their day sends them', its card in the money waiting, and it was never to be sent (hunter-money31's
    leftover 1; the lead's decision, session 51)."""
    return f"{reason}; the list holds it until {day}, when these words leave it out: never sent"


def _named_and_confirmed(
    frame: pd.DataFrame, rows: list[int], read: Callable[[pd.DataFrame, date], dict[int, str]], today: date
) -> dict[int, date]:
    """Row -> its first day, of ``rows`` past the probed ones: the day its cells name, checked."""
    named = named_days(frame.loc[rows], today)
    if not named:
        return {}
    size = sum(int(frame[h].astype(str).str.len().sum()) for h in frame.columns)
    if len(frame) > WHOLE_ROWS or size > WHOLE_CHARACTERS:
        frame = frame.loc[sorted(named)]

    def held_on(day: date) -> set[int]:
        return {row for row, reason in read(frame, day).items() if reason.startswith(_SAYS_NOT_YET)}

    return confirmed_days(held_on, named, today)
