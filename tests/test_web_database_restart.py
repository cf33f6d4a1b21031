"""A team's PostgreSQL ledger restarted (maintenance, a failover) while the web page sends a batch: every
session of the database ends at once, the run's with them (found by hunter-web23 in Chromium, pg_ctl
restart mid-send)."""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy
from starlette.testclient import TestClient
from support import embedded_sandbox_orders, visible_text
from support.vendor_proxy import Answer, Call, VendorProxy
from test_web import confirm, found, upload, wait_until_finished
from test_web_browser import many_rows

from bulkship.cli import main
from bulkship.ledger import Ledger
from bulkship.settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL, Settings, resolve_settings
from bulkship.web import create_app, runner, state
from bulkship.web.servers import KEEP_EVERY_S

pytestmark = pytest.mark.slow


QUICK_S = 0.05  # a lost database asked again, a server's lock there taken again: every 0.05 s, not 2 s, 15 s
NEVER_S = 24 * 3600.0  # a server's keep-serving pass that never comes within a test


def quick_app(settings: Settings, keep_serving_s: float = KEEP_EVERY_S) -> Any:
    """The server with its waits short: a lost database asked again every QUICK_S, and a run waits for none
    of its orders to complete (what these tests read is sent, not shipped; the proxied vendor's clock stands
    still: none would complete)."""
    return create_app(settings, run_wait_s=0, ledger_retry_s=QUICK_S, keep_serving_s=keep_serving_s)


def every_session_ended(url: str, *, refusing: bool = False) -> None:
    """What a restart of the database does to its clients: each session ends (``refusing``: and no new one
    is let in until :func:`let_in`, as while the server is down)."""
    name = url.rsplit("/", 1)[1]
    with _server(url) as connection:
        if refusing:
            connection.execute(sqlalchemy.text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
        ended = connection.execute(
            sqlalchemy.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"),
            {"name": name},
        ).all()
    assert ended, "no session to end"


def restart_at_second_order(vendor: VendorProxy, url: str, *, refusing: bool = False) -> list[Call]:
    """The vendor makes the second order, and the database restarts before its answer is recorded
    (:func:`every_session_ended`, ``refusing`` as there). The order POSTs the vendor got, as they come."""
    posts: list[Call] = []

    def rewrite(call: Call) -> Answer:
        if call.method != "POST" or call.path.lower() != "/v1/orders":
            return call.forward()
        posts.append(call)
        answer = call.forward()
        if len(posts) == 2:
            every_session_ended(url, refusing=refusing)
        return answer

    vendor.rewrite = rewrite
    return posts


def let_in(url: str) -> None:
    """The database started again: new sessions are let in."""
    name = url.rsplit("/", 1)[1]
    with _server(url) as connection:
        connection.execute(sqlalchemy.text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))


@contextlib.contextmanager
def _server(url: str) -> Iterator[sqlalchemy.Connection]:
    """A session on the server's own database, beside the test's."""
    engine = sqlalchemy.create_engine(
        url.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + "/postgres"
    )
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            yield connection
    finally:
        engine.dispose()


@pytest.mark.parametrize("down", [False, True], ids=["restarted", "down-a-while"])
def test_a_run_whose_database_restarted_mid_send_goes_on_once_it_answers(
    vendor: VendorProxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_url: str, down: bool
) -> None:
    """250 cards in three orders; the database restarts while the vendor makes the second. The run ended
    'Cannot write the ledger ...: terminating connection due to administrator command ... then send the
    batch again from its cost page', 'Finished' with one order recorded and the second in doubt: the
    people of the other two orders got nothing until someone came back to the page (which said 'the run
    continues, and resumes if the server restarts'). It now waits for the database and goes on as a
    restarted server does: the second order asked about by its PO number, the third sent, every card once.
    ``down``: the database refuses new sessions for a while after (stopped, then started): the run waits
    until it lets them in again."""
    probes: list[int] = []

    class Started:  # the database is asked whether it answers: the third time, it does again
        @staticmethod
        def open(*args: Any, **kwargs: Any) -> Any:
            probes.append(0)
            if len(probes) == 3:
                let_in(pg_url)
            return Ledger.open(*args, **kwargs)

    posts = restart_at_second_order(vendor, pg_url, refusing=down)
    for name, value in {
        "BULKSHIP_LEDGER": pg_url, "BULKSHIP_DATA_DIR": str(tmp_path / "data"),
        "BULKSHIP_OUT": str(tmp_path / "results"), "BULKSHIP_TRACK_EVERY_MIN": "0",
        "BULKSHIP_API_URL": vendor.url, "BULKSHIP_EMAIL": SANDBOX_EMAIL,
        "BULKSHIP_ACCESS_TOKEN": SANDBOX_ACCESS_TOKEN, "BULKSHIP_CONCURRENCY": "1",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    if down:
        monkeypatch.setattr(runner, "Ledger", Started, raising=False)
    with (
        contextlib.ExitStack() as stack,
        TestClient(quick_app(resolve_settings()), follow_redirects=True) as client,
    ):
        stack.callback(let_in, pg_url)
        upload(client, many_rows(tmp_path / "big.csv", 250), name="big")
        confirm(client, "big")
        done = visible_text(wait_until_finished(client, "big"))
        assert "Cannot write the ledger" not in done, done
        assert "Finished" in done and "3 of 3 orders sent" in done, done
        line = visible_text(found(r'(?s)(<tr data-batch="big">.*?</tr>)', client.get("/").text))
        assert " sent " in f" {line} " and "needs attention" not in line, line
    sent = [li["ExternalId"] for o in vendor.sandbox.orders() for li in o["LineItems"]]
    assert len(posts) >= 3 and len(vendor.sandbox.orders()) == 3
    assert len(probes) >= 3 if down else not probes
    assert len(sent) == 250 == len(set(sent))


def test_a_database_refusing_sessions_is_a_lost_connection_wherever_it_is_read(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reads a run makes of the team's tables raise the database's bare error, not a LedgerError (the
    live run of hunter-web23 stopped on 'an unexpected error' there, PostgreSQL shutting down): both are
    read as the connection lost, so the run waits for the database wherever it was cut; a ledger's own
    error (a constraint) is not."""
    from bulkship.ledger.schema import connection_lost
    from bulkship.team import accounts, store

    monkeypatch.setenv("BULKSHIP_LEDGER", pg_url)
    settings = resolve_settings()
    accounts.add_user(settings, "ada", "password-ada", ["admin"], actor="test")
    every_session_ended(pg_url, refusing=True)
    try:
        for read in (
            lambda: accounts.find_user(settings, "ada"),
            lambda: Ledger.open(pg_url, lock=False).__enter__(),
        ):
            with pytest.raises(Exception) as raised:
                read()
            assert connection_lost(raised.value), repr(raised.value)
    finally:
        let_in(pg_url)
        store.forget_engines()
    with pytest.raises(Exception) as refused:
        accounts.add_user(settings, "ada", "password-ada", ["admin"], actor="test")
    assert not connection_lost(refused.value), repr(refused.value)


def test_a_live_server_whose_lock_a_database_restart_ended_is_not_read_interrupted_on_its_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_url: str
) -> None:
    """Server A (the embedded sandbox) has a run queued behind another batch's send when the database
    restarts: the lock A holds while it serves ends with its session, and is taken again only when A starts
    its next run. Server B, on the same machine and ledger, read 'Interrupted: the server process that was
    sending this batch (pid N on this machine) stopped', offering Resume, of a process alive beside it (seen
    live on A's own page after hunter-web23's pg_ctl stop). B now reads the pid it can see: 'Sending…'; A
    sends the batch, every card once."""
    monkeypatch.setenv("BULKSHIP_LEDGER", pg_url)
    apps = {}
    for name in ("a", "b"):
        monkeypatch.setenv("BULKSHIP_DATA_DIR", str(tmp_path / name))
        apps[name] = quick_app(resolve_settings())
    with (
        TestClient(apps["a"], follow_redirects=True) as a,
        TestClient(apps["b"], follow_redirects=True) as b,
    ):
        upload(a, many_rows(tmp_path / "queued.csv", 3), name="queued")
        cost = a.get("/batches/queued/cost").text
        form = {
            key: found(rf'name="{key}" value="([^"]+)"', cost) for key in ("csrf_token", "total", "change")
        }
        web_runner = apps["a"].web.runner
        with web_runner.exclusive:  # another batch is being sent: this one waits its turn
            assert a.post("/batches/queued/confirm", data=form).url.path == "/batches/queued/progress"
            every_session_ended(pg_url)  # the database restarted
            said = visible_text(b.get("/batches/queued/progress").text)
            assert "Interrupted" not in said and "Sending…" in said, said
            line = found(r'(?s)(<tr data-batch="queued">.*?</tr>)', b.get("/").text)
            assert "needs attention" not in line and "sending" in line, line
        done = visible_text(wait_until_finished(a, "queued"))
        assert "Finished" in done and "1 of 1 orders sent" in done, done
    sent = [li["ExternalId"] for o in embedded_sandbox_orders(tmp_path / "a") for li in o["LineItems"]]
    assert len(sent) == 3 == len(set(sent))


def test_a_command_line_run_whose_database_restarted_says_so_not_to_free_disk_space(
    vendor: VendorProxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_url: str, capsys: Any
) -> None:
    """`bulkship run` on a team's PostgreSQL ledger whose database restarted while the vendor made the second
    of three orders ended 'Cannot write the ledger ...: terminating connection due to administrator command'
    with the hint 'free space on its disk (or check the database can be written), then run the same command
    again': a person went to look at a disk with room to spare. The hint says the connection was lost, to
    wait for the database and run the command again; run again, the rest goes out, every card once."""
    restart_at_second_order(vendor, pg_url)
    for name, value in {
        "BULKSHIP_LEDGER": pg_url, "BULKSHIP_API_URL": vendor.url, "BULKSHIP_EMAIL": SANDBOX_EMAIL,
        "BULKSHIP_ACCESS_TOKEN": SANDBOX_ACCESS_TOKEN, "BULKSHIP_CONCURRENCY": "1",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    sheet = many_rows(tmp_path / "big.csv", 250)
    command = ["run", str(sheet), "--batch", "big", "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    capsys.readouterr()
    assert main(command) != 0
    said = " ".join(capsys.readouterr().err.split())
    # the statement or its COMMIT, whichever the cut reached first (a loaded machine moves it)
    assert re.search(r"Cannot (write|commit to) the ledger", said), said
    assert "free space" not in said, said
    assert "the connection to the ledger's database was lost" in said, said
    assert "wait until it answers again, then run the same command again" in said, said
    vendor.rewrite = lambda call: call.forward()
    assert main(command) == 0
    sent = [li["ExternalId"] for o in vendor.sandbox.orders() for li in o["LineItems"]]
    assert len(vendor.sandbox.orders()) == 3 and len(sent) == 250 == len(set(sent))


def test_a_run_whose_end_the_database_restart_kept_from_the_ledger_is_recorded_once_it_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_url: str
) -> None:
    """The database went down just as a run's end was recorded: the end was lost (a line in the server's
    log), the batch stayed due with no run of it on a server alive, and its page read 'Sending…' (or
    'Interrupted') until the server was restarted. The runner now waits for the database and takes the
    run up again, which finds everything sent and records its end: 'Finished', every card once."""
    ended: list[str] = []
    told = state.record

    def record(settings: Any, batch: str, kind: str, **detail: Any) -> None:
        if kind == "web_run_done" and not ended:
            ended.append(batch)
            every_session_ended(pg_url, refusing=True)  # the database goes down, and starts again soon
            threading.Timer(0.5, let_in, (pg_url,)).start()
        told(settings, batch, kind, **detail)

    monkeypatch.setenv("BULKSHIP_LEDGER", pg_url)
    monkeypatch.setattr(state, "record", record)
    with (
        contextlib.ExitStack() as stack,
        TestClient(quick_app(resolve_settings()), follow_redirects=True) as client,
    ):
        stack.callback(let_in, pg_url)
        upload(client, many_rows(tmp_path / "end.csv", 3), name="end")
        assert confirm(client, "end").url.path == "/batches/end/progress"
        done = visible_text(wait_until_finished(client, "end"))
        assert "Finished" in done and "1 of 1 orders sent" in done, done
    assert ended == ["end"]
    sent = [
        li["ExternalId"]
        for o in embedded_sandbox_orders(resolve_settings().data_dir)
        for li in o["LineItems"]
    ]
    assert len(sent) == 3 == len(set(sent))


def test_a_server_takes_its_lock_again_after_a_database_restart_so_another_machine_reads_it_alive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_url: str
) -> None:
    """hunter-web22's LO1: server A had a run queued behind another batch's send when the database
    restarted; the lock A holds while it serves ended with its session, and A took it again only when it
    started its next run. Meanwhile a server of another machine (B) read that run 'Interrupted: the server
    process ... stopped', offering Resume. A now takes its lock again by itself once the database answers:
    B reads 'Sending…', and A sends the batch, every card once."""
    monkeypatch.setenv("BULKSHIP_LEDGER", pg_url)
    apps = {}
    # B stands for a server of another machine, but in this one test process it has A's pid and start: its
    # own keep-serving pass (runner.start_own_due) would read A's queued Send as its own and send it (into
    # B's sandbox) whenever the host name is not the other machine's. Only A's pass is what this is about.
    for name, keep_serving_s in (("a", QUICK_S), ("b", NEVER_S)):
        monkeypatch.setenv("BULKSHIP_DATA_DIR", str(tmp_path / name))
        apps[name] = quick_app(resolve_settings(), keep_serving_s=keep_serving_s)
    here = socket.gethostname()
    with (
        TestClient(apps["a"], follow_redirects=True) as a,
        TestClient(apps["b"], follow_redirects=True) as b,
    ):
        upload(a, many_rows(tmp_path / "queued.csv", 3), name="queued")
        cost = a.get("/batches/queued/cost").text
        form = {
            key: found(rf'name="{key}" value="([^"]+)"', cost) for key in ("csrf_token", "total", "change")
        }
        web_runner = apps["a"].web.runner
        with web_runner.exclusive:  # another batch is being sent: this one waits its turn
            assert a.post("/batches/queued/confirm", data=form).url.path == "/batches/queued/progress"
            every_session_ended(pg_url)  # the database restarted
            with monkeypatch.context() as elsewhere:
                elsewhere.setattr(socket, "gethostname", lambda: f"not-{here}")  # B: another machine
                for _ in range(600):
                    said = visible_text(b.get("/batches/queued/progress").text)
                    if "Interrupted" not in said:
                        break
                    time.sleep(0.05)
                assert "Interrupted" not in said and "Sending…" in said, said
        done = visible_text(wait_until_finished(a, "queued"))
        assert "Finished" in done and "1 of 1 orders sent" in done, done
    sent = [li["ExternalId"] for o in embedded_sandbox_orders(tmp_path / "a") for li in o["LineItems"]]
    assert len(sent) == 3 == len(set(sent))


def test_the_trail_says_why_the_server_took_a_run_up_again(
    vendor: VendorProxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_url: str, quick_hashes: None
) -> None:
    """The trail of a run the database's restart cut read 'server resume' with nothing beside it, between
    ria's run_start and the run's own resume: an auditor could not tell why the server took it up. The
    line says the ledger's database answered again; the run's end follows, every card once."""
    from bulkship.team import accounts, approvals, audit, store

    restart_at_second_order(vendor, pg_url)
    for name, value in {
        "BULKSHIP_LEDGER": pg_url, "BULKSHIP_DATA_DIR": str(tmp_path / "data"),
        "BULKSHIP_OUT": str(tmp_path / "results"), "BULKSHIP_TRACK_EVERY_MIN": "0",
        "BULKSHIP_API_URL": vendor.url, "BULKSHIP_EMAIL": SANDBOX_EMAIL,
        "BULKSHIP_ACCESS_TOKEN": SANDBOX_ACCESS_TOKEN, "BULKSHIP_CONCURRENCY": "1",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    settings = resolve_settings()
    accounts.add_user(settings, "ria", "password-ria", ["requester"], actor="test")
    approvals.set_threshold(settings, "1000000", actor="test")
    try:
        with TestClient(quick_app(settings), follow_redirects=True) as client:
            form = {"csrf_token": found(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)}
            client.post("/login", data={**form, "name": "ria", "password": "password-ria", "next": "/"})
            upload(client, many_rows(tmp_path / "big.csv", 250), name="big")
            confirm(client, "big")
            done = visible_text(wait_until_finished(client, "big"))
            assert "Finished" in done and "3 of 3 orders sent" in done, done
        lines = [(e.actor, e.action, e.detail) for e in audit.entries(settings, batch="big")]
    finally:
        store.forget_engines()
    resumed = [detail for actor, action, detail in lines if (actor, action) == ("server", "resume")]
    assert resumed and all("database answered again" in str(d.get("reason")) for d in resumed), lines
    assert [action for _actor, action, _detail in lines][-1] == "run_end", lines
    sent = [li["ExternalId"] for o in vendor.sandbox.orders() for li in o["LineItems"]]
    assert len(sent) == 250 == len(set(sent))


def test_a_transaction_whose_connection_was_cut_reads_as_the_connection_lost(tmp_path: Path) -> None:
    """Found by the lead's clean-clone CI of 04b10c2b: a web run met PostgreSQL's restart at its COMMIT as
    SQLAlchemy's "Can't reconnect until invalid transaction is rolled back" (a connection invalidated inside
    the transaction), which the run did not read as the connection lost: it stopped 'Cannot commit to the
    ledger' with 1 of 3 orders sent, instead of waiting for the database and finishing. That error is read
    as the connection lost now; here SQLAlchemy raises it for real, on a connection invalidated mid-way."""
    from bulkship.ledger.schema import connection_lost

    engine = sqlalchemy.create_engine(f"sqlite:///{tmp_path / 'cut.sqlite'}")
    with engine.connect() as connection:
        connection.begin()
        connection.execute(sqlalchemy.text("select 1"))
        connection.invalidate()
        with pytest.raises(sqlalchemy.exc.PendingRollbackError) as cut:
            connection.execute(sqlalchemy.text("select 1"))
    engine.dispose()
    assert connection_lost(cut.value), repr(cut.value)
