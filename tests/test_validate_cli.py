"""`bulkship validate` and `bulkship template` as a user runs them: exit codes, JSON, workbooks (sandbox catalog)."""

# ruff: noqa: E501  (exact user-facing messages and sample data read best unwrapped)

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from bulkship.cli import main
from bulkship.workbook import Table, write_csv, write_workbook

HEADER = "Name,Address,City,State,ZIP,Product,Value,Department"


def sheet(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "list.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_all_valid_exits_0_and_writes_the_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sheet(tmp_path, "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,=HR")
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 0
    captured = capsys.readouterr()
    assert "1 row: 1 valid, 0 invalid" in captured.out
    assert "SANDBOX" in captured.err
    book = openpyxl.load_workbook(tmp_path / "out" / "list-validation.xlsx")
    rows = list(book["Validation"].values)
    assert rows[0][:4] == ("Row", "Status", "Problems", "Warnings and changes")
    assert rows[1][0] == 2 and rows[1][1] == "valid"
    assert rows[1][-1] == "=HR" and book["Validation"].cell(2, len(rows[0])).data_type == "s"


def test_invalid_rows_exit_1_with_json_on_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = sheet(
        tmp_path,
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,",
        "Bob Ray,2 Elm St,Boston,MA,1234X,CVS,50,",
        "Cy Orr,3 Oak St,Boston,MA,2134,CVS,50,",
    )
    code = main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    assert code == 1
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {
        "file",
        "rows",
        "valid",
        "invalid",
        "duplicate",
        "problems",
        "skipped",
        "columns",
        "notices",
        "repeats",
        "sent_elsewhere",
        "output",
    }
    assert (data["rows"], data["valid"], data["invalid"], data["duplicate"]) == (3, 2, 1, 0)
    assert data["problems"] == [
        {
            "row": 3,
            "column": "zip",
            "value": "1234X",
            "severity": "error",
            "message": "Row 3, column 'ZIP': '1234X' is not a US ZIP code; use 5 digits (e.g. 02134) or ZIP+4 "
            "(02134-1234).",
        },
        {
            "row": 4,
            "column": "zip",
            "value": "2134",
            "severity": "warning",
            "message": "Row 4, column 'ZIP': ZIP 2134 repaired to 02134 (state MA); Excel had dropped its "
            "leading zero. Format the column as Text to keep it.",
        },
    ]
    book = openpyxl.load_workbook(data["output"])
    invalid = book["Validation"].cell(3, 2)
    assert invalid.value == "invalid" and invalid.fill.fgColor.rgb.endswith("FFC7CE")
    assert book["Validation"].cell(3, 3).value.startswith("column 'ZIP': '1234X' is not a US ZIP code")


def test_json_counts_invalid_and_duplicate_rows_apart_as_the_text_and_the_fix_sheet_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sheet(
        tmp_path,
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,",
        "Bob Ray,2 Elm St,Boston,MA,1234X,CVS,50,",
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,",
    )
    out = ["--out", str(tmp_path / "out")]
    assert main(["validate", str(path), *out]) == 1
    assert "3 rows: 1 valid, 1 invalid, 1 duplicate" in capsys.readouterr().out
    assert main(["validate", str(path), "--json", *out]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["rows"], data["valid"], data["invalid"], data["duplicate"]) == (3, 1, 1, 1)
    summary = dict(list(openpyxl.load_workbook(data["output"])["Summary"].values)[:8])
    assert (summary["Not valid"], summary["Duplicate (not ordered)"]) == (1, 1)
    # the rows to correct are the invalid ones: the result workbook's Fix these sheet lists exactly those
    assert main(["run", str(path), "--yes", "--wait", "0", *out]) == 3
    capsys.readouterr()
    fix = list(openpyxl.load_workbook(tmp_path / "out" / "list-results.xlsx")["Fix these"].values)[1:]
    assert [row[0] for row in fix] == ["Bob Ray"] and len(fix) == data["invalid"]


def test_a_file_whose_only_fault_is_a_duplicate_row_still_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sheet(tmp_path, *["Ann Lee,1 Main St,Boston,MA,02134,CVS,50,"] * 2)
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["valid"], data["invalid"], data["duplicate"]) == (1, 0, 1)
    # said in words that fit (found by a newcomer): nothing to fix, and how to send it again on purpose
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 1
    said = " ".join(capsys.readouterr().out.split())
    assert "Nothing to fix: the duplicate rows are not sent" in said and "Fix the rows" not in said
    assert "add a column 'Allow Duplicate' and put yes in it for this row" in said, said


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"Name,City\nAnn,Boston\n",
            "lacks required column(s): Address Line 1, State, ZIP Code, Product, Value",
        ),
        (b"PK\x03\x04garbage", "list.csv is a damaged zip file and cannot be read"),
    ],
)
def test_unusable_file_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(content)
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err


def test_header_only_sheet_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # nothing to check is not a success (see tests/test_run_guards.py)
    assert main(["validate", str(sheet(tmp_path)), "--out", str(tmp_path / "out")]) == 2
    assert "has a header but no recipient rows" in capsys.readouterr().err


def test_workbook_neutralises_formulas_and_keeps_text(tmp_path: Path) -> None:
    rows = [
        ["=1+2", "02134", "+1 617 555 0100", "-5", "@SUM(A1)", 7, None],
        ["ok", "x", "", "", "", 1.5, None],
    ]
    write_workbook(
        tmp_path / "t.xlsx", [Table("Data", ["a", "zip", "phone", "n", "at", "num", "blank"], rows)]
    )
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    cells = next(iter(book["Data"].iter_rows(min_row=2, max_row=2)))
    assert [c.value for c in cells[:6]] == ["=1+2", "02134", "+1 617 555 0100", "-5", "@SUM(A1)", 7]
    assert [c.data_type for c in cells[:5]] == ["s"] * 5  # text, never a formula
    assert cells[0].quotePrefix if hasattr(cells[0], "quotePrefix") else cells[0].style_array.quotePrefix
    assert book["Data"].freeze_panes == "A2" and book["Data"].auto_filter.ref == "A1:G3"
    write_csv(tmp_path / "t.csv", ["a", "b"], rows)
    assert (
        (tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines()[1].startswith("'=1+2,02134,'+1 617")
    )


def test_workbook_splits_past_the_sheet_row_limit_with_a_note(tmp_path: Path) -> None:
    rows = ([str(i)] for i in range(7))
    notes = write_workbook(tmp_path / "big.xlsx", [Table("Results", ["n"], rows)], max_rows_per_sheet=4)
    book = openpyxl.load_workbook(tmp_path / "big.xlsx")
    assert book.sheetnames == ["Results", "Results (2)", "Results (3)", "Notes"]
    assert [r[0] for r in book["Results (2)"].values] == ["n", "3", "4", "5"]
    assert [r[0] for r in book["Results (3)"].values] == ["n", "6"]
    assert notes == [
        "'Results' has more rows than one Excel sheet can hold (4 with the header); it continues on sheets "
        "'Results (2)', 'Results (3)' in the same order."
    ]
    assert book["Notes"]["A1"].value == notes[0]


def test_the_summary_names_the_field_each_column_is_read_as_in_the_page_s_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer1 (fixed by review22): the validation workbook's Summary said "Column 'Address' read
    as address1", "'Value' read as value", "'Employee ID' read as external_id": bulkship's internal names,
    where the Columns page and the template say "Address Line 1", "Value", "Employee ID"."""
    path = sheet(tmp_path, "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,HR")
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    book = openpyxl.load_workbook(tmp_path / "out" / "list-validation.xlsx")
    said = {row[0]: row[1] for row in book["Summary"].values if str(row[0] or "").startswith("Column ")}
    assert said["Column 'Address'"] == "read as Address Line 1"
    assert said["Column 'ZIP'"] == "read as ZIP Code" and said["Column 'Name'"] == "read as Name"
    assert said["Column 'Value'"] == "read as Value" and not [v for v in said.values() if "_" in str(v)], said


def test_a_duplicate_on_a_list_of_first_and_last_names_names_a_column_the_list_has(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer1 (fixed by review22): a duplicate row of a list with 'First Name' and 'Last Name'
    said "Row 3, column 'Name': same recipient..." (no such column) and the Problems sheet named it 'name'."""
    path = tmp_path / "list.csv"
    rows = ["First Name,Last Name,Address,City,State,ZIP,Product,Value"]
    rows += ["Ann,Lee,1 Main St,Boston,MA,02134,CVS,50"] * 2
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 1
    capsys.readouterr()
    book = openpyxl.load_workbook(tmp_path / "out" / "list-validation.xlsx")
    problems = [row for row in book["Problems"].values if row[0] == 3]
    assert [(p[1], p[4].split(":")[0]) for p in problems] == [("First Name", "Row 3, column 'First Name'")]


def test_a_list_with_more_problems_than_the_limit_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-hostile7 (hunter-hostile6's LO1): a CSV of a million rows 'E9,Zed' (8 MB, within the
    row limit and the web's upload size) has six problems a row, each kept for the validation workbook:
    `validate` took 4-5 GB (the web server runs the same check in process, for one upload). Past [limits]
    problems (1,000,000 by default; 12 here) the list is refused in one line, exit 2, naming its commonest
    problems; a list within the limit gets its report as before."""
    rows = [f"Person {i},,,,,CVS,50,HR" for i in range(5)]  # 4 problems a row: street, city, state, ZIP
    path = sheet(tmp_path, *rows)
    settings = tmp_path / "bulkship.toml"
    settings.write_text("[limits]\nproblems = 12\n", encoding="utf-8")
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    said = [line for line in err.splitlines() if line.startswith("Error:")]
    assert said == [
        "Error: list.csv has more than 12 problems, above bulkship's limit for one list (the commonest: "
        "Address Line 1 missing (5), City missing (5), State missing (2)); bulkship stopped checking it"
    ], err
    assert "Traceback" not in err and not (tmp_path / "out" / "list-validation.xlsx").exists()
    settings.write_text("[limits]\nproblems = 20\n", encoding="utf-8")
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 1
    assert "5 rows: 0 valid, 5 invalid" in capsys.readouterr().out
    assert (tmp_path / "out" / "list-validation.xlsx").exists()


def test_a_note_asking_for_another_address_is_not_counted_as_a_card_sent_elsewhere(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer19 (N6): an HR list's Notes 'send to office not home' made validate's counts read
    '1  Sent elsewhere', the words of the status of a card already in another batch's order."""
    path = tmp_path / "hr.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Notes\n"
        "Linda Chu,300 Main St,Hartford,CT,06103,CVS,25,send to office not home\n",
        encoding="utf-8",
    )
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert "says 'send to office not home'" in out
    counts = [line.split(maxsplit=1) for line in out.splitlines() if line.strip()[:1].isdigit()]
    assert ["1", "Another address asked for"] in counts, counts
    assert "Sent elsewhere" not in out


def test_a_note_giving_another_address_is_counted_as_such_not_as_a_correction_made(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer20 (N5): an HR list's Notes "ship to mom's - 22 Lake Rd, Worcester MA 01605" and a
    note naming a flat the street lacks were counted '1  Corrected in another column' (read: bulkship
    corrected something); the note gives another address than the row's, which the person must choose."""
    path = tmp_path / "hr.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Notes\n"
        'Rohan Patel,560 Mass Ave,Cambridge,MA,02139,CVS,25,"ship to mom\'s - 22 Lake Rd, Worcester MA 01605"\n'
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,Apt 4B\n",
        encoding="utf-8",
    )
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    counts = [line.split(maxsplit=1) for line in out.splitlines() if line.strip()[:1].isdigit()]
    assert ["2", "Note gives another address"] in counts, counts
    assert "Corrected in another column" not in out


def test_a_note_or_status_asking_another_number_of_cards_or_amount_is_counted_as_such(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review68 after newcomer20's N5: Notes 'He gets 2', 'Amount should be 100' and Status 'Send 2'
    were counted '3  Corrected in another column' (read: bulkship corrected them); each asks for another
    number of cards or amount than the row's, which the person must choose."""
    path = tmp_path / "hr.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Notes,Status\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,He gets 2,Active\n"
        "Bob Ray,2 Elm St,Boston,MA,02134,CVS,50,Amount should be 100,Active\n"
        "Cy Orr,3 Oak St,Newton,MA,02458,CVS,50,,Send 2\n",
        encoding="utf-8",
    )
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    counts = [line.split(maxsplit=1) for line in out.splitlines() if line.strip()[:1].isdigit()]
    assert ["3", "Another number or amount asked for"] in counts, counts
    assert "Corrected in another column" not in out


def test_two_sheets_validated_one_after_the_other_each_keep_their_validation_workbook(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer21 (N5): a bookkeeper's workbook with a 'Clients' and a 'Staff' sheet, refused until one
    is named, validated with --sheet Clients (row 14 to fix: 'open the validation workbook'), then with --sheet
    Staff: both wrote output/Year-end gifts 2026-validation.xlsx, and the second replaced the first."""
    book = openpyxl.Workbook()
    for title, person in (("Clients", "Ann Lee"), ("Staff", "Bo Park")):
        sheet = book.create_sheet(title)
        sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value"])
        sheet.append([person, "1 Main St", "Boston", "MA", "02134", "CVS", 50])
    del book["Sheet"]
    source = tmp_path / "Year-end gifts 2026.xlsx"
    book.save(source)
    out = tmp_path / "out"
    for title in ("Clients", "Staff"):
        assert main(["validate", str(source), "--sheet", title, "--out", str(out)]) == 0
        said = " ".join("".join(capsys.readouterr()).split())
        assert f"Validation workbook: {out / f'Year-end gifts 2026-{title}-validation.xlsx'}" in said, said
    for title, person in (("Clients", "Ann Lee"), ("Staff", "Bo Park")):
        checked = openpyxl.load_workbook(out / f"Year-end gifts 2026-{title}-validation.xlsx")["Validation"]
        assert person in [cell.value for cell in checked[2]], title
