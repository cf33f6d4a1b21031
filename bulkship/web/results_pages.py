"""The pages of a batch's outcome: its results row by row (money as the workbook shows it), the downloads,
the comparison with the vendor, a tracking refresh."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from .. import api
from ..errors import BulkshipError
from ..ledger import Ledger
from ..ledger.records import BILLED_ON_ORDER
from ..reconcile.join import LedgerView, made_no_card, with_gone_note
from ..reconcile.sheets import RowOutcome
from ..runresult import (
    CostDifference,
    cost_difference,
    fewer_cards_notes,
    named_orders,
    own_documents,
    unpriced_notes,
)
from ..settings import Settings
from ..statuses import CHARGED, IN_DOUBT
from . import state
from .pagekit import Web, _batch_or_404, _page_number, _see, _sending, _web, render

RESULT_PAGE_ROWS = 100
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class ResultLine:
    row: int
    status: str
    po_number: str
    tracking_number: str
    tracking_url: str
    cost: Decimal | None
    error: str
    cost_unknown: bool = False  # ordered, its cost never recorded (an older bulkship): not in any total
    money: str = ""  # the bucket its cost is in (charged, in doubt, to send; "" none), as the workbook says
    no_card: bool = False  # failed: the vendor ended its line before making a card; nothing in it to fix


def _result_line(outcome: RowOutcome, *, no_card: bool = False) -> ResultLine:
    """A row as the result workbook shows it (the same join: money only where a card was made)."""
    return ResultLine(
        row=outcome.row,
        status=outcome.status,
        po_number=outcome.po_number,
        tracking_number=outcome.tracking_number,
        tracking_url=outcome.tracking_url,
        cost=outcome.cost,
        error=outcome.problems,
        cost_unknown=outcome.cost_unknown,
        money=outcome.money,
        no_card=no_card,
    )


def _bucket_total(lines: list[ResultLine], bucket: str) -> Decimal:
    """What the rows of one money bucket cost (charged, or in doubt: sent, the answer lost)."""
    return sum((line.cost for line in lines if line.money == bucket and line.cost is not None), Decimal(0))


def _result_lines(
    web: Web, name: str
) -> tuple[list[ResultLine], str | None, dict[str, Decimal], CostDifference | None, list[str]]:
    """The rows the result workbook shows, as it numbers them: the file's rows, then the rows of an earlier
    file that hold money (a card paid for must be on the page and in its total, as in every other output);
    what the vendor billed on orders beside their lines (PO -> amount), charged as the workbook says; and
    orders the vendor charged otherwise than planned (the cost page's figures), said on the page; and what
    the vendor shows that bulkship cannot count (runresult.own_documents), said on the page as by the run."""
    with Ledger.open(web.settings.ledger_location, lock=False) as ledger:
        view = LedgerView(ledger, name)
        current = view.current_rows()
        lines = sorted(
            (_result_line(view.outcome_of(r.row, r), no_card=made_no_card(r)) for r in current),
            key=lambda x: x.row,
        )
        gone = sorted((r for r in view.shown_rows() if not r.current), key=lambda r: (r.row, r.fingerprint))
        after = max((r.row for r in current), default=1)
        for offset, record in enumerate(gone, start=1):
            lines.append(_result_line(with_gone_note(view, record, view.outcome_of(after + offset, record))))
        output = view.batch.output if view.batch else None
        notes = [
            *own_documents(ledger, name),
            *fewer_cards_notes(ledger, name),
            *unpriced_notes(ledger, name),
        ]
    return lines, output, dict(view.billed), cost_difference(view), notes


async def results(request: Request) -> Response:
    web = _web(request)
    batch = _batch_or_404(web, request.path_params["name"])
    lines, output, found, differ, notes = await run_in_threadpool(_result_lines, web, batch.name)
    billed = {po: amount for po, amount in found.items() if amount > 0}  # beside the lines
    taken = {po: -amount for po, amount in found.items() if amount < 0}  # a discount on the order
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.status] = counts.get(line.status, 0) + 1
    wanted = request.query_params.get("status", "")
    shown = [line for line in lines if not wanted or line.status == wanted]
    pages = max(1, math.ceil(len(shown) / RESULT_PAGE_ROWS))
    page = min(_page_number(request), pages)
    needing = sum(counts.get(s, 0) for s in ("invalid", "failed"))  # a duplicate is not to fix: never sent
    # rows whose order the vendor ended before making their card: nothing in them to fix, they are sent
    # again as they are ("fix the rows on the workbook's Fix these sheet" sent people looking for a
    # mistake that is not there: review19's leftover, after 903bdac)
    no_card = sum(1 for line in lines if line.no_card and line.status == "failed")
    return render(
        request, "results.html", batch=batch,
        lines=shown[(page - 1) * RESULT_PAGE_ROWS : page * RESULT_PAGE_ROWS], counts=counts, wanted=wanted,
        page=page, pages=pages, has_output=bool(output and Path(output).exists()),
        needing=needing, no_card=no_card,
        total_cost=_bucket_total(lines, CHARGED) + sum(found.values(), Decimal(0)),
        billed=sum(billed.values(), Decimal(0)), billed_orders=len(billed), differ=differ,
        taken_off=sum(taken.values(), Decimal(0)), taken_orders=len(taken), vendor_notes=notes,
        differ_named=named_orders(differ.orders) if differ else "",
        in_doubt_cost=_bucket_total(lines, IN_DOUBT),
        cost_unknown=sum(1 for line in lines if line.cost_unknown and line.money == CHARGED),
        running=_sending(web, batch), tracking=web.runner.tracking(batch.name),
    )  # fmt: skip


def _download_name(batch: str, suffix: str) -> str:
    return f"{state.safe_name(batch)}-results{suffix}"


STALE_MARGIN_S = 300.0  # statuses recorded this long before the workbook was written may be newer than it
# (another machine's clock): it is rebuilt; older ones it shows already, and it is served as it is


def _rewritten(settings: Settings, batch: str) -> None:
    """The workbook rewritten from the ledger before it is downloaded when statuses were recorded since it
    was written: recorded on another machine sharing the ledger (a second server's tracking, `bulkship track`
    on a laptop), they could not rewrite this server's copy, which said 'shipped' for ever beside a page and
    a CSV saying 'delivered' (found by hunter-web4). One holding corrections not run yet, or a sheet of the
    person's own, is kept. A rebuild takes ~10 s for 20,000 rows: a workbook newer than every status is
    served as it is."""
    from datetime import datetime

    from ..track import rewrite_results

    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        record = ledger.batch(batch)
        # a status, or its money recorded anew (an order counted with an invoice another batch's shows too)
        read = [ledger.latest_event(batch, kind) for kind in ("status", BILLED_ON_ORDER)]
        news = max((e for e in read if e is not None), key=lambda e: e.at, default=None)
        if record is None or not record.output or news is None:
            return
        try:
            written = Path(record.output).stat().st_mtime
        except OSError:
            return
        if datetime.fromisoformat(news.at).timestamp() >= written - STALE_MARGIN_S:
            rewrite_results(ledger, batch, api=settings.api_url)


async def download(request: Request) -> Response:
    web = _web(request)
    batch = _batch_or_404(web, request.path_params["name"])
    kind = request.path_params["kind"]
    if kind not in ("xlsx", "csv"):
        raise HTTPException(404, "No such download")
    with Ledger.open(web.settings.ledger_location, lock=False) as ledger:
        record = ledger.batch(batch.name)
    output = Path(record.output) if record and record.output else None
    if output is None or not output.exists():
        raise HTTPException(404, "No result workbook yet")
    if kind == "xlsx":
        await run_in_threadpool(_rewritten, web.settings, batch.name)
        return FileResponse(output, media_type=XLSX_TYPE, filename=_download_name(batch.name, ".xlsx"))
    csv_path = await run_in_threadpool(api.export_csv, web.settings, batch.name)
    return FileResponse(
        csv_path, media_type="text/csv; charset=utf-8", filename=_download_name(batch.name, ".csv")
    )


NOTHING_SENT = (
    "Nothing of this batch has been sent (its cost page has not been opened yet): there is no order to "
    "compare with the vendor, and no row waits for review."
)


async def reconcile(request: Request) -> Response:
    """Whether the ledger agrees with the vendor's own order list, and every difference."""
    web = _web(request)
    batch = _batch_or_404(web, request.path_params["name"])
    if not await run_in_threadpool(state.in_ledger, web.settings, batch.name):  # a draft: nothing sent
        # (it said "No batch named ... in the ledger /srv/.../ledger.sqlite (batches: ...) run `bulkship
        # status`...": review17)
        return render(request, "plain.html", title=f"Nothing sent: {batch.name}", message=NOTHING_SENT)
    try:
        report = await run_in_threadpool(api.reconcile_batch, web.settings, batch.name)
    except BulkshipError as exc:
        return render(request, "problem.html", 409, batch=batch, error=exc)
    return render(request, "reconcile.html", batch=batch, report=report)


async def refresh_tracking(request: Request) -> Response:
    """Ask the vendor for the batch's orders not yet final (a ``bulkship track`` pass), in the background."""
    web = _web(request)
    batch = _batch_or_404(web, request.path_params["name"])
    web.runner.track(batch.name)
    return _see(f"/batches/{batch.name}/results")
