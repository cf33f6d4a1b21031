"""Reading a result workbook back (``track`` rewrites it in place, a Fix these sheet is fed back to a run):
the original cells as written, each row's outcome from the result columns (current or legacy), the keys to
the ledger, the batch and the paper; and an earlier outcome merged with the ledger's newer one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ...celltypes import EXACT_DIGITS, text_of
from ...errors import FileFormatError
from ...sheetscan import column_letter
from ...sheetscan.limits import Limits
from ...statuses import CHARGED, TO_SEND
from ...zipparts import read_tail
from ..layout import LEGACY_RESULT_FIELDS, RESULT_FIELDS, ResultColumn, is_header_of, read_fields
from .book import (
    CUT_NOTE,
    DEFAULT_PAPER,
    FIX_SHEET,
    KEYS_SHEET,
    PAPER_SIZES,
    RESULTS_SHEET,
    SUMMARY_SHEET,
    RowOutcome,
    is_sheet_of,
)


@dataclass(frozen=True)
class ExistingResults:
    """The original columns and row outcomes of a result workbook written earlier, and the batch its
    Summary names (a workbook belongs to one batch)."""

    headers: tuple[str, ...]
    rows: list[tuple[int, list[Any]]]  # the original cells as written: text, numbers, dates (celltypes.Cell)
    outcomes: dict[int, RowOutcome]
    fingerprints: dict[int, str] = field(default_factory=dict)
    batch: str | None = None
    paper: str = DEFAULT_PAPER
    typed_in: tuple[int, ...] = ()  # lines of Results without a row bulkship wrote, left out (``lenient``)


def _cell_text(value: Any) -> str:
    return text_of(value)  # as the loader reads the cell (2134, never 2134.0)


def _cell_value(value: Any) -> Any:
    """One original cell as read back: typed as written (a whole number as an int), blank as ''."""
    if value is None:
        return ""
    if type(value) is float and value.is_integer() and abs(value) < 10**EXACT_DIGITS:
        return int(value)
    return value


def _result_width(headers: tuple[str, ...]) -> tuple[int, tuple[ResultColumn, ...]] | None:
    """Where the result columns start, and which set of them (current or legacy) the sheet has: its last
    headers are theirs, each plain, marked beside a user's header of the same name, or as written before."""
    for columns in _RESULT_SETS:
        width = len(headers) - len(columns)
        if _ours_at(headers, width, columns):
            return width, columns
    return None


_RESULT_SETS = (RESULT_FIELDS, LEGACY_RESULT_FIELDS)


def _ours_at(headers: tuple[str, ...], start: int, columns: tuple[ResultColumn, ...]) -> bool:
    """Whether ``columns`` stand in ``headers`` from ``start`` on (``start`` leaving room for all of them)."""
    tail = headers[start : start + len(columns)]
    return start >= 0 and all(is_header_of(h, c) for h, c in zip(tail, columns, strict=True))


def _not_ending_with_ours(path: Path, sheet: str, headers: tuple[str, ...]) -> FileFormatError:
    """A sheet whose result columns are followed by columns a person added (found by newcomer8: a column
    of follow-up notes after 'Delivered date' made every `track` fail, with no hint)."""
    found = next(
        (
            (start, len(columns))
            for columns in _RESULT_SETS
            for start in range(len(headers) - len(columns), -1, -1)
            if _ours_at(headers, start, columns)
        ),
        None,
    )
    if found is None:
        return FileFormatError(
            f"{path}: the {sheet} sheet does not end with bulkship's result columns",
            hint="put back the columns from 'Row' on as bulkship wrote them, or delete the workbook: "
            "`bulkship track` then writes it again from the input file and the ledger",
        )
    start, width = found
    end = start + width
    added = (
        ", ".join(f"'{h}' ({column_letter(end + i + 1)})" for i, h in enumerate(headers[end:]) if h)
        or f"column {column_letter(end + 1)}"
    )
    return FileFormatError(
        f"{path}: the {sheet} sheet has {added} after bulkship's result columns; bulkship rewrites those "
        "columns from the ledger and would lose what you wrote there, so the workbook is left as it is",
        hint=f"move your column(s) to the left of '{headers[start]}' (your own columns come first and are "
        "kept), or to a sheet of your own; meanwhile `bulkship status` shows the batch",
    )


def is_result_workbook(sheet_names: Sequence[str]) -> bool:
    """A bulkship result workbook: Results, Fix these and the hidden key sheet."""
    names = set(sheet_names)
    return {RESULTS_SHEET, FIX_SHEET, KEYS_SHEET} <= names


def _added_by_hand(path: Path, number: int, sheet: str) -> FileFormatError:
    return FileFormatError(
        f"{path.name}: row {number} of the {sheet} sheet has no Row number bulkship wrote: a row added by "
        "hand is not read here",
        hint="delete that row from the result workbook; put new people in a list of their own (or on the "
        f"{FIX_SHEET} sheet) and run it",
    )


def written_for(path: Path) -> str | None:
    """The batch a result workbook's Summary names (None when it cannot be read or names none)."""
    return _summary_of(path, "Batch")


def ledger_written_by(path: Path) -> str | None:
    """The ledger a result workbook's Summary names as the one it was written from (None when it cannot be
    read or names none)."""
    return _summary_of(path, "Ledger")


def _summary_of(path: Path, label: str) -> str | None:
    """:func:`_summary_value` of the workbook at ``path``; None when it cannot be read."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        return _summary_value(CalamineWorkbook.from_path(str(path)), label)
    except (CalamineError, OSError, ValueError):
        return None


def _summary_batch(workbook: Any) -> str | None:
    return _summary_value(workbook, "Batch")


def _summary_value(workbook: Any, label: str) -> str | None:
    """The value beside ``label`` in the Summary's heading lines (batch, input file, ledger...)."""
    if SUMMARY_SHEET not in workbook.sheet_names:
        return None
    for line in workbook.get_sheet_by_name(SUMMARY_SHEET).to_python()[:12]:
        if len(line) >= 2 and line[0] == label:
            return _cell_text(line[1]) or None
    return None


def _copied(path: Path, number: int, sheet: str, row: int) -> FileFormatError:
    """A Results row whose Row number was read already: a copy (found by review10: the Results sheet copied
    in Excel, named "Results (2)" as bulkship's own next sheet is, crashed the run with a ValueError)."""
    return FileFormatError(
        f"{path.name}: row {number} of the {sheet} sheet repeats row {row} of the list, already read (a "
        "copied row or sheet?): bulkship reads its Results sheets as one list",
        hint="delete the copy from the result workbook (keep it in a workbook of your own), then run it "
        "again",
    )


def read_result_workbook(path: Path, *, lenient: bool = False) -> ExistingResults:
    """Read the Results sheet(s) of a workbook this module wrote: original cells and outcomes by row. A result
    cell typed over reads as blank (the ledger knows the results). A row typed in by hand (no Row number
    bulkship wrote) is a FileFormatError, unless ``lenient`` (rewriting from the ledger): then it is left
    out, said in ``typed_in``."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        return _read(CalamineWorkbook.from_path(str(path)), path, lenient)
    except (
        CalamineError,
        OSError,
        ValueError,
        ArithmeticError,  # 'inf' typed over a row number of the hidden keys sheet (found by the lead)
    ) as exc:  # a sheet damaged too (found by review19: a traceback)
        raise FileFormatError(
            f"Cannot read the result workbook {path}: {exc}",
            hint="delete it (keep a copy of what you typed in it), then re-run the same `bulkship run` "
            "command: it writes the workbook again from the ledger, and nothing is ordered twice",
        ) from None


def _read(workbook: Any, path: Path, lenient: bool) -> ExistingResults:
    names = [n for n in workbook.sheet_names if is_sheet_of(n, RESULTS_SHEET)]
    if not names:
        raise FileFormatError(f"{path} has no {RESULTS_SHEET} sheet: it is not a bulkship result workbook")
    headers: tuple[str, ...] | None = None
    typed_in: list[int] = []
    rows: list[tuple[int, list[Any]]] = []
    outcomes: dict[int, RowOutcome] = {}
    for name in names:
        table = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        if not table:
            continue
        sheet_headers = tuple(_cell_text(h) for h in table[0])
        layout = _result_width(sheet_headers)
        if layout is None:
            raise _not_ending_with_ours(path, name, sheet_headers)
        width, columns = layout
        headers = headers or sheet_headers[:width]
        for number, line in enumerate(table[1:], start=2):
            line = line + [""] * (len(sheet_headers) - len(line))
            # a result cell typed over reads blank (the ledger knows the results); a row without the Row
            # number bulkship wrote was typed in by hand
            read = _outcome_read_leniently(columns, [_cell_text(v) for v in line[width:]])
            if read is not None and read.row in outcomes:
                # a row copied, or the sheet (Excel's "Results (2)")
                if not lenient:
                    raise _copied(path, number, name, read.row)
                typed_in.append(number)
                continue
            if read is None:
                if not lenient:
                    raise _added_by_hand(path, number, name)
                typed_in.append(number)
                continue
            outcome = read
            rows.append((outcome.row, [_cell_value(v) for v in line[:width]]))
            outcomes[outcome.row] = outcome
    fingerprints: dict[int, str] = {}
    for name in workbook.sheet_names:
        if is_sheet_of(name, KEYS_SHEET):
            for line in workbook.get_sheet_by_name(name).to_python()[1:]:
                if len(line) >= 2 and line[0] != "" and line[1]:
                    fingerprints[int(float(str(line[0])))] = str(line[1])
    batch = _summary_batch(workbook)
    return ExistingResults(
        headers=headers or (),
        rows=rows,
        outcomes=outcomes,
        fingerprints=fingerprints,
        batch=batch,
        paper=_paper_of(path),
        typed_in=tuple(typed_in),
    )


def written_rows(path: Path, wanted: set[int]) -> ExistingResults:
    """Only the header and the original cells of rows ``wanted`` of a result workbook's Results sheet(s), as
    :func:`read_result_workbook` reads them (no outcome): a third of its time on 100k rows, for a look at the
    few rows a *Fix these* sheet lists. Rows without a Row number bulkship wrote are passed over."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    headers: tuple[str, ...] = ()
    rows: list[tuple[int, list[Any]]] = []
    for name in (n for n in workbook.sheet_names if is_sheet_of(n, RESULTS_SHEET)):
        table = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        layout = _result_width(tuple(_cell_text(h) for h in table[0])) if table else None
        if layout is None:
            continue
        width, columns = layout
        headers = headers or tuple(_cell_text(h) for h in table[0][:width])
        at = width + next(i for i, column in enumerate(columns) if column.kind == "row")
        for line in table[1:]:
            row = whole_number(line[at]) if at < len(line) else None
            if row in wanted:
                cells = line[:width] + [""] * (width - len(line[:width]))
                rows.append((row, [_cell_value(v) for v in cells]))
    return ExistingResults(headers=headers, rows=rows, outcomes={})


def whole_number(value: Any) -> int | None:
    """A row number as a cell holds it (8, "8.0", " 8 "), or None: also for 'inf' or '1e999' typed over it
    (a traceback, found by review28 and by the lead's fuzzer)."""
    try:
        return int(float(str(value).strip()))
    except (ValueError, OverflowError):
        return None


def _paper_of(path: Path) -> str:
    """The paper the workbook was set up for (a rewrite keeps it)."""
    import re

    tail = read_tail(path, "xl/worksheets/sheet1.xml", 4000, Limits().xml_bytes)
    if tail is None:
        return DEFAULT_PAPER
    first = tail.decode("utf-8", "replace")
    found = re.search(r'<pageSetup [^>]*paperSize="(\d+)"', first)
    code = int(found.group(1)) if found else PAPER_SIZES[DEFAULT_PAPER]
    return next((name for name, number in PAPER_SIZES.items() if number == code), DEFAULT_PAPER)


def _outcome_read_leniently(columns: tuple[ResultColumn, ...], tail: Sequence[str]) -> RowOutcome | None:
    """The row's outcome with each cell it cannot read as blank; None without a Row number."""
    texts = list(tail)
    for index, column in enumerate(columns[: len(texts)]):
        try:
            column.spec.read(texts[index])
        except (ValueError, ArithmeticError):
            if column.kind == "row":
                return None
            texts[index] = ""
    return _outcome_from_cells(columns, texts)


def _outcome_from_cells(columns: tuple[ResultColumn, ...], tail: Sequence[str]) -> RowOutcome:
    fields = read_fields(columns, list(tail))
    fields["cost"] = fields.pop("total", None)  # RowOutcome.total is its cost
    if not fields.get("money") and fields["cost"] is not None:  # a legacy workbook: its cost was charged
        fields["money"] = CHARGED if fields.get("order_id") else TO_SEND
    return RowOutcome(**fields)


def merge_outcome(previous: RowOutcome, update: RowOutcome | None) -> RowOutcome:
    """The ledger's view of a row wins (its problems are the vendor's current words); the normalisations
    that only validation knew stay."""
    if update is None:
        return previous
    if not update.normalised and previous.normalised:
        update = replace(update, normalised=previous.normalised)
    cut = previous.problems.rpartition(CUT_NOTE.split("{")[0])
    if cut[1] and cut[1] not in update.problems:  # the workbook still shows those cells cut
        note = cut[1] + cut[2]
        update = replace(update, problems=f"{update.problems}; {note}" if update.problems else note)
    if update.money and update.fees is None and previous.fees is not None and update.cost == previous.cost:
        # no prices known now (an older ledger): the breakdown the earlier workbook had still holds
        update = replace(update, discount=previous.discount, fees=previous.fees, shipping=previous.shipping)
    return update
