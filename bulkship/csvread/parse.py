"""The parse itself (pandas, every cell text): rows swallowed by a stray quote refused, lines of another
width read as written."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

from ..errors import FileFormatError
from ..sheetscan import column_letter
from .bytepass import _exact_cell_check, _too_wide
from .limits import CsvLimits, _Scan


def _checked_parse(
    handle: IO[bytes], path: Path, delimiter: str, limits: CsvLimits, scan: _Scan, skip: int
) -> pd.DataFrame:
    """The UTF-8 bytes after the BOM (``skip``) parsed, once the cells the scan could not bound exactly (a
    quoted span it suspects) were measured one by one."""
    if scan.quoted_span_suspect:
        handle.seek(skip)
        text = io.TextIOWrapper(handle, encoding="utf-8", errors="replace", newline="")
        try:
            _exact_cell_check(text, delimiter, path, limits)
        finally:
            text.detach()
    handle.seek(skip)
    frame = _parse(handle, delimiter, path, limits)
    if len(frame) < scan.lines:  # some quoted cell spans lines: none may hold whole rows
        _refuse_swallowed_rows(frame, delimiter, path)
    if frame.attrs.get(ENDS_IN_QUOTE):
        _refuse_unclosed_last_row(frame, delimiter, path)
    return frame


ENDS_IN_QUOTE = (
    "bulkship_ends_in_quote"  # the file ends inside a quoted cell (the C parser's 'EOF inside string')
)


def _refuse_unclosed_last_row(frame: pd.DataFrame, delimiter: str, path: Path) -> None:
    """The last row opening a quote that is never closed: its cells after it read as that one cell, and the
    row (a recipient's) as a note below the table (found by hunter-web18). Refused when that cell, the
    row's last, holds as many delimiters as a whole row, as a quote swallowing rows is."""
    if frame.empty:
        return
    last = [str(cell) for cell in frame.iloc[-1].tolist()]
    filled = [n for n, cell in enumerate(last) if cell.strip()]
    if filled and last[filled[-1]].count(delimiter) >= max(frame.shape[1] - 1, 2):
        text, column = last[filled[-1]], column_letter(filled[-1] + 1)
        record = len(frame)
        line = record + int(sum(frame[c].str.count("\n").sum() for c in frame.columns)) - text.count("\n")
        raise FileFormatError(
            f"{path.name}: row {record}, column {column} (line {line:,} of the file): a quote opens a cell "
            f"that is never closed: it runs to the end of the file holding {text.count(delimiter)} "
            f"{_DELIMITER_NAMES.get(delimiter, 'delimiters')}, the rest of its row (the cell begins "
            f"'{_shown(text)}'). Probably a stray or unclosed quote",
            hint=_QUOTES_HINT,
        )


def _refuse_swallowed_rows(frame: pd.DataFrame, delimiter: str, path: Path) -> None:
    """A quote that opens a cell and closes lines later (a stray quote, or one never closed) turns the rows
    between into the text of that cell: they would be neither ordered nor listed. A cell spanning lines that
    holds as many delimiters as a whole row is taken for that, and the file is refused, naming where."""
    needed = max(frame.shape[1] - 1, 2)
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        spans = column.str.contains("\n", regex=False).to_numpy()
        for row in np.flatnonzero(spans).tolist():
            if column.iat[row].count(delimiter) >= needed:
                raise _swallowed(frame, row, position, delimiter, path)


def _swallowed(frame: pd.DataFrame, row: int, position: int, delimiter: str, path: Path) -> FileFormatError:
    text = frame.iat[row, position]
    earlier = frame.iloc[:row]
    line = row + 1 + int(sum(earlier[c].str.count("\n").sum() for c in earlier.columns))  # of the file
    record = int(frame.index[row])
    lines = text.count("\n") + 1
    delimiters = f"{text.count(delimiter)} {_DELIMITER_NAMES.get(delimiter, 'delimiters')}"
    column = column_letter(position + 1)
    return FileFormatError(
        f"{path.name}: row {record}, column {column} (line {line:,} of the file): a quote "
        f"opens a cell that runs on for {lines} lines and {delimiters}, swallowing the rows "
        f"after it (the cell begins '{_shown(text)}'). Probably a stray or unclosed quote; nothing was read "
        "further",
        hint=_QUOTES_HINT,
    )


_QUOTES_HINT = (
    'fix the quotes in that cell: a cell that starts with " must end with " before the next delimiter, and a '
    'quote inside a cell is written "". If the cell is right as it is, save the list as Excel Workbook '
    "(.xlsx) instead"
)


_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars"}


def _shown(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _parse(handle: IO[bytes], delimiter: str, path: Path, limits: CsvLimits) -> pd.DataFrame:
    """The pandas C parser over the (checked) UTF-8 bytes, streamed from the file."""
    start = handle.tell()
    width, whole = _width(handle, delimiter)
    handle.seek(start)
    if width > limits.columns:
        raise _too_wide(path, width, limits, at_least=not whole)
    try:
        frame = pd.read_csv(
            handle,
            sep=delimiter,
            header=None,
            names=list(range(width)),
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            index_col=False,
            engine="c",
            encoding="utf-8",
            encoding_errors="replace",
        )
    except (pd.errors.ParserError, ValueError, IndexError) as exc:
        handle.seek(start)
        frame = _parse_ragged(handle, delimiter, path, limits)
        frame.attrs[ENDS_IN_QUOTE] = "EOF inside string" in str(exc)
    if len(frame) > limits.rows:
        raise FileFormatError(
            f"{path.name} has {len(frame):,} rows, above bulkship's limit of {limits.rows:,}",
            hint="split the list into smaller files",
        )
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    if frame.isna().to_numpy().any():  # short rows; a copy of a million-row frame otherwise
        frame = frame.fillna("")
    return frame


def _width(handle: IO[bytes], delimiter: str) -> tuple[int, bool]:
    """Fields in the widest of the first records (the parser needs the width up front), and whether that is
    the widest record's whole width. A record the head read cuts (a header of a million columns) has at
    least the fields read so far: left out, the file was taken for one column, the fields past the first
    dropped, and parsed at length (a gigabyte for an 8 MB file) to be told it held no header row (found by
    hunter-hostile6)."""
    start = handle.tell()
    whole = _head_counts(handle, delimiter)
    handle.seek(start)
    counts = _head_counts(handle, delimiter, cut=True)
    widest = max(counts, default=1) or 1
    return widest, widest <= max(whole, default=1)


HEAD_BYTES = 262144  # the first records, whose numbers of fields are read as written
HEAD_RECORDS = 1000


def _head_counts(handle: IO[bytes], delimiter: str, *, cut: bool = False) -> list[int]:
    """The number of fields of each of the first records (whole records only, or with ``cut`` the one the
    head read cuts too, its fields so far), as the file writes them."""
    data = handle.read(HEAD_BYTES)
    complete = len(data) < HEAD_BYTES  # the whole file: its last record is whole too
    text = data.decode("utf-8", errors="replace")
    counts: list[int] = []
    try:
        for record in csv.reader(io.StringIO(text), delimiter=delimiter):
            counts.append(len(record))
            if len(counts) > HEAD_RECORDS:
                break
    except csv.Error:
        pass
    return counts if complete or cut or len(counts) > HEAD_RECORDS else counts[:-1]


def _parse_ragged(handle: IO[bytes], delimiter: str, path: Path, limits: CsvLimits) -> pd.DataFrame:
    """Ragged rows (more fields further down than at the top): the csv module takes anything."""
    text = io.TextIOWrapper(handle, encoding="utf-8", errors="replace", newline="")
    try:
        records = list(csv.reader(text, delimiter=delimiter))
    except csv.Error as exc:
        raise FileFormatError(f"{path.name}: the CSV text cannot be read: {exc}") from None
    finally:
        text.detach()
    width = max((len(r) for r in records), default=1)
    if width > limits.columns:
        raise _too_wide(path, width, limits)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in records], dtype=str)
