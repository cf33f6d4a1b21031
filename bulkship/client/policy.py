"""The client's policies in one place: HTTP pool and timeouts, the status-code -> error map, the retry
decision, backoff, ``Retry-After`` and the client-side rate limit.

Modelled on stripe-python's requestor: one readable table of what each status means, one function that decides
whether to retry. Sleep and clock are injectable so that tests never wait.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from ..errors import (
    AccessDeniedError,
    AuthenticationError,
    DuplicateOrderError,
    InsufficientFundsError,
    NotFoundError,
    OrderRejectedError,
    RateLimitedError,
    TerminalVendorError,
    TransientVendorError,
    VendorError,
    VendorUnavailableError,
)

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]

# --- HTTP transport settings (FIELD-NOTES: one shared AsyncClient peaks near 8 requests in flight; a larger
# keep-alive pool made it slower). Change them here only.
DEFAULT_TIMEOUT_S = 30.0
CONNECT_TIMEOUT_S = 10.0
MAX_CONNECTIONS = 16
HTTP_LIMITS = httpx.Limits(max_connections=MAX_CONNECTIONS, max_keepalive_connections=8)
ONE_CONNECTION = httpx.Limits(max_connections=1, max_keepalive_connections=1)  # per request in flight

# --- retries
DEFAULT_MAX_ATTEMPTS = 5
BACKOFF_INITIAL_S = 0.5
BACKOFF_MAX_S = 30.0
MAX_RETRY_AFTER_S = 300.0  # honour the vendor's Retry-After, but never hang for longer than this per attempt

# --- tokens: refresh at 90 % of ExpiresIn, read as seconds but never trusted beyond an hour: one public
# client reads it as minutes, so the early refresh is the safe reading (a 401 still refreshes at once).
TOKEN_REFRESH_FRACTION = 0.9
DEFAULT_TOKEN_LIFETIME_S = 3600.0
MIN_TOKEN_LIFETIME_S = 30.0  # a tiny or odd ExpiresIn must not become a token fetch per request
MAX_TOKEN_LIFETIME_S = 3600.0

# What each status code means. 401 is handled before this map (refresh once); 409 on POST /v1/Orders is
# resolved to the original order by the client; 5xx is VendorUnavailableError.
STATUS_ERRORS: dict[int, type[VendorError]] = {
    400: OrderRejectedError,
    401: AuthenticationError,
    403: AccessDeniedError,
    404: NotFoundError,
    409: DuplicateOrderError,
    422: InsufficientFundsError,
    429: RateLimitedError,
}


def error_class_for(status_code: int) -> type[VendorError]:
    if status_code in STATUS_ERRORS:
        return STATUS_ERRORS[status_code]
    if status_code >= 500:
        return VendorUnavailableError
    return TerminalVendorError


def should_retry(exc: BaseException) -> bool:
    """The one retry decision: 429, 5xx/504 and transport errors are transient; nothing else is retried. A
    429 or 5xx asking to wait longer than bulkship ever waits (MAX_RETRY_AFTER_S) is given up at once:
    waiting less would only be refused again, a silent run at each attempt."""
    if isinstance(exc, TransientVendorError) and (exc.retry_after or 0) > MAX_RETRY_AFTER_S:
        return False  # a 429's or a 503's (maintenance for an hour)
    return isinstance(exc, TransientVendorError)


def token_lifetime_s(expires_in: float | None) -> float:
    """Seconds to use a token for, from ``ExpiresIn`` (unit unknown: seconds or minutes), within bounds."""
    if expires_in is None or expires_in != expires_in or expires_in <= 0:
        return DEFAULT_TOKEN_LIFETIME_S
    return min(max(float(expires_in), MIN_TOKEN_LIFETIME_S), MAX_TOKEN_LIFETIME_S)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


def backoff_delay(
    attempt: int,
    *,
    initial: float = BACKOFF_INITIAL_S,
    maximum: float = BACKOFF_MAX_S,
    rng: random.Random | None = None,
) -> float:
    """Capped exponential backoff with "equal jitter": half the ceiling fixed, half random.

    ``attempt`` is the number of the attempt that just failed (1 for the first).
    """
    ceiling = min(maximum, initial * 2 ** max(0, attempt - 1))
    return ceiling / 2 + (rng or random).uniform(0, ceiling / 2)


def wait_before_retry(
    exc: BaseException | None, attempt: int, *, initial: float, rng: random.Random
) -> float:
    if isinstance(exc, TransientVendorError) and exc.retry_after:  # 0 (a date gone by) is no wait: back off
        return min(exc.retry_after, MAX_RETRY_AFTER_S)  # a 429's, or a 503's that says when
    return backoff_delay(attempt, initial=initial, rng=rng)


def timeout_for(timeout_s: float) -> httpx.Timeout:
    return httpx.Timeout(timeout_s, connect=min(CONNECT_TIMEOUT_S, timeout_s))


class RateLimiter:
    """Client-side limit of ``rate`` requests per second, shared by every coroutine of one client.

    Each caller reserves the next free slot under a lock, then sleeps outside it until its slot comes; so N
    coroutines are spaced 1/rate apart without a busy loop. A burst of one: the vendor's limit is per second.
    """

    def __init__(self, rate: float, *, sleep: Sleep, clock: Clock = time.monotonic) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.interval = 1.0 / rate
        self._sleep = sleep
        self._clock = clock
        self._next_slot: float | None = None
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        async with self._lock:
            now = self._clock()
            slot = now if self._next_slot is None else max(now, self._next_slot)
            self._next_slot = slot + self.interval
        if slot > now:
            await self._sleep(slot - now)


def describe_transport_error(exc: httpx.TransportError) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out ({type(exc).__name__})"
    detail = str(exc).strip()
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def json_default(value: Any) -> Any:
    """Decimal and friends in payloads: numbers on the wire, as the vendor documents."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"Cannot send {type(value).__name__} as JSON")
