"""A row whose order the vendor failed (no card made), left out by the list since: validate and run say no
card went for it (bulkship/refusednow.py)."""

from __future__ import annotations

import asyncio
import csv
import json
from pathlib import Path

import pytest
from support import SandboxVendor

from bulkship.cli import main
from bulkship.pipeline import run_batch
from bulkship.track import track

HEADER = ["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Amount", "Notes"]


def _write(path: Path, note: str = "") -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(3):
            said = note if i == 1 else ""
            writer.writerow(
                [f"E{i}", f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "25", said]
            )
    return path


def test_a_row_whose_card_the_vendor_failed_left_out_since_is_not_said_to_have_had_its_card(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-vendor33's item 5: batch FAIL's order failed at the vendor (no card made for anyone); the list
    run again, Person 1's note now 'terminated 12/4'. validate said 'Note: 1 row(s) ordered before that the
    list now leaves out: row 3 ... PO BS-FAIL-0001. Their cards went already', counted '1 skipped (1 ordered
    before: their cards went ...)' and --json gave her 'ordered_before': HR read that she had a card she
    never got. Now she is a row left out, not ordered, in each of them, and in the run's notes."""
    failing = SandboxVendor(tmp_path / "vendor", order_failure_rate=1.0)
    try:
        run_batch(_write(tmp_path / "fail.csv"), failing.settings, batch="fail", wait_s=0,
                  client_factory=failing.factory())  # fmt: skip
        failing.sandbox.advance(3 * 24 * 3600)  # the vendor ends the order Failed: no card made
        asyncio.run(track(failing.settings, "fail", client_factory=failing.factory()))
    finally:
        failing.close()
    later = _write(tmp_path / "later.csv", "terminated 12/4")
    monkeypatch.setenv("BULKSHIP_DATA_DIR", str(tmp_path / "vendor"))
    main(["validate", str(later), "--batch", "fail", "--out", str(tmp_path / "checked")])
    captured = capsys.readouterr()
    said = " ".join((captured.out + captured.err).split())
    assert "cards went" not in said and "ordered before" not in said, said
    assert "1 skipped (not ordered)" in said, said
    main(["validate", str(later), "--batch", "fail", "--json", "--out", str(tmp_path / "checked")])
    skipped = json.loads(capsys.readouterr().out)["skipped"]
    assert [s["row"] for s in skipped] == [3] and "ordered_before" not in skipped[0], skipped
    vendor = SandboxVendor(tmp_path / "vendor")  # no longer failing: the others are sent again
    try:
        again = run_batch(later, vendor.settings, batch="fail", wait_s=0, client_factory=vendor.factory())
    finally:
        vendor.close()
    assert not any("went already" in note for note in again.notes), again.notes
