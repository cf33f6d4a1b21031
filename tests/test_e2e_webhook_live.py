"""The webhook path for real, as a user wires it up: three processes on 127.0.0.1.

    bulkship sandbox --port 0 ...                  the vendor, duplicating every webhook it sends
    bulkship webhook serve --port 0 ...            the receiver, re-reading each order from the vendor
    bulkship run FILE --webhook-url <receiver>     registers the receiver on every order

The sandbox clock is advanced, the sandbox's own background loop POSTs ``FulfillmentComplete`` to the
receiver (down at first, so the sandbox has to retry), and the ledger (``bulkship status --json``) and the
result workbook catch up without ``bulkship track``.
Also here: the ledger never moves a status backwards, whatever stale answer reaches it.
"""

from __future__ import annotations

import asyncio
import csv
import json
import logging
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
import openpyxl
import pytest
from support import HEADER
from support.forkserver import Completed, ForkServer
from test_track_support import BATCH, ScriptedVendor, sent_batch

from bulkship import linematch
from bulkship.batchstatus import batch_status
from bulkship.cli import main
from bulkship.errors import AuthenticationError, LedgerError
from bulkship.ledger import Ledger
from bulkship.reconcile.sheets import RESULTS_SHEET
from bulkship.settings import resolve_settings
from bulkship.webhook import WebhookReceiver, create_webhook_app

SECRET = "e2e-webhook-secret"
STARTUP_LIMIT_S = 90.0  # a readiness wait, not a speed check: a loaded 2-core machine took over 20 s
SETTLE_LIMIT_S = 90.0  # the same: the vendor's deliveries and the receiver's reads, on a loaded machine
STOP_LIMIT_S = 60.0  # a receiver stopped rewrites the result workbook on its way out
AN_HOUR_S = 3600
SIX_HOURS_S = 6 * 3600  # every order Complete (0.5-1.5 h) and every line Shipped (1-4 h later)

ROWS = [
    ["E1", "Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "25"],
    ["E2", "Bo Park", "2 Elm St", "Newark", "NJ", "07102", "TARGET", "50"],
    ["E3", "Cy Diaz", "3 Oak Ave", "Austin", "TX", "78701", "CVS", "25"],
    ["E4", "No Street", "", "Miami", "FL", "33101", "CVS", "25"],  # invalid: never ordered
    ["E5", "Di Fox", "5 Pine Rd", "Denver", "CO", "80202", "TARGET", "50"],
]
VALID_IDS = {"E1", "E2", "E3", "E5"}
T = TypeVar("T")


class Process:
    """A bulkship process (forked: support.forkserver) whose stdout and stderr go to files."""

    def __init__(self, forks: ForkServer, args: list[str], env: dict[str, str]) -> None:
        self.command = args[0]
        self.popen = forks.popen(args, env={**env, "PYTHONUNBUFFERED": "1"}, capture=True)
        assert self.popen.stderr is not None
        self.log = self.popen.stderr

    def printed(self, count: int) -> dict[str, str]:
        """The first ``count`` ``NAME=value`` lines it prints."""
        lines = self.popen.printed(count, STARTUP_LIMIT_S)
        if lines is None:
            pytest.fail(f"{self.command} printed nothing; its stderr:\n{self.log.read_text()}")
        return dict(line.strip().partition("=")[::2] for line in lines)

    def alive(self) -> bool:
        return self.popen.poll() is None

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=STOP_LIMIT_S)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()


@pytest.fixture
def processes() -> Iterator[list[Process]]:
    started: list[Process] = []
    try:
        yield started
    finally:
        for process in reversed(started):
            process.stop()


def _write_input(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        writer.writerows(ROWS)
    return path


def _bulkship(forks: ForkServer, args: list[str], env: dict[str, str]) -> Completed:
    return forks.run(args, env=env, timeout=60)


def _eventually(probe: Callable[[], T | None], what: str, limit_s: float = SETTLE_LIMIT_S) -> T:
    """Ask ``probe`` until it answers (not None), for at most ``limit_s`` seconds."""
    deadline = time.monotonic() + limit_s
    while True:
        answer = probe()
        if answer is not None:
            return answer
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting: {what}")
        time.sleep(0.3)


def _results(path: Path) -> dict[str, dict[str, Any]]:
    """Results sheet rows by Employee ID."""
    table = list(openpyxl.load_workbook(path, read_only=True)[RESULTS_SHEET].iter_rows(values_only=True))
    header = table[0]
    return {str(r[0]): dict(zip(header, r, strict=True)) for r in table[1:]}


def _vendor_lines(sandbox_url: str) -> dict[str, dict[str, Any]]:
    """The vendor's own line items by ExternalId (the Employee ID), from the sandbox's admin view."""
    with httpx.Client(base_url=sandbox_url, trust_env=False, timeout=10) as http:
        orders = http.get("/_sandbox/orders").json()
    return {li["ExternalId"]: li for order in orders for li in order["LineItems"]}


@pytest.mark.slow
def test_live_webhooks_bring_the_ledger_and_the_workbook_up_to_date(
    tmp_path: Path, processes: list[Process], capsys: pytest.CaptureFixture[str], bulkship_forks: ForkServer
) -> None:
    env = dict(os.environ)  # BULKSHIP_DATA_DIR is this test's own (conftest)
    ledger, out = tmp_path / "ledger.sqlite", tmp_path / "out"

    sandbox = Process(
        bulkship_forks,
        ["sandbox", "--port", "0", "--state", str(tmp_path / "vendor.sqlite"), "--clock-speed", "0",
         "--webhook-duplicate-rate", "1", "--seed", "7"],
        env,
    )  # fmt: skip
    processes.append(sandbox)
    vendor = sandbox.printed(3)
    sandbox_url = vendor["BULKSHIP_API_URL"]
    assert sandbox_url.startswith("http://127.0.0.1:")
    env.update(BULKSHIP_EMAIL=vendor["BULKSHIP_EMAIL"], BULKSHIP_ACCESS_TOKEN=vendor["BULKSHIP_ACCESS_TOKEN"])

    def start_receiver(port: int | str, quiet_s: float = 0) -> tuple[Process, str]:
        process = Process(
            bulkship_forks,
            ["webhook", "serve", "--port", str(port), "--secret", SECRET, "--api-url", sandbox_url,
             "--ledger", str(ledger), "--quiet-s", str(quiet_s)],
            env,
        )  # fmt: skip
        processes.append(process)
        return process, process.printed(1)["BULKSHIP_WEBHOOK_URL"]

    def advance(seconds: float) -> None:
        with httpx.Client(base_url=sandbox_url, trust_env=False, timeout=10) as http:
            assert http.post("/_sandbox/advance", json={"seconds": seconds}).status_code == 200

    def deliveries() -> list[dict[str, Any]]:
        with httpx.Client(base_url=sandbox_url, trust_env=False, timeout=10) as http:
            return http.get("/_sandbox/webhooks").json()

    receiver, receiver_url = start_receiver(0)
    assert receiver_url.startswith("http://127.0.0.1:") and receiver_url.endswith(f"/webhook/{SECRET}")

    sheet = _write_input(tmp_path / "staff.csv")
    run = _bulkship(
        bulkship_forks,
        ["run", str(sheet), "--batch", "LIVE", "--yes", "--api-url", sandbox_url,
         "--webhook-url", receiver_url, "--ledger", str(ledger), "--out", str(out),
         "--max-lines", "2", "--wait", "0", "--json"],
        env,
    )  # fmt: skip
    assert run.returncode == 3, run.stderr  # every valid row ordered; the invalid one needs the user
    summary = json.loads(run.stdout)
    assert summary["ordered_rows"] == len(VALID_IDS) and summary["orders"] == 2
    workbook = Path(summary["output"])
    before = _results(workbook)
    assert {before[i]["Status"] for i in VALID_IDS} == {"pending"}
    assert not any(before[i]["Tracking Number"] for i in VALID_IDS)
    assert before["E4"]["Status"] == "invalid"

    # The receiver is down when the vendor calls: every first delivery fails, and nothing is recorded.
    receiver.stop()
    advance(SIX_HOURS_S)
    _eventually(
        lambda: True if len(d := deliveries()) == 2 and all(x["LastError"] for x in d) else None,
        "the sandbox's first, failed delivery of each order's webhook",
    )
    with Ledger.open(ledger, lock=False) as journal:
        assert not [e for e in journal.events(batch="LIVE") if e.kind == "status"]

    # Back on the same URL, the sandbox's retries (due on its clock) get through.
    # It rewrites the workbook only after an hour without deliveries: what the test sees of the workbook
    # before the receiver stops is the run's, after it the one written on the way out.
    receiver, again_url = start_receiver(httpx.URL(receiver_url).port or 0, quiet_s=AN_HOUR_S)
    assert again_url == receiver_url
    advance(60)

    def ledger_caught_up() -> bool | None:  # what `status --json` reports, without a process per look
        with Ledger.open(ledger, lock=False) as journal:
            shipped = batch_status(journal, "LIVE")["by_status"].get("shipped")
        return True if shipped == len(VALID_IDS) else None

    _eventually(ledger_caught_up, "every valid row shipped in the ledger")
    capsys.readouterr()
    assert main(["status", "LIVE", "--json", "--ledger", str(ledger)]) == 0  # as a shell runs it, in-process
    batch = json.loads(capsys.readouterr().out)["batches"][0]
    assert batch["by_status"] == {"invalid": 1, "shipped": len(VALID_IDS)}
    assert batch["orders_by_vendor_status"] == {"Complete": 2}
    assert batch["ordered_cost"] == summary["total_cost"] == "150.00"  # the vendor's 25.0 still reads 25.00

    # Every order's webhook got through twice after its retries; the ledger changed once per order, and
    # only by the webhook. The sandbox sends the duplicate, then records both, after the receiver recorded the
    # first: the ledger can be up to date while the last order's delivery is still 'pending' in its log.
    def deliveries_done() -> list[dict[str, Any]] | None:
        found = deliveries()
        return found if all(d["State"] != "pending" for d in found) else None

    log = _eventually(deliveries_done, "the sandbox's record of its deliveries")
    assert [(d["State"], d["Deliveries"]) for d in log] == [("delivered", 2), ("delivered", 2)]
    assert all(d["Attempts"] >= 2 for d in log)
    with Ledger.open(ledger, lock=False) as journal:
        changes = [e for e in journal.events(batch="LIVE") if e.kind == "status"]
        orders = {o.vendor_order_id: o.po_number for o in journal.orders("LIVE")}
    assert sorted(str(e.po_number) for e in changes) == sorted(orders.values())
    assert {e.detail["source"] for e in changes} == {"webhook"}

    # A stale, out-of-order delivery (the order as it was at creation) is only a signal: the receiver
    # re-reads the vendor, and nothing moves back. Refusals are answers, not crashes.
    order_id = next(iter(orders))
    stale = {"Id": order_id, "Status": "Pending", "LineItems": [{"Status": "Pending", "Shipments": []}]}
    with httpx.Client(trust_env=False, timeout=10) as http:
        late = http.post(receiver_url, json=stale)
        assert late.status_code == 200 and late.json()["changed"] is False
        assert http.post(receiver_url, json={"Id": "no-such-order"}).status_code == 404
        assert http.post(receiver_url, content=b"{not json").status_code == 400
        assert http.post(receiver_url.replace(SECRET, "wrong"), json=stale).status_code == 403
    assert receiver.alive() and sandbox.alive()
    assert ledger_caught_up() is not None

    assert {_results(workbook)[i]["Status"] for i in VALID_IDS} == {"pending"}, (
        "rewritten before it was quiet"
    )
    # Stopped (SIGTERM, as Ctrl-C would), the receiver leaves the result workbook as current as the ledger,
    # even if deliveries had not been quiet long enough for its scheduled rewrite: the vendor's tracking.
    receiver.stop()
    assert receiver.popen.returncode == 0, receiver.log.read_text()
    vendor_lines = _vendor_lines(sandbox_url)
    after = _results(workbook)
    for employee in VALID_IDS:
        shipment = vendor_lines[employee]["Shipments"][0]
        assert after[employee]["Status"] == "shipped"
        assert after[employee]["Tracking Number"] == shipment["TrackingNumber"]
        assert after[employee]["Carrier"] == shipment["Carrier"]
        assert after[employee]["Tracking URL"] == shipment["TrackingUrl"]
    assert after["E4"]["Status"] == "invalid" and not after["E4"]["Tracking Number"]
    logged = "".join(process.log.read_text() for process in processes if process.command == "webhook")
    assert vendor["BULKSHIP_ACCESS_TOKEN"] not in logged and "Ann Lee" not in logged


# -- the ledger-level guard: a status never moves backwards ------------------------------------------------


@pytest.fixture
def sent(tmp_path: Path) -> ScriptedVendor:
    vendor = ScriptedVendor()
    sent_batch(resolve_settings().ledger, tmp_path / "output", vendor)
    return vendor


def _po_rows(ledger: Ledger, order_id: str) -> tuple[str | None, list[Any]]:
    order = ledger.order_by_vendor_id(order_id)
    assert order is not None
    return order.status, ledger.rows_by_po(order.po_number)


def test_a_stale_vendor_answer_never_moves_an_order_or_a_line_backwards(sent: ScriptedVendor) -> None:
    """E.g. a `track` poll (or `run --wait`) that read the order before a webhook recorded a newer state, and
    writes after it: the newer state stays."""
    pending = sent.orders["ord-1"]
    sent.set_line("ord-1", 0, "Shipped", tracking="T-0")
    sent.set_line("ord-1", 1, "Shipped", tracking="T-1")
    shipped = sent.orders["ord-1"]
    sent.ship_everything(delivered=True)
    delivered = sent.orders["ord-1"]
    with Ledger.open(resolve_settings().ledger, lock=False) as ledger:
        po = pending.po_number
        assert ledger.record_order_status(po, shipped, source="poll") is True
        assert ledger.record_order_status(po, delivered, source="webhook") is True
        assert ledger.record_order_status(po, shipped, source="poll") is False
        assert ledger.record_order_status(po, pending, source="poll") is False
        status, rows = _po_rows(ledger, "ord-1")
        changes = [e for e in ledger.events(batch=BATCH, po_number=po) if e.kind == "status"]
    assert status == "Complete"
    assert [r.line_status for r in rows] == ["delivered", "delivered"]
    assert [r.tracking_number for r in rows] == ["TRK-ord-1-0", "TRK-ord-1-1"]
    assert all(r.delivered_date for r in rows), "a stale answer must not erase the delivery date"
    assert len(changes) == 2


def test_forward_steps_and_a_failure_after_shipping_are_still_recorded(sent: ScriptedVendor) -> None:
    po = sent.orders["ord-2"].po_number
    sent.set_line("ord-2", 0, "Shipped", tracking="T-9")
    with Ledger.open(resolve_settings().ledger, lock=False) as ledger:
        assert ledger.record_order_status(po, sent.orders["ord-2"]) is True
        sent.set_line("ord-2", 0, "Failed", tracking="T-9")  # returned undeliverable: news, not a step back
        assert ledger.record_order_status(po, sent.orders["ord-2"]) is True
        _status, rows = _po_rows(ledger, "ord-2")
    assert [r.line_status for r in rows] == ["failed"]


def test_a_writer_that_read_the_rows_before_another_one_committed_does_not_undo_it(
    sent: ScriptedVendor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The receiver and a `track` poll are two processes: while one is recording a stale answer, the other
    commits a newer one. The stale writer must judge against what is committed, not what it read first."""
    path = resolve_settings().ledger
    sent.set_line("ord-1", 0, "Shipped", tracking="T-0")
    sent.set_line("ord-1", 1, "Shipped", tracking="T-1")
    shipped = sent.orders["ord-1"]
    sent.ship_everything(delivered=True)
    delivered = sent.orders["ord-1"]
    real_match_lines = linematch.match_lines
    other_writer: list[threading.Thread] = []

    def newer_answer_lands_meanwhile(*args: Any) -> Any:
        if not other_writer:  # the other process records the newer answer at this very moment

            def record_delivered() -> None:
                with Ledger.open(path, lock=False) as other:
                    other.record_order_status(delivered.po_number, delivered, source="webhook")

            other_writer.append(threading.Thread(target=record_delivered))
            other_writer[0].start()
            other_writer[0].join(timeout=1)  # returns early when it has to wait for our transaction
        return real_match_lines(*args)

    monkeypatch.setattr(linematch, "match_lines", newer_answer_lands_meanwhile)
    with Ledger.open(path, lock=False) as ledger:
        ledger.record_order_status(shipped.po_number, shipped, source="poll")
    other_writer[0].join()
    with Ledger.open(path, lock=False) as ledger:
        _status, rows = _po_rows(ledger, "ord-1")
    assert [r.line_status for r in rows] == ["delivered", "delivered"]
    assert [r.tracking_number for r in rows] == ["TRK-ord-1-0", "TRK-ord-1-1"]


def test_refused_credentials_or_a_busy_ledger_defer_a_delivery_instead_of_crashing(
    sent: ScriptedVendor, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The sender gets a 503 and retries; the receiver keeps serving and records the retry once it can."""
    settings = resolve_settings()
    receiver = WebhookReceiver(settings, SECRET, client_factory=sent.factory(), rewrite_delay_s=None)
    app = create_webhook_app(receiver)
    vendor_read = sent.get_order
    record = Ledger.record_order_status
    trouble: list[Exception] = [AuthenticationError("The vendor refused the credentials (401)")]
    trouble.append(LedgerError("Cannot write the ledger: database is locked"))

    async def flaky_read(order_id: str) -> Any:
        if trouble and isinstance(trouble[0], AuthenticationError):
            raise trouble.pop(0)
        return await vendor_read(order_id)

    def flaky_record(self: Ledger, *args: Any, **kwargs: Any) -> bool:
        if trouble:
            raise trouble.pop(0)
        return record(self, *args, **kwargs)

    monkeypatch.setattr(sent, "get_order", flaky_read)
    monkeypatch.setattr(Ledger, "record_order_status", flaky_record)
    sent.ship_everything()

    async def deliver_three_times() -> list[httpx.Response]:
        async with receiver.lifespan(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://receiver") as http:
                return [await http.post(f"/webhook/{SECRET}", json={"Id": "ord-1"}) for _ in range(3)]

    with caplog.at_level(logging.WARNING, logger="bulkship.webhook"):
        answers = asyncio.run(deliver_three_times())
    assert [a.status_code for a in answers] == [503, 503, 200]
    assert answers[2].json()["changed"] is True
    deferred = [r.getMessage() for r in caplog.records if "deferred" in r.getMessage()]
    assert len(deferred) == 2 and "credentials" in deferred[0] and "locked" in deferred[1]
