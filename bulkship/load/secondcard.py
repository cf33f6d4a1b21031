"""A second card and amount on some rows, beside the columns Product and Value are read from
(:func:`refuse_second_card`): one card per row is ordered, so the second would be left out while the row
reads ordered.
"""

from __future__ import annotations

import re

import pandas as pd

from ..columns import ColumnMapping, _words
from ..errors import SecondCardError
from ..program import ProgramSettings
from .lookalikes import _LOOKS_LIKE_HEADER

_NOT_A_CARD = re.compile(r"(?i)\s*(?:no|n|none|n/?a|-+|0|false|yes|y|x|true)?\s*")
_AMOUNT = re.compile(r"\s*\$?\s*\d{1,7}(?:\.\d{1,2})?\s*")


_CARD_WORDS = _LOOKS_LIKE_HEADER["product"] | _LOOKS_LIKE_HEADER["value"]


def _pair_words(header: str) -> set[str]:
    """What names a pair of card and amount columns ("Secondary", "Bonus", "2"): the words besides those
    saying card or amount. "Card Message" and "Budget" are no pair."""
    return set(_words(header)) - _CARD_WORDS


# A pair named for an earlier gift: last year's card beside this year's is no second card (found by review10:
# "Last Year Card | Last Year Amount", "2025 Card | 2025 Amount" refused the list)
_EARLIER = frozenset({"last", "previous", "prior", "past", "former", "old"})
_YEAR = re.compile(r"(?:19|20)\d\d")


def _earlier_gift(words: set[str]) -> bool:
    return bool(words & _EARLIER) or any(_YEAR.fullmatch(w) for w in words)


def refuse_second_card(
    mapping: ColumnMapping, body: pd.DataFrame, program: ProgramSettings, where: str
) -> None:
    """A second card and amount on some rows ("Primary Card | Primary Amount | Secondary Card | Secondary
    Amount", "Bonus Card | Bonus Amount") beside the columns Product and Value are read from: one card per
    row is ordered, so the second was dropped while the row read ordered (found by newcomer7). Refused,
    unless ``[columns]`` names the product column (the other pair then left out on purpose), or the pair is
    an earlier gift's (:func:`_earlier_gift`)."""
    fed = {field: header for header, field in mapping.column_map.items()}
    if "product" not in fed or "value" not in fed or "product" in program.columns:
        return
    unused = [i for i in mapping.columns if i.status == "unused" and not i.note]
    cards = [i for i in unused if set(_words(i.header)) & _LOOKS_LIKE_HEADER["product"]]
    amounts = [i for i in unused if set(_words(i.header)) & _LOOKS_LIKE_HEADER["value"]]
    for card in (c for c in cards if not _earlier_gift(_pair_words(c.header))):
        # one header naming both ('Value per card') is no pair: it was said to hold two cards (hunter-sheets5)
        pairs = (
            a for a in amounts if a is not card and _pair_words(a.header) == _pair_words(card.header) != set()
        )
        for amount in pairs:
            names = body[card.header].astype(str)
            sums = body[amount.header].astype(str)
            both = ~names.str.fullmatch(_NOT_A_CARD) & sums.str.fullmatch(_AMOUNT)
            if not both.any():
                continue
            row = int(both.index[both.to_numpy()][0])
            raise SecondCardError(
                f"{where}: columns '{card.header}' ({card.letter}) and '{amount.header}' ({amount.letter}) "
                f"hold a second card on {int(both.sum())} row(s) (row {row}: {names[row].strip()} "
                f"{sums[row].strip()}), besides '{fed['product']}' and '{fed['value']}'; bulkship orders one "
                "card per row and would leave the second one out",
                hint="put each card on a row of its own (the same person on two rows: both are ordered), or "
                f'leave the second pair out on purpose with [columns] product = "{fed["product"]}" in '
                f"{program.source or 'a program file (--config)'}",
                product=fed["product"],
            )
