"""A support team's list as made in LibreOffice (newcomer20's N16, given to hunter-sheets30): 'Ship to' of
streets beside 'Name', and 'Gift' of the catalog's cards with one misspelt."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings

HEAD = "Name,Ship to,Apt,Town,ST,Postcode,Gift,$,Comment\n"
ROWS = (
    "Alice Nakamura,18 Oak Hill Rd,,Brookline,MA,2446,Starbucks,25,\n"
    "Ben Carter,902 Beacon St,Apt 5,Boston,MA,02215,Target,50,\n"
    "Chloe Ruiz,44 Linden Ave,,Malden,MA,2148,Targett,50,new hire\n"
    "Dev Patel,7 Harvard Sq,#12,Cambridge,MA,02138,Visa,75,\n"
    "Erin Walsh,61 Sea St,,Quincy,MA,02169,CVS,25,no longer on team - do not send\n"
)


def sent() -> list[tuple[str, str, str, str]]:
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    lines = [li for order in orders for li in order["LineItems"]]
    return sorted(
        (li["PhysicalDeliveryAddress"]["Name"], li["PhysicalDeliveryAddress"]["AddressLine1"],
         li["PhysicalDeliveryAddress"]["Zip"], li["ProductId"])
        for li in lines
    )  # fmt: skip


def test_a_ship_to_column_of_streets_is_the_street_and_a_gift_column_of_cards_the_card(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Name | Ship to | Apt | Town | ST | Postcode | Gift | $ | Comment' was refused, exit 2: "'Name' (A)
    and 'Ship to' (B) both look like Name" ('Ship to' names the person on a shop's order; its cells here are
    streets), and once past that, "lacks Product" with 'Gift' naming the catalog's cards on every row but
    one misspelt ('Targett'). Now 'Ship to' is the street and 'Gift' the card, each said; Chloe's 'Targett'
    is an error to fix, Erin left out by her Comment, the three others sent."""
    sheet = tmp_path / "support.csv"
    sheet.write_text(HEAD + ROWS)
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert "Column 'Ship to' (B) is read as the street (Address Line 1): its cells are streets" in said
    assert "Column 'Gift' (G) is read as Product: it names cards of the vendor catalog's on most rows" in said
    assert "Row 4, column 'Gift': 'Targett' is not a product in the vendor catalog" in said
    assert sent() == [
        ("Alice Nakamura", "18 Oak Hill Rd", "02446", "STARBUCKS"),
        ("Ben Carter", "902 Beacon St", "02215", "TARGET"),
        ("Dev Patel", "7 Harvard Sq", "02138", "VISA-PREPAID"),
    ]


def test_a_ship_to_column_of_names_beside_a_street_is_the_name(tmp_path: Path) -> None:
    """The other side: a shop's 'Ship To' of names beside its 'Address' is the recipient's name, as before
    (here the list's only name)."""
    sheet = tmp_path / "orders.csv"
    sheet.write_text(
        "Ship To,Address,City,State,ZIP,Product,Value\nAnn Lee,1 Main St,Boston,MA,02134,CVS,25\n"
    )
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    assert sent() == [("Ann Lee", "1 Main St", "02134", "CVS")]


def test_a_ship_to_column_of_streets_beside_the_street_is_an_error_where_it_differs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-sheets30's leftover, fixed by hunter-sheets31: 'Name | Address | Ship to | City ...' with
    'Ship to' a street on some rows was refused, exit 2, "'Name' (A) and 'Ship to' (C) both look like Name".
    'Ship to' is no name now; Ann's '5 Oak Ave' beside '1 Main St' is an error (which street? the city, state
    and ZIP are those of one), Bob's empty one and Cy's same street are sent to the list's street."""
    sheet = tmp_path / "awards.csv"
    sheet.write_text(
        "Name,Address,Ship to,City,State,ZIP,Product,Value\n"
        "Ann Lee,1 Main St,5 Oak Ave,Boston,MA,02134,CVS,25\n"
        "Bob Ray,2 Main St,,Boston,MA,02134,CVS,25\n"
        "Cy Orr,3 Main St,3 Main Street,Boston,MA,02134,TARGET,25\n"
    )
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert "Column 'Ship to' (C) holds streets, not names: not read as the name" in said
    assert (
        "Row 2, column 'Ship to': '5 Oak Ave' is another street than '1 Main St' in column 'Address'" in said
    )
    assert "looks like Shipping Method" not in said
    assert sent() == [("Bob Ray", "2 Main St", "02134", "CVS"), ("Cy Orr", "3 Main St", "02134", "TARGET")]
