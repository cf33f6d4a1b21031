"""A batch's review as the page shows it: its rows with a problem (each cell's problem), the rows the vendor
refused at the last run, and what the page asks of them (filters, a search, the rows a cell reads).

Worked out by :class:`bulkship.web.review.Reviews`, which keeps it per version of the rows.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .. import api
from ..api.files import TAKEN_IN_KINDS
from ..folding import searchable
from ..models import FINGERPRINT, STATUS, LoadedSheet, ValidationResult
from ..statuses import NOT_YET_REASON

NOT_PEOPLE = frozenset({"totals", "note"})  # kinds of skipped row that are no recipient (load.skipped)


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
    # rows whose card is in another batch's order already (row -> what it says): never sent from this batch,
    # read-only as ordered rows are (heldreview.sent_elsewhere)
    elsewhere: dict[int, str] = dataclasses.field(default_factory=dict)

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
    def for_a_day(self) -> dict[int, str]:
        """Rows the list holds until a day to come ('Send On' 12/20), each with its day ("" where none was
        found): the cost page sends them on that day, where the review said "change that in your file and
        upload the file again" (found by newcomer10), and said no day (review71's leftover)."""
        return {s.row: s.until for s in self.loaded.skipped if s.reason.startswith(NOT_YET_REASON)}

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
        closed = {s.row for s in self.loaded.skipped if s.row not in fixed_here}
        closed |= {*self.sent, *self.elsewhere}  # (their cards are ordered: here or in another batch)
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


def _holding(loaded: LoadedSheet, row: int, header: str, value: str) -> str:
    """The column whose cell of ``row`` holds a problem's ``value``, which its same-fix link changes: its own
    (``header``), or where that cell holds another the row's column that does (an error on a note asking,
    tied to the name: 'Change every 'Deceased?' in Name' found nothing; found by review65, it is in Notes)."""
    frame = loaded.frame
    if header not in frame.columns or row not in frame.index or not value:
        return header
    wanted = value.strip().casefold()
    if str(frame.at[row, header]).strip().casefold() == wanted:
        return header
    held = (
        h
        for h in loaded.headers
        if h in frame.columns and " ".join(str(frame.at[row, h]).split()).casefold() == wanted
    )
    return next(held, header)


def review_rows(loaded: LoadedSheet, result: ValidationResult) -> list[ReviewRow]:
    headers: dict[str, str] = {}
    by_row: dict[int, list[CellProblem]] = {}
    for p in result.problems:
        header = headers.get(p.column)
        if header is None:
            header = headers[p.column] = api.problem_header(loaded, p.column)
        here = _holding(loaded, p.row, header, p.value)
        by_row.setdefault(p.row, []).append(CellProblem(here, p.value, p.severity, p.message))
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


def with_refusals(
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


def with_elsewhere(rows: list[ReviewRow], elsewhere: dict[int, str]) -> list[ReviewRow]:
    """The rows sent elsewhere among the rows to look at, each saying where its card is."""
    if not elsewhere:
        return rows
    by_row = {r.row: r for r in rows}
    for row, note in elsewhere.items():
        before = by_row.get(row)
        said = CellProblem("", "", "note", note)
        status = "elsewhere" if before is None or before.status == "valid" else before.status
        by_row[row] = ReviewRow(row, status, (*(before.problems if before else ()), said))
    return [by_row[row] for row in sorted(by_row)]
