"""The city, the state and the ZIP in one column beside the street: a mail-merge list's 'City, State ZIP' =
'Boston, MA 02134' (an address label's last line; 'CityStateZip', 'City/State/Zip', 'CSZ'). The list was
refused, exit 2, "lacks required column(s): City, State, ZIP Code ... rename the headers", though each of
its cells says all three (found by hunter-sheets28). The column is read as the city, and each cell split
as a whole address's last line is (bulkship.validate.wholeaddress); a cell read otherwise is an error on
its row, saying how to write it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import pandas as pd

from ..columns import _words
from ..columns.records import ColumnInfo
from ..models import LoadedSheet, Problem
from .collect import ProblemCollector
from .wholeaddress import split_address

_CITY_WORDS = frozenset({"city", "town"})
_STATE_WORDS = frozenset({"state", "st", "province"})
_ZIP_WORDS = frozenset({"zip", "zipcode", "postal", "postcode", "zip5"})
_OTHER_WORDS = frozenset(
    {"code", "and", "address", "line", "mailing", "home", "ship", "shipping", "to", "plus", "4"}
)
_PLACEHOLDER = "1 Placeholder St"  # the street a cell is split beside: a whole address's last line
_FIELDS = ("city", "state", "zip")


def _names_city_state_zip(header: str) -> bool:
    """'City, State ZIP', 'CityStateZip', 'City/St/Zip', 'City State and Postal Code', 'CSZ'."""
    words = set(_words(header))
    if words == {"csz"}:
        return True
    named = words & _CITY_WORDS and words & _STATE_WORDS and words & _ZIP_WORDS
    return bool(named) and words <= _CITY_WORDS | _STATE_WORDS | _ZIP_WORDS | _OTHER_WORDS


def split_city_line(cell: str) -> tuple[str, str, str] | None:
    """``cell`` ('Boston, MA 02134', 'Austin TX 78701') as (city, state, ZIP), None when it cannot be read for
    sure."""
    split = split_address(f"{_PLACEHOLDER}\n{cell}")
    if split is None or split[0] != _PLACEHOLDER or split[1]:
        return None
    return split[2], split[3], split[4]


def city_state_zip_header(sheet: LoadedSheet) -> str | None:
    """The header of the column read as the city (:func:`read_city_state_zip`) when it names all three."""
    city = next((h for h, field in sheet.column_map.items() if field == "city"), None)
    return city if city is not None and _names_city_state_zip(city) else None


def read_city_state_zip(sheet: LoadedSheet) -> LoadedSheet:
    """``sheet`` with its one unused column naming the city, the state and the ZIP together read as the city
    (split by :func:`split_city_lines`), said in a notice; ``sheet`` itself where a column gives the state
    or the ZIP, or most of the column's filled cells cannot be split. A City column of its own beside it is
    set aside, checked against each row's city (:data:`COMPARED`): the list was refused whole, exit 2,
    "lacks State, ZIP Code" (found by review48)."""
    mapped = {h: f for h, f in sheet.column_map.items() if f in _FIELDS}
    if set(mapped.values()) - {"city"} or any(_names_city_state_zip(h) for h in mapped):
        return sheet
    found = [
        info
        for info in sheet.columns
        if info.status == "unused"
        and not (info.note or info.hidden)  # a column set aside for a reason, or out of sight
        and info.header in sheet.frame.columns
        and _names_city_state_zip(info.header)
    ]
    if len(found) != 1:
        return sheet
    info = found[0]
    cells = [str(c).strip() for c in sheet.frame[info.header].fillna("").tolist()[:200]]
    cells = [c for c in cells if c]
    read = [c for c in cells if split_city_line(c) is not None]
    if not read or len(read) * 2 <= len(cells):
        return sheet
    city, state, zip_code = split_city_line(read[0]) or ("", "", "")
    own = next((i for i in sheet.columns if i.header in mapped), None)  # the list's own City column
    said = (
        f"Column '{info.header}' ({info.letter}) is read as City, State and ZIP Code: each cell is split "
        f"('{read[0]}' as {city}, {state}, {zip_code})"
        + (f"; column '{own.header}' ({own.letter}) is checked against its city." if own else ".")
    )
    compared = COMPARED.format(header=info.header)

    def read_so(i: ColumnInfo) -> ColumnInfo:
        if i is info:
            return replace(i, field="city", status="used")
        return replace(i, field=None, status="unused", note=compared) if i is own else i

    return replace(
        sheet,
        column_map={**{h: f for h, f in sheet.column_map.items() if h not in mapped}, info.header: "city"},
        columns=tuple(read_so(i) for i in sheet.columns),
        notices=(*sheet.notices, said),
    )


# The note of a City column beside the 'City, State ZIP' read: each row's city compared with it
COMPARED = "checked against the city of '{header}'"


def compared_cities(sheet: LoadedSheet) -> tuple[str, pd.Series] | None:
    """The header and cells of the City column set aside beside the 'City, State ZIP' read as the city."""
    header = city_state_zip_header(sheet)
    note = COMPARED.format(header=header)
    own = next((i.header for i in sheet.columns if header and i.note == note), None)
    return None if own is None else (own, sheet.frame[own].fillna("").astype(str))


_UNREAD = (
    "holds a city, state and ZIP bulkship cannot split for sure: write it as 'Boston, MA 02134' (the city, a "
    "comma, the state's two letters and the 5-digit ZIP), or split the column into City, State and ZIP "
    "columns."
)
_EMPTY = "is empty; fill in the city, state and ZIP, e.g. 'Boston, MA 02134'."


@dataclass
class CityLines:
    """The column split (its header), the rows whose cell could not be read for sure, and those whose city
    the list's own City column (``compared``: its header) writes otherwise."""

    header: str
    unread: list[int]
    compared: str = ""
    differ: dict[int, tuple[str, str]] = field(default_factory=dict)  # row -> (its cell, the City column's)


def _folded(city: str) -> str:
    """A city as compared: letters and digits only, 'Saint' as 'St' ('st. louis' is 'St. Louis')."""
    words = re.findall(r"[^\W_]+", city.casefold())
    return " ".join("st" if word == "saint" else word for word in words)


def split_city_lines(
    frame: pd.DataFrame, header: str | None, cities: tuple[str, pd.Series] | None = None
) -> CityLines | None:
    """Split the canonical ``frame``'s city cells (the column ``header`` naming all three) into its city,
    state and ZIP, in place; None without such a column. ``cities``: the list's own City column beside it
    (:func:`compared_cities`), its header and cells, each filled one compared with the row's city."""
    if header is None:
        return None
    lines = CityLines(header, [], cities[0] if cities else "")
    for row, cell in frame["city"].astype(str).items():
        split = split_city_line(cell)
        if split is None:
            lines.unread.append(int(row))
            continue
        own = cities[1].get(row, "").strip() if cities else ""
        if own and _folded(own) != _folded(split[0]):
            lines.differ[int(row)] = (cell, own)
        for name, value in zip(_FIELDS, split, strict=True):
            frame.at[row, name] = value
    return lines


def say_city_lines(collector: ProblemCollector, lines: CityLines | None) -> None:
    """What is said of the state and the ZIP names the column they were read from; each cell not read for
    sure is an error on its row, as is one whose city the list's own City column writes otherwise."""
    if lines is None:
        return
    every = pd.Series(True, index=collector.frame.index)
    collector.read_elsewhere(every, {"state": lines.header, "zip": lines.header})
    cells = collector.original("city")
    empty = [row for row in lines.unread if not str(cells[row]).strip()]
    collector.add_each(
        lines.unread,
        "city",
        "City, state and ZIP not read",
        [_EMPTY if row in empty else _UNREAD for row in lines.unread],
        [str(cells[row]) for row in lines.unread],
    )
    collector.add_each(
        lines.differ,
        "city",
        "City, state and ZIP not read",
        [
            f"'{cell}' names another city than column '{lines.compared}' ('{own}'): which is right? "
            f"Write the same city in both, or empty column '{lines.compared}'."
            for cell, own in lines.differ.values()
        ],
        [cell for cell, _own in lines.differ.values()],
    )


def without_parts_of_unread_lines(
    problems: tuple[Problem, ...], lines: CityLines | None
) -> tuple[Problem, ...]:
    """``problems`` without those of the state and the ZIP (or another of the city) of a row whose cell was
    not read: its own error says how to write it."""
    if lines is None or not (lines.unread or lines.differ):
        return problems
    unread = set(lines.unread) | set(lines.differ)
    own = "City, state and ZIP not read"
    return tuple(p for p in problems if not (p.row in unread and p.column in _FIELDS and p.kind != own))
