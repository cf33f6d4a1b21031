"""What bulkship does when api-contract.md's assumptions about the vendor are wrong (issue 11): each test
reshapes one answer the way the "likely real" evidence suggests and checks that the client neither crashes
nor returns silently wrong data, and that the sandbox's likely-real dialect really speaks that way."""

from __future__ import annotations

import asyncio
import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pytest
from test_client import Vendor, Waits, client_for, create, order_body, run

from bulkship.client.parse import VendorObject, field, parse_order, parse_product, status_name
from bulkship.client.refusals import field_errors
from bulkship.errors import ConfigError, OrderRejectedError
from bulkship.ledger import Ledger
from bulkship.pipeline import run_batch
from bulkship.reconcile.compare import compare
from bulkship.sandbox import Sandbox, SandboxConfig, SyncASGITransport, create_app
from bulkship.sandbox.dialect import LIKELY_REAL, parse_dialect
from bulkship.settings import Settings


def listing(pages: Callable[[int, str | None], dict[str, Any] | list[Any]]) -> Vendor:
    def handler(request: httpx.Request) -> httpx.Response:
        index = int(request.url.params.get("pageIndex", "1"))
        return httpx.Response(200, json=pages(index, request.url.params.get("poNumber")))

    return Vendor(handler)


async def look_up(vendor: Vendor, po: str) -> Any:
    async with client_for(vendor) as client:
        return await client.look_up_order(po)


def test_an_answer_read_case_insensitively_reads_a_change_made_to_it_after() -> None:
    """The client lower-cases an answer's keys once (``VendorObject``): any change to the object is then read,
    never the value it had when first read."""
    decoded = json.loads('{"trackingNumber": "1Z1", "carrier": "UPS"}', object_pairs_hook=VendorObject)
    assert field(decoded, "TrackingNumber") == "1Z1"
    changes: list[Callable[[VendorObject], object]] = [
        lambda o: o.__setitem__("trackingNumber", "1Z2"),
        lambda o: o.update(trackingNumber="1Z3"),
        lambda o: o.__ior__({"trackingNumber": "1Z4"}),
        lambda o: o.pop("trackingNumber"),
        lambda o: o.setdefault("TRACKINGNUMBER", "1Z5"),
        lambda o: o.__delitem__("TRACKINGNUMBER"),
        lambda o: o.popitem(),
        lambda o: o.update({"trackingnumber": "1Z6"}),
        lambda o: o.clear(),
    ]
    seen = []
    for change in changes:
        change(decoded)
        seen.append((field(decoded, "TrackingNumber"), field(decoded, "Carrier")))
    assert seen == [
        ("1Z2", "UPS"), ("1Z3", "UPS"), ("1Z4", "UPS"), (None, "UPS"), ("1Z5", "UPS"), (None, "UPS"),
        (None, None), ("1Z6", None), (None, None),
    ]  # fmt: skip


ORDERS = [order_body(f"id-{n}", f"OTHER-{n:04d}") for n in range(7)] + [order_body("ours", "PO-1")]


# -- look-ups: found, absent, unknown ---------------------------------------------------------------------


def test_a_look_up_is_absent_only_when_the_filtered_list_says_it_is_complete() -> None:
    found = run(look_up(listing(lambda i, po: {"Data": [], "TotalCount": 0}), "PO-1"))
    assert found.absent and found.order is None


def test_a_list_that_ignores_the_filter_and_caps_pages_silently_is_read_to_its_end() -> None:
    pages = lambda i, po: {"data": ORDERS[(i - 1) * 3 : i * 3]}  # noqa: E731  (3 a page, whatever is asked)
    vendor = listing(pages)
    found = run(look_up(vendor, "PO-1"))
    assert found.order is not None and found.order.id == "ours"
    missing = run(look_up(listing(pages), "PO-2"))
    assert missing.absent  # the empty page after the last one proves the end


def test_a_list_without_po_numbers_never_proves_absence() -> None:
    hidden = [{k: v for k, v in o.items() if k != "PONumber"} for o in ORDERS]
    found = run(look_up(listing(lambda i, po: {"Data": hidden if i == 1 else []}), "PO-1"))
    assert found.unknown and "PONumber" in found.why_unknown


def test_a_list_that_ignores_page_index_never_proves_absence() -> None:
    found = run(look_up(listing(lambda i, po: {"Data": ORDERS[:3]}), "PO-1"))
    assert found.unknown and "pageIndex" in found.why_unknown


def test_a_short_page_alone_is_not_the_end_of_the_list() -> None:
    # 2 orders on page 1 (fewer than the 500 asked): without a PageSize or TotalCount, page 2 is read too
    pages = {1: ORDERS[:2], 2: ORDERS[-1:], 3: []}
    vendor = listing(lambda i, po: {"Data": pages.get(i, [])})
    assert run(look_up(vendor, "PO-1")).order is not None


def test_a_list_whose_pages_count_from_zero_never_proves_absence() -> None:
    # pageIndex=1 is this server's second page: the first one is never read, and TotalCount shows it
    pages = {0: ORDERS[:4], 1: ORDERS[4:]}
    vendor = listing(lambda i, po: {"Data": pages.get(i, []), "TotalCount": len(ORDERS), "PageSize": 4})
    assert run(look_up(vendor, "OTHER-0001")).unknown


def test_a_catalog_whose_pages_are_capped_silently_is_read_in_full() -> None:
    products = [
        {"id": f"P{i}", "type": "physical", "denominationType": "fixed", "denominations": [25],
         "availableDeliveryTypes": ["physicalShipment"]}
        for i in range(7)
    ]  # fmt: skip

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/ShippingMethods":
            return httpx.Response(200, json=[{"id": "STANDARD", "price": 0}])
        index = int(request.url.params["pageIndex"])
        return httpx.Response(200, json={"data": products[(index - 1) * 3 : index * 3]})  # 3, whatever asked

    async def go() -> Any:
        async with client_for(Vendor(handler)) as client:
            return await client.catalog()

    catalog = run(go())
    assert len(catalog.products) == 7 and all(p.ships_physically for p in catalog.products.values())
    assert "STANDARD" in catalog.shipping_methods


# -- 409, 201 and 400 bodies --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "conflict",
    [
        {"message": "Duplicate", "previousOrderIds": ["orig-7"]},
        {"message": "Duplicate", "previousOrderIds": "orig-7"},
        {"orderId": "orig-7"},
        {"Id": "someone-else", "PreviousOrderIds": ["orig-7"]},  # the first names an order of another PO
        # found by hunter-vendor: the original named as an object, or inside an envelope, was not read, and
        # a list that cannot prove the PO left the order in doubt on every run
        {"message": "Duplicate", "previousOrders": [{"id": "orig-7", "poNumber": "PO-1"}]},
        {"message": "Duplicate", "previousOrderIds": [{"orderId": "orig-7"}]},
        {"Message": "Duplicate PONumber", "ExistingOrder": {"Id": "orig-7", "PONumber": "PO-1"}},
        {"success": False, "error": {"message": "Duplicate", "previousOrderIds": ["orig-7"]}},
    ],
)
def test_a_409_names_the_original_in_any_of_its_forms_and_it_must_carry_our_po(conflict: Any) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return httpx.Response(409, json=conflict)
        order_id = request.url.path.rsplit("/", 1)[-1]
        po = "PO-1" if order_id == "orig-7" else "PO-OTHER"
        return httpx.Response(
            200, json={"id": order_id, "poNumber": po, "status": "pending", "lineItems": []}
        )

    result = run(create(client_for(Vendor(handler))))
    assert (result.created, result.order.id, result.order.po_number) == (False, "orig-7", "PO-1")


def test_a_201_with_the_id_only_in_location_is_read() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(201, headers={"Location": "https://vendor.test/v1/Orders/loc-42"})

    result = run(create(client_for(Vendor(handler))))
    assert result.created and result.order.id == "loc-42"


@pytest.mark.parametrize(
    "body",
    [
        {"Message": "The request is invalid.", "ModelState": {"order.LineItems[1].Zip": ["Bad zip"]}},
        {"title": "One or more validation errors occurred.", "errors": {"$.lineItems[1].zip": ["Bad zip"]}},
        {"Message": "Validation failed", "Errors": {"LineItems[1].Zip": ["Bad zip"]}},
        # found by hunter-vendor: a JSON pointer (RFC 6901, JSON:API) or a dotted index named no line, and
        # every row of the order failed with the bad one's message
        {
            "errors": [
                {"source": {"pointer": "/LineItems/1/PhysicalDeliveryAddress/Zip"}, "detail": "Bad zip"}
            ]
        },
        {"Message": "Validation failed", "Errors": {"lineItems.1.zip": ["Bad zip"]}},
        {"Message": "Validation failed", "Errors": [{"Field": "/lineItems/1/zip", "Message": "Bad zip"}]},
    ],
)
def test_400_bodies_in_every_style_name_the_line(body: Any) -> None:
    assert [k.lower() for k in field_errors(body)] in (
        ["lineitems[1].zip"],
        ["lineitems[1].physicaldeliveryaddress.zip"],
    )

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json=body)

    with pytest.raises(OrderRejectedError) as caught:
        run(create(client_for(Vendor(handler))))
    assert any(k.startswith("LineItems[1]") for k in caught.value.field_errors)


def test_a_429_with_a_bare_string_body_honours_retry_after() -> None:
    answers = [httpx.Response(429, text="Too many requests.", headers={"Retry-After": "7"})]
    answers.append(httpx.Response(201, json=order_body()))

    def handler(request: httpx.Request) -> httpx.Response:
        return answers.pop(0)

    waits = Waits()
    result = run(create(client_for(Vendor(handler), waits)))
    assert result.created and waits.waits == [7.0]


# -- statuses, enums, tracking, tokens ----------------------------------------------------------------------


def test_statuses_go_through_one_table_and_unknown_ones_stay_verbatim() -> None:
    assert [status_name(s) for s in ("pending", "IN_PROGRESS", "Canceled", "error", "fulfilled")] == [
        "Pending",
        "Pending",
        "Cancelled",
        "Failed",
        "Complete",
    ]
    assert status_name("Backordered") == "Backordered"  # never taken for "ordered" or anything else


def test_enum_values_in_camel_case_are_understood() -> None:
    product = parse_product(
        {"id": "CVS", "type": "physical", "denominationType": "variable", "denominations": [5, 500],
         "availableDeliveryTypes": ["physicalShipment"]}
    )  # fmt: skip
    assert product is not None and product.ships_physically and product.denomination_type == "Variable"


@pytest.mark.parametrize(
    "line",
    [
        {"id": "l1", "status": "shipped", "claimData": {"trackingNumber": "9400111", "carrier": "USPS"}},
        {"id": "l1", "status": "shipped", "claimData": [{"TrackingNumber": "9400111", "Carrier": "USPS"}]},
        {"id": "l1", "status": "shipped", "trackingNumber": "9400111", "carrier": "USPS"},
        {"id": "l1", "status": "shipped", "shipment": {"trackingNumber": "9400111", "carrier": "USPS"}},
    ],
)
def test_tracking_is_found_at_line_shipment_or_claim_level(line: dict[str, Any]) -> None:
    order = parse_order({"id": "o1", "poNumber": "PO-1", "status": "complete", "lineItems": [line]})
    [shipment] = order.line_items[0].shipments
    assert (shipment.tracking_number, shipment.carrier) == ("9400111", "USPS")
    assert order.status == "Complete" and order.line_items[0].status == "Shipped"


@pytest.mark.parametrize(("expires_in", "refetches_after"), [(60, 54), (0.001, 27), (86_400_000, 3240)])
def test_expires_in_is_read_safely(expires_in: float, refetches_after: float) -> None:
    now = [0.0]
    vendor = Vendor(lambda r: httpx.Response(200, json={"Data": [], "TotalCount": 0}), expires_in=expires_in)

    async def go() -> None:
        async with client_for(vendor, clock=lambda: now[0]) as client:
            await client.list_orders()
            now[0] = refetches_after - 0.5
            await client.list_orders()
            assert vendor.tokens == 1  # never a token per request
            now[0] = refetches_after + 0.5
            await client.list_orders()
            assert vendor.tokens == 2  # an hour-long reading at most: refreshed early, not late

    asyncio.run(go())


# -- the sandbox's likely-real dialect ---------------------------------------------------------------------


def test_dialects_are_named_by_text_with_one_knob_per_behaviour() -> None:
    assert parse_dialect("likely-real") == LIKELY_REAL
    custom = parse_dialect("documented,camel_case=true,list_page_cap=7")
    assert custom.camel_case and custom.list_page_cap == 7 and custom.echo_line_identity
    assert parse_dialect(custom.text) == custom
    with pytest.raises(ConfigError):
        parse_dialect("likely-real,no_such_knob=1")


def _sandbox_call(dialect: str, calls: Callable[[httpx.Client], Any], **config: Any) -> Any:
    sandbox = Sandbox(SandboxConfig(clock_speed=0, dialect=parse_dialect(dialect), **config))
    with httpx.Client(transport=SyncASGITransport(create_app(sandbox)), base_url="http://sb") as http:
        token = http.post(
            "/v1/Tokens", headers={"Email": sandbox.config.email, "AccessToken": sandbox.config.access_token}
        )
        if token.status_code == 200:
            http.headers["Authorization"] = (
                "Bearer " + token.json()["value" if "value" in token.json() else "Value"]
            )
        return calls(http)


def _order(value: float = 50) -> dict[str, Any]:
    address = {"ShippingMethodId": "STANDARD", "Name": "Ann", "AddressLine1": "1 Main St",
               "AddressLine2": "Apt 4", "City": "Boston", "State": "MA", "Zip": "02134"}  # fmt: skip
    line = {"ExternalId": "E1", "ProductId": "CVS", "Value": value, "Quantity": 1}
    return {
        "Type": "PhysicalShipment",
        "PONumber": "PO-1",
        "LineItems": [{**line, "PhysicalDeliveryAddress": address}],
    }


def test_the_likely_real_sandbox_answers_camel_case_without_echo_and_with_previous_order_ids() -> None:
    def calls(http: httpx.Client) -> list[Any]:
        return [http.post("/v1/Orders", json=_order()), http.post("/v1/Orders", json=_order())]

    created, duplicate = _sandbox_call("likely-real", calls)
    line = created.json()["lineItems"][0]
    assert created.json()["type"] == "physicalShipment" and "externalId" not in line
    assert "physicalDeliveryAddress" not in line and line["status"] == "pending"
    assert duplicate.status_code == 409 and set(duplicate.json()) == {"message", "previousOrderIds"}


def test_the_likely_real_sandbox_refuses_in_asp_net_style_and_throttles_with_a_bare_string() -> None:
    refused = _sandbox_call("likely-real", lambda http: http.post("/v1/Orders", json=_order(51)))
    assert refused.status_code == 400
    assert list(refused.json()["modelState"]) == ["order.LineItems[0].Value"]
    problem = _sandbox_call(
        "documented,error_style=problem", lambda http: http.post("/v1/Orders", json=_order(51))
    )
    assert list(problem.json()["errors"]) == ["$.LineItems[0].Value"]
    throttled = _sandbox_call("likely-real", lambda http: http.get("/v1/Products"), throttle_rate=1.0)
    assert throttled.status_code == 429 and throttled.text == "Too many requests."
    assert throttled.headers["Retry-After"] == "1"


# -- end to end: address line 2, reconcile's PO stems --------------------------------------------------------


def _sheet(path: Path, address2: str) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Employee ID", "Name", "Address", "Address 2", "City", "State", "ZIP", "Product",
                         "Amount"])  # fmt: skip
        writer.writerow(["E1", "Ann Lee", "1 Main St", address2, "Boston", "MA", "02134", "CVS", "25"])
    return path


@pytest.mark.parametrize(("dialect", "kept"), [("documented", True), ("likely-real", False)])
def test_address_line_2_is_never_lost(tmp_path: Path, dialect: str, kept: bool) -> None:
    settings = Settings(data_dir=tmp_path / "data", out_dir=tmp_path / "out", sandbox_dialect=dialect)
    result = run_batch(_sheet(tmp_path / "apt.csv", "Apt 4"), settings, wait_s=0)
    assert result.exit_code == 0
    sandbox = Sandbox(SandboxConfig(state_file=settings.sandbox_state_file))
    try:
        [order] = sandbox.orders()
    finally:
        sandbox.close()
    address = order["LineItems"][0]["PhysicalDeliveryAddress"]
    if kept:  # the documented sandbox keeps line 2 as its own field
        assert (address["AddressLine1"], address.get("AddressLine2")) == ("1 Main St", "Apt 4")
    else:  # a vendor that drops unknown fields: line 2 went out inside line 1
        assert address["AddressLine1"] == "1 Main St, Apt 4" and "AddressLine2" not in address
    with Ledger.open(settings.ledger, lock=False) as ledger:
        [sent] = ledger.orders()
    sent_address = sent.payload()["LineItems"][0]["PhysicalDeliveryAddress"]
    assert sent_address["AddressLine1"] == address["AddressLine1"]  # the ledger holds what was sent
    assert result.output is not None
    sheet = openpyxl.load_workbook(result.output, read_only=True)["Results"]
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    shown = any("sent inside line 1 as '1 Main St, Apt 4'" in c for c in cells)
    assert shown is not kept  # the result workbook shows the address line actually sent


def test_a_line_2_too_long_to_fold_fails_its_row_before_anything_is_sent(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", out_dir=tmp_path / "out", sandbox_dialect="likely-real")
    result = run_batch(_sheet(tmp_path / "apt.csv", "Building " + "B" * 95), settings, wait_s=0)
    assert result.invalid == 1 and result.ordered_rows == 0


def test_reconcile_matches_po_stems_exactly() -> None:
    from bulkship.models import VendorOrder

    theirs = [VendorOrder("a", "BS-GIFTS-1-0001", "Pending"), VendorOrder("b", "BS-GIFTS-0001-R1", "Pending")]
    report = compare([], theirs, batch="gifts", stem="BS-GIFTS")
    assert [o["po_number"] for o in report.vendor_only] == ["BS-GIFTS-0001-R1"]  # gifts-1's is not gifts'
    other = compare([], theirs, batch="gifts-1", stem="BS-GIFTS-1")
    assert [o["po_number"] for o in other.vendor_only] == ["BS-GIFTS-1-0001"]


def test_the_sandbox_command_speaks_the_likely_real_dialect(tmp_path: Path) -> None:
    from bulkship.sandbox.process import running_sandbox

    with running_sandbox("--dialect", "likely-real", startup_limit_s=120) as server:  # loaded machine: >20 s
        token = httpx.post(
            server.url + "/v1/Tokens",
            headers={"Email": server.printed["BULKSHIP_EMAIL"],
                     "AccessToken": server.printed["BULKSHIP_ACCESS_TOKEN"]},
            timeout=10,
        )  # fmt: skip
        config = httpx.get(server.url + "/_sandbox/config", timeout=10).json()
    assert set(token.json()) == {"value", "expiresIn"} and token.json()["expiresIn"] == 60
    assert config["dialect"].startswith("likely-real")


def _run_e2e_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    """`bulkship run` of test_e2e_track's list as its batch, answered in JSON."""
    from test_e2e_track import BATCH, _run_json, _write_input

    source = _write_input(tmp_path / "anniversary.csv")
    run = ["run", str(source), "--batch", BATCH, "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    return _run_json([*run, "--json"], capsys)


def test_run_track_and_reconcile_end_to_end_against_the_likely_real_dialect(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_e2e_track import BATCH, VALID_ROWS, _advance_sandbox, _results, _run_json

    monkeypatch.setenv("BULKSHIP_SANDBOX_DIALECT", "likely-real")
    code, data = _run_e2e_list(tmp_path, capsys)
    assert code == 3 and data["ordered_rows"] == len(VALID_ROWS), data  # the invalid rows need the user
    _advance_sandbox(days=30)
    code, _report = _run_json(["track", BATCH, "--json"], capsys)
    assert code == 0
    after = _results(Path(str(data["output"])))
    for row in VALID_ROWS:  # camelCase answers, no ExternalId echo: tracking still reaches each row
        assert after[row]["Tracking Number"] and after[row]["Status"] in ("shipped", "delivered"), after[row]
    code, report = _run_json(["reconcile", BATCH, "--json"], capsys)
    assert code == 0 and report["matches"], report


def test_a_vendor_line_status_bulkship_does_not_know_is_shown_as_the_vendor_wrote_it() -> None:
    from bulkship.ledger import RowRecord
    from bulkship.reconcile.join import row_status

    def row(status: str, line_status: str | None) -> RowRecord:
        return RowRecord("b", "fp", 2, status, "PO-1", 0, "E1", "li", None, None, line_status, None, None,
                         None, None, None, "now")  # fmt: skip

    assert row_status(row("ordered", "backordered"), None) == "backordered"  # never "ordered"
    assert row_status(row("ordered", "cancelled"), None) == "cancelled"
    assert row_status(row("ordered", None), None) == "ordered"
    assert row_status(row("review", None), None) == "needs review"


def test_a_lower_line_item_limit_than_assumed_fails_the_rows_with_the_vendors_words(tmp_path: Path) -> None:
    # api-contract assumes 100 line items per order; this vendor takes 2 and says so for the whole order
    class TwoLinesAtMost(httpx.AsyncBaseTransport):
        def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
            self.inner = inner

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            posted = request.method == "POST" and request.url.path.lower() == "/v1/orders"
            if posted and len(json.loads(request.content)["LineItems"]) > 2:
                body = {"Message": "The request is invalid.",
                        "ModelState": {"order.LineItems": ["At most 2 line items."]}}  # fmt: skip
                return httpx.Response(400, json=body)
            return await self.inner.handle_async_request(request)

    from support import SandboxVendor, write_sheet

    vendor = SandboxVendor(tmp_path)
    try:
        settings = Settings(data_dir=tmp_path / "data", out_dir=tmp_path / "out")
        sheet = write_sheet(tmp_path / "staff.csv", range(3))
        result = run_batch(
            sheet, settings, wait_s=0, client_factory=vendor.factory(TwoLinesAtMost(vendor.transport))
        )
        assert result.failed_rows == 3 and not vendor.sandbox.orders()  # nothing half-sent, no crash
        with Ledger.open(settings.ledger, lock=False) as ledger:
            errors = {r.error for r in ledger.batch_rows("staff")}
        assert errors == {"LineItems: At most 2 line items."}
        again = run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory(), max_lines=2)
        assert again.ordered_rows == 3 and vendor.external_ids() == {f"E{i}": 1 for i in range(3)}
    finally:
        vendor.close()


def test_reconcile_matches_a_vendor_that_lists_an_orders_lines_in_its_own_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by newcomer8: a vendor echoing no ExternalId and listing an order's lines last first made
    reconcile pair lines by position: "Mismatch ... product ledger TARGET vs vendor STARBUCKS" on every
    line, exit 1, for an order holding exactly the cards sent. Lines are tied by the line Id recorded for
    each row; what nothing ties is compared as the cards it holds."""
    from test_e2e_track import BATCH, _run_json

    monkeypatch.setenv("BULKSHIP_SANDBOX_DIALECT", "likely-real,lines_reversed=true")
    code, data = _run_e2e_list(tmp_path, capsys)
    assert data["ordered_rows"] > 1, data
    code, report = _run_json(["reconcile", BATCH, "--json"], capsys)
    assert code == 0 and report["matches"] and report["mismatches"] == [], report


def test_reconcile_names_a_card_the_vendor_holds_instead_of_one_sent_where_nothing_ties_lines() -> None:
    from decimal import Decimal

    from bulkship.ledger import OrderRecord
    from bulkship.models import VendorLineItem, VendorOrder

    def item(ext: str, product: str, value: int) -> dict[str, Any]:
        return {"ExternalId": ext, "ProductId": product, "Value": value, "Quantity": 1}

    def line(product: str, value: int) -> VendorLineItem:
        return VendorLineItem("", "", product, Decimal(value), 1, None, "Pending")

    payload = {"PONumber": "BS-B-0001", "LineItems": [item("E1", "CVS", 25), item("E2", "TARGET", 50)]}
    ours = OrderRecord("BS-B-0001", "b", 1, "BS-B-0001", "created", "V1", "Pending", json.dumps(payload),
                       Decimal(75), 2, None, "now", "now")  # fmt: skip

    def report(*lines: VendorLineItem) -> list[tuple[str, str, str]]:
        vendor = VendorOrder("V1", "BS-B-0001", "Pending", line_items=lines)
        found = compare([ours], [vendor], batch="b", stem="BS-B").mismatches
        return [(m.what, m.ledger, m.vendor) for m in found]

    assert report(line("TARGET", 50), line("CVS", 25)) == []  # listed in another order: the same cards
    assert report(line("TARGET", 50), line("CVS", 50)) == [
        ("cards", "1 x CVS 25.00", "0 x CVS 25.00"),
        ("cards", "0 x CVS 50.00", "1 x CVS 50.00"),
    ]
