"""What the "needs review" tests share: a batch run the way they all run it (4 lines per order, no wait), its
rows looked up by their ExternalId, and every row waiting settled in one go."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from bulkship.ledger import Ledger
from bulkship.pipeline import run_batch
from bulkship.settings import Settings

from . import embedded_sandbox_orders, write_sheet


def settings_in(folder: Path) -> Settings:
    return Settings(data_dir=folder / "data", out_dir=folder / "out")


def run(vendor: Any, settings: Settings, sheet: Path, transport: Any = None, **kw: Any) -> Any:
    """``sheet`` run (or resumed) against ``vendor`` (its ``factory``; ``transport`` in front of it)."""
    factory = vendor.factory(transport) if transport is not None else vendor.factory()
    return run_batch(sheet, settings, wait_s=0, client_factory=factory, max_lines=4, **kw)


def release_all(settings: Settings, batch: str, factory: Any) -> Any:
    """`bulkship reconcile BATCH --release`, confirmed: a person who checked that no other computer is still
    sending the list settles every row waiting from one read of the vendor (found there, or released)."""
    from bulkship.api import release_all as settle_all

    return settle_all(settings, batch, client_factory=factory)


def rows_by_id(settings: Settings, batch: str = "staff") -> dict[str, Any]:
    with Ledger.open(settings.ledger, lock=False) as ledger:
        return {r.external_id or "": r for r in ledger.batch_rows(batch, current_only=True)}


def row_of(settings: Settings, *ids: str) -> list[int]:
    rows = rows_by_id(settings)
    return [rows[i].row for i in ids]


def cards_at_vendor(settings: Settings) -> Counter[str]:
    """The embedded sandbox's cards by ExternalId (``settings``' data folder): exactly once is the promise."""
    return Counter(
        li["ExternalId"] for o in embedded_sandbox_orders(settings.data_dir) for li in o["LineItems"]
    )


def row_statuses(settings: Settings, batch: str = "staff") -> dict[str, str]:
    """The batch's rows of its latest file: ExternalId -> status in the ledger."""
    with Ledger.open(settings.ledger, lock=False) as ledger:
        return {r.external_id or "": r.status for r in ledger.batch_rows(batch, current_only=True)}


def gifts_staff_elsewhere(folder: Path, settings: Settings) -> Path:
    """Batch 'gifts-staff', run with another ledger on the same account, orders E1 (as Pat Old) and E20 in
    BS-GIFTS-STAFF-0001 (a PO that may be batch 'staff''s); returns the sheet of 'staff' (E1, E2, E3)."""
    elsewhere = replace(settings, ledger_path=folder / "elsewhere.sqlite")
    run_batch(write_sheet(folder / "gifts-staff.csv", [1, 20], names={1: "Pat Old"}), elsewhere, wait_s=0)
    return write_sheet(folder / "staff.csv", range(1, 4))
