"""``bulkship reconcile``: the ledger compared with the vendor's own order list; with ``--review`` and
``--resolve``, the rows waiting for review listed and settled (:mod:`.review_cmd`)."""

from __future__ import annotations

import shlex
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated

import typer

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
    from ..reconcile.report import ReconcileReport

from .track_cmd import require_ledger


@app.command("reconcile")
def reconcile_command(
    batch: Annotated[str, typer.Argument(help="Batch name.")],
    review: Annotated[
        bool, typer.Option("--review", help="List the rows waiting for review, with what the vendor shows.")
    ] = False,
    resolve: Annotated[
        str | None, typer.Option("--resolve", metavar="PO", help="Settle the rows waiting for review on PO.")
    ] = None,
    at_vendor: Annotated[
        str | None,
        typer.Option(
            "--at-vendor", metavar="ORDER", help="They are in this vendor order (its Id or PO number)."
        ),
    ] = None,
    release: Annotated[
        bool,
        typer.Option(
            "--release",
            help="They are not at the vendor: send them (checked with the vendor). Without --resolve: every "
            "row waiting, from one read of the vendor's list (those it shows are recorded as ordered).",
        ),
    ] = False,
    sent_elsewhere: Annotated[
        str | None,
        typer.Option(
            "--sent-elsewhere",
            metavar="ORDER",
            help="Their cards are in this vendor order (Id or PO number), another batch's or ledger's: leave "
            "them out of this batch (only rows a line of it names by ExternalId, or by name and street).",
        ),
    ] = None,
    rows: Annotated[
        str | None,
        typer.Option(
            "--rows",
            help="With --at-vendor: rows (e.g. 3,4,7-9) you confirm are in it, where no line shows it. With "
            "--sent-elsewhere: only these rows.",
        ),
    ] = None,
    not_ours: Annotated[
        str | None,
        typer.Option(
            "--not-ours",
            metavar="PO,PO",
            help="With --resolve PO --release: these vendor orders are another batch's (only POs that "
            "merely may be this batch's, e.g. BS-GIFTS-STAFF-0001 for batch staff, or of its own PO numbers "
            "that this ledger never sent: another ledger's batch of the same name).",
        ),
    ] = None,
    settle_found: Annotated[
        bool,
        typer.Option(
            "--settle-found",
            help="Record every row waiting for review that the vendor's orders of the batch show by proof "
            "(a line carrying its ExternalId with the same card and recipient) as ordered there.",
        ),
    ] = False,
    reason: Annotated[str, typer.Option("--reason", help="Why, for the ledger's record.")] = "",
    by: Annotated[str | None, typer.Option("--by", help="Who settles (default: your user name).")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Record without asking for confirmation.")] = False,
    api_url: ApiUrlOption = None,
    credentials: CredentialsOption = None,
    ledger: LedgerOption = None,
    as_json: JsonOption = False,
) -> int:
    """Compare the ledger with the vendor's own order list. Exit 0 when everything matches, 1 when it does
    not (or the vendor cannot be read), 2 for a batch name the ledger does not hold.
    --review lists the rows waiting for review with what the vendor shows (exit 3 while any wait); --resolve
    PO with --at-vendor ORDER, --release or --sent-elsewhere ORDER settles them; --settle-found settles every
    one the vendor's orders show by proof; --release alone settles every one from one read of the vendor
    (found, or released)."""
    from ..team import note_from_cli
    from .review_cmd import (
        check_options,
        release_all_command,
        resolve_command,
        review_command,
        settle_found_command,
    )

    check_options(
        resolve, at_vendor, release, rows, not_ours, settle_found=settle_found, sent_elsewhere=sent_elsewhere
    )
    settings = settings_from(api_url=api_url, credentials=credentials, ledger=ledger)
    settles = resolve is not None or settle_found or release
    roles.check_acting(settings, roles.SETTLE if settles else roles.RECONCILE)
    announce_target(settings)
    require_ledger(settings, batch)
    if settle_found:
        code = settle_found_command(settings, batch, reason=reason, by=by, yes=yes, as_json=as_json)
        note_from_cli(settings, "review_settle", batch=batch, settle_found=True, by=by or "", reason=reason)
        return code
    if release and resolve is None:
        code = release_all_command(settings, batch, reason=reason, by=by, yes=yes, as_json=as_json)
        note_from_cli(settings, "review_settle", batch=batch, release=True, by=by or "", reason=reason)
        return code
    if resolve is not None:
        code = resolve_command(
            settings,
            batch,
            resolve,
            at_vendor=at_vendor,
            sent_elsewhere=sent_elsewhere,
            rows=rows,
            not_ours=not_ours,
            reason=reason,
            by=by,
            yes=yes,
            as_json=as_json,
        )
        note_from_cli(
            settings, "review_settle", batch=batch, po=resolve, at_vendor=at_vendor or "", release=release,
            sent_elsewhere=sent_elsewhere or "", rows=rows or "", by=by or "", reason=reason,
        )  # fmt: skip
        return code
    if review:
        code = review_command(settings, batch, as_json=as_json)
        note_from_cli(settings, "review_check", batch=batch, exit_code=code)
        if code:
            raise typer.Exit(code)
        return 0
    from ..api import reconcile_batch

    report = reconcile_batch(settings, batch)
    note_from_cli(
        settings, "reconcile", batch=batch, matches=report.matches, ledger_orders=report.ledger_orders,
        vendor_orders=report.vendor_orders, vendor_only=len(report.vendor_only),
        ledger_only=len(report.ledger_only), mismatches=len(report.mismatches),
    )  # fmt: skip
    if as_json:
        print_json(report.as_json())
    else:
        _print_reconcile(report)
    if not report.matches:
        raise typer.Exit(1)
    return 0


def _print_reconcile(report: ReconcileReport) -> None:
    """The report as finance reads it, in its order: the headline, each difference, what to do about the
    costs and lines ended, the totals and the list read, the verdict."""
    _say_headline(report)
    _say_differences(report)
    _say_what_to_do(report)
    _say_totals_and_notes(report)
    _say_verdict(report)


def _say_headline(report: ReconcileReport) -> None:
    """The batch, its PO stem, and the orders and money each side holds."""
    from ..money import MONEY_CURRENCY, money_text, total_text

    say = err_console.print
    ledger_total = total_text(report.ledger_total, report.ledger_unknown_rows, MONEY_CURRENCY)
    say(
        styled(
            (report.batch, "bold"),
            f" (PO {report.po_stem}-*): ledger {report.ledger_orders} orders, "
            f"{ledger_total}; vendor {report.vendor_orders} orders, "
            f"{money_text(report.vendor_total)} {MONEY_CURRENCY}"
            + (
                f" + {report.vendor_unknown_lines} line(s) of unknown cost"
                " (the vendor shows none yet, or none in dollars)"
                if report.vendor_unknown_lines
                else ""
            ),
        ),
        soft_wrap=True,  # one line, never cut inside its figures (its currency made it longer)
    )


def _say_differences(report: ReconcileReport) -> None:
    """Each order on one side alone, unresolved, or differing, and each cost difference a settlement
    explains."""
    from ..reconcile.explained import explained_text

    say = err_console.print
    for item in report.vendor_only:
        say(
            styled(
                "  ",
                ("Vendor only", "red"),
                f": {item['po_number']} (order {item['order_id']}, {item['status']}, {item['cost']})"
                + (
                    ": a second order under this PO, a second set of cards"
                    if item.get("second_order")
                    else ""
                ),
            )
        )
    for item in report.ledger_only:
        say(
            styled(
                "  ",
                ("Ledger only", "red"),
                f": {item['po_number']} (order {item['order_id']}): the vendor does not list it",
            )
        )
    for item in report.unresolved:
        say(
            styled("  ", ("Unresolved", "yellow"), f": {item['po_number']} ({item['state']}): {item['next']}")
        )
    for m in report.mismatches:
        where = f" line {m.line}" if m.line else ""
        say(
            styled(
                "  ",
                ("Mismatch", "red"),
                f" {m.po_number}{where}: {m.said()}",
            )
        )
    for item in report.explained:  # a cost difference a person's settlement accounts for, to the cent
        say(styled("  ", ("Explained", "green"), f": {explained_text(item)}"), soft_wrap=True)
    for item in report.partly_explained:  # the part of a cost difference a person's settlement accounts for
        say(styled("  ", ("Partly explained", "yellow"), f": {explained_text(item)}"), soft_wrap=True)


def _say_what_to_do(report: ReconcileReport) -> None:
    """What the costs charged otherwise than planned mean, and the lines ended without a card unrecorded."""
    from ..reconcile.compare import ENDED_UNRECORDED

    say = err_console.print
    costs = [m for m in report.mismatches if m.what == "cost"]
    doubt = _in_doubt(report)
    if costs:  # "cost planned 625.00 vs vendor 626.00" said nothing of what it means or what to do
        held = (
            "the rows in doubt are in no total until they are settled (below)"
            if report.totals_differ and doubt
            else f"run `bulkship track {shlex.quote(report.batch)}` to record what it charged"
            if report.totals_differ
            else "the ledger, `bulkship status` and the result workbook hold what it charged"
        )
        say(
            f"  The vendor charged otherwise than planned on {len(costs)} order(s): {held} (a row charged "
            "more than its card's price says so in its Problems cell). Ask the vendor about the difference; "
            "it is said at every reconcile.",
            soft_wrap=True,
        )
    ended = sum(int(m.ledger) - int(m.vendor) for m in report.mismatches if m.what == ENDED_UNRECORDED)
    if ended:
        say(
            f"  The vendor ended {ended} line(s) without a card since the statuses were last recorded: run "
            f"`bulkship track {shlex.quote(report.batch)}` to record them (their money leaves the charged "
            "total), then "
            "re-run the same `bulkship run` command to send those rows again.",
            soft_wrap=True,
        )


def _say_totals_and_notes(report: ReconcileReport) -> None:
    """The totals where they differ, a list not read in full, the lines pending, and what is not counted."""
    from ..money import money_text

    say = err_console.print
    doubt = _in_doubt(report)
    if report.totals_differ:
        say(
            styled(
                "  ",
                ("Totals differ", "red"),
                f": the ledger's rows were charged {money_text(report.ledger_total)}, "
                f"the vendor's orders cost {money_text(report.vendor_total)}{doubt}",
            ),
            soft_wrap=True,
        )
    if report.list_incomplete:
        say(
            styled(
                "  ",
                ("List not read in full", "yellow"),
                f": the vendor's order list could not be read to its end ({report.list_incomplete}); the "
                "batch's orders it did not show were read one by one, but a second order under one of its "
                "PO numbers would not show",
            )
        )
    if report.pending_lines:
        say(
            f"  {len(report.pending_lines)} lines still pending at the vendor (`bulkship track` follows them)"
        )
    for note in report.notes:  # what the vendor shows that bulkship does not count: a person asks
        say(styled("  ", ("Note", "yellow"), f": {note}"), soft_wrap=True)


def _say_verdict(report: ReconcileReport) -> None:
    """Whether everything matches, and what to read first."""
    say = err_console.print
    if report.matches and report.notes:
        say(styled(("Everything matches, but read the note(s) above before paying.", "yellow")))
    elif report.matches:
        say(styled(("Everything matches.", "green")))
    elif replace(report, list_incomplete="").matches:
        said = "Nothing differs in what the vendor showed, but its list was not read in full."
        say(styled((said, "yellow")))
    else:
        say(styled(("Differences found (see above).", "red")))


def _in_doubt(report: ReconcileReport) -> str:
    """The ledger's money in doubt, said beside 'Totals differ': rows waiting for review (their card may be
    one of the vendor's lines) or sent without an answer are in neither the charged total nor settled by
    `track`, which the advice 'run `bulkship track`' sent a person to, in a loop (a row held for review
    beside a colleague's order under this batch's PO number: hunter-money10). "" when none."""
    from decimal import Decimal

    from ..money import money_text

    doubt = report.money.get("in_doubt") or {}
    rows = int(doubt.get("rows") or 0)
    if not rows:
        return ""
    return (
        f"; {money_text(Decimal(str(doubt.get('total') or 0)))} of this ledger's money is in doubt, for "
        f"{rows} row(s) waiting for review or sent without an answer: in no total until they are settled "
        f"(`bulkship reconcile {shlex.quote(report.batch)} --review` shows them; the same `bulkship run` "
        "asks the vendor "
        "about orders sent without an answer), then the totals can agree"
    )
