"""The ledger's connection: opening (locked, or not, or read-only), transactions and group commit."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Self, TypeVar

from ..errors import LedgerError, LedgerLockedError
from . import schema, sql
from .lock import FileLock, ledger_lock
from .records import now_iso

T = TypeVar("T")


class LedgerStore:
    """One connection to one ledger. Not thread-safe: use it from one thread at a time (the async submitter
    hands it to a :class:`~bulkship.ledger.LedgerThread` while it runs, and touches it only through that).

    ``lock=True`` (``run``): this process holds ``<ledger>.lock`` while it is open. ``lock=False`` (track,
    the webhook receiver, the web pages): no lock file; their short writes are serialised with everyone
    else's by SQLite itself. ``read_only=True`` (``status``): nothing created, migrated, locked or written.
    """

    def __init__(self, path: Path, *, lock: bool = True, read_only: bool = False) -> None:
        self.path = Path(path)
        self._lock: FileLock | None = None
        self._grouped = False
        if read_only:
            self._db = schema.connect_read_only(self.path)
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if lock:
                self._lock = ledger_lock(self.path)
            self._db = schema.connect(self.path)
        except LedgerLockedError:
            raise
        except (sqlite3.Error, OSError) as exc:
            if self._lock:
                self._lock.release()
            raise LedgerError(
                f"Cannot open the ledger {self.path}: {exc}",
                hint="check the path and its permissions, or pass --ledger PATH",
            ) from None

    @classmethod
    @contextlib.contextmanager
    def open(cls, path: Path, *, lock: bool = True, read_only: bool = False) -> Iterator[Self]:
        ledger = cls(path, lock=lock, read_only=read_only)
        try:
            yield ledger
        finally:
            ledger.close()

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()
        if self._lock:
            self._lock.release()
            self._lock = None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT: everything inside is durable together or not at all.

        Inside :meth:`group` it is a savepoint instead: undone alone if it fails, durable when the group
        commits."""
        if self._grouped:
            yield from self._scope(sql.SAVEPOINT, sql.ROLLBACK_TO, sql.RELEASE, "Cannot write the ledger")
        else:
            yield from self._scope(sql.BEGIN, sql.ROLLBACK, sql.COMMIT, "Cannot commit to the ledger")

    def _scope(
        self, begin: str, undo: tuple[str, ...], finish: str, finish_failed: str
    ) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing unit of writes, as a transaction or a savepoint (the statements say which)."""
        try:
            self._db.execute(begin)
        except sqlite3.Error as exc:
            raise LedgerError(f"Cannot write the ledger {self.path}: {exc}") from None
        try:
            yield self._db
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                for statement in undo:
                    self._db.execute(statement)
            if isinstance(exc, sqlite3.Error):  # never a raw sqlite3 traceback at the CLI
                raise self._write_error(exc) from None
            raise
        try:
            self._db.execute(finish)
        except sqlite3.Error as exc:
            raise LedgerError(f"{finish_failed} {self.path}: {exc}") from None

    def _write_error(self, exc: sqlite3.Error) -> LedgerError:
        return LedgerError(
            f"Cannot write the ledger {self.path}: {exc}; that change was undone, nothing else was changed",
            hint="run `bulkship status` to see the ledger, then the same command again",
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

    def _read(self, query: Callable[..., T], *args: Any) -> T:
        """``query`` (a function of :mod:`.sql`) on this connection; a failure is a LedgerError."""
        try:
            return query(self._db, *args)
        except sqlite3.Error as exc:
            raise LedgerError(f"Cannot read the ledger {self.path}: {exc}") from None

    @staticmethod
    def _event(
        db: sqlite3.Connection, batch: str | None, po: str | None, kind: str, detail: dict[str, Any]
    ) -> None:
        sql.insert_event(db, now_iso(), batch, po, kind, json.dumps(detail, default=str, sort_keys=True))

    def log_event(self, batch: str | None, po_number: str | None, kind: str, **detail: Any) -> None:
        with self.transaction() as db:
            self._event(db, batch, po_number, kind, detail)
