"""Step 3's last part: the plan shown to the person (or the web page) before anything is sent, and the
limits it must pass: ``--max-total`` (this run's worst case, and the batch's budget), the cards the cost page
showed, the person's answer, and the vendor's prices unchanged while the answer was awaited."""

from __future__ import annotations

import shlex
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from .billedbefore import billed_before_notes, currency_before_notes, order_charge, record_charge_counted
from .defaults import MAX_LINES
from .errors import DeclinedError, SpendLimitError, VendorError
from .ledger import Ledger
from .models import Balance, Catalog
from .money import cents, money_plain, money_text
from .neversent import drop_plan_never_sent
from .plan import check_cards_shown, price_changes
from .planview import PlanView, plan_view
from .repeats.takenout import SPLIT_ADVISED
from .resume import Synced
from .runnotes import failed_counted_notes
from .spendingroom import SpendingRoom, charged_since_send, spending_room

if TYPE_CHECKING:
    from .team.approvals.limits import SenderLimit


class PlanLimits(Protocol):
    """What of :class:`bulkship.runoptions.RunOptions` the confirmation reads."""

    @property
    def confirm(self) -> Callable[[PlanView], bool] | None: ...
    @property
    def show_refused(self) -> Callable[[PlanView], None] | None: ...
    @property
    def max_total(self) -> Decimal | None: ...
    @property
    def max_batch_total(self) -> Decimal | None: ...
    @property
    def advise_split(self) -> bool: ...
    @property
    def cards_shown(self) -> Mapping[str, str] | None: ...
    @property
    def total_shown(self) -> Decimal | None: ...
    @property
    def drop_declined(self) -> bool: ...
    @property
    def limit_to_confirmed(self) -> bool: ...
    @property
    def answered_in_person(self) -> bool: ...
    @property
    def charged_at_send(self) -> Decimal | None: ...
    @property
    def max_lines(self) -> int: ...
    @property
    def sender_limit(self) -> Callable[[], SenderLimit | None] | None: ...
    @property
    def needs_an_approval(self) -> Callable[[PlanView], bool] | None: ...


# an order in doubt the vendor never got goes out again, charged at today's prices (hunter-money7's M1)
_AT_TODAY = ", at the vendor's prices of today: sent again if the vendor never got it"


# a plan declined at 'Send these orders?' to see its cost used PO numbers the batch's later orders skip, said
# by every later run, Summary and `status` (newcomer18's N3): the cost alone leaves nothing behind
def _declined_hint(max_lines: int) -> str:
    """... with the run's --max-lines: without it, the look counted 2 orders where the plan had 11 (found by
    hunter-money23)."""
    cut = f" --max-lines {max_lines}" if max_lines != MAX_LINES else ""
    return (
        "re-run the same command to see the plan again; to see the cost alone, leaving no plan nor PO number "
        f"behind: `bulkship validate FILE --cost{cut}` with the same file"
    )


def _said_ordered_before(
    said: tuple[tuple[int, str], ...], went: Mapping[int, str]
) -> tuple[tuple[int, str], ...]:
    """The rows the list leaves out, (row, why), those whose card went already said so, as the workbook says
    them: the plan listed a person whose card went in week 1's batch, now 'terminated 12/4', beside those
    never ordered ('Left out of this plan, as the list itself says'; hunter-vendor33's item 2)."""
    return tuple(
        (row, f"ordered before, PO {went[row]}: its card went; now {why}" if row in went else why)
        for row, why in said
    )


async def confirm_plan(
    client: Any,
    ledger: Ledger,
    batch: str,
    catalog: Catalog,
    today: date,
    synced: Synced,
    options: PlanLimits,
    file_notes: Sequence[str] = (),
    problems: Sequence[str] = (),
    look_up: Callable[[], Awaitable[int]] | None = None,
    ordered_before: Mapping[int, str] | None = None,
) -> SpendingRoom | None:
    """Show the plan (new and resumed orders) with what reading the file noted; SpendLimitError when it
    costs more than ``max_total`` or the caller does not confirm it. Nothing has been sent yet. Confirmed:
    how much more than planned the vendor may charge before the run passes a limit (None: no limit).
    ``look_up``: asks the vendor for the orders in doubt, sending nothing (how many it settled), called
    when they take the plan past a limit (see :mod:`bulkship.submit.lookfirst`). ``ordered_before``: the
    rows the list leaves out whose card went already -> its PO (..refusednow.said_apart)."""
    try:
        balance = await client.balance()
    except VendorError:
        balance = None
    planned = partial(
        _planned, ledger, batch, catalog, today, balance, synced, tuple(file_notes), tuple(problems),
        ordered_before or {},
    )  # fmt: skip
    view = planned(synced.resumed)
    asked_first = _asks_a_person(options) or _past_a_limit(options, view)
    if look_up is not None and view.in_doubt_most and asked_first:
        # an order in doubt the vendor made is charged already: a limit it took the batch to must not keep
        # it unsettled (hunter-money9's L2): asked first, what the vendor shows no longer counts as to send.
        # Nor is a person asked of it: a re-run after a crash asked 'Send these orders?' of '0 order(s) to
        # send' while the vendor held every order in doubt (hunter-vendor36)
        settled = await look_up()
        if settled:
            view = planned(max(synced.resumed - settled, 0))
            if not view.worst_case:  # nothing left to send, nothing in doubt: no limit to pass
                return None
    _check_max_total(ledger, batch, options, view)
    check_cards_shown(options.cards_shown, view.summary)  # the cost page's cards (web), or none sent
    _check_total_shown(options.total_shown, view)
    _check_send_resumed(options, view)
    _check_batch_budget(ledger, batch, options, view)
    if options.confirm is not None:
        _check_answer(ledger, batch, options, view)
        await _check_prices_unchanged(client, catalog, view)
    record_charge_counted(ledger, batch, view.order_charge)  # within it, no cost differing from the plan
    return spending_room(options, view)


def _planned(
    ledger: Ledger,
    batch: str,
    catalog: Catalog,
    today: date,
    balance: Balance | None,
    synced: Synced,
    file_notes: tuple[str, ...],
    problems: tuple[str, ...],
    ordered_before: Mapping[int, str],
    resumed: int,
) -> PlanView:
    """The plan as shown, ``resumed`` orders in doubt still to send, with what reading the file noted and
    what the batch's orders billed before."""
    view = plan_view(
        ledger, batch, catalog, today, balance, synced.new_orders, resumed, repeated=synced.repeated
    )
    # an order whose own total still counts lines it failed (perhaps never refunded): said before their
    # rows are sent and paid again, not after (found by hunter-money16)
    kept = failed_counted_notes(ledger, batch) if view.summary.orders else []
    charge = order_charge(ledger, batch) if view.orders_made_most else Decimal(0)
    view = replace(view, order_charge=charge)  # beside each order's lines, counted (hunter-money26)
    billed = billed_before_notes(ledger, batch, view.orders_made_most) if charge else []
    billed += currency_before_notes(ledger, batch, view.orders_made_most)  # a stop to come, said first
    skipped = _said_ordered_before(view.skipped_said, ordered_before)
    return replace(view, notes=(*file_notes, *kept, *billed), problems=problems, skipped_said=skipped)


def _check_max_total(ledger: Ledger, batch: str, options: PlanLimits, view: PlanView) -> None:
    """SpendLimitError where the orders to send may cost more than --max-total (this run's worst case)."""
    limit = options.max_total
    if limit is None or view.worst_case <= limit:
        return
    _show_refused(options, view)
    raise SpendLimitError(
        f"The orders to send cost {money_text(view.worst_case)}{_in_doubt_part(view)}"
        f"{_order_charges_part(view)}, more than "
        f"--max-total {money_text(limit)}. "
        "Nothing was sent; the plan is kept in the ledger",
        # a part run under another name would be refused: this batch's plan holds its rows
        hint=_settle_in_doubt(view, view.worst_case)
        or _advise_split(
            ledger,
            batch,
            options,
            f"raise --max-total, or send part of the list: take rows out of the file and run it again "
            f"with --batch {shlex.quote(batch)} (the batch takes the shorter file), then run the rows "
            "taken out as a "
            "batch of their own",
        ),
    )


def _check_batch_budget(ledger: Ledger, batch: str, options: PlanLimits, view: PlanView) -> None:
    """SpendLimitError where the batch in all (charged, waiting, to send) would pass its budget."""
    budget = options.max_batch_total
    if budget is None or view.batch_total <= budget:
        return
    _show_refused(options, view)
    raise SpendLimitError(
        f"Batch {batch} would cost {money_text(view.batch_total)} in all: "
        f"{money_text(view.charged.total)} charged already{_waiting_part(view)} and "
        f"{money_text(view.worst_case)} to send now{_in_doubt_part(view)}, more than --max-total "
        f"{money_text(budget)} (the batch's budget). Nothing was sent; the plan is kept in the ledger",
        # rows left "for another batch" while this batch's plan holds them are refused there (review18)
        hint=_settle_in_doubt(view, view.batch_total)
        or _advise_split(
            ledger,
            batch,
            options,
            f"raise --max-total to send the rest, or leave rows for another batch: take them out of "
            f"the file and run it again with --batch {shlex.quote(batch)} (its plan lets them go), then "
            "run them as "
            "a batch of their own",
        ),
    )


def _check_answer(ledger: Ledger, batch: str, options: PlanLimits, view: PlanView) -> None:
    """DeclinedError where the person (or the page) does not confirm the plan; its plan dropped where the
    options say so (no money 'to send' for ever)."""
    if options.confirm is None or options.confirm(view):
        return
    if options.drop_declined and drop_plan_never_sent(ledger, batch):
        raise DeclinedError(
            f"Not confirmed: nothing was sent, and the plan was dropped: nothing of batch {batch} waits "
            "to be sent",
            hint=_declined_hint(options.max_lines),
        )
    raise DeclinedError("Not confirmed: nothing was sent", hint=_declined_hint(options.max_lines))


async def _check_prices_unchanged(client: Any, catalog: Catalog, view: PlanView) -> None:
    """SpendLimitError where the vendor's prices changed while the plan waited for its answer: a person
    may answer long after, and the prices must still be those shown."""
    changed = price_changes(catalog, await client.catalog(refresh=True), view.summary)
    if changed:
        raise SpendLimitError(
            "The vendor's prices changed while the plan waited for your answer ("
            + "; ".join(changed[:5])
            + "): the orders would cost other than the total shown. Nothing was sent",
            hint="re-run the same command to see the plan at today's prices",
        )


def _asks_a_person(options: PlanLimits) -> bool:
    """Whether a person answers the plan's question (the CLI without --yes), perhaps long after."""
    return options.confirm is not None and options.answered_in_person


def _past_a_limit(options: PlanLimits, view: PlanView) -> bool:
    """Whether ``view`` costs more than --max-total (with what a page's Send taken up again charged before),
    takes the batch past its budget, or would wait for an approver (a team's limits: the run's person alone,
    or the approved total)."""
    limit, budget, approval = options.max_total, options.max_batch_total, options.needs_an_approval
    at_send = options.charged_at_send  # a page's Send taken up again: what it charged before counts
    return (
        (limit is not None and view.worst_case > limit)
        or (
            limit is not None
            and at_send is not None
            and charged_since_send(at_send, view) + view.worst_case > limit
        )
        or (budget is not None and view.batch_total > budget)
        or (approval is not None and approval(view))
    )


def _waiting_part(view: PlanView) -> str:
    """The money of rows waiting for review, said beside what was charged: their cards may be charged."""
    waiting = view.waiting_review
    if not waiting.rows:
        return ""
    return (
        f", {money_text(waiting.total)} for {waiting.rows} row(s) waiting for review (their card may be "
        "charged already: `reconcile --review` settles them)"
    )


def _in_doubt_part(view: PlanView) -> str:
    """What of the money to send is orders in doubt: sent before, their answer lost, they may be charged
    already. Said by the --max-total refusal, not by the batch's budget's: after a lost answer took a batch to
    its budget, the next run's refusal read "27.00 to send now" of an order the vendor had made, sent again
    only if it never got it (the lead's L5, checked by hunter-money9)."""
    doubt = view.in_doubt_most
    if not doubt:
        return ""
    at_today = _AT_TODAY if view.in_doubt_raise else ""
    return f" ({money_text(doubt)} of it in doubt from an earlier run{at_today})"


def _order_charges_part(view: PlanView) -> str:
    """What of the money to send the vendor may bill beside the orders' lines, as on earlier orders."""
    if not view.order_charges:
        return ""
    return (
        f" ({money_text(view.order_charges)} of it billed beside the lines: up to "
        f"{money_text(view.order_charge)} on each order, as on earlier orders)"
    )


def _advise_split(ledger: Ledger, batch: str, options: PlanLimits, advice: str) -> str:
    """``advice`` (to send part of the list as a batch of its own), recorded: only a batch so advised reads
    its planned rows another batch sent since as taken out of it (:mod:`bulkship.repeats.takenout`); a list
    of another occasion sending the same card is no evidence of a split (review48 on d4c08147). Recorded
    only where it is given: a page's Send refused says to check the new total, and the batch's next Send
    read another occasion's card as a row taken out of it, leaving its person out (hunter-vendor30)."""
    if options.advise_split:
        ledger.log_event(batch, None, SPLIT_ADVISED)
    return advice


def _settle_in_doubt(view: PlanView, needed: Decimal) -> str:
    """The way on when all a limit refuses is orders in doubt (none planned): a larger limit settles them,
    sending nothing the vendor holds. Told to 'leave rows for another batch', a person whose last order's
    answer was lost had no row to leave (the lead's L5, checked by hunter-money9). "" otherwise."""
    if view.summary.total or not view.in_doubt_most:
        return ""
    return (
        f"the order(s) in doubt may be charged already: run the same command with --max-total "
        f"{money_plain(needed)} to settle them (it asks the vendor by their PO numbers first, and sends one "
        "again only if the vendor never got it)"
    )


def _check_send_resumed(options: PlanLimits, view: PlanView) -> None:
    """SpendLimitError (nothing more sent) when a page's Send taken up again after a restart would cost more
    than its total confirmed: what its run charged before the restart and what is left. Taken up again, the
    run was held to the total confirmed against what was left only, and the vendor raising its prices was
    paid 6,550.00 for a cost page's 6,250.00, 'Finished' (hunter-money6's L3, reproduced by hunter-money7)."""
    confirmed, charged_at_send = options.max_total, options.charged_at_send
    if confirmed is None or charged_at_send is None:
        return
    since = charged_since_send(charged_at_send, view)
    if not since or since + view.worst_case <= confirmed:
        return
    raise SpendLimitError(
        f"What this Send's run charged before it was cut short ({money_text(since)}) and what is left to "
        f"send at the vendor's prices of today ({money_text(view.worst_case)}) make "
        f"{money_text(since + view.worst_case)}, more than the {money_text(confirmed)} its Send confirmed: "
        "the vendor's prices may have changed. Nothing more was sent; the rest stays to send",
        hint="open the batch's cost page: it shows what is left at the vendor's prices of today",
    )


def _show_refused(options: PlanLimits, view: PlanView) -> None:
    """The plan a limit refuses, shown before the refusal: 'The orders to send cost 5,160.65, more than
    --max-total 5,000.00' alone left the person no way to see which cards, rows or fees made the total, nor
    what the file left out (found by newcomer7, an HR list over its budget)."""
    if options.show_refused is not None:
        options.show_refused(view)


def _check_total_shown(shown: Decimal | None, view: PlanView) -> None:
    """SpendLimitError (nothing sent) when the plan costs other than the total a page showed and its Send
    confirmed: a vendor's price lowered after the cost page was shown (the page kept its plan) was sent
    for less with no word of it, where the command line refuses prices changed while it waited for the
    answer (found by hunter-money1, L4). A plan costing more is refused by its ``max_total`` first."""
    if shown is None or cents(view.worst_case) == cents(shown):
        return
    raise SpendLimitError(
        f"The vendor's prices changed since the cost page was shown: the orders to send cost "
        f"{money_text(view.worst_case)} now, the page showed {money_text(shown)}. Nothing was sent",
        hint="open the batch's cost page, check the new total and send it from there",
    )
