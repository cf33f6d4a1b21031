"""What :func:`bulkship.resume.sync_ledger` writes to the ledger: each row of the file as recorded
(:func:`row_updates`) and the new orders planned for the rows without a live order (:func:`plan_records`),
made one order at a time as the ledger reads them."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from .ledger import ELSEWHERE, PlannedLineRecord, PlannedOrderRecord, RowUpdate
from .models import ROW, STATUS, Catalog, PlannedOrder, ValidationResult
from .plan import batch_po_pattern, next_seq, order_seq, plan_orders_lazily, po_stem
from .reconcile.join import ledger_keys
from .repeats import HELD
from .statuses import duplicate_note


def row_updates(
    validation: ValidationResult,
    holds: dict[str, str],
    elsewhere: dict[str, str],
    cards: Mapping[str, tuple[str, str | None, str]] | None = None,
) -> list[RowUpdate]:
    """Each row of the file as the ledger records it: planned (valid), held, sent elsewhere, invalid or
    duplicate, and why; a row held for the very card another batch made with that card (``cards``:
    :func:`bulkship.repeats.find_holds`)."""
    cards = cards or {}
    frame, sheet = validation.rows, validation.sheet
    keys, repeated = ledger_keys(frame)  # a duplicate row is recorded under its own key, not its original's
    skip_reasons = {s.row: s.said for s in sheet.skipped}  # (a held row's with its day)
    updates = []
    for key, row, status in zip(keys, frame.index.tolist(), frame[STATUS].tolist(), strict=True):
        if key in holds:
            updates.append(RowUpdate(key, int(row), HELD, holds[key], cards.get(key)))
            continue
        if key in elsewhere:
            updates.append(RowUpdate(key, int(row), ELSEWHERE, elsewhere[key]))
            continue
        note = (
            duplicate_note(repeated[int(row)])
            if repeated and int(row) in repeated
            else skip_reasons.get(int(row))  # a skipped row is recorded like an invalid one, with why
        )
        updates.append(RowUpdate(key, int(row), "planned" if status == "valid" else str(status), note))
    return updates


def plan_records(
    to_plan: Any,
    catalog: Catalog,
    orders: dict[str, Any],
    *,
    seen: Collection[str] = (),
    po_prefix: str,
    batch: str,
    max_lines: int,
    webhook_url: str | None,
    note: str = "",
) -> tuple[int, Iterator[PlannedOrderRecord]]:
    """Plan ``to_plan`` after the batch's existing ``orders`` and the vendor's PO numbers of the batch a
    person released rows beside (``seen``): how many new orders, and the ledger's records of them. Every row
    is checked here (errors are raised now); the records are made one order at a time as the ledger reads
    them, so that no more than one order's lines and payload dict are held at once. ``note``: the Note each
    new order carries (the ledger placing it: :mod:`bulkship.ordernote`)."""
    if ROW not in to_plan.columns:
        to_plan = to_plan.assign(**{ROW: to_plan.index})
    stem = po_stem(po_prefix, batch)
    # another ledger's orders made since this one last read them: numbered into them, released rows drew a
    # 409 and were held again at every release and run (found by hunter-vendor18, two copies of a list)
    ours = batch_po_pattern(stem)
    first_seq = next_seq([*orders, *(po for po in seen if ours.fullmatch(po))], stem)
    planned = plan_orders_lazily(
        to_plan, catalog, po_prefix=po_prefix, batch=batch, max_lines=max_lines, first_seq=first_seq
    )
    return len(planned), _order_records(planned, webhook_url, note)


def _order_records(
    planned: Iterable[PlannedOrder], webhook_url: str | None, note: str = ""
) -> Iterator[PlannedOrderRecord]:
    for order in planned:
        line_costs = [ln.cost for ln in order.lines]  # order.cost is their sum; worked out once
        yield PlannedOrderRecord(
            po_number=order.po_number,
            seq=order_seq(order.po_number),
            base_po=order.po_number,
            payload=order.payload(webhook_url, note=note),
            cost=sum(line_costs, Decimal("0")),
            lines=[
                PlannedLineRecord(ln.fingerprint, i, ln.external_id, cost)
                for i, (ln, cost) in enumerate(zip(order.lines, line_costs, strict=True))
            ],
        )
