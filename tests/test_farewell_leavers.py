"""A farewell list's leavers are its recipients. On a list its title calls one of people leaving
('farewell-gifts.csv', 'Retirement gifts 2026'), 'Last day 11/20' was sent while 'Resigned 11/20', 'Resigned
- last day 11/20', 'Resigned', 'Terminated 11/20' and a passed 'Termination Date' were left out, nobody asked
(review75's Found 1). The lead's decision (session 51): a resignation, retirement or last day is sent with a
warning naming the row; a termination asks; a death stays left out. 'retirement-plan-staff.csv' is no
farewell list: its resignations are left out as on any staff list."""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path

import pytest

from bulkship.cli import main

HEADERS = ["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes", "Termination Date"]
ROWS = [  # (Notes, Termination Date, what a farewell list does)
    ("Last day 11/20", "", "warned"), ("Resigned 11/20", "", "warned"), ("Terminated 11/20", "", "asked"),
    ("Resigned - last day 11/20", "", "warned"), ("Deceased 11/20", "", "out"), ("Resigned", "", "warned"),
    ("Laid off", "", "asked"), ("Terminated 1/15/2027", "", "asked"), ("Resigned 1/15/2027", "", "sent"),
    ("", "2026-11-20", "asked"), ("", "", "sent"), ("Resigned - do not send", "", "out"),
    ("Resigned - estate", "", "asked"), ("Resigned 11/20 - send to home", "", "sent"),
    ("Terminated - rescinded", "", "sent"), ("Resigned", "2026-11-20", "asked"),
    ("Terminated? Yes", "", "asked"), ("Left company? yes", "", "warned"),
    ("Active - leaving 11/15", "", "warned"),
]  # fmt: skip


def _fates(path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    main(["validate", str(path), "--json", "--out", str(path.parent / "out")])
    answer = json.loads(capsys.readouterr().out)
    out = {s["row"] for s in answer["skipped"]}
    said = {p["row"]: p["severity"] for p in answer["problems"]}
    fates = {"error": "asked", "warning": "warned"}
    return ["out" if row in out else fates.get(said.get(row, ""), "sent") for row in range(2, len(ROWS) + 2)]


def _sheet(path: Path) -> Path:
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADERS)
        for i, (note, day, _) in enumerate(ROWS):
            writer.writerow(
                [f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "50", note, day]
            )
    return path


@pytest.fixture(autouse=True)
def _dec_7(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 7))


@pytest.mark.parametrize("name", ["farewell-gifts.csv", "Retirement gifts 2026.csv", "Q4 leavers.csv"])
def test_a_farewell_list_sends_its_leavers_and_asks_of_those_let_go(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _fates(_sheet(tmp_path / name), capsys) == [fate for _, _, fate in ROWS]


def test_the_warning_and_the_question_name_the_row_and_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["validate", str(_sheet(tmp_path / "farewell-gifts.csv")), "--json", "--out", str(tmp_path / "o")])
    said = {p["row"]: p["message"] for p in json.loads(capsys.readouterr().out)["problems"]}
    assert said[3] == (
        "Row 3, column 'Notes': says 'Resigned 11/20': the list is a farewell list (its title says so), "
        "whose leavers are its recipients: the card is sent. If this person is not to get one, write 'do not "
        "send' in its place."
    )
    assert said[4].startswith("Row 4, column 'Notes': says 'Terminated 11/20': the list is a farewell list")
    assert "this person was let go: is this farewell card to be sent?" in said[4]
    assert said[11].startswith("Row 11, column 'Termination Date': '2026-11-20': the list is a farewell list")


@pytest.mark.parametrize(
    "name", ["retirement-plan-staff.csv", "Retirement Plan Participants.csv", "staff.csv"]
)
def test_a_list_of_a_retirement_plan_is_no_farewell_list(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fates = _fates(_sheet(tmp_path / name), capsys)
    # (as before: each leaving passed left out, the leavings to come sent with the warning of their day)
    assert fates[:7] == ["out", "out", "out", "out", "out", "out", "out"]
    assert fates[9] == "out"


NOTICES = [  # (Notes, on a farewell list, on a staff list)
    ("Resigned - still here until 11/20", "warned", "out"),
    ("Resigned - still employed until 11/20/2026", "warned", "out"),
    ("On notice", "warned", "asked"), ("Serving notice", "warned", "asked"),
    ("Notice period", "warned", "asked"), ("Gave notice", "warned", "asked"),
    ("Resigning", "warned", "asked"),
    ("Laid off - still here until 11/20", "asked", "out"), ("On notice - do not send", "out", "out"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "on"), [("farewell-gifts.csv", 1), ("staff.csv", 2)])
def test_a_notice_served_or_a_stay_until_a_passed_day_reads_as_the_other_leavers(
    tmp_path: Path, name: str, on: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """The lead's closing note of session 52: on a farewell list 'Resigned - still here until 11/20' was
    left out where 'Resigned - last day 11/20' is sent with the warning, and 'On notice', 'Serving notice',
    'Resigning' asked whether to send, where a resignation is sent with it (the list's leavers are its
    recipients). Each is a leaver's now there; a staff list reads them as before."""
    path = tmp_path / name
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADERS[:-1])
        for i, (note, *_) in enumerate(NOTICES):
            writer.writerow([f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "50", note])
    main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    answer = json.loads(capsys.readouterr().out)
    out = {s["row"] for s in answer["skipped"]}
    said = {p["row"]: {"error": "asked", "warning": "warned"}[p["severity"]] for p in answer["problems"]}
    fates = ["out" if row in out else said.get(row, "sent") for row in range(2, len(NOTICES) + 2)]
    assert fates == [fate[on] for fate in NOTICES]
