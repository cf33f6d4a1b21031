"""The pipeline: load → validate → plan → (confirm) → submit → wait a bounded time → result workbook.

``run_batch`` is everything ``bulkship run`` does, as a library call (it parses no flags and prints nothing;
the plan summary and progress reach the caller through callbacks). Re-running the same call resumes:

* the ledger is locked for the whole run (a second process gets LedgerLockedError);
* a batch already complete for this exact file (same SHA-256, nothing planned, unknown or failed) is answered
  from the ledger alone, without reading the sheet or calling the vendor;
* orders left ``sending``/``unknown`` are resolved with their own PO number first; ``planned`` orders whose
  rows are all still present and valid keep their PO number and payload; a ``planned`` order whose rows
  changed never left, so it is cancelled and its rows are planned again;
* valid rows without a live order (new, fixed, or failed before) are planned with sequence numbers after the
  highest one used, then sent.

Batch identity (``BatchConflictError``, exit 2, nothing sent):

* same file name or any row already ordered present → an edit of the batch's file: accepted; a changed row
  already ordered is recognised by its content, not its row number (:mod:`bulkship.repeats`: held as a
  probable edit of that row, wherever it now sits);
* otherwise (another file name sharing no ordered row) it may be the result workbook's "Fix these" sheet:
  accepted when it has no more new rows than the batch has rows needing the user (invalid/failed/held),
  else refused as a different file.

Repeats of other batches (the same file or rows under another batch name, a near-identical batch name, a
card another batch ordered within the window) are refused or held by :mod:`bulkship.repeats` before
anything is planned, unless ``allow_repeat``.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hashlib
import os
import re
import shlex
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .batchapi import api_identity, check_batch_api
from .errors import (
    BatchConflictError,
    BulkshipError,
    ConfigError,
    FileFormatError,
    SpendLimitError,
    VendorError,
)
from .ledger import (
    OPEN_STATES,
    REVIEW_STATE,
    Ledger,
    PlannedLineRecord,
    PlannedOrderRecord,
    RowRecord,
    RowUpdate,
)
from .models import FINGERPRINT, ROW, STATUS, Balance, Catalog, PlannedOrder, ValidationResult
from .money import MoneyTally, money_plain, money_text
from .paths import check_input_file
from .plan import DEFAULT_MAX_LINES, DEFAULT_PO_PREFIX, order_seq, plan_orders, summarise
from .reconcile.join import LedgerView, ledger_keys, money_by_bucket
from .repeats import (
    DEFAULT_WINDOW_DAYS,
    HELD,
    RepeatPolicy,
    check_new_run,
    find_holds,
    held_notes,
    release,
)
from .statuses import ATTENTION_STATUSES, CHARGED, IN_DOUBT, duplicate_note
from .submit import Reporter, SubmitOutcome, submit_batch

if TYPE_CHECKING:
    from .models import LoadedSheet
    from .program import ProgramSettings
    from .settings import Settings

DEFAULT_WAIT_S = 10.0  # how long run waits for new orders to leave Pending; `bulkship track` takes over after
FINAL_ORDER_STATUSES = frozenset({"complete", "failed", "cancelled"})
LIVE_ORDER_STATES = frozenset({"planned", *OPEN_STATES, "created", REVIEW_STATE})

ConfirmPlan = Callable[["PlanView"], bool]


@dataclass(frozen=True)
class PlanView:
    """What is about to be sent, for the confirmation step."""

    batch: str
    summary: Any  # plan.PlanSummary of the orders to send (never sent)
    new_orders: int
    resumed_orders: int
    already_ordered_rows: int
    held_rows: int = 0  # valid rows left out: they repeat a card already ordered (bulkship.repeats)
    money: dict[str, MoneyTally] = field(default_factory=dict)  # charged, in doubt, to send (ledger)

    @property
    def in_doubt(self) -> MoneyTally:
        """Orders sent before whose answer was lost: asked again with the same PO, charged at most once."""
        return self.money.get(IN_DOUBT) or MoneyTally()

    @property
    def charged(self) -> MoneyTally:
        return self.money.get(CHARGED) or MoneyTally()

    @property
    def worst_case(self) -> Decimal:
        """The most this run can spend: everything to send, and every order in doubt."""
        return Decimal(self.summary.total) + self.in_doubt.total


@dataclass
class RunResult:
    """What ``bulkship run`` reports; ``as_json()`` is its ``--json`` output."""

    batch: str
    rows: int
    valid: int
    invalid: int
    orders: int  # orders the vendor holds for this batch
    ordered_rows: int
    failed_rows: int
    total_cost: Decimal  # charged: what the vendor's orders for this batch cost
    output: Path | None
    sandbox: bool
    sent_orders: int = 0  # orders sent (or resolved) by this run
    unknown_orders: int = 0  # in doubt: sent, answer lost
    unsent_rows: int = 0  # valid rows with no order at the vendor yet (stopped, in doubt)
    held_rows: int = 0  # valid rows not sent: they repeat a card already ordered (bulkship.repeats)
    review_rows: int = 0  # rows that may be at the vendor but cannot be tied to it: a person decides
    stopped: BulkshipError | None = None
    missing_funds: Decimal | None = None
    already_complete: bool = False
    notes: list[str] = field(default_factory=list)
    by_status: dict[str, int] = field(default_factory=dict)  # rows by the status the workbook shows
    money: dict[str, MoneyTally] = field(default_factory=dict)  # charged, in doubt, to send
    api: str = ""

    @property
    def attention_rows(self) -> int:
        """Rows the user must look at: invalid, duplicate held back, failed, needs review."""
        return sum(n for status, n in self.by_status.items() if status in ATTENTION_STATUSES)

    @property
    def exit_code(self) -> int:
        """1 stopped, or money in doubt, or rows not sent yet; 3 rows need the user; 0 every row ordered
        (or deliberately skipped)."""
        if self.stopped is not None or self.unknown_orders or self.unsent_rows:
            return 1
        return 3 if self.failed_rows or self.held_rows or self.attention_rows else 0

    def as_json(self) -> dict[str, Any]:
        money = {bucket.replace(" ", "_"): tally.as_json() for bucket, tally in self.money.items()}
        return {
            "batch": self.batch,
            "exit": self.exit_code,
            "api": self.api or ("sandbox" if self.sandbox else ""),
            "sandbox": self.sandbox,
            "rows": self.rows,
            "valid": self.valid,
            "invalid": self.invalid,
            "by_status": dict(sorted(self.by_status.items())),
            "orders": self.orders,
            "ordered_rows": self.ordered_rows,
            "failed_rows": self.failed_rows,
            "held_rows": self.held_rows,
            "attention_rows": self.attention_rows,
            "rows_not_sent": self.unsent_rows,
            "orders_in_doubt": self.unknown_orders,
            "orders_sent_this_run": self.sent_orders,
            "total_cost": money_plain(self.total_cost),
            "money": money,
            "stopped": self.stopped is not None,
            "stop_reason": self.stopped.message if self.stopped is not None else None,
            "missing_funds": money_plain(self.missing_funds) if self.missing_funds is not None else None,
            "already_complete": self.already_complete,
            "notes": list(self.notes),
            "output": str(self.output) if self.output else None,
        }


def default_batch_name(path: Path) -> str:
    """The file's name without extension, made safe for PO numbers and file names."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip("-._") or "batch"


def output_stem(batch: str) -> str:
    """The batch's part of its output file names, unique per batch: the full name made safe for any file
    system, plus a short hash of the name when making it safe changed it (``a/b/c`` and ``c``, ``Q4 2024``
    and ``Q4-2024``, names of symbols only never share a workbook)."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", batch).strip("-._")[:80]
    if safe == batch and safe.upper() not in _RESERVED_NAMES:
        return safe
    digest = hashlib.sha256(batch.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{safe or 'batch'}-{digest}"


_RESERVED_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
)


def result_path(out_dir: Path, batch: str) -> Path:
    """Where the batch's result workbook goes: ``<out>/<batch>-results.xlsx`` (see :func:`output_stem`)."""
    return Path(out_dir) / f"{output_stem(batch)}-results.xlsx"


def file_sha256(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ""  # load_sheet reports the problem properly


# -- batch identity --------------------------------------------------------------------------------------


def check_batch_identity(
    batch: str,
    file_name: str,
    stored_file_name: str,
    known: dict[str, RowRecord],
    committed: set[str],
    frame: Any,
) -> None:
    """Raise BatchConflictError when this file cannot continue ``batch`` (see the module docstring)."""
    fingerprints = frame[FINGERPRINT].astype(str).tolist()
    present = set(fingerprints)
    if file_name == stored_file_name or bool(committed & present):
        return  # an edit of the batch's file: changed ordered rows are held by content (repeats.find_holds)
    new_rows = [fp for fp in fingerprints if fp not in known]
    outstanding = sum(1 for rec in known.values() if rec.status in ("invalid", "failed", "duplicate", "held"))
    if committed and len(new_rows) > outstanding:
        raise BatchConflictError(
            f"Batch {batch!r} was ordered from {stored_file_name}; {file_name} is a different file "
            f"({len(new_rows)} rows the batch has never seen, none of its ordered rows). Nothing was sent",
            hint=f"to order it, give it its own batch: bulkship run {shlex.quote(file_name)} --batch "
            "NEW-NAME (a new batch is compared with every earlier one: rows already ordered are held, "
            "not sent again)",
        )


# -- the run ---------------------------------------------------------------------------------------------


@dataclass
class _Prepared:
    validation: ValidationResult
    catalog: Catalog
    new_orders: int
    resumed_orders: int


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a stage builds a few hundred thousand objects that hold no
    cycles (lines, payloads, ledger records, row outcomes): its repeated passes over every live object cost
    10-20 % of such a stage at 100k rows. Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@_collector_paused()
def _sync_ledger(
    ledger: Ledger,
    batch: str,
    validation: ValidationResult,
    catalog: Catalog,
    *,
    po_prefix: str,
    max_lines: int,
    webhook_url: str | None,
    api: str | None = None,
    repeats: RepeatPolicy | None = None,
) -> tuple[int, int]:
    """Bring the ledger in line with this file; plan new orders. Returns (new orders, resumed orders).
    ``api`` is recorded on a new batch (see :mod:`bulkship.batchapi`); rows repeating a card already
    ordered are held as ``repeats`` says (see :mod:`bulkship.repeats`)."""
    frame = validation.rows
    sheet = validation.sheet
    file_name = Path(sheet.path).name
    stored = ledger.batch(batch)
    known = {r.fingerprint: r for r in ledger.batch_rows(batch)}
    orders = {o.po_number: o for o in ledger.orders(batch)}
    committed = {
        fp
        for fp, rec in known.items()
        if rec.status == "ordered"
        or (
            rec.po_number
            and orders.get(rec.po_number)
            and orders[rec.po_number].state in (*OPEN_STATES, "created", REVIEW_STATE)
        )
    }
    if stored is not None and stored.file_hash != sheet.file_hash:
        check_batch_identity(batch, file_name, stored.file_name, known, committed, frame)
    policy = repeats or RepeatPolicy()
    found = find_holds(
        ledger, batch, frame, known=known, orders=orders, policy=policy, api=api, file_name=file_name
    )
    holds = release(ledger, batch, found, policy)  # --allow-repeat: sent on purpose, logged
    summary = validation.summary()
    ledger.upsert_batch(
        batch,
        file_name=file_name,
        file_hash=sheet.file_hash,
        po_prefix=po_prefix,
        rows=summary.rows,
        valid=summary.valid,
        invalid=summary.invalid,
        api=api,
    )
    valid_fps = set(frame.loc[frame[STATUS] == "valid", FINGERPRINT].astype(str).tolist())  # not cell by cell
    valid_fps.difference_update(holds)  # a held row is not to be sent: its planned order is taken back
    planned_members: dict[str, list[str]] = {}
    for fp, rec in known.items():
        if rec.po_number and rec.status == "planned":
            planned_members.setdefault(rec.po_number, []).append(fp)
    # planned orders that never left: keep them only if every row is still here and valid
    cancelled: set[str] = set()
    for po, order in orders.items():
        if order.state != "planned":
            continue
        members = planned_members.get(po, [])
        if not members or any(fp not in valid_fps for fp in members):
            if _may_exist_at_vendor(ledger, po):  # never re-plan (new PO) what the vendor may hold
                ledger.record_unknown(po, "sent before without a definite answer: asking the vendor first")
                continue
            ledger.cancel_planned(po, "its rows changed in the file before it was sent")
            cancelled.add(po)
    keys, repeated = ledger_keys(frame)  # a duplicate row is recorded under its own key, not its original's
    skip_reasons = {s.row: s.reason for s in sheet.skipped}
    updates = [
        RowUpdate(
            key,
            int(row),
            "planned" if status == "valid" else str(status),
            duplicate_note(repeated[int(row)])
            if repeated and int(row) in repeated
            else skip_reasons.get(int(row)),  # a skipped row is recorded like an invalid one, with why
        )
        for key, row, status in zip(keys, frame.index.tolist(), frame[STATUS].tolist(), strict=True)
    ]
    # What the ledger holds once these rows are recorded, without reading every row again: record_rows
    # keeps the status and PO of rows that have a PO or are ordered (and new rows have neither);
    # cancel_planned took the cancelled orders' planned rows off their PO. So a row is live exactly when it
    # was ordered, or on an order that was not cancelled just now and is still live.
    live = {
        fp
        for fp, rec in known.items()
        if rec.status == "ordered"
        or (
            rec.po_number
            and rec.po_number not in cancelled
            and orders[rec.po_number].state in LIVE_ORDER_STATES
        )
    }
    if holds:
        updates = [
            RowUpdate(u.fingerprint, u.row, HELD, holds[u.fingerprint]) if u.fingerprint in holds else u
            for u in updates
        ]
    not_to_plan = live | holds.keys()
    to_plan = frame[(frame[STATUS] == "valid") & ~frame[FINGERPRINT].astype(str).isin(not_to_plan)]
    resumed = sum(
        1 for po, o in orders.items() if po not in cancelled and o.state in ("planned", *OPEN_STATES)
    )
    if to_plan.empty:
        ledger.record_rows(batch, updates)
        return 0, resumed
    try:
        planned, records = _plan_records(
            to_plan,
            catalog,
            orders,
            po_prefix=po_prefix,
            batch=batch,
            max_lines=max_lines,
            webhook_url=webhook_url,
        )
    except BaseException:
        ledger.record_rows(batch, updates)  # the rows are recorded even when planning fails, as they were
        raise
    # the rows and the new orders in one transaction: each planned row is written once
    ledger.record_rows(batch, updates, planned=records)
    return len(planned), resumed


def _may_exist_at_vendor(ledger: Ledger, po: str) -> bool:
    """A planned order that was sent and put back to planned without the vendor confirming it has no such
    order (a ledger written by an older bulkship, which took a refusal after a lost answer as final)."""
    sent = False
    for event in ledger.events(po_number=po):
        if event.kind == "sending":
            sent = True
        elif event.kind == "not_sent" and event.detail.get("vendor_confirmed"):
            sent = False
    return sent


def _plan_records(
    to_plan: Any,
    catalog: Catalog,
    orders: dict[str, Any],
    *,
    po_prefix: str,
    batch: str,
    max_lines: int,
    webhook_url: str | None,
) -> tuple[list[PlannedOrder], list[PlannedOrderRecord]]:
    """Plan ``to_plan`` after the batch's existing ``orders``, with the ledger's records of the new orders."""
    if ROW not in to_plan.columns:
        to_plan = to_plan.assign(**{ROW: to_plan.index})
    first_seq = max((order_seq(po) for po in orders), default=0) + 1
    planned = plan_orders(
        to_plan, catalog, po_prefix=po_prefix, batch=batch, max_lines=max_lines, first_seq=first_seq
    )
    records: list[PlannedOrderRecord] = []
    for order in planned:
        line_costs = [ln.cost for ln in order.lines]  # order.cost is their sum; worked out once
        records.append(
            PlannedOrderRecord(
                po_number=order.po_number,
                seq=order_seq(order.po_number),
                base_po=order.po_number,
                payload=order.payload(webhook_url),
                cost=sum(line_costs, Decimal("0")),
                lines=[
                    PlannedLineRecord(ln.fingerprint, i, ln.external_id, cost)
                    for i, (ln, cost) in enumerate(zip(order.lines, line_costs, strict=True))
                ],
            )
        )
    return planned, records


def _pending_summary(
    ledger: Ledger, batch: str, catalog: Catalog, start: date, balance: Balance | None
) -> Any:
    """Cost of every order still to send, rebuilt from the stored payloads (what will really go out).

    The summary has totals only, so the lines carry no row identity (no ledger read per order), and each
    distinct value, product and unit cost is worked out once: 100k rows are 1,000 orders."""
    from .models import PlannedLine, PlannedOrder

    products: dict[str, Any] = {}
    values: dict[float, Decimal] = {}
    unit_costs: dict[tuple[str, Decimal], Decimal] = {}
    pending = []
    for order in ledger.orders(batch, states=("planned",)):  # in doubt orders are reported apart
        lines = []
        for item in order.payload().get("LineItems", []):
            product_id = str(item.get("ProductId", ""))
            if product_id not in products:
                products[product_id] = catalog.product(product_id)
            product = products[product_id]
            address = dict(item.get("PhysicalDeliveryAddress") or {})
            method = catalog.shipping_methods.get(str(address.get("ShippingMethodId", "")))
            raw = item.get("Value", 0)
            cached = type(raw) is float and raw != 0  # 0.0 and -0.0 are one key with two texts
            value = values.get(raw) if cached else None
            if value is None:
                value = Decimal(str(raw))
                if cached:
                    values[raw] = value
            unit_cost = unit_costs.get((product_id, value)) if cached else None
            if unit_cost is None:
                unit_cost = product.unit_cost(value) if product else value
                if cached:
                    unit_costs[product_id, value] = unit_cost
            lines.append(
                PlannedLine(
                    row=0,
                    fingerprint="",
                    external_id=str(item.get("ExternalId", "")),
                    product_id=product_id,
                    value=value,
                    quantity=int(item.get("Quantity", 1) or 1),
                    address=address,
                    unit_cost=unit_cost,
                    shipping_cost=method.price if method else Decimal("0"),
                )
            )
        pending.append(PlannedOrder(order.po_number, tuple(lines)))
    return summarise(pending, catalog, start=start, balance=balance)


async def _wait_for_completion(
    client: Any, ledger: Ledger, batch: str, wait_s: float, concurrency: int
) -> None:
    """Poll created orders still Pending until they settle or ``wait_s`` runs out (track takes over)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait_s
    gate = asyncio.Semaphore(max(1, concurrency))
    delay = 0.25

    async def refresh(po: str, order_id: str) -> None:
        async with gate:
            try:
                vendor_order = await client.get_order(order_id)
            except VendorError:
                return  # a poll that fails changes nothing; track retries later
            ledger.record_order_status(po, vendor_order, source="run")

    while True:
        waiting = [
            o
            for o in ledger.orders(batch, states=("created",))
            if o.vendor_order_id and (o.status or "").lower() not in FINAL_ORDER_STATUSES
        ]
        if not waiting or loop.time() >= deadline:
            return
        await asyncio.sleep(min(delay, max(0.0, deadline - loop.time())))
        delay = min(delay * 2, 5.0)
        await asyncio.gather(*(refresh(o.po_number, str(o.vendor_order_id)) for o in waiting))


def prepare_output_folder(folder: Path) -> Path:
    """Create the output folder (``--out``) if needed and make sure a workbook can be written there: checked
    before anything is read, computed or sent, so a bad ``--out`` is one error line, never a lost result."""
    folder = Path(folder)
    hint = "pass --out with a folder you can write to (it is created when missing)"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ConfigError(
            f"The output folder {folder} is a file, not a folder. Nothing was sent", hint=hint
        ) from None
    except OSError as exc:
        raise ConfigError(
            f"Cannot create the output folder {folder}: {exc.strerror or exc}. Nothing was sent", hint=hint
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ConfigError(f"The output folder {folder} is not writable. Nothing was sent", hint=hint)
    return folder


def _workbook_not_written(ledger: Ledger, batch: str, error: BaseException) -> BulkshipError:
    """The orders went out but their result workbook could not be written: say where things stand."""
    reason = (
        error.message if isinstance(error, BulkshipError) else f"{getattr(error, 'strerror', None) or error}"
    )
    record = ledger.batch(batch)
    earlier = record.output if record and record.output and Path(record.output).exists() else None
    hint = (
        f"`bulkship track {batch}` rewrites the workbook {earlier}"
        if earlier
        else "free the output folder (or pass another --out), then re-run the same command to write it; "
        "nothing is ordered twice"
    )
    return BulkshipError(
        f"The orders are recorded in the ledger, but the result workbook could not be written: {reason}",
        hint=hint,
    )


@_collector_paused()
def write_results(
    ledger: Ledger,
    batch: str,
    validation: ValidationResult,
    settings: Settings,
    catalog: Catalog | None,
    *,
    paper: str | None = None,
) -> Path:
    """The result workbook, from the ledger and this run's rows (``bulkship.reconcile`` does the work);
    ``paper``: the program's paper size (default US Letter)."""
    from .outputlock import output_lock
    from .reconcile import book_from_run, write_result_workbook
    from .reconcile.join import record_prices

    book = book_from_run(ledger, batch, validation, api=settings.api_url, catalog=catalog)
    if paper:
        book = replace(book, info=replace(book.info, paper=paper))
    if catalog is not None:
        record_prices(ledger, batch, catalog)  # so that track, status and the webhook break money down alike
    path = result_path(Path(settings.out_dir), batch)
    with output_lock(path):  # `track` and the webhook receiver rewrite it under the same lock
        written = Path(os.path.abspath(write_result_workbook(book, path)))
    # absolute: `track`, `status` and the webhook receiver find it from any folder (older ledgers may hold
    # relative paths, read as before)
    ledger.set_batch_output(batch, str(written))
    return written


def _result_from_ledger(ledger: Ledger, batch: str, settings: Settings, output: Path | None) -> RunResult:
    # Counted by the ledger (one read of the batch's rows and orders): the rows and money the result
    # workbook shows, by the same functions.
    from .reconcile.join import counts_by_row_status

    record = ledger.batch(batch)
    rows = ledger.row_counts(batch)
    states = ledger.order_counts(batch)
    view = LedgerView(ledger, batch)
    money = money_by_bucket(view)
    return RunResult(
        batch=batch,
        rows=record.rows if record else 0,
        valid=record.valid if record else 0,
        invalid=record.invalid if record else 0,
        orders=states.get("created", 0),
        ordered_rows=rows.get("ordered", 0),
        failed_rows=rows.get("failed", 0),
        # money: every ordered row of the batch, including rows since removed from the file
        total_cost=money[CHARGED].total,
        output=output,
        sandbox=settings.is_sandbox,
        unknown_orders=sum(states.get(state, 0) for state in OPEN_STATES),
        unsent_rows=rows.get("planned", 0),
        held_rows=rows.get(HELD, 0),
        by_status=counts_by_row_status(view),
        money=money,
        api=api_identity(settings),
        review_rows=rows.get("review", 0),
    )


def _already_complete(ledger: Ledger, batch: str, file_hash: str) -> bool:
    record = ledger.batch(batch)
    if record is None or record.file_hash != file_hash:
        return False
    if not record.output or not Path(record.output).exists():
        return False
    counts = ledger.row_counts(batch)
    states = ledger.order_counts(batch)
    unsettled = any(states.get(state) for state in ("planned", *OPEN_STATES))
    held = counts.get(HELD)  # may go out now (--allow-repeat, or the window has passed)
    review = counts.get("review")  # may be at the vendor: nothing to do until a person has looked
    return (
        not counts.get("planned") and not counts.get("failed") and not held and not review and not unsettled
    )


def run_batch(
    path: str | Path,
    settings: Settings,
    *,
    batch: str | None = None,
    po_prefix: str | None = None,
    program: ProgramSettings | None = None,
    sheet: str | None = None,
    confirm: ConfirmPlan | None = None,
    max_total: Decimal | None = None,
    webhook_url: str | None = None,
    wait_s: float = DEFAULT_WAIT_S,
    max_lines: int = DEFAULT_MAX_LINES,
    today: date | None = None,
    reporter: Reporter | None = None,
    client_factory: Callable[[Settings], Any] | None = None,
    allow_repeat: bool = False,
    repeat_window_days: int | None = None,
    loaded: LoadedSheet | None = None,
) -> RunResult:
    """Run (or resume) one batch. ``confirm`` sees the plan before anything is sent; returning False stops
    with SpendLimitError. Library errors propagate (BulkshipError); vendor stops (funds, credentials) are
    reported in the result (``stopped``, exit code 1) after the result workbook is written.

    Repeats of earlier batches are refused or held (:mod:`bulkship.repeats`) unless ``allow_repeat``;
    ``repeat_window_days`` (else the program file's ``repeat_window_days``, else 60) is how far back rows
    are compared.

    ``loaded``: the sheet already read from ``path`` (and corrected, e.g. cells fixed in the web page; its
    ``file_hash`` names that content), used instead of reading ``path`` again."""
    today = today or date.today()
    window = repeat_window_days
    if window is None:
        window = program.repeat_window_days if program and program.repeat_window_days is not None else None
    policy = RepeatPolicy(
        allow=allow_repeat, window_days=DEFAULT_WINDOW_DAYS if window is None else window, today=today
    )
    return asyncio.run(
        _run(
            Path(path),
            settings,
            batch=batch or default_batch_name(Path(path)),
            po_prefix=po_prefix,
            program=program,
            sheet=sheet,
            confirm=confirm,
            max_total=max_total,
            webhook_url=webhook_url,
            wait_s=wait_s,
            max_lines=max_lines,
            today=today,
            reporter=reporter,
            client_factory=client_factory,
            repeats=policy,
            loaded=loaded,
        )
    )


async def _run(
    path: Path,
    settings: Settings,
    *,
    batch: str,
    po_prefix: str | None,
    program: ProgramSettings | None,
    sheet: str | None,
    confirm: ConfirmPlan | None,
    max_total: Decimal | None,
    webhook_url: str | None,
    wait_s: float,
    max_lines: int,
    today: date,
    reporter: Reporter | None,
    client_factory: Callable[[Settings], Any] | None,
    repeats: RepeatPolicy,
    loaded: LoadedSheet | None = None,
) -> RunResult:
    from .client import connect
    from .load import load_sheet, require_recipient_rows
    from .rebuild import rebuild_from_vendor
    from .reconcile.fixsheet import load_fix_sheet
    from .validate import validate

    check_input_file(path, error=FileFormatError)  # a pipe would block the hash below
    prepare_output_folder(settings.out_dir)
    with Ledger.open(settings.ledger_location, batch=batch) as ledger:
        # a batch's orders exist at one API only: never resume (or report) them through another
        check_batch_api(
            ledger.batch(batch), settings, action="run", command=f"bulkship run {path} --batch {batch}"
        )
        file_hash = loaded.file_hash if loaded else file_sha256(path)
        # --include-hidden may turn rows skipped last time into rows to order: the file must be read again
        hidden_wanted = program is not None and program.include_hidden
        if _already_complete(ledger, batch, file_hash) and not (
            hidden_wanted and ledger.row_counts(batch).get("skipped")
        ):
            record = ledger.batch(batch)
            output = Path(record.output) if record and record.output else None
            result = _result_from_ledger(ledger, batch, settings, output)
            result.already_complete = True
            result.notes.append(f"Batch {batch!r} is already complete for this file: nothing was sent.")
            return result
        check_new_run(
            ledger,
            batch,
            file_name=path.name,
            file_hash=file_hash,
            policy=repeats,
            api=api_identity(settings),
            default_names=(path.stem,) if batch == default_batch_name(path) else (),
        )
        # a result workbook given back: its Fix these sheet, corrected, in the batch's whole file
        fixed = None if loaded else load_fix_sheet(path, sheet=sheet, program=program)
        loaded = require_recipient_rows(loaded or fixed or load_sheet(path, sheet=sheet, program=program))
        stored = ledger.batch(batch)
        notes: list[str] = []
        prefix = stored.po_prefix if stored else (po_prefix if po_prefix is not None else DEFAULT_PO_PREFIX)
        async with (client_factory or connect)(settings) as client:
            catalog = await client.catalog()
            validation = validate(loaded, catalog, program=program)
            if stored is None:  # a batch this ledger does not know: look for it at the vendor first
                notes = await rebuild_from_vendor(
                    client, ledger, batch, validation, catalog, po_prefix=prefix, api=api_identity(settings)
                )
            new_orders, resumed = _sync_ledger(
                ledger,
                batch,
                validation,
                catalog,
                po_prefix=prefix,
                max_lines=max_lines,
                webhook_url=webhook_url,
                api=api_identity(settings),
                repeats=repeats,
            )
            outcome: SubmitOutcome | None = None
            if new_orders or resumed:
                try:
                    balance = await client.balance()
                except VendorError:
                    balance = None
                summary = _pending_summary(ledger, batch, catalog, today, balance)
                counts = ledger.row_counts(batch)
                view = PlanView(
                    batch,
                    summary,
                    new_orders,
                    resumed,
                    counts.get("ordered", 0),
                    counts.get(HELD, 0),
                    money_by_bucket(LedgerView(ledger, batch, catalog)),
                )
                if max_total is not None and view.worst_case > max_total:
                    doubt = view.in_doubt.total
                    cost = money_text(view.worst_case) + (
                        f" ({money_text(doubt)} of it in doubt from an earlier run)" if doubt else ""
                    )
                    raise SpendLimitError(
                        f"The orders to send cost {cost}, more than --max-total {money_text(max_total)}. "
                        "Nothing was sent; the plan is kept in the ledger",
                        hint="raise --max-total, or split the file into smaller batches",
                    )
                if confirm is not None and not confirm(view):
                    raise SpendLimitError(
                        "Not confirmed: nothing was sent",
                        hint="re-run the same command to see the plan again",
                    )
                outcome = await submit_batch(
                    client, ledger, batch, concurrency=settings.concurrency, reporter=reporter
                )
            if wait_s > 0:
                await _wait_for_completion(client, ledger, batch, wait_s, settings.concurrency)
        not_written: BulkshipError | None = None
        try:
            output = write_results(
                ledger, batch, validation, settings, catalog, paper=program.paper if program else None
            )
        except (OSError, BulkshipError) as exc:  # a full disk, a folder gone since the start
            output, not_written = None, _workbook_not_written(ledger, batch, exc)
        result = _result_from_ledger(ledger, batch, settings, output)
        result.notes.extend(held_notes(ledger, batch))
        result.notes.extend(notes)
        result.notes.extend(loaded.notices)  # hidden rows skipped, totals rows, unused columns
        if outcome is not None:
            result.sent_orders = len(outcome.created) + len(outcome.rejected)
            result.stopped = outcome.stopped
            result.missing_funds = outcome.missing_funds
        if not_written is not None:
            if result.stopped is None:
                result.stopped = not_written
            else:
                result.notes.append(str(not_written))
        return result
