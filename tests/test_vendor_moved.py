"""A card the vendor moves out of an order bulkship sent into an order of its own (an order split under the
same PONumber, a line re-created elsewhere), over real HTTP (``support.vendor_proxy``): the line left
behind reads Cancelled with no parcel, and its row must not be sent again while the other order holds it."""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path
from typing import Any

import pytest
from support.vendor_proxy import Answer, Call, VendorProxy, place

from bulkship.track import track


def moved(ref: str, *, status: str = "Pending", same_po: bool = True) -> Any:
    """The vendor's reads show line ``ref`` Cancelled in the order sent, and its list an order of the
    vendor's own (Id '<id>-B', under the same PONumber or another) holding that line in ``status``."""

    def split(order: dict[str, Any]) -> dict[str, Any]:
        other = copy.deepcopy(order)
        other["Id"] = order["Id"] + "-B"
        other["PONumber"] = order["PONumber"] if same_po else "VENDOR-BACKORDER-77"
        other["LineItems"] = [
            {**li, "Id": li["Id"] + "-B", "Status": status}
            for li in order["LineItems"]
            if li["ExternalId"] == ref
        ]
        return other

    def left(order: dict[str, Any]) -> dict[str, Any]:
        for line in order["LineItems"]:
            if line["ExternalId"] == ref:
                line.update(Status="Cancelled", Shipments=[])
        return order

    def rewrite(call: Call) -> Answer:
        answer = call.forward()
        path = call.path.lower()
        if call.method != "GET" or not path.startswith("/v1/orders") or answer.status != 200:
            return answer
        body = answer.json()
        if path != "/v1/orders":
            return Answer.of(200, left(body))
        listed = body["Data"]
        extra = [split(o) for o in listed if any(li["ExternalId"] == ref for li in o["LineItems"])]
        body["Data"] = [left(o) for o in listed] + extra
        body["TotalCount"] = len(body["Data"])
        return Answer.of(200, body)

    return rewrite


@pytest.mark.parametrize("same_po", [True, False], ids=["same PO", "another PO"])
def test_a_card_the_vendor_moved_to_an_order_of_its_own_is_not_sent_again(
    vendor: VendorProxy, tmp_path: Path, same_po: bool
) -> None:
    """Found by hunter-vendor3: the vendor split BS-STAFF-0001, E3's line left Cancelled (no parcel) and
    E3's card in its order '...-B' (Pending): `track` read E3 'cancelled', and the next run sent it again in
    BS-STAFF-0002, a second card; `reconcile` said so afterwards ('a second order under this PO')."""
    settings = vendor.settings(tmp_path)
    place(vendor, tmp_path, [1, 2, 3, 4])
    vendor.rewrite = moved("E3", same_po=same_po)
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    again = place(vendor, tmp_path, [1, 2, 3, 4])
    assert vendor.external_ids() == ["E1", "E2", "E3", "E4"]  # no second card
    assert again.stopped is not None and "may have moved there" in again.stopped.message, again.stopped


def test_a_card_the_vendor_moved_and_failed_there_too_is_sent_again_once(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    """The vendor's own order shows the moved line cancelled as well: no card anywhere, the row is held as
    cancelled at the vendor and goes once with --allow-repeat."""
    settings = vendor.settings(tmp_path)
    place(vendor, tmp_path, [1, 2, 3, 4])
    vendor.rewrite = moved("E3", status="Cancelled")
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    assert place(vendor, tmp_path, [1, 2, 3, 4]).held_cancelled == 1  # cancelled at the vendor: held
    place(vendor, tmp_path, [1, 2, 3, 4], allow_repeat=True)
    assert vendor.external_ids() == ["E1", "E2", "E3", "E3", "E4"]


def _page_two_busy(listed: Any) -> Any:
    """The vendor's order list (``listed``, a rewrite) read but not to its end: the page after the first
    answers 'busy', and the orders the vendor made itself (Id '<id>-B') would have been there."""

    def rewrite(call: Call) -> Answer:
        if call.method != "GET" or call.path.lower() != "/v1/orders":
            return listed(call)
        if call.query.get("pageIndex", "1") != "1":
            return Answer.of(200, {"Message": "busy"})
        body = listed(call).json()
        body["Data"] = [o for o in body["Data"] if not str(o["Id"]).endswith("-B")]
        body["PageSize"], body["TotalCount"] = len(body["Data"]), len(body["Data"]) + 1
        return Answer.of(200, body)

    return rewrite


@pytest.mark.parametrize("unread", ["503", "page 2 busy"])
def test_a_card_the_vendor_moved_is_not_sent_again_past_the_resume_check_while_its_list_is_down(
    vendor: VendorProxy, tmp_path: Path, unread: str
) -> None:
    """Found by hunter-vendor13 (hunter-vendor12's L2): the look for a moved card took an order list
    answering 503 as 'nothing moved'; the resume check stopped the run, and its own way on, --allow-repeat,
    sent E3 again beside the card the vendor moved: a second card. E3 waits until the list answers. Found
    by review27 (after e89e95f): the same with a list read but not to its end, the moved order on a page
    answering 'busy'."""
    from support import write_sheet

    from bulkship.pipeline import run_batch

    settings = vendor.settings(tmp_path)
    place(vendor, tmp_path, [1, 2, 3, 4])
    moved_e3 = moved("E3", same_po=False)
    vendor.rewrite = moved_e3
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    down = Answer.of(503, {"Message": "down"})
    vendor.rewrite = (
        (lambda call: down if call.method == "GET" and call.path.lower() == "/v1/orders" else moved_e3(call))
        if unread == "503"
        else _page_two_busy(moved_e3)
    )
    sheet = write_sheet(tmp_path / "staff.csv", [1, 2, 3, 4])
    again = run_batch(
        sheet, settings, wait_s=0, client_factory=vendor.factory, batch="staff", allow_repeat=True
    )
    assert vendor.external_ids() == ["E1", "E2", "E3", "E4"]  # no second card
    assert again.exit_code == 1 and "to see whether it moved the card" in str(again.stopped), again.stopped


def test_a_card_the_vendor_moved_is_said_moved_not_cancelled_on_every_surface(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    """hunter-vendor40's leftover 2: E3's card moved into the vendor's own order, its line left behind
    'Cancelled': the run stopped (not sent again: right), but its row said "The vendor cancelled this card's
    line ... A re-run holds it ... To send it after all, re-run with --allow-repeat", the run's last lines
    counted it as failed (or cancelled), and validate held it as cancelled. Once a run reads the move, each
    says the card went to that order."""
    from bulkship import api

    settings = vendor.settings(tmp_path)
    place(vendor, tmp_path, [1, 2, 3, 4])
    vendor.rewrite = moved("E3")
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    again = place(vendor, tmp_path, [1, 2, 3, 4])
    assert (again.no_card_moved, again.no_card_held, again.no_card_rows, again.held_cancelled) == (1, 0, 0, 0)
    (said,) = [line for line in api.export_csv(settings, "staff").read_text().splitlines() if "E3" in line]
    assert "The vendor moved this card out of order BS-STAFF-0001 into its order" in said, said
    assert "--allow-repeat does not either" in said and "A re-run holds it" not in said, said
    place(vendor, tmp_path, [1, 2, 3, 4], allow_repeat=True)
    assert vendor.external_ids() == ["E1", "E2", "E3", "E4"]  # no second card, as before


def test_a_card_the_vendor_moved_is_said_moved_right_after_track(vendor: VendorProxy, tmp_path: Path) -> None:
    """hunter-vendor41's leftover 1: `track` read E3's line left behind 'Cancelled' and its row said "The
    vendor cancelled this card's line ... To send it after all, re-run with --allow-repeat" until the next
    run read the vendor's order list. `track` reads the list when a line it reads ends without a card."""
    from bulkship import api

    settings = vendor.settings(tmp_path)
    place(vendor, tmp_path, [1, 2, 3, 4])
    vendor.rewrite = moved("E3")
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    (said,) = [line for line in api.export_csv(settings, "staff").read_text().splitlines() if "E3" in line]
    assert "The vendor moved this card out of order BS-STAFF-0001 into its order" in said, said
    assert "--allow-repeat does not either" in said and "A re-run holds it" not in said, said


def test_a_card_the_vendor_moved_is_said_moved_after_track_when_a_webhook_read_its_line(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    """review78 on 088d3546: E3's line read 'Cancelled' by a webhook (the order's FulfillmentComplete read
    and recorded) before `track`: the pass found nothing new on that order, read no list, and E3 said "The
    vendor cancelled this card's line ... re-run with --allow-repeat" until the next run. A line read
    cancelled since the list was last read has it read."""
    from bulkship import api
    from bulkship.ledger import Ledger
    from bulkship.track import refresh_order

    settings = vendor.settings(tmp_path)
    place(vendor, tmp_path, [1, 2, 3, 4])
    vendor.rewrite = moved("E3")

    async def webhook_read() -> None:
        async with vendor.factory(settings) as client:
            with Ledger.open(settings.ledger_location, lock=False) as ledger:
                (order,) = ledger.orders("staff")
                await refresh_order(client, ledger, order, source="webhook")

    asyncio.run(webhook_read())
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    (said,) = [line for line in api.export_csv(settings, "staff").read_text().splitlines() if "E3" in line]
    assert "The vendor moved this card out of order BS-STAFF-0001 into its order" in said, said
