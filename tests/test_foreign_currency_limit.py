"""A vendor answering orders in another currency than the plan's dollars, during a run held to a total (`run
--yes`, --max-total, a web Send, an approval): the rows count at their planned dollars, so the limit never saw
what the vendor charged. Five 25.00 CVS cards, the vendor answering in CAD and raising CVS's fee after the
first order: all five sent, 133.00 CAD against 125.00 confirmed, exit 0, said only as 'answers in CAD ...
compare with the invoice' (found by hunter-money30). The lead's decision: the run stops after the first order
answered in another currency, the orders left planned and said so; run again once checked, the batch's
orders known to be in that currency, it sends the rest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support.money_invariants import check_money
from support.vendor_proxy import VendorProxy, key_of, orders_rewritten
from test_prices import _cli_run, five_cvs_cards, raised_cvs_fee

from bulkship.cli import main
from bulkship.ledger import Ledger
from bulkship.sandbox.catalog import load_catalog
from bulkship.settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL


def _in_cad(order: dict[str, Any]) -> None:
    order["CurrencyCode"] = "CAD"
    for line in order[key_of(order, "LineItems")]:
        line["CurrencyCode"] = "CAD"


def test_a_run_held_to_a_total_stops_after_an_order_answered_in_another_currency(
    vendor: VendorProxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BULKSHIP_EMAIL", SANDBOX_EMAIL)
    monkeypatch.setenv("BULKSHIP_ACCESS_TOKEN", SANDBOX_ACCESS_TOKEN)
    five_cvs_cards(tmp_path)
    raised = raised_cvs_fee(tmp_path, 2.0)
    in_cad = orders_rewritten(_in_cad, reads_only=False)

    def rewrite(call: Any) -> Any:
        answer = in_cad(call)
        if call.method == "POST" and call.path.lower() == "/v1/orders":
            vendor.sandbox.catalog = load_catalog(raised)
        return answer

    vendor.rewrite = rewrite
    assert main(_cli_run(vendor, tmp_path, "--yes")) == 1
    said = " ".join(capsys.readouterr().err.split())
    assert len(vendor.sandbox.orders()) == 1, said
    assert (
        "The vendor answered BS-CAP-0001 in CAD, not US dollars (25.00 CAD, planned 25.00 USD): what it "
        "charges cannot be counted against the 125.00 confirmed by --yes. The orders left were not sent; "
        "they stay to send" in said
    ), said
    # the way on, in the page's words too: its reconcile in brackets read '(“Check against the vendor” on the
    # batch's Results page; then run ...', the bracket never closed (hunter-money30)
    way = "check what BS-CAP-0001 charged with the vendor: bulkship reconcile cap; then run the same"
    assert way in said, said
    from bulkship.web.pagewords import page_hint

    hint = said[said.index("check what BS-CAP-0001") :]
    assert "with the vendor: “Check against the vendor” on the batch's Results page; then" in page_hint(hint)
    with Ledger.open(tmp_path / "ledger.sqlite", lock=False) as ledger:
        assert len(ledger.orders("cap", ("planned",), payloads=False)) == 4
    seen = check_money(tmp_path / "ledger.sqlite", "cap", input_rows=range(2, 7))
    notes = {str(seen.rows[row]["Problems / vendor error"]) for row in range(3, 7)}
    assert len(notes) == 1 and "the vendor answered BS-CAP-0001 in CAD, not US dollars" in notes.pop(), notes
    # run again once checked: the batch's orders are known to be answered in CAD, and the rest go
    assert main(_cli_run(vendor, tmp_path, "--yes")) == 0, capsys.readouterr()
    assert len(vendor.sandbox.orders()) == 5


def test_the_plan_says_up_front_that_earlier_batches_were_answered_in_another_currency(
    vendor: VendorProxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-money30's leftover 5: a vendor answering every order in CAD stops each batch's first run after
    its first order (a run held to a total), and the plan before it said nothing of the batches it had
    answered so. It says so now, before the person confirms."""
    from support import write_sheet

    monkeypatch.setenv("BULKSHIP_EMAIL", SANDBOX_EMAIL)
    monkeypatch.setenv("BULKSHIP_ACCESS_TOKEN", SANDBOX_ACCESS_TOKEN)
    five_cvs_cards(tmp_path)
    vendor.rewrite = orders_rewritten(_in_cad, reads_only=False)
    assert main(_cli_run(vendor, tmp_path, "--yes")) == 1  # stopped after BS-CAP-0001
    assert main(_cli_run(vendor, tmp_path, "--yes")) == 0  # checked: the rest go
    said = " ".join(capsys.readouterr().err.split())
    assert "earlier orders of other batches" not in said, said  # cap's own orders: known already
    # the last line's 'charged 125.00 USD' is the planned dollars of orders charged in CAD, said there too
    assert "charged 125.00 USD (its vendor answers in CAD: counted at planned dollars)" in said, said
    second = write_sheet(tmp_path / "second.csv", [1, 2])
    ledger = str(tmp_path / "ledger.sqlite")
    run = ["run", str(second), "--yes", "--wait", "0", "--max-lines", "1", "--concurrency", "1",
           "--api-url", vendor.url, "--ledger", ledger, "--out", str(tmp_path)]  # fmt: skip
    assert main(run) == 1
    said = " ".join(capsys.readouterr().err.split())
    note = (
        "The vendor answered earlier orders of other batches in another currency than US dollars (CAD: "
        "BS-CAP-0001, BS-CAP-0002, BS-CAP-0003 and 2 more). If it answers this batch's so, a run held to a "
        "total"
    )
    assert note in said, said
    assert said.index(note) < said.index("The vendor answered BS-SECOND-0001 in CAD"), said
    # status's Charged cells of those batches are planned dollars too: '125.00' alone under 'amounts in US
    # dollars', its total adding them (hunter-money31's leftover 3)
    capsys.readouterr()
    assert main(["status", "--ledger", ledger]) == 0
    table = capsys.readouterr().out
    assert "125.00 planned (billed in CAD)" in table and "25.00 planned (billed in CAD)" in table, table
    assert "150.00 (150.00 of it planned)" in table, table
    assert main(["status", "--ledger", ledger, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    words = "its vendor answers in CAD: counted at planned dollars"
    assert [b["planned_dollars"] for b in shown["batches"]] == [words, words], shown["batches"]
    planned = {"batches": ["cap", "second"], "total": "150.00"}
    assert shown["total"]["charged_at_planned_dollars"] == planned, shown["total"]
