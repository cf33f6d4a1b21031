"""The ledger's schema, brought up to date by Alembic from inside the package (no alembic.ini to find).

:func:`upgrade` runs at every ledger open. When the database is already at the newest revision it is one
small read; otherwise the upgrade runs in one transaction under a lock (SQLite: ``BEGIN IMMEDIATE``;
PostgreSQL: a transaction-scoped advisory lock), so two processes opening a ledger at once upgrade it once.
A ledger written before migrations existed is adopted in place by revision 0001 (its tables and rows kept).

New revisions go in ``bulkship/db/migrations/versions/`` (``rNNNN_what.py``, ``revision = "NNNN"``,
``down_revision`` the previous one); :func:`heads` must stay a single revision. Then write the new SQLite
ledger's dump again (``python -m bulkship.db.newledger``, see :mod:`.newledger`): until then new SQLite
ledgers are made by Alembic, and tests/test_db.py says so.
"""

from __future__ import annotations

import functools
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

from ..errors import NewerLedgerError
from . import newledger
from .location import display_url

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")
# pg_advisory_xact_lock key for schema upgrades (a batch lock key is a hash: it cannot collide in practice)
UPGRADE_LOCK_KEY = 0x62756C6B_73686970  # "bulkship"
_REVISION = re.compile(r"""^revision(?::[^=\n]*)?\s*=\s*["']([^"']+)["']""", re.M)
_DOWN = re.compile(r"""^down_revision(?::[^=\n]*)?\s*=\s*(?:["']([^"']+)["']|(None))\s*$""", re.M)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@functools.cache
def head() -> str:
    """The newest revision shipped with this bulkship. Read from the revision files' ``revision`` and
    ``down_revision`` lines, as Alembic reads them (without importing Alembic at every ledger open); when a
    file says more than that (a merge), Alembic itself decides."""
    parents = _parents()
    if parents is None:
        return _alembic_head()
    heads = set(parents) - set(parents.values())
    return heads.pop() if len(heads) == 1 else _alembic_head()


@functools.cache
def known_revisions() -> frozenset[str]:
    """Every revision shipped with this bulkship (a ledger at another one was upgraded by a newer one)."""
    parents = _parents()
    if parents is None:
        return frozenset(str(script.revision) for script in _scripts().walk_revisions())
    return frozenset(parents)


@functools.cache
def _parents() -> dict[str, str | None] | None:
    """Each revision file's revision -> its ``down_revision``; None when a file says more than that."""
    parents: dict[str, str | None] = {}
    for path in (MIGRATIONS / "versions").glob("*.py"):
        if path.name.startswith("__"):  # the package's __init__.py: Alembic skips it too
            continue
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision is None or down is None:
            return None
        parents[revision.group(1)] = down.group(1)
    return parents


@functools.cache
def _scripts() -> ScriptDirectory:
    """The revision files as Alembic reads them, once per process (each new ledger is upgraded from them)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def _alembic_head() -> str:
    heads = _scripts().get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"bulkship's migrations must have one head, found {heads}")
    return str(heads[0])


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at (None: never migrated, e.g. a new file or a pre-migration ledger).
    ``connection`` must be in autocommit mode (a failed read would spoil a PostgreSQL transaction)."""
    try:
        found = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except SQLAlchemyError:
        return None
    return found[0] if len(found) == 1 else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database behind ``engine`` to ``revision`` (by default the newest)."""
    if revision == "head":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as reader:
            current = current_revision(reader)
        if current == head():
            return
        if current is not None and current not in known_revisions():
            raise _newer_ledger(engine, current)
        if engine.dialect.name == "sqlite" and newledger.create(engine, head()):
            return
    made = _migrate(engine, revision)
    if made is not None:
        newledger.remember(head(), made)


def _newer_ledger(engine: Engine, revision: str) -> NewerLedgerError:
    """A ledger a newer bulkship upgraded (a team's PostgreSQL shared by machines not all upgraded yet): an
    older bulkship ended every command, and ``serve`` at its start, in Alembic's traceback "Can't locate
    revision identified by '0004'" (found by hunter-web10). It is refused, changing nothing: its newer
    schema may hold what this bulkship would not keep (a sign-in lock, an approval rule)."""
    where = display_url(engine.url.render_as_string(hide_password=True))
    return NewerLedgerError(
        f"The ledger {where} was upgraded by a newer bulkship (its schema is at revision {revision}, this "
        f"bulkship knows revisions up to {head()}): nothing was read or changed",
        hint="upgrade bulkship on this machine to the version the others use (pip install -U bulkship)",
    )


def migrated_dump() -> tuple[str, ...]:
    """What the migrations leave in a new SQLite database (see :mod:`.newledger`)."""
    from .engine import engine_for

    with tempfile.TemporaryDirectory() as folder:
        engine = engine_for(Path(folder) / "new.sqlite")
        try:
            made = _migrate(engine, "head")
        finally:
            engine.dispose()
    assert made is not None
    return made


def _migrate(engine: Engine, revision: str) -> tuple[str, ...] | None:
    """Alembic's upgrade; a new SQLite database's dump afterwards (else None)."""
    # Alembic only to upgrade: importing it costs more than the open itself
    from alembic.runtime.environment import EnvironmentContext

    scripts = _scripts()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK_KEY})
        new = connection.dialect.name == "sqlite" and revision == "head" and newledger.is_empty(connection)
        # what alembic.command.upgrade does, with the revision files read once per process instead of at
        # every upgrade (a third of the time a new ledger took)
        with EnvironmentContext(
            alembic_config(connection),
            scripts,
            fn=lambda current, _context: scripts._upgrade_revs(revision, current),
            destination_rev=revision,
        ):
            scripts.run_env()
        return newledger.dump(connection) if new else None
