"""A sheet's cells as text, before its header is found (:class:`_Grid`): each typed workbook cell rendered
as a person would type it (2134, 25.5, a date as 2024-03-01; never 2134.0), its bulkship.celltypes code kept
beside it, and the columns laid out in memory the way the CSV reader lays out its own. Also the blank-cell
tests every later step uses (at C speed: the usual column has no blank cell).
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .. import celltypes
from ..sheetscan import SheetScan, format_padded

EXACT_DIGITS = 15  # Excel keeps 15 significant digits; longer numbers have lost some


# What Excel shows for a failed formula, saved as text: a CSV saved from a sheet whose VLOOKUP failed holds
# "#N/A" where the name was (found by hunter-sheets: a card went to "Aisha #VALUE!"); and Google Sheets' own
# "#ERROR!" (a formula it cannot parse: printed on line 2 of a parcel, found by hunter-sheets10)
FORMULA_ERROR = re.compile(
    r"\s*#(?:N/A|REF!|VALUE!|DIV/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|"
    r"GETTING_DATA|ERROR!)\s*"
)


@dataclass
class _Grid:
    """A sheet as read, before the header is found: text cells, positional columns, index = row number."""

    frame: pd.DataFrame
    sheet_name: str | None = None
    typed: list[tuple[int, int, str, str]] = field(default_factory=list)  # (row, col, kind, text)
    # column position (0-based) -> each cell's bulkship.celltypes code, for columns holding a non-text cell
    codes: dict[int, np.ndarray] = field(default_factory=dict)
    from_csv: bool = False  # no cell types: they are inferred column by column (celltypes.csv_column_code)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> formula
    scan: SheetScan | None = None  # hidden rows and columns, the autofilter (workbooks only)
    notices: list[str] = field(default_factory=list)  # about the file as a whole (a hidden sheet not read)
    head_counts: tuple[int, ...] = ()  # a CSV's number of fields in each of its first records, as written
    delimiter: str = ","  # a CSV's: ';' is a European Excel's, whose amounts are written '25,00'


def _render(value: Any) -> tuple[str, str | None]:
    """A typed cell as the text a person would type, and what kind of non-text it was (None: plain)."""
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), "bool"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 10**EXACT_DIGITS:
            return str(int(value)), None
        if value.is_integer():
            return f"{value:.{EXACT_DIGITS}G}", "inexact"
        # the digits Excel shows (15): a pasted result 27.500000000000004 is the 27.5 the person sees
        return f"{value:.{EXACT_DIGITS}G}".replace("E", "e"), "fraction"
    if isinstance(value, int):
        return str(value), ("inexact" if abs(value) >= 10**EXACT_DIGITS else None)
    if isinstance(value, dt.datetime):
        text = value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
        return text, "date"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat(), "date"
    if isinstance(value, dt.timedelta):
        return str(value), "date"
    return ("" if value is None else str(value)), None


def _grid_from_rows(
    rows: list[list[Any]], padded: Mapping[tuple[int, int], str] | None = None
) -> tuple[pd.DataFrame, list[tuple[int, int, str, str]], dict[int, np.ndarray]]:
    """Calamine's rows as a text frame; only columns holding non-text cells are visited cell by cell.
    ``padded`` cells ((row, col) -> number format such as '000000') are shown as the format shows them.
    Also each non-text cell's type code, by column (see bulkship.celltypes).
    Empties ``rows`` (their cells live on in the frame, stored column by column)."""
    widths = set(map(len, rows))
    width = max(widths, default=0)
    if len(widths) > 1:
        rows[:] = [row + [""] * (width - len(row)) for row in rows]
    index = pd.RangeIndex(1, len(rows) + 1)
    all_text = set(map(type, itertools.chain.from_iterable(rows))) <= {str}
    cells = np.empty((len(rows), width), dtype=object)
    cells[:] = rows
    codes: dict[int, np.ndarray] = {}
    typed = [] if all_text else _render_typed(cells, padded or {}, codes)
    frame = _column_local(cells, index)
    rows.clear()  # only now: the new strings must not fill the holes the old rows leave
    return frame, typed, codes


def _render_typed(
    cells: np.ndarray, padded: Mapping[tuple[int, int], str], codes: dict[int, np.ndarray]
) -> list[tuple[int, int, str, str]]:
    """Non-text cells replaced by the text a person would type (once per distinct value); the dates,
    formulas' neighbours and inexact numbers among them are returned as (row, column, kind, text).
    A whole number shown through a padding format is the text it shows (Employee ID 000123). Each
    column's type codes go to ``codes`` (one byte a cell, only for columns with a typed cell)."""
    typed: list[tuple[int, int, str, str]] = []
    rendered: dict[tuple[type, Any], tuple[str, str | None, int]] = {}
    for col_index in range(cells.shape[1]):
        column = cells[:, col_index]
        column_codes: np.ndarray | None = None
        for row_index in [i for i, value in enumerate(column.tolist()) if type(value) is not str]:
            value = column[row_index]
            code = padded.get((row_index + 1, col_index + 1)) if padded else None
            if code and _whole_number(value):
                column[row_index] = format_padded(int(value), code)
                continue
            key = (type(value), value)
            if key not in rendered:
                rendered[key] = (*_render(value), celltypes.code_of(value))
            text, kind, type_code = rendered[key]
            column[row_index] = text
            if type_code and text:
                if column_codes is None:
                    column_codes = codes[col_index] = np.zeros(cells.shape[0], dtype=np.uint8)
                column_codes[row_index] = type_code
            if kind:
                typed.append((row_index + 1, col_index + 1, kind, text))
    return typed


def _whole_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and value.is_integer() and abs(value) < 10**EXACT_DIGITS


LOCAL_SAMPLE = 2000  # cells sampled to tell a column of repeated values from one of distinct values


def _column_local(cells: np.ndarray, index: pd.Index) -> pd.DataFrame:
    """A text frame of ``cells`` laid out in memory the way the CSV reader lays out its own.

    Calamine makes a new string for every cell, row by row, so a column's strings lie scattered through
    memory and every pass over a column (validate makes dozens) stalls on the cache: three to five times
    slower than over a CSV's. Here each column's strings are made anew next to each other (joined and
    split), and a column of repeated values (states, products, amounts) keeps one string per distinct
    value, as pandas' CSV parser does. The old strings are freed afterwards, or the new would fill their
    holes."""
    columns: dict[int, Any] = {}
    for position in range(cells.shape[1]):
        texts = cells[:, position].tolist()
        sample = texts[:LOCAL_SAMPLE]
        if len(set(sample)) <= len(sample) // 2:  # repeated values: one string each, made anew
            distinct: dict[str, str] = {}
            shared = list(map(distinct.setdefault, texts, texts))
            fresh = _remade(list(distinct))
            texts = shared if fresh is None else list(map(fresh.__getitem__, shared))
        else:
            joined = "\x00".join(texts)
            if joined.count("\x00") == len(texts) - 1:  # no cell holds the separator itself
                texts = joined.split("\x00")
        columns[position] = pd.array(texts, dtype=str)
    return pd.DataFrame(columns, index=index, columns=pd.RangeIndex(cells.shape[1]))


def _remade(values: list[str]) -> dict[str, str] | None:
    """Each value -> an equal string made anew, next to the others (None: a value holds the separator)."""
    joined = "\x00".join(values)
    if joined.count("\x00") != len(values) - 1:
        return None
    return dict(zip(values, joined.split("\x00"), strict=True))


def _blank_cells(values: list[Any]) -> np.ndarray:
    """Which cells are blank or only whitespace."""
    return np.fromiter(map(operator.not_, map(str.strip, values)), dtype=bool, count=len(values))


def _all_filled(values: list[Any]) -> bool:
    """No cell blank or only whitespace (checked at C speed: the usual column)."""
    return bool(values) and "" not in values and not any(map(str.isspace, values))
