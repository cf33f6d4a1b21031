"""Corrections a person made on a result workbook's *Fix these* sheet and has not run yet (a row changed or
added since bulkship wrote it), which a rewrite of the workbook would throw away (moved out of fixsheet.py for
issue 14)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..celltypes import text_of
from .layout import FIX_EXTRA_FIELDS, headers_of
from .layout import ORIGINAL_ROW as ORIGINAL_ROW_COLUMN
from .sheets import FIX_SHEET
from .sheets.read import whole_number


def unsent_fix_edits(path: Path, existing: Any) -> list[str]:
    """Rows of the workbook's *Fix these* sheet the person changed (or added) since bulkship wrote it, as
    words ("row 8", "a new row"): corrections not yet run, which a rewrite would throw away. ``existing`` is
    the workbook's :func:`read_result_workbook`. [] when there are none or the sheet cannot be read."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        table = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(FIX_SHEET).to_python()
    except (CalamineError, OSError, ValueError, KeyError):
        return []
    if len(table) < 2:
        return []
    headers = [text_of(h) for h in table[0]]
    ours = headers_of(headers, FIX_EXTRA_FIELDS)
    original_at = headers.index(ours[ORIGINAL_ROW_COLUMN]) if ORIGINAL_ROW_COLUMN in ours else None
    mine = {headers.index(h) for h in ours.values()}
    written = dict(existing.rows)
    position = {h: i for i, h in enumerate(existing.headers)}
    edits = []
    for line in table[1:]:
        cells = [text_of(v) for v in line] + [""] * (len(headers) - len(line))
        row = whole_number(cells[original_at]) if original_at is not None else None
        was = written.get(row) if row is not None else None
        if was is None:
            if any(c.strip() for i, c in enumerate(cells) if i not in mine):
                edits.append("a new row")
            continue
        for i, header in enumerate(headers):
            at = position.get(header)
            if i in mine or at is None:
                continue
            before = text_of(was[at]) if at < len(was) else ""
            if cells[i].strip() != before.strip():
                edits.append(f"row {row}")
                break
    return edits


def pending_fix_edits(path: Path) -> list[str]:
    """:func:`unsent_fix_edits` of the result workbook at ``path``, read only as far as needed: a *Fix these*
    sheet with no row (the common case) costs no read of the Results sheet, and one with rows reads only
    their original cells there. [] when it cannot be read."""
    from python_calamine import CalamineError, CalamineWorkbook

    from .sheets.read import written_rows

    try:
        fixes = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(FIX_SHEET).to_python()
        if len(fixes) < 2:
            return []
        wanted = {row for line in fixes[1:] for row in [whole_number(text_of(v)) for v in line] if row}
        return unsent_fix_edits(path, written_rows(path, wanted))
    except (CalamineError, OSError, ValueError, KeyError, IndexError):  # unreadable: its own write says so
        return []
