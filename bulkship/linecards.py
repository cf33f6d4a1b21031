"""What the vendor's line tied to one of our line items shows of its cards otherwise than sent: another card
or amount, fewer or more cards, or a status saying it holds no card (then no row is recorded there, and a row
it may be is never sent again on its order's word alone). Which line is which row: :mod:`.linematch`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .models import VendorOrder
from .statuses import NO_CARD_STATUSES


def _fold(value: Any) -> str:
    return " ".join(str(value or "").split()).casefold()


def other_card(item: Any, line: Any) -> str:
    """What the vendor's line tied to our line item (by its ExternalId) shows otherwise than sent: another
    card or amount ('TARGET 50.00, sent CVS 25.00'); "" when it agrees, or shows neither (a field left out
    is no other card)."""
    if not isinstance(item, dict) or line is None:
        return ""
    try:
        sent_value = Decimal(str(item.get("Value")))
    except ArithmeticError:
        return ""
    product = _fold(line.product_id) not in ("", _fold(item.get("ProductId")))
    value = bool(line.value) and line.value != sent_value
    if not (product or value):
        return ""
    shown = f"{line.product_id or item.get('ProductId')} {line.value or sent_value:.2f}"
    return f"{shown}, sent {item.get('ProductId')} {sent_value:.2f}"


def fewer_cards(item: Any, line: Any, vendor_order: Any, sent_count: int) -> str:
    """The vendor's line tied to our line item holding fewer cards than were sent on it, by the count it
    writes ('CVS 25.00 x 1, sent x 3'): the person may get fewer cards. Said only when the line writes a
    count (none written is read as 1: every row of several cards would be said) and the order shows no
    more card lines than were sent (then it may be a piece of a line shown in pieces: splitlines). Said
    only by reconcile ("quantity sent 3 vs vendor 1"), the run and track naming no row (found by
    hunter-vendor8, fixed by hunter-vendor9)."""
    if not isinstance(item, dict) or line is None or line.shown_quantity is None:
        return ""
    if len(vendor_order.card_lines) > sent_count:
        return ""
    try:
        sent = int(item.get("Quantity") or 1)
    except (TypeError, ValueError):
        return ""
    if line.shown_quantity >= sent:
        return ""
    card = f"{line.product_id or item.get('ProductId')} {Decimal(str(line.value or item.get('Value'))):.2f}"
    return f"{card} x {line.shown_quantity}, sent x {sent}"


def more_cards(item: Any, line: Any) -> str:
    """The vendor's line tied to our line item (by its ExternalId) holding more cards than were sent on it
    ('CVS 25.00 x 2, sent x 1'): cards nobody asked for, made for the row's person (found by hunter-vendor5:
    the row read 'pending', ordered, the extra card's money said only as "costs differ from the plan"). Fewer
    is not compared here: a line shown in pieces holds fewer (bulkship.splitlines)."""
    if not isinstance(item, dict) or line is None:
        return ""
    try:
        sent = int(item.get("Quantity") or 1)
    except (TypeError, ValueError):
        return ""
    if line.quantity <= sent:
        return ""
    card = f"{line.product_id or item.get('ProductId')} {Decimal(str(line.value or item.get('Value'))):.2f}"
    return f"{card} x {line.quantity}, sent x {sent}"


def holds_no_card(vendor_order: VendorOrder, index: int) -> str:
    """The vendor's status when its line ``index`` provably holds no card: the line itself is Failed or
    Cancelled; else "". An order-level Failed is no such proof (the contract only assumes that status, and
    a vendor may retry or revive an order): a line that shows no status of its own, or a live one, may
    ship, and a row it may be is never sent again on the order's word."""
    line_status = vendor_order.line_items[index].status
    return line_status if line_status.casefold() in NO_CARD_STATUSES else ""


# Line statuses (canonical, see client.parse) that show a card made, whatever its order's status says.
_CARD_MADE = ("complete", "shipped", "delivered")


def takes_no_row(vendor_order: VendorOrder, index: int) -> str:
    """The vendor's status when its line ``index`` may not take a row: it is Failed or Cancelled, or its
    order is and the line does not show its card made (a row recorded there would show ordered and never be
    sent); else "". A line Shipped (or Complete, Delivered) of a Failed order holds its card."""
    if holds_no_card(vendor_order, index):
        return vendor_order.line_items[index].status
    if vendor_order.line_items[index].status.casefold() in _CARD_MADE:
        return ""
    return vendor_order.status if vendor_order.status.casefold() in NO_CARD_STATUSES else ""
