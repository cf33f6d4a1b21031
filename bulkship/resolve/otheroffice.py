"""A line of a vendor order a person set aside as another batch's (``--release --not-ours PO``) that carries a
waiting row's ExternalId yet is another office's person: the order's Note names another ledger
(:mod:`bulkship.ordernote`) and the line shows a wholly different recipient (another name and another
street, compared as everywhere: :class:`~.recipients.LineIndex`, and no name a typo or a short form apart).

Two offices on one vendor account run lists of the same batch name whose Employee IDs collide (E0..E2 in
both, other people): office B's rows waited for ever, --release refused for the lines carrying their
ExternalIds and --not-ours refused too, as a set-aside order is still looked at by ExternalId (found by
hunter-vendor22, L5; the lead's decision). Without such a Note, or with a recipient that may be the row's
person (the same name, or the same street: a lost ledger's row edited since), the line still stands in the
way: the person may have a card already.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..addressmatch import vendor_address
from ..folding import fold_person
from ..ledger import Ledger, OrderRecord, RowRecord
from ..models import VendorOrder
from ..namealike import names_alike
from .lines import planned_item
from .recipients import LineIndex

if TYPE_CHECKING:  # suspects reads this module
    from .suspects import Suspect


def another_offices_person(ledger: Ledger, vendor_order: VendorOrder, at: int, item: Any) -> str:
    """Whom line ``at`` of ``vendor_order`` shows ('Person 0 at 1 Main St') when the order's Note names
    another ledger than ``ledger`` and that recipient is wholly other than the one of ``item`` (the
    waiting row's line item); "" when it may be the row's person (or shows no recipient)."""
    if not ledger.other_ledger(vendor_order) or not isinstance(item, dict):
        return ""
    ours = item.get("PhysicalDeliveryAddress")
    shown = vendor_address(vendor_order, at)
    if not isinstance(ours, dict) or shown is None:
        return ""
    index = LineIndex.of([(vendor_order, at)])
    if index.blind or index.may_be(item) is not None:  # no recipient shown, or the same name or street
        return ""
    theirs = str(shown.get("name") or "")
    if names_alike(fold_person(theirs), fold_person(ours.get("Name"))):  # 'Jon Smith' / 'John Smith'
        return ""
    return f"{theirs} at {shown.get('addressline1') or ''}"


def rows_it_may_be(
    ledger: Ledger,
    vendor_order: VendorOrder,
    at: int,
    rows: Sequence[RowRecord],
    items: dict[str, dict[str, Any]],
) -> list[RowRecord]:
    """Of ``rows`` (carrying the ExternalId line ``at`` of a set-aside ``vendor_order`` carries), those the
    line may be: all but another office's people (:func:`another_offices_person`)."""
    return [r for r in rows if not another_offices_person(ledger, vendor_order, at, items.get(r.fingerprint))]


def _whom(
    ledger: Ledger, order: OrderRecord, vendor_order: VendorOrder, at: int, rows: Sequence[RowRecord]
) -> tuple[list[str], bool]:
    """What line ``at`` of ``vendor_order`` shows of another office's person for each of ``rows`` carrying
    its ExternalId ('row 2's E0: Person 0 at 1 Main St on BS-STAFF-0001'), and whether it is another
    office's person for every one of them (True when none carries it)."""
    line = vendor_order.line_items[at]
    said: list[str] = []
    every = True
    for row in rows:
        if not line.external_id or row.external_id != line.external_id:
            continue
        if who := another_offices_person(ledger, vendor_order, at, planned_item(order, row)):
            said.append(f"row {row.row}'s {line.external_id}: {who} on {vendor_order.po_number}")
        else:
            every = False
    return said, every


def other_offices_people(
    ledger: Ledger,
    order: OrderRecord,
    rows: Sequence[RowRecord],
    orders: Sequence[VendorOrder],
    suspects: Sequence[Suspect],
) -> tuple[str, ...]:
    """Whom the lines of ``orders`` (the batch's own PO numbers, never sent by this ledger) that stand in the
    way of releasing ``rows`` (``suspects``) show, when every one of them is another office's person: a line
    carrying a waiting row's ExternalId, its order's Note naming another ledger, showing a wholly other
    recipient (:func:`another_offices_person`); () when any such line may be one of the rows (the same name
    or street, no recipient shown, no other ledger's Note, or a line of the row's card for its name).

    Office B's review pointed to nothing while its rows waited on office A's order of the same batch name
    and Employee IDs (hunter-vendor23's leftover): the set-aside a person types after checking is offered,
    with whom those lines show, only then."""
    ids = {o.id for o in orders}
    said: list[str] = []
    for suspect in suspects:
        if suspect.vendor_order.id not in ids:
            continue
        covered: set[int] = set()
        for line in suspect.lines:  # 1-based
            whom, every = _whom(ledger, order, suspect.vendor_order, line - 1, rows)
            if not whom or not every:
                return ()
            said += whom
            covered |= {
                r.row for r in rows if r.external_id == suspect.vendor_order.line_items[line - 1].external_id
            }
        if not covered >= set(suspect.rows):  # a row that line is a suspect of for another reason
            return ()
    return tuple(dict.fromkeys(said))


def other_offices_words(
    ledger: Ledger, order: OrderRecord, rows: Sequence[RowRecord], aside: Sequence[VendorOrder]
) -> str:
    """What the orders set aside (``aside``) show of another office's people carrying the ExternalIds of
    ``rows`` (waiting on ``order``), in the words shown before "Record this?" ("" when none)."""
    said: list[str] = []
    for vendor_order in aside:
        for at in range(len(vendor_order.line_items)):
            said += _whom(ledger, order, vendor_order, at, rows)[0]
    if not said:
        return ""
    shown = said_shortly(said)
    return (
        f"; lines carrying these rows' ExternalIds show other people ({shown}), on orders whose Note names "
        "another bulkship ledger: another office's people of the same Employee IDs, not these rows"
    )


def said_shortly(said: Sequence[str]) -> str:
    """The first three of ``said``, the others counted."""
    return "; ".join(said[:3]) + (f"; and {len(said) - 3} more" if len(said) > 3 else "")
