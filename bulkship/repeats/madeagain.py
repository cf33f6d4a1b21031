"""A row of a part of a split list whose card another batch of the list made again: sent elsewhere.

A list split as its refused ``--max-total`` advised: the part taken out (batch rest) sends a row's card, the
whole list (batch gifts) run again leaves that row out as sent elsewhere (:mod:`.takenout`). When the vendor
ends one of these cards without a card, the row left out for it is held and the batches take turns to send
it; the batch that did not send it last then held its own row 'This person has this card already: nothing
to do', exit 3, for good (newcomer20's N11; seed 91 of hunter-vendor32's harness). The hold of a row whose
card elsewhere is gone records that card and the rows (the event ``elsewhere_made_no_card``): what ties this
batch's row to the other batch's card made again, and leaves it out as sent elsewhere, naming that card."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..folding import fold_reference
from ..ledger.records import ELSEWHERE_MADE_NO_CARD, ELSEWHERE_NOTE, OrderRecord, RowRecord
from ..payload import line_items
from .cards import _Rows

if TYPE_CHECKING:
    from ..ledger import Ledger

# a row of the batch whose card was never made: failed (its line ended without a card), or held since
_MADE_NO_CARD_HERE = ("failed", "held")


def sent_by_the_list(
    ledger: Ledger,
    batch: str,
    rows: _Rows,
    found: Sequence[tuple[int, tuple[int, int]]],
    known: Mapping[str, RowRecord],
    earlier: Sequence[OrderRecord],
) -> dict[int, str]:
    """Of ``found`` (rows of ``batch``'s file, each with the very card another batch made: its order in
    ``earlier``, its line), those whose card that is: row index -> what it says as sent elsewhere. Either
    this batch's own card for the row was ended without a card, and the other batch's row left out for it
    was held, then sent from its own batch (:func:`_their_row_was_left_out_for_it`); or this batch's row was
    left out for the other batch's card, held when the vendor ended it, and that batch sent the same row's
    card again (:func:`_their_card_made_again`)."""
    theirs: dict[str, dict[tuple[str, int], set[str]]] = {}
    mine = _held_for_cards_gone(ledger, batch)
    found_here = {}
    for i, (o, line) in found:
        record, order = known.get(rows.fingerprints[i]), earlier[o]
        if record is None or record.status not in _MADE_NO_CARD_HERE:
            continue
        if order.state != "created" or not order.vendor_order_id:  # in doubt: not that row's card yet
            continue
        there = [r for r in ledger.rows_by_po(order.po_number) if r.line_index == line]
        if not there or any(r.status != "ordered" for r in there):
            continue
        if order.batch not in theirs:
            theirs[order.batch] = _held_for_cards_gone(ledger, order.batch)
        how = _their_row_was_left_out_for_it(record, there, theirs[order.batch])
        how = how or _their_card_made_again(ledger, record, mine, order, line)
        if how:
            found_here[i] = ELSEWHERE_NOTE.format(
                line=line + 1,
                po=order.po_number,
                order_id=order.vendor_order_id,
                how=f"batch {order.batch!r}, its row {there[0].row}: the same recipient, address, card and "
                f"value, {how}",
                by="bulkship",
            )
    return found_here


def _their_row_was_left_out_for_it(
    record: RowRecord, there: Sequence[RowRecord], held: Mapping[tuple[str, int], set[str]]
) -> str:
    """Why the card ``there`` (its rows) is ``record``'s, when it is so: its batch's row was left out for
    ``record``'s own card (its PO and line), held when the vendor ended it (``held``: that batch's holds),
    then sent. "" otherwise."""
    if record.po_number is None or record.line_index is None:
        return ""
    tied = held.get((record.po_number, record.line_index), set())
    if not all(r.fingerprint in tied for r in there):
        return ""
    return (
        f"sent from that batch once this batch's card for it (line {record.line_index + 1} of vendor order "
        f"{record.po_number}, which that row was left out for) was ended by the vendor without a card"
    )


def _their_card_made_again(
    ledger: Ledger,
    record: RowRecord,
    mine: Mapping[tuple[str, int], set[str]],
    order: OrderRecord,
    line: int,
) -> str:
    """Why line ``line`` of ``order`` is ``record``'s card, when it is so: ``record`` was left out for a
    card of ``order``'s batch (``mine``: this batch's holds), held when the vendor ended that card, and
    that batch sent the same row's card again (its line's ExternalId, which names that batch's row). ""
    otherwise."""
    reference = _reference(order, line)
    for (po, gone), fingerprints in mine.items():
        if record.fingerprint not in fingerprints:
            continue
        failed = ledger.order(po)
        if (
            failed is not None
            and failed.batch == order.batch
            and reference
            and _reference(failed, gone) == reference
        ):
            return (
                f"sent again from that batch once its card this row was left out for (line {gone + 1} of "
                f"vendor order {po}) was ended by the vendor without a card"
            )
    return ""


def _reference(order: OrderRecord, line: int) -> str:
    """The ExternalId of line ``line`` of ``order``, folded ("" when it has none)."""
    items = line_items(order)
    return fold_reference(items[line].get("ExternalId")) if 0 <= line < len(items) else ""


def _held_for_cards_gone(ledger: Ledger, batch: str) -> dict[tuple[str, int], set[str]]:
    """The rows of ``batch`` held as their card elsewhere was gone, by that card: (PO, line) -> the rows'
    fingerprints."""
    held: dict[tuple[str, int], set[str]] = {}
    for event in ledger.events(batch, kinds=[ELSEWHERE_MADE_NO_CARD]):
        po, line, fingerprints = (event.detail.get(k) for k in ("po", "line", "fingerprints"))
        if isinstance(po, str) and isinstance(line, int) and isinstance(fingerprints, list):
            held.setdefault((po, line), set()).update(str(fp) for fp in fingerprints)
    return held
