"""One part of a zip file (an XLSX or ODS) read within a size, before the loader's zip-bomb check has run:
what a file's type and sheet names are looked up with. A damaged archive (a bad CRC, a broken deflate
stream, an encrypted part) reads as no part, never as a traceback."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

# what zipfile raises on a damaged or unusual archive, besides BadZipFile: a broken deflate stream, a part cut
# short, an encrypted part, a compression method Python lacks, a part missing
ZIP_ERRORS = (zipfile.BadZipFile, OSError, EOFError, zlib.error, RuntimeError, NotImplementedError, KeyError)


def read_part(path: Path, name: str, limit: int) -> bytes | None:
    """The part ``name`` of the zip at ``path``; None when the file is no readable zip, lacks the part, or the
    part expands beyond ``limit`` bytes (its size as the archive declares it, which zipfile reads no further
    than: a zip bomb is never expanded here)."""
    try:
        with zipfile.ZipFile(path) as archive:
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
        with zipfile.ZipFile(path) as archive:
            if archive.getinfo(name).file_size > limit:
                return None
            tail = b""
            with archive.open(name) as part:
                while chunk := part.read(1 << 20):
                    tail = (tail + chunk)[-size:]
            return tail
    except ZIP_ERRORS:
        return None
