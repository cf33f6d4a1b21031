"""A list's note saying the person wants no card, in other words than 'Declined': no gift preferred, a
donation or cash in the pay instead. Each such row is left out, said; a card chosen or a donation told
beside the card still sends."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_left_out as _left_out
from support.notes import notes_sheet as _sheet

WANTS_NONE = [
    "Prefers no gift", "Prefers no card", "Would rather not receive a gift", "Asked not to receive gifts",
    "Asked to donate to charity instead", "Donation in lieu of card", "Chose the charity option",
    "Donated her gift to charity", "Wants cash in paycheck instead", "Opted for cash via payroll",
]  # fmt: skip
STILL_SENT = [
    "Prefers Target", "Prefers no gift wrap", "Prefers not to be called",
    "Asked not to be contacted by phone", "Would like a gift receipt", "Donated to the food drive",
    "Wants to donate blood",
    "Asked for the charity match form", "Asked about charity options", "Charity: Red Cross",
    "Chose the charity option - but send card anyway",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Comments", "Status"])
def test_a_note_saying_the_person_wants_no_card_in_other_words_leaves_the_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by hunter-sends4 (hunter-sends3's leftovers, review40's remarks still sent): an HR list's Notes
    'Prefers no gift', 'Asked to donate to charity instead', 'Donation in lieu of card', 'Chose the charity
    option', 'Wants cash in paycheck instead' were each ordered, exit 0: a card the person said no to, where
    'Prefers donation', 'Chose charity' and 'Wants cash instead' leave the row out. Each is left out now; a
    card chosen, another thing not wanted, a donation told beside the card, and a note saying send all the
    same still send."""
    notes = [*WANTS_NONE, *STILL_SENT]
    path = _sheet(tmp_path / "staff.csv", notes, header)
    assert _left_out(path, notes) == WANTS_NONE


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_person_who_declined_and_opted_in_since_is_sent(tmp_path: Path, header: str) -> None:
    """Found by review48 (its leftover 4), mended by review50: an HR list's Notes (or Status) 'Declined -
    opted in 11/20', 'Declined / opted in', 'Declined, then opted in' left the row out, exit 0, while 'Opted
    out - opted back in 11/1' sends: the person who wants the card now got none. Opted in since, the row is
    sent; asked, not, for a later day, into another thing, or declined again still leaves it out."""
    turned = ["Declined - opted in 11/20", "Declined / opted in", "Declined, then opted in",
              "Declined gift - opted back in 11/20", "Declined - she opted in 11/20",
              "Declined - opted in again"]  # fmt: skip
    still = ["Declined - opted in?", "Declined - not opted in", "Declined - never opted in",
             "Declined - opted in for 2027", "Declined - opted in to email only",
             "Declined - opted in, then declined again", "Declined - opted in - deceased"]  # fmt: skip
    path = _sheet(tmp_path / "staff.csv", [*turned, *still], header)
    assert _left_out(path, [*turned, *still]) == still
