"""run_batch as a library call: a row the vendor refuses ends failed (exit code 3) and goes out again on the
next run; the result workbook shows it."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import httpx
import openpyxl
import pytest
from support import SandboxVendor, write_sheet
from support.money_invariants import check_money

from bulkship.errors import SpendLimitError
from bulkship.pipeline import run_batch
from bulkship.settings import Settings


class RejectExternalId(httpx.AsyncBaseTransport):
    """The vendor refuses the line with this ExternalId (400 naming LineItems[i]) while ``refuse`` holds."""

    def __init__(self, inner: httpx.AsyncBaseTransport, external_id: str) -> None:
        self.inner, self.external_id, self.refuse = inner, external_id, True

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.refuse and request.method == "POST" and request.url.path.lower() == "/v1/orders":
            items = json.loads(request.content)["LineItems"]
            for index, item in enumerate(items):
                if item["ExternalId"] == self.external_id:
                    return httpx.Response(
                        400,
                        json={
                            "Message": "Validation failed",
                            "Errors": {
                                f"LineItems[{index}].PhysicalDeliveryAddress.AddressLine1": ["Undeliverable"]
                            },
                        },
                    )
        return await self.inner.handle_async_request(request)


def test_vendor_refused_row_fails_with_exit_3_then_goes_out_on_rerun(
    tmp_path: Path, sandbox_vendor: SandboxVendor
) -> None:
    sheet = write_sheet(tmp_path / "staff.csv", range(6))
    sandbox = sandbox_vendor.sandbox
    transport = RejectExternalId(sandbox_vendor.transport, "E3")
    settings = Settings(data_dir=tmp_path / "data", out_dir=tmp_path / "out")
    factory = sandbox_vendor.factory(transport)

    first = run_batch(sheet, settings, wait_s=0, client_factory=factory)
    assert (first.exit_code, first.ordered_rows, first.failed_rows) == (3, 5, 1)
    # 'LineItems[3]' may count from 0 or 1: E2 and E3 went alone (R2 ordered, R3 refused), the others in R1
    assert [o["PONumber"] for o in sandbox.orders()] == ["BS-STAFF-0001-R1", "BS-STAFF-0001-R2"]
    book = openpyxl.load_workbook(first.output, read_only=True)
    results = list(book["Results"].iter_rows(values_only=True))
    header = results[0]
    failed = [
        dict(zip(header, r, strict=False)) for r in results[1:] if r[header.index("Status")] == "failed"
    ]
    assert len(failed) == 1 and "Undeliverable" in str(failed[0]["Problems / vendor error"])
    assert failed[0]["Total"] is None and failed[0]["Money"] is None, "a refused row costs nothing"
    check_money(settings.ledger, "staff", input_rows=range(2, 8), vendor_orders=sandbox.orders(), web=True)

    transport.refuse = False  # the vendor's problem is solved: re-running sends the failed row, alone
    second = run_batch(sheet, settings, wait_s=0, client_factory=factory)
    assert (second.exit_code, second.ordered_rows, second.failed_rows) == (0, 6, 0)
    orders = sandbox.orders()
    assert [o["PONumber"] for o in orders] == ["BS-STAFF-0001-R1", "BS-STAFF-0001-R2", "BS-STAFF-0002"]
    assert [li["ExternalId"] for li in orders[2]["LineItems"]] == ["E3"]
    check_money(settings.ledger, "staff", input_rows=range(2, 8), vendor_orders=orders, web=True)


def test_a_declined_run_that_keeps_its_plan_writes_the_result_workbook_again(
    tmp_path: Path, sandbox_vendor: SandboxVendor
) -> None:
    """Found by hunter-money1 (L3): batch ed sent 4 cards; a 5th person added to the file was planned and
    declined at 'Send these orders?' (the plan is kept: the batch sent cards). `status` said 5 rows and 25.00
    to send; the result workbook still said 4 rows and To send 0.00 until a later run sent."""
    settings = Settings(data_dir=tmp_path / "data", out_dir=tmp_path / "out")
    factory = sandbox_vendor.factory()
    sheet = write_sheet(tmp_path / "ed.csv", range(4))
    assert run_batch(sheet, settings, wait_s=0, client_factory=factory).exit_code == 0
    write_sheet(sheet, range(5))
    with pytest.raises(SpendLimitError, match="Not confirmed"):
        run_batch(sheet, settings, wait_s=0, client_factory=factory, confirm=lambda _view: False)
    seen = check_money(
        settings.ledger, "ed", input_rows=range(2, 7), web=True
    )  # workbook = status, to the cent
    assert (seen.total("charged"), seen.total("to send")) == (Decimal(100), Decimal(25))


class CrashOnSecondOrder(httpx.AsyncBaseTransport):
    """The run dies (as under kill -9: nothing after it runs) when it sends its second order."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner, self.sent = inner, 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.lower() == "/v1/orders":
            self.sent += 1
            if self.sent == 2:
                raise KeyboardInterrupt
        return await self.inner.handle_async_request(request)


def test_a_re_run_declined_after_a_crash_writes_the_workbook_of_the_cards_charged(
    tmp_path: Path, sandbox_vendor: SandboxVendor
) -> None:
    """Found by newcomer31 (F-a): a run died after its first order, before its result workbook was written;
    its re-run, answered 'no' at 'Send these orders?', wrote none either, though that order's cards were
    charged: `status` showed no Results, and `track` said "`bulkship run` writes one", which only a run that
    sends did. A re-run that sends nothing now writes the workbook of what went, and names it."""
    settings = Settings(data_dir=tmp_path / "data", out_dir=tmp_path / "out")
    sheet = write_sheet(tmp_path / "q4.csv", range(4))
    crash = CrashOnSecondOrder(sandbox_vendor.transport)
    with pytest.raises(KeyboardInterrupt):
        run_batch(sheet, settings, wait_s=0, max_lines=2, client_factory=sandbox_vendor.factory(crash))
    assert len(sandbox_vendor.sandbox.orders()) == 1  # two cards charged, two rows never sent
    workbook = settings.out_dir / "q4-results.xlsx"
    assert not workbook.exists()
    with pytest.raises(SpendLimitError, match="Not confirmed") as declined:
        run_batch(sheet, settings, wait_s=0, max_lines=2, client_factory=sandbox_vendor.factory(),
                  confirm=lambda _view: False)  # fmt: skip
    assert str(workbook) in " ".join(str(declined.value.hint or "").split()), declined.value.hint
    seen = check_money(
        settings.ledger, "q4", input_rows=range(2, 6), vendor_orders=sandbox_vendor.sandbox.orders()
    )
    # the first order's two cards charged; the second, sent when the run died, in doubt until asked
    assert (seen.total("charged"), seen.total("in doubt")) == (Decimal(50), Decimal(50))
    assert len(sandbox_vendor.sandbox.orders()) == 1  # and nothing was sent
