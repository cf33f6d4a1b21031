"""The status of an account, a policy or a subscription the person holds ('Account Status' = Deceased): its
holder's death, or not to contact them, leaves the row out; the thing's own words send (found by
hunter-asks6, session 51)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_validated


@pytest.mark.parametrize("header", ["Account Status", "Policy Status", "Subscription Status"])
def test_a_held_thing_s_status_saying_its_holder_died_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """Before: 'Account Status' = Deceased, 'Closed - deceased', 'Do not contact' were read as nothing (the
    header names an account's status, not the person's: review14's win-back list), each card ordered to a
    dead person, exit 0, where 'Customer Status' = Deceased leaves the row out. Now left out; the account's
    own words ('Inactive', 'Closed', 'Cancelled', 'On hold', 'Declined', 'Active') send as before."""
    out = ["Deceased", "Closed - deceased", "Do not contact"]
    sends = ["Inactive", "Closed", "Cancelled", "On hold", "Declined", "Active"]
    sheet, result = notes_validated(tmp_path / "list.csv", [*out, *sends], header)
    rows = dict(enumerate([*out, *sends], start=2))
    assert [rows[s.row] for s in sheet.skipped] == out
    assert not [p for p in result.problems if p.severity == "error"]
