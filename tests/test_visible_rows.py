"""Only what the user sees is ordered (issue 9): hidden, filtered-out and collapsed rows, hidden and ambiguous
columns, totals rows and notes, on real XLSX files written by openpyxl, through the commands a user runs."""

# ruff: noqa: E501  (exact user-facing messages and sample data read best unwrapped)

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from support.libreoffice import ConvertedTogether, convert

from bulkship.cli import main
from bulkship.errors import FileFormatError, MissingColumnsError, SheetChoiceError
from bulkship.load import load_sheet
from bulkship.program import load_program
from bulkship.sandbox import Sandbox, SandboxConfig

HEADER = [
    "Employee ID",
    "Name",
    "Address",
    "Street Address",
    "City",
    "State",
    "ZIP",
    "Product",
    "Value",
    "Eligible",
    "Ship Via",
]
PEOPLE = [
    ["000123", "Ann Lee", "9 Old Rd", "1 Main St", "Boston", "MA", "02134", "CVS", 50, "Yes", "OVERNIGHT"],
    ["000124", "Bob Ray", "9 Old Rd", "2 Elm St", "Boston", "MA", "02134", "CVS", 50, "No", "STANDARD"],
    ["000125", "Cy Orr", "9 Old Rd", "3 Oak St", "Boston", "MA", "02134", "CVS", 50, "Yes", "EXPEDITED"],
    ["000126", "Di Fox", "9 Old Rd", "4 Ash St", "Boston", "MA", "02134", "CVS", 50, "Yes", "STANDARD"],
    ["000127", "Ed Kim", "9 Old Rd", "5 Elm St", "Boston", "MA", "02134", "CVS", 50, "Yes", "STANDARD"],
]


def tidied_hr_sheet(path: Path) -> Path:
    """An HR list tidied in Excel: old addresses in hidden column C, filtered to Eligible = Yes (row 3 hidden
    by the filter), row 5 in a collapsed group, row 6 hidden by hand... inside the filter's range, a totals
    row, a blank row and a footnote."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Recipients"
    sheet.append(HEADER)
    for person in PEOPLE:
        sheet.append(person)
        sheet.cell(sheet.max_row, 1).number_format = "@"
    sheet.append(["", "Total", "", "", "", "", "", "", "=SUM(I2:I6)", "", ""])
    sheet.append([])
    sheet.append(["* Cards for new hires are sent in January"])
    sheet.column_dimensions["C"].hidden = True
    sheet.auto_filter.ref = "A1:K6"
    sheet.auto_filter.add_filter_column(9, ["Yes"])
    sheet.row_dimensions[3].hidden = True  # Excel hides the rows its filter leaves out
    sheet.row_dimensions[5].outline_level = 1
    sheet.row_dimensions[5].hidden = True
    sheet.row_dimensions[6].hidden = True
    book.save(path)
    return path


def validate_json(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> tuple[int, dict, str]:
    code = main(["validate", str(path), "--json", "--out", str(path.parent / "out"), *args])
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out.strip() else {}, captured.err


def result_statuses(path: Path) -> dict[int, tuple[str, str]]:
    """The result workbook's Results sheet: spreadsheet row -> (Status, Problems), read where they stand."""
    results = openpyxl.load_workbook(path)["Results"]
    header = [c.value for c in results[1]]
    at = header.index("Row")
    assert header[at : at + 3] == ["Row", "Status", "Problems / vendor error"]
    return {r[at]: (r[at + 1], r[at + 2]) for r in results.iter_rows(min_row=2, values_only=True)}


def vendor_lines(data_dir: Path) -> list[dict]:
    sandbox = Sandbox(SandboxConfig(state_file=data_dir / "sandbox.sqlite", clock_speed=0))
    try:
        return [line for order in sandbox.orders() for line in order["LineItems"]]
    finally:
        sandbox.close()


def test_hidden_filtered_and_collapsed_rows_totals_and_notes_are_skipped_and_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, data, err = validate_json(capsys, tidied_hr_sheet(tmp_path / "hr.xlsx"))
    assert code == 0, err
    assert data["skipped"] == [
        {"row": 3, "kind": "filtered", "reason": "hidden by the filter on column J 'Eligible'"},
        {"row": 5, "kind": "collapsed", "reason": "inside a collapsed group of rows"},
        {"row": 6, "kind": "filtered", "reason": "hidden by the filter on column J 'Eligible'"},
        {"row": 7, "kind": "totals", "reason": "totals row ('Total')"},
        {
            "row": 9,
            "kind": "note",
            "reason": "note below the table ('* Cards for new hires are sent in Janua…')",
        },
    ]
    assert (data["rows"], data["valid"], data["invalid"]) == (7, 2, 0)
    assert data["problems"] == []  # neither the totals row nor the note is an error
    assert data["notices"] == [
        "3 hidden row(s) not ordered: 3, 5, 6 (hidden by the filter on column J 'Eligible'; inside a collapsed group of rows). Pass --include-hidden to order them too.",
        "2 row(s) are not recipients and are not ordered: row 7, totals row ('Total'); row 9, note below the table ('* Cards for new hires are sent in Janua…').",
    ]
    assert "Note: 3 hidden row(s) not ordered" in err
    book = openpyxl.load_workbook(tmp_path / "out" / "hr-validation.xlsx")
    statuses = {row[0]: (row[1], row[2]) for row in book["Validation"].iter_rows(min_row=2, values_only=True)}
    assert statuses[2] == ("valid", "")
    assert statuses[3] == ("skipped", "Not ordered: hidden by the filter on column J 'Eligible'")
    assert statuses[7] == ("skipped", "Not ordered: totals row ('Total')")


def hidden_by_hand_and_in_a_group(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value"])
    for n in range(5):
        sheet.append([f"P{n}", f"{n} Main St", "Boston", "MA", "02134", "CVS", 50])
    sheet.row_dimensions[3].hidden = True
    for row in (5, 6):
        sheet.row_dimensions[row].outlineLevel = 1
        sheet.row_dimensions[row].hidden = True
    book.save(path)
    return path


def test_a_row_hidden_by_hand_in_an_ods_is_said_hidden_not_in_a_group(
    tmp_path: Path, libreoffice: ConvertedTogether
) -> None:
    """Found by newcomer3 (N7h): a row hidden by hand in LibreOffice's ODS was said to be "inside a collapsed
    group of rows" (the XLSX copy said "hidden row"): an ODS writes both as a collapsed row, a group's inside
    a row group. Each is said as it is."""
    ods = libreoffice.copy(hidden_by_hand_and_in_a_group(tmp_path / "list.xlsx"), tmp_path)
    assert [(s.row, s.kind, s.reason) for s in load_sheet(ods).skipped] == [
        (3, "hidden", "hidden row"),
        (5, "collapsed", "inside a collapsed group of rows"),
        (6, "collapsed", "inside a collapsed group of rows"),
    ]


def filtered_on_department(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes", "Department"])
    for n, team in enumerate(("Sales", "IT", "Sales")):
        sheet.append([f"P{n}", f"{n} Main St", "Boston", "MA", "02134", "CVS", 50, "", team])
    sheet.auto_filter.ref = "A1:I4"
    sheet.auto_filter.add_filter_column(8, ["Sales"])
    sheet.row_dimensions[3].hidden = True
    book.save(path)
    return path


def test_rows_a_filter_hides_in_an_ods_name_the_filter_s_column(
    tmp_path: Path, libreoffice: ConvertedTogether
) -> None:
    """Found by hunter-sheets13: LibreOffice's ODS copy of a list filtered on 'Department' said its hidden
    rows were "hidden by the filter", where the XLSX named "the filter on column I 'Department'"."""
    ods = libreoffice.copy(filtered_on_department(tmp_path / "filtered.xlsx"), tmp_path)
    assert [(s.row, s.reason) for s in load_sheet(ods).skipped] == [
        (3, "hidden by the filter on column I 'Department'")
    ]


def test_a_hidden_column_never_wins_over_a_visible_one_and_unused_columns_are_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, data, _ = validate_json(capsys, tidied_hr_sheet(tmp_path / "hr.xlsx"))
    assert code == 0
    assert data["columns"] == [
        {"header": "Employee ID", "column": "A", "field": "external_id", "status": "used"},
        {"header": "Name", "column": "B", "field": "name", "status": "used"},
        {"header": "Address", "column": "C", "field": None, "status": "unused", "hidden": True,
         "note": "hidden; the visible column 'Street Address' (D) is used for Address Line 1"},
        {"header": "Street Address", "column": "D", "field": "address1", "status": "used"},
        {"header": "City", "column": "E", "field": "city", "status": "used"},
        {"header": "State", "column": "F", "field": "state", "status": "used"},
        {"header": "ZIP", "column": "G", "field": "zip", "status": "used"},
        {"header": "Product", "column": "H", "field": "product", "status": "used"},
        {"header": "Value", "column": "I", "field": "value", "status": "used"},
        {"header": "Eligible", "column": "J", "field": None, "status": "unused",
         "note": "read to leave rows out"},  # what it does (newcomer28's N4)
        {"header": "Ship Via", "column": "K", "field": "shipping_method", "status": "used"},
    ]  # fmt: skip
    main(["validate", str(tmp_path / "hr.xlsx"), "--out", str(tmp_path / "out")])
    out = (
        capsys.readouterr().out
    )  # 'Eligible' is read, to leave rows out: not safe to delete (hunter-sheets12)
    assert "Columns read only to leave rows out: 'Eligible'\nColumns not used: 'Address'\n" in out


def test_run_orders_exactly_the_visible_rows_with_their_ids_and_shipping_and_shows_the_skipped(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tidied_hr_sheet(tmp_path / "hr.xlsx")
    code = main(["run", str(sheet), "--yes", "--wait", "0", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 0, err
    lines = vendor_lines(isolated_data_dir)
    assert [(ln["ExternalId"], ln["PhysicalDeliveryAddress"]["AddressLine1"]) for ln in lines] == [
        ("000123", "1 Main St"),
        ("000125", "3 Oak St"),
    ]
    assert [ln["PhysicalDeliveryAddress"]["ShippingMethodId"] for ln in lines] == ["OVERNIGHT", "EXPEDITED"]
    assert "3 hidden row(s) not ordered" in err
    status = result_statuses(tmp_path / "out" / "hr-results.xlsx")
    assert status[3] == ("skipped", "hidden by the filter on column J 'Eligible'")
    assert status[5] == ("skipped", "inside a collapsed group of rows")
    assert status[7] == ("skipped", "totals row ('Total')")
    assert status[9][0] == "skipped"
    assert status[2][0] in ("ordered", "pending", "complete") and status[4][0] == status[2][0]


def crossed_out_rows(path: Path) -> Path:
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Street Address", "City", "State", "ZIP", "Product", "Value", "Old Address"])
    sheet.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50, ""])
    sheet.append(["Dan Left", "4 Elm St", "Boston", "MA", "02134", "CVS", 50, ""])
    sheet.append(["Cy Orr", "3 Oak St", "Boston", "MA", "02134", "CVS", 50, "9 Old Rd"])
    for column in range(1, 8):
        sheet.cell(3, column).font = Font(strike=True)
    sheet.cell(4, 8).font = Font(strike=True)
    book.save(path)
    return path


def test_a_recipient_crossed_out_in_the_sheet_is_not_ordered_and_says_why(
    tmp_path: Path,
    isolated_data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    libreoffice: ConvertedTogether,
) -> None:
    """Found by newcomer6: rows struck through (how many lists say "left the company, not this one") were
    valid and ordered, exit 0. A row whose every filled cell is struck through is left out, with its reason;
    a row with only its old address struck through is still a recipient."""
    crossed_out_rows(tmp_path / "crossed.xlsx")

    code = main(
        ["run", str(tmp_path / "crossed.xlsx"), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    )

    err = capsys.readouterr().err
    assert code == 0, err
    names = [ln["PhysicalDeliveryAddress"]["Name"] for ln in vendor_lines(isolated_data_dir)]
    assert names == ["Ann Lee", "Cy Orr"]
    crossed = "1 row(s) crossed out (struck through) in the sheet are not ordered: 3."
    assert err.count(crossed) == 1 and err.index(crossed) < err.index("orders to send")  # said before sending
    status = result_statuses(tmp_path / "out" / "crossed-results.xlsx")
    assert status[3] == ("skipped", "crossed out (struck through) in the sheet")
    ods = libreoffice.copy(tmp_path / "crossed.xlsx", tmp_path)  # LibreOffice's copy: crossed out alike
    code, data, _ = validate_json(capsys, ods)
    assert code == 0 and [s["row"] for s in data["skipped"]] == [3], data["skipped"]


def test_a_row_its_list_says_not_to_send_is_not_ordered_and_says_why(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer6: a "Send?" column of "NO - left company" was "not used" and the row ordered. 'N/A'
    there (sending does not apply to the person) was ordered too, read as no answer (hunter-sheets15): it is
    left out, as not to send; an empty cell sends."""
    path = tmp_path / "send.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Send?\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,Yes\n"
        "Dan Left,4 Elm St,Boston,MA,02134,CVS,50,NO - left company\n"
        "Cy Orr,3 Oak St,Boston,MA,02134,CVS,50,\n"
        "Di Fox,5 Ash St,Boston,MA,02134,CVS,50,Do not send\n"
        "Ed Kim,6 Elm St,Boston,MA,02134,CVS,50,N/A\n"
    )

    code = main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")])

    err = capsys.readouterr().err
    assert code == 0, err
    names = [ln["PhysicalDeliveryAddress"]["Name"] for ln in vendor_lines(isolated_data_dir)]
    assert names == ["Ann Lee", "Cy Orr"]  # an empty answer is no "no"
    assert (
        "3 row(s) the list says not to send are not ordered: row 3 (column 'Send?': 'NO - left company')"
        in err
    )
    assert "row 6 (column 'Send?': 'N/A')" in err
    status = result_statuses(tmp_path / "out" / "send-results.xlsx")
    assert status[5] == ("skipped", "the list says not to send it (column 'Send?': 'Do not send')")


def test_a_do_not_send_mark_leaves_its_row_out(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer6: "Do Not Send" = X and "Status" = Terminated were 'not used' and the rows sent."""
    path = tmp_path / "marks.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Do Not Send,Status\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,,Active\n"
        "Dan Left,4 Elm St,Boston,MA,02134,CVS,50,X,Active\n"
        "Cy Orr,3 Oak St,Boston,MA,02134,CVS,50,no,On leave\n"
        "Di Gone,5 Ash St,Boston,MA,02134,CVS,50,,Terminated 11/30\n"
    )

    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0

    names = [ln["PhysicalDeliveryAddress"]["Name"] for ln in vendor_lines(isolated_data_dir)]
    assert names == ["Ann Lee", "Cy Orr"]
    err = capsys.readouterr().err
    assert "row 3 (column 'Do Not Send': 'X')" in err and "row 5 (column 'Status': 'Terminated 11/30')" in err


def test_a_note_or_status_holding_a_zero_width_space_still_leaves_its_row_out(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets8: a note or status pasted from a web page or a chat with a zero-width space (or
    another invisible character) beside its words ('\u200bdeceased', 'do not send\u200b', 'Inactive\u2060')
    was read as nothing: each person was sent a card, exit 0."""
    path = tmp_path / "pasted.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Notes,Employment Status,Do Not Send\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,,Active,\n"
        "Cy Orr,3 Oak St,Boston,MA,02134,CVS,50,\u200bdeceased,Active,\n"
        "Di Fox,5 Ash St,Boston,MA,02134,CVS,50,,\u200bInactive\u2060,\n"
        "Ed Kim,6 Elm St,Boston,MA,02134,CVS,50,do not\u200b send\u200b,Active,\n"
        "Flo Ng,7 Elm St,Boston,MA,02134,CVS,50,,Active,\ufeff\n"
        "Gil Po,8 Elm St,Boston,MA,02134,CVS,50,,Active,\u00adX\n",
        encoding="utf-8",
    )

    code = main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")])

    err = capsys.readouterr().err
    assert code == 0, err
    names = [ln["PhysicalDeliveryAddress"]["Name"] for ln in vendor_lines(isolated_data_dir)]
    assert names == ["Ann Lee", "Flo Ng"]  # a 'Do Not Send' cell holding only an invisible character is empty
    assert (
        "4 row(s) the list says not to send are not ordered: row 3 (column 'Notes': 'deceased'); row 4 "
        "(column 'Employment Status': 'Inactive'); row 5 (column 'Notes': 'do not send'); row 7 (column "
        "'Do Not Send': 'X')"
    ) in err


@pytest.mark.parametrize("name", ["retirees.csv", "staff.csv"])
def test_a_status_of_retired_or_a_note_that_starts_with_left_is_no_reason_to_leave_a_row_out(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review9: a retirement-gift list ("Status" = Retired, every row) was left out whole, each
    row "the list says not to send it", and so was a client list's "Status" = "Left voicemail". Only the
    statuses the README names (Terminated, Inactive, Resigned, Deceased) and "Left" the company say so.
    On a list its name calls one of people leaving ('retirees.csv') those leaving are its recipients: "Left"
    sent with a warning, "Terminated" asked (the lead's decision, session 51; review77)."""
    path = tmp_path / name
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Status\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,Retired\n"
        "Bob Ray,2 Main St,Boston,MA,02134,CVS,50,Retired 2026\n"
        "Cy Orr,3 Main St,Boston,MA,02134,CVS,50,Left voicemail\n"
        "Di Fox,4 Main St,Boston,MA,02134,CVS,50,Left company\n"
        "Ed Kim,5 Main St,Boston,MA,02134,CVS,50,Left\n"
        "Flo Ng,6 Main St,Boston,MA,02134,CVS,50,Left - 11/30\n"
        "Gus Poe,7 Main St,Boston,MA,02134,CVS,50,Terminated\n"
    )
    code = main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    data = json.loads(capsys.readouterr().out)
    if name == "retirees.csv":
        assert code == 1 and data["skipped"] == []
        assert [(p["row"], p["severity"]) for p in data["problems"]] == [
            (5, "warning"), (6, "warning"), (7, "warning"), (8, "error")
        ]  # fmt: skip
        return
    assert code == 0
    assert [(s["row"], s["kind"]) for s in data["skipped"]] == [(r, "not to send") for r in (5, 6, 7, 8)]
    assert data["valid"] == 3


def test_include_hidden_orders_hidden_rows_but_never_totals_or_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, data, _ = validate_json(capsys, tidied_hr_sheet(tmp_path / "hr.xlsx"), "--include-hidden")
    assert code == 0
    assert [(s["row"], s["kind"]) for s in data["skipped"]] == [(7, "totals"), (9, "note")]
    assert (data["valid"], data["invalid"]) == (5, 0)


def two_address_sheet(path: Path, *, hide_b: bool = False) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "Street Address", "City", "State", "ZIP", "Product", "Value"])
    sheet.append(["Ann Lee", "9 Old Rd", "1 Main St", "Boston", "MA", "02134", "CVS", 50])
    sheet.column_dimensions["B"].hidden = hide_b
    book.save(path)
    return path


def test_two_visible_columns_for_one_field_refuse_the_file_naming_both_and_both_ways_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = two_address_sheet(tmp_path / "two.xlsx")
    code = main(["validate", str(path), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    lines = [line for line in err.splitlines() if line.startswith("Error")]
    assert lines == [
        "Error: Columns 'Address' (B) and 'Street Address' (C) both look like Address Line 1; bulkship will "
        "not guess which one to order from. Nothing was read further"
    ]
    assert "rename one of the two headers" in err
    # each column offered by letter and header since d946d6b
    said = " ".join(err.split())
    assert (
        """`columns = { address1 = "B" }` (column 'Address' (B)) or `columns = { address1 = "C" }` (column """
        """'Street Address' (C))""" in said
    )
    assert not (tmp_path / "out" / "two-validation.xlsx").exists()


@pytest.mark.parametrize(
    ("own", "alias", "title"),
    [("Value", "Amount", "Value"), ("Name", "Recipient", "Name"), ("Product", "Card", "Product")],
)
def test_a_field_s_own_title_beside_another_column_for_it_refuses_the_file_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], own: str, alias: str, title: str
) -> None:
    """ "Value" and "Amount" both filled: the card was ordered at the "Value" amount and "Amount" was only
    listed as not used (found by a newcomer); the same for the person and the card."""
    header = ["Name", "Address", "City", "State", "ZIP", "Product", "Value", alias]
    row = ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50, {"Amount": 25, "Recipient": "Bo Day",
           "Card": "TARGET"}[alias]]  # fmt: skip
    book = openpyxl.Workbook()
    book.active.append(header)
    book.active.append(row)
    book.save(path := tmp_path / "two.xlsx")
    code = main(["validate", str(path), "--out", str(tmp_path / "out")])
    err = " ".join(capsys.readouterr().err.split())
    assert code == 2
    letter = "ABCDEFGH"[header.index(own)]
    assert f"Columns '{own}' ({letter}) and '{alias}' (H) both look like {title}" in err, err


def test_a_looser_header_whose_values_are_not_the_field_is_no_rival_of_its_own_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An HR export's sales "Region" (Northeast, West) beside "State": not a second state column."""
    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Region"])
    book.active.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50, "Northeast"])
    book.active.append(["Bo Day", "2 Main St", "Austin", "TX", "78701", "CVS", 50, "South Central"])
    book.save(path := tmp_path / "hr.xlsx")
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert "Column 'Region' (H) is not used: its values ('Northeast', 'South Central') are not states" in err
    book.active["H2"] = "NH"  # a region column of states: a real second state column
    book.active["H3"] = "OK"
    book.save(path)
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "Columns 'State' (D) and 'Region' (H) both look like State" in capsys.readouterr().err


@pytest.mark.parametrize("state", ["ST", "State/Province", "State/Region"])
def test_a_region_of_no_states_beside_a_looser_state_header_is_no_rival_either(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], state: str
) -> None:
    """Found by the lead's fuzzing: a sales "Region" (East, West) beside "ST" or a form's "State/Province"
    (neither the field's own title) refused the whole list as two state columns, exit 2. The column whose
    values are states is used; a "Region" of states still refuses the file."""
    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "City", state, "ZIP", "Product", "Value", "Region"])
    book.active.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50, "East"])
    book.active.append(["Bo Day", "2 Main St", "Austin", "TX", "78701", "CVS", 50, "West"])
    book.save(path := tmp_path / "hr.xlsx")
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert (
        f"Column 'Region' (H) is not used: its values ('East', 'West') are not states: '{state}' is used"
        in err
    )
    book.active["H2"], book.active["H3"] = "NH", "OK"
    book.save(path)
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 2
    assert f"Columns '{state}' (D) and 'Region' (H) both look like State" in capsys.readouterr().err


@pytest.mark.parametrize("state", ["ST", "State/Province"])
def test_a_region_holding_a_state_code_among_its_words_yields_to_the_states_of_the_zips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], state: str
) -> None:
    """Found by the lead's fuzzing: a sales "Region" of 'NE' (Northeast, also Nebraska's code) and 'Central'
    beside "ST" refused the whole list as two state columns, exit 2, when half its cells were 'NE'. The column
    whose every cell is a state agreeing with its row's ZIP is used; where those states do not agree with the
    ZIPs, nothing tells the two apart and the file is still refused."""
    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "City", state, "ZIP", "Product", "Value", "Region"])
    book.active.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50, "NE"])
    book.active.append(["Bo Day", "2 Main St", "Austin", "TX", "78701", "CVS", 50, "Central"])
    book.save(path := tmp_path / "sales.xlsx")
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert (
        f"Column 'Region' (H) is not used: its values ('NE', 'Central') are not states: '{state}' is used"
        in err
    )
    book.active["D3"] = (
        "CA"  # Austin's 78701 is no Californian ZIP: the column no longer shows itself the one
    )
    book.save(path)
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 2
    assert f"Columns '{state}' (D) and 'Region' (H) both look like State" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("own", "looser", "own_values", "looser_values"),
    [
        ("Value", "Amount", [50, 25], [50, "$25.00"]),
        ("State", "State Code", ["Massachusetts", "Texas"], ["MA", "TX"]),
        ("State", "Region", ["MA", "TX"], ["MA", "TX"]),
        ("Country", "Country Code", ["United States", "United States"], ["US", "us"]),
        ("Name", "Display Name", ["Ann Lee", "Bo Day"], ["Ann Lee", "Bo  Day"]),
        ("Name", "Full Name", ["Lee, Ann", "Day, Bo"], ["Ann Lee", "Bo Day"]),  # refused until review8
    ],
)
def test_a_looser_column_saying_what_the_own_title_says_on_every_row_is_no_rival(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    own: str,
    looser: str,
    own_values: list[object],
    looser_values: list[object],
) -> None:
    """Two columns that agree on every row leave nothing to choose: HR exports with "Amount" and "Value",
    "State" and "State Code", "Country" and "Country Code" ran before 7cebc05 and were refused by it (found by
    review7). One row that differs, or one only the looser column fills, refuses the file again."""
    base: dict[str, list[object]] = {"Name": ["Ann Lee", "Bo Day"], "Address": ["1 Main St", "2 Main St"], "City": ["Boston", "Austin"],
            "State": ["MA", "TX"], "ZIP": ["02134", "78701"], "Country": ["US", "US"], "Product": ["CVS", "CVS"],
            "Value": [50, 25]}  # fmt: skip
    base[own] = own_values
    header = [*base, looser]
    rows = [[base[h][i] for h in base] + [looser_values[i]] for i in range(2)]
    book = openpyxl.Workbook()
    for row in [header, *rows]:
        book.active.append(row)
    book.save(path := tmp_path / "hr.xlsx")
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert f"Column '{looser}' (I) is not used: it says what '{own}' says on every row" in err, err
    book.active["I3"] = "something else"
    book.save(path)
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "both look like" in capsys.readouterr().err
    book.active["I3"] = looser_values[1]
    book.active[f"{'ABCDEFGH'[header.index(own)]}3"] = None  # only the looser column says it on that row
    book.save(path)
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 2


@pytest.mark.parametrize(
    ("filled", "empty"),
    [("Value", "Amount"), ("State", "Province"), ("ZIP", "Postal Code"), ("Name", "Recipient")],
)
def test_a_column_empty_on_every_row_is_no_rival_of_a_filled_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], filled: str, empty: str
) -> None:
    """A template's 'Province', 'Postal Code' or 'Amount' that a US list leaves blank feeds nothing: since
    7cebc05 the whole file was refused as having two columns for State, ZIP or Value (found by review8).
    One value in it and the two are rivals again."""
    header = ["Name", "Address", "City", "State", "ZIP", "Product", "Value", empty]
    book = openpyxl.Workbook()
    book.active.append(header)
    book.active.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50, None])
    book.active.append(["Bo Day", "2 Main St", "Boston", "MA", "02134", "CVS", 25, None])
    book.save(path := tmp_path / "template.xlsx")
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert f"Column '{empty}' (H) is not used: it is empty on every row; '{filled}' is used" in err, err
    book.active["H3"] = {"Amount": 30, "Province": "NH", "Postal Code": "03101"}.get(empty, "Someone Else")
    book.save(path)
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 2
    assert f"'{filled}' ({'ABCDEFG'[header.index(filled)]}) and '{empty}' (H) both look like" in (
        capsys.readouterr().err
    )


def test_a_filled_column_beside_an_empty_own_title_is_still_a_rival_of_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A template's 'Quantity' left empty (one card each, the default) beside an HR 'Count' (years of
    service): reading 'Count' would order 5 cards a person; the two refuse the file, naming both."""
    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Quantity", "Count"])
    book.active.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50, None, 5])
    book.active.append(["Bo Day", "2 Main St", "Boston", "MA", "02134", "CVS", 25, None, 2])
    book.save(path := tmp_path / "template.xlsx")
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "Columns 'Quantity' (H) and 'Count' (I) both look like Quantity" in capsys.readouterr().err


def test_company_beside_an_hr_organization_column_is_read_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Company' and an HR export's 'Organization' (the department): read from 'Company' before 7cebc05,
    refused by it (found by review7). The company changes no card; it is printed on the parcel."""
    book = openpyxl.Workbook()
    book.active.append(
        ["Name", "Company", "Organization", "Address", "City", "State", "ZIP", "Product", "Value"]
    )
    book.active.append(["Ann Lee", "Acme", "Finance", "1 Main St", "Boston", "MA", "02134", "CVS", 50])
    book.active.append(["Bo Day", "Acme", "Sales", "2 Main St", "Boston", "MA", "02134", "CVS", 50])
    book.save(path := tmp_path / "hr.xlsx")
    assert main(["validate", str(path), "--out", str(tmp_path / "out"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    used = {c["header"]: (c["field"], c["status"]) for c in data["columns"]}
    assert used["Company"] == ("company", "used") and used["Organization"] == (None, "unused"), used


def test_an_hr_unit_column_beside_address_2_is_no_rival_of_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Address 2' and an HR export's business 'Unit' (Finance, Sales): read before 7cebc05, refused by it."""
    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "Address 2", "Unit", "City", "State", "ZIP", "Product", "Value"])
    for name, unit, flat in (
        ("Ann Lee", "Finance", "Apt 3"),
        ("Bo Day", "Sales", ""),
        ("Cy Orr", "R&D", "Fl 2"),
    ):
        book.active.append([name, "1 Main St", flat, unit, "Boston", "MA", "02134", "CVS", 50])
    book.save(path := tmp_path / "hr.xlsx")
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert "Column 'Unit' (D) is not used: its values ('Finance', 'Sales', 'R&D')" in err, err


@pytest.mark.parametrize("line_2", ["Apt", "Address 2"])
def test_a_rent_roll_s_unit_beside_the_same_unit_in_line_2_is_no_rival_of_it(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str], line_2: str
) -> None:
    """Found by hunter-falsealarm4: a property manager's tenant list (AppFolio's 'Unit' = 3B beside 'Apt' =
    Apt 3B; a Yardi rent roll's 'Unit' = 101 beside 'Address 2' = Unit 101) was refused whole, 'both look
    like Address Line 2' (hunter-falsealarm3's L4 too). The two say the same unit on every row: the one with
    its word is read, the other not used, said so, and each card goes to its door. A row where they name
    two units is refused as before."""
    book = openpyxl.Workbook()
    book.active.append(["Unit", "Name", "Address", line_2, "City", "State", "ZIP", "Product", "Value"])
    for unit, name in (("3B", "Ann Lee"), ("4", "Bo Day"), ("12C", "Cy Orr")):
        book.active.append([unit, name, "120 Maple Ct", f"Apt {unit}", "Madison", "WI", "53703", "CVS", 25])
    book.save(path := tmp_path / "tenants.xlsx")
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert f"Column 'Unit' (A) is not used: it says what '{line_2}' says on every row" in err, err
    doors = {(ln["PhysicalDeliveryAddress"]["Name"], ln["PhysicalDeliveryAddress"].get("AddressLine2"))
             for ln in vendor_lines(isolated_data_dir)}  # fmt: skip
    assert doors == {("Ann Lee", "Apt 3B"), ("Bo Day", "Apt 4"), ("Cy Orr", "Apt 12C")}
    book.active["A3"] = "5"
    book.save(path)
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "both look like Address Line 2" in capsys.readouterr().err


def test_columns_in_the_program_file_choose_by_letter_or_header_and_win_over_every_guess(
    tmp_path: Path,
) -> None:
    path = two_address_sheet(tmp_path / "two.xlsx")
    for choice, street in (('"C"', "1 Main St"), ('"Address"', "9 Old Rd"), ('"column b"', "9 Old Rd")):
        (tmp_path / "p.toml").write_text(f"[columns]\naddress1 = {choice}\n")
        loaded = load_sheet(path, program=load_program(tmp_path / "p.toml"))
        header = next(h for h, c in loaded.column_map.items() if c == "address1")
        assert loaded.frame.loc[2, header] == street


def test_a_program_file_next_to_the_sheet_or_saved_by_name_is_used(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = two_address_sheet(tmp_path / "two.xlsx")
    (tmp_path / "two.bulkship.toml").write_text('[columns]\naddress1 = "C"\n')
    code, data, err = validate_json(capsys, path)
    assert code == 0, err
    assert "Program settings: " in err and "two.bulkship.toml (found next to the sheet)" in err
    assert [c["header"] for c in data["columns"] if c["field"] == "address1"] == ["Street Address"]
    (tmp_path / "two.bulkship.toml").unlink()
    saved = isolated_data_dir / "programs"
    saved.mkdir(parents=True)
    (saved / "hr-export.toml").write_text('[columns]\naddress1 = "Address"\n')
    code, data, err = validate_json(capsys, path, "--config", "hr-export")
    assert code == 0, err
    assert [c["header"] for c in data["columns"] if c["field"] == "address1"] == ["Address"]
    code = main(["validate", str(path), "--config", "nope", "--out", str(tmp_path / "out")])
    assert code == 2
    assert "No program file named 'nope'" in capsys.readouterr().err


def test_a_hidden_column_is_used_only_when_no_visible_column_means_the_same_and_that_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = two_address_sheet(tmp_path / "two.xlsx", hide_b=True)
    code, data, _ = validate_json(capsys, path)
    assert code == 0
    assert [c["header"] for c in data["columns"] if c["field"] == "address1"] == ["Street Address"]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value"])
    sheet.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50])
    sheet.column_dimensions["B"].hidden = True
    book.save(tmp_path / "only.xlsx")
    code, data, _ = validate_json(capsys, tmp_path / "only.xlsx")
    assert code == 0
    assert data["notices"] == [
        "Address Line 1 is read from the hidden column 'Address' (B): no visible column has that meaning."
    ]


def test_unused_columns_that_look_like_a_field_are_named_with_that_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        ["Name", "Address", "Unit No", "City", "State", "ZIP", "Land", "Product", "Value", "Postage Class"]
    )
    sheet.append(
        ["Ann Lee", "1 Main St", "Suite 200", "Boston", "MA", "02134", "USA", "CVS", 50, "OVERNIGHT"]
    )
    sheet.append(
        ["Bob Ray", "2 Elm St", "Apt 4", "Boston", "MA", "02134", "United States", "CVS", 50, "OVERNIGHT"]
    )
    book.save(tmp_path / "extra.xlsx")
    # an apartment and a shipping method no column gives: the person decides (tests/test_lookalike_columns.py)
    code, _, err = validate_json(capsys, tmp_path / "extra.xlsx")
    assert code == 2 and "Column 'Unit No' (C) looks like Address Line 2, which no column gives" in err
    settings = tmp_path / "decided.toml"
    settings.write_text('[columns]\naddress2 = ""\nshipping_method = ""\n')
    code, data, _ = validate_json(capsys, tmp_path / "extra.xlsx", "--config", str(settings))
    assert code == 0
    source = str(settings)
    assert data["notices"] == [
        f"Column 'Land' (G) is not used, although its values look like Country: map it with [columns] country = \"Land\" in {source}, or rename the header to 'Country'.",
    ]


def test_a_department_of_it_is_not_said_to_look_like_a_country(tmp_path: Path) -> None:
    """Found by hunter-sheets13: a 'Department' column of Sales, IT, IT was said to "look like Country: map it
    with [columns] country = 'Department'" (IT is Italy's code), advice that would send the Sales people's
    cards to a country 'Sales'. Most of a column's distinct words must be countries to look like one."""
    path = tmp_path / "staff.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Department\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,Sales\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,IT\n"
        "Cy Orr,3 Oak St,Boston,MA,02134,CVS,50,IT\n"
    )
    assert not any("Country" in notice for notice in load_sheet(path).notices)


def test_totals_and_footnotes_in_csv_are_one_notice_not_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50\n"
        "Bob Ray,2 Elm St,Boston,MA,02134,CVS,25\n"
        "Grand Total,,,,,,75\n"
        ",,,,,,\n"
        "Prepared by HR on 3 November,,,,,,\n"
    )
    code, data, _ = validate_json(capsys, path)
    assert code == 0
    assert [(s["row"], s["kind"]) for s in data["skipped"]] == [(4, "totals"), (6, "note")]
    assert data["problems"] == []
    assert data["notices"] == [
        "2 row(s) are not recipients and are not ordered: row 4, totals row ('Grand Total'); row 6, note below the table ('Prepared by HR on 3 November')."
    ]


def test_a_recipient_missing_an_address_is_still_an_error_not_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50\n"
        "Bob Ray,,Boston,MA,02134,CVS,25\n"
        "Cy Orr,3 Oak St,Boston,MA,02134,CVS,25\n"
    )
    code, data, _ = validate_json(capsys, path)
    assert code == 1
    assert data["skipped"] == []
    assert [(p["row"], p["column"]) for p in data["problems"]] == [(3, "address1")]


def test_no_header_found_names_the_closest_known_headers(tmp_path: Path) -> None:
    path = tmp_path / "typos.csv"
    path.write_text("Recipent,Adress,Citty,Zipcod\nAnn Lee,1 Main St,Boston,02134\n")
    with pytest.raises(MissingColumnsError) as caught:
        load_sheet(path)
    assert caught.value.message == (
        "No header row found in the first 100 rows of typos.csv: expected headers such as 'Name', 'Address', "
        "'City', 'State', 'ZIP Code', 'Product', 'Value'. Row 1 looks like a header, but bulkship does not know "
        "'Recipent' (closest: 'recipient' for Name), 'Adress' (closest: 'address' for Address Line 1), "
        "'Citty' (closest: 'City' for City), 'Zipcod' (closest: 'ZIP Code' for ZIP Code)"
    )
    assert "[columns]" in str(caught.value.hint)


def test_a_row_ordered_before_and_hidden_since_still_shows_its_card_and_is_never_sent_again(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tidied_hr_sheet(tmp_path / "hr.xlsx")
    out = str(tmp_path / "out")
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--out", out, "--include-hidden"]) == 0
    assert len(vendor_lines(isolated_data_dir)) == 5
    book = openpyxl.load_workbook(sheet)  # the user opens it again and saves: a new file, the same rows
    book["Recipients"]["L1"] = "Checked"
    book.save(sheet)
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--out", out]) == 0, capsys.readouterr().err
    assert len(vendor_lines(isolated_data_dir)) == 5  # nothing sent twice, nothing new
    status = result_statuses(tmp_path / "out" / "hr-results.xlsx")
    assert status[3][0] != "skipped"  # the card exists: its status is the vendor's
    assert status[3][1] == "ordered before; now hidden by the filter on column J 'Eligible'"
    assert status[7] == ("skipped", "totals row ('Total')")


def test_include_hidden_after_a_complete_run_orders_the_rows_skipped_before(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tidied_hr_sheet(tmp_path / "hr.xlsx")
    out = str(tmp_path / "out")
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--out", out]) == 0
    assert len(vendor_lines(isolated_data_dir)) == 2
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--out", out, "--include-hidden"]) == 0
    assert sorted(ln["ExternalId"] for ln in vendor_lines(isolated_data_dir)) == [
        "000123", "000124", "000125", "000126", "000127",
    ]  # fmt: skip
    capsys.readouterr()


def test_a_row_its_list_says_was_sent_already_is_not_ordered(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer7: a tracking sheet's "Gift Card Sent?" = Yes (sent by hand) was "not used" and the
    person got a second card."""
    path = tmp_path / "tracking.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Gift Card Sent?,Order Status\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,No,\n"
        "Bob Ray,2 Elm St,Boston,MA,02134,CVS,50,Yes - Nov,\n"
        "Cy Orr,3 Oak St,Boston,MA,02134,CVS,50,,Shipped\n"
        "Di Fox,5 Ash St,Boston,MA,02134,CVS,50,,\n"
    )

    code = main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")])

    err = " ".join(capsys.readouterr().err.split())
    assert code == 0, err
    names = [ln["PhysicalDeliveryAddress"]["Name"] for ln in vendor_lines(isolated_data_dir)]
    assert names == ["Ann Lee", "Di Fox"]
    assert "2 row(s) the list says not to send, or sent already, are not ordered: row 3 (column 'Gift" in err
    status = result_statuses(tmp_path / "out" / "tracking-results.xlsx")
    assert status[4] == ("skipped", "the list says it was sent already (column 'Order Status': 'Shipped')")


def test_a_date_in_a_sent_column_says_the_card_went_out_whatever_the_month(tmp_path: Path) -> None:
    """Found by review10: a "Sent" column of dates left out "1/15/2026" (read as the "1" of yes) while
    "11/15/2026", and every date an XLSX cell holds ("2026-11-15" as read), were ordered again."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Sent"])
    sent = ["1/15/2026", "11/15/2026", datetime.date(2026, 11, 20), "Nov 20", "", "No", "Pending"]
    for i, when in enumerate(sent):
        sheet.append([f"P{i} Lee", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", 50, when])
    book.save(tmp_path / "tracking.xlsx")

    skipped = {s.row: s.reason for s in load_sheet(tmp_path / "tracking.xlsx").skipped}

    assert sorted(skipped) == [2, 3, 4, 5], skipped
    assert skipped[4] == "the list says it was sent already (column 'Sent': '2026-11-20')"


def test_a_list_on_a_hidden_sheet_only_is_refused_unless_asked_for(tmp_path: Path) -> None:
    """Found by newcomer7: a visible "Instructions" sheet and last month's list on a hidden sheet: the hidden
    list was read and ordered, with no word."""
    book = openpyxl.Workbook()
    book.active.title = "Instructions"
    book.active.append(["Fill in one row per person on the list sheet."])
    hidden = book.create_sheet("Dec 2025")
    hidden.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value"])
    hidden.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50])
    hidden.sheet_state = "hidden"
    book.save(tmp_path / "gifts.xlsx")
    with pytest.raises(SheetChoiceError, match="hidden sheet 'Dec 2025' only") as refused:
        load_sheet(tmp_path / "gifts.xlsx")
    assert "--sheet 'Dec 2025'" in str(refused.value.hint)
    assert load_sheet(tmp_path / "gifts.xlsx", sheet="Dec 2025").frame.shape[0] == 1


def test_the_validation_workbook_run_as_the_list_keeps_its_skipped_rows_out(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer7: the validation workbook shows hidden rows unhidden; fixed and run as the list,
    it ordered the row the person had hidden."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value"])
    sheet.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50])
    sheet.append(["Bob Hidden", "2 Elm St", "Boston", "MA", "02134", "CVS", 50])
    sheet.append(["Cy Orr", "3 Oak St", "Boston", "MA", "02134", "CVS", 50])
    sheet.row_dimensions[3].hidden = True
    book.save(tmp_path / "gifts.xlsx")
    out = tmp_path / "out"
    assert main(["validate", str(tmp_path / "gifts.xlsx"), "--out", str(out)]) == 0
    checked = out / "gifts-validation.xlsx"

    code = main(["run", str(checked), "--yes", "--wait", "0", "--out", str(out)])

    err = " ".join(capsys.readouterr().err.split())
    assert code == 0, err
    names = [ln["PhysicalDeliveryAddress"]["Name"] for ln in vendor_lines(isolated_data_dir)]
    assert names == ["Ann Lee", "Cy Orr"]
    assert "bulkship's own 'Status' column says skipped (Not ordered: hidden row)" in err


def test_a_note_saying_not_to_send_leaves_its_row_out(tmp_path: Path) -> None:
    """Found by newcomer7: "DO NOT SEND - left company", "REMOVE", "deceased" in a Notes column were not read,
    and those rows ordered. A note that only mentions such a word is no such note, nor one that goes on to
    say send ("Removed - ...; please send": left out, found by review10)."""
    path = tmp_path / "notes.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,\n"
        "Bob Ray,2 Elm St,Boston,MA,02134,CVS,50,DO NOT SEND - left company\n"
        "Cy Orr,3 Oak St,Boston,MA,02134,CVS,50,deceased\n"
        "Di Fox,5 Ash St,Boston,MA,02134,CVS,50,already sent 11/15\n"
        "Ed Kim,6 Elm St,Boston,MA,02134,CVS,50,remove the apartment from the label\n"
        "Flo Ng,7 Elm St,Boston,MA,02134,CVS,50,top performer - do not forget\n"
        "Gil Po,8 Elm St,Boston,MA,02134,CVS,50,Do not send before 12/15/2025 (birthday)\n"
        "Hal Qi,9 Elm St,Boston,MA,02134,CVS,50,Already sent the e-card; this is the physical card\n"
        "Ida Re,10 Elm St,Boston,MA,02134,CVS,50,Do not send to office - home address only\n"
        "Jo Su,11 Elm St,Boston,MA,02134,CVS,50,Deceased husband - send to her at home\n"
        "Kay Tu,12 Elm St,Boston,MA,02134,CVS,50,Removed - back on the list; please send\n"
        'Lu Vo,13 Elm St,Boston,MA,02134,CVS,50,"Duplicate, the first card was lost - please resend"\n'
    )
    loaded = load_sheet(path)
    skipped = {s.row: s.reason for s in loaded.skipped}
    assert skipped == {
        3: "the list says not to send it (column 'Notes': 'DO NOT SEND - left company')",
        4: "the list says not to send it (column 'Notes': 'deceased')",
        5: "the list says not to send it (column 'Notes': 'already sent 11/15')",
    }


@pytest.mark.parametrize(
    ("header", "no", "yes"),
    [
        ("Send Gift (Y/N)", "N", "Y"), ("Ship", "No", "Yes"), ("Eligible?", "No", "Yes"),
        ("Gift Eligible", "No", "Yes"), ("Approved?", "No", "Yes"), ("Active?", "No", "Yes"),
        ("Opt Out", "Yes", "No"), ("Opted out", "Yes", ""), ("Decline Gift", "Yes", "No"),
        ("On Hold", "Y", "N"), ("Hold", "Yes", ""), ("Card Mailed", "Yes", "No"), ("Gift?", "No", "Yes"),
        ("Winner", "No", "Yes"), ("Selected", "No", "Yes"), ("Qualified", "No", "Yes"), ("Award?", "No", "Yes"),
        ("Include in mailing", "No", "Yes"), ("Receive Gift", "No", "Yes"), ("Wants Card", "No", "Yes"),
        ("Ready to send", "No", "Yes"), ("Confirmed", "No", "Yes"), ("Participating", "No", "Yes"),
        ("RSVP", "Declined", "Accepted"), ("Eligible for 2026", "No", "Yes"), ("Xmas list", "No", "Yes"),
        ("Approved by manager", "No", "Yes"), ("Keep", "No", "Yes"), ("Valid", "No", "Yes"), ("Go", "N", "Y"),
        ("Sending", "No", "Yes"), ("Gift 2026", "No", "Yes"), ("Yes/No", "No", "Yes"), ("Done", "x", ""),
        ("Completed", "Yes", "No"), ("Processed", "Yes", ""), ("Status", "Done", "Active"),
        ("Include in order", "No", "Yes"), ("Add to order?", "N", "Y"),
        # found by hunter-sheets2: each was ordered
        ("Qualifies", "N", "Y"), ("Qualifies for 2026", "FALSE", "TRUE"), ("Final List", "N", "Y"),
        ("On List?", "No", "Yes"), ("Made the list", "No", "Yes"),
    ],
)  # fmt: skip
def test_common_columns_saying_not_to_send_leave_their_rows_out(
    tmp_path: Path, header: str, no: str, yes: str
) -> None:
    """Found by newcomer8: 'Opt Out' = Yes, 'Eligible?' = No, 'On Hold' = Y, 'Card Mailed' = Yes... rows were
    ordered with no word at all."""
    path = tmp_path / "flags.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        f"Ann Lee,1 Main St,Boston,MA,02134,CVS,50,{no}\n"
        f"Bob Ray,2 Elm St,Boston,MA,02134,CVS,50,{yes}\n"
    )
    loaded = load_sheet(path)
    sent = header in ("Card Mailed", "Done", "Completed", "Processed")
    assert [(s.row, s.reason.split(" (")[0]) for s in loaded.skipped] == [
        (
            2,
            "the list says it was sent already" if sent else "the list says not to send it",
        )
    ]


def test_a_hold_column_saying_more_than_yes_leaves_its_row_out(tmp_path: Path) -> None:
    """Found by review11: a column saying not to send ('Do Not Send', 'Opt Out', 'Terminated') left a row out
    only for a bare Yes, X or 1; 'X - per HR', 'left company', 'Opted out' or the date it happened were
    ordered. Anything but a no leaves the row out."""
    held = [("Do Not Send", "X - per HR"), ("Do Not Send", "left company"), ("Opt Out", "Opted out"),
            ("Opt Out", "11/20/2026"), ("Terminated", "2026-10-31"), ("Deceased", "Yes - 8/1"),
            ("Hold", "Until January")]  # fmt: skip
    kept = ["No", "", "N/A", "No - back on the list", "0", "-", "Opt in", "Opted-in"]
    for header, cell in held:
        rows = [f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{k}" for i, k in enumerate([cell, *kept])]
        path = tmp_path / "held.csv"
        path.write_text(f"Name,Address,City,State,ZIP,Product,Value,{header}\n" + "\n".join(rows) + "\n")
        assert [s.row for s in load_sheet(path).skipped] == [2], (header, cell)


def test_a_sent_column_saying_when_or_how_leaves_its_row_out(tmp_path: Path) -> None:
    """Found by review11: 'Card Sent' = the month ('Nov', 'Nov 2025'), a tracking number, the carrier or 'By
    hand' was ordered again: a second card. In a column that only says whether it went out, anything but a
    no or a not-yet says it did."""
    sent = ["Nov", "Nov 2025", "1Z999AA10123456784", "USPS", "By hand", "Q4", "Yes!"]
    kept = ["No", "", "Not yet", "Pending", "TBD", "To send", "N/A", "-"]
    rows = [f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{cell}" for i, cell in enumerate(sent + kept)]
    path = tmp_path / "tracking.csv"
    for header in ("Card Sent", "Card Received"):
        path.write_text(f"Name,Address,City,State,ZIP,Product,Value,{header}\n" + "\n".join(rows) + "\n")
        assert [s.row for s in load_sheet(path).skipped] == list(range(2, 2 + len(sent))), header


def test_a_yes_no_column_saying_not_yet_or_rejected_leaves_its_row_out(tmp_path: Path) -> None:
    """Found by review11: 'Approved' = Rejected, Denied, Pending or Not approved, 'Send?' = Not yet, Hold or
    TBD, 'Eligible' = 0 (a 1/0 column) and 'Active' = Inactive were ordered: only No, False and their kin
    left a row out."""
    said = [("Approved", "Rejected"), ("Approved", "Denied by manager"), ("Approved", "Pending review"),
            ("Approved", "Not approved"), ("Send?", "Not yet"), ("Send?", "Hold"), ("Send?", "TBD"),
            ("Eligible", "0"), ("Active", "Inactive")]  # fmt: skip
    for header, cell in said:
        path = tmp_path / "picked.csv"
        path.write_text(
            f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
            f"Ann Lee,1 Main St,Boston,MA,02134,CVS,50,{cell}\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,Yes\n"
            "Cy Orr,3 Elm St,Boston,MA,02134,CVS,50,1\n"
        )
        assert [s.row for s in load_sheet(path).skipped] == [2], (header, cell)


def test_a_status_saying_not_to_send_leaves_its_row_out(tmp_path: Path) -> None:
    """Found by review11: 'Status' = Declined, Opted out, On hold, Do not send, Removed or Not eligible was
    ordered: Status read only the signs that someone left or that the card went out. ('duplicate' sent here
    until the lead's remark-alone reading: it is read as under Notes, which leave a row saying so out.)"""
    said = [
        "Declined",
        "Opted out",
        "On hold",
        "Do not send",
        "Removed",
        "Not eligible",
        "Rejected",
        "duplicate",
    ]
    kept = ["Active", "Pending", "Approved", "Retired", "Hold for pickup", ""]
    rows = [
        f"Person {i},{i} Main St,Boston,MA,02134,CVS,{i},{cell}" for i, cell in enumerate(said + kept, 10)
    ]
    path = tmp_path / "status.csv"
    path.write_text("Name,Address,City,State,ZIP,Product,Value,Status\n" + "\n".join(rows) + "\n")
    assert [s.row for s in load_sheet(path).skipped] == list(range(2, 2 + len(said)))


@pytest.mark.parametrize(
    "header",
    ["Date Sent", "Sent Date", "Mailed On", "Date Shipped", "Card Sent Date", "Gift Sent On", "Fulfilled Date",
     "Date Mailed Out", "Redemption Date"],
)  # fmt: skip
def test_a_date_sent_column_leaves_the_rows_it_dates_out(tmp_path: Path, header: str) -> None:
    """Found by review11: a tracking sheet's 'Date Sent' = 11/15/2026 (cards sent by hand or an earlier
    tool) was read as nothing and the card ordered again. Blank or 'Not yet' sends; a date still to come is
    left out, saying so (it was sent at once: found by hunter-sheets11; held 'until then', on that day it
    read as sent already: found by review25)."""
    path = tmp_path / "dated.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,11/15/2026\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,\n"
        "Cy Orr,3 Elm St,Boston,MA,02134,CVS,50,2099-01-15\nDee Fox,4 Elm St,Boston,MA,02134,CVS,50,Not yet\n"
    )
    skipped = load_sheet(path).skipped
    assert [(s.row, s.reason) for s in skipped] == [
        (2, f"the list says it was sent already (column '{header}': '11/15/2026')"),
        (4, f"the list dates it as sent on a day still to come (column '{header}': '2099-01-15')"),
    ]


@pytest.mark.parametrize(
    ("header", "said"),
    [("Shipping Status", "Shipped"), ("Delivery Status", "Delivered"), ("Fulfillment Status", "Fulfilled"),
     ("Shipment Status", "In transit"), ("Mailing Status", "Mailed"), ("Already Shipped", "Yes"),
     ("Sent to Recipient", "Yes"), ("Date Card Mailed", "11/15/2026"), ("Date Gift Card Ordered", "11/15/2026")],
)  # fmt: skip
def test_a_card_said_gone_under_a_shipment_s_words_is_not_sent_again(
    tmp_path: Path, header: str, said: str
) -> None:
    """Found by hunter-sheets12: a tracking sheet's 'Shipping Status' = Shipped, 'Delivery Status' =
    Delivered, 'Already Shipped' = Yes, 'Sent to Recipient' = Yes or 'Date Card Mailed' = 11/15/2026 was read
    as nothing and the card ordered again, exit 0. Each is sent already now; 'Not shipped', 'Pending', 'No'
    and an empty cell send, and 'Cancelled' there is not to send."""
    path = tmp_path / "tracker.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        f"Ann Lee,1 Main St,Boston,MA,02134,CVS,50,{said}\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,\n"
        "Cy Orr,3 Elm St,Boston,MA,02134,CVS,50,No\nDee Fox,4 Elm St,Boston,MA,02134,CVS,50,Pending\n"
        "Ed Wu,5 Elm St,Boston,MA,02134,CVS,50,Not shipped\n"
    )
    skipped = load_sheet(path).skipped
    assert [(s.row, s.reason) for s in skipped] == [
        (2, f"the list says it was sent already (column '{header}': '{said}')")
    ]


_ANN = ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 25]
_BOB = ["Bob Ray", "2 Elm St", "Boston", "MA", "02134", "CVS", 25]
_CY = ["Cy Orr", "3 Elm St", "Boston", "MA", "02134", "CVS", 25]


def _skipped_in(path: Path, rows: list[list[object]]) -> dict[int, str]:
    """Row -> why it is left out, of an XLSX at ``path`` holding ``rows`` under the columns Name, Address,
    City, State, ZIP, Product, Value."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["Name", "Address", "City", "State", "ZIP", "Product", "Value"], *rows]:
        sheet.append(row)
    book.save(path)
    return {s.row: s.reason for s in load_sheet(path).skipped}


def _notes_sheet(path: Path, notes: list[str], header: str = "Notes") -> Path:
    """A CSV of one recipient per note, the note under ``header``: row 2 holds the first note."""
    rows = [f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{note}" for i, note in enumerate(notes)]
    path.write_text(f"Name,Address,City,State,ZIP,Product,Value,{header}\n" + "\n".join(rows) + "\n")
    return path


@pytest.mark.parametrize(
    ("header", "said", "why"),
    [("Date Sent (mm/dd/yyyy)", "11/15/2026", "the list says it was sent already"),
     ("Sent On (Date)", "11/15/2026", "the list says it was sent already"),
     ("Termination Date (if applicable)", "11/15/2026", "the list says not to send it"),
     ("Termination Date - if any", "11/15/2026", "the list says not to send it"),
     ("Do Not Send Before [MM/DD/YYYY]", "12/20/2026", "the list says not to send it yet")],
)  # fmt: skip
def test_a_header_with_a_remark_after_its_words_is_read_by_its_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str, said: str, why: str
) -> None:
    """Found by hunter-sheets12: 'Date Sent (mm/dd/yyyy)', 'Termination Date (if applicable)' or 'Do Not Send
    Before [MM/DD/YYYY]', a header saying how its cells are written or when it applies, was read as nothing:
    the card went out again, to someone gone, or at once, exit 0. Each is read by its words; 'Gift
    (optional)' = Amazon still says nothing."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    path = tmp_path / "remarks.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header},Gift (optional)\n"
        f"Ann Lee,1 Main St,Boston,MA,02134,CVS,50,{said},Amazon\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,,\n"
    )
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"{why} (column '{header}': '{said}')")
    ]


def test_a_note_saying_the_person_wants_no_card_or_a_donation_leaves_its_row_out(tmp_path: Path) -> None:
    """Found by hunter-sheets13: a note 'Wants no gift' or 'Prefers donation instead of card' was read as no
    note and the card ordered, exit 0 ('Does not want a gift' left its row out). Each does now; 'Wants a
    Target card' and 'Donation drive volunteer' send."""
    notes = ["Wants no gift", "Prefers donation instead of card", "Requested a donation instead",
             "Wants a Target card", "Donation drive volunteer"]  # fmt: skip
    path = _notes_sheet(tmp_path / "notes.csv", notes)
    assert [s.row for s in load_sheet(path).skipped] == [2, 3, 4]


def test_a_note_saying_by_whom_or_how_the_card_went_leaves_its_row_out(tmp_path: Path) -> None:
    """Found by hunter-sheets12: a note 'Shipped via UPS 1Z999', 'Sent by Sue', 'Card mailed by HR on 11/15'
    or 'Gift already sent by manager' was read as no note, and the card ordered again, exit 0 ('Card sent
    11/15' and 'Already sent' left their rows out). Each does now; 'Ship via UPS', 'Send by Dec 15' and
    'Mail by Friday' (how or when to send it) send."""
    notes = ["Shipped via UPS 1Z999", "Sent by Sue", "Card mailed by HR on 11/15", "Gift already sent by manager",
             "Delivered by hand", "Ship via UPS", "Send by Dec 15", "Mail by Friday"]  # fmt: skip
    path = _notes_sheet(tmp_path / "notes.csv", notes)
    assert [s.row for s in load_sheet(path).skipped] == [2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    ("header", "said"),
    [("Status", "Card sent 11/15"), ("Status", "Gift sent"), ("Status", "Card Mailed"),
     ("Status", "Already sent"), ("Send Status", "Sent")],
)  # fmt: skip
def test_a_status_saying_the_card_went_in_its_own_words_leaves_its_row_out(
    tmp_path: Path, header: str, said: str
) -> None:
    """Found by hunter-sheets12: a 'Status' of 'Card sent 11/15', 'Gift sent', 'Card Mailed' or 'Already
    sent' (where 'Sent' left its row out), and a 'Send Status' of 'Sent' (read as a yes/no), were ordered
    again, exit 0. Each leaves its row out now, said sent already (review26: it read 'not to send');
    'Active' and 'Approved' send."""
    path = tmp_path / "tracker.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        f"Ann Lee,1 Main St,Boston,MA,02134,CVS,50,{said}\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,Active\n"
        "Cy Orr,3 Elm St,Boston,MA,02134,CVS,50,Approved\n"
    )
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says it was sent already (column '{header}': '{said}')")
    ]


@pytest.mark.parametrize(
    ("header", "said"),
    [("Status", "Sent invite"), ("Status", "Sent reminder 11/20"), ("Status", "Mailed survey"),
     ("Participant Status", "Sent consent form via email"), ("Current Status", "Sent W-9"),
     ("Status", "Sent thank-you letter"), ("Status", "Shipped welcome packet to home")],
)  # fmt: skip
def test_a_person_s_status_naming_something_else_sent_sends_the_card(
    tmp_path: Path, header: str, said: str
) -> None:
    """Found by hunter-falsealarm5 on an event's and a study's lists: a person's 'Status' = 'Sent invite',
    'Sent reminder 11/20', 'Mailed survey' (where the outreach stands) was read as the card sent, each row
    left out as sent already, exit 0. A sending naming what went, no card, sends the row; 'Sent', 'Card
    mailed', 'Sent invite - card mailed 11/20' and 'Sent invite - declined' still leave it out."""
    path = _notes_sheet(
        tmp_path / "outreach.csv",
        [said, "Sent", "Card mailed", "Sent invite - card mailed 11/20", "Sent invite - declined"],
        header=header,
    )
    assert [s.row for s in load_sheet(path).skipped] == [3, 4, 5, 6]


@pytest.mark.parametrize(
    ("header", "said"),
    [("Current Status", "Sent"), ("Current Status", "Card mailed 11/15"), ("Record Status", "Shipped"),
     ("Previously Sent", "Yes"), ("Sent Previously", "11/15/2025"), ("Date Sent", "11/15/2026"),
     ("Ship Date", "Shipped"), ("Card Sent", "Yes")],
)  # fmt: skip
def test_a_card_said_sent_in_other_words_is_left_out_saying_how_to_send_it_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str, said: str
) -> None:
    """Found by hunter-sheets12: 'Current Status' = Sent or 'Previously Sent' = Yes was ordered again, exit
    0 (a status other than 'Status' was read only for the person gone; 'Previously Sent' as nothing). Each
    is left out as sent already, and the notice says how to send it again on purpose ('Previously Sent' may
    mean last year's card): 'Resend' in the cell, which sends. 'Current Status' = Completed still sends."""
    path = _notes_sheet(tmp_path / "sent.csv", [said, "Resend", ""], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says it was sent already (column '{header}': '{said}')")
    ]
    code, _report, err = validate_json(capsys, path)
    assert code == 0
    said_so = " ".join(err.split())
    assert "To send a row said sent already again on purpose, write 'Resend' in its cell." in said_so
    survey = _notes_sheet(tmp_path / "survey.csv", ["Completed", "Active"], header="Current Status")
    assert load_sheet(survey).skipped == ()


def test_a_send_status_saying_not_sent_yet_sends_the_row(tmp_path: Path) -> None:
    """Found by review26 (F6): a tracker whose 'Send Status' holds Sent / Not sent / Pending sent nobody:
    'Not sent' and 'Pending' were read as a 'Send?' = No, each person left out as 'the list says not to send
    it'. A sending's status saying it has not happened yet sends the row; 'Sent' is sent already, and 'Do
    not send', 'On hold' or 'Pending approval' still leave their rows out."""
    said = ["Sent", "Not sent", "Pending", "Not yet sent", "Unsent", "Ready to send", "To be sent", "Queued",
            "", "Do not send", "On hold", "Pending approval"]  # fmt: skip
    path = _notes_sheet(tmp_path / "tracker.csv", said, header="Send Status")
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, "the list says it was sent already (column 'Send Status': 'Sent')"),
        (11, "the list says not to send it (column 'Send Status': 'Do not send')"),
        (12, "the list says not to send it (column 'Send Status': 'On hold')"),
        (13, "the list says not to send it (column 'Send Status': 'Pending approval')"),
    ]


@pytest.mark.parametrize(
    "header", ["Shipping Status", "Delivery Status", "Fulfillment Status", "Order Status"]
)
def test_a_status_saying_a_card_was_made_or_came_back_leaves_its_row_out_saying_how_to_resend(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    """Found by review26 (F5): a tracking sheet's 'Label created', 'Processing', 'Partially fulfilled', 'Not
    Delivered', 'Undelivered', 'Delivery failed' or 'Returned' (a card made, on its way or come back) was
    ordered again without a word, exit 0: a second card where the first may still arrive. Each is left out
    saying a card was made, and how to send another on purpose ('Resend' in the cell sends it); 'Not
    shipped', 'Pending' and an empty cell send."""
    made = ["Label created", "Processing", "Partially fulfilled", "Not Delivered", "Undelivered",
            "Delivery failed", "Returned", "Return to sender", "Delivery exception"]  # fmt: skip
    path = _notes_sheet(
        tmp_path / "tracker.csv", [*made, "Not shipped", "Pending", "", "Resend"], header=header
    )
    skipped = load_sheet(path).skipped
    assert [(s.row, s.reason) for s in skipped] == [
        (row, f"the list says a card was made for it already (column '{header}': '{said}')")
        for row, said in enumerate(made, start=2)
    ]
    code, _report, err = validate_json(capsys, path)
    said = " ".join(err.split())
    assert code == 0
    assert "9 row(s) the list says not to send, or sent already, are not ordered" in said
    assert (
        "A card the list says was made ('Label created', 'Returned', 'Not Delivered') may still reach the"
        " person: to send another on purpose, write 'Resend' in its cell." in said
    )


@pytest.mark.parametrize(
    "header", ["Delivery Status", "Shipping Status", "Shipment Status", "Fulfillment Status"]
)
def test_a_shipment_status_of_failed_leaves_its_row_out_as_a_card_made(tmp_path: Path, header: str) -> None:
    """Found by hunter-sheets13 (its leftover 1): 'Delivery Status' = Failed (Shopify's shipment status
    'failure') was ordered again, exit 0, where 'Delivery failed' was left out: a delivery that failed had a
    card made, which may come back or still arrive. Left out as a card made ('Resend' sends it); an 'Order
    Status' = Failed made no card and sends."""
    failed = ["Failed", "failure", "FAILED - bad address"]
    path = _notes_sheet(tmp_path / "tracker.csv", [*failed, "", "Resend"], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (row, f"the list says a card was made for it already (column '{header}': '{said}')")
        for row, said in enumerate(failed, start=2)
    ]
    ordered = _notes_sheet(tmp_path / "orders.csv", failed, header="Order Status")
    assert load_sheet(ordered).skipped == ()


def test_a_note_saying_no_on_a_later_line_of_its_cell_leaves_its_row_out(tmp_path: Path) -> None:
    """Found by hunter-sheets14: a note whose 'DO NOT SEND - left company' (or 'Deceased', 'Already received
    card') was typed on a new line of the cell (Alt+Enter in Excel, under an earlier remark) was ordered,
    exit 0, where the same after '; ' left its row out; a 'Hold until 12/20' so typed was sent at once. Each
    line is read with the lines after it as its remark: a later line saying the hold is over ('Rehired
    11/20') still sends."""
    notes = ["Called 11/2, left voicemail\nDO NOT SEND - left company", "Great year!\nDeceased",
             "Updated address 11/1\nAlready received card", "Hold\nCleared 11/20", "VIP\nHome address only",
             "DO NOT SEND\nRehired 11/20", "Skip-level manager: Dana\nDo not send"]  # fmt: skip
    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"])
    for i, note in enumerate(notes):
        book.active.append([f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", 50, note])
    book.save(tmp_path / "notes.xlsx")
    assert [(s.row, s.reason) for s in load_sheet(tmp_path / "notes.xlsx").skipped] == [
        (row, f"the list says not to send it (column 'Notes': '{notes[row - 2]}')") for row in (2, 3, 4, 8)
    ]
    held = _notes_sheet(tmp_path / "held.csv", ['"Thanks!\nHold until 12/20/2099"'])
    assert [s.reason for s in load_sheet(held).skipped] == [
        "the list says not to send it yet (column 'Notes': 'Thanks!\nHold until 12/20/2099')"
    ]


def test_a_note_saying_no_after_a_remark_of_its_own_leaves_its_row_out(tmp_path: Path) -> None:
    """Found by hunter-sheets14: 'Called 11/2; deceased', 'FYI - terminated 10/31', 'Note: resigned', 'Great
    worker. Left the company 10/31' or 'Address updated 11/1. Card already sent 11/15' was ordered, exit 0,
    where 'Moved to TX. Do not send' was left out: only a 'do not send' was read after a remark. Each clause
    is read as a note with what follows it; what only says where or how ('Home only. Do not send to
    office', 'Hold - front desk', 'Mgr: no gift wrap') or that it is over ('Hold; cleared 11/2') sends."""
    said = [
        "Called 11/2; deceased",
        "FYI - terminated 10/31",
        "Note: resigned",
        "Great worker. Left the company 10/31",
        "Address updated 11/1. Card already sent 11/15",
    ]
    sent = ["Called. Left voicemail", "Home only. Do not send to office", "Hold - front desk",
            "Terminated 11/15 - rehired 11/20", "Declined: expedited shipping", "Hold; cleared 11/2",
            "Mgr: no gift wrap", "Dr. Smith - St. Louis office"]  # fmt: skip
    path = tmp_path / "notes.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"])
        for i, note in enumerate(said + sent):
            writer.writerow([f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", "50", note])
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (row, f"the list says not to send it (column 'Notes': '{note}')") for row, note in enumerate(said, 2)
    ]


def test_a_note_of_a_thousand_lines_is_read_in_a_bounded_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review28 after 1cf9976: each line of a note was read with all the lines after it, so a note of
    5,000 lines (a 10 KB CSV) took `bulkship validate` 126 s, against 9 s before it; 20,000 lines, half an
    hour (and so a note of 5,000 sentences, once its clauses were read so too). A line or clause is read with
    the few after it: 'Deceased' after 1,000 of them is still read, and the text looked at stays a small
    multiple of the notes'."""
    from bulkship.load.skipped import clauses

    lines, sentences = (
        "Called, left voicemail\n" * 1000,
        "Called, left voicemail. " * 1000,
    )  # (32,767 at most)
    notes = [lines + "Deceased", lines + "Thanks!", sentences + "Deceased", sentences + "Thanks!"]
    looked_at = 0
    says_no = clauses._note_says_no

    def counted(text: str) -> bool:
        nonlocal looked_at
        looked_at += len(text)
        assert looked_at < 20 * len("".join(notes)), "the notes are read again and again"
        return says_no(text)

    monkeypatch.setattr(clauses, "_note_says_no", counted)
    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"])
    for i, text in enumerate(notes):
        book.active.append([f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", 50, text])
    book.save(tmp_path / "long.xlsx")
    assert [s.row for s in load_sheet(tmp_path / "long.xlsx").skipped] == [2, 4]


@pytest.mark.timeout(120)  # minutes before; seconds now
def test_a_long_note_of_many_remarks_is_read_in_one_pass(tmp_path: Path) -> None:
    """Found by review28: a note 'DNS' followed by 20,000 '; a' (a 60 KB CSV) held `bulkship validate` more
    than 5 minutes: each separator's remark was read to the note's end for a word saying the hold is over
    ('cleared', 'rehired'). A remark is read 100 characters on: the row is still left out, and a 'cleared'
    right after its dash still sends."""
    path = _notes_sheet(tmp_path / "commas.csv", ["DNS;" + " a;" * 20000, "DNS - cleared 11/2"])
    assert [s.row for s in load_sheet(path).skipped] == [2]


def test_a_note_that_the_card_was_sent_or_is_had_already_leaves_its_row_out(tmp_path: Path) -> None:
    """Found by hunter-sheets12: a note 'Card was sent 11/15', 'Was sent last week', 'Gift sent', 'Already
    has card' or 'Has card already' was read as no note ('Card sent 11/15' and 'Already has a card' were),
    and the card ordered again, exit 0. Each leaves its row out now; 'Sent last year, send again', 'Sent to HR
    for approval - approved 12/1' and 'Gift card preferred' send ('Sent to HR for approval' alone waits on the
    approval since hunter-sends4: tests/test_notes_not_now.py)."""
    notes = ["Card was sent 11/15", "Was sent last week", "Gift sent", "Already has card", "Has card already",
             "Sent last year, send again", "Sent to HR for approval - approved 12/1",
             "Gift card preferred"]  # fmt: skip
    path = _notes_sheet(tmp_path / "notes.csv", notes)
    assert [s.row for s in load_sheet(path).skipped] == [2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    "header",
    ["Anything else we should know?", "Is there anything else?", "Other", "Additional information"],
)
def test_a_form_s_free_text_question_is_read_as_a_note(tmp_path: Path, header: str) -> None:
    """Found by newcomer4: 'do not send', 'please don't send me a gift' or 'Deceased' answered under a form's
    last question ('Anything else we should know?') was ordered, the column 'not used'; under 'Comments or
    questions?' it left the row out. 'Ship to my office please' there sends."""
    notes = [
        "do not send",
        "please don't send me a gift, I changed my mind",
        "Deceased",
        "Ship to my office please",
    ]
    path = _notes_sheet(tmp_path / "form.csv", notes, header=header)
    assert [s.row for s in load_sheet(path).skipped] == [2, 3, 4]


@pytest.mark.parametrize(
    ("header", "why"),
    [("Enviado el", "the list says it was sent already"), ("Envoyé le", "the list says it was sent already"),
     ("Versendet am", "the list says it was sent already"),
     ("Fecha de envío", "the list dates it on a day passed, which may be the day it went out"),
     ("Date d’envoi", "the list dates it on a day passed, which may be the day it went out"),
     ("Versanddatum", "the list dates it on a day passed, which may be the day it went out"),
     ("Data di spedizione", "the list dates it on a day passed, which may be the day it went out")],
)  # fmt: skip
def test_the_day_a_card_went_in_another_language_is_not_sent_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str, why: str
) -> None:
    """Found by hunter-sheets12: a list kept in Spanish, French, German or Italian (whose other headers are
    read) dated the card 'Enviado el' / 'Envoyé le' / 'Versendet am' 15/11/2026, or gave its shipping day
    ('Fecha de envío', "Date d'envoi", 'Versanddatum'): read as nothing, the card was ordered again, exit 0.
    The first say it went; the others are read as a 'Ship Date' (a day to come holds the row)."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    path = tmp_path / "envios.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,15/11/2026\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,\n"
        "Cy Orr,3 Elm St,Boston,MA,02134,CVS,50,20/12/2026\n",
        encoding="utf-8",
    )
    skipped = [(s.row, s.reason) for s in load_sheet(path).skipped]
    assert skipped[0] == (2, f"{why} (column '{header}': '15/11/2026')")
    later = (
        "the list dates it as sent on a day still to come"
        if "sent already" in why
        else "the list says not to send it yet"
    )
    assert skipped[1:] == [(4, f"{later} (column '{header}': '20/12/2026')")]


def test_a_failed_lookup_where_the_list_says_whether_to_send_is_an_error_on_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets12: a 'Date Sent' filled by a lookup of the sent log showed #N/A for the people
    it did not find (not sent), and each was left out as 'sent already'; a 'Send?' of #N/A ordered the card.
    Either is now an error on its row, naming the cell, in an XLSX (an error cell) as in its CSV copy."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Date Sent", "Send?"])
    sheet.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50, "#N/A", "Yes"])
    sheet.append(["Bob Ray", "2 Main St", "Boston", "MA", "02134", "CVS", 50, None, "#N/A"])
    sheet.append(["Cy Dunn", "3 Main St", "Boston", "MA", "02134", "CVS", 50, "11/15/2026", "Yes"])
    sheet.append(["Di Fox", "4 Main St", "Boston", "MA", "02134", "CVS", 50, None, "Yes"])
    book.save(tmp_path / "lookup.xlsx")
    (tmp_path / "lookup.csv").write_text(
        "Name,Address,City,State,ZIP,Product,Value,Date Sent,Send?\n"
        + "".join(
            ",".join("" if v is None else str(v) for v in row) + "\n"
            for row in sheet.iter_rows(min_row=2, values_only=True)
        )
    )
    for path in (tmp_path / "lookup.xlsx", tmp_path / "lookup.csv"):
        assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 1
        data = json.loads(capsys.readouterr().out)
        errors = sorted(
            (p["row"], p["message"].split(":")[0]) for p in data["problems"] if p["severity"] == "error"
        )
        assert errors == [(2, "Row 2, column 'Date Sent'"), (3, "Row 3, column 'Send?'")], path
        assert [s.row for s in load_sheet(path).skipped] == [4]


def test_a_tracking_column_saying_there_is_none_yet_sends_the_row(tmp_path: Path) -> None:
    """Found by hunter-sheets13: 'Tracking #' = 'None yet', 'Awaiting' or 'Awaiting tracking' left the row
    out as 'the list says it was sent already' (anything written there read as a tracking number), where
    'Pending' and 'N/A' sent. Each sends; a number is sent already, and 'Ordered' = 'Awaiting shipment'
    still is."""
    said = [
        "None yet",
        "Awaiting",
        "Awaiting tracking",
        "Awaiting #",
        "Awaiting tracking #",
        "1Z999AA10123456784",
    ]
    path = _notes_sheet(tmp_path / "tracked.csv", said, header="Tracking #")
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (7, "the list says it was sent already (column 'Tracking #': '1Z999AA10123456784')")
    ]  # 'Awaiting #' too (found by review27: it was left out)
    ordered = _notes_sheet(tmp_path / "ordered.csv", ["Awaiting shipment"], header="Ordered")
    assert [s.row for s in load_sheet(ordered).skipped] == [2]


def test_a_sent_column_saying_when_it_will_go_sends_the_row(tmp_path: Path) -> None:
    """Found by hunter-falsealarm2: a tracker's 'Sent?' = 'Next week' (or Soon, Tomorrow, Later) left the row
    out as 'the list says it was sent already', exit 0: it says the card is still to go. Each sends; Yes and
    'Next day air' (how it went) are sent already."""
    said = ["Next week", "Soon", "Tomorrow", "Later", "Yes", "Next day air"]
    path = _notes_sheet(tmp_path / "sent.csv", said, header="Sent?")
    assert [s.row for s in load_sheet(path).skipped] == [6, 7]


def test_a_sent_column_saying_to_send_it_as_soon_as_possible_or_in_days_sends_the_row(tmp_path: Path) -> None:
    """Found by hunter-sheets20: 'Sent?' = 'ASAP', 'As soon as possible', 'In 2 weeks', 'In a few days' (the
    card still to go, as 'Next week' and 'Soon' say) was left out as 'the list says it was sent already',
    exit 0, the person never sent. Each sends; Yes is sent already."""
    said = ["ASAP", "As soon as possible", "In 2 weeks", "In a few days", "In a couple of weeks", "Yes"]
    path = _notes_sheet(tmp_path / "sent.csv", said, header="Sent?")
    assert [s.row for s in load_sheet(path).skipped] == [7]


@pytest.mark.parametrize("header", ["Sent?", "Card Sent", "Mailed?"])
def test_a_sent_column_saying_a_step_before_sending_sends_the_row(tmp_path: Path, header: str) -> None:
    """Found by hunter-falsealarm7: a tracker's 'Sent?' (or 'Card Sent', 'Mailed?') = 'Open', 'New', 'Draft',
    'In queue', 'OK to send', 'Go', 'Awaiting approval', 'Incomplete', 'Outstanding' (a step before sending,
    as 'Queued' and 'Pending' are) left the row out as 'the list says it was sent already', exit 0, the
    person never sent. Each sends; Yes, Done, and 'Approved', 'Requested', 'Scheduled' (which an order may
    be in once placed) are sent already. ('Awaiting approval' was among them: left out as not to send now
    since, test_a_sent_column_waiting_for_an_approval_leaves_the_row_out_as_not_to_send.)"""
    sends = ["Open", "New", "Draft", "In queue", "OK to send", "Go", "Incomplete", "Outstanding"]
    path = _notes_sheet(
        tmp_path / "sent.csv", [*sends, "Yes", "Done", "Approved", "Requested", "Scheduled"], header
    )
    assert [s.row for s in load_sheet(path).skipped] == list(range(2 + len(sends), 7 + len(sends)))


@pytest.mark.parametrize("header", ["Sent?", "Card Sent", "Mailed"])
def test_a_sent_column_saying_hold_leaves_the_row_out_as_not_to_send(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """Found by hunter-falsealarm7: a tracker's 'Sent?' (or 'Card Sent', 'Mailed') = 'Hold', 'Hold for
    address', 'Hold - verify address' or 'HOLD per HR' was read as not sent and the card ordered, exit 0,
    where 'On hold' was left out as 'sent already' (and 'Hold until 12/20' ordered on Dec 4). Each is left
    out as 'not to send it', quoting the cell; No sends; Yes is sent already."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    said = ["Hold", "On hold", "Hold for address", "Hold - verify address", "HOLD per HR", "Hold until 12/20"]
    path = _notes_sheet(tmp_path / "sent.csv", [*said, "No", "Yes"], header=header)
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert sorted(skipped) == [2, 3, 4, 5, 6, 7, 9], skipped
    assert skipped[4] == f"the list says not to send it (column '{header}': 'Hold for address')"
    assert skipped[7] == f"the list says not to send it (column '{header}': 'Hold until 12/20')"


@pytest.mark.parametrize("header", ["Sent?", "Card Sent", "Mailed?"])
def test_a_sent_column_waiting_for_an_approval_leaves_the_row_out_as_not_to_send(
    tmp_path: Path, header: str
) -> None:
    """Found by review35 after d92f5f58: a tracker's 'Sent?' = 'Awaiting approval' (or 'Pending approval',
    'Awaiting sign-off', 'Needs manager approval') was ordered: a card sent before anyone approved it, where
    'Send Status' = Pending approval leaves the row out. Each is left out as not to send now, as 'Hold' is;
    the steps before sending of d92f5f58 ('Open', 'Draft') still send, Yes is sent already."""
    said = ["Awaiting approval", "Pending approval", "Awaiting sign-off", "Needs manager approval"]
    path = _notes_sheet(tmp_path / "sent.csv", [*said, "Open", "Draft", "No", "Yes"], header=header)
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert sorted(skipped) == [2, 3, 4, 5, 9], skipped
    assert skipped[2] == f"the list says not to send it (column '{header}': 'Awaiting approval')"


@pytest.mark.parametrize(("course", "header"), [("Course", "Completed"), ("Training Name", "Done?")])
def test_a_bare_completed_beside_a_course_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], course: str, header: str
) -> None:
    """Found by hunter-falsealarm2 (L3) and hunter-sheets16 (leftover 1), checked by hunter-sheets17: a
    training-reward list's 'Course' | 'Completed' = Yes / No left out everyone who finished as 'sent
    already' and ordered a card for each 'No', exit 0. Beside a course or training, a bare 'Completed' may
    say either: refused in one line, saying how to name it, nothing read further; without such a column it
    is a tracker's 'sent' as before."""
    path = tmp_path / "training.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{course},{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,Safety 101,Yes\n"
        "Bob Ray,2 Main St,Boston,MA,02134,CVS,25,Safety 101,No\n"
    )
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 2
    said = capsys.readouterr().err
    assert f"column '{header}' (I) beside '{course}' may say the" in said
    assert "rename it 'Card Sent' if it says the card went out" in said
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,Department,{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,Ops,Yes\n"
        "Bob Ray,2 Main St,Boston,MA,02134,CVS,25,Ops,No\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == [2]


@pytest.mark.parametrize(
    ("activity", "said"),
    [("Course", "Completed"), ("Training Name", "Complete"), ("Challenge", "Done"), ("Survey", "Completed")],
)
def test_a_status_saying_completed_beside_a_course_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], activity: str, said: str
) -> None:
    """Found by hunter-falsealarm6: a learning system's export, 'Course' | 'Status' = Completed, In Progress
    (a wellness list's 'Challenge' | 'Status' = Done), left out every person who finished as 'the list says
    not to send it' and ordered a card for each row still in progress, exit 0, as a bare 'Completed' beside a
    course was before. Refused alike in one line, saying how to name it; without such a column a tracker's
    'Status' = Done is still the card done."""
    path = tmp_path / "training.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{activity},Status\n"
        f"Ann Lee,1 Main St,Boston,MA,02134,CVS,25,Safety 101,{said}\n"
        "Bob Ray,2 Main St,Boston,MA,02134,CVS,25,Safety 101,In Progress\n"
    )
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 2
    told = " ".join(capsys.readouterr().err.split())
    assert f"column 'Status' (I) beside '{activity}' may say the" in told
    assert "rename it 'Card Status' if it says the card went out" in told
    assert "'Completion Status' if it says whether the" in told
    path.write_text(path.read_text().replace(activity, "Department"))
    assert [s.row for s in load_sheet(path).skipped] == [2]
    # ... and named as the hint says, the rows not done are left out, the done ones sent
    path.write_text(
        path.read_text().replace("Department", activity).replace(",Status", ",Completion Status")
        + "Cy Day,3 Main St,Boston,MA,02134,CVS,25,Safety 101,Not Started\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == [3, 4]


@pytest.mark.parametrize(
    "header",
    ["Course Completed", "Training Completed", "Completed Training", "Training Complete?", "Exam Passed"],
)
def test_a_course_not_completed_leaves_its_row_out_as_a_survey_not_completed_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    """Found by hunter-sheets17, left for hunter-sheets18: 'Course Completed' or 'Training Completed' = No
    was ordered, while 'Survey Completed' = No is left out; and the refusal of a bare 'Completed' beside a
    course told to rename it 'Course Completed', under which every row was sent. What a list rewards with a
    card once done, not done, earns none: the row is left out, quoting the cell, and the hint says so."""
    path = tmp_path / "training.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,Course,{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,Safety 101,Yes\n"
        "Bob Ray,2 Main St,Boston,MA,02134,CVS,25,Safety 101,No\n"
    )
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (3, f"the list says not to send it (column '{header}': 'No')")
    ]
    path.write_text(path.read_text().replace(header, "Completed"))
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "'Course Completed' if it says the course was done (its No rows are then left out" in " ".join(
        capsys.readouterr().err.split()
    )


def test_a_card_status_saying_a_card_is_at_hand_or_mailed_by_hand_leaves_the_row_out(tmp_path: Path) -> None:
    """Found by hunter-sheets17: a tracker's 'Card Status' = 'Card bought', 'Purchased', 'Printed', 'In
    envelope', 'With mailroom', 'In the mail', 'Posted', 'Dropped at post office', 'Given' (a card bought in
    a shop, or mailed by hand) was read as nothing and a second card ordered, exit 0. Each is a card made;
    'Ready to send', 'Pending', 'Not printed' and 'Waiting for card choice' send."""
    said = ["Card bought", "Purchased", "Printed", "In envelope", "With mailroom", "In the mail", "Posted",
            "Dropped at post office", "Given"]  # fmt: skip
    kept = ["Ready to send", "Pending", "Not printed", "Waiting for card choice"]
    path = _notes_sheet(tmp_path / "tracker.csv", said + kept, header="Card Status")
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (row, f"the list says a card was made for it already (column 'Card Status': '{status}')")
        for row, status in enumerate(said, start=2)
    ]


def test_a_card_status_saying_the_card_is_out_or_ready_for_the_mail_leaves_the_row_out(
    tmp_path: Path,
) -> None:
    """Found by hunter-sheets17, left for hunter-sheets18: a tracker's 'Card Status' = 'Out', 'Closed',
    'Addressed', 'Out for signature' or 'Ready to mail' (a card sent out, or made and waiting for the mail)
    was ordered a second card, exit 0. Each is left out, said so; 'Ready to send', 'To be mailed' and 'Out of
    stock' send, and so does a person's 'Status' = 'Out' (on leave)."""
    said = ["Out", "Closed", "Addressed", "Out for signature", "Ready to mail", "Waiting to be mailed"]
    # ... or handed to the person (found by hunter-sheets18)
    said += ["Handed over", "Hand delivered", "Handed to employee", "Presented", "Gave at party"]
    kept = ["Ready to send", "To be mailed", "Out of stock"]
    path = _notes_sheet(tmp_path / "tracker.csv", said + kept, header="Card Status")
    reasons = ["it was sent already"] * 2 + ["a card was made for it already"] * 9
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (row, f"the list says {why} (column 'Card Status': '{status}')")
        for row, (status, why) in enumerate(zip(said, reasons, strict=True), start=2)
    ]
    person = _notes_sheet(tmp_path / "people.csv", ["Out", "Out on leave", "Closed"], header="Status")
    assert load_sheet(person).skipped == ()


@pytest.mark.parametrize(
    ("header", "said"),
    [("Delete", "x"), ("Delete?", "Yes"), ("To Delete", "x"), ("Delete Row", "Y"), ("Suppress", "TRUE"),
     ("Do Not Order", "x")],
)  # fmt: skip
def test_a_column_marking_the_rows_to_delete_leaves_them_out(tmp_path: Path, header: str, said: str) -> None:
    """Found by hunter-sheets18: a list's 'Delete' = x (or 'Delete?' = Yes, 'To Delete', 'Suppress' = TRUE,
    'Do Not Order') was read as nothing and the card ordered, where 'Remove' = x is left out. Each is left
    out, quoting the cell; its No sends, and a mailing's 'Drop' (its wave: 1, 2) is no such column."""
    path = _notes_sheet(tmp_path / "list.csv", [said, "No", ""], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': '{said}')")
    ]
    assert load_sheet(_notes_sheet(tmp_path / "drops.csv", ["1", "2"], header="Drop")).skipped == ()


@pytest.mark.parametrize("header", ["Status", "Current Status", "Employee Status"])
def test_a_person_s_status_saying_mail_does_not_reach_them_leaves_the_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by hunter-sheets18: a CRM contact's or an HR record's status 'Returned mail', 'Address unknown',
    'Undeliverable', 'Moved - no forwarding address', 'Mail returned 11/2' was read as nothing and the card
    sent to an address the post had given back. Each is left out, quoting the cell; 'Returned' (from a leave)
    and 'Moved' alone send."""
    said = ["Returned mail", "Address unknown", "Undeliverable", "Moved - no forwarding address",
            "Mail returned 11/2"]  # fmt: skip
    path = _notes_sheet(tmp_path / "contacts.csv", [*said, "Returned", "Moved", "Active"], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (row, f"the list says not to send it (column '{header}': '{status}')")
        for row, status in enumerate(said, start=2)
    ]


@pytest.mark.parametrize(
    ("header", "kept", "out"),
    [("Delete?", "Keep", "Delete"), ("Remove", "keep", "Remove"), ("Exclude?", "Include", "Exclude"),
     ("Suppress", "Keep - new address", "Suppress"), ("To Remove", "Kept", "x"), ("Hold", "Release", "Hold"),
     ("Delete?", "Keep", "Keep: no"), ("Remove", "Keep", "Keep - not sure"),
     # a column naming both answers: its rows to delete were ordered (hunter-falsealarm5's leftover)
     ("Keep/Delete", "Keep", "Delete"), ("Keep or Remove", "Keep", "Remove"), ("Delete / Keep", "keep", "DELETE")],
)  # fmt: skip
def test_a_row_kept_under_a_column_marking_the_rows_to_delete_is_sent(
    tmp_path: Path, header: str, kept: str, out: str
) -> None:
    """Found by hunter-falsealarm5 on a marketing list cleaned by hand: 'Delete?' = Keep, 'Remove' = keep,
    'Exclude?' = Include (the column's answer for the rows to keep, beside Delete, Remove, Exclude) were read
    as a mark like x: every row kept was left out, the list sending nothing but its empty cells. The word
    keeping the row sends it, as its No does; the column's own word still leaves its row out."""
    path = _notes_sheet(tmp_path / "list.csv", [kept, out, ""], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (3, f"the list says not to send it (column '{header}': '{out}')")
    ]


@pytest.mark.parametrize(
    ("header", "kept", "out"),
    [("Keep/Delete", "K", "D"), ("Keep or Remove", "k", "R"), ("Delete / Keep", "K.", "D"),
     ("Keep/Delete", "K - new address", "Del")],
)  # fmt: skip
def test_a_row_kept_by_its_letter_under_a_column_naming_keep_and_delete_is_sent(
    tmp_path: Path, header: str, kept: str, out: str
) -> None:
    """Found by review34 reviewing 7e2bb3c: a list cleaned by hand under 'Keep/Delete' with its answers'
    letters, K beside D, left every K out as 'the list says not to send it', as a mark like x. Where the
    header names keep, its K sends the row as its Keep does; D and a K doubted ('K?') still leave it out."""
    path = _notes_sheet(tmp_path / "list.csv", [kept, out, "K?", ""], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (3, f"the list says not to send it (column '{header}': '{out}')"),
        (4, f"the list says not to send it (column '{header}': 'K?')"),
    ]


@pytest.mark.parametrize("header", ["Keep?", "Keep (Y/N)", "Include?", "Send?"])
def test_a_row_marked_delete_under_a_column_of_the_rows_to_keep_is_left_out(
    tmp_path: Path, header: str
) -> None:
    """Found by review34 reviewing 7e2bb3c (its mirror): a list cleaned by hand under 'Keep?' = Delete, Drop,
    Omit, 'Deleted - moved' (the rows to take off, in the clean-up's own words) was ordered whole, exit 0,
    where Remove and No are left out. Each is left out quoting the cell; Keep, Yes and a 'Drop-off' (a way
    to deliver) send."""
    out = ["Delete", "Drop", "Omit", "Deleted - moved", "Suppress"]
    path = _notes_sheet(tmp_path / "list.csv", [*out, "Keep", "Yes", "Drop-off"], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (row, f"the list says not to send it (column '{header}': '{said}')")
        for row, said in enumerate(out, start=2)
    ]


@pytest.mark.parametrize("header", ["Duplicate", "Dup?", "Is Duplicate"])
def test_a_duplicate_column_marking_every_copy_of_a_person_sends_the_first(
    tmp_path: Path, header: str
) -> None:
    """Found by review34 reviewing 4f18f7f: a list cleaned with Excel's =COUNTIF(A:A, A2)>1 under
    'Duplicate' marks every copy of a repeated person TRUE, the first too, and each was left out: Ann Lee,
    on rows 2 and 4, got no card, exit 0. Of a person every row of whom is marked, the first is sent, the
    others left out quoting the cell; a copy marked beside an unmarked row of the person, and a lone marked
    row, are still left out."""
    path = tmp_path / "deduped.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,TRUE\n"
        "Bob Ray,2 Main St,Boston,MA,02134,CVS,50,FALSE\n"
        "ann lee,1 Main  St,Boston,MA,02134,CVS,50,TRUE\n"
        "Cy Dee,3 Main St,Boston,MA,02134,CVS,50,FALSE\n"
        "Cy Dee,3 Main St,Boston,MA,02134,CVS,50,TRUE\n"
        "Di Fox,4 Main St,Boston,MA,02134,CVS,50,TRUE\n"
    )
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (row, f"the list says not to send it (column '{header}': 'TRUE')") for row in (4, 6, 7)
    ]


@pytest.mark.parametrize("header", ["Format", "Type"])
def test_an_event_s_format_online_beside_in_person_is_no_digital_card(tmp_path: Path, header: str) -> None:
    """Found by review34 reviewing d907d62: a training-reward or event list's 'Format' = Online (or 'Type' =
    Virtual) beside In person, Hybrid, Classroom (how the course or the event took place) left each online
    attendee out as 'a digital card, and bulkship ships physical cards', exit 0. Such a column is the event's:
    every row sends; a 'Format' of card formats alone (eGift beside Physical) still leaves the eGift out."""
    path = _notes_sheet(
        tmp_path / "training.csv", ["Online", "In person", "Hybrid", "Virtual", "Classroom"], header
    )
    assert load_sheet(path).skipped == ()
    cards = _notes_sheet(tmp_path / "cards.csv", ["eGift", "Physical", ""], header=header)
    assert [s.row for s in load_sheet(cards).skipped] == [2]


def test_the_note_of_a_row_left_out_as_a_digital_card_reads_as_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review34: validate's note of a row left out as a digital card read 'row 2 : a digital card,
    and bulkship ships physical cards (column 'Format': 'eGift')', a space before its colon. It reads 'row 2:
    a digital card, ...'."""
    path = _notes_sheet(tmp_path / "cards.csv", ["eGift", "Physical"], header="Format")
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 0
    said = " ".join(capsys.readouterr())
    assert "row 2: a digital card, and bulkship ships physical cards (column 'Format': 'eGift')" in said
    assert "row 2 :" not in said


def test_a_patient_who_died_in_a_hospital_s_words_is_left_out(tmp_path: Path) -> None:
    """Found by review34 reviewing 5dd6816: a hospital's patient list ('MRN' beside 'Status') sent
    'Discharged - expired', 'Discharged (expired)', 'Expired' and 'Died' (a death, in a hospital's words): a
    card mailed to a dead patient's home, exit 0. Each is left out quoting the cell; 'Discharged home' and
    'Inpatient' send."""
    path = tmp_path / "patients.csv"
    said = ["Discharged home", "Discharged - expired", "Discharged (expired)", "Expired", "Died", "Inpatient"]
    path.write_text(
        "Name,MRN,Address,City,State,ZIP,Product,Value,Status\n"
        + "".join(f"Person {i},M{i},{i} Main St,Boston,MA,02134,CVS,50,{s}\n" for i, s in enumerate(said))
    )
    assert [s.row for s in load_sheet(path).skipped] == [3, 4, 5, 6]


def test_a_status_saying_the_returned_mail_s_address_was_put_right_sends_the_row(tmp_path: Path) -> None:
    """Found by hunter-falsealarm5 on a CRM's contacts: 'Status' = 'Returned mail - address updated 11/20',
    'Bad address - fixed', 'Undeliverable - corrected' (the address put right since, as a note saying so
    sends) was left out as mail that does not reach the person. Each sends now; 'Returned mail' and 'Bad
    address - check' still leave their rows out."""
    said = ["Returned mail - address updated 11/20", "Bad address - fixed", "Undeliverable - corrected",
            "Returned mail", "Bad address - check"]  # fmt: skip
    path = _notes_sheet(tmp_path / "contacts.csv", said, header="Status")
    assert [s.row for s in load_sheet(path).skipped] == [5, 6]


@pytest.mark.parametrize("header", ["Status", "Notes"])
def test_a_status_or_note_saying_the_bad_address_is_not_put_right_yet_leaves_the_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by review33 after a046487: 'Returned mail - not updated', 'Undeliverable - needs to be updated',
    'Bad address - to be fixed' (the address still bad) read as put right, and a card was mailed to an
    address the list says the post gives back, exit 0 (in a Notes column since a03ebab). They leave their
    rows out; 'Returned mail - address updated 11/20' still sends."""
    said = ["Returned mail - not updated", "Undeliverable - needs to be updated", "Bad address - to be fixed",
            "Returned mail - address not yet corrected", "Bad address - hasn't been fixed",
            "Returned mail - address updated 11/20"]  # fmt: skip
    path = _notes_sheet(tmp_path / "contacts.csv", said, header=header)
    assert [s.row for s in load_sheet(path).skipped] == [2, 3, 4, 5, 6]


@pytest.mark.parametrize("header", ["Manager Approval", "Approved?", "Approval Status"])
def test_an_approval_saying_none_is_needed_sends_the_row(tmp_path: Path, header: str) -> None:
    """Found by hunter-falsealarm5 on a recognition list: 'Manager Approval' = 'Not required' or 'Not needed'
    (a card no one has to sign off, as its 'N/A' says and sends) was read as 'Not' approved, each row left
    out. An approval saying none is needed sends; 'Not approved', 'Pending' and 'No' still leave the row out,
    and a 'Send?' = 'Not needed' too."""
    said = ["Not required", "Not needed", "No approval needed", "N/A", "Not approved", "Pending", "No"]
    path = _notes_sheet(tmp_path / "awards.csv", said, header=header)
    assert [s.row for s in load_sheet(path).skipped] == [6, 7, 8]
    send = _notes_sheet(tmp_path / "send.csv", ["Not needed", "Yes"], header="Send?")
    assert [s.row for s in load_sheet(send).skipped] == [2]


@pytest.mark.parametrize("header", ["Hold", "On Hold", "Do Not Send"])
def test_a_hold_released_on_a_day_sends_the_row(tmp_path: Path, header: str) -> None:
    """Found by hunter-falsealarm5 on an HR tracker: 'Hold' = 'Released 11/20', 'Cleared 11/20', 'Hold lifted
    on 11/2', 'Released 11/20 per HR' (when and by whom the hold ended) left the row out, where 'Released' alone
    sends. The day or whose say it was after such a word sends too; 'Hold', 'Y', 'Released?' and 'Resolved -
    see note' still leave the row out."""
    said = ["Released 11/20", "Cleared 11/20", "Hold lifted on 11/2", "Released 11/20 per HR", "Cleared by HR",
            "Hold", "Y", "Released?", "Resolved - see note"]  # fmt: skip
    path = _notes_sheet(tmp_path / "holds.csv", said, header=header)
    assert [s.row for s in load_sheet(path).skipped] == [7, 8, 9, 10]


@pytest.mark.parametrize("header", ["Hold", "On Hold", "Do Not Send"])
def test_a_hold_released_by_whom_then_when_or_on_a_day_in_words_sends_the_row(
    tmp_path: Path, header: str
) -> None:
    """Found by review34 reviewing 143d662f: 'Hold' = 'Cleared by HR 11/20', 'Released per HR on 11/20',
    'Lifted by J. Smith on 11/20', 'Released Nov 20', 'Released: Nov 20, 2026' (whose say, then when; a day in
    words) left the row out, where 'Released 11/20 per HR' sends. Each sends; a release a word after it says
    is not one yet ('Released by HR not approved', 'Released - pending payroll', 'Released but recheck') still
    leaves the row out."""
    sends = ["Cleared by HR 11/20", "Released per HR on 11/20", "Lifted by J. Smith on 11/20", "Released Nov 20",
             "Released: Nov 20, 2026"]  # fmt: skip
    out = ["Released by HR not approved", "Released - pending payroll", "Released but recheck"]
    path = _notes_sheet(tmp_path / "holds.csv", [*sends, *out], header=header)
    assert [s.row for s in load_sheet(path).skipped] == [7, 8, 9]


@pytest.mark.parametrize(
    ("header", "said"),
    [("DNM", "Y"), ("Hold Mail", "Y"), ("Suppression Reason", "Deceased"), ("Vacant", "Y")],
)
def test_a_mail_house_s_do_not_mail_columns_leave_the_row_out(tmp_path: Path, header: str, said: str) -> None:
    """Found by hunter-sheets19: a direct-mail list's 'DNM' = Y (do not mail), 'Hold Mail' = Y, a filled
    'Suppression Reason', USPS's 'Vacant' = Y were read as nothing and the card mailed, exit 0, where 'Do
    Not Mail' = Y is left out. Each is left out quoting the cell; N and an empty cell send, and 'DNC' (do
    not call) is the telephone's."""
    path = _notes_sheet(tmp_path / "mailing.csv", [said, "N", ""], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': '{said}')")
    ]
    assert load_sheet(_notes_sheet(tmp_path / "calls.csv", ["Y", "N"], header="DNC")).skipped == ()


@pytest.mark.parametrize(
    ("header", "said"),
    [("Ineligible", "Yes"), ("Not Eligible", "x"), ("Duplicate", "Y"), ("Dup?", "Yes"), ("Refused", "Y"),
     ("Waived", "Yes"), ("Do Not Gift", "x"), ("Cash Instead", "Yes"), ("Fraud", "Yes"), ("Blocked", "Y"),
     ("RTS", "Y"), ("Opt-Out Date", "11/20/2026"), ("Date Declined", "11/20/2026")],
)  # fmt: skip
def test_a_column_marking_the_rows_out_in_its_own_word_leaves_the_row_out(
    tmp_path: Path, header: str, said: str
) -> None:
    """Found by hunter-sheets20 probing yes/no columns: 'Ineligible' = Yes, 'Not Eligible' = x, 'Duplicate' =
    Y (a row the list marks as another's repeat), 'Refused', 'Waived', 'Do Not Gift', 'Cash Instead' (paid
    in cash), 'Fraud', 'Blocked', 'RTS' (returned to sender), or the day the person opted out or declined, were read as nothing and the
    card ordered, exit 0, where 'Eligible' = No, 'Declined' = Yes or 'Opt Out' = Yes are left out. Each is
    left out quoting the cell; N and an empty cell send."""
    path = _notes_sheet(tmp_path / "marked.csv", [said, "N", ""], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': '{said}')")
    ]


@pytest.mark.parametrize(
    ("header", "said", "sends"),
    [("Resigned", "Yes", "No"), ("Is Laid Off", "TRUE", "FALSE"), ("Former Employee", "Y", "N"),
     ("Dismissed Flag", "1", "0"), ("Active Flag", "N", "Y"), ("Active Indicator", "N", "Y"),
     ("Current Employee", "No", "Yes"), ("Wrong Address", "Yes", "No"), ("Invalid Address", "TRUE", "FALSE"),
     ("Address Incorrect", "Y", "")],
)  # fmt: skip
def test_a_flag_saying_the_person_left_or_the_address_is_wrong_leaves_the_row_out(
    tmp_path: Path, header: str, said: str, sends: str
) -> None:
    """Found by hunter-sheets21 probing 70 yes/no headers: an HR export's 'Resigned' = Yes, 'Is Laid Off' =
    TRUE, 'Former Employee' = Y, 'Dismissed Flag' = 1, 'Active Flag' = N, 'Current Employee' = No, or a CRM's
    'Wrong Address' / 'Invalid Address' = Yes, was read as nothing and the card ordered (to someone gone, or
    to an address the list says is wrong), exit 0, where 'Terminated' = Yes, 'Active' = N and 'Bad Address'
    = Yes are left out. Each is left out quoting the cell; the other answer sends, and an 'Incorrect
    Address' holding the old street itself (beside the right one) says nothing."""
    path = _notes_sheet(tmp_path / "flags.csv", [said, sends, sends], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': '{said}')")
    ]
    old = _notes_sheet(tmp_path / "old.csv", ["12 Elm St", ""], header="Incorrect Address")
    assert not load_sheet(old).skipped


@pytest.mark.parametrize(
    ("header", "digital", "physical"),
    [("Delivery Preference", "Email", "Mail"), ("Card Preference", "eGift", "Physical"),
     ("How would you like to receive your gift card?", "Email", "Mail"),
     ("How would you like to receive your gift card?", "Email me an eGift card", "Physical card mailed to my home"),
     ("Delivery Preference", "Digital (email)", "Mail to my home address"), ("Digital", "Yes", "No"),
     ("eGift?", "Y", "N"), ("Prefers eGift", "Yes", ""), ("Digital Card (Y/N)", "Y", "N")],
)  # fmt: skip
def test_a_person_who_chose_a_digital_card_in_other_words_is_not_mailed_one(
    tmp_path: Path, header: str, digital: str, physical: str
) -> None:
    """Found by hunter-sheets20: a form's 'How would you like to receive your gift card?' = Email, a list's
    'Delivery Preference' or 'Card Preference' = Email or eGift, a 'Digital' or 'eGift?' = Yes column were
    read as nothing and a plastic card mailed, exit 0, where 'Delivery Type' = Email is left out (the person
    chose an e-card). Each is left out saying so; the physical answer and an empty cell send."""
    path = _notes_sheet(tmp_path / "choices.csv", [digital, physical, ""], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (
            2,
            "the list says not to send it: a digital card, and bulkship ships physical cards "
            f"(column '{header}': '{digital}')",
        )
    ]


@pytest.mark.parametrize("header", ["Vacancy", "Vacant", "Vacancy Flag"])
def test_a_new_hire_list_s_vacancy_naming_the_job_sends_the_row(tmp_path: Path, header: str) -> None:
    """Found by review34 reviewing 5a0f3a5: a new-hire list's 'Vacancy' (the job the person fills, 'Marketing
    Assistant', a requisition 'REQ-1042') left every row out as 'the list says not to send it', read as
    USPS's vacancy flag. Only that flag's yes leaves a row out ('Y', 'Yes - per USPS', 'X'); a job's name,
    N and an empty cell send."""
    said = ["Marketing Assistant", "REQ-1042", "Replacement for J. Doe", "Y", "Yes - per USPS", "X", "N", ""]
    path = _notes_sheet(tmp_path / "new_hires.csv", said, header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (row, f"the list says not to send it (column '{header}': '{said[row - 2]}')") for row in (5, 6, 7)
    ]


@pytest.mark.parametrize(
    ("header", "said"),
    [("Budget Approved", "No"), ("Finance Approval", "Pending"), ("VP Approved", "N"),
     ("Milestone Eligible", "N")],
)  # fmt: skip
def test_an_approval_by_whoever_signs_off_the_spending_leaves_an_unapproved_row_out(
    tmp_path: Path, header: str, said: str
) -> None:
    """Found by hunter-sheets17 ('Budget Approved' = No), left, and by hunter-sheets19: a recognition list's
    'Budget Approved' = No, 'Finance Approval' = Pending, 'VP Approved' = N, 'Milestone Eligible' = N were
    read as nothing and the card ordered, where 'Manager Approval' = No is left out. Each is left out quoting
    the cell; Yes sends."""
    path = _notes_sheet(tmp_path / "awards.csv", [said, "Yes"], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': '{said}')")
    ]


@pytest.mark.parametrize("header", ["Award Status", "Reward Status"])
def test_an_award_s_status_saying_it_went_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """Found by hunter-sheets19: an anniversary list's 'Award Status' = Sent, Presented, Declined (a wellness
    list's 'Reward Status' = Shipped) was read as nothing and a second card ordered, where 'Gift Status' =
    Sent is left out. Read as a card's status: 'Awarded', 'Earned', 'Pending', 'Not sent' send."""
    said = ["Sent", "Presented", "Declined", "Awarded", "Earned", "Pending", "Not sent"]
    path = _notes_sheet(tmp_path / "awards.csv", said, header=header)
    assert [(s.row, s.reason.split(" (")[0]) for s in load_sheet(path).skipped] == [
        (2, "the list says it was sent already"),
        (3, "the list says a card was made for it already"),
        (4, "the list says not to send it"),
    ]


@pytest.mark.parametrize("header", ["Status", "Employee Status"])
def test_a_candidate_never_hired_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """Found by hunter-sheets18, left for hunter-sheets19: a person's 'Status' = 'Rejected candidate' was
    ordered where 'Rejected' alone is left out; so were 'Offer declined', 'Candidate withdrew', 'Not hired',
    'Did not start' (an applicant tracker's words, pasted into a new hires' list). A candidate never hired is
    no employee: left out, quoting the cell; 'Applicant', 'New hire' and 'Offer accepted' send."""
    said = ["Rejected candidate", "Offer declined", "Candidate withdrew", "Not hired", "Did not start"]
    path = _notes_sheet(
        tmp_path / "hires.csv", [*said, "Applicant", "New hire", "Offer accepted"], header=header
    )
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (row, f"the list says not to send it (column '{header}': '{status}')")
        for row, status in enumerate(said, start=2)
    ]


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Current Status"])
def test_a_resignation_withdrawn_sends_the_row(tmp_path: Path, header: str) -> None:
    """Found by review34 reviewing 20747f0: an HR list's 'Status' = 'Withdrew resignation', 'Withdrawn
    resignation' or 'Withdrew notice' (the person stays) was read as 'Withdrew', a candidate's, and left out as
    gone, where 'Resignation withdrawn' sends. Each sends; 'Withdrew', 'Withdrawn' and 'Candidate withdrew'
    still leave the row out."""
    said = ["Withdrew resignation", "Withdrawn resignation", "Withdrew her notice", "Withdrew", "Withdrawn",
            "Candidate withdrew"]  # fmt: skip
    path = _notes_sheet(tmp_path / "staff.csv", said, header=header)
    assert [s.row for s in load_sheet(path).skipped] == [5, 6, 7]


@pytest.mark.parametrize("header", ["Status", "Employee Status"])
def test_a_person_laid_off_severed_or_not_to_be_rehired_leaves_the_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by hunter-sheets20 probing 57 HR statuses: 'RIF' (a reduction in force), 'Position eliminated',
    'Severed', 'End of contract', 'Do not rehire', 'Gone' were ordered where 'Left', 'Laid off', 'Contract
    ended' and 'Fired' are left out: a card to someone gone. Each is left out, quoting the cell; 'Quit'
    (hunter-sheets8's wellness list) under a bare 'Status', 'Quit smoking', 'Active', 'Leave of Absence',
    'Rehire' and 'Retired' send. (Under 'Employee Status', 'Quit' is left out since hunter-sheets21.)"""
    said = ["RIF", "RIF 11/15", "Reduction in force", "Position eliminated", "Severed", "Severance",
            "End of contract", "Do not rehire", "Not eligible for rehire", "Gone", "Gone - moved away"]  # fmt: skip
    said += ["Quit"] if header == "Employee Status" else []
    sends = [*(["Quit"] if header == "Status" else []), "Quit smoking", "Active", "Leave of Absence", "Rehire",
             "Retired"]  # fmt: skip
    path = _notes_sheet(tmp_path / "staff.csv", [*said, *sends], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (row, f"the list says not to send it (column '{header}': '{status}')")
        for row, status in enumerate(said, start=2)
    ]


@pytest.mark.parametrize("header", ["Status", "Employee Status"])
def test_a_status_naming_a_leaving_on_a_day_to_come_sends_the_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """Found by review34 reviewing 24c2e95: on Dec 4 an HR list's 'Status' = 'End of contract 12/31/2026',
    'RIF 1/15/2027', 'Terminated 1/15/2027' or 'Leaving 2027-01-15' (a leaving to come: the person still
    works there, as under a 'Termination Date' to come) was left out as gone. Each sends; the same words on a
    day passed or with no day, and 'Deceased 1/15/2027', still leave the row out."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    said = ["End of contract 12/31/2026", "RIF 1/15/2027", "Terminated 1/15/2027", "Leaving 2027-01-15",
            "End of contract", "Terminated 11/15/2026", "Deceased 1/15/2027"]  # fmt: skip
    path = _notes_sheet(tmp_path / "staff.csv", said, header=header)
    assert [s.row for s in load_sheet(path).skipped] == [6, 7, 8]


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Notes"])
def test_a_status_or_note_naming_a_last_day_passed_leaves_the_row_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """Found by hunter-sheets20, left for hunter-sheets21: on Dec 5 an HR list's 'Employee Status' (or
    'Status', or a note) = 'Last day 11/15', 'Active - leaving 11/30', 'LWD 11/13', 'Resigning eff. 11/30'
    was read as nothing and each card mailed to someone gone, exit 0, where a 'Termination Date' passed is left
    out. A leaving named with a day come leaves the row out, quoting the cell (a day without its year is to
    come only within the next months: 'Last day 6/10' is last June's); a day to come ('Last day 12/15', 'LWD
    12/31', 'Leaving 1/15/2027'), a leave ('Last day of leave 11/15', 'Leave ends 11/20'), a trip ('Arriving
    11/18, leaving 11/20'), a retirement and a bare 'Leaving' send. A list of only leavers (a farewell gift's)
    sends them all."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    said = ["Last day 11/15", "Last day was 11/20", "Active - leaving 11/30", "Leaving on 11/30/2026",
            "Active (last day 11/25)", "LWD 11/13", "Last working day: Nov 20 2026", "Resigning eff. 11/30",
            "Offboarding - last day 11/20", "Exiting 2026-11-30", "Leaving 12/5", "Last day 6/10"]  # fmt: skip
    sends = ["Last day 12/15", "Leaving 1/15/2027", "Active - leaving 12/30", "LWD 12/31", "Last day of leave 11/15",
             "Leave ends 11/20", "Arriving 11/18; leaving 11/20", "Retiring 11/30", "Leaving", "Active",
             "Leaving for vacation 11/20", "Last day to RSVP 11/15"]  # fmt: skip
    path = _notes_sheet(tmp_path / "staff.csv", [*said, *sends], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (row, f"the list says not to send it (column '{header}': '{cell}')")
        for row, cell in enumerate(said, start=2)
    ]
    if header == "Notes":  # ... unless the note goes on to say send it, as any note saying no may
        for send in ("Last day 11/15 - please send anyway", "Last day 11/15 - rehired 11/20"):
            path = _notes_sheet(tmp_path / "send.csv", [send, "Last day 11/15", ""], header=header)
            assert [s.row for s in load_sheet(path).skipped] == [3]
    farewell = _notes_sheet(tmp_path / "farewell.csv", ["Last day 11/15", "Leaving 11/30"], header=header)
    assert not load_sheet(farewell).skipped


@pytest.mark.parametrize("header", ["Employee Status", "Employment Status", "HR Status", "Emp Status Code"])
def test_a_person_who_quit_under_an_employment_status_is_left_out(tmp_path: Path, header: str) -> None:
    """Found by hunter-sheets20, left for hunter-sheets21: an HR list's 'Employee Status' = 'Quit', 'Quit
    11/15', 'Quit - no notice', 'Job abandonment', 'Walked off the job' or 'No call no show' was read as
    nothing and each card ordered to someone gone, exit 0, where 'Resigned' and 'Left' are left out. Under a
    header naming the employment each is left out, quoting the cell; 'Quit smoking' and 'Active' send, and a
    wellness list's bare 'Status' = Quit still sends (hunter-sheets8)."""
    said = ["Quit", "Quit 11/15", "Quit - no notice", "Job abandonment", "Walked off the job", "No call no show"]  # fmt: skip
    sends = ["Quit smoking", "Active", "Quite new"]
    path = _notes_sheet(tmp_path / "staff.csv", [*said, *sends], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (row, f"the list says not to send it (column '{header}': '{cell}')")
        for row, cell in enumerate(said, start=2)
    ]
    wellness = _notes_sheet(tmp_path / "wellness.csv", ["Quit", "Quit", "Still smoking"], header="Status")
    assert not load_sheet(wellness).skipped


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Notes"])
def test_a_leaving_day_passed_that_the_cell_undoes_or_calls_a_leave_sends_the_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """Found by review35 after 5c3fe206: on Dec 5 'Leaving 11/30 - rescinded', 'Contract ends 11/30 -
    extended to 3/31', 'Leaving 11/20 for maternity leave', 'LOA - last day 11/15', 'Leaving 11/20 - back
    1/5', 'Last day 11/15 - transferring to the Denver office' were left out as gone, each a person who still
    works there. A cell saying the leaving was undone, that it is a leave, or a move within the company
    sends; one merely going on ('badge back', 'extended from 10/31', 'relocating to Denver') is still gone."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    gone = ["Last day 11/15", "Last day 11/15 - badge back", "Last day 11/15 (extended from 10/31)",
            "Leaving 11/20 - relocating to Denver", "Resigning 11/30 - leave laptop at desk"]  # fmt: skip
    stays = ["Leaving 11/30 - rescinded", "Resigning 11/30 - withdrawn", "Exit 11/20 cancelled",
             "Contract ends 11/30 - extended to 3/31", "Assignment ends 11/30 - renewed",
             "Leaving 11/20 for maternity leave", "Last day 11/20 before parental leave", "LOA - last day 11/15",
             "Leaving 11/20 - back 1/5", "Last day 11/15 - transferring to the Denver office"]  # fmt: skip
    path = _notes_sheet(tmp_path / "staff.csv", [*gone, *stays, "Active", ""], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (row, f"the list says not to send it (column '{header}': '{cell}')")
        for row, cell in enumerate(gone, start=2)
    ]


def test_an_alum_in_a_role_of_the_school_s_list_is_sent(tmp_path: Path) -> None:
    """Found by hunter-falsealarm5 on a school's volunteer list: 'Status' = 'Alumni volunteer', 'Alumni
    parent', 'Alumni mentor' (a graduate who helps: the people thanked) was read as 'Alumni', an HR system's
    former staff, and each row left out as gone. An alum in a role sends; 'Alumni', 'Alumni - left 2024' and
    'Alumnus' still leave the row out."""
    said = ["Alumni volunteer", "Alumni parent", "Alumni mentor", "Alumni", "Alumni - left 2024", "Alumnus"]
    path = _notes_sheet(tmp_path / "volunteers.csv", said, header="Status")
    assert [s.row for s in load_sheet(path).skipped] == [5, 6, 7]


def test_an_alum_in_a_role_written_otherwise_or_beside_a_school_s_other_people_is_sent(
    tmp_path: Path,
) -> None:
    """Found by review34 reviewing f606bb5: an alum in a school's role written 'Alumni - volunteer',
    'Alumni/parent', 'Alumni (mentor)', 'Alumni – coach' or in a role of its own ('Alumni guest speaker',
    'Alumni panelist', 'Alumni interviewer') was still left out as an HR system's former staff; and a school's
    donor list, 'Status' = Alumni beside Parent, Friend, Faculty (its constituents), left every alum out as
    gone. Each sends; in an HR list (beside Active, Terminated) 'Alumni' and 'Alumni - left 2024' are still
    left out."""
    roles = ["Alumni - volunteer", "Alumni/parent", "Alumni (mentor)", "Alumni – coach", "Alumni guest speaker",
             "Alumni panelist", "Alumni interviewer", "Alumni - left 2024"]  # fmt: skip
    path = _notes_sheet(tmp_path / "volunteers.csv", roles, header="Status")
    assert [s.row for s in load_sheet(path).skipped] == [9]
    donors = _notes_sheet(
        tmp_path / "donors.csv", ["Alumni", "Parent", "Friend", "Faculty", "Alumnus"], "Status"
    )
    assert load_sheet(donors).skipped == ()
    staff = _notes_sheet(
        tmp_path / "staff.csv", ["Active", "Terminated", "Alumni", "Alumni - left 2024"], "Status"
    )
    assert [s.row for s in load_sheet(staff).skipped] == [3, 4, 5]


def test_a_sent_column_doubting_whether_the_card_went_leaves_the_row_out(tmp_path: Path) -> None:
    """Found by hunter-sheets17: a tracker's 'Sent?' = '?' or 'Not sure' was read as a no ('?' among the
    dashes of an empty cell, 'Not sure' as 'Not') and a card ordered where one may have gone, exit 0, while
    'Unknown' was left out. Each is left out as 'Unknown' is; 'Not yet', 'Not sent', '-' and 'N/A' send."""
    said = ["?", "Not sure", "not certain", "Not yet", "Not sent", "-", "N/A", "Unknown"]
    path = _notes_sheet(tmp_path / "sent.csv", said, header="Sent?")
    assert [s.row for s in load_sheet(path).skipped] == [2, 3, 4, 9]


def test_a_sent_column_naming_the_day_the_card_is_to_go_holds_the_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-sheets16, left for hunter-sheets17: 'Sent?' = 'Later - 11/20' on Dec 4 was ordered at
    once, where the card may have gone on Nov 20 and the cell not been updated (a second card); 'Later -
    12/20' went out before its day; 'Will send 12/20' was left out as sent already. A day to come holds the
    row as a 'Send Date' does, a day passed leaves it out as one it may have gone on (as a 'Scheduled Send
    Date' passed); today's day and a 'Later' without one send."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    said = ["Later - 11/20", "Will send 12/20", "Later - 12/4", "Later", "Scheduled for Dec 20"]
    path = _notes_sheet(tmp_path / "sent.csv", said, header="Sent?")
    assert [(s.row, s.reason.split(" (")[0]) for s in load_sheet(path).skipped] == [
        (2, "the list dates it on a day passed, which may be the day it went out"),
        (3, "the list says not to send it yet"),
        (6, "the list says not to send it yet"),
    ]


def test_a_sent_column_naming_a_day_to_go_by_or_after_or_nothing_yet_is_no_sending(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-sheets17, left for hunter-sheets18: 'Sent?' = 'By 12/20', 'After 12/20' or 'Nothing
    yet' on Dec 4 was left out as sent already: a person left out, the notice saying their card went. A day
    to go by still to come sends the row (a deadline is a plan); a day to go after holds it until then; a day
    passed under either may be the day it went, as 'Later - 11/20'; 'Nothing yet' sends; 'By hand' is sent."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    said = ["By 12/20", "Due Dec 20", "Nothing yet", "After 12/20", "By 11/20", "After 11/20", "By hand"]
    said += ["Week of 12/14", "Week of 11/9"]  # (found by hunter-sheets18: left out as sent already)
    said += ["In progress"]  # a sending under way may have made the card (hunter-sheets18's L1: ordered)
    path = _notes_sheet(tmp_path / "sent.csv", said, header="Sent?")
    assert [(s.row, s.reason.split(" (")[0]) for s in load_sheet(path).skipped] == [
        (5, "the list says not to send it yet"),
        (6, "the list dates it on a day passed, which may be the day it went out"),
        (7, "the list dates it on a day passed, which may be the day it went out"),
        (8, "the list says it was sent already"),
        (9, "the list says not to send it yet"),
        (10, "the list dates it on a day passed, which may be the day it went out"),
        (11, "the list says it was sent already"),
    ]


def test_a_sent_column_naming_a_month_or_holiday_to_come_is_a_plan_not_a_sending(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-sheets18, left for hunter-sheets19: 'Sent?' = 'January', 'Mid-December', 'End of
    month', 'By Christmas' on Dec 4 were left out as sent already: people left out, the notice saying their
    card went. As the lead decided, a month or holiday to come is a target, as 'Week of 12/14' and 'By
    12/20' are: a month (or its part) to come holds the row until then, a holiday or 'By' one to come sends
    it; one passed ('November', 'Thanksgiving') or far off ('May': the May it went) may be when it went."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    said = ["January", "Mid-December", "End of month", "By Christmas", "Christmas", "November", "May"]
    said += ["Thanksgiving", "Mayday", "Yes"]
    path = _notes_sheet(tmp_path / "sent.csv", said, header="Sent?")
    not_yet, passed = "the list says not to send it yet", "the list dates it on a day passed"
    assert [(s.row, s.reason.split(",")[0].split(" (")[0]) for s in load_sheet(path).skipped] == [
        (2, not_yet), (3, not_yet), (4, not_yet), (7, passed), (8, passed), (9, passed),
        (10, "the list says it was sent already"), (11, "the list says it was sent already"),
    ]  # fmt: skip
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2027, 1, 1))
    assert 2 not in [s.row for s in load_sheet(path).skipped]  # January's day: sent


def test_a_sent_column_naming_a_month_with_its_year_or_a_day_to_come_is_no_sending(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-sheets20 checking hunter-sheets18's leftover after 80b475c: 'Sent?' = 'January' held its
    row until January, but 'January 2027', 'Jan 2027', 'Mid-Jan 2027', '1/2027', '2027-01' on Dec 5 were left
    out as sent already, the notice saying their card went; so was a date to come ('12/20/2026', an XLSX date
    cell), where 'Date Sent' says it is no day a card went. A month with its year is that month (to come: held
    until then; 'Nov 2026' passed: a day it may have gone); a date to come is said as under 'Date Sent'."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    said = ["January 2027", "Jan 2027", "Mid-Jan 2027", "1/2027", "2027-01", "March 2027", "Nov 2026"]
    said += ["12/20/2026", "2026-12-20", "11/20/2026", "Yes", "Q1 2027", "2027 Q1", "Q3 2026"]
    path = _notes_sheet(tmp_path / "sent.csv", said, header="Sent?")
    not_yet, passed = "the list says not to send it yet", "the list dates it on a day passed"
    ahead, sent = "the list dates it as sent on a day still to come", "the list says it was sent already"
    assert [(s.row, s.reason.split(",")[0].split(" (")[0]) for s in load_sheet(path).skipped] == [
        (2, not_yet), (3, not_yet), (4, not_yet), (5, not_yet), (6, not_yet), (7, not_yet), (8, passed),
        (9, ahead), (10, ahead), (11, sent), (12, sent), (13, not_yet), (14, not_yet), (15, passed),
    ]  # fmt: skip
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2027, 1, 1))
    assert not {2, 3, 5, 6, 13, 14} & {s.row for s in load_sheet(path).skipped}  # January's day: sent


def test_a_sent_column_s_day_to_go_on_sends_the_row_on_that_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-sheets19: 'Sent?' = 'Week of 12/14' (or 'Will send 12/14', 'After 12/14') held its
    row on Dec 4, the reason saying the same file run on that day sends it; run on Dec 14, the row was left
    out as sent already. On its day the row is sent."""
    said = ["Week of 12/14", "Will send 12/14", "After 12/14", "Scheduled 12/14"]
    path = _notes_sheet(tmp_path / "sent.csv", said, header="Sent?")
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    assert {s.reason.split(" (")[0] for s in load_sheet(path).skipped} == {"the list says not to send it yet"}
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 14))
    assert load_sheet(path).skipped == ()


def test_a_card_released_on_a_day_to_come_waits_for_that_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """hunter-sends2's leftover, fixed by hunter-sends3: a tracker's 'Card Status' = 'Released 12/20' on Dec 5
    (or 'To be released 12/20', 'Release on 12/20', 'Releasing Dec 20') was ordered at once, exit 0, where
    'Scheduled 12/20' waits for its day: a card released then is not to go before it. Each waits now, saying
    the same file run on that day sends it, and on Dec 20 it is sent. 'Released 11/20' (the hold's end,
    passed) and 'Released' alone still send. (Under 'Sent?' the same wait, but 'Released 12/20', which
    reads on its day as sent already, is left out now, never to be sent by this list: the lead's decision
    of session 51 on a held row left out on its day, done by hunter-money32.)"""
    said = ["Released 12/20", "To be released 12/20", "Release on 12/20", "Releasing Dec 20"]
    path = _notes_sheet(tmp_path / "tracker.csv", [*said, "Released 11/20", "Released"], header="Card Status")
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    skipped = {s.row: s.reason.split(" (")[0] for s in load_sheet(path).skipped}
    not_yet = "the list says not to send it yet"
    assert skipped == dict.fromkeys([2, 3, 4, 5], not_yet)
    sent = _notes_sheet(tmp_path / "sent.csv", said, header="Sent?")
    reasons = {s.row: s.reason.split(" (")[0] for s in load_sheet(sent).skipped}
    assert reasons == {2: "the list says it was sent already", **dict.fromkeys([3, 4, 5], not_yet)}, reasons
    assert "until 2026-12-20, when these words leave it out: never sent" in load_sheet(sent).skipped[0].reason
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 20))
    assert load_sheet(path).skipped == ()


@pytest.mark.parametrize("header", ["Tracking #", "Tracking Number", "UPS Tracking"])
def test_a_tracking_number_that_is_a_number_is_no_day_to_come(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    """Found by hunter-sheets12: a tracking sheet's 'Tracking #' of 46400, an XLSX number, was read as a date
    (Jan 13 2027) and its row left out as 'dated as sent on a day still to come', the notice saying to clear
    the cell to send it now: a second card to someone whose card has a tracking number. It is sent already."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", header])
    sheet.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50, 46400])
    sheet.append(["Bob Ray", "2 Main St", "Boston", "MA", "02134", "CVS", 50, None])
    book.save(tmp_path / "tracked.xlsx")

    assert main(["validate", str(tmp_path / "tracked.xlsx"), "--json", "--out", str(tmp_path / "out")]) == 0

    (notice,) = [n for n in json.loads(capsys.readouterr().out)["notices"] if "row 2" in n]
    assert "are not ordered: row 2 (column" in notice and "clear the cell to send it now" not in notice
    skipped = load_sheet(tmp_path / "tracked.xlsx").skipped
    assert [(s.row, s.reason) for s in skipped] == [
        (2, f"the list says it was sent already (column '{header}': '46400')")
    ]


@pytest.mark.parametrize(
    "header",
    [
        "Has gift card",
        "Already has a gift card",
        "Already have a gift card?",
        "Has Card Already",
        "Got gift card",
    ],
)
def test_a_column_saying_the_person_has_a_card_already_leaves_its_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by hunter-sheets13: 'Has gift card' = Yes or a form's 'Already have a gift card?' = Yes was read
    as nothing and a second card ordered, exit 0 ('Has card' = Yes left its row out). Each is sent already
    now; No sends."""
    path = _notes_sheet(tmp_path / "had.csv", ["Yes", "No", ""], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says it was sent already (column '{header}': 'Yes')")
    ]


@pytest.mark.parametrize(
    ("header", "said"),
    [("Gifted", "Yes"), ("Already Gifted", "Y"), ("Award Sent", "Yes"), ("Prize Sent", "X"),
     ("Prize Issued", "Yes"), ("Dispatched", "Yes"), ("Dispatch Date", "11/15/2026"),
     ("Gift Card Redeemed", "Yes"), ("Card Activated", "Yes"), ("Gift Given Date", "11/15/2026")],
)  # fmt: skip
def test_a_gift_award_or_prize_said_given_in_other_words_leaves_its_row_out(
    tmp_path: Path, header: str, said: str
) -> None:
    """Found by hunter-sheets14: 'Reward Sent' = Yes left its row out, but 'Award Sent', 'Prize Sent',
    'Gifted', 'Dispatched' = Yes, a 'Dispatch Date' or 'Gift Given Date', 'Gift Card Redeemed' or 'Card
    Activated' = Yes were read as nothing and a second card ordered, exit 0. Each is sent already."""
    path = _notes_sheet(tmp_path / "given.csv", [said, "No", ""], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says it was sent already (column '{header}': '{said}')")
    ]


@pytest.mark.parametrize(
    "header",
    ["Received Gift Card?", "Gift Card Received", "Gift card received?", "Gift Card Mailed", "Shipped Gift Card",
     "Gift Card Delivered?", "Sent Gift Card", "Ordered Gift Card", "Gift Card Ordered", "Already Ordered"],
)  # fmt: skip
def test_a_yes_under_a_gift_card_sent_or_received_in_other_words_leaves_its_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by review27: 'Received Gift Card?' = Yes was read as nothing and a second card ordered, exit 0,
    where 'Received Gift' = Yes left its row out (found again by hunter-sheets14: 'Gift Card Received',
    'Gift Card Mailed', 'Shipped Gift Card' alike; 'Gift Card Ordered' = Yes was said 'not to send', without
    the way to send it again). Each is sent already now; No sends."""
    path = _notes_sheet(tmp_path / "received.csv", ["Yes", "No", ""], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says it was sent already (column '{header}': 'Yes')")
    ]


@pytest.mark.parametrize(
    "header",
    ["Gift Cards Sent", "Gift Cards Sent?", "Gift card was sent", "Has the gift card been sent?",
     "Gift Card Already Sent", "Card Sent Already", "GC Sent", "Sent GC", "eGift Sent", "E-Gift Cards Mailed",
     "Reward Sent", "Rewards Received", "Voucher Issued", "Already Received Card", "Prior Gift Card Sent",
     "Gift Card Sent This Year", "2025 Gift Card Sent (Y/N)", "Gift Cards Sent Y/N"],
)  # fmt: skip
def test_a_header_saying_the_gift_went_in_words_of_its_own_leaves_its_row_out(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review28 after 89318cb: its word lists knew 'Gift Card Sent' but not 'Gift Cards Sent', 'GC
    Sent', 'Gift Card Already Sent' or 'Has the gift card been sent?': each Yes ordered a second card, exit
    0. A header of the gift's words and one word saying it went (with 'already', 'was', a year...) is sent
    already; No sends. 'Gift Card Not Sent', 'Gift Card to Be Sent', 'Gift Card Sent To' say no such thing."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    path = _notes_sheet(tmp_path / "sent.csv", ["Yes", "No", ""], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says it was sent already (column '{header}': 'Yes')")
    ]


@pytest.mark.parametrize(
    "header", ["Card 2026", "Gift Card 2026", "2026 Gift", "Holiday Card 2026", "Holiday Gift"]
)
def test_a_column_headed_by_the_gift_alone_saying_it_went_leaves_its_row_out(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-sheets25: a tracker's column headed by this year's gift alone ('Card 2026', 'Holiday
    Gift'), read for its yes or no, holding 'Sent', 'Shipped', 'Delivered', 'Issued', 'Given' or 'Done': each
    was read as no no and the card ordered again, exit 0, where 'Card Status' = Sent is sent already. Each is
    sent already now; No leaves its row out and Yes sends, as before."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    went = ["Sent", "Shipped", "Delivered", "Mailed 11/20", "Issued", "Given", "Done"]
    path = _notes_sheet(tmp_path / "tracker.csv", ["Yes", "", *went, "No"], header=header)
    skipped = [(s.row, s.reason) for s in load_sheet(path).skipped]
    assert skipped == [
        *((row, f"the list says it was sent already (column '{header}': '{cell}')") for row, cell in
          enumerate(went, start=4)),
        (11, f"the list says not to send it (column '{header}': 'No')"),
    ]  # fmt: skip


def test_a_tracker_s_columns_of_earlier_years_cards_leave_no_row_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-falsealarm2: an anniversary tracker with a column a year ('2024 Gift Sent' | '2025 Gift
    Sent' | '2026 Gift Sent') left out, exit 0, everyone who had a card in 2024 or 2025, as sent already:
    those are earlier rounds' cards. Only the latest year's column is read; so is last year's alone (a
    December list run in January), not one of the year before."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,2024 Gift Sent,2025 Gift Sent,2026 Gift Sent\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,Yes,Yes,\nBob Ray,2 Main St,Boston,MA,02134,CVS,50,,Yes,Yes\n"
        "Cy Orr,3 Main St,Boston,MA,02134,CVS,50,,,\n"
    )
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (3, "the list says it was sent already (column '2026 Gift Sent': 'Yes')")
    ]
    for header, skipped in (("2024 Gift Sent", []), ("Gift Sent (2025)", [2])):
        path = _notes_sheet(tmp_path / "one.csv", ["Yes", "No"], header=header)
        assert [s.row for s in load_sheet(path).skipped] == skipped


def test_a_tracker_s_column_for_next_year_leaves_this_year_s_cards_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review30 in 1eadfec: a tracker with next year's column made ahead ('2027 Gift Sent', empty,
    beside '2025 Gift Sent' and '2026 Gift Sent' in December 2026) made 2026 an earlier round: everyone sent
    this year's card was ordered a second one, exit 0. A year still to come is no latest round."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,2025 Gift Sent,2026 Gift Sent,2027 Gift Sent\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,Yes,Yes,\nBob Ray,2 Main St,Boston,MA,02134,CVS,50,Yes,,\n"
        "Cy Orr,3 Main St,Boston,MA,02134,CVS,50,,,\n"
    )
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, "the list says it was sent already (column '2026 Gift Sent': 'Yes')")
    ]


@pytest.mark.parametrize(
    "header",
    ["Gift Card Not Sent", "No Gift Card Sent", "Gift Card to Be Sent", "Gift Card Sent To", "Card Issuer",
     "Gift Card Sent Last Year", "Cards Sent Last Year"],
)  # fmt: skip
def test_a_header_of_gift_words_not_saying_it_went_leaves_no_row_out(tmp_path: Path, header: str) -> None:
    """The other side of the test above: these do not say the gift went, so a Yes there is not 'sent already'.
    Last year's card is not this year's: an annual list's 'Cards Sent Last Year' left every row out (found by
    the lead's CI: test_lookalike_columns' list of 1s ordered nothing)."""
    path = _notes_sheet(tmp_path / "notsent.csv", ["Yes", "No"], header=header)
    assert [s.reason for s in load_sheet(path).skipped if "sent already" in s.reason] == []


@pytest.mark.parametrize(
    ("header", "said"),
    [("No Mail", "Yes"), ("No Mailing", "X"), ("Mail Opt Out", "Yes"), ("Gift Opt Out", "Y"),
     ("Opt-out of gifts", "TRUE"), ("Deceased Flag", "Y"), ("Is Deceased", "Yes"), ("Bad Address", "Y"),
     ("Returned Mail", "Yes"), ("Undeliverable", "Yes"), ("Leaver", "Y"), ("Is Leaver", "Yes"),
     ("Termination Flag", "Y"), ("Do Not Contact", "Yes"), ("Do Not Solicit", "TRUE"), ("No Contact", "X")],
)  # fmt: skip
def test_a_flag_saying_no_mail_or_no_way_to_deliver_leaves_its_row_out(
    tmp_path: Path, header: str, said: str
) -> None:
    """Found by hunter-sheets14: 'No Mail' = Yes was read as a column ticking the rows to send: the person
    marked 'No Mail' was ordered and the unmarked one left out. 'Mail Opt Out', 'Gift Opt Out', 'Deceased
    Flag', 'Bad Address', 'Returned Mail', 'Leaver', 'Termination Flag' = Yes were read as nothing, each
    card ordered. So were a CRM's 'Do Not Contact', 'Do Not Solicit' = Yes (found by hunter-sheets15). Each
    leaves its row out; No and an empty cell send."""
    path = _notes_sheet(tmp_path / "flags.csv", [said, "No", ""], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': '{said}')")
    ]


@pytest.mark.parametrize(
    "export",
    [  # Salesforce NPSP contacts by Data Loader (API names), a Raiser's Edge constituent export
        "Id,FirstName,LastName,MailingStreet,MailingCity,MailingState,MailingPostalCode,npsp__Deceased__c,"
        "npsp__Do_Not_Contact__c,Do_Not_Mail__c,HasOptedOutOfEmail,Product,Value\n"
        "0031,Ann,Lee,1 Main St,Boston,MA,02108,false,false,false,true,CVS,25\n"
        "0032,Bo,Ray,2 Main St,Boston,MA,02108,true,false,false,false,CVS,25\n"
        "0033,Cy,Orr,3 Main St,Boston,MA,02108,false,true,false,false,CVS,25\n"
        "0034,Dee,Fox,4 Main St,Boston,MA,02108,false,false,true,false,CVS,25\n",
        "Constituent ID,First name,Last name,Address,City,State,ZIP,Deceased,Is inactive,Requests no mail,"
        "Requests no e-mail,Gift Card,Amount\n"
        "101,Ann,Lee,1 Main St,Boston,MA,02108,No,No,No,Yes,CVS,25\n"
        "102,Bo,Ray,2 Main St,Boston,MA,02108,No,Yes,No,No,CVS,25\n"
        "103,Cy,Orr,3 Main St,Boston,MA,02108,No,No,Yes,No,CVS,25\n",
    ],
)
def test_a_donor_crm_s_own_names_of_its_flags_leave_their_rows_out(tmp_path: Path, export: str) -> None:
    """Found by hunter-sheets24: a nonprofit's Salesforce contacts exported by Data Loader name their flags by
    API name ('npsp__Deceased__c', 'npsp__Do_Not_Contact__c', 'Do_Not_Mail__c' = true), a Raiser's Edge
    export 'Is inactive', 'Requests no mail' = Yes: each read as nothing and the card ordered to a donor
    dead, asking for no contact or no mail, exit 0, where 'Deceased', 'Do Not Contact', 'Inactive', 'No Mail'
    leave the row out. They are read as those; an email's opt-out ('HasOptedOutOfEmail', 'Requests no
    e-mail') still sends, as 'Email Opt Out' does."""
    path = tmp_path / "donors.csv"
    path.write_text(export)
    skipped = load_sheet(path).skipped
    assert [s.row for s in skipped] == list(range(3, export.count("\n") + 1))
    assert all(s.reason.startswith("the list says not to send it (column '") for s in skipped)


@pytest.mark.parametrize(
    ("header", "said"),
    [("Cancelled", "Yes"), ("Canceled?", "X"), ("Order Cancelled", "TRUE"), ("Is Canceled", "1"),
     ("Cancelled at", "2026-11-23 10:00:00 -0500"), ("Cancellation Date", "11/23/2026"), ("Removed", "Yes"),
     ("Deleted", "TRUE"), ("Withdrawn", "Yes - per Sue"), ("Voided", "Y")],
)  # fmt: skip
def test_a_column_saying_the_row_was_cancelled_or_removed_leaves_it_out(
    tmp_path: Path, header: str, said: str
) -> None:
    """Found by hunter-sheets14: a Shopify orders export's 'Cancelled at' (a date on each cancelled order), or a
    tracker's 'Cancelled' = Yes, 'Removed' = Yes, 'Deleted' = TRUE, was read as nothing and the card ordered,
    exit 0, where 'Status' = Cancelled left its row out. Each leaves its row out; No and an empty cell send."""
    path = _notes_sheet(tmp_path / "cancelled.csv", [said, "No", ""], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': '{said}')")
    ]


@pytest.mark.parametrize(
    ("header", "said"),
    [("Do Not Send (Y/N)", "Y"), ("Opt Out (Y/N)", "Y"), ("Exclude (Yes/No)", "Yes"), ("DNS", "X"),
     ("Card Sent (Y/N)", "Y"), ("Sent (Yes/No)", "Yes")],
)  # fmt: skip
def test_a_hold_or_sent_column_written_with_its_answers_leaves_its_rows_out(
    tmp_path: Path, header: str, said: str
) -> None:
    """Found by review11: 'Send (Y/N)' was read (bad6005) but 'Do Not Send (Y/N)' = Y and 'Card Sent (Y/N)'
    = Y were not: each row was ordered, to someone the list held back or a second time."""
    path = tmp_path / "answers.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        f"Ann Lee,1 Main St,Boston,MA,02134,CVS,50,{said}\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,N\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == [2]


@pytest.mark.parametrize(
    ("header", "said"),
    [("Manager Approval", "Rejected"), ("HR Approval", "No"), ("Approval Status", "Pending"),
     ("Approval", "Denied"), ("Eligibility Status", "Ineligible")],
)  # fmt: skip
def test_an_approval_column_saying_no_leaves_its_row_out(tmp_path: Path, header: str, said: str) -> None:
    """Found by review11: 'Approved' = No left a row out, but 'Manager Approval' = Rejected and 'Approval
    Status' = Pending were ordered."""
    path = tmp_path / "approvals.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        f"Ann Lee,1 Main St,Boston,MA,02134,CVS,50,{said}\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,Approved\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == [2]


def test_a_gift_status_saying_cancelled_leaves_its_row_out(tmp_path: Path) -> None:
    """Found by review11: 'Gift Status' = Shipped left a row out as sent, but Cancelled, Declined or On hold
    was ordered."""
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Gift Status\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,Cancelled\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,Shipped\n"
        "Cy Orr,3 Elm St,Boston,MA,02134,CVS,50,Declined\nDee Fox,4 Elm St,Boston,MA,02134,CVS,50,Pending\n"
    )
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, "the list says not to send it (column 'Gift Status': 'Cancelled')"),
        (3, "the list says it was sent already (column 'Gift Status': 'Shipped')"),
        (4, "the list says not to send it (column 'Gift Status': 'Declined')"),
    ]


def test_a_retirement_list_whose_every_row_reads_active_no_is_sent(tmp_path: Path) -> None:
    """Seen by review10: "Active" = No on every row of a retirement-gift list left everyone out. A column
    saying No on every row chooses no row out of the list; Yes beside No does."""
    path = tmp_path / "retirees.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Active\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,No\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,No\n"
    )
    assert load_sheet(path).skipped == ()
    path.write_text(  # found by review11: one person's cell left blank left all the others out
        "Name,Address,City,State,ZIP,Product,Value,Active\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,No\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,No\n"
        "Cy Orr,3 Elm St,Boston,MA,02134,CVS,50,\n"
    )
    assert load_sheet(path).skipped == ()


@pytest.mark.parametrize("header", ["Gift wrap", "Manager", "Full Time", "Remote"])
def test_a_yes_no_column_about_something_else_leaves_every_row_in(tmp_path: Path, header: str) -> None:
    path = tmp_path / "other.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,No\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,Yes\n"
    )
    assert load_sheet(path).skipped == ()


@pytest.mark.parametrize("header", ["Approved By", "Selected By", "Send To"])
def test_a_column_naming_who_approved_or_where_to_leaves_every_row_in(tmp_path: Path, header: str) -> None:
    """Found by review11: 'Approved By' is read as the words of a yes/no column, and the approver 'N. Patel'
    (or 'No-Hyun Kim') read as N or No: the rows they approved were left out."""
    path = tmp_path / "who.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,N. Patel\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,No-Hyun Kim\n"
        "Cy Orr,3 Elm St,Boston,MA,02134,CVS,50,Joe Bell\n"
    )
    assert load_sheet(path).skipped == ()


def test_notes_saying_not_to_send_in_other_words_leave_their_rows_out(tmp_path: Path) -> None:
    """Found by newcomer8: these notes were read as nothing and each person sent a card."""
    said = [
        "do-not-send", "No gift", "Not sending", "NOT ELIGIBLE", "Opted out", "Declined gift", "Cancelled",
        "Cancel", "Terminated 11/15", "Resigned", "DNS", "HOLD", "Hold - address unverified", "Skip",
    ]  # fmt: skip
    kept = [
        "Hold for pickup at front desk",
        "No gift receipt please",
        "Skip the apartment number on the label",
    ]
    rows = [f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{note}" for i, note in enumerate(said + kept)]
    path = tmp_path / "notes.csv"
    path.write_text("Name,Address,City,State,ZIP,Product,Value,Notes\n" + "\n".join(rows) + "\n")
    skipped = [s.row for s in load_sheet(path).skipped]
    assert skipped == list(range(2, 2 + len(said)))


def test_notes_saying_the_address_is_bad_or_the_person_said_no_leave_their_rows_out(tmp_path: Path) -> None:
    """Found by hunter-sheets8: each of these notes was read as nothing and the card ordered (to an address
    known bad, or for someone who declined one or has one). A note saying the address was put right since,
    or saying something else, still sends. ('Address TBD' beside the street moved out of this list on purpose
    by review52, newcomer20's N15: a row to fix now, test_address_to_come.py.)"""
    said = [
        "Bad address", "Returned mail", "Undeliverable", "RTS", "Address invalid", "Moved, no forwarding address",
        "Wrong address", "Need new address", "Verify address first", "Returned to sender 10/2",
        "Gift card refused", "Doesn't want a gift", "Gift declined", "No gifts please", "Not participating",
        "Remove from list", "Exclude from gifts", "Not this year", "Wants digital", "Prefers e-gift card",
        "Sent via email instead", "Got one last month", "Received in Oct", "Already gave cash",
        "Contractor - not eligible", "Under review",
    ]  # fmt: skip
    kept = [
        "Remove the apartment from the label", "No gift receipt please", "Bad address - corrected 11/2",
        "Wrong address last year - fixed now", "Prefers email", "Received in good condition",
        "Returned from leave in Oct", "Moved - new address above", "Under 18 - send to parent",
    ]  # fmt: skip
    path = tmp_path / "notes.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"])
        writer.writerows(
            [f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", "50", note]
            for i, note in enumerate(said + kept)
        )
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert sorted(skipped) == list(range(2, 2 + len(said))), {
        r: said_or_kept
        for r, said_or_kept in enumerate(said + kept, 2)
        if (r in skipped) != (r < 2 + len(said))
    }
    assert skipped[7] == "the list says not to send it (column 'Notes': 'Moved, no forwarding address')"


def test_an_hr_status_saying_the_person_left_in_other_words_leaves_the_row_out(tmp_path: Path) -> None:
    """Found by hunter-sheets8: 'Employee Status' = Exited, Offboarded, Ex-employee, No longer employed, Not
    active, Laid off, Let go, Departed, Dismissed, Alumni... were read as nothing and each card ordered.
    People still here (leaving soon, on leave) still send. ('Quit' sent here until hunter-sheets21: under
    'Employee Status' it is a person gone; a wellness list's 'Status' = Quit still sends.)"""
    gone = ["Exited", "Offboarded", "Deactivated", "Archived", "Alumni", "Ex-employee", "No longer employed",
            "Not active", "Dismissed", "Laid off", "Departed", "Fired", "Let go", "Quit"]  # fmt: skip
    here = ["Active", "On Leave", "LOA", "Pending Termination", "Notice Given", "Offboarding", "Retired",
            # inactive for a leave: still here (hunter-falsealarm2)
            "Inactive - On Leave", "Inactive (LOA)", "Baja médica", "Baja por maternidad"]  # fmt: skip
    path = tmp_path / "staff.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Employee Status"])
        writer.writerows(
            [f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", "50", status]
            for i, status in enumerate(gone + here)
        )
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert sorted(skipped) == list(range(2, 2 + len(gone))), skipped
    assert skipped[8] == "the list says not to send it (column 'Employee Status': 'No longer employed')"


def test_a_row_held_by_legal_suspended_or_waiting_for_a_decision_is_left_out_and_a_leave_is_not(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets9: a careful HR list's Notes 'Legal hold', 'Litigation hold', 'Payroll hold',
    'Hold per legal', 'Suspended', 'Under investigation', 'Lawsuit - no contact', 'Pending approval', 'Pending
    HR review', 'Pending termination' (the error asking since: test_notes_asking), and an 'Employee Status'
    of Suspended, Rescinded (the offer) or No Show were read as nothing: each card was ordered, exit 0,
    before anyone decided. They now wait, said like any row the list says not to send. People on leave (any leave: parental, medical, administrative), 'Disabled',
    a bare 'Pending' (a tracking list's 'not sent yet'), 'Hold for pickup' and a hold lifted still send."""
    held = [("Legal hold", "Active"), ("Litigation Hold", "Active"), ("Payroll hold", "Active"),
            ("Hold per legal", "Active"), ("Suspended", "Active"), ("Under investigation", "Active"),
            ("Lawsuit - no contact", "Active"), ("Pending approval", "Active"), ("Pending HR review", "Active"),
            ("", "Suspended"), ("", "Rescinded"), ("", "No Show")]  # fmt: skip
    sent = [("On leave", "Active"), ("", "Leave of Absence"), ("", "Administrative Leave"), ("", "Disabled"),
            ("Pending", "Active"), ("Hold for pickup", "Active"), ("Legal hold - cleared 11/2", "Active"),
            ("", "On Leave"), ("", "Pending")]  # fmt: skip
    path = tmp_path / "staff.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes", "Employee Status"]
        )
        writer.writerows(
            [f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", "50", *cells]
            for i, cells in enumerate(held + sent)
        )

    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0

    names = [ln["PhysicalDeliveryAddress"]["Name"] for ln in vendor_lines(isolated_data_dir)]
    assert names == [f"Person {i}" for i in range(len(held), len(held) + len(sent))], capsys.readouterr().err
    assert "row 2 (column 'Notes': 'Legal hold')" in " ".join(capsys.readouterr().err.split())
    reasons = {s.row: s.reason for s in load_sheet(path).skipped}
    assert reasons[11] == "the list says not to send it (column 'Employee Status': 'Suspended')"


def test_a_note_saying_when_the_person_left_leaves_the_row_out(tmp_path: Path) -> None:
    """Found by hunter-sheets8: 'Left the company in October', 'Terminated as of 11/1', 'Resigned last month',
    'Deceased in 2025' were read as nothing (only 'Left co. last week'-like dates after a dash counted) and
    each card was ordered. 'Left voicemail on Monday' and a rehire after the date still send."""
    said = ["Left the company in October", "Terminated in November", "Resigned last month", "Deceased in 2025",
            "Terminated as of 11/1", "Resigned effective Nov 30", "Passed away this year"]  # fmt: skip
    kept = ["Left voicemail on Monday", "Terminated in May - rehired Nov 1", "Left on vacation"]
    path = tmp_path / "notes.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"])
        writer.writerows(
            [f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", "50", note]
            for i, note in enumerate(said + kept)
        )
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert sorted(skipped) == list(range(2, 2 + len(said))), skipped
    assert skipped[2] == "the list says not to send it (column 'Notes': 'Left the company in October')"


@pytest.mark.parametrize("beside", ["MRN", "Patient ID", "Discharge Date", "Admit Date"])
def test_a_patient_discharged_is_sent(tmp_path: Path, beside: str) -> None:
    """Found by hunter-falsealarm6 on a hospital's list paying its patients for a survey: 'Status' =
    Discharged ('Discharged home', 'Discharged to rehab') beside 'MRN' or 'Discharge Date' was read as HR's
    word for a dismissal and every patient left out as 'the list says not to send it', exit 0. In a list
    naming patients it says the person left the hospital: sent. 'Deceased' there, and 'Discharged' in an HR
    list, still leave the row out."""
    path = tmp_path / "patients.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{beside},Status\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,1,Discharged\n"
        "Bob Ray,2 Main St,Boston,MA,02134,CVS,25,2,Discharged home\n"
        "Cy Orr,3 Main St,Boston,MA,02134,CVS,25,3,Discharged to rehab\n"
        "Di Hart,4 Main St,Boston,MA,02134,CVS,25,4,Deceased\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == [5]
    path.write_text(path.read_text().replace(beside, "Employee ID"))
    assert [s.row for s in load_sheet(path).skipped] == [2, 3, 4, 5]


@pytest.mark.parametrize("header", ["Status", "Current Status"])
def test_a_status_declining_the_gift_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """Found by hunter-falsealarm6 checking true 'do not send' statuses: 'Status' = 'Declined gift', 'Declined
    the gift card', 'Opted out of gifts' was read as nothing and the card ordered, exit 0, where 'Declined'
    and 'Opted out' alone are left out. Each is left out; 'Declined benefits' and 'Opted out of SMS' send."""
    said = ["Declined gift", "Declined the gift card", "Opted out of gifts", "Opted out of all mail"]
    path = _notes_sheet(
        tmp_path / "status.csv", [*said, "Declined benefits", "Opted out of SMS"], header=header
    )
    assert [s.row for s in load_sheet(path).skipped] == [2, 3, 4, 5]


def test_a_note_saying_when_bare_or_of_what_leaves_the_row_out(tmp_path: Path) -> None:
    """Found by hunter-falsealarm6 probing true 'do not send' notes: 'Already sent in Nov', 'Sent Nov 20',
    'Gift already mailed in October' (a second card), 'Deceased 2025', 'Terminated Oct 2025', 'Quit in Oct',
    'No gift this year', 'No gifts per HR', 'Opted out of gifts', 'Opted out of all mail' were each read as
    nothing and the card ordered, exit 0, where 'Sent in Nov', 'Deceased in 2025' and 'Opted out' alone leave
    the row out. Each is left out; 'Left 2 voicemails', 'Sent Dec 1 reminder', 'No gift receipt needed',
    'Opted out of SMS' and 'Terminated 2025 contract early - still here' still send."""
    said = ["Already sent in Nov", "Sent Nov 20", "Gift already mailed in October", "Card already sent Nov 3rd",
            "Deceased 2025", "Terminated Oct 2025", "Passed away Oct 12, 2025", "Quit in Oct", "No gift this year",
            "No gifts per HR", "No card for this person", "Opted out of gifts", "Opted out of all mail",
            "Opt-out of the gift program"]  # fmt: skip
    kept = ["Left 2 voicemails", "Sent Dec 1 reminder", "No gift receipt needed", "Opted out of SMS",
            "Terminated 2025 contract early - still here", "Quit smoking in Oct"]  # fmt: skip
    path = _notes_sheet(tmp_path / "notes.csv", said + kept)
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert sorted(skipped) == list(range(2, 2 + len(said))), skipped
    assert skipped[2] == "the list says not to send it (column 'Notes': 'Already sent in Nov')"


@pytest.mark.parametrize("header", ["Notes", "Comments"])
def test_a_note_telling_of_an_earlier_round_s_card_does_not_leave_this_round_s_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """Found by hunter-falsealarm7: an HR anniversary list's notes keeping its history, 'Card sent last year',
    'Gift card sent Dec 2025', 'Received a card in 2024', 'Gift sent for 5-yr anniversary (2021)', left each
    row out as 'the list says not to send it' on Dec 5, 2026, exit 0: those people got no card this year. A
    card told of more than half a year back is another round's: sent. A day of this round ('Card sent
    11/20', 'Sent Dec 1 2026'; 'Sent in 2026', ordered before, is out now), no year at all ('Sent Nov 20'),
    or anything more that says no ('Left 2025; card sent 2024', 'Card sent 2024 - returned') still leaves
    the row out; and on Jan 3, 2027 'Card sent
    last year' may be December's card of this round: left out."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    sent = ["Card sent last year", "Gift card sent via email last year", "Gift card sent Dec 2025",
            "Got a gift card last year", "Received a card in 2024", "Gift sent for 5-yr anniversary (2021)",
            "Sent previously: 2025", "Card sent 11/20/2025", "Address updated. Card sent in 2025"]  # fmt: skip
    out = ["Card sent 11/20", "Sent Dec 1 2026", "Sent Nov 20", "Sent in 2026", "Left 2025; card sent 2024",
           "Card sent 2024 - returned", "Card sent this year", "Already sent in Nov 2026",
           "Card sent 11/20 - to 2019 Elm St"]  # fmt: skip
    path = _notes_sheet(tmp_path / "notes.csv", sent + out, header=header)
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert sorted(skipped) == list(range(2 + len(sent), 2 + len(sent) + len(out))), skipped
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2027, 1, 3))
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert 2 in skipped and 4 not in skipped  # last year's December now; December 2025 is not


@pytest.mark.parametrize("header", ["Notes", "Comments"])
def test_a_note_naming_the_card_by_its_occasion_or_brand_as_sent_leaves_the_row_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """Found by review35: on Dec 5 'Holiday card mailed 12/1', 'Anniversary gift sent 11/20', 'Welcome gift
    sent 11/20', 'Starbucks card sent 11/20' were read as nothing and each card ordered again, where 'Gift
    card sent 11/20' is left out: a second card. A note about the card's address or its details, or of a
    greeting card sent ('Sympathy card sent 11/20'), says nothing."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    out = ["Holiday card mailed 12/1", "Anniversary gift sent 11/20", "Welcome gift sent 11/20",
           "Starbucks card sent 11/20", "Gift card sent 11/20", "$25 gift card sent 11/20",
           "Amazon e-gift sent 11/20"]  # fmt: skip
    sends = ["No card sent yet", "Card info sent to HR", "Address for card sent 11/20 confirmed", "Happy",
             "Sympathy card sent 11/20", "Get well card mailed 11/20", "Thank you card sent 11/20"]  # fmt: skip
    path = _notes_sheet(tmp_path / "staff.csv", [*out, *sends], header=header)
    assert sorted(s.row for s in load_sheet(path).skipped) == list(range(2, 2 + len(out)))


@pytest.mark.parametrize(
    ("name", "once"),
    [("Holiday Gifts 2026.csv", False), ("2026 work anniversaries.csv", False), ("birthday-cards-dec.csv", False),
     ("holiday_gift_list.xlsx", False), ("welcome-tracker.csv", True), ("gifts.xlsx", True)],
)  # fmt: skip
def test_a_list_s_file_name_says_it_comes_round_as_its_sheet_s_name_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, once: bool
) -> None:
    """Found by review36 after 46629d60: 'Holiday Gifts 2026.csv', '2026 work anniversaries.csv' (a CSV has no
    sheet's name; a workbook's is often 'Sheet1') with Notes 'Gift card sent Dec 2025' had that row left out on
    Dec 5, 2026, where the same workbook with its sheet named 'Holiday Gifts' sends it: this year's card of a
    yearly list withheld. The file's name is read as the sheet's is; a welcome tracker's says nothing."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    rows = [["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"],
            ["Ann Lee", "1 Main St", "Boston", "MA", "02108", "CVS", "25", "Gift card sent Dec 2025"],
            ["Bo Ray", "2 Main St", "Boston", "MA", "02108", "CVS", "25", ""]]  # fmt: skip
    path = tmp_path / name
    if name.endswith(".csv"):
        path.write_text("\n".join(",".join(row) for row in rows) + "\n")
    else:
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
    assert [s.row for s in load_sheet(path).skipped] == ([2] if once else [])


@pytest.mark.parametrize("header", ["Notes", "Comments"])
def test_a_note_naming_the_card_by_its_occasion_or_brand_as_sent_in_a_month_or_year_leaves_the_row_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """Found by hunter-sheets22 after 6500c60e: on Dec 5, 2026 'Holiday card mailed Nov 2026', 'Starbucks card
    sent Nov 20', 'Welcome gift sent in November', 'Amazon card mailed in 2026', '$25 gift card sent Nov 2026'
    were read as nothing and each card ordered again (a second card), where 'Gift card sent Nov 2026' and
    'Holiday card mailed 11/20' are left out. The month or year is read after a card named so as after a
    card named plainly; a greeting card, a letter or a packet sent says nothing, as with a day; and on an
    anniversary list (by its 'Years of Service') last year's anniversary gift is another round's."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    out = ["Holiday card mailed Nov 2026", "Welcome gift sent in November", "Anniversary gift mailed Nov 20",
           "Starbucks card sent Nov 20", "Amazon card mailed in 2026", "$25 gift card sent Nov 2026",
           "Welcome gift sent 2026", "Target gift card delivered on Nov 20", "Holiday gift shipped early Nov",
           "Amazon e-gift sent Nov 20", "Starbucks card has been mailed in November",
           "Holiday gift card sent mid-November"]  # fmt: skip
    sends = ["Sympathy card sent Nov 20", "Thank you card sent in November", "Get well card mailed Nov 2026",
             "Greeting card sent Nov 2026", "Welcome letter sent Nov 20", "Card info sent to HR in November",
             "Benefits packet mailed Nov 2026", "Holiday card to be mailed Dec 10", "Happy"]  # fmt: skip
    path = _notes_sheet(tmp_path / "staff.csv", [*out, *sends], header=header)
    assert sorted(s.row for s in load_sheet(path).skipped) == list(range(2, 2 + len(out)))
    years = _notes_sheet(
        tmp_path / "years.csv", ["Starbucks card sent Nov 2026", "Starbucks card sent Nov 2025"]
    )
    assert [s.row for s in load_sheet(years).skipped] == [2, 3]  # (one card a person, for all it says)
    lines = years.read_text().splitlines()
    years.write_text("\n".join([lines[0] + ",Years of Service", *(line + ",5" for line in lines[1:])]) + "\n")
    assert [s.row for s in load_sheet(years).skipped] == [2]


@pytest.mark.parametrize("header", ["Notes", "Comments"])
def test_a_note_saying_the_person_has_the_card_already_leaves_the_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by hunter-sheets22: 'Already received his card', 'She already has one', 'Got her card 11/20',
    'Employee already has a card', 'He already received it', 'Has her card already' were read as nothing and
    each person ordered a second card, where 'Already received gift card' is left out. Said of the person,
    or the card theirs, each is left out; what was had of a card ('Received her card choice', 'Has his card
    number'), or something else had, says nothing."""
    out = ["Already received his card", "Already has his card", "Got her card 11/20", "Has her card already",
           "She already has one", "He already received it", "Employee already has a card",
           "They already have their gift card"]  # fmt: skip
    sends = ["Has her card choice", "Received her card preference via form", "Got his card info 11/20",
             "Has his card number", "Has his card on file", "Employee already has a company card",
             "She already received the survey", "Needs to get his card", "Received his W-2", "Happy"]  # fmt: skip
    path = _notes_sheet(tmp_path / "staff.csv", [*out, *sends], header=header)
    assert sorted(s.row for s in load_sheet(path).skipped) == list(range(2, 2 + len(out)))


def test_a_remark_saying_not_to_send_in_a_column_of_something_else_leaves_the_row_out(tmp_path: Path) -> None:
    """Found by hunter-sheets22: a list kept by hand whose remark overwrote the cell at hand, 'Email' = 'left
    company - do not send', 'Phone' = 'DECEASED', 'Department' = 'TERMINATED', 'Title' = 'DO NOT SEND', a
    CRM's 'Contact Status' = 'Left company', a donor list's 'Donor Status' = 'Deceased' or 'Do not mail', had
    each person sent a card, exit 0. Each row is left out, quoting the cell. Not the same words of someone
    else ('Manager', 'Next of Kin'), nor a column where most rows say it (a list of former staff), nor the
    ordinary values of such columns ('Lapsed', 'Bounced email', 'Expired')."""
    path = tmp_path / "staff.csv"
    head = "Name,Address,City,State,ZIP,Product,Value,Email,Phone,Department,Title,Manager,Next of Kin,Donor Status"
    cells = [
        ["left company - do not send", "", "", "", "", "", ""],
        ["", "DECEASED", "", "", "", "", ""],
        ["", "", "TERMINATED", "", "", "", ""],
        ["", "", "", "DO NOT SEND", "", "", ""],
        ["", "", "", "", "", "", "Deceased"],
        ["", "", "", "", "", "", "Do not mail"],
        ["", "", "", "", "Left company", "", "Lapsed"],
        ["", "", "", "", "", "Deceased", "Expired"],
        ["x@example.com", "617-555-0100", "Sales", "Rep", "Sue", "Jo Doe", "Active"],
        ["", "", "", "", "", "Al Doe", "Bounced email"],
    ]
    rows = [f"Person {i},{i} Main St,Boston,MA,02134,CVS,50," + ",".join(c) for i, c in enumerate(cells)]
    path.write_text(head + "\n" + "\n".join(rows) + "\n")
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert sorted(skipped) == [2, 3, 4, 5, 6, 7], skipped
    assert skipped[3] == "the list says not to send it (column 'Phone': 'DECEASED')"
    former = tmp_path / "former.csv"  # every row says it: a list of former staff (an alumni gift)
    former.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Separation\n"
        + "".join(f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,Terminated\n" for i in range(3))
    )
    assert not load_sheet(former).skipped


def test_a_note_saying_the_card_was_ordered_already_leaves_the_row_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the lead: Notes 'Gift ordered 11/30 (see PO 88)' (the card ordered by hand, or through another
    tool) was read as nothing and the card ordered again: a second card. A note of the card ordered leaves the
    row out; one of something else ordered, or a card to order, says nothing."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    out = ["Gift ordered 11/30 (see PO 88)", "Card ordered 11/20", "Gift card was ordered 11/28",
           "Card ordered via Tango"]  # fmt: skip
    sends = ["Ordered lunch 11/30", "Gift to be ordered 12/10", "Card ordering pending", "Happy"]
    path = _notes_sheet(tmp_path / "staff.csv", [*out, *sends])
    assert sorted(s.row for s in load_sheet(path).skipped) == list(range(2, 2 + len(out)))


def test_a_note_telling_of_a_card_sent_earlier_this_year_still_leaves_the_row_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review35 after f93711c2: a running new-hire welcome tracker (one card a person, ever) whose
    March row says 'Card sent 3/20/2026' was sent again on Dec 5, 2026, read as an earlier round's (more than
    half a year back): a second card. An earlier round is an earlier year's, as an annual list's is."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    out = ["Card sent 3/20/2026", "Gift card sent in March 2026", "Card sent 2026-04-02"]
    path = _notes_sheet(tmp_path / "welcome.csv", [*out, "Card sent 11/20/2025", ""])
    # (a card of 2025 too, on a list saying nothing of coming round every year: review35's LO1, below)
    assert sorted(s.row for s in load_sheet(path).skipped) == [2, 3, 4, 5]


@pytest.mark.parametrize(
    "beside",
    ["", "Start Date=11/1/2025", "Annual Salary=52000", "Hire Date=3/1/2019", "title=New hire welcome cards",
     "Anniversary Date=12/15/2019", "Years of Service=5", "Birthday=12/20", "DOB=12/20/1980",
     "Holiday Gift=Yes", "Comments=Card sent last year", "Comments=Christmas card 2025",
     "title=2026 Holiday Gift List", "sheet=Work Anniversaries"],
)  # fmt: skip
def test_a_card_sent_in_an_earlier_year_is_another_round_s_only_on_a_list_that_comes_round(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, beside: str
) -> None:
    """Found by review35 (LO1, after f93711c2 and c8772952): a running tracker of one card a person, ever (a
    new hire's welcome card), kept over two years, whose rows say 'Card sent 11/20/2025', 'Gift card sent Dec
    2025', 'Received a card in 2025' had each sent again on Dec 5, 2026, exit 0, read as an earlier round's
    card: a second card to each. An earlier year's card is another round's only on a list saying it comes
    round every year, by a header (an anniversary, years of service, a birthday, a holiday gift), its title
    or sheet's name, or a note ('Card sent last year', 'Christmas card 2025'); elsewhere the row is left
    out, saying why. A start date, a hire date or an 'Annual Salary' says no such thing."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    notes = ["Card sent 11/20/2025", "Gift card sent Dec 2025", "Received a card in 2025",
             "Welcome gift sent 10/20/2025", "Gift card mailed 2025-11-20", "Address updated. Card sent in 2025",
             ""]  # fmt: skip
    header, _, value = beside.partition("=")
    column = header not in ("", "title", "sheet")
    head = ["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"]
    rows = [head + ([header] if column else [])]
    for i, note in enumerate(notes):  # (a note beside on the last row only, a column's value on every row)
        cell = value if i == len(notes) - 1 or header != "Comments" else ""
        rows.append([f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", "50", note])
        rows[-1] += [cell] if column else []
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = value if header == "sheet" else "Sheet1"
    for line in [[value]] if header == "title" else []:
        sheet.append(line)
    for line in rows:
        sheet.append(line)
    book.save(path := tmp_path / "tracker.xlsx")
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    first = 3 if header == "title" else 2
    once = header in ("", "Start Date", "Annual Salary", "Hire Date") or value == "New hire welcome cards"
    assert sorted(skipped) == (list(range(first, first + len(notes) - 1)) if once else []), skipped
    if once:
        assert skipped[first] == "the list says not to send it (column 'Notes': 'Card sent 11/20/2025')"


@pytest.mark.parametrize(
    "header",
    ["Exclusion Reason", "Reason for Exclusion", "Removal Reason", "Hold Reason", "Reason Not Sent",
     "Why excluded", "Excluded?", "Termination Reason", "Reason for leaving", "Decline reason"],
)  # fmt: skip
def test_a_filled_reason_for_leaving_a_row_out_leaves_it_out(tmp_path: Path, header: str) -> None:
    """Found by hunter-sheets8: a column saying why a person is out ('Exclusion Reason' = Left the company,
    'Termination Reason', 'Excluded?' = Yes) was read as nothing and the card ordered. Empty, N/A or No
    sends."""
    path = tmp_path / "list.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,\n"
        "Bob Ray,2 Elm St,Boston,MA,02134,CVS,50,Left the company\n"
        "Cy Orr,3 Oak St,Boston,MA,02134,CVS,50,N/A\n"
        "Di Fox,4 Ash St,Boston,MA,02134,CVS,50,No\n"
    )
    assert {s.row: s.reason for s in load_sheet(path).skipped} == {
        3: f"the list says not to send it (column '{header}': 'Left the company')"
    }


def test_notes_and_answers_in_other_languages_leave_their_rows_out(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets8: a list from Puerto Rico or a bilingual HR team, its headers in English, its
    notes and answers as people typed them: 'No enviar', 'Fallecido', 'Ne pas envoyer', 'Verstorben', Status
    'Inactivo', 'Send?' = Non, 'Card Sent?' = Sí were each read as nothing, every card ordered, exit 0. Notes
    saying where to send, or what else, still send."""
    said = [
        ("No enviar", "", "", ""), ("NO ENVIAR - renunció", "", "", ""), ("Favor de no enviar", "", "", ""),
        ("Fallecida", "", "", ""), ("Fallecio", "", "", ""), ("Dado de baja 11/15", "", "", ""),
        ("Ya se envió", "", "", ""), ("Mudó a TX; no enviar", "", "", ""), ("Ne pas envoyer", "", "", ""),
        ("Décédé", "", "", ""), ("Déjà envoyé", "", "", ""), ("Bitte nicht versenden", "", "", ""),
        ("Verstorben", "", "", ""), ("Não enviar", "", "", ""), ("Deceduto", "", "", ""),
        ("", "Inactivo", "", ""), ("", "Terminada", "", ""), ("", "Baja", "", ""), ("", "Ausgeschieden", "", ""),
        ("", "", "Non", ""), ("", "", "Nein", ""), ("", "", "Não", ""), ("", "", "No enviar", ""),
        ("", "", "", "Sí"), ("", "", "", "Oui"),
    ]  # fmt: skip
    kept = [
        ("No enviar a la oficina - solo a casa", "Activo", "Sí", "No"), ("Enviar a casa", "Activa", "Oui", ""),
        ("Ne pas envoyer au bureau", "", "Ja", ""), ("Nicht ins Büro senden", "", "", "Nein"),
    ]  # fmt: skip
    path = tmp_path / "lista.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "Name",
                "Address",
                "City",
                "State",
                "ZIP",
                "Product",
                "Value",
                "Notes",
                "Employment Status",
                "Send?",
                "Card Sent?",
            ]
        )
        for i, cells in enumerate(said + kept):
            writer.writerow(
                [f"Person {i}", f"{i + 1} Calle Sol", "San Juan", "PR", "00901", "CVS", "50", *cells]
            )

    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0

    names = [ln["PhysicalDeliveryAddress"]["Name"] for ln in vendor_lines(isolated_data_dir)]
    assert names == [f"Person {i}" for i in range(len(said), len(said) + len(kept))], capsys.readouterr().err
    assert "row 3 (column 'Notes': 'NO ENVIAR - renunció')" in " ".join(capsys.readouterr().err.split())


# A list whose own headers are in another language, mapped by hand: its address headers, then its notes,
# status, send?, sent? and leaving-date columns, and what each person's cells say there
OTHER_LANGUAGE_LISTS = {
    "es": (
        ["Nombre", "Dirección", "Ciudad", "Estado", "Código postal", "Producto", "Monto"],
        ["Notas", "Estatus", "¿Enviar?", "Enviado", "Fecha de baja"],
        ["No enviar - renunció", "Inactivo", "No", "Sí", "2026-10-31"],
        ["Dirección verificada", "Activo", "Sí", "No", "2099-01-31"],
    ),
    "fr": (
        ["Nom", "Adresse", "Ville", "État", "Code postal", "Produit", "Montant"],
        ["Remarques", "Statut", "Envoyer ?", "Envoyé", "Date de sortie"],
        ["Ne pas envoyer - démission", "Inactif", "Non", "Oui", "2026-10-31"],
        ["Adresse vérifiée", "Actif", "Oui", "Non", ""],
    ),
    "de": (
        ["Name", "Straße", "Ort", "Bundesland", "PLZ", "Produkt", "Betrag"],
        ["Bemerkungen", "Mitarbeiterstatus", "Versenden?", "Versendet", "Austrittsdatum"],
        ["Nicht senden - gekündigt", "Ausgeschieden", "Nein", "Ja", "31.10.2026"],
        ["Adresse geprüft", "Aktiv", "Ja", "Nein", ""],
    ),
    "pt": (
        ["Nome", "Endereço", "Cidade", "Estado", "CEP", "Produto", "Valor"],
        ["Observações", "Situação", "Enviar?", "Enviado", "Data de desligamento"],
        ["Não enviar - pediu demissão", "Inativo", "Não", "Sim", "2026-10-31"],
        ["Endereço conferido", "Ativo", "Sim", "Não", ""],
    ),
}


@pytest.mark.parametrize("language", sorted(OTHER_LANGUAGE_LISTS))
def test_a_list_in_another_language_mapped_by_hand_leaves_out_the_rows_its_columns_say_not_to_send(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    """Found by hunter-sheets9: a list whose headers are Spanish (French, German, Portuguese), its columns
    mapped by hand under [columns] as bulkship asks: its 'Notas' = 'No enviar - renunció', 'Estatus' =
    Inactivo, '¿Enviar?' = No, 'Enviado' = Sí or 'Fecha de baja' passed were read as nothing (only English
    headers were), each card ordered, exit 0. Each now leaves its row out, as their English do; a note saying
    something else, Activo, Sí, Enviado = No or a leaving date to come still send."""
    fields, flags, said, kept = OTHER_LANGUAGE_LISTS[language]
    address = ["1 Main St", "Boston", "MA", "02108", "CVS", "25"]
    path = tmp_path / f"lista-{language}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(fields + flags)
        for i in range(len(said)):  # one cell saying so a row, the others as a row to send says them
            writer.writerow([f"Out {i}", *address, *kept[:i], said[i], *kept[i + 1 :]])
        writer.writerow(["Kept One", *address[:0], "2 Main St", *address[1:], *kept])
    canonical = ["name", "address1", "city", "state", "zip", "product", "value"]
    mapped = "".join(f'{field} = "{header}"\n' for field, header in zip(canonical, fields, strict=True))
    (tmp_path / "program.toml").write_text("[columns]\n" + mapped, encoding="utf-8")

    out = ["--out", str(tmp_path / "out"), "--config", str(tmp_path / "program.toml")]
    assert main(["run", str(path), "--yes", "--wait", "0", *out]) == 0

    names = [ln["PhysicalDeliveryAddress"]["Name"] for ln in vendor_lines(isolated_data_dir)]
    assert names == ["Kept One"], capsys.readouterr().err
    assert f"row 2 (column '{flags[0]}': '{said[0]}')" in " ".join(capsys.readouterr().err.split())


def qualtrics_export(path: Path, *answers: tuple[str, str, str], finished: Sequence[str] = ()) -> Path:
    """A Qualtrics survey's CSV as it exports it: its column names, the questions, the import ids, then one row
    a response (its Response Type, Distribution Channel and name; ``finished``: its Finished, else True)."""
    names = [
        "StartDate",
        "Status",
        "Progress",
        "Finished",
        "ResponseId",
        "DistributionChannel",
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        "Q5",
        "Q6",
    ]
    questions = [
        "Start Date",
        "Response Type",
        "Progress",
        "Finished",
        "Response ID",
        "Distribution Channel",
        "What is your full name?",
        "Street address",
        "City",
        "State",
        "ZIP code",
        "Which gift card would you like?",
    ]
    ids = [
        "startDate",
        "status",
        "progress",
        "finished",
        "_recordId",
        "distributionChannel",
        "QID1_TEXT",
        "QID2_TEXT",
        "QID3_TEXT",
        "QID4",
        "QID5_TEXT",
        "QID6",
    ]
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerows([names, questions, [json.dumps({"ImportId": i}) for i in ids]])
        for i, (kind, channel, name) in enumerate(answers):
            writer.writerow(
                [
                    "2026-11-20 10:00:00",
                    kind,
                    "100" if i >= len(finished) or finished[i] == "True" else "45",
                    finished[i] if i < len(finished) else "True",
                    f"R_{i}",
                    channel,
                    name,
                    f"{i + 1} Main St",
                    "Boston",
                    "MA",
                    "02134",
                    "CVS",
                ]
            )
    return path


# the program a survey's list is read with: its card column, and one amount for everyone
SURVEY_PROGRAM = '[columns]\nproduct = "Which gift card would you like?"\n[defaults]\nvalue = "25"\n'


def run_survey(path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[list[str], str]:
    """Run a :func:`qualtrics_export` with :data:`SURVEY_PROGRAM`: the names ordered, and what the run said
    (its stderr on one line)."""
    (path.parent / "survey.bulkship.toml").write_text(SURVEY_PROGRAM)
    main(["run", str(path), "--yes", "--wait", "0", "--out", str(path.parent / "out")])
    said = " ".join(capsys.readouterr().err.split())
    return [ln["PhysicalDeliveryAddress"]["Name"] for ln in vendor_lines(data_dir)], said


def test_a_survey_s_test_preview_and_spam_answers_are_not_ordered(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets8: a 'fill in our survey, get a $25 card' export from Qualtrics ordered a card for
    its Spam answers, the answers its 'Generate test responses' made (Survey Test) and the author's own
    previews, exit 0: its 'Response Type' and 'Distribution Channel' columns were read as nothing."""
    path = qualtrics_export(
        tmp_path / "survey.csv",
        ("IP Address", "anonymous", "Ann Lee"), ("Spam", "anonymous", "Bot Bot"), ("Survey Test", "test", "Xq Zr"),
        ("Survey Preview", "preview", "Me Testing"), ("IP Address", "preview", "Al Ng"), ("IP Address", "email", "Cy Orr"),
    )  # fmt: skip

    names, err = run_survey(path, isolated_data_dir, capsys)

    assert names == ["Ann Lee", "Cy Orr"], err
    assert (
        "row 5 (column 'Response Type': 'Spam')" in err
        and "row 8 (column 'Distribution Channel': 'preview')" in err
    )


def test_a_survey_export_s_row_of_import_ids_is_no_recipient_to_fix(tmp_path: Path) -> None:
    """Found by hunter-sheets8: Qualtrics' third header row ({"ImportId":"QID4"} in each cell) was a recipient
    with an error on each order field ("'{"IMPORTID": "QID4"}' is not a US state"), sent to Fix these."""
    path = qualtrics_export(tmp_path / "survey.csv", ("IP Address", "anonymous", "Ann Lee"))
    program = tmp_path / "survey.bulkship.toml"
    program.write_text(SURVEY_PROGRAM)
    loaded = load_sheet(path, program=load_program(program))
    assert [(s.row, s.kind, s.reason) for s in loaded.skipped] == [
        (3, "note", "the survey export's row of import ids (a header row, no recipient)")
    ]
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 0


@pytest.mark.parametrize(
    ("header", "gone"),
    [
        ("Worker Status", "Inactive"), ("Employment Status", "Separated"), ("Position Status", "T"),
        ("Position Status", "D"), ("Employee Status", "Term"), ("Status", "TERM"), ("Status", "Leaver"),
        ("Status", "Former Employee"), ("Terminated", "Yes"), ("Active Status", "No"), ("Is Active", "FALSE"),
        ("Termination Date", "2026-11-15"),
    ],
)  # fmt: skip
def test_an_hr_exports_own_signs_that_someone_left_leave_their_row_out(
    tmp_path: Path, header: str, gone: str
) -> None:
    """Found by newcomer8: Workday's 'Worker Status' = Inactive, ADP's 'Position Status' = T, a filled
    'Termination Date'... were ordered."""
    path = tmp_path / "hr.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        f"Ann Lee,1 Main St,Boston,MA,02134,CVS,50,{gone}\n"
        "Bob Ray,2 Elm St,Boston,MA,02134,CVS,50,\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == [2]


def test_notes_saying_it_went_out_or_they_left_in_other_words_leave_their_rows_out(tmp_path: Path) -> None:
    """Found by review11: these notes were read as nothing and each row ordered (a second card, or a card to
    someone gone). Notes that only mention such words still send."""
    said = ["Card sent 11/15", "Sent 11/15", "Gift card sent", "Mailed 11/15", "Already received one",
            "Already has a card", "No longer with the company", "No longer works here", "Duplicate of row 5",
            "Quit", "Fired"]  # fmt: skip
    kept = ["Already sent the e-card; this is the physical card", "Sent to HR for approval - approved 12/1",
            "No longer at old address - new one above", "Quite a fan of Starbucks", "Card design: blue"]  # fmt: skip
    rows = [f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{note}" for i, note in enumerate(said + kept)]
    path = tmp_path / "notes.csv"
    path.write_text("Name,Address,City,State,ZIP,Product,Value,Notes\n" + "\n".join(rows) + "\n")
    assert [s.row for s in load_sheet(path).skipped] == list(range(2, 2 + len(said)))


def test_notes_saying_a_gift_came_another_way_leave_their_rows_out(tmp_path: Path) -> None:
    """Found by newcomer6 (an HR list's Notes): 'Already received gift from dept' and 'Received gift at party'
    were read as nothing and each was ordered a second gift. 'Received gift preference form' still sends."""
    said = ["Already received gift from dept", "Received gift at party", "Got her gift from the team"]
    kept = ["Received gift preference form", "Gift at the party was a mug - send the card"]
    rows = [f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{note}" for i, note in enumerate(said + kept)]
    path = tmp_path / "notes.csv"
    path.write_text("Name,Address,City,State,ZIP,Product,Value,Notes\n" + "\n".join(rows) + "\n")
    assert [s.row for s in load_sheet(path).skipped] == list(range(2, 2 + len(said)))


def test_a_termination_date_still_to_come_leaves_its_row_in(tmp_path: Path) -> None:
    """Found by newcomer8: someone leaving next quarter (Termination Date 2099-03-31) was left out."""
    path = tmp_path / "leaving.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Termination Date\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,2099-03-31\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,2026-11-15\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == [3]


def test_a_termination_date_saying_there_is_none_leaves_its_row_in(tmp_path: Path) -> None:
    """Found by review11: an HR export of active staff writes 'N/A', '-', 'None' or 00/00/0000 where no one
    left, and every such row was left out as gone; a 0 in a date cell reads 00:00:00. A past date still
    leaves its row out."""
    none = ["N/A", "n/a", "NA", "-", "—", "None", "null", "00/00/0000", "0000-00-00", "0", "00:00:00"]
    none += ["Present", "Current"]  # an 'Employment End Date' of people still here (hunter-falsealarm2)
    rows = [f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{cell}" for i, cell in enumerate(none)]
    path = tmp_path / "hr.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Termination Date\n"
        + "\n".join(rows)
        + "\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,2026-11-15\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == [2 + len(none)]


def test_a_note_that_goes_on_to_say_it_is_over_leaves_its_row_in(tmp_path: Path) -> None:
    """Found by newcomer8 after the notes above were read: these say the hold is over, or that what is
    declined is an option of the parcel."""
    notes = ["On hold - released 12/1, send", "HOLD - cleared", "Hold: no", "Terminated 11/15 - rehired 11/20",
             "Skip: none", "Cancelled: nothing", "Declined: expedited shipping", "Remove - gift wrap",
             "Cancel: rush delivery, standard is fine",
             # everyday HR and mailroom words, no 'skip', 'hold' or 'remove' of the card (found by newcomer3)
             "Skip-level manager: Dana", "Hold: front desk, building B", "Remove: old apt number",
             "DO NOT SEND - left company", "Hold: until January", "Skip - left in June"]  # fmt: skip
    path = _notes_sheet(tmp_path / "notes.csv", notes)
    assert [s.row for s in load_sheet(path).skipped] == [14, 15, 16]


def test_people_under_a_heading_saying_not_to_send_are_left_out(tmp_path: Path) -> None:
    """Found by newcomer7: a heading inside the list ("REMOVED - do not send (left the company)") was an
    invalid row to fix, and the people under it were ordered. A heading that says nothing of the kind leaves
    its rows alone."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value"])
    sheet.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 25])
    sheet.append([])
    sheet.append(["Boston office"])
    sheet.append(["Bob Ray", "2 Elm St", "Boston", "MA", "02134", "CVS", 25])
    sheet.append([])
    sheet.append(["Removed from waitlist - please send"])  # says to send them
    sheet.append(["Eve Wait", "5 Oak St", "Boston", "MA", "02134", "CVS", 25])
    sheet.append([])
    for team in ("IT Backup & Storage", "Army Reserve Liaison", "Off the waitlist - confirmed"):  # review10
        sheet.append([team])
        sheet.append([f"{team.split()[1]} Lee", "6 Oak St", "Boston", "MA", "02134", "CVS", 25])
        sheet.append([])
    sheet.append(["REMOVED - do not send (left the company)"])
    sheet.append(["Cat Gone", "3 Oak St", "Boston", "MA", "02134", "CVS", 25])
    sheet.append(["Dan Gone", "4 Oak St", "Boston", "MA", "02134", "TARGET", 50])
    sheet.append([])
    sheet.append(["Alternates (only if someone declines)"])
    sheet.append(["Gus Alt", "7 Oak St", "Boston", "MA", "02134", "CVS", 25])
    book.save(tmp_path / "gifts.xlsx")
    loaded = load_sheet(tmp_path / "gifts.xlsx")
    heading = next(r for r in loaded.frame.index if loaded.frame.loc[r].iloc[0].startswith("REMOVED"))
    alternates = "Alternates (only if someone declines)"
    assert {s.row: s.reason for s in loaded.skipped} == {
        4: "a heading inside the list ('Boston office')",  # a group's heading, no row to fix (hunter-sheets4)
        heading: "a heading over rows not to send ('REMOVED - do not send (left the company)')",
        heading + 1: f"under the heading 'REMOVED - do not send (left the company)' (row {heading})",
        heading + 2: f"under the heading 'REMOVED - do not send (left the company)' (row {heading})",
        heading + 4: f"a heading over rows not to send ('{alternates}')",
        heading + 5: f"under the heading '{alternates}' (row {heading + 4})",
    }
    # Bob under "Boston office", Eve under "Removed from waitlist - please send" and the people under a
    # team's name holding "Backup", "Reserve" or "waitlist" are ordered


def test_a_recipient_whose_name_alone_is_crossed_out_is_not_ordered(tmp_path: Path) -> None:
    """Found by newcomer6: a name struck through (the address left as it was) was ordered."""
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["First Name", "Last Name", "Street Address", "City", "State", "ZIP", "Product", "Value"])
    sheet.append(["Ann", "Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50])
    sheet.append(["Dan", "Left", "4 Elm St", "Boston", "MA", "02134", "CVS", 50])
    sheet.append(["Cy", "Orr", "3 Oak St", "Boston", "MA", "02134", "CVS", 50])
    sheet.cell(3, 1).font = sheet.cell(3, 2).font = Font(strike=True)
    sheet.cell(4, 2).font = Font(strike=True)  # only the last name: a correction, not a recipient crossed out
    book.save(tmp_path / "crossed.xlsx")
    loaded = load_sheet(tmp_path / "crossed.xlsx")
    assert [(s.row, s.reason) for s in loaded.skipped] == [(3, "crossed out (struck through) in the sheet")]


def test_a_remark_not_to_send_crossed_out_is_withdrawn_and_the_row_sent(tmp_path: Path) -> None:
    """Found by hunter-falsealarm6 on an HR tracker kept by hand: a 'Notes' = 'Do not send' struck through
    whole (the hold over, the remark crossed out rather than deleted), a 'Status' = 'Terminated' or a 'Hold'
    = 'Yes' struck through, each left its row out as 'the list says not to send it', exit 0, where the same
    struck through in part ('~~Yes~~ No') is read as withdrawn. Each is sent, a warning on its row saying
    the struck remark was read as withdrawn; a remark not struck still leaves its row out, and a struck
    'Card Sent' = Yes still says the card went (no second card on a guess)."""
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Street Address", "City", "State", "ZIP", "Product", "Value", "Notes", "Status",
                  "Hold", "Card Sent"])  # fmt: skip
    town = ["Boston", "MA", "02134", "CVS", 50]
    sheet.append(["Ann Lee", "1 Main St", *town, "Do not send", "Active", "", ""])
    sheet.append(["Bob Ray", "2 Main St", *town, "", "Terminated", "", ""])
    sheet.append(["Cy Orr", "3 Main St", *town, "", "Active", "Yes", ""])
    sheet.append(["Di Hart", "4 Main St", *town, "Do not send", "Active", "", ""])
    sheet.append(["Ed Moss", "5 Main St", *town, "", "Active", "", "Yes"])
    for cell in ("H2", "I3", "J4", "K6"):
        sheet[cell].font = Font(strike=True)
    book.save(path := tmp_path / "tracker.xlsx")

    loaded = load_sheet(path)
    assert [(s.row, s.reason) for s in loaded.skipped] == [
        (5, "the list says not to send it (column 'Notes': 'Do not send')"),
        (6, "the list says it was sent already (column 'Card Sent': 'Yes')"),
    ]
    warned = {(p.row, p.severity) for p in loaded.read_problems if "crossed out" in p.message}
    assert warned == {(2, "warning"), (3, "warning"), (4, "warning")}
    said = next(p.message for p in loaded.read_problems if p.row == 2 and "crossed out" in p.message)
    assert "Row 2, column 'Notes': 'Do not send' is crossed out (struck through)" in said
    assert "read as withdrawn: the row is ordered" in said
    # ... but a conditional format striking each 'Do not send' marks it, and withdraws nothing
    from openpyxl.formatting.rule import Rule
    from openpyxl.styles.differential import DifferentialStyle

    sheet["H2"].font = Font(strike=False)
    rule = Rule(
        type="expression", dxf=DifferentialStyle(font=Font(strike=True)), formula=['$H2="Do not send"']
    )
    sheet.conditional_formatting.add("H2:H6", rule)
    book.save(path)
    assert [s.row for s in load_sheet(path).skipped] == [2, 5, 6]


def test_a_list_hidden_behind_a_chart_sheet_is_refused(tmp_path: Path) -> None:
    """Found by newcomer7: the only visible sheet a chart, the list's sheet hidden: the list was read."""
    book = openpyxl.Workbook()
    data = book.active
    data.title = "data"
    data.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value"])
    data.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50])
    book.create_chartsheet("Chart")
    data.sheet_state = "hidden"
    book.active = 1
    book.save(tmp_path / "chart.xlsx")
    with pytest.raises(SheetChoiceError, match="hidden sheet 'data' only"):
        load_sheet(tmp_path / "chart.xlsx")


def answers_changed_in_the_cell(path: Path) -> Path:
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    struck = InlineFont(strike=True)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Street Address", "City", "State", "ZIP", "Product", "Value", "Send?"])
    town = ["Boston", "MA", "02134", "CVS", 50]
    sheet.append(["Ann Lee", "1 Main St", *town, CellRichText(TextBlock(struck, "Yes"), " No")])
    sheet.append(["Bob Ray", "2 Main St", *town, CellRichText(TextBlock(struck, "No"), " Yes")])
    sheet.append(["Cy Orr", "3 Main St", *town, "Yes"])
    book.save(path)
    return path


def test_an_answer_crossed_out_for_another_says_the_other(
    tmp_path: Path,
    isolated_data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    libreoffice: ConvertedTogether,
) -> None:
    """Found by review11: 'Send?' = "~~Yes~~ No" (the person changed their mind in the cell) read as 'Yes No',
    which says nothing, and the card was ordered. The text not struck is the answer, in an XLSX and an ODS."""
    answers_changed_in_the_cell(tmp_path / "changed.xlsx")

    code = main(
        ["run", str(tmp_path / "changed.xlsx"), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    )

    assert code == 0, capsys.readouterr().err
    names = [ln["PhysicalDeliveryAddress"]["Name"] for ln in vendor_lines(isolated_data_dir)]
    assert names == ["Bob Ray", "Cy Orr"]
    loaded = load_sheet(libreoffice.copy(tmp_path / "changed.xlsx", tmp_path))
    assert [(s.row, s.reason) for s in loaded.skipped] == [
        (2, "the list says not to send it (column 'Send?': 'No')")
    ]


def partly_crossed_out_cells(path: Path) -> Path:
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    struck = InlineFont(strike=True)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Street Address", "City", "State", "ZIP", "Product", "Value"])
    town = ["Boston", "MA", "02134", "CVS", 50]
    sheet.append(["Ann Lee", "1 Main St", *town])
    sheet.append([CellRichText(TextBlock(struck, "Dan Old"), " Dan New"), "4 Elm St", *town])
    sheet.append(["Cy Orr", CellRichText(TextBlock(struck, "12 Elm St"), " 4 Oak Ave"), *town])
    sheet.append([CellRichText(TextBlock(struck, "Eve"), TextBlock(struck, " Gone")), "5 Ash St", *town])
    sheet.append([CellRichText(TextBlock(struck, " "), "Fay Bell"), "6 Ash St", *town])
    book.save(path)
    return path


def test_a_cell_partly_crossed_out_is_not_sent_whole(
    tmp_path: Path,
    isolated_data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    libreoffice: ConvertedTogether,
) -> None:
    """A person crossed out the old name or street inside the cell and typed the new one beside it: every
    reader returns the whole text, and "Dan Old Dan New" went on the parcel. The row is an error naming the
    crossed-out part; a cell whose every part is struck counts as struck (the name alone: not ordered). The
    same in Excel's shared strings and LibreOffice's own files (their copies of the sheet)."""
    partly_crossed_out_cells(tmp_path / "partly.xlsx")

    code = main(
        ["run", str(tmp_path / "partly.xlsx"), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    )

    err = capsys.readouterr().err
    assert code == 3, err  # sent, with rows to fix
    names = [ln["PhysicalDeliveryAddress"]["Name"] for ln in vendor_lines(isolated_data_dir)]
    assert names == ["Ann Lee", "Fay Bell"]  # a struck blank is no text crossed out
    status = result_statuses(tmp_path / "out" / "partly-results.xlsx")
    assert status[3][0] == "invalid"
    assert "column 'Name': part of 'Dan Old Dan New' is crossed out ('Dan Old')" in status[3][1]
    assert status[4][0] == "invalid"
    assert (
        "column 'Street Address': part of '12 Elm St 4 Oak Ave' is crossed out ('12 Elm St')" in status[4][1]
    )
    assert status[5] == ("skipped", "crossed out (struck through) in the sheet")
    for copy in (
        convert(tmp_path / "partly.xlsx", "xlsx", tmp_path),
        libreoffice.copy(tmp_path / "partly.xlsx", tmp_path),
    ):
        loaded = load_sheet(copy)
        problems = {(p.row, p.column): p.message for p in loaded.read_problems}
        assert set(problems) == {(3, "name"), (4, "address1")}, (copy, problems)
        assert "('Dan Old')" in problems[(3, "name")]
        assert [s.row for s in loaded.skipped] == [5], copy


def test_part_of_a_phone_crossed_out_costs_no_card(tmp_path: Path) -> None:
    """Found by newcomer8: an old number crossed out beside the new one under Phone made the row invalid,
    saying bulkship would send it; the vendor never sees a phone. A warning: the results keep the text."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Street Address", "City", "State", "ZIP", "Product", "Value", "Phone"])
    old = CellRichText(TextBlock(InlineFont(strike=True), "617-555-0100"), " 617-555-0199")
    sheet.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50, old])
    book.save(tmp_path / "phone.xlsx")
    loaded = load_sheet(tmp_path / "phone.xlsx")
    assert [(p.row, p.column, p.severity) for p in loaded.read_problems] == [(2, "phone", "warning")]


def test_a_cell_crossed_out_whole_is_not_ordered_as_written(tmp_path: Path) -> None:
    """Found by newcomer9: an amount, a card or a street struck through whole (the person crossed it out,
    the new one in a note) was ordered as written, while part of a cell struck through is an error. The
    row is still a recipient (its name is not crossed out): the crossed-out cell is an error on it."""
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Street Address", "City", "State", "ZIP", "Product", "Value", "Notes", "Phone"])
    sheet.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 25, "", ""])
    sheet.append(["Bo Ray", "2 Elm St", "Boston", "MA", "02134", "CVS", 50, "now 25", ""])
    sheet.append(["Cy Orr", "3 Oak St", "Boston", "MA", "02134", "TARGET", 25, "CVS instead", ""])
    sheet.append(["Di Fox", "4 Old Rd", "Boston", "MA", "02134", "CVS", 25, "moved", ""])
    sheet.append(["Ed Kim", "5 Pine St", "Boston", "MA", "02134", "CVS", 25, "", "617-555-0100"])
    sheet.cell(3, 7).font = sheet.cell(4, 6).font = sheet.cell(5, 2).font = Font(strike=True)
    sheet.cell(6, 9).font = Font(strike=True)  # a phone: the vendor never sees it
    book.save(tmp_path / "struck.xlsx")
    loaded = load_sheet(tmp_path / "struck.xlsx")
    assert loaded.skipped == ()
    assert [(p.row, p.column, p.severity) for p in loaded.read_problems] == [
        (3, "value", "error"),
        (4, "product", "error"),
        (5, "address1", "error"),
        (6, "phone", "warning"),
        (5, "address1", "error"),  # its note 'moved' read too (32fbebb1): the new address is to be written
    ]
    assert loaded.read_problems[0].message == (
        "Row 3, column 'Value': '50' is crossed out (struck through), and bulkship would order it as written. "
        "Write what the card needs in its place, not struck through (typing over the cell keeps its "
        "strikethrough: clear its format), or take the strikethrough off if it stands, and run again."
    )


def test_a_cell_its_format_does_not_show_is_not_ordered(tmp_path: Path) -> None:
    """Found by newcomer9: a Quantity of 3 formatted ';;;' (Excel's way to hide a cell's contents: the sheet
    shows an empty cell, one card) ordered 3 cards; a Value of 75 formatted '"$50.00"' was ordered at 75
    while the sheet showed $50.00. Formats that show the number (currency, accounting, text) stay quiet."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Street Address", "City", "State", "ZIP", "Product", "Value", "Quantity"])
    sheet.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 25, 3])
    sheet.append(["Bo Ray", "2 Elm St", "Boston", "MA", "02134", "VISA-PREPAID", 75, 1])
    sheet.append(["Cy Orr", "3 Oak St", "Boston", "MA", "02134", "VISA-PREPAID", 50, 1])
    sheet.append(["Di Fox", "4 Pine St", "Boston", "MA", "02134", "CVS", 25, 1])
    sheet.cell(2, 8).number_format = ";;;"
    sheet.cell(3, 7).number_format = '"$50.00"'
    sheet.cell(4, 7).number_format = '_($* #,##0.00_);_($* (#,##0.00);_($* "-"??_);_(@_)'
    sheet.cell(5, 1).number_format = ";;;"  # the name hidden: the parcel's name is not on the sheet
    book.save(tmp_path / "formats.xlsx")
    loaded = load_sheet(tmp_path / "formats.xlsx")
    assert [(p.row, p.column) for p in loaded.read_problems if p.severity == "error"] == [
        (2, "quantity"),
        (3, "value"),
        (5, "name"),
    ]
    assert loaded.read_problems[0].message == (
        "Row 2, column 'Quantity': the cell holds '3', and its number format (;;;) does not show it: the sheet "
        "shows something else, or nothing. Format the cell as General (or as $) to see what it holds, and "
        "correct it if it is not meant."
    )


def test_a_name_or_street_saying_not_to_send_is_not_ordered(tmp_path: Path) -> None:
    """Found by newcomer9: a list without a Notes column keeps its remarks in the name: 'Maria Lopez (DO NOT
    SEND)', 'DNS - Bo Ray', 'Cy Orr (deceased)' and '9 Elm St (do not send)' were ordered, the remark on the
    parcel. A remark is read as a Notes cell is; a pronoun, a nickname or 'on leave' is none."""
    path = tmp_path / "named.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value\n"
        "Maria Lopez (DO NOT SEND),1 Main St,Boston,MA,02134,CVS,25\n"
        "DNS - Bo Ray,2 Main St,Boston,MA,02134,CVS,25\n"
        "Cy Orr (deceased),3 Main St,Boston,MA,02134,CVS,25\n"
        "Di Fox,9 Elm St (do not send),Boston,MA,02134,CVS,25\n"
        "Ann Lee (she/her),4 Main St,Boston,MA,02134,CVS,25\n"
        'Katherine "Kate" Moss (Kate),5 Main St,Boston,MA,02134,CVS,25\n'
        "Ed Kim (on leave),6 Main St,Boston,MA,02134,CVS,25\n"
        "Jo Ward,7 Hold Rd - Skip Barber Ln,Boston,MA,02134,CVS,25\n"
    )
    loaded = load_sheet(path)
    assert [(s.row, s.reason) for s in loaded.skipped] == [
        (2, "the list says not to send it (column 'Name': 'Maria Lopez (DO NOT SEND)')"),
        (3, "the list says not to send it (column 'Name': 'DNS - Bo Ray')"),
        (4, "the list says not to send it (column 'Name': 'Cy Orr (deceased)')"),
        (5, "the list says not to send it (column 'Address': '9 Elm St (do not send)')"),
    ]


@pytest.mark.parametrize("header", ["Physical or Digital", "Format", "Physical/Digital"])
def test_a_row_the_list_marks_for_a_digital_card_is_not_shipped_a_physical_one(
    tmp_path: Path, header: str
) -> None:
    """Found by newcomer9: each person chose an e-card or a plastic one; the 'Physical or Digital' column
    was "not used" and the Digital and eGift people were mailed a physical card."""
    path = tmp_path / "format.csv"
    path.write_text(
        f'Name,Address,City,State,ZIP,Product,Value,"{header}"\n'
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,Digital\nBo Ray,2 Main St,Boston,MA,02134,CVS,25,Physical\n"
        "Cy Orr,3 Main St,Boston,MA,02134,CVS,25,eGift\nDi Fox,4 Main St,Boston,MA,02134,CVS,25,\n"
    )
    loaded = load_sheet(path)
    assert [(s.row, s.reason) for s in loaded.skipped] == [
        (
            2,
            f"the list says not to send it: a digital card, and bulkship ships physical cards (column '{header}': 'Digital')",
        ),
        (
            4,
            f"the list says not to send it: a digital card, and bulkship ships physical cards (column '{header}': 'eGift')",
        ),
    ]


@pytest.mark.parametrize("card", ["Product", "Gift Card", ""])
@pytest.mark.parametrize("header", ["Card Type", "Card Format", "Reward Format"])
def test_a_card_type_saying_physical_or_digital_is_the_format_not_the_card(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str, card: str
) -> None:
    """Found by hunter-falsealarm3: a gifting tracker's 'Card Type' = Physical / Digital beside its 'Gift Card'
    was refused as a second card column ('both look like Product'), nothing read; beside the program's
    default card alone, each row was an error "'Physical' is not a product". Its values name no card: it
    says the format, and its Digital rows are left out as a 'Format' column's are."""
    (tmp_path / "p.toml").write_text('[defaults]\nproduct = "CVS"\nvalue = "25"\n')
    own = f",{card},Value" if card else ""
    cells = ",CVS,25" if card else ""
    path = tmp_path / "format.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP{own},{header}\n"
        f"Ann Lee,1 Main St,Boston,MA,02134{cells},Digital\nBo Ray,2 Main St,Boston,MA,02134{cells},Physical\n"
        f"Cy Orr,3 Main St,Boston,MA,02134{cells},Physical card\nDi Fox,4 Main St,Boston,MA,02134{cells},\n"
    )
    code, data, err = validate_json(capsys, path, "--config", str(tmp_path / "p.toml"))
    assert (code, data.get("valid"), data.get("invalid")) == (0, 3, 0), err
    assert [(s["row"], s["reason"]) for s in data["skipped"]] == [
        (
            2,
            f"the list says not to send it: a digital card, and bulkship ships physical cards (column '{header}': 'Digital')",
        )
    ]
    assert [c["status"] for c in data["columns"] if c["header"] == header] == ["unused"]


@pytest.mark.parametrize("header", ["Delivery Type", "Delivery Method", "Delivery"])
def test_a_delivery_column_saying_mail_or_email_is_the_format_not_the_shipping_method(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    """Found by hunter-falsealarm3 (and hunter-falsealarm2's L11): a gift platform's 'Delivery Type' =
    Physical / Email, an HR list's 'Delivery Method' = Mail, were each an error on every row ("'Physical' is
    not a shipping method"), nothing sent. Such a column says how the card reaches the person, not how fast:
    not used, its Email rows left out as a digital card, the others sent STANDARD. 'Overnight' there is still
    the shipping method."""
    path = tmp_path / "format.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,Email\nBo Ray,2 Main St,Boston,MA,02134,CVS,25,Physical\n"
        "Cy Orr,3 Main St,Boston,MA,02134,CVS,25,Mail\nDi Fox,4 Main St,Boston,MA,02134,CVS,25,\n"
    )
    code, data, err = validate_json(capsys, path)
    assert (code, data.get("valid"), data.get("invalid")) == (0, 3, 0), err
    assert [(s["row"], s["reason"]) for s in data["skipped"]] == [
        (
            2,
            f"the list says not to send it: a digital card, and bulkship ships physical cards (column '{header}': 'Email')",
        )
    ]
    path.write_text(path.read_text().replace(",Email\n", ",Overnight\n"))
    code, data, err = validate_json(capsys, path)
    assert (code, data.get("invalid")) == (1, 2), err  # 'Physical', 'Mail': read as shipping methods


@pytest.mark.parametrize("header", ["Do Not Send Before", "Hold Until", "Send On", "Send Date", "Ship After"])
def test_a_date_not_to_send_before_that_is_still_to_come_leaves_its_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by newcomer9: an anniversary list's 'Do Not Send Before' = next March was ordered at once. A date
    passed, or none, sends the row now."""
    path = tmp_path / "dates.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        "Sd Alpha,1 Sd St,Salem,MA,01970,CVS,25,2099-03-15\n"
        "Sd Beta,2 Sd St,Salem,MA,01970,CVS,25,2020-11-01\n"
        "Sd Gamma,3 Sd St,Salem,MA,01970,CVS,25,\n"
    )
    skipped = load_sheet(path).skipped
    assert [s.row for s in skipped] == [2]
    assert f"(column '{header}': '2099-03-15')" in skipped[0].reason


def test_a_not_before_date_bulkship_cannot_read_or_written_as_excel_s_day_number_holds_its_row(
    tmp_path: Path,
) -> None:
    """Found by hunter-sheets4: 'Do Not Send Before' = 46461 (Excel's day number for 2027-03-15, as a CSV
    saved from a column formatted General shows it) or 'after review' was read as no date, and the card went
    out at once. A day number is read as the date it is; text that is no date and no 'none' holds the row.
    A day number passed, 'N/A' or an empty cell sends it now; 'Termination Date' = a day number to come is
    still here (sent), one passed is gone."""
    today = datetime.date.today()
    serial = (today - datetime.date(1899, 12, 30)).days
    path = tmp_path / "dates.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Do Not Send Before,Termination Date\n"
        f"Sd Alpha,1 Sd St,Salem,MA,01970,CVS,25,{serial + 100},\n"
        "Sd Beta,2 Sd St,Salem,MA,01970,CVS,25,after review,\n"
        f"Sd Gamma,3 Sd St,Salem,MA,01970,CVS,25,{serial - 100},\n"
        "Sd Delta,4 Sd St,Salem,MA,01970,CVS,25,N/A,\n"
        f"Sd Eps,5 Sd St,Salem,MA,01970,CVS,25,,{serial + 100}\n"
        f"Sd Zeta,6 Sd St,Salem,MA,01970,CVS,25,,{serial - 100}\n"
    )
    skipped = load_sheet(path).skipped
    assert [s.row for s in skipped] == [2, 3, 7]
    assert "(column 'Do Not Send Before': 'after review')" in skipped[1].reason


def test_dates_written_day_first_are_read_so(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets9: a list from a UK or European team, its dates day first. Its 'Do Not Send
    Before' = '09/12/2026' (9 December, beside '25/12/2026') was read as 12 September, passed, and the card
    went out weeks early, as did '10.12.2026' (dots: only Europe writes them); a 'Termination Date' of a day
    passed read as one to come sent a card to someone gone. A column whose dates only read day first, or
    with dots, is read day first; one whose dates read either way stays the US way."""
    today = datetime.date.today()
    year = today.year
    pairs = [(d, m) for d in range(1, 13) for m in range(1, 13) if d != m]
    # (day, month) read day first after today and month first not: a hold; the other way: a leaving day passed
    later = [(d, m) for d, m in pairs if datetime.date(year, m, d) > today >= datetime.date(year, d, m)]
    passed = [(d, m) for d, m in pairs if datetime.date(year, m, d) <= today < datetime.date(year, d, m)]
    assert later or passed  # one of the two is there on any day of the year
    rows = [("Keep Me", "", "")]
    if later:
        d, m = later[-1]
        rows += [("Hold Anchor", f"25/12/{year + 1}", ""), ("Hold Slash", f"{d:02}/{m:02}/{year}", "")]
        rows += [("Hold Dots", f"{d:02}.{m:02}.{year}", "")]
    if passed:
        d, m = passed[0]
        rows += [("Gone Anchor", "", "25/01/2020"), ("Gone Slash", "", f"{d:02}/{m:02}/{year}")]
    path = tmp_path / "uk.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Do Not Send Before",
                         "Termination Date"])  # fmt: skip
        writer.writerows(
            [name, f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "25", *dates]
            for i, (name, *dates) in enumerate(rows)
        )

    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0

    names = [ln["PhysicalDeliveryAddress"]["Name"] for ln in vendor_lines(isolated_data_dir)]
    assert names == ["Keep Me"], capsys.readouterr().err


def test_a_note_saying_the_hold_is_not_over_or_waits_for_something_leaves_its_row_out(tmp_path: Path) -> None:
    """Found by review13: 'not cleared' read as 'cleared' (the hold over), and a hold until something happens
    read as nothing: each row was ordered, a card to someone on hold or gone. A hold until a day, or one
    passed, still sends (a day still to come holds the row: see
    test_a_note_holding_its_row_until_a_day_to_come_leaves_it_out)."""
    said = ["Hold - not cleared yet", "Hold - not released", "Terminated - not rehired", "Hold until further notice",
            "Terminated 10/1 - not reinstated", "Hold (to be released in Jan)", "DNS - not back on the list",
            "Do not send until cleared", "Hold until cleared by HR", "Hold pending background check"]  # fmt: skip
    kept = ["Hold - cleared", "Terminated 11/15 - rehired 11/20", "Do not send before 12/15/2025",
            "Do not send until 15 Dec 2025", "Hold for pickup", "Skip: none"]  # fmt: skip
    rows = [f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{note}" for i, note in enumerate(said + kept)]
    path = tmp_path / "notes.csv"
    path.write_text("Name,Address,City,State,ZIP,Product,Value,Notes\n" + "\n".join(rows) + "\n")
    assert [s.row for s in load_sheet(path).skipped] == list(range(2, 2 + len(said)))


def test_a_send_column_s_cross_or_nope_leaves_its_row_out(tmp_path: Path) -> None:
    """Found by hunter-sheets: 'Send?' or 'Include?' = ❌, ✗, ✖️, 🚫, Nope or Excl. were ordered (only No and
    its kin left a row out). A tick, a yes, an x (a box ticked) or an empty cell still send."""
    said = ["❌", "✗", "✘", "✖️", "🚫", "⛔", "👎", "Nope", "nah", "Excl.", "❌ left company"]
    kept = ["✓", "✔", "Yes", "x", ""]
    for header in ("Send?", "Include?"):
        rows = [f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{cell}" for i, cell in enumerate(said + kept)]
        path = tmp_path / "picked.csv"
        path.write_text(f"Name,Address,City,State,ZIP,Product,Value,{header}\n" + "\n".join(rows) + "\n")
        assert [s.row for s in load_sheet(path).skipped] == list(range(2, 2 + len(said))), header


def test_notes_asking_not_to_send_after_a_please_or_a_remark_leave_their_rows_out(tmp_path: Path) -> None:
    """Found by hunter-sheets: each of these notes was read as nothing and the card ordered (the words had to
    open the note). A note that says where not to send, or goes on to say send, still sends."""
    said = ["pls do not send", "Please don't send this one", "wrong address - do not mail",
            "HR: do not send", "Moved to TX; do not send a card", "VOID", "Received already",
            "Left co.", "no longer w/ company", "Gave in person", "Gift given at the holiday party",
            "Paid cash instead", "Card handed out at the party"]  # fmt: skip
    kept = ["Home address only - do not send to office", "Do not send before 12/15/2025",
            "Ring bell, do not leave at door", "Avoid the office: please send home",
            "Gave us a new address", "Cash register team", "Void of the old address: see above"]  # fmt: skip
    rows = [f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{note}" for i, note in enumerate(said + kept)]
    path = tmp_path / "notes.csv"
    path.write_text("Name,Address,City,State,ZIP,Product,Value,Notes\n" + "\n".join(rows) + "\n")
    assert [s.row for s in load_sheet(path).skipped] == list(range(2, 2 + len(said)))


def test_people_under_a_heading_saying_stop_or_not_approved_are_left_out(tmp_path: Path) -> None:
    """Found by hunter-sheets: under 'Ignore everything below', 'STOP', 'Not approved', 'Pending approval',
    'Terminated employees', 'Opted out', 'Hold', 'End of list', 'Next year', 'Sent in November' or 'Already
    got cards' the people were ordered (the heading row itself an error to fix, after the money was spent)."""
    headings = ["Ignore everything below", "--- STOP HERE ---", "STOP", "Not approved", "Pending approval",
                "Terminated employees", "Opted out", "Hold", "End of list", "Next year", "Sent in November",
                "Already got cards:", "Do not use rows below", "Pending", "PENDING - HR approval",
                "Addresses pending verification", "Manager approval pending"]  # fmt: skip
    for heading in headings:
        skipped = _skipped_in(tmp_path / "gifts.xlsx", [_ANN, [heading], _BOB])
        assert skipped == {
            3: f"a heading over rows not to send ('{heading}')",
            4: f"under the heading '{heading}' (row 3)",
        }, heading
    # a team's name holding such a word elsewhere leaves its people in
    for team in ("Stakeholder Relations", "Holdings Accounting", "Tech Support - East", "Bus Stop Ops",
                 "Q4 - do not ignore", "Don't ignore: VIPs", "New hires (start date pending)",
                 "Patents pending team"):  # fmt: skip
        left_out = _skipped_in(tmp_path / "teams.xlsx", [[team], _BOB])  # at most the heading itself
        assert [
            row for row, why in left_out.items() if why != f"a heading inside the list ('{team}')"
        ] == [], team


def test_people_under_a_heading_saying_sent_already_are_left_out(tmp_path: Path) -> None:
    """Found by hunter-sends5: under 'Below: sent already - Bob Ray also', 'Cards mailed already' or 'Already
    been sent' the people were ordered (only 'Already sent ...' was read): a second card each once the
    heading row, an error for its empty cells, was deleted. They are left out, as under 'Already sent'."""
    for heading in ("Below: sent already - Bob Ray also", "Sent already", "Cards mailed already",
                    "Shipped already (November)", "Already been sent", "Ordered already:"):  # fmt: skip
        skipped = _skipped_in(tmp_path / "gifts.xlsx", [_ANN, [heading], _CY])
        assert skipped == {
            3: f"a heading over rows not to send ('{heading}')",
            4: f"under the heading '{heading}' (row 3)",
        }, heading
    # ... but not where it says the rows under it are new or to send, or asks (review48 on b94a6bb5)
    for heading in ("Above: sent already. Below: new, send", "Shipped already (November) - below are new",
                    "Ordered already: none; send all below", "Cards mailed already? No",
                    "Already been sent the above; below not yet sent"):  # fmt: skip
        assert 3 not in _skipped_in(tmp_path / "gifts.xlsx", [[heading], _CY]), heading


def test_people_under_a_heading_saying_not_yet_or_only_perhaps_are_left_out(tmp_path: Path) -> None:
    """Found by hunter-sheets8: under 'NOT YET APPROVED', 'Still waiting on manager approval', 'If budget
    allows', 'Waiting list', 'On deck', 'Next quarter', 'Last year's list', 'For reference only', 'Maybe',
    'Future hires' or 'Contractors - check with HR first' the people were ordered. Teams whose names hold such
    words elsewhere, and groups to send later in the same run ('Round 2 (January)'?) are not read so."""
    headings = ["NOT YET APPROVED", "Still waiting on manager approval", "Awaiting sign-off", "If budget allows",
                "Waiting list", "On deck", "Next quarter", "Last year's list", "For reference only", "Maybe",
                "Future hires", "Contractors - check with HR first", "Waiting on approval - send once approved"]  # fmt: skip
    for heading in headings:
        skipped = _skipped_in(tmp_path / "gifts.xlsx", [_ANN, [heading], _BOB])
        assert skipped == {
            3: f"a heading over rows not to send ('{heading}')",
            4: f"under the heading '{heading}' (row 3)",
        }, heading
    for team in ("Reference Lab team", "Budget office", "Last names A-M", "Deck crew", "Next steps team",
                 "Maybelline account team", "Confirmed - send now", "Phase 2"):  # fmt: skip
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value"])
        sheet.append([team])
        sheet.append(["Bob Ray", "2 Elm St", "Boston", "MA", "02134", "CVS", 25])
        book.save(tmp_path / "teams.xlsx")
        left_out = load_sheet(tmp_path / "teams.xlsx").skipped
        assert [s.row for s in left_out if s.reason != f"a heading inside the list ('{team}')"] == [], team


@pytest.mark.parametrize(
    "header",
    ["Comments/Notes", "Manager Notes", "HR Comments", "Notes (internal)", "Special Instructions", "Memo",
     "Additional Notes", "Note to HR"],
)  # fmt: skip
def test_a_note_saying_not_to_send_under_a_longer_notes_header_leaves_its_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by hunter-sheets: 'DO NOT SEND - left company' was read only under 'Notes', 'Comments' and a few
    such headers: under 'Manager Notes' or 'Comments/Notes' the card was ordered. A delivery instruction
    still sends."""
    path = tmp_path / "notes.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,DO NOT SEND - left company\n"
        "Bob Ray,2 Elm St,Boston,MA,02134,CVS,50,Do not ship to the office - home only\n"
        "Cy Orr,3 Elm St,Boston,MA,02134,CVS,50,Hold for pickup at front desk\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == [2]


@pytest.mark.parametrize(
    "header", ["Still Employed?", "Currently Employed", "Employed?", "Employee Active", "Still with company"]
)
def test_a_column_saying_the_person_is_no_longer_employed_leaves_their_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by hunter-sheets: 'Still Employed?' = No was ordered ('Active' = No was not). A list whose every
    row says No (former staff, a retirement gift) is still sent."""
    path = tmp_path / "hr.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,No\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,Yes\n"
        "Cy Orr,3 Elm St,Boston,MA,02134,CVS,50,\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == [2]
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,No\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,No\n"
    )
    assert not load_sheet(path).skipped


@pytest.mark.parametrize(
    "header", ["Current Status", "Status (HR)", "Record Status", "Status 2026", "Employee Status Code"]
)
def test_any_status_column_saying_the_person_is_gone_leaves_their_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by hunter-sheets: 'Terminated' was read only under 'Status', 'Employee Status' and a few such
    headers; under 'Current Status' or 'Status (HR)' the card was ordered. A status saying something was
    completed ('Survey Status' = Completed, why the card is sent) still sends."""
    path = tmp_path / "hr.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,Terminated\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,Active\n"
        "Cy Orr,3 Elm St,Boston,MA,02134,CVS,50,Completed\nDi Fox,4 Elm St,Boston,MA,02134,CVS,50,Opted out\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == [2, 5]


@pytest.mark.parametrize(
    ("header", "said"),
    [("Tracking #", "9400111899223197428490"), ("Tracking Number", "1Z999AA10123456784"),
     ("Date Ordered", "11/15/2026"), ("Card Issued", "2026-11-15"), ("Issued On", "Nov 15"),
     ("Redeemed", "Yes"),
     # an order's number under 'Ordered' (found by hunter-sheets6: ordered again)
     ("Ordered", "A-10023"), ("Card Ordered", "PO-1234"), ("Gift Ordered", "#10023")],
)  # fmt: skip
def test_a_row_the_list_says_was_ordered_issued_or_tracked_is_not_ordered_again(
    tmp_path: Path, header: str, said: str
) -> None:
    """Found by hunter-sheets: a filled 'Tracking #', 'Date Ordered' or 'Card Issued' says the card went out
    (sent by hand, or by another tool), yet the row was ordered again: a second card. An empty cell, or one
    saying it has not happened yet, sends."""
    path = tmp_path / "tracked.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        f"Ann Lee,1 Main St,Boston,MA,02134,CVS,50,{said}\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,\n"
        "Cy Orr,3 Elm St,Boston,MA,02134,CVS,50,pending\nDi Fox,4 Elm St,Boston,MA,02134,CVS,50,N/A\n"
    )
    loaded = load_sheet(path)
    assert [s.row for s in loaded.skipped] == [2]
    assert loaded.skipped[0].reason == f"the list says it was sent already (column '{header}': '{said}')"


@pytest.mark.parametrize(
    ("header", "said"),
    [("Done?", "✓"), ("Complete?", "✔"), ("Processed?", "☑"), ("Received Gift", "Yes"), ("Got Card", "X"),
     ("Gift Given", "2025-12-01"), ("Sent to vendor", "yes (Nov)")],
)  # fmt: skip
def test_a_tick_or_a_yes_saying_the_card_was_given_leaves_its_row_out(
    tmp_path: Path, header: str, said: str
) -> None:
    """Found by hunter-sheets: 'Done?' = ✓ was ordered again (the tick was looked for before a word
    boundary, which no tick has), and so were 'Received Gift' = Yes, 'Got Card' = X, 'Gift Given' = a date."""
    path = tmp_path / "done.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        f"Ann Lee,1 Main St,Boston,MA,02134,CVS,50,{said}\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,\n"
        "Cy Orr,3 Elm St,Boston,MA,02134,CVS,50,No\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == [2]


@pytest.mark.parametrize(
    ("header", "says"),
    [
        ("Marital Status", "Separated"),
        ("Benefits Status", "Declined"),
        ("401k Status", "Opted out"),
        ("Account Status", "Inactive"),  # a win-back list: its customers' accounts are inactive or cancelled
        ("Customer Status", "Cancelled"),
        ("Survey Status", "Declined"),
    ],
)
def test_a_status_of_something_else_than_the_person_sends_their_row(
    tmp_path: Path, header: str, says: str
) -> None:
    """Found by review14: since any header naming a status was read as the person's, an HR export's
    'Marital Status' = Separated, 'Benefits Status' = Declined or '401k Status' = Opted out, and a win-back
    list's 'Account Status' = Inactive, left those people's rows out ('the list says not to send'): their
    cards were never ordered. Those say something of a marriage, a benefit, an account: every row goes."""
    path = tmp_path / "hr.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        f"Ann Lee,1 Main St,Boston,MA,02134,CVS,50,{says}\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,Active\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == []


def test_a_heading_with_a_count_beside_it_or_typed_in_another_column_still_leaves_its_rows_out(
    tmp_path: Path,
) -> None:
    """Found by hunter-sheets: 'REMOVED - do not send' with '3 people' beside it, 'Do not send' with 'per HR'
    in the Notes, or 'REMOVED' typed in the street's column was no heading (one cell, under no street, was
    looked for), and the people under it were ordered. A person's name beside a note is no heading: the
    rows under Ann are sent."""
    cases = [
        (
            ["REMOVED - do not send", None, None, None, None, None, "3 people"],
            "REMOVED - do not send 3 people",
        ),
        (["Do not send", None, None, None, None, None, None, "per HR"], "Do not send per HR"),
        ([None, "REMOVED"], "REMOVED"),
    ]
    for cells, heading in cases:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"])
        sheet.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 25])
        sheet.append(cells)
        sheet.append(["Bob Ray", "2 Elm St", "Boston", "MA", "02134", "CVS", 25])
        book.save(tmp_path / "gifts.xlsx")
        skipped = {s.row: s.reason for s in load_sheet(tmp_path / "gifts.xlsx").skipped}
        assert skipped == {
            3: f"a heading over rows not to send ('{heading}')",
            4: f"under the heading '{heading}' (row 3)",
        }, heading
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"])
    sheet.append(["Ann Lee", None, None, None, None, None, None, "Do not send"])
    sheet.append(["Bob Ray", "2 Elm St", "Boston", "MA", "02134", "CVS", 25])
    book.save(tmp_path / "person.xlsx")
    assert [s.row for s in load_sheet(tmp_path / "person.xlsx").skipped] == [2]


def test_a_tracking_column_saying_whether_to_track_is_no_sign_the_card_went_out(tmp_path: Path) -> None:
    """A 'Tracking' column of Yes/No (whether the parcel should be tracked) left every Yes row out as sent
    already since 1b8ddab; only a tracking number's own column says it went out."""
    path = tmp_path / "tracking.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Tracking\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,Yes\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,No\n"
    )
    assert not load_sheet(path).skipped


def test_a_note_saying_where_an_award_was_presented_sends_its_row(tmp_path: Path) -> None:
    """Found by review14: an award list's 'Manager Notes' = 'Presented at Q3 all-hands' (where the award was
    presented; the card goes by mail) was read as a gift given in person and the row left out, its card never
    ordered. Given or presented *at* says so only of the card ('Gave the card at the party', 'Handed out at
    the party'); in person or by hand still leaves the row out."""
    said = ["Gave the card at the party", "Handed out at the party", "Gave in person", "Presented by hand"]
    kept = [
        "Presented at Q3 all-hands",
        "Given at the awards dinner - mail the card",
        "Presented at town hall",
    ]
    rows = [f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{note}" for i, note in enumerate(said + kept)]
    path = tmp_path / "awards.csv"
    path.write_text("Name,Address,City,State,ZIP,Product,Value,Manager Notes\n" + "\n".join(rows) + "\n")
    assert [s.row for s in load_sheet(path).skipped] == list(range(2, 2 + len(said)))


def test_a_note_saying_the_card_was_hand_delivered_leaves_its_row_out(tmp_path: Path) -> None:
    """Found by hunter-sheets16: a note 'Hand delivered 11/15' (or 'Hand-delivered at party', 'Delivered in
    person by manager') was read as nothing and a second card mailed, exit 0, where 'Given in person' left
    the row out. Each leaves its row out; 'Hand delivery not needed' sends."""
    said = [
        "Hand delivered 11/15",
        "Hand-delivered at party",
        "Delivered in person by manager",
        "Hand delivered",
    ]
    rows = [f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{note}" for i, note in enumerate(said)]
    rows.append("Person 9,9 Main St,Boston,MA,02134,CVS,50,Hand delivery not needed")
    path = tmp_path / "awards.csv"
    path.write_text("Name,Address,City,State,ZIP,Product,Value,Notes\n" + "\n".join(rows) + "\n")
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (row, f"the list says not to send it (column 'Notes': '{note}')")
        for row, note in enumerate(said, start=2)
    ]


def test_a_note_saying_the_card_was_given_another_way_leaves_its_row_out(tmp_path: Path) -> None:
    """Found by hunter-sheets16: notes saying the person has their card already, or something in its place
    ('Gave her a Target card at the party', 'Received Starbucks card at all hands', 'Handed to employee
    11/20', 'Sent e-gift 11/20', 'Picked up at office', 'Manager picked up the card', 'Paid via payroll
    instead', 'Cash bonus instead of card') were read as nothing and a card mailed, exit 0. Each leaves its
    row out; notes of other things given, received or picked up send."""
    said = ["Gave her a Target card at the party", "Received Starbucks card at all hands", "Handed to employee 11/20",
            "Gave card to manager to deliver", "Sent to manager to hand out", "Emailed e-gift card instead",
            "Sent e-gift 11/20", "Switched to e-gift", "Picked up in person", "Picked up at office",
            "Collected from reception", "Manager picked up the card", "Paid via payroll instead",
            "Added to paycheck instead", "Cash bonus instead of card"]  # fmt: skip
    kept = ["Gave great presentation", "Received promotion in May", "Picked up extra shifts", "Paid leave until 12/1",
            "Received her 10 year pin", "Handed off to new manager", "Received Target card request",
            "Switched to digital team", "Added to payroll 11/1", "Collected feedback", "Picked up the slack",
            "Received award at gala - mail card"]  # fmt: skip
    rows = [f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{note}" for i, note in enumerate(said + kept)]
    path = tmp_path / "list.csv"
    path.write_text("Name,Address,City,State,ZIP,Product,Value,Notes\n" + "\n".join(rows) + "\n")
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (row, f"the list says not to send it (column 'Notes': '{note}')")
        for row, note in enumerate(said, start=2)
    ]


def test_a_note_saying_the_person_chose_another_reward_leaves_its_row_out(tmp_path: Path) -> None:
    """Found by hunter-sheets16 (leftover 5), left for hunter-sheets17: 'Opted for PTO day instead', 'Wants
    cash instead', 'Took the extra PTO instead of card' were read as nothing and a card mailed to someone
    who chose something else, exit 0. Each leaves its row out; another card ('Wants Target instead' asks
    for a change), 'Took PTO instead of attending' and 'Chose day shift instead' do not."""
    said = ["Opted for PTO day instead", "Chose extra day off instead", "Took the extra PTO instead of card",
            "Wants cash instead", "Prefers a gift basket instead", "Opted for a floating holiday instead",
            # (plural, a certificate, a pin, a letter: each ordered, hunter-asks4's leftover 3, hunter-asks5)
            "Chose Plaques instead", "Wants Certificate instead", "Chose a service pin instead",
            "Requested award letter instead", "Chose certificate instead of card"]  # fmt: skip
    kept = [
        "Took PTO instead of attending",
        "Chose day shift instead",
        "Got a bonus instead of a raise - send card",
    ]
    path = _notes_sheet(tmp_path / "list.csv", said + kept)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (row, f"the list says not to send it (column 'Notes': '{note}')")
        for row, note in enumerate(said, start=2)
    ]


def test_a_row_without_a_name_but_with_its_card_beside_a_note_is_no_heading(tmp_path: Path) -> None:
    """Found by review14: a placeholder row with no name nor street, its card's amount and a note ('25' |
    'new hire - name pending'), or an HR export's scrubbed row ('E2' | 'Terminated'), was read as a heading
    with a count beside it, and every person under it was left out, their cards never ordered. An amount, a
    card or an Employee ID beside the note makes it a row of a person (left out alone), not a heading."""
    for cells in ([None, None, None, None, None, None, 25, "new hire - name pending"],
                  [None, None, None, None, None, "CVS", None, "on hold"],
                  [None, None, None, None, None, None, "$25.00", "Pending"],
                  [None, None, None, None, None, None, None, "Terminated", "E2"]):  # fmt: skip
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes", "Employee ID"])
        sheet.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 25, None, "E1"])
        sheet.append(cells)
        sheet.append(["Bob Ray", "2 Elm St", "Boston", "MA", "02134", "CVS", 25, None, "E3"])
        sheet.append(["Cy Orr", "3 Elm St", "Boston", "MA", "02134", "CVS", 25, None, "E4"])
        book.save(tmp_path / "gifts.xlsx")
        assert not any(s.row in (4, 5) for s in load_sheet(tmp_path / "gifts.xlsx").skipped), cells
    # in the name's column the words head the rows under them, a number beside them a count
    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"])
    book.active.append(["REMOVED - do not send", None, None, None, None, None, 3])
    book.active.append(["Bob Ray", "2 Elm St", "Boston", "MA", "02134", "CVS", 25])
    book.save(tmp_path / "count.xlsx")
    assert [s.row for s in load_sheet(tmp_path / "count.xlsx").skipped] == [2, 3]


@pytest.mark.parametrize(
    ("header", "tick"), [("Winner", "x"), ("Send?", "✓"), ("Selected", "Yes"), ("Include", "1")]
)
def test_rows_left_unticked_in_a_column_of_ticks_are_not_ordered(
    tmp_path: Path, header: str, tick: str
) -> None:
    """Found by hunter-sheets: a raffle's 'Winner' column ticked x on the winners' rows and left empty on the
    others, and every entrant was ordered a card (an empty cell was read as no answer). Where the column also
    says No somewhere, an empty cell is still no answer: the row is sent."""
    path = tmp_path / "raffle.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        f"Ann Lee,1 Main St,Boston,MA,02134,CVS,50,{tick}\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,\n"
        f"Cy Orr,3 Elm St,Boston,MA,02134,CVS,50,{tick}\nDi Fox,4 Elm St,Boston,MA,02134,CVS,50,\n"
    )
    loaded = load_sheet(path)
    assert {s.row: s.reason for s in loaded.skipped} == {
        row: f"the list says not to send it (column '{header}' ticks the rows to send; not this one)"
        for row in (3, 5)
    }
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        f"Ann Lee,1 Main St,Boston,MA,02134,CVS,50,{tick}\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,\n"
        "Cy Orr,3 Elm St,Boston,MA,02134,CVS,50,No\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == [4]


@pytest.mark.parametrize("remark", ["Yes!", "x (per Sue)", "Winner!", "✓ Nov 3", "Yes - confirmed", "X."])
def test_a_tick_with_a_remark_still_picks_the_rows_to_send(tmp_path: Path, remark: str) -> None:
    """Found by review14: one winner's tick written with a remark ('Yes!', 'x (per Sue)', '✓ Nov 3') among
    the x's made the 'Winner' column read by its answers alone, and every entrant left empty was ordered a
    card. A tick followed by a remark is a tick."""
    path = tmp_path / "raffle.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Winner\n"
        f"Ann Lee,1 Main St,Boston,MA,02134,CVS,50,x\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,\n"
        f"Cy Orr,3 Elm St,Boston,MA,02134,CVS,50,{remark}\nDi Fox,4 Elm St,Boston,MA,02134,CVS,50,\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == [3, 5]


@pytest.mark.parametrize("header", ["Opted In", "Opt-in", "Consent", "Survey Completed"])
def test_an_opt_in_or_consent_column_saying_no_leaves_its_row_out(tmp_path: Path, header: str) -> None:
    """Found by hunter-sheets: 'Opted In' = No, 'Consent' = No or 'Survey Completed' = No (a survey's thank-you
    cards) were ordered."""
    path = tmp_path / "optin.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,No\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,Yes\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == [2]


@pytest.mark.parametrize("header", ["Mail?", "Mail", "Mail (Y/N)"])
def test_a_mail_question_answered_no_leaves_its_row_out_and_is_no_email(
    tmp_path: Path, isolated_data_dir: Path, header: str
) -> None:
    """Found by hunter-sheets: 'Mail?' is the alias "mail" of the Email column, so its Yes/No answers were
    kept as email addresses ("'No' is not an email address", a warning) and the row saying No was ordered.
    A 'Mail' column of email addresses is still the Email, and every row of it is ordered."""
    path = tmp_path / "list.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,Yes\nBob Ray,2 Elm St,Boston,MA,02134,CVS,25,No\n"
        "Cid Poe,3 Elm St,Boston,MA,02134,CVS,25,Y\n"
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    names = [line["PhysicalDeliveryAddress"]["Name"] for line in vendor_lines(isolated_data_dir)]
    assert sorted(names) == ["Ann Lee", "Cid Poe"]
    assert result_statuses(tmp_path / "out" / "list-results.xlsx")[3] == (
        "skipped",
        f"the list says not to send it (column '{header}': 'No')",
    )
    (tmp_path / "emails.csv").write_text(
        "Name,Address,City,State,ZIP,Product,Value,Mail\n"
        "Dee Fox,4 Elm St,Boston,MA,02134,CVS,25,dee@example.com\nEve Orr,5 Elm St,Boston,MA,02134,CVS,25,No\n"
    )
    loaded = load_sheet(tmp_path / "emails.csv")
    assert (loaded.column_map.get("Mail"), loaded.skipped) == ("email", ())


def staff_with_notes(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value"])
    for number, name in enumerate(["Ann Lee", "Bob Ray", "Cid Poe", "Dee Fox"], start=1):
        sheet.append([name, f"{number} Main St", "Boston", "MA", "02134", "CVS", 25])
    sheet["A2"].comment = Comment("new address confirmed", "Jane HR")
    sheet["A3"].comment = Comment("Jane HR:\nLeft the company - do not send", "Jane HR")
    sheet["G4"].comment = Comment("Do not send to the office - home only", "Jane HR")
    sheet["E5"].comment = Comment("[Threaded comment]\n\nComment:\n    Already received one", "Jane HR")
    book.save(path)
    return path


def test_a_note_on_a_cell_saying_not_to_send_leaves_its_row_out(
    tmp_path: Path, isolated_data_dir: Path, libreoffice: ConvertedTogether
) -> None:
    """Found by hunter-sheets: HR's Excel note on a cell ('Left the company - do not send', seen by hovering
    the red corner) was read by no one: the row was ordered, from the XLSX and from its ODS copy alike. A
    note saying something else ('new address confirmed', 'Do not send to the office - home only') sends
    its row."""
    staff = staff_with_notes(tmp_path / "staff.xlsx")
    for path in (staff, libreoffice.copy(staff, tmp_path / "ods")):
        assert {s.row: s.reason for s in load_sheet(path).skipped} == {
            3: "the list says not to send it (note on cell A3: 'Left the company - do not send')",
            5: "the list says not to send it (note on cell E5: 'Already received one')",
        }
    assert (
        main(["run", str(tmp_path / "staff.xlsx"), "--yes", "--wait", "0", "--out", str(tmp_path / "out")])
        == 0
    )
    names = [line["PhysicalDeliveryAddress"]["Name"] for line in vendor_lines(isolated_data_dir)]
    assert sorted(names) == ["Ann Lee", "Cid Poe"]


def test_a_note_or_an_answer_merged_down_several_rows_leaves_each_of_them_out(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    """Found by hunter-sheets9: HR merged one 'Notes' cell over two people ('Do not send - contractors', H3:H4)
    and one 'Send?' = No over two more (I5:I6): the reader gives a merged cell's text to its first row only,
    so Bob and Di were left out and Cy and Ed, under the same cells, were ordered, exit 0. Each row a merged
    cell covers now reads it, as the sheet shows it."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes", "Send?"])
    for number, name in enumerate(["Ann Lee", "Bob Ray", "Cy Orr", "Di Fox", "Ed Kim"], start=1):
        sheet.append([name, f"{number} Main St", "Boston", "MA", "02134", "CVS", 25, None, None])
    sheet["H3"] = "Do not send - contractors"
    sheet.merge_cells("H3:H4")
    sheet["I5"] = "No"
    sheet.merge_cells("I5:I6")
    path = tmp_path / "staff.xlsx"
    book.save(path)

    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0

    names = [line["PhysicalDeliveryAddress"]["Name"] for line in vendor_lines(isolated_data_dir)]
    assert names == ["Ann Lee"]
    assert {s.row: s.reason for s in load_sheet(path).skipped}[4] == (
        "the list says not to send it (column 'Notes': 'Do not send - contractors')"
    )


def test_a_note_typed_beside_the_list_in_a_column_with_no_header_leaves_its_row_out(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    """Found by hunter-sheets9: 'do not send - left' typed in the empty column right of the list (its header
    cell blank), or 'DO NOT SEND' merged down a blank-headed column left of two people, was read by no one:
    each card was ordered, exit 0. Such a column is read as notes are."""
    path = tmp_path / "beside.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,\n"
        "Bob Ray,2 Main St,Boston,MA,02134,CVS,25,do not send - left\n"
        "Cy Orr,3 Main St,Boston,MA,02134,CVS,25,\n"
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([None, "Name", "Address", "City", "State", "ZIP", "Product", "Value"])
    for number, name in enumerate(["Di Fox", "Ed Kim", "Flo Ng", "Gus Po"], start=4):
        sheet.append([None, name, f"{number} Main St", "Boston", "MA", "02134", "CVS", 25])
    sheet["A3"] = "DO NOT SEND"
    sheet.merge_cells("A3:A4")
    book.save(tmp_path / "side.xlsx")
    assert (
        main(["run", str(tmp_path / "side.xlsx"), "--yes", "--wait", "0", "--out", str(tmp_path / "out")])
        == 0
    )

    names = [line["PhysicalDeliveryAddress"]["Name"] for line in vendor_lines(isolated_data_dir)]
    assert names == ["Ann Lee", "Cy Orr", "Di Fox", "Gus Po"]


def test_a_note_on_a_cell_holding_a_zero_width_space_still_leaves_its_row_out(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    """Found by hunter-sheets9: HR's Excel note pasted from a chat with a zero-width space beside its words
    ('Jane HR:' then '\u200bLeft the company - do not send', 'Do not send\u200b - deceased') was read as
    nothing: the row was ordered, exit 0. A note is read as it shows (as a cell is since hunter-sheets8)."""
    staff = staff_with_notes(tmp_path / "staff.xlsx")
    book = openpyxl.load_workbook(staff)
    book.active["A3"].comment = Comment("Jane HR:\n\u200bLeft the company - do not send", "Jane HR")
    book.active["B5"].comment = Comment("Do not send\u200b - deceased\u2060", "Jane HR")
    book.active["E5"].comment = None
    book.save(staff)

    assert main(["run", str(staff), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0

    names = [line["PhysicalDeliveryAddress"]["Name"] for line in vendor_lines(isolated_data_dir)]
    assert sorted(names) == ["Ann Lee", "Cid Poe"]
    assert {s.row: s.reason for s in load_sheet(staff).skipped} == {
        3: "the list says not to send it (note on cell A3: 'Left the company - do not send')",
        5: "the list says not to send it (note on cell B5: 'Do not send - deceased')",
    }


@pytest.mark.parametrize(
    ("where", "key"),
    [
        ("title", "Rows highlighted in red = do not send"),
        ("under", "* Red rows: DO NOT SEND (left company)"),
        ("beside", "Yellow = removed"),
    ],
)
def test_a_key_to_the_sheet_s_colours_saying_which_rows_not_to_send_refuses_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], isolated_data_dir: Path, where: str, key: str
) -> None:
    """Found by hunter-sheets: Bob's row filled red under the key 'Rows highlighted in red = do not send' (in
    the title, under the list, or beside its header) was ordered with the others: bulkship sees no fill
    colour. Refused, naming the cell; a title of other words ('Red Cross volunteers - cards to send') and
    the same list without the key are read as before."""

    def workbook(title: str | None, under: str | None, beside: str | None) -> Path:
        book = openpyxl.Workbook()
        sheet = book.active
        if title:
            sheet.append([title])
        sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", None, beside])
        for number, name in enumerate(["Ann Lee", "Bob Ray", "Cid Poe"], start=1):
            sheet.append([name, f"{number} Main St", "Boston", "MA", "02134", "CVS", 25])
        for cell in sheet[sheet.max_row - 1][:7]:
            cell.fill = PatternFill("solid", fgColor="FFFF0000")
        if under:
            sheet.append([])
            sheet.append([under])
        book.save(tmp_path / "gifts.xlsx")
        return tmp_path / "gifts.xlsx"

    path = workbook(key if where == "title" else None, key if where == "under" else None,
                    key if where == "beside" else None)  # fmt: skip
    cell = {"title": "A1", "under": "A6", "beside": "I1"}[where]
    code, data, _err = validate_json(capsys, path)
    assert (code, data["error"]) == (
        2,
        f"sheet 'Sheet' of gifts.xlsx: cell {cell} says '{key}': bulkship does not see colours or highlighting, "
        "and would order the rows it marks like any other",
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 2
    assert vendor_lines(isolated_data_dir) == []
    for title in (None, "Red Cross volunteers - cards to send"):
        assert validate_json(capsys, workbook(title, None, None))[0] == 0


@pytest.mark.parametrize(
    "title",
    [
        "Service awards Q4 - approved 11/20 (new names highlighted)",
        "Holiday cards: names in bold are managers - send all",
    ],
)
def test_a_title_naming_colours_that_decide_no_row_is_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], isolated_data_dir: Path, title: str
) -> None:
    """Found by review15: a title approving the list and saying what its highlighting marks ('approved 11/20
    (new names highlighted)'), or one marking managers in bold and saying to send all, refused the list as a
    key to colours deciding which rows go. Every row is sent; 'Red = do not send; send all others' still
    refuses."""

    def workbook(above: str) -> Path:
        book = openpyxl.Workbook()
        book.active.append([above])
        book.active.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value"])
        book.active.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 25])
        book.active.append(["Bob Ray", "2 Main St", "Boston", "MA", "02134", "CVS", 25])
        book.save(tmp_path / "gifts.xlsx")
        return tmp_path / "gifts.xlsx"

    assert validate_json(capsys, workbook(title))[0] == 0
    path = str(tmp_path / "gifts.xlsx")
    assert main(["run", path, "--yes", "--wait", "0", "--out", str(tmp_path / "o")]) == 0
    assert len(vendor_lines(isolated_data_dir)) == 2
    assert validate_json(capsys, workbook("Red = do not send; send all others"))[0] == 2


@pytest.mark.parametrize(
    "title",
    [
        "DRAFT - DO NOT SEND",
        "ON HOLD",
        "Do not send until approved by Finance",
        "NOT FINAL - pending approval",
    ],
)
def test_a_title_saying_the_list_is_not_to_be_sent_refuses_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], isolated_data_dir: Path, title: str
) -> None:
    """Found by hunter-sheets: 'DRAFT - DO NOT SEND' typed above the header: every row was ordered (the same
    words as a heading inside the list leave the rows under it out). Refused, quoting it; titles saying
    something else ('Holiday gifts 2026 - FINAL', 'Do not send to PO boxes', a Salesforce report's 'Do Not
    Mail equals False') are read as before."""

    def workbook(*above: str) -> Path:
        book = openpyxl.Workbook()
        for line in above:
            book.active.append([line])
        book.active.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value"])
        book.active.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 25])
        book.save(tmp_path / "gifts.xlsx")
        return tmp_path / "gifts.xlsx"

    code, data, _err = validate_json(capsys, workbook(title, ""))
    assert (code, data["error"]) == (
        2,
        f"sheet 'Sheet' of gifts.xlsx: row 1, above the header, says '{title}': bulkship will not order a list "
        "that says it is not to be sent",
    )
    assert (
        main(["run", str(tmp_path / "gifts.xlsx"), "--yes", "--wait", "0", "--out", str(tmp_path / "o")]) == 2
    )
    assert vendor_lines(isolated_data_dir) == []
    path = workbook("Holiday gifts 2026 - FINAL", "Do not send to PO boxes", "Do Not Mail equals False")
    assert validate_json(capsys, path)[0] == 0


@pytest.mark.parametrize(
    "title",
    [
        "CONFIDENTIAL - Do not use or distribute outside HR",
        "Internal use only. Do not use for any other purpose.",
        "Holiday gifts 2026 (final; replaces the draft sent 11/20)",
    ],
)
def test_a_confidentiality_banner_or_a_final_list_naming_its_draft_is_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], isolated_data_dir: Path, title: str
) -> None:
    """Found by review15: an HR export's banner 'Do not use or distribute outside HR', or a title saying the
    list replaces 'the draft', refused the whole list as 'says it is not to be sent'. Both are ordinary lists
    and are sent; 'OLD LIST - DO NOT USE' still refuses."""

    def workbook(above: str) -> Path:
        book = openpyxl.Workbook()
        book.active.append([above])
        book.active.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value"])
        book.active.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 25])
        book.save(tmp_path / "gifts.xlsx")
        return tmp_path / "gifts.xlsx"

    assert validate_json(capsys, workbook(title))[0] == 0
    assert (
        main(["run", str(tmp_path / "gifts.xlsx"), "--yes", "--wait", "0", "--out", str(tmp_path / "o")]) == 0
    )
    assert len(vendor_lines(isolated_data_dir)) == 1
    assert validate_json(capsys, workbook("OLD LIST - DO NOT USE"))[0] == 2


def test_a_note_or_a_name_saying_the_person_left_leaves_its_row_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets2: Notes 'Left 11/1', 'Left', 'left - 11/30' and a name 'Ed Fox (left 11/1)' were
    ordered, while a Status column of the same words left its rows out. 'Left voicemail' and 'Left message
    11/2' say something else, and are sent."""
    path = tmp_path / "left.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02108,CVS,25,Left 11/1\n"
        "Bob Ray,2 Main St,Boston,MA,02108,CVS,25,Left\n"
        "Cy Ng,3 Main St,Boston,MA,02108,CVS,25,left - 11/30\n"
        "Di Ow,4 Main St,Boston,MA,02108,CVS,25,Left voicemail\n"
        "Ed Fox (left 11/1),5 Main St,Boston,MA,02108,CVS,25,\n"
        "Flo Orr (left),6 Main St,Boston,MA,02108,CVS,25,\n"
        "Gus Kim,7 Main St,Boston,MA,02108,CVS,25,left on 11/1\n"
        "Hal Poe,8 Main St,Boston,MA,02108,CVS,25,Left message 11/2\n"
    )
    code, data, _ = validate_json(capsys, path)
    assert (code, data["valid"]) == (0, 2)
    assert [(s["row"], s["kind"]) for s in data["skipped"]] == [
        (r, "not to send") for r in (2, 3, 4, 6, 7, 8)
    ]


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> ConvertedTogether:
    """LibreOffice's ODS copies of this module's workbooks, converted together (one soffice start)."""
    inputs = {
        "crossed.xlsx": crossed_out_rows, "changed.xlsx": answers_changed_in_the_cell,
        "partly.xlsx": partly_crossed_out_cells, "staff.xlsx": staff_with_notes,
        "list.xlsx": hidden_by_hand_and_in_a_group, "filtered.xlsx": filtered_on_department,
    }  # fmt: skip
    return ConvertedTogether(
        tmp_path_factory.mktemp("libreoffice"), {n: (b, "ods") for n, b in inputs.items()}
    )


@pytest.mark.parametrize("header", ["✓", "Select", "Pick", "☑ Send"])
def test_a_column_of_checkboxes_left_unchecked_leaves_its_row_out(tmp_path: Path, header: str) -> None:
    """Found by hunter-sheets3: Excel's checkboxes (TRUE / FALSE cells) in a column headed '✓', 'Select' or
    'Pick': the row left unchecked was ordered, as no column picking the rows. 'Checked' or 'Verified' (the
    data was looked at) is no such column."""
    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", header])
    book.active.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50, True])
    book.active.append(["Bob Ray", "2 Elm St", "Boston", "MA", "02134", "CVS", 50, False])
    book.active.append(["Cy Orr", "3 Elm St", "Boston", "MA", "02134", "CVS", 50, True])
    book.save(tmp_path / "boxes.xlsx")
    assert {s.row: s.reason for s in load_sheet(tmp_path / "boxes.xlsx").skipped} == {
        3: f"the list says not to send it (column '{header}': 'FALSE')"
    }
    book.active["H1"] = "Verified"
    book.save(tmp_path / "boxes.xlsx")
    assert load_sheet(tmp_path / "boxes.xlsx").skipped == ()


def test_a_column_of_ticks_with_no_header_refuses_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets4 (the last note's 'a column of checkboxes with no header: sent'): Excel's
    checkboxes, or 'x' marks, in a column with no header, Bob's left unticked: every row was ordered. A
    tick there may pick the rows to send or mark those done; ordering all is wrong either way. Refused in
    one line (exit 2) saying how to head it; every row ticked, or the column headed, reads as before."""
    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", None])
    book.active.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50, True])
    book.active.append(["Bob Ray", "2 Elm St", "Boston", "MA", "02134", "CVS", 50, False])
    book.active.append(["Cy Orr", "3 Elm St", "Boston", "MA", "02134", "CVS", 50, True])
    book.save(tmp_path / "boxes.xlsx")
    marks = tmp_path / "marks.csv"
    marks.write_text(
        ",Name,Address,City,State,ZIP,Product,Value\nx,Ann Lee,1 Main St,Boston,MA,02134,CVS,50\n"
        ",Bob Ray,2 Elm St,Boston,MA,02134,CVS,50\nX,Cy Orr,3 Elm St,Boston,MA,02134,CVS,50\n"
    )
    for path, letter in ((tmp_path / "boxes.xlsx", "H"), (marks, "A")):
        with pytest.raises(
            FileFormatError, match=f"column {letter} has no header, and ticks some rows and not"
        ):
            load_sheet(path)
    assert main(["validate", str(marks), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if line.startswith("Error:")] == [
        "Error: marks.csv: column A has no header, and ticks some rows and not others (row 3 is not ticked): "
        "bulkship cannot tell whether a tick picks a row to send or marks it done"
    ]
    book.active["H3"] = True  # every row ticked: nothing to tell apart
    book.save(tmp_path / "boxes.xlsx")
    assert len(load_sheet(tmp_path / "boxes.xlsx").frame) == 3
    book.active["H3"], book.active["H1"] = False, "Send?"
    book.save(tmp_path / "boxes.xlsx")
    assert [s.row for s in load_sheet(tmp_path / "boxes.xlsx").skipped] == [3]


@pytest.mark.parametrize("header", ["Column1", "Unnamed: 7", "F8", "Field8", "(blank)", "Column H"])
def test_a_column_of_ticks_named_by_a_program_for_want_of_a_header_refuses_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    """Found by hunter-sheets5: the column of checkboxes with no header, made an Excel table (Ctrl+T names it
    'Column1'), or written by pandas ('Unnamed: 7'), Access or Power Query ('F8'): read as a headed column,
    and every row ordered, Bob's unticked box too. Refused as a column with no header is."""
    from openpyxl.worksheet.table import Table

    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", header])
    book.active.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50, True])
    book.active.append(["Bob Ray", "2 Elm St", "Boston", "MA", "02134", "CVS", 50, False])
    book.active.append(["Cy Orr", "3 Elm St", "Boston", "MA", "02134", "CVS", 50, True])
    book.active.add_table(Table(displayName="Gifts", ref="A1:H4"))
    book.save(tmp_path / "boxes.xlsx")
    assert main(["run", str(tmp_path / "boxes.xlsx"), "--yes", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if line.startswith("Error:")] == [
        f"Error: sheet 'Sheet' of boxes.xlsx: column H has no header of its own ('{header}', a name a program "
        "gives such a column), and ticks some rows and not others (row 3 is not ticked): bulkship cannot tell "
        "whether a tick picks a row to send or marks it done"
    ]


@pytest.mark.parametrize("header", ["x", "X", "*", "?", "√", "[x]"])
def test_a_column_of_ticks_headed_by_a_mark_refuses_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    """Found by hunter-sheets6: a column headed only 'x' (or '*', '?') of x's and blanks was read as a
    headed column saying nothing, and every row ordered, Bob's blank too. The mark says no more than no
    header: refused as a column with no header is. Every row ticked is sent as before."""
    rows = "".join(
        f"{name},{i} Main St,Boston,MA,02134,CVS,50,{tick}\n"
        for i, (name, tick) in enumerate((("Ann Lee", "x"), ("Bob Ray", ""), ("Cy Orr", "x")), start=1)
    )
    path = tmp_path / "marks.csv"
    path.write_text(f"Name,Address,City,State,ZIP,Product,Value,{header}\n{rows}")
    assert main(["run", str(path), "--yes", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if line.startswith("Error:")] == [
        f"Error: marks.csv: column H has no header but the mark '{header}', and ticks some rows and not "
        "others (row 3 is not ticked): bulkship cannot tell whether a tick picks a row to send or marks it done"
    ]
    all_ticked = rows.replace(",50,\n", ",50,x\n")
    path.write_text(f"Name,Address,City,State,ZIP,Product,Value,{header}\n{all_ticked}")
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 0


@pytest.mark.parametrize(
    ("header", "said"),
    [("Gift Status", "In transit"), ("Order Status", "Backordered"), ("Card Status", "Order placed"),
     ("Gift Status", "Issued"), ("Gift Status", "Activated"), ("Status", "Out for delivery"),
     ("Status", "Redeemed"), ("Done", "Awaiting shipment")],
)  # fmt: skip
def test_a_status_saying_the_card_is_on_its_way_leaves_its_row_out(
    tmp_path: Path, header: str, said: str
) -> None:
    """Found by hunter-sheets6: a shop's or a vendor's order status copied into the list ('Gift Status' = In
    transit, Backordered, Order placed, Issued) left the row in, and the card was ordered a second time.
    'Active' or 'Pending' there, and an employee 'Status' of 'Issued' or 'Submitted', still send."""
    path = tmp_path / "status.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        f"Ann Lee,1 Main St,Boston,MA,02134,CVS,50,{said}\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,Active\n"
        "Cy Orr,3 Elm St,Boston,MA,02134,CVS,50,Pending\n"
    )
    loaded = load_sheet(path)
    assert [s.row for s in loaded.skipped] == [2]
    # (an employee status too: it read 'not to send it' until review26)
    assert loaded.skipped[0].reason == f"the list says it was sent already (column '{header}': '{said}')"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Status\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,Issued\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50,Submitted\n"
    )
    assert load_sheet(path).skipped == ()


def test_a_csv_saved_from_a_filtered_workbook_beside_it_is_refused_not_ordered_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Dept' filtered to Sales in gifts.xlsx, then File › Save As CSV: Excel and LibreOffice write every row,
    the filtered-out ones too, and Bob of Ops was ordered from gifts.csv (found by hunter-sheets7)."""
    book = openpyxl.Workbook()
    sheet = book.active
    rows: list[list[object]] = [
        ["Name", "Street", "City", "State", "Zip", "Card", "Amount", "Dept"],
        ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 25, "Sales"],
        ["Bob Ray", "2 Elm St", "Salem", "MA", "01970", "CVS", 25, "Ops"],
        ["Cy Dunn", "3 Oak St", "Lynn", "MA", "01901", "CVS", 25, "Sales"],
    ]
    for row in rows:
        sheet.append(row)
    sheet.auto_filter.ref = "A1:H4"
    sheet.auto_filter.add_filter_column(7, ["Sales"])
    sheet.row_dimensions[3].hidden = True
    book.save(tmp_path / "gifts.xlsx")
    text = "".join(",".join(str(cell) for cell in row) + "\n" for row in rows)  # as LibreOffice saves it
    (tmp_path / "gifts.csv").write_text(text)
    code, _, err = validate_json(capsys, tmp_path / "gifts.csv")
    assert code == 2
    assert (
        "gifts.csv holds 1 row(s) that gifts.xlsx beside it hides or filters out (row 3: Bob Ray, 2 Elm St, "
        "Salem, MA, CVS, Ops): a CSV saved from a filtered sheet keeps every row, so the people filtered out "
        "would be ordered. Nothing was sent"
    ) in " ".join(err.split())
    code, data, _ = validate_json(capsys, tmp_path / "gifts.csv", "--include-hidden")
    assert (code, data["valid"]) == (0, 3)
    (tmp_path / "gifts.csv").write_text(text.replace("Bob Ray,2 Elm St,Salem,MA,01970,CVS,25,Ops\n", ""))
    code, data, _ = validate_json(capsys, tmp_path / "gifts.csv")  # the filtered rows deleted: sent as it is
    assert (code, data["valid"]) == (0, 2)


def test_a_note_saying_the_approval_it_waited_for_came_sends_the_row(tmp_path: Path) -> None:
    """Found by hunter-sheets9, fixed by hunter-sheets10: 'Pending approval - approved 11/2' was held like a
    bare 'Pending approval' (the note says the wait is over; 'Legal hold - cleared' was already sent). Not
    when the approval is not there yet, or what was approved is not sending."""
    over = ["Pending approval - approved 11/2", "Pending approval: approved", "Pending approval (approved 12/1)",
            "Pending manager sign-off - signed off 11/30", "Hold for approval - approved"]  # fmt: skip
    held = ["Pending approval", "Pending approval - not approved", "Pending approval - approved? ask Jo",
            "Pending approval - approved by mgr, awaiting finance", "Pending approval - approval expected 12/10",
            "Do not send - approved by HR", "Remove - approved by manager"]  # fmt: skip
    path = tmp_path / "notes.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"])
        writer.writerows(
            [f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", "50", note]
            for i, note in enumerate(over + held)
        )
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert sorted(skipped) == list(range(2 + len(over), 2 + len(over) + len(held))), skipped


def test_dates_stamped_with_a_time_zone_are_read_as_the_day_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets10: an HR system's export writes its dates as time stamps with a zone
    ('2026-12-20T00:00:00Z', '...T08:00:00-08:00'). A 'Do Not Send Before' or 'Termination Date' column of
    them stopped `bulkship validate` and `run` with a pandas traceback (comparing a zoned date with today;
    "Mixed timezones detected" beside a plain date). They are now read as the day written."""
    today = datetime.date.today()
    later, gone = today + datetime.timedelta(days=10), today - datetime.timedelta(days=30)
    path = tmp_path / "export.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Value",
                         "Do Not Send Before", "Termination Date"])  # fmt: skip
        writer.writerows(
            [
                [
                    "E1",
                    "Ann Lee",
                    "1 Main St",
                    "Boston",
                    "MA",
                    "02134",
                    "CVS",
                    "50",
                    f"{later}T00:00:00Z",
                    "",
                ],
                ["E2", "Bob Ray", "2 Main St", "Boston", "MA", "02134", "CVS", "50", f"{gone:%m/%d/%Y}", ""],
                [
                    "E3",
                    "Cy Dunn",
                    "3 Main St",
                    "Boston",
                    "MA",
                    "02134",
                    "CVS",
                    "50",
                    "",
                    f"{gone}T08:00:00-08:00",
                ],
                [
                    "E4",
                    "Di Fox",
                    "4 Main St",
                    "Boston",
                    "MA",
                    "02134",
                    "CVS",
                    "50",
                    f"{gone}T09:30:00+01:00",
                    "",
                ],
                ["E5", "Ed Wu", "5 Main St", "Boston", "MA", "02134", "CVS", "50", "", f"{later}T00:00:00Z"],
            ]
        )
    code = main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["valid"] == 3, data
    assert [s["row"] for s in data["skipped"]] == [2, 4], data["skipped"]


def test_a_note_holding_a_row_for_another_reason_is_not_sent_for_an_approval_it_names(tmp_path: Path) -> None:
    """Found by review24: after 'Pending approval - approved 11/2' was sent, any note naming an approval and
    then 'approved' was: 'Terminated - final pay approval: approved', 'Do not send - approval revoked,
    previously approved' ordered a card for a person the list says not to send to. Only a note that opens
    waiting for the approval is undone by it."""
    over = ["Pending approval - approved 11/2", "Hold - awaiting approval - approved by Jo 11/4",
            "Awaiting VP approval - approved", "Do not send until approval - approved 11/2"]  # fmt: skip
    held = ["Terminated - final pay approval: approved", "Do not send - approval revoked, previously approved",
            "Removed - removal approval, approved by VP", "DNS - left company. Approval to remove: approved",
            "Do not send - termination approval: approved 11/2", "Declined - approval: approved"]  # fmt: skip
    path = tmp_path / "notes.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"])
        writer.writerows(
            [f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", "50", note]
            for i, note in enumerate(over + held)
        )
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert sorted(skipped) == list(range(2 + len(over), 2 + len(over) + len(held))), skipped


def test_a_ditto_mark_under_a_no_leaves_its_row_out_too(tmp_path: Path) -> None:
    """Found by hunter-sheets10: a hand-typed list says "the same as above" with a ditto mark. 'Send?' = No
    and then '"' or '〃' below it, or a note 'Do not send - contractor' and then '"' or 'ditto' below it: only
    the first row was left out, the rows under it were ordered. A ditto now reads as the cell above it says,
    and the reason shows both."""
    path = tmp_path / "typed.csv"
    rows = [("No", ""), ('"', ""), ("〃", ""), ("Yes", "Do not send - contractor"), ("Yes", '"'),
            ("Yes", "ditto"), ("Yes", ""), ("ditto", ""), ("No", ""), ("同上", ""), ("Ídem", "")]  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Send?", "Notes"])
        writer.writerows(
            [f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", "50", *cells]
            for i, cells in enumerate(rows)
        )
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert sorted(skipped) == [2, 3, 4, 5, 6, 7, 10, 11, 12], skipped
    assert skipped[4] == "the list says not to send it (column 'Send?': '〃', the same as above: 'No')"


def test_check_boxes_typed_as_characters_are_read_as_ticked_or_not(tmp_path: Path) -> None:
    """Found by hunter-sheets10: a list copied from a Word or Google Docs checklist holds its boxes as
    characters. 'Send?' = ☐ (unticked), □ or ✕ was ordered; 'Card Sent?' = ☐ or ❌ (not sent) was left out as
    "sent already" (the person got no card). ☒ is Word's ticked box."""
    rows = [("☑", "☐"), ("☐", ""), ("✕", ""), ("□", ""), ("☑", "☒"), ("☑", "❌"), ("☒", ""), ("☑", "☑")]
    path = tmp_path / "checklist.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Send?", "Card Sent?"]
        )
        writer.writerows(
            [f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", "50", *cells]
            for i, cells in enumerate(rows)
        )
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert sorted(skipped) == [3, 4, 5, 6, 9], skipped
    assert skipped[6] == "the list says it was sent already (column 'Card Sent?': '☒')"


def test_a_note_saying_whose_decision_it_is_not_to_send_leaves_the_row_out(tmp_path: Path) -> None:
    """Found by review24: 'Do not send per HR', 'Terminated per HR', 'Removed per manager', 'On hold per
    legal' were each ordered (validate: 3 valid), as if the list had said nothing; 'Do not send to office
    per employee - home only' and 'Left voicemail per HR' still send."""
    over = [
        "Do not send to office per employee - home only",
        "Left voicemail per HR",
        "Hold per legal - cleared",
    ]
    held = ["Do not send per HR", "Terminated per HR", "Removed per manager", "On hold per legal",
            "Cancelled as per HR", "DNS per Jo"]  # fmt: skip
    path = tmp_path / "notes.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"])
        writer.writerows(
            [f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", "50", note]
            for i, note in enumerate(over + held)
        )
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert sorted(skipped) == list(range(2 + len(over), 2 + len(over) + len(held))), skipped


def test_a_crossed_box_down_a_column_of_ticked_boxes_says_no(tmp_path: Path) -> None:
    """Found by review24: 'Send?' = ☑ on some rows and ☒ on the others (yes and no as a form writes them)
    ordered every row; the ☒ rows are now left out. A column of ☒ and empty cells (Word's checklist) still
    sends its ☒ rows."""
    path = tmp_path / "boxes.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Send?", "Picked"])
        writer.writerows(
            [f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", "50", send, picked]
            for i, (send, picked) in enumerate([("☑", "☒"), ("☒", "☒"), ("☑", ""), ("☒ ", "☒")])
        )
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert sorted(skipped) == [3, 4, 5], skipped
    assert "'Send?': '☒'" in skipped[3] and "'Picked' ticks the rows to send" in skipped[4], skipped


def test_a_date_written_without_its_year_holds_until_its_next_day_unless_just_passed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-sheets11: Excel saves a date it shows as d-mmm ('20-Dec', as it shows '12/20' typed in
    a cell) to a CSV without its year, and people type 'Dec 20'. Read as year 1, a 'Do Not Send Before' of
    '20-Dec' on Dec 4 was a date passed: the card went out at once, exit 0, nothing said. Such a date is
    now the one nearest today: Dec 20 and Jan 5 are to come (held), Nov 28 passed (sent). A 'Termination
    Date' of '15-Jan' or '15-Nov' is as likely last January's: read as passed, as before (left out), never as
    next January's (a card to someone gone)."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    path = tmp_path / "export.csv"
    cells = [("20-Dec", ""), ("Dec 20", ""), ("12/20", ""), ("Jan 5", ""), ("28-Nov", ""), ("", "15-Jan"),
             ("", "15-Nov"), ("Jun 10", ""), ("20-Sep", "")]  # fmt: skip
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Do Not Send Before",
                         "Termination Date"])  # fmt: skip
        for i, (before, gone) in enumerate(cells, start=1):
            writer.writerow(
                [f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", "50", before, gone]
            )
    code = main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["valid"] == 2, data
    # 'Jun 10' is next June's, not last June's (nearer by 11 days: review25's T1); 'Sep 20', passed 75 days
    # ago, has passed
    assert [s["row"] for s in data["skipped"]] == [2, 3, 4, 5, 7, 8, 9], data["skipped"]


def test_a_note_holding_its_row_until_a_day_to_come_leaves_it_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-sheets11: a note naming the day a card may go ('Do not send before Dec 15', 'Hold until
    Jan 5', 'Send after 12/20', 'Ship on 12/18', 'Send in January') was read as no 'do not send' (it names
    a day) and every such card went out on Dec 4, exit 0, nothing said, while a 'Do Not Send Before' column
    saying the same held its row. Such a note now holds its row until that day, as the column does (a
    day it cannot read, 'Hold until next week', holds too); a day passed sends it, and a note naming no day
    ('Send on behalf of the CEO', 'Send in 2 boxes') is no hold."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    held = ["Do not send before Dec 15", "Top performer - do not send until Dec 15 (birthday)", "Hold until Jan 5",
            "Send after 12/20", "Ship on 12/18", "Don't ship until the 20th", "Send in January",
            "Hold until next week", "Wait until 2027"]  # fmt: skip
    sent = ["Do not send before 11/15", "Send after 11/20", "Send in November", "Send on behalf of the CEO",
            "Send in 2 boxes", "Ship on time please", "Do not send before 12/1/2026"]  # fmt: skip
    rows = [f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{note}" for i, note in enumerate(held + sent)]
    path = tmp_path / "notes.csv"
    path.write_text("Name,Address,City,State,ZIP,Product,Value,Notes\n" + "\n".join(rows) + "\n")
    code = main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["valid"] == len(sent), data
    assert [s["row"] for s in data["skipped"]] == list(range(2, 2 + len(held))), data["skipped"]
    assert (
        data["skipped"][0]["reason"]
        == "the list says not to send it yet (column 'Notes': 'Do not send before Dec 15')"
    )


def test_a_row_held_until_a_day_is_sent_by_the_same_file_run_on_that_day(
    tmp_path: Path,
    isolated_data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Found by hunter-sheets11: Bob's 'Do Not Send Before' = Dec 5 (and Cy's note 'Do not send before Dec
    5') held their rows on Dec 4, Ann's card went out. Run again on Dec 5 as the notice says, the same file
    was 'already complete for this file: nothing was sent': their cards never went out, batch 'sent'. The
    run on that day now sends them, once; Ann's card is not sent again."""
    day = [datetime.date(2026, 12, 4)]
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": day[0])
    path = tmp_path / "dec.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Do Not Send Before,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,,\n"
        "Bob Ray,2 Main St,Boston,MA,02134,CVS,50,2026-12-05,\n"
        "Cy Dunn,3 Main St,Boston,MA,02134,CVS,50,,Do not send before Dec 5\n"
    )
    args = ["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    assert main(args) == 0
    assert "sent by running the same file again on or after that day" in capsys.readouterr().err
    assert [ln["PhysicalDeliveryAddress"]["Name"] for ln in vendor_lines(isolated_data_dir)] == ["Ann Lee"]
    assert main(args) == 0  # the same day: nothing new
    day[0] = datetime.date(2026, 12, 5)
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "already complete" not in err, err
    names = sorted(ln["PhysicalDeliveryAddress"]["Name"] for ln in vendor_lines(isolated_data_dir))
    assert names == ["Ann Lee", "Bob Ray", "Cy Dunn"], err
    assert main(args) == 0
    assert "already complete for this file" in capsys.readouterr().err


@pytest.mark.parametrize("zero", ["1/0/1900", "0-Jan-00", "00-Jan-1900", "00/01/1900", "1900-01-00 00:00:00",
                                  "1/0/1900 0:00", "12/30/1899", "30.12.1899",
                                  # a database's no date: SQL Server's, .NET's (hunter-falsealarm2)
                                  "1900-01-01", "1900-01-01 00:00:00.000", "01/01/1900", "0001-01-01"])  # fmt: skip
def test_the_zero_date_a_lookup_gives_for_an_empty_cell_is_no_date(tmp_path: Path, zero: str) -> None:
    """Found by hunter-sheets11: a list built with =VLOOKUP from an HR export shows a blank 'Termination
    Date' or 'Date Sent' as the spreadsheet's day 0 ('1/0/1900' in Excel, '12/30/1899' in LibreOffice and
    Google Sheets), and a CSV saved from it keeps that text: read as a day long passed, every active person
    was left out as gone or as sent already. Such a cell says no date: the row is sent; a real date passed
    still leaves its row out."""
    # (a sent column's 1900-01-01 is also a 1 under a date format: test_a_1_typed_under_a_date_sent_...)
    sent = "" if zero in ("1900-01-01", "01/01/1900") else zero
    path = tmp_path / "lookup.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Termination Date,Date Sent\n"
        f"Ann Lee,1 Main St,Boston,MA,02134,CVS,50,{zero},{sent}\n"
        "Bob Ray,2 Main St,Boston,MA,02134,CVS,50,11/15/2026,\n"
        "Cy Dunn,3 Main St,Boston,MA,02134,CVS,50,,11/15/2026\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == [3, 4]


def test_a_1_typed_under_a_date_sent_is_no_database_s_empty_date(tmp_path: Path) -> None:
    """Found by review30 in 3803f90: a 'Date Sent' (or 'Card Sent?') column marked 1 for done in a date
    format shows 1/1/1900, the day a database writes for no date; read as none, each row marked sent was
    ordered a second card, exit 0 (before 3803f90 it was said sent already). In a sent column the spreadsheet's
    1900-01-01 stays a day the card went; a database's own writing of it (with its milliseconds) and .NET's
    0001-01-01, which no spreadsheet shows, say no date, as do a blank and a 0."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Date Sent", "Card Sent?"])
    marks = [
        (1, None),
        (None, 1),
        (0, None),
        ("1900-01-01 00:00:00.000", None),
        ("0001-01-01", None),
        (None, None),
    ]
    for i, (sent_on, sent) in enumerate(marks):
        sheet.append([f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", 50, sent_on, sent])
        for column in ("H", "I"):
            sheet[f"{column}{i + 2}"].number_format = "m/d/yyyy"
    path = tmp_path / "sent.xlsx"
    book.save(path)
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert sorted(skipped) == [2, 3]
    assert skipped[2] == "the list says it was sent already (column 'Date Sent': '1900-01-01')"
    assert skipped[3].startswith("the list says it was sent already (column 'Card Sent?'")


def test_a_hold_naming_no_day_it_can_read_is_not_said_to_end_on_its_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-sheets11 in its own b25c5e7: 'after review' under 'Do Not Send Before', or a note 'Ship
    on Monday', hold their rows (no day can be read), but were said to be 'not to send yet', as if running
    the same file again on their day sent them: no day will. Only a date to come reads so; the others say
    to change the cell."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    path = tmp_path / "holds.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Do Not Send Before,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,after review,\n"
        "Bob Ray,2 Main St,Boston,MA,02134,CVS,50,2026-12-05,\n"
        "Cy Dunn,3 Main St,Boston,MA,02134,CVS,50,,Ship on Monday\n"
        "Di Fox,4 Main St,Boston,MA,02134,CVS,50,,Send after Dec 20\n"
    )
    reasons = {s.row: s.reason.split(" (")[0] for s in load_sheet(path).skipped}
    yet, no = "the list says not to send it yet", "the list says not to send it"
    assert reasons == {2: no, 3: yet, 4: no, 5: yet}


def test_a_date_sent_saying_no_date_in_an_xlsx_or_as_zeros_is_no_card_sent(tmp_path: Path) -> None:
    """Found by review25: the zero date of a lookup's empty 'Date Sent' as an XLSX keeps it (the number 0
    in a date format, read as '00:00:00'), or '00/00/0000', left the row out as 'sent already', exit 0, the
    person without a card (8a40a50 settled the CSV's '1/0/1900'). A 'Date Sent' saying no date sends the row;
    a real date still leaves it out."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Date Sent"])
    sheet.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50, 0])
    sheet.append(["Bob Ray", "2 Main St", "Boston", "MA", "02134", "CVS", 50, "00/00/0000"])
    sheet.append(
        ["Cy Dunn", "3 Main St", "Boston", "MA", "02134", "CVS", 50, datetime.datetime(2026, 11, 15)]
    )
    for row in (2, 4):
        sheet.cell(row, 8).number_format = "m/d/yyyy"
    book.save(tmp_path / "lookup.xlsx")
    assert [s.row for s in load_sheet(tmp_path / "lookup.xlsx").skipped] == [4]


def _skipped_on_dec_4(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str) -> dict[int, str]:
    """Row -> why it is left out, of a list loaded on Dec 4 whose column ``header`` dates Ann Dec 20 (to
    come), Bob Nov 20 (passed) and Cy not at all."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    path = tmp_path / "list.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,2026-12-20\n"
        "Bob Ray,2 Main St,Boston,MA,02134,CVS,50,2026-11-20\n"
        "Cy Dunn,3 Main St,Boston,MA,02134,CVS,50,\n"
    )
    return {s.row: s.reason for s in load_sheet(path).skipped}


@pytest.mark.parametrize(
    "header", ["Scheduled Send Date", "Earliest Ship Date", "Send Gift On", "Ship Date", "Mail Date"]
)
def test_a_scheduled_day_to_come_holds_its_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """Found by hunter-sheets11: a list's 'Scheduled Send Date', 'Earliest Ship Date', 'Send Gift On' (or a
    'Ship Date' / 'Mail Date') of Dec 20 was read as nothing on Dec 4: the card went out at once, exit 0.
    Such a day to come holds its row as 'Do Not Send Before' does; none sends it, and so does a day passed
    under a header saying only when it may go ('Earliest Ship Date', 'Send Gift On'); under one that may say
    when it went, a day passed leaves the row out (found by hunter-sheets12: the next test)."""
    skipped = _skipped_on_dec_4(tmp_path, monkeypatch, header)
    held = {2: f"the list says not to send it yet (column '{header}': '2026-12-20')"}
    if header in ("Scheduled Send Date", "Ship Date", "Mail Date"):
        held[3] = (
            f"the list dates it on a day passed, which may be the day it went out (column '{header}': '2026-11-20')"
        )
    assert skipped == held


@pytest.mark.parametrize("header", ["Ship Date", "Mail Date", "Scheduled Send Date"])
def test_a_ship_date_passed_is_not_sent_again_without_asking(
    tmp_path: Path,
    isolated_data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    header: str,
) -> None:
    """Found by hunter-sheets12: a tracking sheet's 'Ship Date' (or 'Mail Date', a gift platform's
    'Scheduled Send Date') of Nov 20, an XLSX date, run on Dec 4: the card was ordered, exit 0, where that
    may be the day it went (a second card). So was 'Shipped' there. Each is left out now, the notice saying
    how to send it if it has not gone; today's day and an empty cell send, and 'Pending' does under 'Ship
    Date' (a tracking sheet's not shipped yet; under 'Scheduled Send Date' it is not scheduled yet)."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", header])
    days = [datetime.datetime(2026, 11, 20), "Shipped", datetime.datetime(2026, 12, 4), "Pending", None]
    for i, day in enumerate(days):
        sheet.append([f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", 50, day])
        sheet.cell(i + 2, 8).number_format = "m/d/yyyy"
    book.save(tmp_path / "tracker.xlsx")

    code = main(
        ["run", str(tmp_path / "tracker.xlsx"), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    )

    err = capsys.readouterr().err
    assert code == 0, err
    names = [ln["PhysicalDeliveryAddress"]["Name"] for ln in vendor_lines(isolated_data_dir)]
    assert (
        names == ["Person 2", "Person 4"]
        if header.startswith("Scheduled")
        else ["Person 2", "Person 3", "Person 4"]
    )
    status = result_statuses(tmp_path / "out" / "tracker-results.xlsx")
    assert status[2] == (
        "skipped",
        f"the list dates it on a day passed, which may be the day it went out (column '{header}': '2026-11-20')",
    )
    assert status[3] == ("skipped", f"the list says it was sent already (column '{header}': 'Shipped')")
    assert "if it has not gone, put the day under a 'Send Date' column instead" in err


def test_a_row_held_until_its_ship_date_is_sent_when_run_after_that_day(
    tmp_path: Path,
    isolated_data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Found by hunter-sheets12: 'Ship Date' = Dec 20 held its row on Dec 4 ('run it on that day'); run again
    on Dec 22, the same cell read as a day passed that may be the day it went, and the row was left out, never
    sent. A row this batch held until that day goes out once the day has passed; one whose Ship Date had
    passed already on the first run (Nov 20) is still left out, and nothing is sent twice."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Ship Date"])
    days = [datetime.datetime(2026, 12, 20), datetime.datetime(2026, 11, 20), None]
    for i, day in enumerate(days):
        sheet.append([f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", 50, day])
        sheet.cell(i + 2, 8).number_format = "m/d/yyyy"
    book.save(tmp_path / "tracker.xlsx")
    run = ["run", str(tmp_path / "tracker.xlsx"), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    for run_on in (4, 22, 23):
        monkeypatch.setattr(
            "bulkship.program.local_day", lambda time_zone="", d=run_on: datetime.date(2026, 12, d)
        )
        assert main(run) == 0, capsys.readouterr().err
    names = [ln["PhysicalDeliveryAddress"]["Name"] for ln in vendor_lines(isolated_data_dir)]
    assert names == ["Person 2", "Person 0"]
    status = result_statuses(tmp_path / "out" / "tracker-results.xlsx")
    assert status[3][0] == "skipped" and status[2][0] != "skipped"


@pytest.mark.parametrize(
    "header",
    ["Exit Date", "Termination Effective Date", "Last Day of Work", "Employment End Date", "Resignation Date",
     "Departure Date", "Date Left", "Inactive Date"],
)  # fmt: skip
def test_the_day_someone_left_in_other_hr_words_leaves_their_row_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """Found by hunter-sheets11: 'Termination Date' or 'Separation Date' of a day passed left the row out, but
    the same day under 'Exit Date', 'Termination Effective Date', 'Last Day of Work', 'Employment End Date',
    'Resignation Date' (other HR systems' words) was read as nothing: a card to someone gone, exit 0. A day
    passed now leaves the row out; a day to come (still here) and none send."""
    skipped = _skipped_on_dec_4(tmp_path, monkeypatch, header)
    assert skipped == {3: f"the list says not to send it (column '{header}': '2026-11-20')"}


@pytest.mark.parametrize("header", ["Dismissal Date", "Date of Dismissal", "Dismissed On"])
def test_the_day_gusto_dismissed_someone_leaves_their_row_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """Found by newcomer9: Gusto words a termination as a dismissal ('Status' = Dismissed was read), but its
    'Dismissal Date' of a day passed was read as nothing: a card to someone gone, exit 0. A day passed now
    leaves the row out, as 'Termination Date' does; a day to come (still here) and none send."""
    skipped = _skipped_on_dec_4(tmp_path, monkeypatch, header)
    assert skipped == {3: f"the list says not to send it (column '{header}': '2026-11-20')"}


@pytest.mark.parametrize(
    "header",
    ["Termination Dt", "Term Dt", "Terminated Date", "Separation Dt", "Last Date Worked",
     "Actual Termination Date", "Date of Leaving", "End of Service Date"],
)  # fmt: skip
def test_the_day_someone_left_in_payroll_systems_abbreviations_leaves_their_row_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """Found by newcomer9: PeopleSoft's 'Termination Dt' / 'Term Dt', ADP's 'Last Date Worked', Oracle HCM's
    'Actual Termination Date', a UK payroll's 'Date of Leaving' (and 'Terminated Date', 'Separation Dt', 'End
    of Service Date') of a day passed were read as nothing: a card to someone gone, exit 0. A day passed now
    leaves the row out, as 'Termination Date' does; a day to come and none send."""
    skipped = _skipped_on_dec_4(tmp_path, monkeypatch, header)
    assert skipped == {3: f"the list says not to send it (column '{header}': '2026-11-20')"}


@pytest.mark.parametrize(
    "header",
    [
        "LWD",
        "Last Working Date",
        "Deactivation Date",
        "Date Deactivated",
        "Deactivated On",
        "Inactivation Date",
    ],
)
def test_the_day_someone_was_deactivated_leaves_their_row_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """Found by hunter-sheets22: an HRIS export's 'Deactivation Date' / 'Inactivation Date' or an Indian
    payroll's 'LWD' (last working day) of a day passed were read as nothing: a card to someone gone, exit 0.
    A day passed leaves the row out, as 'Termination Date' does; a day to come and none send."""
    skipped = _skipped_on_dec_4(tmp_path, monkeypatch, header)
    assert skipped == {3: f"the list says not to send it (column '{header}': '2026-11-20')"}


def test_a_status_naming_the_kind_of_leaving_leaves_the_row_out(tmp_path: Path) -> None:
    """Found by hunter-sheets11: an HR export's 'Employee Status' of 'Voluntary Termination', 'Involuntary
    Separation' or 'Discharged' (how some systems word the kind of leaving) was read as nothing: a card to
    someone gone, exit 0. Each now leaves its row out, as 'Terminated' does; 'Active' and a status about
    something else ('Voluntary Benefits Enrolled') send."""
    path = tmp_path / "staff.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Employee Status\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,Voluntary Termination\n"
        "Bob Ray,2 Main St,Boston,MA,02134,CVS,50,Involuntary Separation\n"
        "Cy Dunn,3 Main St,Boston,MA,02134,CVS,50,Discharged\n"
        "Di Fox,4 Main St,Boston,MA,02134,CVS,50,Active\n"
        "Ed Wu,5 Main St,Boston,MA,02134,CVS,50,Voluntary Benefits Enrolled\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == [2, 3, 4]


def test_a_status_saying_the_contract_or_employment_ended_leaves_the_row_out(tmp_path: Path) -> None:
    """Found by newcomer9 (a Gusto-like list's 'Status'): 'Contract ended', 'Employment terminated',
    'Previous employee', 'Not employed' and 'No longer here' were read as nothing: a card to someone gone,
    exit 0. Each now leaves its row out, as 'Terminated' does; 'Contract renewed', 'Employment verified' and
    'Active' send."""
    path = tmp_path / "staff.csv"
    statuses = ["Contract ended", "Employment terminated", "Previous employee", "Not employed",
                "No longer here", "Contract renewed", "Employment verified", "Active"]  # fmt: skip
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Status\n"
        + "".join(f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{s}\n" for i, s in enumerate(statuses))
    )
    assert [s.row for s in load_sheet(path).skipped] == [2, 3, 4, 5, 6]


@pytest.mark.parametrize("header", ["Employee Status", "Status", "Current Status"])
def test_a_status_written_after_its_code_leaves_a_person_gone_out(tmp_path: Path, header: str) -> None:
    """Found by newcomer9: a payroll export's 'Employee Status' written code first, 'T - Terminated',
    'D - Deceased', 'I - Inactive' (as Paycom, UKG and Paylocity list them), was read as nothing: a card to
    someone gone, exit 0, where 'Terminated' alone is left out. The words after the code are read: those
    rows are left out; 'A - Active', 'L - Leave of Absence', 'R - Retired' and 'I - Inactive - LOA' (a
    leave) send."""
    path = tmp_path / "payroll.csv"
    statuses = ["T - Terminated", "D - Deceased", "I - Inactive", "TRM: Terminated", "A - Active",
                "L - Leave of Absence", "R - Retired", "I - Inactive - LOA"]  # fmt: skip
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        + "".join(f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{s}\n" for i, s in enumerate(statuses))
    )
    assert [s.row for s in load_sheet(path).skipped] == [2, 3, 4, 5]


@pytest.mark.parametrize("header", ["Empl Status", "Assignment Status"])
def test_peoplesoft_s_and_oracle_s_status_of_a_person_gone_leaves_the_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by newcomer9: PeopleSoft's 'Empl Status' and Oracle HCM's 'Assignment Status' = Terminated (or
    PeopleSoft's code T, D) were read as nothing: a card to someone gone, exit 0, where 'Employee Status' and
    ADP's 'Position Status' leave the row out. They are read as a person's status now; Active and L (a
    leave) send."""
    path = tmp_path / "hr.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        + "".join(
            f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{s}\n"
            for i, s in enumerate(["Terminated", "T", "D", "Active", "L"])
        )
    )
    assert [s.row for s in load_sheet(path).skipped] == [2, 3, 4]


def test_peoplesoft_s_letters_for_terminated_with_pay_and_suspended_leave_the_row_out(tmp_path: Path) -> None:
    """Found by newcomer28: under PeopleSoft's 'Empl Status', its U (Terminated With Pay), V (Terminated
    Pension Payout) and S (Suspended) were read as nothing: a card to someone terminated or suspended, exit 0,
    where its T and D leave the row out. Its leaves (L, P), retirements (Q, R, X) and W (a short work break)
    still send; under a bare 'Status' an S or U is another system's letter, sent as before."""
    codes = ["U", "V", "S", "T", "A", "L", "P", "Q", "R", "W", "X"]
    for header, left_out in (("Empl Status", [2, 3, 4, 5]), ("Status", [5])):
        path = tmp_path / f"{header}.csv"
        path.write_text(
            f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
            + "".join(f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{s}\n" for i, s in enumerate(codes))
        )
        assert [s.row for s in load_sheet(path).skipped] == left_out, header


def test_oracle_s_assignment_statuses_in_its_verbs_leave_the_row_out(tmp_path: Path) -> None:
    """Found by newcomer28: Oracle HCM's own 'Assignment Status' values 'Suspend - No Payroll', 'Suspend -
    Payroll Eligible', 'Terminate Assignment', 'Terminate - Process' and 'End Assignment' were read as nothing
    (a card to someone suspended or gone, exit 0), where 'Suspended - No Payroll' and 'Terminated' leave the
    row out. Its active statuses still send."""
    statuses = ["Suspend - No Payroll", "Suspend - Payroll Eligible", "Terminate Assignment", "Terminate - Process",
                "End Assignment", "Active - Payroll Eligible", "Active - No Payroll", "Active Assignment"]  # fmt: skip
    path = tmp_path / "hcm.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Assignment Status\n"
        + "".join(f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{s}\n" for i, s in enumerate(statuses))
    )
    assert [s.row for s in load_sheet(path).skipped] == [2, 3, 4, 5, 6]


def test_oracle_hcm_s_system_codes_under_assignment_status_leave_the_row_out(tmp_path: Path) -> None:
    """Found by newcomer28 (N11, after a3e7937a): under Oracle HCM's 'Assignment Status', its system codes
    SUSPEND_PROCESS, SUSPEND_NO_PROCESS, INACTIVE_PROCESS, INACTIVE_NO_PROCESS were read as nothing (a card to
    someone suspended or gone, exit 0) where 'Suspended' and 'Inactive' leave the row out. ACTIVE_PROCESS still
    sends; under a bare 'Status' the codes read as before (another system's words)."""
    codes = [
        "SUSPEND_PROCESS",
        "suspend_no_process",
        "INACTIVE_PROCESS",
        "INACTIVE_NO_PROCESS",
        "ACTIVE_PROCESS",
    ]
    for header, left_out in (("Assignment Status", [2, 3, 4, 5]), ("Status", [])):
        path = tmp_path / f"{header}.csv"
        path.write_text(
            f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
            + "".join(f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{s}\n" for i, s in enumerate(codes))
        )
        assert [s.row for s in load_sheet(path).skipped] == left_out, header


def test_a_term_under_any_status_header_leaves_the_row_out(tmp_path: Path) -> None:
    """Found by newcomer9: 'Term', 'TERM 11/30' or "Term'd" under 'Status (HR)' or 'Payroll Status' was read
    as nothing (a card to someone gone, exit 0), where 'Terminated' there, and 'Term' under 'Status', leave
    the row out. Now they do; 'Active' sends."""
    path = tmp_path / "hr.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Payroll Status\n"
        + "".join(
            f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{s}\n"
            for i, s in enumerate(["Term", "TERM 11/30", "Term'd", "Active"])
        )
    )
    assert [s.row for s in load_sheet(path).skipped] == [2, 3, 4]


def test_a_send_date_saying_now_sends_the_row(tmp_path: Path) -> None:
    """Found by hunter-sheets11: a 'Send Date' (or 'Do Not Send Before') of 'ASAP', 'Now', 'Immediately' or
    'Today' read as no date and held its row for good, said as 'the list says not to send it (column 'Send
    Date': 'ASAP')', exit 0: nothing was sent. Such a cell says now: the row is sent; 'Upon approval' still
    holds it."""
    path = tmp_path / "asap.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Send Date\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,ASAP\n"
        "Bob Ray,2 Main St,Boston,MA,02134,CVS,50,Now\n"
        "Cy Dunn,3 Main St,Boston,MA,02134,CVS,50,Immediately\n"
        "Di Fox,4 Main St,Boston,MA,02134,CVS,50,Today\n"
        "Ed Wu,5 Main St,Boston,MA,02134,CVS,50,Upon approval\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == [6]


def test_a_date_sent_still_to_come_is_not_promised_to_go_on_its_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review25: 'Date Sent' = Dec 20 on Dec 4 was held as 'not to send it yet', the notice saying
    the same file run on that day sends it; run on Dec 20 the cell read as sent already and the person got no
    card. The notice now says to put the day under 'Send Date' (or clear the cell), promising nothing."""
    path = tmp_path / "gifts.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Date Sent\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,2026-12-20\nBob Ray,2 Main St,Boston,MA,02134,CVS,50,\n"
    )
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 0
    (notice,) = [n for n in json.loads(capsys.readouterr().out)["notices"] if "row 2" in n]
    assert "running the same file again on or after that day" not in notice, notice
    assert "put the day under a 'Send Date' column" in notice, notice


def test_a_note_holding_its_row_until_a_day_in_another_language_or_as_dns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-sheets11: 'No enviar antes del 20/12/2026', 'Ne pas envoyer avant le 20/12/2026',
    'Nicht senden vor dem 20.12.2026' (notes are read in these languages) and 'DNS until 12/20' were ordered
    at once on Dec 4, exit 0. Each holds its row until that day, as its English does; a day passed sends,
    and 'No enviar a la oficina' (says where) sends."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    notes = ["No enviar antes del 20/12/2026", "Ne pas envoyer avant le 20/12/2026",
             "Nicht senden vor dem 20.12.2026", "DNS until 12/20", "No enviar antes del 20/11/2026",
             "No enviar a la oficina"]  # fmt: skip
    path = _notes_sheet(tmp_path / "notes.csv", notes, header="Notas")
    skipped = {s.row: s.reason.split(" (")[0] for s in load_sheet(path).skipped}
    assert skipped == dict.fromkeys([2, 3, 4, 5], "the list says not to send it yet")


def test_a_cell_fixed_on_the_review_page_reads_again_its_column_only_each_text_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review26 (F7 of 98b0edd): each cell fixed on the web page's review read every column that
    may leave rows out again, each cell with its regexes: 1.6 to 3 s per fix on a 100k-row list, where the
    same fix on a small list is instant. Only the changed columns are read again (each whole: a column is
    read as a whole), each distinct text once; the row is still left out as the file's own would be."""
    from bulkship import api
    from bulkship.load.skipped import rows as skipped_rows
    from bulkship.load.skipped import said

    path = tmp_path / "long.csv"
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes", "Status"])
        for n in range(2000):
            note = "Call first" if n % 2 else ""
            writer.writerow(
                [f"Person {n}", f"{n} Main St", "Boston", "MA", "02134", "CVS", 25, note, "Active"]
            )
    loaded = load_sheet(path)
    read: list[list[str]] = []
    texts: list[int] = []
    judge, notes = skipped_rows._said_not_to_send, said._note_not_yet

    def judged(body: Any, *rest: Any) -> Any:
        read.append(list(body))
        return judge(body, *rest)

    def noted(column: Any, *rest: Any) -> Any:
        texts.append(len(column))
        return notes(column, *rest)

    monkeypatch.setattr(skipped_rows, "_said_not_to_send", judged)
    monkeypatch.setattr(said, "_note_not_yet", noted)

    moved = api.apply_corrections(loaded, {(5, "State"): "NH"})
    assert moved.skipped == loaded.skipped and read == [["State"]]
    left = api.apply_corrections(loaded, {(5, "State"): "NH", (6, "Notes"): "do not send - left"})
    assert [(s.row, s.reason) for s in left.skipped] == [
        (6, "the list says not to send it (column 'Notes': 'do not send - left')")
    ]
    assert read[1:] == [["State", "Notes"]] and texts == [3]  # '', 'Call first', 'do not send - left'


@pytest.mark.parametrize(
    ("header", "said"),
    [("Send Gift?", "N/A"), ("Send?", "n/a"), ("Send Gift (Y/N)", "NA"), ("Ship Gift (Y/N)", "N/A - contractor"),
     ("Include", "N.A.")],
)  # fmt: skip
def test_not_applicable_in_a_column_saying_whether_to_send_leaves_its_row_out(
    tmp_path: Path, header: str, said: str
) -> None:
    """Found by hunter-sheets14 (the lead's brief to hunter-sheets15): 'Send Gift?' = N/A (sending does not
    apply to the person) was read as no answer and the card ordered, exit 0. It is left out, as not to send;
    Yes and an empty cell send, and 'Approved' = N/A (no approval needed) still sends."""
    path = _notes_sheet(tmp_path / "na.csv", [said, "Yes", ""], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': '{said}')")
    ]
    approved = _notes_sheet(tmp_path / "approved.csv", ["N/A", "Yes"], header="Approved")
    assert not load_sheet(approved).skipped


@pytest.mark.parametrize(
    ("header", "said"),
    [("Financial Status", "refunded"), ("Financial Status", "voided"), ("Financial Status", "expired"),
     ("Payment Status", "Refunded")],
)  # fmt: skip
def test_a_shop_order_paid_back_or_never_paid_leaves_its_row_out(
    tmp_path: Path, header: str, said: str
) -> None:
    """Found by hunter-sheets15: a Shopify orders export's 'Financial Status' = refunded (or voided: the
    payment never taken) was read as nothing and the card ordered, exit 0, where its 'Cancelled at' left the
    row out. Each leaves its row out; paid, partially_refunded (the order stands), pending and empty send."""
    path = _notes_sheet(tmp_path / "orders.csv", [said, "paid", "partially_refunded", "pending", ""], header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': '{said}')")
    ]


def test_a_survey_response_left_unfinished_is_not_ordered(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets15 (hunter-sheets14's leftover 4): a Qualtrics export of a 'fill in our survey,
    get a card' ordered the responses its 'Finished' says were left part way (False, 1/0 in its numeric
    export: the person stopped at 45 %), exit 0, like those sent. Each is left out, said so."""
    path = qualtrics_export(
        tmp_path / "survey.csv",
        ("IP Address", "anonymous", "Ann Lee"), ("IP Address", "anonymous", "Bo Part"),
        ("IP Address", "anonymous", "Cy Orr"), ("IP Address", "anonymous", "Di Zero"),
        finished=["True", "False", "1", "0"],
    )  # fmt: skip

    names, err = run_survey(path, isolated_data_dir, capsys)

    assert names == ["Ann Lee", "Cy Orr"], err
    assert "row 5 (column 'Finished': 'False', a response not finished)" in err
    assert "row 7 (column 'Finished': '0', a response not finished)" in err


def test_a_finished_column_without_a_survey_s_progress_leaves_no_row_out(tmp_path: Path) -> None:
    """The other side of the test above: a tracker's own 'Finished' = No is work still to do, a card to send."""
    path = _notes_sheet(tmp_path / "tracker.csv", ["No", "False", "0", ""], header="Finished")
    assert not load_sheet(path).skipped


@pytest.mark.parametrize(
    ("header", "said"),
    [("Response Status", "Partial"), ("Completion Status", "Incomplete"), ("Response Type", "partial"),
     ("Submission Status", "In progress"), ("Response Status", "Not submitted")],
)  # fmt: skip
def test_a_form_response_said_partial_leaves_its_row_out(tmp_path: Path, header: str, said: str) -> None:
    """Found by hunter-sheets15: a form export's own status of a response left part way ('Response Status' =
    Partial, 'Completion Status' = Incomplete) was read as nothing and the card ordered, exit 0. Each is
    left out; Complete, Completed and an empty cell send."""
    path = _notes_sheet(tmp_path / "form.csv", [said, "Complete", "Completed", ""], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': '{said}', a response not finished)")
    ]


@pytest.mark.parametrize(
    ("header", "said"),
    [("Order Status", "Refunded"), ("Order Status", "Pending payment"), ("Order Status", "On-hold"),
     ("Gift Status", "on-hold"), ("Status", "Refunded")],
)  # fmt: skip
def test_a_shop_order_status_of_refunded_unpaid_or_on_hold_leaves_its_row_out(
    tmp_path: Path, header: str, said: str
) -> None:
    """Found by hunter-sheets15: a WooCommerce orders export's 'Order Status' = Refunded, Pending payment or
    On-hold (as WooCommerce writes it, with a hyphen) was read as nothing and the card ordered, exit 0,
    where 'On hold' and 'Cancelled' left the row out. Each leaves its row out as not to send."""
    path = _notes_sheet(tmp_path / "orders.csv", [said, "Not sent", ""], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': '{said}')")
    ]


@pytest.mark.parametrize(
    ("header", "said"),
    [("Mailing Opt-In", "No"), ("Direct Mail Opt In", "N"), ("Gift Opt-In", "No"), ("Wants Gift Card", "No"),
     ("Gift Acceptance", "Declined"), ("Direct Mail", "No"), ("Mailable", "N"), ("Deliverable", "No"),
     ("Address Valid?", "No"), ("Postal Opt Out", "Yes"), ("Postal Mail Opt-Out", "TRUE"),
     ("Exclude from Gifting", "Yes"), ("Unsubscribed from Gifts", "Y"), ("Remove from Mailing List", "X")],
)  # fmt: skip
def test_a_column_saying_the_person_takes_no_mail_or_gifts_leaves_its_row_out(
    tmp_path: Path, header: str, said: str
) -> None:
    """Found by hunter-sheets15 probing CRM and marketing exports: 'Mailing Opt-In' = No, 'Direct Mail' = No,
    'Mailable' = N, 'Address Valid?' = No, 'Postal Opt Out' = Yes, 'Exclude from Gifting' = Yes... were read
    as nothing and the card ordered, exit 0 (a card mailed to someone who opted out of mail, or to an
    address the list says mail does not reach). Each leaves its row out; Yes (or No under an opt-out) and
    an empty cell send."""
    other = "No" if said in ("Yes", "TRUE", "Y", "X") else "Yes"
    path = _notes_sheet(tmp_path / "mail.csv", [said, other, ""], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': '{said}')")
    ]


@pytest.mark.parametrize("header", ["Direct Mail", "Address Valid?", "Address Verified", "Deliverable"])
def test_a_column_saying_mail_reaches_the_person_ticked_on_some_rows_picks_none(
    tmp_path: Path, header: str
) -> None:
    """The other side of the test above: such a column ticked on the addresses checked so far and empty on
    the others is no column of ticks picking the rows to send: only a No leaves a row out."""
    path = _notes_sheet(tmp_path / "checked.csv", ["Yes", "", "Y", ""], header=header)
    assert not load_sheet(path).skipped


@pytest.mark.parametrize(
    ("header", "said"),
    [("Gift Card Number", "6035123412341234"), ("Gift Card #", "6035 1234 5678"), ("GC Number", "100234")],
)  # fmt: skip
def test_the_number_of_a_card_issued_leaves_its_row_out_as_sent(
    tmp_path: Path, header: str, said: str
) -> None:
    """Found by hunter-sheets15: a tracker's 'Gift Card Number' filled in once the card was issued was read as
    nothing and a second card ordered, exit 0, where a 'Tracking #' left the row out. It is sent already
    ('Resend' sends it); 'N/A', 'Pending' and an empty cell send, and a bare 'Card Number' (a badge's) is
    read as nothing."""
    path = _notes_sheet(tmp_path / "issued.csv", [said, "N/A", "Pending", ""], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says it was sent already (column '{header}': '{said}')")
    ]
    badge = _notes_sheet(tmp_path / "badge.csv", ["100234", "100235"], header="Card Number")
    assert not load_sheet(badge).skipped


@pytest.mark.parametrize(
    ("header", "said"),
    [("Address Status", "Undeliverable"), ("Address Status", "Invalid"), ("NCOA", "Moved - left no address"),
     ("NCOA Result", "Box Closed"), ("Deliverability", "undeliverable")],
)  # fmt: skip
def test_an_address_status_saying_mail_does_not_reach_it_leaves_its_row_out(
    tmp_path: Path, header: str, said: str
) -> None:
    """Found by hunter-sheets15: a CRM's 'Address Status' = Undeliverable or a mail house's 'NCOA' = Moved,
    left no address was read as nothing and the card mailed where it is lost, exit 0. Each leaves its row
    out; Valid, Verified, 'Moved - new address found' and an empty cell send."""
    kept = ["Valid", "Verified", "Moved - new address found", ""]
    path = _notes_sheet(tmp_path / "addresses.csv", [said, *kept], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': '{said}')")
    ]


@pytest.mark.parametrize(
    ("header", "said", "why"),
    [("Is this person still employed? (Yes/No)", "No", "the list says not to send it"),
     ("Is the employee still with the company?", "No", "the list says not to send it"),
     ("Has the employee left?", "Yes", "the list says not to send it"),
     ("Did they leave the company?", "Yes", "the list says not to send it"),
     ("Has this person already received a gift card this year?", "Yes", "the list says it was sent already")],
)  # fmt: skip
def test_a_question_about_the_person_answered_so_leaves_its_row_out(
    tmp_path: Path, header: str, said: str, why: str
) -> None:
    """Found by hunter-sheets15: a tracker's or a form's question about the person ('Is this person still
    employed?' = No, 'Has the employee left?' = Yes, 'Has this person already received a gift card this
    year?' = Yes) was read as nothing and the card ordered, exit 0, where 'Still Employed?' = No or 'Did you
    receive your gift card?' = Yes left the row out. Each is read as its words without the asking; the other
    answer and an empty cell send, and a question of something else ('Has the employee moved?') is none."""
    other = "Yes" if said == "No" else "No"
    path = _notes_sheet(tmp_path / "asked.csv", [said, other, ""], header=header)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"{why} (column '{header}': '{said}')")
    ]
    moved = _notes_sheet(tmp_path / "moved.csv", ["Yes", "No"], header="Has the employee moved?")
    assert not load_sheet(moved).skipped


@pytest.mark.parametrize(
    "header",
    ["Status: Active / On Leave / Retired / Terminated", "Current status (pick one)", "Employee Status:"],
)
def test_a_status_header_offering_its_choices_is_read_as_the_status(tmp_path: Path, header: str) -> None:
    """Found by hunter-sheets15: a hand-made list's header naming the choices after a colon ('Status: Active,
    On Leave, Retired, Terminated') or a remark after 'Current status' ('(pick one)') was read as nothing,
    and 'Terminated' under it ordered, exit 0. Each is read as the person's status: Terminated leaves the row
    out; Active, On Leave and Retired send."""
    path = _notes_sheet(
        tmp_path / "status.csv", ["Terminated", "Active", "On Leave", "Retired"], header=header
    )
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': 'Terminated')")
    ]


def test_a_gift_card_column_of_small_numbers_is_no_card_issued(tmp_path: Path) -> None:
    """Found by hunter-falsealarm1: an HR list's 'Gift Card #' = 1, 2, 3 (which of the person's cards, or how
    many) left every row out as sent already. Too few digits for a card's number: each row sends; a masked
    number ('****1234') is still a card issued."""
    path = _notes_sheet(tmp_path / "counted.csv", ["1", "2", "12", "****1234"], header="Gift Card #")
    assert [s.row for s in load_sheet(path).skipped] == [5]
