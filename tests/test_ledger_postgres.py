"""A team's ledger on PostgreSQL (a real server: tests/support/postgres.py): the same commands as on SQLite,
per-batch locks across processes, and two bulkship processes with their own home folders on one ledger never
ordering a row twice."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from support.forkserver import Forked, ForkServer, sandbox

from bulkship.db import engine_for
from bulkship.errors import LedgerLockedError
from bulkship.ledger import Ledger, ledger_exists

HOLD_BATCH = """
import sys
from bulkship.ledger import Ledger
with Ledger.open(sys.argv[1], batch=sys.argv[2]):
    print("held", flush=True)
    sys.stdin.readline()
"""


def _hold(url: str, batch: str) -> subprocess.Popen[str]:
    """Another process holding ``batch`` of the ledger at ``url`` until its stdin closes."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_BATCH, url, batch],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_a_batch_is_worked_on_by_one_process_at_a_time_and_other_batches_meanwhile(pg_url: str) -> None:
    holder = _hold(pg_url, "Anniversary")
    try:
        with pytest.raises(LedgerLockedError) as refused:
            Ledger(pg_url, batch="Anniversary")
        message = str(refused.value)
        assert "\n" not in message and "batch 'Anniversary'" in message and f"pid {holder.pid}" in message
        with Ledger.open(pg_url, batch="Welcome") as other:  # another batch: at the same time
            other.upsert_batch(
                "Welcome", file_name="w.csv", file_hash="h", po_prefix="P", rows=0, valid=0, invalid=0
            )
        with Ledger.open(pg_url, lock=False) as reader:  # track, the webhook receiver, the web pages
            assert [b.name for b in reader.batches()] == ["Welcome"]
    finally:
        holder.kill()  # SIGKILL: the server releases its lock with its session
        holder.wait()
    deadline = time.monotonic() + 60
    while True:
        try:
            Ledger(pg_url, batch="Anniversary").close()
            break
        except LedgerLockedError:
            if time.monotonic() > deadline:
                pytest.fail("the batch of a killed process stayed locked")
            time.sleep(0.05)  # the server notices the closed connection


def test_status_on_an_empty_database_creates_nothing(pg_url: str) -> None:
    from typer.testing import CliRunner

    from bulkship.cli import app

    assert not ledger_exists(pg_url)
    done = CliRunner().invoke(app, ["status", "--ledger", pg_url])
    assert done.exit_code == 0 and "No ledger at postgresql://" in done.output
    engine = engine_for(pg_url)
    assert sa.inspect(engine).get_table_names() == []
    engine.dispose()


def test_a_ledger_url_of_another_database_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    from bulkship.cli import main

    assert main(["status", "--ledger", "mysql://u:secret@db.example/ledger"]) == 2  # (and no exception)
    stderr = capsys.readouterr().err
    assert "neither a file nor a PostgreSQL database" in stderr and "secret" not in stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize(
    "url",
    [
        "postgresql:///bob:SECRETPW@127.0.0.1/db?host=127.0.0.1&port={port}&user=postgres",  # '///'
        "postgresql://postgres:Pw@SECR/ETPW@127.0.0.1:{port}/db",  # '@' then '/' in the password
    ],
)
def test_the_database_s_own_words_never_repeat_the_password(url: str, pg_url: str, capsys: Any) -> None:
    """found by hunter-hostile4 (its LO1), by hunter-hostile5 on a server that answers: a URL written a little
    wrong gives libpq the password as the database's name ('FATAL: database "bob:SECRETPW@127.0.0.1/db" does
    not exist') or the host's ('failed to resolve host 'SECR''), and the error, after the URL shown with its
    password hidden, repeated it. Each piece of it is hidden there too."""
    from bulkship.cli import main

    port = sa.make_url(pg_url).port
    assert main(["status", "--ledger", url.format(port=port)]) == 1
    err = capsys.readouterr().err
    assert "SECR" not in err and "Traceback" not in err, err
    assert "Cannot reach the ledger" in err and "***" in err, err


# -- two machines' worth of bulkship on one ledger ----------------------------------------------------------

HEADER = ["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Amount"]


def _recipients(path: Path, ids: range, prefix: str) -> set[str]:
    """A file of recipients nobody else in the test has (no repeat of another batch's cards)."""
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in ids:
            name, street = f"{prefix} Person {i}", f"{i + 1} {prefix} Street"
            writer.writerow([f"{prefix}{i:03d}", name, street, "Boston", "MA", "02134", "CVS", "25"])
    return {f"{prefix}{i:03d}" for i in ids}


def _home(folder: Path, env: dict[str, str]) -> dict[str, str]:
    """The environment of a bulkship on its own machine: its own home (data folder, catalog cache)."""
    folder.mkdir()
    mine = {k: v for k, v in env.items() if k not in ("BULKSHIP_DATA_DIR", "XDG_DATA_HOME", "XDG_CACHE_HOME")}
    return {**mine, "HOME": str(folder)}


def _run(sheet: Path, batch: str, env: dict[str, str], out: Path) -> list[str]:
    """The arguments of `python -m bulkship` (each run a process of its own, forked: support.forkserver)."""
    return [
        "run", str(sheet), "--batch", batch, "--yes", "--max-lines", "2",
        "--concurrency", "2", "--wait", "0", "--out", str(out), "--json",
    ]  # fmt: skip


def _vendor_lines(api_url: str) -> Counter[str]:
    orders = httpx.get(api_url + "/_sandbox/orders", timeout=10).json()
    if isinstance(orders, dict):
        orders = orders.get("Data") or orders.get("Orders") or []
    return Counter(li["ExternalId"] for order in orders for li in order["LineItems"])


def _wait_for_orders(url: str, batch: str, process: Forked) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if ledger_exists(url):
            with Ledger.open(url, lock=False) as ledger:
                if ledger.orders(batch):
                    return
        time.sleep(0.05)


@pytest.mark.slow
def test_two_homes_on_one_postgres_ledger_never_order_a_row_twice(
    tmp_path: Path, pg_url: str, bulkship_forks: ForkServer
) -> None:
    welcome = _recipients(tmp_path / "welcome.csv", range(12), "W")
    anniversary = _recipients(tmp_path / "anniversary.csv", range(12), "A")
    with sandbox(
        bulkship_forks, "--state", str(tmp_path / "vendor.sqlite"), "--seed", "3", "--latency-ms", "80"
    ) as vendor:
        env = {**os.environ, **vendor.printed, "BULKSHIP_LEDGER": pg_url}
        first, second = _home(tmp_path / "alice", env), _home(tmp_path / "bob", env)
        # different batches at the same time, from two homes
        runs = [
            bulkship_forks.popen(
                _run(tmp_path / f"{name}.csv", name, home, tmp_path / f"out-{name}"), env=home, capture=True
            )
            for name, home in (("welcome", first), ("anniversary", second))
        ]
        outcomes = [run.communicate(timeout=240) for run in runs]
        assert [run.returncode for run in runs] == [0, 0], [err[-1500:] for _out, err in outcomes]
        assert _vendor_lines(vendor.url) == Counter(welcome | anniversary)
        # the same batch from both homes: the second is refused while the first is sending (held still
        # there with SIGSTOP, its connections and locks open, so that the second surely comes while it runs)
        again = _recipients(tmp_path / "again.csv", range(12, 30), "W")
        started = bulkship_forks.popen(
            _run(tmp_path / "again.csv", "again", first, tmp_path / "out-a1"), env=first, capture=True
        )
        _wait_for_orders(pg_url, "again", started)
        started.send_signal(signal.SIGSTOP)
        try:
            refused = bulkship_forks.run(
                _run(tmp_path / "again.csv", "again", second, tmp_path / "out-a2"), env=second, timeout=120
            )
        finally:
            started.send_signal(signal.SIGCONT)
        _out, first_err = started.communicate(timeout=240)
        assert started.returncode == 0, first_err[-1500:]
        assert refused.returncode == 1, refused.stderr[-1500:]
        error_lines = [line for line in refused.stderr.splitlines() if line.startswith("Error:")]
        assert len(error_lines) == 1 and "is working on batch 'again'" in error_lines[0], refused.stderr
        assert "Traceback" not in refused.stderr
        # once the first is done, the second finds nothing left to send
        after = bulkship_forks.run(
            _run(tmp_path / "again.csv", "again", second, tmp_path / "out-a2"), env=second, timeout=120
        )
        assert after.returncode == 0, after.stderr[-1500:]
        assert _vendor_lines(vendor.url) == Counter(welcome | anniversary | again)


HOLD_WRITES = """
import sys
from bulkship.ledger import Ledger
with Ledger.open(sys.argv[1], batch=sys.argv[2]) as ledger, ledger.group():  # one write transaction, open
    ledger.upsert_batch(
        sys.argv[2], file_name="a.csv", file_hash="h", po_prefix="P", rows=0, valid=0, invalid=0
    )
    print("writing", flush=True)
    sys.stdin.readline()
"""


def test_two_homes_write_different_batches_at_once_and_the_same_batch_is_refused(
    tmp_path: Path, pg_url: str, bulkship_forks: ForkServer
) -> None:
    """Per-batch write locks: a process in the middle of a write transaction on its batch holds up no run of
    another batch (with one ledger-wide write lock the second run would wait for it, and its lock_timeout
    would end it); a run of the held batch itself is refused at once with one clear line."""
    env = {**os.environ, "BULKSHIP_LEDGER": pg_url, "PGOPTIONS": "-c lock_timeout=60s"}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITES, pg_url, "anniversary"],
        env=_home(tmp_path / "alice", env),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "writing"
        bob = _home(tmp_path / "bob", env)
        welcome = _recipients(tmp_path / "welcome.csv", range(6), "W")
        other = bulkship_forks.run(
            _run(tmp_path / "welcome.csv", "welcome", bob, tmp_path / "out-w"), env=bob, timeout=240
        )
        assert other.returncode == 0, other.stderr[-1500:]
        _recipients(tmp_path / "anniversary.csv", range(4), "A")
        same = bulkship_forks.run(
            _run(tmp_path / "anniversary.csv", "anniversary", bob, tmp_path / "out-a"), env=bob, timeout=240
        )
        assert same.returncode == 1 and "Traceback" not in same.stderr
        errors = [line for line in same.stderr.splitlines() if line.startswith("Error:")]
        assert len(errors) == 1 and "is working on batch 'anniversary'" in errors[0], same.stderr
        assert holder.poll() is None  # all of that while the first still held its transaction open
    finally:
        holder.communicate("done\n", timeout=60)
    assert holder.returncode == 0
    with Ledger.open(pg_url, lock=False) as ledger:
        assert sorted(b.name for b in ledger.batches()) == ["anniversary", "welcome"]
        ordered = [row for row in ledger.batch_rows("welcome") if row.po_number]
        assert len(ordered) == len(welcome) and not ledger.orders("anniversary")


def test_two_new_batches_of_one_file_started_together_send_its_cards_once(
    tmp_path: Path, pg_url: str
) -> None:
    """Two people start the same file as two new batches at the same moment on a team's ledger. Between a
    run's checks against the other batches and its plan being recorded, a second run's checks now wait, then
    see the first plan ("the same file as batch gifts-a") and send nothing. Before, the second ran straight
    through that window (here it sent, and the first was refused later; had both checks fallen inside it
    before either plan was recorded, both would have sent every card)."""
    import asyncio
    import threading

    from support import SandboxVendor, write_sheet

    from bulkship.errors import BatchConflictError
    from bulkship.pipeline import run_batch
    from bulkship.settings import Settings

    vendor = SandboxVendor(tmp_path / "vendor")
    sheet = write_sheet(tmp_path / "gifts.csv", range(1, 5))
    settings = Settings(data_dir=tmp_path / "data", out_dir=tmp_path / "out", ledger_url=pg_url)
    in_catalog, go_on = threading.Event(), threading.Event()

    def paused(run_settings: Settings) -> Any:  # the first run stops after its checks, before its plan
        client = vendor.factory()(run_settings)
        catalog = client.catalog

        async def slow_catalog(refresh: bool = False) -> Any:
            in_catalog.set()
            await asyncio.to_thread(go_on.wait, 120)
            return await catalog(refresh)

        client.catalog = slow_catalog  # type: ignore[method-assign]
        return client

    outcomes: dict[str, Any] = {}

    def start(batch: str, factory: Any) -> threading.Thread:
        def go() -> None:
            try:
                outcomes[batch] = run_batch(sheet, settings, batch=batch, wait_s=0, client_factory=factory)
            except Exception as exc:  # the test looks at what each run ended with
                outcomes[batch] = exc

        thread = threading.Thread(target=go)
        thread.start()
        return thread

    try:
        first = start("gifts-a", paused)
        assert in_catalog.wait(120)
        second = start("gifts-b", vendor.factory())
        engine = engine_for(pg_url)
        waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        with engine.connect() as db:  # the second run waits for the first one's planning
            while second.is_alive() and not db.execute(sa.text(waiting)).scalar():
                time.sleep(0.05)
        engine.dispose()
        go_on.set()
        first.join(120)
        second.join(120)
        sent = vendor.external_ids()
    finally:
        go_on.set()
        vendor.close()
    assert outcomes["gifts-a"].exit_code == 0, outcomes
    assert isinstance(outcomes["gifts-b"], BatchConflictError), outcomes
    assert "same file" in str(outcomes["gifts-b"]) and "gifts-a" in str(outcomes["gifts-b"])
    assert sent == Counter({f"E{i}": 1 for i in range(1, 5)})


def test_a_batch_of_the_same_name_sent_on_another_ledger_of_the_cluster_is_not_this_ones(
    pg_url: str, postgres_cluster: Any
) -> None:
    """Found by hunter-web22: two offices keep their ledgers in two databases of one PostgreSQL server, and
    both name a batch 'December'. While the other office's run held its 'December', this ledger read its own
    as being worked on by a live process (Batches 'sending' for an order left in doubt, not 'needs
    attention'; the web page 'Sending… by another process sharing the ledger'): advisory locks are each
    database's own, but every session's were read."""
    from bulkship.db.locks import batch_lock

    with Ledger.open(pg_url, lock=False) as ledger:
        assert ledger.busy_batches(["December"]) == set()
    other = postgres_cluster.new_database()
    engine = engine_for(other)
    try:
        # the other office's run of its own 'December'
        with batch_lock(engine, "December"), Ledger.open(pg_url, lock=False) as ledger:
            assert ledger.busy_batches(["December"]) == set()
        mine = engine_for(pg_url)
        try:
            with batch_lock(mine, "December"), Ledger.open(pg_url, lock=False) as ledger:  # this one's
                assert ledger.busy_batches(["December"]) == {"December"}
        finally:
            mine.dispose()
    finally:
        engine.dispose()
        postgres_cluster.drop_database(other)
