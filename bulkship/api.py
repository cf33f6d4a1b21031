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
still works, with a DeprecationWarning (:func:`_settings_first`).

Each verb is a thin wrapper over the stage that does the work (``load``, ``validate``, ``pipeline``,
``track``, ``reconcile``; a verb is never named like a module of the package, which would hide it);
none holds a business rule of its own beyond what it says. ``corrections`` are
cells a person fixed outside the file (the web page's review): ``{(row number, original header): new text}``,
applied to the sheet as read, so the rows are judged (and ordered) exactly as corrected.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import warnings
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import SpendLimitError
from .settings import Settings

if TYPE_CHECKING:
    from .columns import ColumnsReport
    from .models import Catalog, LoadedSheet, ValidationResult
    from .program import ProgramSettings
    from .reconcile.compare import ReconcileReport
    from .resolve import Resolution, ReviewReport
    from .runresult import PlanView, RunResult
    from .submit import Reporter
    from .track import TrackReport

Corrections = Mapping[tuple[int, str], str]


def _settings_first(settings: Any, path: Any, verb: str) -> tuple[Settings, str | Path]:
    """``(settings, path)`` as the verb was called: the order of before, ``(path, settings)``, still works
    (a Settings is never a file name, so the two cannot be mistaken), with a DeprecationWarning."""
    if not isinstance(settings, Settings) and isinstance(path, Settings):
        warnings.warn(
            f"bulkship.{verb}(path, settings) is deprecated: pass the settings first, "
            f"bulkship.{verb}(settings, path)",
            DeprecationWarning,
            stacklevel=3,
        )
        return path, settings
    return settings, path


def catalog(settings: Settings, *, refresh: bool = False) -> Catalog:
    """The vendor's catalog (the embedded sandbox's without an API URL); cached by the client."""
    from .client import connect

    async def fetch() -> Catalog:
        async with connect(settings) as client:
            return await client.catalog(refresh=refresh)

    return asyncio.run(fetch())


def sheet_names(path: str | Path) -> list[str]:
    """The sheets of a workbook (XLSX/ODS), in workbook order; ``[]`` for CSV text."""
    from .load import sheet_names as names

    return names(path)


def load_file(
    path: str | Path,
    *,
    sheet: str | None = None,
    program: ProgramSettings | None = None,
    corrections: Corrections | None = None,
) -> LoadedSheet:
    """Read a recipient sheet (every cell as text) and apply ``corrections``. Raises FileFormatError for an
    unusable file and for a sheet without recipient rows."""
    from .load import load_sheet, require_recipient_rows

    loaded = require_recipient_rows(load_sheet(path, sheet=sheet, program=program))
    return apply_corrections(loaded, corrections or {})


SAMPLE_VALUES = 3  # filled-in values shown for each column on the Columns page


def detect_columns(
    path: str | Path, *, sheet: str | None = None, program: ProgramSettings | None = None
) -> ColumnsReport:
    """Which header feeds which field, with a few values of each column: the mapping ``validate`` and ``run``
    would use with ``program`` (its ``[columns]`` over every guess). Two columns that mean one field are
    marked ambiguous here instead of refusing the file, so a person can choose one."""
    from .load import load_sheet, require_recipient_rows

    loaded = require_recipient_rows(load_sheet(path, sheet=sheet, program=program, strict_columns=False))
    return describe_columns(loaded, program=program)


def describe_columns(loaded: LoadedSheet, *, program: ProgramSettings | None = None) -> ColumnsReport:
    """The :func:`detect_columns` report of a sheet already read (with ``program``)."""
    from .columns import ColumnsReport, describe_fields
    from .schema import load_contract

    samples = {}
    head = loaded.frame.iloc[:200]
    for header in loaded.headers:
        values = [v for v in head[header].tolist() if str(v).strip()]
        samples[header] = tuple(dict.fromkeys(str(v) for v in values))[:SAMPLE_VALUES]
    contract = load_contract(program.schema_path if program else None)
    return ColumnsReport(
        header_row=loaded.header_row,
        sheet_name=loaded.sheet_name,
        columns=tuple(loaded.columns),
        samples=samples,
        fields=describe_fields(loaded.column_map, contract, loaded.defaults),
        notices=loaded.notices,
        headers=loaded.headers,
    )


def with_columns(program: ProgramSettings | None, columns: Mapping[str, str]) -> ProgramSettings:
    """``program`` with ``columns`` mapped over its own ``[columns]`` (field -> header, or "" for none)."""
    from .program import ProgramSettings

    base = program or ProgramSettings()
    return replace(base, columns={**base.columns, **columns})


def apply_corrections(loaded: LoadedSheet, corrections: Corrections) -> LoadedSheet:
    """The sheet with each corrected cell replaced. Its ``file_hash`` then names the file *and* the
    corrections, so a corrected sheet is never taken for the file as uploaded. A read problem (a formula,
    a date) of a cell the person replaced no longer applies."""
    wanted = {(int(r), str(h)): str(v) for (r, h), v in corrections.items()}
    applied = {
        key: value
        for key, value in wanted.items()
        if key[0] in loaded.frame.index and key[1] in loaded.headers
    }
    if not applied:
        return loaded
    frame = loaded.frame.copy()
    for (row, header), value in applied.items():
        frame.at[row, header] = value
    fixed_cells = {(row, loaded.column_map.get(h, h)) for row, h in applied} | set(applied)
    problems = tuple(p for p in loaded.read_problems if (p.row, p.column) not in fixed_cells)
    digest = hashlib.sha256(
        (loaded.file_hash + json.dumps(sorted(applied.items()), default=str)).encode("utf-8")
    ).hexdigest()
    return replace(loaded, frame=frame, file_hash=digest, read_problems=problems)


def validate_sheet(
    loaded: LoadedSheet,
    cat: Catalog,
    *,
    program: ProgramSettings | None = None,
    ordered: Callable[[], Collection[str]] | None = None,
) -> ValidationResult:
    """Judge every row of a sheet already read (see :func:`validate_file`); ``ordered``: the fingerprints
    its batch holds as ordered, asked for when two rows are one person (the ordered row stays it)."""
    from .validate import validate

    return validate(loaded, cat, program=program, ordered=ordered)


def validate_file(
    settings: Settings,
    path: str | Path,
    *,
    sheet: str | None = None,
    program: ProgramSettings | None = None,
    corrections: Corrections | None = None,
    catalog_: Catalog | None = None,
) -> ValidationResult:
    """``bulkship validate`` without the workbook: every row judged against the catalog, every problem."""
    settings, path = _settings_first(settings, path, "validate_file")
    loaded = load_file(path, sheet=sheet, program=program, corrections=corrections)
    return validate_sheet(loaded, catalog_ or catalog(settings), program=program)


def problem_header(loaded: LoadedSheet, column: str) -> str:
    """The person's own header for a problem's column (a canonical name when the sheet has no such header:
    a derived column, or one filled from the program's defaults)."""
    for header, canonical in loaded.column_map.items():
        if canonical == column:
            return header
    return column


# The vendor's field names (as its 400 answers name them) -> the sheet's fields they are built from.
VENDOR_FIELDS = {
    "name": "name", "addressline1": "address1", "addressline2": "address2", "city": "city", "state": "state",
    "zip": "zip", "country": "country", "productid": "product", "value": "value", "quantity": "quantity",
    "shippingmethodid": "shipping_method", "carrierid": "carrier_id",
}  # fmt: skip
_VENDOR_PATH = re.compile(r"(?:^|[.\]])([A-Za-z0-9]+)\s*:")


def refused_column(error: str) -> str | None:
    """The field a vendor's refusal names ("LineItems[0].PhysicalDeliveryAddress.Zip: ..." -> "zip"), or None
    when it names none bulkship builds from the sheet."""
    for match in _VENDOR_PATH.finditer(error or ""):
        found = VENDOR_FIELDS.get(match.group(1).lower())
        if found:
            return found
    return None


def run(
    settings: Settings,
    path: str | Path,
    *,
    batch: str | None = None,
    sheet: str | None = None,
    program: ProgramSettings | None = None,
    corrections: Corrections | None = None,
    confirm: Callable[[PlanView], bool] | None = None,
    max_total: Decimal | None = None,
    wait_s: float | None = None,
    reporter: Reporter | None = None,
    **options: Any,
) -> RunResult:
    """``bulkship run``: validate, plan, confirm, submit exactly once, write the result workbook; re-running
    resumes. ``max_total`` refuses (SpendLimitError, nothing sent) a plan costing more."""
    from .pipeline import DEFAULT_WAIT_S, RunOptions, run_batch

    settings, path = _settings_first(settings, path, "run")
    loaded = load_file(path, sheet=sheet, program=program, corrections=corrections) if corrections else None
    run_options = RunOptions(
        batch=batch,
        sheet=sheet,
        program=program,
        confirm=confirm,
        max_total=max_total,
        wait_s=DEFAULT_WAIT_S if wait_s is None else wait_s,
        reporter=reporter,
        loaded=loaded,
    )
    return run_batch(path, settings, run_options, **options)


def plan_batch(
    settings: Settings,
    path: str | Path,
    *,
    batch: str | None = None,
    sheet: str | None = None,
    program: ProgramSettings | None = None,
    corrections: Corrections | None = None,
    webhook_url: str | None = None,
) -> PlanView | None:
    """What a run would send and what it costs, with nothing sent: the orders are planned in the ledger
    (stable PO numbers, as ``bulkship run`` does before asking; with ``webhook_url`` registered in them) and
    the run stops at the confirmation. None when there is nothing left to send (the batch is complete, or no
    row is valid)."""
    settings, path = _settings_first(settings, path, "plan_batch")
    seen: list[PlanView] = []

    def look(view: PlanView) -> bool:
        seen.append(view)
        return False

    try:
        run(settings, path, batch=batch, sheet=sheet, program=program, corrections=corrections, confirm=look,
            wait_s=0, webhook_url=webhook_url)  # fmt: skip
    except SpendLimitError:
        if seen:
            return seen[0]
        raise
    return None


def status(settings: Settings, batch: str | None = None) -> list[dict[str, Any]]:
    """``bulkship status --json``'s batches: state, counts by status and money, per batch (``[]`` without a
    ledger). A read-only ledger is read too. Raises BulkshipError for a ``batch`` the ledger does not hold."""
    from .errors import BulkshipError
    from .ledger import Ledger, ledger_exists
    from .overview import batch_states, batch_status

    if not ledger_exists(settings.ledger_location):
        return []
    with Ledger.open(settings.ledger_location, lock=False, read_only=True) as ledger:
        names = [b.name for b in ledger.batches()]
        if batch is not None and batch not in names:
            raise BulkshipError(
                f"No batch named {batch!r} in the ledger {settings.ledger_shown}"
                f" (batches: {', '.join(names) or 'none'})"
            )
        states = batch_states(ledger)  # every batch's word at once: a few aggregate queries
        return [
            batch_status(ledger, name, state=states.get(name, "")) for name in ([batch] if batch else names)
        ]


def track_batches(
    settings: Settings,
    batch: str | None = None,
    *,
    watch: bool = False,
    on_pass: Callable[[TrackReport], None] | None = None,
) -> TrackReport:
    """One ``bulkship track`` pass: poll orders not yet final, record tracking, rewrite the workbook. With
    ``watch``, passes until every order is final (``on_pass`` sees each pass's report)."""
    from .track import track as track_pass

    return asyncio.run(track_pass(settings, batch, watch=watch, on_pass=on_pass))


ClientFactory = Callable[[Settings], Any]


def reconcile_batch(
    settings: Settings, batch: str, *, client_factory: ClientFactory | None = None
) -> ReconcileReport:
    """``bulkship reconcile``: the ledger compared with the vendor's own order list (``client_factory``: the
    vendor client, default :func:`bulkship.client.connect`)."""
    from .batchapi import check_batch_api
    from .client import connect
    from .ledger import Ledger
    from .reconcile.compare import reconcile_batch as compare_batch

    async def compare() -> ReconcileReport:
        with Ledger.open(settings.ledger_location, lock=False) as ledger:  # before any request to the vendor
            check_batch_api(
                ledger.batch(batch), settings, action="reconcile", command=f"bulkship reconcile {batch}"
            )
        async with (client_factory or connect)(settings) as client:
            with Ledger.open(settings.ledger_location, lock=False) as ledger:
                return await compare_batch(ledger, client, batch)

    return asyncio.run(compare())


def review_batch(
    settings: Settings, batch: str, *, client_factory: ClientFactory | None = None
) -> ReviewReport:
    """``bulkship reconcile BATCH --review``: the rows waiting for review, by PO, with what the vendor shows
    for each and whether a release is possible now. Changes nothing."""
    from .resolve import review

    return _with_vendor(settings, batch, "reconcile", lambda ledger, client: review(ledger, client, batch),
                        client_factory, lock=False)  # fmt: skip


def resolve_at_vendor(
    settings: Settings,
    batch: str,
    po: str,
    order: str,
    *,
    rows: Sequence[int] = (),
    by: str | None = None,
    reason: str = "",
    confirm: Callable[[Resolution], bool] | None = None,
    client_factory: ClientFactory | None = None,
) -> Resolution:
    """``--resolve PO --at-vendor ORDER``: the rows waiting on ``po`` are in vendor order ``order`` (Id or PO
    number); tied by proof, or for ``rows`` (spreadsheet row numbers) by the person's word where no line
    shows which row it is. ``confirm`` sees the plan first (False: nothing changes). Raises
    ReviewRefusedError when the vendor's answer does not allow it."""
    from .resolve import default_person, settle_at_vendor

    def settle(ledger: Any, client: Any) -> Any:
        return settle_at_vendor(ledger, client, batch, po, order, by=by or default_person(), rows=rows,
                                reason=reason, confirm=confirm)  # fmt: skip

    return _settled(settings, batch, _with_vendor(settings, batch, "resolve", settle, client_factory))


def release_review(
    settings: Settings,
    batch: str,
    po: str,
    *,
    by: str | None = None,
    reason: str = "",
    not_ours: Sequence[str] = (),
    confirm: Callable[[Resolution], bool] | None = None,
    client_factory: ClientFactory | None = None,
) -> Resolution:
    """``--resolve PO --release [--not-ours PO,PO]``: send the rows waiting on ``po`` with the next run, only
    once the vendor shows that it holds none of them (else ReviewRefusedError, with what it saw).
    ``not_ours``: vendor orders the person says are another batch's (only POs that merely may be this
    batch's, e.g. ``BS-GIFTS-STAFF-0001`` for batch ``staff``): their lines are not looked at."""
    from .resolve import default_person, release

    def settle(ledger: Any, client: Any) -> Any:
        return release(ledger, client, batch, po, by=by or default_person(), reason=reason,
                       not_ours=not_ours, confirm=confirm)  # fmt: skip

    return _settled(settings, batch, _with_vendor(settings, batch, "resolve", settle, client_factory))


def _with_vendor(
    settings: Settings,
    batch: str,
    action: str,
    work: Callable[[Any, Any], Any],
    client_factory: ClientFactory | None,
    *,
    lock: bool = True,
) -> Any:
    """``work(ledger, client)`` for a batch of the ledger, through the API the batch was ordered with. With
    ``lock``, the ledger stays locked from the first vendor read to the last write: no run sends meanwhile."""
    from .batchapi import check_batch_api
    from .client import connect
    from .errors import BulkshipError
    from .ledger import Ledger, ledger_exists

    if not ledger_exists(settings.ledger_location):
        raise BulkshipError(
            f"No ledger at {settings.ledger_shown}", hint="pass --ledger PATH (env BULKSHIP_LEDGER)"
        )

    async def go() -> Any:
        with Ledger.open(settings.ledger_location, lock=lock, batch=batch) as ledger:
            check_batch_api(ledger.batch(batch), settings, action=action,
                            command=f"bulkship reconcile {batch} --review")  # fmt: skip
            async with (client_factory or connect)(settings) as client:
                return await work(ledger, client)

    return asyncio.run(go())


def _settled(settings: Settings, batch: str, resolution: Resolution) -> Resolution:
    """The resolution, with the batch's result workbook rewritten once it was applied."""
    if not resolution.applied:
        return resolution
    from .ledger import Ledger
    from .track import rewrite_results

    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        path, problems = rewrite_results(ledger, batch, api=settings.api_url)
    notes = [f"Result workbook updated: {path}"] if path else problems
    return replace(resolution, notes=(*resolution.notes, *notes))


def export_csv(settings: Settings, batch: str) -> Path:
    """The CSV twin of the batch's result workbook (``bulkship run --csv``)."""
    from .track import export_results_csv

    return export_results_csv(settings, batch)


def sandbox_reset(settings: Settings, *, state: Path | None = None) -> list[Path]:
    """``bulkship sandbox reset``: forget every order of the embedded sandbox (or of the sandbox whose state
    file is ``state``). Returns the files deleted."""
    from .errors import ConfigError

    path = state or settings.sandbox_state_file
    removed = []
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            candidate.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise ConfigError(f"Cannot delete sandbox state {candidate}: {exc}") from None
        removed.append(candidate)
    return removed
