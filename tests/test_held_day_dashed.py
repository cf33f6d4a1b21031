"""A note or a status holding its row until a day written with dashes ('Hold until 2027-01-15', as HR systems
export a day; 'Do not send before 2027-01-15', 'On leave until 2027-01-15', 'Hold until 1-15-2027', 'Hold
until 15-Jan-2027'): held to that day, as 'Hold until 1/15/2027' is. Found by review71: the day was read up
to its first dash, '2027' (Jan 1), and each card went two weeks early; '1-15-2027' and '15-Jan-2027' read as
'1' and '15', no day, and the row was left out for good, never sent on its day."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_sheet

from bulkship.load import load_sheet
from bulkship.statuses import NOT_YET_REASON

DASHED = [
    "Hold until 2027-01-15", "Do not send before 2027-01-15", "Do not send until 2027-01-15",
    "Not eligible until 2027-01-15", "On leave until 2027-01-15", "Send after 2027-01-15",
    "Hold until 2027-01-15 per HR", "Hold until 2027-01-15T00:00:00", "Hold until 1-15-2027",
    "Hold until 15-Jan-2027", "Hold until Jan-15-2027", "Hold until 01-15-27",
]  # fmt: skip


def _held(monkeypatch: pytest.MonkeyPatch, day: datetime.date, path: Path) -> list[str]:
    """The cells of ``path``'s rows held to a day when the loader's today is ``day``."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": day)
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    cells = dict(enumerate(DASHED, start=2))
    return [cells[r] for r in sorted(skipped) if r in cells and skipped[r].startswith(NOT_YET_REASON)]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_hold_until_a_day_written_with_dashes_holds_the_row_to_that_day(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = notes_sheet(tmp_path / "list.csv", DASHED, header)
    assert _held(monkeypatch, datetime.date(2026, 12, 5), path) == DASHED
    assert _held(monkeypatch, datetime.date(2027, 1, 10), path) == DASHED  # (the ISO ones went on Jan 1)
    skipped = {s.row for s in load_sheet(path).skipped}
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2027, 1, 16))
    assert {s.row for s in load_sheet(path).skipped} & set(range(2, 2 + len(DASHED))) == set(), skipped
