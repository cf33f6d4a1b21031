"""A list's note saying not to send in a word or two the readers did not know: 'Separated', 'Hold off'. Each
such row is left out (or held to the day it names), said; the same words meaning something else still send."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_left_out as _left_out
from support.notes import notes_sheet as _sheet


@pytest.mark.parametrize("header", ["Notes", "Comments"])
def test_a_note_saying_separated_alone_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """Found by the lead (hunter-sends6's brief): an HR list's Notes 'Separated', 'Employee separated',
    'Separated (voluntary)', 'Separated Nov 20', 'Separated 2019' were each ordered, exit 0 (a card to
    someone gone), where a Status 'Separated' and Notes 'Separated 11/15' or 'Terminated Nov 20' leave the
    row out. They are left out now; a marriage's separation before a remark, or with whom, still sends."""
    gone = ["Separated", "Separated.", "Employee separated", "EE has separated", "Separated (voluntary)",
            "Separated (involuntary)", "Separated Nov 20", "Separated 2019"]  # fmt: skip
    still = ["Separated - send to her", "Separated - new address", "Separated, lives alone",
             "Legally separated", "Separated from spouse", "He separated"]  # fmt: skip
    path = _sheet(tmp_path / "staff.csv", [*gone, *still], header)
    assert _left_out(path, [*gone, *still]) == gone
