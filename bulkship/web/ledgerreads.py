"""One open of the ledger for a page's reads (issue 14). Each reader of :mod:`.batchledger` and :mod:`.state`
opened the ledger anew (a connection, its PRAGMAs, its schema's revision read): 14 times for one upload,
11.7 % of a web test's time. Inside :func:`one_open` the reads made in its thread share one open, made at
the first of them and closed at its end; elsewhere each read opens its own, as before.

Only the thread that entered :func:`one_open` shares it: a thread started inside (a reading apart, a run)
inherits the context but opens its own (a connection is never used by two threads). The schema is still
checked at every open: a page shown after a newer bulkship upgraded the ledger says so, as before. A read
that fails drops the shared open: the next one opens the ledger again."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from ..ledger import Ledger, ledger_exists
from ..settings import Settings


@dataclass
class _Shared:
    location: str
    thread: int
    ledger: Ledger | None = None

    def serves(self, settings: Settings) -> bool:
        return self.thread == threading.get_ident() and self.location == str(settings.ledger_location)


_SHARED: ContextVar[_Shared | None] = ContextVar("bulkship_web_one_open", default=None)


def _shared(settings: Settings) -> _Shared | None:
    found = _SHARED.get()
    return found if found is not None and found.serves(settings) else None


@contextlib.contextmanager
def one_open(settings: Settings) -> Iterator[None]:
    """The reads of this thread inside share one open of the ledger (none made when nothing is read)."""
    if _shared(settings) is not None:  # inside another: that one's
        yield
        return
    here = _Shared(str(settings.ledger_location), threading.get_ident())
    token = _SHARED.set(here)
    try:
        yield
    finally:
        _SHARED.reset(token)
        _drop(here)


def _drop(shared: _Shared) -> None:
    if shared.ledger is not None:
        shared.ledger.close()
        shared.ledger = None


@contextlib.contextmanager
def reading(settings: Settings) -> Iterator[Ledger | None]:
    """The ledger to read (None: there is none yet; nothing is created here): the shared open inside
    :func:`one_open`, else one of its own, closed after."""
    with _opened(settings, create=False) as ledger:
        yield ledger


@contextlib.contextmanager
def writing(settings: Settings) -> Iterator[Ledger]:
    """The ledger to record a page's event in, as :func:`reading` (made when there is none yet)."""
    with _opened(settings, create=True) as ledger:
        assert ledger is not None
        yield ledger


@contextlib.contextmanager
def _opened(settings: Settings, *, create: bool) -> Iterator[Ledger | None]:
    shared = _shared(settings)
    if shared is None:
        if not create and not ledger_exists(settings.ledger_location):
            yield None
            return
        with Ledger.open(settings.ledger_location, lock=False) as ledger:
            yield ledger
        return
    if shared.ledger is None and (create or ledger_exists(settings.ledger_location)):
        shared.ledger = Ledger(settings.ledger_location, lock=False)
    try:
        yield shared.ledger
    except BaseException:
        _drop(shared)  # (a connection lost, a newer schema: the next read opens it again and says so)
        raise
