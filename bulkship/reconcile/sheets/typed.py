"""Cells a person typed on the Orders and Summary sheets after bulkship wrote them (an 'Invoice #' column
beside the orders, a note under the Summary): a rewrite writes those sheets from the ledger again, and what
was typed there was lost without a word (found by review19; review18's leftover).

When it writes them, bulkship records what it wrote in the workbook itself (a custom document property,
which Excel and LibreOffice keep when they save): each sheet's cells as a digest, and how far they reach.
``track`` and a re-run then leave a workbook whose sheets differ from that as it is, and say so, as they do
for corrections not run yet and for a sheet of the person's own. A workbook written before this, without
the property, is rewritten as before."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from ...sheetscan import column_letter
from ...zipparts import read_part

PROPERTY = "bulkship-sheets"  # "Orders:<digest>:<rows>x<columns>;Summary:..."
_PART_LIMIT = 64 * 1024
_SHOWN = 5  # cells named in the message


def _key(value: Any) -> str:
    """A cell's value as compared: a number by its float (written 60, read back 60.0), text as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal)):
        return repr(float(value))
    return str(value)


class Recorded:
    """A worksheet that remembers the cells written to it (every other call goes to the worksheet)."""

    def __init__(self, sheet: Any) -> None:
        self._sheet = sheet
        self.cells: dict[tuple[int, int], str] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sheet, name)

    def _keep(self, row: int, col: int, value: Any) -> None:
        key = _key(value)
        if key:
            self.cells[(row, col)] = key
        else:
            self.cells.pop((row, col), None)

    def write_string(self, row: int, col: int, value: str, *args: Any) -> Any:
        self._keep(row, col, value)
        return self._sheet.write_string(row, col, value, *args)

    def write_number(self, row: int, col: int, value: Any, *args: Any) -> Any:
        self._keep(row, col, value)
        return self._sheet.write_number(row, col, value, *args)

    def write_rich_string(self, row: int, col: int, *parts: Any) -> Any:
        self._keep(row, col, "".join(p for p in parts if isinstance(p, str)))
        return self._sheet.write_rich_string(row, col, *parts)


def _digest(cells: Mapping[tuple[int, int], str]) -> str:
    """The cells' digest, whatever the order of their rows: finance sorting the Orders by Total changes
    nothing bulkship would lose (a rewrite only sorts them back)."""
    rows: dict[int, list[str]] = {}
    for (row, col), value in sorted(cells.items()):
        rows.setdefault(row, []).append(f"{col}\x1f{value}")
    text = "\x1e".join(sorted("\x1d".join(line) for line in rows.values()))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def _extent(cells: Mapping[tuple[int, int], str]) -> tuple[int, int]:
    return (max((r for r, _ in cells), default=-1) + 1, max((c for _, c in cells), default=-1) + 1)


def stamp(workbook: Any, sheets: Mapping[str, Recorded]) -> None:
    """Record in ``workbook`` (an XlsxWriter one, before it is closed) what ``sheets`` hold as written."""
    said = []
    for name, sheet in sheets.items():
        rows, cols = _extent(sheet.cells)
        said.append(f"{name}:{_digest(sheet.cells)}:{rows}x{cols}")
    workbook.set_custom_property(PROPERTY, ";".join(said))


def _recorded(path: Path) -> dict[str, tuple[str, int, int]]:
    """What bulkship recorded of the sheets it wrote, by sheet; {} without the property (or unreadable)."""
    import re
    from xml.sax.saxutils import unescape

    part = read_part(path, "docProps/custom.xml", _PART_LIMIT)
    if part is None:
        return {}
    found = re.search(
        rf'name="{PROPERTY}"[^>]*>\s*<vt:lpwstr>([^<]*)</vt:lpwstr>', part.decode("utf-8", "replace")
    )
    recorded = {}
    for item in unescape(found.group(1)).split(";") if found else ():
        name, _, rest = item.rpartition(":")
        name, _, digest = name.rpartition(":")
        rows, _, cols = rest.partition("x")
        if name and digest and rows.isdigit() and cols.isdigit():
            recorded[name] = (digest, int(rows), int(cols))
    return recorded


def typed_cells(path: Path) -> list[str]:
    """The Orders and Summary cells of a result workbook that differ from what bulkship wrote there, as a
    person reads them ("Orders K1 'Invoice #'"; a sheet changed inside what bulkship wrote is named as
    such); [] when nothing differs, or when the workbook does not say what was written."""
    from python_calamine import CalamineError, CalamineWorkbook

    recorded = _recorded(path) if Path(path).suffix.lower() == ".xlsx" else {}
    if not recorded:
        return []
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError):
        return []
    found: list[str] = []
    for name, (digest, rows, cols) in recorded.items():
        if name not in workbook.sheet_names:
            continue
        try:
            table = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except (CalamineError, OSError, ValueError, IndexError):
            continue  # a damaged sheet: nothing of it can be kept, a rewrite writes it whole again
        cells = {  # from A1: the empty area above and left kept, so that places are the sheet's
            (r, c): key
            for r, line in enumerate(table)
            for c, value in enumerate(line)
            if (key := _key(value))
        }
        if _digest(cells) == digest:
            continue
        beyond = [(r, c) for r, c in sorted(cells) if r >= rows or c >= cols]
        among = {place: key for place, key in cells.items() if place[0] < rows and place[1] < cols}
        if _digest(among) != digest:  # which ones is not known: only the digest of what was written is
            found.append(f"{name}: cells typed, changed or deleted among those bulkship wrote")
        for r, c in beyond[:_SHOWN]:
            found.append(f"{name} {column_letter(c + 1)}{r + 1} {cells[(r, c)][:40]!r}")
        if len(beyond) > _SHOWN:
            found.append(f"{len(beyond) - _SHOWN} more on {name}")
    return found
