"""The big sheet's ``<sheetData>`` swapped into the workbook XlsxWriter laid out, written in a background
thread."""

from __future__ import annotations

import queue
import re
import shutil
import threading
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape as xml_escape

from ..atomicfile import atomic_path
from .cells import ColumnStyle, blocks_xml, column_letter, rows_xml

_SHEET_DATA = re.compile(rb"<sheetData\s*/>|<sheetData>.*</sheetData>", re.DOTALL)
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')


def sheet_part(path: Path, sheet_name: str) -> str:
    """The zip member holding the worksheet called ``sheet_name`` (XlsxWriter numbers them in add order)."""
    with zipfile.ZipFile(path) as archive:
        workbook_xml = archive.read("xl/workbook.xml").decode("utf-8")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    escaped = xml_escape(sheet_name, {'"': "&quot;"})
    match = re.search(rf'<sheet name="{re.escape(escaped)}"[^>]*\sr:id="(rId\d+)"', workbook_xml)
    if not match:
        raise KeyError(sheet_name)
    target = re.search(rf'Id="{match.group(1)}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'Target="([^"]+)"[^>]*Id="{match.group(1)}"', rels
    )
    if not target:
        raise KeyError(sheet_name)
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")


@dataclass(frozen=True)
class SheetCells:
    """The cells to splice into one sheet: ``rows`` (header row included), typed and styled by ``columns``.

    ``row_count`` sizes the sheet's dimension; ``rows`` may be a generator, consumed once.
    """

    rows: Iterable[Sequence[object]]
    columns: Sequence[ColumnStyle]
    row_count: int
    header_style: int | None = None
    # More rows after ``rows``, given a block at a time column by column (each block a list of columns of
    # equal length): cheaper than rows when the values are already held by column.
    blocks: Iterable[Sequence[Sequence[object]]] = ()
    # Then ``<row>`` elements already rendered by the caller (e.g. styles that vary by row), written as given.
    xml: Iterable[str] = ()
    # the header's style for a header a spreadsheet could take for a formula ('=HYPERLINK(...)'): quoted
    header_quote_style: int | None = None


def splice_sheet_data(
    path: Path, sheet_name: str, rows: Sequence[Sequence[object]], columns: Sequence[ColumnStyle]
) -> None:
    """Replace the cells of one sheet; see :func:`splice_sheets`."""
    splice_sheets(path, {sheet_name: SheetCells(rows, columns, len(rows))})


def splice_sheets(path: Path, sheets: Mapping[str, SheetCells]) -> None:
    """Replace the cells of each named sheet of the XLSX at ``path``, in one pass over the archive.

    The rest of each sheet (frozen panes, filter, widths) and of the workbook stays as XlsxWriter wrote it.
    The new file replaces the old one atomically.
    """
    members = {sheet_part(path, name): cells for name, cells in sheets.items()}
    with (
        atomic_path(path, keep_mode=True) as temp,
        zipfile.ZipFile(path) as source,
        zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as target,
    ):
        for info in source.infolist():
            cells = members.get(info.filename)
            if cells is None:
                with source.open(info) as src, target.open(info.filename, "w") as dst:
                    shutil.copyfileobj(src, dst)
            else:
                _write_member(target, info.filename, source.read(info), cells)


def _write_member(target: zipfile.ZipFile, member: str, skeleton: bytes, cells: SheetCells) -> None:
    last = f"{column_letter(max(len(cells.columns), 1) - 1)}{max(cells.row_count, 1)}"
    skeleton = _DIMENSION.sub(f'<dimension ref="A1:{last}"/>'.encode(), skeleton, count=1)
    match = _SHEET_DATA.search(skeleton)
    if match is None:
        raise ValueError(f"{member} has no sheetData")
    with target.open(member, "w", force_zip64=True) as dst, _BackgroundWriter(dst) as write:
        write(skeleton[: match.start()] + b"<sheetData>")
        rows = list(cells.rows) if cells.blocks else cells.rows
        for text in rows_xml(
            rows, cells.columns, header_style=cells.header_style, header_quote_style=cells.header_quote_style
        ):
            write(text.encode("utf-8"))
        if cells.blocks:
            first = 1 + len(rows)  # type: ignore[arg-type]
            for text in blocks_xml(cells.blocks, cells.columns, first_row=first):
                write(text.encode("utf-8"))
        for text in cells.xml:
            write(text.encode("utf-8"))
        write(b"</sheetData>" + skeleton[match.end() :])


class _BackgroundWriter:
    """Writes chunks to a zip member on another thread, in order: deflate, CRC and the disk release the GIL,
    so compressing one chunk overlaps with generating the next (a fifth of a big sheet's time, when a second
    core is free). A failed write is raised by the next ``write`` or on leaving; leaving waits for every
    chunk to be written."""

    QUEUED_CHUNKS = 2

    def __init__(self, dst: IO[bytes]) -> None:
        self._dst = dst
        self._chunks: queue.Queue[bytes | None] = queue.Queue(self.QUEUED_CHUNKS)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="xlsxfast-writer", daemon=True)

    def __enter__(self) -> Callable[[bytes], None]:
        self._thread.start()
        return self._write

    def _run(self) -> None:
        while (chunk := self._chunks.get()) is not None:
            if self._error is None:
                try:
                    self._dst.write(chunk)
                except BaseException as exc:  # raised again in the caller's thread
                    self._error = exc

    def _write(self, chunk: bytes) -> None:
        if self._error is not None:
            raise self._error
        self._chunks.put(chunk)

    def __exit__(self, *exc_info: object) -> None:
        self._chunks.put(None)
        self._thread.join()
        if self._error is not None and exc_info[0] is None:
            raise self._error
