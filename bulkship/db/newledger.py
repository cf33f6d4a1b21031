"""A new SQLite ledger made from the newest schema's dump instead of by running every migration: a process
creating one saves ~0.3 s of CPU (importing Alembic) and ~10 ms a ledger (running it).

The dump is what the migrations leave in a new database: the schema, ``alembic_version`` and
``meta.schema_version``. It ships as ``migrations/sqlite_head.json``, used only while its revision is the
newest one: after a new migration, Alembic creates ledgers until the file is written again
(``python -m bulkship.db.newledger``; tests/test_db.py compares it with what the migrations make). A process
that ran the migrations on a new ledger keeps that dump for the next. Nothing in a new ledger identifies it
(the same test checks that its only rows are those two), so ledgers made from one dump share no identity.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Connection, Engine

SHIPPED = Path(__file__).with_name("migrations") / "sqlite_head.json"
_NOT_REPLAYED = ("BEGIN TRANSACTION", "COMMIT", "PRAGMA")  # the replay runs in a transaction of its own
_dumps: dict[str, tuple[str, ...]] = {}  # revision -> statements


def is_empty(connection: Connection) -> bool:
    return connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar_one() == 0


def dump(connection: Connection) -> tuple[str, ...]:
    """The SQLite database behind ``connection`` as statements recreating it."""
    dbapi = connection.connection.dbapi_connection
    assert dbapi is not None
    return tuple(s for s in dbapi.iterdump() if not s.startswith(_NOT_REPLAYED))


def remember(revision: str, statements: tuple[str, ...]) -> None:
    _dumps[revision] = statements


def create(engine: Engine, revision: str) -> bool:
    """Make the empty SQLite database behind ``engine`` a new ledger at ``revision``; False when no dump of
    that revision is known or the database holds anything (then Alembic decides, e.g. adopting a ledger
    from before migrations). Under the write lock (BEGIN IMMEDIATE): two processes create one ledger once."""
    statements = _dumps.get(revision) or _shipped(revision)
    if statements is None:
        return False
    with engine.begin() as connection:
        if not is_empty(connection):
            return False
        for statement in statements:
            connection.exec_driver_sql(statement)
    return True


def _shipped(revision: str) -> tuple[str, ...] | None:
    try:
        shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(shipped, dict) or shipped.get("revision") != revision:
        return None
    _dumps[revision] = tuple(shipped["statements"])
    return _dumps[revision]


def write_shipped(path: Path = SHIPPED) -> None:
    """Write the dump the migrations make of a new ledger, for the newest revision, to ``path``."""
    from .migrate import head, migrated_dump

    content = {"revision": head(), "statements": list(migrated_dump())}
    path.write_text(json.dumps(content, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_shipped()
