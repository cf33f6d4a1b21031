"""One person on two rows of one file, written differently, is one card (found by a newcomer: rows that
differed only by Employee ID, case or "St." against "Street" were all sent). Real CSV files, the CLI against
the sandbox, cards counted at the sandbox."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from intake_fixtures import sandbox_catalog

from bulkship.cli import main
from bulkship.load import load_sheet
from bulkship.sandbox import Sandbox, SandboxConfig
from bulkship.validate import validate

HEADER = ["Employee ID", "First Name", "Last Name", "Address", "City", "State", "Zip", "Card", "Value"]


def write(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def cards_by_name(data_dir: Path) -> Counter[str]:
    sandbox = Sandbox(SandboxConfig(state_file=data_dir / "sandbox.sqlite", clock_speed=0))
    try:
        return Counter(
            li["PhysicalDeliveryAddress"]["Name"].casefold().replace("’", "'")
            for order in sandbox.orders()
            for li in order["LineItems"]
        )
    finally:
        sandbox.close()


def test_one_person_written_several_ways_gets_one_card(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = write(
        tmp_path / "staff.csv",
        [
            ["E-1", "Maria", "Lopez", "12 Beacon Street", "Boston", "MA", "02108", "CVS", "25"],  # row 2
            ["E-2", "maria", "lopez", "12 Beacon Street", "Boston", "MA", "02108", "CVS", "25"],  # ID, case
            ["", "Maria", "Lopez", "12 Beacon St.", "Boston", "MA", "02108", "CVS", "25"],  # no ID, "St."
            ["E-6", "Liam", "O'Brien", "400 Broad Street, Floor 2", "Seattle", "WA", "98109", "CVS", "50"],
            ["E-7", "Liam", "O’Brien", "400 Broad St Fl 2", "Seattle", "WA", "98109", "CVS", "50"],  # row 6
            ["E-9", "Tom", "Ng", "1 A St", "Boston", "MA", "02108", "CVS", "25"],  # row 7
            ["E-9", "Tom", "Ng", "7 B St", "Boston", "MA", "02108", "CVS", "25"],  # same ID and name, moved
            ["E-9", "Tom", "Ng", "1 A St", "Boston", "MA", "02108", "TARGET", "50"],  # other gift: warned
            ["E-10", "Ann", "Ng", "1 A St", "Boston", "MA", "02108", "CVS", "25"],  # other person
        ],
    )
    assert main(["validate", str(sheet)]) == 1
    said = " ".join(capsys.readouterr().out.split())
    assert "Row 3, column 'First Name': same recipient, address and card as row 2, written differently" in (
        said
    )
    assert "Row 4," in said
    assert "Row 6, column 'First Name': same recipient, address and card as row 5" in said
    assert "Row 8, column 'First Name': same Employee ID, name and card as row 7, at another address" in said
    # which of Tom's addresses is right is the person's to say: row 7 is not sent either (newcomer4's F2)
    assert "Row 7, column 'Address': the same person and card as row 8, at another address" in said
    assert "9 rows: 4 valid, 1 invalid, 4 duplicate" in said
    assert "1 Second card for one person (warning)" in said

    code = main(["run", str(sheet), "--yes", "--wait", "0"])
    assert code == 3, capsys.readouterr().err  # rows the user should look at: the duplicates
    assert cards_by_name(isolated_data_dir) == Counter(
        {"maria lopez": 1, "liam o'brien": 1, "tom ng": 1, "ann ng": 1}  # Tom's second gift was a warning
    )
    # the Allow Duplicate column sends one on purpose; the others stay duplicates, never sent twice
    on_purpose = [[*row, "yes" if i == 2 else ""] for i, row in enumerate(csv.reader(sheet.open())) if i]
    write(sheet, on_purpose, [*HEADER, "Allow Duplicate"])
    assert main(["run", str(sheet), "--yes", "--wait", "0"]) == 3
    assert cards_by_name(isolated_data_dir)["maria lopez"] == 2
    assert cards_by_name(isolated_data_dir)["liam o'brien"] == 1


def test_a_name_written_last_first_with_a_title_or_a_middle_initial_is_one_person(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a newcomer: "Lopez, Maria" in a single Name column, "Ms. Maria Lopez", "Maria J. Lopez",
    "María López" and "12 Beacon Street, Boston" were each another card to one person at one address."""
    header = ["Name", "Address", "Address 2", "City", "State", "Zip", "Card", "Value"]
    sheet = write(
        tmp_path / "staff.csv",
        [
            ["Maria Lopez", "12 Beacon Street", "", "Boston", "MA", "02108", "CVS", "25"],  # row 2
            ["Lopez, Maria", "12 Beacon Street", "", "Boston", "MA", "02108", "CVS", "25"],
            ["Ms. Maria Lopez", "12 Beacon St", "Apt 3", "Boston", "MA", "02108", "CVS", "25"],
            ["Maria J. Lopez", "12 Beacon Street, Boston", "", "Boston", "MA", "02108", "CVS", "25"],
            ["Maria Lopez Jr.", "12 Beacon Street", "", "Boston", "MA", "02108", "CVS", "25"],  # her daughter
            ["María López", "12 Beacon Street", "", "Boston", "MA", "02108", "CVS", "25"],  # another system
        ],
        header,
    )
    assert main(["validate", str(sheet)]) == 1
    said = " ".join(capsys.readouterr().out.split())
    # the row naming the flat (Apt 3) is the one kept (newcomer22's N5; test_lookalikes_unit_kept.py)
    for row in (2, 3, 5, 7):
        assert f"Row {row}, column 'Name': same recipient, address and card as row 4" in said
    assert "6 rows: 2 valid, 0 invalid, 4 duplicate" in said
    assert main(["run", str(sheet), "--yes", "--wait", "0"]) == 3
    # one card to her, as row 4 writes her, at Apt 3
    assert cards_by_name(isolated_data_dir) == Counter({"ms. maria lopez": 1, "maria lopez jr.": 1})


def test_namesakes_on_two_floors_of_one_office_are_two_people(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a reviewer: with the floor left out of the comparison, John Smith on floor 3 and John A. Smith
    on floor 12 were one person, and the second got no card. A unit written on one row only is still one
    place ("with or without Apt 3")."""
    header = ["Employee ID", "Name", "Address", "Address 2", "City", "State", "Zip", "Card", "Value"]
    sheet = write(
        tmp_path / "office.csv",
        [
            ["E1001", "John Smith", "100 Main Street", "Floor 3", "Boston", "MA", "02108", "CVS", "25"],
            ["E2044", "John A. Smith", "100 Main Street", "Floor 12", "Boston", "MA", "02108", "CVS", "25"],
            ["E3001", "Ann Lee", "7 Elm St", "Apt 3", "Boston", "MA", "02108", "CVS", "25"],
            ["E3002", "Ann Lee", "7 Elm Street", "", "Boston", "MA", "02108", "CVS", "25"],  # row 5
        ],
        header,
    )
    assert main(["validate", str(sheet)]) == 1
    said = " ".join(capsys.readouterr().out.split())
    assert "4 rows: 3 valid, 0 invalid, 1 duplicate" in said
    assert "Row 5, column 'Name': same recipient, address and card as row 4" in said


@pytest.mark.parametrize("unit_header", ["Unit", "Apt", "Address 2"])
def test_namesakes_in_two_flats_written_without_the_unit_s_word_are_two_people(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str], unit_header: str
) -> None:
    """Found by hunter-falsealarm6, left for hunter-sheets21: a landlord's list of tenants, two Ann Lees at
    500 Main St, 'Unit' = 1A and 2B (or an 'Apt' column of 101 and 202): the units, written without 'Apt',
    were read as none, the second Ann Lee left out as 'same recipient, address and card as row 2, written
    differently' (exit 1; run: exit 3, no card), where 'Apt 1A' and 'Apt 2B' send both. A unit written
    bare is compared as one written with its word; the same flat twice, or with the unit on one row only,
    is still one person."""
    header = ["Name", "Address", unit_header, "City", "State", "ZIP", "Gift Card", "Amount"]
    sheet = write(
        tmp_path / "tenants.csv",
        [
            ["Ann Lee", "500 Main St", "1A", "Columbus", "OH", "43215", "CVS", "25"],
            ["Ann Lee", "500 Main St", "2B", "Columbus", "OH", "43215", "CVS", "25"],  # another tenant
            ["Bob Ray", "500 Main St", "101", "Columbus", "OH", "43215", "CVS", "25"],
            ["Bob Ray", "500 Main St", "202", "Columbus", "OH", "43215", "CVS", "25"],  # another tenant
            ["Cy Orr", "500 Main St", "3-C", "Columbus", "OH", "43215", "CVS", "25"],
            ["Cy Orr", "500 Main St", "Apt 3C", "Columbus", "OH", "43215", "CVS", "25"],  # row 7: one flat
            ["Di Fox", "500 Main St", "4D", "Columbus", "OH", "43215", "CVS", "25"],
            ["Di Fox", "500 Main St", "", "Columbus", "OH", "43215", "CVS", "25"],  # row 9: no unit
        ],
        header,
    )
    assert main(["validate", str(sheet)]) == 1
    said = " ".join(capsys.readouterr().out.split())
    assert "8 rows: 6 valid, 0 invalid, 2 duplicate" in said
    assert "Row 7, column 'Name': same recipient, address and card as row 6" in said
    assert "Row 9, column 'Name': same recipient, address and card as row 8" in said
    assert main(["run", str(sheet), "--yes", "--wait", "0"]) == 3
    assert cards_by_name(isolated_data_dir) == Counter({"ann lee": 2, "bob ray": 2, "cy orr": 1, "di fox": 1})


def test_one_person_and_address_twice_with_another_value_is_a_warning_without_employee_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A list copied and its amount edited on one row: Maria got CVS 25 and CVS 50 without a word (a newcomer
    found it); with Employee IDs the same was already a warning."""
    sheet = write(
        tmp_path / "staff.csv",
        [
            ["", "Maria", "Lopez", "12 Beacon Street", "Boston", "MA", "02108", "CVS", "25"],  # row 2
            ["", "Ann", "Ng", "12 Beacon Street", "Boston", "MA", "02108", "CVS", "25"],  # another person
            ["", "MARIA", "LOPEZ", "12 Beacon St.", "Boston", "MA", "02108", "CVS", "50"],  # row 4: warned
            [
                "",
                "Maria",
                "Lopez",
                "12 Beacon St Apt 9",
                "Boston",
                "MA",
                "02108",
                "TARGET",
                "25",
            ],  # row 5: warned
        ],
    )
    assert main(["validate", str(sheet), "--json"]) == 0  # warnings: still sendable, both cards may be meant
    data = json.loads(capsys.readouterr().out)
    warned: dict[int, list[str]] = {}
    for p in data["problems"]:
        if p["severity"] == "warning":
            warned.setdefault(p["row"], []).append(p["message"])
    assert sorted(warned) == [4, 5], data["problems"]
    said = " ".join(warned[4])
    assert "Row 4, column 'Name': the same recipient and address are on row 2 with another card" in said
    # ... and `run` holds rows 4 and 5, a second card each (the lead's leftover 4.1 of session 49)
    assert [r["row"] for r in data["repeats"]] == [4, 5], data["repeats"]


def test_a_row_edited_into_a_person_already_ordered_is_the_duplicate_never_the_ordered_row(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer6: a row above an ordered one was edited into the same person (another quantity).
    The ORDERED row read "duplicate of row 2 — not ordered", its card "ordered earlier; no longer in the
    file", and the edited row was held: a second card one flag (--allow-repeat) away. The row already
    ordered stays the ordered one; the edited row is its duplicate."""
    import openpyxl

    header = [*HEADER, "Quantity"]
    ann = ["E-1", "Ann", "Lee", "1 Elm St", "Boston", "MA", "02108", "CVS", "25", "1"]
    jack = ["E-2", "Jack", "Wu", "10 Ash Place", "Dallas", "TX", "75201", "CVS", "25", "2"]
    sheet = write(tmp_path / "staff.csv", [ann, jack], header)
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    edited = ["", "Jack", "Wu", "10 Ash Pl", "Dallas", "TX", "75201", "CVS", "25", "1"]  # was Ann's row
    write(sheet, [edited, jack], header)
    capsys.readouterr()

    code = main(["run", str(sheet), "--yes", "--wait", "0", "--out", str(tmp_path / "out")])

    err = capsys.readouterr().err
    assert code == 3, err
    assert cards_by_name(isolated_data_dir) == Counter({"ann lee": 1, "jack wu": 1})
    results = openpyxl.load_workbook(tmp_path / "out" / "staff-results.xlsx")["Results"]
    header_row = [c.value for c in results[1]]
    at = header_row.index("Row")
    shown = {r[at]: (r[at + 1], r[at + 2]) for r in results.iter_rows(min_row=2, values_only=True)}
    assert shown[3][0] in ("ordered", "pending", "complete"), shown  # Jack's row as it was ordered
    assert shown[2][0] == "duplicate" and "as row 3" in str(shown[2][1]), shown
    gone = [r for r, (_, problem) in shown.items() if "no longer in the file" in str(problem)]
    assert [shown[r][1] for r in gone if "Jack" in str(shown[r])] == []  # no phantom card of Jack's


def test_a_form_resubmitted_with_the_street_corrected_is_one_card_by_its_email(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer6: a Google Form answered twice (same name, email and card, the street number
    corrected) sent two cards: the rule for one Employee ID at two addresses did not look at the email,
    which is what form, marketing and CRM exports carry."""
    header = ["Timestamp", "Email Address", "Name", "Street", "City", "State", "ZIP", "Product", "Amount"]
    rows = [
        [
            "12/1/2026 9:00",
            "ann@example.com",
            "Ann Form",
            "12 Main St Apt 4",
            "Boston",
            "MA",
            "02108",
            "CVS",
            "25",
        ],
        ["12/1/2026 9:05", "bo@example.com", "Bo Other", "3 Elm St", "Boston", "MA", "02108", "CVS", "25"],
        [
            "12/1/2026 9:30",
            "Ann@Example.com",
            "Ann Form",
            "14 Main St Apt 4",
            "Boston",
            "MA",
            "02108",
            "CVS",
            "25",
        ],
        ["12/1/2026 9:40", "cy@example.com", "Ann Form", "99 Oak St", "Boston", "MA", "02108", "CVS", "25"],
    ]  # the last: another person of the same name (another email) is not held
    sheet = write(tmp_path / "form.csv", rows, header)

    assert main(["validate", str(sheet)]) == 1
    said = " ".join(capsys.readouterr().out.split())
    assert "Row 4, column 'Name': same Email Address, name and card as row 2, at another address" in said
    assert main(["run", str(sheet), "--yes", "--wait", "0"]) == 3
    # neither of Ann's addresses is sent until one is kept (newcomer4's F2: the old street went, nobody
    # asked); the other Ann Form (cy@) is another person
    assert cards_by_name(isolated_data_dir) == Counter({"ann form": 1, "bo other": 1})
    err = " ".join(capsys.readouterr().err.split())
    assert "Row 2, column 'Street': the same person and card as row 4, at another address" in err, err


def test_one_email_under_a_short_and_a_full_name_is_one_card(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer8 (F14): "Bob Jones" on one export and "Robert Jones" on another, with one email and
    card, were two cards, at the same address and at a new one. A household's email under two people's
    names ("John" and "Jane Smith") still sends each a card."""
    header = ["Email", "Name", "Street", "City", "State", "ZIP", "Product", "Amount"]
    rows = [
        ["bob@example.com", "Bob Jones", "3 Oak St", "Salem", "MA", "01970", "CVS", "25"],
        ["bob@example.com", "Robert Jones", "3 Oak St", "Salem", "MA", "01970", "CVS", "25"],
        ["kate@example.com", "Kate Lee", "4 Oak St", "Salem", "MA", "01970", "CVS", "25"],
        ["kate@example.com", "Katherine Lee", "9 Elm St", "Lynn", "MA", "01902", "CVS", "25"],
        ["smiths@example.com", "John Smith", "5 Oak St", "Salem", "MA", "01970", "CVS", "25"],
        ["smiths@example.com", "Jane Smith", "5 Oak St", "Salem", "MA", "01970", "CVS", "25"],
    ]
    sheet = write(tmp_path / "emails.csv", rows, header)
    assert main(["validate", str(sheet), "--json"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    duplicates = {p["row"]: p["message"] for p in problems if "will not be sent twice" in p["message"]}
    assert sorted(duplicates) == [3, 5], duplicates
    assert "as row 2" in duplicates[3] and "as row 4" in duplicates[5]
    assert main(["run", str(sheet), "--yes", "--wait", "0"]) == 3
    cards = cards_by_name(isolated_data_dir)
    # Kate's two addresses: neither is sent until one is kept (newcomer4's F2)
    assert cards == Counter({"bob jones": 1, "john smith": 1, "jane smith": 1})


def test_a_father_and_his_daughter_charlie_at_one_address_get_a_card_each(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review13: a short form of a man's and a woman's name was folded to the man's (Charlie =
    Charles, Andy = Andrew, Nicky = Nicholas; Teddy, Theodore's too, = Edward), so Charles Smith's daughter
    Charlie at his address was a duplicate and got no card."""
    header = ["Name", "Street", "City", "State", "ZIP", "Product", "Amount"]
    rows = [
        ["Charles Smith", "12 Oak St", "Boston", "MA", "02108", "CVS", "25"],
        ["Charlie Smith", "12 Oak St", "Boston", "MA", "02108", "CVS", "25"],
        ["Andrew Brown", "5 Elm St", "Boston", "MA", "02108", "CVS", "25"],
        ["Andy Brown", "5 Elm St", "Boston", "MA", "02108", "CVS", "25"],
        ["Nicholas Green", "7 Pine Rd", "Boston", "MA", "02108", "CVS", "25"],
        ["Nicky Green", "7 Pine Rd", "Boston", "MA", "02108", "CVS", "25"],
        ["Edward Ng", "9 Birch Ln", "Boston", "MA", "02108", "CVS", "25"],
        ["Teddy Ng", "9 Birch Ln", "Boston", "MA", "02108", "CVS", "25"],
    ]
    sheet = write(tmp_path / "family.csv", rows, header)
    main(["validate", str(sheet), "--json"])
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert not [p for p in problems if "will not be sent twice" in p["message"]], problems
    assert main(["run", str(sheet), "--yes", "--wait", "0"]) in (0, 3)
    assert sum(cards_by_name(isolated_data_dir).values()) == 8


ONE_ADDRESS = ["Name", "Address", "City", "State", "ZIP", "Product", "Value"]


def _warnings_by_row(sheet: Path, capsys: pytest.CaptureFixture[str]) -> dict[int, str]:
    """`bulkship validate --json` of ``sheet`` (nothing to fix in it): its warnings, by row."""
    assert main(["validate", str(sheet), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    return {p["row"]: p["message"] for p in data["problems"] if p["severity"] == "warning"}


def test_a_name_written_with_a_typo_at_the_same_address_and_card_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer6: "Jon Smith" and "John Smith" (a corrected list pasted under the first) at one
    address with one card were two cards without a word. Two people may share an address and a card, so it
    is a warning naming the other row, not a duplicate."""
    rows = [
        ["Jon Smith", "1 Main St", "Boston", "MA", "02134", "CVS", "25"],
        ["Katherine Lee", "2 Main St", "Boston", "MA", "02134", "CVS", "25"],
        ["John Smith", "1 Main Street", "Boston", "MA", "02134", "CVS", "25"],
        ["Kathrine Lee", "2 Main St", "Boston", "MA", "02134", "CVS", "25"],
        ["Jan Smith", "1 Main St", "Boston", "MA", "02134", "TARGET", "50"],  # another card: no warning
        ["Bob Ray", "1 Main St", "Boston", "MA", "02134", "CVS", "25"],  # another person
    ]
    warned = _warnings_by_row(write(tmp_path / "typos.csv", rows, ONE_ADDRESS), capsys)
    assert sorted(warned) == [4, 5]
    assert "same address and card are on row 2 under a name written almost alike" in warned[4]


def test_a_short_form_folding_leaves_alone_at_the_same_address_and_card_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer3: Chris / Christopher, Tony / Anthony, Gus / Gustavo at one street, ZIP and card
    were two cards without a word (folding leaves such short forms alone: a man's and a woman's name, or
    twins). Two people may share them, so each is the warning a typo gets, naming the other row."""
    rows = [
        ["Chris Carver", "10 Maple Street", "Boston", "MA", "02108", "CVS", "25"],
        ["Tony Soprano", "11 Maple Street", "Boston", "MA", "02108", "CVS", "25"],
        ["Gus Fring", "12 Maple Street", "Boston", "MA", "02108", "CVS", "25"],
        ["Christopher Carver", "10 Maple St", "Boston", "MA", "02108", "CVS", "25"],
        ["Anthony Soprano", "11 Maple St", "Boston", "MA", "02108", "CVS", "25"],
        ["Gustavo Fring", "12 Maple St", "Boston", "MA", "02108", "CVS", "25"],
        ["Christine Carver", "10 Maple St", "Boston", "MA", "02108", "TARGET", "50"],  # another card
    ]
    warned = _warnings_by_row(write(tmp_path / "short.csv", rows, ONE_ADDRESS), capsys)
    assert sorted(warned) == [5, 6, 7], warned
    assert "same address and card are on row 3 under a name written almost alike" in warned[6]


def test_validate_shows_the_row_edited_into_an_ordered_person_as_the_duplicate_as_run_does(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review9: `run` keeps the ordered row and holds the edit as its duplicate, but `validate` (and
    the web's Review) judged by row order: the ordered row read "duplicate — not ordered" and the edit
    valid, the opposite of what `run` then did."""
    header = [*HEADER, "Quantity"]
    ann = ["E-1", "Ann", "Lee", "1 Elm St", "Boston", "MA", "02108", "CVS", "25", "1"]
    jack = ["E-2", "Jack", "Wu", "10 Ash Place", "Dallas", "TX", "75201", "CVS", "25", "2"]
    sheet = write(tmp_path / "staff.csv", [ann, jack], header)
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    edited = ["", "Jack", "Wu", "10 Ash Pl", "Dallas", "TX", "75201", "CVS", "25", "1"]  # was Ann's row
    write(sheet, [edited, jack], header)
    capsys.readouterr()

    main(["validate", str(sheet), "--json", "--out", str(tmp_path / "out")])

    problems = json.loads(capsys.readouterr().out)["problems"]
    duplicates = [p["row"] for p in problems if p["severity"] == "error" and "as row" in p["message"]]
    assert duplicates == [2], problems


def test_a_duplicate_asking_another_number_of_cards_says_both_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer9: "1 card" then the same person and card with "3" was a duplicate whose message never
    named the 3: one card went out where the later row asked three."""
    header = ["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Quantity"]
    rows = [
        ["Qd Alpha", "1 Qd St", "Boston", "MA", "02134", "CVS", "25", "1"],
        ["Qd Alpha", "1 Qd St", "Boston", "MA", "02134", "CVS", "25", "3"],
        ["Qb Beta", "2 Qd St", "Boston", "MA", "02134", "CVS", "25", ""],
        ["Qb Beta", "2 Qd Street", "Boston", "MA", "02134", "CVS", "25", ""],
    ]
    sheet = write(tmp_path / "counts.csv", rows, header)
    assert main(["validate", str(sheet), "--json"]) == 1  # duplicates found
    said = {p["row"]: p["message"] for p in json.loads(capsys.readouterr().out)["problems"]}
    assert "(row 2 asks for 1 card(s), this row for 3: only row 2's 1 is ordered" in said[3]
    assert "asks for" not in said[5]  # the same count: nothing more to say


def test_a_payroll_name_with_a_short_form_last_and_the_legal_name_at_one_address_are_one_card(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    """Found by review14: 'TAYLOR BOB' (payroll: last name first, a surname that is a given name too) and
    'Robert Taylor' at the same address with the same card were two cards. Mary Ray and Mary Raymond at two
    addresses stay two people."""
    header = ["Name", "Address", "City", "State", "Zip", "Card", "Value"]
    rows = [
        ["TAYLOR BOB", "5 Elm St", "Boston", "MA", "02108", "CVS", "25"],
        ["Robert Taylor", "5 Elm Street", "Boston", "MA", "02108", "CVS", "25"],
        ["Mary Ray", "3 Oak St", "Salem", "MA", "01970", "CVS", "25"],
        ["Mary Raymond", "9 Elm St", "Salem", "MA", "01970", "CVS", "25"],
    ]
    sheet = write(tmp_path / "staff.csv", rows, header)
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    assert cards_by_name(isolated_data_dir) == Counter({"taylor bob": 1, "mary ray": 1, "mary raymond": 1})


def test_a_row_copied_with_its_street_type_written_is_one_card(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets: 'Maria Lopez, 12 Beacon' and the same row copied with the street completed,
    '12 Beacon Street' (same ZIP and card, no Employee ID): two cards. One street written with and without
    its type is one address; '5 Elm St' and '5 Elm Ave' are two streets: one name and card at two streets of
    one ZIP, neither sent until the right one is kept (the lead's fuzzing: both were ordered)."""
    sheet = write(
        tmp_path / "staff.csv",
        [
            ["", "Maria", "Lopez", "12 Beacon", "Boston", "MA", "02108", "CVS", "25"],  # row 2
            ["", "Maria", "Lopez", "12 Beacon Street", "Boston", "MA", "02108", "CVS", "25"],  # its copy
            ["", "Tom", "Ng", "5 Elm St", "Boston", "MA", "02108", "CVS", "25"],  # row 4
            ["", "Tom", "Ng", "5 Elm Ave", "Boston", "MA", "02108", "CVS", "25"],  # another street
        ],
    )
    assert main(["validate", str(sheet)]) == 1
    said = " ".join(capsys.readouterr().out.split())
    assert "Row 3, column 'First Name': same recipient, address and card as row 2, written differently" in (
        said
    )
    assert "Row 5, column 'First Name': same name and card as row 4, at another street of the same" in said
    assert "4 rows: 1 valid, 1 invalid, 2 duplicate" in said
    assert main(["run", str(sheet), "--yes", "--wait", "0"]) == 3
    assert cards_by_name(isolated_data_dir) == Counter({"maria lopez": 1})


@pytest.mark.parametrize("placeholder", ["TBD", "N/A", "NEW", "0", "-"])
def test_new_hires_with_no_employee_id_yet_each_get_their_card(
    tmp_path: Path, isolated_data_dir: Path, placeholder: str
) -> None:
    """Found by hunter-sheets: new hires' Employee ID 'TBD' (or N/A, NEW, 0, -) named one person: Bob Lee and
    Ann Park, at other addresses, were duplicates of Ann Lee ('same Employee ID and card, under another
    name'), and next month's new hires were held as cards November had ordered. A placeholder identifies no
    one; Ann Lee on next month's list again is still held (same name and address)."""
    nov = write(
        tmp_path / "nov.csv",
        [
            ["E1", "Cy", "Orr", "1 Main St", "Boston", "MA", "02134", "CVS", "25"],
            [placeholder, "Ann", "Lee", "5 Main St", "Boston", "MA", "02134", "CVS", "25"],
            [placeholder, "Bob", "Lee", "6 Main St", "Salem", "MA", "01970", "CVS", "25"],
        ],
    )
    assert main(["run", str(nov), "--yes", "--wait", "0"]) == 0
    dec = write(
        tmp_path / "dec.csv",
        [
            [placeholder, "Ann", "Park", "7 Elm St", "Salem", "MA", "01970", "CVS", "25"],
            ["E9", "Dee", "Fox", "8 Elm St", "Salem", "MA", "01970", "CVS", "25"],
            [placeholder, "Eve", "Lee", "9 Elm St", "Salem", "MA", "01970", "CVS", "25"],
            [placeholder, "Ann", "Lee", "5 Main St", "Boston", "MA", "02134", "CVS", "25"],  # held
        ],
    )
    # Ann Lee held with her very card (November's): nothing to do, exit 0 since 33002fd4
    assert main(["run", str(dec), "--yes", "--wait", "0"]) == 0
    assert cards_by_name(isolated_data_dir) == Counter(
        {"cy orr": 1, "ann lee": 1, "bob lee": 1, "ann park": 1, "dee fox": 1, "eve lee": 1}
    )
    # nor is the placeholder the lines' ExternalId at the vendor: several lines shared it, one row's status
    # or tracking number could be read for another's
    sandbox = Sandbox(SandboxConfig(state_file=isolated_data_dir / "sandbox.sqlite", clock_speed=0))
    ids = [li["ExternalId"] for order in sandbox.orders() for li in order["LineItems"]]
    sandbox.close()
    assert len(set(ids)) == len(ids) == 6 and placeholder.strip() not in ids, ids


def test_a_name_written_with_its_initial_at_the_same_address_and_card_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets: 'M. Lopez' pasted under 'Maria Lopez' at one address and card: two cards, not a
    word. It may be her husband Mike: a warning naming the other row, both rows still valid."""
    header = ["Name", "Address", "City", "State", "ZIP", "Product", "Value"]
    rows = [
        ["Maria Lopez", "12 Beacon St", "Boston", "MA", "02108", "CVS", "25"],
        ["M. Lopez", "12 Beacon St", "Boston", "MA", "02108", "CVS", "25"],
        ["T. Lopez", "12 Beacon St", "Boston", "MA", "02108", "CVS", "25"],  # another initial: no warning
    ]
    sheet = write(tmp_path / "initials.csv", rows, header)
    assert main(["validate", str(sheet), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    warned = {p["row"]: p["message"] for p in data["problems"] if p["severity"] == "warning"}
    assert sorted(warned) == [3] and data["valid"] == 3
    assert "same address and card are on row 2 under a name written almost alike" in warned[3]


def test_one_person_in_two_lists_one_below_the_other_with_another_amount_is_held(tmp_path: Path) -> None:
    """Found by hunter-sheets4: a list pasted below its older copy (the header repeated between them), Ann's
    amount edited from 25 to 50 in the new one: Ann got both cards (25 and 50), said as a warning ('two gifts
    may be meant'). Across a repeated header it is an error on both rows: which one is meant? Bob, the same
    in both, is a duplicate as before; 'Allow Duplicate' = yes on the lower row sends both; two gifts to one
    person within one list stay a warning."""
    path = tmp_path / "twice.csv"
    header = "Name,Address,City,State,ZIP,Product,Value,Allow Duplicate\n"
    path.write_text(
        header + "Ann Lee,12 Beacon St,Boston,MA,02108,CVS,25,\nBob Ray,9 Elm St,Boston,MA,02108,CVS,50,\n"
        "Cy Ng,3 Oak St,Salem,MA,01970,CVS,25,\nCy Ng,3 Oak St,Salem,MA,01970,CVS,50,\n"
        + header
        + "Ann Lee,12 Beacon St.,Boston,MA,02108,CVS,50,\nBob Ray,9 Elm St,Boston,MA,02108,CVS,50,\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    status = dict(zip(result.rows.index, result.rows["status"], strict=True))
    assert status == {
        2: "invalid",
        3: "valid",
        4: "valid",
        5: "valid",
        6: "skipped",
        7: "invalid",
        8: "duplicate",
    }
    errors = {p.row: p.message for p in result.problems if p.kind == "One person in two lists"}
    assert errors[7] == (
        "Row 7, column 'Name': 'Ann Lee' is on row 2 too, across the header repeated on row 6 (two lists one "
        "below the other), with another card or value: which one is meant? Delete the other row (for two "
        "cards on purpose, write yes in an 'Allow Duplicate' column on the lower one)."
    )
    assert errors[2].startswith("Row 2, column 'Name': 'Ann Lee' is on row 7 too, across the header")
    assert any(p.row == 5 and p.severity == "warning" for p in result.problems)  # one list: a warning
    path.write_text(path.read_text().replace("CVS,50,\nBob", "CVS,50,yes\nBob"))
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["status"].tolist() == [
        "valid",
        "valid",
        "valid",
        "valid",
        "skipped",
        "valid",
        "duplicate",
    ]


def test_one_name_and_card_at_two_streets_of_one_zip_sends_neither_until_one_is_kept(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by the lead's fuzzing: a list with no Employee ID or email, one name and card at two streets of
    one ZIP (a form answered again with the street corrected, a row copied and its street edited) ordered
    both cards. Neither is sent until the right address is kept, as for one Employee ID; namesakes in
    another ZIP, on another floor of one street, or with other middle names still get a card each; a yes in
    'Allow Duplicate' sends both."""
    header = ["Name", "Street", "Apt", "City", "State", "ZIP", "Product", "Amount"]
    rows = [
        ["Omar Haddad", "9 Elm Rd", "", "Portland", "ME", "04101", "TARGET", "25"],
        ["Lena Brown", "1 Infinite Loop", "Apt 1", "Cambridge", "MA", "02139", "CVS", "25"],
        ["Omar Haddad", "16 Oak St", "", "Portland", "ME", "04101", "TARGET", "25"],  # row 4: moved
        ["Omar Haddad", "5 Pine St", "", "Boston", "MA", "02108", "TARGET", "25"],  # another ZIP
        ["Lena Brown", "1 Infinite Loop", "Apt 2", "Cambridge", "MA", "02139", "CVS", "25"],  # another floor
        ["Mary Ann Smith", "3 Main St", "", "Salem", "MA", "01970", "CVS", "25"],
        ["Mary Beth Smith", "8 Main St", "", "Salem", "MA", "01970", "CVS", "25"],
    ]
    sheet = write(tmp_path / "list.csv", rows, header)

    assert main(["run", str(sheet), "--yes", "--wait", "0"]) == 3
    assert cards_by_name(isolated_data_dir) == Counter(
        {"omar haddad": 1, "lena brown": 2, "mary ann smith": 1, "mary beth smith": 1}
    )
    said = " ".join(capsys.readouterr().err.split())
    assert (
        "Row 4, column 'Name': same name and card as row 2, at another street of the same ZIP (one person's "
        "old and corrected address, or two people who share a name); it will not be sent twice." in said
    ), said
    assert (
        "Row 2, column 'Street': the same name and card as row 4, at another street of the same ZIP: which "
        "one is right is yours to say, so neither row is sent." in said
    )
    assert "If they are two people who share a name, put yes in the 'Allow Duplicate' column of row 4" in said

    two_people = write(
        tmp_path / "two.csv",
        [[*row, "yes" if n == 2 else ""] for n, row in enumerate(rows)],
        [*header, "Allow Duplicate"],
    )
    assert main(["run", str(two_people), "--batch", "list", "--yes", "--wait", "0"]) == 0
    assert cards_by_name(isolated_data_dir)["omar haddad"] == 3


def test_two_people_of_one_name_at_one_address_told_apart_by_their_ids_and_a_note_get_a_card_each(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-falsealarm3 (L6; the lead decided): a father and son without 'Jr.' (Robert Jones, E2
    and E3, 'Notes' = 'father of E2') at one address were read as one person written differently, the son
    not sent. IDs of one kind and another cell differing (a note, an email) tell two people apart: both are
    sent, a warning on the second. Rows alike in every other cell under two IDs, or under IDs of two kinds
    (one person in two systems), stay one card."""
    header = [*HEADER, "Email", "Notes"]
    rows = [
        ["E2", "Robert", "Jones", "5 Pine Rd", "Austin", "TX", "78701", "CVS", "25", "", ""],  # row 2
        ["E3", "Robert", "Jones", "5 Pine Rd", "Austin", "TX", "78701", "CVS", "25", "", "father of E2"],
        ["E4", "Ann", "Lee", "1 Main St", "Austin", "TX", "78701", "CVS", "25", "", ""],  # row 4
        ["E5", "Ann", "Lee", "1 Main St", "Austin", "TX", "78701", "CVS", "25", "", ""],  # ID alone differs
        ["E6", "Kim", "Park", "2 Main St", "Austin", "TX", "78701", "CVS", "25", "kim@a.test", ""],  # row 6
        ["E7", "Kim", "Park", "2 Main St", "Austin", "TX", "78701", "CVS", "25", "kpark@b.test", ""],
        ["E8", "Bo", "Wu", "3 Main St", "Austin", "TX", "78701", "CVS", "25", "", ""],  # row 8
        ["100234", "Bo", "Wu", "3 Main St", "Austin", "TX", "78701", "CVS", "25", "", "from Workday"],
    ]
    sheet = write(tmp_path / "staff.csv", rows, header)
    assert main(["validate", str(sheet), "--json"]) == 1
    problems = {p["row"]: p["message"] for p in json.loads(capsys.readouterr().out)["problems"]}
    assert problems[3] == (
        "Row 3, column 'First Name': the same name and address are on row 2 under another Employee ID "
        "('E2'), and 'Notes' differs: read as two people who share a name (a parent and child?), both are "
        "sent. If it is one person, remove one row."
    )
    assert "Row 7, column 'First Name': the same name and address are on row 6" in problems[7]
    assert "written differently, under another Employee ID: one person, it seems" in problems[5]
    assert "will not be sent twice" in problems[9]
    assert sorted(problems) == [3, 5, 7, 9]
    assert main(["run", str(sheet), "--yes", "--wait", "0"]) in (0, 3)
    assert cards_by_name(isolated_data_dir) == Counter(
        {"robert jones": 2, "ann lee": 1, "kim park": 2, "bo wu": 1}
    )


@pytest.mark.parametrize("told_apart", ["", "Employee ID", "Email"])
def test_one_name_at_two_addresses_in_two_zips_is_warned_and_both_are_sent(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str], told_apart: str
) -> None:
    """Decided by hunter-vendor27 (review42's LO1, its 'also decide'): Ann Lee at 1 Old St, Boston and 'ANN
    LEE' at 9 New St, Cambridge, same card, no Employee ID or email: both sent, nothing said, where one
    person listed twice (moved) reads the same way. Namesakes in two ZIPs still get a card each (the
    README's rule); the second row is now warned, naming the first. An Employee ID or email of their own on
    each row tells them apart: no warning."""
    header = ["Name", "Address", "City", "State", "Zip", "Card", "Value"]
    rows = [
        ["Ann Lee", "1 Old St", "Boston", "MA", "02108", "CVS", "25"],
        ["Bo Ray", "2 Oak Ave", "Boston", "MA", "02108", "CVS", "25"],
        ["ANN  LEE", "9 New St", "Cambridge", "MA", "02139", "CVS", "25"],
        ["Cy Eng", "3 Elm St", "Worcester", "MA", "01602", "CVS", "25"],
        ["Cy Eng", "4 Elm St", "Worcester", "MA", "01602", "TARGET", "25"],  # another card: not this warning
    ]
    if told_apart:
        header.append(told_apart)
        rows = [[*row, f"e{i}@acme.com" if told_apart == "Email" else f"E{i}"] for i, row in enumerate(rows)]
    sheet = write(tmp_path / "holiday.csv", rows, header)
    assert main(["validate", str(sheet), "--out", str(tmp_path / "checked")]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "5 rows: 5 valid, 0 invalid" in said
    assert ("One person at two addresses?" in said) is not bool(told_apart), said
    book = openpyxl.load_workbook(tmp_path / "checked" / "holiday-validation.xlsx", read_only=True)
    shown = [" ".join(str(c) for c in row if c) for row in book["Validation"].iter_rows(values_only=True)]
    warned = [
        row for row in shown if "the same name and card are on row 2 at an address in another ZIP" in row
    ]
    assert [row.split()[0] for row in warned] == ([] if told_apart else ["4"]), shown
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    sent = Counter(" ".join(name.split()) for name in cards_by_name(isolated_data_dir).elements())
    assert sent == Counter({"ann lee": 2, "bo ray": 1, "cy eng": 2})
