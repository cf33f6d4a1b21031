"""FulfillmentComplete webhooks: POST the completed order to the URL its caller registered (loopback only).

A delivery is accepted on any 2xx. A failed attempt is retried up to ``MAX_RETRIES`` times with exponential
backoff on the wall clock (real time + advanced seconds). With ``webhook_duplicate_rate`` an accepted delivery
is sent a second time at once, as real vendors sometimes do. Claims are recorded in the state file, so two
deliverers (a server and a CLI) do not send the same attempt twice.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from .core import Sandbox

log = logging.getLogger(__name__)

MAX_RETRIES = 5  # after the first attempt
BACKOFF_BASE_S = 1.0
STALE_CLAIM_S = 60.0  # a claim older than this belongs to a deliverer that died
POST_TIMEOUT_S = 5.0


def backoff_s(attempts: int) -> float:
    """Wait before the next attempt after ``attempts`` failed ones: 1, 2, 4, 8, 16 seconds."""
    return BACKOFF_BASE_S * 2 ** (attempts - 1)


def deliver_due(sandbox: Sandbox) -> int:
    claimed = sandbox._claim_due_webhooks()
    if not claimed:
        return 0
    accepted_total = 0
    # trust_env=False: a proxy from the environment must never carry a loopback webhook elsewhere.
    with httpx.Client(timeout=POST_TIMEOUT_S, trust_env=False) as client:
        for order_id, url, attempts, payload in claimed:
            attempt = attempts + 1
            error = _post(client, url, payload, attempt)
            accepted = 0 if error else 1
            if accepted and sandbox._draw_duplicate():
                accepted += 0 if _post(client, url, payload, attempt) else 1
            accepted_total += accepted
            sandbox._finish_webhook(order_id, attempt, accepted, error)
    return accepted_total


def _post(client: httpx.Client, url: str, payload: dict[str, Any], attempt: int) -> str | None:
    """None when the receiver accepted the delivery, else what went wrong."""
    try:
        response = client.post(
            url,
            json=payload,
            headers={"User-Agent": "bulkship-sandbox", "X-Sandbox-Delivery-Attempt": str(attempt)},
        )
    except httpx.HTTPError as exc:
        log.info(
            "webhook for order %s failed (attempt %d): %s",
            payload.get("Id") or payload.get("id"),
            attempt,
            exc,
        )
        return f"{type(exc).__name__}: {exc}"
    if 200 <= response.status_code < 300:
        return None
    order = payload.get("Id") or payload.get("id")
    log.info("webhook for order %s got %d (attempt %d)", order, response.status_code, attempt)
    return f"HTTP {response.status_code}"
