"""Payroll systems' own headers, read as they export them (found by newcomer24 following the README as a
payroll clerk): real files written by openpyxl, read by the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from bulkship.cli import main

PAYCOM = [
    "Employee Code", "Legal Firstname", "Legal Lastname", "Employee Status", "Termination Date",
    "Primary Address Line 1", "Primary Address Line 2", "Primary City/Municipality", "Primary State/Province",
    "Primary Zip/Postal Code", "Gift Card", "Amount",
]  # fmt: skip


def test_paycom_s_primary_city_municipality_is_the_city(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Paycom's Employee Roster heads its city 'Primary City/Municipality': the whole list was refused, exit
    2, "lacks required column(s): City", though 'Primary State/Province' and 'Primary Zip/Postal Code' beside
    it were read. Each row goes to its city now, the ZIP Excel made a number repaired by its state."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Paycom - Employee Roster Report"])
    sheet.append(PAYCOM)
    rosa = ["01001", "Rosa", "Alvarez", "Active", None, "48 Pine St", "Lot 12", "Bordentown", "NJ", 8505]
    jose = ["01002", "Jose", "Flores", "Active", None, "1203 Ave Ponce", "Apt 5", "San Juan", "PR", 907]
    for row in (rosa, jose):  # the ZIPs as Excel leaves them: numbers, their leading zero gone
        sheet.append([*row, "VISA-PREPAID", 100])
    book.save(tmp_path / "Employee_Roster_Report.xlsx")
    code = main(["validate", str(tmp_path / "Employee_Roster_Report.xlsx"), "--json", "--out", str(tmp_path)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    used = {c["header"]: c["field"] for c in json.loads(captured.out)["columns"] if c["status"] == "used"}
    assert used["Primary City/Municipality"] == "city"
    book = openpyxl.load_workbook(tmp_path / "Employee_Roster_Report-validation.xlsx")
    rows = list(book["Validation"].iter_rows(values_only=True))
    header = rows[0]
    cities = [(r[header.index("Status")], r[header.index("Primary City/Municipality")]) for r in rows[1:]]
    assert cities == [("valid", "Bordentown"), ("valid", "San Juan")]
