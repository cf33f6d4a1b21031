"""The pages of a batch's outcome: its results row by row (money as the workbook shows it), the comparison
with the vendor, a tracking refresh (its downloads: :mod:`.downloads`)."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from .. import api
from ..billing import billed_without_a_card
from ..costdifference import CostDifference, cost_difference
from ..errors import BulkshipError
from ..heldrows import first_day, held_money, held_until, money_said
from ..ledger import REVIEW_STATE, Ledger, RowRecord
from ..ledger.linewords import is_cancelled_hold
from ..money import MONEY_CURRENCY, BilledCards
from ..reconcile.booknames import rows_of_workbook
from ..reconcile.join import LedgerView, made_no_card
from ..reconcile.sheets.billednote import split_billed
from ..refusednow import skipped_ordered_elsewhere, where_ordered_elsewhere
from ..runnotes import (
    below_lines_notes,
    below_zero,
    failed_counted_notes,
    fewer_cards_notes,
    named_orders,
    other_currency,
    own_documents,
    planned_dollars,
    rounded,
    unpriced_notes,
)
from ..settings import Settings
from ..statuses import CHARGED, IN_DOUBT, NOT_YET_REASON, ORDERED_BEFORE, TO_SEND
from . import batchledger, interrupted, servers, state
from .batchledger import PLANNED_THERE
from .pagekit import Web, _batch_or_404, _page_number, _see, _sending, _web, render
from .result_rows import (
    CountedRow,
    ResultLine,
    as_its_workbook_says,
    counted_rows,
    page_listed_names,
    result_line,
    sent_names,
)

RESULT_PAGE_ROWS = 100


@dataclass(frozen=True)
class _Results:
    lines: list[ResultLine]  # the rows of the page shown
    page: int
    pages: int
    counts: dict[str, int]  # every row the workbook shows, by status
    charged: Decimal  # what its charged rows cost
    in_doubt: Decimal
    to_send: Decimal  # planned, not sent yet (``status``'s To send)
    cost_unknown: int  # charged rows of no recorded cost
    # failed rows whose order the vendor ended before making their card: nothing in them to fix, they are
    # sent again as they are ("fix the rows on the workbook's Fix these sheet" sent people looking for a
    # mistake that is not there: review19's leftover, after 903bdac)
    no_card: int
    output: str | None
    billed: dict[str, Decimal]  # PO -> what the vendor billed on the order beside its lines
    billed_cards: dict[str, BilledCards]  # PO -> of it, the card lines the order shows beyond its rows
    differ: CostDifference | None
    notes: list[str]
    # rows the list holds until a day to come ('Send On' 12/20): the cost page sends them on that day, and the
    # page said nothing of them, nor linked there (found by newcomer10)
    for_a_day: int = 0
    # ... their first day and what they cost as last priced, as `status` says them (', the first on ...')
    for_a_day_said: str = ""
    held_planned: int = 0  # held rows whose card another batch only planned (deleting it sends them here)
    held_cancelled: int = 0  # held rows whose card the vendor cancelled (repeats.cancelled)
    skipped_ordered_before: int = 0  # of the skipped, rows whose card another batch ordered (its card went)
    # 'its vendor answers in CAD: counted at planned dollars' (runnotes.planned_dollars), beside the money
    # charged as the run, `status` and the Batches page say it: "100.00 charged" alone (hunter-money33)
    planned_dollars: str = ""
    rounded: dict[str, Decimal] = dataclasses.field(default_factory=dict)  # PO -> the vendor's rounding


def _said_ordered_before(
    ledger: Ledger, batch: str, lines: list[ResultLine], rows: list[CountedRow]
) -> list[ResultLine]:
    """The page's skipped rows whose card another batch ordered, said so as the result workbook says them:
    week 2's list, Ann 'terminated 12/4', read 'skipped' and 'the list says not to send it' under 'skipped:
    not ordered', her card gone in week 1's batch (hunter-vendor35)."""
    skipped = [r.record for r in rows if r.status == "skipped" and not r.gone]
    went = where_ordered_elsewhere(ledger, batch, skipped)
    return [
        replace(line, error=f"{ORDERED_BEFORE}{went[line.row]}: its card went; now {line.error}")
        if line.row in went and line.status == "skipped"
        else line
        for line in lines
    ]


def _bucket_total(rows: list[CountedRow], bucket: str) -> Decimal:
    """What the rows of one money bucket cost (charged, or in doubt: sent, the answer lost)."""
    return sum((r.cost for r in rows if r.money == bucket and r.cost is not None), Decimal(0))


def _results(web: Web, name: str, wanted: str, page: int, batch: state.WebBatch | None = None) -> _Results:
    """The rows of one page of the batch's results (``wanted``: one status only), and what every row adds up
    to: counts by status, money by bucket, as the result workbook has them; what the vendor billed on orders
    beside their lines (PO -> amount), charged as the workbook says; orders the vendor charged otherwise than
    planned (the cost page's figures); and what the vendor shows that bulkship cannot count
    (runnotes.own_documents), another currency, and what orders ended with no card bill, said on the page as
    by the run and `status`."""
    with Ledger.open(web.settings.ledger_location, lock=False) as ledger:
        view = LedgerView(ledger, name)
        rows = counted_rows(view)
        shown = [r for r in rows if not wanted or r.status == wanted]
        pages = max(1, math.ceil(len(shown) / RESULT_PAGE_ROWS))
        page = min(page, pages)
        on_page = shown[(page - 1) * RESULT_PAGE_ROWS : page * RESULT_PAGE_ROWS]
        names = sent_names(view, on_page)
        if batch is not None:  # the rows not sent, as its list names them
            unnamed = [r for r in on_page if not names.get(r.row)]
            names = {**page_listed_names(web, batch, view, unnamed), **names}
        lines = [result_line(view, r, names.get(r.row, "")) for r in on_page]
        lines = _said_ordered_before(ledger, name, lines, on_page)
        wants = any(not line.name or (line.status == "invalid" and not line.error) for line in lines)
        if wants and batch is not None and batch.upload is None and view.batch is not None:
            lines = as_its_workbook_says(lines, on_page, rows_of_workbook(view.batch.output, name))
        counts: dict[str, int] = {}
        for r in rows:
            counts[r.status] = counts.get(r.status, 0) + 1
        went = skipped_ordered_elsewhere(ledger, name) if counts.get("skipped") else 0
        notes = [
            own(ledger, name)
            for own in (
                other_currency,
                own_documents,
                fewer_cards_notes,
                failed_counted_notes,
                unpriced_notes,
            )
        ]
        notes.append(below_lines_notes(ledger, view, name))  # an order's total below its lines, as `status`
        notes.append(below_zero(view, name))  # an order below zero, as `status`
        notes.append(rounded(ledger, view, name))  # the vendor's rounding on the order, as `status`
        # what orders the vendor ended with no card still bill, in the charged total: said, as by `status`
        cardless = view.billed_without_a_card().items()
        notes.append([said] if (said := billed_without_a_card((po, *o) for po, o in cardless)) else [])
        return _Results(
            lines=lines, page=page, pages=pages, counts=counts, skipped_ordered_before=went,
            charged=_bucket_total(rows, CHARGED), in_doubt=_bucket_total(rows, IN_DOUBT),
            to_send=_bucket_total(rows, TO_SEND),
            cost_unknown=sum(1 for r in rows if r.money == CHARGED and r.cost is None),
            no_card=sum(1 for r in rows if r.status == "failed" and not r.gone and made_no_card(r.record)),
            output=view.batch.output if view.batch else None, billed=dict(view.billed),
            billed_cards=dict(view.billed_cards),
            differ=cost_difference(view), notes=[note for said in notes for note in said],
            for_a_day=sum(1 for r in rows if r.status == "skipped" and _held_for_a_day(r.record)),
            for_a_day_said=_held_said(ledger, name),
            held_planned=sum(1 for r in rows if r.status == "held" and _planned_there(r.record)),
            held_cancelled=sum(1 for r in rows if r.status == "held" and is_cancelled_hold(r.record.error)),
            planned_dollars=planned_dollars(ledger, name).get(name, ""), rounded=view.rounded,
        )  # fmt: skip


def _planned_again(web: Web, batch: state.WebBatch, wanted: str, page: int, found: _Results) -> _Results:
    """The page's rows once the batch is planned again, as its cost page plans it: rows held for cards
    another batch only planned said 'delete batch gifts (nothing of it was sent)' after gifts sent them, or
    was deleted, until someone opened this batch's cost page (the web page's known leftover, fixed by
    hunter-web26)."""
    from .held_pages import planned_again

    return _results(web, batch.name, wanted, page, batch) if planned_again(web, batch.name) else found


def _planned_there(record: RowRecord) -> bool:
    return PLANNED_THERE.search(record.error or "") is not None


def _held_said(ledger: Ledger, batch: str) -> str:
    """', the first on 2027-01-15, 130.95 USD at the prices of 2026-12-05' of the rows held until a day:
    the page counted them alone, finance reading it had no figure for them where `status` and the Summary
    said one (hunter-money22)."""
    held = held_until(ledger, batch)
    return first_day(held) + money_said(held_money(ledger, batch, held), MONEY_CURRENCY) if held else ""


def _held_for_a_day(record: RowRecord) -> bool:
    return (record.error or "").startswith(NOT_YET_REASON)


async def results(request: Request) -> Response:
    web = _web(request)
    batch = _batch_or_404(web, request.path_params["name"])
    wanted = request.query_params.get("status", "")
    found = await run_in_threadpool(_results, web, batch.name, wanted, _page_number(request), batch)
    if found.held_planned:  # held for cards another batch planned: that batch may have sent them since
        found = await run_in_threadpool(_planned_again, web, batch, wanted, _page_number(request), found)
    # (a command-line batch, once approved, is sent by running its command again: its rows say so)
    waiting = await run_in_threadpool(_awaiting_approval, web.settings, batch.name) if batch.upload else None
    priced = (
        await run_in_threadpool(_priced, web.settings, batch.name, found.to_send) if found.to_send else ""
    )
    # beside the lines: the card lines an order shows beyond its rows (cards), and the rest
    cards, billed = split_billed(found.billed, found.billed_cards)
    # a discount on the order (its rounding on the order said apart: roundedonorder)
    off = {po: -amount - found.rounded.get(po, Decimal(0)) for po, amount in found.billed.items()}
    taken = {po: amount for po, amount in off.items() if amount > 0}
    # a duplicate is not to fix: never sent
    needing = sum(found.counts.get(s, 0) for s in ("invalid", "failed"))
    differ = found.differ
    other_api = await run_in_threadpool(batchledger.other_api, web.settings, batch.name)
    # its server process gone: not 'A run is sending this batch' nor 'being sent' (hunter-web19's LO2)
    cut = await run_in_threadpool(interrupted.run_interrupted, web, batch)
    return render(
        request, "results.html", batch=batch,
        lines=found.lines, counts=found.counts, wanted=wanted, page=found.page, pages=found.pages,
        skipped_went=found.skipped_ordered_before,
        has_output=bool(found.output and Path(found.output).exists()),
        needing=needing, no_card=found.no_card,
        total_cost=found.charged + sum(found.billed.values(), Decimal(0)),
        billed=sum(billed.values(), Decimal(0)), billed_orders=len(billed), differ=differ,
        billed_cards=sum(cards.values(), Decimal(0)),
        cards_beyond=sum(found.billed_cards[po].cards for po in cards),
        cards_waiting=sum(found.billed_cards[po].waiting for po in cards),
        taken_off=sum(taken.values(), Decimal(0)), taken_orders=len(taken), vendor_notes=found.notes,
        differ_named=named_orders(differ.orders) if differ else "",
        in_doubt_cost=found.in_doubt, cost_unknown=found.cost_unknown,
        # a batch stopped for funds read '50.00 charged' alone, 476.70 of it still to go, which `status`
        # says (found by hunter-money1); not while the page's fixes make its plan another (its cost page)
        to_send_cost=Decimal(0) if batch.plan_outdated else found.to_send, for_a_day=found.for_a_day,
        for_a_day_said=found.for_a_day_said,
        running=_sending(web, batch) and not cut, interrupted=cut, tracking=web.runner.tracking(batch.name),
        waiting=waiting, WAITING_NOTE=WAITING_NOTE, invalid_said=_INVALID_SAID[batch.upload is not None],
        elsewhere=servers.elsewhere(web.settings, batch),
        other_api=other_api, held_planned=found.held_planned, to_send_priced=priced,
        held_cancelled=found.held_cancelled, planned_dollars=found.planned_dollars,
    )  # fmt: skip


WAITING_NOTE = (
    "Not sent yet: it waits for an approver (request #%d), and goes out once another person approves it."
)
# why a row is invalid, where it is said: the page's review (an uploaded batch), else the result workbook
_INVALID_SAID = {
    True: "not valid: see the review",
    False: "not valid: the result workbook says why, on its “Fix these” sheet",
}


def _priced(settings: Settings, batch: str, to_send: Decimal) -> str:
    """When its money to send was priced ('as priced 2026-12-05 10:22'), as the Batches page says it, and
    the most sending it may cost with what the vendor bills on each order (..billedbefore.to_send_most)."""
    from ..billedbefore import to_send_most
    from ..pricedon import priced_before_a_change, priced_on, priced_words

    with Ledger.open(settings.ledger_location, lock=False, read_only=True) as ledger:
        at = priced_on(ledger, batch).get(batch)
        changed = batch in priced_before_a_change(ledger, batch)
        most = to_send_most(ledger, batch, to_send, ledger.order_counts(batch).get("planned", 0))
    said = [priced_words(at, changed) if at else "", most.words if most else ""]
    return ", ".join(word for word in said if word)


def _awaiting_approval(settings: Settings, batch: str) -> int | None:
    """The approval request the batch's planned rows wait on, while it still covers their plan (team mode):
    each such row read 'Not sent yet. Send the batch again from its cost page to send it.', to the requester
    who had asked and to the approver alike (found by hunter-web10)."""
    from ..team import approvals, store

    if not store.team_mode(settings):
        return None
    found = approvals.latest(settings, batch)
    if found is None or found.state != "pending":
        return None
    return found.id if frozenset(approvals.order_prints(settings, batch)) == found.order_prints else None


NOTHING_SENT = (
    "Nothing of this batch has been sent (its cost page has not been opened yet): there is no order to "
    "compare with the vendor, and no row waits for review."
)


async def reconcile(request: Request) -> Response:
    """Whether the ledger agrees with the vendor's own order list, and every difference."""
    web = _web(request)
    batch = _batch_or_404(web, request.path_params["name"])
    if not await run_in_threadpool(batchledger.in_ledger, web.settings, batch.name):  # a draft: nothing sent
        # (it said "No batch named ... in the ledger /srv/.../ledger.sqlite (batches: ...) run `bulkship
        # status`...": review17)
        return render(request, "plain.html", title=f"Nothing sent: {batch.name}", message=NOTHING_SENT)
    other_api = await run_in_threadpool(batchledger.other_api, web.settings, batch.name)
    if other_api:  # (it said 'run “Check against the vendor” ... with --api-url': newcomer12)
        message = (
            f"This batch: {other_api}. A bulkship server or command of that API checks it against its vendor."
        )
        return render(request, "plain.html", title=f"Another vendor API: {batch.name}", message=message)
    try:
        report = await run_in_threadpool(api.reconcile_batch, web.settings, batch.name)
    except BulkshipError as exc:
        return render(request, "problem.html", 409, batch=batch, error=exc)
    waiting = await run_in_threadpool(_waiting_for_review, web.settings, batch.name)
    return render(request, "reconcile.html", batch=batch, report=report, waiting=waiting)


def _waiting_for_review(settings: Settings, batch: str) -> int:
    """The batch's rows waiting for a person's review: the page's 'Rows waiting for review' button showed
    when none waited, leading to an empty page (newcomer15's N12)."""
    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        return len(ledger.current_rows_with_status(batch, REVIEW_STATE))


async def refresh_tracking(request: Request) -> Response:
    """Ask the vendor for the batch's orders not yet final (a ``bulkship track`` pass), in the background."""
    web = _web(request)
    batch = _batch_or_404(web, request.path_params["name"])
    web.runner.track(batch.name)
    return _see(f"/batches/{batch.name}/results")
