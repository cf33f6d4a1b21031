"""The sandbox's /v1 API over in-process ASGI: tokens, catalog, the order rules and every status code."""

from __future__ import annotations

import pytest
from test_sandbox_support import CREDENTIALS, address, api, line, order

from bulkship.settings import SANDBOX_EMAIL


def test_token_is_issued_for_the_configured_credentials_and_expires_after_its_ttl():
    with api(login=False, token_ttl=600) as client:
        response = client.http.post("/v1/Tokens", headers=CREDENTIALS)
        assert response.status_code == 200
        assert response.json()["ExpiresIn"] == 600
        client.token = response.json()["Value"]
        assert client.get("/v1/ShippingMethods").status_code == 200
        client.sandbox.advance(601)
        expired = client.get("/v1/ShippingMethods")
        assert expired.status_code == 401
        assert "expired" in expired.json()["Message"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Email": SANDBOX_EMAIL, "AccessToken": "wrong"},
        {"Email": "someone@else.example", "AccessToken": CREDENTIALS["AccessToken"]},
    ],
)
def test_bad_credentials_get_401(headers):
    with api(login=False) as client:
        assert client.http.post("/v1/Tokens", headers=headers).status_code == 401


def test_calls_without_a_valid_bearer_token_get_401():
    with api(login=False) as client:
        assert client.http.get("/v1/Products").status_code == 401
        bogus = {"Authorization": "Bearer not-a-token"}
        assert client.http.get("/v1/Products", headers=bogus).status_code == 401


def test_disabled_credentials_get_403():
    with api(login=False, disabled_emails=frozenset({SANDBOX_EMAIL})) as client:
        response = client.http.post("/v1/Tokens", headers=CREDENTIALS)
        assert response.status_code == 403
        assert "disabled" in response.json()["Message"]


def test_products_are_paged_with_the_documented_envelope():
    with api() as client:
        first = client.get("/v1/Products", params={"pageIndex": 1, "pageSize": 4}).json()
        second = client.get("/v1/products", params={"PageIndex": 2, "pagesize": 4}).json()
        assert set(first) == {"Page", "PageSize", "TotalCount", "Data"}
        assert (first["Page"], first["PageSize"]) == (1, 4)
        total = first["TotalCount"]
        ids = [p["Id"] for p in first["Data"] + second["Data"]]
        assert len(ids) == total == len(set(ids))
        assert {"CVS", "TARGET", "VISA-PREPAID", "AMAZON"} <= set(ids)
        everything = client.get("/v1/Products").json()
        assert everything["PageSize"] == 100 and len(everything["Data"]) == total
        capped = client.get("/v1/Products", params={"pageSize": 10_000}).json()
        assert capped["PageSize"] == 500
        assert client.get("/v1/Products", params={"pageIndex": 0}).status_code == 400
        assert client.get("/v1/Products", params={"pageIndex": "x"}).status_code == 400


def test_catalog_carries_the_required_products_and_card_carriers():
    with api() as client:
        products = {p["Id"]: p for p in client.get("/v1/Products").json()["Data"]}
        assert products["CVS"]["Denominations"] == [10, 25, 50, 100]
        assert {"PhysicalShipment", "DigitalDelivery"} <= set(products["CVS"]["AvailableDeliveryTypes"])
        visa = products["VISA-PREPAID"]
        assert visa["DenominationType"] == "Variable" and visa["Denominations"] == [20, 500]
        assert visa["Cost"]["Fee"] > 0
        shipping = visa["Meta"]["ShippingConfiguration"]
        assert shipping["HasRequiredCardCarriers"] is True
        assert {"DEFAULT", "BIRTHDAY"} <= {c["Id"] for c in shipping["CardCarriers"]}
        assert "PhysicalShipment" not in products["AMAZON"]["AvailableDeliveryTypes"]
        methods = client.get("/v1/ShippingMethods").json()
        assert isinstance(methods, list)
        by_id = {m["Id"]: m for m in methods}
        assert by_id["STANDARD"]["EstimatedDeliveryDays"] > by_id["OVERNIGHT"]["EstimatedDeliveryDays"]
        assert by_id["OVERNIGHT"]["Price"] > by_id["EXPEDITED"]["Price"] > 0


def test_order_is_created_pending_and_costs_value_less_discount_plus_fee_plus_shipping():
    with api() as client:
        lines = [
            line("VISA-PREPAID", 50, 2, ShippingMethodId="EXPEDITED", CarrierId="BIRTHDAY"),
            line("HOMEDEPOT", 100, 1),
        ]
        response = client.post("/v1/Orders", order("PO-1", lines, Note="Q4 awards"))
        assert response.status_code == 201
        created = response.json()
        assert created["Status"] == "Pending" and created["PONumber"] == "PO-1"
        # VISA: 2 x (50 + 5.95) + 9.95 shipping; HOMEDEPOT: 100 x (1 - 2.5%) + 0 shipping
        assert [li["Cost"] for li in created["LineItems"]] == [121.85, 97.5]
        assert created["LineItems"][0]["PhysicalDeliveryAddress"]["CarrierId"] == "BIRTHDAY"
        assert created["LineItems"][0]["ExternalId"] == "EMP-1"
        assert client.get("/v1/Balance").json() == {
            "Available": 1_000_000 - 121.85 - 97.5,
            "Pending": 0.0,
            "CurrencyCode": "USD",
        }
        fetched = client.get(f"/v1/Orders/{created['Id']}").json()
        assert fetched == created


def test_request_keys_are_accepted_in_any_casing_and_responses_are_pascal_case():
    body = {
        "type": "PhysicalShipment",
        "poNumber": "po-lower",
        "lineItems": [
            {
                "productid": "cvs",
                "VALUE": 25,
                "quantity": 1,
                "physicalDeliveryAddress": {k[0].lower() + k[1:]: v for k, v in address().items()},
            }
        ],
    }
    with api() as client:
        response = client.post("/v1/Orders", body)
        assert response.status_code == 201, response.text
        created = response.json()
        assert {"Id", "Status", "PONumber", "LineItems"} <= set(created)
        assert created["LineItems"][0]["ProductId"] == "CVS"
        assert client.post("/v1/Orders", {**body, "PONUMBER": "po-lower"}).status_code == 409


def test_400_names_every_bad_field_of_every_bad_line_item():
    lines = [
        line(),
        line("CVS", 30),  # not a denomination
        line("VISA-PREPAID", 20.005, CarrierId=""),  # 3 decimals, carrier missing
        line("AMAZON", 25),  # digital only
        line("CVS", 10, 1001, Zip="1234", State="XX", Name="N" * 101, City="C" * 51),
        line("TARGET", 25, ShippingMethodId="TELEPORT"),
        line("VISA-PREPAID", 600, CarrierId="WEDDING"),
    ]
    with api() as client:
        response = client.post("/v1/Orders", order("bad/po", lines))
        assert response.status_code == 400
        errors = response.json()["Errors"]
        addr = "PhysicalDeliveryAddress"
        assert set(errors) == {
            "PONumber",
            "LineItems[1].Value",
            "LineItems[2].Value",
            f"LineItems[2].{addr}.CarrierId",
            "LineItems[3].ProductId",
            "LineItems[4].Quantity",
            f"LineItems[4].{addr}.Zip",
            f"LineItems[4].{addr}.State",
            f"LineItems[4].{addr}.Name",
            f"LineItems[4].{addr}.City",
            f"LineItems[5].{addr}.ShippingMethodId",
            "LineItems[6].Value",
            f"LineItems[6].{addr}.CarrierId",
        }
        assert "6 line item(s)" in response.json()["Message"]
        assert client.sandbox.orders() == []
        assert client.get("/v1/Balance").json()["Available"] == 1_000_000


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (order(lines=[line()] * 101), "LineItems"),
        (order(lines=[]), "LineItems"),
        (order(po="x" * 51), "PONumber"),
        ({**order(), "Type": "DigitalDelivery"}, "Type"),
        (order(lines=[line(Country="CA")]), "LineItems[0].PhysicalDeliveryAddress.Country"),
        (order(lines=[line(AddressLine2="x" * 101)]), "LineItems[0].PhysicalDeliveryAddress.AddressLine2"),
        (order(WebhookSettings={"FulfillmentComplete": "https://hooks.example.com/x"}), "WebhookSettings"),
    ],
)
def test_limits_of_the_contract_are_enforced(body, field):
    with api() as client:
        response = client.post("/v1/Orders", body)
        assert response.status_code == 400
        assert any(key.startswith(field) for key in response.json()["Errors"])


def test_zip_plus_four_and_fifty_character_po_numbers_are_fine():
    with api() as client:
        po = "A-b_c.1" + "x" * 43
        assert client.post("/v1/Orders", order(po, [line(Zip="10001-1234")])).status_code == 201


def test_duplicate_po_number_gets_409_with_the_original_id_and_nothing_is_debited():
    with api() as client:
        first = client.post("/v1/Orders", order("PO-DUP")).json()
        balance = client.get("/v1/Balance").json()["Available"]
        again = client.post("/v1/Orders", order("PO-DUP", [line("TARGET", 250)]))
        assert again.status_code == 409
        body = again.json()
        assert body["Id"] == first["Id"] and body["PreviousOrderIds"] == [first["Id"]]
        assert client.get("/v1/Balance").json()["Available"] == balance
        assert len(client.sandbox.orders()) == 1


def test_short_balance_gets_422_and_debits_nothing():
    with api(balance=100) as client:
        response = client.post("/v1/Orders", order("PO-BIG", [line("TARGET", 250)]))
        assert response.status_code == 422
        assert "Insufficient funds" in response.json()["Message"]
        assert client.get("/v1/Balance").json()["Available"] == 100
        assert client.post("/v1/Orders", order("PO-SMALL", [line("CVS", 100)])).status_code == 201
        assert client.get("/v1/Balance").json()["Available"] == 0


def test_funding_through_the_admin_route_makes_a_refused_order_possible():
    with api(balance=0) as client:
        assert client.post("/v1/Orders", order("PO-F")).status_code == 422
        funded = client.http.post("/_sandbox/fund", json={"amount": 500})
        assert funded.json()["Available"] == 500
        pending = client.http.post("/_sandbox/fund", json={"amount": 1000, "pending": True}).json()
        assert (pending["Available"], pending["Pending"]) == (500, 1000)
        assert client.post("/v1/Orders", order("PO-F")).status_code == 201
        assert client.http.post("/_sandbox/fund", json={"amount": -5}).status_code == 400


def test_unknown_order_gets_404_and_unknown_route_404():
    with api() as client:
        assert client.get("/v1/Orders/no-such-id").status_code == 404
        assert client.get("/v1/Nothing").status_code == 404


def test_orders_are_listed_in_pages_and_filtered_by_po_number():
    with api() as client:
        for n in range(5):
            assert client.post("/v1/Orders", order(f"PO-{n}")).status_code == 201
        page = client.get("/v1/Orders", params={"pageIndex": 2, "pageSize": 2}).json()
        assert page["TotalCount"] == 5 and [o["PONumber"] for o in page["Data"]] == ["PO-2", "PO-3"]
        found = client.get("/v1/Orders", params={"poNumber": "PO-4"}).json()
        assert found["TotalCount"] == 1 and found["Data"][0]["PONumber"] == "PO-4"
        assert client.get("/v1/Orders", params={"poNumber": "PO-9"}).json()["Data"] == []


def test_invalid_json_is_a_400_not_a_crash():
    with api() as client:
        response = client.http.post(
            "/v1/Orders", content=b"{not json", headers={**client.auth(), "Content-Type": "application/json"}
        )
        assert response.status_code == 400


def test_a_catalog_file_replaces_the_built_in_catalog(tmp_path):
    catalog = tmp_path / "catalog.json"
    catalog.write_text(
        '{"Products": [{"Id": "GAS", "Name": "Gas", "Type": "Physical", "DenominationType": "Fixed",'
        ' "Denominations": [20], "AvailableDeliveryTypes": ["PhysicalShipment"]}],'
        ' "ShippingMethods": [{"Id": "STANDARD", "Name": "Std", "Price": 1.5, "EstimatedDeliveryDays": 5}]}'
    )
    with api(catalog_file=catalog) as client:
        assert [p["Id"] for p in client.get("/v1/Products").json()["Data"]] == ["GAS"]
        created = client.post("/v1/Orders", order("PO-GAS", [line("GAS", 20)]))
        assert created.status_code == 201 and created.json()["Cost"] == 21.5
        assert client.post("/v1/Orders", order("PO-CVS", [line("CVS", 50)])).status_code == 400
