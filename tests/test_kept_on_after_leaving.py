"""A leaving, then the person kept on in other words: the resignation retracted, a counteroffer accepted,
an appeal won, the record reactivated ('Resigned - accepted counteroffer', 'Terminated - appeal won',
'Terminated - reactivated 11/1'). Each was left out, the person still here got no card (review75)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_left_out, notes_sheet

KEPT_ON = [
    "Terminated - appeal won", "Resigned - accepted counteroffer",
    "Resigned - counteroffer accepted, staying", "Resigned - retracted", "Resigned - rescinded resignation",
    "Terminated - reactivated 11/1",
]  # fmt: skip
# refused, pending, asked, gone again, or on a day to come (held to it)
STAYS_OUT = [
    "Terminated - appeal denied", "Terminated - appeal pending", "Resigned - counteroffer declined",
    "Resigned - accepted counteroffer?", "Terminated - reactivated then terminated again",
    "Terminated - reactivated 1/15/2027",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_person_kept_on_after_a_leaving_is_sent(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*KEPT_ON, *STAYS_OUT]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == STAYS_OUT
