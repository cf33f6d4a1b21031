"""Money of unknown cost on the web page (second audit): an ordered row an older bulkship left without a cost
is never counted as 0.00 in a total the page shows. The CLI makes the batch, the ledger is edited as bulkship
0.1 left it, the page is read through Starlette's test client (the embedded sandbox, the real ledger)."""

from __future__ import annotations

import contextlib
import csv
import sqlite3
from pathlib import Path

from starlette.testclient import TestClient
from support import visible_text

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
        results = visible_text(client.get("/batches/gifts/results").text)
        home = visible_text(client.get("/").text)
    assert "50.00 charged + 2 row(s) of unknown cost" in results, results
    # the two rows' cost cells, never blank or 0.00, and their notes, as in the workbook's Problems column
    assert results.count("cost unknown") - results.count("cost unknown: the ledger holds no price") == 2
    assert "50.00 charged + 2 row(s) of unknown cost" in home, home


def test_the_approval_page_of_a_command_line_batch_says_its_charged_total_leaves_rows_out() -> None:
    from bulkship.web.app import _templates

    source = _templates.loader.get_source(_templates, "approval_ledger.html")[0]  # type: ignore[union-attr]
    table = source[source.index("{% if figures %}") : source.index('{% from "approval_forms.html"')]
    money = {"to_send": {"cost_unknown_rows": 0}, "in_doubt": {"cost_unknown_rows": 0}}
    money["charged"] = {"cost_unknown_rows": 2}
    figures = {
        "input_file": "gifts.csv", "rows": 4, "by_status": {"delivered": 4}, "planned_cost": "0.00",
        "in_doubt_cost": "0.00", "ordered_cost": "50.00", "money": money,
    }  # fmt: skip
    shown = visible_text(_templates.from_string(table).render(figures=figures))
    assert "50.00 + 2 row(s) of unknown cost" in shown, shown
    assert shown.count("unknown cost") == 1  # the other buckets know every cost


def test_the_results_page_shows_money_in_doubt_apart_from_what_was_charged(tmp_path: Path) -> None:
    """Found by a newcomer: an order whose answer was lost read "0.00 ordered cost" with the 50.00 that may be
    charged nowhere on the page (status said "in doubt 50.00")."""
    sheet = tmp_path / "gifts.csv"
    with sheet.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows([f"E{i}", f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "25"]
                         for i in range(4))  # fmt: skip
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--max-lines", "2"]) == 0
    settings = resolve_settings()
    with contextlib.closing(sqlite3.connect(settings.ledger)) as db, db:  # the second order's answer lost
        db.execute(
            "UPDATE orders SET state = 'unknown', vendor_order_id = NULL WHERE po_number = 'BS-GIFTS-0002'"
        )
        db.execute("UPDATE rows SET status = 'planned' WHERE po_number = 'BS-GIFTS-0002'")
    with TestClient(create_app(settings), follow_redirects=True) as client:
        results = visible_text(client.get("/batches/gifts/results").text)
    assert "50.00 charged" in results, results
    assert "50.00 in doubt (sent: the vendor's answer was lost" in results, results
