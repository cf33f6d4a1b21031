"""The submitter's state and what every layer of it uses: the ledger thread, progress, stopping the run, a
follow-up order."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Collection, Sequence
from decimal import Decimal
from typing import Any

from ..billing import charged_cost
from ..errors import BulkshipError, SpendLimitError, VendorError
from ..ledger import (
    OPEN_STATES,
    Ledger,
    LedgerThread,
    OrderRecord,
    PlannedLineRecord,
    PlannedOrderRecord,
    RowRecord,
)
from ..models import VendorOrder
from ..money import cents
from ..payload import line_items
from ..plan import replan_po
from ..reprice import cost_today
from ..spendingroom import SpendingRoom
from .room import RoomTally
from .shared import OrderClient, Reporter, SubmitOutcome, SubmitProgress, T


class _Base:
    """A submitter's state (client, ledger, batch, progress, outcome), its ledger thread, and a rejected or
    partly held order's follow-up ``<PO>-R<n>``."""

    def __init__(
        self,
        client: OrderClient,
        ledger: Ledger,
        batch: str,
        *,
        concurrency: int = 8,
        reporter: Reporter | None = None,
        hold_back: Collection[str] = (),
        resumed: bool = False,
        found_now: bool = False,
        new_here: bool = False,
        unchecked_ok: bool = False,
        room: SpendingRoom | None = None,
    ) -> None:
        self.client = client
        self.resumed = resumed  # the batch was planned before this run: asked of the vendor before sending
        self.found_now = found_now  # ... or found at the vendor by this run (a ledger that did not know it)
        self.new_here = new_here  # new to the ledger, nothing of it found at the vendor when this run began
        self.unchecked_ok = unchecked_ok  # --allow-repeat: sent all the same when that cannot be asked
        self.hold_back = frozenset(hold_back)  # planned POs this run must not send (left planned)
        self.ledger = ledger
        self.batch = batch
        self.concurrency = max(1, concurrency)
        self.reporter = reporter
        self.outcome = SubmitOutcome()
        self._queue: asyncio.Queue[str] = asyncio.Queue()
        self._consecutive_unknown = 0
        self.progress = SubmitProgress(0, 0)
        self._db: LedgerThread | None = None
        self._held_for_review = ""  # why every planned order of the batch is held (first unexpected 409)
        # first sends answered 409, not settled yet: no other order leaves until they are (another ledger's
        # order may hold the rows next in line: 10 went out twice while one 409 was read, hunter-vendor15 L6)
        self._conflicts: set[str] = set()
        self._no_conflict = asyncio.Event()
        self._no_conflict.set()
        self._batch_checked = False
        self._line_base: int | None = None  # whether the vendor's 400s count lines from 0 or 1, once told
        self.room = room  # what the vendor may charge beyond the plan before the run passes its limit
        self._tally = None if room is None else RoomTally(room, batch)  # the run's orders counted against it

    async def _ledger(self, method: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``method(*args, **kwargs)`` on the ledger thread, committed when this returns."""
        assert self._db is not None, "ledger calls happen inside run()"
        return await self._db.call(functools.partial(method, *args, **kwargs))

    def _report(self, po: str, outcome: str, ordered: int = 0, failed: int = 0) -> None:
        self.progress.orders_done += 1
        self.progress.rows_ordered += ordered
        self.progress.rows_failed += failed
        self.progress.last_po, self.progress.last_outcome = po, outcome
        if self.reporter:
            self.reporter(self.progress)

    def _count_cost(self, order: OrderRecord, vendor_order: VendorOrder) -> None:
        """Count what the vendor charged for ``order`` against the run's limit
        (:meth:`RoomTally.count_made`)."""
        if self._tally is not None:
            self._tally.count_made(order, vendor_order)

    async def _count_lost(self, order: OrderRecord) -> None:
        """Count ``order``, its answer lost, against the run's limit at its worst case: its lines at the
        vendor's prices of today, read again (:meth:`RoomTally.count_lost`); no limit, nothing is asked."""
        if self._tally is None:
            return
        try:
            catalog = await self.client.catalog(refresh=True)
        except VendorError:
            catalog = None
        stop = self._tally.count_lost(order, None if catalog is None else cost_today(order, catalog))
        if stop is not None:
            self._stop(stop)

    def _sent_again_at_today(
        self, order: OrderRecord, vendor_order: VendorOrder, *, created: bool
    ) -> tuple[Decimal, Decimal] | None:
        """(cost stored, cost now) of an order in doubt the vendor never got, made by its send again (a 201,
        not a 409 naming the original) and charged today's cost the person confirmed for it (the plan's
        worst case, :meth:`SpendingRoom.planned_cost`): its plan cost is that one now, as
        :func:`bulkship.reprice.reprice_planned` makes a planned order's. Kept at the old one, `reconcile`
        said 'cost planned 25.00 vs vendor 27.00' of a batch charged what was confirmed (hunter-money8's M3).
        None otherwise: a charge other than the one confirmed stays a difference from the plan."""
        today = None if self.room is None else self.room.dearer_in_doubt.get(order.po_number)
        if not created or order.state not in OPEN_STATES or today is None:
            return None
        shown = charged_cost(vendor_order, today)
        return (order.cost, today) if shown is not None and cents(shown) == cents(today) else None

    def _past_room(self) -> SpendLimitError | None:
        """Why no other order may leave (:meth:`RoomTally.past_room`)."""
        return None if self._tally is None else self._tally.past_room()

    def _past_room_at_the_end(self, left: bool) -> SpendLimitError | None:
        """Whether the orders that went out together took the run past its limit
        (:meth:`RoomTally.past_room_at_the_end`); ``left``: orders stay planned, not sent."""
        if self._tally is None:
            return None
        return self._tally.past_room_at_the_end(left=left, together=self.concurrency > 1)

    def _stop(self, exc: BulkshipError) -> None:
        if self.outcome.stopped is None:
            self.outcome.stopped = exc

    async def _follow_up(
        self, order: OrderRecord, rows: list[RowRecord], line_indexes: Sequence[int]
    ) -> None:
        """Put the given lines of ``order`` into ``<base PO>-R<n>`` (planned, then queued)."""
        po = await self._ledger(self._plan_follow_up, order, rows, line_indexes)
        self.outcome.follow_ups.append(po)
        self.progress.orders_total += 1
        self._queue.put_nowait(po)

    def _plan_follow_up(self, order: OrderRecord, rows: list[RowRecord], line_indexes: Sequence[int]) -> str:
        """On the ledger thread: save the follow-up order as ``planned``; its PO number."""
        payload = order.payload()
        items = line_items(order)
        attempt = self.ledger.replan_count(order.base_po) + 1
        po = replan_po(order.base_po, attempt)
        by_index = {r.line_index: r for r in rows}
        keep = sorted(line_indexes)
        new_payload = {**payload, "PONumber": po, "LineItems": [items[i] for i in keep]}
        lines = [
            PlannedLineRecord(row.fingerprint, new_index, row.external_id or "", row.cost or Decimal("0"))
            for new_index, row in enumerate(by_index[i] for i in keep)
        ]
        cost = sum((line.cost for line in lines), Decimal("0"))
        follow_up = PlannedOrderRecord(po, order.seq, order.base_po, new_payload, cost, lines)
        self.ledger.save_planned_orders(self.batch, [follow_up], replaces=order.po_number)
        return po
