"""A note naming the card sent by its amount, with its brand or not ('$50 Visa mailed Nov 20'), leaves the
row out as 'Gift card sent Nov 20' does (bulkship/load/skipped/notes.py)."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest

from bulkship.load import load_sheet

OUT = [
    "$50 Visa mailed Nov 20", "$25 Amazon sent 11/20", "$50 sent 11/20", "$25 Starbucks mailed",
    "$100 Target shipped 11/18", "$50 AmEx sent in November", "$50 mailed Nov 20", "€25 Zalando sent 20.11.",
]  # fmt: skip
SENDS = [
    "Visa mailed Nov 20", "$50 check mailed 11/20", "$25 donation sent to Red Cross",
    "$50 refund mailed 11/20", "$10 shipping fee sent", "Invoice for $50 sent 11/20", "$50 budget approved",
    "$50 - send Visa", "$50 Visa", "Prefers $50 Visa", "$50 Visa to be mailed Dec 10",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Comments"])
def test_a_note_naming_the_card_sent_by_its_amount_leaves_the_row_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """Found by hunter-sheets22 (its leftover 3): on Dec 5, 2026 a tracker's Notes '$50 Visa mailed Nov 20'
    (or '$25 Amazon sent 11/20', '$50 sent 11/20', '$100 Target shipped 11/18') was read as nothing and the
    card ordered again, exit 0 (a second card), where '$50 Visa gift card mailed Nov 20' is left out. An
    amount sent, with its brand or not, is the card; a visa mailed without an amount (a work visa), money of
    another kind ('$50 check mailed', '$50 refund mailed', '$25 donation sent') and a card still to mail say
    nothing."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    path = tmp_path / "tracker.csv"
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", header])
        for i, note in enumerate([*OUT, *SENDS]):
            writer.writerow([f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "50", note])
    skipped = {s.row for s in load_sheet(path).skipped}
    assert [note for row, note in enumerate([*OUT, *SENDS], start=2) if row in skipped] == OUT
