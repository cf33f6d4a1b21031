"""The result workbook: writing it (XLSX and CSV) and reading it back.

The result workbook is what HR, finance and support open after a run. Its sheets:

* **Results**: one row per input row, in input order: the user's original columns untouched (text as text,
  numbers and dates typed as the input had them: bulkship.celltypes), then :data:`RESULT_COLUMNS` (described
  once, with how each is written and read back, in :mod:`bulkship.reconcile.layout`; one whose header reads as
  one of the user's is marked "(bulkship)"). Split into
  ``Results 2``, ``Results 3``... past Excel's row limit.
* **Fix these**: the rows that need the user (invalid, failed) in the input's own column layout, plus the
  problem and the original row number, so the sheet can be corrected and fed back to ``bulkship run``.
* **Orders**: one row per vendor order with its money.
* **Summary**: counts by status, totals by product and shipping method, where the data came from, a chart.

Nothing from the input is ever written as a formula: every text cell is a string cell, and text that a
spreadsheet could read as a formula on editing (``=``, ``+``, ``-``, ``@``, tab, CR first) also carries
Excel's quote prefix. The CSV export prefixes such text with ``'`` (the usual CSV-injection defence).

Writing uses XlsxWriter in ``constant_memory`` mode (rows streamed in order, flat memory), the floor of the
local pipeline. The workbook is written to a temporary file next to the target and renamed over it, so a
reader never sees half a workbook and a rewrite by ``bulkship track`` is atomic.

The package: :mod:`.book` (what the workbook shows, as values, and the sheets' names), :mod:`.cells`
(writing cells, formats, a sheet continued past the row limit), :mod:`.write` (the workbook and the CSV),
:mod:`.summary` (the Orders and Summary sheets), :mod:`.splice` (the fast path for the Results and key
sheets), :mod:`.read` (reading a workbook back).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ..layout import RESULT_COLUMNS
from .book import (
    FIX_SHEET,
    KEYS_SHEET,
    ORDERS_SHEET,
    RESULT_STATUSES,
    RESULTS_SHEET,
    SANDBOX_API,
    SUMMARY_SHEET,
    OrderSummary,
    ResultBook,
    RowOutcome,
    RunInfo,
    is_sheet_of,
)

if TYPE_CHECKING:
    from .read import ExistingResults, is_result_workbook, merge_outcome, read_result_workbook
    from .write import write_result_workbook, write_results_csv

# Reading and writing a workbook (XlsxWriter, numpy, the sheet scanners) are imported when first asked for:
# `bulkship status` adds the ledger up with the names of .book alone (about 0.2 s less at every start).
_LAZY = {
    "ExistingResults": ".read",
    "is_result_workbook": ".read",
    "merge_outcome": ".read",
    "read_result_workbook": ".read",
    "write_result_workbook": ".write",
    "write_results_csv": ".write",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "FIX_SHEET",
    "KEYS_SHEET",
    "ORDERS_SHEET",
    "RESULTS_SHEET",
    "RESULT_COLUMNS",
    "RESULT_STATUSES",
    "SANDBOX_API",
    "SUMMARY_SHEET",
    "ExistingResults",
    "OrderSummary",
    "ResultBook",
    "RowOutcome",
    "RunInfo",
    "is_result_workbook",
    "is_sheet_of",
    "merge_outcome",
    "read_result_workbook",
    "write_result_workbook",
    "write_results_csv",
]
