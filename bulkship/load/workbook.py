"""Reading an XLSX, XLSM, ODS or XLS workbook into a :class:`~.cells._Grid`, safely: before any reader
expands it, the archive's size and parts are capped and every XML part's prolog is parsed with defusedxml
(DTDs and entities refused, so an entity-expansion bomb fails in milliseconds); every sheet is measured and
its hidden rows, filters, merges and formulas read (bulkship.sheetscan); then the sheet holding the
recipients is chosen (:mod:`.sheetchoice`) and calamine reads it.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from zlib import error as zlib_error

import pandas as pd

from ..errors import FileFormatError
from ..program import ProgramSettings
from ..sheetscan import Limits, SheetScan, check_shared_strings, scan_ods, scan_xlsx, shared_strings
from ..sheetscan.limits import _cell_too_big, bound_merges
from ..sheetscan.textsize import MAX_UNHELD_STRINGS, check_shared_count, check_strings_used, shared_lengths
from ..zipparts import read_member
from .cells import _Grid, _grid_from_rows
from .conditional import strike_by_rules
from .htmltable import read_html_table
from .sheetchoice import _pick_sheet

PROLOG_SCAN_BYTES = 1024 * 1024  # an XML part's root element must start within this


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


def within_limits(path: Path, limits: Limits | None = None) -> bool:
    """Whether the workbook at ``path`` passes what is checked before any reader expands it (the archive,
    its XML, every sheet measured): one that does not is read only by :func:`_read_workbook`, saying why."""
    limits = limits or Limits()
    try:
        _check_archive(path, limits)
        _scan_workbook(path, "ods" if path.suffix.lower() == ".ods" else "xlsx", limits)
    except FileFormatError:
        return False
    return True


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
                return _merges_bounded(scan_ods(path, archive, limits), path)
            names = set(archive.namelist())
            parts = {name: part for name, part in _xlsx_sheet_parts(archive).items() if part in names}
            # no sheet may hold more than [limits] cells: more texts than all of them could use are none
            # (counted first, as they stream: the reads below hold the part whole)
            lengths = shared_lengths(archive, path, max(len(parts), 1) * limits.cells + MAX_UNHELD_STRINGS)
            check_shared_count(path, archive, lengths)
            check_shared_strings(path, archive, limits)
            strings = shared_strings(archive)  # one read for every sheet
            scans = {
                name: scan_xlsx(path, archive, part, name, limits, strings=strings, lengths=lengths)
                for name, part in parts.items()
            }
            check_strings_used(path, lengths, sum(scan.cells for scan in scans.values()))
            if _asks_recalculation(archive):  # the results saved are the writer's placeholders, if any
                for scan in scans.values():
                    scan.unvalued.update(scan.formulas)
            return _merges_bounded(scans, path)
    except FileFormatError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, zlib_error) as exc:
        raise FileFormatError(f"{path.name} is damaged and cannot be read: {exc}") from None
    except Exception as exc:  # expat's ParseError, defusedxml's refusals
        raise FileFormatError(f"{path.name} is damaged: a sheet is not readable XML ({exc})") from None


def _merges_bounded(scans: dict[str, SheetScan], path: Path) -> dict[str, SheetScan]:
    for name, scan in scans.items():
        bound_merges(scan, path, name)
    return scans


_FULL_CALC_ON_LOAD = re.compile(rb"<(?:\w+:)?calcPr\b[^>]*\bfullCalcOnLoad=\"(?:1|true)\"")


def _asks_recalculation(archive: zipfile.ZipFile) -> bool:
    """Whether the workbook asks to have every formula calculated when opened (fullCalcOnLoad): what openpyxl,
    XlsxWriter and other programs write, saving formulas with no result or a 0 in its place; Excel and
    LibreOffice calculate and save the results."""
    part = read_member(archive, "xl/workbook.xml", PROLOG_SCAN_BYTES * 16)
    return bool(part and _FULL_CALC_ON_LOAD.search(part))


def _read_workbook(path: Path, kind: str, requested: str | None, program: ProgramSettings) -> _Grid:
    from python_calamine import CalamineError, CalamineWorkbook

    limits = program.limits
    if kind == "html":  # an .xls that is a web page's table
        _refuse_sheet_of_page(path, requested)
        return read_html_table(path, limits)
    if kind in ("xlsx", "ods"):
        _check_archive(path, limits)
        scans = _scan_workbook(path, kind, limits)  # before calamine builds anything
    else:
        scans = {}
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        unchecked = [name for name in workbook.sheet_names if name not in scans]
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
    _refuse_giant_cells(frame, path, sheet_name, limits)
    if scan and scan.errors:
        _show_errors(frame, scan.errors)
    grid = _Grid(
        frame=frame,
        sheet_name=sheet_name,
        typed=typed,
        codes=codes,
        formulas=scan.formulas if scan else {},
        scan=scan,
        notices=sheet_notices,
    )
    strike_by_rules(grid, f"sheet '{sheet_name}' of {path.name}")  # conditional formats crossing cells out
    return grid


def _refuse_sheet_of_page(path: Path, requested: str | None) -> None:
    """A sheet asked of a web page saved as .xls other than its one, named as Excel opens it after the file
    (31 characters at most): ``--sheet Hourly`` was ignored, every table of the page read and ordered
    (hunter-sheets33's leftover, mended by newcomer24)."""
    own = path.stem[:31]
    if requested and requested != own:
        raise FileFormatError(
            f"{path.name} is a web page (HTML) saved under a spreadsheet's name: its one sheet, as Excel "
            f"opens it, is '{own}', not '{requested}'",
            hint="run it without --sheet (every table of the page is read, one under another, as Excel shows "
            "them), or open it in Excel, save it as Excel Workbook (.xlsx) and pick its sheet",
        )


def _refuse_giant_cells(frame: pd.DataFrame, path: Path, sheet: str, limits: Limits) -> None:
    """Refuse a sheet one of whose cells, as read, holds more text than [limits] cell_kb. The scans measure
    the text between two '<' of the XML, and 100 MB written as rich-text runs of 100 KB, or split by XML
    comments, was read whole: 50-60 s of bulkship's work over it, at 640 MB, for a 110 KB file (found by
    review28). A count of characters: each is at least a byte (14 columns of 100k rows: 0.08 s)."""
    for column in frame.columns:
        texts = frame[column].tolist()
        if frame[column].hasnans:
            texts = [text for text in texts if isinstance(text, str)]
        if max(map(len, texts), default=0) > limits.cell_bytes:
            raise _cell_too_big(path, sheet, limits)


def _show_errors(frame: pd.DataFrame, errors: dict[tuple[int, int], str]) -> None:
    """A cell holding an error value reads as the error the person sees (#N/A), not as an empty cell."""
    for (row, col), text in errors.items():
        if row in frame.index and col - 1 < frame.shape[1] and not frame.at[row, col - 1]:
            frame.at[row, col - 1] = text
