"""A vendor billing 5.95 on every order beside its lines: a plan of 50.00 of cards confirms and counts 55.95
against --max-total and the approval (f3da296b), but before sending `bulkship status` said 'To send 50.00',
the Batches page '50.00 to send', the Results page '50.00 to send', the Summary 'To send 50.00' and the
approver's table 'To send 50.00', nothing more (hunter-money26's leftover 1, fixed by hunter-money27). Each
says the lines' total as before and beside it what sending may cost with what the vendor bills on each order,
as the plan counts it."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import visible_text, write_sheet
from support.money_invariants import check_money
from support.vendor_proxy import VendorProxy
from test_approval_pages import _signed_in
from test_billed_before import _first_batch_billed

from bulkship.cli import main
from bulkship.settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL, resolve_settings
from bulkship.team import accounts, approvals, store
from bulkship.web import create_app

MOST = "up to 55.95 with what the vendor bills on each order"


@pytest.fixture(autouse=True)
def _sandbox_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BULKSHIP_EMAIL", SANDBOX_EMAIL)
    monkeypatch.setenv("BULKSHIP_ACCESS_TOKEN", SANDBOX_ACCESS_TOKEN)


def _refused_past_its_limit(
    vendor: VendorProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> list[str]:
    """Batch 'first' billed 5.95 on each order; batch 'second' (2 cards of 25.00, one order) planned and
    refused by --max-total 50 before sending: its plan kept, 50.00 of lines to send."""
    where = _first_batch_billed(vendor, tmp_path, capsys)
    second = write_sheet(tmp_path / "second.csv", [5, 6])
    assert main(["run", str(second), "--yes", "--wait", "0", "--max-total", "50", *where]) == 1
    assert "The orders to send cost 55.95" in " ".join(capsys.readouterr().err.split())
    return where


def test_status_says_what_the_plan_to_send_may_cost_with_the_order_charge(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with VendorProxy(tmp_path) as vendor:
        where = _refused_past_its_limit(vendor, tmp_path, capsys)
        assert main(["status", "second", "--json", "--ledger", where[3]]) == 0
        status = json.loads(capsys.readouterr().out)["batches"][0]
        assert status["planned_cost"] == "50.00", status  # the lines, as its rows add up
        most = {"lines": "50.00", "order_charge": "5.95", "orders": 1, "most": "55.95"}
        assert status["to_send_most"] == most, status
        assert main(["status", "second", "--ledger", where[3]]) == 0
        out = capsys.readouterr()
        said = " ".join((out.out + out.err).split())
        assert MOST in said.replace("│ ", "").replace(" │", ""), said
        assert (
            f"second: To send: 50.00 for the lines, {MOST} (up to 5.95 on each of its 1 order(s), as on "
            "earlier orders; counted in its plan's limits)" in said
        ), said
        assert main(["status", "first", "--json", "--ledger", where[3]]) == 0  # all sent: nothing to say
        assert json.loads(capsys.readouterr().out)["batches"][0]["to_send_most"] is None


def test_the_batches_and_results_pages_say_what_the_plan_to_send_may_cost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with VendorProxy(tmp_path) as vendor:
        _refused_past_its_limit(vendor, tmp_path, capsys)
        with TestClient(create_app(vendor.settings(tmp_path)), follow_redirects=True) as client:
            batches = " ".join(visible_text(client.get("/batches").text).split())
            results = " ".join(visible_text(client.get("/batches/second/results").text).split())
    line = re.search(r"second awaiting confirmation second\.csv 2 0 (.*?) root", batches)
    assert line is not None and "50.00 to send" in line.group(1) and MOST in line.group(1), batches
    assert "first sent first.csv 4 4 111.90 charged root" in batches, batches  # nothing to send: unchanged
    assert "50.00 to send (not sent yet, as priced" in results, results
    assert MOST in results, results


def test_the_summary_of_a_run_stopped_with_orders_to_send_says_what_they_may_cost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A run stopped after its first order (the vendor billed 7.95 where 5.95 was seen, past --max-total):
    its second order's 50.00 to send, and up to 7.95 on it now; the Summary, `status` and the pages agree
    (check_money)."""
    with VendorProxy(tmp_path) as vendor:
        where = _first_batch_billed(vendor, tmp_path, capsys)
        import test_billed_before

        test_billed_before.ON_THE_ORDER = Decimal("7.95")
        try:
            second = write_sheet(tmp_path / "second.csv", [5, 6, 7, 8])
            run = ["run", str(second), "--yes", "--wait", "0", "--max-lines", "2", "--max-total", "111.90"]
            assert main([*run, "--concurrency", "1", *where]) == 1
        finally:
            test_billed_before.ON_THE_ORDER = Decimal("5.95")
        err = " ".join(capsys.readouterr().err.split())
        note = (
            "To send: 50.00 for the lines, up to 57.95 with what the vendor bills on each order (up to 7.95 "
            "on each of its 1 order(s), as on earlier orders; counted in its plan's limits)"
        )
        assert note in err, err  # said with the run's totals
        seen = check_money(tmp_path / "ledger.sqlite", "second", web=True)  # the Summary says the note too
        assert seen.total("to send") == Decimal("50.00")


def test_the_approver_of_a_command_line_batch_reads_what_its_plan_to_send_may_cost(
    quick_hashes: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with VendorProxy(tmp_path) as vendor:
        where = _first_batch_billed(vendor, tmp_path, capsys)  # (before the team: sent without approval)
        monkeypatch.setenv("BULKSHIP_API_URL", vendor.url)
        monkeypatch.setenv("BULKSHIP_LEDGER", where[3])
        settings = resolve_settings()
        accounts.add_user(settings, "alice", "password-alice", ["requester"], actor="test")
        accounts.add_user(settings, "carol", "password-carol", ["approver"], actor="test")
        approvals.set_threshold(settings, "10", actor="test")
        monkeypatch.setenv("BULKSHIP_USER", "alice")
        second = write_sheet(tmp_path / "second.csv", [5, 6])
        try:
            assert main(["run", str(second), "--yes", "--wait", "0", *where]) == 1  # waits for an approver
            with _signed_in(create_app(settings), "carol") as carol:
                page = carol.get("/batches/second/approval").text
        finally:
            store.forget_engines()
    table = visible_text(re.search(r'<table class="grid money">.*?</table>', page, re.S).group(0))  # type: ignore[union-attr]
    assert MOST in " ".join(table.split()), table
    said = visible_text(re.search(r'<p id="plan-money">.*?</p>', page, re.S).group(0))  # type: ignore[union-attr]
    assert said == (
        "To send: 50.00 face value, less 0.00 discount, plus 0.00 fees and 0.00 shipping: 50.00; and up to "
        "5.95 the vendor bills beside the lines of each of its 1 order(s), as on earlier orders: up to 55.95."
    ), said
    assert "Approve up to 55.95 USD" in " ".join(visible_text(page).split())


def test_the_status_total_says_what_its_batches_to_send_may_cost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two plans kept (2 cards of 25.00 each, one order each): each batch's line said 'up to 55.95 ...', the
    Total '100.00' alone."""
    with VendorProxy(tmp_path) as vendor:
        where = _refused_past_its_limit(vendor, tmp_path, capsys)
        third = write_sheet(tmp_path / "third.csv", [7, 8])
        assert main(["run", str(third), "--yes", "--wait", "0", "--max-total", "50", *where]) == 1
        capsys.readouterr()
        assert main(["status", "--json", "--ledger", where[3]]) == 0
        total = json.loads(capsys.readouterr().out)["total"]
        assert main(["status", "--ledger", where[3]]) == 0
        out = capsys.readouterr().out
    assert total["money"]["to_send"]["total"] == "100.00", total
    assert total["to_send_most"] == {"lines": "100.00", "most": "111.90"}, total
    row = next(line for line in out.splitlines() if "Total (3 batches)" in line)
    assert "100.00, up to 111.90 with what" in row, out
