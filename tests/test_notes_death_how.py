"""A note of a death said with how it came ('Deceased by accident', 'Died suddenly', 'Passed away from
cancer', 'Killed in a car accident'): found by review61 and the lead, each card was ordered (a card to a
person who has died) where 'Deceased' alone, 'Passed away recently', and 'Deceased by accident' under
'Status' leave the row out. 'By accident' after a death is its cause; after a removal it is a mistake, and a
death said a mistake is still one ('Deceased by mistake', 'Marked deceased by accident': sent, as before)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_left_out, notes_sheet

DEATHS = [
    "Deceased by accident", "Died by accident", "Passed away accidentally", "Deceased accidentally 11/30",
    "Deceased by accident per family", "Died suddenly", "Passed away unexpectedly", "Died in a car accident",
    "Deceased in car crash", "Died of cancer", "Passed away from covid", "Killed in a car accident 11/20",
    "Employee died suddenly last week", "Wife says he died of a heart attack", "Passed away in his sleep",
    "Died after a long illness", "Passed away peacefully - do not send",
]  # fmt: skip
NO_DEATH = [
    "Deceased by mistake", "Deceased by error", "Marked deceased by accident", "Removed by accident",
    "Terminated by accident", "Deceased spouse - send", "Deceased father, send to her", "Killed it this year",
    "Died from the company",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_death_said_with_how_it_came_leaves_the_row_out(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*NO_DEATH, *DEATHS]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    if header == "Notes":
        assert notes_left_out(path, cells) == DEATHS
    else:  # (a status cell of a death leaves its row out whatever follows but a mistake: .status)
        assert set(DEATHS) <= set(notes_left_out(path, cells))
