"""The verbs that act on a file: its sheets, its columns as read, a person's corrections, its validation, and
the vendor's catalog it is checked against."""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..ledger.linewords import is_cancelled_hold
from ..settings import Settings
from .common import Corrections, settings_first

if TYPE_CHECKING:
    from ..columns import ColumnsReport
    from ..models import Catalog, LoadedSheet, ValidationResult
    from ..program import ProgramSettings
    from ..repeats import RepeatPreview
    from ..validate.checkedonce import Checking


def catalog(settings: Settings, *, refresh: bool = False) -> Catalog:
    """The vendor's catalog (the embedded sandbox's without an API URL); cached by the client."""
    from ..client import connect

    async def fetch() -> Catalog:
        async with connect(settings) as client:
            return await client.catalog(refresh=refresh)

    return asyncio.run(fetch())


def sheet_names(path: str | Path) -> list[str]:
    """The sheets of a workbook (XLSX/ODS), in workbook order; ``[]`` for CSV text."""
    from ..load import sheet_names as names

    return names(path)


def load_file(
    path: str | Path,
    *,
    sheet: str | None = None,
    program: ProgramSettings | None = None,
    corrections: Corrections | None = None,
    take_in: Mapping[int, str] | None = None,
) -> LoadedSheet:
    """Read a recipient sheet (every cell as text), take in the rows a person chose to order although the
    list leaves them out (``take_in``, :func:`take_rows_in`) and apply ``corrections``. Raises
    FileFormatError for an unusable file and for a sheet without recipient rows."""
    from ..load import load_sheet, require_recipient_rows

    loaded = require_recipient_rows(load_sheet(path, sheet=sheet, program=program))
    if take_in:
        loaded = take_rows_in(loaded, take_in, program)
    return apply_corrections(loaded, corrections or {}, program)


# the rows the list leaves out that are people (hidden, filtered or folded away, crossed out, said not to send
# in a note, a status, a heading, a date): a person may order one after all; a totals row, a heading, a note
# under the list or the header repeated is no recipient, and a row taken off Fix these was the person's own
TAKEN_IN_KINDS = frozenset({"hidden", "filtered", "collapsed", "crossed", "not to send"})


def take_rows_in(
    loaded: LoadedSheet, rows: Mapping[int, str], program: ProgramSettings | None = None
) -> LoadedSheet:
    """The sheet with ``rows`` (spreadsheet row -> who took it in) no longer left out: people the list
    leaves out (:data:`TAKEN_IN_KINDS`) a person chose to order after all, each then judged as any row (an
    empty street is an error, a repeat of a card ordered is held). On the web page a row the list left out
    could not be ordered in its batch: the page said to change the file and upload it again, which made a
    second batch where the people sent in the first came back held and 'to fix' (newcomer15's N11). Its
    ``file_hash`` then names them, as corrections do."""
    from ..load.skipped.notices import _skip_notices
    from ..program import ProgramSettings

    kinds = {s.row: s.kind for s in loaded.skipped}
    taken = sorted(int(r) for r in rows if kinds.get(int(r)) in TAKEN_IN_KINDS)
    if not taken:
        return loaded
    skipped = tuple(s for s in loaded.skipped if s.row not in set(taken))
    said = set(_skip_notices(loaded.skipped, program or ProgramSettings()))
    notices = (
        *(n for n in loaded.notices if n not in said),
        *_skip_notices(skipped, program or ProgramSettings()),
        f"{len(taken)} row(s) the list leaves out are ordered after all, as a person chose: "
        + ", ".join(f"{row} ({rows[row]})" for row in taken[:10])
        + ("..." if len(taken) > 10 else "")
        + ".",
    )
    digest = hashlib.sha256(
        (loaded.file_hash + "\0taken in\0" + json.dumps(taken)).encode("utf-8")
    ).hexdigest()
    upload = loaded.upload_hash or loaded.file_hash
    return replace(loaded, skipped=skipped, notices=notices, file_hash=digest, upload_hash=upload)


SAMPLE_VALUES = 3  # filled-in values shown for each column on the Columns page


def detect_columns(
    path: str | Path, *, sheet: str | None = None, program: ProgramSettings | None = None
) -> ColumnsReport:
    """Which header feeds which field, with a few values of each column: the mapping ``validate`` and ``run``
    would use with ``program`` (its ``[columns]`` over every guess). Two columns that mean one field are
    marked ambiguous here instead of refusing the file, so a person can choose one."""
    from ..load import load_sheet, require_recipient_rows

    loaded = require_recipient_rows(load_sheet(path, sheet=sheet, program=program, strict_columns=False))
    return describe_columns(loaded, program=program)


def describe_columns(loaded: LoadedSheet, *, program: ProgramSettings | None = None) -> ColumnsReport:
    """The :func:`detect_columns` report of a sheet already read (with ``program``)."""
    from ..columns import ColumnsReport, describe_fields
    from ..schema import load_contract

    samples = {}
    head = loaded.frame.iloc[:200]
    for header in loaded.headers:
        values = [v for v in head[header].tolist() if str(v).strip()]
        samples[header] = tuple(dict.fromkeys(str(v) for v in values))[:SAMPLE_VALUES]
    contract = load_contract(program.schema_path if program else None)
    return ColumnsReport(
        header_row=loaded.header_row,
        sheet_name=loaded.sheet_name,
        columns=tuple(loaded.columns),
        samples=samples,
        fields=describe_fields(loaded.column_map, contract, loaded.defaults, loaded.preferred),
        notices=loaded.notices,
        headers=loaded.headers,
    )


def with_columns(program: ProgramSettings | None, columns: Mapping[str, str]) -> ProgramSettings:
    """``program`` with ``columns`` mapped over its own ``[columns]`` (field -> header, or "" for none)."""
    from ..program import ProgramSettings

    base = program or ProgramSettings()
    return replace(base, columns={**base.columns, **columns})


def apply_corrections(
    loaded: LoadedSheet, corrections: Corrections, program: ProgramSettings | None = None
) -> LoadedSheet:
    """The sheet with each corrected cell replaced. Its ``file_hash`` then names the file *and* the
    corrections, so a corrected sheet is never taken for the file as uploaded. A read problem (a formula,
    a date) of a cell the person replaced no longer applies. A corrected row whose cells now say not to
    send it ('Terminated', 'do not send', a name's '(DO NOT SEND)') is left out, as the list's own would be
    (``program``: the list's settings, its day among them)."""
    wanted = {(int(r), str(h)): str(v) for (r, h), v in corrections.items()}
    rows, headers = set(loaded.frame.index.tolist()), set(loaded.headers)
    applied = {key: value for key, value in wanted.items() if key[0] in rows and key[1] in headers}
    if not applied:
        return loaded
    frame = loaded.frame.copy()
    by_header: dict[str, dict[int, str]] = {}
    for (row, header), value in applied.items():
        by_header.setdefault(header, {})[row] = value
    for header, values in by_header.items():  # a column at a time: a column's change in 100k rows (the
        frame.loc[list(values), header] = list(values.values())  # review page's) took 4 s cell by cell
    fixed_cells = {(row, loaded.column_map.get(h, h)) for row, h in applied} | set(applied)
    problems = tuple(p for p in loaded.read_problems if (p.row, p.column) not in fixed_cells)
    from ..load.problems.reread import read_again
    from ..program import ProgramSettings

    settings = program or ProgramSettings()
    # a note (a cell feeding no order field) corrected: what it says of the row read again (newcomer20's N17)
    noted = sorted({row for row, header in applied if header not in loaded.column_map})
    problems = read_again(problems, loaded.frame, frame, loaded.column_map, noted, settings)
    digest = hashlib.sha256(
        (loaded.file_hash + json.dumps(sorted(applied.items()), default=str)).encode("utf-8")
    ).hexdigest()
    from ..load.skipped import said_in_corrections

    before = {s.row for s in loaded.skipped}
    corrected = [(row, header) for row, header in applied if row not in before]
    said = said_in_corrections(frame, loaded.column_map, settings, corrected)
    skipped = tuple(sorted((*loaded.skipped, *said), key=lambda s: s.row))
    upload = loaded.upload_hash or loaded.file_hash
    return replace(
        loaded, frame=frame, file_hash=digest, upload_hash=upload, read_problems=problems, skipped=skipped
    )


def leave_rows_out(loaded: LoadedSheet, rows: Mapping[int, str]) -> LoadedSheet:
    """The sheet with ``rows`` (spreadsheet row -> why, in words) left out as rows the list says not to send
    are: never judged nor ordered, each said with its reason (a held row a person said has its card already,
    the web page's Held rows). Its ``file_hash`` then names them too, as corrections do."""
    from ..load.skipped.kinds import NOT_TO_SEND
    from ..models import SkippedRow

    wanted = {int(r): str(why) for r, why in rows.items() if int(r) in loaded.frame.index}
    if not wanted:
        return loaded
    before = {s.row for s in loaded.skipped}
    extra = [SkippedRow(row, NOT_TO_SEND, why) for row, why in sorted(wanted.items()) if row not in before]
    digest = hashlib.sha256(
        (loaded.file_hash + "\0left out\0" + json.dumps(sorted(wanted.items()))).encode("utf-8")
    ).hexdigest()
    skipped = tuple(sorted((*loaded.skipped, *extra), key=lambda s: s.row))
    upload = loaded.upload_hash or loaded.file_hash
    return replace(loaded, skipped=skipped, file_hash=digest, upload_hash=upload)


def validate_sheet(
    loaded: LoadedSheet,
    cat: Catalog,
    *,
    program: ProgramSettings | None = None,
    ordered: Callable[[], Collection[str]] | None = None,
    checking: Checking | None = None,
) -> ValidationResult:
    """Judge every row of a sheet already read (see :func:`validate_file`); ``ordered``: the fingerprints
    its batch holds as ordered, asked for when two rows are one person (the ordered row stays it);
    ``checking``: the check kept by what it reads (:mod:`bulkship.validate.checkedonce`)."""
    from ..validate import validate

    return validate(loaded, cat, program=program, ordered=ordered, checking=checking)


def validate_file(
    settings: Settings,
    path: str | Path,
    *,
    sheet: str | None = None,
    program: ProgramSettings | None = None,
    corrections: Corrections | None = None,
    catalog_: Catalog | None = None,
) -> ValidationResult:
    """``bulkship validate`` without the workbook: every row judged against the catalog, every problem."""
    settings, path = settings_first(settings, path, "validate_file")
    loaded = load_file(path, sheet=sheet, program=program, corrections=corrections)
    return validate_sheet(loaded, catalog_ or catalog(settings), program=program)


def preview_repeats(
    result: ValidationResult,
    settings: Settings,
    name: str,
    program: ProgramSettings | None,
    *,
    file_name: str,
    named: bool,
) -> RepeatPreview | None:
    """What `run` would refuse or hold as repeats of earlier batches (bulkship.repeats.preview) for batch
    ``name`` (``named``: not the file's default name), read from the ledger without changing it; None when
    there is no ledger yet. What ``bulkship validate`` and the web page's Review say before the cost."""
    from ..batchapi import api_identity
    from ..ledger import Ledger, ledger_exists
    from ..repeats import DEFAULT_WINDOW_DAYS, RepeatPolicy, preview
    from ..repeats.samefile import warned_rows
    from ..validate.lookalikes import references_people

    if (settings.ledger_url is None and not settings.ledger.is_file()) or not ledger_exists(
        settings.ledger_location
    ):
        return _second_cards_only(result)
    window = getattr(program, "repeat_window_days", None)
    policy = RepeatPolicy(
        window_days=DEFAULT_WINDOW_DAYS if window is None else window,
        own_name=named,
        references_people=references_people(result.sheet.column_map),
    )
    with Ledger.open(settings.ledger_location, lock=False, read_only=True) as ledger:
        return preview(
            ledger,
            name,
            result.rows,
            file_name=file_name,
            file_hash=result.sheet.file_hash,
            upload_hash=result.sheet.upload_hash,
            policy=policy,
            api=api_identity(settings),
            default_names=() if named else (Path(file_name).stem,),
            sheet=result.sheet,
            warned=warned_rows(result.problems),
        )


def _second_cards_only(result: ValidationResult) -> RepeatPreview | None:
    """With no ledger yet, what `run` holds all the same: a second card to the person of another row of the
    list (bulkship.repeats.samefile); None when none."""
    from ..repeats import RepeatPreview, rows_held
    from ..repeats.samefile import second_cards_in_file, warned_rows

    held = second_cards_in_file(result.rows, (), warned_rows(result.problems))
    return RepeatPreview(rows=rows_held(result.rows, held)) if held else None


def with_repeat_warnings(
    result: ValidationResult, found: RepeatPreview | None, words: Callable[[str], str] | None = None
) -> ValidationResult:
    """The rows `run` would hold, as warnings on their rows (they stay valid: the hold is run's to make);
    ``words``: a hold's note as the warning says it (default: as ``bulkship validate`` does)."""
    from ..repeats import preview_note
    from ..repeats.samefile import IN_THIS_LIST

    if found is None or not found.rows:
        return result
    said = words or preview_note
    notes = {row: said(note) for row, note in found.rows.items()}
    mine = {row for row, note in found.rows.items() if IN_THIS_LIST in note}  # another row's person's card
    ended = {row for row, note in found.rows.items() if is_cancelled_hold(note)}  # its card cancelled
    result = with_row_warnings(
        result, {r: n for r, n in notes.items() if r not in mine | ended}, "Repeat of an earlier batch"
    )
    result = with_row_warnings(result, {r: n for r, n in notes.items() if r in ended}, "Cancelled at vendor")
    return with_row_warnings(result, {r: n for r, n in notes.items() if r in mine}, "Second card held")


def with_row_warnings(result: ValidationResult, notes: Mapping[int, str], kind: str) -> ValidationResult:
    """``result`` with a warning of ``kind`` on each row of ``notes`` (row -> what it says), in row order
    among its problems; the rows stay valid."""
    import dataclasses

    from ..models import Problem

    names = result.rows["name"] if "name" in result.rows.columns else None
    warnings = [
        Problem(
            row,
            "name",
            str(names.get(row, "")) if names is not None else "",
            "warning",
            f"Row {row}: {note}",
            kind,
        )
        for row, note in sorted(notes.items())
    ]
    problems = sorted((*result.problems, *warnings), key=lambda p: p.row)
    return dataclasses.replace(result, problems=tuple(problems))


def problem_header(loaded: LoadedSheet, column: str) -> str:
    """The person's own header for a problem's column (a canonical name when the sheet has no such header:
    a derived column, or one filled from the program's defaults)."""
    for header, canonical in loaded.column_map.items():
        if canonical == column:
            return header
    return column


# The vendor's field names (as its 400 answers name them) -> the sheet's fields they are built from.
VENDOR_FIELDS = {
    "name": "name", "addressline1": "address1", "addressline2": "address2", "city": "city", "state": "state",
    "zip": "zip", "country": "country", "productid": "product", "value": "value", "quantity": "quantity",
    "shippingmethodid": "shipping_method", "carrierid": "carrier_id",
}  # fmt: skip
_VENDOR_PATH = re.compile(r"(?:^|[.\]])([A-Za-z0-9]+)\s*:")


def refused_column(error: str) -> str | None:
    """The field a vendor's refusal names ("LineItems[0].PhysicalDeliveryAddress.Zip: ..." -> "zip"), or None
    when it names none bulkship builds from the sheet."""
    for match in _VENDOR_PATH.finditer(error or ""):
        found = VENDOR_FIELDS.get(match.group(1).lower())
        if found:
            return found
    return None
