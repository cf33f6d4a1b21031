"""The rows of a command-line batch that went to no vendor, as its result workbook names them and says why:
its Results page named nobody on them ('5 | | invalid', '7 | | skipped') and sent the reader to the workbook
for each invalid row's reason (newcomer12's leftover, found again by newcomer13). The page of a batch
uploaded here names them from its upload (``result_rows.page_listed_names``); a batch run from the command
line has only its workbook, where the run wrote every row with the person's own cells and its problems.

The workbook is read only when it is this batch's (its Summary names the batch) and a row only when it is the
ledger's row (the same fingerprint on the workbook's hidden keys sheet): a workbook rewritten for another
file, or typed over, names nobody rather than someone else."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..schema import load_contract


@dataclass(frozen=True)
class BookRow:
    fingerprint: str
    name: str  # the recipient as the person's own columns write them ("" when no column reads as a name)
    problems: str  # the workbook's 'Problems / vendor error' cell
    words: str = ""  # every cell naming the person (preferred, name, first and last): batchidentity's ties


def rows_of_workbook(output: str | None, batch: str) -> dict[int, BookRow]:
    """Row -> what the batch's result workbook at ``output`` writes of it; {} when there is none here, it is
    another batch's, or it cannot be read. Read once for each version of the file (a page of 100 rows of a
    100,000-row batch is shown many times)."""
    if not output:
        return {}
    try:
        stat = os.stat(output)
    except OSError:
        return {}
    return _read(output, (stat.st_mtime_ns, stat.st_size), batch)


@lru_cache(maxsize=4)
def _read(path: str, _version: tuple[int, int], batch: str) -> dict[int, BookRow]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        return _rows(CalamineWorkbook.from_path(path), Path(path), batch)
    except (CalamineError, OSError, ValueError, ArithmeticError, IndexError, KeyError):
        return {}  # a damaged or hand-made workbook: the page names nobody, as before


def _rows(workbook: Any, path: Path, batch: str) -> dict[int, BookRow]:
    from .sheets.book import KEYS_SHEET, RESULTS_SHEET, is_sheet_of
    from .sheets.read import _cell_text, _result_width, _summary_batch, whole_number

    if _summary_batch(workbook) != batch:
        return {}
    keys: dict[int, str] = {}
    for name in (n for n in workbook.sheet_names if is_sheet_of(n, KEYS_SHEET)):
        for line in workbook.get_sheet_by_name(name).to_python()[1:]:
            if len(line) >= 2 and (row := whole_number(line[0])) is not None and line[1]:
                keys[row] = str(line[1])
    found: dict[int, BookRow] = {}
    for name in (n for n in workbook.sheet_names if is_sheet_of(n, RESULTS_SHEET)):
        table = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        headers = tuple(_cell_text(h) for h in table[0]) if table else ()
        layout = _result_width(headers)
        if layout is None:
            continue
        width, columns = layout
        at_row = width + next(i for i, c in enumerate(columns) if c.kind == "row")
        at_problems = width + next(i for i, c in enumerate(columns) if c.field == "problems")
        naming = _naming(headers[:width], path)
        at = {header: i for i, header in enumerate(headers[:width])}
        naming_at = [(h, at[h]) for h in naming.headers()]
        for line in table[1:]:
            cells = [_cell_text(v) for v in line]
            row = whole_number(line[at_row]) if at_row < len(line) else None
            if row is None or row in found or row not in keys:
                continue
            problems = cells[at_problems] if at_problems < len(cells) else ""
            said = {h: cells[i].strip() if i < len(cells) else "" for h, i in naming_at}
            every = " ".join(said.values())
            found[row] = BookRow(keys[row], naming.card_name(said.__getitem__), problems, every)
    return found


def _naming(headers: Sequence[str], path: Path) -> Naming:
    """The columns naming the person (:class:`Naming`), as the workbook's headers read."""
    from ..columns.mapping import map_columns
    from ..program import ProgramSettings

    if not headers:
        return Naming({}, {})
    positions = list(range(len(headers)))
    mapping = map_columns(headers, positions, set(), load_contract(), ProgramSettings(), path, strict=False)
    header_of = {field: header for header, field in mapping.column_map.items()}
    return Naming(dict(mapping.preferred), header_of, frozenset(mapping.last_first))


@dataclass(frozen=True)
class Naming:
    """The headers naming the person (field -> header: ``preferred`` the columns filling in where not empty,
    ``header_of`` the others), read row by row as the card names them (:meth:`card_name`). The result
    workbook's rows and the web page's rows not sent are named so: one name on every surface."""

    preferred: dict[str, str]
    header_of: dict[str, str]
    last_first: frozenset[str] = frozenset()  # headers whose names are written "Last, First"

    def choices(self) -> list[list[list[str]]]:
        """The headers in the order a card takes them: a preferred name, else the name, else first and last
        name; each part of a name its headers in turn, a preferred first or last name before the legal one
        ('Preferred First Name' = Fara beside 'First Name' = Farhana: the card's 'Fara Chowdhury'; named by
        the legal one, a row corrected on Fix these was taken for another person and its follow-up refused:
        found by newcomer30; the web page's rows not sent named so: found by newcomer31)."""
        preferred, header_of = self.preferred, self.header_of
        choices = [[[preferred["name"]]]] if preferred.get("name") else []
        choices += [[[header_of["name"]]]] if header_of.get("name") else []
        parts = [[h for h in (preferred.get(f), header_of.get(f)) if h] for f in ("first_name", "last_name")]
        choices += [[part for part in parts if part]]
        return [c for c in choices if c]

    def headers(self) -> list[str]:
        return [h for parts in self.choices() for part in parts for h in part]

    def card_name(self, cell: Callable[[str], str]) -> str:
        """The row's person as the card names them (``cell``: a header's text on the row), as
        bulkship.validate.preparenames makes the name sent: the first choice filled in; a name column's
        one word with the row's Last Name (a preferred name's with the legal name's family name where the
        row has none), as the parcel carries it ('Ben' beside Benjamin Ott: 'Ben Ott'; named 'Ben' on the
        web page, found by newcomer31); one that only says none ('N/A', 'Self') not at all; a column written
        Last, First turned round (an ADP 'Payroll Name' = 'Ortiz, Benjamin': the card's Benjamin Ortiz)."""
        whole, name = self.preferred.get("name"), self.header_of.get("name")
        none = ""  # a placeholder, where nothing else names the row: as written
        for parts in self.choices():
            said = " ".join(" ".join(next((cell(h) for h in part if cell(h)), "") for part in parts).split())
            if not said:
                continue
            if parts not in ([[whole]], [[name]]):
                return said
            said = self._turned(said, parts[0][0])
            if (named := self._with_family(said, cell, name if parts == [[whole]] else None)) is not None:
                return named
            none = none or said
        return none

    def _turned(self, said: str, header: str) -> str:
        """``said`` turned round where ``header`` is written Last, First (bulkship.validate.normalize)."""
        if header not in self.last_first or "," not in said:
            return said
        from ..validate.normalize import _as_first_last

        return _as_first_last(said) or said

    def _with_family(self, given: str, cell: Callable[[str], str], legal: str | None) -> str | None:
        """A name column's ``given`` as sent: followed by the row's Last Name (else the family name of the
        ``legal`` name's column) where it is one word; None where it only says there is none."""
        from ..validate.names import _family_of
        from ..validate.rules.placeholders import PLACE, PLACEHOLDER, RELATION

        if any(pattern.fullmatch(given) for pattern in (PLACEHOLDER, RELATION, PLACE)):
            return None
        if " " in given:
            return given
        last = self.header_of.get("last_name")
        family = cell(last) if last else _family_of(cell(legal)) if legal else ""
        return f"{given} {family}" if family and family.casefold() != given.casefold() else given
