"""`bulkship validate` shows what `bulkship run` would hold or refuse as a repeat of an earlier batch, as
warnings, and changes nothing: the ledger is read only."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from test_repeats import person, write_csv

from bulkship.cli import main
from bulkship.pipeline import run_batch
from bulkship.settings import Settings


def _validate(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = main(["validate", str(path), "--json", "--out", str(path.parent / "out"), *args])
    return code, json.loads(capsys.readouterr().out)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_validate_warns_of_the_rows_run_would_hold_and_run_holds_exactly_those(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(data_dir=isolated_data_dir, out_dir=tmp_path / "out")
    run_batch(write_csv(tmp_path / "october.csv", [person(i) for i in range(4)]), settings, wait_s=0)
    november = write_csv(tmp_path / "november.csv", [person(10), person(2), person(11)])
    ledger_before = _digest(settings.ledger)

    code, data = _validate(capsys, november)
    assert code == 0  # a warning: the rows are valid, the hold is run's to make
    assert [r["row"] for r in data["repeats"]] == [3]
    message = data["repeats"][0]["message"]
    assert message.startswith("`bulkship run` would hold this row, not send it: the same recipient")
    assert "batch 'october'" in message and "row 4" in message and "--allow-repeat" in message
    warnings = [p for p in data["problems"] if p["severity"] == "warning" and p["row"] == 3]
    assert len(warnings) == 1 and "would hold this row" in warnings[0]["message"]
    assert _digest(settings.ledger) == ledger_before, "validate wrote to the ledger"

    book = openpyxl.load_workbook(tmp_path / "out" / "november-validation.xlsx", read_only=True)
    shown = next(r for r in book["Validation"].iter_rows(values_only=True) if r[0] == 3)
    assert shown[1] == "valid" and "would hold this row" in str(shown[3])

    result = run_batch(november, settings, wait_s=0)
    assert (result.ordered_rows, result.held_rows) == (2, 1)


def test_validate_warns_that_run_would_refuse_a_copy_of_an_earlier_batch(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(data_dir=isolated_data_dir, out_dir=tmp_path / "out")
    first = write_csv(tmp_path / "gifts.csv", [person(i) for i in range(3)])
    run_batch(first, settings, wait_s=0)
    copy = tmp_path / "gifts_FINAL.csv"
    shutil.copy(first, copy)

    code, data = _validate(capsys, copy)
    assert code == 0
    refusal = [n for n in data["notices"] if "would refuse" in n]
    assert len(refusal) == 1 and "batch 'gifts_FINAL'" in refusal[0] and "'gifts'" in refusal[0]
    assert [r["row"] for r in data["repeats"]] == [2, 3, 4]  # every row repeats a card of 'gifts'

    # the batch run would continue is not a repeat of itself
    code, data = _validate(capsys, copy, "--batch", "gifts")
    assert (code, data["repeats"]) == (0, [])
    assert not [n for n in data["notices"] if "would refuse" in n]


def test_validate_without_a_ledger_creates_none(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(data_dir=isolated_data_dir, out_dir=tmp_path / "out")
    code, data = _validate(capsys, write_csv(tmp_path / "new.csv", [person(1)]))
    assert (code, data["repeats"]) == (0, [])
    assert not Path(settings.ledger).exists()


def test_validate_of_a_file_run_would_refuse_shows_the_holds_the_advised_batch_name_meets(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer5 (a marketing team's files of one week): validate said run would refuse the file
    (half of it ordered by batch 'monday': 'give this file a batch name of its own') and listed 2 rows it
    would hold; the run so named held 3: Person 1, who chose another card this time, as an edit of monday's
    row. The preview lists the rows the run it advises holds."""
    settings = Settings(data_dir=isolated_data_dir, out_dir=tmp_path / "out")
    run_batch(write_csv(tmp_path / "monday.csv", [person(0), person(1), person(2)]), settings, wait_s=0)
    rows = [person(0), person(1, product="TARGET"), person(2, amount="50"), person(5)]
    friday = write_csv(tmp_path / "friday.csv", rows)
    _code, data = _validate(capsys, friday)
    previewed = sorted(r["row"] for r in data["repeats"])
    result = run_batch(friday, settings, wait_s=0, batch="friday-named")
    assert (result.ordered_rows, result.held_rows) == (1, 3)
    assert previewed == [2, 3, 4]
