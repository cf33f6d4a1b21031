"""While a team's PostgreSQL database is away (stopped for maintenance, a failover), a run the web page was
sending waits for it (tests/test_web_database_restart.py). The pages could not say so: every page answered
'Ledger not reachable ... Reload the page to try again in a moment', a progress page left open went on
reading 'Sending…' with nothing sent, and the server's log said nothing after its first line (found by
hunter-web23, its LO1; hunter-web24 in Chromium, pg_ctl stop mid-send)."""

from __future__ import annotations

import contextlib
import logging
import threading
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from support import embedded_sandbox_orders, visible_text
from support.vendor_proxy import VendorProxy
from test_web import confirm, upload, wait_until_finished
from test_web_browser import many_rows
from test_web_database_restart import let_in, quick_app, restart_at_second_order

from bulkship.ledger import Ledger
from bulkship.settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL, resolve_settings
from bulkship.web import runner

pytestmark = pytest.mark.slow


def test_the_pages_and_the_log_say_a_run_waits_for_the_database_while_it_is_away(
    vendor: VendorProxy,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    pg_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """250 cards in three orders; the database stops (refusing every session) while the vendor makes the
    second. While it is away, the page a person opens says this server's sending waits for it, goes on by
    itself and sends nothing meanwhile, and loads itself again; the progress page left open (its live part,
    polled) says the same instead of 'Sending…'; the log says the run waits, and when it goes on. Then
    every card once."""
    waiting, looked = threading.Event(), threading.Event()

    class Away:  # the run asks whether the database answers: not until the person has looked at the pages
        @staticmethod
        def open(*args: Any, **kwargs: Any) -> Any:
            waiting.set()
            if looked.wait(60):
                let_in(pg_url)
            return Ledger.open(*args, **kwargs)

    restart_at_second_order(vendor, pg_url, refusing=True)  # the database stops: every session refused
    for name, value in {
        "BULKSHIP_LEDGER": pg_url, "BULKSHIP_DATA_DIR": str(tmp_path / "data"),
        "BULKSHIP_OUT": str(tmp_path / "results"), "BULKSHIP_TRACK_EVERY_MIN": "0",
        "BULKSHIP_API_URL": vendor.url, "BULKSHIP_EMAIL": SANDBOX_EMAIL,
        "BULKSHIP_ACCESS_TOKEN": SANDBOX_ACCESS_TOKEN, "BULKSHIP_CONCURRENCY": "1",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(runner, "Ledger", Away, raising=False)
    caplog.set_level(logging.WARNING, logger="bulkship.web")
    with (
        contextlib.ExitStack() as stack,
        TestClient(quick_app(resolve_settings()), follow_redirects=True) as client,
    ):
        stack.callback(let_in, pg_url)
        stack.callback(looked.set)
        upload(client, many_rows(tmp_path / "big.csv", 250), name="big")
        confirm(client, "big")
        assert waiting.wait(60), "the run never waited for the database"
        opened = client.get("/batches/big/progress")
        said = visible_text(opened.text)
        assert opened.status_code == 503 and "Ledger not reachable" in said, said
        assert "sending waits for it and goes on by itself" in said and "Nothing is sent meanwhile" in said
        assert 'http-equiv="refresh"' in opened.text  # it loads itself again until the database answers
        live = client.get("/batches/big/progress/live", headers={"HX-Request": "true"})
        part = visible_text(live.text)
        assert live.status_code == 200 and "sending waits for it" in part and "Sending…" not in part, part
        assert 'hx-get="/batches/big/progress/live"' in live.text  # ... polled on: it comes back by itself
        logged = caplog.text
        assert "batch big: the ledger's database does not answer" in logged, logged
        assert "run the same command again" not in logged, logged  # the command line's advice, not a server's
        looked.set()
        done = visible_text(wait_until_finished(client, "big"))
        assert "Finished" in done and "3 of 3 orders sent" in done, done
    assert "batch big: the ledger's database answers again" in caplog.text, caplog.text
    sent = [li["ExternalId"] for o in vendor.sandbox.orders() for li in o["LineItems"]]
    assert len(sent) == 250 == len(set(sent))


def test_status_while_the_database_is_away_says_the_web_page_s_runs_wait_for_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`bulkship status` cannot read the ledger while its database is away: it said only what to check, and
    nothing of the batch the web page was sending, which waits for it. It says so, and what a command-line
    run it cut needs."""
    from bulkship.cli import main

    assert main(["status", "--ledger", "postgresql://bob:SECRETPW@127.0.0.1:1/db"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "Cannot reach the ledger" in err and "~/.pgpass" in err, err
    assert "`bulkship serve` was sending waits for the database and goes on by itself" in err, err
    assert "SECRETPW" not in err


def test_a_send_the_database_cut_after_it_was_recorded_is_not_said_undone_and_goes_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ledger_location: Path | str
) -> None:
    """The database went away between the Send's record and the next read: the page said 'Nothing of this
    form was done', of a Send that was recorded, and no run of it was started: its page read 'Sending…' (the
    Send pressed again: 'already being sent') until the server restarted. The page says it may have been
    done, and where to see; once the database answers, the server starts the run of its own Send, once. On
    a SQLite ledger too (a read failing right after the Send was written: hunter-web24's LO5), where only a
    restart of the server started it."""
    from test_web import SAMPLES, found, token

    from bulkship.errors import LedgerError
    from bulkship.web import state

    recorded = state.record
    cut: list[str] = []

    def record(settings: Any, batch: str, kind: str, **detail: Any) -> None:
        recorded(settings, batch, kind, **detail)
        if kind == "web_confirmed":
            cut.append(batch)

    def web_batch(*args: Any, **kwargs: Any) -> Any:
        if cut:
            raise LedgerError("Cannot read the ledger: the database went away")
        return real(*args, **kwargs)

    real = state.web_batch
    monkeypatch.setattr(state, "record", record)
    monkeypatch.setattr(state, "web_batch", web_batch)
    monkeypatch.setenv("BULKSHIP_LEDGER", str(ledger_location))
    settings = resolve_settings()
    with TestClient(quick_app(settings, keep_serving_s=0.05), follow_redirects=True) as client:
        upload(client, SAMPLES / "anniversary.xlsx", name="anniv")
        cost = client.get("/batches/anniv/cost").text
        data = {
            "csrf_token": token(client),
            "total": found(r'name="total" value="([^"]+)"', cost),
            "change": found(r'name="change" value="([^"]+)"', cost),
        }
        page = client.post("/batches/anniv/confirm", data=data)
        said = visible_text(page.text)
        assert cut and page.status_code == 503 and "Ledger not reachable" in said, said
        assert "Nothing of this form was done" not in said and "may or may not have been done" in said, said
        other = runner.Runner(settings)  # another server of this process on the ledger (as tests run them)
        try:  # ... leaves it to the server whose Send it is (the lead's 63fa7e1f: it sent it to its vendor)
            assert other.start_own_due() == []
        finally:
            other.shutdown()
        cut.clear()  # the database answers again
        done = visible_text(wait_until_finished(client, "anniv"))
        assert "Finished" in done and "2 of 2 orders sent" in done, done
    sent = [li["ExternalId"] for o in embedded_sandbox_orders(settings.data_dir) for li in o["LineItems"]]
    assert len(sent) == 25 == len(set(sent))
