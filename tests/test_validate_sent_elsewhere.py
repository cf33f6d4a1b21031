"""`bulkship validate` (without --cost) says the rows `run` leaves out as sent elsewhere: their cards are in
another batch's order already, after a split the batch's run was advised (found by hunter-web28: validate
said '6 rows: 6 valid' of a list whose run sent 2 of them; fixed by hunter-web29)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from test_repeats import person, write_csv

from bulkship.cli import main


def test_validate_says_the_rows_sent_elsewhere_on_the_terminal_in_json_and_in_the_workbook(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [person(i) for i in range(6)]
    gifts = write_csv(tmp_path / "gifts.csv", rows)
    cli = ["--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    assert main(["run", str(gifts), "--batch", "gifts", "--max-total", "80", *cli]) == 1  # split advised
    assert main(["run", str(write_csv(tmp_path / "first.csv", rows[:2])), "--batch", "gifts", *cli]) == 0
    assert main(["run", str(write_csv(tmp_path / "rest.csv", rows[2:4])), *cli]) == 0
    capsys.readouterr()
    out = ["--out", str(tmp_path / "checked")]
    assert main(["validate", str(gifts), "--batch", "gifts", *out]) == 0
    printed = capsys.readouterr()
    said = " ".join((printed.out + printed.err).split())
    assert (
        "2 row(s) sent elsewhere, their cards in another batch's order already; `bulkship run` would leave "
        "them out (never sent from this batch): row 4: its card is line 1 of vendor order BS-REST-0001"
        in said
    ), said
    assert "row 5: its card is line 2 of vendor order BS-REST-0001" in said, said
    assert "2 Sent elsewhere, not sent from this batch (warning)" in said, said
    assert main(["validate", str(gifts), "--batch", "gifts", *out, "--json"]) == 0
    checked = json.loads(capsys.readouterr().out)
    assert [r["row"] for r in checked["sent_elsewhere"]] == [4, 5], checked
    assert checked["valid"] == 6  # valid rows: what run does with them is said beside
    book = openpyxl.load_workbook(checked["output"], read_only=True)
    cells = " ".join(
        str(c) for sheet in book.worksheets for r in sheet.iter_rows(values_only=True) for c in r
    )
    assert "Row 4: Sent elsewhere, not ordered here: its card is line 1 of vendor order BS-REST-0001" in cells
