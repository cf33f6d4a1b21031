"""The next step a person can take on rows in review, by what the vendor's answer allows: an ``--at-vendor``
command (with ``--rows`` when the person must name them) or a ``--release --not-ours`` one, shown by the
review and in a refusal's hint.

A hint never suggests a command that would be refused: each is tried with the checks the command runs.
"""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Sequence

from ..errors import ReviewRefusedError
from ..ledger import Ledger, OrderRecord, RowRecord
from ..models import VendorOrder
from ..rebuild import batch_orders_pattern
from .checks import (
    ReleaseCheck,
    _check_target,
    _refuse_no_card_order,
    check_release,
    may_be_another_ledgers,
    sent_by_this_ledger,
    waiting_rows,
)
from .lines import _free_lines, _line_card, _takes_no_row, card_of_item, planned_item, ranges
from .otheroffice import other_offices_people, said_shortly
from .placed import placed_by_another
from .ties import tie_rows
from .vendorview import VendorView, _set_aside


def _confirm_command(
    ledger: Ledger,
    batch: str,
    own: OrderRecord,
    rows: Sequence[RowRecord],
    vendor_order: VendorOrder,
    nameable: Sequence[int],
    reference: str,
) -> str:
    """The ``--at-vendor ... --rows`` command for the rows a person could confirm in ``vendor_order``."""
    if not nameable:
        return ""
    command = (
        f"bulkship reconcile {shlex.quote(batch)} --resolve {own.po_number} --at-vendor {reference} --rows"
    )
    room = sum(
        1
        for i in _free_lines(ledger, vendor_order)
        if not _takes_no_row(vendor_order, i) and not vendor_order.line_items[i].external_id
    )
    most = min(room, len(nameable))
    pick = f"{command} N,N (at most {most} of rows {ranges(nameable)}: the ones you found in it)"
    try:
        tie_rows(ledger, own, rows, vendor_order, set(nameable), "check")
    except ReviewRefusedError:  # more rows than lines: the person names the ones they found
        return pick
    if _rows_beyond_lines(ledger, batch, vendor_order):
        return pick
    return f"{command} {','.join(map(str, nameable))}"


def _rows_beyond_lines(ledger: Ledger, batch: str, vendor_order: VendorOrder) -> bool:
    """Whether more rows of the batch wait for review, on any PO, than ``vendor_order`` has lines tied to no
    row of their card: its lines may be some of them, not all. Offered ready, '--at-vendor ... --rows 6,7'
    for BS-STAFF-0003's two blind lines, beside row 8 waiting on 0004 for the same lines, recorded row 7 as
    sent where 0003 held E4 and E5 (a ledger restored from a backup; found by hunter-vendor20): that person
    never got a card. The person names the rows they found in it."""
    free = Counter(_line_card(vendor_order, i) for i in _free_lines(ledger, vendor_order))
    waiting = Counter(
        card_of_item(planned_item(ledger.order(po), r))
        for po, rows in waiting_rows(ledger, batch).items()
        for r in rows
    )
    return any(waiting[card] > count for card, count in free.items())


def at_vendor_command(
    ledger: Ledger,
    batch: str,
    own: OrderRecord,
    rows: Sequence[RowRecord],
    view: VendorView,
    check: ReleaseCheck,
) -> str:
    """An ``--at-vendor`` command for the rows waiting on ``own`` that the vendor's answer now allows: into
    the vendor's order of the same PO, or one whose lines may be them; "" when none would be accepted. Never
    into an order whose Note names another ledger (another office's batch of the same name: the command
    would record this list's people as sent, and they would never get a card; :mod:`.placed`)."""
    sighting = view.sightings.get(own.po_number)
    own_order = sighting.order if sighting else None
    candidates = [own_order] if own_order else []
    # when the vendor holds the PO this ledger sent them under, they are in it or nowhere
    if own_order is None or not sent_by_this_ledger(ledger, own.po_number):
        candidates += [s.vendor_order for s in check.suspects]
    seen: set[str] = set()
    for vendor_order in candidates:
        if vendor_order.id in seen or len(seen) >= 3:
            continue
        seen.add(vendor_order.id)
        if placed_by_another(ledger, vendor_order):
            continue
        try:
            _check_target(ledger, batch, own, vendor_order)
            _refuse_no_card_order(batch, own.po_number, vendor_order)
            ties, _left, nameable = tie_rows(ledger, own, rows, vendor_order, set(), "check")
        except ReviewRefusedError:
            continue
        if nameable:
            return _confirm_command(ledger, batch, own, rows, vendor_order, nameable, vendor_order.id)
        if ties:
            return (
                f"bulkship reconcile {shlex.quote(batch)} --resolve {own.po_number} --at-vendor "
                f"{vendor_order.id}"
            )
    return ""


def _loose_orders(ledger: Ledger, batch: str, orders: Sequence[VendorOrder]) -> list[VendorOrder]:
    """Of ``orders``, those whose PO only may be the batch's: ``BS-GIFTS-STAFF-0001`` for batch ``staff``
    (under a two-part prefix ``BS-GIFTS``), or batch ``gifts-staff``'s, run with another ledger; or the
    batch's own that this ledger never sent (:func:`may_be_another_ledgers`)."""
    record = ledger.batch(batch)
    strict = batch_orders_pattern(record.po_prefix if record else "", batch, strict=True)
    return [
        o for o in orders if not strict.fullmatch(o.po_number) or may_be_another_ledgers(ledger, o.po_number)
    ]


def same_name_orders(ledger: Ledger, batch: str, pos: Sequence[str]) -> list[str]:
    """Of ``pos``, the batch's own PO numbers (set aside only as another ledger's batch of the same name)."""
    record = ledger.batch(batch)
    strict = batch_orders_pattern(record.po_prefix if record else "", batch, strict=True)
    return [po for po in pos if strict.fullmatch(po)]


def same_name_aside(ledger: Ledger, batch: str, command: str, check: ReleaseCheck) -> list[VendorOrder]:
    """The vendor orders of the batch's own PO numbers a ``--not-ours`` ``command`` sets aside (another
    ledger's batch of the same name), of those in the way of the release."""
    pos = same_name_orders(ledger, batch, command.split("--not-ours ")[-1].split(",")) if command else []
    return [s.vendor_order for s in check.suspects if s.vendor_order.po_number in pos]


def not_ours_command(
    ledger: Ledger,
    batch: str,
    own: OrderRecord,
    rows: Sequence[RowRecord],
    view: VendorView,
    check: ReleaseCheck,
) -> str:
    """A ``--release --not-ours PO,PO`` command when the only vendor lines in the way of the release are of
    orders that only may be the batch's (:func:`_loose_orders`); "" otherwise."""
    in_range = {o.id for o in view.in_range}
    loose = _loose_orders(
        ledger, batch, [s.vendor_order for s in check.suspects if s.vendor_order.id in in_range]
    )
    loose = list({o.id: o for o in loose}.values())  # one suspect a card kind or ExternalId: each order once
    same_name = set(same_name_orders(ledger, batch, [o.po_number for o in loose]))
    theirs = [o for o in loose if o.po_number in same_name]
    if same_name and not (
        _another_list(ledger, batch, theirs)
        or other_offices_people(ledger, own, rows, theirs, check.suspects)
    ):
        loose = [o for o in loose if o.po_number not in same_name]
    pos = list(dict.fromkeys(o.po_number for o in loose))
    if not pos or not check_release(ledger, own, rows, _set_aside(view, pos)).allowed:
        return ""
    return (
        f"bulkship reconcile {shlex.quote(batch)} --resolve {own.po_number} --release --not-ours "
        f"{','.join(pos)}"
    )


def _another_list(ledger: Ledger, batch: str, orders: Sequence[VendorOrder]) -> bool:
    """Whether the batch's own orders this ledger never sent show more lines of a card, tied to no row, than
    rows of it wait for review in the whole batch: they cannot all be this list's, so another ledger's list of
    the same name is offered to be set aside. Else they may be this very list sent from a ledger since lost
    or restored from a backup (130 one-line orders, 130 rows waiting; BS-STAFF-0003's two lines beside rows
    waiting on 0003 and 0004): the person names the rows found in them (--at-vendor --rows), never offered
    to release them."""
    waiting = Counter(
        card_of_item(planned_item(ledger.order(po), r))
        for po, rows in waiting_rows(ledger, batch).items()
        for r in rows
    )
    once = {o.id: o for o in orders}.values()  # a vendor order counted twice read as more lines than rows
    shown = Counter(_line_card(o, i) for o in once for i in _free_lines(ledger, o) if not _takes_no_row(o, i))
    return any(count > waiting[card] for card, count in shown.items())


def _release_hint(
    ledger: Ledger,
    batch: str,
    order: OrderRecord,
    rows: Sequence[RowRecord],
    view: VendorView,
    check: ReleaseCheck,
) -> str:
    hints = []
    alternative = not_ours_command(ledger, batch, order, rows, view, check)
    theirs = same_name_aside(ledger, batch, alternative, check)
    if alternative and (whom := other_offices_people(ledger, order, rows, theirs, check.suspects)):
        hints.append(
            f"if those lines are another office's people of the same Employee IDs, as they show ("
            f"{said_shortly(whom)}; ask whoever runs that ledger): {alternative}"
        )
    elif alternative:
        hints.append(
            "if the vendor orders named are another batch's (e.g. one run with another ledger on this "
            f"account): {alternative}"
        )
    if command := at_vendor_command(ledger, batch, order, rows, view, check):
        hints.append(f"if they are at the vendor: {command}")
    if not hints and not view.complete:
        hints.append("try again once the vendor's whole order list can be read")
    return (
        "; ".join(hints)
        or f"see what the vendor shows for them: bulkship reconcile {shlex.quote(batch)} --review"
    )
