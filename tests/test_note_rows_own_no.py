"""A note on a row of its own naming a recipient whose own no it tells ('Declined by Ann Lee' under the
list) or adding them to what it says of the rows under it ('Below: on hold (Bob Ray too)'): that person's
row is an error (bulkship acts on no note), never a card (bulkship/load/problems/notenames.py,
skipped/noteabout.py)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from bulkship.cli import main

HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Value"]
PEOPLE = [
    ["Ann Lee", "1 Main St", "Boston", "MA", "02108", "CVS", 25],
    ["Bob Ray", "2 Elm St", "Boston", "MA", "02134", "CVS", 25],
    ["Cy Orr", "3 Oak St", "Newton", "MA", "02458", "CVS", 25],
    ["Dee Fox", "4 Pine St", "Newton", "MA", "02458", "CVS", 25],
]


def _errors(capsys: pytest.CaptureFixture[str], path: Path, note: str, at: int) -> list[int]:
    """Validate the four people with ``note`` on a row of its own before PEOPLE[at] (at 4: under the list):
    the rows in error."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for i, person in enumerate([*PEOPLE, None]):
        if i == at:
            sheet.append([note])
        if person:
            sheet.append(person)
    book.save(path)
    main(["validate", str(path), "--json", "--out", str(path.parent / "out")])
    data = json.loads(capsys.readouterr().out)
    return sorted({p["row"] for p in data["problems"] if p["severity"] == "error"})


@pytest.mark.parametrize(
    ("note", "named"),
    [("Declined by Ann Lee", [2]), ("Gift declined by Ann Lee", [2]), ("Opted out per Ann Lee", [2]),
     ("Prepared by Ann Lee", []), ("Approved by Ann Lee", []), ("Sent by Ann Lee", []),
     ("Terminated by Ann Lee", [])],
)  # fmt: skip
def test_a_note_under_the_list_telling_a_recipient_s_own_no_by_name_stops_their_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], note: str, named: list[int]
) -> None:
    """Found by the lead (hunter-sends5's brief): under the list, a row 'Declined by Ann Lee' (or 'Opted out
    per Ann Lee') sent Ann a card, validate exit 0: read without her name, 'Declined by' said nothing. Her row
    is an error now, as under 'Ann Lee - declined'; a name after a verb of the list's author or of what
    another did ('Prepared by', 'Approved by', 'Sent by', 'Terminated by') holds no row of hers."""
    assert _errors(capsys, tmp_path / "list.xlsx", note, 4) == named


@pytest.mark.parametrize(
    "note", ["Below: on hold (Bob Ray too)", "Below: deceased (Bob Ray too)", "Below: on hold - Bob Ray also"]
)
def test_a_heading_adding_a_person_above_it_with_too_stops_that_person_s_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], note: str
) -> None:
    """Found by the lead (hunter-sends5's brief): a heading 'Below: on hold (Bob Ray too)' between Bob Ray's
    row and Cy Orr's left Cy and Dee out under it and sent Bob a card, validate exit 0: read without his name
    the note was 'Below: on hold too', whose 'too' hid the hold. Bob's row is an error now (make the change on
    it); the rows under the heading are left out as before."""
    assert _errors(capsys, tmp_path / "list.xlsx", note, 2) == [3]


@pytest.mark.parametrize(
    ("note", "named"),
    [("Refused by Ann Lee", [2]), ("Refused per Ann Lee", [2]), ("Withdrawn by Ann Lee", [2]),
     ("Refused: Ann Lee", [2]), ("Ann Lee refused", [2]), ("Ann Lee (withdrawn)", [2]),
     ("Ann Lee refused to answer", []), ("Refund approved by Ann Lee", []), ("Refusal noted by Ann Lee", []),
     ("Prepared by Ann Lee", [])],
)  # fmt: skip
def test_a_note_under_the_list_telling_a_recipient_refused_by_name_stops_their_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], note: str, named: list[int]
) -> None:
    """Found by hunter-sends5 (their leftover 5), given to hunter-sends7: under the list a row 'Refused by Ann
    Lee' (or 'Withdrawn by Ann Lee', 'Ann Lee refused') sent Ann a card, validate exit 0, where 'Declined by
    Ann Lee' stops her row: 'refused' alone says nothing in a Notes cell (a survey's answer), and the note
    row's words were not read at all. Her row is an error now; a refusal of something else, or a name after
    the author's verb, holds no row of hers."""
    assert _errors(capsys, tmp_path / "list.xlsx", note, 4) == named


@pytest.mark.parametrize(
    ("note", "named"),
    [("Below on hold, Bob Ray as well", [3]), ("Below on hold, Bob Ray too", [3]),
     ("Terminated below, Bob Ray too", [3]), ("Below on hold (ask Bob Ray too)", []),
     ("Below on hold (per Bob Ray too)", [])],
)  # fmt: skip
def test_a_heading_without_a_colon_adding_a_person_above_it_stops_that_person_s_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], note: str, named: list[int]
) -> None:
    """Found by hunter-sends7 (its item 2), fixed by hunter-sends8: a heading 'Below on hold, Bob Ray as well'
    between Bob's row and Cy's left Cy and Dee out under it and ordered Bob, exit 0: without its colon,
    'Below on hold' is no Notes cell's no, and the name was read as said of nothing. A heading over rows not
    to send adding a person with 'too' or 'as well' stops that person's row; not one naming who to ask."""
    assert _errors(capsys, tmp_path / "list.xlsx", note, 2) == named
