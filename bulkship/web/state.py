"""What the web page knows about a batch, read back from the ledger's event journal, and its steps
recorded there. The web page keeps no state of its own: every step a person takes is one ledger event, and a
batch's web state is those events folded in order (:mod:`.webbatch` says which events and what each means).
"""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from ..ledger import EventRecord, Ledger
from ..ledger.writes import current_user as current_user  # who runs bulkship: defined once, by the ledger
from ..settings import Settings
from .batchledger import SENT_STATES
from .ledgerreads import reading, writing
from .servers import this_process
from .webbatch import WEB_EVENTS, WebBatch, fold


def _web_events(ledger: Ledger, batch: str | None = None) -> list[EventRecord]:
    """The page's own events (by their kind's index: a batch's thousands of order events are not read)."""
    return ledger.events(batch=batch, kinds=WEB_EVENTS)


def web_batch(settings: Settings, name: str) -> WebBatch | None:
    """The batch's web state (None: never uploaded through the page)."""
    with reading(settings) as ledger:
        if ledger is None:
            return None
        return fold(name, _web_events(ledger, name))


def any_batch(settings: Settings, name: str) -> WebBatch | None:
    """The batch as the page shows it: its web state, else (a batch run from the command line, or one whose
    page history is gone) what the ledger knows, with no upload. None: no such batch, or deleted from the
    page and never sent."""
    with reading(settings) as ledger:
        if ledger is None:
            return None
        found = fold(name, _web_events(ledger, name))
        record = ledger.batch(name)
        sent = bool(record) and any(
            n for s, n in ledger.order_counts(name).items() if s not in ("planned", "cancelled")
        )
    if found is not None and (not found.deleted or sent):
        if found.deleted:  # its upload is gone: only what the ledger knows is left
            found.upload = None
        return found
    if record is None or (found is not None and not sent):
        return None
    return WebBatch(name=name, file_name=record.file_name, created=record.created)


def web_batches(settings: Settings, *, deleted: bool = False) -> dict[str, WebBatch]:
    """Every batch uploaded through the page and not deleted (``deleted``: those too), by name."""
    with reading(settings) as ledger:
        if ledger is None:
            return {}
        by_name: dict[str, list[EventRecord]] = {}
        for event in _web_events(ledger):
            if event.batch:
                by_name.setdefault(event.batch, []).append(event)
    folded = {name: fold(name, events) for name, events in by_name.items()}
    return {name: b for name, b in folded.items() if b is not None and (deleted or not b.deleted)}


def request_out_of_date(settings: Settings, asked: Any, page: WebBatch | None) -> bool:
    """Whether a waiting approval request (``approvals.Approval``) can no longer be approved: its plan
    changed, or (a page's batch) its rows changed on the page since they were planned, which the ledger's
    plan does not show until its cost page plans them again (found by newcomer3, N7n: 'Waiting' on
    Approvals and 'awaiting approval' on Batches, refused only when Approve was clicked)."""
    from ..team import approvals

    return (page is not None and page.plan_outdated) or approvals.plan_changed(settings, asked)


def record(settings: Settings, batch: str, kind: str, **detail: Any) -> None:
    with writing(settings) as ledger:
        ledger.log_event(batch, None, kind, **detail)


def record_change(
    settings: Settings, batch: str, judged_on: int, *events: tuple[str, dict[str, Any]]
) -> bool:
    """Record the ``events`` of one change a person made to the rows (cells of a row, of a column), judged
    from the rows of change ``judged_on``: all of them, or none (False) when another change was recorded
    since, or a Send of the rows. Two people saving one cell in the same instant (one server working out a
    long list's review) were both told it was saved, and the later one's value undid the other's unseen
    (found by hunter-web14). Checked and recorded in one transaction holding the ledger's write lock, which
    every page's write takes."""
    with Ledger.open(settings.ledger_location, lock=False) as ledger, ledger.group():
        now = fold(batch, _web_events(ledger, batch))
        if now is None or now.deleted or now.due or now.change_id != judged_on:
            return False
        for kind, detail in events:
            ledger.log_event(batch, None, kind, **detail)
    return True


def confirm(
    settings: Settings,
    batch: WebBatch,
    total: Decimal,
    cards: dict[str, str] | None = None,
    *,
    process: dict[str, str] | None = None,
    approval: tuple[int, str] | None = None,
) -> bool:
    """Record "send" for ``total`` (and the ``cards`` shown: product Id -> name) and the batch's rows as
    ``batch`` shows them; False when they changed before it was recorded (another tab's fix, another
    server's): then nothing is confirmed. ``process``: the server sending it (``Runner.process``);
    ``approval``: the request an approver approved to send it (its id, who asked), for its pages' words."""
    return confirm_send(settings, batch, total, cards, process=process, approval=approval) is not None


def confirm_send(
    settings: Settings,
    batch: WebBatch,
    total: Decimal,
    cards: dict[str, str] | None = None,
    charged: Decimal | None = None,
    *,
    process: dict[str, str] | None = None,
    approval: tuple[int, str] | None = None,
) -> bool | None:
    """:func:`confirm`: None when nothing was confirmed, else whether this Send is the first for these rows
    (True) or repeats one recorded before their run (False: a double click, two tabs, two servers).
    ``charged``: what the batch was charged as its cost page showed it (:attr:`WebBatch.charged_at_send`)."""
    press = secrets.token_hex(8)
    before: dict[str, int] = {}
    with reading(settings) as ledger:
        if ledger is not None:
            before = {s: n for s, n in ledger.order_counts(batch.name).items() if s in SENT_STATES and n}
    more: dict[str, Any] = {} if charged is None else {"charged": str(charged)}
    if approval is not None:
        more["approval"], more["asked_by"] = approval
    record(
        settings, batch.name, "web_confirmed", total=str(total), change=batch.change_id, cards=cards or {},
        press=press, before=before, runner=process or this_process(settings), **more,
    )  # fmt: skip
    now = web_batch(settings, batch.name)
    if now is None or not now.confirmed or now.change_id != batch.change_id or now.deleted:
        return None
    return now.sent_by == press
