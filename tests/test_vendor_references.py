"""ExternalIds a vendor echoes with a prefix of its own on its reads ('ACME-E2' for E2), over real HTTP
(``support.vendor_proxy``): each row still follows its line, and one whose card was cancelled goes again."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from support.vendor_proxy import Answer, Call, VendorProxy, place

from bulkship import api
from bulkship.client.parse import parse_order
from bulkship.references import unprefixed
from bulkship.track import track


def prefixed(prefix: str) -> Any:
    """Every read of a 4-line order echoes each ExternalId after ``prefix``; E2's line Cancelled without a
    parcel, the others Delivered."""

    def show(order: dict[str, Any]) -> None:
        if len(order["LineItems"]) != 4:
            return
        for line in order["LineItems"]:
            cancelled = line["ExternalId"] == "E2"
            line["ExternalId"] = prefix + line["ExternalId"]
            parcel = {"TrackingNumber": f"94{line['Id']}"[-12:], "DeliveredDate": "2026-12-03"}
            line.update(
                Status="Cancelled" if cancelled else "Delivered", Shipments=[] if cancelled else [parcel]
            )

    def rewrite(call: Call) -> Answer:
        answer = call.forward()
        if call.method != "GET" or not call.path.lower().startswith("/v1/orders") or answer.status >= 300:
            return answer
        body = answer.json()
        for order in body.get("Data", [body]):
            show(order)
        return Answer.of(200, body)

    return rewrite


def test_references_echoed_with_a_prefix_still_tie_each_row_to_its_line(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    """Found by hunter-vendor4: the vendor's reads echoed 'ACME-E1'... for the E1... sent: `track` said
    "4 pending (1 orders still moving)" at every pass, the three delivered and E2, whose card the vendor
    cancelled, alike; E2 was never sent again (a person without a card, nothing said). Each row now follows
    its line: 3 delivered, E2 cancelled and sent again once."""
    place(vendor, tmp_path, [1, 2, 3, 4])
    vendor.rewrite = prefixed("ACME-")
    settings = vendor.settings(tmp_path)
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    (status,) = api.status(settings, "staff")
    assert status["by_status"] == {"cancelled": 1, "delivered": 3}, status["by_status"]
    place(vendor, tmp_path, [1, 2, 3, 4])
    assert vendor.external_ids() == ["E1", "E2", "E2", "E3", "E4"]


@pytest.mark.parametrize(
    ("shown", "read"),
    [
        (["ACME-E1", "ACME-E2"], ["E1", "E2"]),
        (["ACME-E1", "XE2"], ["ACME-E1", "XE2"]),  # 'XE2' is no E2 after a separator: nothing is read
        (["ACME-E1", "E1"], ["ACME-E1", "E1"]),  # E1 shown as sent too: which line is E1's is not proven
        (["E1", "E2"], ["E1", "E2"]),
    ],
)
def test_a_prefixed_reference_is_read_only_when_proven(shown: list[str], read: list[str]) -> None:
    lines = [
        {"Id": str(n), "ExternalId": ref, "ProductId": "CVS", "Value": 25} for n, ref in enumerate(shown)
    ]
    order = parse_order({"Id": "A", "PONumber": "BS-X-0001", "LineItems": lines})
    items = [{"ExternalId": "E1"}, {"ExternalId": "E2"}]
    assert [li.external_id for li in unprefixed(order, items).line_items] == read
