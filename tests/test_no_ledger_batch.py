"""A batch named on a login with no ledger (finance given a result workbook, before passing its ledger):
`bulkship status AWARDS-DEC --json` exited 0 with {"batches": [], "total": {"rows": 0, ..., "money": {}}},
a batch read as one with nothing charged, and `track` / `reconcile` exited 1; with a ledger that lacks the
batch all three exit 2, as the README says of a batch name the ledger does not hold (found by newcomer20,
N12). Without a batch named, `status` still lists none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bulkship.cli import main


@pytest.mark.parametrize("command", ["status", "track", "reconcile"])
def test_a_batch_named_with_no_ledger_is_exit_2_and_no_empty_total(
    command: str, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command, "AWARDS-DEC", "--json"]) == 2
    said = json.loads(capsys.readouterr().out)
    assert said["exit"] == 2 and said["error"].startswith("No ledger at"), said
    assert "--ledger PATH" in said["hint"] and "total" not in said, said
    assert main([command, "AWARDS-DEC"]) == 2
    assert "No ledger at" in capsys.readouterr().err
    assert not (isolated_data_dir / "ledger.sqlite").exists()


def test_status_of_every_batch_with_no_ledger_lists_none(
    isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["batches"] == []
    assert main(["status"]) == 0 and "No ledger at" in capsys.readouterr().err
