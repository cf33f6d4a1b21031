"""Order lifecycle on the sandbox clock, durable state across instances, reset, and webhooks."""

from __future__ import annotations

from test_sandbox_support import Receiver, api, line, order

from bulkship.sandbox import Sandbox, SandboxConfig

HOUR = 3600
DAY = 86_400


def test_order_completes_then_each_line_ships_then_is_delivered_after_its_method_days():
    lines = [line(ShippingMethodId="OVERNIGHT"), line(ShippingMethodId="STANDARD")]
    with api(token_ttl=30 * DAY) as client:
        created = client.post("/v1/Orders", order("PO-L", lines)).json()
        client.sandbox.advance(2 * HOUR)  # completion comes 30-90 minutes after creation
        done = client.get(f"/v1/Orders/{created['Id']}").json()
        assert done["Status"] == "Complete" and done["CompletedDate"]
        client.sandbox.advance(4 * HOUR)  # cards ship 1-4 hours after completion
        shipped = client.get(f"/v1/Orders/{created['Id']}").json()
        assert [li["Status"] for li in shipped["LineItems"]] == ["Shipped", "Shipped"]
        overnight, standard = (li["Shipments"][0] for li in shipped["LineItems"])
        assert overnight["Carrier"] == "FedEx" and overnight["ShippingMethodId"] == "OVERNIGHT"
        assert standard["Carrier"] == "USPS" and standard["TrackingNumber"].startswith("9400")
        assert standard["TrackingUrl"].endswith(standard["TrackingNumber"]) and standard["ShippedDate"]
        assert "DeliveredDate" not in standard
        client.sandbox.advance(1 * DAY + HOUR)
        statuses = [li["Status"] for li in client.sandbox.orders()[0]["LineItems"]]
        assert statuses == ["Delivered", "Shipped"]
        client.sandbox.advance(6 * DAY)
        delivered = client.sandbox.orders()[0]["LineItems"]
        assert [li["Status"] for li in delivered] == ["Delivered", "Delivered"]
        assert delivered[1]["Shipments"][0]["DeliveredDate"] > delivered[1]["Shipments"][0]["ShippedDate"]


def test_tracking_numbers_are_reproducible_from_the_seed_and_differ_across_seeds():
    def tracking(seed: int) -> str:
        with api(seed=seed) as client:
            client.post("/v1/Orders", order("PO-T"))
            client.sandbox.advance(DAY)
            return str(client.sandbox.orders()[0]["LineItems"][0]["Shipments"][0]["TrackingNumber"])

    assert tracking(7) == tracking(7)
    assert tracking(7) != tracking(8)


def test_advance_over_the_admin_route_moves_the_clock():
    with api() as client:
        client.post("/v1/Orders", order("PO-A"))
        assert client.http.post("/_sandbox/advance", json={"seconds": 2 * HOUR}).status_code == 200
        assert client.http.get("/_sandbox/orders").json()[0]["Status"] == "Complete"
        assert client.http.post("/_sandbox/advance", json={"seconds": -5}).status_code == 400


def test_failure_knob_fails_orders_and_refunds_them():
    with api(order_failure_rate=1.0) as client:
        client.post("/v1/Orders", order("PO-X", [line("TARGET", 250)]))
        assert client.get("/v1/Balance").json()["Available"] == 1_000_000 - 250
        client.sandbox.advance(DAY)
        failed = client.sandbox.orders()[0]
        assert failed["Status"] == "Failed"
        assert [li["Status"] for li in failed["LineItems"]] == ["Failed"]
        assert failed["LineItems"][0]["Shipments"] == []
        assert client.sandbox.balance()["Available"] == 1_000_000


def test_orders_balance_and_clock_survive_a_restart_on_the_same_state_file(tmp_path):
    state = tmp_path / "sandbox.sqlite"
    with api(state_file=state) as client:
        created = client.post("/v1/Orders", order("PO-P", [line("TARGET", 100)])).json()
        client.sandbox.advance(2 * HOUR)
    with api(state_file=state) as client:
        assert client.get(f"/v1/Orders/{created['Id']}").json()["Status"] == "Complete"
        assert client.get("/v1/Balance").json()["Available"] == 1_000_000 - 100
        again = client.post("/v1/Orders", order("PO-P"))
        assert again.status_code == 409 and again.json()["Id"] == created["Id"]


def test_two_instances_share_one_state_file_at_the_same_time(tmp_path):
    state = tmp_path / "shared.sqlite"
    with api(state_file=state) as first, api(state_file=state) as second:
        created = first.post("/v1/Orders", order("PO-S")).json()
        assert second.get(f"/v1/Orders/{created['Id']}").status_code == 200
        assert second.post("/v1/Orders", order("PO-S")).status_code == 409
        second.sandbox.advance(2 * HOUR)
        assert first.sandbox.orders()[0]["Status"] == "Complete"


def test_a_token_from_one_instance_is_valid_in_the_next(tmp_path):
    state = tmp_path / "tokens.sqlite"
    with api(state_file=state) as client:
        token = client.token
    with api(login=False, state_file=state) as client:
        client.token = token
        assert client.get("/v1/Balance").status_code == 200


def test_the_fast_clock_counts_idle_time_between_runs_at_real_speed(tmp_path):
    state = tmp_path / "idle.sqlite"
    real = [1_000_000.0]
    config = SandboxConfig(state_file=state, clock_speed=10_000)
    with Sandbox(config, time_source=lambda: real[0]) as sandbox:
        start = sandbox.now()
        real[0] += 10  # 10 real seconds while open: 100,000 sandbox seconds
        assert sandbox.now() - start == 100_000
    real[0] += DAY  # a day with no sandbox open
    with Sandbox(config, time_source=lambda: real[0]) as sandbox:
        assert sandbox.now() - start == 100_000 + DAY


def test_reset_forgets_orders_and_restores_the_balance():
    with api(balance=1000) as client:
        client.post("/v1/Orders", order("PO-R", [line("TARGET", 250)]))
        assert client.http.post("/_sandbox/reset").status_code == 200
        assert client.sandbox.orders() == []
        assert client.sandbox.balance()["Available"] == 1000
        client.login()
        assert client.post("/v1/Orders", order("PO-R")).status_code == 201


def test_admin_config_shows_the_knobs_but_never_the_access_token():
    with api(error_rate=0.25, seed=3) as client:
        knobs = client.http.get("/_sandbox/config").json()
        assert knobs["error_rate"] == 0.25 and knobs["seed"] == 3
        assert "access_token" not in knobs
        assert client.sandbox.config.access_token not in client.http.get("/_sandbox/config").text


def test_webhook_is_posted_once_the_order_completes():
    with Receiver() as receiver, api() as client:
        body = order("PO-W", WebhookSettings={"FulfillmentComplete": receiver.url})
        created = client.post("/v1/Orders", body).json()
        assert client.sandbox.deliver_due_webhooks() == 0  # still Pending
        client.sandbox.advance(2 * HOUR)
        assert client.sandbox.deliver_due_webhooks() == 1
        assert client.sandbox.deliver_due_webhooks() == 0  # delivered: not again
        assert [b["Id"] for b in receiver.bodies] == [created["Id"]]
        assert receiver.bodies[0]["Status"] == "Complete"


def test_webhook_is_retried_with_backoff_until_the_receiver_accepts():
    # the retries wait on the wall clock (real time + advanced): real time stands still here, or a loaded
    # machine taking over 1 s between two calls finds attempt 2 due where the test says "nothing due yet"
    with Receiver(fail_first=2) as receiver, api(time_source=lambda: 1_767_225_600.0) as client:
        client.post("/v1/Orders", order("PO-RB", WebhookSettings={"FulfillmentComplete": receiver.url}))
        client.sandbox.advance(2 * HOUR)
        assert client.sandbox.deliver_due_webhooks() == 0  # attempt 1: 500
        assert client.sandbox.deliver_due_webhooks() == 0  # backing off: nothing due yet
        assert receiver.attempts == 1
        client.sandbox.advance(1)
        assert client.sandbox.deliver_due_webhooks() == 0  # attempt 2: 500
        client.sandbox.advance(2)
        assert client.sandbox.deliver_due_webhooks() == 1  # attempt 3: accepted
        assert receiver.attempts == 3 and len(receiver.bodies) == 1
        assert client.sandbox.webhook_log()[0]["State"] == "delivered"


def test_webhook_gives_up_after_five_retries():
    with Receiver(fail_first=100) as receiver, api() as client:
        client.post("/v1/Orders", order("PO-GU", WebhookSettings={"FulfillmentComplete": receiver.url}))
        client.sandbox.advance(2 * HOUR)
        for _ in range(10):
            client.sandbox.deliver_due_webhooks()
            client.sandbox.advance(60)
        assert receiver.attempts == 6
        assert client.sandbox.webhook_log()[0]["State"] == "failed"


def test_duplicate_knob_delivers_each_webhook_twice():
    with Receiver() as receiver, api(webhook_duplicate_rate=1.0) as client:
        for n in range(2):
            client.post(
                "/v1/Orders", order(f"PO-D{n}", WebhookSettings={"FulfillmentComplete": receiver.url})
            )
        client.sandbox.advance(2 * HOUR)
        delivered = client.http.post("/_sandbox/deliver-webhooks")  # what a test without a server loop calls
        assert delivered.json() == {"Delivered": 4}
        assert sorted(b["PONumber"] for b in receiver.bodies) == ["PO-D0", "PO-D0", "PO-D1", "PO-D1"]
