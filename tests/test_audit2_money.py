"""Money of unknown cost on the web page (second audit): an ordered row an older bulkship left without a cost
is never counted as 0.00 in a total the page shows. The CLI makes the batch, the ledger is edited as bulkship
0.1 left it, the page is read through Starlette's test client (the embedded sandbox, the real ledger)."""

from __future__ import annotations

import contextlib
import csv
import re
import sqlite3
from pathlib import Path

from starlette.testclient import TestClient

from bulkship.cli import main
from bulkship.settings import resolve_settings
from bulkship.web import create_app

HEADER = ["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Amount"]


def test_the_pages_totals_say_they_leave_out_rows_of_unknown_cost(tmp_path: Path) -> None:
    sheet = tmp_path / "gifts.csv"
    with sheet.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows([f"E{i}", f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "25"]
                         for i in range(4))  # fmt: skip
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    settings = resolve_settings()
    with contextlib.closing(sqlite3.connect(settings.ledger)) as db, db:  # what bulkship 0.1 left
        db.execute("UPDATE rows SET cost = NULL WHERE row IN (2, 3)")
    with TestClient(create_app(settings), follow_redirects=True) as client:
        results = " ".join(re.sub(r"<[^>]+>", " ", client.get("/batches/gifts/results").text).split())
        home = " ".join(re.sub(r"<[^>]+>", " ", client.get("/").text).split())
    assert "50.00 ordered cost + 2 row(s) of unknown cost" in results, results
    assert results.count("cost unknown") == 2  # the two rows' cost cells, never blank or 0.00
    assert "50.00 charged + 2 row(s) of unknown cost" in home, home
