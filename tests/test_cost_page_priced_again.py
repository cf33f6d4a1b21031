"""A cost page shown again hours later is priced at the vendor's prices of then: the plan was kept for the
batch's rows all day, and a page shown at 9:00 went on saying 'Send 1 order(s) for 125.00 USD ... the most
this batch will spend' at 14:00 of a vendor charging 2.00 more a card since noon; its Send was refused 'cost
135.00, more than the 125.00 confirmed on its cost page', and an approver approved 125.00 to the same end
(found by hunter-money25). A plan kept longer than cost_pages.PLAN_FRESH_S is priced again when a page shows
it; within it, the plan kept is shown (the Send acts on the plan its page showed)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import visible_text
from test_plan_kept_prices import raise_cvs_fee
from test_web import client, confirm, found, settings, upload, wait_until_finished

from bulkship.cli import main
from bulkship.web import cost_pages

__all__ = ["client", "settings"]  # fixtures


def _total(client: TestClient) -> str:
    return found(r'name="total" value="([^"]+)"', client.get("/batches/gifts/cost").text)


def test_a_cost_page_shown_again_later_is_priced_at_the_vendor_s_prices_of_then(
    client: TestClient,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sheet = tmp_path / "gifts.csv"
    rows = "".join(f"P{i} Lee,{i} Main St,Boston,MA,02134,CVS,25\n" for i in range(1, 6))
    sheet.write_text("Name,Address,City,State,ZIP,Product,Amount\n" + rows)
    upload(client, sheet)
    assert _total(client) == "125.00"
    raise_cvs_fee(tmp_path, monkeypatch, 2.0)  # at the vendor: 2.00 a card from now on
    assert _total(client) == "125.00"  # the plan the page just showed, kept
    later = time.monotonic() + getattr(cost_pages, "PLAN_FRESH_S", 600.0) + 1  # (the page's clock)
    monkeypatch.setattr(cost_pages, "_clock", lambda: later, raising=False)  # shown again, hours later
    page = " ".join(visible_text(client.get("/batches/gifts/cost").text).split())
    assert "Send 1 order(s) for 135.00 USD" in page, page
    done = " ".join(visible_text(confirm(client, "gifts").text).split())
    done = " ".join(visible_text(wait_until_finished(client, "gifts")).split())
    assert "Finished" in done and "more than" not in done, done  # sent, not refused
    capsys.readouterr()
    assert main(["status", "gifts", "--json"]) == 0
    (status,) = json.loads(capsys.readouterr().out)["batches"]
    assert status["ordered_cost"] == "135.00", status
