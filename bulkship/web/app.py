"""The app of ``bulkship serve``: its routes, wrapped in the guards. The pages are thin handlers over
:mod:`bulkship.api`, :mod:`.state` and :mod:`.review`.

Every page is rendered on the server from the ledger (and the upload it names), so a reload shows the same
thing; htmx only polls the progress fragment. Library calls run in a worker thread (they read files, call
the vendor and use ``asyncio.run``); anything that plans or sends goes through the :class:`Runner`'s lock.

The pages by step: :mod:`.pagekit` (what every handler uses: templates, rendering, the batch a URL names),
:mod:`.batches` (the list), :mod:`.upload_pages` (a new batch, its sheet, the review; a row or a column
fixed there: :mod:`.fix_pages`), :mod:`.columns`,
:mod:`.cost_pages` (the cost page and its Send), :mod:`.progress_pages` (the progress and delete pages),
:mod:`.results_pages` (results, the vendor comparison), :mod:`.downloads`, :mod:`.resolve_pages`,
:mod:`.team_pages`, and :mod:`.error_pages` (not found, a ledger out of reach, the guards' pages); this module
:func:`create_app`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy.exc import OperationalError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import LedgerError
from ..load import MAX_FILE_BYTES
from ..settings import Settings
from . import (
    batches,
    columns,
    held_pages,
    interrupted,
    ownlist_pages,
    profile_pages,
    resolve_pages,
    servers,
    takein_pages,
)
from .balance import BalanceReader
from .cost_pages import confirm, cost, sent_elsewhere, who_gets
from .csrf import PLAIN_HTTP_SAID, CsrfGuard
from .downloads import download
from .error_pages import (
    _csrf_page,
    _error_page,
    _nul_page,
    _stalled_page,
    _stopping_page,
    _too_large_page,
    _unreachable_page,
    ledger_down,
    not_found,
)
from .fix_pages import fix_column, fix_row
from .guards import BodyLimit, SecurityHeaders
from .pagekit import Web, _templates
from .progress_pages import delete, progress, progress_live
from .results_pages import reconcile, refresh_tracking, results
from .review import READ_AT_ONCE, Reviews
from .runner import LEDGER_RETRY_S, WEB_WAIT_S, Runner
from .upload_pages import choose_sheet, new_batch, review, upload

log = logging.getLogger("bulkship.web")

DEFAULT_MAX_UPLOAD_BYTES = MAX_FILE_BYTES  # what the loader accepts: a million rows fit with room to spare


async def _track_every(runner: Runner, seconds: float) -> None:
    """Refresh tracking in the background: one pass over every batch's orders not yet final, each period."""
    while True:
        await asyncio.sleep(seconds)
        runner.track()


async def _keep_serving(settings: Settings, runner: Runner, every_s: float) -> None:
    """On a team's PostgreSQL ledger, this process's lock there taken again after a database restart; on
    any ledger, a Send this server recorded whose run it never started (the database went away at that
    moment, or a SQLite read failed right after the Send was written) started."""
    while True:
        await asyncio.sleep(every_s)
        with contextlib.suppress(Exception):  # the database still away: tried again next time
            await run_in_threadpool(servers.keep_serving, settings)
            await run_in_threadpool(runner.start_own_due)


def create_app(
    settings: Settings,
    *,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    resume: bool = True,
    track_every_s: float | None = None,
    webhook_url: str | None = None,
    run_wait_s: float = WEB_WAIT_S,
    ledger_retry_s: float = LEDGER_RETRY_S,
    keep_serving_s: float = servers.KEEP_EVERY_S,
    readings_at_once: int = READ_AT_ONCE,
) -> Any:
    """The ASGI app: the pages wrapped in the guards. ``resume`` restarts runs a stopped server left;
    ``track_every_s`` refreshes tracking in the background that often (None: only when asked); runs register
    ``webhook_url`` with each order (a ``bulkship webhook serve`` sharing this ledger records deliveries).
    A run waits ``run_wait_s`` for its new orders to complete before its workbook is written (a vendor whose
    clock stands still, as in tests, completes none: 0 spares the wait). A run whose ledger's database went
    away asks it again every ``ledger_retry_s``; every ``keep_serving_s`` the server takes its lock on a
    PostgreSQL ledger again (a restart ended it) and starts a Send of its own whose run never started.
    ``readings_at_once``: how many uploads are read (a sheet, its review or plan worked out) at once."""
    runner = Runner(settings, webhook_url=webhook_url, wait_s=run_wait_s, ledger_retry_s=ledger_retry_s)
    reviews = Reviews(settings, readings_at_once)
    web = Web(settings, runner, reviews, max_upload_bytes, BalanceReader(settings))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # on a team's PostgreSQL ledger, the lock every server there reads this process's runs alive by
        done_serving = await run_in_threadpool(servers.serving, settings)
        web.reviews.serving()
        if resume:
            await run_in_threadpool(runner.resume_due)
        ticker = asyncio.create_task(_track_every(runner, track_every_s)) if track_every_s else None
        keeper = asyncio.create_task(_keep_serving(settings, runner, keep_serving_s))
        yield
        web.reviews.stop(last=True)  # the pages still waiting for a reading answered: the stop waits for none
        for task in (ticker, keeper):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        runner.shutdown()
        await run_in_threadpool(web.balances.close)
        await run_in_threadpool(done_serving)

    from . import team_pages
    from .auth import TeamAuth

    team_pages.install(_templates)
    _templates.globals["who_gets"] = who_gets  # the cost page's list of who gets what (its approver's too)
    _templates.globals["sent_elsewhere"] = sent_elsewhere  # ... and of its rows sent in other batches' orders
    static = StaticFiles(packages=[("bulkship.web", "static")])
    routes = [
        *team_pages.routes(),
        Route("/", batches.home),
        Route("/batches/new", new_batch),
        Route("/batches", upload, methods=["POST"]),
        Route("/batches/{name}", batches.open_batch),
        Route("/batches/{name}/sheet", choose_sheet, methods=["POST"]),
        Route("/batches/{name}/columns", columns.columns),
        Route("/batches/{name}/columns", columns.change, methods=["POST"]),
        Route("/batches/{name}/columns/reset", columns.reset, methods=["POST"]),
        Route("/batches/{name}/columns/profile", profile_pages.save_profile, methods=["POST"]),
        Route("/batches/{name}/columns/use", profile_pages.use_profile, methods=["POST"]),
        Route("/batches/{name}/columns/every-row", columns.every_row, methods=["POST"]),
        Route("/batches/{name}/review", review),
        Route("/batches/{name}/rows/{row}", fix_row, methods=["POST"]),
        Route("/batches/{name}/rows/{row}/take-in", takein_pages.take_in, methods=["POST"]),
        Route("/batches/{name}/column", fix_column, methods=["POST"]),
        Route("/batches/{name}/own-list", ownlist_pages.own_list, methods=["POST"]),
        Route("/batches/{name}/cost", cost),
        Route("/batches/{name}/confirm", confirm, methods=["POST"]),
        Route("/batches/{name}/held", held_pages.held),
        Route("/batches/{name}/held", held_pages.choose, methods=["POST"]),
        Route("/batches/{name}/progress", progress),
        Route("/batches/{name}/progress/live", progress_live),
        Route("/batches/{name}/resume", interrupted.resume, methods=["POST"]),
        Route("/batches/{name}/results", results),
        Route("/batches/{name}/results.{kind:str}", download),
        Route("/batches/{name}/reconcile", reconcile),
        Route("/batches/{name}/track", refresh_tracking, methods=["POST"]),
        Route("/batches/{name}/delete", delete, methods=["POST"]),
        *resolve_pages.routes(),
        Mount("/static", static, name="static"),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={
            HTTPException: not_found,
            LedgerError: ledger_down,
            OperationalError: ledger_down,
        },
    )
    app.state.web = web
    signed_in = TeamAuth(app, settings, team_pages.forbidden_page)  # sign-in and roles, once accounts exist
    guarded = SecurityHeaders(
        BodyLimit(
            CsrfGuard(signed_in, _csrf_page, _nul_page, lambda: _error_page("Form refused", PLAIN_HTTP_SAID)),
            max_upload_bytes,
            _too_large_page,
            _stalled_page,
        ),
        lambda exc, scope: _unreachable_page(exc, scope, runner.away(), sandbox=settings.is_sandbox),
        _stopping_page,
    )
    guarded.web = web  # type: ignore[attr-defined]  # for tests and the serve command
    return guarded
