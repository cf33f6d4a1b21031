"""An approval names what was approved, and is recorded only while the batch is still that: a requester's cell
fix landing as the approver presses Approve leaves nothing approved, the attempt in the trail."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from starlette.testclient import TestClient
from support import embedded_sandbox_orders, wait_for_run

from bulkship.settings import Settings, resolve_settings
from bulkship.team import accounts, approvals, audit, store
from bulkship.web import create_app

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
LIST = "Employee ID,Name,Address,City,State,ZIP,Product,Amount\n" + "".join(
    f"E{i},Person {i},{i} Main St,Boston,MA,02134,CVS,25\n" for i in range(1, 4)
)


@pytest.fixture(params=["sqlite", "postgresql"])
def team(request: pytest.FixtureRequest, quick_hashes: None) -> Iterator[Settings]:
    """A requester and an approver; the ledger in SQLite, then in a new PostgreSQL database (whose write lock
    the decision takes as a page's write does)."""
    settings = resolve_settings()
    if request.param == "postgresql":
        settings = replace(settings, ledger_url=request.getfixturevalue("pg_url"))
    accounts.add_user(settings, "alice", "password-alice", ["requester"], actor="test")
    accounts.add_user(settings, "carol", "password-carol", ["approver"], actor="test")
    approvals.set_threshold(settings, "10", actor="test")
    yield settings
    store.forget_engines()


def _form(client: TestClient, url: str, action: str) -> dict[str, str]:
    """The hidden fields of the page's form posting to ``action``."""
    page = client.get(url).text
    form = page[page.index(f'action="{action}"') :].split("</form>", 1)[0]
    return dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))


def _signed_in(app: Any, name: str) -> TestClient:
    client = TestClient(app, follow_redirects=True)
    data = {"csrf_token": TOKEN.search(client.get("/login").text).group(1)}  # type: ignore[union-attr]
    data |= {"name": name, "password": f"password-{name}", "next": "/"}
    assert client.post("/login", data=data).status_code == 200
    return client


def test_a_fix_saved_as_the_approver_presses_approve_leaves_nothing_approved(
    team: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The closing note of session 47 (4.), hunter-vendor36's timed trials: alice asks approval of 75.00;
    carol's Approve passes the page's checks, and alice's fix of row 3's Amount (25 -> 50) is saved just
    before carol's decision is written: the trail read 'approve request #1' by carol, of a batch changed
    before she decided (nothing sent on it). The decision is written only while the batch is as carol's page
    showed it, and an approval names the plan approved (its digest)."""
    app = create_app(team)
    with _signed_in(app, "alice") as alice, _signed_in(app, "carol") as carol:
        files = {"file": ("staff.csv", LIST.encode(), "text/csv")}
        alice.post("/batches", data={"csrf_token": _form(alice, "/batches/new", "/batches")["csrf_token"]},
                   files=files)  # fmt: skip
        cost = _form(alice, "/batches/staff/cost", "/batches/staff/confirm")
        assert alice.post("/batches/staff/confirm", data={**cost, "asks": "yes"}).url.path.endswith(
            "/approval"
        )
        (asked,) = approvals.approvals(team)
        action = f"/batches/staff/approval/{asked.id}/approve"
        approve = _form(carol, "/batches/staff/approval", action)
        real = approvals.decide

        def fixed_first(*args: Any, **kwargs: Any) -> Any:  # alice's save lands first
            fix = {"csrf_token": TOKEN.search(alice.get("/batches/staff/review").text).group(1)}  # type: ignore[union-attr]
            assert alice.post("/batches/staff/rows/3", data={**fix, "cell:Amount": "50"}).status_code == 200
            return real(*args, **kwargs)

        monkeypatch.setattr(approvals, "decide", fixed_first)
        carol.post(action, data=approve)
        monkeypatch.setattr(approvals, "decide", real)
        assert approvals.approval(team, asked.id).decision is None  # type: ignore[union-attr]
        kinds = [e.action for e in audit.entries(team, batch="staff")]
        assert "approve" not in kinds and "approve_refused" in kinds, kinds

        # an approval of the batch as it stands names the plan it approved
        cost = _form(alice, "/batches/staff/cost", "/batches/staff/confirm")
        alice.post("/batches/staff/confirm", data={**cost, "asks": "yes"})
        newest = approvals.latest(team, "staff")
        assert newest is not None and newest.id != asked.id
        action = f"/batches/staff/approval/{newest.id}/approve"
        assert carol.post(action, data=_form(carol, "/batches/staff/approval", action)).url.path.endswith(
            "/progress"
        )
        for _ in range(300):
            if 'data-running="no"' in carol.get("/batches/staff/progress/live").text:
                break
            wait_for_run(carol, "staff")
        (entry,) = [e for e in audit.entries(team, batch="staff") if e.action == "approve"]
        assert entry.detail["plan"] == newest.plan_print, entry.detail
    cards = sorted(
        float(li["Value"]) for o in embedded_sandbox_orders(team.data_dir) for li in o["LineItems"]
    )
    assert cards == [25.0, 25.0, 50.0], cards
