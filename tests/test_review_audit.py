"""Audit of the "needs review" resolution (bulkship.resolve): paths that send a card twice, show a row ordered
that never was, or leave a row with no way out. Each test fails on 593dc4c. The real pipeline and the
in-process sandbox; where the vendor misbehaves, a wrapping transport shows the misbehaviour."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from support import SandboxVendor, write_sheet
from support.review import row_of, rows_by_id, run, settings_in

from bulkship import api
from bulkship.errors import ReviewRefusedError
from bulkship.sandbox.dialect import parse_dialect


class HidingList(httpx.AsyncBaseTransport):
    """The vendor, whose order list (GET /v1/Orders) leaves out the orders named in ``hidden`` without
    saying so (a list of recent orders only, or of one state only): every page still looks complete."""

    def __init__(self, vendor: SandboxVendor) -> None:
        self.vendor = vendor
        self.hidden: set[str] = set()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.vendor.transport.handle_async_request(request)
        if not (self.hidden and request.method == "GET" and request.url.path.lower() == "/v1/orders"):
            return response
        await response.aread()
        if response.status_code != 200:  # e.g. a refused pageIndex=0: nothing to hide in it
            return httpx.Response(response.status_code, headers=response.headers, content=response.content)
        body = json.loads(response.content)
        data = next(k for k in body if k.lower() == "data")
        body[data] = [o for o in body[data] if _po(o) not in self.hidden]
        for key in [k for k in body if k.lower() == "totalcount"]:
            del body[key]
        return httpx.Response(200, json=body)


def _po(order: dict[str, Any]) -> str:
    return str(next((v for k, v in order.items() if k.lower() == "ponumber"), ""))


@pytest.fixture
def vendor(tmp_path: Path) -> Iterator[SandboxVendor]:
    made = SandboxVendor(tmp_path, dialect=parse_dialect("likely-real"))
    yield made
    made.close()


def test_release_is_refused_when_the_list_leaves_out_an_order_the_ledger_knows_is_there(
    tmp_path: Path, vendor: SandboxVendor
) -> None:
    """The ledger recorded BS-STAFF-0001 as created at the vendor (adopted after a lost ledger, its 3 lines
    show no identity, so the 3 rows wait for review). When the vendor's list stops showing that order, the
    list is not complete, whatever its paging says: a release must be refused, never sent twice."""
    sheet = write_sheet(tmp_path / "staff.csv", range(1, 4))
    settings = settings_in(tmp_path)
    run(vendor, settings, sheet)
    settings.ledger.unlink()
    hiding = HidingList(vendor)
    assert run(vendor, settings, sheet, hiding).review_rows == 3
    hiding.hidden = {"BS-STAFF-0001"}
    with contextlib.suppress(ReviewRefusedError):
        api.release_review(
            settings, "staff", "BS-STAFF-0001", by="tester", client_factory=vendor.factory(hiding)
        )
    run(vendor, settings, sheet, hiding)
    assert max(vendor.external_ids().values()) == 1, vendor.external_ids()  # main: every card twice


def test_a_row_left_over_after_a_person_confirmed_every_line_of_its_card_can_be_released(
    tmp_path: Path, vendor: SandboxVendor
) -> None:
    """The vendor holds 3 cards of CVS 25 showing no identity; 4 rows of that card wait. The person confirms
    rows E1..E3 are its 3 lines; E4 cannot be tied (no line left, refused) and must be releasable: on main the
    release is refused because lines 'tied to no row' (confirmed rows carry no line position), so E4 waits
    for ever with no way out."""
    sheet = write_sheet(tmp_path / "staff.csv", range(1, 4))
    settings = settings_in(tmp_path)
    run(vendor, settings, sheet)
    settings.ledger.unlink()
    write_sheet(sheet, range(1, 5))  # E4 added, same card
    assert run(vendor, settings, sheet).review_rows == 4
    factory = vendor.factory()
    done = api.resolve_at_vendor(
        settings, "staff", "BS-STAFF-0001", "BS-STAFF-0001", rows=row_of(settings, "E1", "E2", "E3"),
        by="tester", client_factory=factory,
    )  # fmt: skip
    assert done.applied and len(done.tied) == 3
    with pytest.raises(ReviewRefusedError, match="cannot be in vendor order"):  # no line left for E4
        api.resolve_at_vendor(
            settings, "staff", "BS-STAFF-0001", "BS-STAFF-0001", rows=row_of(settings, "E4"),
            by="tester", client_factory=factory,
        )  # fmt: skip
    released = api.release_review(settings, "staff", "BS-STAFF-0001", by="tester", client_factory=factory)
    assert released.applied  # main: ReviewRefusedError "... tied to no row"
    run(vendor, settings, sheet)
    assert vendor.external_ids()["E4"] == 1 and max(vendor.external_ids().values()) == 1


def test_an_order_of_batch_gifts_staff_is_not_batch_staffs(tmp_path: Path, vendor: SandboxVendor) -> None:
    """Batch 'gifts-staff' ran with another ledger (another machine) on the same vendor account. A new batch
    'staff' must neither wait on its orders nor be settled into them: PO BS-GIFTS-STAFF-0001 matches
    'staff''s pattern ``.+-STAFF-<n>`` on main, so its rows wait for review and a person naming the rows was
    allowed to record them ordered in the other batch's order (never ordered)."""
    other = settings_in(tmp_path / "elsewhere")
    gifts = write_sheet(tmp_path / "gifts-staff.csv", range(20, 22))
    run(vendor, other, gifts)
    sheet = write_sheet(tmp_path / "staff.csv", range(1, 4))
    settings = settings_in(tmp_path)
    result = run(vendor, settings, sheet)
    if result.review_rows:  # main: held on the other batch's order; settling it there must be refused
        with pytest.raises(ReviewRefusedError, match="not one of batch 'staff'"):
            api.resolve_at_vendor(
                settings, "staff", "BS-GIFTS-STAFF-0001", "BS-GIFTS-STAFF-0001",
                rows=row_of(settings, "E1", "E2"), by="tester", client_factory=vendor.factory(),
            )  # fmt: skip
    # Waiting is the safe side (under a two-part prefix 'BS-GIFTS' that PO would be this batch's): never a
    # second card, and never rows recorded in an order that may be another batch's
    assert vendor.external_ids()["E1"] == 1 - bool(result.review_rows)


class PartialEcho(httpx.AsyncBaseTransport):
    """The vendor with faults switched on and off: ``list_down`` (GET /v1/Orders answers 503),
    ``post_faults`` (answers given to the next POSTs /v1/Orders instead of the vendor's, the last one
    for every POST after, e.g. a 504 then 422s), ``no_address`` (orders read back show each line's
    ExternalId but no delivery address)."""

    def __init__(self, vendor: SandboxVendor) -> None:
        self.vendor = vendor
        self.list_down = False
        self.post_faults: list[httpx.Response] = []
        self.no_address = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.lower()
        if request.method == "POST" and path == "/v1/orders" and self.post_faults:
            return self.post_faults.pop(0) if len(self.post_faults) > 1 else self.post_faults[0]
        if self.list_down and request.method == "GET" and path == "/v1/orders":
            return httpx.Response(503, json={"Message": "down"})
        response = await self.vendor.transport.handle_async_request(request)
        if not (self.no_address and request.method == "GET" and path.startswith("/v1/orders")):
            return response
        await response.aread()
        return httpx.Response(response.status_code, json=_strip_addresses(json.loads(response.content)))


def _strip_addresses(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_addresses(v) for k, v in value.items() if k.lower() != "physicaldeliveryaddress"}
    if isinstance(value, list):
        return [_strip_addresses(v) for v in value]
    return value


def test_a_row_whose_reference_is_on_no_line_is_not_tied_by_position(tmp_path: Path) -> None:
    """The vendor shows ExternalIds (not addresses). BS-STAFF-0001 (E1..E4) exists from before a lost ledger;
    the new plan's 0001 is E0..E3 (same cards). Its send gets no answer, the re-send a 422, and the list is
    down: 0001 is in doubt, its rows wait. The vendor's 0001 shows E1..E4: E0's reference is on none of its
    lines, so E0 is not in it. On main --at-vendor ties all four by "our own recorded send" (position), E0
    shown ordered, never ordered."""
    vendor = SandboxVendor(tmp_path)
    try:
        sheet = write_sheet(tmp_path / "staff.csv", range(1, 5))
        settings = settings_in(tmp_path)
        run(vendor, settings, sheet)
        settings.ledger.unlink()
        write_sheet(sheet, range(0, 4))
        faults = PartialEcho(vendor)
        faults.list_down = True
        faults.post_faults = [
            httpx.Response(504, json={"Message": "timeout"}),
            httpx.Response(422, json={"Message": "Insufficient funds"}),
        ]
        # a new batch with the list down is sent only on purpose (--allow-repeat)
        assert run(vendor, settings, sheet, faults, allow_repeat=True).review_rows == 4
        faults.list_down, faults.no_address, faults.post_faults = False, True, []
        with contextlib.suppress(ReviewRefusedError):
            api.resolve_at_vendor(
                settings, "staff", "BS-STAFF-0001", "BS-STAFF-0001", by="tester",
                client_factory=vendor.factory(faults),
            )  # fmt: skip
        assert rows_by_id(settings)["E0"].status != "ordered"  # main: ordered, never ordered
        assert vendor.external_ids()["E0"] == 0
    finally:
        vendor.close()
