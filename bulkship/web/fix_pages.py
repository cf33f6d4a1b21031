"""A row or a column of a batch fixed on its review page (the review itself: :mod:`.upload_pages`): the cells
a person changed in one row, or every cell of one column reading one text, recorded as the batch's changes."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ..columns import AmbiguousColumnsError
from ..errors import BulkshipError, MissingColumnsError, SecondCardError
from . import batchledger, state
from .auth import nothing_changed, say_in_trail
from .pagekit import Web, _idle, _see, _web, _with_upload, another_upload, render
from .reviewrows import Review


async def reviewed(request: Request, web: Web, batch: state.WebBatch) -> Review | Response:
    """The batch's rows as they are now, for a change sent from its review page; or the page saying nothing
    was saved where they cannot be read so: the review open in one tab, the Name column set to '— not used'
    on the Columns page in another, the review's forms answered 'Internal Server Error' (found by
    hunter-web26)."""
    try:
        return await run_in_threadpool(web.reviews.review, batch)
    except (AmbiguousColumnsError, MissingColumnsError, SecondCardError) as exc:
        error = BulkshipError(
            f"The batch's columns changed since this page was shown: {exc.message.split('. ')[0]}. Nothing "
            "was saved",
            hint="choose its columns on the Columns page, then make the change again on its review",
        )
    except BulkshipError as exc:
        error = BulkshipError(f"{exc.message.removesuffix('.')}. Nothing was saved", hint=exc.hint)
    return render(request, "problem.html", 409, batch=batch, error=error)


async def row_form(request: Request) -> tuple[Web, state.WebBatch, int, Any] | Response:
    """A row's form on the review page (a fix, or the row taken in): the batch, never while it is being sent
    or waits to be, the row and the form; or the page refusing a form of another upload's page (its row 2
    is another file's row 2)."""
    web = _web(request)
    batch = _idle(web, _with_upload(web, request.path_params["name"]))
    try:
        row = int(request.path_params["row"])
    except ValueError:
        raise HTTPException(404, "No such row") from None
    form = await request.form()
    other = another_upload(form, batch, "Nothing was saved")
    if other is not None:
        return render(request, "problem.html", 409, batch=batch, error=other)
    return web, batch, row, form


async def fix_row(request: Request) -> Response:
    """Record the cells a person changed in one row; the review then judges the rows again. Never while
    the batch is being sent or waits to be (found by hunter-web, W2: a fix from another tab after "Send"
    was saved while the run sent the row as it was)."""
    opened = await row_form(request)
    if isinstance(opened, Response):
        return opened
    web, batch, row, form = opened
    for _ in range(CHANGE_TRIES):
        refused = await _fix_row_once(request, web, batch, row, form)
        if refused is not True:
            break
        # another change was recorded while this one was judged: judged again on the rows as they are now
        batch = _idle(web, _with_upload(web, batch.name))
    else:
        error = BulkshipError(
            BUSY_ROWS, hint="open the review again, check the row and make your change there"
        )
        return render(request, "problem.html", 409, batch=batch, error=error)
    if isinstance(refused, Response):
        return refused
    back = str(form.get("back") or "")
    back = back if back.startswith("?") else ""
    return _see(f"/batches/{batch.name}/review{back}#row-{row}")


async def fix_column(request: Request) -> Response:
    """Change the same cell of many rows at once: every cell of one column reading a text ('Visa' in Card)
    to another ('VISA-PREPAID'), one ledger event. An HR list's eight 'Visa' cards were eight row forms to
    fill, one at a time (found by newcomer5, L7; and L6: the same amount changed in twelve rows after a
    rejection). Only when the rows are as the page showed them (``change``): a count read on an older page
    would change rows the person never saw."""
    web = _web(request)
    batch = _idle(web, _with_upload(web, request.path_params["name"]))
    form = await request.form()
    found = await reviewed(request, web, batch)
    if isinstance(found, Response):
        return found
    header = str(form.get("header") or "")
    if header not in found.loaded.headers:
        raise HTTPException(404, "No such column")
    was, value = _lines(form.get("was", "")).strip(), _lines(form.get("value", "")).strip()
    if str(form.get("change")) != str(batch.change_id):
        last = batch.column_fix  # the same change sent again (a double click, Back and send again): done
        if last is not None and last[0] == batch.change_id and last[1] == (header, was, value):
            nothing_changed(request.scope)
            return _see(_changed_page(batch.name, value, last[2]))
        error = BulkshipError(STALE_COLUMN, hint="look at the rows again and change them there")
        return render(request, "problem.html", 409, batch=batch, error=error)
    sent = await run_in_threadpool(
        batchledger.rows_sent, web.settings, batch.name
    )  # afresh, not the cached review
    rows = [r for r in await run_in_threadpool(found.reading, header, was, besides=value) if r not in sent]
    if not rows and not await run_in_threadpool(found.reading, header, was):
        error = BulkshipError(
            f"No row the page can change has '{was}' in column '{header}'. Nothing was changed",
            hint="rows ordered already, and rows the file itself leaves out, keep their cells",
        )
        return render(request, "problem.html", 409, batch=batch, error=error)
    if rows:
        fix = ("web_fix_rows", {"rows": rows, "header": header, "was": was, "value": value})
        if not await run_in_threadpool(state.record_change, web.settings, batch.name, found.change_id, fix):
            # another change was recorded as the rows were counted: they may not be those there now
            batch = _idle(web, _with_upload(web, batch.name))
            error = BulkshipError(STALE_COLUMN, hint="look at the rows again and change them there")
            return render(request, "problem.html", 409, batch=batch, error=error)
        named = ", ".join(str(row) for row in rows[:20]) + (", ..." if len(rows) > 20 else "")
        say_in_trail(request.scope, changes=f"{header}: {was!r} -> {value!r} in {len(rows)} row(s): {named}")
    else:
        nothing_changed(request.scope)
    return _see(_changed_page(batch.name, value, len(rows)))


CHANGE_TRIES = 3  # a change judged again when others were recorded meanwhile (then the person is asked)
BUSY_ROWS = (
    "The batch kept changing while your change was saved (other people are changing its rows): nothing was "
    "saved"
)


async def _fix_row_once(
    request: Request, web: Web, batch: state.WebBatch, row: int, form: Any
) -> Response | bool | None:
    """The row's cells changed as the form says, judged on the batch's rows as ``batch`` has them: None
    when saved (or nothing changed), the page saying why not, or True when another change was recorded
    meanwhile (nothing saved: to judge again)."""
    found = await reviewed(request, web, batch)
    if isinstance(found, Response):
        return found
    if row not in found.loaded.frame.index:
        raise HTTPException(404, "No such row")
    sent = await run_in_threadpool(
        batchledger.rows_sent, web.settings, batch.name
    )  # afresh, not the cached review
    if row in sent:
        error = BulkshipError(
            f"Row {row} was ordered in PO {sent[row]}: its cells cannot change here. Nothing was saved",
            hint="editing the sheet never changes a card already ordered; to send this person another card, "
            "upload a file of its own",
        )
        return render(request, "problem.html", 409, batch=batch, error=error)
    if row in found.elsewhere:
        error = BulkshipError(
            f"Row {row}'s card is in another batch's order already ({found.elsewhere[row]}): its cells "
            "cannot change here. Nothing was saved",
            hint="editing the sheet never changes a card already ordered",
        )
        return render(request, "problem.html", 409, batch=batch, error=error)
    before = dict(found.cells(row))
    # a cell reading already what is asked is no one's change undone: the same Save sent twice (a double
    # click, Back and Save again) said 'changed by someone else' of the person's own change (hunter-web14)
    changed = {h: c for h, c in _changed_cells(form, before).items() if _lines(before[h]) != c[1]}
    overtaken = [h for h, (was, _new) in changed.items() if _lines(before[h]) != was]
    if overtaken:  # someone saved this row since the page was loaded: never undo their change unseen
        now = ", ".join(f"{h} is now '{before[h]}'" for h in overtaken)
        error = BulkshipError(
            f"Row {row} was changed by someone else since you opened the page ({now}). Nothing was saved",
            hint="open the review again, check the row and make your change there",
        )
        return render(request, "problem.html", 409, batch=batch, error=error)
    if not changed:
        nothing_changed(request.scope)
        return None
    fixes = [("web_fix", {"row": row, "header": h, "value": value}) for h, (_, value) in changed.items()]
    if not await run_in_threadpool(state.record_change, web.settings, batch.name, found.change_id, *fixes):
        return True
    said = "; ".join(f"{h}: {before[h]!r} -> {value!r}" for h, (_, value) in changed.items())
    say_in_trail(request.scope, changes=said)
    return None


def _changed_page(batch: str, value: str, changed: int) -> str:
    """The review after a column's change: the rows holding the new text (all rows, when the cells were
    emptied), and how many cells it changed."""
    shown = urlencode({"find": value, "changed": changed} if value else {"filter": "all", "changed": changed})
    return f"/batches/{batch}/review?{shown}"


STALE_COLUMN = (
    "The batch changed since that page was shown (a cell, its columns or its sheet, in another tab or by "
    "someone else): nothing was changed, since the rows it counted may not be those there now"
)


def _changed_cells(form: Any, before: dict[str, str]) -> dict[str, tuple[str, str]]:
    """The cells the person changed on the page: header -> (the value the page showed, the new value). A
    form without the shown values (``was:``) is compared with the row as it is now. A browser sends every
    line break as CR LF: a cell written on two lines (Alt+Enter) is compared by its lines, so it is neither
    "changed by someone else" nor changed when the person left it alone."""
    changed = {}
    for key, value in form.multi_items():
        header = key.removeprefix("cell:")
        if key.startswith("cell:") and header in before:
            was = _lines(form.get(f"was:{header}", before[header]))
            if _lines(value) != was:
                changed[header] = (was, _lines(value))
    return changed


def _lines(value: object) -> str:
    """A cell's text with its line breaks as the file's reader gives them (LF), whatever the browser sent."""
    return str(value).replace("\r\n", "\n").replace("\r", "\n")
