"""bulkship.db on both back-ends: the engine's durability settings, migrations (a new database, a ledger
written before migrations existed, two processes upgrading at once) and the per-batch lock."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from support.forkserver import ForkServer

from bulkship.db import batch_lock, batch_lock_key, current_revision, engine_for, head, upgrade
from bulkship.errors import LedgerLockedError

LEDGER_TABLES = {"meta", "batches", "rows", "orders", "events"}
DATA = Path(__file__).parent / "data"
SAMPLES = Path(__file__).parent.parent / "samples"

# The schema bulkship 0.1 created with sqlite3 (before migrations), without the later `api` column.
PRE_MIGRATION_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE batches (name TEXT PRIMARY KEY, file_name TEXT NOT NULL, file_hash TEXT NOT NULL,
    po_prefix TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL, rows INTEGER NOT NULL DEFAULT 0,
    valid INTEGER NOT NULL DEFAULT 0, invalid INTEGER NOT NULL DEFAULT 0, output TEXT);
CREATE TABLE rows (batch TEXT NOT NULL REFERENCES batches(name), fingerprint TEXT NOT NULL,
    row INTEGER NOT NULL, status TEXT NOT NULL, po_number TEXT, line_index INTEGER, external_id TEXT,
    line_item_id TEXT, cost TEXT,
    error TEXT, line_status TEXT, carrier TEXT, tracking_number TEXT, tracking_url TEXT, shipped_date TEXT,
    delivered_date TEXT, updated TEXT NOT NULL, current INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (batch, fingerprint));
CREATE TABLE orders (po_number TEXT PRIMARY KEY, batch TEXT NOT NULL REFERENCES batches(name),
    seq INTEGER NOT NULL, base_po TEXT NOT NULL, state TEXT NOT NULL, vendor_order_id TEXT, status TEXT,
    payload TEXT NOT NULL, cost TEXT NOT NULL, lines INTEGER NOT NULL, error TEXT, created TEXT NOT NULL,
    updated TEXT NOT NULL);
CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, batch TEXT, po_number TEXT,
    kind TEXT NOT NULL, detail TEXT);
INSERT INTO meta VALUES ('schema_version', '1');
INSERT INTO batches VALUES ('B', 'staff.csv', 'h1', 'BS', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z',
    2, 2, 0, NULL);
INSERT INTO orders VALUES ('BS-B-1', 'B', 1, 'BS-B-1', 'created', 'V-1', 'Pending', '{"LineItems": []}',
    '50.00', 2, NULL, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
INSERT INTO rows (batch, fingerprint, row, status, po_number, line_index, cost, updated)
    VALUES ('B', 'f1', 2, 'ordered', 'BS-B-1', 0, '25.00', 'x'),
           ('B', 'f2', 3, 'ordered', 'BS-B-1', 1, '25.00', 'x');
INSERT INTO events (at, batch, po_number, kind, detail) VALUES ('x', 'B', 'BS-B-1', 'created', '{}');
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a ledger lives: a SQLite file, or a fresh PostgreSQL database (real server)."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.sqlite")
    return str(request.getfixturevalue("pg_url"))


def _tables(engine: sa.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names())


def test_a_new_database_gets_the_ledger_schema(location: str) -> None:
    engine = engine_for(location)
    upgrade(engine)
    upgrade(engine)  # at the newest revision: nothing to do
    assert _tables(engine) >= LEDGER_TABLES
    with engine.connect() as connection:
        assert current_revision(connection) == head()
        assert (
            connection.execute(sa.text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar() == "1"
        )
        columns = {c["name"] for c in sa.inspect(connection).get_columns("batches")}
    assert "api" in columns
    engine.dispose()


def test_events_are_numbered_in_order_on_both(location: str) -> None:
    engine = engine_for(location)
    upgrade(engine)
    with engine.begin() as connection:
        for kind in ("a", "b", "c"):
            connection.execute(sa.text("INSERT INTO events(at, kind) VALUES ('t', :k)"), {"k": kind})
    with engine.connect() as connection:
        found = connection.execute(sa.text("SELECT id, kind FROM events ORDER BY id")).all()
    assert [kind for _id, kind in found] == ["a", "b", "c"]
    assert [row_id for row_id, _kind in found] == sorted({row_id for row_id, _kind in found})
    engine.dispose()


def test_sqlite_engine_keeps_the_ledgers_durability(tmp_path: Path) -> None:
    engine = engine_for(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_sqlite_transactions_take_the_write_lock_at_begin(tmp_path: Path) -> None:
    """BEGIN IMMEDIATE: while one transaction is open, another writer is refused at BEGIN (not half-way)."""
    path = tmp_path / "ledger.sqlite"
    engine = engine_for(path)
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(sa.text("SELECT 1"))  # a read only, yet the write lock is held
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()
    engine.dispose()


def _dump(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return list(db.iterdump())


def _everything(path: Path) -> tuple[set[tuple[str, ...]], dict[str, list[tuple[object, ...]]]]:
    """A SQLite database's schema (every object's SQL) and every table's rows, however a Python dumps them."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        schema = set(db.execute("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master"))
        tables = [name for kind, name, _, _ in schema if kind == "table"]
        return schema, {t: db.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}


def test_a_new_sqlite_ledger_is_what_the_migrations_make_without_running_them_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the shipped dump, a process's first new ledger runs the migrations (~20 ms); the next ones
    replay its dump. Same schema and rows; a database holding anything is still Alembic's."""
    from bulkship.db import migrate, newledger

    monkeypatch.setattr(newledger, "_dumps", {})
    monkeypatch.setattr(newledger, "SHIPPED", tmp_path / "none.json")
    first = engine_for(tmp_path / "first.sqlite")
    upgrade(first)
    adopted = tmp_path / "adopted.sqlite"  # a ledger from before migrations: kept, upgraded in place
    with contextlib.closing(sqlite3.connect(adopted)) as old:
        old.executescript(PRE_MIGRATION_SCHEMA)
    upgrade(engine_for(adopted))
    assert _contents(adopted)["batches"] and _dump(adopted) != _dump(tmp_path / "first.sqlite")
    monkeypatch.setattr(migrate._scripts(), "run_env", lambda: pytest.fail("the migrations ran again"))
    second = engine_for(tmp_path / "second.sqlite")
    upgrade(second)
    assert _dump(tmp_path / "second.sqlite") == _dump(tmp_path / "first.sqlite")
    with second.begin() as connection:
        assert current_revision(connection) == head()
        connection.execute(sa.text("INSERT INTO events(at, kind) VALUES ('x', 'first')"))
        assert connection.execute(sa.text("SELECT id FROM events")).scalars().all() == [1]


def test_the_shipped_new_ledger_is_what_the_migrations_make_and_identifies_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process's first new ledger comes from bulkship/db/migrations/sqlite_head.json, without importing
    Alembic (~0.3 s of CPU). Fails after a new migration until `python -m bulkship.db.newledger` writes it."""
    from bulkship.db import migrate, newledger

    monkeypatch.setattr(newledger, "_dumps", {})
    monkeypatch.setattr(migrate._scripts(), "run_env", lambda: pytest.fail("the migrations ran"))
    upgrade(engine_for(tmp_path / "shipped.sqlite"))
    monkeypatch.undo()
    migrated = tmp_path / "migrated.sqlite"
    with contextlib.closing(sqlite3.connect(migrated)) as db:
        db.executescript("\n".join(migrate.migrated_dump()))
    assert _everything(tmp_path / "shipped.sqlite") == _everything(migrated), (
        "a new migration: run python -m bulkship.db.newledger"
    )
    # Ledgers made from one dump share no identity: a new ledger's only rows say its revision and schema
    # version. A migration writing anything else (an id, a secret) must make it per ledger, and say so here.
    _, rows = _everything(migrated)
    assert {t: r for t, r in rows.items() if r} == {
        "alembic_version": [(head(),)],
        "meta": [("schema_version", "1")],
    }


def test_a_ledger_from_before_migrations_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    old = sqlite3.connect(path)
    old.executescript(PRE_MIGRATION_SCHEMA)
    old.close()
    engine = engine_for(path)
    upgrade(engine)
    with engine.connect() as connection:
        assert current_revision(connection) == head()
        assert connection.execute(sa.text("SELECT count(*) FROM rows")).scalar() == 2
        assert connection.execute(sa.text("SELECT state, vendor_order_id FROM orders")).one() == (
            "created",
            "V-1",
        )
        assert connection.execute(sa.text("SELECT name, api FROM batches")).one() == ("B", None)
        indexes = {i["name"] for i in sa.inspect(connection).get_indexes("orders")}
        connection.execute(sa.text("INSERT INTO events(at, kind) VALUES ('y', 'later')"))
        ids = connection.execute(sa.text("SELECT id FROM events ORDER BY id")).scalars().all()
    assert {"orders_by_batch_state", "orders_by_vendor_id", "orders_by_base"} <= indexes
    assert ids == [1, 2]
    engine.dispose()


def _contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return {t: db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in LEDGER_TABLES}


def test_a_ledger_written_by_bulkship_0_1_upgrades_in_place_and_resumes(tmp_path: Path) -> None:
    """tests/data/ledger-0.1.sqlite was written by bulkship before migrations (sqlite3, its own DDL):
    `bulkship run samples/direct-mail.csv --batch "Anniversary 2026"` against the embedded sandbox, 50 rows
    in 2 orders. Opened now, it is upgraded in place: every row kept as it was; the same run sends nothing."""
    from bulkship.ledger import Ledger
    from bulkship.pipeline import run_batch
    from bulkship.settings import Settings

    path = tmp_path / "ledger.sqlite"
    shutil.copyfile(DATA / "ledger-0.1.sqlite", path)
    before = _contents(path)
    with Ledger.open(path) as ledger:
        assert [b.name for b in ledger.batches()] == ["Anniversary 2026"]
        assert ledger.row_counts("Anniversary 2026") == {"ordered": 50}
        assert ledger.order_counts("Anniversary 2026") == {"created": 2}
    after = _contents(path)
    assert after["batches"] == before["batches"] and after["rows"] == before["rows"]
    assert after["orders"] == before["orders"] and after["events"] == before["events"]
    engine = engine_for(path)
    with engine.connect() as connection:
        assert current_revision(connection) == head()
    engine.dispose()
    with contextlib.closing(sqlite3.connect(path)) as db, db:  # never a file of this machine's
        db.execute("UPDATE batches SET output = ?", (str(tmp_path / "gone" / "results.xlsx"),))
    settings = Settings(data_dir=tmp_path / "data", ledger_path=path, out_dir=tmp_path / "out")
    result = run_batch(SAMPLES / "direct-mail.csv", settings, batch="Anniversary 2026", wait_s=0)
    # its result workbook (in /tmp/oldrun on the machine that wrote it) is gone: written again
    assert not result.already_complete and result.sent_orders == 0 and result.ordered_rows == 50
    assert _contents(path)["orders"] == before["orders"]
    assert result.output is not None and result.output.exists()
    again = run_batch(SAMPLES / "direct-mail.csv", settings, batch="Anniversary 2026", wait_s=0)
    assert again.already_complete and again.sent_orders == 0


def test_processes_upgrading_at_once_upgrade_once(location: str, bulkship_forks: ForkServer) -> None:
    script = "import sys; from bulkship.db import engine_for, upgrade; upgrade(engine_for(sys.argv[1]))"
    children = [bulkship_forks.popen([location], code=script) for _ in range(2)]  # processes of their own
    assert [child.wait(timeout=120) for child in children] == [0, 0]
    engine = engine_for(location)
    with engine.connect() as connection:
        assert current_revision(connection) == head()
        assert connection.execute(sa.text("SELECT count(*) FROM meta")).scalar() == 1
    engine.dispose()


def test_batch_lock_keys_are_stable_64_bit_numbers() -> None:
    assert batch_lock_key("Anniversary 2026") == batch_lock_key("Anniversary 2026")
    assert batch_lock_key("Anniversary 2026") != batch_lock_key("Anniversary 2027")
    assert -(2**63) <= batch_lock_key("x") < 2**63
    assert batch_lock_key("x") == 533021594565830562  # the same on every machine: a hash, not hash()


def test_a_second_process_is_refused_the_same_batch_but_not_another(pg_url: str) -> None:
    engine = engine_for(pg_url)
    hold = (
        "import sys, time; from bulkship.db import engine_for, batch_lock\n"
        "with batch_lock(engine_for(sys.argv[1]), 'Anniversary'):\n"
        "    print('held', flush=True); sys.stdin.readline()\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", hold, pg_url], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(LedgerLockedError) as refused, batch_lock(engine, "Anniversary"):
        pytest.fail("two processes held one batch")
    message = str(refused.value)
    assert "\n" not in message
    assert "batch 'Anniversary'" in message and f"pid {holder.pid}" in message
    with batch_lock(engine, "Welcome"):  # another batch runs at the same time
        pass
    holder.kill()  # SIGKILL: the server drops the lock with the session
    holder.wait()
    deadline = time.monotonic() + 60
    while True:
        try:
            with batch_lock(engine, "Anniversary"):
                break
        except LedgerLockedError:
            engine.dispose()
            if time.monotonic() > deadline:
                pytest.fail("the lock of a killed process was never released")
            time.sleep(0.05)  # the server notices the closed connection
    engine.dispose()


def test_batch_lock_on_sqlite_takes_nothing(tmp_path: Path) -> None:
    engine = engine_for(tmp_path / "ledger.sqlite")
    with batch_lock(engine, "B"), batch_lock(engine, "B"):  # the ledger's lock file guards a SQLite ledger
        pass
    engine.dispose()


def test_the_newest_revision_is_read_as_alembic_reads_it() -> None:
    from bulkship.db.migrate import _alembic_head

    assert head() == _alembic_head()


def test_opening_an_up_to_date_ledger_leaves_alembic_unloaded(tmp_path: Path) -> None:
    """Alembic is imported to upgrade, not at every open (it costs more than the open: every command pays)."""
    engine = engine_for(tmp_path / "ledger.sqlite")
    upgrade(engine)
    engine.dispose()
    script = (
        "import sys; from bulkship.ledger import Ledger\n"
        "with Ledger.open(sys.argv[1], lock=False) as ledger: ledger.batches()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "ledger.sqlite")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_ledger_a_newer_bulkship_upgraded_is_refused_in_one_line_and_left_as_it_is(
    location: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-web10: a team's PostgreSQL ledger upgraded by a newer bulkship on one machine (a
    revision this one does not know) ended every command of an older bulkship on another, and `serve` at
    its start, in Alembic's traceback "Can't locate revision identified by '0099'"."""
    from bulkship.cli import main

    engine = engine_for(location)
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))
    monkeypatch.setenv("BULKSHIP_LEDGER", location)
    sheet = tmp_path / "list.csv"
    sheet.write_text("Name,Street,City,State,Zip,Card,Amount\nKim Ray,11 Elm St,Boston,MA,02108,CVS,25\n")
    for command in (["run", str(sheet), "--yes", "--wait", "0"], ["serve", "--port", "0"]):
        assert main(command) != 0
        said = capsys.readouterr().err
        assert "Traceback" not in said
        assert (
            "was upgraded by a newer bulkship (its schema is at revision 0099, this bulkship knows revisions"
            f" up to {head()}): nothing was read or changed" in " ".join(said.split())
        )
    with engine.connect() as connection:
        assert current_revision(connection) == "0099"
        assert connection.execute(sa.text("SELECT count(*) FROM batches")).scalar() == 0
    engine.dispose()


def test_a_password_holding_an_at_sign_then_a_slash_connects_without_a_database_named(
    postgres_cluster,
) -> None:
    """found by hunter-hostile7 (hunter-hostile6's LO2): 'postgresql://postgres:Ab@SE/CRET@127.0.0.1:PORT'
    (a password holding '@' then '/', no database named) asked host 'SE', a piece of the password, for a
    database 'CRET@127.0.0.1:PORT'. It reaches the server named after the last '@' and the user's database
    (the cluster trusts its user: the password is not checked, only where the connection goes)."""
    url = f"postgresql://postgres:Ab@SE/CRET@127.0.0.1:{postgres_cluster.port}"
    engine = engine_for(url)
    try:
        with engine.connect() as connection:
            assert connection.execute(sa.text("select current_database()")).scalar() == "postgres"
    finally:
        engine.dispose()
