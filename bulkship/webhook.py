"""The ``FulfillmentComplete`` webhook receiver: a small starlette app, served by uvicorn on loopback.

    POST /webhook/<secret>                       the secret in the path (what `run --webhook-url` registers)
    POST /webhook   X-Bulkship-Secret: <secret>  or in a header

A delivery is a signal, never the truth (api-contract: Webhooks): the receiver reads the order id from the
body, re-reads that order from the vendor, and records what the vendor says now. So a duplicate delivery
changes nothing the second time (the ledger's ``record_order_status`` is idempotent), and a stale delivery
arriving after a newer one records the vendor's current state, not the stale body. Deliveries for the same
order are handled one at a time.

Answers: 200 recorded (``{"changed": bool}``); 400 malformed body (JSON nested deeper than 32 levels too);
403 wrong or missing secret; 408 a body slower than 10 s; 413 a body over 1 MB; 404 an order
id the ledger does not know (or the vendor no longer has); 409 an order of a batch ordered through another
API than the receiver's (nothing is read or recorded); 503 the vendor could not be read or the ledger
not written, credentials refused included (the sender retries). Every refusal is one log line naming the
reason and at most the order id: never recipient data, never the secret; text from the request is escaped
(a newline in an order id cannot forge a log line).

On a network the receiver follows :mod:`bulkship.asgi_guard`: bodies limited while they stream in, header
and body deadlines, a cap on open connections, no traceback for a client that goes away. It listens on
loopback only: put an HTTPS reverse proxy in front of it.

After a change, the batch's result workbook is rewritten in place once deliveries have been quiet for
``rewrite_delay_s`` seconds (one rewrite for a burst of deliveries, not one per delivery). The rewrite is
:func:`bulkship.track.rewrite_results`: it holds the workbook's write lock, so it waits for a ``bulkship run``
writing the same workbook and never replaces the rows that run wrote (:mod:`bulkship.webhookrewrite`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import secrets
import signal
import socket
import threading
from collections.abc import AsyncIterator, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from . import defaults
from .asgi_guard import EscapingFilter, GuardLimits, RequestGuard, parse_json, uvicorn_options
from .batchapi import check_batch_api, describe_api
from .client import connect
from .client.vendor import VendorClient
from .deliveries import order_ids_of, po_numbers_of
from .errors import BatchConflictError, BulkshipError, ConfigError, NotFoundError, TransientVendorError
from .ledger import Ledger
from .settings import Settings
from .track import OrderMismatchError, refresh_order
from .webhookrewrite import QuietRewrites

log = logging.getLogger("bulkship.webhook")
log.addFilter(EscapingFilter())  # order ids and vendor messages come from the network

SECRET_HEADER = "X-Bulkship-Secret"
DEFAULT_PORT = defaults.WEBHOOK_PORT
DEFAULT_REWRITE_DELAY_S = defaults.WEBHOOK_QUIET_S
MAX_BODY_BYTES = 1_000_000
MAX_BATCHED = 100  # deliveries in one body: each is a read of the vendor
WEBHOOK_LIMITS = GuardLimits(max_body_bytes=MAX_BODY_BYTES)
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")

ClientFactory = Callable[[Settings], VendorClient]


def _cards_gone_elsewhere(ledger: Ledger) -> set[str]:
    """Rows sent elsewhere whose card there a delivery said failed held, as `track` holds them (read here
    only: the repeats package loads pandas): a delivery saying rest's order Failed left gifts' rows on it
    'sent elsewhere' in `status` and gifts' workbook, their people with no card (review51 on 15a3b6af).
    The batches whose rows were held, to rewrite."""
    from .repeats.takenout import hold_every_card_gone_elsewhere

    return hold_every_card_gone_elsewhere(ledger)


def new_secret() -> str:
    return secrets.token_urlsafe(24)


def webhook_url(host: str, port: int, secret: str) -> str:
    """The URL to give ``bulkship run --webhook-url`` (the secret travels in the path)."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/webhook/{secret}"


class WebhookReceiver(QuietRewrites):
    """The state behind the app: one vendor client, one ledger connection, one lock per order."""

    def __init__(
        self,
        settings: Settings,
        secret: str,
        *,
        client_factory: ClientFactory = connect,
        rewrite_delay_s: float | None = DEFAULT_REWRITE_DELAY_S,
        limits: GuardLimits = WEBHOOK_LIMITS,
    ) -> None:
        if not secret:
            raise BulkshipError("The webhook receiver needs a shared secret", hint="pass --secret S")
        self.settings = settings
        self.secret = secret
        self.client_factory = client_factory
        self.rewrite_delay_s = rewrite_delay_s
        self.limits = limits
        self.client: VendorClient | None = None
        self.ledger: Ledger | None = None
        self._order_locks: dict[str, asyncio.Lock] = {}
        self._rewrites: dict[str, asyncio.Task[None]] = {}
        self.rewrites_done = 0

    @contextlib.asynccontextmanager
    async def lifespan(self, _app: Starlette) -> AsyncIterator[None]:
        self.client = self.client_factory(self.settings)
        self.ledger = Ledger(self.settings.ledger_location, lock=False)
        try:
            yield
        finally:
            await self._flush_rewrites()
            await self.client.aclose()
            self.ledger.close()

    def _secret_ok(self, request: Request) -> bool:
        given = request.path_params.get("secret") or request.headers.get(SECRET_HEADER, "")
        return hmac.compare_digest(given.encode("utf-8"), self.secret.encode("utf-8"))

    async def handle(self, request: Request) -> JSONResponse:
        if not self._secret_ok(request):
            log.warning("webhook refused: wrong or missing secret")
            return JSONResponse({"error": "forbidden"}, status_code=403)
        raw = await request.body()  # RequestGuard has refused a body too large or too slow before this
        if len(raw) > self.limits.max_body_bytes:  # served without the guard (tests, another server)
            log.warning("webhook refused: body of %d bytes is too large", len(raw))
            return JSONResponse({"error": "body too large"}, status_code=413)
        try:
            body = parse_json(raw, self.limits.max_json_depth)
        except (ValueError, UnicodeDecodeError):
            log.warning("webhook refused: body is not JSON (or nested too deeply)")
            return JSONResponse({"error": "body is not JSON"}, status_code=400)
        if isinstance(body, list) and body:  # several deliveries in one (some senders batch their events)
            return await self._several(body)
        return await self._one(body)

    async def _several(self, bodies: list[Any]) -> JSONResponse:
        """Each delivery of a batch recorded; 503 when any could not be (the sender retries the batch: the
        ones recorded change nothing twice). Deliveries for orders the ledger does not know are left out."""
        if len(bodies) > MAX_BATCHED:
            log.warning("webhook refused: %d deliveries in one body (at most %d)", len(bodies), MAX_BATCHED)
            return JSONResponse({"error": "too many deliveries in one body"}, status_code=413)
        answers = [await self._one(b) for b in bodies]
        codes = [a.status_code for a in answers]
        if 503 in codes:
            return JSONResponse({"error": "could not record them all now, retry later"}, status_code=503)
        if not any(c == 200 for c in codes):
            return answers[0]
        changed = any(json.loads(bytes(a.body)).get("changed") for a in answers if a.status_code == 200)
        return JSONResponse({"changed": changed, "recorded": codes.count(200), "deliveries": len(codes)})

    async def _one(self, body: Any) -> JSONResponse:
        assert self.ledger is not None
        candidates = order_ids_of(body)
        pos = po_numbers_of(body)  # an event naming the order by the PONumber bulkship sent
        if not candidates and not pos:
            log.warning("webhook refused: no order Id in the body")
            return JSONResponse({"error": "no order Id in the body"}, status_code=400)
        # the first the ledger knows (an event's own Id is no order's), in the ledger's case: a sender may
        # write a GUID in capitals that the API's answers wrote in small letters; else the order of the
        # first PONumber it knows
        variants = list(dict.fromkeys(v for c in candidates for v in (c, c.lower(), c.upper())))
        try:
            order_id = next((c for c in variants if self.ledger.order_by_vendor_id(c)), None)
            for po in pos if order_id is None else ():
                known = self.ledger.order(po)
                if known is not None and known.vendor_order_id:
                    order_id = known.vendor_order_id
                    break
        except BulkshipError as exc:  # a ledger kept busy: the sender retries later
            log.warning("webhook deferred: the ledger could not be read (%s)", exc.message)
            return JSONResponse({"error": "could not record it now, retry later"}, status_code=503)
        if order_id is None and not candidates:
            log.warning("webhook refused: PO %s is no order of the ledger with a vendor order Id", pos[0])
            return JSONResponse({"error": "unknown order"}, status_code=404)
        order_id = order_id or candidates[0]
        lock = self._order_locks.setdefault(order_id, asyncio.Lock())
        async with lock:
            try:
                return await self._record(order_id)
            except BulkshipError as exc:  # refused credentials, a ledger kept busy: the sender retries later
                log.warning("webhook deferred: order %s could not be recorded (%s)", order_id, exc.message)
                return JSONResponse({"error": "could not record it now, retry later"}, status_code=503)

    async def _record(self, order_id: str) -> JSONResponse:
        assert self.ledger is not None and self.client is not None
        order = self.ledger.order_by_vendor_id(order_id)
        if order is None:
            log.warning("webhook refused: order %s is not in the ledger", order_id)
            return JSONResponse({"error": "unknown order"}, status_code=404)
        record = self.ledger.batch(order.batch)
        try:  # before the vendor read: this API has never heard of another API's orders
            check_batch_api(record, self.settings, action="track", command="")
        except BatchConflictError:
            log.warning(
                "webhook refused: order %s belongs to batch %s, ordered through %s, not this receiver's API; "
                "nothing recorded (run `bulkship webhook serve` against that API for it)",
                order_id,
                order.batch,
                describe_api(record.api if record is not None and record.api else ""),
            )
            return JSONResponse({"error": "order belongs to another API"}, status_code=409)
        try:
            refreshed = await refresh_order(self.client, self.ledger, order, source="webhook")
        except NotFoundError:
            refreshed = None
        except TransientVendorError as exc:
            log.warning(
                "webhook deferred: order %s could not be read from the vendor (%s)", order_id, exc.message
            )
            return JSONResponse({"error": "vendor unavailable, retry later"}, status_code=503)
        except OrderMismatchError:
            log.warning("webhook refused: order %s has another PO at the vendor than in the ledger", order_id)
            return JSONResponse({"error": "order does not match the ledger"}, status_code=409)
        if refreshed is None:
            log.warning("webhook refused: the vendor has no order %s", order_id)
            return JSONResponse({"error": "unknown order"}, status_code=404)
        vendor_order, changed = refreshed.vendor_order, refreshed.changed
        log.info(
            "webhook: order %s (%s) %s", order_id, order.po_number, "updated" if changed else "unchanged"
        )
        if changed:
            self._schedule_rewrite(order.batch)
            for other in _cards_gone_elsewhere(self.ledger) - {order.batch}:
                self._schedule_rewrite(other)
        return JSONResponse({"changed": changed, "po_number": order.po_number, "status": vendor_order.status})


async def _health(_request: Request) -> JSONResponse:
    return JSONResponse({"ok": True})


def create_webhook_app(receiver: WebhookReceiver) -> Starlette:
    routes = [
        Route("/webhook/{secret}", receiver.handle, methods=["POST"]),
        Route("/webhook", receiver.handle, methods=["POST"]),
        Route("/health", _health, methods=["GET"]),
    ]
    guard = Middleware(RequestGuard, limits=receiver.limits)  # inside Starlette's error handling
    return Starlette(routes=routes, lifespan=receiver.lifespan, middleware=[guard])


def bind_loopback(host: str, port: int) -> socket.socket:
    """A listening socket on a loopback ``host`` (port 0: any free port), or one clear error."""
    if host not in LOOPBACK_HOSTS:
        raise ConfigError(
            f"Refusing to listen on {host}: the webhook receiver binds loopback only",
            hint="put a reverse proxy or tunnel in front of 127.0.0.1 to receive the vendor's calls",
        )
    try:
        family, _type, _proto, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        raise ConfigError(
            f"Cannot listen on {host}:{port}: {exc.strerror or exc}; the receiver did not start",
            hint="pick another --port, or --port 0 for any free one",
        ) from None
    return sock


def serve(
    settings: Settings,
    *,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    secret: str,
    on_ready: Callable[[str], None] | None = None,
    rewrite_delay_s: float | None = DEFAULT_REWRITE_DELAY_S,
) -> None:
    """Serve until Ctrl-C / SIGTERM. Refuses a non-loopback host: the receiver's only client is the vendor
    calling through a tunnel or proxy the user sets up on purpose. Missing credentials and a busy port are
    reported before anything listens (one ``Error:`` line, not a server traceback)."""
    import uvicorn

    receiver = WebhookReceiver(settings, secret, rewrite_delay_s=rewrite_delay_s)
    settings.credentials()  # ConfigError now, rather than a failed server startup later
    sock = bind_loopback(host, port)
    config = uvicorn.Config(
        create_webhook_app(receiver), log_level="warning", **uvicorn_options(receiver.limits)
    )
    server = uvicorn.Server(config)

    async def run() -> None:
        task = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started and not task.done():
            await asyncio.sleep(0.05)
        if server.started and on_ready is not None:
            on_ready(webhook_url(host, sock.getsockname()[1], secret))
        await task

    previous = _quiet_reraised_signals()
    try:
        asyncio.run(run())
    finally:
        sock.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _quiet_reraised_signals() -> dict[int, Any]:
    """uvicorn re-raises the SIGINT/SIGTERM that stopped it once it has shut down gracefully (rewrites
    flushed, ledger closed); with no-op handlers in place that ends the command normally (exit 0) instead of
    killing it. Only the main thread may set handlers."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {sig: signal.signal(sig, lambda *_: None) for sig in (signal.SIGINT, signal.SIGTERM)}
