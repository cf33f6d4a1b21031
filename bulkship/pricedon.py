"""When a batch's money still to send was priced: its planned orders keep the cost of the plan that last
priced them (:mod:`bulkship.reprice`), and the vendor may change a price or fee at any time after. `bulkship
status` and the Batches page never ask the vendor, so they say the day of those prices beside the figure: a
plan kept at 63.38 read 'To send 63.38' days after the vendor raised a fee to make it 69.38, with nothing
saying when 63.38 was true (hunter-money19's leftover).
"""

from __future__ import annotations

from .ledger import Ledger


def priced_on(ledger: Ledger, batch: str | None = None) -> dict[str, str]:
    """Batch (``batch``, else every batch) -> when the costs its planned orders hold were priced (ISO time),
    for the batches holding planned orders: of each order's newest pricing (its planning, or its newest
    repricing), the oldest, so every order's cost is at least that recent."""
    planned = ledger.orders(batch, states=("planned",), payloads=False)
    if not planned:
        return {}
    repriced: dict[str, str] = {}
    for event in ledger.events(batch, kinds=["repriced"]):
        if event.po_number:
            repriced[event.po_number] = max(repriced.get(event.po_number, ""), event.at)
    found: dict[str, str] = {}
    for order in planned:
        at = max(order.created, repriced.get(order.po_number, ""))
        found[order.batch] = min(found.get(order.batch, at), at)
    return found


def priced_words(at: str) -> str:
    """'as priced 2026-12-05 10:22' (UTC, as the Batches page writes a batch's start)."""
    return f"as priced {at[:16].replace('T', ' ')}"
