"""A column of one card's value ('Amount Each', 'Unit Price', 'Per Card', 'Value per card') beside the column
bulkship reads the value from, saying another amount on a row: the value column is then the row's total, or
something else ('Qty 2 | Amount Each 25 | Amount 50' went out as two cards of 50, found by hunter-sheets5)."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import pandas as pd

from ...models import NAME_COLUMNS, Problem
from ...money import AmountError, read_amount

# A header naming one card's (one unit's) amount: 'Each', 'Amount Each', 'Unit Price', 'Per Card', 'Price/ea'
_EACH = re.compile(
    r"(?i)(?:^|\W)(?:each|ea|apiece|per\s*-?\s*(?:card|unit|item|piece|person|recipient|gift|head)|"
    r"unit\s+(?:price|value|amount)|(?:price|value|amount)\s+per\s+(?:card|unit|item|piece)|"
    r"/\s*(?:card|unit|ea|each))(?:$|\W)"
)


# what else such a header may say: the amount's own words ('Amount Each', 'Unit Price', 'Gift value per
# card'); another word makes it another figure: 'Fee per card', 'Shipping each', 'Cards per person',
# 'Budget per head' were each read as one card's value, every row an error (found by review19)
_EACH_WORDS = frozenset(
    {"each", "ea", "apiece", "per", "card", "unit", "item", "piece", "person", "recipient", "gift", "head"}
)
_AMOUNT_WORDS = frozenset({"amount", "value", "price", "denomination", "face", "dollar", "dollars", "usd"})


def _header_words(header: object) -> set[str]:
    return set(re.findall(r"[a-z]+", str(header).lower()))


def _one_card_amount(header: str) -> bool:
    """Whether ``header`` names one card's amount: the one-card words, and the amount's own words only."""
    return bool(_EACH.search(header)) and _header_words(header) - _EACH_WORDS <= _AMOUNT_WORDS


def _each_problems(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: set[int], *, chosen: bool = False
) -> list[Problem]:
    """An error on each row whose one-card column says another amount than the value column; none when the
    person chose the value column (``chosen``: [columns] value, or the Columns page). What a card costs the
    company ('Unit Cost', after the vendor's discount) is no card's value."""
    fed = {field: header for header, field in column_map.items()}
    value = fed.get("value")
    if value is None or chosen or _EACH.search(str(value)):
        return []
    each = next((h for h in body.columns if h not in column_map and _one_card_amount(str(h))), None)
    if each is None:
        return []
    counts = body[fed["quantity"]] if "quantity" in fed else pd.Series("", index=body.index)
    problems = []
    for row, amount, one, count in zip(body.index, body[value], body[each], counts, strict=True):
        said, per_card = _money(amount), _money(one)
        if row in not_judged or said is None or per_card is None or said == per_card:
            continue
        cards = str(count).strip() or "1"
        message = (
            f"Row {row}, column '{value}': {amount}, while '{each}' says {one} for one card: which is one "
            f"card's value? bulkship would order {cards} card(s) of {amount}. Make the two agree, or choose "
            f'the column holding one card\'s value with [columns] value = "{each}" (or = "{value}"; on the '
            "web, the Columns page)."
        )
        problems.append(Problem(int(row), "value", str(amount), "error", message, "Amount each differs"))
    return problems


def _money_once() -> Callable[[object], Decimal | None]:
    """:func:`_money`, each distinct cell read once (a list repeats a few amounts and counts)."""
    seen: dict[object, Decimal | None] = {}

    def read(cell: object) -> Decimal | None:
        try:
            if cell not in seen:
                seen[cell] = _money(cell)
            return seen[cell]
        except TypeError:  # a cell no dict can hold
            return _money(cell)

    return read


def _money(text: object) -> Decimal | None:
    """An amount as the sheets read money; None when the cell holds none (empty, or not an amount)."""
    try:
        return read_amount(str(text)) if str(text).strip() else None
    except AmountError:
        return None


# A value header that names one card's amount by itself ('Card Value', 'Denomination', 'Face Value'): a
# quantity beside it is plainly that many cards of it
_ONE_CARD_WORDS = frozenset({"card", "cards", "denomination", "face", "each", "ea", "per", "unit"})
_TOTAL_WORDS = frozenset({"total", "totals", "subtotal", "sum"})
SHOWN_MANY = 5  # rows named in the notice; the rest are counted


def many_cards_notice(body: pd.DataFrame, column_map: dict[str, str], not_judged: set[int]) -> list[str]:
    """Rows ordering more than one card of the amount of a column whose header says nothing of one card
    ('Qty' 2 beside 'Amount' 50): bulkship orders 2 cards of 50 (100.00), while a list meaning the row's
    total adds up 50. Which the list means, only its maker knows: said with the plan, before anything is
    sent, naming each such row's cards and what they come to (a hunter-sheets10 leftover). A header naming
    one card's amount, a one-card or total column beside it (checked row by row), says it already."""
    fed = {field: header for header, field in column_map.items()}
    value, quantity = fed.get("value"), fed.get("quantity")
    if value is None or quantity is None:
        return []
    if _header_words(value) & _ONE_CARD_WORDS or _EACH.search(str(value)):
        return []
    if any(
        h not in column_map and (_one_card_amount(str(h)) or _header_words(h) & _TOTAL_WORDS)
        for h in body.columns
    ):
        return []
    who = [fed[f] for f in NAME_COLUMNS if f in fed]
    read = _money_once()
    many: list[tuple[int, Decimal, int]] = []  # row, one card's amount, cards
    # cell by cell from lists, each distinct text read once: by body.at, 100,000 rows took 12 s
    for row, amount_cell, count_cell in zip(
        body.index, body[value].tolist(), body[quantity].tolist(), strict=True
    ):
        count = read(count_cell)
        if count is None or count <= 1 or count != int(count) or row in not_judged:
            continue
        amount = read(amount_cell)
        if amount is not None:
            many.append((row, amount, int(count)))
    if not many:
        return []
    said = []
    for row, amount, cards in many[:SHOWN_MANY]:
        name = " ".join(str(body.at[row, h]).strip() for h in who if str(body.at[row, h]).strip())
        said.append(
            f"row {row}{f' ({name})' if name else ''}: {cards} cards of {amount:.2f} = {amount * cards:.2f}"
        )
    shown = "; ".join(said) + (f"; and {len(many) - SHOWN_MANY} more" if len(many) > SHOWN_MANY else "")
    return [
        f"{len(many)} row(s) order more than one card, each card at the row's '{value}': {shown}. bulkship "
        f"reads '{value}' as one card's value and '{quantity}' as the number of cards. If '{value}' is what "
        f"a row gets in all, write one card's value there instead (or make '{quantity}' 1)."
    ]


def unused_default_notice(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: set[int], default: str, source: str
) -> list[str]:
    """The program's default amount ([defaults] value) that no row gets, a column giving every row an amount
    of its own: a CRM report's 'Amount' is the deal's, and went out as each card's value (120.00 to 480.00 for
    a program of 25.00 Visas, found by newcomer8). The column wins, as documented; said with the plan."""
    value = next((header for header, field in column_map.items() if field == "value"), None)
    if value is None or not default.strip():
        return []
    cells = body[value][~body.index.isin(list(not_judged))].astype(str).str.strip()
    if cells.eq("").any():
        return []  # the default fills a row: it is used
    mine = _money(default)
    found = sorted({a for a in map(_money, cells.unique()) if a is not None})  # each distinct text once
    if not found or mine is None or set(found) <= {mine}:
        return []
    shown = f"{found[0]:,.2f}" if len(found) == 1 else f"{found[0]:,.2f} to {found[-1]:,.2f}"
    return [
        f"Column '{value}' gives every row an amount of its own ({shown}): the default amount {default} of "
        f"the program settings ([defaults] value in {source}) goes to no row. If '{value}' is not the "
        f"card's amount (a deal's, a budget), leave it out with [columns] value = \"\" there, and every row "
        f"gets {default}."
    ]
