"""The result workbook's content: right after a run (:func:`book_from_run`, with validation's words for the
rows it judged) or refreshed later from the workbook written before (:func:`book_from_existing`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from ...ledger import BatchRecord, Ledger
from ...models import FINGERPRINT, STATUS, Catalog, LoadedSheet, Problem, ValidationResult
from ...statuses import JUDGED_STATUSES, ORDERED_BEFORE, duplicate_note
from ..sheets import SANDBOX_API, ExistingResults, ResultBook, RowOutcome, RunInfo, merge_outcome
from .earlier import (
    OFF_SHEET_NOTE,
    _earlier_rows,
    _WithEarlierRows,
    rows_off_the_sheet,
    with_gone_note,
    with_off_sheet_note,
)
from .framerows import _frame_rows
from .view import LedgerView


def _problem_text(problem: Problem, headers: Mapping[str, str]) -> str:
    """A problem as said in its row's cell, naming its column by the sheet's own header ("ZIP"), never by
    bulkship's field name ("zip")."""
    if "column '" in problem.message:
        return problem.message
    return f"{headers.get(problem.column, problem.column)}: {problem.message}"


def _problems_by_row(
    problems: Iterable[Problem], normalised_rows: Any, headers: Mapping[str, str]
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Errors and changes of each row, in words; ``headers``: field -> the sheet's header for it."""
    errors: dict[int, list[str]] = {}
    changes: dict[int, list[str]] = {}
    columns = set(normalised_rows.columns)
    for problem in problems:
        if problem.severity == "error":
            errors.setdefault(problem.row, []).append(_problem_text(problem, headers))
            continue
        new_value = None
        if problem.column in columns and problem.row in normalised_rows.index:
            new_value = normalised_rows.at[problem.row, problem.column]
        if new_value is not None and str(new_value) != problem.value:
            header = headers.get(problem.column, problem.column)
            changes.setdefault(problem.row, []).append(f"{header}: {problem.value} → {new_value}")
        else:
            changes.setdefault(problem.row, []).append(_problem_text(problem, headers))
    return errors, changes


def run_info(
    ledger: Ledger, batch: BatchRecord | None, *, batch_name: str, api: str | None, input_file: str = ""
) -> RunInfo:
    return RunInfo(
        batch=batch_name,
        input_file=input_file or (batch.file_name if batch else ""),
        input_hash=batch.file_hash if batch else "",
        ledger=str(ledger.path),
        run_time=datetime.now(UTC).isoformat(timespec="seconds"),
        api=api or SANDBOX_API,
        input_files=input_files(ledger, batch_name),
    )


def input_files(ledger: Ledger, batch: str) -> tuple[tuple[str, str], ...]:
    """Every file the batch was run from, first to last: (file name, SHA-256), each once."""
    seen: dict[tuple[str, str], None] = {}
    for event in ledger.events(batch=batch):
        if event.kind in ("batch_created", "batch_file_changed"):
            seen.setdefault((str(event.detail.get("file", "")), str(event.detail.get("file_hash", ""))))
    return tuple(seen)


def book_from_run(
    ledger: Ledger,
    batch: str,
    validation: ValidationResult,
    *,
    api: str | None,
    catalog: Catalog | None = None,
) -> ResultBook:
    """The result workbook's content right after ``bulkship run`` (or a dry run: rows not yet in the ledger
    show what validation judged)."""
    sheet: LoadedSheet = validation.sheet
    frame = validation.rows
    keys, repeats = ledger_keys(frame)
    view = LedgerView(ledger, batch, catalog, fingerprints=keys)
    # validation's problems hold the sheet's read problems already: each said once in the row's cell
    headers = {field: header for header, field in sheet.column_map.items()}
    problems = dict.fromkeys((*sheet.read_problems, *validation.problems))
    errors, changes = _problems_by_row(problems, frame, headers)
    index = [int(r) for r in frame.index.tolist()]
    fingerprints = dict(zip(index, keys, strict=True))
    # only the rows not valid: a million valid rows need no entry (see _RunJudge.outcome)
    statuses = {
        row: str(status)
        for row, status in zip(index, frame[STATUS].tolist(), strict=True)
        if status != "valid"
    }
    skipped = {s.row: s.said for s in sheet.skipped}  # hidden rows, totals rows, notes: why not ordered
    went = {s.row: s.ordered for s in sheet.skipped if s.ordered}  # ... or ordered before (another batch)
    judge = _RunJudge(view, errors, changes, fingerprints, statuses, skipped, repeats, went)
    outcomes = _RunOutcomes(sheet.frame.index, judge.outcome)
    columns = list(sheet.headers)
    rows: Any = _frame_rows(sheet.frame, columns, sheet.cell_types)
    earlier = _earlier_rows(view, set(fingerprints.values()), columns, first_row=max(index, default=0) + 1)
    if earlier:  # money the file no longer shows: still one row each, after the file's rows
        for row, _cells, fingerprint, outcome in earlier:
            outcomes.earlier[row] = outcome
            fingerprints[row] = fingerprint
        rows = _WithEarlierRows(rows, [(row, cells) for row, cells, _fp, _o in earlier])
    info = run_info(ledger, view.batch, batch_name=batch, api=api, input_file=sheet.path)
    return ResultBook(
        headers=tuple(columns),
        rows=rows,
        outcomes=outcomes,
        orders=view.order_summaries(catalog),
        info=info,
        fingerprints=fingerprints,
        notes=_money_notes(ledger, view, batch),
    )


@dataclass(frozen=True)
class _RunJudge:
    """Each row's outcome right after a run: the ledger's view of it with validation's normalisations, or
    validation's own words for rows it judged (invalid, duplicate, skipped and not ordered before)."""

    view: LedgerView
    errors: dict[int, list[str]]
    changes: dict[int, list[str]]
    fingerprints: dict[int, str]
    statuses: dict[int, str]  # the rows validation judged not valid (a row absent is valid)
    skipped: dict[int, str]
    repeats: dict[int, int]
    went: dict[int, str]  # rows skipped whose card went already: its PO (and batch)

    def outcome(self, row: int) -> RowOutcome:
        changes, skipped = self.changes, self.skipped
        normalised = "; ".join(changes[row]) if row in changes else ""
        fingerprint = self.fingerprints.get(row)
        judged = self.statuses.get(row, "valid")
        # The ledger's view with validation's normalisations: what merge_outcome(judged, it) gives, built
        # once (the ledger never holds normalisations). A row skipped now but ordered before (hidden since)
        # still shows its card, and so does one the catalog refuses now (a card or shipping method the
        # vendor no longer lists): shown 'invalid', a card charged read as none, its money left out of the
        # totals, and 'fix the row' invited a second card (found by hunter-vendor2).
        use_ledger = fingerprint is not None and judged != "duplicate"
        from_ledger = self.view.outcome(row, fingerprint, normalised) if fingerprint and use_ledger else None
        if from_ledger is not None and from_ledger.status not in JUDGED_STATUSES:
            now = skipped.get(row) if row in skipped else None
            if judged == "invalid":
                if not from_ledger.money:  # a row that holds no money: validation's words, fix it
                    from_ledger = None
                else:
                    now = "refused today: " + "; ".join(self.errors.get(row, [])) + " (nothing is sent again)"
            if from_ledger is not None:
                if now:
                    note = f"ordered before; now {now}"
                    from_ledger = replace(
                        from_ledger, problems="; ".join(filter(None, [note, from_ledger.problems]))
                    )
                return from_ledger
        # validation's own words are richer than the ledger's summary of invalid and duplicate rows
        problems = self.errors.get(row, [])
        # another batch sent it: it read 'skipped, the list says not to send it' alone (a row this batch holds
        # is the ledger's to say: its card may have failed at the vendor, review56 on 11f55a1e)
        if row in self.went and not (from_ledger is not None and from_ledger.po_number):
            problems = [f"{ORDERED_BEFORE}{self.went[row]}: its card went; now {skipped[row]}", *problems]
        elif row in skipped:
            problems = [skipped[row], *problems]
        if row in self.repeats:  # no PO, line or cost of its own: the row it repeats has them
            problems = [duplicate_note(self.repeats[row]), *problems]
        return RowOutcome(
            row=row,
            status="planned" if judged == "valid" else judged,
            problems="; ".join(problems),
            normalised=normalised,
        )


class _RunOutcomes(Mapping[int, RowOutcome]):
    """The file's rows' outcomes, each worked out when asked (the workbook asks twice: to add up, then to
    write), not held: a million RowOutcome objects cost ~300 MB beside the ledger view they come from. Rows
    of earlier files that hold money (few) are held in ``earlier``."""

    def __init__(self, rows: Any, outcome_of: Callable[[int], RowOutcome]) -> None:
        self.rows = rows  # the sheet's row numbers (a pandas Index: its look-ups are hashed)
        self.outcome_of = outcome_of
        self.earlier: dict[int, RowOutcome] = {}

    def __getitem__(self, row: int) -> RowOutcome:
        if row in self.earlier:
            return self.earlier[row]
        if row not in self.rows:
            raise KeyError(row)
        return self.outcome_of(int(row))

    def __iter__(self) -> Iterator[int]:
        yield from (int(row) for row in self.rows.tolist())
        yield from self.earlier

    def __len__(self) -> int:
        return len(self.rows) + len(self.earlier)


def for_the_workbook(validation: ValidationResult) -> ValidationResult:
    """The part of a validation :func:`book_from_run` reads, once the rows are planned: each row's status and
    key, and the columns its warnings name (their new values are shown). The other normalised columns of a
    million-row file (names, addresses, e-mails...) cost a few hundred MB for the rest of the run."""
    frame = validation.rows
    named = {p.column for p in validation.problems if p.severity != "error"}
    kept = [c for c in frame.columns if c in (STATUS, FINGERPRINT) or c in named]
    if len(kept) == len(frame.columns):
        return validation
    return replace(validation, rows=frame[kept].copy())  # a copy: a view would keep every column alive


def ledger_keys(frame: Any) -> tuple[list[str], dict[int, int]]:
    """Each row's key in the ledger, in frame order, and for each duplicate row the row it repeats.

    A row's key is its fingerprint. A duplicate has the fingerprint of the row it repeats, under which the
    ledger holds the original's order: it is recorded under a key of its own and never shows the original's
    PO, line or cost. A row that is no duplicate yet has another's content (the same card to the same
    person, invalid for a reason of its own, such as its Total column) gets a key of its own too: under the
    other's, the ledger held one row for the two, and run and status counted one row fewer than the workbook
    showed. A valid row keeps its fingerprint: it is the one its card is ordered under."""
    keys = list(map(str, frame[FINGERPRINT].tolist()))
    statuses = list(map(str, frame[STATUS].tolist()))
    if len(set(keys)) == len(keys) and "duplicate" not in statuses:
        return keys, {}
    valid = {key for key, status in zip(keys, statuses, strict=True) if status == "valid"}
    first: dict[str, int] = {}  # key -> the first row, no duplicate, recorded under it
    repeats: dict[int, int] = {}
    own = list(keys)
    for i, (row, key, status) in enumerate(zip(map(int, frame.index.tolist()), keys, statuses, strict=True)):
        if status == "duplicate":
            own[i] = f"{key}~duplicate-row-{row}"
            repeats[row] = first.get(key, row)
            continue
        if key in first or (status != "valid" and key in valid):
            own[i] = f"{key}~row-{row}"
        first.setdefault(own[i], row)
    return own, repeats


def book_from_existing(
    ledger: Ledger,
    batch: str,
    existing: ExistingResults,
    *,
    api: str | None,
    catalog: Catalog | None = None,
) -> ResultBook:
    """The result workbook's content refreshed from the ledger, keeping the original cells and validation
    notes the earlier workbook holds."""
    view = LedgerView(ledger, batch, catalog)
    fallback = view.latest_by_row() if not existing.fingerprints else {}
    outcomes: dict[int, RowOutcome] = {}
    for row, _cells in existing.rows:
        previous = existing.outcomes[row]
        fingerprint = existing.fingerprints.get(row)
        if previous.status in JUDGED_STATUSES:
            update = None  # validation's judgement; a duplicate's fingerprint names the row it repeats
        elif fingerprint:
            update = view.outcome(row, fingerprint)
            record = view.rows_by_fingerprint.get(fingerprint)
            if update is not None and record is not None and not record.current and view.holds_money(record):
                update = with_gone_note(view, record, update)  # a rewrite (track) keeps saying so
            elif update is not None and record is not None and previous.problems.startswith(_OFF_SHEET):
                update = with_off_sheet_note(view, record, update)  # put back by an earlier rewrite
        elif row in fallback:
            update = view.outcome(row, fallback[row].fingerprint)
        else:
            update = None
        if update is not None and update.status in JUDGED_STATUSES:
            update = None
        outcomes[row] = merge_outcome(previous, update)
    rows, fingerprints = existing.rows, existing.fingerprints
    if existing.fingerprints:  # keyed: every row holding money was on the sheet when bulkship wrote it
        shown = {fingerprints[row] for row, _cells in rows if row in fingerprints}
        back = rows_off_the_sheet(view, shown, {row for row, _cells in rows}, len(existing.headers))
        if back:  # deleted from the sheet: still the batch's, and its money in every total
            rows = [*rows, *((row, cells) for row, cells, _fp, _o in back)]
            fingerprints = {row: fingerprints[row] for row, _cells in existing.rows if row in fingerprints}
            for row, _cells, fingerprint, outcome in back:
                outcomes[row] = outcome
                fingerprints[row] = fingerprint
    info = replace(run_info(ledger, view.batch, batch_name=batch, api=api), paper=existing.paper)
    return ResultBook(
        headers=existing.headers,
        rows=rows,
        outcomes=outcomes,
        orders=view.order_summaries(catalog),
        info=info,
        fingerprints=fingerprints,
        notes=_money_notes(ledger, view, batch),
    )


_OFF_SHEET = OFF_SHEET_NOTE.split("(")[0]


def _money_notes(ledger: Ledger, view: LedgerView, batch: str) -> tuple[str, ...]:
    """What the run says beside the batch's totals where they are not simply the vendor's, for the Summary:
    a workbook charged 562.80 for 559.80 planned said only of a 1.50 overcharge (found by hunter-money3)."""
    from ...heldrows import held_note
    from ...runnotes import money_notes  # it reads this package's views: imported when a book is built

    return (*money_notes(ledger, view, batch), *held_note(ledger, batch))


def counts_by_status(outcomes: Mapping[int, RowOutcome]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for outcome in outcomes.values():
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    return counts
