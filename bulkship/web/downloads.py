"""A batch's result workbook and CSV downloaded from its Results page: the workbook written again first when
the ledger holds newer statuses (another machine's tracking) or a plan the cost page made since it was
written."""

from __future__ import annotations

from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from .. import api
from ..errors import BulkshipError
from ..ledger import Ledger
from ..ledger.records import BILLED_ON_ORDER
from ..settings import Settings
from . import state, uploads
from .pagekit import Web, _batch_or_404, _sending, _web, plan_of

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download_name(batch: str, suffix: str) -> str:
    return f"{uploads.safe_name(batch)}-results{suffix}"


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


PLAN_WAIT_S = 10.0  # how long a download waits for another batch's run to let go of the ledger


def _plan_written(web: Web, batch: state.WebBatch) -> bool:
    """The workbook written again with the rows the batch's cost page planned since it was written (a
    follow-up shown its cost, or waiting for an approver): it said 'To send 0.00' and the fixed row
    'invalid' beside the Results page's '25.00 to send' (found by hunter-money1, L3), and a rewrite from the
    workbook itself keeps a row's old judgement. The plan is worked out again as the cost page does (the
    same rows keep their orders), and the workbook written as a run stopped at its confirmation writes it.
    False: nothing newer planned here (or the plan is no longer of the page's rows, or a run holds the
    ledger): the workbook is what was written."""
    from datetime import datetime

    from ..resultfile import result_path

    if batch.upload is None or batch.planned_change != batch.change_id or _sending(web, batch):
        return False
    with Ledger.open(web.settings.ledger_location, lock=False) as ledger:
        record = ledger.batch(batch.name)
        planned = ledger.latest_event(batch.name, "web_planned")
        to_send = ledger.order_counts(batch.name).get("planned", 0)
    if record is None or not record.output or planned is None or not to_send:
        return False
    try:
        written = Path(record.output).stat().st_mtime
        # a workbook this server writes (another server's, sharing the ledger, is that server's to write)
        ours = Path(record.output).resolve() == result_path(Path(web.settings.out_dir), batch.name).resolve()
    except OSError:
        return False
    if not ours or datetime.fromisoformat(planned.at).timestamp() <= written:
        return False
    if not web.runner.exclusive.acquire(timeout=PLAN_WAIT_S):
        return False
    try:
        plan_of(web, batch, write_workbook=True)
    except BulkshipError:  # the file gone, the vendor not answering: the workbook as it was written
        return False
    finally:
        web.runner.exclusive.release()
    return True


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
    if kind == "xlsx" and not await run_in_threadpool(_plan_written, web, batch):
        await run_in_threadpool(_rewritten, web.settings, batch.name)
    if kind == "xlsx":
        return FileResponse(output, media_type=XLSX_TYPE, filename=_download_name(batch.name, ".xlsx"))
    csv_path = await run_in_threadpool(api.export_csv, web.settings, batch.name)
    return FileResponse(
        csv_path, media_type="text/csv; charset=utf-8", filename=_download_name(batch.name, ".csv")
    )
