"""Rows of a lost ledger's batch found on none of the vendor's orders, held for a person while what the vendor
shows may be incomplete: an order charging beyond the lines it shows, or showing its lines in part; its PO
numbers skipping one; its order list not read to its end; orders of the batch this ledger did not make. Each
holds the rows not tied (:class:`.search._Tally`), saying why; planned, they may go out a second time."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ..models import PlannedLine, VendorOrder
from ..money import money_text
from ..plan import order_seq, skipped_number
from .search import _Tally


def _hold_if_lines_unshown(
    tally: _Tally,
    in_scope: Sequence[VendorOrder],
    lines: Sequence[PlannedLine],
    *,
    elsewhere: Sequence[VendorOrder] = (),
) -> None:
    """Rows found on none of the batch's orders wait for a person when one of those orders charges beyond
    the card lines it shows at least what one of them costs: its reads may leave lines out (found by
    hunter-vendor5: a new ledger, the vendor showing 2 of BS-LOST-0001's 4 lines beside its total of 100.00,
    sent L3 and L4 again in BS-LOST-0002, a second card each). Shipping billed on an order (less than any
    card) holds nothing. An order of the batch, or one elsewhere holding its rows, showing its lines in part
    (pages not sent) holds them too."""
    untied = [ln for ln in lines if ln.fingerprint not in tally.taken]
    if not untied:
        return
    cheapest = min(ln.cost for ln in untied)
    for order in [*in_scope, *elsewhere]:
        if order.lines_partial:
            # its lines come in pages, some shown (client.parse.lines_partial), its total not read beside
            # them: a row may be on a page not shown (found by hunter-vendor11: since 9988742 they were
            # sent again, a second card each)
            why = (
                f"the vendor's order {order.po_number} shows some of its lines only ({len(order.line_items)} "
                "shown, the others on pages of its answer it did not send): it may hold this row's card on "
                "a line not shown"
            )
            for line in untied:
                tally.hold(line, order.po_number, why)
            return
    for order in in_scope:
        cards = order.card_lines
        if order.total is None or any(li.cost is None for li in cards):
            continue
        shown = sum((li.cost or Decimal(0) for li in cards), Decimal(0))
        if order.total == shown * 100:  # its lines' sum in cents (as billing reads it)
            continue
        if order.total - shown >= cheapest > 0:
            why = (
                f"the vendor's order {order.po_number} charges {money_text(order.total)} beside lines of "
                f"{money_text(shown)} it shows: it may hold this row's card on a line it does not show"
            )
            for line in untied:
                tally.hold(line, order.po_number, why)
            return


def _hold_if_numbers_skipped(
    tally: _Tally, in_scope: Sequence[VendorOrder], lines: Sequence[PlannedLine]
) -> None:
    """Rows found on none of the batch's orders wait for a person when the vendor's PO numbers of the batch
    skip one between two of them: the run that made them may be sending it right now (an answer lost, the
    vendor busy), with these rows. Planned after the vendor's last number, they went out beside it (found by
    hunter-vendor15, race seed 407: Person 44 sent as BS-GIFTS-0061 while the colleague's run retried its
    0045, two cards). A number left unused for good (an order the vendor refused) holds them until a person
    releases them."""
    untied = [ln for ln in lines if ln.fingerprint not in tally.taken]
    skipped = skipped_number(o.po_number for o in in_scope) if untied else None
    if skipped is None:
        return
    missing, after = skipped
    why = (
        f"the vendor's orders of this batch skip PO number {missing} (before {after}): the run that sent "
        "them may be sending it right now, with this row (its answer lost, the vendor busy). Once that run "
        "has finished, the rows its orders hold are settled with --settle-found; a row still found nowhere "
        "can be released"
    )
    for line in untied:
        tally.hold(line, after, why)


def _hold_while_sent_elsewhere(
    tally: _Tally,
    in_scope: Sequence[VendorOrder],
    elsewhere: Sequence[VendorOrder],
    lines: Sequence[PlannedLine],
    batch: str,
) -> int:
    """Rows found on none of the batch's orders wait for a person whenever the vendor holds orders of the
    batch this ledger did not make (another computer or ledger, another --po-prefix, or this ledger's own
    record lost): the run that made them may still be sending, with these rows. Planned here, they went out
    beside its next order, under PO numbers it never uses (found by hunter-vendor16: its last order in
    flight, a new ledger with --po-prefix XY sent Gamma in XY-GIFTS-0003 beside its BS-GIFTS-0003, no 409,
    two cards). A person who knows nobody else is sending the list settles and releases them in one command
    (:func:`bulkship.resolve.release_all`), then runs again. Returns how many rows it held."""
    untied = [ln for ln in lines if ln.fingerprint not in tally.taken]
    found = [*in_scope, *elsewhere]
    if not untied or not found:
        return 0
    last = max(in_scope, key=lambda o: order_seq(o.po_number)) if in_scope else found[0]
    why = (
        f"the vendor holds orders of this batch that this ledger did not make ({last.po_number} ...: sent "
        "from another computer or ledger, or under this ledger's lost record), and the run that made them "
        "may still be sending this row. Once you have checked that no other computer is sending this list, "
        f"settle and release the rows waiting in one go: bulkship reconcile {shlex.quote(batch)} --release; "
        "then run the "
        "same command again"
    )
    for line in untied:
        tally.hold(line, last.po_number, why)
    return len(untied)


def _hold_if_list_unread(
    tally: _Tally,
    listing: Any,
    in_scope: Sequence[VendorOrder],
    elsewhere: Sequence[VendorOrder],
    lines: Sequence[PlannedLine],
) -> None:
    """Every row waits for a person when orders hold rows of the batch and the vendor's order ``listing`` was
    not read to its end: the others may be on its pages not read (found by hunter-vendor12: Gamma's
    BS-GIFTS-0002 on an unread page beside the vendor's VENDOR-77 holding Alpha and Beta, Gamma sent again in
    BS-GIFTS-0078, exit 0). Orders of the batch's PO numbers hold them when the list is not complete; orders
    elsewhere, when not every order was read."""
    if (not listing.complete and in_scope) or (not listing.every_order_read and elsewhere):
        first = (in_scope or elsewhere)[0].po_number
        why = (
            f"the vendor holds orders of this batch ({first}...) but its order list cannot be read in full "
            f"({listing.why_incomplete}), so this row may be among them"
        )
        for line in lines:
            tally.hold(line, first, why)
