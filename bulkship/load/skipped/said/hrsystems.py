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
from collections.abc import Callable, Iterable

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


# SAP SuccessFactors' employee status codes (its emplStatus picklist) under an employment status
# ('Employee Status' = S, O): S (Suspended) and O (Reported No Show) were sent, where its words are left out
# (newcomer29's N5, hunter-asks7). Read so only where the column's other letters are its codes (A, U or D
# beside them): many an export writes the employment's kind there, F/P/S/T for full-time, part-time,
# seasonal, temporary, where S is no suspension and T no termination. Elsewhere S and O, and T beside F or P,
# ask (:func:`asked`)
_SF_LETTERS = {"a": "Active", "u": "Unpaid Leave", "p": "Paid Leave", "r": "Retired", "s": "Suspended",
               "f": "Furlough", "t": "Terminated", "d": "Discarded", "o": "Reported No Show"}  # fmt: skip
_SF_ALONE = frozenset("aud")  # (its letters no kind of employment is written with)
_KINDS = frozenset("fpstcr")  # full-time, part-time, seasonal, temporary, contract, regular
_TWO_WAYS = {"s": "Suspended", "o": "Reported No Show"}  # (its codes another export writes otherwise)


def _letters(texts: Iterable[str]) -> frozenset[str]:
    """The one-letter cells of a column, folded."""
    return frozenset(t.strip().casefold() for t in texts if len(t.strip()) == 1 and t.strip().isalpha())


def successfactors(texts: Iterable[str]) -> bool:
    """Whether a column's letters are SuccessFactors' employee status codes (:data:`_SF_LETTERS`)."""
    letters = _letters(texts)
    return bool(letters & _SF_ALONE) and letters <= _SF_LETTERS.keys()


def asked(texts: Iterable[str]) -> dict[str, str]:
    """The letters of an employment status column that ask what they stand for: S and O where the column is
    not SuccessFactors' (:func:`successfactors`); T beside F or P in a column of employment kinds, its
    termination or a temporary hire. Letter -> what else it may be."""
    texts = list(texts)
    letters = _letters(texts)
    if successfactors(texts):
        return {}
    found = {c: "SuccessFactors' code for " + _TWO_WAYS[c] for c in letters & _TWO_WAYS.keys()}
    if "t" in letters and letters <= _KINDS and letters & {"f", "p"}:
        found["t"] = "Terminated"
    return found


def letters_read(texts: Iterable[str]) -> Callable[[str], str]:
    """How an employment status column's cells read: SuccessFactors' letters as its words where the column
    is its codes; a letter that asks (:func:`asked`) as nothing (..problems.statusletters asks it)."""
    texts = list(texts)
    if successfactors(texts):
        return lambda text: _SF_LETTERS.get(text.strip().casefold(), text)
    asking = asked(texts)
    return lambda text: "" if text.strip().casefold() in asking else text


# ... and under 'Empl Status' (PeopleSoft's EMPL_STATUS, and SuccessFactors' own field 'emplStatus', which
# reads as it): a column of SuccessFactors' codes (F or O among them, none of PeopleSoft's own L, Q, V, W,
# X) is read as its words: its U (Unpaid Leave) was left out as PeopleSoft's Terminated With Pay, its O
# (Reported No Show) sent (hunter-asks7)
_PEOPLESOFT_ALONE = frozenset("lqvwx")
_SF_NOT_PEOPLESOFT = frozenset("fo")


def system_read(key: str, texts: Iterable[str]) -> Callable[[str], str]:
    """How a column under an HR system's own header ``key`` (:data:`SYSTEM_WORDS`) reads, by its cells."""
    texts = list(texts)
    letters = _letters(texts)
    if (
        key == plain_key("empl status")
        and letters & _SF_NOT_PEOPLESOFT
        and not letters & _PEOPLESOFT_ALONE
        and letters <= _SF_LETTERS.keys()
    ):
        return lambda text: _SF_LETTERS.get(text.strip().casefold(), text)
    return SYSTEM_WORDS[key]
