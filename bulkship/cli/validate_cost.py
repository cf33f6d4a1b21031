"""``bulkship validate FILE --cost``: what ``bulkship run`` would send, priced at the vendor's prices of
today, with nothing recorded: no batch, no PO number (found by newcomer18, N3: the only way to see the cost
was answering no at 'Send these orders?', which left a batch behind and PO numbers 'planned and never sent'
in every later run, Summary and ``status``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd

from ..heldrows import days_said, held_costs
from ..models import FINGERPRINT, STATUS, Catalog, ValidationResult
from ..money import MONEY_CURRENCY
from ..plan import DEFAULT_MAX_LINES, DEFAULT_PO_PREFIX
from ..plan.cost import PlanSummary, summarise
from ..plan.orders import VENDOR_MAX_LINES, plan_orders
from ..settings import Settings
from ..statuses import NOT_YET_REASON
from .app import err_console
from .run_show import money, plan_table


@dataclass(frozen=True)
class CostPreview:
    """The rows a run would send and what they cost; the valid rows it would not send, and why."""

    summary: PlanSummary | None  # None: no row to send
    held: int  # repeats of a card another batch ordered: `run` holds them
    ordered: int  # their cards ordered already under this batch (or sent elsewhere): never sent again
    refused: bool = False  # `run` under this batch's name refuses the whole file (another batch's list)
    waiting: tuple[tuple[int, str], ...] = ()  # (row, day) the list holds until a day to come: not yet sent
    waiting_cost: Decimal = Decimal(0)  # ... what those priced cost today (`run` says it: heldrows)
    waiting_unpriced: int = 0
    held_cancelled: int = 0  # of ``held``, rows whose card the vendor cancelled (repeats.cancelled)
    # rows whose very card another batch's order holds, after a split advised (repeats.takenout): `run`
    # leaves them out as sent elsewhere, never sent from this batch
    elsewhere: int = 0
    max_lines: int = DEFAULT_MAX_LINES  # line items per order (--max-lines, as `run` takes it)
    # the most the vendor billed beside an earlier order's lines: `run` counts it on each order it makes
    # (..billedbefore.order_charge); 55.95 where validate said 50.00 (hunter-money26)
    order_charge: Decimal = Decimal(0)
    billed_notes: tuple[str, ...] = ()  # ... said as the run's plan says it

    @property
    def most(self) -> Decimal:
        """What `run` would say it may spend: the lines' total and :attr:`order_charge` on each order."""
        if self.summary is None:
            return Decimal(0)
        return Decimal(self.summary.total) + self.order_charge * self.summary.orders

    def as_json(self) -> dict[str, Any]:
        """``validate --json``'s ``cost``: the figures of the run's plan total, as ``run --json``'s money."""
        total = self.summary.overall if self.summary is not None else None
        figures: dict[str, Any] = {
            "orders": self.summary.orders if self.summary is not None else 0,
            "rows": total.rows if total else 0,
            "cards": total.cards if total else 0,
        }
        for name in ("face_value", "discount", "fees", "shipping", "total"):
            figures[name] = f"{getattr(total, name) if total else 0:.2f}"
        if self.order_charge:  # counted by `run` beside the lines (said only where the vendor bills one)
            figures |= {"order_charge": f"{self.order_charge:.2f}", "most": f"{self.most:.2f}"}
        said = {"currency": MONEY_CURRENCY, "held": self.held, "already_ordered": self.ordered}
        said |= {"sent_elsewhere": self.elsewhere}
        waiting = [{"row": row, "until": day} for row, day in self.waiting]
        held = {"waiting_cost": f"{self.waiting_cost:.2f}", "waiting_unpriced": self.waiting_unpriced}
        return figures | said | {"refused": self.refused, "waiting": waiting} | (held if waiting else {})


def price_what_run_sends(
    result: ValidationResult,
    catalog: Catalog,
    *,
    batch: str,
    held_rows: set[int],
    ordered: Callable[[], list[str]] | None,
    today: date,
    refused: bool = False,
    elsewhere_rows: set[int] | None = None,
    max_lines: int = DEFAULT_MAX_LINES,
    planned: Callable[[], dict[str, list[str]]] | None = None,
) -> CostPreview:
    """The valid rows less those ``run`` would hold (``held_rows``) or has ordered under ``batch``
    (``ordered``: their fingerprints, read from the ledger), planned into orders as ``run`` plans them;
    ``refused``: ``run`` under ``batch`` refuses the file whole (what a batch of another name would send is
    priced, said so); ``elsewhere_rows``: the rows `run` leaves out as sent elsewhere (their cards in
    another batch's order: validate priced them, 100.00 where the run sent 50.00; found by hunter-web28);
    ``planned``: the batch's orders planned and never sent (PO -> their rows' fingerprints), which `run` keeps
    whole: planned afresh here, four one-card orders read as one, 'at most' said 17.85 short of the run's
    where the vendor bills 5.95 beside each order (hunter-money30)."""
    valid = result.valid_rows
    done = set(ordered()) if ordered is not None else set()
    was_ordered = valid[FINGERPRINT].astype(str).isin(done)
    held = pd.Series(valid.index.isin(sorted(held_rows)), index=valid.index) & ~was_ordered
    gone = pd.Series(valid.index.isin(sorted(elsewhere_rows or ())), index=valid.index) & ~was_ordered & ~held
    to_send = valid[~was_ordered & ~held & ~gone]
    counts = (int(held.sum()), _ordered_in_file(result, done))
    waiting = _waiting(result)
    costs = held_costs(result.rows, [row for row, _day in waiting], catalog, batch)
    held = {"waiting": waiting, "waiting_cost": sum(costs.values(), Decimal(0))}
    held |= {"waiting_unpriced": len(waiting) - len(costs)}
    if to_send.empty:
        return CostPreview(None, *counts, refused=refused, elsewhere=int(gone.sum()), **held)
    orders, fresh = _kept_orders(to_send, planned() if planned is not None else {}, catalog, batch)
    if not fresh.empty:
        orders += plan_orders(fresh, catalog, po_prefix=DEFAULT_PO_PREFIX, batch=batch, max_lines=max_lines)
    summary = summarise(orders, catalog, start=today)
    return CostPreview(
        summary, *counts, refused=refused, elsewhere=int(gone.sum()), max_lines=max_lines, **held
    )


def _kept_orders(
    to_send: pd.DataFrame, planned: dict[str, list[str]], catalog: Catalog, batch: str
) -> tuple[list[Any], pd.DataFrame]:
    """The orders `run` keeps as planned (every row of each still to send), one each, and the rows left to
    plan afresh."""
    prints = to_send[FINGERPRINT].astype(str)
    sending = set(prints)
    kept: list[Any] = []
    taken: set[str] = set()
    for members in planned.values():
        if members and all(fp in sending for fp in members):
            rows = to_send[prints.isin(members)]
            lines = max(1, min(len(rows), VENDOR_MAX_LINES))
            kept += plan_orders(rows, catalog, po_prefix=DEFAULT_PO_PREFIX, batch=batch, max_lines=lines)
            taken.update(members)
    return kept, to_send[~prints.isin(taken)]


def _ordered_in_file(result: ValidationResult, done: set[str]) -> int:
    """The rows of the file whose card the batch ordered already, as `run` counts them ('N row(s) already
    ordered'): the valid ones, and those the list leaves out or refuses today, sent before all the same (a
    status 'Terminated' since: 145 here, 146 there; found by newcomer21, N4). A duplicate row is not its
    original's card (:func:`..reconcile.join.ledger_keys`)."""
    if not done:
        return 0
    from ..reconcile.join import ledger_keys

    keys, _ = ledger_keys(result.rows)
    return sum(1 for key in keys if key in done)


def _waiting(result: ValidationResult) -> tuple[tuple[int, str], ...]:
    """(row, its first day, or "") of the rows the list holds until a day to come, the soonest first: a run
    on or after it sends them (a cost that left them unsaid read as the whole list's). Not a row to fix now
    (..validate.heldnow)."""
    status = result.rows[STATUS]
    held = [
        (s.row, s.until)
        for s in result.sheet.skipped
        if (s.until or s.reason.startswith(NOT_YET_REASON)) and status.get(s.row) == "skipped"
    ]
    return tuple(sorted(held, key=lambda one: (one[1] or "9999", one[0])))


def approval_said(settings: Settings, batch: str, preview: CostPreview) -> str:
    """In team mode, whether `bulkship run` of this plan as the person running it would wait for an approver,
    said beside its cost ("" when it would not, or outside team mode): alice, who may send 100.00 alone,
    saw 'validate --cost' price 250.00 and say `run` 'asks before sending', and learned of the approver only
    from the run's refusal after her yes (the brief's, hunter-web28)."""
    from ..money import money_text
    from ..team import team_mode

    if preview.summary is None or preview.refused or not team_mode(settings):
        return ""
    from ..team.approvals import acting_person, approvers_for, limit_for, needs_approval, sent_alone

    person, total = acting_person(settings), preview.most  # as `run` counts it: order charges too
    if not needs_approval(settings, person, total, batch):
        return ""
    limit, earlier = limit_for(settings, person), sent_alone(settings, person, besides=batch)
    if total + earlier > limit:
        why = f"it costs {money_text(total)}"
        if earlier:  # as the run says it (a total below the limit read as an arithmetic slip: newcomer8)
            why += f", and with the {money_text(earlier)} {person} sent without approval in the last day "
            why += money_text(total + earlier)
        why += f", more than the {money_text(limit)} {person} may send without approval"
    else:
        why = f"an approver rejected batch {batch}, or people in it, since it was last approved"
    nobody = ""
    if not approvers_for(settings, person):
        nobody = (
            f" No active account other than {person} holds the approver role: nobody could approve it (an "
            "admin adds an approver, or raises the threshold: `bulkship users`)."
        )
    return (
        f"Approval: {why}: `bulkship run` would ask an approver first (a request on the web page's "
        f"Approvals) and send nothing until another person approves it.{nobody}"
    )


def with_order_charge(settings: Settings, batch: str, preview: CostPreview) -> CostPreview:
    """``preview`` counting what the vendor billed beside earlier orders' lines on each of its orders, and
    saying so, as the run's plan does (:mod:`bulkship.billedbefore`): validate --cost said '1 order(s),
    50.00 USD' of what would be charged 55.95."""
    from ..batchapi import api_identity
    from ..billedbefore import billed_before_notes, order_charge
    from ..errors import BulkshipError
    from ..ledger import Ledger, ledger_exists

    if preview.summary is None or not ledger_exists(settings.ledger_location):
        return preview
    api, orders = api_identity(settings), preview.summary.orders
    try:
        with Ledger.open(settings.ledger_location, lock=False, read_only=True) as ledger:
            charge = order_charge(ledger, batch, api=api)
            notes = billed_before_notes(ledger, batch, orders, api=api) if charge else []
    except BulkshipError:  # a ledger that cannot be read says nothing here (validate reads no ledger else)
        return preview
    return replace(preview, order_charge=charge, billed_notes=tuple(notes))


def show_cost(preview: CostPreview, batch: str, approval: str = "") -> None:
    """The plan's table as ``run`` shows it, its approval in team mode, what the vendor billed beside
    earlier orders' lines, what was not priced and why."""
    summary = preview.summary
    if preview.refused:  # a cost under the refusal read as what the run would charge (found by newcomer19)
        err_console.print(
            f"Cost: `bulkship run` as batch {batch} refuses this file (see the warning above): nothing would "
            "be sent. Priced below: what a batch you name yourself (--batch NEW-NAME) would send.",
            soft_wrap=True,
        )
    if summary is None:
        err_console.print("Cost: nothing `bulkship run` would send (no valid row left to order).")
    else:
        sender = "a batch of another name" if preview.refused else f"Batch {batch}"
        title = f"{sender}: what `bulkship run` would send, in US dollars ({MONEY_CURRENCY})"
        err_console.print(plan_table(title, summary))
        err_console.print(
            f"{summary.orders} order(s){_cut_at(preview.max_lines)}, {money(summary.total)} {MONEY_CURRENCY} "
            f"at the vendor's prices of today{_order_charges(preview)}. Nothing was recorded (no batch, no "
            "PO number): `bulkship run` prices the plan again "
            "and asks before sending.",
            soft_wrap=True,
        )
        if approval:
            err_console.print(approval, markup=False, soft_wrap=True)
        for note in preview.billed_notes:
            err_console.print(f"Note: {note}", markup=False, highlight=False, soft_wrap=True)
    if preview.held:
        why = (
            "as repeats"
            if not preview.held_cancelled
            else "as cancelled at the vendor"
            if preview.held_cancelled == preview.held
            else f"as repeats or, {preview.held_cancelled} of them, as cancelled at the vendor"
        )
        err_console.print(f"Not priced: {preview.held} row(s) `bulkship run` would hold {why} (above).")
    if preview.waiting:
        err_console.print(
            f"Not in the cost: {len(preview.waiting)} row(s) the list holds until a day to come ("
            f"{days_said(preview.waiting)}): `bulkship run` on or after their day sends them, at that day's "
            f"prices ({money(preview.waiting_cost)} {MONEY_CURRENCY} at today's"
            + (f", {preview.waiting_unpriced} row(s) not priced" if preview.waiting_unpriced else "")
            + ").",
            soft_wrap=True,
        )
    if preview.elsewhere:
        err_console.print(
            f"Not priced: {preview.elsewhere} row(s) sent elsewhere, their cards in another batch's order "
            "already (never sent from this batch).",
            soft_wrap=True,
        )
    if preview.ordered:
        err_console.print(
            f"Not priced: {preview.ordered} row(s) of batch {batch} whose cards are ordered already (never "
            "sent again).",
            soft_wrap=True,
        )


def _order_charges(preview: CostPreview) -> str:
    """What the vendor may bill beside the lines, counted by `run` (:attr:`CostPreview.order_charge`)."""
    if not preview.order_charge or preview.summary is None:
        return ""
    return (
        f", and up to {money(preview.order_charge)} the vendor bills beside the lines of each (note below): "
        f"{money(preview.most)} {MONEY_CURRENCY} at most"
    )


def _cut_at(max_lines: int) -> str:
    """The cut of the orders where it is not the default (`run` without --max-lines plans fewer)."""
    return "" if max_lines == DEFAULT_MAX_LINES else f" of at most {max_lines} line item(s) each"
