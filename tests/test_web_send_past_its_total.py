"""A web Send that every order left, the last charged more than planned (the vendor raised its fees after the
first order): its run ends past the total its Send confirmed, exit 1, nothing left to send. The Batches page
read 'needs attention' (the run's exit code) while `bulkship status` read 'sent' (hunter-money29's leftover 3,
the lead's leftover 5.2). One word on both: 'sent', as the ledger has it; the Batches line says what the run
counted against the Send's total, as its progress page does."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from support import visible_text
from support.money_invariants import check_money
from support.vendor_proxy import VendorProxy
from test_web import confirm, upload, wait_until_finished

from bulkship.cli import main
from bulkship.sandbox.catalog import BUILTIN_CATALOG, load_catalog
from bulkship.web import create_app


def _fees_raised_after_the_first_order(vendor: VendorProxy, tmp_path: Path) -> None:
    raised = json.loads(json.dumps(BUILTIN_CATALOG))
    for product in raised["Products"]:
        product["Cost"]["Fee"] = 1.5
    (tmp_path / "raised.json").write_text(json.dumps(raised))

    def rewrite(call: Any) -> Any:
        answer = call.forward()
        if call.method == "POST" and call.path.lower() == "/v1/orders":
            vendor.sandbox.catalog = load_catalog(tmp_path / "raised.json")
        return answer

    vendor.rewrite = rewrite


def test_a_send_past_its_total_with_every_order_gone_reads_sent_on_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "mix.csv"
    products = ["CVS", "TARGET", "STARBUCKS", "HOMEDEPOT", "CVS", "TARGET"]
    sheet.write_text(
        "Name,Address,City,State,ZIP,Product,Amount\n"
        + "".join(f"P{i} Lee,{i} Main St,Boston,MA,02134,{p},25\n" for i, p in enumerate(products, 1))
    )
    with VendorProxy(tmp_path) as vendor:
        _fees_raised_after_the_first_order(vendor, tmp_path)
        settings = replace(vendor.settings(tmp_path), concurrency=1)
        with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
            upload(client, sheet, name="mix")
            assert "Send 2 order(s) for 149.38 USD" in visible_text(client.get("/batches/mix/cost").text)
            confirm(client, "mix")
            done = visible_text(wait_until_finished(client, "mix"))
            assert "150.88 counts against the 149.38 its Send confirmed" in done, done
            seen = check_money(tmp_path / "ledger.sqlite", "mix", input_rows=range(2, 8), web=True)
            assert seen.total("charged") == Decimal("150.88") and not seen.total("to send")
            batches = visible_text(client.get("/").text)
    assert main(["status", "mix", "--json", "--ledger", str(tmp_path / "ledger.sqlite")]) == 0
    assert json.loads(capsys.readouterr().out)["batches"][0]["state"] == "sent"
    assert "mix sent mix.csv 6 6 150.88 charged" in batches, batches
    said = "(150.88 counts against the 149.38 its Send confirmed: the vendor charged more than planned"
    assert said in batches, batches
