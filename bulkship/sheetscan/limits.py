"""What a sheet may hold (:class:`Limits`), what one pass over it found (:class:`SheetScan`), and cell
references (``AB`` is column 28)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import FileFormatError
from .cellmarks import CellMap, CellSet

CHUNK_BYTES = 4 * 1024 * 1024
MAX_CARRY_BYTES = 64 * 1024 * 1024  # a row longer than this is measured without being cut at its end
# cell styles a workbook may define (Excel holds 64,000 at most; LibreOffice writes one for each look
# its cells take), each kept while it is read: an ODS of a million took 240 MB and 13.7 s to read one row,
# an XLSX of two million 442 MB and 18 s, [limits] xml_mb letting ten times as many (found by
# hunter-hostile9, its LO3, and hunter-hostile8; refused by hunter-hostile10)
MAX_STYLES = 200_000


def too_many_styles(name: str) -> FileFormatError:
    return FileFormatError(
        f"{name} defines more than {MAX_STYLES:,} cell styles (Excel holds 64,000 at most); no list needs "
        "them, and each is kept while the file is read",
        hint="open it in Excel or LibreOffice and save it again, or export the list as CSV",
    )


HIDDEN = "hidden"  # hidden by hand (Format › Hide)
FILTERED = "filtered"  # hidden by an active autofilter
COLLAPSED = "collapsed"  # inside a collapsed group (Data › Group)


@dataclass(frozen=True)
class Limits:
    """What bulkship reads from one sheet; past any of these a file is refused before it is loaded.

    Set in a program settings file under ``[limits]`` (``rows``, ``columns``, ``cells``, ``xml_mb``,
    ``cell_kb``, ``text_mb``, ``problems``)."""

    rows: int = 2_000_000  # CSV may exceed Excel's 1,048,576; a bigger list should be split
    columns: int = 256
    cells: int = 30_000_000  # highest row x highest column: the grid a reader builds (1M rows x 30 columns)
    xml_bytes: int = 1536 * 1024 * 1024  # all XML parts of a workbook together, decompressed
    cell_bytes: int = 256 * 1024  # one cell's XML text (Excel's own limit is 32,767 characters)
    # a sheet's text once a text kept once for many cells (shared strings, ODS repeats) is read into each
    text_bytes: int = 1024 * 1024 * 1024
    # what validation says of one list's rows: each problem is kept (~400 bytes) for the validation workbook;
    # a million rows with six problems each took 4 GB (found by hunter-hostile7)
    problems: int = 1_000_000


@dataclass
class SheetScan:
    """What the scan found in one sheet. Rows and columns are numbered from 1, as the user sees them."""

    rows: int = 0  # highest row holding a cell
    columns: int = 0  # highest column holding a cell
    cells: int = 0
    hidden_rows: dict[int, str] = field(default_factory=dict)  # row -> HIDDEN | FILTERED | COLLAPSED
    hidden_columns: set[int] = field(default_factory=set)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> "=SUM(...)"
    # formula cells whose result the file does not hold (no value saved: a program wrote the formula only)
    unvalued: set[tuple[int, int]] = field(default_factory=set)
    # the cells noted one by one are kept 12 bytes a cell (.cellmarks): a sheet may note every cell
    padded: CellMap = field(default_factory=CellMap)  # (row, col) -> number format "000000"
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> "#N/A": an error value
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row, col, last row, last col)
    filter_range: tuple[int, int, int, int] | None = None  # (first row, first col, last row, last col)
    filter_columns: tuple[int, ...] = ()  # columns with an active filter criterion
    struck: CellSet = field(default_factory=CellSet)  # (row, col) of cells struck through
    struck_by_rule: CellSet = field(default_factory=CellSet)  # ... of them, by a conditional format
    partly_struck: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> the struck text
    partly_kept: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> the text not struck
    whole: CellSet = field(default_factory=CellSet)  # (row, col) shown without decimals ("0")
    currency: CellMap = field(default_factory=CellMap)  # (row, col) -> '€': shown in it
    hiding: CellMap = field(default_factory=CellMap)  # (row, col) -> ';;;': may show none
    comments: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> a note on the cell
    shared_text: int = 0  # characters of the text its cells point at or repeat, once read (.textsize)
    struck_rules: list[Any] = field(default_factory=list)  # conditional formats striking through (StruckRule)
    unlinked_boxes: list[int] = field(default_factory=list)  # check boxes ticking no cell: rows (0: unsaid)
    walked: bool = field(default=False, compare=False)  # read element by element, not at C speed


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


def _cell_too_big(path: Path, sheet: str, limits: Limits) -> FileFormatError:
    return _refuse(
        path,
        sheet,
        f"holds a cell of more than {limits.cell_bytes // 1024:,} KB of text; no recipient list needs one",
        hint="clear that cell, or export the list as CSV",
    )


def long_text_run(piece: bytes, limit: int) -> bool:
    """Whether ``piece`` holds a run of more than ``limit`` bytes without a '<' (one cell's text). Such a run
    covers a whole aligned window of half that size, so only windows without any '<' are looked at closely."""
    half = max(limit // 2, 1)
    for start in range(0, len(piece), half):
        if piece.find(b"<", start, start + half) >= 0:
            continue
        before = piece.rfind(b"<", 0, start) + 1
        after = piece.find(b"<", start)
        after = len(piece) if after < 0 else after
        if after - before > limit:
            return True
    return False


def _once(seen: bytearray, row: int, path: Path, sheet: str, what: str) -> None:
    if seen[row >> 3] & (1 << (row & 7)):
        raise _twice(path, sheet, what)
    seen[row >> 3] |= 1 << (row & 7)


def _twice(path: Path, sheet: str, what: str) -> FileFormatError:
    """A row or cell written twice (found by hunter-sheets4: a program's export holding row 6 twice lost its
    first person, unsaid, as LibreOffice shows it; Excel calls such a file damaged)."""
    return _refuse(
        path,
        sheet,
        f"holds {what} twice: the file is damaged, and one of them would be lost",
        hint="export the list again from where it came from (or rebuild the sheet); nothing was sent",
    )


def bound_merges(scan: SheetScan, path: Path, sheet: str) -> None:
    """The sheet's merged ranges clipped to the cells it holds (a merge down to row 1,048,576 of a 3-row list
    covers no more than its 3 rows), each once. Every reader of them walks the rows they cover: 2,000 merges
    of D2:D1048576 in a 2 KB file kept `bulkship validate` busy for over 20 minutes (found by
    hunter-hostile5). Merges covering more cells together than the sheet has overlap, which no spreadsheet
    program writes (Excel calls the file damaged): refused."""
    clipped: dict[tuple[int, int, int, int], None] = {}
    for first_row, first_col, last_row, last_col in scan.merged:
        last_row, last_col = min(last_row, scan.rows), min(last_col, scan.columns)
        if first_row <= last_row and first_col <= last_col and (first_row, first_col) != (last_row, last_col):
            clipped[(first_row, first_col, last_row, last_col)] = None
    covered = sum((last - first + 1) * (end - start + 1) for first, start, last, end in clipped)
    if covered > scan.rows * scan.columns:
        raise _refuse(
            path,
            sheet,
            "holds merged cells that overlap each other: the file is damaged",
            hint="open it in Excel or LibreOffice, unmerge the cells and save it again, or export the list "
            "again from where it came from; nothing was sent",
        )
    scan.merged = list(clipped)
