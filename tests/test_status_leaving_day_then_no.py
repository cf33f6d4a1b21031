"""A status of a leaving on a day to come followed by words saying no ('Terminated 1/15/2027 deceased',
'Terminated 1/15/2027 no card', '... skip'): found by review64 checking hunter-asks1's 81c41ac4, each was
ordered on Dec 5, 2026 under 'Status' (the leaving to come read, the words after its day not), where under
'Notes' each is left out. A leaving to come with words that do not say no still sends until its day."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_left_out, notes_sheet

SAYS_NO = [
    "Terminated 1/15/2027 deceased", "Terminated 1/15/2027 no card", "Terminated 1/15/2027 no gift",
    "Terminated 1/15/2027 skip", "Terminated 1/15/2027 on hold", "Resigned 1/15/2027 declined",
]  # fmt: skip
SENDS = [
    "Terminated 1/15/2027", "Terminated 1/15/2027 per HR", "Terminated 1/15/2027 (for cause)",
    "Resigned 1/15/2027 moving to Denver", "Last day 1/15/2027", "Resigned 1/15/2027 notice given",
    "Leaving 1/15/2027 ok to send",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Status", "Employee Status"])
def test_a_leaving_to_come_then_words_saying_no_leaves_the_row_out(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*SAYS_NO, *SENDS]
    left_out = notes_left_out(notes_sheet(tmp_path / "list.csv", cells, header), cells)
    assert left_out == SAYS_NO, left_out  # each of SAYS_NO was ordered under a status; SENDS still go
