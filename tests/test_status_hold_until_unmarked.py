"""A status then a hold until a day with no mark between ('New hire hold until 1/15/2027', 'LOA hold until
1/15/2027', 'Contractor hold until 1/15/2027'): held to its day, as under 'Notes' and as 'Active hold until
1/15/2027' is. Found by review60: under 'Status' each was ordered at once on Dec 5, six weeks before the day
the list says (and 'Terminated 11/15 hold until 1/15/2027' too, a card to a person gone)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_left_out, notes_sheet

HELD = [
    "New hire hold until 1/15/2027", "LOA hold until 1/15/2027", "Contractor hold until 1/15/2027",
    "Intern hold card until 1/15/2027", "Rehired hold until 1/15/2027",
    "Terminated 11/15 hold until 1/15/2027",
]  # fmt: skip
# ... not a hold said over or a day passed; nor a status alone
SENDS = ["Released from hold until 1/15/2027", "New hire hold until 11/1", "New hire", "Active"]


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Notes"])
def test_a_status_then_a_hold_until_a_day_with_no_mark_holds_the_row(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*HELD, *SENDS]
    left_out = notes_left_out(notes_sheet(tmp_path / "list.csv", cells, header), cells)
    assert left_out == HELD, left_out  # each was ordered under a status; none of SENDS is held
