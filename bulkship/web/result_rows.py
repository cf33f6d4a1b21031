"""A batch's rows as its Results page shows them, row by row as the result workbook does: counted by status
and money bucket (:func:`counted_rows`), each page's rows named (the recipients an order sent, else as the
list or a command-line batch's workbook writes them) and made into lines (:func:`result_line`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, NamedTuple

from ..errors import BulkshipError
from ..ledger import Ledger, RowRecord
from ..payload import line_items
from ..reconcile.booknames import BookRow, Naming
from ..reconcile.join import LedgerView, made_no_card, row_standing, with_gone_note
from ..statuses import NOT_YET_REASON
from . import state
from .pagekit import Web


@dataclass(frozen=True)
class ResultLine:
    row: int
    status: str
    po_number: str
    tracking_number: str
    tracking_url: str
    cost: Decimal | None
    error: str
    cost_unknown: bool = False  # ordered, its cost never recorded (an older bulkship): not in any total
    money: str = ""  # the bucket its cost is in (charged, in doubt, to send; "" none), as the workbook says
    no_card: bool = False  # failed: the vendor ended its line before making a card; nothing in it to fix
    name: str = ""  # the recipient as the order sent them ("" for a row not sent)

    @property
    def held_to_fix(self) -> bool:
        """Invalid and held until a day (..validate.heldnow): its words are the hold's, not what to fix (its
        row read 'invalid' beside the hold alone: hunter-money22's item 8)."""
        return self.status == "invalid" and self.error.startswith(NOT_YET_REASON)


class CountedRow(NamedTuple):  # a tuple: a batch has 100k of them
    """A row of the page as it is counted and filtered: its status, money bucket and cost as its outcome has
    them (:func:`row_standing`). Only the rows of the page shown are worked out whole: a 100,000-row batch
    took ~4 s a view (10 s on a busy machine) building every row's outcome to count them (hunter-web8)."""

    row: int
    record: RowRecord
    status: str
    money: str
    cost: Decimal | None
    gone: bool  # a row of an earlier file that holds money, shown after the file's rows


def counted_rows(view: LedgerView) -> list[CountedRow]:
    """The rows the result workbook shows, as it numbers them: the file's rows, then the rows of an earlier
    file that hold money (a card paid for must be on the page and in its total, as in every other output)."""
    current = view.current_rows()
    after = max((r.row for r in current), default=1)
    gone = sorted((r for r in view.shown_rows() if not r.current), key=lambda r: (r.row, r.fingerprint))
    numbered = [(r.row, r, False) for r in sorted(current, key=lambda r: r.row)]
    numbered += [(after + offset, r, True) for offset, r in enumerate(gone, start=1)]
    orders = view.orders
    return [
        CountedRow(row, record, *row_standing(record, orders.get(record.po_number or "")), is_gone)
        for row, record, is_gone in numbered
    ]


def sent_names(view: LedgerView, rows: list[CountedRow]) -> dict[int, str]:
    """The recipients of the rows of a page that went to the vendor, as their order's line names them
    (row -> name): a page of row numbers and costs only left finance no way to tell whose card is whose
    (found by newcomer4). A page's orders are read once each."""
    items: dict[str, list[dict[str, Any]]] = {}
    names: dict[int, str] = {}
    for shown in rows:
        record = shown.record
        order = view.orders.get(record.po_number or "")
        if order is None or record.line_index is None:
            continue
        if order.po_number not in items:
            items[order.po_number] = line_items(order)
        sent = items[order.po_number]
        if 0 <= record.line_index < len(sent):
            names[shown.row] = str(
                (sent[record.line_index].get("PhysicalDeliveryAddress") or {}).get("Name") or ""
            )
    return names


def page_listed_names(
    web: Web, batch: state.WebBatch, view: LedgerView, rows: list[CountedRow]
) -> dict[int, str]:
    """The recipients of a page's rows not sent, as the list (with the page's corrections) writes them (row
    -> name): 'Row 4 invalid', 'Row 5 skipped' named nobody, the people HR acts on (newcomer4's F9, after
    37ae49f named the rows sent). Only while the batch's rows are those of its upload (a run of another
    file since numbers other people)."""
    wanted = [r.row for r in rows if not r.gone]
    return listed_names(web, batch, wanted, view.batch.file_hash) if view.batch is not None else {}


def listed_names(web: Web, batch: state.WebBatch, wanted: list[int], file_hash: str) -> dict[int, str]:
    """The recipients of spreadsheet rows ``wanted`` as the list (with the page's corrections) writes them
    (row -> name), while the rows the ledger holds of the batch (``file_hash``) are those of its upload."""
    if not wanted or batch.upload is None or not batch.upload.exists():
        return {}
    try:
        loaded = web.reviews.sheet(batch)
    except BulkshipError:
        return {}
    with Ledger.open(web.settings.ledger_location, lock=False) as ledger:
        uploaded = ledger.upload_hashes().get(batch.name, set())
    if loaded.file_hash != file_hash and loaded.file_hash not in uploaded:
        return {}
    header_of = {canonical: header for header, canonical in loaded.column_map.items()}
    # as the card would name them (a 'Preferred Name' empty for most people named nobody: found by
    # newcomer7), as the result workbook's rows are (the legal name beside a 'Preferred First Name', and a
    # one-word preferred name without its family name: found by newcomer31)
    naming = Naming(dict(loaded.preferred), header_of, loaded.last_first)
    frame, fixed = loaded.frame, batch.corrections
    names: dict[int, str] = {}
    for row in wanted:
        if row in frame.index:

            def cell(header: str, row: int = row) -> str:
                return fixed.get((row, header), str(frame.at[row, header])).strip()

            names[row] = naming.card_name(cell)
    return names


def result_line(view: LedgerView, shown: CountedRow, name: str = "") -> ResultLine:
    """A row as the result workbook shows it (the same join: money only where a card was made)."""
    outcome = view.outcome_of(shown.row, shown.record)
    if shown.gone:
        outcome = with_gone_note(view, shown.record, outcome)
    return ResultLine(
        row=outcome.row,
        status=outcome.status,
        po_number=outcome.po_number,
        tracking_number=outcome.tracking_number,
        tracking_url=outcome.tracking_url,
        cost=outcome.cost,
        error=outcome.problems,
        cost_unknown=outcome.cost_unknown,
        money=outcome.money,
        no_card=made_no_card(shown.record) and not shown.gone,
        name=name,
    )


def as_its_workbook_says(
    lines: list[ResultLine], rows: list[CountedRow], book: dict[int, BookRow]
) -> list[ResultLine]:
    """A command-line batch's rows not sent named as its result workbook names them, and an invalid row's
    problems as it says them (:mod:`bulkship.reconcile.booknames`): only rows it holds with the ledger's
    fingerprint."""
    shown = []
    for line, counted in zip(lines, rows, strict=True):
        written = book.get(counted.row)
        if written is not None and not counted.gone and written.fingerprint == counted.record.fingerprint:
            said = written.problems if line.status == "invalid" and not line.error else line.error
            line = replace(line, name=line.name or written.name, error=said)
        shown.append(line)
    return shown
