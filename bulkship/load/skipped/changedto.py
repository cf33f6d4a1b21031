"""A status written as its change ('Active -> Terminated', 'Active → Deceased', 'Changed from Active to
Terminated', 'Status changed to Inactive', 'Inactive -> Active'): what it says now is the state after the
change. Read whole, each was sent, whichever the change (found by review77: 'Active -> Terminated' under Notes
and Status ordered a card to someone gone), and 'Inactive -> Active' left out. The state after is read as the
cell (:func:`now_of`, beside :func:`.answered.answered`)."""

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
