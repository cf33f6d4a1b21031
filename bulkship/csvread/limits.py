"""What a CSV may hold before it is refused (:class:`CsvLimits`), and what the byte pass found of it."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    utf8_lines: list[int] = field(default_factory=list)  # lines with accents that are valid UTF-8 (first few)
    other_lines: list[int] = field(default_factory=list)  # lines that are not UTF-8 (first few)
    utf8_count: int = 0
    other_count: int = 0
    quoted_span_suspect: bool = False
    mojibake_hint: bool = False  # some text looks like UTF-8 once read as Windows-1252, encoded again
