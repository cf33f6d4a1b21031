"""A line item the vendor split: one sent with Quantity 3 shown as three lines of 1 (or 2 + 1), each echoing
its ExternalId, perhaps each with its own status and parcel. Read line for line, the row took one piece: its
cost (a third of the charge, in every total) and its status (the piece the vendor cancelled while the others
shipped read "no card was made", and the next run sent the row's cards again; found by hunter-vendor4).

:func:`merge_split` puts such pieces back together into the one line that was sent, before lines are tied to
rows: only when proven (one line item sent under the ExternalId, every piece showing its card and amount,
their quantities adding up to the quantity sent). :func:`partial_line` tells a row's line that holds fewer
cards than were sent while the order shows more card lines than were sent: a piece nothing proves the rest
of (no ExternalId echoed); what it says is not taken for the row's own (fail closed). :func:`reissued` tells
a row's line ended without a card beside a line the vendor added to the order with the row's card, live (a
card made again: found by hunter-vendor4, the row read "no card was made" and was sent a second card)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .linematch import same_line
from .models import VendorLineItem, VendorOrder
from .statuses import NO_CARD_STATUSES, status_letters

# Line statuses that say a card was made (as ledger.tracking's, read without spaces); a piece in one of them
# makes the merged line a card made, never "no card".
_MADE = frozenset(
    {"shipped", "delivered", "returned", "returnedtosender", "undeliverable", "undelivered", "lost"}
    | {"partiallyshipped", "partiallydelivered", "partlyshipped", "complete"}
)
_RANK = {"complete": 1, "shipped": 2, "delivered": 3}
PARTLY = "PartiallyShipped"  # some pieces made, others not (yet, or ever): a card made, not sent again


def merge_split(vendor_order: VendorOrder, items: Sequence[Any]) -> VendorOrder:
    """``vendor_order`` with each proven split line item merged back into one line (at the place of its
    first piece; Id of the first piece; quantities and costs added; parcels of all); unchanged when none."""
    lines = list(vendor_order.line_items)
    if not any(li.external_id for li in lines):
        return vendor_order
    sent: dict[str, list[Any]] = {}
    for item in items:
        if isinstance(item, dict) and str(item.get("ExternalId") or "").strip():
            sent.setdefault(_fold(item.get("ExternalId")), []).append(item)
    groups: dict[str, list[int]] = {}
    for place, line in enumerate(lines):
        if line.external_id:
            groups.setdefault(_fold(line.external_id), []).append(place)
    merged: dict[int, VendorLineItem] = {}
    dropped: set[int] = set()
    refunded = Decimal(0)  # the cost of pieces ended without a card beside pieces that made one
    for key, places in groups.items():
        pieces = [lines[p] for p in places]
        if len(places) > 1 and len(sent.get(key, ())) == 1 and _pieces_of(sent[key][0], pieces):
            merged[places[0]] = _merged(pieces)
            dropped.update(places[1:])
            if any(not _ended(p) for p in pieces):
                refunded += sum((p.cost or Decimal(0) for p in pieces if _ended(p)), Decimal(0))
    if not merged:
        return vendor_order
    new_lines = tuple(merged.get(p, line) for p, line in enumerate(lines) if p not in dropped)
    total = vendor_order.total
    if total is not None and refunded and _cents(total) == _cents(_cost_of(vendor_order.card_lines)):
        total -= refunded  # a total that is its lines' sum stays so: the ended pieces charge nothing
    return dataclasses.replace(
        vendor_order, line_items=new_lines, raw=_raw_without(vendor_order, dropped), total=total
    )


def partial_line(line: Any, item: Any, vendor_order: VendorOrder, sent_count: int) -> bool:
    """Whether ``line``, tied to the row sent as ``item``, holds fewer cards than the row was sent with,
    in an order showing more card lines than the ``sent_count`` line items sent: a piece of a split line
    whose other pieces are not proven to be the row's."""
    if line is None or not isinstance(item, dict) or len(vendor_order.card_lines) <= sent_count:
        return False
    try:
        return line.quantity < int(item.get("Quantity") or 1)
    except (TypeError, ValueError):
        return False


def reissued(
    rows: Sequence[Any], matches: Sequence[Any], vendor_order: VendorOrder, items: Sequence[Any]
) -> list[Any]:
    """``matches`` with a row's line that ended without a card replaced by the line the vendor added with
    the row's card (its ExternalId too, when the vendor echoes them) that is still live or made a card,
    when the order shows more card lines than ``items`` sent, that line is no row's, and no other row's
    ended line has that card too; else the row's line unchanged, or None (not proven: kept as recorded)
    when such a line may be its card made again. ``rows``: each with ``line_index``, ``external_id`` and
    ``line_item_id``; ``items``: the order's line items as sent."""
    cards = vendor_order.card_lines
    if len(cards) <= len(items):
        return list(matches)
    echoed = any(li.external_id for li in vendor_order.line_items)
    held = {id(m) for m in matches if m is not None} | {r.line_item_id for r in rows if r.line_item_id}
    place = {id(li): n for n, li in enumerate(vendor_order.line_items)}
    added = [li for li in cards if id(li) not in held and li.id not in held and not _ended(li)]

    def candidates(row: Any) -> list[VendorLineItem]:
        index = row.line_index
        item = items[index] if index is not None and 0 <= index < len(items) else None
        return [
            li
            for li in added
            if same_line(item, vendor_order, place[id(li)])
            and (not echoed or _fold(li.external_id) == _fold(row.external_id))
        ]

    ended = [n for n, m in enumerate(matches) if m is not None and _ended(m)]
    found = {n: candidates(rows[n]) for n in ended}
    claims = Counter(id(li) for lines in found.values() for li in lines)
    result = list(matches)
    for n, lines in found.items():
        if len(lines) == 1 and claims[id(lines[0])] == 1:
            result[n] = lines[0]
        elif lines:
            result[n] = None
    return result


def one_word(matches: Sequence[Any], vendor_order: VendorOrder, items: Sequence[Any]) -> list[Any]:
    """``matches`` with each row no line is tied to given the order's word when every card line it shows
    says one status (ended without a card: Failed or Cancelled, no parcel; or Shipped, Delivered...) and
    they hold at least the cards ``items`` sent: whichever line is whose, that is each row's (its parcel
    unknown). A vendor echoing no ExternalId that showed a line in pieces, then every piece Cancelled, left
    both rows 'pending' and charged 209.95 for good, the order read at every track, nothing sent again: two
    people without a card, nothing said; every piece Delivered, 'pending' for good (found by
    hunter-vendor6)."""
    cards = vendor_order.card_lines
    said = {status_letters(li.status) for li in cards}
    if None not in matches or len(said) != 1 or "" in said or len(cards) < len(items):
        return list(matches)
    if said <= NO_CARD_STATUSES and not all(_ended(li) for li in cards):
        return list(matches)  # a card made before it was cancelled (a parcel): not the same word
    sent_ids = {_fold(item.get("ExternalId")) for item in items if isinstance(item, dict)}
    if any(li.external_id and _fold(li.external_id) not in sent_ids for li in cards):
        return list(matches)  # a line of a reference nobody sent: not proven to hold the rows' cards
    try:
        sent = sum(int(item.get("Quantity") or 1) for item in items)
    except (AttributeError, TypeError, ValueError):
        return list(matches)
    if sum(li.quantity for li in cards) < sent:
        return list(matches)
    word = VendorLineItem("", "", "", Decimal(0), 1, None, cards[0].status)
    return [word if line is None else line for line in matches]


def gone(
    rows: Sequence[Any], matches: Sequence[Any], vendor_order: VendorOrder, items: Sequence[Any]
) -> list[int]:
    """The places in ``rows`` of ordered rows, no card made yet, whose line the vendor's order no longer
    shows: it shows fewer card lines than ``items`` sent, and the row's is provably not among them (its
    ExternalId on none, the vendor echoing them on every card line; or its recorded line Id on none, the
    vendor showing every line's Id and another row's recorded one). Left 'pending', such a row read so
    forever, its money in every total beside the vendor's lower charge (found by hunter-vendor4)."""
    cards = vendor_order.card_lines
    if not cards or len(cards) >= len(items) or vendor_order.lines_partial:
        return []
    references = {_fold(li.external_id) for li in cards}
    line_ids = {li.id for li in cards}
    by_reference = all(li.external_id for li in cards)
    ids_stand = all(li.id for li in cards) and any(r.line_item_id in line_ids for r in rows)
    found = []
    for place, (row, line) in enumerate(zip(rows, matches, strict=True)):
        if (
            line is not None
            or row.status != "ordered"
            or status_letters(row.line_status) in _MADE | NO_CARD_STATUSES
        ):
            continue
        if (by_reference and row.external_id and _fold(row.external_id) not in references) or (
            not by_reference and ids_stand and row.line_item_id and row.line_item_id not in line_ids
        ):
            found.append(place)
    return found


def _ended(line: VendorLineItem) -> bool:
    """Ended without a card: Failed or Cancelled, no parcel."""
    return line.status.lower() in NO_CARD_STATUSES and not any(s.shows_parcel for s in line.shipments)


def _pieces_of(item: dict[str, Any], pieces: Sequence[VendorLineItem]) -> bool:
    """Every piece shows the item's card and amount, and their quantities add up to the item's."""
    try:
        quantity = int(item.get("Quantity") or 1)
        value = Decimal(str(item.get("Value")))
    except (ArithmeticError, TypeError, ValueError):
        return False
    product = _fold(item.get("ProductId"))
    return sum(p.quantity for p in pieces) == quantity and all(
        _fold(p.product_id) in ("", product) and p.value in (Decimal(0), value) for p in pieces
    )


def _merged(pieces: Sequence[VendorLineItem]) -> VendorLineItem:
    """One line of the pieces: quantities added, parcels of all, costs of those that made (or may make) a
    card: a piece ended without one charges nothing, as a whole line so ended does not. Counted, a piece of
    Q2 Cancelled beside two Delivered had status and the workbook say "charged 209.95" and reconcile "the
    vendor's orders cost 129.97" (found by hunter-vendor6)."""
    live = [p for p in pieces if not _ended(p)]
    costs = [p.cost for p in (live or pieces)]
    cost = None if any(c is None for c in costs) else sum((c or Decimal(0) for c in costs), Decimal(0))
    return dataclasses.replace(
        pieces[0],
        quantity=sum(p.quantity for p in pieces),
        shown_quantity=None
        if None in (shown := [p.shown_quantity for p in pieces])
        else sum(q or 0 for q in shown),
        cost=cost,
        status=_status_of(pieces),
        shipments=tuple(s for p in pieces for s in p.shipments),
    )


def _status_of(pieces: Sequence[VendorLineItem]) -> str:
    """One status for the pieces: theirs when they agree; a card made when any piece made one (the least
    advanced when all did, else partly shipped); else the first still to come; else the first's (every piece
    ended without a card)."""
    said = [p.status for p in pieces]
    if len({status_letters(s) for s in said}) == 1:
        return said[0]
    made = [
        p for p in pieces if status_letters(p.status) in _MADE or any(s.shows_parcel for s in p.shipments)
    ]
    if made and len(made) == len(pieces):
        ranked = [p.status for p in made if status_letters(p.status) in _RANK]
        return min(ranked, key=lambda s: _RANK[status_letters(s)]) if len(ranked) == len(made) else PARTLY
    if made:
        return PARTLY
    coming = [s for s in said if status_letters(s) not in NO_CARD_STATUSES]
    return coming[0] if coming else said[0]


def _raw_without(vendor_order: VendorOrder, dropped: set[int]) -> dict[str, object]:
    """The order's raw answer with the merged pieces' lines left out, so a line's raw record (its address)
    is still found at its place."""
    raw = dict(vendor_order.raw)
    for key, value in vendor_order.raw.items():
        if str(key).lower() == "lineitems" and isinstance(value, list):
            raw[key] = [line for place, line in enumerate(value) if place not in dropped]
    return raw


def _cost_of(lines: Sequence[VendorLineItem]) -> Decimal | None:
    costs = [li.cost for li in lines]
    return None if None in costs else sum((c or Decimal(0) for c in costs), Decimal(0))


def _cents(amount: Decimal | None) -> Decimal | None:
    return None if amount is None else amount.quantize(Decimal("0.01"))


def _fold(value: Any) -> str:
    return " ".join(str(value or "").split()).casefold()
