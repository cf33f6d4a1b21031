"""What the scan notes of a sheet's cells one by one (struck through, shown without decimals, in another
currency, hidden by a format or a white font, padded with zeros), kept compactly: a column's noted rows in
one array of machine integers, each with the number of its note in a short list of the notes met.

A sheet formatted throughout notes every cell: 300,000 rows of 30 columns all shown without decimals ('0')
made 9 million set entries, 1.1 GB beside the 0.5 GB of the list itself, and the [limits] cells (30 million)
would have let it reach 4.5 GB (found by hunter-hostile8, measured by hunter-hostile9). Here a cell takes
12 bytes. :class:`CellSet` reads as a set of (row, column), :class:`CellMap` as a dict (row, column) -> note;
:meth:`_Marks.in_columns` gives the cells of a few columns, in order, without visiting the rest.

Notes are appended as the scan meets them (rows in order: a column's array stays sorted); one written out of
order, again, or taken back is sorted in at the next read.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, MutableMapping, MutableSet
from operator import index
from typing import Any

import numpy as np

_GONE = -1  # a note taken back: dropped at the next read


class _Column:
    """One column's noted rows and the number of each one's note; ``clean`` while the rows are ascending,
    each once, none taken back."""

    __slots__ = ("clean", "notes", "rows")

    def __init__(self) -> None:
        self.rows = array("q")
        self.notes = array("i")
        self.clean = True

    def put(self, row: int, note: int) -> None:
        rows = self.rows
        if not rows or row > rows[-1]:
            if note == _GONE and self.clean:  # beyond every row noted: nothing to take back
                return
        elif row == rows[-1] and self.clean:  # the last cell again: its note replaced, or taken back
            if note == _GONE:
                rows.pop()
                self.notes.pop()
            else:
                self.notes[-1] = note
            return
        else:
            self.clean = False
        rows.append(row)
        self.notes.append(note)

    def extend(self, rows: np.ndarray, note: int) -> None:
        """Many rows of one note (int64, ascending as a piece of sheet XML holds them)."""
        if not len(rows):
            return
        if self.clean and (
            (self.rows and rows[0] <= self.rows[-1]) or (len(rows) > 1 and bool((np.diff(rows) <= 0).any()))
        ):
            self.clean = False
        self.rows.frombytes(rows.astype(np.int64).tobytes())
        self.notes.frombytes(np.full(len(rows), note, dtype=np.int32).tobytes())

    def settle(self) -> None:
        """Sorted, each row once with its last note, the rows taken back dropped."""
        if self.clean:
            return
        rows = np.frombuffer(self.rows, dtype=np.int64)
        notes = np.frombuffer(self.notes, dtype=np.int32)
        order = np.argsort(rows, kind="stable")
        rows, notes = rows[order], notes[order]
        last = np.ones(len(rows), dtype=bool)
        last[:-1] = rows[1:] != rows[:-1]
        keep = last & (notes != _GONE)
        self.rows, self.notes = array("q"), array("i")
        self.rows.frombytes(rows[keep].tobytes())
        self.notes.frombytes(notes[keep].tobytes())
        self.clean = True

    def find(self, row: int) -> int:
        """The row's place in the (settled) arrays, or -1."""
        self.settle()
        at = bisect_left(self.rows, row)
        return at if at < len(self.rows) and self.rows[at] == row else -1


class _Marks:
    """The storage both kinds share: columns by number, the notes by number."""

    def __init__(self) -> None:
        self._columns: dict[int, _Column] = {}
        self._notes: list[Any] = []
        self._numbers: dict[Any, int] = {}

    def _number(self, note: Any) -> int:
        number = self._numbers.get(note)
        if number is None:
            number = self._numbers[note] = len(self._notes)
            self._notes.append(note)
        return number

    def _put(self, key: tuple[int, int], number: int) -> None:
        row, col = key
        column = self._columns.get(col)
        if column is None:
            if number == _GONE:
                return
            column = self._columns[col] = _Column()
        column.put(row, number)

    def _put_many(self, rows: np.ndarray, cols: np.ndarray, number: int) -> None:
        """Cells (``rows[i]``, ``cols[i]``) of one note: a piece of the scan at once."""
        if not len(cols):
            return
        order = np.argsort(cols, kind="stable")
        rows, cols = rows[order], cols[order]
        starts = np.flatnonzero(np.r_[True, cols[1:] != cols[:-1]]).tolist()
        for start, end in zip(starts, [*starts[1:], len(cols)], strict=True):
            col = int(cols[start])
            column = self._columns.get(col)
            if column is None:
                column = self._columns[col] = _Column()
            column.extend(rows[start:end], number)

    def _place(self, key: Any) -> tuple[_Column, int] | None:
        try:
            row, col = key
            row, col = index(row), index(col)
        except (TypeError, ValueError):
            return None
        column = self._columns.get(col)
        if column is None:
            return None
        at = column.find(row)
        return (column, at) if at >= 0 else None

    def __contains__(self, key: object) -> bool:
        return self._place(key) is not None

    def __len__(self) -> int:
        total = 0
        for column in self._columns.values():
            column.settle()
            total += len(column.rows)
        return total

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return self.in_columns(self._columns)

    def _coded(self, columns: Iterable[int]) -> tuple[np.ndarray, np.ndarray]:
        """The cells of ``columns`` in (row, column) order, as codes (row * 2**15 + column), and their
        notes' numbers."""
        codes, notes = [], []
        for col in sorted(set(columns)):
            column = self._columns.get(col)
            if column is None:
                continue
            column.settle()
            codes.append(np.frombuffer(column.rows, dtype=np.int64) * 32768 + col)
            notes.append(np.frombuffer(column.notes, dtype=np.int32))
        if not codes:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32)
        code, note = np.concatenate(codes), np.concatenate(notes)
        order = np.argsort(code, kind="stable")
        return code[order], note[order]

    def in_columns(self, columns: Iterable[int]) -> Iterator[tuple[int, int]]:
        """The noted cells of ``columns`` in order, row by row: (row, column)."""
        codes, _ = self._coded(columns)
        for start in range(0, len(codes), 65536):  # a piece at a time: never a tuple for every cell at once
            for code in codes[start : start + 65536].tolist():
                yield code >> 15, code & 32767

    def rows(self) -> set[int]:
        """The rows holding a noted cell."""
        found: set[int] = set()
        for column in self._columns.values():
            column.settle()
            found.update(np.unique(np.frombuffer(column.rows, dtype=np.int64)).tolist())
        return found

    def clear(self) -> None:
        self._columns.clear()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self):,} cells)"


class CellSet(_Marks, MutableSet[tuple[int, int]]):
    """A set of (row, column), 12 bytes a cell."""

    def __init__(self, cells: Iterable[tuple[int, int]] = ()) -> None:
        super().__init__()
        self._present = self._number(True)
        self.update(cells)

    def add(self, key: tuple[int, int]) -> None:
        self._put(key, self._present)

    def add_many(self, rows: np.ndarray, cols: np.ndarray) -> None:
        """The cells (``rows[i]``, ``cols[i]``)."""
        self._put_many(rows, cols, self._present)

    def discard(self, key: tuple[int, int]) -> None:
        self._put(key, _GONE)

    def update(self, cells: Iterable[tuple[int, int]]) -> None:
        for key in cells:
            self._put(key, self._present)

    def __sub__(self, other: Any) -> CellSet:
        """The cells of this set not in ``other``."""
        if not isinstance(other, CellSet):
            return CellSet(key for key in self if key not in other)
        left = CellSet()
        for col, column in self._columns.items():
            column.settle()
            rows = np.frombuffer(column.rows, dtype=np.int64)
            theirs = other._columns.get(col)
            if theirs is not None:
                theirs.settle()
                rows = rows[~np.isin(rows, np.frombuffer(theirs.rows, dtype=np.int64))]
            if len(rows):
                kept = left._columns[col] = _Column()
                kept.rows.frombytes(rows.tobytes())
                kept.notes.frombytes(np.zeros(len(rows), dtype=np.int32).tobytes())
        return left

    __hash__ = None  # type: ignore[assignment]


class CellMap(_Marks, MutableMapping[tuple[int, int], Any]):
    """A dict (row, column) -> note (a format's code, a currency), 12 bytes a cell; each distinct note kept
    once."""

    def __init__(self, cells: Mapping[tuple[int, int], Any] | None = None) -> None:
        super().__init__()
        if cells:
            self.update(cells)

    def __setitem__(self, key: tuple[int, int], note: Any) -> None:
        self._put(key, self._number(note))

    def set_many(self, rows: np.ndarray, cols: np.ndarray, note: Any) -> None:
        """The cells (``rows[i]``, ``cols[i]``), each noted ``note``."""
        self._put_many(rows, cols, self._number(note))

    def __getitem__(self, key: tuple[int, int]) -> Any:
        place = self._place(key)
        if place is None:
            raise KeyError(key)
        column, at = place
        return self._notes[column.notes[at]]

    def __delitem__(self, key: tuple[int, int]) -> None:
        if key not in self:
            raise KeyError(key)
        self._put(key, _GONE)

    def pairs(self, columns: Iterable[int] | None = None) -> Iterator[tuple[tuple[int, int], Any]]:
        """((row, column), note) of the cells of ``columns`` (every column: None), in order."""
        codes, numbers = self._coded(self._columns if columns is None else columns)
        notes = self._notes
        for start in range(0, len(codes), 65536):
            end = start + 65536
            for code, number in zip(codes[start:end].tolist(), numbers[start:end].tolist(), strict=True):
                yield (code >> 15, code & 32767), notes[number]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        return len(self) == len(other) and dict(self.pairs()) == dict(other.items())

    __hash__ = None  # type: ignore[assignment]


def in_columns(cells: Iterable[tuple[int, int]], columns: Iterable[int]) -> Iterator[tuple[int, int]]:
    """The cells of ``cells`` (a :class:`CellSet` or :class:`CellMap`, or any set or dict of (row, column))
    in ``columns``, in order, row by row."""
    if isinstance(cells, _Marks):
        return cells.in_columns(columns)
    wanted = set(columns)
    return iter(sorted(key for key in cells if key[1] in wanted))
