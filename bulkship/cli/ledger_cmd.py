"""``bulkship ledger copy``: a single user's SQLite ledger into a team's PostgreSQL database."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from .app import JsonOption, app, err_console, plain_console, print_json, settings_from

ledger_app = typer.Typer(
    help="The ledger itself: copy it into a team's PostgreSQL database.", no_args_is_help=True
)
app.add_typer(ledger_app, name="ledger")


@ledger_app.command("copy")
def copy(
    to: Annotated[
        str,
        typer.Option("--to", help="The team's new, empty PostgreSQL database: postgresql://USER@HOST/DB."),
    ],
    source: Annotated[
        Path | None,
        typer.Option("--from", help="The SQLite ledger to copy (default: the one in the data folder)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Copy everything (batches, rows, orders, events, people, approvals, audit trail) into an empty
    PostgreSQL database, checked table by table; then point BULKSHIP_LEDGER at it."""
    from ..db.copy import copy_ledger
    from ..team import note_from_cli

    settings = settings_from()
    report = copy_ledger(source or settings.ledger, to)
    note_from_cli(replace(settings, ledger_url=to), "ledger_copy", source=report.source, rows=report.total)
    if as_json:
        print_json({"source": report.source, "target": report.target, "tables": report.counts})
        return
    out = plain_console()
    for table, rows in report.counts.items():
        out.print(f"{table:<20} {rows:>10,}")
    err_console.print(
        f"Copied {report.total:,} row(s) from {report.source} to {report.target}; every table's count "
        f"matches. Next: export BULKSHIP_LEDGER={_without_password(to)} on every machine, the password in "
        "~/.pgpass (the SQLite file is left as it was).",
        soft_wrap=True,
        highlight=False,
    )


def _without_password(url: str) -> str:
    """The URL to export, its password left out (a masked one pasted back would become the password)."""
    return re.sub(r"(//[^:/@]*):[^@/]*@", r"\1@", url, count=1)
