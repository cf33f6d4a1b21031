"""What the ledger notes of a vendor order beside its status, as events a run, ``track``, ``status`` and
``reconcile`` read: what it bills beside its lines, an answer in another currency, an order not priced yet, a
document of its own (and the order's money counted with it), a row's line shown with fewer cards than sent.
Each is recorded when it changes, within the transaction that records the order's reading
(:class:`~.tracking.LedgerTracking`)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from .. import linecards
from ..billing import (
    CardKey,
    billed_on_order,
    card_key,
    cards_billed,
    document_beyond,
    rounded_on_order,
    total_below_lines,
    uncounted,
    with_document,
)
from ..models import VendorOrder
from ..money import BilledCards
from . import sql
from .identity import read_ids
from .records import BILLED_CARDS, BILLED_ON_ORDER, REVIEW_ITEMS, now_iso


def note_billed_on_order(
    db: Any, batch: str, po_number: str, vendor_order: VendorOrder, rows: Sequence[Any] = (), *, home: str
) -> bool:
    """Record what ``vendor_order`` bills beside its lines (beside its ``rows``' costs when its lines show
    none: :func:`bulkship.billing.billed_beside`) when it differs from what was recorded last for the PO;
    True when recorded. A total below its lines is no charge: which of the two is wrong is unknown (line
    costs in cents, a credit), and ``reconcile`` says the difference; but a discount on the order its total
    proves (:func:`bulkship.billing.billed_on_order`), recorded negative. How far below it is, is recorded
    beside (:data:`BELOW_LINES`), for the run, `status` and the Summary to say."""
    amount = billed_on_order(vendor_order, rows)
    below = _below_lines(vendor_order, rows, amount)  # and its own total below its lines: said
    rounded = rounded_on_order(vendor_order, rows) if amount < 0 else Decimal(0)  # ... by rounding: said
    if (amount or below) and _another_ledgers(db, vendor_order, home) and not _holds_rows(rows):
        amount = below = rounded = Decimal(0)  # what it holds beside this ledger's rows: the placing ledger's
    # the card lines beyond its rows, recorded apart: cards, never 'shipping cost' (billing.cards_billed)
    cards = (
        cards_billed(vendor_order, rows, _row_cards(db, po_number), _waiting_refs(db, batch, po_number))
        if amount > 0
        else None
    )
    seen = sql.events(db, None, po_number, None, [BILLED_ON_ORDER])
    recorded = json.loads(seen[-1]["detail"]) if seen else {}
    last = recorded.get("amount")
    same_cards = BilledCards.from_json(recorded.get(BILLED_CARDS)) == cards
    same_below = recorded.get(BELOW_LINES) == (str(below) if below else None)
    same_rounded = recorded.get(ROUNDED) == (str(rounded) if rounded else None)
    if (last is None and not amount and not below) or (
        last is not None and Decimal(last) == amount and same_cards and same_below and same_rounded
    ):
        return False
    # an answer showing no total of the order says nothing of what it bills beside its lines: a read of it
    # without one (the order list's short form) made 82.50 charged 75.00 everywhere, reconcile 'Everything
    # matches' (found by hunter-money2). What a total showed stays until a total shows otherwise
    if vendor_order.total is None and recorded.get(WITH_TOTAL, True) and last is not None:
        return False
    figures: dict[str, Any] = {"amount": str(amount), WITH_TOTAL: vendor_order.total is not None}
    if cards is not None:
        figures[BILLED_CARDS] = cards.as_json()
    if below:
        figures[BELOW_LINES], figures["total"] = str(below), str(vendor_order.total)
    if rounded:
        figures[ROUNDED], figures["total"] = str(rounded), str(vendor_order.total)
    sql.insert_event(db, now_iso(), batch, po_number, BILLED_ON_ORDER, json.dumps(figures, sort_keys=True))
    return True


# what an order's own total is below what is counted of it (its lines, or its rows' costs where its lines show
# none), no discount it shows taking it off: counted at its lines, said (runnotes.below_lines_notes)
BELOW_LINES = "below_lines"
# ... and what of it is the vendor's rounding on the order (billing.rounded_on_order): charged, said
# (roundedonorder.rounded_note)
ROUNDED = "rounded_on_order"


def _below_lines(vendor_order: VendorOrder, rows: Sequence[Any], amount: Decimal) -> Decimal:
    """How much ``vendor_order``'s own total is below what is counted of it (its lines and ``amount``, what
    is recorded billed beside them), where no discount it shows proves it taken off; 0 when it is not
    (:func:`bulkship.billing.total_below_lines`). Lines of 25.00 each beside an order's own total of 95.00
    and no discount read 'charged 100.00' in the run, `status`, the Summary and the web page, nothing said,
    and reconcile 'Totals differ' naming no order (found by hunter-money18)."""
    return total_below_lines(vendor_order, rows, amount)


def _row_cards(db: Any, po_number: str) -> Callable[[Sequence[Any]], list[CardKey | None]]:
    """Each row's card on the order (product, value, quantity) as the ledger recorded it: its line waiting
    apart (:data:`~.records.REVIEW_ITEMS`, a row settled on an order found at the vendor), else its line of
    the payload sent. Read only when asked (:func:`bulkship.billing.cards_billed`)."""

    def read(rows: Sequence[Any]) -> list[CardKey | None]:
        found = sql.order_payload(db, po_number)
        payload = json.loads(found[0][0]) if found else {}
        waiting = payload.get(REVIEW_ITEMS)
        waiting = waiting if isinstance(waiting, dict) else {}
        items = payload.get("LineItems")
        items = items if isinstance(items, list) else []
        cards: list[CardKey | None] = []
        for row in rows:
            item = waiting.get(row.fingerprint)
            index = row.line_index
            if item is None and index is not None and 0 <= index < len(items):
                item = items[index]
            cards.append(card_key(item))
        return cards

    return read


def _waiting_refs(db: Any, batch: str, po_number: str) -> Callable[[], set[str]]:
    """The references (ExternalIds) of the batch's rows waiting for review on other orders than
    ``po_number``; read only when asked (:func:`bulkship.billing.cards_billed`)."""

    def read() -> set[str]:
        found = sql.current_rows_with_status(db, ["external_id", "po_number"], batch, "review")
        return {ref for ref, po in found if ref and po != po_number}

    return read


def _holds_rows(rows: Sequence[Any]) -> bool:
    """Whether this ledger's ``rows`` are ordered on the order (tied to its lines): then it is this batch's
    order, whatever ledger its Note names (this list's send from a ledger since lost, found at the vendor),
    and what it holds beyond them is this batch's money as of any order of it. Left out so, a ledger rebuilt
    after its loss said charged 100.00 of an order of 125.00 whose fourth card was a row since taken off the
    list, and reconcile 'Totals differ' (found by hunter-money13). Rows only waiting for a person on it are
    no proof: they may be this office's people beside another office's order (then nothing is billed until
    a person settles them in it)."""
    return any(getattr(row, "status", None) == "ordered" for row in rows)


def _another_ledgers(db: Any, vendor_order: VendorOrder, home: str) -> bool:
    """Whether the order's Note names another ledger than this one (:mod:`bulkship.ordernote`): another
    office's order under a PO number of a batch of the same name, answering this ledger's send of it with a
    409. Its cards beyond this ledger's rows, its fees and shipping are that office's: counted here, office
    A's 4 cards of 25.00 read 'charged 175.00' with office B's three cards (found by hunter-vendor22). An
    order showing no such Note is counted as before (a ledger restored from a backup keeps its id, and its
    orders' cards of rows since left out of the list count, as cards)."""
    return bool(read_ids(db, home).other_ledger(vendor_order, lambda po: _sent_here(db, po)))


def _sent_here(db: Any, po_number: str) -> bool:
    """:func:`.identity.sent_by_this_ledger`, within the transaction ``db``."""
    events = sql.events(db, None, po_number, None) if po_number else []
    details = [json.loads(e["detail"] or "{}") for e in events]
    return any(e["kind"] == "sending" for e in events) and not any(d.get("not_our_send") for d in details)


WITH_TOTAL = "with_total"  # a billed amount read beside the order's own total (else from its lines alone)


FOREIGN_CURRENCY = "foreign_currency"  # an order the vendor answers in another currency than the dollar


def note_currency(db: Any, batch: str, po_number: str, vendor_order: VendorOrder) -> None:
    """Record, once per PO, that the vendor answers the order in another currency: its costs are not
    counted (parse leaves them unknown) and the run says so."""
    if vendor_order.currency in ("", "USD") or sql.events(db, None, po_number, None, [FOREIGN_CURRENCY]):
        return
    detail = json.dumps({"currency": vendor_order.currency}, sort_keys=True)
    sql.insert_event(db, now_iso(), batch, po_number, FOREIGN_CURRENCY, detail)


UNPRICED = "unpriced"  # an order the vendor shows every card of at 0.00: not priced yet (client.parse)


def note_unpriced(db: Any, batch: str, po_number: str, vendor_order: VendorOrder) -> None:
    """Record, at each change, whether the vendor shows the order not priced yet (every card at 0.00): its
    rows keep their planned cost meanwhile, and the run and track say so (runnotes.unpriced_notes); once
    priced, the note is withdrawn."""
    earlier = sql.events(db, None, po_number, None, [UNPRICED])
    said = bool(earlier) and bool(json.loads(earlier[-1]["detail"] or "{}").get("unpriced"))
    if said != vendor_order.unpriced:
        detail = json.dumps({"unpriced": True} if vendor_order.unpriced else {}, sort_keys=True)
        sql.insert_event(db, now_iso(), batch, po_number, UNPRICED, detail)


OWN_DOCUMENT = "own_document"  # a document of its own the order shows (an invoice with its own number)
NOTHING_SHOWN = "{}"  # an OWN_DOCUMENT event's detail: the order shows neither document nor discount any more


def counted_order(db: Any, po_number: str, vendor_order: VendorOrder) -> VendorOrder:
    """``vendor_order`` as its money counts: with the document of its own it shows (an invoice with its own
    number, naming no other order) as its total, unless the ledger has seen that document on another order
    (:data:`OWN_DOCUMENT` events, of any batch): then it may cover several orders and is no one order's. An
    invoice numbered for each order was never read, the only place its tax or shipping shows: "charged 100.00"
    everywhere for 113.20 billed (review22's doubt, found by hunter-vendor9)."""
    if vendor_order.document is None or vendor_order.document_alone is None:
        return vendor_order
    if _documents_elsewhere(db, vendor_order.document[0], po_number):
        return vendor_order
    return with_document(vendor_order)


def _documents_elsewhere(db: Any, name: str, po_number: str) -> list[Any]:
    """The latest :data:`OWN_DOCUMENT` event of each other order (of any batch) showing document ``name``."""
    latest: dict[str, Any] = {}
    for event in sql.events(db, None, None, None, [OWN_DOCUMENT]):
        detail = json.loads(event["detail"] or "{}")
        if detail.get("document") == name and event["po_number"] != po_number:
            latest[event["po_number"]] = event
    return list(latest.values())


def note_document(
    db: Any, batch: str, po_number: str, vendor_order: VendorOrder, rows: Sequence[Any] = ()
) -> None:
    """Record, once per PO and reading, what the order shows that is not plainly its own: a document of its
    own (an invoice with its own number, client.totals.document_shown), with what the order bills beside its
    lines without it ('beside'), whether it names only itself ('alone') and shows more than the order
    ('more'); or a discount on itself that no total proves taken off (client.totals.unproven_discount). The
    run and track say a document shared by several orders (runnotes.own_documents), and an order counted
    with it alone (:func:`counted_order`) is counted by its own lines and charges again once another order
    shows the same document: what it bills beside its lines is recorded anew from its 'beside'."""
    earlier = sql.events(db, None, po_number, None, [OWN_DOCUMENT])
    if vendor_order.document is None:
        shown = uncounted(vendor_order)
        if shown is None:  # shown no more: its note is withdrawn (found by hunter-vendor9)
            if earlier and earlier[-1]["detail"] != NOTHING_SHOWN:
                sql.insert_event(db, now_iso(), batch, po_number, OWN_DOCUMENT, NOTHING_SHOWN)
            return
        detail = json.dumps(shown, sort_keys=True)
    else:
        name, total = vendor_order.document
        beside = billed_on_order(vendor_order, rows)
        alone = vendor_order.document_alone is not None
        more = document_beyond(vendor_order)
        shown_as = {
            "document": name,
            "total": str(total),
            "beside": str(beside),
            "alone": alone,
            "more": more,
        }
        detail = json.dumps(shown_as, sort_keys=True)
        for other in _documents_elsewhere(db, name, po_number):
            _count_without_document(db, other)
    if earlier and earlier[-1]["detail"] == detail:
        return
    sql.insert_event(db, now_iso(), batch, po_number, OWN_DOCUMENT, detail)


def _count_without_document(db: Any, event: Any) -> None:
    """The order of ``event`` (an :data:`OWN_DOCUMENT` one) billed beside its lines as without its
    document, when it was counted with it (another order shows it too)."""
    detail = json.loads(event["detail"] or "{}")
    if not detail.get("alone") or "beside" not in detail:
        return
    po_number = event["po_number"]
    if sql.events(db, None, po_number, None, [OWN_DOCUMENT])[-1]["id"] != event["id"]:
        return  # read since without it: what it bills was recorded from that reading
    seen = sql.events(db, None, po_number, None, [BILLED_ON_ORDER])
    last = Decimal(json.loads(seen[-1]["detail"]).get("amount") or 0) if seen else Decimal(0)
    if last != Decimal(detail["beside"]):
        amount = json.dumps({"amount": detail["beside"]}, sort_keys=True)
        sql.insert_event(db, now_iso(), event["batch"], po_number, BILLED_ON_ORDER, amount)


FEWER_CARDS = "fewer_cards"  # a row's line the vendor shows with fewer cards than were sent on it


def note_fewer_cards(
    db: Any, batch: str, po_number: str, vendor_order: VendorOrder, rows: Sequence[Any], sent: Sequence[Any]
) -> None:
    """Record, once per row and count shown, a row whose line (the one card line echoing its ExternalId)
    the vendor shows with fewer cards than were sent on it (linecards.fewer_cards): the run and track name
    it (runnotes.fewer_cards_notes). Nothing is sent again: the cards made are the vendor's to explain."""
    earlier = sql.events(db, None, po_number, None, [FEWER_CARDS])
    for row in rows:
        if not row.external_id or row.status != "ordered":
            continue
        index = row.line_index
        item = sent[index] if index is not None and 0 <= index < len(sent) else None
        key = " ".join(str(row.external_id).split()).casefold()
        lines = [li for li in vendor_order.card_lines if " ".join(li.external_id.split()).casefold() == key]
        if len(lines) != 1:
            continue  # not told which line is the row's: nothing said, nothing withdrawn
        shown = linecards.fewer_cards(item, lines[0], vendor_order, len(sent))
        said = [e for e in earlier if json.loads(e["detail"]).get("fingerprint") == row.fingerprint]
        if (said and json.loads(said[-1]["detail"]).get("shown") == shown) or (not said and not shown):
            continue  # as said last (shown no more: said so, its note withdrawn)
        figures = {"fingerprint": row.fingerprint, "row": row.row, "shown": shown}
        if shown:  # the count of cards shown: what the row's money is broken down with (fewer_cards_shown)
            figures["cards"] = lines[0].shown_quantity
        sql.insert_event(db, now_iso(), batch, po_number, FEWER_CARDS, json.dumps(figures, sort_keys=True))


_SHOWN_COUNT = re.compile(r" x (\d+), sent x \d+$")


def fewer_cards_shown(events: Iterable[Any]) -> dict[tuple[str, str], int]:
    """(PO, fingerprint) -> how many cards the vendor shows on a row's line where more were sent, by the
    latest :data:`FEWER_CARDS` event of each (``Ledger.events``' records); rows shown whole again left out.
    An event written before the count was recorded apart is read by its words ('CVS 25.00 x 1, sent x 2')."""
    latest: dict[tuple[str, str], Any] = {}
    for event in events:
        latest[(str(event.po_number), str(event.detail.get("fingerprint")))] = event.detail
    found: dict[tuple[str, str], int] = {}
    for key, detail in latest.items():
        shown = str(detail.get("shown") or "")
        said = _SHOWN_COUNT.search(shown)
        count = detail.get("cards", int(said.group(1)) if said else None)
        if shown and isinstance(count, int) and count >= 0:
            found[key] = count
    return found
