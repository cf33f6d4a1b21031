"""Recipient files nobody planned for, as `bulkship validate` shows them: repeated headers, stray quotes in a
CSV, hidden sheets, cells written the way other systems export them. Each file is written by a real library
(openpyxl, csv, odfpy) in the test."""

# ruff: noqa: E501  (exact user-facing messages read best unwrapped)

from __future__ import annotations

import csv
import datetime
import hashlib
import json
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from support import embedded_sandbox_orders
from support.libreoffice import ConvertedTogether, convert

from bulkship.cli import main
from bulkship.load import load_sheet
from bulkship.program import ProgramSettings, load_program
from bulkship.settings import resolve_settings

HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Value"]


def validate(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> tuple[int, dict, str]:
    code = main(["validate", str(path), "--json", "--out", str(path.parent / "out"), *args])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def ordered_lines() -> list[dict[str, Any]]:
    """The line items the embedded sandbox holds: the cards people will get."""
    return [li for order in embedded_sandbox_orders(resolve_settings().data_dir) for li in order["LineItems"]]


def xlsx(path: Path, *rows: Sequence[object]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


# ---------------------------------------------------------------------------------------------- headers


def test_a_repeated_address_header_is_two_columns_for_one_field_never_address_line_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An old address kept in a second "Address" column was read as Address Line 2 (the repeat was renamed
    "Address (2)", an alias of it): the card went to "1 Main St, 99 Old Rd", exit 0, nothing said."""
    path = xlsx(
        tmp_path / "moved.xlsx",
        [*HEADER, "Address"],
        ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50, "99 Old Rd"],
    )
    code, data, _ = validate(capsys, path)
    assert code == 2
    assert data["error"] == (
        "Columns 'Address' (B) and 'Address (2)' (H) both look like Address Line 1; bulkship will not guess "
        "which one to order from. Nothing was read further"
    )
    assert 'address1 = "H"' in data["hint"]
    (tmp_path / "p.toml").write_text('[columns]\naddress1 = "H"\n')
    loaded = load_sheet(path, program=load_program(tmp_path / "p.toml"))
    assert loaded.column_map == {
        "Name": "name", "Address (2)": "address1", "City": "city", "State": "state", "ZIP": "zip",
        "Product": "product", "Value": "value",
    }  # fmt: skip
    assert loaded.frame.loc[2, "Address (2)"] == "99 Old Rd"


def test_the_same_zip_header_twice_refuses_the_csv_instead_of_using_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "zips.csv"
    path.write_text(",".join([*HEADER, "zip"]) + "\nAnn Lee,1 Main St,Boston,MA,02134,CVS,50,99501\n")
    code, data, _ = validate(capsys, path)
    assert code == 2
    assert data["error"].startswith("Columns 'ZIP' (E) and 'zip (2)' (H) both look like ZIP Code")


def test_a_sheet_with_its_own_numbered_header_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "own.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Notes,Notes (2),Notes\nA,1 Main St,Boston,MA,02134,CVS,50,x,y,z\n"
    )
    loaded = load_sheet(path)
    assert loaded.headers[-3:] == ("Notes", "Notes (2)", "Notes (3)")
    assert loaded.frame.loc[2, "Notes (3)"] == "z"


# ---------------------------------------------------------------------------------------------- CSV quotes and line ends


def test_a_stray_quote_that_swallows_the_next_row_refuses_the_csv_naming_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bob's address opens a quote that closes in Cy's row: Bob was valid with the address '2 Elm St,Boston,
    MA,02134,CVS,25 Cy Orr,3 Oak' and Cy's row was nowhere in the output."""
    path = tmp_path / "stray.csv"
    path.write_bytes(
        b"Name,Address,City,State,ZIP,Product,Value\r\n"
        b"Ann Lee,1 Main St,Boston,MA,02134,CVS,50\r\n"
        b'Bob Ray,"2 Elm St,Boston,MA,02134,CVS,25\r\n'
        b'Cy Orr,3 Oak",Boston,MA,02134,CVS,25\r\n'
        b"Di Poe,4 Oak,Boston,MA,02134,CVS,25\r\n"
    )
    code, data, _ = validate(capsys, path)
    assert code == 2
    assert data["error"] == (
        "stray.csv: row 3, column B (line 3 of the file): a quote opens a cell that runs on for 2 lines and 6 "
        "commas, swallowing the rows after it (the cell begins '2 Elm St,Boston,MA,02134,CVS,25 Cy Orr,…'). "
        "Probably a stray or unclosed quote; nothing was read further"
    )
    assert data["hint"].startswith('fix the quotes in that cell: a cell that starts with " must end with "')


def test_a_quote_never_closed_refuses_the_csv_instead_of_making_the_rest_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "open.csv"
    path.write_text(
        "Name;Address;City;State;ZIP;Product;Value\n"
        'Ann Lee;"1 Main St\nApt 4";Boston;MA;02134;CVS;50\n'  # a real two-line cell: fine
        '"Bob Ray;2 Elm St;Boston;MA;02134;CVS;25\n'
        "Cy Orr;3 Oak;Boston;MA;02134;CVS;25\n",
        encoding="utf-8",
    )
    code, data, _ = validate(capsys, path)
    assert code == 2
    assert data["error"].startswith(
        "open.csv: row 3, column A (line 4 of the file): a quote opens a cell that runs on for 3 lines and 12 "
        "semicolons"
    )


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_a_quote_never_closed_on_the_last_row_refuses_the_csv_instead_of_making_that_row_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], delimiter: str
) -> None:
    """Found by hunter-web18 (an upload on the page): the last row opening a quote never closed was read as
    one cell, 'Ann Lee,1 Main St,Boston,MA,02134,CVS,50', then as a note below the table: Ann was left out,
    exit 0, where the same quote on any other row refuses the file. A last row whose only cell holds a quoted
    note with commas still loads."""
    cells = [["Name", "Address", "City", "State", "ZIP", "Product", "Value"]]
    cells.append(["Bob Ray", "2 Elm St", "Boston", "MA", "02134", "CVS", "25"])
    path = tmp_path / "open.csv"
    text = "".join(delimiter.join(row) + "\r\n" for row in cells)
    path.write_text(
        text + '"' + delimiter.join(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "50"])
    )
    code, data, _ = validate(capsys, path)
    assert code == 2, data
    assert data["error"].startswith(
        "open.csv: row 3, column A (line 3 of the file): a quote opens a cell that is never closed"
    ), data["error"]
    path.write_text(text + '"Thanks to all, from HR, Finance and IT, with love, Dana"\r\n')
    code, data, _ = validate(capsys, path)
    assert code == 0 and data["rows"] == 2 and data["valid"] == 1, data


def test_quoted_cells_over_several_lines_with_commas_still_load(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*HEADER, "Notes"])
        writer.writerow(
            [
                "Ann Lee",
                "1 Main St\nApt 4",
                "Boston",
                "MA",
                "02134",
                "CVS",
                "50",
                "Leave at door, ring twice\nthanks, HR",
            ]
        )
        writer.writerow(["Bob Ray", "2 Elm St", "Boston", "MA", "02134", "CVS", "25", ""])
    loaded = load_sheet(path)
    assert loaded.frame["Notes"].tolist() == ["Leave at door, ring twice\nthanks, HR", ""]
    assert loaded.frame.index.tolist() == [2, 3]


def test_a_csv_with_old_mac_line_ends_reads_like_any_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Excel for Mac's "CSV (Macintosh)": Mac Roman text, lines ended by CR alone. It was one long line
    ("No header row found") with a pandas warning on the terminal."""
    path = tmp_path / "mac.csv"
    with path.open("w", newline="", encoding="mac_roman") as handle:
        writer = csv.writer(handle, lineterminator="\r")
        writer.writerow(HEADER)
        writer.writerow(["José Núñez", "1 Main St", "Boston", "MA", "02134", "CVS", "50"])
        writer.writerow(["Bob Ray", "2 Elm St", "Newark", "NJ", "07102", "CVS", "25"])
    code, data, err = validate(capsys, path)
    assert (code, data["rows"], data["valid"]) == (0, 2, 2), err
    assert "Warning" not in err
    loaded = load_sheet(path)
    assert loaded.frame["Name"].tolist() == ["José Núñez", "Bob Ray"]
    assert loaded.file_hash == hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------------------------------------- sheets


def workbook_with_an_old_hidden_list(path: Path) -> Path:
    """Last year's list kept on a hidden sheet before this year's (a common way to 'archive' a tab)."""
    book = openpyxl.Workbook()
    old = book.active
    old.title = "2025"
    old.append(HEADER)
    old.append(["Old Person", "9 Gone Rd", "Boston", "MA", "02134", "CVS", 50])
    old.sheet_state = "hidden"
    current = book.create_sheet("2026")
    current.append(HEADER)
    current.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50])
    book.save(path)
    return path


def test_a_hidden_sheet_never_competes_with_the_visible_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It refused the file: 'cannot tell which holds the recipients: '2025', '2026''."""
    path = workbook_with_an_old_hidden_list(tmp_path / "gifts.xlsx")
    code, data, _ = validate(capsys, path)
    assert (code, data["rows"], data["valid"]) == (0, 1, 1)
    assert data["notices"] == [
        "Sheet '2025' is hidden and was not read (it looks like a list too); pass --sheet '2025' to read it instead."
    ]
    assert load_sheet(path).frame["Name"].tolist() == ["Ann Lee"]
    assert load_sheet(path, sheet="2025").frame["Name"].tolist() == ["Old Person"]


def test_a_hidden_sheet_saved_by_libreoffice_as_ods_is_not_read_either(
    tmp_path: Path, libreoffice: ConvertedTogether
) -> None:
    ods = libreoffice.copy(workbook_with_an_old_hidden_list(tmp_path / "gifts.xlsx"), tmp_path)
    loaded = load_sheet(ods)
    assert (loaded.sheet_name, loaded.frame["Name"].tolist()) == ("2026", ["Ann Lee"])


def test_two_visible_lists_still_ask_which_naming_the_hidden_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workbook_with_an_old_hidden_list(tmp_path / "gifts.xlsx")
    book = openpyxl.load_workbook(path)
    book.copy_worksheet(book["2026"]).title = "2026 (2)"
    book.save(path)
    code, data, _ = validate(capsys, path)
    assert code == 2
    assert data["error"] == (
        "gifts.xlsx has several sheets and bulkship cannot tell which holds the recipients: '2025' (hidden), "
        "'2026', '2026 (2)'"
    )


def workbook_with_late_additions(path: Path) -> Path:
    """HR's list on one sheet and late additions, with fewer columns, on a second visible sheet."""
    book = openpyxl.Workbook()
    december = book.active
    december.title = "December"
    december.append([*HEADER, "Employee ID"])
    december.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50, "E-1"])
    late = book.create_sheet("Late additions")
    late.append(HEADER)
    late.append(["Zed Late", "9 Late Rd", "Boston", "MA", "02134", "CVS", 50])
    book.create_sheet("Notes").append(["Ask Sam before sending", "Amount", "Name"])  # header-like, no rows
    summary = book.create_sheet("Summary")  # known headers and a row, but no one to send to
    summary.append(["Product", "Amount", "Count"])
    summary.append(["CVS", 50, 1])
    book.save(path)
    return path


def test_a_second_visible_list_of_recipients_is_never_left_out_without_a_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It read 'December' only: the late additions were in no output at all."""
    path = workbook_with_late_additions(tmp_path / "gifts.xlsx")
    code, data, _ = validate(capsys, path)
    assert code == 2
    assert data["error"] == (
        "gifts.xlsx has 2 sheets of recipients: 'December', 'Late additions'; bulkship reads one sheet per "
        "batch and would leave the others' rows out"
    )
    code, data, _ = validate(capsys, path, "--sheet", "Late additions")
    assert (code, data["rows"], data["valid"]) == (0, 1, 1)


def test_each_sheet_of_recipients_is_sent_as_a_batch_of_its_own_and_never_taken_for_the_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After December was sent, the late additions were refused as "the same file as batch DEC", and run
    as batch DEC they read "already complete", exit 0: Zed was never sent a card (found by a newcomer)."""
    path = workbook_with_late_additions(tmp_path / "gifts.xlsx")

    def run(*args: str) -> tuple[int, str]:
        capsys.readouterr()
        code = main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out"), *args])
        return code, " ".join(capsys.readouterr().err.split())

    assert run("--sheet", "December", "--batch", "DEC")[0] == 0
    assert run("--sheet", "Late additions", "--batch", "LATE")[0] == 0  # was: "the same file as batch DEC"
    assert "already complete" in run("--sheet", "December", "--batch", "DEC")[1]  # a resume still is one
    code, said = run("--sheet", "Late additions", "--batch", "DEC")  # the other sheet under the first batch
    assert code == 2 and "the same file (identical content) as batch 'LATE'" in said, said  # not "complete"
    names = sorted(li["PhysicalDeliveryAddress"]["Name"] for li in ordered_lines())
    assert names == ["Ann Lee", "Zed Late"]


def test_another_sheet_of_the_batchs_workbook_is_refused_under_its_name_and_a_renamed_sheet_is_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer8: `run gifts.xlsx --sheet December`, then `--sheet 'Late additions'`, both under
    the file's name as batch: the second took December's place as the batch's file ("Ann Lee: ordered
    earlier, no longer in the file"). It is refused, naming a batch of its own; a sheet renamed while the
    list was edited (December -> Dec, a person added) is still the batch's own list."""
    path = workbook_with_late_additions(tmp_path / "gifts.xlsx")

    def run(*args: str) -> tuple[int, str]:
        capsys.readouterr()
        code = main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out"), *args])
        return code, " ".join(capsys.readouterr().err.split())

    assert run("--sheet", "December")[0] == 0
    code, said = run("--sheet", "Late additions")
    assert code == 2, said
    assert (
        "Batch 'gifts' was ordered from sheet 'December' of gifts.xlsx; sheet 'Late additions' is another list"
        in said
    )
    assert "--sheet 'Late additions' --batch gifts-Late-additions" in said
    assert run("--sheet", "Late additions", "--batch", "gifts-Late-additions")[0] == 0
    book = openpyxl.load_workbook(path)
    book["December"].append(["Bo New", "2 Main St", "Boston", "MA", "02134", "CVS", 50, "E-2"])
    book["December"].title = "Dec"
    book.save(path)
    assert run("--sheet", "Dec")[0] == 0
    names = sorted(li["PhysicalDeliveryAddress"]["Name"] for li in ordered_lines())
    assert names == ["Ann Lee", "Bo New", "Zed Late"]


def list_with_a_table_beside(path: Path, side: list[list[object]]) -> Path:
    """Four people in A:G, then an empty column H, then HR's own little table in I:J."""
    book = openpyxl.Workbook()
    sheet = book.active
    people: list[list[object]] = [["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 25]]
    people += [[f"Person {i}", f"{i} Elm St", "Boston", "MA", "02134", "CVS", 25] for i in range(2, 5)]
    rows: list[list[object]] = [list(HEADER), *people]
    for i, row in enumerate(rows):
        extra: list[object] = side[i] if i < len(side) else []
        sheet.append([*row, None, *extra])
    book.save(path)
    return path


def test_a_price_list_beside_the_list_never_gives_its_cards_and_amounts_to_the_rows_next_to_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The VLOOKUP table "Product | Value" (TARGET 50, STARBUCKS 10...) outranked the list's own columns: four
    people were ordered the wrong card at the wrong amount (found by a newcomer)."""
    prices: list[list[object]] = [["Product", "Value"], ["TARGET", 50], ["STARBUCKS", 10], ["HOMEDEPOT", 100]]
    path = list_with_a_table_beside(tmp_path / "gifts.xlsx", prices)
    capsys.readouterr()
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    assert "stand in a separate table beside the list" in " ".join(capsys.readouterr().err.split())
    cards = [(li["ProductId"], float(li["Value"])) for li in ordered_lines()]
    assert cards == [("CVS", 25.0)] * 4, cards


@pytest.mark.parametrize(("december", "january"), [(3, 5), (5, 3)])
def test_two_lists_of_recipients_side_by_side_are_refused_never_half_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], december: int, january: int
) -> None:
    """December | empty column | January, each with its own header: the shorter list was 'a table beside the
    list, not used', its people never ordered, exit 0 (found by newcomer6)."""
    header = ["Name", "Address", "City", "State", "Zip", "Card", "Amount"]
    book = openpyxl.Workbook()
    book.active.append(["December", *[None] * 7, "January"])
    book.active.append([*header, None, *header])
    for i in range(max(december, january)):
        dec = (
            [f"Dec{i} Lee", f"{i + 1} Main St", "Boston", "MA", "02108", "CVS", 25]
            if i < december
            else [None] * 7
        )
        jan = [f"Jan{i} Fox", f"{i + 1} Oak St", "Austin", "TX", "78701", "CVS", 50] if i < january else []
        book.active.append([*dec, None, *jan])
    book.save(path := tmp_path / "gifts.xlsx")
    capsys.readouterr()
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "gifts.xlsx holds two lists of recipients side by side, in columns A:G" in said, said
    assert "and I:O" in said and "put each list on a sheet of its own" in said
    assert ordered_lines() == []


def test_the_approvers_names_beside_the_list_are_a_table_not_a_second_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Name | Email' of the two approvers beside the list: a name but no address, not a list of recipients."""
    contacts: list[list[object]] = [["Name", "Email"], ["Helen HR", "h@x.com"], ["Mark Boss", "m@x.com"]]
    path = list_with_a_table_beside(tmp_path / "gifts.xlsx", contacts)
    capsys.readouterr()
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    names = sorted(li["PhysicalDeliveryAddress"]["Name"] for li in ordered_lines())
    assert names == ["Ann Lee", "Person 2", "Person 3", "Person 4"], names


def test_a_price_list_longer_than_the_list_beside_it_is_still_the_table_not_the_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three people with 'Card | Amount' and a six-product 'Product | Value' list beside them: the longer
    price list was taken for the list and the people for 'a table beside it', refused with the advice
    name = "" (found by review8). The people's block is the list; a count beside it, longer or shorter,
    is still never guessed about."""
    header = ["Name", "Address", "City", "State", "ZIP", "Card", "Amount", None]
    side: list[list[object]] = [["CVS", 25], ["TARGET", 50], ["STARBUCKS", 10], ["HOMEDEPOT", 100],
                                ["AMAZON", 25], ["WALMART", 50]]  # fmt: skip
    book = openpyxl.Workbook()
    book.active.append([*header, "Product", "Value"])
    for i, prices in enumerate(side):
        person: list[object] = [f"P{i} Lee", f"{i + 1} Elm St", "Boston", "MA", "02134", "CVS", 25]
        book.active.append([*(person if i < 3 else [None] * 7), None, *prices])
    book.save(path := tmp_path / "gifts.xlsx")
    capsys.readouterr()
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    assert [(li["ProductId"], float(li["Value"])) for li in ordered_lines()] == [("CVS", 25.0)] * 3
    book.active["I1"], book.active["J1"] = "Summary", "Count"  # a long pivot of counts: asked about
    book.save(path)
    code, _, err = validate(capsys, path)
    assert code == 2 and "'Count' would be the list's Quantity" in " ".join(err.split()), err


def test_a_lone_column_past_a_spacer_filled_on_a_few_rows_is_the_list_s_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Qty' after an empty column, 3 on Ann's row only: taken for a table beside the list, Ann got one card."""
    path = list_with_a_table_beside(tmp_path / "gifts.xlsx", [["Qty"], [3]])
    capsys.readouterr()
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    quantities = sorted(li.get("Quantity", 1) for li in ordered_lines())
    assert quantities == [1, 1, 1, 3], quantities


def test_two_columns_past_a_spacer_filled_here_and_there_are_the_list_s_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Apt | Qty' after an empty column, Apt on Ann's row and Qty 3 on the next: taken for a table beside
    the list, the flat was dropped and two cards became one (found by review7)."""
    path = list_with_a_table_beside(tmp_path / "gifts.xlsx", [["Apt", "Qty"], ["Apt 4", None], [None, 3]])
    capsys.readouterr()
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    lines = ordered_lines()
    assert sorted(li.get("Quantity", 1) for li in lines) == [1, 1, 1, 3]
    assert any("Apt 4" in str(li["PhysicalDeliveryAddress"]) for li in lines), lines


def test_a_count_beside_the_list_is_never_guessed_to_be_its_quantity_or_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pivot "Summary | Count" beside a list without a quantity column: Ann was ordered 3 cards. The list's
    own "Quantity" whose last rows are not filled in yet looks the same, and leaving it out sent one card to
    people who asked for three (found by review8): the file is refused until the person says which."""
    path = list_with_a_table_beside(
        tmp_path / "gifts.xlsx", [["Summary", "Count"], ["CVS", 3], ["TARGET", 1]]
    )
    code, _, err = validate(capsys, path)
    said = " ".join(err.split())
    assert code == 2
    assert (
        "'Count' would be the list's Quantity: bulkship will not guess whether it belongs to the rows next to it"
        in said
    ), said
    assert (
        '`columns = { quantity = "J" }` to read it, or `columns = { quantity = "" }` to leave it unused'
        in said
    )
    program = tmp_path / "program.toml"
    program.write_text('[columns]\nquantity = ""\n')  # not the list's: left unused, one card each
    code, data, _ = validate(capsys, path, "--config", str(program))
    assert (code, data["valid"]) == (0, 4)
    capsys.readouterr()
    assert (
        main(
            [
                "run",
                str(path),
                "--yes",
                "--wait",
                "0",
                "--out",
                str(tmp_path / "out"),
                "--config",
                str(program),
            ]
        )
        == 0
    )
    assert [li.get("Quantity", 1) for li in ordered_lines()] == [1, 1, 1, 1]
    program.write_text('[columns]\nquantity = "J"\n')  # the person says it belongs to the list: used
    code, data, _ = validate(capsys, path, "--config", str(program))
    assert code == 0 and not [n for n in data["notices"] if "'Count'" in n and "beside the list" in n]


def test_the_list_s_own_quantity_past_a_spacer_with_its_last_rows_empty_is_not_left_out_unasked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Quantity | Apt' past an empty column, the last person's not filled in yet: read as a table beside
    the list, three people were sent one card instead of three, exit 0 (found by review8)."""
    side: list[list[object]] = [["Quantity", "Apt"], *([3, f"Apt {i}"] for i in range(1, 4))]
    path = list_with_a_table_beside(tmp_path / "gifts.xlsx", side)
    capsys.readouterr()
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 2
    assert "'Quantity' would be the list's Quantity" in " ".join(capsys.readouterr().err.split())
    assert ordered_lines() == []


def test_a_remark_under_the_list_does_not_make_its_columns_past_a_spacer_a_table_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Quantity | Apt' after an empty column, filled on every row, and 'Approved: J. Smith' under the list:
    the remark made the list end after them, so they read as a table beside it; four people were sent one
    card instead of three, and without their flat (found by review8)."""
    side: list[list[object]] = [["Quantity", "Apt"], *([3, f"Apt {i}"] for i in range(1, 5))]
    path = list_with_a_table_beside(tmp_path / "gifts.xlsx", side)
    book = openpyxl.load_workbook(path)
    book.active.append(["Approved: J. Smith"])
    book.save(path)
    capsys.readouterr()
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    assert "beside the list" not in " ".join(capsys.readouterr().err.split())
    lines = ordered_lines()
    assert [li.get("Quantity", 1) for li in lines] == [3] * 4, lines
    assert all(li["PhysicalDeliveryAddress"].get("AddressLine2") for li in lines), lines


def test_a_remark_under_a_lone_column_past_a_spacer_does_not_refuse_the_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 'Comments' column after an empty column and a remark under it: the lone column became 'the list'
    and the list 'a table beside it', refused as lacking every column it has (found by review8)."""
    path = list_with_a_table_beside(tmp_path / "gifts.xlsx", [["Comments"], [None], ["new hire"]])
    book = openpyxl.load_workbook(path)
    book.active.append([])
    book.active.append([None] * 8 + ["* approved by the CFO"])
    book.save(path)
    capsys.readouterr()
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    assert [li["ProductId"] for li in ordered_lines()] == ["CVS"] * 4


def test_a_totals_row_under_the_cards_past_a_spacer_does_not_make_the_list_a_table_beside_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Name..ZIP | (empty) | Product | Value' and 'Total | 100' under the cards: the cards' block was the
    longer, so the names and addresses were taken for a table beside it and the file refused (found by
    review8; 5e21802 read it)."""
    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "City", "State", "ZIP", None, "Product", "Value"])
    for i in range(1, 5):
        book.active.append([f"P{i} Lee", f"{i} Elm St", "Boston", "MA", "02134", None, "CVS", 25])
    book.active.append([None] * 6 + ["Total", 100])
    book.save(path := tmp_path / "gifts.xlsx")
    code, data, _ = validate(capsys, path)
    assert (code, data["valid"], len(data["skipped"])) == (0, 4, 1), data
    book = openpyxl.Workbook()  # the sums alone, no label: a totals row all the same
    book.active.append(["Name", "Address", "City", "State", "ZIP", "Product", None, "Value", "Quantity"])
    for i in range(1, 5):
        book.active.append([f"P{i} Lee", f"{i} Elm St", "Boston", "MA", "02134", "CVS", None, 25, 2])
    book.active.append([None] * 7 + [100, 8])
    book.save(path)
    code, data, _ = validate(capsys, path)
    assert (code, data["valid"], len(data["skipped"])) == (0, 4, 1), data


def test_a_pivot_beside_a_wide_template_filled_here_and_there_is_still_a_table_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 17-column template each row fills 8 columns of, and a 'Summary | Count' pivot past an empty
    column: the list's rows were not counted as its rows (under half its columns), the pivot became 'the
    list' and its Count the quantity of the first two people (found by review8 in its own change)."""
    header = ["First Name", "Last Name", "Company", "Address 1", "Address 2", "City", "State", "ZIP",
              "Country", "Product", "Value", "Shipping Method", "Card Carrier", "Email", "Phone",
              "Allow Duplicate", "Notes"]  # fmt: skip
    book = openpyxl.Workbook()
    book.active.append([*header, None, "Summary", "Count"])
    pivot: list[list[object]] = [["CVS", 3], ["TARGET", 1]]
    for i in range(1, 6):
        row: list[object] = [f"P{i}", "Lee", None, f"{i} Elm St", None, "Boston", "MA", "02134", None,
                             "CVS", 25, None, None, None, None, None, None]  # fmt: skip
        book.active.append([*row, None, *pivot[i - 1]] if i <= 2 else row)
    book.save(path := tmp_path / "template.xlsx")
    code, _, err = validate(capsys, path)
    assert code == 2 and "'Count' would be the list's Quantity" in " ".join(err.split()), err


def test_cards_past_a_spacer_stopping_before_the_list_are_never_guessed_to_be_its_own_or_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Product | Value' past an empty column, filled on the first rows only, beside a list without a card:
    the list's own cards with the last ones not chosen yet, or a price list (four people would get its
    cards). It was refused as lacking the Product and Value it shows; now both ways out are named."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", None, "Product", "Value"])
    for i in range(1, 5):
        card: list[object] = ["CVS", 25] if i < 4 else []
        sheet.append([f"Person {i}", f"{i} Elm St", "Boston", "MA", "02134", None, *card])
    book.save(path := tmp_path / "gifts.xlsx")
    code, _, err = validate(capsys, path)
    said = " ".join(err.split())
    assert code == 2 and "lacks required" not in said, said
    assert "'Product' would be the list's Product: bulkship will not guess" in said, said
    program = tmp_path / "program.toml"
    program.write_text('[columns]\nproduct = "G"\nvalue = "H"\n')
    code, data, _ = validate(capsys, path, "--config", str(program))
    assert (code, data["valid"], data["invalid"]) == (1, 3, 1), data


# ---------------------------------------------------------------------------------------------- values


def test_zips_and_amounts_as_other_systems_write_them_are_read_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each was refused before: ="02134" (two errors on one cell), 2134.0 and '02134 (errors), full-width
    digits ('５０ is not a value CVS comes in'), dotted state codes."""
    path = tmp_path / "export.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Employee ID", *HEADER])
        writer.writerow(["E1", "Ann Lee", "1 Main St", "Boston", "MA", '="02134"', "CVS", "50"])
        writer.writerow(["E2", "Bob Ray", "2 Elm St", "Newark", "NJ", "7102.0", "CVS", "25"])
        writer.writerow(["E3", "Cy Orr", "3 Oak St", "New York", "N.Y.", "10001.0", "CVS", "25"])
        writer.writerow(["E4", "Di Poe", "4 Oak St", "Boston", "ma", "'02134", "CVS", "５０"])
        writer.writerow(["E5", "Ed Fox", "5 Oak St", "Washington", "D.C.", "２０００１", "ＣＶＳ", "25"])
    code, data, err = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (0, 5, 0), err
    loaded = load_sheet(path)
    assert loaded.frame.loc[2, "ZIP"] == "02134"  # what Excel shows
    messages = [p["message"] for p in data["problems"]]
    assert messages == [
        "Row 2, column 'ZIP': '=\"02134\"' (Excel's way to keep zeros) read as 02134.",
        "Row 3, column 'ZIP': ZIP 7102.0 repaired to 07102 (state NJ); Excel had dropped its leading zero. Format the column as Text to keep it.",
        "Row 4, column 'State': 'N.Y.' changed to NY.",
        "Row 4, column 'ZIP': '10001.0' read as 10001.",
        "Row 5, column 'State': 'ma' changed to MA.",
        "Row 5, column 'ZIP': ''02134' read as 02134.",
        "Row 5, column 'Value': '５０' read as 50.",
        "Row 6, column 'State': 'D.C.' changed to DC.",
        "Row 6, column 'ZIP': '２０００１' read as 20001.",
        "Row 6, column 'Product': 'ＣＶＳ' read as CVS.",
    ]
    assert {p["severity"] for p in data["problems"]} == {"warning"}


def test_a_zip_or_a_quantity_in_the_digits_of_another_script_is_read_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets3: a ZIP typed in Arabic-Indic or Persian digits ('٠٢١٠٨') was refused as 'not a
    ZIP code in use in the United States', which it is; an amount so written was read already."""
    path = tmp_path / "digits.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Qty\n"
        "Ann Lee,1 Main St,Boston,MA,٠٢١٠٨,CVS,25,1\nBob Ray,2 Elm St,Quincy,MA,۰۲۱۶۹,CVS,25,٢\n",
        encoding="utf-8",
    )
    code, data, err = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (0, 2, 0), err
    assert [p["message"] for p in data["problems"]] == [
        "Row 2, column 'ZIP': '٠٢١٠٨' read as 02108.",
        "Row 3, column 'ZIP': '۰۲۱۶۹' read as 02169.",
        "Row 3, column 'Qty': '٢' read as 2.",
    ]


def test_a_name_or_street_in_full_width_forms_goes_on_the_parcel_in_plain_letters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets3: 'Ａｎｎ Ｌｅｅ' at '５ Ｍａｉｎ Ｓｔ' (a Japanese input method's full-width forms) went
    to the vendor as typed, where a ZIP or a state so typed was read as plain. Other letters stay ('½')."""
    path = tmp_path / "wide.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value\n"
        "Ａｎｎ Ｌｅｅ,５ Ｍａｉｎ Ｓｔ,Ｂｏｓｔｏｎ,MA,02108,CVS,25\nJosé Núñez,12½ Main St,Boston,MA,02108,CVS,25\n",
        encoding="utf-8",
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    sent = [li["PhysicalDeliveryAddress"] for li in ordered_lines()]
    assert sorted((a["Name"], a["AddressLine1"], a["City"]) for a in sent) == [
        ("Ann Lee", "5 Main St", "Boston"), ("José Núñez", "12½ Main St", "Boston")
    ]  # fmt: skip


def test_formula_text_behind_a_space_or_a_tab_is_refused_as_formula_text_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review17 (web, a hostile list): a street written '\t=1+9' (a tab or a space before the '=', as
    some exports neutralise formulas) passed the formula check, which looked at the cell's first character,
    and the card went out addressed to '=1+9' once the cell was trimmed. ' ="02134"' reads as 02134 as before."""
    path = tmp_path / "spaced.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Employee ID", *HEADER])
        writer.writerow(["E1", "Ann Lee", "\t=1+9", "Boston", "MA", "02134", "CVS", "50"])
        writer.writerow(["E2", " =B2", "2 Elm St", "Newark", "NJ", "07102", "CVS", "25"])
        writer.writerow(["E3", "Cy Orr", "3 Oak St", "Boston", "MA", ' ="02134"', "CVS", "25"])
        writer.writerow(["E4", "Di Poe", "\uff1d1+9", "Boston", "MA", "02134", "CVS", "25"])  # full-width '='
    code, data, err = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 1, 3), err
    said = [(p["row"], p["severity"], p["message"]) for p in data["problems"]]
    assert (5, "warning", "Row 5, column 'Address': '\uff1d1+9' read as =1+9.") in said  # and refused:
    assert [p for p in said if p[0] < 5 or p[1] == "error"] == [
        (2, "error", "Row 2, column 'Address': '\t=1+9' is the text of a formula, not a value; type the value "
         "itself (the name, address or amount the card needs)."),
        (3, "error", "Row 3, column 'Name': ' =B2' is the text of a formula, not a value; type the value itself "
         "(the name, address or amount the card needs)."),
        (4, "warning", "Row 4, column 'ZIP': ' =\"02134\"' (Excel's way to keep zeros) read as 02134."),
        (5, "error", "Row 5, column 'Address': '\uff1d1+9' is the text of a formula, not a value; type the value "
         "itself (the name, address or amount the card needs)."),
    ]  # fmt: skip


def test_an_excel_text_formula_in_a_column_bulkship_does_not_read_is_carried_untouched(
    tmp_path: Path,
) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        'Name,Address,City,State,ZIP,Product,Value,Badge\nAnn Lee,1 Main St,Boston,MA,02134,CVS,50,="007"\n'
    )
    loaded = load_sheet(path)
    assert loaded.frame.loc[2, "Badge"] == '="007"'
    assert loaded.read_problems == ()


# ---------------------------------------------------------------------------------------------- XLSX cells


def lookup_errors_pasted_as_values(path: Path) -> Path:
    return xlsx(
        path,
        HEADER,
        ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "#N/A"],  # openpyxl writes an error value
        ["Bob Ray", "2 Elm St", "Boston", "#REF!", "02134", "CVS", 25],
    )


def test_an_error_value_reads_as_the_error_the_person_sees_not_as_an_empty_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], libreoffice: ConvertedTogether
) -> None:
    """A VLOOKUP's #N/A pasted as a value: it said "is empty; fill in the card's value" beside a cell showing
    #N/A."""
    path = lookup_errors_pasted_as_values(tmp_path / "lookup.xlsx")
    assert openpyxl.load_workbook(path).active["G2"].data_type == "e"
    code, data, _ = validate(capsys, path)
    assert (code, data["invalid"]) == (1, 2)
    assert [p["message"] for p in data["problems"]] == [
        "Row 2, column 'Value': holds the error #N/A (what a failed formula shows, here kept as a value) where "
        "a value was expected; type the value itself.",
        "Row 3, column 'State': holds the error #REF! (what a failed formula shows, here kept as a value) "
        "where a value was expected; type the value itself.",
    ]
    book = openpyxl.load_workbook(tmp_path / "out" / "lookup-validation.xlsx")
    assert "#N/A" in [cell.value for cell in book["Validation"][2]]
    ods = load_sheet(libreoffice.copy(path, tmp_path))  # LibreOffice keeps it as the formula =#N/A
    assert next(p.message.split(": ", 1)[1] for p in ods.read_problems) == (
        "holds a formula (=#N/A) whose result '#N/A' bulkship will not order from; replace it with its value "
        "(Copy, then Paste Special › Values)."
    )


def test_an_excel_error_saved_as_text_in_a_csv_is_no_name_nor_street(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CSV saved from a sheet whose lookups failed: the card went out to "Ann #VALUE!" and to the street
    "#N/A" (only an amount or a ZIP reading "#N/A" was refused)."""
    path = tmp_path / "lookup.csv"
    path.write_text(
        "First Name,Last Name,Address,City,State,ZIP,Product,Value\n"
        "Ann,#VALUE!,1 Main St,Boston,MA,02134,CVS,25\n"
        "Bob,Ray,#N/A,Boston,MA,02134,CVS,25\n"
        "Cid,Poe,3 Elm St,Boston,MA,02134,CVS,25\n"
    )
    code, data, _ = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 1, 2)
    assert [p["message"] for p in data["problems"]] == [
        "Row 2, column 'Last Name': holds #VALUE!, the error a failed formula shows (saved as text), where a "
        "value was expected; type the value itself.",
        "Row 3, column 'Address': holds #N/A, the error a failed formula shows (saved as text), where a value "
        "was expected; type the value itself.",
    ]
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    assert [li["PhysicalDeliveryAddress"]["Name"] for li in ordered_lines()] == ["Cid Poe"]


def test_google_sheets_own_formula_error_saved_in_a_csv_is_never_printed_on_the_parcel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets10: a Google Sheets CSV download holds '#ERROR!' where a formula did not parse
    (Excel has no such error): as the Company it was printed on line 2 of Ann's parcel, exit 0."""
    path = tmp_path / "sheets.csv"
    path.write_text(
        "Name,Company,Address,City,State,ZIP,Product,Value\n"
        "Ann Lee,#ERROR!,1 Main St,Boston,MA,02134,CVS,25\n"
        "Cid Poe,,3 Elm St,Boston,MA,02134,CVS,25\n"
    )
    code, data, _ = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 1, 1)
    assert [p["message"] for p in data["problems"]] == [
        "Row 2, column 'Company': holds #ERROR!, the error a failed formula shows (saved as text), where a "
        "value was expected; type the value itself."
    ]


def _eligible_by_formula(path: Path, writer: str) -> Path:
    """A list whose 'Eligible' column is a formula (Yes from 10 years of service), as a program writes it: no
    result kept (openpyxl; Apache POI, no value element and nothing asked) or a 0 in its place (XlsxWriter),
    the workbook asking Excel to calculate; or ``excel``: each result kept beside its formula."""
    header = [*HEADER, "Years", "Eligible"]
    rows = [["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 25, 5],
            ["Bob Ray", "2 Main St", "Boston", "MA", "02134", "CVS", 25, 12]]  # fmt: skip
    if writer == "xlsxwriter":
        import xlsxwriter

        book = xlsxwriter.Workbook(str(path))
        sheet = book.add_worksheet("Sheet")
        sheet.write_row(0, 0, header)
        for number, row in enumerate(rows, start=2):
            sheet.write_row(number - 1, 0, row)
            sheet.write_formula(number - 1, 8, f'=IF(H{number}>=10,"Yes","No")')
        book.close()
        return path
    xlsx(path, header, *([*row, f'=IF(H{n}>=10,"Yes","No")'] for n, row in enumerate(rows, start=2)))
    if writer == "openpyxl":
        return path
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b' fullCalcOnLoad="1"', b"")
    results = iter([b"No", b"Yes"] if writer == "excel" else [b"", b""])
    parts["xl/worksheets/sheet1.xml"] = re.sub(
        rb'<c r="(I\d)"><f>([^<]*)</f><v ?/>',
        lambda m: (
            b'<c r="%s" t="str"><f>%s</f>%s' % (m[1], m[2], b"<v>%s</v>" % r if (r := next(results)) else b"")
        ),
        parts["xl/worksheets/sheet1.xml"],
    )
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter", "no value"])
def test_a_column_of_formulas_never_calculated_refuses_the_file_instead_of_deciding_rows_on_blanks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], writer: str
) -> None:
    """Found by hunter-sheets3: 'Eligible' =IF(Years>=10,"Yes","No") written by a program (no result kept):
    bulkship read it empty and sent Ann, whom Excel shows 'No' (openpyxl), or read XlsxWriter's 0 and left
    Bob out, whom Excel shows 'Yes'. The file is refused in one line; with its results kept (saved by Excel
    or LibreOffice) it is read."""
    path = _eligible_by_formula(tmp_path / "eligible.xlsx", writer)
    code = main(["run", str(path), "--yes", "--out", str(tmp_path / "out")])
    err = " ".join(capsys.readouterr().err.split())
    assert (code, ordered_lines()) == (2, [])
    assert (
        "Error: sheet 'Sheet' of eligible.xlsx: column 'Eligible' holds formulas whose results the file does not "
        'keep (cell I2: =IF(H2>=10,"Yes","No"), and 1 more): a program wrote them for Excel to calculate, and '
        "bulkship would read them empty (or 0), not as the sheet shows them"
    ) in err
    loaded = load_sheet(_eligible_by_formula(tmp_path / "saved.xlsx", "excel"))
    assert [(s.row, s.kind) for s in loaded.skipped] == [(2, "not to send")]


def test_a_formula_or_a_date_in_an_order_field_is_one_message_not_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A formula cell (with the result Excel cached) got "'=25*2' is not an amount" beside "holds a formula";
    a date in a ZIP cell "'2026-01-02' is not a US ZIP code" beside "holds a date"."""
    import datetime as dt

    import xlsxwriter

    path = tmp_path / "formulas.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, HEADER)
    sheet.write_row(1, 0, ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS"])
    sheet.write_formula(1, 6, "=25*2", None, 50)
    sheet.write_row(2, 0, ["Bob Ray", "2 Elm St", "Boston", "MA"])
    sheet.write_datetime(2, 4, dt.datetime(2026, 1, 2), book.add_format({"num_format": "yyyy-mm-dd"}))
    sheet.write_row(2, 5, ["CVS", 25])
    book.close()
    code, data, _ = validate(capsys, path)
    assert code == 1
    assert [(p["row"], p["column"], p["message"].split(": ", 1)[1][:22]) for p in data["problems"]] == [
        (2, "value", "holds a formula (=25*2"),
        (3, "zip", "holds a date or time ("),
    ]


def team_gifts_with_merged_cards(path: Path) -> Path:
    """One product and amount per team, merged down the team's rows, as people lay out a list to read."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Gift list, Q4"])
    sheet.merge_cells("A1:G1")
    sheet.append(HEADER)
    sheet.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50])
    sheet.append(["Bob Ray", "2 Elm St", "Boston", "MA", "02134", None, None])
    sheet.append(["Cy Orr", "3 Oak St", "Boston", "MA", "02134", None, None])
    sheet.append(["Di Poe", "4 Oak St", "Boston", "MA", "02134", "TARGET", 25])
    sheet.merge_cells("F3:F5")
    sheet.merge_cells("G3:G5")
    book.save(path)
    return path


def test_a_card_merged_down_a_group_of_rows_is_read_on_each_row_it_shows_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], libreoffice: ConvertedTogether
) -> None:
    """Bob and Cy see CVS and 50 on their rows; they were invalid: "is empty; fill in a product"."""
    path = team_gifts_with_merged_cards(tmp_path / "teams.xlsx")
    code, data, err = validate(capsys, path)
    assert (code, data["rows"], data["valid"]) == (0, 4, 4), err
    assert [p["message"] for p in data["problems"]] == [
        "Row 4, column 'Product': inside the merged cell F3:F5 ('CVS'); read as CVS.",
        "Row 4, column 'Value': inside the merged cell G3:G5 ('50'); read as 50.",
        "Row 5, column 'Product': inside the merged cell F3:F5 ('CVS'); read as CVS.",
        "Row 5, column 'Value': inside the merged cell G3:G5 ('50'); read as 50.",
    ]
    loaded = load_sheet(path)
    assert loaded.frame["Product"].tolist() == ["CVS", "CVS", "CVS", "TARGET"]
    assert loaded.cell_types is not None
    codes = loaded.cell_types["Value"].tolist()
    assert codes[:3] == [codes[0]] * 3 and codes[0] == codes[3]  # still numbers in the outputs
    ods = libreoffice.copy(path, tmp_path)
    assert load_sheet(ods).frame["Value"].tolist() == ["50", "50", "50", "25"]


def test_a_quantity_merged_down_a_team_is_an_error_on_each_of_its_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer8: a team's Qty 3 merged over its three people (beside the team's Total of 75) made
    3 cards each: 9 cards, 225.00. One quantity for several rows says neither; the rows wait for a fix."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Qty"])
    sheet.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 25, 3])
    sheet.append(["Bob Ray", "2 Elm St", "Boston", "MA", "02134", None, None, None])
    sheet.append(["Cy Orr", "3 Oak St", "Boston", "MA", "02134", None, None, None])
    sheet.append(["Di Fox", "4 Ash St", "Boston", "MA", "02134", "CVS", 25, 2])
    for column in "FGH":
        sheet.merge_cells(f"{column}2:{column}4")
    book.save(tmp_path / "team.xlsx")
    code, data, err = validate(capsys, tmp_path / "team.xlsx")
    assert (code, data["valid"], data["invalid"]) == (1, 1, 3), err
    errors = [p["message"] for p in data["problems"] if p["severity"] == "error"]
    assert errors == [
        f"Row {row}, column 'Qty': the quantity 3 is one cell merged over rows 2-4 (H2:H4): 3 cards for these "
        "rows together, or 3 for each? Unmerge the cells and write each row's own quantity."
        for row in (2, 3, 4)
    ]


def test_a_header_on_two_rows_is_read_as_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'Address' merged above Street | City | State | ZIP: "lacks required column(s): City, State, ZIP Code"."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Recipient", "Address", None, None, None, "Gift Card", "Amount"])
    sheet.append([None, "Street", "City", "State", "ZIP", None, None])
    sheet.merge_cells("B1:E1")
    sheet.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50])
    book.save(tmp_path / "two.xlsx")
    code, data, err = validate(capsys, tmp_path / "two.xlsx")
    assert (code, data["valid"]) == (0, 1), err
    assert "(header on row 2)" in err
    assert [(c["header"], c["field"]) for c in data["columns"]] == [
        ("Recipient", "name"), ("Street", "address1"), ("City", "city"), ("State", "state"), ("ZIP", "zip"),
        ("Gift Card", "product"), ("Amount", "value"),
    ]  # fmt: skip


def test_a_surveymonkey_export_s_second_header_row_is_no_recipient_nor_the_column_s_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-falsealarm2: SurveyMonkey writes under each question the kind of its answer
    ('Response', 'Open-Ended Response'). Under one-row questions that row was read as a recipient, an error
    on its state, ZIP and card (exit 1, in every such export); under a contact block's 'Name | Address |
    City/Town' it was the header, and 'Which gift card would you like?' over 'Response' was lost (refused,
    lacking its card). The question above names the column; the row is the header's."""
    head = ["Respondent ID", "End Date", "Full name", "Street Address", "City", "State", "ZIP", "Gift Card"]
    kinds = [None, None, "Response", "Response", "Response", "Response", "Response", "Response"]
    answer = [114001, "11/20/2026 10:04:00 AM", "Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 25]
    one = xlsx(tmp_path / "one.xlsx", [*head, "Amount"], [*kinds, "Open-Ended Response"], answer)
    code, data, err = validate(capsys, one)
    assert (code, data["rows"], data["valid"]) == (0, 1, 1), err
    head = ["Respondent ID", "Please give your shipping address", "", "", "", ""]
    head += ["Which gift card would you like?", "Amount"]
    kinds = ["", "Name", "Address", "City/Town", "State/Province", "ZIP/Postal Code", "Response", "Response"]
    answer = [114001, "Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 25]
    code, data, err = validate(capsys, xlsx(tmp_path / "block.xlsx", head, kinds, answer))
    assert (code, data["valid"]) == (0, 1), err
    used = {c["header"]: c["field"] for c in data["columns"] if c["field"]}
    assert used["Which gift card would you like?"] == "product"
    assert used["Amount"] == "value"


def card_sent_over_date_and_by(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([None] * 7 + ["Card Sent", None])
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Date", "By"])
    sheet.merge_cells("H1:I1")
    sheet.append(
        ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50, datetime.datetime(2026, 11, 15), "HR"]
    )
    sheet.append(["Bob Ray", "2 Main St", "Boston", "MA", "02134", "CVS", 50, None, None])
    sheet.cell(3, 8).number_format = "m/d/yyyy"
    book.save(path)
    return path


def test_a_date_under_a_group_header_saying_the_card_went_leaves_its_row_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], libreoffice: ConvertedTogether
) -> None:
    """Found by hunter-sheets12: a tracking sheet's 'Card Sent' merged above its 'Date' | 'By' columns (the
    header on row 2): 'Date' = 11/15/2026 was read alone, as nothing, and the card ordered again, exit 0.
    The column is read with its group, as 'Card Sent: Date' (sent already), in LibreOffice's ODS copy too."""
    tracker = card_sent_over_date_and_by(tmp_path / "tracker.xlsx")
    for path in (tracker, libreoffice.copy(tracker, tmp_path)):
        skipped = [(s.row, s.reason) for s in load_sheet(path).skipped]
        assert skipped == [
            (3, "the list says it was sent already (column 'Card Sent: Date': '2026-11-15')")
        ], path


def test_the_second_row_of_a_header_merged_down_is_said_to_be_the_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets12: a two-row header, 'Name' ... 'Value' each merged down over rows 1 and 2 and
    'Card Sent' over 'Date' | 'By' on row 2, was read with its header on row 1: row 2 was a recipient left
    out as "the list says it was sent already (column 'Card Sent': 'Date')". It is said to be the header's
    second row; Ann's dated row is still left out, Bob's sent."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Card Sent", None])
    sheet.append([None] * 7 + ["Date", "By"])
    for column in "ABCDEFG":
        sheet.merge_cells(f"{column}1:{column}2")
    sheet.merge_cells("H1:I1")
    sheet.append(
        ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50, datetime.datetime(2026, 11, 15), "HR"]
    )
    sheet.append(["Bob Ray", "2 Main St", "Boston", "MA", "02134", "CVS", 50, None, None])
    sheet.cell(3, 8).number_format = "m/d/yyyy"
    book.save(tmp_path / "grouped.xlsx")
    skipped = [(s.row, s.reason) for s in load_sheet(tmp_path / "grouped.xlsx").skipped]
    assert skipped == [
        (2, "the header's second row (the header's cells are merged down over it)"),
        (3, "the list says it was sent already (column 'Card Sent': '2026-11-15')"),
    ]


@pytest.mark.parametrize("title", ["Card Sent", "Sent"])
def test_a_title_merged_over_the_whole_list_is_no_group_header(tmp_path: Path, title: str) -> None:
    """Found by review26 (F4): a title 'Card Sent' (or 'Sent') merged across the whole top row, over a list
    with a 'Date' column, was read as the group header of 'Date': every dated row was left out as 'sent
    already (column 'Card Sent: Date')'. A merge that also covers a column read for the recipient (Name,
    Address) is the list's title: its rows are sent; one over 'Date' | 'By' alone still groups them."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([title] + [None] * 8)
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Date", "Notes"])
    sheet.merge_cells("A1:I1")
    for n in (1, 2):
        sent = datetime.datetime(2026, 11, 14 + n)
        sheet.append([f"P{n}", f"{n} Main St", "Boston", "MA", "02134", "CVS", 50, sent, ""])
        sheet.cell(2 + n, 8).number_format = "m/d/yyyy"
    book.save(tmp_path / "titled.xlsx")
    assert load_sheet(tmp_path / "titled.xlsx").skipped == ()


def name_merged_across_first_and_last(path: Path, fixed: bool = False) -> Path:
    """'Name' merged over First | Last; ``fixed``: unmerged, 'First Name' | 'Last Name'."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["December gifts"])
    sheet.append(["Name", None, "Address", None, "City", "State", "ZIP", "Product", "Value"])
    sheet.merge_cells("A2:B2")
    sheet.merge_cells("C2:D2")  # for looks only: nothing under D
    sheet.append(["Ann", "Lee", "1 Main St", None, "Boston", "MA", "02134", "CVS", 50])
    sheet.append(["Bob", "Ray", "2 Main St", None, "Boston", "MA", "02134", "CVS", 50])
    if fixed:
        sheet.unmerge_cells("A2:B2")
        sheet["A2"], sheet["B2"] = "First Name", "Last Name"
    book.save(path)
    return path


def test_a_name_header_merged_across_first_and_last_name_refuses_the_file_instead_of_sending_first_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], libreoffice: ConvertedTogether
) -> None:
    """Found by newcomer6: 'Name' merged over First | Last read only the first column: the parcels went to
    "Ann" and "Bob", exit 0, the last names a "Column B: not used"."""
    name_merged_across_first_and_last(tmp_path / "merged.xlsx")

    code = main(["run", str(tmp_path / "merged.xlsx"), "--yes", "--out", str(tmp_path / "out")])

    err = capsys.readouterr().err
    assert code == 2 and ordered_lines() == []
    assert (
        "the header 'Name' is one cell merged across columns A2:B2, and column(s) B under it hold values"
        in err
    )
    assert "give each column its own header" in err
    ods = libreoffice.copy(tmp_path / "merged.xlsx", tmp_path)  # LibreOffice's copy: refused alike
    assert main(["validate", str(ods), "--out", str(tmp_path / "out")]) == 2
    assert "merged across columns A2:B2" in capsys.readouterr().err
    name_merged_across_first_and_last(tmp_path / "fixed.xlsx", fixed=True)
    code, data, err = validate(capsys, tmp_path / "fixed.xlsx")
    assert (code, data["valid"]) == (0, 2), err  # the merge over an empty column is no problem


def test_a_first_recipient_is_never_taken_for_a_second_header_row(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,\nAnn Lee,1 Main St,Boston,MA,02134,CVS,50,Card\n"
    )
    loaded = load_sheet(path)
    assert (loaded.header_row, loaded.frame["Name"].tolist()) == (1, ["Ann Lee"])


def test_a_wide_hr_export_says_how_to_read_it_and_then_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """300 columns: refused (limit 256) with a hint that only said to delete columns or export as CSV."""
    extra = [f"Field {n}" for n in range(293)]
    path = xlsx(
        tmp_path / "wide.xlsx",
        [*HEADER, *extra],
        ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50, *["x"] * 293],
    )
    code, data, _ = validate(capsys, path)
    assert code == 2
    assert "300 columns, above bulkship's limits" in data["error"]
    assert "raise rows, columns or cells under [limits] in a program file (--config)" in data["hint"]
    (tmp_path / "wide.toml").write_text("[limits]\ncolumns = 400\n")
    code, data, _ = validate(capsys, path, "--config", str(tmp_path / "wide.toml"))
    assert (code, data["valid"]) == (0, 1)
    csv_path = tmp_path / "wide.csv"
    csv_path.write_text(",".join([*HEADER, *extra]) + "\n")
    code, data, _ = validate(capsys, csv_path)
    assert (code, data["error"]) == (2, "wide.csv has 300 columns, above bulkship's limit of 256")
    assert "[limits]" in data["hint"]


def test_a_header_repeated_between_two_pasted_lists_is_not_a_recipient(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two exports concatenated: the second header was an invalid recipient ('ZIP' is not a US ZIP code...)."""
    path = tmp_path / "both.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for export in (
            ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "50"],
            ["Bob Ray", "2 Elm St", "Newark", "NJ", "07102", "CVS", "25"],
        ):
            writer.writerow(HEADER)
            writer.writerow(export)
    code, data, err = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (0, 2, 0), err
    assert data["skipped"] == [
        {"row": 3, "kind": "note", "reason": "the header again (two lists one below the other)"}
    ]
    assert data["problems"] == []
    hr = tmp_path / "hr.csv"  # found by refactor12: its 'Termination Date' cell read as a past date
    with hr.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for export in (["Ann Lee", "1 Main St"], ["Bob Ray", "2 Elm St"]):
            writer.writerow([*HEADER, "Termination Date"])
            writer.writerow([*export, "Boston", "MA", "02134", "CVS", "50", ""])
    code, data, err = validate(capsys, hr)
    assert (code, data["valid"]) == (0, 2), err
    assert data["skipped"] == [
        {"row": 3, "kind": "note", "reason": "the header again (two lists one below the other)"}
    ]


def test_a_second_header_with_its_columns_in_another_order_refuses_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a newcomer: below a pasted header "Address,Name,..." the rows were valid with the name as the
    street and the street as the name (deleting the header row made them two cards to "3 Paste St")."""
    path = tmp_path / "pasted.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerow(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "50"])
        writer.writerow(["Address", "Name", *HEADER[2:]])
        writer.writerow(["3 Paste St", "Cid Paste", "Boston", "MA", "02134", "CVS", "25"])
    code, data, _ = validate(capsys, path)
    assert code == 2
    assert data["error"] == (
        "Row 3 repeats the header with its columns in another order ('Address' under 'Name', 'Name' under "
        "'Address'): the rows below it would be read in the wrong columns"
    )


def test_a_second_list_s_header_in_other_words_is_read_as_a_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets9: two lists pasted one below the other, the second from another system, its
    header in other words: 'Surname, Given Name, Street, Town...' (or 'Last, First') under 'First Name, Last
    Name, Address, City'. It was read as one recipient to fix, and the rows below it in the first list's
    columns: Cy Dunn's card went to 'Dunn Cy', exit 3 for the header row alone. Such a row is now read as a
    header: in the same order it is skipped as the header again, in another order the file is refused."""
    first = ["First Name", "Last Name", "Address", "City", "State", "ZIP", "Product", "Value"]
    for second, refused in (
        (["Surname", "Given Name", "Street", "Town", "State", "Zip Code", "Card", "Amount"], True),
        (["Last", "First", "Address", "City", "ST", "ZIP", "Product", "Value"], True),
        (["Given Name", "Surname", "Street", "Town", "ST", "Zip Code", "Card", "Amount"], False),
    ):
        path = tmp_path / "two-lists.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(first)
            writer.writerow(["Ann", "Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "50"])
            writer.writerow(second)
            writer.writerow(["Dunn" if refused else "Cy", "Cy" if refused else "Dunn", "3 Elm St", "Boston", "MA",
                             "02134", "CVS", "50"])  # fmt: skip
        code, data, _ = validate(capsys, path)
        if refused:
            assert code == 2
            assert data["error"].startswith("Row 3 repeats the header with its columns in another order (")
        else:
            assert (code, data["valid"], data["invalid"]) == (0, 2, 0)
            assert data["skipped"] == [
                {"row": 3, "kind": "note", "reason": "the header again (two lists one below the other)"}
            ]


def test_a_recipient_whose_cells_happen_to_read_like_headers_is_still_a_recipient(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Name,Address,City,State,ZIP,Product,Value\nName,1 Main St,City,MA,02134,CVS,50\n")
    assert load_sheet(path).skipped == ()


def test_a_csv_saved_as_ms_dos_or_mac_text_is_refused_with_both_readings_not_ordered_garbled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Excel's "CSV (MS-DOS)" (cp850) and a Mac Roman CSV were read as Windows-1252: 'Jos‚ M�ller' and
    'JosŽ MŸller', valid, exit 0, printed on the parcels."""
    rows = [HEADER, ["José Müller", "1 Main St", "Boston", "MA", "02134", "CVS", "50"]]
    for encoding, reading in (
        ("cp850", "MS-DOS (Excel's 'CSV (MS-DOS)')"),
        ("mac_roman", "Mac Roman (Excel for Mac's 'CSV')"),
    ):
        path = tmp_path / f"{encoding}.csv"
        with path.open("w", newline="", encoding=encoding) as handle:
            csv.writer(handle).writerows(rows)
        code, data, _ = validate(capsys, path)
        assert code == 2
        assert data["error"].startswith(
            f"{encoding}.csv is not UTF-8, and read as Windows-1252 (Excel's 'CSV' on Windows) its accented letters come out garbled: line 2 would read 'Jos"
        )
        assert data["error"].endswith(
            f"read as {reading} it reads 'José Müller,1 Main St,Boston,MA,02134,CVS,50'"
        )
        assert f"pass --encoding {encoding}" in data["hint"]
        code, data, _ = validate(capsys, path, "--encoding", encoding)
        assert code == 0
        assert load_sheet(
            path, program=load_program_text(tmp_path, f'[program]\nencoding = "{encoding}"\n')
        ).frame["Name"].tolist() == ["José Müller"]


def test_windows_1252_text_with_word_punctuation_is_still_read_as_such(tmp_path: Path) -> None:
    path = tmp_path / "win.csv"
    with path.open("w", newline="", encoding="cp1252") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for name in ("Seán O’Brien", "Zoë “Z” Ångström", "François Nuñez–Lee", "Jörg Weiß"):
            writer.writerow([name, "1 Main St", "Boston", "MA", "02134", "CVS", "50"])
    assert load_sheet(path).frame["Name"].tolist() == [
        "Seán O’Brien",
        "Zoë “Z” Ångström",
        "François Nuñez–Lee",
        "Jörg Weiß",
    ]


def load_program_text(folder: Path, text: str) -> ProgramSettings:
    (folder / "program.toml").write_text(text)
    return load_program(folder / "program.toml")


def test_newspaper_state_abbreviations_and_template_marks_in_headers_are_understood(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Mass.' and 'Calif.' were 'not a US state'; 'Address (required)' was 'lacks required column(s): Address
    Line 1' (a vendor template marks its required headers so)."""
    path = tmp_path / "ap.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "Name*",
                "Address (required)",
                "City (required)",
                "State",
                "ZIP",
                "Product",
                "Value",
                "Phone (optional)",
            ]
        )
        writer.writerow(["Ann Lee", "1 Main St", "Boston", "Mass.", "02134", "CVS", "50", ""])
        writer.writerow(["Bob Ray", "2 Elm St", "Oakland", "Calif.", "94607", "CVS", "25", ""])
        writer.writerow(["Cy Orr", "3 Oak St", "Charleston", "W. Va.", "25301", "CVS", "25", ""])
    code, data, err = validate(capsys, path)
    assert (code, data["valid"]) == (0, 3), err
    assert [c["field"] for c in data["columns"]] == [
        "name",
        "address1",
        "city",
        "state",
        "zip",
        "product",
        "value",
        "phone",
    ]
    assert [p["message"] for p in data["problems"]] == [
        "Row 2, column 'State': 'Mass.' changed to MA.",
        "Row 3, column 'State': 'Calif.' changed to CA.",
        "Row 4, column 'State': 'W. Va.' changed to WV.",
    ]


def test_states_named_by_a_shortened_direction_are_understood(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets28: 'N. Carolina', 'So. Dakota', 'W Virginia' and 'Penna.' (an older mailing
    list's spellings) were each "not a US state; use the 2-letter code (e.g. MA)", exit 1. Each is its state
    now, said as 'Mass.' is; the ZIP is still checked against it."""
    path = tmp_path / "old.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value\n"
        "Ann Lee,1 Main St,Raleigh,N. Carolina,27601,CVS,25\n"
        "Bob Ray,2 Elm St,Sioux Falls,So. Dakota,57104,CVS,25\n"
        "Cy Orr,3 Oak St,Charleston,W Virginia,25301,CVS,25\n"
        "Di Fox,4 Pine Rd,Pittsburgh,Penna.,15201,CVS,25\n"
        "Ed Wu,5 Bay Rd,Raleigh,N. Carolina,02134,CVS,25\n"
    )
    code, data, err = validate(capsys, path)
    assert (code, data["valid"]) == (1, 4), err
    assert [p["message"] for p in data["problems"]] == [
        "Row 2, column 'State': 'N. Carolina' changed to NC.",
        "Row 3, column 'State': 'So. Dakota' changed to SD.",
        "Row 4, column 'State': 'W Virginia' changed to WV.",
        "Row 5, column 'State': 'Penna.' changed to PA.",
        "Row 6, column 'ZIP': ZIP 02134 is not in state NC; check both against the recipient's address.",
        "Row 6, column 'State': 'N. Carolina' changed to NC.",
    ]


def test_a_comma_outside_quotes_that_pushes_cells_right_is_an_error_on_its_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'250,50' (a decimal comma) in the last column of a hand-made CSV: the card was valid for $250, the 50
    cents in a column with no header, listed only as 'Columns not used: Column H'."""
    path = tmp_path / "hand.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Card Carrier\n"
        "Ann Lee,1 Main St,Boston,MA,02134,VISA-PREPAID,250,50,BIRTHDAY\n"
        "Bob Ray,2 Elm St,Boston,MA,02134,CVS,25,\n"
        "Cy Orr,3 Oak St,Boston,MA,02134,CVS,25,,\n",  # a trailing empty field: nothing moved
        encoding="utf-8",
    )
    code, data, err = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 2, 1), err
    assert next(p["message"] for p in data["problems"] if p["row"] == 2) == (
        "Row 2: cells beyond the 8 columns of the header ('BIRTHDAY'): a comma inside a value that is not in "
        "quotes ('1,000', '1 Main St, Apt 4') moves every cell after it one column to the right. Put that "
        'value in quotes ("1,000") or remove the comma.'
    )
    assert [p["row"] for p in data["problems"] if p["severity"] == "error"] == [2]  # one message, not two


def test_a_long_row_far_down_a_csv_is_found_too(tmp_path: Path) -> None:
    """Past the rows that set the parser's width, the csv module reads the file: the counts come from it."""
    lines = ["Name,Address,City,State,ZIP,Product,Value"]
    lines += [f"P{n},{n} Main St,Boston,MA,02134,CVS,25" for n in range(1500)]
    lines.append("Late Row,9 Main St,Boston,MA,02134,CVS,1,000")
    path = tmp_path / "long.csv"
    path.write_text("\n".join(lines) + "\n")
    loaded = load_sheet(path)
    assert [(p.row, p.kind) for p in loaded.read_problems] == [(1502, "Cells out of line")]


def test_a_header_cell_split_by_commas_outside_quotes_is_read_as_one_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by the lead: a CSV's header 'Mailing address (street, city, state, ZIP)' not in quotes was read as
    four header cells, wider than every row, and each cell after it under the wrong header: "'state': '50'
    is not a US state", nothing about the cause (so with 'Name (Last, First)' first: its State read the
    ZIP, its Product the amount). A bracket split so, whose parts joined again make the header as wide as
    the rows, is read as one column, and said so."""
    path = tmp_path / "hand.csv"
    path.write_text(
        "Name (Last, First),Address,City,State,ZIP,Product,Value (USD, per card),Card Carrier\n"
        '"Lee, Ann",1 Main St,Boston,MA,02134,CVS,25,DEFAULT\n"Ray, Bob",2 Elm St,Boston,MA,02134,TARGET,50,\n',
        encoding="utf-8",
    )
    code, data, err = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (0, 2, 0), err
    assert (
        "Header cell 'Name (Last, First)' (row 1) holds commas outside quotes, which split it into 2 columns "
        "and put the cells after it under the wrong headers: read as one column. Put it in quotes in the file "
        '("Name (Last, First)") to keep it so.'
    ) in err
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    sent = sorted(
        (li["PhysicalDeliveryAddress"]["Name"], li["ProductId"], li["Value"]) for li in ordered_lines()
    )
    assert sent == [("Ann Lee", "CVS", 25), ("Bob Ray", "TARGET", 50)]
    form = tmp_path / "form.csv"
    form.write_text(
        "Timestamp,Your full name,Mailing address (street, city, state, ZIP),Which gift card would you like?,"
        'Amount\n11/28/2026 9:14:02,Ann Lee,"12 Oak Ave, Apt 3, Boston, MA 02134",Target,50\n',
        encoding="utf-8",
    )
    code, data, _err = validate(capsys, form)  # (the whole address read as its parts: hunter-sheets25)
    assert (code, data["valid"]) == (0, 1)


def test_a_form_s_whole_address_in_one_answer_is_read_as_its_parts_and_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by the lead: a Google Forms export with the whole address in one answer ('Mailing address
    (street, city, state, ZIP)' = '12 Oak Ave, Apt 3, Boston, MA 02134', or on two lines) was refused, exit 2,
    "lacks required column(s): Address Line 1, City, State, ZIP Code". Each answer that reads for sure is
    split into its parts and sent there (the state written out, or the ZIP after a comma of its own, too:
    hunter-sheets25 after e948da20); one that does not ('Boston MA' after the street with no comma:
    where does the street end?) is an error on its row, and so is a ZIP of another state than the one
    written, as on any row."""
    path = tmp_path / "forms.csv"
    path.write_text(
        "Timestamp,Email Address,Your full name,Mailing address (street, city, state, ZIP),"
        "Which gift card would you like?,Amount\n"
        '11/28/2026 9:14:02,ann@example.com,Ann Lee,"12 Oak Ave, Apt 3, Boston, MA 02134",Target,50\n'
        '11/28/2026 9:20:11,bob@example.com,Bob Ray,"500 W Main St\nSpringfield, IL 62704",Starbucks,25\n'
        '11/29/2026 10:01:55,cy@example.com,Cy Diaz,"77 Pine Street, Denver CO 80202, USA",CVS,25\n'
        '11/29/2026 11:30:00,di@example.com,Di Fox,"9 Elm St Salem MA 01970",CVS,25\n'
        '11/29/2026 12:00:00,ed@example.com,Ed Po,"4 Bay Rd, Boston, NY 02134",CVS,25\n'
        '11/29/2026 12:30:00,fa@example.com,Fa Ng,"Unit 5, 12 Oak Ave, Salem, MA 01970",CVS,25\n'
        '11/29/2026 13:00:00,gi@example.com,Gi Lu,"3 Elm St, Salem, Massachusetts 01970",CVS,25\n'
        '11/29/2026 13:30:00,ha@example.com,Ha Wu,"5 Elm St, Salem, MA, 01970",CVS,25\n',
        encoding="utf-8",
    )
    code, data, err = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 6, 2), err
    errors = {p["row"]: p["message"] for p in data["problems"] if p["severity"] == "error"}
    assert errors[5].startswith(
        "Row 5, column 'Mailing address (street, city, state, ZIP)': holds an address bulkship cannot split "
        "for sure into street, city, state and ZIP"
    )
    assert "ZIP 02134 is not in state NY" in errors[6]
    capsys.readouterr()
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    fields = ("Name", "AddressLine1", "AddressLine2", "City", "State", "Zip")
    sent = sorted(
        tuple(li["PhysicalDeliveryAddress"].get(f, "") or "" for f in fields) for li in ordered_lines()
    )
    assert sent == [
        ("Ann Lee", "12 Oak Ave", "Apt 3", "Boston", "MA", "02134"),
        ("Bob Ray", "500 W Main St", "", "Springfield", "IL", "62704"),
        ("Cy Diaz", "77 Pine Street", "", "Denver", "CO", "80202"),
        ("Fa Ng", "12 Oak Ave", "Unit 5", "Salem", "MA", "01970"),
        ("Gi Lu", "3 Elm St", "", "Salem", "MA", "01970"),
        ("Ha Wu", "5 Elm St", "", "Salem", "MA", "01970"),
    ]


def test_a_japanese_windows_csv_is_refused_with_its_reading_not_ordered_garbled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Shift-JIS (Excel's CSV on Japanese Windows) was read as Windows-1252: 'ŽR“c‘¾˜Y' for 山田太郎, valid."""
    path = tmp_path / "jp.csv"
    with path.open("w", newline="", encoding="cp932") as handle:
        csv.writer(handle).writerows(
            [HEADER, ["山田太郎", "1 Main St", "Boston", "MA", "02134", "CVS", "50"]]
        )
    code, data, _ = validate(capsys, path)
    assert code == 2
    assert data["error"].endswith(
        "read as Japanese Shift-JIS (Excel's 'CSV' on Japanese Windows) it reads '山田太郎,1 Main St,Boston,MA,02134,CVS,50'"
    )
    assert "--encoding cp932" in data["hint"]
    with path.open("w", newline="", encoding="cp1252") as handle:
        csv.writer(handle).writerows(
            [HEADER, ["Renée Noël", "1 Main St", "Boston", "MA", "02134", "CVS", "50"]]
        )
    assert load_sheet(path).frame["Name"].tolist() == ["Renée Noël"]


def test_a_column_the_header_does_not_name_in_most_rows_is_no_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value\nAnn Lee,1 Main St,Boston,MA,02134,CVS,50,vip\nBob Ray,2 Elm St,Boston,MA,02134,CVS,25,vip\n"
    )
    loaded = load_sheet(path)
    assert loaded.read_problems == ()
    assert loaded.frame["Column H"].tolist() == ["vip", "vip"]


def test_commas_in_a_notes_column_on_most_rows_are_errors_not_a_column_nobody_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Notes column exported without quotes, most of its notes holding a comma: the part after the comma
    went to a column with no header, nobody reads it, and 'Left in Nov, do not send' was read as 'Left in
    Nov': Bob got a card, exit 0."""
    path = tmp_path / "export.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,Congrats, Ann!\n"
        "Bob Ray,2 Elm St,Boston,MA,02134,CVS,25,Moved to Ohio, do not send\n"
        "Cy Orr,3 Oak St,Boston,MA,02134,CVS,25,Thanks, Cy\n"
    )
    code, data, err = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 0, 3), err
    bob = " ".join(
        p["message"] for p in data["problems"] if p["row"] == 3
    )  # (and 'Moved to Ohio' since hunter-sends8)
    assert "('do not send'): a comma inside a value that is not in quotes" in bob
    path.write_text(  # rows cut by no comma beside them: not a column of its own either
        "Name,Address,City,State,ZIP,Product,Value,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,Congrats,Ann!\n"
        "Bob Ray,2 Elm St,Boston,MA,02134,CVS,25,Moved to Ohio,do not send\n"
        "Cy Orr,3 Oak St,Boston,MA,02134,CVS,25,Thanks\n"
    )
    code, data, err = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 1, 2), err


def test_notes_cut_by_a_comma_with_no_space_on_every_row_are_errors_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After 04ce874 (found by review21): every note holding a comma written without a space after it
    ('Moved to Ohio,do not send') still made a column of its own that nobody reads, and Bob got a card. Text
    beyond a Notes column is the note's own end."""
    path = tmp_path / "export.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,Congrats,Ann!\n"
        "Bob Ray,2 Elm St,Boston,MA,02134,CVS,25,Moved to Ohio,do not send\n"
        "Cy Orr,3 Oak St,Boston,MA,02134,CVS,25,Thanks,Cy\n"
    )
    code, data, err = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 0, 3), err
    bob = " ".join(
        p["message"] for p in data["problems"] if p["row"] == 3
    )  # (and 'Moved to Ohio' since hunter-sends8)
    assert "('do not send'): a comma inside a value that is not in quotes" in bob


def test_a_utf16_csv_without_its_byte_order_mark_is_read_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It was refused as 'a binary file' (some export tools write UTF-16 without the mark)."""
    for encoding in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{encoding}.csv"
        with path.open("w", newline="", encoding=encoding) as handle:
            csv.writer(handle, delimiter="\t").writerows(
                [HEADER, ["José Núñez", "1 Main St", "Boston", "MA", "02134", "CVS", "50"]]
            )
        code, data, err = validate(capsys, path)
        assert (code, data["valid"]) == (0, 1), err
        assert load_sheet(path).frame["Name"].tolist() == ["José Núñez"]


def test_an_amount_with_binary_noise_reads_as_excel_shows_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """=B2*1.1 pasted as a value keeps 27.500000000000004: it was "not an amount" beside a cell showing 27.5.
    openpyxl writes 15 digits; Excel stores the 17 of the double, put back here as Excel writes them."""
    written = xlsx(
        tmp_path / "written.xlsx",
        [*HEADER, "Card Carrier"],
        ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "VISA-PREPAID", 25 * 1.1, "BIRTHDAY"],
        ["Bob Ray", "2 Elm St", "Boston", "MA", "02134", "VISA-PREPAID", 0.1 * 3 * 100, "BIRTHDAY"],
    )
    path = tmp_path / "raise.xlsx"
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"<v>27.5</v>", b"<v>27.500000000000004</v>")
                content = content.replace(b"<v>30</v>", b"<v>30.000000000000004</v>")
            target.writestr(item, content)
    code, data, err = validate(capsys, path)
    assert (code, data["valid"]) == (0, 2), err
    loaded = load_sheet(path)
    assert loaded.frame["Value"].tolist() == ["27.5", "30"]


def test_a_filled_in_template_says_nothing_of_its_hidden_drop_down_lists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The template's hidden 'Lists' sheet (State, Product, Shipping Method...) looks like a header too."""
    assert main(["template", "--out", str(tmp_path / "t.xlsx")]) == 0
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    sheet = book["Recipients"]
    headers = [cell.value for cell in sheet[1]]
    values = {
        "Name": "Ann Lee",
        "Address Line 1": "1 Main St",
        "City": "Boston",
        "State": "MA",
        "ZIP Code": "02134",
        "Product": "CVS",
        "Value": 50,
    }
    sheet.append([values.get(h) for h in headers])
    book.save(tmp_path / "t.xlsx")
    capsys.readouterr()
    code, data, err = validate(capsys, tmp_path / "t.xlsx")
    assert (code, data["valid"]) == (0, 1), err
    assert data["notices"] == []


def test_text_direction_overrides_are_removed_from_what_is_printed_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """U+202E (right-to-left override) in an address was sent to the vendor as it was, valid, nothing said."""
    path = tmp_path / "rtl.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(
            [HEADER, ["Ann Lee", "\u202e1 Main St\u202c", "Boston", "MA", "02134", "CVS", "50"]]
        )
    code, data, err = validate(capsys, path)
    assert (code, data["valid"]) == (0, 1), err
    assert [p["message"] for p in data["problems"]] == [
        "Row 2, column 'Address': extra spaces or invisible characters removed; now reads '1 Main St'."
    ]


def test_characters_that_show_as_nothing_or_as_a_blank_are_read_as_they_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets8: a name of only a Hangul filler (U+3164, which shows as a blank) was sent, a
    card with no name on it; 'Lee\u115f Park' beside 'Lee Park' at one address was two people, a card each;
    'Eve\u034f Kim' (a combining grapheme joiner) and '5 Main\u3164Street' went to the vendor as written."""
    path = xlsx(
        tmp_path / "pasted.xlsx",
        HEADER,
        ["\u3164", "1 Main St", "Boston", "MA", "02134", "CVS", 50],
        ["Lee Park", "2 Elm St", "Boston", "MA", "02134", "CVS", 50],
        ["Lee\u115f Park", "2 Elm St", "Boston", "MA", "02134", "CVS", 50],
        ["Eve\u034f Kim", "5 Main\u3164Street", "Boston", "MA", "02134", "CVS", 50],
        ["Ida Lu\ufe0f", "6 Main St\U000e0041", "Boston", "MA", "02134", "CVS", 50],
    )
    code, data, _ = validate(capsys, path)
    assert (code, data["valid"], data["invalid"], data["duplicate"]) == (1, 3, 1, 1)
    errors = {(p["row"], p["message"]) for p in data["problems"] if p["severity"] == "error"}
    assert errors == {
        (2, "Row 2, column 'Name': is empty; fill in the recipient's name, or First Name and Last Name."),
        (
            4,
            "Row 4, column 'Name': same recipient, address and card as row 3; it will not be sent twice. To "
            "send it again on purpose, add a column 'Allow Duplicate' and put yes in it for this row.",
        ),
    }
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    sent = [
        (li["PhysicalDeliveryAddress"]["Name"], li["PhysicalDeliveryAddress"]["AddressLine1"])
        for li in ordered_lines()
    ]
    assert sent == [("Lee Park", "2 Elm St"), ("Eve Kim", "5 Main Street"), ("Ida Lu", "6 Main St")]


@pytest.mark.parametrize("cell_references", [True, False], ids=["references", "no-references"])
def test_a_row_of_height_zero_is_as_hidden_as_a_hidden_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cell_references: bool
) -> None:
    """Found by a newcomer: a row dragged to height 0 (invisible in Excel and LibreOffice, no hidden flag)
    was ordered like a visible one; also where cells omit their references (some writers' XML, read by the
    exact walk)."""
    path = xlsx(
        tmp_path / "gifts.xlsx",
        HEADER,
        ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50],
        ["Lou Unseen", "2 Main St", "Boston", "MA", "02134", "CVS", 50],
    )
    with zipfile.ZipFile(path) as source:  # openpyxl never writes a height of 0: Excel does
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    assert b'<row r="3"' in parts[sheet]
    parts[sheet] = parts[sheet].replace(b'<row r="3"', b'<row r="3" ht="0" customHeight="1"', 1)
    if not cell_references:
        parts[sheet] = re.sub(rb'(<c) r="[A-Z]+[0-9]+"', rb"\1", parts[sheet])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    code, data, _ = validate(capsys, path)
    assert (code, data["valid"]) == (0, 1)
    assert [s["row"] for s in data["skipped"]] == [3]


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("report.xls", "report.xls has a header but no recipient rows"),
        ("report.csv", "report.csv is a web page (HTML)"),
    ],
)
def test_a_web_page_saved_under_a_spreadsheet_s_name_is_called_a_web_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, error: str
) -> None:
    """What many web applications export as "Excel": an HTML table named .xls. It was called CSV text. Named
    .xls it is read as Excel shows it since hunter-sheets33 (this one: a header and no rows); named .csv it
    is still called a web page."""
    path = tmp_path / name
    path.write_text("<html><body><table><tr><th>Name</th><th>Address</th></tr></table></body></html>")
    code, data, _ = validate(capsys, path)
    assert code == 2
    assert data["error"].startswith(error), data["error"]


XML_2003 = """<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="List"><Table>
  <Row><Cell><Data ss:Type="String">Name</Data></Cell><Cell><Data ss:Type="String">Address</Data></Cell></Row>
  <Row ss:Hidden="1"><Cell><Data ss:Type="String">Ann Lee</Data></Cell></Row>
 </Table></Worksheet>
</Workbook>
"""
MHT = 'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n'


@pytest.mark.parametrize(
    ("name", "text", "called"),
    [("list.xls", XML_2003, "an XML Spreadsheet 2003 file"), ("list.xlsx", XML_2003, "an XML Spreadsheet 2003 file"),
     ("list.csv", XML_2003, "an XML Spreadsheet 2003 file"), ("list.xls", MHT + "<html></html>", "a single-file web page (MHT)")],
)  # fmt: skip
def test_an_xml_spreadsheet_2003_or_a_web_archive_under_a_spreadsheet_s_name_is_called_what_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, called: str
) -> None:
    """Found by hunter-sheets3: what HR and payroll systems export as "Excel" (XML Spreadsheet 2003, or a web
    archive) was called "CSV text" (named .xls or .xlsx) or read as CSV lines finding no header (.csv)."""
    path = tmp_path / name
    path.write_text(text)
    code, data, _ = validate(capsys, path)
    assert code == 2
    assert data["error"].startswith(f"{name} is {called}"), data["error"]
    assert data["error"].endswith("not a spreadsheet file bulkship reads"), data["error"]


def test_an_old_xls_workbook_is_refused_its_hidden_rows_unseen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer8: an Excel 97-2003 copy of a list with a hidden row and a crossed-out row was read
    without either (calamine shows neither): both ordered, exit 0. It is refused, saying how to save it."""
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for i in range(1, 4):
        sheet.append([f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", 25])
    sheet.row_dimensions[3].hidden = True
    for column in range(1, 8):
        sheet.cell(4, column).font = Font(strike=True)
    book.save(tmp_path / "team.xlsx")
    old = convert(tmp_path / "team.xlsx", "xls", tmp_path)
    code, data, _ = validate(capsys, old)
    assert code == 2
    assert data["error"].startswith("team.xls is an old Excel 97-2003 workbook (XLS): bulkship cannot see")
    assert data["hint"] == "open it in Excel and save it as Excel Workbook (.xlsx), then use that file"


def test_a_preferred_name_of_one_word_is_sent_with_the_row_s_last_name(tmp_path: Path) -> None:
    """Found by newcomer6: HR's "Preferred Name" often holds a first name only; parcels read "Kate"."""
    path = tmp_path / "preferred.csv"
    path.write_text(
        "Employee ID,First Name,Last Name,Preferred Name,Address,City,State,ZIP,Product,Value\n"
        "E1,Katherine,Lee,Kate,1 Main St,Boston,MA,02134,CVS,25\n"
        "E2,Robert,Brown,Bob Brown,2 Main St,Boston,MA,02134,CVS,25\n"
        "E3,William,Ng,,3 Main St,Boston,MA,02134,CVS,25\n"
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    names = sorted(li["PhysicalDeliveryAddress"]["Name"] for li in ordered_lines())
    assert names == ["Bob Brown", "Kate Lee", "William Ng"]


def amounts_formatted(path: Path, cells: Sequence[tuple[object, str]], product: str = "CVS") -> Path:
    """One person a row, the Value of each (value, number format) as Excel keeps it: a number and a format."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for number, (value, number_format) in enumerate(cells, start=1):
        sheet.append([f"Person {number}", f"{number} Main St", "Boston", "MA", "02134", product, value])
        sheet.cell(sheet.max_row, 7).number_format = number_format
    book.save(path)
    return path


def pounds(path: Path) -> Path:
    formats = ["[$€-407]#,##0.00", '"£"#,##0.00', '#,##0.00 "EUR"', "[$$-409]#,##0.00", "$#,##0.00", "0.00"]
    return amounts_formatted(path, [(25, f) for f in formats])


def test_an_amount_shown_in_another_currency_is_not_ordered_as_dollars(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], libreoffice: ConvertedTogether
) -> None:
    """Found by newcomer6: 25 formatted "£25.00" or "25,00 €" was ordered as a 25-dollar card, no word."""
    pounds(tmp_path / "pounds.xlsx")

    code, data, err = validate(capsys, tmp_path / "pounds.xlsx")

    assert (code, data["valid"]) == (1, 3), err
    shown = [p["message"] for p in data["problems"] if p["severity"] == "error"]
    assert shown == [
        f"Row {row}, column 'Value': 25 is shown as an amount in {currency}, and bulkship orders US-dollar cards. Write the amount in US dollars and format the cell as $ (or as a plain number)."
        for row, currency in ((2, "€"), (3, "£"), (4, "EUR"))
    ]
    ods = libreoffice.copy(tmp_path / "pounds.xlsx", tmp_path)  # LibreOffice keeps a currency format's code
    code, data, err = validate(capsys, ods)
    assert code == 1 and 2 in [p["row"] for p in data["problems"] if p["severity"] == "error"], err


def cents(path: Path) -> Path:
    cells = [(24.6, "0"), (25, "0"), (24.6, "0.00"), (37.5, "$#,##0"), (40, "#,##0")]
    return amounts_formatted(path, cells, product="VISA-PREPAID")


def test_an_amount_whose_format_hides_its_cents_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], libreoffice: ConvertedTogether
) -> None:
    """Found by newcomer8: a Visa card's Value 24.6 in a cell formatted "0" (Excel shows 25) was ordered at
    24.60, a value the person never saw. A whole amount so formatted, or cents shown, is fine."""
    cents(tmp_path / "cents.xlsx")
    code, data, err = validate(capsys, tmp_path / "cents.xlsx")
    errors = {p["row"]: p["message"] for p in data["problems"] if p["severity"] == "error"}
    assert code == 1 and sorted(errors) == [2, 5], err
    assert errors[2] == (
        "Row 2, column 'Value': the cell holds 24.6, and its number format shows 25: which amount is meant? "
        "Type the amount the card should have and format the cell to show its cents (0.00 or $)."
    )
    ods = libreoffice.copy(
        tmp_path / "cents.xlsx", tmp_path
    )  # found by review11: ordered at 24.60 from an ODS
    code, data, err = validate(capsys, ods)
    errors = {p["row"]: p["message"] for p in data["problems"] if p["severity"] == "error"}
    assert code == 1 and sorted(errors) == [2, 5], err


def dollars(path: Path) -> Path:
    formats = ['"C$"#,##0.00', "[$$-1009]#,##0.00", "[$$-80A]#,##0.00", "_-[$$-C09]* #,##0.00_-",
               "[$$-409]#,##0.00", '"US$"#,##0.00', "[$$-540A]#,##0.00"]  # fmt: skip
    return amounts_formatted(path, [(50, f) for f in formats])


def test_an_amount_shown_in_another_countrys_dollars_is_not_ordered_as_us_dollars(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], libreoffice: ConvertedTogether
) -> None:
    """Found by newcomer8: a Canadian office's C$50.00, Excel's "$ English (Canada)" ([$$-1009]), a Mexican
    or Australian "$" were ordered as US-dollar cards of that number."""
    dollars(tmp_path / "dollars.xlsx")

    code, data, err = validate(capsys, tmp_path / "dollars.xlsx")

    assert (code, data["valid"]) == (1, 3), err
    shown = {p["row"]: p["message"].split(" is shown as an amount in ")[1].split(", and")[0]
             for p in data["problems"] if p["severity"] == "error"}  # fmt: skip
    assert shown == {2: "C$", 3: "CAD", 4: "MXN", 5: "AUD"}
    ods = libreoffice.copy(tmp_path / "dollars.xlsx", tmp_path)  # LibreOffice's copy shows them alike
    code, data, err = validate(capsys, ods)
    assert (code, data["valid"]) == (1, 3), err
    assert sorted({p["row"] for p in data["problems"] if p["severity"] == "error"}) == [2, 3, 4, 5]


def test_a_one_word_preferred_name_over_a_legal_name_takes_its_family_name(tmp_path: Path) -> None:
    path = tmp_path / "legal.csv"
    path.write_text(
        "Employee ID,Name,Preferred Name,Address,City,State,ZIP,Product,Value\n"
        'E1,"Lee, Katherine",Kate,1 Main St,Boston,MA,02134,CVS,25\n'
        "E2,Robert Brown,Bob,2 Main St,Boston,MA,02134,CVS,25\n"
        "E3,William Ng,,3 Main St,Boston,MA,02134,CVS,25\n"
    )
    from intake_fixtures import sandbox_catalog

    from bulkship.validate import validate

    names = validate(load_sheet(path), sandbox_catalog()).rows["name"].tolist()
    assert names == ["Kate Lee", "Bob Brown", "William Ng"]


def test_a_house_number_in_a_column_of_its_own_refuses_the_file_instead_of_parcels_without_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer6: "Number" | "Street" sent the parcels to "Main St", exit 0."""
    path = xlsx(
        tmp_path / "apart.xlsx",
        ["Name", "Number", "Street", "City", "State", "ZIP", "Product", "Value"],
        ["Ann Num", 12, "Main St", "Boston", "MA", "02108", "CVS", 25],
        ["Bob Num", 14, "Main St", "Boston", "MA", "02108", "CVS", 25],
    )
    assert main(["run", str(path), "--yes", "--out", str(tmp_path / "out")]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "column 'Number' (B) holds the house numbers, and the street column 'Street' names none" in err
    assert ordered_lines() == []
    other = xlsx(  # an employee number beside a street that has its numbers: read as before
        tmp_path / "staff.xlsx",
        ["Name", "Number", "Street", "City", "State", "ZIP", "Product", "Value"],
        ["Ann Num", 1001, "12 Main St", "Boston", "MA", "02108", "CVS", 25],
    )
    code, data, err = validate(capsys, other)
    assert (code, data["valid"]) == (0, 1), err


def test_a_street_name_column_is_the_street_where_no_other_column_gives_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets28: 'Street No.' | 'Street Name' (a property manager's tenant list) was refused
    "lacks required column(s): Address Line 1 ... rename the headers", and a list whose only street column
    is 'Street Name' = '12 Main St' so too. 'Street Name' is the street where no other column gives it: the
    first is refused saying to put each house number in front of its street, as 'Number' | 'Street' is, the
    second sent; beside 'Street Address' it stays unused."""
    apart = xlsx(
        tmp_path / "apart.xlsx",
        ["Name", "Street No.", "Street Name", "City", "State", "ZIP", "Product", "Value"],
        ["Ann Num", "12", "Main St", "Boston", "MA", "02108", "CVS", 25],
    )
    assert main(["run", str(apart), "--yes", "--out", str(tmp_path / "out")]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "column 'Street No.' (B) holds the house numbers, and the street column 'Street Name' names" in err
    whole = xlsx(
        tmp_path / "whole.xlsx",
        ["Name", "Street Name", "City", "State", "ZIP", "Product", "Value"],
        ["Ann Num", "12 Main St", "Boston", "MA", "02108", "CVS", 25],
    )
    assert main(["run", str(whole), "--yes", "--out", str(tmp_path / "out")]) == 0
    assert [line["PhysicalDeliveryAddress"]["AddressLine1"] for line in ordered_lines()] == ["12 Main St"]
    both = xlsx(
        tmp_path / "both.xlsx",
        ["Name", "Street Name", "Street Address", "City", "State", "ZIP", "Product", "Value"],
        ["Ann Num", "Main St", "12 Main St", "Boston", "MA", "02108", "CVS", 25],
    )
    assert load_sheet(both).column_map.get("Street Address") == "address1"


def test_a_one_word_preferred_name_keeps_the_legal_name_s_suffix_and_says_what_it_sent(
    tmp_path: Path,
) -> None:
    """Found by review9: the family name of a legal name was its last word, so "Robert Smith Jr." with
    Preferred Name "Bob" went out as "Bob Jr." (his father's parcel reads "Bob Sr."), and "Robert Jones, Jr."
    as "Bob Robert Jones" (read as Last, First); and nothing in the output said the name sent was not the
    one in the sheet."""
    path = tmp_path / "suffix.csv"
    path.write_text(
        "Employee ID,Legal Name,Preferred Name,Address,City,State,ZIP,Product,Value\n"
        "E1,Robert Smith Jr.,Bob,1 Main St,Boston,MA,02134,CVS,25\n"
        'E2,"Robert Jones, Jr.",Rob,2 Main St,Boston,MA,02134,CVS,25\n'
        "E3,John Ray III,Jack,3 Main St,Boston,MA,02134,CVS,25\n"
        'E4,"Lee, Katherine",Kate,4 Main St,Boston,MA,02134,CVS,25\n'
        "E5,Ann Day,,5 Main St,Boston,MA,02134,CVS,25\n"
    )
    from intake_fixtures import sandbox_catalog

    from bulkship.validate import validate

    result = validate(load_sheet(path), sandbox_catalog())
    sent = ["Bob Smith Jr.", "Rob Jones Jr.", "Jack Ray III", "Kate Lee"]
    assert result.rows["name"].tolist() == [*sent, "Ann Day"]
    said = [(p.row, p.severity, p.message) for p in result.problems if p.kind == "Last name added"]
    assert said == [
        (
            row,
            "warning",
            f"Row {row}, column 'Legal Name': '{name.split()[0]}' (Preferred Name) is one word: sent as {name}, with the family name of its row.",
        )
        for row, name in enumerate(sent, start=2)
    ]


def test_a_preferred_name_of_n_a_or_a_dash_is_no_name_and_the_legal_one_is_sent(tmp_path: Path) -> None:
    """Found by review9: HR exports write "N/A", "-" or "None" under Preferred Name for people who have
    none. The one-word-name rule made them "N/A Lee", "- Brown", "None Ng", valid and sent (the placeholder
    check, added for exactly these, saw two words). The legal name is sent instead; a placeholder with no
    legal name beside it is still an error on its row."""
    from intake_fixtures import sandbox_catalog

    from bulkship.validate import validate

    split = tmp_path / "split.csv"
    split.write_text(
        "Employee ID,First Name,Last Name,Preferred Name,Address,City,State,ZIP,Product,Value\n"
        "E1,Katherine,Lee,N/A,1 Main St,Boston,MA,02134,CVS,25\n"
        "E2,Robert,Brown,-,2 Main St,Boston,MA,02134,CVS,25\n"
        "E3,William,Ng,None,3 Main St,Boston,MA,02134,CVS,25\n"
        "E4,Ann,Day,Annie,4 Main St,Boston,MA,02134,CVS,25\n"
        "E5,,,N/A,5 Main St,Boston,MA,02134,CVS,25\n"
    )
    result = validate(load_sheet(split), sandbox_catalog())
    rows = result.rows
    assert rows["name"].tolist()[:4] == ["Katherine Lee", "Robert Brown", "William Ng", "Annie Day"]
    assert rows["status"].tolist() == ["valid", "valid", "valid", "valid", "invalid"]
    legal = tmp_path / "legal.csv"
    legal.write_text(
        "Employee ID,Name,Preferred Name,Address,City,State,ZIP,Product,Value\n"
        "E1,Katherine Lee,N/A,1 Main St,Boston,MA,02134,CVS,25\n"
        "E2,Robert Brown,-,2 Main St,Boston,MA,02134,CVS,25\n"
    )
    assert validate(load_sheet(legal), sandbox_catalog()).rows["name"].tolist() == [
        "Katherine Lee",
        "Robert Brown",
    ]


def test_a_header_below_a_long_block_of_instructions_is_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer8: 34 lines of instructions above the header made it "not found in the first 30
    rows", with advice to rename headers that were right."""
    rows: list[Sequence[object]] = [
        [f"Step {i}: read this before you fill in the list."] for i in range(1, 35)
    ]
    path = xlsx(
        tmp_path / "deep.xlsx", *rows, HEADER, ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 25]
    )
    code, data, err = validate(capsys, path)
    assert (code, data["valid"]) == (0, 1), err
    assert "(header on row 35)" in err


def test_a_row_whose_own_total_is_less_than_amount_times_quantity_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer9: 'CVS 50, Qty 2, Total 50' was ordered as 100.00 while the sheet the requester and
    approver looked at adds up 50. A Total above Amount × Quantity may count fees and shipping."""
    path = tmp_path / "totals.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Amount,Qty,Total\n"
        "Tt Alpha,1 Tt St,Salem,MA,01970,CVS,50,2,50\n"
        "Tt Beta,2 Tt St,Salem,MA,01970,CVS,25,2,$50.00\n"
        "Tt Gamma,3 Tt St,Salem,MA,01970,CVS,25,1,29.95\n"
        "Tt Delta,4 Tt St,Salem,MA,01970,CVS,25,,\n"
    )
    code, data, err = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 3, 1), err
    [problem] = data["problems"]
    assert (
        problem["row"] == 2
        and "the sheet's total 50 is less than Amount × Qty (50 × 2 = 100.00)" in problem["message"]
    )


def test_a_total_column_read_as_the_card_s_value_beside_a_quantity_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets3: 'Qty 2, Total Amount 100' is read as no Value, bulkship's note says to map
    'Total Amount' with [columns] value; done as told, two cards of 100 went out where the row adds up 100. A
    row of one card is sent as before."""
    path = tmp_path / "totals.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Qty,Total Amount\n"
        "Tt Alpha,1 Tt St,Salem,MA,01970,CVS,2,100\n"
        "Tt Beta,2 Tt St,Salem,MA,01970,CVS,1,50\n"
    )
    (tmp_path / "program.toml").write_text('[columns]\nvalue = "Total Amount"\n')
    code, data, err = validate(capsys, path, "--config", str(tmp_path / "program.toml"))
    assert (code, data["valid"], data["invalid"]) == (1, 1, 1), err
    [problem] = data["problems"]
    assert problem["row"] == 2 and problem["message"] == (
        "Row 2, column 'Total Amount': the header says 100 is the row's total, and bulkship would order 2 cards "
        "of 100 each: which is meant? Write each card's value in a column headed Amount (or Value), or make the "
        "quantity 1."
    )


def test_a_column_correcting_an_order_field_is_never_passed_over_for_the_old_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets: 'Revised Amount' 50 beside 'Amount' 25 was 'not used' (a notice) and the card
    went out at 25; 'New Address' beside 'Address' was not even mentioned and the card went to the old
    street. A row whose correction says something else is an error; one where it is empty or says the same
    goes as typed."""
    path = xlsx(
        tmp_path / "revised.xlsx",
        [*HEADER, "Revised Amount", "New Address", "Card (corrected)"],
        ["Rv Alpha", "1 Rv St", "Salem", "MA", "01970", "CVS", 25, 50, None, None],
        ["Rv Beta", "2 Rv St", "Salem", "MA", "01970", "CVS", 25, None, "9 Elm St, Austin TX 73301", None],
        ["Rv Gamma", "3 Rv St", "Salem", "MA", "01970", "CVS", 25, "$25.00", "3 Rv St", "cvs"],
        ["Rv Delta", "4 Rv St", "Salem", "MA", "01970", "CVS", 25, None, None, "TARGET"],
        ["Rv Omega", "5 Rv St", "Salem", "MA", "01970", "CVS", 25, None, None, None],
    )
    code, data, err = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 2, 3), err
    said = {p["row"]: p["message"] for p in data["problems"] if p["severity"] == "error"}
    assert said[2] == (
        "Row 2, column 'Revised Amount': says 50 where 'Value' says 25: which is right? Put the right one in "
        "'Value' and clear 'Revised Amount'."
    )
    assert "column 'New Address': says '9 Elm St, Austin TX 73301' where 'Address' says '2 Rv St'" in said[3]
    assert "column 'Card (corrected)': says 'TARGET' where 'Product' says 'CVS'" in said[5]
    capsys.readouterr()
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    sent = sorted((li["PhysicalDeliveryAddress"]["Name"], li["Value"]) for li in ordered_lines())
    assert [name for name, _value in sent] == ["Rv Gamma", "Rv Omega"]


def test_a_column_saying_when_or_whether_a_field_changed_is_no_correction_of_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review14: an HR export's 'Last Updated' (a date) beside 'First Name'/'Last Name' was read as a
    correction of the last name, and 'Address Changed' (Yes/No) or 'Address Updated' (a date) as a
    correction of the street: every row of an ordinary list was an error and nothing was sent. They say
    when or whether, not what to: the list goes as typed; a correction in words still stops its row."""
    path = xlsx(
        tmp_path / "hr.xlsx",
        ["First Name", "Last Name", "Address", "City", "State", "ZIP", "Product", "Value", "Last Updated",
         "Address Changed", "Address Updated", "New Address"],
        ["Hr", "Alpha", "1 Hr St", "Salem", "MA", "01970", "CVS", 25, datetime.date(2026, 11, 3), "No", None, None],
        ["Hr", "Beta", "2 Hr St", "Salem", "MA", "01970", "CVS", 25, "11/03/2026", "Yes", "2026-10-12", None],
        ["Hr", "Gamma", "3 Hr St", "Salem", "MA", "01970", "CVS", 25, "2026-11-03 09:15", "Y", "Oct 12, 2026",
         None],
        ["Hr", "Delta", "4 Hr St", "Salem", "MA", "01970", "CVS", 25, "2026-11-03", "N", None, "9 Elm St"],
    )  # fmt: skip
    code, data, _err = validate(capsys, path)
    errors = [p["message"] for p in data["problems"] if p["severity"] == "error"]
    assert (code, data["valid"], data["invalid"]) == (1, 3, 1), errors
    assert (
        len(errors) == 1
        and "column 'New Address': says '9 Elm St' where 'Address' says '4 Hr St'" in errors[0]
    )
    capsys.readouterr()
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    sent = sorted(li["PhysicalDeliveryAddress"]["Name"] for li in ordered_lines())
    assert sent == ["Hr Alpha", "Hr Beta", "Hr Gamma"]


def test_a_correction_column_saying_there_is_none_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review14: 'Revised Amount' = N/A, '-', 'none', 'same' or 'No change' (no revision) was read as
    another amount than the row's: every row of a list with nothing revised was an error and nothing was
    sent. A correction saying there is none changes nothing; one saying another amount still stops its
    row."""
    said = ["N/A", "-", "—", "none", "same", "No change", "Unchanged", "n/a"]
    rows = [
        [f"Na {chr(65 + i)}", f"{i + 1} Na St", "Salem", "MA", "01970", "CVS", 25, s]
        for i, s in enumerate(said)
    ]
    path = xlsx(tmp_path / "none.xlsx", [*HEADER, "Revised Amount"], *rows, ["Na Z", "9 Na St", "Salem", "MA",
                "01970", "CVS", 25, 50])  # fmt: skip
    code, data, _err = validate(capsys, path)
    errors = [p["message"] for p in data["problems"] if p["severity"] == "error"]
    assert (code, data["valid"], data["invalid"]) == (1, len(said), 1), errors
    assert "column 'Revised Amount': says 50 where 'Value' says 25" in errors[0]


@pytest.mark.parametrize(
    ("header", "hidden"),
    [("Amount 2026", False), ("Amount 2026", True), ("FY26 Amount", False), ("Q4 Gift Amount", False),
     ("Card Value (Dec 2026)", True), ("This Year's Amount", False), ("2026 Value", True)],
)  # fmt: skip
def test_a_column_naming_this_year_s_field_beside_its_own_is_never_passed_over(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    header: str,
    hidden: bool,
) -> None:
    """Found by hunter-sheets25: a list kept from year to year, 'Value' 25 beside 'Amount 2026' 50 (or the old
    'Value' hidden and this year's column added), sent the card at 25, exit 0, a notice at most; 'Address
    2026' beside 'Address' was not even mentioned and the card went to the old street. A column naming this
    year's, a quarter's or a month's field is read as a correction is: a row where it says something else is
    an error; one where it is empty or the same goes. A past year's ('2025 Amount') is a record of what was
    given, as 'Last Year Amount' is."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    path = tmp_path / "yearly.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (
        [*HEADER, header, "Address 2026", "2025 Amount"],
        ["Yr Alpha", "1 Yr St", "Salem", "MA", "01970", "CVS", 25, 50, None, None],
        ["Yr Beta", "2 Yr St", "Salem", "MA", "01970", "CVS", 25, None, "9 Elm St", None],
        ["Yr Gamma", "3 Yr St", "Salem", "MA", "01970", "CVS", 25, "$25.00", "3 Yr St", 100],
        ["Yr Delta", "4 Yr St", "Salem", "MA", "01970", "CVS", 50, None, None, 25],
    ):
        sheet.append(row)
    sheet.column_dimensions["G"].hidden = hidden
    book.save(path)
    code, data, err = validate(capsys, path)
    said = {p["row"]: p["message"] for p in data["problems"] if p["severity"] == "error"}
    assert (code, data["valid"], data["invalid"]) == (1, 2, 2), err
    assert said == {
        2: f"Row 2, column '{header}': says 50 where 'Value' says 25: which is right? Put the right one in "
        f"'Value' and clear '{header}'.",
        3: "Row 3, column 'Address 2026': says '9 Elm St' where 'Address' says '2 Yr St': which is right? Put "
        "the right one in 'Address' and clear 'Address 2026'.",
    }
    capsys.readouterr()
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    sent = sorted((li["PhysicalDeliveryAddress"]["Name"], li["Value"]) for li in ordered_lines())
    assert sent == [("Yr Delta", 50), ("Yr Gamma", 25)]


def test_several_columns_naming_periods_of_one_field_are_a_series_never_a_correction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review41 in the commit above: a sales incentive list's 'Amount' (the year's) beside 'Q1 Amount'
    ... 'Q4 Amount' (what each quarter earned) was refused, each quarter's column 'which is right?' on every
    row, advice nobody could follow for four columns. Several columns naming periods of one field are a
    breakdown, or a record kept by period: notices as before; a correction beside them still stops its row."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 4))
    path = xlsx(
        tmp_path / "incentive.xlsx",
        [*HEADER, "Q1 Amount", "Q2 Amount", "Q3 Amount", "Q4 Amount", "Revised Amount"],
        ["Qs Alpha", "1 Qs St", "Salem", "MA", "01970", "CVS", 100, 25, 25, 25, 25, None],
        ["Qs Beta", "2 Qs St", "Salem", "MA", "01970", "CVS", 50, 0, 25, 0, 25, 100],
    )
    code, data, err = validate(capsys, path)
    errors = [p["message"] for p in data["problems"] if p["severity"] == "error"]
    assert (code, data["valid"], data["invalid"]) == (1, 1, 1), err
    assert errors == [
        "Row 3, column 'Revised Amount': says 100 where 'Value' says 50: which is right? Put the right one in "
        "'Value' and clear 'Revised Amount'."
    ]


@pytest.mark.parametrize("header", ["Amount Change", "Amount Adjustment"])
def test_an_amount_changed_by_nothing_is_sent_and_a_change_still_stops_its_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    """Found by hunter-sheets: 'Amount Change' = 0 (no change) was read as another amount than the row's:
    "says 0 where 'Value' says 25: which is right?", every unchanged row an error. A change of nothing
    changes nothing; a change (+5) still stops its row, and 'Adjusted Amount' = 0 (a card of nothing) too."""
    said = ["0", "+0", "0.00", "$0", "-0"]
    rows = [
        [f"Ch {chr(65 + i)}", f"{i + 1} Ch St", "Salem", "MA", "01970", "CVS", 25, s]
        for i, s in enumerate(said)
    ]
    rows.append(["Ch Y", "8 Ch St", "Salem", "MA", "01970", "CVS", 25, "+5"])
    path = xlsx(tmp_path / "change.xlsx", [*HEADER, header], *rows)
    code, data, _err = validate(capsys, path)
    errors = [p["message"] for p in data["problems"] if p["severity"] == "error"]
    assert (code, data["valid"], data["invalid"]) == (1, len(said), 1), errors
    assert errors == [
        f"Row 7, column '{header}': says '+5' where 'Value' says 25: which is right? Put the right one in "
        f"'Value' and clear '{header}'."
    ]
    path = xlsx(tmp_path / "adjusted.xlsx", [*HEADER, "Adjusted Amount"], rows[0])
    assert validate(capsys, path)[1]["invalid"] == 1


def test_a_sheet_of_people_not_to_send_beside_the_list_refuses_the_file_until_the_list_is_chosen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets: a workbook's 'All staff' list beside a 'Do Not Send' sheet naming Bob: the list
    was read alone and Bob ordered, nothing said. Refused until the person takes Bob off and names the list
    with --sheet; a sheet of something else beside the list ('Prices') changes nothing."""
    book = openpyxl.Workbook()
    book.active.title = "All staff"
    book.active.append(HEADER)
    book.active.append(["Ds Ann", "1 Ds St", "Salem", "MA", "01970", "CVS", 25])
    book.active.append(["Ds Bob", "2 Ds St", "Salem", "MA", "01970", "CVS", 25])
    book.create_sheet("Prices").append(["CVS", 25])
    book.save(tmp_path / "plain.xlsx")
    assert validate(capsys, tmp_path / "plain.xlsx")[0] == 0
    book.create_sheet("Do Not Send").append(["Ds Bob", "left the company"])
    book.save(tmp_path / "staff.xlsx")
    code, data, _err = validate(capsys, tmp_path / "staff.xlsx")
    assert code == 2
    assert data["error"] == (
        "staff.xlsx holds a sheet 'Do Not Send' beside the list 'All staff': bulkship reads one sheet, and would "
        "order everyone on 'All staff', the people on 'Do Not Send' too"
    )
    assert (
        data["hint"] == "take the people on 'Do Not Send' off 'All staff', then run with --sheet 'All staff'"
    )
    assert (
        main(["run", str(tmp_path / "staff.xlsx"), "--yes", "--wait", "0", "--out", str(tmp_path / "o")]) == 2
    )
    assert ordered_lines() == []
    assert validate(capsys, tmp_path / "staff.xlsx", "--sheet", "All staff")[0] == 0


def test_recipients_on_a_second_sheet_under_no_header_refuse_the_file_until_moved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets: the list on 'Sheet' and two more people pasted on 'Sheet2' (no header, the
    same columns): the list was read alone, 2 of 4 cards ordered, exit 0, nothing said of Sheet2. Refused
    until they are under the list (or the list is read on purpose with --sheet); a sheet of offices with a
    header of its own, instructions or a price list beside the list change nothing."""
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(["Sh Ann", "1 Sh St", "Salem", "MA", "01970", "CVS", 25])
    book.active.append(["Sh Bob", "2 Sh St", "Salem", "MA", "01970", "CVS", 25])
    book.create_sheet("Instructions").append(["Fill in one row per person"])
    book.create_sheet("Prices").append(["CVS", 25])
    offices = book.create_sheet("Offices")
    offices.append(["Office", "Street", "City", "State", "ZIP"])
    offices.append(["HQ", "9 Sh St", "Salem", "MA", "01970"])
    book.save(tmp_path / "plain.xlsx")
    assert validate(capsys, tmp_path / "plain.xlsx")[0] == 0
    more = book.create_sheet("Sheet2")
    more.append(["Sh Cid", "3 Sh St", "Salem", "MA", 1970, "CVS", 25])  # the ZIP Excel made a number
    more.append(["Sh Dee", "4 Sh St", "Salem", "MA", "01970", "CVS", 25])
    book.save(tmp_path / "staff.xlsx")
    code, data, _err = validate(capsys, tmp_path / "staff.xlsx")
    assert (code, data["error"], data["hint"]) == (
        2,
        "staff.xlsx holds rows laid out as the list's on sheet 'Sheet2' (row 1 and 1 more), under no header, "
        "beside the list 'Sheet': bulkship reads one sheet, and would leave them out",
        "move them under the list on 'Sheet'; if they are no recipients, run with --sheet 'Sheet'",
    )
    assert (
        main(["run", str(tmp_path / "staff.xlsx"), "--yes", "--wait", "0", "--out", str(tmp_path / "o")]) == 2
    )
    assert ordered_lines() == []
    assert validate(capsys, tmp_path / "staff.xlsx", "--sheet", "Sheet")[0] == 0


@pytest.mark.parametrize("name", ["Backup", "Pending", "Next year", "Hold"])
def test_a_sheet_named_for_something_else_beside_the_list_is_read_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """A 'Backup', 'Pending' or 'Next year' sheet (a copy, a draft, a plan) says nothing of the list's people:
    only a sheet named for people not to send refuses the file."""
    book = openpyxl.Workbook()
    book.active.title = "All staff"
    book.active.append(HEADER)
    book.active.append(["Ds Ann", "1 Ds St", "Salem", "MA", "01970", "CVS", 25])
    book.create_sheet(name).append(["draft", "notes"])
    book.save(tmp_path / "staff.xlsx")
    assert validate(capsys, tmp_path / "staff.xlsx")[0] == 0


def test_a_count_column_numbering_the_rows_is_no_number_of_cards(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets: a list's first column 'Count' numbered its rows 1 to 5 and was read as the
    Quantity: the fifth person was ordered 5 cards, 15 cards in all for 5 people. A column that numbers the
    rows is not the number of cards (a notice says so); 'Count' of 2, 1, 3 and a 'Qty' of 1 to 4 still are."""
    people = [f"{chr(65 + i)}n Lee,{i + 1} Main St,Boston,MA,02134,CVS,25" for i in range(5)]
    path = tmp_path / "list.csv"
    path.write_text("Count,Name,Address,City,State,ZIP,Product,Value\n" + "".join(
        f"{i + 1},{person}\n" for i, person in enumerate(people)) + ",Total,,,,,,125\n")  # fmt: skip
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    assert [li["Quantity"] for li in ordered_lines()] == [1] * 5
    said = " ".join(capsys.readouterr().err.split())
    assert (
        "Column 'Count' (A) is not read as Quantity: it numbers the rows 1 to 5, so every row gets 1 card."
        in said
    )
    for header, counts in (("Count", "2 1 3 1 1"), ("Qty", "1 2 3 4 5")):
        path.write_text(f"{header},Name,Address,City,State,ZIP,Product,Value\n" + "".join(
            f"{n},{person}\n" for n, person in zip(counts.split(), people, strict=True)))  # fmt: skip
        assert load_sheet(path).column_map[header] == "quantity"


def test_a_shop_s_shipping_of_0_00_is_no_shipping_method(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-falsealarm2: an Etsy orders export's 'Shipping' (what shipping cost: 0.00 on every
    order) was read as the shipping method, each row an error "'0.00' is not a shipping method", exit 1,
    nothing sent. It is not used, a notice saying so, and every card goes STANDARD; a paid 5.99 is still read,
    an error on its row (which speed it bought is for the person to say)."""
    path = tmp_path / "etsy.csv"
    head = "Sale Date,Order ID,Full Name,Street 1,Ship City,Ship State,Ship Zipcode,SKU,Amount,Shipping\n"
    path.write_text(
        head + "11/28/26,3001,Ann Lee,1 Main St,Boston,MA,02134,CVS,25,0.00\n"
        "11/28/26,3002,Bo Ray,2 Main St,Boston,MA,02134,CVS,25,$0.00\n"
    )
    code, data, err = validate(capsys, path)
    assert (code, data["valid"]) == (0, 2), err
    assert "Column 'Shipping' (J) is not read as Shipping Method: its cells are an amount of 0" in " ".join(
        err.split()
    )
    path.write_text(head + "11/28/26,3001,Ann Lee,1 Main St,Boston,MA,02134,CVS,25,5.99\n")
    assert load_sheet(path).column_map["Shipping"] == "shipping_method"


def test_a_course_s_delivery_method_is_no_shipping_method(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-falsealarm6 on a training-reward list: a learning system's 'Delivery Method' (how the
    course was held: Online, Classroom, Instructor-led) was read as the shipping method, each row an error
    "'Online' is not a shipping method", exit 1, nothing sent. It is not used, a notice saying so, and every
    card goes STANDARD; 'Overnight' there is still read as the method."""
    path = tmp_path / "training.csv"
    head = "Name,Address,City,State,ZIP,Product,Value,Course,Delivery Method\n"
    path.write_text(
        head + "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,Safety 101,Online\n"
        "Bo Ray,2 Main St,Boston,MA,02134,CVS,25,Safety 101,Classroom\n"
        "Cy Orr,3 Main St,Boston,MA,02134,CVS,25,Safety 101,Instructor-led\n"
    )
    code, data, err = validate(capsys, path)
    assert (code, data["valid"]) == (0, 3), err
    assert (
        "Column 'Delivery Method' (I) is not read as Shipping Method: its cells say how a course"
        in " ".join(err.split())
    )
    path.write_text(head + "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,Safety 101,Overnight\n")
    assert load_sheet(path).column_map["Delivery Method"] == "shipping_method"


def test_a_note_giving_the_person_a_new_address_stops_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets: 'New address: 5 Oak St Salem MA 01970' in the Notes beside the old street: the
    card went to the old street; so did 'Ship to: 1 Work Plaza', and (found by review29) 'Send to John Smith at
    12 Oak St', 'Please send to 9 Pine Rd', 'Ship to Dr. Lee, 40 Elm Ave': a name or a 'please' before the
    street. Which address is right is the person's to say; 'new address confirmed', a note naming the row's own
    street, 'Moved to Sales', 'Send to 2 kids' or 'Send to employee by 12/15 either way' send their row."""
    path = tmp_path / "moved.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,New address: 5 Oak St Salem MA 01970\n"
        "Bob Ray,2 Main St,Boston,MA,02134,CVS,25,new address confirmed\n"
        "Cid Poe,3 Main St,Boston,MA,02134,CVS,25,Moved to 9 Elm Rd Apt 2\n"
        "Dee Fox,4 Elm St,Salem,MA,01970,CVS,25,New address: 4 Elm St (updated 11/20)\n"
        "Eve Orr,5 Main St,Boston,MA,02134,CVS,25,Moved to Sales\n"
        "Fay Wu,6 Main St,Boston,MA,02134,CVS,25,Ship to: 1 Work Plaza Boston MA 02110\n"
        "Gus Kim,7 Main St,Boston,MA,02134,CVS,25,Send to 2 kids? no - one card\n"
        "Hal Roe,8 Main St,Boston,MA,02134,CVS,25,Send to John Smith at 12 Oak St\n"
        "Ivy Lam,9 Main St,Boston,MA,02134,CVS,25,Please send to 9 Pine Rd Salem MA\n"
        'Jon Day,10 Main St,Boston,MA,02134,CVS,25,"Ship to Dr. Lee, 40 Elm Ave"\n'
        "Kit Ng,11 Main St,Boston,MA,02134,CVS,25,Send to Kit at 11 Main St\n"
        "Lu Bo,12 Main St,Boston,MA,02134,CVS,25,Send to employee by 12/15 either way\n"
    )
    code, data, _err = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 6, 6)
    assert [p["message"] for p in data["problems"]] == [
        "Row 2, column 'Notes': says 'New address: 5 Oak St Salem MA 01970' where 'Address' says '1 Main St': "
        "which address is right? Put the right one in 'Address' (and the address columns beside it) and clear "
        "the 'Notes' cell.",
        "Row 4, column 'Notes': says 'Moved to 9 Elm Rd Apt 2' where 'Address' says '3 Main St': which address "
        "is right? Put the right one in 'Address' (and the address columns beside it) and clear the 'Notes' cell.",
        "Row 7, column 'Notes': says 'Ship to: 1 Work Plaza Boston MA 02110' where 'Address' says '6 Main St': "
        "which address is right? Put the right one in 'Address' (and the address columns beside it) and clear "
        "the 'Notes' cell.",
        *(
            f"Row {row}, column 'Notes': says '{note}' where 'Address' says '{street}': which address is right? "
            "Put the right one in 'Address' (and the address columns beside it) and clear the 'Notes' cell."
            for row, note, street in (
                (9, "Send to John Smith at 12 Oak St", "8 Main St"),
                (10, "Please send to 9 Pine Rd Salem MA", "9 Main St"),
                (11, "Ship to Dr. Lee, 40 Elm Ave", "10 Main St"),
            )
        ),
    ]
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    assert sorted(li["PhysicalDeliveryAddress"]["Name"] for li in ordered_lines()) == [
        "Bob Ray",
        "Dee Fox",
        "Eve Orr",
        "Gus Kim",
        "Kit Ng",
        "Lu Bo",
    ]


def _validate_notes(capsys: pytest.CaptureFixture[str], path: Path, notes: list[str]) -> tuple[int, dict]:
    """Validate a list of one person a note (row i + 2: 'Person i' at 'i Main St', Notes ``notes[i]``)."""
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Notes\n"
        + "".join(
            f"Person {i},{i} Main St,Boston,MA,02134,CVS,25,{_quoted(note)}\n" for i, note in enumerate(notes)
        )
    )
    code, data, _err = validate(capsys, path)
    return code, data


def _quoted(note: str) -> str:
    """A CSV cell of ``note`` (quoted when it holds a comma)."""
    return f'"{note}"' if "," in note else note


def test_a_note_asking_for_the_card_to_go_elsewhere_stops_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer6: an HR anniversary list's Notes 'Send to work address instead', 'Please ship to her
    sister in Trenton', 'Give to manager to present'...: each card went to the row's home street, exit 0. Such
    a note is an error on its row; 'Send ASAP', 'Send to arrive by 12/20', 'Send to home address' (the list's
    street is the home) and 'Ship to employee' still send. Under an 'Office Address' the office is the row's own
    and the home is elsewhere."""
    stops = [
        "Send to work address instead", "Please ship to her sister in Trenton", "Send to new address",
        "Use work address", "Deliver to Boston office", "c/o Jane Smith (mother)", "Mail to parents' house",
        "Give to manager to present", "Ship to spouse", "Send card to PO box instead",
    ]  # fmt: skip
    sends = [
        "Send ASAP",
        "Send to arrive by 12/20",
        "Send to home address",
        "Ship to employee",
        "Use company name",
    ]
    code, data = _validate_notes(capsys, tmp_path / "awards.csv", stops + sends)
    assert (code, data["valid"], data["invalid"]) == (1, len(sends), len(stops))
    assert [p["message"] for p in data["problems"]] == [
        f"Row {i + 2}, column 'Notes': says '{note}': the card would go to the row's name and address "
        f"('{i} Main St'). Write the name and address it goes to in the row and clear the 'Notes' cell, or clear only "
        "that cell to send it there."
        for i, note in enumerate(stops)
    ]
    office = tmp_path / "office.csv"
    office.write_text(
        "Name,Office Address,City,State,ZIP,Product,Value,Notes\n"
        "Ann Lee,1 Work Plaza,Boston,MA,02134,CVS,25,Send to office\n"
        "Bo Ray,1 Work Plaza,Boston,MA,02134,CVS,25,Send to home address\n"
    )
    code, data, _err = validate(capsys, office)
    assert (code, data["valid"], [p["row"] for p in data["problems"]]) == (1, 1, [3])


def test_a_note_with_a_day_or_a_year_beside_its_new_address_sends_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-falsealarm1: an HR list's notes 'New address confirmed 11/20' and 'Moved to Engineering
    in 2024' stopped their rows as giving another address: a day or a year is no house number. A street with
    its number still stops the row, a year-like one ('Moved to 2001 Main St') too."""
    sends = [
        "New address confirmed 11/20",
        "Moved to Engineering in 2024",
        "Address updated 11/2025 in Workday",
    ]
    stops = ["New address: 500 Broadway, New York", "Moved to 2001 Main St"]
    code, data = _validate_notes(capsys, tmp_path / "awards.csv", sends + stops)
    assert (code, data["valid"], [p["row"] for p in data["problems"]]) == (1, len(sends), [5, 6])


def test_a_note_of_a_move_to_a_grade_a_shift_or_a_floor_sends_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-falsealarm9: a school's staff list's Notes 'Moved to 3rd grade' (a plant's 'Moved to 2nd
    shift', 'Moved to 4th period', 'Moved to 3rd floor - same building') stopped each row, 'which address is
    right?', exit 1: an ordinal was read as a house number. Those rows are valid; a street of an ordinal
    ('Moved to 12th St office') or a house number ('Moved to 21 3rd Ave') still stops."""
    sends = [
        "Moved to 3rd grade",
        "Moved to 2nd shift",
        "Moved to 4th period",
        "Moved to 3rd floor - same building",
    ]
    stops = ["Moved to 12th St office", "Moved to 21 3rd Ave"]
    code, data = _validate_notes(capsys, tmp_path / "staff.csv", sends + stops)
    assert (code, data["valid"], [p["row"] for p in data["problems"]]) == (1, len(sends), [6, 7])


def test_a_note_naming_where_the_card_does_not_go_sends_it_home(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-falsealarm1: an HR anniversary list's note 'Ship to home, not office' (its street the
    home) stopped the row as a card going elsewhere: what follows 'not' or 'instead of' is where it does not
    go. 'Deliver to office, not home' still stops."""
    sends = ["Ship to home, not office", "Send to home instead of office", "Mail to home rather than work"]
    stops = ["Deliver to office, not home", "Send to work address instead"]
    code, data = _validate_notes(capsys, tmp_path / "awards.csv", sends + stops)
    assert (code, data["valid"], [p["row"] for p in data["problems"]]) == (1, len(sends), [5, 6])


def test_a_note_saying_the_address_is_about_to_change_stops_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer5: an ADP report's Notes 'Moving - new address TBD' beside the street the person is
    leaving: the card went there, exit 0. Found again by review28 after its fix, in other words ('Awaiting new
    address', 'Address update pending', 'Do not use this address - moving'...). 'New address confirmed',
    'Address confirmed', 'Not moving' and 'Moved to Sales' still send; so do 'Moving forward...' and 'Moving
    ahead...' (an idiom, no move: newcomer5's L8)."""
    stops = [
        "Moving - new address TBD", "Address change pending (HR ticket 4411)", "Awaiting new address",
        "Waiting on new address from employee", "Moving - will send new address",
        "Do not use this address - moving", "Address update pending", "Old address - update pending",
        "Address change requested", "Address to be confirmed", "Address will change",
    ]  # fmt: skip
    sends = [
        "new address confirmed", "Address confirmed", "Not moving", "Moved to Sales",
        "Moving forward - details coming from HR", "Moving ahead with gift; approval pending",
    ]  # fmt: skip
    code, data = _validate_notes(capsys, tmp_path / "moving.csv", stops + sends)
    assert (code, data["valid"], data["invalid"]) == (1, len(sends), len(stops))
    assert [p["message"] for p in data["problems"]] == [
        f"Row {i + 2}, column 'Notes': says '{note}': the card would go to '{i} Main St'. Put the new address in "
        "'Address' (and the address columns beside it) once known and clear the 'Notes' cell, or clear only that cell to "
        "send it there."
        for i, note in enumerate(stops)
    ]


def test_a_note_saying_the_row_holds_the_new_address_already_sends_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-falsealarm3: 'Do not send to old address - updated above' and "Don't use old address
    (new one above)" stopped their rows as an address still to come, where the note says the row holds the
    new one. 'Do not send to old address' alone, and 'Moving - new address TBD', still stop."""
    sends = [
        "Do not send to old address - updated above", "Don't use old address (new one above)",
        "Do not ship to old address, corrected in the sheet", "Do not use old address - address above is current",
    ]  # fmt: skip
    stops = ["Do not send to old address", "Moving - new address TBD"]
    code, data = _validate_notes(capsys, tmp_path / "moved.csv", sends + stops)
    assert (code, data["valid"], [p["row"] for p in data["problems"]]) == (1, len(sends), [6, 7])


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> ConvertedTogether:
    """LibreOffice's ODS copies of this module's workbooks, converted together (one soffice start)."""
    inputs = {
        "gifts.xlsx": workbook_with_an_old_hidden_list, "lookup.xlsx": lookup_errors_pasted_as_values,
        "teams.xlsx": team_gifts_with_merged_cards, "pounds.xlsx": pounds, "cents.xlsx": cents,
        "dollars.xlsx": dollars, "tracker.xlsx": card_sent_over_date_and_by,
        "merged.xlsx": name_merged_across_first_and_last, "merged_down.xlsx": name_merged_down_over_two_addresses,
        "grouped.xlsx": home_and_work_address_groups,
    }  # fmt: skip
    return ConvertedTogether(
        tmp_path_factory.mktemp("libreoffice"), {n: (b, "ods") for n, b in inputs.items()}
    )


@pytest.mark.parametrize(
    "sheet",
    ["Exclusions", "Suppression List", "Ineligible", "Leavers", "Unsubscribed", "Do Not Contact", "Skip",
     "No Gift"],
)  # fmt: skip
def test_a_sheet_of_exclusions_beside_the_list_refuses_the_file_as_do_not_send_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sheet: str
) -> None:
    """Found by hunter-sheets5: the same list beside a sheet 'Exclusions' (or a marketing 'Suppression List',
    HR's 'Leavers') naming Bob: the list was read alone and Bob ordered, nothing said."""
    book = openpyxl.Workbook()
    book.active.title = "All staff"
    book.active.append(HEADER)
    book.active.append(["Ex Ann", "1 Ex St", "Salem", "MA", "01970", "CVS", 25])
    book.active.append(["Ex Bob", "2 Ex St", "Salem", "MA", "01970", "CVS", 25])
    book.create_sheet(sheet).append(["Ex Bob", "left the company"])
    book.save(tmp_path / "staff.xlsx")
    code, data, _err = validate(capsys, tmp_path / "staff.xlsx")
    assert (code, data["error"]) == (
        2,
        f"staff.xlsx holds a sheet '{sheet}' beside the list 'All staff': bulkship reads one sheet, and would "
        f"order everyone on 'All staff', the people on '{sheet}' too",
    )


def name_merged_down_over_two_addresses(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value"])
    sheet.append(["Ann Lee", "1 Main St", "Boston", "MA", "02108", "CVS", 25])
    sheet.append([None, "100 Corporate Dr", "Burlington", "MA", "01803", "CVS", 25])
    sheet.append(["Bob Lee", "2 Elm St", "Boston", "MA", "02108", "CVS", 25])
    sheet.append(["Cy Lee", None, None, None, None, "CVS", 25])
    sheet.append(["Di Wu", "3 Oak St", "Boston", "MA", "02108", "CVS", 25])
    sheet.append([None, "3 Oak St", "Boston", "MA", "02108", "TARGET", 50])
    sheet.merge_cells("A2:A3")
    for column in "BCDE":
        sheet.merge_cells(f"{column}4:{column}5")
    sheet.merge_cells("A6:A7")
    book.save(path)
    return path


def test_a_name_merged_down_over_two_addresses_sends_neither_card(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], libreoffice: ConvertedTogether
) -> None:
    """Found by hunter-sheets6: 'Ann Lee' merged down over her home's row and her office's was read on
    each row, and she got a card at each (nothing said but 'inside the merged cell'). Each row is an
    error, in LibreOffice's ODS copy too; an address merged over two people (a household) and a name
    merged over two gifts at one address are sent."""
    path = name_merged_down_over_two_addresses(tmp_path / "merged_down.xlsx")
    for loaded in (path, libreoffice.copy(path, tmp_path)):
        code, data, err = validate(capsys, loaded)
        assert (code, data["valid"], data["invalid"]) == (1, 4, 2), err
        assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
            f"Row {row}, column 'Name': 'Ann Lee' is one cell merged over rows 2-3, whose addresses differ: "
            "each row would send this person a card at another address. Keep only the row of the address "
            "the card goes to (or unmerge the cell if these are different people)."
            for row in (2, 3)
        ]


@pytest.mark.parametrize(
    "sheet", ["Changes", "Updates", "Corrections 12-01", "Change Log", "Edits", "Amendments"]
)
def test_a_sheet_of_changes_beside_the_list_refuses_the_file_until_the_list_is_chosen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sheet: str
) -> None:
    """Found by hunter-sheets6: the list beside a sheet 'Changes' saying Bob's amount is 50 now and Cy is
    to be removed: the list was read alone, Bob sent 25 and Cy a card, nothing said. Refused until the
    changes are made on the list and --sheet names it."""
    book = openpyxl.Workbook()
    book.active.title = "All staff"
    book.active.append(HEADER)
    book.active.append(["Ex Ann", "1 Ex St", "Salem", "MA", "01970", "CVS", 25])
    book.active.append(["Ex Bob", "2 Ex St", "Salem", "MA", "01970", "CVS", 25])
    changes = book.create_sheet(sheet)
    changes.append(["Name", "Change"])
    changes.append(["Ex Bob", "Amount 50"])
    book.save(tmp_path / "staff.xlsx")
    code, data, _err = validate(capsys, tmp_path / "staff.xlsx")
    assert (code, data["error"]) == (
        2,
        f"staff.xlsx holds a sheet '{sheet}' beside the list 'All staff': bulkship reads one sheet, and would "
        f"order everyone on 'All staff' as written there, without the changes on '{sheet}'",
    )
    code, data, _err = validate(capsys, tmp_path / "staff.xlsx", "--sheet", "All staff")
    assert (code, data["valid"]) == (0, 2)


def test_a_note_on_a_row_of_its_own_asking_to_change_a_recipient_holds_that_recipient(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets6: notes typed below the list ('Note: Bob Ray should get $50', 'Cy - remove,
    left company') were skipped as notes and Bob sent at 25, Cy a card, exit 0. The rows they name are
    errors saying so; a note naming a recipient without asking for a change ('Prepared by Di Fox') sends
    as before."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for i, name in enumerate(("Ann Lee", "Bob Ray", "Cy Ng", "Di Fox"), start=1):
        sheet.append([name, f"{i} Main St", "Boston", "MA", "02108", "CVS", 25])
    sheet.append([])
    sheet.append(["Note: Bob Ray should get $50 (promotion)"])
    sheet.append(["Cy - remove, left company 11/30"])
    sheet.append(["Prepared by Di Fox, HR"])
    path = tmp_path / "notes.xlsx"
    book.save(path)
    code, data, err = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 2, 2), err
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        "Row 3, column 'Name': the note on row 7 ('Note: Bob Ray should get $50 (promotion)') names Bob Ray: "
        "bulkship does not act on notes, and would send this row as written. Make the change on this row "
        "itself, then delete the note.",
        "Row 4, column 'Name': the note on row 8 ('Cy - remove, left company 11/30') names Cy Ng: bulkship "
        "does not act on notes, and would send this row as written. Make the change on this row itself, then "
        "delete the note.",
    ]


def test_a_note_on_a_row_of_its_own_saying_a_recipient_is_not_to_be_sent_holds_that_recipient(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets22: notes typed below the list saying what leaves a row out in a Notes column
    ('Bob Ray - deceased', 'Cy Ng: hold until HR confirms address', "Di's card already mailed", 'Hold Ed
    Poe', 'Flo Kim (terminated)', 'Gus Tan gift card mailed 11/20') were skipped as notes and each person
    sent a card as written, exit 0: a card to the dead, a second card. The rows they name are errors, as a
    note asking for a change makes them; a note naming a recipient and saying no such thing sends."""
    people = ["Ann Lee", "Bob Ray", "Cy Ng", "Di Fox", "Ed Poe", "Flo Kim", "Gus Tan", "Hal Orr", "Ida Wu"]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for i, name in enumerate(people, start=1):
        sheet.append([name, f"{i} Main St", "Boston", "MA", "02108", "CVS", 25])
    sheet.append([])
    for note in ["Bob Ray - deceased", "Cy Ng: hold until HR confirms address", "Di's card already mailed",
                 "Hold Ed Poe", "Flo Kim (terminated)", "Gus Tan gift card mailed 11/20",
                 "Prepared by Hal Orr, HR", "Approved by Ida Wu 12/1", "Ann Lee retired 10/31"]:  # fmt: skip
        sheet.append([note])
    path = tmp_path / "notes.xlsx"
    book.save(path)
    code, data, err = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 3, 6), err
    errors = [p for p in data["problems"] if p["severity"] == "error"]
    assert [p["row"] for p in errors] == [3, 4, 5, 6, 7, 8]
    assert errors[0]["message"].startswith("Row 3, column 'Name': the note on row 12 ('Bob Ray - deceased')")


def test_a_sign_off_naming_its_author_under_the_list_holds_no_row_of_hers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets27 (in hunter-sheets23's corpus): the sign-off 'Prepared by Ann Lee 12/1 - sent to
    Finance for approval' under a list made Ann Lee's own row an error ('the note ... names Ann Lee'), exit 1,
    since the list's 'sent ... for approval' reads as not to send. A name after 'Prepared by', 'Compiled by' or
    'Contact' is the list's author, not the note's subject; a subject named beside the author is still held,
    and one after 'returned by' is the subject."""
    people = ["Ann Lee", "Bob Ray", "Cy Ng", "Di Fox"]
    for notes, held in (
        (["Prepared by Ann Lee 12/1 - sent to Finance for approval"], []),
        (["Contact: Di Fox - list on hold until approved"], []),
        (["Bob Ray - deceased (reported by Ann Lee)"], [3]),
        (["Ann Lee - hold", "Compiled by Di Fox"], [2]),
        (["Card returned by Bob Ray - do not resend"], [3]),
    ):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(HEADER)
        for i, name in enumerate(people, start=1):
            sheet.append([name, f"{i} Main St", "Boston", "MA", "02108", "CVS", 25])
        sheet.append([])
        for note in notes:
            sheet.append([note])
        path = tmp_path / "signed.xlsx"
        book.save(path)
        code, data, err = validate(capsys, path)
        errors = [p["row"] for p in data["problems"] if p["severity"] == "error"]
        assert (code, errors, data["valid"]) == (1 if held else 0, held, 4 - len(held)), (notes, err)


def test_a_recipient_s_row_missing_its_street_is_no_note_naming_a_namesake(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by the lead's fuzzing (seed 111): Kai O'Brien's row, its street left empty and its '$25.00'
    read as a note's amount, was taken for a note naming the one other Kai, and Kai Rossi's valid row was
    refused 'the note on row 3 names Kai Rossi'. Only Kai O'Brien's own row is to fix."""
    path = xlsx(
        tmp_path / "kai.xlsx",
        ["Employee ID", *HEADER],
        ["E1", "Kai O'Brien", None, "Surprise", "NE", "68667", "TARGET", "$25.00"],
        ["E2", "Ann Lee", "1 Main St", "Boston", "MA", "02108", "CVS", 25],
        ["E3", "Kai Rossi", "5188 Pine Street", "Longs", "SC", "29568", "TARGET", "$250.00"],
    )
    code, data, err = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 2, 1), err
    assert [(p["row"], p["column"]) for p in data["problems"] if p["severity"] == "error"] == [
        (2, "address1")
    ]


@pytest.mark.parametrize(
    "header", ["Requested Amount", "Actual Amount", "Proposed Amount", "Recommended Value"]
)
def test_an_amount_another_person_asked_for_beside_the_value_is_never_passed_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    """Found by hunter-sheets6: 'Requested Amount' (or 'Actual', 'Proposed', 'Recommended') 50 beside
    'Amount' 25 was an unused column, and the card went out at 25, exit 0. Read as 'Revised Amount' is: an
    error where it says another amount, nothing where it is empty."""
    path = xlsx(
        tmp_path / "asked.xlsx",
        [*HEADER, header],
        ["Rq Alpha", "1 Rq St", "Salem", "MA", "01970", "CVS", 25, 50],
        ["Rq Beta", "2 Rq St", "Salem", "MA", "01970", "CVS", 25, None],
    )
    code, data, err = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 1, 1), err
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        f"Row 2, column '{header}': says 50 where 'Value' says 25: which is right? Put the right one in 'Value' "
        f"and clear '{header}'."
    ]


def test_two_lists_side_by_side_are_refused_as_two_lists_not_told_to_map_one_of_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets9, fixed by hunter-sheets10: an East team list in A-G and a West team list in I-O
    of one sheet was refused "Columns 'Name' (A) and 'Name (2)' (I) both look like Name ... [columns] name =
    "Name (2)"": followed field by field, only the West team's cards were ordered and the East team's people
    were left out. The refusal now says what the sheet is: two lists side by side, and how to make it one."""
    left = ["Name", "Address", "City", "State", "ZIP", "Product", "Value"]
    right = ["Full Name", "Street", "City", "State", "Zip Code", "Card", "Amount"]
    for title, header in (True, left), (False, right):
        path = xlsx(
            tmp_path / "teams.xlsx",
            *([["East team", *[None] * 7, "West team"]] if title else []),
            [*left, None, *header],
            [
                "Ann Lee",
                "1 Main St",
                "Boston",
                "MA",
                "02134",
                "CVS",
                25,
                None,
                "Cy Dunn",
                "3 Main St",
                "Boston",
                "MA",
                "02134",
                "CVS",
                50,
            ],
            [
                "Bob Ray",
                "2 Main St",
                "Boston",
                "MA",
                "02134",
                "CVS",
                25,
                None,
                "Di Fox",
                "4 Main St",
                "Boston",
                "MA",
                "02134",
                "CVS",
                50,
            ],
        )
        code, data, _ = validate(capsys, path)
        assert code == 2, data
        said = f"{data['error']} {data.get('hint')}"
        assert "two lists side by side" in said and "columns A-G and I-O" in said, said
        assert "[columns]" not in said, said
        assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 2
        capsys.readouterr()
        assert ordered_lines() == []


@pytest.mark.parametrize("how", ["mapped by hand", "Home Address on the right"])
def test_two_lists_side_by_side_are_refused_when_mapped_by_hand_or_with_a_qualified_street(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    """hunter-sheets10's leftovers: a program file mapping the East team's columns A-G ([columns] name = "A"
    ...) ordered Ann and Bob and left the West team's Cy and Di out with a notice per column, exit 0; a West
    team list headed 'Employee Name' | 'Home Address' got the old "both look like Name ... [columns] name =
    'Employee Name'" (followed: one list sent, the other's people left out). Both are refused as two lists
    side by side; nothing is sent."""
    right = ["Name", "Address"] if how == "mapped by hand" else ["Employee Name", "Home Address"]
    row = ["Boston", "MA", "02134", "CVS"]
    path = xlsx(
        tmp_path / "teams.xlsx",
        [
            "Name",
            "Address",
            "City",
            "State",
            "ZIP",
            "Product",
            "Value",
            None,
            *right,
            "City",
            "State",
            "ZIP",
            "Card",
            "Amount",
        ],
        ["Ann Lee", "1 Main St", *row, 25, None, "Cy Dunn", "3 Main St", *row, 50],
        ["Bob Ray", "2 Main St", *row, 25, None, "Di Fox", "4 Main St", *row, 50],
    )
    args: list[str] = []
    if how == "mapped by hand":
        config = tmp_path / "program.toml"
        fields = ["name", "address1", "city", "state", "zip", "product", "value"]
        config.write_text("[columns]\n" + "".join(f'{f} = "{"ABCDEFG"[i]}"\n' for i, f in enumerate(fields)))
        args = ["--config", str(config)]
    code, data, _ = validate(capsys, path, *args)
    assert code == 2, data
    said = f"{data['error']} {data.get('hint')}"
    assert "two lists side by side" in said and "columns A-G and I-O" in said, said
    assert "both look like" not in said, said
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out"), *args]) == 2
    capsys.readouterr()
    assert ordered_lines() == []


def test_a_shipping_address_to_the_right_of_the_list_is_no_second_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Ship To Name' | 'Shipping Address' after the list's own name and address are the same person's
    other address (filled where it differs), never a second list: the cards go there."""
    path = xlsx(
        tmp_path / "ship.xlsx",
        ["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Shipping Name", "Shipping Address"],
        ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 25, None, None],
        ["Bob Ray", "2 Main St", "Boston", "MA", "02134", "CVS", 25, "Bob Ray", "9 Elm St"],
    )
    code, data, _ = validate(capsys, path)
    assert (code, data["valid"]) == (0, 2), data
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    lines = ordered_lines()
    assert [li["PhysicalDeliveryAddress"]["AddressLine1"] for li in lines] == ["1 Main St", "9 Elm St"], lines


def test_a_giver_s_name_and_address_beside_the_recipient_s_chosen_with_columns_is_one_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review25: a list of givers and whom their cards go to ('Name' | 'Address' ... 'Recipient
    Name' | 'Recipient Address' ..., one Product and Value), the recipient's columns chosen in a program file
    as the refusal says, was refused since bcbbb62 as two lists side by side whatever was chosen: the file
    could not be sent at all. One person per row is chosen there; two lists (an empty column between them,
    or each with its own cards) are still refused."""
    path = xlsx(
        tmp_path / "givers.xlsx",
        ["Name", "Address", "City", "State", "ZIP", "Recipient Name", "Recipient Address", "Recipient City",
         "Recipient State", "Recipient ZIP", "Product", "Value"],
        ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "Bo Lee", "5 Elm St", "Salem", "MA", "01970", "CVS", 25],
        ["Cy Poe", "2 Main St", "Boston", "MA", "02134", "Di Poe", "6 Elm St", "Salem", "MA", "01970", "CVS", 25],
    )  # fmt: skip
    code, data, _ = validate(capsys, path)
    assert code == 2 and "two lists side by side" in data["error"], data  # nothing chosen: which one?
    config = tmp_path / "program.toml"
    config.write_text(
        '[columns]\nname = "Recipient Name"\naddress1 = "Recipient Address"\ncity = "Recipient City"\n'
        'state = "Recipient State"\nzip = "Recipient ZIP"\n'
    )
    code, data, _ = validate(capsys, path, "--config", str(config))
    assert (code, data["valid"]) == (0, 2), data
    assert (
        main(
            [
                "run",
                str(path),
                "--yes",
                "--wait",
                "0",
                "--out",
                str(tmp_path / "out"),
                "--config",
                str(config),
            ]
        )
        == 0
    )
    lines = ordered_lines()
    assert [li["PhysicalDeliveryAddress"]["AddressLine1"] for li in lines] == ["5 Elm St", "6 Elm St"], lines


def _instructions_first(path: Path) -> Path:
    """A workbook whose first sheet is its instructions, the list on the second."""
    book = openpyxl.Workbook()
    book.active.title = "Instructions"
    for line in ("Holiday gift list 2026", "", "1. Fill in one row per person on the Recipients sheet.",
                 "2. Use the card names from the drop-down.", "Questions: hr@acme.test"):  # fmt: skip
        book.active.append([line])
    recipients = book.create_sheet("Recipients")
    recipients.append(HEADER)
    recipients.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50])
    book.save(path)
    return path


def test_a_csv_of_a_workbook_s_instructions_sheet_says_a_csv_holds_one_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets13 (its leftover 3): LibreOffice's (and Excel's) CSV of a workbook keeps only its
    first sheet; of one whose first sheet is 'Instructions' bulkship said 'No header row found in the first
    100 rows', no word of why. It says a CSV holds one sheet of the workbook; with the workbook beside it,
    names its sheets and the way out (run on the workbook)."""
    workbook = _instructions_first(tmp_path / "gifts.xlsx")
    csv_copy = convert(workbook, "csv", tmp_path)
    assert main(["validate", str(csv_copy), "--out", str(tmp_path / "out")]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "gifts.csv holds text in one column and no list" in said
    assert "a CSV holds only one sheet of a workbook" in said

    (csv_copy.parent / "gifts.xlsx").write_bytes(workbook.read_bytes())
    assert main(["validate", str(csv_copy), "--out", str(tmp_path / "out")]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "gifts.xlsx beside it has the sheets 'Instructions', 'Recipients'" in said
    assert f"run bulkship on {csv_copy.parent / 'gifts.xlsx'}" in said


def home_and_work_address_groups(
    path: Path, labels: tuple[str, str] = ("Work Address", "Home Address")
) -> Path:
    """'Work Address' (C1) and 'Home Address' (G1), or ``labels``, merged over Street | City | State | Zip."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (
        ["Employee", None, "Work Address", None, None, None, "Home Address", None, None, None, "Gift", None],
        ["First Name", "Last Name", "Street", "City", "State", "Zip", "Street", "City", "State", "Zip", "Product", "Amount"],
        ["Ann", "Lee", "100 Office Pk", "Waltham", "MA", "02451", "1 Home St", "Boston", "MA", "02108", "CVS", 25],
        ["Bo", "Ray", "200 Office Pk", "Edison", "NJ", "08817", "2 Home St", "Newark", "NJ", "07102", "CVS", 25],
    ):  # fmt: skip
        sheet.append(row)
    for span in ("A1:B1", "C1:F1", "G1:J1", "K1:L1"):
        sheet.merge_cells(span)
    sheet["C1"], sheet["G1"] = labels
    book.save(path)
    return path


def test_a_group_row_naming_the_home_and_work_address_over_their_columns_sends_to_the_home(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], libreoffice: ConvertedTogether
) -> None:
    """Found by hunter-sheets25 (its leftover 4): 'Work Address' and 'Home Address' merged over Street |
    City | State | Zip twice were refused, exit 2, "Columns 'Street' (C) and 'Street (2)' (G) both look like
    Address Line 1", though the row above said which was which. Read as 'Work Address Street' and 'Home
    Address Street' are on one row: the home address is sent, said once; in LibreOffice's ODS copy and in a
    CSV (each label in the first cell of its columns) alike, a billing address never sent to. A label saying
    more than whose address it is ('Home Address (ship here)' beside 'Work Address'), or naming none ('Old
    Address' / 'New Address'), is still refused, the refusal naming the labels."""
    home_and_work_address_groups(tmp_path / "grouped.xlsx")

    code = main(["run", str(tmp_path / "grouped.xlsx"), "--yes", "--out", str(tmp_path / "out")])

    err = capsys.readouterr().err
    assert code == 0, err
    sent = sorted(
        (li["PhysicalDeliveryAddress"]["AddressLine1"], li["PhysicalDeliveryAddress"]["Zip"])
        for li in ordered_lines()
    )
    assert sent == [("1 Home St", "02108"), ("2 Home St", "07102")]
    assert (
        "The address is read from the columns under 'Home Address' (the row above the header); those under 'Work Address' are not used."
        in err
    )
    ods = libreoffice.copy(tmp_path / "grouped.xlsx", tmp_path)
    code, data, err = validate(capsys, ods)
    assert (code, data["valid"]) == (0, 2), err
    billing = tmp_path / "orders.csv"
    billing.write_text(
        ",,Shipping Address,,,,Billing Address,,,,,\n"
        "First Name,Last Name,Street,City,State,Zip,Street,City,State,Zip,Product,Amount\n"
        "Cy,Ng,3 Oak St,Salem,MA,01970,9 Bill St,Boston,MA,02110,CVS,25\n"
    )
    code, data, err = validate(capsys, billing)
    assert (code, data["valid"]) == (0, 1), err
    assert [c["header"] for c in data["columns"] if c["field"] == "address1"] == ["Street"]
    names = openpyxl.Workbook()  # 'Legal Name' and 'Preferred Name' over First | Last each: the preferred
    for line in (  # name where filled in, as 'Preferred First Name' beside 'First Name' (was refused)
        ["Legal Name", None, "Preferred Name", None, "Address", None, None, None, "Product", "Amount"],
        ["First Name", "Last Name", "First Name", "Last Name", "Street", "City", "State", "ZIP", None, None],
        ["Elizabeth", "Jones", "Liz", "Ray", "1 Home St", "Boston", "MA", "02108", "CVS", 25],
        ["Robert", "Smith", None, None, "2 Home St", "Boston", "MA", "02108", "CVS", 25],
    ):  # fmt: skip
        names.active.append(line)
    for span in ("A1:B1", "C1:D1", "E1:H1"):
        names.active.merge_cells(span)
    names.save(tmp_path / "names.xlsx")
    code, data, err = validate(capsys, tmp_path / "names.xlsx")
    assert (code, data["valid"]) == (0, 2), err
    assert "The address is read" not in err
    assert load_sheet(tmp_path / "names.xlsx").preferred == {
        "first_name": "First Name (2)",
        "last_name": "Last Name (2)",
    }
    for first, second in (("Home Address (ship here)", "Work Address"), ("Old Address", "New Address")):
        home_and_work_address_groups(tmp_path / "unsaid.xlsx", (first, second))
        code, data, err = validate(capsys, tmp_path / "unsaid.xlsx")
        assert code == 2
        labels = ", ".join(sorted((repr(first), repr(second))))
        assert "Columns 'Street' (C) and 'Street (2)' (G) both look like Address Line 1" in err
        assert (
            f"The row above the header groups them under {labels}, which bulkship does not read as saying which address to ship to"
            in err
        )


@pytest.mark.parametrize(
    ("giver", "recipient"), [("Sender", "Recipient"), ("From", "To"), ("Bill To", "Ship To")]
)
def test_a_group_row_naming_the_giver_and_the_recipient_sends_to_the_recipient(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], giver: str, recipient: str
) -> None:
    """A gift list with 'Sender' and 'Recipient' over Name | Street | City | State | Zip each was refused, exit
    2, 'This sheet holds two lists side by side' (it is one list, each row a giver and the person the card
    goes to). The giver's group is read as nothing, as a billing address is: the card goes to the recipient."""
    path = tmp_path / "gifts.csv"
    path.write_text(
        f"{giver},,,,,{recipient},,,,,,\n"
        "Name,Street,City,State,Zip,Name,Street,City,State,Zip,Product,Amount\n"
        "Jane Buyer,9 Bill St,Boston,MA,02110,Robert Smith,1 Main St,Salem,MA,01970,CVS,25\n"
    )
    code = main(["run", str(path), "--yes", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 0, err
    assert [
        (li["PhysicalDeliveryAddress"]["Name"], li["PhysicalDeliveryAddress"]["AddressLine1"])
        for li in ordered_lines()
    ] == [("Robert Smith", "1 Main St")]
    assert (
        f"The address is read from the columns under '{recipient}' (the row above the header); those under '{giver}' are not used."
        in err
    )


def test_a_note_asking_for_another_address_after_another_remark_stops_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer17: an HR anniversary list's Notes 'retiring 12/31 - send to office' (also 'Great year;
    ship to her mother', 'Top performer. Give to manager to present', 'Retiring - new address: 5 Oak St'): the
    ask came after another remark, so the card went to the row's home street, validate exit 0, while 'send to
    office' alone was an error. An ask in a later part of a note stops its row as at the note's start; 'on
    leave - send anyway', 'Home only. Do not send to office' and 'Approved - send to arrive by 12/20' still
    send."""
    stops = [
        "retiring 12/31 - send to office", "Great year; ship to her mother",
        "Top performer. Give to manager to present", "5 yrs (send to office)",
        "Retiring 12/31 - new address: 5 Oak St",
    ]  # fmt: skip
    sends = [
        "on leave - send anyway", "Home only. Do not send to office", "Approved - send to arrive by 12/20",
        "Moved to 3rd floor - same building",
    ]  # fmt: skip
    code, data = _validate_notes(capsys, tmp_path / "awards.csv", stops + sends)
    assert (code, data["valid"], [p["row"] for p in data["problems"]]) == (1, len(sends), [2, 3, 4, 5, 6])


def test_another_sheet_refused_under_the_batch_of_the_first_names_the_batch_that_sent_that_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer21 (N8): a bookkeeper's workbook, its 'Clients' sheet sent as batch CLIENTS-2026, its
    'Staff' sheet under the file's name; the next day the workbook, saved again, run with --sheet Clients and
    no --batch was refused as another list of the Staff batch, its hint 'give it a batch of its own: ...
    --batch Year-end-gifts-2026-Clients': followed, a new batch held all 9 rows, 'needs attention' for good.
    The refusal names the batch that sent that sheet of the file, to continue it."""
    path = workbook_with_late_additions(tmp_path / "gifts.xlsx")

    def run(*args: str) -> tuple[int, str]:
        capsys.readouterr()
        code = main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out"), *args])
        return code, " ".join(capsys.readouterr().err.split())

    assert run("--sheet", "Late additions", "--batch", "LATE")[0] == 0
    assert run("--sheet", "December")[0] == 0  # batch 'gifts'
    # saved again: the same lists, other bytes (by another hand: within the same second openpyxl wrote the
    # very same bytes, and the run refused the file as the same as batch LATE's)
    again = openpyxl.load_workbook(path)
    again.properties.lastModifiedBy = "bookkeeper"
    again.save(path)
    code, said = run("--sheet", "Late additions")
    assert code == 2, said
    assert (
        "Sheet 'Late additions' of gifts.xlsx was sent as batch 'LATE': to continue it, bulkship run "
        f"{path} --sheet 'Late additions' --batch LATE" in said
    ), said
    assert "--batch gifts-Late-additions" not in said, said
