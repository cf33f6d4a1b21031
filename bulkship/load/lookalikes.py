"""Unused columns that look like an order field, by their header or their values.

A column whose header or values look like a field another column gives is said in a notice. One that looks
like a field no column gives, when that field has a default every row would silently get (Quantity 1, the
standard shipping method, no address line 2), and whose values fit it, is not left to a notice: the file is
refused naming it and both ways out (``strict``, the command line), or the column is marked for a person to
decide (the web's Columns page). "Delivery Speed" of Overnight/Expedited, "Apt #" of Apt 4/Suite 200,
"Units" of 3/2/1: each ordered every row at the default before, the notice printed after the money was
spent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal, InvalidOperation

import pandas as pd

from ..columns import AmbiguousColumnsError, ColumnInfo, ColumnMapping, _words
from ..errors import FileFormatError
from ..program import ProgramSettings
from ..schema import SheetContract
from .doubtful import _ANSWER
from .othersums import counts_donations, counts_something_else, sums_something_else
from .problems.elsewherecolumns import _ELSEWHERE
from .problems.leftoff import a_room_at_work
from .skipped.columnkeys import picks_rows
from .skipped.questions import asks_of_an_earlier_round

_LOOKS_LIKE_HEADER: dict[str, frozenset[str]] = {
    "quantity": frozenset({"qty", "quantity", "cards", "count", "units", "pcs", "pieces", "howmany"})
    | {"copies", "multiplier"},  # 'Copies' of 2, 3 went out as one card each (found by hunter-sheets5)
    "shipping_method": frozenset({"ship", "shipping", "via", "delivery", "courier", "speed", "postage"}),
    "product": frozenset({"card", "gift", "product", "brand", "reward", "sku", "voucher", "giftcard"})
    | {
        "awardtype",
        "awardchoice",
        "awardname",
    },  # 'Award Type' of CVS was said to look like Value (newcomer8)
    "value": frozenset({"amount", "value", "denomination", "usd", "dollars", "price", "budget", "award"}),
    # ... "Room", "Mail Stop" too (found by hunter-sheets5: an office's room number left off the parcel)
    "address2": frozenset({"apt", "apartment", "suite", "ste", "unit", "building", "floor", "line2", "flat"})
    | {"room", "rm", "mailstop"},
    "country": frozenset({"country", "nation"}),
}
_TIMES = re.compile(r"\s*[x×]\s*", re.IGNORECASE)  # a header that is only a times sign
_SHIPPING_WORDS = frozenset(
    {"standard", "expedited", "overnight", "express", "ground", "priority", "2day", "2 day", "next day"}
)
_SHIPPING = re.compile(
    r"(?i)\b(?:standard|expedited|overnight|express|ground|priority|economy|rush|next[- ]?day|2[- ]?day|"
    r"two[- ]?day|first[- ]class|usps|ups|fedex)\b"
)
# ... with the unit after the word: a number or one letter ("Apt 2", "Suite 200", "Bldg C", "#4B"); a note
# that opens with such a word ("Unit manager", "Room for growth", "FL office") is none (found by review14: one
# in a column with no header refused the list)
# ... and a number after "#" is no unit when a rank's words follow it ("#1 top seller", "#2 in sales": found
# by hunter-sheets, one such note in a column with no header refused the list); "#12 rear" is a unit still
_ADDRESS2 = re.compile(
    r"(?i)^(?:(?:apt|apartment|suite|ste|unit|fl|floor|bldg|building|room|rm)\b\.?\s*(?:#|no\.?)?\s*"
    r"(?:[a-z]?-?\d|[a-z]\b)|#\s*\d+[a-z]?\b(?!\s+(?:top|best|in|of|overall|place|seller|performer|pick|choice|"
    r"rated|ranked)\b))"
)
_SHORT_UNIT = re.compile(r"(?i)^#?\s*\d{1,5}\s*[a-z]?$|^[a-z]\s*-?\s*\d{0,4}$")  # "4B", "#12", "200", "B"
_QUANTITY = re.compile(r"\d{1,4}(?:\.0+)?")
_MONEY = re.compile(r"^\$\s?\d{1,7}(?:[.,]\d{2})?$")
VALUE_SAMPLE = 200
FIT_SHARE = 0.6  # of a column's filled values, to say they fit a field
# Fields a row silently gets a default for when no column gives them: a column that looks like one of them
# is decided by a person, never left out with a notice.
DEFAULTED_FIELDS = ("quantity", "shipping_method", "address2")
_DEFAULT_WORDS = {
    "quantity": "every row would get 1 card",
    "shipping_method": "every row would ship by the standard method",
    "address2": "every parcel would go without an apartment, suite or unit",
    "value": "every row would get the default amount of the program settings",
}
# ... and the card's value, when the program settings give a default amount: "Card Denomination" of 100 and 25
# beside it was left out with a notice, and every card went out at the default 25
_AMOUNT_CELL = re.compile(r"\$?\s?\d{1,7}(?:,\d{3})*(?:\.\d{1,2})?")
# ... unless the header names something else about the award than its amount ("Award Year" of 2026, "Budget
# Code" 4100, "Award Level" 1-5: found by review15, an anniversary list was refused over its year column)
_NOT_AN_AMOUNT = frozenset(
    {"year", "years", "yr", "date", "month", "quarter", "period", "code", "id", "no", "number", "num",
     "level", "tier", "type", "name", "category", "status", "rank", "center", "centre", "account", "count",
     "percent"}
)  # fmt: skip


def defaulted_fields(program: ProgramSettings) -> tuple[str, ...]:
    """The fields every row silently gets a default for when no column gives them."""
    return DEFAULTED_FIELDS + (("value",) if program.defaults.get("value", "").strip() else ())


def _filled(values: Sequence[str]) -> list[str]:
    return [v.strip() for v in values if v.strip()][:VALUE_SAMPLE]


def _share(filled: Sequence[str], test: Callable[[str], bool]) -> float:
    return sum(1 for v in filled if test(v)) / len(filled) if filled else 0.0


def _value_looks_like(values: Sequence[str], countries: frozenset[str], fewest: int = 2) -> str | None:
    filled = _filled(values)
    if len(filled) < fewest:
        return None
    if _share(filled, lambda v: v.casefold() in _SHIPPING_WORDS) >= FIT_SHARE:
        return "shipping_method"
    # ... of the column's words too: a 'Department' of Sales, IT, IT is no country (found by hunter-sheets13)
    words = sorted(set(filled))
    if all(_share(cells, lambda v: v.casefold() in countries) >= FIT_SHARE for cells in (filled, words)):
        return "country"
    if _share(filled, lambda v: _ADDRESS2.match(v) is not None) >= FIT_SHARE:
        return "address2"
    if _share(filled, lambda v: _MONEY.match(v) is not None) >= FIT_SHARE:
        return "value"
    return None


def _fits(field: str, values: Sequence[str]) -> bool:
    """Whether a column's values can be ``field`` (a defaulted one): what a person would mean by them."""
    filled = _filled(values)
    if not filled:
        return False
    if field == "quantity":
        numbers = [int(float(v)) for v in filled if _QUANTITY.fullmatch(v)]
        return len(numbers) >= FIT_SHARE * len(filled) and any(n > 1 for n in numbers)
    if field == "shipping_method":
        return _share(filled, lambda v: _SHIPPING.search(v) is not None) >= FIT_SHARE
    if field == "address2":
        return _share(filled, lambda v: bool(_ADDRESS2.match(v) or _SHORT_UNIT.match(v))) >= FIT_SHARE
    if field == "value":
        return _share(filled, lambda v: _AMOUNT_CELL.fullmatch(v) is not None) >= FIT_SHARE
    return False


def _all_the_default(field: str, values: Sequence[str], program: ProgramSettings) -> bool:
    """Whether every filled cell says the default amount already ("25" or "$25.00" beside a default 25)."""
    if field != "value":
        return False
    default = _amount(program.defaults.get("value", ""))
    return default is not None and all(_amount(v) == default for v in _filled(values))


def _amount(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace("$", "").replace(",", "").strip())
    except InvalidOperation:
        return None


def _guess(info: ColumnInfo, values: Sequence[str], countries: frozenset[str]) -> tuple[str, str] | None:
    """The field an unused column looks like, and whether by its "header" or its "values"."""
    words = set(_words(info.header)) | {"".join(_words(info.header))}
    if counts_something_else(set(_words(info.header))):
        words -= _LOOKS_LIKE_HEADER["quantity"]
    if sums_something_else(set(_words(info.header))):
        words -= _LOOKS_LIKE_HEADER["value"]
    if "$" in info.header:  # 'Gift $', '$': dollars (found by hunter-sheets5: read as no amount at all)
        words.add("usd")
    if _TIMES.fullmatch(info.header):
        # 'Amount | x | Total': 2 under 'x' went out as one card (hunter-sheets6)
        words.add("multiplier")
    by_header = [f for f, keys in _LOOKS_LIKE_HEADER.items() if words & keys]
    fitting = [f for f in by_header if (f in DEFAULTED_FIELDS or f == "value") and _fits(f, values)]
    if fitting or by_header:
        return (fitting or by_header)[0], "header"
    # a column with no header at all says nothing but its values: one apartment there is the list's own
    # (found by hunter-sheets: "Apt 2" on one row, in the column after the street, was left off the parcel)
    found = _value_looks_like(values, countries, fewest=1 if info.header == f"Column {info.letter}" else 2)
    return (found, "values") if found else None


def undecided_columns(
    mapping: ColumnMapping, values_of: dict[str, list[str]], program: ProgramSettings
) -> list[tuple[ColumnInfo, str]]:
    """Unused columns that look like a defaulted field no column gives (and that ``[columns]`` does not
    settle), their values fitting it: each with that field."""
    fed = set(mapping.column_map.values())
    street = next((h for h, f in mapping.column_map.items() if f == "address1"), "")
    headers = [info.header for info in mapping.columns]
    found: list[tuple[ColumnInfo, str]] = []
    for info in mapping.columns:
        if info.status != "unused" or info.note:
            continue
        values = values_of.get(info.header, [])
        guess = _guess(info, values, frozenset())
        field = guess[0] if guess else None
        if field == "quantity" and counts_donations(info.header, headers):  # a donor's 'Gift Count'
            continue
        if field == "address2" and a_room_at_work(info.header, street):  # a classroom beside the home street
            continue
        unheaded = info.header == f"Column {info.letter}"  # a column with no header says only its values
        if field == "value" and guess and guess[1] != "header" and not unheaded:  # money: "Total Spent"
            continue
        if field == "value" and set(_words(info.header)) & _NOT_AN_AMOUNT:  # "Award Year", "Budget Code"
            continue
        if (
            field in defaulted_fields(program)
            and field not in fed
            and field not in program.columns
            and _fits(field, values)
            and not _all_the_default(field, values, program)
        ):
            found.append((info, field))
    return found


def decide_or_refuse(
    mapping: ColumnMapping,
    undecided: list[tuple[ColumnInfo, str]],
    contract: SheetContract,
    program: ProgramSettings,
    *,
    strict: bool,
) -> None:
    """Refuse the file for the first undecided column (``strict``), else mark each for a person to decide."""
    if not undecided:
        return
    if strict:
        info, field = undecided[0]
        title = contract.title(field)
        rename = f"rename the header to '{title}'"
        if field == "quantity" and set(_words(info.header)) & {"count", "counts"}:  # ('Gift Count': of what?)
            rename += " to read it, or to what it counts ('Donation Count', 'Order Count') to leave it out"
        raise AmbiguousColumnsError(
            f"Column '{info.header}' ({info.letter}) looks like {title}, which no column gives: "
            f"{_DEFAULT_WORDS[field]}. bulkship will not guess whether to order from it. Nothing was read "
            "further",
            hint=f"read it as {title} with {program.column_line(field, info.header)}, or leave it out with "
            f"{program.column_line(field, '')}, {program.where_column_lines_go} (or {rename})",
        )
    decided = {id(info): field for info, field in undecided}
    mapping.columns[:] = [
        replace(
            info,
            status="ambiguous",
            field=decided[id(info)],  # as for a column beside the list (load.besides): the person decides
            note=f"looks like {contract.title(decided[id(info)])}, which no column gives "
            f"({_DEFAULT_WORDS[decided[id(info)]]}): choose {contract.title(decided[id(info)])} to read it, "
            "or “not used” to leave it out",
        )
        if id(info) in decided
        else info
        for info in mapping.columns
    ]


def lookalike_notices(
    mapping: ColumnMapping,
    values_of: dict[str, list[str]],
    contract: SheetContract,
    countries: frozenset[str],
    source: str,
    decided: frozenset[str] = frozenset(),
) -> list[str]:
    """A warning for each unused column whose header or values look like an order field (not one
    ``decided``: ``[columns]`` names where it comes from, or that no column gives it)."""
    fed = {canonical: header for header, canonical in mapping.column_map.items()}
    letters = {info.header: info.letter for info in mapping.columns}
    notices = []
    for info in mapping.columns:
        if info.status != "unused" or info.note:
            continue
        found = _guess(info, values_of.get(info.header, []), countries)
        if found is None:
            continue
        guess, how = found[0], f"{found[1]} looks" if found[1] == "header" else "values look"
        if guess in decided or (found[1] == "header" and _ELSEWHERE.match(info.header)):
            continue  # 'Ship to manager?' says where, no shipping method (its Yes an error on the row)
        if found[1] == "header" and _picks_rows_only(info.header, guess):
            continue
        if found[1] == "header" and _answers_or_days(values_of.get(info.header, [])):
            continue  # 'Matching Gift' = Yes/No, 'Gift Date': no card, amount or shipping method
        if asks_of_an_earlier_round(info.header):  # ('... from us before?': said by its own notice)
            continue
        title = contract.title(guess)
        named = f"Column '{info.header}' ({info.letter})"
        if guess == "quantity" and guess not in fed and counts_donations(info.header, list(letters)):
            notices.append(
                f"{named} is not used: beside the list's giving, it counts the donor's gifts, not cards "
                f"(every row gets 1 card). To read it as {title}, map it with [columns] {guess} = "
                f'"{info.header}" in {source}.'
            )
        elif guess in fed:
            other = fed[guess]
            notices.append(
                f"{named} is not used, although its {how} like {title}; {title} is read from "
                f"'{other}' ({letters.get(other, '?')})."
            )
        else:
            notices.append(
                f"{named} is not used, although its {how} like {title}: map it with [columns] {guess} = "
                f"\"{info.header}\" in {source}, or rename the header to '{title}'."
            )
    return notices


# a day, as a CSV writes it or a workbook's date cell reads ('11/15/2026', '2026-11-15 00:00:00')
_DAY = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")


def _answers_or_days(values: Sequence[str]) -> bool:
    """Whether a column's filled cells (a sample) are all Yes/No answers, or all days ('Gift Date' of a donor
    list: found by hunter-falsealarm5), which no order field holds."""
    filled = _filled(values)
    return any(filled) and any(all(kind.fullmatch(v) for v in filled) for kind in (_ANSWER, _DAY))


def _picks_rows_only(header: str, guess: str) -> bool:
    """Whether a column said to look like ``guess`` by a word of its header is one the list picks its rows
    to send by, in more words than the field's ('Ship Date', 'Do Not Ship Before', 'Gift Sent', 'Card
    Status'): it was said 'not used, although its header looks like Shipping Method: map it with [columns]
    shipping_method = "Ship Date"' where it holds or leaves out rows (found by hunter-sheets12). A header
    of the field's words alone ('Gift', 'Award') is still said to look like it."""
    return picks_rows(header) and not set(_words(header)) <= _LOOKS_LIKE_HEADER.get(guess, frozenset())


_HOUSE_NUMBER_HEADERS = frozenset(
    {
        "number",
        "no",
        "nr",
        "num",
        "#",
        "housenumber",
        "houseno",
        "housenum",
        "streetnumber",
        "streetno",
        "streetnum",
        "streetnr",
    }
)
_HOUSE_NUMBER = re.compile(r"\d{1,6}(?:\.0)?\s*[A-Za-z]?(?:\s*[-/½]\s*\d*[A-Za-z]?)?")


def refuse_house_number_apart(
    mapping: ColumnMapping, values_of: dict[str, list[str]], rows: pd.DataFrame, where: str
) -> None:
    """A house number in a column of its own ("Number" | "Street"): the street column names no number, and
    the parcels would go to "Main St". Refused, saying how to put the number in the street column.
    ``rows``: the first rows of the list."""
    street_header = next((h for h, f in mapping.column_map.items() if f == "address1"), None)
    if street_header is None:
        return
    filled_streets = _filled(rows[street_header].tolist())
    if not filled_streets or _share(filled_streets, lambda v: any(c.isdigit() for c in v)) >= 1 - FIT_SHARE:
        return
    for info in mapping.columns:
        if info.status != "unused" or info.note:
            continue
        words = _words(info.header)
        if "".join(words) not in _HOUSE_NUMBER_HEADERS and info.header.strip() != "#":
            continue
        numbers = _filled(values_of.get(info.header, []))
        if numbers and _share(numbers, lambda v: _HOUSE_NUMBER.fullmatch(v) is not None) >= FIT_SHARE:
            raise FileFormatError(
                f"{where}: column '{info.header}' ({info.letter}) holds the house numbers, and the street "
                f"column '{street_header}' names none: the parcels would go without the number",
                hint=f"put each house number in front of its street in '{street_header}' (e.g. '12 Main St'; "
                'in Excel: =B2&" "&C2, then Paste Special › Values), and delete the number column',
            )
