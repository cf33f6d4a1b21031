"""A remark with who told it, or a please, before it: 'per HR do not send', 'Per Jane: skip', 'Jane says
skip', 'Manager said to hold', 'pls skip', 'Please remove'; or who told it after it, where the remark's own
reading knows no 'per' ('Bad address per USPS', 'Undeliverable (per USPS)', 'Address no good according to
Bob'). Each was ordered, exit 0, where 'HR: do not send', 'skip per Jane' and 'Bad address' leave the row out
(found by newcomer19, N1b and N3); or after a slash with no spaces ('Do not send/ask HR'). Read as the
remark alone, with what follows it; what the note says after,
undoing it ('per HR do not send - approved 12/1'), still sends as for the remark alone."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pandas as pd

from .notewords import APPROVER

# who tells it: a name, a role or a team, one to three words
_WHO = r"(?:[\w'’&./-]+\s+){1,3}?"
# ... before the remark: 'Jane says', 'HR said to', 'Manager asked that we'; a please ('per HR', 'according
# to the manager': :func:`_remarks`)
_BEFORE = re.compile(
    rf"(?i)^\s*(?:(?:the|his|her|their)\s+)?(?:{_WHO})?(?:says|said|wants|wanted|asked|asks|requested|requests|confirmed|"
    r"advised|told\s+us|instructed|notes|noted)\s*:?\s+(?:(?:us\s+)?to\s+|that\s+(?:we\s+)?(?:should\s+)?)?(?=\S)|"
    r"^\s*(?:please|pls|plz|kindly)\.?\s+(?=\S)"
)
# ... or a manager, an approver or the person before the remark with no 'says': 'Mgr declined', 'VP denied',
# 'Employee declined award' (found by newcomer26, each ordered where 'Declined by manager' is left out)
_ROLE_BEFORE = re.compile(
    rf"(?i)^\s*(?:the\s+|his\s+|her\s+|their\s+)?(?:manager|mgr|hr|{APPROVER}|employee|ee|associate|recipient|he|"
    r"she|they)\s+(?=(?:declined|denied|rejected|disapproved|(?:has\s+)?not\s+approved)"
    # (the whole note: more after it may take it back, 'Mgr declined - later approved, send', as the
    # note's own reading of 'Declined - ...' does not always see)
    r"(?:\s+(?:the\s+)?(?:gift\s+card|gift|card|award|reward))?\W*$)"
)
# ... or a manager's or an approver's answer no ('Mgr: no', 'Manager - no': found by newcomer26, ordered;
# read apart from the remarks, where 'Terminated: no' answers the word before the colon)
ROLE_SAID_NO = re.compile(
    rf"(?i)\s*(?:the\s+)?(?:manager|mgr|hr|{APPROVER})\s*[:–—-]\s*(?:no|nope|n)\s*[.!]*\s*"
)
# ... and a bare no once who said it is taken off ('VP said no'); not 'no problem', 'no issue'
_BARE_NO = re.compile(r"(?i)\s*(?:no|nope|nah|no\s+way)\s*[.!]*\s*")
# ... or after it, to the note's end: 'per USPS', '(per HR)', 'according to Bob', 'as advised by legal'
_AFTER = re.compile(
    r"(?i)\s*[(\[]?\s*(?:(?:as\s+)?per|according\s+to|as\s+(?:advised|told|confirmed)\s+by)\s+(?:[\w'’&./-]+\s*){1,3}"
    r"[)\]]?\W*$"
)
# ... or a remark after a slash with no spaces ('Do not send/ask HR', 'Hold/per legal', 'Active/terminated'):
# read as after a spaced one ('Do not send / ask HR': ..clauses.SLASHED), which 'w/o', 'N/A', '11/20' are not
# (found by hunter-sends5, its leftover 3)
_UNSPACED_SLASH = re.compile(r"(?i)(?<=[a-z])/(?=[a-z])")
# A person's status word and a no after it with no mark between ('Active terminated', 'Active on hold',
# 'Active DNS'): ordered under 'Status' and 'Notes', where 'Active - terminated' is left out (found by
# review57, given to hunter-sends11): read as with a dash; a new hire's or a leave's too ('New hire hold',
# 'LOA hold': ordered, where 'Hold - new hire' is left out; hunter-sends14). Not words going on ('Active left
# voicemail' reads as 'left voicemail' does, sent)
STATUS_THEN_NO = re.compile(
    r"(?i)^\s*(?:(?:active|remote|hybrid|full[\s-]?time|part[\s-]?time|hourly|salaried)\s+(?=(?:on\s+hold|hold|"
    r"held|terminated|termed|deceased|resigned|inactive|dns|skip|excluded|declined|left|separated|do\s+not|"
    r"don'?t|never)\b)|"
    # (a new hire's or a leave's hold alone: 'LOA hold - returned 11/1' sends, review67)
    r"(?:new[\s-]*hires?|loa|fmla|(?:on\s+)?leave)\s+(?=(?:on\s+)?hold\W*$))"
)

# A no and then a hold with no mark between ('Deceased hold', 'Terminated hold', 'Do not send hold'): ordered,
# where 'Deceased - hold' and 'Deceased' alone are left out (found by review58): read as with a dash, the no
# its own remark
# ... or the card sent, the row a duplicate, the person gone, refusing or not eligible, the address bad
# ('Sent hold', 'Duplicate hold', 'Left company hold', 'Never send hold', 'Bad address hold': each ordered,
# 'Duplicate hold until 1/15/2027' on its day; found by review60 checking 169dbaa5); not where the hold is
# said ended ('Duplicate hold removed', 'Bad address hold released': sent, as with a dash) nor with more
# said after it ('Bad address hold - address updated': read as written, sent)
_MORE_NOS = (
    r"inactive|separated|laid\s+off|fired|left\s+(?:the\s+)?(?:company|firm)|(?:never|do\s+not|don'?t)\s+"
    r"(?:send|mail|ship)|dup(?:licate|e)?|(?:already\s+)?(?:sent|mailed|shipped|delivered)|"
    r"declined|excluded|opted\s+out|not\s+eligible|ineligible|bad\s+address|undeliverable|paid\s+out"
)
# (the hold ended, or a thing named by it: 'hold request', 'hold notice')
_HOLD_ENDED_AFTER = (
    r"(?:on\s+)?hold\s+(?:(?:(?:was|is|has\s+been|now)\s+)?(?:removed|released|lifted|cleared|ended|off)|"
    r"requests?|notices?|mail|letters?|forms?)\b"
)
NO_THEN_HOLD = re.compile(
    r"(?i)^\s*(?:(?:terminated|termed|deceased|resigned|dns|do\s+not\s+send|don'?t\s+send)\s+(?=(?:on\s+)?hold\b)|"
    rf"(?:{_MORE_NOS})\s+(?=(?:on\s+)?hold\b[^-–—,;:.(\[]*$)(?!{_HOLD_ENDED_AFTER}))"
)
# either: where a dash is read between its two parts (..said.remarks._clauses)
UNMARKED_REMARK = re.compile(STATUS_THEN_NO.pattern + "|" + NO_THEN_HOLD.pattern.removeprefix("(?i)"))


# where any may be (a quick look before the patterns)
_MAY_BE_TOLD = re.compile(
    r"(?i)\b(?:per|according|from|says|said|wants|wanted|asked|asks|requested|requests|confirmed|advised|told|"
    r"instructed|notes|noted|please|pls|plz|kindly|declined|denied|rejected|disapproved|approved)\b|"
    r"[a-z]/[a-z]|" + UNMARKED_REMARK.pattern.removeprefix("(?i)")
)


_PER_WITHIN = re.compile(r"(?i)(?<=\S)\s+(?:as\s+)?per\s+")
# a word no teller is: the remark begins at it, its no or its hold ('per HR not terminated', 'Remote per HR
# hold removed', 'Active per HR never left': found by review55 after acc44057, each left out as 'terminated',
# 'removed', 'left' alone)
_REMARK_BEGINS = re.compile(r"(?i)(?:not|no|never|nor|hold|held|on|off|was|terminated|left)\b|\w+n['’]t\b")


def _after_who(rest: str, most: int) -> Iterator[str]:
    """``rest`` without its first one to ``most`` words (each way of telling where who told it ends), not
    past a word that begins a remark."""
    for word in list(re.finditer(r"\S+\s+", rest))[:most]:
        if _REMARK_BEGINS.match(word.group()):
            return
        yield rest[word.end() :]


def _remarks(note: str) -> Iterator[str]:
    """The remark of ``note`` without its teller or its please before it (each of the words it may end at),
    or without its teller after it."""
    for before in (_BEFORE.match(note), _ROLE_BEFORE.match(note)):
        if before is not None:
            yield note[before.end() :]
    # ... 'per' and who, one to three words: each way of telling where the name ends
    opening = re.match(r"(?i)^\s*(?:(?:as\s+)?per|according\s+to|from)\s+", note)
    if opening is not None:
        yield from _after_who(note[opening.end() :], 3)
    # ... or in the middle, with the remark after who told it ('on LOA per HR hold': found by newcomer21, N11,
    # ordered where 'LOA per HR - hold' leaves the row out)
    yield from told_within(note)
    if _UNSPACED_SLASH.search(note):
        yield _UNSPACED_SLASH.sub(" / ", note)
    status = STATUS_THEN_NO.match(note)  # ('Active terminated': its remark 'terminated')
    if status is not None:
        yield note[status.end() :]
    no = NO_THEN_HOLD.match(note)  # ('Deceased hold': its remark 'Deceased')
    if no is not None:
        yield note[: no.end()]
    after = _AFTER.search(note)
    if after is not None and after.start() > 0:
        yield note[: after.start()]


def told_within(note: str) -> Iterator[str]:
    """The remarks after who told them in the middle of ``note`` ('on LOA per HR hold': 'hold'), without who
    (each way of telling where who ends)."""
    for told in _PER_WITHIN.finditer(note):
        yield from _after_who(note[told.end() :], 2)


def told_no(column: pd.Series, said: pd.Series, says_no: Callable[[str], bool]) -> pd.Series:
    """The texts of ``column`` not ``said`` whose remark, read without who told it (:func:`_remarks`), says no
    (``says_no``: a note's reading, whole and by clause)."""
    found = pd.Series(False, index=column.index)
    maybe = ~said & column.str.contains(_MAY_BE_TOLD)
    if maybe.any():
        found[maybe] = [
            any(
                rest.strip() and (says_no(rest) or _BARE_NO.fullmatch(rest) is not None)
                for rest in _remarks(note)
            )
            for note in column[maybe].tolist()
        ]
    return found
