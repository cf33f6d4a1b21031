"""``bulkship status``: every batch of the ledger, its state, rows, orders and money, and their totals (split
from :mod:`.track_cmd`)."""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ..heldrows import HeldMoney, first_day, money_said, of_the_skipped
from ..money import MONEY_CURRENCY, money_text
from ..settings import Settings
from .app import JsonOption, LedgerOption, app, err_console, plain_console, print_json, settings_from
from .track_cmd import NO_LEDGER_HINT, PIPED_WIDTH, BatchArgument, require_ledger


def _total_label(total: dict[str, Any], *, alone: bool) -> str:
    """The label of a total row: the API it adds up when the batches listed went to several."""
    from ..batchapi import SANDBOX_API, describe_api

    count = total["batches"]
    label = f"Total ({count} batch{'es' if count != 1 else ''})"
    api = total.get("api")
    if alone:
        return label
    if api is None:
        return f"{label} at an API not recorded (an older bulkship)"
    return f"{label} at {describe_api(api)}" + (": no real order" if api == SANDBOX_API else "")


@app.command("status")
def status_command(
    batch: BatchArgument = None,
    ledger: LedgerOption = None,
    as_json: JsonOption = False,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Only batches started or sending orders from this day (YYYY-MM-DD, UTC), with the money "
            "charged on their orders sent in these days.",
        ),
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="... to this day, included (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Batches in the ledger with counts by status and money totals, and their total."""
    from ..api import rows_once, status, status_total, status_totals
    from ..errors import ConfigError, LedgerError
    from ..ledger import ledger_exists
    from ..ledger.records import swapped_days
    from ..ledger.schema import connection_lost

    settings = settings_from(ledger=ledger)
    try:
        if batch:  # a batch named that no ledger holds: exit 2, never an empty total
            require_ledger(settings, batch)
        if not ledger_exists(settings.ledger_location) and not as_json:
            err_console.print(f"No ledger at {settings.ledger_shown} yet: {NO_LEDGER_HINT}.")
            return
        summaries = status(settings, batch, since=since, until=until)  # a read-only ledger too
    except ValueError:
        raise ConfigError("--since and --until are days written YYYY-MM-DD, e.g. 2026-12-01") from None
    except LedgerError as exc:
        if settings.ledger_url and connection_lost(exc):
            hint = f"{exc.hint}; {SERVER_RUNS_WAIT}" if exc.hint else SERVER_RUNS_WAIT
            raise LedgerError(exc.message, hint=hint) from exc
        raise
    if swapped_days(since, until):
        raise ConfigError(swapped_days(since, until), hint="--since takes the first day, --until the last")
    once = functools.partial(rows_once, settings)  # a row in several batches counted once in a total
    totals = status_totals(summaries, once)  # a sandbox trial's money is never added to a vendor's (review29)
    total = status_total(summaries, once) if len(totals) <= 1 else None
    when = f" started or sending from {since or 'the start'} to {until or 'now'}" if since or until else ""
    if as_json:
        period = {"since": since, "until": until} if when else {}
        shown = {"currency": MONEY_CURRENCY, "batches": summaries, "total": total, "totals": totals}
        print_json({"ledger": settings.ledger_shown, **period, **shown})
        return
    if not summaries and when:
        err_console.print(f"No batch of the ledger {settings.ledger_shown} was{when}.", soft_wrap=True)
        return
    table = Table(
        # its currency, as the run's plan and the cost page say it (columns headed so wrapped the table)
        title=f"Ledger {settings.ledger_shown}"
        + (f": batches{when}" if when else "")
        + f", amounts in US dollars ({MONEY_CURRENCY})",
        caption=_sandbox_said(summaries),  # under the table, printed or piped: its money is no real money
        caption_justify="left",
    )
    for column in (
        "Batch",
        "State",
        "Input file",
        "Rows",
        "By status",
        "Orders",
        "Charged",
        "In doubt",
        "To send",
        *([IN_DAYS] if when else []),
        "Results",
    ):
        table.add_column(column, justify="right" if column in MONEY_COLUMNS else "left")
    for s in summaries:
        table.add_row(
            s["batch"], s["state"], _input_file_cell(s), str(s["rows"]),
            _by_status_cell(s), _orders_cell(s),
            _charged_cell(s), _in_doubt_cell(s),
            _to_send_cell(s), *_in_days_cell(s), s["output"] or "",
        )  # fmt: skip
    if len(summaries) > 1:  # a month is several batches: finance added them up by hand (newcomer5's L1)
        table.add_section()
    for each in totals if len(summaries) > 1 else ():
        table.add_row(
            _total_label(each, alone=len(totals) == 1), "", "", str(each["rows"]), _once_cell(each),
            _orders_cell(each),
            _charged_cell(each), _money_cell(each["money"]["in_doubt"]),
            _to_send_total_cell(each), *_in_days_cell(each), "",
        )  # fmt: skip
    out = plain_console()
    if not out.is_terminal:  # piped or redirected: do not squeeze the table into 80 columns
        out = plain_console(PIPED_WIDTH)
    out.print(table)
    from_the_page = _uploaded_on_the_page(settings, [s["batch"] for s in summaries if _left_in_doubt(s)])
    for s in summaries:
        _say_billed_without_a_card(s)
        for note in s.get("notes") or []:
            err_console.print(f"{s['batch']}: {note}", soft_wrap=True)
        if (said := _priced_before_said(s)) is not None:
            err_console.print(said, soft_wrap=True)
        if _left_in_doubt(s):
            err_console.print(_in_doubt_said(s, on_the_page=s["batch"] in from_the_page), soft_wrap=True)
        if come := _day_come_said(s, settings):
            err_console.print(come, markup=False, soft_wrap=True)


# what a person asking `status` while the team's database is away needs to know of the web page's runs, which
# `status` cannot read then: they wait for it (hunter-web23's LO1: nothing said so)
SERVER_RUNS_WAIT = (
    "a batch `bulkship serve` was sending waits for the database and goes on by itself once it answers, "
    "nothing sent meanwhile and no card twice (a `bulkship run` it cut stopped: run the same command "
    "again then)"
)


def _sandbox_said(summaries: list[dict[str, Any]]) -> str | None:
    """Which batches listed were trials on the embedded sandbox, said under the table: every other command
    says 'SANDBOX — no real orders' first, `status` said nothing, and a finance person read a colleague's
    'Total (5 batches) 3,785.81' as spent (newcomer15's N9)."""
    from ..batchapi import SANDBOX_API

    trials = [s["batch"] for s in summaries if s.get("api") == SANDBOX_API]
    if not trials:
        return None
    said = "SANDBOX — no real orders: "
    if len(trials) == len(summaries):
        what = "this batch is a trial" if len(trials) == 1 else "every batch above is a trial"
        return f"{said}{what} on bulkship's embedded vendor simulator: no card was made, no money charged."
    names = ", ".join(trials[:10]) + (f" and {len(trials) - 10} more" if len(trials) > 10 else "")
    verb = "is a trial" if len(trials) == 1 else "are trials"
    return (
        f"{said}{names} {verb} on bulkship's embedded vendor simulator: no card was made, no money charged "
        "(never added to the vendor's money in the totals)."
    )


def _input_file_cell(summary: dict[str, Any]) -> str:
    """The file the batch was run from: the list, and its Fix these sheet when its last run read that (the
    workbook's own name said no list anyone made)."""
    listed = summary.get("input_list")
    return f"{Path(listed).name} + Fix these" if listed else Path(summary["input_file"]).name


IN_DAYS = "Charged in these days"
MONEY_COLUMNS = ("Charged", "In doubt", "To send", IN_DAYS)


def _in_days_cell(summary: dict[str, Any]) -> list[str]:
    """With --since/--until, the money charged on the batch's orders sent in those days (a batch spanning
    days counted wholly by the day it started: hunter-money4's M2); nothing otherwise."""
    found = summary.get("charged_in_days")
    return [] if found is None else [_money_cell(found)]


def _say_billed_without_a_card(summary: dict[str, Any]) -> None:
    """What a batch's charged money holds for orders the vendor ended with no card, as the Summary and
    reconcile say it: 'Orders 0 (+1 failed)' beside 'Charged 7.50' said nothing (hunter-money2, LD)."""
    from ..billing import billed_without_a_card

    found = summary.get("billed_without_a_card") or []
    said = billed_without_a_card((o["po_number"], o["status"], Decimal(o["amount"])) for o in found)
    if said:
        err_console.print(f"{summary['batch']}: {said}", soft_wrap=True)


def _left_in_doubt(summary: dict[str, Any]) -> int:
    """The rows a run left in doubt, none while a run sends the batch (they are on their way)."""
    return 0 if summary["state"] == "sending" else int(summary["by_status"].get("in doubt") or 0)


def _uploaded_on_the_page(settings: Settings, batches: list[str]) -> set[str]:
    """Of ``batches``, those uploaded on the web page: its server, started again, resumes them."""
    from ..ledger import Ledger

    if not batches:
        return set()
    with Ledger.open(settings.ledger_location, lock=False, read_only=True) as ledger:
        return {batch for batch in batches if ledger.events(batch, limit=1, kinds=["web_upload"])}


def _in_doubt_said(summary: dict[str, Any], *, on_the_page: bool) -> str:
    """What happened to rows in doubt, and the one thing to do: after a run cut off mid-send (a laptop
    closed), the table said '1400 in doubt', 55,558.20 in doubt, and nothing else (newcomer22's N4)."""
    import shlex

    from ..money import total_text

    batch, rows = summary["batch"], _left_in_doubt(summary)
    money = total_text(Decimal(summary["money"]["in_doubt"]["total"]), 0)
    said = (
        f"{batch}: {rows:,} row(s) in doubt ({money} {MONEY_CURRENCY}): sent to the vendor, whose answer the "
        "run never got (it was cut off: the computer slept or closed, Ctrl-C, the connection lost)."
    )
    asks = "asking the vendor about them first by their PO numbers, so nothing is charged twice."
    if on_the_page:
        return f"{said} Start `bulkship serve` again: it resumes the batch, {asks}"
    command = shlex.join(["bulkship", "run", Path(summary["input_file"]).name, "--batch", batch])
    return (
        f"{said} Run the same command again, from the folder holding the file: {command} (with the options "
        f"you gave it). It asks the vendor about them first by their PO numbers, so nothing is charged twice."
    )


def _day_come_said(summary: dict[str, Any], settings: Settings) -> str:
    """The rows waiting for a day that has come, and what sends them: on Jan 20 a row held until 2027-01-15
    read 'waiting for their day, the first on 2027-01-15' and nothing more, while nothing sends it until the
    list runs again (found by hunter-money24)."""
    import shlex

    from ..heldrows import days_said

    held = [(row["row"], row["day"]) for row in summary.get("waiting_until") or [] if row["day"]]
    if not held:
        return ""
    from ..program import local_day  # (models: numpy; only for a batch with rows held to a day)

    come = [(row, day) for row, day in held if day <= local_day().isoformat()]
    if not come or summary["state"] == "sending":
        return ""
    batch = summary["batch"]
    said = (
        f"{batch}: {len(come)} row(s) held until a day that has come ({days_said(come)}) are not sent until "
    )
    if _uploaded_on_the_page(settings, [batch]):
        return f"{said}the batch is sent again: its cost page on the web page sends them."
    command = shlex.join(["bulkship", "run", Path(summary["input_file"]).name, "--batch", batch])
    where = "from the folder holding the file, with the options you gave it"
    return f"{said}the list runs again: {command} ({where})."


def _by_status_cell(summary: dict[str, Any]) -> str:
    """Rows by status; while a run sends the batch, the rows of its orders on their way read 'being sent':
    they read 'in doubt' (sent, the answer lost: re-run the same command), which a second run of the command
    cannot settle while the first holds the batch (hunter-web8's leftover)."""
    sending = summary["state"] == "sending"
    return ", ".join(
        f"{n} {'being sent' if sending and k == 'in doubt' else k}"
        + (_of_the_skipped(summary) if k == "skipped" else "")
        for k, n in summary["by_status"].items()
    )


def _of_the_skipped(summary: dict[str, Any]) -> str:
    waiting = summary.get("waiting") or 0  # skipped until a day to come: said apart (hunter-sheets12)
    said = f"{waiting} waiting for their day{_first_day(summary)}" if waiting else ""
    return of_the_skipped(said, summary.get("skipped_ordered_before") or 0)


def _once_cell(total: dict[str, Any]) -> str:
    """The total's By status cell: its rows count each person once, a row sent elsewhere where its card is."""
    twice = total.get("rows_counted_in_their_card_s_batch") or 0
    several = total.get("rows_in_several_batches") or 0
    if several:
        of_them = f", {twice} of them sent elsewhere" if twice else ""
        return f"each person once ({several} row(s) of more than one batch counted once{of_them})"
    return f"each person once ({twice} sent elsewhere counted in their card's batch)" if twice else ""


def _first_day(summary: dict[str, Any]) -> str:
    """', the first on 2027-01-15, 120.00 USD at the prices of 2026-12-05' of the rows waiting for their day
    (newcomer18's N1 and N4: neither their day nor their money was said)."""
    said = first_day([(held["row"], held["day"]) for held in summary.get("waiting_until") or []])
    if "waiting_cost" in summary:  # what they cost as last priced (newcomer18's N4: in no figure)
        cost = HeldMoney(
            Decimal(summary["waiting_cost"]), summary["waiting_unpriced"], summary["waiting_priced"]
        )
        said += money_said(cost, MONEY_CURRENCY)
    return said


def _charged_cell(figures: dict[str, Any]) -> str:
    """A batch's (or a total's) money charged, with the words of a batch whose orders the vendor answered in
    another currency (counted at planned dollars): '125.00' alone read as dollars charged under 'amounts in
    US dollars' (hunter-money31's leftover 3), as the run's last line and the Batches page say it."""
    cell = _money_cell(figures["money"]["charged"])
    if of_it := figures.get("charged_at_planned_dollars"):  # a total: how much of it (its batches' cells)
        return f"{cell} ({money_text(Decimal(of_it['total']))} of it planned)"
    # short: the whole words wrapped the cell (they are said under the table)
    if planned := figures.get("planned_dollars"):
        answered = re.search(r"answers in ([^:]+):", planned)
        return f"{cell} planned ({f'billed in {answered.group(1)}' if answered else 'not priced yet'})"
    return cell


def _in_doubt_cell(summary: dict[str, Any]) -> str:
    """Money in doubt; while a run sends the batch, it is the money on its way (said so)."""
    cell = _money_cell(summary["money"]["in_doubt"])
    if summary["state"] == "sending" and Decimal(summary["money"]["in_doubt"]["total"]):
        return f"{cell} (being sent)"
    return cell


def _to_send_cell(summary: dict[str, Any]) -> str:
    """Money to send, with when it was priced: the vendor may have changed a price since."""
    from ..billedbefore import most_words
    from ..pricedon import priced_words

    cell = _money_cell(summary["money"]["to_send"])
    priced = str(summary.get("to_send_priced") or "")
    shown = priced and Decimal(summary["money"]["to_send"]["total"])
    changed = bool(summary.get("to_send_priced_before_a_change"))
    # short: the whole words wrapped the cell over three lines (hunter-money29's L5), said below the table
    cell = f"{cell} {priced_words(priced, changed, short=True)}" if shown else cell
    most = summary.get("to_send_most")  # as its plan counts: 50.00 read alone beside a plan's 55.95
    return f"{cell}, {most_words(Decimal(most['most']))}" if most else cell


def _priced_before_said(summary: dict[str, Any]) -> str | None:
    """What a To send cell's '(below)' says (:func:`_to_send_cell`), under the table."""
    from ..pricedon import priced_words

    to_send = summary["money"]["to_send"]["total"]
    if not summary.get("to_send_priced_before_a_change") or not Decimal(to_send):
        return None
    priced = priced_words(str(summary.get("to_send_priced") or ""), True)
    return f"{summary['batch']}: To send {money_text(Decimal(to_send))} {priced}."


def _to_send_total_cell(total: dict[str, Any]) -> str:
    """A total's money to send, and with what the vendor bills on each order, as its batches' cells say it."""
    from ..billedbefore import most_words

    cell = _money_cell(total["money"]["to_send"])
    most = total.get("to_send_most")
    return f"{cell}, {most_words(Decimal(most['most']))}" if most else cell


def _orders_cell(summary: dict[str, Any]) -> str:
    """The orders holding cards, as the run counts them, and those the vendor ended with none made."""
    failed = summary.get("orders_failed") or 0
    return f"{summary['orders']} (+{failed} failed)" if failed else str(summary["orders"])


def _money_cell(money: dict[str, Any]) -> str:
    from ..money import total_text

    return total_text(Decimal(money["total"]), int(money.get("cost_unknown_rows") or 0))
