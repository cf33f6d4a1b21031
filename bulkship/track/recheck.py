"""Cards the vendor failed, read again before a run sends them again: the batch's own failed orders
(:func:`recheck_made_no_card`), those behind orders planned again but not sent (:func:`recheck_planned_again`)
and other batches' (:func:`recheck_other_batches`, for the repeat guard). A vendor that made such a card since
would otherwise get a second one on the ledger's old news; an order that cannot be read keeps its rows from
going out in this run (:func:`not_asked_again`, :func:`not_checked_again`, :func:`unread_note` say why)."""

from __future__ import annotations

import asyncio

from ..client.vendor import VendorClient
from ..errors import BulkshipError, LedgerError, NotFoundError, VendorError, VendorUnavailableError
from ..ledger import Ledger, OrderRecord
from ..payload import line_items
from ..reconcile.join import made_no_card
from ..statuses import NO_CARD_STATUSES
from .orders import CREDENTIAL_ERRORS, OrderMismatchError, refresh_order


async def recheck_made_no_card(
    client: VendorClient, ledger: Ledger, batch: str, concurrency: int, changed: set[str] | None = None
) -> dict[str, str]:
    """Read again, before a run sends them again, the orders whose rows the ledger shows made no card (a line
    Failed or Cancelled, nothing shipped): such an order is final and no longer polled, and a vendor that has
    fixed and shipped the line since would get a second card on the ledger's old news. Returns the POs that
    could not be read (PO -> why): their rows are not sent again in this run. Refused credentials raise.
    ``changed`` collects the batch's name when a read changed what the ledger holds of it."""
    pos = {po for _fingerprint, po in ledger.rows_made_no_card(batch)}
    pos |= held_as_cancelled(ledger, batch)  # ... and rows held so since: --allow-repeat may send them
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


def held_as_cancelled(ledger: Ledger, batch: str) -> set[str]:
    """The POs of the batch's rows held because the vendor cancelled their card (repeats.cancelled): read
    again before a run that may send them (--allow-repeat, a tick), as a vendor may have made it since."""
    from ..billing import line_ended_without_card

    held = ledger.current_rows_with_status(batch, "held")
    return {r.po_number for r in held if r.po_number and line_ended_without_card(r)}


async def read_orders_in_review(client: VendorClient, ledger: Ledger, batch: str, concurrency: int) -> None:
    """Read again, before a run plans, the batch's created orders with rows waiting for review: a read
    showing their lines by proof settles them (:mod:`.shownagain`, through :func:`refresh_order`). An order
    final by its ordered lines was read by nothing, its rows in doubt until `reconcile --settle-found`
    (session 48's leftover). One that cannot be read now keeps its rows waiting, as they were."""
    pos = set(ledger.orders_with_rows_in_review(batch))
    if not pos:  # the usual re-run: nothing to ask
        return
    orders = [o for o in ledger.orders(batch, states=("created",), payloads=False) if o.po_number in pos]
    gate = asyncio.Semaphore(max(1, concurrency))

    async def one(order: OrderRecord) -> None:
        async with gate:
            try:
                await refresh_order(client, ledger, order, source="run")
            except CREDENTIAL_ERRORS:
                raise
            except (BulkshipError, OrderMismatchError):  # unread: they wait for review, as before
                pass

    await asyncio.gather(*(one(o) for o in orders))


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
