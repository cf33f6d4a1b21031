"""How the sandbox speaks: the documented PascalCase API, or the "likely real" one that public client code of
this API family suggests (api-contract.md, "Further evidence"), with one knob per difference.

The sandbox and bulkship's client were written together, so in the documented dialect they agree on every
point the vendor leaves open. The likely-real dialect answers the way the evidence says the real service may:

==========================  ==========================================================================
knob                        likely-real behaviour
==========================  ==========================================================================
``camel_case``              response keys and enum values in camelCase (``lineItems``, ``pending``)
``echo_line_identity``      False: stored line items show no ``ExternalId`` and no delivery address
``conflict_ids_only``       a duplicate PONumber answers 409 with ``message`` + ``previousOrderIds`` only
``error_style``             400 bodies ASP.NET style (``aspnet``: ``ModelState`` keyed
                            ``order.LineItems[1]...``) or ``problem`` (ProblemDetails ``errors`` keyed
                            ``$.LineItems[1]...``); ``documented``: ``Errors`` keyed ``LineItems[1]...``
``throttle_text``           a 429 is a bare string body with ``Retry-After``
``list_honours_po_filter``  False: ``GET /v1/Orders?poNumber=`` lists every order
``list_page_cap``           the order list holds at most this many orders per page, whatever
                            ``pageSize`` asks, without saying so
``list_total_count``        False: the order list's envelope has no ``TotalCount`` / ``PageSize``
``list_po_number``          False: listed orders carry no PONumber (likely-real keeps it)
``keeps_address_line2``     False: ``AddressLine2`` (not in the documented address) is dropped silently
``expires_in_minutes``      ``ExpiresIn`` counts minutes (webhook payloads are written the same way)
==========================  ==========================================================================

Four more knobs, off in both dialects, answer the way other APIs of the kind do (bulkship must cope):
``conflict_status`` (400 or 422: a duplicate PONumber is refused with that status instead of 409, its body
as the dialect writes a conflict), ``list_page_base`` (0: the order list counts ``pageIndex`` from 0),
``lines_reversed`` (an order's line items listed last first, as a store that sorts them by its own key) and
``keeps_note`` (False: an order's ``Note``, observed but not documented, is dropped silently and shown as
null, as a server that does not know the field would).

A dialect is named by text: ``likely-real``, or ``documented``/``likely-real`` followed by overrides,
``likely-real,list_po_number=false`` (the ``bulkship sandbox --dialect`` option and the
``BULKSHIP_SANDBOX_DIALECT`` variable of the in-process sandbox take the same text).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError

ERROR_STYLES = ("documented", "aspnet", "problem")
CONFLICT_STATUSES = (409, 400, 422)
LIKELY_REAL_PAGE_CAP = 100
ENUM_KEYS = frozenset({"type", "status", "denominationtype", "availabledeliverytypes"})
_LEADING_CAPS = re.compile(r"^[A-Z]+(?=[A-Z][a-z])|^[A-Z]+")


@dataclass(frozen=True)
class Dialect:
    name: str = "documented"
    camel_case: bool = False
    echo_line_identity: bool = True
    conflict_ids_only: bool = False
    error_style: str = "documented"
    throttle_text: bool = False
    list_honours_po_filter: bool = True
    list_page_cap: int | None = None
    list_total_count: bool = True
    list_po_number: bool = True
    keeps_address_line2: bool = True
    expires_in_minutes: bool = False
    conflict_status: int = 409
    list_page_base: int = 1
    lines_reversed: bool = False
    keeps_note: bool = True

    def __post_init__(self) -> None:
        if self.conflict_status not in CONFLICT_STATUSES:
            raise ConfigError(
                f"Sandbox dialect conflict_status must be one of {', '.join(map(str, CONFLICT_STATUSES))}, "
                f"not {self.conflict_status}"
            )
        if self.list_page_base not in (0, 1):
            raise ConfigError(f"Sandbox dialect list_page_base must be 0 or 1, not {self.list_page_base}")
        if self.error_style not in ERROR_STYLES:
            raise ConfigError(
                f"Sandbox dialect error_style must be one of {', '.join(ERROR_STYLES)}, "
                f"not {self.error_style!r}"
            )
        if self.list_page_cap is not None and self.list_page_cap < 1:
            raise ConfigError(f"Sandbox dialect list_page_cap must be 1 or more, not {self.list_page_cap}")

    @property
    def text(self) -> str:
        """The dialect as the text :func:`parse_dialect` reads back."""
        base = DIALECTS.get(self.name, DOCUMENTED)
        changed = [
            f"{f.name}={_knob_text(getattr(self, f.name))}"
            for f in dataclasses.fields(self)
            if f.name != "name" and getattr(self, f.name) != getattr(base, f.name)
        ]
        return ",".join([base.name, *changed])

    # -- answers ------------------------------------------------------------------------------------------

    def body(self, value: Any) -> Any:
        """A /v1 response body as this dialect writes it."""
        if not self.echo_line_identity:
            value = _without_line_identity(value)
        if self.lines_reversed:
            value = _lines_reversed(value)
        if self.camel_case:
            value = _camel(value)
        return value

    def conflict(self, body: dict[str, Any]) -> dict[str, Any]:
        if not self.conflict_ids_only:
            return body
        return {"Message": body.get("Message"), "PreviousOrderIds": body.get("PreviousOrderIds") or []}

    def invalid(self, body: dict[str, Any]) -> dict[str, Any]:
        """A 400 body: the documented ``Errors`` re-keyed the ASP.NET or ProblemDetails way."""
        errors = body.get("Errors")
        if self.error_style == "documented" or not isinstance(errors, dict):
            return body
        if self.error_style == "aspnet":
            model_state = {(f"order.{k}" if k else "order"): v for k, v in errors.items()}
            return {"Message": "The request is invalid.", "ModelState": model_state}
        return {
            "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            "title": "One or more validation errors occurred.",
            "status": 400,
            "errors": {(f"$.{k}" if k else "$"): v for k, v in errors.items()},
        }

    def order_list(self, body: dict[str, Any]) -> dict[str, Any]:
        listed = dict(body)
        if not self.list_total_count:
            listed.pop("TotalCount", None)
            listed.pop("PageSize", None)
        if not self.list_po_number:
            listed["Data"] = [{k: v for k, v in o.items() if k != "PONumber"} for o in listed.get("Data", [])]
        return listed

    def expires_in(self, seconds: int) -> int:
        return max(1, seconds // 60) if self.expires_in_minutes else seconds

    def request(self, body: Any) -> Any:
        """An order request as the server keeps it: without AddressLine2, or its Note, when it does not know
        that field."""
        if not isinstance(body, dict):
            return body
        if not self.keeps_note:
            body = {k: v for k, v in body.items() if str(k).lower() != "note"}
        if self.keeps_address_line2:
            return body
        return _without_key(body, "addressline2")


def _knob_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "none" if value is None else str(value)


def camel_name(key: str) -> str:
    """``PONumber`` -> ``poNumber``, ``LineItems`` -> ``lineItems``, ``Id`` -> ``id``."""
    return _LEADING_CAPS.sub(lambda m: m.group(0).lower(), key, count=1)


def _camel(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {camel_name(str(k)): _camel(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_camel(v, key) for v in value]
    if isinstance(value, str) and key.lower() in ENUM_KEYS:
        return camel_name(value)
    return value


def _without_line_identity(value: Any) -> Any:
    return _on_line_items(
        value,
        lambda items: [
            {k: v for k, v in li.items() if k not in ("ExternalId", "PhysicalDeliveryAddress")}
            if isinstance(li, dict)
            else li
            for li in items
        ],
    )


def _lines_reversed(value: Any) -> Any:
    return _on_line_items(value, lambda items: items[::-1])


def _on_line_items(value: Any, change: Callable[[list[Any]], list[Any]]) -> Any:
    """``value`` with ``change`` made to every list of line items in it (an order, a list of orders)."""
    if isinstance(value, list):
        return [_on_line_items(v, change) for v in value]
    if not isinstance(value, dict):
        return value
    return {
        key: change(item) if key == "LineItems" and isinstance(item, list) else _on_line_items(item, change)
        for key, item in value.items()
    }


def _without_key(value: Any, lowered: str) -> Any:
    if isinstance(value, dict):
        return {k: _without_key(v, lowered) for k, v in value.items() if str(k).lower() != lowered}
    if isinstance(value, list):
        return [_without_key(v, lowered) for v in value]
    return value


DOCUMENTED = Dialect()
LIKELY_REAL = Dialect(
    name="likely-real",
    camel_case=True,
    echo_line_identity=False,
    conflict_ids_only=True,
    error_style="aspnet",
    throttle_text=True,
    list_honours_po_filter=False,
    list_page_cap=LIKELY_REAL_PAGE_CAP,
    list_total_count=False,
    keeps_address_line2=False,
    expires_in_minutes=True,
)
DIALECTS = {d.name: d for d in (DOCUMENTED, LIKELY_REAL)}


def parse_dialect(text: str | None) -> Dialect:
    """``likely-real``, ``documented,camel_case=true``, ``likely-real,list_page_cap=none``..."""
    parts = [p.strip() for p in (text or "").split(",") if p.strip()]
    if not parts:
        return DOCUMENTED
    base = DIALECTS.get(parts[0].lower())
    if base is None:
        base, overrides = DOCUMENTED, parts
    else:
        overrides = parts[1:]
    knobs = {f.name: f for f in dataclasses.fields(Dialect) if f.name != "name"}
    changes: dict[str, Any] = {}
    for part in overrides:
        name, sep, raw = part.partition("=")
        name = name.strip().replace("-", "_").lower()
        if not sep or name not in knobs:
            raise ConfigError(
                f"Unknown sandbox dialect setting {part!r}",
                hint=f"use {' or '.join(DIALECTS)}, optionally followed by ,KNOB=VALUE with a knob of: "
                + ", ".join(knobs),
            )
        changes[name] = _knob_value(name, raw.strip(), getattr(base, name))
    return dataclasses.replace(base, **changes)


def _knob_value(name: str, raw: str, current: Any) -> Any:
    lowered = raw.lower()
    if isinstance(current, bool):
        if lowered in ("true", "yes", "1", "on"):
            return True
        if lowered in ("false", "no", "0", "off"):
            return False
        raise ConfigError(f"Sandbox dialect {name} must be true or false, not {raw!r}")
    if name in ("conflict_status", "list_page_base"):
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"Sandbox dialect {name} must be a number, not {raw!r}") from None
    if name == "list_page_cap":
        if lowered in ("none", ""):
            return None
        try:
            return int(raw)
        except ValueError:
            message = f"Sandbox dialect list_page_cap must be a number or none, not {raw!r}"
            raise ConfigError(message) from None
    return raw
