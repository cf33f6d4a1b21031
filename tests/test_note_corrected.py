"""A row whose error comes from its note, once the person corrects the note as the error says (found by
newcomer20, N17 and N4): 'Manager will hand deliver' -> "... or clear only that cell to send it there".
Cleared on the review page, the row stayed 'not valid' with the very words of the note gone; cleared on the
batch's *Fix these* sheet and sent, the list run again said the row refused again ('Left out of this plan:
... Row 6, column 'Notes': says 'Manager will hand deliver'', and 'ordered before; now refused today' on its
row)."""

from __future__ import annotations

import csv
import html
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from starlette.testclient import TestClient
from support import embedded_sandbox_orders
from test_web import confirm, sandbox_orders, token, upload, wait_until_finished

from bulkship.cli import main
from bulkship.reconcile.sheets import FIX_SHEET, read_result_workbook
from bulkship.settings import resolve_settings
from bulkship.web import create_app

HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"]
ROWS = [
    ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "50", "Manager will hand deliver"],  # row 2
    ["Bo Ray", "2 Main St", "Boston", "MA", "02134", "CVS", "50", ""],  # row 3
]


def _write(path: Path) -> Path:
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    return path


def test_a_note_cleared_on_the_review_page_lets_the_row_go_and_a_new_ask_is_read(tmp_path: Path) -> None:
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    with TestClient(create_app(settings), follow_redirects=True) as client:
        upload(client, _write(tmp_path / "team.csv"), name="team")
        assert "<strong>1</strong> not valid" in client.get("/batches/team/review").text
        asked = {"csrf_token": token(client), "cell:Notes": "send to his office instead"}
        page = html.unescape(client.post("/batches/team/rows/3", data=asked).text)  # Bo's note: another place
        assert "says 'send to his office instead'" in page and "<strong>2</strong> not valid" in page
        assert client.post("/batches/team/rows/3", data={**asked, "cell:Notes": ""}).status_code == 200
        page = client.post("/batches/team/rows/2", data={**asked, "cell:Notes": ""}).text
        assert "<strong>2</strong> valid" in page and "hand deliver" not in page, page
        assert confirm(client, "team").url.path == "/batches/team/progress"
        wait_until_finished(client, "team")
    sent = [line.external_id for order in sandbox_orders(settings) for line in order.line_items]
    assert len(sent) == len(set(sent)) == 2  # Ann's card and Bo's, each once


def test_the_list_run_again_after_fix_these_reads_the_cleared_note_as_cleared(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(tmp_path / "awards.csv")
    common = ["--batch", "AWARDS", "--yes", "--wait", "0", "--out", str(tmp_path)]
    assert main(["run", str(source), *common]) == 3  # Ann's row to fix
    workbook = tmp_path / "AWARDS-results.xlsx"
    book = openpyxl.load_workbook(workbook)
    sheet = book[FIX_SHEET]
    sheet.cell(2, [c.value for c in sheet[1]].index("Notes") + 1).value = None  # the note cleared, as told
    book.save(workbook)
    assert main(["run", str(workbook), *common]) == 0
    capsys.readouterr()
    assert main(["run", str(source), *common]) == 0  # the list it started from, run again: all sent
    said = capsys.readouterr().err
    assert "hand deliver" not in said and "read as corrected there (row 2)" in " ".join(said.split()), said
    read = read_result_workbook(workbook)
    assert {row: (o.status, o.problems) for row, o in read.outcomes.items()} == {
        2: ("pending", ""),
        3: ("pending", ""),
    }
    assert len(embedded_sandbox_orders(isolated_data_dir)) == 2  # nothing sent twice
