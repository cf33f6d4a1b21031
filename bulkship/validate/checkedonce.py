"""A list's check kept by what it reads, for the web page's cost page (issue 14, the lead's decision).

A cost page plans the rows its review checked a moment before: checking them again was a second validate a
page (~35 ms of a 5-row list, seconds of a long one). The key is the content the check reads, never who
asks: the sheet as the check reads it (every field, every cell), the defaults, the catalog (products,
prices, currencies), the program settings and their sheet contract, and the day; the fingerprints the batch
holds as ordered beside it, where the check read them (two rows one person). Any of them changed, the list is
checked again. Only a cost page takes a kept check (:attr:`Checking.reuse`, set by the web page through
``api.plan_batch``); the review keeps its own; a Send and ``bulkship run`` never pass one, and check afresh.
A value the key cannot read for certain (an object of another kind) keeps nothing: the list is checked.
"""

from __future__ import annotations

import copy
import dataclasses
import enum
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import PurePath
from typing import Any

import pandas as pd

from ..models import Catalog, LoadedSheet, ValidationResult
from ..program import ProgramSettings

# A longer list is checked again: its kept copy would hold as much memory as the review's own
KEPT_ROWS = 10_000
KEPT_CHECKS = 4  # a server's few batches open at once (web.review.READ_AT_ONCE readings)

Check = Callable[[Callable[[], Collection[str]] | None], ValidationResult]


class _Unkeyable(Exception):
    """A value whose content the key cannot read for certain."""


class KeptChecks:
    """The checks a web server made lately, by their key (:func:`check_key`), each a copy of its own with
    the fingerprints it read as ordered (None: it asked none)."""

    def __init__(self, size: int = KEPT_CHECKS) -> None:
        self._size = size
        self._kept: OrderedDict[str, tuple[ValidationResult, frozenset[str] | None]] = OrderedDict()
        self._lock = threading.Lock()

    def keep(self, key: str, result: ValidationResult, ordered: frozenset[str] | None) -> None:
        kept = copy.deepcopy(result)  # the caller goes on with its own (the pipeline writes into its frame)
        with self._lock:
            self._kept[key] = (kept, ordered)
            self._kept.move_to_end(key)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)

    def find(self, key: str) -> tuple[ValidationResult, frozenset[str] | None] | None:
        with self._lock:
            kept = self._kept.get(key)
        return None if kept is None else (copy.deepcopy(kept[0]), kept[1])


@dataclasses.dataclass(frozen=True)
class Checking:
    """How a check is kept: ``reuse`` (the cost page) takes a check kept under the same key; without it (the
    review) the check is made and kept."""

    kept: KeptChecks
    reuse: bool = False


def checked(
    checking: Checking,
    read: tuple[LoadedSheet, Catalog, ProgramSettings, Any, dict[str, str]],
    ordered: Callable[[], Collection[str]] | None,
    check: Check,
) -> ValidationResult:
    """``check(ordered)``'s result, or the one kept under the same key where ``checking`` reuses; ``read``:
    the sheet as the check reads it, the catalog, the program settings, their contract and the defaults.
    The fingerprints ordered are read only where the check asks them (two rows one person): a kept check
    that read them is taken only while the ledger holds the very same; one that did not, whatever it holds."""
    sheet = read[0]
    key = None if len(sheet.frame) > KEPT_ROWS else check_key(*read, ordered is None, read[2].today())
    if key is None:
        return check(ordered)
    if checking.reuse and (kept := checking.kept.find(key)) is not None:
        result, fingerprints = kept
        if fingerprints is None or (ordered is not None and frozenset(ordered()) == fingerprints):
            return result
    reads: list[frozenset[str]] = []

    def reading() -> Collection[str]:
        assert ordered is not None
        reads.append(frozenset(ordered()))
        return reads[-1]

    result = check(None if ordered is None else reading)
    if len(set(reads)) <= 1:  # (the ledger changing between two reads of one check: nothing kept)
        checking.kept.keep(key, result, reads[0] if reads else None)
    return result


def check_key(*parts: Any) -> str | None:
    """A digest of every part's content, or None where a part holds what it cannot read for certain."""
    digest = hashlib.sha256()
    try:
        for part in parts:
            _feed(digest, part)
    except _Unkeyable:
        return None
    return digest.hexdigest()


_PLAIN = (str, int, float, bool, bytes, Decimal, date, datetime, time, timedelta, type(None))
_CELLS = frozenset({*_PLAIN, type(pd.NA), type(pd.NaT), pd.Timestamp, pd.Timedelta})


def _feed(digest: Any, value: Any) -> None:
    """``value`` into ``digest``, each kind tagged and each container with its length (no two contents
    alike); a dict and a set in their order, as the check reads them."""
    kind = type(value)
    if kind in _PLAIN or isinstance(value, (PurePath, enum.Enum)):
        digest.update(f"{kind.__qualname__}:{value!r};".encode())
    elif kind in (tuple, list, frozenset, set):
        digest.update(f"{kind.__name__}[{len(value)}](".encode())
        for item in value:
            _feed(digest, item)
        digest.update(b")")
    elif kind is dict:
        digest.update(f"dict[{len(value)}](".encode())
        for name, item in value.items():
            _feed(digest, name)
            _feed(digest, item)
        digest.update(b")")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        digest.update(f"{kind.__module__}.{kind.__qualname__}(".encode())
        for field in dataclasses.fields(value):
            if not field.compare:  # a memo (schema.SheetContract's alias indexes), not what it holds
                continue
            _feed(digest, field.name)
            _feed(digest, getattr(value, field.name))
        digest.update(b")")
    elif kind is pd.DataFrame:
        _frame(digest, value)
    else:
        raise _Unkeyable(kind.__qualname__)


def _frame(digest: Any, frame: pd.DataFrame) -> None:
    digest.update(f"frame{frame.shape}(".encode())
    _cells(digest, frame.index)
    _cells(digest, frame.columns)
    _feed(digest, dict(frame.attrs))
    for position in range(frame.shape[1]):
        _cells(digest, frame.iloc[:, position])
    digest.update(b")")


def _cells(digest: Any, values: pd.Series | pd.Index) -> None:
    """A column's (or an index's) dtype, name and cells, each cell with its kind (5 is not '5')."""
    digest.update(f"{values.dtype}[{len(values)}]".encode())
    _feed(digest, values.name)
    cells = values.tolist()
    kinds = {type(cell) for cell in cells}
    if not kinds <= _CELLS:
        raise _Unkeyable(", ".join(sorted(kind.__qualname__ for kind in kinds - _CELLS)))
    digest.update(repr([(type(cell).__name__, cell) for cell in cells]).encode())
