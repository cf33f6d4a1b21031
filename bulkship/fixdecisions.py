"""What a person decided on a batch's *Fix these* sheet holds for the batch's file run again.

The README's follow-up: correct the rows on the *Fix these* sheet of the result workbook, run that workbook
under the batch. The run's own words also offer "or correct them in your file and re-run the same command",
and the Summary says "Re-run the same command": a person who did the first, then ran the list they started
from again, saw their work undone. Ben Ortiz's street, typed on Fix these and sent, read 'invalid' again on
his row of the list beside his card listed 'ordered earlier; no longer in the file' (one person twice), and
Claire Dubois, taken off the sheet on purpose, was 'to fix' again, exit 3 (found by newcomer15, N6, and
newcomer16, N1); a row the vendor failed, taken off the sheet, was sent by that run: a card the person had
declined.

So each run of a Fix these sheet records (:data:`FIX_THESE_EVENT`), by the row's key in the ledger (its
fingerprint, as the workbook's key sheet names it), the cells the person changed and the rows taken off;
a later run of any file of the batch holding such a row as it was (the same key) reads it with those cells
changed, or leaves it out as taken off (:func:`as_decided`), and says so. A row of the file written
otherwise since is the person's new word: it is read as it is. A row put back on the sheet is no longer
taken off.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import TYPE_CHECKING, Any

from .models import FixTheseRows, SkippedRow
from .reconcile.fixsheet import REMOVED_NOTE
from .statuses import NOT_YET_REASON

if TYPE_CHECKING:
    import pandas as pd

    from .ledger import Ledger
    from .models import LoadedSheet

# detail: {"corrected": {key as it was: {"to": its key corrected, "cells": {header: text}}}, "removed": [key]}
FIX_THESE_EVENT = "fix_these_decided"
SHOWN_ROWS = 10


def _stored(ledger: Ledger, batch: str) -> tuple[dict[str, dict[str, Any]], set[str]]:
    latest = ledger.latest_event(batch, FIX_THESE_EVENT)
    detail = latest.detail if latest is not None else {}
    corrected = {
        str(key): {
            "to": str(d.get("to", "")),
            "cells": {str(h): str(v) for h, v in d.get("cells", {}).items()},
        }
        for key, d in (detail.get("corrected") or {}).items()
        if isinstance(d, dict) and isinstance(d.get("cells", {}), dict)
    }
    return corrected, {str(k) for k in detail.get("removed") or ()}


def remember(ledger: Ledger, batch: str, done: FixTheseRows | None, rows: pd.DataFrame) -> None:
    """Record what the person did on the Fix these sheet this run read (``done``; ``rows``: the validated
    frame, whose keys are the rows as corrected), over what earlier runs of it recorded: a correction of a
    row corrected before is one correction of the row as it first was."""
    if done is None:
        return
    from .reconcile.join import ledger_keys

    corrected, removed = _stored(ledger, batch)
    before = copy.deepcopy((corrected, removed))
    keys, _ = ledger_keys(rows)
    now = dict(zip(map(int, rows.index.tolist()), keys, strict=True))
    for key, cells in done.corrected.items():
        removed.discard(key)  # on the sheet again: no longer taken off
        if not cells:
            continue
        to = now.get(done.rows.get(key, 0), "")
        corrected[key] = {"to": to, "cells": dict(cells)}
        for earlier in corrected.values():  # the row as it first was, corrected twice
            if earlier["to"] == key and earlier is not corrected[key]:
                earlier["to"], earlier["cells"] = to, {**earlier["cells"], **cells}
    removed |= done.removed
    if (corrected, removed) != before:
        ledger.log_event(batch, None, FIX_THESE_EVENT, corrected=corrected, removed=sorted(removed))


def as_decided(ledger: Ledger, batch: str, loaded: LoadedSheet, rows: pd.DataFrame) -> LoadedSheet:
    """``loaded`` (``rows``: its validated frame) with the batch's Fix these decisions in place: a row the
    person corrected there, still as it was in the file, read with their cells; one they took off left out
    as taken off. ``loaded`` itself when none applies, or when it is a Fix these sheet (its own say)."""
    if loaded.fix_these is not None:
        return loaded
    corrected, removed = _stored(ledger, batch)
    if not corrected and not removed:
        return loaded
    from .reconcile.join import ledger_keys

    keys, _ = ledger_keys(rows)
    skipped = {s.row for s in loaded.skipped}
    # a row held until a day to come, corrected on the sheet (its error is said now: ..validate.heldnow),
    # read corrected and still held: as it was, it was a row to fix again, and the batch's file refused
    waiting = {s.row for s in loaded.skipped if s.reason.startswith(NOT_YET_REASON)}
    headers = set(loaded.headers)
    cells: dict[tuple[int, str], str] = {}
    fixed: list[int] = []
    off: list[int] = []
    for row, key in zip(map(int, rows.index.tolist()), keys, strict=True):
        if key in removed and row not in skipped:
            off.append(row)
        elif key in corrected and (row not in skipped or row in waiting):
            mine = {(row, h): v for h, v in corrected[key]["cells"].items() if h in headers}
            if mine:
                cells.update(mine)
                fixed.append(row)
    if not cells and not off:
        return loaded
    from .api.files import apply_corrections

    decided = apply_corrections(loaded, cells) if cells else loaded
    extra = tuple(SkippedRow(row, "removed", REMOVED_NOTE) for row in off)
    notices = [*loaded.notices]
    if fixed:
        notices.append(
            f"{len(fixed)} row(s) corrected on the 'Fix these' sheet of the batch's result workbook are "
            f"read as corrected there ({_listed(fixed)}), as the file holds them as they were: correct the "
            "file or the sheet to change them."
        )
    if off:
        notices.append(
            f"{len(off)} row(s) taken off the 'Fix these' sheet of the batch's result workbook are left out "
            f"({_listed(off)}), as the file holds them as they were: put one back on that sheet (or change "
            "it in the file) to send it."
        )
    return dataclasses.replace(
        decided,
        skipped=tuple(sorted((*decided.skipped, *extra), key=lambda s: s.row)),
        notices=tuple(notices),
        file_hash=loaded.file_hash,  # the file as run: the same file run again is complete
        upload_hash=loaded.upload_hash,
    )


def _listed(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in sorted(rows)[:SHOWN_ROWS])
    return f"row {shown}" + ("..." if len(rows) > SHOWN_ROWS else "")
