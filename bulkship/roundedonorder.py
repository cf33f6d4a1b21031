"""Orders whose own total the vendor rounded once on the order, a cent or two below their lines' per-card
costs (:func:`bulkship.billing.rounded_on_order`): charged at the total, and said in plain words wherever the
figure shows. Counted at the lines, 97.52 read charged for the 97.50 billed (found by hunter-money33)."""

from __future__ import annotations

from collections.abc import Container, Mapping
from decimal import Decimal
from typing import Any

from .money import money_text


def rounded_orders(ledger: Any, batch: str, orders: Container[str] | None = None) -> dict[str, Decimal]:
    """PO -> how far the vendor's own total of each order of ``batch`` (of ``orders`` only, when given) is
    below its lines by its rounding, as last read."""
    return {po: rounded for po, (rounded, _total) in _read(ledger, batch, orders).items()}


def _read(ledger: Any, batch: str, orders: Container[str] | None) -> dict[str, tuple[Decimal, Decimal]]:
    """PO -> (its rounding, its own total) of the orders :func:`rounded_orders` reads, in one read."""
    from .ledger.ordernotes import ROUNDED
    from .ledger.records import BILLED_ON_ORDER

    latest = {str(e.po_number or ""): e.detail for e in ledger.events(batch, kinds=[BILLED_ON_ORDER])}
    return {
        po: (Decimal(str(detail[ROUNDED])), Decimal(str(detail.get("total") or 0)))
        for po, detail in latest.items()
        if detail.get(ROUNDED) and (orders is None or po in orders)
    }


def rounded_note(rounded: Mapping[str, Decimal], totals: Mapping[str, Decimal], then: str = "") -> list[str]:
    """The note for the orders of ``rounded`` (PO -> the rounding) whose own totals are ``totals``: none when
    none; ``then``: said last."""
    if not rounded:
        return []
    from .runnotes import named_orders

    less = sum(rounded.values(), Decimal(0))
    total = sum((totals.get(po, Decimal(0)) for po in rounded), Decimal(0))
    return [
        f"The vendor rounded on the order: {len(rounded)} order(s) ({named_orders(sorted(rounded))}) cost "
        f"{money_text(total)} for lines of {money_text(total + less)} (a discount rounded once on the "
        f"order, not on each card): the money charged counts the order's own total, {money_text(less)} "
        f"less than its rows add up to, shown as discount on the order{then}"
    ]


def rounded_of_batch(ledger: Any, batch: str, orders: Container[str]) -> list[str]:
    """:func:`rounded_note` of the batch's ``orders`` (the created ones), as the ledger last read them."""
    found = _read(ledger, batch, orders)
    return rounded_note({po: r for po, (r, _t) in found.items()}, {po: t for po, (_r, t) in found.items()})
