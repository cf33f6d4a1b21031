"""``bulkship users``: the people who may sign in to ``bulkship serve``, their roles and limits, and the
team's settings. Passwords are read from a hidden prompt (asked twice) or, piped, from the first line of
stdin: never from the command line, where other users of the machine could read them.

Whoever can write the ledger can manage its people: these commands act as ``cli:<login name>`` in the audit
trail. The first account turns team mode on (sign-in on the web page, roles, approvals).
"""

from __future__ import annotations

import getpass
import shlex
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..settings import Settings
from .app import JsonOption, LedgerOption, app, err_console, plain_console, print_json, settings_from

users_app = typer.Typer(
    help="People who sign in to bulkship serve: add, list, disable, reset-password, roles, limit, settings.",
    no_args_is_help=True,
)
app.add_typer(users_app, name="users")

RoleOption = Annotated[
    list[str],
    typer.Option("--role", "-r", help="admin, requester, approver or finance (repeat for several)."),
]


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"


def _from() -> str:
    """The trail's "from where" of these commands: the command line's login and host."""
    from ..team.approvals import origin

    return origin()


def _read_password(name: str) -> str:
    """From a hidden prompt (twice, they must agree) or the first line of piped stdin."""
    from ..team.accounts import AccountError

    if sys.stdin.isatty():
        first = getpass.getpass(f"New password for {name}: ")
        second = getpass.getpass("The same password again: ")
        if first != second:
            raise AccountError("The two passwords differ: nothing was changed")
        return first
    line = sys.stdin.readline()
    if not line:
        raise AccountError(
            "No password: type it at the prompt, or pipe it on stdin (never on the command line)"
        )
    return line.rstrip("\r\n")


@users_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="Sign-in name (letters, digits, . _ - @).")],
    role: RoleOption,
    limit: Annotated[
        str | None,
        typer.Option("--limit", help="Most this person sends without approval (below the team threshold)."),
    ] = None,
    ledger: LedgerOption = None,
) -> None:
    """Add a person; the password is asked for (or read from stdin). The first person turns team mode on:
    make them an admin."""
    from ..team import accounts, team_mode

    settings = settings_from(ledger=ledger)
    first = not team_mode(settings)
    if first and "admin" not in {r.strip().lower() for r in role}:
        from ..team.accounts import AccountError

        raise AccountError(
            "The first person must be an admin (someone has to manage the others)",
            hint=f"bulkship users add {shlex.quote(name)} --role admin",
        )
    password = _read_password(name)
    user = accounts.add_user(
        settings, name, password, role, spend_limit=limit, actor=_actor(), address=_from()
    )
    err_console.print(f"Added {user.name} ({user.roles_text}).", soft_wrap=True)
    if first:
        err_console.print(_team_mode_on(settings), soft_wrap=True)


def _team_mode_on(settings: Settings) -> str:
    """What the first account changed, plainly: sign-in, and which batches now wait for an approver (with
    the default threshold 0.00, every one, also from `bulkship run`), and how to have one."""
    from ..money import money_text
    from ..team import approvals

    threshold = approvals.threshold(settings)
    waits = (
        "every batch (from the web page and from `bulkship run`) waits for an approver"
        if threshold == 0
        else f"a batch costing more than {money_text(threshold)} waits for an approver"
    )
    said = (
        f"Team mode is on: bulkship serve now asks everyone to sign in. The approval threshold is "
        f"{money_text(threshold)}: {waits}"
    )
    if approvals.approvers_for(settings, ""):
        return said + "."
    return (
        f"{said}, and no one holds the approver role yet. Add one (bulkship users add NAME --role approver), "
        "or let batches up to an amount go without approval (bulkship users settings --threshold AMOUNT)."
    )


@users_app.command("list")
def list_(ledger: LedgerOption = None, json_: JsonOption = False) -> None:
    """Every person, their roles, limit and whether they may sign in."""
    from rich.table import Table

    from ..team import accounts, team_mode

    settings = settings_from(ledger=ledger)
    found = accounts.list_users(settings) if team_mode(settings) else []
    if json_:
        print_json(
            [
                {
                    "name": u.name,
                    "roles": sorted(u.roles),
                    "limit": str(u.spend_limit) if u.spend_limit is not None else None,
                    "disabled": u.disabled,
                    "locked_until": u.locked_until if u.locked else None,  # (else a wrong try's time)
                    "created": u.created,
                }
                for u in found
            ]
        )
        return
    if not found:
        err_console.print(
            "No accounts: bulkship is in single-user mode (bulkship users add NAME --role admin)."
        )
        return
    table = Table("Name", "Roles", "Limit", "State", "Created (UTC)")
    for u in found:
        state = "disabled" if u.disabled else ("locked" if u.locked else "active")
        limit = f"{u.spend_limit:,.2f}" if u.spend_limit is not None else "team threshold"
        table.add_row(u.name, u.roles_text, limit, state, u.created.replace("T", " ")[:19])
    plain_console().print(table)


@users_app.command("disable")
def disable(name: str, ledger: LedgerOption = None) -> None:
    """Stop a person signing in (their sessions end at once); their history stays."""
    from ..team import accounts

    user = accounts.set_disabled(settings_from(ledger=ledger), name, True, actor=_actor(), address=_from())
    err_console.print(f"Disabled {user.name}.")


@users_app.command("enable")
def enable(name: str, ledger: LedgerOption = None) -> None:
    """Let a disabled person sign in again."""
    from ..team import accounts

    user = accounts.set_disabled(settings_from(ledger=ledger), name, False, actor=_actor(), address=_from())
    err_console.print(f"Enabled {user.name}.")


@users_app.command("reset-password")
def reset_password(name: str, ledger: LedgerOption = None) -> None:
    """Set a new password (asked for, or read from stdin); lifts a lockout and ends the person's sessions."""
    from ..team import accounts

    settings = settings_from(ledger=ledger)
    found = accounts.find_user(settings, name)
    if found is None:
        raise accounts.AccountError(
            f"No person named {name!r}", hint="bulkship users list shows every account"
        )
    user = accounts.reset_password(
        settings, found.name, _read_password(found.name), actor=_actor(), address=_from()
    )
    err_console.print(f"New password set for {user.name}; their sessions ended.")


@users_app.command("roles")
def roles(name: str, role: RoleOption, ledger: LedgerOption = None) -> None:
    """Replace a person's roles."""
    from ..team import accounts

    user = accounts.set_roles(settings_from(ledger=ledger), name, role, actor=_actor(), address=_from())
    err_console.print(f"{user.name}: {user.roles_text}.")


@users_app.command("limit")
def limit(
    name: str,
    amount: Annotated[str, typer.Argument(help="An amount, or 'none' for the team threshold only.")],
    ledger: LedgerOption = None,
) -> None:
    """Set the most a person sends without approval (the team threshold still applies when lower)."""
    from ..team import accounts, approvals

    settings = settings_from(ledger=ledger)
    user = accounts.set_limit(settings, name, amount, actor=_actor(), address=_from())
    effective = approvals.limit_for(settings, user.name)
    said = f"{user.name} sends up to {effective:,.2f} without approval"
    if user.spend_limit is not None and user.spend_limit > effective:  # found by newcomer8
        said += f" (their own limit {user.spend_limit:,.2f} is above the team threshold, which applies)"
    err_console.print(said + ".")


@users_app.command("settings")
def team_settings(
    threshold: Annotated[
        str | None,
        typer.Option("--threshold", help="Batches costing more wait for an approver (0: every batch)."),
    ] = None,
    idle_minutes: Annotated[
        int | None, typer.Option("--idle-minutes", min=1, max=1440, help="Sign out after this idle time.")
    ] = None,
    ledger: LedgerOption = None,
    json_: JsonOption = False,
) -> None:
    """Show the team's settings, or change them."""
    from ..team import approvals

    settings = settings_from(ledger=ledger)
    if threshold is not None:
        approvals.set_threshold(settings, threshold, actor=_actor(), address=_from())
    if idle_minutes is not None:
        approvals.set_idle_minutes(settings, idle_minutes, actor=_actor(), address=_from())
    current = {
        "threshold": str(approvals.threshold(settings)),
        "idle_minutes": approvals.idle_minutes(settings),
    }
    if json_:
        print_json(current)
        return
    shown = f"{approvals.threshold(settings):,.2f}"
    typer.echo(f"Approval threshold: {shown} (batches costing more need an approver)")
    typer.echo(f"Sign-out after idle: {current['idle_minutes']} minute(s)")


@app.command("audit")
def audit_export(
    out: Annotated[Path, typer.Option("--out", help="The file to write: .csv or .xlsx.")],
    batch: Annotated[str | None, typer.Option("--batch", help="One batch's lines only.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="From this day (YYYY-MM-DD, UTC).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="To this day, included (YYYY-MM-DD).")] = None,
    ledger: LedgerOption = None,
) -> None:
    """Export the team's audit trail (who, when, from where, what) for a batch or a period."""
    from ..atomicfile import atomic_path
    from ..errors import ConfigError
    from ..ledger.records import day_bounds, swapped_days
    from ..paths import check_output_file
    from ..team import audit, team_mode
    from ..team.accounts import AccountError
    from ..team.approvals import origin

    settings = settings_from(ledger=ledger)
    path = check_output_file(
        out, suffixes=(".csv", ".xlsx"), what="Audit export", format_name="CSV or XLSX",
        default_name="audit.xlsx",
    )  # fmt: skip
    if path.exists() and not audit.is_export(path):  # the recipient list, a result workbook: never replaced
        raise ConfigError(
            f"{path} exists and is no audit trail bulkship wrote: it was left as it is, nothing exported",
            hint="pass --out with a new file name (an earlier audit export of bulkship's is replaced)",
        )
    try:
        start, end = day_bounds(since, until)
    except ValueError:
        raise AccountError("--since and --until are days written YYYY-MM-DD, e.g. 2026-12-01") from None
    if swapped_days(since, until):
        raise AccountError(swapped_days(since, until), hint="--since takes the first day, --until the last")
    if not team_mode(settings):
        # the bare 'users add' hint turned team mode on for whoever followed it (found by newcomer8)
        raise AccountError(
            "This ledger has no accounts, so no audit trail",
            hint="bulkship keeps an audit trail once a team signs in (bulkship users add NAME --role admin "
            "turns team mode on: the web page then asks everyone to sign in, and batches above the approval "
            "threshold wait for an approver); what was sent so far: bulkship status",
        )
    if batch is not None:
        _require_known_batch(settings, batch)
    found = audit.entries(settings, batch=batch, since=start, until=end)
    what = f"batch {batch}" if batch else "every batch"
    when = f" from {since or 'the start'} to {until or 'now'}" if since or until else ""
    body = (
        audit.to_csv(found)
        if path.suffix.lower() == ".csv"
        else audit.to_xlsx(found, f"Audit trail of {what}{when} (UTC)")
    )
    with atomic_path(path) as temp:
        temp.write_bytes(body)
    audit.record(
        settings, "audit_export", actor=_actor(), address=origin(), batch=batch, file=path.name,
        since=since or "", until=until or "", lines=len(found),
    )  # fmt: skip
    err_console.print(f"Wrote {len(found)} line(s) of the audit trail to {path}", soft_wrap=True)


def _require_known_batch(settings: Settings, batch: str) -> None:
    """A --batch that neither the ledger nor any line of its trail names is refused, nothing written: finance
    typing 'workday-dec' for 'workday_dec' got 'Wrote 0 line(s)', exit 0, an empty trail read as a batch
    nobody touched, and the earlier export replaced by it (found by newcomer12). A batch deleted since keeps
    its lines, and is exported."""
    from ..team import audit
    from ..team.accounts import AccountError

    unknown = audit.unknown_batch(settings, batch)
    if unknown is None:
        return
    listed = "run `bulkship status` to list the batches; --batch names one exactly as written there"
    raise AccountError(
        f"{unknown.message(settings.ledger_shown)}: nothing exported",
        hint=f"did you mean --batch {unknown.alike!r}? {listed}" if unknown.alike else listed,
    )
