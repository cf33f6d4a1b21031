"""The pages of a new batch: the upload, the sheet chosen and the review of its rows (a row or a column fixed
there: :mod:`.fix_pages`)."""

from __future__ import annotations

import math
import threading
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from ..columns import AmbiguousColumnsError
from ..errors import BulkshipError, MissingColumnsError, SecondCardError, SheetChoiceError
from ..program import known_time_zone
from ..runinput import file_sha256
from . import batchledger, servers, state, uploads
from .auth import nothing_changed, say_in_trail
from .ledgerreads import one_open
from .pagekit import Web, _idle, _page_number, _see, _web, _with_upload, render
from .review import FILTERS, PAGE_ROWS


async def new_batch(request: Request) -> Response:
    web = _web(request)
    named_new = await run_in_threadpool(_batch_named_new, web)
    return render(request, "new.html", limit=web.max_upload_bytes, error="", named_new=named_new)


def _batch_named_new(web: Web) -> str:
    """Where batch 'new' is, when the ledger holds one (a command line's `--batch new`), else "": its own
    address, /batches/new, is this page; typed to open the batch it showed an empty upload form, saying
    nothing of it (hunter-web27's leftover; the page names an upload 'new' 'new-2' since fa48df57)."""
    from .batches import batch_lines

    if state.any_batch(web.settings, "new") is None:
        return ""
    return next((line.link for line in batch_lines(web) if line.name == "new"), "")


async def upload(request: Request) -> Response:
    web = _web(request)
    form = await request.form(max_files=1, max_fields=10)
    file = form.get("file")
    wanted = str(form.get("name") or "").strip()
    # the browser's time zone (static/localday.js): the list's dates are judged by the uploader's day, not the
    # server's (found by hunter-sheets9: a server keeping UTC sent tomorrow's 'Do Not Send Before' row)
    zone = known_time_zone(str(form.get("time_zone") or "").strip())
    if not isinstance(file, UploadFile) or not file.filename:
        return render(request, "new.html", 400, limit=web.max_upload_bytes, error="Choose a file to upload.")
    suffix = Path(file.filename).suffix.lower()
    # an HR system's export: said how to go on, as the command line does (newcomer8); a web report's table
    # saved as .xls is read as the command line reads it (hunter-sheets33)
    if suffix == ".xls" and not await run_in_threadpool(_web_page, file):
        error = (
            f"{file.filename} is an old Excel 97-2003 workbook (XLS): bulkship cannot see which of its rows "
            "are hidden or crossed out. Open it in Excel or LibreOffice and save it as Excel Workbook "
            "(.xlsx), then upload that file."
        )
        return render(request, "new.html", 400, limit=web.max_upload_bytes, error=error)
    if suffix not in (*uploads.UPLOAD_EXTENSIONS, ".xls"):
        error = f"{file.filename} is not a spreadsheet bulkship reads: upload a CSV, XLSX or ODS file."
        return render(request, "new.html", 400, limit=web.max_upload_bytes, error=error)
    name = uploads.safe_name(wanted or Path(file.filename).stem)
    path = await run_in_threadpool(uploads.store_upload, web.settings, file.filename, file.file)
    written_for = await run_in_threadpool(_result_workbook_batch, path)
    if written_for is not None:  # corrections belong to that batch, not to a new one that re-reads its rows
        await run_in_threadpool(uploads.remove_upload, web.settings, path)
        error = (
            f"{file.filename} is a result workbook bulkship wrote"
            + (f" for batch {written_for}" if written_for else "")
            + ": it is not a new list of recipients."
        )
        batch = await run_in_threadpool(state.any_batch, web.settings, written_for) if written_for else None
        return render(
            request, "new.html", 400, limit=web.max_upload_bytes, error=error, result_of=written_for or "",
            # a batch run from the command line has no "Fix these" button here (found by newcomer2); one
            # this ledger never held was said "sent from the command line" (found by newcomer3, N7i)
            fixed_here=batch is not None and batch.upload is not None, known_here=batch is not None,
        )  # fmt: skip
    digest = await run_in_threadpool(file_sha256, path)
    same = await run_in_threadpool(_same_file_as, web, digest)
    if same is not None:  # refused on its cost page, after its columns and review (newcomer9's L6)
        await run_in_threadpool(uploads.remove_upload, web.settings, path)
        other, sent = same
        error = (
            f"{file.filename} is the same file (identical content) as batch {other}, which "
            + ("sent its cards" if sent else "planned its cards and has sent none of them yet")
            + ": uploaded as a new batch, it would "
            + ("send those cards a second time" if sent else "order those cards twice once both are sent")
            + ". Nothing was uploaded."
        )
        return render(
            request, "new.html", 409, limit=web.max_upload_bytes, error=error, same_as=other, same_sent=sent
        )
    by = getattr(request.scope.get("team_user"), "name", "") or state.current_user()

    def one_batch() -> tuple[str, bool]:
        # a double click's two presses on this server: the second finds the first's batch
        with _uploading, one_open(web.settings):
            again = uploads.uploaded_just_now(web.settings, name, digest, by)
            if again is not None:
                return again, False
            return uploads.new_batch(
                web.settings, name, path, file_name=Path(file.filename or "").name, sheet=None, by=by,
                signed_in=request.scope.get("team_user") is not None, sha256=digest,
                server=servers.this_server(web.settings), site=str(request.base_url), time_zone=zone,
            ), True  # fmt: skip

    name, new = await run_in_threadpool(one_batch)
    if new:
        say_in_trail(request.scope, file=Path(file.filename).name, sha256=digest)
    else:  # 'Upload' pressed twice: one batch, one line in the trail
        await run_in_threadpool(uploads.remove_upload, web.settings, path)
        nothing_changed(request.scope)
    return _see(f"/batches/{name}/columns")


_uploading = threading.Lock()


def _same_file_as(web: Web, digest: str) -> tuple[str, bool] | None:
    """The batch holding orders of this very file, and whether it sent them (:func:`same_file_as`)."""
    from ..batchapi import api_identity
    from ..ledger import Ledger
    from ..repeats.newrun import same_file_as

    with Ledger.open(web.settings.ledger_location, lock=False) as ledger:
        return same_file_as(ledger, digest, api=api_identity(web.settings))


def _web_page(file: UploadFile) -> bool:
    """Whether an uploaded .xls is a web page's table (read as Excel shows it), not an old Excel workbook."""
    from ..load.filetype import is_web_page

    head = file.file.read(8192)
    file.file.seek(0)
    return is_web_page(head)


def _result_workbook_batch(path: Path) -> str | None:
    """The batch a result workbook was written for ("" when it does not say); None for any other file."""
    from ..reconcile.fixsheet import is_result_workbook_file
    from ..reconcile.sheets import read_result_workbook

    if not is_result_workbook_file(path):
        return None
    try:
        return read_result_workbook(path).batch or ""
    except (BulkshipError, OSError, ValueError):
        return ""


async def choose_sheet(request: Request) -> Response:
    web = _web(request)
    batch = _idle(web, _with_upload(web, request.path_params["name"]))  # never while it is being sent
    form = await request.form()
    sheet = str(form.get("sheet") or "")
    shown = form.get("change")  # the select posts the sheet it showed (a second press: the one chosen)
    if shown is not None and str(shown) != str(batch.change_id) and sheet != (batch.sheet or ""):
        error = BulkshipError(STALE_SHEET, hint="choose the sheet again if it still needs changing")
        return render(request, "problem.html", 409, batch=batch, error=error)
    sheets = await run_in_threadpool(web.reviews.sheet_names, batch)
    sent_from = await run_in_threadpool(_sent_from, web, batch.name)
    if sent_from is not None and sheet != sent_from:  # found by newcomer8: its Fix these led nowhere after
        error = BulkshipError(
            f"Batch {batch.name} has orders sent from sheet '{sent_from}': sheet '{sheet}' is another list. "
            "Nothing was changed",
            hint="upload the file again as a new batch and choose that sheet there",
        )
        return render(request, "problem.html", 409, batch=batch, error=error)
    if sheet in sheets and sheet != (batch.sheet or ""):
        chosen = ("web_sheet", {"sheet": sheet})  # (its fixes start over: never those saved meanwhile)
        if not await run_in_threadpool(
            state.record_change, web.settings, batch.name, batch.change_id, chosen
        ):
            batch = _idle(web, _with_upload(web, batch.name))
            error = BulkshipError(STALE_SHEET, hint="choose the sheet again if it still needs changing")
            return render(request, "problem.html", 409, batch=batch, error=error)
    else:
        nothing_changed(request.scope)
    return _see(f"/batches/{batch.name}/columns")


STALE_SHEET = (
    "The batch changed since that page was shown (its sheet, its columns or a cell, in another tab or by "
    "someone else): nothing was changed, since its sheet choice, as shown, would set back that change"
)  # found by hunter-web5, as the Columns page's (STALE_COLUMNS)


def _sent_from(web: Web, batch: str) -> str | None:
    """The sheet a batch that sent orders was read from ("" when not known); None before anything was sent:
    only then may its sheet change (another sheet is another list)."""
    if not batchledger.rows_sent(web.settings, batch):
        return None
    from ..ledger import Ledger

    with Ledger.open(web.settings.ledger_location, lock=False) as ledger:
        return ledger.batch_sheet(batch) or ""


def sheet_choice(web: Web, batch: state.WebBatch) -> list[str]:
    """The sheets the page offers to read instead: none once the batch sent orders (:func:`_sent_from`)."""
    return [] if batchledger.rows_sent(web.settings, batch.name) else web.reviews.sheet_names(batch)


async def unusable(request: Request, web: Web, batch: state.WebBatch, exc: BulkshipError) -> Response:
    """The file cannot be used as it is read: why, and where the person can choose, the sheet to read."""
    sheets = (
        await run_in_threadpool(web.reviews.sheet_names, batch) if isinstance(exc, SheetChoiceError) else []
    )
    return render(request, "unusable.html", 422, batch=batch, error=exc, sheets=sheets)


async def review(request: Request) -> Response:
    web = _web(request)
    batch = _idle(web, _with_upload(web, request.path_params["name"]))
    try:
        found = await run_in_threadpool(web.reviews.review, batch)
    except (
        AmbiguousColumnsError,
        MissingColumnsError,
        SecondCardError,
    ):  # the person chooses on the Columns page
        return _see(f"/batches/{batch.name}/columns")
    except BulkshipError as exc:
        return await unusable(request, web, batch, exc)
    wanted = request.query_params.get("find", "").strip()[:200]
    chosen = "all" if wanted else request.query_params.get("filter", "problems")
    chosen = chosen if chosen in FILTERS else "problems"
    rows = await run_in_threadpool(found.found, wanted) if wanted else found.filtered(chosen)
    alone = request.query_params.get("row", "")  # one row, as a change to it left it (..takein_pages)
    alone = alone if alone.isdecimal() and len(alone) < 10 and not wanted else ""
    if alone:
        chosen, rows = "all", [r for r in found.filtered("all") if r.row == int(alone)]
    column = request.query_params.get("column", "")  # a change of every cell reading ``wanted`` there
    column = column if column in found.loaded.headers else ""
    reading = len(await run_in_threadpool(found.reading, column, wanted)) if column and wanted else None
    said = request.query_params.get("changed", "")  # the cells a change of a column's cells changed
    changed = int(said) if said.isdecimal() and len(said) < 10 else None
    pages = max(1, math.ceil(len(rows) / PAGE_ROWS))
    page = min(_page_number(request), pages)
    shown = rows[(page - 1) * PAGE_ROWS : page * PAGE_ROWS]
    # the review knows the rows sent already: none to read again (sheet_choice asks the ledger)
    sheets = [] if found.sent else await run_in_threadpool(web.reviews.sheet_names, batch)
    return render(
        request, "review.html", batch=batch, review=found, rows=shown, sent=found.sent,
        cells={r.row: found.cells(r.row) for r in shown},
        filters=FILTERS, chosen=chosen, page=page, pages=pages, total=len(rows), sheets=sheets, wanted=wanted,
        sheet=found.loaded.sheet_name, header_row=found.loaded.header_row, column=column, reading=reading,
        changed=changed, taken=request.query_params.get("taken", ""), alone=alone if rows else "",
    )  # fmt: skip
