"""The text a sheet's cells hold once read, where the file keeps a text once for many cells.

An XLSX keeps each text once among its shared strings and has cells point at it; an ODS repeats a cell over
rows and columns with one attribute and writes a run of spaces as ``<text:s text:c="N"/>``. A reader copies
the text into every cell: a 650 KB workbook whose 200,000 cells point at one 32,000-character string (what
Excel saves for a long note filled down a column) is 6.4 GB of text once read, and calamine aborted the
process, or the machine ran out of memory, long before any limit was checked (found by hunter-hostile5;
the grid was within [limits] cells, the XML within xml_mb, each text within cell_kb). So each sheet's text
is added up from the scan, the text a cell points at counted at each cell, and a sheet past [limits] text_mb
is refused in one line. Text written out in each cell is bounded by xml_mb already.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import FileFormatError
from .limits import CHUNK_BYTES, Limits, SheetScan, _refuse

_ITEM_START = re.compile(rb"<(?:\w+:)?si(?:\s[^>]*)?/?>")  # <si>, <si/>, <x:si>: one shared string each
_TAG = re.compile(rb"<[^>]*>")
_SHARED_INDEX = re.compile(rb'\bt="s"[^>]*>\s*<(?:\w+:)?v>(\d{1,9})<')
SHARED_CELL_MIN_BYTES = 21  # <c t="s"><v>0</v></c>: the fewest bytes a cell pointing at a shared string takes
_ODS_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def shared_lengths(archive: zipfile.ZipFile, path: Path | None = None, most: int = 0) -> np.ndarray | None:
    """The length of each shared string of an XLSX (its text between tags, an entity counted as written),
    streamed; None when it has none. Past ``most`` strings (0: no bound) the workbook is refused
    (:func:`_too_many_strings`) as they stream, before their lengths fill memory."""
    if "xl/sharedStrings.xml" not in archive.namelist():
        return None
    found: list[np.ndarray] = []
    current = -1  # the length so far of the string being read (-1: before the first)
    carry = b""
    with archive.open("xl/sharedStrings.xml") as stream:
        while True:
            chunk = stream.read(CHUNK_BYTES)
            buffer = carry + chunk
            cut = buffer.rfind(b">") + 1 if chunk else len(buffer)  # never inside a tag
            piece, carry = buffer[:cut], buffer[cut:]
            parts = _TAG.sub(b"", _ITEM_START.sub(b"\0", piece)).split(b"\0")
            sizes = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
            if current >= 0:
                sizes[0] += current
            else:
                sizes = sizes[1:]  # what comes before the first string is none of them
            if len(sizes):
                found.append(sizes[:-1])
                current = int(sizes[-1])
                held = sum(map(len, found))
                if most and held > most:
                    raise _too_many_strings(path or Path(archive.filename or "workbook"), held, most, True)
            if not chunk:
                break
    if current >= 0:
        found.append(np.array([current], dtype=np.int64))
    return np.concatenate(found) if found else None


_SST_COUNT = re.compile(rb'<(?:\w+:)?sst\b[^>]*?\suniqueCount="(\d{1,20})"')
MAX_UNHELD_STRINGS = 1_000_000  # shared strings a workbook may claim beyond those it holds (a writer's slip)


def check_shared_count(path: Path, archive: zipfile.ZipFile, lengths: np.ndarray | None) -> None:
    """Refuse a workbook whose shared strings claim (``uniqueCount``) far more texts than they hold: calamine
    makes room for as many as claimed, and a claim of 2,000,000,000 in a 2 KB workbook aborted the process
    (signal 6, not a word; the web server with it) before any limit was checked (found by hunter-hostile6)."""
    if "xl/sharedStrings.xml" not in archive.namelist():
        return
    with archive.open("xl/sharedStrings.xml") as stream:
        head = stream.read(65536)
    claim = _SST_COUNT.search(head)
    held = 0 if lengths is None else len(lengths)
    if claim and int(claim.group(1)) > held + MAX_UNHELD_STRINGS:
        raise FileFormatError(
            f"{path.name} is damaged: its shared strings (where a workbook keeps its cells' text) say they "
            f"hold {int(claim.group(1)):,} texts, and hold {held:,}",
            hint="open it in Excel or LibreOffice and save it again, or export the list as CSV",
        )


def _too_many_strings(path: Path, held: int, cells: int, streamed: bool = False) -> FileFormatError:
    said = (
        f"more than {cells:,} shared strings (the texts its cells point at), more than its sheets may hold "
        "cells ([limits] cells)"
        if streamed
        else f"{held:,} shared strings (the texts its cells point at) for {cells:,} cells"
    )
    return FileFormatError(
        f"{path.name} holds {said}: no list needs them, and a reader makes room for each",
        hint="open it in Excel or LibreOffice and save it again (which keeps only the texts its cells use), "
        "or export the list as CSV",
    )


def check_strings_used(path: Path, lengths: np.ndarray | None, cells: int) -> None:
    """Refuse a workbook whose shared strings far outnumber its sheets' cells: Excel and LibreOffice keep
    only the texts the cells use, and a reader makes room for every one. A 2.5 MB XLSX holding 100 million
    empty shared strings (1.3 GB of XML, within [limits] xml_mb) took 800 MB to count and then calamine
    aborted the process asking 2.4 GB (signal 6, no word; the web server with it), after 4 minutes (found by
    hunter-hostile9)."""
    held = 0 if lengths is None else len(lengths)
    if held > cells + MAX_UNHELD_STRINGS:
        raise _too_many_strings(path, held, cells)


def counted_pieces(
    pieces: Iterator[bytes], lengths: np.ndarray | None, part_bytes: int, scan: SheetScan, limits: Limits
) -> Iterator[bytes]:
    """``pieces`` of a sheet's XML, the shared strings their cells point at added to ``scan.shared_text``.
    Counted only where the sheet could go past the limit: its cells cannot point at more text than its XML
    holds cells times the longest string."""
    if lengths is None or not len(lengths):
        yield from pieces
        return
    if part_bytes // SHARED_CELL_MIN_BYTES * int(lengths.max()) <= limits.text_bytes:
        yield from pieces
        return
    for piece in pieces:
        found = _SHARED_INDEX.findall(piece)
        if found:
            indexes = np.array(found).astype(np.int64)
            scan.shared_text += int(lengths[indexes[indexes < len(lengths)]].sum())
        yield piece


def shared_text(lengths: np.ndarray | None, index: str) -> int:
    """The length of the shared string a cell's value ``index`` points at (0: none such)."""
    if lengths is None or not index.isdigit() or int(index) >= len(lengths):
        return 0
    return int(lengths[int(index)])


def ods_cell_text(element: Any, limit: int) -> int:
    """The characters an ODS cell holds once read: its text, with each ``<text:s text:c="N"/>`` as the N
    spaces it stands for (an absurd count as just past ``limit``)."""
    size = len("".join(element.itertext()).encode("utf-8"))
    for spaces in element.iter(f"{_ODS_TEXT}s"):
        raw = spaces.get(f"{_ODS_TEXT}c") or "1"
        size += int(raw) if raw.isdigit() and len(raw) < 20 else limit + 1
    return size


def check_text(path: Path, sheet: str, text: int, limits: Limits) -> None:
    """Refuse a sheet holding more text than [limits] text_mb once read."""
    if text > limits.text_bytes:
        raise _refuse(
            path,
            sheet,
            f"holds {text / 2**20:,.0f} MB of text once the text it keeps once for many cells (a long text "
            "filled down or across, repeated cells) is read into each of them, above bulkship's limit of "
            f"{limits.text_bytes // 2**20:,} MB",
            hint="clear the cells repeating a long text (a note filled down a column), or export the list as "
            "CSV; a list that really is this big: raise text_mb under [limits] in a program file (--config)",
        )
