"""Where the team's tables live: the ledger's own database (a SQLite file, or PostgreSQL for a team).

:func:`team_mode` is the switch the web page and the library read: a ledger with at least one account is in
team mode (sign-in, roles, approvals); without one, bulkship behaves as a single-user tool.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import Engine, event

from ..errors import LedgerError
from ..settings import Settings
from . import tables

BUSY_TIMEOUT_MS = 10_000

_engines: dict[str, Engine] = {}
_ready: set[str] = set()
_guard = threading.Lock()


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


def location(settings: Settings) -> str:
    return str(settings.ledger)


def _sqlite_on_connect(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _make_engine(where: str) -> Engine:
    if "://" in where:
        return sa.create_engine(where, pool_pre_ping=True)
    path = Path(where)
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(
        sa.URL.create("sqlite", database=str(path)),
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _sqlite_on_connect)
    return engine


def _create_schema(engine: Engine) -> None:
    with engine.begin() as db:
        tables.metadata.create_all(db)
        for table in tables.APPEND_ONLY:
            statements = (
                tables.postgres_append_only(table)
                if db.dialect.name == "postgresql"
                else tables.sqlite_append_only(table)
            )
            for statement in statements:
                db.exec_driver_sql(statement)


def engine(settings: Settings) -> Engine:
    """The engine of the ledger's database, with the team's tables present."""
    where = location(settings)
    with _guard:
        found = _engines.get(where)
        if found is None:
            found = _engines[where] = _make_engine(where)
        if where not in _ready:
            try:
                _create_schema(found)
            except sa.exc.SQLAlchemyError as exc:
                raise LedgerError(f"Cannot prepare the team's tables in {where}: {exc}") from None
            _ready.add(where)
    return found


def team_mode(settings: Settings) -> bool:
    """Whether this ledger has accounts: then people sign in, roles apply and large batches need approval.
    Asking creates nothing (a single-user ledger stays as it is) and costs one small read."""
    where = location(settings)
    if "://" in where:
        with engine(settings).connect() as db:
            return db.execute(sa.select(tables.users.c.id).limit(1)).first() is not None
    path = Path(where)
    if not path.exists():
        return False
    uri = "file:" + urllib.parse.quote(str(path.absolute())) + "?mode=ro"
    try:
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)) as db:
            return db.execute("SELECT 1 FROM team_users LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return False
        raise LedgerError(f"Cannot read the team's accounts in {path}: {exc}") from None


def forget_engines() -> None:
    """Close every engine (tests, and a server shutting down)."""
    with _guard:
        for found in _engines.values():
            found.dispose()
        _engines.clear()
        _ready.clear()
