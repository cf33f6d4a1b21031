"""A status with who told it in the middle, or a no with no mark before it ('Active per HR do not send',
'Active per HR on hold', 'Active do not send'): read as under 'Notes' (bulkship/load/skipped/said/remarks.py).
Found by review55: each was ordered under 'Status', where under 'Notes' the row is left out or held."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_sheet

from bulkship.load import load_sheet

LEFT_OUT = [
    "Active per HR do not send", "Active per HR on hold", "Remote per manager do not send",
    "on leave per HR skip", "Active per Jane Doe skip", "Active do not send", "Remote don't send",
]  # fmt: skip
SENDS = [
    "Active per HR", "Active Per Diem", "On leave per HR", "Active per HR - send", "Active per HR ok to send",
    "Active per HR not terminated", "Active per HR never left", "Send after 12/20/2025 as per Sue",
]  # fmt: skip
HELD = "Active per HR hold until 1/15/2031"


@pytest.mark.parametrize("header", ["Status", "Employee Status"])
def test_a_status_s_no_after_who_told_it_leaves_the_row_out_as_a_note_s_does(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*LEFT_OUT, *SENDS, HELD]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    loaded = load_sheet(path)
    skipped = {s.row: s.reason for s in loaded.skipped}
    ordered = [cell for row, cell in enumerate(LEFT_OUT, start=2) if row not in skipped]
    assert ordered == [], ordered  # each was ordered before
    first = len(LEFT_OUT) + 2
    out = {cell: skipped[row] for row, cell in enumerate(SENDS, start=first) if row in skipped}
    assert out == {}, out
    held = skipped[first + len(SENDS)]
    assert "not to send it yet" in held, held  # held to its day, not left out for good (nor ordered)
    assert f"(column '{header}': 'Active per HR do not send')" in skipped[2]


UNDONE = [
    "Removed from do not send", "No longer do not send", "was do not send", "Previously do not send",
    "Taken off do not send", "Active - was do not send, now OK", "Previously do not send - now send",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Status", "Employee Status"])
def test_a_status_s_no_after_a_word_undoing_it_sends_the_row(tmp_path: Path, header: str) -> None:
    """Found by review57 checking b8d0bd9c: an HR list's Status 'Removed from do not send', 'No longer do
    not send', 'was do not send', 'Active - was do not send, now OK', 'Previously do not send - now send'
    were each left out since b8d0bd9c ('the list says not to send it'; ordered before it, and under
    'Notes'): 'was' or 'from' parted from 'do not send' as 'Active' is in 'Active do not send'. Not after a
    word undoing or asking the no (notewords.UNDOING_A_NO): each is sent again; 'Active do not send',
    'Retiree never send' left out."""
    cells = [*UNDONE, "Active do not send", "Retiree never send"]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    skipped = {s.row for s in load_sheet(path).skipped}
    assert [cell for row, cell in enumerate(cells, start=2) if row in skipped] == cells[-2:]
