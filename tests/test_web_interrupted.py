"""A run whose server process was killed, seen from another server sharing the ledger and the machine
(found by hunter-web19, LO2): `bulkship serve` as a process of its own (support.forkserver) killed while an
order is at the vendor, its answer never read; a second server in this process reads the batch."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy
from starlette.testclient import TestClient
from support import visible_text
from support.vendor_proxy import Answer, Call, VendorProxy
from test_web import confirm, found, upload, wait_until_finished
from test_web_browser import START_LIMIT_S, many_rows, start_server

from bulkship.settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL, resolve_settings
from bulkship.web import create_app

pytestmark = pytest.mark.slow


@contextlib.contextmanager
def killed_mid_send(
    vendor: VendorProxy, tmp_path: Path, forks, monkeypatch: pytest.MonkeyPatch, ledger: str
) -> Iterator[tuple[TestClient, str]]:
    """Server A (a process of its own) sends 250 cards of batch 'big' in three orders on ``ledger`` and is
    killed (SIGKILL) while the vendor holds its second order, its answer never read; server B, in this
    process, shares the ledger: yields B's client (its page said 'Sending…' while A lived) and A's URL."""
    posts: list[Call] = []
    second_made, killed = threading.Event(), threading.Event()

    def rewrite(call: Call) -> Answer:
        if call.method != "POST" or call.path.lower() != "/v1/orders":
            return call.forward()
        posts.append(call)
        answer = call.forward()  # the order is made at the vendor ...
        if len(posts) == 2:  # ... and its answer never reaches server A, killed meanwhile
            second_made.set()
            killed.wait(START_LIMIT_S)
        return answer

    vendor.rewrite = rewrite
    shared = {
        "BULKSHIP_LEDGER": ledger, "BULKSHIP_OUT": str(tmp_path / "results"),
        "BULKSHIP_TRACK_EVERY_MIN": "0", "BULKSHIP_API_URL": vendor.url, "BULKSHIP_EMAIL": SANDBOX_EMAIL,
        "BULKSHIP_ACCESS_TOKEN": SANDBOX_ACCESS_TOKEN, "BULKSHIP_CONCURRENCY": "1",
    }  # fmt: skip
    for name, value in shared.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("BULKSHIP_DATA_DIR", str(tmp_path / "server-b"))
    env = {
        **{name: value for name, value in os.environ.items() if not name.startswith("BULKSHIP_")},
        **shared,
        "BULKSHIP_DATA_DIR": str(tmp_path / "server-a"),
    }
    with TestClient(create_app(resolve_settings()), follow_redirects=True) as b:
        a = start_server(forks, env)
        try:
            with httpx.Client(base_url=a.url, follow_redirects=True, timeout=START_LIMIT_S) as client:
                upload(client, many_rows(tmp_path / "big.csv", 250), name="big")  # type: ignore[arg-type]
                confirm(client, "big")  # type: ignore[arg-type]
            assert second_made.wait(START_LIMIT_S), "the second order never reached the vendor"
            alive = visible_text(b.get("/batches/big/progress").text)  # A sends it: B says so
            assert "Sending…" in alive and "Interrupted" not in alive, alive
        finally:
            a.process.kill()  # SIGKILL: no chance to finish or record anything
            a.process.wait()
            killed.set()
        yield b, a.url


def test_a_run_whose_server_was_killed_reads_interrupted_on_another_server_and_resumes_there_once(
    vendor: VendorProxy, tmp_path: Path, bulkship_forks, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Server A sends 250 cards in three orders and is killed (SIGKILL) while the vendor holds the second
    order, its answer never read. Server B, up all along on the same machine and ledger, said 'Sending… the
    run continues, and resumes if the server restarts' of it for as long as nobody restarted a server, and
    'sending' on Batches. It now says the run was interrupted, what was sent, and offers Resume sending,
    which asks the vendor about the order in doubt and sends the rest: every card once."""
    ledger = str(tmp_path / "ledger.sqlite")
    with killed_mid_send(vendor, tmp_path, bulkship_forks, monkeypatch, ledger) as (b, _a):
        page = b.get("/batches/big/progress").text
        said = visible_text(page)
        assert "Sending…" not in said and "Interrupted" in said, said
        assert "sent with no answer yet (perhaps at the vendor)" in said, said
        fix = {"csrf_token": found(r'name="csrf_token" value="([^"]+)"', page), "cell:Zip Code": "02109"}
        busy = visible_text(b.post("/batches/big/rows/251", data=fix).text)  # a change while interrupted
        assert "Resume it; once it has ended, make the change again" in busy, busy
        assert "once the sending below has ended" not in busy, busy
        results = visible_text(b.get("/batches/big/results").text)
        assert "A run is sending this batch" not in results and "being sent (its orders" not in results, (
            results
        )
        assert "The run sending this batch was interrupted" in results, results
        # what 'in doubt' means here: resumed on the progress page (it read 'send the batch again from its
        # cost page', which leads to the progress page: found by hunter-web26)
        meanings = visible_text(
            found(r'(?s)(<p class="sub" id="status-meanings">.*?</p>)', b.get("/batches/big/results").text)
        )
        assert "in doubt: sent, answer lost: resume the send on its progress page" in meanings, meanings
        assert "send the batch again" not in meanings.lower(), meanings
        # the third order's intent is written only as it leaves: it never left, its rows are to send, by the
        # same Resume (hunter-vendor33)
        assert "planned: to send: resume the send on its progress page" in meanings, meanings
        line = found(r'(?s)(<tr data-batch="big">.*?</tr>)', b.get("/").text)
        assert "needs attention" in line and 'href="/batches/big/progress"' in line, line
        resume = found(r'<form method="post" action="(/batches/big/resume)"', page)
        b.post(resume, data={"csrf_token": found(r'name="csrf_token" value="([^"]+)"', page)})
        b.post(resume, data={"csrf_token": found(r'name="csrf_token" value="([^"]+)"', page)})  # twice
        done = visible_text(wait_until_finished(b, "big"))
        assert "Finished" in done and "3 of 3 orders sent" in done, done
    sent = [li["ExternalId"] for o in vendor.sandbox.orders() for li in o["LineItems"]]
    assert len(vendor.sandbox.orders()) == 3 and len(sent) == 250 == len(set(sent))


def sessions_end(url: str) -> None:
    """Wait until no bulkship session but this process's is left on the database at ``url``: a killed
    process's connections close at once, and the server ends their sessions a moment later."""
    engine = sqlalchemy.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    mine = f"bulkship pid {os.getpid()} %"
    query = sqlalchemy.text(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'bulkship pid %'"
        " AND application_name NOT LIKE :mine AND datname = current_database()"
    )
    try:
        for _ in range(600):
            with engine.connect() as connection:
                if not connection.execute(query, {"mine": mine}).scalar():
                    return
            time.sleep(0.05)
    finally:
        engine.dispose()
    raise AssertionError("the killed server's sessions never ended")


def test_a_run_whose_server_on_another_machine_was_killed_reads_interrupted_there_too(
    vendor: VendorProxy, tmp_path: Path, bulkship_forks, monkeypatch: pytest.MonkeyPatch, pg_url: str
) -> None:
    """hunter-web21's LO1: servers on two machines share a team's PostgreSQL ledger, and server A is killed
    mid-send. Server B read 'Sending… the run continues' of the batch for good, and 'sending' on Batches:
    a pid of another machine cannot be read. Every server process now holds a lock on the ledger while it
    serves, and records it with each run it starts: B reads the run as interrupted once that lock and the
    batch's are free, names the machine, and who can resume it: the server holding the file, while that
    file is out of B's reach; with it in reach (a shared disk), Resume sending here, every card once."""
    with killed_mid_send(vendor, tmp_path, bulkship_forks, monkeypatch, pg_url) as (b, a):
        sessions_end(pg_url)  # the database has seen A's connections close (its locks go with them)
        here = socket.gethostname()
        monkeypatch.setattr(socket, "gethostname", lambda: f"not-{here}")  # B: another machine than A's
        files = tmp_path / "server-a"
        shutil.move(files, tmp_path / "away")  # A's disk, out of B's reach
        page = b.get("/batches/big/progress").text
        said = visible_text(page)
        assert "Sending…" not in said and "Interrupted" in said, said
        assert f"on {here}) stopped" in said, said
        assert "sent with no answer yet (perhaps at the vendor)" in said, said
        assert f"The server holding this batch's file ({a}/) resumes it when it starts again" in said, said
        assert 'action="/batches/big/resume"' not in page
        line = found(r'(?s)(<tr data-batch="big">.*?</tr>)', b.get("/").text)
        assert "needs attention" in line, line
        results = visible_text(b.get("/batches/big/results").text)
        assert f"who resumes it: the server holding its file ({a}/), when it starts again" in results, results
        shutil.move(tmp_path / "away", files)  # ... and in reach: resumed here
        page = b.get("/batches/big/progress").text
        resume = found(r'<form method="post" action="(/batches/big/resume)"', page)
        b.post(resume, data={"csrf_token": found(r'name="csrf_token" value="([^"]+)"', page)})
        b.post(resume, data={"csrf_token": found(r'name="csrf_token" value="([^"]+)"', page)})  # twice
        done = visible_text(wait_until_finished(b, "big"))
        assert "Finished" in done and "3 of 3 orders sent" in done, done
    sent = [li["ExternalId"] for o in vendor.sandbox.orders() for li in o["LineItems"]]
    assert len(vendor.sandbox.orders()) == 3 and len(sent) == 250 == len(set(sent))


def test_a_run_of_another_pid_namespace_under_this_host_name_is_not_judged_by_its_pid() -> None:
    """hunter-web21's LO2: containers sharing a host name (and a SQLite ledger on a shared volume) do not
    share their pids: a live run of one container, its pid free in another's, read there as interrupted,
    with Resume offered beside it. A run recorded in another pid namespace is not judged by its pid; one of
    this namespace (or recorded before namespaces were) still is."""
    from bulkship.web import servers

    child = subprocess.Popen(["true"])
    child.wait()  # its pid is free now
    mine = servers.this_process(resolve_settings())
    dead = {**mine, "pid": str(child.pid)}
    assert servers.process_gone(dead)
    assert servers.process_gone({k: v for k, v in dead.items() if k != "pidns"})  # an older bulkship's
    assert not servers.process_gone({**dead, "pidns": "pid:[4026599999]"})  # another container's
    assert not servers.process_gone(mine)  # this process lives


def test_a_run_whose_server_in_another_container_was_killed_reads_interrupted_on_a_sqlite_ledger(
    vendor: VendorProxy, tmp_path: Path, bulkship_forks, monkeypatch: pytest.MonkeyPatch
) -> None:
    """hunter-web24's LO1: two `bulkship serve` in two containers on one volume share a SQLite ledger, and
    server A is killed mid-send. Server B read 'Sending… the run continues' of it until A started again: a
    pid of another pid namespace cannot be read. Every server process now holds a lock file beside the SQLite
    ledger while it serves and records it with each run: B reads the run as interrupted once that file is
    free, and Resume sending there sends every card once."""
    from bulkship.web import servers

    ledger = str(tmp_path / "ledger.sqlite")
    with killed_mid_send(vendor, tmp_path, bulkship_forks, monkeypatch, ledger) as (b, _a):
        theirs = servers._pid_namespace()
        monkeypatch.setattr(servers, "_pid_namespace", lambda: f"{theirs}-another-container")  # B's own
        page = b.get("/batches/big/progress").text
        said = visible_text(page)
        assert "Sending…" not in said and "Interrupted" in said, said
        line = found(r'(?s)(<tr data-batch="big">.*?</tr>)', b.get("/").text)
        assert "needs attention" in line, line
        resume = found(r'<form method="post" action="(/batches/big/resume)"', page)
        b.post(resume, data={"csrf_token": found(r'name="csrf_token" value="([^"]+)"', page)})
        done = visible_text(wait_until_finished(b, "big"))
        assert "Finished" in done and "3 of 3 orders sent" in done, done
        assert [p.name for p in (tmp_path / "ledger.sqlite.servers").iterdir()] == [
            f"{servers.this_process(resolve_settings())['lockfile']}.lock"
        ]  # B's own, the killed server's deleted
    assert not list((tmp_path / "ledger.sqlite.servers").iterdir())  # B's, once it stopped serving
    sent = [li["ExternalId"] for o in vendor.sandbox.orders() for li in o["LineItems"]]
    assert len(vendor.sandbox.orders()) == 3 and len(sent) == 250 == len(set(sent))


def test_a_serving_lock_file_reads_its_server_alive_while_held_and_gone_once_released(tmp_path: Path) -> None:
    """The lock file is what tells a server gone on a SQLite ledger across containers: held, never gone
    (a live server's run never reads 'Interrupted', its Resume never offered); released, gone; and a token
    nobody wrote cannot be told at all where the folder is missing (another volume)."""
    from bulkship.web import servinglock

    ledger = tmp_path / "ledger.sqlite"
    assert servinglock.gone(ledger, "0" * 32) is None  # no folder: cannot tell
    held = servinglock.ServingFile(ledger)
    assert held.token and servinglock.gone(ledger, held.token) is False
    assert servinglock.gone(ledger, held.token) is False  # a check takes nothing from it
    assert servinglock.gone(ledger, "../" + held.token) is None  # a token is no path
    held.release()
    assert servinglock.gone(ledger, held.token) is True
