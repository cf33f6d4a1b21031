"""`bulkship validate FILE --cost`: the cost alone, before sending, leaving nothing behind (found by
newcomer18, N3: the only cost preview was answering no at 'Send these orders?', which left a batch in the
ledger and PO numbers 'planned and never sent' in every later run, Summary and `status`)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from bulkship.cli import main

HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"]
ROWS = [
    ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "Visa", "100", ""],
    ["Bo Park", "2 Elm St", "Boston", "MA", "02134", "Target", "50", ""],
    ["Cy Diaz", "", "Boston", "MA", "02134", "Target", "50", ""],  # no street: to fix, not priced
    ["Di Fox", "4 Oak St", "Boston", "MA", "02134", "CVS", "25", "terminated 11/30"],  # left out
]


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = main([*args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_validate_cost_prices_what_run_sends_and_records_nothing(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])

    code, checked = _json(capsys, "validate", str(source), "--cost")
    assert code == 1, checked  # Cy's row is to fix
    cost = checked["cost"]
    assert (cost["rows"], cost["cards"], cost["orders"]) == (2, 2, 2), cost  # a Visa order, a Target one
    assert (cost["face_value"], cost["fees"], cost["total"], cost["currency"]) == (
        "150.00", "5.95", "155.95", "USD",
    ), cost  # fmt: skip
    assert not (isolated_data_dir / "ledger.sqlite").exists(), "a look at the cost starts no ledger"

    code, ran = _json(capsys, "run", str(source), "--yes", "--wait", "0")
    assert code == 3, ran  # Cy's row waits for a fix
    assert ran["total_cost"] == cost["total"], "the run charges what the look priced"
    notes = " ".join(str(note) for note in ran["notes"])
    assert "planned and never sent" not in notes, notes  # no PO number was used by the look

    code, again = _json(capsys, "validate", str(source), "--cost")
    assert code == 1
    assert again["cost"] == cost | {
        "orders": 0, "rows": 0, "cards": 0, "face_value": "0.00", "fees": "0.00", "total": "0.00",
        "already_ordered": 2,
    }  # fmt: skip


def test_validate_cost_on_the_terminal_names_the_total_and_says_nothing_was_recorded(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS[:2]])
    assert main(["validate", str(source), "--cost"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "Batch gifts: what `bulkship run` would send" in said
    assert "2 order(s), 155.95 USD at the vendor's prices of today. Nothing was recorded" in said


def test_a_plan_declined_at_send_these_orders_names_the_look_that_leaves_nothing_behind(
    tmp_path: Path,
    isolated_data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A person answering no to see the cost learns of the way that uses no PO number."""
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS[:2]])
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert main(["run", str(source)]) == 1
    said = " ".join(capsys.readouterr().err.split())
    assert "Not confirmed: nothing was sent" in said
    assert "the cost alone, leaving no plan nor PO number behind: `bulkship validate FILE --cost`" in said
