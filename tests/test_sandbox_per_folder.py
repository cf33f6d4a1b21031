"""The embedded sandbox keeps its orders in the data folder, while a team's ledger is shared: found by
newcomer11 trying the README's team on one PostgreSQL ledger, the web page sending from one machine and
finance reconciling from another. `bulkship reconcile` read 'vendor 0 orders, 0.00 / Ledger only ... the
vendor does not list it / Totals differ ... Differences found' and `bulkship track` 'the vendor has no order
...', and nothing said why or what a team trying it out does instead."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support import write_sheet

from bulkship.cli import main

WHY = "The embedded sandbox keeps its orders in this data folder only"


def _sent_from_another_machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A batch sent through the embedded sandbox of one data folder; then this test is the other machine,
    with a data folder of its own and the same ledger. Returns that ledger."""
    ledger = tmp_path / "team-ledger.sqlite"
    monkeypatch.setenv("BULKSHIP_LEDGER", str(ledger))
    monkeypatch.setenv("BULKSHIP_OUT", str(tmp_path / "out"))
    monkeypatch.setenv("BULKSHIP_DATA_DIR", str(tmp_path / "web-server"))
    sheet = write_sheet(tmp_path / "staff.csv", [1, 2, 3])
    assert main(["run", str(sheet), "--yes", "--wait", "0"]) == 0
    monkeypatch.setenv("BULKSHIP_DATA_DIR", str(tmp_path / "finance-laptop"))
    return ledger


def test_reconciling_a_batch_another_data_folder_s_sandbox_sent_says_why_the_vendor_lists_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _sent_from_another_machine(tmp_path, monkeypatch)
    capsys.readouterr()
    assert main(["reconcile", "staff"]) == 1  # it differs: the ledger's orders are not in this sandbox
    said = " ".join(capsys.readouterr().err.split())
    assert "Ledger only" in said and WHY in said, said
    assert str(tmp_path / "finance-laptop" / "sandbox.sqlite") in said, said
    assert "run one `bulkship sandbox --state FILE`" in said and "BULKSHIP_API_URL" in said, said


def test_tracking_a_batch_another_data_folder_s_sandbox_sent_says_why_the_vendor_has_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _sent_from_another_machine(tmp_path, monkeypatch)
    capsys.readouterr()
    main(["track", "staff"])
    said = " ".join(capsys.readouterr().err.split())
    assert "the vendor has no order" in said and WHY in said, said


def test_the_sandbox_s_own_orders_reconcile_without_that_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _sent_from_another_machine(tmp_path, monkeypatch)
    monkeypatch.setenv("BULKSHIP_DATA_DIR", str(tmp_path / "web-server"))  # back on the machine that sent it
    capsys.readouterr()
    assert main(["reconcile", "staff"]) == 0
    assert main(["track", "staff"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "Everything matches." in said and WHY not in said, said


def test_the_sandbox_s_file_being_made_reads_as_the_sandbox_s_to_a_reading_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-hostile11 uploading eight lists at once to a new `bulkship serve`: one upload's
    Columns page said 'sandbox.sqlite is no sandbox state (a ledger, a workbook or another file)' with
    'Delete this batch' (its reading looked at the sandbox's file while another reading made it: some of
    its tables made, not the others), though nothing was wrong and the same page read again was fine. The
    tables are made in one transaction: a reading beside it sees none (being made) or all of them."""
    import sqlite3

    from bulkship.errors import ConfigError
    from bulkship.sandbox import store

    path = tmp_path / "sandbox.sqlite"
    connect = sqlite3.connect
    seen: list[str] = []

    def look(statement: str) -> None:  # what another reading finds as each table is made
        if statement.lstrip().upper().startswith("CREATE"):
            try:
                store.refuse_unless_state(path, "left as it is", hint="")
                seen.append("the sandbox's")
            except ConfigError as refused:
                seen.append(str(refused))

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        db = connect(*args, **kwargs)
        if args and args[0] == str(path):  # the store's (the look opens the file read-only)
            db.set_trace_callback(look)
        return db

    monkeypatch.setattr(store.sqlite3, "connect", traced)
    store.Store(path).close()
    assert len(seen) >= 5 and set(seen) == {"the sandbox's"}, seen


def test_finance_reading_a_colleague_s_trial_with_its_ledger_is_told_the_sandbox_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer22 following the README's finance row: `bulkship reconcile NAME --ledger PATH` of a
    colleague's trial (its data folder holding ledger.sqlite and sandbox.sqlite) read 'Totals differ ...
    Differences found', and the note told how to set up a shared sandbox, not the one setting (which the
    README gives) that compares with the sandbox beside that ledger."""
    colleague = tmp_path / "colleague"
    monkeypatch.setenv("BULKSHIP_DATA_DIR", str(colleague))
    monkeypatch.setenv("BULKSHIP_OUT", str(tmp_path / "out"))
    assert main(["run", str(write_sheet(tmp_path / "staff.csv", [1, 2, 3])), "--yes", "--wait", "0"]) == 0
    monkeypatch.setenv("BULKSHIP_DATA_DIR", str(tmp_path / "finance"))
    ledger = str(colleague / "ledger.sqlite")
    capsys.readouterr()
    assert main(["reconcile", "staff", "--ledger", ledger]) == 1
    said = " ".join(capsys.readouterr().err.split())
    beside = colleague / "sandbox.sqlite"
    assert (
        f"The ledger's own folder holds the embedded sandbox its trials were sent through ({beside}): "
        f"run the same command with BULKSHIP_SANDBOX_STATE={beside} to compare with it." in said
    ), said
    monkeypatch.setenv("BULKSHIP_SANDBOX_STATE", str(beside))  # as it says
    assert main(["reconcile", "staff", "--ledger", ledger]) == 0
    assert "Everything matches." in capsys.readouterr().err
