"""What the vendor's orders of a batch show of its rows: which PO number holds each row (by ExternalId), and
its lines that name no row (an edited row's card, perhaps); None where that cannot be known. Read by
:mod:`.conflicts` (after a 409, or when the vendor holds orders of the batch this ledger never sent) before
rows are sent again or held."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..addressmatch import vendor_address
from ..folding import fold_person
from ..ledger import RowRecord
from ..models import VendorOrder
from ..plan import batch_po_pattern, po_stem
from ..rebuild.search import _key, _place


def _batch_orders_pattern(stem: str, batch: str, prefix: str | None) -> re.Pattern[str]:
    """The batch's PO numbers under its own stem or any other one-part prefix (another ledger's --po-prefix):
    ``BS-GIFTS-STAFF-0001`` is not batch staff's."""
    if prefix is None:
        return batch_po_pattern(stem)
    bare = re.escape(po_stem("", batch))
    return re.compile(rf"(?:{re.escape(stem)}|[^-]+-{bare})-\d+(?:-R\d+)?", re.IGNORECASE)


def shown_at_vendor(orders: list[VendorOrder], rows: list[RowRecord]) -> _AtVendor | None:
    """What the vendor's orders of a batch (``orders``, read in full) show of its ``rows``: ExternalId
    (folded) -> the PO number holding it, and the lines naming no row; None when unknowable (lines in pages,
    lines without ExternalIds, or ExternalIds the vendor keeps its own way)."""
    found: dict[str, str] = {}
    shown: Counter[str] = Counter()  # the vendor's lines by ExternalId
    for vendor_order in orders:
        if vendor_order.lines_partial:
            # its lines in pages, some shown: a row on another page would read as nowhere, and be sent
            # again (found by hunter-vendor11: a 409's rows on a second page went out in -R1)
            return None
        for line in vendor_order.line_items:
            if not line.external_id:
                return None  # lines without ExternalId: nothing can be ruled out
            found.setdefault(_folded(line.external_id), vendor_order.po_number)
            shown[_folded(line.external_id)] += 1
    ours = Counter(_folded(r.external_id) for r in rows)
    if found:
        # the vendor keeps references its own way (cut to its field's length, prefixed) when none it
        # shows is a row's, when one is a row's cut or prefixed, or when more of its lines show one than
        # rows have it (the longer IDs cut to another row's: found by review14, the IDs it showed as ours
        # proved nothing of the rows whose ID it cut): its ExternalIds cannot show which rows it holds
        foreign = [key for key in shown if key not in ours]
        if (
            len(foreign) == len(shown)
            or any(0 < ours[key] < count for key, count in shown.items())
            or _mangled(foreign, set(ours))
        ):
            return None
    # a row of a plan dropped since (edited, or declined) names no card: its line may be an edited row's
    named = {_folded(r.external_id) for r in rows if r.current or r.status == "ordered"}
    return _AtVendor(found, _UnnamedLines.of(orders, named), tuple(o.po_number for o in orders))


@dataclass(frozen=True)
class _AtVendor:
    ids: dict[str, str]  # ExternalId (folded) -> the PO number holding it
    unnamed: _UnnamedLines
    po_numbers: tuple[str, ...]  # of the orders read


@dataclass(frozen=True)
class _UnnamedLines:
    """The vendor's lines of a batch's orders whose ExternalId is no row's: the card of a row edited since
    (its derived ExternalId follows its content) may be one. Indexed as the lost-ledger search compares them
    (rebuild.search._hold_edited_rows): the recipient's name with the card, the address with the card."""

    by_name: dict[str, set[tuple[tuple[str, str], tuple[str, Decimal, int]]]]
    places: set[tuple[tuple[str, str], tuple[str, Decimal, int]]]
    cards_unshown: set[tuple[str, Decimal, int]]  # lines showing no recipient: any row of the card may be one

    @classmethod
    def of(cls, orders: list[VendorOrder], ours: set[str]) -> _UnnamedLines:
        by_name: dict[str, set[tuple[tuple[str, str], tuple[str, Decimal, int]]]] = {}
        places, unshown = set(), set()
        for vendor_order in orders:
            for index, line in enumerate(vendor_order.line_items):
                if _folded(line.external_id) in ours:
                    continue
                card = _key(line.product_id, line.value, line.quantity)
                shown = vendor_address(vendor_order, index)
                if shown is None:
                    unshown.add(card)
                    continue
                place = _place(shown.get("addressline1"), shown.get("addressline2"), shown.get("zip"))
                by_name.setdefault(fold_person(shown.get("name")), set()).add((place, card))
                places.add((place, card))
        return cls(by_name, places, unshown)

    def may_be(self, item: Any) -> bool:
        """Whether the vendor's card on one of these lines may be this line item's (a row edited since)."""
        try:
            value, quantity = Decimal(str(item.get("Value"))), int(item["Quantity"])
            card = _key(str(item.get("ProductId", "")), value, quantity)
        except (ArithmeticError, KeyError, TypeError, ValueError):
            return bool(self.by_name or self.cards_unshown)  # not readable: it may be any of them
        if card in self.cards_unshown:
            return True
        address = item.get("PhysicalDeliveryAddress") or {}
        place = _place(address.get("AddressLine1"), address.get("AddressLine2"), address.get("Zip"))
        if (place, card) in self.places:  # the name corrected
            return True
        # the address corrected (same card), or the card or value (same address)
        return any(c == card or p == place for p, c in self.by_name.get(fold_person(address.get("Name")), ()))

    def rows_it_may_hold(
        self, rows: list[RowRecord], items: list[Any], among: list[RowRecord]
    ) -> list[RowRecord]:
        """The rows of ``among`` (of ``rows``, sent as ``items``) whose card one of these lines may be: a
        409's original holding a row's card as another ledger wrote it (its amount or address otherwise) tied
        no line to it, and the row went out again in a follow-up, a second card (found by hunter-web18). An
        item not known is any row's when there are such lines."""
        sent = {id(row): item for row, item in zip(rows, items, strict=True)}
        return [row for row in among if self.may_be(sent[id(row)] or {})]


EDITED_ELSEWHERE = (
    "; the vendor's orders of this batch hold a card on a line naming no row that may be this row's (its "
    "recipient's name or street, or no recipient shown): the row as sent from another ledger, written "
    "otherwise"
)


def _folded(external_id: str | None) -> str:
    """An ExternalId as compared with the vendor's: whatever its case (a row found there in other capitals
    waits for a person, never goes out again)."""
    return (external_id or "").casefold()


def _mangled(foreign: list[str], ours: set[str]) -> bool:
    """Whether one of the vendor's ExternalIds that no row has is a row's cut to a field's length (a row's
    starts with it) or with a prefix (it ends with a row's)."""
    mine = sorted(ours)
    for key in foreign:
        at = bisect.bisect_left(mine, key)
        if at < len(mine) and mine[at].startswith(key):
            return True
        if any(key[i:] in ours for i in range(1, len(key))):
            return True
    return False
