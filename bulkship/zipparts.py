"""One part of a zip file (an XLSX or ODS) read within a size, before the loader's zip-bomb check has run:
what a file's type and sheet names are looked up with. A damaged archive (a bad CRC, a broken deflate
stream, an encrypted part) reads as no part, never as a traceback; so does a path that is no regular file
(:func:`open_zip`)."""

from __future__ import annotations

import html
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# what zipfile raises on a damaged or unusual archive, besides BadZipFile: a broken deflate stream, a part cut
# short, an encrypted part, a compression method Python lacks, a part missing
ZIP_ERRORS = (zipfile.BadZipFile, OSError, EOFError, zlib.error, RuntimeError, NotImplementedError, KeyError)


@contextmanager
def open_zip(path: Path) -> Iterator[zipfile.ZipFile]:
    """The zip archive at ``path``, opened only when it is a regular file (else OSError, one of
    :data:`ZIP_ERRORS`): a file's type and sheet names are looked up before the path is checked, and
    zipfile reads a device whole looking for its end: `bulkship validate list.xlsx`, a link to /dev/urandom,
    took 19 GB before the kernel killed it, and a pipe named list.xlsx waited for a writer forever (found by
    hunter-hostile9). Opened without waiting (a pipe's open would), then looked at."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(descriptor, "rb") as stream:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise OSError(f"{Path(path).name} is not a regular file")
        with zipfile.ZipFile(stream) as archive:
            yield archive


def read_part(path: Path, name: str, limit: int) -> bytes | None:
    """The part ``name`` of the zip at ``path``; None when the file is no readable zip, lacks the part, or the
    part expands beyond ``limit`` bytes (its size as the archive declares it, which zipfile reads no further
    than: a zip bomb is never expanded here)."""
    try:
        with open_zip(path) as archive:
            return read_member(archive, name, limit)
    except ZIP_ERRORS:
        return None


def read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes | None:
    """:func:`read_part` from an archive already open."""
    try:
        if archive.getinfo(name).file_size > limit:
            return None
        return archive.read(name)
    except ZIP_ERRORS:
        return None


def read_tail(path: Path, name: str, size: int, limit: int) -> bytes | None:
    """The last ``size`` bytes of the part ``name`` (read through, kept ``size`` at a time); None as for
    :func:`read_part`."""
    try:
        with open_zip(path) as archive:
            if archive.getinfo(name).file_size > limit:
                return None
            tail = b""
            with archive.open(name) as part:
                while chunk := part.read(1 << 20):
                    tail = (tail + chunk)[-size:]
            return tail
    except ZIP_ERRORS:
        return None


WORKBOOK_PART_LIMIT = 64 * 1024 * 1024  # xl/workbook.xml: sheet names, defined names; never a bomb's
ODS_CONTENT_LIMIT = 2 * 1024**3  # content.xml streamed for its tables' names, never held
_XLSX_SHEET = re.compile(rb"<(?:\w+:)?sheet\s[^>]*?\bname=\"([^\"]*)\"")
_ODS_TABLE = re.compile(rb"<(?:\w+:)?table\s([^>]*)>")
_ODS_NAME = re.compile(rb"(?:^|\s)(?:\w+:)?name=\"([^\"]*)\"")


def workbook_sheet_names(path: Path) -> list[str]:
    """The sheet names of an XLSX or ODS in workbook order (any sheet state), or [] when ``path`` is not one,
    read from the workbook's own XML: a reader opening it builds every string of an XLSX and every cell of an
    ODS first (a 1 KB ODS repeating a long text, or a 7 MB XLSX of 160 million strings, took more memory
    than the machine had before its limits were checked: found by hunter-hostile5)."""
    if Path(path).suffix.lower() != ".ods":
        found = read_part(path, "xl/workbook.xml", WORKBOOK_PART_LIMIT)
        return [] if found is None else [_unescaped(name) for name in _XLSX_SHEET.findall(found)]
    names: list[str] = []
    try:
        with open_zip(path) as archive:
            if archive.getinfo("content.xml").file_size > ODS_CONTENT_LIMIT:
                return []
            carry = b""
            with archive.open("content.xml") as stream:
                while True:
                    chunk = stream.read(4 * 1024 * 1024)
                    buffer = carry + chunk
                    cut = buffer.rfind(b"<") if chunk else -1  # a tag the chunk cuts is read with the next
                    cut = len(buffer) if cut < 0 else cut
                    piece, carry = buffer[:cut], buffer[cut:]
                    for attributes in _ODS_TABLE.findall(piece):
                        name = _ODS_NAME.search(attributes)
                        names.append(_unescaped(name.group(1)) if name else f"Sheet{len(names) + 1}")
                    if not chunk or len(carry) > WORKBOOK_PART_LIMIT:  # (no tag is this long)
                        break
    except ZIP_ERRORS:
        return []
    return names


def _unescaped(raw: bytes) -> str:
    return html.unescape(raw.decode("utf-8", "replace"))
