"""tests/support/onecall.py (issue 14): every TestClient answers a request in one call into the app's loop.
The same app, asked the same things the library's way and the one-call way, sees the same scope and body
and answers the same status, headers, cookies and body; its errors are raised the same."""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.testclient import TestClient, _TestClientTransport
from support import onecall


async def echo(request: Request) -> Response:
    """The scope and body it was asked with (the state aside: a copy of the app's each request)."""
    scope = {k: v for k, v in request.scope.items() if k in onecall.SCOPE_KEYS}
    body = await request.body()
    said = json.dumps({"scope": scope, "body": body.decode("latin-1")}, default=repr, sort_keys=True)
    response = Response(said, media_type="application/json", headers={"X-Seen": request.method})
    response.set_cookie("seen", "yes")
    return response


async def parts(request: Request) -> Response:
    async def chunks() -> AsyncIterator[bytes]:
        for chunk in (b"one ", b"two ", b"three"):
            yield chunk

    return StreamingResponse(chunks(), media_type="text/plain")


async def fails(request: Request) -> Response:
    raise RuntimeError("the page failed")


def app() -> Starlette:
    return Starlette(
        routes=[
            Route("/echo/{rest:path}", echo, methods=["GET", "POST", "HEAD"]),
            Route("/parts", parts),
            Route("/away", lambda request: RedirectResponse("/echo/there?x=1", status_code=303)),
            Route("/json", lambda request: JSONResponse({"cookie": request.cookies.get("seen")})),
            Route("/fails", fails),
        ]
    )


def _asked(way: str, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    handle = onecall.handle_request if way == "onecall" else onecall.library_way
    monkeypatch.setattr(_TestClientTransport, "handle_request", handle)
    seen: list[Any] = []
    with TestClient(app(), follow_redirects=True) as client:
        for response in (
            client.get("/echo/a%20b/c?q=1&r=%C3%A9"),
            client.post("/echo/form", data={"name": "Ann Lee", "csrf_token": "t"}),
            client.post("/echo/raw", content=b"x,y\n1,2\n", headers={"Content-Type": "text/csv"}),
            client.head("/echo/head"),
            client.get("/away"),
            client.get("/json"),
            client.get("/parts"),
            client.get("/nowhere"),
        ):
            headers = {k: v for k, v in response.headers.items() if k != "content-length"}
            seen.append((response.status_code, headers, response.content, str(response.url)))
        with pytest.raises(RuntimeError, match="the page failed"):
            client.get("/fails")
    return seen


def test_a_request_answered_in_one_call_is_answered_as_the_library_answers_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    library = _asked("library", monkeypatch)
    mine = _asked("onecall", monkeypatch)
    assert [s[0] for s in mine] == [200, 200, 200, 200, 200, 200, 200, 404]
    assert b'"method": "POST"' in mine[1][2] and b"Ann+Lee" in mine[1][2] and mine[6][2] == b"one two three"
    assert mine == library


@pytest.mark.skipif(bool(os.environ.get("LIBRARY_CLIENT")), reason="the library's way asked (a comparison)")
def test_the_suite_s_clients_answer_in_one_call() -> None:
    assert _TestClientTransport.handle_request is onecall.handle_request
