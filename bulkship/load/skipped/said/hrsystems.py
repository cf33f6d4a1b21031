"""HR systems' own codes for a person's employment under their own headers (PeopleSoft's 'Empl Status'
letters, Oracle HCM's SUSPEND_PROCESS), read as the plain words they stand for. PeopleSoft ('Empl Status', its
EMPL_STATUS field), beyond ADP's T and D: U (Terminated With Pay), V (Terminated Pension Payout), S
(Suspended); its A, L, P, Q, R, W and X send as before (found by newcomer28). Oracle HCM ('Assignment Status')
in its system codes: SUSPEND_PROCESS, INACTIVE_NO_PROCESS, ... read as Suspended, Inactive (its words,
'Suspend - No Payroll', are status._PERSON_GONE's). Not under another header: other systems' letters mean
other things. A leave's status (UKG's, BambooHR's, SuccessFactors' 'Leave Status') in its own words:
'Approved', 'Denied', 'Cancelled', 'Closed' are the leave's, read as nothing said."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..languages import plain_key

_PEOPLESOFT_LETTERS = {"u": "Terminated", "v": "Terminated", "s": "Suspended"}
_ORACLE_CODE = re.compile(r"\s*(active|inactive|suspend)_(?:no_)?process\s*", re.IGNORECASE)
_ORACLE_CODE_WORDS = {"active": "Active", "inactive": "Inactive", "suspend": "Suspended"}


def _peoplesoft_word(text: str) -> str:
    return _PEOPLESOFT_LETTERS.get(text.strip().casefold(), text)


def _oracle_word(text: str) -> str:
    code = _ORACLE_CODE.fullmatch(text)
    return _ORACLE_CODE_WORDS[code[1].casefold()] if code else text


# The words of a leave's own process (requested, approved or not, open or closed) and of its kind: a leave
# status made of these alone says nothing of the card ('Denied' is the leave's, not the card's: hunter-asks6)
_LEAVE_WORDS = frozenset(
    {"approved", "approval", "denied", "rejected", "declined", "pending", "requested", "request", "submitted",
     "cancelled", "canceled", "withdrawn", "closed", "open", "opened", "active", "inactive", "completed",
     "complete", "returned", "return", "returning", "to", "from", "work", "rtw", "in", "progress", "extended",
     "extension", "exhausted", "expired", "ended", "scheduled", "planned", "under", "review", "awaiting",
     "waiting", "for", "documentation", "docs", "certification", "paid", "unpaid", "intermittent",
     "continuous", "reduced", "schedule", "leave", "loa", "fmla", "std", "ltd", "medical", "parental",
     "maternity", "paternity", "military", "personal", "sick", "disability", "short", "long", "on", "not",
     "none", "n", "a", "na", "partial", "full", "time", "by", "employee", "manager", "hr", "of", "absence"}
)  # fmt: skip
_LEAVE_TERM = re.compile(r"(?i)\b(?:long|short)[\s-]+term\b")  # ('term' alone is a dismissal)


def leave_word(text: str) -> str:
    """A leave status's cell: nothing where its words are all the leave's own (:data:`_LEAVE_WORDS`)."""
    words = re.findall(r"[a-z]+", _LEAVE_TERM.sub("long", text.casefold()))
    return "" if words and set(words) <= _LEAVE_WORDS else text


SYSTEM_WORDS: dict[str, Callable[[str], str]] = {
    plain_key("empl status"): _peoplesoft_word,
    plain_key("assignment status"): _oracle_word,
}
