"""The loader's problems kept within ``[limits] problems``, and a sheet's cells read by row and column at
array speed.

The loader finds problems cell by cell (a cell in white on white, formatted as a percentage or ';;;', struck
through, a formula): a sheet formatted so throughout made one per cell, before validation's own limit
(:class:`..validate.collect.ProblemCollector`) could refuse them. 300,000 rows in a white font (an 8.8 MB
XLSX) took 1.8 GB and a minute, a million rows ~6 GB (found by hunter-hostile7, its LO-B). Now the loader
keeps at most the limit and refuses the list past it with validation's own line (exit 2)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ...models import NAME_COLUMNS, Problem


class BoundedProblems(list[Problem]):
    """A list of problems that refuses its file (FileFormatError, exit 2) when more than ``limit`` are kept.
    Problems are counted as they are added: a generator of them stops at the limit, never made whole."""

    def __init__(self, path: str | Path, limit: int) -> None:
        super().__init__()
        self.path = path
        self.limit = limit

    def append(self, problem: Problem) -> None:
        if len(self) >= self.limit:
            from ...validate.collect import too_many_problems

            raise too_many_problems(self.path, self, self.limit)
        super().append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    def __iadd__(self, problems: Iterable[Problem]) -> BoundedProblems:  # type: ignore[override,misc]
        self.extend(problems)
        return self

    def keep(self, problems: Iterable[Problem], not_judged: set[int]) -> None:
        """Add ``problems`` but those of rows not judged (a totals row's =SUM is no recipient's problem)."""
        self.extend(p for p in problems if p.row not in not_judged)


def cell_texts(frame: pd.DataFrame) -> Callable[[int, int], object]:
    """``at(row, col)``: the cell of ``frame`` (index: row numbers, columns: positions from 0) at ``row`` and
    column ``col`` counted from 1. Each column is taken as an array once: ``frame.at`` costs ~100 µs a cell,
    a minute for a sheet whose every cell the scan noted."""
    columns: dict[int, np.ndarray] = {}
    index = frame.index
    first = int(index[0]) if len(index) else 0
    ranged = isinstance(index, pd.RangeIndex) and index.step == 1

    def at(row: int, col: int) -> object:
        values = columns.get(col)
        if values is None:
            values = columns[col] = frame[col - 1].to_numpy()
        return values[row - first] if ranged else values[index.get_loc(row)]

    return at


def name_field(column_map: Mapping[str, str]) -> str:
    """The field a row's problem is filed under: its name's (whole, first or last), else the first field the
    list feeds, else 'name' (was written out in six readers of load/problems)."""
    fed = {field: header for header, field in column_map.items()}
    return next((f for f in NAME_COLUMNS if f in fed), next(iter(fed), "name"))
