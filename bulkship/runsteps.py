"""The steps of a run (:func:`bulkship.pipeline._plan_and_send`) that ask nothing of the vendor: the batch
and the file checked and the rows loaded (1), the rows validated and said apart from those sent already (2),
a plan stopped before sending kept as a re-run reads it, and the ledger reconciled into the result (6)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from .batchapi import api_identity
from .batchnames import check_new_batch_name
from .errors import BulkshipError, SpendLimitError
from .fixdecisions import as_decided
from .ledger import CARD_MADE_ROWS, Ledger
from .memtrim import give_back_memory
from .program import ProgramSettings
from .refusednow import (
    ordered_in_other_batches,
    ordered_left_out,
    ordered_rows,
    refused_now_note,
    said_apart,
)
from .repeats import as_typed, check_new_run
from .resultfile import (
    check_workbook_is_this_ledgers,
    keep_fix_edits,
    keep_own_sheets,
    result_path,
)
from .resume import held_until_then, sync_ledger
from .runend import reconcile_run, rewrite_kept_plan
from .runinput import load_rows
from .runoptions import RunOptions
from .runresult import RunResult
from .submit import SubmitOutcome
from .track import rewrite_others
from .track.recheck import not_asked_again, not_checked_again

if TYPE_CHECKING:
    from .ledger import BatchRecord
    from .models import Catalog, LoadedSheet, ValidationResult
    from .repeats.policy import RepeatPolicy
    from .resume import Synced
    from .settings import Settings

SHOWN_PROBLEMS = 10  # rows left out said by `run` with the plan: the result workbook lists them all
_REST_BEFORE_SENDING = (
    "`bulkship validate` of the same file lists them all (so does the result workbook, once sent)"
)


@dataclass(frozen=True)
class RunAt:
    """What every step of one run reads: its file, settings, options, ledger and batch."""

    path: Path
    settings: Settings
    options: RunOptions
    ledger: Ledger
    batch: str


def checked_and_loaded(
    run: RunAt, today: date, file_hash: str, *, named: bool
) -> tuple[RepeatPolicy, LoadedSheet]:
    """Step 1: a new batch's name and the run checked against the ledger (:func:`check_new_run`), the rows
    loaded, the result workbook checked as this ledger's; the run's repeat policy and its rows."""
    path, settings, options, ledger, batch = run.path, run.settings, run.options, run.ledger, run.batch
    if ledger.batch(batch) is None:
        check_new_batch_name(batch)
    repeats = replace(
        options.repeat_policy(today), own_name=named, shown_as=as_typed(path, settings.data_dir)
    )
    check_new_run(
        ledger,
        batch,
        file_name=as_typed(path, settings.data_dir),
        file_hash=file_hash,
        upload_hash=options.loaded.upload_hash if options.loaded else "",
        policy=repeats,
        api=api_identity(settings),
        default_names=() if named else (path.stem,),
    )
    loaded = load_rows(path, options, file_hash)  # 1
    workbook = result_path(settings.out_dir, batch)
    keep_own_sheets(workbook)
    keep_fix_edits(workbook, path, batch)
    check_workbook_is_this_ledgers(workbook, ledger)
    return repeats, loaded


@dataclass(frozen=True)
class Checked:
    """The rows validated (step 2): ``validation`` and its sheet ``loaded`` (the rows ordered before said
    apart), ``gone`` (row -> the order that sent its card, in this batch or another), and the errors as said
    after sending (``problems``) and with the plan (``problems_now``)."""

    validation: ValidationResult
    loaded: LoadedSheet
    gone: dict[int, str]
    problems: list[str]
    problems_now: list[str]


def validated(
    run: RunAt, loaded: LoadedSheet, catalog: Catalog, stored: BatchRecord | None, notes: list[str]
) -> Checked:
    """Step 2: ``loaded`` validated against ``catalog`` (again with the rows due of a batch ``stored``), the
    rows another batch or this one ordered said apart; ``notes`` gets the rows refused now that were sent."""
    from .validate import error_lines, validate

    settings, options, ledger, batch = run.settings, run.options, run.ledger, run.batch
    checking = options.checking  # a cost page's only: the check its review made of these very rows
    validation = validate(  # 2
        loaded, catalog, program=options.program, ordered=_ordered(ledger, batch), checking=checking
    )
    loaded = validation.sheet  # (the catalog may read a column: bulkship.validate.cardcolumn)
    if stored:  # rows held until a day come, and what Fix these decided
        validation = _with_rows_due(ledger, batch, validation, catalog, options)
        loaded = validation.sheet
    give_back_memory()  # what reading and checking a big file freed (see bulkship.memtrim)
    sent = ordered_rows(ledger, batch, validation) if stored else frozenset()  # said apart: no 'to fix'
    notes += refused_now_note(validation, sent)
    gone = ordered_in_other_batches(ledger, batch, validation, api_identity(settings))  # N9
    gone |= ordered_left_out(ledger, batch, validation) if stored else {}  # ... and rows it leaves out
    loaded = said_apart(loaded, gone, options.program or ProgramSettings())
    validation = replace(validation, sheet=loaded) if gone else validation  # the workbook names their PO
    problems = error_lines(validation, SHOWN_PROBLEMS, "see the result workbook", leave=sent)
    # said with the plan, before any result workbook exists: a run refused or declined writes none
    # (newcomer20's N10: '... and 11 more problems: see the result workbook', then 'Nothing was sent')
    problems_now = error_lines(validation, SHOWN_PROBLEMS, _REST_BEFORE_SENDING, leave=sent)
    return Checked(validation, loaded, gone, problems, problems_now)


def keep_the_stopped_plan(
    run: RunAt,
    stopped: SpendLimitError,
    synced: Synced,
    validation: ValidationResult,
    full: ValidationResult | None,
    catalog: Catalog,
    prefix: str,
    repeats: RepeatPolicy,
    starter: str | None,
    unread: dict[str, str],
) -> None:
    """A plan declined, over a limit or waiting for approval (``stopped``: nothing sent) kept as a re-run
    reads it: the workbook rewritten, and the rows --allow-repeat planned held again (``full``)."""
    path, settings, options, ledger, batch = run.path, run.settings, run.options, run.ledger, run.batch
    # not when --allow-repeat planned held rows: a plain re-run holds them again, and the workbook
    # keeps them on Fix these, where the ones not to send again are taken off (found by
    # newcomer6: written 'planned', none could be, and the next --allow-repeat sent them all)
    if options.rewrite_when_stopped and not synced.repeated:
        written = rewrite_kept_plan(ledger, batch, path, validation, settings, catalog, options)
        if written is not None:  # the first workbook of cards charged before: said where it is
            said = f"the result workbook of the cards ordered so far: {written}"
            stopped.hint = f"{stopped.hint}; {said}" if stopped.hint else said
    if full is not None and _plan_kept(ledger, batch) and not _awaits_approval(stopped):
        sync_ledger(  # ... and so does the ledger: `status` gave them 'planned', their money
            # 'to send' though no run would send it (newcomer6's L1, found again by newcomer7)
            ledger, batch, full, catalog, po_prefix=prefix, max_lines=options.max_lines,
            webhook_url=options.webhook_url, api=api_identity(settings),
            repeats=replace(repeats, allow=False), by=starter, unread=unread,
        )  # fmt: skip


def reconciled(
    run: RunAt,
    validation: ValidationResult,
    catalog: Catalog,
    loaded: LoadedSheet,
    notes: list[str],
    problems: list[str],
    outcome: SubmitOutcome | None,
    unread: dict[str, str],
    unchecked: dict[str, str],
) -> RunResult:
    """Step 6: the ledger reconciled into the result workbook and the run's result, with its ``notes``,
    the sheet's notices and ``problems``, what sending did (``outcome``) and why the run stopped."""
    settings, options, ledger, batch = run.settings, run.options, run.ledger, run.batch
    result, not_written = reconcile_run(ledger, batch, validation, settings, catalog, options)  # 6
    result.notes.extend(notes)
    result.notes.extend(loaded.notices)  # hidden rows skipped, totals rows, unused columns
    result.problems.extend(problems)
    if outcome is not None:
        _sent(result, outcome)
        # a card of this batch another batch's held row relies on, sent again after it failed: that batch's
        # workbook said the card gone until it was tracked or run itself (hunter-vendor38's leftover 3)
        holding = ledger.batches_holding_cards_gone([batch], gone=False)
        rewrite_others(ledger, holding - {batch}, api=settings.api_url, catalog=catalog)
    _stop(result, not_written)
    _stop(result, not_asked_again(ledger, batch, unread))
    _stop(result, not_checked_again(unchecked))
    return result


def _plan_kept(ledger: Ledger, batch: str) -> bool:
    """Whether a plan not sent stays in the ledger (declined before the batch sent anything: dropped)."""
    return any(order.state == "planned" for order in ledger.orders(batch, payloads=False))


def _awaits_approval(stopped: SpendLimitError) -> bool:
    """Whether a run stopped for an approver (its plan is what the approver approves, kept as it is)."""
    from .team.approvals.records import ApprovalRequiredError

    return isinstance(stopped, ApprovalRequiredError)


def _sent(result: RunResult, outcome: SubmitOutcome) -> None:
    """What the sending step (4) did, on the run's result: the orders sent, the funds, why it stopped."""
    # an order in doubt was sent (it may be charged): never "Nothing was sent in this run"
    result.sent_orders = len(outcome.created) + len(outcome.rejected) + len(set(outcome.unknown))
    result.created_orders = tuple(outcome.created)
    result.available_funds = outcome.available_funds
    result.missing_funds = outcome.missing_funds
    result.funds_currency = outcome.funds_currency
    if outcome.missing_funds is not None and outcome.available_funds is not None:
        # the rows whose order the vendor ended without a card go again with the rows not sent: an
        # account funded by what those alone lack stopped the next run for funds (newcomer11's L1)
        needed = outcome.unsent_cost + result.no_card_cost
        result.missing_funds = max(needed - outcome.available_funds, Decimal(0))
    _stop(result, outcome.stopped)


def _stop(result: RunResult, error: BulkshipError | None) -> None:
    """The first reason the run stopped is its ``stopped``; a later one is a note."""
    if error is None:
        return
    if result.stopped is None:
        result.stopped = error
    else:
        result.notes.append(str(error))


def _with_rows_due(
    ledger: Ledger, batch: str, validation: ValidationResult, catalog: Catalog, options: RunOptions
) -> ValidationResult:
    """``validation`` of a batch the ledger holds, validated again when rows an earlier run held until a day
    under 'Ship Date' are now due (left out until then: sent now), or its *Fix these* sheet decided rows."""
    from .validate import validate

    loaded = validation.sheet
    due = held_until_then(ledger, batch, loaded, validation.rows, options.program)
    due = as_decided(ledger, batch, due, validation.rows)
    if due is loaded:
        return validation
    return validate(due, catalog, program=options.program, ordered=_ordered(ledger, batch))


def _ordered(ledger: Ledger, batch: str) -> Callable[[], list[str]]:
    """The fingerprints the batch has ordered, read when validation asks (two rows one person)."""
    return lambda: [r.fingerprint for r in ledger.batch_rows(batch) if r.status in CARD_MADE_ROWS]
