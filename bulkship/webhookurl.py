"""The webhook URL a person gives (``run --webhook-url``, ``serve --webhook-url``), checked before anything is
sent: every new order carries it, and a vendor refuses an order whose URL it cannot use, so a mistyped one
failed every row of the batch, each told to "correct them"."""

from __future__ import annotations

import socket
import urllib.parse

from .errors import ConfigError


def checked_webhook_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host; None stays None; anything else is refused."""
    if url is None:
        return None
    parts = urllib.parse.urlsplit(url)
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or url != url.strip()
        or " " in url
    ):
        raise ConfigError(
            f"The webhook URL {url!r} is no http(s) address: every order would carry it and be refused by "
            "the vendor. Nothing was sent",
            hint="pass the URL `bulkship webhook serve` printed (BULKSHIP_WEBHOOK_URL=http…), or leave "
            "--webhook-url out",
        )
    return url


_THIS_MACHINE = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0", "::"})


def refuse_serving_itself(url: str | None, host: str, port: int) -> None:
    """Refuse ``serve --webhook-url`` naming that web server itself (this machine, its port): the page takes
    no vendor delivery, so every one of them was refused (403) and the orders' statuses waited for the
    next tracking pass, nothing said (found by hunter-web7). Behind a proxy the URL cannot be told apart."""
    if url is None or not port:
        return
    parts = urllib.parse.urlsplit(url)
    try:
        named_port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        return
    names = _THIS_MACHINE | {host.lower(), socket.gethostname().lower()}
    if named_port == port and (parts.hostname or "").lower() in names:
        raise ConfigError(
            f"The webhook URL {url} names this web server ({host}:{port}), which takes no delivery from the "
            "vendor: each would be refused, and the cards' statuses wait for the next tracking. Nothing is "
            "served",
            hint="start `bulkship webhook serve` on the same ledger and pass the URL it prints, or leave "
            "--webhook-url out",
        )
