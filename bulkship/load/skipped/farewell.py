"""A farewell list's leavers (its titles name it one: 'Farewell gifts.csv', 'Retirement gifts 2026',
:func:`.leavingday.farewell_list`): a resignation, a retirement or a last day said in a note or a status
('Resigned 11/20', 'Retired', 'Resigned - last day 11/20') names one of its recipients, sent with a warning
naming the row (..problems.farewellrows); a termination ('Terminated 11/20', 'Laid off', a passed
'Termination Date') asks whether a farewell gift goes to someone let go; a death stays left out. Each was left
out, nobody asked, where 'Last day 11/20' was sent (review75's Found 1; the lead's decision of session 51)."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from .answered import answered
from .days import _dates
from .leavingday import _A_DAY, _A_JOURNEY, _STAYS, LEAVING_DAY, leaving_later, may_say_no
from .undone import _UNDONE

SENT = "sent"  # one of the list's leavers: sent, a warning saying so
ASKED = "asked"  # let go: the error asking

# a leaving by the person's choice, or said without who chose it (a last day, an exit)
_BY_CHOICE = (
    r"resign(?:ed|ing|s|ation)|retir(?:ed|ing|es|ement)|leaving|left|depart(?:ed|ing|ure)|"
    r"last\s+(?:(?:working|work|business|physical|official)\s+)?day|lwd|ldw|gave\s+notice|notice\s+given|"
    r"moving\s+on|exit(?:ed|ing)?|off[\s-]?board(?:ed|ing)?|"
    # ... or a notice being served ('On notice', 'Serving notice', 'Notice period': a leaver of the list's,
    # asked whether to send before, as on any list: the lead's closing note of session 52; review79)
    r"on\s+notice|serving\s+(?:(?:his|her|their)\s+)?notice|notice\s+period|working\s+(?:out\s+)?"
    r"(?:(?:his|her|their)\s+)?notice"
)
# ... the person said still here until the last day ('Resigned - still here until 11/20'): the last day said
# again, no wait (left out on a farewell list, where 'Resigned - last day 11/20' is sent: the lead's closing
# note of session 52; review79)
_STILL_HERE = re.compile(
    r"(?i)\b(?:still\s+)?(?:employed|here|working|on\s+(?:staff|payroll))\s+(?:until|through|thru|till)\b"
)
# ... a leaving the company chose: asked
_LET_GO = (
    r"terminat(?:ed|ing|ion)|term(?:ed|['’]d)?|(?:(?:in)?vol(?:untary|\.)?\s+)term(?:ination)?|fired|"
    r"dismiss(?:ed|al)|let\s+go|(?:laid|layed)[\s-]*off|lay[\s-]?off|rif(?:['’]?d)?|reduction\s+in\s+force|"
    r"separat(?:ed|ion)|(?:position|role|job)\s+eliminated|made\s+redundant|redundan(?:t|cy)"
)
_LET_GO_SAID = re.compile(rf"(?i)\b(?:{_LET_GO})\b")
# the note opens with the leaving ('Resigned 11/20', 'Has retired', 'Employee resigned - last day 11/20')
_OPENS = re.compile(
    rf"(?i)\W*(?:(?:the\s+)?(?:employee|ee|s?he|they)\s+)?(?:(?:has|have|had|was|is|will\s+be)\s+)?"
    rf"(?:{_BY_CHOICE}|{_LET_GO})\b"
)
# ... and the words that only say it again, its day or its kind ('- last day 11/20', '(voluntary)', 'eff.
# 11/20', 'the company'): what is left of the note besides is read as a note is, and may say no
_SAYS_IT_AGAIN = re.compile(
    rf"(?i)\b(?:{_BY_CHOICE}|{_LET_GO}|{_A_DAY}|(?:19|20)\d\d|effective|eff|on|as\s+of|is|was|has|have|had|date|"
    r"employee|ee|s?he|they|"
    r"the|company|firm|co|team|us|voluntar(?:y|ily)|vol|his|her|their|employment|of|work)\b"
)
# ... or say why or how, which asks nothing of the card ('per HR', 'with 2 weeks notice', 'to pursue other
# opportunities', 'family reasons'): any other words ('Resigned - estate', '... - gift given at the party')
# ask, as a careful reader would
_NOTHING_MORE = re.compile(
    r"(?i)\b(?:per|by|hr|manager|mgr|payroll|with|notice|(?:two|\d+)\s*(?:weeks?|wks?)['’]?|good|standing|terms|new|job|role|"
    r"position|opportunit(?:y|ies)|pursu(?:e|ing)|other|to|for|family|personal|reasons?|relocat\w*|moving|"
    r"school|career|change|and|after|years?|yrs|service|congrats|congratulations)\b"
)
# ... nor one held to a time ('Last day next week - Send after 12/20', 'Left - send once confirmed'): held
_WAITS = re.compile(
    r"(?i)\b(?:hold|held|wait\w*|until|till|after|before|pending|once|when|later|not\s+yet|next\s+(?:week|month))\b"
)
_A_DAY_IN = re.compile(rf"(?i)\b(?:{_A_DAY})(?![/.-]?\d)")


def _more(text: str) -> tuple[str, str]:
    """The words of a leaver's ``text`` besides its leaving and its day, and those besides why or how."""
    rest = _SAYS_IT_AGAIN.sub(" ", text).strip(_MARKS)
    return rest, _NOTHING_MORE.sub(" ", rest).strip(_MARKS)


_MARKS = " .,;:-–—()[]/'\""


def farewell_reading(text: str) -> str:
    """What a farewell list makes of a note or a status ``text`` (its questions answered: 'Left company? yes'
    is 'Left company'): :data:`SENT` (a leaver), :data:`ASKED` (let go, or more words than why or how) or ''
    (read as on any list: a question, a leaving undone or of a journey, more words saying no, a death)."""
    text = _STILL_HERE.sub(" last day ", answered(text)).strip()
    if not text or "?" in text or _OPENS.match(text) is None:
        return ""
    if _A_JOURNEY.search(text) or _STAYS.search(text) or _UNDONE.search(text) or _WAITS.search(text):
        return ""
    rest, more = _more(text)
    if rest and may_say_no(rest):
        return ""
    if _LET_GO_SAID.search(text):
        return ASKED
    # (more words after a last day passed sent it on a farewell list before, as ..leavingday.left_by reads it:
    # 'Last day 11/20, Name corrected')
    return ASKED if more and LEAVING_DAY.match(text) is None else SENT


def says_a_last_day(text: str) -> bool:
    """Whether ``text`` names a leaving day ('Active - leaving 11/15', 'Signed up online: Last day 11/20'),
    the rest of it saying no other no: what :func:`.leavingday.left_by` spares on a farewell list."""
    found = LEAVING_DAY.search(text)
    if found is None or _A_JOURNEY.search(text):
        return False
    rest = (text[: found.start()] + " " + text[found.end() :]).strip(_MARKS)
    return not rest or not may_say_no(rest)


def let_go_to_come(text: str, today: date) -> bool:
    """Whether ``text`` says only that the person is let go on a day after ``today`` ('Terminated 1/15/2027',
    'Laid off 1/15/2027 per HR'): sent on any list until then, asked on a farewell list."""
    text = answered(text).strip()
    if farewell_reading(text) != ASKED or _LET_GO_SAID.search(text) is None or _more(text)[1]:
        return False
    return day_to_come(text, today)


def farewell_readings(column: pd.Series) -> pd.Series:
    """:func:`farewell_reading` of each text of ``column`` (each distinct text read once)."""
    readings = {text: farewell_reading(text) for text in set(column.tolist())}
    return column.map(readings)


def day_to_come(text: str, today: date) -> bool:
    """Whether a leaver's ``text`` names a day after ``today`` ('Resigned 1/15/2027'): sent on any list
    until then, so no warning says it."""
    days = [found[0] for found in _A_DAY_IN.finditer(text)]
    return bool(days) and bool(leaving_later(pd.Series(days), today).any())


# A leaving day column's header: the day of a death (left out as before), of a leaving by choice or unsaid
# ('Last Day', 'Resignation Date': sent with a warning) or of a termination ('Termination Date',
# 'Separation Date': asked)
_A_DEATH_S = re.compile(r"(?i)\b(?:death|deceased|died)\b")
_BY_CHOICE_DAY = re.compile(r"(?i)\b(?:resign\w*|retire\w*|last|leaving|left|depart\w*|exit)\b")


def day_column_reading(header: str) -> str:
    """What a farewell list makes of a leaving day passed in the column ``header``."""
    if _A_DEATH_S.search(header):
        return ""
    return SENT if _BY_CHOICE_DAY.search(header) else ASKED


def spared(column: pd.Series, header: str, is_day_column: bool) -> pd.Series:
    """The texts of ``column`` a farewell list sends or asks of rather than leaving out: its leavers' notes
    and statuses, or the days of a leaving day column (each distinct text once)."""
    if is_day_column:
        if not day_column_reading(header):
            return pd.Series(False, index=column.index)
        return _dates(column).notna()
    return farewell_readings(column.str.strip()) != ""
