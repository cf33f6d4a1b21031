"""What the "needs review" tests share: a batch run the way they all run it (4 lines per order, no wait), its
rows looked up by their ExternalId, and every row waiting settled in one go."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bulkship.ledger import Ledger
from bulkship.pipeline import run_batch
from bulkship.settings import Settings


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
