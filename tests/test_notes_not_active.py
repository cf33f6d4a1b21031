"""A note saying the person is not active or not to be sent ever ('not active', 'not a current employee',
'off boarded', 'never send'), or not to send the cards ('do not send cards'): left out, as 'Inactive' and
'Do not send card' are (bulkship/load/skipped/notes.py). Found by review55 and the lead: each was ordered,
exit 0."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_sheet

from bulkship.load import load_sheet

LEFT_OUT = [
    "never send", "Never send", "HR: never send", "not active", "not a current employee", "not employed",
    "no longer active", "off boarded", "offboarded", "Off-boarded 11/15", "do not send cards",
    "never send a card", "Do not send gifts", "pls never mail",
]  # fmt: skip
SENDS = ["never sent", "never received", "Never sent - please send", "not active on email", "Active"]


def test_a_note_saying_not_active_never_send_or_not_the_cards_leaves_the_row_out(tmp_path: Path) -> None:
    cells = [*LEFT_OUT, *SENDS]
    path = notes_sheet(tmp_path / "list.csv", cells, "Notes")
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    ordered = [cell for row, cell in enumerate(LEFT_OUT, start=2) if row not in skipped]
    assert ordered == [], ordered  # each was ordered before
    first = len(LEFT_OUT) + 2
    out = {cell: skipped[row] for row, cell in enumerate(SENDS, start=first) if row in skipped}
    assert out == {}, out  # the card did not go, or the words are of something else: sent as before
    assert "(column 'Notes': 'not a current employee')" in skipped[6]


HELD = [
    "do not send cards until 1/5", "Do not send gifts before 12/15", "Don't send gifts until Jan",
    "do not send the cards until 1/5/2027", "send cards after 1/5", "mail gifts after 12/20",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_note_saying_not_to_send_the_cards_until_a_day_holds_the_row_to_it(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review57 checking c7ec6019: on Dec 5, 2026 an HR list's Notes (or Status) 'do not send cards
    until 1/5', 'Do not send gifts before 12/15', 'send cards after 1/5' were each ordered at once, exit 0,
    where 'do not send card until 1/5' and 'send card after 1/5' hold the row to the day: the hold read 'card'
    and 'gift' only. Each is held to its day now and sent from it; a day passed sends."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*HELD, "do not send cards until 11/30"]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    held = [cell for row, cell in enumerate(cells, start=2) if "not to send it yet" in skipped.get(row, "")]
    assert held == HELD, skipped  # each was ordered on Dec 5 before
    assert len(cells) + 1 not in skipped  # the day passed: sent
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2027, 1, 6))
    assert not load_sheet(path).skipped  # from its day on, each is sent


UNMARKED = [
    "Active do not send", "Remote do not send", "Retiree do not send", "Wrong address do not send",
    "Moved do not send", "Active dont send", "Active never send", "Active do not mail",
    "Active do not send per HR", "do not send card until further notice",
    "do not send the card until approved", "do not send card pending approval",
    "do not send his gift until approved", "do not send card before approval",
]  # fmt: skip
STILL_SENDS = [
    "Removed from do not send", "No longer do not send", "was do not send", "Active do not send email",
    "Home only do not send to office", "We never send to PO boxes", "Manager asked why do not send",
    "do not send card to office", "Resigned before but rehired", "Declined before but accepted now",
]  # fmt: skip


def test_a_note_saying_no_after_words_with_no_mark_or_naming_the_card_leaves_the_row_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review57 checking b8d0bd9c: an HR list's Notes 'Active do not send', 'Remote do not send',
    'Wrong address do not send', 'Active never send' were each ordered, exit 0, where under 'Status' each is
    left out since b8d0bd9c, and 'Active, do not send' under 'Notes'; 'do not send card until further
    notice', 'do not send the card until approved', 'do not send card pending approval', 'do not send card
    before approval' were ordered (Notes and Status) where without the card each is left out (review56 found
    them too); 'Active do not send until 1/5/2027', 'do not send her card until 1/5' were ordered on Dec 5.
    Each is left out now (the last two held to their day); a no after a word undoing it, or of another thing
    or place, still sends."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*UNMARKED, *STILL_SENDS, "Active do not send until 1/5/2027", "do not send her card until 1/5"]
    path = notes_sheet(tmp_path / "list.csv", cells, "Notes")
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    decided = {
        cell: "sent" if row not in skipped else "held" if "not to send it yet" in skipped[row] else "out"
        for row, cell in enumerate(cells, start=2)
    }
    assert decided == {
        **dict.fromkeys(UNMARKED, "out"),  # each was ordered before
        **dict.fromkeys(STILL_SENDS, "sent"),
        "Active do not send until 1/5/2027": "held",  # each ordered on Dec 5 before
        "do not send her card until 1/5": "held",
    }


HELD_AFTER_A_WORD = [
    "Full-time hold card until 1/15/2027", "Active hold until 1/15/2027", "Active on hold until 1/15/2027",
    "Remote hold card until 1/15/2027",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_hold_until_a_day_after_a_status_word_with_no_mark_holds_the_row_to_it(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review57: on Dec 5, 2026 an HR list's Notes (or Status) 'Full-time hold card until 1/15/2027',
    'Active hold until 1/15/2027', 'Active on hold until 1/15/2027' were each ordered at once, exit 0, where
    'Active - hold card until 1/15/2027' is held to its day. Each is held to it now; 'Active hold until 11/1'
    (passed), 'Released from hold until 1/15/2027' still send."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*HELD_AFTER_A_WORD, "Active hold until 11/1", "Released from hold until 1/15/2027"]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    held = [cell for row, cell in enumerate(cells, start=2) if "not to send it yet" in skipped.get(row, "")]
    assert (held, len(skipped)) == (HELD_AFTER_A_WORD, len(HELD_AFTER_A_WORD))  # each was ordered on Dec 5
