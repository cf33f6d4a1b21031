"""Planned orders that never left: whether one may be at the vendor after all (a ledger written by an older
bulkship put a sent order back to planned), and a plan the person declined before anything was sent, dropped.
Read by :mod:`bulkship.resume` (never re-plan under a new PO what the vendor may hold),
:mod:`bulkship.confirm` and the web page's view of a batch; and the PO numbers such plans took, said beside
the batch's money (:func:`never_sent_note`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .ledger import SET_ASIDE_ERROR, Ledger, OrderRecord


def may_exist_at_vendor(ledger: Ledger, po: str) -> bool:
    """A planned order that was sent and put back to planned without the vendor confirming it has no such
    order (a ledger written by an older bulkship, which took a refusal after a lost answer as final). A
    person's release under the same PO is such a confirmation: the vendor provably held no order with it."""
    sent = False
    for event in ledger.events(po_number=po):
        if event.kind == "sending":
            sent = True
        elif _vendor_confirmed_absent(event.kind, event.detail):
            sent = False
    return sent


def drop_plan_never_sent(ledger: Ledger, batch: str) -> bool:
    """A plan the person declined at 'Send these orders?' is cancelled when the batch never sent anything
    (every order planned or cancelled, none perhaps at the vendor) and no approval request waits for it:
    no money is left 'to send' for ever, and the rows are planned afresh when the batch is run again. A
    batch that sent cards keeps its plan (its rows may be cards failed and planned again, asked about again
    when they are sent). True when it was dropped."""
    orders = ledger.orders(batch, payloads=False)
    planned = [o.po_number for o in orders if o.state == "planned"]
    if not planned or any(o.state not in ("planned", "cancelled") for o in orders):
        return False
    if ledger.newest_approvals().get(batch) == "pending" or any(
        may_exist_at_vendor(ledger, po) for po in planned
    ):
        return False
    for po in planned:
        ledger.cancel_planned(po, "the plan was declined at 'Send these orders?' before anything was sent")
    return True


def _vendor_confirmed_absent(kind: str, detail: dict[str, Any]) -> bool:
    """The event records that the vendor provably held no order with its PO: a refusal the vendor confirmed,
    or a person's release under the same PO (allowed only then)."""
    if kind == "not_sent":
        return bool(detail.get("vendor_confirmed"))
    return kind == "review_released" and bool(detail.get("same_po"))


def never_sent_note(orders: Iterable[OrderRecord]) -> list[str]:
    """A note naming the batch's PO numbers planned and dropped before they were sent (a plan declined at
    'Send these orders?', its rows changed before it left, its batch deleted on the web page), each with
    why: no order exists under them at the vendor, nothing was charged, and a number once planned is never
    given other rows (the vendor's duplicate check is the PO number), so the batch's orders skip them. A
    finance person matching the vendor's orders found BS-H-0003 and no -0001, said nowhere (newcomer15's N4,
    hunter-vendor27's LO3). Not an order a person set aside as another batch's: the vendor holds it."""
    why: dict[str, list[str]] = {}
    for order in orders:
        error = order.error or ""
        if order.state == "cancelled" and not error.startswith(SET_ASIDE_ERROR) and not order.vendor_order_id:
            why.setdefault(error or "dropped before it was sent", []).append(order.po_number)
    if not why:
        return []
    said = "; ".join(f"{', '.join(sorted(pos))} ({reason})" for reason, pos in sorted(why.items()))
    count = sum(len(pos) for pos in why.values())
    return [
        f"{count} PO number(s) of this batch were planned and never sent: {said}. No order exists under them "
        "at the vendor and nothing was charged; a PO number once planned is never given to other rows, so "
        "the batch's orders skip them"
    ]
