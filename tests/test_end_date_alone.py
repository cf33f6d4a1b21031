"""A bare 'End Date' passed, in a list with no status of the person: the error asking whose end it is (the
lead's closing note of session 51, leftover 2; hunter-asks7)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from intake_fixtures import sandbox_catalog

from bulkship.load import load_sheet
from bulkship.validate import validate


def _errors(tmp_path: Path, headers: str, rows: list[str]) -> dict[int, str]:
    path = tmp_path / "staff.csv"
    path.write_text(f"Name,Address,City,State,ZIP,Product,Value,{headers}\n" + "".join(rows))
    sheet = load_sheet(path)
    assert not sheet.skipped
    return {p.row: p.message for p in validate(sheet, sandbox_catalog()).problems if p.severity == "error"}


def test_a_bare_end_date_passed_asks_whose_end_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: 'End Date' = 11/30/2026 on Dec 7 was ordered, exit 0, where a passed 'Contract End Date' leaves
    the row out: the person's employment may have ended, or a program's. The error asking now; a day to
    come or an empty cell sends, and beside a status column (which says who is here) nothing is asked."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 7))
    cells = ["11/30/2026", "1/15/2027", ""]
    rows = [f"Person {i},{i + 1} Main St,Boston,MA,02134,CVS,50,{c}\n" for i, c in enumerate(cells)]
    errors = _errors(tmp_path, "End Date", rows)
    assert errors == {
        2: "Row 2, column 'End Date': says '11/30/2026', a day passed: the person's employment or contract "
        "ended (no card), or something else's end, a program's or an offer's (the card is sent)? Take the "
        "row off the list, or rename the column to say whose end it is ('Program End Date') to send it."
    }
    beside = [f"Person {i},{i + 1} Main St,Boston,MA,02134,CVS,50,{c},Active\n" for i, c in enumerate(cells)]
    assert 2 not in _errors(tmp_path, "End Date,Status", beside)
