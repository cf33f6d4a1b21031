"""Rows the vendor charged within a cent a card of their plan: its rounding (per line where the plan rounds
per card), not a price, as a run's limit reads it (``billing.rounding_allowance``). Said once beside the
totals (``runnotes.costs_differ``), not on each row: 20 rows of HOMEDEPOT 25 x 3 at 2.5 % each read 'The
vendor charged 73.12 for these 3 cards, 0.02 less than planned (73.14), so its discount reads 1.88 ... ask
the vendor why' (hunter-money25's leftover 5, fixed by hunter-money26)."""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal
from typing import TYPE_CHECKING

from ...money import cents, money_text
from .chargedwords import within_rounding

if TYPE_CHECKING:
    from .view import LedgerView


def rounded_rows(view: LedgerView, orders: Collection[str]) -> tuple[int, Decimal]:
    """Of the rows charged in ``orders``, how many the vendor charged within a cent a card of their plan,
    and by how much in all (negative: less)."""
    count, by = 0, Decimal(0)
    for record, cost, line, _prices, plan in view.charged_with_plan(orders):
        if record.status == "ordered" and within_rounding(cost, plan.total, line.quantity):
            count, by = count + 1, by + cents(cost) - cents(plan.total)
    return count, by


def rounded_said(view: LedgerView, orders: Collection[str]) -> str:
    """The costs-differ note's words for :func:`rounded_rows` ("" when none)."""
    count, by = rounded_rows(view, set(orders))
    if not count:
        return ""
    side = "less" if by < 0 else "more"
    return (
        f"; {count} row(s) of them were charged a cent a card or less otherwise than planned "
        f"({money_text(abs(by))} {side} in all): the vendor rounds its costs otherwise than the plan, said "
        "here, not on each row"
    )
