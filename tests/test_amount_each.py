"""A column of one card's value ('Amount Each', 'Unit Price', 'Per Card') beside the column the value is read
from (found by hunter-sheets5): 'Qty 2 | Amount Each 25 | Amount 50' (Amount the row's total) went out as two
cards of 50, 100.00 where the sheet adds up 50.00."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def _list(path: Path, each: str, value: str = "Amount") -> Path:
    path.write_text(
        f"First Name,Last Name,Street,City,State,ZIP,Card,Qty,{each},{value}\n"
        "Ann,Lee,1 Main St,Boston,MA,02108,VISA-PREPAID,2,25,50\n"
        "Bob,Ray,2 Main St,Boston,MA,02108,VISA-PREPAID,1,30,30\n"
        "Cy,Ng,3 Main St,Boston,MA,02108,VISA-PREPAID,2,$40.00,40\n"
    )
    return path


def _sent() -> list[tuple[str, float, int]]:
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    return [
        (li["PhysicalDeliveryAddress"]["Name"], li["Value"], li["Quantity"])
        for order in orders
        for li in order["LineItems"]
    ]


@pytest.mark.parametrize("each", ["Amount Each", "Unit Price", "Per Card", "Value per card", "Price/ea"])
def test_a_one_card_amount_saying_another_amount_than_the_value_column_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], each: str
) -> None:
    """Ann's row (25 each, 50 in Amount) is an error; Bob's and Cy's, where the two agree, are sent. 'Value
    per card' also read as a pair of card and amount columns by itself ('a second card ... 25 25')."""
    path = _list(tmp_path / "gifts.csv", each)
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        f"Row 2, column 'Amount': 50, while '{each}' says 25 for one card: which is one card's value? "
        "bulkship would order 2 card(s) of 50. Make the two agree, or choose the column holding one card's "
        f'value with [columns] value = "{each}" (or = "Amount"; on the web, the Columns page).'
    ]
    main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")])
    assert _sent() == [("Bob Ray", 30.0, 1), ("Cy Ng", 40.0, 2)]


def test_the_one_card_column_chosen_as_the_value_sends_its_amount(tmp_path: Path) -> None:
    path = _list(tmp_path / "gifts.csv", "Amount Each")
    config = tmp_path / "program.toml"
    config.write_text('[columns]\nvalue = "Amount Each"\n')
    args = ["run", str(path), "--config", str(config), "--yes", "--wait", "0", "--out", str(tmp_path / "o")]
    assert main(args) == 0
    assert _sent() == [("Ann Lee", 25.0, 2), ("Bob Ray", 30.0, 1), ("Cy Ng", 40.0, 2)]


def test_what_a_card_costs_the_company_is_no_card_value(tmp_path: Path) -> None:
    """'Unit Cost' (the card's price after the vendor's discount) beside Amount: sent at Amount."""
    path = tmp_path / "gifts.csv"
    path.write_text(
        "First Name,Last Name,Street,City,State,ZIP,Card,Qty,Amount,Unit Cost\n"
        "Ann,Lee,1 Main St,Boston,MA,02108,HOMEDEPOT,2,25,24.38\n"
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "o")]) == 0
    assert _sent() == [("Ann Lee", 25.0, 2)]


@pytest.mark.parametrize(
    ("header", "figure"),
    [
        ("Fee per card", "1.95"),
        ("Shipping each", "9.95"),
        ("Cards per person", "1"),
        ("Budget per head", "100"),
    ],
)
def test_another_figure_per_card_is_no_card_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str, figure: str
) -> None:
    """Found by review19 (after 537900c): 'Fee per card' 1.95, 'Shipping each', 'Cards per person' 1 or
    'Budget per head' 100 beside Amount 25 were read as one card's value: every row an error ("which is one
    card's value?"), the list not sent. Only a header of the amount's own words is one card's value."""
    path = tmp_path / "gifts.csv"
    path.write_text(
        f"First Name,Last Name,Street,City,State,ZIP,Card,Amount,{header}\n"
        f"Ann,Lee,1 Main St,Boston,MA,02108,CVS,25,{figure}\n"
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "o")]) == 0
    capsys.readouterr()
    assert _sent() == [("Ann Lee", 25.0, 1)]


def test_a_quantity_beside_a_plain_amount_says_how_many_cards_of_what_before_the_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """'Qty' 2 beside 'Amount' 50 (a hunter-sheets10 leftover): two cards of 50, 100.00, or 50 for the row?
    The plan said only 'Cards 3 | 125.00' for a list adding up 75. It now names each such row's cards and
    what they come to before 'Send these orders?', and nothing is sent on a No; a header of one card's
    value ('Card Value') or a Total column beside it says it already: no word."""
    path = tmp_path / "gifts.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Qty,Amount\n"
        "Ann Lee,1 Main St,Boston,MA,02108,CVS,2,50\n"
        "Bob Ray,2 Main St,Boston,MA,02108,CVS,1,25\n"
    )
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("n\n"))
    assert main(["run", str(path), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    said = " ".join(err.split())
    assert "row 2 (Ann Lee): 2 cards of 50.00 = 100.00" in said
    assert "reads 'Amount' as one card's value and 'Qty' as the number of cards" in said
    assert said.index("2 cards of 50.00") < said.index("Send these orders?")
    assert _sent() == []
    for header, extra in (("Card Value", ""), ("Amount", ",Total")):
        other = tmp_path / f"{header}{extra}.csv".replace(" ", "_").replace(",", "")
        other.write_text(
            f"Name,Address,City,State,ZIP,Product,Qty,{header}{extra}\n"
            f"Ann Lee,1 Main St,Boston,MA,02108,CVS,2,50{',100' if extra else ''}\n"
        )
        assert main(["validate", str(other), "--json", "--out", str(tmp_path / "out")]) == 0
        assert not [n for n in json.loads(capsys.readouterr().out)["notices"] if "more than one card" in n]


def test_many_rows_of_more_than_one_card_are_counted_and_the_first_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every row of more than one card is counted (each distinct cell read once: 100,000 rows took 12 s)."""
    path = tmp_path / "gifts.csv"
    rows = [f"P{i} Lee,{i} Main St,Boston,MA,02108,CVS,{2 + i % 2},25" for i in range(8)]
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Qty,Amount\n"
        + "\n".join(rows)
        + "\nZed,9 Elm St,Boston,MA,02108,CVS,1,25\n"
    )
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 0
    [notice] = [n for n in json.loads(capsys.readouterr().out)["notices"] if "more than one card" in n]
    assert notice.startswith("8 row(s) order more than one card")
    assert "row 2 (P0 Lee): 2 cards of 25.00 = 50.00; row 3 (P1 Lee): 3 cards of 25.00 = 75.00" in notice
    assert "row 6 (P4 Lee): 2 cards of 25.00 = 50.00; and 3 more." in notice and "Zed" not in notice
