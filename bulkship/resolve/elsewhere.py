"""Rows waiting for review whose cards a person finds in another batch's or ledger's vendor order, left out of
this batch (:func:`leave_out_elsewhere`, ``bulkship reconcile BATCH --resolve PO --sent-elsewhere ORDER``).

A row whose ExternalId a line of an order that is not the batch's beyond doubt carries
(``BS-GIFTS-STAFF-0001`` for batch ``staff``: batch ``gifts-staff`` run with another ledger on the same
account, or another system's order) waited for review for ever: ``--at-vendor`` refuses an order not the
batch's own, a release refuses while a line carries the row's ExternalId, and every run exited 3
(hunter-vendor18's leftover L-a). The person who checked that the card is that order's says so here: the row
is left out (status ``elsewhere``, shown 'sent elsewhere' with the order named), never sent from this batch
and counted in none of its money.

Fail-closed: only rows a line of that order names (its ExternalId, or the row's name and street both), a
line holding a card (not Failed or Cancelled), tied to no other row, and naming no other row waiting.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..folding import fold_address, fold_person_loosely, fold_unit, same_unit
from ..ledger import ELSEWHERE_NOTE, LEFT_OUT_ITEMS, Ledger, OrderRecord, RowRecord
from ..linecards import holds_no_card
from ..models import VendorOrder
from ..plan.ponumbers import is_derived_reference
from ..rebuild import batch_orders_pattern
from .checks import _refuse, _rows_to_confirm, _waiting_on
from .lines import _address_shown, _tied_among, item_content, planned_item, vendor_content
from .resolution import Confirm, Resolution, Tie
from .suspects import Suspect
from .vendorview import VendorView, look_at_vendor


@dataclass(frozen=True)
class _Named:
    row: RowRecord
    line: int  # position in the vendor order
    how: str


def _named_by(line: Any, shown: dict[str, Any] | None, row: RowRecord, item: dict[str, Any] | None) -> str:
    """How a vendor line names ``row`` ("" when it does not): its ExternalId, or its name and street both,
    in no other unit and under no other ExternalId (Person 1 of Apt 3, K1, is not Person 1 of Apt 7, E1: she
    was offered to be left out, found by hunter-vendor19)."""
    if row.external_id and line.external_id == row.external_id:
        return f"it carries the row's ExternalId {row.external_id}"
    address = item.get("PhysicalDeliveryAddress") if isinstance(item, dict) else None
    own_ids = [i for i in (row.external_id, line.external_id) if i and not is_derived_reference(i)]
    if shown is None or not isinstance(address, dict) or len(own_ids) == 2:  # two IDs, two people
        return ""
    theirs = {str(k).lower(): v for k, v in shown.items()}
    name, street = str(address.get("Name") or ""), str(address.get("AddressLine1") or "")
    if not name.strip() or not street.strip():
        return ""
    same_name = fold_person_loosely(str(theirs.get("name") or "")) == fold_person_loosely(name)
    theirs_at = (theirs.get("addressline1"), theirs.get("addressline2"))
    ours_at = (street, address.get("AddressLine2"))
    same_street = fold_address(*theirs_at) == fold_address(*ours_at)
    same_place = same_street and same_unit(fold_unit(*theirs_at), fold_unit(*ours_at))
    return "it shows the row's name and street" if same_name and same_place else ""


def _find_order(view: VendorView, reference: str) -> VendorOrder | None:
    wanted = reference.strip().casefold()
    return next(
        (o for o in [*view.in_range, *view.elsewhere] if wanted in (o.id.casefold(), o.po_number.casefold())),
        None,
    )


def _named_rows(
    ledger: Ledger, own: OrderRecord, rows: Sequence[RowRecord], vendor_order: VendorOrder
) -> tuple[list[_Named], list[tuple[int, str]]]:
    """The rows a line of ``vendor_order`` names (each line one row, each row one line), and the others with
    why they keep waiting."""
    record = ledger.order(vendor_order.po_number)
    tied = _tied_among(record, ledger.rows_by_po(vendor_order.po_number) if record else [], vendor_order)
    by_line: dict[int, list[tuple[RowRecord, str]]] = {}
    left: list[tuple[int, str]] = []
    for row in rows:
        item = planned_item(own, row)
        hits = [
            (at, how)
            for at, line in enumerate(vendor_order.line_items)
            if at not in tied
            and not holds_no_card(vendor_order, at)
            and (how := _named_by(line, _address_shown(vendor_order, at), row, item))
        ]
        if not hits:
            left.append((row.row, f"no line of {vendor_order.po_number} holding a card names it"))
            continue
        at, how = hits[0]
        by_line.setdefault(at, []).append((row, how))
    named: list[_Named] = []
    for at, found in sorted(by_line.items()):
        if len(found) > 1:  # one card, two rows it names: which person has it is not known
            rows_named = ", ".join(str(r.row) for r, _how in found)
            left += [(r.row, f"line {at + 1} names rows {rows_named}: one card") for r, _how in found]
            continue
        row, how = found[0]
        named.append(_Named(row, at, how))
    return named, sorted(left)


async def leave_out_elsewhere(
    ledger: Ledger,
    client: Any,
    batch: str,
    po: str,
    reference: str,
    *,
    by: str,
    rows: Sequence[int] = (),
    reason: str = "",
    confirm: Confirm | None = None,
) -> Resolution:
    """The rows waiting on ``po`` (or those of them in ``rows``) whose cards are lines of ``reference`` (the
    vendor order's Id or PO number, another batch's or ledger's) are left out of this batch (see the module
    docstring); ``confirm`` sees the plan first (False: nothing changes). Raises ReviewRefusedError when the
    vendor's answer does not show it."""
    own, waiting = _waiting_on(ledger, batch, po)
    wanted = _rows_to_confirm(waiting, rows)
    if wanted:
        waiting = [r for r in waiting if r.row in wanted]
    view = await look_at_vendor(client, ledger, batch, [po])
    vendor_order = _find_order(view, reference)
    if vendor_order is None:
        raise _refuse(
            f"The vendor's order list shows no order {reference} among those of this batch's PO range or "
            "carrying a waiting row's ExternalId"
            + ("" if view.complete else f" (it cannot be read in full: {view.why_incomplete})"),
            hint=f"see what the vendor shows for these rows: bulkship reconcile {shlex.quote(batch)} "
            "--review",
        )
    record = ledger.batch(batch)
    if batch_orders_pattern(record.po_prefix if record else "", batch, strict=True).fullmatch(
        vendor_order.po_number
    ):
        raise _refuse(
            f"Vendor order {vendor_order.po_number} is one of batch {batch!r}'s own orders: rows in it are "
            "ordered in this batch, not elsewhere",
            hint=f"settle them on it: bulkship reconcile {shlex.quote(batch)} --resolve {po} --at-vendor "
            f"{vendor_order.po_number}",
        )
    named, left = _named_rows(ledger, own, waiting, vendor_order)
    if not named:
        raise _refuse(
            f"No line of vendor order {vendor_order.po_number} (order {vendor_order.id}) names a row waiting "
            f"on {po} by its ExternalId, or by its name and street, with a card: "
            + "; ".join(f"row {r}: {why}" for r, why in left),
            hint=f"see what the vendor shows for these rows: bulkship reconcile {shlex.quote(batch)} "
            "--review",
        )
    ties = tuple(Tie(n.row.row, n.row.fingerprint, n.line, _how(vendor_order, n, own)) for n in named)
    plan = Resolution(
        batch, po, "elsewhere", vendor_order.po_number, vendor_order.id, tied=ties, waiting=tuple(left)
    )
    if confirm is not None and not confirm(plan):
        return plan
    notes = [
        (
            n.row.fingerprint,
            "",  # no line of this ledger's: the note names the vendor's
            ELSEWHERE_NOTE.format(
                line=n.line + 1, po=vendor_order.po_number, order_id=vendor_order.id, how=n.how, by=by
            ),
        )
        for n in named
    ]
    detail = {
        "by": by,
        "reason": reason,
        "order_id": vendor_order.id,
        "vendor_po": vendor_order.po_number,
        "rows": [{"row": t.row, "line": (t.line or 0) + 1, "how": t.how} for t in ties],
        # what each row would have sent: a later edit of the row is held as one (bulkship.repeats)
        LEFT_OUT_ITEMS: {n.row.fingerprint: planned_item(own, n.row) for n in named},
        "still_waiting": [row for row, _why in left],
    }
    # the rows waited on that other order itself (taken into this ledger when found): it leaves the batch
    set_aside = po.casefold() == vendor_order.po_number.casefold()
    ledger.leave_out_elsewhere(batch, po, notes, detail=detail, set_aside=set_aside)
    return Resolution(**{**plan.__dict__, "applied": True})


def _how(vendor_order: VendorOrder, named: _Named, own: OrderRecord) -> str:
    """Why the line is the row's, and both cards, in the words shown before it is recorded."""
    item = planned_item(own, named.row)
    ours = item_content(item) if item is not None else "no record of what it would send"
    return f"{named.how}; {vendor_content(vendor_order, named.line)}; the row: {ours}"


@dataclass(frozen=True)
class ElsewhereOffer:
    """What the review offers for rows a line of another batch's or ledger's order names: leave them out."""

    batch: str
    po_number: str
    order: str  # the vendor order's PO number (its Id when it shows none)
    rows: tuple[int, ...]

    @property
    def command(self) -> str:
        return (
            f"bulkship reconcile {shlex.quote(self.batch)} --resolve {self.po_number} --sent-elsewhere "
            f"{self.order}"
        )


def elsewhere_offer(
    ledger: Ledger, batch: str, own: OrderRecord, rows: Sequence[RowRecord], suspects: Sequence[Suspect]
) -> ElsewhereOffer | None:
    """The first vendor order, of those whose lines may be ``rows`` (``suspects``) and not the batch's own
    beyond doubt, with lines naming some of them: what ``--sent-elsewhere`` would leave out (None: nothing).
    Only offered where it would be accepted: the rows are those its checks name."""
    record = ledger.batch(batch)
    strict = batch_orders_pattern(record.po_prefix if record else "", batch, strict=True)
    seen: set[str] = set()
    for suspect in suspects:
        vendor_order = suspect.vendor_order
        if vendor_order.id in seen or strict.fullmatch(vendor_order.po_number):
            continue
        seen.add(vendor_order.id)
        named, _left = _named_rows(ledger, own, rows, vendor_order)
        if named:
            reference = vendor_order.po_number or vendor_order.id
            return ElsewhereOffer(batch, own.po_number, reference, tuple(sorted(n.row.row for n in named)))
    return None
