"""A 'Ship to' column of streets: the street, not the name (newcomer20's N16, given to hunter-sheets30). A
support team's list 'Name | Ship to | Apt | Town | ST | Postcode' was refused, "'Name' (A) and 'Ship to'
(B) both look like Name": 'Ship to' names the person a parcel goes to on a shop's order, but its cells
('18 Oak Hill Rd', '902 Beacon St') are where. Decided by the cells: read as the street where no column is
the street, and most of its filled cells are one (a house number, then a word)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

import pandas as pd

from ..columns import HeaderMeaning
from ..columns.fields import NAME_FIELDS
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
    named = [h for h, m in meanings.items() if m is not None and m.field in NAME_FIELDS and not m.exact]
    found = {}
    for header in named:
        cells = body[header].dropna().astype(str).str.strip()
        filled = cells[cells.ne("")].head(SAMPLE)
        if len(filled) and filled.str.fullmatch(_STREET).sum() * 2 > len(filled):
            found[header] = _READ_AS
    return found if len(found) == 1 else {}


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
