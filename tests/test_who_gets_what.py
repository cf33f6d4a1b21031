"""The cost page (and the approver's page, the same template) lists who gets what: each row to send with the
person, where the card goes, the card, its value and what its line costs, adding up to the total asked. It
summed the plan by card and by shipping method only: an approver asked to approve 40,000.00 could not see
which person gets which card for how much (hunter-money20)."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import visible_text
from test_approval_pages import _csrf, _send, _signed_in, staff_sheet, team
from test_web import client, found, settings, upload

from bulkship import whogets
from bulkship.cli import main
from bulkship.web import create_app

__all__ = ["client", "settings", "team"]  # fixtures

HEADER = "Employee ID,First Name,Last Name,Address,City,State,Zip Code,Product,Amount,Shipping Method\n"


def listed(page: str) -> list[list[str]]:
    """The who-gets-what table's rows, cell by cell as a person reads them."""
    match = re.search(r'<details id="who-gets-what".*?<tbody>(.*?)</tbody>', page, re.S)
    assert match, "no who-gets-what list on the page"
    rows = re.findall(r"<tr>(.*?)</tr>", match.group(1), re.S)
    return [
        [unescape(visible_text(c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)] for r in rows
    ]


def test_the_cost_page_lists_each_row_s_person_card_and_cost_adding_up_to_its_total(
    client: TestClient, tmp_path: Path
) -> None:
    sheet = tmp_path / "gifts.csv"
    sheet.write_text(
        HEADER
        + "E1,Ann,Lee,1 Main St,Boston,MA,02134,CVS,25,STANDARD\n"
        + "E2,Bo,Chan,2 Oak Ave,Cambridge,MA,02139,HOMEDEPOT,100,EXPEDITED\n"
        + "E3,Cy,Diaz,3 Elm St,Austin,TX,78701,TARGET,50,STANDARD\n"
    )
    upload(client, sheet, name="gifts")
    page = client.get("/batches/gifts/cost").text
    total = found(r'id="total">([^<]+)<', page)
    rows = listed(page)
    assert [r[:4] for r in rows] == [
        ["2", "Ann Lee", "Boston, MA 02134", "CVS Pharmacy"],
        ["3", "Bo Chan", "Cambridge, MA 02139", "The Home Depot"],
        ["4", "Cy Diaz", "Austin, TX 78701", "Target"],
    ], rows
    assert [r[4:] for r in rows] == [
        ["25.00", "1", "Standard (USPS First-Class)", "25.00"],
        ["100.00", "1", "Expedited (UPS 3 Day Select)", "107.45"],  # 2.5 % off the card, 9.95 shipping
        ["50.00", "1", "Standard (USPS First-Class)", "50.00"],
    ], rows
    assert sum(Decimal(r[7]) for r in rows) == Decimal(total.replace(",", "")) == Decimal("182.45")
    assert "Amounts in US dollars (USD)" in visible_text(page.split('id="who-gets-what"')[1])


def test_a_long_plan_lists_its_first_rows_and_counts_the_others(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(whogets, "WHO_GETS_SHOWN", 3)
    people = [f"G-{n},Gail{n},Stone,{n} Quarry Rd,Boston,MA,02108,CVS,25,STANDARD\n" for n in range(5)]
    sheet = tmp_path / "many.csv"
    sheet.write_text(HEADER + "".join(people))
    upload(client, sheet, name="many")
    page = client.get("/batches/many/cost").text
    assert [r[0] for r in listed(page)] == ["2", "3", "4"]
    said = " ".join(visible_text(page).split())
    assert "the first 3 of 5 row(s), by row" in said and "… and 2 more row(s)" in said, said


def test_a_long_plan_lists_its_lowest_rows_whatever_order_holds_them(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review47: the list took the first lines of the orders, then sorted them by row, while it says
    'the first 3 of 6 row(s), by row': orders hold rows by the card's fulfilment group, so a list alternating
    CVS and Home Depot listed rows 2, 4, 6 (the first order's) and left rows 3 and 5 out."""
    monkeypatch.setattr(whogets, "WHO_GETS_SHOWN", 3)
    cards = ["CVS,25", "HOMEDEPOT,100"]
    people = [f"G-{n},Gail{n},Stone,{n} Quarry Rd,Boston,MA,02108,{cards[n % 2]},STANDARD\n"
              for n in range(6)]  # fmt: skip
    sheet = tmp_path / "mixed.csv"
    sheet.write_text(HEADER + "".join(people))
    upload(client, sheet, name="mixed")
    page = client.get("/batches/mixed/cost").text
    assert [r[:2] for r in listed(page)] == [["2", "Gail0 Stone"], ["3", "Gail1 Stone"], ["4", "Gail2 Stone"]]
    said = " ".join(visible_text(page).split())
    assert "the first 3 of 6 row(s), by row" in said and "… and 3 more row(s)" in said, said


def test_the_approver_sees_who_gets_what_before_approving(team, tmp_path: Path) -> None:
    sheet = staff_sheet(tmp_path / "staff.csv", [1, 2])  # 50.00: above the team's 10.00, asks an approver
    app = create_app(team)
    with _signed_in(app, "alice") as alice, _signed_in(app, "carol") as carol:
        uploaded = alice.post(
            "/batches",
            data={"csrf_token": _csrf(alice, "/batches/new"), "name": "staff"},
            files={"file": ("staff.csv", sheet.read_bytes(), "text/csv")},
        )
        assert uploaded.url.path == "/batches/staff/columns", uploaded.url
        assert _send(alice, "staff").url.path == "/batches/staff/approval"
        page = carol.get("/batches/staff/approval").text
    assert 'id="approve"' in page
    assert [r[:2] + r[7:] for r in listed(page)] == [["2", "Person 1", "25.00"], ["3", "Person 2", "25.00"]]


def test_the_approver_of_a_command_line_batch_reads_each_recipient_s_row_and_cost(
    team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "staff.csv"
    sheet.write_text(
        "Employee ID,Name,Address,City,State,ZIP,Product,Amount\n"
        "E1,Ann Lee,1 Main St,Boston,MA,02134,CVS,25\n"
        "E2,Bo Chan,2 Oak Ave,Cambridge,MA,02139,HOMEDEPOT,100\n"
    )
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    command = ["run", str(sheet), "--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    assert main(command) == 1  # 122.50 is above the threshold: waits for an approver, nothing sent
    with _signed_in(create_app(team), "carol") as carol:
        page = carol.get("/batches/HR/approval").text
    listing = re.search(r'<details id="plan-recipients">.*?<tbody>(.*?)</tbody>', page, re.S)
    assert listing, page
    rows = [
        [unescape(visible_text(c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)]
        for r in re.findall(r"<tr>(.*?)</tr>", listing.group(1), re.S)
    ]
    assert [[r[0], r[2], r[-1]] for r in rows] == [["2", "Ann Lee", "25.00"], ["3", "Bo Chan", "97.50"]], rows
    assert found(r'id="total">([^<]+)<', page).strip() == "122.50"  # the rows' costs add up to it
    assert "Amounts in US dollars (USD); cost: the line's cards, fees and shipping" in visible_text(page)
