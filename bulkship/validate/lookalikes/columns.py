"""The frame's columns as the checks compare them: text, a card and value as one key, row numbers."""

from __future__ import annotations

import pandas as pd

_SEP = "\x00"


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
