"""Helpers for the sandbox tests: an in-process API client, order bodies, and a loopback webhook receiver."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

from bulkship.sandbox import Sandbox, SandboxConfig, SyncASGITransport, create_app
from bulkship.settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL

CREDENTIALS = {"Email": SANDBOX_EMAIL, "AccessToken": SANDBOX_ACCESS_TOKEN}


class Api:
    """A sandbox with a logged-in httpx client talking to it in-process."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.http = httpx.Client(transport=SyncASGITransport(create_app(sandbox)), base_url="http://sandbox")
        self.token = ""

    def login(self) -> Api:
        response = self.http.post("/v1/Tokens", headers=CREDENTIALS)
        assert response.status_code == 200, response.text
        self.token = response.json()["Value"]
        return self

    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.get(path, headers=self.auth(), **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> httpx.Response:
        return self.http.post(path, headers=self.auth(), json=body, **kwargs)

    def close(self) -> None:
        self.http.close()
        self.sandbox.close()


@contextmanager
def api(login: bool = True, time_source: Callable[[], float] = time.time, **knobs: Any) -> Iterator[Api]:
    """The sandbox in-process; ``time_source`` is the real time its wall clock (webhook retries) adds to."""
    knobs.setdefault("clock_speed", 0)  # frozen: only advance() moves the sandbox clock
    client = Api(Sandbox(SandboxConfig(**knobs), time_source=time_source))
    try:
        yield client.login() if login else client
    finally:
        client.close()


def address(**overrides: str) -> dict[str, str]:
    return {
        "ShippingMethodId": "STANDARD",
        "CarrierId": "DEFAULT",
        "Name": "Ada Lovelace",
        "AddressLine1": "123 Main Street",
        "City": "New York",
        "State": "NY",
        "Zip": "10001",
        "Country": "US",
        **overrides,
    }


def line(product: str = "CVS", value: float = 50, quantity: int = 1, **addr: str) -> dict[str, Any]:
    return {
        "ExternalId": "EMP-1",
        "ProductId": product,
        "Value": value,
        "Quantity": quantity,
        "PhysicalDeliveryAddress": address(**addr),
    }


def order(po: str = "PO-1", lines: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "Type": "PhysicalShipment",
        "PONumber": po,
        "LineItems": [line()] if lines is None else lines,
        **extra,
    }


class Receiver:
    """A loopback HTTP server that records webhook bodies; it answers 500 to the first ``fail_first``."""

    def __init__(self, fail_first: int = 0) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.attempts = 0
        self.fail_first = fail_first
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length))
                receiver.attempts += 1
                if receiver.attempts <= receiver.fail_first:
                    self.send_response(500)
                else:
                    receiver.bodies.append(body)
                    self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/fulfilled"
        # a short poll: shutdown() waits for the serving loop to look (the default 0.5 s)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
