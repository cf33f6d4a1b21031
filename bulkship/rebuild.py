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
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .client.parse import field as raw_field
from .client.parse import items, po_number_of, text
from .errors import VendorError
from .folding import fold_address, fold_person
from .ledger import REVIEW_ITEMS, AdoptedOrder, AdoptedRow, Ledger
from .linematch import same_line, vendor_address
from .models import FINGERPRINT, ROW, STATUS, Catalog, PlannedLine, ValidationResult, VendorOrder
from .plan import external_reference, order_seq, plan_lines, po_stem
from .resume import record_batch

_FOLLOW_UP = re.compile(r"-R\d+$", re.IGNORECASE)


@dataclass
class _Tally:
    """The search's working state: which of our lines are tied, in review, and where."""

    ties: dict[str, dict[int, PlannedLine]] = field(default_factory=dict)  # PO -> vendor line -> our line
    review: dict[str, tuple[str, str]] = field(default_factory=dict)  # fingerprint -> (PO, why)
    taken: set[str] = field(default_factory=set)  # fingerprints tied or in review

    def tie(self, po: str, index: int, line: PlannedLine) -> None:
        self.ties.setdefault(po, {})[index] = line
        self.taken.add(line.fingerprint)

    def hold(self, line: PlannedLine, po: str, why: str) -> None:
        if line.fingerprint not in self.taken:
            self.review[line.fingerprint] = (po, why)
            self.taken.add(line.fingerprint)


def batch_orders_pattern(po_prefix: str, batch: str, *, strict: bool = False) -> re.Pattern[str]:
    """This batch's PO numbers under its own prefix or any other: ``<PREFIX>-<BATCH>-<SEQ>[-R<n>]``.

    Looking for what may be the batch's (a lost ledger), any prefix counts. ``strict`` is for tying rows to an
    order: another prefix only of one part, as ``BS-GIFTS-STAFF-0001`` may be batch ``gifts-staff``'s."""
    stem, bare = po_stem(po_prefix, batch), po_stem("", batch)
    other = "[^-]+" if strict else ".+"
    return re.compile(rf"(?:{re.escape(stem)}|{other}-{re.escape(bare)})-\d+(?:-R\d+)?", re.IGNORECASE)


def _item(line: PlannedLine) -> dict[str, Any]:
    return {
        "ExternalId": line.external_id,
        "ProductId": line.product_id,
        "Value": float(line.value),
        "Quantity": line.quantity,
        "PhysicalDeliveryAddress": dict(line.address),
    }


def _key(product_id: str, value: Decimal, quantity: int) -> tuple[str, Decimal, int]:
    return product_id.casefold(), value, quantity


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


def _may_be_ours(pattern: re.Pattern[str], derived: set[str]) -> Callable[[Any], bool]:
    """Which of the vendor's listed orders (as listed, not yet read) the search needs: the batch's PO numbers
    under any prefix, and orders with a line carrying one of the ExternalIds bulkship made up for its rows.
    A large account's other orders are not read into memory at all."""

    def keep(raw: Any) -> bool:
        if pattern.fullmatch(po_number_of(raw)):
            return True
        return bool(derived) and any(text(li, "ExternalId") in derived for li in items(raw, "LineItems"))

    return keep


def _repeats_a_row(validation: ValidationResult, known: set[str], since: str) -> Callable[[Any], bool]:
    """Which listed orders, unknown to this ledger, send one of the file's valid rows its very card (same
    name, street, ZIP, card and value, as a vendor that echoes the address shows them): a list run again
    under a new batch name on another machine, or after the ledger was lost (found by newcomer7: every card
    sent twice). A vendor that lists no addresses shows nothing to compare. The rows are folded only when a
    listed order needs comparing: most accounts list only orders this ledger sent (a 100,000-row list was
    folded whole on every new batch, found by review10)."""
    from .repeats.cards import _Folder, _Rows

    folder = _Folder()
    folded: list[set[str]] = []  # the rows' repeat keys, once a listed order needs them

    def keys() -> set[str]:
        if not folded:
            frame = validation.rows
            valid = frame[frame[STATUS] == "valid"]
            folded.append(set(_Rows(valid, folder).repeat_keys()) if not valid.empty else set())
        return folded[0]

    def keep(raw: Any) -> bool:
        if po_number_of(raw) in known or not _recent_card(raw, since):
            return False
        for line in items(raw, "LineItems"):
            address = raw_field(line, "PhysicalDeliveryAddress")
            if not isinstance(address, dict):
                continue
            item = {"ProductId": text(line, "ProductId"), "Value": text(line, "Value")}
            shown = {k: text(address, k) for k in ("Name", "AddressLine1", "AddressLine2", "Zip")}
            if folder.line_key(item, shown) in keys():
                return True
        return False

    return keep


def _recent_card(raw: Any, since: str) -> bool:
    """An order that made or may make cards, created from ``since``, the repeat window's first day (an
    undated order counts)."""
    from .statuses import NO_CARD_STATUSES

    if text(raw, "Status").casefold() in NO_CARD_STATUSES:
        return False
    created = text(raw, "CreatedDate", "Created", "OrderDate")
    return not (created and since and created[:10] < since[:10])


def _sent_from_elsewhere(others: list[str], since: str) -> list[str]:
    """Said with the plan when a ledger that knows no batch meets an account with recent orders: a vendor
    that shows no recipients lets nothing be compared (found by newcomer7: a list sent from another laptop
    went out again under a new batch name)."""
    if not others:
        return []
    named = ", ".join(others[:3]) + (" ..." if len(others) > 3 else "")
    return [
        f"This ledger knows no earlier batch, but the vendor account holds {len(others)} order(s) created "
        f"since {since[:10]} that it did not send ({named}). If this list, or part of it, was sent from "
        "another computer or ledger, stop here and run it with that ledger: bulkship checks for second cards "
        "against the ledger it is given."
    ]


def _refuse_cards_sent_elsewhere(batch: str, orders: list[VendorOrder]) -> None:
    from .errors import BatchConflictError

    named = ", ".join(o.po_number for o in orders[:3]) + (" ..." if len(orders) > 3 else "")
    raise BatchConflictError(
        f"The vendor account holds {len(orders)} order(s) this ledger does not know ({named}) with the very "
        f"cards rows of this file would send (same recipient, address, card and value): batch {batch!r} "
        "would send them again. Nothing was sent",
        hint="run with the ledger they were sent from (the same computer, or the team's shared ledger), or "
        "continue that batch by its own name (--batch); to send these cards again on purpose, add "
        "--allow-repeat",
    )


def _search(
    in_scope: list[VendorOrder], elsewhere: list[VendorOrder], lines: list[PlannedLine], derived: set[str]
) -> _Tally:
    tally = _Tally()
    by_ext: dict[str, list[PlannedLine]] = {}
    by_card: dict[tuple[str, Decimal, int], list[PlannedLine]] = {}  # only lines of the same card can match
    for line in lines:
        by_ext.setdefault(line.external_id, []).append(line)
        by_card.setdefault(_key(line.product_id, line.value, line.quantity), []).append(line)
    unknown_lines: Counter[tuple[str, Decimal, int]] = Counter()
    unknown_where: dict[tuple[str, Decimal, int], str] = {}
    for vendor_order, scoped in [*((o, True) for o in in_scope), *((o, False) for o in elsewhere)]:
        po = vendor_order.po_number
        for index, vendor_line in enumerate(vendor_order.line_items):
            if vendor_line.external_id:
                ours = [
                    ln for ln in by_ext.get(vendor_line.external_id, []) if ln.fingerprint not in tally.taken
                ]
                if scoped and not ours and not shows_line_address(vendor_order, index):
                    # a line of the batch's own order that names no row of the file, and shows no
                    # recipient: a row edited since (its derived ExternalId follows its content) may be it
                    key = _key(vendor_line.product_id, vendor_line.value, vendor_line.quantity)
                    unknown_lines[key] += 1
                    unknown_where.setdefault(key, po)
                if not scoped:
                    ours = [ln for ln in ours if ln.external_id in derived]
                same = next((ln for ln in ours if same_line(_item(ln), vendor_order, index)), None)
                if same is not None:
                    tally.tie(po, index, same)
                for other in ours if same is None else ():
                    tally.hold(
                        other,
                        po,
                        f"the vendor's order {po} holds this row's ExternalId {other.external_id} with other "
                        "content (product, value, quantity or recipient)",
                    )
                continue
            if not scoped:
                continue
            key = _key(vendor_line.product_id, vendor_line.value, vendor_line.quantity)
            match = next(
                (
                    ln
                    for ln in by_card.get(key, ())
                    if ln.fingerprint not in tally.taken
                    and same_line(_item(ln), vendor_order, index, full_address=True)
                ),
                None,
            )
            if match is not None:
                tally.tie(po, index, match)
            elif not shows_line_address(vendor_order, index):
                unknown_lines[key] += 1
                unknown_where.setdefault(key, po)
    _hold_edited_rows(in_scope, lines, tally)
    # a line the vendor does not identify may be a row whose card or value was edited since, so any row may be
    # one (found by review13: an amount corrected after a lost ledger, with a vendor that shows no line's
    # recipient, was a second card; then with every amount corrected, each row was one). Another list run
    # under the same batch name cannot be told from such an edit: it waits too (its own batch name sends it)
    surplus = sum(unknown_lines.values())
    for line in lines:
        key = _key(line.product_id, line.value, line.quantity)
        if unknown_lines.get(key) and line.fingerprint not in tally.taken:
            po = unknown_where[key]
            tally.hold(
                line,
                po,
                f"the vendor holds {unknown_lines[key]} line(s) of the same card and value under this "
                f"batch's PO numbers (e.g. {po}) that it does not identify (no ExternalId or address "
                "shown), and this row may be one of them",
            )
        elif surplus and line.fingerprint not in tally.taken:
            po = next(iter(unknown_where.values()))
            tally.hold(
                line,
                po,
                f"the vendor holds {surplus} line(s) under this batch's PO numbers (e.g. {po}) that it does "
                "not identify (no ExternalId or address shown): this row may be one of them, its card or "
                "value edited since (if this file is another list, not the one sent then, run it as a batch "
                "of its own: --batch NEW-NAME)",
            )
    return tally


def _hold_edited_rows(in_scope: list[VendorOrder], lines: list[PlannedLine], tally: _Tally) -> None:
    """Hold the rows a line of the batch's own orders, tied to no row, shows to the same recipient name with
    the same card (an address corrected in the file since) or at the same address with another card or value
    (an amount corrected): the ExternalId bulkship derives follows a row's content, so an edited row no
    longer names the card the vendor made for it (found by newcomer8: a second card after a lost ledger)."""
    by_name: dict[str, list[tuple[PlannedLine, tuple[str, str], tuple[str, Decimal, int]]]] = {}
    by_place: dict[tuple[tuple[str, str], tuple[str, Decimal, int]], list[PlannedLine]] = {}
    for line in lines:  # indexed once: a list of thousands is not compared pair by pair
        if line.fingerprint in tally.taken:
            continue
        address = line.address
        place = _place(address.get("AddressLine1"), address.get("AddressLine2"), address.get("Zip"))
        card = _key(line.product_id, line.value, line.quantity)
        by_name.setdefault(fold_person(address.get("Name")), []).append((line, place, card))
        by_place.setdefault((place, card), []).append(line)
    if not by_name:
        return
    for vendor_order in in_scope:
        po, tied = vendor_order.po_number, tally.ties.get(vendor_order.po_number, {})
        for index, vendor_line in enumerate(vendor_order.line_items):
            shown = vendor_address(vendor_order, index)
            if index in tied or shown is None:
                continue
            card = _key(vendor_line.product_id, vendor_line.value, vendor_line.quantity)
            place = _place(shown.get("addressline1"), shown.get("addressline2"), shown.get("zip"))
            held: list[tuple[PlannedLine, str]] = []
            for line, line_place, line_card in by_name.get(fold_person(shown.get("name")), ()):
                if line_card == card:
                    held.append((line, "the same card to the same name at another address"))
                elif line_place == place:
                    held.append((line, "another card or value to the same name and address"))
            # a name corrected (found by review13: a second card)
            held += [
                (line, "the same card to the same address under another name")
                for line in by_place.get((place, card), ())
            ]
            for line, why in held:
                tally.hold(
                    line,
                    po,
                    f"the vendor's order {po} holds {why}, a line that no row of this file names: this row "
                    "may have been edited since that card was ordered",
                )


def _place(line1: Any, line2: Any, zip_code: Any) -> tuple[str, str]:
    return fold_address(line1, line2), "".join(ch for ch in str(zip_code or "") if ch.isdigit())[:5]


def shows_line_address(vendor_order: VendorOrder, index: int) -> bool:
    """Whether the vendor's line ``index`` shows a delivery address."""
    raw = vendor_order.raw
    lines = next((v for k, v in raw.items() if str(k).lower() == "lineitems"), None)
    if not isinstance(lines, list) or index >= len(lines) or not isinstance(lines[index], dict):
        return False
    return any(str(k).lower() == "physicaldeliveryaddress" for k in lines[index])


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
    compare = f"bulkship reconcile {batch} --review"
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

    def keep(raw: Any) -> bool:
        if not known and not pattern.fullmatch(po_number_of(raw)) and _recent_card(raw, since):
            others.append(po_number_of(raw))
        return ours(raw) or (repeated is not None and repeated(raw))

    try:
        listing = await listing_of(keep=keep)
    except VendorError as exc:
        return [
            f"The vendor's order list could not be read ({exc.message}), so this new batch was not checked "
            "for earlier orders; a 409 on its first order stops it for review"
        ]
    in_scope, elsewhere, unknown = [], [], []
    for vendor_order in listing.orders:
        if vendor_order.po_number in known:
            continue  # another batch of this ledger
        if pattern.fullmatch(vendor_order.po_number):
            in_scope.append(vendor_order)
        elif any(li.external_id in derived for li in vendor_order.line_items):
            elsewhere.append(vendor_order)
        else:
            unknown.append(vendor_order)
    if unknown and not in_scope:
        _refuse_cards_sent_elsewhere(batch, unknown)
    if not in_scope and not elsewhere:
        if listing.complete:
            return _sent_from_elsewhere(others, since)
        return [
            f"The vendor's order list cannot be read in full ({listing.why_incomplete}), so this new batch "
            "was not checked for earlier orders; a 409 on its first order stops it for review"
        ]
    lines = _valid_lines(validation, catalog, batch)  # planned only when the vendor holds something
    tally = _search(in_scope, elsewhere, lines, derived)
    if not listing.complete and in_scope:
        why = (
            f"the vendor holds orders of this batch ({in_scope[0].po_number}...) but its order list "
            f"cannot be read in full ({listing.why_incomplete}), so this row may be among them"
        )
        for line in lines:
            tally.hold(line, in_scope[0].po_number, why)
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
    ]
