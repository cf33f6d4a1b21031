"""Address line 2 as a carrier reads it (hunter-sheets29's leftover 6, fixed by hunter-sheets30): a bare
unit number under an 'Apt' column is written with the column's word, and a unit the street ends with
already is printed once."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from intake_fixtures import sandbox_catalog
from support import SandboxVendor
from support.review import run, settings_in

from bulkship.load import load_sheet
from bulkship.validate import unitlines, validate

HEAD = ["Name", "Address", "Apt", "City", "State", "ZIP", "Card", "Amount"]
ROWS = [
    ["Ann Lee", "1 Main St", 4, "Boston", "MA", "02134", "TARGET", 25],  # a number cell, as Excel keeps it
    ["Bob Ray", "2 Main St Apt 5", "5", "Boston", "MA", "02134", "TARGET", 25],
    ["Cy Orr", "3 Main St", "#6", "Boston", "MA", "02134", "TARGET", 25],
    ["Di Pan", "4 Main St", "Unit 7", "Boston", "MA", "02134", "TARGET", 25],
    ["Ed Fox", "5 Main St", "12b", "Boston", "MA", "02134", "TARGET", 25],
    ["Flo Ma", "6 Main St Apt 5", "Floor 5", "Boston", "MA", "02134", "TARGET", 25],  # another line
]


def _book(path: Path, head: list[str], rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    book.active.append(head)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_a_bare_unit_number_is_named_and_a_unit_in_the_street_printed_once(tmp_path: Path) -> None:
    """An HR list's 'Apt' column holding 4 (Excel's number) sent line 2 as '4': a label reading '1 Main St'
    over '4', which a carrier may take for anything; '2 Main St Apt 5' beside 5 went out with line 2 '5' as
    well. Now 4 under 'Apt' is printed 'Apt 4' ('12b' as 'Apt 12b'; under 'Apt/Suite', naming no one kind,
    '# 4', USPS's mark for a unit of no known kind; under 'Address 2' as written: it may be anything), and
    the 5 the street ends with is not printed again; each said as a warning. '#6', 'Unit 7' and 'Floor 5'
    are sent as written."""
    sheet = _book(tmp_path / "staff.xlsx", HEAD, ROWS)
    said = [p.message for p in validate(load_sheet(sheet), sandbox_catalog()).problems]
    assert said == [
        "Row 2, column 'Apt': '4' printed as 'Apt 4', as a carrier reads a unit.",
        "Row 3, column 'Apt': '5' is the unit the street '2 Main St Apt 5' ends with: printed once, on "
        "line 1.",
        "Row 6, column 'Apt': '12b' printed as 'Apt 12b', as a carrier reads a unit.",
    ]
    vendor = SandboxVendor(tmp_path)
    run(vendor, settings_in(tmp_path), sheet)
    sent = [li["PhysicalDeliveryAddress"] for o in vendor.sandbox.orders() for li in o["LineItems"]]
    vendor.close()
    assert sorted((a["Name"], a["AddressLine1"], a.get("AddressLine2")) for a in sent) == [
        ("Ann Lee", "1 Main St", "Apt 4"),
        ("Bob Ray", "2 Main St Apt 5", None),
        ("Cy Orr", "3 Main St", "#6"),
        ("Di Pan", "4 Main St", "Unit 7"),
        ("Ed Fox", "5 Main St", "Apt 12b"),
        ("Flo Ma", "6 Main St Apt 5", "Floor 5"),
    ]
    for header, line_2 in (("Apt/Suite", "# 4"), ("Address 2", "4")):
        other = _book(tmp_path / "other.xlsx", ["Name", "Address", header, *HEAD[3:]], ROWS[:1])
        assert validate(load_sheet(other), sandbox_catalog()).rows["address2"].tolist() == [line_2]


def test_a_unit_of_another_kind_in_the_street_keeps_line_2(tmp_path: Path) -> None:
    """Found by review51 in 6843520b: '12 Oak Ct Bldg 5' beside an 'Apt' column of 5 (apartment 5 of
    building 5) had its line 2 emptied as the unit written twice: the card went without its apartment. A bare
    number is of its header's kind: only a unit of the same kind (or of none named: '#6') is written twice."""
    rows = [
        ["Ann Lee", "12 Oak Ct Bldg 5", 5, "Boston", "MA", "02134", "CVS", 50],
        ["Bob Ray", "40 Elm St Lot 3", 3, "Boston", "MA", "02134", "CVS", 50],
        ["Cy Orr", "7 Pine Rd Floor 2", 2, "Boston", "MA", "02134", "CVS", 50],
        ["Dee Fox", "9 Ash Ave Apt 4", 4, "Boston", "MA", "02134", "CVS", 50],
        ["Eve Li", "9 Ash Ave #6", 6, "Boston", "MA", "02134", "CVS", 50],
    ]
    sheet = _book(tmp_path / "bldg.xlsx", HEAD, rows)
    lines = validate(load_sheet(sheet), sandbox_catalog()).rows["address2"].tolist()
    assert lines == ["Apt 5", "Apt 3", "Apt 2", "", ""]


def test_the_street_is_read_for_its_unit_only_where_line_2_holds_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by hunter-speed1 (issue 14): the street's unit pattern backtracks through every street, 0.26
    CPU-s of a 100,000-row validate (~5 s), though only a row whose line 2 is a unit can hold it twice; line
    2's own pattern read every empty line 2. Now each reads only the rows where it can count (here 6 of 8),
    and says what reading every row says."""
    streets = [
        "2 Main St Apt 5",
        "3 Elm St #6",
        "4 Oak Ave Unit 7",
        "5 Ash Rd",
        "6 Pine Ct Apt 8",
        "7 Elm St",
    ]
    line1 = pd.Series([*streets, "8 Lake Rd Suite 9", "9 Lake Rd Apt 2"], index=range(10, 18))
    line2 = pd.Series(["5", "6", "Floor 7", "", " ", "Apt 3", "Suite 9", "Bldg C"], index=range(10, 18))
    units_read, read = unitlines.units_read, []

    def counted(line: pd.Series, pattern: str, rows: pd.Series) -> pd.DataFrame:
        read.append(int(rows.sum()))
        return units_read(line, pattern, rows)

    monkeypatch.setattr(unitlines, "units_read", counted)
    line_2, twice = unitlines.units_said_twice(line1, line2, "Apt")
    assert read == [6, 6]  # lines 2 filled; of them, units: '5', '6', 'Floor 7', 'Apt 3', 'Suite 9', 'Bldg C'
    monkeypatch.setattr(
        unitlines, "units_read", lambda line, pattern, rows: units_read(line, pattern, rows | True)
    )
    every_street = unitlines.units_said_twice(line1, line2, "Apt")
    assert line_2.tolist() == every_street[0].tolist() == ["", "", "Floor 7", "", " ", "Apt 3", "", "Bldg C"]
    assert twice.tolist() == every_street[1].tolist()
