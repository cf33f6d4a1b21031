"""A leaving's day written without its year more than a month ahead ('Terminated 3/1', 'Last day 2/15' on
Dec 5, 2026): next year's, or this year's on a stale row? Read as next year's up to 92 days ahead
(a2a78b4e), the card went to someone who may have left last March, exit 0. The row is the error asking which
year (the lead's decision, session 50; review73); within 31 days the day is to come (sent until then), beyond
92 passed (left out), as before."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pandas as pd
import pytest
from support.notes import notes_left_out, notes_sheet

from bulkship.cli import main

SENT = ["Last day 12/31", "Terminated 1/5", "Resigned - LWD 12/20", "Terminated 3/1/2027"]
ASKED = ["Terminated 1/6", "Terminated 3/1", "Last day 2/15", "Resigned - last day Jan 15", "LWD 3/7",
         "Active - leaving 2/1", "Laid off 2/15 per HR"]  # fmt: skip
PASSED = ["Last day 3/8", "Last day 6/10", "Last day 11/15", "Terminated 2/15 - do not send"]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_leaving_day_without_its_year_more_than_a_month_ahead_asks_which_year(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*SENT, *ASKED, *PASSED]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == PASSED
    main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    problems = json.loads(capsys.readouterr().out)["problems"]
    errors = {p["row"]: p["message"] for p in problems if p["severity"] == "error"}
    assert [cells[row - 2] for row in sorted(errors)] == ASKED
    assert (
        f"Row 7, column '{header}': says 'Terminated 3/1', a leaving day without its year: 3/1/2027, the "
        "person still here until then (the card is sent), or 3/1/2026, gone since (no card)? Write the day "
        f"with its year in '{header}'."
    ) == errors[7]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_leaving_day_asked_asks_whether_the_card_goes(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The lead's closing note of session 49, leftover 3: on Dec 5, 2026 'Terminated 12/20?', 'Terminated
    1/15/2027?', 'Resigned 12/31/2026 ?' were left out and 'Last day 12/20?' sent, nobody asked: the day, or
    the leaving itself in doubt? Each is the error asking now; a journey's day asked sends, and a no said
    after it leaves the row out, as before (review73)."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    asked = ["Terminated 12/20?", "Last day 12/20?", "Terminated 1/15/2027?", "Resigned 12/31/2026 ?"]
    out = ["Terminated 12/20? - do not send"]
    cells = [*asked, "Arriving 11/18, leaving 11/20?", "Leaving 12/20 for vacation?", *out]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == out
    main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    errors = {p["row"] for p in json.loads(capsys.readouterr().out)["problems"] if p["severity"] == "error"}
    assert [cells[row - 2] for row in sorted(errors)] == asked


def test_a_leaving_day_without_its_year_is_read_as_a_date_once_whatever_the_looks_at_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 14 (hunter-speed10): each remark naming a leaving's day without its year was read by pandas as a
    date (a dozen operations on a one-cell column) at every look: asking whether it asks, then again as
    asked, for the rows left out and for the errors: 4 reads of 'Terminated 2/23' a validate, as many of each
    such remark of a long list. The same text reads as the same date: once, and asks the same."""
    from bulkship.load.skipped import yearasked

    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    read: list[str] = []  # the days a remark names, each read as a date (a one-cell column)
    dates = yearasked._dates

    def counted(column: pd.Series) -> pd.Series:
        read.extend(column)
        return dates(column)

    monkeypatch.setattr(yearasked, "_dates", counted)
    cells = ["Terminated 2/23", "Active", "Last day 2/13"]
    path = notes_sheet(tmp_path / "list.csv", cells, "Notes")
    main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [p["row"] for p in problems if p["severity"] == "error"] == [2, 4]  # each asks which year
    assert max(read.count(day) for day in ("2/23", "2/13")) <= 1, read  # (0: read so by an earlier test)
