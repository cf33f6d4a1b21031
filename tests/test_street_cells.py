"""What a street or line 2 cell holds beside the row's City, State and ZIP: another address pasted whole, the
row's own city again, a PO box on line 2 (found by hunter-sheets2, each with a real run)."""

# ruff: noqa: E501  (exact user-facing messages and sample data read best unwrapped)

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def validate(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> tuple[int, dict]:
    code = main(["validate", str(path), "--json", "--out", str(path.parent / "out"), *args])
    return code, json.loads(capsys.readouterr().out)


def ordered_lines() -> list[dict[str, Any]]:
    return [li for order in embedded_sandbox_orders(resolve_settings().data_dir) for li in order["LineItems"]]


def one_note_a_row(path: Path, notes: list[str], card: str, amount: int) -> Path:
    """A list of one person a row (rows 2, 3, ...), each with the card, amount and one of ``notes``."""
    rows = "".join(
        f"P {i},{i} Main St,Boston,MA,02108,{card},{amount},{note}\n" for i, note in enumerate(notes)
    )
    path.write_text("Name,Address,City,State,Zip,Product,Amount,Notes\n" + rows)
    return path


def test_a_street_naming_another_state_or_zip_than_the_row_is_not_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'1 Work Plaza, Boston, MA 02110' in Address beside City Salem, ZIP 01970 went out with both on the
    label, to the ZIP column's town, where no such street is; so did 'Chicago, IL 60606' typed into line 2,
    and a 'Delivery Address' column of whole addresses beside the list's City, State and ZIP. Which address
    is right is the person's to say. A street ending with the row's own state and ZIP is sent, with a
    warning; ZIPs in street numbers and military PSC/Unit/Box lines are no address."""
    path = tmp_path / "pasted.csv"
    path.write_text(
        "Employee ID,Name,Address,Address 2,City,State,Zip,Product,Amount\n"
        "E1,Ann Lee,12 Beacon St,,Boston,MA,02108,CVS,25\n"
        'E2,Bob Ray,"1 Work Plaza, Boston, MA 02110",,Salem,MA,01970,CVS,25\n'
        'E3,Cy Ng,9 Elm St,"Chicago, IL 60606",Salem,MA,01970,CVS,25\n'
        "E4,Di Ow,9 Oak St Lynn MA 01901 USA,,Lynn,MA,01901-2345,CVS,25\n"
        "E5,Ed Fox,12345 Ventura Blvd,Suite 10,Studio City,CA,91604,CVS,25\n"
        "E6,Flo Orr,Unit 2050 Box 4190,,APO,AP,96278,CVS,25\n"
        "E7,Gus Kim,5 Elm St Salem ma 01970,,Salem,MA,02108,CVS,25\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 4, 3)
    assert [(p["row"], p["severity"], p["message"]) for p in data["problems"]] == [
        (
            3,
            "error",
            "Row 3, column 'Address': '1 Work Plaza, Boston, MA 02110' ends with MA 02110, but the row's State and ZIP are MA 01970: which address is right? Keep only the street in this column, and the right city, state and ZIP in their own columns.",
        ),
        (
            4,
            "error",
            "Row 4, column 'Address 2': 'Chicago, IL 60606' ends with IL 60606, but the row's State and ZIP are MA 01970: which address is right? Keep only the street in this column, and the right city, state and ZIP in their own columns.",
        ),
        (
            5,
            "warning",
            "Row 5, column 'Address': '9 Oak St Lynn MA 01901 USA' ends with the row's own state and ZIP, printed again under it on the parcel; keep only the street in this column.",
        ),
        (
            8,
            "error",
            "Row 8, column 'Address': '5 Elm St Salem ma 01970' ends with MA 01970, but the row's State and ZIP are MA 02108: which address is right? Keep only the street in this column, and the right city, state and ZIP in their own columns.",
        ),
    ]
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    assert sorted(li["PhysicalDeliveryAddress"]["Name"] for li in ordered_lines()) == [
        "Ann Lee",
        "Di Ow",
        "Ed Fox",
        "Flo Orr",
    ]


def test_a_delivery_address_column_of_whole_addresses_beside_the_address_columns_is_not_sent_mixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Delivery Address' (the street bulkship reads) holding '1 Work Plaza, Boston MA 02110' beside the
    list's Salem / 01970: the card went to the street of one address and the town of the other."""
    path = tmp_path / "delivery.csv"
    path.write_text(
        "Employee ID,First Name,Last Name,Address,City,State,Zip,Delivery Address,Product,Amount\n"
        'E2,Bob,Ray,5 Main St,Salem,MA,01970,"1 Work Plaza, Boston MA 02110",CVS,25\n'
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"]) == (1, 0)
    assert [p["message"] for p in data["problems"]] == [
        "Row 2, column 'Delivery Address': '1 Work Plaza, Boston MA 02110' ends with MA 02110, but the row's State and ZIP are MA 01970: which address is right? Keep only the street in this column, and the right city, state and ZIP in their own columns."
    ]


def test_a_po_box_on_line_2_is_said_in_its_own_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'PO Box 9' on line 2 was said as "'21 Main St' is a PO box", the street of line 1."""
    path = tmp_path / "boxes.csv"
    path.write_text(
        "Name,Address,Address 2,City,State,Zip,Product,Amount\n"
        "Kim Ray,21 Main St,PO Box 9,Boston,MA,02108,CVS,25\n"
        "Tom Ray,PO Box 123,,Boston,MA,02108,CVS,25\n"
    )
    code, data = validate(capsys, path)
    assert code == 0
    assert [p["message"] for p in data["problems"]] == [
        "Row 2, column 'Address 2': 'PO Box 9' is a PO box; cards are delivered by mail, some couriers do not deliver to PO boxes.",
        "Row 3, column 'Address': 'PO Box 123' is a PO box; cards are delivered by mail, some couriers do not deliver to PO boxes.",
    ]
    path.with_suffix(".toml").write_text("[program]\nreject_po_boxes = true\n")
    code, data = validate(capsys, path, "--config", str(path.with_suffix(".toml")))
    assert (code, data["invalid"]) == (1, 2)
    assert [(p["row"], p["column"]) for p in data["problems"]] == [(2, "address2"), (3, "address1")]


def test_a_city_naming_another_state_or_zip_than_the_row_is_not_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """City 'Chicago, IL 60606' or 'Salem, NH' beside State MA: sent, the parcel reading both states. A city
    written with the row's own state ('Salem, MA') is sent without a word; with its ZIP too, with a warning."""
    path = tmp_path / "cities.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount\n"
        'Ann Lee,12 Beacon St,"Chicago, IL 60606",MA,02108,CVS,25\n'
        'Bob Ray,5 Main St,"Salem, MA",Massachusetts,01970,CVS,25\n'
        'Cy Ng,9 Elm St,"Salem, NH",MA,01970,CVS,25\n'
        'Ed Fox,1 Main St,"Boston, MA 02108",MA,02108,CVS,25\n'
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 2, 2)
    assert [(p["row"], p["severity"], p["message"]) for p in data["problems"] if p["column"] == "city"] == [
        (
            2,
            "error",
            "Row 2, column 'City': 'Chicago, IL 60606' ends with IL 60606, but the row's State and ZIP are MA 02108: which address is right? Keep only the city in this column, and the right city, state and ZIP in their own columns.",
        ),
        (
            4,
            "error",
            "Row 4, column 'City': 'Salem, NH' ends with NH, but the row's State and ZIP are MA 01970: which address is right? Keep only the city in this column, and the right city, state and ZIP in their own columns.",
        ),
        (
            5,
            "warning",
            "Row 5, column 'City': 'Boston, MA 02108' ends with the row's own state and ZIP, printed again under it on the parcel; keep only the city in this column.",
        ),
    ]


def test_a_note_giving_another_number_of_cards_or_amount_stops_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Notes '2 cards', 'x2', '$50 not $25', 'amount changed to 50' and a name 'Ed Fox (2 cards)': each row
    went out at one card of 25, as its columns said (found by hunter-sheets2). A note naming the row's own
    amount or number of cards, or figures of something else, sends its row."""
    path = tmp_path / "notes.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02108,CVS,25,2 cards\n"
        "Bob Ray,2 Main St,Boston,MA,02108,CVS,25,$25 card - approved 11/20\n"
        "Cy Ng,3 Main St,Boston,MA,02108,CVS,25,x2\n"
        "Di Ow,4 Main St,Boston,MA,02108,CVS,25,10 years of service\n"
        "Ed Fox (2 cards),5 Main St,Boston,MA,02108,CVS,25,\n"
        "Flo Orr,6 Main St,Boston,MA,02108,CVS,25,$50 not $25\n"
        "Gus Kim,7 Main St,Boston,MA,02108,CVS,25,1 card\n"
        "Hal Poe,8 Main St,Boston,MA,02108,CVS,25,amount changed to 50\n"
        "Ivy Wu (E-1009),9 Main St,Boston,MA,02108,CVS,25,Apt 2 - call 617-555-1212\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 4, 5)
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        "Row 2, column 'Notes': says '2 cards' where the row orders 1 card: which number of cards is right? Put the right one in a Quantity column and clear the 'Notes' cell.",
        "Row 4, column 'Notes': says 'x2' where the row orders 1 card: which number of cards is right? Put the right one in a Quantity column and clear the 'Notes' cell.",
        "Row 6, column 'Name': says 'Ed Fox (2 cards)' where the row orders 1 card: which number of cards is right? Put the right one in a Quantity column and take the remark out of the name.",
        "Row 7, column 'Notes': says '$50 not $25' where 'Amount' says '25': which amount is right? Put the right one in 'Amount' and clear the 'Notes' cell.",
        "Row 9, column 'Notes': says 'amount changed to 50' where 'Amount' says '25': which amount is right? Put the right one in 'Amount' and clear the 'Notes' cell.",
    ]
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Qty,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02108,CVS,$25.00,2,2 cards\n"
        "Bob Ray,2 Main St,Boston,MA,02108,CVS,25,1,qty 3\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"]) == (1, 1)
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        "Row 3, column 'Notes': says 'qty 3' where 'Qty' says '1': which number of cards is right? Put the right one in 'Qty' and clear the 'Notes' cell."
    ]


def test_a_note_giving_the_amount_the_card_is_to_become_without_a_dollar_sign_stops_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer6 (an HR list's Notes): 'Should be 50', 'Bump to 100', 'Per VP: upgrade to Visa 100'
    were read as nothing and each card went at the row's 25. 'Should be 25', 'Should be delivered by 12/20',
    'Changed to 2 cards' (judged as a number of cards) and 'Should be 10 years' say no other amount."""
    path = tmp_path / "notes.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02108,VISA-PREPAID,25,Should be 50\n"
        "Bob Ray,2 Main St,Boston,MA,02108,VISA-PREPAID,25,Bump to 100\n"
        "Cy Ng,3 Main St,Boston,MA,02108,VISA-PREPAID,25,Per VP: upgrade to Visa 100\n"
        "Di Ow,4 Main St,Boston,MA,02108,VISA-PREPAID,25,Should be 25\n"
        "Ed Fox,5 Main St,Boston,MA,02108,VISA-PREPAID,25,Should be delivered by 12/20\n"
        "Flo Orr,6 Main St,Boston,MA,02108,VISA-PREPAID,25,Should be 10 years\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 3, 3)
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        f"Row {row}, column 'Notes': says '{note}' where 'Amount' says '25': which amount is right? Put the "
        "right one in 'Amount' and clear the 'Notes' cell."
        for row, note in ((2, "Should be 50"), (3, "Bump to 100"), (4, "Per VP: upgrade to Visa 100"))
    ]


def test_a_note_giving_the_number_of_cards_in_words_stops_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer6 (an HR list's Notes): 'Two cards - one for spouse' ordered one card, exit 0, where
    '2 cards' stops its row. 'One card only' and 'Two-tone envelope' say no other number of cards."""
    path = tmp_path / "notes.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02108,CVS,25,Two cards - one for spouse\n"
        "Bob Ray,2 Main St,Boston,MA,02108,CVS,25,three gift cards\n"
        "Cy Ng,3 Main St,Boston,MA,02108,CVS,25,One card only\n"
        "Di Ow,4 Main St,Boston,MA,02108,CVS,25,Two-tone envelope\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 2, 2)
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        f"Row {row}, column 'Notes': says '{note}' where the row orders 1 card: which number of cards is right? "
        "Put the right one in a Quantity column and clear the 'Notes' cell."
        for row, note in ((2, "Two cards - one for spouse"), (3, "three gift cards"))
    ]


def test_a_note_saying_only_send_2_stops_the_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Found by hunter-sheets16 (a leftover of hunter-sheets15): a note 'Send 2' (or 'Please send x2')
    ordered one card, exit 0, where '2 cards' stops its row. 'Send 12/15' (a day), 'Send 2 weeks before' and
    'Send 1' say no other number of cards."""
    path = tmp_path / "notes.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02108,CVS,25,Send 2\n"
        "Bob Ray,2 Main St,Boston,MA,02108,CVS,25,Please send x2\n"
        "Cy Ng,3 Main St,Boston,MA,02108,CVS,25,Send 12/15\n"
        "Di Ow,4 Main St,Boston,MA,02108,CVS,25,Send 2 weeks before\n"
        "Ed Orr,5 Main St,Boston,MA,02108,CVS,25,Send 1\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 3, 2)
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        f"Row {row}, column 'Notes': says '{note}' where the row orders 1 card: which number of cards is right? "
        "Put the right one in a Quantity column and clear the 'Notes' cell."
        for row, note in ((2, "Send 2"), (3, "Please send x2"))
    ]


def test_a_note_saying_send_and_the_row_s_own_amount_is_no_number_of_cards(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by the lead reviewing 52d009c: 'Send 50' on a 50 card, or 'Send 25 please' on a 25 one, names the
    card's amount, and stopped the row as asking for 50 cards. Another figure still stops it."""
    path = tmp_path / "notes.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02108,CVS,50,Send 50\n"
        "Bob Ray,2 Main St,Boston,MA,02108,CVS,25,Send 25 please\n"
        "Cy Ng,3 Main St,Boston,MA,02108,CVS,25,Send 3\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 2, 1)
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        "Row 4, column 'Notes': says 'Send 3' where the row orders 1 card: which number of cards is right? "
        "Put the right one in a Quantity column and clear the 'Notes' cell."
    ]


def test_a_note_s_amount_is_read_against_the_program_s_default_amount(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets17 (hunter-sheets16's 'Send 50' with the amount only from [defaults]): on a list
    without a Value column, [defaults] value = 25, the notes 'Send $50', 'Should be $50', 'Amount: 50' went
    out as cards of 25, exit 0; and with value = 50, 'Send 50' (the card's own amount) stopped its row as
    50 cards. A note is read against the default amount as against a Value column's."""
    path = tmp_path / "notes.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02108,CVS,Send $50\n"
        "Bob Ray,2 Main St,Boston,MA,02108,CVS,Should be $50\n"
        "Cy Ng,3 Main St,Boston,MA,02108,CVS,Amount: 50\n"
        "Di Ow,4 Main St,Boston,MA,02108,CVS,Send 25 please\n"
        "Ed Orr,5 Main St,Boston,MA,02108,CVS,$25 card\n"
    )
    (tmp_path / "p.toml").write_text("[defaults]\nvalue = 25\n")
    code, data = validate(capsys, path, "--config", str(tmp_path / "p.toml"))
    assert (code, data["valid"], data["invalid"]) == (1, 2, 3)
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        f"Row {row}, column 'Notes': says '{note}' where the row's amount is the program settings' default (25): "
        "which amount is right? Put the right one in a Value column and clear the 'Notes' cell."
        for row, note in ((2, "Send $50"), (3, "Should be $50"), (4, "Amount: 50"))
    ]
    path.write_text(
        "Name,Address,City,State,Zip,Product,Notes\nAnn Lee,1 Main St,Boston,MA,02108,CVS,Send 50\n"
    )
    (tmp_path / "p.toml").write_text("[defaults]\nvalue = 50\n")
    code, data = validate(capsys, path, "--config", str(tmp_path / "p.toml"))
    assert (code, data["valid"], data["invalid"]) == (0, 1, 0)


def test_a_note_send_50_on_a_card_of_25_asks_whether_it_is_cards_or_the_amount(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets17: 'Send 50' on a card of 25 stopped its row asking only 'which number of cards
    is right?', where the note as likely asks for a card of 50. The error asks which, saying where each
    goes; 'Send 3' still asks for the number of cards."""
    path = tmp_path / "notes.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02108,CVS,25,Send 50\n"
        "Bob Ray,2 Main St,Boston,MA,02108,CVS,25,Send 3\n"
    )
    code, data = validate(capsys, path)
    assert code == 1
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        "Row 2, column 'Notes': says 'Send 50' where the row orders 1 card: is 50 the number of cards or the "
        "card's amount? Put the number of cards in a Quantity column or the amount in 'Amount', and clear the "
        "'Notes' cell.",
        "Row 3, column 'Notes': says 'Send 3' where the row orders 1 card: which number of cards is right? "
        "Put the right one in a Quantity column and clear the 'Notes' cell.",
    ]


def test_a_note_giving_the_amount_in_dollars_stops_a_row_of_another_amount(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets17: a note '50 dollars' (or 'Send a 50 dollar card') beside 'Amount' 25 was read
    as no amount and the card went out at 25, exit 0, where '$50' stops the row. It stops it the same way;
    the row's own amount and what the person gave ('Donated 500 dollars') send."""
    path = tmp_path / "notes.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02108,CVS,25,50 dollars\n"
        "Bob Ray,2 Main St,Boston,MA,02108,CVS,25,Send a 50 dollar card\n"
        "Cy Ng,3 Main St,Boston,MA,02108,CVS,25,25 dollars\n"
        "Di Ow,4 Main St,Boston,MA,02108,CVS,25,Donated 500 dollars in 2025\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 2, 2)
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        f"Row {row}, column 'Notes': says '{note}' where 'Amount' says '25': which amount is right? Put the "
        "right one in 'Amount' and clear the 'Notes' cell."
        for row, note in ((2, "50 dollars"), (3, "Send a 50 dollar card"))
    ]


def test_a_note_giving_the_apartment_the_address_lacks_stops_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets16 (a leftover of hunter-sheets15): a note 'Send to Apt 4B' (or 'Apt 4B', 'Add
    unit 12') beside a street without it ordered the card to '1 Main St', exit 0: a building of many doors,
    the card likely lost. Such a row is an error saying to put the unit in line 2; a unit its lines hold
    already ('#4b'), a 'Suite 200' alone (an office's) and 'Apt building - ring bell' send."""
    path = tmp_path / "notes.csv"
    path.write_text(
        "Name,Address,Address 2,City,State,Zip,Product,Amount,Notes\n"
        "Ann Lee,1 Main St,,Boston,MA,02108,CVS,25,Send to Apt 4B\n"
        "Bob Ray,2 Main St,Apt 14,Boston,MA,02108,CVS,25,Apt 4\n"
        "Cy Ng,3 Main St,,Boston,MA,02108,CVS,25,Please add unit 12\n"
        "Di Ow,4 Main St,#4b,Boston,MA,02108,CVS,25,Apt 4B\n"
        "Ed Orr,5 Main St,,Boston,MA,02108,CVS,25,Suite 200\n"
        "Flo Poe,6 Main St,,Boston,MA,02108,CVS,25,Apt building - ring bell\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 3, 3)
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        f"Row {row}, column 'Notes': says '{note}' where the address ('{lines}') holds no such unit: the card "
        "would go without it. Put it in 'Address 2' and clear the 'Notes' cell."
        for row, note, lines in (
            (2, "Send to Apt 4B", "1 Main St"),
            (3, "Apt 4", "2 Main St Apt 14"),
            (4, "Please add unit 12", "3 Main St"),
        )
    ]


def test_a_note_of_a_move_to_the_unit_the_row_holds_already_sends_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-falsealarm3 (L7; the lead decided): 'Moved from apt 4 to apt 9 in the same building
    (updated)' beside a row whose lines say 'Apt 9' stopped it, 'which address is right?': the row holds the
    new door already. It sends; lines holding another unit ('Apt 4', 'Unit C') or a move to another street
    ('Moved to apt 9 at 12 Oak St') still stop."""
    path = tmp_path / "notes.csv"
    path.write_text(
        "Name,Address,Address 2,City,State,Zip,Product,Amount,Notes\n"
        "Ann Lee,5 Pine Rd,Apt 9,Boston,MA,02108,CVS,25,Moved from apt 4 to apt 9 in the same building (updated)\n"
        "Bob Ray,6 Pine Rd Apt 9,,Boston,MA,02108,CVS,25,Moved to apt 9\n"
        "Cy Ng,7 Pine Rd,#12B,Boston,MA,02108,CVS,25,Moved to unit 12B\n"
        "Di Ow,8 Pine Rd,Apt 4,Boston,MA,02108,CVS,25,Moved from apt 4 to apt 9\n"
        "Ed Orr,9 Pine Rd,Unit C,Boston,MA,02108,CVS,25,Moved from apt 4 to apt 9 in the same building\n"
        "Flo Poe,10 Pine Rd,Apt 9,Boston,MA,02108,CVS,25,Moved to apt 9 at 12 Oak St\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], [p["row"] for p in data["problems"]]) == (1, 3, [5, 6, 7])
    assert all("which address is right?" in p["message"] for p in data["problems"])


def test_a_note_sending_the_card_to_someone_by_name_or_by_hand_stops_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets16 (a leftover of hunter-sheets15): a note 'Ship to Bob Jones' (another person,
    by name) or 'Hand deliver' / 'Manager to hand deliver' (someone takes it to the person) ordered the card
    by mail to the row's name and street, exit 0, where 'Give to manager to present' stops its row. Each
    stops its row the same way; the row's own name ('Ship to Cy Ng' on Cy Ng's row), a street or a place
    ('Send to Main Street', 'Send to Front Desk') and 'Hand delivery not needed' send."""
    path = tmp_path / "notes.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02108,CVS,25,Ship to Bob Jones\n"
        "Bob Ray,2 Main St,Boston,MA,02108,CVS,25,Hand deliver\n"
        "Cy Ng,3 Main St,Boston,MA,02108,CVS,25,Manager to hand deliver\n"
        "Cy Ng,4 Elm St,Salem,MA,01970,CVS,25,Ship to Cy Ng\n"
        "Di Ow,5 Main St,Boston,MA,02108,CVS,25,Send to Main Street\n"
        "Ed Orr,6 Main St,Boston,MA,02108,CVS,25,Send to Front Desk\n"
        "Flo Poe,7 Main St,Boston,MA,02108,CVS,25,Hand delivery not needed\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 4, 3)
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        f"Row {row}, column 'Notes': says '{note}': the card would go to the row's name and address ('{street}'). "
        "Write the name and address it goes to in the row and clear the 'Notes' cell, or clear only that cell to send it there."
        for row, note, street in (
            (2, "Ship to Bob Jones", "1 Main St"),
            (3, "Hand deliver", "2 Main St"),
            (4, "Manager to hand deliver", "3 Main St"),
        )
    ]


def test_a_note_giving_the_card_at_an_event_or_to_one_first_name_stops_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets16, left for hunter-sheets17: 'Give to Ana at the party', 'Hand out at the
    holiday party' (given in person at an event) and 'Send to Bob' (one first name, none of the row's)
    ordered the card by mail to the row's name and street, exit 0. Each stops its row as 'Ship to Bob
    Jones' does; the row's own first name ('Send to Cy'), its city ('Send to Boston'), 'Give thanks at the
    party' and 'Mail before the party' send."""
    path = tmp_path / "notes.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02108,CVS,25,Give to Ana at the party\n"
        "Bob Ray,2 Main St,Boston,MA,02108,CVS,25,Hand out at the holiday party\n"
        "Cy Ng,3 Main St,Boston,MA,02108,CVS,25,Send to Bob\n"
        "Cy Ng,4 Elm St,Salem,MA,01970,CVS,25,Send to Cy\n"
        "Di Ow,5 Main St,Boston,MA,02108,CVS,25,Send to Boston\n"
        "Ed Orr,6 Main St,Boston,MA,02108,CVS,25,Give thanks at the party\n"
        "Flo Poe,7 Main St,Boston,MA,02108,CVS,25,Mail before the party\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 4, 3)
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        f"Row {row}, column 'Notes': says '{note}': the card would go to the row's name and address ('{street}'). "
        "Write the name and address it goes to in the row and clear the 'Notes' cell, or clear only that cell to send it there."
        for row, note, street in (
            (2, "Give to Ana at the party", "1 Main St"),
            (3, "Hand out at the holiday party", "2 Main St"),
            (4, "Send to Bob", "3 Main St"),
        )
    ]


def test_a_note_sending_to_the_row_s_own_person_by_a_short_name_or_a_title_sends_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-falsealarm3: since 4afc315, 'Send to Kate' on Katherine Moss's row, 'Send to Bob' on
    Robert Ray's, 'Send to Benjamin' on Ben Ng's and 'Send to Ms. Owens' on Di Owens's stopped each row as
    sent to another person. A short form of the row's own first name (or its full name), and the row's own
    name after a title, are the row's person; 'Send to Bob' on Cy Ng's row and 'Send to Mrs. Smith' on Ed
    Orr's still stop."""
    path = tmp_path / "notes.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "Katherine Moss,1 Main St,Boston,MA,02108,CVS,25,Send to Kate\n"
        "Robert Ray,2 Main St,Boston,MA,02108,CVS,25,Send to Bob\n"
        "Ben Ng,3 Main St,Boston,MA,02108,CVS,25,Send to Benjamin\n"
        "Di Owens,4 Main St,Boston,MA,02108,CVS,25,Send to Ms. Owens\n"
        "Cy Ng,5 Main St,Boston,MA,02108,CVS,25,Send to Bob\n"
        "Ed Orr,6 Main St,Boston,MA,02108,CVS,25,Send to Mrs. Smith\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 4, 2)
    assert [p["row"] for p in data["problems"] if p["severity"] == "error"] == [6, 7]


def test_a_note_praising_the_person_present_at_every_meeting_sends_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-falsealarm3 re-checking 4afc315: 'Present at every team meeting' (praise) stopped its
    row as a card handed over at a meeting. What the person does at every (each, all) meeting is no
    handover; 'Present at the team meeting' and 'Present at all-hands' still stop."""
    path = tmp_path / "notes.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02108,CVS,25,Present at every team meeting\n"
        "Bob Ray,2 Main St,Boston,MA,02108,CVS,25,Present at each weekly huddle - thanks!\n"
        "Cy Ng,3 Main St,Boston,MA,02108,CVS,25,Present at the team meeting\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], [p["row"] for p in data["problems"] if p["severity"] == "error"]) == (
        1,
        2,
        [4],
    )


def test_a_note_saying_the_person_picks_the_card_up_stops_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets16: a note 'Will pick up' (or 'Pickup at HR', 'She will pick up at front desk')
    ordered the card by mail to the person's street, exit 0. Each stops its row as a card going elsewhere;
    'Pick up the slack' and 'Will pick up shifts' send."""
    path = tmp_path / "notes.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02108,CVS,25,Will pick up\n"
        "Bob Ray,2 Main St,Boston,MA,02108,CVS,25,Pickup at HR\n"
        "Cy Ng,3 Main St,Boston,MA,02108,CVS,25,She will pick up at front desk\n"
        "Di Ow,4 Main St,Boston,MA,02108,CVS,25,Pick up the slack\n"
        "Ed Orr,5 Main St,Boston,MA,02108,CVS,25,Will pick up shifts\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 2, 3)
    assert [p["row"] for p in data["problems"] if p["severity"] == "error"] == [2, 3, 4]


def test_a_note_asking_for_faster_shipping_stops_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer6 (an HR list's Notes): 'Rush - needs by Friday', 'Overnight please', 'Expedite' went
    STANDARD, exit 0, where a 'Rush?' column's Yes stops its row. 'Overnight stay at the offsite' and a list
    with a shipping method column say nothing of the kind."""
    path = tmp_path / "notes.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02108,CVS,25,Rush - needs by Friday\n"
        "Bob Ray,2 Main St,Boston,MA,02108,CVS,25,Overnight please\n"
        "Cy Ng,3 Main St,Boston,MA,02108,CVS,25,Expedite\n"
        "Di Ow,4 Main St,Boston,MA,02108,CVS,25,Overnight stay at the offsite\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 1, 3)
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        f"Row {row}, column 'Notes': says '{note}', asking for faster shipping, and no column gives the shipping "
        "method: the card would go STANDARD. Write the method (EXPEDITED, OVERNIGHT: see `bulkship catalog`) in "
        "a 'Shipping Method' column, and clear the 'Notes' cell."
        for row, note in ((2, "Rush - needs by Friday"), (3, "Overnight please"), (4, "Expedite"))
    ]
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Shipping,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02108,CVS,25,OVERNIGHT,Rush - needs by Friday\n"
    )
    assert validate(capsys, path)[1]["valid"] == 1


def test_a_note_naming_a_rush_hour_or_a_two_day_offsite_asks_for_no_faster_shipping(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-falsealarm1: an HR list's notes 'Rush hour commuter', 'Rush Street office', 'Expedited
    approval by VP', 'Two-day offsite attendee', 'Next day after anniversary is fine' stopped their rows as
    asking for faster shipping. 'Rush delivery please' still does."""
    notes = [
        "Rush hour commuter",
        "Rush Street office",
        "Expedited approval by VP",
        "Two-day offsite attendee",
    ]
    notes += ["Next day after anniversary is fine", "Rush delivery please"]
    path = one_note_a_row(tmp_path / "awards.csv", notes, "TARGET", 50)
    code, data = validate(capsys, path)
    assert (code, data["valid"], [p["row"] for p in data["problems"]]) == (1, 5, [7])


def test_a_note_changing_a_level_hours_or_a_speed_is_no_amount(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-falsealarm1: an HR list's notes 'Bump to Level 3 in March', 'Increase to 40 hrs/week',
    'Changed to team 25', 'Upgraded to 100 Mbps internet stipend' stopped their rows as another amount than
    the row's 50. 'Raise to 100 per VP' still does."""
    notes = ["Bump to Level 3 in March", "Increase to 40 hrs/week", "Changed to team 25"]
    notes += ["Upgraded to 100 Mbps internet stipend", "Raise to 100 per VP"]
    path = one_note_a_row(tmp_path / "awards.csv", notes, "TARGET", 50)
    code, data = validate(capsys, path)
    assert (code, data["valid"], [p["row"] for p in data["problems"]]) == (1, 4, [6])


def test_a_note_of_what_the_person_gave_or_sold_or_of_millions_is_no_amount(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-falsealarm3: a donor or sales thank-you list's notes 'Donated $500 in 2025', 'Raised
    over $800 for the walk', 'Closed $250K in Q3', 'Top customer - $1.2M revenue' stopped their rows as
    another amount than the row's 50. 'Should be $100', '$100 not $50' still do."""
    notes = ["Donated $500 in 2025", "Raised over $800 for the walk", "Closed $250K in Q3"]
    notes += ["Top customer - $1.2M revenue", "Spent about $300 at the gala", "Pledged $40 a month"]
    notes += ["Should be $100", "$100 not $50", "Donated $500 - send the $100 card"]
    path = one_note_a_row(tmp_path / "donors.csv", notes, "TARGET", 50)
    code, data = validate(capsys, path)
    assert (code, data["valid"], [p["row"] for p in data["problems"]]) == (1, 6, [8, 9, 10])


def test_a_note_of_cards_bought_or_sent_at_another_time_is_no_number_of_cards(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-falsealarm3 (L7; the lead decided): notes 'Bought 3 gift cards for her team in 2020',
    'Sent 2 cards last year (lost one)', 'Got 2 cards a few years ago' stopped each row as another number of
    cards, 'which number of cards is right?'. Cards done at a time gone by are no count of this card; 'Sent
    2 cards' (when?), 'Send 2 cards like last year' and '2 cards' still stop."""
    notes = ["Bought 3 gift cards for her team in 2020", "Sent 2 cards last year (lost one)"]
    notes += ["Got 2 cards a few years ago", "Ordered 2 cards previously - only one arrived"]
    notes += ["Sent 2 cards", "Send 2 cards like last year", "2 cards"]
    path = one_note_a_row(tmp_path / "notes.csv", notes, "CVS", 25)
    code, data = validate(capsys, path)
    assert (code, data["valid"], [p["row"] for p in data["problems"]]) == (1, 4, [6, 7, 8])


def test_a_note_of_a_card_of_another_amount_got_at_another_time_is_no_amount(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-falsealarm4 (an anniversary list's Notes): 'Received a $50 card last year for 10 years'
    stopped the row's $25 card, 'which amount is right?', as the lead decided a count of cards of the past
    does not (hunter-falsealarm3's L7). A card of another amount got at a time gone by is no amount of this
    one; 'Received a $50 card' (when?) and 'Got $50 last year - bump to $100' still stop."""
    notes = ["Received a $50 card last year for 10 years", "Got a $100 card in 2020", "Received a $50 card"]
    notes += ["Got $50 last year - bump to $100"]
    path = one_note_a_row(tmp_path / "notes.csv", notes, "CVS", 25)
    code, data = validate(capsys, path)
    assert (code, data["valid"], [p["row"] for p in data["problems"]]) == (1, 2, [4, 5])


def test_a_card_the_person_won_or_earned_in_a_note_is_still_an_amount(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review31 on f0bd483: 'Won $100 card' or 'Earned $100 gift card' beside the row's 50 names
    the card itself, not money the person won or earned; read as theirs, the $50 card went unasked. 'Won
    $100 in the raffle' is still theirs."""
    notes = ["Won $100 card", "Earned $100 gift card", "Won $100 in the raffle", "Earned $100 reward"]
    path = one_note_a_row(tmp_path / "rewards.csv", notes, "TARGET", 50)
    code, data = validate(capsys, path)
    assert (code, data["valid"], [p["row"] for p in data["problems"]]) == (1, 1, [2, 3, 5])


def test_a_note_of_a_gift_limit_the_row_keeps_within_sends_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-falsealarm3: a client gift list's compliance notes 'Gift limit $50', 'Max $75 per
    ethics policy', 'Up to $100 allowed', '$50 max', "Can't accept more than $100" stopped each $25 row as
    another amount, 'which amount is right?'. A limit the row's amount keeps within says nothing against
    it; a row over its limit ('Gift limit $50' beside 100), and 'Bump up to $100', still stop."""
    notes = ["Gift limit $50", "Max $75 per ethics policy", "Up to $100 allowed", "$50 max"]
    notes += ["Can't accept more than $100", "No cash equivalents over $75", "Gifts capped at $50"]
    notes += ["Bump up to $100"]
    path = tmp_path / "clients.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        + "".join(f"P {i},{i} Main St,Boston,MA,02108,TARGET,25,{note}\n" for i, note in enumerate(notes))
        + "P 9,9 Main St,Boston,MA,02108,TARGET,100,Gift limit $50\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], [p["row"] for p in data["problems"]]) == (1, 7, [9, 10])


def test_a_po_box_or_military_address_sent_by_ups_or_fedex_is_not_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """OVERNIGHT ('Overnight (FedEx Standard Overnight)') to 'APO AE 09012' and EXPEDITED (UPS) to 'PO Box 124'
    were valid and ordered: neither courier delivers there, the card comes back (found by hunter-sheets2). By
    the Postal Service's method they are sent, a PO box with its warning as before."""
    path = tmp_path / "mail.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Shipping Method\n"
        "Ann Lee,Unit 2050 Box 4190,APO,AE,09012,CVS,25,OVERNIGHT\n"
        "Bob Ray,P.O. Box 124,Boston,MA,02108,CVS,25,Expedited\n"
        "Cy Ng,Unit 2050 Box 4190,APO,AE,09012,CVS,25,\n"
        "Di Ow,PO Box 125,Boston,MA,02108,CVS,25,STANDARD\n"
        "Ed Fox,5 Main St,Boston,MA,02108,CVS,25,OVERNIGHT\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 3, 2)
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        "Row 2, column 'Shipping Method': OVERNIGHT ships by FedEx, which delivers to neither PO boxes nor military APO/FPO/DPO addresses, and this row's address is one: choose a method the US Postal Service delivers, or give a street address.",
        "Row 3, column 'Shipping Method': EXPEDITED ships by UPS, which delivers to neither PO boxes nor military APO/FPO/DPO addresses, and this row's address is one: choose a method the US Postal Service delivers, or give a street address.",
    ]
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    assert sorted(li["PhysicalDeliveryAddress"]["Name"] for li in ordered_lines()) == [
        "Cy Ng",
        "Di Ow",
        "Ed Fox",
    ]


def test_a_military_address_with_the_country_of_its_base_is_sent_as_us_mail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Unit 2050 Box 4190, APO AE 09012' with Country 'Germany' (where the base is) was refused as a card
    abroad (found by hunter-sheets2): APO/FPO/DPO mail is US mail. A German street is still refused."""
    path = tmp_path / "base.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Country,Product,Amount\n"
        "Ann Lee,Unit 2050 Box 4190,APO,AE,09012,Germany,CVS,25\n"
        "Bob Ray,Hauptstr. 5,Berlin,,10115,Germany,CVS,25\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 1, 1)
    assert [
        (p["row"], p["severity"], p["message"]) for p in data["problems"] if p["column"] == "country"
    ] == [
        (
            2,
            "warning",
            "Row 2, column 'Country': 'Germany' is where the base is; APO/FPO/DPO mail goes by the US Postal Service: sent with country US.",
        ),
        (
            3,
            "error",
            "Row 3, column 'Country': 'Germany': physical gift cards ship to US addresses only (including APO/FPO/DPO).",
        ),
        (3, "warning", "Row 3, column 'Country': 'Germany' changed to DE."),
    ]
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    assert [li["PhysicalDeliveryAddress"]["Country"] for li in ordered_lines()] == ["US"]


def test_a_note_asking_for_another_card_stops_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Notes 'should be Target', 'Target instead', 'wants Home Depot gift card', 'switch to starbucks' beside
    CVS: the CVS card went out (found by hunter-sheets2). A note naming a card it does not ask for ('loves
    Target', 'Target date 12/1 - not urgent', 'not CVS - Target' on a Target row) sends its row."""
    path = tmp_path / "cards.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "A One,1 Main St,Boston,MA,02108,CVS,25,should be Target\n"
        "B Two,2 Main St,Boston,MA,02108,CVS,25,Target instead\n"
        "C Three,3 Main St,Boston,MA,02108,TARGET,25,not CVS - Target\n"
        "D Four,4 Main St,Boston,MA,02108,CVS,25,wants Home Depot gift card\n"
        "E Five,5 Main St,Boston,MA,02108,CVS,25,loves Target\n"
        "F Six,6 Main St,Boston,MA,02108,CVS,25,Target date 12/1 - not urgent\n"
        "G Seven,7 Main St,Boston,MA,02108,CVS,25,switch to starbucks\n"
        "H Eight,8 Main St,Boston,MA,02108,CVS Pharmacy,25,wants CVS\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 4, 4)
    errors = [(p["row"], p["message"]) for p in data["problems"] if p["severity"] == "error"]
    assert errors[0] == (
        2,
        "Row 2, column 'Product': 'Notes' says 'should be Target', asking for TARGET, where the row's card is CVS: which is right? Put the right card in the row and clear the 'Notes' cell.",
    )
    assert [row for row, _ in errors] == [2, 3, 5, 8]


def test_a_note_asking_for_another_card_in_other_words_stops_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer6 (an HR list's Notes): 'Change card to CVS', 'Switch gift card to Target' and 'Target
    not Starbucks' beside Starbucks: the Starbucks card went out, exit 0. 'Starbucks, not Target', 'No apt' and
    'Target date 12/1 - not urgent' ask for no other card."""
    path = tmp_path / "cards.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "A One,1 Main St,Boston,MA,02108,STARBUCKS,25,Change card to CVS\n"
        "B Two,2 Main St,Boston,MA,02108,STARBUCKS,25,Switch gift card to Target\n"
        "C Three,3 Main St,Boston,MA,02108,STARBUCKS,25,Target not Starbucks\n"
        'D Four,4 Main St,Boston,MA,02108,STARBUCKS,25,"Starbucks, not Target"\n'
        "E Five,5 Main St,Boston,MA,02108,STARBUCKS,25,No apt\n"
        "F Six,6 Main St,Boston,MA,02108,STARBUCKS,25,Target date 12/1 - not urgent\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 3, 3)
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        f"Row {row}, column 'Product': 'Notes' says '{note}', asking for {card}, where the row's card is "
        "STARBUCKS: which is right? Put the right card in the row and clear the 'Notes' cell."
        for row, note, card in (
            (2, "Change card to CVS", "CVS"),
            (3, "Switch gift card to Target", "TARGET"),
            (4, "Target not Starbucks", "TARGET"),
        )
    ]


def test_a_note_preferring_the_rows_card_over_another_sends_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-falsealarm1: an HR list's note 'Prefers Target over Starbucks' beside Target stopped the
    row as asking for Starbucks: the card after 'over', 'than' or 'instead of' is the one not wanted. Beside
    Starbucks the same note still asks for Target."""
    path = tmp_path / "cards.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "A One,1 Main St,Boston,MA,02108,TARGET,25,Prefers Target over Starbucks\n"
        "B Two,2 Main St,Boston,MA,02108,TARGET,25,Would rather have Target than CVS\n"
        "C Three,3 Main St,Boston,MA,02108,TARGET,25,Target instead of Starbucks this year\n"
        "D Four,4 Main St,Boston,MA,02108,STARBUCKS,25,Prefers Target over Starbucks\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 3, 1)
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        "Row 5, column 'Product': 'Notes' says 'Prefers Target over Starbucks', asking for TARGET, where the "
        "row's card is STARBUCKS: which is right? Put the right card in the row and clear the 'Notes' cell."
    ]


def test_a_note_refusing_another_card_with_a_verb_between_sends_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-falsealarm1: an HR list's note 'Rather not have CVS' beside Starbucks stopped the row as
    asking for CVS (so did "Doesn't want Target"): the card after 'not have', "n't want" is the one not
    wanted. 'Rather have CVS' beside Starbucks still asks for CVS."""
    path = tmp_path / "cards.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "A One,1 Main St,Boston,MA,02108,STARBUCKS,25,Rather not have CVS\n"
        "B Two,2 Main St,Boston,MA,02108,STARBUCKS,25,Doesn't want Target\n"
        "C Three,3 Main St,Boston,MA,02108,STARBUCKS,25,Rather have CVS\n"
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], [p["row"] for p in data["problems"]]) == (1, 2, [4])


def test_a_note_choosing_the_rows_card_beside_another_it_names_sends_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-falsealarm2: an HR list's note 'Already has Starbucks app - prefers Target' beside a
    Target card stopped the row as asking for Starbucks, exit 1 (so did 'Got a CVS card last year, wants
    Target'): the card the preference names is the row's own. Beside CVS, 'Got a CVS card last year, wants
    Target' still asks for Target."""
    path = tmp_path / "cards.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "A One,1 Main St,Boston,MA,02108,TARGET,25,Already has Starbucks app - prefers Target\n"
        'B Two,2 Main St,Boston,MA,02108,TARGET,25,"Got a CVS card last year, wants Target"\n'
        'C Three,3 Main St,Boston,MA,02108,CVS,25,"Got a CVS card last year, wants Target"\n'
    )
    code, data = validate(capsys, path)
    assert (code, data["valid"], [p["row"] for p in data["problems"]]) == (1, 2, [4])


def test_a_street_or_city_cell_holding_two_is_not_sent_as_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets3: a street cell written on two lines (Alt+Enter) holding the old and the new
    street, '9 Elm St / 3 Oak St', or a city on two lines, went out as one line ('12 Beacon St 45 Harbor Rd'),
    to whichever the carrier read. An apartment or floor on the second line, a PO box above a street, or a
    street written twice is one address."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "Address 2", "City", "State", "Zip", "Product", "Amount"])
    rows = [
        ("Ann Lee", "12 Beacon St\n45 Harbor Rd", "", "Boston"),
        ("Bob Ray", "5 Main St\nnew: 8 Derby Sq", "", "Salem"),
        ("Cy Ng", "9 Elm St / 3 Oak St", "", "Salem"),
        ("Di Ow", "3 Pine Rd", "", "Lynn\nSalem"),
        ("Ed Fox", "12 Beacon St\nApt 4", "", "Boston"),
        ("Flo Orr", "1 Main St / 2 Fl", "Unit 2\n4 Floor", "Boston"),
        ("Gus Kim", "PO Box 12\n4 Pine Rd", "", "Lynn"),
        ("Hal Li", "7 Oak Ave\n7 Oak Ave", "", "Salem"),
    ]
    for name, street, line_2, city in rows:
        book.active.append([name, street, line_2, city, "MA", "01970", "CVS", 25])
    path = tmp_path / "lines.xlsx"
    book.save(path)
    code, data = validate(capsys, path)
    errors = [(p["row"], p["message"]) for p in data["problems"] if p["severity"] == "error"]
    assert (code, data["valid"], data["invalid"]) == (1, 4, 4), errors
    assert errors == [
        (
            2,
            "Row 2, column 'Address': holds two streets ('12 Beacon St' and '45 Harbor Rd'), which would go on the parcel as one line: which one is meant? Keep only the recipient's street in this cell.",
        ),
        (
            3,
            "Row 3, column 'Address': holds two streets ('5 Main St' and 'new: 8 Derby Sq'), which would go on the parcel as one line: which one is meant? Keep only the recipient's street in this cell.",
        ),
        (
            4,
            "Row 4, column 'Address': holds two streets ('9 Elm St' and '3 Oak St'), which would go on the parcel as one line: which one is meant? Keep only the recipient's street in this cell.",
        ),
        (
            5,
            "Row 5, column 'City': holds two cities ('Lynn' and 'Salem'), which would go on the parcel as one line: which one is meant? Keep only the recipient's city in this cell.",
        ),
    ]
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    assert sorted(li["PhysicalDeliveryAddress"]["Name"] for li in ordered_lines()) == [
        "Ed Fox", "Flo Orr", "Gus Kim", "Hal Li"
    ]  # fmt: skip


THREADED = (
    "[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any edits to "
    "it will get removed if the file is opened in a newer version of Excel. Learn more: "
    "https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    "
)


def test_a_note_on_a_cell_giving_another_amount_card_or_address_stops_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets3: Excel notes (comments) on a row's cells, 'should be $50' on the Amount, 'New
    address: ...' on the street, 'Target instead' on the card, '2 cards' on the name (a threaded comment, as
    Excel 365 saves it): each row went out as its columns said. A note saying nothing of the order, or the
    row's own amount, sends its row."""
    import openpyxl
    from openpyxl.comments import Comment

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "Zip", "Product", "Amount"])
    for number, name in enumerate(["Ann Lee", "Bob Ray", "Cy Ng", "Di Ow", "Ed Fox", "Flo Orr"], start=2):
        sheet.append([name, f"{number} Main St", "Salem", "MA", "01970", "CVS", 25])
    notes = {
        "G2": "Jane HR:\nshould be $50",
        "B3": "New address: 8 Derby Sq, Salem MA 01970",
        "F4": "Target instead",
        "A5": THREADED + "2 cards",
        "A6": "Jane HR:\nCalled 11/2, all good",
        "G7": "$25 confirmed",
    }
    for cell, text in notes.items():
        sheet[cell].comment = Comment(text, "Jane HR")
    path = tmp_path / "notes.xlsx"
    book.save(path)
    code, data = validate(capsys, path)
    errors = [p["message"] for p in data["problems"] if p["severity"] == "error"]
    assert (code, data["valid"], data["invalid"]) == (1, 2, 4), errors
    assert errors == [
        "Row 2, column 'Note on Amount': says 'should be $50' where 'Amount' says '25': which amount is right? Put the right one in 'Amount' and clear the 'Note on Amount' cell.",
        "Row 3, column 'Note on Address': says 'New address: 8 Derby Sq, Salem MA 01970' where 'Address' says '3 Main St': which address is right? Put the right one in 'Address' (and the address columns beside it) and clear the 'Note on Address' cell.",
        "Row 4, column 'Product': 'Note on Product' says 'Target instead', asking for TARGET, where the row's card is CVS: which is right? Put the right card in the row and clear the 'Note on Product' cell.",
        "Row 5, column 'Note on Name': says '2 cards' where the row orders 1 card: which number of cards is right? Put the right one in a Quantity column and clear the 'Note on Name' cell.",
    ]
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    assert sorted(li["PhysicalDeliveryAddress"]["Name"] for li in ordered_lines()) == ["Ed Fox", "Flo Orr"]


def test_a_name_s_bracket_is_said_once_when_the_sheet_has_notes_on_cells(tmp_path: Path) -> None:
    """After 5729411: a name 'Ed Fox (2 cards)' on a sheet with a note on any cell was said twice, once by the
    sheet's own checks and once with the notes on its cells."""
    import openpyxl
    from openpyxl.comments import Comment

    from bulkship.load import load_sheet

    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "City", "State", "Zip", "Product", "Amount"])
    book.active.append(["Ed Fox (2 cards)", "1 Main St", "Salem", "MA", "01970", "CVS", 25])
    book.active["G2"].comment = Comment("ok", "HR")
    book.save(tmp_path / "notes.xlsx")
    assert [p.message for p in load_sheet(tmp_path / "notes.xlsx").read_problems] == [
        "Row 2, column 'Name': says 'Ed Fox (2 cards)' where the row orders 1 card: which number of cards is right? Put the right one in a Quantity column and take the remark out of the name."
    ]


def test_a_note_repeated_down_a_long_list_is_read_for_figures_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-sheets15 timing a 100k-row list of notes: each row whose note held a digit ('Called
    2/2') was read for a number of cards and an amount on its own, row by row (3 s on a busy machine for
    50,000 notes naming neither). Each distinct note is read once; the rows of a note naming another amount
    are each still stopped."""
    from bulkship.load.problems import notesaid

    read: list[Any] = []
    figures = notesaid._figures

    def counted(pattern: Any, note: Any) -> Any:  # (the note read: its text, or what reads it)
        read.append(note)
        return figures(pattern, note)

    monkeypatch.setattr(notesaid, "_figures", counted)
    path = tmp_path / "notes.csv"
    rows = [f"P{n} Lee,{n} Main St,Boston,MA,02134,CVS,25,Called 2/2 - left voicemail" for n in range(300)]
    rows += [
        "Al Fox,1 Elm St,Boston,MA,02134,CVS,25,$50 not $25",
        "Bo Fox,2 Elm St,Boston,MA,02134,CVS,25,$50 not $25",
    ]
    path.write_text("Name,Address,City,State,ZIP,Product,Amount,Notes\n" + "\n".join(rows) + "\n")
    _code, data = validate(capsys, path)
    assert len(read) <= 8, len(read)  # each distinct note once; each row stopped again, against its row
    said = [p["message"] for p in data["problems"] if "which amount is right" in p["message"]]
    assert [m.split(":")[0] for m in said] == ["Row 302, column 'Notes'", "Row 303, column 'Notes'"]


def test_a_street_cell_on_two_lines_sends_its_second_line_as_line_2(tmp_path: Path) -> None:
    """Found by newcomer8, left for hunter-sheets18: a Salesforce 'Mailing Street' of two lines ('100 Market
    St' over 'Suite 14') went out on one line, '100 Market St Suite 14', warned as 'extra spaces or invisible
    characters removed'. The second line is sent as line 2 where that column is empty, said so; where it
    holds something already both stay on line 1, said so; a second line naming the city, state and ZIP is not
    moved. The row's fingerprint is the one the street joined on line 1 had: a list sent before is not sent
    again."""
    from intake_fixtures import sandbox_catalog

    from bulkship.load import load_sheet
    from bulkship.validate import validate

    def read(street: str, line2: str = "") -> Any:
        path = tmp_path / "report.csv"
        path.write_text(
            "Name,Mailing Street,Address Line 2,City,State,ZIP,Product,Value\n"
            f'Ann Lee,"{street}",{line2},Boston,MA,02134,CVS,25\n'
        )
        return validate(load_sheet(path), sandbox_catalog())

    two = read("100 Market St\nSuite 14")
    assert two.rows[["address1", "address2"]].values.tolist() == [["100 Market St", "Suite 14"]]
    assert two.problems == ()  # (said once for the column, not on each row: hunter-sheets19)
    assert (
        "Column 'Mailing Street' writes the street on more than one line on 1 row(s), Address Line 2 empty "
        "there: each later line is sent as line 2 (row 2: '100 Market St' as line 1, 'Suite 14' as line 2). "
        "Said here once, not as a warning on every row." in two.sheet.notices
    )
    assert two.rows["fingerprint"].tolist() == read("100 Market St Suite 14").rows["fingerprint"].tolist()
    filled = read("100 Market St\r\nSuite 14", "Apt 3")
    assert filled.rows[["address1", "address2"]].values.tolist() == [["100 Market St Suite 14", "Apt 3"]]
    assert [p.message for p in filled.problems] == [
        "Row 2, column 'Mailing Street': is on more than one line, and Address Line 2 holds 'Apt 3' already: "
        "its lines are sent on line 1 as '100 Market St Suite 14'. If a line belongs on line 2, put it there "
        "with 'Apt 3'."
    ]
    whole = read("12 Elm St\nBoston, MA 02134")
    assert whole.rows["address2"].tolist() == [""]
    for place in ("Boston, Massachusetts 02134", "Boston", "USA"):  # (found by hunter-sheets18 checking it)
        assert read(f"12 Elm St\n{place}").rows["address2"].tolist() == [""], place
    three = read("5 Oak St\nFloor 2\nRoom 9")  # (a third line too: found by hunter-sheets18)
    assert three.rows[["address1", "address2"]].values.tolist() == [["5 Oak St", "Floor 2 Room 9"]]
    assert three.rows["fingerprint"].tolist() == read("5 Oak St Floor 2 Room 9").rows["fingerprint"].tolist()


def test_a_street_cell_holding_the_recipient_s_name_is_not_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets28: a row whose street cell held its own name ('Cy Orr', the name filled right
    across the row) or company, and no line 2, was sent to 'Cy Orr, Denver CO 80202', a parcel to no street,
    exit 0. It is an error on its row now. A label list's name line under the street's header, the street on
    line 2, is sent as before, and so is a place without a number that names no one ('One Financial
    Center'; 'Main St' was that example until hunter-sheets29 made a street without its number an error:
    test_a_street_without_its_house_number_is_not_sent)."""
    path = tmp_path / "labels.csv"
    path.write_text(
        "Name,Company,Street,Street 2,City,State,ZIP,Card,Amount\n"
        "Ann Lee,,One Financial Center,,Boston,MA,02111,TARGET,25\n"
        "Cy Orr,,Cy Orr,,Denver,CO,80202,TARGET,25\n"
        "Di Fox,,Di Fox,4 Pine Rd,Newark,NJ,07102,TARGET,25\n"
        "Ed Wu,Acme Corp,ACME  CORP,,Boston,MA,02110,TARGET,25\n"
    )
    code, data = validate(capsys, path)
    assert code == 1
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        "Row 3, column 'Street': 'Cy Orr' names the recipient, not a street: the card would go to no street. "
        "Write the street address (e.g. 12 Main St) here.",
        "Row 5, column 'Street': 'ACME  CORP' names the recipient, not a street: the card would go to no "
        "street. Write the street address (e.g. 12 Main St) here.",
    ]
    assert data["valid"] == 2


def test_a_street_without_its_house_number_is_not_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets28, left for hunter-sheets29: a row whose street read 'Main St' (its number
    lost, or never typed) was sent to 'Main St', Boston, exit 0, nothing said: a parcel no carrier can
    deliver. A street's name and type alone, with no number on line 2 but a unit's, is an error on its row
    now. A named place ('One Financial Center', 'Harvard Yard'), general delivery, a PO box, a rural route
    and a company line over the street on line 2 are sent as before."""
    path = tmp_path / "streets.csv"
    path.write_text(
        "Name,Street,Street 2,City,State,ZIP,Card,Amount\n"
        "Ann Lee,Main St,,Boston,MA,02134,TARGET,25\n"
        "Bob Ray,Oak Avenue N,Apt 4,Boston,MA,02134,TARGET,25\n"
        "Cy Orr,Martin Luther King Jr. Blvd,,Newark,NJ,07102,TARGET,25\n"
        "Di Pan,One Financial Center,,Boston,MA,02111,TARGET,25\n"
        "Ed Wu,Harvard Yard,,Cambridge,MA,02138,TARGET,25\n"
        "Fay Li,General Delivery,,Boston,MA,02205,TARGET,25\n"
        "Gus Tan,PO Box 12,,Boston,MA,02134,TARGET,25\n"
        "Hal Ng,RR 2 Box 15,,Dover,VT,05356,TARGET,25\n"
        "Ida Wu,Acme Corp,12 Main St,Boston,MA,02134,TARGET,25\n"
    )
    code, data = validate(capsys, path)
    assert code == 1
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        "Row 2, column 'Street': 'Main St' has no house number: no carrier can deliver to a street alone. "
        "Write the number in front (e.g. 12 Main St).",
        "Row 3, column 'Street': 'Oak Avenue N' has no house number: no carrier can deliver to a street "
        "alone. Write the number in front (e.g. 12 Oak Avenue N).",
        "Row 4, column 'Street': 'Martin Luther King Jr. Blvd' has no house number: no carrier can deliver "
        "to a street alone. Write the number in front (e.g. 12 Martin Luther King Jr. Blvd).",
    ]
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    assert sorted(li["PhysicalDeliveryAddress"]["Name"] for li in ordered_lines()) == [
        "Di Pan", "Ed Wu", "Fay Li", "Gus Tan", "Hal Ng", "Ida Wu"
    ]  # fmt: skip


def test_a_whole_address_cell_not_read_is_no_street_said_sent_with_a_line_2(tmp_path: Path) -> None:
    """Found by newcomer21 (N7): a Workday export's 'Primary Home Address' of whole addresses (no City or State
    column), one a UK address of three lines: the notice said "each later line is sent as line 2 (row 2: 'Flat
    2, 14 King St' as line 1, 'London SW1A 1AA United Kingdom' as line 2)", and row 2 was an error, sent
    nowhere. Without a City or State column (or default) a cell of lines is read as a whole address or is an
    error: no street goes with a line 2. With the city and state given for every row, it does, said so."""
    from intake_fixtures import sandbox_catalog

    from bulkship.load import load_sheet
    from bulkship.program import ProgramSettings
    from bulkship.validate import validate

    path = tmp_path / "workday.csv"
    path.write_text(
        "Worker,Primary Home Address,Product,Value\n"
        '"Novak, Ivan","Flat 2, 14 King St\nLondon SW1A 1AA\nUnited Kingdom",CVS,50\n'
        '"Ray, Bo","5 Oak St\nBoston, MA 02134",CVS,50\n'
        '"Orr, Cy","7 Elm St\nApt 2\nBoston, MA 02134",CVS,50\n'
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["status"].tolist() == ["invalid", "valid", "valid"]
    assert not [n for n in result.sheet.notices if "as line 2" in n], result.sheet.notices
    program = ProgramSettings(defaults={"city": "Boston", "state": "MA", "zip": "02134"})
    path.write_text('Name,Street,Product,Value\nAnn Lee,"1 Main St\nApt 4",CVS,50\n')
    given = validate(load_sheet(path, program=program), sandbox_catalog(), program=program)
    assert given.rows[["address1", "address2"]].values.tolist() == [["1 Main St", "Apt 4"]]
    assert [n for n in given.sheet.notices if "'1 Main St' as line 1, 'Apt 4' as line 2" in n], (
        given.sheet.notices
    )
