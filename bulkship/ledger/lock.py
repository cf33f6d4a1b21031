"""The one lock-file helper: the ledger's process lock and the result workbook's write lock
(:mod:`bulkship.outputlock`) both use :class:`FileLock`.

An exclusive ``fcntl.flock`` on a file: the kernel drops it when its holder exits, even by SIGKILL, so a
crash never leaves a stale lock. The holder writes its pid in the file so that a refusal can name it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import LedgerLockedError


class FileLock:
    """An exclusive ``flock`` on ``path`` (created when missing)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.holder = ""  # after a failed acquire: the pid the holder wrote, or "unknown"
        self._fd: int | None = None

    def acquire(self, *, wait_s: float = 0.0, pause: Callable[[float], None] = time.sleep) -> bool:
        """Take the lock, trying again every 50 ms for up to ``wait_s``; False when another process still
        holds it then (``holder`` names it)."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    self.holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
                    os.close(fd)
                    return False
                pause(0.05)
        self._fd = fd
        with contextlib.suppress(OSError):  # who holds it, for a message; a full disk refused it (ENOSPC),
            os.ftruncate(fd, 0)  # which left the lock taken by an fd nobody would release
            os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        return True

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def ledger_lock(ledger_path: Path) -> FileLock:
    """Hold ``<ledger>.lock`` for this process, or raise :class:`LedgerLockedError` naming the holder."""
    lock = FileLock(ledger_path.with_name(ledger_path.name + ".lock"))
    if not lock.acquire():
        raise LedgerLockedError(
            f"Another bulkship process (pid {lock.holder}) is working on the ledger {ledger_path}; "
            "nothing was changed",
            hint="wait for it to finish, then run the same command again",
        )
    return lock


def lock_held(ledger_path: Path) -> bool:
    """Whether a live process holds ``<ledger>.lock``, read from the pid it writes (never by trying the
    lock: a check that took it for an instant could turn a real run away)."""
    try:
        text = ledger_path.with_name(ledger_path.name + ".lock").read_text("ascii", "replace").strip()
    except OSError:
        return False
    if not text.isdigit():
        return False  # released (emptied), or never taken
    try:
        os.kill(int(text), 0)
    except ProcessLookupError:
        return False  # killed while holding it: the kernel dropped the lock
    except OSError:
        return True  # alive, another user's
    return True
