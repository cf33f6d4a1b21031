"""A hold said again after the day it holds to: 'Card on hold until 1/15/2031 (Hold off)', 'Hold until
1/15/2031 - wait', 'On hold until 1/15/2031. Hold'. The note holds its row until that day; read alone, the
'Hold off' (or 'Hold', 'Wait') after it said no for good, and the row was left out where the note without it
is held, then sent on its day (found by the lead after 26f15a35: reading 'Hold off' as a hold made the first
left out for good). Only a bare hold restated: 'Do not send' after the day is more than the hold, and stays
as it is read."""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from .kinds import _SAYS_NOT_YET
from .untilwords import _UNTIL, AWAY_UNTIL

# a clause holding, no more: 'Hold', 'Hold off', 'On hold', 'Wait', 'Please wait', '... for now', in
# brackets or after a sign
_RESTATED = re.compile(
    r"(?i)(?:\s+[-–—/]\s+|\s*[(\[]\s*|\s*[,;.:!]\s*|\s*\n\s*)(?:(?:please|pls)\s+)?(?:(?:on\s+)?hold(?:\s+off)?|wait)"
    r"(?:\s+for\s+now)?\s*[)\]]?[\s.!]*(?=$|\n)"
)
# ... or to send when the person is back, after the day they are away until ('on LOA until 1/15 - send when
# back': newcomer19's N2, left out for good, never held to 1/15; mended by review50); not after another day
# ('Hold released 10/1/2025, Maternity leave - send when back')
_AWAY = re.compile(rf"(?i)\b{AWAY_UNTIL}")
_SEND_WHEN_BACK = re.compile(
    r"(?i)(?:\s+[-–—/]\s+|\s*[(\[]\s*|\s*[,;.:!]\s*)(?:(?:please|pls)\s+)?(?:send|ship|mail)(?:\s+(?:it|(?:the\s+)?"
    r"(?:gift\s+)?card))?\s+(?:when|once|after|upon)\s+(?:(?:she|he|they)(?:['’]s|\s+(?:is|are|gets|comes))?\s+)?"
    r"(?:back|returns?|(?:her|his|their)\s+return)\s*[)\]]?[\s.!]*$"
)


def without_restated_holds(
    column: pd.Series, said: pd.Series, read: Callable[[pd.Series], dict[int, str]]
) -> pd.Series:
    """``column`` with the texts ``said`` not to send, naming a day to hold to (:data:`.untilwords._UNTIL`),
    whose saying no is only a bare hold restated (:data:`_RESTATED`), written without it: ``read`` (the notes'
    reading: index -> reason) holds them to their day so, or sends them once it passed."""
    if not said.any():
        return column
    texts = column[said]
    texts = texts[texts.map(lambda text: _UNTIL.search(text) is not None).astype(bool)]
    bare = texts.str.replace(_RESTATED, "", regex=True)
    away = bare.str.contains(_AWAY)
    bare[away] = bare[away].str.replace(_SEND_WHEN_BACK, "", regex=True)
    changed = bare[bare != texts]
    if changed.empty:
        return column
    still = read(changed)
    held = [at for at in changed.index if still.get(at, _SAYS_NOT_YET).startswith(_SAYS_NOT_YET)]
    return column.where(~column.index.isin(held), bare.reindex(column.index))
