"""Read any vendor JSON answer: keys case-insensitively (:func:`field`, :func:`path`, :func:`text`),
amounts however written (:func:`decimal`), enum values and statuses in their documented spelling, and the
records of one page (:func:`page_records`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from ...statuses import VENDOR_CODE, status_letters
from .refunds import refund_said
from .statusdays import without_day

# The documented spelling of each enum value, by its letters and digits lower-cased.
ENUM_VALUES = {
    v.lower(): v
    for v in (
        "PhysicalShipment",
        "DigitalDelivery",
        "Links",
        "Physical",
        "Digital",
        "Fixed",
        "Variable",
    )
}
# The one table of vendor order/line statuses: every spelling bulkship understands -> its canonical name.
# A status not listed is shown as the vendor wrote it (never as "ordered" or any other guess).
STATUS_SYNONYMS = {
    "Pending": ("pending", "processing", "inprogress", "open", "new", "submitted", "received", "queued",
                "accepted", "awaitingfulfillment"),
    "Complete": ("complete", "completed", "fulfilled", "fulfillmentcomplete", "success", "succeeded", "done"),
    "Shipped": ("shipped", "intransit", "dispatched", "outfordelivery", "mailed", "posted"),
    "Delivered": ("delivered",),
    "Failed": ("failed", "failure", "error", "errored", "rejected", "declined"),
    "Cancelled": ("cancelled", "canceled", "voided", "void", "refunded"),
}  # fmt: skip
_STATUS_OF = {spelling: name for name, spellings in STATUS_SYNONYMS.items() for spelling in spellings}
MAPPING = (dict, Mapping)  # dict first: isinstance against the Mapping ABC alone is slow


class VendorObject(dict[str, Any]):
    """A JSON object of a vendor's answer (the client decodes every answer into these), whose keys are
    lower-cased once, when first read case-insensitively: a 100-line order lower-cased every key of a line
    for each field the line lacks, ~8 ms of CPU an order, most of bulkship's own side of sending one (bench:
    ``python -m bench.submit --echo 1 8``). A change to the object drops its lower-cased keys."""

    __slots__ = ("_lowered",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lowered: dict[str, Any] | None = None

    def lowered(self) -> dict[str, Any]:
        found: dict[str, Any] | None = getattr(self, "_lowered", None)  # (unset in a copy made by __new__)
        if found is None:
            found = self._lowered = {str(key).lower(): value for key, value in self.items()}
        return found

    def __setitem__(self, key: str, value: Any) -> None:
        self._lowered = None
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self._lowered = None
        super().__delitem__(key)

    def __ior__(self, other: Any) -> VendorObject:  # type: ignore[override,misc]
        self._lowered = None
        return super().__ior__(other)

    def clear(self) -> None:
        self._lowered = None
        super().clear()

    def pop(self, *args: Any) -> Any:
        self._lowered = None
        return super().pop(*args)

    def popitem(self) -> tuple[str, Any]:
        self._lowered = None
        return super().popitem()

    def setdefault(self, key: str, default: Any = None) -> Any:
        self._lowered = None
        return super().setdefault(key, default)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._lowered = None
        super().update(*args, **kwargs)


def lowered(obj: Mapping[Any, Any]) -> dict[str, Any]:
    """``obj`` by its keys lower-cased (once for a vendor answer: :class:`VendorObject`)."""
    if type(obj) is VendorObject:
        return obj.lowered()
    return {str(key).lower(): value for key, value in obj.items()}


def field(obj: Any, *names: str, default: Any = None) -> Any:
    """The value of the first of ``names`` present in ``obj``, matching keys case-insensitively.

    The key as written is tried first (what the vendor sends), and a dict is a dict (ABC checks are slow)."""
    if not isinstance(obj, MAPPING):
        return default
    by_lower: dict[str, Any] | None = None
    for name in names:
        value = obj.get(name)
        if value is None:
            if by_lower is None:
                by_lower = lowered(obj)
            value = by_lower.get(name.lower())
        if value is not None:
            return value
    return default


def path(obj: Any, *steps: str, default: Any = None) -> Any:
    """Follow nested keys (each case-insensitive): ``path(p, "Meta", "ShippingConfiguration")``."""
    for step in steps:
        obj = field(obj, step)
        if obj is None:
            return default
    return obj


def text(obj: Any, *names: str, default: str = "") -> str:
    value = field(obj, *names)
    if type(value) is str:
        return value
    return default if value is None or isinstance(value, Mapping | list) else str(value)


# An amount written as text with dollar marks or thousands separators: "$1,234.50", "USD 25", "25.00 USD", and
# its sign before the mark: "-$5.00" (a discount or a refund so written was no amount: 'Discount': '-$5.00'
# beside 'Total': '$120.00' read "charged 125.00" everywhere, reconcile "Everything matches": found by
# hunter-vendor9)
_DOLLARS = re.compile(
    r"^(-?)\s*(?:US\$|\$|USD)?\s*(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)\s*(?:USD)?$", re.I
)
# A negative amount as accounting writes it: in parentheses ('($5.00)', '$(5.00)'), with its minus after it
# ('5.00-', an ERP's) or a typographic minus ('\u22125.00', '\u2013$5.00'). Read as no amount, a discount
# 'Discount': '($5.00)' beside 'Total': '$120.00' was unread, the larger total taken: "charged 125.00"
# everywhere, reconcile "Everything matches", nothing said (found by hunter-vendor10)
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-", "\ufe63": "-", "\uff0d": "-"})
_ACCOUNTING = re.compile(r"^(?:\((.*)\)|(?:US\$|\$|USD)\s*\((.*)\)|([^()-]*\d)\s*-)$", re.I)


def _negative_written(raw: str) -> str:
    """``raw`` with an accounting negative (parentheses, a trailing or typographic minus) written with a
    leading '-'; as it came otherwise."""
    raw = raw.translate(_MINUS_SIGNS)
    found = _ACCOUNTING.match(raw)
    if found is None:
        return raw
    inner = next(g for g in found.groups() if g is not None).strip()
    return raw if not inner or inner.startswith(("-", "(")) else "-" + inner


def decimal(value: Any, default: Decimal | None = None) -> Decimal | None:
    """A number from a JSON number, a numeric string, dollars written as text (``"$1,234.50"``) or a money
    object (``{"Amount": 25, "CurrencyCode": "USD"}``); ``default`` for anything else, amounts in another
    currency included (never read as dollars)."""
    if value is None or isinstance(value, bool):
        return default
    if type(value) is int:
        return Decimal(value) if -(10**15) < value < 10**15 else default
    if isinstance(value, MAPPING):
        currency = text(value, "CurrencyCode", "Currency", default="USD").strip().upper()
        amount = field(value, "Amount", "Value")
        return decimal(amount, default) if currency == "USD" and not isinstance(amount, MAPPING) else default
    raw = _negative_written(str(value).strip())
    dollars = _DOLLARS.match(raw)
    if dollars and not (dollars.group(1) and dollars.group(2).startswith("-")):
        raw = dollars.group(1) + dollars.group(2).replace(",", "")
    try:
        result = Decimal(raw)
    except (InvalidOperation, ValueError):
        return default
    # beyond 10^15 no amount nor count is real, and the cents of 1e400 (or 10**30) cannot be computed: such
    # a line cost ended `bulkship track` and `reconcile` in a decimal.InvalidOperation traceback (found by
    # hunter-vendor6); read as no amount
    return result if result.is_finite() and result.adjusted() < 15 else default


def enum_value(value: Any, default: str = "") -> str:
    """An enum value in the documented spelling (``physicalShipment`` -> ``PhysicalShipment``); an unknown
    value as it came."""
    if value is None or isinstance(value, Mapping | list):
        return default
    raw = str(value).strip()
    return ENUM_VALUES.get(status_letters(raw), raw) if raw else default


def status_name(value: Any, cards: int | None = None) -> str:
    """A vendor order or line status by :data:`STATUS_SYNONYMS`; an unknown status verbatim, "" when none.
    ``cards``: a line's count of cards (None: an order's status, or not known), which tells a day it gives
    from a share of its cards (:mod:`.statusdays`)."""
    if value is None or isinstance(value, Mapping | list):
        return ""
    raw = str(value).strip()
    if (isinstance(value, int | float) and not isinstance(value, bool)) or _NUMBER.match(raw):
        number = decimal(raw)  # a code nothing documents: never taken for a word
        return f"{VENDOR_CODE}{number.normalize() if number is not None else raw}" if raw else ""
    # a status saying a refund was made or is under way ('Refund Issued', 'Credited', 'Refund Pending'): no
    # card, as 'Refunded' (refunds); anything else unknown, shown as written
    known = _STATUS_OF.get(status_letters(raw)) or _STATUS_OF.get(status_letters(without_day(raw, cards)))
    return known or ("Cancelled" if refund_said(raw, cards) else raw)  # 'Cancelled 12/01': its day no word


_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def integer(value: Any, default: int | None = None) -> int | None:
    number = decimal(value)
    return default if number is None else int(number)


def boolean(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "1"}
    return bool(value)


def items(obj: Any, *names: str) -> list[Any]:
    value = field(obj, *names)
    return list(value) if isinstance(value, list) else []


PAGE_KEYS = ("Data", "Items", "Results", "Value")  # a paged envelope's list (``Value``: OData's)


def page_records(body: Any) -> list[Any] | None:
    """The records of one page: a plain JSON array, the envelope's ``Data`` (or its other spellings), or
    the envelope's one list of objects under any name (``{"orders": [...]}``); None when the answer shows
    no list at all, which is not an empty page: it proves nothing about what the vendor holds."""
    if isinstance(body, list):
        return body
    if not isinstance(body, MAPPING):
        return None
    for name in PAGE_KEYS:
        value = field(body, name)
        if isinstance(value, list):
            return value
    lists = [v for v in body.values() if isinstance(v, list)]
    records = [v for v in lists if v and all(isinstance(r, MAPPING) for r in v)]
    if len(records) == 1:
        return records[0]
    counted = integer(field(body, "TotalCount", "Total", "TotalItems", "TotalRecords"))
    if len(lists) <= 1 and not any(lists) and counted == 0:
        return []  # no list (or an empty one under another name), and the vendor counts none
    return None
