"""A result workbook of a batch sent whole, its 'Fix these' sheet empty, read again: the command the run
printed (`bulkship run <workbook> --batch B`) and `bulkship validate <workbook>`, as an HR person does after
fixing the last row and as a finance person given the workbook does."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from bulkship.cli import main
from bulkship.reconcile.sheets import FIX_SHEET
from bulkship.sandbox import Sandbox, SandboxConfig
from bulkship.settings import resolve_settings

HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"]
ANN = ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "50", ""]


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    capsys.readouterr()
    code = main([*args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_a_workbook_with_nothing_left_to_fix_is_read_again_without_a_traceback(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "tiny.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, ANN])
    code, first = _json(capsys, "run", str(source), "--batch", "TINY", "--yes", "--wait", "0")
    assert code == 0, first
    workbook = Path(str(first["output"]))
    fix = list(openpyxl.load_workbook(workbook, read_only=True)[FIX_SHEET].iter_rows(values_only=True))
    assert len(fix) == 1, "everything sent: the Fix these sheet holds its header only"

    code, checked = _json(capsys, "validate", str(workbook))  # a TypeError from pandas before
    assert code == 0, checked
    assert checked["invalid"] == 0 and checked["skipped"] == []

    code, again = _json(capsys, "run", str(workbook), "--batch", "TINY", "--yes", "--wait", "0")
    assert code == 0, again
    assert again["ordered_rows"] == 1 and again["by_status"] == {"pending": 1}, again
    with Sandbox(SandboxConfig(state_file=resolve_settings().sandbox_state_file)) as sandbox:
        assert len(sandbox.orders()) == 1, "Ann's card once"
