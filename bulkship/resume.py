"""Resume: bring the ledger in line with this run's file, so that re-running the same command continues it.

* A batch already complete for this exact file (same SHA-256, nothing planned, unknown, failed, held or in
  review) is answered from the ledger alone (:func:`already_complete`).
* Orders left ``sending``/``unknown`` are resolved with their own PO number first (the submitter does it);
  ``planned`` orders whose rows are all still present and valid keep their PO number and payload; a
  ``planned`` order whose rows changed never left, so it is cancelled and its rows are planned again (unless
  an older bulkship may have sent it: then it is ``unknown``, asked of the vendor with the same PO).
* Valid rows without a live order (new, fixed, or failed before) are planned with sequence numbers after the
  highest one used.

Whether the file may continue the batch at all is :mod:`bulkship.batchidentity`'s.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from .batchidentity import check_batch_identity, check_same_sheet, sheet_sent_as
from .heldrows import without_day
from .ledger import (
    ELSEWHERE,
    OPEN_STATES,
    BatchRecord,
    Ledger,
    OrderRecord,
    RowRecord,
)
from .ledger.linewords import LINE_WORD, line_words
from .ledger.orderstates import COMMITTED_ORDER_STATES, LIVE_ORDER_STATES, rows_on_orders_in
from .ledger.writes import PoClashError
from .load.skipped.kinds import _SAYS_NOT_YET as NOT_YET_REASON
from .memtrim import collector_paused
from .models import FINGERPRINT, STATUS, Catalog, LoadedSheet, ValidationResult
from .neversent import may_exist_at_vendor
from .ordernote import note_for
from .program import ProgramSettings
from .reconcile.join import made_no_card_note
from .reconcile.join.prices import Prices
from .reconcile.sheets.book import FIX_SHEET
from .repeats import HELD, RepeatPolicy
from .repeats.emails import record_emails
from .repeats.takenout import cards_gone_elsewhere, hold_cards_gone_elsewhere
from .resumeholds import rows_held_now
from .resumerecords import plan_records, row_updates
from .skippedpeople import forget_corrected


def already_complete(ledger: Ledger, batch: str, file_hash: str) -> bool:
    """Nothing is left to do for this exact file: its result workbook exists and no row is waiting."""
    record = ledger.batch(batch)
    if record is None or record.file_hash != file_hash:
        return False
    if not record.output or not Path(record.output).exists():
        return False
    counts = ledger.row_counts(batch)
    states = ledger.order_counts(batch)
    unsettled = any(states.get(state) for state in ("planned", *OPEN_STATES))
    held = counts.get(HELD)  # may go out now (--allow-repeat, or the window has passed)
    review = counts.get("review")  # may be at the vendor: nothing to do until a person has looked
    # rows the list holds until a day ('Do Not Send Before'): the same file run on that day sends them (they
    # were 'already complete', never sent: found by hunter-sheets11)
    waiting = counts.get("skipped") and ledger.rows_skipped_saying(batch, NOT_YET_REASON)
    return (
        (
            not counts.get("planned")
            and not counts.get("failed")
            and not held
            and not review
            and not unsettled
            and not waiting
        )
        and not ledger.rows_made_no_card(batch)  # the vendor failed them before anything shipped: send again
        # ... or failed the card another batch made for a row sent elsewhere: sent, or named anew
        and not (counts.get(ELSEWHERE) and cards_gone_elsewhere(ledger, batch))
    )


def held_until_then(
    ledger: Ledger, batch: str, loaded: LoadedSheet, rows: Any, program: ProgramSettings | None
) -> LoadedSheet:
    """``loaded`` without the rows it leaves out as dated on a day passed under a column that may say when
    the card went ('Ship Date' = Dec 20, run on Dec 22) that an earlier run of the batch held until that day
    ('not to send it yet', the same column and cell, the same row by its fingerprint in ``rows``, the
    validated frame): bulkship held them itself, and their day has come. Run after that day, each was left
    out as perhaps gone (found by hunter-sheets12). Only rows so left out are looked at, never every row."""
    from .load.skipped import _skip_notices
    from .load.skipped.kinds import _SAYS_DAY_PASSED

    passed = {
        s.row: s.reason.removeprefix(_SAYS_DAY_PASSED)
        for s in loaded.skipped
        if s.reason.startswith(_SAYS_DAY_PASSED)
    }
    if not passed:
        return loaded
    held = {
        r.fingerprint: without_day(r.error or "").removeprefix(NOT_YET_REASON)
        for r in ledger.batch_rows(batch, current_only=True)
        if r.status == "skipped" and (r.error or "").startswith(NOT_YET_REASON)
    }
    fingerprints = rows.loc[[row for row in passed if row in rows.index], FINGERPRINT]
    due = {int(row) for row, fp in fingerprints.items() if held.get(str(fp)) == passed[int(row)]}
    if not due:
        return loaded
    skipped = tuple(s for s in loaded.skipped if s.row not in due)
    program = program or ProgramSettings()
    said = set(_skip_notices(loaded.skipped, program))
    notices = (
        *(n for n in loaded.notices if n not in said),
        *_skip_notices(skipped, program),
        f"{len(due)} row(s) an earlier run held until their day are sent now that it has come: "
        + ", ".join(str(row) for row in sorted(due)[:10])
        + ("..." if len(due) > 10 else "")
        + ".",
    )
    return dataclasses.replace(loaded, skipped=skipped, notices=notices)


class Synced(NamedTuple):
    """What :func:`sync_ledger` did: orders newly planned, orders left from an earlier run, and the rows
    planned although they repeat a card already ordered (``--allow-repeat``; spreadsheet row -> the hold's
    note), which the confirmation lists before anything is sent."""

    new_orders: int
    resumed: int
    repeated: dict[int, str]
    read_as_ordered: tuple[int, ...] = ()  # rows the batch ordered, written otherwise (repeats.notes)


@collector_paused()
def sync_ledger(
    ledger: Ledger,
    batch: str,
    validation: ValidationResult,
    catalog: Catalog,
    *,
    po_prefix: str,
    max_lines: int,
    webhook_url: str | None,
    api: str | None = None,
    repeats: RepeatPolicy | None = None,
    by: str | None = None,
    unread: Collection[str] = (),
) -> Synced:
    """Bring the ledger in line with this file; plan new orders (see :class:`Synced`).
    ``unread``: POs whose rows made no card could not be read again at the vendor (it may have made the card
    since: :func:`bulkship.track.recheck.recheck_made_no_card`); those rows are not sent again in this run.
    ``api`` is recorded on a new batch (see :mod:`bulkship.batchapi`); rows repeating a card already
    ordered are held as ``repeats`` says (see :mod:`bulkship.repeats`). ``by``: who starts a new batch."""
    frame, sheet = validation.rows, validation.sheet
    stored = ledger.batch(batch)
    _fail_rows_made_no_card(ledger, batch, unread, repeats)
    known = {r.fingerprint: r for r in ledger.batch_rows(batch)}
    orders = {o.po_number: o for o in ledger.orders(batch)}
    if stored is not None and stored.file_hash != sheet.file_hash:
        _check_same_batch(ledger, batch, validation, stored, known, orders, repeats)
    held = rows_held_now(ledger, batch, validation, known, orders, repeats, api=api, unread=unread)
    record_batch(ledger, batch, validation, po_prefix=po_prefix, api=api, by=by)
    record_emails(ledger, batch, frame)  # who the rows are, for the next batch's repeats (repeats.emails)
    valid_fps = set(frame.loc[frame[STATUS] == "valid", FINGERPRINT].astype(str).tolist())  # not cell by cell
    valid_fps.difference_update([*held.holds, *held.taken_out])  # not sent: its planned order taken back
    cancelled = _take_back_changed_orders(ledger, known, orders, valid_fps)
    updates = row_updates(validation, held.holds, held.taken_out, held.cards)
    # What the ledger holds once these rows are recorded, without reading every row again: record_rows
    # keeps the status and PO of rows that have a PO or are ordered (and new rows have neither);
    # cancel_planned took the cancelled orders' planned rows off their PO.
    kept = {po: order for po, order in orders.items() if po not in cancelled}
    live = rows_on_orders_in(known, kept, LIVE_ORDER_STATES)
    not_to_plan = live | held.holds.keys() | held.taken_out.keys()
    to_plan = frame[(frame[STATUS] == "valid") & ~frame[FINGERPRINT].astype(str).isin(not_to_plan)]
    resumed = sum(
        1 for po, o in orders.items() if po not in cancelled and o.state in ("planned", *OPEN_STATES)
    )
    new_orders = 0
    if to_plan.empty:
        ledger.record_rows(batch, updates)
    else:
        new_orders = _plan_and_record(
            ledger, batch, to_plan, catalog, orders, updates, stored is None,
            po_prefix=po_prefix, max_lines=max_lines, webhook_url=webhook_url,
        )  # fmt: skip
    forget_corrected(ledger, batch, known, frame)  # a row left out, corrected since: not listed twice
    return Synced(new_orders, resumed, held.repeated, held.read_as)


def _fail_rows_made_no_card(
    ledger: Ledger, batch: str, unread: Collection[str], repeats: RepeatPolicy | None
) -> None:
    """The rows whose line the vendor ended without a card, failed so that they are planned again (a new
    PO), but not those whose order could not be read again now; and the rows sent elsewhere whose card
    there is gone, held (compared again below)."""
    made_no_card = [(fp, po) for fp, po in ledger.rows_made_no_card(batch) if po not in unread]
    if made_no_card:  # no card exists for them: failed, so planned again below (a new PO)
        ledger.resend_rows_made_no_card(batch, made_no_card, made_no_card_notes(ledger, made_no_card))
    hold_cards_gone_elsewhere(ledger, batch, repeats.unread if repeats else ())  # compared again below


def _check_same_batch(
    ledger: Ledger,
    batch: str,
    validation: ValidationResult,
    stored: BatchRecord,
    known: dict[str, RowRecord],
    orders: dict[str, OrderRecord],
    repeats: RepeatPolicy | None,
) -> None:
    """BatchConflictError where a file other than the batch's last may not continue it: another sheet of a
    file it read, or rows its committed orders hold missing (:mod:`bulkship.batchidentity`)."""
    frame, sheet = validation.rows, validation.sheet
    file_name = Path(sheet.path).name
    shown = repeats.shown_as if repeats else ""  # the file as typed, in the commands offered
    sent_as = partial(sheet_sent_as, ledger, batch, file_name)  # (read only when refused)
    # another sheet of a file the batch read a sheet of, its last file or not: after a Fix these run
    # (the result workbook), the list's other sheet read 'a different file' (newcomer27's N5a)
    read_sheet = ledger.batch_sheet(batch, file_name)
    check_same_sheet(batch, file_name, file_name, read_sheet, sheet, shown, sent_as)
    committed = rows_on_orders_in(known, orders, COMMITTED_ORDER_STATES)
    in_doubt = sum(1 for o in orders.values() if o.state in OPEN_STATES)
    check_batch_identity(
        batch,
        file_name,
        stored.file_name,
        known,
        committed,
        frame,
        in_doubt=in_doubt, fix_sheet=sheet.sheet_name == FIX_SHEET, shown=shown, book=stored.output,
    )  # fmt: skip


def _plan_and_record(
    ledger: Ledger,
    batch: str,
    to_plan: Any,
    catalog: Catalog,
    orders: dict[str, OrderRecord],
    updates: Any,
    made_now: bool,
    *,
    po_prefix: str,
    max_lines: int,
    webhook_url: str | None,
) -> int:
    """The new orders of the rows ``to_plan``, recorded with the rows' ``updates`` in one transaction (each
    planned row written once); how many. ``made_now``: the batch was made by this run, forgotten where its
    PO numbers clash, so that no empty 'draft' is left."""
    try:
        new_orders, records = plan_records(
            to_plan,
            catalog,
            orders,
            seen=ledger.released_beside(batch),
            po_prefix=po_prefix,
            batch=batch,
            max_lines=max_lines,
            webhook_url=webhook_url,
            note=note_for(ledger.ledger_id()),
        )
    except BaseException:
        ledger.record_rows(batch, updates)  # the rows are recorded even when planning fails, as they were
        raise
    # the rows and the new orders in one transaction: each planned row is written once
    try:
        ledger.record_rows(batch, updates, planned=records, prices=Prices.from_catalog(catalog).as_json())
    except PoClashError:
        if made_now:  # made by this run, refused before anything was recorded: no empty 'draft' left
            ledger.forget_empty_batch(batch)  # in `bulkship status` (a hunter-sheets10 leftover)
        raise
    return new_orders


def made_no_card_notes(ledger: Ledger, rows: Sequence[tuple[str, str]]) -> dict[str, str]:
    """What each row whose line the vendor ended before anything shipped ((fingerprint, PO) each) says once
    failed: its line's own word, read from its order's rows (and the vendor's, where its status reads it
    otherwise: ledger.linewords)."""
    pos = sorted({p for _f, p in rows})
    ended = {r.fingerprint: r.line_status for po in pos for r in ledger.rows_by_po(po)}
    words = line_words(e for po in pos for e in ledger.events(None, po, kinds=[LINE_WORD]))
    return {fp: made_no_card_note(po, ended.get(fp), words.get((po, fp), "")) for fp, po in rows}


def record_batch(
    ledger: Ledger,
    batch: str,
    validation: ValidationResult,
    *,
    po_prefix: str,
    api: str | None,
    by: str | None = None,
) -> None:
    """The batch as this run's file makes it: file name, hash and row counts (created when new, as started
    by ``by``)."""
    summary, sheet = validation.summary(), validation.sheet
    ledger.upsert_batch(
        batch,
        file_name=Path(sheet.path).name,
        file_hash=sheet.file_hash,
        po_prefix=po_prefix,
        rows=summary.rows,
        valid=summary.valid,
        invalid=summary.not_valid,  # the ledger's count: rows left out, duplicates too
        api=api,
        by=by,
        sheet=sheet.sheet_name,
        upload_hash=sheet.upload_hash,
    )


def _take_back_changed_orders(
    ledger: Ledger, known: dict[str, RowRecord], orders: dict[str, OrderRecord], valid_fps: set[str]
) -> set[str]:
    """Planned orders that never left keep their PO only if every row is still here and valid; the others
    are cancelled (returned), or asked of the vendor first when an older bulkship may have sent them."""
    members: dict[str, list[str]] = {}
    for fp, rec in known.items():
        if rec.po_number and rec.status == "planned":
            members.setdefault(rec.po_number, []).append(fp)
    cancelled: set[str] = set()
    for po, order in orders.items():
        if order.state != "planned":
            continue
        rows = members.get(po, [])
        if rows and all(fp in valid_fps for fp in rows):
            continue
        if may_exist_at_vendor(ledger, po):  # never re-plan (new PO) what the vendor may hold
            ledger.record_unknown(po, "sent before without a definite answer: asking the vendor first")
            continue
        ledger.cancel_planned(po, "its rows changed in the file before it was sent")
        cancelled.add(po)
    return cancelled
