"""A vendor billing 5.95 on every order beside its lines (shipping or a fee its catalog does not show): the
next list's plan said 'Send 1 order(s) for 50.00 USD', its cost page 'The total above is the most this batch
will spend', and 55.95 was charged, as on every earlier order, nothing said before (found by hunter-money25).
The plan (the run's, the cost page's, and so the approver's) says what earlier orders were billed beside their
lines and what the orders to send may cost more, counted in what it may spend (test_order_charge_confirmed);
its table's total stays the lines' (the vendor may not bill it again)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from support import visible_text, write_sheet
from support.vendor_proxy import VendorProxy, key_of, orders_rewritten
from test_web import upload

from bulkship.cli import main
from bulkship.settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL
from bulkship.track import track
from bulkship.web import create_app

ON_THE_ORDER = Decimal("5.95")


def _billed_on_every_order(order: dict[str, Any]) -> None:
    lines = order[key_of(order, "LineItems")]
    total = sum((Decimal(str(li[key_of(li, "Cost")])) for li in lines), Decimal(0))
    order[key_of(order, "Cost")] = float(total + ON_THE_ORDER)


@pytest.fixture
def billed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[tuple[VendorProxy, list[str]]]:
    """A vendor billing 5.95 on every order beside its lines, batch 'first' (4 cards of 25.00 in 2 orders)
    sent to it and tracked: charged 111.90. The vendor, and the command's place (--api-url, --ledger,
    --out)."""
    monkeypatch.setenv("BULKSHIP_EMAIL", SANDBOX_EMAIL)
    monkeypatch.setenv("BULKSHIP_ACCESS_TOKEN", SANDBOX_ACCESS_TOKEN)
    with VendorProxy(tmp_path) as vendor:
        yield vendor, _first_batch_billed(vendor, tmp_path, capsys)


def _first_batch_billed(vendor: VendorProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Batch 'first' (4 cards of 25.00 in 2 orders) sent and tracked: charged 111.90; the command's place
    (test_order_charge_confirmed's too)."""
    vendor.rewrite = orders_rewritten(_billed_on_every_order, reads_only=False)
    where = ["--api-url", vendor.url, "--ledger", str(tmp_path / "ledger.sqlite"), "--out", str(tmp_path)]
    first = write_sheet(tmp_path / "first.csv", [1, 2, 3, 4])
    # --max-total gives the vendor's 5.95 on each order room: `--yes` alone holds to the plan shown (50.00 an
    # order), and stops at the first order billed more (test_yes_confirms_the_plan)
    run = ["run", str(first), "--yes", "--wait", "0", "--max-lines", "2", "--max-total", "120"]
    assert main([*run, *where]) == 0
    asyncio.run(track(vendor.settings(tmp_path), "first", client_factory=vendor.factory))
    capsys.readouterr()
    return where


SAID = (
    "The vendor billed money beside the lines of 2 earlier order(s) (shipping, a fee or a tax on the order, "
    "not in its catalog: BS-FIRST-0001: 5.95, BS-FIRST-0002: 5.95). Counted in the most this plan may spend, "
    "beside its lines' total: up to 5.95 on each of the 1 order(s) (5.95 in all); the vendor billing more "
    "stops a run held to a total (one you confirm or set as its most, a cost page's Send, an approval)."
)


def test_the_plan_says_what_the_vendor_billed_beside_the_lines_of_earlier_orders(
    billed: tuple[VendorProxy, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _vendor, where = billed
    second = write_sheet(tmp_path / "second.csv", [5, 6])
    assert main(["run", str(second), "--yes", "--wait", "0", "--json", *where]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert SAID in err, err
    assert err.index(SAID) < err.index("Sending orders"), err  # said before anything is sent


def test_validate_cost_says_what_the_vendor_billed_beside_the_lines_of_earlier_orders(
    billed: tuple[VendorProxy, list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`validate --cost` of the next list, a batch the ledger does not hold yet: said as its run will."""
    _vendor, where = billed
    second = write_sheet(tmp_path / "second.csv", [5, 6])
    monkeypatch.setenv("BULKSHIP_LEDGER", where[3])  # (validate takes no --ledger)
    assert main(["validate", str(second), "--cost", *where[:2], *where[4:]]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert "1 order(s), 50.00 USD at the vendor's prices of today" in err, err  # the lines', as before
    assert SAID in err, err


def test_the_cost_page_says_what_the_vendor_billed_beside_the_lines_of_earlier_orders(
    billed: tuple[VendorProxy, list[str]], tmp_path: Path
) -> None:
    vendor, _where = billed
    with TestClient(create_app(vendor.settings(tmp_path), run_wait_s=0), follow_redirects=True) as client:
        upload(client, write_sheet(tmp_path / "second.csv", [5, 6]))
        page = " ".join(visible_text(client.get("/batches/second/cost").text).split())
    assert SAID in page.replace("&#39;", "'"), page
    # what is sent counts the 5.95 too (test_order_charge_confirmed), the table's total the lines'
    assert "Send 1 order(s) for 55.95 USD" in page, page


def test_validate_cost_of_a_batch_with_orders_planned_counts_them_as_the_run_sends_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Five 25.00 cards, one an order (--max-lines 1), the vendor billing 5.95 beside each: `run --yes` stops
    after the first (30.95 where the plan said 25.00), four orders planned, kept by the next run with their PO
    numbers: its plan 'up to 5.95 on each of the 4 order(s) ... The most this run can spend: 123.80', as
    `status` says. `validate --batch cap --cost` planned the four rows afresh into 1 order: '1 order(s),
    100.00 USD ... 105.95 USD at most' (hunter-money30): the most the run spends, said 17.85 short. It
    counts the orders the run keeps."""
    from test_prices import _cli_run, five_cvs_cards

    monkeypatch.setenv("BULKSHIP_EMAIL", SANDBOX_EMAIL)
    monkeypatch.setenv("BULKSHIP_ACCESS_TOKEN", SANDBOX_ACCESS_TOKEN)
    monkeypatch.setenv("BULKSHIP_LEDGER", str(tmp_path / "ledger.sqlite"))  # (validate takes no --ledger)
    five_cvs_cards(tmp_path)
    with VendorProxy(tmp_path) as vendor:
        vendor.rewrite = orders_rewritten(_billed_on_every_order, reads_only=False)
        assert main(_cli_run(vendor, tmp_path, "--yes")) == 1
        capsys.readouterr()
        cost = ["validate", str(tmp_path / "cap.csv"), "--batch", "cap", "--cost", "--api-url", vendor.url]
        assert main([*cost, "--out", str(tmp_path / "v")]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert (
        "4 order(s), 100.00 USD at the vendor's prices of today, and up to 5.95 the vendor bills beside "
        "the lines of each (note below): 123.80 USD at most." in said
    ), said
