"""normalize.factorized: pandas' factorize, found in Python for a short column of text (issue 14's suite time:
by_unique runs ~50 times a validate, and pandas' factorize cost more than a short list's own work). Every
column gives the codes and distinct values pandas gives, so by_unique decides as it did."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from bulkship.validate.normalize import by_unique, factorized, fullmatch_mask

_WORDS = ["MA", "NY", "", " ma", "MA ", "CVS", "50", "Ann Lee", "é", "e\u0301", "0", "nan"]


def _columns() -> list[pd.Series]:
    rng = random.Random(14)
    columns = []
    for dtype in (object, "string"):
        for size in (0, 1, 2, 3, 5, 40, 256, 257, 1000):
            values = [rng.choice(_WORDS) for _ in range(size)]
            columns.append(pd.Series(values, index=range(7, 7 + size), dtype=dtype))
    # not every value text: pandas' own factorize reads them (NA, numbers)
    columns.append(pd.Series(["MA", None, "MA", np.nan], dtype=object))
    columns.append(pd.Series(["MA", pd.NA, "MA"], dtype="string"))
    columns.append(pd.Series([1, "1", 1.0, "MA"], dtype=object))
    columns.append(pd.Series([2.5, 2.5, 3.0]))
    return columns


@pytest.mark.parametrize("column", _columns(), ids=lambda c: f"{c.dtype}-{len(c)}")
def test_factorized_gives_pandas_codes_and_distinct_values(column: pd.Series) -> None:
    codes, uniques = factorized(column)
    pandas_codes, pandas_uniques = pd.factorize(column, sort=False, use_na_sentinel=False)
    assert codes.dtype == pandas_codes.dtype
    assert codes.tolist() == pandas_codes.tolist()
    assert pd.Series(uniques, dtype=object).equals(pd.Series(pandas_uniques, dtype=object))


@pytest.mark.parametrize("column", _columns()[:18], ids=lambda c: f"{c.dtype}-{len(c)}")
def test_by_unique_reads_each_cell_as_the_whole_column_does(column: pd.Series) -> None:
    found = by_unique(column, lambda c: fullmatch_mask(c, r"[A-Z]{2}"))
    assert found.index.equals(column.index)
    assert found.tolist() == [bool(v) and len(v) == 2 and v.isupper() and v.isascii() for v in column]
