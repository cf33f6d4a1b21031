"""Run the web app with uvicorn on one socket: loopback unless told otherwise, port 0 picks a free one."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

from ..settings import Settings

LOOPBACK = ("127.0.0.1", "::1", "localhost")
# a stop waits this long for the pages being answered, then lets them go: a page still reading a long list
# held the stop for as long (204 s with four such lists: found by hunter-hostile12); sending is not a page's
STOP_GRACE_S = 10


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port``, or one clear error (a port in use said 'Error: Address
    already in use', naming neither; the webhook receiver and the sandbox say which and what to do)."""
    from ..errors import ConfigError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise ConfigError(
            f"Cannot listen on {host}:{port}: {exc.strerror or exc}; nothing is served",
            hint="pick another --port (--port 0 for any free one), or check --host",
        ) from None
    sock.set_inheritable(True)
    return sock


def serve(
    settings: Settings,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    max_upload_bytes: int | None = None,
    on_ready: Callable[[str], None] | None = None,
    track_every_s: float | None = None,
    webhook_url: str | None = None,
    readings_at_once: int | None = None,
) -> None:
    """Serve until interrupted. ``on_ready`` gets the URL once the socket listens (the real port);
    ``readings_at_once``: uploads read at once (None: :data:`bulkship.web.review.READ_AT_ONCE`)."""
    from .app import DEFAULT_MAX_UPLOAD_BYTES, create_app
    from .review import READ_AT_ONCE

    app = create_app(
        settings,
        max_upload_bytes=max_upload_bytes or DEFAULT_MAX_UPLOAD_BYTES,
        track_every_s=track_every_s,
        webhook_url=webhook_url,
        readings_at_once=READ_AT_ONCE if readings_at_once is None else readings_at_once,
    )
    sock = bind(host, port)
    shown = f"[{host}]" if ":" in host else host
    try:
        if on_ready is not None:
            on_ready(f"http://{shown}:{sock.getsockname()[1]}")
        server_for(app).run(sockets=[sock])
    finally:  # SIGTERM, SIGINT: the command line says what this server was sending (its runs' words)
        runner = app.web.runner
        global stop_said
        stop_said = stopped_words(
            runner.sending() if runner.stopped_sending is None else runner.stopped_sending
        )


def server_for(app: Any) -> Any:
    """uvicorn's server of ``app``, whose stop (SIGTERM, SIGINT) first lets go the pages waiting for a
    reading (:meth:`bulkship.web.review.Reviews.stop`): they say at once that the server is stopping, where
    they held the stop for STOP_GRACE_S and were then cut, each with a traceback in the log and 'Internal
    Server Error' on its page."""
    import uvicorn

    from ..asgi_guard import uvicorn_options

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: Any) -> None:
            app.web.reviews.stop()
            super().handle_exit(sig, frame)

    # the webhook receiver's connection rules: a cap on open connections, a deadline for request headers
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, lifespan="on", timeout_graceful_shutdown=STOP_GRACE_S,
        **uvicorn_options(),
    )  # fmt: skip
    return Server(config)


stop_said = ""  # what the stop of this process's server said (bulkship.cli)


def stopped_words(sending: list[str]) -> str:
    """What a stop says: 'A batch this server was sending is in the ledger...' was said on every stop,
    nothing sent or being sent (found by hunter-hostile12)."""
    if not sending:
        return "Stopped. No batch was being sent."
    return (
        f"Stopped while sending batch {', '.join(sending)}: what was sent is in the ledger, and the rest "
        "goes out, exactly once, when bulkship serve starts again."
    )
