"""A whole address in one cell, and no City, State or ZIP column: a form's 'Mailing address' = '12 Oak Ave,
Apt 3, Boston, MA 02134', or on lines of their own ('500 W Main St' / 'Springfield, IL 62704'). The list was
refused whole (exit 2, "lacks City, State, ZIP Code": found by the lead, fixed by hunter-sheets25). Each cell
is split where it can be read for sure: its last part the state's two letters and the ZIP ('MA 02134', or
'Boston MA 02134' after a comma or a line break; the state written out, 'Massachusetts 02134', or the ZIP
after a comma of its own, 'MA, 02134'), the city the part before them, letters only, and before
it the street (a number in it) and at most one more part (line 2). The state and the ZIP are then checked
against each other as any row's are. A cell read otherwise is an error on its row, saying how to write it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from ..models import LoadedSheet, Problem
from .collect import ProblemCollector
from .usps import state_lookup

# A ZIP as the cell writes it: also one that lost its leading zeros to a number column the cell was made from
# (=B2&", "&C2&" "&D2: 'Newark, NJ 7102'), left so for the ZIP repair to judge by the state, as a ZIP
# column's 7102 is (the row was an error, 'cannot split for sure': found by hunter-sheets28)
_ZIP_TEXT = r"\d{3,5}(?:-\d{4})?"
_COUNTRY = re.compile(r"(?i)[\s,]*(?:u\.?s\.?a?\.?|united\s+states(?:\s+of\s+america)?)\s*$")
_STATE_ZIP = re.compile(
    rf"(?:(?P<city>[^\W\d_][^\d,]*?)\s+)?(?P<state>[A-Za-z]{{2}})\.?\s+(?P<zip>{_ZIP_TEXT})"
)
_CITY = re.compile(r"[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+)*\.?")
_ZIP = re.compile(_ZIP_TEXT)
_NAMED_STATE = re.compile(rf"(?P<state>[^\W\d_][^\d,]*?)\s+(?P<zip>{_ZIP_TEXT})")
_UNIT = re.compile(r"(?i)(?:apt|apartment|unit|suite|ste|fl|floor|room|rm|bldg|building|#)\b|#")
# A part that is a unit and nothing else: 'Apt B', 'Building B', 'Suite 200', '# 5' (not 'Ste. Genevieve')
_A_UNIT = re.compile(
    r"(?i)(?:(?:apt|apartment|unit|suite|ste|fl|floor|room|rm|bldg|building|lot)\.?\s*#?|#)\s*"
    r"(?:\w*\d\w*|[a-z])"
)
_FIELDS = ("address1", "address2", "city", "state", "zip")


@dataclass
class WholeAddresses:
    """The column split (its header), the rows read from it and the rows it could not be read for sure."""

    header: str
    read: pd.Series  # bool, by row
    unread: list[int] = field(default_factory=list)
    apart: bool = False  # the list has a ZIP column of its own
    differ: dict[int, str] = field(default_factory=dict)  # row -> its cell's ZIP and its ZIP column's, said


# What a cell without its ZIP is read with, beside the row's own ZIP column: a list's 'Home Address' = '88
# Pleasant St, Apt 2, Watertown, MA' and a 'Zip Code' column was refused, exit 2, 'lacks required column(s):
# City, State' (newcomer15's N8, fixed by hunter-sheets26)
_NO_ZIP = "00000"


def split_address(
    cell: str, zip_code: str = "", *, apart: bool = False
) -> tuple[str, str, str, str, str] | None:
    """``cell`` as (street, line 2, city, state, ZIP), or None when it cannot be read for sure. ``zip_code``:
    the row's own ZIP column, where the list has one (``apart``): the cell may end at its state (the ZIP is
    the column's, empty or not), or end with the same ZIP (another is not read)."""
    if not (zip_code or apart):
        return _split(cell)
    whole = _split(cell)
    if whole is not None and not zip_code:
        return whole
    if whole is not None:
        same = whole[4].split("-")[0].zfill(5) == (zip_code.zfill(5) if zip_code.isdigit() else zip_code)[:5]
        return whole if same else None
    whole = _split(f"{cell.strip()} {_NO_ZIP}")
    return None if whole is None else (*whole[:4], zip_code)


# Mailchimp's ADDRESS merge field, as its audience export writes it: street, line 2 (left out when there is
# none), city, state, ZIP and country, each apart by two spaces ('2048 Broad St  Apt 15  Denver  CO  80205
# US'). Refused whole, "split 'Address' ... (Text to Columns)", which cannot split on two spaces (found by
# newcomer24). Read only as those parts, no comma nor line break among them, the country a US one or none
_LETTER = re.compile(r"[^\W\d_]")


def _comma_written(cell: str) -> str:
    """``cell`` of Mailchimp's parts apart by two spaces written as the commas of a typed address ('2048
    Broad St, Apt 15, Denver, CO 80205'); any other cell as it is. The parts are counted where two spaces
    are (an empty line 2 keeps its place): a double space typed inside the street ('12  Main St') makes one
    part too many, and read otherwise it went out as street '12', line 2 'Main St' (found by review62)."""
    text = cell.strip()
    if "," in text or "\n" in text or "  " not in text:
        return cell
    parts = [part.strip() for part in text.split("  ")]
    if _COUNTRY.fullmatch(parts[-1]):
        parts.pop()
    if len(parts) == 5 and not parts[1]:  # line 2 empty
        del parts[1]
    if (
        "" in parts
        or not 4 <= len(parts) <= 5
        or not _ZIP.fullmatch(parts[-1])
        or re.search(r"\d", parts[-2])
    ):
        return cell
    street, line_2 = parts[0], parts[1:-3]
    if not _LETTER.search(street) or any(not (_A_UNIT.fullmatch(p) or re.search(r"\d", p)) for p in line_2):
        return cell  # a street of its number alone, or a line 2 that is no unit: a street cut in two
    return ", ".join([*parts[:-2], f"{parts[-2]} {parts[-1]}"])


def _split(cell: str) -> tuple[str, str, str, str, str] | None:
    text = _COUNTRY.sub("", _comma_written(cell).strip())
    parts = [p.strip() for p in re.split(r"[,\n]", text) if p.strip()]
    if len(parts) >= 3 and _ZIP.fullmatch(parts[-1]):  # 'Boston, MA, 02134': the ZIP after a comma of its own
        parts[-2:] = [f"{parts[-2]} {parts[-1]}"]
    if len(parts) < 2:
        return None
    named = _NAMED_STATE.fullmatch(parts[-1])  # 'Massachusetts 02134' (the city in the part before)
    if named and (code := state_lookup().get(" ".join(named["state"].casefold().split()))):
        parts[-1] = f"{code} {named['zip']}"
    found = _STATE_ZIP.fullmatch(parts[-1])
    if found is None:
        return None
    city, street = found["city"], parts[:-1]
    if city is None:  # 'MA 02134' alone: the city is the part before it
        city, street = parts[-2], parts[:-2]
    if len(street) == 2 and _UNIT.match(street[0]):  # 'Unit 5, 12 Oak Ave': the street first
        street.reverse()
    if not _CITY.fullmatch(city) or not 1 <= len(street) <= 2 or not re.search(r"\d", street[0]):
        return None
    # a unit is no city ('12 Oak Ave, Apt B, MA 02134': the city left out), nor alone a street ('Apt 4,
    # Boston, MA 02134'): read so, the card was ordered to it (found by review41 reviewing e948da20)
    if _A_UNIT.fullmatch(city) or _A_UNIT.fullmatch(street[0]):
        return None
    return street[0], street[1] if len(street) == 2 else "", city, found["state"].upper(), found["zip"]


def split_whole_addresses(frame: pd.DataFrame, header: str | None) -> WholeAddresses | None:
    """Split the street column (``header``, holding whole addresses: :func:`whole_address_column`) of the
    canonical ``frame`` into its street, line 2, city, state and ZIP, in place; None without such a column.
    A cell whose line 2 the row's own line 2 column contradicts is not read."""
    if header is None:
        return None
    cells = frame["address1"].astype(str)
    apart = bool(frame["zip"].ne("").any())
    split = pd.Series(
        [split_address(c, z, apart=apart) for c, z in zip(cells, frame["zip"].astype(str), strict=True)],
        index=cells.index,
        dtype=object,
    )
    line_2 = split.map(lambda s: s[1] if s else "")
    read = split.notna() & ~(frame["address2"].ne("") & line_2.ne(""))
    for position, name in enumerate(_FIELDS):
        if name != "address2":
            frame[name] = frame[name].where(~read, split.map(lambda s, p=position: s[p] if s else ""))
    frame["address2"] = frame["address2"].where(~(read & line_2.ne("")), line_2)
    unread = [int(row) for row in frame.index[~read & cells.str.strip().ne("")]]
    differ = {}  # the rows whose cell ends with another ZIP than the row's own ZIP column: which is right?
    for row in unread:
        own = _split(cells[row]) if frame.at[row, "zip"] else None
        if own is not None:
            differ[row] = f"'{own[4]}', and the row's ZIP column says '{frame.at[row, 'zip']}'"
    unread = [row for row in unread if row not in differ]
    return WholeAddresses(header, read, unread, apart=apart, differ=differ)


_UNREAD = (
    "holds an address bulkship cannot split for sure into street, city, state and ZIP (there are no "
    "City, State and ZIP columns): write it as '12 Oak Ave, Apt 3, Boston, MA 02134' (the street, then "
    "after a comma or on a line of its own the city, the state's two letters and the ZIP), or split the "
    "column into Street, City, State and ZIP columns."
)
_UNREAD_APART = (
    "holds an address bulkship cannot split for sure into street, city and state (there are no City and "
    "State columns): write it as '12 Oak Ave, Apt 3, Boston, MA' (the street, then after a comma or on a "
    "line of its own the city and the state's two letters), or split the column into Street, City and "
    "State columns."
)


def say_whole_addresses(collector: ProblemCollector, split: WholeAddresses | None) -> None:
    """Each row read from a whole address named so; each cell not read for sure an error on its row."""
    if split is None:
        return
    fields = [f for f in _FIELDS if not (split.apart and f == "zip")]  # (the list's ZIP column says its own)
    collector.read_elsewhere(split.read, {f: split.header for f in fields})
    line_2 = split.read & collector.frame["address2"].ne("")
    said = "holds the whole address: read as street '{address1}'%s, city '{city}', state {state}, ZIP {zip}."
    collector.warn(split.read & ~line_2, "address1", "Whole address split", said % "")
    collector.warn(line_2, "address1", "Whole address split", said % ", line 2 '{address2}'")
    collector.add_each(
        split.unread,
        "address1",
        "Whole address not read",
        [_UNREAD_APART if split.apart else _UNREAD] * len(split.unread),
        [""] * len(split.unread),
    )
    collector.add_each(
        split.differ,
        "address1",
        "Whole address not read",
        [
            f"holds a whole address ending with the ZIP {zips}: which is right? Write the same ZIP in both, "
            "or take it out of the address."
            for zips in split.differ.values()
        ],
        [""] * len(split.differ),
    )


def whole_address_column(sheet: LoadedSheet, defaults: Mapping[str, str]) -> str | None:
    """The street column when it holds whole addresses (:func:`whole_addresses`), most of which read for sure,
    and no column nor default gives the city, the state or the ZIP: its cells are split
    (:func:`split_whole_addresses`)."""
    present = set(sheet.column_map.values()) | {c for c, v in defaults.items() if v}
    zips = _zip_cells(sheet)
    if {"city", "state"} & present or ("zip" in present and zips is None):
        return None
    header = whole_addresses(sheet)[0]
    if header is None:
        return None
    cells = [str(v).strip() for v in sheet.frame[header].tolist()[:200]]
    pairs = [(c, z) for c, z in zip(cells, zips or [""] * len(cells), strict=False) if c]
    apart = zips is not None
    # ... most of them read for sure: else a way of writing them bulkship does not know (a mailing list's
    # 'Boston  MA  02108', parts apart by two spaces): refused whole, saying to split the column, as before
    read = sum(split_address(c, z, apart=apart) is not None for c, z in pairs)
    return header if read * 2 > len(pairs) else None


def _zip_cells(sheet: LoadedSheet) -> list[str] | None:
    """The first cells of the list's ZIP column, None without one."""
    header = next((h for h, field in sheet.column_map.items() if field == "zip"), None)
    return None if header is None else [str(v).strip() for v in sheet.frame[header].tolist()[:200]]


# A whole address in one cell: "12 Beacon St  Boston MA 02108 US", "12 Beacon St, Boston, MA 02108", and on
# lines of their own, as a form's "Shipping address" box keeps them ("12 Elm St\nApt 4\nBoston, MA 02134").
# Up to its first digit by \D*: '.*\d.*' took time growing with the square of a cell's length, and a list
# of long cells (32,000 digits) and no City column spent hours here before saying so. Workday ends its
# address cells "United States of America" (found by newcomer8), others "U.S.A."
_WHOLE_ADDRESS = re.compile(
    r"(?is)\D*\d.*\b[A-Z]{2}[\s,]+\d{3,5}(?:-\d{4})?"  # (3 or 4 digits: the ZIP's zeros lost)
    r"(?:[\s,]+(?:U\.?S\.?A?\.?|United States(?: of America)?))?\s*"
)


# ... and beside a ZIP column, one ending at its state after a comma or a line break ('88 Pleasant St, Apt 2,
# Watertown, MA')
_AT_ITS_STATE = re.compile(r"(?i)[,\n][^,\n]*\b[A-Z]{2}\.?\s*\Z")


def whole_addresses(sheet: LoadedSheet) -> tuple[str | None, bool]:
    """The street column, when most of its cells hold a whole address (a state and a ZIP at their end), and
    whether those are written on lines of their cells."""
    header = next((h for h, field in sheet.column_map.items() if field == "address1"), None)
    if header is None:
        return None, False
    cells = [str(v).strip() for v in sheet.frame[header].tolist()[:200] if str(v).strip()]
    apart = _zip_cells(sheet) is not None
    whole = [
        cell
        for cell in cells
        if _WHOLE_ADDRESS.fullmatch(cell)
        or (apart and re.search(r"\d", cell) and _AT_ITS_STATE.search(cell[-120:]))
    ]
    if not cells or len(whole) < 0.6 * len(cells):
        return None, False
    return header, sum("\n" in cell for cell in whole) * 2 > len(whole)


def without_parts_of_unread(
    problems: tuple[Problem, ...], split: WholeAddresses | None
) -> tuple[Problem, ...]:
    """``problems`` without those of the city, state and ZIP of a row whose whole address was not read: the
    list has no such columns, and the row's own error says how to write the address."""
    if split is None or not (split.unread or split.differ):
        return problems
    unread = set(split.unread) | set(split.differ)
    return tuple(p for p in problems if not (p.row in unread and p.column in ("city", "state", "zip")))
