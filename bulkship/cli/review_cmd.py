"""``bulkship reconcile BATCH --review`` and ``--resolve PO --at-vendor ORDER | --release``: rows waiting for
review, listed and settled by a person (the work is :mod:`bulkship.resolve`'s; this parses and prints)."""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING, Any

import typer

from ..errors import BulkshipError, ConfigError
from ..resolve import parse_pos, parse_rows
from .app import err_console, print_json, styled

if TYPE_CHECKING:
    from ..resolve import BulkRelease, FoundSettlement, Resolution, ReviewReport
    from ..settings import Settings

REVIEW_WAITING_EXIT = 3  # as `run`: rows need a person


def check_options(
    resolve: str | None,
    at_vendor: str | None,
    release: bool,
    rows: str | None,
    not_ours: str | None = None,
    *,
    settle_found: bool = False,
    sent_elsewhere: str | None = None,
) -> None:
    if settle_found and (resolve is not None or at_vendor or release or rows or not_ours or sent_elsewhere):
        raise ConfigError(
            "--settle-found settles every row the vendor shows by proof: use it without --resolve, "
            "--at-vendor, --release, --rows, --not-ours or --sent-elsewhere"
        )
    if resolve is None and (at_vendor or rows or not_ours or sent_elsewhere):
        raise ConfigError(
            "--at-vendor, --sent-elsewhere, --rows and --not-ours settle the rows of one PO: add --resolve "
            "PO (--release alone settles every row waiting)"
        )
    if resolve is not None and [bool(at_vendor), release, bool(sent_elsewhere)].count(True) != 1:
        raise ConfigError(
            "--resolve PO needs exactly one of --at-vendor ORDER, --release or --sent-elsewhere ORDER"
        )
    if rows and not (at_vendor or sent_elsewhere):
        raise ConfigError(
            "--rows names the rows a vendor order holds: use it with --at-vendor or --sent-elsewhere"
        )
    if not_ours and not release:
        raise ConfigError("--not-ours names vendor orders a release may set aside: use it with --release")


def review_command(settings: Settings, batch: str, *, as_json: bool) -> int:
    from .. import api

    report = api.review_batch(settings, batch)
    if as_json:
        print_json(report.as_json())
    else:
        print_review(report)
    return REVIEW_WAITING_EXIT if report.rows_waiting else 0


def print_review(report: ReviewReport) -> None:
    from ..resolve.placed import placed_words

    say = err_console.print
    if not report.groups:
        say(styled((report.batch, "bold"), ": no rows wait for review."))
        return
    listed = "complete" if report.list_complete else f"not complete: {report.why_incomplete}"
    say(
        styled(
            (report.batch, "bold"),
            f": {report.rows_waiting} row(s) wait for review. The vendor holds {report.vendor_orders} "
            f"order(s) of this batch (its order list is {listed}).",
        ),
        soft_wrap=True,
    )
    found = (
        f"{report.rows_found} of them are on lines of the vendor's orders of this batch carrying their "
        "ExternalId with the same card and recipient: record them as ordered there in one go (nothing is "
        f"sent):  {report.settle_found}"
    )
    if report.rows_found:
        say(found, soft_wrap=True)
    explained = False
    for group in report.groups:
        say(styled(("PO " + group.po_number, "bold"), f" ({group.state} in the ledger): {group.vendor}"))
        reasons = {row.why for row in group.rows}
        for row in group.rows:
            place = "" if row.in_file else " (no longer in the file)"
            why = f" {row.why}" if len(reasons) > 1 else ""
            say(f"  row {row.row}{place}: {row.external_id}, {row.card}, {row.name}.{why}", soft_wrap=True)
        if len(reasons) == 1:
            say(f"  Why: {reasons.pop()}", soft_wrap=True)
        for line in group.maybe:
            say(f"  May be at the vendor: {line}", soft_wrap=True)
        command = f"bulkship reconcile {shlex.quote(report.batch)} --resolve {group.po_number}"
        if group.release.allowed and group.release.absent:
            say(f"  Not at the vendor (provably): release with  {command} --release", soft_wrap=True)
        elif group.release.allowed:  # the vendor shows the order, and nothing in it or elsewhere is theirs
            say(
                "  No line the vendor shows holds their card as the file has it now: once the vendor says "
                "none was made for them, release with  "
                f"{command} --release",
                soft_wrap=True,
            )
        else:
            say(styled("  ", ("Release refused now", "yellow"), ": " + "; ".join(group.release.blockers)))
        if group.release.partly:
            say(
                f"  Row(s) {', '.join(map(str, group.release.free))} are on no vendor order and no line it "
                f"shows may be them: release them (the others keep waiting) with  {command} --release",
                soft_wrap=True,
            )
        if group.not_ours and group.not_ours_other_people:  # every line in the way shows someone else
            say(
                f"  Vendor order(s) {', '.join(group.not_ours_same_name)} carry another bulkship ledger's "
                "Note, and each of their lines carrying these rows' ExternalIds shows someone else "
                f"({group.other_people_said}): another office's people of the same Employee IDs, not these "
                "rows. Once you have checked that (ask whoever runs that ledger), set those orders aside and "
                f"release these rows to be sent:  {group.not_ours}",
                soft_wrap=True,
            )
        elif group.not_ours and group.not_ours_same_name:
            say(
                f"  If vendor order(s) {', '.join(group.not_ours_same_name)} hold none of these people: "
                f"another ledger's batch also named {report.batch!r}, of other people (not this list sent "
                "from another computer, nor before from a ledger since lost or replaced: then they are these "
                f"people's cards and this sends each a second one):  {group.not_ours}",
                soft_wrap=True,
            )
        elif group.not_ours:
            say(f"  If those vendor orders are another batch's:  {group.not_ours}", soft_wrap=True)
        if group.elsewhere:  # rows a line of another batch's or ledger's order names (hunter-vendor18's L-a)
            offer = group.elsewhere
            say(
                f"  If the card of row(s) {', '.join(map(str, offer.rows))} is that of vendor order "
                f"{offer.order} (another batch's or ledger's, as its line naming them says), leave them out "
                f"of this batch:  {offer.command}",
                soft_wrap=True,
            )
        # another office's batch of the same name, or a ledger lost: what that may be is said once
        for words in placed_words(group.placed_elsewhere, explain=not explained):
            say(styled("  ", ("Placed by another ledger", "yellow"), f": {words}."), soft_wrap=True)
            explained = True
        if group.at_vendor:  # only a command the vendor's answer allows now
            say(f"  If they are at the vendor:  {group.at_vendor}", soft_wrap=True)
        elif not (group.release.allowed or group.not_ours or group.elsewhere or group.placed_elsewhere):
            say(
                "  Nothing the vendor shows now settles them: look in its portal; naming an order "
                f"({command} --at-vendor ORDER [--rows N,N]) is checked with the vendor again.",
                soft_wrap=True,
            )
    if report.rows_found and len(report.groups) > 1:  # a long list scrolls the first word away
        say(found, soft_wrap=True)
    if len(report.groups) > 1 and any(g.release.allowed or g.release.partly for g in report.groups):
        say(
            "Every row at once, from one read of the vendor (those found recorded as ordered, those it holds "
            "nowhere released), once nobody else is sending this list:  bulkship reconcile "
            f"{shlex.quote(report.batch)} "
            "--release",
            soft_wrap=True,
        )


def _confirmed(lines: list[str], yes: bool) -> bool:
    for line in lines:
        err_console.print(line, soft_wrap=True)
    if yes:
        return True
    try:
        return typer.confirm("Record this in the ledger?", default=False, err=True)
    except (typer.Abort, EOFError, RuntimeError, OSError):
        raise BulkshipError(
            "No answer to 'Record this in the ledger?': nothing was changed",
            hint="pass --yes to confirm non-interactively",
        ) from None


def _applied(done: Any, as_json: bool) -> None:
    """A settlement a person was asked to confirm, once recorded (``done.applied``): its JSON when asked."""
    if not done.applied:
        raise BulkshipError("Not confirmed: nothing was changed")
    if as_json:
        print_json(done.as_json())


def _still_waiting(batch: str, left: int) -> int:
    """The exit code once rows were settled in one go: 3 while ``left`` rows still wait (said so)."""
    if left:
        err_console.print(
            f"{left} row(s) still wait for review: bulkship reconcile {shlex.quote(batch)} --review",
            soft_wrap=True,
        )
    return REVIEW_WAITING_EXIT if left else 0


def settle_found_command(
    settings: Settings, batch: str, *, reason: str, by: str | None, yes: bool, as_json: bool
) -> int:
    """``--settle-found``: exit 0 once no row waits, else 3 (as --review)."""
    from .. import api

    def confirm(plan: FoundSettlement) -> bool:
        return _confirmed(plan.describe(), yes)

    done = api.settle_found(settings, batch, by=by, reason=reason, confirm=confirm)
    _applied(done, as_json)
    for line in done.describe():
        err_console.print(line, soft_wrap=True)
    for note in done.notes:
        err_console.print(note, soft_wrap=True)
    err_console.print(
        styled(
            ("Recorded", "green"),
            f": {done.rows_settled} of the {done.waiting} row(s) waiting for review as ordered in the "
            "vendor's orders that show them; `bulkship track` follows them.",
        ),
        soft_wrap=True,
    )
    return _still_waiting(batch, done.waiting - done.rows_settled)


def release_all_command(
    settings: Settings, batch: str, *, reason: str, by: str | None, yes: bool, as_json: bool
) -> int:
    """``--release`` without ``--resolve``: exit 0 once no row waits, else 3 (as --review)."""
    from .. import api

    def confirm(plan: BulkRelease) -> bool:
        return _confirmed(plan.describe(), yes)

    done = api.release_all(settings, batch, by=by, reason=reason, confirm=confirm)
    _applied(done, as_json)
    for note in done.notes:
        err_console.print(note, soft_wrap=True)
    said = done.recorded("the next `bulkship run` of this batch sends them")
    err_console.print(styled(("Recorded", "green"), f": {said}."), soft_wrap=True)
    return _still_waiting(batch, done.waiting - done.rows_settled - done.rows_released)


def resolve_command(
    settings: Settings,
    batch: str,
    po: str,
    *,
    at_vendor: str | None,
    rows: str | None,
    reason: str,
    sent_elsewhere: str | None = None,
    not_ours: str | None = None,
    by: str | None,
    yes: bool,
    as_json: bool,
) -> int:
    from .. import api

    def confirm(plan: Resolution) -> bool:
        return _confirmed(plan.describe(), yes)

    if at_vendor:
        done = api.resolve_at_vendor(
            settings, batch, po, at_vendor, rows=parse_rows(rows), by=by, reason=reason, confirm=confirm
        )
    elif sent_elsewhere:
        done = api.leave_out_elsewhere(
            settings, batch, po, sent_elsewhere, rows=parse_rows(rows), by=by, reason=reason, confirm=confirm
        )
    else:
        done = api.release_review(
            settings, batch, po, by=by, reason=reason, not_ours=parse_pos(not_ours), confirm=confirm
        )
    _applied(done, as_json)
    for note in done.notes:
        err_console.print(note, soft_wrap=True)
    next_step = {
        "release": "the next `bulkship run` of this batch sends the released rows",
        "elsewhere": "left out of this batch as sent elsewhere; nothing is sent for them",
    }.get(done.action, "recorded as ordered; `bulkship track` follows them")
    err_console.print(styled(("Recorded", "green"), f": {next_step}."))
    return _still_waiting(batch, len(done.waiting)) if done.action in ("release", "elsewhere") else 0
