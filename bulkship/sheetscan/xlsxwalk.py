"""The exact walk of an XLSX worksheet whose rows or cells omit their references (their positions implicit),
element by element (:func:`_walk_xlsx`), and the cell styles a scan notes (:class:`_Styles`); the fast path
is :mod:`.xlsx`'s."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import numpy as np

from .conditional import conditional_rules
from .limits import (
    COLLAPSED,
    HIDDEN,
    Limits,
    SheetScan,
    _cell_too_big,
    _once,
    _refuse,
    _true,
    _twice,
    check_extent,
    column_letter,
    column_number,
)
from .runs import SharedStrings, note_runs, xlsx_element_runs
from .textsize import shared_text
from .xlsxparts import _add_merged, _autofilter_element, _classify_hidden, _zero

_ANY_REF = re.compile(r"\$?([A-Za-z]+)\$?(\d+)")


@dataclass(frozen=True)
class _Styles:
    """The cell styles whose cells the scan notes: padding number formats, struck fonts, other currencies."""

    padded: dict[int, str]
    struck: frozenset[int]
    currency: dict[int, str]
    whole: frozenset[int]  # formats showing no decimals
    hiding: dict[int, str]  # formats that may show none of the cell (';;;')
    struck_rules: Mapping[int, str] = field(default_factory=dict)  # differential formats striking or hiding

    def noted(self) -> list[int]:
        return sorted(set(self.padded) | self.struck | set(self.currency) | self.whole | set(self.hiding))

    def strikes(self, style: str | bytes | None) -> bool:
        """Whether a cell of this style (its ``s`` attribute) is struck through by its font."""
        return style is not None and style.isdigit() and int(style) in self.struck

    def note_cells(self, scan: SheetScan, found: list[tuple[bytes, bytes, bytes]]) -> None:
        """Many cells at once, each (its style's number, its column's letters, its row's number): a piece of
        sheet XML's noted cells, in order. A sheet formatted throughout notes every cell: read one by one,
        its 9 million cells took 30 s (found by hunter-hostile9)."""
        numbers: dict[bytes, int] = {}
        letters: dict[bytes, int] = {}
        for style, column, _ in found:
            numbers.setdefault(style, int(style))
            letters.setdefault(column, column_number(column.decode()))
        styles = np.fromiter((numbers[f[0]] for f in found), dtype=np.int64, count=len(found))
        cols = np.fromiter((letters[f[1]] for f in found), dtype=np.int64, count=len(found))
        rows = np.fromiter((int(f[2]) for f in found), dtype=np.int64, count=len(found))
        for number in set(numbers.values()):
            at = styles == number
            these, those = rows[at], cols[at]
            if number in self.padded:
                scan.padded.set_many(these, those, self.padded[number])
            if number in self.struck:
                scan.struck.add_many(these, those)
            if number in self.currency:
                scan.currency.set_many(these, those, self.currency[number])
            if number in self.whole:
                scan.whole.add_many(these, those)
            if number in self.hiding:
                scan.hiding.set_many(these, those, self.hiding[number])

    def note(self, scan: SheetScan, key: tuple[int, int], style: int) -> None:
        if style in self.padded:
            scan.padded[key] = self.padded[style]
        if style in self.struck:
            scan.struck.add(key)
        if style in self.currency:
            scan.currency[key] = self.currency[style]
        if style in self.whole:
            scan.whole.add(key)
        if style in self.hiding:
            scan.hiding[key] = self.hiding[style]


def _walk_xlsx(
    stream: IO[bytes],
    styles: _Styles,
    strings: SharedStrings,
    path: Path,
    sheet: str,
    limits: Limits,
    hidden_cols: set[int],
    lengths: np.ndarray | None = None,
) -> SheetScan:
    """The exact walk for sheets whose rows or cells omit their reference (positions are implicit)."""
    from defusedxml.ElementTree import iterparse

    scan = SheetScan(hidden_columns=hidden_cols)
    row = 0
    col = 0
    rows_seen = bytearray(limits.rows // 8 + 2)  # a bit a row: a row written twice is a damaged sheet
    cols_seen: set[int] = set()
    shared = False  # the cell's value is the index of a shared string
    struck = False  # the cell's style strikes through
    for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=True):
        tag = element.tag.rsplit("}", 1)[-1]
        if event == "start":
            if tag == "row":
                ref = element.get("r")
                row = int(ref) if ref and ref.isdigit() else row + 1
                col = 0
                check_extent(path, sheet, row, 1, limits)
                _once(rows_seen, row, path, sheet, f"row {row}")
                cols_seen.clear()
                if _true(element.get("hidden")):
                    level = int(element.get("outlineLevel") or 0)
                    scan.hidden_rows[row] = COLLAPSED if level > 0 else HIDDEN
                elif _zero(element.get("ht")):  # height 0: as hidden, as on the fast path
                    scan.hidden_rows[row] = HIDDEN
            elif tag == "c":
                match = _ANY_REF.fullmatch(element.get("r") or "")
                if match:
                    col, cell_row = column_number(match.group(1).upper()), int(match.group(2))
                else:
                    col, cell_row = col + 1, row
                scan.cells += 1
                if cell_row == row and col in cols_seen:
                    raise _twice(path, sheet, f"cell {element.get('r') or col} of row {row}")
                cols_seen.add(col)
                shared = element.get("t") == "s"
                scan.rows = max(scan.rows, cell_row)
                scan.columns = max(scan.columns, col)
                check_extent(path, sheet, scan.rows, scan.columns, limits)
                style = element.get("s")
                if style and style.isdigit():
                    styles.note(scan, (cell_row, col), int(style))
                struck = styles.strikes(style)
            continue
        if tag == "row" and not cols_seen:  # a row of no cells hides nothing (as on the fast path)
            scan.hidden_rows.pop(row, None)
        if tag in ("v", "t", "f") and element.text and len(element.text) > limits.cell_bytes:
            raise _cell_too_big(path, sheet, limits)
        if tag == "v" and shared:
            index = element.text or ""
            if not (index.isdigit() and index.isascii() and len(index) <= 10):
                raise _refuse(
                    path,
                    sheet,
                    f"is damaged: cell {column_letter(col)}{row} names its text by '{index[:20]}', which is "
                    "no text's number",
                    hint="open it in Excel or LibreOffice and save it again, or export the list as CSV",
                )
            scan.shared_text += shared_text(lengths, index)
        if tag == "v" and shared and strings and (element.text or "").isdigit():
            runs = strings.rich.get(int(element.text or ""))
            if runs is not None:
                note_runs(scan, (row, col), runs, struck)
        elif tag == "is":
            runs = xlsx_element_runs(element)
            if runs:
                note_runs(scan, (row, col), runs, struck)
        if tag == "f":
            scan.formulas[(row, col)] = "=" + (element.text or "")
        elif tag == "c" and element.get("t") == "e":
            values = [child.text for child in element if child.tag.rsplit("}", 1)[-1] == "v"]
            scan.errors[(row, col)] = (values[0] if values else "") or "#N/A"
        if tag == "c" and (row, col) in scan.formulas:
            if not any(child.tag.rsplit("}", 1)[-1] in ("v", "is") for child in element):
                scan.unvalued.add((row, col))
        elif tag == "autoFilter":
            _autofilter_element(element, scan)
        elif tag == "mergeCell":
            _add_merged(element.get("ref") or "", scan)
        elif tag == "conditionalFormatting":
            from xml.etree.ElementTree import tostring

            conditional_rules(tostring(element), styles.struck_rules, scan)
        if tag in ("row", "autoFilter"):
            element.clear()
    _classify_hidden(scan)
    return scan
