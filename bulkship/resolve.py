"""Rows waiting for review: what the vendor shows for them, and a person settling them, with the vendor.

A row waits for review (status ``review``) when it may be at the vendor but nothing proves which vendor line
it is: a refused re-send after a lost answer that the order list cannot check, a 409 whose original does
not show the row, planned orders held after a 409 for a PO number this ledger never sent, or rows that may
be among the vendor's lines after a lost ledger. Nothing is sent for them until a person decides:

* :func:`review` lists them by the PO they wait on, with why, what the vendor shows for that PO and the
  batch's PO range (under any prefix, follow-ups included), and whether a release is possible now. It
  changes nothing, so a read of the vendor's list made for it is reused for :data:`LISTING_REUSE_S` (the web
  page is viewed again and again; settling and releasing always read afresh).
* :func:`settle_at_vendor` — "it is at the vendor": the person names the vendor order (Id or PO number).
  It must belong to the batch (its PO stem, exactly). Rows are tied to its lines by the rules used everywhere
  (ExternalId with the same card and recipient; the full address; our own recorded send of exactly that
  payload, by position); a line that shows no identity is tied only to a row the person names
  (``rows``), and only when its card (product, value, quantity) is the row's and no other row holds it.
  Tied rows become ``ordered`` on that order; the others keep waiting.
* :func:`release` — "it is not at the vendor, send it": the vendor is asked again, the PO itself and the
  batch's whole PO range. Refused, with what was seen, unless the list is complete and no line there can be
  one of the rows: a line carrying the row's ExternalId, or of the same card for the same name, or of the
  same card showing no recipient and tied to no row. Released rows go out with the next ``bulkship run``:
  under the same PO with the stored payload when the whole order is released and the vendor provably has
  no such PO, else planned afresh (they are provably not at the vendor).

The ledger is locked for the whole check-then-write, so no run sends in between; every settlement is an
event naming who, when and why. Nothing here sends an order.
"""

from __future__ import annotations

import functools
import getpass
import hashlib
import json
import re
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from .client.parse import items, po_number_of, text
from .errors import ConfigError, NotFoundError, ReviewRefusedError, VendorError
from .ledger import (
    OPEN_STATES,
    REVIEW_ITEMS,
    AdoptedOrder,
    AdoptedRow,
    Ledger,
    OrderRecord,
    RowRecord,
    same_line,
)
from .models import VendorOrder
from .payload import line_items
from .plan import order_seq
from .rebuild import batch_orders_pattern, shows_line_address
from .statuses import NO_CARD_STATUSES

Card = tuple[str, Decimal, int]  # product (folded), value, quantity
_FOLLOW_UP = re.compile(r"-R\d+$", re.IGNORECASE)


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


def holds_no_card(vendor_order: VendorOrder, index: int) -> str:
    """The vendor's status when its line ``index`` provably holds no card: the line itself is Failed or
    Cancelled; else "". An order-level Failed is no such proof (the contract only assumes that status, and
    a vendor may retry or revive an order): a line that shows no status of its own, or a live one, may
    ship, and a row it may be is never sent again on the order's word."""
    line_status = vendor_order.line_items[index].status
    return line_status if line_status.casefold() in NO_CARD_STATUSES else ""


# Line statuses (canonical, see client.parse) that show a card made, whatever its order's status says.
_CARD_MADE = ("complete", "shipped", "delivered")


def _takes_no_row(vendor_order: VendorOrder, index: int) -> str:
    """The vendor's status when its line ``index`` may not take a row: it is Failed or Cancelled, or its
    order is and the line does not show its card made (a row recorded there would show ordered and never be
    sent); else "". A line Shipped (or Complete, Delivered) of a Failed order holds its card."""
    if holds_no_card(vendor_order, index):
        return vendor_order.line_items[index].status
    if vendor_order.line_items[index].status.casefold() in _CARD_MADE:
        return ""
    return vendor_order.status if vendor_order.status.casefold() in NO_CARD_STATUSES else ""


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


# -- what the vendor shows ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sighting:
    """One PO number asked of the vendor: found, provably absent, or unknown (``why``)."""

    order: VendorOrder | None
    absent: bool
    why: str = ""

    def describe(self, po: str) -> str:
        if self.order is not None:
            o = self.order
            lines = len(o.line_items)
            return f"the vendor holds PO {po}: order {o.id} ({o.status or 'no status'}), {lines} line(s)"
        if self.absent:
            return f"the vendor holds no order with PO {po} (its order list is complete)"
        return f"the vendor cannot show whether it holds PO {po} ({self.why})"


@dataclass
class VendorView:
    """The vendor's orders of the batch's PO range (any prefix, follow-ups), those elsewhere this ledger does
    not know, whether the list is provably complete, and each PO asked about."""

    in_range: list[VendorOrder]
    elsewhere: list[VendorOrder]
    complete: bool
    why_incomplete: str
    sightings: dict[str, Sighting] = field(default_factory=dict)


# What the vendor's order list showed, for the read-only review (its web page is viewed again and again):
# reused for LISTING_REUSE_S. A settlement or a release always reads the vendor afresh.
LISTING_REUSE_S = 30.0
_LISTINGS: dict[tuple[Any, ...], tuple[float, list[VendorOrder], bool, str]] = {}
_LISTINGS_KEPT = 8


async def look_at_vendor(
    client: Any, ledger: Ledger, batch: str, po_numbers: Sequence[str], *, reuse_s: float = 0.0
) -> VendorView:
    """A read of the vendor's order list, and a look-up by PO of each of ``po_numbers`` it cannot settle.
    ``reuse_s``: a read of the same list (same API, batch, waiting rows) at most that old is reused."""
    record = ledger.batch(batch)
    prefix = record.po_prefix if record else ""
    pattern = batch_orders_pattern(prefix, batch)
    external_ids = {r.external_id for r in ledger.batch_rows(batch) if r.status == "review" and r.external_id}

    def keep(raw: Any) -> bool:  # only these are read in full: the batch's, and any with a waiting row's id
        if pattern.fullmatch(po_number_of(raw)) or po_number_of(raw) in po_numbers:
            return True
        return any(text(li, "ExternalId") in external_ids for li in items(raw, "LineItems"))

    key = (getattr(client, "base_url", id(client)), str(ledger.path), batch, prefix, frozenset(external_ids),
           frozenset(po_numbers))  # fmt: skip
    kept = _LISTINGS.get(key)
    if kept is not None and reuse_s > 0 and time.monotonic() - kept[0] <= reuse_s:
        orders, complete, why = list(kept[1]), kept[2], kept[3]
    else:
        try:
            listing = await client.order_listing(keep=keep)
            orders, complete, why = list(listing.orders), bool(listing.complete), listing.why_incomplete
            _LISTINGS[key] = (time.monotonic(), orders, complete, why)
            while len(_LISTINGS) > _LISTINGS_KEPT:
                _LISTINGS.pop(next(iter(_LISTINGS)))
        except VendorError as exc:
            orders, complete, why = [], False, f"reading it failed: {exc.message}"
    left_out = _known_orders_left_out(ledger, batch, orders)
    if complete and left_out:
        complete, why = False, left_out
    theirs = {o.po_number for o in ledger.orders() if o.batch != batch}  # another batch of this ledger
    in_range = [o for o in orders if pattern.fullmatch(o.po_number) and o.po_number not in theirs]
    elsewhere = [o for o in orders if not pattern.fullmatch(o.po_number) and o.po_number not in theirs]
    view = VendorView(in_range, elsewhere, complete, why)
    for po in po_numbers:
        found = next((o for o in orders if o.po_number == po), None)
        if found is not None or complete:
            view.sightings[po] = Sighting(found, absent=found is None)
            continue
        try:
            look = await client.look_up_order(po)
            view.sightings[po] = Sighting(look.order, look.absent, look.why_unknown)
        except VendorError as exc:
            view.sightings[po] = Sighting(None, False, f"looking it up failed: {exc.message}")
    return view


def _known_orders_left_out(ledger: Ledger, batch: str, listed: Sequence[VendorOrder]) -> str:
    """Why a listing that ends cleanly still cannot be complete: it leaves out an order of the batch this
    ledger records at the vendor, or shows fewer of its lines (recent orders only, headers only)."""
    shown = {o.po_number: o for o in listed}
    for record in ledger.orders(batch=batch):
        if record.state != "created" and not record.vendor_order_id:
            continue
        seen = shown.get(record.po_number)
        if seen is None:
            return f"it leaves out order {record.po_number}, which this ledger records at the vendor"
        if len(seen.line_items) < record.lines:
            return (
                f"it shows {len(seen.line_items)} of the {record.lines} line(s) this ledger records for "
                f"order {record.po_number}"
            )
    return ""


def _tied_among(record: OrderRecord | None, rows: Sequence[RowRecord], vendor_order: VendorOrder) -> set[int]:
    """Positions of the vendor order's lines that rows of this ledger are tied to: by recorded line index, or
    taken by a row a person confirmed (see :func:`_free_lines`)."""
    if record is None or (record.vendor_order_id and record.vendor_order_id != vendor_order.id):
        return set()
    return set(range(len(vendor_order.line_items))) - set(_free_among(record, rows, vendor_order))


@dataclass
class Suspect:
    """Lines of one vendor order that may be some of the rows waiting, for one reason."""

    vendor_order: VendorOrder
    why: str
    lines: set[int] = field(default_factory=set)  # 1-based
    rows: set[int] | frozenset[int] = field(default_factory=set)  # spreadsheet row numbers

    def describe(self) -> str:
        o = self.vendor_order
        numbers = _shared_ranges(self.rows) if isinstance(self.rows, frozenset) else ranges(self.rows)
        where = f"line(s) {ranges(self.lines)} of {o.po_number} (order {o.id})"
        said = ""
        if o.status.casefold() in NO_CARD_STATUSES:  # the order's word alone proves nothing: holds_no_card
            said = (
                f" (the vendor shows the order {o.status}, but not these lines: ask the vendor whether their "
                "cards ship; once it shows them Failed or Cancelled they are no longer in the way)"
            )
        return f"{where} may be row(s) {numbers}: {self.why}{said}"


@functools.lru_cache(maxsize=64)
def _shared_ranges(numbers: frozenset[int]) -> str:
    """The rows of one card, written once for every vendor order whose blind lines may be them."""
    return ranges(numbers)


@dataclass
class _RowIndex:
    """The rows waiting, indexed once by what a vendor line may share with them."""

    by_id: dict[str, list[RowRecord]] = field(default_factory=dict)
    by_card: dict[Card, frozenset[int]] = field(default_factory=dict)  # row numbers
    by_card_name: dict[tuple[Card, str], list[RowRecord]] = field(default_factory=dict)

    @classmethod
    def of(cls, rows: Sequence[RowRecord], items: dict[str, dict[str, Any]]) -> _RowIndex:
        index = cls()
        cards: dict[Card, set[int]] = {}
        for row in rows:
            item = items.get(row.fingerprint)
            if item is None:
                continue
            if row.external_id:
                index.by_id.setdefault(row.external_id, []).append(row)
            card = card_of_item(item)
            if card is not None:
                cards.setdefault(card, set()).add(row.row)
                index.by_card_name.setdefault((card, _fold(_name_of_item(item))), []).append(row)
        index.by_card = {card: frozenset(numbers) for card, numbers in cards.items()}
        return index


def suspects(
    ledger: Ledger, view: VendorView, rows: Sequence[RowRecord], items: dict[str, dict[str, Any]]
) -> list[Suspect]:
    """The vendor lines, of the batch's PO range or (by ExternalId) elsewhere, that may be one of ``rows``
    (never a proof that they are), by vendor order and reason: a line carrying the row's ExternalId; of the
    same card for the same name (it shows a recipient: the row may have been edited); of the same card,
    showing no identity and tied to no row. A line the vendor shows Failed or Cancelled holds no card.
    The rows are indexed once and each vendor line looked up in the index: linear in lines plus rows, not
    their product (10,000 rows of one card waiting, 2,500 orders of the batch)."""
    index = _RowIndex.of(rows, items)
    found: dict[tuple[str, str, str], Suspect] = {}

    def suspect(vendor_order: VendorOrder, why: str) -> Suspect:
        return found.setdefault((vendor_order.po_number, vendor_order.id, why), Suspect(vendor_order, why))

    def by_reference(vendor_order: VendorOrder, at: int) -> set[str]:
        ext = vendor_order.line_items[at].external_id
        matched = index.by_id.get(ext, []) if ext else []
        for row in matched:
            one = suspect(vendor_order, f"it carries the row's ExternalId ({ext})")
            one.lines.add(at + 1)
            one.rows.add(row.row)  # type: ignore[union-attr]  # built as a set
        return {row.fingerprint for row in matched}

    batch = rows[0].batch if rows else ""
    records = {o.po_number: o for o in ledger.orders(batch=batch)}
    recorded = [o.po_number for o in view.in_range if o.po_number in records]
    on_order: dict[str, list[RowRecord]] = {}
    for row in ledger.rows_on_orders(recorded) if recorded else []:
        on_order.setdefault(row.po_number or "", []).append(row)
    for vendor_order in view.in_range:
        po = vendor_order.po_number
        tied = _tied_among(records.get(po), on_order.get(po, []), vendor_order)
        for at, line in enumerate(vendor_order.line_items):
            if holds_no_card(vendor_order, at):
                continue
            taken = by_reference(vendor_order, at)
            card = _line_card(vendor_order, at)
            name = _line_name(vendor_order, at)
            if name is not None:  # it shows a recipient: the same card for the same name may be an edited row
                same = [
                    r for r in index.by_card_name.get((card, _fold(name)), []) if r.fingerprint not in taken
                ]
                if same:
                    one = suspect(vendor_order, f"the same card ({card_text(card)}) for the same name")
                    one.lines.add(at + 1)
                    one.rows.update(r.row for r in same)  # type: ignore[union-attr]  # built as a set
            elif not line.external_id and at not in tied and card in index.by_card:
                why = f"the same card ({card_text(card)}), showing no recipient, and tied to no row"
                one = suspect(vendor_order, why)
                one.lines.add(at + 1)
                one.rows = index.by_card[card]  # every row of the card, shared
    for vendor_order in view.elsewhere:
        for at in range(len(vendor_order.line_items)):
            if not holds_no_card(vendor_order, at):
                by_reference(vendor_order, at)
    return list(found.values())


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


# -- what waits ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WaitingRow:
    row: int
    fingerprint: str
    external_id: str
    card: str
    name: str
    why: str
    in_file: bool  # in the file of the latest run


@dataclass(frozen=True)
class ReleaseCheck:
    """Whether the rows of one PO may be released now, and how."""

    blockers: tuple[str, ...]
    same_po: bool  # the whole order goes out again under its PO, with its stored payload
    absent: bool  # the vendor provably holds no order with this PO
    suspects: tuple[Suspect, ...] = field(default=(), compare=False)  # vendor lines that may be the rows

    @property
    def allowed(self) -> bool:
        return not self.blockers


@dataclass(frozen=True)
class ReviewGroup:
    """The rows waiting on one PO number, and what the vendor shows."""

    po_number: str
    state: str  # the order's state in the ledger
    rows: tuple[WaitingRow, ...]
    vendor: str  # what the vendor shows for this PO
    vendor_order_id: str
    maybe: tuple[str, ...]  # vendor lines of the batch that may be these rows
    release: ReleaseCheck
    at_vendor: str = ""  # a --at-vendor command the vendor's answer now allows ("" when none is known)
    not_ours: str = ""  # a --release --not-ours command the vendor's answer now allows ("" when none)

    def as_json(self) -> dict[str, Any]:
        return {
            "po_number": self.po_number,
            "order_state": self.state,
            "rows": [r.__dict__ for r in self.rows],
            "vendor": self.vendor,
            "vendor_order_id": self.vendor_order_id or None,
            "maybe_at_vendor": list(self.maybe),
            "release_possible": self.release.allowed,
            "release_refused_because": list(self.release.blockers),
            "release_same_po": self.release.same_po,
            "at_vendor_command": self.at_vendor or None,
            "release_not_ours_command": self.not_ours or None,
        }


@dataclass(frozen=True)
class ReviewReport:
    batch: str
    groups: tuple[ReviewGroup, ...]
    vendor_orders: int  # the vendor's orders of the batch's PO range
    list_complete: bool
    why_incomplete: str = ""

    @property
    def rows_waiting(self) -> int:
        return sum(len(g.rows) for g in self.groups)

    def as_json(self) -> dict[str, Any]:
        return {
            "batch": self.batch,
            "rows_waiting": self.rows_waiting,
            "vendor_orders_of_batch": self.vendor_orders,
            "vendor_list_complete": self.list_complete,
            "vendor_list_incomplete_because": self.why_incomplete or None,
            "groups": [g.as_json() for g in self.groups],
        }


def waiting_rows(ledger: Ledger, batch: str) -> dict[str, list[RowRecord]]:
    """The batch's rows in review, by the PO they wait on (in row order)."""
    groups: dict[str, list[RowRecord]] = {}
    for row in ledger.batch_rows(batch):
        if row.status == "review" and row.po_number:
            groups.setdefault(row.po_number, []).append(row)
    return groups


def check_release(
    ledger: Ledger, order: OrderRecord, rows: Sequence[RowRecord], view: VendorView
) -> ReleaseCheck:
    """What stands in the way of releasing ``rows`` (waiting on ``order``), by what the vendor shows."""
    po = order.po_number
    sighting = view.sightings.get(po) or Sighting(None, False, "not asked")
    blockers: list[str] = []
    if not view.complete:
        blockers.append(
            f"the vendor's order list cannot be read in full ({view.why_incomplete}), so it cannot show that "
            "these rows are not there"
        )
    if sighting.order is None and not sighting.absent:
        blockers.append(sighting.describe(po))
    if order.state in OPEN_STATES and sighting.order is not None:
        blockers.append(
            f"{sighting.describe(po)}: it may be this order, sent before; see whether these rows are in it"
        )
    items: dict[str, dict[str, Any]] = {}
    for row in rows:
        item = planned_item(order, row)
        if item is None or card_of_item(item) is None:
            blockers.append(f"row {row.row}: this ledger holds no record of what it would send")
        else:
            items[row.fingerprint] = item
    found = suspects(ledger, view, rows, items)
    blockers.extend(suspect.describe() for suspect in found)
    same_po = (
        order.state in ("review", *OPEN_STATES) and sighting.absent and _whole_order(ledger, order, rows)
    )
    if order.state not in ("review", "created") and not same_po:
        # its stored payload, which holds these rows, may still go out under its own PO number
        blockers.append(
            f"order {po} is {order.state} and its stored payload holds other rows too: re-run `bulkship run` "
            "for this batch first, which settles it with its own PO number"
        )
    return ReleaseCheck(tuple(dict.fromkeys(blockers)), same_po, sighting.absent, tuple(found))


def _whole_order(ledger: Ledger, order: OrderRecord, rows: Sequence[RowRecord]) -> bool:
    """Whether ``rows`` are exactly the rows of the order's stored payload, every one of them waiting."""
    items = line_items(order)
    on_order = ledger.rows_by_po(order.po_number)
    return (
        {r.fingerprint for r in on_order} == {r.fingerprint for r in rows}
        and all(r.status == "review" for r in on_order)
        and sorted(r.line_index for r in on_order if r.line_index is not None) == list(range(len(items)))
        and len(on_order) == len(items)
    )


async def review(ledger: Ledger, client: Any, batch: str) -> ReviewReport:
    """The batch's rows waiting for review, by PO, with what the vendor shows (see the module docstring)."""
    _require_batch(ledger, batch)
    groups = waiting_rows(ledger, batch)
    if not groups:
        return ReviewReport(batch, (), 0, True)
    view = await look_at_vendor(client, ledger, batch, list(groups), reuse_s=LISTING_REUSE_S)
    current = {r.fingerprint for r in ledger.batch_rows(batch, current_only=True)}
    found: list[ReviewGroup] = []
    for po, rows in groups.items():
        order = ledger.order(po)
        if order is None:
            continue
        shown = []
        for row in rows:
            item = planned_item(order, row)
            shown.append(
                WaitingRow(row.row, row.fingerprint, row.external_id or "", card_text(card_of_item(item)),
                           _name_of_item(item), row.error or "", row.fingerprint in current)
            )  # fmt: skip
        sighting = view.sightings[po]
        check = check_release(ledger, order, rows, view)
        found.append(
            ReviewGroup(
                po,
                order.state,
                tuple(shown),
                sighting.describe(po),
                sighting.order.id if sighting.order else "",
                tuple(s.describe() for s in check.suspects),
                check,
                at_vendor_command(ledger, batch, order, rows, view, check),
                "" if check.allowed else not_ours_command(ledger, batch, order, rows, view, check),
            )
        )
    return ReviewReport(batch, tuple(found), len(view.in_range), view.complete, view.why_incomplete)


# -- what a person names -----------------------------------------------------------------------------------


def parse_rows(text: str | None) -> list[int]:
    """``"3,4,7-9"`` -> [3, 4, 7, 8, 9]: spreadsheet row numbers, as the result workbook shows them."""
    if not text:
        return []
    found: list[int] = []
    for part in text.split(","):
        match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", part)
        if match is None:
            raise ConfigError(f"--rows {text!r}: write row numbers as 3,4,7-9")
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        if last < first or last - first > 100_000:
            raise ConfigError(f"--rows {text!r}: {part.strip()} is not a range of rows")
        found.extend(range(first, last + 1))
    return found


def parse_pos(text: str | None) -> list[str]:
    """``"BS-A-0001, BS-A-0002"`` -> the PO numbers."""
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _require_batch(ledger: Ledger, batch: str) -> None:
    if ledger.batch(batch) is None:
        known = ", ".join(b.name for b in ledger.batches()) or "none yet"
        raise ReviewRefusedError(
            f"No batch named {batch!r} in the ledger {ledger.path} (batches: {known})",
            hint="run `bulkship status` to list batches, or pass --ledger PATH",
        )


# -- settling -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tie:
    row: int
    fingerprint: str
    line: int | None  # the vendor line's position; None when a person confirmed the row (no line shows it)
    how: str


@dataclass(frozen=True)
class Resolution:
    """A settlement, as planned (shown for confirmation) and, once ``applied``, recorded."""

    batch: str
    po_number: str
    action: str  # "at-vendor" | "release"
    vendor_po: str = ""
    vendor_order_id: str = ""
    tied: tuple[Tie, ...] = ()
    released: tuple[int, ...] = ()  # row numbers
    same_po: bool = False
    waiting: tuple[tuple[int, str], ...] = ()  # rows that keep waiting, and why
    evidence: str = ""
    applied: bool = False
    notes: tuple[str, ...] = ()  # e.g. the result workbook rewritten

    def describe(self) -> list[str]:
        if self.action == "release":
            rows = ", ".join(str(r) for r in self.released)
            how = (
                f"the next `bulkship run` sends order {self.po_number} as stored (the same PO number)"
                if self.same_po
                else "the next `bulkship run` plans them in a new order"
            )
            return [f"Release row(s) {rows} of {self.po_number}: {self.evidence}; {how}."]
        lines = [
            f"Row {t.row} -> ordered in {self.vendor_po} (order {self.vendor_order_id})"
            + (f", line {t.line + 1}" if t.line is not None else "")
            + f": {t.how}"
            for t in self.tied
        ]
        lines.extend(f"Row {row} keeps waiting for review: {why}" for row, why in self.waiting)
        return lines

    def digest(self) -> str:
        """What a person is shown and confirms, as one short code: the action, the vendor order, every row
        tied (and to which line, how), released or left waiting, and whether under the same PO. A plan
        recorded after a confirmation must have the digest of the plan that was shown. The vendor's words
        (an order's status in the evidence, why a row keeps waiting) may change meanwhile without changing
        what is recorded, so they are not part of it."""
        ties = [[t.row, t.fingerprint, t.line, t.how] for t in self.tied]
        shown = [self.batch, self.po_number, self.action, self.vendor_po, self.vendor_order_id, ties,
                 list(self.released), self.same_po, sorted(row for row, _why in self.waiting)]  # fmt: skip
        return hashlib.sha256(json.dumps(shown).encode()).hexdigest()[:32]

    def as_json(self) -> dict[str, Any]:
        return {
            "batch": self.batch,
            "po_number": self.po_number,
            "action": self.action,
            "applied": self.applied,
            "vendor_po": self.vendor_po or None,
            "vendor_order_id": self.vendor_order_id or None,
            "tied": [t.__dict__ for t in self.tied],
            "released_rows": list(self.released),
            "same_po": self.same_po,
            "still_waiting": [{"row": r, "why": w} for r, w in self.waiting],
            "evidence": self.evidence or None,
            "describe": self.describe(),
            "notes": list(self.notes),
        }


Confirm = Callable[[Resolution], bool]


def default_person() -> str:
    """Who settles, when nobody says: the account running bulkship."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown user"


def _refuse(message: str, hint: str | None = None) -> ReviewRefusedError:
    return ReviewRefusedError(message + ". Nothing was changed", hint=hint)


def _waiting_on(ledger: Ledger, batch: str, po: str) -> tuple[OrderRecord, list[RowRecord]]:
    _require_batch(ledger, batch)
    order = ledger.order(po)
    rows = waiting_rows(ledger, batch).get(po, [])
    if order is None or order.batch != batch or not rows:
        pos = ", ".join(waiting_rows(ledger, batch)) or "none"
        raise _refuse(
            f"No rows of batch {batch!r} wait for review on PO {po} (POs with rows waiting: {pos})",
            hint=f"list them: bulkship reconcile {batch} --review",
        )
    return order, rows


async def release(
    ledger: Ledger,
    client: Any,
    batch: str,
    po: str,
    *,
    by: str,
    reason: str = "",
    not_ours: Sequence[str] = (),
    confirm: Confirm | None = None,
) -> Resolution:
    """Release the rows waiting on ``po`` to be sent, when the vendor provably holds none of them.
    ``not_ours``: PO numbers of vendor orders the person says are another batch's (only orders whose PO only
    may be this batch's, e.g. ``BS-GIFTS-STAFF-0001`` for batch ``staff``): their lines are not looked at."""
    order, rows = _waiting_on(ledger, batch, po)
    view = await look_at_vendor(client, ledger, batch, [po])
    _check_not_ours(ledger, batch, view, not_ours)
    view = _set_aside(
        view,
        [o.po_number for o in view.in_range if o.po_number.casefold() in {p.casefold() for p in not_ours}],
    )
    check = check_release(ledger, order, rows, view)
    if not check.allowed:
        raise _refuse(
            f"Cannot release the {len(rows)} row(s) waiting on {po}: " + "; ".join(check.blockers),
            hint=_release_hint(ledger, batch, order, rows, view, check),
        )
    aside = f"; set aside as another batch's by {by}: {', '.join(not_ours)}" if not_ours else ""
    evidence = (
        f"the vendor's order list is complete ({len(view.in_range)} order(s) of this batch) and none of "
        f"their lines can be these rows; {view.sightings[po].describe(po)}{aside}"
    )
    plan = Resolution(
        batch, po, "release", released=tuple(r.row for r in rows), same_po=check.same_po, evidence=evidence
    )
    if confirm is not None and not confirm(plan):
        return plan
    detail = {"by": by, "reason": reason, "rows": list(plan.released), "evidence": evidence}
    if not_ours:
        detail["not_ours"] = list(not_ours)
    ledger.release_review(
        batch,
        po,
        [r.fingerprint for r in rows],
        same_po=check.same_po,
        detail=detail,
        absent=check.absent,
        not_ours=po.casefold() in {p.casefold() for p in not_ours},
    )
    return Resolution(**{**plan.__dict__, "applied": True})


# -- next steps the vendor's answer allows (hints never suggest a command that would be refused) -------------


def _confirm_command(
    ledger: Ledger,
    batch: str,
    own: OrderRecord,
    rows: Sequence[RowRecord],
    vendor_order: VendorOrder,
    nameable: Sequence[int],
    reference: str,
) -> str:
    """The ``--at-vendor ... --rows`` command for the rows a person could confirm in ``vendor_order``."""
    if not nameable:
        return ""
    command = f"bulkship reconcile {batch} --resolve {own.po_number} --at-vendor {reference} --rows"
    try:
        tie_rows(ledger, own, rows, vendor_order, set(nameable), "check")
    except ReviewRefusedError:  # more rows than lines: the person names the ones they found
        room = sum(
            1
            for i in _free_lines(ledger, vendor_order)
            if not _takes_no_row(vendor_order, i) and not vendor_order.line_items[i].external_id
        )
        return f"{command} N,N (at most {room} of rows {ranges(nameable)}: the ones you found in it)"
    return f"{command} {','.join(map(str, nameable))}"


def at_vendor_command(
    ledger: Ledger,
    batch: str,
    own: OrderRecord,
    rows: Sequence[RowRecord],
    view: VendorView,
    check: ReleaseCheck,
) -> str:
    """An ``--at-vendor`` command for the rows waiting on ``own`` that the vendor's answer now allows: into
    the vendor's order of the same PO, or one whose lines may be them; "" when none would be accepted."""
    sighting = view.sightings.get(own.po_number)
    candidates = [sighting.order] if sighting and sighting.order else []
    candidates += [s.vendor_order for s in check.suspects]
    seen: set[str] = set()
    for vendor_order in candidates:
        if vendor_order.id in seen or len(seen) >= 3:
            continue
        seen.add(vendor_order.id)
        try:
            _check_target(ledger, batch, own, vendor_order)
            _refuse_no_card_order(batch, own.po_number, vendor_order)
            ties, _left, nameable = tie_rows(ledger, own, rows, vendor_order, set(), "check")
        except ReviewRefusedError:
            continue
        if nameable:
            return _confirm_command(ledger, batch, own, rows, vendor_order, nameable, vendor_order.id)
        if ties:
            return f"bulkship reconcile {batch} --resolve {own.po_number} --at-vendor {vendor_order.id}"
    return ""


def _loose_orders(ledger: Ledger, batch: str, orders: Sequence[VendorOrder]) -> list[VendorOrder]:
    """Of ``orders``, those whose PO only may be the batch's: ``BS-GIFTS-STAFF-0001`` for batch ``staff``
    (under a two-part prefix ``BS-GIFTS``), or batch ``gifts-staff``'s, run with another ledger."""
    record = ledger.batch(batch)
    strict = batch_orders_pattern(record.po_prefix if record else "", batch, strict=True)
    return [o for o in orders if not strict.fullmatch(o.po_number)]


def not_ours_command(
    ledger: Ledger,
    batch: str,
    own: OrderRecord,
    rows: Sequence[RowRecord],
    view: VendorView,
    check: ReleaseCheck,
) -> str:
    """A ``--release --not-ours PO,PO`` command when the only vendor lines in the way of the release are of
    orders that only may be the batch's (:func:`_loose_orders`); "" otherwise."""
    in_range = {o.id for o in view.in_range}
    loose = _loose_orders(
        ledger, batch, [s.vendor_order for s in check.suspects if s.vendor_order.id in in_range]
    )
    pos = list(dict.fromkeys(o.po_number for o in loose))
    if not pos or not check_release(ledger, own, rows, _set_aside(view, pos)).allowed:
        return ""
    return f"bulkship reconcile {batch} --resolve {own.po_number} --release --not-ours {','.join(pos)}"


def _set_aside(view: VendorView, po_numbers: Sequence[str]) -> VendorView:
    """The view with ``po_numbers`` set aside as another batch's: still looked at by ExternalId, as every
    order elsewhere is (a line carrying a row's ExternalId may be that row: a person's word that its order
    is another batch's does not make it not the row)."""
    kept = [o for o in view.in_range if o.po_number not in po_numbers]
    aside = [o for o in view.in_range if o.po_number in po_numbers]
    return VendorView(kept, [*view.elsewhere, *aside], view.complete, view.why_incomplete, view.sightings)


def _release_hint(
    ledger: Ledger,
    batch: str,
    order: OrderRecord,
    rows: Sequence[RowRecord],
    view: VendorView,
    check: ReleaseCheck,
) -> str:
    hints = []
    if alternative := not_ours_command(ledger, batch, order, rows, view, check):
        hints.append(
            "if the vendor orders named are another batch's (e.g. one run with another ledger on this "
            f"account): {alternative}"
        )
    if command := at_vendor_command(ledger, batch, order, rows, view, check):
        hints.append(f"if they are at the vendor: {command}")
    if not hints and not view.complete:
        hints.append("try again once the vendor's whole order list can be read")
    return "; ".join(hints) or f"see what the vendor shows for them: bulkship reconcile {batch} --review"


def _check_not_ours(ledger: Ledger, batch: str, view: VendorView, not_ours: Sequence[str]) -> None:
    """Orders a person sets aside as another batch's must be vendor orders that only may be this batch's."""
    record = ledger.batch(batch)
    strict = batch_orders_pattern(record.po_prefix if record else "", batch, strict=True)
    listed = {o.po_number.casefold() for o in view.in_range}
    for po in not_ours:
        if strict.fullmatch(po):
            raise _refuse(
                f"--not-ours {po}: its PO number is batch {batch!r}'s own beyond doubt, so it cannot be set "
                "aside"
            )
        if po.casefold() not in listed:
            raise _refuse(
                f"--not-ours {po}: the vendor shows no order with that PO among those that may be this "
                "batch's"
            )


async def fetch_vendor_order(client: Any, ledger: Ledger, batch: str, reference: str) -> VendorOrder:
    """The vendor order a person named, by PO number (the batch's) or by the vendor's Id."""
    record = ledger.batch(batch)
    pattern = batch_orders_pattern(record.po_prefix if record else "", batch)
    if pattern.fullmatch(reference):
        look = await client.look_up_order(reference)
        if look.order is None:
            seen = "holds no such order" if look.absent else f"cannot show it ({look.why_unknown})"
            raise _refuse(f"The vendor {seen}: PO {reference}")
        found: VendorOrder = look.order
        return found
    try:
        order: VendorOrder = await client.get_order(reference)
    except NotFoundError:
        raise _refuse(f"The vendor has no order with Id {reference}") from None
    return order


def _check_target(
    ledger: Ledger, batch: str, own: OrderRecord, vendor_order: VendorOrder
) -> OrderRecord | None:
    """The ledger's record of the named vendor order (None: not in the ledger yet), once it may take rows."""
    record = ledger.batch(batch)
    vpo = vendor_order.po_number
    pattern = batch_orders_pattern(record.po_prefix if record else "", batch, strict=True)
    if not vpo or not pattern.fullmatch(vpo):
        raise _refuse(
            f"Vendor order {vendor_order.id} (PO {vpo or 'not shown'}) is not one of batch {batch!r}'s "
            "orders beyond doubt (its PO numbers are <PREFIX>-<BATCH>-<NUMBER>, with a one-part prefix when "
            "not the batch's own: the PO may be another batch's whose name ends like this one's)"
        )
    other = ledger.order_by_vendor_id(vendor_order.id)
    if other is not None and other.po_number != vpo:
        raise _refuse(f"Vendor order {vendor_order.id} is recorded in this ledger as PO {other.po_number}")
    target = ledger.order(vpo)
    if target is not None and target.batch != batch:
        raise _refuse(f"PO {vpo} belongs to batch {target.batch!r} in this ledger")
    if target is not None and target.vendor_order_id and target.vendor_order_id != vendor_order.id:
        raise _refuse(f"PO {vpo} is recorded as vendor order {target.vendor_order_id}, not {vendor_order.id}")
    if vpo == own.po_number:
        return target
    if own.state not in ("review", "created"):
        raise _refuse(
            f"Order {own.po_number} is {own.state}: its stored payload, which holds these rows, may still be "
            "sent under its own PO number, so its rows cannot be tied to another order",
            hint="re-run the same `bulkship run` command first, which settles it with its own PO number",
        )
    if target is not None and target.state not in ("created", "review"):
        raise _refuse(f"PO {vpo} is {target.state} in this ledger; settle it first (re-run `bulkship run`)")
    return target


def _refuse_no_card_order(batch: str, po: str, vendor_order: VendorOrder) -> None:
    """An order the vendor shows Failed or Cancelled, none of whose lines shows its card made, holds no
    card: no row is recorded ordered in it."""
    lines = range(len(vendor_order.line_items))
    failed = vendor_order.status.casefold() in NO_CARD_STATUSES
    if failed and all(_takes_no_row(vendor_order, i) for i in lines):
        raise _refuse(
            f"Vendor order {vendor_order.id} (PO {vendor_order.po_number}) is {vendor_order.status} at the "
            "vendor: it holds no card, so no row can be recorded as ordered in it",
            hint=f"see whether the rows can be released to be sent (--resolve {po} --release): "
            f"bulkship reconcile {batch} --review",
        )


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
    confirmed: list[Card | None] = []
    for row in rows:
        if row.status != "ordered":
            continue
        by_id = [i for i in free if vendor_order.line_items[i].external_id == (row.external_id or "")]
        if shows_ids and by_id:
            free.remove(by_id[0])
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


def _recorded_send(ledger: Ledger, own: OrderRecord, vendor_order: VendorOrder) -> bool:
    """The vendor's order is our own lost send of exactly the stored payload: same PO, sent and not answered,
    and every line the same card, in the same place."""
    if vendor_order.po_number != own.po_number or own.state not in OPEN_STATES:
        return False
    items = line_items(own)
    return len(items) == len(vendor_order.line_items) and all(
        same_line(item, vendor_order, i) for i, item in enumerate(items)
    )


def tie_rows(
    ledger: Ledger,
    own: OrderRecord,
    rows: Sequence[RowRecord],
    vendor_order: VendorOrder,
    confirmed: set[int],
    by: str,
) -> tuple[list[tuple[RowRecord, int | None, str]], list[tuple[int, str]], list[int]]:
    """Each row tied to a free vendor line with its proof, or by the person's confirmation; the rows left
    waiting, with why; and those of them the person could confirm (``--rows``). Lines the vendor shows
    Failed or Cancelled take no row. A confirmed row is tied to the line carrying its ExternalId with other
    content (the vendor holds the row as it was: recorded with that content), else to a free line of its
    card that shows no identity (no line index: nothing shows which)."""
    untied = _free_lines(ledger, vendor_order)
    free = [i for i in untied if not _takes_no_row(vendor_order, i)]
    dead = [i for i in untied if _takes_no_row(vendor_order, i)]
    lines = vendor_order.line_items
    shows_ids = any(li.external_id for li in lines)
    recorded = _recorded_send(ledger, own, vendor_order)
    ties: list[tuple[RowRecord, int | None, str]] = []
    left: list[tuple[int, str]] = []
    nameable: list[int] = []
    for row in rows:
        item = planned_item(own, row)
        if item is None:
            left.append((row.row, "this ledger holds no record of what it would send"))
            continue
        hit, how = None, ""
        if shows_ids:
            same_id = [i for i in free if lines[i].external_id == (row.external_id or "")]
            hit = next((i for i in same_id if same_line(item, vendor_order, i)), None)
            how = "its ExternalId, with the same card and recipient"
            if hit is None and same_id:
                index = same_id[0]
                held = f"{vendor_content(vendor_order, index)}; the file: {item_content(item)}"
                if row.row in confirmed:
                    free.remove(index)
                    ties.append((row, index, f"confirmed by {by}: {OLD_CONTENT} ({held})"))
                    continue
                left.append(
                    (
                        row.row,
                        f"line {index + 1} carries its ExternalId with another card or recipient ({held}); "
                        "if that line is this row as it was, name the row with --rows",
                    )
                )
                nameable.append(row.row)
                continue
        if hit is None:
            candidates = [i for i in free if not lines[i].external_id]
            hit = next((i for i in candidates if same_line(item, vendor_order, i, full_address=True)), None)
            how = "its full address, with the same card"
        if hit is None and recorded and not shows_ids and row.line_index in free:
            # like the run's match_lines: position is a proof only when no line shows a reference
            hit, how = (
                row.line_index,
                "our own recorded send of exactly this payload (same lines, same places)",
            )
        if hit is not None:
            free.remove(hit)
            ties.append((row, hit, how))
            continue
        card = card_of_item(item)
        blind = [i for i in free if _blind(vendor_order, i) and _line_card(vendor_order, i) == card]
        if not blind:
            why = (
                f"no line of this order not yet tied to a row can be it: none is its card "
                f"({card_text(card)}) without showing another identity"
            ) + _no_card_note(vendor_order, dead, row, card)
            if row.row in confirmed:
                raise _refuse(f"Row {row.row} cannot be in vendor order {vendor_order.id}: {why}")
            left.append((row.row, why))
            continue
        if row.row not in confirmed:
            why = (
                f"{len(blind)} line(s) of its card show no identity, so nothing shows which one (if any) is "
                "this row; name the row with --rows if you know it is in this order"
            )
            left.append((row.row, why))
            nameable.append(row.row)
            continue
        free.remove(blind[0])
        ties.append((row, None, f"confirmed by {by}: the vendor's lines of its card show no identity"))
    return ties, left, nameable


OLD_CONTENT = "the line carrying its ExternalId, recorded with the content the vendor holds"


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


def _old_content(own: OrderRecord, row: RowRecord, vendor_order: VendorOrder, index: int | None) -> bool:
    """The row is tied to a vendor line that holds other content than the row's (a person's confirmation)."""
    return index is not None and not same_line(planned_item(own, row), vendor_order, index)


def _no_card_note(vendor_order: VendorOrder, dead: Sequence[int], row: RowRecord, card: Card | None) -> str:
    """What the lines that may have been the row, but that the vendor shows Failed or Cancelled, say."""
    lines = vendor_order.line_items
    gone = [
        i
        for i in dead
        if (row.external_id and lines[i].external_id == row.external_id)
        or (not lines[i].external_id and _line_card(vendor_order, i) == card)
    ]
    if not gone:
        return ""
    status = _takes_no_row(vendor_order, gone[0])
    return (
        f"; line(s) {ranges([i + 1 for i in gone])} that may have been it the vendor shows {status}: they "
        "hold no card, so the row cannot be recorded as ordered there (release it to be sent instead)"
    )


def _rows_to_confirm(rows: Sequence[RowRecord], wanted: Sequence[int]) -> set[int]:
    numbers = [r.row for r in rows]
    unknown = sorted(set(wanted) - set(numbers))
    if unknown:
        raise _refuse(
            f"Row(s) {', '.join(map(str, unknown))} do not wait for review on this PO (rows waiting: "
            f"{', '.join(map(str, numbers))})"
        )
    twice = sorted({n for n in wanted if numbers.count(n) > 1})
    if twice:
        raise _refuse(f"Row number(s) {', '.join(map(str, twice))} name more than one waiting row")
    return set(wanted)


def _settled_payload(
    ledger: Ledger,
    own: OrderRecord,
    target: OrderRecord | None,
    vendor_order: VendorOrder,
    ties: Sequence[tuple[RowRecord, int | None, str]],
) -> dict[str, Any] | None:
    """The payload to store for the vendor order; None keeps the stored one. An order that was not our own
    send (new to the ledger, or held for review) gets what is known of its lines: ours where tied, the
    vendor's elsewhere. Rows without a line position (confirmed by a person, or still waiting on it) keep
    what they would send under :data:`~bulkship.ledger.REVIEW_ITEMS`."""
    replace = target is None or target.state == "review"
    unplaced = {row.fingerprint: planned_item(own, row) for row, index, _how in ties if index is None}
    if not replace and not unplaced:
        return None
    if replace:
        placed = {
            index: vendor_item(vendor_order, index)
            if _old_content(own, row, vendor_order, index)
            else planned_item(own, row)
            for row, index, _how in ties
            if index is not None
        }
        items = [
            placed.get(index)
            or {"ExternalId": line.external_id, "ProductId": line.product_id, "Value": str(line.value),
                "Quantity": line.quantity}
            for index, line in enumerate(vendor_order.line_items)
        ]  # fmt: skip
        payload: dict[str, Any] = {
            "Type": "PhysicalShipment",
            "PONumber": vendor_order.po_number,
            "LineItems": items,
        }
    else:
        payload = target.payload() if target is not None else {}
    kept = dict(payload.get(REVIEW_ITEMS) or {})
    if target is not None:
        tied = {row.fingerprint for row, _index, _how in ties}
        for r in ledger.rows_by_po(target.po_number):
            if r.status == "review" and r.fingerprint not in tied and (item := planned_item(target, r)):
                kept[r.fingerprint] = item
    kept.update({fp: item for fp, item in unplaced.items() if item is not None})
    if kept:
        payload[REVIEW_ITEMS] = kept
    return payload


async def settle_at_vendor(
    ledger: Ledger,
    client: Any,
    batch: str,
    po: str,
    reference: str,
    *,
    by: str,
    rows: Sequence[int] = (),
    reason: str = "",
    confirm: Confirm | None = None,
) -> Resolution:
    """The rows waiting on ``po`` are in the vendor order ``reference`` (its Id or PO number): tie them by
    proof, or by the person's confirmation for the ``rows`` no line can show (see the module docstring)."""
    own, waiting = _waiting_on(ledger, batch, po)
    confirmed = _rows_to_confirm(waiting, rows)
    vendor_order = await fetch_vendor_order(client, ledger, batch, reference)
    target = _check_target(ledger, batch, own, vendor_order)
    _refuse_no_card_order(batch, po, vendor_order)
    ties, left, nameable = tie_rows(ledger, own, waiting, vendor_order, confirmed, by)
    if not ties:
        command = _confirm_command(ledger, batch, own, waiting, vendor_order, nameable, reference)
        raise _refuse(
            f"None of the {len(waiting)} row(s) waiting on {po} can be tied to vendor order "
            f"{vendor_order.id} (PO {vendor_order.po_number}): "
            + "; ".join(f"row {r}: {why}" for r, why in left),
            hint=f"if you checked in the vendor's portal that it holds them: {command}"
            if command
            else f"see what the vendor shows for them, and whether they can be released: bulkship "
            f"reconcile {batch} --review",
        )
    plan = Resolution(
        batch, po, "at-vendor", vendor_order.po_number, vendor_order.id,
        tied=tuple(Tie(r.row, r.fingerprint, i, how) for r, i, how in ties), waiting=tuple(left),
    )  # fmt: skip
    if confirm is not None and not confirm(plan):
        return plan
    from_absent = False
    if vendor_order.po_number != po and own.state == "review":  # a held order left without rows is cancelled
        try:
            from_absent = bool((await client.look_up_order(po)).absent)
        except VendorError:
            from_absent = False
    vpo = vendor_order.po_number
    tied_rows = [
        _tied_row(vendor_order, own, row, index, how if _old_content(own, row, vendor_order, index) else "")
        for row, index, how in ties
    ]
    adopted = AdoptedOrder(
        vpo,
        order_seq(vpo),
        _FOLLOW_UP.sub("", vpo),
        vendor_order,
        {},
        tied_rows,
        note=f"found at the vendor by {by}",
    )
    detail = {
        "by": by,
        "reason": reason,
        "order_id": vendor_order.id,
        "vendor_po": vpo,
        "rows": [
            {"row": t.row, "line": None if t.line is None else t.line + 1, "how": t.how} for t in plan.tied
        ],
        "still_waiting": [row for row, _why in left],
    }
    payload = _settled_payload(ledger, own, target, vendor_order, ties)
    ledger.settle_review_at_vendor(
        batch, po, adopted, payload=payload, detail=detail, from_absent=from_absent
    )
    return Resolution(**{**plan.__dict__, "applied": True})


def _tied_row(
    vendor_order: VendorOrder, own: OrderRecord, row: RowRecord, index: int | None, old_content: str = ""
) -> AdoptedRow:
    """The row as recorded ordered; ``old_content`` (how it was tied) when the vendor holds other content
    than the row's, shown with the row (the result workbook's problems column)."""
    line = vendor_order.line_items[index] if index is not None else None
    return AdoptedRow(
        row.fingerprint,
        row.row,
        "ordered",
        row.external_id or "",
        line_index=index,
        line_item_id=(line.id or None) if line else None,
        cost=_cost(vendor_order, index, own, row),
        line_status=(line.status.lower() or None) if line else None,
        error=f"Ordered as the vendor holds it, not as this row now reads: {old_content}"
        if old_content
        else None,
    )


def _cost(vendor_order: VendorOrder, index: int | None, own: OrderRecord, row: RowRecord) -> Decimal | None:
    """The row's cost: its vendor line's, else a line's of the same card (a confirmed row), else planned."""
    if index is not None and vendor_order.line_items[index].cost is not None:
        return vendor_order.line_items[index].cost
    card = card_of_item(planned_item(own, row))
    same = [
        li.cost
        for li in vendor_order.line_items
        if li.cost is not None and (_fold(li.product_id), li.value, li.quantity) == card
    ]
    return same[0] if same else row.cost
