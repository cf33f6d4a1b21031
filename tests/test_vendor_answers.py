"""Vendor answers nobody here has seen, over real HTTP (a server on 127.0.0.1 with the real sandbox behind it,
see ``support.vendor_proxy``): each one plausible, each one once led to a second card, a lost row, a wrong
figure or a guess. The client and the pipeline under test are the real ones."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable
from pathlib import Path
from typing import Any

import pytest
from support import write_sheet
from support.vendor_proxy import Answer, Call, VendorProxy

from bulkship.errors import VendorError
from bulkship.ledger import Ledger
from bulkship.pipeline import run_batch


def run(coro: Awaitable[Any]) -> Any:
    async def main() -> Any:
        return await coro

    return asyncio.run(main())


@pytest.fixture
def vendor(tmp_path: Path) -> Any:
    with VendorProxy(tmp_path) as proxy:
        yield proxy


def is_order_post(call: Call) -> bool:
    return call.method == "POST" and call.path.lower() == "/v1/orders"


def is_order_list(call: Call) -> bool:
    return call.method == "GET" and call.path.lower() == "/v1/orders"


def rows_of(settings: Any, batch: str) -> dict[str, Any]:
    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        return {r.external_id: r for r in ledger.rows(batch)}


def place(vendor: VendorProxy, tmp_path: Path, people: list[int], batch: str = "staff") -> Any:
    """Orders the people through the proxy with no rewriting (the vendor then holds them)."""
    sheet = write_sheet(tmp_path / f"{batch}.csv", people)
    return run_batch(sheet, vendor.settings(tmp_path), wait_s=0, client_factory=vendor.factory, batch=batch)


async def look_up(vendor: VendorProxy, tmp_path: Path, po: str) -> Any:
    async with vendor.factory(vendor.settings(tmp_path)) as client:
        return await client.look_up_order(po)


# --- order listings: what proves that an order is absent ---------------------------------------------------


def test_a_listing_in_an_envelope_of_another_name_never_proves_an_order_absent(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    place(vendor, tmp_path, [1, 2])
    po = vendor.orders()[0]["PONumber"]

    def renamed(call: Call) -> Answer:  # {"Data": [...]} spelled {"orders": [...]}
        answer = call.forward()
        if is_order_list(call):
            body = answer.json()
            return Answer.of(200, {"orders": body["Data"], "page": body["Page"]})
        return answer

    vendor.rewrite = renamed
    found = run(look_up(vendor, tmp_path, po))
    assert found.order is not None and found.order.po_number == po


def test_an_answer_that_is_no_listing_at_all_leaves_the_order_unknown(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    place(vendor, tmp_path, [1])
    po = vendor.orders()[0]["PONumber"]
    vendor.rewrite = lambda call: Answer.of(200, {"Message": "OK"}) if is_order_list(call) else call.forward()
    found = run(look_up(vendor, tmp_path, po))
    assert found.unknown and not found.absent
    assert "list" in found.why_unknown


def test_a_po_number_echoed_in_another_case_with_spaces_is_still_found(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    place(vendor, tmp_path, [1])
    po = vendor.orders()[0]["PONumber"]

    def lower_po(call: Call) -> Answer:
        answer = call.forward()
        if call.method == "GET" and call.path.lower().startswith("/v1/orders"):
            text = answer.body.decode().replace(po, f" {po.lower()} ")
            return Answer(answer.status, text.encode(), answer.headers)
        return answer

    vendor.rewrite = lower_po
    found = run(look_up(vendor, tmp_path, po))
    assert found.order is not None and found.order.po_number == po
