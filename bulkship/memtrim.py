"""Memory of the big stages: what one freed, given back to the system, and the cycle collector paused while
one builds (:func:`collector_paused`).

glibc keeps the heap pages Python's larger objects (payload texts, lists, dict tables) were freed from, for
its own later use; Python's small objects (records, short texts) live elsewhere and cannot use them. So the
next stage's objects come on top: a million-row plan leaves ~450 MB of such pages. ``malloc_trim`` hands
them back. Elsewhere than glibc this does nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import sys
from collections.abc import Callable, Iterator


def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None
    return trim


_TRIM = _malloc_trim()


def give_back_memory() -> bool:
    """Return the heap pages freed so far to the system; whether this platform can."""
    if _TRIM is None:
        return False
    _TRIM(0)
    return True


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a stage builds a few hundred thousand objects that hold no
    cycles (lines, payloads, ledger records, row outcomes): its repeated passes over every live object cost
    10-20 % of such a stage at 100k rows. Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
