"""One SQLAlchemy engine for a ledger, whichever database holds it.

``engine_for`` takes what a user writes after ``--ledger`` / ``BULKSHIP_LEDGER``: a plain path or
``sqlite:///PATH`` is a SQLite file (the single-user default), ``postgresql://…`` a shared PostgreSQL database
(driven by psycopg 3). The SQLite engine keeps the durability the ledger always had, through event listeners:
WAL journal, ``synchronous=FULL`` (a commit survives a crash of the machine), a busy timeout for short
concurrent writes, foreign keys on, and ``BEGIN IMMEDIATE`` for every transaction (the write lock is taken at
the start, so two writers never deadlock half-way; a connection in ``AUTOCOMMIT`` reads without it).
"""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import urllib.parse
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

from ..errors import ConfigError
from ..private import private_file
from .location import display_url, is_postgres_url, remember_secrets, sqlite_path, userinfo_end

BUSY_TIMEOUT_MS = 10_000


def postgres_url(value: str) -> URL:
    """``postgresql://…`` (or ``postgres://…``) as the psycopg 3 driver's URL."""
    remember_secrets(value)  # never repeated by the database's errors
    try:
        url = make_url(
            _userinfo_at_signs_escaped(
                value.replace("postgres://", "postgresql://", 1) if value.startswith("postgres://") else value
            )
        )
    except (ValueError, ArgumentError):  # a port 'abc' or '5432:5433': a traceback, exit 1
        raise ConfigError(
            f"The ledger URL {display_url(value)} cannot be read: its port (after the host's ':') is not a "
            "number, or a character of the URL needs escaping",
            hint="write it as postgresql://USER@HOST:PORT/DATABASE (the port a number, 5432 by default; a "
            "'/', '?', '#' or '%' of the password as %2F, %3F, %23, %25), with the password in ~/.pgpass",
        ) from None
    return url.set(drivername="postgresql+psycopg")


def _userinfo_at_signs_escaped(value: str) -> str:
    """A password (or an Azure-style user 'ann@server') holding '@' written as is, not as %40: the user info
    ends at the last '@' before the host, as :func:`display_url` reads it. SQLAlchemy ended it at the first,
    so 'bob:Pg@SeCrEt@db.example' went to host 'SeCrEt@db.example', and the error said so: the password's
    tail, printed beside the URL shown with its password hidden."""
    scheme, sep, rest = value.partition("://")
    end = userinfo_end(rest)
    if not sep or end < 0 or "@" not in rest[:end]:
        return value
    return f"{scheme}{sep}{rest[:end].replace('@', '%40')}{rest[end:]}"


def engine_for(url_or_path: str | os.PathLike[str], *, read_only: bool = False, **options: Any) -> Engine:
    """An engine for the ledger at ``url_or_path``; ``options`` go to :func:`sqlalchemy.create_engine`.

    ``read_only`` (SQLite only): a connection that never writes, for a ledger in a folder the user may not
    write (it is then opened as immutable: nobody who cannot write there can be changing it)."""
    if is_postgres_url(url_or_path):
        return _postgres_engine(str(url_or_path), **options)
    path = sqlite_path(url_or_path)
    if path is None:
        raise ValueError(f"not a SQLite or PostgreSQL location: {display_url(url_or_path)}")
    return _sqlite_engine(path, read_only=read_only, **options)


def _postgres_engine(value: str, **options: Any) -> Engine:
    # application_name names the process in pg_stat_activity: a refused batch lock says who holds it
    name = f"bulkship pid {os.getpid()} on {socket.gethostname()}"[:63]
    # connect_timeout: a server that cannot be reached is one clear error after 10 s, not a hang
    connect_args = {"application_name": name, "connect_timeout": 10, **options.pop("connect_args", {})}
    return create_engine(postgres_url(value), connect_args=connect_args, pool_pre_ping=True, **options)


def _sqlite_engine(path: Path, *, read_only: bool, **options: Any) -> Engine:
    if read_only:
        engine = create_engine(
            "sqlite://", creator=lambda: _connect_read_only(path), poolclass=NullPool, **options
        )
    else:
        # NullPool: a connection is closed when given back, never kept open on a file that may be replaced
        engine = create_engine(
            URL.create("sqlite", database=str(path)),
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            **{"poolclass": NullPool, **options},
        )
        event.listen(engine, "do_connect", _created_private(path))
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _created_private(path: Path) -> Any:
    """A listener creating a new ledger 0600 before SQLite opens it: it holds recipients and the team's
    password hashes, and SQLite gives its -wal/-shm/-journal files the same mode."""

    def create(*_: Any) -> None:  # None: SQLAlchemy then connects as usual
        if str(path) not in ("", ":memory:"):
            with contextlib.suppress(OSError):  # a folder that cannot be written: SQLite's error says so
                private_file(path)

    return create


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # pysqlite's own implicit BEGIN off: the "begin" listener below says how each transaction starts
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        if not _is_read_only(dbapi_connection):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    if connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
        return  # a reader: each statement on its own, never waiting for the write lock
    if _is_read_only(connection.connection.dbapi_connection):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _is_read_only(dbapi_connection: Any) -> bool:
    return isinstance(dbapi_connection, _ReadOnlyConnection)


class _ReadOnlyConnection(sqlite3.Connection):
    """A SQLite connection opened with ``mode=ro`` (its type tells the listeners not to write pragmas)."""


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes. A WAL ledger in a folder the reader cannot write has no shared-memory
    file to open; it is then read as immutable."""
    if not path.is_file():
        raise sqlite3.OperationalError(f"{path} is not a file")
    uri = "file:" + urllib.parse.quote(str(path.absolute()))
    last: sqlite3.Error | None = None
    for query in ("?mode=ro", "?mode=ro&immutable=1"):
        try:
            db = sqlite3.connect(
                uri + query,
                uri=True,
                isolation_level=None,
                check_same_thread=False,
                factory=_ReadOnlyConnection,
            )
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.Error as exc:
            last = exc
    assert last is not None
    raise last
