"""A throwaway PostgreSQL server for the tests, from the system's PostgreSQL binaries (never a mock).

One cluster per test process (each pytest-xdist worker starts its own, the first time a test asks for it):
``initdb`` into a folder under /dev/shm, ``fsync=off`` (nothing here is about surviving a power cut),
listening on 127.0.0.1 only at a free port, with its socket in that folder; stopped and removed when the
session ends.
``initdb`` refuses to run as root, so under root the cluster belongs to the ``postgres`` user
(``runuser -u postgres``). Each test gets a database of its own (:meth:`PostgresCluster.new_database`).

Without the binaries (or without a ``postgres`` user under root) :func:`find_bin_dir`/:func:`start_cluster`
say why; the fixtures then skip outside CI and fail under CI=true (conftest).
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest

from support import ram_disk

SERVER_OPTIONS = (
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c listen_addresses=127.0.0.1"
    " -c max_connections=200 -c shared_buffers=16MB -c log_min_messages=warning"
)
SERVICE_USER = "postgres"


class PostgresUnavailable(Exception):
    """Why no test cluster can run here (the tests that need one skip with this reason)."""


def find_bin_dir() -> Path:
    """The newest installed PostgreSQL server's bin folder (Debian: /usr/lib/postgresql/N/bin)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    raise PostgresUnavailable(
        "PostgreSQL server binaries are not installed (apt-get install postgresql, or run tests/.ci as root)"
    )


def _run_as() -> list[str]:
    """The command prefix that runs the server's programs: as ourselves, or as ``postgres`` under root."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(SERVICE_USER)
    except KeyError:
        raise PostgresUnavailable(
            "running as root and there is no 'postgres' user to run PostgreSQL"
        ) from None
    if shutil.which("runuser") is None:
        raise PostgresUnavailable("running as root without runuser to run PostgreSQL as 'postgres'")
    return ["runuser", "-u", SERVICE_USER, "--"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresCluster:
    """A running throwaway cluster; ``url(database)`` is what bulkship takes as ``--ledger``."""

    folder: Path
    bin_dir: Path
    port: int
    prefix: list[str]
    _names: itertools.count[int] = field(default_factory=itertools.count)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SERVICE_USER}@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str, database: str = "postgres") -> list[tuple[Any, ...]]:
        """Run one statement as the superuser, outside any transaction; the rows it returns."""
        with psycopg.connect(self.url(database), autocommit=True) as connection:
            cursor = connection.execute(sql.encode())
            return cursor.fetchall() if cursor.description else []

    def new_database(self) -> str:
        """A fresh empty database; its URL."""
        name = f"t{os.getpid()}_{next(self._names)}"
        self.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        with contextlib.suppress(psycopg.Error):  # the cluster goes at the end of the session anyway
            self.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        subprocess.run(
            [
                *self.prefix,
                str(self.bin_dir / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def _owned_folder(prefix: list[str]) -> Path:
    """A new folder under /dev/shm (when it has room for a cluster; else the temporary folder) that the
    server's user owns."""
    base = ram_disk(room=256 * 2**20)
    folder = Path(tempfile.mkdtemp(prefix="bulkship-pg-", dir=base))
    if prefix:  # the cluster belongs to `postgres`
        user = pwd.getpwnam(SERVICE_USER)
        os.chown(folder, user.pw_uid, user.pw_gid)
    return folder


def start_cluster() -> PostgresCluster:
    """initdb + start a cluster; raises :class:`PostgresUnavailable` when that cannot happen here."""
    bin_dir = find_bin_dir()
    prefix = _run_as()
    folder = _owned_folder(prefix)
    data = folder / "data"
    initdb = [
        str(bin_dir / "initdb"),
        "-D",
        str(data),
        "-U",
        SERVICE_USER,
        "--auth=trust",
        "-E",
        "UTF8",
        "--no-locale",
        "--no-sync",
        "--no-instructions",
    ]
    done = subprocess.run([*prefix, *initdb], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise PostgresUnavailable(f"initdb failed: {done.stderr.strip()[-500:]}")
    last = ""
    for _attempt in range(5):  # another worker may take the free port between our probe and the start
        port = _free_port()
        options = f"{SERVER_OPTIONS} -p {port} -k {folder}"
        start = [
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(folder / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "120",  # a readiness wait: a server still starting when pg_ctl gives up holds the folder
            "start",
        ]
        done = subprocess.run([*prefix, *start], capture_output=True, text=True, check=False)
        if done.returncode == 0:
            return PostgresCluster(folder=folder, bin_dir=bin_dir, port=port, prefix=prefix)
        log = folder / "server.log"
        last = log.read_text(errors="replace")[-500:] if log.exists() else done.stderr
    shutil.rmtree(folder, ignore_errors=True)
    raise PostgresUnavailable(f"PostgreSQL did not start: {last.strip()}")


# -- fixtures (registered by conftest's pytest_plugins) ---------------------------------------------------


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """This test process's cluster, started on first use and stopped at the end of the session."""
    try:
        cluster = start_cluster()
    except PostgresUnavailable as exc:
        pytest.skip(f"no PostgreSQL server for this test: {exc}")
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(postgres_cluster: PostgresCluster) -> Iterator[str]:
    """A fresh empty database for this test: ``postgresql://postgres@127.0.0.1:PORT/NAME``."""
    url = postgres_cluster.new_database()
    try:
        yield url
    finally:
        postgres_cluster.drop_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_location(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """Where this test's ledger lives, once on each back-end: a SQLite file, then a fresh PostgreSQL
    database."""
    if request.param == "sqlite":
        return tmp_path / "ledger.sqlite"
    return str(request.getfixturevalue("pg_url"))
