"""The review of a batch's rows, worked out once per version of the rows and kept in memory for paging
(what it holds and answers: :mod:`bulkship.web.reviewrows`).

A version is the batch's latest change (upload, sheet, fix): :attr:`WebBatch.change_id`. The file is read
once per (upload, sheet) and kept, so a fix re-judges the rows without reading the file again. Nothing here
is state: a restarted server works the same review out again from the upload and the ledger's events.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from typing import Any

from .. import api
from ..batchnames import default_batch_for
from ..columns import AmbiguousColumnsError, ColumnsReport
from ..errors import BulkshipError, SecondCardError
from ..models import STATUS, Catalog, LoadedSheet
from ..settings import Settings
from ..validate.cardamount import read_card_amount
from ..validate.cardcolumn import read_card_column
from ..validate.checkedonce import Checking, KeptChecks
from ..validate.citystatezip import read_city_state_zip
from ..validate.companycolumn import read_company_column
from ..validate.namecolumn import read_name_column
from . import heldreview
from .batchledger import ordered_fingerprints, plans_dropped, rows_sent, vendor_refused
from .kept import Lru as _Lru
from .kept import Turns
from .kept import giving_back as _giving_back
from .ledgerreads import one_open
from .reviewrows import Review, review_rows, with_elsewhere, with_refusals
from .state import WebBatch, record
from .uploads import upload_of

PAGE_ROWS = 50
FILTERS = {
    "problems": "Rows with a problem",
    "errors": "Errors (not sent unless fixed)",
    "warnings": "Warnings (will be sent: check them)",  # most change nothing (a PO box): review22
    "duplicates": "Duplicates (skipped)",
    "vendor": "Refused or failed at the vendor",
    "all": "All rows",  # any row opens to change it, one without a problem too (newcomer3's N6)
}


def _read_with(batch: WebBatch) -> tuple[Any, ...]:
    """What the file is read with, beside its sheet: the Columns page's mapping and values for every row."""
    return tuple(sorted(batch.columns.items())), tuple(sorted(batch.every_row.items()))


READ_AT_ONCE = 2  # uploads read (their sheet, columns, review or plan worked out) at once: web.kept.Turns


class Reviews:
    def __init__(self, settings: Settings, at_once: int = READ_AT_ONCE) -> None:
        self.settings = settings
        turns = self._turns = Turns(at_once)  # (a sheet, its columns, its review, its plan: a reading)
        self._sheets: _Lru[tuple[Any, ...], LoadedSheet] = _Lru(2, turns)
        self._columns: _Lru[tuple[Any, ...], ColumnsReport] = _Lru(4, turns)
        self._reviews: _Lru[tuple[str, int, int, date, int], Review] = _Lru(3, turns)
        self._catalog: Catalog | None = None
        self.checks = KeptChecks()  # each review's check, by what it read, for the cost page to take
        # state.plan_key -> (PlanView | None, when it was priced: cost_pages)
        self.plans: _Lru[tuple[Any, ...], Any] = _Lru(8, turns)
        self._sheet_names: _Lru[str, list[str]] = _Lru(16)

    def serving(self) -> None:
        self._turns.serving()

    def stop(self, *, last: bool = False) -> None:
        """The server stops: no request waits for a reading any more (:meth:`.kept.Turns.stop`)."""
        self._turns.stop(last=last)

    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = api.catalog(self.settings)
        return self._catalog

    def sheet_names(self, batch: WebBatch) -> list[str]:
        """The workbook's sheets (an upload never changes: read once)."""
        path = str(upload_of(batch))
        return self._sheet_names.get_or_make(path, lambda: api.sheet_names(path))

    def sheet(self, batch: WebBatch) -> LoadedSheet:
        """The file as read with the batch's sheet and column mapping (read once per such version)."""
        assert batch.upload is not None
        # and per day where its person is: its 'Do Not Send Before' dates read otherwise after midnight (a
        # page left open showed yesterday's rows and cost, the send read today's: found by hunter-sheets9)
        key = (str(batch.upload), batch.sheet, _read_with(batch), batch.day)

        def make() -> LoadedSheet:
            read = api.load_file(upload_of(batch), sheet=batch.sheet, program=batch.program)
            read = read_card_amount(read, self.catalog(), batch.program)  # 'Target $25', as validate
            read = read_card_column(
                read, self.catalog(), batch.program
            )  # 'Gift' = CVS: the card, as validate
            read = read_name_column(read, batch.program)  # 'Tenant' = Ann Lee: the name, as validate
            read = read_company_column(read, batch.program)  # 'Client' beside 'Attn', as validate
            return read_city_state_zip(read)  # 'City, State ZIP' = 'Boston, MA 02134': the three, as validate

        return self._sheets.get_or_make(key, _giving_back(make))

    def columns(self, batch: WebBatch) -> ColumnsReport:
        """What feeds which field, for the Columns page: from the sheet as read when its mapping can be used,
        else read again marking the ambiguous columns (so the person can choose)."""
        key = (str(batch.upload), batch.sheet, _read_with(batch))

        def make() -> ColumnsReport:
            try:
                return api.describe_columns(self.sheet(batch), program=batch.program)
            except (AmbiguousColumnsError, SecondCardError):  # the page asks the person to choose
                return api.detect_columns(upload_of(batch), sheet=batch.sheet, program=batch.program)

        return self._columns.get_or_make(key, make)

    def review(self, batch: WebBatch) -> Review:
        """The batch's review for its current rows (worked out on first use, then from memory). A list refused
        (past [limits] problems) keeps no sheet read for it: its page says why, and nothing else reads it."""

        def make() -> Review:
            try:
                with one_open(self.settings):  # (in the reading's own thread)
                    return judged()
            except BulkshipError:
                self._sheets.discard(lambda key: key[0] != str(batch.upload))
                raise

        def judged() -> Review:
            read = self.sheet(batch)
            if batch.taken_in:  # rows the list leaves out ordered after all, as the send reads them
                read = api.take_rows_in(read, batch.taken_in, batch.program)
            loaded = api.apply_corrections(read, batch.corrections, batch.program)
            here = frozenset(s.row for s in loaded.skipped) - {s.row for s in read.skipped}
            loaded = heldreview.left_out(loaded, batch)  # as the send reads it (the Held rows page)
            ordered = functools.partial(ordered_fingerprints, self.settings, batch.name)  # as `run` judges
            checking = Checking(self.checks)  # kept, not taken here: the cost page takes it
            result = api.validate_sheet(
                loaded, self.catalog(), program=batch.program, ordered=ordered, checking=checking
            )
            result, refusal, elsewhere = heldreview.repeat_warnings(self.settings, batch, result)
            refused = vendor_refused(self.settings, batch.name)
            rows = with_refusals(review_rows(loaded, result), loaded, result, refused)
            rows = with_elsewhere(rows, elsewhere)
            summary = result.summary()
            counts = {
                "rows": summary.rows,
                "valid": summary.valid,
                "invalid": int((result.rows[STATUS] == "invalid").sum()),
                "duplicate": int((result.rows[STATUS] == "duplicate").sum()),
                "skipped": int((result.rows[STATUS] == "skipped").sum()),
                "warnings": sum(1 for r in rows if r.has_warning),
                "problems": len(rows),
                "refused": sum(1 for r in rows if r.status == "failed"),
            }
            if batch.checked != counts:
                record(self.settings, batch.name, "web_checked", **counts)
            sent = rows_sent(self.settings, batch.name)
            own = "" if batch.own_list else default_batch_for(Path(batch.upload or ""), batch.sheet)
            own = own if own == batch.name else ""
            return Review(
                batch.name, batch.change_id, loaded, result, rows, counts, sent, here, refusal, own,
                frozenset(batch.repeats_left), dict(batch.taken_in), elsewhere,
            )  # fmt: skip

        # a run that ended since may have left rows the vendor refused: worked out again after each run; and
        # once another batch's plan is cancelled unsent (its rows held these as planned there)
        key = (batch.name, batch.change_id, batch.done_id, batch.day, plans_dropped(self.settings))
        return self._reviews.get_or_make(key, _giving_back(make))

    def forget(self, batch: WebBatch) -> None:
        """Drop what is kept for a deleted batch's upload."""
        self._sheets.discard(lambda key: key[0] != str(batch.upload))
        self._columns.discard(lambda key: key[0] != str(batch.upload))
        self._reviews.discard(lambda key: key[0] != batch.name)
        self.plans.discard(lambda key: key[0] != batch.name)
