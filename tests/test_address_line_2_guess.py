"""A column taken for the second address line by its header alone: an HR export's "Unit" (the business unit)
was read as the apartment line and would have been printed on every parcel ("1 Main St / Finance"). Files are
written by openpyxl and csv; `bulkship validate` is run as a person runs it."""

# ruff: noqa: E501  (exact user-facing messages read best unwrapped)

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from bulkship.cli import main
from bulkship.load import load_sheet
from bulkship.program import load_program

HEADER = ["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Value", "Unit"]


def validate(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> tuple[int, dict]:
    code = main(["validate", str(path), "--json", "--out", str(path.parent / "out"), *args])
    return code, json.loads(capsys.readouterr().out)


def hr_export(path: Path, units: list[str]) -> Path:
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    for number, unit in enumerate(units, start=1):
        book.active.append(
            [
                f"E{number}",
                f"Person{number} Lee",
                f"{number} Main St",
                "Boston",
                "MA",
                "02134",
                "CVS",
                "25",
                unit,
            ]
        )
    book.save(path)
    return path


def test_a_business_unit_column_is_not_printed_as_the_apartment_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = hr_export(tmp_path / "hr.xlsx", ["Finance", "Sales", "R&D", "Finance"])
    code, data = validate(capsys, path)
    assert (code, data["valid"]) == (0, 4)
    unit = next(c for c in data["columns"] if c["header"] == "Unit")
    assert (unit["field"], unit["status"]) == (None, "unused")
    assert (
        "Column 'Unit' (I) is not read as Address Line 2: none of its values looks like an apartment, suite or floor ('Finance', 'Sales', 'R&D'). If it is the second address line, map it with [columns] address2 = \"Unit\" in a program file (--config), or choose it on the Columns page."
        in data["notices"]
    )
    assert "Unit" not in load_sheet(path).column_map


def test_a_unit_column_of_apartments_is_still_the_second_address_line(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number, unit in enumerate(["4B", "", "PH", "Rear", "c/o Ann Lee"], start=1):
            writer.writerow(
                [
                    f"E{number}",
                    f"P{number} Lee",
                    f"{number} Main St",
                    "Boston",
                    "MA",
                    "02134",
                    "CVS",
                    "25",
                    unit,
                ]
            )
    loaded = load_sheet(path)
    assert loaded.column_map["Unit"] == "address2"
    assert not [n for n in loaded.notices if "Address Line 2" in n]


def test_a_unit_column_the_program_names_is_read_whatever_it_holds(tmp_path: Path) -> None:
    path = hr_export(tmp_path / "hr.xlsx", ["Finance", "Sales", "R&D"])
    (tmp_path / "program.toml").write_text('[columns]\naddress2 = "Unit"\n')
    loaded = load_sheet(path, program=load_program(tmp_path / "program.toml"))
    assert loaded.column_map["Unit"] == "address2"


def test_a_unit_column_of_flats_written_without_numbers_is_still_the_second_address_line(
    tmp_path: Path,
) -> None:
    """Two-family houses: 'Upper' and 'Lower' are the whole second line, no number in any of them."""
    path = hr_export(tmp_path / "flats.xlsx", ["Upper", "Lower", "Upper", "Lower"])
    assert load_sheet(path).column_map["Unit"] == "address2"


@pytest.mark.parametrize("header", ["Apt", "Suite", "Address 2"])
def test_a_column_headed_as_an_address_line_keeps_flats_written_as_one_letter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    """Duplexes' flats 'A', 'B', 'C' under 'Apt': no digit, no unit word, so the column was set aside and
    the parcels went out without the flat, exit 0 (found by review8). A header naming an address line says
    what its column holds; a lone letter reads as a flat under 'Unit' too."""
    path = hr_export(tmp_path / "duplex.xlsx", ["A", "B", "C", "B"])
    book = openpyxl.load_workbook(path)
    book.active["I1"] = header
    book.save(path)
    code, data = validate(capsys, path)
    assert (code, data["valid"]) == (0, 4)
    assert next(c for c in data["columns"] if c["header"] == header)["field"] == "address2"
    assert not [n for n in data["notices"] if "Address Line 2" in n]
    assert load_sheet(hr_export(tmp_path / "units.xlsx", ["A", "B", "C"])).column_map["Unit"] == "address2"


def test_a_flat_column_of_words_is_the_second_address_line(tmp_path: Path) -> None:
    """UK-style flats under 'Flat' ('Ground', 'First', 'Top'): the header names the flat, so its values are
    read as written, not set aside for want of a number or a unit word."""
    path = hr_export(tmp_path / "flats.xlsx", ["Ground", "First", "Top"])
    book = openpyxl.load_workbook(path)
    book.active["I1"] = "Flat"
    book.save(path)
    assert load_sheet(path).column_map["Flat"] == "address2"


def test_a_column_holding_more_of_the_address_beside_line_2_is_an_error_not_left_off_the_parcel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Floor' 12 and 'Additional Address' Attn: Mailroom beside 'Address 2' (found by hunter-sheets7): nothing
    read them, a notice at most, and the parcels went without the floor and the mailroom, exit 0. Values line 2
    holds already, another address's column ('Work Floor' in a list sent home) and a 'Floor Manager' are
    no part of the parcel."""
    book = openpyxl.Workbook()
    sheet = book.active
    head = ["Name", "Home Street", "Home Address 2", "Home City", "State", "ZIP", "Product", "Value"]
    sheet.append([*head, "Floor", "Additional Address", "Work Floor", "Floor Manager"])
    sheet.append(["Ann Lee", "1 Main St", "Apt 4", "Boston", "MA", "02134", "CVS", 25, 12, "", 3, "Dana Wu"])
    sheet.append(["Bob Ray", "2 Elm St", "", "Boston", "MA", "02134", "CVS", 25, "", "Attn: Mailroom", 5, ""])
    sheet.append(
        ["Cy Orr", "3 Oak St", "Fl 7", "Boston", "MA", "02134", "CVS", 25, "7", "N/A", "", "Eli Park"]
    )
    path = tmp_path / "list.xlsx"
    book.save(path)
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 1, 2)
    assert [(p["row"], p["message"].split(":")[0]) for p in data["problems"] if p["severity"] == "error"] == [
        (2, "Row 2, column 'Floor'"),
        (3, "Row 3, column 'Additional Address'"),
    ]
    assert data["problems"][0]["message"] == (
        "Row 2, column 'Floor': '12' is part of the address, but nothing reads this column: the parcel would go "
        "without it. Add it to 'Home Address 2' (after what it says), or head the column 'Address Line 3' to "
        "add it to line 2; if it is no part of this address, delete the column."
    )
