"""Driving a batch's orders: earlier unsettled orders first, then planned ones ``concurrency`` at a time, each
worker reading its next order while the current one is in flight (:class:`Submitter`)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection
from decimal import Decimal
from typing import Any

from ..errors import InsufficientFundsError, VendorError
from ..ledger import OPEN_STATES, Ledger, LedgerThread, OrderRecord, RowRecord
from ..models import VendorOrder
from ..spendingroom import SpendingRoom
from .answers import _Answers
from .elsewhere import BeingSentElsewhereError
from .shared import Claimed, OrderClient, Reporter, SubmitOutcome, SubmitProgress, Unrecorded, _Found

# an order the run stopped before it left: its rows read 'Not sent yet: <this>. Re-run ...' (it said 'Not sent
# yet: not sent: the run stopped ...' once, found in session 47)
STOPPED_BEFORE_IT_LEFT = "the run stopped before this order left"


class Submitter(_Answers):
    """Sends one batch's orders. Use :func:`submit_batch` unless you need to hold on to it."""

    claimable: tuple[str, ...] = ("planned", *OPEN_STATES)  # the states of an order it sends

    async def run(self) -> SubmitOutcome:
        self._db = LedgerThread(self.ledger)
        try:
            return await self._run()
        finally:
            await self._db.aclose()
            self._db = None

    async def _run(self) -> SubmitOutcome:
        # PO numbers and line counts only: each order is read whole when it is claimed
        open_orders = self.ledger.orders(self.batch, states=OPEN_STATES, payloads=False)
        planned = [
            o
            for o in self.ledger.orders(self.batch, states=("planned",), payloads=False)
            if o.po_number not in self.hold_back
        ]
        todo = [*open_orders, *planned]
        self.progress = SubmitProgress(len(todo), sum(o.lines for o in todo))
        fresh = planned and not open_orders and self._fresh_batch()
        held_there = None
        if planned and (
            self.resumed
            or self.found_now
            or self.new_here
            or (fresh and self.ledger.order_counts(self.batch).get("cancelled"))
        ):
            # planned before this run (a plan dropped unsent here, a batch stopped part way), or from a look
            # at the vendor made before the plan was shown: its PO numbers may not be those another ledger
            # sending the same batch used (its own --po-prefix), so no 409 would stop them
            held_there = await self._check_sent_elsewhere(planned[0], [o.po_number for o in planned])
        if open_orders and self.resumed and self.outcome.stopped is None:
            await self._check_doubt_elsewhere(open_orders)
        if held_there is not None:  # its 409 holds the rest for review before they go out
            todo.remove(next(o for o in todo if o.po_number == held_there))
            self._queue.put_nowait(held_there)
            await self._drain(workers=1)
        elif fresh:
            # The batch's first order goes out alone: a 409 on it (this ledger never sent it: a lost ledger,
            # another machine) holds the rest for review before any other new PO number can go out.
            first = todo.pop(0)
            self._queue.put_nowait(first.po_number)
            await self._drain(workers=1)
            if self.new_here and todo and self.outcome.stopped is None and not self._held_for_review:
                # two runs that looked at the vendor before either sent see each other's first order now:
                # the other's, under its own --po-prefix, gave no 409, and every row went out twice (found
                # by hunter-vendor15). A list that cannot be read changes nothing here: the first look passed
                rest = [o.po_number for o in todo]
                held = await self._check_sent_elsewhere(first, rest, unread_stops=False)
                if held is not None:  # its 409 holds the rest for review before they go out
                    todo = [o for o in todo if o.po_number != held]
                    self._queue.put_nowait(held)
                    await self._drain(workers=1)
        for order in todo:
            self._queue.put_nowait(order.po_number)
        await self._drain()
        retry = [po for po in self.outcome.unknown if self.outcome.stopped is None]
        if retry:  # one more try for answers that got lost: the same PO resolves either way
            self.outcome.unknown = []
            self._consecutive_unknown = 0
            self.progress.orders_done -= len(retry)  # done once they are settled (or not) again
            for po in retry:
                self._queue.put_nowait(po)
            await self._drain()
        # every order had left before the vendor's answers showed its raised prices, or those in flight when
        # the run stopped for them took it past its limit all the same: said so
        stopped = self.outcome.stopped
        if (stopped is None or (self._tally is not None and stopped is self._tally.stop)) and (
            past := self._past_room_at_the_end(await self._planned_left())
        ):
            self.outcome.stopped = past
        if isinstance(self.outcome.stopped, BeingSentElsewhereError):
            await self._hold_plan(self.outcome.stopped)
        elif stopped is not None and self._tally is not None and stopped is self._tally.stop:
            # its rows' note is written once the prices are read again (note_left)
            self.outcome.left_note = self._tally.left_note
        self.outcome.charged_otherwise = self._tally is not None and self._tally.charged_otherwise
        await self._finish()
        return self.outcome

    async def _planned_left(self) -> bool:
        """Whether orders of this run stay planned, not sent (those held back were never its to send)."""
        if self._tally is None or self._tally.stop is None:
            return False  # nothing stopped the orders before they left
        planned = await self._ledger(self.ledger.orders, self.batch, ("planned",), payloads=False)
        return any(o.po_number not in self.hold_back for o in planned)

    async def _hold_plan(self, stopped: BeingSentElsewhereError) -> None:
        """Another computer or ledger is sending the batch, grouped its own way: the orders still planned here
        wait for review. Left planned, a run started again before it finished sent them beside its next
        orders, a second card each (found by hunter-vendor14); a person settles them once it has."""
        planned = await self._ledger(self.ledger.orders, self.batch, ("planned",), payloads=False)
        reason = (
            f"Needs review, not sent: {stopped.why}; this order's rows may be in its next orders. Nothing "
            f"was sent for it; {stopped.hint}"
        )
        for po in await self._ledger(self.ledger.hold_for_review, [o.po_number for o in planned], reason):
            self._report(po, "needs review")
        # orders in doubt are no longer sent again under their PO numbers: that run may hold their rows
        doubt = (
            f"Needs review: {stopped.why}; this order, sent before without an answer, may hold its rows, or "
            f"that run's orders may. Nothing more was sent for it; {stopped.hint}"
        )
        for order in await self._ledger(self.ledger.orders, self.batch, OPEN_STATES, payloads=False):
            await self._ledger(self.ledger.mark_review, order.po_number, doubt, hold_order=True)
            self._report(order.po_number, "needs review")

    def _fresh_batch(self) -> bool:
        """No order of this batch was ever sent (or taken from the vendor)."""
        counts = self.ledger.order_counts(self.batch)
        return not any(counts.get(state) for state in ("created", "rejected", "review", *OPEN_STATES))

    async def _drain(self, workers: int | None = None) -> None:
        count = self.concurrency if workers is None else workers
        tasks = [asyncio.create_task(self._worker()) for _ in range(count)]
        try:
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()

    async def _worker(self) -> None:
        """Send orders one after another, an order's intent committed just before it leaves (never ahead:
        a kill -9 then left an order that never left 'sending', counted as money in doubt, 5,000.00 where at
        most 2,500.00 could be charged: found by hunter-web29). While an order is in flight, the previous
        one's outcome is committed and the next order read, so that only its intent waits between an answer
        and the next send."""
        unrecorded: Unrecorded | None = None
        current = await self._claim_next(None)
        while current is not None:
            await self._no_conflict.wait()  # another worker's 409 is being settled: it may stop the run
            if (past := self._past_room()) is not None:  # only with an order left to send: it stays planned
                self._stop(past)
            if self.outcome.stopped is not None or self._held_for_review:
                if unrecorded is not None:
                    await self._ledger(unrecorded)
                await self._release(current)
                return
            request = asyncio.ensure_future(self._post(current[0]))
            try:
                following = await self._read_next(unrecorded)
            except BaseException:
                request.cancel()
                raise
            try:
                unrecorded = await self._settle(*current, await request)
            finally:
                self._conflict_settled(current[0].po_number)
            current = None if following is None else await self._claim_read(following)
            if current is None:  # nothing was read (follow-ups may have come since), settled meanwhile, or
                current = await self._claim_next(unrecorded)  # the run stopped
                unrecorded = None

    async def _read_next(self, unrecorded: Unrecorded | None) -> Claimed | None:
        """The next order of the queue still to send and its rows, read while another is in flight (after
        ``unrecorded``, the outcome held back from the previous order, is committed); its intent is not
        written yet: the run may stop before it leaves."""
        return await self._next(self._read, unrecorded)

    async def _claim_read(self, read: Claimed) -> Claimed | None:
        """The order ``read`` ahead, marked sending, unless the run stopped since (it stays as it was: nothing
        to undo) or it was settled meanwhile: None then."""
        await self._no_conflict.wait()  # another worker's 409 is being settled: it may stop the run
        if (past := self._past_room()) is not None:  # the order stays as it is
            self._stop(past)
        if self.outcome.stopped is not None or self._held_for_review:
            return None
        return await self._ledger(self._claim, read[0].po_number, None, read[1])

    async def _claim_next(self, unrecorded: Unrecorded | None) -> Claimed | None:
        """The next order of the queue, its intent committed (after ``unrecorded``, the outcome held back
        from the previous order); None when the queue is empty or the run stopped, ``unrecorded`` being
        committed alone then."""
        return await self._next(self._claim, unrecorded)

    async def _next(
        self, take: Callable[[str, Unrecorded | None], Claimed | None], unrecorded: Unrecorded | None
    ) -> Claimed | None:
        """The first order of the queue that ``take`` (:meth:`_read` or :meth:`_claim`, on the ledger thread)
        finds still to send, ``unrecorded`` committed before it; None when the queue is empty or the run
        stopped, ``unrecorded`` being committed alone then."""
        while self.outcome.stopped is None and not self._held_for_review:
            try:
                po = self._queue.get_nowait()
            except asyncio.QueueEmpty:
                break
            taken = await self._ledger(take, po, unrecorded)
            unrecorded = None
            if taken is not None:
                return taken
        if unrecorded is not None:
            await self._ledger(unrecorded)
        return None

    async def _release(self, claimed: Claimed) -> None:
        """An order whose intent was committed when the run stopped, that never left: as it was before
        (held for review instead, when the batch was held)."""
        order, _rows = claimed
        reason = STOPPED_BEFORE_IT_LEFT
        if order.state == "planned" and self._held_for_review:
            await self._ledger(self.ledger.record_not_sent, order.po_number, reason)
            await self._ledger(self.ledger.hold_for_review, [order.po_number], self._held_for_review)
        elif order.state in OPEN_STATES:  # an earlier run may have sent it: still to resolve with the same PO
            await self._ledger(self.ledger.record_unknown, order.po_number, order.error or reason)
        else:
            await self._ledger(self.ledger.record_not_sent, order.po_number, reason)

    async def _finish(self) -> None:
        unsent = await self._ledger(self.ledger.orders, self.batch, ("planned",), payloads=False)
        self.outcome.not_sent = [o.po_number for o in unsent]
        self.outcome.unsent_cost = sum((o.cost for o in unsent), Decimal("0"))
        if isinstance(self.outcome.stopped, InsufficientFundsError):
            try:
                balance = await self.client.balance()
            except VendorError:
                balance = None
            if balance is None:  # no balance to read (the documented API has none): what is missing is
                return  # not known, never the whole cost ("needs 476.70 more" of an account holding 400.00)
            if not balance.in_dollars:  # 50.00 EUR is no 50.00 of the dollars the rows cost: not compared
                self.outcome.funds_currency = balance.currency.strip().upper()
                return
            self.outcome.available_funds = balance.available
            self.outcome.missing_funds = max(self.outcome.unsent_cost - balance.available, Decimal("0"))

    def _claim(
        self, po: str, unrecorded: Unrecorded | None, rows: list[RowRecord] | None = None
    ) -> Claimed | None:
        """On the ledger thread: record the previous order's outcome, then the order and its rows (``rows``
        when read ahead), marked ``sending``; None when already settled."""
        claimed = self._read(po, unrecorded, rows)
        if claimed is not None:
            self.ledger.mark_sending(po)
        return claimed

    def _read(
        self, po: str, unrecorded: Unrecorded | None, rows: list[RowRecord] | None = None
    ) -> Claimed | None:
        """On the ledger thread: record the previous order's outcome, then read the order and its rows
        (``rows`` when read ahead); None when already settled (e.g. queued twice, or held while it waited)."""
        if unrecorded is not None:
            unrecorded()
        order = self.ledger.order(po)
        if order is None or order.state not in self.claimable:
            return None
        return order, self.ledger.rows_by_po(po) if rows is None else rows

    async def _post(self, order: OrderRecord) -> Any:
        """The vendor's answer to one order: a create result, or the VendorError it raised."""
        # the stored JSON text goes out as it is: the exact payload of plan time, not re-serialised
        body = order.payload_json.encode("utf-8")
        try:
            if order.state in OPEN_STATES:
                # an earlier send may have gone through: ask the vendor before sending it again, so that a
                # refusal of the re-send (funds, validation) is never mistaken for "not created". Absent or
                # unknown, the same PO number goes out again: the vendor's 409 names the original if any.
                found = await self._look_up(order.po_number)
                if found is not None:
                    return _Found(found)
                return await self.client.create_order(
                    {"PONumber": order.po_number}, body=body, sent_before=True
                )
            return await self.client.create_order(
                {"PONumber": order.po_number}, body=body, on_conflict=lambda: self._conflict(order.po_number)
            )
        except VendorError as exc:
            return exc

    def _conflict(self, po: str) -> None:
        self._conflicts.add(po)
        self._no_conflict.clear()

    def _conflict_settled(self, po: str) -> None:
        self._conflicts.discard(po)
        if not self._conflicts:
            self._no_conflict.set()

    async def _look_up(self, po: str) -> VendorOrder | None:
        """The vendor's order with this PO number if it can be found (a failed lookup finds nothing: the
        re-send with the same PO number is safe either way)."""
        look_up = getattr(self.client, "look_up_order", None)
        try:
            if look_up is None:
                return await self.client.find_order(po)
            found: VendorOrder | None = (await look_up(po)).order
            return found
        except VendorError:
            return None


def note_left(
    ledger: Ledger, batch: str, outcome: SubmitOutcome, hold_back: Collection[str], priced: bool | None
) -> None:
    """Each order a run's limit left planned says why, on its rows (..reconcile.join.outcome), and whether its
    cost is of the vendor's prices read again after the stop (``priced``; None: not read)."""
    note = outcome.left_note(priced) if outcome.left_note is not None else None
    if not note:
        return
    for order in ledger.orders(batch, states=("planned",), payloads=False):
        if order.po_number not in hold_back:
            ledger.record_not_sent(order.po_number, note)


async def submit_batch(
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
) -> SubmitOutcome:
    """Send every unsent order of ``batch`` (resolving earlier unknown ones first) but the planned POs of
    ``hold_back``, which stay planned (counted as not sent). ``resumed``: the batch was in the ledger before
    this run, so another ledger may have sent it since: the vendor's orders are read first (and when they
    cannot be, nothing is sent unless ``unchecked_ok``, the person's --allow-repeat). ``found_now``: this
    run found the batch at the vendor, new to the ledger (what it sends: rows whose found order the vendor
    failed): read again first, for orders made since.
    ``new_here``: new to the ledger, nothing of it found at the vendor: a 409 stops the run. ``room``: what
    the vendor may charge beyond the plan before the run passes its limit (no order leaves after that)."""
    return await Submitter(
        client,
        ledger,
        batch,
        concurrency=concurrency,
        reporter=reporter,
        hold_back=hold_back,
        resumed=resumed,
        found_now=found_now,
        new_here=new_here,
        unchecked_ok=unchecked_ok,
        room=room,
    ).run()
