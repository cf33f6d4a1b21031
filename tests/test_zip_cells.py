"""ZIP codes as spreadsheets keep them: ZIP+4 add-ons of zeros, the zero Excel eats inside a 'City, State
ZIP' cell (hunter-sheets29). Files written by real libraries; what is sent read from the embedded sandbox."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings


def sent_zips() -> list[tuple[str, str]]:
    """(name, ZIP) of every card the embedded sandbox holds."""
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    lines = [li["PhysicalDeliveryAddress"] for order in orders for li in order["LineItems"]]
    return sorted((a["Name"], a["Zip"]) for a in lines)


def test_a_zip_plus_4_of_zeros_is_sent_as_its_five_digits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets28, left for hunter-sheets29: a CRM export padding every ZIP to nine digits
    ('07102-0000', '071020000', or Excel's number 71020000 under the format 00000-0000) was sent as ZIP+4
    07102-0000: no USPS add-on is 0000 (it says none was known), an address a vendor or carrier may refuse.
    The five digits are sent, said on the row; a real add-on is kept."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value"])
    sheet.append(["Ann Lee", "1 Broad St", "Newark", "NJ", "07102-0000", "TARGET", 25])
    sheet.append(["Bob Ray", "2 Broad St", "Newark", "NJ", "071020000", "TARGET", 25])
    sheet.append(["Cy Orr", "3 Broad St", "Newark", "NJ", 71020000, "TARGET", 25])
    sheet.append(["Di Pan", "4 Broad St", "Newark", "NJ", "07102-1234", "TARGET", 25])
    sheet.append(["Ed Wu", "5 Elm St", "Austin", "TX", "78701 0000", "TARGET", 25])
    sheet.cell(4, 5).number_format = "00000-0000"
    book.save(tmp_path / "crm.xlsx")
    assert main(["validate", str(tmp_path / "crm.xlsx"), "--json", "--out", str(tmp_path / "out")]) == 0
    warned = {p["row"]: p["message"] for p in json.loads(capsys.readouterr().out)["problems"]}
    assert warned[2] == "Row 2, column 'ZIP': ZIP 07102-0000 written as 07102: an add-on of 0000 is no ZIP+4."
    assert main(["run", str(tmp_path / "crm.xlsx"), "--yes", "--wait", "0"]) == 0
    assert sent_zips() == [
        ("Ann Lee", "07102"), ("Bob Ray", "07102"), ("Cy Orr", "07102"), ("Di Pan", "07102-1234"),
        ("Ed Wu", "78701"),
    ]  # fmt: skip


def sent_addresses() -> list[tuple[str, str, str, str, str]]:
    """(name, street, city, state, ZIP) of every card the embedded sandbox holds."""
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    lines = [li["PhysicalDeliveryAddress"] for order in orders for li in order["LineItems"]]
    return sorted((a["Name"], a["AddressLine1"], a["City"], a["State"], a["Zip"]) for a in lines)


def test_a_zip_that_lost_its_zero_inside_a_city_state_zip_or_whole_address_cell_is_repaired_by_its_state(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets28, left for hunter-sheets29: a mail-merge list whose 'City, State ZIP' was made
    by a formula from a ZIP column Excel keeps as a number (=B2&", "&C2&" "&D2) reads 'Newark, NJ 7102':
    an error on its row ('cannot split for sure'), where a ZIP column's 7102 is repaired to 07102 as its
    state confirms. The cell's ZIP is repaired alike now, said on the row; one its state does not confirm
    ('Austin, TX 2134') is still an error; a whole address in one cell the same."""
    path = tmp_path / "merge.csv"
    path.write_text(
        'Name,Street,"City, State ZIP",Card,Amount\n'
        'Ann Lee,1 Broad St,"Newark, NJ 7102",TARGET,25\n'
        'Bob Ray,2 Main St,"Boston, MA 2134-1234",TARGET,25\n'
        'Cy Orr,3 Elm St,"Austin, TX 2134",TARGET,25\n'
        'Di Pan,4 Elm St,"Austin, TX 78701",TARGET,25\n'
    )
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 1
    said = {p["row"]: p["message"] for p in json.loads(capsys.readouterr().out)["problems"]}
    assert said[2] == (
        "Row 2, column 'City, State ZIP': ZIP 7102 repaired to 07102 (state NJ); Excel had dropped its "
        "leading zero. Format the column as Text to keep it."
    )
    assert said[4].startswith("Row 4, column 'City, State ZIP': '2134' is not a US ZIP code"), said[4]
    assert main(["run", str(path), "--yes", "--wait", "0"]) == 3
    whole = tmp_path / "forms.csv"
    whole.write_text(
        'Name,Mailing address,Card,Amount\nEd Wu,"5 Broad St, Newark, NJ 7102",TARGET,25\n'
        'Fay Li,"6 Main St, Boston, MA 02134",TARGET,25\n'
    )
    assert main(["run", str(whole), "--yes", "--wait", "0"]) == 0
    assert sent_addresses() == [
        ("Ann Lee", "1 Broad St", "Newark", "NJ", "07102"),
        ("Bob Ray", "2 Main St", "Boston", "MA", "02134-1234"),
        ("Di Pan", "4 Elm St", "Austin", "TX", "78701"),
        ("Ed Wu", "5 Broad St", "Newark", "NJ", "07102"),
        ("Fay Li", "6 Main St", "Boston", "MA", "02134"),
    ]


def test_a_five_digit_zip_under_excel_s_zip_plus_4_format_is_read_as_its_zip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets29: Excel's 'Zip Code + 4' format (00000-0000) put on a whole ZIP column shows
    its 5-digit ZIPs as '00000-2134' and '00007-8701': each such row was an error, "'00000-2134' is not a ZIP
    code in use", though no ZIP begins 0000 and the number is the ZIP. Read as the number now: 78701 sent,
    2134 repaired to 02134 where the state confirms it, as a ZIP column's 2134 is; 9-digit ones as before."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value"])
    sheet.append(["Ann Lee", "1 Main St", "Boston", "MA", 2134, "TARGET", 25])
    sheet.append(["Bob Ray", "2 Main St", "Boston", "MA", 21341234, "TARGET", 25])
    sheet.append(["Cy Orr", "3 Elm St", "Austin", "TX", 78701, "TARGET", 25])
    sheet.append(["Di Pan", "4 Elm St", "Austin", "TX", 2134, "TARGET", 25])
    for row in range(2, 6):
        sheet.cell(row, 5).number_format = "00000-0000"
    book.save(tmp_path / "zips.xlsx")
    assert main(["validate", str(tmp_path / "zips.xlsx"), "--json", "--out", str(tmp_path / "out")]) == 1
    said = {p["row"]: p["message"] for p in json.loads(capsys.readouterr().out)["problems"]}
    assert said[2] == (
        "Row 2, column 'ZIP': ZIP 00000-2134 repaired to 02134 (state MA); Excel had dropped its leading "
        "zero. Format the column as Text to keep it."
    )
    assert said[5].startswith("Row 5, column 'ZIP': '00000-2134' is not a US ZIP code"), said[5]
    assert main(["run", str(tmp_path / "zips.xlsx"), "--yes", "--wait", "0"]) == 3
    assert sent_zips() == [("Ann Lee", "02134"), ("Bob Ray", "02134-1234"), ("Cy Orr", "78701")]
