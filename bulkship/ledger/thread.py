"""Group commit: the async submitter's ledger calls, run on one background thread off the event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import LedgerError

if TYPE_CHECKING:
    from . import Ledger

T = TypeVar("T")


class LedgerThread:
    """A ledger's calls run on one background thread, off the event loop, with group commit.

    ``await writer.call(ledger.mark_sending, po)`` queues the call and resumes once it is **committed**:
    calls that arrive while the thread is busy (the other orders in flight) are applied together inside
    :meth:`Ledger.group`, one transaction and one fsync for all of them, each call keeping its own savepoint
    (one call's error is that caller's alone). So the intent is durable before the request leaves, as
    before, but eight orders in flight cost one fsync instead of eight, and the event loop never waits on
    the disk. Every ledger call of the submitter goes through here, reads included, so the connection is
    only ever used by this one thread while the submitter runs; :meth:`aclose` waits for the last call.
    """

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bulkship-ledger")
        self._pending: list[tuple[Callable[..., Any], tuple[Any, ...], asyncio.Future[Any]]] = []
        self._flusher: asyncio.Task[None] | None = None
        self.commits = 0  # how many group commits (diagnostics)

    async def call(self, method: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._pending.append((method, args, future))
        if self._flusher is None:
            self._flusher = loop.create_task(self._flush())
        return await future

    async def _flush(self) -> None:
        loop = asyncio.get_running_loop()
        calls: list[tuple[Callable[..., Any], tuple[Any, ...], asyncio.Future[Any]]] = []
        try:
            while self._pending:
                calls, self._pending = self._pending, []
                job = loop.run_in_executor(self._executor, self._apply, [(m, a) for m, a, _ in calls])
                results = await asyncio.shield(job)  # a cancelled caller never interrupts a commit
                for (_m, _a, future), (ok, value) in zip(calls, results, strict=True):
                    if future.done():  # its caller was cancelled
                        continue
                    if ok:
                        future.set_result(value)
                    else:
                        future.set_exception(value)
                calls = []
        except BaseException as exc:  # cancelled, or the thread was stopped: nobody may wait forever
            for _m, _a, future in [*calls, *self._pending]:
                if not future.done():
                    future.set_exception(LedgerError(f"The ledger call did not finish: {exc!r}"))
            self._pending = []
            if not isinstance(exc, Exception):
                raise  # a cancellation goes on
            # an error (the server stopping: 'cannot schedule new futures after shutdown') is each caller's
            # now; raised here too, nobody awaits this task: 'Task exception was never retrieved' and a
            # traceback on the console of `bulkship serve` stopped mid-send (found by hunter-web5)
        finally:
            self._flusher = None

    def _apply(self, calls: list[tuple[Callable[..., Any], tuple[Any, ...]]]) -> list[tuple[bool, Any]]:
        """On the ledger thread: every call inside one group; after a failed commit, nothing happened."""
        results: list[tuple[bool, Any]] = []
        try:
            with self.ledger.group():
                for method, args in calls:
                    try:
                        results.append((True, method(*args)))
                    except Exception as exc:
                        results.append((False, exc))
        except Exception as exc:
            error = exc if isinstance(exc, LedgerError) else LedgerError(f"Cannot write the ledger: {exc}")
            return [(False, error)] * len(calls)
        self.commits += 1
        return results

    async def aclose(self) -> None:
        """Wait until every queued call is committed, then stop the thread."""
        try:
            while self._flusher is not None:
                await asyncio.shield(self._flusher)
        finally:
            self._executor.shutdown(wait=True)
