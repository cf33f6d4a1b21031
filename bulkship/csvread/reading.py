"""Reading a CSV (:func:`read_csv`): the delimiter sniffed, the bytes checked, the encoding decided, lines
ended by CR alone or another encoding read from a copy."""

from __future__ import annotations

import codecs
import csv
import dataclasses
import hashlib
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pandas as pd

from ..errors import FileFormatError
from .bytepass import _scan
from .encoding import _bom, _decide, _legacy_encoding, _normal_encoding, utf16_without_bom
from .limits import CHUNK_BYTES, SNIFF_BYTES, CsvLimits
from .mojibake import _mojibake
from .parse import _checked_parse, _head_counts


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
    delimiter: str = ","  # what separates its cells (';': a European Excel's, whose amounts are '25,00')


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
    mojibake = _mojibake(frame) if scan.mojibake_hint else []
    return CsvRead(frame, scan.sha256, "utf-8", mojibake, counts, delimiter)


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
        try:
            while chunk := handle.read(CHUNK_BYTES):
                digest.update(chunk)
                text = decoder.decode(chunk)
                copy.write((text.replace("\r", "\n") if mac_lines else text).encode("utf-8"))
            copy.write(decoder.decode(b"", final=True).encode("utf-8"))
        except UnicodeError as exc:  # --encoding utf-16 for a file that is not: 'does not start with BOM'
            raise FileFormatError(
                f"{path.name} cannot be read as {encoding}: {exc}",
                hint="leave --encoding out (bulkship decides from the file), or name the encoding it was "
                "saved in",
            ) from None
        copy.seek(0)
        head = copy.read(SNIFF_BYTES)
        skip = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
        delimiter = sniff_delimiter(_whole_lines(head[skip:].decode("utf-8", errors="replace")))
        copy.seek(0)
        scan = _scan(copy, path, delimiter, limits, classify=False, skip=skip)
        frame = _checked_parse(copy, path, delimiter, limits, scan, skip)
        copy.seek(skip)
        counts = tuple(_head_counts(copy, delimiter))
    mojibake = _mojibake(frame) if scan.mojibake_hint else []
    return CsvRead(frame, sha256 or digest.hexdigest(), encoding, mojibake, counts, delimiter)
