"""What a run reads: the file as the ledger knows it (its SHA-256, with the sheet named), whether the batch is
already complete for it (then nothing is read or sent), and its rows (the sheet given, a result workbook's
corrected "Fix these" sheet, or the file itself). Step 1 of :mod:`bulkship.pipeline`."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from .ledger import Ledger
from .resume import already_complete
from .runoptions import RunOptions
from .runresult import RunResult, result_from_ledger

if TYPE_CHECKING:
    from .models import LoadedSheet
    from .settings import Settings


def file_sha256(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ""  # load_sheet reports the problem properly


def file_identity(path: Path, options: RunOptions) -> str:
    """The file as the ledger knows it: its SHA-256, with the sheet read when one is named (two sheets of a
    workbook are two lists, see :func:`~bulkship.load.sheet.sheet_identity`)."""
    from .load.sheet import input_identity

    return input_identity(path, sheet_of(options), file_sha256(path))


def sheet_of(options: RunOptions) -> str | None:
    """The sheet named for the run (--sheet, or the program file's)."""
    return options.sheet or (options.program.sheet if options.program is not None else None)


def complete_result(
    ledger: Ledger, batch: str, file_hash: str, settings: Settings, options: RunOptions
) -> RunResult | None:
    """The batch's result when it is already complete for this exact file: nothing to read or send."""
    # --include-hidden may turn rows skipped last time into rows to order: the file must be read again
    hidden_wanted = options.program is not None and options.program.include_hidden
    if not already_complete(ledger, batch, file_hash) or (
        hidden_wanted and ledger.row_counts(batch).get("skipped")
    ):
        return None
    record = ledger.batch(batch)
    output = Path(record.output) if record and record.output else None
    result = result_from_ledger(ledger, batch, settings, output)
    result.already_complete = True
    result.notes.append(f"Batch {batch!r} is already complete for this file: nothing was sent.")
    return result


def load_rows(path: Path, options: RunOptions, file_hash: str) -> LoadedSheet:
    """The rows to run: the sheet given, else a result workbook's corrected "Fix these" sheet in the batch's
    whole file, else the file itself (``file_hash``: as checked against the ledger, not taken twice)."""
    from .load import load_sheet, require_recipient_rows
    from .reconcile.fixsheet import load_fix_sheet

    if options.loaded is not None:
        return require_recipient_rows(options.loaded)
    sheet, program = options.sheet, options.program
    known = file_hash or None  # "": the file could not be read, load_sheet says why
    fixed = load_fix_sheet(path, sheet=sheet, program=program, file_hash=known)
    return require_recipient_rows(fixed or load_sheet(path, sheet=sheet, program=program, file_hash=known))
