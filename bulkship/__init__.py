"""bulkship: turn a recipient spreadsheet into physical gift-card orders, exactly once."""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import (
        apply_corrections,
        catalog,
        export_csv,
        leave_out_elsewhere,
        load_file,
        plan_batch,
        reconcile_batch,
        release_all,
        release_review,
        resolve_at_vendor,
        review_batch,
        run,
        sandbox_reset,
        settle_found,
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
    "leave_out_elsewhere",
    "load_file",
    "plan_batch",
    "reconcile_batch",
    "release_all",
    "release_review",
    "resolve_at_vendor",
    "resolve_settings",
    "review_batch",
    "run",
    "sandbox_reset",
    "settle_found",
    "sheet_names",
    "status",
    "track_batches",
    "validate_file",
]


_FROM_SETTINGS = frozenset({"Settings", "resolve_settings"})


def __getattr__(name: str) -> Any:
    """The library's names, imported when first used: the ``bulkship`` script starts by importing this
    package, and the verbs bring pandas (a fraction of a second, more on a busy machine), during which
    Ctrl-C showed a traceback instead of one line (see :mod:`bulkship.launch`)."""
    if name not in __all__ or name == "__version__":
        raise AttributeError(f"module 'bulkship' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(".settings" if name in _FROM_SETTINGS else ".api", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
