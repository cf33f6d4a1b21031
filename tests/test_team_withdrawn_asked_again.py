"""An approver's Approve (or Reject) pressed on a page showing a request its person withdrew and asked again
since: the approval page says nothing was decided and that the request below asks again (found by
hunter-web29: carol landed on request #2's page with no word that her press did nothing)."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from support import clients_of, embedded_sandbox_orders, visible_text
from test_team_web import SAMPLES, found, send, shown_plan, sign_in, upload

from bulkship.settings import Settings, resolve_settings
from bulkship.team import accounts, approvals, store
from bulkship.web import create_app

pytestmark = pytest.mark.usefixtures("quick_hashes")  # argon2's cheapest parameters


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Settings]:
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    for name, roles in (("alice", ["requester"]), ("carol", ["approver"])):
        accounts.add_user(settings, name, f"password-{name}", roles, actor="test")
    approvals.set_threshold(settings, "100", actor="test")
    yield settings
    store.forget_engines()


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_a_decision_on_a_request_withdrawn_and_asked_again_says_nothing_was_decided(
    team: Settings, decision: str
) -> None:
    browsers = clients_of(create_app(team, run_wait_s=0))
    person = next(browsers)
    try:
        alice, carol = person(), person()
        sign_in(alice, "alice")
        sign_in(carol, "carol")
        upload(alice, SAMPLES / "anniversary.xlsx")
        send(alice, "anniversary")
        page = carol.get("/batches/anniversary/approval").text  # request #1
        first = approvals.latest(team, "anniversary")
        assert first is not None
        approvals.withdraw(team, first.id, person="alice")
        send(alice, "anniversary")  # asked again: request #2
        url = found(rf'action="(/batches/anniversary/approval/{first.id}/{decision})"', page)
        pressed = carol.post(url, data={**shown_plan(page), "reason": "not now"})
        said = " ".join(html.unescape(visible_text(pressed.text)).split())
        assert pressed.url.path == "/batches/anniversary/approval", said
        assert (
            f"Nothing was decided: request #{first.id}, which your page showed, was withdrawn by alice on "
            in said
        ), said
        assert f"asked again as request #{first.id + 1}, below: check it, then approve or reject it." in said
        second = approvals.latest(team, "anniversary")
        assert second is not None and second.state == "pending"
        assert embedded_sandbox_orders(team.data_dir) == []
    finally:
        next(browsers, None)
