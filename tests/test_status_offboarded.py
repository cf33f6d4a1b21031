"""A status saying the person was off-boarded, written with a hyphen ('Off-boarded 11/15', 'Off-boarded'),
leaves the row out as 'Offboarded' does. Last session's leftover, found again by review57 (its item 12): under
'Status' each was ordered, where under 'Notes' the row is left out."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_left_out, notes_sheet

GONE = [
    "Off-boarded 11/15",
    "Off-boarded",
    "Off boarded",
    "off-boarded per HR",
    "Off-boarding 11/20",
    # (its offboarding said done: each ordered, hunter-asks5)
    "Offboarding complete",
    "Offboarding done",
    "Offboarding completed 11/20",
]
STILL_HERE = [
    "Off-boarding 12/20",
    "Offboarding",
    "Off-boarding",
    "Onboarded 11/15",
    "Active",
    "Onboarding complete",
]


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Notes"])
def test_a_status_of_off_boarded_with_a_hyphen_leaves_the_row_out(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*GONE, *STILL_HERE]
    left_out = notes_left_out(notes_sheet(tmp_path / "list.csv", cells, header), cells)
    # under Status, 'Off-boarded 11/15' and 'Off-boarded' were ordered; none of STILL_HERE is (on
    # Dec 5 an off-boarding on 12/20 is still to come: the person is still here)
    assert left_out == GONE, left_out
