"""bulkship's own stages as bench tasks. Each returns the rows it handled; extra figures go in ``FIGURES``.

The catalog comes from the embedded sandbox before the clock starts: it is the vendor's part, not ours.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from bulkship.client import connect
from bulkship.ledger import Ledger
from bulkship.load import load_sheet
from bulkship.models import Catalog
from bulkship.pipeline import run_batch
from bulkship.plan import plan_orders, summarise
from bulkship.resultfile import write_results
from bulkship.resume import sync_ledger
from bulkship.settings import Settings, resolve_settings
from bulkship.validate import validate

from .tasks import FIGURES, register, start_clock

BATCH = "bench"
SANDBOX_BALANCE = Decimal("1000000000")  # the rerun task's first run must order every row


def _settings(out: Path) -> Settings:
    """A data folder of its own for each task, its result workbooks in it: in a folder shared by every
    `python -m bench`, the next one's rerun task (a new ledger) was refused since f4251cb, the workbook there
    written from the ledger of the one before (found by review26)."""
    data_dir = Path(tempfile.mkdtemp(prefix="bulkship-bench-"))
    return resolve_settings(env={"BULKSHIP_DATA_DIR": str(data_dir)}, out_dir=data_dir / f"{out.stem}-out")


def _catalog(settings: Settings) -> Catalog:
    async def fetch() -> Catalog:
        async with connect(settings) as client:
            return await client.catalog()

    return asyncio.run(fetch())


def _timed(label: str, started: float) -> float:
    now = time.perf_counter()
    FIGURES[f"{label}_s"] = round(now - started, 3)
    return now


@register("load")
def load_only(src: Path, out: Path) -> int:
    return len(load_sheet(src).frame)


@register("validate")
def load_and_validate(src: Path, out: Path) -> int:
    catalog = _catalog(_settings(out))
    start_clock()
    started = time.perf_counter()
    sheet = load_sheet(src)
    started = _timed("load", started)
    result = validate(sheet, catalog)
    _timed("validate", started)
    FIGURES["valid"] = len(result.valid_rows)
    return len(result.rows)


@register("plan")
def plan_only(src: Path, out: Path) -> int:
    catalog = _catalog(_settings(out))
    valid = validate(load_sheet(src), catalog).valid_rows
    start_clock()
    started = time.perf_counter()
    orders = plan_orders(valid, catalog, po_prefix="BS", batch=BATCH)
    summarise(orders, catalog, start=date(2026, 11, 25))
    FIGURES["orders"] = len(orders)
    _timed("plan", started)
    return len(valid)


@register("validate_plan")
def validate_and_plan(src: Path, out: Path) -> int:
    """The 1M-row memory check: load, validate and plan, nothing written."""
    catalog = _catalog(_settings(out))
    start_clock()
    sheet = load_sheet(src)
    result = validate(sheet, catalog)
    orders = plan_orders(result.valid_rows, catalog, po_prefix="BS", batch=BATCH)
    summarise(orders, catalog, start=date(2026, 11, 25))
    FIGURES["orders"] = len(orders)
    return len(result.rows)


@register("pipeline")
def local_pipeline(src: Path, out: Path) -> int:
    """All a run does on this machine: load, validate, plan into the ledger, write the result workbook."""
    settings = _settings(out)
    catalog = _catalog(settings)
    start_clock()
    started = time.perf_counter()
    sheet = load_sheet(src)
    started = _timed("load", started)
    result = validate(sheet, catalog)
    started = _timed("validate", started)
    with Ledger.open(settings.ledger) as ledger:
        new_orders = sync_ledger(
            ledger, BATCH, result, catalog, po_prefix="BS", max_lines=100, webhook_url=None
        ).new_orders
        started = _timed("plan_ledger", started)
        write_results(ledger, BATCH, result, settings, catalog)
        _timed("workbook", started)
    FIGURES["orders"] = new_orders
    return len(result.rows)


def _fund_sandbox(settings: Settings) -> None:
    """Open the embedded sandbox's state with a balance that covers every row: with the default one, the
    first run of 100k rows stops for funds after about 100 orders and the batch is never complete."""
    from bulkship.sandbox import Sandbox, SandboxConfig

    Sandbox(SandboxConfig(state_file=settings.sandbox_state_file, balance=SANDBOX_BALANCE)).close()


@register("rerun")
def rerun_completed(src: Path, out: Path) -> int:
    """A whole run against the embedded sandbox, then the same command again: the second must send nothing."""
    settings = _settings(out)
    _fund_sandbox(settings)
    started = time.perf_counter()
    first = run_batch(src, settings, batch=BATCH, wait_s=0)
    FIGURES["first_run_s"] = round(time.perf_counter() - started, 3)
    FIGURES["first_sent"] = first.sent_orders
    FIGURES["first_complete"] = first.exit_code == 0
    started = time.perf_counter()
    second = run_batch(src, settings, batch=BATCH, wait_s=0)
    FIGURES["orders_sent"] = second.sent_orders
    FIGURES["rerun_s"] = round(time.perf_counter() - started, 3)
    return second.rows
