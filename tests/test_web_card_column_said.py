"""What the cost page (and the approver's) says of a column read as the card by its cells, once its cells
were changed on the review page (found by newcomer24 following the README as a team of three: an approver
rejected 'Use Visa prepaid this year, not Target', the requester changed every 'Gift' cell, and both pages
still said the column names TARGET above a table of 42 VISA-PREPAID cards)."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

from starlette.testclient import TestClient
from test_web import upload
from test_web_column_fix import change_column

from bulkship.settings import resolve_settings
from bulkship.web import create_app

STAFF = "Employee Name,Home Address,City,State,Zip,Gift,Amount\n" + "".join(
    f"Person {i},{100 + i} J St,Sacramento,CA,95814,TARGET,50\n" for i in range(4)
)


def test_the_cost_page_names_the_cards_a_gift_column_names_after_its_cells_changed(tmp_path: Path) -> None:
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    path = tmp_path / "staff-holiday-2026.csv"
    path.write_text(STAFF)
    with TestClient(create_app(settings), follow_redirects=True) as client:
        upload(client, path, name="staff")
        before = html.unescape(client.get("/batches/staff/cost").text)
        assert (
            "Column 'Gift' (F) is read as Product: every card it names is one of the vendor catalog's "
            "(TARGET)" in before
        )
        assert change_column(client, "staff", "Gift", "TARGET", "VISA-PREPAID").status_code == 200
        page = html.unescape(client.get("/batches/staff/cost").text)
    said = re.search(r"Column 'Gift' \(F\) is read as Product: [^<]*", page)
    assert said is not None, page
    assert "(VISA-PREPAID)" in said[0] and "TARGET" not in said[0], said[0]
    assert page.count("VISA-PREPAID") >= 2  # the sentence, and the table it stands above
