"""A shipping method as people type it ('Next Day', 'FedEx Overnight', 'Ground', 'USPS'), read as the vendor's
method it surely names, else an error listing the vendor's methods by their names and days. A list whose
'Shipping' said 'Next Day' or '2-Day' was an error on every row, "use one of EXPEDITED, OVERNIGHT, STANDARD":
bare codes, where the catalog says what each is ("Expedited (UPS 3 Day Select)", 3 days), so someone who
typed '2-Day' could not tell which code is 2 days (found by newcomer16, N10)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ...models import ShippingMethod

STANDARD = "STANDARD"  # the method every vendor has (api-contract.md)
CARRIERS = frozenset({"usps", "ups", "fedex", "dhl"})
# Words that say nothing of the method ('Next Day Air', 'Ground shipping', 'Send via USPS')
_FILLER = frozenset(
    {"shipping", "ship", "shipment", "delivery", "deliver", "delivered", "service", "mail", "air", "via",
     "by", "the", "please", "send", "method", "option", "saver", "select", "package", "parcel"}
)  # fmt: skip
# The slowest, cheapest way, asked in other words than the vendor's ('Ground', 'Regular', 'Normal')
_PLAIN = frozenset({"standard", "ground", "regular", "normal", "economy", "basic", "usual", "default"})
_NUMBERS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5"}
# The days a method is typed as taking: 'Next Day', 'Overnight', '2-Day', 'Two day', '2nd Day Air', '3 Day'
_NEXT_DAY = re.compile(r"\b(?:next\s*day|overnight|24\s*h(?:ou)?rs?)\b")
_DAYS = re.compile(r"\b(\d)(?:st|nd|rd|th)?\s*(?:business\s+)?days?\b")


def _words(text: str) -> list[str]:
    text = re.sub(r"\bfed\s*ex\b", "fedex", text.casefold())
    return [_NUMBERS.get(w, w) for w in re.findall(r"[a-z0-9]+", text)]


def _days_asked(text: str) -> int | None:
    folded = " ".join(_words(text))
    if _NEXT_DAY.search(folded):
        return 1
    found = _DAYS.search(folded)
    return int(found.group(1)) if found else None


def method_said(typed: str, methods: Mapping[str, ShippingMethod]) -> str | None:
    """The id of the one method of ``methods`` that ``typed`` names, else None: by the days it asks for
    (the one method taking that many days), by the plain words for the standard way ('Ground', 'Regular')
    or a carrier alone ('USPS': no speed asked), or by its words all being the method's own id's and name's
    ('FedEx Overnight'). A carrier the method does not go by (UPS for a FedEx method) names none; nor does
    a wish for speed ('Rush', 'Fast': which?)."""
    words = [w for w in _words(typed) if w not in _FILLER]
    if not words:
        return None
    carriers = CARRIERS.intersection(words)
    speed = set(words) - carriers
    days = _days_asked(typed)
    found: set[str] = set()
    if days is not None and any(m.estimated_delivery_days for m in methods.values()):
        found = {m.id for m in methods.values() if m.estimated_delivery_days == days}
    elif (speed and speed <= _PLAIN) or not speed:  # 'Ground'; a carrier alone asks no speed: 'USPS'
        found = {STANDARD} & set(methods)
    else:
        own = {m.id: set(_words(f"{m.id} {m.name}")) for m in methods.values()}
        found = {mid for mid, said in own.items() if speed <= said}
    if len(found) != 1:
        return None
    chosen = methods[next(iter(found))]
    named = _carriers(chosen)
    return chosen.id if not carriers or (named and carriers <= named) else None


def _carriers(method: ShippingMethod | None) -> frozenset[str]:
    return CARRIERS.intersection(_words(method.name)) if method is not None else frozenset()


def methods_listed(methods: Mapping[str, ShippingMethod]) -> str:
    """The vendor's methods as an error lists them, fastest last: 'STANDARD (USPS First-Class, about 7
    days), EXPEDITED (UPS 3 Day Select, about 3 days), OVERNIGHT (...)'; the bare ids where the vendor names
    none."""
    order = sorted(methods.values(), key=lambda m: (-(m.estimated_delivery_days or 0), m.id))
    said = []
    for method in order:
        name = method.name.strip()
        head, _, inner = name.partition(" (")
        if inner.endswith(")") and head.casefold() == method.id.casefold().replace("_", " "):
            name = inner[:-1]  # 'Standard (USPS First-Class)' of STANDARD: its brackets say what it is
        elif name.casefold() == method.id.casefold():
            name = ""
        days = method.estimated_delivery_days
        about = f"about {days} day{'s' if days != 1 else ''}" if days else ""
        details = ", ".join(part for part in (name, about) if part)
        said.append(f"{method.id} ({details})" if details else method.id)
    return ", ".join(said)
