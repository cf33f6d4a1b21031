"""``bulkship reconcile``: the ledger against the vendor's own order list, for finance.

Reports, for one batch:

* ``vendor_only``: orders the vendor has under this batch's PO stem that the ledger does not hold as sent
  (another machine ran the batch, or the ledger was lost);
* ``ledger_only``: orders the ledger says were created that the vendor does not list;
* ``unresolved``: orders whose creation the ledger could not confirm (``sending``/``unknown``), whether or not
  the vendor lists them; re-running ``bulkship run`` settles them with the same PO number;
* ``mismatches``: per order and line, what the vendor charged or holds differs from what was sent (line
  count, product, value, quantity, cost). A line is compared with the vendor line proven to be it (the
  ExternalId echoed, or the line Id the ledger recorded for its row); lines nothing proves are compared as
  the cards they hold (``cards``): a vendor may list an order's lines in its own order; and lines the ledger
  counts as cards that the vendor has ended without one since ``track`` last recorded them;
* ``pending_lines``: lines the vendor has not finished (not shipped, delivered or failed): informational.

Everything matches (exit 0) when the first four are empty and the two totals agree (the charged money of the
ledger's rows and the cost of the vendor's orders, when every row's cost is known). Nothing here writes to the
ledger; the vendor's list is read in :mod:`.batch`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from ..addressmatch import recipients
from ..billing import (
    billed_on_order,
    costs_unshown,
    row_made_no_card,
    total_below_lines,
    vendor_cost,
)
from ..failedkept import failed_lines_still_counted
from ..ledger import OrderRecord
from ..linematch import RecordedLine, match_lines, tie_unechoed
from ..models import VendorOrder
from ..payload import sent_lines
from ..references import unprefixed
from ..splitlines import merge_split
from ..statuses import PO_REFUSED
from .lineties import _Sent, _sent_elsewhere, _tied_again_by_line_id, _tied_by_line_id
from .refunded import LinePlans, ended_lines, failed_counted
from .report import Mismatch, ReconcileReport, to_cents
from .vendororders import SortedOrders, sort_vendor_orders

SENT_STATES = ("created",)
UNRESOLVED_STATES = ("sending", "unknown")
UNFINISHED_LINE_STATUSES = frozenset({"pending", ""})
ENDED_UNRECORDED = "lines with a card"  # the vendor ended lines without a card that the ledger counts
FAILED_COUNTED = "failed lines in its total"  # the vendor's total still counts lines it failed
FAILED_SHOWN = "failed lines at their cost"  # ... or it shows no total, its failed lines at their cost


def _compare_order(
    order: OrderRecord,
    vendor: VendorOrder,
    rows: Sequence[RecordedLine] = (),
    billed: Decimal = Decimal(0),
    line_plans: LinePlans | None = None,
    batch_rows: Sequence[RecordedLine] = (),
) -> list[Mismatch]:
    found: list[Mismatch] = []

    def add(what: str, line: str, ours: object, theirs: object, beside: object = "", **more: Any) -> None:
        found.append(
            Mismatch(order.po_number, vendor.id, what, line, str(ours), str(theirs), str(beside), **more)
        )

    sent = sent_lines(order)
    vendor = merge_split(unprefixed(vendor, [s.item for s in sent]), [s.item for s in sent])  # as sent
    cards = vendor.card_lines  # not a line of no card the vendor adds (a fee: billed beside the lines)
    echoed = any(li.external_id for li in vendor.line_items)
    tied = (
        match_lines([s.external_id for s in sent], vendor) if echoed else _tied_by_line_id(sent, vendor, rows)
    )
    if echoed and None in tied:  # the one line the vendor shows without its ExternalId, as track reads it
        recorded = {r.external_id: r.line_item_id for r in rows if r.external_id}
        lines = [_Sent(s.external_id, i, recorded.get(s.external_id)) for i, s in enumerate(sent)]
        tied = tie_unechoed(lines, vendor, tied, lambda: [s.item for s in sent])
    if echoed and None in tied and rows:  # a row a person settled on a line echoing another reference
        tied = _tied_again_by_line_id(sent, vendor, rows, tied)
    gone = _sent_elsewhere(sent, tied, rows) if echoed else set()
    if len(sent) - len(gone) != len(cards):
        add("lines", "", len(sent) - len(gone), len(cards))
    for ours, line in zip(sent, tied, strict=True):
        ext = ours.external_id
        if line is None:
            if echoed and ext not in gone:
                add("lines", ext, "sent", "missing at the vendor")
            continue
        if ours.product_id.upper() != line.product_id.upper():
            add("product", ext, ours.item.get("ProductId"), line.product_id)
        if to_cents(ours.value) != to_cents(line.value):
            add("value", ext, to_cents(ours.value), to_cents(line.value))
        if ours.quantity != line.quantity:
            add("quantity", ext, ours.item.get("Quantity"), line.quantity)
        differ = recipients(ours.item, vendor, line)  # a card the vendor readdressed (hunter-vendor5)
        if differ:
            add("recipient", ext, *differ)
    if not echoed:  # lines nothing ties to a row: the same cards, whatever order the vendor lists them in
        taken = {id(line) for line in tied if line is not None}
        ours_left = Counter(
            _card(s.product_id, s.value, s.quantity) for s, li in zip(sent, tied, strict=True) if li is None
        )
        theirs_left = Counter(
            _card(li.product_id, li.value, li.quantity) for li in cards if id(li) not in taken
        )
        for card in sorted(set(ours_left) | set(theirs_left)):
            if ours_left[card] != theirs_left[card]:
                add("cards", "", f"{ours_left[card]} x {card}", f"{theirs_left[card]} x {card}")
    # lines the ledger still counts as cards (charged) that the vendor has ended without one since the
    # statuses were last recorded: "Totals differ" named no order and said nothing to do (found by review19)
    held = sum(1 for r in rows if getattr(r, "status", "") == "ordered" and not row_made_no_card(r))
    if held > len(vendor.made_card_lines):
        add(ENDED_UNRECORDED, "", held, len(vendor.made_card_lines))
    charged = to_cents(sum((li.cost or Decimal(0) for li in cards), Decimal(0)))
    planned = to_cents(order.cost)
    costs_shown = cards and all(li.cost is not None for li in cards)
    # its lines ended without a card left out of both sides: what remains differing is the cards' own
    ended = ended_lines(order, sent, tied, cards, line_plans) if costs_shown else None
    if ended is not None:
        planned, charged = to_cents(order.cost - ended.planned), to_cents(ended.made)
    more = {"ended": str(to_cents(ended.planned)), "ended_lines": ended.lines} if ended else {}
    if costs_shown and planned != charged:
        # lines costing otherwise than planned, less a discount on the order its total proves taken off:
        # lines at face value and the 2.5 % taken off the order read 'cost planned 278.09 vs vendor 284.95'
        # of an order the vendor charged 278.07 (hunter-money14); what else it bills beside its lines is
        # said apart (order total), as before
        net = to_cents(charged - vendor.discount)
        # ... and the plan's shipping billed on the order beside lines without it: lines of 100.00 and 39.80
        # on the order, as planned (139.80, 9.95 a line), read 'cost planned 139.80 vs vendor 100.00', 'The
        # vendor charged otherwise than planned', exit 1 at every reconcile, status saying nothing differs
        # (found by hunter-money17)
        beside_lines = vendor.billed_beside_lines
        if net != planned and not (beside_lines > 0 and to_cents(net + beside_lines) == planned):
            add("cost", "", planned, net, to_cents(beside_lines) if beside_lines > 0 else "", **more)
    still = failed_lines_still_counted(vendor)
    if still:  # read as refunded, the order's own total still counting them: perhaps charged (hunter-money14)
        add(
            FAILED_COUNTED if vendor.total is not None else FAILED_SHOWN,
            *failed_counted(still, vendor, sent, tied, rows, batch_rows),
        )
    # shipping or fees billed on the order beside its lines, other than the ledger last recorded (``billed``)
    beside = billed_on_order(vendor, rows)
    # ... and its own total below its lines, no discount it shows taking it off: counted at its lines, 'Totals
    # differ' named no order (found by hunter-money18)
    below = total_below_lines(vendor, rows, beside)
    shown_beside = beside - below
    if to_cents(beside) != to_cents(billed) or below:
        kept = "not shown (what it showed last is kept)"
        shown = to_cents(vendor.total) if vendor.total is not None else kept
        # the ledger's figure: the vendor's total less what it bills beside the rows, plus what the ledger
        # recorded so; its line costs count a card line beyond the rows already, which read 'order total
        # ledger 125.00 vs vendor 125.00' of a card the ledger never counted (found by hunter-money13)
        ledger_total = charged + billed if vendor.total is None else vendor.total - shown_beside + billed
        add("order total", "", to_cents(ledger_total), shown)
    if vendor.currency and vendor.currency != "USD":  # its costs are not dollars
        add("currency", "", "USD", vendor.currency)
    return found


def _card(product_id: str, value: Any, quantity: int) -> str:
    """A card as the report names it: 'CVS 25.00 (quantity 2)'."""
    return f"{product_id.upper()} {to_cents(value)}" + (f" (quantity {quantity})" if quantity != 1 else "")


def compare(
    ledger_orders: Sequence[OrderRecord],
    vendor_orders: Sequence[VendorOrder],
    *,
    batch: str,
    stem: str,
    rows: Mapping[str, Sequence[RecordedLine]] | None = None,
    billed: Mapping[str, Decimal] | None = None,
    placed_elsewhere: Mapping[str, str] | None = None,
    line_plans: LinePlans | None = None,
) -> ReconcileReport:
    """Pure comparison of one batch's ledger orders with the vendor's orders (already filtered or not).
    ``rows``: each order's rows as the ledger tied them to the vendor's lines (by PO number); ``billed``:
    what the ledger recorded each order billing beside its lines (by PO number); ``placed_elsewhere``: the
    vendor's orders another ledger placed, as their Note says, holding none of this ledger's rows (by PO
    number: that ledger's id), not counted (:mod:`bulkship.ordernote`)."""
    ours = {o.po_number: o for o in ledger_orders}
    elsewhere = placed_elsewhere or {}
    found = sort_vendor_orders(vendor_orders, ours, stem, elsewhere)
    vendor_only, mismatches, pending = _compare_with_ours(found, ours, rows or {}, billed or {}, line_plans)
    unresolved, ledger_only = _ledger_side(ours, found)
    return ReconcileReport(
        batch=batch,
        po_stem=stem,
        ledger_orders=sum(1 for o in ours.values() if o.state in (*SENT_STATES, *UNRESOLVED_STATES)),
        vendor_orders=len(found.theirs) + len(found.seconds),
        vendor_only=tuple(vendor_only),
        ledger_only=tuple(ledger_only),
        unresolved=tuple(unresolved),
        mismatches=tuple(mismatches),
        pending_lines=tuple(pending),
        ledger_total=sum((o.cost for o in ours.values() if o.state in SENT_STATES), Decimal(0)),
        vendor_total=sum((vendor_cost(v, _kept(v)) for v in found.theirs.values()), Decimal(0))
        + sum((o.cost for o in found.seconds), Decimal(0)),
        vendor_unknown_lines=_lines_of_unknown_cost(found),
        notes=_not_counted(found, elsewhere),
    )


def _compare_with_ours(
    found: SortedOrders,
    ours: dict[str, OrderRecord],
    rows: Mapping[str, Sequence[RecordedLine]],
    billed: Mapping[str, Decimal],
    line_plans: LinePlans | None,
) -> tuple[list[dict[str, Any]], list[Mismatch], list[dict[str, Any]]]:
    """Each vendor order compared with the ledger's of its PO: the vendor's alone (a second order under a
    PO too), the differences, and the lines still pending."""
    vendor_only = [_second_order(order) for order in found.seconds]
    everyone = [row for held in rows.values() for row in held]  # a row sent again: on another order
    mismatches: list[Mismatch] = []
    pending: list[dict[str, Any]] = []
    for po, vendor_order in sorted(found.theirs.items()):
        order = ours.get(po)
        if order is None or order.state not in (*SENT_STATES, *UNRESOLVED_STATES):
            vendor_only.append(
                {
                    "po_number": po,
                    "order_id": vendor_order.id,
                    "status": vendor_order.status,
                    "cost": _cost_text(vendor_order),
                    "ledger_state": order.state if order else None,
                }
            )
            continue
        if order.vendor_order_id and vendor_order.id and order.vendor_order_id != vendor_order.id:
            mismatches.append(
                Mismatch(po, vendor_order.id, "order_id", "", order.vendor_order_id, vendor_order.id)
            )
        mismatches.extend(
            _compare_order(
                order, vendor_order, rows.get(po, ()), billed.get(po, Decimal(0)), line_plans, everyone
            )
        )
        pending.extend(_pending_lines(po, vendor_order))
    return vendor_only, mismatches, pending


def _pending_lines(po: str, vendor_order: VendorOrder) -> list[dict[str, Any]]:
    """The vendor order's card lines not yet finished (pending, or no status)."""
    return [
        {"po_number": po, "order_id": vendor_order.id, "line_item_id": line.id,
         "external_id": line.external_id, "status": line.status or "Pending"}
        for line in vendor_order.card_lines
        if line.status.lower() in UNFINISHED_LINE_STATUSES
    ]  # fmt: skip


def _ledger_side(
    ours: dict[str, OrderRecord], found: SortedOrders
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The ledger's orders seen from its side: those unresolved (sending, unknown) with the step that settles
    each, and those it holds sent that the vendor does not list (nor another ledger placed)."""
    unresolved, ledger_only = [], []
    for po, order in sorted(ours.items()):
        if order.state in UNRESOLVED_STATES:
            step = "re-run the same `bulkship run` command to settle it with the same PO number"
            if (order.error or "").startswith(PO_REFUSED):  # an answer: a re-run is refused the same way
                step = (
                    f"{order.error}; re-running sends the same PONumber and is refused the same way until "
                    "the vendor takes it: look it up in the vendor's portal, or ask the vendor why"
                )
            at_vendor = po in found.theirs
            unresolved.append({"po_number": po, "state": order.state, "at_vendor": at_vendor, "next": step})
        elif order.state in SENT_STATES and po not in found.theirs and po not in found.placed:
            ledger_only.append(
                {"po_number": po, "order_id": order.vendor_order_id, "status": order.status,
                 "cost": str(order.cost)}
            )  # fmt: skip
    return unresolved, ledger_only


def _lines_of_unknown_cost(found: SortedOrders) -> int:
    """The card lines the vendor shows no cost for, in orders whose total does not cover them."""
    return sum(
        1
        for o in [*found.theirs.values(), *found.seconds]
        if not costs_unshown(o)  # its total covers them
        for line in o.made_card_lines
        if line.cost is None
    )


def _not_counted(found: SortedOrders, elsewhere: Mapping[str, str]) -> tuple[str, ...]:
    """What the vendor shows that the totals leave out, said: orders set aside, and another ledger's."""
    return tuple(
        f"Not counted: {po} ({_cost_text(order)}), another batch's or ledger's order a person set aside "
        "(its rows left out of this batch as sent elsewhere, or released as not ours)"
        for po, order in sorted(found.aside.items())
    ) + tuple(
        f"Not counted: {po} ({_cost_text(order)}), placed by another bulkship ledger (its Note: "
        f"'bulkship ledger {elsewhere[po]}') and holding none of this ledger's rows: another office's "
        "batch of the same name, or this list sent from a ledger since lost"
        for po, order in sorted(found.placed.items())
    )


def _kept(order: VendorOrder) -> Decimal:
    """What the vendor's order costs for the cards it made: a line it ended Failed or Cancelled before
    shipping made none (the ledger's rows count it so too: join.made_no_card). A line of no cost shown is
    left out (counted by ``vendor_unknown_lines``)."""
    return sum((line.cost or Decimal(0) for line in order.made_card_lines), Decimal(0))


def _cost_text(vendor_order: VendorOrder) -> str:
    """A vendor order's cost as its lines show it; lines showing none are said, never counted as 0.00."""
    unknown = sum(1 for line in vendor_order.line_items if line.cost is None)
    shown = str(vendor_order.cost)
    return f"{shown} + {unknown} line(s) of unknown cost" if unknown else shown


def _second_order(vendor_order: VendorOrder) -> dict[str, Any]:
    return {
        "po_number": vendor_order.po_number,
        "order_id": vendor_order.id,
        "status": vendor_order.status,
        "cost": _cost_text(vendor_order),
        "ledger_state": None,
        "second_order": True,  # the vendor holds another order under this PO too: two sets of cards
    }
