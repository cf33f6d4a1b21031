"""A workbook whose formulas were never calculated (written by a program: openpyxl, XlsxWriter, a Java or .NET
export), refused when a column bulkship does not order from holds them: the reader gets an empty cell or a 0
where Excel shows 'No' or 'Terminated', and a column saying whether to send a row is read wrong both ways
(found by hunter-sheets3: 'Eligible' =IF(Years>=10,"Yes","No") sent every row, or left out every row as '0').
A formula in a column the order reads is an error on its row already (problems.rows)."""

from __future__ import annotations

from ..errors import FileFormatError
from ..models import SkippedRow
from ..sheetscan import column_letter
from .cells import _Grid

# rows the person left out themselves, or a totals row found by its formula: what their cells read is moot
_LEFT_OUT = frozenset({"hidden", "filtered", "collapsed", "crossed", "totals"})


def refuse_uncalculated(
    grid: _Grid,
    rows: list[int],
    headers: dict[int, str],
    column_map: dict[str, str],
    skipped: list[SkippedRow],
    where: str,
) -> None:
    unvalued = grid.scan.unvalued if grid.scan else set()
    if not unvalued:
        return
    moot = {s.row for s in skipped if s.kind in _LEFT_OUT}
    listed = set(rows) - moot
    found = sorted(
        (col, row)
        for row, col in unvalued
        if row in listed and col in headers and headers[col] not in column_map
    )
    if not found:
        return
    col, row = found[0]
    others = len(found) - 1
    raise FileFormatError(
        f"{where}: column '{headers[col]}' holds formulas whose results the file does not keep (cell "
        f"{column_letter(col)}{row}: {grid.formulas[(row, col)]}"
        + (f", and {others} more" if others else "")
        + "): a program wrote them for Excel to calculate, and bulkship would read them empty (or 0), not as "
        "the sheet shows them",
        hint="open the file in Excel or LibreOffice and save it (the results are then kept), or paste the "
        "column as values, then use that file",
    )
