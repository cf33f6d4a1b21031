"""CSRF on every form: a random token in a ``SameSite=Strict`` cookie, which a POST's form must carry back.

:class:`CsrfGuard` gives each browser its token and refuses (403) a POST whose form does not carry the same
token as its *first* field (so a multipart upload is judged from its first few bytes, not after the whole file
arrived), or that comes from another origin; a path, query or form holding a NUL is answered 400. A
pure-ASGI middleware beside the others of :mod:`.guards`.
"""

from __future__ import annotations

import hmac
import re
import secrets
from collections.abc import Callable
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, parse_qsl, urlsplit

from .guards import (
    FIRST_PART_LIMIT,
    FORM_LIMIT,
    UNSAFE_METHODS,
    App,
    Message,
    Receive,
    Scope,
    Send,
    _drain,
    _header,
    _send_page,
    secure_cookie,
    secure_cookies_forced,
)

CSRF_COOKIE = "bulkship_csrf"
CSRF_FIELD = "csrf_token"

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
