"""Orders planned by an earlier run and not sent yet, priced again at the vendor's prices of today.

The plan a person confirms is today's (:func:`.pendingcost.pending_summary` rebuilds it from the stored
payloads), but an order planned before (a cost page, a run stopped at its confirmation) kept the cost of its
first plan: once the vendor charged the total confirmed, the run said the vendor's costs differed from the
plan and ``bulkship reconcile`` found a cost mismatch in a batch charged exactly what was confirmed (found by
review17, after the vendor raised a fee). Only the cost changes: the payload and PO number stay. It is done
once the plan is confirmed, just before sending, and before a plan is shown (:func:`reprice_to_show`: a plan
kept unsent, `status` and the Batches page say what the run and the cost page showed), but not while an
approval of the plan stands and the plan is no dearer: an approval covers the plan as it was asked about, and
a lower price than approved does not ask again.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from .errors import LedgerError
from .ledger import OPEN_STATES, Ledger, OrderRecord
from .models import Catalog
from .money import cents, money_text
from .payload import PricedToday, sent_lines
from .pricedon import note_charged_otherwise, note_prices_looked
from .reconcile.join import record_prices


def reprice_planned(ledger: Ledger, batch: str, catalog: Catalog) -> int:
    """Record today's cost of the batch's planned orders where it is not the one stored; how many changed.
    An order naming a card or shipping method the catalog no longer has keeps its cost (validation refuses
    its rows, and the order is taken back)."""
    changed = _costs_changed(ledger, batch, catalog)
    if changed:
        ledger.reprice_planned(batch, changed)
    else:
        note_prices_looked(ledger, batch)
    return len(changed)


def reprice_to_show(ledger: Ledger, batch: str, catalog: Catalog) -> int:
    """The batch's planned orders recorded at ``catalog``'s cost before their plan is shown (and perhaps
    kept unsent: a limit refuses it, the person declines it, a cost page looks at it, an approver is asked),
    as :func:`reprice_planned` does once a plan is confirmed; how many changed. Kept at the cost of their
    first plan, `bulkship status` and the Batches page said 'To send 63.38' of a plan the run had just refused
    as costing 69.38 and the cost page asked 69.38 for (the vendor had raised a fee since: hunter-money18's
    leftover, found again by hunter-money19). While an approval request of the batch stands (waiting or
    approved), a plan no dearer than asked keeps its cost: it is what the approver was asked about (its
    order prints), priced again once it is confirmed, and a lower price does not ask again; a dearer one is
    priced now, as the approval cannot send it: a request waiting lapses, and the approver is asked anew at
    that cost (a request made of the old costs asked 79.00 of orders `status` said cost 75.00)."""
    changed = _costs_changed(ledger, batch, catalog)
    if not changed:
        note_prices_looked(ledger, batch)  # 'as priced' the costs found right now
        return 0
    try:
        asked = ledger.newest_approvals().get(batch)
    except LedgerError:  # no team tables
        asked = None
    was = sum((stored for _po, stored, _now, _lines in changed), Decimal(0))
    now = sum((today for _po, _stored, today, _lines in changed), Decimal(0))
    if asked in ("pending", "approved") and now <= was:
        return 0
    ledger.reprice_planned(batch, changed)
    return len(changed)


async def reprice_after_a_change(
    client: Any, ledger: Ledger, batch: str, catalog: Catalog, notes: list[str] | None = None
) -> Catalog:
    """After the vendor charged an order otherwise than its plan during a run: the vendor's prices read again,
    recorded, and the orders left planned priced at them (:func:`reprice_to_show`); the catalog read (or
    ``catalog`` when it cannot be read). Not read, `status` and the Batches page said 'To send 75.00 as
    priced ...' of orders the next run priced at 81.00, and a row charged 27.00 after CVS's fee went from
    0.00 to 2.00 read 'an overcharge, shown as a Discount of -2.00' (hunter-money28's leftovers 2 and 3).
    ``notes``: the run's, told what the orders left cost now where it is not their plan's."""
    try:
        today = await client.catalog(refresh=True)
    except Exception:  # optional once money is spent: never at the cost of the workbook (any failure)
        note_charged_otherwise(ledger, batch)  # its costs to send are said to be of before the change
        return catalog
    was = _planned_cost(ledger, batch)
    record_prices(ledger, batch, today)
    reprice_to_show(ledger, batch, today)  # what the orders left cost now, as the next run will show
    now = _planned_cost(ledger, batch)
    if notes is not None and cents(now) != cents(was):
        notes.append(
            f"The orders left to send cost {money_text(now)} at the vendor's prices read after it charged "
            f"otherwise than planned ({money_text(was)} in their plan), as `bulkship status` and the next "
            "run show them."
        )
    return cast(Catalog, today)


def _planned_cost(ledger: Ledger, batch: str) -> Decimal:
    return sum((o.cost for o in ledger.orders(batch, states=("planned",), payloads=False)), Decimal(0))


def _costs_changed(
    ledger: Ledger, batch: str, catalog: Catalog
) -> list[tuple[str, Decimal, Decimal, list[Decimal]]]:
    """The batch's planned orders whose cost at ``catalog``'s prices is not the one stored: (PO, cost
    stored, cost now, each line's cost now)."""
    changed: list[tuple[str, Decimal, Decimal, list[Decimal]]] = []
    values: dict[object, Decimal] = {}
    today = PricedToday(catalog)
    for order in ledger.orders(batch, states=("planned",), payloads=False):
        costs = _line_costs_today(order, today, values)
        if costs is not None:
            total = sum(costs, Decimal(0))
            if cents(total) != cents(order.cost):
                changed.append((order.po_number, order.cost, total, costs))
    return changed


def dearer_in_doubt(ledger: Ledger, batch: str, catalog: Catalog) -> dict[str, tuple[Decimal, Decimal]]:
    """The batch's orders in doubt (sent, the answer lost) that would cost more than their stored cost at
    today's prices: PO number -> (stored cost, today's). One the vendor never got goes out again (its stored
    bytes) and is charged at today's prices: shown and confirmed at its stored cost, it was charged 1,350.00
    for a cost page's 'the most this send can spend is 1,250.00' (hunter-money7's M1). Its cost stays the
    stored one in the ledger: the vendor may have made it at that price."""
    dearer: dict[str, tuple[Decimal, Decimal]] = {}
    values: dict[object, Decimal] = {}
    today = PricedToday(catalog)
    for order in ledger.orders(batch, states=OPEN_STATES, payloads=False):
        costs = _line_costs_today(order, today, values)
        total = sum(costs or (), Decimal(0))
        if cents(total) > cents(order.cost):
            dearer[order.po_number] = (order.cost, total)
    return dearer


def cost_today(order: OrderRecord, catalog: Catalog) -> Decimal | None:
    """What ``order`` as stored costs at ``catalog``'s prices; None when a line's card or shipping method is
    no longer listed at a price."""
    costs = _line_costs_today(order, PricedToday(catalog), {})
    return None if costs is None else sum(costs, Decimal(0))


def _line_costs_today(
    order: OrderRecord, today: PricedToday, values: dict[object, Decimal]
) -> list[Decimal] | None:
    """What each line of ``order`` as stored costs at ``today``'s prices; None when a line's card or
    shipping method is no longer listed at a price."""
    costs: list[Decimal] = []
    for sent in sent_lines(order, values):
        line = today.line(sent)
        if line is None:
            return None
        costs.append(line.cost)
    return costs
