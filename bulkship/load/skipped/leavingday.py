"""A person's leaving named with its day inside a status or a note ('Last day 11/15', 'Active - leaving
11/30', 'LWD 11/13', 'Offboarding - last day 11/20'): gone once that day has come, as under a 'Termination
Date'. Read as nothing, each card went to someone whose last day had passed, exit 0 (found by
hunter-sheets20, left for hunter-sheets21). A day still to come ('Last day 12/15' on Dec 5) sends: the
person still works there, as 'Terminated 1/15/2027' does (:data:`.status.LEAVING_ON`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import pandas as pd

from .days import _dates
from .leftwork import LEFT_A_JOB
from .untilwords import _MONTH

# The words naming the leaving, right before its day (a connecting word or sign between): a last day, a
# leaving, a termination, a separation, a resignation, an exit, an offboarding, an end of employment. Not a
# retirement (a retiree's gift goes to the retired), a leave ('Last day of leave 11/15', 'Leave ends 11/20',
# 'Leaving for vacation 11/20': the day is not right after the words) nor a 'Departure' (a traveller's)
_LEAVES = (
    r"last\s+(?:(?:working|work|business|employment|physical|official)\s+)?day|lwd|ldw|leaving|"
    r"terminat(?:ing|ion|es)|separat(?:ing|ion|es)|resign(?:ing|ation|s)|exit(?:ing|s)?|off[\s-]?board(?:ing|s)?|"
    r"(?:employment|contract|assignment|engagement)\s+end(?:s|ing)?"
)
_BETWEEN = r"(?:\s*(?:[:=(–—-]|\b(?:is|was|will\s+be|on|effective|eff|as\s+of|date|worked)\b\.?))*\s*"
_A_DAY = (
    r"\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|"
    + _MONTH
    + r"\.?\s*\d{1,2}(?:st|nd|rd|th)?(?:,?\s*\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s*"
    + _MONTH
    + r"\.?(?:,?\s*\d{4})?"
)
LEAVING_DAY = re.compile(rf"(?i)\b(?:{_LEAVES}){_BETWEEN}(?P<day>{_A_DAY})(?!\s*[/.-]?\d)")
# ... where the note is of a journey, not a job: 'Arriving 11/18, leaving 11/20', 'Flight leaving 11/20'
_A_JOURNEY = re.compile(
    r"(?i)\b(?:arriv\w*|flights?|hotel|trip|travel\w*|vacation|holiday|check[\s-]*(?:in|out))\b"
)
# ... nor where the cell says the person stays: the leaving undone ('Leaving 11/30 - rescinded', 'Resignation
# withdrawn', 'Contract ends 11/30 - extended to 3/31', 'renewed'), a leave, not a leaving ('Leaving 11/20
# for maternity leave', 'LOA - last day 11/15', 'back 1/5'), or a move within the company ('Last day 11/15
# transferring to the Denver office'): each was left out as gone (found by review35 after 5c3fe206). Not an
# extension that only puts the day off ('extended from 10/31'), nor a thing given back ('badge back')
_STAYS = re.compile(
    r"(?i)\b(?:rescind\w*|withdr(?:ew|awn)|cancell?ed|revoked|reversed|retracted|renewed|re-?hired|reinstated|"
    r"extended(?!\s+from)|(?:not|no\s+longer)\s+leaving|stay(?:s|ing)\s+(?:on|with|through|until)|"
    r"(?:on|of|for|before|after|medical|maternity|paternity|parental|family|sick|unpaid|disability|personal)"
    r"\s+leave|leave\s+of\s+absence|loa|maternity|paternity|parental|sabbatical|furlough\w*|"
    r"(?:be|is|comes?|coming|returns?|returning)\s+back|back\s+(?:on|in|by|from|at|\d)|"
    r"return(?:s|ing)?\s+(?:on|in|by|from|to\s+work|\d)|transfer\w*)\b"
)


# A list of people leaving, its cards their farewell gifts, by its titles (the file's name, the sheet's, the
# lines above the header): 'Farewell gifts.csv', 'Leavers Q4', 'Q4 departures', 'Exit gifts', 'Retirement
# gifts'. Its leaving days say who the list is for. Not a title telling what is done with leavers ('leavers
# removed', 'leavers taken off', 'check leavers'), nor a header ('Retirement Plan' is an HR export's column)
FAREWELL = re.compile(
    r"(?i)^(?!.*\b(?:remove[ds]?|removal|exclude[ds]?|excluding|skip\w*|except|not|no|without|minus|"
    r"delete[ds]?|mark(?:ed)?|flag(?:ged)?|highlight\w*|struck|cross(?:ed)?|hold|held|taken|dropped|off|out|"
    r"check\w*|review\w*)\b)"
    r".*\b(?:farewells?|going[\s-]+away|send[\s-]*offs?|leavers?|leaving\s+(?:gifts?|cards?|presents?)|"
    r"departing|departures?|outgoing\s+(?:staff|employees?|colleagues?|associates?)|offboard\w*|exit\s+(?:gifts?|kits?|cards?|presents?)|goodbyes?|"
    r"good-byes?|"
    # (a retirement's gifts or party, people retiring: not a retirement plan's staff, whose list
    # 'retirement-plan-staff.csv' read as a farewell list would send its resignations: the lead's leftover 3)
    r"retirements|retir(?:ing|ees?|ed)(?!\s+(?:plans?|accounts?|savings|funds?|benefits?|pensions?|"
    r"contributions?|eligib\w*|income|age|401k)\b)|"
    r"retirement\s+(?:gifts?|part(?:y|ies)|cards?|presents?|send[\s-]*offs?|celebrations?|luncheons?|"
    r"dinners?|farewells?|tokens?))\b"
)
# ... and no title names another occasion: a holiday list's title speaking of its leavers ('Holiday gifts
# (leavers dropped)', 'retirees-holiday-gifts') is no farewell list, its rows' leaving days read (found by
# review59 checking 753bdbb4: 'Holiday gifts - leavers taken off.csv' sent a 'Last day 11/20' row)
_ANOTHER_OCCASION = re.compile(
    r"(?i)\b(?:holidays?|christmas|xmas|x-mas|festive|seasons?|year[\s-]*end|new\s+year|thanks\w*|"
    r"thank[\s-]*you|appreciation|birthdays?|bday|anniversar\w*|service\s+awards?|welcome|new\s+hires?|"
    r"onboard\w*|wellness|referrals?|survey|clients?|customers?|donors?|patients?|students?|members?)\b"
)


def farewell_list(titles: Iterable[object]) -> bool:
    """Whether a title names the list one of people leaving (:data:`FAREWELL`) and none another occasion."""
    texts = [str(title) for title in titles]
    return any(map(FAREWELL.search, texts)) and not any(map(_ANOTHER_OCCASION.search, texts))


def left_by(column: pd.Series, today: date, farewell: bool = False) -> pd.Series:
    """The cells of ``column`` naming a leaving on a day come by ``today`` (that day itself included, as a
    'Termination Date' of today is). A day written without its year is to come only within the next month
    (:func:`_next_within`): 'Last day 11/15' and 'Last day 6/10' on Dec 5 have passed, 'Last day 12/31' is to
    come ('Last day 1/15' asks which year: :mod:`.yearasked`). ``column``: each distinct text once.
    ``farewell``: the list names itself one of people leaving (:func:`farewell_list`), whose leavers are its
    recipients: none is left out. A list whose every row names a leaving is no farewell list by that alone:
    read as one, 'Last day 11/20' beside 'Last day 12/20' sent both, where a blank row between left the first
    out (found by the lead after session 44's close)."""
    said = column.str.extract(LEAVING_DAY, expand=False)
    named = said.notna() & ~column.str.contains(_A_JOURNEY)
    if farewell or not named.any():
        return (named & False).astype(bool)
    named &= ~column.str.contains(_STAYS)
    if not named.any():
        return named.astype(bool)
    text = said[named].str.replace(r"(?i)(?<=\d)(?:st|nd|rd|th)\b", "", regex=True).str.strip()
    come = (_leaving_days(text, today) <= pd.Timestamp(today)).fillna(False).astype(bool)
    return come.reindex(column.index, fill_value=False).astype(bool)


def _leaving_days(text: pd.Series, today: date) -> pd.Series:
    """The day of leaving each text names, a day without its year read as :func:`_next_within` reads it."""
    days = _dates(text)  # a day without its year reads as year 1: come
    yearless = days.dt.year == 1
    if yearless.any():
        days[yearless] = [_next_within(stamp, today) for stamp in days[yearless]]
    return days


def leaving_later(text: pd.Series, today: date) -> pd.Series:
    """The texts of a leaving's day ('1/15/2027', '12/31') naming a day after ``today``: a day without its
    year as :func:`left_by` reads it, so that 'Resigned - last day 12/31' sends until then as 'Last day
    12/31' does (found by newcomer27: left out, where '... 12/31/2026' sent)."""
    return (_leaving_days(text, today) > pd.Timestamp(today)).fillna(False).astype(bool)


# a leaving day without its year is to come if it comes within this many days; up to .yearasked's
# LEAVING_ASKED_DAYS the row asks which year (read as to come up to 92 days, 'Terminated 3/1' on Dec 5 sent a
# card to someone who may have left last March: the lead's decision, session 50), beyond it has passed
LEAVING_AHEAD_DAYS = 31


def _next_within(stamp: pd.Timestamp, today: date) -> pd.Timestamp:
    """``stamp``'s month and day as a day of leaving: the next one when it comes within LEAVING_AHEAD_DAYS,
    else one passed (a status still saying 'Last day 6/10' on Dec 5 names last June's: read as next June's,
    a card would go to someone gone half a year). Between LEAVING_AHEAD_DAYS and .yearasked's
    LEAVING_ASKED_DAYS the row asks which year (:mod:`.asking` reads both)."""
    for year in (today.year, today.year + 1):
        try:
            day = pd.Timestamp(year=year, month=stamp.month, day=stamp.day)
        except ValueError:  # 29 February of a year without one
            continue
        if pd.Timestamp(today) < day <= pd.Timestamp(today) + pd.Timedelta(days=LEAVING_AHEAD_DAYS):
            return day
    return stamp


# A note of a leaving on a day to come and nothing more ('Terminated 1/15/2027', 'Laid off 1/15/2027', 'vol
# term 1/15/2027' on Dec 5, 2026): the person still works there until then. Left out under 'Notes', where
# under 'Status' it sends until its day (.status.LEAVING_ON, newcomer23's d4f86434) and 'Last day 1/15/2027'
# sends in both (review60's leftover 6; decided by hunter-asks1 as a status reads it: sent until the day, left
# out from it). More words after its day saying nothing of the card ('Terminated 1/15/2027 per HR', '...
# (for cause)', 'Resigned 1/15/2027 moving to Denver') send it as the status does (review64's Found 1 in
# session 46: left out under 'Notes', sent under 'Status' until its day; mended by review66); words a note
# would leave the row out for, or that may ('... - do not send', '... per HR - deceased', '... and
# deceased', '... hold'), or a question: left out as before
_LEAVING_THEN = re.compile(
    r"(?i)\s*(?:(?:pending|upcoming|planned|scheduled)\s+)?(?:(?:in)?vol(?:untary|\.)?\s+)?(?:terminated|termed|term(?:ination)?(?:\s+date)?|resigned|"
    r"separated|(?:laid|layed)[\s-]*off|lay[\s-]?off|rif(?:['’]?d)?|reduction\s+in\s+force|"
    # ... or a contract's, an assignment's or an employment's end said done on a day to come ('Contract ended
    # 1/15/2027': left out under 'Notes', sent with no warning under 'Status', where 'Contract ends 1/15/2027'
    # is sent until its day in both; the lead's closing note of session 52, review79)
    r"(?:temp(?:orary)?\s+)?(?:contract|assignment|engagement|employment)\s+(?:ended|terminated|expired)|"
    rf"{LEFT_A_JOB})"  # ('Sacked 1/15/2027', 'Ended employment 1/15/2027': hunter-asks8)
    r"(?:\s+(?:pending|scheduled|planned))?"  # ('Pending Termination 12/31/2026', 'Termination pending ...')
    # ... its last day named ('Resigned - last day 12/31/2026', 'Resigned, last day 1/15'; the year may be
    # unsaid: newcomer27, each left out where 'Resigned 12/31/2026' is sent until its day)
    # (after a bracket, a stop or a semicolon too, 'her last day', 'leaving', a month's name: 'Resigned (last
    # day 12/31)', 'Resigned. Still employed until 12/31', 'Resigned - last day Dec 31', 'Terminated - eff
    # 1/15/2027', 'Resigned - leaving 12/31' were left out where 'Resigned, last day 12/31' is sent until the
    # day: review75)
    r"(?:\s*[:,;.(–—-]?\s*(?:(?:(?:his|her|their)\s+)?last\s+(?:working\s+|work\s+)?day|lwd|ldw|leaving|"
    # ... or the person said still here until it ('Resigned - still here until 1/15/2027', 'Laid off - still
    # working until 1/15/2027': left out under 'Notes', sent under 'Status' until the day; review73)
    r"(?:still\s+)?(?:employed|here|working(?:\s+(?:out\s+)?(?:(?:his|her|their)\s+)?notice)?|on\s+(?:staff|"
    r"payroll))\s+(?:until|through|thru|till)))?"
    r"(?:\s*[:,;.(–—-]?\s*(?<![a-z])(?:effective|eff\.?|on|as\s+of|is))?\s*[:(–—-]?\s*"
    r"(?P<day>\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?)"
    r"(?![/.-]?\d)(?P<after>[^?]*)"
)


def leaving_to_come(column: pd.Series, today: date) -> pd.Series:
    """The notes of ``column`` saying that the person leaves on a day after ``today``, with no more words that
    may say not to send."""
    named = column.str.fullmatch(_LEAVING_THEN)
    if not named.any():
        return named.astype(bool)
    found = column.where(named, "").str.extract(_LEAVING_THEN)
    after = found["after"].fillna("").str.strip(" .,;:-–—()[]")

    named &= ~after.map(may_say_no).astype(bool)
    return named & leaving_later(found["day"].fillna(""), today)


_STILL_ELIGIBLE = re.compile(
    r"(?i)\W*(?:still\s+)?eligible(?:\s+(?:for\s+(?:the\s+)?(?:gift|card)|until\s+then))?\W*"
)

# ... or the severance the leaving comes with ('Laid off 1/15/2027 - severance'): still here until then
_SEVERANCE = re.compile(r"(?i)\W*(?:with\s+)?severance(?:\s+(?:pay|package|agreed|offered))?\W*")

# ... words saying the person is gone already, the day only the paperwork's ('Terminated 1/15/2027 - escorted
# out', '... - no call no show', '... - walked off the job', '... - effective immediately'): each was sent
# until the day, a card to someone who no longer comes in (review67's Found 4 in session 47, the lead's)
_GONE_ALREADY = re.compile(
    r"(?i)\bescort\w*(?!\s+(?:scheduled|planned|on|at|set)\b)|"
    # (not one planned for the day: 'walk out scheduled', 'escort planned 1/15': the lead, review69)
    r"\bwalk(?:ed|s)?\s+(?:off|out)\b(?!\s+(?:scheduled|planned|on|at|set|is\s+scheduled)\b)|"
    r"\bno[\s-]*call[\s,/&-]*(?:and\s+)?no[\s-]*show|\bncns\b|"
    # (not a card to go at once: 'Terminated 1/15/2027 - mail card immediately', '... - ship immediately' were
    # left out by a bare 'immediately': review69)
    r"\babandon\w*|"
    r"\b(?:effective|eff\.?|left|leaving|terminated|resigned|quit|gone|separated)\s+immediately\b|"
    r"^\W*immediately\W*$|"
    r"\bimmediate(?:ly)?\s+(?:effect|termination|resignation|departure|separation|dismissal)\b|"
    r"\beffective\s+immediate\b|\bbanned\b|\btrespass\w*|\bnot\s+to\s+return\b|(?<!\bnot\s)\bgone\b|"
    r"\bno[\s-]*show\b|\bnever\s+(?:came|come|returned)\b|\bdid\s*n[o']?t\s+(?:come|return)"
)


def may_say_no(words: str) -> bool:
    """Whether the words after a leaving's day say not to send as a note would, or may ('deceased', '... and
    deceased', 'hold until 2/1/2027', 'escorted out'): rounds._SAYS_MORE's words, :data:`_GONE_ALREADY`'s
    or a note's clause saying no."""
    from .clauses import _clauses_say_no, _note_says_no
    from .rounds import _SAYS_MORE

    # ('Terminated 1/15/2027 eligible', '... - severance': sent until then)
    if not words or _STILL_ELIGIBLE.fullmatch(words) or _SEVERANCE.fullmatch(words):
        return False
    if _SAYS_MORE.search(words) or _GONE_ALREADY.search(words):
        return True
    return _clauses_say_no(words, _note_says_no(words))
