"""The plan a run asks to confirm (:class:`PlanView`): what is about to be sent and the batch's money, from
the ledger, for `run`'s 'Send these orders?', the web's cost page, the limits (:mod:`bulkship.confirm`) and
the approvals; what a run reports after is :class:`bulkship.runresult.RunResult`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from .heldrows import HeldMoney, held_money, held_until
from .ledger import ELSEWHERE, Ledger
from .models import Balance, Catalog
from .money import MoneyTally
from .pendingcost import pending_summary
from .reconcile.join import LedgerView, money_by_bucket
from .repeats import HELD
from .repeats.cancelled import held_words
from .repeats.takenout import elsewhere_by_order
from .reprice import dearer_in_doubt
from .statuses import CHARGED, IN_DOUBT, left_out_person


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
    # orders in doubt dearer at today's prices than stored: PO -> today's cost. One the vendor never got is
    # sent again and charged so (reprice.dearer_in_doubt): each counts at the dearer cost, its worst case
    dearer_in_doubt: Mapping[str, Decimal] = field(default_factory=dict)
    # of the rows left out as skipped, those the list holds until a day to come (sent by the same command
    # run on or after it: not in this total)
    waiting_rows: int = 0
    held_until: tuple[tuple[int, str], ...] = ()  # ... each with its day, the soonest first (..heldrows)
    held_money: HeldMoney | None = None  # ... what they cost as last priced (None: never priced)
    # the rows the list itself leaves out (hidden, crossed out, said not to send, totals or notes), waiting
    # ones apart, each with why, in row order: said by row, not as every reason a row may be skipped for
    # ('2 skipped (rows the list itself leaves out: hidden, crossed out, totals or notes rows, ...)': N4)
    skipped_said: tuple[tuple[int, str], ...] = ()
    in_doubt_raise: Decimal = Decimal(0)  # what they cost beyond their stored cost at today's prices
    # rows sent elsewhere (their cards in another batch's order), by that order: (where, rows)
    elsewhere: tuple[tuple[str, tuple[int, ...]], ...] = ()
    # rows waiting for review in an order the vendor made (their card may be one of its lines): in doubt, but
    # no run sends them nor asks for them, so they are not in what this run may spend (:attr:`worst_case`),
    # only in the batch's (:attr:`batch_total`). Counted there, a lost ledger's rows held beside an order the
    # vendor failed read 'In doubt ... asked again with the same PO numbers' and took 'The orders to send
    # cost 611.90' past a --max-total of the 505.95 sent (newcomer11's L6)
    waiting_review: MoneyTally = field(default_factory=MoneyTally)
    # the most the vendor billed beside an earlier order's lines (..billedbefore.order_charge): counted on
    # each order this run may make, in :attr:`worst_case` and so in every limit and total confirmed
    order_charge: Decimal = Decimal(0)
    # the currencies other than the dollar the vendor answered the batch's orders in before (a run held to a
    # total stops at the first order answered in another: ..submit.room.RoomTally)
    currencies_before: frozenset[str] = frozenset()
    held_why: str = "each would be a second card for its person"  # why held_rows are, as their notes say
    # the catalog the plan was priced with: a page's plan kept is checked against today's before it is
    # worked out again in full (web.cost_pages)
    priced_with: Catalog | None = field(default=None, compare=False, repr=False)

    @property
    def skipped_people(self) -> list[int]:
        """Of :attr:`skipped_said`, the rows of people the list leaves out (hidden, crossed out, said not
        to send), not its totals or notes rows."""
        return [row for row, why in self.skipped_said if left_out_person("skipped", why)]

    @property
    def skipped_no_recipient(self) -> list[int]:
        """Of :attr:`skipped_said`, the rows that are no recipient: totals, notes, headings."""
        return [row for row, why in self.skipped_said if not left_out_person("skipped", why)]

    @property
    def in_doubt(self) -> MoneyTally:
        """Orders sent before whose answer was lost: asked again with the same PO, charged at most once."""
        return self.money.get(IN_DOUBT) or MoneyTally()

    @property
    def charged(self) -> MoneyTally:
        return self.money.get(CHARGED) or MoneyTally()

    @property
    def in_doubt_most(self) -> Decimal:
        """The most the orders in doubt can cost: each at the dearer of its stored cost and today's."""
        return self.in_doubt.total + self.in_doubt_raise

    @property
    def orders_made_most(self) -> int:
        """The orders this run may make: those to send, and those in doubt (sent again if never got)."""
        return int(self.summary.orders) + len(self.in_doubt.orders)

    @property
    def order_charges(self) -> Decimal:
        """What the vendor may bill beside the lines of the orders this run may make (its order_charge)."""
        return self.order_charge * self.orders_made_most

    @property
    def worst_case(self) -> Decimal:
        """The most this run can spend: everything to send, every order in doubt at its worst case, and what
        the vendor may bill on each beside its lines."""
        return Decimal(self.summary.total) + self.in_doubt_most + self.order_charges

    @property
    def batch_total(self) -> Decimal:
        """The most the batch can cost once this run is done: what it was charged and :attr:`worst_case`. An
        approval threshold is the batch's, so that follow-ups never take a batch past it a run at a time. Rows
        waiting for review count too: their cards may be charged already."""
        return self.charged.total + self.waiting_review.total + self.worst_case


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
    dearer = dearer_in_doubt(ledger, batch, catalog)
    waiting = MoneyTally()
    return PlanView(
        batch,
        pending_summary(ledger, batch, catalog, start, balance),
        new_orders,
        resumed_orders,
        counts.get("ordered", 0),
        counts.get(HELD, 0),
        money_by_bucket(view, review_apart=waiting),
        {status: counts[status] for status in LEFT_OUT if counts.get(status)},
        dict(repeated or {}),
        charged_earlier_rows=sum(1 for r in earlier if view.money_of(r)[0] == CHARGED),
        dearer_in_doubt={po: today for po, (_stored, today) in dearer.items()},
        in_doubt_raise=sum((today - stored for stored, today in dearer.values()), Decimal(0)),
        waiting_review=waiting,
        priced_with=catalog,
        held_until=(held := held_until(ledger, batch) if counts.get("skipped") else ()),
        waiting_rows=len(held),
        held_money=held_money(ledger, batch, held),
        skipped_said=_skipped_said(ledger, batch, {row for row, _day in held})
        if counts.get("skipped")
        else (),
        elsewhere=elsewhere_by_order(ledger, batch) if counts.get(ELSEWHERE) else (),
        currencies_before=_currencies_before(ledger, batch),
        held_why=held_words((r.error for r in ledger.current_rows_with_status(batch, HELD)), "its person")
        if counts.get(HELD)
        else "",
    )


def _currencies_before(ledger: Ledger, batch: str) -> frozenset[str]:
    """The currencies other than the dollar the vendor answered the batch's orders in (ledger.ordernotes)."""
    from .ledger.ordernotes import FOREIGN_CURRENCY

    found = (str(e.detail.get("currency", "")) for e in ledger.events(batch, kinds=[FOREIGN_CURRENCY]))
    return frozenset(c.strip().upper() for c in found)


SKIPPED_SHOWN = 8  # the rows the list itself leaves out named before a plan is sent; the rest counted


def _skipped_said(ledger: Ledger, batch: str, waiting: set[int]) -> tuple[tuple[int, str], ...]:
    """The batch's rows the list itself leaves out, but those waiting for their day: (row, why), by row
    (newcomer16's N4: 'Left out of this plan: 2 skipped (rows the list itself leaves out: hidden, crossed
    out, totals or notes rows, a row it says not to send, taken off Fix these) row(s)' said neither who nor
    why). ``waiting``: those rows (..heldrows.held_until); one held until a day whose card another batch
    ordered is said here, as ordered before (review62)."""
    found = [
        (r.row, r.error or "")
        for r in ledger.current_rows_with_status(batch, "skipped")
        if r.row not in waiting
    ]
    return tuple(sorted(found))
