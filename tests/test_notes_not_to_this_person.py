"""Found by review64: Notes (or Status) 'Do not send to this person', 'Never send to him', 'Do not send to
her' were each ordered, exit 0, where 'Do not send him a card' leaves the row out. A whole cell saying not to
send to the person leaves the row out now; one saying where instead ('Do not send to her office') or going
on to another ('Do not send to him, send to wife': the error asking where it goes) is read as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_left_out, notes_sheet

NOT_TO_THEM = ["Do not send to this person", "Never send to him", "Do not send to her", "Don't send to them.",
               "Do not send to this employee"]  # fmt: skip
NOT_THESE = ["Do not send to her office", "Do not send to him, send to wife", "Never late"]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_cell_saying_not_to_send_to_the_person_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    cells = [*NOT_THESE, *NOT_TO_THEM]
    assert notes_left_out(notes_sheet(tmp_path / "list.csv", cells, header), cells) == NOT_TO_THEM
