"""The vendor lines that may be rows waiting for review (:func:`suspects`, never a proof that they are), by
vendor order and reason, and the batch's vendor lines tied to no row that are none of them
(:func:`unclaimed_lines`): what a release must not send again. Read from a :class:`.vendorview.VendorView`."""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..ledger import Ledger, OrderRecord, RowRecord
from ..linecards import holds_no_card
from ..models import VendorOrder
from ..statuses import NO_CARD_STATUSES
from .lines import (
    Card,
    _fold,
    _line_card,
    _line_name,
    _name_of_item,
    _tied_among,
    card_of_item,
    card_text,
    ranges,
)
from .otheroffice import rows_it_may_be
from .vendorview import VendorView


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


def _recorded_in_range(
    ledger: Ledger, view: VendorView, batch: str
) -> tuple[dict[str, OrderRecord], dict[str, list[RowRecord]]]:
    """The ledger's orders of ``batch`` by PO number, and the rows recorded on those of them the vendor's
    view shows in the batch's range, by PO (read once for all of them)."""
    records = {o.po_number: o for o in ledger.orders(batch=batch)}
    recorded = [o.po_number for o in view.in_range if o.po_number in records]
    on_order: dict[str, list[RowRecord]] = {}
    for row in ledger.rows_on_orders(recorded) if recorded else []:
        on_order.setdefault(row.po_number or "", []).append(row)
    return records, on_order


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
        if vendor_order.po_number in view.set_aside:  # not another office's people of the same Employee IDs
            matched = rows_it_may_be(ledger, vendor_order, at, matched, items)
        for row in matched:
            one = suspect(vendor_order, f"it carries the row's ExternalId ({ext})")
            one.lines.add(at + 1)
            one.rows.add(row.row)  # type: ignore[union-attr]  # built as a set
        return {row.fingerprint for row in matched}

    records, on_order = _recorded_in_range(ledger, view, rows[0].batch if rows else "")
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


def unclaimed_lines(
    ledger: Ledger,
    view: VendorView,
    batch: str,
    found: Sequence[Suspect],
    *,
    claimed: Collection[str] = (),
) -> list[tuple[VendorOrder, list[int]]]:
    """The batch's vendor lines tied to no row that hold a card, by vendor order (positions): none of the
    ``found`` lines (the rows' cards as the file has them now, or lines that may be them), nor lines
    carrying ``claimed`` ExternalIds (folded: rows ordered elsewhere, whose lines are those rows' cards)."""
    records, on_order = _recorded_in_range(ledger, view, batch)
    seen = {(s.vendor_order.id, line) for s in found for line in s.lines}
    unclaimed = []
    for vendor_order in view.in_range:
        tied = _tied_among(records.get(vendor_order.po_number), on_order.get(vendor_order.po_number, []),
                           vendor_order)  # fmt: skip
        lines = [
            at
            for at in range(len(vendor_order.line_items))
            if at not in tied
            and not holds_no_card(vendor_order, at)
            and (vendor_order.id, at + 1) not in seen
            and vendor_order.line_items[at].external_id.casefold() not in claimed
        ]
        if lines:
            unclaimed.append((vendor_order, lines))
    return unclaimed


def other_cards(
    ledger: Ledger,
    view: VendorView,
    batch: str,
    found: Sequence[Suspect],
    *,
    claimed: Collection[str] = (),
) -> list[str]:
    """The batch's vendor lines tied to no row that hold a card (none of the rows' as the file has it now:
    those are ``found``), by vendor order, in words (:func:`unclaimed_lines`). After a lost ledger and a file
    whose amounts were edited since, the release was offered as "No card the vendor shows is theirs" beside
    the vendor's four lines of the same people's cards as first sent (found by review20): a release sent
    each a second card."""
    unclaimed = unclaimed_lines(ledger, view, batch, found, claimed=claimed)
    return [unclaimed_words(vendor_order, lines) for vendor_order, lines in unclaimed]


def unclaimed_words(vendor_order: VendorOrder, lines: Sequence[int]) -> str:
    """Lines of ``vendor_order`` (positions) tied to no row, in words."""
    cards: dict[str, int] = {}
    for at in lines:
        card = card_text(_line_card(vendor_order, at))
        cards[card] = cards.get(card, 0) + 1
    held = ", ".join(f"{card} x{n}" if n > 1 else card for card, n in list(cards.items())[:4])
    return (
        f"line(s) {ranges([at + 1 for at in lines])} of {vendor_order.po_number} (order "
        f"{vendor_order.id}) hold other cards ({held}{', ...' if len(cards) > 4 else ''}) and are tied to no "
        "row: if they are these rows as first sent (a card or amount edited since), those people have a card "
        "already and a release sends each a second one"
    )
