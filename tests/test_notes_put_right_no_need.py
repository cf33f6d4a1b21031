"""A bad address said put right, then that nothing more is needed: sent (bulkship/load/skipped/status.py's
_NOT_DONE). Found by review55 (its item 5), verified by review57."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_sheet

from bulkship.load import load_sheet

SENDS = [
    "Bad address - updated, no need to hold", "Returned to sender - updated, no changes needed",
    "Bad address - updated, no action needed",
]  # fmt: skip
STAYS_OUT = [
    "Returned to sender - updated, changes needed", "Bad address - updated, need to verify",
    "Returned to sender - not updated, no need to hold", "Bad address - needs update",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_bad_address_put_right_with_no_need_for_more_is_sent(tmp_path: Path, header: str) -> None:
    """An HR list's Notes (or Status) of SENDS were each left out ('the list says not to send it'): the
    'need' after the put-right words read as the address still to put right; the person got no card. Sent
    now; a need said, or the address not put right, still leaves the row out."""
    cells = [*SENDS, *STAYS_OUT]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    skipped = {s.row for s in load_sheet(path).skipped}
    assert [cell for row, cell in enumerate(cells, start=2) if row in skipped] == STAYS_OUT
