"""What a vendor's order charges beside its rows when its card lines show no cost bulkship can read (a
vendor writing it under another name than ``Cost``) but the order shows a total: the rows count at their
planned cost, and what the total says beyond them is billed on the order. Left out, a vendor charging 110.00
for 4 cards planned at 100.00 read "charged 100.00" everywhere, never said to differ from the plan, and
``reconcile`` said "Everything matches" (found by hunter-vendor4)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from decimal import ROUND_DOWN, Decimal
from typing import Any

from .models import VendorLineItem, VendorOrder
from .money import CENT, BilledCards, cents, money_text
from .statuses import NO_CARD_STATUSES


def costs_unshown(vendor_order: VendorOrder) -> bool:
    """A card line of the order shows no cost, and the order a total in dollars."""
    cards = vendor_order.card_lines
    return vendor_order.total is not None and bool(cards) and any(li.cost is None for li in cards)


def billed_beside(vendor_order: VendorOrder, rows: Iterable[Any]) -> Decimal:
    """:attr:`VendorOrder.billed_beside_lines`; for an order whose card lines show no cost, what its total
    says beyond what the ledger counts for its ``rows`` (their recorded cost: planned, where the vendor shows
    none), unless that total is their sum in cents; nothing when a row's cost is unknown too."""
    if not costs_unshown(vendor_order):
        rows = list(rows)
        beyond = _cards_beyond_rows(vendor_order, rows)
        return beyond if beyond else _less_rows_unshown(vendor_order, rows)
    counted = rows_cost(rows)
    total = vendor_order.total
    if counted is None or total is None:
        return vendor_order.billed_beside_lines
    if cents(total) == cents(counted) * 100:  # the total in cents (as V2 reads it beside lines)
        return Decimal(0)
    return total - counted


def _cards_beyond_rows(vendor_order: VendorOrder, rows: Iterable[Any]) -> Decimal:
    """What the order bills beside its rows when it shows more card lines (made, or that may make a card)
    than it holds rows: what it bills beside its lines, and what those lines cost beyond the rows. A card
    line the vendor added (the same card twice, one no row asked for) was in no total but reconcile's:
    track, status, the workbook and the Batches page said "charged 100.00" beside the vendor's 125.00 (found
    by hunter-vendor5). Nothing when a cost is unknown; a line costing more than planned with no more cards
    than rows is its row's own cost."""
    rows = list(rows)
    counted = rows_cost(rows)
    made = vendor_order.made_card_lines
    if counted is None or not rows or any(li.cost is None for li in made):
        return Decimal(0)
    if len(made) <= sum(1 for r in rows if r.status in ("ordered", "review") and not row_made_no_card(r)):
        return Decimal(0)  # no more cards than rows: a line costing more than planned is the row's own cost
    made_cost = sum((li.cost or Decimal(0) for li in made), Decimal(0))
    return vendor_order.billed_beside_lines + max(made_cost - counted, Decimal(0))


def cards_billed(
    vendor_order: VendorOrder,
    rows: Iterable[Any],
    row_cards: Callable[[Sequence[Any]], Sequence[CardKey | None]] | None = None,
    waiting_refs: Callable[[], set[str]] | None = None,
) -> BilledCards | None:
    """Of what the order bills beside its ``rows`` (:func:`billed_beside`), the card lines it shows beyond
    them (:func:`_cards_beyond_rows`): the live card lines no row's recorded line Id is, when they are as
    many as the lines beyond the rows; None when there are none, or which they are is not proven. Rows
    tied to no line of it by Id (settled by a person's word: ``reconcile --resolve ... --rows``, which ties
    no particular line of identical cards) take off lines of their own card (``row_cards``: each row's
    product, value and quantity as the ledger recorded them); what is left is the cards beyond them when
    that is unambiguous. Without it, a lost ledger's batch settled so read 'cards 4, shipping 25.00' of
    the vendor's 5 cards (hunter-money13's leftover a). ``waiting_refs``: the references of the batch's rows
    waiting for review on other orders (:attr:`BilledCards.waiting`)."""
    if costs_unshown(vendor_order):
        return None
    rows = list(rows)
    beyond = _cards_beyond_rows(vendor_order, rows) - vendor_order.billed_beside_lines
    if beyond <= 0:
        return None
    holding = sum(1 for r in rows if r.status in ("ordered", "review") and not row_made_no_card(r))
    tied = {str(r.line_item_id) for r in rows if getattr(r, "line_item_id", None)}
    made = vendor_order.made_card_lines
    untied = [li for li in made if not li.id or li.id not in tied]
    if len(untied) != len(made) - holding and row_cards is not None:
        ids = {li.id for li in made if li.id}
        unsure = [r for r in _holding(rows) if not r.line_item_id or str(r.line_item_id) not in ids]
        untied = _less_rows_cards(untied, row_cards(unsure)) or []
    if not untied or len(untied) != len(made) - holding:
        return None
    cost = sum((li.cost or Decimal(0) for li in untied), Decimal(0))
    face = sum((li.value * li.quantity for li in untied), Decimal(0))
    # a line echoing the reference of a row of the batch waiting for review elsewhere may be that row's card
    # (shown with fewer cards than sent, say): said so, not as a card no row of the list is (hunter-money13's
    # leftover b)
    refs = waiting_refs() if waiting_refs is not None and any(li.external_id for li in untied) else set()
    waiting = sum(li.quantity for li in untied if li.external_id and li.external_id in refs)
    return BilledCards(sum(li.quantity for li in untied), face, min(cost, beyond), waiting)


CardKey = tuple[str, Decimal, int]  # a card line's product, value (one card's) and quantity


def card_key(item: Any) -> CardKey | None:
    """The :data:`CardKey` of a line item as bulkship sends it (a payload's ``LineItems`` entry); None when
    it does not read as one."""
    if not isinstance(item, dict):
        return None
    try:
        quantity = int(item.get("Quantity") or 1)
        return str(item.get("ProductId") or "").upper(), Decimal(str(item["Value"])), quantity
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return None


def _line_key(line: VendorLineItem) -> CardKey:
    return line.product_id.upper(), line.value, line.quantity


def _holding(rows: Iterable[Any]) -> list[Any]:
    """The rows holding a card on their order: ordered (a card made, or to be) or waiting for review."""
    return [r for r in rows if r.status in ("ordered", "review") and not row_made_no_card(r)]


def _less_rows_cards(
    lines: list[VendorLineItem], cards: Sequence[CardKey | None]
) -> list[VendorLineItem] | None:
    """``lines`` without a line of each of ``cards`` (the rows tied to none of them by Id); None when a card
    is unknown or no line is left for it, or which lines are left is unclear (the lines of one card a row
    may be differ in cost)."""
    if any(card is None for card in cards):
        return None
    wanted = Counter(cards)
    left: list[VendorLineItem] = []
    for key in dict.fromkeys(_line_key(li) for li in lines):
        alike = [li for li in lines if _line_key(li) == key]
        taken = wanted.pop(key, 0)
        if taken > len(alike) or (taken and len(alike) > taken and len({li.cost for li in alike}) > 1):
            return None
        left.extend(alike[taken:])
    return None if wanted else left


def _less_rows_unshown(vendor_order: VendorOrder, rows: list[Any]) -> Decimal:
    """:attr:`VendorOrder.billed_beside_lines`, less the recorded cost of rows waiting for a person when the
    order shows fewer card lines than it holds rows: its total beyond the lines it shows may be theirs (a
    vendor showing 2 of an order's 4 lines beside its whole total). Counted beside them, those rows' money was
    both charged and in doubt (found by hunter-vendor5)."""
    extra = vendor_order.billed_beside_lines
    holding = [r for r in rows if r.status in ("ordered", "review") and not row_made_no_card(r)]
    waiting = rows_cost([r for r in holding if r.status == "review"])
    if extra <= 0 or not waiting or len(vendor_order.made_card_lines) >= len(holding):
        return extra
    return max(extra - waiting, Decimal(0))


def billed_on_order(vendor_order: VendorOrder, rows: Iterable[Any]) -> Decimal:
    """What the ledger records the order bills beside its rows (:func:`billed_beside`): never below
    nothing, as a total below its lines may be either's mistake (line costs in cents, a credit), but for a
    discount on the order that its total proves taken off (:attr:`VendorOrder.discount`), or that it shows
    as a line of its own (:func:`credit_lines`). Kept at nothing, 'Discount': 5.00 and 'Total': 120.00
    beside lines of 125.00 read "charged 125.00" everywhere (found by hunter-vendor8)."""
    taken = vendor_order.discount + credit_lines(vendor_order) + rounded_on_order(vendor_order, rows)
    return max(billed_beside(vendor_order, rows), -taken)


def rounded_on_order(vendor_order: VendorOrder, rows: Iterable[Any] = ()) -> Decimal:
    """How far the order's own total is below its lines (less a discount or credit it shows taken off) by
    the vendor's rounding: by no more than half a cent a card, where its card lines cost other than their
    face value (a discount, in fractions of a cent). 4 cards of 25.00 at 2.5 % off shown as lines of 24.38
    and a total of 97.50 (rounded once on the order, not on each card) read "97.52 charged" everywhere, a
    note asking which the vendor bills, reconcile "Totals differ" (found by hunter-money33; the lead's
    decision, session 53: the total is charged, and said). 0 when it is not so."""
    if vendor_order.total is None or vendor_order.status.lower() in NO_CARD_STATUSES:
        return Decimal(0)
    cards = vendor_order.card_lines
    if not cards or any(li.cost is None for li in cards):
        return Decimal(0)
    if not any(li.value > 0 and cents(li.value * li.quantity) != cents(li.cost or 0) for li in cards):
        return Decimal(0)  # lines at their face value hold no fraction of a cent to round
    rows = list(rows)
    gap = cents(-(billed_beside(vendor_order, rows) + vendor_order.discount + credit_lines(vendor_order)))
    most = (CENT * sum(max(li.quantity, 1) for li in cards) / 2).quantize(CENT, rounding=ROUND_DOWN)
    return gap if 0 < gap <= most else Decimal(0)


def total_below_lines(vendor_order: VendorOrder, rows: Iterable[Any], billed: Decimal) -> Decimal:
    """How much the order's own total is below what is counted of it (its lines and ``billed``, what
    :func:`billed_on_order` records beside them), where nothing it shows takes it off; 0 when it is not, it
    shows no total, or the vendor ended the order (Failed, Cancelled: its total 0.00 beside lines saying
    nothing is its refund, the rows waiting for a person: :mod:`bulkship.silentorder`)."""
    if vendor_order.total is None or vendor_order.status.lower() in NO_CARD_STATUSES:
        return Decimal(0)
    shown = billed_beside(vendor_order, rows)
    return billed - shown if shown < billed else Decimal(0)


def credit_lines(vendor_order: VendorOrder) -> Decimal:
    """What the order's lines of no card cost below nothing (a 'Volume credit' line of -5.00 beside its
    cards), as a positive amount, where its own total, when it shows one, is every line's sum: a credit it
    shows taken off, as a fee line of 9.95 is a charge it shows (counted since hunter-vendor3). Not counted,
    4 cards of 25.00 beside a credit line of -5.00 and the order's total of 95.00 read 'charged 100.00'
    everywhere (found by hunter-money18)."""
    cards = {id(li) for li in vendor_order.card_lines}
    others = [li for li in vendor_order.line_items if id(li) not in cards]
    credit = -sum((li.cost for li in others if li.cost is not None and li.cost < 0), Decimal(0))
    costs = [li.cost for li in vendor_order.line_items]
    if not credit or None in costs:
        return Decimal(0)
    every = sum((c or Decimal(0) for c in costs), Decimal(0))
    return credit if vendor_order.total is None or cents(vendor_order.total) == cents(every) else Decimal(0)


def with_document(vendor_order: VendorOrder) -> VendorOrder:
    """``vendor_order`` counted with the document of its own it shows (an invoice with its own number,
    naming no other order) as its total: when no other order shows that document, it is this order's. Not
    read, a vendor giving each order its own invoice, the only place its tax or shipping shows (lines 100.00,
    'Invoice': {'InvoiceNumber': 'INV-1', 'Total': 113.20}), had every output say "charged 100.00" (review22's
    doubt, found by hunter-vendor9). Unchanged when its document lists other orders, or it shows none."""
    if vendor_order.document_alone is None:
        return vendor_order
    total, discount = vendor_order.document_alone
    unproven = Decimal(0) if discount else vendor_order.unproven_discount
    return dataclasses.replace(
        vendor_order, total=total, discount=discount, unproven_discount=unproven, document=None
    )


def document_beyond(vendor_order: VendorOrder) -> bool:
    """The order's document of its own (:attr:`VendorOrder.document`) shows more than the order's own total
    (else its lines' sum): what it adds is uncounted, unless it is the order's (:func:`with_document`)."""
    if vendor_order.document is None:
        return False
    own = vendor_order.total
    costs = [li.cost for li in vendor_order.line_items]
    if own is None and costs and None not in costs:
        own = sum((c or Decimal(0) for c in costs), Decimal(0))
    return own is None or vendor_order.document[1] > own


def uncounted(vendor_order: VendorOrder) -> dict[str, str] | None:
    """What the order shows that bulkship does not count, as reconcile says it: a document of its own more
    than the order's total, that it does not count as the order's ({'document', 'total'}), else a discount no
    total proves ({'discount'}); None when neither."""
    if vendor_order.document is not None and document_beyond(vendor_order):
        name, total = vendor_order.document
        return {"document": name, "total": str(total)}
    if vendor_order.unproven_discount:
        return {"discount": str(vendor_order.unproven_discount)}
    return None


def vendor_cost(vendor_order: VendorOrder, made_lines_cost: Decimal) -> Decimal:
    """What the vendor's order costs: its total when a card line shows no cost (the total covers it), else
    ``made_lines_cost`` (its lines that made a card) and what it bills beside them."""
    if costs_unshown(vendor_order) and vendor_order.total is not None:
        return vendor_order.total
    return made_lines_cost + vendor_order.billed_beside_lines


def charged_beyond_plan(vendor_order: VendorOrder, planned: Decimal) -> Decimal:
    """What the vendor's answer shows an order costs beyond its ``planned`` cost (:func:`vendor_cost`, its
    costs written per card read by the plan); nothing when it shows no more, or no cost of its own yet (no
    lines or a line of unknown cost, and no total)."""
    cost = charged_cost(vendor_order, planned)
    return Decimal(0) if cost is None else max(cents(cost) - cents(planned), Decimal(0))


def charged_cost(vendor_order: VendorOrder, planned: Decimal) -> Decimal | None:
    """What the vendor's answer shows the order costs (:func:`vendor_cost`, its costs written per card read
    by the plan of ``planned``); None when it shows no cost of its own yet (no lines or a line of unknown
    cost, and no total)."""
    from .client.totals import costs_per_card_by_plan

    shown = costs_per_card_by_plan(vendor_order, planned)
    made = shown.made_card_lines
    if shown.total is None and (not made or any(li.cost is None for li in made)):
        return None
    return vendor_cost(shown, sum((li.cost or Decimal(0) for li in made), Decimal(0)))


def rounding_allowance(items: Iterable[dict[str, Any]]) -> Decimal:
    """What a vendor rounding its costs otherwise than the plan (half-even, per line rather than per card)
    may charge beyond it for an order of these line ``items``: a cent a card. More is a price raised. A
    run's limit is passed by this much at most: a cent a card it sends."""
    cards = 0
    for item in items:
        try:
            cards += max(int(item.get("Quantity") or 1), 1)
        except (TypeError, ValueError):
            cards += 1
    return CENT * cards


def rows_cost(rows: Iterable[Any]) -> Decimal | None:
    """What the ledger counts for an order's rows (ordered, or waiting for review in it): their recorded
    costs, but a row whose line ended without a card; None when one of them has no cost."""
    total = Decimal(0)
    for row in rows:
        if row.status not in ("ordered", "review") or row_made_no_card(row):
            continue
        if row.cost is None:
            return None
        total += Decimal(str(row.cost))
    return total


def row_made_no_card(row: Any) -> bool:
    """An ordered row whose line the vendor ended Failed or Cancelled before anything shipped: no card made
    (:func:`bulkship.reconcile.join.made_no_card` says why; kept here, where the ledger can read it)."""
    if row.status != "ordered" or not row.line_status:  # most rows: asked of each row three times a run
        return False
    return line_ended_without_card(row)


def line_ended_without_card(row: Any) -> bool:
    """The row's line was ended by the vendor (Failed, Cancelled) before anything shipped, whatever the
    row's status since (failed, then held or left out: its line made no card all the same)."""
    parcel = row.tracking_number or row.tracking_url or row.shipped_date or row.delivered_date
    return (row.line_status or "").lower() in NO_CARD_STATUSES and not parcel


def ended_without_a_card(orders: Iterable[Any], rows: Iterable[Any]) -> list[str]:
    """The POs of ``orders`` the vendor created, then ended (Failed, Cancelled) holding no card charged:
    none of ``rows`` (those of the orders, or more) is ordered on it with a card made. What such an order
    still bills beside its lines is said (:func:`billed_without_a_card`)."""
    made = {r.po_number for r in rows if r.status == "ordered" and not row_made_no_card(r)}
    return [
        o.po_number
        for o in orders
        if o.state == "created" and (o.status or "").lower() in NO_CARD_STATUSES and o.po_number not in made
    ]


def billed_without_a_card(orders: Iterable[tuple[str, str, Decimal]]) -> str:
    """What is said of money an order bills beside its lines when it holds no card charged (``orders``: PO,
    the vendor's word for it, amount), e.g. shipping billed on an order the vendor then cancelled. The
    vendor's own total still shows it, and bulkship counts what the vendor shows; whether a vendor refunds it
    is documented nowhere (found by hunter-money1, L2: reconcile said 'Everything matches', the Summary
    '7.50 billed ... beside their lines', of an order ended Cancelled, nothing to ask). "" when none."""
    found = sorted(orders)
    if not found:
        return ""
    amount = sum((a for _po, _status, a in found), Decimal(0))
    named = "; ".join(f"{po}: {status}" if status else po for po, status, _a in found)
    return (
        f"{money_text(amount)} is billed on order(s) holding no card charged ({named}): the vendor's own "
        "total still bills it beside lines it made no card for, so it is counted as charged. Whether the "
        "vendor refunds what it billed on an order it ended is not documented: ask the vendor."
    )
