"""A fast stand-in vendor for the submission bench: what bulkship's own side costs, without the sandbox's.

``python -m bench.echo_vendor [--latency-ms N]`` prints ``BULKSHIP_API_URL=...`` and serves, on loopback, the
sandbox's tokens and catalog (from an in-memory :class:`~bulkship.sandbox.Sandbox`) and a ``POST /v1/Orders``
that waits N ms and answers 201 with the order echoed back (an Id per line, the planned value as its cost),
validating and storing nothing (so ``GET /v1/Orders``, asked before a batch new to the ledger is sent, lists
none). The real sandbox spends 6-15 ms of serial CPU per 100-line order on one event
loop; this one about 1 ms, so the gap between the two figures is the sandbox's, not bulkship's.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

from bulkship.sandbox import Sandbox, SandboxConfig

SANDBOX = Sandbox(SandboxConfig())
ORDER_IDS = itertools.count(1)


def _response(status: int, body: Any) -> bytes:
    data = json.dumps(body).encode()
    head = f"HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {len(data)}\r\n\r\n"
    return head.encode() + data


def _echo(payload: dict[str, Any]) -> dict[str, Any]:
    order_id = f"ECHO{next(ORDER_IDS)}"
    lines = [
        {
            "Id": f"{order_id}-{i}",
            "ExternalId": line.get("ExternalId"),
            "ProductId": line.get("ProductId"),
            "Value": line.get("Value"),
            "Quantity": line.get("Quantity", 1),
            "Cost": line.get("Value"),
            "Status": "Pending",
            "Shipments": [],
        }
        for i, line in enumerate(payload.get("LineItems", []))
    ]
    return {"Id": order_id, "PONumber": payload.get("PONumber"), "Status": "Pending", "LineItems": lines}


async def _answer(method: str, target: str, headers: dict[str, str], body: bytes, latency_s: float) -> bytes:
    url = urlsplit(target)
    path, query = url.path.lower(), {k.lower(): v[0] for k, v in parse_qs(url.query).items()}
    if path == "/v1/tokens":
        return _response(200, SANDBOX.issue_token(headers.get("email"), headers.get("accesstoken")))
    if path == "/v1/products":
        page = SANDBOX.products_page(int(query.get("pageindex", 1)), int(query.get("pagesize", 500)))
        return _response(200, page)
    if path == "/v1/shippingmethods":
        return _response(200, SANDBOX.shipping_methods())
    if path == "/v1/orders" and method == "POST":
        await asyncio.sleep(latency_s)
        return _response(201, _echo(json.loads(body)))
    if path == "/v1/orders":  # the account's orders, read before a batch new to the ledger is sent: none kept
        page = SANDBOX.list_orders(
            int(query.get("pageindex", 1)), int(query.get("pagesize", 100)), query.get("ponumber")
        )
        return _response(200, page)
    return _response(404, {"Message": f"not served here: {method} {url.path}"})


async def _serve_connection(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, latency_s: float
) -> None:
    try:
        while True:
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            method, target, _version = head[0].split(" ", 2)
            headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in head[1:] if h)}
            length = int(headers.get("content-length", 0))
            body = await reader.readexactly(length) if length else b""
            writer.write(await _answer(method, target, headers, body, latency_s))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        writer.close()


async def main(latency_ms: int) -> None:
    server = await asyncio.start_server(
        lambda r, w: _serve_connection(r, w, latency_ms / 1000), "127.0.0.1", 0
    )
    print(f"BULKSHIP_API_URL=http://127.0.0.1:{server.sockets[0].getsockname()[1]}", flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.echo_vendor")
    parser.add_argument("--latency-ms", type=int, default=100)
    args, _ignored = (
        parser.parse_known_args()
    )  # the sandbox's other flags (--state, --balance) mean nothing here
    asyncio.run(main(args.latency_ms))
