"""A run whose server process was killed, seen from another server sharing the ledger and the machine
(found by hunter-web19, LO2): `bulkship serve` as a process of its own (support.forkserver) killed while an
order is at the vendor, its answer never read; a second server in this process reads the batch."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient
from support import visible_text
from support.vendor_proxy import Answer, Call, VendorProxy
from test_web import confirm, found, upload, wait_until_finished
from test_web_browser import START_LIMIT_S, many_rows, start_server

from bulkship.settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL, resolve_settings
from bulkship.web import create_app

pytestmark = pytest.mark.slow


def test_a_run_whose_server_was_killed_reads_interrupted_on_another_server_and_resumes_there_once(
    vendor: VendorProxy, tmp_path: Path, bulkship_forks, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Server A sends 250 cards in three orders and is killed (SIGKILL) while the vendor holds the second
    order, its answer never read. Server B, up all along on the same machine and ledger, said 'Sending… the
    run continues, and resumes if the server restarts' of it for as long as nobody restarted a server, and
    'sending' on Batches. It now says the run was interrupted, what was sent, and offers Resume sending,
    which asks the vendor about the order in doubt and sends the rest: every card once."""
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
        "BULKSHIP_LEDGER": str(tmp_path / "ledger.sqlite"), "BULKSHIP_OUT": str(tmp_path / "results"),
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
        a = start_server(bulkship_forks, env)
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
        line = found(r'(?s)(<tr data-batch="big">.*?</tr>)', b.get("/").text)
        assert "needs attention" in line and 'href="/batches/big/progress"' in line, line
        resume = found(r'<form method="post" action="(/batches/big/resume)"', page)
        b.post(resume, data={"csrf_token": found(r'name="csrf_token" value="([^"]+)"', page)})
        b.post(resume, data={"csrf_token": found(r'name="csrf_token" value="([^"]+)"', page)})  # twice
        done = visible_text(wait_until_finished(b, "big"))
        assert "Finished" in done and "3 of 3 orders sent" in done, done
    sent = [li["ExternalId"] for o in vendor.sandbox.orders() for li in o["LineItems"]]
    assert len(vendor.sandbox.orders()) == 3 and len(sent) == 250 == len(set(sent))
