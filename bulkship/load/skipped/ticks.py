"""A column of marks read as marks: a crossed box beside ticked ones says no, a ditto says what the cell
above says, and the rows a column of ticks leaves empty are the rows not picked."""

from __future__ import annotations

import re
from collections.abc import Collection

import pandas as pd

from ...validate.normalize import DITTO
from .columnkeys import _LEAVES_OUT, flag_key
from .flags import _ACTIVE_FLAGS, _ELIGIBLE_FLAGS, _SEND_FLAGS, _filter_header
from .kinds import _SAYS_NOT_TO_SEND
from .languages import OTHER_YES
from .questions import asks_whether_to_send


def _crossed_beside_ticks(column: pd.Series) -> pd.Series:
    """The cells of a crossed box ('☒', Word's ticked box) in a column that ticks its other rows ('☑', '✓')
    and has no empty box ('☐': then the cross is the tick): there the cross says no. 'Send?' = ☑ / ☒
    ordered every row (found by review24)."""
    text = column.str.strip()
    crossed = text.str.fullmatch(r"☒\W*")
    if not crossed.any() or not text.str.match(r"[✓✔☑✅]").any() or text.str.match(r"[☐□▢⬜]").any():
        return crossed & False
    return crossed


_DITTO = re.compile(rf"(?i)\s*(?:{DITTO})\s*")


def _dittos_filled(column: pd.Series) -> pd.Series:
    """``column`` with each ditto mark ('"', '〃', 'same', 'ditto') read as the cell above it says: 'Send?' =
    No, then '"' on the rows below, were sent (found by hunter-sheets10)."""
    ditto = column.str.fullmatch(_DITTO)
    if not ditto.any():
        return column
    return column.mask(ditto).ffill().fillna(column)


# A mark that picks a row ("x", ✓, Yes, 1, TRUE)
# ... also with a remark after it ("Yes!", "x (per Sue)", "✓ Nov 3": found by review14, one such among the x's
# read the column by its answers alone and every entrant was ordered)
_TICKED = re.compile(
    rf"(?i)\s*(?:(?:yes|y|x|true|1|ok|selected|send|winner|{OTHER_YES})(?:\s*[-–—:,.;!(].*)?|(?:✓|✔|☑|☒|✅|✔️)(?:\W.*)?)\s*"
)


def _not_ticked(column: pd.Series) -> list[int]:
    """The rows left empty in a column of ticks that pick the rows to send ('Winner' = x on 10 rows of 200,
    'Send?' = ✓): no row says no, so the empty ones are the rows not picked (found by hunter-sheets: a
    raffle's every entrant was ordered a card). A column that also says No somewhere is read by its answers
    alone."""
    text = column.str.strip()
    blank = text.eq("")
    ticked = text.str.fullmatch(_TICKED)
    if not blank.any() or not ticked.any() or not (ticked | blank).all():
        return []
    return [int(row) for row in column.index[blank.to_numpy()].tolist()]


def not_picked(
    body: pd.DataFrame, column_map: dict[str, str], on_purpose: Collection[int] = ()
) -> dict[int, str]:
    """The rows a column of ticks leaves empty (:func:`_not_ticked`): row -> the reason. Judged after the
    totals rows and notes, whose tick cell is empty too."""
    found: dict[int, str] = {}
    for header in body.columns:
        key = flag_key(str(header))
        picks = (
            key in _SEND_FLAGS
            or key in _ELIGIBLE_FLAGS
            or (key not in _LEAVES_OUT and (_filter_header(header) or asks_whether_to_send(header)))
        )
        if header in column_map or not picks or key in _ACTIVE_FLAGS:
            continue
        column = _dittos_filled(body[header].astype(str).drop(index=list(on_purpose), errors="ignore"))
        for row in _not_ticked(column):
            found[row] = f"{_SAYS_NOT_TO_SEND} (column '{header}' ticks the rows to send; not this one)"
    return found
