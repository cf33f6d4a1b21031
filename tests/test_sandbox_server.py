"""``bulkship sandbox`` as a real uvicorn server in a subprocess, and the ``sandbox reset`` command."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from test_sandbox_support import Receiver, order

from bulkship.cli import main
from bulkship.sandbox import Sandbox, SandboxConfig
from bulkship.sandbox.process import RunningSandbox, running_sandbox

STARTUP_LIMIT_S = 120  # readiness waits, not speed checks: a loaded 2-core machine took over 20 s to start
STOP_LIMIT_S = 60
SETTLE_LIMIT_S = 60

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@contextmanager
def server(*args: str) -> Iterator[tuple[str, dict[str, str], RunningSandbox]]:
    """Start ``bulkship sandbox --port 0 ARGS``; yield its URL, the credentials it printed and the server."""
    with running_sandbox(*args, startup_limit_s=STARTUP_LIMIT_S) as running:
        yield running.url, running.printed, running


# the sample list ordered on the embedded sandbox, its workbook written at once (what these tests read is
# the ledger and the sandbox's files, not tracking)
ORDER_ANNIVERSARY = ["run", str(SAMPLES / "anniversary.xlsx"), "--yes", "--wait", "0"]


def login(http: httpx.Client, printed: dict[str, str]) -> None:
    headers = {"Email": printed["BULKSHIP_EMAIL"], "AccessToken": printed["BULKSHIP_ACCESS_TOKEN"]}
    token = http.post("/v1/Tokens", headers=headers).json()["Value"]
    http.headers["Authorization"] = f"Bearer {token}"


def test_real_server_drops_the_connection_after_commit_and_a_retry_gets_409(tmp_path):
    state = tmp_path / "state.sqlite"
    with server("--state", str(state), "--drop-after-commit-rate", "1") as (url, printed, running):
        assert url.startswith("http://127.0.0.1:")
        with httpx.Client(base_url=url, trust_env=False, timeout=10) as http:
            login(http, printed)
            assert http.get("/v1/Products").json()["TotalCount"] >= 4
            with pytest.raises(httpx.TransportError):
                http.post("/v1/Orders", json=order("PO-NET"))
            retry = http.post("/v1/Orders", json=order("PO-NET"))
            assert retry.status_code == 409
            original = http.get(f"/v1/Orders/{retry.json()['Id']}")
            assert original.status_code == 200 and original.json()["PONumber"] == "PO-NET"
        running.process.send_signal(signal.SIGTERM)
        assert running.process.wait(timeout=STOP_LIMIT_S) == 0
        stderr = running.stderr()
        assert "Sandbox stopped" in stderr and "Traceback" not in stderr
    with Sandbox(SandboxConfig(state_file=state)) as reopened:  # the order survived the server's restart
        assert [o["PONumber"] for o in reopened.orders()] == ["PO-NET"]


def test_real_server_delivers_webhooks_in_the_background_with_its_fast_clock():
    with (
        Receiver() as receiver,
        server("--email", "hr@acme.test", "--access-token", "t0k") as (url, printed, _),
    ):
        assert printed["BULKSHIP_EMAIL"] == "hr@acme.test"
        with httpx.Client(base_url=url, trust_env=False, timeout=10) as http:
            login(http, printed)
            body = order("PO-HOOK", WebhookSettings={"FulfillmentComplete": receiver.url})
            created = http.post("/v1/Orders", json=body)
            assert created.status_code == 201
            deadline = time.monotonic() + SETTLE_LIMIT_S
            while not receiver.bodies and time.monotonic() < deadline:
                time.sleep(0.1)
            assert [b["PONumber"] for b in receiver.bodies] == ["PO-HOOK"]
            assert http.get(f"/v1/Orders/{created.json()['Id']}").json()["Status"] == "Complete"


def test_sandbox_refuses_a_non_loopback_host(capsys):
    assert main(["sandbox", "--host", "0.0.0.0", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert "not a loopback address" in err and "--allow-remote" in err


def test_reset_deletes_the_default_state_and_says_so(isolated_data_dir: Path, capsys):
    state = isolated_data_dir / "sandbox.sqlite"
    with Sandbox(SandboxConfig(state_file=state)) as sandbox:
        sandbox.fund(10)
    assert state.exists()
    assert main(["sandbox", "reset"]) == 0
    assert not state.exists()
    assert "Deleted the sandbox state" in capsys.readouterr().err
    assert main(["sandbox", "reset"]) == 0
    assert "nothing to reset" in capsys.readouterr().err


def test_reset_of_a_named_state_file(tmp_path: Path):
    state = tmp_path / "other.sqlite"
    with Sandbox(SandboxConfig(state_file=state)):
        pass
    assert main(["sandbox", "reset", "--state", str(state)]) == 0
    assert not state.exists()
    with Sandbox(SandboxConfig(state_file=state, balance=Decimal(5))) as fresh:
        assert fresh.balance()["Available"] == 5


def test_reset_never_deletes_a_file_that_is_no_sandbox_state(isolated_data_dir: Path, tmp_path: Path, capsys):
    """--state mistyped (the ledger beside it, a workbook) or BULKSHIP_SANDBOX_STATE pointed at the ledger:
    reset used to delete whatever file it named, the ledger of every order sent included."""
    assert main([*ORDER_ANNIVERSARY, "--out", str(tmp_path / "out")]) == 0
    ledger = isolated_data_dir / "ledger.sqlite"
    workbook = tmp_path / "out" / "anniversary-results.xlsx"
    capsys.readouterr()
    for named in (ledger, workbook, SAMPLES / "direct-mail.csv"):
        before = named.read_bytes()
        assert main(["sandbox", "reset", "--state", str(named)]) == 2
        assert named.read_bytes() == before
        assert "no sandbox state" in capsys.readouterr().err
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    assert main(["sandbox", "reset", "--state", str(empty)]) == 0 and not empty.exists()
    assert main(["status", "--json"]) == 0 and "anniversary" in capsys.readouterr().out


def test_the_sandbox_never_keeps_its_orders_in_the_ledger_or_another_file(
    isolated_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    """Pointed at the ledger, the sandbox added its tables to it (the ledger has 'orders' and 'meta' too); at
    a workbook, it said "reset it with: bulkship sandbox reset --state <the workbook>"."""
    assert main([*ORDER_ANNIVERSARY, "--out", str(tmp_path / "out")]) == 0
    ledger = isolated_data_dir / "ledger.sqlite"
    workbook = tmp_path / "out" / "anniversary-results.xlsx"
    capsys.readouterr()
    for named in (ledger, workbook):
        before = named.read_bytes()
        assert main(["sandbox", "--port", "0", "--state", str(named)]) == 2
        monkeypatch.setenv("BULKSHIP_SANDBOX_STATE", str(named))
        assert main(["run", str(SAMPLES / "direct-mail.csv"), "--yes", "--out", str(tmp_path / "out2")]) == 2
        monkeypatch.delenv("BULKSHIP_SANDBOX_STATE")
        assert named.read_bytes() == before
        err = capsys.readouterr().err
        assert err.count("is no sandbox state") == 2 and "sandbox reset" not in err and "Traceback" not in err


def test_a_run_stopped_for_funds_goes_on_once_the_account_is_funded_as_the_sandbox_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer12: a team rehearsing with `bulkship sandbox --balance 500` saw its run stop with
    "fund the prefunded account, then run the same command again", and nothing said how on this sandbox (the
    /_sandbox/fund route was in its source only). Its start-up lines say it, and the command they show
    works."""
    import json
    import re

    sheet = tmp_path / "promo.csv"
    sheet.write_text(
        "Name,Address,City,State,ZIP,Product,Value\n"
        "Ann Lee,1 Elm St,Denver,CO,80202,STARBUCKS,50\nBo Lee,2 Elm St,Denver,CO,80202,STARBUCKS,50\n"
    )
    with server("--balance", "60", "--state", str(tmp_path / "sbx.sqlite")) as (url, printed, running):
        for name, value in printed.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("BULKSHIP_DATA_DIR", str(tmp_path / "data"))
        run = ["run", str(sheet), "--yes", "--wait", "0", "--max-lines", "1", "--out", str(tmp_path / "out")]
        assert main(run) == 1
        assert "fund" in capsys.readouterr().err.lower()
        deadline = time.monotonic() + SETTLE_LIMIT_S  # its start-up lines follow the three variables
        while "/_sandbox/fund" not in running.stderr() and time.monotonic() < deadline:
            time.sleep(0.1)
        shown = re.search(r"curl -X POST -d '(\{.*?\})' (\S+/_sandbox/fund)", running.stderr())
        assert shown is not None, running.stderr()
        assert shown[2] == f"{url}/_sandbox/fund"
        answer = httpx.post(shown[2], content=shown[1], trust_env=False, timeout=10)
        assert answer.status_code == 200 and answer.json()["Available"] >= 50
        assert main(run) == 0
        capsys.readouterr()
        assert main(["status", "promo", "--json"]) == 0
        batch = json.loads(capsys.readouterr().out)["batches"][0]
        assert (batch["by_status"], batch["money"]["charged"]["total"]) == ({"pending": 2}, "100.00")


def test_a_bad_catalog_file_is_one_error_line_not_a_traceback(tmp_path: Path, capsys):
    bad = tmp_path / "catalog.json"
    bad.write_text("{not json")
    assert main(["sandbox", "--port", "0", "--catalog", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "not readable JSON" in err and "Traceback" not in err


def test_the_sandbox_state_or_another_database_is_never_taken_for_the_ledger(
    isolated_data_dir: Path, tmp_path, capsys
):
    """--ledger naming the sandbox's state: its migration failed half-way ('Cannot add a NOT NULL column with
    default value NULL'); another program's database: 'no such table: batches'. Both now say it is no ledger,
    and their tables are as they were."""
    import sqlite3

    assert main([*ORDER_ANNIVERSARY, "--out", str(tmp_path / "out")]) == 0
    other = tmp_path / "crm.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE people (name TEXT)")

    def tables(path: Path) -> set[str]:
        with sqlite3.connect(path) as db:
            return {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    capsys.readouterr()
    for named in (isolated_data_dir / "sandbox.sqlite", other):
        before = tables(named)
        assert main(["run", str(SAMPLES / "direct-mail.csv"), "--yes", "--ledger", str(named)]) == 1
        assert main(["status", "--ledger", str(named)]) == 1
        assert tables(named) == before
        err = capsys.readouterr().err
        assert (
            err.count("is no bulkship ledger") == 2 and "NOT NULL" not in err and "no such table" not in err
        )


def test_a_sandbox_state_that_names_a_folder_is_not_offered_a_reset(tmp_path: Path, capsys):
    assert main(["sandbox", "--port", "0", "--state", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "Cannot open the sandbox state file" in err and "sandbox reset" not in err
    assert "a folder you can write" in err
