"""Address lines that repeat the row's own place: an address block's last lines ('Boston, MA 02134', 'United
States of America') under a line 2 or 3, as Workday's 'Home Address - Formatted Line 2/3' holds them beside
its City, State and Postal Code columns. Printed on line 2, the parcel read the city twice (found by
hunter-sheets31)."""

from __future__ import annotations

import re

import pandas as pd

from .usps import state_lookup

_WORD = re.compile(r"[0-9a-z]+")
_COUNTRY_AT_END = re.compile(r"(?:\s|^)(?:u s a?|usa|united states(?: of america)?|america)$")


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _names_own_place(line: str, city: str, state: str, zip_code: str) -> bool:
    """Whether ``line`` names nothing but the row's city, state and ZIP, or the country: at least the city or
    the ZIP, or the country alone ('Apt A' and 'A' are units, never the country)."""
    rest = _words(line)
    if not rest:
        return False
    rest, country = _COUNTRY_AT_END.sub("", rest).strip(), _COUNTRY_AT_END.search(rest) is not None
    if not rest:
        return country
    named = False
    town = _words(city)
    if town and (rest == town or rest.startswith(town + " ")):
        rest, named = rest[len(town) :].strip(), True
    digits = _WORD.findall(zip_code)
    zip5 = digits[0].lstrip("0") if digits and digits[0].isdigit() and len(digits[0]) <= 5 else ""
    words = rest.split()
    if zip5 and words and words[-1].lstrip("0") == zip5:
        words, named = words[:-1], True
    elif zip5 and len(words) > 1 and words[-2].lstrip("0") == zip5 and words[-1] in digits[1:]:
        words, named = words[:-2], True  # ZIP+4
    rest = " ".join(words)
    if not named:
        return False
    if not rest:
        return True
    lookup = state_lookup()
    return lookup.get(rest) is not None and lookup.get(rest) == lookup.get(_words(state))


def own_place_lines(line: pd.Series, frame: pd.DataFrame) -> pd.Series:
    """The cells of ``line`` that name only the row's own place (``frame``'s city, state and zip)."""
    filled = line.astype(str).str.strip().ne("")
    found = pd.Series(False, index=line.index)
    if not filled.any():
        return found
    columns = (
        line[filled],
        *(frame[c].reindex(line.index)[filled].astype(str) for c in ("city", "state", "zip")),
    )
    found[filled] = [_names_own_place(*cells) for cells in zip(*columns, strict=True)]
    return found
