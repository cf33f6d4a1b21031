"""A person gone and back, as a note or a status says it: back only when the note says they came back, never
when it says they will."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_left_out as _left_out
from support.notes import notes_sheet as _sheet


@pytest.mark.parametrize("header", ["Notes", "Status", "Employee Status"])
def test_a_person_gone_whose_rehiring_is_to_come_stays_out(tmp_path: Path, header: str) -> None:
    """Found by review42: Notes (or a Status) 'Terminated - will be rehired 1/2027', 'Terminated - would
    be rehired', 'Resigned - should be rehired in Jan', 'Laid off - going to be reinstated', 'Terminated -
    plans to be rehired' were each ordered, exit 0, a card to someone gone, where 'Laid off - may be rehired'
    is left out. Left out now; a person rehired or reinstated ('Terminated - rehired 11/20', 'Terminated -
    rehired, will start 12/1') still sends."""
    gone = ["Terminated - will be rehired 1/2027", "Terminated - would be rehired",
            "Resigned - should be rehired in Jan", "Laid off - going to be reinstated",
            "Terminated - plans to be rehired"]  # fmt: skip
    back = [
        "Terminated - rehired 11/20",
        "Terminated - rehired, will start 12/1",
        "Left 11/1 - reinstated 11/20",
    ]
    path = _sheet(tmp_path / "staff.csv", [*back, *gone], header)
    assert _left_out(path, [*back, *gone]) == gone


@pytest.mark.parametrize("header", ["Notes", "Status", "Employee Status"])
def test_a_person_gone_and_back_or_kept_on_in_other_words_is_sent(tmp_path: Path, header: str) -> None:
    """Found by review42 reviewing b4f8fbea (which reads 'Contract ended'): Notes 'Contract ended - now
    full-time employee', 'Contract ended, hired as FTE 11/1', 'Contract ended 10/31; converted to permanent
    11/1', 'Assignment ended 11/30 - new assignment started 12/1' were left out since, and older,
    'Terminated - now back', 'Resigned 10/1 - came back 11/1', 'Left company 2019 - returned 2021',
    'Terminated 10/1, hired back 11/1', 'Left 2019, boomerang hire 2023' were: the person the list kept got
    no card, where 'Terminated - rehired 11/20' sends. They send now; one employed elsewhere, back on
    something else, back to come, or gone again stays out."""
    back = [
        "Contract ended - now full-time employee",
        "Contract ended, hired as FTE 11/1",
        "Contract ended 10/31; converted to permanent 11/1",
        "Contract not renewed - hired directly 11/15",
        "Assignment ended 11/30 - new assignment started 12/1",
        "Was laid off, now back",
        "Doesn't work here anymore - moved to our Denver office",
        "Terminated - now back",
        "Resigned 10/1 - came back 11/1",
        "Left company 2019 - returned 2021",
        "Terminated 10/1, hired back 11/1",
        "Left 2019, boomerang hire 2023",
        "Terminated - re-hired 11/20",
    ]
    gone = [
        "Left - now full-time at Acme",
        "Terminated - now an employee of Acme",
        "Contract ended - hired as FTE elsewhere",
        "Terminated - now back on COBRA",
        "Terminated - coming back in Jan",
        "Terminated - will come back 1/2027",
        "Left company - returned laptop",
        "Terminated - card returned 11/30",
        "Resigned - came back, then left again 12/1",
        "Left - moved to Denver",
        "Terminated - will be converted to FTE",
        "Contract ended - pending conversion to FTE",
    ]
    path = _sheet(tmp_path / "staff.csv", [*back, *gone], header)
    assert _left_out(path, [*back, *gone]) == gone


@pytest.mark.parametrize("header", ["Notes", "Status", "Employee Status"])
def test_a_person_gone_whose_rehiring_is_dated_to_come_stays_out_until_that_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """review42's LO6, fixed by hunter-sends3: Notes (or a Status) 'Terminated - rehired effective 1/15/2027'
    (or 'Resigned 10/1 - reinstated as of Jan 15, 2027', 'Left company - came back 1/20/2027', 'Terminated
    - rehired 2027-01-15') were each ordered on Dec 5, 2026, exit 0: the words saying the person back undid
    the leaving whatever the day, and under a Status the rehire's day was read as the leaving's, still to
    come. The person is not employed until then: left out, quoted, until that day; from it on sent. A rehire
    dated passed ('Terminated - rehired 11/1/2026') or without its year ('... rehired 11/20') sends, as
    before."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    later = ["Terminated - rehired effective 1/15/2027", "Resigned 10/1 - reinstated as of Jan 15, 2027",
             "Left company - came back 1/20/2027", "Terminated - rehired 2027-01-15"]  # fmt: skip
    back = ["Terminated - rehired 11/1/2026", "Terminated - rehired 11/20", "Terminated - rehired Dec 2026"]
    notes = [*later, *back]
    path = _sheet(tmp_path / "staff.csv", notes, header)
    assert _left_out(path, notes) == later
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2027, 2, 1))
    assert _left_out(path, notes) == []


@pytest.mark.parametrize("header", ["Notes", "Status", "Employee Status"])
def test_a_rehiring_without_its_year_after_a_dated_leaving_is_read_after_that_leaving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """hunter-sends3's leftover, fixed by hunter-sends4: Notes (or a Status) 'Resigned 10/1 - reinstated as of
    Jan 15' or 'Left 9/30 - rehired 1/15' were each ordered on Dec 5, 2026, exit 0, where '... Jan 15, 2027'
    stays out: a day without its year was read as the person back. Read after the leaving dated before it
    (the last Oct 1 up to the run, the first Jan 15 after it), the person is not back until Jan 15, 2027:
    left out, quoted, until then; a return after the leaving that came already ('Terminated 11/1 - rehired
    11/20', 'Terminated 3/1 - rehired 6/1') and one with no leaving day ('Terminated - rehired 11/20') send,
    as before."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    later = ["Resigned 10/1 - reinstated as of Jan 15", "Left 9/30 - rehired 1/15",
             "Terminated 11/1/2026 - rehired 1/15", "Resigned Oct 1 - reinstated Jan 15th"]  # fmt: skip
    back = ["Terminated 11/1 - rehired 11/20", "Terminated 3/1 - rehired 6/1", "Terminated - rehired 11/20",
            "Resigned 10/1 - reinstated as of 11/15"]  # fmt: skip
    notes = [*later, *back]
    path = _sheet(tmp_path / "staff.csv", notes, header)
    assert _left_out(path, notes) == later
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2027, 2, 1))
    assert _left_out(path, notes) == []


@pytest.mark.parametrize("header", ["Notes", "Status", "Employee Status"])
def test_a_leaving_said_undone_in_words_of_its_own_is_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """Found by review50 (the lead's leftover 3): Notes (or a Status) 'Terminated - rescinded', 'Terminated
    Nov 20 - reversed', 'Resigned - withdrew resignation', 'Terminated 2019 (rehire)', 'Left 2019 - back
    2022' were each left out as 'the list says not to send it', the person the list kept got no card,
    where 'Resigning 11/30 - rescinded' and 'Terminated 2019 (rehired)' send. They send now. What else was
    taken back, a rehire's eligibility, asked, to come or gone again stays out; a return in a year to come
    waits for it."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    back = ["Terminated - rescinded", "Terminated Nov 20 - reversed", "Resigned Nov 20 - rescinded",
            "Resigned - withdrew resignation", "Resigned 11/1 - resignation withdrawn",
            "Terminated - termination rescinded 12/1", "Terminated - rescinded by HR",
            "Terminated 2019 (rehire)", "Terminated 2019 - rehire 2022", "Terminated 2019 - back 2022",
            "Left 2019 - back 2022", "Separated 2019 - back in 2022"]  # fmt: skip
    gone = ["Terminated - rehire rescinded", "Terminated - offer rescinded", "Terminated (rehire eligible)",
            "Terminated - eligible for rehire", "Terminated - no rehire", "Terminated - rehire?",
            "Terminated (do not rehire)", "Terminated - rescinded?", "Terminated - not rescinded",
            "Terminated - will be reversed", "Resigned - rescinded, then resigned again",
            "Terminated - rescinded - deceased 12/1", "Left 2019 - back 2022 - left again 2024",
            "Left 2019 - back 2031", "Terminated 2019 - rehire 2031", "Terminated 11/1 - rehire 1/15/2031",
            "Deceased - reversed"]  # fmt: skip
    path = _sheet(tmp_path / "staff.csv", [*back, *gone], header)
    assert _left_out(path, [*back, *gone]) == gone


@pytest.mark.parametrize("header", ["Notes", "Status", "Employee Status"])
def test_a_person_gone_then_returned_on_a_day_passed_is_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """The lead's closing note of session 49, leftover 3 (review71's): 'Left 2023 - returned 12/2', 'Left
    2023 - back 12/2' were left out on Dec 5, 2026 ('the list says not to send it'), the person rehired got no
    card, where '... - came back 12/2' and '... - rehired 12/2' send. They send now; back on a day to come
    ('Left 2023 - returned 1/15/2027', 'Left 9/30 - returned 1/15'), asked, gone again or something else
    returned ('card returned 12/2') stays out (review73)."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    back = ["Left 2023 - returned 12/2", "Left 2023, returned 12/2", "Left 2023 - back 12/2",
            "Terminated 2022 - returned on 11/15", "Laid off - returned 12/2",
            # ... or rejoined, or the leaving given up ('Resigned - changed mind'): each left out too
            "Left 2022 - rejoined", "Left company - rejoined 11/1", "Resigned - changed mind",
            "Resigned - stayed on", "Resigned - decided to stay"]  # fmt: skip
    gone = ["Left 2023 - returned 1/15/2027", "Left 9/30 - returned 1/15", "Left 2023 - returned 12/2?",
            "Left 2023 - returned 12/2 - left again 12/4", "Left 2023 - card returned 12/2",
            "Terminated - returned mail 12/2", "Deceased - returned 12/2",
            "Terminated 10/1/2025 - Returned 11/20 - address fixed", "Left 2022 - rejoined 1/15/2027",
            "Resigned - changed mind?", "Resigned - changed mind, then left 12/1",
            "Resigned - stayed until 11/30"]  # fmt: skip
    notes = [*back, *gone]
    assert _left_out(_sheet(tmp_path / "staff.csv", notes, header), notes) == gone
