"""An HR export's status 'Suspension' or 'On suspension' (Workday's, UKG's word for 'Suspended'), and 'COBRA',
'On COBRA', 'COBRA participant' (the benefits a person who left keeps): each was ordered on Dec 5, 2026
under Status and Notes, where 'Suspended' and 'Terminated - COBRA' are left out (found by review71 in the
HR status vocabularies). Left out now with the reason; a suspension over or in the past, 'COBRA eligible',
still sent."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_left_out, notes_sheet

OUT = ["Suspension", "On suspension", "Suspension (paid)", "COBRA", "On COBRA", "COBRA participant"]
OUT += ["COBRA enrolled"]
SENT = ["Suspension - lifted", "Suspension ended", "Suspension 11/1-11/5", "No suspension", "COBRA eligible"]


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Notes"])
def test_a_suspension_or_cobra_said_as_the_state_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    cells = [*OUT, *SENT]
    assert notes_left_out(notes_sheet(tmp_path / "list.csv", cells, header), cells) == OUT
