"""The Columns page's profiles: the batch's mapping saved under a name (for the next file with these headers,
and ``--config NAME``), and the batch read with a saved one; each a ledger event, as any change of the page
(:mod:`.columns`)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from .. import profiles
from ..errors import BulkshipError
from ..team.audit import PROFILE_SAVED_BY, PROFILE_SAVER_UNKNOWN
from . import state
from .auth import nothing_changed, say_in_trail
from .columns import (
    STALE_COLUMNS,
    _changed_meanwhile,
    _every_row_off,
    _every_row_values,
    _page,
    _recorded,
    _refused_if_frozen,
    _report,
    _said,
    _stale,
)

if TYPE_CHECKING:
    from .pagekit import Web


async def save_profile(request: Request) -> Response:
    """Save the batch's mapping under a name, for the next file with these headers (and ``--config NAME``).
    Not while the batch is sent or waits its turn to be (found by review16: saved from a Columns page open in
    another tab, it made the confirmed batch a changed one, and its run ended "nothing to send")."""
    from .pagekit import _idle, _see, _web, _with_upload

    web = _web(request)
    batch = _idle(web, _with_upload(web, request.path_params["name"]))
    form = await request.form()
    name = str(form.get("profile") or "").strip()
    if form.get("replace") != "yes" and await run_in_threadpool(_saved_already, web, batch, name):
        nothing_changed(request.scope)  # pressed twice: the first press saved it, and the batch reads with it
        return _see(f"/batches/{batch.name}/columns")
    if _stale(form, batch):  # it would save under the name columns the person never saw
        return await run_in_threadpool(_page, request, batch, 409, STALE_COLUMNS)
    try:
        report = await run_in_threadpool(_report, web, batch)
        by = str(request.scope.get("actor") or "") if request.scope.get("team_mode") else ""
        saved = await run_in_threadpool(
            profiles.save_profile, web.settings.data_dir, name, batch.columns, report.headers,
            replace=form.get("replace") == "yes", every_row=batch.every_row, saved_by=by,
        )  # fmt: skip
    except BulkshipError as exc:
        return await run_in_threadpool(_page, request, batch, 400, _said(exc))
    # the batch is read with the profile from now on, unless another person chose a column as it was saved
    # (recorded plainly, the columns read when the page was pressed set theirs back, unseen: review30)
    using = ("web_columns", {"columns": batch.columns, "profile": saved.name})
    if not await run_in_threadpool(_recorded, web, batch, using):
        return await _changed_meanwhile(request, web, batch, SAVED_MEANWHILE.format(name=saved.name))
    say_in_trail(request.scope, profile=saved.name)
    return _see(f"/batches/{batch.name}/columns")


def _saved_already(web: Web, batch: state.WebBatch, name: str) -> bool:
    """Whether the batch reads with the profile ``name`` as it is: 'Save as a profile' pressed twice (a double
    click) said "A profile named 'p1' exists already. choose another name" of the profile its first press
    had saved, beside "Read with your profile “p1”" (found by hunter-web16 in Chromium)."""
    if not name or batch.profile != name:
        return False
    try:
        there = profiles.profile(web.settings.data_dir, name)
    except BulkshipError:
        return False
    return _reads_with(batch, there)


SAVED_MEANWHILE = (
    "Profile “{name}” was saved with the columns as this page showed them, but the batch changed "
    "meanwhile (its columns, its sheet or a cell, in another tab or by someone else): nothing of the batch "
    "was changed, and it is not read with that profile. The columns as they are now are below."
)


async def use_profile(request: Request) -> Response:
    """Read the file with a saved profile's mapping."""
    from .pagekit import _idle, _see, _web, _with_upload

    web = _web(request)
    batch = _idle(web, _with_upload(web, request.path_params["name"]))
    form = await request.form()
    refused = await _refused_if_frozen(request, web, batch)
    if refused is not None:
        return refused
    stale = _stale(form, batch)  # a profile used from a page shown before another column was chosen
    try:
        wanted = str(form.get("profile") or "")
        chosen = await run_in_threadpool(profiles.profile, web.settings.data_dir, wanted)
    except BulkshipError as exc:
        if stale:
            return await run_in_threadpool(_page, request, batch, 409, STALE_COLUMNS)
        return await run_in_threadpool(_page, request, batch, 400, _said(exc))
    if stale and not _reads_with(batch, chosen):  # (a double click's second press: read with it already)
        return await run_in_threadpool(_page, request, batch, 409, STALE_COLUMNS)
    if stale:
        nothing_changed(request.scope)
        return _see(f"/batches/{batch.name}/columns#check")
    try:
        await run_in_threadpool(_report, web, batch, chosen.columns)
        mapped = replace(batch, columns=chosen.columns)
        every = await run_in_threadpool(_every_row_values, web, mapped, dict(chosen.every_row))
    except BulkshipError as exc:
        return await run_in_threadpool(_page, request, batch, 400, _said(exc))
    off = await run_in_threadpool(_every_row_off, web, batch, chosen.columns)
    events = [("web_columns", {"columns": chosen.columns, "profile": chosen.name})]
    events += [("web_every_row", {"values": off})] if off else []
    # the profile's value for every row (found by hunter-web12: typed again each month)
    events += [("web_every_row", {"values": every})] if every else []
    if not await run_in_threadpool(_recorded, web, batch, *events):
        return await _changed_meanwhile(request, web, batch, done=lambda now: _reads_with(now, chosen))
    # who saved it chose these columns: a maker of the batch, who may not approve it (audit.changes_by)
    say_in_trail(request.scope, profile=chosen.name, **_saved_by(chosen))
    if every:
        say_in_trail(request.scope, every_row="; ".join(f"{f} = {v}" for f, v in every.items()))
    return _see(f"/batches/{batch.name}/columns#check")


def _saved_by(chosen: profiles.Profile) -> dict[str, str]:
    return {PROFILE_SAVED_BY: chosen.saved_by} if chosen.saved_by else {PROFILE_SAVER_UNKNOWN: "yes"}


def _reads_with(batch: state.WebBatch, chosen: profiles.Profile) -> bool:
    """Whether the batch is read with the profile as it is: its columns and its values for every row."""
    values = all(batch.every_row.get(f, "") == v for f, v in chosen.every_row.items() if v)
    return batch.profile == chosen.name and batch.columns == chosen.columns and values
