"""Rows taken out of a batch's file and sent as a batch of their own, back in the file: sent elsewhere.

A ``bulkship run --max-total`` refused advises sending part of the list: the shorter file under the batch's
name, the rows taken out as a batch of their own. The whole file run again under the first batch then held
those rows as repeats ('the same recipient, address, card and value were ordered in batch ...'), with
``--allow-repeat`` the only way offered: a second card for each (a known leftover, verified by
hunter-vendor29). A row this batch planned and never sent whose very card (same recipient, address, card
and value) another batch's order made after this batch was so advised is that row's card: the row is left
out as sent elsewhere (status ``elsewhere``, naming the order), never sent from this batch whatever flag is
given, no money of it."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from ..billing import line_ended_without_card
from ..folding import fold_reference
from ..ledger.records import (
    ELSEWHERE,
    ELSEWHERE_NOTE,
    MADE_NO_CARD,
    OrderRecord,
    RowRecord,
    elsewhere_card,
    elsewhere_po,
)
from ..payload import line_items
from .cards import _SEP, _Rows
from .earlier import Changed, _first_lines, _Named, _sent_to_the_same_place, moved_or_revalued
from .emails import told_apart

if TYPE_CHECKING:
    from ..ledger import Ledger

# the row of this batch was planned and never sent: no card of this batch's holds it
_NEVER_SENT = ("planned", "held")
_UNSENT_ORDERS = ("planned", "cancelled")  # the order a never-sent row may still be on
SPLIT_ADVISED = "split_advised"  # the event a refused --max-total writes when it advises sending part


def split_advised_at(ledger: Ledger, batch: str) -> str:
    """When ``batch`` was first advised to send part of its list as a batch of its own (a refused
    ``--max-total``), or "" when never: only after that advice is a card another batch made the card of a
    row taken out of this list. Without it, another occasion's list sending a person the same card (a
    birthday card beside a holiday one) left the holiday card out, exit 0 (review48 on d4c08147)."""
    advised = ledger.events(batch, kinds=[SPLIT_ADVISED])
    return min((event.at for event in advised), default="")


def namesakes_taken_out(
    ledger: Ledger,
    rows: _Rows,
    earlier: Sequence[OrderRecord],
    by_name: Mapping[int, Changed],
    named: _Named,
) -> dict[int, Changed]:
    """``by_name`` (row index -> a card another batch sent to the row's very name) without the namesakes of
    one list split as its refused --max-total advised: the row was in the plan of the card's batch, so
    advised, and taken out of it, never sent from it (:func:`planned_here`); the card is the only one to the
    row's name, at another address, and the two rows' emails differ. That list planned both rows, a card
    each, its emails telling them apart; its parts held 10 of a marketing export's namesakes, exit 3
    (newcomer19's N4). The advice alone is no evidence: a list sent whole though advised to split, then
    another occasion's list with the name at a new address under a new email, is held (review50 on
    1f0577ba); so is a namesake of the same email (an edited address), of none, or not in that plan."""
    plans: dict[str, tuple[dict[str, RowRecord], dict[str, OrderRecord], str] | None] = {}
    asked = {}
    for i, changed in by_name.items():
        theirs = earlier[changed.order].batch
        if changed.moved_from is None or _cards_to_the_name(rows, named, i) != 1:
            continue
        if theirs not in plans:  # the batch's rows and orders, when it was advised to split
            advised = split_advised_at(ledger, theirs)
            plans[theirs] = (
                (
                    {r.fingerprint: r for r in ledger.batch_rows(theirs)},
                    {o.po_number: o for o in ledger.orders(theirs, payloads=False)},
                    advised,
                )
                if advised
                else None
            )
        plan = plans[theirs]
        # ... the card ordered after the advice, from the part kept: one ordered before it went to the row as
        # the list had it then (Ivy at her old street, since edited to her new one and a new email: review52)
        if plan is None or _first_sent(ledger, earlier[changed.order]) <= plan[2]:
            continue
        card = (earlier[changed.order], changed.line)
        if planned_here(rows, [i], plan[0], plan[1]) and _both_in_the_advised_plan(rows, i, card, *plan[1:]):
            asked[i] = changed
    if not asked:
        return dict(by_name)
    kept = told_apart(ledger, rows, earlier, asked)
    return {i: changed for i, changed in by_name.items() if i not in asked or i in kept}


def _both_in_the_advised_plan(
    rows: _Rows, i: int, card: tuple[OrderRecord, int], orders: Mapping[str, OrderRecord], advised: str
) -> bool:
    """Whether row ``i`` and the card to its name (line ``card[1]`` of order ``card[0]``) were both in the
    plan the batch was advised to split (its orders planned by then: ``orders`` created at ``advised`` or
    before), a card each. Ivy, sent from the part kept, her row edited since to another city and email in
    that batch and copied into a new list, was told apart from her own card and sent a second (review52's
    residual of 1ab89738): her new row was in no plan."""
    at_advice = [order for order in orders.values() if order.created <= advised]
    planned = _first_lines(at_advice, rows, set(), set()).where
    if all(j != i for j, _at in _sent_to_the_same_place(rows, planned)):
        return False
    order, line = card
    if order.created <= advised:  # an order of that plan, sent by the part kept
        return True
    items = line_items(order)
    reference = fold_reference(items[line].get("ExternalId")) if line < len(items) else ""
    return bool(reference) and any(
        fold_reference(item.get("ExternalId")) == reference for o in at_advice for item in line_items(o)
    )


def _first_sent(ledger: Ledger, order: OrderRecord) -> str:
    """When ``order`` was first sent (its plan's time when the ledger holds no sending): an order the refused
    plan made, kept by the part run under the batch, was planned before the advice and sent after it
    (seed 43 of hunter-vendor31's harness, --max-lines 1: its namesake held for good)."""
    sent = ledger.events(order.batch, order.po_number, kinds=["sending"])
    return min((event.at for event in sent), default=order.created)


def _cards_to_the_name(rows: _Rows, named: _Named, i: int) -> int:
    """How many cards of ``named`` are to row ``i``'s very name, at another address or of another value:
    only where one is can it be told apart (another may be the person's own)."""
    card, unit = rows.card(i), rows.unit(i)
    sent = named.get(_SEP.join((card.name, card.product)), ())
    return sum(1 for _o, _line, theirs, at, _shown in sent if moved_or_revalued(theirs, card, unit, at))


def planned_here(
    rows: _Rows, candidates: Sequence[int], known: Mapping[str, RowRecord], orders: Mapping[str, OrderRecord]
) -> set[int]:
    """Of ``candidates`` (rows of the file, by index in ``rows``), those whose card this batch planned and
    never sent: a row of the batch planned or held, on no order or on one never sent; or a row new to it
    (a note or the street's spelling changed since) whose very card is a line of an order of the batch
    never sent."""
    found, new = set(), []
    for i in candidates:
        record = known.get(rows.fingerprints[i])
        if record is None:
            new.append(i)
        elif record.status in _NEVER_SENT and _never_sent(orders.get(record.po_number or "")):
            found.add(i)
    unsent = [o for o in orders.values() if o.state in _UNSENT_ORDERS and not o.vendor_order_id]
    if new and unsent:
        where = _first_lines(unsent, rows, set(), set()).where
        found.update(i for i, _at in _sent_to_the_same_place(rows, where) if i in new)
    return found


def _never_sent(order: OrderRecord | None) -> bool:
    return order is None or (order.state in _UNSENT_ORDERS and not order.vendor_order_id)


def taken_out_note(order: OrderRecord, line: int, row: int | None, *, split_advised: str) -> str | None:
    """What a row whose card this batch planned and never sent says as a row sent elsewhere, its very card
    being line ``line`` of ``order`` (another batch's, the other batch's row ``row``), or None when it is
    not one: an order in doubt, or made before the batch was advised to split (``split_advised``)."""
    if order.state != "created" or not order.vendor_order_id or row is None or order.created <= split_advised:
        return None
    how = (
        f"batch {order.batch!r}, its row {row}: the same recipient, address, card and value, ordered "
        f"{order.created[:10]} after this batch was advised to send part of its list, as rows taken out of "
        "this list and run as a batch of their own"
    )
    return ELSEWHERE_NOTE.format(
        line=line + 1, po=order.po_number, order_id=order.vendor_order_id, how=how, by="bulkship"
    )


# what a row sent elsewhere says once its card there is gone, until the run that compares it again decides
CARD_GONE_NOTE = (
    "Not sent yet: the card it was left out for, line {line} of vendor order {po} ({batch}), was ended by "
    "the vendor without a card (nothing shipped). Re-run the same command: it sends the card from this "
    "batch, or names the order holding it now"
)


def cards_gone_elsewhere(ledger: Ledger, batch: str, unread: Collection[str] = ()) -> dict[str, str]:
    """The batch's rows sent elsewhere whose card there the vendor ended without one (its row on that
    order's line made no card, or failed since): fingerprint -> :data:`CARD_GONE_NOTE`. Such a row kept
    naming the failed order, and the batch read 'already complete': its person had no card until the other
    batch ran again, and none if it never did (hunter-vendor29's leftover). Orders of another ledger, or
    ``unread`` (not read again at the vendor: it may have made the card since), are not judged."""
    return {fp: note for fp, (note, _card) in _cards_gone(ledger, batch, unread).items()}


def _cards_gone(
    ledger: Ledger, batch: str, unread: Collection[str]
) -> dict[str, tuple[str, tuple[str, int]]]:
    """:func:`cards_gone_elsewhere`, each note with the card gone: (PO, line)."""
    gone: dict[str, tuple[str, tuple[str, int]]] = {}
    for record in ledger.current_rows_with_status(batch, ELSEWHERE):
        card = elsewhere_card(record.error)
        if card is None or card[0] in unread:
            continue
        po, line = card
        order = ledger.order(po)
        if order is None:
            continue
        there = [r for r in ledger.rows_by_po(po) if r.line_index == line]
        # no row there: it failed and was planned again under a new PO (the other batch ran again)
        failed = ledger.events(order.batch, po, kinds=[MADE_NO_CARD]) if not there else []
        if failed or (there and all(line_ended_without_card(r) or r.status == "failed" for r in there)):
            note = CARD_GONE_NOTE.format(line=line + 1, po=po, batch=f"batch {order.batch!r}")
            gone[record.fingerprint] = (note, card)
    return gone


def hold_cards_gone_elsewhere(ledger: Ledger, batch: str, unread: Collection[str] = ()) -> bool:
    """The rows of :func:`cards_gone_elsewhere` held, each with its note: the plan compares them again.
    Whether there were any."""
    by_card: dict[tuple[str, tuple[str, int]], list[str]] = {}
    for fingerprint, said in _cards_gone(ledger, batch, unread).items():
        by_card.setdefault(said, []).append(fingerprint)
    for (note, card), fingerprints in by_card.items():
        ledger.hold_rows_whose_card_elsewhere_failed(batch, fingerprints, note, card)
    return bool(by_card)


def hold_every_card_gone_elsewhere(ledger: Ledger) -> set[str]:
    """:func:`hold_cards_gone_elsewhere` for every batch with rows sent elsewhere, as `track` learns orders
    failed: the batches whose rows it held. Until the list was run again, its people with no card read 'sent
    elsewhere' in `status`, `track` and its workbook, naming the failed order (hunter-vendor30's leftover).
    Holding sends nothing: the list's next run compares each such row again, as it would have."""
    held = set()
    for record in ledger.batches():
        if ledger.row_counts(record.name).get(ELSEWHERE) and hold_cards_gone_elsewhere(ledger, record.name):
            held.add(record.name)
    return held


_SHOWN = 5


def sent_elsewhere_notes(ledger: Ledger, batch: str) -> list[str]:
    """What a run says of the batch's rows sent elsewhere (empty when none): the whole list run again after
    its split ended with '(4 pending, 2 sent elsewhere)' alone, naming no order."""
    rows = ledger.current_rows_with_status(batch, ELSEWHERE)
    if not rows:
        return []
    lines = [
        f"{len(rows)} row(s) not sent from this batch: their cards are in another batch's order already:"
    ]
    lines += [f"  row {r.row}: {r.error}" for r in rows[:_SHOWN]]
    if len(rows) > _SHOWN:
        lines.append(f"  ... and {len(rows) - _SHOWN} more (see the result workbook)")
    return lines


def elsewhere_by_order(ledger: Ledger, batch: str) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """The batch's rows sent elsewhere, by the order holding their cards: ("batch 'rest', order BS-REST-0001",
    its rows), by first row. Said before 'Send these orders?': a plan of 150 of a file's 200 rows said
    nothing of the 50 another batch had sent until after the answer (newcomer18's N2)."""
    by_po: dict[str, list[int]] = {}
    for record in ledger.current_rows_with_status(batch, ELSEWHERE):
        by_po.setdefault(elsewhere_po(record.error) or record.po_number or "", []).append(record.row)
    said = []
    for po, rows in sorted(by_po.items(), key=lambda found: min(found[1])):
        order = ledger.order(po) if po else None
        where = f"batch {order.batch!r}, order {po}" if order else f"order {po or '?'} of another ledger"
        said.append((where, tuple(sorted(rows))))
    return tuple(said)
