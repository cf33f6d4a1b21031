"""The Results page's charged figure says when it counts rows at their planned dollars, as the run's last
line, `status` and the Batches page say it beside theirs: a batch whose vendor answered in CAD read "100.00
charged" alone at the top of its Results page, the one surface giving the figure bare (found by
hunter-money33, comparing every surface of a CAD batch)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.testclient import TestClient
from support import visible_text
from support.money_invariants import check_money
from support.vendor_proxy import VendorProxy, key_of, orders_rewritten, place

from bulkship import api
from bulkship.web import create_app


def _in_cad(order: dict[str, Any]) -> None:
    order["CurrencyCode"] = "CAD"
    for line in order[key_of(order, "LineItems")]:
        line["CurrencyCode"] = "CAD"


def test_the_results_page_says_its_charged_money_counts_planned_dollars(tmp_path: Path) -> None:
    with VendorProxy(tmp_path) as vendor:
        vendor.rewrite = orders_rewritten(_in_cad, reads_only=False)
        place(vendor, tmp_path, [1, 2, 3, 4])
        settings = vendor.settings(tmp_path)
        check_money(settings.ledger, "staff", web=True)
        (status,) = api.status(settings, "staff")
        with TestClient(create_app(settings)) as client:
            page = visible_text(client.get("/batches/staff/results").text)
    assert status["planned_dollars"] == "its vendor answers in CAD: counted at planned dollars", status
    assert "100.00 charged (its vendor answers in CAD: counted at planned dollars)" in page, page
