"""A column of card names under a header bulkship does not know as the Product's, read as the card when its
cells say it and refused naming the column to rename where they do not (newcomer16's N6, fixed by
hunter-sheets27)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings

PEOPLE = [
    ["Ann", "Adams", "100 Market St", "Seattle", "WA", "98101", "USA"],
    ["Ben", "Hill", "101 Market St", "Seattle", "WA", "98101", "USA"],
    ["Cy", "Orr", "102 Market St", "Seattle", "WA", "98101", "USA"],
    ["Di", "Fox", "103 Market St", "Seattle", "WA", "98101", "USA"],
]
HEADERS = ["First Name", "Last Name", "Mailing Street", "Mailing City", "Mailing State/Province"]
HEADERS += ["Mailing Zip/Postal Code", "Mailing Country"]


def crm_export(path: Path, cards: dict[str, list[str]]) -> Path:
    """A CRM's export as csv writes it: the people, each column of ``cards``, then 'Gift Value'."""
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow([*HEADERS, *cards, "Gift Value", "Campaign"])
        for i, person in enumerate(PEOPLE):
            writer.writerow([*person, *(column[i] for column in cards.values()), "$25.00", "Q4-DM"])
    return path


def sent_cards() -> list[tuple[str, Any]]:
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    lines = [li for order in orders for li in order["LineItems"]]
    return sorted((li["PhysicalDeliveryAddress"]["Name"], li["ProductId"]) for li in lines)


@pytest.mark.parametrize("header", ["Gift Brand", "Gift", "Gift Type", "Merchant", "Retailer", "Store"])
def test_a_column_naming_the_catalog_s_cards_under_a_header_of_its_own_is_read_as_the_product(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    """Found by newcomer16 (N6): a Salesforce export's 'Gift Brand' of Starbucks, Target, CVS and Visa on
    every row was refused, exit 2, "lacks required column(s): Product" ('Visa', the brand of the catalog's
    Visa Prepaid Card, was no card to the column's reading), and so were 'Merchant', 'Retailer' and 'Store'
    (headers naming the shop the card is for) whatever their cells. Each is read as the card now, said
    once."""
    path = crm_export(tmp_path / "crm.csv", {header: ["Starbucks", "Target", "CVS", "Visa"]})
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert f"Column '{header}' (H) is read as Product" in said, said
    assert sent_cards() == [
        ("Ann Adams", "STARBUCKS"),
        ("Ben Hill", "TARGET"),
        ("Cy Orr", "CVS"),
        ("Di Fox", "VISA-PREPAID"),
    ]


@pytest.mark.parametrize(
    ("cards", "told"),
    [
        (  # a card the vendor has none of: the column is not surely the card's, its rows would be errors
            {"Merchant": ["Starbucks", "Walgreens", "CVS", "Target"]},
            "column 'Merchant' (H) names cards of the vendor's catalog on most rows, and also 'Walgreens', "
            "which the catalog has no card for",
        ),
        (  # two columns of cards: which is the one sent?
            {"Gift": ["CVS", "CVS", "Target", "Target"], "Gift Brand": ["Target", "CVS", "CVS", "CVS"]},
            "columns 'Gift' (H) and 'Gift Brand' (I) each name only cards of the vendor's catalog: "
            "rename the one giving each row's card 'Product'",
        ),
        (  # a header naming no card: 'Employer' = Target may be where the person works
            {"Employer": ["Target", "CVS", "Target", "CVS"]},
            "column 'Employer' (H) names only cards of the vendor's catalog: if it gives each row's card, "
            "rename it 'Product'",
        ),
    ],
)
def test_a_list_whose_card_column_is_not_sure_is_refused_naming_the_column_to_rename(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cards: dict[str, list[str]], told: str
) -> None:
    """newcomer16's N6, the other side: where a column names cards but not for sure the card of each row,
    the list is still refused, exit 2, nothing sent; the refusal names the column to rename 'Product' (it
    said only "rename the headers, map them with [columns] ... or set [defaults]")."""
    path = crm_export(tmp_path / "crm.csv", cards)
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "lacks required column(s): Product" in said
    assert told in said, said
    assert sent_cards() == []


def test_a_gift_column_is_read_as_the_card_over_a_store_column_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 'Store' naming the catalog's shops beside a 'Gift' that names them too (a retailer's staff list: the
    store a person works at): the 'Gift' gives the card, as before 'Store' was read as one."""
    cards = {"Store": ["Target", "Target", "CVS", "CVS"], "Gift": ["Starbucks", "CVS", "Target", "Visa"]}
    path = crm_export(tmp_path / "staff.csv", cards)
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    assert "Column 'Gift' (I) is read as Product" in " ".join(capsys.readouterr().err.split())
    assert [card for _, card in sent_cards()] == ["STARBUCKS", "CVS", "TARGET", "VISA-PREPAID"]


@pytest.mark.parametrize("header", ["Last Year Card", "Previous Gift", "Vendor", "Favorite Store", "Shop At"])
def test_a_column_of_cards_that_says_something_else_of_the_person_is_not_read_as_the_card(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    """Found in hunter-falsealarm8's card_like lists: a 'Last Year Card' of Target, Starbucks and CVS, in a
    list naming no card, was read as this year's card (exit 0, the cards sent), though the rule for a card
    column nothing reads calls such a column past; and the shop words read since newcomer16's N6 must not
    read a business's 'Vendor' (its supplier), a 'Favorite Store' or where a person 'Shop(s) At'. Each is
    refused, exit 2, nothing sent, naming the column to rename 'Product' if it does give the card."""
    path = crm_export(tmp_path / "crm.csv", {header: ["Target", "Starbucks", "CVS", "Target"]})
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert (
        f"column '{header}' (H) names only cards of the vendor's catalog: if it gives each row's card, "
        "rename it 'Product'" in said
    ), said
    assert sent_cards() == []


@pytest.mark.parametrize("header", ["Store", "Store Name", "Retailer", "Merchant"])
def test_a_store_column_naming_one_card_on_every_row_is_not_read_as_the_card(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    """Found by hunter-sheets28 (the brief's leftover): a retail chain's HR export, 'Employee Name' | 'Store'
    = Target on every row (where each person works) beside 'Gift Value', had 'Store' read as the card: a
    Target card ordered for everyone, exit 0. A header naming a shop reads as the card only where its cells
    name two cards or more (nobody works at Visa); one card on every row, in any spelling, cannot be told
    from a workplace: the list is refused, exit 2, nothing sent, naming the column to rename 'Product'."""
    path = crm_export(tmp_path / "staff.csv", {header: ["Target", "Target", "TARGET", "Target Gift Card"]})
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert (
        f"column '{header}' (H) names one card on every row (Target), which may be where each person "
        "works: if it gives each row's card, rename it 'Product'" in said
    ), said
    assert sent_cards() == []
