"""Repeats shown before anything is planned (``bulkship validate``), held rows released by
``--allow-repeat``, and the notes of the rows held."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..errors import BatchConflictError
from ..ledger.linewords import is_cancelled_hold
from ..models import FINGERPRINT
from .cancelled import cancelled_rows, held_words
from .foreign import ordered_by_another_ledger
from .holds import find_holds
from .newrun import check_new_run
from .policy import _HELD_PREFIX, _SHOWN, ALLOW_FLAG, HELD, RepeatPolicy

if TYPE_CHECKING:
    import pandas as pd

    from ..ledger import Ledger
    from ..models import LoadedSheet


@dataclass(frozen=True)
class RepeatPreview:
    """What ``bulkship run`` would refuse or hold as a repeat of an earlier batch, as ``bulkship validate``
    shows it: ``refusals`` of the whole file, and ``rows`` (spreadsheet row -> why it would be held)."""

    refusals: tuple[str, ...] = ()
    rows: Mapping[int, str] = field(default_factory=dict)
    # the refusals' own words, without the command line's advice: what the web page's review says
    refused: tuple[str, ...] = ()
    # rows the run leaves out as sent elsewhere (their very card another batch made after a split was
    # advised: .takenout), never held nor sent: spreadsheet row -> what they say
    elsewhere: Mapping[int, str] = field(default_factory=dict)


def preview(
    ledger: Ledger,
    batch: str,
    frame: pd.DataFrame,
    *,
    file_name: str,
    file_hash: str,
    policy: RepeatPolicy,
    api: str | None,
    default_names: Sequence[str] = (),
    sheet: LoadedSheet | None = None,
    upload_hash: str = "",
    warned: Collection[int] | None = None,
) -> RepeatPreview:
    """The checks ``bulkship run`` makes before planning (:func:`check_new_run`, :func:`find_holds`) on a
    validated file, reading the ledger only: nothing is recorded, refused or held."""
    refusals: list[str] = []
    refused: list[str] = []
    try:
        check_new_run(
            ledger, batch, file_name=file_name, file_hash=file_hash, policy=policy, api=api,
            default_names=default_names, upload_hash=upload_hash,
        )  # fmt: skip
    except BatchConflictError as exc:
        refusals.append(_refusal(batch, exc))
        refused.append(exc.message.removesuffix(". Nothing was sent"))
    if not refusals:  # another file under the batch's name: refused by the run (batchidentity)
        from ..batchidentity import identity_refusal
        from ..reconcile.sheets.book import FIX_SHEET

        fix_sheet = sheet is not None and sheet.sheet_name == FIX_SHEET
        found = identity_refusal(
            ledger, batch, frame, file_name=file_name, file_hash=file_hash, fix_sheet=fix_sheet, sheet=sheet
        )
        if found is not None:
            refusals.append(_refusal(batch, found))
            refused.append(found.message.removesuffix(". Nothing was sent"))
    known = {r.fingerprint: r for r in ledger.batch_rows(batch)}
    orders = {o.po_number: o for o in ledger.orders(batch)}
    arguments: dict[str, Any] = {
        "known": known, "orders": orders, "api": api, "file_name": file_name, "warned": warned,
    }  # fmt: skip
    # once the file is refused, its rows are still listed as the run the refusal advises holds them (a batch
    # name of its own): not with allow, which skips the edits of the batch the file copies (found by
    # newcomer5: validate listed 2 rows, the run so named held 3)
    named = replace(policy, own_name=True)
    taken_out: dict[str, str] = {}
    cards: dict[str, Any] = {}  # the rows held for a card another batch made
    try:
        holds = find_holds(
            ledger, batch, frame, policy=named if refusals else policy, taken_out=taken_out, cards=cards,
            **arguments,
        )  # fmt: skip
    except BatchConflictError as exc:
        refusals.append(_refusal(batch, exc))
        refused.append(exc.message.removesuffix(". Nothing was sent"))
        taken_out, cards = {}, {}
        holds = find_holds(ledger, batch, frame, policy=named, taken_out=taken_out, cards=cards, **arguments)
    if sheet is not None:  # rows another ledger's results sheet says it ordered (.foreign)
        for fingerprint, note in ordered_by_another_ledger(ledger, sheet, frame).items():
            holds.setdefault(fingerprint, note)
    ended = cancelled_rows(ledger, batch, frame, known)  # cancelled at the vendor (.cancelled), as run has
    holds.update({fp: note for fp, note in ended.items() if fp not in cards})  # them (resume.sync_ledger)
    elsewhere = rows_held(frame, taken_out)
    return RepeatPreview(tuple(refusals), rows_held(frame, holds), tuple(refused), elsewhere)


def rows_held(frame: pd.DataFrame, holds: Mapping[str, str]) -> dict[int, str]:
    """Holds (row fingerprint -> why) by spreadsheet row."""
    fingerprints = frame[FINGERPRINT].astype(str).tolist()
    return {
        int(row): holds[fp] for row, fp in zip(frame.index.tolist(), fingerprints, strict=True) if fp in holds
    }


def _refusal(batch: str, exc: BatchConflictError) -> str:
    said = exc.message.removesuffix(". Nothing was sent")
    return f"`bulkship run` as batch {batch!r} would refuse this file: {said}" + (
        f" ({exc.hint})." if exc.hint else "."
    )


def preview_note(note: str, by: str = "`bulkship run`") -> str:
    """A hold's note as validate words it: what run (``by``) would do, not what it did."""
    return f"{by} would hold this row, not send it: " + note.removeprefix(_HELD_PREFIX)


def repeat_said(note: str) -> str:
    """What a hold's note says the row repeats, without the advice: "the same recipient, address, card and
    value were ordered in batch 'q3' (row 4, PO ..., 2026-09-01), within the last 60 days"."""
    return note.removeprefix(_HELD_PREFIX).split(". ")[0]


def release(ledger: Ledger, batch: str, holds: Mapping[str, str], policy: RepeatPolicy) -> dict[str, str]:
    """The holds this run keeps: none when repeats are allowed, none of the rows a person chose to send
    anyway (``policy.chosen``), and then the ledger's event log says which rows went out on purpose
    (``repeat_allowed``), so a second card can be explained later."""
    released = dict(holds) if policy.allow else {fp: n for fp, n in holds.items() if fp in policy.chosen}
    if not released:
        return dict(holds)
    shown = dict(list(released.items())[:_SHOWN])
    flag = ALLOW_FLAG if policy.allow else CHOSEN
    # ... and how many of them are cards the vendor cancelled (no second card): what they are is said from
    # all of them, not from the examples (hunter-vendor40's leftover 3)
    cancelled = sum(1 for note in released.values() if is_cancelled_hold(note))
    ledger.log_event(
        batch, None, "repeat_allowed", rows=len(released), flag=flag, examples=shown, cancelled=cancelled
    )
    return {fp: note for fp, note in holds.items() if fp not in released}


CHOSEN = "chosen row by row"  # a repeat_allowed event's flag: the held rows a person picked on the web page


def held_notes(ledger: Ledger, batch: str) -> list[str]:
    """What the run tells the user about the batch's held rows (empty when none)."""
    held = ledger.current_rows_with_status(batch, HELD)
    if not held:
        return []
    lines = [f"{len(held)} row(s) held, not sent: {held_words(r.error for r in held)}:"]
    lines += [f"  row {r.row}: {r.error}" for r in held[:_SHOWN]]
    if len(held) > _SHOWN:
        lines.append(f"  ... and {len(held) - _SHOWN} more (see the result workbook)")
    return lines
