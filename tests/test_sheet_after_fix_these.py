"""Another sheet of a batch's workbook, run under the batch's name after a Fix these run (newcomer27's
N5a, the lead's leftover 5.3): the batch's last file was then its result workbook, and the other sheet was
refused as "Batch 'DEC' was ordered from DEC-results.xlsx; gifts.xlsx is a different file", its advice a run
without --sheet (refused again: two lists); `validate --batch` passed it, exit 0, nothing said. The README
promises another sheet is refused naming a batch of its own: it is, by the run and by validate."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from test_unusual_sheets import ordered_lines, validate, workbook_with_late_additions

from bulkship.cli import main


def test_another_sheet_after_a_fix_these_run_is_refused_as_another_list_naming_its_own_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workbook_with_late_additions(tmp_path / "gifts.xlsx")
    book = openpyxl.load_workbook(path)
    book["December"].append(["Bo Ray", "2 Main St", "Boston", "MA", "0213", "CVS", 50, "E-2"])  # a bad ZIP
    book.save(path)
    out = tmp_path / "out"

    def run(file: Path, *args: str) -> tuple[int, str]:
        capsys.readouterr()
        code = main(["run", str(file), "--batch", "DEC", "--yes", "--wait", "0", "--out", str(out), *args])
        return code, " ".join(capsys.readouterr().err.split())

    assert run(path, "--sheet", "December")[0] == 3  # Bo's row to fix
    results = out / "DEC-results.xlsx"
    book = openpyxl.load_workbook(results)
    fix = book["Fix these"]
    header = [c.value for c in fix[1]]
    fix.cell(row=2, column=header.index("ZIP") + 1, value="02134")
    book.save(results)
    assert run(results)[0] == 0
    code, said = run(path, "--sheet", "Late additions")
    assert code == 2, said
    refused = (
        "Batch 'DEC' was ordered from sheet 'December' of gifts.xlsx; sheet 'Late additions' is another list"
    )
    assert refused in said and "a different file" not in said, said
    assert "--sheet 'Late additions' --batch DEC-Late-additions" in said, said
    code, data, _ = validate(capsys, path, "--sheet", "Late additions", "--batch", "DEC")
    assert any(refused in notice for notice in data["notices"]), data
    assert run(path, "--sheet", "Late additions", "--batch", "DEC-Late-additions")[0] == 0
    assert sorted(li["PhysicalDeliveryAddress"]["Name"] for li in ordered_lines()) == [
        "Ann Lee",
        "Bo Ray",
        "Zed Late",
    ]
