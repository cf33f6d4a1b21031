"""The reconcile stage: join ledger state back onto the source rows, write the result workbook, and compare
the ledger with the vendor's own order list.

    book = book_from_run(ledger, batch, validation, api=settings.api_url, catalog=catalog)
    write_result_workbook(book, out_dir / f"{batch}-results.xlsx")     # Results, Fix these, Orders, Summary
    write_results_csv(book, out_dir / f"{batch}-results.csv")          # --csv

Modules: :mod:`.layout` (the result columns, described once), :mod:`.sheets` (writing and reading the
workbook, formula-safe), :mod:`.join` (ledger + rows -> :class:`ResultBook`), :mod:`.compare` (ledger vs
vendor), :mod:`.batch` (``bulkship reconcile``: the vendor's list read and compared).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..statuses import FINAL_STATUSES
from . import join, sheets
from .join import LedgerView, row_status
from .sheets import RESULT_COLUMNS, RESULT_STATUSES, OrderSummary, ResultBook, RowOutcome, RunInfo

if TYPE_CHECKING:
    from .join import book_from_existing, book_from_run
    from .sheets import ExistingResults, read_result_workbook, write_result_workbook, write_results_csv


def __getattr__(name: str) -> Any:
    """The workbook's content, reader and writer, imported when first asked for (see .join and .sheets)."""
    for package in (join, sheets):
        if name in package._LAZY:
            return getattr(package, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FINAL_STATUSES",
    "RESULT_COLUMNS",
    "RESULT_STATUSES",
    "ExistingResults",
    "LedgerView",
    "OrderSummary",
    "ResultBook",
    "RowOutcome",
    "RunInfo",
    "book_from_existing",
    "book_from_run",
    "read_result_workbook",
    "row_status",
    "write_result_workbook",
    "write_results_csv",
]
