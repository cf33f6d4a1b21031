"""ASGI guards around the web app: a request body limit (413), CSRF on every form, security headers.

Each is a small pure-ASGI middleware, so none has to read more of a request than it needs:

* :class:`BodyLimit` answers 413 with a page saying the limit when a request body is (or, streamed without a
  length, grows) larger than allowed. Neither Starlette nor uvicorn limits a body. The rest of the body is
  read and dropped first, so the browser, still sending, gets the page and not a reset connection.
* :class:`CsrfGuard` gives each browser a random token in a ``SameSite=Strict`` cookie and refuses (403) a
  POST whose form does not carry the same token as its *first* field (so a multipart upload is judged from
  its first few bytes, not after the whole file arrived), or that comes from another origin.
* :class:`SecurityHeaders` sets a CSP without inline script, frame-ancestors/X-Frame-Options, nosniff and a
  referrer policy on every response.
"""

from __future__ import annotations

import asyncio
import hmac
import os
import re
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlsplit

from sqlalchemy.exc import OperationalError

from ..errors import LedgerError

SECURE_COOKIES_ENV = "BULKSHIP_SECURE_COOKIES"


def secure_cookie(scope: Scope) -> str:
    """``"; Secure"`` for a cookie sent over HTTPS, or always when ``BULKSHIP_SECURE_COOKIES=1`` (``serve
    --secure-cookies``): behind a reverse proxy that ends TLS the request reaches bulkship as plain HTTP, yet
    the browser must never send the cookie over anything but HTTPS."""
    return "; Secure" if secure_cookies_forced() or scope.get("scheme") == "https" else ""


def secure_cookies_forced() -> bool:
    """Whether every cookie is marked Secure, whatever the request's scheme (``serve --secure-cookies``)."""
    return os.environ.get(SECURE_COOKIES_ENV, "").strip().lower() in ("1", "true", "yes", "on")


PLAIN_HTTP_SAID = (
    "This server marks its cookies Secure (bulkship serve --secure-cookies, or BULKSHIP_SECURE_COOKIES=1), "
    "so browsers send them back over HTTPS only, and this page was opened over plain HTTP: no form of it can "
    "be sent, signing in included, however often it is reloaded. Nothing was done. Open bulkship at its "
    "https:// address (the reverse proxy in front of it); where there is none, whoever runs the server "
    "starts it again without --secure-cookies."
)


def _browser_scheme(scope: Scope) -> str:
    """The scheme the browser itself spoke, as its form's Origin (or Referer) says: behind a proxy ending TLS
    the request reaches bulkship as plain HTTP whatever the browser spoke. "" when it does not say."""
    said = _header(scope, b"origin")
    said = said if said and said != "null" else _header(scope, b"referer")
    return urlsplit(said).scheme.lower() if said else ""


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

CSRF_COOKIE = "bulkship_csrf"
CSRF_FIELD = "csrf_token"
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


def _cookie_token(scope: Scope) -> str:
    cookie = SimpleCookie()
    try:
        cookie.load(_header(scope, b"cookie"))
    except Exception:
        return ""
    morsel = cookie.get(CSRF_COOKIE)
    return morsel.value if morsel else ""


_PART = re.compile(
    rb'^--[^\r\n]+\r\nContent-Disposition: form-data; name="([^"]*)"\r\n(?:[^\r\n]+\r\n)*\r\n', re.I
)


def _first_part_token(head: bytes) -> str | None:
    """The value of a multipart body's first field when it is the CSRF field; None otherwise."""
    match = _PART.match(head)
    if not match or match.group(1).decode("latin-1") != CSRF_FIELD:
        return None
    end = head.find(b"\r\n--", match.end())
    return head[match.end() : end].decode("ascii", "replace") if end >= 0 else None


def _holds_nul(scope: Scope) -> bool:
    """Whether the request's path or query holds a NUL character (``%00``): no name, row or search of
    bulkship's has one, and PostgreSQL refuses one in any text it is asked about."""
    query = bytes(scope.get("query_string", b"")).lower()
    return "\x00" in scope.get("path", "") or b"%00" in query or b"\x00" in query


class CsrfGuard:
    """Double-submit token: the cookie and the form's first field must agree (see the module docstring).
    A path, query or form field holding a NUL character is answered 400 with ``nul_page`` (on a team's
    PostgreSQL ledger every page, sign-in included, answered 500: found by hunter-web, W3)."""

    def __init__(
        self,
        app: App,
        page: Callable[[], str],
        nul_page: Callable[[], str] | None = None,
        plain_http_page: Callable[[], str] | None = None,
    ) -> None:
        self.app, self.page = app, page
        self.nul_page = nul_page or page
        self.plain_http_page = plain_http_page or page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _holds_nul(scope):
            if scope["method"] in UNSAFE_METHODS:
                await _drain(receive)
            await _send_page(send, 400, self.nul_page())
            return
        token = _cookie_token(scope)
        fresh = not token
        if fresh:
            token = secrets.token_urlsafe(32)
        scope["csrf_token"] = token
        set_cookie = (
            b"set-cookie",
            f"{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure_cookie(scope)}".encode("ascii"),
        )

        async def send_with_cookie(message: Message) -> None:
            if fresh and message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = [*message.get("headers", []), set_cookie]
            await send(message)

        if scope["method"] not in UNSAFE_METHODS:
            await self.app(scope, receive, send_with_cookie)
            return
        buffered, sent_token, complete = await self._read_token(scope, receive)
        if fresh or not self._same_origin(scope) or not hmac.compare_digest(sent_token or "", token):
            if not complete:
                await _drain(receive)
            # no token came back from a browser on plain HTTP while every cookie is Secure: it never will
            # (found by newcomer14: README's `serve --host 0.0.0.0 --secure-cookies` opened at its http://
            # address said only 'reload the page and send it again', and no reload could sign anyone in)
            lost = fresh and secure_cookies_forced() and _browser_scheme(scope) == "http"
            await _send_page(send_with_cookie, 403, self.plain_http_page() if lost else self.page())
            return
        if _form_holds_nul(scope, buffered):
            await _send_page(send_with_cookie, 400, self.nul_page())
            return
        replay = list(buffered)

        async def replayed() -> Message:
            return replay.pop(0) if replay else await receive()

        await self.app(scope, replayed, send_with_cookie)

    @staticmethod
    def _same_origin(scope: Scope) -> bool:
        origin = _header(scope, b"origin")
        if not origin or origin == "null":
            return origin != "null"
        return urlsplit(origin).netloc == _header(scope, b"host")

    @staticmethod
    async def _read_token(scope: Scope, receive: Receive) -> tuple[list[Message], str | None, bool]:
        """Read just enough of the body to find the token: what was read (to be replayed), the token, and
        whether the whole body was read."""
        kind = _header(scope, b"content-type").lower()
        multipart = kind.startswith("multipart/form-data")
        limit = FIRST_PART_LIMIT if multipart else FORM_LIMIT
        messages: list[Message] = []
        head = b""
        more = True
        while more and len(head) <= limit:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                return messages, None, True  # the client went away
            head += message.get("body", b"")
            more = bool(message.get("more_body"))
            if multipart and _first_part_token(head) is not None:
                break
        if multipart:
            return messages, _first_part_token(head), not more
        if not kind.startswith("application/x-www-form-urlencoded") or more:
            return messages, None, not more
        values = parse_qs(head.decode("latin-1"), keep_blank_values=True).get(CSRF_FIELD, [])
        return messages, values[0] if values else None, True


def _form_holds_nul(scope: Scope, buffered: list[Message]) -> bool:
    """Whether a form without a file (read whole by the token check) holds a NUL character in a field."""
    if not _header(scope, b"content-type").lower().startswith("application/x-www-form-urlencoded"):
        return False
    body = b"".join(m.get("body", b"") for m in buffered if m["type"] == "http.request")
    return any(
        "\x00" in k or "\x00" in v for k, v in parse_qsl(body.decode("latin-1"), keep_blank_values=True)
    )


class SecurityHeaders:
    """The security headers on every response; and, outermost, a ledger that cannot be reached from a guard
    inside (the sign-in guard asks it first) answered 503 with ``unreachable(error)``, not a bare 500."""

    def __init__(self, app: App, unreachable: Callable[[Exception], str] | None = None) -> None:
        self.app, self.unreachable = app, unreachable

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

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = dict(message)
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *((k, v) for k, v in wanted if k not in names),
                ]
            await send(message)

        try:
            await self.app(scope, receive, with_headers)
        except (LedgerError, OperationalError) as exc:
            if started or self.unreachable is None:
                raise
            # raised before anyone signed in (the sign-in guard's read): said without the ledger's address
            await _send_page(with_headers, 503, self.unreachable(exc))


UNREACHABLE = "Cannot reach the ledger's database right now"


def unreachable_said(exc: Exception) -> str:
    """What a page says of a ledger it cannot reach: a LedgerError's own words; the database's refusal to
    connect (the team's reads, e.g. whether accounts exist) without its address."""
    return exc.message if isinstance(exc, LedgerError) else UNREACHABLE
