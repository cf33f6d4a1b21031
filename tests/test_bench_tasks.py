"""The benchmark's tasks (``python -m bench``) run again and again in one checkout: the preamble asks every
change to the stages to be timed with it before and after."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from support import write_sheet


def test_the_rerun_task_runs_again_in_the_same_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review26: since f4251cb the second `python -m bench` ended its rerun task in
    "bench-results.xlsx was written from another ledger": each run's ledger is new, and its result workbook
    went to a folder the runs shared. Two runs of the task each order the list once and re-run it sending
    nothing."""
    from bench.stages import rerun_completed
    from bench.tasks import FIGURES

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the tasks' data folders, under tmp_path
    sheet = write_sheet(tmp_path / "list.csv", range(3))
    for _ in range(2):
        assert rerun_completed(sheet, tmp_path / "results" / "rerun.xlsx") == 3
        assert (FIGURES["first_sent"], FIGURES["first_complete"], FIGURES["orders_sent"]) == (1, True, 0)
