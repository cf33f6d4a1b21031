"""The webhook URL a person gives (``run --webhook-url``, ``serve --webhook-url``), checked before anything is
sent: every new order carries it, and a vendor refuses an order whose URL it cannot use, so a mistyped one
failed every row of the batch, each told to "correct them"."""

from __future__ import annotations

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
