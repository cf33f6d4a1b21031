"""A status told year by year ('Last year: declined. This year: Target', 'LY: declined; TY: OK', '2026:
Target. 2027: declined') or telling of an earlier round's card ('Sent last year', 'Card sent last year'): read
as the same words under 'Notes' are, this year's part alone. Read from its first word as a person's status,
each was left out ('declined', 'Sent'), the person this year's list sends got no card, where under 'Notes'
each is sent (review63's Found 7 in session 46, the Status-only drops of the remark snapshot; mended by
review66)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pandas as pd

from ..clauses import _this_year
from ..rounds import of_an_earlier_round

# ... an earlier round's card told first, no other status before it ('former employee. sent to hr - approved
# oct 2024' is a former employee's status)
_OPENS_SENT = re.compile(
    r"(?i)\W*(?:(?:gift|holiday|e-?gift)\s+)?(?:card\s+)?(?:was\s+)?(?:(?:re-?)?sent|mailed|shipped|delivered|"
    r"received|ordered|given)\b"
)


def of_another_year(
    column: pd.Series, said: pd.Series, today: date, as_notes: Callable[[pd.Series], dict[int, str]]
) -> pd.Series:
    """The texts ``said`` of a status ``column`` (distinct texts) told year by year or of an earlier round
    that ``as_notes`` (the rows a 'Notes' column of them leaves out or holds) sends; False for the others."""
    asked = column[said]
    told = asked[asked.map(lambda text: _told_of_other_years(text, today)).astype(bool)]
    if told.empty:
        return pd.Series(False, index=column.index)
    kept = as_notes(told)
    return pd.Series(column.index.isin(told.index) & ~column.index.isin(list(kept)), index=column.index)


def _told_of_other_years(text: str, today: date) -> bool:
    """Whether ``text`` is told year by year (:func:`..clauses._this_year`) or of an earlier round's card."""
    if _this_year(text, today.year) is not None:
        return True
    return _OPENS_SENT.match(text) is not None and of_an_earlier_round(text, today)
