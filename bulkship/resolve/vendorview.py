"""What the vendor shows for a batch's rows in review: its order list over the batch's PO range (any prefix,
follow-ups included) and orders elsewhere carrying a waiting row's ExternalId (:class:`VendorView`), each PO
asked about (:class:`Sighting`), and the rows its orders of the batch show by proof
(:func:`proven_at_vendor`); the lines that may be rows waiting, never a proof that they are, are
:mod:`.suspects`'.

Reading the vendor is the slow and fallible part of a review, so it lives here with the reuse of a listing for
the read-only review page (:data:`LISTING_REUSE_S`); a settlement or a release always reads afresh.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..client.parse import po_number_of, raw_lines, text
from ..errors import VendorError
from ..ledger import Ledger, OrderRecord, RowRecord
from ..linecards import holds_no_card
from ..linematch import same_line
from ..models import VendorOrder
from ..rebuild import batch_orders_pattern
from ..silentorder import says_nothing_of_lines
from ..statuses import NO_CARD_STATUSES
from .lines import (
    planned_item,
)


@dataclass(frozen=True)
class Sighting:
    """One PO number asked of the vendor: found, provably absent, or unknown (``why``)."""

    order: VendorOrder | None
    absent: bool
    why: str = ""

    def describe(self, po: str) -> str:
        if self.order is not None:
            o = self.order
            lines = len(o.line_items)
            return f"the vendor holds PO {po}: order {o.id} ({o.status or 'no status'}), {lines} line(s)"
        if self.absent:
            return f"the vendor holds no order with PO {po} (its order list is complete)"
        return f"the vendor cannot show whether it holds PO {po} ({self.why})"


@dataclass
class VendorView:
    """The vendor's orders of the batch's PO range (any prefix, follow-ups), those elsewhere this ledger does
    not know, whether the list is provably complete, and each PO asked about."""

    in_range: list[VendorOrder]
    elsewhere: list[VendorOrder]
    complete: bool
    why_incomplete: str
    sightings: dict[str, Sighting] = field(default_factory=dict)
    set_aside: frozenset[str] = frozenset()  # POs a person set aside as another batch's (--not-ours)


# What the vendor's order list showed, for the read-only review (its web page is viewed again and again):
# reused for LISTING_REUSE_S. A settlement or a release always reads the vendor afresh.
LISTING_REUSE_S = 30.0
_LISTINGS: dict[tuple[Any, ...], tuple[float, list[VendorOrder], bool, str]] = {}
_LISTINGS_KEPT = 8


async def look_at_vendor(
    client: Any, ledger: Ledger, batch: str, po_numbers: Sequence[str], *, reuse_s: float = 0.0
) -> VendorView:
    """A read of the vendor's order list, and a look-up by PO of each of ``po_numbers`` it cannot settle.
    ``reuse_s``: a read of the same list (same API, batch, waiting rows) at most that old is reused."""
    record = ledger.batch(batch)
    prefix = record.po_prefix if record else ""
    pattern = batch_orders_pattern(prefix, batch)
    external_ids = {r.external_id for r in ledger.batch_rows(batch) if r.status == "review" and r.external_id}

    def keep(raw: Any) -> bool:  # only these are read in full: the batch's, and any with a waiting row's id
        if pattern.fullmatch(po_number_of(raw)) or po_number_of(raw) in po_numbers:
            return True
        return any(text(li, "ExternalId") in external_ids for li in raw_lines(raw))

    key = (getattr(client, "base_url", id(client)), str(ledger.path), batch, prefix, frozenset(external_ids),
           frozenset(po_numbers))  # fmt: skip
    kept = _LISTINGS.get(key)
    if kept is not None and reuse_s > 0 and time.monotonic() - kept[0] <= reuse_s:
        orders, complete, why = list(kept[1]), kept[2], kept[3]
    else:
        try:
            listing = await client.order_listing(keep=keep)
            orders, complete, why = list(listing.orders), bool(listing.complete), listing.why_incomplete
            _LISTINGS[key] = (time.monotonic(), orders, complete, why)
            while len(_LISTINGS) > _LISTINGS_KEPT:
                _LISTINGS.pop(next(iter(_LISTINGS)))
        except VendorError as exc:
            orders, complete, why = [], False, f"reading it failed: {exc.message}"
    left_out = _known_orders_left_out(ledger, batch, orders)
    if complete and left_out:
        complete, why = False, left_out
    theirs = {o.po_number for o in ledger.orders() if o.batch != batch}  # another batch of this ledger
    in_range = [o for o in orders if pattern.fullmatch(o.po_number) and o.po_number not in theirs]
    elsewhere = [o for o in orders if not pattern.fullmatch(o.po_number) and o.po_number not in theirs]
    in_part = next((o.po_number for o in [*in_range, *elsewhere] if o.lines_partial), "")
    if complete and in_part:  # a row on a page not shown would read as nowhere, and be released (a second
        # card: found by hunter-vendor11)
        complete = False
        why = f"it shows order {in_part} with some of its lines only, the others on pages it did not send"
    view = VendorView(in_range, elsewhere, complete, why)
    for po in po_numbers:
        found = next((o for o in orders if o.po_number == po), None)
        if found is not None or complete:
            view.sightings[po] = Sighting(found, absent=found is None)
            continue
        try:
            look = await client.look_up_order(po)
            view.sightings[po] = Sighting(look.order, look.absent, look.why_unknown)
        except VendorError as exc:
            view.sightings[po] = Sighting(None, False, f"looking it up failed: {exc.message}")
    return view


def _known_orders_left_out(ledger: Ledger, batch: str, listed: Sequence[VendorOrder]) -> str:
    """Why a listing that ends cleanly still cannot be complete: it leaves out an order of the batch this
    ledger records at the vendor, or shows fewer of its lines (recent orders only, headers only)."""
    shown = {o.po_number: o for o in listed}
    # a 409 answered with another ledger's order holding fewer lines than planned here: those are its lines
    # (counted as planned, every read of the list was 'not complete', and no row ever released: found by
    # hunter-vendor18, two copies of a list run at once)
    answered = ledger.lines_answered(batch)
    for record in ledger.orders(batch=batch):
        if record.state != "created" and not record.vendor_order_id:
            continue
        seen = shown.get(record.po_number)
        if seen is None:
            return f"it leaves out order {record.po_number}, which this ledger records at the vendor"
        lines = answered.get(record.po_number, record.lines)
        if len(seen.line_items) < lines and not _ended_unsaid(record, seen):
            return (
                f"it shows {len(seen.line_items)} of the {lines} line(s) this ledger records for "
                f"order {record.po_number}"
            )
    return ""


def _ended_unsaid(record: OrderRecord, seen: VendorOrder) -> bool:
    """An order the vendor ended Failed or Cancelled, read so before and listed so now, its lines silent:
    it leaves no line out, it says nothing of any (:mod:`bulkship.silentorder`)."""
    return (record.status or "").casefold() in NO_CARD_STATUSES and says_nothing_of_lines(seen)


def _set_aside(view: VendorView, po_numbers: Sequence[str]) -> VendorView:
    """The view with ``po_numbers`` set aside as another batch's: still looked at by ExternalId, as every
    order elsewhere is (a line carrying a row's ExternalId may be that row: a person's word that its order
    is another batch's does not make it not the row), but another office's people (:mod:`.otheroffice`)."""
    kept = [o for o in view.in_range if o.po_number not in po_numbers]
    aside = [o for o in view.in_range if o.po_number in po_numbers]
    return VendorView(kept, [*view.elsewhere, *aside], view.complete, view.why_incomplete, view.sightings,
                      view.set_aside | {o.po_number for o in aside})  # fmt: skip


@dataclass(frozen=True)
class Proven:
    """Rows waiting on one PO that one vendor order of the batch shows by proof: a line carrying the row's
    ExternalId with the same card and recipient, the card not ended Failed or Cancelled."""

    po_number: str  # the PO the rows wait on
    vendor_order: VendorOrder
    rows: tuple[int, ...]  # spreadsheet row numbers
    lines: tuple[int, ...] = ()  # the vendor lines showing them (1-based)


def proven_at_vendor(
    ledger: Ledger, batch: str, view: VendorView, groups: dict[str, list[RowRecord]]
) -> list[Proven]:
    """Where the vendor's orders of the batch (its PO numbers beyond doubt) show rows waiting by proof, by PO
    waited on and vendor order, the order of the rows' own PO first. A run stopped because another computer
    or ledger was sending the batch holds its rows; once that one has finished, each is on a line of its
    orders (one order a row when it sent them one by one). Indexed once: linear in lines plus rows."""
    record = ledger.batch(batch)
    strict = batch_orders_pattern(record.po_prefix if record else "", batch, strict=True)
    by_id: dict[str, list[tuple[str, RowRecord, dict[str, Any]]]] = {}
    for po, rows in groups.items():
        order = ledger.order(po)
        for row in rows:
            item = planned_item(order, row)
            if row.external_id and item is not None:
                by_id.setdefault(row.external_id, []).append((po, row, item))
    found: dict[tuple[str, str], set[int]] = {}
    lines: dict[tuple[str, str], set[int]] = {}
    orders: dict[str, VendorOrder] = {}
    for vendor_order in view.in_range:
        if not strict.fullmatch(vendor_order.po_number):
            continue
        for at, line in enumerate(vendor_order.line_items):
            waiting = by_id.get(line.external_id) if line.external_id else None
            if not waiting or holds_no_card(vendor_order, at):
                continue
            for po, row, item in waiting:
                if same_line(item, vendor_order, at):
                    found.setdefault((po, vendor_order.id), set()).add(row.row)
                    lines.setdefault((po, vendor_order.id), set()).add(at + 1)
                    orders[vendor_order.id] = vendor_order
    proven = [
        Proven(po, orders[order_id], tuple(sorted(rows)), tuple(sorted(lines[po, order_id])))
        for (po, order_id), rows in found.items()
    ]
    return sorted(proven, key=lambda p: (p.po_number, p.vendor_order.po_number != p.po_number))
