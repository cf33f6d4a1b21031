"""Serve the sandbox over real HTTP with uvicorn, on a loopback address unless told otherwise.

A background thread delivers due FulfillmentComplete webhooks. Ctrl-C and SIGTERM stop the server gracefully:
uvicorn finishes the requests in flight, then the webhook thread and the state file are closed.
"""

from __future__ import annotations

import ipaddress
import logging
import signal
import socket
import threading
from collections.abc import Callable

import uvicorn

from ..errors import ConfigError
from .app import create_app
from .core import Sandbox

log = logging.getLogger(__name__)

WEBHOOK_POLL_S = 0.2
DROP_LOG_MESSAGE = "ASGI callable returned without completing response."


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int, *, allow_remote: bool = False) -> socket.socket:
    """A listening socket; port 0 picks a free port. Non-loopback hosts need ``allow_remote``."""
    if not allow_remote and not is_loopback_host(host):
        raise ConfigError(
            f"Refusing to serve the sandbox on {host}: it is not a loopback address",
            hint="use --host 127.0.0.1, or add --allow-remote if you really mean to expose it",
        )
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
        family, _type, proto, _name, address = infos[0]
        # the protocol matters: asyncio sets TCP_NODELAY only on accepted sockets whose proto is TCP; without
        # it Nagle holds each response's body until the client's delayed ACK, 40 ms per request
        sock = socket.socket(family, socket.SOCK_STREAM, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        raise ConfigError(
            f"Cannot listen on {host}:{port}: {exc}", hint="try another --port, or --port 0"
        ) from None
    sock.set_inheritable(True)
    return sock


def base_url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class WebhookLoop(threading.Thread):
    def __init__(self, sandbox: Sandbox, interval: float = WEBHOOK_POLL_S) -> None:
        super().__init__(name="sandbox-webhooks", daemon=True)
        self.sandbox = sandbox
        self.interval = interval
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(self.interval):
            try:
                self.sandbox.deliver_due_webhooks()
            except Exception:  # keep delivering; one bad round must not stop the loop
                log.exception("webhook delivery round failed")

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=10)


class _DropNoise(logging.Filter):
    """The commit-then-drop knob returns early on purpose; uvicorn's complaint about it is not an error."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != DROP_LOG_MESSAGE


def serve(
    sandbox: Sandbox,
    sock: socket.socket,
    *,
    log_level: str = "warning",
    on_stop: Callable[[], None] | None = None,
) -> None:
    """Serve until Ctrl-C or SIGTERM, then stop cleanly (returns normally)."""
    config = uvicorn.Config(
        create_app(sandbox, drop_connections=True),
        log_level=log_level,
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=5,
    )
    logging.getLogger("uvicorn.error").addFilter(_DropNoise())
    server = uvicorn.Server(config)
    webhooks = WebhookLoop(sandbox)
    # uvicorn re-raises the signal that stopped it once it has shut down; with these handlers in place that
    # second delivery is a no-op instead of killing the process before the state file is closed.
    previous = {sig: signal.signal(sig, lambda *_: None) for sig in (signal.SIGINT, signal.SIGTERM)}
    webhooks.start()
    try:
        server.run(sockets=[sock])
    finally:
        webhooks.stop()
        sock.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if on_stop:
            on_stop()
