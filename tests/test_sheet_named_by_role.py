"""A workbook whose list names its people by their role ('Volunteer', read as the Name by its cells) beside a
second tab of late additions headed 'Name': bulkship read the late additions alone, "Read 2 rows", and the
list's people were left out without a word (found by newcomer25, a volunteer coordinator's Google Sheets
download). Both tabs are lists of recipients: the file is refused until one is chosen."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from bulkship.cli import main

ADDRESS = ["Mailing Address", "City", "State", "Zip", "Card", "Amount"]


def _two_tabs(path: Path, role: str = "Volunteer", beside: str = "Name") -> Path:
    book = openpyxl.Workbook()
    main_tab = book.active
    main_tab.title = "Thank-you cards"
    main_tab.append(["Volunteer thank-you cards 2026"])
    main_tab.append([role, *ADDRESS])
    main_tab.append(["Margaret Olsen", "1412 Riverside Dr", "Dayton", "OH", "45405", "Target", 25])
    main_tab.append(["Derek Fontaine", "88 Salem Ave", "Dayton", "OH", "45406", "Target", 25])
    main_tab.append(["Priya Raman", "2301 Far Hills Ave", "Oakwood", "OH", "45419", "Target", 25])
    if beside == "Name":
        late = book.create_sheet("Added in December")
        late.append(["Name", "Email", *ADDRESS])
        late.append(
            ["Owen Price", "oprice@example.com", "19 Huffman Ave", "Dayton", "OH", "45403", "Target", 25]
        )
    elif beside == "notes":  # a legend and notes, no one to send to
        notes = book.create_sheet("Notes")
        notes.append(["Colour", "Meaning"])
        notes.append(["Yellow", "new address this year"])
        notes.append(["Volunteer", "Ask Sam about the Amount"])
    book.save(path)
    return path


def _validate(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> tuple[int, dict]:
    code, data, _ = _validated(capsys, path, *args)
    return code, data


def _validated(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> tuple[int, dict, str]:
    code = main(["validate", str(path), "--json", "--out", str(path.parent / "out"), *args])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def test_a_list_naming_its_people_by_their_role_is_never_left_out_for_another_tab(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _two_tabs(tmp_path / "Volunteer Thank-You Cards 2026.xlsx")
    code, data = _validate(capsys, path)
    assert (code, data["error"]) == (
        2,
        "Volunteer Thank-You Cards 2026.xlsx has 2 sheets of recipients: 'Thank-you cards', 'Added in "
        "December'; bulkship reads one sheet per batch and would leave the others' rows out",
    )
    code, data = _validate(capsys, path, "--sheet", "Thank-you cards")
    assert (code, data["rows"], data["valid"]) == (0, 3, 3)


def test_a_tab_of_a_role_that_is_not_the_recipient_stays_no_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 'Manager' column names another person than the one the card goes to: such a tab is no list of
    recipients, and the list beside it is read as before."""
    path = _two_tabs(tmp_path / "cards.xlsx", role="Manager")
    code, data = _validate(capsys, path)
    assert (code, data["rows"], data["valid"]) == (0, 1, 1)


def test_a_list_of_a_role_beside_a_tab_of_notes_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The other way: one list and a tab of notes and a colour legend is one list, read without --sheet."""
    path = _two_tabs(tmp_path / "cards.xlsx", beside="notes")
    code, data = _validate(capsys, path)
    assert (code, data["rows"], data["valid"]) == (0, 3, 3)


def test_the_line_saying_what_was_read_names_the_tab(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Read 2 rows from two-tabs.xlsx (header on row 1)' was all a person saw of which tab was read."""
    code, _, err = _validated(capsys, _two_tabs(tmp_path / "cards.xlsx", beside="notes"))
    assert code == 0
    assert "Read 3 rows from sheet 'Thank-you cards' of " in err and "cards.xlsx (header on row 2)." in err
