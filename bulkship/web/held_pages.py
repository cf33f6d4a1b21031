"""The held rows of a batch: rows held because they repeat a card already ordered (the same name at another
address, the same person's card of an earlier batch), each sent anyway only when a person picks it, as
``bulkship run --allow-repeat`` sends them all. A web-only team had no way to send a row held by mistake (a
namesake at another address): the page said to ask a command-line user, and the batch read 'needs attention'
for good (found by newcomer12, W-held).

A choice is a change of the batch's rows (its plan, the approval it needs, who made it), recorded as one
``web_repeat`` event; the cost page then lists the rows sent again on purpose with the plan, their cards in
its total, and Send sends them as any other row. Nothing is ever chosen for a person: every row is unticked
until ticked, and there is no 'all' button."""

from __future__ import annotations

import contextlib
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ..errors import BulkshipError
from ..ledger import Ledger
from ..ledger.linewords import is_cancelled_hold
from ..repeats import HELD, repeat_said
from . import cost_pages, state
from .auth import nothing_changed, say_in_trail
from .pagekit import _idle, _see, _sending, _web, _with_upload, render
from .result_rows import listed_names

CHANGED = (
    "Nothing was saved: the batch's rows changed since this page was shown (a cell fixed, another choice "
    "made, or Send pressed). Check the held rows below and choose again."
)


def _held(web: Any, batch: state.WebBatch) -> list[dict[str, Any]]:
    """The batch's rows held as repeats, and those chosen to be sent anyway not sent yet, in row order: row,
    fingerprint, what each repeats, whether it was chosen, and the recipient as the list names them."""
    with Ledger.open(web.settings.ledger_location, lock=False) as ledger:
        held = ledger.current_rows_with_status(batch.name, HELD)
        chosen = [
            r
            for r in ledger.current_rows_with_status(batch.name, "planned")
            if r.fingerprint in batch.repeats_chosen
        ]
        record = ledger.batch(batch.name)
    rows = sorted([*held, *chosen], key=lambda r: r.row)
    left = sorted(set(batch.repeats_left) - {r.row for r in rows})
    names = listed_names(web, batch, [r.row for r in rows] + left, record.file_hash) if record else {}
    listed = [
        {
            "row": r.row,
            "key": r.fingerprint,
            "name": names.get(r.row, ""),
            "said": repeat_said(r.error or "")
            if r.status == HELD
            else batch.repeats_said.get(r.fingerprint, ""),
            "chosen": r.fingerprint in batch.repeats_chosen,
            "left": False,
            "cancelled": is_cancelled_hold(r.error),
        }
        for r in rows
    ]
    listed += [  # left out (they have their card): listed to be taken back
        {"row": row, "key": "", "name": names.get(row, ""), "said": batch.repeats_left[row], "chosen": False,
         "left": True, "cancelled": False}
        for row in left
    ]  # fmt: skip
    return sorted(listed, key=lambda r: int(r["row"]))


def _planned(web: Any, batch: state.WebBatch) -> None:
    """The batch's rows as they are now planned in the ledger (as its cost page plans them), so that the rows
    held are those of its rows now (none before its first look, a cell fixed since)."""
    if _sending(web, batch):
        return
    with contextlib.suppress(BulkshipError):  # another batch being sent, the file refused: as the ledger has
        cost_pages._plan(web, batch)


def planned_again(web: Any, name: str) -> bool:
    """Batch ``name`` planned as its cost page plans it (again only if what its plan holds for changed),
    where it can be: its file on this server, no run of it going on. Whether it was."""
    try:
        batch = _with_upload(web, name)
    except HTTPException:  # run from the command line, deleted, or its file on another server
        return False
    if _sending(web, batch):
        return False
    try:
        cost_pages._plan(web, batch)
    except BulkshipError:  # another batch being sent, the file refused: as the ledger has it
        return False
    return True


def plan_those_held_for(web: Any, deleted: str) -> None:
    """The batches whose rows were held for cards batch ``deleted`` planned and never sent, planned again now
    that it is gone, as their cost page plans them (nothing is sent). They read 'needs attention' on Batches
    and '3 held' in `bulkship status`, their rows 'delete batch gifts', of a batch deleted, until someone
    opened one of their pages (found by hunter-web26 beside the web page's known leftover)."""
    from .batchledger import PLANNED_THERE

    named = [name for name in state.web_batches(web.settings) if name != deleted]
    with Ledger.open(web.settings.ledger_location, lock=False) as ledger:
        waiting = [
            name
            for name in named
            if any(
                (found := PLANNED_THERE.search(r.error or "")) is not None and found.group(1) == deleted
                for r in ledger.current_rows_with_status(name, HELD)
            )
        ]
    for name in waiting:
        planned_again(web, name)


async def held(request: Request) -> Response:
    web = _web(request)
    batch = _with_upload(web, request.path_params["name"])
    await run_in_threadpool(_planned, web, batch)
    rows = await run_in_threadpool(_held, web, batch)
    error = CHANGED if request.query_params.get("changed") else ""
    return render(request, "held.html", batch=batch, rows=rows, error=error)


def _left_out(who: str, row: dict[str, Any]) -> str:
    """What a held row left out on the page says: they have their card, or (its card cancelled at the
    vendor: they have none) it is not to be sent, as the cancellation meant."""
    if row.get("cancelled"):
        return (
            f"left out on the Held rows page by {who}: not to be sent, as the vendor's cancellation meant "
            f"({row['said']})"
        )
    return f"left out on the Held rows page by {who}: they have their card already ({row['said']})"


async def choose(request: Request) -> Response:
    """The held rows to send anyway, as ticked (the others held): one ``web_repeat`` event, recorded only
    while the rows are as the page showed them."""
    web = _web(request)
    batch = _idle(web, _with_upload(web, request.path_params["name"]))
    form = await request.form()
    listed = await run_in_threadpool(_held, web, batch)
    rows = {r["key"]: r for r in listed if r["key"]}
    ticked = {str(key) for key in form.getlist("send")}
    chosen = {key: int(rows[key]["row"]) for key in sorted(ticked) if key in rows}
    by_row = {int(r["row"]): r for r in listed}
    who = str(request.scope.get("actor") or state.current_user())
    leave = {
        row: batch.repeats_left.get(row) or _left_out(who, by_row[row])
        for row in sorted({int(str(v)) for v in form.getlist("leave") if str(v).isdigit()} & set(by_row))
    }
    both = sorted(row for row in leave if by_row[row]["key"] in chosen)
    if both:
        error = BulkshipError(
            f"Row(s) {', '.join(map(str, both))} ticked both to send anyway and to leave out. Nothing was "
            "saved",
            hint="tick one of the two for each row on the Held rows page",
        )
        return render(request, "problem.html", 400, batch=batch, error=error)
    if chosen == batch.repeats_chosen and leave == batch.repeats_left:  # saved already (a double click)
        nothing_changed(request.scope)
        return _see(f"/batches/{batch.name}/cost")
    if str(form.get("change")) != str(batch.change_id):
        return _see(f"/batches/{batch.name}/held?changed=1")
    said = {key: str(rows[key]["said"]) for key in chosen}
    event = ("web_repeat", {"chosen": chosen, "said": said, "leave": leave, "by": who})
    if not await run_in_threadpool(state.record_change, web.settings, batch.name, batch.change_id, event):
        return _see(f"/batches/{batch.name}/held?changed=1")
    picked = [f"row {rows[key]['row']}: {rows[key]['said']}" for key in chosen]
    kept = sorted(
        int(rows[key]["row"]) for key in rows if key not in chosen and int(rows[key]["row"]) not in leave
    )
    say_in_trail(
        request.scope,
        send_anyway="; ".join(picked) or "none",
        left_out="; ".join(f"row {row}: {why}" for row, why in leave.items()) or "none",
        held=", ".join(str(row) for row in kept) or "none",
    )
    return _see(f"/batches/{batch.name}/cost")
