"""The pipeline: what ``bulkship run`` does, in six steps, each done by its own module.

1. **load** the file (:mod:`bulkship.load`; a result workbook given back: its corrected "Fix these" sheet;
   what a run reads, and whether it needs reading at all: :mod:`bulkship.runinput`);
2. **validate** its rows against the vendor's catalog (:mod:`bulkship.validate`);
3. **plan** the orders into the ledger, resuming what an earlier run left (:mod:`bulkship.resume`,
   :mod:`bulkship.plan`), and have the plan confirmed (:mod:`bulkship.confirm`);
4. **submit** every unsent order exactly once (:mod:`bulkship.submit`);
5. **track** the new orders for a bounded time (:func:`bulkship.track.wait_until_settled`; ``bulkship
   track`` takes over after);
6. **reconcile** the ledger into the result workbook and the :class:`~bulkship.runresult.RunResult`
   (:mod:`bulkship.runend`, :mod:`bulkship.runresult`, :mod:`bulkship.reconcile`).

Steps 1, 2 and 6 and a plan stopped before sending are :mod:`bulkship.runsteps`'s. ``run_batch`` is all of
it as a library call: it parses no flags and prints nothing (the plan and progress reach the caller through
:class:`RunOptions` callbacks). Re-running the same call resumes; the ledger is locked for the whole run (a
second process gets LedgerLockedError). Repeats of other batches are refused or held by
:mod:`bulkship.repeats` before anything is planned, unless ``allow_repeat``.
"""

from __future__ import annotations

import asyncio
import contextlib
import shlex
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .batchapi import api_identity, check_batch_api
from .batchnames import default_batch_for
from .confirm import confirm_plan
from .errors import FileFormatError, SpendLimitError
from .fixdecisions import remember
from .heldrows import price_held
from .ledger import Ledger
from .memtrim import give_back_memory
from .paths import check_input_file
from .plan import DEFAULT_PO_PREFIX
from .plan.ponumbers import checked_prefix
from .reconcile.join import for_the_workbook, record_prices
from .reprice import reprice_after_a_change, reprice_planned, reprice_to_show
from .rereads import read_again
from .resultfile import prepare_output_folder
from .resume import sync_ledger
from .runinput import complete_result, file_identity, sheet_of
from .runoptions import RunOptions
from .runresult import RunResult
from .runsteps import SHOWN_PROBLEMS, RunAt, checked_and_loaded, keep_the_stopped_plan, reconciled, validated
from .submit import SubmitOutcome, note_left, submit_batch
from .submit.lookfirst import look_up_in_doubt
from .team import person_acting
from .track import wait_until_settled
from .track.recheck import unread_note

if TYPE_CHECKING:
    from .ledger import BatchRecord
    from .settings import Settings


def run_batch(
    path: str | Path, settings: Settings, options: RunOptions | None = None, **changes: Any
) -> RunResult:
    """Run (or resume) one batch with ``options`` (``changes``: fields of :class:`RunOptions` to set, e.g.
    ``wait_s=0``). Library errors propagate (BulkshipError); vendor stops (funds, credentials) are reported
    in the result (``stopped``, exit code 1) after the result workbook is written."""
    from .team.gate import RunGuard

    options = replace(options or RunOptions(), **changes)
    # in team mode, a plan above the limit needs its approval (checked in the library: the CLI too), and
    # the audit trail records how a started run ended
    guard = RunGuard(settings, options.confirm, options.program.source if options.program else "")
    options = replace(
        options,
        confirm=guard.confirmed,
        sender_limit=guard.sender_limit,
        needs_an_approval=guard.needs_an_approval,
    )
    return guard.run(lambda: asyncio.run(_run(Path(path), settings, options)))


async def _run(path: Path, settings: Settings, options: RunOptions) -> RunResult:
    default = default_batch_for(path, sheet_of(options))  # a result workbook's is read from it: once
    batch = options.batch or default
    today = options.today or date.today()
    check_input_file(path, error=FileFormatError)  # a pipe would block the hash below
    prepare_output_folder(settings.out_dir)
    with Ledger.open(settings.ledger_location, batch=batch) as ledger:
        # a batch's orders exist at one API only: never resume (or report) them through another
        check_batch_api(
            ledger.batch(batch),
            settings,
            action="run",
            command=shlex.join(["bulkship", "run", str(path), "--batch", batch]),
        )
        file_hash = options.loaded.file_hash if options.loaded else file_identity(path, options)
        done = complete_result(ledger, batch, file_hash, settings, options)
        if done is not None:
            return done
        with contextlib.ExitStack() as planning:
            # from the checks against the other batches until this run's plan is recorded: one run at a time
            planning.enter_context(ledger.planning())
            named = batch != default or options.own_list
            return await _plan_and_send(
                path, settings, options, ledger, batch, today, file_hash, planning, named=named
            )


async def _plan_and_send(
    path: Path,
    settings: Settings,
    options: RunOptions,
    ledger: Ledger,
    batch: str,
    today: date,
    file_hash: str,
    planning: contextlib.ExitStack,
    *,
    named: bool,
) -> RunResult:
    """Steps 1 to 6 once the ledger is open; ``planning`` (the planning lock) is let go once the plan is
    recorded; ``named``: the batch's name is not the file's default (:func:`default_batch_for`)."""
    from .client import connect
    from .rebuild import rebuild_from_vendor

    run = RunAt(path, settings, options, ledger, batch)
    repeats, loaded = checked_and_loaded(run, today, file_hash, named=named)  # 1
    stored = ledger.batch(batch)
    prefix = _po_prefix(stored, options)
    notes: list[str] = []
    outcome: SubmitOutcome | None = None
    async with (options.client_factory or connect)(settings) as client:
        # today's prices, not a cached catalog's: the plan's total is what the person confirms and approves
        catalog = await client.catalog(refresh=True)
        checked = validated(run, loaded, catalog, stored, notes)  # 2
        validation, loaded, gone = checked.validation, checked.loaded, checked.gone
        starter = person_acting(settings) if stored is None else None  # as the audit trail names them
        if stored is None:  # a batch this ledger does not know: look for it at the vendor first
            notes = await rebuild_from_vendor(
                client, ledger, batch, validation, catalog, po_prefix=prefix, api=api_identity(settings),
                by=starter, allow_repeat=repeats.allow, since=repeats.since,
            )  # fmt: skip
        found_now = stored is None and ledger.batch(batch) is not None  # the rebuild took the vendor's orders
        # rows the vendor failed are sent again below: asked first, the vendor may have shipped them since
        again = await read_again(
            client, ledger, batch, settings, catalog, stored=stored is not None, since=repeats.since
        )
        unread, unchecked = again.unread, again.unchecked
        repeats = replace(repeats, unread=frozenset(again.unread_elsewhere))
        notes += [unread_note(again.unread_elsewhere)] if again.unread_elsewhere else []
        synced = sync_ledger(  # 3
            ledger,
            batch,
            validation,
            catalog,
            po_prefix=prefix,
            max_lines=options.max_lines,
            webhook_url=options.webhook_url,
            api=api_identity(settings),
            repeats=repeats,
            by=starter,
            unread=unread,
        )
        remember(ledger, batch, loaded.fix_these, validation.rows)  # a Fix these sheet's decisions
        price_held(ledger, batch, validation.rows, loaded.skipped, catalog)  # rows waiting for their day
        notes += [_read_as_ordered_note(synced.read_as_ordered)] if synced.read_as_ordered else []
        planning.close()  # recorded: another run's checks now see this plan
        # the rows --allow-repeat planned are held again if the plan is not sent: the file's rows read again.
        # Not those a person chose on the web page: the choice stands, and the approval a Send asks for
        # covers the plan holding them (taken back after the cost page's look, the plan the approver approved
        # lacked them, and the run it started asked again, for ever)
        full = validation if synced.repeated and repeats.allow else None
        validation = for_the_workbook(validation)  # the rest of the run reads only this much of it
        give_back_memory()
        if synced.new_orders or synced.resumed:
            said = [*loaded.notices, *notes]  # what the vendor showed of a batch new to this ledger, too
            # the prices the plan is broken down with, and the orders sent now charged with: recorded before
            # asking, as a plan declined or waiting for approval showed every fee and shipping as a discount
            record_prices(ledger, batch, catalog)
            if synced.resumed:  # orders an earlier run planned cost what the plan shows: today's (unless
                reprice_to_show(ledger, batch, catalog)  # an approval of them stands: see reprice)
            try:
                room = await confirm_plan(
                    client, ledger, batch, catalog, today, synced, options, said, checked.problems_now,
                    look_up=lambda: _look_up(client, ledger, batch, settings.concurrency, notes),
                    ordered_before=gone,
                )  # fmt: skip
            except SpendLimitError as stopped:  # declined, over a limit, waiting for approval: nothing sent
                keep_the_stopped_plan(
                    run, stopped, synced, validation, full, catalog, prefix, repeats, starter, unread
                )
                raise
            full = None
            give_back_memory()
            if synced.resumed:  # orders an earlier run planned cost what the plan confirmed said: today's
                reprice_planned(ledger, batch, catalog)
            outcome = await submit_batch(  # 4
                client, ledger, batch, concurrency=settings.concurrency, reporter=options.reporter,
                hold_back=unchecked, resumed=stored is not None, found_now=found_now,
                new_here=stored is None and not found_now and not repeats.allow, unchecked_ok=repeats.allow,
                room=room,
            )  # fmt: skip
            priced = None
            if outcome.charged_otherwise:  # the vendor's prices of now, for the workbook and the rest
                read = await reprice_after_a_change(client, ledger, batch, catalog, notes)
                priced, catalog = read is not catalog, read
            note_left(ledger, batch, outcome, unchecked, priced)
        if options.wait_s > 0:
            await wait_until_settled(client, ledger, batch, options.wait_s, settings.concurrency)  # 5
    give_back_memory()
    return reconciled(
        run, validation, catalog, loaded, notes, checked.problems, outcome, unread, unchecked
    )  # 6


async def _look_up(client: Any, ledger: Ledger, batch: str, concurrency: int, notes: list[str]) -> int:
    """:func:`look_up_in_doubt`, saying how many orders in doubt it found at the vendor: after a crash, the
    re-run asked of them said only 'Nothing was sent in this run.' beside '300 ordered' (hunter-vendor36)."""
    settled = await look_up_in_doubt(client, ledger, batch, concurrency=concurrency)
    if settled:
        notes.append(
            f"{settled} order(s) in doubt (sent before, the answer lost) found at the vendor by their PO "
            "numbers: their rows are ordered, nothing was sent again."
        )
    return settled


def _read_as_ordered_note(rows: tuple[int, ...]) -> str:
    shown = ", ".join(str(row) for row in sorted(rows)[:SHOWN_PROBLEMS])
    return (
        f"{len(rows)} row(s) of the file are rows this batch ordered, written otherwise now (row "
        f"{shown}{'...' if len(rows) > SHOWN_PROBLEMS else ''}; the name or the street written another way, "
        "as 'Street' for 'St'): each reads as the row ordered, its card sent as ordered, nothing sent again."
    )


def _po_prefix(stored: BatchRecord | None, options: RunOptions) -> str:
    """The batch's PO prefix: the one recorded for it (``stored``: the ledger's record of the batch), else
    --po-prefix (checked), else bulkship's."""
    prefix = stored.po_prefix if stored else options.po_prefix
    if not stored and prefix is not None:
        checked_prefix(prefix)
    return DEFAULT_PO_PREFIX if prefix is None else prefix
