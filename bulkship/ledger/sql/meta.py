"""The ledger's ``meta`` table: one text value a key (``schema_version``, ``ledger_id``)."""

from __future__ import annotations

from .driver import Db, _run


def meta_value(db: Db, key: str) -> str | None:
    row = _run(db, "SELECT value FROM meta WHERE key = ?", (key,)).first()
    return None if row is None else str(row[0])


def insert_meta_once(db: Db, key: str, value: str) -> None:
    """``value`` under ``key`` unless the key holds one already (two processes: the first one's stays)."""
    _run(db, "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", (key, value))


def set_meta(db: Db, key: str, value: str) -> None:
    """``value`` under ``key``, replacing the one it holds."""
    _run(
        db,
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def replace_meta(db: Db, key: str, old: str, value: str) -> None:
    """``value`` under ``key`` where it holds ``old`` still (another transaction's change kept)."""
    _run(db, "UPDATE meta SET value = ? WHERE key = ? AND value = ?", (value, key, old))
