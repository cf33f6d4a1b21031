"""The money a batch has still to send is said with when it was priced: `bulkship status` and the Batches
page never ask the vendor, and a plan kept unsent read 'To send 50.00' after the vendor had raised CVS's fee
to make it 52.00, no plan having looked since, with nothing saying when 50.00 was the price (hunter-money19's
leftover, decided by hunter-money20)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import visible_text
from test_approval_pages import _signed_in, staff_sheet, team
from test_plan_kept_prices import raise_cvs_fee
from test_web import client, settings, upload

from bulkship.cli import main
from bulkship.ledger import Ledger
from bulkship.pricedon import priced_on
from bulkship.settings import resolve_settings
from bulkship.web import create_app

__all__ = ["client", "settings", "team"]  # fixtures

HEADER = "Name,Address,City,State,ZIP,Product,Value\n"
ANN = "Ann Lee,1 Main St,Boston,MA,02134,CVS,25\n"
BO = "Bo Chan,2 Main St,Boston,MA,02134,CVS,50\n"


def status_of(batch: str, capsys: pytest.CaptureFixture[str]) -> tuple[dict[str, object], str]:
    """`status BATCH --json`'s batch, and the table `status BATCH` prints (on one line)."""
    capsys.readouterr()
    assert main(["status", batch, "--json"]) == 0
    (found,) = json.loads(capsys.readouterr().out)["batches"]
    assert main(["status", batch]) == 0
    return found, " ".join(capsys.readouterr().out.split())


def planned_at(batch: str) -> str:
    """When the batch's planned order entered the ledger (its plan), minutes shown as status shows them."""
    with Ledger.open(resolve_settings().ledger, lock=False) as ledger:
        (order,) = ledger.orders(batch, states=("planned",), payloads=False)
        return order.created


def test_money_to_send_says_when_it_was_priced_after_the_vendor_raised_a_fee_unseen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "fee.csv"
    sheet.write_text(HEADER + ANN)
    assert main(["run", str(sheet), "--batch", "fee", "--yes", "--wait", "0"]) == 0  # Ann's card: 25.00
    sheet.write_text(HEADER + ANN + BO)  # Bo added, over the budget today: his plan kept unsent
    command = ["run", str(sheet), "--batch", "fee", "--max-total", "1", "--wait", "0"]
    assert main(command) != 0
    assert "cost 50.00, more than --max-total 1.00" in capsys.readouterr().err
    first = planned_at("fee")
    raise_cvs_fee(tmp_path, monkeypatch, 2.0)  # the next day, at the vendor: 52.00; no plan looks
    found, table = status_of("fee", capsys)
    assert (found["planned_cost"], found["to_send_priced"]) == ("50.00", first), found
    assert f"50.00 as priced {first[:10]} {first[11:16]}" in table, table
    assert main(command) != 0  # a plan looks: priced again at today's fee
    assert "cost 52.00, more than --max-total 1.00" in capsys.readouterr().err
    found, table = status_of("fee", capsys)
    with Ledger.open(resolve_settings().ledger, lock=False) as ledger:
        (repriced,) = ledger.events("fee", kinds=["repriced"])
    assert (found["planned_cost"], found["to_send_priced"]) == ("52.00", repriced.at), found
    assert repriced.at > first
    assert f"52.00 as priced {repriced.at[:10]} {repriced.at[11:16]}" in table, table
    assert main(["run", str(sheet), "--batch", "fee", "--yes", "--wait", "0"]) == 0
    found, table = status_of("fee", capsys)
    assert (found["planned_cost"], found["to_send_priced"]) == ("0.00", None), found
    assert "as priced" not in table, table


def test_a_batch_s_price_day_is_its_oldest_planned_order_s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "two.csv"
    sheet.write_text(HEADER + ANN + BO)
    assert main(["run", str(sheet), "--batch", "two", "--max-lines", "1", "--max-total", "1"]) != 0
    with Ledger.open(resolve_settings().ledger, lock=False) as ledger:
        orders = ledger.orders("two", states=("planned",), payloads=False)
        assert len(orders) == 2
        assert priced_on(ledger) == {"two": min(o.created for o in orders)}
        assert priced_on(ledger, "elsewhere") == {}


def test_the_batches_page_says_when_its_money_to_send_was_priced(
    client: TestClient, settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = "Employee ID,First Name,Last Name,Address,City,State,Zip Code,Product,Amount,Shipping Method\n"
    people = [f"G-{n},Gail{n},Stone{n},{n} Quarry Rd,Boston,MA,02108,CVS,25,STANDARD\n" for n in range(4)]
    sheet = tmp_path / "gifts.csv"
    sheet.write_text(header + "".join(people))
    upload(client, sheet, name="gifts")
    assert 'name="total" value="100.00"' in client.get("/batches/gifts/cost").text  # planned, priced
    raise_cvs_fee(tmp_path, monkeypatch, 1.5)  # meanwhile, at the vendor: 106.00; no cost page looks
    first = planned_at("gifts")
    batches = " ".join(visible_text(client.get("/").text).split())
    assert f"100.00 to send as priced {first[:10]} {first[11:16]}" in batches, batches


def test_the_results_page_says_when_its_money_to_send_was_priced(
    client: TestClient, settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = "Employee ID,First Name,Last Name,Address,City,State,Zip Code,Product,Amount,Shipping Method\n"
    people = [f"G-{n},Gail{n},Stone{n},{n} Quarry Rd,Boston,MA,02108,CVS,25,STANDARD\n" for n in range(2)]
    sheet = tmp_path / "gifts.csv"
    sheet.write_text(header + "".join(people))
    upload(client, sheet, name="gifts")
    assert 'name="total" value="50.00"' in client.get("/batches/gifts/cost").text  # planned, priced
    raise_cvs_fee(tmp_path, monkeypatch, 1.5)  # meanwhile, at the vendor: 53.00; no cost page looks
    first = planned_at("gifts")
    results = " ".join(visible_text(client.get("/batches/gifts/results").text).split())
    assert f"50.00 to send (not sent yet, as priced {first[:10]} {first[11:16]}: its cost page" in results, (
        results
    )


def test_the_approval_page_of_a_command_line_batch_says_when_its_money_to_send_was_priced(
    team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = staff_sheet(tmp_path / "staff.csv", range(1, 3))
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    command = ["run", str(sheet), "--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    assert main(command) == 1  # 50.00 is above the threshold: waits for an approver, nothing sent
    first = planned_at("HR")
    with _signed_in(create_app(team), "carol") as carol:
        page = carol.get("/batches/HR/approval").text
    cell = " ".join(visible_text(page[page.index('id="total"') :]).split())
    assert f">50.00 as priced {first[:10]} {first[11:16]} 0.00" in cell, cell  # To send, In doubt
