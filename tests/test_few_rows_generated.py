"""The checks of a list of a few rows in plain Python (bulkship.validate.fewrows, fewnormal and the twins in
rules/ and lookalikes/, issue 14) are kept equal to their pandas paths only by tests comparing the two ways.
The other few_rows tests compare lists drawn from written pools; here Hypothesis writes the lists: any
columns of a recipient list in any order, any number of rows up to a few dozen, cells drawn from the pools,
the pools' cells changed (case, spaces, a digit), and any printable text. Each list is validated both ways
(the plain paths turned off by FEW_ROWS = 0) and every row, status, fingerprint, problem and notice
compared, or the same refusal."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from intake_fixtures import sandbox_catalog
from test_few_rows import CITIES, COMPANIES, FIRSTS, LASTS, LINES_2, NAMES, STREETS
from test_few_rows_normal import AMOUNTS, COUNTRIES, NOTHING, STATES, WORDS

from bulkship.errors import BulkshipError
from bulkship.load import load_sheet
from bulkship.validate import fewrows, validate

# Each column a list may have (its header as people write it) and the cells it is drawn from
COLUMNS: dict[str, list[str]] = {
    "Employee ID": ["E-1", "E-2", "E-1 ", "TBD", "", "1001", "e-1"],
    "Name": NAMES,
    "First Name": FIRSTS,
    "Last Name": LASTS,
    "Email": ["ann@corp.com", "ANN@corp.com", "", "n/a", "bo@corp.com", "ann@corp.com "],
    "Company": [*COMPANIES, *NOTHING[:8]],
    "Address": [*STREETS, "1 Main St", "PO Box 12", "2 Elm St Apt 4", "1 Main Street"],
    "Address 2": [*LINES_2, *NOTHING],
    "City": [*CITIES, "Boston", "boston", "New York", "Austin"],
    "State": STATES,
    "ZIP": ["02134", "2134", "02134-1234", "10001", "78701", "", "SW1A 1AA", "021340000", "x"],
    "Country": COUNTRIES,
    "Product": ["CVS", "cvs", "TARGET", "Target", "VISA-PREPAID", "AMAZON", "HOMEDEPOT", "", "Walmart"],
    "Amount": AMOUNTS,
    "Quantity": ["1", "2", "", "0", "1.0", "two", " 3 ", "١"],
    "Shipping Method": ["STANDARD", "standard", "EXPEDITED", "", "Overnight", "fast"],
    "Card Carrier": ["DEFAULT", "BIRTHDAY", "", "birthday", "none"],
    "Gift Wrap": WORDS,
}
# What a well-kept list holds in each (most rows of a real list are right: the checks of valid rows count)
GOOD: dict[str, list[str]] = {
    "Employee ID": ["E-1", "E-2", "E-3"],
    "Name": ["Ann Lee", "Bo Ray", "Cy Orr"],
    "First Name": ["Ann", "Bo", "Cy"],
    "Last Name": ["Lee", "Ray", "Orr"],
    "Email": ["ann@corp.com", "bo@corp.com"],
    "Company": ["", "Acme"],
    "Address": ["1 Main St", "2 Elm St", "3 Oak Ave"],
    "Address 2": ["", "Apt 4"],
    "City": ["Boston", "Austin"],
    "State": ["MA", "TX"],
    "ZIP": ["02134", "78701"],
    "Country": ["US", ""],
    "Product": ["CVS", "TARGET"],
    "Amount": ["25", "50"],
    "Quantity": ["1", "2"],
    "Shipping Method": ["STANDARD", ""],
    "Card Carrier": ["", "BIRTHDAY"],
    "Gift Wrap": ["yes", "no"],
}
# A recipient list reads a name (Name, or First and Last Name), a street, a city, state and ZIP, a card and
# its amount; a list lacking one is refused before any check (both ways alike, and nothing compared)
NEEDED = ("Address", "City", "State", "ZIP", "Product", "Amount")
PRINTABLE = st.text(st.characters(categories=["L", "M", "N", "P", "S", "Zs"]), max_size=14)


def _cell(column: str) -> st.SearchStrategy[str]:
    drawn = st.sampled_from(COLUMNS[column])
    changed = st.tuples(drawn, st.sampled_from([str.upper, str.lower, " {} ".format, "{}1".format])).map(
        lambda pair: pair[1](pair[0])
    )
    good = st.sampled_from(GOOD[column])
    return st.one_of(good, good, good, drawn, drawn, changed, PRINTABLE)


@st.composite
def _lists(draw: Any) -> tuple[list[str], list[list[str]]]:
    """A header of the columns a list needs and others, in any order; rows kept well, or drawn cell by cell,
    or another row again with a cell changed (one person twice, a look-alike)."""
    ways = [("Name",), ("First Name", "Last Name"), ("Name", "First Name", "Last Name")]
    names = draw(st.sampled_from(ways))
    others = [c for c in COLUMNS if c not in (*NEEDED, "Name", "First Name", "Last Name")]
    extra = draw(st.lists(st.sampled_from(others), unique=True, max_size=len(others)))
    header = draw(st.permutations([*names, *NEEDED, *extra]))
    rows: list[list[str]] = []
    for _ in range(draw(st.integers(1, 24))):
        if rows and draw(st.integers(0, 3)) == 0:
            again = list(draw(st.sampled_from(rows)))
            at = draw(st.integers(0, len(header) - 1))
            again[at] = draw(_cell(header[at]))
            rows.append(again)
        elif draw(st.booleans()):  # a row of the list kept well
            rows.append([draw(st.sampled_from(GOOD[column])) for column in header])
        else:
            rows.append([draw(_cell(column)) for column in header])
    return list(header), rows


def _checked(path: Path) -> Any:
    try:
        result = validate(load_sheet(path), sandbox_catalog())
    except BulkshipError as refused:
        return str(refused)
    return result.rows, result.problems, result.sheet.notices


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_lists())
def test_any_list_of_a_few_rows_is_checked_alike_both_ways(
    written: tuple[list[str], list[list[str]]],
) -> None:
    header, rows = written
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list.csv"
        with path.open("w", newline="", encoding="utf-8") as out:
            csv.writer(out).writerows([header, *rows])
        plain = _checked(path)
        with pytest.MonkeyPatch.context() as patched:
            patched.setattr(fewrows, "FEW_ROWS", 0)
            by_pandas = _checked(path)
    if isinstance(plain, str) or isinstance(by_pandas, str):
        assert plain == by_pandas
        return
    pd.testing.assert_frame_equal(plain[0], by_pandas[0])
    assert plain[1:] == by_pandas[1:]
