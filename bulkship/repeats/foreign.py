"""Rows of a results sheet another ledger wrote: a row whose PO Number or Order ID column says it was
ordered, in an order this ledger does not hold, is held (found by hunter-web5).

A batch's results CSV (or its Results sheet copied into a list) downloaded on one computer and sent from
another bulkship, with a ledger of its own (another server, a laptop, a ledger since lost), was a list like
any other: its result columns are not read as the order (:mod:`bulkship.otherheaders`), no earlier batch of
that ledger held its rows, and every card already ordered, shipped or delivered went out again. On the ledger
that sent them the usual repeat checks hold them; this one needs no ledger of theirs: the sheet says it.
Rows the sheet says made no card (failed, not valid, held...) are sent as any other row."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..models import FINGERPRINT, STATUS
from ..otherheaders import BULKSHIP_MARK, results_columns
from ..schema import header_key
from .policy import _HELD_PREFIX, ALLOW_FLAG

if TYPE_CHECKING:
    import pandas as pd

    from ..ledger import Ledger
    from ..models import LoadedSheet

# A row's status in a results sheet saying no card was made for it: bulkship.statuses (failed: the vendor
# refused it; the others never left). Any other status with an order named (an unknown word too): maybe one.
NO_CARD = frozenset({"failed", "invalid", "duplicate", "skipped", "held", "cancelled"})
# Headers only bulkship writes: a person's own export may well have a 'PO Number' and an 'Order ID' (their
# purchase order, their shop's order), whose rows were never sent by any bulkship
OURS_ONLY = ("Problems / vendor error", "Normalised values", "Line Item ID")


def _header(headers: list[str], name: str) -> str | None:
    """The header bulkship wrote for ``name``: 'Status (bulkship)' beside a person's own 'Status', else it."""
    key = header_key(name)
    found = [h for h in headers if header_key(BULKSHIP_MARK.sub("", h)) == key]
    marked = [h for h in found if BULKSHIP_MARK.search(h)]
    return next(iter(marked or found), None)


def _cell(frame: pd.DataFrame, row: Any, header: str | None) -> str:
    if header is None or header not in frame.columns or row not in frame.index:
        return ""
    value = frame.at[row, header]
    return "" if value is None or str(value) == "nan" else str(value).strip()


def ordered_by_another_ledger(ledger: Ledger, sheet: LoadedSheet, frame: pd.DataFrame) -> dict[str, str]:
    """The valid rows of ``frame`` (validated from ``sheet``) to hold: fingerprint -> why."""
    raw = getattr(sheet, "frame", None)
    headers = [str(h) for h in sheet.headers]
    if raw is None or not results_columns(headers):
        return {}
    if not any(_header(headers, name) for name in OURS_ONLY):
        return {}
    po_header, id_header = _header(headers, "PO Number"), _header(headers, "Order ID")
    status_header = _header(headers, "Status")
    if po_header is None and id_header is None:
        return {}
    known: dict[tuple[str, str], bool] = {}
    holds: dict[str, str] = {}
    valid = frame[frame[STATUS] == "valid"]
    for row, fingerprint in zip(valid.index.tolist(), valid[FINGERPRINT].astype(str).tolist(), strict=True):
        po, order_id = _cell(raw, row, po_header), _cell(raw, row, id_header)
        status = _cell(raw, row, status_header).lower()
        if not (po or order_id) or status in NO_CARD:
            continue
        key = (po, order_id)
        if key not in known:  # the vendor's order id first: two ledgers may each have a BS-GIFTS-0001
            found = ledger.order_by_vendor_id(order_id) if order_id else ledger.order(po)
            known[key] = found is not None
        if not known[key]:
            order = f"PO {po}" if po else f"vendor order {order_id}"
            said = f" (status '{status}')" if status else ""
            holds[fingerprint] = (
                f"{_HELD_PREFIX}the sheet's result columns say this row was ordered in {order}{said}, an "
                "order this ledger does not hold: the results of another bulkship (another computer, or a "
                f"ledger since lost). Take the row out of the list, or re-run with {ALLOW_FLAG} to send it "
                "another card on purpose"
            )
    return holds
