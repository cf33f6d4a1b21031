"""A batch whose run was cut short with its server process (killed, or stopped and not started again) while
another server sharing the ledger stays up: that server's pages read 'Sending… the run continues' of it for
good, and only a restart of a server took it up (found by hunter-web19, LO2). The pages now say it stopped
and what was sent, and *Resume sending* takes it up on this server: the ledger makes the run resume exactly
once (an order whose answer was lost is asked about by its PO number, never sent again), within the total
its Send confirmed."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from . import batchledger, servers, state
from .pagekit import Web, _batch_or_404, _see, _web


def run_interrupted(web: Web, batch: state.WebBatch) -> bool:
    """Whether the batch's confirmed Send is due and the server process that was sending it is gone: no run
    of it here, and no other process holding the batch (the command line, on a team's ledger)."""
    return (
        servers.run_gone(web.settings, batch)
        and not web.runner.active(batch.name)
        and not batchledger.sent_elsewhere_now(web.settings, batch.name)
    )


def resumable(web: Web, batch: state.WebBatch) -> bool:
    """Whether this server can take the interrupted run up: its upload is here and it sends to the vendor
    API the batch's orders went to."""
    return (
        batch.upload is not None
        and batch.upload.exists()
        and not servers.elsewhere(web.settings, batch)
        and not batchledger.for_another_vendor(web.settings, batch.name)
    )


async def resume(request: Request) -> Response:
    """*Resume sending*: the run of an interrupted batch started here (a second press, another tab or another
    server's page changes nothing: the runner runs a batch once, and a run waits for another's lock on it);
    anything else shows the progress as it is."""
    web = _web(request)
    batch = _batch_or_404(web, request.path_params["name"])
    if await run_in_threadpool(lambda: run_interrupted(web, batch) and resumable(web, batch)):
        web.runner.start(batch.name)
    else:
        from .auth import nothing_changed

        nothing_changed(request.scope)  # the trail's "resume" line only for a run taken up
    return _see(f"/batches/{batch.name}/progress")
