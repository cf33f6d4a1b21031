"""A card the vendor makes again inside the same order (the row's line Cancelled without a parcel, a line
added with the same card, Shipped), over real HTTP (``support.vendor_proxy``): the row is the added line's,
never "no card was made"."""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path
from typing import Any

import pytest
from support.vendor_proxy import VendorProxy, key_of, orders_rewritten, place

from bulkship import api
from bulkship.sandbox.dialect import parse_dialect
from bulkship.track import track


def made_again(place_of_row: int, *, added_status: str = "Shipped") -> Any:
    """Every read of a 4-line order shows the line at ``place_of_row`` Cancelled without a parcel, and a line
    added after the others with the same card (Id '<its Id>-re') in ``added_status`` (with a parcel when
    Shipped), in the keys' casing the vendor writes."""

    def show(order: dict[str, Any]) -> None:
        lines = order[key_of(order, "LineItems")]
        if len(lines) != 4:
            return
        old = lines[place_of_row]
        again = copy.deepcopy(old)
        again[key_of(old, "Id")] = f"{old[key_of(old, 'Id')]}-re"
        again[key_of(old, "Status")] = added_status
        parcel = {"trackingNumber": "9400222", "carrier": "USPS", "shippedDate": "2026-12-02T10:00:00Z"}
        again[key_of(old, "Shipments")] = [parcel] if added_status == "Shipped" else []
        old.update({key_of(old, "Status"): "Cancelled", key_of(old, "Shipments"): []})
        lines.append(again)

    return orders_rewritten(show)


@pytest.mark.parametrize("added_status", ["Shipped", "Pending"])
@pytest.mark.parametrize("dialect", ["documented", "likely-real"])
def test_a_card_the_vendor_made_again_in_the_same_order_is_not_sent_a_third_time(
    tmp_path: Path, dialect: str, added_status: str
) -> None:
    """Found by hunter-vendor4: after the run, the vendor's reads showed E2's line Cancelled (no parcel) and
    a line added to the same order with E2's card (its ExternalId too, where echoed), Shipped with a
    tracking number: `track` read E2 'cancelled' and the next run sent BS-STAFF-0002 to E2, another card
    beside the one on its way. The added line is E2's: shipped, its tracking number shown, nothing sent."""
    with VendorProxy(tmp_path, dialect=parse_dialect(dialect)) as vendor:
        place(vendor, tmp_path, [1, 2, 3, 4])
        vendor.rewrite = made_again(1, added_status=added_status)
        settings = vendor.settings(tmp_path)
        asyncio.run(track(settings, "staff", client_factory=vendor.factory))
        place(vendor, tmp_path, [1, 2, 3, 4])
        assert len(vendor.orders()) == 1, [o["PONumber"] for o in vendor.orders()]
        (status,) = api.status(settings, "staff")
        expected = {"pending": 3, "shipped": 1} if added_status == "Shipped" else {"pending": 4}
        assert status["by_status"] == expected, status["by_status"]
        assert status["ordered_cost"] == "100.00", status
