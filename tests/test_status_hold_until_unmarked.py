"""A status then a hold until a day with no mark between ('New hire hold until 1/15/2027', 'LOA hold until
1/15/2027', 'Contractor hold until 1/15/2027'): held to its day, as under 'Notes' and as 'Active hold until
1/15/2027' is. Found by review60: under 'Status' each was ordered at once on Dec 5, six weeks before the day
the list says (and 'Terminated 11/15 hold until 1/15/2027' too, a card to a person gone)."""

from __future__ import annotations

import datetime
import functools
from pathlib import Path

import pytest
from support.notes import notes_left_out, notes_sheet

HELD = [
    "New hire hold until 1/15/2027", "LOA hold until 1/15/2027", "Contractor hold until 1/15/2027",
    "Intern hold card until 1/15/2027", "Rehired hold until 1/15/2027",
    "Terminated 11/15 hold until 1/15/2027",
]  # fmt: skip
# ... not a hold said over or a day passed; nor a status alone
SENDS = ["Released from hold until 1/15/2027", "New hire hold until 11/1", "New hire", "Active"]


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Notes"])
def test_a_status_then_a_hold_until_a_day_with_no_mark_holds_the_row(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*HELD, *SENDS]
    left_out = notes_left_out(notes_sheet(tmp_path / "list.csv", cells, header), cells)
    assert left_out == HELD, left_out  # each was ordered under a status; none of SENDS is held


def _held_and_out(
    monkeypatch: pytest.MonkeyPatch, day: datetime.date, *, path: Path, cells: list[str]
) -> tuple[list[str], list[str]]:
    """The cells of ``path``'s rows held to a day and those left out, when the loader's today is ``day``."""
    from bulkship.load import load_sheet
    from bulkship.statuses import NOT_YET_REASON

    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": day)
    skipped = {s.row: s for s in load_sheet(path).skipped}
    rows = dict(enumerate(cells, start=2))
    held = [rows[r] for r in sorted(skipped) if r in rows and skipped[r].reason.startswith(NOT_YET_REASON)]
    return held, [rows[r] for r in sorted(skipped) if r in rows and rows[r] not in held]


# a no until a day ('Do not send until 1/15/2027'): under a status left out for good, where under 'Notes' it
# waits for its day and goes on it, as 'Hold until 1/15/2027' and 'Do not send before 1/15/2027' do under
# both (review60's leftover 6, decided and mended by hunter-asks1)
NO_UNTIL = [
    "Do not send until 1/15/2027", "DNS until 1/15/2027", "Don't send until 1/15/2027",
    "Do not mail until 1/15/2027", "Do not send card until 1/15/2027", "Do not send until Jan",
]  # fmt: skip
# ... one that says more, or of no day, stays out; a day passed sends (as under 'Notes')
NO_UNTIL_OUT = ["Do not send until 1/15/2027 - terminated", "Do not send until further notice", "DNS"]


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Notes"])
def test_a_status_saying_not_to_send_until_a_day_holds_the_row_to_it(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cells = [*NO_UNTIL, *NO_UNTIL_OUT, "Do not send until 11/15/2026"]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    on = functools.partial(_held_and_out, monkeypatch, path=path, cells=cells)
    assert on(datetime.date(2026, 12, 5)) == (NO_UNTIL, NO_UNTIL_OUT)
    assert on(datetime.date(2027, 1, 20)) == ([], NO_UNTIL_OUT)  # on its day, each sent


# not eligible until a day ('Not eligible until 11/1', passed: eligible now): under a status left out for
# good, where under 'Notes' a day passed sends and one to come waits for it (found by review69; the closing
# note of session 47's leftover 3)
NOT_ELIGIBLE_UNTIL = [
    "Not eligible until 1/15/2027", "Ineligible till 1/15/2027", "Not eligible for gift until 1/15/2027",
    "Not eligible until Feb",
]  # fmt: skip
# ... one that says more, or of no day, stays out
NOT_ELIGIBLE_OUT = ["Not eligible until 1/15/2027 - terminated", "Not eligible until 90 days", "Not eligible"]


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Notes"])
def test_a_status_not_eligible_until_a_day_holds_the_row_to_it(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    passed = ["Not eligible until 11/1", "Not eligible until 11/1/2026", "Ineligible until 11/1"]
    cells = [*NOT_ELIGIBLE_UNTIL, *NOT_ELIGIBLE_OUT, *passed]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    # each held to its day, the days passed sent (each was left out under a status)
    on = functools.partial(_held_and_out, monkeypatch, path=path, cells=cells)
    assert on(datetime.date(2026, 12, 5)) == (NOT_ELIGIBLE_UNTIL, NOT_ELIGIBLE_OUT)
    # on its day each sent (by then '11/1' with no year is 2027's, still to come)
    later = (["Not eligible until 11/1", "Ineligible until 11/1"], NOT_ELIGIBLE_OUT)
    assert on(datetime.date(2027, 2, 20)) == later
