"""Two-row headers as people make them: a group cell over columns whose own header says little alone
('Card' merged over 'Type' | 'Amount'), written by real libraries (hunter-sheets29)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings


def sent() -> list[tuple[str, str, str, str]]:
    """(name, street, product, value) of every card the embedded sandbox holds."""
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    return sorted(
        (li["PhysicalDeliveryAddress"]["Name"], li["PhysicalDeliveryAddress"]["AddressLine1"],
         li["ProductId"], f"{float(li['Value']):.2f}")
        for order in orders for li in order["LineItems"]
    )  # fmt: skip


def test_a_card_group_over_type_and_amount_is_read_as_the_card_and_its_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets28, left for hunter-sheets29: 'Employee' over First | Last, 'Home' over the
    address and 'Card' merged over 'Type' | 'Amount' was refused whole, exit 2, "lacks required column(s):
    Product", though the row above said 'Type' was the card's. A header that names nothing alone is read
    with the group over it ('Card Type'), said once; a CSV keeps the group in its first column's cell."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Employee", None, "Home", None, None, None, "Card", None])
    for cells in ("A1:B1", "C1:F1", "G1:H1"):
        sheet.merge_cells(cells)
    sheet.append(["First", "Last", "Address", "City", "State", "Zip", "Type", "Amount"])
    sheet.append(["Ann", "Lee", "1 Main St", "Boston", "MA", "02134", "TARGET", 25])
    sheet.append(["Bob", "Ray", "2 Main St", "Boston", "MA", "02134", "CVS", 50])
    book.save(tmp_path / "grouped.xlsx")
    csv = tmp_path / "mailing.csv"
    csv.write_text(
        "Employee,,Home,,,,Card,\nFirst,Last,Address,City,State,Zip,Type,Amount\n"
        "Cy,Orr,3 Main St,Boston,MA,02134,TARGET,25\n"
    )
    assert main(["run", str(tmp_path / "grouped.xlsx"), "--yes", "--wait", "0"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "Column 'Type' (G) is read as 'Card Type' (the group 'Card' on the row above it)" in said, said
    assert main(["run", str(csv), "--yes", "--wait", "0"]) == 0
    assert sent() == [
        ("Ann Lee", "1 Main St", "TARGET", "25.00"),
        ("Bob Ray", "2 Main St", "CVS", "50.00"),
        ("Cy Orr", "3 Main St", "TARGET", "25.00"),
    ]


def test_a_title_over_the_list_or_a_card_column_of_its_own_leaves_a_type_column_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The group is read only where it stands over the column alone: a title 'Gift Card' merged over the
    whole list (over the names too) names no column, and beside a 'Product' column a 'Type' (Full-time)
    under 'Card' is left unused, the card read from 'Product' as before."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Gift Card"] + [None] * 7)
    sheet.merge_cells("A1:H1")
    sheet.append(["Name", "Address", "City", "State", "Zip", "Type", "Product", "Amount"])
    sheet.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "Full-time", "TARGET", 25])
    book.save(tmp_path / "titled.xlsx")
    assert main(["run", str(tmp_path / "titled.xlsx"), "--yes", "--wait", "0"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "is read as 'Gift Card Type'" not in said
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([None] * 5 + ["Card", None, None])
    sheet.merge_cells("F1:H1")
    sheet.append(["Name", "Address", "City", "State", "Zip", "Type", "Product", "Amount"])
    sheet.append(["Bob Ray", "2 Main St", "Boston", "MA", "02134", "Full-time", "CVS", 50])
    book.save(tmp_path / "beside.xlsx")
    assert main(["run", str(tmp_path / "beside.xlsx"), "--yes", "--wait", "0"]) == 0
    assert sent() == [("Ann Lee", "1 Main St", "TARGET", "25.00"), ("Bob Ray", "2 Main St", "CVS", "50.00")]


def _book(path: Path, groups: list[str | None], merged: list[str], head: list[str], rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(groups)
    for cells in merged:
        sheet.merge_cells(cells)
    sheet.append(head)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_card_or_gift_group_over_name_or_type_is_the_card(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-sheets29's leftover, fixed by hunter-sheets31: 'Card' merged over 'Name' | 'Amount' beside
    'Employee' over 'First' | 'Last' was refused, exit 2, "lacks required column(s): Product" ('Name' read
    as the person's); 'Gift' over 'Type' | 'Amount' likewise; 'Recipient' over 'Name' beside 'Card' over
    'Name' | 'Value' as "'Name' (A) and 'Name (2)' (F) both look like Name". Each is the card now, said."""
    card_name = _book(
        tmp_path / "card-name.xlsx",
        ["Employee", None, "Address", None, None, None, "Card", None],
        ["A1:B1", "C1:F1", "G1:H1"],
        ["First", "Last", "Street", "City", "State", "Zip", "Name", "Amount"],
        [["Ann", "Lee", "1 Main St", "Boston", "MA", "02134", "TARGET", 25]],
    )
    gift_type = _book(
        tmp_path / "gift-type.xlsx",
        ["Recipient", None, None, None, None, "Gift", None],
        ["A1:E1", "F1:G1"],
        ["Name", "Address", "City", "State", "Zip", "Type", "Amount"],
        [["Bob Ray", "2 Main St", "Boston", "MA", "02134", "CVS", 50]],
    )
    two_names = _book(
        tmp_path / "two-names.xlsx",
        ["Recipient", "Address", None, None, None, "Card", None],
        ["B1:E1", "F1:G1"],
        ["Name", "Street", "City", "State", "Zip", "Name", "Value"],
        [["Cy Orr", "3 Main St", "Boston", "MA", "02134", "STARBUCKS", 25]],
    )
    for path in (card_name, gift_type, two_names):
        assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "Column 'Name' (G) is read as the card (Product): the group 'Card' on the row above it" in said
    assert "Column 'Type' (F) is read as the card (Product): the group 'Gift' on the row above it" in said
    assert sent() == [
        ("Ann Lee", "1 Main St", "TARGET", "25.00"),
        ("Bob Ray", "2 Main St", "CVS", "50.00"),
        ("Cy Orr", "3 Main St", "STARBUCKS", "25.00"),
    ]


def test_a_manager_group_beside_the_employee_s_is_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Employee' over 'First' | 'Last' and 'Manager' over a second 'First' | 'Last' was refused, exit 2,
    "'First' (A) and 'First (2)' (C) both look like First Name". The manager's columns are another
    person's: not used, said; the card goes to the employee."""
    path = _book(
        tmp_path / "awards.xlsx",
        ["Employee", None, "Manager", None, "Address", None, None, None, "Card", None],
        ["A1:B1", "C1:D1", "E1:H1", "I1:J1"],
        ["First", "Last", "First", "Last", "Street", "City", "State", "Zip", "Type", "Amount"],
        [["Ann", "Lee", "Bob", "Ray", "1 Main St", "Boston", "MA", "02134", "TARGET", 25]],
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "Columns 'First (2)' (C), 'Last (2)' (D) are under 'Manager' on the row above the header" in said
    assert sent() == [("Ann Lee", "1 Main St", "TARGET", "25.00")]


def test_a_card_group_over_the_list_s_only_name_leaves_it_the_person_s(tmp_path: Path) -> None:
    """The other side: 'Card' over the list's only 'Name' (perhaps the name on the card, the person's) is
    the person's name, as before: beside 'Product' the card is read from it, and without it the list lacks
    the card, as before."""
    path = _book(
        tmp_path / "cards.xlsx",
        [None, None, None, None, None, "Card", None, None],
        ["F1:H1"],
        ["Address", "City", "State", "Zip", "Product", "Name", "Message", "Value"],
        [["1 Main St", "Boston", "MA", "02134", "CVS", "Ann Lee", "Thanks!", 25]],
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    assert sent() == [("Ann Lee", "1 Main St", "CVS", "25.00")]
    alone = _book(
        tmp_path / "no-product.xlsx",
        [None, None, None, None, "Card", None],
        ["E1:F1"],
        ["Address", "City", "State", "Zip", "Name", "Value"],
        [["2 Main St", "Boston", "MA", "02134", "Bob Ray", 25]],
    )
    assert main(["run", str(alone), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 2
    assert sent() == [("Ann Lee", "1 Main St", "CVS", "25.00")]
