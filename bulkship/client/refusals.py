"""What a vendor's error answer says: the error of bulkship's tree an unsuccessful status is
(:func:`error_of`), its message in a few words (an HTML error page by its title), the fields it refuses with
their paths made plain, the original order a 409 names, and whether it says the PONumber exists in whatever
words (:func:`says_duplicate`, :func:`names_the_po`)."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

import httpx

from ..errors import (
    AccessDeniedError,
    AuthenticationError,
    DuplicateOrderError,
    InsufficientFundsError,
    NotFoundError,
    OrderRejectedError,
    RateLimitedError,
    VendorError,
    VendorUnavailableError,
)
from .parse import MAPPING, field, text
from .policy import error_class_for, parse_retry_after

CREDENTIALS_HINT = (
    "check the email and access token (BULKSHIP_EMAIL / BULKSHIP_ACCESS_TOKEN or --credentials FILE)"
)

_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_HTML_DROPPED = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<[^>]*>")


def error_message(body: Any) -> str:
    if isinstance(body, str):
        return _page_words(body) if body.lstrip()[:1] == "<" else body.strip()[:300]
    return text(body, "Message", "Error", "Title", "Detail")


def _page_words(page: str) -> str:
    """An HTML error page (a proxy's or gateway's 502) in a few words: its title, else its text."""

    title = _HTML_TITLE.search(page)
    words = title.group(1) if title else _HTML_TAG.sub(" ", _HTML_DROPPED.sub(" ", page))
    return " ".join(html.unescape(words).split())[:200] or "an HTML page"


_MODEL_PREFIX = re.compile(r"^(?:\$\.|order\.)", re.IGNORECASE)  # ProblemDetails' "$.", ASP.NET's "order."
_LINE_ITEMS_KEY = re.compile(r"(?:^|[.$])lineitems(?=\[|$|\.)", re.IGNORECASE)


_DOTTED_INDEX = re.compile(r"\.(\d+)(?=\.|$)")


def error_path(key: str) -> str:
    """A field path as the documented 400 writes it: ASP.NET's ``order.LineItems[1].Zip``, ProblemDetails'
    ``$.LineItems[1].Zip`` (or ``$.lineItems[1].zip``), a JSON pointer ``/LineItems/1/Zip`` and a dotted
    index ``lineItems.1.zip`` are ``LineItems[1].Zip``."""
    if key.startswith("/"):  # a JSON pointer (RFC 6901: "~1" is "/", "~0" is "~")
        key = ".".join(p.replace("~1", "/").replace("~0", "~") for p in key[1:].split("/"))
    key = _DOTTED_INDEX.sub(lambda m: f"[{m.group(1)}]", key)
    match = _LINE_ITEMS_KEY.search(key)
    if match:
        return "LineItems" + key[match.end() :]
    return _MODEL_PREFIX.sub("", key)


def field_errors(body: Any) -> dict[str, list[str]]:
    """``Errors`` / ProblemDetails ``errors`` / ASP.NET ``ModelState`` as ``{"LineItems[3].Value": [...]}``
    (line paths written the documented way, see :func:`error_path`); also a list of ``{Field, Message}``."""
    raw = field(body, "Errors", "ModelState")
    result: dict[str, list[str]] = {}
    if isinstance(raw, Mapping):
        for key, messages in raw.items():
            values = messages if isinstance(messages, list) else [messages]
            result.setdefault(error_path(str(key)), []).extend(str(m) for m in values if m is not None)
    elif isinstance(raw, list):
        for entry in raw:
            if isinstance(entry, Mapping):
                named = text(entry, "Field", "Path", "PropertyName", "Name", "Pointer", default="")
                named = named or text(field(entry, "Source"), "Pointer", "Parameter", default="")  # JSON:API
                said = text(entry, "Message", "ErrorMessage", "Detail", "Title", default="")
                path, line = error_path(named), _line_named(entry)
                if line and not path.lower().startswith("lineitems"):
                    path = f"{line}.{path}" if path else line
                result.setdefault(path, []).append(said)
            elif entry is not None:
                result.setdefault("", []).append(str(entry))
    return result


def _line_named(entry: Any) -> str:
    """The line an error entry names beside its field (``{"Field": "Zip", "ExternalId": "E7"}``), as a path:
    ``LineItems[@E7]`` by the caller's reference, ``LineItems[3]`` by an index; "" when it names none."""
    reference = text(entry, "ExternalId", "LineItemExternalId", "LineExternalId", default="").strip()
    if reference:
        return f"LineItems[@{reference}]"
    index = field(entry, "LineIndex", "LineItemIndex", "LineNumber", "Index")
    return f"LineItems[{index}]" if isinstance(index, int) and not isinstance(index, bool) else ""


_NAMED_ORDERS = ("PreviousOrderIds", "PreviousOrderId", "PreviousOrders", "ExistingOrders")
_NAMED_ORDER = ("Order", "ExistingOrder", "OriginalOrder", "PreviousOrder", "Error", "Data")


def original_order_ids(body: Any, depth: int = 0) -> list[str]:
    """The Ids a 409 body names for the original order: ``Id``, ``OrderId``, and ``PreviousOrderIds`` (a list
    or one string), in that order, without repeats; also the orders it names as objects (``PreviousOrders:
    [{"Id": ...}]``, ``ExistingOrder: {...}``) or inside an envelope (``{"Error": {...}}``)."""
    found = [text(body, name) for name in ("Id", "OrderId", "OriginalOrderId", "ExistingOrderId")]
    previous = field(body, *_NAMED_ORDERS)
    if isinstance(previous, list):
        for p in previous:
            if isinstance(p, MAPPING):
                found.append(text(p, "Id", "OrderId"))
            elif p is not None and not isinstance(p, list):
                found.append(str(p))
    elif isinstance(previous, MAPPING):
        found.append(text(previous, "Id", "OrderId"))
    elif previous is not None:
        found += [p.strip() for p in str(previous).split(",")]
    if depth < 2:
        for name in _NAMED_ORDER:
            inner = field(body, name)
            if isinstance(inner, MAPPING):
                found += original_order_ids(inner, depth + 1)
    return list(dict.fromkeys(i for i in found if i))


def error_of(response: httpx.Response, subject: str) -> VendorError:
    """The one translation of an unsuccessful status into bulkship's error tree."""
    status = response.status_code
    body = error_body(response)
    detail = error_message(body)
    said = f": {detail}" if detail else ""
    kind = error_class_for(status)
    common: dict[str, Any] = {"status_code": status, "body": body}
    if kind is RateLimitedError:
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        return RateLimitedError(
            f"The vendor is rate limiting requests (429) for {subject}", retry_after=retry_after, **common
        )
    if kind is VendorUnavailableError:
        busy = VendorUnavailableError(f"The vendor API answered {status} for {subject}{said}", **common)
        busy.retry_after = parse_retry_after(response.headers.get("Retry-After"))  # 503: when to ask again
        return busy
    if kind is OrderRejectedError:
        return OrderRejectedError(
            f"The vendor rejected {subject} (400){said}", field_errors=field_errors(body), **common
        )
    if kind is InsufficientFundsError and _refuses_fields(body):
        # a 422 that names fields it refuses (many stacks answer validation so) and says nothing of money:
        # read as a 400, its refused lines' rows failing. As "cannot cover", it stopped every run at this
        # order, the rest of the batch never sent, saying to fund an account that needed "0.00 more"
        return OrderRejectedError(
            f"The vendor rejected {subject} (422){said}", field_errors=field_errors(body), **common
        )
    if kind is InsufficientFundsError:
        return InsufficientFundsError(
            f"The vendor's deposit account cannot cover {subject} (422){said}",
            hint="fund the prefunded account, then re-run the same command; "
            "orders already placed are not repeated",
            **common,
        )
    if kind is AccessDeniedError:
        return AccessDeniedError(
            f"The vendor refused access (403): API access is disabled for these credentials{said}",
            hint="ask the vendor to enable API access; nothing was ordered by this request",
            **common,
        )
    if kind is AuthenticationError:
        return AuthenticationError(
            f"The vendor rejected the token (401){said}", hint=CREDENTIALS_HINT, **common
        )
    if kind is NotFoundError:
        return NotFoundError(f"The vendor has no {subject} (404){said}", **common)
    if kind is DuplicateOrderError:
        return DuplicateOrderError(f"The vendor says {subject} already exists (409){said}", **common)
    return kind(f"The vendor API answered {status} for {subject}{said}", **common)


_FUNDS_WORDS = re.compile(r"fund|balance|deposit|insufficient|credit", re.IGNORECASE)


def _refuses_fields(body: Any) -> bool:
    """A refusal body naming fields and their faults, none of it about money (the 422 of insufficient funds
    the contract documents may carry the amounts it needed: ``Required``, ``Available``)."""
    errors = field_errors(body)
    if not any(key for key in errors):
        return False
    said = " ".join([error_message(body), *errors, *(m for ms in errors.values() for m in ms)])
    return not _FUNDS_WORDS.search(said)


def error_body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text[:1000]


_DUPLICATE_WORDS = re.compile(
    r"duplicate|already\s+(?:exists?|been\s+(?:used|submitted|placed|processed|created)|used|in\s+use|"
    r"submitted|placed|processed|created|taken)|not\s+unique|must\s+be\s+unique|previous\s*order",
    re.IGNORECASE,
)


def says_duplicate(refusal: VendorError) -> bool:
    """A refusal that says the PONumber exists, whatever its status (some APIs answer 400 or 422, not
    409): it names earlier orders (``PreviousOrderIds``...), or its words say duplicate / already exists."""
    if refusal.status_code not in (400, 409, 412, 422):
        return False
    body = refusal.body
    if isinstance(body, Mapping) and field(
        body, "PreviousOrderIds", "PreviousOrderId", "ExistingOrderId", "OriginalOrderId"
    ):
        return True
    errors = field_errors(body)
    on_lines = any(key.lower().startswith("lineitems") for key in errors)
    if not on_lines and any(_is_po_field(key) for key in errors):
        # the PONumber alone refused, in whatever words: bulkship writes it to the contract's rules, so most
        # likely it exists (it is looked up); a refusal of lines as well is a validation failure
        return True
    # words about lines ("Duplicate ExternalId" on LineItems[1]) are about those lines, not the PO
    words = [error_message(body)] if body is not None and not on_lines else []
    for key, messages in errors.items():
        if not key.lower().startswith("lineitems"):
            words += [key, *messages]
    return bool(_DUPLICATE_WORDS.search(" ".join(words)))


_PO_WORDS = re.compile(
    r"\bP\.?O\.?\b|po\s*number|purchase\s*order|order\s*(?:number|reference)", re.IGNORECASE
)


def names_the_po(refusal: VendorError) -> bool:
    """The refusal's "duplicate" is about the PONumber: it names earlier orders, a PONumber field, or
    says PO / purchase order in so many words."""
    body = refusal.body
    if isinstance(body, Mapping) and field(
        body, "PreviousOrderIds", "PreviousOrderId", "ExistingOrderId", "OriginalOrderId"
    ):
        return True
    if any(_is_po_field(k) for k in field_errors(body)):
        return True
    return bool(_PO_WORDS.search(error_message(body) if body is not None else ""))


def _is_po_field(key: str) -> bool:
    """A 400's field path that names the order's PONumber (not a line's field)."""
    folded = key.lower().replace("_", "")
    return not folded.startswith("lineitems") and ("ponumber" in folded or "purchaseorder" in folded)


SECRET_SHOWN = "[hidden]"
_SHORTEST_SECRET = 8  # a shorter one could be any word of any answer


def without_secrets(response: httpx.Response, secrets: tuple[str, ...]) -> httpx.Response:
    """The answer with the credentials it echoes hidden: a vendor writing the access token or the bearer
    token into an error ('AccessToken sk_live_... is suspended', a 400 quoting the request's headers) had
    them shown on every page of the batch, to finance and approvers too, and kept in the ledger and the
    result workbook (found by hunter-web5). Nothing is copied when no credential is in the answer."""
    content = response.content
    found = [s.encode() for s in secrets if len(s) >= _SHORTEST_SECRET and s.encode() in content]
    if not found:
        return response
    for secret in found:
        content = content.replace(secret, SECRET_SHOWN.encode())
    headers = [
        (k, v) for k, v in response.headers.raw if k.lower() not in (b"content-length", b"content-encoding")
    ]
    return httpx.Response(response.status_code, headers=headers, content=content, request=response.request)
