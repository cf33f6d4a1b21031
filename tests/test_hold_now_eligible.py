"""A hold then 'now eligible' ('Hold - now eligible', 'Hold - eligible now', 'Skip - now eligible'): the hold
is over, as 'Hold - OK now' says, and the row is sent. Each was left out ('the list says not to send it'), the
person the list now clears dropped (the closing note of session 48's leftover 4; review71)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_left_out, notes_sheet

SENDS = ["Hold - now eligible", "Hold - eligible now", "On hold - now eligible", "Skip - now eligible"]
OUT = ["Hold - now eligible?", "Hold - not eligible now", "Terminated - now eligible", "Hold"]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_hold_then_now_eligible_sends_the_row(tmp_path: Path, header: str) -> None:
    cells = [*SENDS, *OUT]
    assert notes_left_out(notes_sheet(tmp_path / "list.csv", cells, header), cells) == OUT
