"""One XLSX worksheet measured (:func:`scan_xlsx`): streamed in chunks cut at row ends and counted at C
speed, or walked exactly when its rows or cells omit their references (:mod:`.xlsxwalk`)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import numpy as np

from .comments import sheet_comments
from .conditional import conditional_rules, struck_formats
from .controls import unlinked_check_boxes
from .formats import cell_styles
from .limits import (
    CHUNK_BYTES,
    MAX_CARRY_BYTES,
    Limits,
    SheetScan,
    _cell_too_big,
    _refuse,
    _true,
    check_extent,
    column_number,
    long_text_run,
)
from .runs import SharedStrings, note_runs, shared_strings, struck_cells
from .textsize import check_text, counted_pieces
from .xlsxparts import (
    _CELL_REF,
    _COL,
    _DIMENSION,
    _ROW_OPEN,
    _SHEET_DATA,
    _attrs,
    _autofilter,
    _beyond,
    _classify_hidden,
    _errors,
    _first,
    _formulas,
    _hidden_rows,
    _merged,
    _second,
)
from .xlsxwalk import _Styles, _walk_xlsx


def _chunks(
    stream: IO[bytes], path: Path, sheet: str, limits: Limits, carry: bytes = b"", size: int = CHUNK_BYTES
) -> Iterator[bytes]:
    """The part's bytes (after ``carry``, what was read already) in pieces cut after a row's end tag (or, in
    a giant row, after any tag), so no element a regex looks for straddles two pieces. A text run longer
    than a cell may hold is refused."""
    while True:
        chunk = stream.read(size)
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
    """Refuse a run of more than ``cell_bytes`` without a '<' (one cell's text: :func:`.long_text_run`)."""
    if long_text_run(piece, limits.cell_bytes):
        raise _cell_too_big(path, sheet, limits)


def scan_xlsx(
    path: Path,
    archive: zipfile.ZipFile,
    part: str,
    sheet: str,
    limits: Limits,
    *,
    padding: bool = True,
    exact: bool = False,
    chunk_bytes: int = CHUNK_BYTES,
    strings: SharedStrings | None = None,
    lengths: np.ndarray | None = None,
) -> SheetScan:
    """Measure and read the state of one worksheet part (see the module docstring). ``exact`` walks it
    element by element even when every row and cell has its reference (the fast path's yardstick).
    ``strings``: the workbook's struck shared strings, when the caller read them once for every sheet;
    ``lengths``: each shared string's length (:mod:`.textsize`), the text its cells point at refused past
    the limit."""
    scan = SheetScan()
    styles = (
        _Styles(*cell_styles(archive), struck_formats(archive))
        if padding
        else _Styles({}, frozenset(), {}, frozenset(), {})
    )
    if strings is None:
        strings = shared_strings(archive) if padding else SharedStrings()
    with archive.open(part) as stream:
        head = _read_head(stream, path, sheet, limits)
        _scan_head(head, scan, path, sheet, limits)
        body_start = _SHEET_DATA.search(head)
        rest = head[body_start.start() :] if body_start else head
        prefix = body_start.group(1) if body_start else b""
        # the head's tail is cut at a row's end like every piece: cut mid-cell, its counts would not agree
        # and every sheet larger than the head would take the exact walk
        pieces = _chunks(stream, path, sheet, limits, carry=rest, size=chunk_bytes)
        pieces = counted_pieces(pieces, lengths, archive.getinfo(part).file_size, scan, limits)
        implicit = exact or _scan_body(pieces, scan, styles, prefix, strings)
    if implicit:  # some rows or cells have no reference: count them the slow, exact way
        with archive.open(part) as stream:
            scan = _walk_xlsx(stream, styles, strings, path, sheet, limits, scan.hidden_columns, lengths)
        scan.walked = True
    check_text(path, sheet, scan.shared_text, limits)
    check_extent(path, sheet, scan.rows, scan.columns, limits)
    if scan.cells > limits.cells:
        raise _refuse(path, sheet, f"holds {scan.cells:,} cells, above bulkship's limit of {limits.cells:,}")
    scan.comments = sheet_comments(archive, part, path, sheet, limits)
    scan.unlinked_boxes = unlinked_check_boxes(archive, part, sheet)
    return scan


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


# a cell's reference as Excel writes it ('A1' to 'XFD1048576') or a row's number; any other (a row of 11
# digits, six letters of column) is read by the exact walk: the counting passed 'A99999999999' by, and
# calamine aborted the process on it (signal 6, no word; found by hunter-hostile6)
_UNUSUAL_REF = re.compile(rb'r="(?![A-Z]{1,3}[1-9]\d{0,6}"|[1-9]\d{0,6}")')
# a cell pointing at a shared string by something else than its number ('-1', '1.5', 'abc', 25 digits):
# calamine read each as the first shared string, the list's header 'Name' sent as a recipient's name
# (found by hunter-hostile6)
_NO_SHARED_INDEX = re.compile(rb't="s"[^>]*>\s*<(?:\w+:)?v>(?!\d{1,10}</)')
_SPACE = frozenset(b" \t\n\r\f\v")


def _attribute_found(pattern: re.Pattern[bytes], piece: bytes) -> bool:
    """Whether ``pattern`` (an attribute's name, then what its value must not be) matches ``piece`` where the
    name stands alone, after a space. The patterns start with the name's letters, so that the search skips
    ahead at C speed: written with a leading ``\\s``, each read the 100 MB sheet of 100,000 rows byte by byte
    (0.9 s of a 5.5 s load, found by the lead's bench); a longer name ending so ('dtr=') is passed over, and
    the search goes on from the letter after it (a match of 'foot="s"' would hide a ' t="s"' within it)."""
    found = pattern.search(piece)
    while found:
        if found.start() and piece[found.start() - 1] in _SPACE:
            return True
        found = pattern.search(piece, found.start() + 1)
    return False


def _scan_body(
    pieces: Iterator[bytes], scan: SheetScan, styles: _Styles, prefix: bytes, strings: SharedStrings
) -> bool:
    """Rows, cells, hidden rows, formulas and padded numbers of the sheet data (and the autofilter after it).
    Returns True when some row or cell has no reference, or refs are not written the usual way (the caller
    walks the sheet exactly).

    Counting is done at C speed: every cell and row must carry a ` r="` reference; the highest column and
    row are read exactly from the first piece, and a later piece is read exactly only when some reference
    in it lies beyond them (a regex built from the extent so far finds that without reading each one)."""
    cell_tag, row_tag, formula_tag = b"<" + prefix + b"c", b"<" + prefix + b"row", b"<" + prefix + b"f"
    end_tag = b"</" + prefix + b"sheetData>"
    row_ref = re.compile(re.escape(row_tag) + rb' r="(\d{1,9})"')
    wanted = styles.noted()
    # a cell of a noted style: its style, column and row, the attributes in any order
    styled = (
        re.compile(
            rb'<(?:\w+:)?c(?=\s[^>]*?\bs="(%s)")(?=[^>]*?\sr="([A-Z]{1,4})(\d{1,8})")'
            % b"|".join(str(s).encode() for s in wanted)
        )
        if wanted
        else None
    )
    max_col = last_row = 0
    after = False  # past the sheet data (the merged cells follow it)
    for whole in pieces:
        end = whole.find(end_tag)
        piece = whole if end < 0 else whole[:end]  # what follows the sheet data has other <c... elements
        if _attribute_found(_UNUSUAL_REF, piece) or (
            b't="s"' in piece and _attribute_found(_NO_SHARED_INDEX, piece)
        ):
            return True  # a reference the counting below would not read, or a damaged cell: the walk says
        cells = piece.count(cell_tag)
        row_numbers = row_ref.findall(piece)  # a row written otherwise makes the count below differ
        if piece.count(b' r="') != cells + len(row_numbers):
            return True
        numbers = np.fromiter(map(int, row_numbers), dtype=np.int64, count=len(row_numbers))
        if len(numbers) and (numbers[0] <= last_row or bool((np.diff(numbers) <= 0).any())):
            return True  # rows out of order, or one twice: the exact walk tells which
        last_row = int(numbers[-1]) if len(numbers) else last_row
        scan.cells += cells
        piece_rows = last_row if len(numbers) else 0
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
            styles.note_cells(scan, styled.findall(piece))
        for attributes, runs in struck_cells(piece, strings):  # after the styles: the runs overrule them
            ref = _CELL_REF.search(b" " + attributes)
            if ref:
                key = (int(ref.group(2)), column_number(ref.group(1).decode()))
                note_runs(scan, key, runs, styles.strikes(_attrs(attributes).get(b"s")))
        if end >= 0 and b"autoFilter" in whole:
            _autofilter(whole, scan)
        if (end >= 0 or after) and b"mergeCell" in whole:
            _merged(whole[max(end, 0) :], scan)
        if (end >= 0 or after) and b"conditionalFormatting" in whole:
            conditional_rules(whole[max(end, 0) :], styles.struck_rules, scan)
        after = after or end >= 0
    scan.columns = max_col
    _classify_hidden(scan)
    return False
