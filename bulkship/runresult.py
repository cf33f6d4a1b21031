"""What a run shows: the plan it asks to confirm (:class:`PlanView`) and what it reports (:class:`RunResult`),
both from the ledger (the result workbook itself: :mod:`bulkship.resultfile`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .batchapi import api_identity
from .errors import BulkshipError, SpendLimitError
from .ledger import OPEN_STATES, Ledger, OrderRecord
from .models import Balance, Catalog, PlannedLine, PlannedOrder
from .money import MoneyTally, cents, money_plain, money_text
from .payload import PricedToday, SentLine, sent_lines
from .plan import summarise
from .reconcile.join import (
    LedgerView,
    counts_by_row_status,
    made_no_card,
    money_by_bucket,
    waits_in_created_order,
)
from .repeats import HELD
from .statuses import ATTENTION_STATUSES, CHARGED, IN_DOUBT, PO_REFUSED, is_vendor_code

if TYPE_CHECKING:
    from .settings import Settings


@dataclass(frozen=True)
class PlanView:
    """What is about to be sent, for the confirmation step."""

    batch: str
    summary: Any  # plan.PlanSummary of the orders to send (never sent)
    new_orders: int
    resumed_orders: int
    already_ordered_rows: int
    held_rows: int = 0  # valid rows left out: they repeat a card already ordered (bulkship.repeats)
    money: dict[str, MoneyTally] = field(default_factory=dict)  # charged, in doubt, to send (ledger)
    left_out: dict[str, int] = field(default_factory=dict)  # rows of the file not sent: invalid, duplicate...
    repeated: dict[int, str] = field(default_factory=dict)  # rows sent again on purpose (--allow-repeat): why
    # what reading the file noted (columns not used, rows skipped, a table beside the list): said with the
    # plan, before anything is sent, not only in the run's summary after it
    notes: tuple[str, ...] = ()
    # why the rows left out as invalid or duplicate are (the first few): said with "Left out of this plan", so
    # that `run --yes` is not the first time a person hears of them, in the result workbook
    problems: tuple[str, ...] = ()
    charged_earlier_rows: int = 0  # of the rows charged, those of an earlier file no longer in this one

    @property
    def in_doubt(self) -> MoneyTally:
        """Orders sent before whose answer was lost: asked again with the same PO, charged at most once."""
        return self.money.get(IN_DOUBT) or MoneyTally()

    @property
    def charged(self) -> MoneyTally:
        return self.money.get(CHARGED) or MoneyTally()

    @property
    def worst_case(self) -> Decimal:
        """The most this run can spend: everything to send, and every order in doubt."""
        return Decimal(self.summary.total) + self.in_doubt.total

    @property
    def batch_total(self) -> Decimal:
        """The most the batch can cost once this run is done: what it was charged and :attr:`worst_case`. An
        approval threshold is the batch's, so that follow-ups never take a batch past it a run at a time."""
        return self.charged.total + self.worst_case


@dataclass
class RunResult:
    """What ``bulkship run`` reports; ``as_json()`` is its ``--json`` output."""

    batch: str
    rows: int
    valid: int
    invalid: int  # rows not valid as written (on the Fix these sheet)
    orders: int  # orders the vendor holds for this batch
    ordered_rows: int  # rows of this file the vendor ordered
    failed_rows: int  # refused by the vendor, or ended there before a card was made (no_card_rows)
    total_cost: Decimal  # charged: what the vendor's orders for this batch cost
    output: Path | None
    sandbox: bool
    sent_orders: int = 0  # orders sent (or resolved) by this run
    unknown_orders: int = 0  # in doubt: sent, answer lost
    unsent_rows: int = 0  # valid rows with no order at the vendor yet (stopped, in doubt)
    held_rows: int = 0  # valid rows not sent: they repeat a card already ordered (bulkship.repeats)
    review_rows: int = 0  # rows that may be at the vendor but cannot be tied to it: a person decides
    ordered_earlier_rows: int = 0  # rows ordered from an earlier file of the batch, no longer in this one
    untied_orders: int = 0  # orders the vendor holds for the batch holding rows in review (see _untied)
    untied_cost: Decimal = Decimal(0)  # what those rows cost: money in no bucket until a person ties them
    stopped: BulkshipError | None = None
    missing_funds: Decimal | None = None  # stopped for funds: what the balance shown lacks
    available_funds: Decimal | None = None  # ... and that balance (None: the vendor shows none)
    already_complete: bool = False
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # the first rows left out and why (PlanView.problems)
    by_status: dict[str, int] = field(default_factory=dict)  # rows by the status the workbook shows
    money: dict[str, MoneyTally] = field(default_factory=dict)  # charged, in doubt, to send
    api: str = ""
    duplicate: int = 0  # rows repeating an earlier row of the file: not ordered, nothing to fix
    no_card_rows: int = 0  # failed: the vendor ended their line before making a card; a re-run sends them

    @property
    def attention_rows(self) -> int:
        """Rows the user must look at: invalid, duplicate held back, failed, needs review."""
        return sum(n for status, n in self.by_status.items() if status in ATTENTION_STATUSES)

    @property
    def exit_code(self) -> int:
        """1 stopped, or money in doubt, or rows not sent yet; 3 rows need the user; 0 every row ordered
        (or deliberately skipped)."""
        if self.stopped is not None or self.unknown_orders or self.unsent_rows:
            return 1
        return 3 if self.failed_rows or self.held_rows or self.attention_rows else 0

    def as_json(self) -> dict[str, Any]:
        money = {bucket.replace(" ", "_"): tally.as_json() for bucket, tally in self.money.items()}
        return {
            "batch": self.batch,
            "exit": self.exit_code,
            "api": self.api or ("sandbox" if self.sandbox else ""),
            "sandbox": self.sandbox,
            "rows": self.rows,
            "valid": self.valid,
            "invalid": self.invalid,
            "duplicate": self.duplicate,
            "by_status": dict(sorted(self.by_status.items())),
            "orders": self.orders,
            "ordered_rows": self.ordered_rows,
            "ordered_earlier_rows": self.ordered_earlier_rows,
            "failed_rows": self.failed_rows,
            "held_rows": self.held_rows,
            "untied_orders": self.untied_orders,  # at the vendor, tied to no row yet (rows in review)
            "untied_cost": money_plain(self.untied_cost),
            "attention_rows": self.attention_rows,
            "rows_not_sent": self.unsent_rows,
            "orders_in_doubt": self.unknown_orders,
            "orders_sent_this_run": self.sent_orders,
            "total_cost": money_plain(self.total_cost),
            # false: rows of unknown cost (an older bulkship's ledger) are left out of the figures
            "money_complete": all(tally.complete for tally in self.money.values()),
            "money": money,
            "stopped": self.stopped is not None,
            "stop_reason": self.stopped.message if self.stopped is not None else None,
            "missing_funds": money_plain(self.missing_funds) if self.missing_funds is not None else None,
            # ... and the balance it read (null: the vendor shows none, so what is missing is not known)
            "available_funds": None if self.available_funds is None else money_plain(self.available_funds),
            "already_complete": self.already_complete,
            "notes": list(self.notes),
            "output": str(self.output) if self.output else None,
        }


def result_from_ledger(ledger: Ledger, batch: str, settings: Settings, output: Path | None) -> RunResult:
    # Counted by the ledger (one read of the batch's rows and orders): the rows and money the result
    # workbook shows, by the same functions.
    record = ledger.batch(batch)
    rows = ledger.row_counts(batch)
    states = ledger.order_counts(batch)
    view = LedgerView(ledger, batch)
    money = money_by_bucket(view)
    # a row whose line the vendor ended before a card was made is "failed", as the workbook shows it
    no_card = sum(1 for r in view.rows_by_fingerprint.values() if r.current and made_no_card(r))
    return RunResult(
        batch=batch,
        rows=record.rows if record else 0,
        valid=record.valid if record else 0,
        invalid=rows.get("invalid", 0),  # apart from duplicates, as validate and the Fix these sheet count
        duplicate=rows.get("duplicate", 0),
        orders=states.get("created", 0) - view.orders_without_a_card(),
        ordered_rows=rows.get("ordered", 0) - no_card,
        failed_rows=rows.get("failed", 0) + no_card,
        no_card_rows=no_card,
        # money: every ordered row of the batch, including rows since removed from the file
        total_cost=money[CHARGED].total,
        output=output,
        sandbox=settings.is_sandbox,
        unknown_orders=sum(states.get(state, 0) for state in OPEN_STATES),
        unsent_rows=rows.get("planned", 0),
        held_rows=rows.get(HELD, 0),
        by_status=counts_by_row_status(view),
        money=money,
        api=api_identity(settings),
        review_rows=rows.get("review", 0),
        ordered_earlier_rows=sum(
            1
            for r in view.rows_by_fingerprint.values()
            if r.status == "ordered" and not r.current and not made_no_card(r)
        ),
        **_untied(view) if rows.get("review") else {},
        notes=[
            *_po_refused(view),
            *costs_differ(view, batch),
            *_other_currency(ledger, batch),
            *unpriced_notes(ledger, batch),
            *own_documents(ledger, batch),
            *fewer_cards_notes(ledger, batch),
            *_vendor_codes(view),
        ],
    )


def _vendor_codes(view: LedgerView) -> list[str]:
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


def _po_refused(view: LedgerView) -> list[str]:
    """Orders kept in doubt because the vendor refused their PONumber (an answer, not a lost one: a re-run
    is refused the same way until the vendor takes it), each in the vendor's words."""
    return [
        f"{po} is in doubt: {order.error}. Re-running sends the same PONumber and is refused the same way "
        "until the vendor takes it: look it up in the vendor's portal, or ask the vendor why"
        for po, order in sorted(view.orders.items())
        if order.state in OPEN_STATES and (order.error or "").startswith(PO_REFUSED)
    ]


@dataclass(frozen=True)
class CostDifference:
    """Created orders whose vendor line costs are not the plan's: their POs, planned and charged."""

    orders: tuple[str, ...]
    planned: Decimal
    charged: Decimal


def cost_difference(view: LedgerView) -> CostDifference | None:
    """The created orders whose every row is ordered and whose vendor costs are not the plan's (costs
    written in cents, a fee the catalog did not show, shipping billed on the order beside its lines: said
    nowhere, a run confirmed at 123.75 ended "charged 133.75", found by hunter-vendor3); None when every
    such order costs what was planned."""
    charged: dict[str, Decimal] = {}
    whole: set[str] = set()
    broken: set[str] = set()  # a row of the order not ordered, of unknown cost, or of no card made
    held: dict[str, int] = {}  # how many rows each order holds now
    for record in view.rows_by_fingerprint.values():
        po = record.po_number or ""
        order = view.orders.get(po)
        if order is None or order.state != "created":
            continue
        whole.add(po)
        held[po] = held.get(po, 0) + 1
        if record.status != "ordered" or record.cost is None or made_no_card(record):
            broken.add(po)
        else:
            charged[po] = charged.get(po, view.billed.get(po, Decimal(0))) + record.cost
    # an order a row left since (its line failed, the row sent again in another order) was planned with
    # that row's cost too: "planned 100.00, the vendor shows 75.00" at every run after (found by
    # hunter-vendor3)
    broken |= {po for po in whole if held[po] < view.orders[po].lines}
    differ = sorted(
        po for po in whole - broken if cents(charged.get(po, Decimal(0))) != cents(view.orders[po].cost)
    )
    if not differ:
        return None
    planned = sum((view.orders[po].cost for po in differ), Decimal(0))
    shown = sum((charged.get(po, Decimal(0)) for po in differ), Decimal(0))
    return CostDifference(tuple(differ), planned, shown)


def named_orders(orders: Sequence[str]) -> str:
    """A few PO numbers, and how many more."""
    return ", ".join(orders[:3]) + (f" and {len(orders) - 3} more" if len(orders) > 3 else "")


def _other_currency(ledger: Ledger, batch: str) -> list[str]:
    """A note for the orders the vendor answers in another currency than the dollar: their costs are not
    added to dollar totals, which count those rows at their planned cost."""
    from .ledger.tracking import FOREIGN_CURRENCY

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
        f"Compare with the vendor's invoice and `bulkship reconcile {batch}`"
    ]


def unpriced_notes(ledger: Ledger, batch: str) -> list[str]:
    """A note for the orders the vendor showed, as last read, with every card at 0.00 (not priced yet:
    ledger.tracking.UNPRICED): their rows count at their planned cost until it prices them, and the money
    shown is the plan's, not yet the vendor's."""
    from .ledger.tracking import UNPRICED

    latest = {str(e.po_number or ""): e.detail for e in ledger.events(batch, kinds=[UNPRICED])}
    pos = sorted(po for po, detail in latest.items() if detail.get("unpriced"))
    if not pos:
        return []
    return [
        f"The vendor shows no price yet for {len(pos)} order(s) ({named_orders(pos)}): every card at 0.00. "
        "Their rows are counted at their planned cost until it prices them; "
        f"`bulkship track {batch}` reads them again"
    ]


def own_documents(ledger: Ledger, batch: str) -> list[str]:
    """A note for the orders showing a document of their own (an invoice with its own number) whose total,
    more than the order's, is not counted as the order's (another order shows it, or it lists several:
    ledger.tracking.counted_order): it may cover several orders, or charges the order shows nowhere else; a
    person checks it with the vendor (found by hunter-vendor8: read
    as each order's total, an invoice of 375.00 shown on 3 orders read "charged 1,125.00")."""
    from .ledger.tracking import OWN_DOCUMENT

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
    """Whether an :data:`~bulkship.ledger.tracking.OWN_DOCUMENT` event says what is not counted: a discount
    no total proves, or a document more than its order's own total that is not counted as it (it lists
    other orders, or another order shows it too: ledger.tracking.counted_order). Recorded before it said
    'alone', every document was one such."""
    if "document" not in detail or "alone" not in detail:
        return True
    shared = not detail["alone"] or len(orders.get(str(detail["document"]), ())) > 1
    return shared and bool(detail.get("more"))


def fewer_cards_notes(ledger: Ledger, batch: str) -> list[str]:
    """A note naming the rows whose line the vendor shows with fewer cards than were sent on it (the latest
    count shown of each: ledger.tracking.FEWER_CARDS): the person may get fewer cards. Said only by
    reconcile ("quantity sent 3 vs vendor 1"), the run and track said only that the costs differ (found by
    hunter-vendor8, fixed by hunter-vendor9)."""
    from .ledger.tracking import FEWER_CARDS

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
        f"itself: ask the vendor for the missing cards; compare with `bulkship reconcile {batch}`"
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
            + (f"; compare with `bulkship reconcile {batch}`" if compare else "")
        )
    for (name, total), pos in sorted(found.items()):
        named = named_orders(sorted(pos))
        notes.append(
            f"The vendor shows {name or 'a document'} of {money_text(Decimal(total or 0))} on {len(pos)} "
            f"order(s) ({named}), more than the order's own lines and charges: it may cover several orders, "
            "or charges the order shows nowhere else. bulkship cannot tell which, and counts each order by "
            "its own lines and charges (not that total): check it with the vendor before paying"
            + (f"; compare with `bulkship reconcile {batch}`" if compare else "")
        )
    return notes


def costs_differ(view: LedgerView, batch: str) -> list[str]:
    """A note when the vendor's line costs are not the plan's (:func:`cost_difference`): the charged money
    shown is the vendor's, and a total far from the one confirmed is said, never left to be found."""
    found = cost_difference(view)
    if found is None:
        return []
    return [
        f"The vendor's costs differ from the plan for {len(found.orders)} order(s) "
        f"({named_orders(found.orders)}): planned {money_text(found.planned)}, the vendor shows "
        f"{money_text(found.charged)}{_in_cents(found)}. The money charged is the vendor's; compare with "
        f"`bulkship reconcile {batch}`"
    ]


def _in_cents(found: CostDifference) -> str:
    """What a difference of exactly 100 times the plan most likely is: costs written in cents (2500 for a
    25.00 card). The money stays the vendor's as shown; the person is told what to ask (found by
    hunter-vendor7: 'the vendor shows 12,500.00' for 125.00 confirmed said nothing of why)."""
    if found.planned and found.charged == found.planned * 100:
        return ", exactly 100 times the plan: the vendor may write its costs in cents (ask it before paying)"
    # a total in cents holding a charge shown nowhere else ('Total': 12995 beside lines of 125.00): said
    # only to differ, "the vendor shows 12,995.00" (found by hunter-vendor10)
    if found.planned > 0 and found.planned * 100 < found.charged <= found.planned * 125:
        return ", over 100 times the plan: the vendor may write its total in cents (ask it before paying)"
    return ""


def _untied(view: LedgerView) -> dict[str, Any]:
    """Money at the vendor for the batch in no bucket, said beside rows needing review so that "charged
    0.00" is never all: orders with no row tied to them (adopted after a lost ledger, or waiting for a
    person), their whole cost. (Rows waiting in an order the vendor created are money in doubt: see
    :func:`bulkship.reconcile.join.money_bucket`.) Returns the count of such orders and that money."""
    rows = view.rows_by_fingerprint.values()
    tied = {r.po_number for r in rows if r.status == "ordered"}
    tied |= {r.po_number for r in rows if waits_in_created_order(r, view.orders.get(r.po_number or ""))}
    untied = [o for o in view.orders.values() if o.state in ("created", "review") and o.po_number not in tied]
    return {"untied_orders": len(untied), "untied_cost": sum((o.cost for o in untied), Decimal(0))}


def pending_summary(
    ledger: Ledger, batch: str, catalog: Catalog, start: date, balance: Balance | None
) -> Any:
    """Cost of every order still to send, rebuilt from the stored payloads (what will really go out).

    The summary has totals only, so the lines carry no row identity (no ledger read per order), and each
    distinct value, product and unit cost is worked out once: 100k rows are 1,000 orders. Each line is priced
    as :func:`bulkship.reprice.reprice_planned` prices it before sending (``payload.PricedToday``); a line
    it cannot price refuses the plan (SpendLimitError): no total the vendor would not charge is shown."""
    values: dict[Any, Decimal] = {}
    today = PricedToday(catalog)
    # in doubt orders are reported apart; each payload is read when its order's turn comes, and each order's
    # lines are added up and let go before the next (a million rows are 10,000 orders of 100 lines)
    orders = ledger.orders(batch, states=("planned",), payloads=False)

    def pending() -> Iterator[PlannedOrder]:
        for order in orders:
            yield PlannedOrder(order.po_number, tuple(order_lines(order)))

    def order_lines(order: OrderRecord) -> Iterator[PlannedLine]:
        for sent in sent_lines(order, values):
            line = today.line(sent)
            if line is None:
                raise _unpriced(order.po_number, sent, catalog)
            yield line

    return summarise(pending(), catalog, start=start, balance=balance)


def _unpriced(po_number: str, sent: SentLine, catalog: Catalog) -> SpendLimitError:
    """An order still to send whose card or shipping method the catalog no longer lists at a price: its cost
    cannot be shown, so it is not sent (a new run checks its rows against today's catalog, taking it back)."""
    if catalog.product(sent.product_id) is None:
        what = f"card {sent.product_id!r}"
    else:
        what = f"shipping method {sent.shipping_method!r}"
    return SpendLimitError(
        f"Order {po_number} names {what}, which the vendor's catalog no longer lists at a price: its cost "
        "cannot be shown. Nothing was sent; the plan is kept in the ledger",
        hint="re-run the same command: its rows are checked against today's catalog",
    )


LEFT_OUT = ("invalid", "duplicate", "skipped")  # rows the plan leaves out, said before anything is sent


def plan_view(
    ledger: Ledger,
    batch: str,
    catalog: Catalog,
    start: date,
    balance: Balance | None,
    new_orders: int,
    resumed_orders: int,
    *,
    repeated: Mapping[int, str] | None = None,
) -> PlanView:
    """What is about to be sent (the ledger's planned orders) and the batch's money, for the confirmation;
    ``repeated``: rows planned although they repeat a card already ordered (``--allow-repeat``)."""
    counts = ledger.row_counts(batch)
    view = LedgerView(ledger, batch, catalog)
    # "Already charged ... for 3 row(s)" beside "2 row(s) already ordered" said nothing of the third
    earlier = [r for r in view.rows_by_fingerprint.values() if not r.current and r.status == "ordered"]
    return PlanView(
        batch,
        pending_summary(ledger, batch, catalog, start, balance),
        new_orders,
        resumed_orders,
        counts.get("ordered", 0),
        counts.get(HELD, 0),
        money_by_bucket(view),
        {status: counts[status] for status in LEFT_OUT if counts.get(status)},
        dict(repeated or {}),
        charged_earlier_rows=sum(1 for r in earlier if view.money_of(r)[0] == CHARGED),
    )
