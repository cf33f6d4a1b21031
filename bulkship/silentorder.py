"""An order the vendor shows Failed or Cancelled while none of its lines says anything: no line listed, or
lines without a status or parcel of their own (found by hunter-vendor5). Whether its cards were made (a
line item cancelled after printing, an order failed for funds before anything) is not said, and the
contract does not say what the order's word means for its lines.

Read as 'pending' (the create's lines recorded, the later reads showing none), such rows stayed so for good,
counted charged, the order polled at every `track`; read as 'failed' (nothing recorded of the lines), the run
said "correct them and run it", which a corrected row (held as a repeat) cannot do, the money still
'charged'. Neither sending again (a second card if one was made) nor 'ordered' (a person without one if
none was) is safe: the rows wait for a person, their money in doubt, and `reconcile --review` releases
them once the vendor says no card was made."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .models import VendorLineItem, VendorOrder
from .statuses import NO_CARD_STATUSES, status_letters


def _silent(line: VendorLineItem) -> bool:
    return not (line.status or "").strip() and not any(s.shows_parcel for s in line.shipments)


def says_nothing_of_lines(vendor_order: VendorOrder) -> bool:
    """The order ended Failed or Cancelled and none of its card lines says what became of its card."""
    return (vendor_order.status or "").strip().casefold() in NO_CARD_STATUSES and all(
        _silent(line) for line in vendor_order.card_lines
    )


def waiting_note(po_number: str, vendor_order: VendorOrder, batch: str) -> str:
    """A review row's note: what the vendor shows, what is not known, what a person does."""
    shown = "without its lines" if not vendor_order.line_items else "with lines that say nothing"
    return (
        f"Needs review: the vendor shows order {po_number} {vendor_order.status} {shown}: whether this row's "
        "card was made is not known, so it is neither shown ordered nor sent again by itself, and its money "
        f"is in doubt. Ask the vendor, then settle it: bulkship reconcile {batch} --review (--release sends "
        "it again once the vendor says no card was made)"
    )


def rows_left_unsaid(rows: Sequence[Any], vendor_order: VendorOrder, card_made: frozenset[str]) -> list[int]:
    """The places in ``rows`` of ordered rows for which such an order says nothing: no card recorded made
    (no status in ``card_made``, no tracking number, shipped or delivered date) and none recorded ended."""
    if not says_nothing_of_lines(vendor_order):
        return []
    found = []
    for place, row in enumerate(rows):
        status = status_letters(row.line_status)
        if row.status != "ordered" or status in card_made | NO_CARD_STATUSES:
            continue
        if row.tracking_number or row.tracking_url or row.shipped_date or row.delivered_date:
            continue
        found.append(place)
    return found
