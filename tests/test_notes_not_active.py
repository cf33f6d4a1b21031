"""A note saying the person is not active or not to be sent ever ('not active', 'not a current employee',
'off boarded', 'never send'), or not to send the cards ('do not send cards'): left out, as 'Inactive' and
'Do not send card' are (bulkship/load/skipped/notes.py). Found by review55 and the lead: each was ordered,
exit 0."""

from __future__ import annotations

from pathlib import Path

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
