"""The ledger's reads: batches, rows, orders, events and counts, each one statement (see the package).

A batch's rows are streamed from the driver's cursor (:func:`rows`, ``FETCH_ROWS`` at a time): a batch can
hold a million rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import RowMapping

from .driver import MAX_PARAMS, Db, Rows, Tuples, _line_ended_without_card, _made_no_card, _marks, _run


def batches(db: Db) -> Rows:
    return _run(db, "SELECT * FROM batches ORDER BY created").mappings().all()


def batch(db: Db, name: str) -> Rows:
    return _run(db, "SELECT * FROM batches WHERE name = ?", (name,)).mappings().all()


FETCH_ROWS = 10_000  # rows taken from the driver's cursor at a time


def rows(
    db: Db,
    columns: Sequence[str],
    where: str,
    params: Sequence[Any],
    order_by: str,
    convert: Callable[[Iterable[Any]], Any] = list,
) -> Any:
    """Rows as plain tuples of ``columns``, in that order, through ``convert`` (default: a list). A batch can
    hold a million rows: they are fetched from the driver's cursor as it makes them (SQLAlchemy's Row objects
    would cost a third more), FETCH_ROWS at a time, so that ``convert`` can let each go once read (a
    million rows' tuples and texts at once cost about 700 MB)."""
    sql = f"SELECT {', '.join(columns)} FROM rows WHERE {where} ORDER BY {order_by}"
    return _streamed(db, sql, params, convert)


def _streamed(db: Db, sql: str, params: Sequence[Any], convert: Callable[[Iterable[Any]], Any]) -> Any:
    """``sql``'s rows as plain tuples through ``convert``, fetched as it reads them (see :func:`rows`)."""
    result = _run(db, sql, params)
    try:
        return convert(_fetched(result.cursor))
    finally:
        result.close()


def _fetched(cursor: Any) -> Iterator[Any]:
    while chunk := cursor.fetchmany(FETCH_ROWS):
        yield from chunk


def rows_of_batch(
    db: Db,
    columns: Sequence[str],
    batch: str,
    current_only: bool,
    convert: Callable[[Iterable[Any]], Any] = list,
) -> Any:
    where = "batch = ? AND current = 1" if current_only else "batch = ?"
    return rows(db, columns, where, (batch,), "row, fingerprint", convert)


def rows_of_po(db: Db, columns: Sequence[str], po_number: str) -> list[Any]:
    return rows(db, columns, "po_number = ?", (po_number,), "line_index")


def ordered_rows_elsewhere(
    db: Db, columns: Sequence[str], fingerprints: Sequence[str], exclude_batch: str
) -> list[Any]:
    """The current rows of the other batches with one of ``fingerprints`` that were ordered."""
    found: list[Any] = []
    for start in range(0, len(fingerprints), MAX_PARAMS - 1):
        chunk = list(fingerprints[start : start + MAX_PARAMS - 1])
        where = f"fingerprint IN ({_marks(chunk)}) AND batch <> ? AND current = 1 AND status = 'ordered'"
        found.extend(rows(db, columns, where, [*chunk, exclude_batch], "batch, row"))
    return found


def rows_of_pos(db: Db, columns: Sequence[str], po_numbers: Sequence[str]) -> list[Any]:
    found: list[Any] = []
    for start in range(0, len(po_numbers), MAX_PARAMS):
        chunk = list(po_numbers[start : start + MAX_PARAMS])
        found.extend(rows(db, columns, f"po_number IN ({_marks(chunk)})", chunk, "po_number, line_index"))
    return found


def current_rows_with_status(db: Db, columns: Sequence[str], batch: str, status: str) -> list[Any]:
    return rows(db, columns, "batch = ? AND current = 1 AND status = ?", (batch, status), "row")


_ORDER_COLUMNS_BUT_PAYLOAD = (
    "po_number, batch, seq, base_po, state, vendor_order_id, status, '' AS payload, cost, lines, error,"
    " created, updated"
)


def orders(db: Db, batch: str | None, states: Sequence[str] | None, payloads: bool = True) -> Rows:
    columns = "*" if payloads else _ORDER_COLUMNS_BUT_PAYLOAD
    sql, params = f"SELECT {columns} FROM orders WHERE 1=1", []
    if batch is not None:
        sql += " AND batch = ?"
        params.append(batch)
    if states is not None:
        sql += f" AND state IN ({_marks(states)})"
        params.extend(states)
    return _run(db, sql + " ORDER BY seq, po_number", params).mappings().all()


def order(db: Db, po_number: str) -> Rows:
    return _run(db, "SELECT * FROM orders WHERE po_number = ?", (po_number,)).mappings().all()


def order_payload(db: Db, po_number: str) -> Tuples:
    return _run(db, "SELECT payload FROM orders WHERE po_number = ?", (po_number,)).all()


def order_payloads(db: Db, batch: str, convert: Callable[[Iterable[Any]], Any]) -> Any:
    """The batch's (PO number, payload) pairs through ``convert``, fetched as ``convert`` reads them: a
    million-row batch's payloads are about 450 MB of text, each let go once read."""
    return _streamed(db, "SELECT po_number, payload FROM orders WHERE batch = ?", (batch,), convert)


def order_by_vendor_id(db: Db, order_id: str) -> Rows:
    return _run(db, "SELECT * FROM orders WHERE vendor_order_id = ?", (order_id,)).mappings().all()


def order_batch_and_state(db: Db, po_number: str) -> RowMapping | None:
    sql = "SELECT batch, state, status FROM orders WHERE po_number = ?"
    return _run(db, sql, (po_number,)).mappings().first()


def row_counts(db: Db, batch: str) -> Tuples:
    return _run(
        db, "SELECT status, COUNT(*) FROM rows WHERE batch = ? AND current = 1 GROUP BY status", (batch,)
    ).all()


def rows_skipped_saying(db: Db, batch: str, reason: str) -> int:
    """How many of the batch's current rows are skipped for a reason opening with ``reason``."""
    found = _run(
        db,
        "SELECT COUNT(*) FROM rows WHERE batch = ? AND current = 1 AND status = 'skipped' AND error LIKE ?",
        (batch, reason.replace("%", "").replace("_", "") + "%"),
    ).scalar()
    return int(found or 0)


def row_counts_shown(db: Db, batch: str) -> Tuples:
    """:func:`row_counts` with an ordered row whose line the vendor ended before making its card counted
    as ``failed``, as the result workbook and ``status`` show it."""
    shown = f"CASE WHEN {_made_no_card()} THEN 'failed' ELSE status END"
    return _run(
        db, f"SELECT {shown}, COUNT(*) FROM rows WHERE batch = ? AND current = 1 GROUP BY {shown}", (batch,)
    ).all()


def order_counts(db: Db, batch: str) -> Tuples:
    return _run(db, "SELECT state, COUNT(*) FROM orders WHERE batch = ? GROUP BY state", (batch,)).all()


def charged_costs_on(db: Db, po_numbers: Sequence[str]) -> list[Any]:
    """The cost of each row of ``po_numbers`` holding a card charged (ordered, its line not ended before a
    card was made)."""
    found: list[Any] = []
    for start in range(0, len(po_numbers), MAX_PARAMS):
        chunk = list(po_numbers[start : start + MAX_PARAMS])
        where = f"po_number IN ({_marks(chunk)}) AND status = 'ordered' AND NOT ({_made_no_card()})"
        found.extend(_run(db, f"SELECT cost FROM rows WHERE {where}", chunk).all())
    return found


def events(
    db: Db,
    batch: str | None,
    po_number: str | None,
    limit: int | None,
    kinds: Sequence[str] | None = None,
) -> Rows:
    sql, params = "SELECT * FROM events WHERE 1=1", []
    if batch is not None:
        sql += " AND batch = ?"
        params.append(batch)
    if kinds is not None:
        sql += f" AND kind IN ({','.join('?' * len(kinds))})"
        params.extend(kinds)
    if po_number is not None:
        sql += " AND po_number = ?"
        params.append(po_number)
    sql += " ORDER BY id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return _run(db, sql, params).mappings().all()


def last_event_id(db: Db, batch: str) -> int:
    return int(_run(db, "SELECT MAX(id) FROM events WHERE batch = ?", (batch,)).scalar() or 0)


def latest_event(db: Db, batch: str, kind: str) -> Rows:
    return (
        _run(db, "SELECT * FROM events WHERE batch = ? AND kind = ? ORDER BY id DESC LIMIT 1", (batch, kind))
        .mappings()
        .all()
    )


def max_seq(db: Db, batch: str) -> int:
    return int(_run(db, "SELECT MAX(seq) FROM orders WHERE batch = ?", (batch,)).scalar() or 0)


def replan_count(db: Db, base_po: str) -> int:
    sql = "SELECT COUNT(*) FROM orders WHERE base_po = ? AND po_number != base_po"
    return int(_run(db, sql, (base_po,)).scalar() or 0)


def batches_holding_orders(db: Db, states: Sequence[str]) -> Tuples:
    return _run(
        db,
        f"SELECT batch, MIN(created) FROM orders WHERE state IN ({_marks(states)}) GROUP BY batch",
        list(states),
    ).all()


def orders_since(db: Db, since: str, exclude_batch: str, states: Sequence[str]) -> Rows:
    return (
        _run(
            db,
            f"SELECT * FROM orders WHERE batch != ? AND created >= ? AND state IN ({_marks(states)})"
            " ORDER BY created, po_number",
            [exclude_batch, since, *states],
        )
        .mappings()
        .all()
    )


def lines_tied_since(db: Db, since: str, exclude_batch: str, states: Sequence[str]) -> Tuples:
    """(po_number, line_index, made no card) of the rows tied to a line of the orders ``orders_since``
    reads (made no card: the row failed there, or :func:`bulkship.reconcile.join.made_no_card`)."""
    return _run(
        db,
        # (a row failed there and held since, as its card was sent by another batch meanwhile, keeps its line:
        # read as a card, that other batch's card failing too was held for it, and it for that one)
        f"SELECT r.po_number, r.line_index, CASE WHEN r.status = 'failed' OR {_line_ended_without_card('r.')}"
        " THEN 1 ELSE 0 END FROM rows AS r JOIN orders AS o ON o.po_number = r.po_number"
        f" WHERE o.batch != ? AND o.created >= ? AND o.state IN ({_marks(states)})"
        " AND r.line_index IS NOT NULL",
        [exclude_batch, since, *states],
    ).all()
