"""Cards the vendor moved out of an order bulkship sent into one of its own (an order split under the same
PONumber, a backordered line re-created elsewhere): the line left behind reads Cancelled with no parcel,
which alone would have the row sent again, while the card goes out from the other order."""

from __future__ import annotations

from typing import Any

from ..client.parse import po_number_of, raw_lines, status_name, text
from ..errors import VendorError
from ..ledger import Ledger
from ..ledger.linewords import LINE_CANCELLED, LINE_MOVED, MOVES_READ, moved_cards
from ..statuses import NO_CARD_STATUSES


async def moved_elsewhere(client: Any, ledger: Ledger, batch: str) -> dict[str, str]:
    """PO -> why, for the orders whose rows the vendor shows made no card while it lists another order this
    ledger did not send under the same PONumber, or a line of one carrying such a row's ExternalId in a
    status that may make a card: their rows are not sent again (found by hunter-vendor3: K3 moved to the
    vendor's order '...-B' under BS-BIG-0001 and left Cancelled in the original was sent again in
    BS-BIG-0002). A list that cannot be read proves nothing either way: those orders' rows are not sent
    again in this run (they were, with --allow-repeat past the resume check: found by hunter-vendor13), nor
    when it is read but not to its end (a page answering 'busy': found by review27)."""
    made_none = ledger.rows_made_no_card(batch)
    listing_of = getattr(client, "order_listing", None)
    if not made_none or listing_of is None:
        return {}
    pos = {po for _fp, po in made_none}
    by_fingerprint = {r.fingerprint: r for r in ledger.batch_rows(batch)}
    refs = {
        str(by_fingerprint[fp].external_id).casefold(): po
        for fp, po in made_none
        if fp in by_fingerprint and by_fingerprint[fp].external_id
    }
    fp_of = {
        str(by_fingerprint[fp].external_id).casefold(): fp for fp, _po in made_none if fp in by_fingerprint
    }
    moves: dict[tuple[str, str], str] = {}  # (PO, fingerprint) -> where the card is now, as said

    ours = {o.vendor_order_id for o in ledger.orders(payloads=False) if o.vendor_order_id}

    def keep(raw: Any) -> bool:
        if text(raw, "Id", "OrderId") in ours:
            return False  # an order of this ledger (the failed one itself)
        return po_number_of(raw) in pos or any(_live_ref(li) in refs for li in raw_lines(raw))

    try:
        listing = await listing_of(keep=keep)
    except VendorError as exc:
        why = f"the vendor's order list could not be read ({exc.message}) to see whether it moved the card"
        return dict.fromkeys(pos, why)
    found: dict[str, str] = {}
    if not listing.every_order_read:  # the card may have moved to an order on a page not read (review27)
        unread = listing.why_incomplete or "not to its end"
        why = f"the vendor's order list could not be read in full ({unread}) to see whether it moved the card"
        found = dict.fromkeys(pos, why)
    for order in listing.orders:
        raw = order.raw
        lines = raw_lines(raw)
        if order.po_number in pos and (not lines or any(_may_make_card(li) for li in lines)):
            status = order.status or "no status"
            found[order.po_number] = (
                f"the vendor also lists order {order.id} ({status}) under this PONumber, one bulkship did "
                "not send: the cards may have moved there"
            )
            where = f"its order {order.id} under the same PONumber ({status})"
            moves.update({(po, fp): where for fp, po in made_none if po == order.po_number})
        for line in lines:
            po = refs.get(_live_ref(line))
            if po is not None:
                found.setdefault(
                    po,
                    f"the vendor shows {text(line, 'ExternalId')} in its order {order.id} "
                    f"({order.po_number or 'no PONumber'}), which bulkship did not send: the card may have "
                    "moved there",
                )
                status = status_name(text(line, "Status")) or "no status"
                where = f"its order {order.id} ({order.po_number or 'no PONumber'}, {status})"
                moves[(po, fp_of[_live_ref(line)])] = where
    if listing.every_order_read:
        note_moves(ledger, batch, made_none, moves)
    return found


def note_moves(
    ledger: Ledger, batch: str, made_none: list[tuple[str, str]], moves: dict[tuple[str, str], str]
) -> None:
    """Record where each row whose line made no card now has its card, as the vendor's list shows it (an
    order of its own), where that changed since last said ("" once no longer so): its line's 'Cancelled' was
    said as the vendor cancelling the card, held, 'to send it after all, --allow-repeat', while the card went
    out from the other order (hunter-vendor40's leftover 2)."""
    said = moved_cards(ledger.events(batch, kinds=[LINE_MOVED]))
    for fp, po in made_none:
        where = moves.get((po, fp), "")
        if where != said.get((po, fp), ""):
            ledger.log_event(batch, po, LINE_MOVED, fingerprint=fp, where=where)
    ledger.log_event(batch, None, MOVES_READ, rows=len(made_none))


def moves_unread(ledger: Ledger, batch: str) -> bool:
    """Whether a line of ``batch`` was read cancelled (by any way in: a poll, a webhook, a run's wait) since
    the vendor's order list was last read in full for moved cards: a line ended by a webhook was never
    looked for by `track`, whose pass found nothing new on that order (review78 on 088d3546)."""
    cancelled = [e.at for e in ledger.events(batch, kinds=[LINE_CANCELLED])]
    if not cancelled:
        return False
    read = [e.at for e in ledger.events(batch, kinds=[MOVES_READ])]
    return not read or max(cancelled) > max(read)


def _may_make_card(raw_line: Any) -> bool:
    """A listed line in a status that may still make a card (any but Failed or Cancelled)."""
    return status_name(text(raw_line, "Status")).lower() not in NO_CARD_STATUSES


def _live_ref(raw_line: Any) -> str:
    """A vendor line's ExternalId, folded, when its status may still make a card ("" otherwise)."""
    return text(raw_line, "ExternalId").strip().casefold() if _may_make_card(raw_line) else ""
