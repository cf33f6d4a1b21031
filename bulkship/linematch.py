"""Vendor line matching: which line of the vendor's order is which of our rows. Never a guess: a line is tied
to a row only by what proves it (an echoed ExternalId, our exact payload, the full address), else the row
needs a person."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Protocol

from .addressmatch import recipients, same_part, shows_addresses, vendor_address
from .linecards import _fold, more_cards, other_card
from .models import VendorOrder


class RecordedLine(Protocol):
    """A ledger row as line matching sees it (:class:`bulkship.ledger.RowRecord`)."""

    @property
    def external_id(self) -> str | None: ...

    @property
    def line_index(self) -> int | None: ...

    @property
    def line_item_id(self) -> str | None: ...


def match_lines(
    external_ids: Sequence[str],
    vendor_order: VendorOrder,
    items: Sequence[Any] | None = None,
    *,
    recorded_send: bool = False,
) -> list[Any]:
    """For each of our lines, the vendor's line item proven to be it, or None. Never a guess:

    * the vendor echoes ExternalIds: by ExternalId (duplicates in order);
    * else without ``items`` (the vendor created our exact payload, 201): by position;
    * else (``items``: our line items, when the order may not be ours, e.g. a 409) a line matches a vendor
      line with the same ProductId, Value, Quantity **and full address**, when the vendor shows addresses;
    * else, when this ledger recorded sending exactly this payload under this PO (``recorded_send``): by
      position, if the vendor holds as many lines with the same ProductId, Value and Quantity in order;
    * else nothing matches: the rows need a person (the vendor echoes neither ExternalId nor address)."""
    vendor_lines = list(vendor_order.line_items)
    if vendor_lines and not any(li.external_id for li in vendor_lines):
        if items is None:
            return [vendor_lines[i] if i < len(vendor_lines) else None for i in range(len(external_ids))]
        if shows_addresses(vendor_order):
            free = list(range(len(vendor_lines)))
            matched: list[Any] = []
            for item in items:
                hit = next((i for i in free if same_line(item, vendor_order, i, full_address=True)), None)
                if hit is not None:
                    free.remove(hit)
                matched.append(vendor_lines[hit] if hit is not None else None)
            return matched
        if (
            recorded_send
            and len(items) == len(vendor_lines)
            and all(same_line(item, vendor_order, i) for i, item in enumerate(items))
        ):
            return vendor_lines[: len(items)]
        return [None] * len(external_ids)
    # in any case when no two of ours differ only by it: a vendor may keep references in capitals
    folds = len({e.casefold() for e in external_ids}) == len(set(external_ids))
    pool: dict[str, list[Any]] = {}
    for li in vendor_lines:
        pool.setdefault(li.external_id.casefold() if folds else li.external_id, []).append(li)
    found: list[Any] = []
    for ext in external_ids:
        candidates = pool.get(ext.casefold() if folds else ext)
        found.append(candidates.pop(0) if candidates else None)
    return found


def match_echoed(external_ids: Sequence[str], vendor_order: VendorOrder) -> list[Any]:
    """:func:`match_lines` by the ExternalIds the vendor echoes, but none for a row whose Id more of the
    vendor's lines show than our rows have it: a vendor cutting references to its field's length shows
    'EMPLOYEE-ID-NUMBER-10' as row 1's 'EMPLOYEE-ID-NUMBER-1' (found by review14: listed first and failed,
    row 10's line gave row 1 its status, and row 1 was sent a second card). Which of them is the row's is
    not proven."""
    matched = match_lines(external_ids, vendor_order)
    if not any(li.external_id for li in vendor_order.line_items):
        return matched
    shown = Counter(_fold(li.external_id) for li in vendor_order.line_items)
    ours = Counter(_fold(e) for e in external_ids)
    return [
        None if shown[_fold(e)] > ours[_fold(e)] else m for e, m in zip(external_ids, matched, strict=True)
    ]


def match_created(
    external_ids: Sequence[str],
    vendor_order: VendorOrder,
    items: Sequence[Any],
    costs: Sequence[Decimal | None] = (),
) -> list[Any]:
    """The vendor's lines of an order it has just created from our exact payload (``items``: the line item
    sent for each row; ``costs``: each row's planned cost). By ExternalId when the vendor echoes them; else
    by position when every line agrees with the item sent at its place (ProductId, Value, Quantity, the
    recipient where shown, and the cost where rows of one card were planned at different costs: another
    shipping method); else a row's line is the one line with its content, when no other row has that content
    too; else None (not proven: the row needs a person, or a later read would give it another's status,
    cost and tracking)."""
    by_position = match_echoed(external_ids, vendor_order)
    vendor_lines = vendor_order.line_items
    if not vendor_lines or any(li.external_id for li in vendor_lines):
        return by_position
    count = len(vendor_lines)
    planned = list(costs) if len(costs) == len(items) else [None] * len(items)
    by_cost = _cost_tells(items, planned, vendor_lines)

    def fits(row: int, line: int) -> bool:
        if not same_line(items[row], vendor_order, line):
            return False
        return not by_cost[row] or vendor_lines[line].cost == planned[row]

    # by position among the card lines: a line of no card the vendor adds (a fee) holds no row's place
    # (found by hunter-vendor3: beside it, every row of identical cards waited for review)
    cards = {id(li) for li in vendor_order.card_lines}
    places = [j for j in range(count) if id(vendor_lines[j]) in cards]
    if len(items) == len(places) and all(fits(i, j) for i, j in enumerate(places)):
        return [vendor_lines[j] for j in places]
    found = [[j for j in range(count) if fits(i, j)] for i in range(len(items))]
    claimed = [sum(j in fit for fit in found) for j in range(count)]
    return [vendor_lines[fit[0]] if len(fit) == 1 and claimed[fit[0]] == 1 else None for fit in found]


def _cost_tells(
    items: Sequence[Any], planned: Sequence[Decimal | None], vendor_lines: Sequence[Any]
) -> list[bool]:
    """For each item: whether its planned cost tells it from items of the same card (one card planned at
    two costs: two shipping methods), so a vendor line of that card is its only at that cost. Only when the
    vendor's lines of that card cost what the plan says, line for line: a vendor pricing lines its own way
    (shipping left out, another rounding) shows no line at a planned cost, and the cost tells nothing."""
    planned_of: dict[object, list[Decimal | None]] = {}
    keys = [_card_of_item(item) for item in items]
    for key, cost in zip(keys, planned, strict=True):
        planned_of.setdefault(key, []).append(cost)
    shown_of: dict[object, list[Decimal | None]] = {}
    for line in vendor_lines:
        shown_of.setdefault(_card_of_line(line), []).append(line.cost)
    tells = {
        key
        for key, costs in planned_of.items()
        if key is not None
        and None not in costs
        and len(set(costs)) > 1
        and Counter(costs) == Counter(shown_of.get(key, []))
    }
    return [key in tells for key in keys]


def _card_of_item(item: Any) -> tuple[str, Decimal, int] | None:
    """(ProductId folded, Value, Quantity) of a line item sent; None when it does not read."""
    if not isinstance(item, dict):
        return None
    try:
        return _fold(item.get("ProductId")), Decimal(str(item.get("Value"))), int(item.get("Quantity") or 1)
    except (ArithmeticError, ValueError, TypeError):
        return None


def _card_of_line(line: Any) -> tuple[str, Decimal, int]:
    return _fold(line.product_id), line.value, line.quantity


def lines_of_rows(
    rows: Sequence[RecordedLine],
    vendor_order: VendorOrder,
    sent: Callable[[], Sequence[Any]] | None = None,
) -> list[Any]:
    """The vendor line of each ordered row: by ExternalId when the vendor echoes them; else by the line Id
    recorded when the row was tied to the order, when the vendor shows line Ids (a vendor may list its lines
    in another order on a later read: by position, one row would take another's status, and a card made
    would read as failed and be sent again); else the row's line index, when the line there is the card
    sent there. ``sent``: the order's line items as sent (asked for only then); with them, a row whose place
    shows another card (the vendor lists its lines in its own order) takes the one line of its card when no
    other line item sent has that card, else none (:func:`_proven_by_content`)."""
    vendor_lines = vendor_order.line_items
    if any(li.external_id for li in vendor_lines):
        return _by_external_id(rows, vendor_order, sent)
    by_position = [
        vendor_lines[r.line_index]
        if r.line_index is not None and 0 <= r.line_index < len(vendor_lines)
        else None
        for r in rows
    ]
    by_id = {line_id: vendor_lines[place] for line_id, place in line_id_places(vendor_order).items()}
    taken = {r.line_item_id for r in rows if r.line_item_id in by_id}
    if not taken:  # no line Id recorded, none shown now, or Ids the lines share: no proof of which
        return by_position if sent is None else _proven_by_content(rows, vendor_order, sent(), by_position)
    if sent is not None and not _ids_keep_cards(rows, vendor_order, sent()):
        # an Id now on another card: the vendor's line Ids are no row's for good (numbered by place, and
        # the lines listed in another order: found by hunter-vendor4, the row whose card shipped read
        # Cancelled and was sent again, the cancelled one read Shipped): rows tied by their cards alone
        return _proven_by_content(rows, vendor_order, sent(), by_position)
    return [
        by_id.get(r.line_item_id)
        if r.line_item_id
        else (line if line is not None and line.id not in taken else None)
        for r, line in zip(rows, by_position, strict=True)
    ]


def _ids_keep_cards(rows: Sequence[RecordedLine], vendor_order: VendorOrder, items: Sequence[Any]) -> bool:
    """Whether every row's recorded line Id shows the card sent on its line (``items``: the order's): no
    other product or amount (a field the vendor leaves out, or a recipient it writes its own way, is none)."""
    places = line_id_places(vendor_order)
    for row in rows:
        place = places.get(row.line_item_id or "")
        index = row.line_index
        item = items[index] if index is not None and 0 <= index < len(items) else None
        if place is not None and item is not None and other_card(item, vendor_order.line_items[place]):
            return False
    return True


def _proven_by_content(
    rows: Sequence[RecordedLine], vendor_order: VendorOrder, items: Sequence[Any], by_position: list[Any]
) -> list[Any]:
    """Rows tied by their place (``by_position``) when every row's place shows the card sent there; else
    each row to the one line showing its card, when no other line item sent (``items``: the order's, rows
    in review included) has that card too; else None (a row with none keeps what was recorded)."""
    count = len(vendor_order.line_items)

    def item_of(row: RecordedLine) -> Any:
        index = row.line_index
        return items[index] if index is not None and 0 <= index < len(items) else None

    placed = all(
        line is not None and r.line_index is not None and same_line(item_of(r), vendor_order, r.line_index)
        for r, line in zip(rows, by_position, strict=True)
    )
    if placed:
        return by_position
    claimed = [sum(1 for item in items if same_line(item, vendor_order, j)) for j in range(count)]
    found: list[Any] = []
    for row in rows:
        fits = [j for j in range(count) if same_line(item_of(row), vendor_order, j)]
        found.append(vendor_order.line_items[fits[0]] if len(fits) == 1 and claimed[fits[0]] == 1 else None)
    return found


def _by_external_id(
    rows: Sequence[RecordedLine],
    vendor_order: VendorOrder,
    sent: Callable[[], Sequence[Any]] | None = None,
) -> list[Any]:
    """Rows tied by the ExternalIds the vendor echoes (:func:`match_echoed`); a row whose Id is ambiguous
    takes the line of the line Id recorded when it was tied, if that line shows its Id, else none (it keeps
    what was recorded). A row whose Id no line shows may take the one line showing none (``tie_unechoed``)."""
    matched = match_echoed([r.external_id or "" for r in rows], vendor_order)
    by_id = {
        line_id: vendor_order.line_items[place] for line_id, place in line_id_places(vendor_order).items()
    }
    found: list[Any] = []
    for row, line in zip(rows, matched, strict=True):
        if line is None and row.line_item_id:
            own = by_id.get(row.line_item_id)
            line = own if own is not None and _fold(own.external_id) == _fold(row.external_id) else None
        found.append(line)
    return tie_unechoed(rows, vendor_order, found, sent) if sent is not None and None in found else found


def tie_unechoed(
    rows: Sequence[RecordedLine],
    vendor_order: VendorOrder,
    found: list[Any],
    sent: Callable[[], Sequence[Any]],
) -> list[Any]:
    """A vendor echoing the ExternalIds on all lines but one (the line it changed, cancelled or re-made
    kept no reference): that row read as recorded for good, 'pending', its card cancelled and never sent
    again (found by hunter-vendor5). The one row no line is tied to, whose Id no line shows, takes the one
    card line showing no ExternalId, when the order shows as many card lines as were sent and that line
    carries the row's recorded line Id (when both show one) and the row's card (never another product,
    amount, quantity or recipient)."""
    items = sent()
    cards = vendor_order.card_lines
    shown = {_fold(li.external_id) for li in vendor_order.line_items if li.external_id}
    loose = [n for n, line in enumerate(found) if line is None and _fold(rows[n].external_id) not in shown]
    bare = [li for li in cards if not li.external_id and all(li is not f for f in found)]
    if len(loose) != 1 or len(bare) != 1 or len(cards) != len(items):
        return found
    row, line = rows[loose[0]], bare[0]
    index = row.line_index
    item = items[index] if index is not None and 0 <= index < len(items) else None
    place = next(i for i, li in enumerate(vendor_order.line_items) if li is line)
    same_id = not line.id or not row.line_item_id or line.id == row.line_item_id
    if item is None or not same_id or other_card(item, line) or more_cards(item, line):
        return found
    if recipients(item, vendor_order, line) or not same_line(item, vendor_order, place):
        return found
    return [line if n == loose[0] else f for n, f in enumerate(found)]


def line_id_places(vendor_order: VendorOrder) -> dict[str, int]:
    """Each vendor line's place by the line Id it shows; none when two lines show one Id (it proves nothing
    of which line is which)."""
    places: dict[str, int] = {}
    for place, line in enumerate(vendor_order.line_items):
        if line.id:
            if line.id in places:
                return {}
            places[line.id] = place
    return places


# What must agree for a vendor line to be tied to a row by its address alone.
FULL_ADDRESS = ("Name", "AddressLine1", "City", "State", "Zip")


def same_line(item: Any, vendor_order: VendorOrder, index: int, *, full_address: bool = False) -> bool:
    """Whether the vendor's line ``index`` is our line item ``item``: same ProductId, Value and Quantity,
    and the same recipient where the vendor shows the address (``full_address``: it must show it, and
    every field of :data:`FULL_ADDRESS` must agree)."""
    line = vendor_order.line_items[index]
    if not isinstance(item, dict):
        return False
    try:
        value_ok = Decimal(str(item.get("Value"))) == line.value
        quantity_ok = int(item.get("Quantity") or 1) == line.quantity
    except (ArithmeticError, ValueError, TypeError):
        return False
    if not (value_ok and quantity_ok and _fold(item.get("ProductId")) == _fold(line.product_id)):
        return False
    theirs = vendor_address(vendor_order, index)
    ours = item.get("PhysicalDeliveryAddress")
    if theirs is None or not isinstance(ours, dict):
        return not full_address
    keys = FULL_ADDRESS if full_address else ("Name", "AddressLine1", "Zip")
    for key in keys:
        if key.lower() in theirs:
            if not same_part(key, theirs[key.lower()], ours.get(key)):  # as a vendor standardises it
                return False
        elif full_address:
            return False
    return True
