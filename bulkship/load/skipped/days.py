"""Reading the days a list writes: a date column's cells however they were written (an Excel serial, day
first, a time zone, without its year), the days they hold a row until, and a note's day ('Hold until Dec 15').
Read by :mod:`.said` for the date columns (:mod:`.dates`) and the notes."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from .dates import _NO_DATE
from .notewords import _A_DATE, _CARD_HELD, BACK_ON, NO_FOR_A_WHILE, WORDS_BEFORE_A_NO
from .readonce import once
from .saysend import SAYS_SEND
from .sent import _SAYS_SENT
from .topersonelsewhere import ASKED_ELSEWHERE

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


# A note holding its row until a day ("Do not send before Dec 15", "Hold until Jan 5", "Send after 12/20",
# "Ship on 12/18", "Not before the 20th"), at its start, after a remark or on a line of its own (found by
# hunter-sheets14: 'Thanks!' above 'Hold until 12/20' was sent at once): the day is what follows, up to a
# separator. Only a day named so ("Send on behalf of the CEO" names none: :data:`.notewords._A_DATE`); "in"
# only before a month ("Send in January"; "Send in 2 boxes" names none)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
_TIME_OF_DAY = (
    r"(?:\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?\s?m\b\.?|o['’]?clock\b|hrs?\b|h\b)|\d{1,2}:\d\d(?![/.-]?\d))"
)
# (a day read as one, nothing after it but a sign: 'on LOA until next week', '... until Jan: Name should be
# Sue' are no day, and go as before)
_A_DAY_ALONE = (
    r"(?=\s+(?:on\s+)?(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{4}-\d{1,2}-\d{1,2}|(?:(?:the\s+)?end\s+of\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?)"
    r"\s*(?:$|[-–—;,()\[\]!.]))"
)
# a day written with dashes ('2027-01-15', '1-15-2027', '15-Jan-2027', 'Jan-15-2027')
_DASHED = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-(?:\d{4}|\d{2})|\d{1,2}-[a-z]{3,9}\.?-(?:\d{4}|\d{2})|"
    r"[a-z]{3,9}\.?-\d{1,2}-(?:\d{4}|\d{2}))(?![\d/-])"
)
# a round of the month named ('Jan batch'): the month is the day
_ROUND = r"\s+(?:batch|run|cycle|round|mailing|send|shipment|wave|payroll)\b"
_FOR_A_MONTH = rf"|for(?:\s+the)?(?=\s+{_MONTH}\.?(?:\s+\d{{4}})?(?:{_ROUND})?\s*(?:$|[-–—;,()\[\]!.]))"
_MONTH_ROUND = re.compile(rf"(?i)^({_MONTH}\.?(?:\s+\d{{4}})?){_ROUND}.*$")
# ... however the away is said ('out on leave until Feb', 'She is on mat leave thru end of Jan', 'OOO thru Jan
# 15', 'Out until Jan': newcomer21's N2, each sent at once where 'on leave until Jan' waits)
_AWAY_WORD = (
    r"(?:loa|leave\s+of\s+absence|(?:(?:maternity|paternity|parental|medical|sick|family|disability|mat|pat|med)"
    r"\s+)?leave|fmla|sabbatical|ooo)"
)
AWAY_UNTIL = (
    r"(?:(?:(?:(?:she|he|they|employee|ee)(?:['’]s|\s+(?:is|are))?|out|currently|still|now)\s+){0,3}"
    rf"(?:on\s+)?(?:an?\s+)?(?:{_AWAY_WORD}|out(?:\s+of\s+(?:the\s+)?office)?)\s+"
    r"(?:until|till|til|thru|through)"
    # ... or the day the person returns from it ('LOA returning 1/5', 'LOA - back 1/5', 'returning from LOA
    # 12/20', 'back from leave 1/5': newcomer22's N2, each sent at once where 'on LOA thru 1/15' waits)
    rf"|(?:(?:on|out\s+on)\s+)?(?:an?\s+)?{_AWAY_WORD}\s*[-–—,:;]?\s*(?:returning|returns|back|due\s+back)"
    r"(?:\s+on)?"
    r"|(?:returning|returns|back|coming\s+back|due\s+back)\s+from\s+(?:an?\s+|(?:her|his|their)\s+)?"
    rf"{_AWAY_WORD}(?:\s+on)?"
    r")" + _A_DAY_ALONE
)
_AWAY_UNTIL = (
    rf"|{AWAY_UNTIL}"
    r"|(?:send|ship|mail)(?:\s+(?:it|(?:the\s+)?card))?\s+(?:when|once|after)\s+(?:(?:she|he|they)(?:['’]s|\s+(?:is|are|"
    r"gets|comes))?\s+)?back(?:\s+on)?"
    + _A_DAY_ALONE
    + r"|back(?:\s+on)?(?=\s+\d{1,2}/\d{1,2}(?:/\d{2,4})?\s*[-–—;,]\s*(?:send|ship|mail)\s+(?:it\s+)?then\b)"
)
# ... after a square bracket or a slash too ('OK [hold until 1/15]', 'OK / hold until 1/15': found by
# review44, each was sent at once where 'OK (hold until 1/15)' was held)
_UNTIL = re.compile(
    # ... after who told it too ('per HR hold until 1/15/2031', 'Jane says hold until ...': found by
    # hunter-sends6, its item 8, each ordered at once, where 'hold until 1/15/2031 per HR' is held to its day)
    # ... or in the middle ('OK per manager on hold until 1/15/2031': sent at once, found by hunter-sends10)
    r"(?i)(?:^|[-–—:;,.(\[/\n]\s*|^\s*(?:(?:as\s+)?per|according\s+to)\s+(?:[\w'’&.-]+\s+){1,3}?|"
    r"(?<=\S)\s+(?:as\s+)?per\s+(?:[\w'’&.-]+\s+){1,2}?|"
    r"^\s*(?:[\w'’&.-]+\s+){1,3}?(?:says|said)\s+(?:to\s+)?|"
    # ... or after words with no mark between ('Active do not send until 1/5/2027', 'Full-time hold card until
    # 1/15/2027': sent at once, found by review57), not one undoing it ('was do not send until 1/5')
    + r"^\s*"
    + WORDS_BEFORE_A_NO
    + r"(?=(?:do[\s-]*n[o']?t|don'?t)\s|(?:(?:put\s+)?on\s+)?hold\s))"
    r"(?:(?:(?:please|pls|kindly)\s+)?(?:do[\s-]*n[o']?t|don'?t)\s+"
    # ... or to the person ('Do not send him until 1/15/2027', '... to him until ...': found by review66, each
    # ordered at once), not before an ask to send it to another now ('... - send to wife now': the error
    # asking where it goes, at once; found by review67)
    r"(?:send|ship|mail|order|deliver|give)(?:\s+(?:it|this|one|them|(?:him|her|(?:to|for)\s+(?:him|her|them|"
    r"(?:this|that|the)\s+(?:person|employee|recipient|individual|one)))(?!.*" + ASKED_ELSEWHERE + r")|"
    r"(?:(?:the|her|his|their)\s+)?(?:gift\s+)?cards?|"
    r"(?:(?:the|her|his|their)\s+)?gifts?))?\s+(?:before|until|till|til|prior\s+to)"
    r"|(?:(?:(?:on|put\s+on|placed\s+on|kept\s+on)\s+)?hold|wait|keep)(?:\s+(?:it|this|off|on\s+it))?\s+"
    # ... through a day too ('Hold thru 1/15', 'Hold through Jan': sent at once, found by hunter-money23)
    r"(?:until|till|til|thru|through" + _FOR_A_MONTH + r")"
    # ... or for a month, or its round ('hold for January', 'hold for Jan batch': newcomer22's N2, each sent
    # at once where 'hold until January' waits for its day)
    # ... or the card itself held ('Card on hold until 1/15/2027', 'Hold card until 1/15/2027': left out for
    # good, where 'On hold until 1/15/2027' goes on its day; a known drop, mended by review48)
    r"|"
    + _CARD_HELD
    + r"\s+(?:until|till|til|thru|through)"
    # ... or the person away until a day, or to be sent when back on one ('on LOA until 1/15', 'on LOA until
    # 1/15 - send then', 'send when back 1/15', 'back 1/15 - send then': newcomer19's N2, each sent at once;
    # mended by review50)
    + _AWAY_UNTIL
    +
    # ... or the person not eligible until a day, or eligible from one ('On hold until 1/15/2027', 'Not
    # eligible until Feb', 'Probation - not eligible until Feb', 'Eligible after 2/1/2027': found by
    # hunter-sends4, each sent at once where 'Hold until 1/15/2027' waits for its day); a day passed sends
    # ('Eligible as of 11/1')
    r"|(?:not\s+(?:yet\s+)?eligible|ineligible)(?:\s+for\s+(?:a\s+|the\s+)?(?:gift\s+card|gift|card))?\s+"
    r"(?:until|till|til|before|prior\s+to)"
    # ... or a no for a while until a day (notewords.NO_FOR_A_WHILE: 'Excluded until 1/15/2027')
    r"|" + NO_FOR_A_WHILE + r"|(?:(?:only\s+)?eligible|becomes\s+eligible|eligibility\s+(?:starts|begins))\s+"
    r"(?:from|after|starting|beginning|as\s+of|on|in(?=\s+" + _MONTH + r"))"
    # ... or the day a hold ends ('Hold released 12/20', 'Hold lifted 1/15/2027' on Dec 5: found by review38,
    # each sent at once; 'Hold cleared 11/30', a day passed, sends)
    r"|(?:on\s+)?hold\s+(?:(?:is|was|will\s+be|to\s+be)\s+)?(?:released|lifted|cleared|removed|ends?|expires?)(?:\s+on)?"
    r"|(?:(?:please|pls|kindly)\s+)?(?:send|ship|mail|deliver|order)(?:\s+(?:it|this|one|them|(?:the\s+)?"
    r"(?:gift\s+)?cards?|(?:the\s+)?gifts?))?\s+(?:after|on|not\s+before|no\s+earlier\s+than|in(?=\s+"
    + _MONTH
    + r"|\s+(?:the\s+)?(?:spring|summer|fall|autumn|winter)\b))"
    r"|not\s+(?:before|until|till)|dns\s+(?:before|until|till|til)"
    # ... in the languages the notes are read in ('No enviar antes del 20/12/2026', 'Ne pas envoyer avant le
    # 20/12/2026': found by hunter-sheets11, each sent at once)
    r"|no\s+enviar\s+antes\s+del?|ne\s+pas\s+envoyer\s+avant(?:\s+le)?|nicht\s+(?:senden|versenden)\s+vor(?:\s+dem)?"
    r"|n[ãa]o\s+enviar\s+antes\s+d[eo]|non\s+inviare\s+prima\s+del?)\s+"
    # ... a day, not a time of day ('Deliver after 5pm', 'Do not deliver before 9am', 'Deliver after 17:30': a
    # courier's hours, held as 'not to send it yet' for good: found by hunter-falsealarm8); a day after the
    # time still holds it ('Deliver after 5pm on 12/20')
    r"(?!"
    + _TIME_OF_DAY
    + r"(?!\s*(?:on\s+|,\s*)?(?:\d{1,4}[/.-]\d|"
    + _MONTH
    + r")))"
    # ... up to a bracket closing it or a sign ending it ('Active (hold lifted 11/30)', 'Hold lifted 11/30!':
    # read with the bracket or the sign, the day read as none, each row was held for good: found by review44,
    # review42's LO5)
    # ... and its year after a comma ('Hold until Jan 15, 2028': cut at the comma, 'Jan 15' was read without
    # its year and the card went a year early, on 2027-01-15: found by hunter-money21)
    # ... and a day written with dashes whole ('Hold until 2027-01-15' was read as '2027', Jan 1, and the card
    # went two weeks early; '1-15-2027', '15-Jan-2027' as no day, left out for good: found by review71)
    + BACK_ON
    + r"?((?:"
    + _DASHED
    + r"|"
    + _A_DATE
    + r")(?:[^-–—;,()\[\]!]|,\s*(?=\d{4}\b))*)"
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
