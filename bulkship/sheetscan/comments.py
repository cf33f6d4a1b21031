"""The notes (comments) on an XLSX worksheet's cells, streamed from the comments part its relationships
name."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .limits import Limits, _cell_too_big, column_number

MAX_COMMENTS = 100_000  # notes on one sheet's cells read; a list has a handful
_COMMENT_REF = re.compile(r"([A-Z]{1,4})(\d{1,8})")


def sheet_comments(
    archive: zipfile.ZipFile, part: str, path: Path, sheet: str, limits: Limits
) -> dict[tuple[int, int], str]:
    """The notes (comments) on a worksheet's cells, by (row, column): their text, streamed from the comments
    part its relationships name. What a person reads when the cell's red corner is hovered ("Left the
    company - do not send"), which no reader of cell values sees."""
    import posixpath

    from defusedxml.ElementTree import fromstring, iterparse

    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    names = set(archive.namelist())
    if rels not in names:
        return {}
    found: dict[tuple[int, int], str] = {}
    for rel in fromstring(archive.read(rels)).iter():
        target = rel.get("Target") or ""
        if not (rel.get("Type") or "").endswith("/comments") or rel.get("TargetMode") == "External":
            continue
        target = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        if target not in names:
            continue
        seen = 0
        with archive.open(target) as stream:
            for _event, element in iterparse(stream, events=("end",), forbid_dtd=True):
                if not element.tag.endswith("}comment"):
                    continue
                seen += 1
                where = _COMMENT_REF.fullmatch(element.get("ref") or "")
                text = "".join(t.text or "" for t in element.iter() if t.tag.endswith("}t"))
                element.clear()
                if len(text.encode("utf-8")) > limits.cell_bytes:
                    raise _cell_too_big(path, sheet, limits)
                if where and text.strip():
                    found[(int(where.group(2)), column_number(where.group(1)))] = text
                if seen >= MAX_COMMENTS:
                    return found
    return found
