"""A note (or status) saying no, then that the no changed and to send: 'Do not send - changed mind, send',
'Hold - approved 12/1, send', 'Skip - no, include' (bulkship/load/skipped/saysend.py). Found by review54 (its
leftover), verified by review57: each was left out, the person the list sends got no card."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_sheet

from bulkship.load import load_sheet

SENDS = [
    "Do not send - changed mind, send", "Declined - changed mind, send",
    "Do not send - changed her mind, send", "Do not send - approved 12/1, send", "Hold - approved 12/1, send",
    "Skip - no, include",
    "Duplicate - no, include", "Do not send - reversed, send",
    # ... and a refusal then a changed mind alone: the person turned (review69's c67d637e)
    "Declined - changed mind",
]  # fmt: skip
STAYS_OUT = [
    "DNS - approved 12/1", "Do not send - changed mind? send",
    "Hold - approved 12/1, send - then declined", "Sent 11/20 - changed mind, send",
    "Already sent - approved, send",
    "Deceased - changed mind, send", "Do not send - approved 12/1, send 1/15",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_no_then_changed_and_send_sends_the_row(tmp_path: Path, header: str) -> None:
    """Each of SENDS was left out ('the list says not to send it'). Sent now; a change alone (what was
    approved may be the no), asked, undone again, after the card went or the person died, or to a later day,
    still leaves the row out."""
    cells = [*SENDS, *STAYS_OUT]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    skipped = {s.row for s in load_sheet(path).skipped}
    assert [cell for row, cell in enumerate(cells, start=2) if row in skipped] == STAYS_OUT
