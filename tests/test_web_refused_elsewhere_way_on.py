"""A list refused on the page for cards another computer or ledger sent on the same vendor account ('The
vendor account holds 1 order(s) this ledger does not know ... with the very cards rows of this file would
send') is told the page's way on: the command line's is '--batch NAME', which the page read as 'This page
does not send a card again on purpose: ask whoever runs bulkship on the command line', and the new hire on
that list had no way out there (hunter-vendor34's leftover; newcomer24's N4 said on the page). Uploaded
again under that batch's name, its orders are found (nothing sent twice), the new hire waiting for review
(released and sent from the page: test_web_needs_review)."""

from __future__ import annotations

import csv
import html
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from starlette.testclient import TestClient
from support import embedded_sandbox_orders

from bulkship.ledger import Ledger
from bulkship.pipeline import run_batch
from bulkship.settings import resolve_settings
from bulkship.web import create_app

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Value"]
STAFF = [[f"Person {i}", f"{i} Pearl St", "Boulder", "CO", "80302", "TARGET", "50"] for i in range(1, 4)]
NEW_HIRE = ["Ruth Abernathy", "9 Pearl St", "Boulder", "CO", "80302", "TARGET", "50"]


def _list(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def _upload(client: TestClient, sheet: Path, name: str = "") -> str:
    token = TOKEN.search(client.get("/batches/new").text)
    assert token
    done = client.post(
        "/batches",
        data={"csrf_token": token[1], "name": name},
        files={"file": (sheet.name, sheet.read_bytes(), "text/csv")},
    )
    assert done.status_code == 200, done.text
    return str(done.url).split("/batches/")[1].split("/")[0]


def _said(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_a_list_refused_for_another_ledger_s_cards_is_told_the_page_s_way_on(tmp_path: Path) -> None:
    here = replace(resolve_settings(), out_dir=tmp_path / "out")
    there = replace(here, ledger_path=tmp_path / "laptop.sqlite", out_dir=tmp_path / "laptop")
    assert run_batch(_list(tmp_path / "volunteers-2026.csv", STAFF), there, wait_s=0).exit_code == 0
    (tmp_path / "download").mkdir()
    sheet = _list(tmp_path / "download" / "volunteers-2026 (1).csv", [*STAFF, NEW_HIRE])
    with TestClient(create_app(here), follow_redirects=True) as client:
        refused = _upload(client, sheet)
        assert refused == "volunteers-2026-1"
        cost = client.get(f"/batches/{refused}/cost")
        said = _said(cost.text)
        assert cost.status_code == 409 and "this ledger does not know (BS-VOLUNTEERS-2026-0001)" in said, said
        assert "upload this file again with the batch name volunteers-2026: the rows already ordered" in said
        assert "--batch" not in said
        # followed: the batch's orders found at the vendor, nobody sent twice, the new hire waits for review
        assert _upload(client, sheet, "volunteers-2026") == "volunteers-2026"
        assert "Nothing is left to send" in client.get("/batches/volunteers-2026/cost").text
    with Ledger.open(here.ledger_location, lock=False) as ledger:
        statuses = sorted(r.status for r in ledger.batch_rows("volunteers-2026", current_only=True))
    assert statuses == ["ordered", "ordered", "ordered", "review"]
    orders = embedded_sandbox_orders(here.data_dir)
    cards = Counter(li["PhysicalDeliveryAddress"]["Name"] for o in orders for li in o["LineItems"])
    assert cards == Counter(row[0] for row in STAFF)


def test_a_list_refused_for_cards_sent_under_a_mixed_case_name_is_not_told_to_read_it_off_the_po_numbers(
    tmp_path: Path,
) -> None:
    """Sent as 'Holiday-gifts-2026' (its PO numbers BS-HOLIDAY-GIFTS-2026-EC4EB0-0001: a mixed-case name is
    coded in its stem), the list uploaded again as 'Copy of Holiday-gifts-2026.csv' was told to upload it
    with "that batch's name (its PO numbers carry it, after the prefix)": read off them,
    'HOLIDAY-GIFTS-2026-EC4EB0' is another batch, its rows all waiting for review, and the batch's own name
    then refused as a repeat of it (review62 on 4a168b6f). The page asks for the name as it was sent; under
    it, the orders are found and the new hire alone waits for review."""
    here = replace(resolve_settings(), out_dir=tmp_path / "out")
    there = replace(here, ledger_path=tmp_path / "laptop.sqlite", out_dir=tmp_path / "laptop")
    assert run_batch(_list(tmp_path / "Holiday-gifts-2026.csv", STAFF), there, wait_s=0).exit_code == 0
    (tmp_path / "download").mkdir()
    sheet = _list(tmp_path / "download" / "Copy of Holiday-gifts-2026.csv", [*STAFF, NEW_HIRE])
    with TestClient(create_app(here), follow_redirects=True) as client:
        refused = _upload(client, sheet)
        said = _said(client.get(f"/batches/{refused}/cost").text)
        assert "(BS-HOLIDAY-GIFTS-2026-EC4EB0-0001)" in said, said
        assert "PO numbers carry it" not in said
        assert "upload this file again with that batch's name exactly as it was sent" in said, said
        assert _upload(client, sheet, "Holiday-gifts-2026") == "Holiday-gifts-2026"
        assert "Nothing is left to send" in client.get("/batches/Holiday-gifts-2026/cost").text
    with Ledger.open(here.ledger_location, lock=False) as ledger:
        statuses = sorted(r.status for r in ledger.batch_rows("Holiday-gifts-2026", current_only=True))
    assert statuses == ["ordered", "ordered", "ordered", "review"]


def test_the_refused_upload_says_on_batches_that_its_file_was_uploaded_again(tmp_path: Path) -> None:
    """hunter-vendor35's leftover 4: after the way on above, the refused upload 'volunteers-2026-1' read
    'needs attention' on Batches beside 'volunteers-2026', as if its rows were still to send. It says now that
    its file was uploaded again as that batch, nothing of it sent, and to delete it."""
    here = replace(resolve_settings(), out_dir=tmp_path / "out")
    there = replace(here, ledger_path=tmp_path / "laptop.sqlite", out_dir=tmp_path / "laptop")
    assert run_batch(_list(tmp_path / "volunteers-2026.csv", STAFF), there, wait_s=0).exit_code == 0
    sheet = _list(tmp_path / "volunteers-2026 (1).csv", [*STAFF, NEW_HIRE])
    with TestClient(create_app(here), follow_redirects=True) as client:
        refused = _upload(client, sheet)
        assert client.get(f"/batches/{refused}/cost").status_code == 409
        assert "uploaded again as" not in _said(client.get("/").text)  # not yet: its way on is still to take
        assert _upload(client, sheet, "volunteers-2026") == "volunteers-2026"
        client.get("/batches/volunteers-2026/cost")
        said = _said(client.get("/").text).replace(" ;", ";")  # the link ends before the mark
    assert (
        f"{refused} needs attention (refused: its file was uploaded again as volunteers-2026; nothing of "
        "this one is sent: delete it)"
    ) in said, said


def test_a_refused_upload_says_on_batches_why_it_was_refused(tmp_path: Path) -> None:
    """Session 47's leftover 4 (the brief's item 4): a refused upload not uploaded again read only
    'volunteers-2026-1 needs attention ... 4 0' on Batches, until deleted, with no word of why or what to do.
    Its line says the refusal in short, that nothing of it is sent, and where the way on is."""
    here = replace(resolve_settings(), out_dir=tmp_path / "out")
    there = replace(here, ledger_path=tmp_path / "laptop.sqlite", out_dir=tmp_path / "laptop")
    assert run_batch(_list(tmp_path / "volunteers-2026.csv", STAFF), there, wait_s=0).exit_code == 0
    sheet = _list(tmp_path / "volunteers-2026 (1).csv", [*STAFF, NEW_HIRE])
    with TestClient(create_app(here), follow_redirects=True) as client:
        refused = _upload(client, sheet)
        assert client.get(f"/batches/{refused}/cost").status_code == 409
        page = client.get("/").text
        said = _said(page).replace(" ;", ";")
        assert f'href="/batches/{refused}/cost"' in page
    assert (
        f"{refused} needs attention (refused: The vendor account holds 1 order(s) this ledger does not know "
        "(BS-VOLUNTEERS-2026-0001) with the very cards rows of this file would send (same recipient, "
        "address, card and value); nothing of it is sent: its cost page says the way on, or delete it)"
    ) in said, said
    assert len(embedded_sandbox_orders(here.data_dir)) == 1  # the laptop's, nothing more
