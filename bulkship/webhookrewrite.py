"""The webhook receiver's rewrites of a batch's result workbook (a part of
:class:`bulkship.webhook.WebhookReceiver`): once deliveries have been quiet for ``rewrite_delay_s``
seconds (one rewrite for a burst of deliveries), and at once on shutdown."""

from __future__ import annotations

import asyncio
import logging

from starlette.concurrency import run_in_threadpool

from .errors import BulkshipError
from .ledger import Ledger
from .settings import Settings
from .track import rewrite_results

# the receiver's log, whose filter escapes what came from the network
log = logging.getLogger("bulkship.webhook")


class QuietRewrites:
    """The rewrites scheduled per batch, each replaced by the next delivery's until deliveries are quiet."""

    settings: Settings
    rewrite_delay_s: float | None
    _rewrites: dict[str, asyncio.Task[None]]
    rewrites_done: int

    async def _flush_rewrites(self) -> None:
        """On shutdown, write now what was waiting for a quiet moment: the ledger has changed, and the
        workbook must not be left behind it just because the receiver was stopped."""
        due = [batch for batch, task in self._rewrites.items() if not task.done()]
        for task in self._rewrites.values():
            task.cancel()
        for batch in due:
            try:
                await run_in_threadpool(self._rewrite, batch)
            except BulkshipError as exc:
                log.warning("webhook: could not rewrite the result workbook of %s: %s", batch, exc.message)

    def _schedule_rewrite(self, batch: str) -> None:
        if self.rewrite_delay_s is None:
            return
        previous = self._rewrites.get(batch)
        if previous is not None and not previous.done():
            previous.cancel()
        self._rewrites[batch] = asyncio.get_running_loop().create_task(self._rewrite_later(batch))

    async def _rewrite_later(self, batch: str) -> None:
        await asyncio.sleep(self.rewrite_delay_s or 0)
        try:
            await run_in_threadpool(self._rewrite, batch)
        except BulkshipError as exc:
            log.warning("webhook: could not rewrite the result workbook of %s: %s", batch, exc.message)
        except OSError as exc:  # a background task: say it, never let it die unseen
            log.warning("webhook: could not rewrite the result workbook of %s: %s", batch, exc)

    def _rewrite(self, batch: str) -> None:
        # its own connection: another thread
        with Ledger.open(self.settings.ledger_location, lock=False) as ledger:
            record = ledger.batch(batch)  # the label names where the batch's orders went, not this receiver
            api = (record.api if record is not None else None) or self.settings.api_url
            output, warnings = rewrite_results(ledger, batch, api=api)
        for warning in warnings:
            log.warning("webhook: %s", warning)
        if output:
            self.rewrites_done += 1
            log.info("webhook: rewrote %s", output)

    async def wait_for_rewrites(self) -> None:
        """For tests and shutdown: let scheduled rewrites finish."""
        pending = [t for t in self._rewrites.values() if not t.done()]
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
