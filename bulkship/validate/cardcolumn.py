"""A column naming the card on every row ('Gift' = CVS, Target beside 'Gift Value'), read as the Product where
no column gives one: its header is no Product's ('Gift' is also a yes/no column's), and the file was refused
"lacks Product", told to write a program file mapping it (found by newcomer8, left for hunter-sheets18). Its
cells decide, against the vendor's catalog the rows are checked with: a card's id or name, or its brand alone
('Visa' of the Visa Prepaid Card: a CRM's 'Gift Brand' of Starbucks, Target, Visa was refused, found by
newcomer16). A header naming the shop the card is for ('Merchant', 'Retailer', 'Store') or the
choice made ('Gift Choice', 'Selection') is such a header too; where no column can be read so, the refusal
names the column to rename 'Product' (newcomer16's N6, fixed by hunter-sheets27)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..columns import ColumnInfo, _words
from ..load.lookalikes import _LOOKS_LIKE_HEADER
from ..models import Catalog, LoadedSheet
from ..program import ProgramSettings
from ..quoting import quoted
from .columnread import read_column_as
from .rules import product_ids
from .rules.catalognames import _CARD_TAIL, card_brands

SHOWN_CARDS = 5  # cards the notice names
MOST = 0.6  # of a column's filled cells naming cards, for the refusal to name it
# The words of a header a column of cards is read under: the catalog's own ('Gift', 'Card', 'Brand'), then
# the shop the card is for or the choice a person made, read only where no column of the first words fits (a
# 'Store' beside 'Gift' may be where the person works) and only as the header's whole ('Merchant', 'Store
# Name', 'Selection'; not a 'Favorite Store' or 'Shop At', which say something of the person; nor a
# 'Vendor', a business's supplier: found by hunter-falsealarm8's card_like3.csv)
CARD_WORDS = _LOOKS_LIKE_HEADER["product"]
SHOP_WORDS = frozenset(
    {"merchant", "merchants", "retailer", "retailers", "store", "stores", "shop", "item", "choice",
     "selection", "option", "pick"}
)  # fmt: skip
# A column of cards that went out before ('Last Year Card', 'Previous Gift', 'Card Received')
_PAST = re.compile(r"(?i)\b(?:last|previous|prior|past|old|former|sent|received|given|history)\b")
_BESIDE_SHOP = frozenset({"name", "type", "selected", "chosen", "of"})
# ... of which the words an HR export names the person's workplace by: a retail chain's 'Store' = Target on
# every row is where each person works, or the card for all? Read as the card only where it names two
# cards or more (people work at no Visa); one card on every row is refused, naming the column to rename
# (found by hunter-sheets28: 'Employee Name' | 'Store' = Target ordered a Target card for each, exit 0)
_WORKPLACE = frozenset({"store", "stores", "shop", "retailer", "retailers", "merchant", "merchants"})


def _card_header(header: str) -> int:
    """2 for a header of the catalog's own words, 1 for one naming a shop or a choice, else 0 (and for a
    column of cards that went out before: 'Last Year Card', read as this year's by hunter-sheets18's reading,
    found by hunter-sheets27 in hunter-falsealarm8's card_like.csv)."""
    if _PAST.search(header):  # (not by a year: 'Holiday Gift 2026' is this year's)
        return 0
    words = set(_words(header))
    if words & CARD_WORDS:
        return 2
    return 1 if words & SHOP_WORDS and words <= SHOP_WORDS | _BESIDE_SHOP else 0


def _naming(sheet: LoadedSheet, info: ColumnInfo, catalog: Catalog) -> tuple[list[str], list[str], float]:
    """A column's distinct filled cells (the rows left out aside) that name a card of ``catalog`` (by id, name
    or brand), those that do not, and the share of its filled cells naming one."""
    cells = sheet.frame[info.header].drop(index=[s.row for s in sheet.skipped], errors="ignore")
    cells = cells.fillna("").astype(str).str.strip()
    cells = cells[cells.ne("")]
    if cells.empty:
        return [], [], 0.0
    cards, brands = product_ids(catalog), card_brands(catalog)
    counts = cells.value_counts(sort=False)
    named, other, share = [], [], 0
    for cell, count in counts.items():
        text = str(cell)
        folded = text.casefold()
        if folded in cards or _CARD_TAIL.sub("", folded).strip() in brands:
            named.append(text)
            share += int(count)
        else:
            other.append(text)
    return named, other, share / len(cells)


def _one_workplace(header: str, named: list[str], catalog: Catalog) -> bool:
    """Whether ``header`` may name a workplace (:data:`_WORKPLACE`) and its cells (``named``) one card."""
    if not set(_words(header)) & _WORKPLACE:
        return False
    cards, brands = product_ids(catalog), card_brands(catalog)
    found = set()
    for text in named:
        folded = text.casefold()
        found.add(cards.get(folded) or tuple(brands.get(_CARD_TAIL.sub("", folded).strip(), [folded])))
    return len(found) < 2


def _gives_no_product(sheet: LoadedSheet, program: ProgramSettings) -> bool:
    given = program.effective_defaults.get("product") or sheet.defaults.get("product")
    return not ("product" in sheet.column_map.values() or given or "product" in program.columns)


def _candidates(sheet: LoadedSheet) -> list[ColumnInfo]:
    return [
        info
        for info in sheet.columns
        if info.status == "unused" and not info.note and info.header in sheet.frame.columns
    ]


def _shown(named: list[str]) -> str:
    return ", ".join(named[:SHOWN_CARDS]) + (
        f" and {len(named) - SHOWN_CARDS} more" if len(named) > SHOWN_CARDS else ""
    )


def read_card_column(sheet: LoadedSheet, catalog: Catalog, program: ProgramSettings | None) -> LoadedSheet:
    """``sheet`` with its one unused column whose header looks like the card (:data:`CARD_WORDS`, else
    :data:`SHOP_WORDS`) and
    each of whose filled cells (the rows left out aside) names a card of ``catalog`` read as the Product, said
    in a notice that takes the place of the one saying it looks like Product; ``sheet`` itself where a
    column, the defaults or ``[columns]`` give the Product, or no column or several fit
    (:func:`card_column_hint` then says which to rename). Read by validate, and by the web page as it reads
    the upload (its Columns page shows the column read)."""
    program = program or ProgramSettings()
    if not _gives_no_product(sheet, program):
        return _said_again(sheet, catalog)
    fitting: list[tuple[int, ColumnInfo, list[str], list[str]]] = []
    for info in _candidates(sheet):
        if not (kind := _card_header(info.header)):
            continue
        named, other, share = _naming(sheet, info, catalog)
        # under the catalog's own words ('Gift', 'Card'), cards on most rows is the card's column, its other
        # rows ('Targett') errors to fix (newcomer20's N16, refused whole; a 'Merchant' of Walgreens still is)
        wholly = named and (not other or (kind == 2 and share >= MOST))
        if wholly and not (kind == 1 and _one_workplace(info.header, named, catalog)):
            fitting.append((kind, info, named, other))
    top = max((k for k, _, _, _ in fitting), default=0)
    best = [(info, named, other) for kind, info, named, other in fitting if kind == top]
    if len(best) != 1:
        return sheet
    info, named, other = best[0]
    unused = f"Column '{info.header}' ({info.letter}) is not used, although"
    return read_column_as(sheet, info, "product", _said(info, named, other), unused)


def _read_as(info: ColumnInfo) -> str:
    """How the notice of a column read as the card by its cells opens."""
    return f"Column '{info.header}' ({info.letter}) is read as Product: "


def _said(info: ColumnInfo, named: list[str], other: list[str]) -> str:
    if not other:
        return (
            f"{_read_as(info)}every card it names is one of the vendor catalog's ({_shown(named)}), and no "
            "other column gives the card."
        )
    shown = ", ".join(f"'{quoted(c)}'" for c in other[:3]) + (" ..." if len(other) > 3 else "")
    return (
        f"{_read_as(info)}it names cards of the vendor catalog's on most rows ({_shown(named)}), and no "
        f"other column gives the card; its rows naming {shown} are errors to fix."
    )


def _said_again(sheet: LoadedSheet, catalog: Catalog) -> LoadedSheet:
    """``sheet`` whose column read as the card by its cells is said by the cards its cells name now: its
    cells changed on the web page's review, the cost and approval pages named the cards of the upload
    ('(TARGET)' above a table of VISA-PREPAID cards: found by newcomer24)."""
    for info in sheet.columns:
        opening = _read_as(info)
        at = next((i for i, n in enumerate(sheet.notices) if n.startswith(opening)), None)
        if at is None or sheet.column_map.get(info.header) != "product":
            continue
        named, other, _ = _naming(sheet, info, catalog)
        if named:
            notices = list(sheet.notices)
            notices[at] = _said(info, named, other)
            return replace(sheet, notices=tuple(notices))
    return sheet


def card_column_hint(sheet: LoadedSheet, catalog: Catalog) -> str:
    """What a list refused for lacking the Product is told where its columns name the vendor's cards: which
    column to rename 'Product' (two columns naming only cards, one naming cards on most rows beside others,
    or one under a header that names no card: 'Employer' = Target may be where the person works); '' where
    no column names cards."""
    whole: list[ColumnInfo] = []
    most: list[tuple[ColumnInfo, list[str]]] = []
    for info in _candidates(sheet):
        named, other, share = _naming(sheet, info, catalog)
        if named and not other:
            whole.append(info)
        elif share >= MOST and _card_header(info.header):
            most.append((info, other))
    if len(whole) > 1:
        columns = " and ".join(f"'{i.header}' ({i.letter})" for i in whole)
        return (
            f"columns {columns} each name only cards of the vendor's catalog: rename the one giving each "
            "row's card 'Product', then run it again"
        )
    if whole:
        info = whole[0]
        named = _naming(sheet, info, catalog)[0]
        if _one_workplace(info.header, named, catalog):
            return (
                f"column '{info.header}' ({info.letter}) names one card on every row ({named[0]}), "
                "which may be where each person works: if it gives each row's card, rename it 'Product', "
                "then run it again"
            )
        return (
            f"column '{info.header}' ({info.letter}) names only cards of the vendor's catalog: if it gives "
            "each row's card, rename it 'Product', then run it again"
        )
    if len(most) == 1:
        info, other = most[0]
        shown = ", ".join(f"'{quoted(c)}'" for c in other[:3]) + (" ..." if len(other) > 3 else "")
        return (
            f"column '{info.header}' ({info.letter}) names cards of the vendor's catalog on most rows, and "
            f"also {shown}, which the catalog has no card for (`bulkship catalog` lists them): if it gives "
            "each row's card, rename it 'Product' (its rows naming another card are then errors to fix), "
            "then run it again"
        )
    return ""
