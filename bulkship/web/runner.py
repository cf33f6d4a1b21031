"""Background runs in the server process, one at a time, whose only state is the ledger.

A confirmed batch is *due* (see :mod:`.state`); the runner calls :func:`bulkship.api.run` for it in a worker
thread, which resumes whatever an earlier run (or an earlier server, killed mid-way) left: the ledger
records every order's intent before it is sent and resolves the unsettled ones with their own PO number, so
a restart never orders a row twice. When the run ends, a ``web_run_done`` event says how. A run cut short by
the ledger's database going away (a PostgreSQL restart or failover) waits for it and is taken up the same way.

The ledger's process lock allows one library call that plans or sends at a time per process: plans (the
cost page) and runs share :attr:`Runner.exclusive`.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from datetime import UTC, datetime
from typing import Any

from .. import api, team
from ..errors import BulkshipError, LedgerError, LedgerLockedError
from ..ledger import Ledger, ledger_exists
from ..ledger.schema import connection_lost
from ..settings import Settings
from ..team.approvals import acting_as
from . import batchledger, servers, state
from .runsend import DatabaseLost, ended_detail, failed_detail, not_due, run_confirmed

log = logging.getLogger("bulkship.web")

WEB_WAIT_S = 3.0  # how long a run waits for new orders to complete; the results page refreshes tracking later
LOCKED_RETRY_S = 2.0  # another process works on the batch (another server, the command line): ask again after
LOCKED_WAIT_S = 15 * 60.0  # ... for at most this long, then the run ends saying so
LEDGER_RETRY_S = (
    2.0  # the database's connection lost under a run (restarted): asked again after, till it answers
)
LEDGER_TAKE_UPS = (
    5  # ... and the run taken up again, at most this many times in a row, then it ends saying why
)
AWAY_SAID_EVERY_S = 60.0  # while the database stays away, the log says the run still waits this often


# why the trail's 'resume' line of the server took a run up again (a bare 'server resume' said nothing)
DATABASE_BACK = (
    "the ledger's database answered again after the run lost it (restarted, or the connection cut)"
)

ALL = "*"  # a tracking pass over every batch with orders not yet final


class Runner:
    def __init__(
        self,
        settings: Settings,
        *,
        webhook_url: str | None = None,
        wait_s: float = WEB_WAIT_S,
        ledger_retry_s: float = LEDGER_RETRY_S,
    ) -> None:
        self.settings = settings
        self.webhook_url = webhook_url  # registered with each order: the vendor calls it when cards ship
        self.wait_s = wait_s  # how long a run waits for its new orders to complete (WEB_WAIT_S)
        self.ledger_retry_s = ledger_retry_s  # how often a lost database is asked again (LEDGER_RETRY_S)
        self.token = secrets.token_hex(8)  # this runner's own, beside its process (:meth:`process`)
        self.exclusive = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bulkship-run")
        self._guard = threading.Lock()
        self._queued: dict[str | tuple[str, str], Future[None]] = {}  # batch (a run), or ("track", batch)
        self._stopping = threading.Event()
        self._sending: set[str] = set()  # the batch whose run holds ``exclusive`` (others wait their turn)
        self._current: str | tuple[str, str] | None = None  # what the worker runs now (a key of _queued)
        self._held: set[str] = set()  # batches whose run waits for another process on the ledger
        self._away: dict[str, datetime] = {}  # batches whose run waits for the ledger's database, since when
        self.stopped_sending: list[str] | None = None  # the runs queued or under way at shutdown

    def process(self) -> dict[str, str]:
        """This server process as a Send or a run records it (:func:`servers.this_process`), with this
        runner's token: :meth:`start_own_due` starts the Sends of this runner, not of another app of the same
        process sharing the ledger (tests), which sends them itself."""
        return {**servers.this_process(self.settings), "app": self.token}

    def away(self) -> dict[str, datetime]:
        """The batches whose run waits for the ledger's database to answer again, and since when: what the
        pages say while they cannot read the ledger (hunter-web23's LO1: 'Ledger not reachable', and a
        progress page reading 'Sending…' with nothing sent, told nobody the run waits)."""
        with self._guard:
            return dict(self._away)

    def active(self, batch: str) -> bool:
        with self._guard:
            return batch in self._queued

    def waiting(self, batch: str) -> bool:
        """Whether the batch's run is queued or started but waits its turn (another batch's send, a tracking
        pass, another process on the ledger): its page read 'Sending…' for as long (found by hunter-web8).
        A run reading the ledger before it sends waits for nothing: the first page after Send on an idle
        server said 'Waiting its turn ... another send goes first' (newcomer9's L1)."""
        with self._guard:
            if batch not in self._queued or batch in self._sending:
                return False
            ahead = self._current is not None and self._current != batch
            return ahead or batch in self._held or self.exclusive.locked()

    def start(self, batch: str) -> None:
        """Queue the batch's run unless it is queued or running already (a second click changes nothing)."""
        with self._guard:
            if batch in self._queued:
                return
            self._queued[batch] = self._pool.submit(self._run, batch)

    def wait(self, batch: str, timeout: float) -> bool:
        """Until the batch's queued run ends, for at most ``timeout`` seconds: whoever waits on it (a test)
        is told as it ends instead of reading its progress again every so often; False at once where none
        is queued (another process's run, or none)."""
        with self._guard:
            future = self._queued.get(batch)
        if future is None:
            return False
        wait([future], timeout=timeout)
        return True

    def tracking(self, batch: str) -> bool:
        with self._guard:
            return ("track", batch) in self._queued

    def track(self, batch: str = ALL) -> None:
        """Queue one tracking pass for the batch, or (``ALL``) every batch (statuses, tracking numbers, the
        workbooks rewritten); one already queued for it is enough."""
        with self._guard:
            if ("track", batch) in self._queued:
                return
            self._queued[("track", batch)] = self._pool.submit(self._track, batch)

    def _track(self, batch: str) -> None:
        self._now(("track", batch))
        try:
            if not ledger_exists(self.settings.ledger_location):
                return  # nothing ordered yet
            with self.exclusive:
                api.track_batches(self.settings, None if batch == ALL else batch)
        except BulkshipError as exc:
            log.warning("batch %s: tracking stopped: %s", batch, exc)
        except Exception:
            log.exception("batch %s: tracking failed", batch)
        finally:
            with self._guard:
                self._queued.pop(("track", batch), None)
                self._current = None

    def _now(self, key: str | tuple[str, str]) -> None:
        """The worker starts ``key``'s job: whatever else is queued waits its turn behind it."""
        with self._guard:
            self._current = key

    def resume_due(self) -> list[str]:
        """Start every confirmed batch whose run never ended (the server stopped while it was sending)."""
        due = [
            name
            for name, b in state.web_batches(self.settings).items()
            if b.due
            and not servers.elsewhere(self.settings, b)  # the server holding its file resumes it
            and not batchledger.for_another_vendor(self.settings, name)  # ... and using its vendor
        ]
        for name in due:
            log.info("resuming batch %s", name)
            team.note(self.settings, "resume", actor="server", batch=name, reason="the server started again")
            self.start(name)
        return due

    def start_own_due(self) -> list[str]:
        """Start every due batch whose Send (or run) this very runner recorded and does not run: a Send
        recorded as the ledger's database went away (the read after it failed, 'Ledger not reachable') had
        no run started, and its page read 'Sending…' until the server restarted (found by hunter-web24; on a
        SQLite ledger too, a read failing after the Send was written: its LO5)."""
        me = self.process()
        mine = ("host", "pid", "start", "pidns", "app")
        due = [
            name
            for name, b in state.web_batches(self.settings).items()
            if b.due and not self.active(name) and all(b.runner.get(k) == me.get(k) for k in mine)
        ]
        for name in due:
            log.warning("batch %s: its Send was recorded but its run never started: starting it now", name)
            self.start(name)
        return due

    def sending(self) -> list[str]:
        """The batches whose run is queued or under way (tracking passes aside)."""
        with self._guard:
            return sorted(key for key in self._queued if isinstance(key, str))

    def shutdown(self) -> None:
        self.stopped_sending = self.sending()  # what the server's stop says (bulkship.web.server.serve)
        self._stopping.set()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _run(self, batch: str) -> None:
        self._now(batch)
        try:
            for _ in range(LEDGER_TAKE_UPS + 1):
                try:
                    detail = self._attempt(batch)
                    # None: the run of another process (or of this server, restarted) says how it ended. A
                    # run the server's stop cut short (SIGTERM: systemd, docker stop; its ledger calls then
                    # fail 'cannot schedule new futures after interpreter shutdown') says nothing: recorded,
                    # that end made the batch no longer due, never resumed, its progress page 'Finished'
                    # with 0 of 3 orders sent (found by hunter-web5). Unsaid, the next start resumes it,
                    # which never sends a row twice.
                    if (
                        detail is not None and not self._stopping.is_set()
                    ):  # the trail's run_end: the library's
                        state.record(self.settings, batch, "web_run_done", **detail)
                    return
                except Exception as exc:
                    # the ledger's database went away while its run was read or its end recorded: taken up
                    # again once it answers, else the batch stayed due with no run of it on a live server,
                    # its page 'Sending…' (hunter-web23)
                    if not connection_lost(exc) or not self._database_back(batch, exc):
                        raise
                    team.note(self.settings, "resume", actor="server", batch=batch, reason=DATABASE_BACK)
        except Exception:  # the journal itself failed: nothing more to say than the log
            log.exception("batch %s: could not record the end of its run", batch)
        finally:
            with self._guard:
                self._queued.pop(batch, None)
                self._current = None
                self._held.discard(batch)

    def _attempt(self, batch: str) -> dict[str, Any] | None:
        """The run, and how it ended; None when it is not this run's to say. While another process works on
        the batch (another server sharing the ledger sends it, or the command line), the run waits for it
        and then resumes, rather than ending at once as refused: that end, recorded while the other process
        was still sending, told every page the batch had stopped and opened its rows to changes (found by
        hunter-web, W5)."""
        deadline = time.monotonic() + LOCKED_WAIT_S
        waited = started = False
        lost = 0
        while True:
            found = state.web_batch(self.settings, batch)
            if found is not None and (
                servers.elsewhere(self.settings, found)
                or batchledger.for_another_vendor(self.settings, batch)
            ):
                return None  # another server's batch: that server sends it and says how it ended
            if found is None or found.upload is None or not found.due:
                return None if waited else not_due(found)
            if not started:  # this process sends it now: killed, every page can tell (servers.run_gone)
                state.record(self.settings, batch, "web_run_started", **self.process())
                started = True
            try:
                return self._send(batch, found)
            except LedgerLockedError as exc:
                with self._guard:
                    self._held.add(batch)
                if time.monotonic() < deadline and not self._stopping.wait(LOCKED_RETRY_S):
                    waited = True
                    continue
                if self._stopping.is_set():
                    return None  # the server stops: the batch is still due, resumed at the next start
                return {"exit_code": exc.exit_code, "message": exc.message, "hint": exc.hint or ""}
            except DatabaseLost as exc:  # the ledger's database went away mid-run: restarted, failed over
                lost += 1
                if lost > LEDGER_TAKE_UPS:
                    return {"exit_code": exc.exit_code, "message": exc.message, "hint": exc.hint or ""}
                if not self._database_back(batch, exc):
                    return None  # the server stops: the batch is still due, resumed at the next start
                team.note(self.settings, "resume", actor="server", batch=batch, reason=DATABASE_BACK)
                started = False  # its start recorded again: this process's lock on the ledger, taken again

    def _database_back(self, batch: str, exc: Exception) -> bool:
        """Wait until the ledger's database answers again (False: the server stops first). A run it cut
        short (a PostgreSQL restart, a failover) is then taken up as a restarted server takes up its runs,
        exactly once: it ended 'Cannot write the ledger ... send the batch again from its cost page' with 1
        of 3 orders sent, the others waiting for a person to come back (found by hunter-web23).

        It never gives up while the server lives: an end could not be recorded in a ledger out of reach
        (the batch would stay due, its page 'Sending…'), and nothing is sent meanwhile. So it says it waits:
        the server's log at once, every ``AWAY_SAID_EVERY_S`` after and when the database is back, and the
        pages (:meth:`away`), which cannot read the ledger meanwhile."""
        since = datetime.now(UTC)
        with self._guard:
            self._away[batch] = since
        said = (getattr(exc, "message", None) or str(exc)).splitlines()[0]  # not SQLAlchemy's 'Background'...
        log.warning(
            "batch %s: the ledger's database does not answer (%s); the run waits for it, nothing is sent "
            "meanwhile, and goes on where it stopped once it answers",
            batch,
            said,
        )
        told = time.monotonic()
        try:
            while not self._stopping.wait(self.ledger_retry_s):
                try:
                    with Ledger.open(self.settings.ledger_location, lock=False) as ledger:
                        ledger.batches()
                except LedgerError:
                    if time.monotonic() - told >= AWAY_SAID_EVERY_S:
                        told = time.monotonic()
                        log.warning(
                            "batch %s: still waiting for the ledger's database (away since %s UTC); nothing "
                            "is sent meanwhile",
                            batch,
                            f"{since:%H:%M}",
                        )
                    continue
                log.warning(
                    "batch %s: the ledger's database answers again (away since %s UTC): the run goes on "
                    "where it stopped",
                    batch,
                    f"{since:%H:%M}",
                )
                return True
            return False
        finally:
            with self._guard:
                self._away.pop(batch, None)

    @contextlib.contextmanager
    def _marked(self, batch: str) -> Iterator[None]:
        with self._guard:
            self._sending.add(batch)
        try:
            yield
        finally:
            with self._guard:
                self._sending.discard(batch)

    def _send(self, batch: str, found: state.WebBatch) -> dict[str, Any]:
        assert found.upload is not None  # _attempt sends only a batch whose upload is on the server
        try:
            with self.exclusive, acting_as(team.run_actor(self.settings, batch)), self._marked(batch):
                result = run_confirmed(
                    self.settings, batch, found, wait_s=self.wait_s, webhook_url=self.webhook_url
                )
        except LedgerLockedError:
            raise
        except Exception as exc:
            return failed_detail(batch, exc)
        return ended_detail(result)
