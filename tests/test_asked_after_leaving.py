"""A leaving, then a question after it whose yes sends: whether the person is back ('Terminated in error?
back 12/1?', 'Terminated? back 12/1?') or the leaving's day ('Resigned - last day 12/31?', 'Resigned - still
here until 1/15/2027?'). Each was left out (or sent) with nobody asked (review73's leftover 4; review75)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_validated

# two questions: the first's no leaves a leaving whose return is only asked (the no stands: review60)
TWO_QUESTIONS = ["Terminated in error? back 12/1?", "Terminated? back 12/1?", "Terminated in error? rehired?"]
# the leaving sure, its day asked: a day to come sends until then, a leaving without its day does not
DAY_ASKED = [
    "Resigned - last day 12/31?", "Resigned - still here until 1/15/2027?", "Resigned - 1/15/2027?",
    "Resigned - last day 12/31? check with HR",
]  # fmt: skip
# as before: whether the leaving is undone, asked alone (the no stands); a day passed (gone either way);
# a question answered
STAYS_OUT = [
    "Terminated - rehired?",
    "Resigned - back 12/1?",
    "Resigned - last day 11/20?",
    "Resigned - last day 12/31? No",
]
SENDS = ["Terminated in error? back 12/1", "Resigned - last day 12/31"]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_leaving_then_a_question_whose_yes_sends_asks(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before (main 0cec26b2, Dec 5): 'Terminated? back 12/1?' was ordered; the others of TWO_QUESTIONS and
    DAY_ASKED were left out, nobody asked. Now each is the error asking; STAYS_OUT and SENDS as before."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*TWO_QUESTIONS, *DAY_ASKED, *STAYS_OUT, *SENDS]
    sheet, result = notes_validated(tmp_path / "list.csv", cells, header)
    rows = dict(enumerate(cells, start=2))
    assert [rows[p.row] for p in result.problems if p.severity == "error"] == [*TWO_QUESTIONS, *DAY_ASKED]
    assert [rows[s.row] for s in sheet.skipped] == STAYS_OUT
    assert [rows[r] for r in result.rows.index[result.rows["status"] == "valid"] if r in rows] == SENDS
