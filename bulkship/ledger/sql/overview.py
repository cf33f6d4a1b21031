"""Statements over every batch at once, for the web page's Batches overview and ``status``: rows, orders,
approvals and cards tallied by batch."""

from __future__ import annotations

from collections.abc import Sequence

from ..records import OPEN_STATES
from .driver import _NO_CARD_YET, Db, Tuples, _made_no_card, _marks, _run

# -- every batch at once (the web page's Batches overview) ------------------------------------------------


def batch_row_tallies(db: Db) -> Tuples:
    """(batch, status, line_status, cost, current, made no card, count) over every row of every batch."""
    no_card = f"CASE WHEN {_NO_CARD_YET} THEN 1 ELSE 0 END"
    return _run(
        db,
        f"SELECT batch, status, line_status, cost, current, {no_card}, COUNT(*) FROM rows"
        f" GROUP BY batch, status, line_status, cost, current, {no_card}",
    ).all()


def batch_rows_skipped_saying(db: Db, reason: str) -> Tuples:
    """(batch, count) of the current rows skipped for a reason opening with ``reason``, every batch at once
    (:func:`bulkship.ledger.sql.rows_skipped_saying` for one)."""
    return _run(
        db,
        "SELECT batch, COUNT(*) FROM rows WHERE current = 1 AND status = 'skipped' AND error LIKE ?"
        " GROUP BY batch",
        (reason.replace("%", "").replace("_", "") + "%",),
    ).all()


def batch_rows_saying(db: Db, status: str, words: str) -> Tuples:
    """(batch, count) of the current rows of ``status`` whose message holds ``words``, every batch at once."""
    return _run(
        db,
        "SELECT batch, COUNT(*) FROM rows WHERE current = 1 AND status = ? AND error LIKE ? GROUP BY batch",
        (status, "%" + words.replace("%", "").replace("_", "") + "%"),
    ).all()


_HELD_FOR_A_CARD = (
    "FROM rows AS h JOIN held_cards AS c ON c.batch = h.batch AND c.fingerprint = h.fingerprint"
    " WHERE h.current = 1 AND h.status = 'held'"
)
_CARD_MADE = (
    "(CASE WHEN c.card_fingerprint IS NULL"
    " THEN EXISTS (SELECT 1 FROM orders AS o WHERE o.po_number = c.po_number AND o.state = 'created')"
    " ELSE EXISTS (SELECT 1 FROM rows AS r WHERE r.batch = c.card_batch AND r.fingerprint ="
    f" c.card_fingerprint AND r.status = 'ordered' AND NOT ({_made_no_card('r.')})) END)"
)


def batch_rows_holding_card(db: Db, batch: str | None = None) -> Tuples:
    """(batch, count) of the current held rows whose person has the very card another batch made
    (``held_cards``, revision 0007) as that card is now: its row there still ordered and its line not ended
    without a card (re-sent there under another PO, it is still that row's card); a card whose row this
    ledger does not hold, while its order stays created. Every batch, or ``batch`` alone."""
    sql = f"SELECT h.batch, COUNT(*) {_HELD_FOR_A_CARD} AND {_CARD_MADE}"
    if batch is None:
        return _run(db, sql + " GROUP BY h.batch").all()
    return _run(db, sql + " AND h.batch = ? GROUP BY h.batch", (batch,)).all()


def held_rows_whose_card_is_gone(db: Db, batch: str) -> Tuples:
    """(fingerprint, card_batch, po_number, card_fingerprint, that row's line status on that PO) of the
    batch's current rows held for the very card another batch made whose card is gone since
    (:func:`batch_rows_holding_card` no longer counts them)."""
    line = (
        "(SELECT r.line_status FROM rows AS r WHERE r.batch = c.card_batch AND r.fingerprint ="
        " c.card_fingerprint AND r.po_number = c.po_number)"
    )
    return _run(
        db,
        f"SELECT h.fingerprint, c.card_batch, c.po_number, c.card_fingerprint, {line}"
        f" {_HELD_FOR_A_CARD} AND h.batch = ? AND NOT {_CARD_MADE}",
        (batch,),
    ).all()


def batches_holding_cards_gone(db: Db, card_batches: Sequence[str], gone: bool = True) -> Tuples:
    """(batch,) of the batches with a current row held for the very card a row of one of ``card_batches``
    made, that card gone since (:func:`held_rows_whose_card_is_gone`, every batch at once); ``gone`` False:
    as that card is now, gone or made."""
    if not card_batches:
        return []
    return _run(
        db,
        f"SELECT DISTINCT h.batch {_HELD_FOR_A_CARD} AND c.card_batch IN ({_marks(card_batches)})"
        + (f" AND NOT {_CARD_MADE}" if gone else ""),
        tuple(card_batches),
    ).all()


def batch_review_tallies(db: Db) -> Tuples:
    """(batch, cost, count) of rows waiting for review in an order the vendor created (their card may be
    one of its lines: money in doubt, as :func:`bulkship.reconcile.join.money_bucket` says)."""
    return _run(
        db,
        "SELECT r.batch, r.cost, COUNT(*) FROM rows AS r JOIN orders AS o ON o.po_number = r.po_number"
        " WHERE r.status = 'review' AND o.state = 'created' GROUP BY r.batch, r.cost",
    ).all()


def batch_earlier_rows(db: Db) -> Tuples:
    """(batch, count) of the rows of earlier files the latest no longer holds that the result workbook still
    shows, as holding money (:meth:`bulkship.reconcile.join.LedgerView.holds_money`): ordered, sent in an
    order whose answer was lost, or waiting for review in an order the vendor created."""
    in_doubt = ", ".join(f"'{state}'" for state in OPEN_STATES)  # our own constants, not input
    return _run(
        db,
        "SELECT r.batch, COUNT(*) FROM rows AS r LEFT JOIN orders AS o ON o.po_number = r.po_number"
        f" WHERE r.current = 0 AND (r.status = 'ordered' OR o.state IN ({in_doubt})"
        " OR (r.status = 'review' AND r.cost IS NOT NULL AND o.state = 'created')) GROUP BY r.batch",
    ).all()


def batch_left_out_earlier(db: Db) -> Tuples:
    """(batch, reason, count) of the rows of earlier files the latest no longer holds that were skipped: the
    people among them the list left out are still the batch's (:func:`bulkship.statuses.left_out_person`)."""
    return _run(
        db,
        "SELECT batch, error, COUNT(*) FROM rows WHERE current = 0 AND status = 'skipped'"
        " GROUP BY batch, error",
    ).all()


def batch_order_tallies(db: Db) -> Tuples:
    """(batch, state, cost, count) over every order of every batch."""
    return _run(db, "SELECT batch, state, cost, COUNT(*) FROM orders GROUP BY batch, state, cost").all()


def newest_approvals(db: Db, *, withdrawals: bool = True) -> Tuples:
    """(batch, decision) of each batch's newest approval request (team tables; decision NULL: waiting;
    'withdrawn': its requester withdrew it, revision 0006). ``withdrawals`` False: a ledger read as it is,
    from before that revision (read-only, never upgraded)."""
    withdrawn = "CASE WHEN w.id IS NOT NULL THEN 'withdrawn' END" if withdrawals else "NULL"
    joined = " LEFT JOIN approval_withdrawals AS w ON w.request_id = r.id" if withdrawals else ""
    return _run(
        db,
        f"SELECT r.batch, COALESCE(d.decision, {withdrawn}) FROM approval_requests AS r"
        f" LEFT JOIN approval_decisions AS d ON d.request_id = r.id{joined}"
        " WHERE r.id IN (SELECT MAX(id) FROM approval_requests GROUP BY batch)",
    ).all()


def batch_cards(db: Db) -> Tuples:
    """(batch, cards) its ordered rows hold: the quantity of each row's line on its order, added up by the
    database; a row whose line the vendor ended without a card holds none (nor do the lines of orders
    that failed before a row was sent again). A row a person settled on an order with no line shown to be
    its (no line index) has its line item kept apart under ReviewItems, by its fingerprint."""
    if db.dialect.name == "sqlite":
        quantity = "json_extract(o.payload, '$.LineItems[' || r.line_index || '].Quantity')"
        apart = "json_extract(o.payload, '$.ReviewItems.\"' || r.fingerprint || '\".Quantity')"
    else:
        quantity = "CAST(CAST(o.payload AS jsonb) -> 'LineItems' -> r.line_index ->> 'Quantity' AS INTEGER)"
        apart = "CAST(CAST(o.payload AS jsonb) -> 'ReviewItems' -> r.fingerprint ->> 'Quantity' AS INTEGER)"
    sql = (
        f"SELECT r.batch, SUM(COALESCE({quantity}, {apart}, 1)) FROM rows AS r JOIN orders AS o"
        f" ON o.po_number = r.po_number WHERE r.status = 'ordered' AND NOT ({_made_no_card('r.')})"
        " GROUP BY r.batch"
    )
    return _run(db, sql).all()


def last_plan_dropped(db: Db) -> int:
    """The id of the latest order cancelled before it was sent, in any batch (0: none): another batch's plan
    gone, whose rows held this batch's as 'planned, not sent yet' there."""
    return int(_run(db, "SELECT MAX(id) FROM events WHERE kind = 'cancelled'").scalar() or 0)


def advisory_locks_held(db: Db) -> Tuples:
    """PostgreSQL: (classid, objid) of each session-level advisory lock some session holds now on this
    database (a signed 64-bit key of :mod:`bulkship.db.locks`, split by the server in two). Advisory locks
    are the database's own: another ledger of the cluster sending a batch of the same name holds nothing of
    this one's (hunter-web22)."""
    return _run(
        db,
        "SELECT classid::bigint, objid::bigint FROM pg_locks"
        " WHERE locktype = 'advisory' AND granted AND objsubid = 1"
        " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    ).all()
