"""Every surface showing a batch's money says its currency, as the run's plan ('in US dollars (USD)') and the
cost page's Send ('Send 1 order(s) for 50.00 USD') do: the run's last line said 'charged 50.00', `status`
'Charged 50.00', the Batches page's Money and the Results page's '50.00 charged' no currency at all, nor the
cost page's button asking about orders in doubt, nor the approval page of a batch run from the command line
(hunter-money20, the brief's leftover)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import visible_text
from test_approval_pages import _signed_in, staff_sheet, team

from bulkship.cli import main
from bulkship.settings import resolve_settings
from bulkship.web import create_app

__all__ = ["team"]  # fixtures


def said(text: str) -> str:
    return " ".join(visible_text(text).split())


def test_the_run_status_and_pages_say_the_money_is_in_us_dollars(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = staff_sheet(tmp_path / "staff.csv", range(1, 3))  # 2 CVS cards of 25.00
    assert main(["run", str(sheet), "--batch", "staff", "--yes", "--wait", "0"]) == 0
    assert "2 ordered in 1 order(s); charged 50.00 USD\n" in capsys.readouterr().err
    assert main(["status", "staff", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["currency"] == "USD"
    assert main(["status", "staff"]) == 0
    table = " ".join(capsys.readouterr().out.split())
    assert ", amounts in US dollars (USD)" in table, table
    with TestClient(create_app(resolve_settings())) as client:
        batches = client.get("/").text
        results = client.get("/batches/staff/results").text
    assert re.search(r'<th class="num">Money \(USD\)</th>', batches), batches
    assert "Amounts in US dollars (USD)." in said(results), said(results)


def test_the_approver_of_a_command_line_batch_reads_its_currency(
    team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = staff_sheet(tmp_path / "staff.csv", range(1, 3))
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    command = ["run", str(sheet), "--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    assert main(command) == 1  # 50.00 is above the threshold: waits for an approver, nothing sent
    with _signed_in(create_app(team), "carol") as carol:
        page = said(carol.get("/batches/HR/approval").text)
        listed = carol.get("/approvals").text  # the requests waiting, with their totals
    assert "Amounts in US dollars (USD)" in page and "Approve up to 50.00 USD" in page, page
    assert '<th class="num">Total (USD)</th>' in listed, listed


def test_money_before_the_plan_and_reconcile_s_totals_say_the_currency(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = staff_sheet(tmp_path / "staff.csv", range(1, 3))  # 50.00 sent
    assert main(["run", str(sheet), "--batch", "staff", "--yes", "--wait", "0"]) == 0
    staff_sheet(sheet, range(1, 4))  # a third person added
    capsys.readouterr()
    assert main(["run", str(sheet), "--batch", "staff", "--yes", "--wait", "0"]) == 0
    assert "Already charged: 50.00 USD for 2 row(s)" in capsys.readouterr().err
    assert main(["reconcile", "staff"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert re.search(r"ledger \d+ orders, 75\.00 USD; vendor \d+ orders, 75\.00 USD", said), said
