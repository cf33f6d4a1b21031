"""Rows the vendor charged at its prices read after their orders were planned: a fee or a shipping price
raised since (``Prices.raised_since``), said so beside the totals as on the row (chargedwords.RAISED_NOTE).
The Summary and `status` said only 'The vendor's costs differ from the plan ... planned 25.00, the vendor
shows 27.00', the row 'an overcharge, shown as a Discount of -2.00' (hunter-money28's leftover 2)."""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal
from typing import TYPE_CHECKING

from ...money import cents, money_text
from .outcome import row_line

if TYPE_CHECKING:
    from .view import LedgerView


def raised_rows(view: LedgerView, orders: Collection[str]) -> tuple[int, Decimal, set[str]]:
    """Of the rows charged in ``orders``, how many the vendor charged at its prices read since their plan,
    how much more than planned in all, and what rose ('Fees', 'Shipping cost': the columns holding it)."""
    count, by, rose = 0, Decimal(0), set()
    for record in view.rows_by_fingerprint.values():
        po = record.po_number or ""
        if po not in orders or record.status != "ordered" or record.cost is None:
            continue
        order = view.orders.get(po)
        line = row_line(record, order, view.lines(po), view.waiting(record, order))
        prices = view.prices.of(order)
        plan = prices.planned(line) if line is not None else None
        if line is None or plan is None or prices.raised_since(line, record.cost) is None:
            continue
        count, by = count + 1, by + cents(record.cost) - cents(plan.total)
        money = prices.breakdown(line, record.cost)
        rose |= {"Fees"} if money.fees > plan.fees else set()
        rose |= {"Shipping cost"} if money.shipping > plan.shipping else set()
    return count, by, rose


def raised_said(view: LedgerView, orders: Collection[str]) -> str:
    """The costs-differ note's words for :func:`raised_rows` ("" when none)."""
    count, by, rose = raised_rows(view, set(orders))
    if not count:
        return ""
    what = " and ".join(w for w, c in (("a fee", "Fees"), ("shipping", "Shipping cost")) if c in rose)
    columns = " and ".join(c for c in ("Fees", "Shipping cost") if c in rose)
    return (
        f"; {count} row(s) of them were charged at the vendor's prices read after their orders were planned "
        f"({money_text(by)} more in all): {what} above the plan, raised since, held in their {columns} "
        f"column{'s' if len(rose) > 1 else ''}"
    )
