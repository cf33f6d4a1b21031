"""A later read (track) showing a row's line, tied by its ExternalId, with another card, amount or recipient
than was sent, over real HTTP (``support.vendor_proxy``): as for the create's answer
(tests/test_vendor_echoes.py), the row waits for a person and is never sent again; once a person settles it
at the vendor, the same difference is not raised again."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from support import write_sheet
from support.money_invariants import check_money
from support.vendor_proxy import VendorProxy, key_of, orders_rewritten, place

from bulkship import api
from bulkship.ledger import Ledger
from bulkship.pipeline import run_batch
from bulkship.track import track


def reads_show_e2(**shown: Any) -> Any:
    """The vendor's reads (not the create's answer) show E2's line with ``shown``: its own fields, or its
    delivery address's under ``Address``."""
    address = shown.pop("Address", {})

    def change(order: dict[str, Any]) -> None:
        for line in order[key_of(order, "LineItems")]:
            if line.get(key_of(line, "ExternalId")) == "E2":
                line.update(shown)
                line[key_of(line, "PhysicalDeliveryAddress")].update(address)

    return orders_rewritten(change)


def rows_of(tmp_path: Path, vendor: VendorProxy) -> dict[str, Any]:
    with Ledger.open(vendor.settings(tmp_path).ledger_location, lock=False) as ledger:
        return {r.external_id or "": r for r in ledger.batch_rows("staff")}


@pytest.mark.parametrize(
    ("shown", "said"),
    [
        ({"Address": {"AddressLine1": "200 Elm St", "Zip": "02135"}}, "another recipient than was sent"),
        ({"ProductId": "TARGET"}, "another card or amount than was sent"),
        ({"Value": 50.0, "Cost": 50.0}, "another card or amount than was sent"),
    ],
    ids=["readdressed", "another card", "another amount"],
)
def test_a_later_read_showing_another_recipient_or_card_waits_for_review(
    vendor: VendorProxy, tmp_path: Path, shown: dict[str, Any], said: str
) -> None:
    """Found by hunter-vendor6 (hunter-vendor5's leftover): after the run, the vendor's reads showed E2's
    line (its ExternalId) going to 200 Elm St, 02135, or as another card or amount: `bulkship track` said
    "3 pending ... 0 changed", status and the workbook nothing, and only `reconcile` "Mismatch ... E2". Now
    E2 waits for a person, its money in doubt; nothing is sent again; settled at the vendor, it stays so."""
    settings = vendor.settings(tmp_path)
    place(vendor, tmp_path, [1, 2, 3])
    vendor.rewrite = reads_show_e2(**shown)
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    rows = rows_of(tmp_path, vendor)
    assert [rows[e].status for e in ("E1", "E2", "E3")] == ["ordered", "review", "ordered"]
    assert said in (rows["E2"].error or ""), rows["E2"].error
    (status,) = api.status(settings, "staff")
    assert status["by_status"] == {"needs review": 1, "pending": 2}, status["by_status"]
    check_money(settings.ledger, "staff", web=True)
    assert not asyncio.run(track(settings, "staff", client_factory=vendor.factory)).changed
    place(vendor, tmp_path, [1, 2, 3])
    assert vendor.external_ids() == ["E1", "E2", "E3"]  # nothing sent again
    (order,) = vendor.orders()
    api.resolve_at_vendor(settings, "staff", "BS-STAFF-0001", order["Id"], rows=[3], by="tester")
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    assert rows_of(tmp_path, vendor)["E2"].status == "ordered"  # the person's word stands
    check_money(settings.ledger, "staff", web=True)


def test_a_later_read_showing_the_address_as_a_vendor_standardises_it_changes_nothing(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    """The same recipient written the USPS way on a later read (capitals, 'STREET', ZIP+4) is the row's."""
    settings = vendor.settings(tmp_path)
    place(vendor, tmp_path, [1, 2, 3])
    vendor.rewrite = reads_show_e2(
        Address={"Name": "PERSON 2", "AddressLine1": "3 MAIN STREET", "Zip": "02134-0001"}
    )
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    assert {r.status for r in rows_of(tmp_path, vendor).values()} == {"ordered"}


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("José Muñoz", "JOSE MUNOZ"),
        ("María-José López García de la Vega", "Maria-Jose Lopez Garcia de la Ve"),
    ],
    ids=["without accents", "cut to 32 characters"],
)
def test_a_later_read_showing_the_name_in_plain_ascii_or_cut_changes_nothing(
    vendor: VendorProxy, tmp_path: Path, name: str, shown: str
) -> None:
    """Found by hunter-vendor6: a vendor storing names in plain ASCII, or cut to its field length, had each
    such row of a later read wait for review as "another recipient" (and the create's answer, when it
    showed them so). A name written without its accents, or cut after at least 20 characters, is the row's;
    a street is never read as cut (its end may be the flat number)."""
    settings = vendor.settings(tmp_path)
    sheet = write_sheet(tmp_path / "staff.csv", [1, 2, 3], names={2: name})
    run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory, batch="staff")
    vendor.rewrite = reads_show_e2(Address={"Name": shown})
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    assert {r.status for r in rows_of(tmp_path, vendor).values()} == {"ordered"}
