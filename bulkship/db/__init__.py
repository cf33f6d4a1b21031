"""Where the ledger lives: SQLite (one user, the default) or PostgreSQL (a team), behind one SQLAlchemy Core
engine, with the schema kept up to date by Alembic migrations shipped inside the package.

* :func:`engine_for` - an engine for a path, ``sqlite:///PATH`` or ``postgresql://…``;
* :func:`upgrade` - migrate a database to the newest schema (run at every open; cheap when up to date);
* :func:`batch_lock` - the per-batch lock across processes and machines (PostgreSQL advisory lock);
* :func:`planning_lock` - one run at a time checks a new batch against the others and records its plan.

SQLAlchemy and Alembic are imported when one of these is first used, not with the package
(:mod:`.location` reads a location without them).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .location import display_url, is_postgres_url, sqlite_path

if TYPE_CHECKING:
    from .engine import engine_for
    from .locks import batch_lock, batch_lock_key, batch_write_key, planning_lock
    from .migrate import current_revision, head, upgrade

_LAZY = {
    "engine_for": "engine",
    "batch_lock": "locks",
    "batch_lock_key": "locks",
    "batch_write_key": "locks",
    "planning_lock": "locks",
    "current_revision": "migrate",
    "head": "migrate",
    "upgrade": "migrate",
}

__all__ = [
    "batch_lock",
    "batch_lock_key",
    "batch_write_key",
    "current_revision",
    "display_url",
    "engine_for",
    "head",
    "is_postgres_url",
    "planning_lock",
    "sqlite_path",
    "upgrade",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
