"""`bulkship status` of a batch finished from its result workbook's 'Fix these' sheet: its 'Input file' named
the workbook ('Holiday-2026-8c9189e1-results.xlsx'), no list anyone made, where the result workbook's own
Summary names both (found by newcomer22, seen again by newcomer23 as an office manager)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from test_money import person, write_rows

from bulkship.cli import main
from bulkship.reconcile.sheets import FIX_SHEET


def _correct_fix_these(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    sheet = book[FIX_SHEET]
    header = [c.value for c in sheet[1]]
    for line in sheet.iter_rows(min_row=2):
        line[header.index("Address")].value = "9 Elm St"  # the street the row lacked
    book.save(workbook)


def test_status_names_the_list_a_batch_finished_on_its_fix_these_sheet_was_run_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "output"
    sheet = write_rows(tmp_path / "holiday-cards.csv", [person(0), person(1, address="")])
    main(["run", str(sheet), "--batch", "Holiday", "--yes", "--wait", "0", "--out", str(out)])
    workbook = out / "Holiday-results.xlsx"
    _correct_fix_these(workbook)
    assert main(["run", str(workbook), "--batch", "Holiday", "--yes", "--wait", "0", "--out", str(out)]) == 0

    capsys.readouterr()
    assert main(["status", "Holiday"]) == 0
    table = " ".join(capsys.readouterr().out.split())
    assert "holiday-cards.csv + Fix these" in table, table
