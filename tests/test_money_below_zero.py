"""Money below zero, and a cancelled line's words (hunter-money32's leftovers): an order the vendor shows
below zero (more given back than its cards cost) was said in no plain word; a Cancelled line whose cost the
order's total still counts was said "a failed line read as refunded"."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import openpyxl
from starlette.testclient import TestClient
from support import visible_text
from support.money_invariants import check_money
from support.vendor_proxy import VendorProxy, key_of, orders_rewritten, place

from bulkship import api
from bulkship.reconcile.refunded import money_back_text
from bulkship.track import track
from bulkship.web import create_app

BELOW_ZERO = (
    "The vendor shows 1 order(s) (BS-STAFF-0001) below zero, -25.00 in all: 25.00 more given back than their "
    "cards cost. It may owe you 25.00 (a credit), or it may write a refund as a negative amount (the cards "
    "then cost 0.00 and nothing is owed back)"
)


def _refunded_below_zero(order: dict[str, Any]) -> None:
    """BS-STAFF-0001's one card shipped, then 'Refunded' at -25.00, the order's total -25.00."""
    if order.get(key_of(order, "PONumber")) not in (None, "BS-STAFF-0001"):
        return
    (line,) = order[key_of(order, "LineItems")]
    line.update({key_of(line, "Status"): "Refunded", key_of(line, "Cost"): -25.0})
    line["Shipments"] = [{"TrackingNumber": "94000", "Carrier": "USPS"}]
    order[key_of(order, "Cost")] = -25.0
    order[key_of(order, "Status")] = "Complete"


def test_an_order_the_vendor_shows_below_zero_is_said_in_plain_words(tmp_path: Path) -> None:
    """Before: "-25.00 charged" on status, the Summary and the Results page with no word of what a figure
    below zero means, the row "The vendor charges -25.00 for this card", reconcile "charged -25.00 ...
    Everything matches."."""
    with VendorProxy(tmp_path) as vendor:
        result = place(vendor, tmp_path, [1])
        vendor.rewrite = orders_rewritten(_refunded_below_zero)
        settings = vendor.settings(tmp_path)
        asyncio.run(track(settings, "staff", client_factory=vendor.factory))
        check_money(settings.ledger, "staff", web=True)
        (status,) = api.status(settings, "staff")
        report = api.reconcile_batch(settings, "staff", client_factory=vendor.factory)
        with TestClient(create_app(settings)) as client:
            page = visible_text(client.get("/batches/staff/results").text).replace("&#39;", "'")
    assert status["money"]["charged"]["total"] == "-25.00"  # the vendor's figure, as before
    assert any(n.startswith(BELOW_ZERO) for n in status["notes"]), status["notes"]
    book = openpyxl.load_workbook(str(result.output), read_only=True)
    summary = [str(r[0]) for r in book["Summary"].iter_rows(values_only=True) if r and r[0]]
    assert any(n.startswith(BELOW_ZERO) for n in summary), summary
    assert BELOW_ZERO in page, page
    row = "The vendor shows -25.00 for this card, below zero: 50.00 less than planned (25.00), 25.00 more"
    assert row in page, page
    assert "charges -25.00" not in page, page
    assert any(n.startswith(BELOW_ZERO) for n in report.notes), report.notes
    (explained,) = report.explained
    assert "shown at -25.00 (below zero: 25.00 more back than it cost)" in money_back_text(explained)


def _second_line_cancelled_still_counted(order: dict[str, Any]) -> None:
    """BS-STAFF-0001's second line Cancelled before it shipped, the order's total still counting its 25.00."""
    lines = order[key_of(order, "LineItems")]
    if order.get(key_of(order, "PONumber")) not in (None, "BS-STAFF-0001") or len(lines) != 4:
        return
    lines[1].update({key_of(lines[1], "Status"): "Cancelled", "Shipments": []})


def test_a_cancelled_line_still_counted_is_not_called_a_failed_line(tmp_path: Path) -> None:
    """Before: "shows 1 line(s) Cancelled (row(s) 3) whose 25.00 its own total (100.00) still counts. They
    are counted in no total here (a failed line read as refunded)": the line did not fail."""
    with VendorProxy(tmp_path) as vendor:
        place(vendor, tmp_path, [1, 2, 3, 4])
        vendor.rewrite = orders_rewritten(_second_line_cancelled_still_counted)
        settings = vendor.settings(tmp_path)
        asyncio.run(track(settings, "staff", client_factory=vendor.factory))
        (status,) = api.status(settings, "staff")
    (note,) = [n for n in status["notes"] if "still counts" in n]
    assert "shows 1 line(s) Cancelled (row(s) 3)" in note, note
    assert "(a line the vendor ended without a card is read as refunded)" in note, note
    assert "failed line" not in note, note


def _total_below_zero(order: dict[str, Any]) -> None:
    """BS-STAFF-0001's four cards shipped, the order's own total -10.00."""
    if order.get(key_of(order, "PONumber")) not in (None, "BS-STAFF-0001"):
        return
    for i, line in enumerate(order[key_of(order, "LineItems")]):
        line.update({key_of(line, "Status"): "Shipped", "Shipments": [{"TrackingNumber": f"9400{i}"}]})
    order[key_of(order, "Cost")] = -10.0


def test_an_order_total_below_zero_beside_lines_counted_says_it(tmp_path: Path) -> None:
    """Counted at its lines (e58397e7), the order's total of -10.00 read "-10.00, is 110.00 below what their
    lines cost" on status, the Summary and the Results page, reconcile "the vendor's orders cost -10.00":
    no word that a figure below zero is more given back than charged."""
    with VendorProxy(tmp_path) as vendor:
        place(vendor, tmp_path, [1, 2, 3, 4])
        vendor.rewrite = orders_rewritten(_total_below_zero)
        settings = vendor.settings(tmp_path)
        asyncio.run(track(settings, "staff", client_factory=vendor.factory))
        (status,) = api.status(settings, "staff")
        report = api.reconcile_batch(settings, "staff", client_factory=vendor.factory)
    assert status["money"]["charged"]["total"] == "100.00"  # at its lines, as before
    said = "(BS-STAFF-0001), -10.00 (below zero: more given back than charged), is 110.00 below what"
    assert [n for n in status["notes"] if said in n], status["notes"]
    below = "The vendor shows 1 order(s) (BS-STAFF-0001) below zero, -10.00 in all: 10.00 more given back"
    assert [n for n in report.notes if n.startswith(below)], report.notes
