"""A ledger restored from a backup taken before its orders went out: the vendor's orders of the batch carry
this very ledger's Note, and the run that finds them says so (its own sends, their record gone), never
another computer's; nothing is sent twice."""

from __future__ import annotations

import csv
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from support import embedded_sandbox_orders

from bulkship.errors import SpendLimitError
from bulkship.pipeline import run_batch
from bulkship.settings import resolve_settings

HEADER = ["Name", "Street", "City", "State", "ZIP", "Product", "Amount"]
ANN = ["Ann Lee", "1 Old St", "Boston", "MA", "02108", "CVS", "25"]
BO = ["Bo Ray", "2 Main St", "Boston", "MA", "02108", "CVS", "25"]
CY = ["Cy Eng", "3 Main St", "Boston", "MA", "02108", "CVS", "25"]


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def test_a_ledger_restored_from_a_backup_reads_its_own_orders_as_its_own(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    """Found by hunter-vendor26: hol.csv planned (the plan declined) and the ledger backed up; the run then
    sent BS-HOL-0001 (Ann, Bo, Cy); the backup restored in place (it keeps its id), Bo dropped from the list,
    the file run again: the rows waited for review, safe, but said 'The vendor holds 1 order(s) of batch hol
    that this ledger did not make (BS-HOL-0001): another computer or ledger sent rows of it', whose Note names
    this very ledger: the person looked for another computer. Now said as this ledger's own sends whose
    record is gone; nothing sent twice."""
    settings = replace(resolve_settings(), out_dir=tmp_path / "out")
    sheet = _write(tmp_path / "hol.csv", [ANN, BO, CY])
    with pytest.raises(SpendLimitError):  # planned, stopped at its confirmation
        run_batch(sheet, settings, wait_s=0, confirm=lambda *_: False)
    ledger = Path(settings.ledger_location)
    shutil.copy(ledger, tmp_path / "backup.sqlite")
    assert run_batch(sheet, settings, wait_s=0).exit_code == 0
    for extra in ("-wal", "-shm"):
        Path(f"{ledger}{extra}").unlink(missing_ok=True)
    shutil.copy(tmp_path / "backup.sqlite", ledger)
    _write(sheet, [ANN, CY])
    result = run_batch(sheet, settings, wait_s=0)
    assert result.review_rows == 2
    said = " ".join(str(result.stopped).split())
    assert "though their Note names this ledger" in said and "this ledger did not make" not in said, said
    assert len([li for o in embedded_sandbox_orders(isolated_data_dir) for li in o["LineItems"]]) == 3
