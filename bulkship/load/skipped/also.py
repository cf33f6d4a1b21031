"""A note saying what leaves a row out, with a word saying it holds for this row as for another, or once
more: 'Also declined', 'Declined again', 'Duplicate as well', 'Received one as well', 'Also got one in Nov',
'Sent again 11/20'. Each was ordered, exit 0 (a second card, or a card declined), where the same words
without it leave the row out (review40's remarks, bs-final of review42; fixed by hunter-sends3). Read by
:mod:`.said` without those words, as a note is; 'Send again' says send, and stays so."""

from __future__ import annotations

import re

import pandas as pd

from .notes import _NOTE_SAYS_NO
from .readonce import once
from .takenback import GIVEN_AGAIN

_ALSO = re.compile(r"(?i)^\s*(?:also|both)\s+(?=\S)|\s+(?:as\s+well|too|also|again)\b")


def said_also(column: pd.Series) -> pd.Series:
    """The texts of ``column`` a note leaves out once read without :data:`_ALSO`'s words (callers weigh what
    else they say: a send, the thing over)."""
    return once("said also", column, lambda: _said_also(column))


def _said_also(column: pd.Series) -> pd.Series:
    has = column.str.contains(_ALSO) & ~column.str.contains(f"(?i){GIVEN_AGAIN}")  # (not 'approved again')
    if not has.any():
        return has.astype(bool)
    bare = column[has].str.replace(_ALSO, " ", regex=True).str.strip()
    return bare.str.match(_NOTE_SAYS_NO).reindex(column.index, fill_value=False).astype(bool)
