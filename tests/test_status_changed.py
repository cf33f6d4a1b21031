"""A status written as its change: the state after it is the person's now. 'Active -> Terminated', 'Active →
Deceased', 'Changed from Active to Terminated', 'Status changed to Terminated' were each ordered (under Notes
and Status alike: a card to someone gone, found by review77), and 'Inactive -> Active', 'Terminated -> Active'
left out. Words around the hunt of review75's leftover: 'Inactive - returned 11/1', Status 'Deceased flag in
error' sent; 'Inactive - back', 'Last day 11/20 - cancelled', 'Offboarding - cancelled' ask."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_left_out, notes_sheet, notes_validated

GONE_NOW = [
    "Active -> Terminated", "Active → Terminated", "Active->Terminated", "Active -> Deceased",
    "Active > Terminated", "Active to Terminated", "Changed from Active to Terminated",
    "Status changed to Terminated", "Active -> Inactive",
]  # fmt: skip
HERE_NOW = [
    "Inactive -> Active", "Inactive → Active", "Terminated -> Active", "Inactive - returned 11/1",
    "Deceased flag removed", "Deceased flag in error",
    # (not a change of state: as before)
    "Changed to part-time", "Active -> LOA",
]  # fmt: skip
# ... a no still said: as before
STILL_OUT = ["DNS -> per HR", "Do not send -> send", "Inactive - returned mail"]
ASKED = ["Inactive - back", "Last day 11/20 - cancelled", "Offboarding - cancelled"]


@pytest.fixture(autouse=True)
def _dec_5(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_the_state_after_a_change_is_read(tmp_path: Path, header: str) -> None:
    cells = [*GONE_NOW, *HERE_NOW, *STILL_OUT]
    path = notes_sheet(tmp_path / "staff.csv", cells, header)
    assert notes_left_out(path, cells) == [*GONE_NOW, *STILL_OUT]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_words_that_may_undo_a_leaving_ask(tmp_path: Path, header: str) -> None:
    sheet, result = notes_validated(tmp_path / "staff.csv", ASKED, header)
    assert {p.row for p in result.problems if p.severity == "error"} == {2, 3, 4}
    assert not {s.row for s in sheet.skipped}


# a state said with marks or a label around it (review77): each was sent under Notes
SAID_AROUND = [
    "❌ Terminated", "Terminated ❌", "*Terminated*", "Terminated effective immediately",
    "Resigned effective immediately", "Retired and deceased", "Terminated & deceased", "Emp terminated",
    "Termd",
    "Status = Terminated", "Active: No", "Employed: No", "Currently employed: no", "With company: N",
]  # fmt: skip
# ... as before: sent
NOT_A_STATE = ["Active: Yes", "Employed: Yes", "Status = Active", "*Active*", "Mother of employee - deceased"]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_state_said_with_marks_or_a_label_is_read(tmp_path: Path, header: str) -> None:
    cells = [*SAID_AROUND, *NOT_A_STATE]
    path = notes_sheet(tmp_path / "staff.csv", cells, header)
    assert notes_left_out(path, cells) == SAID_AROUND
