"""Load stage: read a CSV, XLSX or ODS recipient sheet into text columns, nothing judged, nothing coerced.

Every cell becomes text ('' when blank); numbers are rendered as a person would type them (2134, 25.5: never
2134.0); the frame's index is the spreadsheet row number as the user sees it (title rows and header counted);
original headers are kept and mapped to canonical columns through the aliases in ``schemas/recipients.toml``
plus the program settings. Cells that held formulas, dates, or numbers too long for Excel are reported as
``read_problems`` for the validate stage to judge. Beside the text, each cell's type (number, date,
true/false: ``LoadedSheet.cell_types``, one byte a cell of the columns holding any) lets the outputs give the
user's cells back as they were (bulkship.celltypes).

Safety: workbooks are zip files of XML. Before a reader sees one, every XML part's prolog is parsed with
defusedxml (DTDs and entities refused, so an entity-expansion bomb fails in milliseconds) and sizes, rows and
columns are capped.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import hashlib
import itertools
import operator
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from zlib import error as zlib_error

import numpy as np
import pandas as pd

from . import celltypes, defaults
from .columns import ORDER_FIELDS, HeaderIndex, closest_headers, header_score, lookalike_notices, map_columns
from .csvread import MOJIBAKE, CsvLimits, read_csv, utf16_without_bom
from .errors import FileFormatError, MissingColumnsError
from .models import CANONICAL_COLUMNS, LoadedSheet, Problem, SkippedRow
from .paths import check_input_file
from .program import ProgramSettings
from .schema import SheetContract, header_key, load_contract
from .sheetscan import (
    COLLAPSED,
    FILTERED,
    Limits,
    SheetScan,
    column_letter,
    format_padded,
    scan_ods,
    scan_xlsx,
)

MAX_FILE_BYTES = defaults.MAX_FILE_BYTES  # on disk
MAX_UNCOMPRESSED_BYTES = Limits.xml_bytes  # all XML parts of a workbook together
MAX_ROWS = Limits.rows  # CSV may exceed Excel's 1,048,576; a bigger list should be split
MAX_COLUMNS = Limits.columns
HEADER_SCAN_ROWS = 30  # the header must be within the first rows
MIN_HEADER_MATCHES = 2  # a header row names at least this many known columns
PROLOG_SCAN_BYTES = 1024 * 1024  # an XML part's root element must start within this
EXACT_DIGITS = 15  # Excel keeps 15 significant digits; longer numbers have lost some

CSV_EXTENSIONS = {".csv", ".txt", ".tsv"}
XLSX_EXTENSIONS = {".xlsx", ".xlsm"}
ODS_EXTENSIONS = {".ods"}
XLS_EXTENSIONS = {".xls"}
CSV_DELIMITERS = (",", ";", "\t", "|")
TEXT_COLUMNS = frozenset({"external_id", "zip", "phone"})  # numbers here must be exact

_EXTENSION_FORMATS = {s: "csv" for s in CSV_EXTENSIONS} | {s: "xlsx" for s in XLSX_EXTENSIONS}
_EXTENSION_FORMATS |= {s: "ods" for s in ODS_EXTENSIONS} | {s: "xls" for s in XLS_EXTENSIONS}
_FORMAT_NAMES = {"csv": "CSV text", "xlsx": "an Excel workbook (XLSX)", "ods": "an ODS spreadsheet"}
_FORMAT_NAMES |= {
    "xls": "an old Excel 97-2003 workbook (XLS)",
    "binary": "a binary file",
    "zip": "a zip archive",
}


@dataclass
class _Grid:
    """A sheet as read, before the header is found: text cells, positional columns, index = row number."""

    frame: pd.DataFrame
    sheet_name: str | None = None
    typed: list[tuple[int, int, str, str]] = field(default_factory=list)  # (row, col, kind, text)
    # column position (0-based) -> each cell's bulkship.celltypes code, for columns holding a non-text cell
    codes: dict[int, np.ndarray] = field(default_factory=dict)
    from_csv: bool = False  # no cell types: they are inferred column by column (celltypes.csv_column_code)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> formula
    scan: SheetScan | None = None  # hidden rows and columns, the autofilter (workbooks only)
    notices: list[str] = field(default_factory=list)  # about the file as a whole (a hidden sheet not read)
    head_counts: tuple[int, ...] = ()  # a CSV's number of fields in each of its first records, as written


def load_sheet(
    path: str | Path,
    *,
    sheet: str | None = None,
    program: ProgramSettings | None = None,
    strict_columns: bool = True,
    file_hash: str | None = None,
) -> LoadedSheet:
    """Read ``path`` (CSV, XLSX or ODS) into a :class:`LoadedSheet`. Raises FileFormatError,
    MissingColumnsError (no header row) or ConfigError (bad program settings); AmbiguousColumnsError unless
    ``strict_columns`` is False (two columns for one field are then marked ambiguous and feed nothing).

    ``file_hash``: the file's SHA-256 as the caller already took it (a run checks it against the ledger before
    loading): a workbook is not hashed again, and a CSV whose bytes differ from it (saved again meanwhile) is
    refused rather than recorded under a hash that does not describe its rows."""
    program = program or ProgramSettings()
    path = Path(path)
    kind = _check_file(path)
    if kind == "csv":
        limits = program.limits  # [limits] in the program settings: the same rows, columns and cell size
        csv_limits = CsvLimits(rows=limits.rows, columns=limits.columns, cell_bytes=limits.cell_bytes)
        read = read_csv(path, encoding=program.encoding, limits=csv_limits)
        if file_hash is not None and read.sha256 != file_hash:
            raise FileFormatError(
                f"{path.name} changed while bulkship was reading it",
                hint="save and close the file, then run the same command again. Nothing was sent",
            )
        file_hash = read.sha256  # taken in the same pass that read the rows
        grid = _Grid(frame=read.frame, typed=read.typed, from_csv=True, head_counts=read.head_counts)
    else:
        if file_hash is None:
            with path.open("rb") as handle:
                file_hash = hashlib.file_digest(handle, "sha256").hexdigest()
        grid = _read_workbook(path, kind, sheet or program.sheet, program)
    contract = load_contract(program.schema_path)
    return _to_loaded_sheet(grid, path, file_hash, contract, program, strict_columns)


def require_recipient_rows(loaded: LoadedSheet) -> LoadedSheet:
    """A sheet with a header and no rows (a blank template, a wrong export) is nothing to check or order:
    for ``validate`` and ``run`` it is unusable input, never a success with 0 rows."""
    if loaded.frame.empty:
        raise FileFormatError(f"{Path(loaded.path).name} has a header but no recipient rows")
    return loaded


# ---------------------------------------------------------------------------------------------- file type


def _sniff(head: bytes, path: Path) -> str:
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                if "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype"):
                    return "ods"
        except (zipfile.BadZipFile, OSError) as exc:
            raise FileFormatError(f"{path.name} is a damaged zip file and cannot be read: {exc}") from None
        return "xlsx" if "xl/workbook.xml" in names else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(head):
        return "csv"
    if head.count(b"\x00") > len(head) // 10 or head.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8")):
        return "binary"  # a stray NUL in text is refused by the CSV reader as it would be further down
    return "csv"


def _check_file(path: Path) -> str:
    """The file's real format, which must agree with its extension."""
    check_input_file(path, error=FileFormatError)  # a folder, a pipe, /dev/stdin: said as such
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise FileFormatError(
            f"{path.name} is {size / 2**20:.0f} MB, above bulkship's limit of {MAX_FILE_BYTES // 2**20} MB",
            hint="split the list into smaller files",
        )
    if size == 0:
        raise FileFormatError(f"{path.name} is empty")
    suffix = path.suffix.lower()
    expected = _EXTENSION_FORMATS.get(suffix)
    if expected is None:
        raise FileFormatError(
            f"{path.name}: bulkship reads .csv, .xlsx and .ods files, not '{suffix or 'no extension'}'"
        )
    with path.open("rb") as handle:
        head = handle.read(8192)
    actual = _sniff(head, path)
    if actual == "xls" and expected == "xlsx":
        raise FileFormatError(
            f"{path.name} is password-protected or an old XLS file renamed to .xlsx",
            hint="open it in Excel, remove the password and save as Excel Workbook (.xlsx)",
        )
    if actual != expected:
        raise FileFormatError(
            f"{path.name} is not {_FORMAT_NAMES[expected]} although its name ends in {suffix}: "
            f"it looks like {_FORMAT_NAMES[actual]}",
            hint="save it again from your spreadsheet application as CSV or Excel Workbook (.xlsx)",
        )
    return actual


# ---------------------------------------------------------------------------------------------- CSV


# ---------------------------------------------------------------------------------------------- workbooks


class _RootSeen(Exception):
    pass


class _PrologTarget:
    """Parser target that stops at the root element: a DTD can only come before it."""

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        raise _RootSeen

    def close(self) -> None:
        return None


def _check_xml_part(archive: zipfile.ZipFile, name: str, path: Path) -> None:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    parser = DefusedXMLParser(target=_PrologTarget(), forbid_dtd=True)
    read = 0
    with archive.open(name) as part:
        try:
            while read < PROLOG_SCAN_BYTES:
                chunk = part.read(16384)
                if not chunk:
                    break
                read += len(chunk)
                parser.feed(chunk)
        except _RootSeen:
            return
        except DefusedXmlException:
            raise FileFormatError(
                f"{path.name} was refused: its part {name} declares a DTD or XML entities, which "
                "spreadsheets never need and which can be used to exhaust memory",
                hint="open the file in Excel and save it again, or export it as CSV",
            ) from None
        except Exception as exc:  # expat's ParseError and zip errors
            if isinstance(exc, _RootSeen):
                return
            raise FileFormatError(f"{path.name} is damaged: its part {name} is not readable XML") from None
    if read:
        raise FileFormatError(f"{path.name} is damaged: its part {name} has no XML root element")


def _check_archive(path: Path, limits: Limits) -> None:
    """Refuse zip bombs and unsafe XML before any reader expands the workbook."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            total = sum(info.file_size for info in infos)
            if total > limits.xml_bytes or len(infos) > 10_000:
                raise FileFormatError(
                    f"{path.name} expands to {total / 2**20:,.0f} MB in {len(infos)} parts, above "
                    f"bulkship's limit of {limits.xml_bytes // 2**20:,} MB",
                    hint="split the list into smaller files or export it as CSV",
                )
            for info in infos:
                if info.filename.endswith((".xml", ".rels")) and info.file_size > 0:
                    _check_xml_part(archive, info.filename, path)
    except zipfile.BadZipFile as exc:
        raise FileFormatError(f"{path.name} is a damaged zip file and cannot be read: {exc}") from None


def _xlsx_sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet name -> the zip path of its XML, following workbook.xml and its relationships."""
    from defusedxml.ElementTree import fromstring

    try:
        workbook = fromstring(archive.read("xl/workbook.xml"), forbid_dtd=True)
        rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"), forbid_dtd=True)
    except Exception:  # a part missing or damaged: calamine says what is wrong
        return {}
    targets = {element.get("Id"): element.get("Target", "") for element in rels.iter()}
    parts: dict[str, str] = {}
    for element in workbook.iter():
        if not element.tag.endswith("}sheet"):
            continue
        rel_id = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
        target = targets.get(rel_id, "")
        if target:
            part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            parts[element.get("name", "")] = part
    return parts


def _scan_workbook(path: Path, kind: str, limits: Limits) -> dict[str, SheetScan]:
    """Every sheet measured and its visible state read before calamine builds any (see bulkship.sheetscan)."""
    try:
        with zipfile.ZipFile(path) as archive:
            if kind == "ods":
                if "content.xml" not in archive.namelist():
                    return {}
                return scan_ods(path, archive, limits)
            names = set(archive.namelist())
            return {
                name: scan_xlsx(path, archive, part, name, limits)
                for name, part in _xlsx_sheet_parts(archive).items()
                if part in names
            }
    except FileFormatError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, zlib_error) as exc:
        raise FileFormatError(f"{path.name} is damaged and cannot be read: {exc}") from None
    except Exception as exc:  # expat's ParseError, defusedxml's refusals
        raise FileFormatError(f"{path.name} is damaged: a sheet is not readable XML ({exc})") from None


def _render(value: Any) -> tuple[str, str | None]:
    """A typed cell as the text a person would type, and what kind of non-text it was (None: plain)."""
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), "bool"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 10**EXACT_DIGITS:
            return str(int(value)), None
        if value.is_integer():
            return f"{value:.{EXACT_DIGITS}G}", "inexact"
        # the digits Excel shows (15): a pasted result 27.500000000000004 is the 27.5 the person sees
        return f"{value:.{EXACT_DIGITS}G}".replace("E", "e"), "fraction"
    if isinstance(value, int):
        return str(value), ("inexact" if abs(value) >= 10**EXACT_DIGITS else None)
    if isinstance(value, dt.datetime):
        text = value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
        return text, "date"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat(), "date"
    if isinstance(value, dt.timedelta):
        return str(value), "date"
    return ("" if value is None else str(value)), None


def _grid_from_rows(
    rows: list[list[Any]], padded: dict[tuple[int, int], str] | None = None
) -> tuple[pd.DataFrame, list[tuple[int, int, str, str]], dict[int, np.ndarray]]:
    """Calamine's rows as a text frame; only columns holding non-text cells are visited cell by cell.
    ``padded`` cells ((row, col) -> number format such as '000000') are shown as the format shows them.
    Also each non-text cell's type code, by column (see bulkship.celltypes).
    Empties ``rows`` (their cells live on in the frame, stored column by column)."""
    widths = set(map(len, rows))
    width = max(widths, default=0)
    if len(widths) > 1:
        rows[:] = [row + [""] * (width - len(row)) for row in rows]
    index = pd.RangeIndex(1, len(rows) + 1)
    all_text = set(map(type, itertools.chain.from_iterable(rows))) <= {str}
    cells = np.empty((len(rows), width), dtype=object)
    cells[:] = rows
    codes: dict[int, np.ndarray] = {}
    typed = [] if all_text else _render_typed(cells, padded or {}, codes)
    frame = _column_local(cells, index)
    rows.clear()  # only now: the new strings must not fill the holes the old rows leave
    return frame, typed, codes


def _render_typed(
    cells: np.ndarray, padded: dict[tuple[int, int], str], codes: dict[int, np.ndarray]
) -> list[tuple[int, int, str, str]]:
    """Non-text cells replaced by the text a person would type (once per distinct value); the dates,
    formulas' neighbours and inexact numbers among them are returned as (row, column, kind, text).
    A whole number shown through a padding format is the text it shows (Employee ID 000123). Each
    column's type codes go to ``codes`` (one byte a cell, only for columns with a typed cell)."""
    typed: list[tuple[int, int, str, str]] = []
    rendered: dict[tuple[type, Any], tuple[str, str | None, int]] = {}
    for col_index in range(cells.shape[1]):
        column = cells[:, col_index]
        column_codes: np.ndarray | None = None
        for row_index in [i for i, value in enumerate(column.tolist()) if type(value) is not str]:
            value = column[row_index]
            code = padded.get((row_index + 1, col_index + 1)) if padded else None
            if code and _whole_number(value):
                column[row_index] = format_padded(int(value), code)
                continue
            key = (type(value), value)
            if key not in rendered:
                rendered[key] = (*_render(value), celltypes.code_of(value))
            text, kind, type_code = rendered[key]
            column[row_index] = text
            if type_code and text:
                if column_codes is None:
                    column_codes = codes[col_index] = np.zeros(cells.shape[0], dtype=np.uint8)
                column_codes[row_index] = type_code
            if kind:
                typed.append((row_index + 1, col_index + 1, kind, text))
    return typed


def _whole_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and value.is_integer() and abs(value) < 10**EXACT_DIGITS


LOCAL_SAMPLE = 2000  # cells sampled to tell a column of repeated values from one of distinct values


def _column_local(cells: np.ndarray, index: pd.Index) -> pd.DataFrame:
    """A text frame of ``cells`` laid out in memory the way the CSV reader lays out its own.

    Calamine makes a new string for every cell, row by row, so a column's strings lie scattered through
    memory and every pass over a column (validate makes dozens) stalls on the cache: three to five times
    slower than over a CSV's. Here each column's strings are made anew next to each other (joined and
    split), and a column of repeated values (states, products, amounts) keeps one string per distinct
    value, as pandas' CSV parser does. The old strings are freed afterwards, or the new would fill their
    holes."""
    columns: dict[int, Any] = {}
    for position in range(cells.shape[1]):
        texts = cells[:, position].tolist()
        sample = texts[:LOCAL_SAMPLE]
        if len(set(sample)) <= len(sample) // 2:  # repeated values: one string each, made anew
            distinct: dict[str, str] = {}
            shared = list(map(distinct.setdefault, texts, texts))
            fresh = _remade(list(distinct))
            texts = shared if fresh is None else list(map(fresh.__getitem__, shared))
        else:
            joined = "\x00".join(texts)
            if joined.count("\x00") == len(texts) - 1:  # no cell holds the separator itself
                texts = joined.split("\x00")
        columns[position] = pd.array(texts, dtype=str)
    return pd.DataFrame(columns, index=index, columns=pd.RangeIndex(cells.shape[1]))


def _remade(values: list[str]) -> dict[str, str] | None:
    """Each value -> an equal string made anew, next to the others (None: a value holds the separator)."""
    joined = "\x00".join(values)
    if joined.count("\x00") != len(values) - 1:
        return None
    return dict(zip(values, joined.split("\x00"), strict=True))


def _pick_sheet(
    workbook: Any, requested: str | None, path: Path, program: ProgramSettings, *, skip: set[str]
) -> tuple[str, list[str]]:
    """The sheet to read, and a notice for each hidden sheet that looks like a list too (never chosen
    unless asked for with ``--sheet``: what the person sees in the workbook is what is ordered)."""
    worksheets = [m for m in workbook.sheets_metadata if str(m.typ).endswith("WorkSheet")]
    names = [m.name for m in worksheets]
    names = [n for n in names or list(workbook.sheet_names) if n not in skip] or names
    if requested:
        if requested not in workbook.sheet_names:
            raise FileFormatError(
                f"{path.name} has no sheet named '{requested}'; its sheets are: "
                + ", ".join(f"'{n}'" for n in workbook.sheet_names),
                hint="pass one of them with --sheet NAME",
            )
        return requested, []
    if len(names) == 1:
        return names[0], []
    index = HeaderIndex(load_contract(program.schema_path).alias_index(program.aliases))
    scores: dict[str, int] = {}
    for name in names:
        head = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=HEADER_SCAN_ROWS)
        scores[name] = max((header_score(row, index) for row in head), default=0)
    hidden = {m.name for m in worksheets if not str(m.visible).endswith(".Visible")}
    visible = {n: s for n, s in scores.items() if n not in hidden}
    for pool in (visible, scores):  # a visible list wins; hidden sheets only when no visible one is a list
        best = max(pool.values(), default=0)
        winners = [n for n, s in pool.items() if s == best]
        if best >= MIN_HEADER_MATCHES and len(winners) == 1:
            break
    else:
        raise FileFormatError(
            f"{path.name} has several sheets and bulkship cannot tell which holds the recipients: "
            + ", ".join(f"'{n}'" + (" (hidden)" if n in hidden else "") for n in names),
            hint="choose one with --sheet NAME",
        )
    chosen = winners[0]
    notices = [
        f"Sheet '{name}' is hidden and was not read (it looks like a list too); pass --sheet '{name}' to "
        "read it instead."
        for name in names
        if name in hidden and name != chosen and scores[name] >= max(scores[chosen], MIN_HEADER_MATCHES)
    ]  # a hidden list as good as the one read (not the template's hidden drop-down lists)
    return chosen, notices


def _read_workbook(path: Path, kind: str, requested: str | None, program: ProgramSettings) -> _Grid:
    from python_calamine import CalamineError, CalamineWorkbook

    limits = program.limits
    if kind in ("xlsx", "ods"):
        _check_archive(path, limits)
        scans = _scan_workbook(path, kind, limits)  # before calamine builds anything
    else:
        scans = {}
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        unchecked = [name for name in workbook.sheet_names if kind != "xls" and name not in scans]
        sheet_name, sheet_notices = _pick_sheet(workbook, requested, path, program, skip=set(unchecked))
        if sheet_name in unchecked:
            raise FileFormatError(
                f"{path.name}: sheet '{sheet_name}' cannot be checked before it is read (its part is missing "
                "or not where the workbook says)",
                hint="open the file in Excel and save it again, or export the list as CSV",
            )
        sheet = workbook.get_sheet_by_name(sheet_name)
        if sheet.total_height > limits.rows or sheet.total_width > limits.columns:
            raise FileFormatError(
                f"{path.name}: sheet '{sheet_name}' spans {sheet.total_height:,} rows and "
                f"{sheet.total_width} columns, above bulkship's limits of {limits.rows:,} rows and "
                f"{limits.columns} columns",
                hint="delete unused rows and columns, or export the list as CSV",
            )
        rows = sheet.to_python(skip_empty_area=False)
    except (CalamineError, ValueError, OSError) as exc:
        raise FileFormatError(f"{path.name} cannot be read as a spreadsheet: {exc}") from None
    scan = scans.get(sheet_name)
    frame, typed, codes = _grid_from_rows(rows, scan.padded if scan else None)
    if scan and scan.errors:
        _show_errors(frame, scan.errors)
    return _Grid(
        frame=frame,
        sheet_name=sheet_name,
        typed=typed,
        codes=codes,
        formulas=scan.formulas if scan else {},
        scan=scan,
        notices=sheet_notices,
    )


def _show_errors(frame: pd.DataFrame, errors: dict[tuple[int, int], str]) -> None:
    """A cell holding an error value reads as the error the person sees (#N/A), not as an empty cell."""
    for (row, col), text in errors.items():
        if row in frame.index and col - 1 < frame.shape[1] and not frame.at[row, col - 1]:
            frame.at[row, col - 1] = text


# ---------------------------------------------------------------------------------------------- header


def _unique_headers(cells: Sequence[str], positions: Sequence[int]) -> tuple[list[str], dict[str, str]]:
    """Blank headers get their column letter, repeated ones a number: every column keeps a distinct name.
    Also returns each renamed repeat -> the text it repeats (it means what that text means)."""
    headers: list[str] = []
    repeats: dict[str, str] = {}
    seen: dict[str, int] = {}
    taken = {" ".join(str(cell).split()).casefold() for cell in cells}
    for position, cell in zip(positions, cells, strict=True):
        header = " ".join(str(cell).split()) or f"Column {column_letter(position)}"
        count = seen.get(header.casefold(), 0) + 1
        seen[header.casefold()] = count
        if count == 1:
            headers.append(header)
            continue
        renamed = f"{header} ({count})"
        while renamed.casefold() in taken:  # the sheet's own "ZIP (2)" keeps its name
            count += 1
            renamed = f"{header} ({count})"
        taken.add(renamed.casefold())
        headers.append(renamed)
        repeats[renamed] = header
    return headers, repeats


def _blank_cells(values: list[Any]) -> np.ndarray:
    """Which cells are blank or only whitespace."""
    return np.fromiter(map(operator.not_, map(str.strip, values)), dtype=bool, count=len(values))


def _all_filled(values: list[Any]) -> bool:
    """No cell blank or only whitespace (checked at C speed: the usual column)."""
    return bool(values) and "" not in values and not any(map(str.isspace, values))


def _used_area(body: pd.DataFrame, header_cells: list[Any]) -> tuple[list[int], np.ndarray]:
    """The columns to keep (a header or any filled cell) and the rows with any filled cell in them.

    One column with every cell filled proves that no row is blank, so most sheets need no per-cell mask."""

    @functools.cache
    def values(position: int) -> list[Any]:
        return body.iloc[:, position].tolist()

    width = body.shape[1]
    blank = {
        position: _blank_cells(values(position))
        for position in range(width)
        if not str(header_cells[position]).strip()  # kept only if some cell is filled
    }
    keep = [position for position in range(width) if position not in blank or not blank[position].all()]
    if any(_all_filled(values(position)) for position in keep):
        return keep, np.ones(len(body), dtype=bool)
    blank_rows = np.ones(len(body), dtype=bool)
    for position in keep:
        blank_rows &= blank[position] if position in blank else _blank_cells(values(position))
    return keep, ~blank_rows


def _row_score(cells: Sequence[Any], headers: HeaderIndex, fixed: set[str]) -> int:
    """How many known columns a row names (aliases, and the headers the program's [columns] names)."""
    named = sum(1 for c in cells if str(c).strip() and header_key(str(c)) in fixed)
    return header_score(cells, headers) + named


def _find_header(
    frame: pd.DataFrame, where: str, contract: SheetContract, program: ProgramSettings
) -> tuple[int, list[Any]]:
    """The row naming the most known columns within the first rows (the first such row), and its cells.

    A header written on two rows ("Address" above "Street | City | State | ZIP", beside "Name" and
    "Product" that have nothing below them) is read as one: each column's lower cell, else its upper one,
    when together they name more columns than either row alone. The body starts below the lower row."""
    headers = HeaderIndex(contract.alias_index(program.aliases))
    fixed = {header_key(text) for text in program.columns.values()}
    head = frame.iloc[:HEADER_SCAN_ROWS]
    scores = [
        (_row_score(cells, headers, fixed), int(row))
        for row, cells in zip(head.index, head.values.tolist(), strict=True)
    ]
    best = max((score for score, _ in scores), default=0)
    if best >= MIN_HEADER_MATCHES:
        row = next(row for score, row in scores if score == best)
        return _two_row_header(frame, row, best, headers, fixed)
    message = (
        f"No header row found in the first {HEADER_SCAN_ROWS} rows of {where}: expected headers such as "
        "'Name', 'Address', 'City', 'State', 'ZIP Code', 'Product', 'Value'"
    )
    texts = [
        (sum(1 for c in cells if _is_text_label(c)), int(row))
        for row, cells in zip(head.index, head.values.tolist(), strict=True)
    ]
    most, row = max(texts, key=lambda pair: (pair[0], -pair[1]), default=(0, 0))
    if most >= 2:
        closest = closest_headers(frame.loc[row].tolist(), headers, contract)
        shown = ", ".join(closest[:8]) + (f" and {len(closest) - 8} more" if len(closest) > 8 else "")
        message += f". Row {row} looks like a header, but bulkship does not know {shown}"
    raise MissingColumnsError(
        message,
        hint="rename those headers, or map them in a program file (--config) under [columns], e.g. "
        'address1 = "Street" or address1 = "C"; `bulkship template` writes a sheet with the right headers',
    )


def _two_row_header(
    frame: pd.DataFrame, row: int, score: int, headers: HeaderIndex, fixed: set[str]
) -> tuple[int, list[Any]]:
    """The header row and its cells, joined with the row above or below when that names more columns."""

    def cells_of(number: int) -> list[Any]:
        return list(frame.loc[number].tolist())

    chosen: tuple[int, list[Any]] = (row, cells_of(row))
    for upper, lower in ((row, row + 1), (row - 1, row)):
        if upper not in frame.index or lower not in frame.index:
            continue
        if lower != row and _row_score(cells_of(lower), headers, fixed) < MIN_HEADER_MATCHES:
            continue  # a row below must name columns itself: a recipient's row is never taken for a header
        cells = [
            low if str(low).strip() else up for up, low in zip(cells_of(upper), cells_of(lower), strict=True)
        ]
        combined = _row_score(cells, headers, fixed)
        if combined > score:
            chosen, score = (lower, cells), combined
    return chosen


def _is_text_label(cell: Any) -> bool:
    text = str(cell).strip()
    return bool(text) and not text.replace(".", "").replace(",", "").replace("-", "").isdigit()


def _to_loaded_sheet(
    grid: _Grid,
    path: Path,
    file_hash: str,
    contract: SheetContract,
    program: ProgramSettings,
    strict_columns: bool = True,
) -> LoadedSheet:
    frame = grid.frame
    where = f"sheet '{grid.sheet_name}' of {path.name}" if grid.sheet_name else path.name
    header_row, header_cells = _find_header(frame, where, contract, program)
    body = frame.loc[header_row + 1 :]
    keep, filled_rows = _used_area(body, header_cells)
    body = body.loc[filled_rows, keep].copy()
    headers, repeats = _unique_headers([header_cells[p] for p in keep], [p + 1 for p in keep])
    body.columns = headers
    hidden_columns = grid.scan.hidden_columns if grid.scan else set()
    mapping = map_columns(
        headers,
        [p + 1 for p in keep],
        hidden_columns,
        contract,
        program,
        path,
        strict=strict_columns,
        repeats=repeats,
    )
    column_map = mapping.column_map
    by_position = {p + 1: h for p, h in zip(keep, headers, strict=True)}
    merged_cells = _fill_merged(grid, body, by_position, column_map)
    skipped = _skipped_rows(grid, body, column_map, by_position, program)
    not_judged = {s.row for s in skipped}  # a totals row's =SUM is no problem of a recipient's
    read_problems = [
        p for p in _read_problems(grid, by_position, column_map, body.index) if p.row not in not_judged
    ]
    read_problems += [p for p in merged_cells if p.row not in not_judged]
    read_problems += _overflowing_rows(grid, header_row, column_map, not_judged)
    read_problems += _formula_text_problems(
        body, column_map, grid.formulas, by_position, not_judged, text_literals=grid.from_csv
    )
    _show_formulas(body, grid.formulas, by_position, column_map, not_judged)
    source = program.source or "a program file (--config)"
    values_of = {
        info.header: body[info.header].iloc[:LOOKALIKE_ROWS].tolist()
        for info in mapping.columns
        if info.status == "unused"
    }
    notices = [
        *grid.notices,
        *mapping.notices,
        *lookalike_notices(mapping, values_of, contract, _country_names(), source),
        *_skip_notices(skipped, program),
    ]
    cell_types = _cell_types(grid, body, keep, headers, column_map)
    return LoadedSheet(
        path=str(path),
        sheet_name=grid.sheet_name,
        header_row=int(header_row),
        headers=tuple(headers),
        column_map=column_map,
        frame=body,
        file_hash=file_hash,
        defaults=program.effective_defaults,
        read_problems=tuple(read_problems),
        columns=tuple(mapping.columns),
        skipped=tuple(skipped),
        notices=tuple(notices),
        preferred=dict(mapping.preferred),
        last_first=frozenset(mapping.last_first),
        cell_types=cell_types,
    )


# Fields whose cells are text whatever they look like (ids and ZIP codes keep their zeros, names and addresses
# are words): in a CSV, only the other columns can be numbers or dates.
CSV_TEXT_FIELDS = frozenset(CANONICAL_COLUMNS) - {"value", "quantity"}


def _cell_types(
    grid: _Grid, body: pd.DataFrame, keep: list[int], headers: list[str], column_map: dict[str, str]
) -> pd.DataFrame:
    """The type code of each body cell (bulkship.celltypes), for the columns holding a non-text cell:
    one byte a cell, sharing the body's index."""
    columns: dict[str, np.ndarray] = {}
    if grid.from_csv:
        for header in headers:
            if column_map.get(header) in CSV_TEXT_FIELDS:
                continue
            code = celltypes.csv_column_code(body[header])
            if code:
                columns[header] = np.full(len(body), code, dtype=np.uint8)
    elif grid.codes:
        at = body.index.to_numpy() - int(grid.frame.index[0])  # the grid's index counts rows from 1
        for position, header in zip(keep, headers, strict=True):
            codes = grid.codes.get(position)
            if codes is not None and (picked := codes[at]).any():
                columns[header] = picked
    return pd.DataFrame(columns, index=body.index)


LOOKALIKE_ROWS = 600  # rows sampled to tell whether an unused column's values look like a field


@functools.cache
def _country_names() -> frozenset[str]:
    from .validate.usps import COUNTRY_ALIASES

    return frozenset(COUNTRY_ALIASES)


# ---------------------------------------------------------------------------------------------- skipped rows

_HIDDEN_REASONS = {
    COLLAPSED: "inside a collapsed group of rows",
    FILTERED: "hidden by the filter",
}
_AGGREGATE = re.compile(
    r"(?i)^=\s*(?:_xlfn\.)?(?:SUM|SUBTOTAL|AGGREGATE|COUNTA?|COUNTIFS?|SUMIFS?|SUMPRODUCT|AVERAGE|AVERAGEA|MIN|MAX)\s*\("
)
_TOTAL_LABEL = re.compile(r"(?i)^\s*(?:grand\s+|sub-?)?totals?\b|^\s*(?:sum|count)\s*:?\s*$")
# A whole cell naming a totals row, whatever else the row holds ("Total", "Grand Total:", "Subtotal (USD)")
_TOTAL_CELL = re.compile(r"(?i)\s*(?:grand\s+|sub-?\s*)?totals?\s*[:.]?\s*(?:\([^)]*\))?\s*")
_NOTE_MARKER = re.compile(r"(?i)^\s*(?:[*†‡#]|notes?\b|nb\b|n\.b\.|source\b|prepared\b|updated\b|as of\b)")
MAX_CANDIDATES = 5000  # rows without an address looked at one by one for totals and notes
IDENTITY_FIELDS = frozenset({"name", "first_name", "last_name", "company"})  # may be "Total": a company
MAX_TRAILING = 20  # rows after the last named recipient checked for a sum of the amounts above
_MONEY_SIGNS = re.compile(r"[$€£,\s]")


def _skipped_rows(
    grid: _Grid,
    body: pd.DataFrame,
    column_map: dict[str, str],
    by_position: dict[int, str],
    program: ProgramSettings,
) -> list[SkippedRow]:
    """Rows that are not ordered although they hold data: hidden ones (unless --include-hidden), totals
    rows and notes. Hidden comes first: a hidden totals row is reported as hidden."""
    skipped: dict[int, SkippedRow] = {}
    scan = grid.scan
    if scan is not None and scan.hidden_rows and not program.include_hidden:
        filter_names = ", ".join(
            f"column {column_letter(c)}" + (f" '{by_position[c]}'" if c in by_position else "")
            for c in scan.filter_columns
        )
        for row in body.index.intersection(pd.Index(list(scan.hidden_rows))).tolist():
            kind = scan.hidden_rows[row]
            reason = _HIDDEN_REASONS.get(kind, "hidden row")
            if kind == FILTERED and filter_names:
                reason += f" on {filter_names}"
            skipped[int(row)] = SkippedRow(int(row), kind, reason)
    for row, (kind, reason) in _not_recipients(grid, body, column_map, by_position).items():
        skipped.setdefault(row, SkippedRow(row, kind, reason))
    for row in _repeated_headers(body, column_map):
        skipped.setdefault(row, SkippedRow(row, "note", "the header again (two lists one below the other)"))
    return sorted(skipped.values(), key=lambda s: s.row)


def _repeated_headers(body: pd.DataFrame, column_map: dict[str, str]) -> list[int]:
    """Rows that repeat the header (exports pasted or concatenated one after another): each filled cell
    reads as its column's header, and at least two order fields do. Found through one column at C speed
    (its header as written, or in upper, lower or title case); only those rows are read in full."""
    mapped = [header for header in body.columns if header in column_map]
    if len(mapped) < MIN_HEADER_MATCHES or body.empty:
        return []
    first = mapped[0]
    spellings = {first, first.upper(), first.lower(), first.title(), first.casefold()}  # hashed: C speed
    candidates = body.index[body[first].isin(spellings).to_numpy()]
    rows = []
    for row in candidates.tolist():
        cells = {header: " ".join(str(value).split()) for header, value in body.loc[row].items()}
        same = [h for h, text in cells.items() if text and text.casefold() == h.casefold()]
        if len(same) == sum(1 for text in cells.values() if text) and len(set(same) & set(mapped)) >= 2:
            rows.append(int(row))
    return rows


def _not_recipients(
    grid: _Grid, body: pd.DataFrame, column_map: dict[str, str], by_position: dict[int, str]
) -> dict[int, tuple[str, str]]:
    """Totals rows and notes: row -> (kind, reason). A totals row has an aggregate formula, or a cell
    that says "Total" (any column of a row naming no recipient or no address), or ends the table with an
    amount that is the sum of the amounts above and no recipient. A note fills no order field, or is a
    lone remark below the table (a line of text in the first column, a marker such as '*' or 'Note')."""
    header_of = {canonical: header for header, canonical in column_map.items()}
    address = header_of.get("address1")
    if address is None or body.empty:
        return {}
    position_of = {header: position for position, header in by_position.items()}
    aggregate_rows = {row for (row, _), formula in grid.formulas.items() if _AGGREGATE.match(formula)}
    address_values = body[address].tolist()
    blank = _blank_cells(address_values)
    rows = body.index
    filled_at = np.flatnonzero(~blank)
    last_recipient = int(rows[filled_at[-1]]) if len(filled_at) else 0
    names = [header_of[f] for f in ("name", "first_name", "last_name") if f in header_of]
    candidates = [int(r) for r in rows[blank | _unnamed(body, names)]]
    if len(candidates) > MAX_CANDIDATES:
        candidates = [r for r in candidates if r > last_recipient or r in aggregate_rows]
    address_col = position_of[address]
    candidates += [r for r in aggregate_rows if (r, address_col) in grid.formulas]
    amounts = [header_of[f] for f in ("value", "quantity") if f in header_of]
    sums = _sum_rows(body, address, names, amounts)
    candidates += list(sums)
    identity_headers = {h for h, c in column_map.items() if c in IDENTITY_FIELDS}
    order_headers = [h for h, c in column_map.items() if c in ORDER_FIELDS]
    previous = dict(zip(rows.tolist()[1:], rows.tolist()[:-1], strict=True)) if len(rows) < 2_000_000 else {}
    found: dict[int, tuple[str, str]] = {}
    for row in sorted(set(candidates)):
        if row not in rows:
            continue
        cells = body.loc[row]
        texts = [str(v).strip() for v in cells.tolist()]
        filled = [t for t in texts if t]
        # a recipient's own name or company may be "Total": only a row without an address says so there
        addressed = bool(str(cells[address]).strip())
        label = next(
            (
                t
                for h, t in zip(body.columns, texts, strict=True)
                if t and not (addressed and h in identity_headers) and _TOTAL_CELL.fullmatch(t)
            ),
            None,
        )
        if label is None and not addressed:
            label = next((t for t in filled if _TOTAL_LABEL.match(t)), None)
        if row in sums and not (row in aggregate_rows or label):
            found[row] = ("totals", f"totals row ({sums[row]})")
            continue
        if row in aggregate_rows or label:
            shown = label or next(
                (f for (r, _), f in sorted(grid.formulas.items()) if r == row and _AGGREGATE.match(f)), ""
            )
            found[row] = ("totals", f"totals row ('{_short(shown)}')")
            continue
        if not any(str(cells[h]).strip() for h in order_headers):
            found[row] = ("note", f"no recipient data, only a note ('{_short(filled[0])}')" if filled else "")
            continue
        below = row > last_recipient
        gap = previous.get(row, row - 1) < row - 1 or previous.get(row) in found
        first_only = bool(texts[0]) and not _is_number(texts[0])  # a line of text in the first column only
        if (
            below
            and len(filled) == 1
            and (gap or first_only or _NOTE_MARKER.match(filled[0]) or len(filled[0].split()) >= 4)
        ):
            found[row] = ("note", f"note below the table ('{_short(filled[0])}')")
    return {row: value for row, value in found.items() if value[1]}


def _unnamed(body: pd.DataFrame, names: list[str]) -> np.ndarray:
    """Which rows fill none of the ``names`` columns (no column: none)."""
    unnamed = np.zeros(len(body), dtype=bool)
    if not names:
        return unnamed
    unnamed[:] = True
    for header in names:
        values = body[header].tolist()
        if _all_filled(values):  # the usual column: every row has a name
            return np.zeros(len(body), dtype=bool)
        unnamed &= _blank_cells(values)
    return unnamed


def _sum_rows(body: pd.DataFrame, address: str, names: list[str], amounts: list[str]) -> dict[int, str]:
    """The rows after the last recipient (the last row with an address), naming nobody, whose amount is
    the sum of the column above: row -> why, "its Value 1,250 is the sum of the 50 rows above". Only the
    table's last rows are looked at."""
    if not amounts or len(body) < 3:
        return {}
    tail = body.iloc[-(MAX_TRAILING + 1) :]
    at = np.flatnonzero(~_blank_cells(tail[address].tolist()))
    if not len(at) or at[-1] == len(tail) - 1:
        return {}  # the table ends with a recipient, or its last rows have no address (nothing to add up)
    last = len(body) - len(tail) + int(at[-1])  # position of the last recipient
    nobody = _unnamed(body.iloc[last + 1 :], names) if names else np.ones(len(body) - last - 1, dtype=bool)
    found: dict[int, str] = {}
    for header in amounts:
        plain = body[header].str.replace(_MONEY_SIGNS.pattern, "", regex=True)
        values = pd.to_numeric(plain, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        above = float(np.nansum(values[: last + 1]))
        count = int(np.count_nonzero(~np.isnan(values[: last + 1])))
        for position in range(last + 1, len(body)):
            value, row = values[position], int(body.index[position])
            named = not nobody[position - last - 1]
            if named or count < 2 or not np.isfinite(value) or not value or row in found:
                continue
            if abs(value - above) < 0.005:
                shown = body[header].iloc[position].strip()
                found[row] = f"its {header} {shown} is the sum of the {count} rows above"
    return found


def _is_number(text: str) -> bool:
    return bool(text) and _MONEY_SIGNS.sub("", text).replace(".", "", 1).lstrip("-").isdigit()


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _row_list(rows: Sequence[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:10])
    return shown + (f" and {len(rows) - 10} more" if len(rows) > 10 else "")


def _skip_notices(skipped: Sequence[SkippedRow], program: ProgramSettings) -> list[str]:
    """One line for the hidden rows, one for the rows that are not recipients (totals, notes)."""
    notices = []
    hidden = [s.row for s in skipped if s.kind not in ("totals", "note")]
    if hidden:
        kinds = sorted({s.reason for s in skipped if s.kind not in ("totals", "note")})
        notices.append(
            f"{len(hidden)} hidden row(s) not ordered: {_row_list(hidden)} ({'; '.join(kinds)}). "
            "Pass --include-hidden to order them too."
        )
    others = [s for s in skipped if s.kind in ("totals", "note")]
    if others:
        notices.append(
            f"{len(others)} row(s) are not recipients and are not ordered: "
            + "; ".join(f"row {s.row}, {s.reason}" for s in others[:10])
            + (f"; and {len(others) - 10} more" if len(others) > 10 else "")
            + "."
        )
    return notices


def _show_formulas(
    body: pd.DataFrame,
    formulas: dict[tuple[int, int], str],
    headers: dict[int, str],
    column_map: dict[str, str],
    not_judged: set[int],
) -> None:
    """A recipient's cell that held a formula shows the formula itself from here on (inert, quote-prefixed in
    every output), not its cached result: on the Fix these sheet an untouched row then still holds it, and is
    refused again, instead of its empty result passing for a value nobody typed."""
    for (row, col), formula in formulas.items():
        header = headers.get(col)
        if header in column_map and row in body.index and row not in not_judged:
            body.at[row, header] = formula


def _overflowing_rows(
    grid: _Grid, header_row: int, column_map: dict[str, str], not_judged: set[int]
) -> list[Problem]:
    """CSV rows with filled cells beyond the fields of the header line: a comma inside a value that is not
    in quotes ('1,000', '250,50', '1 Main St, Apt 4') moved every cell after it one column to the right, so
    the row's columns do not hold what it meant (an amount of 250 from '250,50'). An error on each such row,
    unless most rows have them (then it is a column the header does not name, listed as unused)."""
    if len(grid.head_counts) < header_row or not column_map:
        return []
    named = grid.head_counts[header_row - 1]
    below = grid.frame.loc[header_row + 1 :]
    if below.shape[1] <= named or below.empty:
        return []
    beyond = below.iloc[:, named:]
    filled = np.zeros(len(below), dtype=bool)
    for position in range(beyond.shape[1]):
        filled |= ~_blank_cells(beyond.iloc[:, position].tolist())
    if not filled.any() or filled.sum() * 2 > len(below):
        return []
    last = list(column_map)[-1]
    problems = []
    for row in below.index[filled].tolist():
        if row in not_judged:
            continue
        extra = [text for text in beyond.loc[row].tolist() if str(text).strip()]
        shown = ", ".join(f"'{_short(str(text), 20)}'" for text in extra)
        message = (
            f"Row {row}: cells beyond the {named} columns of the header ({shown}): a comma inside a value "
            "that is not in quotes ('1,000', '1 Main St, Apt 4') moves every cell after it one column to the "
            'right. Put that value in quotes ("1,000") or remove the comma.'
        )
        problems.append(Problem(int(row), column_map[last], "", "error", message, "Cells out of line"))
    return problems


def _fill_merged(
    grid: _Grid, body: pd.DataFrame, by_position: dict[int, str], column_map: dict[str, str]
) -> list[Problem]:
    """A cell merged down several rows (a product or an amount for a group of people) shows its value on
    each of them, but the reader gives it to the first row only: the rows below read it too, with a
    warning. Only merges within one column of a field, below the header (a title's merge is no value)."""
    problems: list[Problem] = []
    for first_row, col, last_row, last_col in grid.scan.merged if grid.scan else []:
        header = by_position.get(col)
        if last_col != col or header not in column_map or first_row not in body.index:
            continue
        text = body.at[first_row, header]
        codes = grid.codes.get(col - 1)
        ref = f"{column_letter(col)}{first_row}:{column_letter(col)}{last_row}"
        for row in range(first_row + 1, last_row + 1):
            if row not in body.index or body.at[row, header] or not text:
                continue
            body.at[row, header] = text
            if codes is not None:
                codes[row - 1] = codes[first_row - 1]
            message = (
                f"Row {row}, column '{header}': inside the merged cell {ref} ('{text}'); read as {text}."
            )
            problems.append(
                Problem(row, column_map[header], "", "warning", message, "Merged cell read on each row")
            )
    return problems


def _starting_with(column: pd.Series, prefix: str) -> pd.Series | None:
    """The cells of a text column that start with ``prefix``, None when none does. The usual column has
    none: that is found in one search of its joined text (four times faster than a per-cell test)."""
    values = column.tolist()
    try:
        joined = _JOINER.join(values)
    except TypeError:  # a cell that is not text
        joined = prefix
    if _JOINER + prefix not in joined and not joined.startswith(prefix):  # a joiner in a cell: a false hit
        return None
    starts = column.str.startswith(prefix, na=False)
    return starts if starts.any() else None


_JOINER = "\x1f"
_TEXT_LITERAL = re.compile(r'="((?:[^"]|"")*)"')


def _formula_text_problems(
    body: pd.DataFrame,
    column_map: dict[str, str],
    formulas: dict[tuple[int, int], str],
    headers: dict[int, str],
    not_judged: set[int],
    *,
    text_literals: bool = False,
) -> list[Problem]:
    """Text that starts with '=' in a field bulkship orders from: a formula typed into a CSV, or one written
    back as text (a Fix these sheet), never a name, address or amount to print on a card.

    ``text_literals`` (a CSV): ``="02134"`` is how many systems export a ZIP or an id so that Excel keeps
    its zeros (Excel shows 02134): it is read as the text it shows, with a warning, not refused."""
    reported = {(row, headers.get(col)) for row, col in formulas}
    problems = []
    for header, canonical in column_map.items():
        column = body[header]
        if not (column.dtype == object or pd.api.types.is_string_dtype(column.dtype)):
            continue
        starts = _starting_with(column, "=")
        if starts is None:
            continue
        for row, value in column[starts].items():
            if row in not_judged or (row, header) in reported:
                continue
            literal = _TEXT_LITERAL.fullmatch(str(value)) if text_literals else None
            if literal is not None:
                text = literal.group(1).replace('""', '"')
                body.at[row, header] = text
                message = (
                    f"Row {row}, column '{header}': '{value}' (Excel's way to keep zeros) read as {text}."
                )
                problems.append(
                    Problem(int(row), canonical, str(value), "warning", message, "Text written as a formula")
                )
                continue
            message = (
                f"Row {row}, column '{header}': '{value}' is the text of a formula, not a value; type the "
                "value itself (the name, address or amount the card needs)."
            )
            problems.append(
                Problem(int(row), canonical, str(value), "error", message, "Formula instead of a value")
            )
    return problems


def _read_problems(
    grid: _Grid, headers: dict[int, str], column_map: dict[str, str], index: pd.Index
) -> list[Problem]:
    """Formulas, dates and inexact numbers in mapped columns: the value is not what the user typed."""
    problems: list[Problem] = []
    if not grid.formulas and not grid.typed and not (grid.scan and grid.scan.errors):
        return problems
    rows = set(index)

    def add(row: int, col: int, value: str, message: str, kind: str) -> None:
        header = headers[col]
        problems.append(
            Problem(row, column_map[header], value, "error", f"Row {row}, column '{header}': {message}", kind)
        )

    for (row, col), formula in grid.formulas.items():
        if row in rows and headers.get(col) in column_map:
            value = str(grid.frame.at[row, col - 1])
            add(
                row,
                col,
                value,
                f"holds a formula ({formula}) whose result '{value}' bulkship will not order from; "
                "replace it with its value (Copy, then Paste Special › Values).",
                "Formula instead of a value",
            )
    errors = grid.scan.errors if grid.scan else {}
    for (row, col), text in errors.items():
        if row in rows and headers.get(col) in column_map and (row, col) not in grid.formulas:
            add(
                row,
                col,
                text,
                f"holds the error {text} (what a failed formula shows, here kept as a value) where a value "
                "was expected; type the value itself.",
                "Error value instead of a value",
            )
    for row, col, kind, text in grid.typed:
        if row not in rows or headers.get(col) not in column_map:
            continue
        canonical = column_map[headers[col]]
        if kind == "date":
            add(
                row,
                col,
                text,
                f"holds a date or time ({text}) where text was expected; Excel changed what was typed. "
                "Format the column as Text and type the value again.",
                "Date where text was expected",
            )
        elif kind == "inexact" and canonical in TEXT_COLUMNS:
            add(
                row,
                col,
                text,
                f"holds the number {text}, too long for Excel to keep every digit. "
                "Format the column as Text and type the value again.",
                "Number lost digits in Excel",
            )
        elif kind == MOJIBAKE:
            value = str(grid.frame.at[row, col - 1])
            message = (
                f"Row {row}, column '{headers[col]}': '{value}' looks garbled by a wrong text encoding; "
                f"it was probably '{text}'. If so, fix it in the file (save it as CSV UTF-8) before ordering."
            )
            problems.append(Problem(row, canonical, value, "warning", message, "Text garbled by an encoding"))
        elif kind == "bool" and canonical != "allow_duplicate":
            add(
                row,
                col,
                text,
                f"holds {text} (a true/false value) where text was expected.",
                "True/false value",
            )
    problems.sort(key=lambda p: p.row)
    return problems
