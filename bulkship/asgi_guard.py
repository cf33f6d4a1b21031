"""Rules for any bulkship HTTP endpoint reachable from a network: the webhook receiver and `bulkship serve`.
One place, so that both refuse the same abuse the same way.

At the connection (uvicorn, :func:`uvicorn_options`):
    - at most ``max_connections`` open connections: more are closed at once, before they cost anything;
    - a request's headers must arrive within ``header_timeout_s`` (a client trickling one byte every few
      seconds is cut off, and cannot hold a connection slot for ever); headers are at most 16 KB;
    - an idle keep-alive connection is closed after ``keep_alive_s``.

In the application (:class:`RequestGuard`, ASGI middleware):
    - a body larger than ``max_body_bytes`` is refused with 413 before it is read: at once when its
      Content-Length says so, else as soon as the bytes received pass the limit (never buffered whole);
    - the whole body must arrive within ``body_timeout_s`` of the first read (408 otherwise);
    - a client that disconnects mid-body ends the request quietly: one log line, no traceback.

For handlers: :func:`parse_json` refuses JSON nested deeper than ``max_json_depth`` (a ValueError, not a
RecursionError and a 500), and :class:`EscapingFilter` keeps control characters from the request out of log
lines (a newline in an order id cannot forge a log line).

Use::

    app = Starlette(routes=..., middleware=[Middleware(RequestGuard, limits=limits)])
    uvicorn.Config(app, **uvicorn_options(limits))

``RequestGuard`` must sit inside Starlette's error middleware (as a ``Middleware`` entry, not wrapped around
the app), so that its refusals are answered by it rather than turned into a 500. On a network, serve it behind
an HTTPS reverse proxy (nginx, Caddy, a tunnel): the receiver itself speaks plain HTTP on loopback only.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("bulkship.http")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_HEADER_BYTES = 16 * 1024
LOGGED_TEXT_CHARS = 200  # a value from a request is cut to this in a log line


@dataclass(frozen=True)
class GuardLimits:
    max_body_bytes: int = 1_000_000
    body_timeout_s: float = 10.0
    header_timeout_s: float = 10.0
    keep_alive_s: float = 5.0
    max_connections: int = 100
    max_json_depth: int = 32


class _BodyTooLarge(Exception):
    pass


class _BodyTooSlow(Exception):
    pass


class _ClientGone(Exception):
    pass


class RequestGuard:
    """ASGI middleware: body size and time limits, quiet client disconnects (see the module docstring)."""

    def __init__(self, app: ASGIApp, limits: GuardLimits | None = None) -> None:
        self.app = app
        self.limits = limits or GuardLimits()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.limits.max_body_bytes:
            log.warning(
                "refused: a body of %d bytes, above the limit of %d", declared, self.limits.max_body_bytes
            )
            await _answer(send, 413, "body too large")
            return
        started = False

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, self._guarded(receive), tracked_send)
        except _BodyTooLarge:
            log.warning("refused: a body above the limit of %d bytes", self.limits.max_body_bytes)
            if not started:
                await _answer(send, 413, "body too large")
        except _BodyTooSlow:
            log.warning("refused: the body did not arrive within %g s", self.limits.body_timeout_s)
            if not started:
                await _answer(send, 408, "request body too slow")
        except _ClientGone:
            log.info("the client disconnected before its request body was complete")

    def _guarded(self, receive: Receive) -> Receive:
        limits = self.limits
        received = 0
        complete = False
        deadline: float | None = None

        async def guarded_receive() -> Message:
            nonlocal received, complete, deadline
            if complete:  # after the body: only a disconnect can come, and waiting for it is the app's choice
                return await receive()
            deadline = deadline or time.monotonic() + limits.body_timeout_s
            try:
                message = await asyncio.wait_for(receive(), max(deadline - time.monotonic(), 0))
            except TimeoutError:
                raise _BodyTooSlow from None
            if message["type"] == "http.disconnect":
                raise _ClientGone
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limits.max_body_bytes:
                    raise _BodyTooLarge
                complete = not message.get("more_body", False)
            return message

        return guarded_receive


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _answer(send: Send, status: int, error: str) -> None:
    body = json.dumps({"error": error}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


# ---------------------------------------------------------------------------------------------- JSON

_JSON_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def json_depth_exceeds(raw: bytes, max_depth: int) -> bool:
    """Whether brackets outside strings nest deeper than ``max_depth`` (strings skipped at C speed)."""
    depth = 0
    for match in _JSON_TOKENS.finditer(raw):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > max_depth:
                return True
        elif token in (b"]", b"}"):
            depth -= 1
    return False


def parse_json(raw: bytes, max_depth: int = GuardLimits.max_json_depth) -> Any:
    """``json.loads`` that refuses (ValueError) nesting deeper than ``max_depth`` before parsing."""
    if json_depth_exceeds(raw, max_depth):
        raise ValueError(f"JSON nested deeper than {max_depth} levels")
    return json.loads(raw)


# ---------------------------------------------------------------------------------------------- logging

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def log_safe(text: str) -> str:
    """Text from a request as it may appear in one log line: control characters escaped, length capped."""
    escaped = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    if len(escaped) > LOGGED_TEXT_CHARS:
        escaped = escaped[:LOGGED_TEXT_CHARS] + f"…({len(escaped) - LOGGED_TEXT_CHARS} more)"
    return escaped


class EscapingFilter(logging.Filter):
    """A logger filter: every string argument of a record passes through :func:`log_safe`."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(log_safe(a) if isinstance(a, str) else a for a in record.args)
        return True


# ---------------------------------------------------------------------------------------------- uvicorn


def uvicorn_options(limits: GuardLimits | None = None) -> dict[str, Any]:
    """``uvicorn.Config`` keyword arguments applying the connection rules of ``limits``."""
    limits = limits or GuardLimits()
    return {
        "http": guarded_protocol(limits),
        "limit_concurrency": limits.max_connections + 1,  # uvicorn's own check (>=) must not refuse first
        "timeout_keep_alive": limits.keep_alive_s,
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
    }


class _Refusals:
    """Connections refused at the cap, logged once a minute at most (a flood must not flood the log)."""

    EVERY_S = 60.0

    def __init__(self) -> None:
        self.count = 0
        self.logged_at: float | None = None

    def note(self, cap: int) -> None:
        self.count += 1
        now = time.monotonic()
        if self.logged_at is None or now - self.logged_at >= self.EVERY_S:
            log.warning("refused %d connection(s): %d are open, the limit", self.count, cap)
            self.count, self.logged_at = 0, now


_refusals = _Refusals()


def guarded_protocol(limits: GuardLimits) -> type[asyncio.Protocol]:
    """uvicorn's h11 protocol with a cap on open connections and a deadline for each request's headers."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class GuardedH11Protocol(H11Protocol):
        _header_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            if len(self.connections) > limits.max_connections:
                _refusals.note(limits.max_connections)
                self.transport.close()
                return
            self._arm_header_timer()

        def _arm_header_timer(self) -> None:
            self._cancel_header_timer()
            self._header_timer = self.loop.call_later(limits.header_timeout_s, self._headers_too_slow)

        def _cancel_header_timer(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def handle_events(self) -> None:
            before = self.cycle
            super().handle_events()
            if self.cycle is not before:  # a request's headers are complete
                self._cancel_header_timer()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm_header_timer()  # the next request's headers get the same deadline

        def connection_lost(self, exc: Exception | None) -> None:
            self._cancel_header_timer()
            super().connection_lost(exc)

        def _headers_too_slow(self) -> None:
            self._header_timer = None
            if not self.transport.is_closing():
                log.info("closed a connection whose request headers took over %g s", limits.header_timeout_s)
                self.transport.close()

    return GuardedH11Protocol
