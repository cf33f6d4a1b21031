"""The audit trail after each command-line action that matters: a run's start and end (rows ordered, money,
the workbook), a run stopped and resumed, tracking, reconciliation, the exports. The command line signs no
one in: it acts for BULKSHIP_USER (an account's name) or ``cli:<login>``, and the trail says so."""

from __future__ import annotations

import getpass
import io
import socket
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from support import SandboxVendor, embedded_sandbox_orders, write_sheet

from bulkship.cli import main
from bulkship.pipeline import run_batch
from bulkship.sandbox import Sandbox, SandboxConfig
from bulkship.sandbox.lifecycle import DAY
from bulkship.settings import Settings, resolve_settings
from bulkship.team import accounts, approvals, audit, store
from bulkship.team.audit import AuditEntry

LOGIN = f"cli:{getpass.getuser()}"
FROM_HERE = f"command line: {getpass.getuser()}@{socket.gethostname()}"


pytestmark = pytest.mark.usefixtures("quick_hashes")  # argon2's cheapest parameters


@pytest.fixture
def team(monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """A team whose threshold lets every run here go without approval."""
    monkeypatch.delenv("BULKSHIP_USER", raising=False)
    settings = resolve_settings()
    accounts.add_user(settings, "admin", "password-admin", ["admin"], actor="test")
    accounts.add_user(settings, "alice", "password-alice", ["requester"], actor="test")
    approvals.set_threshold(settings, "10000", actor="test")
    yield settings
    store.forget_engines()


def trail(settings: Settings, batch: str | None = None) -> list[AuditEntry]:
    return [e for e in audit.entries(settings, batch=batch) if e.actor != "test"]


def test_a_cli_run_records_its_start_and_its_end_with_rows_money_and_workbook(team: Settings) -> None:
    sheet = write_sheet(Path("staff.csv"), range(1, 4))  # 3 x 25
    assert main(["run", str(sheet), "--batch", "Q4", "--yes", "--wait", "0", "--csv"]) == 0
    lines = trail(team, "Q4")
    assert [(e.actor, e.address, e.action) for e in lines] == [
        (LOGIN, FROM_HERE, "run_start"),
        (LOGIN, FROM_HERE, "run_end"),
        (LOGIN, FROM_HERE, "export"),
    ]
    start, end, export = lines
    assert start.detail["new_orders"] == 1 and start.detail["total"] == "75.00"
    assert end.detail["ordered_rows"] == 3 and end.detail["charged"] == "75.00"
    assert end.detail["orders_sent"] == 1 and end.detail["exit_code"] == 0
    assert end.detail["workbook"].endswith(".xlsx") and export.detail["file"].endswith(".csv")
    assert main(["run", str(sheet), "--batch", "Q4", "--yes", "--wait", "0"]) == 0  # nothing left to send
    assert len(trail(team, "Q4")) == 3  # a run that sends nothing starts nothing


def test_bulkship_user_names_the_account_the_cli_acts_for_and_the_login_stays_in_the_trail(
    team: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BULKSHIP_USER", "Alice")
    sheet = write_sheet(Path("staff.csv"), range(1, 3))
    assert main(["run", str(sheet), "--batch", "HR", "--yes", "--wait", "0"]) == 0
    assert [(e.actor, e.address, e.action) for e in trail(team, "HR")] == [
        ("alice", FROM_HERE, "run_start"),
        ("alice", FROM_HERE, "run_end"),
    ]
    monkeypatch.setenv("BULKSHIP_USER", "nobody-here")  # not an account: the login acts
    assert main(["track", "HR"]) == 0
    assert [(e.actor, e.action) for e in trail(team, "HR")][-1] == (LOGIN, "track")


def test_a_run_stopped_midway_records_the_stop_and_the_next_run_its_resume(team: Settings) -> None:
    sheet = write_sheet(Path("staff.csv"), range(1, 5))
    sent = []

    def interrupt_after_the_first_order(progress: object) -> None:
        sent.append(progress)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(sheet, team, batch="Q1", max_lines=1, wait_s=0, reporter=interrupt_after_the_first_order)
    stopped = trail(team, "Q1")
    assert [(e.action, e.detail.get("error")) for e in stopped] == [
        ("run_start", None),
        ("run_stop", "interrupted"),
    ]
    assert stopped[0].detail["new_orders"] == 4
    assert main(["run", str(sheet), "--batch", "Q1", "--yes", "--wait", "0", "--max-lines", "1"]) == 0
    resumed = trail(team, "Q1")[2:]
    assert [e.action for e in resumed] == ["resume", "run_end"]
    assert resumed[0].detail["resumed_orders"] == 4 and resumed[0].detail["new_orders"] == 0  # same POs
    assert resumed[1].detail["ordered_rows"] == 4
    assert len(embedded_sandbox_orders(team.data_dir)) == 4


def test_a_first_send_of_orders_its_cost_page_planned_is_not_said_to_resume_them(team: Settings) -> None:
    """Found by newcomer4 (F10): the first send of a web batch read 'run_start ... new_orders: 0;
    resumed_orders: 2' in the trail, as if a run had stopped part way: its cost page had planned the two
    orders, and nothing of them was sent before."""
    import bulkship

    sheet = write_sheet(Path("staff.csv"), range(1, 3))
    assert bulkship.plan_batch(team, sheet, batch="Q6") is not None  # the cost page's look
    assert main(["run", str(sheet), "--batch", "Q6", "--yes", "--wait", "0"]) == 0
    start = trail(team, "Q6")[0]
    assert start.action == "run_start"
    assert start.detail["planned_before"] == 1 and start.detail["new_orders"] == 0, start.detail
    assert "resumed_orders" not in start.detail and "in_doubt_orders" not in start.detail, start.detail


def test_track_reconcile_and_result_exports_from_the_cli_are_in_the_trail(
    team: Settings, tmp_path: Path
) -> None:
    sheet = write_sheet(Path("staff.csv"), range(1, 3))
    assert main(["run", str(sheet), "--batch", "Q2", "--yes", "--wait", "0"]) == 0
    assert main(["track", "Q2", "--csv"]) == 0
    assert main(["reconcile", "Q2"]) == 0
    assert main(["reconcile", "Q2", "--review"]) == 0
    assert main(["audit", "--out", str(tmp_path / "q2.xlsx"), "--batch", "Q2"]) == 0
    lines = trail(team, "Q2")[2:]
    assert [(e.actor, e.action) for e in lines] == [
        (LOGIN, "export"),
        (LOGIN, "track"),
        (LOGIN, "reconcile"),
        (LOGIN, "review_check"),
        (LOGIN, "audit_export"),
    ]
    export, tracked, reconciled, _check, audit_export = lines
    assert export.detail == {"file": "Q2-results.csv", "kind": "csv"}
    assert tracked.detail["batches"] == 1
    assert reconciled.detail["matches"] is True and reconciled.detail["ledger_orders"] == 1
    assert audit_export.address == FROM_HERE and audit_export.detail["lines"] == 6


def test_a_single_user_ledger_keeps_no_trail(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = resolve_settings()
    sheet = write_sheet(Path("staff.csv"), range(1, 3))
    assert main(["run", str(sheet), "--batch", "SOLO", "--yes", "--wait", "0", "--csv"]) == 0
    assert main(["track", "SOLO"]) == 0
    assert main(["reconcile", "SOLO"]) == 0
    assert not store.team_mode(settings)


def test_people_and_settings_commands_say_where_they_came_from(
    team: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("long enough password\n"))
    assert main(["users", "add", "bob", "--role", "finance"]) == 0
    assert main(["users", "settings", "--threshold", "500"]) == 0
    assert [(e.actor, e.address, e.action) for e in trail(team)][-2:] == [
        (LOGIN, FROM_HERE, "user_add"),
        (LOGIN, FROM_HERE, "setting"),
    ]


def test_a_run_the_vendor_stops_records_why_and_the_funded_re_run_resumes(team: Settings) -> None:
    with Sandbox(SandboxConfig(state_file=team.sandbox_state_file, balance=Decimal("60"))):
        pass  # the embedded vendor's account holds 60.00: two of the four 25.00 cards
    sheet = write_sheet(Path("staff.csv"), range(1, 5))
    command = ["run", str(sheet), "--batch", "Q3", "--yes", "--wait", "0", "--max-lines", "1"]
    assert main(command) == 1
    stopped = trail(team, "Q3")
    assert [e.action for e in stopped] == ["run_start", "run_stop"]
    assert "fund" in stopped[1].detail["error"].lower() and stopped[1].detail["rows_not_sent"] == 2
    assert stopped[1].detail["charged"] == stopped[1].detail["charged_in_this_run"] == "50.00"
    with Sandbox(SandboxConfig(state_file=team.sandbox_state_file)) as sandbox:
        sandbox.fund(Decimal("1000"))
    assert main(command) == 0
    assert [e.action for e in trail(team, "Q3")][2:] == ["resume", "run_end"]
    # the batch's 100.00, of which this run charged 50.00: summing the trail's runs counts each card once
    # (found by hunter-money2: a follow-up's line said 'charged: 100.00' alone)
    ended = trail(team, "Q3")[-1].detail
    assert (ended["charged"], ended["charged_in_this_run"]) == ("100.00", "50.00")


def test_an_approval_asked_from_the_command_line_says_where_it_came_from(team: Settings) -> None:
    approvals.set_threshold(team, "10", actor="test")
    sheet = write_sheet(Path("staff.csv"), range(1, 3))  # 50.00: above the threshold
    assert main(["run", str(sheet), "--batch", "HR", "--yes", "--wait", "0"]) == 1  # waits for an approver
    asked = [e for e in trail(team, "HR") if e.action == "approval_request"]
    assert [(e.actor, e.address) for e in asked] == [(LOGIN, FROM_HERE)]


def test_a_run_whose_wait_learns_an_earlier_order_failed_tells_its_own_orders_charge_apart(
    team: Settings, tmp_path: Path
) -> None:
    """hunter-money3's LG, reproduced live by hunter-money4 (/tmp/money4/team): a follow-up run sending one
    25.00 card, whose wait learnt that the vendor failed the first run's two cards (refunded), read
    'orders_sent: 1; charged: 25.00; charged_in_this_run: -25.00' and nothing more. The trail's sum stays the
    batch's charged; the line now also says what this run's orders charge and how the earlier ones changed."""
    failing = SandboxVendor(tmp_path / "vendor", order_failure_rate=1.0)
    try:  # the vendor will end this order Failed, nothing shipped (its clock stands: no wait would learn it)
        run_batch(
            write_sheet(tmp_path / "q.csv", range(1, 3)),
            team,
            batch="Q",
            wait_s=0,
            client_factory=failing.factory(),
        )
    finally:
        failing.close()
    vendor = SandboxVendor(tmp_path / "vendor")
    try:
        vendor.sandbox.advance(3 * DAY)  # ... and has: the ledger does not know it yet
        grown = write_sheet(tmp_path / "q.csv", range(1, 4))
        run_batch(grown, team, batch="Q", wait_s=1, client_factory=vendor.factory())
    finally:
        vendor.close()
    ended = trail(team, "Q")[-1].detail
    assert (ended["orders_sent"], ended["charged"], ended["charged_in_this_run"]) == (1, "25.00", "-25.00")
    assert ended["charged_by_its_orders"] == "25.00", ended
    assert ended["charged_change_of_earlier_orders"] == "-50.00", ended


def test_a_run_s_lines_in_the_trail_name_the_currency_of_their_money(team: Settings) -> None:
    """Found by hunter-money20 (its leftover 3), fixed by hunter-money21: the trail exported for finance read
    a run's 'total: 75.00' and 'charged: 75.00' with no currency, where every other surface (the run, status,
    the web pages) says USD. Each run line says it now."""
    sheet = write_sheet(Path("staff.csv"), range(1, 4))  # 3 x 25
    assert main(["run", str(sheet), "--batch", "Q4", "--yes", "--wait", "0"]) == 0
    start, end = trail(team, "Q4")
    assert "total: 75.00; currency: USD" in start.detail_text(), start.detail_text()
    assert "charged: 75.00; currency: USD" in end.detail_text(), end.detail_text()


def test_the_trail_since_a_ledger_moment_keeps_the_lines_of_that_same_second(team: Settings) -> None:
    """The approver's page names who changed cells on the review page from the trail's lines since the
    upload, a ledger moment ('...T14:52:01.523456Z'); the trail keeps seconds ('...T14:52:01+00:00'), which
    sorts before it: a change made in the upload's second was read as nobody's ('changed on its review page.',
    no 'by alice'; test_approval_pages' cells-changed test failed one run in two)."""
    audit.record(team, "fix", actor="alice", batch="staff", row=3)
    (line,) = [e for e in audit.entries(team, batch="staff") if e.action == "fix"]
    upload = line.at[:19] + ".999999Z"  # the ledger's form of a moment in the same second
    assert [e.actor for e in audit.entries(team, batch="staff", since=upload)] == ["alice"]
