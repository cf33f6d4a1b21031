"""A server process marked as serving a SQLite ledger: a file of its own beside the ledger
(``<ledger>.servers/<token>.lock``) under an exclusive ``flock`` held for as long as it serves.

The kernel drops the lock when its holder ends, even by SIGKILL, and every process that reaches the ledger's
folder reaches the file: so a server of another pid namespace (another container on the same volume), whose
pid cannot be read here, is told gone once its file's lock is free. Before, a run whose container was killed
read 'Sending…' on the other container's page until the killed one started again (hunter-web24's LO1), as
it read on another machine sharing a PostgreSQL ledger before its lock there (:mod:`bulkship.db.locks`).

A check takes the file's lock shared, for an instant, only to see whether it is free: no process but its
holder ever takes it exclusively, so the check turns nothing away. A file found free is deleted (its holder
is gone for good: a token is never taken again), so a file missing from the folder is a holder gone too.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
from pathlib import Path

from ..private import private_folder

SUFFIX = ".lock"


def folder(ledger: Path) -> Path:
    """The folder of the lock files of the servers of the SQLite ledger ``ledger``."""
    return ledger.with_name(ledger.name + ".servers")


class ServingFile:
    """This process's file, locked until :meth:`release`."""

    def __init__(self, ledger: Path) -> None:
        self.token = secrets.token_hex(16)
        self._fd: int | None = None
        where = folder(ledger)
        self.path = where / f"{self.token}{SUFFIX}"
        try:
            private_folder(where)
            sweep(where)
            # locked under another name first, then named: a sweep of another server starting at the same
            # moment never finds it unlocked under its name (it would delete it, and this server read gone)
            temporary = where / f"{self.token}.new"
            fd = os.open(temporary, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            with contextlib.suppress(OSError):  # who holds it, for a person reading the folder
                os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
            os.rename(temporary, self.path)
        except OSError:  # a folder it cannot write: its runs are told gone by their pid, as before
            self.token = ""
            return
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()  # deleted while locked: no check reads it free meanwhile
        with contextlib.suppress(OSError):
            os.close(self._fd)  # the lock goes with it
        self._fd = None


def gone(ledger: Path, token: str) -> bool | None:
    """Whether the server process that took the lock file ``token`` beside ``ledger`` is gone: True when its
    file is free or deleted, False while it is held, None when this process cannot tell (the folder is out
    of its reach: another volume)."""
    where = folder(ledger)
    if not token or not token.isalnum() or not where.is_dir():
        return None
    return _free(where / f"{token}{SUFFIX}")


def sweep(where: Path) -> None:
    """The files of servers gone deleted from the folder (each of a server killed: it left its own)."""
    with contextlib.suppress(OSError):
        for path in where.iterdir():
            if path.name.endswith(SUFFIX):
                _free(path)


def _free(path: Path) -> bool:
    """Whether no process holds the lock file ``path`` (or it was deleted): then deleted."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return True
    except OSError:
        return False  # cannot be read: not said gone
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:  # its server holds it (BlockingIOError): alive; or it cannot be told: not said gone
        os.close(fd)
        return False
    with contextlib.suppress(OSError):
        path.unlink()  # its holder gone for good: no token is taken twice
    os.close(fd)
    return True
