"""The rows whose shipping (or mailing) address is empty in every column, sent to the next address group the
sheet has: a "Shipping Address" or "Delivery Address" filled only where it differs from the home one
(found by hunter-sheets2: every other row was refused as having no street). Which group that is, and when
there is none, :func:`bulkship.columns.choose._fallback_group` decides."""

from __future__ import annotations

import re

import pandas as pd

from ..models import LoadedSheet
from .collect import ProblemCollector


def fallback_rows(sheet: LoadedSheet) -> pd.Series:
    """The rows to read from the next group: each column of the chosen group empty, the next one's street
    filled (a row with neither stays the chosen group's, an error saying its street is empty)."""
    index = sheet.frame.index
    street = sheet.fallback.get("address1")
    if street is None or not sheet.fallback_over:
        return pd.Series(False, index=index)
    rows = _filled(sheet, street)
    for header in sheet.fallback_over:
        rows &= ~_filled(sheet, header)
    return rows


def read_fallback(columns: dict[str, pd.Series], sheet: LoadedSheet, rows: pd.Series) -> None:
    """``columns`` (canonical -> cells) take the next group's cells on ``rows``."""
    if not rows.any():
        return
    for field, header in sheet.fallback.items():
        other = sheet.frame[header].fillna("").astype(object)
        columns[field] = other.where(rows, columns[field])


def say_fallback(sheet: LoadedSheet, collector: ProblemCollector, rows: pd.Series) -> None:
    """A warning on each row sent to the next group, and its problems named by that group's headers."""
    if not rows.any():
        return
    read = set(sheet.fallback.values())
    shown = ", ".join(f"'{h}'" for h in sheet.headers if h in read)  # in the sheet's order
    collector.warn(
        rows,
        "address1",
        "Other address used",
        "is empty, as is the rest of its address: the card goes to the address in " + _braced(shown) + ".",
    )
    collector.read_elsewhere(rows, sheet.fallback)


# The street of the address group not chosen (Outlook's 'Business Street' beside 'Home Street'): a contact
# with a business address and no home one was four errors "is empty" naming no address it has
# (hunter-sheets32's leftover 1, fixed by hunter-sheets33). Not sent there: an empty home address is no sign
# the work one is meant (columns.choose._fallback_group); the row says where its other address is.
_OTHER_STREET = re.compile(r"(?i).*\b(?:street|address)(?:\s*line)?(?:\s*1)?\s*")
_SET_ASIDE = "another address is used"


def say_other_address(sheet: LoadedSheet, collector: ProblemCollector, moved: pd.Series) -> None:
    """An error on each row whose street is empty where the other address group's street is filled."""
    chosen = next((header for header, field in sheet.column_map.items() if field == "address1"), None)
    others = [
        info.header
        for info in sheet.columns
        if info.status == "unused"
        and info.note.startswith(_SET_ASIDE)
        and _OTHER_STREET.fullmatch(info.header)
    ]
    if chosen is None or len(others) != 1 or others[0] not in sheet.frame.columns:
        return
    other = sheet.frame[others[0]].fillna("").astype(str).str.strip()
    rows = ~moved & ~_filled(sheet, chosen) & other.ne("")
    if not rows.any():
        return
    held, used = _braced(others[0]), _braced(chosen)
    # an error beside the empty street's own (the row is not sent either way): the command line lists errors
    collector.error(
        collector.judged(rows),
        "address1",
        "Other address not used",
        f"this row's '{held}' holds '{{other}}', not used: the cards go to the address in '{used}' and the "
        "columns beside it. To send this card to that address, copy it into those columns on this row.",
        extra={"other": other.str.replace(r"\s*\n\s*", ", ", regex=True)},
    )


def check_borrowed_line_2(sheet: LoadedSheet, collector: ProblemCollector, moved: pd.Series) -> None:
    """A lone 'Delivery Address' beside the list's own Address, Address 2, City...: on a row whose delivery
    street is another than its Address, the Address 2 there is that address's apartment ('Apt 9' of '5 Main
    St' sent as '1 Derby Sq, Apt 9': found by hunter-sheets2). An error on the row: which line 2, if any?"""
    street = sheet.fallback.get("address1")
    by_field = {field: header for header, field in sheet.column_map.items()}
    chosen, line_2 = by_field.get("address1"), by_field.get("address2")
    if street is None or chosen is None or line_2 is None or "address2" in sheet.fallback:
        return
    if line_2 in sheet.fallback_over or street in sheet.fallback_over:
        return  # the line 2 is the chosen group's own
    other = sheet.frame[street].fillna("").astype(str).str.strip()
    mine = sheet.frame[chosen].fillna("").astype(str).str.strip()
    another = mine.ne("") & other.ne("") & mine.str.casefold().ne(other.str.casefold())
    rows = ~moved & _filled(sheet, line_2) & another
    street, chosen = _braced(street), _braced(chosen)  # the message is a template: a header's braces are text
    collector.error(
        rows,
        "address2",
        "Apartment of another address",
        f"'{{old}}' goes with '{street}' ('{{other}}'), and the card goes to '{chosen}' ('{{address1}}'): "
        f"write the delivery address's apartment, if any, after its street in '{chosen}', and empty this "
        "cell on this row.",
        extra={"other": other},
    )


def _braced(header: str) -> str:
    """A header as text in a message template ('Address {home}' was read as a field to fill: a traceback)."""
    return header.replace("{", "{{").replace("}", "}}")


def _filled(sheet: LoadedSheet, header: str) -> pd.Series:
    return sheet.frame[header].fillna("").astype(str).str.strip().ne("")
