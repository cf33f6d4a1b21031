"""Batch identity: whether a file may continue a batch (:func:`check_batch_identity`, and another sheet of
its workbook: :func:`check_same_sheet`). Refused: ``BatchConflictError``, exit 2, nothing sent.

* same file name or any row already ordered present → an edit of the batch's file: accepted; a changed row
  already ordered is recognised by its content, not its row number (:mod:`bulkship.repeats`: held as a
  probable edit of that row, wherever it now sits);
* otherwise (another file name sharing no ordered row) it may be the result workbook's "Fix these" sheet:
  accepted when it has no more new rows than the batch has rows needing the user (invalid/failed/held),
  else refused as a different file.
"""

from __future__ import annotations

import shlex
from typing import Any

from .errors import BatchConflictError
from .ledger import RowRecord
from .load import sheet_names
from .models import FINGERPRINT, LoadedSheet
from .plan import batch_name_of


def check_batch_identity(
    batch: str,
    file_name: str,
    stored_file_name: str,
    known: dict[str, RowRecord],
    committed: set[str],
    frame: Any,
    *,
    in_doubt: int = 0,
    fix_sheet: bool = False,
    shown: str = "",
) -> None:
    """Raise BatchConflictError when this file cannot continue ``batch`` (see the module docstring).
    ``in_doubt``: the batch's orders sent with no answer yet: settled with the batch's own file first.
    ``fix_sheet``: the file is a result workbook read by its Fix these sheet. ``shown``: the file as the
    person typed it, in the commands offered (its name alone, typed by its full path and followed from
    another folder, was not found: newcomer13)."""
    typed = shlex.quote(shown or file_name)
    fingerprints = frame[FINGERPRINT].astype(str).tolist()
    present = set(fingerprints)
    if file_name == stored_file_name or bool(committed & present):
        return  # an edit of the batch's file: changed ordered rows are held by content (repeats.find_holds)
    new_rows = [fp for fp in fingerprints if fp not in known]
    outstanding = sum(1 for rec in known.values() if rec.status in ("invalid", "failed", "duplicate", "held"))
    if committed and len(new_rows) > outstanding and in_doubt:
        raise BatchConflictError(
            f"Batch {batch!r} was ordered from {stored_file_name} and {in_doubt} of its orders are in doubt "
            f"(sent, no answer yet); {file_name} is a different file. Nothing was sent",
            hint=f"first settle the orders in doubt with the batch's own file: bulkship run "
            f"{shlex.quote(stored_file_name)} --batch {shlex.quote(batch)} (it asks the vendor and never "
            f"sends a card twice); then run {typed} as its own batch: its rows already "
            "ordered are held, not sent again",
        )
    if committed and len(new_rows) > outstanding and fix_sheet:
        # its rows read otherwise than the batch's: another program file (one next to the batch's list is
        # not next to its result workbook), not another list: "give it its own batch" sent them at STANDARD
        # beside the OVERNIGHT of the program (found by review20)
        raise BatchConflictError(
            f"{file_name} is a result workbook of batch {batch!r}, but {len(new_rows)} of its rows read "
            f"otherwise than the rows the batch ordered from {stored_file_name}: read without the program "
            "settings that file was run with? Nothing was sent",
            hint=f"run it with them: bulkship run {typed} --batch {shlex.quote(batch)} "
            "--config PROGRAM.toml (a bulkship.toml next to the list is not read next to the workbook)",
        )
    if committed and len(new_rows) > outstanding:
        raise BatchConflictError(
            f"Batch {batch!r} was ordered from {stored_file_name}; {file_name} is a different file "
            f"({len(new_rows)} rows the batch has never seen, none of its ordered rows). Nothing was sent",
            hint=f"to order it, give it its own batch: bulkship run {typed} --batch "
            "NEW-NAME (a new batch is compared with every earlier one: rows already ordered are held, "
            "not sent again)",
        )


def check_same_sheet(
    batch: str,
    file_name: str,
    stored_file_name: str,
    stored_sheet: str | None,
    sheet: LoadedSheet,
    shown: str = "",
) -> None:
    """Raise BatchConflictError when this is another sheet of the workbook the batch was read from: each
    sheet is a list of its own (found by newcomer8: January run after December under the file's name took
    December's place, December's people "no longer in the file"). A sheet renamed is the batch's own."""
    here = sheet.sheet_name
    if file_name != stored_file_name or not stored_sheet or not here or here == stored_sheet:
        return
    if stored_sheet not in sheet_names(sheet.path):
        return
    own = batch_name_of(f"{batch}-{here}")
    raise BatchConflictError(
        f"Batch {batch!r} was ordered from sheet {stored_sheet!r} of {file_name}; sheet {here!r} is another "
        "list. Nothing was sent",
        hint=f"give it a batch of its own: bulkship run {shlex.quote(shown or file_name)} --sheet "
        f"{shlex.quote(here)} "
        f"--batch {shlex.quote(own)} (a card another batch ordered is held, not sent again)",
    )
