"""The verbs that act on a batch of the ledger: run (and plan, a run stopped at the confirmation), status,
track, reconcile, the CSV export; the sandbox reset. The review of rows waiting for a person and its
settlement are in :mod:`.review`."""

from __future__ import annotations

import asyncio
import contextlib
import shlex
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import LedgerError, SpendLimitError, UnknownBatchError
from ..settings import Settings
from .common import Corrections, settings_first
from .files import leave_rows_out, load_file

if TYPE_CHECKING:
    from ..ledger import Ledger
    from ..planview import PlanView
    from ..program import ProgramSettings
    from ..reconcile.report import ReconcileReport
    from ..runresult import RunResult
    from ..submit import Reporter
    from ..track import TrackReport
    from ..validate.checkedonce import Checking


def run(
    settings: Settings,
    path: str | Path,
    *,
    batch: str | None = None,
    sheet: str | None = None,
    program: ProgramSettings | None = None,
    corrections: Corrections | None = None,
    confirm: Callable[[PlanView], bool] | None = None,
    max_total: Decimal | None = None,
    wait_s: float | None = None,
    reporter: Reporter | None = None,
    leave_out: Mapping[int, str] | None = None,
    take_in: Mapping[int, str] | None = None,
    **options: Any,
) -> RunResult:
    """``bulkship run``: validate, plan, confirm, submit exactly once, write the result workbook; re-running
    resumes. ``max_total`` refuses (SpendLimitError, nothing sent) a plan costing more. ``leave_out``: rows
    (spreadsheet row -> why) a person left out (:func:`.files.leave_rows_out`); ``take_in``: rows the list
    leaves out a person chose to order after all (:func:`.files.take_rows_in`)."""
    from ..pipeline import run_batch
    from ..runoptions import DEFAULT_WAIT_S, RunOptions

    settings, path = settings_first(settings, path, "run")
    loaded = (
        load_file(path, sheet=sheet, program=program, corrections=corrections, take_in=take_in)
        if corrections or leave_out or take_in
        else None
    )
    if loaded is not None and leave_out:
        loaded = leave_rows_out(loaded, leave_out)
    run_options = RunOptions(
        batch=batch,
        sheet=sheet,
        program=program,
        confirm=confirm,
        max_total=max_total,
        wait_s=DEFAULT_WAIT_S if wait_s is None else wait_s,
        reporter=reporter,
        loaded=loaded,
    )
    return run_batch(path, settings, run_options, **options)


def plan_batch(
    settings: Settings,
    path: str | Path,
    *,
    batch: str | None = None,
    sheet: str | None = None,
    program: ProgramSettings | None = None,
    corrections: Corrections | None = None,
    webhook_url: str | None = None,
    write_workbook: bool = False,
    allow_repeat_rows: frozenset[str] = frozenset(),
    leave_out: Mapping[int, str] | None = None,
    take_in: Mapping[int, str] | None = None,
    own_list: bool = False,
    checking: Checking | None = None,
) -> PlanView | None:
    """What a run would send and what it costs, with nothing sent: the orders are planned in the ledger
    (stable PO numbers, as ``bulkship run`` does before asking; with ``webhook_url`` registered in them) and
    the run stops at the confirmation. None when there is nothing left to send (the batch is complete, or no
    row is valid). ``write_workbook``: the batch's result workbook is written again with the plan's rows to
    send, as a run stopped at its confirmation writes it (a look at the cost alone leaves it).
    ``allow_repeat_rows``: the held rows (fingerprints) a person chose to send anyway; ``own_list``: a
    person said the batch is a list of its own (:attr:`bulkship.runoptions.RunOptions.own_list`);
    ``checking``: a check of these very rows made before (the web page's review), taken where its key is
    this plan's (:mod:`bulkship.validate.checkedonce`: a Send checks afresh)."""
    settings, path = settings_first(settings, path, "plan_batch")
    seen: list[PlanView] = []

    def look(view: PlanView) -> bool:
        seen.append(view)
        return False

    try:
        run(settings, path, batch=batch, sheet=sheet, program=program, corrections=corrections, confirm=look,
            wait_s=0, webhook_url=webhook_url, rewrite_when_stopped=write_workbook,
            allow_repeat_rows=allow_repeat_rows, leave_out=leave_out, take_in=take_in,
            own_list=own_list, checking=checking)  # fmt: skip
    except SpendLimitError:
        if seen:
            return seen[0]
        raise
    return None


def status(
    settings: Settings, batch: str | None = None, *, since: str | None = None, until: str | None = None
) -> list[dict[str, Any]]:
    """``bulkship status --json``'s batches: state, counts by status and money, per batch (``[]`` without a
    ledger). A read-only ledger is read too. Raises BulkshipError for a ``batch`` the ledger does not hold.
    ``since``/``until`` (days, YYYY-MM-DD, ``until`` included; ValueError when not a day): only the batches
    started or sending orders within them, each with ``charged_in_days``: the money charged on its orders
    sent within them (a batch started on Nov 30 whose follow-up went out on Dec 2 is in both months, each
    its own part), as finance reads a month."""
    from ..batchstatus import batch_status, first_sent, within_days
    from ..ledger import Ledger, ledger_exists
    from ..ledger.records import day_bounds
    from ..pagedeleted import STATE as DELETED_STATE
    from ..pagedeleted import deleted_on_the_page

    start, end = day_bounds(since, until)
    if not ledger_exists(settings.ledger_location):
        return []
    with Ledger.open(settings.ledger_location, lock=False, read_only=True) as ledger:
        batches = ledger.batches()
        names = [b.name for b in batches]
        if batch is not None and batch not in names:
            raise UnknownBatchError.of(batch, names, settings.ledger_shown)
        days = (start, end) if since or until else None
        sending = {name for name, at in first_sent(ledger).values() if days and within_days(at, days)}
        # deleted on the web page before anything was sent: not listed, as the page lists it no more
        gone = deleted_on_the_page(ledger, names)
        within = [
            b.name
            for b in batches
            if (not days or within_days(b.created, days) or b.name in sending) and b.name not in gone
        ]
        states = _batch_states(settings, ledger)  # every batch's word at once: a few aggregate queries
        states.update(dict.fromkeys(gone, DELETED_STATE))  # (`status NAME` still shows it, so named)
        return [
            batch_status(ledger, name, state=states.get(name, ""), days=days)
            for name in ([batch] if batch else within)
        ]


def _batch_states(settings: Settings, ledger: Ledger) -> dict[str, str]:
    """Every batch's one word, as the Batches page gives it: a request no approver can approve any more
    (its plan, or its rows on the page, changed since; its asker may not send since) reads as none
    (`overview.lapse_requests`; 'awaiting approval' here beside the page's 'awaiting confirmation':
    hunter-web22's LO4). A ledger that cannot be read so (read-only, from an older bulkship) keeps the
    words its own tables give."""
    from ..overview import lapse_requests, overview

    found = overview(ledger)
    if any(item.approval == "pending" for item in found.values()):
        from ..web.state import web_batches  # the page's rows changed since their plan (the page's fold)

        with contextlib.suppress(LedgerError):
            pages = web_batches(settings)
            lapse_requests(settings, found, lambda name: name in pages and pages[name].plan_outdated)
    return {name: item.state() for name, item in found.items()}


def status_total(
    summaries: Sequence[dict[str, Any]], once: Callable[[list[str]], int] | None = None
) -> dict[str, Any]:
    """The batches of ``summaries`` (:func:`status`'s) added up: rows, orders and each money bucket's figures,
    as a month's batches are (finance added 1,734.25 + 1,210.00 + 298.71 by hand: newcomer5's L1).
    ``once(batches)``: their rows with a row in several counted once (:func:`rows_once`)."""
    money: dict[str, dict[str, Any]] = {}
    for summary in summaries:
        for bucket, figures in summary["money"].items():
            _add_figures(money.setdefault(bucket, {"complete": True}), figures)
    in_days: dict[str, Any] = {"complete": True}
    for summary in summaries:
        _add_figures(in_days, summary.get("charged_in_days") or {})
    for figures in [*money.values(), in_days]:
        figures.update({k: f"{v:.2f}" for k, v in figures.items() if isinstance(v, Decimal)})
    # a row sent elsewhere is its person's row in the batch holding the card too: counted there, when listed
    listed = {s["batch"] for s in summaries}
    twice = sum(n for s in summaries for b, n in (s.get("sent_elsewhere_to") or {}).items() if b in listed)
    rows = sum(s["rows"] for s in summaries)
    counted = once(list(listed)) if once is not None and len(listed) > 1 else rows - twice
    return {
        "batches": len(summaries),
        "rows": counted,
        **({"rows_counted_in_their_card_s_batch": twice} if twice else {}),
        # ... and every row of more than one batch listed counted once (the list's footer under both parts)
        **({"rows_in_several_batches": rows - counted} if rows - counted > twice else {}),
        "orders": sum(s["orders"] for s in summaries),
        "orders_failed": sum(s.get("orders_failed") or 0 for s in summaries),
        "money": money,
        # the batches whose charged money counts rows at planned dollars (the vendor answers in CAD), and how
        # much of the total's charged they are: in it as such, said beside it
        **_planned_dollars(summaries),
        **_to_send_most(summaries, money),
        **({"charged_in_days": in_days} if any("charged_in_days" in s for s in summaries) else {}),
    }


def _planned_dollars(summaries: Sequence[dict[str, Any]]) -> dict[str, Any]:
    planned = [s for s in summaries if s.get("planned_dollars")]
    charged = sum((Decimal(s["money"]["charged"]["total"]) for s in planned), Decimal(0))
    batches = [s["batch"] for s in planned]
    return {"charged_at_planned_dollars": {"batches": batches, "total": f"{charged:.2f}"}} if planned else {}


def _to_send_most(summaries: Sequence[dict[str, Any]], money: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The total's money to send with what the vendor may bill beside the lines of each order to send (each
    batch's ``to_send_most``), as each batch's line says it: {} when none bills so. The batches' lines read
    'up to 55.95 ...' each, the Total their lines' 100.00 alone (found by hunter-money27)."""
    beside = [Decimal(m["most"]) - Decimal(m["lines"]) for s in summaries if (m := s.get("to_send_most"))]
    if not beside:
        return {}
    lines = Decimal(str(money.get("to_send", {}).get("total") or 0))
    return {"to_send_most": {"lines": f"{lines:.2f}", "most": f"{lines + sum(beside, Decimal(0)):.2f}"}}


def _add_figures(into: dict[str, Any], figures: dict[str, Any]) -> None:
    for key, value in figures.items():
        if key == "complete":
            into[key] = into[key] and value
        elif isinstance(value, str):  # money, written 1234.56
            into[key] = Decimal(into.get(key, 0)) + Decimal(value)
        else:
            into[key] = into.get(key, 0) + value


def rows_once(settings: Settings, batches: list[str]) -> int:
    """The rows of ``batches``, a row in several of them counted once (..batchstatus.rows_counted_once)."""
    from ..batchstatus import rows_counted_once
    from ..ledger import Ledger

    with Ledger.open(settings.ledger_location, lock=False, read_only=True) as ledger:
        return rows_counted_once(ledger, batches)


def status_totals(
    summaries: Sequence[dict[str, Any]], once: Callable[[list[str]], int] | None = None
) -> list[dict[str, Any]]:
    """The batches of ``summaries`` added up apart by the API their orders went to (:func:`status_total`,
    with its ``api``), in the order first listed. Added up together, two lists tried on the embedded sandbox
    (no real order) and one sent to the vendor read 'Total (3 batches) 75.00' charged where the vendor
    charged 25.00 (found by review29)."""
    from ..batchapi import api_key

    by_api: dict[str | None, list[dict[str, Any]]] = {}
    for summary in summaries:
        api = summary.get("api")
        by_api.setdefault(api_key(api) if api else None, []).append(summary)
    return [{"api": group[0].get("api"), **status_total(group, once)} for group in by_api.values()]


def track_batches(
    settings: Settings,
    batch: str | None = None,
    *,
    watch: bool = False,
    on_pass: Callable[[TrackReport], None] | None = None,
) -> TrackReport:
    """One ``bulkship track`` pass: poll orders not yet final, record tracking, rewrite the workbook. With
    ``watch``, passes until every order is final (``on_pass`` sees each pass's report)."""
    from ..track import track as track_pass

    return asyncio.run(track_pass(settings, batch, watch=watch, on_pass=on_pass))


ClientFactory = Callable[[Settings], Any]


def reconcile_batch(
    settings: Settings, batch: str, *, client_factory: ClientFactory | None = None
) -> ReconcileReport:
    """``bulkship reconcile``: the ledger compared with the vendor's own order list (``client_factory``: the
    vendor client, default :func:`bulkship.client.connect`)."""
    from dataclasses import replace

    from ..batchapi import check_batch_api, embedded_sandbox_elsewhere
    from ..client import connect
    from ..ledger import Ledger
    from ..reconcile.batch import reconcile_batch as compare_batch

    async def compare() -> ReconcileReport:
        with Ledger.open(settings.ledger_location, lock=False) as ledger:  # before any request to the vendor
            check_batch_api(
                ledger.batch(batch),
                settings,
                action="reconcile",
                command=f"bulkship reconcile {shlex.quote(batch)}",
            )
        async with (client_factory or connect)(settings) as client:
            with Ledger.open(settings.ledger_location, lock=False) as ledger:
                return await compare_batch(ledger, client, batch)

    report = asyncio.run(compare())
    if report.ledger_only and settings.is_sandbox:  # sent from another data folder's embedded sandbox
        report = replace(report, notes=(*report.notes, embedded_sandbox_elsewhere(settings)))
    return report


def export_csv(settings: Settings, batch: str) -> Path:
    """The CSV twin of the batch's result workbook (``bulkship run --csv``)."""
    from ..track import export_results_csv

    return export_results_csv(settings, batch)


def sandbox_reset(settings: Settings, *, state: Path | None = None) -> list[Path]:
    """``bulkship sandbox reset``: forget every order of the embedded sandbox (or of the sandbox whose state
    file is ``state``). Returns the files deleted."""
    from ..errors import ConfigError
    from ..sandbox.store import refuse_unless_state

    path = state or settings.sandbox_state_file
    refuse_unless_state(
        path,
        "nothing was deleted",
        hint="name the file a `bulkship sandbox --state FILE` server keeps, or leave --state out; a "
        "sandbox state too damaged to be read is deleted by hand",
    )
    if path.exists() and not path.is_file():
        raise ConfigError(f"{path} is no sandbox state file: nothing was deleted")
    removed = []
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            candidate.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise ConfigError(f"Cannot delete sandbox state {candidate}: {exc}") from None
        removed.append(candidate)
    return removed
