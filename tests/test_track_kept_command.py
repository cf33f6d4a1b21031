"""`bulkship track` leaving a result workbook as it is, for corrections on its Fix these sheet not run yet,
gives the command that sends them quoted to be pasted (found by review56 beside newcomer22's N7: a workbook
in a folder named 'Gift cards' was given back as `bulkship run /.../Gift cards/out/GIFTS-results.xlsx
--batch GIFTS`, which the shell reads as two files)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bulkship.cli import main

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def test_the_command_sending_corrections_not_run_yet_is_quoted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "Gift cards"
    folder.mkdir()
    sheet = folder / "gifts.csv"
    sheet.write_text(
        "Name,Address,City,State,ZIP,Product,Amount\n"
        "Ana Diaz,1 Main St,Boston,MA,02108,CVS,25\nBo Park,,Boston,MA,02108,CVS,25\n"
    )
    out = folder / "out"
    assert main(["run", str(sheet), "--batch", "GIFTS", "--yes", "--wait", "0", "--out", str(out)]) == 3
    workbook = out / "GIFTS-results.xlsx"
    book = openpyxl.load_workbook(workbook)
    fix = book["Fix these"]
    header = [cell.value for cell in fix[1]]
    fix.cell(row=2, column=header.index("Address") + 1, value="2 Elm St")  # Bo Park's street, typed in
    book.save(workbook)
    capsys.readouterr()

    main(["track", "GIFTS"])
    said = " ".join(capsys.readouterr().err.split())
    assert "sheet not run yet (row 3)" in said, said
    assert f"(`bulkship run '{workbook}' --batch GIFTS`)" in said, said
