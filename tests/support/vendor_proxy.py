"""A real HTTP vendor on 127.0.0.1 for tests of answers the sandbox cannot give: the real sandbox answers
behind it, and a test's ``rewrite`` hook may change any answer on its way out (or answer instead).

    with VendorProxy(tmp_path) as vendor:
        vendor.rewrite = lambda call: call.forward()       # the sandbox's own answer, unchanged
        settings = vendor.settings(tmp_path)               # api_url = the proxy, sandbox credentials
        run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory)

The client under test is bulkship's real one, over a real socket; nothing of ours is mocked.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx

from bulkship.client import connect
from bulkship.client.vendor import VendorClient
from bulkship.sandbox import Sandbox, SandboxConfig, SyncASGITransport, create_app
from bulkship.settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL, Settings


@dataclass
class Answer:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        return json.loads(self.body) if self.body.strip() else None

    @classmethod
    def of(cls, status: int, data: Any, **headers: str) -> Answer:
        return cls(status, json.dumps(data).encode(), {"Content-Type": "application/json", **headers})


@dataclass
class Call:
    """One request the proxy received; ``forward()`` asks the sandbox."""

    method: str
    path: str
    query: dict[str, str]
    body: bytes
    headers: dict[str, str]
    forward: Callable[[], Answer]
    ask: Callable[[str], Answer]  # the sandbox's answer to another path and query (same method and body)

    def json(self) -> Any:
        return json.loads(self.body) if self.body.strip() else None


Rewrite = Callable[[Call], Answer]


class VendorProxy:
    def __init__(self, folder: Path, **knobs: Any) -> None:
        self.sandbox = Sandbox(SandboxConfig(state_file=folder / "vendor.sqlite", clock_speed=0, **knobs))
        self._sandbox_http = httpx.Client(
            transport=SyncASGITransport(create_app(self.sandbox)), base_url="http://sandbox"
        )
        self.rewrite: Rewrite = lambda call: call.forward()
        self.calls: list[Call] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        # a short poll: close() waits for the serving loop to look (the default 0.5 s, in every test)
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def settings(self, folder: Path, **changes: Any) -> Settings:
        return Settings(
            api_url=self.url,
            email=SANDBOX_EMAIL,
            access_token=SANDBOX_ACCESS_TOKEN,
            data_dir=folder / "data",
            ledger_path=folder / "ledger.sqlite",
            out_dir=folder / "out",
            **changes,
        )

    def factory(self, settings: Settings) -> VendorClient:
        async def no_sleep(_seconds: float) -> None:
            return None

        return connect(settings, sleep=no_sleep)

    def posts(self, path: str = "/v1/Orders") -> list[Call]:
        return [c for c in self.calls if c.method == "POST" and c.path.lower() == path.lower()]

    def orders(self) -> list[dict[str, Any]]:
        return self.sandbox.orders()

    def external_ids(self) -> list[str]:
        return sorted(li["ExternalId"] for o in self.orders() for li in o["LineItems"])

    def _forward(self, method: str, target: str, body: bytes, headers: dict[str, str]) -> Answer:
        sent = {k: v for k, v in headers.items() if k.lower() not in {"host", "content-length", "connection"}}
        response = self._sandbox_http.request(method, target, content=body or None, headers=sent)
        kept = {k: v for k, v in response.headers.items() if k.lower() in {"content-type", "retry-after"}}
        return Answer(response.status_code, response.content, kept)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # headers and body go out as two writes: without TCP_NODELAY the body waits for the client's
            # delayed ACK (~40 ms on loopback) on every answer
            disable_nagle_algorithm = True

            def log_message(self, *_args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                headers = dict(self.headers.items())
                call = Call(
                    self.command,
                    parts.path,
                    dict(parse_qsl(parts.query)),
                    body,
                    headers,
                    lambda: proxy._forward(self.command, self.path, body, headers),
                    lambda target: proxy._forward(self.command, target, body, headers),
                )
                with proxy._lock:
                    proxy.calls.append(call)
                answer = proxy.rewrite(call)
                self.send_response(answer.status)
                for key, value in answer.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        return Handler

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._sandbox_http.close()
        self.sandbox.close()

    def __enter__(self) -> VendorProxy:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def place(vendor: VendorProxy, tmp_path: Path, people: list[int], batch: str = "staff", **sheet: Any) -> Any:
    """Orders the people (``support.write_sheet``'s, with ``sheet``'s choices: product, amount) through the
    proxy as batch ``batch``, with whatever ``vendor.rewrite`` does to the answers: the run's result.
    ``allow_repeat=True`` among them: as --allow-repeat (a row whose card the vendor cancelled is held
    without it)."""
    allow_repeat = bool(sheet.pop("allow_repeat", False))
    from bulkship.pipeline import run_batch

    from . import write_sheet

    tmp_path.mkdir(parents=True, exist_ok=True)
    path = write_sheet(tmp_path / f"{batch}.csv", people, **sheet)
    settings = vendor.settings(tmp_path)
    return run_batch(
        path, settings, wait_s=0, client_factory=vendor.factory, batch=batch, allow_repeat=allow_repeat
    )


def key_of(record: dict[str, Any], name: str) -> str:
    """The key ``record`` writes ``name`` under, in whatever casing (``name`` itself when it has none)."""
    return next((k for k in record if k.lower() == name.lower()), name)


def lines_in_pages(order: dict[str, Any]) -> None:
    """An order as a vendor answering its lines in pages shows it: the first page of 2 lines, counting all
    of them ('LineItems': {'Data': [2 lines], 'TotalCount': 4}); for :func:`orders_rewritten`."""
    lines = order.pop(key_of(order, "LineItems"))
    order["LineItems"] = {"Data": lines[:2], "Page": 1, "PageSize": 2, "TotalCount": len(lines)}


def total_below_lines(amount: list[float]) -> Callable[[Call], Answer]:
    """A ``rewrite`` hook: every answer about an order (the create's too) gives its own total ``amount[0]``
    below what its lines cost (``amount`` a list, so a test can change it between orders)."""

    def change(order: dict[str, Any]) -> None:
        lines = order[key_of(order, "LineItems")]
        order[key_of(order, "Cost")] = round(sum(li[key_of(li, "Cost")] for li in lines) - amount[0], 2)

    return orders_rewritten(change, reads_only=False)


def orders_rewritten(
    change: Callable[[dict[str, Any]], None], *, reads_only: bool = True
) -> Callable[[Call], Answer]:
    """A ``rewrite`` hook applying ``change`` to every order an answer about /v1/Orders carries (one order, a
    list of them, or a page's Data), in the keys' casing the vendor writes; ``reads_only``: GETs only, else
    the create's answer too."""

    def rewrite(call: Call) -> Answer:
        answer = call.forward()
        if not call.path.lower().startswith("/v1/orders") or answer.status >= 300 or not answer.body.strip():
            return answer
        if reads_only and call.method != "GET":
            return answer
        body = answer.json()
        listed = body if isinstance(body, list) else body.get(key_of(body, "Data"), [body])
        for order in listed:
            change(order)
        return Answer.of(answer.status, body)

    return rewrite


def second_line_shown(
    status: str, cost: float | None, *, then: Callable[[dict[str, Any]], None] | None = None
) -> Any:
    """BS-STAFF-0001's 4 lines shipped (tracking 94000..94003), its second showing ``status`` at ``cost``
    (the order's total following); ``then`` changes the order more."""

    def change(order: dict[str, Any]) -> None:
        if order.get(key_of(order, "PONumber")) not in (None, "BS-STAFF-0001"):
            return
        lines = order[key_of(order, "LineItems")]
        for i, line in enumerate(lines):
            line[key_of(line, "Status")] = "Shipped"
            line["Shipments"] = [
                {"TrackingNumber": f"9400{i}", "Carrier": "USPS", "ShippingMethodId": "STANDARD",
                 "ShippedDate": "2026-12-01T12:00:00Z"}
            ]  # fmt: skip
        line = lines[1]
        line[key_of(line, "Status")] = status
        if cost is not None:
            was, line[key_of(line, "Cost")] = line[key_of(line, "Cost")], cost
            if key_of(order, "Cost") in order:
                order[key_of(order, "Cost")] = round(order[key_of(order, "Cost")] - was + cost, 2)
        order[key_of(order, "Status")] = "Complete"
        if then is not None:
            then(order)

    return orders_rewritten(change)
