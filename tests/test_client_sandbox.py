"""The client against the real embedded sandbox (in-process ASGI): orders, duplicates, errors, and each fault
knob resolving to exactly one order per PONumber. Sleep is injected: no test waits for a backoff."""

from __future__ import annotations

import asyncio
import random
import ssl
from collections.abc import Awaitable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from support import Waits
from support.forkserver import ForkServer, sandbox
from support.vendor_proxy import VendorProxy

from bulkship.client import SANDBOX_BASE_URL, CreateResult, VendorClient, connect
from bulkship.errors import AccessDeniedError, InsufficientFundsError, OrderRejectedError
from bulkship.sandbox import Sandbox, SandboxConfig, create_app
from bulkship.settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL, Settings


def sandbox_client(waits: Waits | None = None, *, max_attempts: int = 5, **knobs: Any) -> VendorClient:
    sandbox = Sandbox(SandboxConfig(state_file=None, clock_speed=0, **knobs))
    return VendorClient(
        SANDBOX_BASE_URL,
        SANDBOX_EMAIL,
        SANDBOX_ACCESS_TOKEN,
        transport=httpx.ASGITransport(app=create_app(sandbox)),
        sleep=waits or Waits(),
        rng=random.Random(0),
        max_attempts=max_attempts,
    )


def payload(po: str, *, product: str = "CVS", value: Any = 50, recipients: int = 1) -> dict[str, Any]:
    return {
        "Type": "PhysicalShipment",
        "PONumber": po,
        "LineItems": [
            {
                "ExternalId": f"{po}-{i}",
                "ProductId": product,
                "Value": value,
                "Quantity": 1,
                "PhysicalDeliveryAddress": {
                    "ShippingMethodId": "STANDARD",
                    "CarrierId": "DEFAULT",
                    "Name": f"Recipient {i}",
                    "AddressLine1": "123 Main Street",
                    "City": "New York",
                    "State": "NY",
                    "Zip": "10001",
                    "Country": "US",
                },
            }
            for i in range(recipients)
        ],
    }


def run(coro: Awaitable[Any]) -> Any:
    async def main() -> Any:
        return await coro

    return asyncio.run(main())


def test_create_then_duplicate_then_get_list_and_find():
    async def scenario(client: VendorClient) -> None:
        async with client:
            first = await client.create_order(payload("PO-A", recipients=2))
            assert isinstance(first, CreateResult) and first.created
            assert first.order.po_number == "PO-A" and first.order.id
            assert [li.external_id for li in first.order.line_items] == ["PO-A-0", "PO-A-1"]
            assert first.order.cost == Decimal("100")  # CVS 50 x 2, STANDARD free in the built-in catalog

            again = await client.create_order(payload("PO-A", recipients=2))
            assert again.created is False and again.order.id == first.order.id

            fetched = await client.get_order(first.order.id)
            assert fetched.po_number == "PO-A"
            await client.create_order(payload("PO-B"))
            assert {o.po_number for o in await client.list_orders()} == {"PO-A", "PO-B"}
            assert [o.id for o in await client.list_orders(po_number="PO-A")] == [first.order.id]
            found = await client.find_order("PO-B")
            assert found is not None and found.po_number == "PO-B"
            assert await client.find_order("PO-NONE") is None

    run(scenario(sandbox_client()))


def test_catalog_of_the_sandbox_has_the_built_in_products_and_shipping_methods():
    async def read(client: VendorClient) -> Any:
        async with client:
            return await client.catalog()

    catalog = run(read(sandbox_client()))
    assert {"CVS", "TARGET", "VISA-PREPAID"} <= set(catalog.products)
    visa = catalog.products["VISA-PREPAID"]
    assert visa.denomination_type == "Variable" and visa.requires_card_carrier and visa.fee > 0
    assert len(visa.card_carriers) > 1 and visa.card_carriers[0].id == "DEFAULT"
    assert any(not p.ships_physically for p in catalog.products.values())
    assert {"STANDARD", "EXPEDITED", "OVERNIGHT"} <= set(catalog.shipping_methods)


def test_a_bad_value_is_rejected_with_the_line_items_field_named():
    with pytest.raises(OrderRejectedError) as caught:
        run(create_one(sandbox_client(), payload("PO-BAD", value=30)))
    assert any(path.startswith("LineItems[0]") for path in caught.value.field_errors)


def test_insufficient_funds_is_422_and_not_retried():
    waits = Waits()
    with pytest.raises(InsufficientFundsError):
        run(create_one(sandbox_client(waits, balance=Decimal("10")), payload("PO-POOR")))
    assert waits.waits == []


def test_disabled_credentials_are_access_denied():
    with pytest.raises(AccessDeniedError):
        run(create_one(sandbox_client(disabled_emails=frozenset({SANDBOX_EMAIL})), payload("PO-X")))


async def create_one(client: VendorClient, body: dict[str, Any]) -> CreateResult:
    async with client:
        return await client.create_order(body)


@pytest.mark.parametrize(
    "knob",
    [
        {"error_rate": 0.5},
        {"timeout_rate": 0.5},
        {"throttle_rate": 0.5},
        {"drop_after_commit_rate": 0.5},
        {"error_rate": 0.2, "timeout_rate": 0.2, "throttle_rate": 0.2, "drop_after_commit_rate": 0.3},
    ],
    ids=["errors", "timeouts", "throttle", "drop-after-commit", "all"],
)
def test_each_fault_knob_resolves_to_exactly_one_order_per_ponumber(knob):
    waits = Waits()
    po_numbers = [f"PO-F{i}" for i in range(12)]

    async def scenario(client: VendorClient) -> tuple[list[CreateResult], list[Any]]:
        async with client:
            results = [await client.create_order(payload(po)) for po in po_numbers]
            return results, await client.list_orders()

    results, orders = run(scenario(sandbox_client(waits, max_attempts=25, seed=7, **knob)))
    assert sorted(o.po_number for o in orders) == sorted(po_numbers)  # one order each, none doubled
    assert [r.order.po_number for r in results] == po_numbers
    assert len({r.order.id for r in results}) == len(po_numbers)
    assert waits.waits  # the knob fired and the client retried
    if "drop_after_commit_rate" in knob:
        assert any(not r.created for r in results)  # a dropped answer resolved through 409


def test_throttled_requests_wait_the_sandboxs_retry_after():
    waits = Waits()
    run(create_one(sandbox_client(waits, throttle_rate=0.6, seed=3, max_attempts=20), payload("PO-T")))
    assert waits.waits and all(w == 1.0 for w in waits.waits)


def test_connect_uses_the_embedded_sandbox_with_its_state_file(tmp_path: Path):
    settings = Settings(api_url=None, data_dir=tmp_path)

    async def create(client: VendorClient) -> CreateResult:
        async with client:
            return await client.create_order(payload("PO-STATE"))

    created = run(create(connect(settings)))
    assert created.created
    assert settings.sandbox_state_file.exists()
    again = run(create(connect(settings)))  # a new process tomorrow sees the same orders
    assert again.created is False and again.order.id == created.order.id


def test_an_expired_token_is_replaced_once_and_the_request_goes_through():
    sandbox = Sandbox(SandboxConfig(state_file=None, clock_speed=0, token_ttl=60))
    client = VendorClient(
        SANDBOX_BASE_URL,
        SANDBOX_EMAIL,
        SANDBOX_ACCESS_TOKEN,
        transport=httpx.ASGITransport(app=create_app(sandbox)),
        sleep=Waits(),
        clock=lambda: 0.0,  # the client believes its token is fresh; only the vendor knows it expired
    )

    async def scenario() -> Any:
        async with client:
            created = await client.create_order(payload("PO-TTL"))
            sandbox.advance(120)
            return created, await client.get_order(created.order.id)

    created, fetched = run(scenario())
    assert fetched.id == created.order.id
    assert client.token_fetches == 2


def test_concurrent_creates_under_faults_still_give_one_order_each():
    waits = Waits()
    po_numbers = [f"PO-C{i}" for i in range(16)]
    knobs = {"error_rate": 0.2, "timeout_rate": 0.2, "drop_after_commit_rate": 0.3, "throttle_rate": 0.1}

    async def scenario(client: VendorClient) -> tuple[list[CreateResult], list[Any]]:
        async with client:
            results = await asyncio.gather(*(client.create_order(payload(po)) for po in po_numbers))
            return list(results), await client.list_orders()

    results, orders = run(scenario(sandbox_client(waits, max_attempts=25, seed=11, **knobs)))
    assert sorted(o.po_number for o in orders) == sorted(po_numbers)
    assert sorted(r.order.po_number for r in results) == sorted(po_numbers)


@contextmanager
def sandbox_server(forks: ForkServer, *flags: str) -> Iterator[str]:
    """``bulkship sandbox --port 0 [flags]`` as a process of its own on loopback (forked:
    support.forkserver): yields its URL, then stops it."""
    with sandbox(forks, *flags) as server:
        assert server.url.startswith("http://127.0.0.1:")
        yield server.url


def test_over_real_http_a_dropped_connection_after_commit_resolves_to_one_order(
    tmp_path: Path, bulkship_forks: ForkServer
):
    po_numbers = [f"PO-H{i}" for i in range(8)]

    async def scenario(url: str) -> tuple[list[CreateResult], list[Any]]:
        settings = Settings(
            api_url=url, email=SANDBOX_EMAIL, access_token=SANDBOX_ACCESS_TOKEN, data_dir=tmp_path
        )
        async with connect(settings, sleep=Waits(), max_attempts=25) as client:
            results = [await client.create_order(payload(po)) for po in po_numbers]
            return results, await client.list_orders()

    with sandbox_server(bulkship_forks, "--drop-after-commit-rate", "0.5", "--seed", "5") as url:
        results, orders = run(scenario(url))
    assert sorted(o.po_number for o in orders) == sorted(po_numbers)
    assert any(not r.created for r in results)  # some answers were lost and resolved through 409


def test_a_plain_http_vendor_is_asked_without_loading_certificates_and_https_still_verifies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Loading the CA bundle costs ~20-60 ms of CPU a client: a vendor on plain HTTP (the sandbox as a server)
    never needs it; HTTPS, or a proxy from the environment, still verifies certificates against it."""
    loaded: list[object] = []
    real = ssl.create_default_context

    def counted(*args: Any, **kwargs: Any) -> ssl.SSLContext:
        loaded.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(ssl, "create_default_context", counted)
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)

    async def catalog(settings: Settings) -> int:
        async with connect(settings, sleep=Waits()) as client:
            return len((await client.catalog()).products)

    with VendorProxy(tmp_path) as vendor:
        assert run(catalog(vendor.settings(tmp_path))) > 0  # over a real socket
    assert loaded == []
    https = Settings(api_url="https://vendor.example", email="e", access_token="t", data_dir=tmp_path)
    connect(https)
    assert len(loaded) == 1
    monkeypatch.setenv("HTTP_PROXY", "https://proxy.example:3128")  # a proxy that may speak TLS
    connect(Settings(api_url="http://vendor.example", email="e", access_token="t", data_dir=tmp_path))
    assert len(loaded) == 2
