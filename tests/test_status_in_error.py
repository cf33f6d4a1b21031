"""A status of a leaving said a mistake ('Terminated in error', 'Offboarded in error - send', 'Resigned in
error'): sent, as under 'Notes'. Found by review60: under 'Status' each was left out, the person still here
got no card."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_left_out, notes_sheet

SENDS = [
    "Terminated in error", "Terminated in error - send", "Terminated by mistake", "Offboarded in error",
    "Resigned in error", "Deceased in error - alive",
]  # fmt: skip
STAYS_OUT = ["Terminated in error - then resigned", "Terminated - not in error", "Terminated", "Deceased"]


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Notes"])
def test_a_leaving_said_a_mistake_sends_the_row(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*SENDS, *STAYS_OUT]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == STAYS_OUT


# a death by accident, or a leaving whose mistake is another ('... listed as active'), is no mistake about the
# leaving (review61 checking 786733b8: under 'Status' each was sent, a card to a person who died or left)
NO_MISTAKE_ABOUT_IT = [
    "Deceased by accident", "Deceased accidentally", "Deceased - accidentally",
    "Deceased accidentally (car crash)",
    "Terminated erroneously listed as active", "Terminated mistakenly listed as active",
    "Inactive by mistake on list", "Resigned mistakenly kept in roster",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Status", "Employee Status"])
def test_a_death_by_accident_or_another_mistake_after_a_leaving_leaves_the_row_out(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*SENDS, *NO_MISTAKE_ABOUT_IT]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == NO_MISTAKE_ABOUT_IT
