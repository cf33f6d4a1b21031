"""A leaving said done, or a no-show said, on a day still to come (on Dec 8, 2026): 'Contract ended 1/15/2027'
was left out under 'Notes' and sent with no word under 'Status', where 'Contract ends 1/15/2027' is sent in
both with the warning that a run on or after that day leaves the row out; 'NCNS 1/15/2027' was left out,
nobody asked, though no one can miss a shift that has not come (the lead's closing note of session 52;
review79). A contract's end on a day to come is a leaving to come; a no-show on one asks; a passed day
leaves the row out as before."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_validated

TO_COME = [
    "Contract ended 1/15/2027", "Assignment ended on 1/15/2027", "Employment terminated 1/15/2027",
    "Contract expired eff. 1/15/2027", "Engagement ended 1/15/2027 per HR",
]  # fmt: skip
ASKS = ["NCNS 1/15/2027", "No call no show on 1/15/2027", "Job abandonment 1/15/2027", "NCNS 12/20"]
OUT = ["Contract ended 11/15/2026", "NCNS 11/15/2026", "Job abandonment 10/1/2026", "Deceased 1/15/2027"]


@pytest.mark.parametrize("header", ["Notes", "Status", "Employee Status"])
def test_a_leaving_done_on_a_day_to_come_is_one_to_come_and_a_no_show_asks(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 8))
    cells = [*TO_COME, *ASKS, *OUT]
    sheet, result = notes_validated(tmp_path / "list.csv", cells, header)
    rows = dict(enumerate(cells, start=2))
    errors = {p.row for p in result.problems if p.severity == "error"}
    valid = set(result.rows.index[result.rows["status"] == "valid"])
    assert [rows[r] for r in sorted(errors)] == ASKS
    assert [rows[s.row] for s in sheet.skipped] == OUT
    assert [rows[r] for r in sorted(valid) if r in rows] == TO_COME
    warned = {p.row: p.message for p in result.problems if p.severity == "warning"}
    said = [r for r in range(2, 2 + len(TO_COME)) if "the person leaves on 1/15/2027" in warned.get(r, "")]
    assert said == list(range(2, 2 + len(TO_COME)))
