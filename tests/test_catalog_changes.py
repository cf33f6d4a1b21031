"""The vendor's catalog changing after rows were ordered (a card or a shipping method it no longer lists or
prices), over real HTTP (``support.vendor_proxy``): a card charged stays a card charged in the workbook."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from support.vendor_proxy import Answer, Call, VendorProxy

from bulkship.pipeline import run_batch

HEADER = "Employee ID,Name,Address,City,State,ZIP,Card,Amount,Shipping\n"
FIRST = (
    "M1,Ann One,1 Gum St,Boston,MA,02134,CVS,25,STANDARD\n"
    "M2,Bob Two,2 Gum St,Boston,MA,02134,TARGET,50,EXPEDITED\n"
)
LATER = "M3,Cy Three,3 Gum St,Boston,MA,02134,CVS,25,STANDARD\n"


def without_target(body: Any) -> Any:
    body["Data"] = [p for p in body["Data"] if p["Id"] != "TARGET"]
    body["TotalCount"] = len(body["Data"])
    return body


def expedited_unpriced(body: Any) -> Any:
    for method in body if isinstance(body, list) else body["Data"]:
        if method["Id"] == "EXPEDITED":
            method.pop("Price")
    return body


def catalog_changed(path: str, change: Any) -> Any:
    def rewrite(call: Call) -> Answer:
        answer = call.forward()
        if call.method == "GET" and call.path.lower() == path and answer.status == 200:
            return Answer.of(200, change(answer.json()))
        return answer

    return rewrite


@pytest.mark.parametrize(
    "change",
    [("/v1/products", without_target), ("/v1/shippingmethods", expedited_unpriced)],
    ids=["card gone", "shipping method unpriced"],
)
def test_a_card_ordered_before_the_catalog_changed_is_still_shown_ordered_and_charged(
    vendor: VendorProxy, tmp_path: Path, change: tuple[str, Any]
) -> None:
    """Found by hunter-vendor2: M2 (TARGET 50) was ordered; the vendor then dropped TARGET from its
    catalog, and the list, with a row added, was run again: M2 read 'invalid ... fix the row' with no PO
    and no cost, the Summary 'Charged 50' beside the run's own 'charged 100.00', and fixing the row as asked
    (another card) would have sent a second one. It now reads ordered, charged, and why it would be
    refused today; nothing is sent again."""
    settings = vendor.settings(tmp_path)
    sheet = tmp_path / "mix.csv"
    sheet.write_text(HEADER + FIRST)
    run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory, batch="mix")
    vendor.rewrite = catalog_changed(*change)
    sheet.write_text(HEADER + FIRST + LATER)
    result = run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory, batch="mix")
    assert vendor.external_ids() == ["M1", "M2", "M3"]
    assert result.output is not None
    book = openpyxl.load_workbook(result.output, read_only=True)
    results = list(book["Results"].iter_rows(values_only=True))
    rows = {r[0]: dict(zip(results[0], r, strict=False)) for r in results[1:]}
    m2 = rows["M2"]
    assert m2["Status"] == "pending" and m2["PO Number"] == "BS-MIX-0001", m2
    assert m2["Total"] is not None and "ordered before; now refused today" in m2["Problems / vendor error"]
    assert len(list(book["Fix these"].iter_rows(values_only=True))) == 1  # its header only
    summary = {r[0]: r for r in book["Summary"].iter_rows(values_only=True) if r and r[0]}
    assert Decimal(str(summary["Charged"][-1])) == result.total_cost == Decimal("109.95")
