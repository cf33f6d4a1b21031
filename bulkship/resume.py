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
from .billing import line_ended_without_card
from .heldrows import without_day
from .ledger import CARD_MADE_ROWS, ELSEWHERE, OPEN_STATES, REVIEW_STATE, Ledger, OrderRecord, RowRecord
from .ledger.linewords import LINE_WORD, line_words
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
from .repeats import HELD, RepeatPolicy, find_holds, release, rows_held
from .repeats.cancelled import cancelled_rows
from .repeats.emails import record_emails
from .repeats.foreign import ordered_by_another_ledger
from .repeats.samefile import warned_rows
from .repeats.takenout import cards_gone_elsewhere, hold_cards_gone_elsewhere
from .resumerecords import plan_records, row_updates
from .skippedpeople import forget_corrected
from .validate.lookalikes import references_people

LIVE_ORDER_STATES = frozenset({"planned", *OPEN_STATES, "created", REVIEW_STATE})
COMMITTED_ORDER_STATES = frozenset({*OPEN_STATES, "created", REVIEW_STATE})  # at the vendor, or may be


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
    file_name = Path(sheet.path).name
    stored = ledger.batch(batch)
    made_no_card = [(fp, po) for fp, po in ledger.rows_made_no_card(batch) if po not in unread]
    if made_no_card:  # no card exists for them: failed, so planned again below (a new PO)
        ledger.resend_rows_made_no_card(batch, made_no_card, made_no_card_notes(ledger, made_no_card))
    hold_cards_gone_elsewhere(ledger, batch, repeats.unread if repeats else ())  # compared again below
    known = {r.fingerprint: r for r in ledger.batch_rows(batch)}
    orders = {o.po_number: o for o in ledger.orders(batch)}
    if stored is not None and stored.file_hash != sheet.file_hash:
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
    people = references_people(sheet.column_map)  # an account's contacts share its 'Customer ID'
    policy = dataclasses.replace(repeats or RepeatPolicy(), references_people=people)
    adopted: dict[str, str] = {}  # rows the batch ordered, written otherwise: read as those rows
    taken_out: dict[str, str] = {}  # rows taken out of the file and sent by another batch: sent elsewhere
    cards: dict[str, tuple[str, str | None, str]] = {}  # rows held for the very card another batch made
    found = find_holds(
        ledger, batch, frame, known=known, orders=orders, policy=policy, api=api, file_name=file_name,
        adopted=adopted, taken_out=taken_out, cards=cards, warned=warned_rows(validation.problems),
    )  # fmt: skip
    for fingerprint, note in ordered_by_another_ledger(ledger, sheet, frame).items():
        found.setdefault(fingerprint, note)  # another ledger's results sheet (found by hunter-web5)
    # its line cancelled at the vendor, or the card another batch made it was held for: not undone by a
    # re-run (a card made elsewhere since stands: held as this person's, nothing to do)
    theirs: dict[str, tuple[str, str | None, str]] = {}
    ended = {
        fp: n for fp, n in cancelled_rows(ledger, batch, frame, known, theirs).items() if fp not in cards
    }
    found |= ended
    cards |= theirs  # kept: the next run holds it again
    read_as = _read_as_ordered(frame, adopted, found)
    holds = release(ledger, batch, found, policy)  # --allow-repeat: sent on purpose, logged
    # ... but not one whose order could not be read again now: the vendor may have made its card since
    holds |= {fp: note for fp, note in ended.items() if fp in known and known[fp].po_number in unread}
    # the rows planned although they repeat (every one, or those a person chose): listed with the plan
    repeated = rows_held(frame, {fp: n for fp, n in found.items() if fp not in holds}) if found else {}
    record_batch(ledger, batch, validation, po_prefix=po_prefix, api=api, by=by)
    record_emails(ledger, batch, frame)  # who the rows are, for the next batch's repeats (repeats.emails)
    valid_fps = set(frame.loc[frame[STATUS] == "valid", FINGERPRINT].astype(str).tolist())  # not cell by cell
    valid_fps.difference_update([*holds, *taken_out])  # not to be sent: its planned order is taken back
    cancelled = _take_back_changed_orders(ledger, known, orders, valid_fps)
    updates = row_updates(validation, holds, taken_out, cards)
    # What the ledger holds once these rows are recorded, without reading every row again: record_rows
    # keeps the status and PO of rows that have a PO or are ordered (and new rows have neither);
    # cancel_planned took the cancelled orders' planned rows off their PO.
    kept = {po: order for po, order in orders.items() if po not in cancelled}
    live = rows_on_orders_in(known, kept, LIVE_ORDER_STATES)
    not_to_plan = live | holds.keys() | taken_out.keys()
    to_plan = frame[(frame[STATUS] == "valid") & ~frame[FINGERPRINT].astype(str).isin(not_to_plan)]
    resumed = sum(
        1 for po, o in orders.items() if po not in cancelled and o.state in ("planned", *OPEN_STATES)
    )
    if to_plan.empty:
        ledger.record_rows(batch, updates)
        forget_corrected(ledger, batch, known, frame)  # a row left out, corrected since: not listed twice
        return Synced(0, resumed, repeated, read_as)
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
        if stored is None:  # made by this run, refused before anything was recorded: no empty 'draft' left
            ledger.forget_empty_batch(batch)  # in `bulkship status` (a hunter-sheets10 leftover)
        raise
    forget_corrected(ledger, batch, known, frame)
    return Synced(new_orders, resumed, repeated, read_as)


def made_no_card_notes(ledger: Ledger, rows: Sequence[tuple[str, str]]) -> dict[str, str]:
    """What each row whose line the vendor ended before anything shipped ((fingerprint, PO) each) says once
    failed: its line's own word, read from its order's rows (and the vendor's, where its status reads it
    otherwise: ledger.linewords)."""
    pos = sorted({p for _f, p in rows})
    ended = {r.fingerprint: r.line_status for po in pos for r in ledger.rows_by_po(po)}
    words = line_words(e for po in pos for e in ledger.events(None, po, kinds=[LINE_WORD]))
    return {fp: made_no_card_note(po, ended.get(fp), words.get((po, fp), "")) for fp, po in rows}


def _read_as_ordered(frame: Any, adopted: dict[str, str], found: dict[str, str]) -> tuple[int, ...]:
    """The rows of ``frame`` that are rows the batch ordered, written otherwise (``adopted``: fingerprint ->
    the ordered row's), given that row's fingerprint in place: its card, its status and the workbook's
    line are that row's, nothing is sent for it and nothing held (``found`` loses them). Their rows."""
    if not adopted:
        return ()
    fingerprints = frame[FINGERPRINT].astype(str)
    mine = fingerprints.isin(set(adopted))
    frame.loc[mine, FINGERPRINT] = fingerprints[mine].map(adopted)
    for fingerprint in adopted:
        found.pop(fingerprint, None)
    return tuple(int(row) for row in frame.index[mine.to_numpy()].tolist())


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


def rows_on_orders_in(
    known: dict[str, RowRecord], orders: dict[str, OrderRecord], states: frozenset[str]
) -> set[str]:
    """The rows ordered (or left out as made elsewhere: never planned again), or on one of ``orders`` in one
    of ``states`` (a failed row is on none: the vendor refused it, or its line failed before a card was
    made; nor is one left out since, which keeps that PO: ledger.sql.writes.upsert_rows)."""
    return {
        fp
        for fp, rec in known.items()
        if rec.status in CARD_MADE_ROWS
        or (
            rec.status not in ("failed", "skipped")
            and not (rec.status == HELD and line_ended_without_card(rec))  # held as cancelled: keeps its PO
            and rec.po_number
            and rec.po_number in orders
            and orders[rec.po_number].state in states
        )
    }


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
