"""Orders in doubt asked of the vendor by their PO numbers before a limit is checked, none sent
(:func:`look_up_in_doubt`).

A run's lost answer may take a batch to its limit: the vendor made the order, and charged it. The next run
counted that order in doubt at its worst case against the same limit, and refused before asking the vendor
(a read, no spending): the batch could be settled only by raising the limit, though the money was spent
already (hunter-money9's L2, left to the lead). Asked first, an order the vendor shows is settled as found
(its rows ordered, its cost charged), as the run would have settled it; one it does not show stays in doubt,
still counted at its worst case, and goes out again only under a limit that allows it."""

from __future__ import annotations

from typing import Any

from ..ledger import OPEN_STATES, Ledger, OrderRecord, RowRecord
from .shared import SubmitOutcome, SubmitProgress, Unrecorded, _Found
from .submitter import Submitter


class _NotShown:
    """The vendor did not show the order (absent, or its look-up failed): it stays in doubt, not sent."""


class _LookFirst(Submitter):
    """A :class:`Submitter` that only asks: its orders in doubt are looked up, never sent again; an order a
    found one's answer plans (the lines it lacks, ``<PO>-R<n>``) is left planned for the run to send."""

    claimable = OPEN_STATES  # not planned ones (a found order's answer plans): the run sends those

    async def _run(self) -> SubmitOutcome:
        open_orders = self.ledger.orders(self.batch, states=OPEN_STATES, payloads=False)
        self.progress = SubmitProgress(len(open_orders), sum(o.lines for o in open_orders))
        for order in open_orders:
            self._queue.put_nowait(order.po_number)
        await self._drain()
        return self.outcome

    async def _post(self, order: OrderRecord) -> Any:
        found = await self._look_up(order.po_number)
        return _NotShown() if found is None else _Found(found)

    async def _settle(self, order: OrderRecord, rows: list[RowRecord], answer: Any) -> Unrecorded | None:
        if isinstance(answer, _NotShown):  # as it was: in doubt, the same PO number resolves it later
            reason = order.error or "sent before without an answer"
            await self._ledger(self.ledger.record_unknown, order.po_number, reason)
            return None
        return await super()._settle(order, rows, answer)


async def look_up_in_doubt(client: Any, ledger: Ledger, batch: str, *, concurrency: int = 8) -> int:
    """Ask the vendor for every order of ``batch`` in doubt (sent, no answer) by its PO number, sending
    nothing: those it shows are settled as found, the rest stay in doubt. How many are no longer in doubt."""
    before = len(ledger.orders(batch, states=OPEN_STATES, payloads=False))
    await _LookFirst(client, ledger, batch, concurrency=concurrency, resumed=True).run()
    return before - len(ledger.orders(batch, states=OPEN_STATES, payloads=False))
