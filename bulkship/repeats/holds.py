"""Once the rows are validated (:func:`find_holds`): the same rows under another batch name refused,
cross-batch duplicates and probable edits held."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..billing import line_ended_without_card
from ..folding import fold_reference
from ..ledger.records import CARD_MADE_ROWS, ELSEWHERE, elsewhere_card
from ..models import FINGERPRINT, STATUS
from .cards import _Folder, _Rows
from .earlier import (
    Changed,
    _alike_name_same_place,
    _first_lines,
    _lines_without_card,
    _recent_orders,
    _row_numbers,
    _same_name_elsewhere,
    _same_reference_elsewhere,
    _sent_to_the_same_place,
)
from .edits import _probable_edits
from .emails import owners_told_apart, told_apart
from .heldbeside import held_beside
from .madeagain import sent_by_the_list
from .notes import _refuse_same_rows, _repeat_note, has_card
from .othercard import _other_card_elsewhere
from .policy import _SENT_STATES, SAME_ROWS_SHARE, RepeatPolicy
from .samefile import second_cards_in_file
from .takenout import (
    namesakes_taken_out,
    planned_here,
    split_advised_at,
    taken_out_note,
)

if TYPE_CHECKING:
    import pandas as pd

    from ..ledger import Ledger, OrderRecord, RowRecord


def _is_sent(record: RowRecord, orders: Mapping[str, OrderRecord]) -> bool:
    order = orders.get(record.po_number or "")
    # on no live order: refused, its line made no card (sent again, or held while it shows none:
    # repeats.cancelled), or left out since (it keeps that PO)
    if record.status in ("failed", "skipped") or (
        record.status == "held" and line_ended_without_card(record)
    ):
        return False
    return record.status in CARD_MADE_ROWS or (order is not None and order.state in _SENT_STATES)


def find_holds(
    ledger: Ledger,
    batch: str,
    frame: pd.DataFrame,
    *,
    known: Mapping[str, RowRecord],
    orders: Mapping[str, OrderRecord],
    policy: RepeatPolicy,
    api: str | None,
    file_name: str,
    adopted: dict[str, str] | None = None,
    taken_out: dict[str, str] | None = None,
    cards: dict[str, tuple[str, str | None, str]] | None = None,
    warned: Collection[int] | None = None,
) -> dict[str, str]:
    """The rows of ``frame`` (a validated file of ``batch``) to hold rather than order: fingerprint ->
    why, in plain words. ``known`` and ``orders`` are the batch's rows and orders in the ledger. Raises
    BatchConflictError when a new batch is mostly the rows of another one, unless ``policy.allow`` (then
    the rows are still found, for :func:`release`). ``adopted`` gets the rows that are an ordered row of the
    batch the file no longer holds, written otherwise: fingerprint -> that row's (never held: see
    :func:`~bulkship.repeats.edits._probable_edits`). ``taken_out`` gets the rows this batch planned and
    never sent whose very card another batch made since, never held: fingerprint -> what they say as sent
    elsewhere (:mod:`.takenout`). ``cards`` gets the rows held for the very card another batch made:
    fingerprint -> (that batch, its row's fingerprint, the PO), as the ledger keeps them (``held_cards``).
    ``warned``: the rows validation warned of as a second card to one person (:mod:`.samefile`), if known."""
    adopted = {} if adopted is None else adopted
    cards = {} if cards is None else cards
    taken_out = {} if taken_out is None else taken_out
    if frame.empty:
        return {}
    # Rows on a planned order of this batch are compared too: that order has not left yet, and a row held
    # now takes it back (the pipeline cancels a planned order whose rows are not all to be sent).
    sent = {fp for fp, record in known.items() if _is_sent(record, orders)}
    fingerprints = frame[FINGERPRINT].astype(str)
    candidates = frame[(frame[STATUS] == "valid") & ~fingerprints.isin(sent)]
    if candidates.empty:
        return {}
    # a row the list leaves out now ('Listed twice', 'Remove') whose card was made, or may have been, is gone
    # as a row deleted is: its person's row at a new address is an edit of it (noted, it was ordered: a second
    # card, where deleted it was held; found by hunter-vendor26)
    present = set(fingerprints[frame[STATUS] != "skipped"].tolist())
    gone = [known[fp] for fp in sent if fp not in present]
    earlier = _recent_orders(ledger, batch, policy, api)
    staying = [known[fp] for fp in sent if fp in present]
    in_file = second_cards_in_file(frame, sent, warned)  # another card to another row's person
    if not gone and not earlier and not staying:
        return in_file
    rows = _Rows(candidates, _Folder())
    holds = held_beside(ledger, batch, policy, rows, candidates, frame, staying, known, orders)
    found = _found_elsewhere(ledger, batch, policy, rows, frame, earlier, known, present)
    copied_from = None  # another batch whose file this one mostly is (an edited copy run under a new name)
    moved: dict[str, str] = {}  # the rows held for a card to their name elsewhere
    if found.cards:
        if not policy.allow:  # on every run, not only the first: a re-run must hold the same edits
            copied_from = _refuse_a_copy(ledger, batch, file_name, frame, found, earlier, policy, known)
        moved = _hold_what_was_found(
            ledger, batch, rows, found, earlier, known, orders, policy, holds, taken_out, cards
        )
    if copied_from is not None:  # its changed rows are edits of that batch's rows, as in that batch itself
        gone, orders = _with_the_copied_batch(ledger, copied_from, gone, orders, present)
    if gone:
        _hold_edits_of_gone(ledger, batch, frame, rows, gone, orders, holds, adopted)
    for fp, note in [*moved.items(), *in_file.items()]:
        holds.setdefault(fp, note)
    for fp in [
        *adopted,
        *taken_out,
    ]:  # a row the batch ordered, or sent elsewhere: nothing sent, nothing held
        holds.pop(fp, None)
    for fp in [fp for fp in cards if fp not in holds]:  # sent elsewhere, or the batch's own row
        cards.pop(fp)
    return holds


@dataclass(frozen=True)
class _Found:
    """The rows to order that repeat a card another batch sent (:func:`_found_elsewhere`): ``cards``, row
    (index in the rows) -> (index in the orders, line index), the first ``same_place`` to the very recipient,
    address, card and value, the first ``exact`` the very cards; the rest to the same name (``by_name``, with
    those written alike and other cards to the same person) or by reference (``by_reference``); ``edited``:
    the same name and place, another value."""

    cards: list[tuple[int, tuple[int, int]]]
    same_place: int
    exact: int
    by_reference: dict[int, tuple[int, int]]
    by_name: dict[int, Changed]
    edited: set[int]


def _found_elsewhere(
    ledger: Ledger,
    batch: str,
    policy: RepeatPolicy,
    rows: _Rows,
    frame: pd.DataFrame,
    earlier: list[OrderRecord],
    known: Mapping[str, RowRecord],
    present: Collection[str],
) -> _Found:
    """The rows of ``rows`` whose card another batch's ``earlier`` orders sent, or may have."""
    references = {fold_reference(r) for r in rows.columns["external_id"] if r}
    sent_before = _first_lines(earlier, rows, references, _lines_without_card(ledger, batch, policy, earlier))
    found = _sent_to_the_same_place(rows, sent_before.where) if sent_before.where else []
    same_place = len(found)  # the very recipient, address, card and value
    by_reference = _same_reference_elsewhere(
        rows, sent_before.by_reference, {i for i, _ in found}, people=policy.references_people
    )
    found += by_reference.items()
    exact = len(found)  # the very cards; the rest are to the same name or one written alike
    # a card that is the very card of another row of the file is that row's, not a namesake's edit
    apart = owners_told_apart(rows, _owners(rows, found[:same_place], earlier, known, present), frame)
    by_name = _same_name_elsewhere(rows, sent_before.by_name, {i for i, _ in found}, apart)
    # ... but for the namesakes of one list split as advised, each row taken out of its plan (takenout)
    by_name = namesakes_taken_out(ledger, rows, earlier, by_name, sent_before.by_name)
    # (the very name elsewhere stays held whatever its email: one person's work and personal emails, on two
    # departments' lists, are two emails; found by review36 after 761087e0)
    edited = {i for i, changed in by_name.items() if changed.other_value is not None}  # same name and place
    found += [(i, (changed.order, changed.line)) for i, changed in by_name.items()]
    alike = told_apart(
        ledger, rows, earlier, _alike_name_same_place(rows, sent_before.by_place, {i for i, _ in found})
    )
    found += [(i, (changed.order, changed.line)) for i, changed in alike.items()]
    by_name.update(alike)  # said as the same name's are: an edit of a card already sent
    # ... and another card to the same person: a second card, held as another value is (newcomer27's N2)
    other = _other_card_elsewhere(rows, sent_before, {i for i, _ in found}, apart)
    found += [(i, (changed.order, changed.line)) for i, changed in other.items()]
    by_name.update(other)
    return _Found(found, same_place, exact, by_reference, by_name, edited)


def _refuse_a_copy(
    ledger: Ledger,
    batch: str,
    file_name: str,
    frame: pd.DataFrame,
    found: _Found,
    earlier: list[OrderRecord],
    policy: RepeatPolicy,
    known: Mapping[str, RowRecord],
) -> str | None:
    """The other batch whose file this one mostly is, if any; a new batch run under its own name that is
    refused (:func:`.notes._refuse_same_rows`)."""
    valid = int((frame[STATUS] == "valid").sum())
    copied = _copied(found.cards, found.exact, earlier, found.edited)
    copied_from = _mostly_of(copied, valid)
    if copied_from is not None and not known and not policy.own_name:
        _refuse_same_rows(
            batch,
            file_name,
            ledger,
            copied,
            valid,
            copied_from,
            policy.keep,
            frame=frame,
            shown=policy.shown_as,
        )
    return copied_from


def _hold_what_was_found(
    ledger: Ledger,
    batch: str,
    rows: _Rows,
    found: _Found,
    earlier: list[OrderRecord],
    known: Mapping[str, RowRecord],
    orders: Mapping[str, OrderRecord],
    policy: RepeatPolicy,
    holds: dict[str, str],
    taken_out: dict[str, str],
    cards: dict[str, tuple[str, str | None, str]],
) -> dict[str, str]:
    """Each row of ``found`` put in ``holds`` (with ``cards``, the very card it holds for) or ``taken_out``;
    the rows held for a card to their name elsewhere returned, said as edits."""
    moved: dict[str, str] = {}
    owners: dict[tuple[str, int], tuple[str, str]] = {}
    lines = [(earlier[o].po_number, line) for _i, (o, line) in found.cards]
    numbers, waiting = _row_numbers(ledger, lines, owners)
    advised = split_advised_at(ledger, batch)
    candidates = [i for i, _at in found.cards[: found.same_place]]
    planned = planned_here(rows, candidates, known, orders) if advised else set()
    # ... or this batch's own row of that card, sent there once this batch's was gone (a part run again)
    made_there = sent_by_the_list(ledger, batch, rows, found.cards[: found.same_place], known, earlier)
    for i, (o, line) in found.cards:
        order = earlier[o]
        if order.po_number in waiting:  # its rows wait for review: perhaps ordered, not 'ordered'
            order = replace(order, state="review")
        reference = rows.columns["external_id"][i] if i in found.by_reference else None
        row = numbers.get((order.po_number, line))
        elsewhere = taken_out_note(order, line, row, split_advised=advised) if i in planned else None
        elsewhere = elsewhere or made_there.get(i)
        if elsewhere is not None:
            taken_out[rows.fingerprints[i]] = elsewhere
        elif i in found.by_name:  # said as an edit of a row of the batch this file copies, if it is one
            moved[rows.fingerprints[i]] = _repeat_note(order, row, policy, changed=found.by_name[i])
        else:
            holds[rows.fingerprints[i]] = _repeat_note(order, row, policy, reference=reference)
            if has_card(order, reference):
                owner = owners.get((order.po_number, line))
                cards[rows.fingerprints[i]] = (
                    owner[0] if owner else order.batch,
                    owner[1] if owner else None,
                    order.po_number,
                )
    return moved


def _with_the_copied_batch(
    ledger: Ledger,
    copied_from: str,
    gone: list[RowRecord],
    orders: Mapping[str, OrderRecord],
    present: Collection[str],
) -> tuple[list[RowRecord], Mapping[str, OrderRecord]]:
    """``gone`` and ``orders`` with the sent rows and the orders of ``copied_from``, the batch this file
    copies."""
    theirs = {o.po_number: o for o in ledger.orders(copied_from)}
    # rows on orders in doubt too (sent, no answer yet): the vendor may hold them (found by newcomer7); a
    # row the file still has as it was is not gone: a namesake's edit it is not (hunter-vendor33's item 1)
    gone += [
        r for r in ledger.batch_rows(copied_from) if _is_sent(r, theirs) and r.fingerprint not in present
    ]
    orders = {**orders, **theirs}
    return gone, orders


def _hold_edits_of_gone(
    ledger: Ledger,
    batch: str,
    frame: pd.DataFrame,
    rows: _Rows,
    gone: list[RowRecord],
    orders: Mapping[str, OrderRecord],
    holds: dict[str, str],
    adopted: dict[str, str],
) -> None:
    """The rows of ``rows`` that are probable edits of a row ``gone`` (sent, no longer in the file) put in
    ``holds`` (or ``adopted``: :func:`~bulkship.repeats.edits._probable_edits`)."""
    shared = {a for a, n in Counter(_Rows(frame, rows.folder).addresses()).items() if n > 1}
    # rows left out as sent elsewhere are on no order: what they would have sent is the settlement's
    left_out = ledger.left_out_items(batch) if any(r.status == ELSEWHERE for r in gone) else {}
    # (an ordered row of another batch, this file a copy of its file, is not one of this batch's)
    ours = adopted if all(r.batch == batch for r in gone) else None
    for fp, note in _probable_edits(gone, orders, rows, shared, left_out, adopted=ours).items():
        holds.setdefault(fp, note)


def _owners(
    rows: _Rows,
    exact: Sequence[tuple[int, tuple[int, int]]],
    earlier: Sequence[OrderRecord],
    known: Mapping[str, RowRecord],
    present: Collection[str],
) -> dict[tuple[int, int], str]:
    """The cards of ``earlier`` (order index, line) that rows of the file are the very recipient of -> that
    row's fingerprint: rows to order found so (``exact``: index in ``rows``, card), and rows of the batch
    left out as sent elsewhere for one (their note names it)."""
    owners = {card: rows.fingerprints[j] for j, card in exact}
    index = {order.po_number: number for number, order in enumerate(earlier)}
    for fingerprint in present:
        record = known.get(fingerprint)
        card = elsewhere_card(record.error) if record is not None and record.status == ELSEWHERE else None
        if card is not None and card[0] in index:
            owners.setdefault((index[card[0]], card[1]), fingerprint)
    return owners


def _copied(
    found: Sequence[tuple[int, tuple[int, int]]],
    exact: int,
    earlier: Sequence[OrderRecord],
    edited: Collection[int] = (),
) -> list[OrderRecord]:
    """The orders of the rows ``found`` that say the file may be a copy of another batch's: the very cards
    (the first ``exact``) and a card to the same name at the same place of another value (``edited``: the
    same person's row, its amount changed: an edited copy of a file whose every amount changed, found by
    newcomer5's test after a36c2c9f), and a card to the same name elsewhere or one written almost alike only
    beside those of the same batch. A list of other people holding a namesake of another batch's recipient
    (John Smith of Madison after John Smith of Boston) or a colleague's name written almost alike was refused
    whole as 'the same rows under another batch name', its other people never sent (found by
    hunter-falsealarm7: December's two birthdays after November's); such rows are held one by one."""
    very = [k < exact or i in edited for k, (i, _where) in enumerate(found)]
    batches = {earlier[o].batch for k, (_i, (o, _line)) in enumerate(found) if very[k]}
    return [earlier[o] for k, (_i, (o, _line)) in enumerate(found) if very[k] or earlier[o].batch in batches]


def _mostly_of(repeats: Sequence[OrderRecord], valid: int) -> str | None:
    """The other batch at least ``SAME_ROWS_SHARE`` of the file's valid rows repeat, if any."""
    by_batch = Counter(order.batch for order in repeats)
    if not by_batch or valid == 0:
        return None
    other, count = by_batch.most_common(1)[0]
    return other if count >= max(1, math.ceil(valid * SAME_ROWS_SHARE)) else None
