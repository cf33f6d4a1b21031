"""A layoff and then the person recalled ('Laid off - recalled', 'Laid off 10/1 - recalled 11/15', 'Laid off
(recalled)', 'Layoff - recalled'): sent, as 'Recalled from layoff' is. Found by review60: each was left out
under 'Notes' and 'Status', the person back at work got no card. A recall on a day to come waits for it, as a
rehire's does."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_left_out, notes_sheet

SENDS = [
    "Laid off - recalled",
    "Laid off 10/1 - recalled 11/15",
    "Laid off (recalled)",
    "Furloughed - recalled",
]
STAYS_OUT = [
    "Laid off - recall pending", "Laid off - not recalled", "Laid off - may be recalled",
    "Laid off - recalled?", "Laid off - recalled, then resigned", "Laid off - card recalled",
    "Laid off - recalled 1/15/2027",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_layoff_then_the_person_recalled_sends_the_row(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*SENDS, *STAYS_OUT]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == STAYS_OUT


# a layoff however spelled, or a reduction in force, under 'Notes' (review60, after newcomer23's note on
# d66cdb0f: each was ordered, where 'Laid off' and 'RIF' are left out); not one to come, taken back, survived
LAID_OFF = [
    "Layoff",
    "Layoff 11/30",
    "Laid-off",
    "Laid-Off 11/30",
    "Layed off",
    "Lay-off",
    "Reduction in force",
]
NOT_LAID_OFF = [
    "Layoff pending",
    "Layoff rescinded",
    "Layoff notice",
    "Survived layoff",
    "On layoff",
    "Layoff risk",
]


def test_a_note_of_a_layoff_however_spelled_leaves_the_row_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*LAID_OFF, *NOT_LAID_OFF]
    path = notes_sheet(tmp_path / "list.csv", cells, "Notes")
    assert notes_left_out(path, cells) == LAID_OFF


# a layoff however spelled, or a RIF, taken back or the person recalled (review61 checking f2915511: each left
# out under 'Notes' and 'Status', where 'Laid off - rescinded' and 'Laid off - recalled' send)
UNDONE = [
    "Layoff - rescinded", "Layoff - reversed", "Laid-off - reversed", "RIF - rescinded", "RIF - reversed",
    "Reduction in force - rescinded", "RIF - recalled", "Reduction in force - recalled",
]  # fmt: skip
NOT_UNDONE = [
    "Layoff - rescinded?",
    "RIF - offer rescinded",
    "RIF - not rescinded",
    "Layoff - reversed, then laid off again",
]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_layoff_however_spelled_taken_back_or_recalled_sends_the_row(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*UNDONE, *NOT_UNDONE]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == NOT_UNDONE


# a layoff the person was spared ('RIF - not affected', 'RIF (exempt)', 'Layoff - position saved'): sent
# (review60's and review61's leftover, fixed by review63: each was left out, the person here got no card)
SPARED = [
    "RIF - not affected", "RIF (exempt)", "Reduction in force - not affected", "Layoff - position saved",
    "Laid off - position saved", "RIF - survivor",
]  # fmt: skip
NOT_SPARED = ["RIF - not affected?", "RIF - not affected, terminated 12/1", "RIF - affected", "Layoff"]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_layoff_the_person_was_spared_sends_the_row(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*SPARED, *NOT_SPARED]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == NOT_SPARED
