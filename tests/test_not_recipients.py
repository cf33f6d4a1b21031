"""Rows that are not recipients (issue 9): a totals row however it is written, and a footnote under the table,
are skipped with a reason (one notice), never errors and never ordered. Real XLSX (openpyxl) and CSV files
through the commands a user runs."""

# ruff: noqa: E501  (exact user-facing messages read best unwrapped)

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bulkship.cli import main
from bulkship.sandbox import Sandbox, SandboxConfig
from bulkship.settings import resolve_settings

HEADER = ["Name", "Company", "Address", "City", "State", "ZIP", "Product", "Value"]
PEOPLE = [
    ["Ann Lee", "Acme", "1 Main St", "Boston", "MA", "02134", "CVS", 50],
    ["Bob Ray", "Total", "2 Elm St", "Boston", "MA", "02134", "CVS", 25],  # a company called Total
    ["Cy Orr", "Acme", "3 Oak St", "Boston", "MA", "02134", "CVS", 25],
]


def _validate(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = main(["validate", str(path), "--json", "--out", str(path.parent / "out")])
    return code, json.loads(capsys.readouterr().out)


def _xlsx(path: Path, *extra: list[Any]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for line in (HEADER, *PEOPLE, *extra):
        sheet.append(line)
    book.save(path)
    return path


def test_a_total_typed_as_a_number_with_no_recipient_is_a_totals_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the sum pasted as a value (no formula, no label), then a footnote right under it, in column A only
    path = _xlsx(tmp_path / "gifts.xlsx", [None, None, None, None, None, None, None, 100], ["Approved: JD"])
    code, data = _validate(capsys, path)
    assert code == 0, data["problems"]
    assert data["problems"] == []
    assert data["skipped"] == [
        {"row": 5, "kind": "totals", "reason": "totals row (its Value 100 is the sum of the 3 rows above)"},
        {"row": 6, "kind": "note", "reason": "note below the table ('Approved: JD')"},
    ]
    assert data["valid"] == 3  # Bob Ray of the company "Total" is a recipient

    capsys.readouterr()
    assert main(["run", str(path), "--yes", "--wait", "0", "--json"]) == 0
    with Sandbox(SandboxConfig(state_file=resolve_settings().sandbox_state_file)) as sandbox:
        names = sorted(
            li["PhysicalDeliveryAddress"]["Name"] for o in sandbox.orders() for li in o["LineItems"]
        )
    assert names == ["Ann Lee", "Bob Ray", "Cy Orr"]


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ([None, None, "Grand total:", None, None, None, None, 100], "Grand total:"),  # in the address column
        ([None, None, None, None, None, None, "Subtotal", 99], "Subtotal"),  # in any column
        (["", "TOTAL (USD)", "", "", "", "", "", 100], "TOTAL (USD)"),
    ],
)
def test_total_in_any_column_makes_a_totals_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: list[Any], label: str
) -> None:
    code, data = _validate(capsys, _xlsx(tmp_path / "gifts.xlsx", line))
    assert code == 0 and data["problems"] == []
    assert data["skipped"] == [{"row": 5, "kind": "totals", "reason": f"totals row ('{label}')"}]


def test_csv_totals_and_a_short_footnote_are_one_notice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "gifts.csv"
    path.write_text(
        "Name,Company,Address,City,State,ZIP,Product,Value\n"
        "Ann Lee,Acme,1 Main St,Boston,MA,02134,CVS,50\n"
        "Bob Ray,Total,2 Elm St,Boston,MA,02134,CVS,25\n"
        ',,,,,,,"$75.00"\n'
        "Checked by Finance,,,,,,,\n"
    )
    code, data = _validate(capsys, path)
    assert code == 0 and data["problems"] == []
    assert data["notices"] == [
        "2 row(s) are not recipients and are not ordered: row 4, totals row (its Value $75.00 is the sum of the 2 rows above); row 5, note below the table ('Checked by Finance')."
    ]


def test_a_last_recipient_missing_a_name_or_street_is_still_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the amount equals the sum above, but the row has an address: a recipient with a missing name
    path = _xlsx(tmp_path / "gifts.xlsx", [None, "Acme", "4 Ash St", "Boston", "MA", "02134", "CVS", 100])
    code, data = _validate(capsys, path)
    assert code == 1
    assert data["skipped"] == []
    assert [p["row"] for p in data["problems"] if p["severity"] == "error"] == [5]


@pytest.mark.parametrize("company", ["Total Wine & More", "Total"])
def test_a_named_person_at_a_company_called_total_without_a_street_is_a_row_to_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], company: str
) -> None:
    """Quinn of "Total Wine & More", street left empty, was skipped as a totals row: no Fix these row, and
    run exited 0 as if every recipient were ordered (found by a newcomer)."""
    quinn = ["Quinn Park", company, None, "Boston", "MA", "02134", "CVS", 25]
    code, data = _validate(capsys, _xlsx(tmp_path / "gifts.xlsx", quinn))
    assert code == 1 and data["skipped"] == []
    errors = [p for p in data["problems"] if p["severity"] == "error"]
    assert [(p["row"], p["column"]) for p in errors] == [(5, "address1")], errors


def test_subtotal_rows_alike_are_each_counted_skipped_by_run_and_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets (HS2): three 'SUBTOTAL' rows with nothing else on them shared one ledger row, so
    `run` and `status` counted one skipped row where the result workbook showed three."""
    lines = ["Name,Address,City,State,ZIP,Card,Amount"]
    for i, name in enumerate(("Ann Lee", "Bo Chan", "Cy Diaz"), 1):
        lines += [f"{name},{i} Main St,Boston,MA,02108,CVS,25", "SUBTOTAL,,,,,,25"]
    path = tmp_path / "sub.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = str(tmp_path / "out")
    for _ in range(2):  # the run, then the same command again: the same counts, nothing sent again
        capsys.readouterr()
        assert main(["run", str(path), "--yes", "--wait", "0", "--json", "--out", out]) == 0
        assert json.loads(capsys.readouterr().out)["by_status"] == {"pending": 3, "skipped": 3}
        assert main(["status", "--json"]) == 0
        batch = json.loads(capsys.readouterr().out)["batches"][0]
        assert batch["rows"] == 6 and batch["by_status"] == {"pending": 3, "skipped": 3}
    sheet = openpyxl.load_workbook(tmp_path / "out" / "sub-results.xlsx", read_only=True)["Results"]
    rows = list(sheet.iter_rows(values_only=True))
    status = rows[0].index("Status")
    assert sorted(r[status] for r in rows[1:]) == ["pending"] * 3 + ["skipped"] * 3


def test_a_summary_of_labels_and_values_under_the_list_is_no_rows_to_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets2: 'Total recipients | 3', 'Total amount | $150.50', 'Prepared by | Jane Doe',
    'Approved | Yes' under a blank row after the list were four rows to fix ('7 rows: 3 valid, 4 invalid',
    run exit 3), each asked for a street. They are notes, said once; a first and last name typed under them
    without an address is still a row to fix."""
    path = tmp_path / "gifts.csv"
    path.write_text(
        "Employee ID,First Name,Last Name,Address,City,State,Zip,Product,Amount\n"
        "E1,Ann,Lee,12 Beacon St,Boston,MA,02108,CVS,25\n"
        "E2,Bob,Ray,5 Main St,Salem,MA,01970,TARGET,50\n"
        "E3,Cy,Ng,9 Elm St,Salem,MA,01970,VISA-PREPAID,75.50\n"
        ",,,,,,,,\n"
        "Total recipients,3,,,,,,,\n"
        "Total amount,$150.50,,,,,,,\n"
        "Prepared by,Jane Doe,,,,,,,\n"
        "Approved,Yes,,,,,,,\n"
        "Budget:,$500,,,,,,,\n"
    )
    code, data = _validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (0, 3, 0)
    assert data["notices"] == [
        "5 row(s) are not recipients and are not ordered: row 6, totals row ('Total recipients'); row 7, totals "
        "row ('Total amount'); row 8, note below the table ('Prepared by Jane Doe'); row 9, note below the "
        "table ('Approved Yes'); row 10, note below the table ('Budget: $500')."
    ]
    path.write_text(path.read_text() + ",Dee,Fox,,,,,,\n")
    code, data = _validate(capsys, path)
    assert (code, data["invalid"]) == (1, 1)
    assert {p["row"] for p in data["problems"] if p["severity"] == "error"} == {11}


def test_excel_s_data_subtotal_rows_saved_as_values_are_totals_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets4: Excel's Data > Subtotal labels its rows in the grouped column ('Marketing
    Total' with the department's sum, 'Sales Count' with a count, 'Grand Total'); saved as values (a CSV),
    each was a row to fix ('7 rows: 4 valid, 2 invalid', exit 1). They are totals rows now, as 'Grand Total'
    was. A person in a department called 'Finance Total' is still a recipient."""
    path = tmp_path / "subtotals.csv"
    path.write_text(
        "Department,Name,Address,City,State,ZIP,Card,Amount\n"
        "Marketing,Ann Lee,12 Beacon St,Boston,MA,02108,CVS,25\n"
        "Marketing,Bob Ray,455 Massachusetts Ave,Cambridge,MA,02139,CVS,50\n"
        "Marketing Total,,,,,,,75\n"
        "Finance Total,Cy Ng,350 Fifth Ave,New York,NY,10118,CVS,25\n"
        "Finance Total Count,1,,,,,,\n"
        "Grand Count,3,,,,,,\n"
        "Grand Total,,,,,,,100\n"
    )
    code, data = _validate(capsys, path)
    assert (code, data["valid"], data["invalid"], [s["row"] for s in data["skipped"]]) == (
        0,
        3,
        0,
        [4, 6, 7, 8],
    )


def test_a_heading_over_a_group_of_the_list_is_no_row_to_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets4: a list grouped by team, each group under a row of one cell ('Marketing team',
    'Boston Office', 'Sales:', or 'Sales' merged across the list): each heading was a row to fix ('Name is
    empty; Address is empty; ...', exit 1). They are headings, not ordered, each said. A name alone ('Dee
    Fox', a person whose address is missing) and a bare word ('Support') are still rows to fix."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    headings = ["Marketing team", "Boston Office", "Sales:", "Sales", "Dee Fox", "Support"]
    for i, heading in enumerate(headings):
        sheet.append([heading])
        sheet.append([f"Person {i}", "Acme", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", 25])
    sheet.merge_cells("A8:H8")  # 'Sales' merged across the list's columns
    book.save(tmp_path / "groups.xlsx")
    code, data = _validate(capsys, tmp_path / "groups.xlsx")
    assert (code, data["valid"], data["invalid"]) == (1, 6, 2)
    assert [(s["row"], s["reason"]) for s in data["skipped"]] == [
        (2, "a heading inside the list ('Marketing team')"),
        (4, "a heading inside the list ('Boston Office')"),
        (6, "a heading inside the list ('Sales:')"),
        (8, "a heading inside the list ('Sales')"),
    ]


def test_a_person_whose_family_name_is_a_group_word_alone_on_a_row_is_a_row_to_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review18 (after 1f1cbb3): 'Mary Branch' on a row of her own, her address not filled in yet,
    was left out as "a heading inside the list" (validate: exit 0, nothing to fix), where 'Mary Smith' is a
    row to fix: a person the list names, never ordered, and nobody asked to fill in her address."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["Ann Lee", "Acme", "1 Main St", "Boston", "MA", "02134", "CVS", 25])
    sheet.append(["Mary Branch"])
    sheet.append(["Jo Crew"])
    sheet.append(["Bob Ray", "Acme", "2 Main St", "Boston", "MA", "02134", "CVS", 25])
    book.save(tmp_path / "names.xlsx")
    code, data = _validate(capsys, tmp_path / "names.xlsx")
    assert (code, data["valid"], data["invalid"], data["skipped"]) == (1, 2, 2, []), data["skipped"]


def test_the_rows_counted_say_how_many_are_no_recipient(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """newcomer15's N7: a list of 3 people and its 'Total' row said '4 rows: 3 valid, 0 invalid, 1 skipped (not
    ordered)', and the validation workbook's Summary 'Rows 4': HR checking 'did we cover our 3 people?' read 4.
    The rows left out say how many of them are no recipient (a totals row, a note), on the command line and
    in the Summary; the counts stay the rows of the sheet, as the workbook lists them."""
    path = _xlsx(
        tmp_path / "list.xlsx",
        [None, None, None, None, None, None, "Total", 100],
        ["Approved by finance 11/20"],
    )
    capsys.readouterr()
    code = main(["validate", str(path), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 0
    assert (
        "5 rows: 3 valid, 0 invalid, 2 skipped (not ordered; of them 1 totals row and 1 note, no recipients)"
        in out
    )
    summary = openpyxl.load_workbook(tmp_path / "out" / "list-validation.xlsx")["Summary"]
    items = {row[0]: row[1] for row in summary.iter_rows(values_only=True)}
    assert (items["Rows"], items["Skipped (not ordered)"], items["Of them no recipient (totals, notes)"]) == (
        5,
        2,
        2,
    )
