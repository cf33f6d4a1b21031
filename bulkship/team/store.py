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
from sqlalchemy import Engine

from ..errors import LedgerError
from ..ledger.schema import db_error, hint_for, shown
from ..private import private_folder
from ..settings import Settings
from . import tables

BUSY_TIMEOUT_MS = 10_000

_engines: dict[str, Engine] = {}
_guard = threading.Lock()


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


def location(settings: Settings) -> str:
    """The ledger's database: a team's PostgreSQL URL, else the SQLite file."""
    return str(getattr(settings, "ledger_location", settings.ledger))


def _prepared(where: str) -> Engine:
    """The engine of the ledger's database, brought to the newest schema (the team's tables are Alembic
    revision 0002, see bulkship/db/migrations)."""
    from ..db import engine_for, upgrade

    found = engine_for(where)
    upgrade(found)
    return found


def engine(settings: Settings) -> Engine:
    """The engine of the ledger's database, with the team's tables present."""
    where = location(settings)
    with _guard:
        found = _engines.get(where)
        if found is None:
            if "://" not in where:
                private_folder(Path(where).parent)
            try:
                found = _engines[where] = _prepared(where)
            except sa.exc.SQLAlchemyError as exc:  # never the URL's password, nor SQLAlchemy's dump
                raise LedgerError(
                    f"Cannot prepare the team's tables in {shown(where)}: {db_error(exc)}",
                    hint=hint_for(where),
                ) from None
    return found


def read(settings: Settings) -> sa.Connection:
    """A connection for reading: each statement on its own (on SQLite it never takes the write lock)."""
    return engine(settings).connect().execution_options(isolation_level="AUTOCOMMIT")


def team_mode(settings: Settings) -> bool:
    """Whether this ledger has accounts: then people sign in, roles apply and large batches need approval.
    Asking creates nothing (a single-user ledger stays as it is) and costs one small read."""
    where = location(settings)
    if "://" in where:
        with read(settings) as db:
            return db.execute(sa.select(tables.users.c.id).limit(1)).first() is not None
    path = Path(where)
    if not path.exists():
        return False
    uri = "file:" + urllib.parse.quote(str(path.absolute())) + "?mode=ro"
    try:
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)) as db:
            return db.execute("SELECT 1 FROM team_users LIMIT 1").fetchone() is not None
    except sqlite3.DatabaseError as exc:  # OperationalError among them; "file is not a database" too
        if "no such table" in str(exc):
            return False
        raise LedgerError(f"Cannot read the ledger {path}: {exc}") from None


def forget_engines() -> None:
    """Close every engine (tests, and a server shutting down)."""
    with _guard:
        for found in _engines.values():
            found.dispose()
        _engines.clear()
