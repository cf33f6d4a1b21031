"""A vendor that writes back the addresses it was sent standardised (capitals, 'STREET' as 'ST', ZIP+4), over
real HTTP (``support.vendor_proxy``): after a lost answer, its 409's original order is still ours, row by
row; another recipient under the row's ExternalId still waits for a person."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from support.vendor_proxy import Answer, Call, VendorProxy

from bulkship.addressmatch import same_part
from bulkship.pipeline import run_batch


def lost_then(change: Any) -> Any:
    """The first POST of each PONumber is taken by the vendor and answered 504 (the answer lost); every
    order answered after shows its addresses through ``change``."""
    seen: set[str] = set()

    def show(order: dict[str, Any]) -> dict[str, Any]:
        for line in order.get("LineItems", []):
            change(line["PhysicalDeliveryAddress"])
        return order

    def rewrite(call: Call) -> Answer:
        answer = call.forward()
        if not call.path.lower().startswith("/v1/orders") or not answer.body.strip():
            return answer
        if call.method == "POST" and call.json()["PONumber"] not in seen:
            seen.add(call.json()["PONumber"])
            return Answer.of(504, {"Message": "Gateway timeout"})
        if answer.status >= 300 and answer.status != 409:
            return answer
        body = answer.json()
        for order in body.get("Data", [body]) if "LineItems" in body or "Data" in body else []:
            show(order)
        return Answer.of(answer.status, body)

    return rewrite


HEADER = ["Employee ID", "Name", "Address", "City", "State", "ZIP", "Card", "Amount"]
PEOPLE = [
    ["E1", "Ann O'Neil", "12 North Main Street", "Boston", "MA", "02134", "CVS", "25"],
    ["E2", "Bob Two", "7 Elm Avenue, Apartment 3", "Boston", "MA", "02134", "CVS", "25"],
    ["E3", "Cy Three", "9 Oak Rd.", "Saint Paul", "MN", "55101", "CVS", "25"],
]


def send(vendor: VendorProxy, tmp_path: Path) -> Any:
    sheet = tmp_path / "staff.csv"
    with sheet.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *PEOPLE])
    return run_batch(sheet, vendor.settings(tmp_path), wait_s=0, client_factory=vendor.factory, batch="staff")


STANDARD = {
    "12 North Main Street": "12 N MAIN ST",
    "7 Elm Avenue, Apartment 3": "7 ELM AVE APT 3",
    "9 Oak Rd.": "9 OAK RD",
}


def standardised(address: dict[str, Any]) -> None:
    """USPS style: capitals, no punctuation, suffixes and directionals abbreviated, ZIP+4."""
    address["Name"] = address["Name"].upper().replace("'", "")
    address["AddressLine1"] = STANDARD.get(address["AddressLine1"], address["AddressLine1"].upper())
    address["City"] = address["City"].upper().replace("SAINT", "ST")
    address["Zip"] = address["Zip"][:5] + "-4321"


def test_a_lost_answer_s_order_shown_with_standardised_addresses_is_ours(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    """Found by hunter-vendor4: the vendor took BS-STAFF-0001, its answer was lost (504), and its 409 to the
    retry showed the addresses as it standardises them ('12 N MAIN ST', 'ANN ONEIL', ZIP 02134-4321):
    every row waited for review ("holds this row's ExternalId with other content"), the run saying "Nothing
    was sent in this run" beside "The vendor holds ... that no row is tied to". They are the rows sent."""
    vendor.rewrite = lost_then(standardised)
    result = send(vendor, tmp_path)
    assert result.ordered_rows == 3, result.by_status
    assert result.total_cost == 75
    assert vendor.external_ids() == ["E1", "E2", "E3"]


def test_another_recipient_under_the_row_s_external_id_still_waits_for_a_person(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    """The 409's original shows E2's line at another house number: not E2's card (another batch's order
    under the same PONumber, a reused Employee ID): it waits for review, nothing sent again."""

    def elsewhere(address: dict[str, Any]) -> None:
        standardised(address)
        address["AddressLine1"] = address["AddressLine1"].replace("7 ELM", "17 ELM")

    vendor.rewrite = lost_then(elsewhere)
    result = send(vendor, tmp_path)
    assert result.by_status.get("needs review") == 1, result.by_status
    assert vendor.external_ids() == ["E1", "E2", "E3"]


@pytest.mark.parametrize(
    ("key", "theirs", "ours", "same"),
    [
        ("AddressLine1", "123 N MAIN ST APT 4", "123 North Main Street, Apartment 4", True),
        ("AddressLine1", "123 MAIN ST", "124 Main St", False),
        ("AddressLine1", "123 MAIN AVE", "123 Main St", False),
        ("Name", "ANN O'NEIL", "Ann ONeil", True),
        ("Name", "ANN LEE", "Ann Li", False),
        ("City", "ST PAUL", "Saint Paul", True),
        ("Zip", "02134-4321", "02134", True),
        ("Zip", "02135", "02134", False),
    ],
)
def test_address_parts_compare_as_a_vendor_standardises_them(
    key: str, theirs: str, ours: str, same: bool
) -> None:
    assert same_part(key, theirs, ours) is same
