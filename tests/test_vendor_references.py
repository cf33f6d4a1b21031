"""ExternalIds a vendor echoes with a prefix of its own on its reads ('ACME-E2' for E2), over real HTTP
(``support.vendor_proxy``): each row still follows its line, and one whose card was cancelled goes again."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from support import write_sheet
from support.vendor_proxy import VendorProxy, key_of, orders_rewritten, place

from bulkship import api
from bulkship.client.parse import parse_order
from bulkship.pipeline import run_batch
from bulkship.references import unprefixed
from bulkship.track import track


def prefixed(prefix: str, cut: int | None = None) -> Any:
    """Every read of a 4-line order echoes each ExternalId after ``prefix``; E2's line Cancelled without a
    parcel, the others Delivered."""

    def show(order: dict[str, Any]) -> None:
        if len(order["LineItems"]) != 4:
            return
        for line in order["LineItems"]:
            cancelled = line["ExternalId"].startswith("E2")
            line["ExternalId"] = (prefix + line["ExternalId"])[:cut]
            parcel = {"TrackingNumber": f"94{line['Id']}"[-12:], "DeliveredDate": "2026-12-03"}
            line.update(
                Status="Cancelled" if cancelled else "Delivered", Shipments=[] if cancelled else [parcel]
            )

    return orders_rewritten(show)


def cut_to(length: int) -> Any:
    """Every read of a 4-line order echoes each ExternalId cut to ``length``; the line of E2... Cancelled
    without a parcel, the others Delivered."""
    return prefixed("", cut=length)


def test_references_echoed_with_a_prefix_still_tie_each_row_to_its_line(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    """Found by hunter-vendor4: the vendor's reads echoed 'ACME-E1'... for the E1... sent: `track` said
    "4 pending (1 orders still moving)" at every pass, the three delivered and E2, whose card the vendor
    cancelled, alike; E2 was never sent again (a person without a card, nothing said). Each row now follows
    its line: 3 delivered, E2 cancelled, held, and sent again once with --allow-repeat."""
    place(vendor, tmp_path, [1, 2, 3, 4])
    vendor.rewrite = prefixed("ACME-")
    settings = vendor.settings(tmp_path)
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    (status,) = api.status(settings, "staff")
    assert status["by_status"] == {"cancelled": 1, "delivered": 3}, status["by_status"]
    assert place(vendor, tmp_path, [1, 2, 3, 4]).held_cancelled == 1  # held as cancelled at the vendor
    place(vendor, tmp_path, [1, 2, 3, 4], allow_repeat=True)
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


@pytest.mark.parametrize(
    ("shown", "read"),
    [
        (["STAFF-2026-a1b2", "STAFF-2026-c3d4"], ["STAFF-2026-a1b2c3", "STAFF-2026-c3d4e5"]),
        (["STAFF-2026-", "STAFF-2026-"], ["STAFF-2026-", "STAFF-2026-"]),  # a cut both share: none's
        (["STAFF", "STAFF-2026-c3d4"], ["STAFF", "STAFF-2026-c3d4"]),  # too short to prove anything
    ],
)
def test_a_reference_cut_to_the_vendor_s_length_is_read_only_when_proven(
    shown: list[str], read: list[str]
) -> None:
    lines = [
        {"Id": str(n), "ExternalId": ref, "ProductId": "CVS", "Value": 25} for n, ref in enumerate(shown)
    ]
    order = parse_order({"Id": "A", "PONumber": "BS-X-0001", "LineItems": lines})
    items = [{"ExternalId": "STAFF-2026-a1b2c3"}, {"ExternalId": "STAFF-2026-c3d4e5"}]
    assert [li.external_id for li in unprefixed(order, items).line_items] == read


def test_references_cut_on_reads_still_tie_each_row_to_its_line(vendor: VendorProxy, tmp_path: Path) -> None:
    """The vendor's reads cut each ExternalId to 10 characters ('E2-REFEREN' for 'E2-REFERENCE-2026'), E2's
    line Cancelled: before, "4 pending" at every pass and E2 never sent again."""
    settings = vendor.settings(tmp_path)
    sheet = write_sheet(tmp_path / "staff.csv", [1, 2, 3, 4], id_format="E{}-REFERENCE-2026")
    run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory, batch="staff")
    vendor.rewrite = cut_to(10)
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    (status,) = api.status(settings, "staff")
    assert status["by_status"] == {"cancelled": 1, "delivered": 3}, status["by_status"]


def one_line_unechoed(how: str) -> Any:
    """Every read shows E2's line Cancelled (no parcel) without its ExternalId (``how``: null, blank, or
    null and no line Id either), the others Delivered with a parcel, echoing theirs."""

    def show(order: dict[str, Any]) -> None:
        if not str(order.get(key_of(order, "PONumber"))).endswith("-0001"):
            return  # the first order only (E2 sent again is another order)
        for line in order[key_of(order, "LineItems")]:
            if line.get(key_of(line, "ExternalId")) == "E2":
                line[key_of(line, "ExternalId")] = "" if how == "blank" else None
                if how == "no line id":
                    line.pop(key_of(line, "Id"), None)
                line[key_of(line, "Status")] = "Cancelled"
                line.pop(key_of(line, "Shipments"), None)
            else:
                line[key_of(line, "Status")] = "Delivered"
                parcel = {
                    "TrackingNumber": f"9400{line[key_of(line, 'ExternalId')]}",
                    "DeliveredDate": "2026-12-03",
                }
                line[key_of(line, "Shipments")] = [parcel]
        order[key_of(order, "Status")] = "Complete"

    return orders_rewritten(show)


@pytest.mark.parametrize("how", ["null", "blank", "no line id"])
def test_the_one_line_the_vendor_shows_without_its_external_id_is_the_row_s(
    vendor: VendorProxy, tmp_path: Path, how: str
) -> None:
    """Found by hunter-vendor5: the vendor's reads echoed E1, E3, E4 and showed E2's line (Cancelled, no
    parcel) without its ExternalId: `track` said "3 delivered, 1 pending (1 orders still moving)" at every
    pass and the next run "already complete": E2's person never got a card, nothing said. The one row no line
    is tied to takes the one card line showing no ExternalId (its recorded line Id, or none shown, and its
    card): E2 reads cancelled, is held, and is sent again once with --allow-repeat."""
    place(vendor, tmp_path, [1, 2, 3, 4])
    vendor.rewrite = one_line_unechoed(how)
    settings = vendor.settings(tmp_path)
    report = asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    assert report.done, report
    (status,) = api.status(settings, "staff")
    assert status["by_status"] == {"delivered": 3, "cancelled": 1}, status["by_status"]
    assert place(vendor, tmp_path, [1, 2, 3, 4]).held_cancelled == 1  # held as cancelled at the vendor
    again = place(vendor, tmp_path, [1, 2, 3, 4], allow_repeat=True)
    assert again.sent_orders == 1 and sorted(vendor.external_ids()) == ["E1", "E2", "E2", "E3", "E4"]
    place(vendor, tmp_path, [1, 2, 3, 4])
    assert len(vendor.orders()) == 2  # once, not at every run
    # reconcile reads the line as track does: not "E2 sent / missing at the vendor"
    compared = api.reconcile_batch(settings, "staff", client_factory=vendor.factory)
    assert not [m for m in compared.mismatches if m.what == "lines"], compared.mismatches


def test_a_line_without_external_id_showing_another_card_is_not_the_row_s(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    """The same, but the unechoed line shows another card than E2's: nothing ties it, E2 keeps what was
    recorded and is not sent again."""
    show = one_line_unechoed("null")

    def other(call: Any) -> Any:
        answer = show(call)
        body = answer.json()
        if isinstance(body, dict) and "LineItems" in body:
            for line in body["LineItems"]:
                if not line.get("ExternalId"):
                    line["ProductId"] = "TARGET"
            answer.body = json.dumps(body).encode()
        return answer

    place(vendor, tmp_path, [1, 2, 3, 4])
    vendor.rewrite = other
    asyncio.run(track(vendor.settings(tmp_path), "staff", client_factory=vendor.factory))
    assert place(vendor, tmp_path, [1, 2, 3, 4]).sent_orders == 0
