"""Reading an XLSX, XLSM, ODS or XLS workbook into a :class:`~.cells._Grid`, safely: before any reader
expands it, the archive's size and parts are capped and every XML part's prolog is parsed with defusedxml
(DTDs and entities refused, so an entity-expansion bomb fails in milliseconds); every sheet is measured and
its hidden rows, filters, merges and formulas read (bulkship.sheetscan); then the sheet holding the
recipients is chosen (a visible list wins over a hidden one) and calamine reads it.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any
from zlib import error as zlib_error

import pandas as pd

from ..columns import HeaderIndex, header_score
from ..errors import FileFormatError, SheetChoiceError
from ..program import ProgramSettings
from ..schema import load_contract
from ..sheetscan import Limits, SheetScan, check_shared_strings, scan_ods, scan_xlsx, shared_strings
from ..sheetscan.limits import _cell_too_big
from ..zipparts import read_member
from .cells import _Grid, _grid_from_rows
from .conditional import strike_by_rules
from .header import HEADER_SCAN_ROWS, MIN_HEADER_MATCHES

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
            check_shared_strings(path, archive, limits)
            strings = shared_strings(archive)  # one read for every sheet
            scans = {
                name: scan_xlsx(path, archive, part, name, limits, strings=strings)
                for name, part in _xlsx_sheet_parts(archive).items()
                if part in names
            }
            if _asks_recalculation(archive):  # the results saved are the writer's placeholders, if any
                for scan in scans.values():
                    scan.unvalued.update(scan.formulas)
            return scans
    except FileFormatError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, zlib_error) as exc:
        raise FileFormatError(f"{path.name} is damaged and cannot be read: {exc}") from None
    except Exception as exc:  # expat's ParseError, defusedxml's refusals
        raise FileFormatError(f"{path.name} is damaged: a sheet is not readable XML ({exc})") from None


_FULL_CALC_ON_LOAD = re.compile(rb"<(?:\w+:)?calcPr\b[^>]*\bfullCalcOnLoad=\"(?:1|true)\"")


def _asks_recalculation(archive: zipfile.ZipFile) -> bool:
    """Whether the workbook asks to have every formula calculated when opened (fullCalcOnLoad): what openpyxl,
    XlsxWriter and other programs write, saving formulas with no result or a 0 in its place; Excel and
    LibreOffice calculate and save the results."""
    part = read_member(archive, "xl/workbook.xml", PROLOG_SCAN_BYTES * 16)
    return bool(part and _FULL_CALC_ON_LOAD.search(part))


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
    hidden = {m.name for m in worksheets if not str(m.visible).endswith(".Visible")}
    if len(names) == 1 and names[0] not in hidden:
        return names[0], []
    index = HeaderIndex(load_contract(program.schema_path).alias_index(program.aliases))
    scores: dict[str, int] = {}
    recipients: set[str] = set()  # sheets whose header names a recipient and an address, with a row below
    for name in names:
        head = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=HEADER_SCAN_ROWS + 1)
        row_scores = [header_score(row, index) for row in head[:HEADER_SCAN_ROWS]]
        scores[name] = max(row_scores, default=0)
        if scores[name]:
            at = row_scores.index(scores[name])
            if _names_recipients(head[at], index) and any(_filled(row) for row in head[at + 1 :]):
                recipients.add(name)
    visible = {n: s for n, s in scores.items() if n not in hidden}
    for pool in (visible, scores):  # a visible list wins; a hidden one is refused below, never read unasked
        best = max(pool.values(), default=0)
        winners = [n for n, s in pool.items() if s == best]
        if best >= MIN_HEADER_MATCHES and len(winners) == 1:
            break
    else:
        raise SheetChoiceError(
            f"{path.name} has several sheets and bulkship cannot tell which holds the recipients: "
            + ", ".join(f"'{n}'" + (" (hidden)" if n in hidden else "") for n in names),
            hint="choose one with --sheet NAME",
        )
    chosen = winners[0]
    if chosen in hidden:  # what the person sees is what is ordered (found by newcomer7)
        raise SheetChoiceError(
            f"{path.name} holds its list on the hidden sheet '{chosen}' only; bulkship orders only what you "
            "see in the workbook",
            hint=f"unhide the sheet, or read it on purpose with --sheet '{chosen}'",
        )
    lists = [n for n in names if n not in hidden and n in recipients]  # not a summary or a price list
    if chosen not in hidden and len(lists) > 1:  # one run reads one sheet: never leave a visible list unsaid
        raise SheetChoiceError(
            f"{path.name} has {len(lists)} sheets of recipients: "
            + ", ".join(f"'{n}'" for n in lists)
            + "; bulkship reads one sheet per batch and would leave the others' rows out",
            hint="put every recipient on one sheet, or choose one with --sheet NAME (and send the others as "
            "batches of their own)",
        )
    _refuse_a_sheet_of_people_not_to_send(workbook, names, hidden, chosen, path)
    _refuse_rows_on_another_sheet(workbook, names, hidden, chosen, path, index)
    notices = [
        f"Sheet '{name}' is hidden and was not read (it looks like a list too); pass --sheet '{name}' to "
        "read it instead."
        for name in names
        if name in hidden and name != chosen and scores[name] >= max(scores[chosen], MIN_HEADER_MATCHES)
    ]  # a hidden list as good as the one read (not the template's hidden drop-down lists)
    return chosen, notices


# A sheet's name for people not to send; not one a workbook may use for something else ("Backup", "Pending",
# "Next year", "Hold" of a copy, a draft, a plan); 'Exclusions', a marketing 'Suppression List', 'Leavers' too
# (found by hunter-sheets5: Bob on 'Exclusions' was ordered, nothing said)
_NOT_TO_SEND_SHEET = re.compile(
    r"(?i)\b(?:removed?|do\s*n[o']?t\s+(?:send|mail|order|contact)|don'?t\s+(?:send|mail|order|contact)|dns|"
    r"dnc|already\s+(?:sent|received|ordered|mailed)|declined|exclu(?:ded?|des|sions?)|ineligible|leavers|"
    r"suppress(?:ed|ions?)?|unsubscribed?|skip(?:ped)?|returned\s+mail|no\s+gifts?|"
    r"not\s+(?:sending|eligible|approved|to\s+(?:be\s+)?"
    r"sen[dt])|cancell?ed|left\s+(?:the\s+)?company|terminated|terminations|resigned|deceased|"
    r"opt(?:ed)?[\s-]*outs?|alternates?|wait\s*-?\s*list(?:ed)?)\b"
)

# ... or for changes to the list: 'Changes' saying Bob's amount is 50 now and Cy is to be removed, the list
# read alone sent Bob 25 and Cy a card (found by hunter-sheets6)
_CHANGES_SHEET = re.compile(
    r"(?i)\b(?:changes?|change\s*log|updates?|corrections?|edits?|revisions?|amendments?|adjustments?|"
    r"modifications?)\b"
)


def _refuse_a_sheet_of_people_not_to_send(
    workbook: Any, names: list[str], hidden: set[str], chosen: str, path: Path
) -> None:
    """A visible sheet beside the list named for people not to send ('Do Not Send', 'Removed', 'Opted out')
    that holds anything: bulkship reads one sheet, and would order everyone on the list, those people too
    (found by hunter-sheets: Bob on 'Do Not Send' was ordered, nothing said). Read the list on purpose with
    --sheet once they are off it."""
    from .skipped.headings import _SEND_HEADING

    for name in names:
        changes = not _NOT_TO_SEND_SHEET.search(name) and _CHANGES_SHEET.search(name)
        if name == chosen or name in hidden or not (changes or _NOT_TO_SEND_SHEET.search(name)):
            continue
        if _SEND_HEADING.search(name):
            continue
        cells = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=HEADER_SCAN_ROWS + 1)
        if any(_filled(row) for row in cells) and changes:
            raise SheetChoiceError(
                f"{path.name} holds a sheet '{name}' beside the list '{chosen}': bulkship reads one sheet, "
                f"and would order everyone on '{chosen}' as written there, without the changes on '{name}'",
                hint=f"make the changes on '{chosen}' itself, then run with --sheet '{chosen}'",
            )
        if any(_filled(row) for row in cells):
            raise SheetChoiceError(
                f"{path.name} holds a sheet '{name}' beside the list '{chosen}': bulkship reads one sheet, "
                f"and would order everyone on '{chosen}', the people on '{name}' too",
                hint=f"take the people on '{name}' off '{chosen}', then run with --sheet '{chosen}'",
            )


_ZIP_CELL = re.compile(r"\d{3,5}(?:\.0)?(?:-\d{4})?")


def _refuse_rows_on_another_sheet(
    workbook: Any, names: list[str], hidden: set[str], chosen: str, path: Path, index: HeaderIndex
) -> None:
    """A visible sheet beside the list holding rows laid out as the list's, with no header of their own (the
    list continued on 'Sheet2', late additions pasted there): a US state and a ZIP where the list has them.
    bulkship reads one sheet, and those people were left out without a word (found by hunter-sheets)."""
    from ..validate.usps import STATE_NAMES

    head = workbook.get_sheet_by_name(chosen).to_python(skip_empty_area=False, nrows=HEADER_SCAN_ROWS)
    scores = [header_score(row, index) for row in head]
    if not scores or max(scores) < MIN_HEADER_MATCHES:
        return
    where: dict[str, int] = {}
    for position, cell in enumerate(head[scores.index(max(scores))]):
        text = str(cell).strip()
        meaning = index.meaning(text) if text and len(text) <= 80 else None
        if meaning and meaning.field in ("state", "zip"):
            where.setdefault(meaning.field, position)
    if len(where) < 2:
        return
    for name in names:
        if name == chosen or name in hidden:
            continue
        cells = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=HEADER_SCAN_ROWS + 1)
        people = [
            number
            for number, row in enumerate(cells, start=1)
            if len(row) > max(where.values())
            and str(row[where["state"]]).strip().upper() in STATE_NAMES
            and _ZIP_CELL.fullmatch(str(row[where["zip"]]).strip())
        ]
        if people and all(header_score(row, index) < MIN_HEADER_MATCHES for row in cells[: people[0]]):
            raise SheetChoiceError(
                f"{path.name} holds rows laid out as the list's on sheet '{name}' (row {people[0]} and "
                f"{len(people) - 1} more), under no header, beside the list '{chosen}': bulkship reads one "
                f"sheet, and would leave them out",
                hint=f"move them under the list on '{chosen}'; if they are no recipients, run with --sheet "
                f"'{chosen}'",
            )


def _names_recipients(cells: Any, index: HeaderIndex) -> bool:
    """Whether a header row names a recipient (a name) and where to send (an address or a ZIP): what a list
    of people needs, which a summary ('Product | Amount | Count') or a price list does not have."""
    fields = set()
    for cell in cells:
        text = str(cell).strip()
        meaning = index.meaning(text) if text and len(text) <= 80 else None
        if meaning:
            fields.add(meaning.field)
    return bool(fields & {"name", "first_name", "last_name"}) and bool(fields & {"address1", "zip"})


def _filled(cells: Any) -> bool:
    return any(str(cell).strip() for cell in cells if cell is not None)


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
