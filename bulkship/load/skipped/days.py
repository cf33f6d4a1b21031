"""Reading the days a list writes: a date column's cells however they were written (an Excel serial, day
first, a time zone, without its year), the days they hold a row until, and a note's day ('Hold until Dec 15':
the words before the day, :mod:`.untilwords`). Read by :mod:`.said` for the date columns (:mod:`.dates`) and
the notes."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from .dates import _NO_DATE
from .readonce import once
from .saysend import SAYS_SEND
from .sent import _SAYS_SENT
from .untilwords import _MONTH, _MONTH_ROUND, _UNTIL, AWAY_UNTIL

# A date as Excel keeps it, its number of days: a CSV saved from a column formatted as General or Number shows
# 46461 for 2027-03-15 (found by hunter-sheets4: 'Do Not Send Before' = 46461 was sent at once). Five digits,
# 1954 to 2119
_SERIAL = re.compile(r"\s*[2-7]\d{4}(?:\.0+)?\s*")


# A date written with its day and month as numbers ("25/12/2026", "10.12.2026"): the day, the separator, the
# month, as a list written day first has them
_NUMBERED = r"^\s*(\d{1,2})([/.-])(\d{1,2})[/.-](?:\d{4}|\d{2})\b"


def _day_first(text: pd.Series) -> pd.Series:
    """The cells of a date column written day first: with dots ("10.12.2026", as Europe writes them), or in a
    column another of whose dates can only be read so ("25/12/2026") and none only month first. Read each on
    its own, "09/12/2026" beside it was 12 September, passed, and its 'Do Not Send Before' row was sent three
    weeks early (found by hunter-sheets9). A column of dates that read either way is read the US way."""
    parts = text.str.extract(_NUMBERED)
    day, month = pd.to_numeric(parts[0], errors="coerce"), pd.to_numeric(parts[2], errors="coerce")
    column_day_first = bool((day > 12).any()) and not bool((month > 12).any())
    return (parts[1].eq(".") | (parts[0].notna() & column_day_first)).fillna(False).astype(bool)


# A time stamp's zone after its time ("2026-12-20T00:00:00Z", "...T08:00:00-08:00", "10:00 UTC"), as HR
# systems and APIs export dates: the day is the one written, wherever it was stamped
_ZONE = re.compile(r"(?i)^(.*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2})\s*$")


def _read(text: pd.Series, **how: bool) -> pd.Series:
    """``text`` read as dates without a time zone: a zone pandas still reads (one not after a time) is
    dropped, cells stamped in several zones too (they stopped the load with a traceback: found by
    hunter-sheets10)."""
    try:
        dates = pd.to_datetime(text, errors="coerce", format="mixed", **how)
    except (ValueError, TypeError):  # "Mixed timezones detected"
        dates = pd.to_datetime(text, errors="coerce", format="mixed", utc=True, **how)
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    return dates


def _dates(column: pd.Series, hold_from: date | None = None) -> pd.Series:
    """Each cell as a date (NaT where it reads as none): as written, or as an Excel serial number. A date
    written without its year ('20-Dec', as Excel saves a date it shows as d-mmm to a CSV; 'Dec 20', '12/20')
    reads as year 1, a day long passed; with ``hold_from`` (today), as a day to hold a card until
    (:func:`_hold_day`): for a 'Do Not Send Before', '20-Dec' was passed and the card went out on Dec 4
    (found by hunter-sheets11). Not for a day someone left or a card went out: a 'Termination Date' or 'Date
    Sent' of '15-Jan' is as likely last January's, and read as next January's it would send a card to
    someone gone, or a second one."""
    dates, yearless = once("dates", column, lambda: _as_written(column))
    if hold_from is not None and yearless.any():
        dates[yearless] = [_hold_day(stamp, hold_from) for stamp in dates[yearless]]
    return dates


def _as_written(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Each cell as the date written (a date without its year: year 1), and the cells written without one."""
    import warnings

    text = column.astype(str).str.replace(_ZONE, r"\1", regex=True)
    serial = text.str.fullmatch(_SERIAL)
    day_first = _day_first(text) & ~serial
    with warnings.catch_warnings():  # pandas warns that it guesses each cell's format: it should
        warnings.simplefilter("ignore")
        dates = _read(text.where(~serial & ~day_first, ""))
        if day_first.any():  # (only these: with dayfirst, pandas reads '2026-12-05' as 12 May)
            dates[day_first] = _read(text[day_first], dayfirst=True)
    if serial.any():
        days = pd.to_timedelta(text[serial].astype(float), unit="D")
        dates[serial] = pd.Timestamp("1899-12-30") + days
    dates = pd.Series(dates, index=column.index)
    return dates, (dates.dt.year == 1) & ~text.str.contains(r"\d{3}", regex=True)


RECENTLY_PASSED_DAYS = 92  # a hold day written without its year, passed no longer ago than this, is passed


def _hold_day(stamp: pd.Timestamp, today: date) -> pd.Timestamp | pd.NaT:
    """``stamp``'s month and day as a day to hold a card until: the one passed in the last
    RECENTLY_PASSED_DAYS (a list made last week: 'Nov 28' on Dec 4 has passed), else the next one to come.
    Read as the nearest day, 'Jun 10' typed on Dec 4 was last June's (177 days before, 188 after) and the
    card went out at once (review25's T1). A hold read a year late is listed and fixed in one cell; a card
    sent months early cannot be taken back."""
    found = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            found.append(pd.Timestamp(year=year, month=stamp.month, day=stamp.day))
        except ValueError:  # 29 February of a year without one
            continue
    since = pd.Timestamp(today) - pd.Timedelta(days=RECENTLY_PASSED_DAYS)
    return next((day for day in found if day >= since), pd.NaT)


def _later_than_today(column: pd.Series, today: date) -> pd.Series:
    """The cells holding a date after today (anything else, a past date or unreadable text, is not)."""
    return (_dates(column) > pd.Timestamp(today)).fillna(False).astype(bool)


def _holds(
    column: pd.Series, today: date, through: pd.Series | None = None
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """The cells of a 'Do Not Send Before' column (or a note's day) that hold off their row: a date after
    today, or what reads as no date and no 'none' ('after review', 'TBD', '15/03/27?'; found by
    hunter-sheets4: each was sent at once, as a date passed). Also, of those, the ones holding a date to
    come: their rows go out when the same file is run on that day (unlike 'after review', or 'Ship on
    Monday'); and the day each cell reads as (NaT: none). Each cell is read as a date once. ``through``:
    the cells holding through their day (:func:`through_day`)."""
    dates = _dates(column, hold_from=today)
    text = column.astype(str)
    if through is not None:
        dates = through_day(dates, text, through)
    dated = (dates > pd.Timestamp(today)).fillna(False).astype(bool)
    unread = dates.isna() & ~text.str.fullmatch(_NO_DATE) & ~text.str.fullmatch(_NOW)
    return (dated | unread).astype(bool), dated, dates


def _gone_that_day(column: pd.Series, dates: pd.Series, today: date) -> tuple[pd.Series, pd.Series]:
    """The cells of a column whose day may be the one the card went ('Ship Date', 'Scheduled Send Date') that
    say it went: a day passed (which, or the day it was to go, only the person knows), or the word that it
    went with no day ('Shipped', 'Done', ✓). 'Ship Date' = 11/20 on Dec 4 was ordered (found by
    hunter-sheets12): a second card where it had gone. Returns (the days passed, the words)."""
    none = column.str.fullmatch(_NO_DATE)
    passed = (dates < pd.Timestamp(today)).fillna(False).astype(bool) & ~none
    words = dates.isna() & column.str.match(_SAYS_SENT) & ~none & ~column.str.fullmatch(_NOW)
    return passed, words.astype(bool)


# A day that is now: 'Send Date' = ASAP, Now, Immediately, Today held its row for good, said as 'the list says
# not to send it' (found by hunter-sheets11)
_NOW = re.compile(
    r"(?i)\s*(?:asap|a\.s\.a\.p\.?|now|right\s+(?:away|now)|immediately|immediate|today|as\s+soon\s+as\s+"
    r"possible|any\s*time|no\s+(?:hold|wait|restriction)|upon\s+receipt|send\s+now|re-?send(?:\s+now)?)[.!]*\s*"
)


def days_named(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The day each note holding its row until one names, as written ('Hold until the 15th of Jan per HR':
    '15 of Jan'), of the notes naming one; and of those, the ones holding it through that day or month
    ('on leave thru 1/31', 'Hold through Jan', '... until the end of Jan': :func:`through_day`)."""
    return once("days named", column, lambda: _days_named(column))


def _days_named(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    days = column.str.extract(_UNTIL, expand=False)
    days = days[days.notna()]
    through = pd.Series([_held_through(note) for note in column[days.index].tolist()], index=days.index)
    text = days.str.replace(r"(?i)^(?:the\s+)|(?<=\d)(?:st|nd|rd|th)\b", "", regex=True).str.strip()
    text = text.str.replace(_END_OF, "", regex=True).str.replace(_MONTH_ROUND, r"\1", regex=True)
    # ... and without who said it after it ('Hold lifted 11/30 per HR', 'Send after 12/20 as per Sue'), nor
    # a sentence after it ('on LOA until 12/1. Holiday gift': read as no day, the row was left out for good)
    text = text.str.replace(r"(?i)\s+(?:as\s+)?per\s+\S.*$", "", regex=True)
    return text.str.replace(_SENTENCE_AFTER, "", regex=True), through.astype(bool)


# a full stop ending the day, then words: not a month's ('Jan. 15')
_SENTENCE_AFTER = re.compile(
    r"(?i)"
    + "".join(
        f"(?<!{m})"
        for m in ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
    )
    + r"\.\s+[a-z].*$"
)


# A hold through a day, or to the end of a month: 'on leave thru Jan' was held until Jan 1, a month early,
# 'LOA thru 1/31' until 1/31, the last day of the leave (newcomer21's N2): the day after it ends
_END_OF = re.compile(r"(?i)^(?:the\s+)?end\s+of\s+(?:the\s+)?(?=" + _MONTH + ")")
_THROUGH = re.compile(r"(?i)\b(?:thru|through)\s+$")
_A_MONTH_ALONE = re.compile(r"(?i)\s*" + _MONTH + r"\.?(?:,?\s+\d{4})?\s*")


def _held_through(note: str) -> bool:
    found = _UNTIL.search(note)
    if found is None:
        return False
    return bool(_THROUGH.search(note, 0, found.start(1)) or _END_OF.match(found.group(1)))


def through_day(dates: pd.Series, text: pd.Series, through: pd.Series) -> pd.Series:
    """``dates`` (read from ``text``) with those of ``through`` the day after: a month alone, the 1st of the
    next month; a day, the next day."""
    if not through.any():
        return dates
    dates = dates.copy()
    months = through & text.str.fullmatch(_A_MONTH_ALONE).fillna(False).astype(bool)
    dates[months] = dates[months] + pd.offsets.MonthBegin(1)
    days = through & ~months
    dates[days] = dates[days] + pd.Timedelta(days=1)
    return dates


def _note_not_yet(column: pd.Series, today: date) -> tuple[pd.Series, pd.Series]:
    """The notes holding their row until a day still to come, or one that reads as no date ('Hold until
    next week', 'Send after the holidays'), as a 'Do Not Send Before' column does: 'Do not send before Dec
    15' was read as no 'do not send' (it names a day) and the card went out on Dec 4 (found by
    hunter-sheets11). A day passed sends the row. Also, of those, the ones naming a day read as a date (a
    run on that day sends them: :func:`_holds`)."""
    text, through = days_named(column)
    named = pd.Series(column.index.isin(text.index), index=column.index, dtype=bool)
    if not named.any():
        return named, named
    holds, dated, _days = _holds(text, today, through)
    held = named & holds.reindex(column.index, fill_value=False)
    if held.any():
        held &= ~column.map(_away_but_sent_now).astype(bool)
    return held, held & dated.reindex(column.index, fill_value=False)


# ... but not a person away until a day whose note goes on to send the card now ('maternity leave till March -
# mail to home anyway', 'on LOA until 1/15 - send anyway', '... - send now'): held to the day, the card the
# list says to mail at once waited months, where 'on leave - mail anyway' sends (found by newcomer20, N3).
# Only where the away is all that holds it ('Hold until 1/15 - send anyway' waits)
_AWAY = re.compile(rf"(?i)\b{AWAY_UNTIL}")
_ANOTHER_HOLD = re.compile(
    r"(?i)\b(?:hold|wait|until\s+(?:she|he|they)|when\s+(?:she|he|they)|do\s*n[o']?t|don'?t|not\s+before|"
    r"(?:send|mail|ship)\s+(?:it\s+)?(?:after|then|when|once|on))\b"
)


def _away_but_sent_now(note: object) -> bool:
    """Whether ``note`` holds its row only for the person away until a day (:data:`AWAY_UNTIL`) and says after
    it, last, to send the card now (:data:`.saysend.SAYS_SEND`: 'send anyway', 'mail to home', 'send now')."""
    if not isinstance(note, str) or (found := _AWAY.search(note)) is None:
        return False
    rest = note[found.end() :]
    send = SAYS_SEND.search(rest)
    # (said last: 'on LOA until 1/15 - send anyway; deceased' says no after it)
    return (
        send is not None
        and _SAID_LAST.fullmatch(rest, send.end()) is not None
        and not _ANOTHER_HOLD.search(note)
    )


_SAID_LAST = re.compile(
    r"(?i)(?:\W|\b(?:anyway|anyhow|regardless|now|asap|today|address|please|pls|thanks?)\b)*"
)
