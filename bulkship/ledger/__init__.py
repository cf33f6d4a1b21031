"""The ledger: bulkship's durable journal of batches, rows, orders and every vendor answer.

Where: ``Settings.ledger_location``: a SQLite file (``<data dir>/ledger.sqlite``, or ``--ledger PATH`` /
``BULKSHIP_LEDGER``; WAL journal, ``synchronous=FULL``: a commit survives a crash of the process *and* of the
machine), or a team's PostgreSQL database (``--ledger postgresql://…``). The same code runs both
(:mod:`.schema`, :mod:`.sql`).

Exactly-once rests on three rules kept here:

1. A row's PO number is written (order state ``planned``, with the exact payload) before anything is sent.
2. The intent to send (state ``sending``) is committed **before** the request leaves; the outcome
   (``created`` / ``rejected`` / ``unknown``, or back to ``planned`` when the vendor certainly did not
   create it) is committed right after. An order found in ``sending`` or ``unknown`` may exist at the
   vendor: it is only ever resolved with the same PO number and the same payload, never re-planned.
3. Only one process plans and sends a batch: ``run`` opens the ledger with ``lock=True`` and holds
   ``<ledger>.lock`` (SQLite: the whole ledger) or the batch's advisory lock (PostgreSQL: other batches run at
   once, from any machine); a second one gets :class:`~bulkship.errors.LedgerLockedError`. ``track``, the
   webhook receiver and the web pages open it with ``lock=False`` and write only the vendor's view of created
   orders and event lines, in short transactions serialised with every other writer; ``status`` opens it
   ``read_only``.

Order ``state`` (the guarded transitions are :data:`transitions.TRANSITIONS`): ``planned`` → ``sending`` →
``created`` | ``rejected`` | ``unknown`` (outcome not known yet: resolve by re-sending the stored payload,
whose 409 names the original) | back to ``planned`` (certainly not created); ``cancelled`` (a ``planned``
order that never left, dropped because its rows changed); ``review`` (held for a person: sending it could
order a row twice, e.g. after the vendor answered 409 for a PO this ledger never sent). ``status`` is the
vendor's order status (``Pending``, ``Complete``, ``Failed``), which never moves backwards.

Row ``status``: ``invalid`` | ``duplicate`` (as validate judged at the last run), ``held`` (valid but not
sent: it repeats a card already ordered, see :mod:`bulkship.repeats`; ``error`` says which), ``planned``
(to be ordered; with a ``po_number`` see that order's state), ``ordered`` (the vendor created its order),
``failed`` (the vendor rejected it; ``error`` has the vendor's words), ``review`` (it may be at the vendor
but cannot be tied to a vendor line: nothing more is sent for it; ``error`` says why). ``line_status`` is
the vendor's own line status (``pending``, ``complete``, ``shipped``, ``delivered``, ``failed``,
``cancelled``, or one bulkship does not know, verbatim), kept current by :meth:`Ledger.record_order_status`.

The package, one job a module: ``schema`` (opening; the tables are bulkship.db's migrations), ``sql``
(every SQL statement, portable to both back-ends), ``lock`` (the lock-file helper), ``records`` (typed
records and state names), ``store`` (connection, transactions, group commit), ``reads`` (the read API),
``batchlist`` (every batch at once, for the Batches list, and which are busy), ``writes`` (batches, rows,
planned and adopted orders), ``transitions`` (the order state machine), ``review`` (rows in review settled by
a person), ``identity`` (the ledger's own id, which its orders' Note carries), ``tracking`` (vendor
statuses), ``ordernotes`` (what an order's reading notes beside them: billed beside its lines, another
currency, not priced yet, a document of its own, fewer cards), ``thread`` (:class:`LedgerThread`). Line
matching lives in :mod:`bulkship.linematch`.

``Ledger.open(location, lock=True, read_only=False, batch=None)`` is a context manager; ``Ledger(location,
...)`` + ``close()`` also works. ``ledger_exists(location)`` says whether there is one to read.
"""

from __future__ import annotations

from ..addressmatch import shows_addresses
from ..linematch import FULL_ADDRESS, match_lines, same_line
from .batchlist import LedgerBatchList
from .identity import LedgerIdentity
from .linesteps import LINE_STATUS_RANK, ORDER_STATUS_RANK, is_step_back
from .lock import FileLock
from .reads import LedgerReads
from .records import (
    CARD_MADE_ROWS,
    ELSEWHERE,
    ELSEWHERE_NOTE,
    LEFT_OUT_ITEMS,
    LIVE_STATES,
    OPEN_STATES,
    ORDER_STATES,
    RELEASED_BESIDE,
    REVIEW_ITEMS,
    REVIEW_STATE,
    ROW_STATUSES,
    SET_ASIDE_ERROR,
    AdoptedOrder,
    AdoptedRow,
    BatchRecord,
    EventRecord,
    LineOutcome,
    OrderRecord,
    PlannedLineRecord,
    PlannedOrderRecord,
    RowRecord,
    RowUpdate,
    elsewhere_po,
    now_iso,
)
from .review import LedgerReview
from .schema import BUSY_TIMEOUT_MS, SCHEMA_VERSION
from .schema import exists as ledger_exists
from .thread import LedgerThread
from .tracking import LedgerTracking
from .transitions import TRANSITIONS, LedgerTransitions
from .writes import LedgerWrites


class Ledger(
    LedgerTransitions,
    LedgerReview,
    LedgerTracking,
    LedgerWrites,
    LedgerReads,
    LedgerBatchList,
    LedgerIdentity,
):
    """The journal: the read API, the run's records, the order state machine and the vendor's view, on one
    connection (see :class:`~bulkship.ledger.store.LedgerStore` for locking and threads)."""


__all__ = [
    "BUSY_TIMEOUT_MS",
    "CARD_MADE_ROWS",
    "ELSEWHERE",
    "ELSEWHERE_NOTE",
    "FULL_ADDRESS",
    "LEFT_OUT_ITEMS",
    "LINE_STATUS_RANK",
    "LIVE_STATES",
    "OPEN_STATES",
    "ORDER_STATES",
    "ORDER_STATUS_RANK",
    "RELEASED_BESIDE",
    "REVIEW_ITEMS",
    "REVIEW_STATE",
    "ROW_STATUSES",
    "SCHEMA_VERSION",
    "SET_ASIDE_ERROR",
    "TRANSITIONS",
    "AdoptedOrder",
    "AdoptedRow",
    "BatchRecord",
    "EventRecord",
    "FileLock",
    "Ledger",
    "LedgerThread",
    "LineOutcome",
    "OrderRecord",
    "PlannedLineRecord",
    "PlannedOrderRecord",
    "RowRecord",
    "RowUpdate",
    "elsewhere_po",
    "is_step_back",
    "ledger_exists",
    "match_lines",
    "now_iso",
    "same_line",
    "shows_addresses",
]
