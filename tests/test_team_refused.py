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
        assert page.status_code == 403 and "may not do this" in page.text
        accounts.set_roles(team, "alice", ["requester"], actor="test")
        assert send(alice, "anniversary").url.path == "/batches/anniversary/approval"  # asks carol
        asked = approvals.latest(team, "anniversary")
        assert asked is not None
        url = f"/batches/anniversary/approval/{asked.id}/approve"
        assert alice.post(url, data={"csrf_token": token(alice, "/")}).status_code == 403  # by hand
        assert fin.post(url, data={"csrf_token": token(fin, "/")}).status_code == 403
        assert alice.get("/audit.csv").status_code == 403  # the trail itself, downloaded
        assert alice.get("/audit").status_code == 403  # a page read: no line
    assert refused(team) == [
        ("alice", "anniversary", "POST /batches/{name}/confirm", "requester", "finance"),
        (
            "alice",
            "anniversary",
            "POST /batches/{name}/approval/{request:int}/approve",
            "approver",
            "requester",
        ),
        ("fin", "anniversary", "POST /batches/{name}/approval/{request:int}/approve", "approver", "finance"),
        ("alice", None, "audit_export", "admin or finance", "requester"),
    ]
    still = approvals.latest(team, "anniversary")
    assert still is not None and still.state == "pending"  # nothing was approved
