"""A no for a while until a day ('Excluded until 1/15/2027', 'Skip until 1/15/2027', 'Paused until 1/15/2027',
'No card until 1/15/2027', 'Suspended through 1/31/2027'): held to its day, as 'Hold until 1/15/2027' is.
Found by review71: on Dec 5, 2026 each was ordered at once under 'Notes' (the note's no read 'until a day' as
a day to hold to, and no day was read for these words), and under 'Status' 'Skip', 'Paused', 'Blocked',
'Deferred', 'DNM until 1/15/2027' too: cards the list says not to send yet, six weeks early."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_sheet

from bulkship.load import load_sheet
from bulkship.statuses import NOT_YET_REASON

WORDS = [
    "Excluded", "Exclude", "Removed", "Removed from list", "Excluded from gifts", "Skip", "Skipped", "Paused",
    "Blocked", "Frozen", "Suspended", "Deferred", "Postponed", "Delayed", "Embargo", "Opted out", "No card",
    "No gift", "No mail", "Not sending", "Not to be sent", "DNM", "DNC", "Do not contact", "Cancelled",
    "Declined", "Denied", "Rejected", "Not approved", "Inactive", "Not active",
    # (the hold's other verbs and tenses: each ordered at once, session 49's closing note; hunter-asks5)
    "Withdrawn", "Pending", "Held", "Waiting", "Stopped", "Halted", "Withheld", "On pause", "Delay",
    "Postpone",
]  # fmt: skip
FOR_A_WHILE = [f"{word} until 1/15/2027" for word in WORDS] + [
    "Excluded till 1/15/2027", "Excluded thru 1/15/2027", "Excluded until Jan 2027",
    "Active - excluded until 1/15/2027", "Per HR skip until 1/15/2027",
]  # fmt: skip


def _on(monkeypatch: pytest.MonkeyPatch, day: datetime.date, path: Path, cells: list[str]) -> dict[str, str]:
    """Each of ``path``'s cells -> 'sent', 'held' (to a day) or 'out', when the loader's today is ``day``."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": day)
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    said = {}
    for row, cell in enumerate(cells, start=2):
        reason = skipped.get(row)
        said[cell] = "sent" if reason is None else "held" if reason.startswith(NOT_YET_REASON) else "out"
    return said


@pytest.mark.parametrize("header", ["Notes", "Status", "Employee Status"])
def test_a_no_for_a_while_until_a_day_to_come_sends_nothing_before_it(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = notes_sheet(tmp_path / "list.csv", FOR_A_WHILE, header)
    now = _on(monkeypatch, datetime.date(2026, 12, 5), path, FOR_A_WHILE)
    assert [cell for cell, said in now.items() if said == "sent"] == []  # each was ordered on Dec 5
    if header == "Notes":
        assert set(now.values()) == {"held"}, now
        assert set(_on(monkeypatch, datetime.date(2027, 2, 2), path, FOR_A_WHILE).values()) == {"sent"}


# ... and under a status as under 'Notes': held to a day to come and sent on it, sent once the day passed
# ('Excluded until 11/1' on Dec 5: left out for good under 'Status', nobody asked; 'Excluded until 1/15/2027'
# never sent on its day: the brief of review71, the closing note of session 48's leftover 4)
PASSED = ["Excluded until 11/1", "Suspended until 11/1", "No card until 11/1", "Hold off until 11/1"]
STILL_OUT = ["Excluded until further notice", "Excluded until 1/15/2027 - terminated", "Excluded"]


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Notes"])
def test_a_status_saying_no_for_a_while_until_a_day_holds_the_row_to_it(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cells = [*FOR_A_WHILE, "Hold off until 1/15/2027", *PASSED, *STILL_OUT]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    now = _on(monkeypatch, datetime.date(2026, 12, 5), path, cells)
    assert {c for c, said in now.items() if said == "held"} == {*FOR_A_WHILE, "Hold off until 1/15/2027"}
    assert [c for c, said in now.items() if said == "sent"] == PASSED
    assert [c for c, said in now.items() if said == "out"] == STILL_OUT
    later = _on(monkeypatch, datetime.date(2027, 2, 2), path, cells)  # (each held one sent on its day)
    assert {c for c, said in later.items() if said == "sent"} >= {*FOR_A_WHILE, "Hold off until 1/15/2027"}
