"""A change the person's roles do not allow, posted from an old page, another tab or by hand, is refused
(403) and now said in the audit trail: who tried what on which batch, from where, with which roles. It left
only a line in the server's log, while the trail says every sign-in refused (found by hunter-web25: a
requester made finance by an admin pressed Send on the cost page she had open)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from test_team_web import send, shown_plan, sign_in, token, upload
from test_web import SAMPLES

from bulkship.settings import Settings, resolve_settings
from bulkship.team import accounts, approvals, audit, store
from bulkship.web import create_app
from bulkship.web.rules import PUBLIC_MARK, READERS, RULES, rule_for

pytestmark = pytest.mark.usefixtures("quick_hashes")  # argon2's cheapest parameters


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Settings]:
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    for name, roles in (("alice", ["requester"]), ("carol", ["approver"]), ("fin", ["finance"])):
        accounts.add_user(settings, name, f"password-{name}", roles, actor="test")
    approvals.set_threshold(settings, "100", actor="test")
    yield settings
    store.forget_engines()


def refused(settings: Settings) -> list[tuple[str, str | None, str, str, str]]:
    return [
        (e.actor, e.batch, str(e.detail["tried"]), str(e.detail["needs"]), str(e.detail["roles"]))
        for e in audit.entries(settings)
        if e.action == "refused"
    ]


def test_a_send_an_approval_and_an_export_refused_for_want_of_a_role_are_in_the_trail(team: Settings) -> None:
    app = create_app(team, run_wait_s=0)
    with (
        TestClient(app, follow_redirects=True) as alice,
        TestClient(app, follow_redirects=True) as fin,
    ):
        assert sign_in(alice, "alice").status_code == 200 and sign_in(fin, "fin").status_code == 200
        upload(alice, SAMPLES / "anniversary.xlsx")
        cost = alice.get("/batches/anniversary/cost").text
        accounts.set_roles(team, "alice", ["finance"], actor="test")  # an admin makes her finance
        page = alice.post("/batches/anniversary/confirm", data=shown_plan(cost))  # her page's Send
        assert page.status_code == 403
        assert "alice (finance) may not send batch anniversary (Send on its cost page)" in page.text
        accounts.set_roles(team, "alice", ["requester"], actor="test")
        assert send(alice, "anniversary").url.path == "/batches/anniversary/approval"  # asks carol
        asked = approvals.latest(team, "anniversary")
        assert asked is not None
        url = f"/batches/anniversary/approval/{asked.id}/approve"
        assert alice.post(url, data={"csrf_token": token(alice, "/")}).status_code == 403  # by hand
        assert fin.post(url, data={"csrf_token": token(fin, "/")}).status_code == 403
        assert alice.get("/audit.csv").status_code == 403  # the trail itself, downloaded
        assert alice.get("/audit").status_code == 403  # a page read: no line
    # what each tried, in words: the trail said the routes ('POST /batches/{name}/confirm') and 'audit_export'
    approve = f"approve request #{asked.id} to send batch anniversary"
    assert refused(team) == [
        ("alice", "anniversary", "send batch anniversary (Send on its cost page)", "requester", "finance"),
        ("alice", "anniversary", approve, "approver", "requester"),
        ("fin", "anniversary", approve, "approver", "finance"),
        ("alice", None, "download the audit trail", "admin or finance", "requester"),
    ]
    still = approvals.latest(team, "anniversary")
    assert still is not None and still.state == "pending"  # nothing was approved


def test_every_action_a_role_may_be_refused_says_in_words_what_was_tried() -> None:
    """A refusal's line in the trail and its page say what the person tried from the rule's words; a rule
    without them would say its route again."""
    wordless = [
        f"{rule.method} {rule.path}"
        for rule in RULES
        if PUBLIC_MARK not in rule.roles and rule.roles != READERS and not rule.doing
    ]
    assert not wordless, wordless
    rule, params = rule_for("POST", "/batches/q4-staff/rows/7")
    assert rule is not None and rule.doing_said(params) == "fix row 7 of batch q4-staff"
