"""Statements a person's settlement of rows in review runs (:mod:`bulkship.resolve` checks the vendor first):
a row ordered on a vendor order, a row released, an order left without rows cancelled."""

from __future__ import annotations

from typing import Any

from .driver import Db, Tuples, _run

# -- a person settles rows in review (bulkship.resolve checks the vendor first) ------------------------------


def settle_review_row(db: Db, values: tuple[Any, ...]) -> int:
    """(to PO, line_index, line_item_id, cost, line_status, error, updated, batch, fingerprint, from PO):
    a row still in review on ``from PO`` becomes ordered on ``to PO``; how many rows changed."""
    cursor = _run(
        db,
        "UPDATE rows SET status = 'ordered', po_number = ?, line_index = ?, line_item_id = ?, cost = ?,"
        " line_status = ?, error = ?, updated = ? WHERE batch = ? AND fingerprint = ? AND po_number = ?"
        " AND status = 'review'",
        values,
    )
    return cursor.rowcount


def forget_review_line_positions(db: Db, po_number: str) -> None:
    """Rows still in review on the order keep their planned line in its payload, not a position."""
    _run(db, "UPDATE rows SET line_index = NULL WHERE po_number = ? AND status = 'review'", (po_number,))


def release_review_row(
    db: Db, at: str, batch: str, fingerprint: str, po_number: str, *, keep_po: bool
) -> int:
    """A row in review on the order goes back to planned (on that PO, or without one); rows changed."""
    off_po = (
        ""
        if keep_po
        else ", po_number = NULL, line_index = NULL, line_item_id = NULL, cost = NULL, line_status = NULL"
    )
    cursor = _run(
        db,
        f"UPDATE rows SET status = 'planned', error = NULL, updated = ?{off_po}"
        " WHERE batch = ? AND fingerprint = ? AND po_number = ? AND status = 'review'",
        (at, batch, fingerprint, po_number),
    )
    return cursor.rowcount


def leave_out_review_row(db: Db, values: tuple[Any, ...]) -> int:
    """(line_item_id, error, updated, batch, fingerprint, from PO): a row still in review on ``from PO``
    whose card is in another batch's or ledger's order is left out: on no order, no cost; rows changed."""
    cursor = _run(
        db,
        "UPDATE rows SET status = 'elsewhere', po_number = NULL, line_index = NULL, line_item_id = ?,"
        " cost = NULL, line_status = NULL, error = ?, updated = ?"
        " WHERE batch = ? AND fingerprint = ? AND po_number = ? AND status = 'review'",
        values,
    )
    return cursor.rowcount


def order_has_rows(db: Db, po_number: str) -> bool:
    return _run(db, "SELECT 1 FROM rows WHERE po_number = ? LIMIT 1", (po_number,)).first() is not None


def order_has_rows_in_review(db: Db, po_number: str) -> bool:
    """Whether a row waits for review on the order (one probe of the rows' PO index: every poll asks)."""
    found = _run(db, "SELECT 1 FROM rows WHERE po_number = ? AND status = 'review' LIMIT 1", (po_number,))
    return found.first() is not None


def orders_with_rows_in_review(db: Db, batch: str) -> Tuples:
    """(PO,) of the batch's created orders with a row waiting for review on them."""
    return _run(
        db,
        "SELECT DISTINCT r.po_number FROM rows AS r JOIN orders AS o ON o.po_number = r.po_number"
        " WHERE r.batch = ? AND r.status = 'review' AND o.state = 'created'",
        (batch,),
    ).all()


def cancel_if_emptied(db: Db, po_number: str, reason: str, at: str, absent: bool) -> None:
    """A held order (``review``) left without rows that this ledger never sent, or that the vendor provably
    does not hold (``absent``): cancelled, it will never go out."""
    _run(
        db,
        "UPDATE orders SET state = 'cancelled', error = ?, updated = ? WHERE po_number = ?"
        " AND state = 'review'"
        " AND NOT EXISTS (SELECT 1 FROM rows WHERE rows.po_number = orders.po_number)"
        " AND (? OR NOT EXISTS (SELECT 1 FROM events WHERE events.po_number = orders.po_number"
        "                        AND events.kind = 'sending'))",
        (reason, at, po_number, absent),
    )
