"""Opening a ledger, SQLite or PostgreSQL: its schema brought up to date (Alembic migrations in
:mod:`bulkship.db`), or a read-only view that changes nothing.

Tables (revision 0001, ``bulkship/db/migrations/versions/r0001_ledger.py``)::

    meta(key PK, value)  schema_version
    batches(name PK, file_name, file_hash, po_prefix, created, updated, rows, valid, invalid, output,
            api)  api: "sandbox" or the vendor base URL (added by a migration; NULL in older ledgers)
    rows(batch, fingerprint, row, status, po_number, line_index, external_id, line_item_id, cost, error,
         line_status, carrier, tracking_number, tracking_url, shipped_date, delivered_date, updated,
         current)  PK (batch, fingerprint); current = 1 when the row is in the file of the latest run
    orders(po_number PK, batch, seq, base_po, state, vendor_order_id, status, payload, cost, lines,
           error, created, updated)
    events(id PK, at, batch, po_number, kind, detail JSON)
    held_cards(batch, fingerprint, card_batch, card_fingerprint, po_number)  PK (batch, fingerprint): a row
            held for the very card another batch made, and that card's row (revision 0007)

Money is stored as its exact decimal text; times as ISO 8601 UTC text (both compare and sum the same on
either database).

A ledger's connection is in autocommit mode: a read outside a transaction never waits for a writer, and
:mod:`.store` starts each transaction itself (:func:`.sql.begin`). A SQLite ledger's engine keeps no
connection (no pool: its file is opened by each ledger and closed with it, as before); a PostgreSQL ledger
shares one engine and its connection pool per URL in this process.
"""

from __future__ import annotations

import contextlib
import functools
import os
from pathlib import Path

import sqlalchemy.exc
from sqlalchemy import Connection, Engine, inspect

from .. import db
from ..db.engine import BUSY_TIMEOUT_MS as BUSY_TIMEOUT
from ..db.location import hidden_secrets
from ..errors import LedgerError
from . import sql

SCHEMA_VERSION = 1  # meta.schema_version; the schema's own version is the Alembic revision
BUSY_TIMEOUT_MS = BUSY_TIMEOUT
_URL_HINT = db.location.URL_HINT
_PATH_HINT = "check the path and its permissions, or pass --ledger PATH"
Location = Path | str  # a SQLite file, or a postgresql:// URL


def is_postgres(location: Location) -> bool:
    return db.is_postgres_url(location)


def hint_for(location: Location) -> str:
    """What to check when the ledger at ``location`` cannot be reached or opened."""
    return _URL_HINT if is_postgres(location) else _PATH_HINT


def shown(location: Location) -> Path | str:
    """The location as messages show it: the file, or the URL without its password."""
    return db.display_url(location) if is_postgres(location) else Path(location)


@functools.cache
def _shared_engine(url: str, read_only: bool) -> Engine:
    """One engine (and connection pool) per PostgreSQL ledger and process; a read-only one never writes."""
    if read_only:
        return db.engine_for(url, connect_args={"options": "-c default_transaction_read_only=on"})
    return db.engine_for(url)


def engine(location: Location, *, read_only: bool = False) -> Engine:
    """This process's engine for ``location``."""
    if is_postgres(location):
        return _shared_engine(str(location), read_only)
    return _file_engine(os.path.abspath(location), read_only)


@functools.lru_cache(maxsize=32)
def _file_engine(path: str, read_only: bool) -> Engine:
    """One engine per SQLite file and process: it keeps no connection (each ledger opens the file and
    closes it), only what SQLAlchemy learnt of the database, which every open would otherwise redo."""
    return db.engine_for(path, read_only=read_only)


def connect(location: Location) -> tuple[Engine, Connection]:
    """An autocommit connection that may write, to a ledger created or brought up to date here. Raises
    ``sqlalchemy.exc.SQLAlchemyError`` or ``OSError``; the caller says which ledger could not be opened."""
    found = engine(location)
    connection = found.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        if db.current_revision(connection) != db.head():  # one small read when up to date
            _refuse_another_database(connection, location)
            db.upgrade(found)
    except BaseException:
        connection.close()
        raise
    return found, connection


def _refuse_another_database(connection: Connection, location: Location) -> None:
    """A database holding tables but none of a ledger's (a sandbox's state, another program's) is never
    migrated into one: its tables would be changed, or the migration fail half-way in words of SQL. A file
    only: a team's PostgreSQL database may hold other programs' tables beside the ledger's."""
    if is_postgres(location):
        return
    tables = set(inspect(connection).get_table_names())
    if tables and not tables & {"batches", "alembic_version"}:
        raise LedgerError(
            f"{shown(location)} is no bulkship ledger (a sandbox's state or another program's database): "
            "nothing was changed in it",
            hint="pass --ledger with the ledger's own file, or a new file name for a new ledger",
        )


def connect_read_only(location: Location) -> tuple[Engine, Connection]:
    """A connection that never writes (nothing created or migrated). A WAL ledger in a folder the reader
    cannot write has no shared-memory file to open; it is then read as immutable (nobody who cannot write
    there can be changing it)."""
    if not is_postgres(location) and not Path(location).is_file():
        raise LedgerError(f"Cannot open the ledger {location}: it is not a file", hint="pass --ledger PATH")
    found = engine(location, read_only=True)
    try:
        connection = found.connect().execution_options(isolation_level="AUTOCOMMIT")
    except sqlalchemy.exc.SQLAlchemyError as exc:
        raise LedgerError(
            f"Cannot read the ledger {shown(location)}: {db_error(exc)}",
            hint=hint_for(location),
        ) from None
    try:
        sql.check_readable(connection)
        return found, connection
    except sqlalchemy.exc.SQLAlchemyError as exc:
        with contextlib.closing(connection):
            _refuse_another_database(connection, location)
        raise LedgerError(
            f"Cannot read the ledger {shown(location)}: {db_error(exc)}",
            hint=hint_for(location),
        ) from None


def exists(location: Location) -> bool:
    """Whether there is a ledger at ``location`` to read (a SQLite file; a PostgreSQL database holding the
    ledger's tables). Never creates one."""
    if not is_postgres(location):
        return Path(location).exists()
    try:
        with _shared_engine(str(location), True).connect() as connection:
            return inspect(connection).has_table("batches")
    except sqlalchemy.exc.SQLAlchemyError as exc:
        raise LedgerError(
            f"Cannot reach the ledger {shown(location)}: {db_error(exc)}",
            hint=hint_for(location),
        ) from None


def db_error(exc: BaseException) -> str:
    """The database's own words for ``exc``, without SQLAlchemy's statement dump and links, and without any
    password of the ledger's URL it may repeat (a URL written a little wrong gives libpq the password as the
    database's or the host's name, which its error names)."""
    if isinstance(exc, sqlalchemy.exc.DBAPIError) and exc.orig is not None:
        return hidden_secrets(" ".join(str(exc.orig).split()))
    return hidden_secrets(" ".join(str(exc).split("\n")[0].split()))


def connection_lost(exc: BaseException) -> bool:
    """Whether ``exc`` (a LedgerError, or what it was raised from) came of the connection to the database,
    not of what was read or written: the server restarted, failed over or cut the session (SQLAlchemy's
    judgement of a disconnect; PostgreSQL's connection errors and shutdowns), or could not be reached."""
    seen: set[int] = set()
    found: BaseException | None = exc
    while found is not None and id(found) not in seen:
        seen.add(id(found))
        if isinstance(found, sqlalchemy.exc.DBAPIError):
            if found.connection_invalidated:
                return True
            code = str(getattr(found.orig, "sqlstate", "") or "")
            if code.startswith("08") or code in _SHUTDOWNS:
                return True
            if (
                isinstance(found, sqlalchemy.exc.OperationalError)
                and not code
                and "psycopg" in type(found.orig).__module__
            ):
                return True  # no answer at all (refused, timed out): libpq gives no state
        if isinstance(found, sqlalchemy.exc.PendingRollbackError) and found.code == "8s2b":
            return True  # "Can't reconnect until invalid transaction is rolled back": cut mid-transaction
        found = found.__cause__ or found.__context__
    return False


_SHUTDOWNS = frozenset({"57P01", "57P02", "57P03"})  # admin shutdown, crash shutdown, cannot connect now
