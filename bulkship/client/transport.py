"""One request to the vendor API (:meth:`_Transport._call`): one tenacity loop (the retry decision and waits
live in :mod:`.policy`) around one attempt, which takes a rate-limit slot, makes sure of a token, sends,
refreshes the token once on 401, and turns the answer into JSON or one of the errors of
:mod:`bulkship.errors`. Foreign exceptions (httpx) are translated here and go no further.

The base of :class:`~.vendor.VendorClient`, apart so the rest of the client reads as what it asks the vendor.
The token's answer is read in :mod:`.tokens`, an answer's body as JSON in :mod:`.bodies`.
Credentials and the bearer token never appear in a log line, an exception message or a repr.
"""

from __future__ import annotations

import asyncio
import logging
import random
import ssl
import time
import urllib.request
from collections.abc import Awaitable, Callable, Collection, Mapping
from pathlib import Path
from typing import Any

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from ..errors import (
    AuthenticationError,
    ConfigError,
    VendorUnavailableError,
)
from ..models import Catalog
from .bodies import json_body, with_location_id
from .policy import (
    BACKOFF_INITIAL_S,
    DEFAULT_MAX_ATTEMPTS,
    DEFAULT_TIMEOUT_S,
    HTTP_LIMITS,
    MAX_CONNECTIONS,
    ONE_CONNECTION,
    Clock,
    RateLimiter,
    Sleep,
    describe_transport_error,
    should_retry,
    timeout_for,
    wait_before_retry,
)
from .refusals import CREDENTIALS_HINT, error_body, error_of, without_secrets
from .tokens import _Secret, _Token, token_answered

log = logging.getLogger("bulkship.client")


class _NotSent(VendorUnavailableError):
    """No token could be had, so the request never left: retried like any transient error, but it is no
    lost answer (an order cannot have been created by it)."""

    @classmethod
    def of(cls, exc: VendorUnavailableError) -> _NotSent:
        return cls(exc.message, status_code=exc.status_code, body=exc.body, hint=exc.hint)


def normalize_base_url(url: str) -> str:
    """``https://host``, ``https://host/`` and ``https://host/v1`` all mean the same API root."""
    candidate = url.strip().rstrip("/")
    try:
        parsed = httpx.URL(candidate)
    except (httpx.InvalidURL, TypeError) as exc:
        raise ConfigError(f"Invalid vendor API URL {url!r}: {exc}") from None
    if parsed.scheme not in {"http", "https"} or not parsed.host:
        raise ConfigError(
            f"Invalid vendor API URL {url!r}: expected http(s)://host[:port]",
            hint="pass --api-url https://your-vendor-host, or leave it out to use the embedded sandbox",
        )
    if candidate.lower().endswith("/v1"):
        candidate = candidate[:-3]
    return candidate


def _tls_context(base_url: str, transport: httpx.AsyncBaseTransport | None) -> ssl.SSLContext | bool:
    """The TLS settings of the client's connections, built once: loading the CA bundle costs ~20-60 ms of
    CPU. An injected transport (the embedded sandbox, tests) opens no connection. A plain-HTTP base URL (the
    sandbox as a server on loopback) never shakes hands either, redirects not being followed: its context
    trusts no certificate, so any TLS reaching it would fail closed. A proxy from the environment may speak
    TLS: then the CA bundle is loaded as for HTTPS."""
    if transport is not None:
        return True
    if base_url.lower().startswith("https:") or urllib.request.getproxies():
        return httpx.create_ssl_context()
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies certificates and host names, trusts none


class _Transport:
    """The HTTP side of :class:`~.vendor.VendorClient`: its connections, tokens, retries and errors."""

    def __init__(
        self,
        base_url: str,
        email: str,
        access_token: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        rate_limit: float | None = None,
        sleep: Sleep | None = None,
        clock: Clock = time.monotonic,
        backoff_initial_s: float = BACKOFF_INITIAL_S,
        rng: random.Random | None = None,
        catalog_cache_file: Path | None = None,
        on_close: Collection[Callable[[], Awaitable[None] | None]] = (),
        sends_address_line2: bool = False,
    ) -> None:
        self.base_url = normalize_base_url(base_url)
        self.max_attempts = max(1, max_attempts)
        self._email = _Secret(email)
        self._access_token = _Secret(access_token)
        self._sleep: Sleep = sleep or asyncio.sleep
        self._clock = clock
        self._backoff_initial_s = backoff_initial_s
        self._rng = rng or random.Random()
        self._limiter = RateLimiter(rate_limit, sleep=self._sleep, clock=clock) if rate_limit else None
        self._timeout = timeout_for(timeout_s)
        self._tls = _tls_context(self.base_url, transport)
        self._http = self._http_client(transport, HTTP_LIMITS)
        # Over real HTTP each request borrows a client of its own, one keep-alive connection each: one shared
        # AsyncClient's pool costs CPU per request that grows with the requests in flight (FIELD-NOTES). An
        # injected transport (tests, the embedded sandbox) keeps the one shared client.
        self._own_connections = transport is None
        self._idle_http: list[httpx.AsyncClient] = []
        self._http_slots = asyncio.Semaphore(MAX_CONNECTIONS)
        self._token: _Token | None = None
        self._token_lock = asyncio.Lock()
        self._catalog: Catalog | None = None
        self._catalog_lock = asyncio.Lock()
        self._catalog_cache_file = catalog_cache_file
        self._on_close = list(on_close)
        self.sends_address_line2 = sends_address_line2  # else line 2 is folded into line 1 (models.Catalog)
        self.token_fetches = 0  # how many times POST /v1/Tokens was called (for diagnostics and tests)

    def _http_client(
        self, transport: httpx.AsyncBaseTransport | None, limits: httpx.Limits
    ) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=self.base_url,
            transport=transport,
            timeout=self._timeout,
            limits=limits,
            follow_redirects=False,
            verify=self._tls,
        )

    async def aclose(self) -> None:
        await self._http.aclose()
        while self._idle_http:
            await self._idle_http.pop().aclose()
        for callback in self._on_close:
            outcome = callback()
            if outcome is not None:
                await outcome
        self._on_close.clear()

    async def _call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        body: bytes | None = None,
        allow: Collection[int] = (),
        subject: str | None = None,
        lost: list[VendorUnavailableError] | None = None,
    ) -> tuple[int, Any]:
        """(status, JSON body). Statuses in ``allow`` are returned; other errors raise after any retries.
        ``lost`` collects the attempts whose answer never came (the request may have been processed)."""
        attempt: Callable[..., Awaitable[tuple[int, Any]]] = self._attempt
        if lost is not None:
            noted = lost

            async def attempt_noting_lost(*args: Any) -> tuple[int, Any]:
                try:
                    return await self._attempt(*args)
                except VendorUnavailableError as exc:
                    if not isinstance(exc, _NotSent):  # no token, no request: nothing was lost
                        noted.append(exc)
                    raise

            attempt = attempt_noting_lost

        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.max_attempts),
            wait=self._wait,
            retry=retry_if_exception(should_retry),
            sleep=self._sleep,
            before_sleep=self._log_retry,
            reraise=True,
        )
        return await retrying(attempt, method, path, params, body, allow, subject or f"{method} {path}")

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        return wait_before_retry(exc, state.attempt_number, initial=self._backoff_initial_s, rng=self._rng)

    def _log_retry(self, state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0.0
        log.info("retrying after %s in %.2f s (attempt %d failed)", exc, wait, state.attempt_number)

    async def _attempt(
        self,
        method: str,
        path: str,
        params: Mapping[str, str] | None,
        body: bytes | None,
        allow: Collection[int],
        subject: str,
    ) -> tuple[int, Any]:
        try:
            token = await self._current_token()
        except VendorUnavailableError as exc:
            raise _NotSent.of(exc) from exc
        response = await self._send(method, path, params, body, token)
        if response.status_code == 401:  # the request was refused, not processed
            try:
                token = await self._refresh_after_401(token)
            except VendorUnavailableError as exc:
                raise _NotSent.of(exc) from exc
            response = await self._send(method, path, params, body, token)
            if response.status_code == 401:
                raise AuthenticationError(
                    f"The vendor rejected a freshly issued token for {method} {path} (401)",
                    hint=CREDENTIALS_HINT,
                    status_code=401,
                    body=error_body(response),
                )
        if response.is_success:
            data = json_body(response, self.base_url, method, path)
            if response.status_code == 201:
                data = with_location_id(data, response.headers.get("Location"))
            return response.status_code, data
        if response.status_code in allow:
            return response.status_code, error_body(response)
        raise error_of(response, subject)

    async def _send(
        self,
        method: str,
        path: str,
        params: Mapping[str, str] | None,
        body: bytes | None,
        token: _Token,
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token.secret.value}", "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        response = await self._transmit(method, path, params=params, content=body, headers=headers)
        return without_secrets(response, (self._access_token.value, token.secret.value))

    async def _transmit(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        if self._limiter:
            await self._limiter.acquire()
        try:
            if self._own_connections:
                response = await self._request_on_own_connection(method, path, **kwargs)
            else:
                response = await self._http.request(method, path, **kwargs)
        except httpx.TransportError as exc:
            raise VendorUnavailableError(
                f"No answer from the vendor API at {self.base_url} for {method} {path}: "
                f"{describe_transport_error(exc)}",
                hint="check the API URL and the network; re-running is safe",
            ) from exc
        log.debug("%s %s -> %d", method, path, response.status_code)
        return response

    async def _request_on_own_connection(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """At most MAX_CONNECTIONS at once, each on an idle single-connection client (or a new one)."""
        async with self._http_slots:
            http = self._idle_http.pop() if self._idle_http else self._http_client(None, ONE_CONNECTION)
            try:
                return await http.request(method, path, **kwargs)
            finally:
                self._idle_http.append(http)

    async def _current_token(self) -> _Token:
        token = self._token
        if token is not None and self._clock() < token.refresh_at:
            return token
        async with self._token_lock:
            token = self._token
            if token is None or self._clock() >= token.refresh_at:
                token = self._token = await self._fetch_token()
            return token

    async def _refresh_after_401(self, stale: _Token) -> _Token:
        """One refresh however many coroutines saw the same token rejected at once."""
        async with self._token_lock:
            if self._token is stale or self._token is None:
                self._token = await self._fetch_token()
            return self._token

    async def _fetch_token(self) -> _Token:
        headers = {"Email": self._email.value, "AccessToken": self._access_token.value}
        response = await self._transmit("POST", "/v1/Tokens", headers=headers)
        if not response.is_success:  # a token given may be the access token itself: kept as it came
            response = without_secrets(response, (self._access_token.value,))
        self.token_fetches += 1
        return token_answered(response, self.base_url, self._clock())
