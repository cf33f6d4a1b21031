"""Address line 2 as a carrier reads it: a bare unit number under an 'Apt' column ('4') written with the
column's word ('Apt 4'), and a unit the street ends with already ('2 Main St Apt 5' | '5') printed once
(found by hunter-sheets29, its leftover 6: both went out as written, a label '1 Main St' over '4')."""

from __future__ import annotations

import re

import pandas as pd

# A unit's number or letter alone: '4', '12B', 'B', '4-B', 'B4'
_BARE = r"\s*(?:\d{1,6}(?:\s*-?\s*[a-z])?|[a-z](?:\s*-?\s*\d{1,6})?)\s*"
# The header's first word, naming the unit (USPS Publication 28's designators as lists write them)
_WORDS = {
    "apt": "Apt", "apartment": "Apt", "unit": "Unit", "suite": "Suite", "ste": "Ste", "room": "Room",
    "rm": "Rm", "floor": "Floor", "fl": "Fl", "bldg": "Bldg", "building": "Bldg", "lot": "Lot",
    "space": "Space", "spc": "Spc", "trailer": "Trlr", "trlr": "Trlr",
    "box": None,  # a PO box is no unit ('Office', 'Dept': an office's address line, a business's words)
}  # fmt: skip
# The words of one kind, as compared ('Suite 5' and 'Ste 5' are one unit)
_KIND = {"Apt": "apt", "Unit": "unit", "Suite": "ste", "Ste": "ste", "Room": "rm", "Rm": "rm", "Floor": "fl",
         "Fl": "fl", "Bldg": "bldg", "Lot": "lot", "Space": "spc", "Spc": "spc", "Trlr": "trlr"}  # fmt: skip
_DESIGNATOR = "|".join(sorted((w for w in _WORDS if w != "box"), key=len, reverse=True))
_ID = r"(\d{1,6}(?:-?[a-z])?|[a-z](?:-?\d{1,6})?)"  # '5', '5B', '4-B', 'B', 'B4'
# A line 2 that is a unit ('5', 'Apt 5', '#5', 'Apt. #5'): its word, its number or letter
_UNIT_LINE = rf"^\s*(?:({_DESIGNATOR})\.?\s*)?#?\s*{_ID}\s*$"
# A street ending with a unit: '2 Main St Apt 5', '2 Main St, #5'
_STREET_UNIT = rf"^.*\d.*\s,?\s*(?:({_DESIGNATOR})\.?\s*#?|#)\s*{_ID}\s*$"


def unit_word(header: str | None) -> str | None:
    """The unit a line 2 header names ('Apt #' -> 'Apt', 'Unit Number' -> 'Unit'); '#' where it names
    several ('Apt/Suite', 'Apt or Unit'): USPS's mark for a unit whose kind is not known. None for a header
    naming no unit ('Address Line 2': its '12' may be anything, sent as written) or a PO box."""
    words = re.findall(r"[a-z]+", (header or "").casefold())
    named = {_WORDS[w] for w in words if w in _WORDS}
    if not named or None in named or "po" in words:
        return None
    return named.pop() if len(named) == 1 and words[0] in _WORDS else "#"


def named_units(line2: pd.Series, header: str | None) -> tuple[pd.Series, pd.Series]:
    """Line 2 with each bare unit written with its header's word ('4' under 'Apt' -> 'Apt 4', under
    'Apt/Suite' -> '# 4'), and the rows so written."""
    bare = line2.str.fullmatch(_BARE, case=False)
    word = unit_word(header) if bare.any() else None
    if word is None:
        return line2, pd.Series(False, index=line2.index)
    named = word + " " + line2.str.strip().str.replace(r"\s+", "", regex=True)
    return line2.where(~bare, named), bare


def units_said_twice(line1: pd.Series, line2: pd.Series, header: str | None) -> tuple[pd.Series, pd.Series]:
    """Line 2 emptied where it is the unit the street ends with ('2 Main St Apt 5' | '5', 'Apt 5', '#5'),
    and those rows. Not another unit of the same number: '12 Oak Ct Bldg 5' | 5 under 'Apt' is apartment 5
    of building 5 (found by review51), 'Floor 5' under '... Apt 5' a floor."""
    filled = line2.str.strip().ne("")
    if not filled.any():
        return line2, filled
    unit = units_read(line2, _UNIT_LINE, filled)
    ends = units_read(line1, _STREET_UNIT, filled & unit[1].ne(""))  # a unit twice: only where line 2 is one
    of_header = _KIND.get(unit_word(header) or "", "")  # a bare '5' is of its header's kind
    kinds = [ends[0].str.casefold().map(_WORDS).map(_KIND).fillna("")]
    kinds.append(unit[0].str.casefold().map(_WORDS).map(_KIND).fillna(of_header))
    same_kind = kinds[0].eq("") | kinds[1].eq("") | kinds[1].eq(kinds[0])
    twice = filled & ends[1].ne("") & ends[1].str.casefold().eq(unit[1].str.casefold()) & same_kind
    return line2.where(~twice, ""), twice


def units_read(line: pd.Series, pattern: str, rows: pd.Series) -> pd.DataFrame:
    """The unit ``pattern`` reads in each line of ``rows``: its word and its number or letter ("" and "" in
    any other row). Read only where it can count: most lines 2 are empty, and the street's pattern backtracks
    through the whole street, a quarter of a CPU-second on 100,000 rows (found by hunter-speed1)."""
    found = line[rows].str.extract(pattern, flags=re.IGNORECASE).fillna("")
    return found.reindex(line.index, fill_value="")
