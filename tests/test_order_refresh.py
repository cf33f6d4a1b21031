"""One way to read an order from the vendor and record it (``track.refresh_order``), used by ``run``'s wait,
``track`` and the webhook receiver alike: an answer carrying another PO is never recorded."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path
from typing import cast

from test_track_support import BATCH, ORDERS, ScriptedVendor, sent_batch

from bulkship.client.vendor import VendorClient
from bulkship.ledger import Ledger
from bulkship.track import wait_until_settled

PO1, PO2 = list(ORDERS)


def _statuses(ledger: Ledger) -> dict[str, str | None]:
    return {o.po_number: o.status for o in ledger.orders(BATCH)}


def test_runs_wait_records_what_the_vendor_says_but_not_an_order_carrying_another_po(tmp_path: Path) -> None:
    vendor = ScriptedVendor()
    ledger_path = tmp_path / "ledger.sqlite"
    sent_batch(ledger_path, tmp_path / "output", vendor)
    vendor.ship_everything()  # both orders Complete at the vendor...
    vendor.orders["ord-1"] = replace(
        vendor.orders["ord-1"], po_number="SOMEONE-ELSES-0001"
    )  # ...one is not ours
    with Ledger.open(ledger_path) as ledger:
        client = cast(VendorClient, vendor)
        asyncio.run(wait_until_settled(client, ledger, BATCH, wait_s=1.0, concurrency=2))
        statuses = _statuses(ledger)
        shipped = [r.line_status for r in ledger.rows_by_po(PO1)]
    assert statuses[PO2] == "Complete"
    assert statuses[PO1] == "Pending" and shipped == ["pending", "pending"], "another PO's answer is not ours"
