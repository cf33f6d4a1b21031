"""A list whose every row names a leaving day is read row by row: a day passed leaves its row out, as it does
where some rows say nothing. Found by the lead after session 44's close: on Dec 5 a Notes column of 'Last day
11/20' and 'Last day 12/20' sent both (every row naming a leaving was read as a farewell gift's list), where a
blank row between left the first out. A list whose titles name it one of people leaving (its file's name,
its sheet's, a line above its header) still sends its leavers."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest

from bulkship.load import load_sheet

HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Value"]


def _sheet(path: Path, notes: list[str], header: str, title: str = "") -> Path:
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        if title:
            writer.writerow([title])
        writer.writerow([*HEADER, header])
        for i, note in enumerate(notes):
            writer.writerow([f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "50", note])
    return path


def _left_out(path: Path, notes: list[str], first: int = 2) -> list[str]:
    skipped = {s.row for s in load_sheet(path).skipped}
    return [note for row, note in enumerate(notes, start=first) if row in skipped]


@pytest.fixture(autouse=True)
def _dec_5(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))


@pytest.mark.parametrize("header", ["Notes", "Status", "Employee Status"])
@pytest.mark.parametrize(
    ("notes", "out"),
    [(["Last day 11/20", "Last day 12/20"], ["Last day 11/20"]),
     (["LWD 11/13", "Leaving 11/30", "Resigning eff. 11/30", "Offboarding - last day 11/20"],
      ["LWD 11/13", "Leaving 11/30", "Resigning eff. 11/30", "Offboarding - last day 11/20"]),
     (["Leaving 11/20", "Leaving 1/15/2027"], ["Leaving 11/20"])],
)  # fmt: skip
def test_a_list_whose_every_row_names_a_leaving_day_leaves_out_the_days_passed(
    tmp_path: Path, header: str, notes: list[str], out: list[str]
) -> None:
    path = _sheet(tmp_path / "staff.csv", notes, header)
    assert _left_out(path, notes) == out  # none was left out: each card to a person gone
    # ... as where a row says nothing (that was so before)
    blank = _sheet(tmp_path / "staff-2.csv", [*notes, ""], header)
    assert _left_out(blank, notes) == out


@pytest.mark.parametrize(
    ("name", "title"),
    [("Farewell gifts.csv", ""), ("retirement-gifts-q4.csv", ""),
     ("list.csv", "Leavers Q4 - going away gifts"),
     # (review60 checking 753bdbb4: each was all left out)
     ("Q4 departures.csv", ""), ("Offboarding kits.csv", ""), ("Exit gifts.csv", "")],
)  # fmt: skip
def test_a_list_named_one_of_people_leaving_sends_its_leavers(tmp_path: Path, name: str, title: str) -> None:
    notes = ["Last day 11/15", "Leaving 11/30", ""]
    first = 3 if title else 2
    assert _left_out(_sheet(tmp_path / name, notes, "Notes", title), notes, first) == []


@pytest.mark.parametrize(
    ("name", "title"),
    [("list.csv", "Holiday gifts 2026 - leavers removed"),
     # (review59 checking 753bdbb4: each sent Bo's 'Last day 11/20', read as a farewell list)
     ("Holiday gifts - leavers taken off.csv", ""), ("Holiday gifts (leavers dropped).csv", ""),
     ("Holiday gifts - leavers out.csv", ""), ("Holiday gifts - check leavers.csv", ""),
     ("retirees-holiday-gifts.csv", "")],
)  # fmt: skip
def test_a_title_of_another_occasion_or_taking_leavers_off_is_no_farewell_list(
    tmp_path: Path, name: str, title: str
) -> None:
    notes = ["", "Last day 11/20", ""]
    first = 3 if title else 2
    assert _left_out(_sheet(tmp_path / name, notes, "Notes", title), notes, first) == ["Last day 11/20"]
    every = ["Last day 11/15", "Leaving 11/30"]
    assert _left_out(_sheet(tmp_path / f"2-{name}", every, "Notes", title), every, first) == every
