"""The vendor client against scripted answers (httpx.MockTransport): what goes on the wire, what each status
becomes, when it retries and how long it waits. No test waits: sleep is injected and records the waits."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

import httpx
import pytest
from support import Waits

from bulkship.client import VendorClient
from bulkship.client.policy import BACKOFF_INITIAL_S, RateLimiter
from bulkship.errors import (
    AccessDeniedError,
    AuthenticationError,
    ConfigError,
    DuplicateOrderError,
    InsufficientFundsError,
    NotFoundError,
    OrderRejectedError,
    RateLimitedError,
    TerminalVendorError,
    VendorUnavailableError,
)

EMAIL = "buyer@example.com"
SECRET = "very-secret-access-token"
Handler = Callable[[httpx.Request], Awaitable[httpx.Response] | httpx.Response]


def order_body(order_id: str = "ord-1", po: str = "PO-1", **extra: Any) -> dict[str, Any]:
    return {
        "Id": order_id,
        "PONumber": po,
        "Type": "PhysicalShipment",
        "Status": "Pending",
        "LineItems": [{"Id": "li-1", "ProductId": "CVS", "Value": 50, "Quantity": 1, "Cost": 50.0}],
        **extra,
    }


PAYLOAD = {
    "Type": "PhysicalShipment",
    "PONumber": "PO-1",
    "LineItems": [
        {
            "ExternalId": "E1",
            "ProductId": "CVS",
            "Value": Decimal("50"),
            "Quantity": 1,
            "PhysicalDeliveryAddress": {"Name": "Ann", "Zip": "02134", "ShippingMethodId": "STANDARD"},
        }
    ],
}


class Vendor:
    """Issues tokens tok-1, tok-2, ... and hands every other request to ``handler``; records everything."""

    def __init__(self, handler: Handler, *, expires_in: float = 3600) -> None:
        self.handler = handler
        self.expires_in = expires_in
        self.requests: list[httpx.Request] = []
        self.tokens = 0

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        await asyncio.sleep(0)  # let other coroutines interleave, as a real network would
        if request.url.path == "/v1/Tokens":
            self.tokens += 1
            return httpx.Response(200, json={"Value": f"tok-{self.tokens}", "ExpiresIn": self.expires_in})
        answer = self.handler(request)
        return await answer if isinstance(answer, Awaitable) else answer

    def calls(self, method: str, path: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == method and r.url.path == path]


def client_for(vendor: Vendor, waits: Waits | None = None, **kwargs: Any) -> VendorClient:
    return VendorClient(
        "https://vendor.test/",
        EMAIL,
        SECRET,
        transport=httpx.MockTransport(vendor),
        sleep=waits or Waits(),
        rng=random.Random(0),
        **kwargs,
    )


def run(coro: Awaitable[Any]) -> Any:
    async def main() -> Any:
        return await coro

    return asyncio.run(main())


def scripted(*answers: httpx.Response | Exception) -> Handler:
    """Answers in order; the last one repeats."""
    queue = list(answers)

    def handler(request: httpx.Request) -> httpx.Response:
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(answer, Exception):
            raise answer
        return answer

    return handler


async def create(client: VendorClient, payload: dict[str, Any] = PAYLOAD) -> Any:
    async with client:
        return await client.create_order(payload)


# --- tokens --------------------------------------------------------------------------------------------


def test_token_is_fetched_once_with_email_and_access_token_headers_and_reused():
    vendor = Vendor(lambda r: httpx.Response(200, json=order_body()))

    async def three_reads(client: VendorClient) -> None:
        async with client:
            for _ in range(3):
                await client.get_order("ord-1")

    run(three_reads(client_for(vendor)))
    token_calls = vendor.calls("POST", "/v1/Tokens")
    assert len(token_calls) == 1
    assert token_calls[0].headers["Email"] == EMAIL
    assert token_calls[0].headers["AccessToken"] == SECRET
    assert token_calls[0].content == b""
    reads = vendor.calls("GET", "/v1/Orders/ord-1")
    assert [r.headers["Authorization"] for r in reads] == ["Bearer tok-1"] * 3
    assert all("AccessToken" not in r.headers for r in reads)


def test_token_is_refreshed_at_90_percent_of_its_lifetime():
    now = [0.0]
    vendor = Vendor(lambda r: httpx.Response(200, json=order_body()), expires_in=100)

    async def reads(client: VendorClient) -> None:
        async with client:
            await client.get_order("ord-1")
            now[0] = 89.0
            await client.get_order("ord-1")
            now[0] = 91.0
            await client.get_order("ord-1")

    run(reads(client_for(vendor, clock=lambda: now[0])))
    reads_seen = [r.headers["Authorization"] for r in vendor.calls("GET", "/v1/Orders/ord-1")]
    assert reads_seen == ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]


def test_401_fetches_a_new_token_once_and_repeats_the_request():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers["Authorization"] == "Bearer tok-1":
            return httpx.Response(401, json={"Message": "expired"})
        return httpx.Response(200, json=order_body())

    vendor = Vendor(handler)
    order = run(get(client_for(vendor), "ord-1"))
    assert order.id == "ord-1"
    assert vendor.tokens == 2


def test_401_after_a_fresh_token_is_an_authentication_error_that_reveals_no_secret():
    vendor = Vendor(lambda r: httpx.Response(401, json={"Message": "invalid token"}))
    waits = Waits()
    with pytest.raises(AuthenticationError) as caught:
        run(get(client_for(vendor, waits), "ord-1"))
    assert vendor.tokens == 2  # the original and exactly one refresh
    assert waits.waits == []  # never retried
    shown = str(caught.value) + repr(caught.value)
    assert SECRET not in shown and "tok-" not in shown and EMAIL not in shown


def test_bad_credentials_at_the_token_endpoint_are_one_clear_error():
    def token_refused(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"Message": "bad credentials"})

    transport = httpx.MockTransport(token_refused)
    client = VendorClient("https://vendor.test", EMAIL, SECRET, transport=transport, sleep=Waits())
    with pytest.raises(AuthenticationError) as caught:
        run(get(client, "x"))
    assert "did not accept these credentials" in str(caught.value)
    assert SECRET not in str(caught.value)


def test_eight_coroutines_rejected_at_once_cause_one_token_refresh():
    arrived: list[httpx.Request] = []
    all_in = asyncio.Event()

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.headers["Authorization"] == "Bearer tok-1":
            arrived.append(request)
            if len(arrived) == 8:
                all_in.set()
            await all_in.wait()  # all eight hold the old token when it is rejected
            return httpx.Response(401)
        return httpx.Response(200, json=order_body())

    vendor = Vendor(handler)

    async def eight(client: VendorClient) -> list[Any]:
        async with client:
            return await asyncio.gather(*(client.get_order("ord-1") for _ in range(8)))

    orders = run(eight(client_for(vendor)))
    assert len(orders) == 8
    assert vendor.tokens == 2


def test_403_is_access_denied_and_never_retried():
    vendor = Vendor(lambda r: httpx.Response(403, json={"Message": "API access disabled"}))
    waits = Waits()
    with pytest.raises(AccessDeniedError) as caught:
        run(create(client_for(vendor, waits)))
    assert "disabled" in str(caught.value)
    assert len(vendor.calls("POST", "/v1/Orders")) == 1
    assert waits.waits == []


def test_403_at_the_token_endpoint_is_access_denied():
    transport = httpx.MockTransport(lambda r: httpx.Response(403, json={"Message": "disabled"}))
    client = VendorClient("https://vendor.test", EMAIL, SECRET, transport=transport, sleep=Waits())
    with pytest.raises(AccessDeniedError):
        run(get(client, "x"))


def test_client_repr_and_settings_never_show_credentials():
    client = client_for(Vendor(lambda r: httpx.Response(200)))
    assert SECRET not in repr(client) and EMAIL not in repr(client)
    assert SECRET not in repr(vars(client))


async def get(client: VendorClient, order_id: str) -> Any:
    async with client:
        return await client.get_order(order_id)


# --- status codes and retries --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (
            400,
            {"Message": "Validation failed", "Errors": {"LineItems[0].Value": ["not allowed"]}},
            OrderRejectedError,
        ),
        (403, {"Message": "disabled"}, AccessDeniedError),
        (404, {"Message": "no such thing"}, NotFoundError),
        (422, {"Message": "Insufficient funds"}, InsufficientFundsError),
        (418, {"Message": "odd"}, TerminalVendorError),
    ],
)
def test_terminal_statuses_raise_their_error_after_one_attempt(status, body, error):
    vendor = Vendor(lambda r: httpx.Response(status, json=body))
    waits = Waits()
    with pytest.raises(error) as caught:
        run(create(client_for(vendor, waits)))
    assert len(vendor.calls("POST", "/v1/Orders")) == 1
    assert waits.waits == []
    assert caught.value.status_code == status
    assert caught.value.body == body  # the vendor's own words are kept for the user
    assert body["Message"] in str(caught.value)


def test_400_carries_the_vendors_field_errors_by_path():
    body = {
        "message": "Validation failed",
        "errors": {"LineItems[3].Value": ["Value 30 is not a denomination"], "PONumber": "too long"},
    }
    vendor = Vendor(lambda r: httpx.Response(400, json=body))
    with pytest.raises(OrderRejectedError) as caught:
        run(create(client_for(vendor)))
    assert caught.value.field_errors == {
        "LineItems[3].Value": ["Value 30 is not a denomination"],
        "PONumber": ["too long"],
    }
    assert "PO-1" in str(caught.value)


def test_field_errors_given_as_a_list_are_read_too():
    body = {"Errors": [{"Field": "LineItems[0].Zip", "Message": "bad zip"}]}
    vendor = Vendor(lambda r: httpx.Response(400, json=body))
    with pytest.raises(OrderRejectedError) as caught:
        run(create(client_for(vendor)))
    assert caught.value.field_errors == {"LineItems[0].Zip": ["bad zip"]}


def test_5xx_504_and_transport_errors_are_retried_with_the_same_bytes_on_the_wire():
    request = httpx.Request("POST", "https://vendor.test/v1/Orders")
    vendor = Vendor(
        scripted(
            httpx.Response(500),
            httpx.Response(503, json={"Message": "busy"}),
            httpx.ConnectError("connection refused", request=request),
            httpx.ReadTimeout("timed out", request=request),
            httpx.Response(201, json=order_body()),
        )
    )
    waits = Waits()
    result = run(create(client_for(vendor, waits, max_attempts=6)))
    assert result.created is True and result.order.id == "ord-1"
    posts = vendor.calls("POST", "/v1/Orders")
    assert len(posts) == 5
    assert len({p.content for p in posts}) == 1  # identical bodies: the idempotency key is the order's
    sent = json.loads(posts[0].content)
    assert sent["PONumber"] == "PO-1"
    assert sent["LineItems"][0]["Value"] == 50
    assert sent["LineItems"][0]["PhysicalDeliveryAddress"]["Zip"] == "02134"
    assert posts[0].headers["Content-Type"] == "application/json"
    assert len(waits.waits) == 4


def test_backoff_grows_exponentially_with_jitter_and_is_capped():
    vendor = Vendor(lambda r: httpx.Response(504))
    waits = Waits()
    with pytest.raises(VendorUnavailableError):
        run(get(client_for(vendor, waits, max_attempts=10), "ord-1"))
    assert len(waits.waits) == 9
    for attempt, wait in enumerate(waits.waits, start=1):
        ceiling = min(30.0, BACKOFF_INITIAL_S * 2 ** (attempt - 1))
        assert ceiling / 2 <= wait <= ceiling
    assert max(waits.waits) <= 30.0
    assert len(set(waits.waits)) == len(waits.waits)  # jittered, not lock-step


def test_429_honours_retry_after():
    vendor = Vendor(
        scripted(
            httpx.Response(429, headers={"Retry-After": "7"}),
            httpx.Response(429, headers={"Retry-After": "0.5"}),
            httpx.Response(201, json=order_body()),
        )
    )
    waits = Waits()
    result = run(create(client_for(vendor, waits)))
    assert result.created
    assert waits.waits == [7.0, 0.5]


@pytest.mark.parametrize("retry_after", ["0", "-5", "Wed, 21 Oct 2015 07:28:00 GMT"])
def test_a_retry_after_of_no_time_backs_off_all_the_same(retry_after: str) -> None:
    """Found by hunter-vendor: 'Retry-After: 0' (or negative, or a date gone by) was waited as 0 s: a
    throttled vendor got every attempt at once, and after five the order was given up as in doubt."""
    vendor = Vendor(
        scripted(
            httpx.Response(429, headers={"Retry-After": retry_after}),
            httpx.Response(429, headers={"Retry-After": retry_after}),
            httpx.Response(201, json=order_body()),
        )
    )
    waits = Waits()
    result = run(create(client_for(vendor, waits)))
    assert result.created
    assert len(waits.waits) == 2 and all(w >= BACKOFF_INITIAL_S / 2 for w in waits.waits), waits.waits


def test_a_retry_after_longer_than_bulkship_waits_gives_up_at_once_and_says_it_was_not_created() -> None:
    """Found by hunter-vendor: 'Retry-After: 86400' was waited 300 s at each of the five attempts: the run sat
    silent for 20 minutes an order, to be refused again. Asked to wait longer than it ever waits, the client
    stops at once and says what the vendor asked."""
    vendor = Vendor(lambda r: httpx.Response(429, headers={"Retry-After": "86400"}))
    waits = Waits()
    with pytest.raises(RateLimitedError) as refused:
        run(create(client_for(vendor, waits)))
    assert waits.waits == [] and len(vendor.calls("POST", "/v1/Orders")) == 1
    assert "not created" in refused.value.message and "86400" in refused.value.message


def test_a_503_with_retry_after_waits_as_the_vendor_asks() -> None:
    """Found by hunter-vendor: a vendor under load answering 503 with 'Retry-After: 20' was asked again after
    0.25..8 s of backoff, five times within seconds, and the order was left in doubt; it is asked again when
    the vendor said (at most 300 s), as for a 429."""
    vendor = Vendor(
        scripted(
            httpx.Response(503, headers={"Retry-After": "20"}),
            httpx.Response(201, json=order_body()),
        )
    )
    waits = Waits()
    result = run(create(client_for(vendor, waits)))
    assert result.created and waits.waits == [20.0]
    down = Vendor(lambda r: httpx.Response(503, headers={"Retry-After": "3600"}))  # maintenance for an hour
    waits = Waits()
    with pytest.raises(VendorUnavailableError) as unknown:
        run(create(client_for(down, waits)))
    assert waits.waits == [] and len(down.calls("POST", "/v1/Orders")) == 1
    assert "whether it was created is unknown" in unknown.value.message


def test_429_without_retry_after_backs_off_and_finally_says_rate_limited_for_reads():
    vendor = Vendor(lambda r: httpx.Response(429))
    waits = Waits()
    with pytest.raises(RateLimitedError):
        run(get(client_for(vendor, waits, max_attempts=3), "ord-1"))
    assert len(waits.waits) == 2 and all(w > 0 for w in waits.waits)


def test_create_that_never_gets_an_answer_says_the_outcome_is_unknown_and_how_to_resolve_it():
    request = httpx.Request("POST", "https://vendor.test/v1/Orders")
    vendor = Vendor(scripted(httpx.ReadTimeout("timed out", request=request)))
    with pytest.raises(VendorUnavailableError) as caught:
        run(create(client_for(vendor, max_attempts=3)))
    message = str(caught.value)
    assert "unknown" in message
    assert "PO-1" in message and "re-run" in message
    assert len(vendor.calls("POST", "/v1/Orders")) == 3


@pytest.mark.parametrize(
    "conflict",
    [
        {"Message": "Duplicate PONumber", "Id": "orig-7", "PreviousOrderIds": ["orig-7"]},
        {"message": "Duplicate", "orderId": "orig-7"},
        {"previousOrderIds": ["orig-7"]},
    ],
)
def test_409_resolves_to_the_original_order(conflict):
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return httpx.Response(409, json=conflict)
        assert request.url.path == "/v1/Orders/orig-7"
        return httpx.Response(200, json=order_body("orig-7", "PO-1", Status="Complete"))

    vendor = Vendor(handler)
    waits = Waits()
    result = run(create(client_for(vendor, waits)))
    assert result.created is False
    assert result.order.id == "orig-7" and result.order.status == "Complete"
    assert waits.waits == []


def test_a_commit_then_a_lost_answer_resolves_to_the_one_order_on_retry():
    orders: dict[str, dict[str, Any]] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            po = json.loads(request.content)["PONumber"]
            if po in orders:
                return httpx.Response(409, json={"Id": orders[po]["Id"]})
            orders[po] = order_body(f"ord-{len(orders) + 1}", po)
            raise httpx.RemoteProtocolError("server disconnected", request=request)
        return httpx.Response(200, json=next(iter(orders.values())))

    result = run(create(client_for(Vendor(handler))))
    assert len(orders) == 1
    assert result.created is False and result.order.id == "ord-1" and result.order.po_number == "PO-1"


def test_409_without_an_id_is_looked_up_by_ponumber():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return httpx.Response(409, json={"Message": "Duplicate PONumber"})
        assert request.url.params["poNumber"] == "PO-1"
        return httpx.Response(200, json={"Data": [order_body("orig-9", "PO-1")], "TotalCount": 1})

    result = run(create(client_for(Vendor(handler))))
    assert (result.created, result.order.id) == (False, "orig-9")


def test_409_that_cannot_be_resolved_is_a_duplicate_order_error():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return httpx.Response(409, json={"Message": "Duplicate PONumber"})
        return httpx.Response(200, json={"Data": [], "TotalCount": 0})

    with pytest.raises(DuplicateOrderError) as caught:
        run(create(client_for(Vendor(handler))))
    assert "PO-1" in str(caught.value)


def test_an_answer_that_is_not_json_is_a_clear_error_not_a_crash():
    vendor = Vendor(
        lambda r: httpx.Response(200, text="<html>Welcome</html>", headers={"content-type": "text/html"})
    )
    with pytest.raises(TerminalVendorError) as caught:
        run(get(client_for(vendor), "x"))
    assert "not JSON" in str(caught.value)


# --- parsing -------------------------------------------------------------------------------------------


def test_orders_are_read_case_insensitively_and_unknown_or_missing_fields_do_not_crash():
    body = {
        "id": "o-1",
        "poNumber": "PO-9",
        "STATUS": "Complete",
        "somethingNew": {"x": 1},
        "lineItems": [
            {
                "id": "li-1",
                "externalId": "E1",
                "productId": "CVS",
                "value": "25.50",
                "quantity": 2,
                "status": "Shipped",
                "shipments": [
                    {"trackingNumber": "1Z999", "carrier": "UPS", "trackingUrl": "https://t/1Z999"}
                ],
            },
            {"productId": "TARGET"},
        ],
    }
    order = run(get(client_for(Vendor(lambda r: httpx.Response(200, json=body))), "o-1"))
    assert (order.id, order.po_number, order.status) == ("o-1", "PO-9", "Complete")
    first, second = order.line_items
    assert (first.external_id, first.value, first.quantity, first.status) == (
        "E1",
        Decimal("25.50"),
        2,
        "Shipped",
    )
    assert first.shipments[0].tracking_number == "1Z999" and first.shipments[0].carrier == "UPS"
    assert (second.product_id, second.quantity, second.cost, second.shipments) == ("TARGET", 1, None, ())


def product(pid: str, **extra: Any) -> dict[str, Any]:
    return {
        "Id": pid,
        "Name": f"{pid} card",
        "Type": "Physical",
        "DenominationType": "Fixed",
        "Denominations": [10, 25],
        "AvailableDeliveryTypes": ["PhysicalShipment"],
        **extra,
    }


def catalog_vendor(products: list[dict[str, Any]], page_size: int = 3) -> Vendor:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/ShippingMethods":
            return httpx.Response(
                200,
                json=[
                    {"Id": "STANDARD", "Name": "Standard", "Price": 0, "EstimatedDeliveryDays": 7},
                    {"id": "OVERNIGHT", "name": "Overnight", "price": "24.95", "estimatedDeliveryDays": 1},
                ],
            )
        index = int(request.url.params["pageIndex"])
        chunk = products[(index - 1) * page_size : index * page_size]
        return httpx.Response(
            200, json={"Page": index, "PageSize": page_size, "TotalCount": len(products), "Data": chunk}
        )

    return Vendor(handler)


def test_catalog_reads_every_page_and_the_shipping_methods():
    vendor = catalog_vendor([product(f"P{i}") for i in range(7)])

    async def read(client: VendorClient) -> Any:
        async with client:
            return await client.catalog()

    catalog = run(read(client_for(vendor)))
    assert sorted(catalog.products) == [f"P{i}" for i in range(7)]
    pages = [int(r.url.params["pageIndex"]) for r in vendor.calls("GET", "/v1/Products")]
    assert pages == [1, 2, 3]
    assert catalog.shipping_methods["OVERNIGHT"].price == Decimal("24.95")
    assert catalog.shipping_methods["STANDARD"].estimated_delivery_days == 7


def test_catalog_paging_stops_when_total_count_is_missing_and_a_page_is_short():
    products = [product(f"P{i}") for i in range(4)]

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/ShippingMethods":
            return httpx.Response(200, json={"data": [{"Id": "STANDARD", "Price": 0}]})
        index = int(request.url.params["pageIndex"])
        return httpx.Response(200, json={"data": products[(index - 1) * 3 : index * 3], "pageSize": 3})

    vendor = Vendor(handler)
    catalog = run(catalog_of(client_for(vendor)))
    assert len(catalog.products) == 4 and "STANDARD" in catalog.shipping_methods
    assert len(vendor.calls("GET", "/v1/Products")) == 2


async def catalog_of(client: VendorClient, refresh: bool = False) -> Any:
    async with client:
        return await client.catalog(refresh=refresh)


def test_catalog_is_cached_in_memory_until_refresh():
    vendor = catalog_vendor([product("CVS")])

    async def twice(client: VendorClient) -> None:
        async with client:
            await client.catalog()
            await client.catalog()
            assert len(vendor.calls("GET", "/v1/Products")) == 1
            await client.catalog(refresh=True)
            assert len(vendor.calls("GET", "/v1/Products")) == 2

    run(twice(client_for(vendor)))


def test_products_are_read_case_insensitively_with_card_carriers_costs_and_variable_ranges():
    raw = {
        "id": "VISA-PREPAID",
        "name": "Visa Prepaid",
        "type": "Physical",
        "denominationType": "Variable",
        "denominations": [500, 20],
        "availableDeliveryTypes": ["PhysicalShipment"],
        "meta": {
            "shippingConfiguration": {
                "fulfillmentGroup": "visa",
                "hasRequiredCardCarriers": True,
                "cardCarriers": [{"id": "BDAY", "name": "Birthday"}, {"Id": "DEFAULT", "Name": "Plain"}],
            }
        },
        "cost": {"fee": 3.95, "discountPercentage": "0"},
        "currencyCode": "USD",
    }
    bare = {"Id": "CVS", "Denominations": [10, "oops", None, 25], "Meta": None, "Cost": "n/a"}
    catalog = run(catalog_of(client_for(catalog_vendor([raw, bare, {"Name": "no id"}]))))
    visa = catalog.product("visa-prepaid")
    assert visa is not None
    assert visa.denominations == (Decimal(20), Decimal(500))
    assert visa.denomination_type == "Variable"  # any cent amount from 20.00 to 500.00 (rules/catalog)
    assert visa.requires_card_carrier and visa.fulfillment_group == "visa"
    assert [c.id for c in visa.card_carriers] == ["DEFAULT", "BDAY"]
    assert visa.fee == Decimal("3.95")
    cvs = catalog.product("CVS")
    assert cvs.denominations == (Decimal(10), Decimal(25))
    assert [c.id for c in cvs.card_carriers] == ["DEFAULT"]  # DEFAULT is always valid
    assert cvs.fee == Decimal(0) and not cvs.ships_physically
    assert len(catalog.products) == 2  # a record without an Id cannot be ordered


# --- listing, balance ----------------------------------------------------------------------------------


def test_list_orders_reads_every_page_and_find_order_matches_the_exact_ponumber():
    every = [order_body(f"o-{i}", f"PO-{i}") for i in range(5)]

    def handler(request: httpx.Request) -> httpx.Response:
        index = int(request.url.params["pageIndex"])  # this server ignores the poNumber filter
        return httpx.Response(200, json={"Data": every[(index - 1) * 2 : index * 2], "TotalCount": 5})

    async def use(client: VendorClient) -> Any:
        async with client:
            return (
                await client.list_orders(),
                await client.find_order("PO-3"),
                await client.find_order("PO-77"),
            )

    listed, found, missing = run(use(client_for(Vendor(handler))))
    assert [o.id for o in listed] == [f"o-{i}" for i in range(5)]
    assert found.id == "o-3"
    assert missing is None


def test_balance_is_read_when_offered_and_none_when_the_api_has_none():
    offered = Vendor(
        lambda r: httpx.Response(200, json={"available": 1500.5, "pending": "20", "currencyCode": "USD"})
    )
    absent = Vendor(lambda r: httpx.Response(404))

    async def balance(client: VendorClient) -> Any:
        async with client:
            return await client.balance()

    assert run(balance(client_for(offered))).available == Decimal("1500.5")
    assert run(balance(client_for(absent))) is None


# --- configuration -------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["https://vendor.test", "https://vendor.test/", "https://vendor.test/v1/"])
def test_the_base_url_may_be_given_with_or_without_v1(url):
    vendor = Vendor(lambda r: httpx.Response(200, json=order_body()))
    client = VendorClient(url, EMAIL, SECRET, transport=httpx.MockTransport(vendor), sleep=Waits())
    run(get(client, "ord-1"))
    assert {str(r.url) for r in vendor.requests} >= {"https://vendor.test/v1/Orders/ord-1"}


@pytest.mark.parametrize("url", ["vendor.test", "ftp://vendor.test", "https://"])
def test_an_unusable_base_url_is_a_config_error(url):
    with pytest.raises(ConfigError):
        VendorClient(url, EMAIL, SECRET)


def test_rate_limiter_spaces_concurrent_requests():
    now = [0.0]
    waits = Waits()
    limiter = RateLimiter(4.0, sleep=waits, clock=lambda: now[0])

    async def five() -> None:
        await asyncio.gather(*(limiter.acquire() for _ in range(5)))

    run(five())
    assert sorted(waits.waits) == [0.25, 0.5, 0.75, 1.0]


def test_client_side_rate_limit_applies_to_every_request_of_one_client():
    waits = Waits()
    vendor = Vendor(lambda r: httpx.Response(200, json=order_body()))

    async def burst(client: VendorClient) -> None:
        async with client:
            await asyncio.gather(*(client.get_order("ord-1") for _ in range(3)))

    run(burst(client_for(vendor, waits, rate_limit=2.0, clock=lambda: 0.0)))
    # token + 3 reads, at 2 per second on a frozen clock: slots at 0, 0.5, 1.0, 1.5
    assert sorted(waits.waits) == [0.5, 1.0, 1.5]
