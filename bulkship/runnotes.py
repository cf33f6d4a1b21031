"""The notes a run, ``track`` and the Results page say beside a batch's totals: what the figures alone would
hide (costs not the plan's, another currency, cards not priced yet, a document of an order's own, fewer
cards than sent, statuses written as numbers, a PONumber the vendor refuses), each read from the ledger.
"""

from __future__ import annotations

import shlex
from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol

from .billedbefore import to_send_notes
from .costdifference import cost_difference, in_cents, said_of_rows
from .ledger import OPEN_STATES, Ledger, OrderRecord
from .money import BilledCards, money_text
from .neversent import never_sent_note
from .reconcile.join import LedgerView
from .statuses import PO_REFUSED, is_vendor_code


class OrdersSeen(Protocol):
    """What the notes on a batch's orders read of them (a :class:`LedgerView` has it; the Batches page reads
    only this: web.batchnotes): its orders, what the created ones bill beside their lines, and of it the card
    lines they show beyond its rows."""

    @property
    def orders(self) -> Mapping[str, OrderRecord]: ...
    @property
    def billed(self) -> Mapping[str, Decimal]: ...
    @property
    def billed_cards(self) -> Mapping[str, BilledCards]: ...


def vendor_codes(view: LedgerView) -> list[str]:
    """A note when rows show a status the vendor wrote as a number (statuses.VENDOR_CODE): what it means is
    not known, so a person asks the vendor."""
    ordered = [r for r in view.rows_by_fingerprint.values() if r.status == "ordered"]
    rows = [r for r in ordered if is_vendor_code(r.line_status)]
    if not rows:
        return []
    coded: dict[str, set[str]] = {}
    for r in rows:
        coded.setdefault(r.po_number or "", set()).add(str(r.line_status).lower())
    shown = "; ".join(f"{po}: {', '.join(sorted(codes))}" for po, codes in sorted(coded.items()))
    return [
        f"The vendor writes the status of {len(rows)} row(s) as a number ({shown}), which nothing documents: "
        "bulkship cannot tell whether those cards were made, shipped or failed, and shows the code. Ask the "
        "vendor what its codes mean; nothing is sent again by itself"
    ]


def po_refused(view: LedgerView) -> list[str]:
    """Orders kept in doubt because the vendor refused their PONumber (an answer, not a lost one: a re-run
    is refused the same way until the vendor takes it), each in the vendor's words."""
    return [
        f"{po} is in doubt: {order.error}. Re-running sends the same PONumber and is refused the same way "
        "until the vendor takes it: look it up in the vendor's portal, or ask the vendor why"
        for po, order in sorted(view.orders.items())
        if order.state in OPEN_STATES and (order.error or "").startswith(PO_REFUSED)
    ]


def named_orders(orders: Sequence[str]) -> str:
    """A few PO numbers, and how many more."""
    return ", ".join(orders[:3]) + (f" and {len(orders) - 3} more" if len(orders) > 3 else "")


def other_currency(ledger: Ledger, batch: str) -> list[str]:
    """A note for the orders the vendor answers in another currency than the dollar: their costs are not
    added to dollar totals, which count those rows at their planned cost."""
    from .ledger.ordernotes import FOREIGN_CURRENCY

    found = {
        e.po_number: str(e.detail.get("currency", "")) for e in ledger.events(batch, kinds=[FOREIGN_CURRENCY])
    }
    if not found:
        return []
    pos = sorted(po for po in found if po)
    currencies = ", ".join(sorted(set(found.values())))
    return [
        f"The vendor answers {len(pos)} order(s) ({named_orders(pos)}) in {currencies}, not US dollars: "
        "their costs are not added to the totals, which count those rows at their planned cost in dollars. "
        f"Compare with the vendor's invoice and `bulkship reconcile {shlex.quote(batch)}`"
    ]


def unpriced_notes(ledger: Ledger, batch: str) -> list[str]:
    """A note for the orders the vendor showed, as last read, with every card at 0.00 (not priced yet:
    ledger.ordernotes.UNPRICED): their rows count at their planned cost until it prices them, and the money
    shown is the plan's, not yet the vendor's."""
    from .ledger.ordernotes import UNPRICED

    latest = {str(e.po_number or ""): e.detail for e in ledger.events(batch, kinds=[UNPRICED])}
    pos = sorted(po for po, detail in latest.items() if detail.get("unpriced"))
    if not pos:
        return []
    return [
        f"The vendor shows no price yet for {len(pos)} order(s) ({named_orders(pos)}): every card at 0.00. "
        "Their rows are counted at their planned cost until it prices them; "
        f"`bulkship track {shlex.quote(batch)}` reads them again"
    ]


def planned_dollars(ledger: Ledger, batch: str | None = None) -> dict[str, str]:
    """Batch -> a few words, for each batch whose charged money counts rows at their planned cost in dollars
    (the vendor answers in another currency, or shows no price yet: :func:`other_currency`,
    :func:`unpriced_notes`), read in one pass over every batch (the Batches page lists them all), or over
    ``batch``'s alone."""
    from .ledger.ordernotes import FOREIGN_CURRENCY, UNPRICED

    said: dict[str, set[str]] = {}
    unpriced: dict[tuple[str, str], bool] = {}
    for event in ledger.events(batch, kinds=[FOREIGN_CURRENCY, UNPRICED]):
        if not event.batch:
            continue
        if event.kind == FOREIGN_CURRENCY:
            said.setdefault(event.batch, set()).add(str(event.detail.get("currency", "")))
        else:  # as last read
            unpriced[(event.batch, str(event.po_number or ""))] = bool(event.detail.get("unpriced"))
    words = {}
    for batch, currencies in said.items():
        named = ", ".join(sorted(c for c in currencies if c)) or "another currency"
        words[batch] = f"its vendor answers in {named}: counted at planned dollars"
    for batch in sorted({b for (b, _po), shown in unpriced.items() if shown} - set(words)):
        words[batch] = "not priced yet by its vendor: counted at planned cost"
    return words


def own_documents(ledger: Ledger, batch: str) -> list[str]:
    """A note for the orders showing a document of their own (an invoice with its own number) whose total,
    more than the order's, is not counted as the order's (another order shows it, or it lists several:
    ledger.ordernotes.counted_order): it may cover several orders, or charges the order shows nowhere else; a
    person checks it with the vendor (found by hunter-vendor8: read
    as each order's total, an invoice of 375.00 shown on 3 orders read "charged 1,125.00")."""
    from .ledger.ordernotes import OWN_DOCUMENT

    # what each order shows as last read: an invoice or discount it shows no more is not said (found by
    # hunter-vendor9: said by every later run and track, reconcile having dropped it)
    latest = {str(e.po_number or ""): e.detail for e in ledger.events(batch, kinds=[OWN_DOCUMENT])}
    shown = [(po, detail) for po, detail in latest.items() if detail]
    if any("alone" in detail for _po, detail in shown):  # the orders of every batch showing each document
        orders: dict[str, set[str]] = {}
        for event in ledger.events(kinds=[OWN_DOCUMENT]):
            orders.setdefault(str(event.detail.get("document", "")), set()).add(str(event.po_number or ""))
        shown = [(po, detail) for po, detail in shown if _uncounted_document(detail, orders)]
    return uncounted_notes(shown, batch)


def _uncounted_document(detail: Mapping[str, Any], orders: Mapping[str, set[str]]) -> bool:
    """Whether an :data:`~bulkship.ledger.ordernotes.OWN_DOCUMENT` event says what is not counted: a discount
    no total proves, or a document more than its order's own total that is not counted as it (it lists
    other orders, or another order shows it too: ledger.ordernotes.counted_order). Recorded before it said
    'alone', every document was one such."""
    if "document" not in detail or "alone" not in detail:
        return True
    shared = not detail["alone"] or len(orders.get(str(detail["document"]), ())) > 1
    return shared and bool(detail.get("more"))


def fewer_cards_notes(ledger: Ledger, batch: str) -> list[str]:
    """A note naming the rows whose line the vendor shows with fewer cards than were sent on it (the latest
    count shown of each: ledger.ordernotes.FEWER_CARDS): the person may get fewer cards. Said only by
    reconcile ("quantity sent 3 vs vendor 1"), the run and track said only that the costs differ (found by
    hunter-vendor8, fixed by hunter-vendor9)."""
    from .ledger.ordernotes import FEWER_CARDS

    latest = {
        (e.po_number, str(e.detail.get("fingerprint"))): e for e in ledger.events(batch, kinds=[FEWER_CARDS])
    }
    found = sorted(
        (e for e in latest.values() if e.detail.get("shown")), key=lambda e: int(e.detail.get("row") or 0)
    )
    if not found:
        return []
    said = "; ".join(f"row {e.detail.get('row')} ({e.po_number}: {e.detail.get('shown')})" for e in found)
    return [
        f"The vendor shows fewer cards than were sent on {len(found)} row(s): {said}. The person may get "
        "fewer cards than asked for; the money charged is what the vendor shows. Nothing is sent again by "
        "itself: ask the vendor for the missing cards; compare with `bulkship reconcile "
        f"{shlex.quote(batch)}`"
    ]


def uncounted_notes(
    shown: Sequence[tuple[str, Mapping[str, Any]]], batch: str, *, compare: bool = True
) -> list[str]:
    """:func:`own_documents`' notes from what orders show (PO, {'document', 'total'} or {'discount'}): as
    recorded by the run and track, or as ``reconcile`` reads them."""
    found: dict[tuple[str, str], set[str]] = {}
    discounts: dict[str, Decimal] = {}
    for po, detail in shown:
        if "discount" in detail:  # the latest per PO
            discounts[po] = Decimal(str(detail["discount"]))
            continue
        key = (str(detail.get("document", "")), str(detail.get("total", "")))
        found.setdefault(key, set()).add(po)
    notes = []
    if discounts:
        notes.append(
            f"The vendor shows a discount of {money_text(sum(discounts.values(), Decimal(0)))} on "
            f"{len(discounts)} order(s) ({named_orders(sorted(discounts))}) that none of its totals shows "
            "taken off, and that the cards' costs do not hold: bulkship cannot tell whether it was billed "
            "and does not take it off the money charged. Ask the vendor what it billed before paying"
            + (f"; compare with `bulkship reconcile {shlex.quote(batch)}`" if compare else "")
        )
    for (name, total), pos in sorted(found.items()):
        named = named_orders(sorted(pos))
        notes.append(
            f"The vendor shows {name or 'a document'} of {money_text(Decimal(total or 0))} on {len(pos)} "
            f"order(s) ({named}), more than the order's own lines and charges: it may cover several orders, "
            "or charges the order shows nowhere else. bulkship cannot tell which, and counts each order by "
            "its own lines and charges (not that total): check it with the vendor before paying"
            + (f"; compare with `bulkship reconcile {shlex.quote(batch)}`" if compare else "")
        )
    return notes


def money_notes(ledger: Ledger, view: LedgerView, batch: str) -> list[str]:
    """The notes saying where the batch's money shown is not simply the vendor's (costs not the plan's,
    another currency, cards not priced yet, a document of an order's own, fewer cards than sent, cards no
    row holds): the run, `status` and the result workbook's Summary beside the same totals."""
    return [
        *costs_differ(view, batch),
        *other_currency(ledger, batch),
        *unpriced_notes(ledger, batch),
        *own_documents(ledger, batch),
        *fewer_cards_notes(ledger, batch),
        *failed_counted_notes(ledger, batch),
        *cards_beyond_rows(view),
        *below_lines_notes(ledger, view, batch),
        *below_zero(view, batch),
        *rounded(ledger, view, batch),
        *never_sent_note(view.orders.values()),
        *to_send_notes(ledger, view, batch),
    ]


def rounded(ledger: Ledger, view: OrdersSeen, batch: str) -> list[str]:
    """A note for the created orders the vendor rounded on the order (:mod:`.roundedonorder`)."""
    from .roundedonorder import rounded_of_batch

    created = {po for po, o in view.orders.items() if o.state == "created"}
    return rounded_of_batch(ledger, batch, created) if created else []


def below_zero(view: LedgerView, batch: str) -> list[str]:
    """A note for the created orders the vendor shows below zero (:mod:`.belowzero`)."""
    from .belowzero import below_zero_note, charged_by_order

    created = {po: o for po, o in view.orders.items() if o.state == "created"}
    charged = charged_by_order(view.rows_by_fingerprint.values(), created, view.billed)
    return below_zero_note(charged, f"; compare with `bulkship reconcile {shlex.quote(batch)}`")


# a total below zero said plainly beside its figure: "-10.00, is 110.00 below" said nothing of a credit
_BELOW_ZERO = " (below zero: more given back than charged)"


def below_lines_notes(ledger: Ledger, view: OrdersSeen, batch: str) -> list[str]:
    """A note for the created orders whose own total, as last read, is below what their lines cost (no
    discount they show taking it off: ledger.ordernotes.BELOW_LINES): counted at their lines, which of the
    two the vendor bills is not known. Said by nothing, lines of 25.00 beside an order's total of 95.00
    read 'charged 100.00' everywhere (found by hunter-money18)."""
    from .ledger.ordernotes import BELOW_LINES, BILLED_ON_ORDER

    latest = {str(e.po_number or ""): e.detail for e in ledger.events(batch, kinds=[BILLED_ON_ORDER])}
    found = {
        po: detail
        for po, detail in sorted(latest.items())
        if detail.get(BELOW_LINES) and po in view.orders and view.orders[po].state == "created"
    }
    if not found:
        return []
    below = sum((Decimal(str(d[BELOW_LINES])) for d in found.values()), Decimal(0))
    totals = sum((Decimal(str(d.get("total") or 0)) for d in found.values()), Decimal(0))
    refunded = _refunded_after_parcel(ledger, batch, found)
    shown = money_text(totals) + (_BELOW_ZERO if totals < 0 else "")
    return [
        f"The vendor's own total of {len(found)} order(s) ({named_orders(list(found))}), "
        f"{shown}, is {money_text(below)} below what their lines cost, and no discount they "
        f"show takes it off: bulkship counts them at their lines.{refunded} Ask the vendor which it bills; "
        f"`bulkship reconcile {shlex.quote(batch)}` says it as a difference"
    ]


def _refunded_after_parcel(ledger: Ledger, batch: str, orders: Collection[str]) -> str:
    """' Of their lines, row 3's (BS-STAFF-0001, 'Refunded') was ended by the vendor after its card went out
    ...' for the rows of ``orders`` whose line the vendor ended after their card went out, still counted at
    their cost: what an order's total below its lines may leave out. Said of no row, the note sent a person
    to the vendor about 50.00 where a refunded line of the list explained it (newcomer29's N7)."""
    from .ledger.linewords import LINE_WORD, line_words
    from .reconcile.join.outcome import ended_after_parcel

    rows = [
        r
        for r in ledger.rows_on_orders(sorted(orders))
        if r.batch == batch and r.current and r.cost and ended_after_parcel(r)
    ]
    if not rows:
        return ""
    words = line_words(ledger.events(batch, kinds=[LINE_WORD]))  # the vendor's own: 'Refunded'
    of = "'s" if len(rows) == 1 else ""
    named = [
        f"{r.row}{of} ({r.po_number}, {words.get((str(r.po_number), r.fingerprint)) or r.line_status!r})"
        for r in sorted(rows, key=lambda r: r.row)
    ]
    cost = money_text(sum((r.cost or Decimal(0) for r in rows), Decimal(0)))
    if len(rows) == 1:
        return (
            f" Of their lines, row {named[0]} was ended by the vendor after its card went out and is counted "
            f"at its cost, {cost}: the total may leave out that refund."
        )
    return (
        f" Of their lines, rows {', '.join(named)} were ended by the vendor after their cards went out and "
        f"are counted at their cost, {cost} in all: the total may leave out those refunds."
    )


def cards_beyond_rows(view: OrdersSeen) -> list[str]:
    """A note for the card lines the batch's orders show beyond its rows (a card ordered twice; a row since
    left out of the list, after a ledger restored from a backup): charged, and no row's. The Summary alone
    said it: the run's 'charged 75.00' for 2 rows of 25.00, `status` and reconcile's 'Everything matches'
    said nothing of the third card (hunter-vendor26's LO1, fixed by hunter-money18)."""
    from .reconcile.sheets.billednote import cards_beyond_note

    said = cards_beyond_note(view.billed, view.billed_cards)
    return [said] if said else []


def failed_counted_notes(ledger: Ledger, batch: str) -> list[str]:
    """A note for the orders whose own total still counts lines the vendor ended Failed (or Cancelled) at
    their cost, as last read (failedkept.FAILED_COUNTED): counted nowhere as charged (read as refunded),
    they may not have been refunded. Said by nothing, 25.00 the vendor may have kept read 'Charged 75.00'
    and 'Everything matches' (found by hunter-money14)."""
    from .failedkept import FAILED_COUNTED

    latest = {str(e.po_number or ""): e.detail for e in ledger.events(batch, kinds=[FAILED_COUNTED])}
    notes = []
    for po, detail in sorted(latest.items()):
        if not detail.get("amount"):
            continue
        rows = [str(n) for n in detail.get("rows") or []]
        which = f" (row(s) {', '.join(rows)})" if rows else ""
        amount = money_text(Decimal(str(detail["amount"])))
        counted = (
            f"whose {amount} its own total ({money_text(Decimal(str(detail['total'])))}) still counts"
            if detail.get("total") is not None
            else f"still at their cost ({amount}), and no total of its own saying they were refunded"
        )
        notes.append(
            f"The vendor's order {po} shows {detail.get('lines')} line(s) {detail.get('status') or 'Failed'}"
            f"{which} {counted}. "
            "They are counted in no total here "
            "(a line the vendor ended without a card is read as refunded), but the vendor may not have "
            "refunded them: ask the vendor "
            "whether it did; "
            f"`bulkship reconcile {shlex.quote(batch)}` says it as a difference until it shows them refunded"
        )
    return notes


def costs_differ(view: LedgerView, batch: str) -> list[str]:
    """A note when the vendor's line costs are not the plan's (:func:`.costdifference.cost_difference`): the
    charged money shown is the vendor's, and a total far from the one confirmed is said, never left to be
    found."""
    found = cost_difference(view)
    if found is None:
        return []
    return [
        f"The vendor's costs differ from the plan for {len(found.orders)} order(s) "
        f"({named_orders(found.orders)}): planned {money_text(found.planned)}, the vendor shows "
        f"{money_text(found.charged)}{in_cents(found)}{said_of_rows(view, found)}. The money charged is "
        f"the vendor's; compare with `bulkship reconcile {shlex.quote(batch)}`"
    ]
