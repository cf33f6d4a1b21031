"""The first account turns team mode on with an approval threshold of 0.00: every batch then waits for an
approver. `users add` says so and how to change it, and a run that asks for approval while no active account
(but the one asking) holds the approver role says that nobody can approve it, and what to do."""

from __future__ import annotations

import getpass
import io
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support import embedded_sandbox_orders, write_sheet

from bulkship.cli import main
from bulkship.settings import Settings, resolve_settings
from bulkship.team import approvals, store

pytestmark = pytest.mark.usefixtures("quick_hashes")  # argon2's cheapest parameters


@pytest.fixture
def settings() -> Iterator[Settings]:
    yield resolve_settings()
    store.forget_engines()


@pytest.fixture
def said(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., tuple[int, str]]:
    """``bulkship ARGS`` (a password piped on stdin): its exit code and what it said, on one line."""

    def run(*args: str) -> tuple[int, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO("a long password\n"))
        code = main(list(args))
        return code, " ".join(capsys.readouterr().err.split())

    return run


def _run(sheet: Path) -> list[str]:
    return ["run", str(sheet), "--batch", "Q4", "--yes", "--wait", "0"]


def test_the_first_account_says_every_batch_now_needs_an_approver_and_how_to_change_it(
    settings: Settings, said: Callable[..., tuple[int, str]]
) -> None:
    code, text = said("users", "add", "dana", "--role", "admin")
    assert code == 0
    assert (
        "The approval threshold is 0.00: every batch (from the web page and from `bulkship run`) waits"
        in text
    )
    assert "no one holds the approver role yet" in text
    assert "bulkship users add NAME --role approver" in text and "bulkship users settings --threshold" in text


def test_a_run_waiting_for_an_approver_nobody_is_says_so_and_how_to_fix_it(
    settings: Settings, said: Callable[..., tuple[int, str]]
) -> None:
    assert said("users", "add", "dana", "--role", "admin")[0] == 0
    assert said("users", "add", "lee", "--role", "approver")[0] == 0
    assert said("users", "disable", "lee")[0] == 0  # an approver who cannot sign in approves nothing
    sheet = write_sheet(Path("staff.csv"), range(1, 4))
    code, text = said(*_run(sheet))
    me = f"cli:{getpass.getuser()}"
    assert code == 1
    assert (
        f"request #1 waits for an approver, and no active account other than {me} holds the approver role"
        in text
    )
    assert "add an approver: bulkship users add NAME --role approver" in text
    assert "(the threshold is 0.00): bulkship users settings --threshold AMOUNT" in text
    assert embedded_sandbox_orders(Path(os.environ["BULKSHIP_DATA_DIR"])) == []

    assert said("users", "enable", "lee")[0] == 0  # now someone can: the usual words
    code, text = said(*_run(sheet))
    assert code == 1 and "nobody can approve" not in text
    assert "an approver approves it on the web page (Approvals)" in text

    assert said("users", "settings", "--threshold", "1000")[0] == 0  # the other way out: a threshold
    assert said(*_run(sheet))[0] == 0
    assert approvals.latest(settings, "Q4") is not None
    assert len(embedded_sandbox_orders(Path(os.environ["BULKSHIP_DATA_DIR"]))) == 1


def test_the_only_approver_running_from_the_command_line_under_his_login_hears_nobody_can_approve(
    settings: Settings, said: Callable[..., tuple[int, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review10: lee, the only approver, ran a batch as cli:lee (his login). He may not approve his
    own request (4350e92), yet the run said an approver approves it on the web page."""
    assert said("users", "add", "dana", "--role", "admin")[0] == 0
    assert said("users", "add", "lee", "--role", "approver")[0] == 0
    monkeypatch.setattr("bulkship.team.approvals.os_login", lambda: "lee")
    code, text = said(*_run(write_sheet(Path("staff.csv"), range(1, 4))))
    assert code == 1 and "nobody can approve it" in text, text
