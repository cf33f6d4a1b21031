"""load_sheet on real files: encodings, delimiters, title rows, numeric ZIP cells, formulas, unsafe XML."""

# ruff: noqa: E501  (exact user-facing messages and sample data read best unwrapped)

from __future__ import annotations

import datetime as dt
import random
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from bulkship.errors import ConfigError, FileFormatError, MissingColumnsError
from bulkship.load import load_sheet
from bulkship.program import ProgramSettings, load_program

HEADER = "First Name,Last Name,Street Address,City,State,Zip Code,Gift Card,Amount,Notes"


def write(path: Path, text: str, encoding: str = "utf-8", newline: str = "\n") -> Path:
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [("utf-8", "\n"), ("utf-8-sig", "\r\n"), ("cp1252", "\r\n"), ("utf-16", "\r\n")],
)
def test_csv_encodings_keep_accents_and_leading_zeros(tmp_path: Path, encoding: str, newline: str) -> None:
    text = f"{HEADER}\nJosé,Müller,12 Beacon St,Boston,MA,02134,CVS,50,café\n"
    sheet = load_sheet(write(tmp_path / "r.csv", text, encoding, newline))
    assert sheet.frame.loc[2, "First Name"] == "José"
    assert sheet.frame.loc[2, "Zip Code"] == "02134"
    assert sheet.frame.loc[2, "Notes"] == "café"
    assert sheet.headers[0] == "First Name"  # no BOM left on the first header


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_csv_delimiters_are_detected(tmp_path: Path, delimiter: str) -> None:
    text = f"{HEADER}\nAnn,Lee,1 Main St,Boston,MA,02134,CVS,50,\n".replace(",", delimiter)
    sheet = load_sheet(write(tmp_path / "r.csv", text))
    assert sheet.frame.loc[2, "City"] == "Boston"
    assert sheet.column_map["Zip Code"] == "zip"


def test_csv_title_rows_blank_rows_and_quoted_newlines_keep_spreadsheet_row_numbers(tmp_path: Path) -> None:
    text = (
        "Anniversary list\n"
        ",,,,\n"
        f"{HEADER}\n"
        'Ann,Lee,"1 Main St, Suite 5",Boston,MA,02134,CVS,50,"line one\nline two"\n'
        ",,,,,,,,\n"
        "Bob,Ray,2 Elm St,Boston,MA,02134,CVS,50,\n"
    )
    sheet = load_sheet(write(tmp_path / "r.csv", text, newline="\r\n"))
    assert sheet.header_row == 3
    assert list(sheet.frame.index) == [4, 6]  # the blank row 5 is ignored, not renumbered
    assert sheet.frame.loc[4, "Street Address"] == "1 Main St, Suite 5"
    assert sheet.frame.loc[4, "Notes"] == "line one\r\nline two"


def test_ragged_csv_rows_longer_than_the_header_are_kept(tmp_path: Path) -> None:
    text = "Title only\n" + HEADER + "\nAnn,Lee,1 Main St,Boston,MA,02134,CVS,50,note,extra\n"
    sheet = load_sheet(write(tmp_path / "r.csv", text))
    assert sheet.headers[-1] == "Column J"
    assert sheet.frame.loc[3, "Column J"] == "extra"


def test_xlsx_numeric_cells_read_as_typed_text(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Recipients for November"])
    sheet.append([])
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Employee ID"])
    sheet.append(["Ann Lee", "1 Main St", "Boston", "MA", 2134, "CVS", 50, 123456])
    sheet.append(["Bob Ray", "2 Elm St", "Boston", "MA", "02134", "CVS", 25.5, 12345678901234567890])
    book.save(tmp_path / "r.xlsx")
    loaded = load_sheet(tmp_path / "r.xlsx")
    assert loaded.header_row == 3
    assert loaded.frame.loc[4].tolist() == [
        "Ann Lee",
        "1 Main St",
        "Boston",
        "MA",
        "2134",
        "CVS",
        "50",
        "123456",
    ]
    assert loaded.frame.loc[5, "ZIP"] == "02134"
    assert loaded.frame.loc[5, "Value"] == "25.5"
    [problem] = loaded.read_problems
    assert (problem.row, problem.column, problem.severity) == (5, "external_id", "error")
    assert problem.message == (
        "Row 5, column 'Employee ID': holds the number 1.23456789012346E+19, too long for Excel to keep every "
        "digit. Format the column as Text and type the value again."
    )


def test_xlsx_formula_and_date_cells_are_reported(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Employee ID", "Name", "Address", "City", "State", "ZIP", "Notes"])
    sheet.append([dt.date(2024, 3, 1), "Ann Lee", "1 Main St", "Boston", "MA", "02134", dt.date(2024, 1, 1)])
    sheet.append(["E2", '=CONCAT("Bob"," Ray")', "2 Elm St", "Boston", "MA", "02134", "ok"])
    book.save(tmp_path / "r.xlsx")
    loaded = load_sheet(tmp_path / "r.xlsx")
    messages = [p.message for p in loaded.read_problems]
    # "whose result ''" read as a blank result (found by newcomer1)
    assert messages == [
        "Row 2, column 'Employee ID': holds a date or time (2024-03-01) where text was expected; Excel changed "
        "what was typed. Format the column as Text and type the value again.",
        'Row 3, column \'Name\': holds a formula (=CONCAT("Bob"," Ray")) whose result the file does not '
        "hold (it was saved without calculating it); bulkship will not order from a formula; replace it with "
        "its value (Copy, then Paste Special › Values).",
    ]  # the Notes column is not bulkship's: its date is carried untouched (a formula there, never calculated,
    # refuses the file: test_a_column_of_formulas_never_calculated_refuses_the_file_...)
    assert loaded.frame.loc[2, "Notes"] == "2024-01-01"


def test_a_formula_calculated_to_an_empty_result_is_not_said_never_calculated(tmp_path: Path) -> None:
    """Found by newcomer5: HR's Reward Amount =IFERROR(VLOOKUP(Years, Rewards!...),"") is empty for a year of
    no milestone; LibreOffice (as Excel) calculated and kept that empty result, and bulkship said the file was
    'saved without calculating it', sending HR to recalculate a workbook that was."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Reward Amount"])
    sheet.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", '=IF(1>2,50,"")'])
    book.save(tmp_path / "r.xlsx")
    with zipfile.ZipFile(tmp_path / "r.xlsx") as source:
        parts = {name: source.read(name) for name in source.namelist()}
    # as LibreOffice saves it: calculated (nothing asks Excel to), the empty text result kept
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b' fullCalcOnLoad="1"', b"")
    sheet_xml = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = re.sub(
        rb'<c r="G2"><f>([^<]*)</f><v ?/>', rb'<c r="G2" t="str"><f>\1</f><v></v>', sheet_xml
    )
    with zipfile.ZipFile(tmp_path / "r.xlsx", "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    messages = [p.message for p in load_sheet(tmp_path / "r.xlsx").read_problems]
    assert messages == [
        "Row 2, column 'Reward Amount': holds a formula (=IF(1>2,50,\"\")) whose result is empty; bulkship will "
        "not order from a formula; replace it with its value (Copy, then Paste Special › Values)."
    ]


def test_ods_is_read(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        [["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50]],
        columns=["Name", "Address", "City", "State", "Postal Code", "Brand", "Denomination"],
    )
    frame.to_excel(tmp_path / "r.ods", engine="odf", index=False)
    loaded = load_sheet(tmp_path / "r.ods")
    assert loaded.frame.loc[2].tolist() == ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "50"]
    assert loaded.column_map == {
        "Name": "name",
        "Address": "address1",
        "City": "city",
        "State": "state",
        "Postal Code": "zip",
        "Brand": "product",
        "Denomination": "value",
    }


def test_multi_sheet_workbook_picks_the_list_or_asks(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Read me"
    book.active.append(["Please send these by Friday"])
    data = book.create_sheet("List")
    data.append(["Name", "Address", "City", "State", "ZIP"])
    data.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134"])
    book.save(tmp_path / "r.xlsx")
    assert load_sheet(tmp_path / "r.xlsx").sheet_name == "List"
    with pytest.raises(FileFormatError) as error:
        load_sheet(tmp_path / "r.xlsx", sheet="Sheet9")
    assert str(error.value) == (
        "r.xlsx has no sheet named 'Sheet9'; its sheets are: 'Read me', 'List' (pass one of them with --sheet NAME)"
    )
    copy = book.copy_worksheet(data)
    copy.title = "List 2"
    book.save(tmp_path / "two.xlsx")
    with pytest.raises(
        FileFormatError, match="cannot tell which holds the recipients: 'Read me', 'List', 'List 2'"
    ):
        load_sheet(tmp_path / "two.xlsx")
    assert load_sheet(tmp_path / "two.xlsx", sheet="List 2").sheet_name == "List 2"


def test_file_that_is_not_what_its_extension_claims(tmp_path: Path) -> None:
    write(tmp_path / "r.xlsx", HEADER + "\n")
    with pytest.raises(FileFormatError) as error:
        load_sheet(tmp_path / "r.xlsx")
    assert error.value.message == (
        "r.xlsx is not an Excel workbook (XLSX) although its name ends in .xlsx: it looks like CSV text"
    )
    (tmp_path / "r.csv").write_bytes(b"%PDF-1.4\x00\x01binary")
    with pytest.raises(
        FileFormatError, match=re.escape("r.csv is not CSV text although its name ends in .csv")
    ):
        load_sheet(tmp_path / "r.csv")
    # random bytes (a damaged download, an encrypted file) were said to look like CSV text (hunter-web18)
    draw = random.Random(7)
    noise = bytes(draw.randrange(256) for _ in range(3000))
    for name, kind in (
        ("n.xlsx", "an Excel workbook (XLSX)"),
        ("n.ods", "an ODS spreadsheet"),
        ("n.csv", "CSV text"),
    ):
        (tmp_path / name).write_bytes(noise)
        with pytest.raises(FileFormatError) as error:
            load_sheet(tmp_path / name)
        assert (
            error.value.message.startswith(f"{name} is not {kind}") and "a binary file" in error.value.message
        )
    with pytest.raises(
        FileFormatError, match=re.escape("bulkship reads .csv, .xlsx and .ods files, not '.pdf'")
    ):
        load_sheet(write(tmp_path / "r.pdf", "x"))
    with pytest.raises(FileFormatError, match="File not found"):
        load_sheet(tmp_path / "missing.csv")


def test_a_list_not_found_says_where_it_was_looked_for_and_names_the_files_alike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer12: the README's `bulkship validate anniversaries.xlsx`, typed for the list saved as
    'Anniversaries.xlsx' (or downloaded as 'anniversaries (1).xlsx'), said 'Error: File not found:
    anniversaries.xlsx' and nothing else. It says the folder it looked in and the lists there named alike."""
    from bulkship.cli import main

    for name in ("Anniversaries.xlsx", "anniversaries (1).xlsx", "notes.txt.bak", "other.csv"):
        (tmp_path / name).write_bytes(b"x")
    assert main(["validate", str(tmp_path / "anniversaries.xlsx"), "--out", str(tmp_path)]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert f"looked for in {tmp_path.resolve()}, which holds files named alike: Anniversaries.xlsx, " in said
    assert "anniversaries (1).xlsx" in said and "other.csv" not in said and "notes" not in said
    assert main(["validate", str(tmp_path / "january.csv"), "--out", str(tmp_path)]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert f"looked for in {tmp_path.resolve()}: give the file's full path, or run the command from" in said
    assert main(["validate", str(tmp_path / "gone" / "a.csv"), "--out", str(tmp_path)]) == 2
    assert f"there is no folder {tmp_path / 'gone'}" in " ".join(capsys.readouterr().err.split())


@pytest.mark.parametrize(
    ("suffix", "how"),
    [(".numbers", "in Numbers: File › Export To › Excel"), (".xlsb", "Save As › Excel Workbook (.xlsx)"),
     (".gsheet", "File › Download › Microsoft Excel"), (".pdf", "as an Excel Workbook (.xlsx)")],
)  # fmt: skip
def test_a_spreadsheet_bulkship_does_not_read_is_refused_saying_how_to_save_one_it_does(
    tmp_path: Path, suffix: str, how: str
) -> None:
    """Found by newcomer2: "not '.numbers'" alone, and nothing to do about it."""
    with pytest.raises(FileFormatError) as error:
        load_sheet(write(tmp_path / f"list{suffix}", "x"))
    assert f"not '{suffix}'" in error.value.message and how in (error.value.hint or ""), error.value.hint


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_numbers_file_renamed_is_said_to_be_one_with_how_to_export_it(tmp_path: Path, suffix: str) -> None:
    """Found by hunter-sheets14: a Numbers file renamed to .xlsx (as if that converted it) was said to 'look
    like a zip archive', to be saved 'again from your spreadsheet application as CSV or Excel Workbook'."""
    path = tmp_path / f"list{suffix}"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Index/Document.iwa", b"\x00" * 64)
        archive.writestr("Metadata/Properties.plist", b"bplist00")
    with pytest.raises(FileFormatError) as error:
        load_sheet(path)
    assert error.value.message.endswith("it looks like an Apple Numbers file")
    assert "in Numbers: File › Export To › Excel" in (error.value.hint or "")


def _bomb(path: Path) -> Path:
    """A 'billion laughs' entity-expansion bomb inside an otherwise valid workbook."""
    book = openpyxl.Workbook()
    book.active.append(["Name", "Address"])
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)
    )
    bomb = f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]><sst count="1"><si><t>&lol9;</t></si></sst>'
    parts["xl/sharedStrings.xml"] = bomb.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_entity_expansion_bomb_is_refused_before_anything_expands(tmp_path: Path) -> None:
    # the refusal names the DTD: the part is refused as it declares entities, none expanded (no clock here:
    # a bound in seconds fails on a busy machine, and expanded, lol9 would need gigabytes, not seconds)
    with pytest.raises(FileFormatError) as error:
        load_sheet(_bomb(tmp_path / "bomb.xlsx"))
    assert error.value.message.startswith(
        "bomb.xlsx was refused: its part xl/sharedStrings.xml declares a DTD or XML entities"
    )


def test_no_header_row(tmp_path: Path) -> None:
    with pytest.raises(
        MissingColumnsError, match=re.escape("No header row found in the first 100 rows of r.csv")
    ):
        load_sheet(write(tmp_path / "r.csv", "a,b,c\n1,2,3\n"))


def test_program_settings_fix_mappings_and_add_aliases_and_defaults(tmp_path: Path) -> None:
    config = write(
        tmp_path / "program.toml",
        '[columns]\nexternal_id = "Badge No"\n[aliases]\nzip = ["PLZ"]\n[defaults]\nproduct = "CVS"\nvalue = 50\n',
    )
    program = load_program(config)
    csv_path = write(
        tmp_path / "r.csv", "Badge No,Name,Address,City,State,PLZ\n7,Ann Lee,1 Main St,Boston,MA,02134\n"
    )
    loaded = load_sheet(csv_path, program=program)
    assert loaded.column_map["Badge No"] == "external_id"
    assert loaded.column_map["PLZ"] == "zip"
    assert loaded.defaults["product"] == "CVS" and loaded.defaults["value"] == "50"
    assert loaded.defaults["shipping_method"] == "STANDARD"
    with pytest.raises(
        MissingColumnsError, match=re.escape("map external_id to the header 'Badge No', but x.csv has no")
    ):
        load_sheet(write(tmp_path / "x.csv", "Name,Address,City,State,ZIP\n"), program=program)


def test_bad_program_settings(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[defaults\] names unknown column\(s\) colour"):
        load_program(write(tmp_path / "p.toml", '[defaults]\ncolour = "red"\n'))
    with pytest.raises(ConfigError, match="is not valid TOML"):
        load_program(write(tmp_path / "p.toml", "[defaults\n"))
    assert load_program(None) == ProgramSettings()


def test_extra_columns_are_kept_untouched_and_file_hash_is_stable(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.csv", "Name,Address,City,State,ZIP,Department\nAnn,1 Main,Boston,MA,02134,=HR\n"
    )
    first, second = load_sheet(path), load_sheet(path)
    assert first.frame.loc[2, "Department"] == "=HR"
    assert "Department" not in first.column_map
    assert first.file_hash == second.file_hash and len(first.file_hash) == 64


def test_a_csv_saved_again_after_its_hash_was_taken_is_refused_not_recorded_under_the_old_hash(
    tmp_path: Path,
) -> None:
    path = write(tmp_path / "r.csv", "Name,Address,City,State,ZIP\nAnn,1 Main,Boston,MA,02134\n")
    taken = load_sheet(path).file_hash
    assert load_sheet(path, file_hash=taken).file_hash == taken  # unchanged: loads as before
    path.write_text("Name,Address,City,State,ZIP\nBo,2 Main,Boston,MA,02134\n")
    with pytest.raises(FileFormatError, match=r"r\.csv changed while bulkship was reading it"):
        load_sheet(path, file_hash=taken)


def test_a_program_reading_another_column_for_an_order_field_says_so(tmp_path: Path) -> None:
    """Found by newcomer7: a bulkship.toml left beside the sheet read Value from 'Budget' (200) while the
    list's own 'Amount' (50) was left unused without a word."""
    program = load_program(write(tmp_path / "bulkship.toml", '[columns]\nvalue = "Budget"\n'))
    csv_path = write(
        tmp_path / "december.csv",
        "Name,Address,City,State,ZIP,Product,Amount,Budget\nAnn Lee,1 Main St,Boston,MA,02134,CVS,50,200\n",
    )
    loaded = load_sheet(csv_path, program=program)
    assert loaded.column_map["Budget"] == "value"
    assert any(
        "Column 'Amount' (G) is not used: " in n and "reads Value from 'Budget' (H)" in n
        for n in loaded.notices
    ), loaded.notices


def test_a_field_mapped_by_column_letter_names_the_header_it_reads(tmp_path: Path) -> None:
    """Found by newcomer7: quantity = "H", written when H was "Qty", took this month's "Years of Service"
    (17 cards for 2 people) without a word."""
    program = load_program(write(tmp_path / "prog.toml", '[columns]\nquantity = "H"\n'))
    csv_path = write(
        tmp_path / "dec.csv",
        "Name,Address,City,State,ZIP,Product,Value,Years of Service\nAnn Lee,1 Main St,Boston,MA,02134,CVS,25,5\n",
    )
    loaded = load_sheet(csv_path, program=program)
    assert loaded.column_map["Years of Service"] == "quantity"
    assert any("Quantity is read from column 'Years of Service' (H), as" in n for n in loaded.notices), (
        loaded.notices
    )
