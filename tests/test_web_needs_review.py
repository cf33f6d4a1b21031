"""The web page's rows waiting for review: listed with what the vendor shows, settled only after a
confirmation, refused when the vendor's answer does not allow it. Starlette's test client, the embedded
sandbox speaking the likely-real dialect (its lines show no ExternalId and no address), the real ledger."""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import embedded_sandbox_orders, write_sheet

from bulkship.ledger import Ledger
from bulkship.pipeline import run_batch
from bulkship.settings import Settings, resolve_settings
from bulkship.web import create_app

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return replace(resolve_settings(), out_dir=tmp_path / "results", sandbox_dialect="likely-real")


def token(client: TestClient, url: str) -> str:
    match = TOKEN.search(client.get(url).text)
    assert match, url
    return match.group(1)


def cards_at_vendor(settings: Settings) -> Counter[str]:
    return Counter(
        li["ExternalId"] for o in embedded_sandbox_orders(settings.data_dir) for li in o["LineItems"]
    )


def rows(settings: Settings) -> dict[str, str]:
    with Ledger.open(settings.ledger, lock=False) as ledger:
        return {r.external_id or "": r.status for r in ledger.batch_rows("staff", current_only=True)}


def test_a_lost_ledger_is_settled_in_the_page_after_a_confirmation(
    tmp_path: Path, settings: Settings
) -> None:
    sheet = write_sheet(tmp_path / "staff.csv", range(1, 4))
    run_batch(sheet, settings, wait_s=0)  # ordered from the command line...
    before = cards_at_vendor(settings)
    settings.ledger.unlink()  # ...then the ledger is lost, and the same file is sent from the page
    with TestClient(create_app(settings), follow_redirects=True) as client:
        upload = client.post(
            "/batches",
            data={"csrf_token": token(client, "/batches/new"), "name": "staff"},
            files={"file": ("staff.csv", sheet.read_bytes(), "text/csv")},
        )
        assert upload.status_code == 200
        cost = client.get("/batches/staff/cost").text  # planning looks at the vendor first: nothing to send
        assert "Nothing is left to send" in cost
        assert set(rows(settings).values()) == {"review"} and cards_at_vendor(settings) == before
        results = client.get("/batches/staff/results").text
        assert 'id="needs-review"' in results
        page = html.unescape(client.get("/batches/staff/needs-review").text)
        assert "PO BS-STAFF-0001" in page and "Release is refused now" in page and "same card" in page
        form = {"csrf_token": token(client, "/batches/staff/needs-review"), "po": "BS-STAFF-0001"}
        refused = client.post("/batches/staff/needs-review/check", data={**form, "action": "release"})
        assert refused.status_code == 409 and "Cannot release" in html.unescape(refused.text)
        claim = {**form, "action": "at-vendor", "order": "BS-STAFF-0001", "rows": "2-4", "reason": "portal"}
        checked = client.post("/batches/staff/needs-review/check", data=claim)
        shown = html.unescape(checked.text)
        assert (
            checked.status_code == 200
            and "Row 2 -> ordered in BS-STAFF-0001" in shown
            and 'id="record"' in shown
        )
        assert set(rows(settings).values()) == {"review"}  # shown, not recorded
        done = client.post("/batches/staff/needs-review/settle", data=claim)
        assert done.status_code == 200 and "Recorded: BS-STAFF-0001 settled" in html.unescape(done.text)
        assert set(rows(settings).values()) == {"ordered"}
        assert "No row of this batch waits for review" in client.get("/batches/staff/needs-review").text
    assert cards_at_vendor(settings) == before  # nothing was sent again
