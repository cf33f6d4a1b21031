"""One writer at a time for a result workbook.

``bulkship run`` writes the batch's result workbook; ``bulkship track`` and the webhook receiver read it,
rebuild it from the ledger and replace it. Without a lock a rewrite built from the workbook as it was before
a ``run`` finished would replace the newer one and drop its rows. Every writer holds
:func:`output_lock` around its read-rebuild-replace (``run``: around its write), so those steps never
interleave.

The lock is a :class:`bulkship.ledger.lock.FileLock` (the ledger's lock helper) on a hidden file next to the
workbook (``.<name>.lock``): the kernel drops it when its holder exits, even by SIGKILL, so a crash never
leaves the workbook locked. A writer waits for the lock (rewriting 100k rows takes about half a minute) up to
:data:`LOCK_WAIT_S`.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import BulkshipError
from .ledger.lock import FileLock

LOCK_WAIT_S = 600.0


def lock_path(output: Path) -> Path:
    output = Path(output)
    return output.with_name(f".{output.name}.lock")


def _pause(seconds: float) -> None:
    """Between two tries for a busy lock (tests replace it to see that a writer had to wait)."""
    time.sleep(seconds)


@contextlib.contextmanager
def output_lock(output: Path, *, wait_s: float = LOCK_WAIT_S) -> Iterator[None]:
    """Hold the write lock of the workbook ``output`` (waiting up to ``wait_s`` for another writer)."""
    path = lock_path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path)
    if not lock.acquire(wait_s=wait_s, pause=lambda seconds: _pause(seconds)):
        raise BulkshipError(
            f"Another bulkship process has been writing the result workbook {output} for over "
            f"{wait_s:.0f} s; it was not rewritten (the ledger is up to date)",
            hint="when that process has finished, run the same command again",
        )
    try:
        yield
    finally:
        lock.release()
