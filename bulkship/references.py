"""ExternalIds a vendor echoes with a prefix of its own ('ACME-K1' for the K1 sent), or cut to its field's
length ('STAFF-2026-a1b2c3' for 'STAFF-2026-a1b2c3d4e5f6'), read as the ones sent.
Matched letter for letter, no line was any row's: every row of the order read 'pending' for good, the
delivered ones and the one whose card the vendor cancelled alike, which was never sent again: a person
without a card and nothing said (found by hunter-vendor4).

Only a proven reading: the echoed reference is exactly one of the ExternalIds sent after a separator
('ACME-K1', 'acme:k1', 'ACME K1'; never 'XK1' for K1) or cut to at least 8 characters (a cut that two sent
share is none's: review14's 'EMPLOYEE-ID-NUMBER-1'), no line shows that ExternalId as sent, and no two lines
are read as one reference sent once."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from typing import Any

from .models import VendorOrder

MIN_CUT = 8  # a shorter start of a reference proves nothing


def unprefixed(vendor_order: VendorOrder, items: Sequence[Any]) -> VendorOrder:
    """``vendor_order`` with each prefixed ExternalId its lines echo written as the one sent; unchanged when
    none is, or the reading is not proven for every such line."""
    lines = vendor_order.line_items
    sent = Counter(
        _fold(item.get("ExternalId"))
        for item in items
        if isinstance(item, dict) and str(item.get("ExternalId") or "").strip()
    )
    shown = [_fold(li.external_id) for li in lines]
    if not sent or not any(ref and ref not in sent for ref in shown):
        return vendor_order
    read: list[str | None] = []
    for ref in shown:
        if not ref or ref in sent:
            read.append(None)
            continue
        ends = [ours for ours in sent if _ends_with(ref, ours) or _cut_of(ref, ours)]
        if len(ends) != 1 or ends[0] in shown:
            return vendor_order  # not proven: another reference sent fits too, or a line shows it as sent
        read.append(ends[0])
    taken = Counter(ref for ref in read if ref is not None)
    if any(count > sent[ref] for ref, count in taken.items()):
        return vendor_order
    originals = {
        _fold(item.get("ExternalId")): str(item.get("ExternalId")) for item in items if isinstance(item, dict)
    }
    new_lines = tuple(
        dataclasses.replace(line, external_id=originals[ref]) if ref is not None else line
        for line, ref in zip(lines, read, strict=True)
    )
    return dataclasses.replace(vendor_order, line_items=new_lines)


def _ends_with(reference: str, ours: str) -> bool:
    """``reference`` is ``ours`` after a prefix ending in a separator (not a letter or digit)."""
    return len(reference) > len(ours) and reference.endswith(ours) and not reference[-len(ours) - 1].isalnum()


def _cut_of(reference: str, ours: str) -> bool:
    """``reference`` is the start of ``ours``, cut to a field's length."""
    return len(reference) >= MIN_CUT and len(ours) > len(reference) and ours.startswith(reference)


def _fold(value: Any) -> str:
    return " ".join(str(value or "").split()).casefold()
