"""The Results sheet's CSV twin names the currency of its money: the workbook shows each amount as "$50.00",
the CSV wrote 'Face value', 'Discount', 'Fees', 'Shipping cost', 'Total' over plain numbers (50.00), nothing
saying they were dollars (hunter-money20's leftover 3, kept open by hunter-money21 to 24). Its money headers
read 'Total (USD)'; the CSV copied into the next list still never has its money read as the order."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from test_results_sheet_reused import first_quarter, vendor_cards

from bulkship.cli import main
from bulkship.money import MONEY_LABELS

MONEY_HEADERS = [f"{label} (USD)" for label in MONEY_LABELS]


def _table(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_the_results_csv_names_the_currency_of_its_money_columns(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Qty,Shipping\n"
        "Ann Lee,1 Main St,Boston,MA,02134,HOMEDEPOT,25,3,EXPEDITED\n"
        "Bo Chan,2 Main St,Boston,MA,02134,VISA-PREPAID,33.33,1,STANDARD\n"
    )
    out = tmp_path / "out"
    assert main(["run", str(staff), "--yes", "--wait", "0", "--csv", "--out", str(out)]) == 0
    header, ann, bo = _table(out / "staff-results.csv")
    money = [header.index(h) for h in MONEY_HEADERS]  # every money column names its currency
    assert [ann[i] for i in money] == ["75.00", "1.86", "0.00", "9.95", "83.09"], ann
    assert [bo[i] for i in money] == ["33.33", "0.00", "5.95", "0.00", "39.28"], bo
    assert not set(MONEY_LABELS) & set(header), header  # none left without it


def test_a_user_s_own_column_named_as_a_money_header_stays_theirs(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    """A list's own 'Total (USD)' column (a finance sheet's) keeps its header; bulkship's is marked."""
    staff = tmp_path / "staff.csv"
    staff.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Total (USD)\nAnn Lee,1 Main St,Boston,MA,02134,CVS,25,25\n"
    )
    out = tmp_path / "out"
    assert main(["run", str(staff), "--yes", "--wait", "0", "--csv", "--out", str(out)]) == 0
    header, ann = _table(out / "staff-results.csv")
    assert header.index("Total (USD)") == 7 and ann[7] == "25"
    assert ann[header.index("Total (USD) (bulkship)")] == "25.00", header


def test_the_results_csv_copied_into_the_next_list_orders_the_cards_value_not_the_rows_total(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The twin of test_results_sheet_reused for the CSV: its 'Face value (USD)' (2 cards of 25: 50.00) is
    bulkship's column, never the card's value."""
    q1, config = first_quarter(tmp_path)
    out = tmp_path / "out"
    assert main(["run", str(q1), *config, "--yes", "--wait", "0", "--csv", "--out", str(out)]) == 0
    table = _table(out / "q1-results.csv")
    assert "Face value (USD)" in table[0]
    q2 = tmp_path / "q2.csv"
    with q2.open("w", newline="") as stream:  # the CSV as it came, one new person added
        csv.writer(stream).writerows([*table, ["E3", "Dan New", "4 Ash St", "Boston", "MA", "02134", "1"]])
    capsys.readouterr()
    q2_run = ["run", str(q2), "--batch", "Q2-gifts", *config, "--yes", "--wait", "0", "--out", str(out)]
    assert main([*q2_run, "--allow-repeat"]) == 0, capsys.readouterr().err
    assert "carries bulkship's result columns" in " ".join(capsys.readouterr().err.split())
    assert vendor_cards(isolated_data_dir) == [
        ("Bob Face", "25", 2), ("Bob Face", "25", 2), ("Cat Face", "25", 4), ("Cat Face", "25", 4),
        ("Dan New", "25", 1),
    ]  # fmt: skip
