"""An order read (``GET /v1/Orders/{id}``) answered in shapes the contract does not show, over real HTTP
(``support.vendor_proxy``): the order is recorded when the answer is provably it, never otherwise."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from support import write_sheet
from support.vendor_proxy import Answer, Call, VendorProxy

from bulkship.ledger import Ledger
from bulkship.pipeline import run_batch
from bulkship.track import track


def reads_as(shape: Any) -> Any:
    def rewrite(call: Call) -> Answer:
        answer = call.forward()
        if call.method == "GET" and call.path.lower().startswith("/v1/orders/") and answer.status == 200:
            return Answer.of(200, shape(answer.json()))
        return answer

    return rewrite


def line_statuses(settings: Any) -> dict[str, str | None]:
    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        return {str(r.external_id): r.line_status for r in ledger.batch_rows("staff")}


@pytest.mark.parametrize(
    "shape",
    [lambda o: {"Data": [o], "TotalCount": 1}, lambda o: [o], lambda o: {"items": [o]}],
    ids=["envelope", "array", "items"],
)
def test_an_order_read_answered_as_a_list_of_one_is_tracked(
    vendor: VendorProxy, tmp_path: Path, shape: Any
) -> None:
    """Found by hunter-vendor2: a vendor answering GET /v1/Orders/{id} as its lists come ({"Data": [order],
    "TotalCount": 1}) was 'something that is not that order (keys Data, TotalCount) (will try again)' at
    every `track`: the row read pending for good while the vendor showed it delivered."""
    settings = vendor.settings(tmp_path)
    run_batch(write_sheet(tmp_path / "staff.csv", [1, 2]), settings, wait_s=0, client_factory=vendor.factory)
    vendor.sandbox.advance(30 * 86400)
    vendor.rewrite = reads_as(shape)
    report = asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    assert line_statuses(settings) == {"E1": "delivered", "E2": "delivered"}, report.errors


def test_a_list_of_another_order_is_never_recorded(vendor: VendorProxy, tmp_path: Path) -> None:
    settings = vendor.settings(tmp_path)
    run_batch(write_sheet(tmp_path / "staff.csv", [1, 2]), settings, wait_s=0, client_factory=vendor.factory)
    vendor.sandbox.advance(30 * 86400)
    vendor.rewrite = reads_as(lambda o: {"Data": [{**o, "Id": "someone-else"}]})
    report = asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    assert line_statuses(settings) == {"E1": "pending", "E2": "pending"} and report.errors


def test_a_run_whose_order_stays_in_doubt_never_says_nothing_was_sent(
    vendor: VendorProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-vendor2: every answer to the order lost (504 to each POST, which the vendor had
    taken, and to the look-up by PO), the run ended 'Nothing was sent in this run.' above 'In doubt: 25.00
    ... sent, no definite answer': a person reading the first line could send the list again elsewhere."""
    from bulkship.cli.run_report import report

    def lost(call: Call) -> Answer:
        if call.path.lower() == "/v1/orders" and vendor.posts():  # read before: a new batch is checked
            if call.method == "POST":
                call.forward()
            return Answer.of(504, {"Message": "Gateway Timeout"})
        return call.forward()

    vendor.rewrite = lost
    sheet = write_sheet(tmp_path / "staff.csv", [1])
    result = run_batch(sheet, vendor.settings(tmp_path), wait_s=0, client_factory=vendor.factory)
    assert result.unknown_orders == 1 and result.sent_orders == 1
    report(result)
    said = capsys.readouterr().err
    assert "In doubt: 25.00" in said and "Nothing was sent" not in said
