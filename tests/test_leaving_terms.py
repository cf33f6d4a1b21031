"""A leaving said with its terms ('Terminated with cause', 'Fired without cause', 'Laid off with pay',
'Resigned with 2 weeks notice'): the person gone as 'Terminated' alone says (found by review75)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_left_out, notes_sheet, notes_validated

GONE_ON_TERMS = [
    "Terminated with cause", "Terminated without cause", "Fired with cause", "Dismissed with cause",
    "Resigned with notice", "Resigned with 2 weeks notice", "Resigned with two weeks' notice",
    "Quit without notice", "Laid off with pay", "Terminated with pay", "Terminated w/ pay",
    "Terminated w/o cause", "Terminated with severance", "Laid off with severance package",
    "Terminated with pay 11/15", "Employee terminated with cause", "Was terminated with cause last week",
    "Voluntary termination with notice", "U (terminated with pay)",
    # ... or with its reason (review77: each ordered under Notes, left out under Status)
    "Terminated for cause", "Fired for cause", "Dismissed for cause", "Terminated for gross misconduct",
    "Let go for poor performance", "Terminated for attendance", "Fired for theft",
    "Terminated for violating company policy", "Resigned for family reasons", "Quit for another job",
    "Terminated for no call no show", "Terminated for cause 11/15", "Employee terminated for cause",
    "Laid off for cause", "Fired for cause last week", "Terminated for cause per HR",
]  # fmt: skip
# the words in other senses, and the leaving undone after them: as before
STILL_SENT = [
    "Left with Sue", "Left with reception", "Resigned with a smile", "Terminated with HR approval",
    "Terminated with cause - rehired 12/1", "Terminated for cause - rehired 12/1", "Left for the day",
    "Resigned for the holidays",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Comments"])
def test_a_leaving_said_with_its_terms_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """Before: each of GONE_ON_TERMS in a Notes column was ordered, exit 0 (a card to someone gone), where
    'Terminated' alone and Status 'Terminated with cause' leave the row out. Now each is left out."""
    notes = [*GONE_ON_TERMS, *STILL_SENT]
    path = notes_sheet(tmp_path / "staff.csv", notes, header)
    assert notes_left_out(path, notes) == GONE_ON_TERMS


def test_a_leaving_with_its_terms_then_an_ask_to_send_asks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'Terminated with cause - send card' asks as 'Terminated - send card' does (a to-do written before, or
    the card still owed?): it was left out with nobody asked once its leaving was read."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    notes = [
        "Terminated with cause - send card",
        "Laid off with severance - send card",
        "Terminated - send card",
        "Terminated for cause - send card",
    ]
    sheet, result = notes_validated(tmp_path / "staff.csv", notes)
    errors = {p.row for p in result.problems if p.severity == "error"}
    assert errors == {2, 3, 4, 5}
    assert not {s.row for s in sheet.skipped} & errors
