"""The vendor's view of a created order (its status, line statuses, costs, shipments), kept current."""

from __future__ import annotations

import json
import shlex
from collections.abc import Sequence
from typing import Any

from .. import linecards, linematch
from ..addressmatch import other_recipient
from ..failedkept import note_failed_counted
from ..models import VendorLineItem, VendorOrder
from ..payload import line_items
from ..references import unprefixed
from ..silentorder import order_word_on_silent_lines, rows_left_unsaid, waiting_note
from ..splitlines import gone, merge_split, one_word, partial_line, reissued
from ..statuses import NO_CARD_STATUSES
from . import sql
from .linesteps import (
    CARD_MADE_LINE_STATUSES,
    LINE_STATUS_RANK,
    ORDER_STATUS_RANK,
    _no_card,
    is_step_back,
    latest_shipment,
    queued_again,
    shows_card_made,
    unmakes_card,
)
from .linewords import CANCELLED, note_cancelled, note_line_words
from .ordernotes import (
    counted_order,
    note_billed_on_order,
    note_currency,
    note_document,
    note_fewer_cards,
    note_unpriced,
)
from .reads import LedgerReads
from .records import money_column, now_iso

SETTLED_AT_VENDOR = "review_settled_at_vendor"  # a person tied rows to the vendor's lines (ledger.review)
# ... or bulkship did, an order's read showing them by proof (track.shownagain): no person looked at the line
SETTLED_BY_READ = "bulkship (the order read again)"


def _names_row(event: Any, row: Any, shown: str) -> bool:
    """Whether ``event`` said this difference of ``row`` already, or is a person's settling of the row."""
    detail = json.loads(event["detail"] or "{}")
    if event["kind"] == LINE_DIFFERS:
        return bool(detail.get("fingerprint") == row.fingerprint and detail.get("shown") == shown)
    if detail.get("by") == SETTLED_BY_READ:  # a later read showing another recipient is said, as of any row
        return False
    return any(isinstance(t, dict) and t.get("row") == row.row for t in detail.get("rows") or ())


def _differs_note(po_number: str, batch: str, what: str, how: str) -> str:
    return (
        f"Needs review: the vendor's order {po_number} now shows this row's line with another {what} than "
        f"was sent on it ({how}): the card may go to someone else, or be another than asked for. Nothing is "
        "sent for it again by itself. Ask the vendor, then settle it: bulkship reconcile "
        f"{shlex.quote(batch)} --review"
    )


def _item_of(items: Sequence[Any], row: Any) -> Any:
    index = row.line_index
    return items[index] if index is not None and 0 <= index < len(items) else None


LINE_DIFFERS = "line_differs"  # a row's line read with another card or recipient than sent


def line_differs(item: Any, line: VendorLineItem, vendor_order: VendorOrder) -> tuple[str, str] | None:
    """(what, how) when the vendor's ``line`` shows another card, amount, more cards or another recipient
    than our line item ``item``: as the create's answer is checked (bulkship.submit.answers)."""
    card = linecards.other_card(item, line) or linecards.more_cards(item, line)
    if card:
        return "card or amount", card
    recipient = other_recipient(item, vendor_order, line)
    return ("recipient", recipient) if recipient else None


class LedgerTracking(LedgerReads):
    def _lines_now_differing(
        self,
        db: Any,
        po_number: str,
        rows: Sequence[Any],
        matches: Sequence[VendorLineItem | None],
        vendor_order: VendorOrder,
        sent: Sequence[Any],
    ) -> list[tuple[Any, str, str]]:
        """(row, what, how) for each row whose line, tied by the row's own ExternalId, a later read shows
        with another card, amount, more cards or another recipient than was sent on it. The create's answer
        is checked so (hunter-vendor3/5); a later read was not: a vendor readdressing R2's card after the
        create had track say "4 pending ... 0 changed", status and the workbook nothing, and only reconcile
        "Mismatch ... recipient" (found by hunter-vendor6). A difference said once is not said again, and a
        row a person settled at the vendor since is left as the person settled it."""
        found: list[tuple[Any, str, str]] = []
        earlier: list[Any] | None = None
        for row, line in zip(rows, matches, strict=True):
            item = _item_of(sent, row)
            if line is None or item is None or not row.external_id or line.external_id != row.external_id:
                continue
            differs = line_differs(item, line, vendor_order)
            if differs is None:
                continue
            if earlier is None:
                earlier = list(sql.events(db, None, po_number, None, [LINE_DIFFERS, SETTLED_AT_VENDOR]))
            if any(_names_row(e, row, differs[1]) for e in earlier):
                continue
            found.append((row, *differs))
        return found

    def _sent_items(self, po_number: str) -> list[Any]:
        """The order's line items as sent (its stored payload); none when it is not in the ledger."""
        order = self.order(po_number)
        return line_items(order) if order is not None else []

    def record_order_status(self, po_number: str, vendor_order: VendorOrder, source: str = "poll") -> bool:
        """Store the vendor's current view of a created order; True when anything changed. Idempotent:
        the same answer twice changes nothing the second time, and a status never moves backwards (a stale
        answer, e.g. Pending after Shipped, changes nothing). Lines are matched to rows (not those in
        review) by ExternalId (in line order), else by the row's line index in the vendor's order."""
        at = now_iso()
        changed = False
        with self.transaction() as db:
            # Read inside the write lock: another process (receiver, track, run) may have just committed a
            # newer state, which is what a stale answer must be judged against.
            rows = [r for r in self.rows_by_po(po_number) if r.status != "review"]  # review: not tied
            if not rows:
                return False
            sent = self._sent_items(po_number)
            vendor_order, matches = self._lines_of_rows(po_number, rows, vendor_order, sent)
            current = sql.order_batch_and_state(db, po_number)
            if current is None:
                return False
            status, new_status = current["status"], vendor_order.status
            if _order_status_recorded(db, po_number, rows, matches, status, new_status, at):
                changed = True
            if _rows_tracked(db, current["batch"], po_number, rows, matches, at):
                changed = True
            if self._rows_to_review(db, po_number, current, rows, matches, vendor_order, sent, status, at):
                changed = True
            if self._order_noted(db, current["batch"], po_number, vendor_order, sent):
                changed = True
            if changed:
                detail = {"status": vendor_order.status, "source": source}
                self._event(db, current["batch"], po_number, "status", detail)
        return changed

    def _lines_of_rows(
        self, po_number: str, rows: list[Any], vendor_order: VendorOrder, sent: list[Any]
    ) -> tuple[VendorOrder, list[VendorLineItem | None]]:
        """The vendor's order read against what was sent (its references, its lines in pieces, its costs per
        card), and the line of it each row is (None: none shown, or one that says nothing of the row)."""
        vendor_order = unprefixed(vendor_order, sent)  # 'ACME-K1' echoed for the K1 sent
        vendor_order = merge_split(vendor_order, sent)  # a line item shown in pieces: one line again
        from ..client.totals import costs_per_card_by_plan  # not at import: `status` needs no httpx

        planned = self.order(po_number)
        vendor_order = costs_per_card_by_plan(vendor_order, planned.cost if planned else None)
        matches = linematch.lines_of_rows(rows, vendor_order, sent=lambda: sent)
        matches = [  # a piece of a line item, the rest not proven the row's: it says nothing of the row
            None if partial_line(line, _item_of(sent, row), vendor_order, len(sent)) else line
            for row, line in zip(rows, matches, strict=True)
        ]
        matches = reissued(rows, matches, vendor_order, sent)  # a card the vendor made again
        matches = one_word(matches, vendor_order, sent)  # every card it shows says one status
        matches = order_word_on_silent_lines(matches, vendor_order)  # Complete, its lines silent
        return vendor_order, matches

    def _rows_to_review(
        self,
        db: Any,
        po_number: str,
        current: Any,
        rows: list[Any],
        matches: list[VendorLineItem | None],
        vendor_order: VendorOrder,
        sent: list[Any],
        status: str | None,
        at: str,
    ) -> bool:
        """Rows a person looks at now: their line shows another card or recipient, is no longer shown, or is
        silent in an order ended Failed/Cancelled; True when any was set so."""
        changed = False
        differ = self._lines_now_differing(db, po_number, rows, matches, vendor_order, sent)
        if differ:  # the vendor's line now shows another card or recipient: said, a person looks
            batch = current["batch"]
            sql.set_rows_status(
                db,
                "review",
                [(_differs_note(po_number, batch, w, h), at, r.batch, r.fingerprint) for r, w, h in differ],
            )
            for r, w, h in differ:
                detail = {"fingerprint": r.fingerprint, "row": r.row, "what": w, "shown": h}
                self._event(db, current["batch"], po_number, LINE_DIFFERS, detail)
            changed = True
        told = {r.fingerprint for r, _what, _how in differ}
        lost = [rows[n] for n in gone(rows, matches, vendor_order, sent) if rows[n].fingerprint not in told]
        if lost:  # neither shown on its way (it may never ship) nor sent again (it may): a person asks
            why = (
                f"Needs review: the vendor's order {po_number} no longer shows this row's line (it shows "
                f"{len(vendor_order.card_lines)} of the {len(sent)} sent): whether its card will be made "
                "is not known, and nothing is sent for it again by itself. Ask the vendor, then settle "
                f"it: bulkship reconcile {shlex.quote(current['batch'])} --review"
            )
            sql.set_rows_status(db, "review", ((why, at, r.batch, r.fingerprint) for r in lost))
            self._event(db, current["batch"], po_number, "lines_gone", {"rows": len(lost)})
            changed = True
        # 'complete' proves a card unless the order was Complete: then it may be the order's word alone
        # (silentorder: its lines silent), and an order Cancelled after is looked at by a person too
        made = CARD_MADE_LINE_STATUSES | ({"complete"} if (status or "").lower() != "complete" else set())
        unsaid = [
            rows[n]
            for n in rows_left_unsaid(rows, vendor_order, made)
            if rows[n] not in lost and rows[n].fingerprint not in told
        ]
        if unsaid:  # an order ended Failed/Cancelled, its lines silent: a person asks the vendor
            why = waiting_note(po_number, vendor_order, current["batch"])
            sql.set_rows_status(db, "review", ((why, at, r.batch, r.fingerprint) for r in unsaid))
            self._event(db, current["batch"], po_number, "lines_unsaid", {"rows": len(unsaid)})
            changed = True
        return changed

    def _order_noted(
        self, db: Any, batch: str, po_number: str, vendor_order: VendorOrder, sent: list[Any]
    ) -> bool:
        """What the order tells beyond its lines' statuses, noted: money billed beside its lines (True when
        that changed), its currency, lines unpriced, its document, fewer cards, a failed line counted."""
        changed = False
        by_po = self.rows_by_po(po_number)
        counted = counted_order(db, po_number, vendor_order)
        if note_billed_on_order(db, batch, po_number, counted, by_po, home=self.ledger_home()):
            changed = True
        note_currency(db, batch, po_number, vendor_order)
        note_unpriced(db, batch, po_number, vendor_order)
        note_document(db, batch, po_number, vendor_order, by_po)
        note_fewer_cards(db, batch, po_number, vendor_order, by_po, sent)
        note_failed_counted(db, batch, po_number, vendor_order, by_po)
        return changed


def _order_status_recorded(
    db: Any,
    po_number: str,
    rows: list[Any],
    matches: list[VendorLineItem | None],
    status: str | None,
    new_status: str | None,
    at: str,
) -> bool:
    """The vendor's status of the order recorded unless it steps back (a stale answer), or its lines queued
    again (a failed order followed again); True when recorded."""
    changed = False
    requeued = any(
        line is not None and queued_again(row.line_status, line)
        for row, line in zip(rows, matches, strict=True)
    )  # its order is followed again too (a failed order is no longer polled)
    if status != new_status and (
        not is_step_back(ORDER_STATUS_RANK, status, new_status)
        or (requeued and (new_status or "").lower() not in NO_CARD_STATUSES)
    ):
        sql.set_order_status(db, po_number, new_status, at)
        changed = True
    return changed


def _rows_tracked(
    db: Any, batch: str, po_number: str, rows: list[Any], matches: list[VendorLineItem | None], at: str
) -> bool:
    """Each row's line as the vendor shows it now (its id, cost, status, shipment) recorded unless a stale
    answer; a line cancelled before it shipped noted (a re-run holds it), a held row whose card was made
    since ordered; True when a row changed."""
    changed = False
    cancelled: list[tuple[Any, str]] = []
    for row, line in zip(rows, matches, strict=True):
        if line is None or (
            is_step_back(LINE_STATUS_RANK, row.line_status, line.status)
            and not shows_card_made(row.line_status, line)
            and not queued_again(row.line_status, line)
        ):
            continue  # a stale answer for this line: keep what was recorded
        shipment = latest_shipment(line.shipments)
        tracking = shipment.tracking_number if shipment else row.tracking_number
        shipped = shipment.shipped_date if shipment else row.shipped_date
        link = shipment.tracking_url if shipment else row.tracking_url
        values = (
            line.id or row.line_item_id,
            money_column(line.cost) if line.cost is not None else money_column(row.cost),
            row.line_status
            if unmakes_card(row.line_status, line.status) and not (tracking or shipped or link)
            else (line.status or "").lower() or row.line_status,
            shipment.carrier if shipment else row.carrier,
            tracking,
            link,
            shipped,
            (shipment.delivered_date or None) if shipment else row.delivered_date,
        )
        before = (
            row.line_item_id,
            money_column(row.cost),
            row.line_status,
            row.carrier,
            row.tracking_number,
            row.tracking_url,
            row.shipped_date,
            row.delivered_date,
        )
        if values != before:
            sql.set_row_tracking(db, (*values, at, row.batch, row.fingerprint))
            changed = True
        if values[2] == CANCELLED and before[2] != CANCELLED and not (tracking or shipped or link):
            cancelled.append((row, line.reason))  # when, and why: said if a re-run holds it
        elif row.status == "held" and _no_card(before) and not _no_card(values):
            # held as cancelled at the vendor, its card made or queued again since: ordered there
            sql.set_rows_status(db, "ordered", [(None, at, row.batch, row.fingerprint)])
    note_line_words(db, batch, po_number, rows, matches)  # 'Refunded', read as cancelled
    note_cancelled(db, batch, po_number, cancelled)
    return changed
