"""The result workbook rewritten from the ledger after a pass (and its CSV twin), under the output lock
``bulkship run`` writes it under; kept as it is, and said why, when a rewrite would lose what the person put
in it (corrections not run yet, a sheet of their own, cells typed on bulkship's sheets)."""

from __future__ import annotations

import logging
import shlex
from collections.abc import Collection
from pathlib import Path

from ..errors import BulkshipError
from ..ledger import Ledger
from ..models import Catalog
from ..outputlock import output_lock
from ..reconcile.fixedits import unsent_fix_edits
from ..reconcile.fixsheet import sheets_of_the_person
from ..reconcile.join import book_from_existing
from ..reconcile.sheets import (
    FIX_SHEET,
    ExistingResults,
    read_result_workbook,
    write_result_workbook,
    write_results_csv,
)
from ..reconcile.sheets.typed import typed_cells
from ..resultfile import write_csv_twin, written_by_another_ledger
from ..settings import Settings

log = logging.getLogger("bulkship.track")


def rewrite_results(
    ledger: Ledger, batch: str, *, api: str | None, catalog: Catalog | None = None
) -> tuple[str | None, list[str]]:
    """Rewrite the batch's result workbook (and its CSV twin, when there is one) where ``run`` wrote it.

    Read, rebuild and replace happen under the workbook's write lock, so a ``bulkship run`` writing a newer
    workbook meanwhile waits and its rows are never replaced by a rebuild of the older one."""
    record = ledger.batch(batch)
    if record is None or not record.output:
        return None, [f"batch {batch}: no result workbook recorded; `bulkship run` writes one"]
    path = Path(record.output)
    if not path.exists():  # looked at before the lock, whose file would make its folder here
        return None, [_not_here(batch, path)]
    with output_lock(path):
        if not path.exists():
            return None, [_not_here(batch, path)]
        existing = read_result_workbook(path, lenient=True)  # the ledger knows the results: typed-over cells
        if existing.batch is not None and existing.batch != batch:  # a workbook belongs to one batch
            return None, [
                f"batch {batch}: {path} is the result workbook of batch {existing.batch!r}, not rewritten; "
                f"re-run the same `bulkship run` command to write {batch}'s own (nothing is ordered twice)"
            ]
        other = written_by_another_ledger(path, ledger)
        if other is not None:  # the team's workbook, tracked from a copy of its ledger: theirs to write
            return None, [
                f"batch {batch}: {path} was written from another ledger ({other}), which is still there, "
                f"not from this one ({ledger.path}): left as it is, so that it goes on saying what that "
                "ledger records. Track with that ledger (its data folder, or --ledger); this one's statuses: "
                f"`bulkship status {shlex.quote(batch)}`"
            ]
        kept = _why_kept(path, existing, batch)
        csv_twin = path.with_suffix(".csv")
        if kept is None or csv_twin.exists():
            book = book_from_existing(ledger, batch, existing, api=api, catalog=catalog)
            try:
                if kept is None:
                    write_result_workbook(book, path)
                if csv_twin.exists():  # bulkship's own file: current even while the workbook is kept
                    write_results_csv(book, csv_twin)  # the rows are a list here: they can be read twice
            except OSError as exc:  # a full disk: 'Error: No space left on device', naming nothing
                return None, [not_rewritten(batch, path, exc)]
        if kept is not None:
            twin = f"; its CSV twin {csv_twin.name} is current" if csv_twin.exists() else ""
            return None, [kept + twin]
    if existing.typed_in:
        lines = ", ".join(map(str, existing.typed_in))
        return str(path), [
            f"batch {batch}: line(s) {lines} of {path.name}'s Results were typed in by hand, not bulkship's "
            "results: left out of the rewritten workbook (nothing was ordered for them); put new people in "
            "a list of their own and run it"
        ]
    return str(path), []


def _not_here(batch: str, path: Path) -> str:
    """A result workbook deleted, or written on the machine that ran the batch: a finance login reading a
    copy of the ledger was told to 're-run the same `bulkship run` command' (newcomer20's N14)."""
    return (
        f"batch {batch}: no result workbook at {path} (deleted, or on the machine and login that ran the "
        f"batch). Its statuses are recorded in the ledger: `bulkship status {shlex.quote(batch)}`. The same "
        "`bulkship run` command, where the batch was run, writes it again (nothing is ordered twice)"
    )


def not_rewritten(batch: str, path: Path, exc: OSError, *, command: str = "") -> str:
    """A result workbook (or its CSV twin) the system refused to write: where things stand (found by
    review21: a full disk ended `track` and `run --csv` in 'Error: No space left on device' alone)."""
    command = command or f"bulkship track {shlex.quote(batch)}"
    return (
        f"batch {batch}: {path.name} could not be written in {path.parent}: {exc.strerror or exc}. The "
        f"orders and their statuses are recorded in the ledger (`bulkship status`); free space there, then "
        f"run `{command}` to write it"
    )


def _why_kept(path: Path, existing: ExistingResults, batch: str) -> str | None:
    """Why the result workbook is left as it is (what the person put in it a rewrite would lose), or None."""
    edits = unsent_fix_edits(path, existing)
    if edits:  # the person's corrections not yet run: a rewrite would throw them away
        shown = ", ".join(edits[:5]) + (f" and {len(edits) - 5} more" if len(edits) > 5 else "")
        command = shlex.join(["bulkship", "run", str(path), "--batch", batch])  # a folder may hold spaces
        return (
            f"batch {batch}: {path} holds corrections on its '{FIX_SHEET}' sheet not run yet ({shown}): "
            "not rewritten, so they are kept. Run it to send them "
            f"(`{command}`); the statuses are recorded in the ledger and the workbook catches up then"
        )
    own = sheets_of_the_person(path)
    if own:  # a rewrite writes bulkship's sheets only: the person's own would be lost
        return (
            f"batch {batch}: {path} holds a sheet of your own ({', '.join(repr(n) for n in own)}): not "
            "rewritten, so it is kept. The statuses are recorded in the ledger (`bulkship status`); move "
            "that sheet to a workbook of its own and the result workbook catches up on the next track"
        )
    typed = typed_cells(path)
    if typed:  # the Orders and Summary sheets are written from the ledger again: their notes would go
        return (
            f"batch {batch}: {path} holds what you typed on its Orders or Summary sheet "
            f"({'; '.join(typed)}): not rewritten, so it is kept. The statuses are recorded in the "
            "ledger (`bulkship status`); keep what you typed in a workbook of your own and take it out "
            "of this one (or delete this one: the same `bulkship run` command writes it again, nothing "
            "is ordered twice), and the result workbook catches up on the next track"
        )
    return None


def export_results_csv(settings: Settings, batch: str) -> Path:
    """Write the CSV twin of the batch's result workbook (``<name>.csv`` next to it); ``track`` keeps it
    current from then on."""
    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        record = ledger.batch(batch)
        if record is None or not record.output or not Path(record.output).exists():
            raise BulkshipError(
                f"No result workbook for batch {batch!r} to export",
                hint="re-run the same `bulkship run` command to write it (nothing is ordered twice)",
            )
        path = Path(record.output)
        with output_lock(path):
            try:
                return write_csv_twin(ledger, batch, path, api=settings.api_url)
            except OSError as exc:
                csv_twin = path.with_suffix(".csv")
                raise BulkshipError(
                    not_rewritten(batch, csv_twin, exc, command=f"bulkship track {shlex.quote(batch)} --csv")
                ) from None


def rewrite_corrected(
    ledger: Ledger, besides: Collection[str], *, api: str | None, catalog: Catalog | None = None
) -> None:
    """Rewrite the result workbook of each other batch than ``besides`` whose money the ledger recorded
    anew after the workbook was written: an order of it counted with an invoice as its own until an order of
    this run showed the same invoice (ledger.ordernotes.note_document), its workbook kept saying "charged
    250.00" beside a status and a Batches page saying 125.00 until its own next track or run
    (hunter-vendor9's leftover, found again by hunter-vendor10). Nothing said when one cannot be rewritten
    (its own track does)."""
    from datetime import datetime

    from ..ledger.records import BILLED_ON_ORDER

    latest: dict[str, str] = {}
    for event in ledger.events(kinds=[BILLED_ON_ORDER]):
        if event.batch and event.batch not in besides:
            latest[event.batch] = max(latest.get(event.batch, ""), event.at)
    newer = []
    for name, at in sorted(latest.items()):
        record = ledger.batch(name)
        try:
            written = Path(record.output).stat().st_mtime if record and record.output else None
            if written is not None and datetime.fromisoformat(at).timestamp() >= written - 1.0:
                newer.append(name)
        except (OSError, ValueError) as exc:
            log.debug("the result workbook of %s was not rewritten: %s", name, exc)
    rewrite_others(ledger, newer, api=api, catalog=catalog)


def rewrite_others(
    ledger: Ledger, names: Collection[str], *, api: str | None, catalog: Catalog | None = None
) -> None:
    """Rewrite the result workbooks of ``names``, other batches whose ledger records a run changed (their
    failed cards read again at the vendor, before the run compares its rows with them): a failed row the
    vendor showed made since read 'failed', 0.00, in its workbook beside 'charged 51.00' in `status`, until
    that batch's own track (found by hunter-money3, on the web's cost page). Nothing said when one cannot be
    rewritten (its own track does)."""
    for name in sorted(names):
        try:
            if ledger.batch(name) is not None:
                rewrite_results(ledger, name, api=api, catalog=catalog)
        except (OSError, BulkshipError) as exc:
            log.debug("the result workbook of %s was not rewritten: %s", name, exc)
