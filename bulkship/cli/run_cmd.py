"""``bulkship run``: validate, plan, show the cost, confirm, submit exactly once, write the result workbook.

Exit codes: 0 every row of the file ordered (or deliberately skipped); 3 finished but some rows need the user
(invalid, duplicate held back, failed, needs review); 1 stopped (credentials, funds, the vendor not answering,
not confirmed) or orders in doubt or rows not sent yet; 2 unusable input or a file that does not fit the
batch. With ``--json`` stdout holds one JSON object, errors included.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ..errors import ConfigError, SpendLimitError
from .app import (
    ApiUrlOption,
    CredentialsOption,
    EncodingOption,
    JsonOption,
    LedgerOption,
    OutOption,
    announce_target,
    app,
    err_console,
    print_json,
    settings_from,
    styled,
    with_encoding,
)
from .validate_cmd import ConfigOption, IncludeHiddenOption, print_notices, resolve_program

if TYPE_CHECKING:  # the pipeline pulls in pandas: imported only when a run starts
    from collections.abc import Callable, Mapping

    from ..runresult import PlanView, RunResult
    from ..submit import SubmitProgress

from ..defaults import MAX_LINES as DEFAULT_MAX_LINES
from ..defaults import MAX_REPEAT_WINDOW_DAYS
from ..defaults import REPEAT_WINDOW_DAYS as DEFAULT_REPEAT_WINDOW_DAYS
from ..defaults import WAIT_S as DEFAULT_WAIT_S


def _money(value: Decimal) -> str:
    from ..money import money_text  # the terminal's one money format

    return money_text(value)


def show_plan(view: PlanView) -> None:
    """The cost of what is about to be sent, per product and shipping method, and when cards arrive."""
    summary = view.summary
    table = Table(title=f"Batch {view.batch}: orders to send", title_justify="left")
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
                _money(line.face_value),
                _money(line.discount),
                _money(line.fees),
                _money(line.shipping),
                _money(line.total),
            )
        table.add_section()
    total = summary.overall
    table.add_row(
        styled(("Total", "bold")),
        str(total.rows),
        str(total.cards),
        _money(total.face_value),
        _money(total.discount),
        _money(total.fees),
        _money(total.shipping),
        styled((_money(total.total), "bold")),
    )
    charged, doubt = view.charged, view.in_doubt
    if charged.rows:
        err_console.print(
            f"Already charged: {charged.total_text()} for {charged.rows} row(s) in {len(charged.orders)} "
            "order(s): not sent again."
        )
    if doubt.rows:
        err_console.print(
            styled(
                ("In doubt:", "bold yellow"),
                f" {doubt.total_text()} for {doubt.rows} row(s) in {len(doubt.orders)} order(s) sent before "
                "without an answer: asked again with the same PO numbers, charged at most once.",
            )
        )
    err_console.print(table if summary.orders else "To send: nothing new.")
    orders = f"{summary.orders} order(s) to send"
    if view.resumed_orders:
        orders += f"; {view.resumed_orders} order(s) left from an earlier run keep their PO numbers"
    if view.already_ordered_rows:
        orders += f"; {view.already_ordered_rows} row(s) already ordered are not sent again"
    if view.held_rows:
        orders += f"; {view.held_rows} row(s) held, not in this plan: they repeat a card already ordered"
    err_console.print(orders)
    _show_repeated(view.repeated)
    if view.left_out:  # said before the question, as the web page's "leave the rows out" box does
        words = {
            "invalid": "invalid (to fix)",
            "duplicate": "duplicate",
            "skipped": "skipped (hidden, crossed out, totals, notes)",
        }
        parts = ", ".join(f"{n} {words.get(status, status)}" for status, n in view.left_out.items())
        err_console.print(f"Left out of this plan: {parts} row(s) of the file.")
    for arrival in summary.arrivals:
        when = arrival.estimated_date.isoformat() if arrival.estimated_date else "unknown"
        who = f"{arrival.rows} recipient(s)"  # a row is one parcel, whatever its quantity of cards
        err_console.print(f"  {arrival.shipping_method}: {who}, estimated arrival {when}")
    if summary.balance is not None:
        err_console.print(f"Available balance: {_money(summary.balance.available)}")
        if summary.shortfall > 0:
            err_console.print(
                styled(
                    (f"The balance is short by {_money(summary.shortfall)}:", "bold red"),
                    " orders beyond it will be refused (422); fund the account first, or re-run afterwards "
                    "to send the rest.",
                )
            )


def _show_repeated(repeated: Mapping[int, str], shown: int = 8) -> None:
    """Who gets a card again because of --allow-repeat, said before the question: the flag releases every
    held row of the file at once, and a person sent a second card by mistake is money gone."""
    from ..repeats import repeat_said

    if not repeated:
        return
    err_console.print(
        styled(
            (f"{len(repeated)} row(s) in this plan repeat a card already ordered", "bold yellow"),
            " and are sent again on purpose (--allow-repeat):",
        )
    )
    for row, note in sorted(repeated.items())[:shown]:
        err_console.print(f"  row {row}: {repeat_said(note)}", soft_wrap=True)
    if len(repeated) > shown:
        err_console.print(f"  ... and {len(repeated) - shown} more")


NO_ANSWER = "No answer to 'Send these orders?' (the input is closed or empty): nothing was sent"
NO_ANSWER_HINT = "pass --yes to confirm non-interactively, or run the command in a terminal to answer"


def _ask_to_send() -> bool:
    """The confirmation prompt; without anyone to answer it (stdin closed or at its end), a clear stop."""
    try:
        return typer.confirm("Send these orders?", default=False, err=True)
    except typer.Abort as exc:
        if isinstance(exc.__cause__ or exc.__context__, KeyboardInterrupt):
            raise  # Ctrl-C: the interrupted message, exit 130
        raise SpendLimitError(NO_ANSWER, hint=NO_ANSWER_HINT) from None
    except (EOFError, RuntimeError, OSError):  # input() with sys.stdin closed: "lost sys.stdin"
        raise SpendLimitError(NO_ANSWER, hint=NO_ANSWER_HINT) from None


def _confirmer(yes: bool, said: set[str]) -> Callable[[PlanView], bool]:
    """Show the plan, after what reading the file noted (``said`` keeps them: not repeated after the run),
    and ask (unless ``yes``)."""

    def confirm(view: PlanView) -> bool:
        print_notices(view.notes)
        said.update(view.notes)
        show_plan(view)
        if yes:
            return True
        return _ask_to_send()

    return confirm


class _ProgressBar:
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


def _report(result: RunResult, said: set[str] | None = None) -> None:
    for note in result.notes:
        if note not in (said or ()):
            err_console.print(note, markup=False, highlight=False, soft_wrap=True)
    counts = ", ".join(f"{n} {status}" for status, n in result.by_status.items() if n)
    charged_money = result.money.get("charged")
    charged = charged_money.total_text() if charged_money is not None else _money(result.total_cost)
    earlier = sum(result.by_status.values()) - result.rows  # ordered from an earlier file, no longer in it
    also = f" + {earlier} ordered earlier, no longer in the file" if earlier > 0 else ""
    ordered = result.ordered_rows + result.ordered_earlier_rows  # every card charged is counted
    gone = f" ({result.ordered_earlier_rows} no longer in the file)" if result.ordered_earlier_rows else ""
    err_console.print(
        f"Batch {result.batch}: {result.rows} rows{also} ({counts or 'none'}); "
        f"{ordered} ordered{gone} in {result.orders} order(s); charged {charged}"
    )
    doubt = result.money.get("in doubt")
    if doubt is not None and (doubt.total or not doubt.complete):
        err_console.print(
            styled(("In doubt:", "bold yellow"), f" {doubt.total_text()} ({doubt.rows} row(s)).")
        )
    if result.output:
        err_console.print(f"Results: {result.output}")
    if result.stopped is not None:
        err_console.print(styled(("Error:", "bold red"), " ", result.stopped.message), soft_wrap=True)
        if result.missing_funds is not None:
            err_console.print(
                f"  The account needs {_money(result.missing_funds)} more for the {result.unsent_rows} "
                "row(s) not sent. Everything already sent stays ordered; fund the account and re-run "
                "the same command to send the rest."
            )
        elif result.stopped.hint:
            err_console.print(f"  {result.stopped.hint}", soft_wrap=True)
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
            f"{result.review_rows} row(s) need review: they may already be at the vendor and cannot be tied "
            "to its orders, so nothing more is sent for them. See what the vendor holds and settle them: "
            f"bulkship reconcile {result.batch} --review"
        )
        if result.untied_orders:  # money in no bucket yet: "charged 0.00" must not read as all
            err_console.print(
                f"The vendor holds {_money(result.untied_cost)} in {result.untied_orders} order(s) of this "
                "batch that no row is tied to yet: they may be these rows' cards."
            )
    # held, needs-review and duplicate rows have their own advice (duplicates are not on Fix these)
    duplicates = result.by_status.get("duplicate", 0)
    to_fix = result.attention_rows - result.held_rows - result.review_rows - duplicates
    if to_fix > 0:
        err_console.print(
            f"{to_fix} row(s) need fixing (invalid or refused by the vendor): see the "
            f"'Fix these' sheet, correct them and run it with --batch {result.batch}."
        )
    if duplicates:
        err_console.print(
            f"{duplicates} duplicate row(s) repeat an earlier row of the file and are not sent; to send one "
            "on purpose, put yes in its 'Allow Duplicate' column."
        )
    if result.held_rows:
        err_console.print(
            f"{result.held_rows} row(s) held so that no one gets the same card twice (see above and the "
            "result workbook). To send them anyway, on purpose, re-run the same command with --allow-repeat."
        )


def _parse_amount(text: str | None, flag: str = "--max-total") -> Decimal | None:
    """``money.read_amount`` for a flag: an ambiguous or unreadable amount is one error line."""
    from ..money import AmountError, read_amount

    if text is None:
        return None
    try:
        return read_amount(text)
    except AmountError as exc:
        raise ConfigError(
            f"{flag} {text!r} {exc}",
            hint=f"write it with a decimal point and no thousands separator, e.g. {flag} 5000.00",
        ) from None


@app.command()
def run(
    file: Annotated[Path, typer.Argument(help="The recipient spreadsheet (XLSX, CSV or ODS).")],
    config: ConfigOption = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="Which sheet of a workbook to read.")] = None,
    encoding: EncodingOption = None,
    batch: Annotated[
        str | None,
        typer.Option("--batch", help="Batch name (default: the file's name). Re-use it to resume."),
    ] = None,
    po_prefix: Annotated[
        str | None, typer.Option("--po-prefix", help="PO number prefix (default BS).")
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Send without asking for confirmation.")] = False,
    max_total: Annotated[
        str | None,
        typer.Option(
            "--max-total",
            help="The batch's budget: refuse to send (nothing sent) if the batch would cost more than this "
            "in all, what earlier runs of it were charged included.",
        ),
    ] = None,
    api_url: ApiUrlOption = None,
    credentials: CredentialsOption = None,
    ledger: LedgerOption = None,
    out: OutOption = None,
    as_json: JsonOption = False,
    concurrency: Annotated[
        int | None, typer.Option("--concurrency", help="Orders in flight at once (default 8).")
    ] = None,
    webhook_url: Annotated[
        str | None,
        typer.Option("--webhook-url", help="Register this FulfillmentComplete webhook on every order."),
    ] = None,
    max_lines: Annotated[
        int, typer.Option("--max-lines", min=1, max=100, help="Line items per order (default 100).")
    ] = DEFAULT_MAX_LINES,
    wait: Annotated[
        float, typer.Option("--wait", help="Seconds to wait for new orders to complete (then use track).")
    ] = DEFAULT_WAIT_S,
    csv: Annotated[
        bool, typer.Option("--csv", help="Also write the Results sheet as CSV next to the workbook.")
    ] = False,
    allow_repeat: Annotated[
        bool,
        typer.Option(
            "--allow-repeat",
            help="Send on purpose what repeats an earlier batch: the same file or rows under another batch "
            "name, cards another batch ordered within the window, edits of rows already ordered.",
        ),
    ] = False,
    repeat_window: Annotated[
        int | None,
        typer.Option(
            "--repeat-window",
            min=0,
            max=MAX_REPEAT_WINDOW_DAYS,
            help="Days back a card ordered by another batch holds the same card (default: the program "
            f"file's repeat_window_days, else {DEFAULT_REPEAT_WINDOW_DAYS}).",
        ),
    ] = None,
    include_hidden: IncludeHiddenOption = False,
) -> int:
    """Order a gift card for every valid row of FILE, exactly once; re-running resumes."""
    from ..pipeline import RunOptions, run_batch

    settings = settings_from(
        api_url=api_url, credentials=credentials, ledger=ledger, out=out, concurrency=concurrency
    )
    program = with_encoding(resolve_program(config, file, settings, include_hidden=include_hidden), encoding)
    limit = _parse_amount(max_total)
    announce_target(settings)
    bar = _ProgressBar()
    said: set[str] = set()  # the file's notes shown with the plan
    options = RunOptions(
        batch=batch,
        po_prefix=po_prefix,
        program=program,
        sheet=sheet,
        confirm=_confirmer(yes, said),
        max_total=limit,
        max_batch_total=limit,
        webhook_url=webhook_url,
        wait_s=wait,
        max_lines=max_lines,
        reporter=bar,
        allow_repeat=allow_repeat,
        repeat_window_days=repeat_window,
    )
    try:
        result = run_batch(file, settings, options)
    finally:
        bar.stop()
    _report(result, said)
    if csv and result.output:
        from .track_cmd import export_csv

        err_console.print(f"CSV: {export_csv(settings, result.batch)}")
    if settings.is_sandbox:
        err_console.print(styled(("SANDBOX: no real order was placed.", "bold yellow")))
    if as_json:
        print_json(result.as_json())
    return result.exit_code
