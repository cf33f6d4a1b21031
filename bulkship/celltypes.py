"""What kind of value each of the user's cells held, so the outputs give it back as it was.

The loader keeps every cell as text (what validation and the ledger work on); beside that text it keeps one
byte per cell, only for the columns that hold any non-text cell: the code below. The writers of the result
workbook, the validation workbook and the CSV export turn (text, code) back into the value (a number stays a
number so ``=SUM`` works, a date stays a date), and text stays text exactly as shown (``000123``).

* XLSX and ODS: the code is the cell's real type as the reader gives it. A whole number shown through a
  zero-padding format (an Employee ID 000123, a ZIP 02134) is text: what the user sees.
* CSV has no types. A column becomes numbers (or dates) only when every filled cell reads back to exactly
  the text written (``25``, ``-4.5``, ``2026-01-15``; never ``007``, ``25.50``, ``+1``, ``1e5``), and never a
  column of text fields (ids, ZIP codes, phone numbers, names, addresses).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from typing import Any

import numpy as np

TEXT, NUMBER, DATE, DATETIME, TIME, BOOL, DURATION = range(7)
CODE_NAMES = ("text", "number", "date", "datetime", "time", "bool", "duration")
EXACT_DIGITS = 15  # Excel keeps 15 significant digits

Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta
TYPED = frozenset({int, float, bool, dt.date, dt.datetime, dt.time, dt.timedelta})  # the non-text cells

# Number formats of typed cells in the workbooks bulkship writes.
NUMBER_FORMATS = {
    DATE: "yyyy-mm-dd",
    DATETIME: "yyyy-mm-dd hh:mm:ss",
    TIME: "hh:mm:ss",
    DURATION: "[h]:mm:ss",
}

_INTEGER = re.compile(r"-?(?:0|[1-9]\d{0,14})")
_DURATION = re.compile(r"(?:(-?\d+) days?, )?(\d+):(\d\d):(\d\d)(?:\.(\d{1,6}))?")


def code_of(value: Any) -> int:
    """The code of a value as a spreadsheet reader gives it (calamine, openpyxl)."""
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int | float):
        return NUMBER
    if isinstance(value, dt.datetime):
        return DATE if value.time() == dt.time() else DATETIME
    if isinstance(value, dt.date):
        return DATE
    if isinstance(value, dt.time):
        return TIME
    if isinstance(value, dt.timedelta):
        return DURATION
    return TEXT


def text_of(value: Any) -> str:
    """A typed value as the text a person would type (the loader's text of the cell): 2134 never 2134.0,
    dates ISO 8601, TRUE/FALSE."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 10**EXACT_DIGITS:
            return str(int(value))
        if value.is_integer():
            return f"{value:.{EXACT_DIGITS}G}"
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def value_of(text: str, code: int) -> Cell:
    """The typed value of a cell from its text and code; the text itself when it no longer reads as that
    type (a cell corrected by hand since)."""
    if not code or not text:
        return text
    try:
        if code == NUMBER:
            if _INTEGER.fullmatch(text):
                return int(text)
            number = float(text)
            return number if np.isfinite(number) else text
        if code == DATE:
            return dt.date.fromisoformat(text)
        if code == DATETIME:
            return dt.datetime.fromisoformat(text)
        if code == TIME:
            return dt.time.fromisoformat(text)
        if code == BOOL:
            return {"TRUE": True, "FALSE": False}.get(text.upper(), text)
        if code == DURATION:
            return _duration(text)
    except ValueError:
        return text
    return text


_EPOCH = dt.datetime(1899, 12, 31)  # Excel's day 1 is 1900-01-01, and it counts a 29 February 1900
_FIRST_DAY = dt.date(1900, 1, 1)
_LEAP_BUG_FROM = dt.date(1900, 3, 1)


def excel_serial(value: Any) -> tuple[int, float] | None:
    """A typed cell as Excel stores it: (code, number); None when it has no such form (a date before 1900,
    text). Dates, times and durations are days (and fractions of a day) in Excel's 1900 date system."""
    code = code_of(value)
    if code in (NUMBER, BOOL):
        if isinstance(value, float) and not np.isfinite(value):
            return None
        return code, value
    if code in (DATE, DATETIME):
        when = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        if when.tzinfo is not None or when.date() < _FIRST_DAY:
            return None
        delta = when - _EPOCH
        days = delta.days + (1 if when.date() >= _LEAP_BUG_FROM else 0)
        return code, days + delta.seconds / 86400 + delta.microseconds / 86400e6
    if code == TIME:
        if value.tzinfo is not None:
            return None
        return code, (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400
    if code == DURATION:
        return code, value.total_seconds() / 86400
    return None


def _duration(text: str) -> Cell:
    found = _DURATION.fullmatch(text)
    if found is None:
        return text
    days, hours, minutes, seconds, micro = found.groups()
    return dt.timedelta(
        days=int(days or 0),
        hours=int(hours),
        minutes=int(minutes),
        seconds=int(seconds),
        microseconds=int((micro or "0").ljust(6, "0")),
    )


def typed_values(texts: Sequence[Any], codes: Any) -> list[Any]:
    """A column's texts with its typed cells (``codes`` nonzero) turned back into values."""
    out = list(texts)
    for at in np.flatnonzero(codes).tolist():
        value = out[at]
        if isinstance(value, str):
            out[at] = value_of(value, int(codes[at]))
    return out


def reads_back(text: str, code: int) -> bool:
    """The typed value of ``text`` is written back as exactly ``text``: nothing the user wrote changes."""
    value = value_of(text, code)
    return not isinstance(value, str) and text_of(value) == text


# ---------------------------------------------------------------------------------------------- CSV

# no "-0", no exponent (repr writes 0.00001 as 1e-05), no trailing zeros, no leading zeros
_NUMBER_SHAPE = r"(?!-0$|-?0\.0000)-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?"
_DATE_SHAPE = r"\d{4}-\d\d-\d\d"
_DATETIME_SHAPE = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"
_CSV_SHAPES = tuple(
    (code, re.compile(shape))
    for code, shape in ((NUMBER, _NUMBER_SHAPE), (DATE, _DATE_SHAPE), (DATETIME, _DATETIME_SHAPE))
)
CSV_SAMPLE = 200  # filled cells looked at first: a column of text is told at once


def csv_column_code(values: Any) -> int:
    """The code of a whole CSV column (its texts): NUMBER, DATE or DATETIME when every filled cell is
    exactly such a value as bulkship writes it back, else TEXT. Each distinct text is looked at once
    (an amount column has a handful), a sample first: a column of words is told at once."""
    texts = values.tolist() if hasattr(values, "tolist") else list(values)
    sample = list(itertools.islice(filter(None, texts), CSV_SAMPLE))
    shapes = [(c, shape) for c, shape in _CSV_SHAPES if all(_is_typed(t, c, shape) for t in sample)]
    if not sample or not shapes:
        return TEXT
    distinct = set(texts)
    distinct.discard("")
    for code, shape in shapes:
        if all(_is_typed(text, code, shape) for text in distinct):
            return code
    return TEXT


def _is_typed(text: str, code: int, shape: re.Pattern[str]) -> bool:
    """``text`` has the shape of a ``code`` value and is written back as itself. A short number of that
    shape always is (no exponent, at most 15 digits); dates are checked to be real dates."""
    if shape.fullmatch(text) is None:
        return False
    return (code == NUMBER and len(text) <= EXACT_DIGITS) or reads_back(text, code)
