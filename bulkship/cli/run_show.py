"""What ``bulkship run`` shows in the terminal before it sends: the plan's cost, the rows it leaves out or
holds, the problems found (the progress and the outcome: :mod:`.run_report`)."""

from __future__ import annotations

import shlex
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.table import Table

from ..heldrows import HeldMoney, days_said, money_said
from ..money import MONEY_CURRENCY
from .app import err_console, styled

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from ..plan.cost import PlanSummary
    from ..planview import PlanView


def money(value: Decimal) -> str:
    from ..money import money_text  # the terminal's one money format

    return money_text(value)


def show_plan(view: PlanView) -> None:
    """The cost of what is about to be sent, per product and shipping method, and when cards arrive."""
    summary = view.summary
    # the currency of every amount it holds (a card priced in another is refused), as the cost page says it
    table = plan_table(f"Batch {view.batch}: orders to send, in US dollars ({MONEY_CURRENCY})", summary)
    charged, doubt = view.charged, view.in_doubt
    if charged.rows:
        err_console.print(
            f"Already charged: {charged.total_text(MONEY_CURRENCY)} for {charged.rows} row(s)"
            + (f" ({view.charged_earlier_rows} no longer in the file)" if view.charged_earlier_rows else "")
            + f" in {len(charged.orders)} order(s): not sent again."
        )
    if doubt.rows:
        err_console.print(
            styled(
                ("In doubt:", "bold yellow"),
                f" {doubt.total_text(MONEY_CURRENCY)} for {doubt.rows} row(s) in {len(doubt.orders)} "
                "order(s) sent before without an answer: asked again with the same PO numbers, charged at "
                "most once." + _dearer_today(view),
            )
        )
    waiting = view.waiting_review
    if waiting.rows:  # not sent nor asked again by this run: not among the money it may spend
        err_console.print(
            styled(
                ("Waiting for review:", "bold yellow"),
                f" {waiting.total_text(MONEY_CURRENCY)} for {waiting.rows} row(s) beside order(s) the vendor "
                f"made ({', '.join(sorted(waiting.orders))}): their card may be charged already. This run "
                f"neither sends them nor asks for them: bulkship reconcile {shlex.quote(view.batch)} "
                "--review",
            )
        )
    err_console.print(table if summary.orders else "To send: nothing new.")
    orders = f"{summary.orders} order(s) to send"
    if doubt.rows and not summary.orders:  # '0 order(s) to send' above 'Send these orders?' (hunter-vendor36)
        orders = (
            f"No new order to send; the {len(doubt.orders)} order(s) in doubt go again under the same PO "
            "numbers only if the vendor never got them"
        )
    # the orders resumed less those in doubt (said above, not among those to send): counted, a new order
    # beside one in doubt read 'all planned by an earlier run' (hunter-vendor42's kill trial t5)
    planned_before = view.resumed_orders - len(doubt.orders)
    if planned_before > 0 and summary.orders:
        # they are among the orders to send: "2 to send; 2 left from an earlier run" read as four (newcomer4)
        some = "all" if planned_before >= summary.orders else f"{planned_before} of them"
        orders += f" ({some} planned by an earlier run, keeping their PO numbers)"
    if view.already_ordered_rows:
        orders += f"; {view.already_ordered_rows} row(s) already ordered are not sent again"
    if view.held_rows:
        orders += f"; {view.held_rows} row(s) held, not in this plan: {view.held_why}"
    err_console.print(orders)
    if view.order_charges:  # counted in every limit and in what 'Send these orders?' confirms
        err_console.print(
            f"Beside the lines' total: up to {money(view.order_charge)} the vendor bills on each of "
            f"{view.orders_made_most} order(s), as on earlier orders (said above). The most this run can "
            f"spend: {money(view.worst_case)}.",
            soft_wrap=True,
        )
    _show_elsewhere(view.elsewhere)
    _show_repeated(view.repeated)
    if summary.arrivals:
        # orders are made per kind of card, not per method: said, or a reader counts orders here
        err_console.print("Estimated arrival, by shipping method (one order may hold several methods):")
    for arrival in summary.arrivals:
        when = arrival.estimated_date.isoformat() if arrival.estimated_date else "unknown"
        who = f"{arrival.rows} recipient(s)"  # a row is one parcel, whatever its quantity of cards
        err_console.print(f"  {arrival.shipping_method}: {who}, {when}")
    if summary.balance is not None:
        balance = summary.balance
        if balance.in_dollars:
            err_console.print(f"Available balance: {money(balance.available)}")
        else:  # never compared with the plan's dollars (50.00 EUR read 'short by 50.00' of 100.00)
            err_console.print(
                f"Available balance: {money(balance.available)} {balance.currency.strip().upper()} (the "
                "vendor keeps the account in another currency than the US dollars of this plan: not compared "
                "with its total; orders the balance cannot cover are refused by the vendor, nothing charged "
                "for them)",
                soft_wrap=True,
            )
        if summary.shortfall > 0:
            err_console.print(
                styled(
                    (f"The balance is short by {money(summary.shortfall)}:", "bold red"),
                    " orders beyond it will be refused (422); fund the account first, or re-run afterwards "
                    "to send the rest.",
                )
            )

    if view.left_out:  # said before the question, as the web page's "leave the rows out" box does
        _show_left_out(view)
    else:
        show_problems(view.problems)


def _show_left_out(view: PlanView) -> None:
    """The rows left out of the plan: to fix, each with its problem under their count (printed after the
    list's own, they read as rows the list said not to send: found by newcomer19, N7); left out by the list
    itself; waiting for their day."""
    words = {"invalid": "invalid (to fix)", "duplicate": "duplicate"}
    left_out = dict(view.left_out)
    # rows waiting for their day are not left out for good: said as the run's last line says them, and
    # that their cards are not in the total above ('2 skipped (rows ... a row it says not to send ...)'
    # of two cards of 95.95 the same command sends on Dec 20: found by hunter-money14)
    later = min(view.waiting_rows, left_out.get("skipped", 0))
    skipped = left_out.pop("skipped", 0) - later
    parts = ", ".join(f"{n} {words.get(status, status)}" for status, n in left_out.items() if n)
    if parts:
        err_console.print(f"Left out of this plan: {parts} row(s) of the file.")
        show_problems(view.problems)
    if skipped > 0:  # who and why, by row, in the list's own words (newcomer16's N4)
        _show_skipped(skipped, view.skipped_said)
    if later:
        err_console.print(
            f"Not in this plan yet: {later} row(s) the list holds until a day to come (waiting for "
            f"their day: {days_said(view.held_until)}): their cards are not in the total above; the same "
            "command run on or after their day sends them, at that day's prices"
            f"{_held_cost(view.held_money)}.",
            markup=False,
            highlight=False,
        )
    if not parts:
        show_problems(view.problems)


def plan_table(title: str, summary: PlanSummary) -> Table:
    """The plan's cost by product, by shipping method and in all (what `run` asks about, and what `validate
    --cost` prices)."""
    table = Table(title=title, title_justify="left")
    from ..money import MONEY_LABELS  # the workbook's names: "Shipping cost", not the method

    for column in ("", "Rows", "Cards", *MONEY_LABELS):
        # the label column never wraps: a product id cut to "VISA-PR…" is no use to anyone
        table.add_column(column, justify="left" if not column else "right", no_wrap=not column)
    groups = (("By product", summary.by_product), ("By shipping method", summary.by_shipping_method))
    for heading, group in groups:
        table.add_row(styled((heading, "dim")))
        for line in group:
            label = line.key
            table.add_row(
                label,
                str(line.rows),
                str(line.cards),
                money(line.face_value),
                money(line.discount),
                money(line.fees),
                money(line.shipping),
                money(line.total),
            )
        table.add_section()
    total = summary.overall
    table.add_row(
        styled(("Total", "bold")),
        str(total.rows),
        str(total.cards),
        money(total.face_value),
        money(total.discount),
        money(total.fees),
        money(total.shipping),
        styled((money(total.total), "bold")),
    )
    return table


def _held_cost(held: HeldMoney | None) -> str:
    """' (120.00 USD at the prices of 2026-12-05)': what the rows waiting for their day cost as priced by
    this run, in no total (newcomer18's N4)."""
    return f" ({money_said(held, MONEY_CURRENCY).removeprefix(', ')})" if held is not None else ""


def _dearer_today(view: PlanView) -> str:
    """Orders in doubt dearer at today's prices: one the vendor never got goes out again at them (shown at
    its stored cost, it was charged past the total confirmed: hunter-money7's M1)."""
    if not view.in_doubt_raise:
        return ""
    return (
        f" If the vendor never got them, they go out again: up to {money(view.in_doubt_most)} at the "
        "vendor's prices of today, counted so in the most this run spends."
    )


def _show_skipped(count: int, said: Sequence[tuple[int, str]]) -> None:
    """The rows the list itself leaves out, each with why (the first few), as ``validate`` says a row."""
    from ..planview import SKIPPED_SHOWN

    err_console.print(f"Left out of this plan, as the list itself says ({count} row(s)):", soft_wrap=True)
    for row, why in said[:SKIPPED_SHOWN]:
        err_console.print(f"  row {row}: {why or 'skipped'}", markup=False, highlight=False, soft_wrap=True)
    if count > min(len(said), SKIPPED_SHOWN):
        err_console.print(f"  ... and {count - min(len(said), SKIPPED_SHOWN)} more")


def _show_elsewhere(elsewhere: Sequence[tuple[str, Sequence[int]]], shown: int = 8) -> None:
    """The rows sent elsewhere, by the order holding their cards: a plan of 150 of the file's 200 rows said
    nothing of the 50 another batch had sent until after 'Send these orders?' (newcomer18's N2)."""
    from ..resolve.lines import ranges

    count = sum(len(rows) for _where, rows in elsewhere)
    if not count:
        return
    err_console.print(
        f"Not in this plan: {count} row(s) sent elsewhere, their cards in another batch's order already "
        "(never sent from this batch):",
        soft_wrap=True,
    )
    for where, rows in elsewhere[:shown]:
        said = f"row {rows[0]}" if len(rows) == 1 else f"rows {ranges(rows)}"
        err_console.print(f"  {said}: {where}", markup=False, highlight=False, soft_wrap=True)
    if len(elsewhere) > shown:
        err_console.print(f"  ... and {len(elsewhere) - shown} more order(s) (see the result workbook)")


def show_problems(problems: Sequence[str]) -> None:
    """Why rows are left out (the first few), each on its own line as ``validate`` says them."""
    for line in problems:
        err_console.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)


def _show_repeated(repeated: Mapping[int, str], shown: int = 8) -> None:
    """Who gets a card again because of --allow-repeat, said before the question: the flag releases every
    held row of the file at once, and a person sent a second card by mistake is money gone."""
    from ..repeats import repeat_said
    from ..repeats.cancelled import sent_again_words

    if not repeated:
        return
    err_console.print(
        styled(
            (f"{len(repeated)} row(s) in this plan {sent_again_words(repeated.values())}", "bold yellow"),
            " and are sent again on purpose (--allow-repeat):",
        )
    )
    for row, note in sorted(repeated.items())[:shown]:
        err_console.print(f"  row {row}: {repeat_said(note)}", soft_wrap=True)
    if len(repeated) > shown:
        err_console.print(f"  ... and {len(repeated) - shown} more")
