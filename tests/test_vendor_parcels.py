"""A line's parcel written in shapes the contract does not show (it only assumes
``Shipments[].TrackingNumber``), over real HTTP (``support.vendor_proxy``): a line the vendor ended
Cancelled or Failed made no card only when it shows no parcel, and such a row is sent again, so a parcel
missed is a second card."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from support.vendor_proxy import Answer, Call, VendorProxy, place

from bulkship.client.parse import parse_order
from bulkship.ledger import Ledger
from bulkship.track import track

USPS = "9400111899223100000001"
LINK = "https://tools.usps.com/go/TrackConfirmAction?tLabels=" + USPS


def rows_of(settings: Any) -> dict[str, Any]:
    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        return {str(r.external_id): r for r in ledger.batch_rows("staff")}


def lines_said(status: str, line_fields: dict[str, Any]) -> Any:
    """Order reads showing every line with ``status`` and ``line_fields`` (its parcel), the order too."""

    def rewrite(call: Call) -> Answer:
        answer = call.forward()
        if call.method == "GET" and call.path.lower().startswith("/v1/orders/") and answer.status == 200:
            body = answer.json()
            body["Status"] = status
            for line in body["LineItems"]:
                line.pop("Shipments", None)
                line.update({"Status": status, **line_fields})
            return Answer.of(200, body)
        return answer

    return rewrite


PARCELS: dict[str, dict[str, Any]] = {
    "tracking object": {"Shipments": [{"Carrier": "USPS", "Tracking": {"Number": USPS, "Url": LINK}}]},
    "tracking numbers list": {"Shipments": [{"Carrier": "USPS", "TrackingNumbers": [USPS]}]},
    "tracking text": {"Shipment": {"carrier": "USPS", "tracking": USPS}},
    "packages": {"Packages": [{"Carrier": "USPS", "TrackingNumber": USPS}]},
    "on the line, nested": {"trackingInfo": {"trackingNumber": USPS, "trackingUrl": LINK}},
    "link only": {"Shipments": [{"Carrier": "USPS", "TrackingUrl": LINK}]},
}


@pytest.mark.parametrize("parcel", list(PARCELS.values()), ids=list(PARCELS))
def test_a_card_cancelled_after_it_shipped_is_never_sent_again_whatever_shape_its_parcel_has(
    vendor: VendorProxy, tmp_path: Path, parcel: dict[str, Any]
) -> None:
    """Found by hunter-vendor2: the vendor's first read after the run showed the line Cancelled (a card
    returned undeliverable and refunded) with its parcel as ``"Tracking": {"Number": ..., "Url": ...}``;
    only ``TrackingNumber`` was read, so the row read "no card was made" and every re-run sent another card
    (BS-STAFF-0002, -0003...). The parcel is read in these shapes, a tracking link alone shows one too."""
    settings = vendor.settings(tmp_path)
    place(vendor, tmp_path, [1])
    vendor.rewrite = lines_said("Cancelled", parcel)
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    row = rows_of(settings)["E1"]
    assert row.line_status == "cancelled"
    assert row.tracking_number == (USPS if "link only" not in str(parcel) else "") or row.tracking_url == LINK
    for _rerun in range(2):
        place(vendor, tmp_path, [1])
    assert vendor.external_ids() == ["E1"]  # no second card


def test_a_tracking_object_is_read_for_the_workbook() -> None:
    order = parse_order(
        {
            "id": "O1",
            "lineItems": [
                {"id": "L1", "status": "shipped", "shipments": [{"tracking": {"number": USPS, "url": LINK}}]}
            ],
        }
    )
    (shipment,) = order.line_items[0].shipments
    assert (shipment.tracking_number, shipment.tracking_url) == (USPS, LINK)


def test_a_line_cancelled_with_no_parcel_in_any_shape_is_still_sent_again_once(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    """A carrier's name or an empty tracking object is no parcel: the card was never made, held as cancelled
    at the vendor, and goes once with --allow-repeat."""
    settings = vendor.settings(tmp_path)
    place(vendor, tmp_path, [1])
    vendor.rewrite = lines_said("Cancelled", {"Shipments": [{"Carrier": "USPS", "Tracking": {"Number": ""}}]})
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    assert rows_of(settings)["E1"].line_status == "cancelled"
    assert place(vendor, tmp_path, [1]).held_cancelled == 1  # held: the vendor cancelled it (no card made)
    place(vendor, tmp_path, [1], allow_repeat=True)
    place(vendor, tmp_path, [1])
    assert vendor.external_ids() == ["E1", "E1"]


NO_PARCEL = {
    "tracking number N/A": {"Shipments": [{"Carrier": "USPS", "TrackingNumber": "N/A"}]},
    "tracking none": {"Tracking": "none"},
    "tracking numbers of dashes": {"Shipments": [{"Carrier": "USPS", "TrackingNumbers": ["-", "0"]}]},
    ".NET's date for none": {"Shipments": [{"TrackingNumber": None, "ShippedDate": "0001-01-01T00:00:00"}]},
    ".NET's empty Guid": {"Shipments": [{"TrackingId": "00000000-0000-0000-0000-000000000000"}]},
}


@pytest.mark.parametrize("said", list(NO_PARCEL.values()), ids=list(NO_PARCEL))
def test_a_line_cancelled_whose_parcel_fields_say_none_is_sent_again_once(
    vendor: VendorProxy, tmp_path: Path, said: dict[str, Any]
) -> None:
    """Found by review16 (after 6b43b37): a placeholder where the tracking number goes ('N/A', 'none', '-',
    '0') or the "0001-01-01T00:00:00" a .NET service writes for a date it does not have was read as a
    parcel, so a line the vendor cancelled before making the card read as a card made, and its person never
    got one (the row was not sent again). It is no parcel: the card goes once."""
    settings = vendor.settings(tmp_path)
    place(vendor, tmp_path, [1])
    vendor.rewrite = lines_said("Cancelled", said)
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    row = rows_of(settings)["E1"]
    assert row.line_status == "cancelled" and not row.tracking_number and not row.shipped_date
    assert place(vendor, tmp_path, [1]).held_cancelled == 1  # held: the vendor cancelled it (no card made)
    place(vendor, tmp_path, [1], allow_repeat=True)
    place(vendor, tmp_path, [1])
    assert vendor.external_ids() == ["E1", "E1"]


@pytest.mark.parametrize("came_back", ["Returned", "Returned To Sender", "UNDELIVERABLE"])
def test_an_untracked_card_that_came_back_then_was_refunded_is_not_sent_again_by_itself(
    vendor: VendorProxy, tmp_path: Path, came_back: str
) -> None:
    """Found by hunter-vendor2: a card mailed untracked (no parcel shown) that `track` read 'Returned', then
    'Refunded', was read as 'failed before anything shipped: no card was made' and the next run sent a new
    card to the address it had come back from (BS-STAFF-0002). A card shown come back was made."""
    settings = vendor.settings(tmp_path)
    place(vendor, tmp_path, [1])
    for status in (came_back, "Refunded"):
        vendor.rewrite = lines_said(status, {"Shipments": []})
        asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    row = rows_of(settings)["E1"]
    assert (row.status, (row.line_status or "").replace(" ", "")) == (
        "ordered",
        came_back.lower().replace(" ", ""),
    )
    place(vendor, tmp_path, [1])
    assert vendor.external_ids() == ["E1"]  # no second card


@pytest.mark.parametrize("out", ["PartiallyShipped", "Mailed"])
def test_a_line_some_of_whose_cards_went_out_is_never_unmade_by_a_later_cancel(
    vendor: VendorProxy, tmp_path: Path, out: str
) -> None:
    """A line of 2 cards shown 'PartiallyShipped' (or a card 'Mailed', untracked), then 'Cancelled' for what
    was left: cards went out, and the row is not sent again (its 2 cards were, before)."""
    settings = vendor.settings(tmp_path)
    place(vendor, tmp_path, [1])
    for status in (out, "Cancelled"):
        vendor.rewrite = lines_said(status, {"Shipments": []})
        asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    assert rows_of(settings)["E1"].line_status in ("partiallyshipped", "shipped")
    place(vendor, tmp_path, [1])
    assert vendor.external_ids() == ["E1"]


@pytest.mark.parametrize("between", ["Processing", "On Hold", "Pending"])
@pytest.mark.parametrize("made", ["Returned", "PartiallyShipped"])
def test_an_untracked_card_made_then_shown_in_process_again_then_refunded_is_not_sent_again(
    vendor: VendorProxy, tmp_path: Path, made: str, between: str
) -> None:
    """Found by hunter-vendor3: a status going backwards. A card mailed untracked that `track` read
    'Returned', then 'Processing' (recorded: 'Returned' has no rank to step back from), then 'Refunded' read
    'no card was made', and the next run sent BS-STAFF-0002 to the address it had come back from."""
    settings = vendor.settings(tmp_path)
    place(vendor, tmp_path, [1])
    for status in (made, between, "Refunded"):
        vendor.rewrite = lines_said(status, {"Shipments": []})
        asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    assert rows_of(settings)["E1"].line_status == made.lower()
    place(vendor, tmp_path, [1])
    assert vendor.external_ids() == ["E1"]  # no second card


def test_a_card_cancelled_after_its_parcel_went_out_says_why_it_is_not_sent_again(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    """Held back rather than sent twice, the row said nothing: 'cancelled', charged, no note, and a person
    whose card came back got no other without anyone noticing (hunter-vendor2, after H2)."""
    settings = vendor.settings(tmp_path)
    place(vendor, tmp_path, [1, 2])
    vendor.rewrite = lines_said("Cancelled", PARCELS["tracking object"])
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    result = place(vendor, tmp_path, [1, 2])
    assert vendor.external_ids() == ["E1", "E2"]
    sheet = list(openpyxl.load_workbook(result.output, read_only=True)["Results"].iter_rows(values_only=True))
    rows = {r[0]: dict(zip(sheet[0], r, strict=False)) for r in sheet[1:]}
    said = rows["E1"]["Problems / vendor error"] or ""
    assert "cancelled in order BS-STAFF-0001, but also its parcel (tracking " + USPS in said, said
    assert "not sent again by itself" in said and "--allow-repeat" in said


def order_parcels_said(named: str) -> Any:
    """Order reads showing every line Cancelled without a parcel, the parcels on the order: each naming its
    line (``named``: "line", by line Id; "external", by ExternalId), or none ("none"; "flat": the order's own
    TrackingNumber)."""

    def rewrite(call: Call) -> Answer:
        answer = call.forward()
        if call.method == "GET" and call.path.lower().startswith("/v1/orders/") and answer.status == 200:
            body = answer.json()
            body["Status"] = "Cancelled"
            parcels = []
            for line in body["LineItems"]:
                line.pop("Shipments", None)
                line["Status"] = "Cancelled"
                ref = {"line": {"LineItemId": line["Id"]}, "external": {"ExternalIds": [line["ExternalId"]]}}
                parcels.append({"Carrier": "USPS", "TrackingNumber": USPS, **ref.get(named, {})})
            if named == "flat":
                body["TrackingNumber"] = USPS
            else:
                body["Shipments"] = parcels[:1] if named == "none" else parcels
            return Answer.of(200, body)
        return answer

    return rewrite


@pytest.mark.parametrize("named", ["line", "external", "none", "flat"])
def test_a_card_whose_parcel_the_vendor_writes_on_the_order_is_never_sent_again(
    vendor: VendorProxy, tmp_path: Path, named: str
) -> None:
    """Found by hunter-vendor3: the vendor's read showed the line Cancelled with no parcel of its own and
    the order carrying `"Shipments": [{"LineItemId": ..., "TrackingNumber": ...}]`: only the line's parcels
    were read, the row read 'no card was made' and the next run sent BS-STAFF-0002. A parcel that names no
    line is every line's: which card went out is not said."""
    settings = vendor.settings(tmp_path)
    place(vendor, tmp_path, [1, 2])
    vendor.rewrite = order_parcels_said(named)
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    assert [r.tracking_number for r in rows_of(settings).values()] == [USPS, USPS]
    place(vendor, tmp_path, [1, 2])
    assert vendor.external_ids() == ["E1", "E2"]  # no second card


def test_an_order_level_parcel_naming_one_line_is_that_line_s_only(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    """The parcel names line E1: E2, cancelled before it shipped, made no card: held, sent once with
    --allow-repeat."""
    settings = vendor.settings(tmp_path)
    place(vendor, tmp_path, [1, 2])
    rewrite = order_parcels_said("external")

    def first_only(call: Call) -> Answer:
        answer = rewrite(call)
        body = answer.json() if answer.status == 200 and call.method == "GET" else None
        if isinstance(body, dict) and body.get("Shipments"):
            body["Shipments"] = body["Shipments"][:1]
            return Answer.of(200, body)
        return answer

    vendor.rewrite = first_only
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    assert [r.tracking_number for r in rows_of(settings).values()] == [USPS, None]
    # (the vendor asked again first: E2 still cancelled, no parcel); held without --allow-repeat
    assert place(vendor, tmp_path, [1, 2]).held_cancelled == 1
    place(vendor, tmp_path, [1, 2], allow_repeat=True)
    assert vendor.external_ids() == ["E1", "E2", "E2"]
