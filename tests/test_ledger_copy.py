"""``bulkship ledger copy --to postgresql://…``: a single user's SQLite ledger becomes a team's, everything
copied (orders, rows, events, people, approvals, audit trail) and checked by counts; a target that holds
anything is refused before a row is written; after the copy, a re-run on PostgreSQL sends nothing twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from support import embedded_sandbox_orders, write_sheet

from bulkship.cli import main
from bulkship.db import engine_for
from bulkship.ledger import Ledger
from bulkship.settings import resolve_settings
from bulkship.team import accounts, approvals, audit, store

pytestmark = pytest.mark.usefixtures("quick_hashes")  # argon2's cheapest parameters


def counts(location: str | Path) -> dict[str, int]:
    engine = engine_for(location)
    try:
        with engine.connect() as db:
            names = [n for n in sa.inspect(db).get_table_names() if n != "alembic_version"]
            return {n: db.execute(sa.text(f'SELECT count(*) FROM "{n}"')).scalar_one() for n in names}
    finally:
        engine.dispose()


def test_a_single_users_ledger_moves_to_postgresql_whole_and_runs_on_there(
    pg_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = resolve_settings()
    sheet = write_sheet(Path("staff.csv"), range(1, 6))
    assert main(["run", str(sheet), "--batch", "Q4", "--yes", "--wait", "0", "--max-lines", "2"]) == 0
    accounts.add_user(settings, "dana", "password-dana", ["admin"], actor="test")
    accounts.add_user(settings, "sam", "password-sam", ["requester"], actor="test")
    approvals.set_threshold(settings, "10", actor="dana")
    more = write_sheet(Path("more.csv"), range(10, 12))
    assert main(["run", str(more), "--batch", "HR", "--yes", "--wait", "0"]) == 1  # waits for an approver
    capsys.readouterr()
    before = counts(settings.ledger)
    store.forget_engines()

    assert main(["ledger", "copy", "--to", pg_url, "--json"]) == 0
    copied = json.loads(capsys.readouterr().out)["tables"]
    assert copied == before  # every table, as many rows as the SQLite ledger has
    assert {"orders", "rows", "events", "batches", "team_users", "approval_requests", "audit_trail"} <= set(
        copied
    )
    assert copied["orders"] == 4 and copied["rows"] == 7 and copied["team_users"] == 2  # 3 sent, 1 planned
    after = counts(pg_url)
    # + the copy's own line, and its source in meta ('copied_from': track rewrites the workbooks naming it)
    assert after == {**before, "audit_trail": before["audit_trail"] + 1, "meta": before["meta"] + 1}
    assert counts(settings.ledger) == before  # the SQLite file is left as it was

    # the team now works on PostgreSQL: a re-run finds everything ordered, the approval waits there
    monkeypatch.setenv("BULKSHIP_LEDGER", pg_url)
    team = resolve_settings()
    assert main(["run", str(sheet), "--batch", "Q4", "--yes", "--wait", "0", "--max-lines", "2"]) == 0
    assert len(embedded_sandbox_orders(settings.data_dir)) == 3
    waiting = approvals.latest(team, "HR")
    assert waiting is not None and waiting.state == "pending" and waiting.requested_by.startswith("cli:")
    copy_line = audit.entries(team)[-1]  # a re-run that sends nothing adds no line
    assert copy_line.action == "ledger_copy" and copy_line.detail["rows"] == sum(before.values())
    assert accounts.authenticate(team, "sam", "password-sam").name == "sam"
    audit.record(team, "check", actor="test")  # the trail's ids go on after the copied ones
    assert [e.action for e in audit.entries(team)][-1] == "check"
    # ... and a person added to the list is sent: its result workbook, which names the SQLite ledger it was
    # written from, is this ledger's (found by newcomer3: every run after the copy was refused as another's)
    write_sheet(sheet, range(1, 7))
    approvals.set_threshold(team, "10000", actor="dana")  # sent without waiting for an approver
    assert main(["run", str(sheet), "--batch", "Q4", "--yes", "--wait", "0", "--max-lines", "2"]) == 0
    assert len(embedded_sandbox_orders(settings.data_dir)) == 4
    store.forget_engines()


def test_a_target_holding_anything_is_refused_and_left_alone(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = write_sheet(Path("staff.csv"), range(1, 3))
    assert main(["run", str(sheet), "--batch", "Q4", "--yes", "--wait", "0"]) == 0
    assert main(["ledger", "copy", "--to", pg_url]) == 0
    capsys.readouterr()
    held = counts(pg_url)
    assert main(["ledger", "copy", "--to", pg_url]) == 2  # a second copy: refused, nothing doubled
    err = capsys.readouterr().err
    assert "is not empty" in err and "nothing was copied" in err and "Traceback" not in err
    assert counts(pg_url) == held
    with Ledger.open(resolve_settings().ledger):  # a run of the SQLite ledger is going on
        assert main(["ledger", "copy", "--to", pg_url]) == 1
    assert "Another bulkship process" in capsys.readouterr().err
    assert main(["ledger", "copy", "--to", "elsewhere.sqlite"]) == 2
    assert "must be a PostgreSQL database" in capsys.readouterr().err
    assert main(["ledger", "copy", "--to", pg_url, "--from", "no-such.sqlite"]) == 2
    assert "No SQLite ledger" in capsys.readouterr().err


def test_the_next_step_it_prints_holds_no_password_to_paste_back() -> None:
    from bulkship.cli.ledger_cmd import _without_password

    # a masked "***" pasted back into BULKSHIP_LEDGER would become the password
    assert _without_password("postgresql://bulkship:s3cret@db.example.com:5433/gifts") == (
        "postgresql://bulkship@db.example.com:5433/gifts"
    )
    assert _without_password("postgresql://bulkship@db/gifts") == "postgresql://bulkship@db/gifts"


def test_a_source_that_is_no_ledger_is_refused_and_left_as_it_was(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review21: 'ledger copy --from <data folder>/sandbox.sqlite' (the wrong file of the folder)
    added the ledger's tables to the sandbox's state before the copy failed, and the sandbox refused that file
    ever after ('is no sandbox state'). A source without a ledger's tables is refused, unchanged, before
    anything is opened for writing."""
    from bulkship.cli import main
    from bulkship.sandbox import Sandbox, SandboxConfig

    state = tmp_path / "sandbox.sqlite"
    with Sandbox(SandboxConfig(state_file=state)):
        pass
    other = tmp_path / "notes.sqlite"
    other.write_bytes(b"")
    for source in (state, other):
        before = source.read_bytes()
        code = main(["ledger", "copy", "--from", str(source), "--to", "postgresql://bob@127.0.0.1:1/db"])
        err = " ".join(capsys.readouterr().err.split())
        assert code == 2 and "is no bulkship ledger" in err and "nothing was changed" in err, err
        assert source.read_bytes() == before
    with Sandbox(SandboxConfig(state_file=state)) as sandbox:  # still the sandbox's own
        assert sandbox.orders() == []


def test_a_copy_that_cannot_reach_the_database_says_what_to_check(
    isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer11 following the README's team section (password in ~/.pgpass): a copy into a
    database the ~/.pgpass line did not name read 'Copy to postgresql://bulkship@127.0.0.1:8650/nosuchdb
    failed, nothing was copied: connection failed: ... fe_sendauth: no password supplied', nothing more."""
    sheet = write_sheet(Path("staff.csv"), [1, 2])
    assert main(["run", str(sheet), "--yes", "--wait", "0"]) == 0
    capsys.readouterr()
    assert main(["ledger", "copy", "--to", "postgresql://bob@127.0.0.1:1/db"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "nothing was copied" in err and "check the server, the database name" in err, err
    assert "~/.pgpass" in err, err


@pytest.mark.parametrize(
    "source",
    [
        "host=127.0.0.1 port=1 user=bob password=SECRETPW dbname=gifts",
        "postgresql:/bob:SECRETPW@127.0.0.1:1/gifts",
        "postgresql://bob:SECRETPW@127.0.0.1:1/gifts",
    ],
)
def test_a_postgresql_ledger_named_as_the_source_is_refused_without_its_password(
    source: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-hostile7: `ledger copy --from 'host=... password=SECRETPW ...'` (the team's database
    named where the SQLite file goes) said 'No SQLite ledger at host=... password=SECRETPW ... to copy'."""
    assert main(["ledger", "copy", "--from", source, "--to", "postgresql://bob@127.0.0.1:1/db"]) == 2
    out, err = capsys.readouterr()
    assert "No SQLite ledger at" in err and "***" in err, err
    assert "SECRET" not in out + err and "Traceback" not in err, err
