"""HR systems' own codes for a person's employment under their own headers (PeopleSoft's 'Empl Status'
letters, Oracle HCM's SUSPEND_PROCESS), read as the plain words they stand for. PeopleSoft ('Empl Status', its
EMPL_STATUS field), beyond ADP's T and D: U (Terminated With Pay), V (Terminated Pension Payout), S
(Suspended); its A, L, P, Q, R, W and X send as before (found by newcomer28). Oracle HCM ('Assignment Status')
in its system codes: SUSPEND_PROCESS, INACTIVE_NO_PROCESS, ... read as Suspended, Inactive (its words,
'Suspend - No Payroll', are status._PERSON_GONE's). Not under another header: other systems' letters mean
other things."""

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


SYSTEM_WORDS: dict[str, Callable[[str], str]] = {
    plain_key("empl status"): _peoplesoft_word,
    plain_key("assignment status"): _oracle_word,
}
