"""A vendor ending a line Cancelled at 0.00 after its card shipped (its tracking kept): the row read 'The
vendor charged 0.00 for this card, 25.00 less than planned (25.00), so its discount reads 25.00 where the
plan took off 0.00 ... ask the vendor why', the Summary and `status` 'The vendor's costs differ from the plan
... planned 100.00, the vendor shows 75.00' alone: a refund read as a discount of 25.00 (hunter-money25's
leftover 2, fixed by hunter-money26). Said as money back, on the row and beside the totals; the figures stay
(the vendor's 75.00 everywhere) and the row is still not sent again (a card went out)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import openpyxl
from support.money_invariants import check_money
from support.vendor_proxy import VendorProxy, key_of, orders_rewritten, place

from bulkship import api
from bulkship.track import track


def _second_line(status: str, cost: float | None) -> Any:
    """BS-STAFF-0001's 4 lines shipped (tracking 94000..94003), its second showing ``status`` at ``cost``
    (the order's total following)."""

    def change(order: dict[str, Any]) -> None:
        if order.get(key_of(order, "PONumber")) not in (None, "BS-STAFF-0001"):
            return
        lines = order[key_of(order, "LineItems")]
        for i, line in enumerate(lines):
            line[key_of(line, "Status")] = "Shipped"
            line["Shipments"] = [
                {"TrackingNumber": f"9400{i}", "Carrier": "USPS", "ShippingMethodId": "STANDARD",
                 "ShippedDate": "2026-12-01T12:00:00Z"}
            ]  # fmt: skip
        line = lines[1]
        line[key_of(line, "Status")] = status
        if cost is not None:
            was, line[key_of(line, "Cost")] = line[key_of(line, "Cost")], cost
            if key_of(order, "Cost") in order:
                order[key_of(order, "Cost")] = round(order[key_of(order, "Cost")] - was + cost, 2)
        order[key_of(order, "Status")] = "Complete"

    return orders_rewritten(change)


def test_a_card_cancelled_at_no_cost_after_it_shipped_is_said_money_back_not_a_discount(
    tmp_path: Path,
) -> None:
    with VendorProxy(tmp_path) as vendor:
        first = place(vendor, tmp_path, [1, 2, 3, 4])
        settings = vendor.settings(tmp_path)
        vendor.rewrite = _second_line("Cancelled", 0.0)
        asyncio.run(track(settings, "staff", client_factory=vendor.factory))
        again = place(vendor, tmp_path, [1, 2, 3, 4])  # the same list run again
        (status,) = api.status(settings, "staff")
        check_money(settings.ledger_location, "staff")  # 75.00 charged on every surface
    assert again.sent_orders == 0 and first.total_cost == 100  # a card went out: not sent again
    book = openpyxl.load_workbook(str(again.output), read_only=True)
    rows = list(book["Results"].iter_rows(values_only=True))
    header = rows[0]
    row_3 = next(r for r in rows[1:] if r[header.index("Row")] == 3)
    said = str(row_3[header.index("Problems / vendor error")])
    assert "discount reads" not in said and "ask the vendor why" not in said, said
    assert (
        "The vendor charges 0.00 for this card, 25.00 less than planned (25.00): money back for a card it "
        "cancelled after it went out (a refund, not a discount)" in said
    ), said
    notes = " ".join(status["notes"])
    assert (
        "planned 100.00, the vendor shows 75.00; 1 row(s) of them the vendor ended after their card went "
        "out, charging 25.00 less than planned: money back (a refund, not a discount), held in their "
        "Discount column." in notes
    ), notes
    assert status["money"]["charged"]["total"] == "75.00", status["money"]
