"""The ledger's read API: batches, rows, orders and events as records (see the package docstring)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from ..errors import LedgerError
from ..money import BilledCards
from . import sql
from .records import (
    BILLED_CARDS,
    BILLED_ON_ORDER,
    LEFT_OUT_ITEMS,
    LIVE_STATES,
    RELEASED_BESIDE,
    VENDOR_LINES,
    BatchRecord,
    EventRecord,
    OrderRecord,
    RowRecord,
    decimal_column,
)
from .store import LedgerStore

T = TypeVar("T")
ROW_COLUMNS = tuple(RowRecord.__dataclass_fields__)  # rows are read as tuples in RowRecord's field order


def row_records(found: Iterable[Sequence[Any]], fingerprints: Iterable[str] = ()) -> list[RowRecord]:
    """Rows read as plain tuples in RowRecord's field order; each distinct cost is parsed once (a batch can
    hold a million rows: row -> dict -> RowRecord(**) costs about twice as much). ``fingerprints``: texts
    the caller holds already (a file's keys), which the records hold instead of equal copies."""
    costs: dict[Any, Decimal | None] = {}
    # texts that many rows repeat (batch, status, PO number, times...) held once, not once per row
    share: Callable[[Any, Any], Any] = {}.setdefault
    same_key = {key: key for key in fingerprints}.get
    records = []
    for batch, fp, row, status, po, index, ext, item, cost, *tracking, updated, current in found:
        if cost in costs:
            amount = costs[cost]
        else:
            amount = costs[cost] = decimal_column(cost)
        error, line_status, carrier, number, url, shipped, delivered = tracking
        records.append(
            RowRecord(
                share(batch, batch),
                same_key(fp, fp),
                row,
                share(status, status),
                share(po, po),
                index,
                ext,
                item,
                amount,
                share(error, error),
                share(line_status, line_status),
                share(carrier, carrier),
                number,
                url,
                share(shipped, shipped),
                share(delivered, delivered),
                share(updated, updated),
                bool(current),
            )
        )
    return records


def order_record(r: Any, load_payload: Callable[[str], str] | None = None) -> OrderRecord:
    data = dict(r)
    data["payload_json"] = data.pop("payload")
    data["cost"] = Decimal(data["cost"])
    return OrderRecord(**data, load_payload=load_payload)


def event_record(r: Any) -> EventRecord:
    detail = json.loads(r["detail"] or "{}")
    return EventRecord(r["id"], r["at"], r["batch"], r["po_number"], r["kind"], detail)


class LedgerReads(LedgerStore):
    def batches(self) -> list[BatchRecord]:
        return [BatchRecord(**dict(r)) for r in self._read(sql.batches)]

    def batch(self, name: str) -> BatchRecord | None:
        found = self._read(sql.batch, name)
        return BatchRecord(**dict(found[0])) if found else None

    def batch_rows(
        self, batch: str, *, current_only: bool = False, fingerprints: Iterable[str] = ()
    ) -> list[RowRecord]:
        """The batch's rows in spreadsheet row order; ``current_only``: those of the file of the latest run
        (a row whose content was fixed leaves its old version behind as a non-current row);
        ``fingerprints``: see :func:`row_records`."""
        records = functools.partial(row_records, fingerprints=fingerprints)
        found: list[RowRecord] = self._read(sql.rows_of_batch, ROW_COLUMNS, batch, current_only, records)
        return found

    def rows_by_po(self, po_number: str) -> list[RowRecord]:
        """The order's rows in line order."""
        return row_records(self._read(sql.rows_of_po, ROW_COLUMNS, po_number))

    def has_rows_in_review(self, po_number: str) -> bool:
        """Whether a row waits for review on the order."""
        return bool(self._read(sql.order_has_rows_in_review, po_number))

    def orders_with_rows_in_review(self, batch: str) -> list[str]:
        """The PO numbers of the batch's created orders with a row waiting for review on them."""
        return [str(r[0]) for r in self._read(sql.orders_with_rows_in_review, batch)]

    def rows_on_orders(self, po_numbers: Sequence[str]) -> list[RowRecord]:
        """Every row recorded on one of ``po_numbers`` (any batch), in line order per order."""
        return row_records(self._read(sql.rows_of_pos, ROW_COLUMNS, po_numbers))

    def ordered_rows_elsewhere(self, fingerprints: Sequence[str], batch: str) -> list[RowRecord]:
        """The ordered rows of batches other than ``batch`` whose content is one of ``fingerprints``."""
        return row_records(self._read(sql.ordered_rows_elsewhere, ROW_COLUMNS, fingerprints, batch))

    def current_rows_with_status(self, batch: str, status: str) -> list[RowRecord]:
        """The batch's rows in the file of the latest run that have ``status``, in row order."""
        return row_records(self._read(sql.current_rows_with_status, ROW_COLUMNS, batch, status))

    def orders(
        self, batch: str | None = None, states: Iterable[str] | None = None, *, payloads: bool = True
    ) -> list[OrderRecord]:
        """The orders, in sequence order. ``payloads=False``: without their payload JSON, each read when its
        ``payload()`` is asked for (a million-row batch's payloads are about 450 MB of text)."""
        wanted = None if states is None else list(states)
        found = self._read(sql.orders, batch, wanted, payloads)
        loader = None if payloads else self.order_payload_json
        return [order_record(r, loader) for r in found]

    def order_payload_json(self, po_number: str) -> str:
        """One order's payload as stored (JSON text)."""
        found = self._read(sql.order_payload, po_number)
        if not found:
            raise LedgerError(f"The ledger {self.path} holds no order {po_number}")
        return str(found[0][0])

    def order_payloads(self, batch: str, convert: Callable[[Iterable[tuple[str, str]]], T]) -> T:
        """Every order's (PO number, payload JSON) of ``batch`` in one read, through ``convert`` as they are
        fetched (a re-run adds up every line: 1,001 reads of one payload cost a tenth of it)."""
        found: T = self._read(sql.order_payloads, batch, convert)
        return found

    def order(self, po_number: str) -> OrderRecord | None:
        found = self._read(sql.order, po_number)
        return order_record(found[0]) if found else None

    def order_by_vendor_id(self, order_id: str) -> OrderRecord | None:
        """The order the vendor knows by ``order_id`` (webhooks name the vendor's id)."""
        found = self._read(sql.order_by_vendor_id, order_id)
        return order_record(found[0]) if found else None

    def last_event_id(self, batch: str) -> int:
        """The id of the batch's latest event (0: none): it grows with every change recorded of the batch."""
        found: int = self._read(sql.last_event_id, batch)
        return found

    def last_plan_dropped(self) -> int:
        """The id of the latest order of any batch cancelled before it was sent (0: none)."""
        found: int = self._read(sql.last_plan_dropped)
        return found

    def row_counts(self, batch: str) -> dict[str, int]:
        """{row status: count} over the batch's current rows."""
        return {r[0]: r[1] for r in self._read(sql.row_counts, batch)}

    def rows_skipped_saying(self, batch: str, reason: str) -> int:
        """How many of the batch's current rows are skipped for a reason opening with ``reason``."""
        found: int = self._read(sql.rows_skipped_saying, batch, reason)
        return found

    def row_counts_shown(self, batch: str) -> dict[str, int]:
        """:meth:`row_counts`, a row whose line the vendor ended before making its card counted "failed"."""
        return {r[0]: r[1] for r in self._read(sql.row_counts_shown, batch)}

    def rows_made_no_card(self, batch: str) -> list[tuple[str, str]]:
        """(fingerprint, PO) of ordered rows whose line the vendor ended Failed or Cancelled before anything
        shipped: no card exists for them (see :meth:`Ledger.resend_rows_made_no_card`)."""
        return [(str(r[0]), str(r[1])) for r in self._read(sql.rows_made_no_card, batch)]

    def order_counts(self, batch: str) -> dict[str, int]:
        return {r[0]: r[1] for r in self._read(sql.order_counts, batch)}

    def charged_on_orders(self, po_numbers: Sequence[str]) -> Decimal | None:
        """What the rows of ``po_numbers`` holding a card charged cost, summed exactly (reading only that
        column); None when one of them has no cost recorded (an older bulkship)."""
        amounts: dict[Any, Decimal | None] = {}
        total = Decimal("0")
        for (text,) in self._read(sql.charged_costs_on, po_numbers):
            if text not in amounts:
                amounts[text] = decimal_column(text)
            amount = amounts[text]
            if amount is None:
                return None
            total += amount
        return total

    def events(
        self,
        batch: str | None = None,
        po_number: str | None = None,
        limit: int | None = None,
        kinds: Sequence[str] | None = None,
    ) -> list[EventRecord]:
        return [event_record(r) for r in self._read(sql.events, batch, po_number, limit, kinds)]

    def left_out_items(self, batch: str) -> dict[str, dict[str, Any]]:
        """Fingerprint -> the line item each row of ``batch`` left out as sent elsewhere would have sent (a
        person's settlement: bulkship.resolve.elsewhere), the latest of each."""
        found: dict[str, dict[str, Any]] = {}
        for event in self.events(batch, kinds=["review_left_out"]):
            items = event.detail.get(LEFT_OUT_ITEMS)
            if isinstance(items, dict):
                found.update({fp: item for fp, item in items.items() if isinstance(item, dict)})
        return found

    def billed_on_orders(self, batch: str | None = None) -> dict[str, tuple[str, Decimal]]:
        """What the vendor bills on each order (of ``batch``, else of every batch) beside its lines (shipping
        or fees billed on the order, by its own total), as last read: PO -> (batch, amount), orders billing
        nothing left out."""
        latest = {e.po_number: e for e in self.events(batch, kinds=[BILLED_ON_ORDER]) if e.po_number}
        amounts = {po: (str(e.batch), Decimal(str(e.detail.get("amount") or 0))) for po, e in latest.items()}
        return {str(po): found for po, found in amounts.items() if found[1]}

    def billed_cards(self, batch: str | None = None) -> dict[str, BilledCards]:
        """Of what the vendor bills on each order beside its lines (:meth:`billed_on_orders`), the card
        lines it shows beyond its rows, as last read: PO -> cards; orders showing none left out."""
        latest = {e.po_number: e for e in self.events(batch, kinds=[BILLED_ON_ORDER]) if e.po_number}
        found = {po: BilledCards.from_json(e.detail.get(BILLED_CARDS)) for po, e in latest.items()}
        return {str(po): cards for po, cards in found.items() if cards is not None and cards.cost}

    def released_beside(self, batch: str) -> set[str]:
        """The vendor's orders of ``batch`` (PO numbers, in capitals) a person released rows beside: looked at
        then, they are no sign of a run sending the batch now."""
        events = self.events(batch, kinds=["review_released"])
        return {str(po).upper() for e in events for po in e.detail.get(RELEASED_BESIDE) or ()}

    def lines_answered(self, batch: str) -> dict[str, int]:
        """PO -> how many lines the vendor's order showed when a 409 answered this ledger's send of it with
        an order already there (the last such answer): another ledger's send may hold fewer lines than
        this one planned. Answers recorded before the count was kept: the lines tied to the order, when it
        was not this ledger's send."""
        found: dict[str, int] = {}
        for event in self.events(batch, kinds=["already_existed"]):
            shown = event.detail.get(VENDOR_LINES)
            if shown is None and event.detail.get("not_our_send"):
                shown = event.detail.get("lines")
            if event.po_number and isinstance(shown, int):
                found[event.po_number] = shown
        return found

    def latest_event(self, batch: str, kind: str) -> EventRecord | None:
        """The batch's most recent event of ``kind`` (e.g. the prices its money was broken down with)."""
        found = self._read(sql.latest_event, batch, kind)
        return event_record(found[0]) if found else None

    def upload_hashes(self) -> dict[str, set[str]]:
        """Batch -> the hashes of the files as uploaded that it was run from with cells corrected on the web
        page (its ``file_hash`` names each with its corrections)."""
        found: dict[str, set[str]] = {}
        for event in self.events(kinds=("batch_created", "batch_file_changed")):
            upload = event.detail.get("upload_hash")
            if upload and event.batch:
                found.setdefault(event.batch, set()).add(str(upload))
        return found

    def batch_sheet(self, batch: str, file_name: str | None = None) -> str | None:
        """The sheet of a workbook the batch's file was last read from; None for a CSV, or when a bulkship
        before the record of sheets ran it. ``file_name``: of the file of that name the batch was last read
        from (its list, where a Fix these run read the result workbook since)."""
        if file_name is not None:
            files = self.events(batch, kinds=("batch_created", "batch_file_changed"))
            of_it = next((e for e in reversed(files) if e.detail.get("file") == file_name), None)
            sheet = of_it.detail.get("sheet") if of_it is not None else None
            return str(sheet) if sheet else None
        read = [self.latest_event(batch, kind) for kind in ("batch_created", "batch_file_changed")]
        latest = max((e for e in read if e is not None), key=lambda e: e.id, default=None)
        sheet = latest.detail.get("sheet") if latest is not None else None
        return str(sheet) if sheet else None

    def max_seq(self, batch: str) -> int:
        return self._read(sql.max_seq, batch)

    def replan_count(self, base_po: str) -> int:
        """How many follow-up orders (``<PO>-R<n>``) were already derived from ``base_po``."""
        return self._read(sql.replan_count, base_po)

    # -- repeat checks (bulkship.repeats compares a run with every earlier batch) ------------------------

    def batches_holding_orders(self, states: Sequence[str] = LIVE_STATES) -> dict[str, str]:
        """Batches with at least one order in ``states`` (by default: to send, sent, or maybe sent): batch ->
        when its first such order was planned (ISO time)."""
        return {r[0]: r[1] for r in self._read(sql.batches_holding_orders, states)}

    def orders_since(
        self, since: str, *, exclude_batch: str, states: Sequence[str] = LIVE_STATES
    ) -> list[OrderRecord]:
        """Orders of the other batches in ``states`` planned since ``since`` (ISO time), oldest first."""
        return [order_record(r) for r in self._read(sql.orders_since, since, exclude_batch, states)]

    def lines_tied_since(
        self, since: str, *, exclude_batch: str, states: Sequence[str] = LIVE_STATES
    ) -> dict[str, dict[int, bool]]:
        """For the orders :meth:`orders_since` reads: PO -> line index -> whether the row tied to it holds a
        card (False: the vendor ended its line without one). Lines no row is tied to are not listed."""
        tied: dict[str, dict[int, bool]] = {}
        for po, line, no_card in self._read(sql.lines_tied_since, since, exclude_batch, states):
            tied.setdefault(str(po), {})[int(line)] = not no_card
        return tied
