"""Every SQL statement the ledger runs: the only module of :mod:`bulkship.ledger` with SQL text.

The same statements run on SQLite and PostgreSQL (a SQLAlchemy :class:`~sqlalchemy.Connection` from
:func:`bulkship.db.engine_for`): portable SQL with ``?`` for each value, handed to the driver as it is
(SQLite) or with ``%s`` marks (psycopg) by :func:`_run`. They go through ``exec_driver_sql`` rather than
SQLAlchemy's statement objects because a run writes a million rows in a few statements, and SQLAlchemy's
per-row parameter handling costs several times the driver's own work; connections, errors and migrations
are SQLAlchemy's.

Each function takes the connection and plain values and returns plain rows (tuples, or mappings by column
name where the caller reads names) or a row count; records, guards and transactions are built on top of them
(``reads``, ``writes``, ``transitions``, ``store``). The tables are created by the migrations in
:mod:`bulkship.db` (revision 0001 is the ledger's schema).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, CursorResult, RowMapping

from ..statuses import NO_CARD_STATUSES

Rows = Sequence[RowMapping]  # by column name
Tuples = Sequence[Any]  # sqlalchemy Rows: by position
Db = Connection
MAX_PARAMS = 500  # bound parameters per statement, well under SQLite's limit
# pg_advisory_xact_lock key every ledger write transaction takes on PostgreSQL (see begin)
WRITE_LOCK_KEY = 0x62756C6B_6C656467  # "bulkledg"


@functools.cache
def _native(dialect: str, statement: str) -> str:
    """``statement`` in the driver's own parameter style: ``?`` for SQLite, ``%s`` for psycopg."""
    if dialect == "sqlite":
        return statement
    return statement.replace("%", "%%").replace("?", "%s")


def _run(db: Db, statement: str, params: Sequence[Any] = ()) -> CursorResult[Any]:
    return db.exec_driver_sql(_native(db.dialect.name, statement), tuple(params))


def _run_many(db: Db, statement: str, values: Iterable[Sequence[Any]]) -> None:
    """One statement for many parameter sets (nothing when there are none)."""
    batch = [tuple(v) for v in values]
    if batch:
        db.exec_driver_sql(_native(db.dialect.name, statement), batch)


def check_readable(db: Db) -> None:
    _run(db, "SELECT count(*) FROM batches").all()


# -- transactions (see store.py) -------------------------------------------------------------------------

COMMIT, ROLLBACK = "COMMIT", ("ROLLBACK",)
SAVEPOINT, RELEASE, ROLLBACK_TO = "SAVEPOINT call", "RELEASE call", ("ROLLBACK TO call", "RELEASE call")


def begin(db: Db, batch: str | None = None) -> None:
    """Start a write transaction that holds the ledger's write lock from its first statement, so that what it
    reads stays true until it commits (a guarded transition, a status judged against the newest one) and two
    writers never deadlock half-way. SQLite: ``BEGIN IMMEDIATE`` (one writer at a time).

    PostgreSQL: transaction-scoped advisory locks. A transaction of the process that holds ``batch`` (a run:
    it writes that batch only) takes the ledger's write key *shared* and the batch's write key, so runs of
    different batches write at the same time; any other writer (``batch`` None: track, the webhook
    receiver, the web pages, which may touch any batch) takes the ledger's key *exclusively*, waiting for
    and holding off every writer. Always the ledger's key first: no two writers wait for each other."""
    if db.dialect.name == "sqlite":
        db.exec_driver_sql("BEGIN IMMEDIATE")
        return
    db.exec_driver_sql("BEGIN")
    if batch is None:
        _run(db, "SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK_KEY,)).all()
        return
    from ..db import batch_write_key

    _run(db, "SELECT pg_advisory_xact_lock_shared(?)", (WRITE_LOCK_KEY,)).all()
    _run(db, "SELECT pg_advisory_xact_lock(?)", (batch_write_key(batch),)).all()


def savepoint(db: Db) -> None:
    db.exec_driver_sql(SAVEPOINT)


def execute(db: Db, statement: str) -> None:
    """A transaction-control statement (COMMIT, SAVEPOINT ...)."""
    db.exec_driver_sql(statement)


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


# -- reads -----------------------------------------------------------------------------------------------


def batches(db: Db) -> Rows:
    return _run(db, "SELECT * FROM batches ORDER BY created").mappings().all()


def batch(db: Db, name: str) -> Rows:
    return _run(db, "SELECT * FROM batches WHERE name = ?", (name,)).mappings().all()


FETCH_ROWS = 10_000  # rows taken from the driver's cursor at a time


def rows(
    db: Db,
    columns: Sequence[str],
    where: str,
    params: Sequence[Any],
    order_by: str,
    convert: Callable[[Iterable[Any]], Any] = list,
) -> Any:
    """Rows as plain tuples of ``columns``, in that order, through ``convert`` (default: a list). A batch can
    hold a million rows: they are fetched from the driver's cursor as it makes them (SQLAlchemy's Row objects
    would cost a third more), FETCH_ROWS at a time, so that ``convert`` can let each go once read (a
    million rows' tuples and texts at once cost about 700 MB)."""
    sql = f"SELECT {', '.join(columns)} FROM rows WHERE {where} ORDER BY {order_by}"
    result = _run(db, sql, params)
    try:
        return convert(_fetched(result.cursor))
    finally:
        result.close()


def _fetched(cursor: Any) -> Iterator[Any]:
    while chunk := cursor.fetchmany(FETCH_ROWS):
        yield from chunk


def rows_of_batch(
    db: Db,
    columns: Sequence[str],
    batch: str,
    current_only: bool,
    convert: Callable[[Iterable[Any]], Any] = list,
) -> Any:
    where = "batch = ? AND current = 1" if current_only else "batch = ?"
    return rows(db, columns, where, (batch,), "row, fingerprint", convert)


def rows_of_po(db: Db, columns: Sequence[str], po_number: str) -> list[Any]:
    return rows(db, columns, "po_number = ?", (po_number,), "line_index")


def rows_of_pos(db: Db, columns: Sequence[str], po_numbers: Sequence[str]) -> list[Any]:
    found: list[Any] = []
    for start in range(0, len(po_numbers), MAX_PARAMS):
        chunk = list(po_numbers[start : start + MAX_PARAMS])
        found.extend(rows(db, columns, f"po_number IN ({_marks(chunk)})", chunk, "po_number, line_index"))
    return found


def current_rows_with_status(db: Db, columns: Sequence[str], batch: str, status: str) -> list[Any]:
    return rows(db, columns, "batch = ? AND current = 1 AND status = ?", (batch, status), "row")


_ORDER_COLUMNS_BUT_PAYLOAD = (
    "po_number, batch, seq, base_po, state, vendor_order_id, status, '' AS payload, cost, lines, error,"
    " created, updated"
)


def orders(db: Db, batch: str | None, states: Sequence[str] | None, payloads: bool = True) -> Rows:
    columns = "*" if payloads else _ORDER_COLUMNS_BUT_PAYLOAD
    sql, params = f"SELECT {columns} FROM orders WHERE 1=1", []
    if batch is not None:
        sql += " AND batch = ?"
        params.append(batch)
    if states is not None:
        sql += f" AND state IN ({_marks(states)})"
        params.extend(states)
    return _run(db, sql + " ORDER BY seq, po_number", params).mappings().all()


def order(db: Db, po_number: str) -> Rows:
    return _run(db, "SELECT * FROM orders WHERE po_number = ?", (po_number,)).mappings().all()


def order_payload(db: Db, po_number: str) -> Tuples:
    return _run(db, "SELECT payload FROM orders WHERE po_number = ?", (po_number,)).all()


def order_by_vendor_id(db: Db, order_id: str) -> Rows:
    return _run(db, "SELECT * FROM orders WHERE vendor_order_id = ?", (order_id,)).mappings().all()


def order_batch_and_state(db: Db, po_number: str) -> RowMapping | None:
    sql = "SELECT batch, state, status FROM orders WHERE po_number = ?"
    return _run(db, sql, (po_number,)).mappings().first()


def row_counts(db: Db, batch: str) -> Tuples:
    return _run(
        db, "SELECT status, COUNT(*) FROM rows WHERE batch = ? AND current = 1 GROUP BY status", (batch,)
    ).all()


def order_counts(db: Db, batch: str) -> Tuples:
    return _run(db, "SELECT state, COUNT(*) FROM orders WHERE batch = ? GROUP BY state", (batch,)).all()


def ordered_costs(db: Db, batch: str) -> Tuples:
    return _run(
        db, "SELECT cost FROM rows WHERE batch = ? AND status = 'ordered' ORDER BY row, fingerprint", (batch,)
    ).all()


def events(
    db: Db,
    batch: str | None,
    po_number: str | None,
    limit: int | None,
    kinds: Sequence[str] | None = None,
) -> Rows:
    sql, params = "SELECT * FROM events WHERE 1=1", []
    if batch is not None:
        sql += " AND batch = ?"
        params.append(batch)
    if kinds is not None:
        sql += f" AND kind IN ({','.join('?' * len(kinds))})"
        params.extend(kinds)
    if po_number is not None:
        sql += " AND po_number = ?"
        params.append(po_number)
    sql += " ORDER BY id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return _run(db, sql, params).mappings().all()


def latest_event(db: Db, batch: str, kind: str) -> Rows:
    return (
        _run(db, "SELECT * FROM events WHERE batch = ? AND kind = ? ORDER BY id DESC LIMIT 1", (batch, kind))
        .mappings()
        .all()
    )


def max_seq(db: Db, batch: str) -> int:
    return int(_run(db, "SELECT MAX(seq) FROM orders WHERE batch = ?", (batch,)).scalar() or 0)


def replan_count(db: Db, base_po: str) -> int:
    sql = "SELECT COUNT(*) FROM orders WHERE base_po = ? AND po_number != base_po"
    return int(_run(db, sql, (base_po,)).scalar() or 0)


def batches_holding_orders(db: Db, states: Sequence[str]) -> Tuples:
    return _run(
        db,
        f"SELECT batch, MIN(created) FROM orders WHERE state IN ({_marks(states)}) GROUP BY batch",
        list(states),
    ).all()


def orders_since(db: Db, since: str, exclude_batch: str, states: Sequence[str]) -> Rows:
    return (
        _run(
            db,
            f"SELECT * FROM orders WHERE batch != ? AND created >= ? AND state IN ({_marks(states)})"
            " ORDER BY created, po_number",
            [exclude_batch, since, *states],
        )
        .mappings()
        .all()
    )


def lines_tied_since(db: Db, since: str, exclude_batch: str, states: Sequence[str]) -> Tuples:
    """(po_number, line_index, made no card) of the rows tied to a line of the orders ``orders_since``
    reads (made no card: the row failed there, or :func:`bulkship.reconcile.join.made_no_card`)."""
    return _run(
        db,
        f"SELECT r.po_number, r.line_index, CASE WHEN r.status = 'failed' OR {_made_no_card('r.')}"
        " THEN 1 ELSE 0 END FROM rows AS r JOIN orders AS o ON o.po_number = r.po_number"
        f" WHERE o.batch != ? AND o.created >= ? AND o.state IN ({_marks(states)})"
        " AND r.line_index IS NOT NULL",
        [exclude_batch, since, *states],
    ).all()


# -- events, batches, rows -------------------------------------------------------------------------------

_INSERT_EVENT = "INSERT INTO events(at, batch, po_number, kind, detail) VALUES (?, ?, ?, ?, ?)"


def insert_event(db: Db, at: str, batch: str | None, po: str | None, kind: str, detail_json: str) -> None:
    _run(db, _INSERT_EVENT, (at, batch, po, kind, detail_json))


def insert_events(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """``values``: (at, batch, po_number, kind, detail JSON) each."""
    _run_many(db, _INSERT_EVENT, values)


def insert_batch(db: Db, values: tuple[Any, ...]) -> None:
    """``values``: name, file_name, file_hash, po_prefix, created, updated, rows, valid, invalid, api."""
    _run(
        db,
        "INSERT INTO batches(name, file_name, file_hash, po_prefix, created, updated, rows, valid, invalid,"
        " api) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values,
    )


def update_batch(db: Db, name: str, file_name: str, file_hash: str, at: str, counts: tuple[int, ...]) -> None:
    """``counts``: rows, valid, invalid."""
    _run(
        db,
        "UPDATE batches SET file_name = ?, file_hash = ?, updated = ?, rows = ?, valid = ?, invalid = ?"
        " WHERE name = ?",
        (file_name, file_hash, at, *counts, name),
    )


def set_batch_api_once(db: Db, name: str, api: str) -> None:
    _run(db, "UPDATE batches SET api = ? WHERE name = ? AND api IS NULL", (api, name))


def set_batch_output(db: Db, name: str, path: str) -> None:
    _run(db, "UPDATE batches SET output = ? WHERE name = ?", (path, name))


def mark_rows_not_current(db: Db, batch: str) -> None:
    _run(db, "UPDATE rows SET current = 0 WHERE batch = ? AND current = 1", (batch,))


def upsert_rows(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """Rows of the file as it is now, not going on a new order: (batch, fingerprint, row, status, error,
    updated). Rows with a PO or ordered keep their status and error, but a failed row now held (it repeats
    a card ordered since) says so, not the vendor's old refusal."""
    kept = "(rows.status = 'ordered' OR (rows.po_number IS NOT NULL AND NOT"
    kept += " (rows.status = 'failed' AND excluded.status = 'held')))"
    _run_many(
        db,
        "INSERT INTO rows(batch, fingerprint, row, status, error, updated) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(batch, fingerprint) DO UPDATE SET row = excluded.row, current = 1,"
        f" status = CASE WHEN {kept} THEN rows.status ELSE excluded.status END,"
        f" error = CASE WHEN {kept} THEN rows.error ELSE excluded.error END,"
        " updated = excluded.updated",
        values,
    )


def upsert_rows_on_new_orders(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """Rows going on a new order: (batch, fingerprint, row, po_number, line_index, external_id, cost,
    updated); what :func:`upsert_rows` and :func:`point_rows_at_orders` together would leave."""
    _run_many(
        db,
        "INSERT INTO rows(batch, fingerprint, row, status, po_number, line_index, external_id, cost,"
        " updated) VALUES (?, ?, ?, 'planned', ?, ?, ?, ?, ?)"
        " ON CONFLICT(batch, fingerprint) DO UPDATE SET row = excluded.row, current = 1,"
        " status = 'planned', po_number = excluded.po_number, line_index = excluded.line_index,"
        " external_id = excluded.external_id, line_item_id = NULL, cost = excluded.cost,"
        " error = NULL, line_status = NULL, updated = excluded.updated",
        values,
    )


# -- orders ----------------------------------------------------------------------------------------------


def insert_planned_orders(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """(po_number, batch, seq, base_po, payload JSON, cost, lines, created, updated) each; raises
    ``sqlalchemy.exc.IntegrityError`` for a PO number already in the ledger."""
    _run_many(
        db,
        "INSERT INTO orders(po_number, batch, seq, base_po, state, payload, cost, lines, created,"
        " updated) VALUES (?, ?, ?, ?, 'planned', ?, ?, ?, ?, ?)",
        values,
    )


def point_rows_at_orders(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """(po_number, line_index, external_id, cost, updated, batch, fingerprint) each: the row is planned on
    that order."""
    _run_many(
        db,
        "UPDATE rows SET status = 'planned', po_number = ?, line_index = ?, external_id = ?,"
        " line_item_id = NULL, cost = ?, error = NULL, line_status = NULL, updated = ?"
        " WHERE batch = ? AND fingerprint = ?",
        values,
    )


def insert_created_order(db: Db, values: tuple[Any, ...]) -> None:
    """An order the vendor holds, taken in as ``created``: (po_number, batch, seq, base_po, vendor_order_id,
    status, payload JSON, cost, lines, error, created, updated)."""
    _run(
        db,
        "INSERT INTO orders(po_number, batch, seq, base_po, state, vendor_order_id, status, payload, cost,"
        " lines, error, created, updated) VALUES (?, ?, ?, ?, 'created', ?, ?, ?, ?, ?, ?, ?, ?)",
        values,
    )


def upsert_rows_of_order(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """(batch, fingerprint, row, status, po_number, line_index, external_id, line_item_id, cost, error,
    line_status, updated) each."""
    _run_many(
        db,
        "INSERT INTO rows(batch, fingerprint, row, status, po_number, line_index, external_id, line_item_id,"
        " cost, error, line_status, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(batch, fingerprint) DO UPDATE SET row = excluded.row, status = excluded.status,"
        " po_number = excluded.po_number, line_index = excluded.line_index,"
        " external_id = excluded.external_id, line_item_id = excluded.line_item_id, cost = excluded.cost,"
        " error = excluded.error, line_status = excluded.line_status, updated = excluded.updated",
        values,
    )


def move_order(
    db: Db,
    po_number: str,
    to_state: str,
    from_states: Sequence[str],
    at: str,
    *,
    batch: str | None = None,
    vendor_order: str | None = None,
    **columns: Any,
) -> int:
    """THE guarded state change: ``state`` (and ``columns``) set only while the order is in one of
    ``from_states`` (and of ``batch``; and not tied to another ``vendor_order`` than this one, which it is
    tied to); how many orders changed (0 or 1)."""
    if vendor_order is not None:
        columns = {**columns, "vendor_order_id": vendor_order}
    names = "".join(f", {name} = ?" for name in columns)
    guards, params = "", [po_number, *from_states]
    if batch is not None:
        guards += " AND batch = ?"
        params.append(batch)
    if vendor_order is not None:
        guards += " AND (vendor_order_id IS NULL OR vendor_order_id = ?)"
        params.append(vendor_order)
    cursor = _run(
        db,
        f"UPDATE orders SET state = ?, updated = ?{names}"
        f" WHERE po_number = ? AND state IN ({_marks(from_states)}){guards}",
        (to_state, at, *columns.values(), *params),
    )
    return cursor.rowcount


def set_order_status(db: Db, po_number: str, status: str | None, at: str) -> None:
    _run(db, "UPDATE orders SET status = ?, updated = ? WHERE po_number = ?", (status, at, po_number))


def _made_no_card(row: str = "") -> str:
    """reconcile.join.made_no_card, in SQL (``row``: the rows table's alias and a dot, if any)."""
    return (
        f"{row}status = 'ordered' AND LOWER(COALESCE({row}line_status, ''))"
        f" IN ({', '.join(repr(s) for s in sorted(NO_CARD_STATUSES))})"
        f" AND {row}tracking_number IS NULL AND {row}shipped_date IS NULL"
    )


_NO_CARD_YET = _made_no_card()


def rows_made_no_card(db: Db, batch: str) -> Tuples:
    """(fingerprint, po_number) of the batch's ordered rows whose line the vendor ended Failed or Cancelled
    before anything shipped."""
    return _run(
        db, f"SELECT fingerprint, po_number FROM rows WHERE batch = ? AND {_NO_CARD_YET}", (batch,)
    ).all()


def fail_rows_made_no_card(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """(error, updated, batch, fingerprint) each: such a row becomes ``failed`` (guarded: only while it
    still is one)."""
    _run_many(
        db,
        f"UPDATE rows SET status = 'failed', error = ?, updated = ? WHERE batch = ? AND fingerprint = ?"
        f" AND {_NO_CARD_YET}",
        values,
    )


def release_planned_rows(db: Db, po_number: str, at: str) -> None:
    """A cancelled order's planned rows lose their PO (they are planned again)."""
    _run(
        db,
        "UPDATE rows SET po_number = NULL, line_index = NULL, cost = NULL, updated = ?"
        " WHERE po_number = ? AND status = 'planned'",
        (at, po_number),
    )


def set_rows_ordered(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """(line_item_id, cost, line_status, updated, batch, fingerprint) each."""
    _run_many(
        db,
        "UPDATE rows SET status = 'ordered', line_item_id = ?, cost = ?, line_status = ?, error = NULL,"
        " updated = ? WHERE batch = ? AND fingerprint = ?",
        values,
    )


def set_rows_status(db: Db, status: str, values: Iterable[tuple[Any, ...]], *, unless: str = "") -> None:
    """(error, updated, batch, fingerprint) each: the row takes ``status`` with that error (``unless`` it
    has that status)."""
    guard = " AND status != ?" if unless else ""
    _run_many(
        db,
        f"UPDATE rows SET status = ?, error = ?, updated = ? WHERE batch = ? AND fingerprint = ?{guard}",
        ((status, *value, *((unless,) if unless else ())) for value in values),
    )


def set_order_rows_status(
    db: Db, po_number: str, status: str, error: str, at: str, from_statuses: Sequence[str]
) -> None:
    """Every row of the order with one of ``from_statuses`` takes ``status`` with ``error``."""
    _run(
        db,
        f"UPDATE rows SET status = ?, error = ?, updated = ?"
        f" WHERE po_number = ? AND status IN ({_marks(from_statuses)})",
        (status, error, at, po_number, *from_statuses),
    )


def set_row_tracking(db: Db, values: tuple[Any, ...]) -> None:
    """(line_item_id, cost, line_status, carrier, tracking_number, tracking_url, shipped_date,
    delivered_date, updated, batch, fingerprint)."""
    _run(
        db,
        "UPDATE rows SET line_item_id = ?, cost = ?, line_status = ?, carrier = ?, tracking_number = ?,"
        " tracking_url = ?, shipped_date = ?, delivered_date = ?, updated = ?"
        " WHERE batch = ? AND fingerprint = ?",
        values,
    )


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


def order_has_rows(db: Db, po_number: str) -> bool:
    return _run(db, "SELECT 1 FROM rows WHERE po_number = ? LIMIT 1", (po_number,)).first() is not None


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


# -- every batch at once (the web page's Batches overview) ------------------------------------------------


def batch_row_tallies(db: Db) -> Tuples:
    """(batch, status, line_status, cost, current, made no card, count) over every row of every batch."""
    no_card = f"CASE WHEN {_NO_CARD_YET} THEN 1 ELSE 0 END"
    return _run(
        db,
        f"SELECT batch, status, line_status, cost, current, {no_card}, COUNT(*) FROM rows"
        f" GROUP BY batch, status, line_status, cost, current, {no_card}",
    ).all()


def batch_order_tallies(db: Db) -> Tuples:
    """(batch, state, cost, count) over every order of every batch."""
    return _run(db, "SELECT batch, state, cost, COUNT(*) FROM orders GROUP BY batch, state, cost").all()


def newest_approvals(db: Db) -> Tuples:
    """(batch, decision) of each batch's newest approval request (team tables; decision NULL: waiting)."""
    return _run(
        db,
        "SELECT r.batch, d.decision FROM approval_requests AS r"
        " LEFT JOIN approval_decisions AS d ON d.request_id = r.id"
        " WHERE r.id IN (SELECT MAX(id) FROM approval_requests GROUP BY batch)",
    ).all()


def batch_cards(db: Db) -> Tuples:
    """(batch, cards) its ordered rows hold: the quantity of each row's line on its order, added up by the
    database; a row whose line the vendor ended without a card holds none (nor do the lines of orders
    that failed before a row was sent again)."""
    if db.dialect.name == "sqlite":
        quantity = "json_extract(o.payload, '$.LineItems[' || r.line_index || '].Quantity')"
    else:
        quantity = "CAST(CAST(o.payload AS jsonb) -> 'LineItems' -> r.line_index ->> 'Quantity' AS INTEGER)"
    sql = (
        f"SELECT r.batch, SUM(COALESCE({quantity}, 1)) FROM rows AS r JOIN orders AS o"
        f" ON o.po_number = r.po_number WHERE r.status = 'ordered' AND NOT ({_made_no_card('r.')})"
        " GROUP BY r.batch"
    )
    return _run(db, sql).all()
