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

from ..errors import BulkshipError, FileFormatError
from ..program import ProgramSettings
from .filetype import ODS_EXTENSIONS, XLSX_EXTENSIONS, _check_file

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
