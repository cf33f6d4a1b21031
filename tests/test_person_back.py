"""A person gone and back, as a note or a status says it: back only when the note says they came back, never
when it says they will."""

from __future__ import annotations

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
