"""A row the list marks for a digital card ("Physical or Digital" = Digital, "Format" = eGift): the person
chose an e-card, and bulkship ships physical cards only (found by newcomer9: each was mailed a plastic card,
the column "not used")."""

from __future__ import annotations

import re

import pandas as pd

from ...schema import header_key
from .kinds import _SAYS_NOT_TO_SEND

_FORMAT_HEADERS = frozenset(
    header_key(h)
    for h in ("format", "card format", "gift format", "reward format", "delivery format",
              "physical or digital", "digital or physical", "physical/digital", "digital/physical",
              "physical digital", "gift type", "reward type", "card type", "type", "e-gift or physical",
              "digital?", "e-card?",
              # ... or how it reaches the person ('Delivery Type' = Email: found by hunter-falsealarm3)
              "delivery type", "delivery method", "delivery")
)  # fmt: skip
_DIGITAL = re.compile(
    r"(?i)^\s*(?:digital|e[\s-]?gift|e[\s-]?card|electronic|virtual|e[\s-]?mail(?:ed)?|online|code|link)"
    r"(?:\s+(?:gift\s+)?card|\s+gift|\s+code|\s+only|\s+delivery)?\s*$"
)

# ... and a plastic one ('Card Type' = Physical, 'Delivery Type' = Mail): a column holding only formats names
# no card and no shipping method (:func:`bulkship.load.rivals.unlike_rivals`)
_PHYSICAL = re.compile(
    r"(?i)^\s*(?:physical|plastic|paper|printed|mailed|mail|post|postal|by\s+mail)(?:\s+(?:gift\s+)?card|\s+gift)?"
    r"\s*$"
)


def format_header(header: str) -> bool:
    """Whether a header names the card's format (:data:`_FORMAT_HEADERS`): its digital rows are left out."""
    return header_key(header) in _FORMAT_HEADERS


def names_a_format(text: str) -> bool:
    """Whether a cell names a card's format, physical or digital, and no card."""
    return bool(_PHYSICAL.match(text) or _DIGITAL.match(text))


def _digital_rows(body: pd.DataFrame, column_map: dict[str, str]) -> dict[int, str]:
    """Rows whose format column says digital: row -> the reason. A column the list reads is not one."""
    found: dict[int, str] = {}
    for header in body.columns:
        if header in column_map or not format_header(str(header)):
            continue
        column = body[header].astype(str)
        for row in column.index[column.str.match(_DIGITAL)].tolist():
            found.setdefault(
                int(row),
                f"{_SAYS_NOT_TO_SEND}: a digital card, and bulkship ships physical cards "
                f"(column '{header}': '{column[row].strip()}')",
            )
    return found
