"""One vendor order read and recorded: every poll (``run``'s wait, ``track``) and every webhook goes through
:func:`refresh_order`; when an order is final; a pass over many orders with its errors and refusals. Failed
cards read again before a run sends them again are in :mod:`.recheck`."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from ..client.vendor import VendorClient
from ..errors import (
    AccessDeniedError,
    AuthenticationError,
    BulkshipError,
    LedgerError,
    NotFoundError,
    TransientVendorError,
    VendorError,
)
from ..ledger import Ledger, OrderRecord
from ..models import VendorOrder
from ..reconcile.join import LedgerView
from ..silentorder import codes_note, codes_of, complete_says_nothing, complete_silent_note
from ..statuses import FINAL_LINE_STATUSES, FINAL_ORDER_STATUSES, NO_CARD_STATUSES
from .shownagain import settle_shown_again

log = logging.getLogger("bulkship.track")

CREDENTIAL_ERRORS = (AuthenticationError, AccessDeniedError)
TRACK_ERROR_EVENT = "track_error"
# a line whose card is made and not delivered yet: followed to its end. Named CARD_MADE_LINE_STATUSES before,
# as ledger.linesteps' other set is (the statuses proving a card was made, Returned among them): issue 14
CARD_ON_ITS_WAY = frozenset({"complete", "shipped"})


def line_statuses_by_po(view: LedgerView) -> dict[str, list[str]]:
    by_po: dict[str, list[str]] = {}
    for record in view.rows_by_fingerprint.values():
        if record.po_number and record.status == "ordered":
            by_po.setdefault(record.po_number, []).append((record.line_status or "").lower())
    return by_po


def order_is_final(order: OrderRecord, line_statuses: Sequence[str]) -> bool:
    """Nothing more can happen to it: every line delivered or failed, or the vendor failed (or cancelled)
    the order and none of its lines shows a card made or still to come (a line fulfilled, shipping or
    Pending is followed to its end, whatever the order says)."""
    if order.state != "created":
        return order.state in ("rejected", "cancelled")
    if (order.status or "").lower() in NO_CARD_STATUSES:
        # lines that say they are still to come (Pending) are followed too: left, they read pending for good,
        # neither a card on its way nor one to send again (lines that say nothing prove nothing either way)
        return not any(s in CARD_ON_ITS_WAY or s == "pending" for s in line_statuses)
    return bool(line_statuses) and all(s in FINAL_LINE_STATUSES for s in line_statuses)


def open_orders(ledger: Ledger, batch: str) -> list[OrderRecord]:
    """Created orders of the batch that can still change: what a tracking pass polls. An order final by its
    ordered lines with rows waiting for review on it too: a read may show their lines (.shownagain); polled
    no more, they waited for `reconcile --settle-found` (session 48's leftover). `track --watch` does not
    wait for them (:func:`bulkship.track.batch_progress` counts an order open by its lines alone)."""
    view = LedgerView(ledger, batch)
    statuses = line_statuses_by_po(view)
    waiting = {r.po_number for r in view.rows_by_fingerprint.values() if r.status == "review"}
    return [
        o
        for o in view.orders.values()
        if o.state == "created"
        and (_may_show_them(o, waiting) or not order_is_final(o, statuses.get(o.po_number, [])))
    ]


def _may_show_them(order: OrderRecord, waiting: Collection[str | None]) -> bool:
    """Whether a read of ``order`` may settle rows waiting for review on it: not once the vendor failed or
    cancelled the whole order (a line it shows then proves no card made: they wait for a person)."""
    return order.po_number in waiting and (order.status or "").lower() not in NO_CARD_STATUSES


class OrderMismatchError(BulkshipError):
    """The vendor's order carries another PO number than the ledger's: nothing was recorded."""


@dataclass(frozen=True)
class Refreshed:
    vendor_order: VendorOrder
    changed: bool  # whether the ledger changed


async def refresh_order(
    client: VendorClient, ledger: Ledger, order: OrderRecord, *, source: str = "poll"
) -> Refreshed | None:
    """Read one order from the vendor and record what it says: every poll (``run``'s wait, ``track``) and
    every webhook goes through here. None when the order has no vendor id yet. The vendor's order must carry
    the ledger's PO number: :class:`OrderMismatchError` otherwise, and nothing is recorded."""
    if not order.vendor_order_id:
        return None
    vendor_order = await client.get_order(order.vendor_order_id)
    if vendor_order.po_number and vendor_order.po_number != order.po_number:
        mismatch = OrderMismatchError(
            f"The vendor's order {order.vendor_order_id} carries PO {vendor_order.po_number}, but the "
            f"ledger has it as {order.po_number}; nothing was recorded",
            hint="run `bulkship reconcile " + order.batch + "` to compare the ledger with the vendor",
        )
        found = await _listed_under_its_po(client, order)
        if found is None:
            raise mismatch
        try:  # the order is no longer 'created' (a person settled it meanwhile): as before
            ledger.record_vendor_order_id(order.po_number, order.vendor_order_id, found)
        except LedgerError:
            raise mismatch from None
        vendor_order = found
    changed = ledger.record_order_status(order.po_number, vendor_order, source=source)
    # rows a 201 showing fewer lines left waiting, now shown by proof: ordered, as --settle-found would
    changed = await settle_shown_again(client, ledger, order, vendor_order) or changed
    return Refreshed(vendor_order, changed)


async def _listed_under_its_po(client: VendorClient, order: OrderRecord) -> VendorOrder | None:
    """The one order the vendor lists under ``order``'s PO, with another Id than the ledger's (which reads
    another PO's order: a create answered with another order's Id); None when it lists none, several, or
    none it can be asked for. Left as it was, the order's rows read 'pending' for good, its cards' news
    (shipped, failed) never recorded (hunter-vendor7's leftover, found again by hunter-vendor8)."""
    try:
        listed = [o for o in await client.list_orders(order.po_number) if o.po_number == order.po_number]
    except CREDENTIAL_ERRORS:
        raise
    except VendorError:
        return None
    if len(listed) != 1 or not listed[0].id or listed[0].id == order.vendor_order_id:
        return None
    return listed[0]


async def wait_until_settled(
    client: VendorClient, ledger: Ledger, batch: str, wait_s: float, concurrency: int
) -> None:
    """Poll the batch's created orders still Pending until they settle or ``wait_s`` runs out (what
    ``bulkship run`` does before writing its workbook; ``track`` takes over after)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait_s
    gate = asyncio.Semaphore(max(1, concurrency))
    delay = 0.25

    async def refresh(order: OrderRecord) -> None:
        async with gate:
            with contextlib.suppress(VendorError, OrderMismatchError):  # changes nothing; track retries
                await refresh_order(client, ledger, order, source="run")

    while True:
        waiting = [
            o
            for o in ledger.orders(batch, states=("created",))
            if o.vendor_order_id and (o.status or "").lower() not in FINAL_ORDER_STATUSES
        ]
        if not waiting or loop.time() >= deadline:
            return
        await asyncio.sleep(min(delay, max(0.0, deadline - loop.time())))
        delay = min(delay * 2, 5.0)
        await asyncio.gather(*(refresh(o) for o in waiting))


@dataclass(frozen=True)
class PollOutcome:
    changed: int  # orders whose status or tracking changed
    errors: list[str]  # one line per order that could not be read or recorded
    stuck: set[str]  # POs that polling cannot move: the vendor has no such order, or it has another PO
    # POs whose reads say nothing more polling can follow (silentorder: Complete with lines that say nothing,
    # statuses written as numbers): --watch stops waiting for them. PO -> what to say of it
    quiet: dict[str, str] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)  # of ``stuck``: the POs whose order the vendor has not


async def poll_orders(
    client: VendorClient, ledger: Ledger, orders: Sequence[OrderRecord], *, concurrency: int
) -> PollOutcome:
    """Poll ``orders`` with at most ``concurrency`` in flight. An order that fails is reported and the
    others go on; refused credentials stop the pass (raised once the requests in flight have ended)."""
    gate = asyncio.Semaphore(max(1, concurrency))
    errors: list[str] = []
    stuck: set[str] = set()
    refused: list[tuple[OrderRecord, VendorError]] = []
    quiet: dict[str, str] = {}
    missing: set[str] = set()

    def give_up_on(order: OrderRecord, reason: str) -> None:
        errors.append(f"{order.po_number}: {reason}")
        stuck.add(order.po_number)
        _log_track_error(ledger, order, reason)

    async def one(order: OrderRecord) -> bool:
        async with gate:
            if refused:  # every other order would be refused the same way
                return False
            try:
                refreshed = await refresh_order(client, ledger, order)
                if refreshed is not None:
                    said = _says_no_more(order.po_number, refreshed.vendor_order)
                    if said:
                        quiet[order.po_number] = said
                return refreshed is not None and refreshed.changed
            except CREDENTIAL_ERRORS as exc:
                refused.append((order, exc))
            except NotFoundError:
                missing.add(order.po_number)
                give_up_on(order, f"the vendor has no order {order.vendor_order_id}")
            except (TransientVendorError, LedgerError) as exc:  # a slow vendor, a busy ledger: next pass
                errors.append(f"{order.po_number}: {exc.message} (will try again)")
            except BulkshipError as exc:
                give_up_on(order, exc.message + (f" ({exc.hint})" if exc.hint else ""))
            return False

    results = await asyncio.gather(*(one(o) for o in orders))
    if refused:
        raise _tracking_refused(*refused[0])
    return PollOutcome(sum(results), errors, stuck, quiet, missing)


def _says_no_more(po_number: str, vendor_order: VendorOrder) -> str:
    """What to say of an order whose read says nothing polling can follow to its end, or ""."""
    codes = codes_of(vendor_order)
    if codes:
        return codes_note(po_number, codes)
    if complete_says_nothing(vendor_order):
        return complete_silent_note(po_number, len(vendor_order.card_lines))
    return ""


def _log_track_error(ledger: Ledger, order: OrderRecord, reason: str) -> None:
    """One ``track_error`` event per distinct problem: ``--watch`` meets the same one every pass."""
    last = [e for e in ledger.events(po_number=order.po_number) if e.kind == TRACK_ERROR_EVENT][-1:]
    if last and last[0].detail.get("error") == reason:
        return
    try:
        detail = {"error": reason, "vendor_order_id": order.vendor_order_id}
        ledger.log_event(order.batch, order.po_number, TRACK_ERROR_EVENT, **detail)
    except LedgerError as exc:  # the pass's report still carries the error
        log.warning("could not note the tracking error of %s in the ledger: %s", order.po_number, exc.message)


def _tracking_refused(order: OrderRecord, exc: VendorError) -> VendorError:
    """The same error class and exit code, saying where tracking stopped and what is left."""
    message = (
        f"Tracking stopped at order {order.po_number}: {exc.message}. Statuses read before that are "
        "recorded in the ledger; the result workbook was not rewritten in this pass"
    )
    hint = "; ".join(h for h in (exc.hint, "then run `bulkship track` again") if h)
    return type(exc)(message, hint=hint, status_code=exc.status_code)
