"""What the New batch page says of the name a person types (found by newcomer24 following the README as a team
of three): a wrong file uploaded, deleted from its review page, and the right one uploaded under the same
typed name became 'Staff-holiday-cards-2', the page having said only that "a name already taken gets -2"."""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path

from starlette.testclient import TestClient
from test_web import token, upload

from bulkship.settings import resolve_settings
from bulkship.web import create_app

HEADER = "Employee Name,Home Address,City,State,Zip,Product,Amount\n"
STAFF = HEADER + "Ana Evans,649 Folsom Blvd,Sacramento,CA,95814,CVS,50\n"


def test_the_new_batch_page_says_a_deleted_batch_s_name_is_not_given_again(tmp_path: Path) -> None:
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    wrong, right = tmp_path / "staff-holiday-2025.csv", tmp_path / "staff-holiday-2026.csv"
    wrong.write_text(STAFF)
    right.write_text(STAFF.replace("Ana Evans", "Ben Bishop"))
    with TestClient(create_app(settings), follow_redirects=True) as client:
        upload(client, wrong, name="Staff holiday cards")
        assert client.get("/batches/Staff-holiday-cards/cost").status_code == 200  # its PO numbers planned
        client.post("/batches/Staff-holiday-cards/delete", data={"csrf_token": token(client)})
        assert upload(client, right, name="Staff holiday cards").endswith(
            "/batches/Staff-holiday-cards-2/columns"
        )
        page = " ".join(html.unescape(client.get("/batches/new").text).split())
    assert (
        'a name already taken gets "-2", as does that of a batch deleted after its cost page was shown (its '
        "PO numbers are never given again)"
    ) in page, page
