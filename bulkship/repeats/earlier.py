"""What other batches sent within the window: their orders, their lines by repeat key and by reference, the
unit each went to, and the rows those lines were."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..batchapi import same_api
from ..folding import fold_address, fold_person, fold_person_loosely, fold_reference, fold_unit, same_unit
from ..ledger.records import ELSEWHERE, LEFT_OUT_ITEMS, REVIEW_ITEMS, OrderRecord
from ..namealike import names_alike
from ..payload import line_items
from ..plan.ponumbers import is_derived_reference
from ..statuses import NO_CARD_STATUSES
from .cards import _SEP, Card, _Rows
from .policy import _COUNTED_STATES, RepeatPolicy

if TYPE_CHECKING:
    from ..ledger import Ledger


def _recent_orders(ledger: Ledger, batch: str, policy: RepeatPolicy, api: str | None) -> list[OrderRecord]:
    """The other batches' orders through this API within the window (to send, sent, or maybe sent)."""
    apis = {b.name: b.api for b in ledger.batches()}
    recent = ledger.orders_since(policy.since, exclude_batch=batch, states=_COUNTED_STATES)
    recent += _left_out_cards(ledger, batch, policy.since)
    return [o for o in recent if same_api(apis.get(o.batch), api)]


def _left_out_cards(ledger: Ledger, batch: str, since: str) -> list[OrderRecord]:
    """The cards of other batches' rows a person left out as sent elsewhere since ``since``, one record a
    settlement, as an order of that batch holding them (under the other order's PO number): on no order of
    this ledger, they were no card to the repeat guard, and the next list sent those people a second one
    (found by hunter-vendor19)."""
    found = []
    for event in ledger.events(kinds=["review_left_out"]):
        items = event.detail.get(LEFT_OUT_ITEMS)
        if event.batch == batch or event.at < since or not isinstance(items, dict) or not items:
            continue
        lines = [item for item in items.values() if isinstance(item, dict)]
        po = str(event.detail.get("vendor_po") or event.po_number or "")
        vendor_id = str(event.detail.get("order_id") or "")
        payload = json.dumps({"LineItems": lines})
        found.append(OrderRecord(po, event.batch or "", 0, po, ELSEWHERE, vendor_id, None, payload,
                                 Decimal(0), len(lines), None, event.at, event.at))  # fmt: skip
    return found


_Lines = dict[str, list[tuple[int, int, Card]]]  # reference, card, value -> (order, line, card sent)
# name, card -> (order, line, card sent, its unit, the street and ZIP as sent)
_Named = dict[str, list[tuple[int, int, Card, str, str]]]
_Sent = dict[str, list[tuple[int, int, str]]]  # repeat key -> (order, line, its unit) in the orders' order
# street and ZIP, card -> (order, line, card sent, its unit, the name as sent)
_Placed = dict[str, list[tuple[int, int, Card, str, str]]]


def _lines_without_card(
    ledger: Ledger, batch: str, policy: RepeatPolicy, orders: Sequence[OrderRecord]
) -> set[tuple[str, int]]:
    """(PO, line index) of the lines of ``orders`` that made no card: the row tied to it failed there or its
    line was ended without a card, or no row is tied to it any more and the vendor ended the whole order
    Failed or Cancelled (its rows were sent again elsewhere). A person whose every card failed has none: a
    new list sends them one, it does not hold them (found by a newcomer). Anything less sure is a card, as
    are the lines of an order that could not be read again now (``policy.unread``)."""
    tied = ledger.lines_tied_since(policy.since, exclude_batch=batch, states=_COUNTED_STATES)
    found: set[tuple[str, int]] = set()
    for order in orders:
        if order.po_number in policy.unread:
            continue
        on = tied.get(order.po_number, {})
        found.update((order.po_number, i) for i, card in on.items() if not card)
        if (order.status or "").casefold() in NO_CARD_STATUSES:
            found.update((order.po_number, i) for i in range(order.lines) if i not in on)
    return found


@dataclass
class _Earlier:
    """Lines of other batches' orders that may be to one of the rows' recipients (:func:`_first_lines`)."""

    where: _Sent = field(default_factory=dict)  # repeat key -> (order, line, unit), first sent first
    by_reference: _Lines = field(default_factory=dict)
    by_name: _Named = field(default_factory=dict)
    by_place: _Placed = field(default_factory=dict)
    # any card to one of the rows' people: name and street, or reference -> (order, line, card sent, its
    # unit, the card as sent: 'VISA-PREPAID 200.00'), for .othercard
    by_person: _Placed = field(default_factory=dict)


def _first_lines(
    orders: Sequence[OrderRecord], rows: _Rows, references: set[str], no_card: set[tuple[str, int]]
) -> _Earlier:
    """Where each gift to one of the rows' recipients (:meth:`_Rows.recipients`) was sent in ``orders``:
    repeat key -> (index in ``orders``, line index, the unit it went to), first sent first; the lines
    whose reference (ExternalId) is one of ``references``, for :func:`_same_reference_elsewhere`; and the
    lines to one of the rows' full names, for :func:`_same_name_elsewhere`. Lines in ``no_card`` made no
    card and are left out. Each payload is read once; a line to anyone else costs one look-up."""
    recipients, folder = rows.recipients(), rows.folder
    # at one street, ZIP and card, a short form in either word of the name is its full name: 'TAYLOR BOB'
    # sent in one batch is Robert Taylor at the same address in the next (folding.fold_person_loosely)
    loosely = rows.recipients(loosely=True) if orders else set()  # folded only when a line is to compare
    names = {n for n in rows.names if " " in n}  # a one-word name proves nothing
    streets = set(rows.streets)
    found = _Earlier()
    for number, order in enumerate(orders):
        for line, item in enumerate(_lines_and_waiting(order)):
            if (order.po_number, line) in no_card:
                continue
            address = item.get("PhysicalDeliveryAddress") or {}
            name = fold_person(address.get("Name"))
            street = fold_address(address.get("AddressLine1"), address.get("AddressLine2"))
            loose = fold_person_loosely(address.get("Name"))
            recipient = f"{name}{_SEP}{street}" in recipients or f"{loose}{_SEP}{street}" in loosely
            reference = fold_reference(item.get("ExternalId"))
            referenced = bool(reference) and reference in references
            named, placed = name in names, street in streets
            # the line's card and unit, read once for whichever of the look-ups below wants them
            unit = (
                fold_unit(address.get("AddressLine1"), address.get("AddressLine2"))
                if recipient or named or placed
                else ""
            )
            card = folder.line_card(item) if referenced or named or placed else None
            if recipient:
                for folded in dict.fromkeys((name, loose)):  # the name as written, and read loosely
                    key = folder.line_key(item, address, folded)
                    found.where.setdefault(key, []).append((number, line, unit))
            if card is None:
                continue
            if referenced:
                key = _SEP.join((reference, card.product, card.value))
                found.by_reference.setdefault(key, []).append((number, line, card))
            if named:
                shown = f"{address.get('AddressLine1') or ''}, {address.get('Zip') or ''}"
                key = _SEP.join((name, card.product))
                found.by_name.setdefault(key, []).append((number, line, card, unit, shown))
            if placed:  # for _alike_name_same_place
                key = _SEP.join((card.address, card.product))
                found.by_place.setdefault(key, []).append(
                    (number, line, card, unit, str(address.get("Name")))
                )
            sent = f"{item.get('ProductId') or ''} {card.value}".strip()
            person = _SEP.join((card.name, card.address)) if named and placed else ""
            for key in (person, reference if referenced else ""):
                if key:
                    found.by_person.setdefault(key, []).append((number, line, card, unit, sent))
    return found


def _lines_and_waiting(order: OrderRecord) -> list[dict[str, Any]]:
    """The order's line items, then what each of its rows waiting for review would send: an order found at
    the vendor after a ledger was lost lists its lines without addresses, and those rows may be among them
    (found by newcomer7: the same list under a new batch name sent 257 second cards). Their places come
    after the lines', so no line index is taken for one of them."""
    items = line_items(order)
    waiting = order.payload().get(REVIEW_ITEMS) or {}
    return [*items, *waiting.values()] if waiting else items


def _same_reference_elsewhere(
    rows: _Rows, lines: _Lines, matched: set[int], *, people: bool = True
) -> dict[int, tuple[int, int]]:
    """Rows (index in ``rows``, not in ``matched``) whose reference (ExternalId, e.g. an employee ID) another
    batch sent the same card and value to, with the same name or the same address: row -> (index in the
    orders, line index). One person exported by two systems spells the address or name differently
    ("Fl 21" / "Floor 21", a middle initial, "Bob" / "Robert" Jones) but keeps the ID; a reference alone
    (a shared code, a row number) is not enough: the name must share a word, or the address be the same;
    the very name, when the reference names no person (``people``: John Doe after Mary Doe under one
    'Customer ID' is another contact of that account: found by review11)."""
    found: dict[int, tuple[int, int]] = {}
    if not lines:
        return found
    for i, reference in enumerate(rows.columns["external_id"]):
        if not reference or i in matched:
            continue
        card = rows.card(i)
        for number, line, sent in lines.get(_SEP.join((card.external_id, card.product, card.value)), ()):
            # ... or a name sharing a word: "Bob Jones" who moved is "Robert Jones" in the next export
            # (found by newcomer8)
            shares = people and set(sent.name.split()) & set(card.name.split())
            if sent.name == card.name or sent.address == card.address or shares:
                found[i] = (number, line)
                break
    return found


@dataclass(frozen=True)
class Changed:
    """A card another batch sent to one of the rows' names: where it is (index in the orders, line index), and
    what differs: the street and ZIP it went to (``moved_from``), or its value (``other_value``)."""

    order: int
    line: int
    moved_from: str | None = None
    other_value: str | None = None
    other_name: str | None = None  # the name it went to, written almost alike (_alike_name_same_place)
    other_card: str | None = None  # another card to the same person, as sent ('VISA-PREPAID 200'): .othercard
    same: str = ""  # what makes it the same person, for .othercard's words


def _references_differ(sent: Card, card: Card) -> bool:
    """Whether the card sent and the row carry references (Employee IDs) of their own that differ: two
    people. A reference bulkship made up for a row without one is none."""
    theirs = "" if is_derived_reference(sent.external_id) else sent.external_id
    return bool(theirs and card.external_id and theirs != card.external_id)


def _same_name_elsewhere(
    rows: _Rows,
    named: _Named,
    matched: set[int],
    apart: Mapping[int, Collection[tuple[int, int]]] | None = None,
) -> dict[int, Changed]:
    """Rows (index in ``rows``, not in ``matched``) whose full name another batch sent the same card to,
    of the same value at another address, or of another value at the same place. A corrected address or
    amount in a later list (a form answered again, a re-export, an edited copy of a file whose orders are
    in doubt) is the same person's second card unless someone says otherwise (found by newcomer6 and
    newcomer7); a namesake, or a second reward on purpose, waits for that word. Not when both carry their own
    references (Employee IDs) and these differ: two people. Not at another unit of the same street and ZIP
    with the same value: another person (``_sent_to_the_same_place``). Nor the cards ``apart`` names for
    a row: the very card of another row of the list, told apart from it (emails.owners_told_apart)."""
    found: dict[int, Changed] = {}
    if not named:
        return found
    sent_to = {key.partition(_SEP)[0] for key in named}
    for i, name in enumerate(rows.names):
        if i in matched or name not in sent_to:  # most rows: no card of theirs was sent by name
            continue
        card = rows.card(i)
        unit = rows.unit(i)
        for number, line, sent, their_unit, shown in named.get(_SEP.join((card.name, card.product)), ()):
            if apart and (number, line) in apart.get(i, ()):
                continue
            how = moved_or_revalued(sent, card, unit, their_unit)
            if how == MOVED:
                found[i] = Changed(number, line, moved_from=shown)
            elif how == REVALUED:
                found[i] = Changed(number, line, other_value=sent.value)
            else:
                continue
            break
    return found


MOVED, REVALUED = "moved", "revalued"


def moved_or_revalued(sent: Card, card: Card, unit: str, their_unit: str) -> str | None:
    """How a card sent to a row's very name (and card) is the row's: of the same value at another address
    (:data:`MOVED`), or of another value at the same place, the same unit (:data:`REVALUED`); None when
    neither, or when both carry references of their own that differ (two people). ``unit``, ``their_unit``:
    the row's and the card's apartment, suite or floor. Read by :mod:`.beside` too: one rule."""
    if _references_differ(sent, card):
        return None
    if sent.value == card.value and sent.address != card.address:
        return MOVED
    if sent.value != card.value and sent.address == card.address and same_unit(unit, their_unit):
        return REVALUED
    return None


def alike_at_place(sent: Card, card: Card, unit: str, their_unit: str) -> bool:
    """Whether a card sent to the row's address (and card) went to a name written almost alike
    (:func:`~bulkship.namealike.names_alike`), in the same unit, and not to two people by their references.
    Read by :mod:`.beside` too: one rule."""
    if _references_differ(sent, card) or not same_unit(unit, their_unit):
        return False
    return sent.name != card.name and names_alike(sent.name, card.name)


def _alike_name_same_place(rows: _Rows, placed: _Placed, matched: set[int]) -> dict[int, Changed]:
    """Rows (index in ``rows``, not in ``matched``) whose street, ZIP and unit another batch sent the same
    card to, under a name written almost alike (:func:`~bulkship.namealike.names_alike`: a typo, an
    initial, a short form), of any value. Dana Whitfield's card of the Q4 mailing went again to 'Dina
    Whitfield' at her street in January's CRM report (found by newcomer11): a name corrected, or mistyped,
    is the same person's second card unless someone says otherwise. Not when both carry their own
    references (Employee IDs) and these differ: two people."""
    found: dict[int, Changed] = {}
    if not placed:
        return found
    streets = {key.partition(_SEP)[0] for key in placed}
    for i, name in enumerate(rows.names):
        if i in matched or rows.streets[i] not in streets or " " not in name:
            continue
        card = rows.card(i)
        unit = rows.unit(i)
        for number, line, sent, their_unit, shown in placed.get(_SEP.join((card.address, card.product)), ()):
            if alike_at_place(sent, card, unit, their_unit):
                found[i] = Changed(number, line, other_name=shown, other_value=sent.value)
                break
    return found


def _row_numbers(
    ledger: Ledger,
    lines: Sequence[tuple[str, int]],
    owners: dict[tuple[str, int], tuple[str, str]] | None = None,
) -> tuple[dict[tuple[str, int], int], set[str]]:
    """The spreadsheet row of each (PO number, line index), read only for the orders named, and those orders
    whose every row waits for review (no card of them recorded as sent: an order another ledger placed,
    taken in after a lost ledger or another office's of the same batch name, is 'created' in this ledger;
    a row held beside it was said 'ordered in batch ...': hunter-vendor22's L5). ``owners`` gets each line's
    row: (PO number, line index) -> (its batch, its fingerprint)."""
    if not lines:
        return {}, set()
    records = ledger.rows_on_orders(sorted({po for po, _line in lines}))
    numbers = {(r.po_number or "", r.line_index or 0): r.row for r in records if r.line_index is not None}
    if owners is not None:
        tied = (r for r in records if r.line_index is not None)
        owners.update({(r.po_number or "", r.line_index or 0): (r.batch, r.fingerprint) for r in tied})
    statuses: dict[str, set[str]] = {}
    for r in records:
        statuses.setdefault(r.po_number or "", set()).add(r.status)
    return numbers, {po for po, seen in statuses.items() if seen == {"review"}}


def _sent_to_the_same_place(rows: _Rows, where: _Sent) -> list[tuple[int, tuple[int, int]]]:
    """The rows a line of ``where`` repeats: row -> (index in the orders, line index), the first line with
    its repeat key at the same place: not another unit of one building (namesakes on two floors of one
    office are two people), while a unit written on one side only is the same place."""
    found = []
    keys = zip(rows.repeat_keys(), rows.repeat_keys(loosely=True), strict=True)
    for i, (key, loose) in enumerate(keys):  # the name as written, else any short form read in full
        sent = where.get(key) or where.get(loose)
        if sent:
            unit = rows.unit(i)
            at = next(((o, line) for o, line, theirs in sent if same_unit(unit, theirs)), None)
            if at is not None:
                found.append((i, at))
    return found
