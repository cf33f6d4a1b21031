"""What a piece of a worksheet's XML shows, read with byte regexes: hidden rows, formulas, merged cells,
error values, the autofilter; and the regex that finds a cell past the extent so far."""

from __future__ import annotations

import functools
import re
from typing import Any

from .limits import COLLAPSED, FILTERED, HIDDEN, SheetScan, _true, column_letter, column_number

_DIMENSION = re.compile(
    rb'<(?:\w+:)?dimension\s+ref="\$?([A-Z]{1,3})?\$?(\d+)?(?::\$?([A-Z]{1,3})\$?(\d+))?"'
)
_SHEET_DATA = re.compile(rb"<((?:\w+:)?)sheetData\b")
_COL = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")
_ATTR = re.compile(rb'\b([\w:]+)="([^"]*)"')
_CELL_OPEN = re.compile(rb"<(?:\w+:)?c[\s>/]")
_CELL_REF = re.compile(rb'\sr="([A-Z]{1,4})(\d{1,8})"')
_ROW_OPEN = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_ROW_REF = re.compile(rb'<(?:\w+:)?row\s[^>]*?\br="(\d{1,8})"')
_ROW_END = re.compile(rb"</(?:\w+:)?row>")
_ROW_CLOSED = re.compile(rb"\s*</(?:\w+:)?row>")  # a row element closed with no cell in it
_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z$0-9:]+)"')
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*\bt="e"[^>]*)>(.*?)</(?:\w+:)?c>', re.S)
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_FORMULA_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b([^>]*?)(?:/>|>([^<]*)<)")
_AUTOFILTER = re.compile(rb"<(?:\w+:)?autoFilter\b([^>]*?)(/>|>(.*?)</(?:\w+:)?autoFilter>)", re.S)
_FILTER_COLUMN = re.compile(rb"<(?:\w+:)?filterColumn\b([^>]*?)(/>|>(.*?)</(?:\w+:)?filterColumn>)", re.S)
_RANGE = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?")


def _attrs(raw: bytes) -> dict[bytes, bytes]:
    return {key.split(b":")[-1]: value for key, value in _ATTR.findall(raw)}


def _unescape(text: bytes) -> str:
    value = text.decode("utf-8", "replace")
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        value = value.replace(entity, char)
    return value


def _first(pair: tuple[bytes, bytes]) -> bytes:
    return pair[0]


def _second(pair: tuple[bytes, bytes]) -> bytes:
    return pair[1]


def _greater(text: str, alphabet: str) -> str:
    """A regex for strings over ``alphabet`` (in order) that sort after ``text`` as numbers do: longer
    ones, or as long and larger at the first difference."""
    letters = alphabet if alphabet != "0123456789" else "0-9"
    options = [f"[{letters}]{{{len(text) + 1},}}"]
    for position, char in enumerate(text):
        larger = alphabet[alphabet.index(char) + 1 :]
        if larger:
            rest = len(text) - position - 1
            options.append(
                re.escape(text[:position]) + f"[{larger}]" + (f"[{letters}]{{{rest}}}" if rest else "")
            )
    return "|".join(options)


@functools.lru_cache(maxsize=64)
def _beyond(max_col: int, max_row: int) -> re.Pattern[bytes]:
    """Finds a cell reference past column ``max_col`` or row ``max_row``."""
    uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    columns = _greater(column_letter(max_col), uppercase)
    rows = _greater(str(max_row), "0123456789")
    return re.compile(f'r="(?:(?:{columns})[0-9]|[A-Z]+(?:{rows})")'.encode())


def _hidden_rows(piece: bytes, scan: SheetScan) -> None:
    """Rows hidden by hand, by a filter or a collapsed group, and rows of height 0 (as invisible in Excel
    and LibreOffice as a hidden one: only what the person sees is ordered)."""
    for found in _ROW_OPEN.finditer(piece):
        raw = found.group(1)
        if b"hidden" not in raw and b'ht="0' not in raw:
            continue
        if raw.endswith(b"/") or _ROW_CLOSED.match(piece, found.end()):  # no cells: hides nothing (a 2.6 MB
            continue  # file of a million such rows held 200 MB more, kept a row each; hunter-hostile11)
        attrs = _attrs(raw)
        if not attrs.get(b"r", b"").isdigit():
            continue
        if _true(attrs.get(b"hidden")):
            level = int(attrs.get(b"outlineLevel", b"0") or 0)
            scan.hidden_rows[int(attrs[b"r"])] = COLLAPSED if level > 0 else HIDDEN
        elif _zero(attrs.get(b"ht")):
            scan.hidden_rows[int(attrs[b"r"])] = HIDDEN


def _zero(height: bytes | str | None) -> bool:
    """A row height of 0 ("0", "0.0"), as the XML text or its bytes."""
    try:
        return height is not None and float(height) == 0
    except ValueError:
        return False


def _formulas(piece: bytes, scan: SheetScan) -> None:
    for match in _FORMULA_CELL.finditer(piece):
        ref = _CELL_REF.search(b" " + match.group(1))
        if ref:
            text = _unescape(match.group(3) or b"")
            key = (int(ref.group(2)), column_number(ref.group(1).decode()))
            scan.formulas[key] = "=" + text if text else "="
            after = match.end() - (1 if match.group(3) is not None else 0)  # at the '<' ending the formula
            if not _VALUE_NEXT.match(piece, after):
                scan.unvalued.add(key)


# what follows a cell's formula when the file holds its result: its value (or inline text)
_VALUE_NEXT = re.compile(rb"(?:</(?:\w+:)?f>)?\s*<(?:\w+:)?(?:v|is)\b")


def _merged(piece: bytes, scan: SheetScan) -> None:
    for ref in _MERGE_CELL.findall(piece):
        _add_merged(ref.decode(), scan)


def _add_merged(ref: str, scan: SheetScan) -> None:
    bounds = _RANGE.fullmatch(ref)
    if bounds and bounds.group(3):
        first_col, last_col = column_number(bounds.group(1)), column_number(bounds.group(3))
        scan.merged.append((int(bounds.group(2)), first_col, int(bounds.group(4)), last_col))


def _errors(piece: bytes, scan: SheetScan) -> None:
    """Cells holding an error value (#N/A, #REF!...): a failed formula's result, often pasted as a value.
    The reader gives them as empty cells; the person sees the error."""
    for match in _ERROR_CELL.finditer(piece):
        ref = _CELL_REF.search(b" " + match.group(1))
        value = _VALUE.search(match.group(2))
        if ref and value:
            key = (int(ref.group(2)), column_number(ref.group(1).decode()))
            scan.errors[key] = _unescape(value.group(1)) or "#N/A"


def _autofilter(piece: bytes, scan: SheetScan) -> None:
    match = _AUTOFILTER.search(piece)
    if match is None:
        return
    ref = _attrs(match.group(1)).get(b"ref", b"").decode()
    bounds = _RANGE.fullmatch(ref)
    if bounds is None:
        return
    first_col = column_number(bounds.group(1))
    last_col = column_number(bounds.group(3) or bounds.group(1))
    scan.filter_range = (int(bounds.group(2)), first_col, int(bounds.group(4) or bounds.group(2)), last_col)
    active = []
    for column in _FILTER_COLUMN.finditer(match.group(3) or b""):
        col_id = _attrs(column.group(1)).get(b"colId", b"")
        if col_id.isdigit() and (column.group(3) or b"").strip():
            active.append(first_col + int(col_id))
    scan.filter_columns = tuple(active)


def _classify_hidden(scan: SheetScan) -> None:
    """A hidden row inside an active autofilter's range was hidden by the filter (unless grouped)."""
    if scan.filter_range is None or not scan.filter_columns:
        return
    first, _, last, _ = scan.filter_range
    for row, why in scan.hidden_rows.items():
        if why == HIDDEN and first < row <= last:
            scan.hidden_rows[row] = FILTERED


def _autofilter_element(element: Any, scan: SheetScan) -> None:
    from xml.etree.ElementTree import tostring

    _autofilter(tostring(element), scan)
