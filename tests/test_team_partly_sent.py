"""A batch partly sent on an approval (the vendor's balance ran out, the server stopped): the rest is still
covered by it, and the pages say what was sent before (found by hunter-web6)."""

from __future__ import annotations

import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from support import embedded_sandbox_orders, visible_text
from test_team_web import TOKEN, found, send, sign_in, upload

from bulkship.sandbox import Sandbox, SandboxConfig
from bulkship.settings import Settings, resolve_settings
from bulkship.team import accounts, approvals, store
from bulkship.web import create_app, runner

pytestmark = pytest.mark.usefixtures("quick_hashes")  # argon2's cheapest parameters


@pytest.fixture
def team(tmp_path: Path) -> Any:
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    for name, roles in (("alice", ["requester"]), ("carol", ["approver"])):
        accounts.add_user(settings, name, f"password-{name}", roles, actor="test")
    approvals.set_threshold(settings, "100", actor="test")
    yield settings
    store.forget_engines()


def _people(path: Path, count: int) -> Path:
    lines = ["Employee ID,Name,Address,City,State,ZIP,Product,Amount"]
    lines += [f"E{i},Person {i},{i} Main St,Boston,MA,02134,CVS,25" for i in range(count)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_resumed_run_refused_for_a_person_disabled_meanwhile_says_what_was_sent_before(
    team: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the vendor account holds enough for the first order (100 cards) only: the second stays to send
    Sandbox(SandboxConfig(state_file=team.sandbox_state_file, balance=Decimal(3000))).close()
    real_run = runner.api.run
    with TestClient(create_app(team), follow_redirects=True) as alice:
        web_runner = alice.app.web.runner  # type: ignore[attr-defined]

        def cut_by_the_stop(*args: Any, **kwargs: Any) -> Any:
            result = real_run(*args, **kwargs)
            web_runner._stopping.set()  # the server stopped (SIGTERM) before the run's end was recorded
            return result

        monkeypatch.setattr(runner.api, "run", cut_by_the_stop)
        sign_in(alice, "alice")
        upload(alice, _people(tmp_path / "staff.csv", 150))
        assert send(alice, "staff").url.path == "/batches/staff/approval"
        carol = TestClient(alice.app, follow_redirects=True)  # another browser on the same server
        sign_in(carol, "carol")
        page = carol.get("/batches/staff/approval").text
        form = {
            "csrf_token": found(TOKEN.pattern, page),
            "total": found(r'name="total" value="([^"]+)"', page),
            "change": found(r'name="change" value="([^"]+)"', page),
        }
        url = found(r'action="(/batches/staff/approval/\d+/approve)"', page)
        assert carol.post(url, data=form).url.path == "/batches/staff/progress"
        for _ in range(600):
            if not web_runner.active("staff"):
                break
            time.sleep(0.05)
    assert len(embedded_sandbox_orders(team.data_dir)) == 1  # 2,500.00 charged, 50 cards still to send
    monkeypatch.setattr(runner.api, "run", real_run)
    accounts.set_disabled(team, "alice", True, actor="admin")
    with TestClient(create_app(team), follow_redirects=True) as carol:  # the next start resumes the run
        sign_in(carol, "carol")
        for _ in range(600):
            page = carol.get("/batches/staff/progress/live").text
            if 'data-running="no"' in page:
                break
            time.sleep(0.1)
        results = carol.get("/batches/staff/results").text
    said = visible_text(page + results)
    assert "alice is disabled and may not send orders: nothing more was sent" in said, said
    assert "(sent before: 2,500.00 charged for 1 order(s))" in said, said
    assert "nothing was sent" not in said, said
    assert len(embedded_sandbox_orders(team.data_dir)) == 1


def _approved_and_partly_sent(team: Settings, tmp_path: Path, client: TestClient) -> None:
    """alice asks to send 150 cards (3,750.00), carol approves; the vendor's balance (3,000.00) takes the
    first order of 100 cards only."""
    sign_in(client, "alice")
    upload(client, _people(tmp_path / "staff.csv", 150))
    assert send(client, "staff").url.path == "/batches/staff/approval"
    carol = TestClient(client.app, follow_redirects=True)  # another browser on the same server
    sign_in(carol, "carol")
    page = carol.get("/batches/staff/approval").text
    form = {
        "csrf_token": found(TOKEN.pattern, page),
        "total": found(r'name="total" value="([^"]+)"', page),
        "change": found(r'name="change" value="([^"]+)"', page),
    }
    url = found(r'action="(/batches/staff/approval/\d+/approve)"', page)
    assert carol.post(url, data=form).url.path == "/batches/staff/progress"
    for _ in range(600):
        if 'data-running="no"' in carol.get("/batches/staff/progress/live").text:
            break
        time.sleep(0.05)


def test_the_cost_page_of_a_batch_partly_sent_on_an_approval_offers_the_send_that_approval_covers(
    team: Settings, tmp_path: Path
) -> None:
    """The cost page said "Approved by carol ..., up to 3,750.00; the batch changed since: sending it asks
    for approval again" and offered "Ask for approval to send ...", yet that click sent the rest at once:
    the approval covers what is left of its plan (the Send's own check). The page now says so."""
    Sandbox(SandboxConfig(state_file=team.sandbox_state_file, balance=Decimal(3000))).close()
    with TestClient(create_app(team), follow_redirects=True) as alice:
        _approved_and_partly_sent(team, tmp_path, alice)
        assert len(embedded_sandbox_orders(team.data_dir)) == 1
        with Sandbox(SandboxConfig(state_file=team.sandbox_state_file)) as vendor:
            vendor.fund(Decimal(10000))  # the account is funded; alice sends the rest
        cost = visible_text(alice.get("/batches/staff/cost").text)
        assert "Approved by carol" in cost, cost
        assert "changed since" not in cost and "Ask for approval" not in cost, cost
        assert send(alice, "staff").url.path == "/batches/staff/progress"
        for _ in range(600):
            if 'data-running="no"' in alice.get("/batches/staff/progress/live").text:
                break
            time.sleep(0.05)
    assert len(embedded_sandbox_orders(team.data_dir)) == 2
    assert len(approvals.approvals(team, batch="staff")) == 1  # sent on carol's approval, as the page said


def test_a_send_refused_at_run_time_for_want_of_an_approval_says_what_to_do_in_the_page_s_words(
    team: Settings, tmp_path: Path
) -> None:
    """Found by hunter-web6: alice sent two lists of 75.00 (threshold 100.00) from two tabs before the first
    went out; the second run was refused (150.00 in a day) and its page said "an approver approves it on the
    web page (Approvals); then run the same command again", a command she never ran: on the page the
    approval itself sends it (it did, once)."""
    with TestClient(create_app(team), follow_redirects=True) as alice:
        sign_in(alice, "alice")
        web_runner = alice.app.web.runner  # type: ignore[attr-defined]
        for name, first in (("one", 0), ("two", 10)):
            lines = ["Employee ID,Name,Address,City,State,ZIP,Product,Amount"]
            lines += [f"E{i},Person {i},{i} Main St,Boston,MA,02134,CVS,25" for i in range(first, first + 3)]
            (tmp_path / f"{name}.csv").write_text("\n".join(lines) + "\n")
            upload(alice, tmp_path / f"{name}.csv")
            assert alice.get(f"/batches/{name}/cost").status_code == 200
        with web_runner.exclusive:  # both Sends land before the first run starts
            assert send(alice, "one").url.path == "/batches/one/progress"
            assert send(alice, "two").url.path == "/batches/two/progress"
        for _ in range(600):
            page = alice.get("/batches/two/progress/live").text
            if 'data-running="no"' in page and not web_runner.active("one"):
                break
            time.sleep(0.05)
    said = visible_text(page)
    assert "waits for an approver" in said, said
    assert "run the same command" not in said, said
    assert "An approver approves it on Approvals, and the approval sends it" in said, said
    assert "Waiting for an approver (request #" in said and "Finished" not in said, said
    assert len(embedded_sandbox_orders(team.data_dir)) == 1


def test_a_request_the_batch_went_out_without_reads_out_of_date_on_approvals(
    team: Settings, tmp_path: Path
) -> None:
    """Found by hunter-web6: alice asked to send 3,750.00 (threshold 100.00); the threshold was raised to
    10,000.00 and she sent it alone; her request still read "Waiting" on Approvals as if approving it would do
    something (it says "Nothing was approved")."""
    with TestClient(create_app(team), follow_redirects=True) as alice:
        sign_in(alice, "alice")
        upload(alice, _people(tmp_path / "staff.csv", 150))
        assert send(alice, "staff").url.path == "/batches/staff/approval"
        carol = TestClient(alice.app, follow_redirects=True)
        sign_in(carol, "carol")
        assert "Out of date" not in carol.get("/approvals").text
        approvals.set_threshold(team, "10000", actor="admin")
        assert send(alice, "staff").url.path == "/batches/staff/progress"
        for _ in range(600):
            if 'data-running="no"' in alice.get("/batches/staff/progress/live").text:
                break
            time.sleep(0.05)
        listed = visible_text(carol.get("/approvals").text)
    assert len(embedded_sandbox_orders(team.data_dir)) == 2
    assert "Out of date : the batch changed since this was asked, or was sent without it" in listed, listed
