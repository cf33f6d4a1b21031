"""The cost page (and the command line's plan) says its money's currency, and the cost page names the
cards as the vendor's catalog names them (hunter-web24's LO4, newcomer15's N12): 'Send 2 order(s) for 595.95'
with no currency anywhere on the page, and a table of 'CVS', 'HOMEDEPOT', 'STANDARD', the ids a person does
not know the cards or shipping by."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import visible_text
from test_web import client, settings, upload

from bulkship.cli import main

__all__ = ["client", "settings"]  # fixtures


def test_the_cost_page_says_its_currency_and_names_the_cards_and_shipping_as_the_catalog_does(
    client: TestClient, tmp_path: Path
) -> None:
    sheet = tmp_path / "gifts.csv"
    sheet.write_text(
        "Name,Address,City,State,ZIP,Product,Amount,Shipping Method\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,STANDARD\n"
        "Bo Chan,2 Main St,Boston,MA,02134,HOMEDEPOT,50,EXPEDITED\n"
    )
    upload(client, sheet, name="gifts")
    page = client.get("/batches/gifts/cost").text
    text = " ".join(visible_text(page).split())
    total = re.search(r'id="total">([^<]+)<', page)
    assert total is not None
    assert f"Send 2 order(s) for {total.group(1)} USD" in text, text
    assert "Amounts in US dollars (USD)" in text, text
    for said in (
        "CVS Pharmacy (CVS) 1 1 25.00",
        "The Home Depot (HOMEDEPOT) 1 1 50.00",
        "(STANDARD) 1 1",
        "(EXPEDITED)",
    ):
        assert said in text, text


def test_the_command_line_s_plan_says_its_currency_as_the_cost_page_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The plan `bulkship run` shows before 'Send these orders?' named no currency either."""
    sheet = tmp_path / "gifts.csv"
    sheet.write_text("Name,Address,City,State,ZIP,Product,Amount\nAnn Lee,1 Main St,Boston,MA,02134,CVS,25\n")
    assert main(["run", str(sheet), "--batch", "gifts", "--max-total", "1", "--wait", "0"]) != 0
    said = " ".join(capsys.readouterr().err.split())
    assert "Batch gifts: orders to send, in US dollars (USD)" in said, said
