"""Address line 2 made of what a list gives beside it: a street cell on two lines (its later lines), a line 3
after line 2 (moved out of :mod:`.normalize`)."""

from __future__ import annotations

import re

import pandas as pd

from .normalize import NOTHING, nothing_written

# A street cell on two lines ('100 Market St\nSuite 14', as a CRM's 'Mailing Street' keeps it): its second
# line is the address's line 2 (and so is a third). Joined into line 1, with the warning "extra spaces or
# invisible characters removed", the suite went on line 1 as if the break were a typo (found by newcomer8,
# left for hunter-sheets18). Not a line naming the city, state and ZIP (a whole address: .prepare says so)
_LINE_BREAK = re.compile(r"\s*[\r\n\u2028\u2029\x0b\x0c\x85]+\s*")
_CITY_LINE = re.compile(r"(?i)\b[a-z]{2}[\s,]+\d{5}(?:-\d{4})?\s*$|\b\d{5}(?:-\d{4})?\s*$")
# ... nor one naming the row's city ('Boston'), or the country ('USA'): found by hunter-sheets18 checking it
_COUNTRY_LINE = re.compile(r"(?i)\s*(?:u\.?s\.?a?\.?|united\s+states(?:\s+of\s+america)?|america)\s*")


# An attention line above the street ('Attn: Accounts Payable' over '2200 Westlake Ave N', 'c/o Front Desk'
# over '15 Mill Rd', as a CRM's 'Mailing Street' keeps it): the street is line 1, the vendor's and the
# carrier's delivery line; sent as line 1, the attention line left the street on line 2 behind the company
# (found by newcomer22, N1). A later line opening with a house number or a PO box is the street.
_ATTENTION = re.compile(r"(?i)(?:attn\b|attention\b|c\s*/\s*o\b|care\s+of\b)")
_STREET_START = re.compile(r"(?i)(?:\d|p\.?\s*o\.?\s*box\b)")
# ... not a floor ('Attn: AP' over '3rd Floor' over '2200 Westlake Ave N' sent '3rd Floor' as line 1, the
# street behind the attention line on line 2: found by review58 checking 2ae1b782)
_FLOOR_LINE = re.compile(r"(?i)\d+\s*(?:st|nd|rd|th)?\s+(?:floor|fl|flr)\b")


# ... and a unit above the street ('Suite 208' over '111 Broadway', as Zoho and Salesforce keep a suite
# typed first): the suite went as line 1, the street as line 2 (newcomer23's N5, given to hunter-sheets33)
_UNIT = (
    r"(?:(?:suite|ste|apt|apartment|unit|room|rm|bldg|building|floor|fl|flr|dept|department|lot|space|spc|"
    r"trlr|trailer)\b\.?\s*#?\s*[\w-]+|#\s*[\w-]+|\d+\s*(?:st|nd|rd|th)?\s+(?:floor|fl|flr)\b\.?)"
)
_UNIT_LINE = re.compile(rf"(?i)\s*{_UNIT}(?:\s*[,;&/]?\s*{_UNIT}){{0,3}}\s*")


def _street_first(parts: list[str]) -> list[str]:
    """A cell's lines with the street first where an attention line or a unit stands above it."""
    if len(parts) < 2 or not (_ATTENTION.match(parts[0]) or _UNIT_LINE.fullmatch(parts[0])):
        return parts
    street = next(
        (i for i, part in enumerate(parts) if _STREET_START.match(part) and not _FLOOR_LINE.match(part)), None
    )
    return parts if street is None else [parts[street], *parts[:street], *parts[street + 1 :]]


# ... and the same on one line, the street after a comma ('Attn: Accounts Payable, 2200 Westlake Ave N'),
# where line 2 is empty: split there (a name with a comma of its own, 'Attn: Bo Ray, Jr., 5 Elm St', stays)
_ATTENTION_BEFORE = re.compile(
    r"(?is)\s*((?:attn\b|attention\b|c\s*/\s*o\b|care\s+of\b)[^,;]*?)\s*[,;]\s*((?:\d|p\.?\s*o\.?\s*box\b).*?)\s*$"
)


def attention_first(line1: pd.Series, line2: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Street cells of one line opening with an attention line, the street after a comma: (line 1 the street,
    line 2 the attention line where it was empty, the rows split)."""
    split = pd.Series(False, index=line1.index)
    opens = line1.str.match(_ATTENTION.pattern) & line2.astype(str).str.strip().eq("")
    if not opens.any():
        return line1, line2, split
    found = line1[opens].str.fullmatch(_ATTENTION_BEFORE.pattern)
    at = found[found].index
    if not len(at):
        return line1, line2, split
    parts = line1.loc[at].str.extract(_ATTENTION_BEFORE.pattern)
    line1, line2 = line1.copy(), line2.copy()
    line1.loc[at], line2.loc[at] = parts[1], parts[0]
    split.loc[at] = True
    return line1, line2, split


def _names_a_place(line: str, city: str) -> bool:
    """Whether a street cell's later line names the city, state and ZIP, the row's city or the country."""
    folded = line.casefold()
    said_city = bool(city.strip()) and folded.startswith(city.strip().casefold())
    return bool(_CITY_LINE.search(line) or _COUNTRY_LINE.fullmatch(line)) or said_city


def street_lines(
    line1: pd.Series, line2: pd.Series, city: pd.Series
) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """The street cells of two lines or more, the lines after the first moved to line 2 (joined by spaces, as
    line 1 read them) where line 2 is empty: (line 1, line 2, the rows moved, the rows whose line 2 holds
    something already, their lines left on line 1). Looked at cell by cell only where some cell breaks a
    line; a '5 Oak St' over 'Floor 2' over 'Room 9' is moved as one of two lines is."""
    none = pd.Series(False, index=line1.index)
    text = "\x00".join(line1.tolist())
    if not any(mark in text for mark in "\r\n\u2028\u2029\x0b\x0c\x85"):
        return line1, line2, none, none
    broken = line1[line1.str.contains(_LINE_BREAK.pattern, regex=True)]
    parts = [_street_first([p for p in _LINE_BREAK.split(cell.strip()) if p]) for cell in broken.tolist()]
    cities = city.reindex(broken.index).fillna("").astype(str).tolist()
    lines = pd.Series(
        [
            len(p) >= 2 and not any(_names_a_place(line, town) or NOTHING.fullmatch(line) for line in p[1:])
            for p, town in zip(parts, cities, strict=True)
        ],
        index=broken.index,
        dtype=bool,
    )
    empty = line2.reindex(broken.index).astype(str).str.strip().eq("")
    moved = (lines & empty).reindex(line1.index, fill_value=False)
    kept = (lines & ~empty).reindex(line1.index, fill_value=False)
    firsts = pd.Series([p[0] if p else "" for p in parts], index=broken.index)
    rest = pd.Series([" ".join(p[1:]) for p in parts], index=broken.index)
    at = moved[moved].index
    line1, line2 = line1.copy(), line2.copy()
    line1.loc[at], line2.loc[at] = firsts.loc[at], rest.loc[at]
    return line1, line2, moved, kept


def on_one_line(cells: pd.Series) -> pd.Series:
    """Each cell's lines joined by a space, in the order written."""
    return cells.str.replace(_LINE_BREAK.pattern, " ", regex=True).str.strip()


def with_line_3(line2: pd.Series, line3: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Line 2 with line 3 after it ("Suite 400, Floor 12"), and the rows where line 3 was added (found by
    newcomer8: a third line was dropped without a word, parcels went without their floor or mailroom)."""
    line3, _ = nothing_written(line3.fillna("").astype(str).str.strip())
    add = line3.ne("")
    joined = line2.where(line2.str.strip().eq(""), line2.str.rstrip() + ", ") + line3
    return line2.where(~add, joined), add
