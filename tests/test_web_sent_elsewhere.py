"""A page batch's rows sent elsewhere (their cards in another batch's order, after a split its run was advised
from the command line), said on its cost page before its Send, as the command line's plan says them."""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import visible_text
from test_repeats import person, write_csv
from test_web import upload

from bulkship.cli import main
from bulkship.settings import resolve_settings
from bulkship.web import create_app, state


def test_the_cost_page_says_the_rows_sent_elsewhere_before_the_send(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-vendor30: gifts (6 people, uploaded on the page) run from the command line with
    --max-total 80 was refused and advised to send part of its list; its first 2 people were sent as gifts,
    the next 2 as batch 'rest'. gifts' cost page then read '1 order(s) for 2 row(s) ... 2 row(s) already
    ordered are not sent again', no word of rows 4-5, whose cards are in rest's order: only its Results
    page said them, after the Send. The cost page says them now, by the order holding their cards."""
    monkeypatch.chdir(tmp_path)
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    rows = [person(i) for i in range(6)]
    with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
        upload(client, write_csv(tmp_path / "gifts.csv", rows), name="gifts")
        page_batch = state.web_batch(settings, "gifts")
        assert page_batch is not None
        cli = ["--yes", "--wait", "0"]
        assert main(["run", str(page_batch.upload), "--batch", "gifts", "--max-total", "80", *cli]) == 1
        assert main(["run", str(write_csv(tmp_path / "first.csv", rows[:2])), "--batch", "gifts", *cli]) == 0
        assert main(["run", str(write_csv(tmp_path / "rest.csv", rows[2:4])), *cli]) == 0
        said = " ".join(html.unescape(visible_text(client.get("/batches/gifts/cost").text)).split())
    assert "1 order(s) for 2 row(s)" in said, said
    assert (
        "Not in this plan: 2 row(s) sent elsewhere, their cards in another batch's order already (never "
        "sent from this batch): rows 4-5: batch 'rest', order BS-REST-0001." in said
    ), said


def test_the_review_says_the_rows_sent_elsewhere_and_keeps_their_cells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """hunter-web27's leftover: the review of that batch read rows 4-5 'Row 4 valid' with their cells to
    change and 'Save and check again', where rows 2-3 read 'Ordered in PO BS-GIFTS-0002: its cells cannot
    change here'. Rows 4-5 say now where their cards are, and offer no change (a Save from an older page is
    refused, nothing saved), before the cost page planned anything and after."""
    from test_web import token

    monkeypatch.chdir(tmp_path)
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    rows = [person(i) for i in range(6)]
    with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
        upload(client, write_csv(tmp_path / "gifts.csv", rows), name="gifts")
        page_batch = state.web_batch(settings, "gifts")
        assert page_batch is not None
        cli = ["--yes", "--wait", "0"]
        assert main(["run", str(page_batch.upload), "--batch", "gifts", "--max-total", "80", *cli]) == 1
        assert main(["run", str(write_csv(tmp_path / "first.csv", rows[:2])), "--batch", "gifts", *cli]) == 0
        assert main(["run", str(write_csv(tmp_path / "rest.csv", rows[2:4])), *cli]) == 0
        before_cost = client.get("/batches/gifts/review?filter=all").text
        fix = {"csrf_token": token(client, "/batches/gifts/review"), "cell:Address": "99 Main St"}
        saved = client.post("/batches/gifts/rows/4", data=fix)
        cost = " ".join(html.unescape(visible_text(client.get("/batches/gifts/cost").text)).split())
        after_cost = client.get("/batches/gifts/review?filter=all").text
    for page in (before_cost, after_cost):
        said = " ".join(html.unescape(visible_text(page)).split())
        assert "2 sent elsewhere" in said, said
        for row, line, theirs in ((4, 1, 2), (5, 2, 3)):
            assert (
                f"Row {row} sent elsewhere Sent elsewhere, not ordered here: its card is line {line} of "
                "vendor order BS-REST-0001" in said
            ), said
            assert f"(batch 'rest', its row {theirs}: the same recipient" in said, said
            section = page.split(f'id="row-{row}"')[1].split("</section>")[0]
            assert 'name="cell:' not in section, section  # no form: its cells cannot change here
        assert 'name="cell:Address"' in page.split('id="row-6"')[1].split("</section>")[0]
    assert saved.status_code == 409
    assert "Row 4's card is in another batch's order already" in html.unescape(saved.text)
    assert "1 order(s) for 2 row(s)" in cost and "rows 4-5: batch 'rest', order BS-REST-0001" in cost, cost
