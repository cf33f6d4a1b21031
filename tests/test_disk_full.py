"""A full disk (ENOSPC) while bulkship writes a result CSV or takes a file lock is said in words, where things
stand and what to run, never 'Error: No space left on device' alone (found by review21 on a 200 KB tmpfs:
`run --csv` sent 483 cards, wrote the workbook, then ended so, its --json holding no result; `track` ended so
when the lock file's pid could not be written)."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from support import write_sheet

from bulkship import reconcile
from bulkship.cli import main
from bulkship.ledger.lock import FileLock


def _full(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_results_csv_the_disk_has_no_room_for_is_said_and_the_run_s_result_kept(
    tmp_path: Path,
    isolated_data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sheet = write_sheet(tmp_path / "list.csv", [1, 2, 3])
    monkeypatch.setattr(reconcile, "write_results_csv", _full)
    out = tmp_path / "out"
    code = main(
        ["run", str(sheet), "--batch", "G", "--yes", "--wait", "0", "--out", str(out), "--csv", "--json"]
    )
    captured = capsys.readouterr()
    said = " ".join(captured.err.split())
    assert code == 1, said
    assert "G-results.csv could not be written" in said and "No space left on device" in said, said
    assert "recorded in the ledger" in said and "bulkship track G --csv" in said, said
    assert json.loads(captured.out)["ordered_rows"] == 3  # the run's result, not an error object alone
    assert (out / "G-results.xlsx").exists()


def test_a_lock_taken_on_a_full_disk_is_taken_and_given_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.lock"
    monkeypatch.setattr(os, "pwrite", _full)  # the holder's pid: for messages only
    lock = FileLock(path)
    assert lock.acquire()
    lock.release()
    again = FileLock(path)
    assert again.acquire()  # nothing left holding it
    again.release()
