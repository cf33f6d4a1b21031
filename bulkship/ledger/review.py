"""A person settles rows in review, once :mod:`bulkship.resolve` has checked the vendor: the rows are at the
vendor in a named order, or provably absent and released to be sent again. Guarded like every transition."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from ..errors import LedgerError
from . import sql
from .ordernotes import counted_order, note_billed_on_order
from .reads import LedgerReads
from .records import REVIEW_STATE, SET_ASIDE_ERROR, AdoptedOrder, AdoptedRow, money_column, now_iso
from .transitions import move


class LedgerReview(LedgerReads):
    def settle_review_at_vendor(
        self,
        batch: str,
        from_po: str,
        order: AdoptedOrder,
        *,
        payload: dict[str, Any] | None,
        detail: dict[str, Any],
        from_absent: bool = False,
        theirs: bool = False,
    ) -> None:
        """Rows waiting for review on ``from_po`` are at the vendor in ``order`` (``order.rows``: each tied
        to a line, or confirmed by a person): they become ``ordered`` on its PO, and the order ``created``
        (taken into the ledger if it is not there yet). ``payload`` replaces the stored one (None keeps it).
        ``theirs``: the ledger's order of that PO is a plan of its own never sent, the vendor's another
        ledger's send: its cost is the vendor's, as an order taken in new. A held ``from_po`` left without
        rows is cancelled when this ledger never sent it or the vendor provably does not hold it
        (``from_absent``).
        Guarded: only rows still in review on ``from_po``, only an order in review, in doubt or created."""
        at, vendor, po = now_iso(), order.vendor_order, order.po_number
        with self.transaction() as db:
            existing = sql.order(db, po)
            if not existing:
                values: tuple[Any, ...] = (
                    po,
                    batch,
                    order.seq,
                    order.base_po,
                    vendor.id,
                    vendor.status,
                    json.dumps(payload or {}),
                )
                values += (str(vendor.cost), len(vendor.line_items), order.note, at, at)
                sql.insert_created_order(db, values)
            else:
                columns: dict[str, Any] = {
                    "status": vendor.status,
                    "error": None,
                    "lines": len(vendor.line_items),
                }
                if payload is not None:
                    columns["payload"] = json.dumps(payload)
                if theirs:  # this ledger's plan of 100 rows compared with the other's order of one: 'the
                    # vendor charged otherwise than planned' on each (found by hunter-vendor15)
                    columns["cost"] = str(vendor.cost)
                # this ledger's plan of the PO dropped unsent: the vendor's order is another ledger's send
                dropped = existing[0]["state"] == "cancelled" and not existing[0]["vendor_order_id"]
                name = "settle_dropped_at_vendor" if dropped else "settle_at_vendor"
                move(db, po, name, batch=batch, vendor_order=vendor.id, **columns)
            _settle_rows(db, batch, from_po, order.rows, at, to_po=po)
            # what the order bills beside its rows, read again now that more rows are on it: recorded when
            # fewer were tied, it counted their cards a second time (status 6,225.00 for the vendor's
            # 5,000.00 after --settle-found, in hunter-vendor15's race)
            note_billed_on_order(
                db, batch, po, counted_order(db, po, vendor), self.rows_by_po(po), home=self.ledger_home()
            )
            if payload is not None:
                # rows still waiting keep their planned line in the payload, not a position
                sql.forget_review_line_positions(db, po)
            if from_po != po:
                reason = f"its rows were found at the vendor in order {po}"
                sql.cancel_if_emptied(db, from_po, reason, at, from_absent)
            self._event(db, batch, po, "review_settled_at_vendor", {**detail, "from_po": from_po})

    def release_review(
        self,
        batch: str,
        po: str,
        fingerprints: Sequence[str],
        *,
        same_po: bool,
        detail: dict[str, Any],
        absent: bool = False,
        not_ours: bool = False,
    ) -> None:
        """Rows waiting for review on ``po`` that the vendor provably does not hold go back to ``planned``:
        on ``po`` itself (``same_po``: the order goes back to ``planned``, its stored payload is sent by the
        next run), or without a PO (the next run plans them). ``not_ours``: the person says ``po`` itself is
        another batch's order: once it holds none of this batch's rows it is set aside (cancelled)."""
        at = now_iso()
        with self.transaction() as db:
            if same_po:
                move(db, po, "release", batch=batch, error=None)
            for fp in fingerprints:
                if sql.release_review_row(db, at, batch, fp, po, keep_po=same_po) != 1:
                    raise LedgerError(
                        f"A row of order {po} is no longer waiting for review; nothing was released"
                    )
            if not same_po:
                sql.cancel_if_emptied(db, po, "its rows were released to be planned again", at, absent)
            if not_ours and not same_po and not sql.order_has_rows(db, po):
                reason = f"{SET_ASIDE_ERROR} order, set aside by a person (--not-ours)"
                found = sql.order_batch_and_state(db, po)
                if found is not None and found["state"] in ("created", REVIEW_STATE):
                    move(db, po, "set_aside", batch=batch, error=reason)
            detail = {**detail, "same_po": same_po, "vendor_confirmed": True}
            self._event(db, batch, po, "review_released", detail)

    def leave_out_elsewhere(
        self,
        batch: str,
        from_po: str,
        rows: Sequence[tuple[str, str, str]],
        *,
        detail: dict[str, Any],
        set_aside: bool,
    ) -> None:
        """Rows waiting for review on ``from_po`` whose cards a person found in another batch's or ledger's
        vendor order (``rows``: fingerprint, the vendor's line item Id, the note the row shows) are left
        out: status ``elsewhere``, on no order and at no cost, kept so by every later run. ``from_po`` left
        without rows is cancelled when it is a held order this ledger never sent, or set aside
        (``set_aside``: it is that other order, taken into this ledger when it was found at the vendor).
        Guarded: only rows still in review on ``from_po``."""
        at = now_iso()
        with self.transaction() as db:
            for fingerprint, line_item_id, note in rows:
                values = (line_item_id or None, note, at, batch, fingerprint, from_po)
                if sql.leave_out_review_row(db, values) != 1:
                    raise LedgerError(
                        f"A row of order {from_po} is no longer waiting for review; nothing was changed"
                    )
            emptied = "its rows' cards were found in another batch's order"
            sql.cancel_if_emptied(db, from_po, emptied, at, False)
            if set_aside and not sql.order_has_rows(db, from_po):
                found = sql.order_batch_and_state(db, from_po)
                if found is not None and found["state"] in ("created", REVIEW_STATE):
                    reason = f"{SET_ASIDE_ERROR} or ledger's order: its rows' cards, left out of this batch"
                    move(db, from_po, "set_aside", batch=batch, error=reason)
            self._event(db, batch, from_po, "review_left_out", detail)


def _settle_rows(
    db: Connection, batch: str, from_po: str, rows: Sequence[AdoptedRow], at: str, *, to_po: str
) -> None:
    for r in rows:
        values = (
            to_po,
            r.line_index,
            r.line_item_id,
            money_column(r.cost),
            r.line_status,
            r.error,
            at,
            batch,
        )
        if sql.settle_review_row(db, (*values, r.fingerprint, from_po)) != 1:
            raise LedgerError(
                f"Row {r.row} is no longer waiting for review on order {from_po}; nothing changed"
            )
