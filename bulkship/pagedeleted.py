"""Batches deleted on the web page before they sent anything, read from the page's own events in the ledger
without the web package (`bulkship status` loads no web server: tests/test_cli.py's quick commands).

The page hides such a batch from its Batches list; `bulkship status` listed it as 'draft', its rows in the
total, once its cost page had planned it (found by hunter-web28). A Delete recorded while a Send of the batch
is due deletes nothing (the page's fold, :func:`bulkship.web.webbatch.fold`); a batch any of whose orders left
is never hidden. Where this reading and the page's differ, the batch is shown."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .ledger import Ledger

DELETED = "web_deleted"
_EVENTS = ("web_upload", "web_confirmed", "web_run_done", DELETED)
_NEVER_SENT = ("planned", "cancelled")  # order states of a plan nothing of which left
STATE = "deleted on the page"  # `status NAME`'s word for one


def deleted_on_the_page(ledger: Ledger, names: Collection[str]) -> set[str]:
    """Of the batches ``names``, those deleted on the web page that sent nothing."""
    named = set(names)
    gone = {e.batch for e in ledger.events(kinds=[DELETED]) if e.batch in named}
    found = set()
    for name in sorted(n for n in gone if n):
        if any(n for state, n in ledger.order_counts(name).items() if state not in _NEVER_SENT):
            continue
        if _deleted(ledger, name):
            found.add(name)
    return found


def _deleted(ledger: Ledger, name: str) -> bool:
    deleted, confirmed, done = False, 0, 0
    for event in ledger.events(batch=name, kinds=list(_EVENTS)):
        if event.kind == "web_upload":  # a new upload under the name: a batch of its own
            deleted, confirmed, done = False, 0, 0
        elif event.kind == "web_confirmed":
            confirmed = event.id
        elif event.kind == "web_run_done":
            done = event.id
        elif not deleted:
            deleted = confirmed <= done  # a Send due (confirmed, its run not ended) wins over the Delete
    return deleted
