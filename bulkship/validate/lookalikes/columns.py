"""The frame's columns as the checks compare them: text, a card and value as one key, row numbers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from .. import fewrows

_SEP = "\x00"
# The columns the look-alike checks read: they work on a copy of the valid rows holding only these (a copy of
# every column took ~250 MB at a million rows)
READ = ("name", "address1", "address2", "zip", "product", "value", "quantity", "external_id", "email")


def _narrow(frame: pd.DataFrame, rows: pd.Series, *more: str) -> pd.DataFrame:
    """The ``rows`` of ``frame``, with only the columns of :data:`READ` and ``more`` that it has."""
    return frame.loc[rows, [c for c in (*READ, *more) if c in frame.columns]]


def _column(frame: pd.DataFrame, name: str) -> list[str]:
    return _text(frame, name).tolist()


def _by_row(frame: pd.DataFrame, values: dict[object, int]) -> pd.Series:
    """``values`` (frame index -> a row number) over the whole frame, whole numbers (0 elsewhere)."""
    return pd.Series(values, dtype="int64").reindex(frame.index, fill_value=0)


def _cards(frame: pd.DataFrame) -> list[str]:
    """Each row's card and value, as one text."""
    return list(map(_SEP.join, zip(_column(frame, "product"), _column(frame, "value"), strict=True)))


def _text(frame: pd.DataFrame, name: str) -> pd.Series:
    if name not in frame.columns:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[name].fillna("").astype(str)


def shared_keys(columns: Mapping[str, Sequence[str]], *keys: tuple[str, ...]) -> np.ndarray:
    """Which positions have, for one of ``keys`` (each a tuple of names of ``columns``), the same values as
    another position. The values are compared as codes, a column at a time: no key text is built per row.
    A list of a few rows (..fewrows) is compared in plain Python: each key's tuples counted."""
    lengths = {len(values) for values in columns.values()}
    if len(lengths) == 1 and lengths.pop() <= fewrows.FEW_ROWS and _all_text(columns.values()):
        return _shared_plainly(columns, keys)
    codes = pd.DataFrame(
        {name: pd.factorize(pd.Series(values, dtype=object))[0] for name, values in columns.items()}
    )
    found = np.zeros(len(codes), dtype=bool)
    for key in keys:
        found |= codes.duplicated(list(key), keep=False).to_numpy()
    return found


def _all_text(columns: Iterable[Sequence[object]]) -> bool:
    return all(type(value) is str for values in columns for value in values)


def _shared_plainly(columns: Mapping[str, Sequence[str]], keys: tuple[tuple[str, ...], ...]) -> np.ndarray:
    """:func:`shared_keys` of text columns, each key's values as tuples counted (equal text, equal code)."""
    found = np.zeros(len(next(iter(columns.values()))), dtype=bool)
    for key in keys:
        tuples = list(zip(*(columns[name] for name in key), strict=True))
        seen = Counter(tuples)
        found |= np.fromiter((seen[t] > 1 for t in tuples), dtype=bool, count=len(tuples))
    return found
