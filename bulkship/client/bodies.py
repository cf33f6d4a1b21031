"""A vendor answer's body read as JSON (:func:`json_body`): in UTF-8, or in a single-byte encoding where
the vendor wrote one whatever its charset says; a 201's order Id taken from its ``Location`` header where
the body names none (:func:`with_location_id`)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from typing import Any

import httpx

from ..errors import TerminalVendorError
from .parse import VendorObject, parse_order


def json_body(response: httpx.Response, base_url: str, method: str, path: str) -> Any:
    """The answer's JSON (None for an empty body); anything else is a TerminalVendorError."""
    if not response.content.strip():
        return None
    try:
        return response.json(object_pairs_hook=VendorObject)
    except UnicodeDecodeError:
        # JSON not in UTF-8 whatever its charset says (a vendor writing 'José' in Windows-1252 or
        # Latin-1): read in that encoding. Read as no answer, the order it created was 'in doubt' at
        # every run (found by hunter-vendor11)
        with contextlib.suppress(ValueError):
            return json.loads(_single_byte(response.content), object_pairs_hook=VendorObject)
        raise _not_json(response, base_url, method, path) from None
    except ValueError:
        raise _not_json(response, base_url, method, path) from None


def _not_json(response: httpx.Response, base_url: str, method: str, path: str) -> TerminalVendorError:
    return TerminalVendorError(
        f"The vendor API at {base_url} answered {method} {path} with something that is not JSON "
        f"({response.headers.get('content-type', 'no content type')})",
        hint="is --api-url the vendor's API root?",
        status_code=response.status_code,
    )


def _single_byte(content: bytes) -> str:
    """Bytes that are not UTF-8 as Windows-1252 (Latin-1 where it leaves a byte undefined)."""
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError:
        return content.decode("latin-1")


def with_location_id(data: Any, location: str | None) -> Any:
    """A 201 whose body names no Id (or has no body) takes the Id from ``Location: .../Orders/{id}``."""
    if not location or (data is not None and not isinstance(data, Mapping)):
        return data
    if data is not None and parse_order(data).id:  # its Id, or the Id of the order in its envelope
        return data
    order_id = location.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0]
    return {**(data or {}), "Id": order_id} if order_id else data
