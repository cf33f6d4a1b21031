"""A team's limits hold while the orders go out, as --max-total does: what a person may send without
approval, and the total an approver approved. Checked against the plan only, a vendor raising its prices
during the run was paid past them (found by hunter-money9: alice, who may send 100.00 alone, sent four
25.00 cards, CVS's fee raised after the first: 106.00 charged, exit 0, no approver asked)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from support.vendor_proxy import VendorProxy

from bulkship.cli import main
from bulkship.sandbox.catalog import BUILTIN_CATALOG, load_catalog
from bulkship.settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL, Settings, resolve_settings
from bulkship.team import accounts, approvals, store

pytestmark = pytest.mark.usefixtures("quick_hashes")  # argon2's cheapest parameters


@pytest.fixture
def team(vendor: VendorProxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """alice (requester) and carol (approver) on a ledger in ``tmp_path``; the proxy's vendor raises CVS's
    fee to 2.00 once it made the run's first order."""
    monkeypatch.setenv("BULKSHIP_EMAIL", SANDBOX_EMAIL)
    monkeypatch.setenv("BULKSHIP_ACCESS_TOKEN", SANDBOX_ACCESS_TOKEN)
    monkeypatch.setenv("BULKSHIP_LEDGER", str(tmp_path / "ledger.sqlite"))
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    settings = resolve_settings()
    for name, role in (("admin", "admin"), ("alice", "requester"), ("carol", "approver")):
        accounts.add_user(settings, name, f"password-{name}-1", [role], actor="test")
    raised = copy.deepcopy(BUILTIN_CATALOG)
    next(p for p in raised["Products"] if p["Id"] == "CVS")["Cost"]["Fee"] = 2.0  # a card costs 27.00
    (tmp_path / "raised.json").write_text(json.dumps(raised))
    dearer = load_catalog(tmp_path / "raised.json")

    def rewrite(call: Any) -> Any:
        answer = call.forward()
        if call.method == "POST" and call.path.lower() == "/v1/orders":
            vendor.sandbox.catalog = dearer
        return answer

    vendor.rewrite = rewrite
    (tmp_path / "four.csv").write_text(
        "Name,Address,City,State,ZIP,Product,Value\n"
        + "".join(f"P{i} Lee,{i} Main St,Boston,MA,02134,CVS,25\n" for i in range(1, 5))
    )
    try:
        yield settings
    finally:
        store.forget_engines()


def _run(vendor: VendorProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """``bulkship run four.csv --yes`` as alice, one card an order, one order in flight at a time."""
    code = main(
        ["run", str(tmp_path / "four.csv"), "--batch", "four", "--max-lines", "1", "--concurrency", "1",
         "--wait", "0", "--api-url", vendor.url, "--out", str(tmp_path / "out"), "--yes"]
    )  # fmt: skip
    return code, " ".join(capsys.readouterr().err.split())


def _charged(vendor: VendorProxy) -> Decimal:
    return sum((Decimal(str(o["Cost"])) for o in vendor.orders()), Decimal(0))


@pytest.mark.parametrize("limit", ["alone", "approved"])
def test_a_vendor_raising_its_prices_during_a_run_is_not_paid_past_what_the_team_allows(
    team: Settings, vendor: VendorProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str], limit: str
) -> None:
    if limit == "alone":
        approvals.set_threshold(team, Decimal(100), actor="admin")  # alice may send 100.00 without approval
        said = "the 100.00 alice may send without approval"
    else:  # every batch needs a second person; carol approves the plan of 100.00
        code, words = _run(vendor, tmp_path, capsys)
        assert code != 0 and "waits for an approver" in words and vendor.orders() == [], words
        asked = approvals.latest(team, "four")
        assert asked is not None and asked.total == Decimal(100)
        approvals.decide(team, asked.id, person="carol", approve=True)
        said = f"the 100.00 approved (request #{asked.id})"
    code, words = _run(vendor, tmp_path, capsys)
    assert _charged(vendor) == Decimal(52), f"{_charged(vendor)} charged: 25.00, then 27.00, then stop"
    assert code == 1 and "The vendor charged more than planned (BS-FOUR-0002: 27.00" in words, words
    assert f"so that the run does not cost more than {said}; they stay to send" in words, words


def test_an_order_in_doubt_the_vendor_made_past_what_alice_may_send_alone_settles_without_an_approver(
    team: Settings, vendor: VendorProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """alice may send 100.00 alone; four 25.00 cards, CVS's fee raised after the third is made and the
    fourth's answer lost (made at 27.00). The next run asked an approver ('Batch four costs 102.00 in all
    (75.00 charged already), more than alice may send without approval (100.00): request #1 waits') for
    money the vendor had charged already: an approver's yes was the only way to settle it. The vendor is
    asked first: the order is made, nothing is left to send, no approval is asked."""
    from support.vendor_proxy import Answer

    approvals.set_threshold(team, Decimal(100), actor="admin")
    dearer = load_catalog(tmp_path / "raised.json")

    def rewrite(call: Any) -> Any:
        answer = call.forward()
        if call.method == "POST" and call.path.lower() == "/v1/orders":
            if b"BS-FOUR-0003" in call.body:
                vendor.sandbox.catalog = dearer
            if b"BS-FOUR-0004" in call.body:
                return Answer(504, b"")  # made at 27.00, the answer lost
        return answer

    vendor.rewrite = rewrite
    code, words = _run(vendor, tmp_path, capsys)
    assert code == 1 and _charged(vendor) == Decimal(102), words
    vendor.rewrite = lambda call: call.forward()
    code, words = _run(vendor, tmp_path, capsys)
    assert code == 0 and "waits for an approver" not in words, words
    assert approvals.latest(team, "four") is None  # nobody was asked
    assert _charged(vendor) == Decimal(102) and len(vendor.orders()) == 4, words
    assert "charged 102.00" in words, words
