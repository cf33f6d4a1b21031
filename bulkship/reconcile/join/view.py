"""One batch read from the ledger once (:class:`LedgerView`), and what it adds up to: money by bucket, rows
by the status a person sees."""

from __future__ import annotations

import functools
import json
from collections.abc import Collection, Container, Iterable, Iterator
from dataclasses import replace
from decimal import Decimal
from typing import Any

from ...billedbefore import charge_counted
from ...billing import ended_without_a_card
from ...ledger import BatchRecord, Ledger, OrderRecord, RowRecord
from ...ledger.linewords import LINE_MOVED, LINE_WORD, is_cancelled_hold, line_words, moved_cards
from ...ledger.ordernotes import FEWER_CARDS, fewer_cards_shown
from ...models import Catalog
from ...money import Breakdown, MoneyTally, billed_money
from ...payload import items_of, line_items
from ...roundedonorder import rounded_orders
from ...statuses import CHARGED, IN_DOUBT, MONEY_BUCKETS, TO_SEND, card_gone_note, left_out_person
from ..sheets import OrderSummary, RowOutcome
from ..sheets.book import counted
from .outcome import (
    IN_DOUBT_ORDER_STATES,
    MOVED_NOTE,
    ORDER_SHEET_STATES,
    as_shown,
    kept_apart,
    made_no_card,
    outcome_from_ledger,
    row_line,
    row_money,
    row_status,
    waiting_lines,
    waits_in_created_order,
)
from .prices import Prices, _Line, _payload_lines, batch_prices


class LedgerView:
    """One batch's rows and orders, read from the ledger once (two queries), then looked up in memory.

    A row sent is broken down with the prices its order was charged with (recorded by the run that sent it);
    a row not sent yet, with ``catalog``'s or, without it, those recorded by the batch's last run."""

    def __init__(
        self, ledger: Ledger, batch: str, catalog: Catalog | None = None, fingerprints: Iterable[str] = ()
    ) -> None:
        """``fingerprints``: the keys of the file's rows the caller holds (held once, not twice)."""
        self.batch: BatchRecord | None = ledger.batch(batch)
        found = ledger.batch_rows(batch, fingerprints=fingerprints)
        self.rows_by_fingerprint: dict[str, RowRecord] = {r.fingerprint: r for r in found}
        del found
        # payloads are read one order at a time, when its lines are first wanted (``lines``), or all at once
        # (``read_every_line``)
        self._read_payloads = functools.partial(ledger.order_payloads, batch)
        self.orders: dict[str, OrderRecord] = {o.po_number: o for o in ledger.orders(batch, payloads=False)}
        self.prices = batch_prices(ledger, batch, catalog)
        # what the vendor bills on created orders beside their lines (shipping or fees billed on the order)
        self.billed = {
            po: amount
            for po, (_batch, amount) in ledger.billed_on_orders(batch).items()
            if po in self.orders and self.orders[po].state == "created"
        }
        # of it, the card lines an order shows beyond its rows: cards, not shipping (money.billed_money)
        self.billed_cards = {po: c for po, c in ledger.billed_cards(batch).items() if po in self.billed}
        # of it below its lines, the vendor's rounding on the order (..roundedonorder): no discount
        self.rounded = rounded_orders(ledger, batch, self.billed) if self.billed else {}
        # what the plan confirmed counted beside each order's lines (..billedbefore.charge_counted)
        self.charge_counted = charge_counted(ledger, batch) if self.billed else {}
        # (PO, fingerprint) -> the cards the vendor shows on a row's line where more were sent
        self.fewer_shown = fewer_cards_shown(ledger.events(batch, kinds=[FEWER_CARDS]))
        # (PO, fingerprint) -> the vendor's own word for a row's line read as a status ('Refunded')
        self.line_words = line_words(ledger.events(batch, kinds=[LINE_WORD]))
        # ... and where the vendor moved a row's card out of its ended line (track.moved, read by a run)
        self.moved = moved_cards(ledger.events(batch, kinds=[LINE_MOVED]))
        self._lines: dict[str, list[_Line]] = {}
        self._values: dict[Any, Decimal] = {}
        self._same_lines: dict[_Line, _Line] = {}  # a million lines are a few kinds: each kind held once
        self._waiting: dict[str, dict[str, _Line]] = {}  # PO -> its rows in review's lines (lost ledger)
        # rows held for the very card another batch made, gone since: they say so, not 'nothing to do'
        self.cards_gone = ledger.held_cards_gone(batch)

    def lines(self, po_number: str) -> list[_Line]:
        lines = self._lines.get(po_number)
        if lines is None:
            order = self.orders.get(po_number)
            lines = self._keep_lines(po_number, line_items(order) if order else [])
        return lines

    def read_every_line(self) -> None:
        """Every order's lines in one read of the ledger, for a caller about to ask for them all (a re-run
        adds up every row: one read per order cost a tenth of it)."""

        def keep(found: Iterable[tuple[str, str]]) -> None:
            for po, text in found:
                if po in self.orders and po not in self._lines:
                    self._keep_lines(po, items_of(json.loads(text)))

        if any(po not in self._lines for po in self.orders):  # asked again: nothing is read twice
            self._read_payloads(keep)

    def _keep_lines(self, po_number: str, items: list[dict[str, Any]]) -> list[_Line]:
        share = self._same_lines.setdefault
        found = _payload_lines(items, self._values)
        lines = self._lines[po_number] = [share(line, line) for line in found]
        return lines

    def outcome(self, row: int, fingerprint: str, normalised: str = "") -> RowOutcome | None:
        """The row as the ledger knows it (``normalised``: what validation changed, which it does not)."""
        record = self.rows_by_fingerprint.get(fingerprint)
        if record is None:
            return None
        return self.outcome_of(row, record, normalised)

    def outcome_of(self, row: int, record: RowRecord, normalised: str = "") -> RowOutcome:
        order = self.orders.get(record.po_number) if record.po_number else None
        lines = self.lines(record.po_number or "")
        waiting = self.waiting(record, order)
        shown = self.fewer_shown.get((record.po_number or "", record.fingerprint))
        prices = self.prices.of(order)
        taken_off = max(-self.billed.get(record.po_number or "", Decimal(0)), Decimal(0))
        word = self.line_words.get((record.po_number or "", record.fingerprint), "")
        found = outcome_from_ledger(
            row, record, order, lines, normalised, prices, waiting, shown, taken_off, word=word
        )
        moved = self.moved.get((record.po_number or "", record.fingerprint)) if made_no_card(record) else None
        if moved:
            return replace(found, problems=MOVED_NOTE.format(po=record.po_number, where=moved))
        gone = self.cards_gone.get(record.fingerprint) if record.status == "held" else None
        if gone is None:
            return found
        if is_cancelled_hold(found.problems):  # (held as cancelled: says so itself)
            return found
        return replace(
            found, problems=card_gone_note(found.problems, gone.batch, gone.po, cancelled=gone.cancelled)
        )

    def money_of(self, record: RowRecord) -> tuple[str, Breakdown | None, int]:
        """The row's bucket, figures and cards, as :meth:`outcome_of` has them (without the rest of the
        outcome: a re-run adds up every row of the batch)."""
        order = self.orders.get(record.po_number) if record.po_number else None
        line = row_line(record, order, self.lines(record.po_number or ""), self.waiting(record, order))
        shown = self.fewer_shown.get((record.po_number or "", record.fingerprint))
        line = as_shown(record, line, shown)
        bucket, money = row_money(record, order, line, self.prices.of(order))
        return bucket, money, line.quantity if line and bucket else 0

    def waiting(self, record: RowRecord, order: OrderRecord | None) -> dict[str, _Line] | None:
        """The lines rows waiting for review on ``order`` would send, when ``record`` is one (read once per
        order)."""
        if order is None or not (kept_apart(record, order) or self._line_unknown(record)):
            return None
        waiting = self._waiting.get(order.po_number)
        if waiting is None:
            waiting = self._waiting[order.po_number] = waiting_lines(order)
        return waiting

    def _line_unknown(self, record: RowRecord) -> bool:
        """The row is tied to a line the ledger holds without its shipping method, or does not hold (an order
        taken from the vendor's list, its lines shown in pages): the row's own item may say them."""
        index = record.line_index
        if index is None:
            return False
        lines = self.lines(record.po_number or "")
        return not 0 <= index < len(lines) or not lines[index].shipping_method

    def charged_with_plan(
        self, orders: Collection[str]
    ) -> Iterator[tuple[RowRecord, Decimal, _Line, Prices, Breakdown]]:
        """The rows of ``orders`` holding a cost: each with it, its line, the prices its order was charged
        with and what they planned it at (a row whose line or plan is not known left out). What the words
        beside the totals read: rows rounded (``rounding``), given money back (``moneyback``), charged at
        prices read since (``raised``)."""
        for record in self.rows_by_fingerprint.values():
            po = record.po_number or ""
            order = self.orders.get(po) if po in orders else None
            if order is None or record.cost is None:
                continue
            line = row_line(record, order, self.lines(po), self.waiting(record, order))
            prices = self.prices.of(order)
            plan = prices.planned(line) if line is not None else None
            if line is not None and plan is not None:
                yield record, record.cost, line, prices, plan

    def latest_by_row(self) -> dict[int, RowRecord]:
        """Fallback when fingerprints are unknown: per spreadsheet row, the most recently updated record."""
        best: dict[int, RowRecord] = {}
        for record in self.rows_by_fingerprint.values():
            rank = (getattr(record, "current", True), record.updated)
            held = best.get(record.row)
            if held is None or rank > (getattr(held, "current", True), held.updated):
                best[record.row] = record
        return best

    def current_rows(self) -> list[RowRecord]:
        """The rows of the file of the latest run (older versions of fixed rows left out)."""
        return [r for r in self.rows_by_fingerprint.values() if getattr(r, "current", True)]

    def holds_money(self, record: RowRecord) -> bool:
        """Charged, or sent with the answer lost: a row the result must show even once out of the file."""
        if record.status == "ordered":
            return True
        order = self.orders.get(record.po_number) if record.po_number else None
        return order is not None and (
            order.state in IN_DOUBT_ORDER_STATES or waits_in_created_order(record, order)
        )

    def kept_once_gone(self, record: RowRecord) -> bool:
        """A row the result must show even once out of the file: it holds money (:meth:`holds_money`), or
        is a person the list left out (Do Not Mail, Terminated...), said why: a file of corrections run
        under the batch listed them nowhere any more (found by newcomer14)."""
        return self.holds_money(record) or left_out_person(record.status, record.error)

    def orders_without_a_card(self) -> int:
        """Created orders the vendor ended Failed or Cancelled with no row's card made in them (their rows
        failed, or were sent again in another order): "560 ordered in 60 orders" counted 4 such orders. The
        run, ``status`` and the Summary's orders leave them out."""
        return len(self._ended_without_a_card())

    def billed_without_a_card(self) -> dict[str, tuple[str, Decimal]]:
        """PO -> (the vendor's word, amount) of those orders that still bill money beside their lines: the
        'Charged 7.50' beside 'Orders 0 (+1 failed)' (hunter-money2's leftover LD)."""
        return {
            po: (self.orders[po].status or "", self.billed[po])
            for po in self._ended_without_a_card()
            if self.billed.get(po)
        }

    def _ended_without_a_card(self) -> list[str]:
        return ended_without_a_card(self.orders.values(), self.rows_by_fingerprint.values())

    def shown_rows(self) -> list[RowRecord]:
        """Every row the result workbook shows: the current file's rows, then rows of earlier files that
        hold money or that the list left out (see :func:`_earlier_rows`)."""
        return [r for r in self.rows_by_fingerprint.values() if r.current or self.kept_once_gone(r)]

    def order_summaries(self, catalog: Catalog | None = None) -> list[OrderSummary]:
        """The orders that hold money, in PO order; their figures are added up from their rows when the
        workbook is written (one sum, shown twice)."""
        summaries = []
        for order in self.orders.values():
            if order.state not in ORDER_SHEET_STATES:
                continue
            if order.state == "created":
                status, bucket = order.status or "", CHARGED
            elif order.state == "planned":
                status, bucket = "not sent yet", TO_SEND
            else:
                status, bucket = "in doubt (re-run resolves)", IN_DOUBT
            summaries.append(
                OrderSummary(
                    po_number=order.po_number,
                    order_id=order.vendor_order_id or "",
                    status=status,
                    line_items=order.lines,
                    money=bucket,
                    billed=self.billed.get(order.po_number, Decimal(0)),
                    billed_cards=self.billed_cards.get(order.po_number),
                    rounded=self.rounded.get(order.po_number, Decimal(0)),
                )
            )
        return summaries


COUNTED_KEPT = 10_000


def money_by_bucket(
    view: LedgerView, orders: Container[str] | None = None, *, review_apart: MoneyTally | None = None
) -> dict[str, MoneyTally]:
    """The batch's money by bucket, from the ledger alone: what ``status`` and ``run`` report, and what the
    result workbook's rows add up to; ``orders``: only the money of these POs (those sent in some days);
    ``review_apart``: where the money of rows waiting for review goes instead of their bucket (in doubt:
    their card may be at the vendor, but no run sends them nor asks the vendor for them)."""
    tallies = {bucket: MoneyTally() for bucket in MONEY_BUCKETS}
    # rows share their figures (Prices.breakdown): each one counted once, kept by identity (held, so an id
    # is never another's), not by value (0 and 0.00 are equal, and add up to different text); a few
    # thousand kinds at most, unless rows have figures of their own
    as_counted: dict[int, tuple[Breakdown, Breakdown]] = {}
    if orders is None:
        view.read_every_line()
    for record in view.shown_rows():
        if orders is not None and (record.po_number or "") not in orders:
            continue
        bucket, money, cards = view.money_of(record)
        if not bucket:
            continue
        tally = review_apart if review_apart is not None and record.status == "review" else tallies[bucket]
        if money is None:  # its cost unknown (RowOutcome.cost_unknown)
            tally.add_unknown(cards, record.po_number or "")
            continue
        held = as_counted.get(id(money))
        if held is None:  # as the row's outcome adds up (RowOutcome.breakdown)
            held = (money, counted(*money.figures()))
            if len(as_counted) < COUNTED_KEPT:
                as_counted[id(money)] = held
        tally.add(held[1], cards, record.po_number or "")
    for po, amount in view.billed.items():  # charged on the order beside its lines: its shipping cost
        if orders is not None and po not in orders:
            continue
        beyond = view.billed_cards.get(po)  # but the card lines it shows beyond its rows: cards
        tallies[CHARGED].add(billed_money(amount, beyond), beyond.cards if beyond else 0, po, rows=0)
    return tallies


def counts_by_row_status(view: LedgerView) -> dict[str, int]:
    """Rows by the status a person sees, over the rows the result workbook shows."""
    counts: dict[str, int] = {}
    for record in view.shown_rows():
        status = row_status(record, view.orders.get(record.po_number or ""))
        counts[status] = counts.get(status, 0) + 1
    return counts
