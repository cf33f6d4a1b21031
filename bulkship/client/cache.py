"""The on-disk catalog cache for a real vendor API: the vendor asks clients to cache the catalog for about a
week rather than fetch it for every order. Stores the raw JSON records (re-parsed on load, so a newer bulkship
reads an older cache), one file per API URL and account, never any credential. A damaged file is ignored
and replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..private import private_folder

CATALOG_CACHE_TTL_S = 7 * 24 * 3600.0
CACHE_FORMAT = 1


def cache_file(data_dir: Path, api_url: str, account: str = "") -> Path:
    """One file per API URL and account (catalogs may differ per account); only a hash names the account."""
    digest = hashlib.sha256(f"{api_url}\n{account.strip().lower()}".encode()).hexdigest()[:16]
    return data_dir / "catalog-cache" / f"catalog-{digest}.json"


def load(
    file: Path,
    api_url: str,
    *,
    ttl_s: float = CATALOG_CACHE_TTL_S,
    now: Callable[[], float] = time.time,
) -> tuple[list[Any], list[Any]] | None:
    """(raw products, raw shipping methods) when a fresh cache for ``api_url`` exists, else None."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or data.get("api_url") != api_url:
        return None
    fetched_at = data.get("fetched_at")
    if not isinstance(fetched_at, int | float) or not 0 <= now() - fetched_at < ttl_s:
        return None
    products, methods = data.get("products"), data.get("shipping_methods")
    if not isinstance(products, list) or not isinstance(methods, list):
        return None
    return products, methods


def save(
    file: Path,
    api_url: str,
    products: list[Any],
    methods: list[Any],
    *,
    now: Callable[[], float] = time.time,
) -> None:
    """Write atomically (temp file + rename); a cache that cannot be written is not an error."""
    record = {
        "format": CACHE_FORMAT,
        "api_url": api_url,
        "fetched_at": now(),
        "products": products,
        "shipping_methods": methods,
    }
    try:
        private_folder(file.parent)  # the data folder, when the catalog is its first file
        temp = file.with_suffix(f".{os.getpid()}.tmp")
        temp.write_text(json.dumps(record), encoding="utf-8")
        os.replace(temp, file)
    except OSError:
        pass
