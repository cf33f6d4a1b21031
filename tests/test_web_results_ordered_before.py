"""The web page's Results of a batch whose list leaves out a row another batch ordered say so, as the result
workbook does: week 2's list, Ann 'terminated 12/4', read 'skipped' and 'the list says not to send it' under
'skipped: not ordered: the list says not to, or no recipient', her card gone in week 1's batch HR."""

from __future__ import annotations

import csv
import html
import re
from dataclasses import replace
from pathlib import Path

from starlette.testclient import TestClient

from bulkship.pipeline import run_batch
from bulkship.settings import resolve_settings
from bulkship.web import create_app

HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"]
ANN = ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "25"]
DI = ["Di Fox", "4 Oak St", "Boston", "MA", "02134", "CVS", "25", "terminated 11/30"]
NEW = ["New One", "1 Elm St", "Boston", "MA", "02134", "CVS", "25", ""]


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def test_the_results_page_says_a_skipped_row_whose_card_another_batch_ordered_apart(tmp_path: Path) -> None:
    settings = replace(resolve_settings(), out_dir=tmp_path / "out")
    run_batch(_write(tmp_path / "week1.csv", [[*ANN, ""], DI]), settings, wait_s=0, batch="HR")
    week2 = _write(tmp_path / "week2.csv", [[*ANN, "terminated 12/4"], DI, NEW])
    run_batch(week2, settings, wait_s=0, batch="HR-WK2")
    with TestClient(create_app(settings), follow_redirects=True) as client:
        page = client.get("/batches/HR-WK2/results")
    said = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.text)).split())
    assert page.status_code == 200
    assert (
        "skipped: not ordered: the list says not to, or no recipient (of them, 1 ordered before in another "
        "batch: its card went; see the row)" in said
    ), said
    assert (
        "ordered before, PO BS-HR-0001 (batch 'HR'): its card went; now the list says not to send it "
        "(column 'Notes': 'terminated 12/4')" in said
    ), said
    # Di, never ordered anywhere, as before
    assert "Di Fox skipped the list says not to send it (column 'Notes': 'terminated 11/30')" in said, said
