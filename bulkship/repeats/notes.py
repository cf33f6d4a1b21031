"""What a held row and a refused batch say: the earlier card it repeats, and whether the batch may go on.
A probable edit of a row this batch ordered that the file no longer holds: :mod:`.edits`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import BatchConflictError
from ..ledger.orderstates import COMMITTED_ORDER_STATES, rows_on_orders_in
from ..ledger.records import ELSEWHERE
from ..statuses import HAS_CARD
from .earlier import Changed
from .newrun import _command, _continue_hint, _where, sent_cards
from .policy import _SENT_STATES, ALLOW_FLAG, ALSO_SENT, ALSO_SENT_PLANNED, RepeatPolicy

if TYPE_CHECKING:
    import pandas as pd

    from ..ledger import BatchRecord, Ledger, OrderRecord

_VERBS = {"created": "ordered", "planned": "planned, not sent yet", "review": "perhaps ordered (in review)",
          "elsewhere": "found already sent (in another batch's order)"}  # fmt: skip


def _repeat_note(
    order: OrderRecord,
    row: int | None,
    policy: RepeatPolicy,
    *,
    reference: object = None,
    changed: Changed | None = None,
) -> str:
    """``changed``: the earlier card went to the same name at another address, or was of another value."""
    verb = _VERBS.get(order.state, "sent")
    where = f"row {row}, " if row is not None else ""
    if changed is not None and changed.other_card is not None:  # .othercard: the lead's words (session 49)
        return (
            f"Held, not sent: another card ({changed.other_card}) to the same person (same {changed.same}) "
            f"was {verb} in batch {order.batch!r} ({where}PO {order.po_number}, {order.created[:10]}), "
            f"within the last {policy.window_days} days: this would be a second card for the same person. "
            f"If it is one on purpose, re-run with {ALLOW_FLAG} to send it"
        )
    if changed is not None:
        to = "the same name"
        if changed.other_name is not None:  # a typo, an initial (newcomer11)
            to, what = f"a name written almost alike ({changed.other_name})", "at the same address"
            corrected, other = "the name", "another person at that address"
        elif changed.moved_from is not None:
            what, corrected = f"of the same value at another address ({changed.moved_from})", "the address"
            other = "another person of the same name"
        else:
            what, corrected = f"of another value ({changed.other_value}) at the same address", "the value"
            other = "a second card on purpose"
        return (
            f"Held, not sent: a card of the same kind to {to} {what} was {verb} in batch "
            f"{order.batch!r} ({where}PO {order.po_number}, {order.created[:10]}), within the last "
            f"{policy.window_days} days. If {corrected} was corrected, that person has their card already; "
            f"if this is {other}, re-run with {ALLOW_FLAG} to send it"
        )
    what = (
        f"reference {reference} (the same person: same name or address), card and value"
        if reference
        else "recipient, address, card and value"
    )
    # (batchstatus._repeats_row reads "the same ... in batch 'X' (row N, PO " back: a person counted once)
    # the very card, made: the person has it, and --allow-repeat offered as the way on sent a list split by
    # hand a second card for each of its rows another batch sent (newcomer19's N12)
    then = HAS_CARD if has_card(order, reference) else "To send it again on purpose,"
    return (
        f"Held, not sent: the same {what} were {verb} in batch "
        f"{order.batch!r} ({where}PO {order.po_number}, {order.created[:10]}), within the last "
        f"{policy.window_days} days. {then} re-run with {ALLOW_FLAG}"
    )


def has_card(order: OrderRecord, reference: object = None) -> bool:
    """Whether a row held for a card of ``order`` (not only by ``reference``) is held for the very card, made:
    its person has it (:data:`..statuses.HAS_CARD`)."""
    return order.state == "created" and not reference


def _refuse_same_rows(
    batch: str,
    file_name: str,
    ledger: Ledger,
    repeats: Sequence[OrderRecord],
    valid: int,
    other: str,
    keep: Sequence[str] = (),
    *,
    frame: pd.DataFrame | None = None,
    shown: str = "",
) -> None:
    """Refuse a new batch mostly of another batch's rows; ``file_name`` the file's name (the batch's file
    is compared by it), ``shown`` the file as the person typed it, named in what is said."""
    count = sum(1 for order in repeats if order.batch == other)
    record = ledger.batch(other)
    first = min(order.created for order in repeats if order.batch == other)
    cards, waiting = sent_cards(ledger, other)  # rows waiting for review hold no card of this ledger's
    sent = cards and any(o.state in (*_SENT_STATES, ELSEWHERE) for o in repeats if o.batch == other)
    where = _where(record, first, sent=sent, waiting=waiting) if record is not None else f"batch {other!r}"
    verb = "were already ordered by" if sent else "are already planned in"
    taken = "ordered" if sent else "planned"
    own = (
        f"to send only the rows no batch has {taken} yet (the {len(repeats)} already {taken} are held, not "
        "sent), name its batch yourself, which says it is a new list: "
        f"`{_command(shown or file_name, 'NEW-NAME', keep)}`"
    )
    raise BatchConflictError(
        f"{count} of the {valid} valid rows of {shown or file_name} {verb} {where}: the same rows "
        f"under another batch name ({batch!r}). Nothing was sent",
        hint=(
            _continue_hint(record, shown or file_name, own, keep=keep, sent=sent)
            if record is not None and _may_continue(ledger, record, file_name, frame)
            else f"{own}; to send these cards {'again' if sent else 'under this batch too'} on purpose, add "
            f"{ALLOW_FLAG} {ALSO_SENT if sent else ALSO_SENT_PLANNED}"
        ),
        other=other,
        other_sent=sent,
    )


def _may_continue(ledger: Ledger, record: BatchRecord, file_name: str, frame: pd.DataFrame | None) -> bool:
    """Whether running ``frame`` (read from ``file_name``) as batch ``record`` passes that batch's file check
    (:func:`bulkship.batchidentity.check_batch_identity`): the command to continue it is offered only then.
    Rows the same as ordered ones once folded ('3 Main Street' for '3 Main St') are no row of it: advised
    "continue that batch", the person was refused "a different file" (found by hunter-sheets9)."""
    if frame is None:
        return True
    from ..batchidentity import check_batch_identity

    known = {r.fingerprint: r for r in ledger.batch_rows(record.name)}
    orders = {o.po_number: o for o in ledger.orders(record.name)}
    committed = rows_on_orders_in(known, orders, COMMITTED_ORDER_STATES)
    try:
        check_batch_identity(
            record.name, file_name, record.file_name, known, committed, frame, book=record.output
        )
    except BatchConflictError:
        return False
    return True
