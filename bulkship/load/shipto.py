"""A 'Ship to' column of streets: the street, not the name (newcomer20's N16, given to hunter-sheets30). A
support team's list 'Name | Ship to | Apt | Town | ST | Postcode' was refused, "'Name' (A) and 'Ship to'
(B) both look like Name": 'Ship to' names the person a parcel goes to on a shop's order, but its cells
('18 Oak Hill Rd', '902 Beacon St') are where. Decided by the cells: read as the street where no column is
the street, and most of its filled cells are one (a house number, then a word)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace

import pandas as pd

from ..columns import HeaderMeaning
from ..columns.fields import NAME_FIELDS
from ..columns.records import ColumnMapping
from ..folding.streets import fold_address
from ..models import Problem
from ..sheetscan import column_letter

SAMPLE = 200  # filled cells looked at
_STREET = re.compile(
    r"\s*\d+[a-z]?(?:-\d+)?\s+[a-z0-9].*|\s*(?:p\.?\s*o\.?\s*box|one|two)\b.*", re.IGNORECASE
)
_READ_AS = "Ship to address"  # an alias of the street (recipients.toml)


def streets_under_a_name(
    body: pd.DataFrame,
    read_as: Mapping[str, str],
    meaning: Callable[[str], HeaderMeaning | None],
) -> dict[str, str]:
    """Header -> the header it is read as ('Ship to' -> 'Ship to address'), for the one column read as a name
    by a looser header than the name's own, beside no street column, whose filled cells are mostly streets."""
    meanings = {h: meaning(read_as.get(h, h)) for h in map(str, body.columns)}
    if any(m is not None and m.field == "address1" for m in meanings.values()):
        return {}
    found = dict.fromkeys(_names_of_streets(body, meanings), _READ_AS)
    return found if len(found) == 1 else {}


def _names_of_streets(body: pd.DataFrame, meanings: Mapping[str, HeaderMeaning | None]) -> list[str]:
    """The columns read as a name by a looser header than the name's own ('Ship to') whose filled cells are
    mostly streets."""
    named = [h for h, m in meanings.items() if m is not None and m.field in NAME_FIELDS and not m.exact]
    found = []
    for header in named:
        cells = body[header].dropna().astype(str).str.strip()
        filled = cells[cells.ne("")].head(SAMPLE)
        if len(filled) and filled.str.fullmatch(_STREET).sum() * 2 > len(filled):
            found.append(header)
    return found


def said_streets(found: Mapping[str, str], body: pd.DataFrame, letters: Sequence[int]) -> list[str]:
    """The notice for each column read as the street by its cells (``letters``: the 1-based column of each of
    ``body``'s)."""
    said = []
    for header in found:
        letter = column_letter(letters[list(body.columns).index(header)])
        cells = body[header].dropna().astype(str).str.strip()
        shown = ", ".join(repr(v) for v in list(dict.fromkeys(cells[cells.ne("")].tolist()))[:2])
        said.append(
            f"Column '{header}' ({letter}) is read as the street (Address Line 1): its cells are streets "
            f"({shown}), not names."
        )
    return said


# ... and beside a street column ('Name | Address | Ship to | City'): refused, "'Name' (A) and 'Ship to' (C)
# both look like Name", of a column of streets (hunter-sheets30's leftover, fixed by hunter-sheets31). Read
# as no name; a row whose 'Ship to' names another street than its own is an error: which street is the
# card's? (The city, state and ZIP beside are the list's one address's: never sent to the other street.)
_BESIDE = "{header} (another street)"  # a header meaning nothing: the column is read as no field


def streets_beside_a_street(
    body: pd.DataFrame,
    read_as: Mapping[str, str],
    meaning: Callable[[str], HeaderMeaning | None],
) -> dict[str, str]:
    """Header -> a header meaning nothing, for the one column read as a name by a looser header than the
    name's own, beside a street column, whose filled cells are mostly streets."""
    meanings = {h: meaning(read_as.get(h, h)) for h in map(str, body.columns)}
    if not any(m is not None and m.field == "address1" for m in meanings.values()):
        return {}
    found = {header: _BESIDE.format(header=header) for header in _names_of_streets(body, meanings)}
    others = [m for h, m in meanings.items() if h not in found and m is not None and m.field in NAME_FIELDS]
    return found if len(found) == 1 and others else {}


def other_street_problems(
    body: pd.DataFrame, found: Mapping[str, str], column_map: Mapping[str, str], not_judged: Collection[int]
) -> list[Problem]:
    """An error on each row whose column of streets (:func:`streets_beside_a_street`) names another street
    than the row's own."""
    headers = {field: header for header, field in column_map.items()}
    if not found or "address1" not in headers:
        return []
    (other,) = found
    text = body.fillna("").astype(str)
    line2 = text[headers["address2"]] if "address2" in headers else pd.Series("", index=body.index)
    problems = []
    for row, cell, street, unit in zip(
        body.index, text[other], text[headers["address1"]], line2, strict=True
    ):
        if row in not_judged or not cell.strip() or fold_address(cell, "") == fold_address(street, unit):
            continue
        message = (
            f"Row {row}, column '{other}': '{cell.strip()}' is another street than '{street.strip()}' in "
            f"column '{headers['address1']}': which one does the card go to? Write that street (with its "
            f"city, state and ZIP) in '{headers['address1']}' and empty '{other}'."
        )
        problems.append(Problem(int(row), "address1", cell.strip(), "error", message, "Two streets"))
    return problems


BESIDE_NOTE = "streets beside the street: a row naming another is an error"


def said_beside(found: Mapping[str, str], body: pd.DataFrame, mapping: ColumnMapping) -> None:
    """The notice of the column of streets beside the street (:func:`streets_beside_a_street`), and its note
    on the Columns (no look-alike of a shipping method: 'Ship to')."""
    letters = {info.header: info.letter for info in mapping.columns}
    mapping.notices += [
        f"Column '{header}' ({letters.get(header, '?')}) holds streets, not names: not read as the name; a "
        "row whose street there differs from its own is an error to fix."
        for header in found
    ]
    mapping.columns = [replace(i, note=BESIDE_NOTE) if i.header in found else i for i in mapping.columns]
