"""A vendor billing 5.95 on every order beside its lines, seen on earlier orders: the next list's plan said
'the orders to send cost 50.00' and `run --max-total 50` was charged 55.95, the cost page's 'Send 1 order(s)
for 50.00 USD' the same (found by hunter-money25, its leftover 4; fixed by hunter-money26). What the person
confirms, and every limit, counts what the vendor billed on each order before: a charge beyond it stops the
run as a price raised does."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import visible_text, write_sheet
from support.money_invariants import check_money
from support.vendor_proxy import VendorProxy, orders_rewritten
from test_billed_before import _first_batch_billed
from test_fee_per_order import _fee_once_per_order
from test_web import confirm, upload, wait_until_finished

from bulkship.cli import main
from bulkship.settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL
from bulkship.statuses import CHARGED
from bulkship.track import track
from bulkship.web import create_app


@pytest.fixture(autouse=True)
def _sandbox_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BULKSHIP_EMAIL", SANDBOX_EMAIL)
    monkeypatch.setenv("BULKSHIP_ACCESS_TOKEN", SANDBOX_ACCESS_TOKEN)


def _charged(tmp_path: Path, batch: str) -> Decimal:
    """What every surface says the batch was charged (support.money_invariants: they agree)."""
    return check_money(tmp_path / "ledger.sqlite", batch).total(CHARGED)


def test_a_max_total_of_the_lines_alone_is_refused_before_anything_is_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with VendorProxy(tmp_path) as vendor:
        where = _first_batch_billed(vendor, tmp_path, capsys)
        second = write_sheet(tmp_path / "second.csv", [5, 6])
        code = main(["run", str(second), "--yes", "--wait", "0", "--max-total", "50", *where])
        err = " ".join(capsys.readouterr().err.split())
        assert code == 1, err
        assert "The orders to send cost 55.95" in err, err
        assert "more than --max-total 50.00. Nothing was sent" in err, err
        assert [c for c in vendor.posts() if "SECOND" in c.body.decode()] == []  # nothing sent


def test_a_max_total_counting_the_order_charge_sends_without_a_stop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with VendorProxy(tmp_path) as vendor:
        where = _first_batch_billed(vendor, tmp_path, capsys)
        second = write_sheet(tmp_path / "second.csv", [5, 6, 7, 8])
        code = main(
            ["run", str(second), "--yes", "--wait", "0", "--max-lines", "2", "--max-total", "111.90", *where]
        )
        err = " ".join(capsys.readouterr().err.split())
        assert code == 0, err
        assert "charged more than planned" not in err, err
        assert _charged(tmp_path, "second") == Decimal("111.90")
        assert "up to 5.95 on each of the 2 order(s)" in err, err  # said with the plan
        assert "most this run can spend: 111.90" in err, err


def test_a_vendor_billing_more_on_an_order_than_before_stops_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Counted, the charge seen before is no leave to charge more: 7.95 where 5.95 was seen stops the run
    after its first order, as a price raised does."""
    with VendorProxy(tmp_path) as vendor:
        where = _first_batch_billed(vendor, tmp_path, capsys)
        import test_billed_before

        test_billed_before.ON_THE_ORDER = Decimal("7.95")  # (read by the vendor's rewrite at each order)
        try:
            second = write_sheet(tmp_path / "second.csv", [5, 6, 7, 8])
            run = ["run", str(second), "--yes", "--wait", "0", "--max-lines", "2", "--max-total", "111.90"]
            code = main([*run, "--concurrency", "1", *where])
        finally:
            test_billed_before.ON_THE_ORDER = Decimal("5.95")
        err = " ".join(capsys.readouterr().err.split())
        assert code == 1, err
        assert "The vendor charged more than planned (BS-SECOND-0001: 57.95, planned 55.95)" in err, err
        assert len([c for c in vendor.posts() if "SECOND" in c.body.decode()]) == 1


def test_the_cost_page_sends_what_the_vendor_bills_on_each_order_and_no_more(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with VendorProxy(tmp_path) as vendor:
        _first_batch_billed(vendor, tmp_path, capsys)
        settings = vendor.settings(tmp_path)
        with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
            upload(client, write_sheet(tmp_path / "second.csv", [5, 6]))
            page = client.get("/batches/second/cost").text
            text = " ".join(visible_text(page).split())
            assert "Send 1 order(s) for 55.95 USD" in text, text
            assert (
                "55.95 (the total above and up to 5.95 the vendor bills beside the lines of each of the 1 "
                "order(s), as on earlier orders) is the most this batch will spend" in text
            ), text
            sent = confirm(client, "second")
            assert sent.url.path == "/batches/second/progress", sent.text
            wait_until_finished(client, "second")
            results = " ".join(visible_text(client.get("/batches/second/results").text).split())
        assert "charged more than planned" not in results, results
        assert _charged(tmp_path, "second") == Decimal("55.95")


def test_validate_cost_says_the_most_the_run_may_spend_order_charges_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`validate --cost` of the next list says what the run's plan asks to confirm; --json gives it."""
    with VendorProxy(tmp_path) as vendor:
        where = _first_batch_billed(vendor, tmp_path, capsys)
        second = write_sheet(tmp_path / "second.csv", [5, 6])
        monkeypatch.setenv("BULKSHIP_LEDGER", where[3])  # (validate takes no --ledger)
        assert main(["validate", str(second), "--cost", *where[:2], *where[4:]]) == 0
        err = " ".join(capsys.readouterr().err.split())
        assert (
            "1 order(s), 50.00 USD at the vendor's prices of today, and up to 5.95 the vendor bills beside "
            "the lines of each (note below): 55.95 USD at most." in err
        ), err
        assert main(["validate", str(second), "--cost", "--json", *where[:2], *where[4:]]) == 0
        cost = json.loads(capsys.readouterr().out)["cost"]
        assert (cost["total"], cost["order_charge"], cost["most"]) == ("50.00", "5.95", "55.95"), cost


def test_a_card_fee_the_plan_counted_billed_once_on_the_order_is_no_charge_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A vendor billing the Visa card's 5.95 fee once on the order (test_fee_per_order) charged 209.95 for a
    plan of 227.80: its 5.95 beside the lines is no money beyond the plan, so the next list's plan counts
    none on its orders (counted, 'at most' read 5.95 more than the vendor bills)."""
    sheet = tmp_path / "visa.csv"
    sheet.write_text(
        "Employee ID,Name,Address,City,State,ZIP,Product,Amount,Quantity\n"
        "E1,Ann Lee,1 Main St,Boston,MA,02134,VISA-PREPAID,50,2\n"
        "E2,Bob Ray,2 Main St,Boston,MA,02134,VISA-PREPAID,100,1\n"
    )
    with VendorProxy(tmp_path) as vendor:
        vendor.rewrite = orders_rewritten(_fee_once_per_order, reads_only=False)
        where = ["--api-url", vendor.url, "--ledger", str(tmp_path / "ledger.sqlite"), "--out", str(tmp_path)]
        assert main(["run", str(sheet), "--yes", "--wait", "0", *where]) == 0
        asyncio.run(track(vendor.settings(tmp_path), "visa", client_factory=vendor.factory))
        capsys.readouterr()
        second = write_sheet(tmp_path / "second.csv", [5, 6])
        monkeypatch.setenv("BULKSHIP_LEDGER", where[3])  # (validate takes no --ledger)
        assert main(["validate", str(second), "--cost", "--json", *where[:2], *where[4:]]) == 0
        cost = json.loads(capsys.readouterr().out)["cost"]
        assert "most" not in cost and cost["total"] == "50.00", cost
