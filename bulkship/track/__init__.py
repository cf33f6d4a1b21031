"""The track stage: poll the vendor for orders not yet final, record statuses and tracking numbers in the
ledger, and rewrite each batch's result workbook in place.

    report = asyncio.run(track(settings, "ANNIV-2026Q4"))            # one pass
    report = asyncio.run(track(settings, None, watch=True))          # every batch, until all is final

An order is final when every one of its rows is delivered or failed (or the vendor failed the whole order).
Orders whose creation is still unresolved (``sending``/``unknown`` in the ledger) are not touched here: only
re-running ``bulkship run`` resolves them, with the same PO number. ``track`` never creates an order.

Polling respects the vendor: at most ``settings.concurrency`` requests in flight, the client's rate limit and
``Retry-After`` handling, and in ``--watch`` mode an interval that doubles (up to :data:`MAX_INTERVAL_S`)
while nothing changes and starts again small once something does.

One order the vendor cannot answer for (gone, or carrying another PO than the ledger's) is reported in the
pass's ``errors`` and a ``track_error`` ledger event; the other orders are polled as usual. ``--watch`` stops
once every order left open is such a one: polling cannot move them, a person has to look. Refused
credentials stop the pass at once with one error: every other order would be refused the same way.

The result workbook is rewritten under :func:`bulkship.outputlock.output_lock`, the lock ``bulkship run``
takes to write it, so a rewrite never replaces a workbook newer than the one it was built from.

The package: :mod:`.orders` (one order read and recorded, when an order is final, a pass over many),
:mod:`.recheck` (failed cards read again before a run sends them again), :mod:`.rewrite` (the result
workbook rewritten, or kept when a rewrite would lose what the person put in it);
here the passes and what each batch shows after one.
"""

from __future__ import annotations

import asyncio
import logging
import shlex
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass, field

from ..batchapi import check_batch_api, embedded_sandbox_elsewhere
from ..client import connect
from ..client.vendor import VendorClient
from ..errors import BatchConflictError, FileFormatError, TransientVendorError, UnknownBatchError
from ..heldrows import held_until
from ..ledger import Ledger
from ..ledger.linewords import LINE_MOVED, moved_cards
from ..models import Catalog
from ..reconcile.join import LedgerView
from ..settings import Settings
from .moved import moved_elsewhere, moves_unread
from .orders import (
    CARD_ON_ITS_WAY,
    CREDENTIAL_ERRORS,
    TRACK_ERROR_EVENT,
    OrderMismatchError,
    PollOutcome,
    Refreshed,
    line_statuses_by_po,
    open_orders,
    order_is_final,
    poll_orders,
    refresh_order,
    wait_until_settled,
)
from .rewrite import export_results_csv, not_rewritten, rewrite_corrected, rewrite_others, rewrite_results

__all__ = [
    "CARD_ON_ITS_WAY",
    "CREDENTIAL_ERRORS",
    "TRACK_ERROR_EVENT",
    "BatchProgress",
    "OrderMismatchError",
    "PollOutcome",
    "Refreshed",
    "TrackReport",
    "batch_progress",
    "batches_to_track",
    "export_results_csv",
    "not_rewritten",
    "open_orders",
    "order_is_final",
    "poll_orders",
    "refresh_order",
    "rewrite_corrected",
    "rewrite_others",
    "rewrite_results",
    "track",
    "wait_until_settled",
]

log = logging.getLogger("bulkship.track")

FIRST_INTERVAL_S = 2.0
MAX_INTERVAL_S = 300.0

Sleep = Callable[[float], Awaitable[None]]
ClientFactory = Callable[[Settings], VendorClient]


@dataclass(frozen=True)
class BatchProgress:
    """Where one batch stands after a tracking pass."""

    batch: str
    rows: dict[str, int]  # result status -> count (invalid, duplicate, planned, ..., delivered, failed)
    orders_open: int  # created orders not yet final
    orders_unresolved: int  # sending/unknown: only `bulkship run` resolves them
    output: str | None  # the result workbook, rewritten in place
    warnings: tuple[str, ...] = ()
    orders_stuck: int = 0  # open orders the vendor could not answer for in this pass (see errors)
    waiting: int = 0  # of the skipped: rows the list holds until a day to come (sent by a run on or after it)

    @property
    def done(self) -> bool:
        return self.orders_open == 0 and self.orders_unresolved == 0

    @property
    def settled(self) -> bool:
        """Nothing more to wait for: every open order is one polling cannot move."""
        return self.orders_open <= self.orders_stuck and self.orders_unresolved == 0


@dataclass(frozen=True)
class TrackReport:
    batches: tuple[BatchProgress, ...]
    polled: int  # orders read from the vendor in the last pass
    changed: int  # orders whose status or tracking changed, over all passes
    passes: int = 1
    errors: tuple[str, ...] = field(default_factory=tuple)

    @property
    def done(self) -> bool:
        return all(b.done for b in self.batches)

    @property
    def settled(self) -> bool:
        return all(b.settled for b in self.batches)

    def as_json(self) -> dict[str, object]:
        return {
            "batches": [
                {
                    "batch": b.batch,
                    "rows": b.rows,
                    "orders_open": b.orders_open,
                    "orders_unresolved": b.orders_unresolved,
                    "orders_stuck": b.orders_stuck,
                    "done": b.done,
                    "output": b.output,
                    "warnings": list(b.warnings),
                }
                for b in self.batches
            ],
            "polled": self.polled,
            "changed": self.changed,
            "passes": self.passes,
            "done": self.done,
            "errors": list(self.errors),
        }


def batch_progress(
    ledger: Ledger,
    batch: str,
    *,
    output: str | None,
    warnings: Sequence[str] = (),
    stuck: Collection[str] = (),
    costs: bool = False,
) -> BatchProgress:
    """The batch's rows and orders as tracked; ``costs``: the orders just read changed, so say a vendor's
    costs that are not the plan's, as the run does (an overcharge learned by `track` was said nowhere)."""
    from ..reconcile.join import counts_by_row_status
    from ..runnotes import (
        below_lines_notes,
        cards_beyond_rows,
        costs_differ,
        failed_counted_notes,
        fewer_cards_notes,
        own_documents,
        unpriced_notes,
    )

    view = LedgerView(ledger, batch)
    if costs:
        warnings = [
            *warnings,
            *costs_differ(view, batch),
            *own_documents(ledger, batch),
            *fewer_cards_notes(ledger, batch),
            *failed_counted_notes(ledger, batch),
            *unpriced_notes(ledger, batch),
            # a card no row holds, an order's total below its lines: learnt by `track`, said by it too
            *cards_beyond_rows(view),
            *below_lines_notes(ledger, view, batch),
        ]
    counts = counts_by_row_status(view)  # as status and the workbook count: earlier files' cards included
    created = [o for o in view.orders.values() if o.state == "created"]
    statuses = line_statuses_by_po(view)
    still_open = [o.po_number for o in created if not order_is_final(o, statuses.get(o.po_number, []))]
    return BatchProgress(
        batch=batch,
        rows=counts,
        orders_open=len(still_open),
        orders_unresolved=sum(1 for o in view.orders.values() if o.state in ("sending", "unknown")),
        output=output,
        warnings=tuple(warnings),
        orders_stuck=sum(1 for po in still_open if po in stuck),
        waiting=len(held_until(ledger, batch)),  # not a row whose card another batch ordered
    )


def batches_to_track(ledger: Ledger, batch: str | None) -> list[str]:
    if batch is not None:
        if ledger.batch(batch) is None:
            known = [b.name for b in ledger.batches()]
            raise UnknownBatchError.of(batch, known, str(ledger.path))
        return [batch]
    return [b.name for b in ledger.batches()]


async def _default_sleep(seconds: float) -> None:
    await asyncio.sleep(seconds)


async def track(
    settings: Settings,
    batch: str | None = None,
    *,
    watch: bool = False,
    client_factory: ClientFactory | None = None,
    sleep: Sleep = _default_sleep,
    on_pass: Callable[[TrackReport], None] | None = None,
    max_passes: int | None = None,
) -> TrackReport:
    """Poll, record, rewrite. One pass, or with ``watch`` until every order is final (or ``max_passes``)."""
    interval = FIRST_INTERVAL_S
    changed_total = 0
    passes = 0
    if batch is not None:  # before any request: this API has never heard of another API's orders
        with Ledger.open(settings.ledger_location, lock=False) as ledger:
            check_batch_api(
                ledger.batch(batch), settings, action="track", command=f"bulkship track {shlex.quote(batch)}"
            )
    async with (client_factory or connect)(settings) as client:
        catalog = await _catalog_or_none(client)
        while True:
            passes += 1
            with Ledger.open(settings.ledger_location, lock=False) as ledger:
                names = batches_to_track(ledger, batch)
                polled, changed, errors, progress = 0, 0, [], []
                pollings: dict[str, PollOutcome] = {}
                looked: set[str] = set()
                for name in names:
                    elsewhere = _other_api_note(ledger, name, settings)
                    if elsewhere:  # every batch: the ones ordered through another API are left alone
                        errors.append(elsewhere)
                        continue
                    pending = open_orders(ledger, name)
                    polled += len(pending)
                    ended_before = set(ledger.rows_made_no_card(name))
                    pollings[name] = await poll_orders(
                        client, ledger, pending, concurrency=settings.concurrency
                    )
                    changed += pollings[name].changed
                    errors.extend(pollings[name].errors)
                    if await _look_for_moves(client, ledger, name, ended_before):
                        looked.add(name)  # its rows' words may have changed: its workbook rewritten
                gone = _cards_gone_elsewhere(ledger) if changed or passes == 1 else set()
                # ... and the batches holding a row for a card of theirs the vendor failed since: their rows
                # said 'nothing to do' in their workbooks (statuses.CARD_GONE)
                gone |= ledger.batches_holding_cards_gone(n for n, p in pollings.items() if p.changed)
                for name, polling in pollings.items():
                    first_or_changed = polling.changed > 0 or passes == 1 or name in gone | looked
                    output, warnings = _rewrite_if(
                        ledger, name, settings, catalog, changed=first_or_changed, every=batch is None
                    )
                    warnings += [note for _po, note in sorted(polling.quiet.items())]
                    if polling.missing and settings.is_sandbox:  # sent from another data folder's sandbox
                        warnings.append(embedded_sandbox_elsewhere(settings))
                    progress.append(
                        batch_progress(
                            ledger,
                            name,
                            output=output,
                            warnings=warnings,
                            stuck=polling.stuck | set(polling.quiet),
                            costs=polling.changed > 0,
                        )
                    )
                if polled:  # an order read may have corrected another batch's money
                    rewrite_corrected(ledger, names, api=settings.api_url, catalog=catalog)
                rewrite_others(ledger, gone - set(names), api=settings.api_url, catalog=catalog)
            changed_total += changed
            report = TrackReport(tuple(progress), polled, changed_total, passes, tuple(errors))
            if on_pass is not None:
                on_pass(report)
            if not watch or report.settled or (max_passes is not None and passes >= max_passes):
                return report
            interval = FIRST_INTERVAL_S if changed else min(interval * 2, MAX_INTERVAL_S)
            await sleep(interval)


async def _look_for_moves(
    client: VendorClient, ledger: Ledger, batch: str, ended_before: set[tuple[str, str]]
) -> bool:
    """A line this pass read ended without a card, or one read cancelled since the vendor's order list was
    last read (a webhook's), may be one the vendor moved into an order of its own: the list read (only
    then), where it shows so noted for the row's words; whether where a card is said to be changed. Read by
    a run only, the row said 'The vendor cancelled this card ... To send it after all, re-run with
    --allow-repeat' from `track` until the next run (hunter-vendor41's leftover 1)."""
    ended = set(ledger.rows_made_no_card(batch))
    if not ended or (ended <= ended_before and not moves_unread(ledger, batch)):
        return False
    said = moved_cards(ledger.events(batch, kinds=[LINE_MOVED]))
    await moved_elsewhere(client, ledger, batch)
    return moved_cards(ledger.events(batch, kinds=[LINE_MOVED])) != said


def _cards_gone_elsewhere(ledger: Ledger) -> set[str]:
    """Rows sent elsewhere whose card there the vendor failed held, said as no card (repeats.takenout, read
    here only: the repeats package loads pandas); the batches whose rows were."""
    from ..repeats.takenout import hold_every_card_gone_elsewhere

    return hold_every_card_gone_elsewhere(ledger)


def _other_api_note(ledger: Ledger, batch: str, settings: Settings) -> str:
    """Why ``batch`` is not tracked through this API, or "" when it belongs here."""
    try:
        check_batch_api(
            ledger.batch(batch), settings, action="track", command=f"bulkship track {shlex.quote(batch)}"
        )
    except BatchConflictError as exc:
        return str(exc)
    return ""


def _rewrite_if(
    ledger: Ledger, batch: str, settings: Settings, catalog: Catalog | None, *, changed: bool, every: bool
) -> tuple[str | None, list[str]]:
    """The batch's workbook rewritten when ``changed``. Tracking ``every`` batch, a workbook that cannot be
    read (a column added after bulkship's) is said on its batch and the others are tracked: it stopped
    `bulkship track` at the first such workbook, exit 2, the batches after it never polled."""
    record = ledger.batch(batch)
    if not changed:
        return (record.output if record else None), []
    try:
        return rewrite_results(ledger, batch, api=settings.api_url, catalog=catalog)
    except FileFormatError as exc:
        if not every:
            raise
        hint = f"; {exc.hint}" if exc.hint else ""
        # no output, as every workbook kept as it is (rewrite._why_kept): 'Results: <workbook>' under 'left
        # as it is' was read as the workbook updated (review47). The note names the workbook.
        return None, [f"batch {batch}: {exc.message}{hint}"]


async def _catalog_or_none(client: VendorClient) -> Catalog | None:
    """The catalog prices the Orders sheet's shipping column; tracking goes on without it."""
    try:
        return await client.catalog()
    except TransientVendorError:
        return None
