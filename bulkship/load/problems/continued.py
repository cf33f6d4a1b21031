"""A row below a recipient holding only the rest of that recipient's address ('Apt 4' under Address, 'c/o
Acme Corp' under Name): a report that wraps one record onto a second row (Workday's multi-instance fields, a
label export). The card went out without it, the row below read as one to fix or a note (found by
hunter-sheets5)."""

from __future__ import annotations

import re
from collections.abc import Collection

import numpy as np
import pandas as pd

from ...models import NAME_COLUMNS, Problem, SkippedRow
from ..doubtful import _LINE_2_TEXT
from ..skipped import _short

_PARTS = ("address1", "address2", "company", "city")  # what no one's own row holds alone
_CARE_OF = re.compile(r"(?i)^\s*\(?\s*(?:c/o|c\.o\.|care\s+of|attn\b|attention\b|\()")


def _filled(column: pd.Series) -> np.ndarray:
    """Whether each cell holds more than spaces (an empty cell: NA). One pass in Python, as pandas' string
    methods make anyway: the four pandas steps (fillna, astype, strip, ne) cost each sheet read ~1.5 ms in
    a ten-column list of a few rows, a tenth of its reading (review47)."""
    values = column.tolist()
    return np.fromiter((not _empty(v) for v in values), dtype=bool, count=len(values))


def _empty(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or value != value or not str(value).strip()


def _continued_problems(
    body: pd.DataFrame, column_map: dict[str, str], skipped: Collection[SkippedRow]
) -> list[Problem]:
    """An error on each recipient's row whose next row holds only such a part, saying where it goes."""
    headers = {field: header for header, field in column_map.items()}
    if "address1" not in headers or len(body) < 2:
        return []
    filled = {f: _filled(body[h]) for f, h in headers.items()}
    none = np.zeros(len(body), dtype=bool)
    parts = [filled.get(f, none) for f in _PARTS]
    others = [m for f, m in filled.items() if f not in _PARTS and f not in NAME_COLUMNS]
    named = np.logical_or.reduce([filled.get(f, none) for f in NAME_COLUMNS])
    part_count = np.sum(parts, axis=0)
    lone = ~np.logical_or.reduce([none, *others])  # no card, amount, state, ZIP... on the row
    address_only = lone & ~named & (part_count >= 1) & (part_count <= 2)
    care_of = lone & named & (part_count == 0)
    if care_of.any():
        names = (
            body[[headers[f] for f in NAME_COLUMNS if f in headers]]
            .fillna("")
            .astype(str)
            .agg(" ".join, axis=1)
        )
        care_of &= names.str.strip().str.match(_CARE_OF).to_numpy()
    below = address_only | care_of
    if not below[1:].any():  # the usual list: no such row
        return []
    rows = body.index.to_numpy()
    recipient = named & filled["address1"] & np.logical_or.reduce([none, *others])
    # rows left out on purpose (hidden, struck, 'do not send') are part of no one; a note below the table is
    left_out = {s.row for s in skipped if s.kind != "note"}
    judged = {s.row for s in skipped}
    problems = []
    for i in np.nonzero(below[1:])[0] + 1:
        row, above = int(rows[i]), int(rows[i - 1])
        if above != row - 1 or not recipient[i - 1] or row in left_out or above in judged:
            continue
        cells = [(h, str(body.at[row, h]).strip()) for h in body.columns if h in column_map]
        city = str(body.at[above, headers["city"]]).strip() if "city" in headers else ""
        if not all(_a_part(column_map[h], text, city) for h, text in cells if text):
            continue
        said = ", ".join(f"'{_short(text, 40)}' ({h})" for h, text in cells if text)
        field = next(f for f in (*_PARTS, *NAME_COLUMNS) if f in filled and filled[f][i])
        message = (
            f"Row {above}, column '{headers[field]}': the row below it (row {row}) holds only {said}, "
            "which looks like the rest of this row (a report may wrap one record onto two rows): this card "
            f"would go without it. Move it into this row, then delete row {row}."
        )
        value = str(body.at[above, headers[field]])
        problems.append(Problem(above, field, value, "error", message, "Rest of the row below"))
    return problems


def _a_part(field: str, text: str, city_above: str) -> bool:
    """Whether ``text`` under ``field`` reads as part of the address of the row ``above``: a flat, a unit, a
    number or 'c/o' ('Apt 4', 'Boston, MA 02108'), a company, a city its row lacks; not a heading of the
    next group ('Salem office' under Address, 'Salem' under City beside the row's own city)."""
    if field in ("address1", "address2"):
        return bool(_LINE_2_TEXT.search(text))
    return field != "city" or not city_above
