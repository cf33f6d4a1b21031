"""Rows that hold data but are no recipient: totals rows (an aggregate formula, a "Total" label, an amount
that is the sum of those above) and notes (no order field filled, or a lone remark below the table)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from ...columns import ORDER_FIELDS
from ...models import NAME_COLUMNS
from ..cells import _all_filled, _blank_cells, _Grid
from .kinds import MAX_CANDIDATES

_AGGREGATE = re.compile(
    r"(?i)^=\s*(?:_xlfn\.)?(?:SUM|SUBTOTAL|AGGREGATE|COUNTA?|COUNTIFS?|SUMIFS?|SUMPRODUCT|AVERAGE|AVERAGEA|MIN|MAX)\s*\("
)
# A count of the people listed ('Headcount', 'Number of employees', '# of recipients', 'Employee count'): an
# ADP export's 'Headcount | 14' under its 'Total' was a money total of 14.00 to ..listtotal, and without its
# formula (a CSV) a row to fix, 'Address is empty' (found by newcomer28, N3)
_PEOPLE = (
    r"(?:employees?|people|persons?|recipients?|associates?|staff|members?|workers?|names?|rows?|records?)"
)
PEOPLE_COUNT = re.compile(
    rf"(?i)^\s*(?:head\s*-?\s*count|(?:(?:total|the)\s+)?(?:number|no\.?|#|count)\s+of\s+{_PEOPLE}|"
    rf"{_PEOPLE}\s+count)\s*:?\s*$"
)
_TOTAL_LABEL = re.compile(
    r"(?i)^\s*(?:grand\s+|sub-?)?totals?\b|^\s*(?:sum|count)\s*:?\s*$|"
    + PEOPLE_COUNT.pattern.removeprefix("(?i)")
)
# A whole cell naming a totals row, whatever else the row holds ("Total", "Grand Total:", "Subtotal (USD)")
# ... and Excel's Data > Subtotal labels in the grouped column ("Marketing Total", "Sales Count", "Grand
# Average"), where a row names no one and no address (found by hunter-sheets4: each was a row to fix once
# the list was saved as values)
_SUBTOTAL_LABEL = re.compile(
    r"(?i)^\s*\S.{0,60}?\s(?:total|count|average|max|min|product|count\s+nums|stddevp?|varp?)\s*:?\s*$"
)
_TOTAL_CELL = re.compile(r"(?i)\s*(?:grand\s+|sub-?\s*)?totals?\s*[:.]?\s*(?:\([^)]*\))?\s*")
_NOTE_MARKER = re.compile(r"(?i)^\s*(?:[*†‡#]|notes?\b|nb\b|n\.b\.|source\b|prepared\b|updated\b|as of\b)")
IDENTITY_FIELDS = frozenset({*NAME_COLUMNS, "company"})  # may be "Total": a company
MAX_TRAILING = 20  # rows after the last named recipient checked for a sum of the amounts above
_MONEY_SIGNS = re.compile(r"[$€£,\s]")


def _not_recipients(
    grid: _Grid, body: pd.DataFrame, column_map: dict[str, str], by_position: dict[int, str]
) -> dict[int, tuple[str, str]]:
    """Totals rows and notes: row -> (kind, reason). A totals row has an aggregate formula, or a cell
    that says "Total" (any column of a row naming no recipient or no address), or ends the table with an
    amount that is the sum of the amounts above and no recipient. A note fills no order field, or is a
    lone remark below the table (a line of text in the first column, a marker such as '*' or 'Note')."""
    header_of = {canonical: header for header, canonical in column_map.items()}
    address = header_of.get("address1")
    if address is None or body.empty:
        return {}
    position_of = {header: position for position, header in by_position.items()}
    aggregate_rows = {row for (row, _), formula in grid.formulas.items() if _AGGREGATE.match(formula)}
    address_values = body[address].tolist()
    blank = _blank_cells(address_values)
    rows = body.index
    filled_at = np.flatnonzero(~blank)
    last_recipient = int(rows[filled_at[-1]]) if len(filled_at) else 0
    names = [header_of[f] for f in NAME_COLUMNS if f in header_of]
    candidates = [int(r) for r in rows[blank | _unnamed(body, names)]]
    if len(candidates) > MAX_CANDIDATES:
        candidates = [r for r in candidates if r > last_recipient or r in aggregate_rows]
    address_col = position_of[address]
    candidates += [r for r in aggregate_rows if (r, address_col) in grid.formulas]
    amounts = [header_of[f] for f in ("value", "quantity") if f in header_of]
    sums = _sum_rows(body, address, names, amounts)
    candidates += list(sums)
    identity_headers = {h for h, c in column_map.items() if c in IDENTITY_FIELDS}
    order_headers = [h for h, c in column_map.items() if c in ORDER_FIELDS]
    previous = dict(zip(rows.tolist()[1:], rows.tolist()[:-1], strict=True)) if len(rows) < 2_000_000 else {}
    found: dict[int, tuple[str, str]] = {}
    # the candidates' cells read in one pass: a row looked up at a time costs a millisecond, minutes for a
    # list of a million rows without an address (found by hunter-hostile6: an ODS repeating one row)
    looked_at = sorted(set(candidates) & set(rows.tolist()))
    at = {header: position for position, header in enumerate(body.columns)}
    named_at = [at[h] for h in names]
    order_at = [at[h] for h in order_headers]
    first_aggregate = _first_aggregates(grid, aggregate_rows)
    merged_across = _merged_across(grid)
    for row, values in zip(looked_at, body.loc[looked_at].itertuples(index=False, name=None), strict=True):
        texts = [str(v).strip() for v in values]
        filled = [t for t in texts if t]
        # a recipient's own name or company may be "Total" ("Total Wine & More"): only a row with neither an
        # address nor a person's name says so there; a named person without an address is a row to fix
        addressed = bool(texts[at[address]])
        person = any(_is_a_name(texts[i]) for i in named_at)
        label = next(
            (
                t
                for h, t in zip(body.columns, texts, strict=True)
                if t and not ((addressed or person) and h in identity_headers) and _TOTAL_CELL.fullmatch(t)
            ),
            None,
        )
        if label is None and not addressed and not person:
            label = next((t for t in filled if _TOTAL_LABEL.match(t) or _SUBTOTAL_LABEL.match(t)), None)
        if row in sums and not (row in aggregate_rows or label):
            found[row] = ("totals", f"totals row ({sums[row]})")
            continue
        if row in aggregate_rows or label:
            shown = label or first_aggregate.get(row, "")
            found[row] = ("totals", f"totals row ('{_short(shown)}')")
            continue
        if not addressed and len(filled) == 1 and (_SECTION.search(filled[0]) or merged_across(row)):
            found[row] = ("note", f"a heading inside the list ('{_short(filled[0])}')")
            continue
        if not any(texts[i] for i in order_at):
            found[row] = ("note", f"no recipient data, only a note ('{_short(filled[0])}')" if filled else "")
            continue
        below = row > last_recipient
        gap = previous.get(row, row - 1) < row - 1 or previous.get(row) in found
        first_only = bool(texts[0]) and not _is_number(texts[0])  # a line of text in the first column only
        if (
            below
            and len(filled) == 1
            and (gap or first_only or _NOTE_MARKER.match(filled[0]) or len(filled[0].split()) >= 4)
        ):
            found[row] = ("note", f"note below the table ('{_short(filled[0])}')")
        elif (
            below
            and gap
            and not addressed
            and _label_and_value(texts, list(body.columns), names, found.get(previous.get(row, 0), ("",))[0])
        ):
            found[row] = ("note", f"note below the table ('{_short(' '.join(filled))}')")
    return {row: value for row, value in found.items() if value[1]}


# A row of one cell heading a group of the list ("Marketing team", "Boston Office", "Sales:"), or one cell
# merged across the list's width: a row to fix where it stood in a column bulkship orders from (found by
# hunter-sheets4: 'Marketing team' in the Name column read 'Name is empty; Address is empty...')
# ... not words that are people's family names too ('Branch', 'Crew'): 'Mary Branch' alone on a row, her
# address not filled in yet, was left out as a heading instead of a row to fix (found by review18)
_SECTION = re.compile(
    r"(?i)\b(?:team|teams|department|dept|office|group|division|region|site|location|store|section|"
    r"staff|employees|members|unit)\b|:\s*$"
)


def _first_aggregates(grid: _Grid, aggregate_rows: set[int]) -> dict[int, str]:
    """Each totals row's first aggregate formula, in the sheet's order (found once for all rows)."""
    first: dict[int, str] = {}
    for (row, _), formula in sorted(grid.formulas.items()):
        if row in aggregate_rows and row not in first and _AGGREGATE.match(formula):
            first[row] = formula
    return first


def _merged_across(grid: _Grid) -> Callable[[int], bool]:
    """Whether a row lies in a merge three or more columns wide: the merges' rows joined once and looked
    up, never walked for every row (a merge per row of a long list took time growing as its square)."""
    spans: list[list[int]] = []
    merged = grid.scan.merged if grid.scan else []
    for first, _, last in sorted((f, c, la) for f, c, la, lc in merged if lc - c >= 2):
        if spans and first <= spans[-1][1] + 1:
            spans[-1][1] = max(spans[-1][1], last)
        else:
            spans.append([first, last])
    starts = [first for first, _ in spans]

    def within(row: int) -> bool:
        at = bisect.bisect_right(starts, row) - 1
        return at >= 0 and row <= spans[at][1]

    return within


def _is_a_name(text: str) -> bool:
    """A name column's cell that names someone: not empty, not a totals label ("Total", "Grand total"), not
    a number ("3" beside "Total recipients" in a summary under the list)."""
    return bool(text) and not _TOTAL_LABEL.match(text) and not _is_number(text)


_LABEL = re.compile(r".*:\s*")  # "Budget:", "Approved by:"


def _label_and_value(texts: list[str], headers: list[str], names: list[str], after: str) -> bool:
    """A summary line under the list, a label and its value side by side ("Prepared by | Jane Doe",
    "Approved | Yes", "Budget: | $500"; found by hunter-sheets2: each was a row to fix, counted as one):
    the label a remark ("Prepared ...", "Total ...", ends with ':') or, outside a name column, the line after
    a note (``after``: the row above's kind; a first and last name under the totals stay a row to fix)."""
    at = [i for i, t in enumerate(texts) if t]
    if len(at) != 2 or at[1] != at[0] + 1 or _is_number(texts[at[0]]) or len(texts[at[0]].split()) > 4:
        return False
    label = texts[at[0]]
    if _NOTE_MARKER.match(label) or _TOTAL_LABEL.match(label) or _LABEL.fullmatch(label):
        return True
    return headers[at[0]] not in names and after == "note"


def _unnamed(body: pd.DataFrame, names: list[str]) -> np.ndarray:
    """Which rows fill none of the ``names`` columns (no column: none)."""
    unnamed = np.zeros(len(body), dtype=bool)
    if not names:
        return unnamed
    unnamed[:] = True
    for header in names:
        values = body[header].tolist()
        if _all_filled(values):  # the usual column: every row has a name
            return np.zeros(len(body), dtype=bool)
        unnamed &= _blank_cells(values)
    return unnamed


def _sum_rows(body: pd.DataFrame, address: str, names: list[str], amounts: list[str]) -> dict[int, str]:
    """The rows after the last recipient (the last row with an address), naming nobody, whose amount is
    the sum of the column above: row -> why, "its Value 1,250 is the sum of the 50 rows above". Only the
    table's last rows are looked at."""
    if not amounts or len(body) < 3:
        return {}
    tail = body.iloc[-(MAX_TRAILING + 1) :]
    at = np.flatnonzero(~_blank_cells(tail[address].tolist()))
    if not len(at) or at[-1] == len(tail) - 1:
        return {}  # the table ends with a recipient, or its last rows have no address (nothing to add up)
    last = len(body) - len(tail) + int(at[-1])  # position of the last recipient
    nobody = _unnamed(body.iloc[last + 1 :], names) if names else np.ones(len(body) - last - 1, dtype=bool)
    found: dict[int, str] = {}
    for header in amounts:
        plain = body[header].str.replace(_MONEY_SIGNS.pattern, "", regex=True)
        values = pd.to_numeric(plain, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        above = float(np.nansum(values[: last + 1]))
        count = int(np.count_nonzero(~np.isnan(values[: last + 1])))
        for position in range(last + 1, len(body)):
            value, row = values[position], int(body.index[position])
            named = not nobody[position - last - 1]
            if named or count < 2 or not np.isfinite(value) or not value or row in found:
                continue
            if abs(value - above) < 0.005:
                shown = body[header].iloc[position].strip()
                found[row] = f"its {header} {shown} is the sum of the {count} rows above"
    return found


def _is_number(text: str) -> bool:
    return bool(text) and _MONEY_SIGNS.sub("", text).replace(".", "", 1).lstrip("-").isdigit()


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
