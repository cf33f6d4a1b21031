"""A note (or status) telling the person back, then the leaving it undid as before it, with no year:
'Rehired - was terminated', 'Reinstated (was terminated)' (bulkship/load/skipped/leavingundone's
back_after_leaving). Found by review55 (its item 6), verified by review57: each was left out, where 'Rehired -
was terminated 2019' and 'Rehired - previously terminated' send."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_sheet

from bulkship.load import load_sheet

SENDS = [
    "Rehired - was terminated", "Rehired, was terminated", "Rehired (was terminated)",
    "Reinstated - was terminated", "Rehired - was terminated (Volunteer of the year)",
]  # fmt: skip
STAYS_OUT = [
    "Rehired - terminated", "Rehired - terminated 11/15", "Rehired - was terminated, then left",
    "Rehired - was terminated; left again 11/1", "Rehired/Terminated",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_person_back_after_a_leaving_told_as_before_is_sent(tmp_path: Path, header: str) -> None:
    """Each of SENDS was left out ('the list says not to send it'): the leaving read alone. Sent now; a
    leaving not told as before the return (which came last is not said), or gone again after it, still
    leaves the row out."""
    cells = [*SENDS, *STAYS_OUT]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    skipped = {s.row for s in load_sheet(path).skipped}
    assert [cell for row, cell in enumerate(cells, start=2) if row in skipped] == STAYS_OUT


SLASHED = ["Terminated/Rehired", "Resigned/Rehired", "Terminated / Rehired", "Terminated/Reinstated"]
SLASHED_OUT = [
    "Rehired/Terminated", "Terminated/Rehired?", "Terminated/Rehired then resigned", "Active/Terminated",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Notes"])
def test_a_status_of_a_leaving_then_a_return_parted_by_a_slash_is_sent(tmp_path: Path, header: str) -> None:
    """Found by review54 (its leftover), verified by review57: an HR list's Status 'Terminated/Rehired',
    'Resigned/Rehired', 'Terminated / Rehired', 'Terminated/Reinstated' were each left out ('the list says not
    to send it'), where under 'Notes', and 'Terminated - Rehired' under 'Status', each is sent: the rehired
    person got no card. Sent now; the return first, asked, or gone again after it still leaves the row out."""
    cells = [*SLASHED, *SLASHED_OUT]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    skipped = {s.row for s in load_sheet(path).skipped}
    assert [cell for row, cell in enumerate(cells, start=2) if row in skipped] == SLASHED_OUT
