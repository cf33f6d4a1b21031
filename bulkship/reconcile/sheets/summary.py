"""The Orders and Summary sheets: one row per order holding money, and the Summary's facts, money tables
by bucket, product and shipping method, and rows by status with a chart. Their counts and money are added up
once while the rows stream past (:class:`.tally._Tally`; a sum shown twice is computed once).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from ...money import MONEY_LABELS, Breakdown, MoneyTally, money_text
from ...statuses import CHARGED, MONEY_BUCKETS, STATUS_COLOURS, STATUS_MEANINGS, VENDOR_WORD_MEANING
from ..layout import ORDER_COLUMNS
from .billednote import billed_line, billed_note
from .book import (
    RESULT_STATUSES,
    SANDBOX_API,
    SUMMARY_SHEET,
    WIDTH_SAMPLE_ROWS,
    OrderSummary,
    RunInfo,
)
from .cells import _Formats, _SheetSeries, _text, _widths, _write_text, printable
from .tally import _Tally


def _write_orders(
    sheet: Worksheet, orders: Sequence[OrderSummary], tally: _Tally, fmt: _Formats, paper: str
) -> None:
    """One row per order holding money (one per money bucket its rows are in); its figures are its rows'
    figures added up (``tally``)."""
    widths = _widths(ORDER_COLUMNS, [(o.po_number, o.order_id, o.status) for o in orders[:WIDTH_SAMPLE_ROWS]])
    widths[5] = 24.0  # rows by status: '23 pending, 2 shipped', written after the sample is taken
    for col, w in enumerate(widths):
        sheet.set_column(col, col, max(w, 12))
    sheet.freeze_panes(1, 0)
    printable(sheet, paper=paper)
    for col, header in enumerate(ORDER_COLUMNS):
        _write_text(sheet, 0, col, header, fmt.header)
    i = 0
    for order in orders:
        parts = _order_lines(order, tally)
        by_bucket = tally.statuses_by_order.get(order.po_number, {})
        for bucket, money, lines in parts:
            i += 1
            status = order.status if money.complete else f"{order.status}; {_unknown_text(money)}"
            _text(sheet, i, 0, order.po_number, fmt)
            _text(sheet, i, 1, order.order_id, fmt)
            _text(sheet, i, 2, status, fmt)
            tally.nothing_charged += bucket == NOTHING_CHARGED
            _text(sheet, i, 3, bucket, fmt)
            sheet.write_number(i, 4, lines)
            counted = by_bucket.values() if len(parts) == 1 else [by_bucket.get(bucket, {})]
            _text(sheet, i, 5, _rows_by_status(counted), fmt)
            for col, amount in enumerate(money.figures(), start=6):
                sheet.write_number(i, col, float(amount), fmt.money)
    sheet.autofilter(0, 0, max(i, 1), len(ORDER_COLUMNS) - 1)


def _rows_by_status(counted: Iterable[Mapping[str, int]]) -> str:
    """'23 pending, 2 shipped': an Orders line's rows by status (every row of its order, or those of its
    money bucket when the order takes a line per bucket), in the order rows move through them."""
    counts: dict[str, int] = {}
    for by_status in counted:
        for status, n in by_status.items():
            counts[status] = counts.get(status, 0) + n
    return ", ".join(f"{counts[s]} {s}" for s in sorted(counts, key=_status_place))


def _status_place(status: str) -> int:
    return RESULT_STATUSES.index(status) if status in RESULT_STATUSES else len(RESULT_STATUSES)


def _order_lines(order: OrderSummary, tally: _Tally) -> list[tuple[str, MoneyTally, int]]:
    """The Orders sheet's lines for one order: (money bucket, its rows' money there, line items). One line
    in the order's bucket, or one per bucket when its rows are in several (an order the vendor made, some
    rows charged, others waiting for a person with their money in doubt: one 'charged' line of the whole
    told finance 100.00 charged beside the Summary's 75.00 and 25.00 in doubt; found by hunter-vendor5)."""
    money = tally.by_order.get(order.po_number) or MoneyTally()
    parts = [
        (bucket, part)
        for bucket in MONEY_BUCKETS
        if (part := tally.by_order_bucket.get((order.po_number, bucket))) is not None
    ]
    if order.money == CHARGED and parts and (len(parts) > 1 or parts[0][0] != CHARGED):
        return [(bucket, part, part.rows) for bucket, part in parts]
    # an order the vendor created whose rows hold no money (each card failed there, no card made) was not
    # charged: "charged" beside "Failed" and 0.00 told finance otherwise (found by review18)
    empty = order.money == CHARGED and not money.rows and not any(money.figures())
    return [(NOTHING_CHARGED if empty else order.money, money, order.line_items)]


NOTHING_CHARGED = "nothing charged"


def _no_card(po_number: str, tally: _Tally) -> bool:
    """The order holds no row charged or in doubt: what it bills beside its lines is for no card (an order
    the vendor ended); rows waiting for a person in it may be its cards."""
    held = (tally.by_order_bucket.get((po_number, bucket)) for bucket in MONEY_BUCKETS)
    return not any(money.rows for money in held if money is not None)


_MONEY_TABLE_HEADERS = ("Orders", "Rows", "Cards", *MONEY_LABELS)
_UNKNOWN_HEADER = "Rows of unknown cost"  # a column of the money tables only when there are such rows


def _unknown_text(money: MoneyTally) -> str:
    return f"cost of {money.unknown} row(s) unknown, not in these figures"


def _money_table(sheet: Worksheet, row: int, title: str, lines: Sequence[tuple[str, MoneyTally]],
                 fmt: _Formats, *, total: bool) -> int:  # fmt: skip
    """A table of money by bucket, product or shipping method; returns the row after it."""
    unknown_col = 4 + len(MONEY_LABELS) if any(not money.complete for _, money in lines) else None
    _write_text(sheet, row, 0, title, fmt.header)
    # a table by product or shipping method has no total row: one order holding two cards counts on two lines,
    # and its 'Orders' column summed by finance was more orders than the batch has (N7b; newcomer5)
    headers = _MONEY_TABLE_HEADERS if total else ("Orders holding it", *_MONEY_TABLE_HEADERS[1:])
    for col, header in enumerate(headers, start=1):
        _write_text(sheet, row, col, header, fmt.header)
    if unknown_col is not None:
        _write_text(sheet, row, unknown_col, _UNKNOWN_HEADER, fmt.header)
    overall = MoneyTally()
    for label, money in lines:
        row += 1
        _text(sheet, row, 0, label, fmt)
        for col, count in enumerate((len(money.orders), money.rows, money.cards), start=1):
            sheet.write_number(row, col, count)
        for col, amount in enumerate(money.figures(), start=4):
            sheet.write_number(row, col, float(amount), fmt.money)
        if unknown_col is not None:
            sheet.write_number(row, unknown_col, money.unknown)
        overall.rows += money.rows
        overall.cards += money.cards
        overall.unknown += money.unknown
        overall.orders |= money.orders
        overall.add(Breakdown(*money.figures()), rows=0)
    if total:
        row += 1
        _write_text(sheet, row, 0, "Total" if overall.complete else "Total (incomplete)", fmt.bold)
        for col, count in enumerate((len(overall.orders), overall.rows, overall.cards), start=1):
            sheet.write_number(row, col, count, fmt.bold)
        for col, amount in enumerate(overall.figures(), start=4):
            sheet.write_number(row, col, float(amount), fmt.money_bold)
        if unknown_col is not None:
            sheet.write_number(row, unknown_col, overall.unknown, fmt.bold)
    if not overall.complete:  # never read as 0.00 spent: say what the figures leave out
        row += 1
        note = (
            f"Incomplete: {overall.unknown} row(s) hold money whose cost the ledger never recorded (a ledger "
            "written by an older bulkship); the figures above leave them out, they are not 0.00."
        )
        _write_text(sheet, row, 0, note, fmt.text)
    return row + 2


# What this workbook's "re-run the same command" is for a person who sent the batch from the web page.
RERUN_MEANS = (
    "'Re-run the same command' means: run the same file with the same batch again (bulkship run), or, on the "
    "web page, open the batch and send it again from its cost page. Either resumes the batch: no row is sent "
    "twice."
)


def _meaning(status: str, tally: _Tally) -> str:
    """What a status means beside its count; the skipped of a list run again as a batch of its own, those
    whose card another batch ordered said apart: 'skipped 2, not ordered' counted one whose card went
    (hunter-vendor34's leftover 1)."""
    meaning = STATUS_MEANINGS.get(status, VENDOR_WORD_MEANING)
    went = tally.skipped_ordered_before if status == "skipped" else 0
    if not went:
        return meaning
    cards = "its card" if went == 1 else "their cards"
    return f"{meaning}; of them, {went} ordered before in another batch: {cards} went (see the row)"


def _write_summary(
    workbook: xlsxwriter.Workbook,
    sheet: Worksheet,
    info: RunInfo,
    tally: _Tally,
    results: _SheetSeries,
    fmt: _Formats,
    notes: Sequence[str] = (),
) -> None:
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 8, 13)
    printable(sheet, paper=info.paper, repeat_header=False)
    sheet.fit_to_pages(1, 1)  # the Summary is one page
    sheet.set_portrait()
    _write_text(sheet, 0, 0, f"bulkship results — batch {info.batch}", fmt.title)
    _write_text(sheet, 1, 0, info.api_label, fmt.banner if info.api == SANDBOX_API else fmt.bold)
    files = info.input_files or ((info.input_file, info.input_hash),)
    facts: list[tuple[str, str | int]] = [("Batch", info.batch)]
    for number, (name, digest) in enumerate(files, start=1):
        suffix = f" {number}" if len(files) > 1 else ""
        facts += [(f"Input file{suffix}", name), (f"Input SHA-256{suffix}", digest)]
    facts += [
        ("Ledger", info.ledger),
        ("Run time", info.run_time),
        ("API", info.api),
        ("Rows", tally.rows),  # numbers, so a spreadsheet can add them up
        ("Orders", len(tally.by_order)),
    ]
    if tally.nothing_charged:  # listed on the Orders sheet: 'Orders 60' beside 70 listed said nothing of them
        facts.append((f"Orders, {NOTHING_CHARGED}", tally.nothing_charged))
    row = 3
    for label, value in facts:
        _write_text(sheet, row, 0, label, fmt.bold)
        if isinstance(value, int):
            sheet.write_number(row, 1, value)
        elif value:
            _text(sheet, row, 1, value, fmt)
        row += 1
    if sum(1 for _, used in results.sheets if used) > 1:
        names = ", ".join(s.get_name() for s, used in results.sheets if used)
        _write_text(sheet, row, 0, "Note", fmt.bold)
        _write_text(sheet, row, 1, f"More rows than one Excel sheet holds: the results continue on {names}.",
                    fmt.text)  # fmt: skip
        row += 1

    row += 1
    buckets = [(bucket.capitalize(), tally.by_money.get(bucket) or MoneyTally()) for bucket in MONEY_BUCKETS]
    row = _money_table(sheet, row, "Money", buckets, fmt, total=True)
    note = billed_note(tally.billed, tally.billed_cards, tally.order_status, lambda po: _no_card(po, tally))
    if note:  # never a total that leaves out what the vendor charged on the orders themselves
        _write_text(sheet, row - 1, 0, note, fmt.text)
        row += 1
    # ... but the vendor's rounding on the order, said apart (roundedonorder): no discount (hunter-money33)
    off = {po: -amount - tally.rounded.get(po, Decimal(0)) for po, amount in tally.billed.items()}
    taken = {po: amount for po, amount in off.items() if amount > 0}
    if taken:  # a discount on the order itself, its total below its lines (found by hunter-vendor8)
        note = (
            f"Charged is net of {money_text(sum(taken.values(), Decimal(0)))} the vendor took off "
            f"{len(taken)} order(s) as a discount on the order (its own total below its lines' costs, by the "
            f"discount or the credit line it shows), shown as discount: {', '.join(sorted(taken))}."
        )
        _write_text(sheet, row - 1, 0, note, fmt.text)
        row += 1
    if tally.overcharged:  # a negative Discount alone read as a discount (review18's leftover)
        rows = tally.overcharged
        named = ", ".join(map(str, rows[:10])) + (" and more" if len(rows) > 10 else "")
        note = (
            f"Charged includes {money_text(tally.overcharge)} the vendor charged beyond the cards' face "
            f"value, fees and shipping on {len(rows)} row(s), an overcharge shown as a negative Discount "
            f"(row {named}): ask the vendor why."
        )
        _write_text(sheet, row - 1, 0, note, fmt.text)
        row += 1
    for note in notes:  # what the run said beside these totals: the workbook is what finance keeps
        _write_text(sheet, row - 1, 0, f"{note}.", fmt.text)
        row += 1
    # each table adds up to the money charged and in doubt
    beside = billed_line(tally.billed, tally.billed_cards)
    products = [*sorted(tally.by_product.items()), *beside]
    row = _money_table(sheet, row, "Product (charged, in doubt)", products, fmt, total=False)
    methods = [*sorted(tally.by_shipping.items()), *beside]
    row = _money_table(sheet, row, "Shipping method", methods, fmt, total=False)

    status_top = row
    _write_text(sheet, row, 0, "Status", fmt.header)
    _write_text(sheet, row, 1, "Rows", fmt.header)
    # what each status means beside its count ('pending' beside 'charged' was read as not ordered yet)
    _write_text(sheet, row, 2, "What it means", fmt.header)
    statuses = [*RESULT_STATUSES, *(s for s in tally.by_status if s not in RESULT_STATUSES)]
    for status in statuses:
        row += 1
        _write_text(sheet, row, 0, status, fmt.status.get(status, fmt.text))
        sheet.write_number(row, 1, tally.by_status.get(status, 0))
        _write_text(sheet, row, 2, _meaning(status, tally), fmt.text)
    status_bottom = row
    row += 1
    _write_text(sheet, row, 2, RERUN_MEANS, fmt.text)  # the workbook is the same whether run or uploaded

    chart = workbook.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": "Rows by status",
            "categories": [SUMMARY_SHEET, status_top + 1, 0, status_bottom, 0],
            "values": [SUMMARY_SHEET, status_top + 1, 1, status_bottom, 1],
            "points": [{"fill": {"color": STATUS_COLOURS.get(s, "#CCCCCC")}} for s in statuses],
        }
    )
    chart.set_title({"name": "Rows by status"})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})
    # below the table: its meanings run on to the right of it, where the chart stood
    sheet.insert_chart(status_bottom + 2, 0, chart, {"x_scale": 1.0, "y_scale": 1.0})
