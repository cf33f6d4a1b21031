"""'As priced <day>' beside money still to send is the newest look at the vendor's prices that found the
plan's costs right, not only the day it was planned: a plan refused by --max-total on Dec 5 and looked at
again on Dec 7 at unchanged prices (the run priced it again, nothing to change) went on saying 'to send ...
as priced 2026-12-05' (hunter-money20's leftover 1, carried since; fixed by hunter-money25)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bulkship.cli import main


def test_a_plan_looked_at_again_at_unchanged_prices_is_said_priced_then(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "fee.csv"
    sheet.write_text("Name,Address,City,State,ZIP,Product,Value\nAnn Lee,1 Main St,Boston,MA,02134,CVS,25\n")
    command = ["run", str(sheet), "--batch", "fee", "--max-total", "1", "--wait", "0", "--out", str(tmp_path)]
    two_days_ago = (datetime.now(UTC) - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    with monkeypatch.context() as then:  # the plan made two days ago, refused by the limit
        for module in ("bulkship.ledger.writes", "bulkship.ledger.store"):
            then.setattr(f"{module}.now_iso", lambda: two_days_ago)
        assert main(command) != 0
    capsys.readouterr()
    assert main(["status", "fee", "--json"]) == 0
    (status,) = json.loads(capsys.readouterr().out)["batches"]
    assert status["to_send_priced"][:10] == two_days_ago[:10], status
    assert main(command) != 0  # today: the same prices, looked at again
    capsys.readouterr()
    assert main(["status", "fee", "--json"]) == 0
    (status,) = json.loads(capsys.readouterr().out)["batches"]
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    assert status["to_send_priced"][:10] == today and status["planned_cost"] == "25.00", status
