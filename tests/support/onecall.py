"""Starlette's TestClient, each request one call into the app's event loop (issue 14). Its transport crossed
threads eight times a request (an Event, another, a stream, a cancel scope, the app's task, its wait, the
body, the end): ~1.2 ms of CPU a request of 1.7 for a small page, most of a web test's requests. Here the
request is answered whole in one call: the same scope, the same messages, the body read at once (no test
reads a response as a stream). Web sockets, and a client asked not to raise the app's errors, go the
library's own way."""

from __future__ import annotations

from typing import Any

import anyio
import httpx2 as httpx  # (the client starlette's TestClient is made of)
from starlette.testclient import _TestClientTransport

library_way = _TestClientTransport.handle_request
# what the one-call scope holds (its "state" aside: a copy of the app's each request)
SCOPE_KEYS = (
    "type", "http_version", "method", "path", "raw_path", "root_path", "scheme", "query_string", "headers",
    "client", "server", "extensions",
)  # fmt: skip


def _scope(transport: _TestClientTransport, request: httpx.Request) -> dict[str, Any]:
    """The ASGI scope the library's transport makes of ``request`` (starlette 1.10's handle_request)."""
    from urllib.parse import unquote

    url = request.url
    port = url.port or {"http": 80, "https": 443}[url.scheme]
    headers = [] if "host" in request.headers else [(b"host", url.netloc)]
    headers += [(key.lower().encode(), value.encode()) for key, value in request.headers.multi_items()]
    return {
        "type": "http",
        "http_version": "1.1",
        "method": request.method,
        "path": unquote(url.path),
        "raw_path": url.raw_path.split(b"?", 1)[0],
        "root_path": transport.root_path,
        "scheme": url.scheme,
        "query_string": url.query,
        "headers": headers,
        "client": transport.client,
        "server": [url.raw_host.decode("ascii"), port],
        "extensions": {"http.response.debug": {}, "http.response.trailers": {}},
        "state": transport.app_state.copy(),
    }


def handle_request(transport: _TestClientTransport, request: httpx.Request) -> httpx.Response:
    if request.url.scheme not in ("http", "https") or not transport.raise_server_exceptions:
        return library_way(transport, request)
    scope, body = _scope(transport, request), request.read()
    start: dict[str, Any] = {}
    chunks: list[bytes] = []

    async def answered() -> None:
        complete, asked = anyio.Event(), False

        async def receive() -> dict[str, Any]:
            nonlocal asked
            if asked:  # (as the library: a disconnect once the response is complete)
                await complete.wait()
                return {"type": "http.disconnect"}
            asked = True
            return {"type": "http.request", "body": body}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                assert not start, 'Received multiple "http.response.start" messages.'
                start.update(message)
            elif message["type"] == "http.response.body":
                assert start, 'Received "http.response.body" without "http.response.start".'
                chunks.append(bytes(message.get("body", b"")))
                if not message.get("more_body", False):
                    complete.set()

        try:
            await transport.app(scope, receive, send)  # type: ignore[arg-type]
        finally:
            complete.set()

    with transport.portal_factory() as portal:
        portal.call(answered)
    if not start:
        raise AssertionError("TestClient did not receive any response.")
    headers = [(key.decode(), value.decode()) for key, value in start.get("headers", [])]
    content = b"" if request.method == "HEAD" else b"".join(chunks)
    return httpx.Response(start["status"], headers=headers, content=content, request=request)


def install() -> None:
    """Every TestClient of the test process answers its requests in one call (tests/conftest.py)."""
    _TestClientTransport.handle_request = handle_request  # type: ignore[method-assign, assignment]
