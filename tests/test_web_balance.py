"""The vendor's balance on the cost page: read again on each look (a funded account is seen at once), through
one client and one token for the server, as the vendor asks, and never a page hanging on a slow vendor."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from support import visible_text
from test_web import SAMPLES, sandbox_orders, upload

from bulkship.sandbox.core import Sandbox
from bulkship.settings import Settings, resolve_settings
from bulkship.web import balance, create_app


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return replace(resolve_settings(), out_dir=tmp_path / "results")


def tokens_issued(settings: Settings) -> int:
    """The bearer tokens the (embedded) vendor has issued and still keeps."""
    with closing(sqlite3.connect(settings.sandbox_state_file)) as db:
        return int(db.execute("SELECT count(*) FROM tokens").fetchone()[0])


def test_looking_at_the_cost_page_again_and_again_reuses_one_vendor_token(settings: Settings) -> None:
    """review35's LO2: each look at the cost page (a plan kept, its balance read again) fetched a new token
    (POST /v1/Tokens) before reading the balance, where the vendor asks that a token be reused."""
    with TestClient(create_app(settings), follow_redirects=True) as client:
        upload(client, SAMPLES / "direct-mail.csv", name="mail")
        client.get("/batches/mail/cost")  # the plan worked out (a run's look, its own token)
        client.get("/batches/mail/cost")  # the page's own client reads the balance: one token
        issued = tokens_issued(settings)
        for _ in range(3):
            page = visible_text(client.get("/batches/mail/cost").text)
            assert "Available balance: 1,000,000.00." in page, page
        assert tokens_issued(settings) == issued  # three looks more, no token more
    assert sandbox_orders(settings) == []  # looked at only


def test_a_vendor_slow_to_tell_the_balance_leaves_it_unknown_for_now_and_the_page_shown(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """review35's LO2: a vendor slow to answer kept each look at the cost page waiting (15 s before it showed
    no balance at all, saying nothing). The page is shown at once, saying the balance is unknown for now;
    the read goes on, and a later look shows it."""
    with TestClient(create_app(settings), follow_redirects=True) as client:
        upload(client, SAMPLES / "direct-mail.csv", name="mail")
        assert "Available balance" in visible_text(client.get("/batches/mail/cost").text)  # the plan made
        answer = threading.Event()
        told = Sandbox.balance

        def slow(sandbox: Sandbox) -> dict[str, Any]:
            answer.wait(timeout=30)  # the vendor answers only once the test says so
            return told(sandbox)

        monkeypatch.setattr(Sandbox, "balance", slow)
        monkeypatch.setattr(balance, "PAGE_WAIT_S", 0.2)
        try:
            page = visible_text(client.get("/batches/mail/cost").text)
        finally:
            answer.set()
        assert "Available balance: unknown for now (the vendor did not tell it in time)" in page, page
        assert "Reload this page in a moment" in page and "short by" not in page
        assert "Send 2 order(s)" in page  # the plan itself is shown as ever
        monkeypatch.setattr(balance, "PAGE_WAIT_S", 30.0)
        later = visible_text(client.get("/batches/mail/cost").text)
        assert "Available balance: 1,000,000.00." in later and "unknown for now" not in later, later
    assert sandbox_orders(settings) == []


def test_a_balance_in_another_currency_is_shown_in_it_never_compared_with_the_plan(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-money17: a vendor keeping the account in EUR (50.00) had the cost page say 'Available
    balance: 50.00. The balance is short by ...' of a plan in dollars. Shown in its currency, not compared."""
    monkeypatch.setattr(
        Sandbox, "balance", lambda _sandbox: {"Available": 50, "Pending": 0, "CurrencyCode": "EUR"}
    )
    with TestClient(create_app(settings), follow_redirects=True) as client:
        upload(client, SAMPLES / "direct-mail.csv", name="mail")
        page = visible_text(client.get("/batches/mail/cost").text)
    assert "Available balance: 50.00 EUR (the vendor keeps the account in another currency" in page, page
    assert "short by" not in page, page
    assert sandbox_orders(settings) == []
