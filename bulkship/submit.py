"""The submit stage: drive a batch's planned orders through the vendor client, exactly once.

For every order, in this order and without exception:

1. ``ledger.mark_sending(po)`` is **committed** (the intent, with the exact payload stored at plan time);
2. the stored payload goes out, unchanged, through ``client.create_order`` (the client retries transient
   failures with the same bytes and resolves a 409 to the original order);
3. the outcome is committed right after: a created order's in the same transaction as the next intent of
   the same worker (committed while that worker's next order is in flight), or alone when it has no next
   order; every other outcome at once, before anything else happens to that order. Until it is committed
   the order reads ``sending``, which a re-run resolves with the same PO (the vendor answers 409 with the
   original).

Each worker commits its next order's intent while the current request is in flight, so no ledger wait sits
between an answer and the next send. When the run stops (funds, credentials), an order whose intent was
committed but that never left goes back to what it was (``planned``, or ``unknown`` to resolve).

Work order: orders left ``sending``/``unknown`` by an earlier (crashed) run are resolved first, by re-sending
their stored payload: the vendor either creates it (it never arrived) or answers 409 with the original. They
are never re-planned under a new PO. Then ``planned`` orders, by sequence, ``concurrency`` at a time (the
client applies the rate limit).

Outcomes:

* created (201) or already there (409): rows ``ordered``. On a 409 the original's line items are matched to
  ours by ExternalId; lines the original lacks (possible only when a re-planned file put different rows under
  the same PO) go out in a follow-up order ``<PO>-R<n>``, so no row is silently dropped.
* 400: the vendor's ``LineItems[i]...`` messages are attributed to the rows on those lines, which end
  ``failed`` with the vendor's words; the other rows of the order go out in a follow-up ``<PO>-R<n>``. A 400
  that names no line fails every row of that order.
* 422 (funds), 401/403 (credentials): stop taking new orders, let those in flight finish, keep everything
  sent. The vendor did not create the order, so it goes back to ``planned`` (or stays ``unknown`` when an
  earlier attempt may have gone through). Re-running resumes.
* No definite answer after the client's retries: ``unknown``; retried once at the end of the run, and after
  :data:`MAX_CONSECUTIVE_UNKNOWN` in a row the run stops (the vendor is not answering).

Ledger access runs on one background thread (:class:`~bulkship.ledger.LedgerThread`): the event loop never
waits on an fsync, and the intents (and outcomes) of the orders in flight that reach the ledger together are
committed together, one fsync for several. Each send still waits for its own intent's commit, and the stored
payload JSON text is what goes out, byte for byte.

Progress goes to an optional ``reporter(SubmitProgress)`` callback; nothing here prints.
"""

from __future__ import annotations

import asyncio
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from .client.parse import po_number_of
from .errors import (
    AccessDeniedError,
    AuthenticationError,
    BulkshipError,
    InsufficientFundsError,
    OrderRejectedError,
    UnverifiableOrderError,
    VendorError,
)
from .ledger import (
    OPEN_STATES,
    Ledger,
    LedgerThread,
    LineOutcome,
    OrderRecord,
    PlannedLineRecord,
    PlannedOrderRecord,
    RowRecord,
)
from .linematch import match_lines, same_line
from .models import Balance, VendorOrder
from .payload import line_items
from .plan import batch_po_pattern, replan_po

MAX_CONSECUTIVE_UNKNOWN = 3
T = TypeVar("T")
# An outcome's ledger write not committed yet: it runs first in the worker's next claim, so it commits in
# the same transaction as the next intent (no wait of its own), or alone when the worker has no next order.
Unrecorded = Callable[[], object]
Claimed = tuple[OrderRecord, list[RowRecord]]  # an order marked sending, and its rows
_LINE_PATH = re.compile(r"lineitems\[(\d+)\]\.?(.*)", re.IGNORECASE)


class OrderClient(Protocol):
    """What submit needs of :class:`bulkship.client.VendorClient`."""

    async def create_order(
        self, payload: dict[str, Any], *, body: bytes | None = None, sent_before: bool = False
    ) -> Any: ...

    async def find_order(self, po_number: str) -> VendorOrder | None: ...

    async def list_orders(self, po_number: str | None = None) -> list[VendorOrder]: ...

    # look_up_order (found / absent / unknown) and order_listing (with completeness) are used when the
    # client has them (VendorClient does); a client without them is asked find_order / list_orders.

    async def balance(self) -> Balance | None: ...


@dataclass
class SubmitProgress:
    orders_total: int
    rows_total: int
    orders_done: int = 0
    rows_ordered: int = 0
    rows_failed: int = 0
    last_po: str = ""
    last_outcome: str = ""


Reporter = Callable[[SubmitProgress], None]


@dataclass
class SubmitOutcome:
    """What one submission pass did. ``stopped`` is the error that stopped it (funds, credentials)."""

    created: list[str] = field(default_factory=list)  # POs the vendor now holds (new or found)
    rejected: list[str] = field(default_factory=list)
    follow_ups: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # outcome still unknown: re-run resolves them
    not_sent: list[str] = field(default_factory=list)  # still planned because sending stopped
    stopped: BulkshipError | None = None
    missing_funds: Decimal | None = None  # after a 422: what the unsent orders need beyond the balance
    unsent_cost: Decimal = Decimal("0")


def _line_errors(exc: OrderRejectedError, line_count: int) -> tuple[dict[int, list[str]], list[str]]:
    """Vendor messages per line index, and those about the whole order."""
    per_line: dict[int, list[str]] = {}
    general: list[str] = []
    for path, messages in (exc.field_errors or {}).items():
        match = _LINE_PATH.match(path)
        texts = [str(m) for m in messages] if isinstance(messages, list) else [str(messages)]
        if match and int(match.group(1)) < line_count:
            where = match.group(2)
            per_line.setdefault(int(match.group(1)), []).extend(
                f"{where}: {t}" if where else t for t in texts
            )
        else:
            general.extend(f"{path}: {t}" if path else t for t in texts)
    return per_line, general


def _sent_before(ledger: Ledger, order: OrderRecord) -> bool:
    """On the ledger thread: whether this ledger recorded sending this PO before the current attempt (its
    state was sending/unknown, or an older bulkship sent it and put it back to planned)."""
    if order.state in OPEN_STATES:
        return True
    return sum(1 for e in ledger.events(po_number=order.po_number) if e.kind == "sending") > 1


def _shows_fewer(rows: Sequence[RowRecord], vendor_order: VendorOrder) -> bool:
    """The vendor's order shows its lines, but not every row's: fewer lines than rows, or ExternalIds
    without some row's."""
    lines = vendor_order.line_items
    if not lines:
        return False  # no lines shown at all: nothing to hold against the vendor's "created"
    if any(li.external_id for li in lines):
        return any(m is None for m in match_lines([r.external_id or "" for r in rows], vendor_order))
    return len(lines) < len(rows)


def _review_text(exc: VendorError) -> str:
    return f"Needs review: {exc.message}" + (f"; {exc.hint}" if exc.hint else "")


@dataclass(frozen=True)
class _Found:
    """An order already at the vendor, found by its PONumber: resolved like a 409."""

    order: VendorOrder
    created: bool = False


class Submitter:
    """Sends one batch's orders. Use :func:`submit_batch` unless you need to hold on to it."""

    def __init__(
        self,
        client: OrderClient,
        ledger: Ledger,
        batch: str,
        *,
        concurrency: int = 8,
        reporter: Reporter | None = None,
    ) -> None:
        self.client = client
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
        self._batch_checked = False

    async def _ledger(self, method: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``method(*args, **kwargs)`` on the ledger thread, committed when this returns."""
        assert self._db is not None, "ledger calls happen inside run()"
        return await self._db.call(functools.partial(method, *args, **kwargs))

    # -- driving ----------------------------------------------------------------------------------------

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
        planned = self.ledger.orders(self.batch, states=("planned",), payloads=False)
        todo = [*open_orders, *planned]
        self.progress = SubmitProgress(len(todo), sum(o.lines for o in todo))
        if planned and not open_orders and self._fresh_batch():
            # The batch's first order goes out alone: a 409 on it (this ledger never sent it: a lost ledger,
            # another machine) holds the rest for review before any other new PO number can go out.
            self._queue.put_nowait(todo.pop(0).po_number)
            await self._drain(workers=1)
        for order in todo:
            self._queue.put_nowait(order.po_number)
        await self._drain()
        retry = [po for po in self.outcome.unknown if self.outcome.stopped is None]
        if retry:  # one more try for answers that got lost: the same PO resolves either way
            self.outcome.unknown = []
            self._consecutive_unknown = 0
            for po in retry:
                self._queue.put_nowait(po)
            await self._drain()
        await self._finish()
        return self.outcome

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
        """Send orders one after another, keeping the ledger off the path between an answer and the next
        send: while an order is in flight, the next order's intent is committed (with the previous order's
        outcome, if it was held back). Every send still follows its own committed intent."""
        unrecorded: Unrecorded | None = None
        current = await self._claim_next(None)
        while current is not None:
            request = asyncio.ensure_future(self._post(current[0]))
            try:
                following = await self._claim_next(unrecorded)
            except BaseException:
                request.cancel()
                raise
            unrecorded = await self._settle(*current, await request)
            if following is not None and (self.outcome.stopped is not None or self._held_for_review):
                await self._release(following)
                following = None
            if following is None:  # nothing was left (follow-ups may have come since), or the run stopped
                following = await self._claim_next(unrecorded)
                unrecorded = None
            current = following

    async def _claim_next(self, unrecorded: Unrecorded | None) -> Claimed | None:
        """The next order of the queue, its intent committed (after ``unrecorded``, the outcome held back
        from the previous order); None when the queue is empty or the run stopped, ``unrecorded`` being
        committed alone then."""
        while self.outcome.stopped is None and not self._held_for_review:
            try:
                po = self._queue.get_nowait()
            except asyncio.QueueEmpty:
                break
            claimed = await self._ledger(self._claim, po, unrecorded)
            unrecorded = None
            if claimed is not None:
                return claimed
        if unrecorded is not None:
            await self._ledger(unrecorded)
        return None

    async def _release(self, claimed: Claimed) -> None:
        """An order whose intent was committed when the run stopped, that never left: as it was before
        (held for review instead, when the batch was held)."""
        order, _rows = claimed
        reason = "not sent: the run stopped before this order left"
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
            available = balance.available if balance else Decimal("0")
            self.outcome.missing_funds = max(self.outcome.unsent_cost - available, Decimal("0"))

    def _report(self, po: str, outcome: str, ordered: int = 0, failed: int = 0) -> None:
        self.progress.orders_done += 1
        self.progress.rows_ordered += ordered
        self.progress.rows_failed += failed
        self.progress.last_po, self.progress.last_outcome = po, outcome
        if self.reporter:
            self.reporter(self.progress)

    # -- one order --------------------------------------------------------------------------------------

    def _claim(self, po: str, unrecorded: Unrecorded | None) -> Claimed | None:
        """On the ledger thread: record the previous order's outcome, then the order and its rows, marked
        ``sending``; None when already settled."""
        if unrecorded is not None:
            unrecorded()
        order = self.ledger.order(po)
        if order is None or order.state not in ("planned", *OPEN_STATES):
            return None  # already settled (e.g. queued twice)
        self.ledger.mark_sending(po)
        return order, self.ledger.rows_by_po(po)

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
            return await self.client.create_order({"PONumber": order.po_number}, body=body)
        except VendorError as exc:
            return exc

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

    async def _settle(self, order: OrderRecord, rows: list[RowRecord], answer: Any) -> Unrecorded | None:
        """Act on the vendor's answer; returns the write of a created order's outcome, for the worker to
        commit with its next intent (every other outcome is committed here)."""
        po = order.po_number
        if isinstance(answer, OrderRejectedError):
            self._consecutive_unknown = 0
            await self._rejected(order, rows, answer)
        elif isinstance(answer, InsufficientFundsError | AuthenticationError | AccessDeniedError):
            await self._not_created(order, answer, order.state in OPEN_STATES)
            self._stop(answer)
        elif isinstance(answer, VendorError):
            # no definite answer (or a 409 we could not resolve): it may exist; the same PO resolves it later
            await self._ledger(self.ledger.record_unknown, po, answer.message)
            if isinstance(answer, UnverifiableOrderError):  # refused, and not checkable: a person looks
                await self._ledger(self.ledger.mark_review, po, _review_text(answer))
            self.outcome.unknown.append(po)
            self._report(po, "unknown")
            self._consecutive_unknown += 1
            if self._consecutive_unknown >= MAX_CONSECUTIVE_UNKNOWN:
                self._stop(answer)
        else:
            self._consecutive_unknown = 0
            ours = bool(getattr(answer, "after_lost_answer", False))
            return await self._created(order, rows, answer.order, created=bool(answer.created), ours=ours)
        return None

    def _stop(self, exc: BulkshipError) -> None:
        if self.outcome.stopped is None:
            self.outcome.stopped = exc

    async def _not_created(self, order: OrderRecord, exc: VendorError, may_exist: bool) -> None:
        reason = f"{exc.status_code or ''} {exc.message}".strip()
        if may_exist:  # an earlier attempt may still have gone through: keep it for resolution
            await self._ledger(self.ledger.record_unknown, order.po_number, reason)
            self.outcome.unknown.append(order.po_number)
        else:
            await self._ledger(self.ledger.record_not_sent, order.po_number, reason)
        self._report(order.po_number, "not sent")

    async def _created(
        self,
        order: OrderRecord,
        rows: list[RowRecord],
        vendor_order: VendorOrder,
        *,
        created: bool,
        ours: bool = False,
    ) -> Unrecorded | None:
        """Record what the vendor holds. When every row is in it (the usual case) the write is handed back
        to the worker, to commit with its next intent; otherwise it is committed now and the missing rows go
        out in a follow-up order. ``ours``: this call's own lost attempt may have created it."""
        recorded_send = created or ours or await self._ledger(_sent_before, self.ledger, order)
        if not created and not recorded_send:
            # a 409 for a PO number this ledger never sent (a lost ledger, another machine): no other new PO
            # number of this batch goes out that could hold a row the vendor already has
            await self._check_batch(order)
        if created and _shows_fewer(rows, vendor_order):
            vendor_order = await self._read_again(vendor_order)
            if _shows_fewer(rows, vendor_order):
                await self._created_without_some(order, rows, vendor_order)
                return None
        if created or (recorded_send and not vendor_order.line_items):
            # our exact payload was accepted (201), or it is our recorded send and its lines are not shown
            matches = match_lines([r.external_id or "" for r in rows], vendor_order)
            missing: list[Any] = []
        else:
            matches, missing, review, note = await self._check_original(
                order, rows, vendor_order, recorded_send
            )
            if review:
                await self._settle_conflict(order, rows, vendor_order, matches, missing, review, note)
                return None
        outcomes = [
            LineOutcome(
                row.fingerprint,
                line.id if line is not None else None,
                line.cost if line is not None and line.cost is not None else row.cost,
                (line.status or "").lower() or None if line is not None else None,
            )
            for row, line in zip(rows, matches, strict=True)
            if row not in missing
        ]
        record = functools.partial(
            self.ledger.record_created,
            order.po_number,
            vendor_order,
            outcomes,
            created=created,
            missing=[r.fingerprint for r in missing],
        )
        if missing:
            await self._ledger(record)
        self.outcome.created.append(order.po_number)
        self._report(order.po_number, "created" if created else "already existed", ordered=len(outcomes))
        if not missing:
            return record
        await self._follow_up(order, rows, [r.line_index for r in missing if r.line_index is not None])
        return None

    async def _read_again(self, vendor_order: VendorOrder) -> VendorOrder:
        """The order as the vendor holds it now (a create answer may show only some of its lines); the
        answer in hand when it cannot be read."""
        get_order = getattr(self.client, "get_order", None)
        if get_order is None or not vendor_order.id:
            return vendor_order
        try:
            again: VendorOrder = await get_order(vendor_order.id)
        except VendorError:
            return vendor_order
        return again

    async def _created_without_some(
        self, order: OrderRecord, rows: list[RowRecord], vendor_order: VendorOrder
    ) -> None:
        """The vendor created the order but shows only some of its lines, read twice: the rows it shows are
        ordered; the others are neither shown ordered (they may never ship) nor sent again (the vendor may
        hold them after all): they wait for a person."""
        matches = match_lines([r.external_id or "" for r in rows], vendor_order)
        if not any(li.external_id for li in vendor_order.line_items):
            matches = [None] * len(rows)  # fewer lines and no ExternalIds: no line is provably which row
        message = (
            f"Needs review, not shown ordered: the vendor created order {order.po_number} but shows "
            f"{len(vendor_order.line_items)} of its {len(rows)} lines, and none proven to be this row's. "
            f"Nothing more was sent for it; compare the batch with the vendor: bulkship reconcile "
            f"{self.batch} --review"
        )
        outcomes = [
            LineOutcome(row.fingerprint, line.id, line.cost if line.cost is not None else row.cost,
                        (line.status or "").lower() or None)
            for row, line in zip(rows, matches, strict=True)
            if line is not None
        ]  # fmt: skip
        waiting = [row.fingerprint for row, line in zip(rows, matches, strict=True) if line is None]
        await self._ledger(
            self.ledger.record_created, order.po_number, vendor_order, outcomes, created=True,
            missing=waiting, missing_error=message,
        )  # fmt: skip
        self.outcome.created.append(order.po_number)
        self._report(order.po_number, "created, some lines need review", ordered=len(outcomes))

    async def _check_batch(self, order: OrderRecord) -> None:
        """The first 409 for a PO number this ledger never sent: before any other new PO number of the batch
        goes out, the vendor's orders of the batch are read. Planned orders holding a row the vendor has
        under another PO number are held for review; when that cannot be shown (the list is not complete,
        or its lines show no ExternalIds), every planned order of the batch is held."""
        if self._batch_checked:
            return
        self._batch_checked = True
        hold = (
            f"Needs review, not sent: the vendor already held PO number {order.po_number}, which this ledger "
            "had never sent (the ledger was lost or replaced, or the batch ran on another machine)"
        )
        compare = f"see what the vendor holds and settle it: bulkship reconcile {self.batch} --review"
        at_vendor = await self._external_ids_at_vendor(order.base_po)
        pending = await self._ledger(self.ledger.orders, self.batch, ("planned",))
        if at_vendor is None:
            self._held_for_review = (
                f"{hold}, and the vendor's orders cannot show which rows they hold. Nothing more was sent "
                f"for this batch; {compare}"
            )
            held = [o.po_number for o in pending]
        else:
            held = []
            for planned in pending:
                rows = await self._ledger(self.ledger.rows_by_po, planned.po_number)
                elsewhere = {
                    at_vendor[r.external_id or ""] for r in rows if (r.external_id or "") in at_vendor
                }
                if elsewhere - {planned.po_number}:
                    held.append(planned.po_number)
        if held:
            reason = self._held_for_review or (
                f"{hold}; the vendor holds rows of this order under another PO number. Nothing was sent for "
                f"it; {compare}"
            )
            for po in await self._ledger(self.ledger.hold_for_review, held, reason):
                self._report(po, "needs review")

    async def _check_original(
        self, order: OrderRecord, rows: list[RowRecord], vendor_order: VendorOrder, recorded_send: bool
    ) -> tuple[list[Any], list[RowRecord], list[RowRecord], str]:
        """A 409's original order against ours: each row's verified vendor line (or None), the rows to send
        in a follow-up (certainly not at the vendor), the rows that need the user, and why."""
        items = line_items(order)
        ours = [
            items[r.line_index] if r.line_index is not None and r.line_index < len(items) else None
            for r in rows
        ]
        matches = match_lines(
            [r.external_id or "" for r in rows], vendor_order, ours, recorded_send=recorded_send
        )
        position = {id(li): i for i, li in enumerate(vendor_order.line_items)}
        review: list[RowRecord] = []
        for n, (row, line, item) in enumerate(zip(rows, matches, ours, strict=True)):
            if line is not None and not same_line(item, vendor_order, position[id(line)]):
                matches[n] = None  # same ExternalId, other card or recipient: not this row
                review.append(row)
        unmatched = [
            row for row, line in zip(rows, matches, strict=True) if line is None and row not in review
        ]
        note = (
            f"Needs review, not ordered: the vendor's order {order.po_number} (a PO number used before, by "
            "another plan or batch) does not show this row"
        )
        if not unmatched:
            return matches, [], review, note
        if not any(li.external_id for li in vendor_order.line_items):
            note += " (it shows no ExternalIds to tie its lines to rows)"
            return matches, [], review + unmatched, note
        elsewhere = await self._external_ids_at_vendor(order.base_po)
        if elsewhere is None:
            note += "; the vendor's orders could not all be listed to check whether it is under another PO"
            return matches, [], review + unmatched, note
        found = [row for row in unmatched if (row.external_id or "") in elsewhere]
        if found:
            where = sorted({elsewhere[row.external_id or ""] for row in found})
            note += f"; its ExternalId is at the vendor under {', '.join(where)}"
        return matches, [row for row in unmatched if row not in found], review + found, note

    async def _external_ids_at_vendor(self, base_po: str) -> dict[str, str] | None:
        """ExternalId -> PONumber over the vendor's orders of this batch's PO numbers (its stem exactly,
        follow-ups included); None when unknowable (the list is not provably complete)."""
        stem = re.sub(r"-\d+$", "", base_po)
        pattern = batch_po_pattern(stem)
        listing = getattr(self.client, "order_listing", None)
        try:
            if listing is None:
                orders, complete = await self.client.list_orders(), True
            else:
                listed = await listing(keep=lambda raw: bool(pattern.fullmatch(po_number_of(raw))))
                orders, complete = listed.orders, listed.complete
        except VendorError:
            return None
        if not complete:
            return None
        found: dict[str, str] = {}
        for vendor_order in orders:
            if not pattern.fullmatch(vendor_order.po_number):
                continue
            for line in vendor_order.line_items:
                if not line.external_id:
                    return None  # lines without ExternalId: nothing can be ruled out
                found.setdefault(line.external_id, vendor_order.po_number)
        return found

    async def _settle_conflict(
        self,
        order: OrderRecord,
        rows: list[RowRecord],
        vendor_order: VendorOrder,
        matches: list[Any],
        follow: list[RowRecord],
        review: list[RowRecord],
        note: str,
    ) -> None:
        """Rows the 409's original does not hold as sent: never re-sent on a guess. Verified rows are ordered,
        rows certainly not at the vendor go out in a follow-up, the others wait for the user."""
        compare = f"bulkship reconcile {self.batch} --review"
        message = f"{note}. Nothing was sent for it; compare the batch with the vendor: {compare}"
        outcomes = [
            LineOutcome(
                row.fingerprint,
                line.id,
                line.cost if line.cost is not None else row.cost,
                (line.status or "").lower() or None,
            )
            for row, line in zip(rows, matches, strict=True)
            if line is not None
        ]
        if outcomes:
            await self._ledger(
                self.ledger.record_created,
                order.po_number,
                vendor_order,
                outcomes,
                created=False,
                missing=[r.fingerprint for r in (*review, *follow)],
                missing_error=message,
            )
            self.outcome.created.append(order.po_number)
        else:  # nothing of ours is proven in it: a re-send of this PO would get the same answer
            await self._ledger(self.ledger.mark_review, order.po_number, message, hold_order=True)
        self._report(order.po_number, "needs review", ordered=len(outcomes))
        if follow:
            await self._follow_up(order, rows, [r.line_index for r in follow if r.line_index is not None])

    async def _rejected(self, order: OrderRecord, rows: list[RowRecord], exc: OrderRejectedError) -> None:
        per_line, general = _line_errors(exc, order.lines)
        by_index = {r.line_index: r for r in rows}
        if per_line:
            failed = {
                by_index[i].fingerprint: "; ".join(msgs) for i, msgs in per_line.items() if i in by_index
            }
        else:  # nothing points at a line: the whole order is wrong
            reason = "; ".join(general) or exc.message
            failed = {r.fingerprint: reason for r in rows}
        await self._ledger(self.ledger.record_rejected, order.po_number, exc.message, failed, body=exc.body)
        self.outcome.rejected.append(order.po_number)
        self._report(order.po_number, "rejected", failed=len(failed))
        good = [r.line_index for r in rows if r.fingerprint not in failed and r.line_index is not None]
        if good:
            await self._follow_up(order, rows, good)

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


async def submit_batch(
    client: OrderClient,
    ledger: Ledger,
    batch: str,
    *,
    concurrency: int = 8,
    reporter: Reporter | None = None,
) -> SubmitOutcome:
    """Send every unsent order of ``batch`` (resolving earlier unknown ones first)."""
    return await Submitter(client, ledger, batch, concurrency=concurrency, reporter=reporter).run()
