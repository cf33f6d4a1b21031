"""A status saying the leaving or the removal was a mistake in other words than 'in error' ('Removed by
mistake', 'Terminated by accident', 'Deceased by error'): sent, as under 'Notes'. Found by review63 (its Found
7 in session 46, the Status-only drops of the remark snapshot), mended by review66: under 'Status' each was
left out, the person still here got no card."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_left_out, notes_sheet

SENDS = [
    "Removed by mistake", "Removed by accident", "Removed by error", "Excluded by mistake",
    "Terminated by accident", "Terminated by error", "Deceased by error", "Inactive by error",
    "Offboarded by error", "Deactivated by accident", "Laid off by accident",
]  # fmt: skip
# a death by accident is its cause (..gonewhen); removed by someone, or a mistake said again, stays out
STAYS_OUT = ["Deceased by accident", "Removed by manager", "Removed by mistake - deceased",
             "Terminated by accident, then quit", "Removed"]  # fmt: skip


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Notes"])
def test_a_leaving_or_a_removal_said_a_mistake_by_other_words_sends_the_row(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*SENDS, *STAYS_OUT]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == STAYS_OUT


# a death by accident with a mark or more spaces between (found by review65 checking 43c94bb6: each was sent)
DEATHS_BY_ACCIDENT = ["Deceased - by accident", "Deceased (by accident)", "Deceased, by accident",
                      "Deceased: by accident", "Deceased  by accident", "DECEASED - BY ACCIDENT"]  # fmt: skip


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Notes"])
def test_a_death_by_accident_with_a_mark_between_leaves_the_row_out(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*DEATHS_BY_ACCIDENT, "Deceased by error"]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == DEATHS_BY_ACCIDENT
