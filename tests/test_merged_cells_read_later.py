"""A cell merged down a group of rows, in a column read as a field by its cells, not its header (the card
and its amount in one 'Gift' cell, a 'Gift Choice' of cards, a 'Tenant' of names): the rows under its first
showed the card or the name in Excel, and bulkship said "is empty; fill in ..." on each of them, as it read
the merge on the first row only (newcomer30's N3, mended by newcomer31). A column a header names reads a merge
on every row it covers, with a warning (the README's "A cell merged down several rows ... is read on every row
it covers"); a column read by its cells now does too."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main

STREETS = [["1 Main St", "Boston", "MA", "02134"], ["2 Elm St", "Boston", "MA", "02134"]]
STREETS += [["3 Oak St", "Boston", "MA", "02134"], ["4 Ash St", "Boston", "MA", "02134"]]
PEOPLE = ["Ann Lee", "Bob Ray", "Cy Orr", "Di Fox"]


def team_list(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]], merge: str) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    sheet.merge_cells(merge)
    book.save(path)
    return path


def validated(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, dict]:
    capsys.readouterr()
    code = main(["validate", str(path), "--json", "--out", str(path.parent / "out")])
    return code, json.loads(capsys.readouterr().out)


CARD_AND_AMOUNT = (
    ["Name", "Address", "City", "State", "ZIP", "Gift"],
    [[PEOPLE[i], *STREETS[i], gift] for i, gift in enumerate(["CVS $50", None, None, "Target $25"])],
    "F2:F4",
    "Gift",
    "CVS $50",
)
CARD_CHOSEN = (
    ["Name", "Address", "City", "State", "ZIP", "Gift Choice", "Amount"],
    [[PEOPLE[i], *STREETS[i], gift, 50] for i, gift in enumerate(["Target", None, None, "CVS"])],
    "F2:F4",
    "Gift Choice",
    "Target",
)


@pytest.mark.parametrize("header, rows, merge, column, text", [CARD_AND_AMOUNT, CARD_CHOSEN])
def test_a_card_merged_down_a_column_read_by_its_cells_is_read_on_each_row(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    header: list[str],
    rows: list[list[object]],
    merge: str,
    column: str,
    text: str,
) -> None:
    """Bob and Cy see the team's card on their rows: before, each was invalid, 'is empty; fill in ...'."""
    path = team_list(tmp_path / "teams.xlsx", header, rows, merge)
    code, data = validated(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (0, 4, 0), data["problems"]
    assert [p["message"] for p in data["problems"]] == [
        f"Row {row}, column '{column}': inside the merged cell {merge} ('{text}'); read as {text}."
        for row in (3, 4)
    ]


def test_a_card_and_amount_merged_down_is_ordered_for_each_row_it_covers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], isolated_data_dir: Path
) -> None:
    """End to end: the team's three people get the CVS 50.00 card their rows show, Di her Target 25.00."""
    header, rows, merge, _, _ = CARD_AND_AMOUNT
    path = team_list(tmp_path / "teams.xlsx", header, rows, merge)
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    cards = {
        line["PhysicalDeliveryAddress"]["Name"]: (line["ProductId"], float(line["Value"]))
        for order in embedded_sandbox_orders(isolated_data_dir)
        for line in order["LineItems"]
    }
    assert cards == {
        "Ann Lee": ("CVS", 50.0),
        "Bob Ray": ("CVS", 50.0),
        "Cy Orr": ("CVS", 50.0),
        "Di Fox": ("TARGET", 25.0),
    }


def test_a_name_merged_down_a_column_read_by_its_cells_is_read_on_each_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 'Tenant' merged over two rows at two streets shows Ann Lee on both: one person at two addresses,
    which is asked about (neither card sent), never 'Name is empty' on the second."""
    header = ["Tenant", "Address", "City", "State", "ZIP", "Product", "Amount"]
    rows = [[name, *STREETS[i], "CVS", 25] for i, name in enumerate(["Ann Lee", None, "Cy Orr", "Di Fox"])]
    path = team_list(tmp_path / "tenants.xlsx", header, rows, "A2:A3")
    code, data = validated(capsys, path)
    messages = [p["message"] for p in data["problems"]]
    assert "Row 3, column 'Tenant': inside the merged cell A2:A3 ('Ann Lee'); read as Ann Lee." in messages
    assert not [m for m in messages if "is empty" in m], messages
    assert (code, data["valid"]) == (1, 2), messages
