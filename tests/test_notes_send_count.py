"""A note asking to send a number of cards where the count goes on ('Send 2 - one for spouse', 'Send two
please', 'Order 2', 'send her 2', 'needs 2', '2 please') is the error asking which number is right, as 'Send
2' alone is (test_street_cells). Found by hunter-vendor36 (the brief's 'send 2' leftover): each of these was
valid and ordered one card, exit 0, the second card the note asked for said nowhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_street_cells import one_note_a_row, ordered_lines, validate

from bulkship.cli import main

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

ASKS_FOR_MORE = [
    "send 2 - one for spouse",
    "Send 2 (one for spouse)",
    "Send 2; one for wife",
    "send two",
    "Send two please",
    "please send 2 to this address",
    "send her 2",
    "send 2x",
    "send 2 of them",
    "Order 2",
    "order two",
    "Give 2",
    "needs 2",
    "2 please",
    # one card more than the row's, for someone beside the person
    "send an extra card",
    "Extra card for spouse",
    "one extra for spouse",
    "1 extra for wife",
    "+1 for spouse",
    "plus one for spouse",
    "add one for wife",
    "and one for his wife",
    "include an extra gift card",
    "One more for his wife",
    "Spouse gets one too",
    "Send one more",
]
# a day, a time, a while, a range of days, a count of something else, the row's own one card
NO_COUNT = [
    "Send 2/15",
    "Send 2 weeks before",
    "Ship 3-5 days",
    "Send 2 to 3 weeks before",
    "Send 2nd week of Dec",
    "send 10am",
    "Send 2:30",
    "Send 2 emails",
    "Mail 2 - 3 wks",
    "Needs 2 signatures",
    "give 2 weeks notice",
    "Send 1 please",
    # a shipping speed (review65 on 97edd2d3: 'which number of cards is right?' invited a second card)
    "Ship 2-day",
    "Ship 2-day air",
    "Send 3-day select",
    "Order 2-day shipping",
    "Send 2 - day",
    # an extra of something else, a card sent again, a phone
    "extra careful - fragile",
    "extra postage paid",
    "an extra day to ship",
    "1 extra for postage",
    "send another card",
    "+1 555 1212",
    "one more thing: call first",
    "Send one more time if returned",
    # a limit, a while, a shift, a card printed on both sides (hunter-asks3's counts kept apart)
    "Max 2 per person",
    "Limit 2 per person",
    "He gets 2 weeks off",
    "Gets 2 days PTO",
    "He gets 2nd",
    "double sided card",
    "Double booked",
    "Double shift",
    "Works double shifts",
]
# the count said as what the person gets, so many a person, or the card doubled: each ordered one card, exit
# 0, under Notes and a person's Status alike (found by hunter-asks3; Status 'Send 2' too)
SAYS_MORE = [
    "double",
    "Double up",
    "send double",
    "Double - one for spouse",
    "triple",
    "Double award",
    "Triple reward",
    "2 per person",
    "Two per employee",
    "2 each",
    "Send 2 per person",
    "He gets 2",
    "gets two",
    "She gets 2 - one for wife",
    "should get 2",
    "receives 2",
    "Entitled to 2",
    "2 for him",
    "2 - one for spouse",
    "Send 2",
    "send 2 - one for spouse",
    "Extra card for spouse",
]


def test_a_note_asking_for_another_number_of_cards_as_it_goes_on_stops_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = one_note_a_row(tmp_path / "notes.csv", ASKS_FOR_MORE, "CVS", 25)
    code, data = validate(capsys, path)
    errors = {p["row"]: p["message"] for p in data["problems"] if p["severity"] == "error"}
    assert code == 1 and sorted(errors) == list(range(2, 2 + len(ASKS_FOR_MORE))), data["problems"]
    for row, note in enumerate(ASKS_FOR_MORE, start=2):
        assert errors[row] == (
            f"Row {row}, column 'Notes': says '{note}' where the row orders 1 card: which number of cards is "
            "right? Put the right one in a Quantity column and clear the 'Notes' cell."
        )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) != 0
    assert ordered_lines() == []  # none of them went out as one card


def test_a_note_naming_a_day_a_while_or_something_else_sends_its_one_card(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = one_note_a_row(tmp_path / "notes.csv", NO_COUNT, "CVS", 25)
    code, data = validate(capsys, path)
    assert [p for p in data["problems"] if p["severity"] == "error"] == []
    assert (code, data["valid"]) == (0, len(NO_COUNT))


def test_a_note_of_one_more_card_beside_a_quantity_of_two_is_why_it_is_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Quantity,Notes\n"
        "Ann Lee,1 Main St,Boston,MA,02108,CVS,25,2,one extra for spouse\n"
        "Bob Ray,2 Main St,Boston,MA,02108,CVS,25,1,one extra for spouse\n"
    )
    code, data = validate(capsys, path)
    assert code == 1 and [p["row"] for p in data["problems"] if p["severity"] == "error"] == [3], data


@pytest.mark.parametrize("header", ["Notes", "Status", "Employee Status"])
def test_a_count_said_as_what_the_person_gets_or_doubled_stops_the_row(
    header: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = one_note_a_row(tmp_path / "notes.csv", SAYS_MORE, "CVS", 25)
    path.write_text(path.read_text().replace(",Notes\n", f",{header}\n", 1))
    code, data = validate(capsys, path)
    errors = {p["row"]: p["message"] for p in data["problems"] if p["severity"] == "error"}
    assert code == 1 and sorted(errors) == list(range(2, 2 + len(SAYS_MORE))), data["problems"]
    for row, note in enumerate(SAYS_MORE, start=2):
        assert errors[row] == (
            f"Row {row}, column '{header}': says '{note}' where the row orders 1 card: which number of cards "
            f"is right? Put the right one in a Quantity column and clear the '{header}' cell."
        )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) != 0
    assert ordered_lines() == []  # none of them went out as one card
