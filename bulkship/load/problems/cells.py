"""What a cell's format or font says that its value does not: another currency, hidden cents, a number format
that shows something else, text struck through (part or whole)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from ...models import NOT_SENT, Problem
from ...schema import header_key
from ...sheetscan.cellmarks import in_columns
from ...sheetscan.formats import SAME_COLOUR, UNSEEN, shown_by_format, shows_percentage
from ..cells import _Grid
from .bounded import cell_texts, name_field


def _noted_cells(
    grid: _Grid,
    cells: Iterable[tuple[int, int]],
    headers: dict[int, str],
    column_map: dict[str, str],
    index: pd.Index,
    field: str | None = None,
) -> Iterator[tuple[int, int, str, str]]:
    """The cells the scan noted that the list reads (of ``field`` only, when given), in order: (row, column,
    header, the text read)."""
    rows = set(index)
    at = cell_texts(grid.frame)
    read = [c for c, h in headers.items() if h in column_map and not (field and column_map[h] != field)]
    for row, col in in_columns(cells, read):  # a sheet formatted throughout: the columns read only
        if row in rows:
            yield row, col, headers[col], str(at(row, col)).strip()


def _currency_problems(
    grid: _Grid, headers: dict[int, str], column_map: dict[str, str], index: pd.Index
) -> Iterator[Problem]:
    """An amount shown in another currency (a number formatted £25.00 or 25,00 €): the person sees pounds or
    euros, and bulkship orders US-dollar cards of that number."""
    shown = grid.scan.currency if grid.scan else {}
    for row, col, header, value in _noted_cells(grid, shown, headers, column_map, index, "value"):
        if not value:
            continue
        currency = shown[(row, col)]
        message = (
            f"Row {row}, column '{header}': {value} is shown as an amount in {currency}, and bulkship orders "
            "US-dollar cards. Write the amount in US dollars and format the cell as $ (or as a plain number)."
        )
        yield Problem(row, "value", value, "error", message, "Amount in another currency")


def _hidden_cents_problems(
    grid: _Grid, headers: dict[int, str], column_map: dict[str, str], index: pd.Index
) -> Iterator[Problem]:
    """An amount whose number format shows no decimals while the cell holds cents (24.6 shown as 25): the
    card would be ordered at a value the person never sees in the sheet (found by newcomer8)."""
    whole = grid.scan.whole if grid.scan else set()
    for row, _col, header, value in _noted_cells(grid, whole, headers, column_map, index, "value"):
        try:
            amount = Decimal(value)
        except ArithmeticError:
            continue
        if amount == amount.to_integral_value():
            continue
        shown = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        message = (
            f"Row {row}, column '{header}': the cell holds {value}, and its number format shows {shown}: "
            "which amount is meant? Type the amount the card should have and format the cell to show its "
            "cents (0.00 or $)."
        )
        yield Problem(row, "value", value, "error", message, "Amount shown rounded")


def _hidden_by_format_problems(
    grid: _Grid, headers: dict[int, str], column_map: dict[str, str], index: pd.Index
) -> Iterator[Problem]:
    """A cell the list reads whose number format shows none of it: ';;;' (Excel's "hide the contents") or a
    literal in place of the number ('"$50.00"' over 75): the sheet shows an empty Quantity and bulkship
    ordered 3 cards (found by newcomer9). Only what the sheet shows is ordered."""
    hiding = grid.scan.hiding if grid.scan else {}
    for row, col, header, value in _noted_cells(grid, hiding, headers, column_map, index):
        code = hiding[(row, col)]
        if not value or shown_by_format(code, value):
            continue
        message = (
            f"Row {row}, column '{header}': the cell holds '{value}', and its number format ({code}) does "
            "not show it: the sheet shows something else, or nothing. Format the cell as General (or as $) "
            "to see what it holds, and correct it if it is not meant."
        )
        if code == UNSEEN:  # a white font: the sheet shows an empty cell
            message = (
                f"Row {row}, column '{header}': the cell holds '{value}' written in white on a white "
                "background: the sheet shows an empty cell. Give the cell a visible font colour to see what "
                "it holds, and clear it if it is not meant."
            )
        if code == SAME_COLOUR:  # yellow on yellow: the sheet shows a coloured empty cell
            message = (
                f"Row {row}, column '{header}': the cell holds '{value}' written in the colour of its "
                "background: the sheet shows an empty cell. Give the cell a visible font colour to see what "
                "it holds, and clear it if it is not meant."
            )
        if shows_percentage(code):  # 25 shown as 2500%: neither number is what the sheet shows
            message = (
                f"Row {row}, column '{header}': the cell holds {value} and is formatted as a percentage: the "
                f"sheet shows {_as_percentage(value)}. Format the cell as a number (or as $) and type what "
                "it should be."
            )
        kind = _HIDDEN_KINDS.get(
            code, "Cell shown as a percentage" if shows_percentage(code) else "Cell hidden by its format"
        )
        yield Problem(row, column_map[header], value, "error", message, kind)


def _as_percentage(value: str) -> str:
    """25 -> '2500%', 0.255 -> '25.5%': a number as a percentage format shows it (its decimals as held)."""
    try:
        return f"{Decimal(value.replace(',', '')).scaleb(2).normalize():f}%"
    except ArithmeticError:
        return f"{value} as a percentage"


_HIDDEN_KINDS = {
    UNSEEN: "Cell written in white on white",
    SAME_COLOUR: "Cell written in its background's colour",
}

# A column saying which currency the row's amount is in: an HR or finance export keeps one beside the amount
_CURRENCY_HEADERS = frozenset(
    header_key(h)
    for h in ("currency", "currency code", "curr", "ccy", "amount currency", "value currency",
              "gift currency", "card currency", "currency (iso)", "local currency")
)  # fmt: skip
_US_DOLLAR = frozenset(
    {"usd", "us", "u s", "u s d", "dollar", "dollars", "us dollar", "us dollars", "u s dollar", "u s dollars",
     "american dollar", "american dollars", "united states dollar", "united states dollars"}
)  # fmt: skip
# (read without points and '$': 'US$' and 'U.S. Dollars' are the dollar, '$' alone names no other currency)
_NO_CURRENCY = frozenset({"", "-", "--", "n/a", "na", "none", "null"})

# ... or the amount column's own header, by its symbol ("Amount €", "Card Value (£)", "Amount C$": found by
# hunter-sheets, read as US dollars), code or name ("Amount (EUR)", "Value in Pounds": read as no column, and
# mapped as bulkship's note advises, 25 EUR went out as a 25-dollar card: found by hunter-sheets3)
_OTHER_CURRENCY = re.compile(
    r"[€£¥₹₩₽₺₪₱₫₴₦฿₣₡]|\b(?:C|CA|CAN|A|AU|NZ|MX|HK|S|R)\$"
    r"|\b(?:EUR|GBP|CAD|AUD|NZD|JPY|CHF|MXN|INR|CNY|RMB|SEK|NOK|DKK|ZAR|BRL|HKD|SGD|PLN|CZK|HUF|ILS|KRW"
    r"|TRY|PHP|THB|euros?|pounds?|sterling|yen|yuan|pesos?|rupees?|francs?|kron[aeo]r?|zloty)\b",
    re.IGNORECASE,
)


def _currency_column_problems(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: set[int]
) -> list[Problem]:
    """A row whose 'Currency' column says another currency than the US dollar (CAD, EUR, 'Pounds'): the
    amount is in that currency, and bulkship orders US-dollar cards of that number (found by newcomer9:
    'Value' 25, 'Currency' CAD was a 25-dollar card, the column "not used")."""
    problems: list[Problem] = []
    for header in body.columns:
        shown = _OTHER_CURRENCY.search(str(header)) if column_map.get(header) == "value" else None
        if shown:  # 'Amount €', 'Card Value (£)': the header says the amounts are in it
            for row, cell in body[header].items():
                if int(row) in not_judged:
                    continue
                message = (
                    f"Row {row}, column '{header}': the header says this amount is in {shown.group()}, and "
                    "bulkship orders US-dollar cards. Write the amounts in US dollars (and take the "
                    f"{shown.group()} out of the header), or take the row out."
                )
                problems.append(
                    Problem(int(row), "value", str(cell), "error", message, "Amount in another currency")
                )
            continue
        if header in column_map or header_key(str(header)) not in _CURRENCY_HEADERS:
            continue
        for row, cell in body[header].items():
            text = str(cell).strip()
            folded = " ".join(re.sub(r"[.$\s]+", " ", text.casefold()).split())
            if int(row) in not_judged or folded in _NO_CURRENCY or folded in _US_DOLLAR:
                continue
            message = (
                f"Row {row}, column '{header}': the list says this amount is in {text}, and bulkship orders "
                "US-dollar cards. Write the amount in US dollars (and USD here), or take the row out."
            )
            problems.append(Problem(int(row), "value", text, "error", message, "Amount in another currency"))
    return problems


def _struck_text_problems(
    grid: _Grid, headers: dict[int, str], column_map: dict[str, str], index: pd.Index
) -> Iterator[Problem]:
    """A cell with part of its text struck through ("~~Dan Old~~ Dan New", "~~12 Elm St~~ 4 Oak Ave"): the
    person crossed that part out, and every reader returns the whole text, which would go on the parcel.
    In a field the vendor never sees (a phone), a warning."""
    partly = grid.scan.partly_struck if grid.scan else {}
    for row, col, header, value in _noted_cells(grid, partly, headers, column_map, index):
        said = (
            f"Row {row}, column '{header}': part of '{value}' is crossed out ('{partly[(row, col)]}'), and "
        )
        sent = (
            "bulkship would send the whole text. Delete the crossed-out text (or take its strikethrough off "
            "if it belongs) and run again."
        )
        kept = "the results keep the whole text (the vendor never sees it)."
        yield (_cell_problem(row, column_map[header], value, said, sent, kept, "Part of a cell crossed out"))


def _cell_problem(row: int, field: str, value: str, said: str, sent: str, kept: str, kind: str) -> Problem:
    """``said`` and what follows for a cell the vendor would get (``sent``: an error on the row), or for one
    it never sees (``kept``: a warning, as the results keep it)."""
    if field in NOT_SENT:
        return Problem(row, field, value, "warning", said + kept, kind)
    return Problem(row, field, value, "error", said + sent, kind)


def _struck_cell_problems(
    grid: _Grid, headers: dict[int, str], column_map: dict[str, str], index: pd.Index
) -> Iterator[Problem]:
    """A cell the list reads struck through whole, in a row that is not crossed out (its name is not):
    the person crossed out that amount, card or street ("~~50~~", the new one in a note), and bulkship
    would order it (found by newcomer9: a struck-through Value was ordered, while a partly struck one is an
    error). The row's crossed-out rows are skipped before (their problems are not judged). In a field the
    vendor never sees (a phone), a warning."""
    struck = grid.scan.struck if grid.scan else set()
    for row, _col, header, value in _noted_cells(grid, struck, headers, column_map, index):
        if not value:
            continue
        said = f"Row {row}, column '{header}': '{value}' is crossed out (struck through), and "
        sent = (
            "bulkship would order it as written. Write what the card needs in its place, not struck through "
            "(typing over the cell keeps its strikethrough: clear its format), or take the strikethrough off "
            "if it stands, and run again."
        )
        kept = "the results keep it as written (the vendor never sees it)."
        yield _cell_problem(row, column_map[header], value, said, sent, kept, "Cell crossed out")
    by_hand = struck - grid.scan.struck_by_rule if grid.scan else set()
    yield from _struck_remark_problems(grid, by_hand, headers, column_map, index)


def _struck_remark_problems(
    grid: _Grid,
    struck: Iterable[tuple[int, int]],
    headers: dict[int, str],
    column_map: dict[str, str],
    index: pd.Index,
) -> list[Problem]:
    """A warning on each row sent with a remark crossed out whole in a column that picks the rows ('Notes' =
    "~~Do not send~~", 'Hold' = "~~Yes~~"): read as withdrawn (:func:`..skipped.rows._said_unless_withdrawn`),
    said so where the person can see it and take the strikethrough off if it still holds."""
    from ..skipped.columnkeys import picks_rows

    field = name_field(column_map)
    rows = set(index)
    at = cell_texts(grid.frame)
    problems = []
    picking = [c for c, h in headers.items() if h not in column_map and picks_rows(h)]
    for row, col in in_columns(struck, picking):
        header = headers[col]
        if row not in rows:
            continue
        value = str(at(row, col)).strip()
        if value:
            problems.append(
                Problem(
                    row,
                    field,
                    value,
                    "warning",
                    f"Row {row}, column '{header}': '{value}' is crossed out (struck through), read as "
                    "withdrawn: the row is ordered. If it still holds, take the strikethrough off and run "
                    "again.",
                    "Remark crossed out",
                )
            )
    return problems
