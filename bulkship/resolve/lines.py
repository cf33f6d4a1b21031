"""A vendor line and a row waiting for review, side by side: the card (product, value, quantity), recipient
and address each shows, in words; what a row would send (its line item, as the ledger recorded it); and which
of a vendor order's lines rows of this ledger are already tied to.

Every check in :mod:`bulkship.resolve` reads lines through these, so the review, a release and a settlement
read a vendor line the same way.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Collection, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from ..ledger import REVIEW_ITEMS, Ledger, OrderRecord, RowRecord
from ..linecards import takes_no_row as _takes_no_row
from ..linematch import line_id_places
from ..models import VendorOrder
from ..rebuild import shows_line_address

Card = tuple[str, Decimal, int]  # product (folded), value, quantity


def _fold(value: Any) -> str:
    return " ".join(str(value or "").split()).casefold()


def card_of_item(item: Any) -> Card | None:
    if not isinstance(item, dict):
        return None
    try:
        return _fold(item.get("ProductId")), Decimal(str(item.get("Value"))), int(item.get("Quantity") or 1)
    except (InvalidOperation, ValueError, TypeError):
        return None


def card_text(card: Card | None) -> str:
    if card is None:
        return "unknown card"
    product, value, quantity = card
    return f"{product.upper()} {value:,.2f}" + (f" x{quantity}" if quantity != 1 else "")


def _blind(vendor_order: VendorOrder, index: int) -> bool:
    """The vendor's line shows neither ExternalId nor recipient."""
    return not vendor_order.line_items[index].external_id and not shows_line_address(vendor_order, index)


def _line_card(vendor_order: VendorOrder, index: int) -> Card:
    line = vendor_order.line_items[index]
    return _fold(line.product_id), line.value, line.quantity


def _name_of_item(item: Any) -> str:
    address = item.get("PhysicalDeliveryAddress") if isinstance(item, dict) else None
    return str(address.get("Name") or "") if isinstance(address, dict) else ""


def _line_name(vendor_order: VendorOrder, index: int) -> str | None:
    """The recipient name the vendor's line shows, or None when it shows no address."""
    if not shows_line_address(vendor_order, index):
        return None
    lines: Any = next(v for k, v in vendor_order.raw.items() if str(k).lower() == "lineitems")
    address = next(v for k, v in lines[index].items() if str(k).lower() == "physicaldeliveryaddress")
    if not isinstance(address, dict):
        return ""
    return str(next((v for k, v in address.items() if str(k).lower() == "name"), "") or "")


@functools.lru_cache(maxsize=8)
def _decoded(payload_json: str) -> dict[str, Any]:
    """A stored payload, decoded once for all its rows (read only: :func:`planned_item` copies what it
    returns). An order's payload holds every row waiting on it: decoding it per row was quadratic."""
    decoded: dict[str, Any] = json.loads(payload_json)
    return decoded


def planned_item(order: OrderRecord | None, row: RowRecord) -> dict[str, Any] | None:
    """What the row would send (its line item), as the ledger recorded it; None when it did not."""
    if order is None:
        return None
    payload = _decoded(order.payload_json) if order.payload_json else order.payload()  # "": read lazily
    waiting = payload.get(REVIEW_ITEMS)
    if isinstance(waiting, dict) and isinstance(waiting.get(row.fingerprint), dict):
        return dict(waiting[row.fingerprint])
    items = payload.get("LineItems")
    index = row.line_index
    if (
        isinstance(items, list)
        and index is not None
        and 0 <= index < len(items)
        and isinstance(items[index], dict)
    ):
        return dict(items[index])
    return None


def ranges(numbers: Collection[int]) -> str:
    """``{1, 2, 3, 7}`` -> ``"1-3, 7"``."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    start = previous = ordered[0] if ordered else 0
    for n in [*ordered[1:], None]:
        if n is not None and n == previous + 1:
            previous = n
            continue
        parts.append(str(start) if start == previous else f"{start}-{previous}")
        if n is not None:
            start = previous = n
    return ", ".join(parts) if ordered else ""


def _free_lines(ledger: Ledger, vendor_order: VendorOrder) -> list[int]:
    """The vendor order's lines no row of this ledger is tied to yet. A row a person confirmed (no position)
    takes one line of its card that shows no identity (any such line when its card is not recorded)."""
    record = ledger.order(vendor_order.po_number)
    return _free_among(record, ledger.rows_by_po(vendor_order.po_number) if record else [], vendor_order)


def _free_among(
    record: OrderRecord | None, rows: Sequence[RowRecord], vendor_order: VendorOrder
) -> list[int]:
    """:func:`_free_lines`, from the ledger's record of the order and its rows, read once."""
    free = list(range(len(vendor_order.line_items)))
    if record is None:
        return free
    shows_ids = any(li.external_id for li in vendor_order.line_items)
    # the line each row was tied to, wherever listed: only when every line shows an Id of its own
    every_line_shows_one = all(li.id for li in vendor_order.line_items)
    at_line_id = line_id_places(vendor_order) if every_line_shows_one else {}
    confirmed: list[Card | None] = []
    for row in rows:
        if row.status != "ordered":
            continue
        by_id = [i for i in free if vendor_order.line_items[i].external_id == (row.external_id or "")]
        if shows_ids and by_id:
            free.remove(by_id[0])
        elif not shows_ids and row.line_item_id and row.line_item_id in at_line_id:
            if at_line_id[row.line_item_id] in free:
                free.remove(at_line_id[row.line_item_id])
        elif row.line_index is not None and not shows_ids:
            if row.line_index in free:
                free.remove(row.line_index)
        else:
            confirmed.append(card_of_item(planned_item(record, row)))
    for card in confirmed:
        taken = next(
            (
                i
                for i in free
                if _blind(vendor_order, i)
                and not _takes_no_row(vendor_order, i)
                and card in (None, _line_card(vendor_order, i))
            ),
            None,
        )
        if taken is not None:
            free.remove(taken)
    return free


def _tied_among(record: OrderRecord | None, rows: Sequence[RowRecord], vendor_order: VendorOrder) -> set[int]:
    """Positions of the vendor order's lines that rows of this ledger are tied to: by recorded line index, or
    taken by a row a person confirmed (see :func:`_free_lines`)."""
    if record is None or (record.vendor_order_id and record.vendor_order_id != vendor_order.id):
        return set()
    return set(range(len(vendor_order.line_items))) - set(_free_among(record, rows, vendor_order))


def _address_shown(vendor_order: VendorOrder, index: int) -> dict[str, Any] | None:
    if not shows_line_address(vendor_order, index):
        return None
    lines: Any = next(v for k, v in vendor_order.raw.items() if str(k).lower() == "lineitems")
    address = next(v for k, v in lines[index].items() if str(k).lower() == "physicaldeliveryaddress")
    return address if isinstance(address, dict) else None


def _address_text(address: dict[str, Any] | None) -> str:
    if not isinstance(address, dict):
        return "no address shown"
    by_key = {str(k).lower(): v for k, v in address.items()}
    keys = ("name", "addressline1", "addressline2", "city", "state", "zip")
    return ", ".join(str(by_key[k]) for k in keys if by_key.get(k))


def vendor_content(vendor_order: VendorOrder, index: int) -> str:
    """What the vendor's line holds, in words: card and recipient as shown."""
    card = card_text(_line_card(vendor_order, index))
    return f"the vendor: {card}, {_address_text(_address_shown(vendor_order, index))}"


def item_content(item: dict[str, Any]) -> str:
    return f"{card_text(card_of_item(item))}, {_address_text(item.get('PhysicalDeliveryAddress'))}"


def vendor_item(vendor_order: VendorOrder, index: int) -> dict[str, Any]:
    """The vendor's line as a line item: what is recorded for a row tied to it with other content."""
    line = vendor_order.line_items[index]
    item: dict[str, Any] = {
        "ExternalId": line.external_id,
        "ProductId": line.product_id,
        "Value": str(line.value),
        "Quantity": line.quantity,
    }
    address = _address_shown(vendor_order, index)
    if address is not None:
        item["PhysicalDeliveryAddress"] = dict(address)
    return item
