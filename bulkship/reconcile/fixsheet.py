"""A bulkship result workbook given back to ``bulkship run``: its *Fix these* sheet, corrected by the user.

The README's follow-up::

    bulkship run output/ANNIV-results.xlsx --batch ANNIV      # after correcting rows on 'Fix these'

The workbook is recognised by its sheets (Results, Fix these, the hidden key sheet); without ``--sheet`` its
*Fix these* sheet is used. The run then sees the batch's whole file again, as it was, with the corrected
rows in place: every row of the Results sheet keeps its original row number and cells, a row on *Fix these*
(matched by its *Original row*) replaces its old version, and the two columns bulkship added to *Fix these*
(the problem and the original row) are dropped. So the rewritten workbook shows every row of every earlier
file once, errors that were fixed are gone, ordered rows are untouched (same content: never ordered again),
and no header appears twice. Rows the Results sheet holds only because an earlier file had them and they were
paid for are left to the run, which adds them again after the file's rows.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..celltypes import code_of, text_of
from ..columns import NAME_FIELDS
from ..models import FixTheseRows, SkippedRow
from ..statuses import FIX_STATUSES
from ..zipparts import workbook_sheet_names
from .heldcome import day_come, said_now
from .layout import FIX_EXTRA_FIELDS, headers_of
from .layout import ORIGINAL_ROW as ORIGINAL_ROW_COLUMN
from .layout import PROBLEMS as PROBLEMS_COLUMN
from .sheets import (
    FIX_SHEET,
    KEYS_SHEET,
    ORDERS_SHEET,
    RESULTS_SHEET,
    SUMMARY_SHEET,
    is_result_workbook,
    is_sheet_of,
    read_result_workbook,
)
from .sheets.read import whole_number

if TYPE_CHECKING:
    from ..models import LoadedSheet, Problem
    from ..program import ProgramSettings

ORIGINAL_ROW = ORIGINAL_ROW_COLUMN.header
PROBLEMS = PROBLEMS_COLUMN.header
REMOVED_NOTE = "taken off the Fix these sheet: not sent (put it back on Fix these to send it)"
_EARLIER_PREFIXES = (
    "ordered earlier; no longer in the file",
    "sent earlier, the vendor's answer was lost",
    "sent earlier, waiting for review; no longer in the file",
    "missing from this Results sheet",  # put back by a rewrite: the run adds it again, as it was sent
)


def workbook_sheets(path: Path) -> list[str]:
    """The sheet names of an XLSX or ODS (any sheet state), or [] when ``path`` is not one."""
    return workbook_sheet_names(path)


def is_result_workbook_file(path: Path) -> bool:
    """A bulkship result workbook, as written (XLSX) or saved again by Excel or LibreOffice (XLSX, ODS).

    Only one within the loader's limits: such a workbook is read (its Summary, its Results) before any list
    is loaded, and a 420 KB one whose sheets point at one long text took the web server down on its upload
    (calamine aborting the process) and `bulkship run` with it (found by hunter-hostile5). One past them is
    read as any list is, whose loading says why it is refused."""
    from ..load.workbook import within_limits

    suffix = Path(path).suffix.lower()
    return (
        suffix in (".xlsx", ".xlsm", ".ods")
        and is_result_workbook(workbook_sheets(path))
        and within_limits(Path(path))
    )


def load_fix_sheet(
    path: Path,
    *,
    sheet: str | None = None,
    program: ProgramSettings | None = None,
    file_hash: str | None = None,
) -> LoadedSheet | None:
    """The batch's rows with the *Fix these* corrections in place, when ``path`` is a bulkship result
    workbook and no other sheet was asked for; None otherwise (load the file as usual)."""
    from ..load import load_sheet

    path = Path(path)
    if sheet not in (None, FIX_SHEET) or not is_result_workbook_file(path):
        return None
    if sheet is None:
        _refuse_a_list_of_the_persons(path, program)
    fixes = load_sheet(path, sheet=FIX_SHEET, program=program, file_hash=file_hash)
    return merged_with_results(fixes, path, program)


_OURS = (RESULTS_SHEET, FIX_SHEET, ORDERS_SHEET, SUMMARY_SHEET, KEYS_SHEET)


def sheets_of_the_person(path: Path) -> list[str]:
    """The sheets of a result workbook that bulkship did not write (a person added them)."""
    return [name for name in workbook_sheets(path) if not any(is_sheet_of(name, ours) for ours in _OURS)]


def _refuse_a_list_of_the_persons(path: Path, program: ProgramSettings | None) -> None:
    """A sheet of recipients the person added to the result workbook ("January") would not be read: the run
    reads the workbook's own sheets (found by newcomer7: two new people left out, exit 0). Refused, saying
    how to run it."""
    import shlex

    from ..errors import BulkshipError, SheetChoiceError
    from ..load import load_sheet

    for name in sheets_of_the_person(path):
        try:
            loaded = load_sheet(path, sheet=name, program=program)
        except BulkshipError:
            continue  # not a list of recipients (notes, a pivot table)
        fields = set(loaded.column_map.values())  # a name and a street: a "Contacts" sheet of names is none
        if len(loaded.frame) and NAME_FIELDS & fields and "address1" in fields:
            raise SheetChoiceError(
                f"{path.name} is a bulkship result workbook with a sheet of its own, '{name}', holding "
                f"{len(loaded.frame)} row(s) of recipients: running the workbook reads only bulkship's "
                "sheets and would leave them out",
                hint=f"run that sheet as a batch of its own: bulkship run {shlex.quote(str(path))} --sheet "
                f"{shlex.quote(name)} --batch NEW-NAME, or move its rows onto the '{FIX_SHEET}' sheet",
            )


def merged_with_results(
    fixes: LoadedSheet, path: Path, program: ProgramSettings | None = None
) -> LoadedSheet:
    """``fixes`` (the loaded *Fix these* sheet, read with ``program``) made into the whole file: see the
    module docstring."""
    import pandas as pd

    ours = headers_of(fixes.headers, FIX_EXTRA_FIELDS)  # "Original row", or "Original row (bulkship)"...
    extras = set(ours.values())
    headers = tuple(h for h in fixes.headers if h not in extras)
    frame = fixes.frame
    original = _original_rows(frame, ours.get(ORIGINAL_ROW_COLUMN, ORIGINAL_ROW))
    fixed = frame[[h for h in headers if h in frame.columns]].copy()
    existing = read_result_workbook(path)
    next_row = max([*original.values(), *(r for r, _ in existing.rows)], default=fixes.header_row) + 1
    new_index: list[int] = []
    for sheet_row in fixed.index.tolist():
        row = original.get(int(sheet_row))
        # a row the user added on Fix these, or copied there (its Original row taken by the row above it):
        # after every row the batch has seen, as a row of its own
        if row is None or row in new_index:
            row, next_row = next_row, next_row + 1
        new_index.append(row)
    fixed.index = pd.Index(new_index)
    position = {h: i for i, h in enumerate(existing.headers)}
    kept = {
        row: [cells[position[h]] if h in position and position[h] < len(cells) else "" for h in headers]
        for row, cells in existing.rows
        if row not in set(new_index) and not _only_in_an_earlier_file(existing.outcomes[row].problems)
    }
    texts = {row: [text_of(v) for v in cells] for row, cells in kept.items()}
    earlier = pd.DataFrame.from_dict(texts, orient="index", columns=list(headers), dtype=object)
    combined = pd.concat([earlier, fixed]).sort_index() if kept else fixed.sort_index()
    combined = combined.fillna("")
    combined.index.name = frame.index.name
    cell_types = _merged_types(kept, headers, fixes.cell_types, frame.index, new_index, combined.index)
    mapping = {sheet_row: row for sheet_row, row in zip(frame.index.tolist(), new_index, strict=True)}
    problems = tuple(
        _moved(p, mapping.get(p.row, p.row)) for p in fixes.read_problems if p.column not in extras
    )
    column_map = {h: c for h, c in fixes.column_map.items() if h not in extras}
    # the rows the sheet itself leaves out ('do not send' written in a correction), by their row in the file:
    # by their row on Fix these, the row above in the file was left out and this one ordered (newcomer3)
    left_out_here = tuple(replace(s, row=mapping.get(s.row, s.row)) for s in fixes.skipped)
    from ..program import ProgramSettings

    settings = program or ProgramSettings()
    held = [row for row in kept if existing.outcomes[row].status == "skipped"]
    come = [row for row in held if day_come(existing.outcomes[row].problems, settings.today())]
    skipped = [_still_skipped(row, existing.outcomes[row].problems) for row in held if row not in come]
    # (its day come: sent as the list run today sends it, unless its words now say no: review57)
    skipped += said_now(come, combined, column_map, settings)
    # a row that was on Fix these and is no longer: the person took it off, so it is not sent, whatever a
    # flag allows (--allow-repeat sent every held row of the batch, the removed ones too: found by a newcomer)
    skipped += [
        SkippedRow(row, "removed", REMOVED_NOTE)
        for row in kept
        if existing.outcomes[row].status in FIX_STATUSES
    ]
    return replace(
        fixes,
        fix_these=_what_was_done(existing, original, fixed, headers, removed=[*kept]),
        headers=headers,
        frame=combined,
        column_map=column_map,
        read_problems=problems,
        cell_types=cell_types,
        # the notes on the sheet's cells, on the rows they were written on (as the frame, by original row)
        cell_notes=None if fixes.cell_notes is None else fixes.cell_notes.set_axis(new_index),
        skipped=tuple(sorted((*skipped, *left_out_here), key=lambda s: s.row)),
        notices=_renumbered(fixes, left_out_here, program, mapping),
    )


def _what_was_done(
    existing: Any, original: dict[int, int], fixed: Any, headers: tuple[str, ...], removed: list[int]
) -> FixTheseRows:
    """What the person did on the sheet, by each row's key in the ledger (the workbook's key sheet): the
    cells changed on each row still there (``fixed``: the sheet's rows, by their row in the file;
    ``original``: sheet row -> that row), and which rows to fix they took off (of ``removed``, the rows of
    the file no longer on the sheet), so that the batch's decisions hold for its file run again
    (:mod:`bulkship.fixdecisions`)."""
    written = dict(existing.rows)
    position = {h: i for i, h in enumerate(existing.headers)}
    corrected: dict[str, dict[str, str]] = {}
    rows: dict[str, int] = {}
    for row in original.values():
        key, was = existing.fingerprints.get(row), written.get(row)
        if not key or was is None or row not in fixed.index or key in corrected:
            continue
        cells: dict[str, str] = {}
        for header in headers:
            at = position.get(header)
            before = text_of(was[at]) if at is not None and at < len(was) else ""
            now = fixed.at[row, header]
            now = now if isinstance(now, str) else text_of(now)
            if now.strip() != before.strip():
                cells[header] = now
        corrected[key], rows[key] = cells, row
    taken_off = frozenset(
        existing.fingerprints[row]
        for row in removed
        if existing.outcomes[row].status in FIX_STATUSES and row in existing.fingerprints
    )
    return FixTheseRows(corrected=corrected, rows=rows, removed=taken_off - set(corrected))


def _renumbered(
    fixes: LoadedSheet,
    left_out: tuple[SkippedRow, ...],
    program: ProgramSettings | None,
    mapping: dict[int, int],
) -> tuple[str, ...]:
    """The sheet's notices, those naming the rows it leaves out, or rows ordering several cards ('row 2
    (Bob Ray): 3 cards', his row 3 in the file: hunter-money24), naming them by their row in the file (as
    every problem of a Fix these row is), not by their row on the sheet."""
    from ..load.skipped.notices import _skip_notices
    from ..program import ProgramSettings

    settings = program or ProgramSettings()
    by_sheet_row = dict(
        zip(_skip_notices(fixes.skipped, settings), _skip_notices(left_out, settings), strict=False)
    )
    said = [by_sheet_row.get(notice, notice) for notice in fixes.notices]
    return tuple(
        _MANY_ROWS.sub(lambda m: f"row {mapping.get(int(m[1]), m[1])} (", n) if _MANY.search(n) else n
        for n in said
    )


_MANY = re.compile(r"^\d+ row\(s\) order more than one card")  # (..load.problems.each.many_cards_notice)
_MANY_ROWS = re.compile(r"\brow (\d+) \(")


def _still_skipped(row: int, problems: str) -> SkippedRow:
    """A row the first file's reading skipped (a totals row, a note, a hidden row), skipped again: its words
    are on the Results sheet; it was never a recipient to fix (it came back invalid: found by a newcomer)."""
    reason = problems.split("; ")[0] or "not a recipient row"
    prefixes = {
        "totals": "totals", "note": "note", "a heading over": "note", "crossed": "crossed",
        "the list says": "not to send", "under the heading": "not to send", "bulkship's own": "not to send",
    }  # fmt: skip
    kind = next((k for p, k in prefixes.items() if reason.startswith(p)), "hidden")
    from ..heldrows import held_day, without_day

    # its day apart, as the list's own reading keeps it (`validate --cost` named none: hunter-money24)
    day = held_day(reason)
    return (
        SkippedRow(row, kind, without_day(reason), day.isoformat()) if day else SkippedRow(row, kind, reason)
    )


def _moved(problem: Problem, row: int) -> Problem:
    """A problem of a Fix these row, told of the row it had in the batch's file (its words name it too)."""
    message = problem.message.replace(f"Row {problem.row}, ", f"Row {row}, ", 1)
    return replace(problem, row=row, message=message)


def _merged_types(
    kept: dict[int, list[Any]],
    headers: tuple[str, ...],
    fixed_types: Any,
    sheet_rows: Any,
    new_index: list[int],
    index: Any,
) -> Any:
    """The cell types (bulkship.celltypes codes) of the merged rows: the Results sheet's cells as written,
    the Fix-these sheet's as loaded."""
    import numpy as np
    import pandas as pd

    codes = pd.DataFrame(0, index=index, columns=list(headers), dtype=np.uint8)
    if kept:
        earlier = pd.DataFrame.from_dict(
            {row: [code_of(v) for v in cells] for row, cells in kept.items()},
            orient="index",
            columns=list(headers),
        )
        codes.loc[earlier.index, :] = earlier.to_numpy(dtype=np.uint8)
    if fixed_types is not None and len(fixed_types.columns):
        moved = fixed_types.set_axis(pd.Index(new_index)) if len(fixed_types) == len(new_index) else None
        if moved is not None and fixed_types.index.equals(sheet_rows):
            for header in moved.columns:
                if header in codes.columns:
                    codes.loc[moved.index, header] = moved[header].to_numpy()
    return codes.loc[:, codes.any().to_numpy()]


def _original_rows(frame: object, header: str) -> dict[int, int]:
    """Fix-these sheet row -> the row number it had in the batch's file (its *Original row* cell, under
    ``header``)."""
    import pandas as pd

    assert isinstance(frame, pd.DataFrame)
    if header not in frame.columns:
        return {}
    found: dict[int, int] = {}
    for sheet_row, text in zip(frame.index.tolist(), frame[header].tolist(), strict=True):
        row = whole_number(str(text))
        if row is not None:
            found[int(sheet_row)] = row
    return found


def _only_in_an_earlier_file(problems: str) -> bool:
    return problems.startswith(_EARLIER_PREFIXES)
