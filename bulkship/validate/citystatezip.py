"""The city, the state and the ZIP in one column beside the street: a mail-merge list's 'City, State ZIP' =
'Boston, MA 02134' (an address label's last line; 'CityStateZip', 'City/State/Zip', 'CSZ'). The list was
refused, exit 2, "lacks required column(s): City, State, ZIP Code ... rename the headers", though each of
its cells says all three (found by hunter-sheets28). The column is read as the city, and each cell split
as a whole address's last line is (bulkship.validate.wholeaddress); a cell read otherwise is an error on
its row, saying how to write it. A 'City, State' column beside the list's own ZIP column ('Boston, MA';
refused alike, found by hunter-sheets29) is read the same way, its cells split into the city and the
state."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import pandas as pd

from ..columns import _words
from ..columns.records import ColumnInfo
from ..models import LoadedSheet, Problem
from .collect import ProblemCollector
from .usps import state_lookup
from .wholeaddress import split_address

_CITY_WORDS = frozenset({"city", "town"})
_STATE_WORDS = frozenset({"state", "st", "province"})
_ZIP_WORDS = frozenset({"zip", "zipcode", "postal", "postcode", "zip5"})
_OTHER_WORDS = frozenset(
    {"code", "and", "address", "line", "mailing", "home", "ship", "shipping", "to", "plus", "4"}
)
_PLACEHOLDER = "1 Placeholder St"  # the street a cell is split beside: a whole address's last line
_SOME_CITY = "Springfield, "  # the city a 'State/Zip' cell is read after, to see whether it splits
_FIELDS: tuple[str, ...] = ("city", "state", "zip")
_CITY_STATE: tuple[str, ...] = ("city", "state")
# 'State/Zip' = 'MA 02134' beside a City column (hunter-sheets29's leftover 2, fixed by hunter-sheets30)
_STATE_ZIP: tuple[str, ...] = ("state", "zip")


def _names_city_state_zip(header: str) -> bool:
    """'City, State ZIP', 'CityStateZip', 'City/St/Zip', 'City State and Postal Code', 'CSZ'."""
    return combined_fields(header) == _FIELDS


def combined_fields(header: str) -> tuple[str, ...] | None:
    """The fields a header names together: city, state and ZIP ('City, State ZIP', 'CSZ'), or the city and
    the state ('City, State', 'City/St'); None for any other."""
    words = set(_words(header))
    if words == {"csz"}:
        return _FIELDS
    if not words <= _CITY_WORDS | _STATE_WORDS | _ZIP_WORDS | _OTHER_WORDS:
        return None
    if words & _STATE_WORDS and words & _ZIP_WORDS and not words & _CITY_WORDS:
        return _STATE_ZIP
    if not (words & _CITY_WORDS and words & _STATE_WORDS):
        return None
    return _FIELDS if words & _ZIP_WORDS else _CITY_STATE


def split_city_line(cell: str, zip_code: str | None = None) -> tuple[str, str, str] | None:
    """``cell`` ('Boston, MA 02134', 'Austin TX 78701') as (city, state, ZIP), None when it cannot be read for
    sure. ``zip_code``: the row's own ZIP column beside a 'City, State' cell ('Boston, MA'), the ZIP given."""
    line = f"{_PLACEHOLDER}\n{cell}"
    split = split_address(line) if zip_code is None else split_address(line, zip_code, apart=True)
    if split is None or split[0] != _PLACEHOLDER or split[1]:
        return None
    return split[2], split[3], split[4]


def city_state_zip_header(sheet: LoadedSheet) -> str | None:
    """The header of the column read as the city (:func:`read_city_state_zip`) when it names the state (and
    the ZIP) too, or as the state when it names the ZIP too."""
    for header, read in sheet.column_map.items():
        parts = combined_fields(header) if read in ("city", "state") else None
        if parts and parts[0] == read:
            return header
    return None


def _zip_cells(sheet: LoadedSheet, header: str) -> list[str] | None:
    """The ZIP column's cells beside ``header``'s where it names the city and the state alone, else None."""
    if combined_fields(header) != _CITY_STATE:
        return None
    zip_header = next(h for h, field in sheet.column_map.items() if field == "zip")
    return [str(c).strip() for c in sheet.frame[zip_header].fillna("").tolist()]


def read_city_state_zip(sheet: LoadedSheet) -> LoadedSheet:
    """``sheet`` with its one unused column naming the city, the state and the ZIP together read as the city
    (split by :func:`split_city_lines`), said in a notice; ``sheet`` itself where a column gives the state
    or the ZIP, or most of the column's filled cells cannot be split. A City column of its own beside it is
    set aside, checked against each row's city (:data:`COMPARED`): the list was refused whole, exit 2,
    "lacks State, ZIP Code" (found by review48)."""
    mapped = {h: f for h, f in sheet.column_map.items() if f in _FIELDS}
    if any(combined_fields(h) for h in mapped):
        return sheet
    found = [
        info
        for info in sheet.columns
        if info.status == "unused"
        and not (info.note or info.hidden)  # a column set aside for a reason, or out of sight
        and info.header in sheet.frame.columns
        and combined_fields(info.header)
    ]
    if len(found) != 1:
        return sheet
    info = found[0]
    parts = combined_fields(info.header) or _FIELDS
    read_as = parts[0]
    beside = {_CITY_STATE: [{"zip"}], _STATE_ZIP: [{"city"}, {"city", "state"}]}.get(
        parts, [set(mapped.values()) & {"city"}]
    )
    if set(mapped.values()) not in beside:
        return sheet  # beside a ZIP column; 'City, State' beside a ZIP column only
    zips = _zip_cells(sheet, info.header)
    cells = [str(c).strip() for c in sheet.frame[info.header].fillna("").tolist()[:200]]
    if parts == _STATE_ZIP and "state" in mapped.values() and _bare_zips(cells):
        return _read_as_zip(sheet, info, mapped)
    if parts == _STATE_ZIP:  # 'MA 02134' read after a city
        cells = [f"{_SOME_CITY}{c}" if c else "" for c in cells]
    pairs = [(c, None if zips is None else z) for c, z in zip(cells, zips or cells, strict=False) if c]
    read = [(c, z) for c, z in pairs if split_city_line(c, z) is not None]
    if not read or len(read) * 2 <= len(pairs):
        return sheet
    city, state, zip_code = split_city_line(*read[0]) or ("", "", "")
    # the list's own City (or State beside 'State/Zip'), checked against each row's
    own = next((i for i in sheet.columns if mapped.get(i.header) == read_as), None)
    split = {_CITY_STATE: f"{city}, {state}", _STATE_ZIP: f"{state}, {zip_code}"}.get(
        parts, f"{city}, {state}, {zip_code}"
    )
    said = (
        f"Column '{info.header}' ({info.letter}) is read as {_named(parts)}: each cell is split "
        f"('{read[0][0].removeprefix(_SOME_CITY)}' as {split})"
        + (f"; column '{own.header}' ({own.letter}) is checked against its {read_as}." if own else ".")
    )
    compared = COMPARED.format(field=read_as, header=info.header)

    def read_so(i: ColumnInfo) -> ColumnInfo:
        if i is info:
            return replace(i, field=read_as, status="used")
        return replace(i, field=None, status="unused", note=compared) if i is own else i

    return replace(
        sheet,
        column_map={**{h: f for h, f in sheet.column_map.items() if f != read_as}, info.header: read_as},
        columns=tuple(read_so(i) for i in sheet.columns),
        notices=(*sheet.notices, said),
    )


# A ZIP as people's lists write it: '02134', "'02134", '2134' (Excel ate the zero), '2134.0', '02134-4307'
_BARE_ZIP = re.compile(r"'?\d{3,5}(?:\.0+)?(?:[- ]?\d{4})?")


def _bare_zips(cells: list[str]) -> bool:
    """Every filled cell a ZIP alone, no state: 'State/Zip' beside a 'State' column holding the ZIPs only."""
    filled = [c for c in cells if c]
    return bool(filled) and all(_BARE_ZIP.fullmatch(c) for c in filled)


def _read_as_zip(sheet: LoadedSheet, info: ColumnInfo, mapped: dict[str, str]) -> LoadedSheet:
    """``sheet`` with its 'State/Zip' column of ZIPs alone read as the ZIP beside its own State column: the
    list was refused whole, exit 2, 'lacks required column(s): ZIP Code' (hunter-sheets32's leftover 2)."""
    state = next(i for i in sheet.columns if mapped.get(i.header) == "state")
    said = (
        f"Column '{info.header}' ({info.letter}) holds ZIP codes alone beside column '{state.header}' "
        f"({state.letter}): it is read as the ZIP Code."
    )
    return replace(
        sheet,
        column_map={**sheet.column_map, info.header: "zip"},
        columns=tuple(replace(i, field="zip", status="used") if i is info else i for i in sheet.columns),
        notices=(*sheet.notices, said),
    )


# The note of a City column beside the 'City, State ZIP' read (a State beside 'State/Zip'): each row's
# city (state) compared with it
COMPARED = "checked against the {field} of '{header}'"


def compared_cities(sheet: LoadedSheet) -> tuple[str, pd.Series] | None:
    """The header and cells of the City column set aside beside the 'City, State ZIP' read as the city."""
    header = city_state_zip_header(sheet)
    note = COMPARED.format(field=sheet.column_map.get(header or "", ""), header=header)
    own = next((i.header for i in sheet.columns if header and i.note == note), None)
    return None if own is None else (own, sheet.frame[own].fillna("").astype(str))


def _named(parts: tuple[str, ...] | None) -> str:
    return {_CITY_STATE: "City and State", _STATE_ZIP: "State and ZIP Code"}.get(
        parts or _FIELDS, "City, State and ZIP Code"
    )


_UNREAD = (
    "holds a city, state and ZIP bulkship cannot split for sure: write it as 'Boston, MA 02134' (the city, a "
    "comma, the state's two letters and the 5-digit ZIP), or split the column into City, State and ZIP "
    "columns."
)
_EMPTY = "is empty; fill in the city, state and ZIP, e.g. 'Boston, MA 02134'."
_UNREAD_CITY_STATE = (
    "holds a city and state bulkship cannot split for sure: write it as 'Boston, MA' (the city, a comma and "
    "the state's two letters), or split the column into City and State columns."
)
_EMPTY_CITY_STATE = "is empty; fill in the city and state, e.g. 'Boston, MA'."
_UNREAD_STATE_ZIP = (
    "holds a state and ZIP bulkship cannot split for sure beside its city: write it as 'MA 02134' (the "
    "state's two letters and the 5-digit ZIP), or split the column into State and ZIP columns."
)
_EMPTY_STATE_ZIP = "is empty; fill in the state and ZIP, e.g. 'MA 02134'."


@dataclass
class CityLines:
    """The column split (its header), the rows whose cell could not be read for sure, and those whose city
    the list's own City column (``compared``: its header) writes otherwise."""

    header: str
    unread: list[int]
    fields: tuple[str, ...] = _FIELDS  # what each cell gives: the city and the state, or the ZIP too
    compared: str = ""
    differ: dict[int, tuple[str, str]] = field(default_factory=dict)  # row -> (its cell, the own column's)


def _state_code(state: str) -> str:
    """A state as compared: its USPS code ('Texas', 'tx' are TX), else as written."""
    return state_lookup().get(state.strip().casefold(), state.strip())


def _folded(city: str) -> str:
    """A city as compared: letters and digits only, 'Saint' as 'St' ('st. louis' is 'St. Louis')."""
    words = re.findall(r"[^\W_]+", city.casefold())
    return " ".join("st" if word == "saint" else word for word in words)


def split_city_lines(
    frame: pd.DataFrame, header: str | None, cities: tuple[str, pd.Series] | None = None
) -> CityLines | None:
    """Split the canonical ``frame``'s city cells (the column ``header`` naming all three, or the city and
    the state beside the ZIP column) into its city, state and ZIP, in place; None without such a column.
    ``cities``: the list's own City column beside it (:func:`compared_cities`), its header and cells, each
    filled one compared with the row's city."""
    if header is None:
        return None
    fields = combined_fields(header) or _FIELDS
    lines = CityLines(header, [], fields, cities[0] if cities else "")
    for row, cell in frame[fields[0]].astype(str).items():
        if fields == _STATE_ZIP:  # after the row's own city: 'Boston' + 'MA 02134'
            town = str(frame.at[row, "city"]).strip()
            after = split_city_line(f"{town or _SOME_CITY[:-2]}, {cell}") if cell.strip() else None
            if after is None:
                lines.unread.append(int(row))
                continue
            frame.at[row, "state"], frame.at[row, "zip"] = after[1], after[2]
            own = cities[1].get(row, "").strip() if cities else ""
            if own and _state_code(own) != after[1]:  # 'TX' beside 'NY 10001'
                lines.differ[int(row)] = (cell, own)
            continue
        split = split_city_line(cell, str(frame.at[row, "zip"]) if fields == _CITY_STATE else None)
        if split is None:
            lines.unread.append(int(row))
            continue
        own = cities[1].get(row, "").strip() if cities else ""
        if own and _folded(own) != _folded(split[0]):
            lines.differ[int(row)] = (cell, own)
        for name, value in zip(fields, split, strict=False):
            frame.at[row, name] = value
    return lines


def say_city_lines(collector: ProblemCollector, lines: CityLines | None) -> None:
    """What is said of the state and the ZIP names the column they were read from; each cell not read for
    sure is an error on its row, as is one whose city the list's own City column writes otherwise."""
    if lines is None:
        return
    every = pd.Series(True, index=collector.frame.index)
    own = lines.fields[0]  # the field the column is read as
    collector.read_elsewhere(every, {f: lines.header for f in lines.fields if f != own})
    cells = collector.original(own)
    empty = [row for row in lines.unread if not str(cells[row]).strip()]
    unread, empty_said = {
        _CITY_STATE: (_UNREAD_CITY_STATE, _EMPTY_CITY_STATE),
        _STATE_ZIP: (_UNREAD_STATE_ZIP, _EMPTY_STATE_ZIP),
    }.get(lines.fields, (_UNREAD, _EMPTY))
    collector.add_each(
        lines.unread,
        own,
        "City, state and ZIP not read",
        [empty_said if row in empty else unread for row in lines.unread],
        [str(cells[row]) for row in lines.unread],
    )
    collector.add_each(
        lines.differ,
        own,
        "City, state and ZIP not read",
        [
            f"'{cell}' names another {own} than column '{lines.compared}' ('{other}'): which is right? "
            f"Write the same {own} in both, or empty column '{lines.compared}'."
            for cell, other in lines.differ.values()
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
    return tuple(p for p in problems if not (p.row in unread and p.column in lines.fields and p.kind != own))
