"""Transactions: the write transaction that holds the ledger's write lock, savepoints, COMMIT and ROLLBACK
(see :mod:`bulkship.ledger.store`)."""

from __future__ import annotations

from .driver import Db, _run

# pg_advisory_xact_lock key every ledger write transaction takes on PostgreSQL (see begin)
WRITE_LOCK_KEY = 0x62756C6B_6C656467  # "bulkledg"

COMMIT, ROLLBACK = "COMMIT", ("ROLLBACK",)
SAVEPOINT, RELEASE, ROLLBACK_TO = "SAVEPOINT call", "RELEASE call", ("ROLLBACK TO call", "RELEASE call")


def begin(db: Db, batch: str | None = None) -> None:
    """Start a write transaction that holds the ledger's write lock from its first statement, so that what it
    reads stays true until it commits (a guarded transition, a status judged against the newest one) and two
    writers never deadlock half-way. SQLite: ``BEGIN IMMEDIATE`` (one writer at a time).

    PostgreSQL: transaction-scoped advisory locks. A transaction of the process that holds ``batch`` (a run:
    it writes that batch only) takes the ledger's write key *shared* and the batch's write key, so runs of
    different batches write at the same time; any other writer (``batch`` None: track, the webhook
    receiver, the web pages, which may touch any batch) takes the ledger's key *exclusively*, waiting for
    and holding off every writer. Always the ledger's key first: no two writers wait for each other."""
    if db.dialect.name == "sqlite":
        db.exec_driver_sql("BEGIN IMMEDIATE")
        return
    db.exec_driver_sql("BEGIN")
    if batch is None:
        _run(db, "SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK_KEY,)).all()
        return
    from ...db import batch_write_key

    _run(db, "SELECT pg_advisory_xact_lock_shared(?)", (WRITE_LOCK_KEY,)).all()
    _run(db, "SELECT pg_advisory_xact_lock(?)", (batch_write_key(batch),)).all()


def savepoint(db: Db) -> None:
    db.exec_driver_sql(SAVEPOINT)


def execute(db: Db, statement: str) -> None:
    """A transaction-control statement (COMMIT, SAVEPOINT ...)."""
    db.exec_driver_sql(statement)
