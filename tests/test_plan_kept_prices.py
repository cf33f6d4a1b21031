"""A plan kept unsent costs what it was last shown at: the vendor raised a card's fee after a batch was
planned, the run (or the cost page) priced it again and refused or asked at the new total, and `bulkship
status`, its --json, the Batches page and the result workbook went on saying the plan's first total as 'To
send' (hunter-money18's leftover, found again by hunter-money19: `status pc1` 63.38 beside the run's and the
cost page's 69.38). An approval asked or given keeps the plan it was asked about."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import openpyxl
import pytest
from starlette.testclient import TestClient
from support import clients_of, visible_text
from support.money_invariants import check_money
from test_web import client, found, settings, token, upload, wait_until_finished

from bulkship.cli import main
from bulkship.ledger import Ledger
from bulkship.overview import overview
from bulkship.sandbox import core
from bulkship.sandbox.catalog import BUILTIN_CATALOG, load_catalog
from bulkship.settings import Settings, resolve_settings
from bulkship.statuses import TO_SEND
from bulkship.team import accounts, approvals, store
from bulkship.web import create_app

__all__ = ["client", "settings"]  # fixtures


def raise_cvs_fee(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fee: float) -> None:
    """The embedded sandbox's catalog from now on: the built-in one with CVS's fee per card ``fee``."""
    raised = copy.deepcopy(BUILTIN_CATALOG)
    for product in raised["Products"]:
        if product["Id"] == "CVS":
            product["Cost"]["Fee"] = fee
    (tmp_path / "raised.json").write_text(json.dumps(raised))
    monkeypatch.setattr(core, "load_catalog", lambda _path: load_catalog(tmp_path / "raised.json"))


def summary_to_send(path: Path) -> list[object]:
    """The result workbook's Summary: the cells of its 'To send' line."""
    sheet = openpyxl.load_workbook(path, read_only=True)["Summary"]
    (line,) = [row for row in sheet.iter_rows(values_only=True) if row and row[0] == "To send"]
    return [cell for cell in line if cell is not None]


def test_a_plan_refused_at_a_raised_fee_is_said_to_send_at_that_fee_by_status_and_the_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "fee.csv"
    header, ann, bo = (
        "Name,Address,City,State,ZIP,Product,Value\n",
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25\n",
        "Bo Chan,2 Main St,Boston,MA,02134,CVS,50\n",
    )
    sheet.write_text(header + ann)
    assert main(["run", str(sheet), "--batch", "fee", "--yes", "--wait", "0"]) == 0  # Ann's card: 25.00
    sheet.write_text(header + ann + bo)  # Bo added to the list, over the budget today
    command = ["run", str(sheet), "--batch", "fee", "--max-total", "1", "--wait", "0"]
    assert main(command) != 0
    assert "cost 50.00, more than --max-total 1.00" in capsys.readouterr().err
    raise_cvs_fee(tmp_path, monkeypatch, 2.0)  # the next day, at the vendor: 2.00 a card
    assert main(command) != 0
    assert "cost 52.00, more than --max-total 1.00" in capsys.readouterr().err  # the plan kept is this
    assert main(["status", "fee", "--json"]) == 0
    (status,) = json.loads(capsys.readouterr().out)["batches"]
    assert (status["ordered_cost"], status["planned_cost"]) == ("25.00", "52.00"), status["money"]
    to_send = status["money"]["to_send"]
    assert (to_send["face_value"], to_send["fees"], to_send["total"]) == ("50.00", "2.00", "52.00"), to_send
    assert main(["status", "fee"]) == 0
    table = capsys.readouterr().out
    assert "52.00" in table and "50.00" not in table, table
    ledger_path = resolve_settings().ledger
    with Ledger.open(ledger_path, lock=False) as ledger:  # the Batches page's figure
        assert overview(ledger)["fee"].money[TO_SEND] == Decimal("52.00")
        record = ledger.batch("fee")
        assert record is not None and record.output
        output = Path(record.output)
    assert summary_to_send(output) == ["To send", 1, 1, 1, 50, 0, 2, 0, 52]  # orders, rows, cards, money
    seen = check_money(ledger_path, "fee", input_rows=range(2, 4), web=True)  # its rows add up to it, as said
    assert [seen.rows[r]["Total"] for r in (2, 3)] == [25, 52]
    assert main(["run", str(sheet), "--batch", "fee", "--yes", "--wait", "0"]) == 0
    capsys.readouterr()
    assert main(["status", "fee", "--json"]) == 0
    (status,) = json.loads(capsys.readouterr().out)["batches"]
    assert (status["ordered_cost"], status["planned_cost"]) == ("77.00", "0.00"), status["money"]


def test_a_send_refused_for_a_raised_fee_leaves_the_batches_page_saying_the_cost_page_s_new_total(
    client: TestClient, settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = "Employee ID,First Name,Last Name,Address,City,State,Zip Code,Product,Amount,Shipping Method\n"
    people = [f"G-{n},Gail{n},Stone{n},{n} Quarry Rd,Boston,MA,02108,CVS,25,STANDARD\n" for n in range(4)]
    sheet = tmp_path / "gifts.csv"
    sheet.write_text(header + "".join(people))
    upload(client, sheet, name="gifts")
    cost = client.get("/batches/gifts/cost").text
    send = {"csrf_token": token(client), "total": found(r'name="total" value="([^"]+)"', cost)}
    send["change"] = found(r'name="change" value="([^"]+)"', cost)
    assert send["total"] == "100.00"
    raise_cvs_fee(tmp_path, monkeypatch, 1.5)  # meanwhile, at the vendor: 1.50 a card
    client.post("/batches/gifts/confirm", data=send)
    done = " ".join(wait_until_finished(client, "gifts").split())
    assert "The orders to send cost 106.00, more than the 100.00 confirmed" in done, done
    again = client.get("/batches/gifts/cost").text
    assert found(r'name="total" value="([^"]+)"', again) == "106.00"
    batches = " ".join(client.get("/").text.split())
    assert "106.00" in batches and "100.00" not in batches, batches


@contextmanager
def a_team(monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """admin, alice the requester (acting) and carol the approver; batches above 50.00 wait for approval."""
    settings = resolve_settings()
    try:
        for name, role in (("admin", "admin"), ("alice", "requester"), ("carol", "approver")):
            accounts.add_user(settings, name, f"password-{name}", [role], actor="test")
        approvals.set_threshold(settings, "50", actor="admin")
        monkeypatch.setenv("BULKSHIP_USER", "alice")
        yield settings
    finally:
        store.forget_engines()


class Approving(NamedTuple):
    """:func:`approving_at_a_raised_fee`'s team, alice's and carol's clients, the request alice's Send asked,
    the approval page's form (csrf_token, total, change) and its Approve address."""

    team: Settings
    alice: TestClient
    carol: TestClient
    asked: approvals.Approval
    form: dict[str, str]
    approve: str


@contextmanager
def approving_at_a_raised_fee(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Approving]:
    """:func:`a_team` on the page: alice's batch 'gifts' (5 cards of CVS 25: 125.00) sent, waiting for
    approval; meanwhile the vendor's fee raised to 2.00 a card; carol, the approver, on its approval page."""
    from test_team_web import send, sign_in
    from test_team_web import upload as upload_signed_in

    with a_team(monkeypatch) as team:
        monkeypatch.delenv("BULKSHIP_USER")  # the page's people act for themselves
        people = clients_of(create_app(replace(team, out_dir=tmp_path / "results"), run_wait_s=0))
        browser = next(people)
        alice, carol = browser(), browser()
        sign_in(alice, "alice")
        sheet = tmp_path / "gifts.csv"
        rows = "".join(f"P{i} Lee,{i} Main St,Boston,MA,02134,CVS,25\n" for i in range(1, 6))
        sheet.write_text("Name,Address,City,State,ZIP,Product,Amount\n" + rows)
        upload_signed_in(alice, sheet)
        assert "Waiting for approval" in send(alice, "gifts").text
        asked = approvals.latest(team, "gifts")
        assert asked is not None
        raise_cvs_fee(tmp_path, monkeypatch, 2.0)  # meanwhile, at the vendor: 2.00 a card
        sign_in(carol, "carol")
        page = carol.get("/batches/gifts/approval").text
        form = {n: found(rf'name="{n}" value="([^"]+)"', page) for n in ("csrf_token", "total", "change")}
        approve = found(r'action="(/batches/gifts/approval/\d+/approve)"', page)
        yield Approving(team, alice, carol, asked, form, approve)
        next(people, None)  # the clients closed


def two_cards(tmp_path: Path) -> Path:
    """Ann's CVS 25 and Bo's CVS 50: 75.00 at the built-in prices."""
    sheet = tmp_path / "fee.csv"
    sheet.write_text(
        "Name,Address,City,State,ZIP,Product,Value\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25\n"
        "Bo Chan,2 Main St,Boston,MA,02134,CVS,50\n"
    )
    return sheet


@pytest.mark.usefixtures("quick_hashes")
def test_a_plan_waiting_for_its_approver_keeps_the_total_asked_when_the_price_falls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Control: the plan an approver is asked about is not priced again lower by a later look at it (the
    request would lapse, its approver never seeing it): it is priced again once confirmed, as before, and
    sent on that approval."""
    with a_team(monkeypatch) as settings:
        raise_cvs_fee(tmp_path, monkeypatch, 2.0)
        sheet = two_cards(tmp_path)
        assert main(["run", str(sheet), "--batch", "fee", "--yes", "--wait", "0"]) != 0
        asked = approvals.latest(settings, "fee")
        assert asked is not None and asked.total == Decimal("79.00")
        monkeypatch.setattr(core, "load_catalog", lambda _path: load_catalog(None))  # the fee dropped
        assert main(["run", str(sheet), "--batch", "fee", "--max-total", "1", "--wait", "0"]) != 0
        assert "cost 75.00" in capsys.readouterr().err
        assert not approvals.lapsed(settings, asked)  # still the plan asked about
        assert main(["status", "fee", "--json"]) == 0
        (status,) = json.loads(capsys.readouterr().out)["batches"]
        # ... broken down with the fee it was planned with, not today's ('Discount -4.00': hunter-money1)
        to_send = status["money"]["to_send"]
        assert (to_send["discount"], to_send["fees"], to_send["total"]) == ("0.00", "4.00", "79.00"), to_send
        approvals.decide(settings, asked.id, person="carol", approve=True)
        assert main(["run", str(sheet), "--batch", "fee", "--yes", "--wait", "0"]) == 0
        assert approvals.latest(settings, "fee") == approvals.approval(settings, asked.id)  # not asked again
        capsys.readouterr()
        assert main(["status", "fee", "--json"]) == 0
        (status,) = json.loads(capsys.readouterr().out)["batches"]
        assert (status["ordered_cost"], status["planned_cost"]) == ("75.00", "0.00"), status["money"]


@pytest.mark.usefixtures("quick_hashes")
def test_a_plan_dearer_than_its_approver_was_asked_is_said_at_its_cost_and_asked_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with a_team(monkeypatch) as settings:
        sheet = two_cards(tmp_path)
        assert main(["run", str(sheet), "--batch", "fee", "--yes", "--wait", "0"]) != 0
        asked = approvals.latest(settings, "fee")
        assert asked is not None and asked.total == Decimal("75.00")
        raise_cvs_fee(tmp_path, monkeypatch, 2.0)
        assert main(["run", str(sheet), "--batch", "fee", "--max-total", "1", "--wait", "0"]) != 0
        assert "cost 79.00" in capsys.readouterr().err
        assert main(["status", "fee", "--json"]) == 0
        (status,) = json.loads(capsys.readouterr().out)["batches"]
        assert (status["state"], status["planned_cost"]) == ("awaiting confirmation", "79.00"), status
        assert approvals.lapsed(settings, asked)  # its approver cannot send 79.00 on a request of 75.00
        assert main(["run", str(sheet), "--batch", "fee", "--yes", "--wait", "0"]) != 0  # asked anew
        again = approvals.latest(settings, "fee")
        assert again is not None and again.id != asked.id and again.total == Decimal("79.00")
        approvals.decide(settings, again.id, person="carol", approve=True)
        assert main(["run", str(sheet), "--batch", "fee", "--yes", "--wait", "0"]) == 0
        capsys.readouterr()
        assert main(["status", "fee", "--json"]) == 0
        (status,) = json.loads(capsys.readouterr().out)["batches"]
        assert (status["ordered_cost"], status["planned_cost"]) == ("79.00", "0.00"), status["money"]


@pytest.mark.usefixtures("quick_hashes")
def test_an_approved_send_refused_for_a_raised_fee_leaves_the_batches_page_saying_the_new_cost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the page: approved at 125.00, the vendor raised the fee before the run sent, which refused 'cost
    135.00, more than the 125.00 confirmed'; the cost page then asked approval for 135.00 and the Batches page
    said '125.00 to send' (found by hunter-money19)."""
    with approving_at_a_raised_fee(tmp_path, monkeypatch) as (_team, alice, carol, _asked, form, approve):
        assert form["total"] == "125.00"  # the plan the approver was shown, kept
        carol.post(approve, data=form)
        done = " ".join(wait_until_finished(carol, "gifts").split())
        # the approval's total, named as such since hunter-money25 ('confirmed on its cost page' before)
        assert "The orders to send cost 135.00, more than the 125.00 approved" in done, done
        assert "send 1 order(s) for 135.00 USD" in alice.get("/batches/gifts/cost").text
        line = " ".join(visible_text(alice.get("/").text).split())
        assert "135.00 to send" in line and "125.00" not in line, line
