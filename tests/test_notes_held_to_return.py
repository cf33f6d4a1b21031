"""A person away said back on a day, or a card held for a month, waits for that day (newcomer22's N2)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_sheet

from bulkship.load import load_sheet

DEC_5 = datetime.date(2026, 12, 5)


def _decided(path: Path, notes: list[str]) -> dict[str, str]:
    """Each note's row: the day it waits for, 'sent', or 'out' (left out for good)."""
    skipped = {s.row: s for s in load_sheet(path).skipped}
    return {
        note: skipped[row].until if row in skipped and "not to send it yet" in skipped[row].reason else
        "sent" if row not in skipped else "out"
        for row, note in enumerate(notes, start=2)
    }  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_person_away_said_back_on_a_day_is_held_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """newcomer22's N2 (the lead's, to hunter-money24): on Dec 5 a BambooHR list's Notes 'LOA returning 1/5'
    and 'returning from LOA 12/20' were ordered at once, where 'on LOA thru 1/15' waits until 1/16: the card
    went to a person on leave. Each is held to the day the person returns; a return day passed sends, as does
    an away whose note says to send now."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": DEC_5)
    held = {"LOA returning 1/5": "2027-01-05", "returning from LOA 12/20": "2026-12-20",
            "LOA - returning 1/5": "2027-01-05", "LOA, back 1/5": "2027-01-05",
            "back from LOA 1/5": "2027-01-05", "returning from leave 1/5": "2027-01-05",
            "on leave, returns Jan 5": "2027-01-05", "sick leave - due back 1/12": "2027-01-12"}  # fmt: skip
    sent = ["LOA returning 11/20", "Back from leave 12/1. Holiday gift", "returning 1/5",
            "returning from LOA 12/20 - send to home anyway", "Returned from LOA 11/30"]  # fmt: skip
    notes = [*held, *sent]
    path = notes_sheet(tmp_path / "staff.csv", notes, header)
    assert _decided(path, notes) == held | dict.fromkeys(sent, "sent")


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_card_held_for_a_month_or_its_round_waits_for_its_first_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """newcomer22's N2: on Dec 5 Notes 'hold for January' and 'hold for Jan batch' were ordered at once, where
    'hold until January' waits until Jan 1 and 'hold for next batch' is left out. Each waits for the first
    day of its month; a hold for something else (pickup, a manager, Q1) is as it was. So in a 'Status',
    where 'hold for January' was left out for good (and 'hold for manager' still is)."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": DEC_5)
    held = {"hold for January": "2027-01-01", "hold for Jan batch": "2027-01-01",
            "hold for the Jan batch": "2027-01-01", "Hold for January 2027": "2027-01-01",
            "hold for Feb run": "2027-02-01", "hold for Jan - per HR": "2027-01-01",
            "hold until Jan batch": "2027-01-01"}  # fmt: skip
    as_before = {"hold for pickup": "sent", "hold for manager": "sent" if header == "Notes" else "out",
                 "Hold for Q1": "out", "hold for next batch": "out"}  # fmt: skip
    notes = [*held, *as_before]
    path = notes_sheet(tmp_path / "staff.csv", notes, header)
    assert _decided(path, notes) == held | as_before


def test_a_day_held_to_followed_by_a_sentence_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-money24 beside N2: 'on LOA until 12/1. Holiday gift' and 'hold until 12/1. correct
    spelling: anne' were left out for good on Dec 5 (the day read with the sentence after it, as no day),
    'Wait until 1/5. Returned from leave 2019' too, where 'on LOA until 12/1' sends and 'Wait until 1/5'
    waits. The day ends at the full stop ('Jan. 15' keeps its own)."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": DEC_5)
    held = {
        "Wait until 1/5. Returned from leave 2019": "2027-01-05",
        "Hold until Jan. 15. Thanks": "2027-01-15",
    }
    sent = ["on LOA until 12/1. Holiday gift", "hold until 12/1. correct spelling: anne"]
    notes = [*held, *sent]
    path = notes_sheet(tmp_path / "staff.csv", notes)
    assert _decided(path, notes) == held | dict.fromkeys(sent, "sent")
