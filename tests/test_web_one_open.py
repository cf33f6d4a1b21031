"""Issue 14: a page's reads of the ledger share one open (bulkship/web/ledgerreads.py). Each reader of
web/batchledger.py and web/state.py opened the ledger anew (a connection, its PRAGMAs, its schema's revision
read): 14 times for one upload, 11.7 % of a web test's time (hunter-speed7's leftover 2)."""

from __future__ import annotations

import contextvars
import threading

import pytest

from bulkship.errors import LedgerError
from bulkship.ledger import ledger_exists
from bulkship.settings import resolve_settings
from bulkship.web import batchledger, state
from bulkship.web.ledgerreads import one_open, reading, writing


@pytest.fixture
def settings():
    found = resolve_settings()
    _uploaded(found)  # the ledger made, with the page's batch
    return found


def _uploaded(settings) -> None:
    state.record(settings, "gifts", "web_upload", path="/uploads/gifts.csv", file_name="gifts.csv")


def _opened(settings) -> object:
    with reading(settings) as ledger:
        return ledger


def test_the_reads_of_one_page_share_one_open_of_the_ledger(settings) -> None:
    with one_open(settings):
        first = _opened(settings)
        assert state.web_batch(settings, "gifts") is not None  # the page's own reads go through it too
        assert batchledger.rows_sent(settings, "gifts") == {} and batchledger.plans_dropped(settings) == 0
        state.record(settings, "gifts", "web_checked", rows=2)  # ... and its events
        with writing(settings) as written, one_open(settings):  # (inside another: that one's)
            assert _opened(settings) is first and written is first
    assert _opened(settings) is not _opened(settings)  # outside: each read its own, as before
    assert state.web_batch(settings, "gifts").checked == {"rows": 2}  # type: ignore[union-attr]


def test_a_thread_started_inside_opens_the_ledger_itself(settings) -> None:
    """A connection is never used by two threads: a reading apart inherits the context, not the open."""
    seen: list[object] = []
    with one_open(settings):
        mine = _opened(settings)
        context = contextvars.copy_context()  # as web.kept.Turns.apart starts a reading
        worker = threading.Thread(target=lambda: seen.append(context.run(_opened, settings)))
        worker.start()
        worker.join()
        assert seen and seen[0] is not None and seen[0] is not mine and _opened(settings) is mine


def test_a_read_that_fails_drops_the_shared_open_and_the_next_opens_again(settings) -> None:
    with one_open(settings):
        first = _opened(settings)
        with pytest.raises(LedgerError), reading(settings):
            raise LedgerError("the connection was lost")
        again = _opened(settings)
        assert again is not None and again is not first and _opened(settings) is again


def test_no_ledger_is_made_by_a_read_and_one_is_by_a_page_event() -> None:
    settings = resolve_settings()
    with one_open(settings):
        assert _opened(settings) is None and state.web_batches(settings) == {}
        assert not ledger_exists(settings.ledger_location)
        _uploaded(settings)
        assert _opened(settings) is not None and "gifts" in state.web_batches(settings)


def test_the_open_is_closed_with_its_page(settings) -> None:
    with one_open(settings):
        shared = _opened(settings)
    with pytest.raises(LedgerError, match="This Connection is closed"):
        shared.batch("gifts")  # type: ignore[attr-defined]
