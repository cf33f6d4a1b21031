"""The list's own total against its rows: a totals row ('Total | 140') left out as no recipient said nothing
when the rows above it add up to another figure (90.00): a recipient bulkship does not read as one (a row
above the header, one read as a note or a heading) or a row deleted since the total was typed, and the
person read the plan's 90.00 beside their 140 as right (found by hunter-money20). Said with the plan, never
acted on: bulkship orders the rows it reads, whatever the total says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

import pandas as pd

from ..models.sheet import SkippedRow
from ..money import AmountError, money_text, read_amount
from .skipped.totals import PEOPLE_COUNT

# the rows a totals row's figure may leave out: those the sheet hides (SUBTOTAL skips them, SUM does not)
_HIDDEN_KINDS = frozenset({"hidden", "filtered", "collapsed"})
_NOT_ROWS_KINDS = frozenset({"totals", "note"})  # no recipient: never in what a total adds up


def list_total_notices(
    body: pd.DataFrame, column_map: dict[str, str], skipped: Sequence[SkippedRow]
) -> list[str]:
    """A note for each totals row whose figure under the card's value column is none of what the rows
    above it add up to (since the totals row before it, or all of them; with or without the rows the sheet
    hides; each amount alone, or times its row's number of cards)."""
    fed = {field: header for header, field in column_map.items()}
    value = fed.get("value")
    kinds = {s.row: s.kind for s in skipped}
    totals = sorted(row for row, kind in kinds.items() if kind == "totals")
    if value is None or not totals:
        return []
    amounts = {int(row): _amount(cell) for row, cell in zip(body.index, body[value], strict=True)}
    counts = _people_counts(body, totals, skipped)  # ('Headcount | 14': rows, not money)
    totals = [row for row in totals if row not in counts]
    each = dict(amounts)
    cards: dict[int, Decimal | None] = {}
    if "quantity" in fed:  # a total of what the rows cost: each amount times its cards
        column = body[fed["quantity"]]
        cards = {int(row): _amount(cell) for row, cell in zip(body.index, column, strict=True)}
        each = {r: None if a is None else a * (cards.get(r) or 1) for r, a in amounts.items()}
    notes = [
        _said(row, value, said, _sum(amounts, above, kinds, True), len(above))
        for row, said, above in _totals_off(totals, kinds, amounts, each)
    ]
    if "quantity" in fed:
        notes += _cards_notes(cards, totals, kinds, fed["quantity"])
    return notes + _count_notes(amounts, counts, kinds, value)


# a count of the rows by its formula alone ('=COUNTA(B5:B18)' as its reason quotes it, no label beside it)
_COUNTS_ROWS = re.compile(r"(?i)\('=\s*(?:_xlfn\.)?(?:COUNTA?|ROWS)\s*\(")
# ... or a count by its label alone: 'Count', Excel's Data > Subtotal 'Sales Count' (a 'Count' row under
# 'Total' was compared with the money above it, "a total of 15.00": found by newcomer29 in a Workday export)
_COUNT_LABEL = re.compile(r"(?i)^\s*(?:\S.{0,60}?\s)?count\s*:?\s*$")


def _people_counts(
    body: pd.DataFrame, totals: Sequence[int], skipped: Sequence[SkippedRow]
) -> dict[int, str]:
    """The totals rows that count the people listed, by a cell's label ('Headcount') or their formula
    (COUNTA): row -> what says so."""
    reasons = {s.row: s.reason for s in skipped}
    counts: dict[int, str] = {}
    for row in totals:
        if row not in body.index:
            continue
        cells = [str(v).strip() for v in body.loc[row]]
        label = next((t for t in cells if PEOPLE_COUNT.match(t) or _COUNT_LABEL.match(t)), None)
        if label is not None:
            counts[row] = label
        elif (found := _COUNTS_ROWS.search(reasons.get(row, ""))) is not None:
            counts[row] = reasons[row][found.start() + 2 :].rstrip("')")
    return counts


def _count_notes(
    amounts: dict[int, Decimal | None], counts: dict[int, str], kinds: dict[int, str], column: str
) -> list[str]:
    """A note for each count of the people listed whose number is none of the rows above it (each row one,
    since the count before it or all of them, with or without the rows the sheet hides)."""
    ones = {r: amounts[r] if r in counts else Decimal(1) for r in amounts}
    return [
        f"Row {row} of the list counts {said:f} ('{counts[row]}') in column '{column}', and {len(above)} "
        "row(s) are above it: a recipient may be missing from what bulkship reads (a row above the header, "
        "or one read as no recipient), or the count is out of date. bulkship orders the rows it reads, never "
        "the count: check the list against its count before sending."
        for row, said, above in _totals_off(sorted(counts), kinds, ones)
    ]


def _cards_notes(
    cards: dict[int, Decimal | None], totals: Sequence[int], kinds: dict[int, str], column: str
) -> list[str]:
    """A note for each totals row whose number under the cards column ('Qty') is none of what the rows
    above it add up to (a blank read as 0, as SUM does, or as the 1 card bulkship orders): 'Total | 5'
    over three rows of 1 said nothing, two people missing from what bulkship reads (hunter-money20's
    leftover)."""
    ones: dict[int, Decimal | None] = {r: c if c is not None else Decimal(1) for r, c in cards.items()}
    return [
        f"Row {row} of the list is a total of {said} card(s) in column '{column}', and the "
        f"{len(above)} row(s) above it add up to {_sum(ones, above, kinds, True)} card(s) there: "
        "a recipient may be missing from what bulkship reads (a row above the header, or one read as "
        "no recipient), or the total is out of date. bulkship orders the rows it reads, never the "
        "total: check the list against its total before sending."
        for row, said, above in _totals_off(totals, kinds, cards, ones)
    ]


def _totals_off(
    totals: Sequence[int], kinds: dict[int, str], *readings: dict[int, Decimal | None]
) -> Iterator[tuple[int, Decimal, list[int]]]:
    """Each totals row whose figure (in the first reading) is none of what the rows above it add up to in
    any reading: since the totals row before it, or all of them; with or without the rows the sheet hides.
    Yields (row, its figure, the rows above it); a totals row of no figure (a label alone, a formula no
    program calculated) is passed over."""
    figures = readings[0]
    previous = 0
    for row in totals:
        said = figures.get(row)
        if said is None:
            previous = row
            continue
        above = [r for r in figures if r < row and kinds.get(r) not in _NOT_ROWS_KINDS]
        since = [r for r in above if r > previous]
        sums = {
            _sum(reading, rows, kinds, hidden)
            for reading in readings
            for rows in (above, since)
            for hidden in (True, False)
        }
        if said not in sums:
            yield row, said, above
        previous = row


def _amount(cell: object) -> Decimal | None:
    text = str(cell).strip()
    if not text:
        return None
    try:
        return read_amount(text)
    except AmountError:
        return None


def _sum(
    amounts: dict[int, Decimal | None], rows: Iterable[int], kinds: dict[int, str], hidden: bool
) -> Decimal:
    """The rows' amounts as a spreadsheet's SUM adds them (text as nothing); ``hidden``: with the rows the
    sheet hides."""
    return sum(
        (amounts[r] or Decimal(0) for r in rows if hidden or kinds.get(r) not in _HIDDEN_KINDS), Decimal(0)
    )


def _said(row: int, column: str, said: Decimal, adds_up: Decimal, rows: int) -> str:
    return (
        f"Row {row} of the list is a total of {money_text(said)} in column '{column}', and the {rows} row(s) "
        f"above it add up to {money_text(adds_up)} there: a recipient may be missing from what bulkship "
        "reads (a row above the header, or one read as no recipient), or the total is out of date. bulkship "
        "orders the rows it reads, never the total: check the list against its total before sending."
    )
