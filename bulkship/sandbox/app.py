"""The sandbox over HTTP: a Starlette ASGI app serving the vendor's ``/v1`` API and admin routes under
``/_sandbox``. Fault knobs apply to ``/v1`` only. Paths under ``/v1`` match case-insensitively, like the
ASP.NET-style API they imitate; query parameter names too.

Admin routes (no authentication; the server binds loopback only):
    POST /_sandbox/fund {"amount": N, "pending": false}   GET /_sandbox/orders      POST /_sandbox/reset
    POST /_sandbox/advance {"seconds": N}                  GET /_sandbox/config      GET /_sandbox/webhooks
    POST /_sandbox/deliver-webhooks    POST /_sandbox/config {"order_latency_ms": N, "latency_ms": N}
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from ..errors import BulkshipError
from .core import DEFAULT_PAGE_SIZE, Sandbox
from .dialect import Dialect
from .faults import FaultDecision
from .lifecycle import iso
from .orders import lower_keys
from .refusals import ApiError

log = logging.getLogger(__name__)

V1Handler = Callable[[Sandbox, Request, list[str]], Awaitable[tuple[int, Any]]]


class DroppedConnection(Response):
    """Starts a response and never finishes it: over a real server the connection closes mid-answer, so
    the client cannot know whether its order went through (uvicorn closes the socket when an app returns
    early)."""

    def __init__(self) -> None:
        super().__init__(status_code=201)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 201,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"4096")],
            }
        )
        await send({"type": "http.response.body", "body": b'{"Id": ', "more_body": True})


def _json(status: int, body: Any, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=headers)


async def _body(request: Request) -> Any:
    raw = await request.body()
    if not raw.strip():
        return None
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ApiError(400, "The request body is not valid JSON.") from None


def _query(request: Request) -> dict[str, str]:
    return {key.lower(): value for key, value in request.query_params.items()}


def _int_param(query: dict[str, str], name: str, default: int) -> int:
    raw = query.get(name.lower())
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError:
        raise ApiError(
            400, f"{name} must be a whole number.", Errors={name: [f"'{raw}' is not a number."]}
        ) from None


def _paging(request: Request) -> tuple[int, int]:
    query = _query(request)
    return _int_param(query, "pageIndex", 1), _int_param(query, "pageSize", DEFAULT_PAGE_SIZE)


# -- /v1 handlers: (status, body) --------------------------------------------------------------------------


async def _tokens(sandbox: Sandbox, request: Request, _: list[str]) -> tuple[int, Any]:
    token = sandbox.issue_token(request.headers.get("email"), request.headers.get("accesstoken"))
    return 200, {**token, "ExpiresIn": sandbox.config.dialect.expires_in(token["ExpiresIn"])}


async def _products(sandbox: Sandbox, request: Request, _: list[str]) -> tuple[int, Any]:
    return 200, sandbox.products_page(*_paging(request))


async def _shipping_methods(sandbox: Sandbox, request: Request, _: list[str]) -> tuple[int, Any]:
    return 200, sandbox.shipping_methods()


async def _create_order(sandbox: Sandbox, request: Request, _: list[str]) -> tuple[int, Any]:
    return 201, sandbox.create_order(sandbox.config.dialect.request(await _body(request)))


async def _list_orders(sandbox: Sandbox, request: Request, _: list[str]) -> tuple[int, Any]:
    dialect = sandbox.config.dialect
    page_index, page_size = _paging(request)
    po_number = _query(request).get("ponumber") or None
    if not dialect.list_honours_po_filter:
        po_number = None
    if dialect.list_page_cap is not None:
        page_size = min(page_size, dialect.list_page_cap)
    shift = 1 - dialect.list_page_base  # a list counting from 0: its page 0 is the first
    listed = dialect.order_list(sandbox.list_orders(page_index + shift, page_size, po_number))
    return 200, {**listed, "Page": page_index} if "Page" in listed else listed


async def _get_order(sandbox: Sandbox, request: Request, parts: list[str]) -> tuple[int, Any]:
    return 200, sandbox.get_order(parts[1])


async def _balance(sandbox: Sandbox, request: Request, _: list[str]) -> tuple[int, Any]:
    return 200, sandbox.balance()


# (method, lower-cased path after /v1/ with "*" for a path parameter) -> handler
V1_ROUTES: dict[tuple[str, str], V1Handler] = {
    ("POST", "tokens"): _tokens,
    ("GET", "products"): _products,
    ("GET", "shippingmethods"): _shipping_methods,
    ("POST", "orders"): _create_order,
    ("GET", "orders"): _list_orders,
    ("GET", "orders/*"): _get_order,
    ("GET", "balance"): _balance,
}


def _resolve(method: str, path: str) -> tuple[V1Handler, list[str]]:
    parts = [p for p in path.split("/") if p]
    keys = ["/".join(parts).lower(), "/".join([parts[0].lower(), *["*"] * (len(parts) - 1)]) if parts else ""]
    for key in keys:
        handler = V1_ROUTES.get((method, key))
        if handler is not None:
            return handler, parts
    if any(route_path in keys for _, route_path in V1_ROUTES):
        raise ApiError(405, f"{method} is not allowed on /v1/{path}.")
    raise ApiError(404, f"No such API route: /v1/{path}.")


def _creates_order(request: Request) -> bool:
    return request.method == "POST" and request.path_params["rest"].strip("/").lower() == "orders"


def _fault_response(decision: FaultDecision, dialect: Dialect) -> Response:
    headers = {"Retry-After": str(decision.retry_after)} if decision.retry_after else None
    if decision.status == 429 and dialect.throttle_text:
        return PlainTextResponse("Too many requests.", status_code=429, headers=headers)
    return _json(decision.status or 500, dialect.body({"Message": decision.message}), headers)


def _refusal(exc: ApiError, dialect: Dialect) -> JSONResponse:
    body, status = exc.body, exc.status
    if exc.status == 409:
        body, status = dialect.conflict(body), dialect.conflict_status
    elif exc.status == 400:
        body = dialect.invalid(body)
    return _json(status, dialect.body(body), exc.headers or None)


def _v1_endpoint(sandbox: Sandbox, drop_connections: bool) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        decision = sandbox.faults.decide(creates_order=_creates_order(request))
        response = await _answer(sandbox, request, decision, drop_connections)
        # The latency is the time the answer takes to come back: the work is done first, as at a real
        # vendor whose requests arrive spread out, so requests in flight overlap their waits rather than
        # queueing behind each other's processing.
        if decision.latency_s:
            await asyncio.sleep(decision.latency_s)
        return response

    return endpoint


async def _answer(
    sandbox: Sandbox, request: Request, decision: FaultDecision, drop_connections: bool
) -> Response:
    dialect = sandbox.config.dialect
    if decision.status is not None:
        return _fault_response(decision, dialect)
    try:
        handler, parts = _resolve(request.method, request.path_params["rest"])
        if handler is not _tokens:
            sandbox.authenticate(request.headers.get("authorization"))
        status, body = await handler(sandbox, request, parts)
    except ApiError as exc:
        return _refusal(exc, dialect)
    except Exception:  # the vendor answers 500 rather than crash; the client will retry
        log.exception("sandbox failed on %s %s", request.method, request.url.path)
        return _json(500, {"Message": "Sandbox internal error. Retry with the same PONumber."})
    if status == 201 and decision.drop_after_commit:
        sandbox.faults.count("dropped_after_commit")
        if drop_connections:
            return DroppedConnection()
        return _json(504, dialect.body({"Message": FaultDecision(status=504).message}))
    return _json(status, dialect.body(body))


# -- /_sandbox admin routes --------------------------------------------------------------------------------


def _admin(sandbox: Sandbox) -> list[Route]:
    async def guarded(call: Callable[[], Any]) -> Response:
        try:
            return _json(200, await run_in_threadpool(call))
        except ApiError as exc:
            return _json(exc.status, exc.body)
        except BulkshipError as exc:
            return _json(400, {"Message": str(exc)})

    async def fund(request: Request) -> Response:
        body = lower_keys(await _safe_body(request)) or {}
        return await guarded(lambda: sandbox.fund(body.get("amount"), pending=bool(body.get("pending"))))

    async def advance(request: Request) -> Response:
        body = lower_keys(await _safe_body(request)) or {}

        def move() -> dict[str, Any]:
            seconds = body.get("seconds")
            if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
                raise ApiError(400, 'Send {"seconds": N} with a number of seconds.')
            return {"Now": iso(sandbox.advance(float(seconds))), "Seconds": seconds}

        return await guarded(move)

    async def orders(request: Request) -> Response:
        return await guarded(sandbox.orders)

    async def reset(request: Request) -> Response:
        def do_reset() -> dict[str, Any]:
            sandbox.reset()
            return {"Reset": True, "Balance": sandbox.balance()}

        return await guarded(do_reset)

    async def config(request: Request) -> Response:
        if request.method == "POST":  # the latencies only, while it runs
            body = lower_keys(await _safe_body(request))
            changes = body if isinstance(body, dict) else {}
            return await guarded(lambda: sandbox.set_latency(changes))
        return await guarded(sandbox.knobs)

    async def webhook_log(request: Request) -> Response:
        return await guarded(sandbox.webhook_log)

    async def deliver(request: Request) -> Response:
        return await guarded(lambda: {"Delivered": sandbox.deliver_due_webhooks()})

    return [
        Route("/_sandbox/fund", fund, methods=["POST"]),
        Route("/_sandbox/advance", advance, methods=["POST"]),
        Route("/_sandbox/orders", orders, methods=["GET"]),
        Route("/_sandbox/reset", reset, methods=["POST"]),
        Route("/_sandbox/config", config, methods=["GET", "POST"]),
        Route("/_sandbox/webhooks", webhook_log, methods=["GET"]),
        Route("/_sandbox/deliver-webhooks", deliver, methods=["POST"]),
    ]


async def _safe_body(request: Request) -> Any:
    try:
        return await _body(request)
    except ApiError:
        return None


def create_app(sandbox: Sandbox, *, drop_connections: bool = False) -> Starlette:
    """The ASGI app. ``drop_connections``: the commit-then-drop knob closes the connection mid-answer
    instead of answering 504 (what the real server does; in-process transports cannot see a dropped
    connection)."""
    v1 = _v1_endpoint(sandbox, drop_connections)
    methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]
    routes = [Route("/v1/{rest:path}", v1, methods=methods), Route("/V1/{rest:path}", v1, methods=methods)]
    return Starlette(routes=[*routes, *_admin(sandbox)])
