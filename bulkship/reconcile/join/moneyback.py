"""Rows whose card the vendor ended (cancelled, refunded, failed) after it went out, charged less than
planned: money back, said so beside the totals as on the row (chargedwords.MONEY_BACK_NOTE). The Summary and
`status` said only 'The vendor's costs differ from the plan ... planned 100.00, the vendor shows 75.00', the
row 'so its discount reads 25.00 ... ask the vendor why': a refund read as a discount (hunter-money25's
leftover 2, fixed by hunter-money26)."""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal
from typing import TYPE_CHECKING

from ...money import cents, money_text
from .outcome import ended_after_parcel

if TYPE_CHECKING:
    from .view import LedgerView


def money_back_lines(view: LedgerView, orders: Collection[str]) -> list[tuple[int, Decimal, Decimal, str]]:
    """Of the rows of ``orders``, those the vendor ended after their card went out and charges less than
    planned: (row, what its plan priced it at, what the vendor charges, the line's status), by row."""
    found = []
    for record, cost, _line, _prices, plan in view.charged_with_plan(orders):
        if ended_after_parcel(record) and cents(cost) < cents(plan.total):
            found.append((record.row, cents(plan.total), cents(cost), record.line_status or ""))
    return sorted(found)


def money_back_rows(view: LedgerView, orders: Collection[str]) -> tuple[int, Decimal]:
    """Of the rows of ``orders``, how many the vendor ended after their card went out and charges less than
    planned, and how much less in all."""
    found = money_back_lines(view, orders)
    return len(found), sum((plan - cost for _row, plan, cost, _status in found), Decimal(0))


def money_back_said(view: LedgerView, orders: Collection[str]) -> str:
    """The costs-differ note's words for :func:`money_back_rows` ("" when none)."""
    count, back = money_back_rows(view, set(orders))
    if not count:
        return ""
    return (
        f"; {count} row(s) of them the vendor ended after their card went out, charging "
        f"{money_text(back)} less than planned: money back (a refund, not a discount), held in their "
        "Discount column"
    )
