"""The Columns page: which of the person's headers feeds which field, changed in the page, saved as a
profile (:mod:`.profile_pages`).

The page only calls the library: :func:`bulkship.api.detect_columns` (the mapping, samples, hidden and
ambiguous columns), :func:`bulkship.columns.remap` (a person's choices as a ``[columns]`` mapping, the
program file's own mechanism) and :mod:`bulkship.profiles` (saved mappings, which the command line reads
with ``--config``). A chosen mapping is one ledger event (``web_columns``), so the review, the cost and the
run read the file with it, and a reload or a restarted server shows the same.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from .. import profiles
from ..columns import AmbiguousColumnsError, ColumnsReport, TwoListsError, remap
from ..errors import BulkshipError, MissingColumnsError, SecondCardError
from ..ledger.orderstates import COMMITTED_ORDER_STATES
from ..load.problems.corrections import asks_of_rows
from ..load.skipped.columnkeys import left_out_by, picks_rows
from ..schema import load_contract
from ..validate.required import how_to_split, whole_addresses_said
from . import state
from .auth import nothing_changed, say_in_trail
from .ledgerreads import one_open

if TYPE_CHECKING:
    from .pagekit import Web


def _report(web: Web, batch: state.WebBatch, columns: dict[str, str] | None = None) -> Any:
    return web.reviews.columns(batch if columns is None else replace(batch, columns=columns))


def _checked(web: Web, batch: state.WebBatch) -> tuple[dict[str, int] | None, SecondCardError | None, str]:
    """The rows judged with the mapping (None while two columns mean one field, or no column gives a field
    every row needs: nothing can be judged until the person chooses, on this page), and a second card pair
    beside the card read, which the person leaves out on purpose here (found by review10: the refusal's
    page offered no way on but deleting the upload); and, last, why no choice of columns can be judged: a
    sheet of two lists side by side (the page came back after Apply with nothing said: hunter-sheets11)."""
    try:
        return web.reviews.review(batch).counts, None, ""
    except TwoListsError as exc:
        return None, None, f"{exc.message}: {exc.hint}."
    except MissingColumnsError as exc:
        if exc.whole_addresses is None:
            return None, None, ""
        # no column to choose for City, State or ZIP: the file needs splitting (found by newcomer8)
        said = whole_addresses_said(exc.whole_addresses)
        split = f"split it into Street, City, State and ZIP columns ({how_to_split(exc.whole_on_lines)})"
        return None, None, f"{said}: {split}, then upload it again."
    except AmbiguousColumnsError:
        return None, None, ""
    except SecondCardError as exc:
        return None, exc, ""


def _page(request: Request, batch: state.WebBatch, status: int = 200, error: str = "") -> Any:
    from .pagekit import _web, render
    from .upload_pages import sheet_choice

    web = _web(request)
    report = _report(web, batch)
    with one_open(web.settings):  # (the review's key and the sheets offered: one open)
        counts, second_card, two_lists = _checked(web, batch)
        sheets = sheet_choice(web, batch)
    error = error or two_lists
    fitting = profiles.matching_profiles(web.settings.data_dir, report.headers)
    fields = [(name, spec.title) for name, spec in load_contract().columns.items()]
    leaves_out = _leaving_rows_out(web, batch, report)
    # read to ask about rows ('NCOA Flag' = Y asks whether the address moved): 'not used' while raising errors
    asks = {c.header for c in report.columns if c.status == "unused" and asks_of_rows(c.header)} - leaves_out
    return render(
        request, "columns.html", status, batch=batch, report=report, counts=counts, fields=fields,
        profiles=fitting, sheets=sheets, error=error, second_card=second_card,
        leaves_out=leaves_out, asks=asks,
    )  # fmt: skip


def _leaving_rows_out(web: Any, batch: state.WebBatch, report: ColumnsReport) -> set[str]:
    """The columns no field reads that leave rows out ('Terminated' in a 'Status', a note): 'not used' read
    as ignored, as the command line's list once did (newcomer3's N7a). A 'Description' tells by its cells
    (remarks, or the card's words on every row): read from the sheet as read, as `validate` does (after
    f58c1d2e; the page passed the header alone and a Description of remarks read 'not used')."""
    try:
        sheet = web.reviews.sheet(batch)
    except BulkshipError:  # read again to choose ambiguous columns: the headers alone
        sheet = None
    frame = sheet.frame if sheet is not None else None
    out_by = left_out_by(s.reason for s in sheet.skipped) if sheet is not None else set()
    return {
        c.header
        for c in report.columns
        if c.status == "unused"
        and (
            c.header in out_by
            or picks_rows(
                c.header, frame[c.header] if frame is not None and c.header in frame.columns else None
            )
        )
    }


async def columns(request: Request) -> Response:
    from .pagekit import _idle, _web, _with_upload
    from .upload_pages import unusable

    web = _web(request)
    batch = _idle(web, _with_upload(web, request.path_params["name"]))
    try:
        return await run_in_threadpool(_page, request, batch)
    except BulkshipError as exc:
        return await unusable(request, web, batch, exc)


async def change(request: Request) -> Response:
    """Apply the person's choices: recorded only when the file reads with them (else the page says why)."""
    from .pagekit import _idle, _see, _web, _with_upload

    web = _web(request)
    batch = _idle(web, _with_upload(web, request.path_params["name"]))
    form = await request.form()
    chosen = {k.removeprefix("map:"): str(v) for k, v in form.multi_items() if k.startswith("map:")}
    refused = await _refused_if_frozen(request, web, batch)
    if refused is not None:
        return refused
    stale = _stale(form, batch)  # every select is posted, changed or not
    try:
        report = await run_in_threadpool(_report, web, batch)
        mapping = remap(report, chosen, batch.columns)
        one_card = str(form.get("one_card_from") or "")
        if one_card and one_card in report.headers:  # the other card pair left out on purpose
            mapping = {**mapping, "product": one_card}
        if mapping != batch.columns and not stale:
            await run_in_threadpool(_report, web, batch, mapping)  # reads with it, or says why not
    except BulkshipError as exc:
        if stale:
            return await run_in_threadpool(_page, request, batch, 409, STALE_COLUMNS)
        return await run_in_threadpool(_page, request, batch, 400, _said(exc))
    # an older page asking what the batch reads already is no change set back: a double click's second press
    # said "nothing was changed" of the person's own change (found by hunter-web15, as f13585d for a row)
    if stale and mapping != batch.columns:
        return await run_in_threadpool(_page, request, batch, 409, STALE_COLUMNS)
    if mapping != batch.columns:
        off = await run_in_threadpool(_every_row_off, web, batch, mapping)
        chosen_now = ("web_columns", {"columns": mapping, "profile": ""})
        taken_off = [("web_every_row", {"values": off})] if off else []
        if not await run_in_threadpool(_recorded, web, batch, chosen_now, *taken_off):
            return await _changed_meanwhile(request, web, batch, done=lambda now: now.columns == mapping)
        changed = {f: h for f, h in mapping.items() if batch.columns.get(f) != h}
        said = "; ".join(f"{field} <- {header or 'nothing'}" for field, header in changed.items())
        say_in_trail(request.scope, columns=said)
    else:
        nothing_changed(request.scope)
    return _see(f"/batches/{batch.name}/columns#check")


EVERY_ROW_FIELDS = profiles.EVERY_ROW_FIELDS
EVERY_ROW_MAX = 100  # characters: a card's Id or an amount (the form's maxlength is the browser's word only)


async def every_row(request: Request) -> Response:
    """One value for every row of a field no column gives (``every:value`` = 25; "" takes it off), read as
    a program file's ``[defaults]`` are: a thank-you form's export, one amount for everyone and no amount
    column, could not be sent from the page, only told to add such a column to the file (found by
    newcomer4, F5)."""
    from .pagekit import _idle, _see, _web, _with_upload

    web = _web(request)
    batch = _idle(web, _with_upload(web, request.path_params["name"]))
    form = await request.form()
    refused = await _refused_if_frozen(request, web, batch)
    if refused is not None:
        return refused
    every = [(k, v) for k, v in form.multi_items() if k.startswith("every:")]
    wanted = {k.removeprefix("every:"): str(v).strip() for k, v in every}
    if _stale(form, batch) and any(batch.every_row.get(f, "") != v for f, v in wanted.items()):
        return await run_in_threadpool(_page, request, batch, 409, STALE_COLUMNS)
    try:
        values = await run_in_threadpool(_every_row_values, web, batch, wanted)
    except BulkshipError as exc:
        return await run_in_threadpool(_page, request, batch, 400, _said(exc))
    if any(batch.every_row.get(f, "") != v for f, v in values.items()):
        if not await run_in_threadpool(_recorded, web, batch, ("web_every_row", {"values": values})):
            return await _changed_meanwhile(
                request,
                web,
                batch,
                done=lambda now: all(now.every_row.get(f, "") == v for f, v in values.items()),
            )
        say_in_trail(request.scope, every_row="; ".join(f"{f} = {v or 'none'}" for f, v in values.items()))
    else:
        nothing_changed(request.scope)
    return _see(f"/batches/{batch.name}/columns#check")


def _every_row_values(web: Web, batch: state.WebBatch, wanted: dict[str, str]) -> dict[str, str]:
    """The values for every row asked for, checked: a field a column gives keeps its column's (a value for
    every row would fill its empty cells unseen), and an amount must read as one."""
    from ..errors import InputError
    from ..money import AmountError, read_amount

    fields = {f.field: f for f in _report(web, batch).fields}
    for name, value in wanted.items():
        chosen = fields.get(name)
        if name not in EVERY_ROW_FIELDS or chosen is None:
            raise InputError(f"The page gives no value for every row to {name!r}: choose its column above")
        if len(value) > EVERY_ROW_MAX:
            raise InputError(
                f"A {chosen.title} of {len(value)} characters is no card or amount: at most {EVERY_ROW_MAX}. "
                "Nothing was changed"
            )
        if value and chosen.header:
            raise InputError(
                f"Column '{chosen.header}' gives {chosen.title}: each row's is read from it, none is set for "
                "every row. Nothing was changed",
                hint="to give every row the same one, choose “— not used —” for that column first",
            )
        if value and name == "value":
            try:
                read_amount(value)
            except AmountError as exc:
                raise InputError(
                    f"{chosen.title} {value!r} {exc}. Nothing was changed",
                    hint="write it with a decimal point and no thousands separator, e.g. 25.00",
                ) from None
    return wanted


def _every_row_off(web: Web, batch: state.WebBatch, mapping: dict[str, str]) -> dict[str, str]:
    """The values for every row taken off ("" for each) once a column gives their field under ``mapping``
    (chosen after them): each would fill that column's empty cells, unseen."""
    if not batch.every_row:
        return {}
    fed = {f.field for f in _report(web, replace(batch, columns=mapping)).fields if f.header}
    return {name: "" for name in batch.every_row if name in fed}


def _recorded(web: Web, batch: state.WebBatch, *events: tuple[str, dict[str, Any]]) -> bool:
    """The page's change recorded, unless another was since ``batch`` was read: two people applying the
    Columns page at once, a long list read with each mapping for seconds, were both told it was done and
    the later one's mapping set back the other's (found by hunter-web14: Card chosen for Product, then lost
    to a page choosing Budget for Value)."""
    return state.record_change(web.settings, batch.name, batch.change_id, *events)


async def _changed_meanwhile(
    request: Request, web: Web, batch: state.WebBatch, said: str = "", *, done: Any = None
) -> Response:
    """The Columns page as it is now, saying nothing was changed (:data:`STALE_COLUMNS`, or ``said``); or
    the page with nothing said when the batch now reads as asked (``done(now)``: the same press sent twice
    at once, a double click, whose first press made the change)."""
    from .pagekit import _idle, _see, _with_upload

    now = _idle(web, _with_upload(web, batch.name))  # Send pressed meanwhile: its progress page says so
    if done is not None and done(now):
        nothing_changed(request.scope)
        return _see(f"/batches/{batch.name}/columns#check")
    return await run_in_threadpool(_page, request, now, 409, said or STALE_COLUMNS)


def _stale(form: Any, batch: state.WebBatch) -> bool:
    """Whether the form comes from a page shown before the batch's last change (every form of the page
    carries the change it showed; a form without one, from a page older than that, is not judged)."""
    shown = form.get("change")
    return shown is not None and str(shown) != str(batch.change_id)


STALE_COLUMNS = (
    "The batch changed since this page was shown (its columns, its sheet or a cell, in another tab or by "
    "someone else): nothing was changed, since applying the page as it was would set back that change. "
    "The columns as they are now are below: change them again if they still need it."
)  # found by hunter-web5: a Columns page left open set back the Amount column another person had chosen


async def reset(request: Request) -> Response:
    """Back to the mapping bulkship detects by itself."""
    from .pagekit import _see, _sending, _web, _with_upload

    web = _web(request)
    batch = _with_upload(web, request.path_params["name"])
    form = await request.form()
    refused = await _refused_if_frozen(request, web, batch)
    if refused is not None:
        return refused
    if _stale(form, batch) and batch.columns:  # on a page shown before another person chose a column
        return await run_in_threadpool(_page, request, batch, 409, STALE_COLUMNS)
    if batch.columns and not _sending(web, batch):
        off = await run_in_threadpool(_every_row_off, web, batch, {})
        events = [("web_columns", {"columns": {}, "profile": ""})]
        events += [("web_every_row", {"values": off})] if off else []
        if not await run_in_threadpool(_recorded, web, batch, *events):
            return await _changed_meanwhile(request, web, batch, done=lambda now: not now.columns)
    else:
        nothing_changed(request.scope)
    return _see(f"/batches/{batch.name}/columns")


FROZEN = (
    "Batch {name} already has orders at the vendor: its columns were read this way when its cards were "
    "ordered, and reading them otherwise now would take its rows for other people. Nothing was changed. To "
    "read the file another way, upload it again as a new batch"
)


async def _refused_if_frozen(request: Request, web: Web, batch: state.WebBatch) -> Response | None:
    """The Columns page saying why, when the mapping of ``batch`` can no longer change; else None."""
    frozen = await run_in_threadpool(_frozen, web, batch)
    return await run_in_threadpool(_page, request, batch, 409, frozen) if frozen else None


def _frozen(web: Web, batch: state.WebBatch) -> str:
    """Why the mapping of ``batch`` cannot change ("" when it can): orders at the vendor (or perhaps)."""
    from ..ledger import Ledger, ledger_exists

    if not ledger_exists(web.settings.ledger_location):
        return ""
    with Ledger.open(web.settings.ledger_location, lock=False, read_only=True) as ledger:
        holding = ledger.batches_holding_orders(tuple(COMMITTED_ORDER_STATES))
    return FROZEN.format(name=batch.name) if batch.name in holding else ""


def _said(exc: BulkshipError) -> str:
    return f"{exc.message}{'. ' + exc.hint if exc.hint else ''}"
