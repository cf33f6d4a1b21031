"""``bulkship catalog`` as a user runs it, through ``bulkship.cli.main``: stdout, stderr, exit codes."""

from __future__ import annotations

import json
import sys
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pytest

import bulkship.client as client_module
from bulkship.cli import main
from bulkship.client import policy

SECRET = "cli-secret-token"
REAL_CONNECT = client_module.connect

PRODUCTS = [
    {
        "Id": "CVS",
        "Name": "CVS Pharmacy",
        "DenominationType": "Fixed",
        "Denominations": [10, 25, 50, 100],
        "AvailableDeliveryTypes": ["DigitalDelivery", "PhysicalShipment"],
        "Cost": {"Fee": 0, "DiscountPercentage": 2.5},
    },
    {
        "Id": "VISA-PREPAID",
        "Name": "Visa Prepaid",
        "DenominationType": "Variable",
        "Denominations": [20, 500],
        "AvailableDeliveryTypes": ["PhysicalShipment"],
        "Meta": {
            "ShippingConfiguration": {
                "HasRequiredCardCarriers": True,
                "CardCarriers": [{"Id": "BIRTHDAY", "Name": "Birthday"}],
            }
        },
        "Cost": {"Fee": 3.95, "DiscountPercentage": 0},
    },
    {
        "Id": "ITUNES-DIGITAL",
        "Name": "Digital only",
        "DenominationType": "Fixed",
        "Denominations": [15],
        "AvailableDeliveryTypes": ["DigitalDelivery"],
    },
]
METHODS = [
    {"Id": "STANDARD", "Name": "Standard mail", "Price": 0, "EstimatedDeliveryDays": 7},
    {"Id": "OVERNIGHT", "Name": "Overnight", "Price": 24.95, "EstimatedDeliveryDays": 1},
]


class FakeVendor:
    def __init__(self, *, token_status: int = 200) -> None:
        self.token_status = token_status
        self.paths: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        if request.url.path == "/v1/Tokens":
            if self.token_status != 200:
                return httpx.Response(self.token_status, json={"Message": "Invalid credentials"})
            return httpx.Response(200, json={"Value": "bearer-xyz", "ExpiresIn": 3600})
        if request.url.path == "/v1/ShippingMethods":
            return httpx.Response(200, json=METHODS)
        page = int(request.url.params.get("pageIndex", "1"))
        data = PRODUCTS[(page - 1) * 2 : page * 2]
        return httpx.Response(200, json={"Page": page, "PageSize": 2, "TotalCount": 3, "Data": data})


def scripted(monkeypatch: pytest.MonkeyPatch, fake: FakeVendor) -> None:
    """The vendor client, wherever the library connects, talks to ``fake`` (no network)."""
    monkeypatch.setattr(client_module, "connect", partial(REAL_CONNECT, transport=httpx.MockTransport(fake)))


@pytest.fixture
def vendor(monkeypatch: pytest.MonkeyPatch) -> FakeVendor:
    """A scripted vendor behind --api-url https://vendor.test, with credentials in the environment."""
    fake = FakeVendor()
    scripted(monkeypatch, fake)
    monkeypatch.setenv("BULKSHIP_EMAIL", "hr@example.com")
    monkeypatch.setenv("BULKSHIP_ACCESS_TOKEN", SECRET)
    return fake


def test_catalog_table_lists_physical_products_and_shipping_methods(vendor, capsys):
    assert main(["catalog", "--api-url", "https://vendor.test"]) == 0
    out, err = capsys.readouterr()
    assert "Vendor API: https://vendor.test" in err
    assert "SANDBOX" not in err
    for shown in ("CVS", "VISA-PREPAID", "10, 25, 50, 100", "any 20–500", "3.95", "2.5 %"):
        assert shown in out
    assert "BIRTHDAY" in out and "(one required;" in out  # of any carrier, not the last one listed
    assert "ITUNES-DIGITAL" not in out  # cannot ship physically
    assert "STANDARD" in out and "OVERNIGHT" in out and "24.95" in out
    assert SECRET not in out + err and "bearer-xyz" not in out + err


def test_catalog_json_is_one_machine_readable_object_on_stdout(vendor, capsys):
    assert main(["catalog", "--api-url", "https://vendor.test", "--json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert [p["id"] for p in data["products"]] == ["CVS", "VISA-PREPAID"]
    visa = data["products"][1]
    assert visa["denomination_type"] == "Variable" and visa["denominations"] == [20, 500]
    assert visa["fee"] == 3.95 and visa["requires_card_carrier"] is True
    assert [c["id"] for c in visa["card_carriers"]] == ["DEFAULT", "BIRTHDAY"]
    assert data["shipping_methods"][1] == {
        "id": "OVERNIGHT",
        "name": "Overnight",
        "price": 24.95,
        "currency": "USD",
        "estimated_delivery_days": 1,
    }
    assert "Vendor API" in err  # banners stay off stdout


def test_catalog_of_a_real_api_is_cached_on_disk_for_the_next_run(vendor, capsys, isolated_data_dir: Path):
    assert main(["catalog", "--api-url", "https://vendor.test", "--json"]) == 0
    first = capsys.readouterr().out
    assert vendor.paths.count("/v1/Products") == 2  # two pages
    assert main(["catalog", "--api-url", "https://vendor.test", "--json"]) == 0
    assert capsys.readouterr().out == first
    assert vendor.paths.count("/v1/Products") == 2  # second run read the cache
    cached = list((isolated_data_dir / "catalog-cache").glob("*.json"))
    assert len(cached) == 1
    assert SECRET not in cached[0].read_text() and "bearer-xyz" not in cached[0].read_text()
    assert main(["catalog", "--api-url", "https://vendor.test", "--refresh", "--json"]) == 0
    assert vendor.paths.count("/v1/Products") == 4


def test_a_stale_or_damaged_cache_is_fetched_again(vendor, capsys, isolated_data_dir: Path):
    assert main(["catalog", "--api-url", "https://vendor.test"]) == 0
    cache_file = next((isolated_data_dir / "catalog-cache").glob("*.json"))
    record: dict[str, Any] = json.loads(cache_file.read_text())
    record["fetched_at"] -= 8 * 24 * 3600
    cache_file.write_text(json.dumps(record))
    assert main(["catalog", "--api-url", "https://vendor.test"]) == 0
    assert vendor.paths.count("/v1/Products") == 4
    cache_file.write_text("{not json")
    assert main(["catalog", "--api-url", "https://vendor.test"]) == 0
    assert vendor.paths.count("/v1/Products") == 6


def test_bad_credentials_are_one_error_line_and_exit_1(vendor, capsys):
    vendor.token_status = 401
    assert main(["catalog", "--api-url", "https://vendor.test"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "Error:" in err and "did not accept these credentials" in err
    assert "Traceback" not in err and SECRET not in err


def test_disabled_api_access_is_one_error_line_and_exit_1(vendor, capsys):
    vendor.token_status = 403
    assert main(["catalog", "--api-url", "https://vendor.test"]) == 1
    err = capsys.readouterr().err
    assert "Error:" in err and "403" in err and "Traceback" not in err


def test_missing_credentials_for_a_real_api_is_a_config_error_exit_2(capsys):
    assert main(["catalog", "--api-url", "https://vendor.test"]) == 2
    err = capsys.readouterr().err
    assert "Error:" in err and "No vendor credentials" in err and "BULKSHIP_ACCESS_TOKEN" in err


def test_credentials_file_is_used(capsys, monkeypatch, tmp_path):
    fake = FakeVendor()
    scripted(monkeypatch, fake)
    creds = tmp_path / "vendor.toml"
    creds.write_text(
        f'email = "hr@example.com"\naccess_token = "{SECRET}"\napi_url = "https://vendor.test"\n'
    )
    assert main(["catalog", "--credentials", str(creds)]) == 0
    assert "CVS" in capsys.readouterr().out


def test_an_invalid_api_url_is_a_config_error_exit_2(capsys, monkeypatch):
    monkeypatch.setenv("BULKSHIP_EMAIL", "hr@example.com")
    monkeypatch.setenv("BULKSHIP_ACCESS_TOKEN", SECRET)
    assert main(["catalog", "--api-url", "vendor.test"]) == 2
    assert "Invalid vendor API URL" in capsys.readouterr().err


def test_an_unreachable_api_is_one_error_line_and_exit_1(capsys, monkeypatch):
    monkeypatch.setenv("BULKSHIP_EMAIL", "hr@example.com")
    monkeypatch.setenv("BULKSHIP_ACCESS_TOKEN", SECRET)
    monkeypatch.setattr(policy, "BACKOFF_INITIAL_S", 0.001)  # keep the retries, lose the waiting
    # Port 9 on loopback: nothing listens there, so the connection is refused.
    assert main(["catalog", "--api-url", "http://127.0.0.1:9"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "Error:" in err and "No answer from the vendor API at http://127.0.0.1:9" in err
    assert "Traceback" not in err and SECRET not in err


def test_catalog_against_the_embedded_sandbox_says_so_on_stderr(capsys):
    assert main(["catalog"]) == 0
    out, err = capsys.readouterr()
    assert "SANDBOX — no real orders" in err
    assert "SANDBOX" not in out
    for product_id in ("CVS", "TARGET", "VISA-PREPAID"):
        assert product_id in out
    assert "AMAZON" not in out  # digital only
    assert "STANDARD" in out and "EXPEDITED" in out and "OVERNIGHT" in out


def test_catalog_json_against_the_embedded_sandbox_lists_only_physical_products(capsys):
    assert main(["catalog", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = {p["id"] for p in data["products"]}
    assert {"CVS", "TARGET", "VISA-PREPAID"} <= ids
    assert "AMAZON" not in ids  # the sandbox's digital-only card
    assert all(p["denominations"] for p in data["products"])
    visa = next(p for p in data["products"] if p["id"] == "VISA-PREPAID")
    assert visa["denomination_type"] == "Variable" and visa["requires_card_carrier"]


def test_catalog_against_a_running_sandbox_server(capsys, monkeypatch, bulkship_forks):
    from test_client_sandbox import sandbox_server  # the subprocess helper, shared with the client tests

    monkeypatch.setenv("BULKSHIP_EMAIL", "sandbox@bulkship.local")
    monkeypatch.setenv("BULKSHIP_ACCESS_TOKEN", "sandbox-access-token")
    with sandbox_server(bulkship_forks) as url:
        assert main(["catalog", "--api-url", url, "--json"]) == 0
        out, err = capsys.readouterr()
        monkeypatch.setenv("BULKSHIP_ACCESS_TOKEN", "wrong-token")
        refused = main(["catalog", "--api-url", url, "--refresh"])
        refused_err = capsys.readouterr().err
    assert f"Vendor API: {url}" in err
    assert {"CVS", "TARGET", "VISA-PREPAID"} <= {p["id"] for p in json.loads(out)["products"]}
    assert refused == 1
    assert "did not accept these credentials" in refused_err and "wrong-token" not in refused_err


def test_a_shipping_method_the_vendor_lists_without_a_price_is_never_shown_free(
    vendor, capsys, monkeypatch: pytest.MonkeyPatch
):
    """A method listed with no price bulkship reads (after hunter-vendor2's H3 its rows are refused) was
    shown '0.00 no price' and given as "price": 0 in --json: free, to a person or a script."""
    unpriced = [*METHODS, {"Id": "EXPEDITED", "Name": "Expedited"}]
    monkeypatch.setattr(sys.modules[__name__], "METHODS", unpriced)
    assert main(["catalog", "--api-url", "https://vendor.test", "--json", "--refresh"]) == 0
    methods = {m["id"]: m for m in json.loads(capsys.readouterr().out)["shipping_methods"]}
    assert methods["EXPEDITED"]["price"] is None and methods["OVERNIGHT"]["price"] == 24.95
    assert main(["catalog", "--api-url", "https://vendor.test", "--refresh"]) == 0
    out = capsys.readouterr().out
    assert "no price (not orderable)" in out and "0.00 no price" not in out
