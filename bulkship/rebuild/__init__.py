"""A batch this ledger does not know yet is first looked for at the vendor: a lost ledger is rebuilt from
the vendor's own orders, never guessed.

Before a new batch is planned, the vendor's whole order list is read once (only the orders that may be the
batch's are kept and read in full) and searched for the batch's earlier orders: its PO numbers under any
prefix (``<PREFIX>-<BATCH>-<SEQ>`` and the ``-R<n>`` follow-ups; another grouping, another ``--po-prefix``)
and, anywhere, lines carrying the ExternalIds bulkship derives for this batch's rows. A vendor line is tied
to a row only by proof:

* its ExternalId (with the same product, value, quantity, and recipient where the vendor shows one): the row
  is ``ordered`` on that vendor order; the same ExternalId with other content puts the row in ``review``;
* else its full delivery address with the same product, value and quantity;
* a line that shows neither (the likely-real API echoes no ExternalId and no address) cannot be tied: every
  row with that product, value and quantity may be it, and waits in ``review``.

Rows tied or in review are recorded on the vendor's orders (taken into the ledger as ``created``), so the
planner plans only the rest, with sequence numbers after the vendor's. When the order list cannot be read in
full, rows are planned only if nothing of the batch was seen; otherwise every row not tied waits in
``review``. Nothing here sends an order.

The package: :mod:`.listing` (which listed orders are read, and the refusals), :mod:`.search` (vendor lines
tied to rows, or rows held for review), :mod:`.holds` (rows found nowhere held while the vendor's view may be
incomplete); here the orders found are recorded (adopted) in the ledger.
"""

from __future__ import annotations

import re
import shlex
from decimal import Decimal
from typing import Any, NoReturn

from ..client.parse import po_number_of, text
from ..errors import VendorError, VendorUnavailableError
from ..ledger import REVIEW_ITEMS, AdoptedOrder, AdoptedRow, Ledger
from ..models import FINGERPRINT, ROW, STATUS, Catalog, PlannedLine, ValidationResult, VendorOrder
from ..plan import batch_po_pattern, external_reference, order_seq, other_batch_po, plan_lines, po_stem
from ..resume import record_batch
from .holds import (
    _hold_if_lines_unshown,
    _hold_if_list_unread,
    _hold_if_numbers_skipped,
    _hold_while_sent_elsewhere,
)
from .listing import (
    _made_up_for_another,
    _may_be_ours,
    _recent_card,
    _refuse_cards_sent_elsewhere,
    _refuse_rows_not_valid_at_the_vendor,
    _repeats_a_row,
    _sent_from_elsewhere,
    list_unread_words,
)
from .search import _item, _search, _Tally, shows_line_address

__all__ = ["batch_orders_pattern", "rebuild_from_vendor", "shows_line_address"]

_FOLLOW_UP = re.compile(r"-R\d+$", re.IGNORECASE)


def batch_orders_pattern(po_prefix: str, batch: str, *, strict: bool = False) -> re.Pattern[str]:
    """This batch's PO numbers under its own prefix or any other: ``<PREFIX>-<BATCH>-<SEQ>[-R<n>]``.

    Looking for what may be the batch's (a lost ledger), any prefix counts. ``strict`` is for tying rows to an
    order: another prefix only of one part, as ``BS-GIFTS-STAFF-0001`` may be batch ``gifts-staff``'s."""
    stem, bare = po_stem(po_prefix, batch), po_stem("", batch)
    other = "[^-]+" if strict else ".+"
    return re.compile(rf"(?:{re.escape(stem)}|{other}-{re.escape(bare)})-\d+(?:-R\d+)?", re.IGNORECASE)


def _derived_ids(batch: str, validation: ValidationResult) -> set[str]:
    """The ExternalIds bulkship makes up for the valid rows without a user reference (they name the batch,
    so they are looked for anywhere; a user's own reference, e.g. an employee ID, may recur in other
    batches, so it counts only in this batch's orders). Read from the frame, without planning."""
    frame = validation.rows
    valid = frame[frame[STATUS] == "valid"]
    fingerprints = valid[FINGERPRINT].astype(str).tolist()
    own = (
        valid["external_id"].astype(str).str.strip().tolist()
        if "external_id" in valid
        else [""] * len(fingerprints)
    )
    return {external_reference(batch, fp) for fp, ext in zip(fingerprints, own, strict=True) if not ext}


def _not_valid_at_the_vendor(
    validation: ValidationResult, in_scope: list[VendorOrder], tally: _Tally
) -> list[tuple[int, str, str]]:
    """(row, reference, PO) of each row not valid today whose own reference (an Employee ID) a line of the
    batch's own orders carries, that line tied to no valid row."""
    frame = validation.rows
    if "external_id" not in frame:
        return []
    invalid = frame[frame[STATUS] == "invalid"]
    refs = invalid["external_id"].astype(str).str.strip()
    rows = invalid[ROW].tolist() if ROW in invalid.columns else invalid.index.tolist()
    by_ref = {ref.casefold(): (int(row), ref) for ref, row in zip(refs, rows, strict=True) if ref}
    found: list[tuple[int, str, str]] = []
    for order in in_scope:
        tied = tally.ties.get(order.po_number, {})
        for index, line in enumerate(order.line_items):
            hit = by_ref.pop(line.external_id.strip().casefold(), None) if index not in tied else None
            if hit is not None:
                found.append((*hit, order.po_number))
    return sorted(found)


def _refuse_unsearched(batch: str, why: str, *, in_full: bool = False) -> NoReturn:
    """A new batch is not sent while the vendor's orders cannot all be searched: a 409 stops only a PO number
    the other ledger used, and the same list sent under another batch name or --po-prefix gets none (found by
    hunter-vendor12: the list answering 500, XY-GIFTS-0001 went out beside BS-GIFTS-0001, a second card each,
    exit 0). ``--allow-repeat`` sends all the same, the first order alone (its 409 holds the batch)."""
    # ``in_full``: the list was read but cannot be proven whole (it ignores pageIndex, too many pages): a
    # lasting trait of the vendor's list, which no waiting mends (review26's F2)
    read, again = list_unread_words(in_full)
    raise VendorUnavailableError(
        f"The vendor's order list {read} ({why}), so batch {batch!r}, new to this ledger, could not be "
        "checked for cards sent before (from another ledger or computer, under another batch name or PO "
        "prefix): nothing was sent",
        hint=f"{again}; to send without that check, add --allow-repeat (a PO number used before is still "
        "refused by the vendor; the flag also sends every row of the list that repeats a card already "
        "ordered, a second card each)",
    )


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _adopted(
    vendor_order: VendorOrder, tally: _Tally, lines: dict[str, PlannedLine], batch: str
) -> AdoptedOrder:
    po = vendor_order.po_number
    ties = tally.ties.get(po, {})
    items: list[dict[str, Any]] = []
    rows: list[AdoptedRow] = []
    for index, vendor_line in enumerate(vendor_order.line_items):
        ours = ties.get(index)
        if ours is None:
            items.append(
                {
                    "ExternalId": vendor_line.external_id,
                    "ProductId": vendor_line.product_id,
                    "Value": _number(vendor_line.value),
                    "Quantity": vendor_line.quantity,
                }
            )
            continue
        items.append(_item(ours))
        rows.append(
            AdoptedRow(
                ours.fingerprint,
                ours.row,
                "ordered",
                ours.external_id,
                line_index=index,
                line_item_id=vendor_line.id or None,
                cost=vendor_line.cost if vendor_line.cost is not None else ours.cost,
                line_status=vendor_line.status.lower() or None,
            )
        )
    compare = f"bulkship reconcile {shlex.quote(batch)} --review"
    waiting: dict[str, dict[str, Any]] = {}  # what each row in review would send (bulkship.resolve reads it)
    for fingerprint, (where, why) in tally.review.items():
        if where == po:
            line = lines[fingerprint]
            message = (
                f"Needs review, not sent: {why}. This ledger had no record of the batch (lost, replaced, or "
                f"the batch ran elsewhere); nothing was sent for this row. See and settle it: {compare}"
            )
            # its planned cost: money in doubt (its card may be one of the order's lines), never in no figure
            rows.append(
                AdoptedRow(fingerprint, line.row, "review", line.external_id, cost=line.cost, error=message)
            )
            waiting[fingerprint] = _item(line)
    payload: dict[str, Any] = {"Type": "PhysicalShipment", "PONumber": po, "LineItems": items}
    if waiting:
        payload[REVIEW_ITEMS] = waiting
    base_po = _FOLLOW_UP.sub("", po)
    note = "found at the vendor: this ledger had no record of it"
    return AdoptedOrder(po, order_seq(po), base_po, vendor_order, payload, rows, note)


def _valid_lines(validation: ValidationResult, catalog: Catalog, batch: str) -> list[PlannedLine]:
    frame = validation.rows
    valid = frame[frame[STATUS] == "valid"]
    if valid.empty:
        return []
    if ROW not in valid.columns:
        valid = valid.assign(**{ROW: valid.index})
    return plan_lines(valid, catalog, batch)


async def rebuild_from_vendor(
    client: Any,
    ledger: Ledger,
    batch: str,
    validation: ValidationResult,
    catalog: Catalog,
    *,
    po_prefix: str,
    api: str | None = None,
    by: str | None = None,
    allow_repeat: bool = False,
    since: str = "",
) -> list[str]:
    """Search the vendor for a batch this ledger does not know; record what is found (see the module
    docstring), the batch as started by ``by``. Returns notes for the user (empty when nothing of the batch
    is at the vendor). Raises BatchConflictError when orders this ledger does not know hold the rows' very
    cards (:func:`_repeats_a_row`, created from ``since``: the repeat window's first day), unless
    ``allow_repeat``."""
    listing_of = getattr(client, "order_listing", None)
    if listing_of is None:  # a client without a complete listing (test doubles): the 409s are the guard
        return []
    pattern = batch_orders_pattern(po_prefix, batch)
    derived = _derived_ids(batch, validation)
    known = {o.po_number for o in ledger.orders()}
    ours = _may_be_ours(pattern, derived)
    repeated = _repeats_a_row(validation, known, since) if not allow_repeat else None
    others: list[str] = []  # recent orders this ledger never sent, when it knows no batch at all

    another_batch_po = other_batch_po(batch)
    another_batch_s = _made_up_for_another(batch, batch_po_pattern(po_stem(po_prefix, batch)))
    foreign: set[str] = set()  # of the batch's PO numbers under another prefix: another batch's orders

    def theirs(po: str) -> bool:
        return po in foreign or (not pattern.fullmatch(po) and another_batch_po(po))

    def keep(raw: Any) -> bool:
        po = po_number_of(raw)
        if not known and not pattern.fullmatch(po) and _recent_card(raw, since):
            others.append(po or f"order {text(raw, 'Id', 'OrderId')}")
        if pattern.fullmatch(po) and another_batch_s(raw):  # kept only for the cards it repeats
            foreign.add(po)
            return repeated is not None and _recent_card(raw, since) and repeated(raw)
        if theirs(po):  # another batch's order: its lines carrying this batch's references are its cards
            return repeated is not None and _recent_card(raw, since) and (ours(raw) or repeated(raw))
        return ours(raw) or (repeated is not None and repeated(raw))

    try:
        listing = await listing_of(keep=keep)
    except VendorError as exc:
        if not allow_repeat:
            _refuse_unsearched(batch, exc.message)
        return [
            f"The vendor's order list could not be read ({exc.message}), so this new batch was not checked "
            "for earlier orders (--allow-repeat); a 409 on its first order stops it for review"
        ]
    in_scope, elsewhere, unknown, another = [], [], [], []
    folded = {d.casefold() for d in derived}
    for vendor_order in listing.orders:
        if vendor_order.po_number in known:
            continue  # another batch of this ledger
        if theirs(vendor_order.po_number):
            another.append(vendor_order)
        elif pattern.fullmatch(vendor_order.po_number):
            in_scope.append(vendor_order)
        elif any(li.external_id.casefold() in folded for li in vendor_order.line_items):
            elsewhere.append(vendor_order)
        else:
            unknown.append(vendor_order)
    if another or (unknown and not in_scope):
        _refuse_cards_sent_elsewhere(batch, [*another, *unknown], po_prefix)
    if not in_scope and not elsewhere:
        if listing.complete:
            return _sent_from_elsewhere(others, since)
        if not listing.every_order_read and not allow_repeat:
            _refuse_unsearched(batch, listing.why_incomplete, in_full=True)
        return [
            f"The vendor's order list cannot be read in full ({listing.why_incomplete}), so this new batch "
            "was not checked for earlier orders; a 409 on its first order stops it for review"
        ]
    lines = _valid_lines(validation, catalog, batch)  # planned only when the vendor holds something
    tally = _search(in_scope, elsewhere, lines, derived)
    sent_not_valid = _not_valid_at_the_vendor(validation, in_scope, tally)
    if sent_not_valid:
        _refuse_rows_not_valid_at_the_vendor(batch, sent_not_valid)
    _hold_if_lines_unshown(tally, in_scope, lines, elsewhere=elsewhere)
    _hold_if_numbers_skipped(tally, in_scope, lines)
    _hold_if_list_unread(tally, listing, in_scope, elsewhere, lines)
    unsent = _hold_while_sent_elsewhere(tally, in_scope, elsewhere, lines, batch)
    by_fingerprint = {ln.fingerprint: ln for ln in lines}
    holding = set(tally.ties) | {po for po, _why in tally.review.values()}
    adopted = [
        _adopted(o, tally, by_fingerprint, batch)
        for o in [*in_scope, *elsewhere]
        if o in in_scope or o.po_number in holding
    ]
    record_batch(ledger, batch, validation, po_prefix=po_prefix, api=api, by=by)
    ledger.adopt_vendor_orders(batch, adopted)
    ordered = sum(len(t) for t in tally.ties.values())
    return [
        f"This ledger had no record of batch {batch!r}, but the vendor holds {len(adopted)} of its orders: "
        f"{ordered} row(s) found there are recorded as ordered, {len(tally.review)} need review (nothing "
        "was sent for them)"
        + (
            f". {unsent} of them are found nowhere at the vendor: they wait because the run that made those "
            "orders may still be sending the list. Once you have checked that no other computer or ledger is "
            f"sending it, settle and release them in one go: bulkship reconcile {shlex.quote(batch)} "
            "--release; then run "
            "the same command again"
            if unsent
            else ""
        )
    ]
