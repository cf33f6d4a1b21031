"""Alembic's environment for bulkship: always given an open connection by :func:`bulkship.db.upgrade` (no
alembic.ini, no URL in a file); the whole upgrade runs in that connection's transaction."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters a table by copying it
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
