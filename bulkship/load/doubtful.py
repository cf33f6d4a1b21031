"""A column read as the second address line by a header that does not say so ("Unit", not "Apt", "Suite" or
"Address 2"), whose values show it holds something else: an HR export's "Unit" is the business unit
(Finance, Sales), not an apartment, and would be printed on every parcel. Such a column is set aside with a
notice saying how to read it all the same; a column the program's ``[columns]`` names (or the web page's
Columns step chose) is read as named.

So is a column read as the Quantity by another header than its own ("Count", not "Qty") that numbers the rows
1, 2, 3...: a row number, which would have ordered the Nth row N cards.

So is a column read as the Shipping Method whose every cell is an amount of 0 (a shop's 'Shipping' = 0.00:
what the shipping cost, free), which names no method.

So is a column read as the Email by a header that asks whether to mail ("Mail?", "Mail (Y/N)"), none of whose
cells holds an address: its Yes/No answers pick the rows to send (:mod:`.skipped`)."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from ..columns import ColumnMapping
from ..models import NAME_COLUMNS
from ..program import ProgramSettings
from ..schema import header_key
from .places import place_named
from .skipped.digital import held_as_a_course

SAMPLE_ROWS = 200
MIN_FILLED = 3  # fewer filled cells say too little to set a column aside
SHOWN_VALUES = 3
FIELD = "address2"
# What a second address line holds: a number, or a unit word (USPS secondary unit designators and the lines
# written without a number: rear, upper, basement, penthouse, care of...).
_LINE_2_TEXT = re.compile(
    r"(?i)\d|#|\bc/o\b|\b(?:apt|apartment|ste|suite|unit|fl|flr|floor|bldg|building|rm|room|ph|penthouse"
    r"|bsmt|basement|rear|front|side|upper|uppr|lower|lowr|garage|cottage|lbby|lobby|trlr|trailer|lot|hngr"
    r"|hangar|pier|slip|box|wing|tower|attn|care of)\b|^[a-z]$"  # a lone letter: flat B of a duplex
)
# A header that names an address line or a flat ("Address 2", "Apt", "Suite", "Flat") says what it holds,
# whatever the values look like ('A', 'B', 'Rear unit'); "Unit" alone may be an HR export's business unit.
_SAYS_ADDRESS = re.compile(r"(?i)addr|apt|apartment|suite|street|line|flat")


def _unmap(mapping: ColumnMapping, header: str, note: str) -> str:
    """Unmap ``header`` (in ``mapping``), noting why on its column; its letter."""
    del mapping.column_map[header]
    mapping.columns = [
        replace(info, field=None, status="unused", note=note) if info.header == header else info
        for info in mapping.columns
    ]
    return next((info.letter for info in mapping.columns if info.header == header), "?")


def set_aside_doubtful(mapping: ColumnMapping, body: pd.DataFrame, program: ProgramSettings) -> list[str]:
    """Unmap (in ``mapping``) a guessed Address Line 2 column none of whose values reads like one; the
    notices saying so."""
    if FIELD in program.columns:
        return []
    header = _header_of(mapping, FIELD)
    if header is None or _SAYS_ADDRESS.search(header):
        return []
    cells = body[header].iloc[:SAMPLE_ROWS].fillna("").astype(str).str.strip()
    filled = [value for value in cells.tolist() if value]
    if len(filled) < MIN_FILLED or any(_LINE_2_TEXT.search(value) for value in filled):
        return []
    shown = ", ".join(f"'{value}'" for value in list(dict.fromkeys(filled))[:SHOWN_VALUES])
    letter = _unmap(mapping, header, "its values do not look like an apartment, suite or floor; not used")
    source = program.source or "a program file (--config)"
    return [
        f"Column '{header}' ({letter}) is not read as Address Line 2: none of its values looks like an "
        f"apartment, suite or floor ({shown}). If it is the second address line, map it with [columns] "
        f'{FIELD} = "{header}" in {source}, or choose it on the Columns page.'
    ]


# Headers of the email field that are also the question whether to mail ("Mail?" is the alias "mail")
_MAIL_QUESTION = frozenset(header_key(h) for h in ("mail", "mail y/n", "mail yes/no"))


def set_aside_mail_answers(mapping: ColumnMapping, body: pd.DataFrame, program: ProgramSettings) -> list[str]:
    """Unmap (in ``mapping``) an Email column headed "Mail?" whose cells hold no email address at all: Yes/No
    answers to whether to mail the card (found by hunter-sheets: 'Mail?' = No was kept as an email address
    and the row ordered). The notices saying so."""
    if "email" in program.columns:
        return []
    header = _header_of(mapping, "email")
    if header is None:
        return []
    cells = body[header].fillna("").astype(str).str.strip()
    if cells.str.contains("@", regex=False).any() or not cells.ne("").any():
        return []
    filled = cells[cells.ne("")]
    if all(place_named(cell) for cell in filled.unique()):  # 'Mail To' = Home / Work (hunter-sheets10)
        letter = _unmap(mapping, header, "names Home or Work: read as the address each card goes to")
        return [
            f"Column '{header}' ({letter}) is not read as Email: its cells name a place "
            f"({', '.join(repr(c) for c in list(dict.fromkeys(filled))[:SHOWN_VALUES])}), not an email "
            "address; a row choosing an address other than the one read is an error on that row."
        ]
    if header_key(header) not in _MAIL_QUESTION:
        return []
    letter = _unmap(mapping, header, "holds no email address: read as whether to mail each row's card")
    return [
        f"Column '{header}' ({letter}) is not read as Email: none of its cells holds an email address; its "
        "answers say whether to mail each row's card."
    ]


_OWN_QUANTITY = frozenset(header_key(h) for h in ("quantity", "qty", "quantity (cards)", "number of cards"))
MIN_COUNTED = 4  # rows numbered 1 to at least this many: a count of rows, not of cards


def set_aside_row_counter(mapping: ColumnMapping, body: pd.DataFrame, program: ProgramSettings) -> list[str]:
    """Unmap (in ``mapping``) a Quantity column under a header other than its own ("Count", not "Qty") whose
    filled cells number the rows 1, 2, 3... (found by hunter-sheets: a list's "Count" column of row numbers
    ordered 1 card for the first row, 2 for the second, 50 for the fiftieth). The notices saying so."""
    if "quantity" in program.columns:
        return []
    header = _header_of(mapping, "quantity")
    if header is None or header_key(header) in _OWN_QUANTITY or len(body) < MIN_COUNTED:
        return []
    cells = _number_texts(body[header])
    counted = [cell for cell in cells.tolist() if cell]  # a totals row or a note below has none
    if len(counted) < MIN_COUNTED or counted != [str(n) for n in range(1, len(counted) + 1)]:
        return []
    letter = _unmap(mapping, header, "numbers the rows 1 to the last: not used as the number of cards")
    source = program.source or "a program file (--config)"
    return [
        f"Column '{header}' ({letter}) is not read as Quantity: it numbers the rows 1 to {len(counted)}, so "
        f'every row gets 1 card. If it is the number of cards, map it with [columns] quantity = "{header}" '
        f"in {source}."
    ]


def set_aside_row_numbers(mapping: ColumnMapping, body: pd.DataFrame, program: ProgramSettings) -> list[str]:
    """Unmap (in ``mapping``) a reference column under a header naming no person's own number ("ID", "Ref",
    not "Employee ID") whose filled cells number the rows 1, 2, 3... or by their sheet rows (=ROW()): a
    row number, which tells no person from another. Read as each person's ID, the next list numbered again
    matched its rows to other people's cards of the same number: at an office every card goes to, the whole
    list was refused as "the same rows under another batch name" (exit 2), elsewhere rows sharing a first
    or family name with that number's earlier recipient were held (found by hunter-falsealarm7). The
    notices saying so."""
    if "external_id" in program.columns:
        return []
    header = _header_of(mapping, "external_id")
    if header is None or len(body) < MIN_COUNTED or _names_a_person(header):
        return []
    cells = _number_texts(body[header])
    filled = cells[cells.ne("")]
    if len(filled) < MIN_COUNTED:
        return []
    numbers = filled.tolist()
    from_one = [str(n) for n in range(1, len(numbers) + 1)]
    by_sheet_row = [str(int(index)) for index in filled.index]  # =ROW(): the row's own number (from 1)
    if numbers not in (from_one, by_sheet_row):
        return []
    letter = _unmap(mapping, header, "numbers the rows: not used as each person's own reference")
    source = program.source or "a program file (--config)"
    return [
        f"Column '{header}' ({letter}) is not read as Employee ID: it numbers the rows {numbers[0]} to "
        f"{numbers[-1]}, which tells no person from another (a list numbered again would match its rows to "
        f"other people's). If it is each person's own ID, map it with [columns] external_id = \"{header}\" "
        f"in {source}."
    ]


def _names_a_person(header: str) -> bool:
    """Whether a reference header names a person's own number ("Employee ID", "Staff Ref", "Badge #")."""
    from ..validate.lookalikes.references import _PEOPLE  # validate reads what load made

    return bool(set(re.findall(r"[a-z]+", header.casefold())) & _PEOPLE)


# A recipient's name or email read from a column of Yes/No answers: "Ship to home?" is read as "Ship To" (the
# name alias) of the home group, and its Yes went on the parcel as "Yes Lee" (found by review18)
_ANSWER_FIELDS = (*NAME_COLUMNS, "email", "company")  # a Company of Yes: line 2 "Yes"
_ANSWER = re.compile(r"(?i)\s*(?:yes|no|y|n|true|false|x|✓|✔|☑|✅|✗|✘|❌)\s*[.!?]?\s*")
_OWN_NAMES = frozenset(header_key(h) for h in ("name", "full name", "first name", "last name", "email"))


def set_aside_answers(mapping: ColumnMapping, body: pd.DataFrame, program: ProgramSettings) -> list[str]:
    """Unmap (in ``mapping``) a name, email or company column (not under the name's or email's own header)
    whose filled cells are all Yes/No answers: the question its header asks ("Ship to home?") is then read
    as such. The notices saying so."""
    notices = []
    for header, field in list(mapping.column_map.items()):
        if field not in _ANSWER_FIELDS or field in program.columns or header_key(header) in _OWN_NAMES:
            continue
        cells = body[header].fillna("").astype(str).str.strip()
        filled = cells[cells.ne("")]
        if filled.empty or not filled.str.fullmatch(_ANSWER).all():
            continue
        title = field.replace("_", " ").title()
        what = "an email address" if field == "email" else f"a {title.lower()}"
        letter = _unmap(mapping, header, f"holds Yes/No answers, not {what}: not used as one")
        shown = ", ".join(repr(v) for v in list(dict.fromkeys(filled.tolist()))[:SHOWN_VALUES])
        notices.append(
            f"Column '{header}' ({letter}) is not read as {title}: its cells are Yes/No answers ({shown}), "
            f"not {what}."
        )
    return notices


# What a shop's 'Shipping' holds when it is what the shipping cost and it was free: 0, 0.00, $0.00
_NOTHING_PAID = re.compile(r"(?i)\s*[$€£]?\s?0+(?:[.,]0+)?\s*")


def set_aside_shipping_cost(
    mapping: ColumnMapping, body: pd.DataFrame, program: ProgramSettings
) -> list[str]:
    """Unmap (in ``mapping``) a Shipping Method column whose filled cells are all an amount of 0: what the
    shipping cost (Etsy's orders export, 'Shipping' = 0.00 beside its 'Order Total'), no method. Read as the
    method, each row was an error "'0.00' is not a shipping method", exit 1, and no order of the export was
    sent (found by hunter-falsealarm2). An amount paid for shipping (5.99) stays read, an error on its row:
    which speed it bought is for the person to say. The notices saying so."""
    if "shipping_method" in program.columns:
        return []
    header = _header_of(mapping, "shipping_method")
    if header is None:
        return []
    cells = body[header].fillna("").astype(str).str.strip()
    filled = cells[cells.ne("")]
    source = program.source or "a program file (--config)"
    if held_as_a_course(filled):  # 'Delivery Method' = Online, Classroom (hunter-falsealarm6)
        shown = ", ".join(f"'{value}'" for value in list(dict.fromkeys(filled.tolist()))[:SHOWN_VALUES])
        letter = _unmap(mapping, header, "its cells say how a course or an event was held: not a method")
        return [
            f"Column '{header}' ({letter}) is not read as Shipping Method: its cells say how a course or an "
            f"event was held ({shown}), not how a card ships, so every card goes STANDARD. If it is the "
            f'method, map it with [columns] shipping_method = "{header}" in {source}.'
        ]
    if filled.empty or not filled.str.fullmatch(_NOTHING_PAID).all():
        return []
    letter = _unmap(mapping, header, "its cells are an amount of 0, what the shipping cost: not a method")
    return [
        f"Column '{header}' ({letter}) is not read as Shipping Method: its cells are an amount of 0 "
        f"('{filled.iloc[0]}', what the shipping cost), not a method, so every card goes STANDARD. If it is "
        f'the method, map it with [columns] shipping_method = "{header}" in {source}.'
    ]


# A number in a country column: a system's own number for the country ('country_id' = 1), or a phone's
# country code ('Country Code' = 1, +1); an ISO 3166 number ('840') is read as its country
_A_NUMBER = re.compile(r"\+?\d{1,4}")


def set_aside_country_numbers(
    mapping: ColumnMapping, body: pd.DataFrame, program: ProgramSettings
) -> list[str]:
    """Unmap (in ``mapping``) a Country column whose filled cells are all numbers, none of them a country's
    ISO number: no country is said, every row is checked as a US address (as where no column gives the
    country). Read as the country, every row was an error "'1' is not a country bulkship knows" (found by
    review43: Namely's 'country_id', read since 9eb90b49). The notices saying so."""
    from ..validate.usps import COUNTRY_NUMBERS  # validate reads what load made

    if "country" in program.columns:
        return []
    header = _header_of(mapping, "country")
    if header is None:
        return []
    filled = _number_texts(body[header])
    filled = filled[filled.ne("")]
    if filled.empty or not filled.str.fullmatch(_A_NUMBER).all() or filled.isin(list(COUNTRY_NUMBERS)).any():
        return []
    shown = ", ".join(f"'{value}'" for value in list(dict.fromkeys(filled.tolist()))[:SHOWN_VALUES])
    letter = _unmap(mapping, header, "its cells are numbers that name no country: not used as the country")
    return [
        f"Column '{header}' ({letter}) is not read as Country: its cells are numbers ({shown}), none of them "
        "a country's code (a system's own number, or a phone's country code), so every address is checked "
        "as a US one. If it gives the country, write each row's country as its code (US) or name."
    ]


def _header_of(mapping: ColumnMapping, field: str) -> str | None:
    """The list's header mapped to ``field``, if any."""
    return next((h for h, mapped in mapping.column_map.items() if mapped == field), None)


def _number_texts(cells: pd.Series) -> pd.Series:
    """A column's cells as trimmed text, a whole number read as a float ('3.0') written as one ('3')."""
    return cells.fillna("").astype(str).str.strip().str.replace(r"\.0+$", "", regex=True)
