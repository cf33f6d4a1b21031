"""Rows taken out of a batch's file and sent as a batch of their own, back in the file: sent elsewhere.

A ``bulkship run --max-total`` refused advises sending part of the list: the shorter file under the batch's
name, the rows taken out as a batch of their own. The whole file run again under the first batch then held
those rows as repeats ('the same recipient, address, card and value were ordered in batch ...'), with
``--allow-repeat`` the only way offered: a second card for each (a known leftover, verified by
hunter-vendor29). A row this batch planned and never sent whose very card (same recipient, address, card
and value) another batch's order made after this batch began is that row's card: the row is left out as
sent elsewhere (status ``elsewhere``, naming the order), never sent from this batch whatever flag is given,
no money of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..ledger.records import ELSEWHERE, ELSEWHERE_NOTE, OrderRecord, RowRecord

if TYPE_CHECKING:
    from ..ledger import Ledger

# the row of this batch was planned and never sent: no card of this batch's holds it
_NEVER_SENT = ("planned", "held")
_UNSENT_ORDERS = ("planned", "cancelled")  # the order a never-sent row may still be on


def taken_out_note(
    record: RowRecord | None,
    order: OrderRecord,
    line: int,
    row: int | None,
    *,
    batch_began: str,
    own: OrderRecord | None,
) -> str | None:
    """What ``record`` (a row of this batch, or None when new to it; ``own`` the order of this batch it is
    on, if any) says as a row sent elsewhere, its card being line ``line`` of ``order`` (another batch's,
    the other batch's row ``row``), or None when it is not one: a row new to the batch, or one it sent or
    may have, or an order in doubt or older than the batch."""
    if record is None or record.status not in _NEVER_SENT:
        return None
    if record.po_number is not None and (own is None or own.state not in _UNSENT_ORDERS):
        return None
    if order.state != "created" or not order.vendor_order_id or row is None or order.created <= batch_began:
        return None
    how = (
        f"batch {order.batch!r}, its row {row}: the same recipient, address, card and value, ordered "
        f"{order.created[:10]} after this batch planned the row, as rows taken out of this list and run as a "
        "batch of their own"
    )
    return ELSEWHERE_NOTE.format(
        line=line + 1, po=order.po_number, order_id=order.vendor_order_id, how=how, by="bulkship"
    )


_SHOWN = 5


def sent_elsewhere_notes(ledger: Ledger, batch: str) -> list[str]:
    """What a run says of the batch's rows sent elsewhere (empty when none): the whole list run again after
    its split ended with '(4 pending, 2 sent elsewhere)' alone, naming no order."""
    rows = ledger.current_rows_with_status(batch, ELSEWHERE)
    if not rows:
        return []
    lines = [
        f"{len(rows)} row(s) not sent from this batch: their cards are in another batch's order already:"
    ]
    lines += [f"  row {r.row}: {r.error}" for r in rows[:_SHOWN]]
    if len(rows) > _SHOWN:
        lines.append(f"  ... and {len(rows) - _SHOWN} more (see the result workbook)")
    return lines
