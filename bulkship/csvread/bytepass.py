"""The streaming pass over a CSV's bytes before it is parsed: hash, NUL bytes, line and cell sizes against
the limits, which lines are UTF-8, whether a long quoted cell may be present."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import numpy as np

from ..errors import FileFormatError
from .encoding import _lines_text
from .limits import CHUNK_BYTES, SHOWN_LINES, CsvLimits, _Scan
from .mojibake import _MOJIBAKE_BYTES


def _pieces(handle: IO[bytes], digest: Any, check_open_line: Callable[[bytes], None]) -> Iterator[bytes]:
    """The file in pieces of whole lines (the last piece may end without a newline), hashing as it goes. A
    line still open after a whole chunk is checked as it grows, before it can grow further."""
    carry = b""
    while chunk := handle.read(CHUNK_BYTES):
        digest.update(chunk)
        data = carry + chunk
        cut = data.rfind(b"\n") + 1
        if cut == 0:
            check_open_line(data)
            carry = data
            continue
        carry = data[cut:]
        yield data[:cut]
    if carry:
        yield carry


def _too_long_line(path: Path, line: int, size: int, limits: CsvLimits) -> FileFormatError:
    return FileFormatError(
        f"{path.name}: line {line:,} is longer than {limits.line_bytes // 2**20} MB ({size / 2**20:,.0f} MB "
        "read without a line break): this is not a recipient list",
        hint="check that the file is the CSV you meant; a very long list should be split",
    )


def _too_wide(path: Path, width: int, limits: CsvLimits, *, at_least: bool = False) -> FileFormatError:
    return FileFormatError(
        f"{path.name} has {'at least ' if at_least else ''}{width:,} columns, above bulkship's limit of "
        f"{limits.columns:,}",
        hint="delete the columns the list does not need, or raise columns under [limits] in a program file "
        "(--config)",
    )


def _too_big_cell(path: Path, line: int, limits: CsvLimits) -> FileFormatError:
    return FileFormatError(
        f"{path.name}: line {line:,} holds a cell larger than {limits.cell_bytes // 1024:,} KB, bulkship's "
        "limit for one cell; a recipient list never needs one",
        hint="check that the file is the CSV you meant, or raise [limits] cell_kb in the program settings",
    )


def _scan(
    handle: IO[bytes], path: Path, delimiter: str, limits: CsvLimits, *, classify: bool, skip: int = 0
) -> _Scan:
    """One pass: hash, NULs, line and cell sizes and, when ``classify``, which lines are UTF-8."""
    scan = _Scan()
    digest = hashlib.sha256()
    separator = ord(delimiter)
    nul_lines: list[int] = []
    nul_count = 0
    quotes = 0  # quote characters so far: an odd count means a quoted cell is open
    line = 1
    ends_with_newline = True

    def check_open_line(data: bytes) -> None:
        if len(data) > limits.line_bytes:
            raise _too_long_line(path, line, len(data), limits)
        if _widest_run(np.frombuffer(data, dtype=np.uint8), separator) > limits.cell_bytes:
            raise _too_big_cell(path, line, limits)

    for number, piece in enumerate(_pieces(handle, digest, check_open_line)):
        if number == 0 and skip:
            piece = piece[skip:]
        data = np.frombuffer(piece, dtype=np.uint8)
        newlines = np.flatnonzero(data == 10)
        if b"\x00" in piece:
            for position in np.flatnonzero(data == 0).tolist():
                nul_count += 1
                if len(nul_lines) < SHOWN_LINES:
                    at = line + int(np.searchsorted(newlines, position))
                    if at not in nul_lines:
                        nul_lines.append(at)
        # pieces start at a line's start; only a line longer than the cell limit can hold a cell that is
        edges = np.concatenate(([-1], newlines, [] if piece.endswith(b"\n") else [len(piece)]))
        line_sizes = np.diff(edges) - 1
        longest = int(line_sizes.argmax())
        if int(line_sizes[longest]) > limits.line_bytes:
            raise _too_long_line(path, line + longest, int(line_sizes[longest]), limits)
        if int(line_sizes[longest]) > limits.cell_bytes:
            _check_cells(data, separator, newlines, line, path, limits)
        piece_quotes = piece.count(b'"')
        if piece_quotes and not scan.quoted_span_suspect:
            scan.quoted_span_suspect = _quoted_span_suspect(data, quotes, limits)
        quotes += piece_quotes
        if not piece.isascii():
            if classify:
                _classify(piece, line, scan)
            if not scan.mojibake_hint:
                scan.mojibake_hint = _MOJIBAKE_BYTES.search(piece) is not None
        line += len(newlines)
        ends_with_newline = piece.endswith(b"\n")
        if line - 1 > limits.rows:
            raise FileFormatError(
                f"{path.name} has more than {limits.rows:,} lines, above bulkship's limit",
                hint="split the list into smaller files",
            )
    scan.lines = line - 1 if ends_with_newline else line
    scan.sha256 = digest.hexdigest()
    if nul_count:
        raise FileFormatError(
            f"{path.name} holds {nul_count:,} NUL byte{'s' if nul_count > 1 else ''} "
            f"({_lines_text(nul_lines, len(nul_lines))}): it is damaged, or not plain text",
            hint="open it in your spreadsheet application and save it again as CSV UTF-8",
        )
    return scan


def _check_cells(
    data: np.ndarray, separator: int, newlines: np.ndarray, line: int, path: Path, limits: CsvLimits
) -> None:
    bounds = np.concatenate(([-1], np.flatnonzero((data == separator) | (data == 10)), [len(data)]))
    gaps = np.diff(bounds) - 1
    widest = int(gaps.argmax())
    if int(gaps[widest]) > limits.cell_bytes:
        raise _too_big_cell(path, line + int(np.searchsorted(newlines, bounds[widest + 1])), limits)


def _widest_run(data: np.ndarray, separator: int) -> int:
    """The longest stretch without a delimiter or a line break: a lower bound of the widest cell."""
    bounds = np.flatnonzero((data == separator) | (data == 10))
    edges = np.concatenate(([-1], bounds, [len(data)]))
    return int(np.diff(edges).max()) - 1


def _quoted_span_suspect(data: np.ndarray, quotes_before: int, limits: CsvLimits) -> bool:
    """Whether quote parity allows a quoted stretch longer than the cell limit in this piece (a hint only:
    a stray quote inside a cell also flips parity, so the exact check decides)."""
    positions = np.flatnonzero(data == 34)
    if quotes_before % 2:
        positions = np.concatenate(([-1], positions))
    if len(positions) % 2:
        positions = np.concatenate((positions, [len(data)]))
    if not len(positions):
        return False
    spans = positions[1::2] - positions[0::2]
    return bool(int(spans.max()) > limits.cell_bytes)


def _classify(piece: bytes, first_line: int, scan: _Scan) -> None:
    """Which lines of ``piece`` with non-ASCII bytes are UTF-8 and which are not."""
    try:
        piece.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:  # the usual case: only the first few lines with accents are named, found at C speed
        if len(scan.utf8_lines) < SHOWN_LINES:
            data = np.frombuffer(piece, dtype=np.uint8)
            first = np.flatnonzero(data > 127)[: SHOWN_LINES * 8]
            lines = np.searchsorted(np.flatnonzero(data == 10), first)
            for line in dict.fromkeys((first_line + lines).tolist()):
                if len(scan.utf8_lines) < SHOWN_LINES:
                    scan.utf8_lines.append(line)
        scan.utf8_count = max(scan.utf8_count, len(scan.utf8_lines))  # at least; exact only when mixed
        return
    for index, text in enumerate(piece.split(b"\n")):
        if text.isascii():
            continue
        try:
            text.decode("utf-8")
        except UnicodeDecodeError:
            scan.other_count += 1
            if len(scan.other_lines) < SHOWN_LINES:
                scan.other_lines.append(first_line + index)
        else:
            scan.utf8_count += 1
            if len(scan.utf8_lines) < SHOWN_LINES:
                scan.utf8_lines.append(first_line + index)


def _exact_cell_check(text: IO[str], delimiter: str, path: Path, limits: CsvLimits) -> None:
    """The csv module's field limit, over the whole file: a quoted cell larger than the limit is refused."""
    previous = csv.field_size_limit(limits.cell_bytes)
    try:
        reader = csv.reader(text, delimiter=delimiter)
        for _ in reader:
            pass
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise _too_big_cell(path, reader.line_num, limits) from None
        # other oddities (a stray quote) are the parser's to read as it does
    finally:
        csv.field_size_limit(previous)
