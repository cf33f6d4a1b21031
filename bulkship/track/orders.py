"""One vendor order read and recorded: every poll (``run``'s wait, ``track``) and every webhook goes through
:func:`refresh_order`; when an order is final; a pass over many orders with its errors and refusals."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
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
    VendorUnavailableError,
)
from ..ledger import Ledger, OrderRecord
from ..models import VendorOrder
from ..payload import line_items
from ..reconcile.join import LedgerView, made_no_card
from ..silentorder import codes_note, codes_of, complete_says_nothing, complete_silent_note
from ..statuses import FINAL_LINE_STATUSES, FINAL_ORDER_STATUSES, NO_CARD_STATUSES

log = logging.getLogger("bulkship.track")

CREDENTIAL_ERRORS = (AuthenticationError, AccessDeniedError)
TRACK_ERROR_EVENT = "track_error"
CARD_MADE_LINE_STATUSES = frozenset({"complete", "shipped"})  # a card exists and is not delivered yet


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
        return not any(s in CARD_MADE_LINE_STATUSES or s == "pending" for s in line_statuses)
    return bool(line_statuses) and all(s in FINAL_LINE_STATUSES for s in line_statuses)


def open_orders(ledger: Ledger, batch: str) -> list[OrderRecord]:
    """Created orders of the batch that can still change: what a tracking pass polls."""
    view = LedgerView(ledger, batch)
    statuses = line_statuses_by_po(view)
    return [
        o
        for o in view.orders.values()
        if o.state == "created" and not order_is_final(o, statuses.get(o.po_number, []))
    ]


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


async def recheck_made_no_card(
    client: VendorClient, ledger: Ledger, batch: str, concurrency: int, changed: set[str] | None = None
) -> dict[str, str]:
    """Read again, before a run sends them again, the orders whose rows the ledger shows made no card (a line
    Failed or Cancelled, nothing shipped): such an order is final and no longer polled, and a vendor that has
    fixed and shipped the line since would get a second card on the ledger's old news. Returns the POs that
    could not be read (PO -> why): their rows are not sent again in this run. Refused credentials raise.
    ``changed`` collects the batch's name when a read changed what the ledger holds of it."""
    pos = {po for _fingerprint, po in ledger.rows_made_no_card(batch)}
    if not pos:  # the usual re-run: nothing to ask (and no order of the batch read)
        return {}
    orders = [o for o in ledger.orders(batch, payloads=False) if o.po_number in pos]
    gate = asyncio.Semaphore(max(1, concurrency))
    unread: dict[str, str] = {}

    async def one(order: OrderRecord) -> None:
        async with gate:
            try:
                found = await refresh_order(client, ledger, order, source="run")
                if found is None:
                    unread[order.po_number] = "the ledger holds no vendor order Id for it"
                elif found.changed and changed is not None:
                    changed.add(order.batch)
            except CREDENTIAL_ERRORS:
                raise
            except NotFoundError:
                pass  # the vendor no longer has it (a failed, refunded order dropped): it made no card
            except (VendorError, LedgerError, OrderMismatchError) as exc:
                unread[order.po_number] = exc.message

    await asyncio.gather(*(one(o) for o in orders))
    return unread


async def recheck_planned_again(client: VendorClient, ledger: Ledger, batch: str) -> dict[str, str]:
    """Before a run sends orders an earlier run planned but did not send (the web's cost page, a declined
    ``bulkship run``): rows on them that an earlier run planned again because the vendor showed their line
    failed (:func:`recheck_made_no_card` asked then, at the plan, not now) are asked about again: a planned
    order holding a row whose line the vendor's failed order now shows making a card (matched by ExternalId)
    is held for review, never sent on the old news (found by review15: a line shipped between the cost page
    and Send got a second card). Returns the planned POs that must not go out in this run (PO -> why): the
    failed order of one of their rows could not be read, so whether the vendor made that card since is
    unknown (a 404 means the vendor dropped the failed order: no card). Refused credentials raise."""
    planned = {o.po_number for o in ledger.orders(batch, states=("planned",), payloads=False)}
    failed = {e.po_number for e in ledger.events(batch, kinds=["made_no_card"]) if e.po_number}
    if not planned or not failed:  # the usual run: nothing to ask
        return {}
    waiting = {
        r.external_id: str(r.po_number)
        for r in ledger.batch_rows(batch)
        if r.status == "planned" and r.po_number in planned and r.external_id
    }
    hold: dict[str, str] = {}
    unread: dict[str, str] = {}
    for po in sorted(failed):
        order = ledger.order(po)
        if not waiting or order is None:
            continue
        try:
            if not order.vendor_order_id:
                raise VendorError("the ledger holds no vendor order Id for it")
            vendor_order = await client.get_order(order.vendor_order_id)
        except CREDENTIAL_ERRORS:
            raise
        except NotFoundError:
            continue
        except VendorError as exc:
            for planned_po in _planned_from(order, waiting, planned):
                unread.setdefault(planned_po, f"{po}: {exc.message}")
            continue
        made = [
            line
            for line in vendor_order.line_items
            if (line.status or "").lower() and (line.status or "").lower() not in NO_CARD_STATUSES
        ]
        for line in made:
            if line.external_id in waiting:
                hold.setdefault(waiting[line.external_id], f"{po} ({line.external_id}: {line.status})")
        # a vendor echoing no ExternalId: more cards made on the order than rows the ledger has ordered on it
        # says one of the lines it had failed was made since, which one unknown: every planned order waits
        if len(made) > _cards_kept(ledger, batch, po) and any(not line.external_id for line in made):
            for planned_po in planned:
                hold.setdefault(planned_po, f"{po} (a line it had failed: {made[-1].status})")
    for planned_po, why in sorted(hold.items()):
        ledger.hold_for_review(
            [planned_po],
            f"The vendor's order {why}, which had failed for this card, now shows it made or on its way: "
            "sending it again would be a second card. Compare with `bulkship reconcile`; release it only if "
            "the vendor made none",
        )
    return {po: why for po, why in unread.items() if po not in hold}


def _planned_from(order: OrderRecord, waiting: dict[str, str], planned: set[str]) -> set[str]:
    """The planned POs holding rows that were lines of ``order`` (by the ExternalIds it was sent with); all
    of them when its payload names no ExternalId (which rows it held is then unknown)."""
    sent = {str(item["ExternalId"]) for item in line_items(order) if item.get("ExternalId")}
    return {waiting[x] for x in sent if x in waiting} if sent else set(planned)


def not_asked_again(ledger: Ledger, batch: str, unread: dict[str, str]) -> BulkshipError | None:
    """Why rows the vendor failed were not sent again: their orders could not be read again."""
    rows = sum(1 for _fp, po in ledger.rows_made_no_card(batch) if po in unread) if unread else 0
    if not rows:
        return None
    return _unread(
        f"{rows} row(s) the vendor showed failed (no card made) were not sent again: whether the vendor has "
        "made the cards since is not known",
        {po: f"{po}: {reason}" for po, reason in unread.items()},
    )


def not_checked_again(held_back: dict[str, str]) -> BulkshipError | None:
    """Why planned orders were not sent: a row on them had failed at the vendor, and its failed order could
    not be read again to see whether the vendor has made that card since."""
    if not held_back:
        return None
    return _unread(
        f"{len(held_back)} planned order(s) were not sent: each holds a card the vendor had failed, and the "
        "vendor's failed order could not be read again to see whether it made the card since",
        {po: f"{po} (order {reason})" for po, reason in held_back.items()},
    )


def _unread(said: str, reasons: dict[str, str]) -> BulkshipError:
    """A run's stop for cards it did not send because an order could not be read: re-running asks again."""
    return VendorUnavailableError(
        f"{said} ({'; '.join(reason for _po, reason in sorted(reasons.items()))})",
        hint="re-run the same command once the vendor answers (a card it moved to an order of its own: once "
        "that order shows it failed, or ask the vendor): it asks again and sends each such card once",
    )


def unread_note(unread: dict[str, str]) -> str:
    """What a run says of other batches' failed orders it could not read again
    (:func:`recheck_other_batches`)."""
    why = "; ".join(f"{po}: {reason}" for po, reason in sorted(unread.items()))
    return (
        f"{len(unread)} order(s) of other batches, whose cards the vendor had failed, could not be read "
        f"again ({why}): a row of this list to one of their recipients is held as a repeat, since the vendor "
        "may have made that card since. Re-run once the vendor answers: it asks again."
    )


def _cards_kept(ledger: Ledger, batch: str, po: str) -> int:
    """The rows of ``po`` the ledger holds ordered with a card made (its lines the vendor did not fail)."""
    rows = ledger.batch_rows(batch)
    return sum(1 for r in rows if r.po_number == po and r.status == "ordered" and not made_no_card(r))


async def recheck_other_batches(
    client: VendorClient,
    ledger: Ledger,
    batch: str,
    api: str,
    since: str,
    concurrency: int,
    changed: set[str] | None = None,
) -> dict[str, str]:
    """Before a run compares its rows with the other batches' cards (:mod:`bulkship.repeats`): their rows
    the ledger shows made no card, read again at the vendor (see :func:`recheck_made_no_card`), for the
    batches of the same API active since ``since`` (the repeat window). A card the vendor has made since is
    then held as a repeat, never sent by a new list on old news. Returns the orders that could not be read
    (PO -> why): the repeat guard counts their failed cards as made (the vendor may have made them since).
    ``changed`` collects the batches whose ledger records such a read changed."""
    unread: dict[str, str] = {}
    for other in ledger.batches():
        if other.name == batch or other.api != api or max(other.created, other.updated) < since:
            continue
        unread.update(await recheck_made_no_card(client, ledger, other.name, concurrency, changed))
    return unread


@dataclass(frozen=True)
class PollOutcome:
    changed: int  # orders whose status or tracking changed
    errors: list[str]  # one line per order that could not be read or recorded
    stuck: set[str]  # POs that polling cannot move: the vendor has no such order, or it has another PO
    # POs whose reads say nothing more polling can follow (silentorder: Complete with lines that say nothing,
    # statuses written as numbers): --watch stops waiting for them. PO -> what to say of it
    quiet: dict[str, str] = field(default_factory=dict)


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
                give_up_on(order, f"the vendor has no order {order.vendor_order_id}")
            except (TransientVendorError, LedgerError) as exc:  # a slow vendor, a busy ledger: next pass
                errors.append(f"{order.po_number}: {exc.message} (will try again)")
            except BulkshipError as exc:
                give_up_on(order, exc.message + (f" ({exc.hint})" if exc.hint else ""))
            return False

    results = await asyncio.gather(*(one(o) for o in orders))
    if refused:
        raise _tracking_refused(*refused[0])
    return PollOutcome(sum(results), errors, stuck, quiet)


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
