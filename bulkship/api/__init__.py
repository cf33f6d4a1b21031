"""The library verbs the command line and the web page share, as plain synchronous functions.

    import bulkship
    settings = bulkship.resolve_settings()                       # the embedded sandbox without an API URL
    result = bulkship.validate_file(settings, "team.xlsx")        # ValidationResult: every problem at once
    view = bulkship.plan_batch(settings, "team.xlsx", batch="TEAM")   # the cost, nothing sent (plan kept)
    run = bulkship.run(settings, "team.xlsx", batch="TEAM", max_total=view.summary.total)
    bulkship.track_batches(settings, "TEAM")                      # tracking numbers, workbook rewritten
    bulkship.reconcile_batch(settings, "TEAM"); bulkship.export_csv(settings, "TEAM")

One order for every verb's arguments: ``settings`` first (when the verb reads the vendor, the ledger or the
data folder), then what names the thing it acts on (a file; a batch, and for a settlement its PO and the
vendor's order), then every option by keyword. The file verbs took ``(path, settings)`` before: that order
still works, with a DeprecationWarning (:func:`.common.settings_first`).

Each verb is a thin wrapper over the stage that does the work (``load``, ``validate``, ``pipeline``,
``track``, ``reconcile``; a verb is never named like a module of the package, which would hide it);
none holds a business rule of its own beyond what it says. ``corrections`` are
cells a person fixed outside the file (the web page's review): ``{(row number, original header): new text}``,
applied to the sheet as read, so the rows are judged (and ordered) exactly as corrected.

The verbs by what they act on: :mod:`.files` (a file: its sheets, columns, corrections and validation; the
catalog it is checked against), :mod:`.batches` (a batch of the ledger: run, plan, status, track,
reconcile, export; the sandbox reset) and :mod:`.reviewing` (its rows waiting for a person: the review and
its settlements); :mod:`.common` the order of the arguments.
"""

from __future__ import annotations

from .batches import (
    ClientFactory,
    export_csv,
    plan_batch,
    reconcile_batch,
    rows_once,
    run,
    sandbox_reset,
    status,
    status_total,
    status_totals,
    track_batches,
)
from .common import Corrections
from .files import (
    SAMPLE_VALUES,
    VENDOR_FIELDS,
    apply_corrections,
    catalog,
    describe_columns,
    detect_columns,
    load_file,
    preview_repeats,
    problem_header,
    refused_column,
    sheet_names,
    take_rows_in,
    validate_file,
    validate_sheet,
    with_columns,
    with_repeat_warnings,
)
from .reviewing import (
    leave_out_elsewhere,
    release_all,
    release_review,
    resolve_at_vendor,
    review_batch,
    settle_found,
)

__all__ = [
    "SAMPLE_VALUES",
    "VENDOR_FIELDS",
    "ClientFactory",
    "Corrections",
    "apply_corrections",
    "catalog",
    "describe_columns",
    "detect_columns",
    "export_csv",
    "leave_out_elsewhere",
    "load_file",
    "plan_batch",
    "preview_repeats",
    "problem_header",
    "reconcile_batch",
    "refused_column",
    "release_all",
    "release_review",
    "resolve_at_vendor",
    "review_batch",
    "rows_once",
    "run",
    "sandbox_reset",
    "settle_found",
    "sheet_names",
    "status",
    "status_total",
    "status_totals",
    "take_rows_in",
    "track_batches",
    "validate_file",
    "validate_sheet",
    "with_columns",
    "with_repeat_warnings",
]
