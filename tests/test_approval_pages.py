"""The approval page of a batch prepared from the command line (its plan in the ledger), as each person sees
it through Starlette's test client: an approver may approve or reject, a requester who is no approver only
reads that it waits, and once approved the same command sends it, exactly once."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from support import embedded_sandbox_orders, visible_text, wait_for_run

from bulkship.cli import main
from bulkship.settings import Settings, resolve_settings
from bulkship.team import accounts, approvals, store
from bulkship.web import create_app

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
HEADER = ["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Amount"]


@pytest.fixture
def team(quick_hashes: None) -> Iterator[Settings]:
    settings = resolve_settings()
    accounts.add_user(settings, "alice", "password-alice", ["requester"], actor="test")
    accounts.add_user(settings, "carol", "password-carol", ["approver"], actor="test")
    approvals.set_threshold(settings, "10", actor="test")
    yield settings
    store.forget_engines()


def _csrf(client: TestClient, url: str) -> str:
    match = TOKEN.search(client.get(url).text)
    assert match, f"no form on {url}"
    return match.group(1)


def _signed_in(app: object, name: str) -> TestClient:
    client = TestClient(app, follow_redirects=True)  # type: ignore[arg-type]
    data = {"csrf_token": _csrf(client, "/login"), "name": name, "password": f"password-{name}", "next": "/"}
    assert client.post("/login", data=data).status_code == 200
    return client


def staff_sheet(path: Path, people: Iterable[int]) -> Path:
    """A real CSV of one CVS 25 card per person numbered in ``people`` (Employee IDs E1, E2...)."""
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows([f"E{i}", f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", "25"]
                         for i in people)  # fmt: skip
    return path


def test_a_command_line_batch_waits_then_only_an_approver_is_offered_approve_and_it_sends_once(
    team: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = staff_sheet(tmp_path / "staff.csv", range(1, 3))
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    command = ["run", str(sheet), "--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    assert main(command) == 1  # 50.00 is above the threshold: waits for an approver, nothing sent
    assert embedded_sandbox_orders(team.data_dir) == []

    app = create_app(team)
    with _signed_in(app, "alice") as alice:
        page = alice.get("/batches/HR/approval").text
        assert "Waiting for an approver" in page
        assert 'id="approve"' not in page and 'id="reject"' not in page
    with _signed_in(app, "carol") as carol:
        listed = visible_text(re.search(r'<tr data-batch="HR">.*?</tr>', carol.get("/").text, re.S).group(0))  # type: ignore[union-attr]
        assert "awaiting approval" in listed
        assert "alice (command line)" in listed  # who the command acted for, as the audit trail says
        page = carol.get("/batches/HR/approval").text
        assert "Approve up to 50.00" in visible_text(page) and 'id="reject"' in page
        assert "50.00" in visible_text(page[page.index('id="total"') :])  # the plan's cost, from the ledger
        approve = re.search(r'action="(/batches/HR/approval/\d+/approve)"', page)
        assert approve, page
        token = TOKEN.search(page)
        assert token
        assert carol.post(approve.group(1), data={"csrf_token": token.group(1)}).status_code == 200
        assert 'id="approve"' not in carol.get("/batches/HR/approval").text  # decided: no second approval

    assert main(command) == 0  # the same command sends it now
    assert main(command) == 0  # and again sends nothing more
    orders = embedded_sandbox_orders(team.data_dir)
    lines = [li["ExternalId"] for order in orders for li in order["LineItems"]]
    assert sorted(lines) == ["E1", "E2"]


def test_asking_again_from_the_command_line_first_says_the_last_request_was_rejected_and_why(
    team: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a newcomer: after a rejection the same command silently filed a new request."""
    sheet = tmp_path / "staff.csv"
    with sheet.open("w", newline="") as handle:
        csv.writer(handle).writerows(
            [HEADER, ["E1", "Person 1", "1 Main St", "Boston", "MA", "02134", "CVS", "25"]]
        )
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    command = ["run", str(sheet), "--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    assert main(command) == 1
    with _signed_in(create_app(team), "carol") as carol:
        page = carol.get("/batches/HR/approval").text
        reject = re.search(r'action="(/batches/HR/approval/\d+/reject)"', page)
        token = TOKEN.search(page)
        assert reject and token
        data = {"csrf_token": token.group(1), "reason": "Q4 budget is spent"}
        assert carol.post(reject.group(1), data=data).status_code == 200
    capsys.readouterr()
    assert main(command) == 1  # asks again, nothing sent
    said = " ".join(capsys.readouterr().err.split())
    assert "Request #1 was rejected by carol: Q4 budget is spent. Asking again." in said, said
    assert "request #2 waits for an approver" in said
    assert embedded_sandbox_orders(team.data_dir) == []


def test_an_approver_who_ran_his_own_copy_of_a_batch_cannot_approve_it(
    team: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by newcomer7: an approver added a row to the requester's file and ran it under his own name
    (his own request), the requester re-ran the file he was given, and the approver approved that."""
    accounts.add_user(team, "lee", "password-lee", ["requester", "approver"], actor="test")

    out = ["--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    assert main(["run", str(staff_sheet(tmp_path / "c11.csv", range(1, 3))), "--batch", "C11", *out]) == 1
    edited = staff_sheet(tmp_path / "c11-edit.csv", range(1, 4))  # lee's row added
    monkeypatch.setenv("BULKSHIP_USER", "lee")
    assert main(["run", str(edited), "--batch", "C11", *out]) == 1
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    assert main(["run", str(edited), "--batch", "C11", *out]) == 1
    waiting = approvals.latest(team, "C11")
    assert waiting is not None and waiting.requested_by == "alice"
    with pytest.raises(approvals.ApprovalError, match="lee changed batch C11"):
        approvals.decide(team, waiting.id, person="lee", approve=True)
    assert embedded_sandbox_orders(team.data_dir) == []


def test_the_approval_page_shows_the_cards_sent_again_on_purpose(
    team: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by newcomer7: a command-line batch run with --allow-repeat (every row a card these people got
    last week) waited for approval, and the page said nothing of the second cards."""
    sheet = staff_sheet(tmp_path / "staff.csv", range(1, 3))
    out = ["--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    approvals.set_threshold(team, "1000", actor="test")
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    assert main(["run", str(sheet), "--batch", "WEEK1", *out]) == 0
    approvals.set_threshold(team, "10", actor="test")
    assert main(["run", str(sheet), "--batch", "WEEK2", "--allow-repeat", *out]) == 1
    with _signed_in(create_app(team), "carol") as carol:
        page = visible_text(carol.get("/batches/WEEK2/approval").text)
    assert "2 row(s) of this plan repeat a card already ordered, sent again on purpose" in page
    assert "in batch &#39;WEEK1&#39;" in page and "Held, not sent" not in page  # they are being sent


def test_the_approval_page_names_each_card_sent_again_by_its_row_in_this_batch(
    team: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-web10: rows 5 and 6 of q4 (--allow-repeat) repeated rows 3 and 2 of q3; the command
    line said 'row 5: ... ordered in batch 'q3' (row 3, ...)', the approval page only '... ordered in batch
    'q3' (row 3, ...)': the approver could not tell which rows of the batch were second cards."""
    out = ["--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    approvals.set_threshold(team, "1000", actor="test")
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    assert main(["run", str(staff_sheet(tmp_path / "q3.csv", range(1, 3))), "--batch", "Q3", *out]) == 0
    approvals.set_threshold(team, "10", actor="test")
    q4 = staff_sheet(tmp_path / "q4.csv", [7, 8, 9, 2, 1])
    assert main(["run", str(q4), "--batch", "Q4", "--allow-repeat", *out]) == 1
    with _signed_in(create_app(team), "carol") as carol:
        page = visible_text(carol.get("/batches/Q4/approval").text)
    said = re.findall(r"row (\d+): the same recipient, address, card and value were ordered in batch "
                      r"&#39;Q3&#39; \(row (\d+),", page)  # fmt: skip
    assert said == [("5", "3"), ("6", "2")]


@pytest.mark.parametrize("taken_away", ["disabled", "role"])
def test_an_approval_lapses_when_its_approver_is_disabled_before_the_run(
    team: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    taken_away: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Found by newcomer7: carol approved, her account was disabled (misused), and the requester's re-run
    still sent the batch on her approval. The same when an admin takes her approver role away (found by
    hunter-web4: the re-run sent on the approval of a person who may no longer approve)."""
    sheet = staff_sheet(tmp_path / "staff.csv", range(1, 3))
    command = ["run", str(sheet), "--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    assert main(command) == 1
    asked = approvals.latest(team, "HR")
    assert asked is not None
    approvals.decide(team, asked.id, person="carol", approve=True)
    if taken_away == "disabled":
        accounts.set_disabled(team, "carol", True, actor="test")
    else:
        accounts.set_roles(team, "carol", ["finance"], actor="test")
    with _signed_in(create_app(team), "alice") as alice:  # said where the approval is shown (hunter-web4)
        page = visible_text(alice.get("/batches/HR/approval").text)
        assert "carol may no longer approve (disabled, or no longer an approver)" in page
    capsys.readouterr()
    assert main(command) == 1  # a new request waits; nothing sent on the lapsed approval
    assert embedded_sandbox_orders(team.data_dir) == []
    said = " ".join(capsys.readouterr().err.split())  # it read "(it changed since it was approved)"
    assert "(carol may no longer approve: disabled, or no longer an approver)" in said, said
    assert "changed since it was approved" not in said, said


def test_an_approver_who_ran_a_batch_from_the_command_line_under_his_login_cannot_approve_it(
    team: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review10: without BULKSHIP_USER the command line acts for cli:<login>. lee, an approver whose
    login is lee, ran a batch above the threshold (request by cli:lee) and approved it himself on the page:
    the four-eyes check compared "cli:lee" with "lee". The command line's login is its person too."""
    accounts.add_user(team, "lee", "password-lee", ["requester", "approver"], actor="test")
    monkeypatch.delenv("BULKSHIP_USER", raising=False)
    monkeypatch.setattr("bulkship.team.approvals.os_login", lambda: "lee")
    command = ["run", str(staff_sheet(tmp_path / "c12.csv", range(1, 3))), "--batch", "C12", "--yes"]
    command += ["--wait", "0", "--out", str(tmp_path / "out")]
    assert main(command) == 1
    waiting = approvals.latest(team, "C12")
    assert waiting is not None and waiting.requested_by == "cli:lee"
    with _signed_in(create_app(team), "lee") as lee:
        assert 'id="approve"' not in lee.get("/batches/C12/approval").text  # not offered on the page
    with pytest.raises(approvals.ApprovalError, match="lee asked for this approval"):
        approvals.decide(team, waiting.id, person="lee", approve=True)
    assert main(command) == 1 and embedded_sandbox_orders(team.data_dir) == []
    approvals.decide(team, waiting.id, person="carol", approve=True)  # another person may
    assert main(command) == 0 and len(embedded_sandbox_orders(team.data_dir)) == 1


def test_a_login_written_with_capitals_is_its_account_s_person_too(
    team: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review11: accounts are named in lower case, a login may not be ('Lee' on Windows or macOS).
    As cli:Lee, lee's request was offered to lee and he approved it himself; and alice's spend as alice and
    as cli:Alice counted apart, 75.00 + 75.00 under a threshold of 100 with no approval."""
    accounts.add_user(team, "lee", "password-lee", ["requester", "approver"], actor="test")
    monkeypatch.delenv("BULKSHIP_USER", raising=False)
    monkeypatch.setattr("bulkship.team.approvals.os_login", lambda: "Lee")
    command = ["run", str(staff_sheet(tmp_path / "c12.csv", range(1, 3))), "--batch", "C12", "--yes"]
    command += ["--wait", "0", "--out", str(tmp_path / "out")]
    assert main(command) == 1
    waiting = approvals.latest(team, "C12")
    assert waiting is not None
    with _signed_in(create_app(team), "lee") as lee:
        assert 'id="approve"' not in lee.get("/batches/C12/approval").text
    with pytest.raises(approvals.ApprovalError, match="lee asked for this approval"):
        approvals.decide(team, waiting.id, person="lee", approve=True)
    assert main(command) == 1 and embedded_sandbox_orders(team.data_dir) == []

    approvals.set_threshold(team, "100", actor="test")
    out = ["--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    monkeypatch.setattr("bulkship.team.approvals.os_login", lambda: "Alice")
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    assert main(["run", str(staff_sheet(tmp_path / "a.csv", range(11, 14))), "--batch", "PART-A", *out]) == 0
    monkeypatch.delenv("BULKSHIP_USER")
    assert main(["run", str(staff_sheet(tmp_path / "b.csv", range(14, 17))), "--batch", "PART-B", *out]) == 1
    assert len(embedded_sandbox_orders(team.data_dir)) == 1  # PART-B waits for an approver


def test_what_a_person_sent_alone_from_the_command_line_under_his_login_counts_against_his_limit(
    team: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review10: the day's spend without approval was counted per name, so alice sent 75.00 as
    alice (BULKSHIP_USER) and 75.00 more as cli:alice (her login, no BULKSHIP_USER) under a threshold of 100,
    with no approval: the split the limit is meant to catch."""
    approvals.set_threshold(team, "100", actor="test")
    out = ["--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    monkeypatch.setattr("bulkship.team.approvals.os_login", lambda: "alice")
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    assert main(["run", str(staff_sheet(tmp_path / "a.csv", range(1, 4))), "--batch", "PART-A", *out]) == 0
    monkeypatch.delenv("BULKSHIP_USER")
    assert main(["run", str(staff_sheet(tmp_path / "b.csv", range(4, 7))), "--batch", "PART-B", *out]) == 1
    assert len(embedded_sandbox_orders(team.data_dir)) == 1  # PART-B waits for an approver


def test_a_persons_own_lower_limit_holds_from_the_command_line_under_his_login(
    team: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review10: alice's own limit (40.00, under the team's 100) held only for alice: as cli:alice
    (her login, no BULKSHIP_USER) 75.00 went out with no approval."""
    approvals.set_threshold(team, "100", actor="test")
    accounts.set_limit(team, "alice", "40", actor="test")
    monkeypatch.delenv("BULKSHIP_USER", raising=False)
    monkeypatch.setattr("bulkship.team.approvals.os_login", lambda: "alice")
    command = ["run", str(staff_sheet(tmp_path / "a.csv", range(1, 4))), "--batch", "OWN", "--yes"]
    assert main([*command, "--wait", "0", "--out", str(tmp_path / "out")]) == 1
    assert embedded_sandbox_orders(team.data_dir) == []


def test_the_approver_of_a_command_line_batch_sees_its_cards_and_recipients(
    team: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by newcomer9: the approval page of a batch prepared from the command line showed a file name, a
    row count and a total: the approver approved blind."""
    sheet = staff_sheet(tmp_path / "staff.csv", range(1, 4))
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    command = ["run", str(sheet), "--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    assert main(command) == 1  # waits for an approver
    with _signed_in(create_app(team), "carol") as carol:
        page = carol.get("/batches/HR/approval").text
    table = re.search(r'<table class="grid money" id="plan-cards">.*?</table>', page, re.S).group(0)  # type: ignore[union-attr]
    cards = visible_text(table)
    assert "CVS 25.00 3 75.00" in cards
    listing = re.search(r'<details id="plan-recipients">.*?</details>', page, re.S).group(0)  # type: ignore[union-attr]
    recipients = visible_text(listing)
    assert "Recipients (3)" in recipients
    assert all(f"Person {i} {i} Main St Boston MA CVS 25" in recipients for i in range(1, 4)), recipients


def test_the_approver_of_a_command_line_batch_sees_what_lies_between_its_cards_and_its_total(
    team: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-money14: the approval page of a batch prepared from the command line listed its cards
    by value (a Visa card of 50.00 and a Home Depot card of 100.00: 150.00) beside 'To send 163.40': the
    Visa fee, its Expedited shipping and Home Depot's discount were said nowhere, and the approver approved
    13.40 nobody showed. The page says the plan's money as the cost page does."""
    sheet = tmp_path / "mixed.csv"
    with sheet.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*HEADER, "Shipping Method"])
        writer.writerow(
            ["E1", "Person 1", "1 Main St", "Boston", "MA", "02134", "VISA-PREPAID", "50", "EXPEDITED"]
        )
        writer.writerow(
            ["E2", "Person 2", "2 Main St", "Boston", "MA", "02134", "HOMEDEPOT", "100", "STANDARD"]
        )
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    command = ["run", str(sheet), "--batch", "MIX", "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    assert main(command) == 1  # waits for an approver
    with _signed_in(create_app(team), "carol") as carol:
        page = carol.get("/batches/MIX/approval").text
    said = visible_text(re.search(r'<p id="plan-money">.*?</p>', page, re.S).group(0))  # type: ignore[union-attr]
    assert (
        said == "To send: 150.00 face value, less 2.50 discount, plus 5.95 fees and 9.95 shipping: 163.40."
    ), said


def test_the_approval_of_a_command_line_batch_partly_sent_on_it_is_not_said_out_of_date(
    team: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-web6: once a part of the approved plan was sent (the vendor's balance ran out), the
    approval page said "the batch changed since: sending it asks for approval again", while the same
    command sends the rest on that approval (it covers what is left of its plan)."""
    from decimal import Decimal

    from bulkship.sandbox import Sandbox, SandboxConfig

    Sandbox(SandboxConfig(state_file=team.sandbox_state_file, balance=Decimal(3000))).close()
    sheet = staff_sheet(tmp_path / "staff.csv", range(1, 151))  # 2 orders: 100 cards, then 50
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    command = ["run", str(sheet), "--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    assert main(command) == 1  # waits for an approver
    app = create_app(team)
    with _signed_in(app, "carol") as carol:
        page = carol.get("/batches/HR/approval").text
        approve = re.search(r'action="(/batches/HR/approval/\d+/approve)"', page)
        token = TOKEN.search(page)
        assert approve and token
        assert carol.post(approve.group(1), data={"csrf_token": token.group(1)}).status_code == 200
    assert main(command) != 0  # the balance takes the first order only
    assert len(embedded_sandbox_orders(team.data_dir)) == 1
    with _signed_in(app, "carol") as carol:
        said = visible_text(carol.get("/batches/HR/approval").text)
    assert "Approved by carol" in said and "changed since" not in said, said
    with Sandbox(SandboxConfig(state_file=team.sandbox_state_file)) as vendor:
        vendor.fund(Decimal(10000))
    assert main(command) == 0  # the rest goes out on the same approval, as the page says
    assert len(embedded_sandbox_orders(team.data_dir)) == 2
    assert len(approvals.approvals(team, batch="HR")) == 1


def test_a_page_batch_asked_for_from_the_command_line_and_approved_on_the_page_is_sent_for_the_requester(
    team: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-web8: alice uploaded the list on the page, bob ran `bulkship run` on it (request #1 by
    bob), carol approved it on the page, and the server's run was recorded as sent by 'cli:<the server's
    login>' from 'command line: ...': neither bob nor the page, and bob's role never checked."""

    from bulkship.team import audit

    accounts.add_user(team, "bob", "password-bob", ["requester"], actor="test")
    sheet = staff_sheet(tmp_path / "staff.csv", range(1, 3))
    app = create_app(team)
    with _signed_in(app, "alice") as alice, _signed_in(app, "carol") as carol:
        uploaded = alice.post(
            "/batches",
            data={"csrf_token": _csrf(alice, "/batches/new"), "name": "HR"},
            files={"file": ("staff.csv", sheet.read_bytes(), "text/csv")},
        )
        assert uploaded.url.path.startswith("/batches/HR/"), uploaded.url
        monkeypatch.setenv("BULKSHIP_USER", "bob")
        command = ["run", str(sheet), "--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path / "o")]
        assert main(command) == 1  # waits for an approver
        monkeypatch.delenv("BULKSHIP_USER")
        page = carol.get("/batches/HR/approval").text
        approve = re.search(r'action="(/batches/HR/approval/\d+/approve)"', page)
        assert approve, page
        form = {
            "csrf_token": _csrf(carol, "/batches/HR/approval"),
            "total": re.search(r'name="total" value="([^"]+)"', page).group(1),  # type: ignore[union-attr]
            "change": re.search(r'name="change" value="([^"]+)"', page).group(1),  # type: ignore[union-attr]
        }
        assert carol.post(approve.group(1), data=form).url.path == "/batches/HR/progress"
        for _ in range(300):
            if 'data-running="no"' in carol.get("/batches/HR/progress/live").text:
                break
            wait_for_run(carol, "HR")
    assert len(embedded_sandbox_orders(team.data_dir)) == 1
    started = [e for e in audit.entries(team, batch="HR") if e.action == "run_start"]
    assert [(e.actor, e.address) for e in started] == [("bob", "")], started


def test_the_progress_page_of_a_command_line_batch_sends_nobody_to_a_cost_page_it_does_not_have(
    team: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-web8: a batch prepared from the command line and not sent (here its request rejected)
    read 'Nothing has been sent for this batch yet. See its cost and send it' on its progress page; the
    button led to its results, which the page cannot send."""
    sheet = staff_sheet(tmp_path / "staff.csv", range(1, 3))
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    command = ["run", str(sheet), "--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    assert main(command) == 1  # waits for an approver
    asked = approvals.latest(team, "HR")
    assert asked is not None
    approvals.decide(team, asked.id, person="carol", approve=False, reason="not this month")
    app = create_app(team)
    with _signed_in(app, "alice") as alice:
        page = visible_text(alice.get("/batches/HR/progress").text)
    assert "See its cost and send it" not in page
    assert "prepared from the command line" in page and "re-runs the same command" in page


def test_a_page_batch_whose_cells_were_fixed_on_the_page_is_not_sent_from_the_command_line_without_them(
    team: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-web9: alice uploaded the list on the page and fixed row 2's street there (the trail
    said so); bob ran `bulkship run` on his copy of the same file under the batch's name: her plan was dropped
    and the card went to the street before her fix, exit 0. The command line now refuses such a run, saying
    which cells the page changed; nothing is sent."""
    accounts.add_user(team, "bob", "password-bob", ["requester"], actor="test")
    approvals.set_threshold(team, "1000", actor="test")  # nothing here needs an approver
    sheet = staff_sheet(tmp_path / "staff.csv", range(1, 3))
    app = create_app(team)
    with _signed_in(app, "alice") as alice:
        uploaded = alice.post(
            "/batches",
            data={"csrf_token": _csrf(alice, "/batches/new"), "name": "HR"},
            files={"file": ("staff.csv", sheet.read_bytes(), "text/csv")},
        )
        assert uploaded.url.path.startswith("/batches/HR/"), uploaded.url
        fix = {"csrf_token": _csrf(alice, "/batches/HR/review"), "cell:Address": "99 Fixed St"}
        assert alice.post("/batches/HR/rows/2", data=fix).status_code == 200
    monkeypatch.setenv("BULKSHIP_USER", "bob")
    capsys.readouterr()
    command = ["run", str(sheet), "--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path / "o")]
    assert main(command) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "Batch HR was uploaded on the web page (staff.csv, by alice)" in said, said
    assert "row 2 Address: '99 Fixed St'" in said and "Nothing was sent" in said
    assert embedded_sandbox_orders(team.data_dir) == []


def test_the_approver_of_a_page_batch_reads_what_its_cost_page_says_of_the_list(
    team: Settings, tmp_path: Path
) -> None:
    """Found by hunter-web19 in Chromium: alice's cost page said of her list 'Column 'Amount 2025' is not
    used, although its header looks like Value' and 'row 3 (Person 2): 3 cards of 25.00 = 75.00 ... If
    'Amount' is what a row gets in all, write one card's value there'; the approver's page of the same plan
    (the cost page, approving) said neither, and offered 'Approve and send 1 order(s) for 100.00'."""
    sheet = tmp_path / "bonus.csv"
    with sheet.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*HEADER, "Qty", "Amount 2025"])
        writer.writerow(["E1", "Person 1", "1 Main St", "Boston", "MA", "02134", "CVS", "25", "1", "10"])
        writer.writerow(["E2", "Person 2", "2 Main St", "Boston", "MA", "02134", "CVS", "25", "3", "10"])
    app = create_app(team)
    with _signed_in(app, "alice") as alice, _signed_in(app, "carol") as carol:
        uploaded = alice.post(
            "/batches",
            data={"csrf_token": _csrf(alice, "/batches/new"), "name": "bonus"},
            files={"file": ("bonus.csv", sheet.read_bytes(), "text/csv")},
        )
        assert uploaded.url.path == "/batches/bonus/columns", uploaded.url
        cost = alice.get("/batches/bonus/cost").text
        said = [
            "Column 'Amount 2025' (J) is not used, although its header looks like Value",
            "row 3 (Person 2): 3 cards of 25.00 = 75.00",
        ]
        assert all(note in unescape(visible_text(cost)) for note in said), visible_text(cost)
        form = {
            "csrf_token": _csrf(alice, "/batches/bonus/cost"),
            "total": re.search(r'name="total" value="([^"]+)"', cost).group(1),  # type: ignore[union-attr]
            "change": re.search(r'name="change" value="([^"]+)"', cost).group(1),  # type: ignore[union-attr]
            "asks": "yes",
        }
        assert alice.post("/batches/bonus/confirm", data=form).url.path == "/batches/bonus/approval"
        page = carol.get("/batches/bonus/approval").text
        assert 'id="approve"' in page  # the approver's page of the plan asked about
        for note in said:
            assert note in unescape(visible_text(page)), visible_text(page)
    assert embedded_sandbox_orders(team.data_dir) == []


def test_the_approver_of_a_command_line_batch_reads_what_the_run_said_of_the_list(
    team: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """hunter-web19's LO1: `bulkship run` said of the list 'Column 'Amount 2025' (J) is not used ...' and
    '1 row(s) order more than one card ... row 2 (Ann Able): 3 cards of 25.00 = 75.00', then waited for an
    approver; the approver's page of that batch showed its cards and recipients, none of what the run said:
    the one person who must read that a row gets three cards did not. The request keeps what the run said,
    and the approval page says it."""
    sheet = tmp_path / "qn.csv"
    sheet.write_text(
        "Employee ID,Name,Address,City,State,ZIP,Product,Amount,Qty,Amount 2025\n"
        "E1,Ann Able,1 Main St,Boston,MA,02134,CVS,25,3,50\n"
        "E2,Bo Best,2 Main St,Boston,MA,02134,CVS,25,1,50\n"
    )
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    command = ["run", str(sheet), "--batch", "QN", "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    assert main(command) == 1  # waits for an approver
    with _signed_in(create_app(team), "carol") as carol:
        page = visible_text(carol.get("/batches/QN/approval").text)
    assert "3 cards of 25.00 = 75.00" in page, page
    assert "Amount 2025" in page and "is not used" in page, page


def test_the_approval_page_of_a_page_batch_is_titled_as_one_for_the_requester_and_the_approver(
    team: Settings, tmp_path: Path
) -> None:
    """hunter-web21's LO4, seen in Chromium: alice's Send of a batch above the threshold led her to its
    approval page, titled 'Cost and confirm: staff' (tab 'Cost of staff'), where nothing can be confirmed:
    it waits for an approver. carol's page to approve it was titled so too. Both read 'Approval: staff'
    now, as the approval page of a command-line batch does; the cost page keeps its title."""
    sheet = staff_sheet(tmp_path / "staff.csv", [1, 2])
    app = create_app(team)
    with _signed_in(app, "alice") as alice, _signed_in(app, "carol") as carol:
        uploaded = alice.post(
            "/batches",
            data={"csrf_token": _csrf(alice, "/batches/new"), "name": "staff"},
            files={"file": ("staff.csv", sheet.read_bytes(), "text/csv")},
        )
        assert uploaded.url.path == "/batches/staff/columns", uploaded.url
        cost = alice.get("/batches/staff/cost").text
        assert "<h1>Cost and confirm: staff</h1>" in cost and "<title>Cost of staff" in cost
        form = {
            "csrf_token": _csrf(alice, "/batches/staff/cost"),
            "total": re.search(r'name="total" value="([^"]+)"', cost).group(1),  # type: ignore[union-attr]
            "change": re.search(r'name="change" value="([^"]+)"', cost).group(1),  # type: ignore[union-attr]
            "asks": "yes",
        }
        waiting = alice.post("/batches/staff/confirm", data=form)
        assert waiting.url.path == "/batches/staff/approval"
        approving = carol.get("/batches/staff/approval").text
        assert 'id="approve"' in approving
        for page in (waiting.text, approving):
            assert "<h1>Approval: staff</h1>" in page and "<title>Approval of staff" in page, page[:600]
            assert "Cost and confirm" not in page
    assert embedded_sandbox_orders(team.data_dir) == []


def _send(client: TestClient, batch: str) -> Any:
    """Press the batch's Send (or Ask for approval) as its cost page offers it."""
    cost = client.get(f"/batches/{batch}/cost").text
    form = {
        "csrf_token": TOKEN.search(cost).group(1),  # type: ignore[union-attr]
        "total": re.search(r'name="total" value="([^"]+)"', cost).group(1),  # type: ignore[union-attr]
        "change": re.search(r'name="change" value="([^"]+)"', cost).group(1),  # type: ignore[union-attr]
        "asks": "yes",
    }
    return client.post(f"/batches/{batch}/confirm", data=form)


def test_a_request_whose_asker_was_disabled_since_is_said_lapsed_and_another_requester_asks_anew(
    team: Settings, tmp_path: Path
) -> None:
    """Found by hunter-web22 in Chromium: ria asked approval of d2 (50.00), then her account was disabled.
    mo's approval page still read 'Waiting for approval' and offered 'Approve and send 1 order(s) for
    50.00', which answered "ria's account is disabled: request #5 lapsed" (403); Approvals listed it as
    waiting, and the batch's progress page said 'the orders left go out once another person approves
    them', which no approval could do. Each now says the request cannot be approved while her account is
    disabled (Reject offered to clear it, no Approve); another requester's Send asks anew, and once
    approved the cards go out once."""
    accounts.add_user(team, "bob", "password-bob", ["requester"], actor="test")
    sheet = staff_sheet(tmp_path / "staff.csv", [1, 2])
    app = create_app(team)
    with _signed_in(app, "alice") as alice, _signed_in(app, "carol") as carol, _signed_in(app, "bob") as bob:
        uploaded = alice.post(
            "/batches",
            data={"csrf_token": _csrf(alice, "/batches/new"), "name": "staff"},
            files={"file": ("staff.csv", sheet.read_bytes(), "text/csv")},
        )
        assert uploaded.url.path == "/batches/staff/columns", uploaded.url
        sent = _send(alice, "staff")
        assert sent.url.path == "/batches/staff/approval", visible_text(sent.text)
        accounts.set_disabled(team, "alice", True, actor="test")
        page = carol.get("/batches/staff/approval").text
        said = unescape(visible_text(page))
        assert "cannot be approved while alice's account is disabled" in said, said
        assert "Waiting for approval" not in said and 'id="approve"' not in page and 'id="reject"' in page
        listed = unescape(visible_text(carol.get("/approvals").text))
        assert "alice's account is disabled: it cannot be approved while it is" in listed, listed
        progress = visible_text(bob.get("/batches/staff/progress").text)
        assert "Waiting for an approver" not in progress and "Nothing has been sent" in progress, progress
        line = visible_text(re.search(r'(?s)<tr data-batch="staff">.*?</tr>', bob.get("/").text).group(0))  # type: ignore[union-attr]
        assert "awaiting confirmation" in line and "awaiting approval" not in line, line
        assert "cannot be approved while alice's account is disabled" in unescape(
            visible_text(bob.get("/batches/staff/cost").text)
        )
        assert _send(bob, "staff").url.path == "/batches/staff/approval"  # bob asks anew
        page = carol.get("/batches/staff/approval").text
        assert "Waiting for approval" in visible_text(page) and "asked by bob" in visible_text(page)
        approved = carol.post(
            re.search(r'action="(/batches/staff/approval/\d+/approve)"', page).group(1),  # type: ignore[union-attr]
            data={
                "csrf_token": TOKEN.search(page).group(1),  # type: ignore[union-attr]
                "total": re.search(r'name="total" value="([^"]+)"', page).group(1),  # type: ignore[union-attr]
                "change": re.search(r'name="change" value="([^"]+)"', page).group(1),  # type: ignore[union-attr]
            },
        )
        assert approved.url.path == "/batches/staff/progress", visible_text(approved.text)
        for _ in range(600):
            if 'data-running="no"' in carol.get("/batches/staff/progress/live").text:
                break
            wait_for_run(carol, "staff")
    sent = [li["ExternalId"] for o in embedded_sandbox_orders(team.data_dir) for li in o["LineItems"]]
    assert len(sent) == 2 == len(set(sent))


def test_a_command_line_request_whose_asker_was_disabled_since_is_said_lapsed(
    team: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As above, for a batch `BULKSHIP_USER=alice bulkship run` asked about: the approver's page of it
    offered Approve, refused once pressed."""
    sheet = staff_sheet(tmp_path / "staff.csv", range(1, 3))
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    command = ["run", str(sheet), "--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    assert main(command) == 1  # waits for an approver
    accounts.set_disabled(team, "alice", True, actor="test")
    with _signed_in(create_app(team), "carol") as carol:
        page = carol.get("/batches/HR/approval").text
        said = unescape(visible_text(page))
        assert "cannot be approved while alice's account is disabled" in said, said
        assert "as an active account, asks anew" in said, said
        assert 'id="approve"' not in page and 'id="reject"' in page
    assert embedded_sandbox_orders(team.data_dir) == []


def test_a_request_whose_asker_is_no_longer_a_requester_is_said_lapsed_and_not_approved(
    team: Settings, tmp_path: Path
) -> None:
    """Found by hunter-web22 in Chromium beside the above: ria's requester role was taken away (finance now)
    after she asked approval of r2. mo's page offered Approve; pressed, it was recorded as approved and
    its run ended 'ria (finance) may not send orders: nothing was sent'. The page says the request lapsed
    while she holds no requester role, and Approve pressed on the page opened before is refused, nothing
    approved, nothing sent."""
    sheet = staff_sheet(tmp_path / "staff.csv", [1, 2])
    app = create_app(team)
    with _signed_in(app, "alice") as alice, _signed_in(app, "carol") as carol:
        uploaded = alice.post(
            "/batches",
            data={"csrf_token": _csrf(alice, "/batches/new"), "name": "staff"},
            files={"file": ("staff.csv", sheet.read_bytes(), "text/csv")},
        )
        assert uploaded.url.path == "/batches/staff/columns", uploaded.url
        sent = _send(alice, "staff")
        assert sent.url.path == "/batches/staff/approval", visible_text(sent.text)
        before = carol.get("/batches/staff/approval").text  # opened while alice was a requester
        accounts.set_roles(team, "alice", ["finance"], actor="test")
        page = carol.get("/batches/staff/approval").text
        said = unescape(visible_text(page))
        assert "cannot be approved while alice holds no requester role (finance)" in said, said
        assert 'id="approve"' not in page and 'id="reject"' in page
        approved = carol.post(
            re.search(r'action="(/batches/staff/approval/\d+/approve)"', before).group(1),  # type: ignore[union-attr]
            data={
                "csrf_token": TOKEN.search(before).group(1),  # type: ignore[union-attr]
                "total": re.search(r'name="total" value="([^"]+)"', before).group(1),  # type: ignore[union-attr]
                "change": re.search(r'name="change" value="([^"]+)"', before).group(1),  # type: ignore[union-attr]
            },
        )
        assert approved.status_code == 403, visible_text(approved.text)
        assert "alice holds no requester role (finance): request #1 lapsed" in visible_text(approved.text)
    assert approvals.latest(team, "staff").state == "pending"  # type: ignore[union-attr]
    assert embedded_sandbox_orders(team.data_dir) == []


def test_the_approver_of_a_page_batch_reads_the_cells_changed_on_its_review_page(
    team: Settings, tmp_path: Path
) -> None:
    """Found by newcomer19 (N8): hr-sam changed row 8's ZIP '0211' -> '02110' and row 10's Card 'Targett' ->
    'Target' on the review page; the approver's page showed the plan as changed and its problems, no word of
    the changes: only the audit trail said them, and an Amount 50 -> 500 would have read as the file's. The
    approver's page now names each changed cell, what the file said and what is sent, and who changed it."""
    sheet = staff_sheet(tmp_path / "staff.csv", range(1, 4))
    app = create_app(team)
    with _signed_in(app, "alice") as alice, _signed_in(app, "carol") as carol:
        uploaded = alice.post(
            "/batches",
            data={"csrf_token": _csrf(alice, "/batches/new"), "name": "staff"},
            files={"file": ("staff.csv", sheet.read_bytes(), "text/csv")},
        )
        assert uploaded.url.path == "/batches/staff/columns", uploaded.url
        fix = {"csrf_token": _csrf(alice, "/batches/staff/review"), "cell:Amount": "50"}
        alice.post("/batches/staff/rows/3", data=fix)
        sent = _send(alice, "staff")
        assert sent.url.path == "/batches/staff/approval", visible_text(sent.text)
        said = " ".join(unescape(visible_text(carol.get("/batches/staff/approval").text)).split())
        assert (
            "Changed on the review page 1 cell(s) of this batch differ from the uploaded file: changed on "
            "its review page by alice. row 3 Amount: '25' \u2192 '50'." in said
        ), said
    assert embedded_sandbox_orders(team.data_dir) == []
