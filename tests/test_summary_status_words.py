"""The Summary's table of statuses says what each one means beside its count. A card the vendor cancelled
(or refunded) after it went out reads 'cancelled' on its row, and the table said "cancelled | 1 |", nothing
beside it: a finance person reconciling the vendor's invoice a month later had one row that meant nothing
(found by newcomer25 as a finance analyst, N3)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import openpyxl
from support.vendor_proxy import VendorProxy, key_of, orders_rewritten, place, second_line_shown

from bulkship.track import track


def _second_line_cancelled_after_it_shipped() -> Any:
    """BS-STAFF-0001's lines shipped, its second then cancelled at 0.00 (its money back), its third in a
    word of the vendor's own ('Held At Customs', shown as the vendor wrote it: said as the vendor's word)."""

    def customs(order: dict[str, Any]) -> None:
        third = order[key_of(order, "LineItems")][2]
        third[key_of(third, "Status")] = "Held At Customs"  # a word of the vendor's own

    return second_line_shown("Cancelled", 0.0, then=customs)


# what 'cancelled' means, true of a card that went out and of a line ended before it did (review65)
CANCELLED = (
    "the vendor ended it: see the row (after it went out: never sent again, money back where it charged "
    "less; before, no parcel: a re-run holds it, sent again only if you allow it)"
)


def _status_table(path: Path) -> dict[str, tuple[Any, Any]]:
    book = openpyxl.load_workbook(str(path), read_only=True)
    rows = [r for r in book["Summary"].iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r[:3] == ("Status", "Rows", "What it means"))
    table = {}
    for row in rows[start + 1 :]:
        if not row or not isinstance(row[1], int):
            break
        table[row[0]] = (row[1], row[2])
    return table


def test_a_card_cancelled_after_it_went_out_is_said_beside_its_count(tmp_path: Path) -> None:
    with VendorProxy(tmp_path) as vendor:
        first = place(vendor, tmp_path, [1, 2, 3, 4])
        vendor.rewrite = _second_line_cancelled_after_it_shipped()
        asyncio.run(track(vendor.settings(tmp_path), "staff", client_factory=vendor.factory))
    table = _status_table(first.output)
    assert table["cancelled"] == (1, CANCELLED)
    assert table["held at customs"] == (1, "the vendor's own word for the card: see the row")
    assert table["shipped"][0] == 2


def _second_line_cancelled_before_it_went_out() -> Any:
    """BS-STAFF-0001's second line ended Cancelled with no parcel: no card made, sent again by a re-run
    (test_vendor_parcels)."""

    def change(order: dict[str, Any]) -> None:
        if order.get(key_of(order, "PONumber")) != "BS-STAFF-0001":
            return
        line = order[key_of(order, "LineItems")][1]
        line[key_of(line, "Status")] = "Cancelled"
        line["Shipments"] = []

    return orders_rewritten(change)


def test_a_line_cancelled_before_it_went_out_is_said_to_be_held_by_a_re_run(tmp_path: Path) -> None:
    """Found by review65 checking a5865f11: a line the vendor ended with no parcel (never went out) read 'the
    vendor ended it after it went out (money back ...); never sent again by itself' on the Summary, false
    twice. Then the words said "a re-run sends it again", untrue since 05b54c98 (a re-run holds it: a
    cancellation may be one the company asked for): the re-run below holds the row, and the table says so
    (the lead, session 52)."""
    with VendorProxy(tmp_path) as vendor:
        first = place(vendor, tmp_path, [1, 2, 3, 4])
        vendor.rewrite = _second_line_cancelled_before_it_went_out()
        asyncio.run(track(vendor.settings(tmp_path), "staff", client_factory=vendor.factory))
        count, meaning = _status_table(first.output)["cancelled"]
        again = place(vendor, tmp_path, [1, 2, 3, 4])
    assert count == 1
    assert "before, no parcel: a re-run holds it, sent again only if you allow it" in meaning, meaning
    assert "sends it again" not in meaning, meaning
    assert "never sent again by itself" not in meaning, meaning
    assert _status_table(again.output)["held"][0] == 1
