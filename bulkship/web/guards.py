"""ASGI guards around the web app: a request body limit (413), CSRF on every form, security headers.

Each is a small pure-ASGI middleware, so none has to read more of a request than it needs:

* :class:`BodyLimit` answers 413 with a page saying the limit when a request body is (or, streamed without a
  length, grows) larger than allowed. Neither Starlette nor uvicorn limits a body. The rest of the body is
  read and dropped first, so the browser, still sending, gets the page and not a reset connection.
* :class:`~.csrf.CsrfGuard` (in :mod:`.csrf`, on this module's helpers) gives each browser a random token in
  a ``SameSite=Strict`` cookie and refuses (403) a POST whose form does not carry the same token as its
  *first* field, or that comes from another origin.
* :class:`SecurityHeaders` sets a CSP without inline script, frame-ancestors/X-Frame-Options, nosniff and a
  referrer policy on every response.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from sqlalchemy.exc import OperationalError

from ..errors import LedgerError
from .kept import LET_GO

SECURE_COOKIES_ENV = "BULKSHIP_SECURE_COOKIES"


def secure_cookie(scope: Scope) -> str:
    """``"; Secure"`` for a cookie sent over HTTPS, or always when ``BULKSHIP_SECURE_COOKIES=1`` (``serve
    --secure-cookies``): behind a reverse proxy that ends TLS the request reaches bulkship as plain HTTP, yet
    the browser must never send the cookie over anything but HTTPS."""
    return "; Secure" if secure_cookies_forced() or scope.get("scheme") == "https" else ""


def secure_cookies_forced() -> bool:
    """Whether every cookie is marked Secure, whatever the request's scheme (``serve --secure-cookies``)."""
    return os.environ.get(SECURE_COOKIES_ENV, "").strip().lower() in ("1", "true", "yes", "on")


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

FORM_LIMIT = 1024 * 1024  # a form without a file: far more than any of ours
FIRST_PART_LIMIT = 64 * 1024  # where a multipart form's first field (the token) must end
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    ),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
# Pages and downloads hold recipients' names and addresses: never kept by the browser, so Back after signing
# out (a shared computer) asks the server again, which asks for a sign-in (found by review16). The static
# files (style sheet, htmx) may be kept.
NO_STORE = (b"cache-control", b"no-store")


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return ""


async def _send_page(send: Send, status: int, html: str, extra: list[tuple[bytes, bytes]] = ()) -> None:  # type: ignore[assignment]
    body = html.encode("utf-8")
    headers = [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
        *extra,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


BODY_IDLE_S = 30.0  # a request body from which nothing arrives for this long is given up (a stalled client)


class _Stalled(Exception):
    pass


async def _within(receive: Receive) -> Message:
    """The next part of the body, or _Stalled when nothing arrives for :data:`BODY_IDLE_S`."""
    try:
        return await asyncio.wait_for(receive(), BODY_IDLE_S)
    except TimeoutError:
        raise _Stalled from None


async def _drain(receive: Receive) -> None:
    """Read and drop the rest of the body (so that a browser still sending gets the page), but never wait
    for bytes that do not come: a client that declared a body and sent none held the request for ever."""
    while True:
        try:
            message = await _within(receive)
        except _Stalled:
            return
        if message["type"] != "http.request" or not message.get("more_body"):
            return


class BodyLimit:
    """413 for a request body larger than ``upload_limit`` (multipart uploads) or :data:`FORM_LIMIT`; 408
    (``stalled_page``) for one from which nothing arrives for :data:`BODY_IDLE_S`: found by hunter-web
    (W14), a client that sent headers and then nothing held its connection for ever (a hundred such hold
    every connection the server takes) and kept the server from stopping."""

    def __init__(
        self,
        app: App,
        upload_limit: int,
        page: Callable[[int, int], str],
        stalled_page: Callable[[], str] | None = None,
    ) -> None:
        self.app, self.upload_limit, self.page = app, upload_limit, page
        self.stalled_page = stalled_page

    def limit_for(self, scope: Scope) -> int:
        kind = _header(scope, b"content-type").lower()
        # the multipart framing around the file is a few hundred bytes: allow for it
        return self.upload_limit + FIRST_PART_LIMIT if kind.startswith("multipart/") else FORM_LIMIT

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in UNSAFE_METHODS:
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        declared = _header(scope, b"content-length")
        if declared.isdigit() and int(declared) > limit:
            await _drain(receive)
            await _send_page(send, 413, self.page(int(declared), self.upload_limit))
            return
        seen = 0
        too_large = stalled = False
        started = False

        async def counted() -> Message:
            nonlocal seen, too_large, stalled
            try:
                message = await _within(receive)
            except _Stalled:
                stalled = True
                raise
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    too_large = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if too_large or stalled:
                return  # the app's answer to a body cut short is replaced by the 413 (408) page
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, guarded_send)
        except Exception:
            if not (too_large or stalled):
                raise
        if too_large and not started:
            await _drain(receive)
            await _send_page(send, 413, self.page(seen, self.upload_limit))
        elif stalled and not started and self.stalled_page is not None:
            await _send_page(send, 408, self.stalled_page())


class _TooLarge(Exception):
    pass


class SecurityHeaders:
    """The security headers on every response; and, outermost, a ledger that cannot be reached from a guard
    inside (the sign-in guard asks it first) answered 503 with ``unreachable(error)``, not a bare 500."""

    def __init__(
        self,
        app: App,
        unreachable: Callable[[Exception, Scope], tuple[int, str]] | None = None,
        stopping: Callable[[], str] | None = None,
    ) -> None:
        self.app, self.unreachable, self.stopping = app, unreachable, stopping

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        wanted = (
            SECURITY_HEADERS
            if scope.get("path", "").startswith("/static/")
            else [*SECURITY_HEADERS, NO_STORE]
        )

        let_go: list[bool] = []  # marked by a reading the server's stop let go (kept.let_go)
        dropped = False  # the page's own answer, put aside for the stop's

        async def with_headers(message: Message) -> None:
            nonlocal started, dropped
            if dropped:
                return
            if message["type"] == "http.response.start":
                started = True
                message = dict(message)
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *((k, v) for k, v in wanted if k not in names),
                ]
                if let_go and message["status"] < 300 and self.stopping and scope["method"] == "GET":
                    # a page that went on without what it could not read (the Held rows page, as the
                    # ledger had it) said nothing of the stop: the stop's page instead (a form's answer
                    # stays: what it did may be done)
                    dropped = True
                    retry = (b"retry-after", STOPPING_RETRY_S)
                    await _send_page(send, 503, self.stopping(), [*wanted, retry])
                    return
                if let_go and message["status"] >= 400:  # (a redirect: what it did is done)
                    message["status"] = 503  # was the 409 or 422 of the page's own error path
                    message["headers"].append((b"retry-after", STOPPING_RETRY_S))
            await send(message)

        marked = LET_GO.set(let_go)
        try:
            await self.app(scope, receive, with_headers)
        except (LedgerError, OperationalError) as exc:
            if started or self.unreachable is None:
                raise
            # raised before anyone signed in (the sign-in guard's read): said without the ledger's address
            status, page = self.unreachable(exc, scope)
            await _send_page(with_headers, status, page)
        finally:
            LET_GO.reset(marked)


STOPPING_RETRY_S = b"30"  # a page the server's stop let go: asked again after this (a restart is quick)


UNREACHABLE = "Cannot reach the ledger's database right now"


def unreachable_said(exc: Exception) -> str:
    """What a page says of a ledger it cannot reach: a LedgerError's own words; the database's refusal to
    connect (the team's reads, e.g. whether accounts exist) without its address."""
    return exc.message if isinstance(exc, LedgerError) else UNREACHABLE
