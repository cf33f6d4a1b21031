"""A column the header left unread, read by its cells as a field (the card, the name, the company): the sheet
with the column in its map and marked used, said in a notice that takes the place of its 'not used' one."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..columns import ColumnInfo
from ..models import LoadedSheet


def read_column_as(
    sheet: LoadedSheet, info: ColumnInfo, field: str, said: str, unused: str | None = None, **more: Any
) -> LoadedSheet:
    """``sheet`` with the column ``info`` read as ``field``, ``said`` among its notices, and the notice of it
    not used (beginning ``unused``) dropped; ``more``: other fields of the sheet to set."""
    notices = sheet.notices if unused is None else tuple(n for n in sheet.notices if not n.startswith(unused))
    return replace(
        sheet,
        column_map={**sheet.column_map, info.header: field},
        columns=tuple(replace(i, field=field, status="used") if i is info else i for i in sheet.columns),
        notices=(*notices, said),
        **more,
    )
