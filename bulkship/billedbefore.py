"""What the vendor billed beside its orders' lines before (shipping or a fee on the order, by its own total),
said with a plan: the plan prices each order's lines from the catalog alone, and a vendor billing 5.95 on
every order beside them charged 55.95 for a cost page's 'Send 1 order(s) for 50.00 USD ... the most this
batch will spend', nothing said before (found by hunter-money25). Its earlier orders of the same vendor API
show it: said, never added to the total (the vendor may not bill it again)."""

from __future__ import annotations

from decimal import Decimal

from .ledger import Ledger
from .money import money_text

SHOWN = 3  # earlier orders named; the rest counted


def billed_before_notes(
    ledger: Ledger, batch: str, orders_to_send: int, *, api: str | None = None
) -> list[str]:
    """A note when earlier orders of ``batch``'s vendor API (``api`` for a batch the ledger does not hold
    yet: `validate --cost`) were billed money beside their lines (cards beyond their rows aside: those are
    cards, said where they are), and the plan sends ``orders_to_send`` orders; none otherwise."""
    if not orders_to_send:
        return []
    billed = _billed_beside_lines(ledger, batch, api)
    if not billed:
        return []
    most = max(billed.values())
    named = ", ".join(f"{po}: {money_text(amount)}" for po, amount in sorted(billed.items())[:SHOWN])
    more = f" and {len(billed) - SHOWN} more" if len(billed) > SHOWN else ""
    return [
        f"The vendor billed money beside the lines of {len(billed)} earlier order(s) (shipping or a fee on "
        f"the order, not in its catalog: {named}{more}). This plan's total counts each order's lines alone: "
        f"if the vendor bills so again, each of the {orders_to_send} order(s) to send may cost up to "
        f"{money_text(most)} more ({money_text(most * orders_to_send)} in all). Ask the vendor what it "
        "bills on an order"
    ]


def _billed_beside_lines(ledger: Ledger, batch: str, api: str | None) -> dict[str, Decimal]:
    """PO -> what the vendor billed on it beside its lines, of the orders of every batch sent to the same
    vendor API as ``batch`` (``batch``'s own alone when its API is not recorded); cards beyond its rows
    taken off."""
    record = ledger.batch(batch)
    api = record.api if record is not None else api
    same = {b.name for b in ledger.batches() if api is not None and b.api == api} | {batch}
    cards = ledger.billed_cards()
    found: dict[str, Decimal] = {}
    for po, (of, amount) in ledger.billed_on_orders().items():
        beside = amount - (cards[po].cost if po in cards else Decimal(0))
        if of in same and beside > 0:
            found[po] = beside
    return found
