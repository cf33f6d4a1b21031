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
