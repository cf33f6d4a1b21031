"""Rows the vendor charged at its prices read after their orders were planned: a fee or a shipping price
raised or lowered since (``Prices.priced_since``), said so beside the totals as on the row
(chargedwords.PRICED_SINCE_NOTE). The Summary and `status` said only 'The vendor's costs differ from the plan
... planned 25.00, the vendor shows 27.00', the row 'an overcharge, shown as a Discount of -2.00'
(hunter-money28's leftover 2)."""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal
from typing import TYPE_CHECKING

from ...money import cents, money_text

if TYPE_CHECKING:
    from .view import LedgerView

_COLUMNS = (("a fee", "Fees"), ("shipping", "Shipping cost"))


def priced_since_rows(view: LedgerView, orders: Collection[str]) -> tuple[int, Decimal, dict[str, set[bool]]]:
    """Of the rows charged in ``orders``, how many the vendor charged at its prices read since their plan,
    by how much in all (negative: less), and the columns holding it ('Fees', 'Shipping cost') with whether
    each rose."""
    count, by = 0, Decimal(0)
    moved: dict[str, set[bool]] = {}
    for record, cost, line, prices, plan in view.charged_with_plan(orders):
        if record.status != "ordered" or prices.priced_since(line, cost) is None:
            continue
        money = prices.breakdown(line, cost)
        # what its fees and shipping moved by: its card discount may be off its line, taken off its order
        count, by = count + 1, by + cents(money.fees + money.shipping) - cents(plan.fees + plan.shipping)
        for column, now, was in (
            ("Fees", money.fees, plan.fees),
            ("Shipping cost", money.shipping, plan.shipping),
        ):
            if now != was:
                moved.setdefault(column, set()).add(now > was)
    return count, by, moved


def priced_since_said(view: LedgerView, orders: Collection[str]) -> str:
    """The costs-differ note's words for :func:`priced_since_rows` ("" when none)."""
    count, by, moved = priced_since_rows(view, set(orders))
    if not count:
        return ""
    ups = set().union(*moved.values())
    where, verb = (
        ("above", "raised")
        if ups == {True}
        else ("below", "lowered")
        if ups == {False}
        else ("other than in", "changed")
    )
    what = " and ".join(w for w, c in _COLUMNS if c in moved)
    columns = " and ".join(c for _w, c in _COLUMNS if c in moved)
    return (
        f"; {count} row(s) of them were charged at the vendor's prices read after their orders were planned "
        f"({money_text(abs(by))} {'more' if by > 0 else 'less'} in all): {what} {where} the plan, {verb} "
        f"since, held in their {columns} column{'s' if len(moved) > 1 else ''}"
    )
