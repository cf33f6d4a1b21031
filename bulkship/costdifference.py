"""Created orders whose vendor costs are not the plan's (:func:`cost_difference`), and what such a difference
most likely is: costs written in cents (:func:`in_cents`), rows the vendor rounded or ended after their card
went out (:func:`said_of_rows`). Said by :func:`.runnotes.costs_differ`, reconcile and the Results page (moved
out of runnotes.py for issue 14)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .billedbefore import billed_as_counted
from .money import cents
from .reconcile.join import LedgerView, made_no_card


@dataclass(frozen=True)
class CostDifference:
    """Created orders whose vendor line costs are not the plan's: their POs, planned and charged."""

    orders: tuple[str, ...]
    planned: Decimal
    charged: Decimal


def cost_difference(view: LedgerView) -> CostDifference | None:
    """The created orders whose every row is ordered and whose vendor costs are not the plan's (costs
    written in cents, a fee the catalog did not show, shipping billed on the order beside its lines: said
    nowhere, a run confirmed at 123.75 ended "charged 133.75", found by hunter-vendor3); None when every
    such order costs what was planned."""
    charged: dict[str, Decimal] = {}
    whole: set[str] = set()
    broken: set[str] = set()  # a row of the order not ordered, of unknown cost, or of no card made
    held: dict[str, int] = {}  # how many rows each order holds now
    for record in view.rows_by_fingerprint.values():
        po = record.po_number or ""
        order = view.orders.get(po)
        if order is None or order.state != "created":
            continue
        whole.add(po)
        held[po] = held.get(po, 0) + 1
        if record.status != "ordered" or record.cost is None or made_no_card(record):
            broken.add(po)
        else:
            charged[po] = charged.get(po, view.billed.get(po, Decimal(0))) + record.cost
    # an order a row left since (its line failed, the row sent again in another order) was planned with
    # that row's cost too: "planned 100.00, the vendor shows 75.00" at every run after (found by
    # hunter-vendor3)
    broken |= {po for po in whole if held[po] < view.orders[po].lines}

    def planned_of(po: str) -> Decimal:
        return view.orders[po].cost

    differ = sorted(
        po
        for po in whole - broken
        if cents(charged.get(po, Decimal(0))) != cents(view.orders[po].cost)
        and not billed_as_counted(view, po, charged.get(po, Decimal(0)))
        # ... but by the vendor's rounding on the order alone, said by its own note (roundedonorder): "costs
        # differ from the plan ... planned 97.52, the vendor shows 97.50" said it twice (hunter-money33)
        and cents(charged.get(po, Decimal(0)) + view.rounded.get(po, Decimal(0))) != cents(planned_of(po))
    )
    if not differ:
        return None
    planned = sum((view.orders[po].cost for po in differ), Decimal(0))
    shown = sum((charged.get(po, Decimal(0)) for po in differ), Decimal(0))
    return CostDifference(tuple(differ), planned, shown)


def said_of_rows(view: LedgerView, found: CostDifference) -> str:
    """What of the difference is rows the vendor rounded, ended after their card went out (money back), or
    charged at prices raised since their plan."""
    from .reconcile.join.moneyback import money_back_said
    from .reconcile.join.raised import priced_since_said
    from .reconcile.join.rounding import rounded_said

    said = rounded_said(view, found.orders) + money_back_said(view, found.orders)
    return said + priced_since_said(view, found.orders)


def in_cents(found: CostDifference) -> str:
    """What a difference of exactly 100 times the plan most likely is: costs written in cents (2500 for a
    25.00 card). The money stays the vendor's as shown; the person is told what to ask (found by
    hunter-vendor7: 'the vendor shows 12,500.00' for 125.00 confirmed said nothing of why)."""
    if found.planned and found.charged == found.planned * 100:
        return ", exactly 100 times the plan: the vendor may write its costs in cents (ask it before paying)"
    # a total in cents holding a charge shown nowhere else ('Total': 12995 beside lines of 125.00): said
    # only to differ, "the vendor shows 12,995.00" (found by hunter-vendor10)
    if found.planned > 0 and found.planned * 100 < found.charged <= found.planned * 125:
        return ", over 100 times the plan: the vendor may write its total in cents (ask it before paying)"
    return ""
