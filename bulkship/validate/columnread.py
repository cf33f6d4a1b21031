"""A column the header left unread, read by its cells as a field (the card, the name, the company): the sheet
with the column in its map and marked used, said in a notice that takes the place of its 'not used' one."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..columns import ColumnInfo
from ..load.problems.gridcells import merged_cell_read
from ..models import LoadedSheet, Problem


def read_column_as(
    sheet: LoadedSheet, info: ColumnInfo, field: str, said: str, unused: str | None = None, **more: Any
) -> LoadedSheet:
    """``sheet`` with the column ``info`` read as ``field``, ``said`` among its notices, and the notice of it
    not used (beginning ``unused``) dropped; ``more``: other fields of the sheet to set."""
    notices = sheet.notices if unused is None else tuple(n for n in sheet.notices if not n.startswith(unused))
    return replace(
        _merged_read_down(sheet, info, field),
        column_map={**sheet.column_map, info.header: field},
        columns=tuple(replace(i, field=field, status="used") if i is info else i for i in sheet.columns),
        notices=(*notices, said),
        **more,
    )


def _merged_read_down(sheet: LoadedSheet, info: ColumnInfo, field: str) -> LoadedSheet:
    """``sheet`` with the cells merged down the column read on each row they cover, with a warning on each,
    as the load stage reads a merge in a column its header names: a team's 'Gift' = 'CVS $50' merged over
    three rows read on the first only, the two under it 'is empty; fill in the card' (newcomer30's N3)."""
    merges = [(first, last) for header, first, last in sheet.merged_unread if header == info.header]
    if not merges:
        return sheet
    frame = sheet.frame.copy()
    types = sheet.cell_types.copy() if sheet.cell_types is not None else None
    warned: list[Problem] = []
    for first, last in merges:
        text = str(frame.at[first, info.header]) if first in frame.index else ""
        ref = f"{info.letter}{first}:{info.letter}{last}"
        for row in range(first + 1, last + 1):
            if not text or row not in frame.index or frame.at[row, info.header]:
                continue
            frame.at[row, info.header] = text
            if types is not None and info.header in types.columns:
                types.at[row, info.header] = types.at[first, info.header]  # still a number in the outputs
            warned.append(merged_cell_read(row, info.header, field, ref, text))
    return replace(sheet, frame=frame, cell_types=types, read_problems=(*sheet.read_problems, *warned))
