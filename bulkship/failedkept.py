"""An order's lines the vendor ended without a card whose cost its own total still counts: read as refunded,
as the sandbox's failures are, though the vendor may have charged them (found by hunter-money14). Said by
``reconcile`` as a difference, and recorded by ``track`` (:data:`FAILED_COUNTED`) for the run, ``status``
and the Summary to say (runnotes.failed_counted_notes)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .models import VendorLineItem, VendorOrder
from .money import cents

FAILED_COUNTED = "failed_counted"  # an order's total still counting lines it ended without a card


def failed_lines_still_counted(order: VendorOrder) -> list[VendorLineItem]:
    """The card lines the vendor ended without a card (Failed, Cancelled, nothing shipped) at a cost above
    0.00 that its own total still counts: a total equal to every card line's cost, the ended ones among them,
    or beyond it (shipping or fees billed on the order beside them); or that no total of its own says
    refunded (it shows none). Read as refunded, a vendor showing line 2 of 4 'Failed' (25.00) and the order
    at 100.00 had status, the Summary and reconcile say 75.00 charged, 'Everything matches': if it did not
    refund the line, 25.00 charged that nobody was told of (found by hunter-money14); so too an order whose
    every line failed with its total kept, and one showing no total (hunter-money15's leftovers). None when
    a cost is unknown, the lines come in pages or are not priced yet, the line shows 0.00 (refunded), or the
    order's total leaves them out (the sandbox's failed orders: 0.00)."""
    # a line whose own status says 'Refunded' is no doubt: said, the vendor's word read 'shows 1 line(s)
    # Failed ... it may not have refunded them' (found by hunter-money16)
    return [li for li in _still_counted(order) if not li.refunded]


def _still_counted(order: VendorOrder) -> list[VendorLineItem]:
    """:func:`failed_lines_still_counted`, a line whose status says refunded among them."""
    if order.lines_partial or order.unpriced or not order.line_items:
        return []
    if any(li.cost is None for li in order.line_items):
        return []
    made = {id(li) for li in order.made_card_lines}
    ended = [li for li in order.card_lines if id(li) not in made and (li.cost or Decimal(0)) > 0]
    if not ended or order.total is None:
        return ended  # no total of its own: nothing says the vendor refunded them
    every = sum((li.cost or Decimal(0) for li in order.line_items), Decimal(0)) - order.discount
    kept = {id(li) for li in ended}
    others = sum((li.cost or Decimal(0) for li in order.line_items if id(li) not in kept), Decimal(0))
    total = cents(order.total)
    if total == cents(every) * 100:  # every line's cost, in cents
        return ended
    if total in {cents(others - order.discount) * 100, cents(others) * 100}:  # without them, in cents
        return []
    if order.charges and total == cents(others + order.charges - order.discount):
        return []  # the other lines and the charges the order writes beside them: them refunded
    # ... some of them refunded in their own words ('Refunded', 'Voided'), the others not ('Refund Pending'):
    # a total of the other lines and those counts them. Read as a charge beside the lines, a card's 100.00
    # awaiting its refund was said as shipping billed on the order, reconcile 'Everything matches' (found by
    # newcomer28)
    unrefunded = [li for li in ended if not li.refunded]
    if 0 < len(unrefunded) < len(ended):
        held = others + sum((li.cost or Decimal(0) for li in unrefunded), Decimal(0))
        if total in {cents(held - order.discount), cents(held)}:
            return ended
    # a total beyond every line's cost counts the failed lines' too, or shipping or fees billed on the order
    # as large: which is unknown. Read 'every line and 9.95 of shipping, the failed line refunded' (109.95
    # beside lines of 100.00, the failed one 25.00), status said 84.95 charged and reconcile 'Everything
    # matches' (hunter-money15's leftover, found again by hunter-money16)
    return ended if total >= cents(every) else []


def ended_word(lines: Sequence[VendorLineItem]) -> str:
    """The vendor's word for ``lines`` ended without a card: 'Failed', 'Cancelled', or 'Failed or Cancelled'
    ('Refund Pending' as it wrote it). Said 'Failed' of every one, a vendor's Cancelled lines were looked for
    among its failed ones (found by hunter-money16)."""
    words = sorted({li.refund_word or li.status for li in lines if li.status}) or ["Failed"]
    return " or ".join(words)


def note_failed_counted(
    db: Any, batch: str, po_number: str, vendor_order: VendorOrder, rows: Sequence[Any]
) -> None:
    """Record, once per PO and reading, the failed lines the order's total still counts ({'amount',
    'total', 'lines', 'rows'}), or {} when it shows them so no more (said before: its note withdrawn)."""
    from .ledger import sql
    from .ledger.records import now_iso

    kept = failed_lines_still_counted(vendor_order)
    detail: dict[str, Any] = {}
    if kept:
        ids = {li.id for li in kept if li.id}
        refs = {" ".join(li.external_id.split()).casefold() for li in kept if li.external_id}
        numbers = sorted(
            {
                int(r.row)
                for r in rows
                if (r.line_item_id and r.line_item_id in ids)
                or (r.external_id and " ".join(str(r.external_id).split()).casefold() in refs)
            }
        )
        amount = sum((li.cost or Decimal(0) for li in kept), Decimal(0))
        detail = {
            "amount": str(cents(amount)),
            "total": None if vendor_order.total is None else str(cents(vendor_order.total)),
            "lines": len(kept),
            "rows": numbers,
            "status": ended_word(kept),
        }
    earlier = sql.events(db, None, po_number, None, [FAILED_COUNTED])
    said = json.loads(earlier[-1]["detail"] or "{}") if earlier else {}
    if detail and not detail["rows"] and said.get("rows") and said.get("amount") == detail["amount"]:
        detail["rows"] = said["rows"]  # its rows since sent again on another order: still named
    if said == detail:
        return
    sql.insert_event(db, now_iso(), batch, po_number, FAILED_COUNTED, json.dumps(detail, sort_keys=True))
