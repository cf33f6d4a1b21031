"""What the web server keeps of the files it read, and gives back: a few recent values of each kind
(:class:`Lru`), and the memory a sheet read, judged or refused freed, returned to the system
(:func:`giving_back`)."""

from __future__ import annotations

import contextvars
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Generic, TypeVar, cast

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
        self._guard = threading.RLock()  # (stop is called from a signal's handler: perhaps twice at once)
        self._stopped = False
        self._servers = 0  # the servers (lifespans) of these turns serving
        self._waiting: set[threading.Event] = set()  # the requests waiting for a reading of their own

    def apart(self, work: Callable[[], V]) -> V:
        """``work`` (a reading, with what it needs read) done in a thread of its own, which the server's
        process does not wait for at its end, and waited for here until done or :meth:`stop`. A server
        stopped (SIGTERM) while four long lists were read exited 204 s later, once every reading had
        finished, each in a thread the interpreter waits for (found by hunter-hostile12)."""
        done, box = threading.Event(), cast(dict[str, Any], {})
        context = contextvars.copy_context()  # who the page acts for (acting_as), as in the request's thread

        def read() -> None:
            self._mine.apart = True
            try:
                box["value"] = context.run(work)
            except BaseException as exc:  # said by the request waiting for it
                box["error"] = exc
            finally:
                done.set()

        with self._guard:
            if self._stopped:
                raise let_go()
            self._waiting.add(done)
        try:
            threading.Thread(target=read, name="bulkship-reading", daemon=True).start()
            done.wait()
        finally:
            with self._guard:
                self._waiting.discard(done)
        if "error" in box:
            raise box["error"]
        if "value" not in box:  # let go by the stop: the reading goes on, and ends with the process
            raise let_go()
        return cast(V, box["value"])

    def apart_here(self) -> bool:
        """Whether this thread is a reading's own (:meth:`apart`)."""
        return bool(getattr(self._mine, "apart", False))

    def serving(self) -> None:
        """A server of these turns starts (tests start several, each a TestClient of one app)."""
        with self._guard:
            self._servers += 1
            self._stopped = False

    def stop(self, *, last: bool = False) -> None:
        """The server stops: every request waiting for a reading is let go, and none starts. ``last``: only
        when no other server of these turns still serves (a lifespan's end; a signal stops them all)."""
        with self._guard:
            self._servers = max(0, self._servers - 1) if last else 0
            if self._servers:
                return
            self._stopped = True
            for done in self._waiting:
                done.set()

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


STOPPING = "The server is stopping: this page was not worked out. Nothing was sent or changed"
STOPPING_HINT = "open it again once the server is started again"

# per request (set by guards.SecurityHeaders): marked once the stop let the request go; its page, whichever
# error path said it (409, 422), is answered 503, as a proxy or a script reads a server stopping
LET_GO: contextvars.ContextVar[list[bool] | None] = contextvars.ContextVar("bulkship_let_go", default=None)


def let_go() -> BulkshipError:
    """The error of a request the server's stop let go, the request marked so (:data:`LET_GO`)."""
    marks = LET_GO.get()
    if marks is not None:
        marks.append(True)
    return BulkshipError(STOPPING, hint=STOPPING_HINT)


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
        for a making never waits for one that waits for a turn; and, given turns, in a thread of its own
        (:meth:`Turns.apart`), which the server's stop does not wait for."""
        turns = self._turns
        if turns is None or turns.apart_here():
            return self._kept_or_made(key, make)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return turns.apart(lambda: self._kept_or_made(key, make))

    def _kept_or_made(self, key: K, make: Callable[[], V]) -> V:
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
