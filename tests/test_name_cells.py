"""What a name cell holds that is no one's name: an email or web address, a number (found by hunter-sheets2,
each printed on the parcel as the recipient's name by a real run)."""

# ruff: noqa: E501  (exact user-facing messages and sample data read best unwrapped)

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def test_a_name_that_is_an_email_a_web_address_or_a_number_is_not_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Name column filled from the email column ('ann.lee@corp.com', 'Ann Lee <ann@corp.com>'), a profile
    link, an employee number or a phone: each went out as the name on the parcel. Names with digits that are
    names ('3M', 'X Æ A-12') and a name with the ID in brackets (read without it) are sent."""
    path = tmp_path / "names.csv"
    path.write_text(
        "Employee ID,Name,Address,City,State,Zip,Product,Amount\n"
        "E1,ann.lee@corp.com,1 Main St,Boston,MA,02108,CVS,25\n"
        "E2,Bob Ray <BOB@CORP.COM>,2 Main St,Boston,MA,02108,CVS,25\n"
        "E3,https://www.linkedin.com/in/cy,3 Main St,Boston,MA,02108,CVS,25\n"
        "E4,100234,4 Main St,Boston,MA,02108,CVS,25\n"
        "E5,(617) 555-1212,5 Main St,Boston,MA,02108,CVS,25\n"
        "E6,E-1001,6 Main St,Boston,MA,02108,CVS,25\n"
        "E7,3M,7 Main St,Boston,MA,02108,CVS,25\n"
        "E8,X Æ A-12,8 Main St,Boston,MA,02108,CVS,25\n"
        "E9,Ann Lee (E-1009),9 Main St,Boston,MA,02108,CVS,25\n"
    )
    code = main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    data = json.loads(capsys.readouterr().out)
    assert (code, data["valid"], data["invalid"]) == (1, 3, 6)
    errors = [(p["row"], p["message"]) for p in data["problems"] if p["severity"] == "error"]
    email = "holds an email or web address, which would be printed on the parcel as the recipient's name: write the person's name, or map the column that holds it (Columns page, or [columns] name = ...)."
    number = "is a number, not the recipient's name (a parcel addressed to it is lost): write the person's name, or map the column that holds it (Columns page, or [columns] name = ...)."
    assert errors == [
        (2, f"Row 2, column 'Name': 'ann.lee@corp.com' {email}"),
        (3, f"Row 3, column 'Name': 'Bob Ray <BOB@CORP.COM>' {email}"),
        (4, f"Row 4, column 'Name': 'https://www.linkedin.com/in/cy' {email}"),
        (5, f"Row 5, column 'Name': '100234' {number}"),
        (6, f"Row 6, column 'Name': '(617) 555-1212' {number}"),
        (7, f"Row 7, column 'Name': 'E-1001' {number}"),
    ]
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    lines = [
        li for order in embedded_sandbox_orders(resolve_settings().data_dir) for li in order["LineItems"]
    ]
    assert sorted(li["PhysicalDeliveryAddress"]["Name"] for li in lines) == ["3M", "Ann Lee", "X Æ A-12"]


def test_names_made_of_first_and_last_name_are_checked_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """First Name holding the email (a form's first field): the parcel read 'ann@corp.com Lee'."""
    path = tmp_path / "parts.csv"
    path.write_text(
        "First Name,Last Name,Address,City,State,Zip,Product,Amount\n"
        "ann@corp.com,Lee,1 Main St,Boston,MA,02108,CVS,25\n"
        "Bob,Ray,2 Main St,Boston,MA,02108,CVS,25\n"
    )
    code = main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    data = json.loads(capsys.readouterr().out)
    assert (code, data["valid"], data["invalid"]) == (1, 1, 1)
    assert [p["message"] for p in data["problems"]] == [
        "Row 2, column 'Name': 'ann@corp.com Lee' holds an email or web address, which would be printed on the parcel as the recipient's name: write the person's name, or map the column that holds it (Columns page, or [columns] name = ...)."
    ]


def test_a_name_cell_holding_two_people_is_not_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets4 (the last note's 'still sent as written'): a Name cell of two lines, 'Dee Fox'
    over 'Dee Smith' (a maiden and a married name, or two people), went on the parcel as 'Dee Fox Dee
    Smith'; 'Kim Ng; Sam Ng' too. Which person gets the card is the person's to say: an error. A name over
    a job title or a company ('VP Marketing', 'c/o Acme Corp'), a first and a last name on two lines, a
    nickname in brackets, and First/Last Name cells are sent as before."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "Zip", "Product", "Amount"])
    names = ["Dee Fox\nDee Smith", "Kim Ng; Sam Ng", "Ann Lee\nVP Marketing", "Maria\nLopez",
             "Bo Li\nc/o Acme Corp", "Tom Ek\n(Tommy)", "Jo Wu / Jo Wu-Lin"]  # fmt: skip
    for i, name in enumerate(names, start=1):
        sheet.append([name, f"{i} Main St", "Boston", "MA", "02108", "CVS", 25])
    book.save(tmp_path / "two.xlsx")
    code = main(["validate", str(tmp_path / "two.xlsx"), "--json", "--out", str(tmp_path / "out")])
    data = json.loads(capsys.readouterr().out)
    assert (code, data["valid"], data["invalid"]) == (1, 4, 3)
    errors = [(p["row"], p["message"]) for p in data["problems"] if p["severity"] == "error"]
    assert errors == [
        (
            2,
            "Row 2, column 'Name': holds two names ('Dee Fox' and 'Dee Smith'), which would go on the parcel as one line: which one is meant? Keep only the recipient's name in this cell.",
        ),
        (
            3,
            "Row 3, column 'Name': holds two names ('Kim Ng' and 'Sam Ng'), which would go on the parcel as one line: which one is meant? Keep only the recipient's name in this cell.",
        ),
        (
            8,
            "Row 8, column 'Name': holds two names ('Jo Wu' and 'Jo Wu-Lin'), which would go on the parcel as one line: which one is meant? Keep only the recipient's name in this cell.",
        ),
    ]


_WHOLE = (
    "First Name,Last Name,Address,City,State,Zip,Product,Amount\n"
    "Ann Lee,Lee,1 Main St,Boston,MA,02108,CVS,25\n"
    "Bob,Bob Ray,2 Main St,Boston,MA,02108,CVS,25\n"
    "Cy Ng,NG,3 Main St,Boston,MA,02108,CVS,25\n"
    "Lee,Lee,4 Main St,Boston,MA,02108,CVS,25\n"
    "Di,Wu,5 Main St,Boston,MA,02108,CVS,25\n"
    "Ed Fox,Ray,6 Main St,Boston,MA,02108,CVS,25\n"
)


def _names_sent() -> list[str]:
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    return [li["PhysicalDeliveryAddress"]["Name"] for order in orders for li in order["LineItems"]]


def test_a_first_or_last_name_cell_holding_the_whole_name_is_not_printed_with_a_word_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The last note's decision (hunter-sheets4's tried fix): First Name 'Ann Lee' beside Last Name 'Lee'
    (an HR export's 'Worker' pasted into First Name) went on the parcel as 'Ann Lee Lee', 'Bob' | 'Bob Ray'
    as 'Bob Bob Ray'. The cell holding both is the name, said on the row; one word in both ('Lee' | 'Lee')
    and a middle name ('Ed Fox' | 'Ray') are names as written."""
    path = tmp_path / "whole.csv"
    path.write_text(_WHOLE)
    code = main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    data = json.loads(capsys.readouterr().out)
    assert (code, data["valid"]) == (0, 6)
    assert [p["message"] for p in data["problems"] if "whole name" in p["message"]] == [
        "Row 2, column 'First Name': 'Ann Lee' holds the whole name: sent as Ann Lee, not 'Ann Lee Lee'.",
        "Row 3, column 'Last Name': 'Bob Ray' holds the whole name: sent as Bob Ray, not 'Bob Bob Ray'.",
        "Row 4, column 'First Name': 'Cy Ng' holds the whole name: sent as Cy Ng, not 'Cy Ng NG'.",
    ]
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    assert _names_sent() == ["Ann Lee", "Bob Ray", "Cy Ng", "Lee Lee", "Di Wu", "Ed Fox Ray"]


def test_a_batch_sent_with_the_name_written_twice_is_not_sent_again_after_the_upgrade(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cost hunter-sheets4 saw: sending 'Ann Lee' instead of 'Ann Lee Lee' changed the rows'
    fingerprints, so a batch sent before held its own rows as edits and counted them 'no longer in the
    file'. The fingerprint still reads the cells joined: the batch, sent as the old version did (its names
    'Ann Lee Lee'...), re-run from the First/Last file sends nothing, holds nothing, and counts 6 rows."""
    sent_before = tmp_path / "sent.csv"
    sent_before.write_text(
        "Name,Address,City,State,Zip,Product,Amount\n"
        + "".join(
            f"{name},{i} Main St,Boston,MA,02108,CVS,25\n"
            for i, name in enumerate(
                ["Ann Lee Lee", "Bob Bob Ray", "Cy Ng NG", "Lee Lee", "Di Wu", "Ed Fox Ray"], start=1
            )
        )
    )
    out = ["--yes", "--wait", "0", "--batch", "gifts", "--out", str(tmp_path / "out")]
    assert main(["run", str(sent_before), *out]) == 0
    path = tmp_path / "whole.csv"
    path.write_text(_WHOLE)
    capsys.readouterr()
    assert main(["run", str(path), *out]) == 0
    said = capsys.readouterr()
    assert "held" not in said.out + said.err and "no longer in the file" not in said.out + said.err
    assert _names_sent() == ["Ann Lee Lee", "Bob Bob Ray", "Cy Ng NG", "Lee Lee", "Di Wu", "Ed Fox Ray"]
    assert main(["status", "gifts", "--json"]) == 0
    (batch,) = json.loads(capsys.readouterr().out)["batches"]
    assert (batch["rows"], batch["by_status"], batch["money"]["charged"]["total"]) == (
        6,
        {"pending": 6},
        "150.00",
    )


_SUFFIXED = (
    "First Name,Last Name,Suffix,Address,City,State,Zip,Product,Amount\n"
    "Ann Lee,Lee,Jr.,1 Main St,Boston,MA,02108,CVS,25\n"
    "Bob,Bob Ray,Sr.,2 Main St,Boston,MA,02108,CVS,25\n"
    "Ed Fox Jr.,Fox,Jr.,3 Main St,Boston,MA,02108,CVS,25\n"
    "Cy,Ng,,4 Main St,Boston,MA,02108,CVS,25\n"
)


def test_a_whole_name_in_first_name_beside_a_suffix_column_is_sent_once_with_its_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-sheets5's leftover: First Name 'Ann Lee' beside Last Name 'Lee' and a Suffix 'Jr.' went on
    the parcel as 'Ann Lee Lee Jr.' (the suffix, added to the last name first, hid that 'Ann Lee' holds
    it). Now 'Ann Lee Jr.', said on the row."""
    path = tmp_path / "suffix.csv"
    path.write_text(_SUFFIXED)
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "v")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["message"] for p in data["problems"] if "whole name" in p["message"]] == [
        "Row 2, column 'First Name': 'Ann Lee' holds the whole name: sent as Ann Lee Jr., not 'Ann Lee Lee Jr.'.",
        "Row 3, column 'Last Name': 'Bob Ray' holds the whole name: sent as Bob Ray Sr., not 'Bob Bob Ray Sr.'.",
        "Row 4, column 'First Name': 'Ed Fox Jr.' holds the whole name: sent as Ed Fox Jr., not 'Ed Fox Jr. Fox Jr.'.",
    ]
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    assert _names_sent() == ["Ann Lee Jr.", "Bob Ray Sr.", "Ed Fox Jr.", "Cy Ng"]


def test_a_batch_sent_with_the_name_and_suffix_written_twice_is_not_sent_again_after_the_upgrade(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The batch sent as the old version did ('Ann Lee Lee Jr.') re-runs from the First/Last/Suffix file
    with nothing sent and nothing held: the fingerprint reads the cells joined, as before."""
    path = tmp_path / "suffix.csv"
    path.write_text(_SUFFIXED)
    sent_before = tmp_path / "sent.csv"
    sent_before.write_text(
        "Name,Address,City,State,Zip,Product,Amount\n"
        + "".join(
            f"{name},{i} Main St,Boston,MA,02108,CVS,25\n"
            for i, name in enumerate(
                ["Ann Lee Lee Jr.", "Bob Bob Ray Sr.", "Ed Fox Jr. Fox Jr.", "Cy Ng"], start=1
            )
        )
    )
    out = ["--yes", "--wait", "0", "--batch", "gifts", "--out", str(tmp_path / "out")]
    assert main(["run", str(sent_before), *out]) == 0
    capsys.readouterr()
    assert main(["run", str(path), *out]) == 0
    said = capsys.readouterr()
    assert "held" not in said.out + said.err and "no longer in the file" not in said.out + said.err
    assert len(_names_sent()) == 4
    assert main(["status", "gifts", "--json"]) == 0
    (batch,) = json.loads(capsys.readouterr().out)["batches"]
    assert (batch["rows"], batch["money"]["charged"]["total"]) == (4, "100.00")


def test_an_emoji_in_a_name_is_sent_as_written_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer30 in a Salesforce report ('Zoë 🌸 Okonkwo') and a Marketo export ('Fatima 🙂'): sent to
    the vendor as written, no word, where a card printer may print a box or '?' in its place (the lead: a
    warning, emoji and symbols only, not accented letters)."""
    path = tmp_path / "crm.csv"
    path.write_text(
        "First Name,Last Name,Address,City,State,ZIP,Product,Value\n"
        "Zoë 🌸,Okonkwo,1 Main St,Boston,MA,02134,CVS,25\n"
        "José,Müller,2 Main St,Boston,MA,02134,CVS,25\n"
        "Ann ★,Lee,3 Main St,Boston,MA,02134,CVS,25\n",
        encoding="utf-8",
    )
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 0
    data = json.loads(capsys.readouterr().out)
    said = [(p["row"], p["severity"], p["message"]) for p in data["problems"]]
    assert said == [
        (
            2,
            "warning",
            "Row 2, column 'Name': 'Zoë 🌸 Okonkwo' holds a symbol or emoji ('🌸') a card printer may not "
            "print: it is sent as written; take it out of the name if the parcel should not show it.",
        ),
        (
            4,
            "warning",
            "Row 4, column 'Name': 'Ann ★ Lee' holds a symbol or emoji ('★') a card printer may not "
            "print: it is sent as written; take it out of the name if the parcel should not show it.",
        ),
    ], said
