"""Join ledger state back onto the source rows: the values behind the result workbook.

Two ways in:

* right after a run, from the :class:`~bulkship.models.LoadedSheet` and
  :class:`~bulkship.models.ValidationResult` in hand (:func:`book_from_run`);
* later (``bulkship track``, the webhook receiver), from the result workbook written before, whose hidden
  key sheet maps each spreadsheet row to its ledger fingerprint (:func:`book_from_existing`).

Either way the ledger is the truth for everything the vendor said; the workbook (or validation) is the
truth for the user's original cells and for validation problems. Nothing here writes to the ledger.

The package, one job a module (each imports only those before it): :mod:`.prices` (the catalog figures a
line's total is broken down with), :mod:`.outcome` (one row: status, money bucket, note), :mod:`.view` (a
batch read once, and its money and counts), :mod:`.framerows` (the sheet's cells without a copy),
:mod:`.earlier` (rows of an earlier file that still hold money), :mod:`.books` (the workbook's content after
a run, or refreshed later).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .outcome import (
    COST_UNKNOWN_NOTE,
    FAILED_AT_VENDOR_NOTE,
    IN_DOUBT_ORDER_STATES,
    ORDER_ONLY_NOTE,
    ORDER_SHEET_STATES,
    UNSETTLED_ORDER_STATES,
    VENDOR_LINE_STATUSES,
    line_ended,
    made_no_card,
    made_no_card_note,
    money_bucket,
    outcome_from_ledger,
    row_standing,
    row_status,
    waits_in_created_order,
)
from .prices import NO_PRICES, PRICES_EVENT, BatchPrices, Prices, batch_prices, record_prices
from .view import LedgerView, counts_by_row_status, money_by_bucket

if TYPE_CHECKING:
    from .books import (
        book_from_existing,
        book_from_run,
        counts_by_status,
        for_the_workbook,
        input_files,
        ledger_keys,
        run_info,
    )
    from .earlier import GONE_NOTE, GONE_OPEN_NOTE, recipient_sent, with_gone_note

# The workbook's content (.books, .earlier: the sheet's cells, typed with numpy) is imported when first asked
# for: `bulkship status` needs only a batch's money and counts (.view).
_LAZY = {
    **dict.fromkeys(
        (
            "book_from_existing",
            "book_from_run",
            "counts_by_status",
            "for_the_workbook",
            "input_files",
            "ledger_keys",
            "run_info",
        ),
        ".books",
    ),
    **dict.fromkeys(("GONE_NOTE", "GONE_OPEN_NOTE", "recipient_sent", "with_gone_note"), ".earlier"),
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "COST_UNKNOWN_NOTE",
    "FAILED_AT_VENDOR_NOTE",
    "GONE_NOTE",
    "GONE_OPEN_NOTE",
    "IN_DOUBT_ORDER_STATES",
    "NO_PRICES",
    "ORDER_ONLY_NOTE",
    "ORDER_SHEET_STATES",
    "PRICES_EVENT",
    "UNSETTLED_ORDER_STATES",
    "VENDOR_LINE_STATUSES",
    "BatchPrices",
    "LedgerView",
    "Prices",
    "batch_prices",
    "book_from_existing",
    "book_from_run",
    "counts_by_row_status",
    "counts_by_status",
    "for_the_workbook",
    "input_files",
    "ledger_keys",
    "line_ended",
    "made_no_card",
    "made_no_card_note",
    "money_bucket",
    "money_by_bucket",
    "outcome_from_ledger",
    "recipient_sent",
    "record_prices",
    "row_standing",
    "row_status",
    "run_info",
    "waits_in_created_order",
    "with_gone_note",
]
