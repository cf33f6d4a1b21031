"""Rows held beside this batch's own ordered rows (a step of :func:`.holds.find_holds`): a row carrying the
reference of a row the batch ordered, a row a line of the batch's own orders tied to no row may be, a row new
to the batch beside its person's ordered row at another address."""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..folding import fold_reference
from ..ledger.records import REVIEW_ITEMS
from ..models import FINGERPRINT, ROW
from ..payload import line_items
from ..plan import external_reference
from .beside import beside_ordered
from .cards import _quantity, _Rows
from .emails import recorded_emails
from .policy import _SENT_STATES, ALLOW_FLAG, HELD, RepeatPolicy
from .takenout import split_advised_at

if TYPE_CHECKING:
    import pandas as pd

    from ..ledger import Ledger, OrderRecord, RowRecord


def held_beside(
    ledger: Ledger,
    batch: str,
    policy: RepeatPolicy,
    rows: _Rows,
    candidates: pd.DataFrame,
    frame: pd.DataFrame,
    staying: Sequence[RowRecord],
    known: Mapping[str, RowRecord],
    orders: Mapping[str, OrderRecord],
) -> dict[str, str]:
    """The rows of ``rows`` (the ``candidates`` of ``frame``) to hold beside the batch's ordered rows the file
    still holds (``staying``): fingerprint -> why."""
    holds: dict[str, str] = (
        _same_reference(staying, rows, candidates, _rows_now(frame, staying))
        if policy.references_people
        else {}
    )
    for fp, note in _on_untied_lines(batch, rows, candidates, known, orders).items():
        holds.setdefault(fp, note)
    # a row new to the batch beside its person's ordered row, at another address: as a later batch's row
    mails = recorded_emails(ledger, batch) if staying else {}
    for fp, note in beside_ordered(
        staying, orders, rows, known, split_advised_at(ledger, batch), mails
    ).items():
        holds.setdefault(fp, note)
    return holds


def _on_untied_lines(
    batch: str,
    rows: _Rows,
    candidates: pd.DataFrame,
    known: Mapping[str, RowRecord],
    orders: Mapping[str, OrderRecord],
) -> dict[str, str]:
    """Rows to order that a line of the batch's own orders may be, a line no row is tied to: fingerprint ->
    why. Such lines are the vendor's, found when this ledger had no record of the batch (its rows, edited
    since, wait for review): a row back as it was sent (the edit undone) is one of them, and was sent a
    second card under a new PO number (found by hunter-sheets7). Its ExternalId, or (a line showing none)
    its card and value, is what ties it. Only rows new to the batch (or held already), and only orders whose
    rows wait for review."""
    tied: dict[str, set[int]] = {}
    for record in known.values():
        if record.po_number and record.line_index is not None:
            tied.setdefault(record.po_number, set()).add(record.line_index)
    by_id: dict[str, tuple[str, int]] = {}
    by_card: dict[tuple[str, str, int], tuple[str, int]] = {}
    for po, order in orders.items():
        # an order found at the vendor whose rows wait: its stored lines are the vendor's (an order of our
        # own stores what we sent, a line of it that a person released being at the vendor at no line)
        if order.state not in _SENT_STATES or not order.payload().get(REVIEW_ITEMS):
            continue
        for index, item in enumerate(line_items(order)):
            if index in tied.get(po, ()):
                continue
            reference = fold_reference(item.get("ExternalId"))
            if reference:
                by_id.setdefault(reference, (po, index))
            else:
                product = str(item.get("ProductId") or "").casefold()
                key = (product, rows.folder.amount(item.get("Value")), _quantity(item.get("Quantity")))
                by_card.setdefault(key, (po, index))
    if not by_id and not by_card:
        return {}
    quantities = candidates["quantity"].tolist() if "quantity" in candidates.columns else [1] * len(rows.rows)
    holds = {}
    for i, fingerprint in enumerate(rows.fingerprints):
        earlier = known.get(fingerprint)
        if earlier is not None and earlier.status != HELD:  # released by a person: sent on their word
            continue
        reference = fold_reference(
            external_reference(batch, fingerprint, str(rows.columns["external_id"][i]))
        )
        card = rows.card(i)
        at = by_id.get(reference) or by_card.get((card.product, card.value, _quantity(quantities[i])))
        if at is not None:
            po, index = at
            holds[fingerprint] = (
                f"Held, not sent: line {index + 1} of this batch's order {po} at the vendor may be this "
                "row's card, and no row is tied to it (the order was found at the vendor when this ledger "
                "had no record of the batch; its rows as edited then wait for review): the person may have "
                f"this card already. See what the vendor holds: bulkship reconcile {shlex.quote(batch)} "
                "--review; to "
                f"send another card all the same, re-run with {ALLOW_FLAG}"
            )
    return holds


def _rows_now(frame: pd.DataFrame, staying: Sequence[RowRecord]) -> dict[str, int]:
    """The row of the file each of ``staying`` (ordered rows the file still holds) is read at now."""
    ordered = {record.fingerprint for record in staying}
    numbers = frame[ROW] if ROW in frame.columns else frame.index.to_series()
    return {
        fp: int(row)
        for fp, row in zip(frame[FINGERPRINT].astype(str).tolist(), numbers.tolist(), strict=True)
        if fp in ordered
    }


def _same_reference(
    staying: Sequence[RowRecord], rows: _Rows, candidates: pd.DataFrame, rows_now: Mapping[str, int]
) -> dict[str, str]:
    """Rows to order that carry the reference (ExternalId: the sheet's own, e.g. an employee ID) of a row
    this batch already ordered and the file still holds (at the row ``rows_now`` gives): fingerprint -> why.
    One reference is one recipient's card; a second row with it is an edit come back beside the original (a
    re-run of an older file, a Fix-these copy), not a new card, unless the sheet says so (its
    allow-duplicate column)."""
    by_row = sorted(staying, key=lambda r: r.row)
    ordered = {folded: r for r in by_row if (folded := fold_reference(r.external_id))}
    if not ordered:
        return {}
    on_purpose = (
        candidates["allow_duplicate"].eq("yes").tolist()
        if "allow_duplicate" in candidates.columns
        else [False] * len(rows.rows)
    )
    holds = {}
    for i, reference in enumerate(rows.columns["external_id"]):
        record = ordered.get(folded) if (folded := fold_reference(reference)) else None
        if record is not None and not on_purpose[i]:
            now = rows_now.get(record.fingerprint, record.row)
            holds[rows.fingerprints[i]] = _same_reference_note(reference, record, rows.rows[i], now)
    return holds


def _same_reference_note(reference: str, record: RowRecord, here: int, now: int) -> str:
    """What row ``here`` held for ``reference``, ordered as ``record`` (its row then), says: the ordered
    card read at row ``now`` of the file. A row edited after its card was sent, its duplicate further down
    now reading as that card, said 'already ordered in this batch (row 3, ...) and that row is still in
    the file' on row 3 itself (newcomer20's N19)."""
    if now == record.row:
        where = f"(row {record.row}, PO {record.po_number}) and that row is still in the file"
    else:
        then = "this row" if record.row == here else f"row {record.row}"
        where = (
            f"(PO {record.po_number}) for {then} as the list had it then, and row {now}, which reads as "
            "that card as ordered, is still in the file"
        )
    return (
        f"Held, not sent: ExternalId {reference} was already ordered in this batch {where}. One reference "
        f"is one card: remove one of the two rows, or re-run with {ALLOW_FLAG} to send another card on "
        "purpose"
    )
