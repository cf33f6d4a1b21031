"""A ledger or sandbox state that can no longer be written (a full disk, seen live on a 1 MB tmpfs): one error
saying what to do, never a traceback hiding it. The database's refusal is real (SQLite's authorizer denies the
statement a full disk would fail), the code paths the ones a run takes."""

from __future__ import annotations

import sqlite3

import pytest

from bulkship.errors import LedgerError
from bulkship.ledger import Ledger
from bulkship.sandbox import Sandbox, SandboxConfig


def _deny(*words: str):
    def authorizer(action: int, arg1: str | None, *rest: object) -> int:
        if action in (sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE) and "write" in words:
            return sqlite3.SQLITE_DENY
        if action == sqlite3.SQLITE_TRANSACTION and arg1 in words:
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    return authorizer


def test_a_sandbox_state_that_cannot_be_written_at_close_hides_nothing(tmp_path):
    # found by hunter-ops1: the data folder on a full disk ended 'bulkship run' in a traceback
    # (sqlite3.OperationalError: database or disk is full, from the embedded sandbox's close) that hid the
    # run's own one-line error 'Cannot commit to the ledger ...'
    sandbox = Sandbox(SandboxConfig(state_file=tmp_path / "sandbox.sqlite"))
    sandbox.store.db.set_authorizer(_deny("write"))
    sandbox.close()  # no exception: when it was last open is only a hint for its clock
    with pytest.raises(sqlite3.ProgrammingError):
        sandbox.store.db.execute("SELECT 1")  # closed all the same


@pytest.mark.parametrize("refused", ["BEGIN", "COMMIT"])
def test_a_ledger_that_cannot_commit_says_what_to_do(tmp_path, refused):
    # 'Error: Cannot commit to the ledger ...: database or disk is full' said nothing of what to do, nor
    # that a re-run sends nothing twice
    with Ledger.open(tmp_path / "ledger.sqlite") as ledger:
        ledger._db.connection.dbapi_connection.set_authorizer(_deny(refused))
        with pytest.raises(LedgerError) as raised, ledger.transaction():
            pass
    assert "ledger.sqlite" in str(raised.value)
    assert raised.value.hint and "run the same command again" in raised.value.hint
    assert "never sent twice" in raised.value.hint
