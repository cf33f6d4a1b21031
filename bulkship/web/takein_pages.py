"""A row the list leaves out (hidden, crossed out, a note or a status saying not to send it), ordered after
all from the review page, or left out again: one ``web_take_in`` event.

The page said of such a row only "to order it, change that in your file and upload the file again", and an
upload is always a new batch: the person who learned that Jack was not terminated after all got a second batch
where everyone sent in the first came back held and 'to fix' (newcomer15's N11). The row is now taken in where
it is, judged as any row (an empty street is an error to fix on the page, a card ordered before is held), and
sent by the batch's next Send; an approval asked before no longer covers the plan."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ..errors import BulkshipError
from . import batchledger, state
from .auth import nothing_changed, say_in_trail
from .fix_pages import reviewed, row_form
from .pagekit import _idle, _see, _with_upload, render

TAKE_TRIES = 3  # recorded again on the rows as they are when another change was recorded meanwhile


async def take_in(request: Request) -> Response:
    """Order the row after all (``take=in``), or leave it out again as the list does (``take=out``)."""
    opened = await row_form(request)
    if isinstance(opened, Response):
        return opened
    web, batch, row, form = opened
    take = str(form.get("take") or "") == "in"
    who = str(request.scope.get("actor") or state.current_user())
    for _ in range(TAKE_TRIES):
        found = await reviewed(request, web, batch)
        if isinstance(found, Response):
            return found
        if row not in found.loaded.frame.index:
            raise HTTPException(404, "No such row")
        if take == (row in batch.taken_in):  # so already: a double click, Back and press again
            nothing_changed(request.scope)
            break
        sent = await run_in_threadpool(batchledger.rows_sent, web.settings, batch.name)
        said = {s.row: s.reason for s in found.loaded.skipped}
        if take and (row not in found.may_take_in or row in sent):
            return render(request, "problem.html", 409, batch=batch, error=_not_left_out(row, said, sent))
        if not take and row in sent:
            error = BulkshipError(
                f"Row {row} was ordered in PO {sent[row]} already: it cannot be left out now. Nothing was "
                "saved",
                hint="a card ordered is never taken back by a page of bulkship; ask the vendor to cancel it",
            )
            return render(request, "problem.html", 409, batch=batch, error=error)
        reason = said.get(row, "") if take else batch.taken_in.get(row, "")
        event = ("web_take_in", {"row": row, "take": take, "said": reason, "by": who})
        if await run_in_threadpool(state.record_change, web.settings, batch.name, batch.change_id, event):
            if take:
                say_in_trail(request.scope, row=str(row), ordered_after_all=f"the list left it out: {reason}")
            else:
                say_in_trail(request.scope, row=str(row), left_out_again=reason)
            break
        batch = _idle(web, _with_upload(web, batch.name))  # another change meanwhile: judged again
    else:
        error = BulkshipError(
            "The batch kept changing while your choice was saved (other people are changing its rows): "
            "nothing was saved",
            hint="open the review again, check the row and choose there",
        )
        return render(request, "problem.html", 409, batch=batch, error=error)
    # the row alone: '?find=5' listed every row holding a 5 ("21 row(s) holding '5'", found by newcomer28)
    return _see(f"/batches/{batch.name}/review?row={row}&taken={'in' if take else 'out'}#row-{row}")


def _not_left_out(row: int, said: dict[int, str], sent: dict[int, str]) -> BulkshipError:
    if row in sent:
        why = f"it was ordered in PO {sent[row]} already"
    elif row in said:
        why = f"it is no recipient, or was left out on this page or the Held rows page ({said[row]})"
    else:
        why = "the list does not leave it out: it is ordered as it stands"
    return BulkshipError(
        f"Row {row} cannot be ordered after all here: {why}. Nothing was saved",
        hint="open the review again: each row says how it is ordered",
    )
