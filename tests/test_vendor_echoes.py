"""A create answer whose line, echoing the row's ExternalId, shows another card, amount or recipient than
was sent, over real HTTP (``support.vendor_proxy``): the card the vendor made is not the row's, so the row is
never shown ordered for it, nor sent again: it waits for a person."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.vendor_proxy import VendorProxy, orders_rewritten, place

from bulkship import api
from bulkship.ledger import Ledger


def second_line_shows(**shown: Any) -> Any:
    """Every order the vendor answers shows its line for E2 with ``shown`` (another card, amount)."""

    def show(order: dict[str, Any]) -> None:
        for line in order["LineItems"]:
            if line.get("ExternalId") == "E2":
                line.update(shown)

    return orders_rewritten(show, reads_only=False)  # the create's answer too


@pytest.mark.parametrize(
    "shown",
    [{"ProductId": "TARGET", "Value": 50.0, "Cost": 50.0}, {"ProductId": "TARGET"}, {"Value": 10.0}],
    ids=["card and amount", "card", "amount"],
)
def test_a_line_echoing_the_row_with_another_card_waits_for_review(
    vendor: VendorProxy, tmp_path: Path, shown: dict[str, Any]
) -> None:
    """Found by hunter-vendor3: the vendor's answer showed row E2's line (its ExternalId) as a TARGET 50.00
    card where CVS 25.00 was sent: the row read 'pending', ordered, charged, and only `reconcile` said
    otherwise (nothing at all when the cost was the same). Its card was made, so it is not sent again."""
    vendor.rewrite = second_line_shows(**shown)
    result = place(vendor, tmp_path, [1, 2, 3])
    with Ledger.open(vendor.settings(tmp_path).ledger_location, lock=False) as ledger:
        rows = {r.external_id: r for r in ledger.batch_rows("staff")}
    assert [rows[e].status for e in ("E1", "E2", "E3")] == ["ordered", "review", "ordered"]
    assert "another card or amount than was sent" in (rows["E2"].error or ""), rows["E2"].error
    assert "sent CVS 25.00" in (rows["E2"].error or "")
    assert result.by_status.get("needs review") == 1, result.by_status
    place(vendor, tmp_path, [1, 2, 3])
    assert vendor.external_ids() == ["E1", "E2", "E3"]  # nothing sent again


def readdressed(**address: Any) -> Any:
    """Every order the vendor answers shows E2's line (its ExternalId) with ``address`` in its delivery
    address: a card the vendor sends elsewhere than the list said."""

    def show(order: dict[str, Any]) -> None:
        for line in order["LineItems"]:
            if line.get("ExternalId") == "E2":
                line["PhysicalDeliveryAddress"].update(address)

    return orders_rewritten(show, reads_only=False)


@pytest.mark.parametrize(
    "address",
    [{"AddressLine1": "200 Elm St", "Zip": "02135"}, {"Zip": "02135-1234"}, {"Name": "Someone Else"}],
    ids=["street and zip", "zip", "name"],
)
def test_a_line_echoing_the_row_with_another_recipient_waits_for_review(
    vendor: VendorProxy, tmp_path: Path, address: dict[str, Any]
) -> None:
    """Found by hunter-vendor5: the vendor's answer showed row E2's line (its ExternalId) going to 200 Elm St,
    02135 where 3 Main St, 02134 was sent: the row read 'pending', ordered, and `reconcile` said "Everything
    matches". The row now waits for a person (its card was made: never sent again) and reconcile says the
    recipient differs."""
    vendor.rewrite = readdressed(**address)
    result = place(vendor, tmp_path, [1, 2, 3])
    with Ledger.open(vendor.settings(tmp_path).ledger_location, lock=False) as ledger:
        rows = {r.external_id: r for r in ledger.batch_rows("staff")}
    assert [rows[e].status for e in ("E1", "E2", "E3")] == ["ordered", "review", "ordered"]
    assert "another recipient than was sent" in (rows["E2"].error or ""), rows["E2"].error
    assert result.by_status.get("needs review") == 1, result.by_status
    place(vendor, tmp_path, [1, 2, 3])
    assert vendor.external_ids() == ["E1", "E2", "E3"]  # nothing sent again
    report = api.reconcile_batch(vendor.settings(tmp_path), "staff", client_factory=vendor.factory)
    assert [(m.what, m.line) for m in report.mismatches] == [("recipient", "E2")], report.mismatches


def test_a_line_echoing_the_row_with_its_address_as_a_vendor_standardises_it_is_ordered(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    """The same recipient written the USPS way (capitals, 'STREET' as 'ST', ZIP+4) is the row's: ordered."""
    vendor.rewrite = readdressed(Name="PERSON 2", AddressLine1="3 MAIN STREET", Zip="02134-0001")
    result = place(vendor, tmp_path, [1, 2, 3])
    assert result.by_status == {"pending": 3}, result.by_status
    report = api.reconcile_batch(vendor.settings(tmp_path), "staff", client_factory=vendor.factory)
    assert not report.mismatches, report.mismatches


def test_a_line_echoing_the_row_with_more_cards_than_sent_waits_for_review(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    """Found by hunter-vendor5: the create answer showed E2's line with Quantity 2 (sent 1), cost 50.00: the
    row read 'pending', ordered, only "costs differ from the plan" said; reconcile "quantity sent 1 vs vendor
    2". The vendor made a card nobody asked for: the row waits for a person, never sent again."""
    vendor.rewrite = second_line_shows(Quantity=2, Cost=50.0)
    result = place(vendor, tmp_path, [1, 2, 3])
    with Ledger.open(vendor.settings(tmp_path).ledger_location, lock=False) as ledger:
        rows = {r.external_id: r for r in ledger.batch_rows("staff")}
    assert [rows[e].status for e in ("E1", "E2", "E3")] == ["ordered", "review", "ordered"]
    assert "CVS 25.00 x 2, sent x 1" in (rows["E2"].error or ""), rows["E2"].error
    assert result.by_status.get("needs review") == 1, result.by_status
    place(vendor, tmp_path, [1, 2, 3])
    assert vendor.external_ids() == ["E1", "E2", "E3"]
