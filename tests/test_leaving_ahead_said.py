"""A row sent whose person leaves on a day to come ('Terminated 1/15/2027', 'Last day 12/31' in a note or a
status, a 'Termination Date' of 2027-02-01): sent as any row, the leaving said nowhere in validate's answer
or the result workbook (the lead's closing note of session 49, leftover 5; review73). A warning on the row
says it now; a leaving passed (left out), a journey and a row with no leaving say nothing."""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path

import pytest

from bulkship.cli import main

ROWS = [  # (Notes, Termination Date)
    ("Terminated 1/15/2027", ""), ("", "2027-02-01"), ("Last day 12/31", ""), ("Terminated 11/1/2026", ""),
    ("Leaving 12/20 for vacation", ""), ("", ""), ("Vol. term 1/15/2027", ""),
]  # fmt: skip


HEADERS = ["Name", "Address", "City", "State", "ZIP", "Product", "Value"]
_SAID = (
    "the card is sent now, while the person still works there (a run on or after that day leaves the row "
    "out)."
)


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_row_sent_whose_leaving_is_to_come_says_so(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    path = tmp_path / "list.csv"
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([*HEADERS, header, "Termination Date"])
        for i, (note, day) in enumerate(ROWS):
            person = [f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "50"]
            writer.writerow([*person, note, day])
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 0
    answer = json.loads(capsys.readouterr().out)
    said = {p["row"]: p for p in answer["problems"] if "the person leaves on" in p["message"]}
    assert sorted(said) == [2, 3, 4, 8]
    assert said[2]["message"] == (
        f"Row 2, column '{header}': says 'Terminated 1/15/2027': the person leaves on 1/15/2027: {_SAID}"
    )
    assert said[3]["message"] == (
        f"Row 3, column 'Termination Date': '2027-02-01': the person leaves on 2027-02-01: {_SAID}"
    )
    assert {p["severity"] for p in said.values()} == {"warning"}


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_row_asking_whether_to_send_is_not_said_sent_now(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Resigned - last day 12/31?' asks whether its card goes (46b58ca4): the row also had the warning "the
    card is sent now, while the person still works there", where nothing is sent until someone answers
    (found by review74). A leaving to come not asked about keeps its warning."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    path = tmp_path / "list.csv"
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([*HEADERS, header])
        for i, note in enumerate(["Resigned - last day 12/31?", "Last day 12/31"]):
            writer.writerow([f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "50", note])
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [(p["row"], p["severity"]) for p in problems if p["row"] == 2] == [(2, "error")], problems
    assert "is this card to be sent?" in next(p["message"] for p in problems if p["row"] == 2)
    assert [p["message"].endswith(_SAID) for p in problems if p["row"] == 3] == [True], problems


@pytest.mark.parametrize("name", ["farewell-gifts.csv", "Retirement gifts 2026.csv"])
def test_a_farewell_list_s_last_day_alone_says_no_leaving_to_come(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a list its name calls one of people leaving (:func:`bulkship.load.skipped.leavingday.farewell_list`)
    'Last day 12/31' warned "a run on or after that day leaves the row out": untrue, a last day alone is no
    reason to leave a farewell list's row out, and a run after the day sends it (review73's leftover 6;
    review75). No warning there until the day, a warning naming the leaver after it. 'Terminated 1/15/2027'
    asks (one let go: the lead's decision, session 51; was sent, then left out after the day), and a
    'Termination Date' to come says a run on or after that day asks (review77)."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    path = tmp_path / name
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([*HEADERS, "Notes", "Termination Date"])
        for i, (note, day) in enumerate(ROWS[:3]):
            writer.writerow(
                [f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "50", note, day]
            )
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 1
    answer = json.loads(capsys.readouterr().out)
    said = {p["row"]: (p["severity"], p["message"]) for p in answer["problems"]}
    assert sorted(said) == [2, 3]
    assert said[2][0] == "error" and "let go: is this farewell card to be sent?" in said[2][1]
    assert said[3][1].endswith("(a run on or after that day asks whether to send it).")
    assert answer["valid"] == 2
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2027, 2, 5))
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 1  # (the days passed)
    answer = json.loads(capsys.readouterr().out)
    assert answer["skipped"] == []
    said = {p["row"]: (p["severity"], p["message"]) for p in answer["problems"]}
    assert [said[row][0] for row in (2, 3, 4)] == ["error", "error", "warning"]
    assert "'Termination Date' has passed" in said[3][1] and "whose leavers are its recipients" in said[4][1]


def test_a_leaving_day_written_as_an_excel_serial_is_said_as_its_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Workday export's 'Termination Date' = 46395 (General format) was said "the person leaves on 46395"
    (found by newcomer29): the day it is, 2027-01-08, the cell quoted as written."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    path = tmp_path / "list.csv"
    path.write_text(
        ",".join([*HEADERS, "Termination Date"]) + "\nAnn Lee,1 Main St,Boston,MA,02134,CVS,50,46395\n"
    )
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 0
    [problem] = json.loads(capsys.readouterr().out)["problems"]
    assert problem["message"] == (
        f"Row 2, column 'Termination Date': '46395': the person leaves on 2027-01-08: {_SAID}"
    )
