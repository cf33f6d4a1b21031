"""A status cell of more than one statement ('Returned - resend mailed 11/25', 'Active - card sent 11/20', 'On
leave; deceased 11/2'): the status read from its start says nothing of the rest, which is read clause by
clause as a note is (:mod:`..clauses`). A status naming the card ('Card returned') is read whole so.

Found by review36 and hunter-falsealarm8 (their leftovers): under 'Status' or 'Employee Status', 'Returned -
resend mailed 11/25', 'Resend requested 11/20 - resent 11/25', 'Active - card sent 11/20', 'Active -
deceased', 'Card returned' were each ordered, exit 0, where the same words under 'Notes' leave the row out.
'Returned' alone (from a leave) still sends, as a note saying it does."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from ..clauses import _clauses_say_no, _note_says_no
from ..days import _note_not_yet
from ..notewords import NO_FOR_A_WHILE, UNDOING_A_NO, WORDS_BEFORE_A_NO
from ..told import _UNSPACED_SLASH, ROLE_SAID_NO, UNMARKED_REMARK, told_within
from ..undone import ended_before
from ..untilwords import _UNTIL

# ... a statement of the card itself, read whole ('Card returned', 'Gift card came back')
_NAMES_THE_CARD = re.compile(r"(?i)^\W*(?:(?:the|his|her|their)\s+)?(?:gift\s*)?cards?\b")
# ... but not the states a person's status keeps sending, said in the remark ('Active - pending termination',
# 'Active - notice given', 'Active - offboarding': still here, as those statuses alone are)
_STILL_HERE = re.compile(
    r"(?i)\s*(?:(?:pending|upcoming|planned|scheduled)\s+(?:termination|separation|resignation|retirement|exit|"
    r"departure)|notice\s+(?:given|period|served)|(?:serving|working|gave)\s+(?:out\s+)?(?:(?:his|her|their)\s+)?"
    r"notice|offboarding)\b[^-–—;:.]*"
)


# ... and a payroll code before the status, which is the status's first clause ('I - Inactive - LOA': the code
# I of 'Inactive - LOA', whose remark is 'LOA'; as .status reads it)
# ... never a leave's letters ('LOA hold', read 'LOA - hold': its code LOA, the hold its status, ordered)
# ... nor the e of an e-gift ('E-gift only': its code E, ordered where under 'Notes' left out; review67)
# ... nor a word's 'non-', nor a mail house's DPV ('Non-deliverable', 'DPV: N': ordered; hunter-asks4)
_CODE = re.compile(
    r"\s*(?!(?:loa|pto)\b)(?!e-(?:gifts?|cards?|mail)\b)(?!non-|dpv\b)[a-z]{1,3}\s*[-–—:]\s*(?=\S)",
    re.IGNORECASE,
)


# A no after the status with no mark before it ('Active do not send'): ordered under 'Status', where under
# 'Notes' the row is left out (found by review55); not after a word undoing it ('Removed from do not send',
# 'was do not send': left out since, found by review57)
_UNMARKED_NO = (
    r"(?<=\w)" + "".join(rf"(?<!\b{word})" for word in UNDOING_A_NO) + r"\s+"
    r"(?=(?:do\s+not|don'?t|never)\s+(?:send|ship|mail)\b)"
)
_NO_UNMARKED = re.compile("(?i)" + _UNMARKED_NO)


def _clauses(cell: str) -> str:
    """The cell on one line, each of its lines a clause ('Active\nDeceased': 'Active - Deceased'), without
    a code before the status, the states still here ('pending termination') left out."""
    said = " - ".join(line.strip() for line in cell.splitlines() if line.strip())
    said = _NO_UNMARKED.sub(" - ", said)  # ('Active do not send': 'Active - do not send')
    # ('Active terminated', 'Do not send hold': 'Active - terminated', 'Do not send - hold')
    said = UNMARKED_REMARK.sub(lambda found: f"{found[0].rstrip()} - ", said, count=1)
    said = _UNSPACED_SLASH.sub(" / ", said)  # ('Active/terminated': as 'Active / terminated' is read)
    code = _CODE.match(said)
    # ('PIP - removed 11/1': no code; nor 'RTS - VIP client', 'DNS - top seller', a no of its own: found by
    # review48, read as the code of 'VIP client' its row was ordered)
    coded = code and not ended_before(said, 0, len(said)) and not _note_says_no(code[0].strip(" -–—:"))
    # ... nor a manager's or an approver's answer ('Mgr: no', 'VP: no': read as the code of 'no', ordered
    # where 'Manager: no' is left out; hunter-asks4)
    coded = coded and not ROLE_SAID_NO.fullmatch(said)
    return _STILL_HERE.sub(" ", _CODE.sub("", said, count=1) if coded else said)


# A cell none of whose characters can part two clauses (:data:`..clauses._CLAUSE`: a dash, a sentence's end,
# a line: any str.splitlines() parts at): its status alone, no remark after it ('Active', 'On Leave'; a column
# of 100,000 'Active 1042' was read cell by cell as notes are: hunter-sheets23's leftover 2)
# (a comma, a bracket and a spaced slash too: ..clauses._ASIDE)
# (a slash between two words too: 'Active/terminated' was ordered, where 'Active / terminated' is left out:
# hunter-sends8's item 2)
# (who told it in the middle too, or a no with no mark: 'Active per HR on hold', 'Active do not send')
# (a hold until a day after the status with no mark too: 'New hire hold until 1/15/2027', 'LOA hold until
# 1/15/2027' were ordered at once, where under 'Notes' each waits for its day; found by review60)
_UNMARKED_HOLD_UNTIL = (
    rf"^\s*{WORDS_BEFORE_A_NO}(?=(?:(?:put\s+)?on\s+)?hold\s+(?:(?:the\s+|her\s+|his\s+)?card\s+)?"
    r"(?:until|till|til|thru|through)\b)"
)
_MAY_PART = re.compile(
    r"(?i)[-–—.;:!?,(\[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]|\s/\s|(?<=[a-z])/(?=[a-z])|\sper\s|"
    + _UNMARKED_NO
    + "|"
    + UNMARKED_REMARK.pattern.removeprefix("(?i)")
    + "|"
    + _UNMARKED_HOLD_UNTIL
)


def remarks_say_no(column: pd.Series, today: date | None) -> pd.Series:
    """Which cells of a status column (distinct texts) say no in a remark after the status, read as a note's
    clauses are, or in a statement of the card read whole. ``today``: the day an earlier round's card is told
    from this round's by (None: every card sent counts)."""

    def says_no(cell: str) -> bool:
        text = _clauses(cell)
        if _NAMES_THE_CARD.match(cell):
            return _clauses_say_no(text, _note_says_no(text), today)
        # (its first clause is the status's); or a remark after who told it, read without who, as a note's is
        # ('Active per HR on hold': found by review55, ordered where under 'Notes' it is left out)
        return _clauses_say_no(text, False, today) or any(
            rest.strip() and _clauses_say_no(rest, _note_says_no(rest), today) for rest in told_within(text)
        )

    parted = column.str.contains(_MAY_PART) | column.str.match(_NAMES_THE_CARD)
    said = pd.Series(False, index=column.index)
    said[parted] = column[parted].map(says_no).astype(bool)
    return said


def remarks_not_yet(
    column: pd.Series, said: pd.Series, not_yet: pd.Series | None, today: date
) -> tuple[pd.Series, pd.Series | None]:
    """``said`` and ``not_yet`` of a status column's distinct texts with the remarks after a status that hold
    the row until a day, as a note's do ('Active - on hold until 1/15/2027', 'Active - card on hold until
    1/15/2027': found by review48, each ordered on Dec 5, where 'On hold until 1/15/2027' under 'Notes' waits
    for its day). The status alone keeps its own reading."""
    said, not_yet = _own_hold_until(column, said, not_yet, today)
    remarked = ~said & column.str.contains(_MAY_PART)
    if not remarked.any():
        return said, not_yet
    held, dated = _note_not_yet(column.where(remarked, ""), today)
    held &= remarked
    dated &= held
    return said | held, dated if not_yet is None else not_yet | dated


# A status holding the row until a day ('Hold until Jan', 'On hold until 1/15/2027'): left out for good, where
# under 'Notes' it waits for its day and goes on it (review48's leftover 5, mended by review50)
# ... or for a month ('Hold for January', 'hold for Jan batch': newcomer22's N2, left out for good)
# ... or a no until a day ('Do not send until 1/15/2027', 'DNS until 1/15/2027': left out for good under
# 'Status', where under 'Notes' each waits for its day; review60's leftover 6, decided by hunter-asks1 as
# 'Do not send before 1/15/2027' was read already)
# ... or not eligible until a day ('Not eligible until 11/1', 'Ineligible till 1/15/2027': left out for good,
# where under 'Notes' each waits for its day, a day passed sends it: review69)
_HOLD_UNTIL = re.compile(
    r"(?i)^\W*(?:(?:on\s+)?hold|(?:do\s+not|don['’]?t|dns)(?:\s+(?:send|ship|mail)(?:\s+(?:the\s+)?card)?)?|"
    r"(?:not\s+eligible|ineligible)(?:\s+for\s+(?:a\s+|the\s+)?(?:gift\s+card|gift|card))?)"
    r"\s+(?:(?:until|till|til)\b|for(?=\s+(?:the\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b))"
    # ... or a no for a while ('Excluded until 11/1', passed: left out for good; review71)
    rf"|^\W*{NO_FOR_A_WHILE}\b"
)
# ... not one asking something after it ('On hold until 3/1/2031 - Send Target instead'): a status's asks are
# not read (a note's are), so on its day the row would go as it stands
_ASKS = re.compile(r"(?i)\b(?:send|ship|mail|deliver|instead)\b")


def _own_hold_until(
    column: pd.Series, said: pd.Series, not_yet: pd.Series | None, today: date
) -> tuple[pd.Series, pd.Series | None]:
    """``said`` and ``not_yet`` with the status cells holding the row until a day read as a note's are: a day
    to come holds the row until it, a day passed sends it; unless a remark after it says no ('Hold until
    1/15/2027 - terminated') or asks something (:data:`_ASKS`), or no day is read ('Hold until further
    notice'): left out, as before."""
    own = said & column.str.match(_HOLD_UNTIL)
    if not own.any():
        return said, not_yet
    cells = column.where(own, "")
    named = own & cells.str.extract(_UNTIL, expand=False).notna()
    if not named.any():
        return said, not_yet
    held, dated = _note_not_yet(cells.where(named, ""), today)
    asks = cells.str.replace(_HOLD_UNTIL, "", regex=True).str.contains(_ASKS)  # (not its own 'Do not send')
    alone = named & ~remarks_say_no(cells.where(named, ""), today) & ~asks
    said = said & ~(alone & ~held)  # (the day passed)
    dated = alone & held & dated
    return said, dated if not_yet is None else not_yet | dated
