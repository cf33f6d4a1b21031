"""A status told year by year ('Last year: declined. This year: Target', 'LY: declined; TY: OK') or of an
earlier round's card ('Sent last year'): read as the same words under 'Notes', this year's part alone. Found
by review63 (its Found 7 in session 46, the Status-only drops of the remark snapshot), mended by review66:
under 'Status' each was left out, read from its first word ('declined', 'Sent'), the person this year's list
sends got no card."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_left_out, notes_sheet

SENDS = [
    "Last year: declined. This year: Target", "LY: declined; TY: OK", "2026: Target. 2027: declined",
    "This year: Target. Next year: skip", "Last year: do not send (on leave). This year: back",
    "Sent last year", "Card sent last year", "Sent last year, On leave",
]  # fmt: skip
STAYS_OUT = [
    "Last year: sent. This year: same", "LY: sent; TY: declined", "Last year: Target. This year: deceased",
    "Sent last year - deceased", "Card sent last year - terminated", "Sent 11/20",
    "former employee. sent to hr for approval - approved oct 2024",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Notes"])
def test_a_status_told_year_by_year_or_of_last_year_s_card_is_read_for_this_year(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*SENDS, *STAYS_OUT]
    left_out = notes_left_out(notes_sheet(tmp_path / "list.csv", cells, header), cells)
    if header == "Notes":  # (a former employee is a status's word, not a note's)
        assert left_out == STAYS_OUT[:-1]
    else:
        assert left_out == STAYS_OUT
