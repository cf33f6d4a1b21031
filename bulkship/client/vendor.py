"""The vendor API client: tokens, catalog, orders, balance; retries and error translation.

Every request goes through :meth:`VendorClient._call`: one tenacity loop (the retry decision and waits live in
:mod:`.policy`) around one attempt, which takes a rate-limit slot, makes sure of a token, sends, refreshes the
token once on 401, and turns the answer into JSON or one of the errors of :mod:`bulkship.errors`. Foreign
exceptions (httpx) are translated here and go no further.

Credentials and the bearer token never appear in a log line, an exception message or a repr.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import random
import re
import ssl
import time
from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from ..errors import (
    AccessDeniedError,
    AuthenticationError,
    ConfigError,
    DuplicateOrderError,
    InsufficientFundsError,
    NotFoundError,
    OrderRejectedError,
    RateLimitedError,
    TerminalVendorError,
    TransientVendorError,
    UnverifiableOrderError,
    VendorError,
    VendorUnavailableError,
)
from ..models import Balance, Catalog, Product, ShippingMethod, VendorOrder
from . import cache
from .parse import (
    decimal,
    error_message,
    field,
    field_errors,
    integer,
    original_order_ids,
    page_records,
    parse_balance,
    parse_order,
    parse_product,
    parse_shipping_method,
    po_number_of,
    text,
)
from .policy import (
    BACKOFF_INITIAL_S,
    DEFAULT_MAX_ATTEMPTS,
    DEFAULT_TIMEOUT_S,
    HTTP_LIMITS,
    MAX_CONNECTIONS,
    ONE_CONNECTION,
    TOKEN_REFRESH_FRACTION,
    Clock,
    RateLimiter,
    Sleep,
    describe_transport_error,
    error_class_for,
    json_default,
    parse_retry_after,
    should_retry,
    timeout_for,
    token_lifetime_s,
    wait_before_retry,
)

log = logging.getLogger("bulkship.client")

PAGE_SIZE = 500  # the contract's maximum pageSize
_NO_SUCH_PAGE = frozenset(range(400, 429)) - {401, 403, 408}  # how a server may refuse pageIndex=0
MAX_PAGES = 10_000  # a guard against a server that pages forever
CREDENTIALS_HINT = (
    "check the email and access token (BULKSHIP_EMAIL / BULKSHIP_ACCESS_TOKEN or --credentials FILE)"
)


@dataclass(frozen=True)
class Listing:
    """Orders the vendor listed, and whether the list is provably all of them (and why not)."""

    orders: list[VendorOrder]
    complete: bool
    why_incomplete: str = ""


@dataclass(frozen=True)
class LookUp:
    """One PONumber asked of the vendor: found (``order``), provably ``absent``, or unknown (see why)."""

    po_number: str
    order: VendorOrder | None
    absent: bool
    why_unknown: str = ""

    @property
    def unknown(self) -> bool:
        return self.order is None and not self.absent


@dataclass(frozen=True)
class CreateResult:
    """The order as the vendor holds it; ``created`` is False when the PONumber already existed (409).
    ``after_lost_answer``: an attempt of this same call got no answer first, so the order found may well be
    the one that attempt created (our exact payload)."""

    order: VendorOrder
    created: bool
    after_lost_answer: bool = False


class _NotSent(VendorUnavailableError):
    """No token could be had, so the request never left: retried like any transient error, but it is no
    lost answer (an order cannot have been created by it)."""

    @classmethod
    def of(cls, exc: VendorUnavailableError) -> _NotSent:
        return cls(exc.message, status_code=exc.status_code, body=exc.body, hint=exc.hint)


class _Secret:
    """A string that never shows itself in a repr, a log line or a traceback's locals."""

    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value

    def __repr__(self) -> str:
        return "<hidden>"

    __str__ = __repr__


@dataclass(frozen=True, repr=False)
class _Token:
    secret: _Secret
    refresh_at: float  # on the client's monotonic clock

    def __repr__(self) -> str:
        return "<token hidden>"


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


class VendorClient:
    """Async client of the vendor API: ``async with VendorClient(...) as client:`` (or :func:`connect`)."""

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
        # once, and only for real HTTP: building one costs ~20-60 ms of CPU, and an injected transport (the
        # embedded sandbox, tests) never opens a TLS connection
        self._tls: ssl.SSLContext | bool = httpx.create_ssl_context() if transport is None else True
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

    def __repr__(self) -> str:
        return f"VendorClient(base_url={self.base_url!r})"

    async def __aenter__(self) -> VendorClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

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

    # --- public API ------------------------------------------------------------------------------------

    async def catalog(self, refresh: bool = False) -> Catalog:
        """Every product and shipping method, all pages; cached in memory (and on disk for a real API)."""
        async with self._catalog_lock:
            if self._catalog is not None and not refresh:
                return self._catalog
            raw = None
            if self._catalog_cache_file and not refresh:
                raw = cache.load(self._catalog_cache_file, self.base_url)
            if raw is None:
                raw = (await self._all_pages("/v1/Products"), await self._all_pages("/v1/ShippingMethods"))
                if self._catalog_cache_file:
                    cache.save(self._catalog_cache_file, self.base_url, *raw)
            catalog = build_catalog(*raw)
            self._catalog = dataclasses.replace(catalog, sends_address_line2=self.sends_address_line2)
            return self._catalog

    async def create_order(
        self, payload: Mapping[str, Any], *, body: bytes | None = None, sent_before: bool = False
    ) -> CreateResult:
        """POST /v1/Orders. The body is serialised once, so every retry sends the same bytes and PONumber.
        ``body`` is the payload already serialised (the ledger's stored JSON text): it is sent as it is, and
        ``payload`` then need only hold the PONumber.

        A 409 (the PONumber exists, e.g. an earlier attempt went through) resolves to the original order with
        ``created=False``, checked to carry the PONumber sent. When no attempt gets a definite answer, raises
        VendorUnavailableError: the outcome is unknown, and re-sending the same PONumber later resolves it.

        A refusal (400/401/403/422) after an attempt whose answer was lost (timeout, 5xx, dropped connection)
        says nothing about that earlier attempt, which may have created the order: the vendor is asked
        (:meth:`look_up_order`) before the refusal is believed. Found: resolved like a 409. Provably absent:
        the refusal stands. Unknown (the lookup fails, or the order list cannot prove that nothing carries
        this PONumber): :class:`~bulkship.errors.UnverifiableOrderError`. ``sent_before``: an earlier call
        sent this PONumber without a definite answer, so any refusal is checked the same way.
        """
        po_number = text(payload, "PONumber")
        subject = f"order {po_number}" if po_number else "the order"
        if body is None:
            body = json.dumps(payload, default=json_default, separators=(",", ":")).encode("utf-8")
        lost_answers: list[VendorUnavailableError] = []
        try:
            try:
                status, data = await self._call(
                    "POST", "/v1/Orders", body=body, allow={409}, subject=subject, lost=lost_answers
                )
            except TerminalVendorError as refusal:
                if po_number and says_duplicate(refusal):  # a 409 in other words, perhaps: ask the vendor
                    vague = None if names_the_po(refusal) else refusal  # absent: then it was not about the PO
                    original = await self._original_of_duplicate(
                        refusal.body, po_number, status=refusal.status_code or 409, vague=vague
                    )
                    ours = bool(lost_answers) or sent_before
                    return CreateResult(original, created=False, after_lost_answer=ours)
                if not (lost_answers or sent_before) or not po_number:
                    raise
                earlier = await self._look_up_after_refusal(po_number, subject, refusal)
                return CreateResult(earlier, created=False, after_lost_answer=True)
            if status == 409:
                original = await self._original_of_duplicate(data, po_number)
                ours = bool(lost_answers) or sent_before
                return CreateResult(original, created=False, after_lost_answer=ours)
            order = parse_order(data)
            if not po_number or _is_order_for(order, po_number):
                return CreateResult(order, created=True)
            # a success that shows no order of this PO (an error body with 200, another order): the vendor
            # is asked; what it holds under the PO is taken with the care of a 409's original
            found = await self._order_after_unreadable_success(po_number, subject, status, data)
            if isinstance(found, VendorOrder):
                return CreateResult(found, created=False, after_lost_answer=True)
        except TransientVendorError as exc:
            if isinstance(exc, UnverifiableOrderError):
                raise
            raise VendorUnavailableError(
                f"No definite answer from the vendor for {subject} after {self.max_attempts} attempts "
                f"({exc.message}); whether it was created is unknown",
                hint=f"re-run the same command: it re-sends PONumber {po_number}, which resolves to the "
                "existing order if this one went through, so nothing is ordered twice",
                status_code=exc.status_code,
                body=exc.body,
            ) from exc
        raise found

    async def _order_after_unreadable_success(
        self, po_number: str, subject: str, status: int, data: Any
    ) -> VendorOrder | VendorUnavailableError:
        """The order under ``po_number`` after a 2xx that showed none; else the error to raise (its outcome
        unknown: re-sending the same PO resolves it)."""
        try:
            found = await self.look_up_order(po_number)
        except VendorError as exc:
            why = f"looking it up failed ({exc.message})"
        else:
            if found.order is not None:
                return found.order
            why = "no order carries it" if found.absent else found.why_unknown
        said = error_message(data) if data is not None else ""
        return VendorUnavailableError(
            f"The vendor answered {status} to {subject} without the order ({_shape(data)}"
            + (f": {said}" if said else "")
            + f"), and {why}: whether it was created is unknown",
            hint=f"re-run the same command: it asks the vendor about PONumber {po_number} and re-sends the "
            "same PONumber, so nothing is ordered twice",
            status_code=status,
            body=data,
        )

    async def _look_up_after_refusal(
        self, po_number: str, subject: str, refusal: TerminalVendorError
    ) -> VendorOrder:
        """The order an earlier, unanswered attempt created; the refusal again when the vendor provably has
        none; UnverifiableOrderError when that cannot be told."""
        try:
            found = await self.look_up_order(po_number)
        except VendorError as exc:
            why = f"looking the order up failed ({exc.message})"
        else:
            if found.order is not None:
                return found.order
            if found.absent:
                raise refusal
            why = f"the vendor's order list cannot show whether it exists ({found.why_unknown})"
        raise UnverifiableOrderError(
            f"The vendor refused {subject} ({refusal.status_code}: {refusal.message}) after an earlier "
            f"attempt got no answer, and {why}: it may exist at the vendor",
            hint=f"nothing more is sent for it under another PO number; look PONumber {po_number} up in the "
            "vendor's portal, or compare with `bulkship reconcile`",
            status_code=refusal.status_code,
            body=refusal.body,
        )

    async def get_order(self, order_id: str) -> VendorOrder:
        """The order with this Id. An answer that is not that order (an error body with 200, another
        order) is VendorUnavailableError: nothing is recorded from it, and the next read tries again."""
        path = f"/v1/Orders/{quote(order_id, safe='')}"
        status, data = await self._call("GET", path, subject=f"order Id {order_id}")
        order = parse_order(data)
        if not _is_order_with_id(order, order_id):
            said = error_message(data) if data is not None else ""
            raise VendorUnavailableError(
                f"The vendor answered {status} to GET {path} with something that is not that order "
                f"({_shape(data)}" + (f": {said}" if said else "") + ")",
                hint="nothing was recorded from it; the next read asks again",
                status_code=status,
                body=data,
            )
        return order

    async def look_up_order(self, po_number: str) -> LookUp:
        """Found, provably absent, or unknown: the order list proves absence only when it is complete (the
        end of the list was reached) and every listed order shows its PONumber. A server that ignores the PO
        filter, caps its page size or hides PONumbers gives "unknown", never "absent". Found ends the reading
        at the page that shows the order (a server that ignores the filter is not read to its end)."""
        listing = await self.order_listing(po_number, stop_when_found=True)
        if listing.orders:
            return LookUp(po_number, listing.orders[0], absent=False)
        return LookUp(po_number, None, absent=listing.complete, why_unknown=listing.why_incomplete)

    async def find_order(self, po_number: str) -> VendorOrder | None:
        """The order with this PONumber, or None (not found, whether provably absent or not: see
        :meth:`look_up_order` where the difference matters)."""
        return (await self.look_up_order(po_number)).order

    async def list_orders(self, po_number: str | None = None) -> list[VendorOrder]:
        return (await self.order_listing(po_number)).orders

    async def order_listing(
        self,
        po_number: str | None = None,
        *,
        keep: Callable[[Any], bool] | None = None,
        stop_when_found: bool = False,
    ) -> Listing:
        """Every order the vendor lists (those with this PONumber only, filtered here too: a server may
        ignore the filter), and whether the list is provably complete. ``keep``: only the raw orders it
        accepts are read into orders and kept (reading every order of a large account costs far more than
        asking for its pages); completeness is judged on every order listed all the same.
        ``stop_when_found``: with ``po_number``, stop at the page that shows it (the list is then not read
        to its end: ``complete`` is False)."""
        params = {"poNumber": po_number} if po_number else {}
        hidden: list[Any] = []  # listed orders that show no PONumber

        def wanted(record: Any) -> bool:
            listed_po = po_number_of(record)
            if not listed_po:
                hidden.append(None)
            if po_number and listed_po != po_number.strip().upper():
                return False
            return keep is None or keep(record)

        def found(kept: list[Any]) -> bool:
            return stop_when_found and bool(po_number) and bool(kept)

        raw, complete, why = await self._pages("/v1/Orders", params, keep=wanted, stop=found)
        if complete and hidden:
            complete, why = False, "the vendor's order list does not show every order's PONumber"
        return Listing([parse_order(r) for r in raw], complete, why)

    async def balance(self) -> Balance | None:
        """The deposit account (``GET /v1/Balance``), or None when this API has no such endpoint."""
        status, data = await self._call("GET", "/v1/Balance", allow={404, 405}, subject="the balance")
        return None if status in {404, 405} else parse_balance(data)

    # --- paging ----------------------------------------------------------------------------------------

    async def _all_pages(self, path: str, params: Mapping[str, str] | None = None) -> list[Any]:
        """Every record of a list (what a server that pages oddly shows); an answer that shows no list at
        all is an error, not an empty catalog."""
        records, complete, why = await self._pages(path, params)
        if not records and not complete:
            raise TerminalVendorError(
                f"The vendor API at {self.base_url} answered GET {path} with no list to read: {why}",
                hint="is --api-url the vendor's API root?",
            )
        return records

    async def _pages(
        self,
        path: str,
        params: Mapping[str, str] | None = None,
        *,
        keep: Callable[[Any], bool] | None = None,
        stop: Callable[[list[Any]], bool] | None = None,
    ) -> tuple[list[Any], bool, str]:
        """Every record of a paged list (1-based ``pageIndex``; a server counting from 0 shows itself by an
        empty page 1 and a page 0 with records, and is then read from 0), whether the list is provably
        complete, and why not. Complete: an empty page (unless short of the ``TotalCount``), or the
        ``TotalCount`` reached exactly, or a page shorter than the ``PageSize`` the server says it uses. A
        short page alone proves nothing (a server may cap the page size silently), so without those the next
        page is asked for. A server that ignores ``pageIndex`` (the same first record again) gives what it
        showed, not complete.

        ``keep``: only the records it accepts are returned (every record counts towards completeness);
        ``stop(kept so far)``: True ends the reading early (not complete)."""
        records: list[Any] = []
        seen = 0
        previous_first: str | None = None
        total: int | None = None
        page = 1
        while page <= MAX_PAGES:
            query = {**(params or {}), "pageIndex": str(page), "pageSize": str(PAGE_SIZE)}
            _, body = await self._call("GET", path, params=query)
            data = page_records(body)
            if data is None:  # not an empty page: an answer that shows no list proves nothing
                return records, False, f"its answer to page {page} shows no list ({_shape(body)})"
            counted = integer(field(body, "TotalCount", "Total", "TotalItems", "TotalRecords"))
            total = counted if counted is not None else total
            if not data and page == 1 and total != 0 and await self._page_zero_shows(path, params):
                page = 0  # it counts pages from 0: page 1 was its second, and page 0 holds the first
                continue
            if not data:
                if total is not None and seen < total:  # e.g. pages counted from 0: one was missed
                    return records, False, f"it ended after {seen} of the {total} records it counts"
                return records, True, ""
            first = json.dumps(data[0], sort_keys=True, default=str)
            if first == previous_first:
                return records, False, f"it ignores pageIndex; it showed {seen} records"
            previous_first = first
            seen += len(data)
            records.extend(data if keep is None else [r for r in data if keep(r)])
            if total is not None and seen == total:
                return records, True, ""
            page_size = integer(field(body, "PageSize"))
            if total is None and page_size and len(data) < page_size:
                return records, True, ""
            if stop is not None and stop(records):
                return records, False, "it was read only as far as needed"
            page += 1
        return records, False, f"it has more than {MAX_PAGES} pages"

    async def _page_zero_shows(self, path: str, params: Mapping[str, str] | None) -> bool:
        """Whether ``pageIndex=0`` shows records (after an empty page 1: a server counting pages from 0).
        A refusal of page 0 (400, 404...) means no; a fault or a throttle raises as any read does."""
        query = {**(params or {}), "pageIndex": "0", "pageSize": str(PAGE_SIZE)}
        status, body = await self._call("GET", path, params=query, allow=_NO_SUCH_PAGE)
        return status < 400 and bool(page_records(body))

    async def _original_of_duplicate(
        self, body: Any, po_number: str, *, status: int = 409, vague: TerminalVendorError | None = None
    ) -> VendorOrder:
        """The order a 409 (or a refusal saying the same with ``status``) names, checked to carry
        ``po_number`` (an order that shows no PONumber is taken only when none of the named orders shows
        ours); else looked up by PONumber. Not found: DuplicateOrderError (it may exist: unknown). ``vague``:
        a refusal whose "duplicate" names no PO; it stands as it is when the vendor provably has no such
        PO."""
        unverified: VendorOrder | None = None
        for original_id in original_order_ids(body):
            try:
                order = await self.get_order(original_id)
            except NotFoundError:
                continue
            if order.po_number == po_number.strip().upper() or not po_number:
                return order
            if not order.po_number and unverified is None:
                unverified = order
        if unverified is not None:
            return unverified
        found = await self.look_up_order(po_number) if po_number else None
        if vague is not None and found is not None and found.absent:
            raise vague
        if found is None or found.order is None:
            said = error_message(body) if status != 409 and body is not None else ""
            raise DuplicateOrderError(
                f"The vendor says PONumber {po_number} already exists ({status}"
                + (f": {said}" if said else "")
                + ") but names no original order that carries it, and it cannot be found by PONumber",
                hint="look the order up in the vendor's portal before re-sending anything",
                status_code=status,
                body=body,
            )
        return found.order

    # --- one request, with retries ---------------------------------------------------------------------

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
                    body=_error_body(response),
                )
        if response.is_success:
            data = self._json(response, method, path)
            if response.status_code == 201:
                data = _with_location_id(data, response.headers.get("Location"))
            return response.status_code, data
        if response.status_code in allow:
            return response.status_code, _error_body(response)
        raise self._error(response, subject)

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
        return await self._transmit(method, path, params=params, content=body, headers=headers)

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

    # --- tokens ----------------------------------------------------------------------------------------

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
        self.token_fetches += 1
        if response.status_code == 401:
            raise AuthenticationError(
                f"The vendor API at {self.base_url} did not accept these credentials (401)",
                hint=CREDENTIALS_HINT,
                status_code=401,
                body=_error_body(response),
            )
        if not response.is_success:
            raise self._error(response, "POST /v1/Tokens")
        body = self._json(response, "POST", "/v1/Tokens")
        value = text(body, "Value", "Token", "AccessToken", "access_token")  # (OAuth's spelling too)
        if not value:
            raise TerminalVendorError(
                f"The vendor API at {self.base_url} answered POST /v1/Tokens without a token",
                hint="is --api-url the vendor's API root?",
                status_code=response.status_code,
            )
        lifetime = decimal(field(body, "ExpiresIn", "Expires_In", "ExpiresInSeconds"))
        seconds = token_lifetime_s(float(lifetime) if lifetime is not None else None)
        return _Token(_Secret(value), refresh_at=self._clock() + TOKEN_REFRESH_FRACTION * seconds)

    # --- answers ---------------------------------------------------------------------------------------

    def _json(self, response: httpx.Response, method: str, path: str) -> Any:
        if not response.content.strip():
            return None
        try:
            return response.json()
        except ValueError:
            raise TerminalVendorError(
                f"The vendor API at {self.base_url} answered {method} {path} with something that is not JSON "
                f"({response.headers.get('content-type', 'no content type')})",
                hint="is --api-url the vendor's API root?",
                status_code=response.status_code,
            ) from None

    def _error(self, response: httpx.Response, subject: str) -> VendorError:
        """The one translation of an unsuccessful status into bulkship's error tree."""
        status = response.status_code
        body = _error_body(response)
        detail = error_message(body)
        said = f": {detail}" if detail else ""
        kind = error_class_for(status)
        common: dict[str, Any] = {"status_code": status, "body": body}
        if kind is RateLimitedError:
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            return RateLimitedError(
                f"The vendor is rate limiting requests (429) for {subject}", retry_after=retry_after, **common
            )
        if kind is VendorUnavailableError:
            return VendorUnavailableError(f"The vendor API answered {status} for {subject}{said}", **common)
        if kind is OrderRejectedError:
            return OrderRejectedError(
                f"The vendor rejected {subject} (400){said}", field_errors=field_errors(body), **common
            )
        if kind is InsufficientFundsError:
            return InsufficientFundsError(
                f"The vendor's deposit account cannot cover {subject} (422){said}",
                hint="fund the prefunded account, then re-run the same command; "
                "orders already placed are not repeated",
                **common,
            )
        if kind is AccessDeniedError:
            return AccessDeniedError(
                f"The vendor refused access (403): API access is disabled for these credentials{said}",
                hint="ask the vendor to enable API access; nothing was ordered by this request",
                **common,
            )
        if kind is AuthenticationError:
            return AuthenticationError(
                f"The vendor rejected the token (401){said}", hint=CREDENTIALS_HINT, **common
            )
        if kind is NotFoundError:
            return NotFoundError(f"The vendor has no {subject} (404){said}", **common)
        if kind is DuplicateOrderError:
            return DuplicateOrderError(f"The vendor says {subject} already exists (409){said}", **common)
        return kind(f"The vendor API answered {status} for {subject}{said}", **common)


def _with_location_id(data: Any, location: str | None) -> Any:
    """A 201 whose body names no Id (or has no body) takes the Id from ``Location: .../Orders/{id}``."""
    if not location or (data is not None and not isinstance(data, Mapping)):
        return data
    if data is not None and text(data, "Id", "OrderId"):
        return data
    order_id = location.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0]
    return {**(data or {}), "Id": order_id} if order_id else data


def _is_order_with_id(order: VendorOrder, order_id: str) -> bool:
    """A read's body is the order asked for: its Id (any case), or no Id but an order's fields."""
    if order.id:
        return order.id.strip().casefold() == order_id.strip().casefold()
    return bool(order.po_number or order.line_items or field(order.raw, "Status"))


def _is_order_for(order: VendorOrder, po_number: str) -> bool:
    """A success's body is the order sent: it has an Id, and any PONumber it shows is this one."""
    return bool(order.id) and order.po_number in ("", po_number.strip().upper())


_DUPLICATE_WORDS = re.compile(
    r"duplicate|already\s+(?:exists?|been\s+(?:used|submitted|placed|processed|created)|used|in\s+use|"
    r"submitted|placed|processed|created|taken)|not\s+unique|must\s+be\s+unique|previous\s*order",
    re.IGNORECASE,
)


def says_duplicate(refusal: VendorError) -> bool:
    """A refusal that says the PONumber exists, whatever its status (some APIs answer 400 or 422, not
    409): it names earlier orders (``PreviousOrderIds``...), or its words say duplicate / already exists."""
    if refusal.status_code not in (400, 409, 412, 422):
        return False
    body = refusal.body
    if isinstance(body, Mapping) and field(
        body, "PreviousOrderIds", "PreviousOrderId", "ExistingOrderId", "OriginalOrderId"
    ):
        return True
    errors = field_errors(body)
    on_lines = any(key.lower().startswith("lineitems") for key in errors)
    # words about lines ("Duplicate ExternalId" on LineItems[1]) are about those lines, not the PO
    words = [error_message(body)] if body is not None and not on_lines else []
    for key, messages in errors.items():
        if not key.lower().startswith("lineitems"):
            words += [key, *messages]
    return bool(_DUPLICATE_WORDS.search(" ".join(words)))


_PO_WORDS = re.compile(
    r"\bP\.?O\.?\b|po\s*number|purchase\s*order|order\s*(?:number|reference)", re.IGNORECASE
)


def names_the_po(refusal: VendorError) -> bool:
    """The refusal's "duplicate" is about the PONumber: it names earlier orders, a PONumber field, or
    says PO / purchase order in so many words."""
    body = refusal.body
    if isinstance(body, Mapping) and field(
        body, "PreviousOrderIds", "PreviousOrderId", "ExistingOrderId", "OriginalOrderId"
    ):
        return True
    keys = [k for k in field_errors(body) if not k.lower().startswith("lineitems")]
    if any("ponumber" in k.lower().replace("_", "") or "purchaseorder" in k.lower() for k in keys):
        return True
    return bool(_PO_WORDS.search(error_message(body) if body is not None else ""))


def _shape(body: Any) -> str:
    """What an unexpected answer looks like, for a message (its keys, never its values)."""
    if isinstance(body, Mapping):
        return "keys " + ", ".join(str(k) for k in list(body)[:8]) if body else "an empty object"
    return "no body" if body is None else type(body).__name__


def _error_body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text[:1000]


def build_catalog(raw_products: list[Any], raw_methods: list[Any]) -> Catalog:
    products: dict[str, Product] = {}
    for raw in raw_products:
        product = parse_product(raw)
        if product is not None:
            products[product.id] = product
    methods: dict[str, ShippingMethod] = {}
    for raw in raw_methods:
        method = parse_shipping_method(raw)
        if method is not None:
            methods[method.id] = method
    return Catalog(products=products, shipping_methods=methods)
