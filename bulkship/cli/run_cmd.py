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

from ..errors import ConfigError, SpendLimitError
from ..ledger.orderstates import COMMITTED_ORDER_STATES
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

    from ..planview import PlanView
    from ..program import ProgramSettings
    from ..settings import Settings

from ..defaults import MAX_LINES as DEFAULT_MAX_LINES
from ..defaults import MAX_REPEAT_WINDOW_DAYS
from ..defaults import REPEAT_WINDOW_DAYS as DEFAULT_REPEAT_WINDOW_DAYS
from ..defaults import WAIT_S as DEFAULT_WAIT_S
from .run_report import ProgressBar, report
from .run_show import show_plan

NO_ANSWER = "No answer to 'Send these orders?' (the input is closed or empty): nothing was sent"
NO_ANSWER_HINT = "pass --yes to confirm non-interactively, or run the command in a terminal to answer"


def _question(view: PlanView) -> str:
    """What the person is asked: of the orders in doubt alone when the plan holds nothing new ('Send these
    orders?' under '0 order(s) to send' after a crash asked of nothing: found by hunter-vendor36). Asked after
    the vendor was asked for them (confirm.confirm_plan): those left are the ones it did not show."""
    doubt = len(view.in_doubt.orders)
    if view.summary.orders or not doubt:
        return "Send these orders?"
    return (
        f"Send the {doubt} order(s) in doubt again (the vendor did not show them; the same PO numbers, "
        "charged at most once)?"
    )


def _ask_to_send(view: PlanView) -> bool:
    """The confirmation prompt; without anyone to answer it (stdin closed or at its end), a clear stop."""
    try:
        return typer.confirm(_question(view), default=False, err=True)
    except typer.Abort as exc:
        if isinstance(exc.__cause__ or exc.__context__, KeyboardInterrupt):
            raise  # Ctrl-C: the interrupted message, exit 130
        raise SpendLimitError(NO_ANSWER, hint=NO_ANSWER_HINT) from None
    except (EOFError, RuntimeError, OSError):  # input() with sys.stdin closed: "lost sys.stdin"
        raise SpendLimitError(NO_ANSWER, hint=NO_ANSWER_HINT) from None


def _shower(said: set[str]) -> Callable[[PlanView], None]:
    """Show the plan, after what reading the file noted (``said`` keeps them: not repeated after the run)."""

    def show(view: PlanView) -> None:
        print_notices(view.notes)
        said.update(view.notes, view.problems)
        show_plan(view)

    return show


def _confirmer(yes: bool, said: set[str]) -> Callable[[PlanView], bool]:
    """Show the plan (:func:`_shower`) and ask (unless ``yes``)."""
    show = _shower(said)

    def confirm(view: PlanView) -> bool:
        show(view)
        if yes:
            return True
        return _ask_to_send(view)

    return confirm


def _given(*options: tuple[str, object]) -> tuple[str, ...]:
    """The options given on the command line, as they were typed (flag, value)."""
    return tuple(part for flag, value in options if value is not None for part in (flag, str(value)))


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


def _refuse_without_page_changes(
    settings: Settings, batch: str | None, file: Path, sheet: str | None, program: ProgramSettings
) -> None:
    """Refuse (nothing read or sent) to run a batch uploaded on the web page whose cells were fixed there, or
    whose columns were chosen there otherwise than this run reads them: the page keeps those changes beside
    its copy of the file, and this run reads FILE as it is. Found by hunter-web9: reqa fixed row 2's street
    on the page (the trail said so), `bulkship run list.csv --batch wf1` dropped her plan and sent the card
    to the street before her fix."""
    from ..batchnames import default_batch_for
    from ..errors import BatchConflictError
    from ..schema import load_contract
    from ..web.state import web_batch

    name = batch or default_batch_for(file, sheet)
    found = web_batch(settings, name)
    if found is None or found.deleted:
        return
    fixes = [f"row {row} {header}: {value!r}" for (row, header), value in sorted(found.corrections.items())]
    columns = found.columns if found.columns and found.columns != dict(program.columns or {}) else {}
    # one value for every row given there (newcomer4's F5), unless this run's program file gives the same
    every = {f: v for f, v in found.every_row.items() if dict(program.defaults or {}).get(f) != v}
    if not fixes and not columns and not every:
        return
    changed = []
    if fixes:
        shown = "; ".join(fixes[:3]) + (f"; and {len(fixes) - 3} more" if len(fixes) > 3 else "")
        changed.append(f"{len(fixes)} cell(s) fixed there ({shown})")
    if columns:
        changed.append("its columns chosen there")
    if every:
        titles = load_contract().columns
        said = ", ".join(f"{titles[f].title if f in titles else f} {v}" for f, v in sorted(every.items()))
        changed.append(f"{said} for every row set there")
    from ..reconcile.fixsheet import is_result_workbook_file

    uploaded = f"Batch {name} was uploaded on the web page ({found.file_name}, by {found.by or 'someone'})"
    if sheet is None and is_result_workbook_file(file):  # its Fix these sheet: the web's own button
        raise BatchConflictError(
            f"{uploaded}, with {' and '.join(changed)}: its rows to fix are fixed and sent there, where "
            f"those changes are kept; {file.name}'s Fix these sheet is not read from the command line. "
            "Nothing was sent",
            hint=f"open batch {name}'s Results on the web page and press 'Fix these': its rows open on the "
            "review page, and its cost page sends them",
        )
    if fixes and not columns and not every and _file_holds(file, sheet, program, found.corrections):
        return  # the person put the page's fixes in the file: it is the batch's own, edited (newcomer16)
    hint = f"send batch {name} from its cost page on the web page, which sends it with its changes"
    if fixes and not columns and not every:  # such a file is the batch's own (above)
        hint += f"; or put those changes in {file.name} and run this command again"
    elif not _sent_cards(settings, name):
        hint += "; or put the changes in the file and run it under a batch name of its own"
    # (not when the batch sent cards: under a name of its own every row of theirs was held, a batch 'needs
    # attention' whose advice, --allow-repeat, sends them a second card: found by newcomer16, N9)
    raise BatchConflictError(
        f"{uploaded}, with {' and '.join(changed)}: this command reads {file.name} without those changes and "
        "would send its rows as the file has them. Nothing was sent",
        hint=hint,
    )


def _sent_cards(settings: Settings, batch: str) -> bool:
    """Whether ``batch`` has orders at the vendor, or perhaps (sent without an answer, in review)."""
    from ..ledger import Ledger

    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        return any(o.state in COMMITTED_ORDER_STATES for o in ledger.orders(batch, payloads=False))


def _file_holds(
    file: Path, sheet: str | None, program: ProgramSettings, corrections: Mapping[tuple[int, str], str]
) -> bool:
    """Whether ``file`` says, cell for cell, what the web page's ``corrections`` fixed (a file that cannot be
    read here says nothing: the run reads it and says why)."""
    from ..errors import BulkshipError
    from ..load import load_sheet

    try:
        frame = load_sheet(file, sheet=sheet, program=program).frame
    except BulkshipError:
        return False
    for (row, header), value in corrections.items():
        if int(row) not in frame.index or header not in frame.columns:
            return False
        if " ".join(str(frame.at[int(row), header]).split()) != " ".join(str(value).split()):
            return False
    return True


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
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            "-y",
            help="Send without asking for confirmation: the plan shown is confirmed as it is, and the vendor "
            "charging more than it stops the run (with --max-total, that total is the limit instead).",
        ),
    ] = False,
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
        int, typer.Option("--max-lines", min=1, max=100, help="Line items per order.")
    ] = DEFAULT_MAX_LINES,
    wait: Annotated[
        float,
        typer.Option(
            "--wait",
            min=0,  # -1 and nan were taken as 0: no wait, nothing said
            help="Seconds to wait for new orders to complete (then use track).",
        ),
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
    from ..pipeline import run_batch
    from ..runoptions import RunOptions

    settings = settings_from(
        api_url=api_url, credentials=credentials, ledger=ledger, out=out, concurrency=concurrency
    )
    program = with_encoding(resolve_program(config, file, settings, include_hidden=include_hidden), encoding)
    limit = _parse_amount(max_total)
    announce_target(settings, webhook_url)
    bar = ProgressBar()
    said: set[str] = set()  # the file's notes shown with the plan
    # a command a refusal offers reads and spends as this one would: "--batch B1" without the person's
    # --max-total sent past it (review18's leftover)
    # (a program file found next to the list is not next to its result workbook: named, the follow-up
    # reads the rows as this run did; found by review20)
    found = Path(program.source).resolve() if config is None and program.source else config
    kept = _given(("--config", found), ("--max-total", max_total), ("--repeat-window", repeat_window),
                  ("--ledger", ledger), ("--api-url", api_url), ("--credentials", credentials),
                  ("--out", out))  # fmt: skip
    options = RunOptions(
        batch=batch,
        po_prefix=po_prefix,
        program=program,
        sheet=sheet,
        confirm=_confirmer(yes, said),
        show_refused=_shower(said),  # a plan over --max-total: what it holds, before the refusal
        drop_declined=True,  # 'n' at the question: no plan left 'awaiting confirmation' (the web's cost
        # page plans with the same question answered no, and keeps its plan for the Send)
        max_total=limit,
        max_batch_total=limit,
        # the plan's total is the run's limit: said yes to, or confirmed as shown by --yes (the lead's
        # decision, session 48: --yes without --max-total went on past a raised price, 133.00 for 125.00)
        limit_to_confirmed=not yes or limit is None,
        answered_in_person=not yes,
        webhook_url=webhook_url,
        wait_s=wait,
        max_lines=max_lines,
        reporter=bar,
        allow_repeat=allow_repeat,
        repeat_window_days=repeat_window,
        keep=_given(("--sheet", sheet), ("--encoding", encoding))
        + kept
        + (("--include-hidden",) if include_hidden else ()),
    )
    _refuse_without_page_changes(settings, batch, file, sheet, program)
    try:
        result = run_batch(file, settings, options)
    finally:
        bar.stop()
    report(result, said, kept)  # a Fix these follow-up reads its own sheet: no --sheet, no --encoding
    code = result.exit_code
    if csv and result.output:
        from ..errors import BulkshipError
        from .track_cmd import export_csv

        try:
            err_console.print(f"CSV: {export_csv(settings, result.batch)}")
        except BulkshipError as exc:  # the run's result is still said (and its JSON printed)
            err_console.print(styled(("Error:", "bold red"), " ", exc.message), soft_wrap=True)
            code = code or exc.exit_code
    if settings.is_sandbox:
        err_console.print(styled(("SANDBOX: no real order was placed.", "bold yellow")))
    if as_json:
        print_json(result.as_json())
    return code
