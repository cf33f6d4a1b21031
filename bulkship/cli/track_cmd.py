"""``bulkship track`` and ``bulkship webhook serve`` (``bulkship status``: :mod:`.status_cmd`; ``bulkship
reconcile``: :mod:`.reconcile_cmd`)."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from ..errors import BulkshipError
from ..settings import Settings
from ..statuses import SENT_STATUSES, counted
from ..team import roles
from .app import (
    ApiUrlOption,
    CredentialsOption,
    JsonOption,
    LedgerOption,
    announce_target,
    app,
    err_console,
    print_json,
    settings_from,
    styled,
)

if TYPE_CHECKING:  # httpx, starlette, pandas and the ledger load when a command runs, not for --help
    from ..track import TrackReport

from ..defaults import WEBHOOK_PORT as DEFAULT_PORT
from ..defaults import WEBHOOK_QUIET_S as DEFAULT_QUIET_S

PIPED_WIDTH = 200
CsvOption = Annotated[
    bool,
    typer.Option("--csv", help="Also write the Results sheet as CSV next to the workbook (kept current)."),
]
BatchArgument = Annotated[str | None, typer.Argument(help="Batch name (default: every batch in the ledger).")]

webhook_app = typer.Typer(help="Receive the vendor's FulfillmentComplete calls.", no_args_is_help=True)
app.add_typer(webhook_app, name="webhook")


@app.command("track")
def track_command(
    batch: BatchArgument = None,
    watch: Annotated[
        bool, typer.Option("--watch", help="Keep polling until every order is delivered or failed.")
    ] = False,
    api_url: ApiUrlOption = None,
    credentials: CredentialsOption = None,
    ledger: LedgerOption = None,
    as_json: JsonOption = False,
    csv: CsvOption = False,
) -> None:
    """Poll the vendor for orders not yet final, record tracking numbers, rewrite the result workbook."""
    from ..api import status, track_batches
    from ..team import note_from_cli

    settings = settings_from(api_url=api_url, credentials=credentials, ledger=ledger)
    roles.check_acting(settings, roles.TRACK)  # BULKSHIP_USER's account: as the web page's rule
    announce_target(settings)
    require_ledger(settings, batch)
    if csv:  # write the CSV twin first: every rewrite below then keeps it current
        for name in [s["batch"] for s in status(settings, batch) if s["output"]]:
            err_console.print(f"CSV: {export_csv(settings, name)}")
    display = _WatchDisplay() if watch and not as_json else None
    try:
        report = track_batches(settings, batch, watch=watch, on_pass=display.update if display else None)
    finally:
        if display:
            display.stop()
    note_from_cli(
        settings, "track", batch=batch, batches=len(report.batches), orders_polled=report.polled,
        orders_changed=report.changed, passes=report.passes, watch=watch,
    )  # fmt: skip
    if as_json:
        print_json(report.as_json())
        return
    _print_track(report)


def export_csv(settings: Settings, batch: str) -> Path:
    """The CSV twin of the batch's result workbook, written and recorded in the audit trail (team mode)."""
    from ..api import export_csv as export_results_csv
    from ..team import note_from_cli

    path = export_results_csv(settings, batch)
    note_from_cli(settings, "export", batch=batch, file=path.name, kind="csv")
    return path


class _WatchDisplay:
    """A progress bar per batch on stderr: rows that reached a final state out of rows ordered."""

    def __init__(self) -> None:
        note = TextColumn("{task.fields[note]}", markup=False)
        columns = (TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(), note)
        self.progress = Progress(*columns, console=err_console)
        self.tasks: dict[str, Any] = {}
        self.progress.start()

    def update(self, report: TrackReport) -> None:
        for b in report.batches:
            # the bar's whole: a skipped row or one in review never fills it (newcomer3: 7/9 once all final)
            ordered = sum(n for s, n in b.rows.items() if s in SENT_STATUSES)
            final = b.rows.get("delivered", 0) + b.rows.get("failed", 0)
            # "8/8 0 shipped" once all were delivered read as nothing shipped (newcomer4): each final word
            on_way = {s: b.rows.get(s, 0) for s in ("shipped", "delivered", "failed") if b.rows.get(s, 0)}
            said = ", ".join(f"{n} {s}" for s, n in on_way.items()) or "0 shipped"
            note = f"{said}, {b.orders_open} orders open"
            if b.batch not in self.tasks:
                self.tasks[b.batch] = self.progress.add_task(b.batch, total=ordered or 1, note=note)
            self.progress.update(self.tasks[b.batch], completed=final, total=ordered or 1, note=note)

    def stop(self) -> None:
        self.progress.stop()


def _print_track(report: TrackReport) -> None:
    for line in report.errors:
        err_console.print(styled((line, "yellow")))
    for b in report.batches:
        counts = ", ".join(f"{n} {s}" for s, n in sorted(b.rows.items()) if n)
        moving, stuck = b.orders_open - b.orders_stuck, b.orders_stuck
        still = f"{counted(moving, 'order')} still moving" if moving or not stuck else ""
        state = "all final" if b.done else still
        planned = b.rows.get("planned", 0)
        if planned:  # not sent yet, so not final: '2 planned (all final)' read as done (newcomer16)
            sent = any(n for s, n in b.rows.items() if s in SENT_STATUSES)
            before = ("the cards sent all final" if sent else "") if b.done else state
            to_send = (
                f"{counted(planned, 'row')} planned, not sent yet: send {'it' if planned == 1 else 'them'} "
                "with the same `bulkship run` command, or from the batch's cost page on the web page"
            )
            state = f"{before}; {to_send}" if before else to_send
        if b.waiting:  # nor a row held until a day to come: 'all final' read as nothing left (newcomer16)
            its = "its" if b.waiting == 1 else "their"
            waits = (
                f"{counted(b.waiting, 'row')} waiting for {its} day: the same "
                "`bulkship run` command run on or after it sends them"
            )
            state = f"{state}; {waits}" if state else waits
        if stuck:  # not 'still moving': the vendor says no more of them, or cannot answer for them
            state += f"{', ' if state else ''}{counted(stuck, 'order')} polling cannot move: see the notes"
        err_console.print(styled((b.batch, "bold"), f": {counts or 'no rows'} ({state})"))
        if b.orders_unresolved:
            err_console.print(
                f"  {b.orders_unresolved} orders await confirmation: re-run the same `bulkship run` command"
            )
        for warning in b.warnings:
            err_console.print(styled("  ", (warning, "yellow")))
        if b.output:
            err_console.print(f"  Results: {b.output}")
    err_console.print(f"Polled {counted(report.polled, 'order')}; {report.changed} changed.")


# A finance person given a result workbook on a login of their own was told to "run `bulkship run FILE`
# first": the one command that orders cards (found by newcomer18, N5). The workbook's Summary names the
# ledger its batch is in.
NO_LEDGER_HINT = (
    "to read the batch of a result workbook you were given, pass the ledger its Summary sheet names "
    "('Ledger'): --ledger PATH (env BULKSHIP_LEDGER). `bulkship run FILE` starts a new ledger by ordering "
    "the file's cards"
)


def require_ledger(settings: Settings, batch: str | None = None) -> None:
    """No ledger: an error (a ``batch`` named is one the ledger does not hold: exit 2, as with a ledger that
    lacks it; `status AWARDS-DEC --json` printed an empty total, exit 0: found by newcomer20, N12)."""
    from ..errors import UnknownBatchError
    from ..ledger import ledger_exists

    if not ledger_exists(settings.ledger_location):
        said = f"No ledger at {settings.ledger_shown}: nothing has been ordered with it yet"
        raise (UnknownBatchError if batch else BulkshipError)(said, hint=NO_LEDGER_HINT)


@webhook_app.command("serve")
def webhook_serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (loopback only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port (0: any free port).")] = DEFAULT_PORT,
    secret: Annotated[
        str | None,
        typer.Option(
            "--secret", help="Shared secret (env BULKSHIP_WEBHOOK_SECRET; default: a new random one)."
        ),
    ] = None,
    quiet_s: Annotated[
        float,
        typer.Option(
            "--quiet-s",
            min=0,
            envvar="BULKSHIP_WEBHOOK_QUIET_S",
            help="Rewrite the result workbook once deliveries have been quiet this many seconds "
            "(env BULKSHIP_WEBHOOK_QUIET_S); it is also brought up to date when the receiver stops.",
        ),
    ] = DEFAULT_QUIET_S,
    api_url: ApiUrlOption = None,
    credentials: CredentialsOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Receive FulfillmentComplete webhooks: re-read each order from the vendor and record it."""
    from ..webhook import new_secret, serve

    settings = settings_from(api_url=api_url, credentials=credentials, ledger=ledger)
    announce_target(settings)
    if settings.is_sandbox:  # it told a newcomer to register it with runs that never call it (newcomer14)
        err_console.print(
            "Note: no call will come from the embedded sandbox: it lives inside each command (`bulkship run` "
            "too) and calls no webhook. To try this receiver, run `bulkship sandbox --port 8001` and set the "
            "three variables it prints, for this receiver and for `bulkship run`.",
            soft_wrap=True,
        )
    shared = secret or os.environ.get("BULKSHIP_WEBHOOK_SECRET") or new_secret()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per vendor read is noise, not news
    logging.getLogger("alembic").setLevel(logging.WARNING)  # a new ledger's schema steps are not news either

    def ready(url: str) -> None:
        # stdout: machine-readable, one line a script can read (like `bulkship sandbox`); the secret is in
        # it on purpose, it is what `run --webhook-url` needs.
        sys.stdout.write(f"BULKSHIP_WEBHOOK_URL={url}\n")
        sys.stdout.flush()
        err_console.print(
            f"Webhook receiver listening. Register it with:\n  bulkship run FILE --webhook-url {url}",
            soft_wrap=True,  # never break the URL across lines
        )
        err_console.print(
            f"Recording into the ledger {settings.ledger_shown}. Stop with Ctrl-C.", soft_wrap=True
        )

    from ..ledger import Ledger

    Ledger(settings.ledger_location, lock=False).close()  # one line now, not a server's traceback later
    with contextlib.suppress(KeyboardInterrupt):
        serve(settings, host=host, port=port, secret=shared, on_ready=ready, rewrite_delay_s=quiet_s)
    err_console.print("Webhook receiver stopped; `bulkship track` follows the orders from here.")
