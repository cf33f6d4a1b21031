"""`bulkship track` of a batch whose result workbook is not on this machine (found by newcomer20, N14): a
finance login reading a copy of the marketer's ledger was told "the result workbook ... is gone; re-run the
same `bulkship run` command to write it again", the one command finance never types (it orders cards, and
finance has no list). It says where the statuses are and who writes the workbook again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import write_sheet

from bulkship.cli import main


def test_track_of_a_workbook_written_elsewhere_names_status_not_a_run_to_type(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    marketer = tmp_path / "marketer"
    monkeypatch.setenv("BULKSHIP_DATA_DIR", str(marketer))
    sheet = write_sheet(tmp_path / "gifts.csv", range(2))
    out = tmp_path / "their-output"
    assert main(["run", str(sheet), "--batch", "DM", "--yes", "--wait", "0", "--out", str(out)]) == 0
    shared = tmp_path / "shared"  # the ledger and the sandbox's orders copied for finance; not the workbook
    shared.mkdir()
    for name in ("ledger.sqlite", "sandbox.sqlite"):
        shutil.copy(marketer / name, shared / name)
    shutil.rmtree(out)  # on the marketer's machine only
    monkeypatch.setenv("BULKSHIP_DATA_DIR", str(tmp_path / "finance"))
    monkeypatch.setenv("BULKSHIP_SANDBOX_STATE", str(shared / "sandbox.sqlite"))
    capsys.readouterr()
    assert main(["track", "DM", "--ledger", str(shared / "ledger.sqlite")]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert f"batch DM: no result workbook at {out / 'DM-results.xlsx'}" in said, said
    assert "Its statuses are recorded in the ledger: `bulkship status DM`" in said, said
    assert "re-run the same `bulkship run` command" not in said and not out.exists()
