"""The webhook receiver on a real socket, as an attacker or a broken client would use it: oversized and slow
bodies, slow headers, too many connections, deeply nested JSON, a disconnect mid-body, a forged log line.
Each is answered (or cut off) without buffering the body, without a traceback, and without a 500."""

from __future__ import annotations

import contextlib
import logging
import select
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
import uvicorn
from test_track_support import ScriptedVendor, sent_batch

from bulkship.asgi_guard import GuardLimits, json_depth_exceeds, log_safe, parse_json, uvicorn_options
from bulkship.settings import resolve_settings
from bulkship.webhook import WebhookReceiver, bind_loopback, create_webhook_app

SECRET = "guard-secret"
TRACEBACK_WORDS = ("Traceback", "Exception in ASGI application", "RecursionError")


@pytest.fixture
def vendor(tmp_path: Path) -> ScriptedVendor:
    vendor = ScriptedVendor()
    sent_batch(resolve_settings().ledger, tmp_path / "output", vendor)
    return vendor


@contextlib.contextmanager
def receiver_on_socket(vendor: ScriptedVendor, limits: GuardLimits) -> Iterator[int]:
    """The receiver served by uvicorn on 127.0.0.1 (a free port) in a thread, with the guard's options."""
    receiver = WebhookReceiver(
        resolve_settings(), SECRET, client_factory=vendor.factory(), rewrite_delay_s=None, limits=limits
    )
    sock = bind_loopback("127.0.0.1", 0)
    config = uvicorn.Config(create_webhook_app(receiver), log_config=None, **uvicorn_options(limits))
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120  # a readiness wait: a loaded machine starts the thread late
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the receiver did not start"
        time.sleep(0.025)
    try:
        yield sock.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def _connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=30)


def _response(conn: socket.socket) -> bytes:
    data = b""
    with contextlib.suppress(ConnectionResetError, TimeoutError):
        while chunk := conn.recv(65536):
            data += chunk
            if b"\r\n\r\n" in data and data.endswith(b"}"):
                break
    return data


def _head(path: str, length: int | None = None, *, chunked: bool = False) -> bytes:
    lines = [f"POST {path} HTTP/1.1", "Host: receiver", "Content-Type: application/json"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    if chunked:
        lines.append("Transfer-Encoding: chunked")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    text = caplog.text + "".join(str(r.exc_info) for r in caplog.records if r.exc_info)
    assert not any(word in text for word in TRACEBACK_WORDS), text
    assert not any(r.exc_info for r in caplog.records)


def test_a_declared_100_mb_body_is_refused_before_it_is_read(vendor, caplog):
    caplog.set_level(logging.INFO)
    with receiver_on_socket(vendor, GuardLimits()) as port, _connect(port) as conn:
        conn.sendall(_head(f"/webhook/{SECRET}", 100 * 2**20) + b'{"Id": "')
        assert _response(conn).startswith(b"HTTP/1.1 413")
    _no_traceback(caplog)


def test_a_100_mb_chunked_body_is_cut_off_at_the_limit_not_buffered(vendor, caplog):
    caplog.set_level(logging.INFO)
    me = psutil.Process()
    with receiver_on_socket(vendor, GuardLimits()) as port, _connect(port) as conn:
        before = me.memory_info().rss
        conn.sendall(_head(f"/webhook/{SECRET}", chunked=True))
        chunk = b"%x\r\n%s\r\n" % (65536, b" " * 65536)
        sent = 0
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            while sent < 100 * 2**20:
                conn.sendall(chunk)
                sent += 65536
        grown = me.memory_info().rss - before
    assert sent < 100 * 2**20  # the receiver closed the connection long before the end
    assert grown < 50 * 2**20
    assert any("above the limit" in r.getMessage() for r in caplog.records)
    _no_traceback(caplog)


def test_deeply_nested_json_is_a_400_not_a_recursion_error(vendor, caplog):
    body = b"[" * 100_000 + b"]" * 100_000
    with receiver_on_socket(vendor, GuardLimits()) as port, _connect(port) as conn:
        conn.sendall(_head(f"/webhook/{SECRET}", len(body)) + body)
        assert _response(conn).startswith(b"HTTP/1.1 400")
    _no_traceback(caplog)


def test_a_client_disconnecting_mid_body_logs_one_line_and_no_traceback(vendor, caplog):
    caplog.set_level(logging.INFO)
    with receiver_on_socket(vendor, GuardLimits()) as port:
        with _connect(port) as conn:
            conn.sendall(_head(f"/webhook/{SECRET}", 1000) + b'{"Id": "ord-1"')
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # until the receiver has noticed
            if any("disconnected" in r.getMessage() for r in caplog.records):
                break
            time.sleep(0.025)
    assert any("disconnected before its request body was complete" in r.getMessage() for r in caplog.records)
    _no_traceback(caplog)


def test_a_body_trickling_in_is_cut_off(vendor, caplog):
    limits = GuardLimits(body_timeout_s=0.5)
    with receiver_on_socket(vendor, limits) as port, _connect(port) as conn:
        conn.sendall(_head(f"/webhook/{SECRET}", 200))
        answer = b""
        for _ in range(200):  # one byte at a time, far slower than the limit allows
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                conn.sendall(b" ")
            if select.select([conn], [], [], 0.05)[0]:
                answer = _response(conn)
                break
    assert answer.startswith(b"HTTP/1.1 408")
    _no_traceback(caplog)


def test_headers_trickling_in_are_cut_off(vendor):
    limits = GuardLimits(header_timeout_s=0.5)
    with receiver_on_socket(vendor, limits) as port, _connect(port) as conn:
        closed = False
        for byte in (_head(f"/webhook/{SECRET}", 2) * 50)[:-4]:  # never completes the header block
            try:  # cut off: the next write fails, or the socket reads as closed (end of file or a reset)
                conn.sendall(bytes([byte]))
                if select.select([conn], [], [], 0.05)[0] and conn.recv(1) == b"":
                    closed = True
                    break
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
    assert closed


def test_connections_beyond_the_cap_are_closed_at_once(vendor):
    limits = GuardLimits(max_connections=5, header_timeout_s=60)
    with receiver_on_socket(vendor, limits) as port:
        conns = [_connect(port) for _ in range(9)]
        try:
            closed: set[int] = set()
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:  # until four are closed (a closed socket reads as end of file)
                waiting = [c for i, c in enumerate(conns) if i not in closed]
                readable = select.select(waiting, [], [], 0.05)[0]
                closed |= {conns.index(c) for c in readable if c.recv(1) == b""}
                if len(closed) >= 4:
                    break
            time.sleep(0.2)  # and no fifth
            closed |= {conns.index(c) for c in select.select(conns, [], [], 0)[0] if c.recv(1) == b""}
            assert len(closed) == 4  # five stay open (idle, within their header deadline)
            ok = conns[min(set(range(9)) - closed)]
            ok.sendall(b"GET /health HTTP/1.1\r\nHost: r\r\n\r\n")
            assert b"200 OK" in ok.recv(4096)
        finally:
            for conn in conns:
                conn.close()


def test_a_newline_in_an_order_id_cannot_forge_a_log_line(vendor, caplog):
    caplog.set_level(logging.INFO)
    forged = "ord-404\\nwebhook: order ord-1 (BS-1) updated"
    body = ('{"Id": "' + forged + '"}').encode()
    with receiver_on_socket(vendor, GuardLimits()) as port, _connect(port) as conn:
        conn.sendall(_head(f"/webhook/{SECRET}", len(body)) + body)
        assert _response(conn).startswith(b"HTTP/1.1 404")
    lines = [r.getMessage() for r in caplog.records if r.name == "bulkship.webhook"]
    assert any("ord-404\\nwebhook" in line for line in lines)  # shown escaped, on its own line
    assert not any("\n" in line for line in lines)


def test_json_depth_and_log_text_helpers():
    assert not json_depth_exceeds(b'{"a": [1, {"b": "[[[[[[[[[[[[[[[["}]}', 3)
    assert json_depth_exceeds(b"[[[[1]]]]", 3)
    with pytest.raises(ValueError):
        parse_json(b"[" * 40 + b"]" * 40)
    assert log_safe("a\r\nb\x1b[31m\u2028") == "a\\r\\nb\\x1b[31m\\u2028"
    assert log_safe("x" * 500).endswith("…(300 more)")
