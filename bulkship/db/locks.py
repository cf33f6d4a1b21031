"""Per-batch locks that work across processes and machines sharing a PostgreSQL ledger.

``batch_lock(engine, batch)`` holds a PostgreSQL session-level advisory lock keyed by a stable 64-bit hash of
the batch name, on a connection of its own kept open for as long as the lock is held. The server drops it
when that session ends, whatever ends it (the process killed by SIGKILL, its machine gone once the
connection times out), so a crashed run never leaves a stale lock. A second process asking for the same
batch is refused at once with :class:`~bulkship.errors.LedgerLockedError`, naming who holds it; different
batches are worked on at the same time.

On SQLite there is nothing to take here: one process at a time writes a SQLite ledger, under its lock file.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
import threading
from collections.abc import Callable, Iterator

from sqlalchemy import Connection, Engine, text

from ..errors import LedgerLockedError
from .location import display_url

KEY_PREFIX = b"bulkship batch\x00"  # so a batch's key never equals another use of advisory locks
WRITE_KEY_PREFIX = b"bulkship batch writes\x00"
PLANNING_KEY_PREFIX = b"bulkship planning\x00"
SPEND_KEY_PREFIX = b"bulkship spend\x00"
PROCESS_KEY_PREFIX = b"bulkship server process\x00"


def _key(prefix: bytes, batch: str) -> int:
    digest = hashlib.blake2b(prefix + batch.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def batch_lock_key(batch: str) -> int:
    """The batch's advisory lock key: a signed 64-bit integer, the same on every machine and Python."""
    return _key(KEY_PREFIX, batch)


def batch_write_key(batch: str) -> int:
    """The key of the batch's write transactions (see :func:`bulkship.ledger.sql.begin`): another key than
    :func:`batch_lock_key`, which the process holding the batch keeps on a connection of its own (an
    advisory lock taken on two connections of one process would wait for itself)."""
    return _key(WRITE_KEY_PREFIX, batch)


def process_lock_key(token: str) -> int:
    """The key of the advisory lock a server process holds while it serves (:class:`ProcessLock`)."""
    return _key(PROCESS_KEY_PREFIX, token)


class ProcessLock:
    """An advisory lock a server process holds on a connection of its own for as long as it serves, keyed
    by a random token it records beside each run it starts (``bulkship.web.servers``). The server drops it
    when that session ends, whatever ends it, as it drops the process's batch locks: a server on another
    machine sharing the ledger, which cannot read the process's pid, reads its lock free once it is gone
    (hunter-web21's LO1: a run there read 'Sending…' for good after that server was killed)."""

    def __init__(self, engine: Engine) -> None:
        self.token = secrets.token_hex(16)
        self._engine = engine
        self._connection: Connection | None = None
        self._guard = threading.Lock()

    def held(self) -> bool:
        """Whether this process holds its lock now: taken on first use, and again on a new connection when
        the one holding it was lost (the database restarted). False when it cannot be taken."""
        with self._guard:
            if self._connection is not None:
                try:
                    self._connection.execute(text("SELECT 1"))
                    return True
                except Exception:  # the session is gone, and the lock with it
                    with contextlib.suppress(Exception):
                        self._connection.close()
                    self._connection = None
            try:
                connection = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            except Exception:
                return False
            try:
                key = {"key": process_lock_key(self.token)}
                taken = connection.execute(text("SELECT pg_try_advisory_lock(:key)"), key).scalar()
            except Exception:
                taken = False
            if not taken:  # (a session of ours the server has not yet seen end still holds it)
                connection.close()
                return False
            self._connection = connection
            return True

    def release(self) -> None:
        """The lock given back with its session: the process stops serving."""
        with self._guard:
            if self._connection is not None:
                with contextlib.suppress(Exception):
                    self._connection.close()
                self._connection = None
        self._engine.dispose()


@contextlib.contextmanager
def batch_lock(engine: Engine, batch: str) -> Iterator[None]:
    """Hold the batch's lock for the ``with`` block, or raise :class:`LedgerLockedError` when another
    process holds it."""

    def refused(connection: Connection, key: int) -> LedgerLockedError:
        return LedgerLockedError(
            f"Another process ({_holder(connection, key)}) is working on batch {batch!r} in the "
            f"ledger {display_url(engine.url.render_as_string(hide_password=True))}; nothing was changed",
            hint="wait for it to finish, then run the same command again",
        )

    with _session_lock(engine, batch_lock_key(batch), refused):
        yield


@contextlib.contextmanager
def planning_lock(engine: Engine) -> Iterator[None]:
    """One run at a time, across the whole PostgreSQL ledger, compares its file with the other batches (the
    same file, the same recipients lately) and records what it will send: without it two new batches of one
    file started at the same moment each find nothing of the other and both send every card. Waits for the
    run that holds it (its planning takes as long as reading and checking its file), never for a sending.
    SQLite: nothing to take, one process at a time writes the ledger."""
    with _session_lock(engine, _key(PLANNING_KEY_PREFIX, ""), None):
        yield


@contextlib.contextmanager
def spend_lock(engine: Engine) -> Iterator[None]:
    """One approval check at a time across a PostgreSQL ledger: a run's check of what its person may still
    send without approval and its record of the run's start (the spend the next check counts) go together,
    so two runs of one person's batches starting at once in two processes cannot each miss the other's
    (found by hunter-web, J1). Short, so waited for. SQLite: nothing to take (one process runs at a time)."""
    with _session_lock(engine, _key(SPEND_KEY_PREFIX, ""), None):
        yield


@contextlib.contextmanager
def _session_lock(
    engine: Engine, key: int, refused: Callable[[Connection, int], Exception] | None
) -> Iterator[None]:
    """A PostgreSQL session-level advisory lock on a connection of its own, held for the ``with`` block:
    waited for (``refused`` None), or refused at once with ``refused(connection, key)``. SQLite: nothing."""
    if engine.dialect.name != "postgresql":
        yield
        return
    connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        if refused is None:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
        elif not connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar():
            raise refused(connection, key)
        try:
            yield
        finally:
            with contextlib.suppress(Exception):  # a lost connection has released it already
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
    finally:
        connection.close()


def _holder(connection: Connection, key: int) -> str:
    """Who holds the advisory lock ``key``: the application name its bulkship set, and its client address."""
    found = connection.execute(
        text(
            "SELECT a.application_name, a.client_addr"
            " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE l.locktype = 'advisory' AND l.granted"
            " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            " AND l.classid = ((:key >> 32) & 4294967295)::bigint::oid"
            " AND l.objid = (:key & 4294967295)::bigint::oid AND l.objsubid = 1"
        ),
        {"key": key},
    ).first()
    if found is None:
        return "one that just finished"
    name, address = found
    return f"{name or 'unnamed'}{f' from {address}' if address else ''}"
