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
  that is not UTF-8 and whose accented letters read clearly better in another code page Excel writes (MS-DOS,
  Mac Roman, Central European, Cyrillic, Greek, Turkish, Hebrew, Japanese, Chinese, Korean) is refused
  showing both readings (see LEGACY_ENCODINGS).

A cell inside quotes can hold delimiters and line breaks, so the byte measure cannot see where it ends; when
the quotes say a long quoted cell may be present, the csv module checks the exact cell sizes with its field
limit (streaming, lines already bounded). Text that was read as the wrong encoding before it reached bulkship
(``JosÃ© MÃ¼ller``) is reported as a warning on its row with the text it probably was.

After the parse, a quoted cell that spans lines and holds a whole row's worth of delimiters is taken for what
it almost always is, a stray or unclosed quote that swallowed the rows after it, and the file is refused
naming the row, column and line (those rows would otherwise be in no output). Lines ended by CR alone (Excel
for Mac's "Macintosh" CSV) are read from a copy whose lines end in LF.

The package, one job a module (each imports only those before it): :mod:`.limits` (what a CSV may hold),
:mod:`.mojibake` (text garbled by a wrong encoding), :mod:`.encoding` (the file's one encoding),
:mod:`.bytepass` (the streaming pass over the bytes), :mod:`.parse` (the parse and its checks),
:mod:`.reading` (:func:`read_csv`).
"""

from __future__ import annotations

from .encoding import LEGACY_ENCODINGS, SAMPLE_LINES, STRICT_ENCODINGS, utf16_without_bom
from .limits import CHUNK_BYTES, MOJIBAKE, SHOWN_LINES, SNIFF_BYTES, CsvLimits
from .mojibake import repaired
from .parse import HEAD_BYTES, HEAD_RECORDS
from .reading import CsvRead, read_csv, sniff_delimiter

__all__ = [
    "CHUNK_BYTES",
    "HEAD_BYTES",
    "HEAD_RECORDS",
    "LEGACY_ENCODINGS",
    "MOJIBAKE",
    "SAMPLE_LINES",
    "SHOWN_LINES",
    "SNIFF_BYTES",
    "STRICT_ENCODINGS",
    "CsvLimits",
    "CsvRead",
    "read_csv",
    "repaired",
    "sniff_delimiter",
    "utf16_without_bom",
]
