"""The checks of a list of a few rows in plain Python (issue 14). A pandas operation costs ~20-40 µs whatever
the length of its Series, and a check of a 2-row list makes dozens of them: ~45 ms of CPU a validate, paid by
nearly every test. Below :data:`FEW_ROWS` rows a check written here too reads its columns as lists, the same
patterns and the same order, and says what it finds through the same collector calls; tests/test_few_rows.py
runs both ways on the same lists and compares every row and problem.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

# Up to this many rows the plain path is taken: at 256 rows it is still cheaper than the pandas one (the
# pandas path pays per operation, the plain one per cell), and lists this short are the many a test reads
FEW_ROWS = 256


def few_cells(frame: pd.DataFrame, columns: Iterable[str]) -> dict[str, list[str]] | None:
    """The ``columns`` of a list of at most :data:`FEW_ROWS` rows as lists of text, or None (a longer list,
    a column missing, or a cell that is not text: the pandas path reads those)."""
    if len(frame) > FEW_ROWS:
        return None
    cells: dict[str, list[str]] = {}
    for column in columns:
        if column not in frame.columns:
            return None
        values = frame[column].tolist()
        if not all(type(value) is str for value in values):
            return None
        cells[column] = values
    return cells


def clear_of(index: Sequence[Any], erred: set[int]) -> list[bool]:
    """Each row of ``index`` that is not one of ``erred`` (a column's rows with an error already)."""
    return [row not in erred for row in index]


def say(
    add: Callable[..., None],
    index: pd.Index,
    found: pd.Series | list[bool],
    column: str,
    kind: str,
    template: str,
    *,
    extra: Mapping[str, pd.Series | list[Any]] | None = None,
) -> None:
    """``add`` (a collector's error or warn) of the rows ``found``: a mask, or the plain path's flags, their
    mask built only where a row is (a mask selecting nothing says nothing: collect.ProblemCollector._add)."""
    if isinstance(found, pd.Series):
        add(found, column, kind, template, extra=extra)
        return
    if not any(found):
        return
    more = {name: _series(values, index) for name, values in (extra or {}).items()}
    add(pd.Series(found, index=index, dtype=bool), column, kind, template, extra=more or None)


def _series(values: pd.Series | list[Any], index: pd.Index) -> pd.Series:
    return values if isinstance(values, pd.Series) else pd.Series(values, index=index, dtype=object)
