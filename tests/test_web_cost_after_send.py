"""The cost page of a batch once it is sent, through Starlette's test client: it says nothing is left to send
(it offered "Send 2 order(s) for 1,210.00" again, with the balance from before: found by a newcomer), and a
follow-up of fixed rows is planned afresh from what is left."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from test_web import SAMPLES, batch_row, confirm, found, sandbox_orders, token, upload, wait_until_finished

from bulkship.settings import Settings, resolve_settings
from bulkship.web import create_app


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return replace(resolve_settings(), out_dir=tmp_path / "results")


def test_after_sending_the_cost_page_offers_nothing_more_to_send(settings: Settings) -> None:
    with TestClient(create_app(settings), follow_redirects=True) as client:
        upload(client, SAMPLES / "direct-mail.csv", name="mail")
        before = client.get("/batches/mail/cost").text
        assert 'id="send"' in before and "Estimated arrival" in before and "recipient(s)" in before
        assert confirm(client, "mail").url.path == "/batches/mail/progress"
        wait_until_finished(client, "mail")
        after = client.get("/batches/mail/cost").text
        assert "Nothing is left to send" in after
        assert 'id="send"' not in after and 'action="/batches/mail/confirm"' not in after
    assert len(sandbox_orders(settings)) == 2  # sent once


def test_a_fix_after_a_run_is_costed_for_what_is_left(settings: Settings) -> None:
    with TestClient(create_app(settings), follow_redirects=True) as client:
        upload(client, SAMPLES / "messy.xlsx", name="messy")
        assert confirm(client, "messy", leave_out="yes").url.path == "/batches/messy/progress"
        wait_until_finished(client, "messy")
        sent = len(sandbox_orders(settings))
        fixed = client.post(
            "/batches/messy/rows/8", data={"csrf_token": token(client), "cell:ZIP": "60606"}
        ).text
        assert "fixed" in fixed
        cost = client.get("/batches/messy/cost").text
        assert found(r"(\d+) order\(s\) for 1 row\(s\)", cost) == "1"  # only the fixed row is to send
        assert confirm(client, "messy", leave_out="yes").url.path == "/batches/messy/progress"
        wait_until_finished(client, "messy")
    assert len(sandbox_orders(settings)) == sent + 1


def test_a_page_batch_refused_as_a_repeat_of_another_batch_needs_attention(settings: Settings) -> None:
    """Found by a newcomer: the page's repeat of a batch sent from the command line was refused on the cost
    page, then listed as 'awaiting confirmation', which it can never be."""
    from bulkship.cli import main

    assert main(["run", str(SAMPLES / "direct-mail.csv"), "--yes", "--wait", "0"]) == 0
    with TestClient(create_app(settings), follow_redirects=True) as client:
        upload(client, SAMPLES / "direct-mail.csv", name="mail-again")
        refused = client.get("/batches/mail-again/cost")
        assert refused.status_code == 409 and "Nothing was sent" in refused.text
        # what to do, in the page's own words: the other batch, and deleting this upload; no command line
        # to continue a batch the page cannot continue
        assert 'href="/batches/direct-mail/results"' in refused.text
        assert 'action="/batches/mail-again/delete"' in refused.text and "--batch" not in refused.text
        client.get("/batches/mail-again/cost")  # seen again: said once
        row = batch_row(client.get("/").text, "mail-again")
        assert ">needs attention<" in row and 'href="/batches/mail-again/cost"' in row
    assert len(sandbox_orders(settings)) == 2  # the command line's orders only
