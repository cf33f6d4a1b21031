"""A sending column's cell naming the day the card is to go on or by ('Later - 11/20', 'Will send 12/20',
'By Christmas', 'Released 12/1', 'Week of 12/14'): read as its day (:func:`to_go_on`), held, passed or to send
now, with the days of :mod:`.days`."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from .days import _dates, _holds
from .untilwords import _MONTH

# A sending column's cell naming the day the card is to go ('Sent?' = 'Later - 11/20', 'Will send 12/20',
# 'Scheduled 12/20'): 'Later' sends (not sent yet), and with its day the card was sent at once, before it, or
# a second time where that day passed and the card went then, the cell not updated (found by hunter-sheets16,
# left for hunter-sheets17). A day to come holds the row as a 'Send Date' does; a day passed is one it may
# have gone on, as a 'Scheduled Send Date' passed is
# ... and the day it is not to go before ('After 12/20', 'Send after 12/20', 'Not before 12/20': found by
# hunter-sheets17, left out as sent already)
_DAY = (
    r"[\s:,;–—-]*(?P<day>\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?|"
    + _MONTH
    + r"\.?\s*\d{1,2}(?:st|nd|rd|th)?(?:,?\s*\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s*"
    + _MONTH
    + r"\.?(?:,?\s*\d{4})?)\W*$"
)
_TO_GO_ON = re.compile(
    r"(?i)^\W*(?:later|will\s+(?:be\s+)?(?:send|sent|mail(?:ed)?|ship(?:ped)?)|"
    r"to\s+(?:be\s+)?(?:sen[dt]|mail(?:ed)?|ship(?:ped)?)|send(?:ing)?|scheduled|planned|"
    # ... or to be released then ('To be released 12/20', 'Release on 12/20', 'Releasing 12/20': found by
    # hunter-sends3, each ordered at once as 'Released' alone is)
    r"(?:to\s+be|will\s+be)\s+released|release(?:\s+(?:on|date))?|releasing|"
    r"(?:on\s+or\s+)?after|not\s+(?:before|until|till)|"
    # ... or the week it is to go in ('Week of 12/14': found by hunter-sheets18, left out as sent already)
    r"(?:(?:planned|scheduled|sending|to\s+go)\s+)?(?:the\s+)?week\s+of)(?:\s+(?:on|for|after))?" + _DAY
)
# ... or the day it is to go by ('By 12/20', 'Due 12/20', 'Before Dec 20', 'Send by 12/20'): a deadline, a
# plan and no sending, left out as sent already (found by hunter-sheets17, left for hunter-sheets18). One to
# come sends the row now; one passed may be the day it went, as a day passed to go on is
_BY_DAY = re.compile(
    r"(?i)^\W*(?:(?:(?:to\s+(?:be\s+)?)?(?:sen[dt]|mail(?:ed)?|ship(?:ped)?)|needs?\s+to\s+(?:go|be\s+sent))\s+)?"
    r"(?:by|before|no\s+later\s+than|not\s+later\s+than|due(?:\s+(?:by|on|date))?|deadline)" + _DAY
)


# ... or the month or holiday it is to go in or by ('January', 'Mid-December', 'End of month', 'By
# Christmas'): each was left out as sent already (found by hunter-sheets18, left for hunter-sheets19). Read
# as its day (:func:`_month_or_holiday_day`): a month, its part or 'after' a holiday is a time to go on, as
# 'Week of 12/14' is; a holiday alone or 'by' one is a day to go by, as 'By 12/20' is
_BY_WORDS = r"by|before|no\s+later\s+than|due(?:\s+by)?|in\s+time\s+for|for"
_PART = r"early|beginning\s+of|start\s+of|mid|middle\s+of|late|end\s+of"
_MONTHS = {m[:3]: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july",
           "august", "september", "october", "november", "december"), start=1)}  # fmt: skip
_PART_DAY = {"ea": 1, "be": 1, "st": 1, "mi": 15, "la": 20, "en": 20}
_HOLIDAYS = (  # (words, month, day); Thanksgiving's day is found for its year
    (r"christmas\s+eve|xmas\s+eve", 12, 24),
    (r"christmas|x-?mas|the\s+holidays|holidays", 12, 25),
    (r"new\s+year'?s\s+eve", 12, 31),
    (r"(?:the\s+)?new\s+year(?:'?s)?(?:\s+day)?", 1, 1),
    (r"thanksgiving", 11, 0),
    (r"valentine'?s(?:\s+day)?", 2, 14),
    (r"halloween", 10, 31),
)
_MONTH_OR_HOLIDAY = re.compile(
    rf"(?i)^\W*(?:(?P<by>{_BY_WORDS})|(?P<on>in|during|on|around|after|(?:planned|scheduled|will\s+send|"
    r"sending|to\s+(?:go|send))(?:\s+(?:in|on|for|after))?))?\s*"
    rf"(?:(?P<part>{_PART})[\s-]*(?:the\s+)?)?"
    r"(?:(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?|(?P<this>month|year)|"
    rf"(?P<holiday>{'|'.join(f'(?P<h{i}>{words})' for i, (words, _m, _d) in enumerate(_HOLIDAYS))}))"
    # ... with its year or not ('January 2027', "Jan '27": left out as sent already where 'January' was held,
    # found by hunter-sheets20)
    r"(?:[\s,.-]*(?P<year>\d{4}|'\d{2}))?\W*$"
)
# ... or as numbers, the month and its year ('1/2027', '2027-01'), as a month and its year
_MONTH_AND_YEAR = re.compile(r"^\W*(?:(?P<m>\d{1,2})[/.-](?P<y>\d{4})|(?P<y2>\d{4})[/.-](?P<m2>\d{1,2}))\W*$")
# ... or a quarter and its year ('Q1 2027', '2027 Q1': found by hunter-sheets20, left out as sent already), as
# its first month and that year
_QUARTER_AND_YEAR = re.compile(r"(?i)^\W*(?:q(?P<q>[1-4])\W*(?P<y>\d{4})|(?P<y2>\d{4})\W*q(?P<q2>[1-4]))\W*$")
MONTHS_AHEAD = 62  # a month or holiday is one to come within this many days, else the last one passed


def _thanksgiving(year: int) -> date:
    first = date(year, 11, 1)
    return date(year, 11, 1 + (3 - first.weekday()) % 7 + 21)


def _month_or_holiday_day(cell: str, today: date) -> str | None:
    """A cell naming a month or holiday (:data:`_MONTH_OR_HOLIDAY`) as :data:`_TO_GO_ON` or :data:`_BY_DAY`
    read it ('Week of 2027-01-01', 'By 2026-12-25'), or None. The day is the next one within
    MONTHS_AHEAD days, else the last one passed: 'May' in a December tracker is the May it went in, read
    as next May it would be held and sent again then."""
    numbers = _MONTH_AND_YEAR.match(cell)
    if numbers is not None and 1 <= int(numbers["m"] or numbers["m2"]) <= 12:
        month_named = list(_MONTHS)[int(numbers["m"] or numbers["m2"]) - 1]
        cell = f"{month_named} {numbers['y'] or numbers['y2']}"
    quarter = _QUARTER_AND_YEAR.match(cell)
    if quarter is not None:
        month_named = list(_MONTHS)[3 * (int(quarter["q"] or quarter["q2"]) - 1)]
        cell = f"{month_named} {quarter['y'] or quarter['y2']}"
    said = _MONTH_OR_HOLIDAY.match(cell)
    if said is None:
        return None
    holiday = next((i for i in range(len(_HOLIDAYS)) if said[f"h{i}"]), None)
    part = _PART_DAY.get((said["part"] or "  ")[:2].casefold(), 1)
    year = int(said["year"].lstrip("'")) if said["year"] else None
    if year is not None and year < 100:
        year += 2000
    years = [year] if year is not None else list(range(today.year - 1, today.year + 2))
    if said["this"]:  # 'End of month', 'End of year': this one's
        month = today.month if said["this"].casefold() == "month" else 12
        days = [date(year or today.year, month, part)]
    elif holiday is not None:
        _words, month, on = _HOLIDAYS[holiday]
        days = [_thanksgiving(y) if not on else date(y, month, on) for y in years]
    else:
        month = _MONTHS[said["month"][:3].casefold()]
        days = [date(y, month, part) for y in years]
    # a year written says which ('March 2027' is far off, and no March it went); else within MONTHS_AHEAD
    ahead = days if year is not None else [d for d in days if 0 <= (d - today).days <= MONTHS_AHEAD]
    found = ahead[0] if ahead else max((d for d in days if d <= today), default=days[0])
    by = said["by"] or (holiday is not None and not said["on"])
    return f"{'By' if by else 'Week of'} {found.isoformat()}"


def _named_days(column: pd.Series, said: re.Pattern[str]) -> pd.Series:
    """The day each cell names as ``said`` words it (NaN where it names none)."""
    days = column.str.extract(said, expand=False)
    return days.str.replace(r"(?i)(?<=\d)(?:st|nd|rd|th)\b", "", regex=True).str.strip()


# ... and 'Released' with a day to come ('Released 12/20' on Dec 5): released then, not yet; a day passed is
# the hold's end, and sends as 'Released' alone does (hunter-falsealarm5). Each was ordered at once (found by
# hunter-sends2, its leftover; fixed by hunter-sends3)
_RELEASED_ON = re.compile(r"(?i)^\W*released(?:\s+(?:on|for|as\s+of|effective|eff\.?))?" + _DAY)


def to_go_on(column: pd.Series, today: date) -> tuple[pd.Series, pd.Series, pd.Series]:
    """The cells of a sending column naming the day the card is to go (:data:`_TO_GO_ON`) that hold their
    row (a day to come, or one read as no date); those naming a day passed, to go on or by; and those naming
    a day to come (or today) to go by (:data:`_BY_DAY`) or today's day to go on, which send."""
    nothing = pd.Series(False, index=column.index)
    held, passed, planned = nothing, nothing, nothing
    named = r"(?i)[a-z]{3}|^\W*\d{1,4}[/.-]\d{1,4}\W*$|^\W*q[1-4]\W*\d{4}\W*$|^\W*\d{4}\W*q[1-4]\W*$"
    if column.str.contains(named, regex=True).any():  # (a month named, or a quarter)
        column = column.map(lambda cell: _month_or_holiday_day(cell, today) or cell)
    days = _named_days(column, _TO_GO_ON)
    named = days.notna()
    if named.any():
        holds, _dated, dates = _holds(days[named], today)
        held = holds.reindex(column.index, fill_value=False)
        passed = (
            (dates < pd.Timestamp(today)).fillna(False).astype(bool).reindex(column.index, fill_value=False)
        )
        # today's sends: 'Week of 12/14' held until Dec 14 was left out on Dec 14 as sent already, where the
        # reason held on Dec 4 said the same file run that day sends it (found by hunter-sheets19)
        on_the_day = (dates == pd.Timestamp(today)).fillna(False).astype(bool)
        planned = on_the_day.reindex(column.index, fill_value=False)
    days = _named_days(column, _RELEASED_ON)
    named = days.notna()
    if named.any():
        later = (_dates(days[named], hold_from=today) > pd.Timestamp(today)).fillna(False).astype(bool)
        held = held | later.reindex(column.index, fill_value=False)
    days = _named_days(column, _BY_DAY)
    named = days.notna()
    if named.any():
        dates = _dates(days[named], hold_from=today)
        gone = (dates < pd.Timestamp(today)).fillna(False).astype(bool)
        passed = passed | gone.reindex(column.index, fill_value=False)
        planned = planned | (
            (dates >= pd.Timestamp(today)).fillna(False).astype(bool).reindex(column.index, fill_value=False)
        )
    return held, passed, planned
