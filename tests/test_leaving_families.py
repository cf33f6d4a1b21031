"""A leaving or a death in the families of words HR and CRM lists write it in ('Sacked', 'Left the business',
'Ended employment', 'Departed this life', 'Term - Vol'), the chores of a leaving that are not the word
('Final paycheck issued', 'COBRA sent', 'Badge deactivated') and an employment status's words of its end
('Released', 'Ended', 'Finished'). Found by hunter-asks8, session 53 (bulkship/load/skipped/leftwork.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_validated

GONE = ["Sacked", "Ended employment", "Left us", "Left the business", "Quit the job", "Walked off",
        "Departed this life", "Term - Vol", "Separated - voluntary", "Got the boot 11/15",
        "Employee was shown the door", "Gig ended", "Passed on last week", "Her secondment came to an end",
        "Resigned from the firm - relocation", "Invol. Sep", "He went to be with the Lord",
        "Employment ceased", "Services no longer required", "NLE 11/15", "No longer on staff",
        "Reported deceased"]  # fmt: skip
CHORES = ["Final paycheck issued", "COBRA sent", "Badge deactivated", "Removed from payroll",
          "Exit interview done 11/15", "Laptop and badge returned", "Keys turned in", "Stopped showing up",
          "AWOL", "Obituary posted", "PILON paid", "TUPE'd out", "Sacked?"]  # fmt: skip
STAY = ["Released from probation", "Ended probation", "Finished onboarding", "Quit smoking program",
        "Left handed", "Left-handed", "Discharged from hospital, back at work",
        "Term life insurance enrolled",
        "Gig economy team", "Left us a 5-star review", "Fired up about the award!", "Passed on the message",
        "Called home sick", "Quit the job board ads", "Lost badge - new one issued", "COBRA eligible",
        "Sacked - rehired 12/1", "Sacked in error", "Sacked 1/15/2027", "Ended employment 1/15/2027",
        "Left the choir", "Walked out of the meeting early", "In loving memory of his father"]  # fmt: skip


def _read(tmp_path: Path, cells: list[str], header: str) -> tuple[list[str], list[str]]:
    """The cells whose rows are left out, and those whose rows ask."""
    sheet, result = notes_validated(tmp_path / "list.csv", cells, header)
    rows = dict(enumerate(cells, start=2))
    return [rows[s.row] for s in sheet.skipped if s.row in rows], [
        rows[p.row] for p in result.problems if p.severity == "error" and p.row in rows
    ]


@pytest.mark.parametrize("header", ["Notes", "Status", "Employee Status"])
def test_a_leaving_in_other_words_leaves_the_row_out_and_its_chores_ask(tmp_path: Path, header: str) -> None:
    """Before: each of GONE was ordered under 'Notes' ('Sacked', 'Left us', 'Ended employment', 'Departed
    this life' also under 'Status'), exit 0, a card to a person who had left or died; each of CHORES was
    ordered everywhere, nobody asked; 'Discharged from hospital, back at work' and 'Term life insurance
    enrolled' were left out under a status as a dismissal. Now GONE is left out, CHORES ask (gone, or a chore
    of another kind?), STAY sends: the same words going on to mean something else, the leaving undone, said a
    mistake or on a day to come, as 'Terminated' there."""
    out, asks = _read(tmp_path, [*GONE, *CHORES, *STAY], header)
    assert out == GONE
    assert asks == CHORES


def test_an_employment_status_saying_it_ended_leaves_the_row_out(tmp_path: Path) -> None:
    """Before: under 'Employee Status', 'Released' (a staffing agency's word: the assignment ended),
    'Ended', 'Finished', 'Ceased', 'Released from assignment' were each ordered, exit 0. Now left out; the
    same words of a probation or a return to work send, and under a bare 'Status' 'Released' and 'Finished'
    send as before (a hold released, a survey finished)."""
    ended = ["Released", "Ended", "Finished", "Ceased", "Released from assignment", "Released 11/15",
             "Ended - per HR"]  # fmt: skip
    sends = ["Released from probation", "Released to work", "Ended probation", "Finished onboarding",
             "Active"]  # fmt: skip
    out, asks = _read(tmp_path, [*ended, *sends], "Employee Status")
    assert (out, asks) == (ended, [])
    out, asks = _read(tmp_path, ["Released", "Finished", *sends], "Status")
    assert (out, asks) == ([], [])


def test_hibob_s_lifecycle_status_asks_as_a_status_does(tmp_path: Path) -> None:
    """Before: HiBob's 'Lifecycle Status' = 'Garden leave' was ordered and 'Terminated?' left out, nobody
    asked, where under 'Status' both ask: its header was no person's status. Now read as one; 'Terminated'
    is left out as before, 'Employed' and 'Hired' send."""
    out, asks = _read(
        tmp_path, ["Terminated", "Garden leave", "Terminated?", "Employed", "Hired"], "Lifecycle Status"
    )
    assert (out, asks) == (["Terminated"], ["Garden leave", "Terminated?"])
