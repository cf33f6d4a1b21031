"""Opening a SQLite ledger: the tables created when missing, an older ledger migrated, or a read-only view.

Tables (their DDL is :data:`bulkship.ledger.sql.SCHEMA`)::

    meta(key PK, value)  schema_version
    batches(name PK, file_name, file_hash, po_prefix, created, updated, rows, valid, invalid, output,
            api)  api: "sandbox" or the vendor base URL (added by a migration; NULL in older ledgers)
    rows(batch, fingerprint, row, status, po_number, line_index, external_id, line_item_id, cost, error,
         line_status, carrier, tracking_number, tracking_url, shipped_date, delivered_date, updated,
         current)  PK (batch, fingerprint); current = 1 when the row is in the file of the latest run
    orders(po_number PK, batch, seq, base_po, state, vendor_order_id, status, payload, cost, lines,
           error, created, updated)
    events(id PK, at, batch, po_number, kind, detail JSON)

Money is stored as its exact decimal text; times as ISO 8601 UTC text.
"""

from __future__ import annotations

import sqlite3
import urllib.parse
from pathlib import Path

from ..errors import LedgerError
from . import sql

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 10_000


def connect(path: Path) -> sqlite3.Connection:
    """A connection that may write, to a ledger created or brought up to date here. Raises ``sqlite3.Error``
    or ``OSError``; the caller says which ledger could not be opened."""
    db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    db.row_factory = sqlite3.Row
    sql.set_up(db, BUSY_TIMEOUT_MS)
    migrate(db)
    sql.keep_schema_version(db, SCHEMA_VERSION)
    return db


def migrate(db: sqlite3.Connection) -> None:
    """Bring a ledger written by an older bulkship up to date; each step is additive."""
    if "api" not in sql.table_columns(db, "batches"):
        try:
            sql.add_batches_api_column(db)
        except sqlite3.OperationalError as exc:
            if "duplicate column" not in str(exc):  # another process added it just now
                raise


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes. A WAL ledger in a folder the reader cannot write has no shared-memory
    file to open; it is then read as immutable (nobody who cannot write there can be changing it)."""
    uri = "file:" + urllib.parse.quote(str(path.absolute()))
    if not path.is_file():
        raise LedgerError(f"Cannot open the ledger {path}: it is not a file", hint="pass --ledger PATH")
    last: sqlite3.Error | None = None
    for options in ("?mode=ro", "?mode=ro&immutable=1"):
        try:
            db = sqlite3.connect(uri + options, uri=True, isolation_level=None, check_same_thread=False)
            db.row_factory = sqlite3.Row
            sql.check_readable(db)
            return db
        except sqlite3.Error as exc:
            last = exc
    raise LedgerError(
        f"Cannot read the ledger {path}: {last}",
        hint="check the path and its permissions, or pass --ledger PATH",
    )
