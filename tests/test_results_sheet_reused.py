"""Last quarter's results sheet copied into the next list (found by newcomer7): bulkship's own columns are
never read as the order. Its "Face value" (a row's cards times their value) was taken for the card's value:
a row of 2 cards of 25 came back as 2 cards of 50."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bulkship.cli import main
from bulkship.sandbox import Sandbox, SandboxConfig


def vendor_cards(data_dir: Path) -> list[tuple[str, str, int]]:
    sandbox = Sandbox(SandboxConfig(state_file=data_dir / "sandbox.sqlite", clock_speed=0))
    try:
        return sorted(
            (li["PhysicalDeliveryAddress"]["Name"], f"{float(li['Value']):g}", li["Quantity"])
            for order in sandbox.orders()
            for li in order["LineItems"]
        )
    finally:
        sandbox.close()


def first_quarter(tmp_path: Path) -> tuple[Path, list[str]]:
    """Last quarter's list (Bob: 2 cards, Cat: 4, each of the program's default CVS 25, no value column) and
    the --config naming that program."""
    (tmp_path / "program.toml").write_text('[defaults]\nproduct = "CVS"\nvalue = "25"\n')
    q1 = tmp_path / "q1.csv"
    q1.write_text(
        "Employee ID,Name,Address,City,State,Zip,Cards\n"
        "E1,Bob Face,2 Elm St,Boston,MA,02134,2\n"
        "E2,Cat Face,3 Oak St,Boston,MA,02134,4\n"
    )
    return q1, ["--config", str(tmp_path / "program.toml")]


def test_a_results_sheet_copied_into_the_next_list_orders_the_cards_value_not_the_rows_total(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    q1, config = first_quarter(tmp_path)
    out = tmp_path / "out"
    assert main(["run", str(q1), *config, "--yes", "--wait", "0", "--out", str(out)]) == 0
    results = openpyxl.load_workbook(out / "q1-results.xlsx")["Results"]
    q2 = openpyxl.Workbook()  # the Results sheet's values pasted into a new workbook, one new person added
    for row in results.iter_rows(values_only=True):
        q2.active.append(list(row))
    q2.active.append(["E3", "Dan New", "4 Ash St", "Boston", "MA", "02134", 1])
    q2.save(tmp_path / "q2.xlsx")
    capsys.readouterr()

    q2_run = [
        "run",
        str(tmp_path / "q2.xlsx"),
        "--batch",
        "Q2-gifts",
        *config,
        "--yes",
        "--wait",
        "0",
        "--out",
        str(out),
    ]
    code = main(q2_run)

    err = " ".join(capsys.readouterr().err.split())
    assert code == 0, err  # Bob and Cat held with the very cards ordered this quarter: nothing to do
    assert "carries bulkship's result columns" in err
    assert vendor_cards(isolated_data_dir) == [
        ("Bob Face", "25", 2),
        ("Cat Face", "25", 4),
        ("Dan New", "25", 1),
    ]
    assert main([*q2_run, "--allow-repeat"]) == 0  # next quarter's cards on purpose: each at its own value
    assert vendor_cards(isolated_data_dir) == [
        ("Bob Face", "25", 2), ("Bob Face", "25", 2), ("Cat Face", "25", 4), ("Cat Face", "25", 4),
        ("Dan New", "25", 1),
    ]  # fmt: skip
