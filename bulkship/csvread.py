"""CSV read with memory bounded by the data, one encoding decided for the whole file, and no silent repairs.

Before the parser sees a CSV, one streaming pass over its bytes (4 MB at a time, never the whole file):

- hashes it (the batch fingerprint);
- refuses NUL bytes wherever they are (a damaged or binary file), naming the lines;
- measures lines and cells: a cell longer than :attr:`CsvLimits.cell_bytes`, a line longer than
  :attr:`CsvLimits.line_bytes` or more lines than :attr:`CsvLimits.rows` is refused at once with one line,
  so a 500 MB file of ten 50 MB cells costs a few MB of memory and a second, not gigabytes;
- decides the encoding: UTF-8 when every line is UTF-8, Windows-1252 (what Excel writes on Windows) when no
  line with accents is; a file that mixes the two is refused with the line numbers of each, unless an
  explicit encoding (``--encoding``, or ``encoding`` in the program settings) says how to read it. A file
  that is not UTF-8 and whose accented letters read clearly better as MS-DOS or Mac Roman text (Excel's
  other CSV formats) is refused showing both readings (see LEGACY_ENCODINGS).

A cell inside quotes can hold delimiters and line breaks, so the byte measure cannot see where it ends; when
the quotes say a long quoted cell may be present, the csv module checks the exact cell sizes with its field
limit (streaming, lines already bounded). Text that was read as the wrong encoding before it reached bulkship
(``JosÃ© MÃ¼ller``) is reported as a warning on its row with the text it probably was.

After the parse, a quoted cell that spans lines and holds a whole row's worth of delimiters is taken for what
it almost always is, a stray or unclosed quote that swallowed the rows after it, and the file is refused
naming the row, column and line (those rows would otherwise be in no output). Lines ended by CR alone (Excel
for Mac's "Macintosh" CSV) are read from a copy whose lines end in LF.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import dataclasses
import hashlib
import io
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from .errors import FileFormatError
from .sheetscan import column_letter

CHUNK_BYTES = 4 * 1024 * 1024
SNIFF_BYTES = 65536
SHOWN_LINES = 5  # line numbers named in a message
MOJIBAKE = "mojibake"  # the kind of a typed cell whose text looks garbled by a wrong encoding


@dataclass(frozen=True)
class CsvLimits:
    """Past any of these a CSV is refused before it is parsed. The program settings can raise them."""

    rows: int = 2_000_000  # lines, header included (CSV may exceed Excel's 1,048,576)
    columns: int = 256
    cell_bytes: int = 256 * 1024  # one cell (Excel's own limit is 32,767 characters)
    line_bytes: int = 16 * 1024 * 1024  # one line of the file


@dataclass
class _Scan:
    """What the byte pass found."""

    sha256: str = ""
    lines: int = 0
    non_ascii: bool = False
    utf8_lines: list[int] = field(default_factory=list)  # lines with accents that are valid UTF-8 (first few)
    other_lines: list[int] = field(default_factory=list)  # lines that are not UTF-8 (first few)
    utf8_count: int = 0
    other_count: int = 0
    quoted_span_suspect: bool = False
    mojibake_hint: bool = False  # some text looks like UTF-8 once read as Windows-1252, encoded again


# ---------------------------------------------------------------------------------------------- encodings


def _bom(head: bytes) -> tuple[str | None, int]:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", len(codecs.BOM_UTF8)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", 0  # the codec reads the BOM itself
    return None, 0


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for text saved as UTF-16 without its byte-order mark (some export tools
    do): the high byte of (nearly) every character is zero, the low byte never is."""
    pairs = head[: len(head) // 2 * 2]
    if len(pairs) < 8:
        return None
    first, second = pairs[0::2], pairs[1::2]
    for zeros, text, name in ((second, first, "utf-16-le"), (first, second, "utf-16-be")):
        if zeros.count(0) >= len(zeros) * 0.9 and text.count(0) == 0:
            return name
    return None


def _normal_encoding(name: str, path: Path) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise FileFormatError(
            f"Unknown encoding '{name}' for {path.name}",
            hint="use utf-8, cp1252 (Windows), latin-1 or utf-16",
        ) from None


def _lines_text(numbers: list[int], count: int) -> str:
    shown = ", ".join(str(n) for n in numbers[:SHOWN_LINES])
    more = f" and {count - SHOWN_LINES:,} more" if count > SHOWN_LINES else ""
    return f"line{'s' if count > 1 else ''} {shown}{more}"


def _decide(scan: _Scan, path: Path) -> str:
    """UTF-8 or Windows-1252 for a file without BOM or explicit encoding; mixed is refused."""
    if not scan.other_count:
        return "utf-8"
    if not scan.utf8_count:
        return "cp1252"
    raise FileFormatError(
        f"{path.name} mixes text encodings: {_lines_text(scan.utf8_lines, scan.utf8_count)} "
        f"{'are' if scan.utf8_count > 1 else 'is'} UTF-8, {_lines_text(scan.other_lines, scan.other_count)} "
        f"{'are' if scan.other_count > 1 else 'is'} not (probably Windows-1252); read either way, some names "
        "would be garbled",
        hint="save the file again as 'CSV UTF-8' from your spreadsheet application, or pass --encoding "
        "utf-8 or --encoding cp1252 to read every line one way",
    )


# The 8-bit encodings Excel writes a CSV in, by the name its Save As dialog shows: a file that is not UTF-8 is
# read in the one whose letters look like names and addresses (Windows-1252 unless another reads clearly
# better: then the file is refused with both readings, rather than ordered under garbled names).
LEGACY_ENCODINGS = {
    "cp1252": "Windows-1252 (Excel's 'CSV' on Windows)",
    "mac_roman": "Mac Roman (Excel for Mac's 'CSV')",
    "cp850": "MS-DOS (Excel's 'CSV (MS-DOS)')",
}
# Multi-byte encodings, considered only when every byte of the sample decodes in them.
STRICT_ENCODINGS = {"cp932": "Japanese Shift-JIS (Excel's 'CSV' on Japanese Windows)"}
_WORD_PUNCTUATION = frozenset("\u2019\u2018\u201c\u201d\u2013\u2014\u2026\u2022\u20ac\u2122")  # ’‘“”–—…•€™
SAMPLE_LINES = 5000  # lines with non-ASCII bytes that decide between the 8-bit encodings


def _letter_score(text: str) -> int:
    """How much the non-ASCII characters of ``text`` look like the letters of names and addresses: a
    letter whose case fits its neighbours counts for, anything else against ('Jos‚', 'JosÚ', 'OíBrien')."""
    score = 0
    for index, char in enumerate(text):
        if char.isascii():
            continue
        if char == "\ufffd":  # a byte the encoding does not define
            score -= 3
        elif char in _WORD_PUNCTUATION:
            score += 1
        elif not char.isalpha() or _case_clash(char, text[index - 1 : index], text[index + 1 : index + 2]):
            score -= 1
        else:
            score += 1
    return score


def _case_clash(char: str, before: str, after: str) -> bool:
    """An upper-case letter after a lower-case one ('JosÚ'), or a lower-case one before an upper-case
    one ('OíBrien'): not how names are written."""
    return (char.isupper() and before.islower()) or (char.islower() and after.isupper())


def _legacy_encoding(handle: IO[bytes], path: Path, usual: str) -> str:
    """Which 8-bit encoding a file that is not UTF-8 is in (``usual`` unless another reads clearly better,
    which refuses the file: see LEGACY_ENCODINGS)."""
    handle.seek(0)
    lines = [
        (number, line)
        for number, line in enumerate(handle.read(CHUNK_BYTES).split(b"\n"), start=1)
        if not line.isascii()
    ][:SAMPLE_LINES]
    sample = b"\n".join(line for _, line in lines)
    scores = {name: _letter_score(sample.decode(name, errors="replace")) for name in LEGACY_ENCODINGS}
    for name in STRICT_ENCODINGS:
        with contextlib.suppress(UnicodeDecodeError):
            scores[name] = _letter_score(sample.decode(name))
    best = max(scores, key=lambda name: (scores[name], name == usual))
    if best == usual:
        return usual
    number, line = next(
        ((n, text) for n, text in lines if text.decode(usual, errors="replace") != text.decode(best)),
        lines[0],
    )
    names = LEGACY_ENCODINGS | STRICT_ENCODINGS
    usual_text, best_text = (_around_accent(line.decode(name, errors="replace")) for name in (usual, best))
    raise FileFormatError(
        f"{path.name} is not UTF-8, and read as {LEGACY_ENCODINGS[usual]} its accented letters come out "
        f"garbled: line {number} would read '{usual_text}'; read as {names[best]} it reads "
        f"'{best_text}'",
        hint=f"save the file again as 'CSV UTF-8'; or, if the second reading is right, pass --encoding "
        f'{best} (or encoding = "{best}" under [program] in the settings file)',
    )


def _around_accent(text: str, width: int = 50) -> str:
    first = next((i for i, char in enumerate(text) if not char.isascii()), 0)
    start = max(first - width // 2, 0)
    shown = text[start : start + width].strip()
    return ("…" if start else "") + shown + ("…" if start + width < len(text) else "")


# ---------------------------------------------------------------------------------------------- byte pass


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


def _too_wide(path: Path, width: int, limits: CsvLimits) -> FileFormatError:
    return FileFormatError(
        f"{path.name} has {width} columns, above bulkship's limit of {limits.columns}",
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
            scan.non_ascii = True
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


# ---------------------------------------------------------------------------------------------- reading


def sniff_delimiter(sample: str, candidates: tuple[str, ...] = (",", ";", "\t", "|")) -> str:
    """The candidate that splits most records into the same number (> 1) of fields."""
    best, best_score = ",", 0
    for delimiter in candidates:
        counts: dict[int, int] = {}
        try:
            for number, record in enumerate(csv.reader(io.StringIO(sample), delimiter=delimiter)):
                if number >= 100:
                    break
                if len(record) > 1:
                    counts[len(record)] = counts.get(len(record), 0) + 1
        except csv.Error:
            continue
        score = max(counts.values(), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


@dataclass
class CsvRead:
    """A CSV read into text columns (index = record number), its hash and its garbled-looking cells."""

    frame: pd.DataFrame
    sha256: str
    encoding: str
    typed: list[tuple[int, int, str, str]]  # (row, column, MOJIBAKE, message text)
    head_counts: tuple[int, ...] = ()  # the number of fields of each of the first records, as written


def read_csv(path: Path, *, encoding: str | None = None, limits: CsvLimits | None = None) -> CsvRead:
    """Read the CSV at ``path`` (see the module docstring for every check)."""
    limits = limits or CsvLimits()
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
        explicit = _normal_encoding(encoding, path) if encoding else None
        explicit = explicit or utf16_without_bom(head)
        chosen = explicit or _bom(head)[0]
        if b"\r" in head and b"\n" not in head:  # old Mac line ends (Excel for Mac's "Macintosh" CSV)
            if chosen is None or not chosen.startswith("utf-16"):  # a UTF-16 one is handled as it is decoded
                return _read_mac_lines(handle, path, explicit, limits)
            return _read_transcoded(handle, path, chosen, limits, mac_lines=True)
        return _read(handle, head, path, explicit, limits)


def _read_mac_lines(handle: IO[bytes], path: Path, explicit: str | None, limits: CsvLimits) -> CsvRead:
    """A file whose lines end in CR alone, read as a copy whose lines end in LF (the byte pass counts lines
    and measures their lengths by LF); its hash stays the file's own."""
    digest = hashlib.sha256()
    with tempfile.TemporaryFile(prefix=".~bulkship-csv-") as copy:
        handle.seek(0)
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
            copy.write(chunk.replace(b"\r", b"\n"))
        copy.seek(0)
        read = _read(copy, copy.read(SNIFF_BYTES), path, explicit, limits, usual="mac_roman")
    return dataclasses.replace(read, sha256=digest.hexdigest())


def _read(
    handle: IO[bytes], head: bytes, path: Path, explicit: str | None, limits: CsvLimits, usual: str = "cp1252"
) -> CsvRead:
    """The file from ``handle`` (its first bytes ``head``) read as UTF-8 or in the encoding it is in
    (``usual``: the 8-bit encoding expected of a file that is not UTF-8)."""
    bom, skip = _bom(head)
    chosen = explicit or bom
    if chosen not in (None, "utf-8"):
        return _read_transcoded(handle, path, chosen, limits)
    sample = head[skip:].decode("utf-8", errors="replace")
    delimiter = sniff_delimiter(_whole_lines(sample))
    handle.seek(0)
    scan = _scan(handle, path, delimiter, limits, classify=chosen is None, skip=skip)
    decided = chosen or _decide(scan, path)
    if chosen is None and decided != "utf-8":
        decided = _legacy_encoding(handle, path, usual)
    if decided != "utf-8":
        handle.seek(0)
        return _read_transcoded(handle, path, decided, limits, sha256=scan.sha256)
    frame = _checked_parse(handle, path, delimiter, limits, scan, skip)
    handle.seek(skip)
    counts = tuple(_head_counts(handle, delimiter))
    return CsvRead(frame, scan.sha256, "utf-8", _mojibake(frame) if scan.mojibake_hint else [], counts)


def _whole_lines(sample: str) -> str:
    return sample.rsplit("\n", 1)[0] if len(sample) >= SNIFF_BYTES - 4 else sample


def _read_transcoded(
    handle: IO[bytes],
    path: Path,
    encoding: str,
    limits: CsvLimits,
    *,
    sha256: str | None = None,
    mac_lines: bool = False,
) -> CsvRead:
    """A file in another encoding: copied as UTF-8 into a temporary file (memory stays at a chunk), then read
    as a UTF-8 file is. Bytes the encoding cannot decode become U+FFFD (the user chose this encoding).
    ``mac_lines``: its lines end in CR alone, made LF in the copy."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    with tempfile.TemporaryFile(prefix=".~bulkship-csv-") as copy:
        handle.seek(0)
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
            text = decoder.decode(chunk)
            copy.write((text.replace("\r", "\n") if mac_lines else text).encode("utf-8"))
        copy.write(decoder.decode(b"", final=True).encode("utf-8"))
        copy.seek(0)
        head = copy.read(SNIFF_BYTES)
        skip = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
        delimiter = sniff_delimiter(_whole_lines(head[skip:].decode("utf-8", errors="replace")))
        copy.seek(0)
        scan = _scan(copy, path, delimiter, limits, classify=False, skip=skip)
        frame = _checked_parse(copy, path, delimiter, limits, scan, skip)
        copy.seek(skip)
        counts = tuple(_head_counts(copy, delimiter))
    return CsvRead(
        frame, sha256 or digest.hexdigest(), encoding, _mojibake(frame) if scan.mojibake_hint else [], counts
    )


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
    return frame


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
        hint='fix the quotes in that cell: a cell that starts with " must end with " before the next '
        'delimiter, and a quote inside a cell is written "". If the cell is right as it is, save the list as '
        "Excel Workbook (.xlsx) instead",
    )


_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars"}


def _shown(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _parse(handle: IO[bytes], delimiter: str, path: Path, limits: CsvLimits) -> pd.DataFrame:
    """The pandas C parser over the (checked) UTF-8 bytes, streamed from the file."""
    start = handle.tell()
    width = _width(handle, delimiter)
    handle.seek(start)
    if width > limits.columns:
        raise _too_wide(path, width, limits)
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
    except (pd.errors.ParserError, ValueError, IndexError):
        handle.seek(start)
        frame = _parse_ragged(handle, delimiter, path, limits)
    if len(frame) > limits.rows:
        raise FileFormatError(
            f"{path.name} has {len(frame):,} rows, above bulkship's limit of {limits.rows:,}",
            hint="split the list into smaller files",
        )
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    if frame.isna().to_numpy().any():  # short rows; a copy of a million-row frame otherwise
        frame = frame.fillna("")
    return frame


def _width(handle: IO[bytes], delimiter: str) -> int:
    """Fields in the widest of the first records (the parser needs the width up front)."""
    return max(_head_counts(handle, delimiter), default=1) or 1


HEAD_BYTES = 262144  # the first records, whose numbers of fields are read as written
HEAD_RECORDS = 1000


def _head_counts(handle: IO[bytes], delimiter: str) -> list[int]:
    """The number of fields of each of the first records (whole records only), as the file writes them."""
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
    return counts if complete or len(counts) > HEAD_RECORDS else counts[:-1]


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


# ---------------------------------------------------------------------------------------------- mojibake

# A character that UTF-8's lead byte becomes in Windows-1252 (Ã, Â, â...) followed by one its continuation
# bytes become: how 'é' looks after a wrong decoding ('Ã©'). Only a hint: the round trip below decides.
_CONTINUATION = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
_CONTINUATION += "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_MOJIBAKE_HINT = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]")
# The same as UTF-8 bytes: searched during the byte pass, so that clean files skip the search cell by cell.
_MOJIBAKE_BYTES = re.compile(
    rb"[\xc3][\x82-\xb4](?:\xc2[\x80-\xbf]|\xc5[\x92\x93\xa0\xa1\xb8\xbd\xbe]|\xc6\x92|\xcb[\x86\x9c]"
    rb"|\xe2\x80[\x93\x94\x98-\x9e\xa0-\xa2\xa6\xb0\xb9\xba]|\xe2\x82\xac|\xe2\x84\xa2)"
)
_SEPARATOR = "\x00"  # cannot occur in a cell: NULs are refused


def repaired(text: str) -> str | None:
    """What ``text`` was before UTF-8 was read as Windows-1252 (or Latin-1); None if it does not look so."""
    for codec in ("cp1252", "latin-1"):
        with contextlib.suppress(UnicodeError):
            fixed = text.encode(codec).decode("utf-8")
            if fixed != text:
                return fixed
    return None


def _mojibake(frame: pd.DataFrame) -> list[tuple[int, int, str, str]]:
    """Cells whose text looks garbled by a wrong encoding, as (row, column, MOJIBAKE, what it probably was).
    Each column is searched as one joined string (C speed); only hits are looked at one by one."""
    found: list[tuple[int, int, str, str]] = []
    for position in range(frame.shape[1]):
        values = frame.iloc[:, position].tolist()
        joined = _SEPARATOR.join(values)
        if joined.isascii() or not _MOJIBAKE_HINT.search(joined):
            continue
        starts = np.cumsum([0] + [len(v) + 1 for v in values[:-1]])
        hits = [m.start() for m in _MOJIBAKE_HINT.finditer(joined)]
        rows = set((np.searchsorted(starts, hits, side="right") - 1).tolist())
        for row in sorted(rows):
            fixed = repaired(values[row])
            if fixed is not None:
                found.append((int(frame.index[row]), position + 1, MOJIBAKE, fixed))
    return found
