"""The card and its amount in one cell ('Gift' = 'Target $25'), as a hand-made list writes the gift, with no
column for the amount (hunter-sheets29's leftover, fixed by hunter-sheets31)."""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from starlette.testclient import TestClient
from support import embedded_sandbox_orders
from test_web import upload

from bulkship.cli import main
from bulkship.settings import resolve_settings
from bulkship.web import create_app

HEAD = ["Name", "Address", "City", "State", "ZIP", "Gift", "Notes"]
GIFTS = [
    ("Ann Lee", "Target $25"),
    ("Bob Ray", "$50 CVS"),
    ("Cy Orr", "$25 Target gift card"),
    ("Di Fox", "CVS - $50"),
    ("Ed Ng", "Visa $100"),
    ("Fay Wu", "2 x Target $25"),
    ("Gus Po", "Targett $25"),
    ("Hal Ty", "Starbucks"),
    ("Ivy Oh", None),
]


def sent() -> list[tuple[str, str, float]]:
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    lines = [li for order in orders for li in order["LineItems"]]
    return sorted(
        (li["PhysicalDeliveryAddress"]["Name"], li["ProductId"], float(li["Value"])) for li in lines
    )


def test_a_card_and_its_amount_in_one_cell_are_read_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Refused, exit 2: "lacks required column(s): Product, Value". Now each cell naming one card of the
    catalog and one amount is read as both, said once; a cell holding two numbers ('2 x Target $25': two
    cards?), a card the catalog lacks, no amount, or nothing is an error on its row, nothing guessed."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEAD)
    for number, (name, gift) in enumerate(GIFTS, start=1):
        sheet.append([name, f"{number} Main St", "Boston", "MA", "02134", gift, None])
    path = tmp_path / "gifts.xlsx"
    book.save(path)
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert (
        "Column 'Gift' (F) is read as Product and Value: its cells name the card and its amount "
        "('Target $25' as Target, 25)" in said
    )
    for row in (7, 8, 9):
        assert f"Row {row}, column 'Gift': holds the card and its amount, read apart on the other" in said
    assert "Row 10, column 'Gift': is empty; fill in the card and its amount" in said
    assert sent() == [
        ("Ann Lee", "TARGET", 25.0),
        ("Bob Ray", "CVS", 50.0),
        ("Cy Orr", "TARGET", 25.0),
        ("Di Fox", "CVS", 50.0),
        ("Ed Ng", "VISA-PREPAID", 100.0),
    ]


def test_a_card_column_without_amounts_still_lacks_the_value(tmp_path: Path) -> None:
    """The other side: a list naming the card alone and no amount anywhere is refused as before."""
    path = tmp_path / "gifts.csv"
    path.write_text("Name,Address,City,State,ZIP,Card\nAnn Lee,1 Main St,Boston,MA,02134,Target\n")
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 2
    assert sent() == []


def test_the_web_page_reads_the_card_and_its_amount_apart(tmp_path: Path) -> None:
    """The same list uploaded on the web page: its Columns page was 'missing Value'; now the review counts the
    rows read apart as valid and the one holding two numbers as not, as the command line does."""
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    path = tmp_path / "gifts.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Gift\n"
        "Ann Lee,1 Main St,Boston,MA,02134,Target $25\n"
        "Bob Ray,2 Main St,Boston,MA,02134,$50 CVS\n"
        "Fay Wu,3 Main St,Boston,MA,02134,2 x Target $25\n"
    )
    with TestClient(create_app(settings), follow_redirects=True) as client:
        columns = client.get(upload(client, path, name="gifts")).text
        assert "is read as Product and Value" in html.unescape(columns)
        review = client.get("/batches/gifts/review").text
    assert "<strong>2</strong> valid" in review and "<strong>1</strong> not valid" in review
