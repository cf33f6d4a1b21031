"""What a run shows: the plan it asks to confirm (:class:`PlanView`, in :mod:`bulkship.planview`) and what it
reports (:class:`RunResult`), both from the ledger (the result workbook itself: :mod:`bulkship.resultfile`;
the notes beside its totals: :mod:`bulkship.runnotes`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .batchapi import api_identity
from .errors import BulkshipError
from .heldrows import HeldMoney, held_money, held_until, waiting_money_json
from .ledger import OPEN_STATES, Ledger
from .ledger.linewords import is_cancelled_hold
from .money import MoneyTally, money_plain

# (read from here by older code and tests: the plan itself lives in ..planview)
from .planview import PlanView as PlanView
from .planview import plan_view as plan_view
from .reconcile.join import (
    LedgerView,
    counts_by_row_status,
    made_no_card,
    money_by_bucket,
    waits_in_created_order,
)
from .refusednow import skipped_ordered_elsewhere
from .repeats import HELD
from .runnotes import money_notes, planned_dollars, po_refused, vendor_codes
from .statuses import ATTENTION_STATUSES, CHARGED, left_out_person

if TYPE_CHECKING:
    from .settings import Settings


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
    held_with_card: int = 0  # of them, those whose very card another batch made (repeats.notes.HAS_CARD)
    held_cancelled: int = 0  # of them, those whose card the vendor cancelled (repeats.cancelled)
    review_rows: int = 0  # rows that may be at the vendor but cannot be tied to it: a person decides
    ordered_earlier_rows: int = 0  # rows ordered from an earlier file of the batch, no longer in this one
    left_out_earlier_rows: int = (
        0  # ... and the people an earlier file left out (Do Not Mail...), still listed
    )
    untied_orders: int = 0  # orders the vendor holds for the batch holding rows in review (see _untied)
    untied_cost: Decimal = Decimal(0)  # what those rows cost: money in no bucket until a person ties them
    stopped: BulkshipError | None = None
    missing_funds: Decimal | None = None  # stopped for funds: what the balance shown lacks
    available_funds: Decimal | None = None  # ... and that balance (None: the vendor shows none)
    funds_currency: str = ""  # ... kept in another currency than dollars (then both None): that currency
    already_complete: bool = False
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # the first rows left out and why (PlanView.problems)
    by_status: dict[str, int] = field(default_factory=dict)  # rows by the status the workbook shows
    money: dict[str, MoneyTally] = field(default_factory=dict)  # charged, in doubt, to send
    api: str = ""
    duplicate: int = 0  # rows repeating an earlier row of the file: not ordered, nothing to fix
    no_card_rows: int = 0  # failed: the vendor ended their line before making a card; a re-run sends them
    no_card_held: int = 0  # ... its line Cancelled (a request, perhaps): a re-run holds them
    no_card_moved: int = 0  # ... its card moved by the vendor into an order of its own: not sent again
    no_card_cost: Decimal = Decimal(0)  # ... what their lines cost as sent: the re-run's to pay again
    waiting_rows: int = 0  # of the skipped: held until a day to come, sent by the same file run on it
    ordered_before_rows: int = 0  # ... and those whose card another batch ordered already (its card went)
    held_until: tuple[tuple[int, str], ...] = ()  # ... each with its day, the soonest first (..heldrows)
    held_money: HeldMoney | None = None  # ... what they cost as last priced (None: never priced)
    # its money counts rows at planned dollars (the vendor answers in CAD): said beside its charged total
    planned_dollars: str = ""
    created_orders: tuple[str, ...] = ()  # the POs this run sent (or found) that the vendor now holds

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
        # a row held for the very card another batch made needs nobody: the run says 'nothing to do' of it,
        # and exiting 3 for it kept a script (and `status`) asking a person for good (session 47's leftover)
        attention = self.attention_rows - self.held_with_card
        return 3 if self.failed_rows or self.held_rows > self.held_with_card or attention > 0 else 0

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
            "left_out_earlier_rows": self.left_out_earlier_rows,
            "failed_rows": self.failed_rows,
            "held_rows": self.held_rows,
            "held_with_card": self.held_with_card,  # of them, the very card made elsewhere: nothing to do
            "held_cancelled": self.held_cancelled,  # of them, their card cancelled at the vendor
            "untied_orders": self.untied_orders,  # at the vendor, tied to no row yet (rows in review)
            "untied_cost": money_plain(self.untied_cost),
            "attention_rows": self.attention_rows,
            "rows_not_sent": self.unsent_rows,
            # of by_status's skipped: held until a day to come, sent by the same file run on or after it
            # (exit 0 all the same: the list holds them on purpose), as `status --json` says them
            "waiting": self.waiting_rows,
            # ... and those whose card another batch ordered already: not sent, their card went
            "skipped_ordered_before": self.ordered_before_rows,
            # ... each with the day it goes on or after (YYYY-MM-DD; "" where none is known), soonest first
            "waiting_until": [{"row": row, "day": day} for row, day in self.held_until],
            **waiting_money_json(self.held_money),
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
    no_card_records = [r for r in view.rows_by_fingerprint.values() if r.current and made_no_card(r)]
    no_card = len(no_card_records)
    # ... of them, those whose line it cancelled: the next run holds them, not sends (repeats.cancelled)
    resent = [r for r in no_card_records if (r.line_status or "").lower() != "cancelled"]
    moved = [r for r in no_card_records if (r.po_number or "", r.fingerprint) in view.moved]  # (track.moved)
    resent = [r for r in resent if r not in moved]
    return RunResult(
        batch=batch,
        rows=record.rows if record else 0,
        valid=record.valid if record else 0,
        invalid=rows.get("invalid", 0),  # apart from duplicates, as validate and the Fix these sheet count
        duplicate=rows.get("duplicate", 0),
        orders=states.get("created", 0) - view.orders_without_a_card(),
        ordered_rows=rows.get("ordered", 0) - no_card,
        failed_rows=rows.get("failed", 0) + no_card,
        no_card_rows=len(resent),
        no_card_held=no_card - len(resent) - len(moved),
        no_card_moved=len(moved),
        no_card_cost=sum((r.cost or Decimal(0) for r in resent), Decimal(0)),
        held_until=(held := held_until(ledger, batch) if rows.get("skipped") else ()),
        waiting_rows=len(held),  # not a row whose card another batch ordered (..heldrows.held_until)
        ordered_before_rows=skipped_ordered_elsewhere(ledger, batch) if rows.get("skipped") else 0,
        held_money=held_money(ledger, batch, held),
        planned_dollars=planned_dollars(ledger).get(batch, ""),
        # money: every ordered row of the batch, including rows since removed from the file
        total_cost=money[CHARGED].total,
        output=output,
        sandbox=settings.is_sandbox,
        unknown_orders=sum(states.get(state, 0) for state in OPEN_STATES),
        unsent_rows=rows.get("planned", 0),
        held_rows=rows.get(HELD, 0),
        held_with_card=held_with_card(ledger, batch) if rows.get(HELD) else 0,
        held_cancelled=held_cancelled(ledger, batch) if rows.get(HELD) else 0,
        by_status=counts_by_row_status(view),
        money=money,
        api=api_identity(settings),
        review_rows=rows.get("review", 0),
        ordered_earlier_rows=sum(
            1
            for r in view.rows_by_fingerprint.values()
            if r.status == "ordered" and not r.current and not made_no_card(r)
        ),
        left_out_earlier_rows=sum(
            1
            for r in view.rows_by_fingerprint.values()
            if not r.current and left_out_person(r.status, r.error)
        ),
        **_untied(ledger, view, batch) if rows.get("review") else {},
        notes=[
            *po_refused(view),
            *money_notes(ledger, view, batch),
            *vendor_codes(view),
        ],
    )


def held_cancelled(ledger: Ledger, batch: str) -> int:
    """The batch's held rows whose card the vendor cancelled before it shipped (:mod:`.repeats.cancelled`)."""
    return sum(1 for r in ledger.current_rows_with_status(batch, HELD) if is_cancelled_hold(r.error))


def held_with_card(ledger: Ledger, batch: str) -> int:
    """The batch's held rows whose very card another batch made (:data:`..statuses.HAS_CARD`), as that card
    is now (failed there since, the person has none: not counted)."""
    return ledger.batch_rows_holding_card(batch).get(batch, 0)


def _untied(ledger: Ledger, view: LedgerView, batch: str) -> dict[str, Any]:
    """Money at the vendor for the batch in no bucket, said beside rows needing review so that "charged
    0.00" is never all: orders with no row tied to them (adopted after a lost ledger, or waiting for a
    person), their whole cost. (Rows waiting in an order the vendor created are money in doubt: see
    :func:`bulkship.reconcile.join.money_bucket`.) Returns the count of such orders and that money.

    An order held for review before it ever left (the batch stopped at a 409 on another of its POs) is at
    no vendor: counted, 'The vendor holds 100.00 in 2 order(s)' was said of a vendor holding one order of
    50.00 (hunter-vendor21's L3). An order in review counts once it was sent or the vendor named it."""
    rows = view.rows_by_fingerprint.values()
    tied = {r.po_number for r in rows if r.status == "ordered"}
    tied |= {r.po_number for r in rows if waits_in_created_order(r, view.orders.get(r.po_number or ""))}
    untied = [o for o in view.orders.values() if o.state in ("created", "review") and o.po_number not in tied]
    if any(o.state == "review" and not o.vendor_order_id for o in untied):
        sent = {e.po_number for e in ledger.events(batch, kinds=("sending",))}
        untied = [o for o in untied if o.state != "review" or o.vendor_order_id or o.po_number in sent]
    return {"untied_orders": len(untied), "untied_cost": sum((o.cost for o in untied), Decimal(0))}
