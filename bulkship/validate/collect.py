"""Collects problems from column masks and words them for Excel users, naming the user's own headers."""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

import pandas as pd

from ..errors import FileFormatError
from ..models import CANONICAL_COLUMNS, NAME_COLUMNS, LoadedSheet, Problem, Severity
from ..quoting import quoted
from ..schema import SheetContract

_COLUMN_ORDER = {column: position for position, column in enumerate(CANONICAL_COLUMNS)}


class ProblemCollector:
    """Turns ``mask`` (rows with a problem) + a message template into :class:`Problem` values.

    Templates may use ``{old}`` (the cell as read), ``{new}`` (the normalised value), any canonical column
    of the same row (``{state}``), and the ``extra`` Series passed in.
    """

    def __init__(
        self, sheet: LoadedSheet, contract: SheetContract, frame: pd.DataFrame, *, limit: int = 1_000_000
    ) -> None:
        self._path = sheet.path
        self._limit = limit  # problems kept at most ([limits] problems): past it the list is refused
        self._headers = {canonical: header for header, canonical in sheet.column_map.items()}
        self._contract = contract
        self._original = frame.copy()
        self.frame = frame  # the frame being normalised, same object throughout
        self._problems: list[Problem] = []
        self._error_rows: set[int] = set()
        self._elsewhere: dict[str, tuple[frozenset[int], str]] = {}  # field -> rows read from another header
        self.notices: list[str] = []  # said once of the whole list, not on each row (the sheet's notices)
        self._left_out = frozenset(s.row for s in sheet.skipped)  # never judged nor ordered

    def header(self, column: str) -> str:
        """The user's own header text for a column, or the template's title when the sheet lacks it."""
        return self._headers.get(column) or self._contract.title(column)

    def read_elsewhere(self, rows: pd.Series, headers: Mapping[str, str]) -> None:
        """Name ``headers`` (field -> header) in what is said of ``rows`` (a boolean mask): their cells were
        read there, not from the field's own column (an empty shipping address's row sent home)."""
        chosen = frozenset(int(r) for r in rows.index[rows.to_numpy(dtype=bool)])
        self._elsewhere.update({field: (chosen, header) for field, header in headers.items()})

    def _header_of(self, column: str, row: int, header: str) -> str:
        elsewhere = self._elsewhere.get(column)
        return elsewhere[1] if elsewhere is not None and row in elsewhere[0] else header

    def drop_warnings(self, mask: pd.Series, column: str) -> None:
        """Forget the warnings said of ``column`` on the rows of ``mask``: a later rule says what was sent."""
        rows = set(mask.index[mask.to_numpy(dtype=bool)].tolist())
        if not rows:
            return
        # one pass: each problem looked for in the list of those said (`p not in said`) compared every
        # problem with every warning dropped, 30 s of CPU for 20,000 soldiers at an APO with 'Germany' (an
        # hour for 200,000: found by hunter-hostile7)
        self._problems = [
            p
            for p in self._problems
            if not (p.severity == "warning" and p.column == column and p.row in rows)
        ]

    def drop(self, mask: pd.Series, columns: Iterable[str]) -> None:
        """Forget every problem said of ``columns`` on the rows of ``mask``: a later rule says what is wrong
        with the row in their place (an address abroad is not judged by US rules)."""
        rows = set(mask.index[mask.to_numpy(dtype=bool)].tolist())
        if not rows:
            return
        dropped = set(columns)
        self._problems = [p for p in self._problems if not (p.column in dropped and p.row in rows)]
        self._error_rows = {p.row for p in self._problems if p.severity == "error"}

    def original(self, column: str) -> pd.Series:
        """The column's cells as read, before any cleaning (a cell's lines, its spaces)."""
        return self._original[column]

    def person_column(self) -> str:
        """The field a row's person is named in on this sheet: 'name', else the First Name (or Last Name,
        Company) column the sheet has. A duplicate of a First/Last Name list said "column 'Name'", a column
        it does not have (found by newcomer1)."""
        return next((c for c in (*NAME_COLUMNS, "company") if c in self._headers), "name")

    def has_column(self, column: str) -> bool:
        """Whether the sheet has a column for this field (else a hint must say to add one)."""
        return column in self._headers

    def judged(self, mask: pd.Series) -> pd.Series:
        """``mask`` without the rows the list itself leaves out (hidden, a Terminated status, a totals row):
        what is said of the list counts the rows it orders, as its other notices do."""
        if not self._left_out:
            return mask
        return mask & ~pd.Series(mask.index.isin(list(self._left_out)), index=mask.index)

    def say_once(self, notice: str) -> None:
        """A line about the whole list, with the sheet's notices: what every row would say alike."""
        if notice not in self.notices:
            self.notices.append(notice)

    def warn(
        self,
        mask: pd.Series,
        column: str,
        kind: str,
        template: str,
        *,
        extra: Mapping[str, pd.Series] | None = None,
    ) -> None:
        self._add("warning", mask, column, kind, template, extra)

    def error(
        self,
        mask: pd.Series,
        column: str,
        kind: str,
        template: str,
        *,
        extra: Mapping[str, pd.Series] | None = None,
    ) -> None:
        self._add("error", mask, column, kind, template, extra)

    def add_each(
        self,
        rows: Iterable[int],
        column: str,
        kind: str,
        messages: Iterable[str],
        values: Iterable[str],
        *,
        severity: Literal["error", "warning"] = "error",
    ) -> None:
        """Problems with messages already worded per row (pandera failure cases); errors by default."""
        header = self.header(column)
        for row, message, value in zip(rows, messages, values, strict=True):
            named = self._header_of(column, int(row), header)
            self._keep(
                Problem(int(row), column, value, severity, f"Row {row}, column '{named}': {message}", kind)
            )
            if severity == "error":
                self._error_rows.add(int(row))

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self._keep(problem)
            if problem.severity == "error":
                self._error_rows.add(problem.row)

    def explain(self, problems: Iterable[Problem]) -> None:
        """The loader's problems (a formula, a date, an error value where a value was expected): each says
        what is wrong with its cell better than a rule could ('=25*2' is not an amount), so a rule's error on
        the same cell is dropped: one message per cell."""
        problems = list(problems)
        explained = {(p.row, p.column) for p in problems if p.severity == "error"}
        if explained:
            self._problems = [
                p for p in self._problems if p.severity != "error" or (p.row, p.column) not in explained
            ]
        self.extend(problems)

    def _keep(self, problem: Problem) -> None:
        if len(self._problems) >= self._limit:
            raise too_many_problems(self._path, self._problems, self._limit)
        self._problems.append(problem)

    def error_rows(self) -> set[int]:
        return self._error_rows

    def has_error(self, column: str) -> pd.Series:
        """Rows that already have an error in ``column``: later checks skip them (one message per cell)."""
        rows = self.rows_in_error(column)
        return pd.Series(self.frame.index.isin(list(rows)), index=self.frame.index)

    def rows_in_error(self, column: str) -> set[int]:
        """:meth:`has_error` as the row numbers (a check of a few rows reads them: ..fewrows)."""
        return {p.row for p in self._problems if p.column == column and p.severity == "error"}

    def sorted(self) -> tuple[Problem, ...]:
        return tuple(
            sorted(
                self._problems,
                key=lambda p: (p.row, p.severity != "error", _COLUMN_ORDER.get(p.column, 99)),
            )
        )

    def _add(
        self,
        severity: Severity,
        mask: pd.Series,
        column: str,
        kind: str,
        template: str,
        extra: Mapping[str, pd.Series] | None,
    ) -> None:
        # most masks are plain booleans and select nothing: said without three pandas calls (~30 µs each,
        # ~75 masks a file: the fixed cost of checking a five-row file)
        plain = mask.dtype == bool
        selected = mask.to_numpy() if plain else mask.fillna(False).astype(bool).to_numpy()
        if not selected.any():
            return
        rows = mask.index[selected]
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        header = self.header(column)
        old = self._original.loc[rows, column].tolist()
        sources: dict[str, list[object]] = {"old": old, "new": self.frame.loc[rows, column].tolist()}
        for name in fields - {"old", "new"}:
            series = (extra or {}).get(name)
            sources[name] = (series if series is not None else self.frame[name]).loc[rows].tolist()
        for position, row in enumerate(rows):
            values = {name: _quoted(sources[name][position]) for name in fields}
            message = f"Row {row}, column '{self._header_of(column, int(row), header)}': " + template.format(
                **values
            )
            self._keep(Problem(int(row), column, str(old[position]), severity, message, kind))
        if severity == "error":
            self._error_rows.update(int(r) for r in rows)


def too_many_problems(path: str | Path, problems: list[Problem], limit: int) -> FileFormatError:
    """A list with more problems than ``limit``: each is kept for the validation workbook, and a million
    rows with six problems each took 4 GB (a web server's memory, for one upload of 8 MB; found by
    hunter-hostile7). Such a list is another file, or its columns are read otherwise than meant: said with
    its commonest problems, nothing checked further."""
    kinds = Counter(p.kind or p.message.split(":", 1)[0] for p in problems).most_common(3)
    commonest = ", ".join(f"{kind} ({count:,})" for kind, count in kinds)
    return FileFormatError(
        f"{Path(path).name} has more than {limit:,} problems, above bulkship's limit for one list (the "
        f"commonest: {commonest}); bulkship stopped checking it",
        hint="check that it is the list you meant and that its columns are read as you expect; correct what "
        "its rows have wrong (or split it), then validate again. [limits] problems in a program file raises "
        "the limit",
    )


def _quoted(value: object) -> object:
    """A cell's text as a message quotes it (:func:`..quoting.quoted`): a 40,000-character State was quoted
    whole in its 'is not a US state' (found by hunter-sheets14)."""
    return quoted(value) if isinstance(value, str) else value
