"""A row the list now leaves out whose card another batch ordered is counted apart on every surface: week 2's
HR export run as a batch of its own (Ann's card went in week 1's batch, her Notes now 'terminated 12/4')
ended 'Batch HR-WK2: 4 rows (2 skipped, ...)', its Summary sheet 'skipped 2 not ordered: the list says not
to, or no recipient' and `status` '2 skipped', where validate says '2 skipped (1 not ordered; 1 ordered
before: their cards went ...)' (hunter-vendor34's leftover 1)."""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path

import openpyxl
import pytest

from bulkship.cli import main

HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"]
ANN = ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "25"]
DI = ["Di Fox", "4 Oak St", "Boston", "MA", "02134", "CVS", "25", "terminated 11/30"]
NEW = ["New One", "1 Elm St", "Boston", "MA", "02134", "CVS", "25", ""]


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def _summary_meaning(workbook: Path, status: str) -> tuple[int, str]:
    sheet = openpyxl.load_workbook(workbook, read_only=True)["Summary"]
    found = next(r for r in sheet.iter_rows(values_only=True) if r[0] == status)
    return int(found[1]), str(found[2])


def test_a_row_whose_card_another_batch_ordered_is_counted_apart_from_the_skipped_never_ordered(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = ["--yes", "--wait", "0", "--out", str(tmp_path)]
    week1 = _write(tmp_path / "week1.csv", [[*ANN, ""], DI])
    assert main(["run", str(week1), "--batch", "HR", *out]) == 0
    week2 = _write(tmp_path / "week2.csv", [[*ANN, "terminated 12/4"], DI, NEW])
    capsys.readouterr()
    assert main(["run", str(week2), "--batch", "HR-WK2", *out]) == 0
    last = next(line for line in capsys.readouterr().err.splitlines() if line.startswith("Batch HR-WK2: 3"))
    assert "(2 skipped (1 ordered before: its card went), 1 pending)" in last, last
    count, meaning = _summary_meaning(tmp_path / "HR-WK2-results.xlsx", "skipped")
    assert count == 2
    assert meaning.endswith("; of them, 1 ordered before in another batch: its card went (see the row)"), (
        meaning
    )
    # the same run again finds the batch complete: counted alike, and by `status` and its --json
    assert main(["run", str(week2), "--batch", "HR-WK2", *out, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["skipped_ordered_before"] == 1
    assert main(["status", "HR-WK2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["batches"][0]["skipped_ordered_before"] == 1
    assert main(["status", "HR-WK2"]) == 0
    table = capsys.readouterr().out  # (its cells wrap at the terminal's width)
    assert "2 skipped (1 ordered before" in table, table
    # week 1's batch: its own skipped row (Di) was never ordered anywhere
    assert main(["status", "HR", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["batches"][0]["skipped_ordered_before"] == 0
    assert _summary_meaning(tmp_path / "HR-results.xlsx", "skipped")[1] == (
        "not ordered: the list says not to, or no recipient"
    )


def test_a_row_held_until_a_day_whose_card_another_batch_ordered_is_no_row_waiting(
    tmp_path: Path,
    isolated_data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Found by review62 checking e37e9281: Bo's card went in week 1's batch; week 2's list holds him 'On hold
    until 1/15/2027'. The run and `status` said '3 skipped (1 waiting for their day, the first on
    2027-01-15, 25.00 USD ...; 1 ordered before ...)', the batch 'waiting', where the Summary counted him
    ordered before: on his day he is held as a repeat, nothing sent, that money never charged."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 7))
    out = ["--yes", "--wait", "0", "--out", str(tmp_path)]
    bo = ["Bo Ray", "2 Main St", "Boston", "MA", "02134", "CVS", "25"]
    week1 = _write(tmp_path / "week1.csv", [[*ANN, ""], [*bo, ""], DI])
    assert main(["run", str(week1), "--batch", "HR", *out]) == 0
    week2 = _write(
        tmp_path / "week2.csv", [[*ANN, "terminated 12/4"], [*bo, "On hold until 1/15/2027"], DI, NEW]
    )
    capsys.readouterr()
    assert main(["run", str(week2), "--batch", "HR-WK2", *out]) == 0
    said = capsys.readouterr().err
    last = next(line for line in said.splitlines() if line.startswith("Batch HR-WK2: 4"))
    assert "(3 skipped (2 ordered before: their cards went), 1 pending)" in last, last
    assert "Not in this plan yet" not in said and "row 3: ordered before, PO BS-HR-0001" in said, said
    assert _summary_meaning(tmp_path / "HR-WK2-results.xlsx", "skipped")[1].endswith(
        "; of them, 2 ordered before in another batch: their cards went (see the row)"
    )
    assert main(["status", "HR-WK2", "--json"]) == 0
    batch = json.loads(capsys.readouterr().out)["batches"][0]
    assert (batch["state"], batch["waiting"], batch["skipped_ordered_before"]) == ("sent", 0, 2), batch
    assert batch["waiting_until"] == [] and not batch.get("waiting_cost"), batch
