"""A list uploaded under its file's own name, refused as another batch's rows under another name, said on its
review to be a list of its own: one ``web_own_list`` event, judged from then on as a name typed at the upload.

Found by newcomer18 (N6): holiday-v2.csv (holiday.csv's people, one amount changed, one person added) was
refused on its review as batch 'holiday' again; the way out, delete it and upload the file again with a name
typed, lost every fix made on the review, and the file's name and a typed name read differently to a person
who had typed neither."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ..errors import BulkshipError
from . import state
from .auth import nothing_changed, say_in_trail
from .fix_pages import reviewed
from .pagekit import _idle, _see, _web, _with_upload, another_upload, render


async def own_list(request: Request) -> Response:
    web = _web(request)
    batch = _idle(web, _with_upload(web, request.path_params["name"]))
    form = await request.form()
    other = another_upload(form, batch, "Nothing was saved")
    if other is not None:
        return render(request, "problem.html", 409, batch=batch, error=other)
    review_url = f"/batches/{batch.name}/review"
    if batch.own_list:  # said already: a double click, Back and press again
        nothing_changed(request.scope)
        return _see(review_url)
    found = await reviewed(request, web, batch)
    if isinstance(found, Response):
        return found
    if not (found.refused and found.file_named):
        error = BulkshipError(
            f"Batch {batch.name} is not refused as another batch's rows under its file's name: there is "
            "nothing to say of it. Nothing was saved",
            hint="open its review again: it says how each row is sent",
        )
        return render(request, "problem.html", 409, batch=batch, error=error)
    who = str(request.scope.get("actor") or state.current_user())
    event = ("web_own_list", {"by": who})
    if not await run_in_threadpool(state.record_change, web.settings, batch.name, batch.change_id, event):
        error = BulkshipError(
            f"Batch {batch.name} changed since its review was shown (another change, or a Send): nothing was "
            "saved",
            hint="open its review again and, if it is still refused, say there that it is a list of its own",
        )
        return render(request, "problem.html", 409, batch=batch, error=error)
    say_in_trail(request.scope, said="a list of its own, its rows another batch ordered held, not refused")
    return _see(review_url)
