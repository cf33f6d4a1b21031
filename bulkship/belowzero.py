"""Orders the vendor shows below zero: more given back than their cards cost (a card refunded twice over, a
refund written as a negative amount, a credit from elsewhere). Said nowhere in plain words, a card of 25.00
the vendor showed at -25.00 read "-25.00 charged" on status, the Summary and the Results page, "The vendor
charges -25.00 for this card" on its row, and reconcile "Everything matches" (hunter-money32's leftover, found
by hunter-money33): a figure below zero says neither that the vendor owes money back nor that it may not."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from .money import cents, money_text


def below_zero_note(charged: Mapping[str, Decimal], then: str = "", *, counted: bool = True) -> list[str]:
    """The note for the orders of ``charged`` (PO -> what the vendor shows it costs) below zero (none when
    none is); ``then``: where to compare, said last; ``counted``: the figures are the batch's money charged
    (not reconcile's reading of the vendor, which the ledger may count otherwise)."""
    below = {po: amount for po, amount in charged.items() if cents(amount) < 0}
    if not below:
        return []
    from .runnotes import named_orders

    back = -sum(below.values(), Decimal(0))
    return [
        f"The vendor shows {len(below)} order(s) ({named_orders(sorted(below))}) below zero, "
        f"-{money_text(back)} in all: {money_text(back)} more given back than their cards cost. It may owe "
        f"you {money_text(back)} (a credit), or it may write a refund as a negative amount (the cards then "
        f"cost 0.00 and nothing is owed back){COUNTED if counted else ''}. Ask the vendor which before "
        f"paying or booking a credit{then}"
    ]


COUNTED = ": the money charged here counts the figure it shows"


def charged_by_order(rows: Iterable[Any], created: Mapping[str, Any], billed: Mapping[str, Decimal]) -> dict:
    """PO -> what the ledger's rows (and what the vendor bills beside them) say each created order of
    ``created`` costs: its ordered rows that made a card, as ``track`` last recorded them."""
    from .billing import row_made_no_card

    charged: dict[str, Decimal] = {}
    for row in rows:
        po = row.po_number or ""
        if po in created and row.status == "ordered" and row.cost is not None and not row_made_no_card(row):
            charged[po] = charged.get(po, billed.get(po, Decimal(0))) + row.cost
    return charged
