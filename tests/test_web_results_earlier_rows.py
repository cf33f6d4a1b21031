"""The web Results page shows every card the batch paid for, as the workbook and `status` do: rows ordered
from an earlier file of the batch (since deleted from it) were missing from its table and its total (found
by a newcomer: 229.65 on the page, 335.60 everywhere else)."""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from starlette.testclient import TestClient

from bulkship.cli import main
from bulkship.settings import resolve_settings
from bulkship.web import create_app

HEADER = ["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Amount"]


def write(path: Path, people: list[int]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in people:
            writer.writerow([f"E{i}", f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", "25"])
    return path


def test_rows_ordered_from_an_earlier_file_are_on_the_results_page_and_in_its_total(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    sheet = tmp_path / "team.csv"
    out = tmp_path / "out"
    assert main(["run", str(write(sheet, [1, 2, 3])), "--yes", "--wait", "0", "--out", str(out)]) == 0
    assert main(["run", str(write(sheet, [1, 4])), "--yes", "--wait", "0", "--out", str(out)]) == 0
    settings = replace(resolve_settings(), out_dir=out)
    with TestClient(create_app(settings)) as client:
        page = client.get("/batches/team/results").text
    total = re.search(r"<strong>([\d,.]+)</strong> ordered cost", page)
    assert total is not None and Decimal(total.group(1).replace(",", "")) == Decimal(100)
    assert page.count("ordered earlier; no longer in the file") == 2
    assert "Person 2" in page and "Person 3" in page  # who got those cards
