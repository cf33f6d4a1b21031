"""Fast streaming of a big worksheet's cells into an XLSX that XlsxWriter laid out.

XlsxWriter costs about 5 µs per cell in Python; a 100k-row result sheet of 31 columns is then most of a run's
local time. Here XlsxWriter still writes the workbook (styles, frozen header, filter, widths, other sheets,
charts) with a skeleton of the big sheet, and :func:`splice_sheet_data` swaps in that sheet's ``<sheetData>``,
generated as XML text about ten times faster. Cells are inline strings (never formulas, never shared-string
bloat) or numbers; style indices come from XlsxWriter ``Format`` objects registered in the skeleton.

The package: :mod:`.text` (a cell's text, cut and escaped), :mod:`.cells` (rows of cells as XML, typed and
styled by column), :mod:`.splice` (the sheet's cells swapped into the workbook).
"""

from __future__ import annotations

from .cells import ColumnStyle, blocks_xml, column_letter, rows_xml, typed_cell
from .splice import SheetCells, sheet_part, splice_sheet_data, splice_sheets
from .text import MAX_CELL_TEXT, all_plain, cell_text, inline_string, is_cut, is_plain

__all__ = [
    "MAX_CELL_TEXT",
    "ColumnStyle",
    "SheetCells",
    "all_plain",
    "blocks_xml",
    "cell_text",
    "column_letter",
    "inline_string",
    "is_cut",
    "is_plain",
    "rows_xml",
    "sheet_part",
    "splice_sheet_data",
    "splice_sheets",
    "typed_cell",
]
