"""A referral-rewards sheet's column saying the reward was paid (found by newcomer25 following the README, its
N4): 'Rewarded?', 'Reward paid?' = yes on 3 of 24 rows were 'not used' and all 24 were ordered, a second
reward each. A bare 'Paid?' may say that or that the referred customer paid (why the row gets a card): the
list is refused until the header says which. Real files written by openpyxl, read by the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from bulkship.cli import main

HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Amount", "Referred customer"]
PAID = {2, 5}  # the rows whose reward went already


def _rewards_sheet(path: Path, paid_header: str, paid_cell: str = "yes") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Referrals Q4"
    sheet.append(["Customer referral rewards - Q4"])
    sheet.append([*HEADER, paid_header])
    for n in range(1, 7):
        cell = paid_cell if n in PAID else ""
        sheet.append([f"Person {n}", f"{n} Main St", "Boston", "MA", "02134", "CVS", 25, f"Client {n}", cell])
    book.save(path)
    return path


def _validated(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict, str]:
    code = main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if code in (0, 1) else {}, captured.out + captured.err


@pytest.mark.parametrize("header", ["Rewarded?", "Reward paid?", "Reward Paid", "Already rewarded"])
def test_a_column_saying_the_reward_was_paid_leaves_its_yes_rows_out(
    header: str, tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = _rewards_sheet(tmp_path / "referrals.xlsx", header)
    code, report, said = _validated(sheet, tmp_path, capsys)
    assert code == 0, said
    assert report["valid"] == 4
    assert [row["row"] for row in report["skipped"]] == [4, 7]


@pytest.mark.parametrize("header", ["Paid?", "Paid", "Paid (Y/N)"])
def test_a_bare_paid_column_of_answers_is_refused_saying_how_to_name_it(
    header: str, tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = _rewards_sheet(tmp_path / "referrals.xlsx", header)
    code, _, said = _validated(sheet, tmp_path, capsys)
    assert code == 2
    assert f"column '{header}' (I) may say the reward was paid already" in said
    assert "rename it 'Reward Paid'" in said and "'Eligible'" in said
    assert "Traceback" not in said


def test_a_paid_column_of_amounts_is_no_answer_and_the_list_is_read(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Paid' = 25.00 (what the referred customer paid) picks no rows: read as before, every row sent."""
    sheet = _rewards_sheet(tmp_path / "referrals.xlsx", "Paid", paid_cell="25.00")
    code, report, said = _validated(sheet, tmp_path, capsys)
    assert code == 0, said
    assert report["valid"] == 6
