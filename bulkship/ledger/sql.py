"""Every SQL statement the ledger runs, for SQLite: the only module of :mod:`bulkship.ledger` with SQL text.

Each function takes the connection and plain values and returns plain rows (``sqlite3.Row``: by index or
name) or a row count; records, guards and transactions are built on top of them (``reads``, ``writes``,
``transitions``, ``store``). Another back-end provides the same functions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

Rows = list[sqlite3.Row]
Db = sqlite3.Connection
MAX_PARAMS = 500  # bound parameters per statement, well under SQLite's limit

# -- schema and set-up (see schema.py) ---------------------------------------------------------------------

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (
    name TEXT PRIMARY KEY,
    file_name TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    po_prefix TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    rows INTEGER NOT NULL DEFAULT 0,
    valid INTEGER NOT NULL DEFAULT 0,
    invalid INTEGER NOT NULL DEFAULT 0,
    output TEXT
);
CREATE TABLE IF NOT EXISTS rows (
    batch TEXT NOT NULL REFERENCES batches(name),
    fingerprint TEXT NOT NULL,
    row INTEGER NOT NULL,
    status TEXT NOT NULL,
    po_number TEXT,
    line_index INTEGER,
    external_id TEXT,
    line_item_id TEXT,
    cost TEXT,
    error TEXT,
    line_status TEXT,
    carrier TEXT,
    tracking_number TEXT,
    tracking_url TEXT,
    shipped_date TEXT,
    delivered_date TEXT,
    updated TEXT NOT NULL,
    current INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (batch, fingerprint)
);
CREATE INDEX IF NOT EXISTS rows_by_po ON rows (po_number, line_index);
CREATE INDEX IF NOT EXISTS rows_by_batch_row ON rows (batch, row);
CREATE TABLE IF NOT EXISTS orders (
    po_number TEXT PRIMARY KEY,
    batch TEXT NOT NULL REFERENCES batches(name),
    seq INTEGER NOT NULL,
    base_po TEXT NOT NULL,
    state TEXT NOT NULL,
    vendor_order_id TEXT,
    status TEXT,
    payload TEXT NOT NULL,
    cost TEXT NOT NULL,
    lines INTEGER NOT NULL,
    error TEXT,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_by_batch_state ON orders (batch, state);
CREATE INDEX IF NOT EXISTS orders_by_vendor_id ON orders (vendor_order_id);
CREATE INDEX IF NOT EXISTS orders_by_base ON orders (base_po);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    batch TEXT,
    po_number TEXT,
    kind TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX IF NOT EXISTS events_by_po ON events (po_number);
CREATE INDEX IF NOT EXISTS events_by_batch ON events (batch, id);
"""


def set_up(db: Db, busy_timeout_ms: int) -> None:
    """WAL, a commit that survives a crash of the machine, a busy timeout, foreign keys; the tables."""
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    db.execute("PRAGMA foreign_keys=ON")
    db.executescript(SCHEMA)


def check_readable(db: Db) -> None:
    db.execute("SELECT count(*) FROM sqlite_master").fetchone()


def table_columns(db: Db, table: str) -> set[str]:
    return {r[1] for r in db.execute(f"PRAGMA table_info({table})").fetchall()}


def add_batches_api_column(db: Db) -> None:
    db.execute("ALTER TABLE batches ADD COLUMN api TEXT")


def keep_schema_version(db: Db, version: int) -> None:
    db.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (str(version),))


# -- transactions (see store.py) -------------------------------------------------------------------------

BEGIN, COMMIT, ROLLBACK = "BEGIN IMMEDIATE", "COMMIT", ("ROLLBACK",)
SAVEPOINT, RELEASE, ROLLBACK_TO = "SAVEPOINT call", "RELEASE call", ("ROLLBACK TO call", "RELEASE call")


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


# -- reads -----------------------------------------------------------------------------------------------


def batches(db: Db) -> Rows:
    return db.execute("SELECT * FROM batches ORDER BY created").fetchall()


def batch(db: Db, name: str) -> Rows:
    return db.execute("SELECT * FROM batches WHERE name = ?", (name,)).fetchall()


def rows(db: Db, columns: Sequence[str], where: str, params: Sequence[Any], order_by: str) -> list[Any]:
    """Rows as plain tuples of ``columns`` (a million-row batch reads faster without ``sqlite3.Row``)."""
    cursor = db.cursor()
    cursor.row_factory = None
    sql = f"SELECT {', '.join(columns)} FROM rows WHERE {where} ORDER BY {order_by}"
    return cursor.execute(sql, params).fetchall()


def rows_of_batch(db: Db, columns: Sequence[str], batch: str, current_only: bool) -> list[Any]:
    where = "batch = ? AND current = 1" if current_only else "batch = ?"
    return rows(db, columns, where, (batch,), "row, fingerprint")


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


def orders(db: Db, batch: str | None, states: Sequence[str] | None) -> Rows:
    sql, params = "SELECT * FROM orders WHERE 1=1", []
    if batch is not None:
        sql += " AND batch = ?"
        params.append(batch)
    if states is not None:
        sql += f" AND state IN ({_marks(states)})"
        params.extend(states)
    return db.execute(sql + " ORDER BY seq, po_number", params).fetchall()


def order(db: Db, po_number: str) -> Rows:
    return db.execute("SELECT * FROM orders WHERE po_number = ?", (po_number,)).fetchall()


def order_by_vendor_id(db: Db, order_id: str) -> Rows:
    return db.execute("SELECT * FROM orders WHERE vendor_order_id = ?", (order_id,)).fetchall()


def order_batch_and_state(db: Db, po_number: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = db.execute(
        "SELECT batch, state, status FROM orders WHERE po_number = ?", (po_number,)
    ).fetchone()
    return row


def row_counts(db: Db, batch: str) -> Rows:
    return db.execute(
        "SELECT status, COUNT(*) FROM rows WHERE batch = ? AND current = 1 GROUP BY status", (batch,)
    ).fetchall()


def order_counts(db: Db, batch: str) -> Rows:
    return db.execute(
        "SELECT state, COUNT(*) FROM orders WHERE batch = ? GROUP BY state", (batch,)
    ).fetchall()


def ordered_costs(db: Db, batch: str) -> Rows:
    return db.execute(
        "SELECT cost FROM rows WHERE batch = ? AND status = 'ordered' ORDER BY row, fingerprint", (batch,)
    ).fetchall()


def events(db: Db, batch: str | None, po_number: str | None, limit: int | None) -> Rows:
    sql, params = "SELECT * FROM events WHERE 1=1", []
    if batch is not None:
        sql += " AND batch = ?"
        params.append(batch)
    if po_number is not None:
        sql += " AND po_number = ?"
        params.append(po_number)
    sql += " ORDER BY id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return db.execute(sql, params).fetchall()


def latest_event(db: Db, batch: str, kind: str) -> Rows:
    return db.execute(
        "SELECT * FROM events WHERE batch = ? AND kind = ? ORDER BY id DESC LIMIT 1", (batch, kind)
    ).fetchall()


def max_seq(db: Db, batch: str) -> int:
    return int(db.execute("SELECT MAX(seq) FROM orders WHERE batch = ?", (batch,)).fetchone()[0] or 0)


def replan_count(db: Db, base_po: str) -> int:
    sql = "SELECT COUNT(*) FROM orders WHERE base_po = ? AND po_number != base_po"
    return int(db.execute(sql, (base_po,)).fetchone()[0])


def batches_holding_orders(db: Db, states: Sequence[str]) -> Rows:
    return db.execute(
        f"SELECT batch, MIN(created) FROM orders WHERE state IN ({_marks(states)}) GROUP BY batch",
        list(states),
    ).fetchall()


def orders_since(db: Db, since: str, exclude_batch: str, states: Sequence[str]) -> Rows:
    return db.execute(
        f"SELECT * FROM orders WHERE batch != ? AND created >= ? AND state IN ({_marks(states)})"
        " ORDER BY created, po_number",
        [exclude_batch, since, *states],
    ).fetchall()


# -- events, batches, rows -------------------------------------------------------------------------------

_INSERT_EVENT = "INSERT INTO events(at, batch, po_number, kind, detail) VALUES (?, ?, ?, ?, ?)"


def insert_event(db: Db, at: str, batch: str | None, po: str | None, kind: str, detail_json: str) -> None:
    db.execute(_INSERT_EVENT, (at, batch, po, kind, detail_json))


def insert_events(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """``values``: (at, batch, po_number, kind, detail JSON) each."""
    db.executemany(_INSERT_EVENT, values)


def insert_batch(db: Db, values: tuple[Any, ...]) -> None:
    """``values``: name, file_name, file_hash, po_prefix, created, updated, rows, valid, invalid, api."""
    db.execute(
        "INSERT INTO batches(name, file_name, file_hash, po_prefix, created, updated, rows, valid, invalid,"
        " api) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values,
    )


def update_batch(db: Db, name: str, file_name: str, file_hash: str, at: str, counts: tuple[int, ...]) -> None:
    """``counts``: rows, valid, invalid."""
    db.execute(
        "UPDATE batches SET file_name = ?, file_hash = ?, updated = ?, rows = ?, valid = ?, invalid = ?"
        " WHERE name = ?",
        (file_name, file_hash, at, *counts, name),
    )


def set_batch_api_once(db: Db, name: str, api: str) -> None:
    db.execute("UPDATE batches SET api = ? WHERE name = ? AND api IS NULL", (api, name))


def set_batch_output(db: Db, name: str, path: str) -> None:
    db.execute("UPDATE batches SET output = ? WHERE name = ?", (path, name))


def mark_rows_not_current(db: Db, batch: str) -> None:
    db.execute("UPDATE rows SET current = 0 WHERE batch = ? AND current = 1", (batch,))


def upsert_rows(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """Rows of the file as it is now, not going on a new order: (batch, fingerprint, row, status, error,
    updated). Rows with a PO or ordered keep their status and error, but a failed row now held (it repeats
    a card ordered since) says so, not the vendor's old refusal."""
    kept = "(rows.status = 'ordered' OR (rows.po_number IS NOT NULL AND NOT"
    kept += " (rows.status = 'failed' AND excluded.status = 'held')))"
    db.executemany(
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
    db.executemany(
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
    ``sqlite3.IntegrityError`` for a PO number already in the ledger."""
    db.executemany(
        "INSERT INTO orders(po_number, batch, seq, base_po, state, payload, cost, lines, created,"
        " updated) VALUES (?, ?, ?, ?, 'planned', ?, ?, ?, ?, ?)",
        values,
    )


def point_rows_at_orders(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """(po_number, line_index, external_id, cost, updated, batch, fingerprint) each: the row is planned on
    that order."""
    db.executemany(
        "UPDATE rows SET status = 'planned', po_number = ?, line_index = ?, external_id = ?,"
        " line_item_id = NULL, cost = ?, error = NULL, line_status = NULL, updated = ?"
        " WHERE batch = ? AND fingerprint = ?",
        values,
    )


def insert_created_order(db: Db, values: tuple[Any, ...]) -> None:
    """An order the vendor holds, taken in as ``created``: (po_number, batch, seq, base_po, vendor_order_id,
    status, payload JSON, cost, lines, error, created, updated)."""
    db.execute(
        "INSERT INTO orders(po_number, batch, seq, base_po, state, vendor_order_id, status, payload, cost,"
        " lines, error, created, updated) VALUES (?, ?, ?, ?, 'created', ?, ?, ?, ?, ?, ?, ?, ?)",
        values,
    )


def upsert_rows_of_order(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """(batch, fingerprint, row, status, po_number, line_index, external_id, line_item_id, cost, error,
    line_status, updated) each."""
    db.executemany(
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
    cursor = db.execute(
        f"UPDATE orders SET state = ?, updated = ?{names}"
        f" WHERE po_number = ? AND state IN ({_marks(from_states)}){guards}",
        (to_state, at, *columns.values(), *params),
    )
    return cursor.rowcount


def set_order_status(db: Db, po_number: str, status: str | None, at: str) -> None:
    db.execute("UPDATE orders SET status = ?, updated = ? WHERE po_number = ?", (status, at, po_number))


def release_planned_rows(db: Db, po_number: str, at: str) -> None:
    """A cancelled order's planned rows lose their PO (they are planned again)."""
    db.execute(
        "UPDATE rows SET po_number = NULL, line_index = NULL, cost = NULL, updated = ?"
        " WHERE po_number = ? AND status = 'planned'",
        (at, po_number),
    )


def set_rows_ordered(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """(line_item_id, cost, line_status, updated, batch, fingerprint) each."""
    db.executemany(
        "UPDATE rows SET status = 'ordered', line_item_id = ?, cost = ?, line_status = ?, error = NULL,"
        " updated = ? WHERE batch = ? AND fingerprint = ?",
        values,
    )


def set_rows_status(db: Db, status: str, values: Iterable[tuple[Any, ...]], *, unless: str = "") -> None:
    """(error, updated, batch, fingerprint) each: the row takes ``status`` with that error (``unless`` it
    has that status)."""
    guard = " AND status != ?" if unless else ""
    db.executemany(
        f"UPDATE rows SET status = ?, error = ?, updated = ? WHERE batch = ? AND fingerprint = ?{guard}",
        ((status, *value, *((unless,) if unless else ())) for value in values),
    )


def set_order_rows_status(
    db: Db, po_number: str, status: str, error: str, at: str, from_statuses: Sequence[str]
) -> None:
    """Every row of the order with one of ``from_statuses`` takes ``status`` with ``error``."""
    db.execute(
        f"UPDATE rows SET status = ?, error = ?, updated = ?"
        f" WHERE po_number = ? AND status IN ({_marks(from_statuses)})",
        (status, error, at, po_number, *from_statuses),
    )


def set_row_tracking(db: Db, values: tuple[Any, ...]) -> None:
    """(line_item_id, cost, line_status, carrier, tracking_number, tracking_url, shipped_date,
    delivered_date, updated, batch, fingerprint)."""
    db.execute(
        "UPDATE rows SET line_item_id = ?, cost = ?, line_status = ?, carrier = ?, tracking_number = ?,"
        " tracking_url = ?, shipped_date = ?, delivered_date = ?, updated = ?"
        " WHERE batch = ? AND fingerprint = ?",
        values,
    )


# -- a person settles rows in review (bulkship.resolve checks the vendor first) ------------------------------


def settle_review_row(db: Db, values: tuple[Any, ...]) -> int:
    """(to PO, line_index, line_item_id, cost, line_status, updated, batch, fingerprint, from PO): a row still
    in review on ``from PO`` becomes ordered on ``to PO``; how many rows changed."""
    cursor = db.execute(
        "UPDATE rows SET status = 'ordered', po_number = ?, line_index = ?, line_item_id = ?, cost = ?,"
        " line_status = ?, error = NULL, updated = ? WHERE batch = ? AND fingerprint = ? AND po_number = ?"
        " AND status = 'review'",
        values,
    )
    return cursor.rowcount


def forget_review_line_positions(db: Db, po_number: str) -> None:
    """Rows still in review on the order keep their planned line in its payload, not a position."""
    db.execute("UPDATE rows SET line_index = NULL WHERE po_number = ? AND status = 'review'", (po_number,))


def release_review_row(
    db: Db, at: str, batch: str, fingerprint: str, po_number: str, *, keep_po: bool
) -> int:
    """A row in review on the order goes back to planned (on that PO, or without one); rows changed."""
    off_po = (
        ""
        if keep_po
        else ", po_number = NULL, line_index = NULL, line_item_id = NULL, cost = NULL, line_status = NULL"
    )
    cursor = db.execute(
        f"UPDATE rows SET status = 'planned', error = NULL, updated = ?{off_po}"
        " WHERE batch = ? AND fingerprint = ? AND po_number = ? AND status = 'review'",
        (at, batch, fingerprint, po_number),
    )
    return cursor.rowcount


def cancel_if_emptied(db: Db, po_number: str, reason: str, at: str, absent: bool) -> None:
    """A held order (``review``) left without rows that this ledger never sent, or that the vendor provably
    does not hold (``absent``): cancelled, it will never go out."""
    db.execute(
        "UPDATE orders SET state = 'cancelled', error = ?, updated = ? WHERE po_number = ?"
        " AND state = 'review'"
        " AND NOT EXISTS (SELECT 1 FROM rows WHERE rows.po_number = orders.po_number)"
        " AND (? OR NOT EXISTS (SELECT 1 FROM events WHERE events.po_number = orders.po_number"
        "                        AND events.kind = 'sending'))",
        (reason, at, po_number, absent),
    )
