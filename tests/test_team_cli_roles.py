"""The command line acts for BULKSHIP_USER with that account's rules: a disabled account, or one without the
role the web page requires, sends, tracks and settles nothing (exit 2), and the trail never names it as the
sender. An unknown name is taken at its word as before: the command acts as cli:<login>."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import embedded_sandbox_orders, write_sheet

from bulkship.cli import main
from bulkship.settings import Settings, resolve_settings
from bulkship.team import accounts, approvals, audit, store

pytestmark = pytest.mark.usefixtures("quick_hashes")  # argon2's cheapest parameters


@pytest.fixture
def team() -> Iterator[Settings]:
    """admin, alice (requester), carol (approver), fin (finance); batches up to 1,000.00 need no approver."""
    settings = resolve_settings()
    for name, role in (("admin", "admin"), ("alice", "requester"), ("carol", "approver"), ("fin", "finance")):
        accounts.add_user(settings, name, f"password-{name}", [role], actor="test")
    approvals.set_threshold(settings, "1000", actor="admin")
    yield settings
    store.forget_engines()


def _run_as(monkeypatch: pytest.MonkeyPatch, person: str, batch: str, first: int = 1) -> int:
    monkeypatch.setenv("BULKSHIP_USER", person)
    sheet = write_sheet(Path(f"{batch}.csv"), range(first, first + 2))  # 2 x 25 = 50.00
    return main(["run", str(sheet), "--batch", batch, "--yes", "--wait", "0"])


def _senders(settings: Settings) -> dict[str, str]:
    return {e.batch or "": e.actor for e in audit.entries(settings) if e.action == "run_start"}


@pytest.mark.parametrize(
    ("person", "said"),
    [
        ("fin", "fin (finance) may not send orders"),
        ("carol", "carol (approver) may not send orders"),
        ("alice", "alice is disabled and may not send orders"),
    ],
)
def test_a_run_for_an_account_that_may_not_send_sends_nothing_and_says_whom_to_ask(
    team: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    person: str,
    said: str,
) -> None:
    if person == "alice":
        accounts.set_disabled(team, "alice", True, actor="admin")
    assert _run_as(monkeypatch, person, "NOPE") == 2
    err = " ".join(capsys.readouterr().err.split())
    # the refusal never tells a finance person how to send all the same (found by newcomer8)
    assert said in err and "ask an admin" in err and "unset BULKSHIP_USER" not in err
    assert embedded_sandbox_orders(Path(os.environ["BULKSHIP_DATA_DIR"])) == []
    assert "NOPE" not in _senders(team)
    assert approvals.latest(team, "NOPE") is None  # nor an approval asked for in their name
    # ... and the trail says who tried, from where (it said nothing of it: hunter-web25)
    tried = [e for e in audit.entries(team) if e.action == "refused"]
    assert [(e.actor, e.address.startswith("command line: "), e.detail["tried"]) for e in tried] == [
        (person, True, "send orders")
    ], tried
    assert said in tried[0].detail["reason"], tried


def test_a_requester_sends_and_an_unknown_name_is_taken_at_its_word_as_the_login(
    team: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _run_as(monkeypatch, "alice", "BYALICE") == 0
    assert _run_as(monkeypatch, "nobody-here", "BYLOGIN", first=10) == 0
    assert _senders(team) == {"BYALICE": "alice", "BYLOGIN": f"cli:{getpass.getuser()}"}
    cards = [
        line
        for order in embedded_sandbox_orders(Path(os.environ["BULKSHIP_DATA_DIR"]))
        for line in order["LineItems"]
    ]
    assert len(cards) == 4


def test_track_reconcile_and_settle_follow_the_web_pages_roles(
    team: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run_as(monkeypatch, "alice", "Q4") == 0
    capsys.readouterr()
    monkeypatch.setenv("BULKSHIP_USER", "carol")  # an approver tracks and reconciles nothing on the web page
    assert main(["track", "Q4"]) == 2
    assert "carol (approver) may not track orders" in capsys.readouterr().err
    assert main(["reconcile", "Q4"]) == 2
    assert "carol (approver) may not reconcile batches" in capsys.readouterr().err
    monkeypatch.setenv("BULKSHIP_USER", "fin")  # finance tracks and reconciles, but settles nothing
    assert main(["track", "Q4"]) == 0
    assert main(["reconcile", "Q4"]) == 0
    capsys.readouterr()
    assert main(["reconcile", "Q4", "--resolve", "BS-Q4-0001", "--release", "--yes"]) == 2
    assert "fin (finance) may not settle rows waiting for review" in capsys.readouterr().err
    actions = [(e.actor, e.action) for e in audit.entries(team, batch="Q4")]
    assert ("fin", "track") in actions and ("fin", "reconcile") in actions
    assert not {a for a in actions if a[0] == "carol"} and ("fin", "review_settle") not in actions


def test_a_login_whose_account_is_disabled_sends_nothing_from_the_command_line(
    team: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review10: alice, disabled by an admin, went on sending as cli:alice (her login, without
    BULKSHIP_USER), the name her limits and approvals already count as hers."""
    login = getpass.getuser()
    accounts.add_user(team, login, "password-login", ["requester"], actor="admin")
    monkeypatch.delenv("BULKSHIP_USER", raising=False)
    sheet = write_sheet(Path("mine.csv"), range(1, 3))
    accounts.set_disabled(team, login, True, actor="admin")
    assert main(["run", str(sheet), "--batch", "MINE", "--yes", "--wait", "0"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert f"{login} is disabled and may not send orders (as cli:{login})" in err and "enable" in err
    assert embedded_sandbox_orders(Path(os.environ["BULKSHIP_DATA_DIR"])) == []
    accounts.set_disabled(team, login, False, actor="admin")  # enabled again: the same command sends
    assert main(["run", str(sheet), "--batch", "MINE", "--yes", "--wait", "0"]) == 0
    assert _senders(team) == {"MINE": f"cli:{login}"}
