"""What the web server keeps of the files it read, and gives back: a few recent values of each kind
(:class:`Lru`), and the memory a sheet read, judged or refused freed, returned to the system
(:func:`giving_back`)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar, cast

from .. import memtrim
from ..errors import BulkshipError

K = TypeVar("K")
V = TypeVar("V")


class Turns:
    """At most ``at_once`` values made at once by all the :class:`Lru` sharing it; a request whose turn it
    is not yet waits for one. Different uploads read at once each held their reading's memory (eight of
    100,000 rows: the server at 1.2 GB) while the readings shared one interpreter's time (found by
    hunter-hostile11). A thread making a value goes on making those it needs (a review its sheet)."""

    def __init__(self, at_once: int) -> None:
        self._free = threading.Semaphore(at_once)
        self._mine = threading.local()

    def holding(self) -> bool:
        return getattr(self._mine, "depth", 0) > 0

    def take(self) -> None:
        depth = getattr(self._mine, "depth", 0)
        if depth == 0:
            self._free.acquire()
        self._mine.depth = depth + 1

    def give_back(self) -> None:
        self._mine.depth -= 1
        if self._mine.depth == 0:
            self._free.release()


class Lru(Generic[K, V]):
    """A few recent values (a 100k-row sheet holds a few hundred MB: keep only a few); made in ``turns``
    where given."""

    def __init__(self, size: int, turns: Turns | None = None) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()
        self._making: dict[K, _Making[V]] = {}
        self._turns = turns

    def get_or_make(self, key: K, make: Callable[[], V]) -> V:
        """The value kept for ``key``, else made once: a request asking for a value another is making waits
        for it. A page reloaded while a 100,000-row upload was read read it again beside the first reading,
        each reload one more (the memory and cores of every reading at once; found by hunter-hostile10). A
        value is made in its turn (:class:`Turns`), taken before it is said to be made: a request waiting
        for a making never waits for one that waits for a turn."""
        turns, turn = self._turns, False
        try:
            while True:
                with self._lock:
                    if key in self._items:
                        self._items.move_to_end(key)
                        return self._items[key]
                    making = self._making.get(key)
                    mine_to_make = making is None or making.thread == threading.get_ident()  # (in its own)
                    if mine_to_make and (turns is None or turn or turns.holding()):
                        mine = self._making[key] = _Making()
                        break
                if turns is not None and mine_to_make:
                    turns.take()  # (then looked at again: made meanwhile, or being made)
                    turn = True
                    continue
                assert making is not None
                if turns is not None and turn:  # another makes it: no turn needed here
                    turns.give_back()
                    turn = False
                making.done.wait()
                if making.made:
                    return cast(V, making.value)  # (else it failed: this request tries for itself, says why)
            return self._made(key, make, mine)
        finally:
            if turns is not None and turn:
                turns.give_back()

    def _made(self, key: K, make: Callable[[], V], mine: _Making[V]) -> V:
        try:
            value = make()
            mine.value, mine.made = value, True
            with self._lock:
                self._items[key] = value
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
            return value
        finally:
            with self._lock:
                if self._making.get(key) is mine:
                    del self._making[key]
            mine.done.set()

    def peek(self, key: K) -> V | None:
        with self._lock:
            return self._items.get(key)

    def discard(self, keep: Callable[[K], bool]) -> None:
        with self._lock:
            for key in [k for k in self._items if not keep(k)]:
                del self._items[key]

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)


class _Making(Generic[V]):
    """A value being made, for the requests waiting for it."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()
        self.done = threading.Event()
        self.made = False
        self.value: V | None = None


def giving_back(make: Callable[[], V]) -> Callable[[], V]:
    """``make``, then the memory it freed given back to the system (bulkship.memtrim), as the pipeline does
    after each stage. A refusal's traceback is dropped first: its frames hold what was read and found (a
    million rows' problems). The web server kept 1.2-1.4 GB after a list refused for its problems, more after
    each (found by hunter-hostile7, its LO-A)."""

    def made() -> V:
        try:
            value = make()
        except BulkshipError as error:
            error.with_traceback(None)
            memtrim.give_back_memory()
            raise
        memtrim.give_back_memory()
        return value

    return made
