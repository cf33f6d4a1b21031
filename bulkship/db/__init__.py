"""Where the ledger lives: SQLite (one user, the default) or PostgreSQL (a team), behind one SQLAlchemy Core
engine, with the schema kept up to date by Alembic migrations shipped inside the package.

* :func:`engine_for` - an engine for a path, ``sqlite:///PATH`` or ``postgresql://…``;
* :func:`upgrade` - migrate a database to the newest schema (run at every open; cheap when up to date);
* :func:`batch_lock` - the per-batch lock across processes and machines (PostgreSQL advisory lock).
"""

from __future__ import annotations

from .engine import display_url, engine_for, is_postgres_url, sqlite_path
from .locks import batch_lock, batch_lock_key
from .migrate import current_revision, head, upgrade

__all__ = [
    "batch_lock",
    "batch_lock_key",
    "current_revision",
    "display_url",
    "engine_for",
    "head",
    "is_postgres_url",
    "sqlite_path",
    "upgrade",
]
