"""bulkship: turn a recipient spreadsheet into physical gift-card orders, exactly once."""

from __future__ import annotations

__version__ = "0.1.0"

from .api import (
    apply_corrections,
    catalog,
    export_csv,
    load_file,
    plan_batch,
    reconcile_batch,
    release_review,
    resolve_at_vendor,
    review_batch,
    run,
    sandbox_reset,
    sheet_names,
    status,
    track_batches,
    validate_file,
)
from .settings import Settings, resolve_settings

__all__ = [
    "Settings",
    "__version__",
    "apply_corrections",
    "catalog",
    "export_csv",
    "load_file",
    "plan_batch",
    "reconcile_batch",
    "release_review",
    "resolve_at_vendor",
    "resolve_settings",
    "review_batch",
    "run",
    "sandbox_reset",
    "sheet_names",
    "status",
    "track_batches",
    "validate_file",
]
