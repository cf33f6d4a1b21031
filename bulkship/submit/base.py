"""The submitter's state and what every layer of it uses: the ledger thread, progress, stopping the run, a
follow-up order."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Collection, Sequence
from decimal import Decimal
from typing import Any

from ..billing import charged_beyond_plan, charged_cost, rounding_allowance
from ..confirm import SpendingRoom
from ..errors import BulkshipError, SpendLimitError
from ..ledger import Ledger, LedgerThread, OrderRecord, PlannedLineRecord, PlannedOrderRecord, RowRecord
from ..models import VendorOrder
from ..money import money_text
from ..payload import line_items
from ..plan import replan_po
from .shared import OrderClient, Reporter, SubmitOutcome, SubmitProgress, T

_LOOK_AGAIN = (
    "look at the batch's plan again (its cost page, or the same `bulkship run`): it shows what the orders "
    "left cost at the vendor's prices of today, what was charged counted too"
)


def _made_within(vendor_order: VendorOrder, stored: Decimal, planned: Decimal) -> Decimal:
    """What an order the vendor made counts at within ``planned``, its cost against the limit (for an
    order in doubt, the dearer of its ``stored`` cost and today's): what the vendor shows it charged, no
    less than stored, when that is less: one found made at its stored cost is not said to have cost
    today's price."""
    if planned == stored:
        return stored
    shown = charged_cost(vendor_order, planned)
    return planned if shown is None else min(max(shown, stored), planned)


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
        self._beyond_plan = Decimal(0)  # what the vendor charged beyond the plan for the orders it made
        self._first_beyond: tuple[str, Decimal, Decimal] | None = None  # the first such order: PO, cost, plan
        self._planned_made = Decimal(0)  # the planned cost of the orders the vendor made in this run
        self._room_stop: SpendLimitError | None = None  # the stop :meth:`_past_room` made, once

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
        """Count what the vendor charged for ``order`` beyond its plan (:meth:`_past_room` reads it); a
        cent a card or less is the vendor rounding otherwise than the plan (:func:`rounding_allowance`), not
        counted under a total shown and confirmed: at a web Send's room of 0, a vendor rounding a card a cent
        up would stop every Send after its first order (hunter-money6's L2). A cap the person typed
        (--max-total, a batch's budget) counts every cent."""
        planned = order.cost if self.room is None else self.room.planned_cost(order.po_number, order.cost)
        beyond = charged_beyond_plan(vendor_order, planned)
        self._planned_made += _made_within(vendor_order, order.cost, planned)
        rounding = self.room is not None and self.room.rounding
        if beyond > (rounding_allowance(line_items(order)) if rounding else 0):
            self._beyond_plan += beyond
            self._first_beyond = self._first_beyond or (order.po_number, planned + beyond, planned)

    def _past_room(self) -> SpendLimitError | None:
        """Why no other order may leave: the vendor charged more than planned (its prices raised during the
        run) beyond the room the run's limit leaves. Not checked, a fee raised after the first of five
        orders had `run --max-total 125` (and the web's Send of a cost page's 6,250.00) charge past it,
        exit 0 (found by hunter-money6)."""
        room = self.room
        if room is None or self._first_beyond is None or self._beyond_plan <= room.beyond_plan:
            return None
        po, charged, planned = self._first_beyond
        self._room_stop = self._room_stop or SpendLimitError(
            f"The vendor charged more than planned ({po}: {money_text(charged)}, planned "
            f"{money_text(planned)}): its prices may have changed since the plan. The orders left were not "
            f"sent, so that the run does not cost more than the {money_text(room.limit)} {room.said}; they "
            "stay to send",
            hint=_LOOK_AGAIN,
        )
        return self._room_stop

    def _past_room_at_the_end(self) -> SpendLimitError | None:
        """Once no order is in flight: whether the orders that went out together, before the vendor's
        answers showed its prices raised, took the run past its limit. Said so, as any stop: the first order
        went alone and the four after it left at once, 133.00 charged for `run --max-total 125`, exit 0 and
        nothing said (found by review31: aeb2766 stopped it only at concurrency 1); stopped by
        :meth:`_past_room` with orders left, it said "so that the run does not cost more than the 125.00
        allowed" of 130.00 charged by the three orders in flight (review31's leftover, review32)."""
        room = self.room
        if room is None or self._first_beyond is None:
            return None
        spent = room.before + self._planned_made + self._beyond_plan
        if spent <= room.limit:
            return None
        po, charged, planned = self._first_beyond
        left = self._room_stop is not None  # stopped with orders left to send
        gone = "other orders" if left else "the run's orders"
        return SpendLimitError(
            f"The vendor charged more than planned ({po}: {money_text(charged)}, planned "
            f"{money_text(planned)}): its prices may have changed since the plan. Its answers came after "
            f"{gone} had left: {money_text(spent)} counts against the {money_text(room.limit)} {room.said}"
            + ("; the orders left were not sent, they stay to send" if left else ""),
            hint=(_LOOK_AGAIN + "; " if left else "")
            + "compare the charges with the vendor's: bulkship reconcile BATCH (with --concurrency 1, no "
            "order leaves after one charged past the limit)",
        )

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
