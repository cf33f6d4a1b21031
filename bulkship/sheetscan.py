"""One streaming pass over a workbook sheet's XML before any reader expands it: limits, and what users see.

A workbook can claim anything: a 1.6 KB XLSX with cells at A1 and XFD1048576 makes a dense reader allocate
16 billion cells. So before calamine sees a sheet, its XML is streamed (never held whole) and measured: the
highest row and column that hold a cell, the cell count, the longest text, the declared dimension and, for
ODS, the repeat attributes (a repeated row is measured by its repeat count, never expanded). Anything past
:class:`Limits` is refused with one line (FileFormatError, exit 2). Memory stays at a few chunks of XML.

The same pass collects what calamine does not expose: hidden rows (and why: a filter, a collapsed group, or
hidden by hand), hidden columns, the autofilter, formulas, and number formats that pad with zeros (an
Employee ID 123 shown as 000123).

XLSX sheets are scanned with byte regexes over 4 MB chunks cut at row ends (C speed: a million rows take a
few seconds); a sheet whose cells or rows omit their optional ``r`` reference is walked with defusedxml's
iterparse instead. ODS content is walked with defusedxml's iterparse (DTDs and entities refused). The
caller has already refused DTDs in every XML part (``load.workbook._check_archive``).
"""

from __future__ import annotations

import functools
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .errors import FileFormatError

CHUNK_BYTES = 4 * 1024 * 1024
MAX_CARRY_BYTES = 64 * 1024 * 1024  # a row longer than this is measured without being cut at its end

HIDDEN = "hidden"  # hidden by hand (Format › Hide)
FILTERED = "filtered"  # hidden by an active autofilter
COLLAPSED = "collapsed"  # inside a collapsed group (Data › Group)


@dataclass(frozen=True)
class Limits:
    """What bulkship reads from one sheet; past any of these a file is refused before it is loaded.

    Set in a program settings file under ``[limits]`` (``rows``, ``columns``, ``cells``, ``xml_mb``,
    ``cell_kb``)."""

    rows: int = 2_000_000  # CSV may exceed Excel's 1,048,576; a bigger list should be split
    columns: int = 256
    cells: int = 30_000_000  # highest row x highest column: the grid a reader builds (1M rows x 30 columns)
    xml_bytes: int = 1536 * 1024 * 1024  # all XML parts of a workbook together, decompressed
    cell_bytes: int = 256 * 1024  # one cell's XML text (Excel's own limit is 32,767 characters)


@dataclass
class SheetScan:
    """What the scan found in one sheet. Rows and columns are numbered from 1, as the user sees them."""

    rows: int = 0  # highest row holding a cell
    columns: int = 0  # highest column holding a cell
    cells: int = 0
    hidden_rows: dict[int, str] = field(default_factory=dict)  # row -> HIDDEN | FILTERED | COLLAPSED
    hidden_columns: set[int] = field(default_factory=set)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> "=SUM(...)"
    padded: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> number format "000000"
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> "#N/A": an error value
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row, col, last row, last col)
    filter_range: tuple[int, int, int, int] | None = None  # (first row, first col, last row, last col)
    filter_columns: tuple[int, ...] = ()  # columns with an active filter criterion


# ---------------------------------------------------------------------------------------------- helpers


def column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def column_letter(number: int) -> str:
    """1 -> A, 27 -> AA: how a spreadsheet names its columns."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _refuse(path: Path, sheet: str, what: str, hint: str = "") -> FileFormatError:
    return FileFormatError(
        f"{path.name}: sheet '{sheet}' {what}",
        hint=hint
        or "delete unused rows and columns (or clear far-away cells), or export the list as CSV; a list "
        "that really is this big: raise rows, columns or cells under [limits] in a program file (--config)",
    )


def check_extent(
    path: Path, sheet: str, rows: int, columns: int, limits: Limits, *, claims: str = ""
) -> None:
    """Refuse a sheet whose grid (highest row x highest column) is past the limits."""
    spans = f"{claims}spans {rows:,} rows and {columns:,} columns"
    if rows > limits.rows or columns > limits.columns:
        raise _refuse(
            path,
            sheet,
            f"{spans}, above bulkship's limits of {limits.rows:,} rows and {limits.columns:,} columns",
        )
    if rows * columns > limits.cells:
        raise _refuse(
            path,
            sheet,
            f"{spans} ({rows * columns:,} cells), above bulkship's limit of {limits.cells:,} cells",
        )


def _true(value: str | bytes | None) -> bool:
    return value in ("1", "true", b"1", b"true")


# ---------------------------------------------------------------------------------------------- XLSX

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


def _chunks(stream: IO[bytes], path: Path, sheet: str, limits: Limits) -> Iterator[bytes]:
    """The part's bytes in pieces cut after a row's end tag (or, in a giant row, after any tag), so no
    element a regex looks for straddles two pieces. A text run longer than a cell may hold is refused."""
    carry = b""
    while True:
        chunk = stream.read(CHUNK_BYTES)
        buffer = carry + chunk
        if not chunk:
            if buffer:
                _check_runs(buffer, path, sheet, limits)
                yield buffer
            return
        cut = buffer.rfind(b"row>")
        cut = cut + 4 if cut >= 0 else -1
        if cut < 0 and len(buffer) > MAX_CARRY_BYTES:
            cut = buffer.rfind(b">") + 1
        if cut <= 0:
            _check_runs(buffer, path, sheet, limits)
            carry = buffer
            continue
        piece, carry = buffer[:cut], buffer[cut:]
        _check_runs(piece, path, sheet, limits)
        yield piece


def _check_runs(piece: bytes, path: Path, sheet: str, limits: Limits) -> None:
    """Refuse a run of more than ``cell_bytes`` without a '<' (one cell's text). Such a run covers a whole
    aligned window of half that size, so only windows without any '<' are looked at closely."""
    half = max(limits.cell_bytes // 2, 1)
    for start in range(0, len(piece), half):
        if b"<" in piece[start : start + half]:
            continue
        before = piece.rfind(b"<", 0, start) + 1
        after = piece.find(b"<", start)
        after = len(piece) if after < 0 else after
        if after - before > limits.cell_bytes:
            raise _cell_too_big(path, sheet, limits)


def _cell_too_big(path: Path, sheet: str, limits: Limits) -> FileFormatError:
    return _refuse(
        path,
        sheet,
        f"holds a cell of more than {limits.cell_bytes // 1024:,} KB of text; no recipient list needs one",
        hint="clear that cell, or export the list as CSV",
    )


def _first(pair: tuple[bytes, bytes]) -> bytes:
    return pair[0]


def _second(pair: tuple[bytes, bytes]) -> bytes:
    return pair[1]


def _padding_styles(archive: zipfile.ZipFile) -> dict[int, str]:
    """Cell style index -> its number format, for formats that pad digits with zeros ('000000',
    '00000-0000'): a number shown through one is text to the user (an Employee ID, a ZIP)."""
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(archive.read("xl/styles.xml"), forbid_dtd=True)
    except Exception:  # no styles part, or one the reader will complain about itself
        return {}
    codes: dict[str, str] = {}
    xfs: list[str] = []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "numFmt":
            codes[element.get("numFmtId", "")] = element.get("formatCode", "")
        elif tag == "cellXfs":
            xfs = [child.get("numFmtId", "0") for child in element if child.tag.endswith("xf")]
    return {index: codes[fmt] for index, fmt in enumerate(xfs) if is_padding_format(codes.get(fmt, ""))}


_PADDING = re.compile(r'(?:0|\\.|"[^"]*"|[-\s/.()])+')


def is_padding_format(code: str) -> bool:
    """'000000', '00000-0000', '000\\-00\\-0000': digits padded with zeros, no decimals or thousands."""
    return code.count("0") >= 2 and code.count(".") == 0 and bool(_PADDING.fullmatch(code))


def _format_tokens(code: str) -> list[str | None]:
    """A padding format as placeholders (None) and literal characters (quoted or escaped ones unwrapped)."""
    tokens: list[str | None] = []
    position = 0
    while position < len(code):
        char = code[position]
        if char == "\\" and position + 1 < len(code):
            tokens.append(code[position + 1])
            position += 2
        elif char == '"':
            close = code.find('"', position + 1)
            close = len(code) if close < 0 else close
            tokens.extend(code[position + 1 : close])
            position = close + 1
        else:
            tokens.append(None if char == "0" else char)
            position += 1
    return tokens


def format_padded(number: int, code: str) -> str:
    """An integer shown through a padding format, as Excel shows it (000123, 02134-0001)."""
    tokens = _format_tokens(code)
    slots = tokens.count(None)
    padded = str(abs(number)).rjust(slots, "0")
    extra, digits = padded[: len(padded) - slots], iter(padded[len(padded) - slots :])
    shown = "".join(next(digits) if token is None else token for token in tokens)
    return ("-" if number < 0 else "") + extra + shown


def scan_xlsx(
    path: Path, archive: zipfile.ZipFile, part: str, sheet: str, limits: Limits, *, padding: bool = True
) -> SheetScan:
    """Measure and read the state of one worksheet part (see the module docstring)."""
    scan = SheetScan()
    styles = _padding_styles(archive) if padding else {}
    with archive.open(part) as stream:
        head = _read_head(stream, path, sheet, limits)
        _scan_head(head, scan, path, sheet, limits)
        body_start = _SHEET_DATA.search(head)
        rest = head[body_start.start() :] if body_start else head
        prefix = body_start.group(1) if body_start else b""
        implicit = _scan_body(_prepend(rest, _chunks(stream, path, sheet, limits)), scan, styles, prefix)
    if implicit:  # some rows or cells have no reference: count them the slow, exact way
        with archive.open(part) as stream:
            scan = _walk_xlsx(stream, styles, path, sheet, limits, scan.hidden_columns)
    check_extent(path, sheet, scan.rows, scan.columns, limits)
    if scan.cells > limits.cells:
        raise _refuse(path, sheet, f"holds {scan.cells:,} cells, above bulkship's limit of {limits.cells:,}")
    return scan


def _prepend(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if first:
        yield first
    yield from rest


def _read_head(stream: IO[bytes], path: Path, sheet: str, limits: Limits) -> bytes:
    """Everything before the first row (sheet properties, dimension, columns), plus what was read with it."""
    head = b""
    while True:
        chunk = stream.read(256 * 1024)
        head += chunk
        if not chunk or _ROW_OPEN.search(head) or b"</sheetData" in head or b"sheetData/>" in head:
            return head
        if len(head) > 16 * 1024 * 1024:  # 16,384 column definitions take under 1 MB
            raise _refuse(path, sheet, "has more than 16 MB of column definitions before its first row")


def _scan_head(head: bytes, scan: SheetScan, path: Path, sheet: str, limits: Limits) -> None:
    body = _SHEET_DATA.search(head)
    top = head[: body.start()] if body else head
    dimension = _DIMENSION.search(top)
    if dimension and dimension.group(3):
        check_extent(
            path,
            sheet,
            int(dimension.group(4)),
            column_number(dimension.group(3).decode()),
            limits,
            claims="declares that it ",
        )
    for raw in _COL.findall(top):
        attrs = _attrs(raw)
        if _true(attrs.get(b"hidden")):
            first = int(attrs.get(b"min", b"0") or 0)
            last = min(int(attrs.get(b"max", b"0") or 0), limits.columns)
            scan.hidden_columns.update(range(first, last + 1))


def _scan_body(pieces: Iterator[bytes], scan: SheetScan, styles: dict[int, str], prefix: bytes) -> bool:
    """Rows, cells, hidden rows, formulas and padded numbers of the sheet data (and the autofilter after it).
    Returns True when some row or cell has no reference, or refs are not written the usual way (the caller
    walks the sheet exactly).

    Counting is done at C speed: every cell and row must carry a ` r="` reference; the highest column and
    row are read exactly from the first piece, and a later piece is read exactly only when some reference
    in it lies beyond them (a regex built from the extent so far finds that without reading each one)."""
    cell_tag, row_tag, formula_tag = b"<" + prefix + b"c", b"<" + prefix + b"row", b"<" + prefix + b"f"
    end_tag = b"</" + prefix + b"sheetData>"
    row_ref = re.compile(re.escape(row_tag) + rb' r="(\d{1,9})"')
    styled = (
        re.compile(rb'<(?:\w+:)?c\s([^>]*?\bs="(?:%s)"[^>]*)>' % b"|".join(str(s).encode() for s in styles))
        if styles
        else None
    )
    max_col = 0
    after = False  # past the sheet data (the merged cells follow it)
    for whole in pieces:
        end = whole.find(end_tag)
        piece = whole if end < 0 else whole[:end]  # what follows the sheet data has other <c... elements
        cells = piece.count(cell_tag)
        row_numbers = row_ref.findall(piece)  # a row written otherwise makes the count below differ
        if piece.count(b' r="') != cells + len(row_numbers):
            return True
        scan.cells += cells
        piece_rows = max(map(int, row_numbers), default=0)
        if cells and (max_col == 0 or _beyond(max_col, piece_rows).search(piece)):
            refs = _CELL_REF.findall(piece)
            max_col = max(max_col, max(column_number(x.decode()) for x in set(map(_first, refs))))
            piece_rows = max(piece_rows, max(map(int, set(map(_second, refs)))))
        scan.rows = max(scan.rows, piece_rows)
        if b'hidden="' in piece or b'ht="0' in piece:  # a collapsed group's rows are hidden too
            _hidden_rows(piece, scan)
        if formula_tag in piece:
            _formulas(piece, scan)
        if b't="e"' in piece:
            _errors(piece, scan)
        if styled is not None:
            for match in styled.finditer(piece):
                attrs = _attrs(match.group(1))
                ref = _CELL_REF.search(b" " + match.group(1))
                if ref:
                    key = (int(ref.group(2)), column_number(ref.group(1).decode()))
                    scan.padded[key] = styles[int(attrs[b"s"])]
        if end >= 0 and b"autoFilter" in whole:
            _autofilter(whole, scan)
        if (end >= 0 or after) and b"mergeCell" in whole:
            _merged(whole[max(end, 0) :], scan)
        after = after or end >= 0
    scan.columns = max_col
    _classify_hidden(scan)
    return False


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
    for raw in _ROW_OPEN.findall(piece):
        if b"hidden" not in raw and b'ht="0' not in raw:
            continue
        attrs = _attrs(raw)
        if not attrs.get(b"r", b"").isdigit():
            continue
        if _true(attrs.get(b"hidden")):
            level = int(attrs.get(b"outlineLevel", b"0") or 0)
            scan.hidden_rows[int(attrs[b"r"])] = COLLAPSED if level > 0 else HIDDEN
        elif _zero(attrs.get(b"ht")):
            scan.hidden_rows[int(attrs[b"r"])] = HIDDEN


def _zero(height: bytes | None) -> bool:
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


def _walk_xlsx(
    stream: IO[bytes], styles: dict[int, str], path: Path, sheet: str, limits: Limits, hidden_cols: set[int]
) -> SheetScan:
    """The exact walk for sheets whose rows or cells omit their reference (positions are implicit)."""
    from defusedxml.ElementTree import iterparse

    scan = SheetScan(hidden_columns=hidden_cols)
    row = 0
    col = 0
    for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=True):
        tag = element.tag.rsplit("}", 1)[-1]
        if event == "start":
            if tag == "row":
                ref = element.get("r")
                row = int(ref) if ref and ref.isdigit() else row + 1
                col = 0
                if _true(element.get("hidden")):
                    level = int(element.get("outlineLevel") or 0)
                    scan.hidden_rows[row] = COLLAPSED if level > 0 else HIDDEN
                check_extent(path, sheet, row, 1, limits)
            elif tag == "c":
                match = _RANGE.fullmatch(element.get("r") or "")
                if match:
                    col, cell_row = column_number(match.group(1)), int(match.group(2))
                else:
                    col, cell_row = col + 1, row
                scan.cells += 1
                scan.rows = max(scan.rows, cell_row)
                scan.columns = max(scan.columns, col)
                check_extent(path, sheet, scan.rows, scan.columns, limits)
                style = element.get("s")
                if style and style.isdigit() and int(style) in styles:
                    scan.padded[(cell_row, col)] = styles[int(style)]
            continue
        if tag in ("v", "t", "f") and element.text and len(element.text) > limits.cell_bytes:
            raise _cell_too_big(path, sheet, limits)
        if tag == "f":
            scan.formulas[(row, col)] = "=" + (element.text or "")
        elif tag == "c" and element.get("t") == "e":
            values = [child.text for child in element if child.tag.rsplit("}", 1)[-1] == "v"]
            scan.errors[(row, col)] = (values[0] if values else "") or "#N/A"
        elif tag == "autoFilter":
            _autofilter_element(element, scan)
        elif tag == "mergeCell":
            _add_merged(element.get("ref") or "", scan)
        if tag in ("row", "autoFilter"):
            element.clear()
    _classify_hidden(scan)
    return scan


def _autofilter_element(element: Any, scan: SheetScan) -> None:
    from xml.etree.ElementTree import tostring

    _autofilter(tostring(element), scan)


# ---------------------------------------------------------------------------------------------- ODS

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"


def _repeat(element: Any, name: str, limit: int) -> int:
    """A repeat count as written (an absurd one is taken as just past the limit)."""
    raw = element.get(f"{_TABLE}number-{name}-repeated") or "1"
    return max(1, int(raw)) if raw.isdigit() and len(raw) < 20 else limit + 1


MAX_PADDED_REPEATS = 1000  # cells one repeated ODS cell may stand for, when it is a padded number


def ods_padding(value: str, shown: str) -> str | None:
    """The padding format an ODS number cell is shown through (ODS keeps the text shown beside the value:
    '02134' for 2134), or None. As for XLSX (:func:`is_padding_format`): whole numbers, zeros in front."""
    try:
        number = float(value)
    except ValueError:
        return None
    if not number.is_integer() or number < 0:
        return None
    code = "".join("0" if char.isdigit() else "\\" + char for char in shown)
    if not is_padding_format(code) or format_padded(int(number), code) != shown:
        return None
    return code


def scan_ods(path: Path, archive: zipfile.ZipFile, limits: Limits) -> dict[str, SheetScan]:
    """Every table of an ODS file measured by its repeat attributes (never expanded): name -> scan."""
    from defusedxml.ElementTree import iterparse

    scans: dict[str, SheetScan] = {}
    with archive.open("content.xml") as stream:
        walker = _OdsWalker(path, limits)
        for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=True):
            walker.handle(event, element)
        scans = walker.scans
    return scans


class _OdsWalker:
    """Follows tables, rows and cells; a row counts once whatever its repeat, its extent by the repeat."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path, self.limits = path, limits
        self.scans: dict[str, SheetScan] = {}
        self.scan: SheetScan | None = None
        self.name = ""
        self.row = 0  # first row number of the current row element
        self.col = 0  # columns passed in the current row
        self.column_position = 0  # columns defined so far (table:table-column)
        self.row_filled = False
        self.row_repeat = 1
        self.row_visibility = ""
        self.text_bytes = 0

    def handle(self, event: str, element: Any) -> None:
        tag = element.tag
        if event == "start":
            if tag == f"{_TABLE}table":
                self.name = element.get(f"{_TABLE}name") or f"Sheet{len(self.scans) + 1}"
                self.scan = self.scans.setdefault(self.name, SheetScan())
                self.row = self.column_position = 0
            elif tag == f"{_TABLE}table-row":
                self.row_repeat = _repeat(element, "rows", self.limits.rows)
                self.row += 1
                self.col = 0
                self.row_filled = False
                self.row_visibility = element.get(f"{_TABLE}visibility") or ""
            elif tag == f"{_TABLE}table-column" and self.scan is not None:
                repeat = _repeat(element, "columns", self.limits.columns)
                if (element.get(f"{_TABLE}visibility") or "visible") != "visible":
                    top = min(self.column_position + repeat, self.limits.columns)
                    self.scan.hidden_columns.update(range(self.column_position + 1, top + 1))
                self.column_position += repeat
            return
        if self.scan is None:
            return
        if tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
            self._cell(element)
            element.clear()
        elif tag == f"{_TABLE}table-row":
            self._row_end()
            element.clear()
        elif tag == f"{_TABLE}table":
            self.scan = None
            element.clear()

    def _cell(self, element: Any) -> None:
        assert self.scan is not None
        repeat = _repeat(element, "columns", self.limits.columns)
        first = self.col + 1
        self.col += repeat
        filled = element.get(f"{_OFFICE}value-type") is not None or len(element) > 0
        if not filled:
            return
        text = "".join(element.itertext())
        if len(text.encode("utf-8")) > self.limits.cell_bytes:
            raise _cell_too_big(self.path, self.name, self.limits)
        self.row_filled = True
        scan = self.scan
        scan.columns = max(scan.columns, self.col)
        scan.cells += repeat * self.row_repeat
        if element.get(f"{_OFFICE}value-type") == "float" and text[:1] == "0" and len(text) > 1:
            code = ods_padding(element.get(f"{_OFFICE}value") or "", text)
            if code and repeat * self.row_repeat <= MAX_PADDED_REPEATS:
                for row in range(self.row, self.row + self.row_repeat):
                    for col in range(first, first + repeat):
                        scan.padded[(row, col)] = code
        spanned = int(element.get(f"{_TABLE}number-rows-spanned") or 1)
        if spanned > 1 and self.row_repeat == 1 and repeat == 1:
            wide = int(element.get(f"{_TABLE}number-columns-spanned") or 1)
            scan.merged.append((self.row, first, self.row + spanned - 1, first + wide - 1))
        if element.get(f"{_CALCEXT}value-type") == "error" and self.row_repeat == 1 and repeat == 1:
            scan.errors[(self.row, first)] = text or "#N/A"  # LibreOffice keeps a failed result so
        formula = element.get(f"{_TABLE}formula")
        if formula and self.row_repeat == 1 and repeat == 1:
            scan.formulas[(self.row, first)] = "=" + formula.split(":", 1)[-1].lstrip("=")
        last_row = self.row + self.row_repeat - 1
        check_extent(self.path, self.name, last_row, scan.columns, self.limits)
        if scan.cells > self.limits.cells:
            raise _refuse(
                self.path,
                self.name,
                f"holds {scan.cells:,} cells once its repeated rows and columns are counted, above "
                f"bulkship's limit of {self.limits.cells:,}",
            )

    def _row_end(self) -> None:
        assert self.scan is not None
        last = self.row + self.row_repeat - 1
        if self.row_filled:
            self.scan.rows = max(self.scan.rows, last)
            why = {"collapse": COLLAPSED, "filter": FILTERED}.get(self.row_visibility)
            if why:
                for number in range(self.row, last + 1):
                    self.scan.hidden_rows[number] = why
        self.row = last
