"""A note telling of a card of an earlier round ('Card sent last year', 'Gift card sent Dec 2025',
'Received a card in 2024', 'Gift sent for 5-yr anniversary (2021)'): the history of an annual list, not
this round's card. Read as this round's, every person who had one before was left out as sent already
(found by hunter-falsealarm7: 12 such notes of an HR anniversary list, each row left out). A note naming a
day of this round ('Card sent 11/20', 'Sent Dec 1, 2026', or last year's December on a January run) still
leaves its row out, as does one saying anything else that does ('Left 2025; card sent 2024', 'Card sent
2024 - returned').

Only a list that comes round again says so (:func:`comes_round`): an occasion of every year in a header
('Anniversary Date', 'Years of Service', 'Birthday', 'Holiday Gift') or in its notes ('last year', 'for
5-yr anniversary', 'Christmas 2025'). A list of one card a person, ever (a new hire's welcome card, a
referral's reward), kept running over two years, writes 'Card sent 11/20/2025' of the card that person
has: read on Dec 5, 2026 as an earlier round's, the row was sent again, a second card (review35's LO1)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date

import pandas as pd

# what a card went before beyond: more than half a year before the run (a December list run in January
# reads last year's December as this round)
EARLIER_ROUND_DAYS = 183

# a card sent, made or had ('Card sent', 'Got a gift card', 'Received a card', 'Gift given')
_TOLD_SENT = re.compile(
    r"(?i)\b(?:(?:re-?)?(?:sent|mailed|shipped|issued)|delivered|received|got|given|gave|ordered|handed|paid|"
    r"distributed)\b"
)
# ... and nothing else the note says that would leave the row out on its own, or that this round's went too
_SAYS_MORE = re.compile(
    r"(?i)deceas|passed\s+away|\bdied\b|death|\bleft\b|terminat|\btermed\b|resign|\bquit\b|fired|laid\s+off|"
    r"let\s+go|no\s+longer|\bdo[\s-]*n[o']?t\b|\bdon'?t\b|\bdns\b|remov|exclud|declin|refus|opt(?:ed)?[\s-]*out|"
    r"\bhold\b|cancel|\bdup|\bvoid|eligib|return|\brts\b|bad\s+address|wrong\s+address|undeliver|"
    r"\bno\s+(?:gift|card)|\bnot\b|skip|this\s+(?:year|round|time|quarter|month|week)|\bagain\b|both|\band\s+\d"
)
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_LAST_YEAR = re.compile(r"(?i)\b(?:last|previous|prior)\s+(?:year|yr)\b|\bthe\s+year\s+before\b")
_MONTH_YEAR = re.compile(
    rf"(?i)\b({_MONTHS})[a-z]*\.?,?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?((?:19|20)\d\d)\b"
)
_DAY_MONTH_YEAR = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)(?![\d/.-])")
_ISO_DAY = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})(?![\d/.-])")
# a year alone, not a house number ('sent to 2019 Elm St'): at the end, before a mark, or after 'in', 'of'...
_YEAR = re.compile(
    r"(?i)(?<![\d/.$-])((?:19|20)\d\d)(?![\d/.,-]?\d)(?=\s*(?:$|[-–—:;,.!?)(]))"
    r"|\b(?:in|of|during|for|since|year)\s+((?:19|20)\d\d)\b"
)


# an occasion that comes every year, named by a header: an anniversary list, a birthday list, a holiday list
# (not 'holiday' alone, a vacation in Britain, nor 'annual' alone: 'Annual Salary' is in any HR export)
_OCCASION = (
    r"anniversar|birthday|\bb[\s-]?day\b|christmas|\bx-?mas\b|hanuk|chanuk|thanksgiving|"
    r"(?:holiday|annual|yearly|year[\s-]*end)\s*(?:gifts?|cards?|bonus|presents?|season|list|party|baskets?|"
    r"box(?:es)?|treats?|awards?|recognition|appreciation|thank)"
)
_EVERY_YEAR_HEADER = re.compile(
    rf"(?i){_OCCASION}|birth\s*date|date\s*of\s*birth|birth\s*month|\bdob\b|years?\s*(?:of|in)\s*service|"
    r"service\s*(?:years?|yrs|awards?|milestone)|\byos\b|tenure|milestone|^\W*years?\W*$|"
    r"years?\s*(?:employed|with|at)\b"
)
# ... or by a note: the history of a list that comes round ('Card sent last year', 'Gift sent for 5-yr
# anniversary (2021)', 'Christmas card mailed Dec 2025', 'Sent every year')
_EVERY_YEAR_NOTE = re.compile(
    rf"(?i){_OCCASION}|\b(?:last|previous|prior|past)\s+(?:years?|yrs?|holidays?|round|cycle)\b|"
    r"\bthe\s+year\s+before\b|\b(?:every|each|per)\s+year\b|\b\d{1,2}[\s-]*(?:yrs?|years?)\b(?!\s+ago)|"
    r"\d(?:st|nd|rd|th)\s+(?:year|anniversary)"
)


def comes_round(headers: Iterable[object], notes: Iterable[str], titles: Iterable[str] = ()) -> bool:
    """Whether the list is one that comes round every year, by a header (``headers``), a note (``notes``:
    the texts of its note columns) or a title (``titles``: the file's name, the sheet's, the lines above the
    header) naming such an occasion or an earlier year's round. A title 'Years' alone is none: a file named
    'years.csv' is no column of years of service."""
    return (
        any(_EVERY_YEAR_HEADER.search(str(header)) for header in headers)
        or any(_EVERY_YEAR_HEADER.search(t) and not _BARE_YEARS.match(t) for t in titles)
        or any(_EVERY_YEAR_NOTE.search(note) for note in (*notes, *titles))
    )


_BARE_YEARS = re.compile(r"(?i)^\W*years?\W*$")


def _latest_day(note: str, today: date) -> date | None:
    """The latest day the note's own words can name for the card it tells of; None when it names no year."""
    days: list[date] = []
    if _LAST_YEAR.search(note):
        days.append(date(today.year - 1, 12, 31))
    for month, year in _MONTH_YEAR.findall(note):
        number = _MONTHS.split("|").index(month[:3].casefold()) + 1
        days.append(date(int(year), number, calendar.monthrange(int(year), number)[1]))
    for first, second, year in _DAY_MONTH_YEAR.findall(note):  # 11/20/2025 or 20/11/2025: the later
        months = [int(m) for m in (first, second) if 1 <= int(m) <= 12] or [12]
        number = max(months)
        days.append(date(int(year), number, calendar.monthrange(int(year), number)[1]))
    for year, month, _day in _ISO_DAY.findall(note):
        number = min(max(int(month), 1), 12)
        days.append(date(int(year), number, calendar.monthrange(int(year), number)[1]))
    for bare, after_word in _YEAR.findall(note):
        days.append(date(int(bare or after_word), 12, 31))
    return max(days) if days else None


def of_an_earlier_round(note: str, today: date) -> bool:
    """Whether ``note`` only tells of a card sent (or had) in an earlier round: in an earlier year, and more
    than :data:`EARLIER_ROUND_DAYS` before ``today``, by the latest day its words can name."""
    if not _TOLD_SENT.search(note) or _SAYS_MORE.search(note):
        return False
    latest = _latest_day(note, today)
    # ... and of an earlier year: an annual list's round. 'Card sent 3/20/2026' on Dec 5, 2026 is this year's,
    # as a running tracker (a new hire's welcome card, one a person) writes it: read as an earlier round, that
    # person was sent a second card (found by review35 after f93711c2)
    return latest is not None and latest.year < today.year and (today - latest).days > EARLIER_ROUND_DAYS


def told_of_earlier_rounds(column: pd.Series, said: pd.Series, today: date) -> pd.Series:
    """Which of the notes of ``column`` said (``said``) only tell of a card of an earlier round
    (:func:`of_an_earlier_round`)."""
    found = pd.Series(False, index=column.index)
    if said.any():
        found[said] = [of_an_earlier_round(note, today) for note in column[said].tolist()]
    return found
