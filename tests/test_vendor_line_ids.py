"""A vendor that echoes no ExternalId and numbers an order's lines by their place ('1', '2', ...), over real
HTTP (``support.vendor_proxy``, the likely-real dialect): once it lists the lines in another order, an Id
names another row's line, and must not give a row another's status."""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path
from typing import Any

from support.vendor_proxy import VendorProxy, key_of, orders_rewritten

from bulkship import api
from bulkship.pipeline import run_batch
from bulkship.sandbox.dialect import parse_dialect
from bulkship.track import track

HEADER = ["Employee ID", "Name", "Address", "City", "State", "ZIP", "Card", "Amount"]
PEOPLE = [
    ["M1", "Ann One", "1 Gum St", "Boston", "MA", "02134", "CVS", "25"],
    ["M2", "Bob Two", "2 Gum St", "Boston", "MA", "02134", "CVS", "50"],
    ["M3", "Cy Three", "3 Gum St", "Boston", "MA", "02134", "CVS", "25"],
    ["M4", "Di Four", "4 Gum St", "Boston", "MA", "02134", "CVS", "25"],
]


def numbered(sorted_by_status: list[bool]) -> Any:
    """Every order answered with its lines' Ids numbered by place; once ``sorted_by_status[0]``, the first
    line (M1's) Shipped with a parcel, the second (M2's) Cancelled without one, listed cancelled first."""

    def show(order: dict[str, Any]) -> None:
        lines = order[key_of(order, "LineItems")]
        if sorted_by_status[0] and len(lines) == len(PEOPLE):
            first, second = lines[0], lines[1]
            parcel = {"trackingNumber": "9400111", "carrier": "USPS", "shippedDate": "2026-12-02T10:00:00Z"}
            first.update({key_of(first, "Status"): "Shipped", key_of(first, "Shipments"): [parcel]})
            second.update({key_of(second, "Status"): "Cancelled", key_of(second, "Shipments"): []})
            lines[:2] = [second, first]
        for place, line in enumerate(lines):
            line[key_of(line, "Id")] = str(place + 1)

    return orders_rewritten(show, reads_only=False)


def test_line_ids_numbered_by_place_in_an_order_listed_otherwise_give_no_row_another_s_status(
    tmp_path: Path,
) -> None:
    """Found by hunter-vendor4: line Ids '1'..'4' recorded at the create; a later read listed M2's line
    (CVS 50, Cancelled) first as '1' and M1's (CVS 25, Shipped, tracking 9400111) as '2'. `track` gave M1
    the cancelled line and M2 the shipped one: the next run sent M1 a second card (BS-MIX-0002) while M2,
    whose card was cancelled, read 'shipped' with M1's tracking number and never got one. An Id now on
    another card proves no row's line: rows are tied by their cards alone (M2's is the only CVS 50)."""
    sheet = tmp_path / "mix.csv"
    with sheet.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *PEOPLE])
    sorted_by_status = [False]
    with VendorProxy(tmp_path, dialect=parse_dialect("likely-real")) as vendor:
        vendor.rewrite = numbered(sorted_by_status)
        settings = vendor.settings(tmp_path)
        first = run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory, batch="mix")
        assert first.ordered_rows == 4, first.by_status
        sorted_by_status[0] = True
        asyncio.run(track(settings, "mix", client_factory=vendor.factory))
        held = run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory, batch="mix")
        assert held.held_cancelled == 1, held.by_status  # M2's: cancelled at the vendor, not undone
        run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory, batch="mix", allow_repeat=True)
        sent = sorted(
            (li["PhysicalDeliveryAddress"]["Name"], li["Value"])
            for order in vendor.orders()
            for li in order["LineItems"]
        )
        # M2's cancelled card sent again (--allow-repeat); M1, whose card shipped, never twice
        assert sent == sorted([(p[1], float(p[7])) for p in PEOPLE] + [("Bob Two", 50.0)]), sent
        (status,) = api.status(settings, "mix")
        assert status["ordered_cost"] == "125.00", status


def test_line_ids_are_still_trusted_when_the_vendor_leaves_the_card_out_of_its_lines() -> None:
    """A vendor whose reads show each line's Id and status but neither its product nor its amount: the Ids
    recorded at the create still tie the rows (a field left out is no other card)."""
    from dataclasses import dataclass

    from bulkship.client.parse import parse_order
    from bulkship.linematch import lines_of_rows

    @dataclass
    class Row:
        external_id: str | None
        line_index: int
        line_item_id: str

    sent = [
        {"ProductId": "CVS", "Value": 25, "Quantity": 1},
        {"ProductId": "CVS", "Value": 50, "Quantity": 1},
    ]
    shown = parse_order(
        {"Id": "A", "LineItems": [{"Id": "L2", "Status": "Shipped"}, {"Id": "L1", "Status": "Cancelled"}]}
    )
    rows = [Row(None, 0, "L1"), Row(None, 1, "L2")]
    lines = lines_of_rows(rows, shown, sent=lambda: sent)
    assert [line.id for line in lines] == ["L1", "L2"]
