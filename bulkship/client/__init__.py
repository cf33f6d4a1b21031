"""The vendor API client: HTTP, tokens, the catalog and orders; nothing about spreadsheets or the ledger.

    client = connect(settings)      # the embedded sandbox when settings.api_url is None
    async with client:
        catalog = await client.catalog()
        result = await client.create_order(payload)     # CreateResult(order, created)

Modules: :mod:`.vendor` (the client, built on :mod:`.orders` (orders created exactly once, read, looked up),
:mod:`.paging` (paged lists read to their end) and :mod:`.transport` (one request with retries, tokens and
error translation)), :mod:`.policy` (status map, retries, backoff, rate limit, HTTP pool), :mod:`.parse`
(case-insensitive, tolerant reading of responses), :mod:`.cache` (the week-long catalog cache).
"""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable

import httpx

from ..settings import Settings
from . import policy
from .cache import cache_file
from .orders import CreateResult
from .policy import Clock, Sleep
from .transport import normalize_base_url
from .vendor import VendorClient, build_catalog

SANDBOX_BASE_URL = (
    "http://sandbox.bulkship.invalid"  # in-process only: the ASGI transport never opens a socket
)


def connect(
    settings: Settings,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    sleep: Sleep | None = None,
    rate_limit: float | None = None,
    max_attempts: int | None = None,
    timeout_s: float | None = None,
    clock: Clock | None = None,
    rng: random.Random | None = None,
) -> VendorClient:
    """A client for whichever API ``settings`` names. Nothing is sent until the first call.

    With ``settings.is_sandbox`` (no API URL): the embedded sandbox over an in-process ASGI transport, its
    state in ``settings.sandbox_state_file``, with the sandbox credentials. Otherwise
    ``settings.api_url`` with ``settings.credentials()`` (ConfigError when missing).
    Keyword arguments override settings.
    """
    email, access_token = settings.credentials()
    on_close: list[Callable[[], Awaitable[None] | None]] = []
    if settings.is_sandbox:
        base_url = SANDBOX_BASE_URL
        if transport is None:
            transport, close_sandbox = _embedded_sandbox(settings)
            on_close.append(close_sandbox)
        catalog_cache = None  # the sandbox is local: nothing to save by caching
    else:
        base_url = normalize_base_url(str(settings.api_url))
        catalog_cache = cache_file(settings.data_dir, base_url, account=email)
    return VendorClient(
        base_url,
        email,
        access_token,
        transport=transport,
        timeout_s=timeout_s if timeout_s is not None else settings.timeout_s,
        max_attempts=max_attempts if max_attempts is not None else policy.DEFAULT_MAX_ATTEMPTS,
        rate_limit=rate_limit if rate_limit is not None else settings.rate_limit,
        sleep=sleep,
        clock=clock or time.monotonic,
        backoff_initial_s=policy.BACKOFF_INITIAL_S,
        rng=rng,
        catalog_cache_file=catalog_cache,
        on_close=on_close,
        sends_address_line2=settings.sends_address_line2,
    )


def _embedded_sandbox(settings: Settings) -> tuple[httpx.AsyncBaseTransport, Callable[[], None]]:
    from ..sandbox import Sandbox, SandboxConfig, create_app
    from ..sandbox.dialect import parse_dialect

    config = SandboxConfig(
        state_file=settings.sandbox_state_file, dialect=parse_dialect(settings.sandbox_dialect)
    )
    sandbox = Sandbox(config)
    transport = httpx.ASGITransport(app=create_app(sandbox))

    def close() -> None:
        closer = getattr(sandbox, "close", None)
        if callable(closer):
            closer()

    return transport, close


__all__ = ["SANDBOX_BASE_URL", "CreateResult", "VendorClient", "build_catalog", "connect"]
