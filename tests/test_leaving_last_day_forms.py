"""A leaving, then its last day to come in other forms than 'Resigned, last day 12/31': after a bracket, a
stop or a semicolon, 'leaving', 'her last day is', 'eff' after a dash, a month's name ('Resigned (last day
12/31)', 'Laid off - last day Dec 31', 'Terminated - eff 1/15/2027', 'Resigned. Still employed until
12/31'). Each was left out on Dec 5, the person still working there got no card (review75); now sent until
the day, left out from it on, as 'Resigned, last day 12/31' is."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_left_out, notes_sheet

TO_COME = [
    "Laid off - last day Dec 31", "Resigned (last day 12/31)", "Resigned (last day 12/31/2026)",
    "Terminated - eff 1/15/2027", "Terminated - effective 1/15/2027", "Resigned. Still employed until 12/31",
    "Resigned; still here until 12/31", "Terminated - leaving 12/31", "Resigned - last day December 31, 2026",
    "Resigned - last day Jan 15, 2027", "Resigned - her last day is 12/31",
]  # fmt: skip
# a day passed, more words saying no after it: out on Dec 5 as before
OUT = ["Resigned - last day Nov 20", "Resigned (last day 11/20)", "Resigned (last day 12/31) - do not send"]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_last_day_to_come_in_other_forms_sends_until_the_day(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cells = [*TO_COME, *OUT]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    assert notes_left_out(path, cells) == OUT
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2027, 1, 20))
    assert notes_left_out(path, cells) == cells
