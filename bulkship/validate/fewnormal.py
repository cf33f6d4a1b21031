"""The normalisers of :mod:`.normalize` for a column of a few rows, in plain Python (issue 14). Each pandas
string operation costs ~20-40 µs whatever the column's length, and a normaliser chains up to a dozen: ~5 ms
of a 5-row validate's ~30. Up to :data:`.fewrows.FEW_ROWS` cells, all text, each function here reads every
cell with the same patterns in the same order and gives the same Series (values, dtype and index; not the
name, which pandas takes from whichever operation came last and nothing reads) as its pandas twin;
tests/test_few_rows_normal.py runs both ways on the same columns and compares them."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from . import fewrows
from .usps import COUNTRY_ALIASES, COUNTRY_NUMBERS, TERRITORY_COUNTRIES, state_lookup

_PLAIN_STR = pd.StringDtype(
    "python", na_value=np.nan
)  # ('str' without pyarrow: Python's own re, as object's)


def texts(column: pd.Series) -> list[str] | None:
    """``column``'s cells, where it is of a few rows (:data:`.fewrows.FEW_ROWS`), of dtype object or
    pandas' Python 'str' (what :func:`.normalize.by_unique` spreads), each a ``str``; else None (the pandas
    path reads it)."""
    if len(column) > fewrows.FEW_ROWS or (column.dtype != object and column.dtype != _PLAIN_STR):
        return None
    values = column.tolist()
    return values if all(type(value) is str for value in values) else None


def _series(values: list[Any], column: pd.Series, dtype: Any = object) -> pd.Series:
    return pd.Series(values, index=column.index, dtype=dtype)


def each(
    column: pd.Series, values: list[str], read: Callable[[str], tuple[Any, ...]], dtypes: tuple[Any, ...]
) -> tuple[pd.Series, ...]:
    """``by_unique(column, func)`` of a ``func`` giving a tuple of Series: ``read`` of each distinct cell.
    Of the dtype by_unique gives: where cells repeat it spreads each distinct cell's (text then of the
    dtype pandas infers, 'str'), else the column's own operations' (``dtypes``)."""
    from .normalize import UNIQUE_SHARE  # (below it by_unique spreads what it finds)

    found = {value: read(value) for value in dict.fromkeys(values)}
    spread = len(found) <= len(values) * UNIQUE_SHARE
    parts = []
    for part, dtype in enumerate(dtypes):
        cells = [found[value][part] for value in values]
        if spread and dtype is object:
            parts.append(pd.Series(np.array(cells, dtype=object), index=column.index))
        else:
            parts.append(_series(cells, column, dtype))
    return tuple(parts)


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    from .normalize import DECIMAL_COMMA, MONEY, MONEY_NOISE, ORDINARY_MONEY

    return tuple(re.compile(p) for p in (DECIMAL_COMMA, MONEY_NOISE, MONEY, ORDINARY_MONEY))


def money(column: pd.Series, values: list[str]) -> tuple[pd.Series, pd.Series]:
    """:func:`.normalize._money` of each cell: '$1,200.00' -> '1200', and whether its reading is said."""
    return each(column, values, _money, (object, bool))


def _money(value: str) -> tuple[str, bool]:
    decimal_comma, noise, amount_pattern, ordinary = _patterns()
    stripped = noise.sub("", value)
    readable = amount_pattern.fullmatch(stripped) is not None and decimal_comma.fullmatch(value) is None
    whole, _, cents = stripped.partition(".")
    whole = whole.lstrip("0") or "0"
    cents = cents.ljust(2, "0")
    amount = whole if cents in ("00", "") else f"{whole}.{cents}"
    said = stripped != value and ordinary.fullmatch(value) is None
    return (amount if readable else value), said and readable


_THREE_DIGITS = re.compile(r"^(\d{3})\.0+$")


def countries(column: pd.Series, values: list[str]) -> tuple[pd.Series, pd.Series]:
    """:func:`.normalize._countries` of each cell: its 2-letter code where known, and whether changed."""
    return each(column, values, _country, (object, bool))


def _country(value: str) -> tuple[str, bool]:
    code = COUNTRY_ALIASES.get(value.casefold())
    if code is None:
        code = COUNTRY_NUMBERS.get(_THREE_DIGITS.sub(r"\1", value.strip()))
    result = value if code is None else code
    return result, result != value


@cache
def _states() -> dict[str, str]:
    return state_lookup()


_DOTS_AND_SPACES = re.compile(r"[.\s]")
_ISO_PREFIX = re.compile(r"^us-")


def states(column: pd.Series, values: list[str]) -> tuple[pd.Series, pd.Series]:
    """:func:`.normalize._states` of each cell: its USPS code where the name or code is known (upper case
    where not), and whether changed to a known code."""
    return each(column, values, _state, (object, bool))


def _state(value: str) -> tuple[str, bool]:
    lookup = _states()
    folded = value.casefold()
    for spelling in (
        folded,
        folded.rstrip("."),
        _DOTS_AND_SPACES.sub("", folded),
        _ISO_PREFIX.sub("", folded),
    ):
        if (code := lookup.get(spelling)) is not None:
            return code, code != value
    return value.upper(), False


def spelled_out(column: pd.Series, values: list[str], names: Collection[str]) -> pd.Series:
    """:func:`.normalize.spelled_out`: the cells that are one of ``names``, folded, spaces around aside."""
    return each(column, values, lambda v: (v.strip().casefold() in names,), (bool,))[0]


def territory_states(
    state: pd.Series, states_written: list[str], country: pd.Series, countries_written: list[str]
) -> tuple[pd.Series, pd.Series]:
    """:func:`.normalize.territory_states`: each empty state of a US territory's row as its code."""
    filled: list[bool] = []
    result: list[object] = []
    for written, place in zip(states_written, countries_written, strict=True):
        code = TERRITORY_COUNTRIES.get(_THREE_DIGITS.sub(r"\1", place.strip().casefold()))
        filled.append(code is not None and not written.strip())
        result.append(code if filled[-1] else written)
    return _series(result, state, state.dtype), _series(filled, state, bool)


def yes_no(column: pd.Series, values: list[str], yes: Collection[str], no: Collection[str]) -> pd.Series:
    """:func:`.normalize.yes_no`: 'yes' for a word saying yes, '' for one saying no, others as written."""
    folded = [value.casefold() for value in values]
    said = ["" if f in no else "yes" if f in yes else v for f, v in zip(folded, values, strict=True)]
    return _series(said, column, column.dtype)


def nothing_written(
    column: pd.Series, values: list[str], nothing: re.Pattern[str]
) -> tuple[pd.Series, pd.Series]:
    """:func:`.normalize.nothing_written`: the cells saying there is no such part emptied, and those."""
    said = [value != "" and nothing.fullmatch(value) is not None for value in values]
    emptied = ["" if s else value for s, value in zip(said, values, strict=True)]
    return _series(emptied, column, column.dtype), _series(said, column, bool)
