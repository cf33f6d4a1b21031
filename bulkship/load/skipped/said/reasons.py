"""What a column says of its rows: the rows it leaves out (``said``) and the masks naming another reason than
its own (a card made, sent ahead, not yet), and each such row's reason, quoting its cell."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ....quoting import quoted
from ..copies import DUPLICATE_FLAGS, first_of_each_copied_person
from ..dates import _GONE_ON
from ..days import _SERIAL, _dates
from ..kinds import (
    _SAYS_CARD_MADE,
    _SAYS_DAY_PASSED,
    _SAYS_NOT_TO_SEND,
    _SAYS_NOT_YET,
    _SAYS_SENT_AHEAD,
    _SAYS_SENT_ALREADY,
)


@dataclass
class Masks:
    """One column's distinct texts, marked: ``said`` leaves the row out; the others, where they hold, name
    its reason (the last that holds, in :func:`reasons`' order)."""

    said: pd.Series
    not_sent: pd.Series | None = None
    made: pd.Series | None = None
    went_out: pd.Series | None = None
    not_yet: pd.Series | None = None
    ahead: pd.Series | None = None
    passed: pd.Series | None = None
    went: pd.Series | None = None


def reasons(
    masks: Masks,
    why: str,
    codes: np.ndarray,
    typed: pd.Series,
    whole: pd.Series,
    body: pd.DataFrame,
    column_map: dict[str, str],
    key: str,
    header: object,
) -> Iterator[tuple[int, str]]:
    """The rows ``masks`` leave out and the reason of each (``why`` unless a mask names another), quoting
    the cell as ``typed`` and as read (``whole``: a ditto filled); ``codes`` maps the rows to the texts."""
    said_rows = masks.said.to_numpy()[codes]
    if key in DUPLICATE_FLAGS and said_rows.any():  # 'Duplicate' = TRUE on every copy: the first is sent
        said_rows &= ~first_of_each_copied_person(body.loc[whole.index], column_map, said_rows)
    at = codes[said_rows]  # the distinct text of each row said
    rows = whole.index[said_rows].tolist()
    # each mask and cell read once for the rows said, as lists: read one by one (series[row], nine times
    # a row) they took most of this function's time on a 100k-row tracking sheet
    kinds = [
        (kind, mask.to_numpy()[at].tolist())
        for kind, mask in (
            (_SAYS_NOT_TO_SEND, masks.not_sent), (_SAYS_CARD_MADE, masks.made),
            (_SAYS_SENT_ALREADY, masks.went_out), (_SAYS_NOT_YET, masks.not_yet),
            (_SAYS_SENT_AHEAD, masks.ahead), (_SAYS_DAY_PASSED, masks.passed),
            (_SAYS_SENT_ALREADY, masks.went),
        )
        if mask is not None
    ]  # fmt: skip
    for i, (row, text, filled) in enumerate(zip(rows, typed.loc[rows], whole.loc[rows], strict=True)):
        reason = why
        for kind, marked in kinds:  # the last that holds names the reason
            reason = kind if marked[i] else reason
        cell = f"'{quoted(text.strip())}'" + _the_day(text, key)
        if text != filled:
            cell += f", the same as above: '{quoted(filled.strip())}'"
        yield int(row), f"{reason} (column '{header}': {cell})"


def _the_day(text: str, key: str) -> str:
    """', the day 2026-11-20' after a day column's cell holding an Excel serial ('46346', as a cell in
    General format shows a date): the number alone told nobody which day left the row out (newcomer28)."""
    if key not in _GONE_ON or not _SERIAL.fullmatch(text):  # (a hold day is said after: "to send on")
        return ""
    day = _dates(pd.Series([text])).iloc[0]
    return "" if pd.isna(day) else f", the day {day.date().isoformat()}"
