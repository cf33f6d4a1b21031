"""Found by review63: a note 'Never send to this address' (or 'Never mail to this address') ordered the card
to that very address, exit 0, where 'Do not send to this address' is the error asking for the new one. Each
is that error now, nothing sent; a note about another address still sends."""

from __future__ import annotations

from pathlib import Path

from intake_fixtures import sandbox_catalog
from support.notes import notes_sheet

from bulkship.load import load_sheet
from bulkship.validate import validate


def test_a_note_never_to_send_to_this_address_asks_for_the_address(tmp_path: Path) -> None:
    notes = ["Never send to this address", "Never mail to this address", "Never ship to this address",
             "Do not send to this address", "Never late with forms"]  # fmt: skip
    result = validate(load_sheet(notes_sheet(tmp_path / "list.csv", notes)), sandbox_catalog())
    asked = {p.row for p in result.problems if "the card would go to" in p.message}
    assert asked == {2, 3, 4, 5}
