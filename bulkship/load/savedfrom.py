"""A CSV saved from a workbook whose filter or hidden rows left people out: Excel's and LibreOffice's "Save
As CSV" write every row, the filtered-out and hidden ones too, so the people the person filtered away were
ordered (found by hunter-sheets7: 'Dept' filtered to Sales, saved as gifts.csv, Bob of Ops got a card). When
the workbook it was saved from sits beside it (the same name, .xlsx or .ods) and hides rows that the CSV
holds, the CSV is refused, naming them; ``--include-hidden`` orders them on purpose."""

from __future__ import annotations

import glob
import re
from pathlib import Path

import pandas as pd

from ..errors import BulkshipError, FileFormatError, MissingColumnsError
from ..program import ProgramSettings
from .filetype import ODS_EXTENSIONS, XLSX_EXTENSIONS, _check_file
from .header import HEADER_SCAN_ROWS

_LETTER = re.compile(r"[^\W\d_]")
SHOWN_ROWS = 3


def _key(cells: list[object]) -> frozenset[str]:
    """What a row says in words (names, streets, cities, cards), as both files write them: numbers and dates
    are left out, since a workbook holds 25 or 2026-01-15 where its CSV holds $25.00 or 1/15/2026."""
    return frozenset(
        " ".join(text.split()).casefold() for cell in cells if _LETTER.search(text := str(cell)) is not None
    )


def _said(cells: list[object]) -> str:
    """A row by its cells in words, cut at 60 characters ('Bob Ray, 2 Elm St, Salem, MA, CVS')."""
    return ", ".join(" ".join(str(c).split()) for c in cells if _LETTER.search(str(c)))[:60] or "?"


def _workbooks_beside(path: Path) -> list[Path]:
    suffixes = XLSX_EXTENSIONS | ODS_EXTENSIONS
    try:
        return sorted(
            p for p in path.parent.glob(f"{glob.escape(path.stem)}.*") if p.suffix.lower() in suffixes
        )
    except OSError:
        return []


def refuse_rows_hidden_beside(path: Path, frame: pd.DataFrame, program: ProgramSettings) -> None:
    """Refuse the CSV at ``path`` (its records ``frame``) when a workbook of its name beside it hides rows
    that the CSV holds (unless ``program.include_hidden``)."""
    if program.include_hidden:
        return
    from .workbook import _read_workbook

    for workbook in _workbooks_beside(path):
        try:
            grid = _read_workbook(workbook, _check_file(workbook), None, program)
        except (BulkshipError, OSError, ValueError):  # not readable, or two lists: it tells nothing here
            continue
        hidden = grid.scan.hidden_rows if grid.scan else {}
        keys = {
            row: key
            for row in sorted(hidden)
            if row in grid.frame.index and len(key := _key(grid.frame.loc[row].tolist())) >= 2
        }
        if not keys:
            continue
        held = {_key(record) for record in frame.to_numpy().tolist()}
        found = [row for row, key in keys.items() if key in held]
        if not found:
            continue
        shown = "; ".join(f"{row}: {_said(grid.frame.loc[row].tolist())}" for row in found[:SHOWN_ROWS])
        more = f"; and {len(found) - SHOWN_ROWS} more" if len(found) > SHOWN_ROWS else ""
        raise FileFormatError(
            f"{path.name} holds {len(found)} row(s) that {workbook.name} beside it hides or filters out (row "
            f"{shown}{more}): a CSV saved from a filtered sheet keeps every row, so the people filtered out "
            "would be ordered. Nothing was sent",
            hint=f"run {workbook.name} itself (its hidden rows are not ordered), or delete those rows from "
            f"{path.name}; to order them too, pass --include-hidden",
        )


def refuse_one_sheet_saved(path: Path, frame: pd.DataFrame, error: MissingColumnsError) -> None:
    """Refuse the CSV at ``path`` (its records ``frame``), in which ``error`` found no header row, saying why
    when it may be the wrong sheet of a workbook: a CSV holds only the sheet shown when it was saved, and of a
    workbook whose first sheet is its instructions that is all LibreOffice keeps. 'No header row found' said
    no word of it (found by hunter-sheets13). Returns when neither holds: a workbook of its name beside it
    with more sheets (named, with the way out), or text in one column and no list."""
    from .sheet import sheet_names

    books = ((book, sheet_names(book)) for book in _workbooks_beside(path))
    beside = next(((book, sheets) for book, sheets in books if len(sheets) > 1), None)
    if beside is not None:
        book, sheets = beside
        raise MissingColumnsError(
            f"{error.message}. A CSV holds only one sheet of a workbook (the one shown when it was saved), "
            f"and {book.name} beside it has the sheets {', '.join(repr(name) for name in sheets)}. Nothing "
            "was sent",
            hint=f"run bulkship on {book} itself (it finds the sheet with the list; --sheet chooses one), or "
            "save the sheet with the list as the CSV",
        )
    head = frame.head(HEADER_SCAN_ROWS).to_numpy().tolist()
    filled = [sum(1 for cell in row if str(cell).strip()) for row in head]
    if any(filled) and max(filled) <= 1:
        raise MissingColumnsError(
            f"{error.message}. {path.name} holds text in one column and no list: a CSV holds only one sheet "
            "of a workbook (the one shown when it was saved; of a workbook whose first sheet is its "
            "instructions, those). Nothing was sent",
            hint="give bulkship the workbook itself (.xlsx or .ods: it finds the sheet with the list), or "
            "save the sheet with the list as the CSV",
        )
