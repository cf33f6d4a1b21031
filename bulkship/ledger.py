"""The ledger: bulkship's durable journal of batches, rows, orders and every vendor answer (SQLite).

Where: ``Settings.ledger`` (``<data dir>/ledger.sqlite``), overridable with ``--ledger PATH`` or
``BULKSHIP_LEDGER``. WAL journal, ``synchronous=FULL`` (a commit survives a crash of the process *and* of the
machine), a busy timeout for short concurrent writes.

Exactly-once rests on three rules kept here:

1. A row's PO number is written (order state ``planned``, with the exact payload) before anything is sent.
2. The intent to send (state ``sending``) is committed **before** the request leaves; the outcome
   (``created`` / ``rejected`` / ``unknown``, or back to ``planned`` when the vendor certainly did not
   create it) is committed right after. An order found in ``sending`` or ``unknown`` may exist at the
   vendor: it is only ever resolved with the same PO number and the same payload, never re-planned.
3. One bulkship process that submits holds the ledger's lock file (``<ledger>.lock``, ``fcntl.flock``);
   a second one gets :class:`~bulkship.errors.LedgerLockedError`. Readers (``status``) may open with
   ``lock=False``.

Tables::

    batches(name PK, file_name, file_hash, po_prefix, created, updated, rows, valid, invalid, output,
            api)  api: "sandbox" or the vendor base URL (added by a migration; NULL in older ledgers)
    rows(batch, fingerprint, row, status, po_number, line_index, external_id, line_item_id, cost, error,
         line_status, carrier, tracking_number, tracking_url, shipped_date, delivered_date, updated,
         current)  PK (batch, fingerprint); current = 1 when the row is in the file of the latest run
    orders(po_number PK, batch, seq, base_po, state, vendor_order_id, status, payload, cost, lines,
           error, created, updated)
    events(id PK, at, batch, po_number, kind, detail JSON)

Row ``status``: ``invalid`` | ``duplicate`` (as validate judged at the last run), ``held`` (valid but not
sent: it repeats a card already ordered, see :mod:`bulkship.repeats`; ``error`` says which), ``planned``
(to be ordered; with a ``po_number`` see that order's state), ``ordered`` (the vendor created its order),
``failed`` (the vendor rejected it; ``error`` has the vendor's words), ``review`` (it may be at the vendor
but cannot be tied to a vendor line: nothing more is sent for it; ``error`` says why). ``line_status`` is
the vendor's own line status (``pending``, ``complete``, ``shipped``, ``delivered``, ``failed``,
``cancelled``, or a status bulkship does not know, verbatim), kept current by
:meth:`Ledger.record_order_status`.

Order ``state``: ``planned`` → ``sending`` → ``created`` | ``rejected`` | ``unknown`` (outcome not known
yet: resolve by re-sending the stored payload, whose 409 names the original); ``cancelled`` (a
``planned`` order that never left, dropped because its rows changed); ``review`` (held for a person:
sending it could order a row twice, e.g. after the vendor answered 409 for a PO this ledger never sent).
``status`` is the vendor's
order status (``Pending``, ``Complete``, ``Failed``).

Read API (stable; ``track``, ``status``, ``reconcile`` and the result workbook build on it):

* ``Ledger.open(path, lock=True)`` - a context manager; ``Ledger(path, lock=False)`` + ``close()`` also works.
* ``batches()`` / ``batch(name)`` -> :class:`BatchRecord`
* ``batch_rows(batch, current_only=False)`` -> list of :class:`RowRecord` in spreadsheet row order (one
  query); ``current_only`` keeps the rows of the file of the latest run (a row whose content was fixed
  leaves its old version behind as a non-current row)
* ``rows_by_po(po_number)`` -> list of :class:`RowRecord` in line order
* ``orders(batch=None, states=None)`` / ``order(po_number)`` -> :class:`OrderRecord`
  (``payload()`` decodes the exact JSON that was sent)
* ``order_by_vendor_id(order_id)`` -> :class:`OrderRecord` | None (webhooks name the vendor's id)
* ``row_counts(batch)`` -> {row status: count} over the current rows; ``order_counts(batch)`` ->
  {state: count}
* ``events(batch=None, po_number=None, limit=None)`` -> list of :class:`EventRecord`; ``latest_event(batch,
  kind)`` -> the newest one of a kind, or None
* ``record_order_status(po_number, vendor_order, source="poll")`` -> bool: store the vendor's view of an order
  (status, line item ids, line statuses, costs, shipments); returns whether anything changed; idempotent;
  a status never moves backwards (a stale answer, e.g. Pending after Shipped, changes nothing).
* ``set_batch_output(batch, path)`` records where the result workbook was written.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import os
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from .errors import LedgerError, LedgerLockedError
from .models import VendorOrder

T = TypeVar("T")

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 10_000

ORDER_STATES = ("planned", "sending", "created", "rejected", "unknown", "cancelled", "review")
OPEN_STATES = ("sending", "unknown")  # may exist at the vendor: resolve with the same PO, never re-plan
LIVE_STATES = ("planned", *OPEN_STATES, "created", "review")  # to send, maybe sent, held by the vendor
REVIEW_STATE = "review"  # held for a person: never sent, never re-planned (see hold_for_review)
# In a stored payload: fingerprint -> the line item a row in review would send, for rows that have no line of
# the payload (rows found at the vendor's orders after a lost ledger); bulkship.resolve reads it.
REVIEW_ITEMS = "ReviewItems"
ROW_STATUSES = ("invalid", "duplicate", "held", "planned", "ordered", "failed", "review")
# How far along a vendor status is. A recorded status never moves to a lower rank: an answer read before a
# newer one was recorded (a poll racing a webhook, a lagging vendor replica) must not undo it. Statuses not
# listed here are recorded as they come.
ORDER_STATUS_RANK = {"pending": 0, "complete": 1, "failed": 1, "cancelled": 1}
LINE_STATUS_RANK = {"pending": 0, "complete": 1, "shipped": 2, "delivered": 3, "failed": 3, "cancelled": 3}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (
    name TEXT PRIMARY KEY,
    file_name TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    po_prefix TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    rows INTEGER NOT NULL DEFAULT 0,
    valid INTEGER NOT NULL DEFAULT 0,
    invalid INTEGER NOT NULL DEFAULT 0,
    output TEXT
);
CREATE TABLE IF NOT EXISTS rows (
    batch TEXT NOT NULL REFERENCES batches(name),
    fingerprint TEXT NOT NULL,
    row INTEGER NOT NULL,
    status TEXT NOT NULL,
    po_number TEXT,
    line_index INTEGER,
    external_id TEXT,
    line_item_id TEXT,
    cost TEXT,
    error TEXT,
    line_status TEXT,
    carrier TEXT,
    tracking_number TEXT,
    tracking_url TEXT,
    shipped_date TEXT,
    delivered_date TEXT,
    updated TEXT NOT NULL,
    current INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (batch, fingerprint)
);
CREATE INDEX IF NOT EXISTS rows_by_po ON rows (po_number, line_index);
CREATE INDEX IF NOT EXISTS rows_by_batch_row ON rows (batch, row);
CREATE TABLE IF NOT EXISTS orders (
    po_number TEXT PRIMARY KEY,
    batch TEXT NOT NULL REFERENCES batches(name),
    seq INTEGER NOT NULL,
    base_po TEXT NOT NULL,
    state TEXT NOT NULL,
    vendor_order_id TEXT,
    status TEXT,
    payload TEXT NOT NULL,
    cost TEXT NOT NULL,
    lines INTEGER NOT NULL,
    error TEXT,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_by_batch_state ON orders (batch, state);
CREATE INDEX IF NOT EXISTS orders_by_vendor_id ON orders (vendor_order_id);
CREATE INDEX IF NOT EXISTS orders_by_base ON orders (base_po);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    batch TEXT,
    po_number TEXT,
    kind TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX IF NOT EXISTS events_by_po ON events (po_number);
CREATE INDEX IF NOT EXISTS events_by_batch ON events (batch, id);
"""


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def is_step_back(ranks: dict[str, int], before: str | None, after: str | None) -> bool:
    """True when ``after`` is an earlier status than ``before`` (both known to ``ranks``)."""
    old, new = ranks.get((before or "").lower()), ranks.get((after or "").lower())
    return old is not None and new is not None and new < old


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(text: str | None) -> Decimal | None:
    return None if text in (None, "") else Decimal(str(text))


@dataclass(frozen=True)
class BatchRecord:
    name: str
    file_name: str
    file_hash: str
    po_prefix: str
    created: str
    updated: str
    rows: int
    valid: int
    invalid: int
    output: str | None
    api: str | None = None  # "sandbox" or the vendor base URL its orders went to (None: an older ledger)


@dataclass(frozen=True)
class RowRecord:
    batch: str
    fingerprint: str
    row: int
    status: str
    po_number: str | None
    line_index: int | None
    external_id: str | None
    line_item_id: str | None
    cost: Decimal | None
    error: str | None
    line_status: str | None
    carrier: str | None
    tracking_number: str | None
    tracking_url: str | None
    shipped_date: str | None
    delivered_date: str | None
    updated: str
    current: bool = True


@dataclass(frozen=True)
class OrderRecord:
    po_number: str
    batch: str
    seq: int
    base_po: str
    state: str
    vendor_order_id: str | None
    status: str | None
    payload_json: str
    cost: Decimal
    lines: int
    error: str | None
    created: str
    updated: str

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.payload_json)
        return data


@dataclass(frozen=True)
class EventRecord:
    id: int
    at: str
    batch: str | None
    po_number: str | None
    kind: str
    detail: dict[str, Any]


PlannedLineRecord = tuple[str, int, str, Decimal]  # fingerprint, line index, ExternalId, planned cost
PlannedOrderRecord = tuple[str, int, str, dict[str, Any], Decimal, Sequence[PlannedLineRecord]]


@dataclass(frozen=True)
class RowUpdate:
    """What the pipeline records for one input row at the start of a run."""

    fingerprint: str
    row: int
    status: str  # "invalid" | "duplicate" | "planned"
    error: str | None = None


@dataclass(frozen=True)
class AdoptedRow:
    """One input row tied to (``ordered``), or possibly among (``review``), an adopted vendor order."""

    fingerprint: str
    row: int
    status: str  # "ordered" | "review"
    external_id: str
    line_index: int | None = None
    line_item_id: str | None = None
    cost: Decimal | None = None
    line_status: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class AdoptedOrder:
    """A vendor order taken into the ledger (see :meth:`Ledger.adopt_vendor_orders`)."""

    po_number: str
    seq: int
    base_po: str
    vendor_order: VendorOrder
    payload: dict[str, Any]  # what is known of its lines: ours where tied, the vendor's otherwise
    rows: Sequence[AdoptedRow]
    note: str | None = None


@dataclass(frozen=True)
class LineOutcome:
    """What the vendor said about one line of a created order."""

    fingerprint: str
    line_item_id: str | None
    cost: Decimal | None
    line_status: str | None


class _ProcessLock:
    """An exclusive ``flock`` on ``<ledger>.lock``; the kernel drops it when the process dies, even by
    SIGKILL, so a crashed run never leaves a stale lock."""

    def __init__(self, ledger_path: Path) -> None:
        self.path = ledger_path.with_name(ledger_path.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise LedgerLockedError(
                f"Another bulkship process (pid {holder}) is working on the ledger {self.path.parent}/"
                f"{self.path.stem}; nothing was changed",
                hint="wait for it to finish, then run the same command again",
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes. A WAL ledger in a folder the reader cannot write has no shared-memory
    file to open; it is then read as immutable (nobody who cannot write there can be changing it)."""
    uri = "file:" + urllib.parse.quote(str(path.absolute()))
    if not path.is_file():
        raise LedgerError(f"Cannot open the ledger {path}: it is not a file", hint="pass --ledger PATH")
    last: sqlite3.Error | None = None
    for options in ("?mode=ro", "?mode=ro&immutable=1"):
        try:
            db = sqlite3.connect(uri + options, uri=True, isolation_level=None, check_same_thread=False)
            db.row_factory = sqlite3.Row
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.Error as exc:
            last = exc
    raise LedgerError(
        f"Cannot read the ledger {path}: {last}",
        hint="check the path and its permissions, or pass --ledger PATH",
    )


class Ledger:
    """The journal. Not thread-safe: use it from one thread at a time. The async submitter hands it to a
    :class:`LedgerThread` while it runs, and touches it only through that."""

    def __init__(self, path: Path, *, lock: bool = True, read_only: bool = False) -> None:
        self.path = Path(path)
        self._lock: _ProcessLock | None = None
        self._grouped = False
        if read_only:  # `status` on a ledger it may not write: nothing created, migrated or locked
            self._db = _connect_read_only(self.path)
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if lock:
                self._lock = _ProcessLock(self.path)
                self._lock.acquire()
            self._db = sqlite3.connect(
                self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(_SCHEMA)
            self._migrate()
            self._db.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )
        except LedgerLockedError:
            raise
        except (sqlite3.Error, OSError) as exc:
            if self._lock:
                self._lock.release()
            raise LedgerError(
                f"Cannot open the ledger {self.path}: {exc}",
                hint="check the path and its permissions, or pass --ledger PATH",
            ) from None

    def _migrate(self) -> None:
        """Bring a ledger written by an older bulkship up to date; each step is additive."""
        columns = {r[1] for r in self._db.execute("PRAGMA table_info(batches)").fetchall()}
        if "api" not in columns:
            try:
                self._db.execute("ALTER TABLE batches ADD COLUMN api TEXT")
            except sqlite3.OperationalError as exc:
                if "duplicate column" not in str(exc):  # another process added it just now
                    raise

    @classmethod
    @contextlib.contextmanager
    def open(cls, path: Path, *, lock: bool = True, read_only: bool = False) -> Iterator[Ledger]:
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

    # -- plumbing ---------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT: everything inside is durable together or not at all.

        Inside :meth:`group` it is a savepoint instead: undone alone if it fails, durable when the group
        commits."""
        if self._grouped:
            undo = ("ROLLBACK TO call", "RELEASE call")
            yield from self._scope("SAVEPOINT call", undo, "RELEASE call", "Cannot write the ledger")
        else:
            yield from self._scope("BEGIN IMMEDIATE", ("ROLLBACK",), "COMMIT", "Cannot commit to the ledger")

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

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise LedgerError(f"Cannot read the ledger {self.path}: {exc}") from None

    @staticmethod
    def _event(
        db: sqlite3.Connection, batch: str | None, po: str | None, kind: str, detail: dict[str, Any]
    ) -> None:
        db.execute(
            "INSERT INTO events(at, batch, po_number, kind, detail) VALUES (?, ?, ?, ?, ?)",
            (now_iso(), batch, po, kind, json.dumps(detail, default=str, sort_keys=True)),
        )

    def log_event(self, batch: str | None, po_number: str | None, kind: str, **detail: Any) -> None:
        with self.transaction() as db:
            self._event(db, batch, po_number, kind, detail)

    # -- read API ---------------------------------------------------------------------------------------

    def batches(self) -> list[BatchRecord]:
        return [BatchRecord(**dict(r)) for r in self._query("SELECT * FROM batches ORDER BY created")]

    def batch(self, name: str) -> BatchRecord | None:
        found = self._query("SELECT * FROM batches WHERE name = ?", (name,))
        return BatchRecord(**dict(found[0])) if found else None

    @staticmethod
    def _row_record(r: sqlite3.Row) -> RowRecord:
        data = dict(r)
        data["cost"] = _decimal(data["cost"])
        data["current"] = bool(data["current"])
        return RowRecord(**data)

    @staticmethod
    def _rows_from_tuples(found: list[Any]) -> list[RowRecord]:
        """Rows read as plain tuples in RowRecord's field order; each distinct cost is parsed once."""
        costs: dict[Any, Decimal | None] = {}
        records = []
        for (
            batch_name,
            fingerprint,
            row,
            status,
            po_number,
            line_index,
            external_id,
            line_item_id,
            cost,
            error,
            line_status,
            carrier,
            tracking_number,
            tracking_url,
            shipped_date,
            delivered_date,
            updated,
            current,
        ) in found:
            if cost in costs:
                amount = costs[cost]
            else:
                amount = costs[cost] = _decimal(cost)
            records.append(
                RowRecord(
                    batch_name,
                    fingerprint,
                    row,
                    status,
                    po_number,
                    line_index,
                    external_id,
                    line_item_id,
                    amount,
                    error,
                    line_status,
                    carrier,
                    tracking_number,
                    tracking_url,
                    shipped_date,
                    delivered_date,
                    updated,
                    bool(current),
                )
            )
        return records

    def _select_rows(self, where: str, params: Sequence[Any], order_by: str) -> list[RowRecord]:
        # A batch can hold a million rows: read plain tuples in RowRecord's field order and parse each
        # distinct cost once (sqlite3.Row -> dict -> RowRecord(**) costs about twice as much).
        columns = ", ".join(RowRecord.__dataclass_fields__)
        try:
            cursor = self._db.cursor()
            cursor.row_factory = None
            found = cursor.execute(
                f"SELECT {columns} FROM rows WHERE {where} ORDER BY {order_by}", params
            ).fetchall()
        except sqlite3.Error as exc:
            raise LedgerError(f"Cannot read the ledger {self.path}: {exc}") from None
        return self._rows_from_tuples(found)

    def batch_rows(self, batch: str, *, current_only: bool = False) -> list[RowRecord]:
        where = "batch = ? AND current = 1" if current_only else "batch = ?"
        return self._select_rows(where, (batch,), "row, fingerprint")

    def rows_by_po(self, po_number: str) -> list[RowRecord]:
        return self._select_rows("po_number = ?", (po_number,), "line_index")

    @staticmethod
    def _order_record(r: sqlite3.Row) -> OrderRecord:
        data = dict(r)
        data["payload_json"] = data.pop("payload")
        data["cost"] = Decimal(data["cost"])
        return OrderRecord(**data)

    def orders(self, batch: str | None = None, states: Iterable[str] | None = None) -> list[OrderRecord]:
        sql, params = "SELECT * FROM orders WHERE 1=1", []
        if batch is not None:
            sql += " AND batch = ?"
            params.append(batch)
        if states is not None:
            wanted = list(states)
            sql += f" AND state IN ({','.join('?' * len(wanted))})"
            params.extend(wanted)
        return [self._order_record(r) for r in self._query(sql + " ORDER BY seq, po_number", params)]

    def order(self, po_number: str) -> OrderRecord | None:
        found = self._query("SELECT * FROM orders WHERE po_number = ?", (po_number,))
        return self._order_record(found[0]) if found else None

    def order_by_vendor_id(self, order_id: str) -> OrderRecord | None:
        found = self._query("SELECT * FROM orders WHERE vendor_order_id = ?", (order_id,))
        return self._order_record(found[0]) if found else None

    def row_counts(self, batch: str) -> dict[str, int]:
        found = self._query(
            "SELECT status, COUNT(*) FROM rows WHERE batch = ? AND current = 1 GROUP BY status", (batch,)
        )
        return {r[0]: r[1] for r in found}

    def order_counts(self, batch: str) -> dict[str, int]:
        found = self._query("SELECT state, COUNT(*) FROM orders WHERE batch = ? GROUP BY state", (batch,))
        return {r[0]: r[1] for r in found}

    def ordered_cost(self, batch: str) -> Decimal:
        """What the batch's ordered rows cost (rows since removed from the file included), summed exactly:
        the sum of ``cost`` over ``batch_rows(batch)`` with status ``ordered``, reading only that column."""
        found = self._query(
            "SELECT cost FROM rows WHERE batch = ? AND status = 'ordered' ORDER BY row, fingerprint", (batch,)
        )
        amounts: dict[Any, Decimal] = {}
        total = Decimal("0")
        for (text,) in found:
            amount = amounts.get(text)
            if amount is None:
                amount = amounts[text] = _decimal(text) or Decimal("0")
            total += amount
        return total

    def events(
        self, batch: str | None = None, po_number: str | None = None, limit: int | None = None
    ) -> list[EventRecord]:
        sql, params = "SELECT * FROM events WHERE 1=1", []
        if batch is not None:
            sql += " AND batch = ?"
            params.append(batch)
        if po_number is not None:
            sql += " AND po_number = ?"
            params.append(po_number)
        sql += " ORDER BY id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [
            EventRecord(
                id=r["id"],
                at=r["at"],
                batch=r["batch"],
                po_number=r["po_number"],
                kind=r["kind"],
                detail=json.loads(r["detail"] or "{}"),
            )
            for r in self._query(sql, params)
        ]

    def latest_event(self, batch: str, kind: str) -> EventRecord | None:
        """The batch's most recent event of ``kind`` (e.g. the prices its money was broken down with)."""
        found = self._query(
            "SELECT * FROM events WHERE batch = ? AND kind = ? ORDER BY id DESC LIMIT 1", (batch, kind)
        )
        if not found:
            return None
        r = found[0]
        detail = json.loads(r["detail"] or "{}")
        return EventRecord(r["id"], r["at"], r["batch"], r["po_number"], r["kind"], detail)

    def max_seq(self, batch: str) -> int:
        found = self._query("SELECT MAX(seq) FROM orders WHERE batch = ?", (batch,))
        return int(found[0][0] or 0)

    def replan_count(self, base_po: str) -> int:
        """How many follow-up orders (``<PO>-R<n>``) were already derived from ``base_po``."""
        found = self._query(
            "SELECT COUNT(*) FROM orders WHERE base_po = ? AND po_number != base_po", (base_po,)
        )
        return int(found[0][0])

    # -- repeat checks (bulkship.repeats compares a run with every earlier batch) ------------------------

    def batches_holding_orders(self, states: Sequence[str] = LIVE_STATES) -> dict[str, str]:
        """Batches with at least one order in ``states`` (by default: to send, sent, or maybe sent): batch ->
        when its first such order was planned (ISO time)."""
        marks = ",".join("?" * len(states))
        found = self._query(
            f"SELECT batch, MIN(created) FROM orders WHERE state IN ({marks}) GROUP BY batch", list(states)
        )
        return {r[0]: r[1] for r in found}

    def orders_since(
        self, since: str, *, exclude_batch: str, states: Sequence[str] = LIVE_STATES
    ) -> list[OrderRecord]:
        """Orders of the other batches in ``states`` planned since ``since`` (ISO time), oldest first."""
        marks = ",".join("?" * len(states))
        found = self._query(
            f"SELECT * FROM orders WHERE batch != ? AND created >= ? AND state IN ({marks})"
            " ORDER BY created, po_number",
            [exclude_batch, since, *states],
        )
        return [self._order_record(r) for r in found]

    def rows_on_orders(self, po_numbers: Sequence[str]) -> list[RowRecord]:
        """Every row recorded on one of ``po_numbers`` (any batch), in line order per order."""
        found: list[RowRecord] = []
        for start in range(0, len(po_numbers), 500):  # SQLite's limit on bound parameters
            chunk = list(po_numbers[start : start + 500])
            where = f"po_number IN ({','.join('?' * len(chunk))})"
            found.extend(self._select_rows(where, chunk, "po_number, line_index"))
        return found

    def current_rows_with_status(self, batch: str, status: str) -> list[RowRecord]:
        """The batch's rows in the file of the latest run that have ``status``, in row order."""
        return self._select_rows("batch = ? AND current = 1 AND status = ?", (batch, status), "row")

    # -- batches and rows -------------------------------------------------------------------------------

    def upsert_batch(
        self,
        name: str,
        *,
        file_name: str,
        file_hash: str,
        po_prefix: str,
        rows: int,
        valid: int,
        invalid: int,
        api: str | None = None,
    ) -> None:
        """Create or update a batch. ``api`` (where its orders go) is recorded once: a batch keeps the API
        it was first run against (see :mod:`bulkship.batchapi`)."""
        at = now_iso()
        with self.transaction() as db:
            existing = db.execute("SELECT file_hash FROM batches WHERE name = ?", (name,)).fetchone()
            if existing is None:
                db.execute(
                    "INSERT INTO batches(name, file_name, file_hash, po_prefix, created, updated,"
                    " rows, valid, invalid, api) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (name, file_name, file_hash, po_prefix, at, at, rows, valid, invalid, api),
                )
                self._event(db, name, None, "batch_created", {"file": file_name, "file_hash": file_hash})
            else:
                db.execute(
                    "UPDATE batches SET file_name = ?, file_hash = ?, updated = ?, rows = ?, valid = ?,"
                    " invalid = ? WHERE name = ?",
                    (file_name, file_hash, at, rows, valid, invalid, name),
                )
                if api is not None:
                    db.execute("UPDATE batches SET api = ? WHERE name = ? AND api IS NULL", (api, name))
                if existing["file_hash"] != file_hash:
                    self._event(
                        db, name, None, "batch_file_changed", {"file": file_name, "file_hash": file_hash}
                    )

    def set_batch_output(self, batch: str, path: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE batches SET output = ? WHERE name = ?", (path, batch))

    def record_rows(
        self, batch: str, updates: Iterable[RowUpdate], *, planned: Sequence[PlannedOrderRecord] = ()
    ) -> None:
        """Record the rows of the file as it is now, in one transaction: these become the batch's current
        rows (all others are marked not current). Planned and ordered rows keep their PO and status;
        the others (failed, invalid...) take what validate says now (``planned``: to be ordered).

        ``planned`` orders are saved in the same transaction, with the same result as calling
        :meth:`save_planned_orders` next, but each of their rows is written once instead of twice."""
        at = now_iso()
        order_values, planned_rows, event_values = self._planned_values(batch, planned, at)
        plan_of = {fp: (po, index, ext, cost) for po, index, ext, cost, _at, _batch, fp in planned_rows}
        plain, on_order = [], []
        for u in updates:
            line = plan_of.pop(u.fingerprint, None)
            if line is None:
                plain.append((batch, u.fingerprint, u.row, u.status, u.error, at))
            else:
                on_order.append((batch, u.fingerprint, u.row, *line, at))
        with self.transaction() as db:
            db.execute("UPDATE rows SET current = 0 WHERE batch = ? AND current = 1", (batch,))
            # a failed row now held (it repeats a card ordered since) says so, not the vendor's old refusal
            kept = "(rows.status = 'ordered' OR (rows.po_number IS NOT NULL AND NOT"
            kept += " (rows.status = 'failed' AND excluded.status = 'held')))"
            db.executemany(
                "INSERT INTO rows(batch, fingerprint, row, status, error, updated) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(batch, fingerprint) DO UPDATE SET row = excluded.row, current = 1,"
                f" status = CASE WHEN {kept} THEN rows.status ELSE excluded.status END,"
                f" error = CASE WHEN {kept} THEN rows.error ELSE excluded.error END,"
                " updated = excluded.updated",
                plain,
            )
            # a row going on a new order: what the upsert above and save_planned_orders' update leave
            db.executemany(
                "INSERT INTO rows(batch, fingerprint, row, status, po_number, line_index, external_id, cost,"
                " updated) VALUES (?, ?, ?, 'planned', ?, ?, ?, ?, ?)"
                " ON CONFLICT(batch, fingerprint) DO UPDATE SET row = excluded.row, current = 1,"
                " status = 'planned', po_number = excluded.po_number, line_index = excluded.line_index,"
                " external_id = excluded.external_id, line_item_id = NULL, cost = excluded.cost,"
                " error = NULL, line_status = NULL, updated = excluded.updated",
                on_order,
            )
            leftover = [
                (po, index, ext, cost, at, batch, fp) for fp, (po, index, ext, cost) in plan_of.items()
            ]
            self._insert_planned(db, order_values, leftover, event_values)

    # -- orders -----------------------------------------------------------------------------------------

    def save_planned_orders(
        self,
        batch: str,
        orders: Sequence[PlannedOrderRecord],
        *,
        replaces: str | None = None,
    ) -> None:
        """Record new orders in state ``planned`` and point their rows at them, in ONE transaction.

        Each order is ``(po_number, seq, base_po, payload, cost, lines)`` where lines are
        ``(fingerprint, line_index, external_id, planned_cost)``; the planned cost sits in ``rows.cost``
        until the vendor's own figure replaces it. ``replaces`` names the order these rows came from
        (a rejected order re-planned), for the event log.
        """
        at = now_iso()
        order_values, row_values, event_values = self._planned_values(batch, orders, at, replaces)
        with self.transaction() as db:
            self._insert_planned(db, order_values, row_values, event_values)

    @staticmethod
    def _planned_values(
        batch: str, orders: Sequence[PlannedOrderRecord], at: str, replaces: str | None = None
    ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """The order, row and event parameters of :meth:`_insert_planned`."""
        order_values: list[tuple[Any, ...]] = []
        row_values: list[tuple[Any, ...]] = []
        event_values: list[tuple[Any, ...]] = []
        for po, seq, base_po, payload, cost, lines in orders:
            order_values.append((po, batch, seq, base_po, json.dumps(payload), str(cost), len(lines), at, at))
            row_values.extend(
                (po, index, ext, _money(line_cost), at, batch, fp) for fp, index, ext, line_cost in lines
            )
            detail: dict[str, Any] = {"lines": len(lines), "cost": str(cost)}
            if replaces:
                detail["replaces"] = replaces
            event_values.append(
                (now_iso(), batch, po, "planned", json.dumps(detail, default=str, sort_keys=True))
            )
        return order_values, row_values, event_values

    @staticmethod
    def _insert_planned(
        db: sqlite3.Connection,
        order_values: list[tuple[Any, ...]],
        row_values: list[tuple[Any, ...]],
        event_values: list[tuple[Any, ...]],
    ) -> None:
        # Three statements for the whole plan, not three per order: a 100k-row batch is 1,000 orders.
        try:
            db.executemany(
                "INSERT INTO orders(po_number, batch, seq, base_po, state, payload, cost, lines, created,"
                " updated) VALUES (?, ?, ?, ?, 'planned', ?, ?, ?, ?, ?)",
                order_values,
            )
        except sqlite3.IntegrityError:
            raise Ledger._po_clash(db, order_values) from None
        db.executemany(
            "UPDATE rows SET status = 'planned', po_number = ?, line_index = ?, external_id = ?,"
            " line_item_id = NULL, cost = ?, error = NULL, line_status = NULL, updated = ?"
            " WHERE batch = ? AND fingerprint = ?",
            row_values,
        )
        db.executemany(
            "INSERT INTO events(at, batch, po_number, kind, detail) VALUES (?, ?, ?, ?, ?)", event_values
        )

    @staticmethod
    def _po_clash(db: sqlite3.Connection, order_values: list[tuple[Any, ...]]) -> LedgerError:
        """A planned PO number that the ledger already holds (another batch whose name gives the same PO
        numbers): which one, and whose."""
        for values in order_values:
            found = db.execute("SELECT batch FROM orders WHERE po_number = ?", (values[0],)).fetchone()
            if found is not None:
                return LedgerError(
                    f"PO number {values[0]} is already used by batch {found[0]!r} in this ledger; batch "
                    f"{values[1]!r} cannot use it too. Nothing was sent",
                    hint="run this file under another name (--batch NEW-NAME); `bulkship reconcile` "
                    "compares a batch with what the vendor holds",
                )
        return LedgerError("A planned order clashes with one already in the ledger. Nothing was sent")

    def cancel_planned(self, po_number: str, reason: str) -> None:
        """Drop an order that never left (state ``planned``); its rows lose their PO and are planned again."""
        with self.transaction() as db:
            cur = db.execute(
                "UPDATE orders SET state = 'cancelled', error = ?, updated = ? WHERE po_number = ?"
                " AND state = 'planned'",
                (reason, now_iso(), po_number),
            )
            if cur.rowcount != 1:
                raise LedgerError(f"Order {po_number} is not in state planned; it cannot be cancelled")
            db.execute(
                "UPDATE rows SET po_number = NULL, line_index = NULL, cost = NULL, updated = ?"
                " WHERE po_number = ? AND status = 'planned'",
                (now_iso(), po_number),
            )
            order = db.execute("SELECT batch FROM orders WHERE po_number = ?", (po_number,)).fetchone()
            self._event(db, order["batch"], po_number, "cancelled", {"reason": reason})

    def mark_sending(self, po_number: str, attempt: int = 1) -> None:
        """THE intent: committed before the request leaves. Only from planned, sending or unknown."""
        with self.transaction() as db:
            cur = db.execute(
                "UPDATE orders SET state = 'sending', updated = ? WHERE po_number = ?"
                " AND state IN ('planned', 'sending', 'unknown')",
                (now_iso(), po_number),
            )
            if cur.rowcount != 1:
                raise LedgerError(f"Order {po_number} cannot be sent from its current state")
            batch = db.execute("SELECT batch FROM orders WHERE po_number = ?", (po_number,)).fetchone()[0]
            self._event(db, batch, po_number, "sending", {"attempt": attempt})

    def record_created(
        self,
        po_number: str,
        vendor_order: VendorOrder,
        lines: Sequence[LineOutcome],
        *,
        created: bool,
        missing: Sequence[str] = (),
        missing_error: str | None = None,
    ) -> None:
        """The vendor has this order (201, or 409 naming the original). Lines it holds become ``ordered``;
        ``missing`` fingerprints (not in the vendor's order) stay ``planned`` for the caller to re-plan, or,
        with ``missing_error``, need a person: status ``review`` with that error."""
        at = now_iso()
        with self.transaction() as db:
            db.execute(
                "UPDATE orders SET state = 'created', vendor_order_id = ?, status = ?, error = NULL,"
                " updated = ? WHERE po_number = ?",
                (vendor_order.id, vendor_order.status, at, po_number),
            )
            batch = db.execute("SELECT batch FROM orders WHERE po_number = ?", (po_number,)).fetchone()[0]
            db.executemany(
                "UPDATE rows SET status = 'ordered', line_item_id = ?, cost = ?, line_status = ?,"
                " error = NULL, updated = ? WHERE batch = ? AND fingerprint = ?",
                (
                    (li.line_item_id, _money(li.cost), li.line_status, at, batch, li.fingerprint)
                    for li in lines
                ),
            )
            if missing_error:  # rows that may be at the vendor but cannot be tied to it: a person decides
                db.executemany(
                    "UPDATE rows SET status = 'review', error = ?, updated = ?"
                    " WHERE batch = ? AND fingerprint = ?",
                    ((missing_error, at, batch, fp) for fp in missing),
                )
            self._event(
                db,
                batch,
                po_number,
                "created" if created else "already_existed",
                {
                    "order_id": vendor_order.id,
                    "status": vendor_order.status,
                    "lines": len(lines),
                    "missing_lines": len(missing),
                },
            )

    def record_rejected(
        self, po_number: str, message: str, row_errors: dict[str, str], body: Any = None
    ) -> None:
        """400: the vendor did not create the order. Rows in ``row_errors`` (fingerprint -> message) fail;
        the other rows stay ``planned`` on this PO until the caller re-plans them."""
        at = now_iso()
        with self.transaction() as db:
            db.execute(
                "UPDATE orders SET state = 'rejected', error = ?, updated = ? WHERE po_number = ?",
                (message, at, po_number),
            )
            batch = db.execute("SELECT batch FROM orders WHERE po_number = ?", (po_number,)).fetchone()[0]
            db.executemany(
                "UPDATE rows SET status = 'failed', error = ?, updated = ?"
                " WHERE batch = ? AND fingerprint = ?",
                ((error, at, batch, fp) for fp, error in row_errors.items()),
            )
            self._event(
                db,
                batch,
                po_number,
                "rejected",
                {"message": message, "failed_rows": len(row_errors), "body": body},
            )

    def record_not_sent(self, po_number: str, reason: str) -> None:
        """The vendor certainly did not create the order (422, 401, 403): back to ``planned``."""
        with self.transaction() as db:
            db.execute(
                "UPDATE orders SET state = 'planned', error = ?, updated = ? WHERE po_number = ?",
                (reason, now_iso(), po_number),
            )
            batch = db.execute("SELECT batch FROM orders WHERE po_number = ?", (po_number,)).fetchone()[0]
            # vendor_confirmed: written by a bulkship that asks the vendor after a lost answer (older ones
            # could put an order that may exist back to planned; the pipeline never re-plans those)
            self._event(db, batch, po_number, "not_sent", {"reason": reason, "vendor_confirmed": True})

    def record_unknown(self, po_number: str, reason: str) -> None:
        """No answer we can trust (timeout, dropped connection, 5xx after retries): resolve later, same PO."""
        with self.transaction() as db:
            db.execute(
                "UPDATE orders SET state = 'unknown', error = ?, updated = ? WHERE po_number = ?",
                (reason, now_iso(), po_number),
            )
            batch = db.execute("SELECT batch FROM orders WHERE po_number = ?", (po_number,)).fetchone()[0]
            self._event(db, batch, po_number, "unknown", {"reason": reason})

    def mark_review(
        self,
        po_number: str,
        reason: str,
        fingerprints: Iterable[str] | None = None,
        *,
        hold_order: bool = False,
    ) -> None:
        """Rows of ``po_number`` (all its rows not ordered, or these) need a person: status ``review`` with
        ``reason``. The order keeps its state (an ``unknown`` one is still only re-sent with its own PO),
        unless ``hold_order``: then it is ``review`` too, never sent again (a re-send would get the same
        answer, e.g. the vendor holds other content under this PO number)."""
        at = now_iso()
        with self.transaction() as db:
            found = db.execute("SELECT batch FROM orders WHERE po_number = ?", (po_number,)).fetchone()
            if found is None:
                return
            if hold_order:
                db.execute(
                    "UPDATE orders SET state = 'review', error = ?, updated = ? WHERE po_number = ?",
                    (reason, at, po_number),
                )
            if fingerprints is None:
                db.execute(
                    "UPDATE rows SET status = 'review', error = ?, updated = ?"
                    " WHERE po_number = ? AND status IN ('planned', 'review')",
                    (reason, at, po_number),
                )
            else:
                db.executemany(
                    "UPDATE rows SET status = 'review', error = ?, updated = ?"
                    " WHERE batch = ? AND fingerprint = ? AND status != 'ordered'",
                    ((reason, at, found[0], fp) for fp in fingerprints),
                )
            self._event(db, found[0], po_number, "review", {"reason": reason})

    def hold_for_review(self, po_numbers: Iterable[str], reason: str) -> list[str]:
        """Planned orders that must not go out until a person has looked (state ``review``; their rows
        ``review`` with ``reason``); returns the POs held."""
        at = now_iso()
        held: list[str] = []
        with self.transaction() as db:
            for po in po_numbers:
                cur = db.execute(
                    "UPDATE orders SET state = 'review', error = ?, updated = ? WHERE po_number = ?"
                    " AND state = 'planned'",
                    (reason, at, po),
                )
                if cur.rowcount != 1:
                    continue
                held.append(po)
                db.execute(
                    "UPDATE rows SET status = 'review', error = ?, updated = ?"
                    " WHERE po_number = ? AND status = 'planned'",
                    (reason, at, po),
                )
                batch = db.execute("SELECT batch FROM orders WHERE po_number = ?", (po,)).fetchone()[0]
                self._event(db, batch, po, "review", {"reason": reason})
        return held

    def adopt_vendor_orders(self, batch: str, orders: Sequence[AdoptedOrder]) -> None:
        """Orders found at the vendor for a batch this ledger did not know (a lost ledger, another machine):
        recorded as ``created`` with the rows tied to their lines ``ordered`` and the rows that may be among
        their other lines ``review``, in one transaction. The batch must exist (``upsert_batch``)."""
        at = now_iso()
        with self.transaction() as db:
            for adopted in orders:
                vendor = adopted.vendor_order
                db.execute(
                    "INSERT INTO orders(po_number, batch, seq, base_po, state, vendor_order_id, status,"
                    " payload, cost, lines, error, created, updated)"
                    " VALUES (?, ?, ?, ?, 'created', ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        adopted.po_number,
                        batch,
                        adopted.seq,
                        adopted.base_po,
                        vendor.id,
                        vendor.status,
                        json.dumps(adopted.payload, default=str),
                        str(vendor.cost),
                        len(vendor.line_items),
                        adopted.note,
                        at,
                        at,
                    ),
                )
                db.executemany(
                    "INSERT INTO rows(batch, fingerprint, row, status, po_number, line_index, external_id,"
                    " line_item_id, cost, error, line_status, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    " ?, ?) ON CONFLICT(batch, fingerprint) DO UPDATE SET row = excluded.row,"
                    " status = excluded.status, po_number = excluded.po_number,"
                    " line_index = excluded.line_index, external_id = excluded.external_id,"
                    " line_item_id = excluded.line_item_id, cost = excluded.cost, error = excluded.error,"
                    " line_status = excluded.line_status, updated = excluded.updated",
                    [
                        (
                            batch,
                            r.fingerprint,
                            r.row,
                            r.status,
                            adopted.po_number,
                            r.line_index,
                            r.external_id,
                            r.line_item_id,
                            _money(r.cost),
                            r.error,
                            r.line_status,
                            at,
                        )
                        for r in adopted.rows
                    ],
                )
                self._event(
                    db,
                    batch,
                    adopted.po_number,
                    "adopted",
                    {
                        "order_id": vendor.id,
                        "ordered_rows": sum(1 for r in adopted.rows if r.status == "ordered"),
                        "review_rows": sum(1 for r in adopted.rows if r.status == "review"),
                        "vendor_lines": len(vendor.line_items),
                    },
                )

    def record_order_status(self, po_number: str, vendor_order: VendorOrder, source: str = "poll") -> bool:
        """Store the vendor's current view of a created order; True when anything changed. Idempotent:
        the same answer twice changes nothing the second time. Lines are matched to rows (not those in
        review) by ExternalId (in line order), else by the row's line index in the vendor's order."""
        at = now_iso()
        changed = False
        with self.transaction() as db:
            # Read inside the write lock: another process (receiver, track, run) may have just committed a
            # newer state, which is what a stale answer must be judged against.
            rows = [r for r in self.rows_by_po(po_number) if r.status != "review"]  # review: not tied
            if not rows:
                return False
            matches = _lines_of_rows(rows, vendor_order)
            current = db.execute(
                "SELECT status, batch FROM orders WHERE po_number = ?", (po_number,)
            ).fetchone()
            status, new_status = current["status"], vendor_order.status
            if status != new_status and not is_step_back(ORDER_STATUS_RANK, status, new_status):
                db.execute(
                    "UPDATE orders SET status = ?, updated = ? WHERE po_number = ?",
                    (new_status, at, po_number),
                )
                changed = True
            for row, line in zip(rows, matches, strict=True):
                if line is None or is_step_back(LINE_STATUS_RANK, row.line_status, line.status):
                    continue  # a stale answer for this line: keep what was recorded
                shipment = line.shipments[-1] if line.shipments else None
                values = (
                    line.id or row.line_item_id,
                    _money(line.cost) if line.cost is not None else _money(row.cost),
                    (line.status or "").lower() or row.line_status,
                    shipment.carrier if shipment else row.carrier,
                    shipment.tracking_number if shipment else row.tracking_number,
                    shipment.tracking_url if shipment else row.tracking_url,
                    shipment.shipped_date if shipment else row.shipped_date,
                    (shipment.delivered_date or None) if shipment else row.delivered_date,
                )
                before = (
                    row.line_item_id,
                    _money(row.cost),
                    row.line_status,
                    row.carrier,
                    row.tracking_number,
                    row.tracking_url,
                    row.shipped_date,
                    row.delivered_date,
                )
                if values != before:
                    db.execute(
                        "UPDATE rows SET line_item_id = ?, cost = ?, line_status = ?, carrier = ?,"
                        " tracking_number = ?, tracking_url = ?, shipped_date = ?, delivered_date = ?,"
                        " updated = ? WHERE batch = ? AND fingerprint = ?",
                        (*values, at, row.batch, row.fingerprint),
                    )
                    changed = True
            if changed:
                self._event(
                    db,
                    current["batch"],
                    po_number,
                    "status",
                    {"status": vendor_order.status, "source": source},
                )
        return changed

    # -- a person settles rows in review (bulkship.resolve checks the vendor first) -----------------------

    def settle_review_at_vendor(
        self,
        batch: str,
        from_po: str,
        order: AdoptedOrder,
        *,
        payload: dict[str, Any] | None,
        detail: dict[str, Any],
        from_absent: bool = False,
    ) -> None:
        """Rows waiting for review on ``from_po`` are at the vendor in ``order`` (``order.rows``: each tied
        to a line, or confirmed by a person): they become ``ordered`` on its PO, and the order ``created``
        (taken into the ledger if it is not there yet). ``payload`` replaces the stored one (None keeps it).
        A held ``from_po`` left without rows is cancelled when this ledger never sent it or the vendor
        provably does not hold it (``from_absent``).
        Guarded: only rows still in review on ``from_po``, only an order in review, in doubt or created."""
        at, vendor, po = now_iso(), order.vendor_order, order.po_number
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM orders WHERE po_number = ?", (po,)).fetchone() is None:
                db.execute(
                    "INSERT INTO orders(po_number, batch, seq, base_po, state, vendor_order_id, status,"
                    " payload, cost, lines, error, created, updated)"
                    " VALUES (?, ?, ?, ?, 'created', ?, ?, ?, ?, ?, ?, ?, ?)",
                    (po, batch, order.seq, order.base_po, vendor.id, vendor.status, json.dumps(payload or {}),
                     str(vendor.cost), len(vendor.line_items), order.note, at, at),
                )  # fmt: skip
            else:
                cur = db.execute(
                    "UPDATE orders SET state = 'created', vendor_order_id = ?, status = ?, error = NULL,"
                    " payload = COALESCE(?, payload), lines = ?, updated = ?"
                    " WHERE po_number = ? AND batch = ?"
                    " AND state IN ('review', 'sending', 'unknown', 'created')"
                    " AND (vendor_order_id IS NULL OR vendor_order_id = ?)",
                    (vendor.id, vendor.status, json.dumps(payload) if payload is not None else None,
                     len(vendor.line_items), at, po, batch, vendor.id),
                )  # fmt: skip
                if cur.rowcount != 1:
                    raise LedgerError(
                        f"Order {po} cannot be settled as vendor order {vendor.id} from its state"
                    )
            self._settle_rows(db, batch, from_po, order.rows, at, to_po=po)
            if (
                payload is not None
            ):  # rows still waiting keep their planned line in the payload, not a position
                db.execute(
                    "UPDATE rows SET line_index = NULL WHERE po_number = ? AND status = 'review'", (po,)
                )
            if from_po != po:
                self._cancel_if_emptied(
                    db, from_po, f"its rows were found at the vendor in order {po}", at, from_absent
                )
            self._event(db, batch, po, "review_settled_at_vendor", {**detail, "from_po": from_po})

    def release_review(
        self,
        batch: str,
        po: str,
        fingerprints: Sequence[str],
        *,
        same_po: bool,
        detail: dict[str, Any],
        absent: bool = False,
    ) -> None:
        """Rows waiting for review on ``po`` that the vendor provably does not hold go back to ``planned``:
        on ``po`` itself (``same_po``: the order goes back to ``planned``, its stored payload is sent by the
        next run), or without a PO (the next run plans them). Guarded like every transition."""
        at = now_iso()
        with self.transaction() as db:
            if same_po:
                cur = db.execute(
                    "UPDATE orders SET state = 'planned', error = NULL, updated = ? WHERE po_number = ?"
                    " AND batch = ? AND state IN ('review', 'sending', 'unknown')",
                    (at, po, batch),
                )
                if cur.rowcount != 1:
                    raise LedgerError(f"Order {po} cannot be released from its current state")
            for fp in fingerprints:
                cur = db.execute(
                    "UPDATE rows SET status = 'planned', error = NULL, updated = ?"
                    + ("" if same_po else ", po_number = NULL, line_index = NULL, line_item_id = NULL,"
                       " cost = NULL, line_status = NULL")
                    + " WHERE batch = ? AND fingerprint = ? AND po_number = ? AND status = 'review'",
                    (at, batch, fp, po),
                )  # fmt: skip
                if cur.rowcount != 1:
                    raise LedgerError(
                        f"A row of order {po} is no longer waiting for review; nothing was released"
                    )
            if not same_po:
                self._cancel_if_emptied(db, po, "its rows were released to be planned again", at, absent)
            self._event(
                db, batch, po, "review_released", {**detail, "same_po": same_po, "vendor_confirmed": True}
            )

    def _settle_rows(
        self,
        db: sqlite3.Connection,
        batch: str,
        from_po: str,
        rows: Sequence[AdoptedRow],
        at: str,
        *,
        to_po: str,
    ) -> None:
        for r in rows:
            cur = db.execute(
                "UPDATE rows SET status = 'ordered', po_number = ?, line_index = ?, line_item_id = ?,"
                " cost = ?, line_status = ?, error = NULL, updated = ? WHERE batch = ? AND fingerprint = ?"
                " AND po_number = ? AND status = 'review'",
                (to_po, r.line_index, r.line_item_id, _money(r.cost), r.line_status, at, batch, r.fingerprint,
                 from_po),
            )  # fmt: skip
            if cur.rowcount != 1:
                raise LedgerError(
                    f"Row {r.row} is no longer waiting for review on order {from_po}; nothing changed"
                )

    def _cancel_if_emptied(self, db: sqlite3.Connection, po: str, reason: str, at: str, absent: bool) -> None:
        """A held order (``review``) left without rows that this ledger never sent, or that the vendor
        provably does not hold (``absent``): it will never go out."""
        db.execute(
            "UPDATE orders SET state = 'cancelled', error = ?, updated = ? WHERE po_number = ?"
            " AND state = 'review'"
            " AND NOT EXISTS (SELECT 1 FROM rows WHERE rows.po_number = orders.po_number)"
            " AND (? OR NOT EXISTS (SELECT 1 FROM events WHERE events.po_number = orders.po_number"
            "                        AND events.kind = 'sending'))",
            (reason, at, po, absent),
        )


class LedgerThread:
    """A ledger's calls run on one background thread, off the event loop, with group commit.

    ``await writer.call(ledger.mark_sending, po)`` queues the call and resumes once it is **committed**:
    calls that arrive while the thread is busy (the other orders in flight) are applied together inside
    :meth:`Ledger.group`, one transaction and one fsync for all of them, each call keeping its own savepoint
    (one call's error is that caller's alone). So the intent is durable before the request leaves, as
    before, but eight orders in flight cost one fsync instead of eight, and the event loop never waits on
    the disk. Every ledger call of the submitter goes through here, reads included, so the connection is
    only ever used by this one thread while the submitter runs; :meth:`aclose` waits for the last call.
    """

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bulkship-ledger")
        self._pending: list[tuple[Callable[..., Any], tuple[Any, ...], asyncio.Future[Any]]] = []
        self._flusher: asyncio.Task[None] | None = None
        self.commits = 0  # how many group commits (diagnostics)

    async def call(self, method: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._pending.append((method, args, future))
        if self._flusher is None:
            self._flusher = loop.create_task(self._flush())
        return await future

    async def _flush(self) -> None:
        loop = asyncio.get_running_loop()
        calls: list[tuple[Callable[..., Any], tuple[Any, ...], asyncio.Future[Any]]] = []
        try:
            while self._pending:
                calls, self._pending = self._pending, []
                job = loop.run_in_executor(self._executor, self._apply, [(m, a) for m, a, _ in calls])
                results = await asyncio.shield(job)  # a cancelled caller never interrupts a commit
                for (_m, _a, future), (ok, value) in zip(calls, results, strict=True):
                    if future.done():  # its caller was cancelled
                        continue
                    if ok:
                        future.set_result(value)
                    else:
                        future.set_exception(value)
                calls = []
        except BaseException as exc:  # cancelled, or the thread was stopped: nobody may wait forever
            for _m, _a, future in [*calls, *self._pending]:
                if not future.done():
                    future.set_exception(LedgerError(f"The ledger call did not finish: {exc!r}"))
            self._pending = []
            raise
        finally:
            self._flusher = None

    def _apply(self, calls: list[tuple[Callable[..., Any], tuple[Any, ...]]]) -> list[tuple[bool, Any]]:
        """On the ledger thread: every call inside one group; after a failed commit, nothing happened."""
        results: list[tuple[bool, Any]] = []
        try:
            with self.ledger.group():
                for method, args in calls:
                    try:
                        results.append((True, method(*args)))
                    except Exception as exc:
                        results.append((False, exc))
        except Exception as exc:
            error = exc if isinstance(exc, LedgerError) else LedgerError(f"Cannot write the ledger: {exc}")
            return [(False, error)] * len(calls)
        self.commits += 1
        return results

    async def aclose(self) -> None:
        """Wait until every queued call is committed, then stop the thread."""
        try:
            while self._flusher is not None:
                await asyncio.shield(self._flusher)
        finally:
            self._executor.shutdown(wait=True)


def match_lines(
    external_ids: Sequence[str],
    vendor_order: VendorOrder,
    items: Sequence[Any] | None = None,
    *,
    recorded_send: bool = False,
) -> list[Any]:
    """For each of our lines, the vendor's line item proven to be it, or None. Never a guess:

    * the vendor echoes ExternalIds: by ExternalId (duplicates in order);
    * else without ``items`` (the vendor created our exact payload, 201): by position;
    * else (``items``: our line items, when the order may not be ours, e.g. a 409) a line matches a vendor
      line with the same ProductId, Value, Quantity **and full address**, when the vendor shows addresses;
    * else, when this ledger recorded sending exactly this payload under this PO (``recorded_send``): by
      position, if the vendor holds as many lines with the same ProductId, Value and Quantity in order;
    * else nothing matches: the rows need a person (the vendor echoes neither ExternalId nor address)."""
    vendor_lines = list(vendor_order.line_items)
    if vendor_lines and not any(li.external_id for li in vendor_lines):
        if items is None:
            return [vendor_lines[i] if i < len(vendor_lines) else None for i in range(len(external_ids))]
        if shows_addresses(vendor_order):
            free = list(range(len(vendor_lines)))
            matched: list[Any] = []
            for item in items:
                hit = next((i for i in free if same_line(item, vendor_order, i, full_address=True)), None)
                if hit is not None:
                    free.remove(hit)
                matched.append(vendor_lines[hit] if hit is not None else None)
            return matched
        if (
            recorded_send
            and len(items) == len(vendor_lines)
            and all(same_line(item, vendor_order, i) for i, item in enumerate(items))
        ):
            return vendor_lines[: len(items)]
        return [None] * len(external_ids)
    pool: dict[str, list[Any]] = {}
    for li in vendor_lines:
        pool.setdefault(li.external_id, []).append(li)
    found: list[Any] = []
    for ext in external_ids:
        candidates = pool.get(ext)
        found.append(candidates.pop(0) if candidates else None)
    return found


def _lines_of_rows(rows: Sequence[RowRecord], vendor_order: VendorOrder) -> list[Any]:
    """The vendor line of each ordered row: by ExternalId when the vendor echoes them, else the row's line
    index (the position recorded when the row was tied to the order)."""
    vendor_lines = vendor_order.line_items
    if any(li.external_id for li in vendor_lines):
        return match_lines([r.external_id or "" for r in rows], vendor_order)
    return [
        vendor_lines[r.line_index]
        if r.line_index is not None and 0 <= r.line_index < len(vendor_lines)
        else None
        for r in rows
    ]


def _fold(value: Any) -> str:
    return " ".join(str(value or "").split()).casefold()


def _raw_line(vendor_order: VendorOrder, index: int) -> dict[str, Any]:
    raw = vendor_order.raw
    lines = next((v for k, v in raw.items() if str(k).lower() == "lineitems"), None)
    if (
        isinstance(lines, list)
        and len(lines) == len(vendor_order.line_items)
        and isinstance(lines[index], dict)
    ):
        return lines[index]
    return {}


def _vendor_address(vendor_order: VendorOrder, index: int) -> dict[str, Any] | None:
    found = next(
        (v for k, v in _raw_line(vendor_order, index).items() if str(k).lower() == "physicaldeliveryaddress"),
        None,
    )
    return {str(k).lower(): v for k, v in found.items()} if isinstance(found, dict) else None


def shows_addresses(vendor_order: VendorOrder) -> bool:
    """Whether every line of the vendor's order shows its delivery address."""
    lines = vendor_order.line_items
    return bool(lines) and all(_vendor_address(vendor_order, i) is not None for i in range(len(lines)))


# What must agree for a vendor line to be tied to a row by its address alone.
FULL_ADDRESS = ("Name", "AddressLine1", "City", "State", "Zip")


def same_line(item: Any, vendor_order: VendorOrder, index: int, *, full_address: bool = False) -> bool:
    """Whether the vendor's line ``index`` is our line item ``item``: same ProductId, Value and Quantity,
    and the same recipient where the vendor shows the address (``full_address``: it must show it, and
    every field of :data:`FULL_ADDRESS` must agree)."""
    line = vendor_order.line_items[index]
    if not isinstance(item, dict):
        return False
    try:
        value_ok = Decimal(str(item.get("Value"))) == line.value
        quantity_ok = int(item.get("Quantity") or 1) == line.quantity
    except (ArithmeticError, ValueError, TypeError):
        return False
    if not (value_ok and quantity_ok and _fold(item.get("ProductId")) == _fold(line.product_id)):
        return False
    theirs = _vendor_address(vendor_order, index)
    ours = item.get("PhysicalDeliveryAddress")
    if theirs is None or not isinstance(ours, dict):
        return not full_address
    keys = FULL_ADDRESS if full_address else ("Name", "AddressLine1", "Zip")
    for key in keys:
        if key.lower() in theirs:
            if _fold(theirs[key.lower()]) != _fold(ours.get(key)):
                return False
        elif full_address:
            return False
    return True
