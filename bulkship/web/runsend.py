"""What a web batch's Send runs and how its end is said: :func:`bulkship.api.run` with the options its Send
confirmed (:func:`run_confirmed`), and the ``web_run_done`` detail of its end (:func:`ended_detail`,
:func:`failed_detail`, :func:`not_due`). The queue, the waits and the retries are :mod:`.runner`'s."""

from __future__ import annotations

import logging
from typing import Any

from .. import api
from ..errors import BulkshipError, ChargedPastLimitError, LedgerError
from ..ledger.schema import connection_lost
from ..settings import Settings
from . import batchledger, state
from .uploads import upload_of

log = logging.getLogger("bulkship.web")


class DatabaseLost(LedgerError):
    """A run stopped because the connection to the ledger's database was lost (``connection_lost``)."""


def run_confirmed(
    settings: Settings, batch: str, found: state.WebBatch, *, wait_s: float, webhook_url: str | None
) -> Any:
    """The run of ``batch`` as its Send confirmed it (the run's result)."""
    return api.run(
        settings,
        upload_of(found),
        batch=batch,
        sheet=found.sheet,
        program=found.program,
        corrections=found.corrections,
        max_total=found.confirmed_total,
        advise_split=False,  # its refusal says to check the new total (pagewords._PAGE_HINTS)
        charged_at_send=found.charged_at_send,
        cards_shown=found.confirmed_cards,
        # the total shown, or nothing: not for a run taken up again, part of it sent
        total_shown=None if batchledger.sent_since_confirmed(settings, found) else found.confirmed_total,
        wait_s=wait_s,
        webhook_url=webhook_url,
        allow_repeat_rows=frozenset(found.repeats_chosen),  # held rows a person chose to send
        leave_out=found.repeats_left,  # ... or to leave out: they have their card
        take_in=found.taken_in,  # rows the list leaves out a person ordered after all
        own_list=found.own_list,  # a person said it is a list of its own
    )


def ended_detail(result: Any) -> dict[str, Any]:
    """How a run that returned ended, as its ``web_run_done`` event says it."""
    stopped = result.stopped
    detail = {
        "exit_code": result.exit_code,
        "message": stopped.message if stopped else "",
        "hint": (stopped.hint or "") if stopped else "",
        "output": str(result.output or ""),
    }
    if isinstance(stopped, ChargedPastLimitError) and not stopped.left:
        detail["all_sent_past"] = stopped.counted  # every order went: sent, its charges past the Send's total
    return detail


def failed_detail(batch: str, exc: Exception) -> dict[str, Any]:
    """How a run that raised ``exc`` ended; :class:`DatabaseLost` raised where the ledger's database went away
    (the run is taken up again once it answers)."""
    if connection_lost(exc):
        said = exc if isinstance(exc, BulkshipError) else LedgerError(f"Cannot reach the ledger: {exc}")
        raise DatabaseLost(said.message, hint=said.hint) from exc
    if isinstance(exc, BulkshipError):
        return {"exit_code": exc.exit_code, "message": exc.message, "hint": exc.hint or ""}
    log.exception("batch %s: the run failed", batch)
    return {"exit_code": 1, "message": f"The run stopped on an unexpected error: {exc!r}", "hint": ""}


CHANGED_AFTER_SEND = (
    "Nothing was sent: the batch was changed after Send was pressed (a cell, its sheet or its columns, from "
    "another page). Open its cost page, check what it sends now and send it from there"
)


def not_due(found: state.WebBatch | None) -> dict[str, Any]:
    """How a run ends that finds its batch no longer to send: changed after the Send it was started for (the
    person must know nothing went out), or with nothing to send."""
    if found is not None and found.confirmed_id > found.done_id and not found.confirmed:
        return {"exit_code": 1, "message": CHANGED_AFTER_SEND, "hint": ""}
    return {"exit_code": 0, "message": "nothing to send"}
