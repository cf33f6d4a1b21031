"""The order state machine: every change of an order's ``state`` after it was planned, each guarded.

A transition changes the order only while it is in one of the states the transition starts from
(``UPDATE ... WHERE po_number = ? AND state IN (...)``); when no row changed, nothing of the call is kept and
a :class:`~bulkship.errors.LedgerError` names the PO and the state it is really in (or that the ledger has no
such order). :data:`TRANSITIONS` is the whole machine::

    planned ──send──▶ sending ──created──▶ created
       ▲                 │  ├──rejected─▶ rejected
       └───not_sent──────┘  └──unknown──▶ unknown ──send──▶ sending ...
    planned ──cancel──▶ cancelled          planned|sending|unknown ──hold──▶ review
    review ──settle_at_vendor──▶ created    review ──release──▶ planned
    cancelled (dropped unsent) ──settle_dropped_at_vendor──▶ created (another ledger sent its PO)
    created|review ──set_aside──▶ cancelled (another batch's order, its rows released)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from ..errors import LedgerError
from ..failedkept import note_failed_counted
from ..models import VendorOrder
from . import sql
from .ordernotes import (
    counted_order,
    note_billed_on_order,
    note_currency,
    note_document,
    note_fewer_cards,
    note_unpriced,
)
from .reads import LedgerReads
from .records import (
    ELSEWHERE_MADE_NO_CARD,
    MADE_NO_CARD,
    REVIEW_STATE,
    VENDOR_LINES,
    LineOutcome,
    money_column,
    now_iso,
)


@dataclass(frozen=True)
class Transition:
    to: str
    starts: tuple[str, ...]  # the states it may start from
    action: str  # what it does, for the refusal: "Order X cannot <action>: it is <state>"


TRANSITIONS = {
    # THE intent, committed before the request leaves; again for an order whose answer was lost
    "send": Transition("sending", ("planned", "sending", "unknown"), "be sent"),
    # the vendor holds it (201, or a 409 naming the original)
    "created": Transition("created", ("sending",), "be recorded as created"),
    # 400: the vendor did not create it
    "rejected": Transition("rejected", ("sending",), "be recorded as rejected"),
    # certainly not created (422, 401, 403, or the run stopped before it left): to send again later
    "not_sent": Transition("planned", ("planned", "sending"), "be put back to planned"),
    # no answer to trust: resolved later with the same PO number (planned: sent by an older bulkship)
    "unknown": Transition("unknown", ("planned", "sending", "unknown"), "be recorded as unknown"),
    # never left and its rows changed: dropped, its rows planned again
    "cancel": Transition("cancelled", ("planned",), "be cancelled"),
    # a person must decide; never sent again
    "hold": Transition(REVIEW_STATE, ("planned", "sending", "unknown", REVIEW_STATE), "be held for review"),
    # a planned order held before it ever left (hold_for_review skips the others)
    "hold_planned": Transition(REVIEW_STATE, ("planned",), "be held for review"),
    # a person, with the vendor's word, settles rows in review (bulkship.resolve): found at the vendor...
    "settle_at_vendor": Transition(
        "created", (REVIEW_STATE, "sending", "unknown", "created"), "be settled as found at the vendor"
    ),
    # ...or in an order sent from another ledger under a PO number this ledger planned and dropped unsent
    "settle_dropped_at_vendor": Transition("created", ("cancelled",), "be settled as found at the vendor"),
    # ...or another batch's order a person set aside (--release --not-ours), left without rows: it holds none
    # of this batch's cards, so it leaves the batch's orders, cards and tracking (the event says whose it is)
    "set_aside": Transition("cancelled", ("created", REVIEW_STATE), "be set aside as another batch's"),
    # ...or provably not there: its stored payload goes out with the next run
    "release": Transition("planned", (REVIEW_STATE, "sending", "unknown"), "be released to be sent again"),
    # its recorded vendor Id reads another PO's order, and the vendor lists this PO's under another Id
    "reidentify": Transition("created", ("created",), "take the vendor's Id of its PO"),
}


def move(db: Connection, po_number: str, name: str, **columns: Any) -> str:
    """Apply transition ``name`` (setting ``columns`` too; ``batch=`` and ``vendor_order=`` guard further,
    see :func:`sql.move_order`) to the order, or raise LedgerError naming its real state; returns the
    order's batch."""
    transition = TRANSITIONS[name]
    changed = sql.move_order(db, po_number, transition.to, transition.starts, now_iso(), **columns)
    found = sql.order_batch_and_state(db, po_number)
    if found is None:
        raise LedgerError(f"Order {po_number} is not in this ledger; it cannot {transition.action}")
    if changed != 1:
        state = found["state"]
        why = (
            "it belongs to another batch or vendor order"
            if state in transition.starts
            else f"it is {state} (only from {' or '.join(transition.starts)})"
        )
        raise LedgerError(f"Order {po_number} cannot {transition.action}: {why}")
    return str(found["batch"])


def _items(order: Any) -> list[Any]:
    """The order's line items as sent (its stored payload); none when it is not in the ledger."""
    from ..payload import line_items

    return line_items(order) if order is not None else []


class LedgerTransitions(LedgerReads):
    def mark_sending(self, po_number: str, attempt: int = 1) -> None:
        """THE intent: committed before the request leaves."""
        with self.transaction() as db:
            batch = move(db, po_number, "send")
            self._event(db, batch, po_number, "sending", {"attempt": attempt})

    def record_created(
        self,
        po_number: str,
        vendor_order: VendorOrder,
        lines: Sequence[LineOutcome],
        *,
        created: bool,
        missing: Sequence[str] = (),
        missing_error: str | None = None,
        not_our_send: bool = False,
        repriced: tuple[Decimal, Decimal] | None = None,
    ) -> None:
        """The vendor has this order (201, or 409 naming the original). Lines it holds become ``ordered``;
        ``missing`` fingerprints (not in the vendor's order) stay ``planned`` for the caller to re-plan, or,
        with ``missing_error``, need a person: status ``review`` with that error. ``not_our_send``: the 409
        answered this ledger's only send, nothing of it lost before: the vendor's order is another's send
        (:func:`~bulkship.resolve.checks.sent_by_this_ledger`). ``repriced``: (cost stored, cost now) of
        an order in doubt made by its send again at today's prices, as confirmed: its plan cost now."""
        at = now_iso()
        cost = {} if repriced is None else {"cost": money_column(repriced[1])}
        with self.transaction() as db:
            batch = move(
                db,
                po_number,
                "created",
                vendor_order_id=vendor_order.id,
                status=vendor_order.status,
                error=None,
                **cost,
            )
            if repriced is not None:
                self._event(
                    db, batch, po_number, "repriced", {"cost": str(repriced[1]), "was": str(repriced[0])}
                )
            sql.set_rows_ordered(
                db,
                (
                    (li.line_item_id, money_column(li.cost), li.line_status, at, batch, li.fingerprint)
                    for li in lines
                ),
            )
            if missing_error:  # rows that may be at the vendor but cannot be tied to it: a person decides
                sql.set_rows_status(db, "review", ((missing_error, at, batch, fp) for fp in missing))
            detail = {
                "order_id": vendor_order.id,
                "status": vendor_order.status,
                "lines": len(lines),
                "missing_lines": len(missing),
                VENDOR_LINES: len(vendor_order.line_items),  # a 409's original may hold fewer than planned
            }
            if not_our_send:
                detail["not_our_send"] = True
            self._event(db, batch, po_number, "created" if created else "already_existed", detail)
            by_po = self.rows_by_po(po_number)
            note_billed_on_order(
                db,
                batch,
                po_number,
                counted_order(db, po_number, vendor_order),
                by_po,
                home=self.ledger_home(),
            )
            note_currency(db, batch, po_number, vendor_order)
            note_unpriced(db, batch, po_number, vendor_order)
            note_document(db, batch, po_number, vendor_order, by_po)
            note_fewer_cards(db, batch, po_number, vendor_order, by_po, _items(self.order(po_number)))
            note_failed_counted(db, batch, po_number, vendor_order, by_po)

    def record_vendor_order_id(self, po_number: str, wrong_id: str, vendor_order: VendorOrder) -> None:
        """The created order's vendor Id is ``vendor_order``'s, the one order the vendor lists under its PO:
        the Id recorded (``wrong_id``, from the create's answer) reads another PO's order. Kept, its rows
        read 'pending' for good (found by hunter-vendor8)."""
        with self.transaction() as db:
            batch = move(db, po_number, "reidentify", vendor_order_id=vendor_order.id)
            detail = {"was": wrong_id, "now": vendor_order.id}
            self._event(db, batch, po_number, "vendor_order_id_corrected", detail)

    def record_rejected(
        self, po_number: str, message: str, row_errors: dict[str, str], body: Any = None
    ) -> None:
        """400: the vendor did not create the order. Rows in ``row_errors`` (fingerprint -> message) fail;
        the other rows stay ``planned`` on this PO until the caller re-plans them."""
        at = now_iso()
        with self.transaction() as db:
            batch = move(db, po_number, "rejected", error=message)
            sql.set_rows_status(db, "failed", ((error, at, batch, fp) for fp, error in row_errors.items()))
            detail = {"message": message, "failed_rows": len(row_errors), "body": body}
            self._event(db, batch, po_number, "rejected", detail)

    def record_not_sent(self, po_number: str, reason: str) -> None:
        """The vendor certainly did not create the order (422, 401, 403): back to ``planned``."""
        with self.transaction() as db:
            batch = move(db, po_number, "not_sent", error=reason)
            # vendor_confirmed: written by a bulkship that asks the vendor after a lost answer (older ones
            # could put an order that may exist back to planned; the pipeline never re-plans those)
            self._event(db, batch, po_number, "not_sent", {"reason": reason, "vendor_confirmed": True})

    def record_unknown(self, po_number: str, reason: str) -> None:
        """No answer we can trust (timeout, dropped connection, 5xx after retries): resolve later, same PO."""
        with self.transaction() as db:
            batch = move(db, po_number, "unknown", error=reason)
            self._event(db, batch, po_number, "unknown", {"reason": reason})

    def resend_rows_made_no_card(
        self, batch: str, rows: Sequence[tuple[str, str]], notes: Mapping[str, str]
    ) -> None:
        """Rows ordered whose line the vendor ended Failed or Cancelled before anything shipped ((fingerprint,
        PO) each, from :meth:`rows_made_no_card`): no card exists, so each becomes ``failed`` with its note
        (``notes``: fingerprint -> what it says) and the next plan sends it again under a new PO number.
        Guarded in SQL: a row that moved on since it was read is left as it is."""
        at = now_iso()
        with self.transaction() as db:
            sql.fail_rows_made_no_card(db, ((notes[fp], at, batch, fp) for fp, _po in rows))
            for po in sorted({po for _fp, po in rows}):
                self._event(db, batch, po, MADE_NO_CARD, {"rows": sum(1 for _f, p in rows if p == po)})

    def hold_rows_whose_card_elsewhere_failed(
        self, batch: str, rows: Sequence[str], note: str, card: tuple[str, int]
    ) -> None:
        """Rows left out as sent elsewhere whose card there, line ``card[1]`` of order ``card[0]``, the
        vendor ended without one (fingerprints, from :func:`bulkship.repeats.takenout.cards_gone_elsewhere`):
        each becomes ``held`` with ``note``, and the next plan compares it again (sent, or sent elsewhere
        naming the order holding its card now). Guarded in SQL: a row that moved on since it was read is left
        as it is. The event keeps the card and the rows: what ties them to that card's row of the other
        batch once they are sent from this one."""
        at = now_iso()
        with self.transaction() as db:
            sql.hold_rows_sent_elsewhere(db, ((note, at, batch, fp) for fp in rows))
            detail = {"rows": len(rows), "po": card[0], "line": card[1], "fingerprints": sorted(rows)}
            self._event(db, batch, None, ELSEWHERE_MADE_NO_CARD, detail)

    def cancel_planned(self, po_number: str, reason: str) -> None:
        """Drop an order that never left (state ``planned``); its rows lose their PO and are planned again."""
        with self.transaction() as db:
            batch = move(db, po_number, "cancel", error=reason)
            sql.release_planned_rows(db, po_number, now_iso())
            self._event(db, batch, po_number, "cancelled", {"reason": reason})

    def mark_review(
        self,
        po_number: str,
        reason: str,
        fingerprints: Iterable[str] | None = None,
        *,
        hold_order: bool = False,
        not_our_send: bool = False,
    ) -> None:
        """Rows of ``po_number`` (all its rows not ordered, or these) need a person: status ``review`` with
        ``reason``. The order keeps its state (an ``unknown`` one is still only re-sent with its own PO),
        unless ``hold_order``: then it is ``review`` too, never sent again (a re-send would get the same
        answer, e.g. the vendor holds other content under this PO number). ``not_our_send``: as for
        :meth:`record_created`."""
        at = now_iso()
        with self.transaction() as db:
            if hold_order:
                batch = move(db, po_number, "hold", error=reason)
            else:
                found = sql.order_batch_and_state(db, po_number)
                if found is None:
                    raise LedgerError(
                        f"Order {po_number} is not in this ledger; its rows cannot be held for review"
                    )
                batch = found["batch"]
            if fingerprints is None:
                sql.set_order_rows_status(db, po_number, "review", reason, at, ("planned", "review"))
            else:
                sql.set_rows_status(
                    db, "review", ((reason, at, batch, fp) for fp in fingerprints), unless="ordered"
                )
            detail: dict[str, Any] = {"reason": reason}
            if not_our_send:
                detail["not_our_send"] = True
            self._event(db, batch, po_number, "review", detail)

    def hold_for_review(self, po_numbers: Iterable[str], reason: str) -> list[str]:
        """Planned orders that must not go out until a person has looked (state ``review``; their rows
        ``review`` with ``reason``); returns the POs held (an order no longer planned is left as it is)."""
        at = now_iso()
        held: list[str] = []
        with self.transaction() as db:
            for po in po_numbers:
                transition = TRANSITIONS["hold_planned"]
                if sql.move_order(db, po, transition.to, transition.starts, at, error=reason) != 1:
                    continue
                held.append(po)
                sql.set_order_rows_status(db, po, "review", reason, at, ("planned",))
                found = sql.order_batch_and_state(db, po)
                self._event(db, found["batch"] if found else None, po, "review", {"reason": reason})
        return held
