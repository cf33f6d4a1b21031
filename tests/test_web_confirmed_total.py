"""A page's Send refused because the batch costs more than its cost page showed (the run's --max-total is
the total confirmed there): the vendor raised the CVS fee while the page was open, and the page said 'The cost
of this batch changed since you confirmed it ... open its cost page, check the new total', and neither the
total confirmed nor the one found: the refusal's sentence that held them was replaced whole by those words
(found by hunter-money12 in Chromium: 1,084.44 confirmed, 1,091.80 found). Both figures are said in the
page's words."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import visible_text
from test_web import client, found, sandbox_orders, settings, token, upload, wait_until_finished

from bulkship.cli import main
from bulkship.sandbox import core
from bulkship.sandbox.catalog import BUILTIN_CATALOG, load_catalog

__all__ = ["client", "settings"]  # fixtures


def test_a_send_refused_for_a_grown_cost_says_the_total_confirmed_and_the_one_found(
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
    raised = copy.deepcopy(BUILTIN_CATALOG)  # meanwhile, the vendor raises the CVS fee to 1.50 a card
    for product in raised["Products"]:
        if product["Id"] == "CVS":
            product["Cost"]["Fee"] = 1.5
    (tmp_path / "raised.json").write_text(json.dumps(raised))
    monkeypatch.setattr(core, "load_catalog", lambda _path: load_catalog(tmp_path / "raised.json"))
    client.post("/batches/gifts/confirm", data=send)
    done = " ".join(visible_text(wait_until_finished(client, "gifts")).split())
    assert "The orders to send cost 106.00, more than the 100.00 confirmed on its cost page." in done, done
    assert "--max-total" not in done and "changed since you confirmed it" in done, done
    assert sandbox_orders(settings) == []


def test_a_send_refused_for_a_grown_cost_advises_no_split_so_another_list_s_card_is_no_row_taken_out(
    client: TestClient,
    settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Found by the lead (hunter-vendor30's brief): a page's Send refused for a cost grown past its total
    went through the command line's refusal, which records that the batch was advised to send part of its
    list, though the page advises nothing of the kind (it says to check the new total). Another occasion's
    list then sending Gail0 the same card, the batch's next Send read that card as Gail0's row taken out of
    its list: Gail0 left out as 'sent elsewhere', no gift of this list. She is held for the person to decide
    now, as in a list never advised to split."""
    header = "Employee ID,First Name,Last Name,Address,City,State,Zip Code,Product,Amount,Shipping Method\n"
    people = [f"G-{n},Gail{n},Stone{n},{n} Quarry Rd,Boston,MA,02108,CVS,25,STANDARD\n" for n in range(2)]
    sheet, birthday = tmp_path / "gifts.csv", tmp_path / "birthday.csv"
    sheet.write_text(header + "".join(people))
    birthday.write_text(header + people[0])
    upload(client, sheet, name="gifts")
    cost = client.get("/batches/gifts/cost").text
    send = {"csrf_token": token(client), "total": found(r'name="total" value="([^"]+)"', cost)}
    send["change"] = found(r'name="change" value="([^"]+)"', cost)
    raised = copy.deepcopy(BUILTIN_CATALOG)  # meanwhile, the vendor raises the CVS fee to 1.50 a card
    for product in raised["Products"]:
        if product["Id"] == "CVS":
            product["Cost"]["Fee"] = 1.5
    (tmp_path / "raised.json").write_text(json.dumps(raised))
    with monkeypatch.context() as raising:
        raising.setattr(core, "load_catalog", lambda _path: load_catalog(tmp_path / "raised.json"))
        client.post("/batches/gifts/confirm", data=send)
        done = " ".join(visible_text(wait_until_finished(client, "gifts")).split())
    assert "changed since you confirmed it" in done and "part of" not in done, done
    # another occasion's list, on the command line: Gail0's birthday card, sent on purpose
    code = main(["run", str(birthday), "--yes", "--wait", "0", "--allow-repeat"])
    assert code == 0, capsys.readouterr().err
    assert len(sandbox_orders(settings)) == 1
    client.get("/batches/gifts/cost")  # the batch's plan again, as its next Send makes it
    said = " ".join(visible_text(client.get("/batches/gifts/results").text).split())
    assert "advised to send part of its list" not in said, said
    row = found(r"(2 Gail0 Stone0 \w+)", said)
    assert row == "2 Gail0 Stone0 held", said
