"""A note saying the row's street is not where the card should go, in words after a status or of a place
abroad: 'Active, moved', 'Active (moved)', 'On leave - moved back home', 'Transferred to London office', 'PO
box only' (beside a street). Found by hunter-sends13 (its item 10): each was ordered to the row's street,
exit 0, where 'Active - moved', 'moved', 'Relocated to Toronto' and 'Mail to PO box only' are the error
asking for the address (hunter-sends14)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path

import pytest

from bulkship.cli import main

HEADER = ["Name", "Address", "City", "State", "ZIP", "Gift", "Amount"]

ASKS = [
    "Active, moved", "Active (moved)", "Active, moved 11/15", "On leave - moved back home", "Moved home",
    "Transferred to London office", "Transferred to the Toronto office", "PO box only",
    "P.O. Box only - no street delivery", "Use PO box",
]  # fmt: skip
# ... not a move within the country's offices or the company, nor a PO box the row holds
SENDS = ["Transferred to Denver office", "Moved to Sales", "Active", "moved last month, new address above"]


def _errors(tmp_path: Path, rows: list[tuple[str, str]], header: str = "Notes") -> list[int]:
    """The rows validate makes errors of a list of (street, note under ``header``), one person each (rows 2
    on)."""
    path = tmp_path / "staff.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(
            [[*HEADER, header]]
            + [
                [f"Person {i}", street, "Boston", "MA", "02108", "CVS", "25", note]
                for i, (street, note) in enumerate(rows, start=1)
            ]
        )
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    data = json.loads(out.getvalue())
    return sorted({p["row"] for p in data["problems"] if p["severity"] == "error"})


# ... under a Status too: 'PO box only' there was ordered to the row's street, exit 0 (hunter-asks4's leftover
# 1, fixed by hunter-asks5)
@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_note_saying_the_street_is_not_where_the_card_goes_asks_for_the_address(
    tmp_path: Path, header: str
) -> None:
    rows = [(f"{i} Main St", note) for i, note in enumerate(ASKS + SENDS, start=1)]
    rows += [("PO Box 12", "PO box only"), ("P.O. Box 7", "Use PO box")]
    assert _errors(tmp_path, rows, header) == list(range(2, len(ASKS) + 2))
