"""Reading the vendor's orders: one by Id (checked to be that order), one looked up by PONumber (found,
provably absent, or unknown), and the order list (every page, each order once, summaries read in full, and
whether the list is provably complete)."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from ..errors import AuthenticationError, VendorError, VendorUnavailableError
from ..models import VendorOrder
from ..statuses import NO_CARD_STATUSES, status_letters
from .paging import _Paged, _shape
from .parse import page_records, parse_order, po_number_of, text
from .parse.values import VendorObject
from .refusals import error_message

# Listed orders that show no PONumber are read one by one to learn it: at most this many per listing (a
# large account's whole history is not read order by order), this many at once.
MAX_READS_FOR_PO = 2_000
READS_AT_ONCE = 8


@dataclass(frozen=True)
class Listing:
    """Orders the vendor listed, and whether the list is provably all of them (and why not)."""

    orders: list[VendorOrder]
    complete: bool
    why_incomplete: str = ""
    # every order was listed and read (the list read to its end), though it may not prove a PO absent (its
    # orders show no PONumber): a search of their lines (recipients, ExternalIds) saw them all
    every_order_read: bool = False


@dataclass(frozen=True)
class LookUp:
    """One PONumber asked of the vendor: found (``order``), provably ``absent``, or unknown (see why)."""

    po_number: str
    order: VendorOrder | None
    absent: bool
    why_unknown: str = ""

    @property
    def unknown(self) -> bool:
        return self.order is None and not self.absent


class _OrderReads(_Paged):
    """:class:`~.paging._Paged` with the vendor's orders read."""

    async def get_order(self, order_id: str) -> VendorOrder:
        """The order with this Id (alone, or the one record of a list: ``{"Data": [order]}``, ``[order]``).
        An answer that is not that order (an error body with 200, another order, a list of several) is
        VendorUnavailableError: nothing is recorded from it, and the next read tries again."""
        path = f"/v1/Orders/{quote(order_id, safe='')}"
        status, data = await self._call("GET", path, subject=f"order Id {order_id}")
        order = parse_order(data)
        listed = page_records(data) if not order.id else None
        if listed is not None and len(listed) == 1:  # the order as a list of one ({"Data": [order]})
            only = parse_order(listed[0])
            order = only if only.id and _is_order_with_id(only, order_id) else order
        if not _is_order_with_id(order, order_id):
            said = error_message(data) if data is not None else ""
            raise VendorUnavailableError(
                f"The vendor answered {status} to GET {path} with something that is not that order "
                f"({_shape(data)}" + (f": {said}" if said else "") + ")",
                hint="nothing was recorded from it; the next read asks again",
                status_code=status,
                body=data,
            )
        return order

    async def look_up_order(self, po_number: str) -> LookUp:
        """Found, provably absent, or unknown: the order list proves absence only when it is complete (the
        end of the list was reached) and every listed order shows its PONumber. A server that ignores the PO
        filter, caps its page size or hides PONumbers gives "unknown", never "absent". Found ends the reading
        at the page that shows the order (a server that ignores the filter is not read to its end)."""
        listing = await self.order_listing(po_number, stop_when_found=True)
        if listing.orders:
            return LookUp(po_number, listing.orders[0], absent=False)
        return LookUp(po_number, None, absent=listing.complete, why_unknown=listing.why_incomplete)

    async def find_order(self, po_number: str) -> VendorOrder | None:
        """The order with this PONumber, or None (not found, whether provably absent or not: see
        :meth:`look_up_order` where the difference matters)."""
        return (await self.look_up_order(po_number)).order

    async def list_orders(self, po_number: str | None = None) -> list[VendorOrder]:
        return (await self.order_listing(po_number)).orders

    async def order_listing(
        self,
        po_number: str | None = None,
        *,
        keep: Callable[[Any], bool] | None = None,
        stop_when_found: bool = False,
    ) -> Listing:
        """Every order the vendor lists (those with this PONumber only, filtered here too: a server may
        ignore the filter), and whether the list is provably complete. ``keep``: only the raw orders it
        accepts are read into orders and kept (reading every order of a large account costs far more than
        asking for its pages); completeness is judged on every order listed all the same.
        ``stop_when_found``: with ``po_number``, stop at the page that shows it (the list is then not read
        to its end: ``complete`` is False)."""
        params = {"poNumber": po_number} if po_number else {}
        hidden: list[Any] = []  # listed orders that show no PONumber: their own read may show it
        as_listed: list[Any] = []  # such orders beyond those held for reading, kept as listed
        too_many = False

        def matches(record: Any) -> bool:
            if po_number and po_number_of(record) != po_number.strip().upper():
                return False
            return keep is None or keep(record)

        def wanted(record: Any) -> bool:
            nonlocal too_many
            if po_number_of(record):
                return matches(record)
            if len(hidden) < MAX_READS_FOR_PO:  # a large account's orders are not all held in memory
                hidden.append(record)
            else:
                too_many = True
                if matches(record):  # as listed: by what else it shows (a line's ExternalId)
                    as_listed.append(record)
            return False

        def found(kept: list[Any]) -> bool:
            return stop_when_found and bool(po_number) and bool(kept)

        raw, complete, why = await self._pages("/v1/Orders", params, keep=wanted, stop=found)
        every_order_read = complete
        shown: list[Any] | None = None
        if complete and hidden:
            unread = "the vendor's order list does not show every order's PONumber"
            if too_many:
                why = f"{unread} (it lists more such orders than can be read one by one)"
            else:
                shown, why = await self._numbered(hidden)
            complete = shown is not None
        # each kept or not once (``keep`` may count what it sees): numbered by their reads, else as listed
        raw.extend(
            [*(r for r in hidden if matches(r)), *as_listed] if shown is None else filter(matches, shown)
        )
        raw = _once_each(raw)
        orders: list[VendorOrder] = []
        for record in raw:
            order = parse_order(record)
            if not order.line_items and order.id:  # listed as a summary: its lines are read in full
                try:
                    full = await self.get_order(order.id)
                except VendorError as exc:
                    if isinstance(exc, AuthenticationError):
                        raise
                    complete = every_order_read = False
                    why = f"it lists order {order.po_number or order.id} without its lines ({exc.message})"
                else:
                    order = full if full.po_number else dataclasses.replace(full, po_number=order.po_number)
            orders.append(order)
        return Listing(orders, complete, why, every_order_read)

    async def _numbered(self, hidden: list[Any]) -> tuple[list[Any] | None, str]:
        """Listed orders that show no PONumber, each as its own read shows it (``GET /v1/Orders/{id}``: a
        list of summaries may leave out what the order itself carries), or None and why the list then
        proves no PO absent. Without this a vendor listing no PONumbers left every row of a lost ledger's
        batch waiting for review for ever, its release refused as unprovable, its people never sent a card
        (hunter-vendor20's L6). A PONumber never changes: each Id is read once per client."""
        unread = "the vendor's order list does not show every order's PONumber"
        known: dict[str, str] = self.__dict__.setdefault("_po_of_id", {})
        ids = [text(record, "Id", "OrderId").strip() for record in hidden]
        if not all(ids):
            return None, unread
        to_read = sorted({i for i in ids if i.casefold() not in known})
        gate = asyncio.Semaphore(READS_AT_ONCE)
        read: dict[str, VendorOrder] = {}

        async def one(order_id: str) -> str:
            async with gate:
                try:
                    order = await self.get_order(order_id)
                except VendorError as exc:
                    if isinstance(exc, AuthenticationError):
                        raise
                    return f"{unread}, and order {order_id} could not be read ({exc.message})"
            if not order.po_number:
                return unread  # not on its own read either: nothing shows which PO it is
            known[order_id.casefold()] = order.po_number
            read[order_id.casefold()] = order
            return ""

        failures = [why for why in await asyncio.gather(*(one(i) for i in to_read)) if why]
        if failures:
            return None, failures[0]
        shown: list[Any] = []
        for record, order_id in zip(hidden, ids, strict=True):
            full = read.get(order_id.casefold())
            if full is not None and isinstance(full.raw, dict):
                shown.append(full.raw)
            else:  # read before: the listed record, with the PONumber its own read showed
                numbered = VendorObject(record) if isinstance(record, dict) else VendorObject()
                numbered["PONumber"] = known[order_id.casefold()]
                shown.append(numbered)
        return shown, ""


def _is_order_with_id(order: VendorOrder, order_id: str) -> bool:
    """A read's body is the order asked for: its Id (any case), or no Id but an order's fields; a status
    alone not one ending it ('error') nor beside an error message: a 200 ``{"status": "error", "message":
    ...}`` read as the order Failed left every row 'needs review', never read again (hunter-vendor6)."""
    if order.id or order.po_number or order.line_items:
        return not order.id or order.id.strip().casefold() == order_id.strip().casefold()
    status = status_letters(order.status)
    return bool(status) and status not in NO_CARD_STATUSES and not error_message(order.raw)


def _once_each(records: list[Any]) -> list[Any]:
    """Listed orders, each Id once: a list may show one order twice (a record per line of a join), and the
    same Id twice is one order, never a second one under its PO (another Id under it still is)."""
    seen: set[str] = set()
    kept: list[Any] = []
    for record in records:
        order_id = text(record, "Id", "OrderId").strip().casefold()
        if order_id and order_id in seen:
            continue
        seen.add(order_id)
        kept.append(record)
    return kept
