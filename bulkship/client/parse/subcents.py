"""An order whose lines the vendor prices in fractions of a cent, charged in cents as its own total says.

A vendor pricing each card as the contract writes it, ``Value x (1 - DiscountPercentage/100) + Fee``, shows a
25.00 Home Depot card at 2.5 % as 'Cost': 24.375, and 100 of them in one order at its own total of 2437.50.
Each line read in cents (24.38: records._in_cents), the rows added up to 2438.00: the run, status, the
Summary and the Batches page said 2438.00 charged, nothing said, and reconcile 'Totals differ' naming nothing
(found by hunter-money17). Where the order's own total (less the charges it writes beside its lines) is the
lines' exact sum to within a cent, that total is what the lines cost: each line gets its cents, the cents
left over going to the lines with the largest fractions (so 50 of those cards read 24.38, 50 read 24.37).
A total saying anything else (the lines rounded one by one, shipping on the order) leaves them as read."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from ...models import VendorLineItem
from ...money import CENT, cents
from .values import decimal, field


def in_cents_of_total(
    items: Sequence[Any],
    lines: tuple[VendorLineItem, ...],
    total: Decimal | None,
    charges: Decimal,
    discount: Decimal,
) -> tuple[tuple[VendorLineItem, ...], Decimal | None]:
    """(``lines``, ``total``) with the lines' costs in cents adding up to the order's total less ``charges``
    and the total in cents, when their costs as the vendor wrote them (``items``' 'Cost') hold fractions of
    a cent and add up to within a cent of it; else both as they came."""
    if total is None or discount or not lines or len(items) != len(lines):
        return lines, total
    raw = [decimal(field(item, "Cost")) for item in items]
    if any(r is None or r < 0 for r in raw) or all(r == cents(r) for r in raw if r is not None):
        return lines, total
    shown = [r or Decimal(0) for r in raw]
    if any(li.cost != cents(r) for li, r in zip(lines, shown, strict=True)):
        return lines, total  # read otherwise than the cost each line writes (its own total, per card)
    target = cents(total) - charges
    exact = sum(shown, Decimal(0))
    if target < 0 or abs(target - exact) >= CENT:
        return lines, total
    floors = [r.quantize(CENT, rounding=ROUND_FLOOR) for r in shown]
    left = int((target - sum(floors, Decimal(0))) / CENT)
    if not 0 <= left <= len(lines):
        return lines, total
    # ties broken by the line's own Id (else ExternalId), never its place alone: a vendor listing its lines
    # in another order at the next read moved a cent between rows, each read a change (review41)
    largest = sorted(
        range(len(lines)), key=lambda i: (-(shown[i] - floors[i]), lines[i].id or lines[i].external_id, i)
    )[:left]
    costs = [f + CENT if i in largest else f for i, f in enumerate(floors)]
    return tuple(dataclasses.replace(li, cost=c) for li, c in zip(lines, costs, strict=True)), cents(total)
