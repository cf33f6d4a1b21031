"""The card and its amount in one cell: 'Gift' = 'Target $25', '$50 CVS', 'Gift Card' = '$25 Target gift
card', 'CVS - $50', as a hand-made list writes the gift. With no column for the amount, the list was
refused, exit 2, "lacks required column(s): Product, Value ... rename the headers" (found by hunter-sheets29,
fixed by hunter-sheets31). Where no column or default gives the Value, the list's card column (or the one
unused column under the catalog's own words: 'Gift', 'Card', 'Brand') whose filled cells name a card of the
vendor's catalog and one amount on most rows is read as both, each cell split; a cell not split for sure
(two numbers: '2 x Target $25', a card the catalog lacks) is an error on its row, saying how to write it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ..models import Catalog, LoadedSheet, Problem
from ..program import ProgramSettings
from .cardcolumn import MOST, _candidates, _card_header
from .collect import ProblemCollector
from .columnread import read_column_as
from .rules import product_ids
from .rules.catalognames import _CARD_TAIL, card_brands

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_FIGURE = r"(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)"
# '$25', 'US$ 25', 'USD 25', '25 USD', '25 dollars', or a number standing alone ('Target 25')
_AMOUNT = re.compile(
    rf"(?i)(?:\bus\s*)?\$\s*{_FIGURE}|\busd\s*{_FIGURE}|{_FIGURE}\s*(?:usd|dollars?)\b|(?<![\w.,$]){_FIGURE}(?![\w.,])"
)
_EMPTY_BRACKETS = re.compile(r"[(\[]\s*[)\]]")
_EDGES = " -\u2013\u2014:,;/@"
KIND = "Card and amount not read"


def split_card_amount(
    cell: str, cards: dict[str, str], brands: dict[str, list[str]]
) -> tuple[str, str] | None:
    """``cell`` as (the card as written, its amount), None unless it holds one number, an amount, and
    otherwise only a card of the catalog (by id, name, or its one physical card's brand)."""
    text = cell.strip()
    if len(_NUMBER.findall(text)) != 1:
        return None
    found = _AMOUNT.search(text)
    if found is None:
        return None
    amount = next(g for g in found.groups() if g).replace(",", "")
    rest = _EMPTY_BRACKETS.sub(" ", text[: found.start()] + " " + text[found.end() :])
    rest = " ".join(rest.split()).strip(_EDGES)
    folded = rest.casefold()
    brand = brands.get(_CARD_TAIL.sub("", folded).strip(), [])
    return (rest, amount) if rest and (folded in cards or len(brand) == 1) else None


def _gives_value(sheet: LoadedSheet, program: ProgramSettings) -> bool:
    given = program.effective_defaults.get("value") or sheet.defaults.get("value")
    return bool("value" in sheet.column_map.values() or given or "value" in program.columns)


def _cells(sheet: LoadedSheet, header: str) -> pd.Series:
    cells = sheet.frame[header].drop(index=[s.row for s in sheet.skipped], errors="ignore")
    cells = cells.fillna("").astype(str).str.strip()
    return cells[cells.ne("")]


def read_card_amount(sheet: LoadedSheet, catalog: Catalog, program: ProgramSettings | None) -> LoadedSheet:
    """``sheet`` with its column of cards and amounts read as the Product and the Value (``card_amount``
    names it), said in a notice; ``sheet`` itself where a column or default gives the Value, or no column
    (or several) fits."""
    program = program or ProgramSettings()
    if _gives_value(sheet, program) or sheet.card_amount:
        return sheet
    mapped = [h for h, f in sheet.column_map.items() if f == "product"]
    headers = mapped or [i.header for i in _candidates(sheet) if _card_header(i.header) == 2]
    cards, brands = product_ids(catalog), card_brands(catalog)
    fitting = []
    for header in headers:
        cells = _cells(sheet, header)
        split = [(c, split_card_amount(c, cards, brands)) for c in cells.unique().tolist()]
        read = {c: s for c, s in split if s is not None}
        if read and cells.isin(list(read)).mean() >= MOST:
            fitting.append((header, next(iter(read.items()))))
    if len(fitting) != 1:
        return sheet
    header, (cell, (card, amount)) = fitting[0]
    info = next(i for i in sheet.columns if i.header == header)
    said = (
        f"Column '{header}' ({info.letter}) is read as Product and Value: its cells name the card and its "
        f"amount ('{cell}' as {card}, {amount}), and no other column gives the amount."
    )
    unused = f"Column '{header}' ({info.letter}) is not used, although"
    return read_column_as(sheet, info, "product", said, unused, card_amount=header)


@dataclass
class CardAmounts:
    """The column split (its header) and the rows whose filled cell could not be split."""

    header: str
    unread: dict[int, str] = field(default_factory=dict)  # row -> its cell


def split_card_amounts(frame: pd.DataFrame, sheet: LoadedSheet, catalog: Catalog) -> CardAmounts | None:
    """The canonical ``frame``'s product cells split into the card and the amount, in place (a cell not
    split, or empty: its card as written, no amount); None where the sheet has no such column."""
    if not sheet.card_amount:
        return None
    cards, brands = product_ids(catalog), card_brands(catalog)
    amounts = CardAmounts(sheet.card_amount)
    for row, cell in frame["product"].astype(str).items():
        split = split_card_amount(cell, cards, brands)
        if split is None:
            amounts.unread[int(row)] = cell
        else:
            frame.at[row, "product"], frame.at[row, "value"] = split
    return amounts


def say_card_amounts(collector: ProblemCollector, amounts: CardAmounts | None) -> None:
    """The Value is said to come from the column split; each cell not split is an error on its row."""
    if amounts is None:
        return
    collector.read_elsewhere(pd.Series(True, index=collector.frame.index), {"value": amounts.header})
    said = (
        "holds the card and its amount, read apart on the other rows ('Target $25'), but not on this one: "
        "write one card of the catalog and one amount ('CVS $50'; `bulkship catalog` lists the cards), or "
        "split the column into Product and Value columns."
    )
    empty = "is empty; fill in the card and its amount, as the other rows ('Target $25')."
    rows, cells = list(amounts.unread), list(amounts.unread.values())
    collector.add_each(rows, "product", KIND, [said if c.strip() else empty for c in cells], cells)


def without_parts_of_unread(
    problems: tuple[Problem, ...], amounts: CardAmounts | None
) -> tuple[Problem, ...]:
    """``problems`` without the card's and the amount's of a row whose cell was not split: its own error
    says how to write it."""
    if amounts is None or not amounts.unread:
        return problems
    return tuple(
        p
        for p in problems
        if not (p.row in amounts.unread and p.column in ("product", "value") and p.kind != KIND)
    )
