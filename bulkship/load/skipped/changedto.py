"""A status written as its change ('Active -> Terminated', 'Active → Deceased', 'Changed from Active to
Terminated', 'Status changed to Inactive', 'Inactive -> Active'): what it says now is the state after the
change. Read whole, each was sent, whichever the change (found by review77: 'Active -> Terminated' under Notes
and Status ordered a card to someone gone), and 'Inactive -> Active' left out. The state after is read as the
cell (:func:`now_of`, beside :func:`.answered.answered`). Also a state said with marks or a label around it
('❌ Terminated', 'Status = Terminated', 'Employed: No': :func:`state_of`)."""

from __future__ import annotations

import re

# the states a change is written between: an HR system's or a CRM's (not a hold's or a no's: 'DNS -> per
# HR' says no still)
_STATE = (
    r"(?:active|inactive|terminated|termed|term|deceased|resigned|retired|separated|suspended|laid[\s-]*off|"
    r"on\s+leave|loa|leave|leave\s+of\s+absence|pending|new\s+hire|hired|rehired|employed|current|former|[ait])"
)
_ARROW = r"\s*(?:->|→|=>|⇒|-->)\s*"
_STATUS = r"(?:(?:employee\s+|employment\s+)?status\s*:?\s*)?"
_CHANGED = re.compile(
    # 'Active -> Terminated', 'Status: Active → Deceased 11/20', 'Active > Terminated', 'Active to Terminated'
    rf"(?i)\s*{_STATUS}(?:changed\s+)?(?:from\s+)?{_STATE}(?:{_ARROW}|\s+>\s+|\s+to\s+)"
    rf"(?P<now>{_STATE}\b.{{0,60}}?)\s*"
    # 'Changed from Active to Terminated', 'Status changed to Inactive'
    rf"|\s*{_STATUS}changed\s+(?:from\s+{_STATE}\s+)?to\s+(?P<to>{_STATE}\b.{{0,60}}?)\s*"
)
_MAY_CHANGE = re.compile(r"(?i)->|→|=>|⇒|\s>\s|\sto\s")


def now_of(text: str) -> str:
    """``text``, or the state after the change it writes ('Active -> Terminated' is 'Terminated')."""
    if not isinstance(text, str) or _MAY_CHANGE.search(text) is None:
        return text
    found = _CHANGED.fullmatch(text)
    now = found and (found["now"] or found["to"])
    return text if not now or _MAY_CHANGE.search(now) else now


# A state said with marks or a label around it ('❌ Terminated', '*Terminated*', 'Status = Terminated',
# 'Employed: No', 'Terminated effective immediately', 'Terminated & deceased', 'Emp terminated', 'Termd'):
# each was sent under Notes (most under Status too) where the state alone leaves the row out (found by
# review77). Read as the state (:func:`state_of`)
_MARKS = r"[\s*_~❌✖✗✘×☒⛔🚫•·]"
_LEAVING = r"terminated|termed|term|resigned|separated|laid[\s-]*off|dismissed|fired|deceased|inactive"
_SAID_AS = [
    (re.compile(rf"(?i){_MARKS}*(?P<s>(?:{_LEAVING})\b[^*_~❌✖✗✘×☒⛔🚫]*?){_MARKS}*[!.]*"), r"\g<s>"),
    (
        re.compile(
            rf"(?i)\s*(?:(?:employee|employment|emp|hr|current)\s+)?status\s*[:=-]\s*(?P<s>{_STATE}\b.*)"
        ),
        r"\g<s>",
    ),
    (
        re.compile(
            r"(?i)\s*(?:currently\s+|still\s+)?(?:active|employed|with\s+(?:the\s+)?(?:company|us|firm))"
            r"\s*[:=]\s*(?:no|n)\s*[.!]*"
        ),
        "No longer employed",
    ),
    (re.compile(rf"(?i)\s*(?P<s>{_LEAVING})\s+(?:effective|eff\.?)\s+immediately[.!]*"), r"\g<s>"),
    (re.compile(rf"(?i)\s*(?:{_STATE})\s*(?:and|&|\+|/)\s*(?:deceased|passed\s+away|died)[.!]*"), "Deceased"),
    (
        re.compile(r"(?i)\s*emp\.?\s+(?P<s>terminated|termed|resigned|deceased|separated)\b(?P<r>.*)"),
        r"Employee \g<s>\g<r>",
    ),
    (re.compile(r"(?i)\s*termd[.!]*"), "Termed"),
]


def state_of(text: str) -> str:
    """``text`` as the state it says (:data:`_SAID_AS`), or as it is."""
    if not isinstance(text, str):
        return text
    for found, said in _SAID_AS:
        if (match := found.fullmatch(text)) is not None and match.expand(said) != text:
            return match.expand(said)
    return text
