"""What ``bulkship run`` shows while and after it sends: the progress of the sending, and the run's outcome
with the next step for each kind of row left (the plan shown before: :mod:`.run_show`)."""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ..errors import InsufficientFundsError
from ..heldrows import first_day, money_said, of_the_skipped
from ..money import MONEY_CURRENCY, MoneyTally
from ..statuses import TO_SEND, counted
from .app import err_console, said_error, styled
from .run_show import money, show_problems

if TYPE_CHECKING:
    from ..runresult import RunResult
    from ..submit import SubmitProgress


class ProgressBar:
    """A rich progress bar on stderr fed by submit's reporter."""

    def __init__(self) -> None:
        self.progress = Progress(
            TextColumn("Sending orders"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[last]}", markup=False),
            TimeRemainingColumn(),
            console=err_console,
            transient=False,
        )
        self.task = self.progress.add_task("send", total=None, last="")
        self.started = False

    def __call__(self, state: SubmitProgress) -> None:
        if not self.started:
            self.progress.start()
            self.started = True
        self.progress.update(
            self.task,
            total=state.orders_total,
            completed=state.orders_done,
            last=f"{state.last_po} {state.last_outcome}",
        )

    def stop(self) -> None:
        if self.started:
            self.progress.stop()


def _of_the_skipped(result: RunResult) -> str:
    """As `status` says them: the run's '1 skipped' read as a batch done (hunter-sheets12's, newcomer11)."""
    waiting = (
        f"{result.waiting_rows} waiting for their day{first_day(result.held_until)}"
        f"{money_said(result.held_money, MONEY_CURRENCY)}"
        if result.waiting_rows
        else ""
    )
    return of_the_skipped(waiting, result.ordered_before_rows)


def report(result: RunResult, said: set[str] | None = None, keep: tuple[str, ...] = ()) -> None:
    """What the run did and what to do next; ``keep``: the options the person ran with that the follow-up
    command keeps (its budget, its ledger, its column mapping)."""
    _notes_and_problems(result, said)
    _batch_line(result)
    _sent_and_stopped(result)
    _in_doubt_unsent_or_to_review(result)
    _rows_to_correct(result, keep)
    if result.held_rows:
        _held(result, keep)


def _notes_and_problems(result: RunResult, said: set[str] | None) -> None:
    """The run's notes, and the rows not valid, that no plan shown before said (``said``)."""
    for note in result.notes:
        if note not in (said or ()):
            err_console.print(note, markup=False, highlight=False, soft_wrap=True)
    # the rows' own lines: the plan says where the rest are before a workbook exists, the run's end after
    listed = {line for line in result.problems if not line.startswith("... and ")}
    if result.problems and not listed <= (said or set()):  # no plan shown them: nothing sent
        err_console.print("Not valid, not sent:")
        show_problems(result.problems)


def _batch_line(result: RunResult) -> None:
    """'Batch B: 3 rows (3 ordered); 3 ordered in 1 order(s); charged 75.00 USD'."""
    counts = ", ".join(
        f"{n} {status}" + (_of_the_skipped(result) if status == "skipped" else "")
        for status, n in result.by_status.items()
        if n
    )
    charged_money = result.money.get("charged")
    charged = (  # in the currency the plan was shown in (the cost page's Send says it too)
        charged_money.total_text(MONEY_CURRENCY)
        if charged_money is not None
        else f"{money(result.total_cost)} {MONEY_CURRENCY}"
    )
    earlier = sum(result.by_status.values()) - result.rows  # ordered from an earlier file, no longer in it
    left = result.left_out_earlier_rows  # ... or left out by it, as the list said
    kinds = [
        f"{earlier - left} ordered earlier" if earlier > left else "",
        f"{left} left out earlier" if left else "",
    ]
    also = f" + {' and '.join(k for k in kinds if k)}, no longer in the file" if earlier > 0 else ""
    ordered = result.ordered_rows + result.ordered_earlier_rows  # every card charged is counted
    gone = f" ({result.ordered_earlier_rows} no longer in the file)" if result.ordered_earlier_rows else ""
    err_console.print(
        f"Batch {result.batch}: {counted(result.rows, 'row')}{also} ({counts or 'none'}); "
        f"{ordered} ordered{gone} in {result.orders} order(s); charged {charged}"
        # 'charged 133.00 USD' of orders the vendor answered in CAD (hunter-money30's leftover 3), as the
        # Batches page says it
        + (f" ({result.planned_dollars})" if result.planned_dollars else "")
    )


def _sent_and_stopped(result: RunResult) -> None:
    """Nothing sent, the money in doubt, where the results are, and why the run stopped where it did."""
    if not result.sent_orders and not result.already_complete and result.stopped is None:
        err_console.print("Nothing was sent in this run.")  # an edited file: nothing new to order
    doubt = result.money.get("in doubt")
    if doubt is not None and (doubt.total or not doubt.complete):
        err_console.print(
            styled(
                ("In doubt:", "bold yellow"), f" {doubt.total_text(MONEY_CURRENCY)} ({doubt.rows} row(s))."
            )
        )
    if result.output:
        err_console.print(f"Results: {result.output}")
    if result.stopped is not None:
        err_console.print(said_error(result.stopped.label, result.stopped.message), soft_wrap=True)
        if isinstance(result.stopped, InsufficientFundsError):
            err_console.print(f"  {_funds_missing(result)}", soft_wrap=True)
        elif result.stopped.hint:
            err_console.print(f"  {result.stopped.hint}", soft_wrap=True)


def _in_doubt_unsent_or_to_review(result: RunResult) -> None:
    """Orders in doubt (re-run), valid rows not sent yet, and rows to review before anything more is sent."""
    if result.unknown_orders:
        err_console.print(
            f"{result.unknown_orders} order(s) are in doubt: sent, no definite answer from the vendor. "
            "Re-run "
            "the same command: it re-sends the same PO numbers, which settles them without ordering anything "
            "twice."
        )
    elif result.unsent_rows and result.stopped is None:
        err_console.print(
            f"{result.unsent_rows} valid row(s) not sent yet; re-run the same command to send them."
        )
    if result.review_rows:
        err_console.print(
            f"{result.review_rows} row(s) need review: they may already be at the vendor, or another "
            "computer or ledger may be sending them, so nothing more is sent for them. See what the vendor "
            f"holds: bulkship reconcile {shlex.quote(result.batch)} --review; once nobody else is sending "
            "this list, "
            "settle every row the vendor shows, and release those it holds nowhere: bulkship reconcile "
            f"{result.batch} --release"
        )
        if result.untied_orders:  # money in no bucket yet: "charged 0.00" must not read as all
            err_console.print(
                f"The vendor holds {money(result.untied_cost)} in {result.untied_orders} order(s) of this "
                "batch that no row is tied to yet: they may be these rows' cards."
            )


def _rows_to_correct(result: RunResult, keep: tuple[str, ...]) -> None:
    """Rows failed at the vendor before their card was made, rows to fix, and duplicate rows of the file."""
    # held, needs-review and duplicate rows have their own advice (duplicates are not on Fix these)
    duplicates = result.by_status.get("duplicate", 0)
    # a row whose order the vendor ended Failed before making its card has nothing to correct: "need
    # fixing ... correct them" sent people looking for a mistake that is not there (review19)
    no_card = result.no_card_rows + result.no_card_held + result.no_card_moved
    to_fix = result.attention_rows - result.held_rows - result.review_rows - duplicates - no_card
    _say_no_card(result)
    if to_fix > 0:  # "correct them and run it with --batch B" named no file: the sheet, or the list?
        workbook = str(result.output) if result.output else "RESULT-WORKBOOK"
        follow = shlex.join(["bulkship", "run", workbook, "--batch", result.batch, *keep])
        err_console.print(
            f"{to_fix} row(s) need fixing (invalid or refused by the vendor): correct them on the 'Fix "
            f"these' sheet of {workbook}, then run `{follow}` (or correct them in your file and re-run the "
            "same command).",
            soft_wrap=True,
        )
    if duplicates:
        err_console.print(
            f"{duplicates} duplicate row(s) repeat an earlier row of the file and are not sent: see each "
            "row's message (where the two rows name different addresses, keep the right one on one row). To "
            "send one on purpose, put yes on its row in an 'Allow Duplicate' column (add the column to the "
            "file if it has none).",
            soft_wrap=True,
        )


def _held(result: RunResult, keep: tuple[str, ...]) -> None:
    """Rows held so that nobody gets a second card, and how to send them on purpose."""
    # --allow-repeat sends every held row: one of two sent on purpose sent the other a second card too
    # unless taken off Fix these first (found by newcomer6: each row's message says 'to send it')
    workbook = str(result.output) if result.output else "RESULT-WORKBOOK"
    follow = shlex.join(["bulkship", "run", workbook, "--batch", result.batch, *keep, "--allow-repeat"])
    some = (
        " It sends every held row: to send only some, take the others off the 'Fix these' sheet of "
        f"{workbook}, then run `{follow}`."
    )
    if result.held_with_card == result.held_rows:  # the very cards, made: no way on but a second card
        held = (
            f"{result.held_rows} row(s) held: each person has this very card already (another batch "
            "ordered it: see above and the result workbook), nothing to do. Only to send second cards on "
            "purpose, re-run the same command with --allow-repeat."
        )
    elif result.held_cancelled == result.held_rows:  # cancellations: none undone by a re-run
        held = (
            f"{result.held_rows} row(s) held: the vendor cancelled their card before it shipped, and a "
            "re-run does not undo a cancellation (see above and the result workbook). To send them after "
            "all, re-run the same command with --allow-repeat."
        )
    else:
        held = (
            f"{result.held_rows} row(s) held so that no one gets a second card by mistake (see above and "
            "the result workbook"
            + (
                f"; {result.held_with_card} of them have this very card already"
                if result.held_with_card
                else ""
            )
            + (
                f"; the vendor cancelled the card of {result.held_cancelled} of them before it shipped"
                if result.held_cancelled
                else ""
            )
            + "). To send them anyway, on purpose, re-run the same command with --allow-repeat."
        )
    err_console.print(held + (some if result.held_rows > 1 else ""), soft_wrap=True)


def _say_no_card(result: RunResult) -> None:
    """The rows whose line the vendor ended before their card was made: Failed ones the re-run sends again,
    Cancelled ones it holds (they were said as failed, 're-run to send them again': the lead's suspect B)."""
    if result.no_card_rows:
        err_console.print(
            f"{result.no_card_rows} row(s) failed at the vendor before their card was made (nothing charged "
            "for them): re-run the same command to send them again under a new PO number."
        )
    if result.no_card_moved:  # (track.moved: its line left behind reads Cancelled)
        err_console.print(
            f"{result.no_card_moved} row(s) whose card the vendor moved into an order of its own (see each "
            "row's note): not sent again, nor held as cancelled; ask the vendor about that order."
        )
    if result.no_card_held:
        err_console.print(
            f"{result.no_card_held} row(s) whose card the vendor cancelled before it shipped (nothing "
            "charged for them): a re-run holds them, not sent again by itself, as a cancellation may be one "
            "your company asked for; to send them after all, re-run the same command with --allow-repeat."
        )


def _funds_missing(result: RunResult) -> str:
    """What a run the vendor stopped for funds leaves to send, and what the account lacks as far as the
    vendor's balance shows it: the whole cost read "The account needs 476.70 more" where the vendor shows no
    balance (the documented API has none), and "needs 0.00 more" where it shows enough yet refused. Rows whose
    order the vendor ended without making their card go again with the rest: the 'needs 579.75 more' of
    the rows not sent alone stopped the next run for funds again (newcomer11's L1)."""
    to_send = result.money.get(TO_SEND) or MoneyTally()  # not those in doubt: they were sent
    rows, cost, which = f"{to_send.rows} row(s) not sent", money(to_send.total), ""
    if result.no_card_rows:
        rows = f"{to_send.rows + result.no_card_rows} row(s) the next run sends"
        cost = money(to_send.total + result.no_card_cost)
        which = (
            f": {to_send.rows} not sent, and {result.no_card_rows} whose order the vendor ended without "
            "making its card"
        )
    then = "Everything already sent stays ordered; fund the account and re-run the same command to send them."
    available, missing = result.available_funds, result.missing_funds
    if available is None or missing is None:
        unknown = "the vendor shows no balance, so how much the account lacks is not known"
        if result.funds_currency:  # 50.00 EUR is no 50.00 of the rows' dollars
            unknown = (
                f"the vendor shows the account's balance in {result.funds_currency}, not in the US dollars "
                "the rows cost, so how much it lacks is not known"
            )
        return f"The {rows} cost {cost}{which}; {unknown}. {then}"
    if missing > 0:
        shown = f"({cost}; {money(available)} available)"
        return f"The account needs {money(missing)} more for the {rows} {shown}{which}. {then}"
    return (
        f"The {rows} cost {cost}{which}, and the vendor shows {money(available)} available: it refused the "
        "order all the same (its balance may lag, or other orders hold part of it). Everything already sent "
        "stays ordered; ask the vendor, or fund the account, then re-run the same command to send the rest."
    )
