"""A row new to a batch beside a row the batch ordered that the file still holds, to the same name and card at
another address, of another value at the same place, or to a name written almost alike at the same place:
held as the same row of a later batch is (:func:`.earlier._same_name_elsewhere`,
:func:`.earlier._alike_name_same_place`).

holiday.csv sent Ann Lee at 1 Old St, Boston; the list then gained her row at 9 New St, Cambridge (she
moved), her first row kept: run again under the batch, the new row was ORDERED, a second card, where the same
file as a new batch held it (found by review42, its LO1). Within one file two such rows are namesakes, each
sent (two people in two ZIPs); a row added beside a card already ordered is what a later list is: perhaps
the same person, moved. Not when both rows carry their own references (Employee IDs) and these differ: two
people."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..folding import fold_unit
from ..payload import line_items
from .cards import _SEP, Card, _Rows
from .earlier import MOVED, REVALUED, alike_at_place, moved_or_revalued
from .edits import _sent_item
from .emails import email_digest
from .notes import _VERBS
from .policy import ALLOW_FLAG

if TYPE_CHECKING:
    from ..ledger import OrderRecord, RowRecord

# a row ordered: its record, its card, unit, and the street, ZIP and name as sent
_Ordered = tuple["RowRecord", Card, str, tuple[str, str]]
# rows the batch listed already as they are: one whose own card failed at the vendor (sent again as itself),
# one not valid or a duplicate then (two namesakes of the first file, which address is right held, then sent
# on purpose in 'Allow Duplicate': found by the lead's fuzzing test after bcdb39ad). A row left out (skipped)
# and now to send is new: its note may have said it repeats the other ('Listed twice')
_NOT_NEW = ("failed", "invalid", "duplicate")


def beside_ordered(
    staying: Sequence[RowRecord],
    orders: Mapping[str, OrderRecord],
    rows: _Rows,
    known: Mapping[str, RowRecord],
    advised: str = "",
    emails: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Rows to order (``rows``) new to the batch (``known``: its rows in the ledger) that repeat the card of a
    row it ordered, or sent, which the file still holds (``staying``): fingerprint -> why. ``advised``: when
    the batch was first advised to split its list (:func:`.takenout.split_advised_at`), or ""."""
    on_purpose = (  # a second card the list asks for ('Allow Duplicate' = yes)
        rows.frame["allow_duplicate"].eq("yes").tolist()
        if "allow_duplicate" in rows.frame.columns
        else [False] * len(rows.fingerprints)
    )
    new = [
        i
        for i, fp in enumerate(rows.fingerprints)
        if getattr(known.get(fp), "status", "") not in _NOT_NEW and not on_purpose[i]
    ]
    if not new or not staying:
        return {}
    payloads: dict[str, list[Any]] = {}
    by_name: dict[str, list[_Ordered]] = {}
    by_place: dict[str, list[_Ordered]] = {}
    for record in sorted(staying, key=lambda r: (r.row, r.fingerprint)):
        item = _sent_item(record, orders, payloads, {})
        if item is None:
            continue
        card = rows.folder.line_card(item)
        address = item.get("PhysicalDeliveryAddress") or {}
        unit = fold_unit(address.get("AddressLine1"), address.get("AddressLine2"))
        shown = (
            f"{address.get('AddressLine1') or ''}, {address.get('Zip') or ''}",
            str(address.get("Name") or ""),
        )
        entry = (record, card, unit, shown)
        if " " in card.name:  # a one-word name proves nothing
            by_name.setdefault(_SEP.join((card.name, card.product)), []).append(entry)
        by_place.setdefault(_SEP.join((card.address, card.product)), []).append(entry)
    holds: dict[str, str] = {}
    planned = _planned_times(rows, new, known, orders, advised)
    fixed = _fixed_rows(rows, known, emails or {})
    for i in new:
        card, unit = rows.card(i), rows.unit(i)
        since: _Planned = planned.get(i, "")
        named = _later(by_name.get(_SEP.join((card.name, card.product)), ()), since, orders)
        if i in fixed:  # a row of the list from the start: its email tells namesakes apart, as within a list
            named = [e for e in named if (emails or {}).get(e[0].fingerprint, fixed[i]) == fixed[i]]
        note = _by_name(named, card, unit, orders)
        if note is None and " " in card.name:
            placed = _later(by_place.get(_SEP.join((card.address, card.product)), ()), since, orders)
            note = _by_place(placed, card, unit, orders)
        if note is not None:
            holds[rows.fingerprints[i]] = note
    return holds


def _fixed_rows(rows: _Rows, known: Mapping[str, RowRecord], emails: Mapping[str, str]) -> dict[int, str]:
    """Row index -> its email digest, for the rows new to the batch of the email of a row of it that was
    invalid (the same row, fixed since: a street filled in). Such a row was in the list beside the rows
    ordered: a namesake of another email there was held for good once fixed (found by hunter-vendor31's
    fuzz harness, seed 34: two Kai Gray of one list, kai.gray25@ ordered, kai.gray11@'s street filled)."""
    invalid = {emails[fp] for fp, record in known.items() if record.status == "invalid" and fp in emails}
    if not invalid or "email" not in rows.frame.columns:
        return {}
    found = {}
    for i, email in enumerate(rows.frame["email"].tolist()):
        digest = email_digest(email)
        if digest in invalid and rows.fingerprints[i] not in known:
            found[i] = digest
    return found


def _planned_times(
    rows: _Rows,
    new: Sequence[int],
    known: Mapping[str, RowRecord],
    orders: Mapping[str, OrderRecord],
    advised: str,
) -> dict[int, _Planned]:
    """Row index (of ``new``) -> the batch's plan holding the row's very card, never sent: when the order it
    is still planned on was planned; else, the batch advised to split (``advised``), the cards of the plan so
    refused when it held the row (its order cancelled since: the row taken out, then the whole list run
    again; seed 43 of hunter-vendor31's harness held a namesake so taken out beside the other, sent by the
    part kept, for good)."""
    found: dict[int, _Planned] = {}
    found.update({i: at for i in new if (at := _planned_since(known.get(rows.fingerprints[i]), orders))})
    refused = [o for o in orders.values() if o.created <= advised]  # sent since by the part kept, or not
    cards = _cards_of(refused, rows) if refused and len(found) < len(new) else set()
    found.update({i: cards for i in new if i not in found and cards and _the_card(rows.card(i)) in cards})
    return found


def _cards_of(orders: Sequence[OrderRecord], rows: _Rows) -> set[tuple[str, str, str, str]]:
    return {_the_card(rows.folder.line_card(item)) for order in orders for item in line_items(order)}


def _the_card(card: Card) -> tuple[str, str, str, str]:
    """A card as a row and a line both give it: name, address, product and value (not the reference, made
    up for a row without one)."""
    return (card.name, card.address, card.product, card.value)


_Planned = (
    str | set[tuple[str, str, str, str]]
)  # when the row was planned, or the cards planned with it  # an order never sent (without a vendor order Id)


def _planned_since(record: RowRecord | None, orders: Mapping[str, OrderRecord]) -> str:
    """When the batch planned the row on the order it is still planned on (never sent), or "" when it is
    not: new to the batch, held, or left out before."""
    order = orders.get(record.po_number or "") if record is not None and record.status == "planned" else None
    return order.created if order is not None and order.state == "planned" else ""


def _later(ordered: Sequence[_Ordered], since: _Planned, orders: Mapping[str, OrderRecord]) -> list[_Ordered]:
    """Of ``ordered``, the rows whose card was planned after ``since`` (the row's own plan; "" when it has
    none: every one). A row planned with them, or before, was in the list beside them, and within one list
    namesakes in two places are each sent: two of them planned together, the run killed after the first's
    order, held the second for good on every re-run (found by hunter-vendor31's fuzz harness, seed 31)."""
    if not since:
        return list(ordered)
    if isinstance(since, set):  # the refused plan's cards: one of them was in the list beside the row
        return [entry for entry in ordered if _the_card(entry[1]) not in since]
    return [entry for entry in ordered if not _planned_by(entry[0], since, orders)]


def _planned_by(record: RowRecord, since: str, orders: Mapping[str, OrderRecord]) -> bool:
    """Whether ``record``'s order was planned at ``since`` or before (unknown: no)."""
    order = orders.get(record.po_number or "")
    return order is not None and bool(order.created) and order.created <= since


def _by_name(
    ordered: Sequence[_Ordered],
    card: Card,
    unit: str,
    orders: Mapping[str, OrderRecord],
) -> str | None:
    """What holds a row of ``card`` (``unit`` its apartment) beside the rows ``ordered`` to its name and
    card: the same value at another address, or another value at the same place; None when nothing does."""
    for record, sent, their_unit, (place, _name) in ordered:
        how = moved_or_revalued(sent, card, unit, their_unit)
        if how == MOVED:
            what = f"the same name of the same value at another address ({place})"
            return _note(record, orders, what, "the address was corrected", "another person of the same name")
        if how == REVALUED:
            what = f"the same name of another value ({sent.value}) at the same address"
            return _note(record, orders, what, "the value was corrected", "a second card on purpose")
    return None


def _by_place(
    ordered: Sequence[_Ordered], card: Card, unit: str, orders: Mapping[str, OrderRecord]
) -> str | None:
    """What holds a row of ``card`` beside the rows ``ordered`` to its address and card: a name written almost
    alike (:func:`~bulkship.namealike.names_alike`: a typo, an initial, a short form) in the same unit."""
    for record, sent, their_unit, (_place, name) in ordered:
        if alike_at_place(sent, card, unit, their_unit):
            what = f"a name written almost alike ({name}) at the same address"
            return _note(record, orders, what, "the name was corrected", "another person at that address")
    return None


def _note(record: RowRecord, orders: Mapping[str, OrderRecord], what: str, corrected: str, other: str) -> str:
    order = orders.get(record.po_number or "")
    verb = _VERBS.get(order.state if order is not None else "", "sent")
    return (
        f"Held, not sent: a card of the same kind to {what} was {verb} in this batch (row {record.row}, PO "
        f"{record.po_number}), and that row is still in the list. If {corrected}, that person has their card "
        f"already: take this row off the list. If this is {other}, re-run with {ALLOW_FLAG} to send it"
    )
