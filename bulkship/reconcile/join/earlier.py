"""Rows of an earlier file that the file no longer holds but that hold money, or that the list left out (Do
Not Mail, Terminated...): shown after the file's rows, with a note saying so and to whom the card went, or
why it was not sent."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from ...ledger import BatchRecord, RowRecord
from ...payload import line_items
from ..sheets import RowOutcome
from .framerows import _FrameRows
from .view import LedgerView

GONE_NOTE = "ordered earlier; no longer in the file (row {row} of the earlier file{who})"
GONE_OPEN_NOTE = (
    "sent earlier, the vendor's answer was lost; no longer in the file (row {row} of the earlier file{who}). "
    "Re-running the same command resolves it with the same PO number"
)
GONE_REVIEW_NOTE = (
    "sent earlier, waiting for review; no longer in the file (row {row} of the earlier file{who}). Its order "
    "was created; see what the vendor holds and settle it: bulkship reconcile {batch} --review"
)
LEFT_OUT_EARLIER = "left out earlier: "
GONE_LEFT_OUT_NOTE = LEFT_OUT_EARLIER + "{reason}; no longer in the file (row {row} of the earlier file)"
OFF_SHEET_NOTE = (
    "missing from this Results sheet (deleted from it?): shown again, as every total counts it (row {row} of "
    "the file{who})"
)


def _earlier_rows(
    view: LedgerView, in_file: set[str], columns: Sequence[str], *, first_row: int
) -> list[tuple[int, list[str], str, RowOutcome]]:
    """Rows ordered (or sent, outcome unknown) by an earlier run that the file no longer holds, numbered
    after the file's last row: (row, original cells when the earlier workbook has them, fingerprint,
    outcome). Without them the Results would hide cards that were paid for (``total_cost`` counts them)."""
    gone = [
        record
        for record in view.rows_by_fingerprint.values()
        if record.fingerprint not in in_file and view.kept_once_gone(record)
    ]
    if not gone:
        return []
    gone.sort(key=lambda r: (r.row, r.fingerprint))
    cells_of = _earlier_cells(view.batch, {r.fingerprint for r in gone}, columns)
    found = []
    for offset, record in enumerate(gone):
        row = first_row + offset
        outcome = view.outcome(row, record.fingerprint)
        if outcome is None:
            continue
        cells = cells_of.get(record.fingerprint) or [""] * len(columns)
        found.append((row, cells, record.fingerprint, with_gone_note(view, record, outcome)))
    return found


def rows_off_the_sheet(
    view: LedgerView, shown: set[str], rows_taken: set[int], width: int
) -> list[tuple[int, list[str], str, RowOutcome]]:
    """Rows holding money that a result workbook's Results sheet no longer shows (a person deleted them
    there), for a rewrite of that workbook (``track``, the webhook receiver, its CSV twin): (row, empty
    cells, fingerprint, outcome). The run's workbook shows every such row (the file's, then
    :func:`_earlier_rows`); rebuilt from the sheet alone, its Summary counted 497 rows and their money where
    the ledger and the vendor held 500 (found by review21). A row of the file keeps its row number; one of
    an earlier file is numbered after the last row, as the run numbers it."""
    missing = sorted(
        (
            r
            for r in view.rows_by_fingerprint.values()
            if r.fingerprint not in shown
            and (view.holds_money(r) or (not r.current and view.kept_once_gone(r)))
        ),
        key=lambda r: (not r.current, r.row, r.fingerprint),
    )
    found = []
    taken = set(rows_taken)
    after = max(taken, default=1) + 1
    for record in missing:
        if record.current and record.row not in taken:
            row = record.row
        else:
            row, after = after, after + 1
        outcome = view.outcome(row, record.fingerprint)
        if outcome is None:
            continue
        taken.add(row)
        after = max(after, row + 1)
        found.append((row, [""] * width, record.fingerprint, with_off_sheet_note(view, record, outcome)))
    return found


def with_off_sheet_note(view: LedgerView, record: RowRecord, outcome: RowOutcome) -> RowOutcome:
    """The outcome of a row a rewrite put back on the Results sheet, saying so (each later rewrite keeps
    it); one of an earlier file says so as the run says it."""
    if not record.current:
        return with_gone_note(view, record, outcome)
    who = recipient_sent(view, record)
    note = OFF_SHEET_NOTE.format(row=record.row, who=f": {who}" if who else "")
    return replace(outcome, problems=f"{note}; {outcome.problems}" if outcome.problems else note)


def recipient_sent(view: LedgerView, record: RowRecord) -> str:
    """Who a row's card went to, as its order was sent (name, street, city, ZIP, ExternalId): what the
    result workbook says of a row of an earlier file, whose cells the file's columns may not show."""
    order = view.orders.get(record.po_number) if record.po_number else None
    if order is None or record.line_index is None:
        return ""
    items = line_items(order)
    if not 0 <= record.line_index < len(items):
        return ""
    item = items[record.line_index]
    address = item.get("PhysicalDeliveryAddress") or {}
    parts = (address.get(k) for k in ("Name", "AddressLine1", "City", "Zip"))
    who = ", ".join(str(p) for p in parts if p)
    reference = item.get("ExternalId")
    return f"{who} ({reference})" if who and reference else who


def with_gone_note(view: LedgerView, record: RowRecord, outcome: RowOutcome) -> RowOutcome:
    """The outcome of a row ordered (or sent, outcome unknown) from an earlier file, saying so and to whom
    (named even where the file's columns cannot show the earlier cells): the note is what tells the *Fix
    these* follow-up (bulkship.reconcile.fixsheet) that the row is not the file's."""
    who = recipient_sent(view, record)
    if record.status == "skipped":  # a person the list left out: why, never a card
        # (said once: the result workbook run as Fix these keeps the words as the row's reason)
        reason = (record.error or "").removeprefix(LEFT_OUT_EARLIER)
        note = GONE_LEFT_OUT_NOTE.format(reason=reason, row=record.row)
        return replace(outcome, problems=note)
    templates = {"ordered": GONE_NOTE, "review": GONE_REVIEW_NOTE}
    template = templates.get(record.status, GONE_OPEN_NOTE)
    batch = view.batch.name if view.batch else ""
    note = template.format(row=record.row, who=f": {who}" if who else "", batch=batch)
    problems = f"{note}; {outcome.problems}" if outcome.problems and record.status == "ordered" else note
    return replace(outcome, problems=problems)


def _earlier_cells(
    batch: BatchRecord | None, wanted: set[str], columns: Sequence[str]
) -> dict[str, list[str]]:
    """The original cells of ``wanted`` fingerprints, from the result workbook written before (matched by
    header name); empty when there is none or it cannot be read: the ledger's columns still show the card."""
    from ...errors import BulkshipError
    from ..sheets import read_result_workbook

    path = Path(batch.output) if batch is not None and batch.output else None
    if path is None or not path.exists():
        return {}
    try:
        existing = read_result_workbook(path)
    except (BulkshipError, OSError, ValueError):
        return {}
    position = {header: i for i, header in enumerate(existing.headers)}
    by_row = dict(existing.rows)
    found: dict[str, list[str]] = {}
    for row, fingerprint in existing.fingerprints.items():
        if fingerprint in wanted and row in by_row:
            old = by_row[row]
            found[fingerprint] = [
                old[position[c]] if c in position and position[c] < len(old) else "" for c in columns
            ]
    return found


class _WithEarlierRows:
    """The file's rows (a :class:`_FrameRows`), then rows only the ledger still has, with the same
    interface the workbook writer uses (sized, ``row_numbers``, ``column_block``, ``select``)."""

    def __init__(self, base: _FrameRows, extra: list[tuple[int, list[str]]]) -> None:
        self.base, self.extra = base, extra
        self._extra_cells = dict(extra)

    def __len__(self) -> int:
        return len(self.base) + len(self.extra)

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        yield from self.base
        yield from self.extra

    def row_numbers(self) -> list[int]:
        return [*self.base.row_numbers(), *(row for row, _ in self.extra)]

    def column_block(self, start: int, stop: int, width: int) -> list[list[str]]:
        size = len(self.base)
        block = self.base.column_block(start, min(stop, size), width) if start < size else None
        tail = [cells for _, cells in self.extra[max(start - size, 0) : max(stop - size, 0)]]
        tail_columns = [[cells[c] if c < len(cells) else "" for cells in tail] for c in range(width)]
        if block is None:
            return tail_columns
        return [column + more for column, more in zip(block, tail_columns, strict=True)]

    def select(self, rows: Sequence[int]) -> Iterator[tuple[int, list[str]]]:
        yield from self.base.select([r for r in rows if r not in self._extra_cells])
        yield from ((r, self._extra_cells[r]) for r in rows if r in self._extra_cells)
