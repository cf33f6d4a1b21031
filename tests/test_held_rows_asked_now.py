"""A row the list holds until a day to come is a row to send: what its note or its cell's comment asks is
asked now, as its other errors are (..validate.heldnow). Asked only on its day (found by newcomer28): an HR
list's Luc Fontaine, 'Do Not Send Before' 12/20 and a comment on his Award Amount 'should be $100 per policy',
read 'waiting for their day', his 255.95 in the money waiting, until the day the comment made him an error
with nobody at the desk. A held row whose other words leave it out on its day ('Exclude') is not asked of: it
is left out now with those words (never to be sent), out of the money waiting (hunter-money31's leftover 1,
the lead's decision of session 51)."""

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
    # Cy Dee's 'Exclude' leaves her out on her day: left out now, never asked which address
    left = (
        "row 4: the list says not to send it (column 'Notes': 'Exclude - send to mother'); the list holds it "
        "until 2026-12-20, when these words leave it out: never sent"
    )
    for words in (note, comment + " '250'", left):
        assert words in said, (words, said)
    assert "waiting for their day" not in said, said
    assert main(["status", "dec", "--json"]) == 0
    (batch,) = json.loads(capsys.readouterr().out)["batches"]
    assert batch["by_status"] == {"pending": 1, "invalid": 2, "skipped": 1}, batch
    assert (batch["waiting"], batch["waiting_until"], batch.get("waiting_cost")) == (0, [], None), batch
    assert "Row 4," not in said, said


def test_a_held_row_its_words_leave_out_on_its_day_is_left_out_now_not_in_the_money_waiting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-money31's leftover 1: 'Exclude' (or 'Do not send - left 1/10/2027') beside a 'Do Not Send
    Before' of 12/20 read 'to send on or after 2026-12-20', 'waiting for their day ... the same command run
    on or after their day sends them', its card in the money waiting (validate --cost 'Not in the cost: 3
    row(s) ... 100.00 USD at today's'), though on its day those words leave it out. Left out now with them;
    a row held with no such words still waits."""
    path = tmp_path / "dec.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Amount,Do Not Send Before,Notes\n"
        "Ann Lee,12 Beacon Street,Boston,MA,02108,CVS,50,,\n"
        "Cy Dee,9 Grove Ln,Waltham,MA,02451,CVS,50,2026-12-20,Exclude\n"
        "Di Eng,88 Harbor Dr,Gloucester,MA,01930,CVS,25,2026-12-20,\n"
        "Flo Gee,6 Oak St,Lynn,MA,01901,CVS,25,2026-12-20,Do not send - left 12/10/2026\n"
    )
    assert main(["validate", str(path), "--cost", "--out", str(tmp_path / "o")]) == 0
    said = " ".join("".join(capsys.readouterr()).split())
    waiting = "Not in the cost: 1 row(s) the list holds until a day to come (row 4 on or after 2026-12-20)"
    assert waiting in said and "(25.00 USD at today's)" in said, said
    for row, words in ((3, "Exclude"), (5, "Do not send - left 12/10/2026")):
        left = f"row {row} (column 'Notes': '{words}'); the list holds it until 2026-12-20, when these words"
        assert left in said, (left, said)
    run = ["run", str(path), "--batch", "dec", "--yes", "--wait", "0", "--out", str(tmp_path / "o")]
    assert main(run) == 0
    capsys.readouterr()
    assert main(["status", "dec", "--json"]) == 0
    (batch,) = json.loads(capsys.readouterr().out)["batches"]
    assert batch["by_status"] == {"pending": 1, "skipped": 3}, batch
    still = ([{"row": 4, "day": "2026-12-20"}], "25.00")
    assert (batch["waiting_until"], batch["waiting_cost"]) == still, batch
