"""A card named in a column bulkship does not read, while every row's card comes from the program's default:
a list with "Gift Choice" = Target, Starbucks beside a program whose default card is CVS sent a CVS card to
every row, the column listed as not used after the money was spent."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from ..models import LoadedSheet
from .collect import ProblemCollector

FIT_SHARE = 0.6  # of a column's filled cells naming a card, to read it as naming cards
# A column of cards that went out before ("Last Year's Card", "Card Sent 2025") orders nothing now
_PAST = re.compile(r"(?i)\b(?:last|previous|prior|past|old|former|sent|received|given|history|20\d\d)\b")


def check_unread_cards(
    frame: pd.DataFrame, sheet: LoadedSheet, products: Mapping[str, str], collector: ProblemCollector
) -> None:
    """An error on each row whose unread column names another card than the default it would get.
    ``products``: the catalog's cards by id or name, case-folded (:func:`rules.product_ids`)."""
    if "product" in sheet.column_map.values() or "product" in sheet.preferred:
        return
    read = set(sheet.column_map) | set(sheet.preferred.values()) | {sheet.suffix}
    sent = frame["product"].str.strip().str.casefold().map(products)
    for header in sheet.frame.columns:
        if header in read or _PAST.search(str(header)):
            continue
        cells = sheet.frame[header].reindex(frame.index).fillna("").astype(str).str.strip()
        named = cells.str.casefold().map(products)
        filled = cells.ne("")
        if not filled.any() or named[filled].notna().mean() < FIT_SHARE:
            continue
        said = str(header).replace("{", "{{").replace("}", "}}")  # the message is a template
        collector.error(
            named.notna() & named.ne(sent),
            "product",
            "Card in a column not read",
            f"'{said}' names {{card}}, but no column is read as the card: this row would get {{product}}, "
            f'the program\'s default. Read the column as the card ([columns] product = "{said}", or the '
            "Columns page), or empty its cell.",
            extra={"card": named.fillna(""), "product": frame["product"]},
        )
