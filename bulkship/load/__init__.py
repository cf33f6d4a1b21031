"""Load stage: read a CSV, XLSX or ODS recipient sheet into text columns, nothing judged, nothing coerced.

Every cell becomes text ('' when blank); numbers are rendered as a person would type them (2134, 25.5: never
2134.0); the frame's index is the spreadsheet row number as the user sees it (title rows and header counted);
original headers are kept and mapped to canonical columns through the aliases in ``schemas/recipients.toml``
plus the program settings. Cells that held formulas, dates, or numbers too long for Excel are reported as
``read_problems`` for the validate stage to judge. Beside the text, each cell's type (number, date,
true/false: ``LoadedSheet.cell_types``, one byte a cell of the columns holding any) lets the outputs give the
user's cells back as they were (bulkship.celltypes).

Safety: workbooks are zip files of XML. Before a reader sees one, every XML part's prolog is parsed with
defusedxml (DTDs and entities refused, so an entity-expansion bomb fails in milliseconds) and sizes, rows and
columns are capped.

The package, one step a module: :mod:`.sheet` (the steps in order, :func:`load_sheet`), :mod:`.filetype` (the
file's size and real format), :mod:`.workbook` (workbooks checked, scanned and read), :mod:`.cells` (typed
cells into text), :mod:`.header` (the header row and the used area), :mod:`.skipped` (hidden rows, totals,
notes), :mod:`.problems` (what was read but is not what the person typed). CSV text is read by
:mod:`bulkship.csvread`, column mapping is :mod:`bulkship.columns`.
"""

from __future__ import annotations

from .filetype import CSV_EXTENSIONS, MAX_FILE_BYTES
from .sheet import load_sheet, require_recipient_rows, sheet_names

__all__ = ["CSV_EXTENSIONS", "MAX_FILE_BYTES", "load_sheet", "require_recipient_rows", "sheet_names"]
