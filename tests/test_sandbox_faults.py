"""Each fault knob's effect, seeded and reproducible, and only on /v1 routes."""

from __future__ import annotations

import time

import pytest
from test_sandbox_support import CREDENTIALS, Api, api, order

from bulkship.errors import ConfigError
from bulkship.sandbox import Sandbox, SandboxConfig


def statuses(client: Api, count: int) -> list[int]:
    return [client.get("/v1/ShippingMethods").status_code for _ in range(count)]


def token_statuses(client: Api, count: int) -> list[int]:
    return [client.http.post("/v1/Tokens", headers=CREDENTIALS).status_code for _ in range(count)]


def test_error_rate_answers_500_or_503_on_v1_but_never_on_admin_routes():
    with api(login=False, error_rate=1.0) as client:
        codes = {client.http.post("/v1/Tokens", headers=CREDENTIALS).status_code for _ in range(20)}
        assert codes == {500, 503}
        assert client.http.get("/_sandbox/config").status_code == 200
        assert client.http.post("/_sandbox/fund", json={"amount": 1}).status_code == 200


def test_faults_are_reproducible_for_a_seed_and_change_with_it():
    def run(seed: int) -> list[int]:
        with api(login=False, seed=seed, error_rate=0.3, throttle_rate=0.2) as client:
            return token_statuses(client, 40)

    first = run(11)
    assert first == run(11)
    assert first != run(12)
    assert {200, 429, 500, 503} <= set(first)


def test_timeout_rate_answers_504_before_anything_is_committed():
    with api(login=False, timeout_rate=1.0) as client:
        response = client.post("/v1/Orders", order("PO-TO"))
        assert response.status_code == 504
        assert client.sandbox.orders() == []


def test_throttle_rate_answers_429_with_retry_after():
    with api(login=False, throttle_rate=1.0) as client:
        response = client.get("/v1/Balance")
        assert response.status_code == 429
        assert int(response.headers["Retry-After"]) >= 1


def test_rate_limit_refuses_requests_beyond_the_budget_until_time_passes():
    now = [100.0]
    sandbox = Sandbox(SandboxConfig(clock_speed=0, rate_limit=2), monotonic=lambda: now[0])
    client = Api(sandbox)
    try:
        client.login()  # 1 of 2
        assert client.get("/v1/Balance").status_code == 200  # 2 of 2
        refused = client.get("/v1/Balance")
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
        assert client.http.get("/_sandbox/orders").status_code == 200  # admin routes are never limited
        now[0] += 1.0
        assert statuses(client, 2) == [200, 200]
        assert client.get("/v1/Balance").status_code == 429
    finally:
        client.close()


def test_latency_delays_v1_requests():
    with api(latency_ms=150) as client:
        started = time.perf_counter()
        assert client.get("/v1/Balance").status_code == 200
        assert time.perf_counter() - started >= 0.15


def test_order_latency_delays_only_order_creation():
    sandbox = Sandbox(SandboxConfig(clock_speed=0, latency_ms=20, order_latency_ms=300))
    try:
        assert sandbox.faults.decide(creates_order=True).latency_s == pytest.approx(0.32)
        assert sandbox.faults.decide().latency_s == pytest.approx(0.02)  # tokens, catalog, reads: no more
    finally:
        sandbox.close()
    with api(order_latency_ms=300) as client:
        started = time.perf_counter()
        assert client.post("/v1/Orders", order("PO-SLOW")).status_code == 201
        assert time.perf_counter() - started >= 0.3


def test_a_running_sandbox_s_latencies_change_and_nothing_else():
    """A slow send opens a window a test acts in (a reload, a kill); once used, the rest of the send need not
    take as long: POST /_sandbox/config sets the latencies while the sandbox runs (the web browser tests
    waited out 7 s of a 1 s order latency after their kill or reload). Every other knob is fixed at start."""
    with api(order_latency_ms=300, latency_ms=20) as client:
        changed = client.http.post("/_sandbox/config", json={"Order_Latency_Ms": 0})
        assert changed.status_code == 200 and changed.json()["order_latency_ms"] == 0
        assert client.http.get("/_sandbox/config").json()["latency_ms"] == 20
        assert client.sandbox.faults.decide(creates_order=True).latency_s == pytest.approx(0.02)
        for refused in ({"seed": 3}, {"order_latency_ms": -1}, {"latency_ms": "fast"}, {}, [1]):
            answer = client.http.post("/_sandbox/config", json=refused)
            assert answer.status_code == 400, (refused, answer.text)
        assert client.sandbox.config.seed == SandboxConfig().seed
        assert client.http.get("/_sandbox/config").json()["order_latency_ms"] == 0


def test_drop_after_commit_leaves_exactly_one_order_that_a_retry_gets_as_409():
    with api(drop_after_commit_rate=1.0) as client:
        lost = client.post("/v1/Orders", order("PO-DROP"))
        assert lost.status_code == 504  # the client cannot tell this from a timeout
        committed = client.sandbox.orders()
        assert len(committed) == 1 and committed[0]["PONumber"] == "PO-DROP"
        retry = client.post("/v1/Orders", order("PO-DROP"))
        assert retry.status_code == 409
        assert retry.json()["Id"] == committed[0]["Id"]
        assert len(client.sandbox.orders()) == 1
        assert client.http.get("/_sandbox/config").json()["faults_injected"] == {"dropped_after_commit": 1}


def test_bad_knob_values_are_refused_with_a_clear_error():
    with pytest.raises(ConfigError, match="error-rate"):
        SandboxConfig(error_rate=1.5)
    with pytest.raises(ConfigError, match="order-latency-ms"):
        SandboxConfig(order_latency_ms=-1)
    with pytest.raises(ConfigError, match="rate-limit"):
        SandboxConfig(rate_limit=0)
