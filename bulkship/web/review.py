"""The review of a batch's rows, worked out once per version of the rows and kept in memory for paging.

A version is the batch's latest change (upload, sheet, fix): :attr:`WebBatch.change_id`. The file is read
once per (upload, sheet) and kept, so a fix re-judges the rows without reading the file again. Nothing here
is state: a restarted server works the same review out again from the upload and the ledger's events.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .. import api
from ..api.files import TAKEN_IN_KINDS
from ..batchnames import default_batch_for
from ..columns import AmbiguousColumnsError, ColumnsReport
from ..errors import BulkshipError, SecondCardError
from ..folding import searchable
from ..models import FINGERPRINT, STATUS, Catalog, LoadedSheet, ValidationResult
from ..settings import Settings
from ..statuses import NOT_YET_REASON
from ..validate.cardcolumn import read_card_column
from ..validate.citystatezip import read_city_state_zip
from ..validate.namecolumn import read_name_column
from . import heldreview
from .batchledger import ordered_fingerprints, plans_dropped, rows_sent, vendor_refused
from .kept import Lru as _Lru
from .kept import Turns
from .kept import giving_back as _giving_back
from .state import WebBatch, record
from .uploads import upload_of

PAGE_ROWS = 50
NOT_PEOPLE = frozenset({"totals", "note"})  # kinds of skipped row that are no recipient (load.skipped)
FILTERS = {
    "problems": "Rows with a problem",
    "errors": "Errors (not sent unless fixed)",
    "warnings": "Warnings (will be sent: check them)",  # most change nothing (a PO box): review22
    "duplicates": "Duplicates (skipped)",
    "vendor": "Refused or failed at the vendor",
    "all": "All rows",  # any row opens to change it, one without a problem too (newcomer3's N6)
}


@dataclass(frozen=True)
class CellProblem:
    header: str
    value: str
    severity: str
    message: str


@dataclass(frozen=True)
class ReviewRow:
    row: int
    status: str  # valid | invalid | duplicate | skipped | failed (refused) | fixed (refused, since changed)
    problems: tuple[CellProblem, ...]

    @property
    def has_error(self) -> bool:
        return any(p.severity == "error" for p in self.problems) or self.status == "invalid"

    @property
    def has_warning(self) -> bool:
        return any(p.severity == "warning" for p in self.problems)


@dataclass
class Review:
    batch: str
    change_id: int
    loaded: LoadedSheet
    result: ValidationResult
    rows: list[ReviewRow]  # rows with a problem (or not valid), in row order
    counts: dict[str, int]
    sent: dict[int, str]  # rows whose card is (or may be) ordered -> PO: read-only on the page
    # rows left out for what a cell changed on the page says ('do not send' typed in a note): changed back
    # there, they are ordered; a row the file leaves out is left out whatever the page changes
    skipped_here: frozenset[int] = frozenset()
    # why sending would refuse the whole upload (mostly rows another batch sent): said on the review, where
    # each row read "Sending would hold this row", the cost page alone refusing it all (found by newcomer10)
    refused: tuple[str, ...] = ()
    # the batch's name when it is its file's own, read as no name: typed so, the advice to upload the file
    # again under a name of its own was followed and refused again (found by hunter-web18)
    file_named: str = ""
    # rows left out on the Held rows page (they have their card): taken back there, not in the file
    left_held: frozenset[int] = frozenset()
    # rows the list leaves out a person chose to order after all (row -> by whom, what the list said)
    taken_in: dict[int, str] = dataclasses.field(default_factory=dict)

    @functools.cached_property
    def may_take_in(self) -> frozenset[int]:
        """The rows the list leaves out that a person may order after all here (people, not a totals row or
        a note; not those left out for a cell changed on this page, nor on the Held rows page)."""
        kinds = {s.row: s.kind for s in self.loaded.skipped}
        return frozenset(
            row
            for row, kind in kinds.items()
            if kind in TAKEN_IN_KINDS and row not in self.skipped_here and row not in self.left_held
        )

    @functools.cached_property
    def not_people(self) -> frozenset[int]:
        """Rows that are no recipient (a totals row, a heading, a note under the list): nothing to order
        there, where another skipped row is a person the file leaves out ('to order it, change that in
        your file' was said of a totals row too: newcomer4's F10)."""
        return frozenset(s.row for s in self.loaded.skipped if s.kind in NOT_PEOPLE)

    @functools.cached_property
    def for_a_day(self) -> frozenset[int]:
        """Rows the list holds until a day to come ('Send On' 12/20): the cost page sends them on that day,
        where the review said "change that in your file and upload the file again" (found by newcomer10)."""
        return frozenset(s.row for s in self.loaded.skipped if s.reason.startswith(NOT_YET_REASON))

    def filtered(self, name: str) -> Sequence[ReviewRow]:
        if name == "all":
            return _EveryRow(self.loaded.frame.index.tolist(), self.rows)
        if name == "errors":  # to fix: a duplicate is not (it is left out so that no one gets two cards)
            return [r for r in self.rows if r.has_error and r.status != "duplicate"]
        if name == "warnings":
            return [r for r in self.rows if r.has_warning]
        if name == "duplicates":
            return [r for r in self.rows if r.status == "duplicate"]
        if name == "vendor":
            return [r for r in self.rows if r.status in ("failed", "fixed")]
        return self.rows

    def found(self, text: str) -> list[ReviewRow]:
        """The rows whose number is ``text`` or one of whose cells holds it (case aside): a person who
        learns that someone left, or moved, knows the name, rarely the row."""
        wanted = text.strip()
        if not wanted:
            return []
        frame = self.loaded.frame
        # isdecimal, not isdigit: '²' or '①' are digits int() refuses (a 500 page, found by review27)
        hit = frame.index == int(wanted) if wanted.isdecimal() else frame.index < 0
        for header in self.loaded.headers:
            hit |= frame[header].astype(str).str.contains(wanted, case=False, regex=False).to_numpy()
        # and as folded, each word anywhere in the row: 'Jose Nunez' typed on an English keyboard read
        # '0 row(s)' of José Núñez, whose row went out, and 'Maria Lopez' of 'Lopez, Maria' (found by
        # hunter-web19); punctuation alone folds to nothing, sought only as typed
        words = searchable(wanted).split()
        if words:
            every = self._searchable.str.contains(words[0], regex=False).to_numpy().copy()
            for word in words[1:]:
                every &= self._searchable.str.contains(word, regex=False).to_numpy()
            hit |= every
        return list(_EveryRow(frame.index[hit].tolist(), self.rows))

    @functools.cached_property
    def _searchable(self) -> Any:
        """Each row's cells as one text, folded as a search folds it (worked out at the first search of
        this version of the rows)."""
        frame = self.loaded.frame
        joined = None
        for header in self.loaded.headers:
            cells = frame[header].astype(str)
            joined = cells if joined is None else joined + " " + cells
        if joined is None:
            return frame.index.to_series().astype(str).map(lambda _: "")
        return joined.map(searchable)

    def reading(self, header: str, text: str, *, besides: str | None = None) -> list[int]:
        """The rows whose cell of column ``header`` reads ``text`` whole (spaces around it and case aside; ""
        for the empty cells), among those the page lets a person change: not a row ordered already, nor one
        the file itself leaves out (the page offers neither a form). ``besides``: not those reading exactly
        that already (a change would change nothing)."""
        if header not in self.loaded.headers:
            return []
        cells = self.loaded.frame[header].astype(str)
        wanted = cells.str.strip().str.casefold() == text.strip().casefold()
        if besides is not None:
            wanted &= cells != besides
        hit = self.loaded.frame.index[wanted.to_numpy()]
        fixed_here = self.skipped_here
        closed = {s.row for s in self.loaded.skipped if s.row not in fixed_here} | set(self.sent)
        return [int(row) for row in hit.tolist() if row not in closed]

    def cells(self, row: int) -> list[tuple[str, str]]:
        """The row as the person wrote it (corrections applied), header by header."""
        values = self.loaded.frame.loc[row]
        return [(h, str(values[h])) for h in self.loaded.headers]


class _EveryRow(Sequence[ReviewRow]):
    """Rows of the sheet in order, each with its problems: a 100k-row sheet's page of 50 is made alone."""

    def __init__(self, rows: list[int], with_problems: list[ReviewRow]) -> None:
        self._rows = rows
        self._problems = {r.row: r for r in with_problems}

    def __len__(self) -> int:
        return len(self._rows)

    def _one(self, row: int) -> ReviewRow:
        return self._problems.get(row) or ReviewRow(row, "valid", ())

    def __getitem__(self, at: Any) -> Any:
        if isinstance(at, slice):
            return [self._one(row) for row in self._rows[at]]
        return self._one(self._rows[at])


def _review_rows(loaded: LoadedSheet, result: ValidationResult) -> list[ReviewRow]:
    headers: dict[str, str] = {}
    by_row: dict[int, list[CellProblem]] = {}
    for p in result.problems:
        header = headers.get(p.column)
        if header is None:
            header = headers[p.column] = api.problem_header(loaded, p.column)
        by_row.setdefault(p.row, []).append(CellProblem(header, p.value, p.severity, p.message))
    statuses = result.rows[STATUS]
    not_valid = statuses[statuses != "valid"]
    for row in not_valid.index.tolist():
        by_row.setdefault(int(row), [])
    for skipped in loaded.skipped:  # why a row with data is not ordered (hidden, a totals row, a note)
        said = f"Skipped, not ordered: {skipped.reason}"
        by_row.setdefault(skipped.row, []).append(CellProblem("", "", "note", said))
    status_of = dict(zip(not_valid.index.tolist(), not_valid.tolist(), strict=True))
    return [
        ReviewRow(row, str(status_of.get(row, "valid")), tuple(problems))
        for row, problems in sorted(by_row.items())
    ]


def _with_refusals(
    rows: list[ReviewRow],
    loaded: LoadedSheet,
    result: ValidationResult,
    refused: dict[int, tuple[str, str, bool]],
) -> list[ReviewRow]:
    """The rows the vendor refused at the last run, with its words: ``failed`` while the row is as it was
    sent, ``fixed`` once a cell changed (the next run sends it, in the same batch). A row whose order failed
    before a card was made (``again``) is sent again as it is: a warning, not an error."""
    if not refused:
        return rows
    by_row = {r.row: r for r in rows}
    keys = result.rows[FINGERPRINT]
    for row, (key, words, again) in refused.items():
        if row not in keys.index:
            continue
        column = api.refused_column(words)
        header = api.problem_header(loaded, column) if column else ""
        value = str(loaded.frame.at[row, header]) if header in loaded.frame.columns else ""
        unchanged = str(keys.at[row]) == key
        if unchanged and again:
            problem = CellProblem(header, value, "warning", words[:1].upper() + words[1:])
        elif unchanged:
            problem = CellProblem(header, value, "error", f"Refused by the vendor: {words}")
        else:
            said = f"Changed since the vendor refused it ({words}): it is sent when you continue"
            problem = CellProblem(header, value, "warning", said)
        before = by_row.get(row)
        status = "failed" if unchanged else "fixed"
        if before is not None and before.status != "valid":
            status = before.status  # not valid (or a duplicate) now: that is what stops it
        by_row[row] = ReviewRow(row, status, (*(before.problems if before else ()), problem))
    return [by_row[row] for row in sorted(by_row)]


def _read_with(batch: WebBatch) -> tuple[Any, ...]:
    """What the file is read with, beside its sheet: the Columns page's mapping and values for every row."""
    return tuple(sorted(batch.columns.items())), tuple(sorted(batch.every_row.items()))


READ_AT_ONCE = 2  # uploads read (their sheet, columns, review or plan worked out) at once: web.kept.Turns


class Reviews:
    def __init__(self, settings: Settings, at_once: int = READ_AT_ONCE) -> None:
        self.settings = settings
        turns = self._turns = Turns(at_once)  # (a sheet, its columns, its review, its plan: a reading)
        self._sheets: _Lru[tuple[Any, ...], LoadedSheet] = _Lru(2, turns)
        self._columns: _Lru[tuple[Any, ...], ColumnsReport] = _Lru(4, turns)
        self._reviews: _Lru[tuple[str, int, int, date, int], Review] = _Lru(3, turns)
        self._catalog: Catalog | None = None
        self.plans: _Lru[tuple[Any, ...], Any] = _Lru(8, turns)  # state.plan_key -> PlanView | None
        self._sheet_names: _Lru[str, list[str]] = _Lru(16)

    def serving(self) -> None:
        self._turns.serving()

    def stop(self, *, last: bool = False) -> None:
        """The server stops: no request waits for a reading any more (:meth:`.kept.Turns.stop`)."""
        self._turns.stop(last=last)

    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = api.catalog(self.settings)
        return self._catalog

    def sheet_names(self, batch: WebBatch) -> list[str]:
        """The workbook's sheets (an upload never changes: read once)."""
        path = str(upload_of(batch))
        return self._sheet_names.get_or_make(path, lambda: api.sheet_names(path))

    def sheet(self, batch: WebBatch) -> LoadedSheet:
        """The file as read with the batch's sheet and column mapping (read once per such version)."""
        assert batch.upload is not None
        # and per day where its person is: its 'Do Not Send Before' dates read otherwise after midnight (a
        # page left open showed yesterday's rows and cost, the send read today's: found by hunter-sheets9)
        key = (str(batch.upload), batch.sheet, _read_with(batch), batch.day)

        def make() -> LoadedSheet:
            read = api.load_file(upload_of(batch), sheet=batch.sheet, program=batch.program)
            read = read_card_column(
                read, self.catalog(), batch.program
            )  # 'Gift' = CVS: the card, as validate
            read = read_name_column(read, batch.program)  # 'Tenant' = Ann Lee: the name, as validate
            return read_city_state_zip(read)  # 'City, State ZIP' = 'Boston, MA 02134': the three, as validate

        return self._sheets.get_or_make(key, _giving_back(make))

    def columns(self, batch: WebBatch) -> ColumnsReport:
        """What feeds which field, for the Columns page: from the sheet as read when its mapping can be used,
        else read again marking the ambiguous columns (so the person can choose)."""
        key = (str(batch.upload), batch.sheet, _read_with(batch))

        def make() -> ColumnsReport:
            try:
                return api.describe_columns(self.sheet(batch), program=batch.program)
            except (AmbiguousColumnsError, SecondCardError):  # the page asks the person to choose
                return api.detect_columns(upload_of(batch), sheet=batch.sheet, program=batch.program)

        return self._columns.get_or_make(key, make)

    def review(self, batch: WebBatch) -> Review:
        """The batch's review for its current rows (worked out on first use, then from memory). A list refused
        (past [limits] problems) keeps no sheet read for it: its page says why, and nothing else reads it."""

        def make() -> Review:
            try:
                return judged()
            except BulkshipError:
                self._sheets.discard(lambda key: key[0] != str(batch.upload))
                raise

        def judged() -> Review:
            read = self.sheet(batch)
            if batch.taken_in:  # rows the list leaves out ordered after all, as the send reads them
                read = api.take_rows_in(read, batch.taken_in, batch.program)
            loaded = api.apply_corrections(read, batch.corrections, batch.program)
            here = frozenset(s.row for s in loaded.skipped) - {s.row for s in read.skipped}
            loaded = heldreview.left_out(loaded, batch)  # as the send reads it (the Held rows page)
            ordered = functools.partial(ordered_fingerprints, self.settings, batch.name)  # as `run` judges
            result = api.validate_sheet(loaded, self.catalog(), program=batch.program, ordered=ordered)
            result, refusal = heldreview.repeat_warnings(self.settings, batch, result)
            refused = vendor_refused(self.settings, batch.name)
            rows = _with_refusals(_review_rows(loaded, result), loaded, result, refused)
            summary = result.summary()
            counts = {
                "rows": summary.rows,
                "valid": summary.valid,
                "invalid": int((result.rows[STATUS] == "invalid").sum()),
                "duplicate": int((result.rows[STATUS] == "duplicate").sum()),
                "skipped": int((result.rows[STATUS] == "skipped").sum()),
                "warnings": sum(1 for r in rows if r.has_warning),
                "problems": len(rows),
                "refused": sum(1 for r in rows if r.status == "failed"),
            }
            if batch.checked != counts:
                record(self.settings, batch.name, "web_checked", **counts)
            sent = rows_sent(self.settings, batch.name)
            own = "" if batch.own_list else default_batch_for(Path(batch.upload or ""), batch.sheet)
            own = own if own == batch.name else ""
            return Review(
                batch.name, batch.change_id, loaded, result, rows, counts, sent, here, refusal, own,
                frozenset(batch.repeats_left), dict(batch.taken_in),
            )  # fmt: skip

        # a run that ended since may have left rows the vendor refused: worked out again after each run; and
        # once another batch's plan is cancelled unsent (its rows held these as planned there)
        key = (batch.name, batch.change_id, batch.done_id, batch.day, plans_dropped(self.settings))
        return self._reviews.get_or_make(key, _giving_back(make))

    def forget(self, batch: WebBatch) -> None:
        """Drop what is kept for a deleted batch's upload."""
        self._sheets.discard(lambda key: key[0] != str(batch.upload))
        self._columns.discard(lambda key: key[0] != str(batch.upload))
        self._reviews.discard(lambda key: key[0] != batch.name)
        self.plans.discard(lambda key: key[0] != batch.name)
