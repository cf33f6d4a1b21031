"""Text struck through inside a cell: Excel and LibreOffice keep a cell typed in more than one font as runs
of text ("~~Dan Old~~ Dan New": a person crossed the old name out and typed the new one beside it). Every
reader returns the cell's whole text, so only the runs tell which part was crossed out."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import FileFormatError
from .formats import _struck
from .limits import CHUNK_BYTES, Limits, SheetScan, long_text_run
from .xlsxparts import _unescape

_ITEM = re.compile(rb"<(?:\w+:)?si\s*/>|<(?:\w+:)?si>(.*?)</(?:\w+:)?si>", re.S)
_RUN = re.compile(rb"<(?:\w+:)?r>(.*?)</(?:\w+:)?r>", re.S)
_PHONETIC = re.compile(rb"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)  # a reading aid, not the cell's text
_TEXT = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>(.*?)</(?:\w+:)?t>", re.S)
_PROPS = re.compile(rb"<(?:\w+:)?rPr>(.*?)</(?:\w+:)?rPr>", re.S)
_STRIKE = re.compile(rb'<(?:\w+:)?strike(?:\s+val="([^"]*)")?\s*/>')
_SHARED_CELL = re.compile(rb'<(?:\w+:)?c\s([^>]*?\bt="s"[^>]*)>\s*<(?:\w+:)?v>(\d{1,9})</')
_INLINE_CELL = re.compile(
    rb'<(?:\w+:)?c\s([^>]*?\bt="inlineStr"[^>]*)>\s*<(?:\w+:)?is>(.*?)</(?:\w+:)?is>', re.S
)


Runs = tuple[tuple[bool | None, str], ...]  # (struck? None: as the cell's own font says, text) of each run


@dataclass(frozen=True)
class Struck:
    """What of a cell's text is struck through: ``part`` the struck text; ``whole`` when nothing else is."""

    part: str
    whole: bool
    kept: str = ""  # the text not struck, as its words read


def struck_runs(runs: Iterable[tuple[bool | None, str]], cell_struck: bool = False) -> Struck | None:
    """The runs of one cell into what is struck, or None when no visible text is. A run that names no font
    of its own has the cell's (``cell_struck``)."""
    runs = [(cell_struck if crossed is None else crossed, text) for crossed, text in runs]
    struck = "".join(text for crossed, text in runs if crossed)
    kept = "".join(text for crossed, text in runs if not crossed)
    if not struck.strip():
        return None
    return Struck(" ".join(struck.split()), whole=not kept.strip(), kept=" ".join(kept.split()))


def xlsx_runs(rich: bytes) -> Runs:
    """The runs of one string of a workbook (a shared string's or an inline cell's XML); () for plain text,
    whose look is the cell's."""
    return tuple(
        (_struck_font(_PROPS.search(run)), "".join(_unescape(t) for t in _TEXT.findall(run)))
        for run in _RUN.findall(_PHONETIC.sub(b"", rich))
    )


def _struck_font(props: re.Match[bytes] | None) -> bool | None:
    """Whether a run's own font (its ``rPr``) strikes through; None when it names no font of its own."""
    if props is None:
        return None
    strike = _STRIKE.search(props.group(1))
    return strike is not None and (strike.group(1) or b"1").lower() not in (b"0", b"false")


@dataclass(frozen=True)
class SharedStrings:
    """The shared strings (by index) written in runs, when some text of the workbook may be struck."""

    rich: dict[int, Runs] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.rich)


def check_shared_strings(path: Path, archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a workbook one of whose shared strings (where Excel, LibreOffice and XlsxWriter keep a cell's
    text) is longer than a cell may be: streamed, never held whole. Only the sheets' own XML was measured, and
    100 MB of text there was read, then quoted whole in its row's message (found by hunter-sheets14)."""
    if "xl/sharedStrings.xml" not in archive.namelist():
        return
    carry = b""  # the text after the last '<' read: a run may go on in the next chunk
    with archive.open("xl/sharedStrings.xml") as stream:
        while chunk := stream.read(CHUNK_BYTES):
            buffer = carry + chunk
            if long_text_run(buffer, limits.cell_bytes):
                raise FileFormatError(
                    f"{path.name} holds a text of more than {limits.cell_bytes // 1024:,} KB (among its "
                    "shared strings); no recipient list needs one",
                    hint="clear that cell, or export the list as CSV",
                )
            carry = buffer[buffer.rfind(b"<") + 1 :]  # (no longer than a cell may be)


def shared_strings(archive: zipfile.ZipFile) -> SharedStrings:
    """Read once per workbook, streamed: only the strings written in runs that may strike text through are
    kept. Read whole, the part took twice its size at once (a 200 MB part of 100,000 notes: 528 MB to scan
    a list whose cells are read in 113 MB inline; found by hunter-hostile10, hunter-hostile9's leftover)."""
    names = archive.namelist()
    if "xl/sharedStrings.xml" not in names:  # every text is inline, or there is none
        return SharedStrings()
    # a run of a workbook whose fonts never strike may strike only where it says so itself
    styled = "xl/styles.xml" in names and _says_strike(archive, "xl/styles.xml")
    if not styled and not _says_strike(archive, "xl/sharedStrings.xml"):  # (most workbooks: one quick look)
        return SharedStrings()
    rich: dict[int, Runs] = {}
    index = 0
    pending = bytearray()  # what is read of the strings not yet ended (grown in place: one may be long)
    with archive.open("xl/sharedStrings.xml") as stream:
        while chunk := stream.read(CHUNK_BYTES):
            start = max(len(pending) - 16, 0)  # (an end tag may begin in what was pending)
            pending += chunk
            end = _last_item_end(pending, start)
            if end < 0:  # no string ends in this chunk: a long one goes on
                continue
            for item in _ITEM.finditer(pending, 0, end):
                body = bytes(item.group(1) or b"")
                if (styled or b"strike" in body) and _RUN.search(body):
                    rich[index] = xlsx_runs(body)
                index += 1
            del pending[:end]
    return SharedStrings(rich)


_ITEM_END = re.compile(rb"</(?:\w+:)?si>|<(?:\w+:)?si\s*/>")


def _last_item_end(buffer: bytes | bytearray, start: int) -> int:
    """Where the last string ending in ``buffer`` (looked for from ``start``) ends; -1 when none does."""
    end = -1
    for match in _ITEM_END.finditer(buffer, start):
        end = match.end()
    return end


def _says_strike(archive: zipfile.ZipFile, part: str) -> bool:
    """Whether a part names a struck font anywhere, streamed."""
    carry = b""
    with archive.open(part) as stream:
        while chunk := stream.read(CHUNK_BYTES):
            if b"strike" in carry + chunk:
                return True
            carry = chunk[-8:]
    return False


def struck_cells(piece: bytes, strings: SharedStrings) -> Iterable[tuple[bytes, Runs]]:
    """The cells of a piece of sheet XML written in runs: (their attributes, their runs)."""
    if strings:
        for match in _SHARED_CELL.finditer(piece):
            runs = strings.rich.get(int(match.group(2)))
            if runs is not None:
                yield match.group(1), runs
    if b"<r>" in piece or b":r>" in piece:
        for match in _INLINE_CELL.finditer(piece):
            runs = xlsx_runs(match.group(2))
            if runs:
                yield match.group(1), runs


def xlsx_element_runs(element: Any) -> Runs:
    """The runs of an inline string (``<is>``) met on the exact walk of a sheet."""
    runs: list[tuple[bool | None, str]] = []
    for run in element:
        if _local(run.tag) != "r":
            continue
        crossed: bool | None = None
        text = ""
        for part in run:
            if _local(part.tag) == "rPr":  # a run's font, read as a cell style's font is
                crossed = _struck(part)
            elif _local(part.tag) == "t":
                text += part.text or ""
        runs.append((crossed, text))
    return tuple(runs)


def note_runs(scan: SheetScan, key: tuple[int, int], runs: Runs, cell_struck: bool) -> None:
    """A cell written in runs is struck as its runs show, whatever its own font says (LibreOffice gives
    such a cell the font of its first run); ``cell_struck``: its style's font strikes through. Told, not
    read back from ``scan.struck``: a read between notes written out of order sorts the column's notes
    (.cellmarks)."""
    note_struck(scan, key, struck_runs(runs, cell_struck=cell_struck))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def element_runs(element: Any, struck_styles: set[str], span_tag: str, style_attr: str) -> Struck | None:
    """What is struck in an ODS cell: its text spans whose text style strikes through."""
    runs: list[tuple[bool | None, str]] = []

    def walk(node: Any, crossed: bool) -> None:
        crossed = crossed or (node.tag == span_tag and (node.get(style_attr) or "") in struck_styles)
        if node.text:
            runs.append((crossed, node.text))
        for child in node:
            walk(child, crossed)
            if child.tail:
                runs.append((crossed, child.tail))

    walk(element, False)
    return struck_runs(runs)


def note_struck(scan: SheetScan, key: tuple[int, int], struck: Struck | None) -> None:
    """What its runs or spans strike of a cell: all of it (a struck cell), a part, or nothing."""
    scan.struck.discard(key)
    if struck is not None and struck.whole:
        scan.struck.add(key)
    elif struck is not None:
        scan.partly_struck[key] = struck.part
        scan.partly_kept[key] = struck.kept
