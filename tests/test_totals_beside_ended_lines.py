"""An order's own total read beside the lines the vendor did not take off (hunter-money32's leftover): a total
in cents, or the cards' face value beside what they cost, was measured against every line of the order, so a
line cancelled before it shipped (still at its cost) left the wrong figure charged on every surface."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient
from support import visible_text
from support.money_invariants import check_money
from support.vendor_proxy import VendorProxy, key_of, orders_rewritten, place

from bulkship import api
from bulkship.track import track
from bulkship.web import create_app


def _second_line_cancelled(order: dict[str, Any]) -> float | None:
    """BS-STAFF-0001's second line Cancelled before it shipped, still at its cost: that cost (None when the
    order is another)."""
    lines = order[key_of(order, "LineItems")]
    if order.get(key_of(order, "PONumber")) not in (None, "BS-STAFF-0001") or len(lines) != 4:
        return None
    lines[1].update({key_of(lines[1], "Status"): "Cancelled", "Shipments": []})
    return float(lines[1][key_of(lines[1], "Cost")])


def _total_in_cents_with_a_tax(order: dict[str, Any]) -> None:
    """The three cards kept and a 'Tax' of 1.63, the order's total written in cents (7663)."""
    if (cost := _second_line_cancelled(order)) is not None:
        order["Tax"] = 1.63
        order[key_of(order, "Cost")] = round((order[key_of(order, "Cost")] - cost + 1.63) * 100)


def _face_value_beside_the_kept_lines(order: dict[str, Any]) -> None:
    """A discounted product (HOMEDEPOT, 24.38 a 25.00 card): 'Cost' the three cards kept (73.14) and 'Total'
    their face value (75.00)."""
    if (cost := _second_line_cancelled(order)) is not None:
        order[key_of(order, "Cost")] = round(order[key_of(order, "Cost")] - cost, 2)
        order["Total"] = 75.00


def _charged(tmp_path: Path, change: Any, product: str) -> tuple[str, tuple[str, str], str]:
    """Four 25.00 cards placed, the vendor then showing ``change``: status's charged total, reconcile's
    (ledger, vendor) totals and the Results page's words, the money checked alike on every surface."""
    with VendorProxy(tmp_path) as vendor:
        place(vendor, tmp_path, [1, 2, 3, 4], product=product)
        vendor.rewrite = orders_rewritten(change)
        settings = vendor.settings(tmp_path)
        asyncio.run(track(settings, "staff", client_factory=vendor.factory))
        check_money(settings.ledger, "staff", web=True)
        (status,) = api.status(settings, "staff")
        report = api.reconcile_batch(settings, "staff", client_factory=vendor.factory)
        with TestClient(create_app(settings)) as client:
            page = visible_text(client.get("/batches/staff/results").text)
    return status["money"]["charged"]["total"], (str(report.ledger_total), str(report.vendor_total)), page


def test_a_total_in_cents_beside_a_line_cancelled_is_read_in_dollars(tmp_path: Path) -> None:
    """Before: 7663 was measured against every line and the tax (101.63): "7,638.00 charged" on status, the
    Summary and the Results page, reconcile "Everything matches" at 7,638.00, for 76.63 billed."""
    charged, reconciled, page = _charged(tmp_path, _total_in_cents_with_a_tax, "CVS")
    assert charged == "76.63"
    assert reconciled == ("76.63", "76.63")
    assert "76.63 charged" in page, page
    assert "7,638.00" not in page, page


def test_the_cards_face_value_beside_the_kept_lines_is_not_charged(tmp_path: Path) -> None:
    """Before: the face value of every line (100.00) was looked for, not the three kept (75.00): "75.00
    charged" everywhere, reconcile "Everything matches" at 75.00, for the 73.14 the lines cost."""
    charged, reconciled, page = _charged(tmp_path, _face_value_beside_the_kept_lines, "HOMEDEPOT")
    assert charged == "73.14"
    assert reconciled == ("73.14", "73.14")
    assert "73.14 charged" in page, page


def _face_value_beside_a_fee_and_a_discount(order: dict[str, Any]) -> None:
    """HOMEDEPOT cards (24.38 a 25.00 card), a 'Fee' of 1.63 and a 'Discount' of 5.00 on the order: 'Cost'
    the lines with the fee less the discount (94.15), 'Total' the cards' face value (100.00)."""
    if order.get(key_of(order, "PONumber")) not in (None, "BS-STAFF-0001"):
        return
    order.update({"Fee": 1.63, "Discount": 5.0, "Total": 100.0})
    order[key_of(order, "Cost")] = round(order[key_of(order, "Cost")] + 1.63 - 5.0, 2)


def test_the_cards_face_value_beside_a_total_less_its_discount_is_not_charged(tmp_path: Path) -> None:
    """Before: the face value was dropped only beside a total of the lines (and charges), not of them less
    the discount the order shows: "100.00 charged" everywhere, the 5.00 discount said unproven, reconcile
    "Everything matches" at 100.00, for the 94.15 the order's Cost says (found by hunter-money33's corpus)."""
    charged, reconciled, page = _charged(tmp_path, _face_value_beside_a_fee_and_a_discount, "HOMEDEPOT")
    assert charged == "94.15"
    assert reconciled == ("94.15", "94.15")
    assert "94.15 charged" in page, page
