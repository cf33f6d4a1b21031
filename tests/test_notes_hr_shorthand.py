"""HR's shorthand in a Notes or Status cell ("term'd", 'vol term', 'TERM eff 12/12'): left out as 'termed'
and 'Term 12/12' are (bulkship/load/skipped/notes.py, status.py). Found by newcomer22 (its N2) in a
BambooHR anniversaries list: each was ordered, exit 0."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_left_out, notes_sheet

TERMINATED = [
    "term'd", "term'd 12/31", "TERM eff 12/12", "term eff 12/12", "vol term eff 12/15", "inv term 11/22",
    "invol term", "vol term", "Term date 12/31", "Voluntary term", "Term'd per HR", "term'ed 12/1", "term'ed",
]  # fmt: skip
# a term of something else, or a no undone
SENDS = ["term", "long term", "Term life insurance", "inv term: net 30", "term'd - still send", "term 2"]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_hr_shorthand_of_a_termination_leaves_the_row_out(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (on a day after each: 'TERM eff 12/12' on Dec 5 is a leaving to come, sent until the day: newcomer27)
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2027, 1, 20))
    notes = [*TERMINATED, *SENDS]
    path = notes_sheet(tmp_path / "list.csv", notes, header)
    left_out = notes_left_out(path, notes)
    assert [note for note in TERMINATED if note not in left_out] == []  # each was ordered before
    if header == "Notes":  # (a Status cell 'term' alone is HR's word, left out as before)
        assert [note for note in SENDS if note in left_out] == []


GIVEN = ["already gave", "already gave at team lunch", "already given", "already gave in Nov",
         "already gave by hand"]  # fmt: skip
# what else was given, or given wrongly, or a send asked after all
GIVEN_SENDS = ["already gave notice", "already gave feedback", "Already gave in error", "already gave?",
               "already gave by mistake to Bob - send her one", "already gave - send anyway"]  # fmt: skip


def test_a_note_saying_the_gift_was_already_given_leaves_the_row_out(tmp_path: Path) -> None:
    """newcomer22's N2: 'already gave', 'already gave at team lunch' were ordered (a second gift), where
    'already gave card in person' is left out."""
    notes = [*GIVEN, *GIVEN_SENDS]
    left_out = notes_left_out(notes_sheet(tmp_path / "list.csv", notes), notes)
    assert [note for note in GIVEN if note not in left_out] == []  # each was ordered before
    assert [note for note in GIVEN_SENDS if note in left_out] == []


UNDONE = ["TERM eff 12/12 - rescinded", "term eff 12/12 - rescinded", "term'd - rescinded",
          "vol term - reversed", "Term 12/12 - rescinded", "term'd 12/31 - rescinded"]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_hr_shorthand_of_a_termination_taken_back_sends_the_row(tmp_path: Path, header: str) -> None:
    """Found by the lead checking bbc6d246: 'TERM eff 12/12 - rescinded' was left out, where 'Terminated 12/12
    - rescinded', 'termed - rescinded' send: the undoing of a leaving knew the whole words only."""
    notes = [*UNDONE, "term'd - rehire rescinded"]
    assert notes_left_out(notes_sheet(tmp_path / "list.csv", notes, header), notes) == [
        "term'd - rehire rescinded"
    ]


def test_a_status_of_voluntary_term_life_a_benefit_sends_the_row(tmp_path: Path) -> None:
    """Found by review57 checking bbc6d246: a 'Status' of 'Voluntary term life', 'Vol term life - enrolled',
    'Voluntary Term Life: yes' (a benefit enrolled) was left out as 'vol term' (a termination) is."""
    benefit = ["Voluntary term life", "Vol term life", "Vol term life - enrolled", "Voluntary Term Life: yes"]
    notes = [*benefit, "vol term"]
    assert notes_left_out(notes_sheet(tmp_path / "list.csv", notes, "Status"), notes) == ["vol term"]
