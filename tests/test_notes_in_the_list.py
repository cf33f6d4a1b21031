"""A note typed on a row of its own inside the list ('Bob Ray - deceased' between the rows) is about the
recipient it names beside it, not a heading over the rows under it; a heading stays a heading
(bulkship/load/skipped/noteabout.py, headings.py)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from bulkship.cli import main
from bulkship.statuses import NOT_YET_REASON

HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Value"]
PEOPLE = [
    ["Ann Lee", "1 Main St", "Boston", "MA", "02108", "CVS", 25],
    ["Bob Ray", "2 Elm St", "Boston", "MA", "02134", "CVS", 25],
    ["Cy Orr", "3 Oak St", "Newton", "MA", "02458", "CVS", 25],
    ["Dee Fox", "4 Pine St", "Newton", "MA", "02458", "CVS", 25],
    ["Eli Park", "5 Cedar St", "Quincy", "MA", "02169", "CVS", 25],
]


def _validate(capsys: pytest.CaptureFixture[str], path: Path) -> dict:
    main(["validate", str(path), "--json", "--out", str(path.parent / "out")])
    return json.loads(capsys.readouterr().out)


def _list_with_note(path: Path, note: str, at: int) -> Path:
    """The five people, the note on a row of its own before PEOPLE[at] (sheet row at + 2)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for i, person in enumerate(PEOPLE):
        if i == at:
            sheet.append([note])
        sheet.append(person)
    book.save(path)
    return path


# (the note, where it stands, the row of the person it names: an error)
ABOUT_ONE = [
    ("Bob Ray - deceased", 1, 4),  # above Bob (row 4), Cy, Dee and Eli under it
    ("Bob Ray - deceased", 2, 3),  # below Bob (row 3)
    ("Deceased: Cy Orr", 2, 5),  # above Cy (row 5)
    ("Hold Cy Orr until HR confirms address", 2, 5),
    ("Cy Orr (terminated)", 2, 5),
    ("Cy Orr - opted out", 3, 4),  # below Cy (row 4)
    ("Dee's card already mailed", 3, 6),  # above Dee (row 6)
    ("DNS - Dee Fox", 3, 6),
    ("Cy Orr - sent 11/20", 2, 5),
]


@pytest.mark.parametrize(("note", "at", "named"), ABOUT_ONE)
def test_a_note_inside_the_list_naming_the_recipient_beside_it_is_no_heading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], note: str, at: int, named: int
) -> None:
    """Found by hunter-sheets22 (leftover 1): 'Bob Ray - deceased' typed on a row of its own between Ann
    Lee's and Bob Ray's rows was read as a heading over rows not to send: Bob, Cy, Dee and Eli were all left
    out 'under the heading', three people a card for nothing (and typed under Bob's row, Bob was named while
    everyone below was left out). The note is about the person it names beside it: that row is an error
    (make the change on it, then delete the note), and the people under it are sent."""
    data = _validate(capsys, _list_with_note(tmp_path / "list.xlsx", note, at))
    note_row = at + 2
    errors = [p for p in data["problems"] if p["severity"] == "error"]
    assert [p["row"] for p in errors] == [named], errors
    assert f"the note on row {note_row}" in errors[0]["message"]
    assert [s["row"] for s in data["skipped"]] == [note_row], data["skipped"]
    assert data["skipped"][0]["kind"] in ("note", "not to send")  # (no recipient: its own words)
    assert (data["valid"], data["invalid"]) == (4, 1)


# (a heading saying to send the rows above, naming one of them apart, what leaves it out in brackets)
EXCEPTED_IN_BRACKETS = [
    "Above OK except Bob Ray (deceased)",
    "Above: send except Bob Ray (deceased)",
    "Above OK except Bob (deceased)",
    "Above OK (Bob Ray: on hold)",
]


@pytest.mark.parametrize("note", EXCEPTED_IN_BRACKETS)
def test_a_heading_naming_the_row_above_apart_in_brackets_holds_that_row_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], note: str
) -> None:
    """Found by hunter-sends4 (hunter-sends3's leftover, a heading naming an exception): under Bob Ray's row,
    a row of its own 'Above OK except Bob Ray (deceased)' (or 'Above OK (Bob Ray: on hold)') sent Bob Ray a
    card, exit 0, and left Cy Orr, Dee Fox and Eli Park under it out 'under the heading': its words without
    the name read 'Above OK except deceased', no clause saying no of Bob, so it was no note about him but a
    heading over the rows below, where 'Above OK except Bob Ray - deceased' is about Bob. A bracket parts a
    note's words as a dash does now: Bob's row is an error (make the change on it), the rows under the note
    are sent."""
    data = _validate(capsys, _list_with_note(tmp_path / "list.xlsx", note, 2))
    errors = [p for p in data["problems"] if p["severity"] == "error"]
    assert [p["row"] for p in errors] == [3], errors
    assert "the note on row 4" in errors[0]["message"]
    assert [s["row"] for s in data["skipped"]] == [4], data["skipped"]
    assert (data["valid"], data["invalid"]) == (4, 1)


HEADINGS = [
    "REMOVED - do not send",
    "Bob Ray's team - already sent",  # a group: Bob's row is named, the rows under it out
    "Already sent by Bob Ray",  # who sent them
    "Do not send - check with Bob Ray",
    "Hold - per Bob Ray",
]


@pytest.mark.parametrize("heading", HEADINGS)
def test_a_heading_over_rows_not_to_send_naming_someone_stays_a_heading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """A heading naming a recipient as the one who decided, or the group under it, still leaves every row
    under it out: read as a note about that person, a team sent already would be sent again."""
    data = _validate(capsys, _list_with_note(tmp_path / "list.xlsx", heading, 2))
    under = [s["row"] for s in data["skipped"] if s["kind"] == "not to send"]
    assert under == [5, 6, 7], data["skipped"]


REACHING_FURTHER = [
    "Cy Orr - Eli Park: terminated",  # the first and the last of the rows under it
    "Terminated: Cy Orr thru Eli Park",
    "Cy Orr through Eli Park - terminated",
    "Cy Orr et al. - terminated",
]


@pytest.mark.parametrize("heading", REACHING_FURTHER)
def test_a_heading_naming_the_first_of_the_rows_under_it_and_more_stays_a_heading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """Found by review37 reviewing 6fcba56f: a row of its own over Cy Orr, Dee Fox and Eli Park naming the
    first and the last of them ('Cy Orr - Eli Park: terminated', 'Terminated: Cy Orr thru Eli Park'), or the
    first 'et al.', was read as a note about the people it names: Cy's (and Eli's) rows errors, Dee Fox
    between them sent a card, exit 3 (and Eli too for 'et al.'), where every row under it was left out
    before. A note naming a recipient not beside it, or reaching past them, is a heading: the three are left
    out under it."""
    data = _validate(capsys, _list_with_note(tmp_path / "list.xlsx", heading, 2))
    under = [s["row"] for s in data["skipped"] if s["kind"] == "not to send"]
    assert under == [5, 6, 7], data["skipped"]
    assert data["valid"] == 2, data


POINTING_UP = [
    "^ deceased - do not send", "Above: left company", "Row above - on hold", "↑ already sent 11/20",
    "Previous row: terminated", "Deceased (see above)", "^^ do not send",
]  # fmt: skip


@pytest.mark.parametrize("note", POINTING_UP)
@pytest.mark.parametrize("column", ["Name", "Notes"])
def test_a_note_inside_the_list_pointing_at_the_row_above_is_about_that_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], note: str, column: str
) -> None:
    """Found by hunter-sheets23: '^ deceased - do not send' (or 'Above: left company', 'Row above - on
    hold', '↑ already sent 11/20') typed on a row of its own under Bob Ray's row, in the first column or the
    Notes column, was read as a heading over rows not to send: Bob was sent a card, exit 0 (a card to the
    dead, a second card), and Cy, Dee and Eli under it were left out for nothing. The note is about the row
    it points at: that row is an error, the rows under it are sent."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([*HEADER, "Notes"])
    for i, person in enumerate(PEOPLE):
        if i == 2:
            sheet.append([note] if column == "Name" else [None] * len(HEADER) + [note])
        sheet.append(person)
    book.save(tmp_path / "list.xlsx")
    data = _validate(capsys, tmp_path / "list.xlsx")
    errors = [p for p in data["problems"] if p["severity"] == "error"]
    assert [p["row"] for p in errors] == [3], errors  # Bob Ray, right above the note
    assert "the note on row 4" in errors[0]["message"] and "points at Bob Ray" in errors[0]["message"]
    assert [s["row"] for s in data["skipped"]] == [4], data["skipped"]
    assert (data["valid"], data["invalid"]) == (4, 1)


POINTING_FURTHER = [
    "Row above - on hold, same for next 3",
    "^ deceased, next two as well",
    "^ left company; same goes for the rows below",
]


@pytest.mark.parametrize("note", POINTING_FURTHER)
def test_a_note_pointing_at_the_row_above_and_the_rows_under_it_stays_a_heading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], note: str
) -> None:
    """Found by review37 reviewing 333b5e39: 'Row above - on hold, same for next 3' (or '^ deceased, next two
    as well') under Bob Ray's row was read as a note about Bob alone: Cy Orr, Dee Fox and Eli Park under it
    were sent, exit 3, where they were left out before. A note saying it reaches the rows under it too is a
    heading over them: they are left out (and Bob Ray, the row it points at: below)."""
    data = _validate(capsys, _list_with_note(tmp_path / "list.xlsx", note, 2))
    under = [s["row"] for s in data["skipped"] if s["kind"] == "not to send"]
    assert under == [3, 5, 6, 7], data["skipped"]


POINTING_BOTH_WAYS = [
    "^ deceased - and everyone below", "^ terminated (also the 3 below)",
    "^ deceased, everyone below too",
]  # fmt: skip


@pytest.mark.parametrize("note", POINTING_BOTH_WAYS)
def test_a_heading_pointing_at_the_row_above_too_leaves_that_row_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], note: str
) -> None:
    """Found by review37 (its leftover): '^ deceased - and everyone below' (or '^ terminated (also the 3
    below)') typed on a row of its own under Bob Ray's row left Cy Orr, Dee Fox and Eli Park under it out, and
    Bob Ray, the row it points at, was ordered, exit 0: a card to the dead. The row right above a heading
    pointing at it is left out with the rows under it, the heading named as why. ('Above and below:
    terminated' is said of every row above: test_headings_still_to_send.)"""
    data = _validate(capsys, _list_with_note(tmp_path / "list.xlsx", note, 2))
    out = {s["row"]: s["reason"] for s in data["skipped"] if s["kind"] == "not to send"}
    assert sorted(out) == [3, 5, 6, 7], data["skipped"]
    assert out[3].startswith(f"the heading under it points at it ('{note}', row 4)"), out[3]
    assert data["valid"] == 1  # Ann Lee


@pytest.mark.parametrize(
    "note",
    [
        "Above: approved. Below: declined", "Terminated employees (active ones above)",
        "Deceased (not the ones above)", "Above this line: send. Do not send below",
        "The above are fine; below: do not send",
    ],
)  # fmt: skip
def test_a_heading_saying_apart_what_holds_for_the_rows_above_says_it_of_them_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], note: str
) -> None:
    """'Above: approved. Below: declined' under Bob Ray says no only of the rows under it: Bob is sent. So do
    'Terminated employees (active ones above)', 'Deceased (not the ones above)', 'Above this line: send. Do
    not send below' (found by review39 reviewing d7233d28: Bob was left out)."""
    data = _validate(capsys, _list_with_note(tmp_path / "list.xlsx", note, 2))
    out = [s["row"] for s in data["skipped"] if s["kind"] == "not to send"]
    assert out == [5, 6, 7], data["skipped"]
    assert data["valid"] == 2  # Ann Lee, Bob Ray


@pytest.mark.parametrize(
    "note",
    [
        "Deceased (also Bob above)", "Terminated employees (including the one above)",
        "Deceased - same for the row above", "Do not send (incl. above)", "Do not send below or above",
        "Do not send - the row above and these three", "Terminated employees (see also above)",
        "Terminated below, the one above too", "Terminated (above too)",
    ],
)  # fmt: skip
def test_a_heading_naming_the_row_above_among_its_people_leaves_it_out_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], note: str
) -> None:
    """Found by review40 reviewing b6646dcb: a heading under Bob Ray naming the row above among those it
    leaves out without opening on it, 'Deceased (also Bob above)', 'Terminated employees (including the one
    above)', 'Do not send (incl. above)', 'Do not send below or above', left Cy, Dee and Eli out and ordered
    Bob, exit 0, where b6646dcb^ left him out too (a card to the dead). The row above is left out with them
    unless the heading keeps it apart ('not the ones above', 'active ones above': the test above)."""
    data = _validate(capsys, _list_with_note(tmp_path / "list.xlsx", note, 2))
    out = [s["row"] for s in data["skipped"] if s["kind"] == "not to send"]
    assert out == [3, 5, 6, 7], data["skipped"]
    assert data["valid"] == 1  # Ann Lee


@pytest.mark.parametrize(
    ("note", "rows"),
    [("Note: the person above passed away", [3]), ("FYI - the employee above is a duplicate", [3]),
     ("Both above are duplicates", [2, 3]), ("The two above: deceased", [2, 3]),
     ("^ do not send before 12/20/2099", [3])],
)  # fmt: skip
def test_a_note_row_saying_no_of_the_one_or_two_rows_above_it_in_a_sentence_holds_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], note: str, rows: list[int]
) -> None:
    """Found by review40: a note typed on a row of its own under Bob Ray's, 'Note: the person above passed
    away' (or 'Both above are duplicates' under Ann Lee's and Bob's), was an error of its own (no street)
    and the rows it points at were ordered, exit 3: a card to the dead, cards to duplicates. Said in a
    sentence, or of the two rows above, it is read as '^ deceased' is: each row it points at is an error
    until the change is made on it. ('Above: hold until 1/15/2099' holds every row above to its day now, as
    'Above: on hold' holds them: the lead's decision, session 53; the test below.)"""
    data = _validate(capsys, _list_with_note(tmp_path / "list.xlsx", note, 2))
    named = [p["row"] for p in data["problems"] if p["severity"] == "error" and "points at" in p["message"]]
    assert named == rows, data["problems"]
    assert data["valid"] == 5 - len(rows)


def test_a_note_row_holding_the_rows_above_until_a_day_holds_each_to_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Above: hold until 1/15/2099' under Ann Lee and Bob Ray made Bob an error and its own row one (no
    street): deleted and Bob answered, Ann, held, was ordered. As 'Above: on hold' and 'Above: hold until
    <day>. Below: new' do, it holds every row above to the day (the lead's decision, session 53); the rows
    under it go."""
    data = _validate(capsys, _list_with_note(tmp_path / "list.xlsx", "Above: hold until 1/15/2099", 2))
    held = {s["row"]: s["reason"] for s in data["skipped"] if s["kind"] == "not to send"}
    why = f"{NOT_YET_REASON} (the heading on row 4: 'Above: hold until 1/15/2099')"  # (its day past reach)
    assert held == {2: why, 3: why}, data["skipped"]
    assert [p["row"] for p in data["problems"] if p["severity"] == "error"] == []
    assert data["valid"] == 3  # Cy Orr, Dee Fox, Eli Park


GONE_HEADINGS = [
    "Inactive employees", "Inactive", "INACTIVE (3)", "Leavers", "Terminations", "Separated employees",
    "Ex-employees", "Inactive staff", "Employees who left", "No longer with us",
]  # fmt: skip
OTHER_HEADINGS = ["Inactive donors", "Former employees", "Leavers' party guests", "Active employees", "Sales"]


@pytest.mark.parametrize("heading", [*GONE_HEADINGS, *OTHER_HEADINGS])
def test_a_heading_naming_its_people_gone_leaves_the_rows_under_it_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """Found by review40 (its LO2, holiday_heading_19.csv), fixed by hunter-sends2: a holiday list's heading
    'Inactive employees' (or 'Inactive', 'Leavers', 'Terminations', 'Ex-employees', 'Employees who left', 'No
    longer with us') over Cy Orr, Dee Fox and Eli Park was read as nothing and each card ordered, exit 0,
    where 'Terminated employees' leaves them out. They are left out now under it; a heading naming whom a
    win-back or an alumni gift is for ('Inactive donors', 'Former employees') still sends them."""
    data = _validate(capsys, _list_with_note(tmp_path / "list.xlsx", heading, 2))
    out = [s["row"] for s in data["skipped"] if s["kind"] == "not to send"]
    assert out == ([5, 6, 7] if heading in GONE_HEADINGS else []), data["skipped"]


REPLACING_HEADINGS = [
    "Below: new (replacing those who left)", "New hires (replacing those who left)",
    "New staff in place of those who left", "Replacements for those who left",
    "Backfilling for those who left",
]  # fmt: skip


@pytest.mark.parametrize("heading", [*REPLACING_HEADINGS, "Employees who left (replacements below)"])
def test_a_heading_over_those_replacing_people_who_left_sends_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """Found by review60 (its drop 3), fixed by review63: a heading 'Below: new (replacing those who left)'
    (or 'New hires (replacing those who left)', 'Replacements for those who left') over Cy Orr, Dee Fox and
    Eli Park was read as 'Employees who left' is and each was left out, exit 0: the new people the heading
    names got no card. They are sent; a heading naming the people who left ('Employees who left
    (replacements below)') still leaves the rows under it out."""
    data = _validate(capsys, _list_with_note(tmp_path / "list.xlsx", heading, 2))
    out = [s["row"] for s in data["skipped"] if s["kind"] == "not to send"]
    assert out == ([] if heading in REPLACING_HEADINGS else [5, 6, 7]), data["skipped"]


@pytest.mark.parametrize(
    "note",
    [
        "Everything above OK to send / everything below terminated", "Above OK to send; below terminated",
        "OK to send above / terminated below", "Everyone above: send. Everyone below: hold", "Below: hold",
        "Everyone below: hold", "Below this line: terminated", "Below: do not send (above OK)",
        "Above: approved, including the last one. Below: hold",
    ],
)  # fmt: skip
def test_a_heading_saying_to_send_the_rows_above_still_says_no_of_the_rows_below(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], note: str
) -> None:
    """Found by review39 (its leftover), fixed by hunter-sends2: a heading under Bob Ray 'Everything above OK
    to send / everything below terminated' (or 'Above OK to send; below terminated', 'OK to send above /
    terminated below') had its words saying send read as said of Cy, Dee and Eli under it too: each was
    ordered, exit 0 (cards to people terminated). And 'Below: hold', 'Everyone below: hold' opened with their
    pointing, not with the hold, and were read as nothing. The rows below are judged by the heading's words
    for them alone, after the pointing; Bob, whom it says to send, is sent ('Below: do not send (above OK)'
    left him out too)."""
    data = _validate(capsys, _list_with_note(tmp_path / "list.xlsx", note, 2))
    out = [s["row"] for s in data["skipped"] if s["kind"] == "not to send"]
    assert out == [5, 6, 7], data["skipped"]
    assert data["valid"] == 2  # Ann Lee, Bob Ray


@pytest.mark.parametrize(
    "note",
    [
        "Below: do not send (above OK once address confirmed)",
        "Above OK to send, but not the last one. Below: hold",
        "The last one above and all below: hold", "Above approved; the last one above and all below: hold",
        "Above OK to send - NOT the one right above. Below: terminated",
        "Above OK (except the row right above: deceased); below terminated",
        "All above OK except the line above - deceased. Below: do not send",
        "Above fine, apart from the one just above (deceased). Below: DNS",
        "Above OK to send / below terminated / the row just above also terminated",
    ],
)  # fmt: skip
def test_a_heading_naming_the_row_right_above_apart_from_those_it_sends_leaves_it_out_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], note: str
) -> None:
    """Found by review42 reviewing 7b36504f: a heading under Bob Ray saying to send the rows above but naming
    the row right above apart ('Above OK to send, but not the last one. Below: hold', 'Above OK (except the
    row right above: deceased); below terminated'), or with the rows below ('The last one above and all below:
    hold'), or the rows above OK only once something comes ('Below: do not send (above OK once address
    confirmed)'), sent Bob, exit 0 (some sent Cy, Dee and Eli too). Bob is left out with the rows below."""
    data = _validate(capsys, _list_with_note(tmp_path / "list.xlsx", note, 2))
    out = [s["row"] for s in data["skipped"] if s["kind"] == "not to send"]
    assert out == [3, 5, 6, 7], data["skipped"]
    assert data["valid"] == 1  # Ann Lee


@pytest.mark.parametrize(
    "note",
    [
        "^^ all of the above: do not send", "All of the above: do not send", "All rows above: terminated",
        "^^ everyone above - deceased", "Everything above this line: do not send",
    ],
)  # fmt: skip
def test_a_heading_pointing_at_all_the_rows_above_leaves_them_all_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], note: str
) -> None:
    """Found by hunter-sends1 (its LO5), fixed by hunter-sends2: '^^ all of the above: do not send' (or 'All
    rows above: terminated', 'Everything above this line: do not send') typed on a row of its own under Bob
    Ray's row left Bob out, and the rows under it, but Ann Lee above Bob was ordered, exit 0. Every row above
    up to a blank row or another heading is left out now, the heading named as why ('^^ all of the above'
    moved here from the test of headings pointing both ways, where Ann was asserted sent). The rows under
    it, of whom it says nothing, go as their own cells say, as under 'Above: sent already' (the lead's
    decision, session 53: Cy, Dee and Eli were left out "under the heading", hunter-sends19's leftover)."""
    data = _validate(capsys, _list_with_note(tmp_path / "list.xlsx", note, 2))
    out = {s["row"]: s["reason"] for s in data["skipped"] if s["kind"] == "not to send"}
    assert sorted(out) == [2, 3], data["skipped"]
    assert out[2] == out[3] == f"the heading under it says so of the rows above it ('{note}', row 4)"
    assert data["valid"] == 3  # Cy Orr, Dee Fox, Eli Park


@pytest.mark.parametrize(
    "note",
    [
        "Above OK to send - rescinded. Below: terminated", "Above: approved then revoked; below: terminated",
        "Above was OK to send - now on hold, as is everyone below",
        "Above: OK to send? No - above and below terminated",
        "Above OK to send - wait, no: above and below both on hold",
        "Above: no longer OK to send. Below: terminated", "Above OK to send - not anymore. Below: hold",
    ],
)  # fmt: skip
def test_a_heading_taking_back_its_send_of_the_rows_above_leaves_them_out_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], note: str
) -> None:
    """Found by review42 (its LO3), fixed by hunter-sends3: a heading under Bob Ray saying to send the rows
    above and taking it back ('Above OK to send - rescinded. Below: terminated', 'Above: approved then
    revoked; below: terminated', 'Above was OK to send - now on hold, as is everyone below'), or saying no of
    them too ('Above: OK to send? No - above and below terminated'), left Cy, Dee and Eli out and ordered Ann
    Lee and Bob, exit 0. Every row above up to a blank row or another heading is left out now, as for 'All
    rows above: terminated'; 'Above OK to send. Below: terminated' still sends them (the test above)."""
    data = _validate(capsys, _list_with_note(tmp_path / "list.xlsx", note, 2))
    out = {s["row"]: s["reason"] for s in data["skipped"] if s["kind"] == "not to send"}
    assert sorted(out) == [2, 3, 5, 6, 7], data["skipped"]
    assert out[2] == out[3] == f"the heading under it points at it ('{note}', row 4)"
    assert data["valid"] == 0


def test_a_heading_taking_back_its_send_of_the_rows_above_then_giving_it_again_sends_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review44 reviewing f284c812: a heading under Bob Ray 'Above approved - rescinded then
    re-approved 12/1. Below: terminated' left Ann Lee and Bob out with Cy, Dee and Eli since f284c812: the
    approval given again was read as nothing. Ann and Bob are sent again (the same words as a Note send
    too)."""
    note = "Above approved - rescinded then re-approved 12/1. Below: terminated"
    data = _validate(capsys, _list_with_note(tmp_path / "list.xlsx", note, 2))
    assert [s["row"] for s in data["skipped"] if s["kind"] == "not to send"] == [5, 6, 7], data["skipped"]
    assert data["valid"] == 2


@pytest.mark.parametrize(
    "heading",
    ["Below: approval revoked", "Above: approved. Below: approval revoked", "Below: approval withdrawn",
     "Below: no longer approved", "Approval revoked for the rows below", "Eligibility revoked",
     "Below: approval revoked - re-approved 12/1", "Approval revoked in error - send"],
)  # fmt: skip
def test_a_heading_taking_back_the_approval_of_the_rows_under_it_leaves_them_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """Found by review44: a list's heading under Bob Ray 'Below: approval revoked' (or 'Below: approval
    withdrawn', 'Below: no longer approved', 'Approval revoked for the rows below') was read as nothing and
    Cy, Dee and Eli were ordered, exit 0, a card each the list had taken back. They are left out now; an
    approval given again after ('... - re-approved 12/1') or revoked in error still sends them."""
    data = _validate(capsys, _list_with_note(tmp_path / "list.xlsx", heading, 2))
    out = [s["row"] for s in data["skipped"] if s["kind"] == "not to send"]
    assert out == ([] if "re-approved" in heading or "in error" in heading else [5, 6, 7]), data["skipped"]


# (the heading, where it stands, the row of the person it names apart: left out)
SEND_BUT_FOR = [
    ("All of the above: send (Bob Ray excluded)", 4, 3),  # under Ann, Bob, Cy, Dee; Eli under it
    ("Below OK except Cy Orr (terminated)", 0, 5),  # over all five
    ("All below OK to send except for Cy Orr - terminated", 0, 5),
    ("Everyone below: send, but not Dee Fox (left)", 1, 6),
    ("Below OK except Cy Orr", 0, 5),  # (read as a row without a street: Cy was sent)
]


@pytest.mark.parametrize(("note", "at", "named"), SEND_BUT_FOR)
def test_a_heading_saying_send_but_for_a_person_it_names_leaves_out_that_person_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], note: str, at: int, named: int
) -> None:
    """A known drop: a row of its own 'All of the above: send (Bob Ray excluded)' or 'Below OK except Cy Orr
    (terminated)' was read as a heading over rows not to send: every row under it was left out (Eli Park, or
    all five), though it says to send them and names the one apart; 'Below OK except Cy Orr' was read as a
    recipient's row without a street, and Cy was sent. It is a note about the person it names now: that
    person's row is left out, saying so, every other row is sent. 'Terminated - all
    below' headings, and exceptions naming nobody of the list, stay headings (the tests above)."""
    data = _validate(capsys, _list_with_note(tmp_path / "list.xlsx", note, at))
    assert [s["row"] for s in data["skipped"]] == sorted([at + 2, named]), data["skipped"]
    assert (data["valid"], data["invalid"]) == (4, 0)
    said = next(s["reason"] for s in data["skipped"] if s["row"] == named)
    assert said == f"the note on row {at + 2} names it apart ('{note}')"
