"""Which rows waiting a vendor card tied to no row may be, by the recipient its line shows
(bulkship.resolve.recipients): the bulk release keeps those rows, fail-closed, and lets the others go."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from bulkship.models import VendorOrder
from bulkship.models.vendor import VendorLineItem
from bulkship.resolve.recipients import LineIndex


def _line(address: dict[str, str] | None, n: int = 1) -> tuple[VendorOrder, int]:
    raw: dict[str, Any] = {"ExternalId": f"X{n}"}
    if address is not None:
        raw["PhysicalDeliveryAddress"] = address
    item = VendorLineItem(f"L{n}", f"X{n}", "CVS", Decimal(25), 1, None, "")
    return VendorOrder(
        str(n), f"BS-GIFTS-{n:04d}", "Pending", line_items=(item,), raw={"LineItems": [raw]}
    ), 0


def _row(name: str, street: str, line2: str = "") -> dict[str, Any]:
    return {"PhysicalDeliveryAddress": {"Name": name, "AddressLine1": street, "AddressLine2": line2}}


SHOWN = {"Name": "Robert O'Brien", "AddressLine1": "12 BEACON ST", "City": "BOSTON"}


@pytest.mark.parametrize(
    ("row", "why"),
    [
        (_row("Bob OBrien", "99 Elm St"), "shows the row's name"),  # a short form, the apostrophe
        (_row("O'Brien, Robert", "99 Elm St"), "shows the row's name"),
        (_row("Ann Lee", "12 Beacon Street", "Floor 21"), "shows the row's street"),
        (_row("Ann Lee", "Acme Corp, 12 Beacon St."), "shows the row's street"),
        (_row("Ann Lee", "１２ Beacon Street"), "shows the row's street"),  # written in wide digits
        (_row("Ann Lee", "14 Beacon St"), None),
        (_row("Robin Obrian", "99 Elm St"), None),  # a name a letter or two apart is another person
    ],
)
def test_a_card_no_row_claims_keeps_the_rows_it_may_be_by_name_or_street(row: Any, why: str | None) -> None:
    found = LineIndex.of([_line(SHOWN)]).may_be(row)
    assert (found[1] if found else None) == why


def test_a_card_showing_no_recipient_keeps_every_row_beside_cards_that_show_one() -> None:
    index = LineIndex.of(
        [_line(SHOWN, 1), _line(None, 2), _line({"Name": "", "AddressLine1": "5 Oak St"}, 3)]
    )
    found = index.may_be(_row("Ann Lee", "14 Beacon St"))
    assert found is not None and found[1] == "shows no recipient"


def test_no_card_tied_to_no_row_keeps_nobody() -> None:
    assert LineIndex.of([]).may_be(_row("Ann Lee", "14 Beacon St")) is None


def test_a_street_starting_with_no_house_number_is_compared_for_every_row() -> None:
    index = LineIndex.of([_line({"Name": "Pat Doe", "AddressLine1": "Fifth Avenue"})])
    found = index.may_be(_row("Ann Lee", "5th Ave"))
    assert found is not None and found[1] == "shows the row's street"
