"""Join ledger state back onto the source rows: the values behind the result workbook.

Two ways in:

* right after a run, from the :class:`~bulkship.models.LoadedSheet` and
  :class:`~bulkship.models.ValidationResult` in hand (:func:`book_from_run`);
* later (``bulkship track``, the webhook receiver), from the result workbook written before, whose hidden
  key sheet maps each spreadsheet row to its ledger fingerprint (:func:`book_from_existing`).

Either way the ledger is the truth for everything the vendor said; the workbook (or validation) is the
truth for the user's original cells and for validation problems. Nothing here writes to the ledger.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from ..celltypes import TYPED, typed_values
from ..ledger import BatchRecord, Ledger, OrderRecord, RowRecord
from ..models import FINGERPRINT, STATUS, Catalog, LoadedSheet, Problem, ValidationResult
from ..money import Breakdown, MoneyTally
from ..payload import line_items, sent_lines
from ..statuses import (
    CHARGED,
    IN_DOUBT,
    JUDGED_STATUSES,
    MONEY_BUCKETS,
    NO_CARD_STATUSES,
    TO_SEND,
    duplicate_keys,
    duplicate_note,
)
from .sheets import (
    SANDBOX_API,
    ExistingResults,
    OrderSummary,
    ResultBook,
    RowOutcome,
    RunInfo,
    merge_outcome,
)

VENDOR_LINE_STATUSES = ("pending", "complete", "shipped", "delivered", "failed")
UNSETTLED_ORDER_STATES = ("planned", "sending", "unknown")
IN_DOUBT_ORDER_STATES = ("sending", "unknown")  # sent, no definite answer: may be charged
ORDER_SHEET_STATES = ("created", "sending", "unknown", "planned")  # orders holding money of any bucket
PRICES_EVENT = "prices"
COST_UNKNOWN_NOTE = (
    "cost unknown: the ledger holds no price for this row (recorded by an older bulkship); totals leave it "
    "out and say so"
)


class _Line(NamedTuple):  # a tuple: a 100k-row batch has 100k of them
    product: str
    shipping_method: str
    value: Decimal
    quantity: int


@dataclass(frozen=True)
class Prices:
    """The catalog figures that split a line's total into face value, discount, fees and shipping: each
    product's fee per card and each shipping method's price. Recorded in the ledger when a run writes its
    workbook, so that ``status``, ``track`` and the webhook receiver (which may have no catalog) break the
    money down the same way."""

    fees: Mapping[str, Decimal]
    shipping: Mapping[str, Decimal]
    _seen: dict[tuple[_Line, Decimal], Breakdown] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> Prices:
        return cls(
            {key: p.fee for key, p in catalog.products.items()},
            {key: m.price for key, m in catalog.shipping_methods.items()},
        )

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Prices:
        def amounts(part: Any) -> dict[str, Decimal]:
            return {str(k): Decimal(str(v)) for k, v in (part or {}).items()}

        return cls(amounts(data.get("fees")), amounts(data.get("shipping")))

    def as_json(self) -> dict[str, dict[str, str]]:
        return {
            "fees": {k: str(v) for k, v in sorted(self.fees.items())},
            "shipping": {k: str(v) for k, v in sorted(self.shipping.items())},
        }

    def fee(self, product: str) -> Decimal:
        return self.fees.get(product, self.fees.get(product.upper(), Decimal(0)))

    def breakdown(self, line: _Line, total: Decimal) -> Breakdown:
        """Worked out once per kind of line and total (a batch has few): Decimal sums cost µs each."""
        key = (line, total)
        found = self._seen.get(key)
        if found is None:
            face = line.value * line.quantity
            fees = self.fee(line.product) * line.quantity
            found = Breakdown.of(total, face, fees, self.shipping.get(line.shipping_method, Decimal(0)))
            if len(self._seen) < 100_000:
                self._seen[key] = found
        return found


NO_PRICES = Prices({}, {})


def _payload_lines(order: OrderRecord, values: dict[Any, Decimal] | None = None) -> list[_Line]:
    """The order's line items as sent. ``values`` caches ``Decimal(str(Value))`` across orders."""
    return [
        _Line(ln.product_id, ln.shipping_method, ln.value, ln.quantity) for ln in sent_lines(order, values)
    ]


def row_status(record: RowRecord, order: OrderRecord | None) -> str:
    """The status a person sees: the vendor's own line status once the order exists (one bulkship does not
    know is shown as the vendor wrote it, never taken for another); ``in doubt`` while the row's order was
    sent without a definite answer; ``needs review`` for a row held for a person."""
    if record.status == "ordered":
        line = (record.line_status or "").lower()
        if not line and order is not None and (order.status or "").lower() in NO_CARD_STATUSES:
            return (order.status or "").lower()  # the order's word, its lines silent: see ORDER_ONLY_NOTE
        return line or "ordered"
    if record.status == "review":
        return "needs review"
    if record.status == "planned" and order is not None and order.state in IN_DOUBT_ORDER_STATES:
        return "in doubt"
    return record.status


FAILED_AT_VENDOR_NOTE = (
    "The vendor's order {po} failed for this card before anything shipped: no card was made. Re-run the same "
    "command to send it again under a new PO number"
)


ORDER_ONLY_NOTE = (
    "The vendor shows order {po} {status}, but its lines say nothing of this card: it may have been made. "
    "Ask the vendor before sending it again; nothing is re-sent by itself"
)


def made_no_card(record: RowRecord) -> bool:
    """An ordered row whose line the vendor ended Failed or Cancelled before anything shipped (no tracking
    number, no shipped date): proof from the line itself that no card exists, so the row holds no money
    and the next run sends it again (a card returned after shipping is not: it was made)."""
    return (
        record.status == "ordered"
        and (record.line_status or "").lower() in NO_CARD_STATUSES
        and not record.tracking_number
        and not record.shipped_date
    )


def money_bucket(record: RowRecord, order: OrderRecord | None) -> str:
    """Where the row's money is (see :mod:`bulkship.statuses`); "" when the row holds none."""
    if record.status == "ordered":
        return "" if made_no_card(record) else CHARGED
    if record.status != "planned" or not record.po_number:  # (a cost not recorded is unknown, not none)
        return ""
    if order is not None and order.state in IN_DOUBT_ORDER_STATES:
        return IN_DOUBT
    return TO_SEND


def _unsettled_note(order: OrderRecord | None) -> str:
    if order is None or order.state not in UNSETTLED_ORDER_STATES:
        return ""
    if order.state == "planned":
        return f"Not sent yet{': ' + order.error if order.error else ''}. Re-run the same command to send it."
    return (
        "In doubt: sent, but the vendor's answer was lost, so it may be charged; re-running the same command "
        "asks the vendor with the same PO number."
    )


def outcome_from_ledger(
    row: int,
    record: RowRecord,
    order: OrderRecord | None,
    lines: Sequence[_Line],
    normalised: str = "",
    prices: Prices | None = None,
) -> RowOutcome:
    index = record.line_index
    line = lines[index] if order is not None and index is not None and 0 <= index < len(lines) else None
    status = row_status(record, order)
    problems = record.error or ""
    if made_no_card(record):
        problems = problems or FAILED_AT_VENDOR_NOTE.format(po=record.po_number)
    elif record.status == "ordered" and status in NO_CARD_STATUSES and not record.line_status:
        problems = problems or ORDER_ONLY_NOTE.format(po=record.po_number, status=status.capitalize())
    if status in ("planned", "in doubt"):
        problems = problems or _unsettled_note(order)
    bucket = money_bucket(record, order)
    money = None
    if bucket and record.cost is None:
        problems = "; ".join(filter(None, [problems, COST_UNKNOWN_NOTE]))
    elif bucket and record.cost is not None:
        money = (
            prices.breakdown(line, record.cost)
            if line is not None and prices is not None
            else Breakdown(total=record.cost, face_value=line.value * line.quantity if line else Decimal(0))
        )
    return RowOutcome(
        row=row,
        status=status,
        problems=problems,
        normalised=normalised,
        po_number=record.po_number or "",
        order_id=(order.vendor_order_id or "") if order and record.status == "ordered" else "",
        line_item_id=record.line_item_id or "",
        cost=money.total if money else None,
        carrier=record.carrier or "",
        tracking_number=record.tracking_number or "",
        tracking_url=record.tracking_url or "",
        shipped_date=record.shipped_date or "",
        delivered_date=record.delivered_date or "",
        product=line.product if line else "",
        shipping_method=line.shipping_method if line else "",
        face_value=money.face_value if money else None,
        cards=line.quantity if line and bucket else 0,
        money=bucket,  # with no figures when the cost is unknown (RowOutcome.cost_unknown)
        discount=money.discount if money else None,
        fees=money.fees if money else None,
        shipping=money.shipping if money else None,
    )


class LedgerView:
    """One batch's rows and orders, read from the ledger once (two queries), then looked up in memory.

    ``catalog`` prices the money breakdown; without it, the prices recorded by the batch's last run."""

    def __init__(self, ledger: Ledger, batch: str, catalog: Catalog | None = None) -> None:
        self.batch: BatchRecord | None = ledger.batch(batch)
        self.rows_by_fingerprint: dict[str, RowRecord] = {r.fingerprint: r for r in ledger.batch_rows(batch)}
        # payloads are read one order at a time, when its lines are first wanted (``lines``)
        self.orders: dict[str, OrderRecord] = {o.po_number: o for o in ledger.orders(batch, payloads=False)}
        self.prices = Prices.from_catalog(catalog) if catalog is not None else recorded_prices(ledger, batch)
        self._lines: dict[str, list[_Line]] = {}
        self._values: dict[Any, Decimal] = {}
        self._same_lines: dict[_Line, _Line] = {}  # a million lines are a few kinds: each kind held once

    def lines(self, po_number: str) -> list[_Line]:
        lines = self._lines.get(po_number)
        if lines is None:
            order = self.orders.get(po_number)
            share = self._same_lines.setdefault
            found = _payload_lines(order, self._values) if order else []
            lines = self._lines[po_number] = [share(line, line) for line in found]
        return lines

    def outcome(self, row: int, fingerprint: str, normalised: str = "") -> RowOutcome | None:
        """The row as the ledger knows it (``normalised``: what validation changed, which it does not)."""
        record = self.rows_by_fingerprint.get(fingerprint)
        if record is None:
            return None
        return self.outcome_of(row, record, normalised)

    def outcome_of(self, row: int, record: RowRecord, normalised: str = "") -> RowOutcome:
        order = self.orders.get(record.po_number) if record.po_number else None
        lines = self.lines(record.po_number or "")
        return outcome_from_ledger(row, record, order, lines, normalised, self.prices)

    def latest_by_row(self) -> dict[int, RowRecord]:
        """Fallback when fingerprints are unknown: per spreadsheet row, the most recently updated record."""
        best: dict[int, RowRecord] = {}
        for record in self.rows_by_fingerprint.values():
            rank = (getattr(record, "current", True), record.updated)
            held = best.get(record.row)
            if held is None or rank > (getattr(held, "current", True), held.updated):
                best[record.row] = record
        return best

    def current_rows(self) -> list[RowRecord]:
        """The rows of the file of the latest run (older versions of fixed rows left out)."""
        return [r for r in self.rows_by_fingerprint.values() if getattr(r, "current", True)]

    def holds_money(self, record: RowRecord) -> bool:
        """Charged, or sent with the answer lost: a row the result must show even once out of the file."""
        if record.status == "ordered":
            return True
        order = self.orders.get(record.po_number) if record.po_number else None
        return order is not None and order.state in IN_DOUBT_ORDER_STATES

    def shown_rows(self) -> list[RowRecord]:
        """Every row the result workbook shows: the current file's rows, then rows of earlier files that
        hold money (see :func:`_earlier_rows`)."""
        return [r for r in self.rows_by_fingerprint.values() if r.current or self.holds_money(r)]

    def order_summaries(self, catalog: Catalog | None = None) -> list[OrderSummary]:
        """The orders that hold money, in PO order; their figures are added up from their rows when the
        workbook is written (one sum, shown twice)."""
        summaries = []
        for order in self.orders.values():
            if order.state not in ORDER_SHEET_STATES:
                continue
            if order.state == "created":
                status, bucket = order.status or "", CHARGED
            elif order.state == "planned":
                status, bucket = "not sent yet", TO_SEND
            else:
                status, bucket = "in doubt (re-run resolves)", IN_DOUBT
            summaries.append(
                OrderSummary(
                    po_number=order.po_number,
                    order_id=order.vendor_order_id or "",
                    status=status,
                    line_items=order.lines,
                    money=bucket,
                )
            )
        return summaries


def recorded_prices(ledger: Ledger, batch: str) -> Prices:
    event = ledger.latest_event(batch, PRICES_EVENT)
    return Prices.from_json(event.detail) if event is not None else NO_PRICES


def record_prices(ledger: Ledger, batch: str, catalog: Catalog) -> None:
    """Keep the prices this batch's money was broken down with (only when they changed)."""
    prices = Prices.from_catalog(catalog).as_json()
    event = ledger.latest_event(batch, PRICES_EVENT)
    if event is None or event.detail != prices:
        ledger.log_event(batch, None, PRICES_EVENT, **prices)


def money_by_bucket(view: LedgerView) -> dict[str, MoneyTally]:
    """The batch's money by bucket, from the ledger alone: what ``status`` and ``run`` report, and what the
    result workbook's rows add up to."""
    tallies = {bucket: MoneyTally() for bucket in MONEY_BUCKETS}
    for record in view.shown_rows():
        outcome = view.outcome_of(record.row, record)
        if outcome.cost_unknown:
            tallies[outcome.money].add_unknown(outcome.cards, outcome.po_number)
        elif outcome.money:
            tallies[outcome.money].add(outcome.breakdown(), outcome.cards, outcome.po_number)
    return tallies


def counts_by_row_status(view: LedgerView) -> dict[str, int]:
    """Rows by the status a person sees, over the rows the result workbook shows."""
    counts: dict[str, int] = {}
    for record in view.shown_rows():
        status = row_status(record, view.orders.get(record.po_number or ""))
        counts[status] = counts.get(status, 0) + 1
    return counts


def _problem_text(problem: Problem, headers: Mapping[str, str]) -> str:
    """A problem as said in its row's cell, naming its column by the sheet's own header ("ZIP"), never by
    bulkship's field name ("zip")."""
    if "column '" in problem.message:
        return problem.message
    return f"{headers.get(problem.column, problem.column)}: {problem.message}"


def _problems_by_row(
    problems: Iterable[Problem], normalised_rows: Any, headers: Mapping[str, str]
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Errors and changes of each row, in words; ``headers``: field -> the sheet's header for it."""
    errors: dict[int, list[str]] = {}
    changes: dict[int, list[str]] = {}
    columns = set(normalised_rows.columns)
    for problem in problems:
        if problem.severity == "error":
            errors.setdefault(problem.row, []).append(_problem_text(problem, headers))
            continue
        new_value = None
        if problem.column in columns and problem.row in normalised_rows.index:
            new_value = normalised_rows.at[problem.row, problem.column]
        if new_value is not None and str(new_value) != problem.value:
            header = headers.get(problem.column, problem.column)
            changes.setdefault(problem.row, []).append(f"{header}: {problem.value} → {new_value}")
        else:
            changes.setdefault(problem.row, []).append(_problem_text(problem, headers))
    return errors, changes


def run_info(
    ledger: Ledger, batch: BatchRecord | None, *, batch_name: str, api: str | None, input_file: str = ""
) -> RunInfo:
    return RunInfo(
        batch=batch_name,
        input_file=input_file or (batch.file_name if batch else ""),
        input_hash=batch.file_hash if batch else "",
        ledger=str(ledger.path),
        run_time=datetime.now(UTC).isoformat(timespec="seconds"),
        api=api or SANDBOX_API,
        input_files=input_files(ledger, batch_name),
    )


def input_files(ledger: Ledger, batch: str) -> tuple[tuple[str, str], ...]:
    """Every file the batch was run from, first to last: (file name, SHA-256), each once."""
    seen: dict[tuple[str, str], None] = {}
    for event in ledger.events(batch=batch):
        if event.kind in ("batch_created", "batch_file_changed"):
            seen.setdefault((str(event.detail.get("file", "")), str(event.detail.get("file_hash", ""))))
    return tuple(seen)


def book_from_run(
    ledger: Ledger,
    batch: str,
    validation: ValidationResult,
    *,
    api: str | None,
    catalog: Catalog | None = None,
) -> ResultBook:
    """The result workbook's content right after ``bulkship run`` (or a dry run: rows not yet in the ledger
    show what validation judged)."""
    sheet: LoadedSheet = validation.sheet
    view = LedgerView(ledger, batch, catalog)
    frame = validation.rows
    # validation's problems hold the sheet's read problems already: each said once in the row's cell
    headers = {field: header for header, field in sheet.column_map.items()}
    problems = dict.fromkeys((*sheet.read_problems, *validation.problems))
    errors, changes = _problems_by_row(problems, frame, headers)
    index = [int(r) for r in frame.index.tolist()]
    keys, repeats = ledger_keys(frame)
    fingerprints = dict(zip(index, keys, strict=True))
    statuses = dict(zip(index, map(str, frame[STATUS].tolist()), strict=True))
    skipped = {s.row: s.reason for s in sheet.skipped}  # hidden rows, totals rows, notes: why not ordered
    judge = _RunJudge(view, errors, changes, fingerprints, statuses, skipped, repeats)
    outcomes = _RunOutcomes(sheet.frame.index, judge.outcome)
    columns = list(sheet.headers)
    rows: Any = _frame_rows(sheet.frame, columns, sheet.cell_types)
    earlier = _earlier_rows(view, set(fingerprints.values()), columns, first_row=max(index, default=0) + 1)
    if earlier:  # money the file no longer shows: still one row each, after the file's rows
        for row, _cells, fingerprint, outcome in earlier:
            outcomes.earlier[row] = outcome
            fingerprints[row] = fingerprint
        rows = _WithEarlierRows(rows, [(row, cells) for row, cells, _fp, _o in earlier])
    info = run_info(ledger, view.batch, batch_name=batch, api=api, input_file=sheet.path)
    return ResultBook(
        headers=tuple(columns),
        rows=rows,
        outcomes=outcomes,
        orders=view.order_summaries(catalog),
        info=info,
        fingerprints=fingerprints,
    )


@dataclass(frozen=True)
class _RunJudge:
    """Each row's outcome right after a run: the ledger's view of it with validation's normalisations, or
    validation's own words for rows it judged (invalid, duplicate, skipped and not ordered before)."""

    view: LedgerView
    errors: dict[int, list[str]]
    changes: dict[int, list[str]]
    fingerprints: dict[int, str]
    statuses: dict[int, str]
    skipped: dict[int, str]
    repeats: dict[int, int]

    def outcome(self, row: int) -> RowOutcome:
        changes, skipped = self.changes, self.skipped
        normalised = "; ".join(changes[row]) if row in changes else ""
        fingerprint = self.fingerprints.get(row)
        judged = self.statuses.get(row, "valid")
        # The ledger's view with validation's normalisations: what merge_outcome(judged, it) gives, built
        # once (the ledger never holds normalisations). A row skipped now but ordered before (hidden since)
        # still shows its card.
        use_ledger = fingerprint is not None and (judged not in JUDGED_STATUSES or judged == "skipped")
        from_ledger = self.view.outcome(row, fingerprint, normalised) if fingerprint and use_ledger else None
        if from_ledger is not None and from_ledger.status not in JUDGED_STATUSES:
            if row in skipped:
                note = f"ordered before; now {skipped[row]}"
                from_ledger = replace(
                    from_ledger, problems="; ".join(filter(None, [note, from_ledger.problems]))
                )
            return from_ledger
        # validation's own words are richer than the ledger's summary of invalid and duplicate rows
        problems = self.errors.get(row, [])
        if row in skipped:
            problems = [skipped[row], *problems]
        if row in self.repeats:  # no PO, line or cost of its own: the row it repeats has them
            problems = [duplicate_note(self.repeats[row]), *problems]
        return RowOutcome(
            row=row,
            status="planned" if judged == "valid" else judged,
            problems="; ".join(problems),
            normalised=normalised,
        )


class _RunOutcomes(Mapping[int, RowOutcome]):
    """The file's rows' outcomes, each worked out when asked (the workbook asks twice: to add up, then to
    write), not held: a million RowOutcome objects cost ~300 MB beside the ledger view they come from. Rows
    of earlier files that hold money (few) are held in ``earlier``."""

    def __init__(self, rows: Any, outcome_of: Callable[[int], RowOutcome]) -> None:
        self.rows = rows  # the sheet's row numbers (a pandas Index: its look-ups are hashed)
        self.outcome_of = outcome_of
        self.earlier: dict[int, RowOutcome] = {}

    def __getitem__(self, row: int) -> RowOutcome:
        if row in self.earlier:
            return self.earlier[row]
        if row not in self.rows:
            raise KeyError(row)
        return self.outcome_of(int(row))

    def __iter__(self) -> Iterator[int]:
        yield from (int(row) for row in self.rows.tolist())
        yield from self.earlier

    def __len__(self) -> int:
        return len(self.rows) + len(self.earlier)


def for_the_workbook(validation: ValidationResult) -> ValidationResult:
    """The part of a validation :func:`book_from_run` reads, once the rows are planned: each row's status and
    key, and the columns its warnings name (their new values are shown). The other normalised columns of a
    million-row file (names, addresses, e-mails...) cost a few hundred MB for the rest of the run."""
    frame = validation.rows
    named = {p.column for p in validation.problems if p.severity != "error"}
    kept = [c for c in frame.columns if c in (STATUS, FINGERPRINT) or c in named]
    if len(kept) == len(frame.columns):
        return validation
    return replace(validation, rows=frame[kept].copy())  # a copy: a view would keep every column alive


def ledger_keys(frame: Any) -> tuple[list[str], dict[int, int]]:
    """Each row's key in the ledger, in frame order (its fingerprint; a duplicate row's own key, see
    :func:`bulkship.statuses.duplicate_keys`), and for each duplicate row the row it repeats."""
    keys = list(map(str, frame[FINGERPRINT].tolist()))
    duplicate = frame[STATUS].eq("duplicate")
    if not duplicate.any():
        return keys, {}
    rows = [int(r) for r in frame.index.tolist()]
    found = duplicate_keys(rows, keys, list(map(str, frame[STATUS].tolist())))
    position = {row: i for i, row in enumerate(rows)}
    for row, (key, _first) in found.items():
        keys[position[row]] = key
    return keys, {row: first for row, (_key, first) in found.items()}


GONE_NOTE = "ordered earlier; no longer in the file (row {row} of the earlier file{who})"
GONE_OPEN_NOTE = (
    "sent earlier, the vendor's answer was lost; no longer in the file (row {row} of the earlier file{who}). "
    "Re-running the same command resolves it with the same PO number"
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
        if record.fingerprint not in in_file and view.holds_money(record)
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
    template = GONE_NOTE if record.status == "ordered" else GONE_OPEN_NOTE
    note = template.format(row=record.row, who=f": {who}" if who else "")
    problems = f"{note}; {outcome.problems}" if outcome.problems and record.status == "ordered" else note
    return replace(outcome, problems=problems)


def _earlier_cells(
    batch: BatchRecord | None, wanted: set[str], columns: Sequence[str]
) -> dict[str, list[str]]:
    """The original cells of ``wanted`` fingerprints, from the result workbook written before (matched by
    header name); empty when there is none or it cannot be read: the ledger's columns still show the card."""
    from ..errors import BulkshipError
    from .sheets import read_result_workbook

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


class _FrameRows:
    """The sheet's original cells, row by row, without copying the frame (sized, so sheets can be split
    up front). Cells are converted to Python strings a chunk of rows at a time: iterating a pandas string
    column cell by cell costs about ten times more, and converting the whole frame at once would double the
    memory of a million-row sheet."""

    CHUNK_ROWS = 20_000
    FIRST_CHUNK_ROWS = 1_000

    def __init__(self, frame: Any, columns: Sequence[str], types: Any = None) -> None:
        self.frame, self.columns = frame, list(columns)
        # the typed cells (bulkship.celltypes codes by header): given back as numbers, dates... not text
        self.types: dict[int, Any] = {}
        if types is not None and len(types.columns):
            if not types.index.equals(frame.index):  # rows left out or added since loading
                types = types.reindex(frame.index, fill_value=0)
            position = {header: at for at, header in enumerate(self.columns)}
            self.types = {position[h]: types[h].to_numpy() for h in types.columns if h in position}

    def _typed_chunk(self, chunk: Any, start: int, stop: int) -> Any:
        """A chunk of rows (2-D object array) with its typed cells turned back into values."""
        for at, codes in self.types.items():
            if at < chunk.shape[1]:
                chunk[:, at] = typed_values(chunk[:, at].tolist(), codes[start:stop])
        return chunk

    def __len__(self) -> int:
        return len(self.frame)

    def _cells(self) -> Any:
        present = [c for c in self.columns if c in self.frame.columns]
        # duplicate or missing header texts: fall back on positions
        return self.frame[present] if present == self.columns else self.frame

    @staticmethod
    def _texts(values: list[Any]) -> list[Any]:
        """Blanks (None, NaN) as ''; typed cells (celltypes) kept; anything else as text."""
        return [
            v if type(v) is str else "" if v is None or v != v else v if type(v) in TYPED else str(v)
            for v in values
        ]

    def __iter__(self) -> Any:
        cells = self._cells()
        rows = self.row_numbers()
        # a small first chunk: the workbook writer often reads only the first few hundred rows (for widths)
        start, size = 0, self.FIRST_CHUNK_ROWS
        while start < len(rows):
            chunk = cells.iloc[start : start + size].to_numpy(dtype=object, na_value="")
            chunk = self._typed_chunk(chunk, start, start + len(chunk))
            for row, values in zip(rows[start : start + size], chunk.tolist(), strict=True):
                yield row, self._texts(values)
            start, size = start + size, self.CHUNK_ROWS

    def column_block(self, start: int, stop: int, width: int) -> list[list[str]]:
        """Rows ``start:stop`` column by column: ``width`` columns of the same texts iteration gives (cut
        or padded with empty columns to ``width``)."""
        cells = self._cells()
        block = [
            self._column_texts(cells.iloc[start:stop, col].to_numpy(dtype=object, na_value="").tolist())
            for col in range(min(width, cells.shape[1]))
        ]
        for at, codes in self.types.items():
            if at < len(block):
                block[at] = typed_values(block[at], codes[start:stop])
        block.extend([[""] * (stop - start) for _ in range(width - len(block))])
        return block

    @classmethod
    def _column_texts(cls, values: list[Any]) -> list[str]:
        try:
            "".join(values)  # every value text: the usual case, kept as it is
        except TypeError:
            return cls._texts(values)
        return values

    def row_numbers(self) -> list[int]:
        """The spreadsheet row numbers, in order, without converting any cell."""
        return [int(r) for r in self.frame.index.tolist()]

    def select(self, rows: Sequence[int]) -> Iterator[tuple[int, list[str]]]:
        """(row, cells) for just these spreadsheet rows (from :meth:`row_numbers`), in the order given."""
        cells = self._cells()
        positions = self.frame.index.get_indexer(list(rows))
        for start in range(0, len(positions), self.CHUNK_ROWS):
            part = positions[start : start + self.CHUNK_ROWS]
            chunk = cells.iloc[part].to_numpy(dtype=object, na_value="")
            for at, codes in self.types.items():
                if at < chunk.shape[1]:
                    chunk[:, at] = typed_values(chunk[:, at].tolist(), codes[part])
            for row, values in zip(rows[start : start + self.CHUNK_ROWS], chunk.tolist(), strict=True):
                yield row, self._texts(values)


def _frame_rows(frame: Any, columns: Sequence[str], types: Any = None) -> _FrameRows:
    return _FrameRows(frame, columns, types)


def book_from_existing(
    ledger: Ledger,
    batch: str,
    existing: ExistingResults,
    *,
    api: str | None,
    catalog: Catalog | None = None,
) -> ResultBook:
    """The result workbook's content refreshed from the ledger, keeping the original cells and validation
    notes the earlier workbook holds."""
    view = LedgerView(ledger, batch, catalog)
    fallback = view.latest_by_row() if not existing.fingerprints else {}
    outcomes: dict[int, RowOutcome] = {}
    for row, _cells in existing.rows:
        previous = existing.outcomes[row]
        fingerprint = existing.fingerprints.get(row)
        if previous.status in JUDGED_STATUSES:
            update = None  # validation's judgement; a duplicate's fingerprint names the row it repeats
        elif fingerprint:
            update = view.outcome(row, fingerprint)
            record = view.rows_by_fingerprint.get(fingerprint)
            if update is not None and record is not None and not record.current and view.holds_money(record):
                update = with_gone_note(view, record, update)  # a rewrite (track) keeps saying so
        elif row in fallback:
            update = view.outcome(row, fallback[row].fingerprint)
        else:
            update = None
        if update is not None and update.status in JUDGED_STATUSES:
            update = None
        outcomes[row] = merge_outcome(previous, update)
    info = replace(run_info(ledger, view.batch, batch_name=batch, api=api), paper=existing.paper)
    return ResultBook(
        headers=existing.headers,
        rows=existing.rows,
        outcomes=outcomes,
        orders=view.order_summaries(catalog),
        info=info,
        fingerprints=existing.fingerprints,
    )


def counts_by_status(outcomes: Mapping[int, RowOutcome]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for outcome in outcomes.values():
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    return counts
