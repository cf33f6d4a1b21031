"""``bulkship ledger copy``: a single user's SQLite ledger into a team's PostgreSQL database; ``bulkship
ledger id``: the id this ledger's orders carry in their Note (:mod:`bulkship.ordernote`)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from .app import JsonOption, LedgerOption, app, err_console, plain_console, print_json, settings_from

ledger_app = typer.Typer(
    help="The ledger itself: copy it into a team's PostgreSQL database, or show its id.", no_args_is_help=True
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


@ledger_app.command("id")
def ledger_id(ledger: LedgerOption = None, as_json: JsonOption = False) -> None:
    """The id this ledger's orders carry in their Note ('bulkship ledger ID'): another office's review names
    it when it finds one of them beside a batch of the same name. Changes nothing."""
    from ..ledger import Ledger, ledger_exists
    from ..ordernote import note_for

    settings = settings_from(ledger=ledger)
    found, former = "", []
    if ledger_exists(settings.ledger_location):
        with Ledger.open(settings.ledger_location, lock=False, read_only=True) as opened:
            ids = opened.ledger_ids()
            found, former = ids.own, sorted(ids.former)
    if as_json:
        print_json(
            {"ledger": settings.ledger_shown, "ledger_id": found or None, "note": note_for(found) or None,
             "former_ids": former}
        )  # fmt: skip
        return
    if found:
        plain_console().print(found)
        err_console.print(f"Orders this ledger places carry the Note '{note_for(found)}'.", highlight=False)
    elif former:  # copied (cp) or moved here from where its id was made
        err_console.print(
            f"The ledger {settings.ledger_shown} has no id of its own here yet: it was copied or moved from "
            f"where its id ({', '.join(former)}) was made (or an earlier bulkship made it without noting "
            "where), so it gets one of its own with the next order it plans (the orders it sent before keep "
            "theirs).",
            soft_wrap=True,
            highlight=False,
        )
    else:
        err_console.print(
            f"The ledger {settings.ledger_shown} has no id yet: it has planned no order since bulkship "
            "began writing one into each order's Note.",
            soft_wrap=True,
            highlight=False,
        )


def _without_password(url: str) -> str:
    """The URL to export, its password left out (a masked one pasted back would become the password)."""
    return re.sub(r"(//[^:/@]*):[^@/]*@", r"\1@", url, count=1)
