"""The normalisers of a column of a few rows read its cells in plain Python (bulkship.validate.fewnormal,
issue 14): each must give what its pandas twin gives (the plain path turned off by FEW_ROWS = 0) on every
column: the same values, dtype and index, whether its cells repeat or not."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

from bulkship.validate import fewrows, normalize
from bulkship.validate.usps import STATES_SPELLED_OUT, US_NUMBERED, US_SPELLED_OUT

# Cells each normaliser reads otherwise: amounts as people type them, spellings of states and countries,
# yes and no words, what says a line is empty; with spaces, case, dots, digits of a number column and the
# letters whose case folds to more than one ('ß', 'İ')
AMOUNTS = [
    "", "25", "25.5", "25.50", "025", "0", "00", "$1,200.00", "1,200", "50 USD", "usd 50", "US$ 25", "$ 25",
    "25 dollars", "25,50", "$25,5", "1e3", "abc", " 25 ", "25.", ".5", "1234567", "12345678", "1,234,567.89",
    "25.555", "$", "-5", "25.00 USD", "USD", "0.05", "000.10", "1,2345", "Dollars 5", "٢٥", "25.0", "$25",
]  # fmt: skip
STATES = [
    "", "MA", "ma", "Ma.", "N.Y.", "US-NY", "us-ny", "Massachusetts", " massachusetts", "D. C.", "XX", "xx",
    "Mass.", "Calif", "ß", "N Y", "NY.", "ny..", "Tex.", "AP", "APO", "pr", "Puerto Rico", "İl", " ", "ＭＡ",
    "New York", "new york ", "US-ma.", "Wash. D.C.",
]  # fmt: skip
COUNTRIES = [
    "", "US", "us", "USA", "United States", " us ", "840", "840.0", " 840 ", "124", "CA", "Canada", "Germany",
    "DE", "xx", "630", "630.00", "Puerto Rico", " PR ", "pr", "Guam", "U.S.", "ß", "İ", "016", "850.0",
    "840.", "Virgin Islands", "american samoa",
]  # fmt: skip
WORDS = [
    "",
    "yes",
    "Y",
    "TRUE",
    "1",
    "x",
    "OK",
    "allow",
    "no",
    "N",
    "false",
    "0",
    "-",
    "maybe",
    "Yes ",
    "ß",
    "İ",
]
NOTHING = [
    "", "N/A", "n/a", "na", "-", "—", "...", "x", "xxx", "0", "0.0", "(blank)", "[none]", "nan", "<NA>", '""',
    "''", "Apt 4", "none", "No Apt", "Suite 5", " N/A ", "not applicable", "nil", "blank", "no company.",
]  # fmt: skip

NORMALISERS: dict[str, tuple[list[str], Callable[[pd.Series], Any]]] = {
    "money": (AMOUNTS, normalize.money),
    "states": (STATES, normalize.states),
    "countries": (COUNTRIES, normalize.countries),
    "states spelled out": (STATES, lambda c: normalize.spelled_out(c, STATES_SPELLED_OUT)),
    "the US spelled out": (COUNTRIES, lambda c: normalize.spelled_out(c, US_SPELLED_OUT | US_NUMBERED)),
    "yes or no": (WORDS, normalize.yes_no),
    "nothing written": (NOTHING, normalize.nothing_written),
}


# A column as the list's frame holds it (object) and as by_unique spreads a repeating one (pandas' 'str')
DTYPES = (object, "str")


def _columns(pool: list[str], seed: int, name: str) -> list[pd.Series]:
    """Each cell alone, then random columns of 0 to 30 rows (rows numbered from 2, as a list's) drawn from
    a part of ``pool``: some all distinct, most repeating; each of both dtypes."""
    chosen = random.Random(seed)
    lists = [[cell] for cell in pool]
    for _ in range(120):
        part = chosen.sample(pool, chosen.randint(1, len(pool)))
        lists.append([chosen.choice(part) for _ in range(chosen.randint(0, 30))])
    return [
        pd.Series(cells, index=range(2, len(cells) + 2), dtype=dtype, name=name)
        for cells in lists
        for dtype in DTYPES
    ]


def _same(plain: Any, by_pandas: Any, column: pd.Series) -> None:
    for mine, theirs in zip(
        plain if isinstance(plain, tuple) else (plain,),
        by_pandas if isinstance(by_pandas, tuple) else (by_pandas,),
        strict=True,
    ):
        # (not the names: pandas names a result after its last operation's operand, and none is read)
        pd.testing.assert_series_equal(mine, theirs, check_names=False, obj=repr(column.tolist()))


@pytest.mark.parametrize("kind", list(NORMALISERS))
def test_each_normaliser_gives_the_same_both_ways(monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    pool, normalise = NORMALISERS[kind]
    for column in _columns(pool, len(kind), "value"):
        plain = normalise(column)
        with monkeypatch.context() as patched:
            patched.setattr(fewrows, "FEW_ROWS", 0)
            by_pandas = normalise(column)
        _same(plain, by_pandas, column)


def test_a_territory_s_empty_state_is_filled_alike_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every state beside every country (and random pairs): the same states filled from the country."""
    chosen = random.Random(49)
    pairs = [([s], [c]) for s in STATES for c in COUNTRIES]
    for _ in range(120):
        count = chosen.randint(0, 20)
        pairs.append(
            ([chosen.choice(STATES) for _ in range(count)], [chosen.choice(COUNTRIES) for _ in range(count)])
        )
    chosen_dtypes = [chosen.sample(list(itertools.product(DTYPES, DTYPES)), 1)[0] for _ in pairs]
    for (states, countries), (state_dtype, country_dtype) in zip(pairs, chosen_dtypes, strict=True):
        rows = range(2, len(states) + 2)
        state = pd.Series(states, index=rows, dtype=state_dtype, name="state")
        country = pd.Series(countries, index=rows, dtype=country_dtype, name="country")
        plain = normalize.territory_states(state, country)
        with monkeypatch.context() as patched:
            patched.setattr(fewrows, "FEW_ROWS", 0)
            by_pandas = normalize.territory_states(state, country)
        _same(plain, by_pandas, country)
