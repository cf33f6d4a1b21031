"""A created order the vendor shows only in part, or without proving which line is whose (a part of
:class:`bulkship.submit.answers._Answers`): the rows with a proven line are ordered, the others wait for a
person, never sent again."""

from __future__ import annotations

from typing import Any

from ..errors import NotFoundError, VendorError
from ..ledger import LineOutcome, OrderRecord, RowRecord
from ..linematch import match_echoed
from ..models import VendorOrder
from .conflicts import _Conflicts


class _InPart(_Conflicts):
    """The vendor's create answer read again, and an order created in part recorded."""

    async def _read_again(self, vendor_order: VendorOrder, po_number: str) -> VendorOrder:
        """The order as the vendor holds it now (a create answer may show only some of its lines); the
        answer in hand when it cannot be read. An Id the vendor's reads do not know (404: an order number
        where reads take its GUID) is no Id to track it by: the order under ``po_number`` is looked up."""
        get_order = getattr(self.client, "get_order", None)
        if get_order is None or not vendor_order.id:
            return vendor_order
        try:
            again: VendorOrder = await get_order(vendor_order.id)
        except NotFoundError:
            look_up = getattr(self.client, "look_up_order", None)
            try:
                found = (await look_up(po_number)).order if look_up is not None else None
            except VendorError:
                found = None
            return found if found is not None and found.id else vendor_order
        except VendorError:
            return vendor_order
        return again

    async def _created_without_some(
        self, order: OrderRecord, rows: list[RowRecord], vendor_order: VendorOrder
    ) -> None:
        """The vendor created the order but shows only some of its lines, read twice: the rows it shows are
        ordered; the others are neither shown ordered (they may never ship) nor sent again (the vendor may
        hold them after all): they wait for a person."""
        matches = match_echoed([r.external_id or "" for r in rows], vendor_order)
        if not any(li.external_id for li in vendor_order.line_items):
            matches = [None] * len(rows)  # fewer lines and no ExternalIds: no line is provably which row
        shown = len(vendor_order.line_items)
        why = f"shows {shown} of its {len(rows)} lines, and none proven to be this row's"
        await self._created_in_part(order, rows, vendor_order, matches, why)

    async def _created_unproven(
        self, order: OrderRecord, rows: list[RowRecord], vendor_order: VendorOrder, matches: list[Any]
    ) -> None:
        """The vendor created the order and shows every line, but not in the order sent and without saying
        which is whose (no ExternalId): rows whose line is not proven by its content wait for a person."""
        why = (
            "lists its lines in another order than they were sent, without saying which line is whose, and "
            "none proven to be this row's (another row has the same card)"
        )
        await self._created_in_part(order, rows, vendor_order, matches, why)

    async def _created_in_part(
        self,
        order: OrderRecord,
        rows: list[RowRecord],
        vendor_order: VendorOrder,
        matches: list[Any],
        why: str,
    ) -> None:
        """Record the rows with a proven line as ordered; the others wait for a person, never sent again."""
        message = (
            f"Needs review, not shown ordered: the vendor created order {order.po_number} but {why}. "
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
