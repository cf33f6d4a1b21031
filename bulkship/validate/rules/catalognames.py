"""Which catalog item a cell names: a product, a shipping method or a card carrier by its id or its name, as
people write them ('Target Gift Card', 'Standard (5-7 days)'), or a card by its brand alone ('Visa')."""

from __future__ import annotations

import difflib
import re

import pandas as pd

from ...models import Catalog
from .. import fewrows
from ..normalize import by_unique, casefold


def _ids(column: pd.Series, lookup: dict[str, str]) -> tuple[pd.Series, pd.Series]:
    """Each cell as the id it names in ``lookup`` (case-folded spellings -> id), else as written; and the
    cells read as another id than written. A list of a few rows (..fewrows) is read cell by cell."""
    cells = column.tolist() if len(column) <= fewrows.FEW_ROWS else None
    if cells is not None and all(type(cell) is str for cell in cells):
        return _ids_plainly(column, cells, lookup)
    folded = by_unique(column, casefold)
    mapped = folded.map(lookup)
    renamed = mapped.notna() & casefold(mapped.fillna("")).ne(folded)  # case alone is no news
    return mapped.where(mapped.notna(), column).astype(object), renamed


def _ids_plainly(column: pd.Series, cells: list[str], lookup: dict[str, str]) -> tuple[pd.Series, pd.Series]:
    """:func:`_ids` of text cells: the same lookup of each cell folded, the same case-alone rule."""
    folded = [cell.casefold() for cell in cells]
    mapped = [lookup.get(f) for f in folded]
    renamed = [m is not None and m.casefold() != f for m, f in zip(mapped, folded, strict=True)]
    ids = [cell if m is None else m for m, cell in zip(mapped, cells, strict=True)]
    return pd.Series(ids, index=column.index, dtype=object), pd.Series(
        renamed, index=column.index, dtype=bool
    )


_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")  # "Standard (5-7 days)": a form's label for its choice
# ... or a shop's name for it, "Standard Shipping", "Overnight Delivery" (Wix, eBay: found by
# hunter-falsealarm3, every row of the export an error)
_SHIPPING_WORD = re.compile(r"(?i)\s+(?:shipping|delivery)\s*$")


def _methods(column: pd.Series, lookup: dict[str, str]) -> tuple[pd.Series, pd.Series]:
    """:func:`_ids` for shipping methods, a value none names read without a closing note in brackets or the
    word shipping: a form's choice "Standard (5-7 days)" or "Overnight (FedEx)", a shop's "Standard Shipping",
    is the method it opens with (said, as any name read as an id)."""
    mapped, renamed = _ids(column, lookup)
    unknown = mapped.ne("") & ~mapped.isin(set(lookup.values()))
    if not unknown.any():
        return mapped, renamed
    said = column[unknown].astype(str).str.replace(_TRAILING_NOTE, "", regex=True)
    bare, _ = _ids(said.str.replace(_SHIPPING_WORD, "", regex=True), lookup)
    found = bare.isin(set(lookup.values()))
    mapped = mapped.copy()
    mapped.loc[found[found].index] = bare[found]
    return mapped, renamed | found.reindex(column.index, fill_value=False)


def product_ids(catalog: Catalog) -> dict[str, str]:
    """Each product's id and name, case-folded -> its id: a list may name a card "CVS Pharmacy". Also as
    people write them (found by hunter-sheets2, each refused as no product): the id's words spaced or run
    together ("Visa Prepaid", "HOME DEPOT"), the name without its "The", either with "gift card", "card" or
    "GC" after it ("Target Gift Card")."""
    said_as: list[tuple[str, str]] = []
    for product in catalog.products.values():
        for said in (product.id, product.name or ""):
            words = re.sub(r"^the\s+", "", re.sub(r"[\s_-]+", " ", said.casefold()).strip())
            for base in {words, words.replace(" ", "")} - {""}:
                for tail in ("", " gift card", " giftcard", " card", " gc"):
                    said_as.append((base + tail, product.id))
    named = [(p.name.casefold(), p.id) for p in catalog.products.values() if p.name]
    return _by_id_then_name(list(catalog.products), said_as + named)


# Words of a card's id or name that say what it is, not whose: 'Visa' is the card of 'VISA-PREPAID' ('Visa
# Prepaid Card'), which a list writes bare: "'Visa' is not a product" where the catalog has one Visa (found by
# newcomer8, left for hunter-sheets18)
_WHAT_A_CARD_IS = frozenset(
    {"the", "gift", "gifts", "card", "cards", "giftcard", "giftcards", "prepaid", "gc", "physical", "plastic"}
)
_CARD_TAIL = re.compile(r"(?i)(?:\s+(?:gift\s*cards?|giftcards?|cards?|gc))+\s*$")


def card_brands(catalog: Catalog) -> dict[str, list[str]]:
    """Each physical card's brand, its id's or name's words but those of :data:`_WHAT_A_CARD_IS`, folded
    ('visa' of VISA-PREPAID) -> the physical cards of that brand."""
    found: dict[str, set[str]] = {}
    for product in catalog.products.values():
        if not product.ships_physically:
            continue
        for said in (product.id, product.name or ""):
            words = [w for w in re.split(r"[\s_-]+", said.casefold()) if w and w not in _WHAT_A_CARD_IS]
            if words:
                found.setdefault(" ".join(words), set()).add(product.id)
    return {brand: sorted(ids) for brand, ids in found.items()}


def _by_brand(
    column: pd.Series, unknown: pd.Series, brands: dict[str, list[str]]
) -> tuple[pd.Series, pd.Series]:
    """The cards of ``unknown`` cells naming a brand (:func:`card_brands`), as written or with 'gift card'
    after it: the one physical card of that brand where there is one ('Visa' is VISA-PREPAID); and, where
    there are several, their ids, for the cell's error to name ('' elsewhere)."""

    def cards_of(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
        cards = casefold(cells.astype(str).str.replace(_CARD_TAIL, "", regex=True).str.strip()).map(brands)
        one = cards.map(lambda ids: ids[0] if isinstance(ids, list) and len(ids) == 1 else None)
        several = cards.map(lambda ids: ", ".join(ids) if isinstance(ids, list) and len(ids) > 1 else "")
        return one, several

    one, several = by_unique(column[unknown], cards_of)  # each distinct cell once: 100k 'Visa' rows
    return one.dropna(), several.reindex(column.index, fill_value="")


def _by_id_then_name(ids: list[str], said: list[tuple[str, str]]) -> dict[str, str]:
    """Each way of writing an item (folded) -> its id: a name or spoken form only when it names one item
    (two cards under one name: none, the row says it is unknown), and an item's own id always names that item
    whatever another's name. Names read over ids, a catalog listing 'AMAZON' beside a card named 'Amazon'
    (or two named 'Visa Gift Card') sent the row typed 'AMAZON' the other card, with only a warning (found
    by hunter-vendor4). Two ids differing only in case name neither: the row must write one exactly."""
    named: dict[str, set[str]] = {}
    for key, item in said:
        named.setdefault(key, set()).add(item)
    table = {key: next(iter(items)) for key, items in named.items() if len(items) == 1}
    own: dict[str, set[str]] = {}
    for item in ids:
        own.setdefault(item.casefold(), set()).add(item)
    for key, items in own.items():
        if len(items) == 1:
            table[key] = next(iter(items))
        else:
            table.pop(key, None)
    return table


def near_cards(catalog: Catalog) -> dict[str, str]:
    """The physical cards' ways of writing (:func:`product_ids`, folded) -> the id, with its name: what a
    typo is compared with (:func:`near_card`)."""
    spellings = product_ids(catalog)
    physical = {p.id: p for p in catalog.products.values() if p.ships_physically}
    return {
        said: f"{id_}, {physical[id_].name}" if physical[id_].name else id_
        for said, id_ in spellings.items()
        if id_ in physical
    }


def near_card(text: str, spellings: dict[str, str]) -> str:
    """The one physical card ``text`` is a near miss of ('Starbuck': 'STARBUCKS, Starbucks'), named for the
    row's error, never picked for it; "" where none or several are near (found by newcomer23: 'Starbuck'
    was told every card of the catalog but which it meant)."""
    said = re.sub(r"\s+", " ", text.casefold()).strip()
    near = {spellings[m] for m in difflib.get_close_matches(said, list(spellings), n=10, cutoff=0.8)}
    return next(iter(near)) if len(near) == 1 else ""
