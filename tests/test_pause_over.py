"""A pause or a suspension said over in the clause after it ('Paused - resumed 11/1', 'Suspended - resumed',
'Paused (unpaused 11/1)'): the row sent, as 'Hold - lifted' is (review73's leftover 7; review75)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_left_out, notes_sheet

OVER = [
    "Paused - resumed 11/1", "Paused - resumed", "Suspended - resumed 11/1", "Paused - unpaused 11/1",
    "Paused (resumed 11/1)", "Paused - no longer paused", "Paused - restarted 11/1",
]  # fmt: skip
# asked, paused again, or over only on a day to come: out as before ('Hold - resumed', which may be the hold
# back, asks now: review77, tests/test_said_over.py)
STAYS_OUT = [
    "Paused - resumed?", "Paused - resumed then paused again", "Paused - resumed 1/15/2027",
    "Paused - restarted 1/15/2027", "Paused",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_pause_said_over_sends_the_row(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before (main 46b58ca4): each of OVER was left out, "the list says not to send it", the person whose
    pause ended dropped, nobody asked. Sent now; STAYS_OUT as before, until the day it names."""
    cells = [*OVER, *STAYS_OUT]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    assert notes_left_out(path, cells) == STAYS_OUT
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2027, 1, 20))
    assert notes_left_out(path, cells) == STAYS_OUT[:2] + STAYS_OUT[-1:]
