"""Statements that change batches, rows, orders and events: a batch planned and re-planned, rows upserted,
orders inserted, THE guarded state change (:func:`move_order`), rows ordered, failed, tracked."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .driver import _NO_CARD_YET, Db, Tuples, _marks, _run, _run_many

# -- events, batches, rows -------------------------------------------------------------------------------

_INSERT_EVENT = "INSERT INTO events(at, batch, po_number, kind, detail) VALUES (?, ?, ?, ?, ?)"


def insert_event(db: Db, at: str, batch: str | None, po: str | None, kind: str, detail_json: str) -> None:
    _run(db, _INSERT_EVENT, (at, batch, po, kind, detail_json))


def insert_events(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """``values``: (at, batch, po_number, kind, detail JSON) each."""
    _run_many(db, _INSERT_EVENT, values)


def insert_batch(db: Db, values: tuple[Any, ...]) -> None:
    """``values``: name, file_name, file_hash, po_prefix, created, updated, rows, valid, invalid, api."""
    _run(
        db,
        "INSERT INTO batches(name, file_name, file_hash, po_prefix, created, updated, rows, valid, invalid,"
        " api) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values,
    )


def delete_empty_batch(db: Db, name: str) -> bool:
    """Remove batch ``name`` and the event of its creation when it holds no row, order or other event (a
    run refused before it recorded anything); whether it was removed."""
    held = _run(
        db,
        "SELECT (SELECT count(*) FROM rows WHERE batch = ?) + (SELECT count(*) FROM orders WHERE batch = ?)"
        " + (SELECT count(*) FROM events WHERE batch = ? AND kind <> 'batch_created')",
        (name, name, name),
    ).scalar()
    if held:
        return False
    _run(db, "DELETE FROM events WHERE batch = ? AND kind = 'batch_created'", (name,))
    _run(db, "DELETE FROM batches WHERE name = ?", (name,))
    return True


def update_batch(db: Db, name: str, file_name: str, file_hash: str, at: str, counts: tuple[int, ...]) -> None:
    """``counts``: rows, valid, invalid."""
    _run(
        db,
        "UPDATE batches SET file_name = ?, file_hash = ?, updated = ?, rows = ?, valid = ?, invalid = ?"
        " WHERE name = ?",
        (file_name, file_hash, at, *counts, name),
    )


def set_batch_api_once(db: Db, name: str, api: str) -> None:
    _run(db, "UPDATE batches SET api = ? WHERE name = ? AND api IS NULL", (api, name))


def set_batch_output(db: Db, name: str, path: str) -> None:
    _run(db, "UPDATE batches SET output = ? WHERE name = ?", (path, name))


def mark_rows_not_current(db: Db, batch: str) -> None:
    _run(db, "UPDATE rows SET current = 0 WHERE batch = ? AND current = 1", (batch,))


def forget_skipped_rows(db: Db, batch: str, fingerprints: Iterable[str]) -> None:
    """Forget rows of earlier files, skipped, on no order, that the file holds no more (their person's row
    corrected since: :mod:`bulkship.skippedpeople`)."""
    _run_many(
        db,
        "DELETE FROM rows WHERE batch = ? AND fingerprint = ? AND status = 'skipped' AND current = 0"
        " AND po_number IS NULL",
        [(batch, fp) for fp in fingerprints],
    )


def upsert_rows(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """Rows of the file as it is now, not going on a new order: (batch, fingerprint, row, status, error,
    updated). Rows with a PO, ordered, or left out as made elsewhere keep their status and error, but a
    failed row now held (it repeats a card ordered since) says so, not the vendor's old refusal, and so does
    one the list leaves out now (taken off Fix these: it read 'failed' and came back there on every run); so
    does a held one (its card cancelled at the vendor: repeats.cancelled) held again, or left out now.
    A row whose card was never made, now sent elsewhere, leaves its line: the PO Number and line its
    workbook row gave were the failed order's, beside a note naming the card's (:mod:`..repeats.takenout`)."""
    elsewhere_now = "(rows.status IN ('failed', 'held') AND excluded.status = 'elsewhere')"
    kept = "(rows.status IN ('ordered', 'elsewhere') OR (rows.po_number IS NOT NULL AND NOT"
    kept += " ((rows.status IN ('failed', 'held') AND excluded.status IN ('held', 'skipped'))"
    kept += f" OR {elsewhere_now})))"
    off_its_line = ", ".join(
        f"{column} = CASE WHEN {elsewhere_now} THEN NULL ELSE rows.{column} END"
        for column in ("po_number", "line_index", "line_item_id", "line_status", "cost")
    )
    _run_many(
        db,
        "INSERT INTO rows(batch, fingerprint, row, status, error, updated) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(batch, fingerprint) DO UPDATE SET row = excluded.row, current = 1,"
        f" {off_its_line},"
        f" status = CASE WHEN {kept} THEN rows.status ELSE excluded.status END,"
        f" error = CASE WHEN {kept} THEN rows.error ELSE excluded.error END,"
        " updated = excluded.updated",
        values,
    )


def replace_held_cards(db: Db, batch: str, values: Iterable[tuple[Any, ...]]) -> None:
    """The batch's held rows' cards another batch made, as this run found them: (batch, fingerprint,
    card_batch, card_fingerprint, po_number) each (revision 0007); those of its earlier runs forgotten."""
    _run(db, "DELETE FROM held_cards WHERE batch = ?", (batch,))
    _run_many(
        db,
        "INSERT INTO held_cards(batch, fingerprint, card_batch, card_fingerprint, po_number)"
        " VALUES (?, ?, ?, ?, ?)",
        values,
    )


def upsert_rows_on_new_orders(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """Rows going on a new order: (batch, fingerprint, row, po_number, line_index, external_id, cost,
    updated); what :func:`upsert_rows` and :func:`point_rows_at_orders` together would leave."""
    _run_many(
        db,
        "INSERT INTO rows(batch, fingerprint, row, status, po_number, line_index, external_id, cost,"
        " updated) VALUES (?, ?, ?, 'planned', ?, ?, ?, ?, ?)"
        " ON CONFLICT(batch, fingerprint) DO UPDATE SET row = excluded.row, current = 1,"
        " status = 'planned', po_number = excluded.po_number, line_index = excluded.line_index,"
        " external_id = excluded.external_id, line_item_id = NULL, cost = excluded.cost,"
        " error = NULL, line_status = NULL, updated = excluded.updated",
        values,
    )


# -- orders ----------------------------------------------------------------------------------------------


def insert_planned_orders(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """(po_number, batch, seq, base_po, payload JSON, cost, lines, created, updated) each; raises
    ``sqlalchemy.exc.IntegrityError`` for a PO number already in the ledger."""
    _run_many(
        db,
        "INSERT INTO orders(po_number, batch, seq, base_po, state, payload, cost, lines, created,"
        " updated) VALUES (?, ?, ?, ?, 'planned', ?, ?, ?, ?, ?)",
        values,
    )


def point_rows_at_orders(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """(po_number, line_index, external_id, cost, updated, batch, fingerprint) each: the row is planned on
    that order."""
    _run_many(
        db,
        "UPDATE rows SET status = 'planned', po_number = ?, line_index = ?, external_id = ?,"
        " line_item_id = NULL, cost = ?, error = NULL, line_status = NULL, updated = ?"
        " WHERE batch = ? AND fingerprint = ?",
        values,
    )


def insert_created_order(db: Db, values: tuple[Any, ...]) -> None:
    """An order the vendor holds, taken in as ``created``: (po_number, batch, seq, base_po, vendor_order_id,
    status, payload JSON, cost, lines, error, created, updated)."""
    _run(
        db,
        "INSERT INTO orders(po_number, batch, seq, base_po, state, vendor_order_id, status, payload, cost,"
        " lines, error, created, updated) VALUES (?, ?, ?, ?, 'created', ?, ?, ?, ?, ?, ?, ?, ?)",
        values,
    )


def upsert_rows_of_order(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """(batch, fingerprint, row, status, po_number, line_index, external_id, line_item_id, cost, error,
    line_status, updated) each."""
    _run_many(
        db,
        "INSERT INTO rows(batch, fingerprint, row, status, po_number, line_index, external_id, line_item_id,"
        " cost, error, line_status, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(batch, fingerprint) DO UPDATE SET row = excluded.row, status = excluded.status,"
        " po_number = excluded.po_number, line_index = excluded.line_index,"
        " external_id = excluded.external_id, line_item_id = excluded.line_item_id, cost = excluded.cost,"
        " error = excluded.error, line_status = excluded.line_status, updated = excluded.updated",
        values,
    )


def move_order(
    db: Db,
    po_number: str,
    to_state: str,
    from_states: Sequence[str],
    at: str,
    *,
    batch: str | None = None,
    vendor_order: str | None = None,
    **columns: Any,
) -> int:
    """THE guarded state change: ``state`` (and ``columns``) set only while the order is in one of
    ``from_states`` (and of ``batch``; and not tied to another ``vendor_order`` than this one, which it is
    tied to); how many orders changed (0 or 1)."""
    if vendor_order is not None:
        columns = {**columns, "vendor_order_id": vendor_order}
    names = "".join(f", {name} = ?" for name in columns)
    guards, params = "", [po_number, *from_states]
    if batch is not None:
        guards += " AND batch = ?"
        params.append(batch)
    if vendor_order is not None:
        guards += " AND (vendor_order_id IS NULL OR vendor_order_id = ?)"
        params.append(vendor_order)
    cursor = _run(
        db,
        f"UPDATE orders SET state = ?, updated = ?{names}"
        f" WHERE po_number = ? AND state IN ({_marks(from_states)}){guards}",
        (to_state, at, *columns.values(), *params),
    )
    return cursor.rowcount


def set_order_status(db: Db, po_number: str, status: str | None, at: str) -> None:
    _run(db, "UPDATE orders SET status = ?, updated = ? WHERE po_number = ?", (status, at, po_number))


def rows_made_no_card(db: Db, batch: str) -> Tuples:
    """(fingerprint, po_number) of the batch's ordered rows whose line the vendor ended Failed or Cancelled
    before anything shipped."""
    return _run(
        db, f"SELECT fingerprint, po_number FROM rows WHERE batch = ? AND {_NO_CARD_YET}", (batch,)
    ).all()


def hold_rows_sent_elsewhere(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """(error, updated, batch, fingerprint) each: a row left out as sent elsewhere becomes ``held`` with that
    error (guarded: only while it still is one)."""
    _run_many(
        db,
        "UPDATE rows SET status = 'held', error = ?, updated = ? WHERE batch = ? AND fingerprint = ?"
        " AND status = 'elsewhere'",
        values,
    )


def fail_rows_made_no_card(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """(error, updated, batch, fingerprint) each: such a row becomes ``failed`` (guarded: only while it
    still is one)."""
    _run_many(
        db,
        f"UPDATE rows SET status = 'failed', error = ?, updated = ? WHERE batch = ? AND fingerprint = ?"
        f" AND {_NO_CARD_YET}",
        values,
    )


def release_planned_rows(db: Db, po_number: str, at: str) -> None:
    """A cancelled order's planned rows lose their PO (they are planned again)."""
    _run(
        db,
        "UPDATE rows SET po_number = NULL, line_index = NULL, cost = NULL, updated = ?"
        " WHERE po_number = ? AND status = 'planned'",
        (at, po_number),
    )


def reprice_planned(db: Db, orders: Iterable[tuple[Any, ...]], rows: Iterable[tuple[Any, ...]]) -> None:
    """``orders``: (cost, updated, po_number) each; ``rows``: (cost, updated, po_number, line_index) each.
    Guarded: only an order still ``planned``, and its rows still ``planned`` on it."""
    _run_many(db, "UPDATE orders SET cost = ?, updated = ? WHERE po_number = ? AND state = 'planned'", orders)
    _run_many(
        db,
        "UPDATE rows SET cost = ?, updated = ? WHERE po_number = ? AND line_index = ? AND status = 'planned'"
        " AND po_number IN (SELECT po_number FROM orders WHERE state = 'planned')",
        rows,
    )


def set_rows_ordered(db: Db, values: Iterable[tuple[Any, ...]]) -> None:
    """(line_item_id, cost, line_status, updated, batch, fingerprint) each."""
    _run_many(
        db,
        "UPDATE rows SET status = 'ordered', line_item_id = ?, cost = ?, line_status = ?, error = NULL,"
        " updated = ? WHERE batch = ? AND fingerprint = ?",
        values,
    )


def set_rows_status(db: Db, status: str, values: Iterable[tuple[Any, ...]], *, unless: str = "") -> None:
    """(error, updated, batch, fingerprint) each: the row takes ``status`` with that error (``unless`` it
    has that status)."""
    guard = " AND status != ?" if unless else ""
    _run_many(
        db,
        f"UPDATE rows SET status = ?, error = ?, updated = ? WHERE batch = ? AND fingerprint = ?{guard}",
        ((status, *value, *((unless,) if unless else ())) for value in values),
    )


def set_order_rows_status(
    db: Db, po_number: str, status: str, error: str, at: str, from_statuses: Sequence[str]
) -> None:
    """Every row of the order with one of ``from_statuses`` takes ``status`` with ``error``."""
    _run(
        db,
        f"UPDATE rows SET status = ?, error = ?, updated = ?"
        f" WHERE po_number = ? AND status IN ({_marks(from_statuses)})",
        (status, error, at, po_number, *from_statuses),
    )


def set_row_tracking(db: Db, values: tuple[Any, ...]) -> None:
    """(line_item_id, cost, line_status, carrier, tracking_number, tracking_url, shipped_date,
    delivered_date, updated, batch, fingerprint)."""
    _run(
        db,
        "UPDATE rows SET line_item_id = ?, cost = ?, line_status = ?, carrier = ?, tracking_number = ?,"
        " tracking_url = ?, shipped_date = ?, delivered_date = ?, updated = ?"
        " WHERE batch = ? AND fingerprint = ?",
        values,
    )
