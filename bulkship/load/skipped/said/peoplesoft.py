"""PeopleSoft's letters for a person's employment under its own header ('Empl Status', its EMPL_STATUS field)
beyond ADP's T and D: U (Terminated With Pay), V (Terminated Pension Payout), S (Suspended), read as the
words they stand for. Read as nothing, each card went to someone terminated or suspended (found by
newcomer28). Its other letters send as before: A, L and P (leaves), Q, R and X (retired), W (a short work
break). Not under another header: other systems' letters mean other things."""

from __future__ import annotations

from ..languages import plain_key

PEOPLESOFT_STATUS = frozenset({plain_key("empl status")})
_WORDS = {"u": "Terminated", "v": "Terminated", "s": "Suspended"}


def peoplesoft_word(text: str) -> str:
    """The word a PeopleSoft letter stands for, or ``text`` as it is."""
    return _WORDS.get(text.strip().casefold(), text)
