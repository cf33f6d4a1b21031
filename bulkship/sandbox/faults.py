"""Seeded, reproducible fault injection for /v1 requests (never for /_sandbox admin routes).

Every request draws the same number of values from one ``random.Random`` seeded with the sandbox's seed, so a
given seed and request sequence always yields the same faults, whichever knobs are on.
"""

from __future__ import annotations

import math
import random
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .config import SandboxConfig

THROTTLE_RETRY_AFTER_S = 1


@dataclass(frozen=True)
class FaultDecision:
    latency_s: float = 0.0
    status: int | None = None  # answer this (429/500/503/504) instead of handling the request
    retry_after: int | None = None  # with a 429
    drop_after_commit: bool = False  # an order that commits loses its answer

    @property
    def message(self) -> str:
        return {
            429: "Too many requests: slow down and retry after the Retry-After seconds.",
            500: "Internal server error (sandbox fault injection). Retry with the same PONumber.",
            503: "Service unavailable (sandbox fault injection). Retry with the same PONumber.",
            504: "Gateway timeout (sandbox fault injection): nothing was done. Retry with the same PONumber.",
        }.get(self.status or 0, "")


class TokenBucket:
    """``rate`` requests per second with bursts up to ``max(1, rate)``, on a monotonic time source."""

    def __init__(self, rate: float, now: Callable[[], float]) -> None:
        self.rate = rate
        self.capacity = max(1.0, rate)
        self.tokens = self.capacity
        self.now = now
        self.updated = now()

    def take(self) -> int | None:
        """None when the request may pass, else the whole seconds to wait before retrying."""
        current = self.now()
        self.tokens = min(self.capacity, self.tokens + (current - self.updated) * self.rate)
        self.updated = current
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return None
        return max(1, math.ceil((1.0 - self.tokens) / self.rate))


class Faults:
    def __init__(self, config: SandboxConfig, monotonic: Callable[[], float]) -> None:
        self.config = config
        self.rng = random.Random(f"{config.seed}:faults")
        self.bucket = TokenBucket(config.rate_limit, monotonic) if config.rate_limit else None
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()

    def decide(self, *, creates_order: bool = False) -> FaultDecision:
        """The faults of one /v1 request; ``creates_order`` (POST /v1/Orders) adds the order latency."""
        config = self.config
        with self._lock:
            throttle, error, error_kind, timeout, drop = (self.rng.random() for _ in range(5))
            wait = self.bucket.take() if self.bucket else None
            latency = (config.latency_ms + (config.order_latency_ms if creates_order else 0)) / 1000
            if wait is not None:
                decision = FaultDecision(latency, status=429, retry_after=wait)
                self.counts["rate_limited"] += 1
            elif throttle < config.throttle_rate:
                decision = FaultDecision(latency, status=429, retry_after=THROTTLE_RETRY_AFTER_S)
                self.counts["throttled"] += 1
            elif error < config.error_rate:
                decision = FaultDecision(latency, status=500 if error_kind < 0.5 else 503)
                self.counts["errors"] += 1
            elif timeout < config.timeout_rate:
                decision = FaultDecision(latency, status=504)
                self.counts["timeouts"] += 1
            else:
                decision = FaultDecision(latency, drop_after_commit=drop < config.drop_after_commit_rate)
            return decision

    def count(self, name: str) -> None:
        with self._lock:
            self.counts[name] += 1
