"""A vendor catalog where one card's name is another card's id, or two cards share a name, over real HTTP
(``support.vendor_proxy``): a row naming a card by its id gets that card, and a name two cards share is
never taken for one of them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from support.vendor_proxy import Answer, Call, VendorProxy

from bulkship.pipeline import run_batch

HEADER = "Employee ID,Name,Address,City,State,ZIP,Card,Amount,Shipping\n"


def also_listed(path: str, ident: str, **changes: Any) -> Any:
    """The list at ``path`` showing, at its end, a copy of the record ``ident`` with ``changes``."""

    def rewrite(call: Call) -> Answer:
        answer = call.forward()
        if call.method == "GET" and call.path.lower() == path and answer.status == 200:
            body = answer.json()
            records = body if isinstance(body, list) else body["Data"]
            records.extend({**r, **changes} for r in list(records) if r["Id"] == ident)
            if isinstance(body, dict) and "TotalCount" in body:
                body["TotalCount"] = len(records)
            return Answer.of(200, body)
        return answer

    return rewrite


def sent(vendor: VendorProxy, key: str) -> list[Any]:
    return [
        li[key] if key in li else li["PhysicalDeliveryAddress"][key]
        for o in vendor.orders()
        for li in o["LineItems"]
    ]


def test_a_card_written_by_its_id_is_that_card_whatever_another_card_is_named(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    """Found by hunter-vendor4: the catalog listing, beside CVS, a card 'CVS-2' named 'CVS': rows written
    'CVS' (the id, exactly) were read as CVS-2 ("'CVS' read as product CVS-2", a warning) and that card
    was sent. An id always names its own card."""
    vendor.rewrite = also_listed("/v1/products", "CVS", Id="CVS-2", Name="CVS")
    sheet = tmp_path / "ids.csv"
    sheet.write_text(HEADER + "I1,Ann One,1 Elm St,Boston,MA,02134,CVS,25,STANDARD\n")
    result = run_batch(sheet, vendor.settings(tmp_path), wait_s=0, client_factory=vendor.factory)
    assert result.ordered_rows == 1, result.by_status
    assert sent(vendor, "ProductId") == ["CVS"]


def test_a_name_two_cards_share_is_not_taken_for_either(vendor: VendorProxy, tmp_path: Path) -> None:
    """Two cards listed under one name ('CVS Pharmacy', ids CVS and CVS-2): a row writing the name is not
    sent (which card it means is not said); before, the last listed was taken with only a warning."""
    vendor.rewrite = also_listed("/v1/products", "CVS", Id="CVS-2")
    sheet = tmp_path / "names.csv"
    sheet.write_text(HEADER + "N1,Ann One,1 Elm St,Boston,MA,02134,CVS Pharmacy,25,STANDARD\n")
    result = run_batch(sheet, vendor.settings(tmp_path), wait_s=0, client_factory=vendor.factory)
    assert result.invalid == 1 and not vendor.orders(), result.by_status


def test_a_shipping_method_written_by_its_id_is_that_method_whatever_another_is_named(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    """The shipping methods listing, beside EXPEDITED, a method 'PRIORITY' named 'Expedited' (at 0.00): a
    row written 'EXPEDITED' went out as PRIORITY. An id always names its own method."""
    vendor.rewrite = also_listed("/v1/shippingmethods", "EXPEDITED", Id="PRIORITY", Name="Expedited", Price=0)
    sheet = tmp_path / "ship.csv"
    sheet.write_text(HEADER + "S1,Ann One,1 Elm St,Boston,MA,02134,CVS,25,EXPEDITED\n")
    result = run_batch(sheet, vendor.settings(tmp_path), wait_s=0, client_factory=vendor.factory)
    assert result.ordered_rows == 1, result.by_status
    assert sent(vendor, "ShippingMethodId") == ["EXPEDITED"]
