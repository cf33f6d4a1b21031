"""A card another batch made that is the very card of one row of the list (same recipient, address, card and
value) is that row's: a namesake of the list at another address, told apart from that row by its email, is no
edit of it (bulkship/repeats/emails.py, owners_told_apart)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from bulkship.cli import main
from bulkship.sandbox import Sandbox, SandboxConfig

HEADER = ["Name", "Street", "City", "State", "Zip", "Card", "Amount", "Email"]
BOB = ["Bob Gray", "10 Main St", "Newark", "NJ", "07102", "CVS", "50", "bob.gray0@example.com"]
ANN = ["Ann Reed", "12 Oak Ave", "Boston", "MA", "02134", "CVS", "25", "ann.reed2@example.com"]
AUSTIN = ["Oli Diaz", "26 Main St", "Austin", "TX", "78701", "TARGET", "100", "oli.diaz16@example.com"]


def _hartford(street: str, email: str = "oli.diaz1@example.com") -> list[str]:
    return ["Oli Diaz", street, "Hartford", "CT", "06103", "TARGET", "100", email]


@pytest.fixture(autouse=True)
def _in_tmp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # result workbooks go to ./output of the test's own folder


def _run(path: Path, rows: list[list[str]], batch: str, *more: str) -> int:
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return main(["run", str(path), "--batch", batch, "--yes", "--wait", "0", *more])


def _recipients(data_dir: Path) -> Counter[tuple[str, str]]:
    sandbox = Sandbox(SandboxConfig(state_file=data_dir / "sandbox.sqlite", clock_speed=0))
    try:
        return Counter(
            (li["PhysicalDeliveryAddress"]["Name"], li["PhysicalDeliveryAddress"]["City"])
            for order in sandbox.orders()
            for li in order["LineItems"]
        )
    finally:
        sandbox.close()


def _split_with_the_namesake_invalid(tmp_path: Path, hartford: list[str]) -> list[list[str]]:
    """The whole list refused by --max-total (a split advised) while Hartford's Oli had no street; the
    first part run under the batch (Oli invalid), the rest as a batch of its own (Austin's Oli sent).
    Returns the whole list, Hartford's street filled in."""
    whole = [BOB, _hartford(""), ANN, AUSTIN]
    assert _run(tmp_path / "whole.csv", whole, "gifts", "--max-total", "60") == 1
    assert _run(tmp_path / "first.csv", whole[:2], "gifts") == 3  # Hartford's Oli has no street
    assert _run(tmp_path / "rest.csv", whole[2:], "rest") == 0
    return [BOB, hartford, ANN, AUSTIN]


def test_a_namesake_fixed_after_a_split_is_sent_where_the_card_is_its_namesake_s_row(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-vendor33's leftover 1 (and fuzz seed 123-pg): Hartford's Oli Diaz (oli.diaz1@), fixed, read as
    'an edit of row 3 of the file as it was ordered (PO BS-REST-0001)', held for good, exit 3, while row 5
    (Austin's Oli, oli.diaz16@) was 'sent elsewhere' for that very card: one card was read as both rows'.
    Hartford's Oli is sent; run again, nothing more goes."""
    fixed = _split_with_the_namesake_invalid(tmp_path, _hartford("11 Pine Ln"))
    capsys.readouterr()
    code = _run(tmp_path / "fixed.csv", fixed, "gifts", "--json")
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["held_rows"] == 0, data
    expected = Counter({("Bob Gray", "Newark"): 1, ("Ann Reed", "Boston"): 1})
    expected.update({("Oli Diaz", "Austin"): 1, ("Oli Diaz", "Hartford"): 1})
    assert _recipients(isolated_data_dir) == expected
    assert _run(tmp_path / "fixed.csv", fixed, "gifts") == 0
    assert _recipients(isolated_data_dir) == expected


@pytest.mark.parametrize("email", ["oli.diaz16@example.com", ""], ids=["same-email", "no-email"])
def test_a_namesake_not_told_apart_from_the_row_of_the_card_stays_held(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str], email: str
) -> None:
    """The other way: Hartford's Oli of Austin's Oli's very email (one person at two addresses), or of none,
    is not sent: nothing tells the two rows apart (held as the card's edit; of one email, the list itself
    marks the two rows one person's)."""
    fixed = _split_with_the_namesake_invalid(tmp_path, _hartford("11 Pine Ln", email))
    capsys.readouterr()
    code = _run(tmp_path / "fixed.csv", fixed, "gifts", "--json")
    data = json.loads(capsys.readouterr().out)
    assert code == 3 and data["held_rows"] + data["invalid"] == 1, data  # same email: invalid in the list
    assert _recipients(isolated_data_dir)[("Oli Diaz", "Hartford")] == 0


def test_a_long_list_run_again_as_a_new_batch_reads_its_rows_names_once_per_check(
    tmp_path: Path, isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review59 checking a9f41014: owners_told_apart looked through every row of the list for each
    card another batch made of a row of it, so a list run again as a new batch took n x n steps (an
    8,000-row list: a minute in it alone; 100,000 rows: hours). The rows' names are read a few times in
    all, not once per card."""
    from functools import cached_property

    from bulkship.repeats import cards

    reads = Counter[str]()

    class Counted(list[str]):
        def __iter__(self) -> Any:
            reads["names"] += 1
            return super().__iter__()

    folded = cards._Rows.__dict__["names"].func  # the cached_property's own function
    counted = cached_property(lambda rows: Counted(folded(rows)))
    counted.__set_name__(cards._Rows, "names")
    monkeypatch.setattr(cards._Rows, "names", counted)
    rows = [
        [f"Pat{i} Lee{i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "25", f"pat{i}@example.com"]
        for i in range(30)
    ]
    assert _run(tmp_path / "list.csv", rows, "first") == 0
    reads.clear()
    assert main(["validate", str(tmp_path / "list.csv"), "--batch", "again"]) == 0  # each row: a repeat
    assert 0 < reads["names"] < 15, reads  # 35 before: once per card (30) and per check (5)
