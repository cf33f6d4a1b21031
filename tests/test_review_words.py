"""What `bulkship reconcile BATCH --review` tells a person before they release rows to be sent: every card the
vendor holds for the batch that no row is tied to, not only the lines of the rows' own cards."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from support import embedded_sandbox_orders, write_sheet

from bulkship.cli import main
from bulkship.pipeline import run_batch
from bulkship.settings import resolve_settings


def test_a_release_offered_after_a_lost_ledger_names_the_cards_the_vendor_holds_of_other_amounts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review20 (`bulkship sandbox --dialect likely-real`): a list sent at 25.00, the ledger lost,
    the amounts edited to 50.00 and the file run again: its rows wait for review (right), and the review said
    "No card the vendor shows is theirs: once the vendor says none was made, release with ... --release",
    nothing of the vendor's 3 lines of CVS 25.00 under the batch's PO, the same people's cards as first sent.
    Followed, the release sent each a second card."""
    monkeypatch.setenv("BULKSHIP_SANDBOX_DIALECT", "likely-real")
    settings = replace(resolve_settings(), out_dir=tmp_path / "out")
    sheet = write_sheet(tmp_path / "staff.csv", range(1, 4))
    run_batch(sheet, settings, wait_s=0)
    settings.ledger.unlink()
    write_sheet(sheet, range(1, 4), amount="50")
    assert run_batch(sheet, settings, wait_s=0).review_rows == 3
    capsys.readouterr()

    assert main(["reconcile", "staff", "--review"]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert "No card the vendor shows is theirs" not in said
    assert "line(s) 1-3 of BS-STAFF-0001" in said and "hold other cards (CVS 25.00 x3)" in said, said
    assert "a release sends each a second one" in said
    assert "No line the vendor shows holds their card as the file has it now" in said
    assert main(["reconcile", "staff", "--review", "--json"]) == 3
    (group,) = json.loads(capsys.readouterr().out)["groups"]
    assert group["release_possible"] and any("CVS 25.00 x3" in m for m in group["maybe_at_vendor"]), group
    # the release itself: the last words before "Record this?" say it too (nobody answers: nothing done)
    assert main(["reconcile", "staff", "--resolve", "BS-STAFF-0001", "--release"]) == 1
    said = " ".join(capsys.readouterr().err.split())
    assert "none of their lines holds their card as the file has it now" in said, said
    assert "but line(s) 1-3 of BS-STAFF-0001" in said and "a release sends each a second one" in said, said
    cards = Counter(li["Value"] for o in embedded_sandbox_orders(settings.data_dir) for li in o["LineItems"])
    assert cards == {25: 3}, cards  # nothing was sent by looking
