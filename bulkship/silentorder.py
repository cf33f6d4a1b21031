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

import dataclasses
import shlex
from collections.abc import Sequence
from typing import Any

from .models import VendorLineItem, VendorOrder
from .statuses import NO_CARD_STATUSES, is_vendor_code, status_letters


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
        f"is in doubt. Ask the vendor, then settle it: bulkship reconcile {shlex.quote(batch)} --review "
        "(--release sends "
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


# An order the vendor shows Complete while its lines say nothing (found by hunter-vendor7): a vendor giving
# only the order's status. Its rows read 'pending' ("the card is not made yet") for good, and `track --watch`
# polled it for ever, nothing said. The order's word is each silent line's: 'complete' (the card made; its
# money charged as before), and ``--watch`` stops waiting for it, saying so (a plain `track` reads it again).
COMPLETE = "complete"


def complete_says_nothing(vendor_order: VendorOrder) -> bool:
    """The order is Complete, shows its card lines, and none of them says a status or a parcel of its own
    (an order showing no line at all: its rows were said 'complete' by none, yet track said "its 0 row(s)
    show 'complete'" beside 4 pending; found by review21)."""
    lines = vendor_order.card_lines
    return status_letters(vendor_order.status) == COMPLETE and bool(lines) and all(map(_silent, lines))


def order_word_on_silent_lines(
    matches: Sequence[VendorLineItem | None], vendor_order: VendorOrder
) -> list[VendorLineItem | None]:
    """``matches`` with each silent line of a Complete order given the order's status."""
    if status_letters(vendor_order.status) != COMPLETE:
        return list(matches)
    return [
        dataclasses.replace(line, status=vendor_order.status) if line is not None and _silent(line) else line
        for line in matches
    ]


def complete_silent_note(po_number: str, rows: int) -> str:
    """What `track` says of such an order."""
    return (
        f"The vendor shows order {po_number} Complete, but its lines say nothing of each card (no status, no "
        f"tracking number): its {rows} row(s) show 'complete'. `track --watch` stops waiting for it; "
        "`bulkship track` reads it again, and the vendor can tell you where the cards are"
    )


def codes_of(vendor_order: VendorOrder) -> list[str]:
    """The statuses the order and its card lines show as numbers (:data:`~bulkship.statuses.VENDOR_CODE`),
    each once, when the lines say no word bulkship follows: an order's code beside lines saying Shipped is
    no reason to stop following them."""
    lines = [line.status for line in vendor_order.card_lines]
    if not any(is_vendor_code(s) for s in lines) and any((s or "").strip() for s in lines):
        return []
    said = [vendor_order.status, *lines]
    return list(dict.fromkeys(s.lower() for s in said if is_vendor_code(s)))


def codes_note(po_number: str, codes: Sequence[str]) -> str:
    """What `track` says of an order whose statuses are numbers: ``--watch`` stops waiting for it."""
    return (
        f"The vendor writes the status of order {po_number} as a number ({', '.join(codes)}), which nothing "
        "documents: bulkship cannot tell whether its cards were made, shipped or failed, and shows the code. "
        "Ask the vendor what its codes mean; `track --watch` stops waiting for it, `bulkship track` reads it "
        "again"
    )
