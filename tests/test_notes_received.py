"""A list's note saying the card was received (bulkship/load/skipped/received.py): the person has it, and
the row is left out; another thing received, and a bare 'Received', still send."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_left_out as _left_out
from support.notes import notes_sheet as _sheet

RECEIVED = [
    "Received 11/29 - thanks!", "Received 11/29", "Rec'd 11/29", "Rcvd Nov 29", "Received - thanks",
    "Received, thank you!", "Card received", "Card received 11/29", "Gift card was received",
    "Card rec'd - thanks", "Received card 11/29", "Received her gift card", "Received Target card",
    "Employee received the card", "Card received by spouse", "Thanks - received!", "Confirmed received",
    "Active - card received 11/20",
]  # fmt: skip
STILL_SENT = [
    "Received", "Received the form", "Received her card choice", "Received Target card request",
    "Received in good condition", "Received promotion in May", "Received her 10 year pin",
    "Received address update", "Card number received", "Received award at gala - mail card",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Comments"])
def test_a_note_saying_the_card_was_received_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """Found by the lead (hunter-sends5's brief): an HR list's Notes 'Received 11/29 - thanks!' (the
    person's own thanks, copied in), 'Card received', 'Received card 11/29', "Rec'd 11/29", 'Confirmed
    received' were each ordered, exit 0: a second card to someone who has the first, where 'Delivered 11/29'
    and 'Received in Oct' leave the row out. Each is left out now; another thing received, and a bare
    'Received' (a survey's or a form's answer come in), still send."""
    notes = [*RECEIVED, *STILL_SENT]
    path = _sheet(tmp_path / "staff.csv", notes, header)
    assert _left_out(path, notes) == RECEIVED


@pytest.mark.parametrize("header", ["Notes", "Comments"])
def test_a_note_asking_whether_the_card_was_received_answered_yes_leaves_the_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by hunter-sends5 (its leftover 7): Notes 'Received your gift card? yes', 'Got your card? Y',
    'Did you receive your card? Yes' were each ordered, exit 0 (a second card), where 'Card received' leaves
    the row out. They are left out now; the question unanswered, answered no, or yes with a resend asked,
    still sends."""
    yes = ["Received your gift card? yes", "Received card? Yes", "Got your card? Y",
           "Received gift card?: Yes", "Card received? yes - thanks",
           "Did you receive your card? Yes"]  # fmt: skip
    still = ["Received your gift card? no", "Received your gift card?",
             "Received your gift card? yes but damaged, resend"]  # fmt: skip
    path = _sheet(tmp_path / "staff.csv", [*yes, *still], header)
    assert _left_out(path, [*yes, *still]) == yes
