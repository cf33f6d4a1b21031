"""Rows left waiting for review by a 201 showing fewer lines than were sent, settled by the order's later
reads once they show those lines by proof (ExternalId, card and recipient), never by sending again."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from support.vendor_proxy import VendorProxy, key_of, orders_rewritten, place

from bulkship import api
from bulkship.ledger import Ledger
from bulkship.track import track


def _shown(vendor: VendorProxy, change: dict[str, Any]) -> None:
    """Every answer about an order (the create's too) shows its first 2 lines while ``change['short']``;
    ``change['other']``: the 4th line, once shown, carries another recipient's name."""

    def rewrite(order: dict[str, Any]) -> None:
        lines = order[key_of(order, "LineItems")]
        if change["short"]:
            order[key_of(order, "LineItems")] = lines[:2]
        elif change.get("other") and len(lines) == 4:
            address = lines[3][key_of(lines[3], "PhysicalDeliveryAddress")]
            address[key_of(address, "Name")] = "Somebody Else"

    vendor.rewrite = orders_rewritten(rewrite, reads_only=False)


def test_rows_a_short_create_answer_left_waiting_are_ordered_once_a_read_shows_them(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    """The closing note of session 47 (4.): 4 rows sent in one order, the 201 and the read after it showing 2
    lines; the run: 2 ordered, 2 'needs review', 50.00 in doubt, exit 3. The vendor's later reads show all 4
    lines, and `track` left them waiting, 'needs attention', as did the same file run again, until a person
    typed `reconcile staff --settle-found`. `track` reads the order and settles them by proof: 4 ordered,
    100.00 charged, nothing in doubt, one POST in all."""
    change = {"short": True}
    _shown(vendor, change)
    result = place(vendor, tmp_path, [1, 2, 3, 4])
    assert (result.ordered_rows, result.review_rows, result.exit_code) == (2, 2, 3), result
    change["short"] = False
    settings = vendor.settings(tmp_path)
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    (status,) = api.status(settings, "staff")
    assert (status["state"], status["by_status"]) == ("sent", {"pending": 4}), status
    assert (Decimal(status["ordered_cost"]), Decimal(status["in_doubt_cost"])) == (Decimal(100), 0), status
    assert place(vendor, tmp_path, [1, 2, 3, 4]).exit_code == 0
    assert len(vendor.posts()) == 1 and len(vendor.external_ids()) == 4
    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        (event,) = ledger.events("staff", kinds=["review_settled_at_vendor"])
    assert event.detail["by"].startswith("bulkship") and event.detail["still_waiting"] == [], event.detail
    # the vendor readdresses a card so settled later: said, as of any row (a person's settling is not)
    change["other"] = True
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    (status,) = api.status(settings, "staff")
    assert status["by_status"] == {"pending": 3, "needs review": 1}, status


def test_a_row_a_later_read_shows_with_another_recipient_keeps_waiting(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    """The guard: the 4th line shown at last with another recipient proves nothing of its row: row 5 keeps
    waiting for a person, the 3rd is ordered; nothing is sent again."""
    change = {"short": True, "other": True}
    _shown(vendor, change)
    place(vendor, tmp_path, [1, 2, 3, 4])
    change["short"] = False
    settings = vendor.settings(tmp_path)
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    (status,) = api.status(settings, "staff")
    assert status["by_status"] == {"pending": 3, "needs review": 1}, status
    assert status["state"] == "needs attention" and len(vendor.posts()) == 1


def _delivered(vendor: VendorProxy, change: dict[str, Any]) -> None:
    """As :func:`_shown`, every line and the order Delivered: the 2 lines shown make the order final."""

    def rewrite(order: dict[str, Any]) -> None:
        if change["short"]:
            order[key_of(order, "LineItems")] = order[key_of(order, "LineItems")][:2]
        for line in order[key_of(order, "LineItems")]:
            line[key_of(line, "Status")] = "Delivered"
        order[key_of(order, "Status")] = "Delivered"

    vendor.rewrite = orders_rewritten(rewrite, reads_only=False)


@pytest.mark.parametrize("how", ["track", "run again"])
def test_rows_waiting_on_an_order_final_by_its_ordered_lines_are_settled_when_read_again(
    vendor: VendorProxy, tmp_path: Path, how: str
) -> None:
    """The lead's leftover 5 of session 48 (2.): the 2 lines a short 201 showed were delivered, the order
    final by its ordered lines: polled no more. The vendor then showed all 4 lines; `track` and the same file
    run again asked it nothing, the 2 rows 'needs review' and 50.00 in doubt for good, until `reconcile
    --settle-found`. An order with rows waiting for review is read again by either (--watch waits no longer
    for it): 4 ordered, nothing in doubt, one POST."""
    change = {"short": True}
    _delivered(vendor, change)
    result = place(vendor, tmp_path, [1, 2, 3, 4])
    assert (result.ordered_rows, result.review_rows) == (2, 2), result
    settings = vendor.settings(tmp_path)
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))  # the 2 lines: delivered, final
    change["short"] = False
    if how == "track":
        report = asyncio.run(
            track(settings, "staff", watch=True, client_factory=vendor.factory, max_passes=3)
        )
        assert report.passes == 1, report  # nothing left to wait for
    else:
        assert place(vendor, tmp_path, [1, 2, 3, 4]).exit_code == 0
    (status,) = api.status(settings, "staff")
    assert status["by_status"] == {"delivered": 4}, status
    assert Decimal(status["in_doubt_cost"]) == 0 and len(vendor.posts()) == 1, status
