"""Handing a statement to the driver: the parameter style, one or many parameter sets, and the SQL
fragments the statement groups share (placeholders, "made no card")."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, CursorResult, RowMapping

from ...statuses import NO_CARD_STATUSES

Rows = Sequence[RowMapping]  # by column name
Tuples = Sequence[Any]  # sqlalchemy Rows: by position
Db = Connection
MAX_PARAMS = 500  # bound parameters per statement, well under SQLite's limit


@functools.cache
def _native(dialect: str, statement: str) -> str:
    """``statement`` in the driver's own parameter style: ``?`` for SQLite, ``%s`` for psycopg."""
    if dialect == "sqlite":
        return statement
    return statement.replace("%", "%%").replace("?", "%s")


def _run(db: Db, statement: str, params: Sequence[Any] = ()) -> CursorResult[Any]:
    return db.exec_driver_sql(_native(db.dialect.name, statement), tuple(params))


def _run_many(db: Db, statement: str, values: Iterable[Sequence[Any]]) -> None:
    """One statement for many parameter sets (nothing when there are none)."""
    batch = [tuple(v) for v in values]
    if batch:
        db.exec_driver_sql(_native(db.dialect.name, statement), batch)


def check_readable(db: Db) -> None:
    _run(db, "SELECT count(*) FROM batches").all()


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def _made_no_card(row: str = "") -> str:
    """reconcile.join.made_no_card, in SQL (``row``: the rows table's alias and a dot, if any)."""
    return f"{row}status = 'ordered' AND {_line_ended_without_card(row)}"


def _line_ended_without_card(row: str = "") -> str:
    """The row's line was ended by the vendor without a card (nothing shipped), whatever the row's status
    since (billing.line_ended_without_card)."""
    return (
        f"LOWER(COALESCE({row}line_status, ''))"
        f" IN ({', '.join(repr(s) for s in sorted(NO_CARD_STATUSES))})"
        # empty text is none, as made_no_card reads it (a vendor may send "" for a tracking number)
        f" AND COALESCE({row}tracking_number, '') = '' AND COALESCE({row}tracking_url, '') = ''"
        f" AND COALESCE({row}shipped_date, '') = ''"
        f" AND COALESCE({row}delivered_date, '') = ''"
    )


_NO_CARD_YET = _made_no_card()
