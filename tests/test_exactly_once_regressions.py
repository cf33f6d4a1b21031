"""Exactly-once regressions found in review: every valid row is ordered at the vendor exactly once, and a
row is marked ordered only when the vendor holds *that* row. Each scenario runs the real pipeline against the
in-process sandbox and counts what the vendor ends up holding."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from support import SandboxVendor as Vendor
from support import no_sleep, write_sheet

from bulkship.client import connect
from bulkship.errors import BatchConflictError, LedgerError, VendorUnavailableError
from bulkship.ledger import Ledger, PlannedOrderRecord, match_lines
from bulkship.models import VendorLineItem, VendorOrder
from bulkship.pipeline import run_batch
from bulkship.plan import po_stem
from bulkship.settings import Settings


@pytest.fixture
def vendor(sandbox_vendor: Vendor) -> Vendor:
    return sandbox_vendor


def settings_in(folder: Path, **extra: Any) -> Settings:
    return Settings(data_dir=folder / "data", out_dir=folder / "out", **extra)


def order_states(settings: Settings) -> dict[str, str]:
    with Ledger.open(settings.ledger, lock=False) as ledger:
        return {o.po_number: o.state for o in ledger.orders()}


def row_records(settings: Settings, batch: str) -> dict[str | None, Any]:
    with Ledger.open(settings.ledger, lock=False) as ledger:
        return {r.external_id: r for r in ledger.batch_rows(batch, current_only=True)}


class CommitThenAnswer(httpx.AsyncBaseTransport):
    """The first POST of each PONumber reaches the vendor (and is created there) but its answer is lost
    (504); the retry of the same bytes then gets ``status`` (a vendor that validates or checks funds before
    PONumber uniqueness). ``lookup_fails`` makes GET /v1/Orders fail too."""

    def __init__(
        self, inner: httpx.AsyncBaseTransport, status: int, body: Any, *, lookup_fails: bool = False
    ):
        self.inner, self.status, self.body, self.lookup_fails = inner, status, body, lookup_fails
        self.seen: set[str] = set()
        self.armed = True

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.lower()
        if self.armed and request.method == "POST" and path == "/v1/orders":
            po = json.loads(request.content)["PONumber"]
            if po not in self.seen:
                self.seen.add(po)
                await self.inner.handle_async_request(request)  # committed at the vendor
                return httpx.Response(504, json={"Message": "timeout"})
            self.armed = False
            return httpx.Response(self.status, json=self.body)
        if self.lookup_fails and request.method == "GET" and path == "/v1/orders":
            return httpx.Response(503, json={"Message": "down"})
        return await self.inner.handle_async_request(request)


# -- finding 1: a retry that ends in a definite refusal after a lost answer -------------------------------


def test_lost_answer_then_400_does_not_reorder_the_other_lines(tmp_path: Path, vendor: Vendor) -> None:
    sheet = write_sheet(tmp_path / "staff.csv", range(4))
    settings = settings_in(tmp_path, concurrency=1)
    lossy = CommitThenAnswer(
        vendor.transport,
        400,
        {
            "Message": "Validation failed",
            "Errors": {"LineItems[0].Value": ["Denomination no longer offered"]},
        },
    )
    result = run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory(lossy))
    assert vendor.external_ids() == Counter({f"E{i}": 1 for i in range(4)})
    assert list(order_states(settings).values()) == ["created"]
    assert result.ordered_rows == 4 and result.failed_rows == 0


def test_lost_answer_then_422_and_a_changed_rerun_does_not_reorder(tmp_path: Path, vendor: Vendor) -> None:
    sheet = write_sheet(tmp_path / "staff.csv", range(4))
    settings = settings_in(tmp_path, concurrency=1)
    lossy = CommitThenAnswer(vendor.transport, 422, {"Message": "Insufficient funds"})
    run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory(lossy))
    assert "planned" not in order_states(settings).values()  # the vendor holds it: not "not sent"
    write_sheet(sheet, [0, 1, 2])  # the user removes a row and runs again
    run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory(lossy))
    assert vendor.external_ids() == Counter({f"E{i}": 1 for i in range(4)})


def test_lost_answer_then_refusal_and_no_lookup_is_unknown(tmp_path: Path, vendor: Vendor) -> None:
    lossy = CommitThenAnswer(vendor.transport, 422, {"Message": "Insufficient funds"}, lookup_fails=True)
    payload = {
        "Type": "PhysicalShipment",
        "PONumber": "T-LOOKUP-0001",
        "LineItems": [
            {
                "ProductId": "CVS",
                "Value": 25,
                "Quantity": 1,
                "ExternalId": "E0",
                "PhysicalDeliveryAddress": {
                    "ShippingMethodId": "STANDARD",
                    "CarrierId": "DEFAULT",
                    "Name": "Person 0",
                    "AddressLine1": "1 Main St",
                    "City": "Boston",
                    "State": "MA",
                    "Zip": "02134",
                    "Country": "US",
                },
            }
        ],
    }

    async def go() -> None:
        async with connect(settings_in(tmp_path), transport=lossy, sleep=no_sleep) as client:
            await client.create_order(payload)

    with pytest.raises(VendorUnavailableError):  # not InsufficientFundsError: it may well exist
        asyncio.run(go())


class Scripted(httpx.AsyncBaseTransport):
    """POST /v1/Orders: ``mode`` "commit-then-timeout" creates the order but always loses the answer (and the
    order list is down); "refuse" answers 400 on the first line without creating anything."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner, self.mode = inner, "commit-then-timeout"

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.lower() == "/v1/orders":
            if self.mode == "refuse":
                errors = {"LineItems[0].Value": ["Denomination no longer offered"]}
                return httpx.Response(400, json={"Message": "Validation failed", "Errors": errors})
            await self.inner.handle_async_request(request)
            return httpx.Response(504, json={"Message": "timeout"})
        if self.mode != "refuse" and request.method == "GET" and request.url.path.lower() == "/v1/orders":
            return httpx.Response(503, json={"Message": "down"})  # no lookup either: it stays unknown
        return await self.inner.handle_async_request(request)


def test_an_unknown_order_is_looked_up_before_it_is_sent_again(tmp_path: Path, vendor: Vendor) -> None:
    sheet = write_sheet(tmp_path / "staff.csv", range(4))
    settings = settings_in(tmp_path, concurrency=1)
    scripted = Scripted(vendor.transport)
    first = run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory(scripted))
    assert first.unknown_orders == 1 and set(order_states(settings).values()) == {"unknown"}
    scripted.mode = "refuse"  # the re-send would be refused; the vendor holds the order all the same
    second = run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory(scripted))
    assert vendor.external_ids() == Counter({f"E{i}": 1 for i in range(4)})
    assert set(order_states(settings).values()) == {"created"}
    assert second.ordered_rows == 4 and second.exit_code == 0


def test_an_order_an_older_version_put_back_to_planned_is_never_replanned(
    tmp_path: Path, vendor: Vendor
) -> None:
    sheet = write_sheet(tmp_path / "staff.csv", range(4))
    settings = settings_in(tmp_path, concurrency=1)
    scripted = Scripted(vendor.transport)  # created at the vendor, every answer lost
    run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory(scripted))
    with Ledger.open(settings.ledger) as ledger:  # what an older bulkship left after a 422 on the retry
        [order] = ledger.orders()
        with ledger.transaction() as db:
            db.execute("UPDATE orders SET state = 'planned' WHERE po_number = ?", (order.po_number,))
        ledger.log_event("staff", order.po_number, "not_sent", reason="422 Insufficient funds")
    write_sheet(sheet, [0, 1, 2])  # the user removes a row and runs again
    run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory())
    assert vendor.external_ids() == Counter({f"E{i}": 1 for i in range(4)})


# -- finding 2: ledger lost, a 409 hands back a neighbour's order ------------------------------------------


def test_lost_ledger_and_shifted_po_numbers_never_reorder_a_row(tmp_path: Path, vendor: Vendor) -> None:
    sheet = write_sheet(tmp_path / "staff.csv", range(10), bad={2})
    settings = settings_in(tmp_path)
    run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory(), max_lines=5)
    assert vendor.external_ids() == Counter({f"E{i}": 1 for i in range(10) if i != 2})
    settings.ledger.unlink()  # the ledger is lost...
    write_sheet(sheet, range(10))  # ...and the user fixed row E2: every PO now holds other rows
    result = run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory(), max_lines=5)
    counts = vendor.external_ids()
    assert max(counts.values()) == 1, counts  # nothing twice
    assert counts["E2"] == 1  # the fixed row, at the vendor under no PO, still went out
    rows = row_records(settings, "staff")
    # E5 sits at the vendor in another PO: not re-sent; left for review, never claimed "ordered" here
    assert rows["E5"].status != "ordered"
    assert "reconcile" in (rows["E5"].error or "")
    assert result.exit_code != 0


def test_vendor_lines_without_external_id_are_matched_by_content_not_position() -> None:
    def line(product: str, value: str) -> VendorLineItem:
        return VendorLineItem("li", "", product, Decimal(value), 1, Decimal(value), "Pending")

    vendor_order = VendorOrder("o1", "PO-1", "Pending", line_items=(line("TARGET", "50"), line("CVS", "25")))
    ours = [
        {"ExternalId": "A", "ProductId": "CVS", "Value": 25, "Quantity": 1},
        {"ExternalId": "B", "ProductId": "VISA", "Value": 75, "Quantity": 1},
    ]
    matches = match_lines(["A", "B"], vendor_order, ours)
    assert matches[0] is vendor_order.line_items[1]
    assert matches[1] is None  # nothing there is line B: not ordered


# -- finding 3: two batches sharing PO numbers --------------------------------------------------------------


def test_batches_named_alike_get_their_own_po_numbers(tmp_path: Path, vendor: Vendor) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write_sheet(tmp_path / "a" / "Gifts.csv", range(3))
    second = write_sheet(tmp_path / "b" / "gifts.csv", range(3), product="TARGET", amount="50")
    run_batch(first, settings_in(tmp_path / "a"), wait_s=0, client_factory=vendor.factory())
    result = run_batch(second, settings_in(tmp_path / "b"), wait_s=0, client_factory=vendor.factory())
    assert result.ordered_rows == 3
    assert vendor.products() == Counter({(f"E{i}", p): 1 for i in range(3) for p in ("CVS", "TARGET")})
    assert po_stem("BS", "Gifts") != po_stem("BS", "gifts")
    assert po_stem("BS", "Q4 gifts") != po_stem("BS", "q4-gifts")
    assert po_stem("BS", "staff") == "BS-STAFF"  # a plain name keeps its stem: existing ledgers resume


def test_a_409_naming_an_order_with_other_content_is_a_conflict(tmp_path: Path, vendor: Vendor) -> None:
    # the same batch name on two machines (two ledgers, one vendor account), different cards
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write_sheet(tmp_path / "a" / "gifts.csv", range(3))
    second = write_sheet(tmp_path / "b" / "gifts.csv", range(3), product="TARGET", amount="50")
    run_batch(first, settings_in(tmp_path / "a"), wait_s=0, client_factory=vendor.factory())
    settings = settings_in(tmp_path / "b")
    result = run_batch(second, settings, wait_s=0, client_factory=vendor.factory())
    assert result.ordered_rows == 0 and result.exit_code != 0  # never claims the CVS cards as its TARGET ones
    assert vendor.products() == Counter({(f"E{i}", "CVS"): 1 for i in range(3)})
    rows = row_records(settings, "gifts")
    assert all(r.status != "ordered" for r in rows.values())
    with Ledger.open(settings.ledger, lock=False) as ledger:
        errors = [str(o.error) for o in ledger.orders()] + [str(r.error) for r in rows.values()]
    message = " ".join(errors)
    assert "BS-GIFTS-0001" in message and "reconcile" in message


# -- finding 4: a PO number collision in one ledger is an error, not a traceback ---------------------------


def test_batches_differing_in_case_share_one_ledger(tmp_path: Path, vendor: Vendor) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    settings = settings_in(tmp_path)
    run_batch(
        write_sheet(tmp_path / "a" / "Staff.csv", range(3)),
        settings,
        wait_s=0,
        client_factory=vendor.factory(),
    )
    second = write_sheet(tmp_path / "b" / "staff.csv", range(3, 6))
    with pytest.raises(BatchConflictError, match="'Staff'"):  # a near-identical name is not new by accident
        run_batch(second, settings, wait_s=0, client_factory=vendor.factory())
    result = run_batch(second, settings, wait_s=0, client_factory=vendor.factory(), allow_repeat=True)
    assert result.ordered_rows == 3
    assert vendor.external_ids() == Counter({f"E{i}": 1 for i in range(6)})


def test_a_duplicate_po_number_in_the_ledger_is_a_ledger_error(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "ledger.sqlite") as ledger:
        for batch in ("one", "two"):
            ledger.upsert_batch(
                batch, file_name="f.csv", file_hash="h", po_prefix="BS", rows=1, valid=1, invalid=0
            )
        order: PlannedOrderRecord = ("BS-X-0001", 1, "BS-X-0001", {"PONumber": "BS-X-0001"}, Decimal("1"), [])
        ledger.save_planned_orders("one", [order])
        with pytest.raises(LedgerError) as caught:
            ledger.save_planned_orders("two", [order])
        assert "BS-X-0001" in str(caught.value)
