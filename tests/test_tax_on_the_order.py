"""A tax the vendor bills on an order's total beside its lines ('Tax': 1.63 on each order, its total the lines
and the tax): counted as charged everywhere (0ebd96ce), but said on the Summary and the web's Results page as
"shipping or fees billed per order", and a plan after it "shipping or a fee on the order" (hunter-money31's
leftover 2): finance was told a tax was shipping or a fee. The vendor's own total does not say which of them
it is, so every surface says all three."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from starlette.testclient import TestClient
from support import visible_text
from support.money_invariants import check_money
from support.vendor_proxy import VendorProxy, key_of, orders_rewritten, place

from bulkship import api
from bulkship.track import track
from bulkship.web import create_app

TAX = 1.63


def _taxed(order: dict[str, Any]) -> None:
    order["Tax"] = TAX
    order[key_of(order, "Cost")] = round(order[key_of(order, "Cost")] + TAX, 2)


def test_a_tax_on_the_order_s_total_is_said_as_one_of_shipping_fees_or_taxes(tmp_path: Path) -> None:
    with VendorProxy(tmp_path) as vendor:
        vendor.rewrite = orders_rewritten(_taxed, reads_only=False)
        result = place(vendor, tmp_path, [1, 2])
        settings = vendor.settings(tmp_path)
        asyncio.run(track(settings, "staff", client_factory=vendor.factory))
        check_money(settings.ledger, "staff", web=True)
        (status,) = api.status(settings, "staff")
        assert status["money"]["charged"]["total"] == "51.63", status["money"]
        book = openpyxl.load_workbook(str(result.output), read_only=True)
        summary = " ".join(str(r[0]) for r in book["Summary"].iter_rows(values_only=True) if r and r[0])
        with TestClient(create_app(settings)) as client:
            page = visible_text(client.get("/batches/staff/results").text)
    assert (
        "Charged includes 1.63 the vendor billed on 1 order(s) beside their lines (the order's own total "
        "beyond its lines' costs: shipping, fees or taxes billed per order), shown as shipping cost: "
        "BS-STAFF-0001." in summary
    ), summary
    assert "51.63 charged" in page, page
    assert "billed on 1 order(s) beside their lines: shipping, fees or taxes billed per order" in page, page
    assert Decimal(status["money"]["charged"]["shipping"]) == Decimal("1.63"), status["money"]
