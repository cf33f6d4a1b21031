"""A person's status asking for another card than the row's ('2025 - declined. 2026 - wants Amazon', 'Wants
Target?') is asked as the same words under 'Notes' are: under 'Status' the row was valid and its CVS card
ordered (found by review66 after its d6c35c19 sent the year-by-year status; mended by the lead). Real CSVs
read by the CLI against the sandbox's catalog."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from support.notes import notes_sheet

from bulkship.cli import main

ASKS = ["2025 - declined. 2026 - wants Amazon", "Wants Target?", "Active - prefers Target"]
ORDINARY = ["Active", "Not eligible", "Terminated", "On leave"]


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Notes"])
def test_a_status_asking_for_another_card_is_an_error_on_its_row(
    tmp_path: Path,
    header: str,
    isolated_data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*ASKS, *ORDINARY]
    sheet = notes_sheet(tmp_path / "list.csv", cells, header)
    assert main(["validate", str(sheet), "--json", "--out", str(tmp_path / "out")]) == 1
    report = json.loads(capsys.readouterr().out)
    asked = {p["row"] for p in report["problems"] if p["severity"] == "error" and p["column"] == "product"}
    assert asked == {2, 3, 4}  # the three asks, none of the ordinary statuses
