"""What must hold before rows in review are settled, each refusal saying that nothing was changed: the batch
and the PO a person names, the rows they confirm, the vendor order they name (:func:`fetch_vendor_order`) and
whether it may take rows, the orders they set aside as another batch's, and whether a release is possible now
(:func:`check_release`).

Kept apart from the writes so the read-only review can tell, with the same code, what a release would be
refused for and which command would be accepted.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import NotFoundError, ReviewRefusedError, UnknownBatchError
from ..ledger import OPEN_STATES, Ledger, OrderRecord, RowRecord
from ..ledger.identity import sent_by_this_ledger
from ..models import VendorOrder
from ..payload import line_items
from ..rebuild import batch_orders_pattern
from ..statuses import NO_CARD_STATUSES
from .lines import _takes_no_row, card_of_item, planned_item
from .suspects import Suspect, suspects
from .vendorview import Sighting, VendorView


def _refuse(message: str, hint: str | None = None) -> ReviewRefusedError:
    return ReviewRefusedError(message + ". Nothing was changed", hint=hint)


def _require_batch(ledger: Ledger, batch: str) -> None:
    if ledger.batch(batch) is None:
        known = [b.name for b in ledger.batches()]
        raise UnknownBatchError.of(batch, known, str(ledger.path))


def waiting_rows(ledger: Ledger, batch: str) -> dict[str, list[RowRecord]]:
    """The batch's rows in review, by the PO they wait on (in row order)."""
    groups: dict[str, list[RowRecord]] = {}
    for row in ledger.batch_rows(batch):
        if row.status == "review" and row.po_number:
            groups.setdefault(row.po_number, []).append(row)
    return groups


def _waiting_on(ledger: Ledger, batch: str, po: str) -> tuple[OrderRecord, list[RowRecord]]:
    _require_batch(ledger, batch)
    order = ledger.order(po)
    rows = waiting_rows(ledger, batch).get(po, [])
    if order is None or order.batch != batch or not rows:
        pos = ", ".join(waiting_rows(ledger, batch)) or "none"
        raise _refuse(
            f"No rows of batch {batch!r} wait for review on PO {po} (POs with rows waiting: {pos})",
            hint=f"list them: bulkship reconcile {shlex.quote(batch)} --review",
        )
    return order, rows


def _rows_to_confirm(rows: Sequence[RowRecord], wanted: Sequence[int]) -> set[int]:
    numbers = [r.row for r in rows]
    unknown = sorted(set(wanted) - set(numbers))
    if unknown:
        raise _refuse(
            f"Row(s) {', '.join(map(str, unknown))} do not wait for review on this PO (rows waiting: "
            f"{', '.join(map(str, numbers))})"
        )
    twice = sorted({n for n in wanted if numbers.count(n) > 1})
    if twice:
        raise _refuse(f"Row number(s) {', '.join(map(str, twice))} name more than one waiting row")
    return set(wanted)


@dataclass(frozen=True)
class ReleaseCheck:
    """Whether the rows of one PO may be released now, and how."""

    blockers: tuple[str, ...]
    same_po: bool  # the whole order goes out again under its PO, with its stored payload
    absent: bool  # the vendor provably holds no order with this PO
    suspects: tuple[Suspect, ...] = field(default=(), compare=False)  # vendor lines that may be the rows
    # when only lines that may be some of the rows stand in the way: the others (row numbers), which no
    # vendor line may be (released on their own, the rows those lines may be kept waiting)
    free: tuple[int, ...] = ()

    @property
    def allowed(self) -> bool:
        return not self.blockers

    @property
    def partly(self) -> bool:
        """Some of the rows, not all, may be released (:attr:`free`)."""
        return not self.allowed and bool(self.free)

    def kept_why(self, row: int) -> str:
        """Why row ``row`` keeps waiting while the :attr:`free` ones are released: the lines it may be."""
        return "; ".join(s.describe() for s in self.suspects if row in s.rows)


def check_release(
    ledger: Ledger, order: OrderRecord, rows: Sequence[RowRecord], view: VendorView
) -> ReleaseCheck:
    """What stands in the way of releasing ``rows`` (waiting on ``order``), by what the vendor shows."""
    po = order.po_number
    sighting = view.sightings.get(po) or Sighting(None, False, "not asked")
    blockers: list[str] = []
    if not view.complete:
        blockers.append(
            f"the vendor's order list cannot be read in full ({view.why_incomplete}), so it cannot show that "
            "these rows are not there"
        )
    if sighting.order is None and not sighting.absent:
        blockers.append(sighting.describe(po))
    if order.state in OPEN_STATES and sighting.order is not None:
        blockers.append(
            f"{sighting.describe(po)}: it may be this order, sent before; see whether these rows are in it"
        )
    items: dict[str, dict[str, Any]] = {}
    for row in rows:
        item = planned_item(order, row)
        if item is None or card_of_item(item) is None:
            blockers.append(f"row {row.row}: this ledger holds no record of what it would send")
        else:
            items[row.fingerprint] = item
    found = suspects(ledger, view, rows, items)
    # nothing else in the way: the rows no line may be can go on their own (review31's L1: new people held
    # beside a row whose ExternalId another ledger's order carries could never be sent)
    maybe = {n for suspect in found for n in suspect.rows}
    free = tuple(r.row for r in rows if r.row not in maybe) if found and not blockers else ()
    blockers.extend(suspect.describe() for suspect in found)
    same_po = (
        order.state in ("review", *OPEN_STATES) and sighting.absent and _whole_order(ledger, order, rows)
    )
    if order.state not in ("review", "created") and not same_po:
        # its stored payload, which holds these rows, may still go out under its own PO number
        blockers.append(
            f"order {po} is {order.state} and its stored payload holds other rows too: re-run `bulkship run` "
            "for this batch first, which settles it with its own PO number"
        )
    if order.state not in ("review", "created"):
        free = ()  # its stored payload, holding every row, may still go out under its PO: whole or nothing
    return ReleaseCheck(tuple(dict.fromkeys(blockers)), same_po, sighting.absent, tuple(found), free)


def _whole_order(ledger: Ledger, order: OrderRecord, rows: Sequence[RowRecord]) -> bool:
    """Whether ``rows`` are exactly the rows of the order's stored payload, every one of them waiting."""
    items = line_items(order)
    on_order = ledger.rows_by_po(order.po_number)
    return (
        {r.fingerprint for r in on_order} == {r.fingerprint for r in rows}
        and all(r.status == "review" for r in on_order)
        and sorted(r.line_index for r in on_order if r.line_index is not None) == list(range(len(items)))
        and len(on_order) == len(items)
    )


def _check_not_ours(ledger: Ledger, batch: str, view: VendorView, not_ours: Sequence[str]) -> None:
    """Orders a person sets aside as another batch's must be vendor orders that only may be this batch's."""
    record = ledger.batch(batch)
    strict = batch_orders_pattern(record.po_prefix if record else "", batch, strict=True)
    listed = {o.po_number.casefold() for o in view.in_range}
    for po in not_ours:
        # the batch's own PO only as an order the vendor holds that this ledger never sent: another ledger's
        # batch of the same name
        theirs = po.casefold() in listed and may_be_another_ledgers(ledger, po)
        if strict.fullmatch(po) and not theirs:
            raise _refuse(
                f"--not-ours {po}: its PO number is batch {batch!r}'s own beyond doubt, so it cannot be set "
                "aside"
            )
        if po.casefold() not in listed:
            raise _refuse(
                f"--not-ours {po}: the vendor shows no order with that PO among those that may be this "
                "batch's"
            )


async def fetch_vendor_order(client: Any, ledger: Ledger, batch: str, reference: str) -> VendorOrder:
    """The vendor order a person named, by PO number (the batch's) or by the vendor's Id."""
    record = ledger.batch(batch)
    pattern = batch_orders_pattern(record.po_prefix if record else "", batch)
    if pattern.fullmatch(reference):
        look = await client.look_up_order(reference)
        if look.order is None:
            seen = "holds no such order" if look.absent else f"cannot show it ({look.why_unknown})"
            raise _refuse(f"The vendor {seen}: PO {reference}")
        found: VendorOrder = look.order
        return found
    try:
        order: VendorOrder = await client.get_order(reference)
    except NotFoundError:
        raise _refuse(f"The vendor has no order with Id {reference}") from None
    return order


def _check_target(
    ledger: Ledger, batch: str, own: OrderRecord, vendor_order: VendorOrder
) -> OrderRecord | None:
    """The ledger's record of the named vendor order (None: not in the ledger yet), once it may take rows."""
    record = ledger.batch(batch)
    vpo = vendor_order.po_number
    pattern = batch_orders_pattern(record.po_prefix if record else "", batch, strict=True)
    if not vpo or not pattern.fullmatch(vpo):
        raise _refuse(
            f"Vendor order {vendor_order.id} (PO {vpo or 'not shown'}) is not one of batch {batch!r}'s "
            "orders beyond doubt (its PO numbers are <PREFIX>-<BATCH>-<NUMBER>, with a one-part prefix when "
            "not the batch's own: the PO may be another batch's whose name ends like this one's)"
        )
    other = ledger.order_by_vendor_id(vendor_order.id)
    if other is not None and other.po_number != vpo:
        raise _refuse(f"Vendor order {vendor_order.id} is recorded in this ledger as PO {other.po_number}")
    target = ledger.order(vpo)
    if target is not None and target.batch != batch:
        raise _refuse(f"PO {vpo} belongs to batch {target.batch!r} in this ledger")
    if target is not None and target.vendor_order_id and target.vendor_order_id != vendor_order.id:
        raise _refuse(f"PO {vpo} is recorded as vendor order {target.vendor_order_id}, not {vendor_order.id}")
    if vpo == own.po_number:
        return target
    if own.state not in ("review", "created"):
        raise _refuse(
            f"Order {own.po_number} is {own.state}: its stored payload, which holds these rows, may still be "
            "sent under its own PO number, so its rows cannot be tied to another order",
            hint="re-run the same `bulkship run` command first, which settles it with its own PO number",
        )
    if target is not None and dropped_unsent(ledger, target):
        return (
            target  # this ledger's plan of it dropped before it left: the vendor's is another ledger's send
        )
    if target is not None and target.state not in ("created", "review"):
        raise _refuse(f"PO {vpo} is {target.state} in this ledger; settle it first (re-run `bulkship run`)")
    return target


def _refuse_no_card_order(batch: str, po: str, vendor_order: VendorOrder) -> None:
    """An order the vendor shows Failed or Cancelled, none of whose lines shows its card made, holds no
    card: no row is recorded ordered in it."""
    lines = range(len(vendor_order.line_items))
    failed = vendor_order.status.casefold() in NO_CARD_STATUSES
    if failed and all(_takes_no_row(vendor_order, i) for i in lines):
        raise _refuse(
            f"Vendor order {vendor_order.id} (PO {vendor_order.po_number}) is {vendor_order.status} at the "
            "vendor: it holds no card, so no row can be recorded as ordered in it",
            hint=f"see whether the rows can be released to be sent (--resolve {po} --release): "
            f"bulkship reconcile {shlex.quote(batch)} --review",
        )


def dropped_unsent(ledger: Ledger, order: OrderRecord) -> bool:
    """Whether ``order`` is this ledger's plan dropped before it ever left (declined, or its rows changed):
    the vendor's order of that PO number is another ledger's send (found by hunter-vendor11: the rows held
    beside it could not be settled on it)."""
    return (
        order.state == "cancelled"
        and not order.vendor_order_id
        and not sent_by_this_ledger(ledger, order.po_number)
    )


def may_be_another_ledgers(ledger: Ledger, po: str) -> bool:
    """Whether ``po``, of the batch's own PO numbers, may be another ledger's order of a batch of the same
    name (two offices each running their 'staff.csv' on one vendor account): this ledger never sent it, and
    holds no row settled in it. Its lines showing no recipient (the likely-real vendor), nothing but a
    person's word tells it from this list's cards sent from a ledger since lost, and its rows waited for
    ever: --release was refused while its lines might be theirs, --not-ours while its PO was the batch's own
    (found by hunter-vendor20)."""
    if sent_by_this_ledger(ledger, po):
        return False
    return all(r.status == "review" for r in ledger.rows_by_po(po))
