"""What a run records: its batch, the rows of its file, the orders it plans, the vendor orders it adopts."""

from __future__ import annotations

import getpass
import json
import re
import shlex
import zlib
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from ..errors import LedgerError
from . import sql
from .reads import LedgerReads
from .records import PRICES_EVENT, AdoptedOrder, PlannedOrderRecord, RowUpdate, money_column, now_iso

Values = list[tuple[Any, ...]]
_ROWS_AT_ONCE = 5_000  # rows written by one statement of record_rows
_ORDERS_AT_ONCE = 200  # planned orders written by one statement (each payload unpacked just before)


class LedgerWrites(LedgerReads):
    def upsert_batch(
        self,
        name: str,
        *,
        file_name: str,
        file_hash: str,
        po_prefix: str,
        rows: int,
        valid: int,
        invalid: int,
        api: str | None = None,
        by: str | None = None,
        sheet: str | None = None,
        upload_hash: str = "",
    ) -> None:
        """Create or update a batch. ``api`` (where its orders go) is recorded once: a batch keeps the API
        it was first run against (see :mod:`bulkship.batchapi`). ``by``: who starts a new batch (default:
        the system's login name). ``sheet``: the workbook's sheet the file was read from (see
        :meth:`batch_sheet`). ``upload_hash``: the file's own hash when ``file_hash`` names it with
        corrections made on the web page (:meth:`upload_hashes`)."""
        recorded = {"sheet": sheet} if sheet else {}
        if upload_hash and upload_hash != file_hash:
            recorded["upload_hash"] = upload_hash
        at = now_iso()
        with self.transaction() as db:
            existing = sql.batch(db, name)
            if not existing:
                sql.insert_batch(
                    db, (name, file_name, file_hash, po_prefix, at, at, rows, valid, invalid, api)
                )
                created = {"file": file_name, "file_hash": file_hash, "by": by or current_user(), **recorded}
                self._event(db, name, None, "batch_created", created)
                return
            sql.update_batch(db, name, file_name, file_hash, at, (rows, valid, invalid))
            if api is not None:
                sql.set_batch_api_once(db, name, api)
            if existing[0]["file_hash"] != file_hash:
                changed = {"file": file_name, "file_hash": file_hash, **recorded}
                self._event(db, name, None, "batch_file_changed", changed)

    def forget_empty_batch(self, name: str) -> bool:
        """Remove a batch that holds nothing (no row, order or event but its creation): one this run made
        and was refused for before recording anything (a PO number clash), so that `bulkship status` and
        the Batches page do not keep an empty 'draft' of it. Whether it was removed."""
        with self.transaction() as db:
            return sql.delete_empty_batch(db, name)

    def forget_skipped_rows(self, batch: str, fingerprints: Iterable[str]) -> None:
        """Forget the batch's skipped rows of earlier files, on no order, that its file no longer holds
        (``fingerprints``): rows the person corrected since (:mod:`bulkship.skippedpeople`)."""
        with self.transaction() as db:
            sql.forget_skipped_rows(db, batch, fingerprints)

    def set_batch_output(self, batch: str, path: str) -> None:
        """Where the batch's result workbook was written."""
        with self.transaction() as db:
            sql.set_batch_output(db, batch, path)

    def record_rows(
        self,
        batch: str,
        updates: Iterable[RowUpdate],
        *,
        planned: Iterable[PlannedOrderRecord] = (),
        prices: Mapping[str, Any] | None = None,
    ) -> None:
        """Record the rows of the file as it is now, in one transaction: these become the batch's current
        rows (all others are marked not current). Planned and ordered rows keep their PO and status;
        the others (failed, invalid...) take what validate says now (``planned``: to be ordered).

        ``planned`` orders are saved in the same transaction, with the same result as calling
        :meth:`save_planned_orders` next, but each of their rows is written once instead of twice.
        ``prices``: the catalog figures their costs were worked out with, recorded before them when they
        changed, so that a plan kept unsent is broken down with its own (``reconcile.join.prices``)."""
        at = now_iso()
        order_values, plan_of, event_values = _planned_values(batch, planned, at)
        with self.transaction() as db:
            if prices is not None and order_values:
                self._note_prices(db, batch, prices)
            sql.mark_rows_not_current(db, batch)
            # written a few thousand at a time: a million rows' parameters held at once took ~250 MB
            plain, on_order, cards = [], [], []
            for u in updates:
                line = plan_of.pop(u.fingerprint, None)
                if u.card is not None:
                    cards.append((batch, u.fingerprint, *u.card))
                if line is None:
                    plain.append((batch, u.fingerprint, u.row, u.status, u.error, at))
                else:
                    on_order.append((batch, u.fingerprint, u.row, *line, at))
                if len(plain) + len(on_order) >= _ROWS_AT_ONCE:
                    sql.upsert_rows(db, plain)
                    sql.upsert_rows_on_new_orders(db, on_order)
                    plain, on_order = [], []
            sql.upsert_rows(db, plain)
            sql.upsert_rows_on_new_orders(db, on_order)
            sql.replace_held_cards(db, batch, cards)
            _insert_planned(db, order_values, _row_values(plan_of, at, batch), event_values)

    def _note_prices(self, db: Connection, batch: str, prices: Mapping[str, Any]) -> None:
        latest = sql.latest_event(db, batch, PRICES_EVENT)
        if not latest or json.loads(latest[0]["detail"] or "{}") != prices:
            self._event(db, batch, None, PRICES_EVENT, dict(prices))

    def save_planned_orders(
        self, batch: str, orders: Sequence[PlannedOrderRecord], *, replaces: str | None = None
    ) -> None:
        """Record new orders in state ``planned`` and point their rows at them, in ONE transaction; the
        planned cost of each line sits in ``rows.cost`` until the vendor's own figure replaces it.
        ``replaces`` names the order these rows came from (a rejected order re-planned), for the event log."""
        at = now_iso()
        order_values, lines, event_values = _planned_values(batch, orders, at, replaces)
        with self.transaction() as db:
            _insert_planned(db, order_values, _row_values(lines, at, batch), event_values)

    def reprice_planned(
        self, batch: str, orders: Sequence[tuple[str, Decimal, Decimal, Sequence[Decimal]]]
    ) -> None:
        """Planned orders priced again (:mod:`bulkship.reprice`): (po_number, cost stored, cost now, each
        line's cost now) each, the change kept in the event log. Only orders still ``planned`` change."""
        at = now_iso()
        with self.transaction() as db:
            sql.reprice_planned(
                db,
                [(money_column(cost), at, po) for po, _was, cost, _lines in orders],
                [(money_column(c), at, po, i) for po, _w, _c, lines in orders for i, c in enumerate(lines)],
            )
            for po, was, cost, _lines in orders:
                self._event(db, batch, po, "repriced", {"cost": str(cost), "was": str(was)})

    def adopt_vendor_orders(self, batch: str, orders: Sequence[AdoptedOrder]) -> None:
        """Orders found at the vendor for a batch this ledger did not know (a lost ledger, another machine):
        recorded as ``created`` with the rows tied to their lines ``ordered`` and the rows that may be among
        their other lines ``review``, in one transaction. The batch must exist (``upsert_batch``)."""
        at = now_iso()
        with self.transaction() as db:
            for adopted in orders:
                vendor = adopted.vendor_order
                payload = json.dumps(adopted.payload, default=str)
                sql.insert_created_order(
                    db,
                    (
                        adopted.po_number,
                        batch,
                        adopted.seq,
                        adopted.base_po,
                        vendor.id,
                        vendor.status,
                        payload,
                        str(vendor.cost),
                        len(vendor.line_items),
                        adopted.note,
                        at,
                        at,
                    ),
                )
                row_values = [
                    (
                        batch,
                        r.fingerprint,
                        r.row,
                        r.status,
                        adopted.po_number,
                        r.line_index,
                        r.external_id,
                        r.line_item_id,
                        money_column(r.cost),
                        r.error,
                        r.line_status,
                        at,
                    )
                    for r in adopted.rows
                ]
                sql.upsert_rows_of_order(db, row_values)
                detail = {
                    "order_id": vendor.id,
                    "ordered_rows": sum(1 for r in adopted.rows if r.status == "ordered"),
                    "review_rows": sum(1 for r in adopted.rows if r.status == "review"),
                    "vendor_lines": len(vendor.line_items),
                }
                self._event(db, batch, adopted.po_number, "adopted", detail)


def _planned_values(
    batch: str, orders: Iterable[PlannedOrderRecord], at: str, replaces: str | None = None
) -> tuple[Values, dict[str, tuple[Any, ...]], Values]:
    """The order and event parameters of :func:`_insert_planned`, and each planned row's line: fingerprint
    -> (po_number, line_index, external_id, cost)."""
    order_values: Values = []
    lines_of: dict[str, tuple[Any, ...]] = {}
    event_values: Values = []
    cost_texts: dict[str | None, str | None] = {}  # one text per amount: a million rows, a few prices
    for order in orders:
        po, lines = order.po_number, order.lines
        order_values.append(
            (
                po,
                batch,
                order.seq,
                order.base_po,
                _packed(json.dumps(order.payload)),
                str(order.cost),
                len(lines),
                at,
                at,
            )
        )
        for ln in lines:
            cost = money_column(ln.cost)
            lines_of[ln.fingerprint] = (po, ln.line_index, ln.external_id, cost_texts.setdefault(cost, cost))
        detail: dict[str, Any] = {"lines": len(lines), "cost": str(order.cost)}
        if replaces:
            detail["replaces"] = replaces
        event_values.append(
            (now_iso(), batch, po, "planned", json.dumps(detail, default=str, sort_keys=True))
        )
    return order_values, lines_of, event_values


def _row_values(lines: dict[str, tuple[Any, ...]], at: str, batch: str) -> Values:
    """:func:`sql.point_rows_at_orders`' parameters for ``lines`` (of :func:`_planned_values`)."""
    return [(*line, at, batch, fingerprint) for fingerprint, line in lines.items()]


def _packed(payload_json: str) -> bytes:
    """A payload held until it is written: a million rows' payloads took ~300 MB as text, ~7x less so."""
    return zlib.compress(payload_json.encode(), 1)


def _unpacked(order_values: Values) -> Values:
    """:func:`sql.insert_planned_orders`' parameters, each payload (:func:`_packed`) as its JSON text."""
    return [(*v[:4], zlib.decompress(v[4]).decode(), *v[5:]) for v in order_values]


def _insert_planned(db: Connection, order_values: Values, row_values: Values, event_values: Values) -> None:
    # A few statements for the whole plan, not three per order: a 100k-row batch is 1,000 orders.
    try:
        with db.begin_nested():  # on PostgreSQL a failed statement spoils the transaction: undo just it
            for start in range(0, len(order_values), _ORDERS_AT_ONCE):
                sql.insert_planned_orders(db, _unpacked(order_values[start : start + _ORDERS_AT_ONCE]))
    except IntegrityError:
        raise _po_clash(db, order_values) from None
    sql.point_rows_at_orders(db, row_values)
    sql.insert_events(db, event_values)


class PoClashError(LedgerError):
    """A planned PO number the ledger already holds: nothing of the plan was recorded."""


def _po_clash(db: Connection, order_values: Values) -> LedgerError:
    """A planned PO number that the ledger already holds (another batch whose name gives the same PO
    numbers): which one, and whose."""
    for values in order_values:
        found = sql.order_batch_and_state(db, values[0])
        if found is not None:
            batch = str(values[1])
            if any(c.isalnum() and not c.isascii() for c in batch):
                # '賞与 2026' after '賞品 2026': both BS-2026-..., and any other name in those letters again
                # (found by hunter-sheets9): the hint says which names give other PO numbers
                kept = re.sub(r"[^A-Za-z0-9]+", " ", batch).strip() or "none"
                return PoClashError(
                    f"PO number {values[0]} is already used by batch {found['batch']!r} in this ledger; "
                    f"batch {batch!r} cannot use it too: PO numbers keep only the letters A-Z and digits of "
                    f"a batch name ({kept!r} of this one). Nothing was sent",
                    hint="run this file under a name with other letters A-Z or digits, e.g. --batch "
                    f"{shlex.quote(batch + ' bonus')} (its rows are still compared with every earlier batch)",
                )
            return PoClashError(
                f"PO number {values[0]} is already used by batch {found['batch']!r} in this ledger; batch "
                f"{values[1]!r} cannot use it too. Nothing was sent",
                hint="run this file under another name (--batch NEW-NAME); `bulkship reconcile` "
                "compares a batch with what the vendor holds",
            )
    return PoClashError("A planned order clashes with one already in the ledger. Nothing was sent")


def current_user() -> str:
    """Who is running bulkship (recorded as who started a batch); "" when the system cannot say."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
