"""Money invariants: after any end-to-end scenario, every output tells one truth.

    from support.money_invariants import check_money
    check_money(ledger_path, batch, input_rows={2, 3, 4})

Checks, to the cent:

* every input row appears exactly once in the Results, with one status from the vocabulary (or the vendor's
  own word for its line, shown as it came, and counted on the Summary like the others);
* a duplicate row has no PO, line or money of its own; a row without a money bucket has no amounts;
* each row's figures add up (face value - discount + fees + shipping = total); a row holding money with no
  figures at all is one whose cost the ledger never recorded (an older bulkship): it says "cost unknown",
  and every count of its bucket says the figures leave it out (never 0.00 counted as spent);
* by bucket (charged / in doubt / to send), the rows, the Orders sheet, the Summary's money table,
  ``status --json`` (the library function behind it), ``RunResult`` (``run --json``) and the CSV twin (when
  written) give the same sums; each order on the Orders sheet (its lines, one per money bucket its rows are
  in) is the sum of its rows, and what the vendor bills on the order beside its lines (shipping or fees
  billed per order, ``Ledger.billed_on_orders``) on its charged line: the Summary, ``status`` and ``run
  --json`` count it charged, the rows (and the CSV twin) do not;
* the ledger's charged total equals the workbook's; every order in doubt (sent, answer lost) shows its rows
  as in doubt with their amounts, never as unspent;
* with ``vendor_orders`` (the vendor's own list), the charged total equals what the vendor holds;
* the Summary and ``status`` say each note the run says beside the same totals where they are not simply
  the vendor's (``runnotes.money_notes``: costs not the plan's, another currency, cards not priced yet...);
* a charged row the vendor charged otherwise than its plan priced it (the prices its order was sent with)
  says so on its row: more or less than planned, or an overcharge (a difference in its shipping alone, billed
  on the order, is said on the Summary; a cent a card or less, the vendor's rounding, on the Summary's note);
* with ``web=True``, the web pages (:mod:`.money_pages`) say the same: the Results page's counts by status
  and its charged, in doubt and to send figures, and the batch's line on the Batches page.

Returns what it read, for a test to assert more.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from python_calamine import CalamineWorkbook

from bulkship.batchstatus import batch_status
from bulkship.billing import row_made_no_card
from bulkship.ledger import OPEN_STATES, Ledger
from bulkship.money import MONEY_FIELDS, MONEY_LABELS, BilledCards, billed_money
from bulkship.overview import overview
from bulkship.reconcile.join import LedgerView
from bulkship.reconcile.join.chargedwords import within_rounding
from bulkship.reconcile.join.outcome import row_line
from bulkship.reconcile.layout import csv_result_headers, result_headers
from bulkship.reconcile.sheets import (
    ORDERS_SHEET,
    RESULT_COLUMNS,
    RESULTS_SHEET,
    SUMMARY_SHEET,
)
from bulkship.runnotes import money_notes
from bulkship.statuses import CHARGED, MONEY_BUCKETS, STATUS_NAMES

CENT = Decimal("0.01")


def _cents(value: Any) -> Decimal:
    if value in (None, ""):
        return Decimal(0)
    return Decimal(str(value)).quantize(CENT)


@dataclass
class MoneySeen:
    """What the workbook says by bucket: rows and the five figures (face, discount, fees, shipping, total)."""

    rows: dict[int, dict[str, Any]] = field(default_factory=dict)
    statuses: Counter[str] = field(default_factory=Counter)
    buckets: dict[str, list[Decimal]] = field(default_factory=dict)
    bucket_rows: Counter[str] = field(default_factory=Counter)
    orders: dict[str, list[Decimal]] = field(default_factory=dict)
    unknown: Counter[str] = field(default_factory=Counter)  # rows of unknown cost, by bucket
    billed: dict[str, Decimal] = field(default_factory=dict)  # PO -> billed on the order beside its lines
    # PO -> of it, the card lines its order shows beyond its rows (cards, not shipping: billed_money)
    billed_cards: dict[str, BilledCards] = field(default_factory=dict)

    def rows_figures(self, bucket: str) -> list[Decimal]:
        """The bucket's five figures over its rows alone (the Results sheet, the CSV twin)."""
        return self.buckets.get(bucket, [Decimal(0)] * 5)

    def figures(self, bucket: str) -> list[Decimal]:
        """The bucket's five figures as the Summary, ``status`` and the run count them: its rows, and for
        charged what the orders bill beside their lines (as shipping cost, but card lines beyond their rows
        as cards: ``billed_money``)."""
        figures = self.rows_figures(bucket)
        if bucket == CHARGED:
            for po, amount in self.billed.items():
                money = billed_money(amount, self.billed_cards.get(po))
                figures = [a + b for a, b in zip(figures, money.figures(), strict=True)]
        return figures

    def order_figures(self, po: str) -> list[Decimal]:
        """What the Orders sheet shows for ``po`` (its lines added up): its rows', and what the order bills
        beside its lines."""
        figures = self.orders.get(po, [Decimal(0)] * 5)
        if po in self.billed:
            money = billed_money(self.billed[po], self.billed_cards.get(po))
            figures = [a + b for a, b in zip(figures, money.figures(), strict=True)]
        return figures

    def total(self, bucket: str) -> Decimal:
        return self.figures(bucket)[4]


def _results_rows(path: Path) -> tuple[list[str], list[tuple[Any, ...]]]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows: list[tuple[Any, ...]] = []
    header: list[str] = []
    for name in book.sheetnames:
        if name == RESULTS_SHEET or name.startswith(RESULTS_SHEET + " "):
            table = list(book[name].iter_rows(values_only=True))
            header = [str(h) for h in table[0]]
            rows.extend(table[1:])
    book.close()
    return header, rows


def _read_results(path: Path) -> MoneySeen:
    header, table = _results_rows(path)
    width = len(header) - len(RESULT_COLUMNS)
    # bulkship's columns after the user's, each marked "(bulkship)" where it reads as one of theirs
    assert width >= 0 and tuple(header[width:]) == result_headers(header[:width]), header
    seen = MoneySeen()
    for line in table:
        cells = dict(zip(RESULT_COLUMNS, line[width:], strict=False))
        row = int(cells["Row"])
        assert row not in seen.rows, f"row {row} appears twice in the Results"
        seen.rows[row] = cells
        status = str(cells["Status"])
        # a status outside the vocabulary is the vendor's own word ('cancelled', 'returned'), shown as it came
        # (bulkship.statuses): it must still be a word, and counted on the Summary (checked there)
        assert status in STATUS_NAMES or (status.strip() and status not in ("None", "nan")), (
            f"row {row}: no status {status!r}"
        )
        seen.statuses[status] += 1
        figures = [_cents(cells[label]) for label in MONEY_LABELS]
        bucket = cells["Money"] or ""
        if status == "duplicate":
            assert not (cells["PO Number"] or cells["Line Item ID"] or bucket or any(figures)), (
                f"duplicate row {row} shows a PO, line or money of its own: {cells}"
            )
            assert "duplicate of row" in str(cells["Problems / vendor error"]), cells
        if not bucket:
            assert not any(figures), f"row {row} has amounts but no money bucket: {cells}"
            continue
        assert bucket in MONEY_BUCKETS, f"row {row}: money bucket {bucket!r}"
        if all(cells[label] in (None, "") for label in MONEY_LABELS):
            assert "cost unknown" in str(cells["Problems / vendor error"]), (
                f"row {row}: money, no cost: {cells}"
            )
            seen.unknown[bucket] += 1
        face, discount, fees, shipping, total = figures
        assert face - discount + fees + shipping == total, f"row {row}: figures do not add up: {cells}"
        sums = seen.buckets.setdefault(bucket, [Decimal(0)] * 5)
        seen.buckets[bucket] = [a + b for a, b in zip(sums, figures, strict=True)]
        seen.bucket_rows[bucket] += 1
        po = str(cells["PO Number"] or "")
        assert po, f"row {row} holds money without a PO number"
        per_order = seen.orders.setdefault(po, [Decimal(0)] * 5)
        seen.orders[po] = [a + b for a, b in zip(per_order, figures, strict=True)]
    return seen


def _check_orders_sheet(path: Path, seen: MoneySeen) -> None:
    book = openpyxl.load_workbook(path, read_only=True)
    table = list(book[ORDERS_SHEET].iter_rows(values_only=True))
    book.close()
    header = [str(h) for h in table[0]]
    by_bucket: dict[str, list[Decimal]] = {}
    by_order: dict[str, list[Decimal]] = {}  # an order whose rows are in several buckets has a line in each
    for line in table[1:]:
        cells = dict(zip(header, line, strict=False))
        po = str(cells["PO Number"])
        figures = [_cents(cells[label]) for label in MONEY_LABELS]
        sums = by_order.setdefault(po, [Decimal(0)] * 5)
        by_order[po] = [a + b for a, b in zip(sums, figures, strict=True)]
        sums = by_bucket.setdefault(str(cells["Money"]), [Decimal(0)] * 5)
        by_bucket[str(cells["Money"])] = [a + b for a, b in zip(sums, figures, strict=True)]
    for po, figures in by_order.items():
        assert figures == seen.order_figures(po), f"order {po}: not the sum of its rows (and what it bills)"
    missing = (set(seen.orders) | set(seen.billed)) - set(by_order)
    assert not missing, f"orders with money missing from the Orders sheet: {missing}"
    for bucket in MONEY_BUCKETS:
        assert by_bucket.get(bucket, [Decimal(0)] * 5) == seen.figures(bucket), bucket


def _check_summary(path: Path, seen: MoneySeen) -> None:
    """The Summary's money table and status counts, read with calamine (a second reader)."""
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(SUMMARY_SHEET).to_python()
    labels: dict[str, list[Any]] = {str(line[0]): line for line in sheet if line and line[0] != ""}
    assert int(float(labels["Rows"][1])) == len(seen.rows), "Summary Rows is not the number of Results rows"
    for bucket in MONEY_BUCKETS:
        line = labels[bucket.capitalize()]
        assert int(float(line[2])) == seen.bucket_rows[bucket], f"Summary {bucket} rows"
        figures = [_cents(v) for v in line[4:9]]
        assert figures == seen.figures(bucket), f"Summary {bucket}: {figures}"
        if seen.unknown[bucket]:
            assert int(float(line[9])) == seen.unknown[bucket], f"Summary {bucket}: rows of unknown cost"
    total = "Total (incomplete)" if sum(seen.unknown.values()) else "Total"
    assert total in labels, f"the Summary's money table has no {total!r} line"
    # the tables by product and by shipping method add up to the money charged and in doubt (a finance
    # person sums them): what the vendor bills on orders beside their lines is a line of each
    spent = [a + b for a, b in zip(seen.figures("charged"), seen.figures("in doubt"), strict=True)]
    for title in ("Product (charged, in doubt)", "Shipping method"):
        assert _table_sums(sheet, title) == spent, (
            f"the Summary's {title!r} table adds up to other than {spent}"
        )
    for status in STATUS_NAMES:
        if status in labels:
            assert int(float(labels[status][1])) == seen.statuses[status], f"Summary count of {status}"
    for status in set(seen.statuses) - set(STATUS_NAMES):  # the vendor's own words: counted too
        assert int(float(labels[status][1])) == seen.statuses[status], f"Summary count of {status}"


def _check_summary_notes(path: Path, said: list[str]) -> None:
    """The Summary says what the run says beside the totals where they are not simply the vendor's (found by
    hunter-money3: 562.80 charged for 559.80 planned, said by the run, track and reconcile; the workbook
    said only of a 1.50 overcharge)."""
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(SUMMARY_SHEET).to_python()
    text = "\n".join(str(line[0]) for line in sheet if line)
    for note in said:
        assert note in text, f"the Summary does not say: {note}"


def _table_sums(sheet: list[list[Any]], title: str) -> list[Decimal]:
    """The five figures of a Summary table (``title`` heads it), its lines added up."""
    at = next(i for i, line in enumerate(sheet) if line and line[0] == title)
    sums = [Decimal(0)] * 5
    for line in sheet[at + 1 :]:
        if not line or line[0] in ("", None):
            break
        sums = [a + _cents(v) for a, v in zip(sums, line[4:9], strict=True)]
    return sums


def _check_csv(path: Path, seen: MoneySeen) -> None:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        table = list(csv.reader(stream))
    header = table[0]
    start = len(header) - len(RESULT_COLUMNS)
    assert tuple(header[start:]) == csv_result_headers(header[:start]), header  # money headers name USD
    sums: dict[str, list[Decimal]] = {}
    for line in table[1:]:
        cells = dict(zip(RESULT_COLUMNS, line[start:], strict=False))
        for label in MONEY_LABELS:
            text = cells[label]
            assert text == "" or (text.count(".") == 1 and len(text.split(".")[1]) == 2), (
                f"CSV money {text!r} is not a plain two-decimal number"
            )
        if cells["Money"]:
            figures = [_cents(cells[label]) for label in MONEY_LABELS]
            running = sums.setdefault(cells["Money"], [Decimal(0)] * 5)
            sums[cells["Money"]] = [a + b for a, b in zip(running, figures, strict=True)]
    assert len(table) - 1 == len(seen.rows), "the CSV has another number of rows than the workbook"
    for bucket in MONEY_BUCKETS:
        assert sums.get(bucket, [Decimal(0)] * 5) == seen.rows_figures(bucket), bucket


def _check_status_json(status: Mapping[str, Any], seen: MoneySeen) -> None:
    assert status["rows"] == len(seen.rows), (status["rows"], len(seen.rows))
    assert status["by_status"] == {k: v for k, v in sorted(seen.statuses.items()) if v}, status["by_status"]
    for bucket in MONEY_BUCKETS:
        money = status["money"][bucket.replace(" ", "_")]
        figures = [_cents(money[name]) for name in MONEY_FIELDS]
        assert figures == seen.figures(bucket), f"status --json {bucket}: {money}"
        assert money["rows"] == seen.bucket_rows[bucket]
        assert money["cost_unknown_rows"] == seen.unknown[bucket], f"status --json {bucket}: {money}"
        assert money["complete"] is not bool(seen.unknown[bucket])
    assert status["money_complete"] is not bool(sum(seen.unknown.values()))
    assert _cents(status["ordered_cost"]) == seen.total("charged")
    assert _cents(status["in_doubt_cost"]) == seen.total("in doubt")


def _planned_totals(view: LedgerView) -> dict[int, tuple[Decimal, Decimal, int]]:
    """Spreadsheet row -> (what its plan priced its line at, that plan's shipping, its cards), for the rows
    charged whose plan is known (the prices their order was sent with; an older ledger records none)."""
    planned: dict[int, tuple[Decimal, Decimal, int]] = {}
    for row, record in view.latest_by_row().items():
        if record.status != "ordered" or not record.po_number:
            continue
        order = view.orders.get(record.po_number)
        line = row_line(record, order, view.lines(record.po_number), view.waiting(record, order))
        plan = view.prices.of(order).planned(line) if line is not None else None
        if plan is not None and line is not None:
            planned[row] = (plan.total, plan.shipping, line.quantity)
    return planned


def _check_rows_charged_otherwise(
    seen: MoneySeen, planned: Mapping[int, tuple[Decimal, Decimal, int]], notes: Iterable[str]
) -> None:
    """A row charged otherwise than planned says so (hunter-money4's M4: a scenario whose row kept quiet
    passed). Its shipping billed on the order instead (the line costs its cards alone) is no such row; one
    charged a cent a card or less otherwise (the vendor's rounding) is said once beside the totals instead."""
    for row, cells in seen.rows.items():
        if cells["Money"] != CHARGED or row not in planned or cells["Total"] in (None, ""):
            continue
        plan, shipping, cards = planned[row]
        total = _cents(cells["Total"])
        if total in (plan, plan - shipping):
            continue
        if within_rounding(total, plan, cards):
            assert any("a cent a card or less otherwise than planned" in note for note in notes), (
                f"row {row} charged {total} where its plan priced it at {plan}, said on no note: {notes}"
            )
            continue
        said = str(cells["Problems / vendor error"] or "")
        assert "than planned" in said or "overcharge" in said, (
            f"row {row} charged {total} where its plan priced it at {plan}, and says nothing of it: {said!r}"
        )


def check_money(
    ledger_path: Path | str,
    batch: str,
    *,
    input_rows: Iterable[int] | None = None,
    run_json: Mapping[str, Any] | None = None,
    vendor_orders: Iterable[Mapping[str, Any]] | None = None,
    web: bool = False,
) -> MoneySeen:
    """Check every invariant above for ``batch``; ``input_rows``: the file's spreadsheet row numbers (each
    must appear exactly once); ``run_json``: what ``run --json`` printed."""
    with Ledger.open(ledger_path, lock=False) as ledger:
        record = ledger.batch(batch)
        assert record is not None and record.output, f"batch {batch} has no result workbook"
        path = Path(record.output)
        status = batch_status(ledger, batch)
        # the Batches page's count and money are status's (found by hunter-web4: "Rows 2" there, 3 here)
        at_a_glance = overview(ledger)[batch]
        assert at_a_glance.row_total == status["rows"], (at_a_glance.rows, status["by_status"])
        # the ledger's ordered rows, but those whose line the vendor ended before any card (charged nothing)
        charged_in_ledger = sum(
            (
                Decimal(str(r.cost or 0))
                for r in ledger.batch_rows(batch)
                if r.status == "ordered" and not row_made_no_card(r)
            ),
            Decimal(0),
        )
        in_doubt_pos = {o.po_number for o in ledger.orders(batch, states=OPEN_STATES)}
        billed = {po: amount for po, (_batch, amount) in ledger.billed_on_orders(batch).items()}
        billed_cards = ledger.billed_cards(batch)
        view = LedgerView(ledger, batch)
        said = money_notes(ledger, view, batch)
        planned = _planned_totals(view)
    seen = _read_results(path)
    seen.billed = {po: _cents(amount) for po, amount in billed.items()}
    seen.billed_cards = {po: cards for po, cards in billed_cards.items() if po in billed}
    if input_rows is not None:
        missing = set(input_rows) - set(seen.rows)
        assert not missing, f"input rows missing from the Results: {sorted(missing)}"
    _check_orders_sheet(path, seen)
    _check_summary(path, seen)
    _check_summary_notes(path, said)
    assert status["notes"] == said, f"status does not say what the run says: {status['notes']} vs {said}"
    _check_status_json(status, seen)
    _check_rows_charged_otherwise(seen, planned, said)
    charged_rows = seen.rows_figures(CHARGED)[4]
    assert _cents(charged_in_ledger) == charged_rows, (charged_in_ledger, charged_rows)
    for row, cells in seen.rows.items():
        if cells["PO Number"] in in_doubt_pos:
            assert cells["Status"] == "in doubt" and cells["Money"] == "in doubt", (row, cells)
            assert _cents(cells["Total"]) > 0, f"row {row} in doubt without its amount"
    csv_twin = path.with_suffix(".csv")
    if csv_twin.exists():
        _check_csv(csv_twin, seen)
    if run_json is not None and "money" in run_json:
        for bucket in MONEY_BUCKETS:
            money = run_json["money"][bucket.replace(" ", "_")]
            assert _cents(money["total"]) == seen.total(bucket), f"run --json {bucket}: {money}"
            assert money["cost_unknown_rows"] == seen.unknown[bucket], f"run --json {bucket}: {money}"
        assert _cents(run_json["total_cost"]) == seen.total("charged")
    if vendor_orders is not None:
        vendor_total = sum(
            (_cents(li.get("Cost")) for order in vendor_orders for li in order.get("LineItems", [])),
            Decimal(0),
        )
        assert vendor_total == seen.total("charged"), (vendor_total, seen.total("charged"))
    if web:
        from .money_pages import check_pages

        check_pages(ledger_path, batch, seen.statuses, [seen.total(bucket) for bucket in MONEY_BUCKETS])
    return seen
