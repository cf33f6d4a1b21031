"""A bare 'Paid' column of yes/no answers ('Paid?', 'Paid (Y/N)'): on a referral-rewards sheet it may say
the reward was paid already (its Yes rows must not get a second card) or that the referred customer paid,
which is why the row gets one. Read as neither, every row was ordered (found by newcomer25, its N4: 3 of 24
rewards paid already were ordered again). Refused in one line, saying how to name it."""

from __future__ import annotations

import re

import pandas as pd

from ...errors import FileFormatError
from ...sheetscan import column_letter
from ..doubtful import _ANSWER

# the header's words: 'Paid' with its answers ('Paid (Y/N)') at most ('Paid Out' = Y: paid instead of a card)
_PAID_ALONE = frozenset({"paid", "y", "n", "yes", "no"})


def refuse_paid_alone(
    body: pd.DataFrame, by_position: dict[int, str], column_map: dict[str, str], where: str
) -> None:
    """Refuse a column headed 'Paid' alone, not read as a field, holding a yes or a no on some row."""
    for position, header in by_position.items():
        words = set(re.findall(r"[a-z]+", str(header).casefold()))
        if header in column_map or "paid" not in words or not words <= _PAID_ALONE:
            continue
        if not any(_ANSWER.fullmatch(str(cell)) for cell in body[header].tolist()):
            continue  # amounts paid, days, nothing: no answer picking rows
        raise FileFormatError(
            f"{where}: column '{header}' ({column_letter(position)}) may say the reward was paid already "
            "(why its row gets no card) or that the person paid or qualifies (why it gets one): bulkship "
            "will not guess which rows to leave out",
            hint="rename it 'Reward Paid' if it says the reward went out (its Yes rows are then left out, "
            "said so), or 'Eligible' if it says who qualifies (only its Yes rows are then sent); nothing "
            "was sent",
        )
