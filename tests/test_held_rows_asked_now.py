"""A row the list holds until a day to come is a row to send: what its note or its cell's comment asks is
asked now, as its other errors are (..validate.heldnow). Asked only on its day (found by newcomer28): an HR
list's Luc Fontaine, 'Do Not Send Before' 12/20 and a comment on his Award Amount 'should be $100 per policy',
read 'waiting for their day', his 255.95 in the money waiting, until the day the comment made him an error
with nobody at the desk. A held row whose other words leave it out on its day ('Exclude') is not asked of."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment

from bulkship.cli import main

DEC_5 = datetime.date(2026, 12, 5)
HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Amount", "Do Not Send Before", "Notes"]
ROWS = [
    ["Ann Lee", "12 Beacon Street", "Boston", "MA", "02108", "CVS", 50, "", ""],
    ["Bo Ray", "14 Mill St", "Andover", "MA", "01810", "CVS", 50, "2026-12-20", "Amount should be $100"],
    ["Cy Dee", "9 Grove Ln", "Waltham", "MA", "02451", "CVS", 50, "2026-12-20", "Exclude - send to mother"],
    ["Di Eng", "88 Harbor Dr", "Gloucester", "MA", "01930", "VISA-PREPAID", 250, "2026-12-20", ""],
]


@pytest.fixture(autouse=True)
def _dec_5(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": DEC_5)


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    sheet["G5"].comment = Comment("should be $100 per policy - JP", "J. Park")  # Di Eng's 250
    book.save(path)
    return path


def test_what_a_held_row_s_note_and_comment_ask_is_asked_now(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _workbook(tmp_path / "dec.xlsx")
    run = ["run", str(path), "--batch", "dec", "--yes", "--wait", "0", "--out", str(tmp_path / "o")]
    assert main(run) == 3
    said = " ".join("".join(capsys.readouterr()).split())
    note = "Row 3, column 'Notes': says 'Amount should be $100' where 'Amount' says '50': which amount"
    comment = "Row 5, column 'Note on Amount': says 'should be $100 per policy - JP' where 'Amount' says"
    waiting = "1 row(s) the list holds until a day to come (waiting for their day: row 4 on or after"
    for words in (note, comment + " '250'", waiting):
        assert words in said, (words, said)
    assert main(["status", "dec", "--json"]) == 0
    (batch,) = json.loads(capsys.readouterr().out)["batches"]
    assert batch["by_status"] == {"pending": 1, "invalid": 2, "skipped": 1}, batch
    # Cy Dee waits, her 'Exclude' read on her day: never asked which address now
    assert batch["waiting_until"] == [{"row": 4, "day": "2026-12-20"}], batch
    assert "Row 4," not in said, said
