"""`bulkship status` of batches tried on the embedded sandbox: every other command says 'SANDBOX — no real
orders' first, the web page on every page; the status table said nothing, its 'Total (5 batches) 3,785.81'
read as money spent by a finance person on a colleague's machine (newcomer15's N9)."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from test_money import person, write_rows

from bulkship.cli import main
from bulkship.settings import resolve_settings


def _table(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(["status", *args]) == 0
    return " ".join(capsys.readouterr().out.split())


def test_status_says_which_batches_are_sandbox_trials_under_its_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "out")
    for name, i in (("trial-a", 0), ("trial-b", 1), ("real", 2)):
        sheet = write_rows(tmp_path / f"{name}.csv", [person(i)])
        assert main(["run", str(sheet), "--batch", name, "--yes", "--wait", "0", "--out", out]) == 0

    every = _table(capsys)  # the table as printed (stdout: piped into a file too)
    assert "Total (3 batches)" in every and "75.00" in every, every
    assert "SANDBOX — no real orders: every batch above is a trial on bulkship's embedded vendor" in every
    assert "no money charged" in every, every
    one = _table(capsys, "trial-a")
    assert "SANDBOX — no real orders: this batch is a trial" in one, one

    vendor = "https://api.vendor.example"
    with contextlib.closing(sqlite3.connect(resolve_settings().ledger)) as db, db:  # sent to the vendor
        db.execute("UPDATE batches SET api = ? WHERE name = 'real'", (vendor,))
    mixed = _table(capsys)
    assert "SANDBOX — no real orders: trial-a, trial-b are trials on bulkship's embedded vendor" in mixed
    assert "every batch above" not in mixed, mixed
    assert "SANDBOX" not in _table(capsys, "real")  # the vendor's own money: no word of a trial


def test_a_stopped_server_says_its_runs_go_on_when_it_starts_again(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`bulkship serve` stopped (Ctrl-C, systemd's SIGTERM) logged 'Interrupted. What was sent is in the
    ledger: re-running the same command resumes', the command line's words: a server's runs go on when it
    starts again (hunter-web24's LO3)."""
    import bulkship.web

    def stopped(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(bulkship.web, "serve", stopped)
    assert main(["serve", "--port", "0"]) == 130
    err = " ".join(capsys.readouterr().err.split())
    assert "re-running the same command" not in err and "when bulkship serve starts again" in err, err
