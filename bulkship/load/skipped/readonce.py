"""The days a note names and the dates its cells read as, worked out once while a list's rows are read: a row
held until a day is read again as on ~12 days to find the day it goes (:mod:`.heldday`), and each read
worked out the same notes' days and dates again, though neither depends on the day (issue 14: a 2-row list
holding one row loaded in 98 ms of CPU, one without in 21). Within :func:`reading_once` a column of the same
cells (values, row numbers, type and name) is worked out once; outside it, every time, as before. Within a
load (:func:`loading_once`) the same for a frame of remarks read whether they ask (:func:`once_of_frame`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

import pandas as pd

_Found = TypeVar("_Found")
_MEMO: ContextVar[dict[tuple[object, ...], Any] | None] = ContextVar("readonce_memo", default=None)
_FRAMES: ContextVar[dict[tuple[object, ...], Any] | None] = ContextVar("readonce_frames", default=None)


@contextmanager
def reading_once() -> Iterator[None]:
    """While inside, :func:`once` keeps what it works out (the enclosing one's memo where one is open)."""
    token = _MEMO.set({} if _MEMO.get() is None else _MEMO.get())
    try:
        yield
    finally:
        _MEMO.reset(token)


def once(kind: object, column: pd.Series, work: Callable[[], _Found]) -> _Found:
    """``work()``, a pure function of ``column``'s cells, or a copy of what it gave for the same cells before
    (inside :func:`reading_once`). A copy: callers change what they are given."""
    memo = _MEMO.get()
    if memo is None:
        return work()
    cells = column.tolist()
    if not all(type(cell) is str for cell in cells) or type(column.name) not in (str, type(None)):
        return work()  # (1, 1.0 and True are one key: only text is kept)
    index = column.index.tolist()
    if not all(type(row) is int for row in index):
        return work()
    key = (kind, column.name, str(column.dtype), str(column.index.dtype), tuple(index), tuple(cells))
    found = memo.get(key)
    if found is None:
        found = memo[key] = work()
    return _copied(found)


@contextmanager
def loading_once() -> Iterator[None]:
    """While inside (a list's load), :func:`once_of_frame` keeps what it works out."""
    token = _FRAMES.set({})
    try:
        yield
    finally:
        _FRAMES.reset(token)


def once_of_frame(kind: object, frame: pd.DataFrame, work: Callable[[], _Found]) -> _Found:
    """``work()``, a pure function of ``kind`` and ``frame``'s cells (text), or a copy of what it gave for
    the same before, inside :func:`loading_once`: the rows left out and the errors of a load ask whether the
    same remarks ask (:func:`.asking.asking_rows`: a list of 5,462 remarks was read 4 times, not 2)."""
    memo = _FRAMES.get()
    if memo is None:
        return work()
    columns = frame.columns.tolist()
    index = frame.index.tolist()
    if not all(type(c) is str for c in columns) or not all(type(row) is int for row in index):
        return work()
    cells = tuple(tuple(frame[c].tolist()) for c in columns) if frame.columns.is_unique else None
    if cells is None or not all(type(cell) is str for column in cells for cell in column):
        return work()
    key = (kind, tuple(columns), tuple(str(frame[c].dtype) for c in columns), tuple(index), cells)
    if key not in memo:
        memo[key] = work()
    return _copied(memo[key])


def _copied(found: Any) -> Any:
    if isinstance(found, pd.Series | pd.DataFrame):
        return found.copy()
    if isinstance(found, dict):
        return dict(found)
    if isinstance(found, tuple):
        return tuple(_copied(part) for part in found)
    return found
