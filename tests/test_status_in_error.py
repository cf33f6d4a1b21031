"""A status of a leaving said a mistake ('Terminated in error', 'Offboarded in error - send', 'Resigned in
error'): sent, as under 'Notes'. Found by review60: under 'Status' each was left out, the person still here
got no card."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_left_out, notes_sheet

SENDS = [
    "Terminated in error", "Terminated in error - send", "Terminated by mistake", "Offboarded in error",
    "Resigned in error", "Deceased in error - alive",
]  # fmt: skip
STAYS_OUT = ["Terminated in error - then resigned", "Terminated - not in error", "Terminated", "Deceased"]


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Notes"])
def test_a_leaving_said_a_mistake_sends_the_row(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*SENDS, *STAYS_OUT]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == STAYS_OUT


# a death by accident, or a leaving whose mistake is another ('... listed as active'), is no mistake about the
# leaving (review61 checking 786733b8: under 'Status' each was sent, a card to a person who died or left)
NO_MISTAKE_ABOUT_IT = [
    "Deceased by accident", "Deceased accidentally", "Deceased - accidentally",
    "Deceased accidentally (car crash)",
    "Terminated erroneously listed as active", "Terminated mistakenly listed as active",
    "Inactive by mistake on list", "Resigned mistakenly kept in roster",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Status", "Employee Status"])
def test_a_death_by_accident_or_another_mistake_after_a_leaving_leaves_the_row_out(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*SENDS, *NO_MISTAKE_ABOUT_IT]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == NO_MISTAKE_ABOUT_IT


# ... with its day, who said so or where the mistake was made after it: sent (review63 checking ad5c1615:
# 'Terminated in error 11/30', '... per HR', '... in Workday' were each left out again, the person still
# here got no card), the other mistakes after a leaving still left out
MISTAKE_THEN_MORE = [
    "Terminated in error 11/30", "Terminated in error on 11/30", "Terminated in error per HR",
    "Terminated by mistake per payroll", "Terminated in error (still employed)",
    "Terminated in error in Workday", "Terminated in error in HRIS - active", "Offboarded in error yesterday",
    "Laid off by mistake 11/30", "Terminated in error and reinstated", "Terminated in error!",
    "Terminated by mistake (fixed)", "Terminated in error in 2019", "Terminated in error (2019)",
]  # fmt: skip
STILL_NO_MISTAKE_ABOUT_IT = [
    "Deceased by accident 11/30", "Deceased in error per obituary", "Inactive by mistake on list 11/30",
    "Terminated erroneously listed as active per HR", "Terminated in error 11/30 - then resigned",
    "Deceased in error 11/30 - obituary confirmed", "Terminated in error 11/30 per HR - final",
]  # fmt: skip
# ('Terminated in error 11/30?' asks whether the mistake stands: the error asking, in test_notes_asking)


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Notes"])
def test_a_leaving_said_a_mistake_then_its_day_or_who_said_so_sends_the_row(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*MISTAKE_THEN_MORE, *STILL_NO_MISTAKE_ABOUT_IT]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == STILL_NO_MISTAKE_ABOUT_IT


# A leaving said a mistake, then said again after all: under 'Notes' each was ordered, exit 0 (a card to a
# person who died or left), where under 'Status' left out: the words after the mistake were read as none of a
# note's (review63's Found 1 in session 46; hunter-sends14). Said not so after it, the mistake stands: sent
SAID_AGAIN = [
    "Deceased in error 11/30 - obituary confirmed", "Deceased in error per obituary",
    "Terminated in error by manager, terminated again 12/1", "Terminated in error - confirmed terminated",
    "Resigned in error - resigned again", "Terminated in error, not rehired",
]  # fmt: skip
NOT_SO = [
    "Deceased in error - not deceased", "Terminated in error, not really terminated",
    "Deceased erroneously reported", "Deceased in error - obituary was for his father",
    "Left by mistake on voicemail",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_leaving_said_a_mistake_then_said_again_leaves_the_row_out(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*NOT_SO, *SAID_AGAIN, *SENDS]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == SAID_AGAIN
