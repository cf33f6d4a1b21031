"""The vendor's balance as the cost and approval pages show it, read again for each look at a plan kept from
an earlier one (a funded account is seen at once): through one client for the whole server, its token reused
as the vendor asks, on a thread and event loop of its own; a page waits for it a moment only, and when the
vendor is slow or failing says the balance is unknown for now rather than hanging.

Before, each look connected a client of its own: a new token (``POST /v1/Tokens``) and the balance on every
page view, and up to 15 s of waiting per view while the vendor was slow (found by review35, LO2)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
from typing import Any

from ..models import Balance
from ..settings import Settings

log = logging.getLogger(__name__)

PAGE_WAIT_S = 3.0  # how long a page waits for the vendor's balance before saying it is unknown for now
READ_TIMEOUT_S = 15.0  # one read's limit (no retry): a read the page gave up on may still finish meanwhile


class Unread:
    """The balance could not be read in time (or the vendor failed): unknown for now."""


UNREAD = Unread()


class BalanceReader:
    """One vendor client for the server's pages, made on first use and closed with the server."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._guard = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._client: Any = None
        self._reading: concurrent.futures.Future[Balance | None] | None = None
        self._closed = False

    def read(self, wait_s: float | None = None) -> Balance | Unread | None:
        """The balance now; None when the vendor offers none; :data:`UNREAD` when it did not answer within
        ``wait_s`` (or failed). Pages looking at once share one read; a read the page stopped waiting for
        goes on, and the next look waits for it rather than asking again."""
        with self._guard:
            if self._closed:
                return UNREAD
            if self._reading is None or self._reading.done():
                self._reading = asyncio.run_coroutine_threadsafe(self._read(), self._started())
            reading = self._reading
        try:
            return reading.result(timeout=PAGE_WAIT_S if wait_s is None else wait_s)
        except concurrent.futures.TimeoutError:
            return UNREAD
        except Exception as exc:  # a vendor error, no credentials: the page says the balance is unknown
            log.info("the vendor's balance could not be read: %s", exc)
            return UNREAD

    def _started(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="bulkship-balance", daemon=True)
            thread.start()
            self._loop, self._thread = loop, thread
        return self._loop

    async def _read(self) -> Balance | None:
        if self._client is None:
            from ..client import connect

            self._client = connect(self._settings, max_attempts=1, timeout_s=READ_TIMEOUT_S)
        result: Balance | None = await self._client.balance()
        return result

    def close(self) -> None:
        """The client closed and its thread stopped (the server stops)."""
        with self._guard:
            self._closed = True
            loop, thread, client = self._loop, self._thread, self._client
            self._loop = self._thread = self._client = None
        if loop is None or thread is None:
            return
        if client is not None:
            closing = asyncio.run_coroutine_threadsafe(client.aclose(), loop)
            try:
                closing.result(timeout=READ_TIMEOUT_S)
            except Exception:  # stopping anyway
                log.debug("the balance client did not close", exc_info=True)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=READ_TIMEOUT_S)
        if not thread.is_alive():
            loop.close()
