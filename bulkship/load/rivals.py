"""A looser header beside a field's own title, whose values are plainly not that field: "Region" (Northeast,
West) beside "State", "Postal" (a mail-stop code) beside "ZIP", "Amount" of text beside "Value".

Two columns for one order field refuse the file (bulkship.columns), but a column that cannot be the field is
no rival: it is left unused with a note and the own title is read. Only fields whose values can be told apart
are checked this way (a state, a ZIP, a money amount, a quantity, a second address line); for the others (a
name, a street, a card) two columns still refuse the file.

Nor is a looser column empty on every row (a template's "Province" or "Postal Code" that a US list leaves
blank; not beside an empty own title: a filled "Count" beside an empty "Quantity" may hold anything), nor a
looser column that says what the own title says on every row ("Amount" equal to "Value", "State Code" MA
beside "State" Massachusetts, "Country Code" US beside "Country" United States, "Full Name" Ann Lee beside
"Name" Lee, Ann): there is nothing to choose between them, and refusing them turned lists that had always
run into refusals. One row that differs (or a row only the looser column fills) and the two are rivals again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from itertools import islice

import pandas as pd

from ..columns import ADDRESS_FIELDS, ORDER_FIELDS, HeaderIndex, _words, own_titles
from ..folding import fold_person
from ..program import ProgramSettings
from ..schema import SheetContract
from ..validate.usps import COUNTRY_ALIASES, state_lookup, zip_prefix_states
from .doubtful import _LINE_2_TEXT
from .skipped.digital import format_header, names_a_format

SAMPLE = 200  # filled cells looked at per column
FITTING_SHARE = 0.5  # a column whose values fit the field less often than this is no rival of its own title

_ZIP = re.compile(r"(\d{3,5})(?:-?\d{4})?")  # Excel may have eaten leading zeros; the ZIP's first 5 digits
_AMOUNT = re.compile(r"[$€£]?\s?\d{1,9}(?:[.,]\d{1,3})*(?:\.\d+)?")
_COUNT = re.compile(r"\d{1,6}(?:\.0+)?")
_PRICE = re.compile(r"[$€£]?\s?\d{1,9}(?:,\d{3})*\.\d{2}|[$€£]\s?\d{1,9}")  # cents, or a currency sign
_UNIT_MARK = re.compile(r"\b(?:apt|apartment|unit|suite|ste|flat|no|number)\b\.?|[#\s.-]")  # (casefolded)

_FITS: dict[str, Callable[[str], bool]] = {
    "state": lambda v: v.casefold().replace(".", "") in state_lookup() or v.casefold() in state_lookup(),
    "zip": lambda v: bool(_ZIP.fullmatch(v)),
    "value": lambda v: bool(_AMOUNT.fullmatch(v)),
    "quantity": lambda v: bool(_COUNT.fullmatch(v)),
    "address2": lambda v: bool(_LINE_2_TEXT.search(v)),  # an HR export's "Unit" of Finance, Sales
    # a shop's 'Shipping' (what the shipping cost, 0.00) beside its 'Shipping Method' (found by
    # hunter-sheets14: a Shopify orders export was refused as having two shipping method columns)
    "shipping_method": lambda v: not _PRICE.fullmatch(v),
}


def _number(text: str) -> str:
    try:
        return str(Decimal(text.replace("$", "").replace(",", "").strip()).normalize())
    except InvalidOperation:
        return text


_SAME: dict[str, Callable[[str], str]] = {  # a cell's text (casefolded) -> what it says, for comparing two
    "state": lambda v: state_lookup().get(v.replace(".", ""), state_lookup().get(v, v)),
    "country": lambda v: str(COUNTRY_ALIASES.get(v, v)).casefold(),
    "zip": lambda v: v.zfill(5) if v.isdigit() else v,
    "value": _number,
    "quantity": _number,
    "name": fold_person,  # "Lee, Ann" in one column, "Ann Lee" in the other: one person
    # a unit with or without its word ('Apt 3B' in 'Address 2', '3B' in a rent roll's 'Unit': an AppFolio
    # and a Yardi tenant list were each refused whole, found by hunter-falsealarm4)
    "address2": lambda v: _UNIT_MARK.sub("", v),
}


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return " ".join(str(value).split()).casefold()


def _says_the_same(body: pd.DataFrame, field: str, own: str, looser: str) -> bool:
    """Whether ``looser`` says what ``own`` says on every row it fills (and fills at least one)."""
    same = _SAME.get(field, lambda v: v)
    filled = False
    for mine, theirs in zip(body[own].tolist(), body[looser].tolist(), strict=True):
        text = _text(theirs)
        if not text:
            continue
        filled = True
        if same(text) != same(_text(mine)):
            return False
    return filled


def _fitting_share(values: Iterable[object], fits: Callable[[str], bool]) -> float:
    filled = list(islice((text for text in (str(v).strip() for v in values) if text), SAMPLE))
    return sum(map(fits, filled)) / len(filled) if filled else 1.0  # an empty column says nothing


def unlike_rivals(body: pd.DataFrame, contract: SheetContract, program: ProgramSettings) -> dict[str, str]:
    """Header -> why it is not used, for each looser header beside its field's own title whose values do not
    fit the field (see the module docstring). A field chosen in ``[columns]`` is left to that choice."""
    index = HeaderIndex(contract.alias_index(program.aliases), own_titles(contract))
    by_field: dict[str, list[tuple[str, bool]]] = {}
    qualifiers: dict[str, str] = {}
    answered: dict[str, str] = {}
    for header in body.columns:
        meaning = index.meaning(str(header))
        if meaning is None or meaning.field not in ORDER_FIELDS or meaning.field in program.columns:
            continue
        if meaning.field in _ANSWERED and (not meaning.exact or meaning.field == "address2"):
            said = _yes_no(body[header])
            if said:  # "Home address?" = Yes / No, read as the home street: parcels to "Yes" (review18)
                answered[str(header)] = (
                    f"its cells are Yes/No answers ({said}), not {_ANSWERED[meaning.field]}"
                )
                continue
        if not (meaning.preferred or meaning.last_first):  # read over the name, or rewritten: not a rival
            by_field.setdefault(meaning.field, []).append((str(header), meaning.exact))
            qualifiers[str(header)] = meaning.qualifier
    unused = (
        _empty_address_groups(body, index, program)
        | _streets_of_both_lines(body, index, program)
        | answered
        | _card_formats(body, index, program)
    )
    for field, found in by_field.items():
        own = [header for header, exact in found if exact]
        if len(own) == 2 and _says_the_same(body, field, *own) and _says_the_same(body, field, *own[::-1]):
            # 'Zip' and 'Zip Code' (the field's name and its title) alike on every row: nothing to choose
            # (refused as two ZIP columns; hunter-sheets29's leftover 5, fixed by hunter-sheets30)
            unused[own[1]] = (
                f"it says what '{own[0]}' says on every row, which is used for {contract.title(field)}"
            )
            found = [(header, exact) for header, exact in found if header != own[1]]
            own = own[:1]
        pair = sorted((header for header, _exact in found), key=lambda h: "code" not in _words(h))
        coded = len(pair) == 2 and field in ("state", "country") and "code" in _words(pair[0])
        if not own and coded and all(_says_the_same(body, field, *p) for p in (pair, pair[::-1])):
            # 'Province' and 'Province Code' (Massachusetts, MA: Shopify's customers export) alike on every
            # row, neither the state's own title: nothing to choose (refused; found by hunter-sheets32)
            unused[pair[1]] = (
                f"it says what '{pair[0]}' says on every row, which is used for {contract.title(field)}"
            )
            found = [(header, exact) for header, exact in found if header == pair[0]]
        empty = {header for header, _exact in found if not any(map(_text, body[header].tolist()))}
        if len(own) == 1 and (own[0] not in empty or len(empty) == len(found)):
            # a looser column left empty feeds nothing beside the own title; but beside an EMPTY own title
            # (a template's "Quantity" left for the default) a filled "Count" may hold anything: rivals
            blank = {header for header in empty if header != own[0]}
            unused.update(dict.fromkeys(blank, f"it is empty on every row; '{own[0]}' is used"))
            found = [(header, exact) for header, exact in found if header not in blank]
        unqualified = [h for h, _exact in found if not qualifiers.get(h)]  # (home and work lines: ranked)
        if not own and field == "address2" and len(unqualified) > 1:
            alike = _alike_among_looser(body, unqualified, field, contract)
            unused.update(alike)
            found = [(header, exact) for header, exact in found if header not in alike]
        zips = [h for h, _exact in by_field.get("zip", [])]
        if not own and len(found) > 1 and field in _FITS:
            looser = [h for h, _exact in found]
            unused.update(_unfitting_among_looser(body, looser, field, contract, zips))
        if len(own) != 1 or len(found) < 2:
            continue
        title = contract.title(field)
        for header, exact in found:
            if not exact and _says_the_same(body, field, own[0], header):
                unused[header] = f"it says what '{own[0]}' says on every row, which is used for {title}"
            elif (
                not exact
                and field in _FITS
                and _fitting_share(body[header], _FITS[field]) < FITTING_SHARE  # its first filled cells
            ):
                unused[header] = _not_the_field(body[header], title, own[0])
    return unused


def _unfitting_among_looser(
    body: pd.DataFrame, headers: list[str], field: str, contract: SheetContract, zips: list[str]
) -> dict[str, str]:
    """Header -> why it is not used, for looser headers of one field, none its own title ("ST" or
    "State/Province" beside "Region"), whose values do not fit the field where exactly one column's do: a
    sales 'Region' (East, West) beside the states refused the whole list (found by the lead's fuzzing)."""
    shares = {h: _fitting_share(body[h], _FITS[field]) for h in headers}
    fits = [h for h in headers if shares[h] >= FITTING_SHARE]
    if len(fits) > 1 and field == "state" and len(zips) == 1:
        fits = _states_of_the_zips(body, fits, shares, zips[0])
    if len(fits) != 1 or not any(map(_text, body[fits[0]].tolist())):
        return {}
    title = contract.title(field)
    return {h: _not_the_field(body[h], title, fits[0]) for h in headers if h != fits[0]}


def _states_of_the_zips(
    body: pd.DataFrame, fits: list[str], shares: dict[str, float], zip_header: str
) -> list[str]:
    """Of state columns that both fit, the one whose every cell is a state agreeing with its row's ZIP, where
    each other holds words that are no state: a sales 'Region' of NE (Northeast), East and Central beside 'ST'
    refused the list when half its cells were 'NE' (found by the lead's fuzzing). A second column of states
    only ('NH', 'OK') stays a rival: which one the person meant is theirs to say. (Beside the field's own
    title, one cell that differs keeps the two rivals, on purpose: test_a_looser_column_saying_what_...)"""
    zips = [_ZIP.fullmatch(_text(z)) for z in body[zip_header].tolist()]
    pairs = zip_prefix_states()

    def agrees(header: str) -> bool:
        rows = [
            (_SAME["state"](_text(state).casefold()), found.group(1).zfill(5)[:3])
            for state, found in zip(body[header].tolist(), zips, strict=True)
            if found and _text(state)
        ]
        return bool(rows) and all(prefix + state in pairs for state, prefix in rows)

    keepers = [h for h in fits if shares[h] == 1.0 and agrees(h)]
    if len(keepers) == 1 and all(shares[h] < 1.0 for h in fits if h != keepers[0]):
        return keepers
    return fits


def _alike_among_looser(
    body: pd.DataFrame, headers: list[str], field: str, contract: SheetContract
) -> dict[str, str]:
    """Header -> why it is not used, for looser headers of a second address line, none its own title, that
    say what one of them says on every row ('Unit' = 3B beside 'Apt' = Apt 3B, a rent roll's): nothing to
    choose between them. The one read is the one saying most (the unit with its word); none unless all the
    others agree."""
    keeper = max(headers, key=lambda h: sum(len(_text(v)) for v in body[h].iloc[:SAMPLE].tolist()))
    others = [h for h in headers if h != keeper]
    if not all(_says_the_same(body, field, keeper, h) for h in others):
        return {}
    title = contract.title(field)
    return dict.fromkeys(others, f"it says what '{keeper}' says on every row, which is used for {title}")


def _not_the_field(column: pd.Series, title: str, used: str) -> str:
    """Why a column whose values do not fit the field is not used, quoting its first values."""
    seen = dict.fromkeys(str(v).strip() for v in column.iloc[:SAMPLE].tolist())
    samples = ", ".join(repr(text) for text in seen if text)
    return f"its values ({_first(samples)}) are not {title.lower()}s: '{used}' is used for {title}"


# Fields a column of Yes/No answers cannot be, whatever its header says ("Home address?", "Apt?", "Ship to
# work?"), with what the field holds
_ANSWERED = {
    "name": "names", "first_name": "names", "last_name": "names", "company": "companies",
    "address1": "streets", "address2": "apartments or suites", "city": "cities",
}  # fmt: skip
_YES_NO = re.compile(r"(?i)\s*(?:yes|no|y|n|true|false|x|✓|✔|☑|✅|✗|✘|❌)\s*[.!?]?\s*")


def _yes_no(column: pd.Series) -> str:
    """The answers a column holds, shown ('Yes', 'No'), when every filled cell is a Yes/No answer; else ""."""
    cells = column.fillna("").astype(str).str.strip()
    filled = cells[cells.ne("")]
    if filled.empty or not filled.str.fullmatch(_YES_NO).all():
        return ""
    return ", ".join(repr(v) for v in list(dict.fromkeys(filled.tolist()))[:3])


def _first(samples: str, shown: int = 60) -> str:
    return samples if len(samples) <= shown else samples[:shown].rsplit(",", 1)[0] + ", ..."


# Fields a column of card formats is taken for by its header, with what they say
_FORMAT_FIELDS = {"product": "which card", "shipping_method": "how fast it ships"}


def _card_formats(body: pd.DataFrame, index: HeaderIndex, program: ProgramSettings) -> dict[str, str]:
    """Header -> why it is not used, for a column taken for the card by a header naming its format ('Card
    Type', 'Card Format') that holds only formats (Physical, Digital, eGift): a gifting tracker's 'Card Type'
    beside its 'Gift Card' was refused as a second card column, and beside the program's default card each
    row was an error "'Physical' is not a product" (found by hunter-falsealarm3); so was a 'Delivery Type' =
    Physical / Email as the shipping method. Its digital rows are left out (:mod:`.skipped.digital`), the
    others take the list's or the program's card, and ship STANDARD."""
    unused: dict[str, str] = {}
    for header in body.columns:
        meaning = index.meaning(str(header))
        if meaning is None or meaning.field not in _FORMAT_FIELDS or meaning.field in program.columns:
            continue
        if not format_header(str(header)):
            continue
        distinct = dict.fromkeys(body[header].tolist())  # each distinct cell read once, not every row's
        said = [text for text in dict.fromkeys(map(_text, distinct)) if text]
        if said and all(map(names_a_format, said)):
            shown = _first(", ".join(repr(str(v).strip()) for v in distinct if _text(v)))
            unused[str(header)] = (
                f"its values ({shown}) say the card's format, not {_FORMAT_FIELDS[meaning.field]}"
            )
    return unused


def _empty_address_groups(body: pd.DataFrame, index: HeaderIndex, program: ProgramSettings) -> dict[str, str]:
    """Header -> why it is not used, for each column of an address group empty on every row beside a group
    whose street is filled: an event export's "Shipping Address 1" ... left empty beside the filled "Home
    Address 1" (the shipping group won by its name, and every row was refused as having no street)."""
    groups: dict[str, list[str]] = {}
    for header in body.columns:
        meaning = index.meaning(str(header))
        if meaning is not None and meaning.field in ADDRESS_FIELDS and meaning.field not in program.columns:
            groups.setdefault(meaning.qualifier, []).append(str(header))
    filled = {
        group for group, headers in groups.items() if any(any(map(_text, body[h].tolist())) for h in headers)
    }
    streets = {q for q in filled for h in groups[q] if (m := index.meaning(h)) and m.field == "address1"}
    if not streets or len(filled) == len(groups):
        return {}
    used = " or ".join(sorted(f"the {q} address" if q else "the unqualified address" for q in streets))
    return {
        header: f"it is empty on every row, as is the rest of its address; {used} is used"
        for group, headers in groups.items()
        if group not in filled
        for header in headers
    }


def _streets_of_both_lines(
    body: pd.DataFrame, index: HeaderIndex, program: ProgramSettings
) -> dict[str, str]:
    """Header -> why it is not used, for a street column of an address group that holds on every row what its
    group's line 1 and line 2 hold together: Shopify's orders export writes 'Shipping Street' ('2 Elm St, Apt
    4') beside 'Shipping Address1' ('2 Elm St') and 'Shipping Address2' ('Apt 4'), and was refused as having
    two Address Line 1 columns (found by hunter-sheets14). Line 1 is read, with its line 2. One row where
    the street says something else, and the two are rivals again."""
    if "address1" in program.columns:
        return {}
    groups: dict[tuple[str, str], list[str]] = {}
    for header in body.columns:
        meaning = index.meaning(str(header))
        if meaning is not None and meaning.field in ("address1", "address2") and not meaning.exact:
            groups.setdefault((meaning.qualifier, meaning.field), []).append(str(header))
    unused: dict[str, str] = {}
    for (qualifier, field), streets in groups.items():
        seconds = groups.get((qualifier, "address2"), [])
        if field != "address1" or len(streets) != 2 or len(seconds) != 1:
            continue
        for whole, line in (streets, streets[::-1]):
            if _both_lines(body[whole].tolist(), body[line].tolist(), body[seconds[0]].tolist()):
                unused[whole] = f"it holds what '{line}' and '{seconds[0]}' hold together; they are used"
                break
    return unused


def _both_lines(wholes: list[object], lines: list[object], seconds: list[object]) -> bool:
    """Whether each cell of ``wholes`` is its row's line 1 alone, or its line 1 and then its line 2."""
    said = False
    for whole, line, second in zip(map(_text, wholes), map(_text, lines), map(_text, seconds), strict=True):
        if whole == line:
            said = said or bool(whole)
            continue
        if not (line and second and whole.startswith(line) and whole.endswith(second)):
            return False
        if len(whole) < len(line) + len(second):
            return False
        said = True
    return said
