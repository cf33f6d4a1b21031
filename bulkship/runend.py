"""A run's last step: the result workbook written from the ledger and the run's :class:`~.runresult.RunResult`
(:func:`reconcile_run`), and the workbook written again when a run stops before sending with the plan it
recorded kept in the ledger (:func:`rewrite_kept_plan`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BulkshipError
from .ledger import Ledger
from .ledger.orderstates import COMMITTED_ORDER_STATES
from .memtrim import give_back_memory
from .models import Catalog, ValidationResult
from .repeats import held_notes
from .repeats.takenout import sent_elsewhere_notes
from .resultfile import left_behind, result_path, workbook_not_written, write_results
from .runoptions import RunOptions
from .runresult import RunResult, result_from_ledger

if TYPE_CHECKING:
    from .settings import Settings


def reconcile_run(
    ledger: Ledger,
    batch: str,
    validation: ValidationResult,
    settings: Settings,
    catalog: Catalog,
    options: RunOptions,
) -> tuple[RunResult, BulkshipError | None]:
    """The result workbook from the ledger, and the run's result; the error that kept the workbook from
    being written (the orders are recorded all the same), if any."""
    not_written: BulkshipError | None = None
    record = ledger.batch(batch)
    earlier = record.output if record else None
    try:
        paper = options.program.paper if options.program else None
        output = write_results(ledger, batch, validation, settings, catalog, paper=paper)
    except (OSError, BulkshipError) as exc:  # a full disk, a folder gone since the start
        output, not_written = None, workbook_not_written(ledger, batch, exc)
    from .track import rewrite_corrected

    rewrite_corrected(ledger, (batch,), api=settings.api_url, catalog=catalog)
    give_back_memory()
    result = result_from_ledger(ledger, batch, settings, output)
    result.notes.extend(held_notes(ledger, batch))
    result.notes.extend(sent_elsewhere_notes(ledger, batch))
    result.notes.extend(left_behind(earlier, output))
    return result, not_written


def rewrite_kept_plan(
    ledger: Ledger,
    batch: str,
    path: Path,
    validation: ValidationResult,
    settings: Settings,
    catalog: Catalog,
    options: RunOptions,
) -> Path | None:
    """The batch's result workbook written again when a run stops before sending and the plan it recorded
    stays in the ledger: the workbook of the cards sent before said 4 rows and 0.00 to send beside `status`
    saying 6 rows and 25.00 to send, until a later run sent (found by hunter-money1, L3). Only the workbook
    this run would write (same folder): a declined run writes none elsewhere; nor one holding corrections
    on its Fix these sheet that this run did not read (a look at the plan of the first file loses none).
    Returns the workbook written first here (:func:`_first_workbook`), else None."""
    from .reconcile.fixedits import unsent_fix_edits
    from .reconcile.sheets import read_result_workbook

    record = ledger.batch(batch)
    recorded = Path(record.output) if record and record.output else None
    if recorded is None:
        return _first_workbook(ledger, batch, validation, settings, catalog, options)
    try:
        if not recorded.is_file():
            return None
        if recorded.resolve() != result_path(settings.out_dir, batch).resolve():
            return None
        read_here = path.resolve() == recorded.resolve()
    except OSError:
        return None
    if not read_here and unsent_fix_edits(recorded, read_result_workbook(recorded, lenient=True)):
        return None
    reconcile_run(ledger, batch, validation, settings, catalog, options)  # not written: not the news here
    return None


def _first_workbook(
    ledger: Ledger,
    batch: str,
    validation: ValidationResult,
    settings: Settings,
    catalog: Catalog,
    options: RunOptions,
) -> Path | None:
    """The workbook of a batch whose orders went (or may have) before any workbook was written: a run
    killed after its first order, its re-run declined, wrote none, though cards were charged; `status` had
    no Results and `track` said "`bulkship run` writes one" (found by newcomer31, F-a). Not over a file
    already there, which another ledger may have written."""
    # an order the vendor holds, or may (sent, no answer yet): its cards charged, or perhaps
    if not any(ledger.order_counts(batch).get(state) for state in COMMITTED_ORDER_STATES):
        return None
    if result_path(settings.out_dir, batch).exists():
        return None
    result, not_written = reconcile_run(ledger, batch, validation, settings, catalog, options)
    return None if not_written is not None or result.output is None else Path(result.output)
