"""A result workbook given back to bulkship names each row by its row in the list, as other lines do."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bulkship.cli import main
from bulkship.reconcile.sheets import FIX_SHEET

LIST = (
    "Name,Address,City,State,ZIP,Product,Value,Quantity\n"
    "Ann Lee,12 Beacon Street,Boston,MA,02108,CVS,50,1\n"
    "Bob Ray,2 Main Street,Boston,MA,02134,CVS,20,3\n"
)


def test_the_note_of_rows_ordering_several_cards_names_the_list_s_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-money24: Bob Ray (row 3 of the list, 3 CVS cards of 20, a value CVS does not make)
    corrected to 25 on the Fix these sheet, where he is its row 2; `validate` of the workbook said 'Note: 1
    row(s) order more than one card ...: row 2 (Bob Ray): 3 cards of 25.00', beside lines naming the list's
    rows (row 2 is Ann Lee's)."""
    source = tmp_path / "gifts.csv"
    source.write_text(LIST)
    assert main(["run", str(source), "--batch", "gifts", "--yes", "--wait", "0", "--out", str(tmp_path)]) == 3
    workbook = tmp_path / "gifts-results.xlsx"
    book = openpyxl.load_workbook(workbook)
    sheet = book[FIX_SHEET]
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=headers.index("Value") + 1).value = 25
    book.save(workbook)
    capsys.readouterr()
    assert main(["validate", str(workbook), "--batch", "gifts", "--out", str(tmp_path / "v")]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "row 3 (Bob Ray): 3 cards of 25.00 = 75.00" in said, said
