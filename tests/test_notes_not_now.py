"""A list's note saying its row is not to go now: held until a day, not eligible yet, kept for a later round
or for when the person is back. Each such row is left out (or held for its day), said; a day passed, or a note
saying it is now, still sends."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_sheet as _sheet

from bulkship.load import load_sheet

DEC_5 = datetime.date(2026, 12, 5)

NOT_NOW = [
    "On hold until 1/15/2027", "Not eligible until Feb", "Probation - not eligible until Feb",
    "Eligible after 2/1/2027", "Not eligible yet", "Under 90 days - not eligible yet",
    "Not eligible at this time", "Will send next year", "Next year", "Wave 2 - not this one",
    "Moved to round 2", "Maternity leave - send when back", "Hold until she returns",
    "Send when back from leave", "Send in the spring",
]  # fmt: skip
NOW = [
    "On hold until 11/30", "Eligible as of 11/1", "Not eligible until 11/1", "Eligible", "Now eligible",
    "Will send", "Returning from leave 12/1", "Back from leave 11/15", "On leave - send to home address",
    "Send back to HR if returned", "Send when ready", "Next year's amount: $50", "Passed probation 11/1",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Comments"])
def test_a_note_saying_not_now_holds_the_row_until_then(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-sends4 (hunter-sends3's leftovers, review40's remarks): an HR list's Notes 'On hold
    until 1/15/2027', 'Not eligible until Feb', 'Probation - not eligible until Feb', 'Eligible after
    2/1/2027', 'Not eligible yet', 'Under 90 days - not eligible yet', 'Will send next year', 'Next year',
    'Wave 2 - not this one', 'Maternity leave - send when back', 'Send in the spring' were each ordered on Dec
    5, exit 0, where 'Hold until 1/15/2027', 'Not eligible' and 'Send next year' leave the row out or hold it.
    Each is left out now (or held for its day), quoted; a day passed ('On hold until 11/30', 'Not eligible
    until 11/1', 'Eligible as of 11/1') and a leave ended still send."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": DEC_5)
    notes = [*NOT_NOW, *NOW]
    path = _sheet(tmp_path / "staff.csv", notes, header)
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert [note for row, note in enumerate(notes, start=2) if row in skipped] == NOT_NOW
    assert all(f"'{note}'" in skipped[row] for row, note in enumerate(NOT_NOW, start=2))
    assert "not to send it yet" in skipped[2 + NOT_NOW.index("On hold until 1/15/2027")]


def test_a_hold_until_a_day_to_come_sends_the_row_once_that_day_came(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows 'On hold until 1/15/2027', 'Not eligible until Feb' and 'Eligible after 2/1/2027' held on Dec
    5 go out when the list is run on Feb 2, 2027."""
    notes = ["On hold until 1/15/2027", "Not eligible until Feb", "Eligible after 2/1/2027"]
    path = _sheet(tmp_path / "staff.csv", notes)
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": DEC_5)
    assert len(load_sheet(path).skipped) == 3
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2027, 2, 2))
    assert not load_sheet(path).skipped


SENT_FOR_A_DECISION = [
    "Sent to HR for approval", "Submitted for approval", "Sent to manager for sign-off",
    "Routed to finance for approval", "Submitted to HR for review", "Sent to HR for approval 11/20",
    "Sent to HR for approval - denied",
]  # fmt: skip
DECIDED_OR_ANOTHER_THING = [
    "Sent to HR for approval - approved 12/1", "Sent to HR for approval; approved",
    "Submitted for approval - HR approved", "Sent to HR for approval - approval received 12/1",
    "Sent for approval - OK to send", "Sent to HR for address check", "Sent for review of the address",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Comments"])  # (a Status 'Sent ...' reads as the card sent)
def test_a_row_sent_to_someone_for_approval_waits_for_it(tmp_path: Path, header: str) -> None:
    """hunter-sends3's leftover, decided by hunter-sends4: Notes 'Sent to HR for approval', 'Submitted for
    approval', 'Sent to manager for sign-off', 'Routed to finance for approval' were each ordered, exit 0, a
    card before anyone approved it (it cannot be taken back), where 'Pending approval' and 'Awaiting
    approval' leave the row out. Each is left out now, quoted, as waiting on that approval; the approval come
    since ('... - approved 12/1'), a note going ahead all the same, or a row sent for another thing ('Sent to
    HR for address check') still send. (test_visible_rows and test_ordinary_notes had 'Sent to HR for
    approval' as a 'Sent' that is no card sent; they keep it so with '... - approved 12/1'.)"""
    notes = [*SENT_FOR_A_DECISION, *DECIDED_OR_ANOTHER_THING]
    path = _sheet(tmp_path / "staff.csv", notes, header)
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert [note for row, note in enumerate(notes, start=2) if row in skipped] == SENT_FOR_A_DECISION


CARD_HELD_UNTIL = [
    "Card on hold until 1/15/2027", "Hold card until 1/15/2027", "Hold the card until Jan 15, 2027",
    "Gift card on hold until 1/15/2027", "Put card on hold until 1/15/2027",
    "Active - card on hold until 1/15/2027",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Comments", "Status", "Employee Status"])
def test_a_card_held_until_a_day_goes_on_that_day(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A known drop (left by the lead's 3f47eb8d): Notes 'Card on hold until 1/15/2027', 'Hold card until
    1/15/2027' were left out for good ('the list says not to send it'), where 'On hold until 1/15/2027' is
    held to its day and goes on a run from then: the person was never sent a card. Under 'Status' 'Active -
    card on hold until 1/15/2027' (and 'Active - on hold until 1/15/2027') was ordered on Dec 5, before its
    day. Each is held to its day now; 'Card on hold until further notice' and 'Card on hold' still leave the
    row out."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": DEC_5)
    path = _sheet(
        tmp_path / "staff.csv",
        [*CARD_HELD_UNTIL, "Card on hold until further notice", "Card on hold"],
        header,
    )
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert sorted(skipped) == list(range(2, 2 + len(CARD_HELD_UNTIL) + 2)), skipped
    held = [note for row, note in enumerate(CARD_HELD_UNTIL, start=2) if "not to send it yet" in skipped[row]]
    assert held == CARD_HELD_UNTIL, skipped
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2027, 1, 16))
    assert sorted(s.row for s in load_sheet(path).skipped) == [
        2 + len(CARD_HELD_UNTIL),
        3 + len(CARD_HELD_UNTIL),
    ]


@pytest.mark.parametrize("header", ["Status", "Employee Status"])
def test_a_status_holding_the_row_until_a_day_goes_on_that_day(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review48's leftover 5, mended by review50: under 'Status' 'Hold until Jan', 'On hold until 1/15/2027'
    were left out for good on Dec 5 ('the list says not to send it'), where under 'Notes' the same words hold
    the row to its day and a run from then sends it: the person was never sent a card. Each is held to its
    day now, and a day passed sends, as under 'Notes'; a remark saying no or asking something after it, or
    no day, still leaves the row out."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": DEC_5)
    held = ["Hold until Jan", "On hold until 1/15/2027", "Hold till 1/15/2027"]
    passed = ["On hold until 11/30", "Hold until 11/1/2026"]
    out = ["Hold until 1/15/2027 - terminated", "Hold until 11/1/2026 (deceased)",
           "On hold until 1/15/2027 - Send Target instead", "Hold until further notice",
           "Hold until she returns", "Hold"]  # fmt: skip
    statuses = [*held, *passed, *out]
    path = _sheet(tmp_path / "staff.csv", statuses, header)
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    decided = {
        status: "sent" if row not in skipped else "held" if "not to send it yet" in skipped[row] else "out"
        for row, status in enumerate(statuses, start=2)
    }
    assert decided == {
        **dict.fromkeys(held, "held"),
        **dict.fromkeys(passed, "sent"),
        **dict.fromkeys(out, "out"),
    }
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2027, 1, 16))
    later = {s.row for s in load_sheet(path).skipped}
    assert [status for row, status in enumerate(statuses, start=2) if row in later] == out


def test_a_hold_until_a_day_written_with_its_year_after_a_comma_waits_for_that_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-money21: Notes 'Hold until Jan 15, 2028', 'Do not send before Jan 15, 2028' (the US
    way of writing a day, its year after a comma) were read as 'Jan 15' without its year, the day cut at the
    comma: on Jan 15, 2027 each was ordered, a year early, where 'Hold until 1/15/2028' waits. Held now
    until 2028; a year passed ('Hold until Nov 20, 2025') still sends."""
    held = ["Hold until Jan 15, 2028", "Do not send before Jan 15, 2028", "Card on hold until Jan 15, 2028"]
    sends = ["Hold until Nov 20, 2025", "Hold until Jan 15, thanks"]
    path = _sheet(tmp_path / "staff.csv", [*held, *sends])
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2027, 1, 15))
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert {row: skipped.get(row, "sent")[:32] for row in range(2, 7)} == {
        **dict.fromkeys(range(2, 5), "the list says not to send it yet"),
        **dict.fromkeys(range(5, 7), "sent"),
    }
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2028, 1, 15))
    assert not load_sheet(path).skipped


def test_a_person_away_until_a_day_is_held_to_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """newcomer19's N2, mended by review50: on Dec 5 an HR list's Notes 'on LOA until 1/15', 'on LOA until
    1/15 - send then', 'send when back 1/15', 'back 1/15 - send then' were each ordered at once (the list
    says to send later), and 'on LOA until 1/15 - send when back' was left out for good, never held to 1/15,
    where 'send after 1/15' is held and goes on a run from then. Each is held to its day now; a day passed
    or none read sends as before; a remark saying no, or a wait for a return no day is given for, still
    leaves the row out."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": DEC_5)
    held = ["on LOA until 1/15", "on LOA until 1/15 - send then", "on LOA until 1/15 - send when back",
            "send when back 1/15", "back 1/15 - send then", "On maternity leave until 1/10/2027"]  # fmt: skip
    sent = [
        "On leave until 11/1",
        "On leave until 11/1 - send when back",
        "On LOA until next week",
        "On leave",
    ]
    out = ["on LOA until 1/15 - terminated - send when back", "Maternity leave - send when back",
           "Hold released 10/1/2025, Maternity leave - send when back"]  # fmt: skip
    notes = [*held, *sent, *out]
    path = _sheet(tmp_path / "staff.csv", notes)
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    decided = {
        note: "sent" if row not in skipped else "held" if "not to send it yet" in skipped[row] else "out"
        for row, note in enumerate(notes, start=2)
    }
    assert decided == {
        **dict.fromkeys(held, "held"),
        **dict.fromkeys(sent, "sent"),
        **dict.fromkeys(out, "out"),
    }
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2027, 1, 16))
    later = {s.row for s in load_sheet(path).skipped}
    assert [note for row, note in enumerate(notes, start=2) if row in later] == out


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_person_away_through_a_day_or_a_month_is_held_to_the_day_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """newcomer21's N2 (the lead's, to hunter-money23): on Dec 5 an HR list's Notes 'on leave thru Jan' and
    'on leave through January' were held until 2027-01-01, a month before the leave ends, 'LOA thru 1/31'
    until 1/31, its last day; 'out on leave until Feb', 'OOO thru Jan 15', 'on mat leave thru end of Jan'
    were each ordered at once, where 'on leave until Jan' waits; 'Hold thru 1/15' and 'Hold through Jan'
    were ordered at once too. A hold through a day goes the day after it, through a month the 1st of the
    next; an away said in other words is held as 'on leave until' is, and so in a 'Status' (where 'on leave
    until Jan' was sent at once, read as the status 'On leave', while 'On LOA until Jan' waited). A through
    day passed, or no hold, sends."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": DEC_5)
    feb = ["on leave thru Jan", "on leave through January", "LOA thru 1/31", "on mat leave thru end of Jan",
           "on leave until the end of January", "Hold through Jan", "out on leave until Feb",
           "She is on leave until Feb"]  # fmt: skip
    feb += ["Overseas until Feb", "Out of the country until Feb"]  # (hunter-asks5: each ordered at once)
    jan_16, jan = (
        ["OOO thru Jan 15", "Hold thru 1/15", "Traveling thru Jan 15"],
        ["Out until Jan", "on leave until Jan"],
    )
    jan_15 = ["Away until 1/15/2027", "On vacation until 1/15/2027"]
    held = (
        dict.fromkeys(feb, "2027-02-01")
        | dict.fromkeys(jan_15, "2027-01-15")
        | dict.fromkeys(jan_16, "2027-01-16")
        | dict.fromkeys(jan, "2027-01-01")
    )
    sent = ["Ship through FedEx", "Send through HR", "Out of stock until Jan", "on leave",
            "on leave thru 11/30", "Away until 11/1/2026", "On vacation",
            "Holiday card until 1/5"]  # fmt: skip
    notes = [*held, *sent]
    path = _sheet(tmp_path / "staff.csv", notes, header)
    skipped = {s.row: s for s in load_sheet(path).skipped}
    decided = {
        note: skipped[row].until if row in skipped and "not to send it yet" in skipped[row].reason else
        "sent" if row not in skipped else "out"
        for row, note in enumerate(notes, start=2)
    }  # fmt: skip
    assert decided == held | dict.fromkeys(sent, "sent")


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_person_away_until_a_day_whose_note_says_to_send_now_is_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """newcomer20's N3 (the lead's, to review52): on Dec 5 an HR list's Notes 'maternity leave till March -
    mail to home anyway' (Bridget O'Hara's 20-year award) was held to 2027-03-01, three months, where the
    note says to mail it now and 'on leave - mail anyway' sends; so 'on leave until 1/15 - send anyway', '...
    - send now', '... - send to home address'. Sent now. Held still: no send after it, the send asked, put
    off or refused, a hold of the card besides ('Hold until 1/15 - send anyway'); a no after the send still
    leaves the row out."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": DEC_5)
    sent = ["maternity leave till March - mail to home anyway", "on leave until 1/15 - send anyway",
            "LOA until 1/15 - mail to home anyway", "on leave until 1/15 - send now",
            "On maternity leave until March - please send to home address, thanks"]  # fmt: skip
    held = ["maternity leave till March", "on leave until March - send anyway?",
            "Hold until 1/15 - send anyway", "on LOA until 1/15 - send then",
            "on LOA until 1/15 - send to home when back",
            "on leave until 1/15 - mail to home after 1/15"]  # fmt: skip
    out = ["on leave until 1/15 - send anyway; deceased", "on leave until 1/15 - already sent, send to home"]
    notes = [*sent, *held, *out]
    path = _sheet(tmp_path / "staff.csv", notes, header)
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    decided = {
        note: "sent" if row not in skipped else "held" if "not to send it yet" in skipped[row] else "out"
        for row, note in enumerate(notes, start=2)
    }
    assert decided == {
        **dict.fromkeys(sent, "sent"),
        **dict.fromkeys(held, "held"),
        **dict.fromkeys(out, "out"),
    }


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_hold_until_the_person_is_back_on_a_day_is_held_to_it(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """newcomer21's N3, fixed by review54: on Dec 5 an HR list's Notes 'on leave - hold card until she is back
    1/5' left the row out for good ('the list says not to send it'), where 'Hold card until 1/5' is held to
    its day: run again on 1/6, as the README says for held rows, she was still not sent. A day said as the
    person's return ('until she is back 1/5', 'until he returns Jan 5', 'until her return on 1/5') is held to
    it now, and sent from then; with no day ('until she is back') the row is still left out."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": DEC_5)
    held = ["on leave - hold card until she is back 1/5", "hold until she is back 1/5",
            "Hold card until he returns Jan 5", "on leave - hold until back 1/5",
            "hold card until her return on 1/5", "hold card until she's back on 1/5"]  # fmt: skip
    out = ["hold card until she is back", "on leave - hold until she returns"]
    path = _sheet(tmp_path / "staff.csv", [*held, *out], header)
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    decided = {
        note: "sent" if row not in skipped else "held" if "not to send it yet" in skipped[row] else "out"
        for row, note in enumerate([*held, *out], start=2)
    }
    assert decided == {**dict.fromkeys(held, "held"), **dict.fromkeys(out, "out")}
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2027, 1, 6))
    later = {s.row for s in load_sheet(path).skipped}
    assert [note for row, note in enumerate([*held, *out], start=2) if row in later] == out
