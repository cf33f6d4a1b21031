"""A note asking for the card to go elsewhere than the row's name and address, after another remark
(bulkship/load/problems/elsewhere.py: note_parts): the row is an error on its row, never a card to its
street; a remark that asks nothing of where still sends."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from bulkship.cli import main


def _validate(capsys: pytest.CaptureFixture[str], path: Path, notes: list[str]) -> tuple[int, list[int]]:
    """Validate a list of one person a note (row i + 2, Boston MA): its exit code and the rows in error."""
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"])
        for i, note in enumerate(notes):
            writer.writerow([f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "25", note])
    code = main(["validate", str(path), "--json", "--out", str(path.parent / "out")])
    data = json.loads(capsys.readouterr().out)
    return code, sorted({p["row"] for p in data["problems"]})


def test_an_ask_after_an_exclamation_or_an_and_stops_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by the lead (hunter-sends5's brief): an HR list's Notes 'Congrats! send to office', 'Happy
    retirement!! Ship to HQ', 'Retiring 12/31 and ship to office', 'Thanks and ship to her mother' were each
    ordered to the row's home street, exit 0, while 'send to office' alone (or after ' - ') is an error on
    its row: an exclamation, a question or an 'and' did not part the ask from the remark before it. It does
    now; 'Wow! Send anyway', 'Great job and send to arrive by 12/20', 'Congrats! Send to home', 'Home only
    and do not send to office' still send."""
    stops = [
        "Congrats! send to office", "Happy retirement!! Ship to HQ", "Retiring 12/31 and ship to office",
        "Thanks and ship to her mother", "Great work! Deliver to her manager", "Great year & please ship to "
        "her sister", "Retiring? Hand deliver at the party",
    ]  # fmt: skip
    sends = [
        "Wow! Send anyway", "Great job and send to arrive by 12/20", "Congrats! Send to home",
        "Home only and do not send to office", "Yes! Ship it", "Call and send to her home",
    ]  # fmt: skip
    code, rows = _validate(capsys, tmp_path / "awards.csv", stops + sends)
    assert (code, rows) == (1, list(range(2, 2 + len(stops))))
