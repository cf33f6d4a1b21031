"""Time bounded by the rows a list holds (found by hunter-hostile6, hunter-hostile5's LO3): a 941-byte ODS
repeating one row a million times, or a CSV of as many rows without a street, kept `bulkship validate` busy
for many minutes in the loader's checks of rows without an address (totals rows, notes, notes naming a
recipient), each looked up with pandas one at a time (a millisecond a row). Those checks read the rows they
look at in one pass: the lookups a list costs do not grow with its rows."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from bulkship.load import load_sheet

HEADER = ["Employee ID", "Name", "Address", "City", "State", "ZIP", "Card", "Amount"]


def _list(path: Path, extra: int) -> Path:
    """Two people, then ``extra`` rows holding an id and a name only (no street), and a note naming one."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerow(["E1", "Ann Lee", "1 Main St", "Boston", "MA", "02108", "CVS", "25"])
        writer.writerow(["E2", "Bob Ray", "2 Main St", "Boston", "MA", "02108", "CVS", "25"])
        for n in range(extra):
            writer.writerow([f"E{n + 9}", f"Zed Person{n}"])
        writer.writerow(["", "Bob Ray should get $50 instead"])
    return path


def _row_lookups(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    """How many times the loader looks rows up by label while reading ``path``, and its problems' columns."""
    calls = 0
    original = pd.core.indexing._LocIndexer.__getitem__

    def counting(self: object, key: object) -> object:
        nonlocal calls
        calls += 1
        return original(self, key)

    with monkeypatch.context() as patch:
        patch.setattr(pd.core.indexing._LocIndexer, "__getitem__", counting)
        loaded = load_sheet(path)
    return calls, [p.message for p in loaded.read_problems]


def test_rows_without_a_street_are_read_in_one_pass_whatever_their_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    few, few_problems = _row_lookups(_list(tmp_path / "few.csv", 20), monkeypatch)
    many, many_problems = _row_lookups(_list(tmp_path / "many.csv", 2_000), monkeypatch)
    # the note under the list still names Bob Ray's row, in both
    for problems in (few_problems, many_problems):
        assert any(m.startswith("Row 3, column 'Name': the note on row") for m in problems), problems
    assert many - few < 100, f"{few} row lookups for 20 rows without a street, {many} for 2,000"
