"""A column's cells as the reading of its header reads them: a part struck through taken off, dittos filled,
each distinct text once, and an HR system's codes, a leave's words, an answer or a relation's remark put in
the words the readers know (moved out of :mod:`.__init__` for issue 14)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..answered import answered
from ..changedto import now_of, state_of
from ..languages import straight_quotes
from ..notes import _NOTE_SAYS_NO
from ..relation import relation_remark
from ..sent import _CARD_STATUS
from ..statusheaders import employment_header, leave_header
from ..ticks import _dittos_filled
from .hrsystems import SYSTEM_WORDS, leave_word, letters_read, system_read
from .person import PERSON_STATUS
from .which import Reading


class Texts(NamedTuple):
    """A column's cells: as typed, with the dittos filled (``whole``), which distinct text each row holds
    (``codes``), the distinct texts (``raw``) and the same each in the words the readers know (``column``)."""

    typed: pd.Series
    whole: pd.Series
    codes: np.ndarray
    raw: pd.Series
    column: pd.Series


def texts_read(
    body: pd.DataFrame,
    header: str,
    reading: Reading,
    kept: Mapping[str, Mapping[int, str]] | None,
    on_purpose: Collection[int],
) -> Texts:
    """A column's cells as its ``reading`` reads them (:class:`Texts`)."""
    key, says = reading.key, reading.says
    column = body[header].astype(str)
    if kept and header in kept:
        at = [row for row in kept[header] if row in column.index]
        column = column.copy()
        column.loc[at] = [kept[header][row] for row in at]
    if reading.eligible and on_purpose:
        column = column.drop(index=list(on_purpose), errors="ignore")
    typed, column = column, _dittos_filled(column)
    # each distinct text is read once (a column of a few answers over 100k rows read each cell's regexes
    # 100k times: 2 s a column, again at each fix on the web page's review); ``codes`` maps rows to texts
    whole = column
    codes, distinct = pd.factorize(column, use_na_sentinel=False)
    column = straight_quotes(pd.Series(distinct, dtype=whole.dtype))  # 'Don’t send' is "Don't send"
    raw = column  # (as ..problems.farewellrows reads it)
    if key in SYSTEM_WORDS:  # 'Empl Status' = U, 'Assignment Status' = SUSPEND_PROCESS (.hrsystems)
        column = column.map(system_read(key, column.tolist()))
    elif says in PERSON_STATUS and employment_header(str(header)):  # 'Employee Status' = S (.hrsystems)
        column = column.map(letters_read(column.tolist()))
    if leave_header(str(header)):  # 'Leave Status' = Denied: the leave's (.hrsystems)
        column = column.map(leave_word)
    if says is _NOTE_SAYS_NO or says in PERSON_STATUS or key in _CARD_STATUS:  # 'Deceased? Yes'
        column = column.map(answered).map(now_of).map(state_of)  # ('Active -> Terminated': ..changedto)
    if reading.relation:  # 'Spouse (declined)': the spouse's own remark, read alone (..relation)
        column = column.map(relation_remark)
    return Texts(typed, whole, codes, raw, column)
