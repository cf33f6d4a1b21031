"""Rows in review tied to a vendor order's lines (:func:`tie_rows`), by proof or by a person's confirmation,
and what is recorded for them: each row as ordered (its line, cost and problem note) and the payload stored
for the vendor order.

The proofs are the run's (:mod:`bulkship.linematch`): the ExternalId with the same card and recipient, the
full address, our own recorded send by position. A line that shows no identity takes only a row a person
names, and a line the vendor shows Failed or Cancelled takes none.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ..folding import fold_person
from ..ledger import OPEN_STATES, REVIEW_ITEMS, AdoptedRow, Ledger, OrderRecord, RowRecord, same_line
from ..models import VendorOrder
from ..payload import line_items
from .checks import _refuse
from .lines import (
    Card,
    _blind,
    _fold,
    _free_lines,
    _line_card,
    _line_name,
    _name_of_item,
    _takes_no_row,
    card_of_item,
    card_text,
    item_content,
    planned_item,
    ranges,
    vendor_content,
    vendor_item,
)


def _recorded_send(ledger: Ledger, own: OrderRecord, vendor_order: VendorOrder) -> bool:
    """The vendor's order is our own lost send of exactly the stored payload: same PO, sent and not answered,
    and every line the same card, in the same place."""
    if vendor_order.po_number != own.po_number or own.state not in OPEN_STATES:
        return False
    items = line_items(own)
    return len(items) == len(vendor_order.line_items) and all(
        same_line(item, vendor_order, i) for i, item in enumerate(items)
    )


def tie_rows(
    ledger: Ledger,
    own: OrderRecord,
    rows: Sequence[RowRecord],
    vendor_order: VendorOrder,
    confirmed: set[int],
    by: str,
) -> tuple[list[tuple[RowRecord, int | None, str]], list[tuple[int, str]], list[int]]:
    """Each row tied to a free vendor line with its proof, or by the person's confirmation; the rows left
    waiting, with why; and those of them the person could confirm (``--rows``). Lines the vendor shows
    Failed or Cancelled take no row. A confirmed row is tied to the line carrying its ExternalId with other
    content (the vendor holds the row as it was: recorded with that content), else to a free line of its
    card that shows no identity (no line index: nothing shows which)."""
    untied = _free_lines(ledger, vendor_order)
    free = [i for i in untied if not _takes_no_row(vendor_order, i)]
    dead = [i for i in untied if _takes_no_row(vendor_order, i)]
    lines = vendor_order.line_items
    shows_ids = any(li.external_id for li in lines)
    recorded = _recorded_send(ledger, own, vendor_order)
    ties: list[tuple[RowRecord, int | None, str]] = []
    left: list[tuple[int, str]] = []
    nameable: list[int] = []
    known: frozenset[str] | None = None  # the batch's rows' ExternalIds
    for row in rows:
        item = planned_item(own, row)
        if item is None:
            left.append((row.row, "this ledger holds no record of what it would send"))
            continue
        hit, how = None, ""
        if shows_ids:
            same_id = [i for i in free if lines[i].external_id == (row.external_id or "")]
            hit = next((i for i in same_id if same_line(item, vendor_order, i)), None)
            how = "its ExternalId, with the same card and recipient"
            if hit is None and same_id:
                index = same_id[0]
                held = f"{vendor_content(vendor_order, index)}; the file: {item_content(item)}"
                if row.row in confirmed:
                    free.remove(index)
                    ties.append((row, index, f"confirmed by {by}: {OLD_CONTENT} ({held})"))
                    continue
                left.append(
                    (
                        row.row,
                        f"line {index + 1} carries its ExternalId with another card or recipient ({held}); "
                        "if that line is this row as it was, name the row with --rows",
                    )
                )
                nameable.append(row.row)
                continue
        if hit is None:
            candidates = [i for i in free if not lines[i].external_id]
            hit = next((i for i in candidates if same_line(item, vendor_order, i, full_address=True)), None)
            how = "its full address, with the same card"
        if hit is None and recorded and not shows_ids and row.line_index in free:
            # like the run's match_lines: position is a proof only when no line shows a reference
            hit, how = (
                row.line_index,
                "our own recorded send of exactly this payload (same lines, same places)",
            )
        if hit is not None:
            free.remove(hit)
            ties.append((row, hit, how))
            continue
        card = card_of_item(item)
        blind = [i for i in free if _blind(vendor_order, i) and _line_card(vendor_order, i) == card]
        if not blind and known is None:  # read once, and only for a row no line proves
            known = named(ledger, own)
        edited = _edited_card_lines(vendor_order, free, card, item, known or frozenset()) if not blind else []
        if edited and row.row in confirmed:  # its amount (or count) edited since: held as the vendor has it
            index = edited[0]
            free.remove(index)
            held = f"{vendor_content(vendor_order, index)}; the file: {item_content(item)}"
            ties.append((row, index, f"confirmed by {by}: {EDITED_CONTENT} ({held})"))
            continue
        if not blind:
            why = (
                f"no line of this order not yet tied to a row can be it: none is its card "
                f"({card_text(card)}) without showing another identity"
            ) + _no_card_note(vendor_order, dead, row, card)
            if edited:  # a person who knows can say so
                cards = sorted({card_text(_line_card(vendor_order, i)) for i in edited})
                why += (
                    f"; line(s) {ranges([i + 1 for i in edited])} of its card ({', '.join(cards)}) show no "
                    "identity, or name no row of this batch and show its recipient's name: if this row is "
                    "one of them as first sent (edited since, or written otherwise by another ledger), name "
                    "the row with --rows to record it as the vendor holds it"
                )
                nameable.append(row.row)
            if row.row in confirmed:
                raise _refuse(f"Row {row.row} cannot be in vendor order {vendor_order.id}: {why}")
            left.append((row.row, why))
            continue
        if row.row not in confirmed:
            why = (
                f"{len(blind)} line(s) of its card show no identity, so nothing shows which one (if any) is "
                "this row; name the row with --rows if you know it is in this order"
            )
            left.append((row.row, why))
            nameable.append(row.row)
            continue
        free.remove(blind[0])
        ties.append((row, None, f"confirmed by {by}: the vendor's lines of its card show no identity"))
    return ties, left, nameable


OLD_CONTENT = "the line carrying its ExternalId, recorded with the content the vendor holds"
EDITED_CONTENT = "a line of its card showing no identity or naming no row, recorded as the vendor holds it"


def named(ledger: Ledger, own: OrderRecord) -> frozenset[str]:
    """The ExternalIds (folded) of the batch's rows, past plans' too: a line carrying one is that row's."""
    return frozenset((r.external_id or "").casefold() for r in ledger.batch_rows(own.batch)) - {""}


def _edited_card_lines(
    vendor_order: VendorOrder,
    free: Sequence[int],
    card: Card | None,
    item: Any = None,
    rows: frozenset[str] = frozenset(),
) -> list[int]:
    """Free lines showing no identity of the row's product at another value or count (the row's amount
    edited after a lost ledger: found by hunter-sheets7, such rows waited for review for ever, a release
    the only way out and a second card), when they all hold one card: which of them is the row does not
    matter to what was made. Empty when they hold several cards (which one was it?). So are lines of its
    product to its recipient's name under an ExternalId no row of the batch (``rows``) has: the row as
    another ledger sent it, its amount or address written otherwise (found by hunter-web18: no way to
    settle it but a release, a second card)."""
    if card is None:
        return []
    name = fold_person(_name_of_item(item))
    lines = [
        i
        for i in free
        if _line_card(vendor_order, i)[0] == card[0]
        and (
            _line_card(vendor_order, i) != card
            if _blind(vendor_order, i)
            else bool(name)
            and (vendor_order.line_items[i].external_id or "").casefold() not in rows
            and fold_person(_line_name(vendor_order, i)) == name
        )
    ]
    return lines if len({_line_card(vendor_order, i) for i in lines}) == 1 else []


def _old_content(own: OrderRecord, row: RowRecord, vendor_order: VendorOrder, index: int | None) -> bool:
    """The row is tied to a vendor line that holds other content than the row's (a person's confirmation)."""
    return index is not None and not same_line(planned_item(own, row), vendor_order, index)


def _no_card_note(vendor_order: VendorOrder, dead: Sequence[int], row: RowRecord, card: Card | None) -> str:
    """What the lines that may have been the row, but that the vendor shows Failed or Cancelled, say."""
    lines = vendor_order.line_items
    gone = [
        i
        for i in dead
        if (row.external_id and lines[i].external_id == row.external_id)
        or (not lines[i].external_id and _line_card(vendor_order, i) == card)
    ]
    if not gone:
        return ""
    status = _takes_no_row(vendor_order, gone[0])
    return (
        f"; line(s) {ranges([i + 1 for i in gone])} that may have been it the vendor shows {status}: they "
        "hold no card, so the row cannot be recorded as ordered there (release it to be sent instead)"
    )


def _settled_payload(
    ledger: Ledger,
    own: OrderRecord,
    target: OrderRecord | None,
    vendor_order: VendorOrder,
    ties: Sequence[tuple[RowRecord, int | None, str]],
) -> dict[str, Any] | None:
    """The payload to store for the vendor order; None keeps the stored one. An order that was not our own
    send (new to the ledger, or held for review) gets what is known of its lines: ours where tied, the
    vendor's elsewhere. Rows without a line position (confirmed by a person, or still waiting on it) keep
    what they would send under :data:`~bulkship.ledger.REVIEW_ITEMS`."""
    replace = target is None or target.state in ("review", "cancelled")  # cancelled: a plan dropped unsent
    unplaced = {row.fingerprint: planned_item(own, row) for row, index, _how in ties if index is None}
    lines_put = {} if replace or target is None else _lines_put(target, own, vendor_order, ties)
    if not replace and not unplaced and not lines_put:
        return None
    if replace:
        placed = {
            index: vendor_item(vendor_order, index)
            if _old_content(own, row, vendor_order, index)
            else planned_item(own, row)
            for row, index, _how in ties
            if index is not None
        }
        items = [
            placed.get(index)
            or {"ExternalId": line.external_id, "ProductId": line.product_id, "Value": str(line.value),
                "Quantity": line.quantity}
            for index, line in enumerate(vendor_order.line_items)
        ]  # fmt: skip
        payload: dict[str, Any] = {
            "Type": "PhysicalShipment",
            "PONumber": vendor_order.po_number,
            "LineItems": items,
        }
    else:
        payload = target.payload() if target is not None else {}
        if lines_put:
            payload["LineItems"] = lines_put["LineItems"]
    kept = dict(payload.get(REVIEW_ITEMS) or {})
    if target is not None:
        tied = {row.fingerprint for row, _index, _how in ties}
        for r in ledger.rows_by_po(target.po_number):
            if r.status == "review" and r.fingerprint not in tied and (item := planned_item(target, r)):
                kept[r.fingerprint] = item
    kept.update({fp: item for fp, item in unplaced.items() if item is not None})
    if kept:
        payload[REVIEW_ITEMS] = kept
    return payload


def _lines_put(
    target: OrderRecord,
    own: OrderRecord,
    vendor_order: VendorOrder,
    ties: Sequence[tuple[RowRecord, int | None, str]],
) -> dict[str, Any]:
    """``{"LineItems": ...}`` when rows are tied to lines ``target`` holds as the vendor showed them (an
    order taken from its list: the vendor's items without address or method) or not at all (shown in pages):
    the rows' items put in, the vendor's lines up to them; empty when it holds each tied line as sent. Left
    as they were, such rows read face value 0.00, or shipping 0.00 and an overcharge (hunter-money5)."""
    items = list(target.payload().get("LineItems") or [])
    put = False
    for row, index, _how in ties:
        if index is None or index >= len(vendor_order.line_items):
            continue
        held = items[index] if index < len(items) else None
        if isinstance(held, dict) and held.get("PhysicalDeliveryAddress"):
            if index == row.line_index and _old_content(own, row, vendor_order, index):
                # the row's own line as sent, the vendor holding its card otherwise (a colleague's amount):
                # recorded as the vendor holds it, else a 50.00 card read 'Face value 25.00, Discount -25.00:
                # an overcharge, ask the vendor why' (found by hunter-money10)
                items[index] = {**held, **_card_held(vendor_order, index)}
                put = True
            continue  # the line as sent (or as a person recorded it)
        items.extend(vendor_item(vendor_order, i) for i in range(len(items), index + 1))
        mine = None if _old_content(own, row, vendor_order, index) else planned_item(own, row)
        items[index] = mine or vendor_item(vendor_order, index)
        put = True
    return {"LineItems": items} if put else {}


def _card_held(vendor_order: VendorOrder, index: int) -> dict[str, Any]:
    """The card the vendor's line ``index`` holds, as line item fields: product, face value, quantity."""
    line = vendor_item(vendor_order, index)
    return {key: line[key] for key in ("ProductId", "Value", "Quantity") if line.get(key) not in (None, "")}


def _tied_row(
    vendor_order: VendorOrder, own: OrderRecord, row: RowRecord, index: int | None, old_content: str = ""
) -> AdoptedRow:
    """The row as recorded ordered; ``old_content`` (how it was tied) when the vendor holds other content
    than the row's, shown with the row (the result workbook's problems column)."""
    line = vendor_order.line_items[index] if index is not None else None
    return AdoptedRow(
        row.fingerprint,
        row.row,
        "ordered",
        row.external_id or "",
        line_index=index,
        line_item_id=(line.id or None) if line else None,
        cost=_cost(vendor_order, index, own, row),
        line_status=(line.status.lower() or None) if line else None,
        error=f"Ordered as the vendor holds it, not as this row now reads: {old_content}"
        if old_content
        else None,
    )


def _cost(vendor_order: VendorOrder, index: int | None, own: OrderRecord, row: RowRecord) -> Decimal | None:
    """The row's cost: its vendor line's; else (a confirmed row, no line shown to be its) the one cost the
    vendor's lines of its card have, or the row's planned cost when it is one of theirs (lines of one card
    cost more or less by shipping method: the first line's was another parcel's); else planned."""
    if index is not None and vendor_order.line_items[index].cost is not None:
        return vendor_order.line_items[index].cost
    card = card_of_item(planned_item(own, row))
    same = {
        li.cost
        for li in vendor_order.line_items
        if li.cost is not None and (_fold(li.product_id), li.value, li.quantity) == card
    }
    return same.pop() if len(same) == 1 else row.cost
