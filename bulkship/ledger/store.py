"""The ledger's connection: opening (locked, or not, or read-only), transactions and group commit.

The same code runs a SQLite ledger (one user: a file) and a PostgreSQL one (a team): see :mod:`.schema`.
"""

from __future__ import annotations

import contextlib
import functools
import json
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Self, TypeVar

import sqlalchemy.exc
from sqlalchemy import Connection

from ..db import batch_lock, planning_lock
from ..errors import LedgerError
from ..private import private_folder
from . import schema, sql
from .lock import FileLock, ledger_lock
from .records import now_iso

T = TypeVar("T")
DatabaseError = sqlalchemy.exc.SQLAlchemyError


# a full disk or a lost connection mid-run said only 'database or disk is full': not what to do, what is left
_COMMIT_HINT = (
    "free space on its disk (or check the database can be written), then run the same command again: an "
    "order sent whose answer was not recorded is asked about by its PO number, never sent twice"
)
# ... the connection to a team's database lost (restarted, a failover): nothing to free (hunter-web23)
_LOST_HINT = (
    "the connection to the ledger's database was lost (the database restarted, or the network cut it): wait "
    "until it answers again, then run the same command again: an order sent whose answer was not recorded is "
    "asked about by its PO number, never sent twice"
)


def _commit_hint(exc: BaseException) -> str:
    return _LOST_HINT if schema.connection_lost(exc) else _COMMIT_HINT


class LedgerStore:
    """One connection to one ledger. Not thread-safe: use it from one thread at a time (the async submitter
    hands it to a :class:`~bulkship.ledger.LedgerThread` while it runs, and touches it only through that).

    ``location``: a SQLite file, or a ``postgresql://`` URL. ``lock=True`` (``run``): this process is the one
    that plans and sends. On SQLite it holds ``<ledger>.lock`` while it is open; on PostgreSQL it holds the
    advisory lock of ``batch`` (other batches are run by other processes at the same time, from any machine).
    A second process is refused with :class:`LedgerLockedError`. ``lock=False`` (track, the webhook receiver,
    the web pages): no lock; their short writes are serialised with everyone else's (SQLite's write lock,
    or the ledger's advisory write lock on PostgreSQL, which a run's transactions take shared, with their
    batch's own write lock: see :func:`.sql.begin`). ``read_only=True`` (``status``): nothing created,
    migrated, locked or written.
    """

    def __init__(
        self,
        location: schema.Location,
        *,
        lock: bool = True,
        read_only: bool = False,
        batch: str | None = None,
    ) -> None:
        self.path = schema.shown(location)
        self._lock: FileLock | None = None
        self._held = contextlib.ExitStack()
        self._grouped = False
        self._writes_of: str | None = None  # PostgreSQL: the batch this process holds (see sql.begin)
        if read_only:
            self._engine, self._db = schema.connect_read_only(location)
            return
        on_postgres = schema.is_postgres(location)
        try:
            if not on_postgres:
                private_folder(Path(location).parent)
            if lock and not on_postgres:
                self._lock = ledger_lock(Path(location))
            self._engine, self._db = schema.connect(location)
            if lock and on_postgres and batch is not None:
                self._held.enter_context(batch_lock(self._engine, batch))
                self._writes_of = batch  # its transactions lock this batch, not the whole ledger
        except LedgerError:  # locked, or no ledger at all
            self.close()
            raise
        except (DatabaseError, OSError) as exc:
            self.close()
            raise LedgerError(
                f"Cannot open the ledger {self.path}: {schema.db_error(exc)}",
                hint=schema.hint_for(location),
            ) from None

    @classmethod
    @contextlib.contextmanager
    def open(
        cls,
        location: schema.Location,
        *,
        lock: bool = True,
        read_only: bool = False,
        batch: str | None = None,
    ) -> Iterator[Self]:
        ledger = cls(location, lock=lock, read_only=read_only, batch=batch)
        try:
            yield ledger
        finally:
            ledger.close()

    def close(self) -> None:
        self._held.close()
        connection: Connection | None = getattr(self, "_db", None)
        if connection is not None:
            with contextlib.suppress(DatabaseError):
                connection.close()
        if self._lock:
            self._lock.release()
            self._lock = None

    def planning(self) -> contextlib.AbstractContextManager[None]:
        """Held from a run's checks against the other batches until its plan is recorded (see
        :func:`bulkship.db.planning_lock`): on PostgreSQL another run's planning waits meanwhile."""
        return planning_lock(self._engine)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """BEGIN ... COMMIT, holding the ledger's write lock: everything inside is durable together or not
        at all.

        Inside :meth:`group` it is a savepoint instead: undone alone if it fails, durable when the group
        commits."""
        if self._grouped:
            yield from self._scope(sql.savepoint, sql.ROLLBACK_TO, sql.RELEASE, "Cannot write the ledger")
        else:
            begin = functools.partial(sql.begin, batch=self._writes_of)
            yield from self._scope(begin, sql.ROLLBACK, sql.COMMIT, "Cannot commit to the ledger")

    def _scope(
        self, begin: Callable[[Connection], None], undo: tuple[str, ...], finish: str, finish_failed: str
    ) -> Iterator[Connection]:
        """One all-or-nothing unit of writes, as a transaction or a savepoint (the statements say which)."""
        try:
            begin(self._db)
        except DatabaseError as exc:
            self._undo(undo)  # a BEGIN that got its lock may have failed after it
            raise LedgerError(
                f"Cannot write the ledger {self.path}: {schema.db_error(exc)}", hint=_commit_hint(exc)
            ) from None
        try:
            yield self._db
        except BaseException as exc:
            self._undo(undo)
            if isinstance(exc, DatabaseError):  # never a raw database traceback at the CLI
                raise self._write_error(exc) from None
            raise
        try:
            sql.execute(self._db, finish)
        except DatabaseError as exc:
            self._undo(undo)
            raise LedgerError(
                f"{finish_failed} {self.path}: {schema.db_error(exc)}", hint=_commit_hint(exc)
            ) from None

    def _undo(self, statements: tuple[str, ...]) -> None:
        with contextlib.suppress(DatabaseError):
            for statement in statements:
                sql.execute(self._db, statement)

    def _write_error(self, exc: BaseException) -> LedgerError:
        return LedgerError(
            f"Cannot write the ledger {self.path}: {schema.db_error(exc)}; that change was undone, nothing "
            "else was changed",
            hint=_LOST_HINT
            if schema.connection_lost(exc)
            else "run `bulkship status` to see the ledger, then the same command again",
        )

    @contextlib.contextmanager
    def group(self) -> Iterator[None]:
        """One transaction, one commit (one fsync) for every write method called inside; each keeps its own
        all-or-nothing savepoint. Nothing inside is durable before the group commits."""
        if self._grouped:
            yield
            return
        with self.transaction():
            self._grouped = True
            try:
                yield
            finally:
                self._grouped = False

    def ledger_home(self) -> str:
        """Where this ledger is (what a copy does not carry: :mod:`.identity`): the machine and the SQLite
        file's full path, or the PostgreSQL database's name. Read once a connection."""
        home: str | None = getattr(self, "_home", None)
        if home is None:
            if self._engine.dialect.name == "postgresql":
                query = "SELECT current_database()"
                home = "postgresql:" + str(self._read(lambda db: db.exec_driver_sql(query).scalar_one()))
            else:
                home = f"{socket.gethostname()}:{Path(self.path).resolve()}"
            self._home = home
        return home

    def _read(self, query: Callable[..., T], *args: Any) -> T:
        """``query`` (a function of :mod:`.sql`) on this connection; a failure is a LedgerError."""
        try:
            return query(self._db, *args)
        except DatabaseError as exc:
            raise LedgerError(f"Cannot read the ledger {self.path}: {schema.db_error(exc)}") from None

    @staticmethod
    def _event(db: Connection, batch: str | None, po: str | None, kind: str, detail: dict[str, Any]) -> None:
        sql.insert_event(db, now_iso(), batch, po, kind, json.dumps(detail, default=str, sort_keys=True))

    def log_event(self, batch: str | None, po_number: str | None, kind: str, **detail: Any) -> None:
        with self.transaction() as db:
            self._event(db, batch, po_number, kind, detail)
