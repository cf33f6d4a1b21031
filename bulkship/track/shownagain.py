"""Rows waiting for review on an order this ledger created whose read now shows their lines by proof: ordered.

A 201 whose order showed fewer lines than were sent (read again at once, still fewer) leaves the rows it
did not show waiting for review, their money in doubt: neither shown ordered nor sent again. The vendor's
later reads of the same order (every poll, ``track``, a webhook) showed them with their ExternalId, card and
recipient, and the rows still waited, 'needs attention', until a person typed ``reconcile --settle-found``
(session 47's leftover). Each read of the order now settles them as that command does, with the same
checks and by proof alone (no row a line does not prove); rows nothing proves keep waiting.
"""

from __future__ import annotations

import logging

from ..errors import BulkshipError
from ..ledger import Ledger, OrderRecord
from ..ledger.tracking import SETTLED_BY_READ
from ..models import VendorOrder

log = logging.getLogger("bulkship.track")

# who settled them, in the ledger's event, as a person's name is (a later read showing another recipient or
# card on their lines is said then, as of any row: a person's settling is not)
READ_AGAIN = SETTLED_BY_READ
_WHY = "the vendor's order, read again, shows these rows' lines with their ExternalId, card and recipient"


async def settle_shown_again(
    client: object, ledger: Ledger, order: OrderRecord, vendor_order: VendorOrder
) -> bool:
    """Settle the rows waiting for review on ``order`` that ``vendor_order`` (its read, under its PO)
    shows by proof; True when any was. Nothing is sent; a refusal of the checks leaves them waiting."""
    if vendor_order.po_number and vendor_order.po_number != order.po_number:
        return False
    if not ledger.has_rows_in_review(order.po_number):  # nearly every read: one probe of an index
        return False
    own = ledger.order(order.po_number)
    if own is None or own.state != "created":
        return False
    waiting = [r for r in ledger.rows_by_po(own.po_number) if r.status == "review"]
    if not waiting:
        return False
    from ..resolve.settle import settle_on
    from ..resolve.vendorview import VendorView, proven_at_vendor

    view = VendorView([vendor_order], [], complete=False, why_incomplete="")
    proven = proven_at_vendor(ledger, own.batch, view, {own.po_number: waiting})
    if not any(p.vendor_order.po_number == own.po_number for p in proven):
        return False
    try:
        await settle_on(
            ledger, client, own.batch, own, waiting, vendor_order, set(), by=READ_AGAIN, reason=_WHY
        )
    except BulkshipError as exc:  # the checks refused: the rows keep waiting for a person
        log.info("rows waiting on %s not settled from its read: %s", own.po_number, exc.message)
        return False
    return True
