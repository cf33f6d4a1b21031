"""Where a batch's result workbook goes and how a run writes it: one file per batch (:func:`output_stem`),
an output folder and the workbook in it checked before anything is sent (this ledger's, holding nothing of
the person's that writing it again would lose), the workbook written under the output lock from the ledger,
and a note when it now lives elsewhere than the batch's earlier one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shlex
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import reconcile
from .errors import BulkshipError, ConfigError, FileFormatError
from .ledger import Ledger
from .memtrim import collector_paused
from .models import Catalog, ValidationResult
from .outputlock import output_lock
from .private import private_folder
from .reconcile.join import record_prices

if TYPE_CHECKING:
    from .settings import Settings


def output_stem(batch: str) -> str:
    """The batch's part of its output file names, unique per batch: the full name made safe for any file
    system, plus a short hash of the name when making it safe changed it (``a/b/c`` and ``c``, ``Q4 2024``
    and ``Q4-2024``, names of symbols only never share a workbook)."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", batch).strip("-._")[:80]
    if safe == batch and safe.upper() not in _RESERVED_NAMES:
        return safe
    digest = hashlib.sha256(batch.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{safe or 'batch'}-{digest}"


_RESERVED_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
)


def result_path(out_dir: Path, batch: str) -> Path:
    """Where the batch's result workbook goes: ``<out>/<batch>-results.xlsx`` (see :func:`output_stem`)."""
    return Path(out_dir) / f"{output_stem(batch)}-results.xlsx"


def prepare_output_folder(folder: Path) -> Path:
    """Create the output folder (``--out``) if needed and make sure a workbook can be written there: checked
    before anything is read, computed or sent, so a bad ``--out`` is one error line, never a lost result."""
    folder = Path(folder)
    hint = "pass --out with a folder you can write to (it is created when missing)"
    try:
        private_folder(folder)  # created 0700 when missing (a folder the user has keeps its mode)
    except FileExistsError:
        raise ConfigError(f"{_in_the_way(folder)}. Nothing was sent", hint=hint) from None
    except OSError as exc:
        raise ConfigError(
            f"Cannot create the output folder {folder}: {exc.strerror or exc}. Nothing was sent", hint=hint
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK) or not _can_create_in(folder):
        raise ConfigError(f"The output folder {folder} is not writable. Nothing was sent", hint=hint)
    return folder


def _in_the_way(folder: Path) -> str:
    """What keeps ``folder`` from being made: the part of its path that is a file, or a link leading to no
    folder ('--out afile/sub' said 'afile/sub is a file', and a dangling or looping link 'is a file' too)."""
    for part in (folder, *folder.parents):
        named = f"The output folder {folder}" + ("" if part == folder else f": {part}")
        if part.is_symlink() and not part.is_dir():
            return f"{named} is a link that leads to no folder"
        if part.exists() and not part.is_dir():
            return f"{named} is a file, not a folder"
    return f"The output folder {folder} cannot be made"


def _can_create_in(folder: Path) -> bool:
    """Whether a file can really be made there: permission bits say yes to root everywhere, and to anyone
    on a read-only or special file system (/proc), where the workbook would fail after the orders left."""
    import tempfile

    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".bulkship-check-"):
            return True
    except OSError:
        return False


def check_workbook_is_this_ledgers(path: Path, ledger: Ledger) -> None:
    """Refuse, before anything is sent, a run whose result workbook another ledger wrote (the same list run
    with another data folder, in the same folder): this run would write over it, and that ledger's record of
    the batch (its order ids, PO numbers, tracking) would be lost to it (found by newcomer2: nothing said)."""
    from .reconcile.sheets.read import ledger_written_by

    other = ledger_written_by(path) if path.is_file() else None
    if other is None or _same_place(other, ledger.path):
        return
    recorded = _recorded_here(path, ledger)
    if recorded and _another_still_there(other, ledger) is None:
        return
    gone = (  # both record it: one is a `cp` of the other, whose run wrote the team's workbook
        "if this ledger replaced that one (a data folder copied to a new place), move that one away"
        if recorded
        else "if that ledger is gone for good, move the workbook away (it holds that run's PO numbers and "
        "order ids)"
    )
    raise FileFormatError(
        f"{path} was written from another ledger ({other}{', which is still there' if recorded else ''}), "
        f"not from this run's ({ledger.path}): this run would write over it, and what it says of that "
        "ledger's orders would be lost. Nothing was sent",
        hint="run with the ledger that wrote it (the same data folder, or --ledger); to keep both, pass "
        f"--out with another folder; {gone} and run again"
        + ("" if recorded else ": a batch new to this ledger is looked up at the vendor first"),
    )


def _recorded_here(path: Path, ledger: Ledger) -> bool:
    """This ledger records ``path`` as one of its batches' workbooks: it wrote it from where it was before
    (`bulkship ledger copy` to PostgreSQL, a data folder moved), the Summary naming the old place until the
    next rewrite (found by newcomer3: every re-run refused after the README's move to a team's ledger)."""
    return any(_same_place(record.output, path) for record in ledger.batches() if record.output)


def written_by_another_ledger(path: Path, ledger: Ledger) -> str | None:
    """The other ledger, still there, that the workbook at ``path`` says it was written from (its Summary's
    'Ledger'), when it is neither this one nor the one this was made from by `bulkship ledger copy`: a copy
    of the team's ledger (``cp``) tracked on a finance login rewrote the team's workbook, its Summary then
    naming the copy (newcomer28's N9). None where this ledger may write it: named nowhere, this one, its
    source, or a file no longer there (a data folder moved)."""
    from .reconcile.sheets.read import ledger_written_by

    return _another_still_there(ledger_written_by(path), ledger)


def _another_still_there(other: str | None, ledger: Ledger) -> str | None:
    """``other`` (the ledger a workbook names) when it is another ledger still there and not this one's
    recorded source (:func:`written_by_another_ledger`)."""
    if other is None or _same_place(other, ledger.path):
        return None
    source = ledger.copied_from()
    if source and _same_place(other, source):
        return None
    if not source and "://" in str(ledger.path) and "://" not in other:
        return None  # copied before a copy kept its source: a SQLite file a database names is that source
    return other if "://" in other or os.path.exists(other) else None


def _same_place(named: str, ledger: Path | str) -> bool:
    """A ledger (or workbook) named in a workbook (or ledger) and this one are one: the same URL, or the same
    file however reached."""
    if named == str(ledger):
        return True
    if not isinstance(ledger, Path) or "://" in named:
        return False
    return os.path.realpath(named) == os.path.realpath(ledger)


def workbook_not_written(ledger: Ledger, batch: str, error: BaseException) -> BulkshipError:
    """The orders went out but their result workbook could not be written: say where things stand."""
    reason = (
        error.message if isinstance(error, BulkshipError) else f"{getattr(error, 'strerror', None) or error}"
    )
    record = ledger.batch(batch)
    earlier = record.output if record and record.output and Path(record.output).exists() else None
    hint = (
        f"`bulkship track {shlex.quote(batch)}` rewrites the workbook {earlier}"
        if earlier
        else "free the output folder (or pass another --out), then re-run the same command to write it; "
        "nothing is ordered twice"
    )
    return BulkshipError(
        f"The orders are recorded in the ledger, but the result workbook could not be written: {reason}",
        hint=hint,
    )


@collector_paused()
def write_results(
    ledger: Ledger,
    batch: str,
    validation: ValidationResult,
    settings: Settings,
    catalog: Catalog | None,
    *,
    paper: str | None = None,
) -> Path:
    """The result workbook, from the ledger and this run's rows (``bulkship.reconcile`` does the work);
    ``paper``: the program's paper size (default US Letter)."""
    book = reconcile.book_from_run(ledger, batch, validation, api=settings.api_url, catalog=catalog)
    if paper:
        book = replace(book, info=replace(book.info, paper=paper))
    if catalog is not None:
        record_prices(ledger, batch, catalog)  # so that track, status and the webhook break money down alike
    path = result_path(Path(settings.out_dir), batch)
    with output_lock(path):  # `track` and the webhook receiver rewrite it under the same lock
        written = Path(os.path.abspath(reconcile.write_result_workbook(book, path)))
        _refresh_csv_twin(ledger, batch, written, settings, catalog)
    # absolute: `track`, `status` and the webhook receiver find it from any folder (older ledgers may hold
    # relative paths, read as before)
    ledger.set_batch_output(batch, str(written))
    return written


def _refresh_csv_twin(
    ledger: Ledger, batch: str, workbook: Path, settings: Settings, catalog: Catalog | None
) -> None:
    """A CSV twin once exported (``--csv``, the web page's CSV download) says what the workbook says: it is
    written again from the workbook just written (the run's rows are read once by the writer)."""
    if workbook.with_suffix(".csv").exists():
        write_csv_twin(ledger, batch, workbook, api=settings.api_url, catalog=catalog)


def write_csv_twin(
    ledger: Ledger, batch: str, workbook: Path, *, api: str | None, catalog: Catalog | None = None
) -> Path:
    """The CSV twin of the batch's result workbook (``<name>.csv`` beside it), made from the workbook as
    written, refreshed from the ledger. Raises BulkshipError when the workbook is another batch's. The
    caller holds the workbook's output lock."""
    existing = reconcile.read_result_workbook(workbook)
    if existing.batch is not None and existing.batch != batch:
        raise BulkshipError(
            f"{workbook} is the result workbook of batch {existing.batch!r}, not of {batch!r}",
            hint="re-run the same `bulkship run` command to write this batch's own workbook",
        )
    book = reconcile.book_from_existing(ledger, batch, existing, api=api, catalog=catalog)
    return reconcile.write_results_csv(book, workbook.with_suffix(".csv"))


def keep_own_sheets(path: Path) -> None:
    """Refuse, before anything is sent, a run whose result workbook holds a sheet the person added: the run
    writes bulkship's sheets only, and theirs was lost (found by review10: a 'Contacts' sheet gone after the
    Fix these run). ``track`` leaves such a workbook as it is (1dcaf81)."""
    from .reconcile.fixsheet import sheets_of_the_person
    from .reconcile.sheets.typed import typed_cells

    own = sheets_of_the_person(path) if path.is_file() else []
    typed = typed_cells(path) if path.is_file() and not own else []
    if typed:  # an 'Invoice #' column beside the Orders, a note under the Summary (found by review19)
        raise FileFormatError(
            f"{path.name} holds what you typed on its Orders or Summary sheet ({'; '.join(typed)}): this run "
            "writes those sheets from the ledger again, and it would be lost. Nothing was sent",
            hint="keep what you typed in a workbook of your own and take it out of this one (or delete this "
            "one: it is written again), then run the same command again",
        )
    if own:
        raise FileFormatError(
            f"{path.name} holds a sheet of your own ({', '.join(repr(n) for n in own)}): this run rewrites "
            "that result workbook with bulkship's sheets only, and yours would be lost. Nothing was sent",
            hint="move that sheet to a workbook of its own, then run the same command again",
        )


def keep_fix_edits(workbook: Path, path: Path, batch: str) -> None:
    """Refuse, before anything is sent, a run of another file (the batch's list, corrected or grown) whose
    result workbook holds corrections on its *Fix these* sheet not run yet: the run writes that workbook
    again and they were lost without a word (found by hunter-money2, leftover LB: 50 typed for a bad Amount,
    gone after the list's new row was sent). A run of the workbook itself (or of a copy) reads them."""
    import shlex

    from .reconcile.fixedits import pending_fix_edits
    from .reconcile.fixsheet import is_result_workbook_file
    from .reconcile.sheets import FIX_SHEET

    try:
        if not workbook.is_file() or path.resolve() == workbook.resolve() or is_result_workbook_file(path):
            return
    except OSError:
        return
    edits = pending_fix_edits(workbook)
    if not edits:
        return
    shown = ", ".join(edits[:5]) + (f" and {len(edits) - 5} more" if len(edits) > 5 else "")
    # into the same folder: a workbook written elsewhere would leave these corrections here, refused again
    first = shlex.join(["bulkship", "run", str(workbook), "--batch", batch, "--out", str(workbook.parent)])
    raise FileFormatError(
        f"{workbook.name} holds corrections on its '{FIX_SHEET}' sheet not run yet ({shown}): this run "
        "writes that workbook again, and they would be lost. Nothing was sent",
        hint=f"send them first (`{first}`), then run this command again; or, "
        "if you made the same corrections in your file, delete that workbook (it is written again, nothing "
        "is ordered twice)",
    )


def left_behind(earlier: str | None, output: Path | None) -> list[str]:
    """A note naming the batch's earlier result workbook when this run wrote it elsewhere (another --out,
    the web page's results folder then the command line's ./output): the earlier one keeps its old statuses
    and totals, and track rewrites only the new one (found by newcomer1: one batch, two workbooks, nothing
    said)."""
    if not earlier or output is None:
        return []
    before = Path(earlier)
    with contextlib.suppress(OSError):
        if before.is_file() and before.resolve() != Path(output).resolve():
            return [
                f"This batch's result workbook is now {output}; the one written before, {before}, is no "
                "longer kept up to date (track and later runs rewrite only the new one): delete it, or keep "
                "it as a record of that run."
            ]
    return []
