"""Fast streaming of a big worksheet's cells into an XLSX that XlsxWriter laid out.

XlsxWriter costs about 5 µs per cell in Python; a 100k-row result sheet of 31 columns is then most of a run's
local time. Here XlsxWriter still writes the workbook (styles, frozen header, filter, widths, other sheets,
charts) with a skeleton of the big sheet, and :func:`splice_sheet_data` swaps in that sheet's ``<sheetData>``,
generated as XML text about ten times faster. Cells are inline strings (never formulas, never shared-string
bloat) or numbers; style indices come from XlsxWriter ``Format`` objects registered in the skeleton.
"""

from __future__ import annotations

import itertools
import math
import queue
import re
import shutil
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, cast
from xml.sax.saxutils import escape as xml_escape

from .atomicfile import atomic_path
from .celltypes import BOOL, excel_serial
from .safetext import FORMULA_TRIGGERS

# THE cell renderer of every sheet bulkship streams or splices (result workbook, validation workbook): text
# as XlsxWriter writes it (its shared-string path): control characters XML cannot carry (and CR, which XML
# would turn into LF) and the non-characters U+FFFE/U+FFFF as OOXML's _xHHHH_ escapes, text that already
# looks like such an escape escaped itself, &<> as entities, xml:space="preserve" for whitespace at either
# end, cut to Excel's 32,767 UTF-16 units. Unlike XlsxWriter's constant_memory path, text shaped like its
# rich-text markup (<r>...</r>) is escaped too, never written raw.
MAX_CELL_TEXT = 32767  # UTF-16 units
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_LOOKS_ESCAPED = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_EDGE_SPACE = re.compile(r"^\s|\s$")
_NEEDS_WORK = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff\ud800-\udfff]|_x[0-9a-fA-F]{4}_|^\s|\s$")
# The same test over a whole column chunk joined by newlines, in parts that the regex engine scans fast.
_SPECIAL_CHARS = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff\ud800-\udfff]")
_SPACE_AFTER_NEWLINE = re.compile(r"\n[^\S\n]")


def cell_text(text: str) -> str:
    """The text a cell can hold: cut to Excel's limit, lone surrogates (undecodable input) as U+FFFD."""
    if len(text) > MAX_CELL_TEXT // 2:
        text = _utf16_cut(text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text


def is_cut(text: str) -> bool:
    """Longer than a cell holds (:func:`cell_text` cuts it)."""
    return len(text) > MAX_CELL_TEXT // 2 and len(_utf16_cut(text)) < len(text)


def _utf16_cut(text: str) -> str:
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > MAX_CELL_TEXT:
            return text[:index]
    return text


def inline_string(text: str) -> str:
    """The ``<is>`` element of one text cell."""
    text = cell_text(text)
    if _NEEDS_WORK.search(text) is None:
        return f"<is><t>{text}</t></is>"
    text = _LOOKS_ESCAPED.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    preserve = ' xml:space="preserve"' if _EDGE_SPACE.search(text) else ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<is><t{preserve}>{text}</t></is>"


def is_plain(text: str) -> bool:
    """Written as it is: nothing to escape or preserve, short enough not to be cut."""
    return len(text) <= MAX_CELL_TEXT // 2 and _NEEDS_WORK.search(text) is None


def all_plain(texts: Sequence[str], joined: str | None = None) -> bool:
    """True when every text is :func:`is_plain`, checked over the whole column at once (False may be
    wrong: the caller then checks text by text). ``joined``: the texts joined by newlines, when at hand."""
    joined = "\n".join(texts) if joined is None else joined
    if joined.count("\n") != len(texts) - 1:
        return False  # some text holds a newline itself: the checks below cannot tell where texts end
    if _SPECIAL_CHARS.search(joined) or ("_x" in joined and _LOOKS_ESCAPED.search(joined)):
        return False
    # whitespace first or last in a text: at either end, or next to a separating newline
    if joined[:1] not in ("", "\n") and joined[0].isspace():
        return False
    if joined[-1:] not in ("", "\n") and joined[-1].isspace():
        return False
    if _SPACE_AFTER_NEWLINE.search(joined) or _SPACE_AFTER_NEWLINE.search(joined[::-1]):
        return False
    return len(joined) <= MAX_CELL_TEXT // 2 or max(map(len, texts)) <= MAX_CELL_TEXT // 2


_FLUSH_ROWS = 2000
_SHEET_DATA = re.compile(rb"<sheetData\s*/>|<sheetData>.*</sheetData>", re.DOTALL)
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')


@dataclass(frozen=True)
class ColumnStyle:
    """How one column's cells are typed and styled (style ids are XlsxWriter ``Format.xf_index``)."""

    number: bool = False  # write numeric cells as numbers (text that is not a number stays text)
    style: int | None = None
    quote_style: int | None = None  # for text a spreadsheet could take for a formula
    value_styles: Mapping[str, int] = field(default_factory=dict)  # e.g. status -> colour
    # The user's own cells: numbers, true/false, dates and times written typed (bulkship.celltypes), each
    # kind of date or time in its style (celltypes code -> style id); text stays text.
    typed: bool = False
    type_styles: Mapping[int, int] = field(default_factory=dict)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_NUMBER_TYPES = (int, float, Decimal)  # bool is excluded by the exact type test
_TRIGGER_CHARS = frozenset(ch[0] for ch in FORMULA_TRIGGERS)
CellRenderer = Callable[[str, object], str]


def _finite(value: object) -> bool:
    """NaN and infinities have no XLSX number form: they are written as their text."""
    return type(value) is int or math.isfinite(value)  # type: ignore[arg-type]


def _renderer(column: ColumnStyle) -> CellRenderer:
    """One column's cell writer, with its style attributes worked out once rather than per cell."""
    plain = f' s="{column.style}"' if column.style is not None else ""
    quoted = f' s="{column.quote_style}"' if column.quote_style is not None else plain
    by_value = {text: f' s="{style}"' for text, style in column.value_styles.items()}
    numeric = column.number
    typed = column.typed
    type_styles = {code: f' s="{style}"' for code, style in column.type_styles.items()}

    def render(ref: str, value: object) -> str:
        if value is None or value == "":
            return ""
        if numeric and type(value) in _NUMBER_TYPES and _finite(value):
            return f'<c r="{ref}"{plain}><v>{value}</v></c>'
        if typed and type(value) is not str and (cell := typed_cell(ref, value, type_styles)):
            return cell
        text = value if type(value) is str else str(value)
        attr = by_value.get(text) if by_value else None
        if attr is None:
            attr = quoted if text[0] in _TRIGGER_CHARS else plain
        return f'<c r="{ref}"{attr} t="inlineStr">{inline_string(text)}</c>'

    return render


def typed_cell(ref: str, value: object, styles: Mapping[int, str]) -> str | None:
    """One of the user's typed cells (a number, true/false, a date or time) as Excel stores it, with the
    style attribute of its kind (``styles``: celltypes code -> ' s="N"'); None when it has no such form."""
    stored = excel_serial(value)
    if stored is None:
        return None
    code, number = stored
    if code == BOOL:
        return f'<c r="{ref}" t="b"><v>{int(number)}</v></c>'
    return f'<c r="{ref}"{styles.get(code, "")}><v>{number!r}</v></c>'


def rows_xml(
    rows: Iterable[Sequence[object]],
    columns: Sequence[ColumnStyle],
    *,
    first_row: int = 1,
    header_style: int | None = None,
) -> Iterator[str]:
    """The ``<row>`` elements for ``rows`` from spreadsheet row ``first_row``, in chunks of text.

    With ``header_style``, the first row is a header: all text, in that style. Cells past ``columns`` are
    dropped."""
    letters = [column_letter(i) for i in range(len(columns))]
    body = [_renderer(c) for c in columns]
    iterator = iter(rows)
    number = first_row
    if header_style is not None:
        head = next(iterator, None)
        if head is None:
            return
        header = _renderer(ColumnStyle(style=header_style))
        cells = "".join([header(letter + str(number), v) for letter, v in zip(letters, head, strict=False)])
        yield f'<row r="{number}">{cells}</row>'
        number += 1
    while chunk := list(itertools.islice(iterator, _FLUSH_ROWS)):
        yield _chunk_xml(chunk, number, columns, letters, body)
        number += len(chunk)


def blocks_xml(
    blocks: Iterable[Sequence[Sequence[object]]], columns: Sequence[ColumnStyle], *, first_row: int = 1
) -> Iterator[str]:
    """Like :func:`rows_xml` (no header) for rows given a block at a time, column by column."""
    letters = [column_letter(i) for i in range(len(columns))]
    body = [_renderer(c) for c in columns]
    number = first_row
    for block in blocks:
        count = len(block[0]) if block else 0
        if count:
            yield _block_xml(block, count, number, columns, letters, body)
        number += count


def _chunk_xml(
    rows: list[Sequence[object]],
    first: int,
    columns: Sequence[ColumnStyle],
    letters: Sequence[str],
    renderers: Sequence[CellRenderer],
) -> str:
    """Rows rendered a column at a time (what each column's renderer gives, about three times faster)."""
    transposed = list(itertools.zip_longest(*rows, fillvalue=None))
    return _block_xml(transposed, len(rows), first, columns, letters, renderers)


def _block_xml(
    values_by_column: Sequence[Sequence[object]],
    count: int,
    first: int,
    columns: Sequence[ColumnStyle],
    letters: Sequence[str],
    renderers: Sequence[CellRenderer],
) -> str:
    """``count`` rows given column by column (each column ``count`` values; missing columns are empty)."""
    refs = [str(n) for n in range(first, first + count)]
    rendered = [
        _column_xml(values, refs, letter, column, render)
        for values, letter, column, render in zip(values_by_column, letters, columns, renderers, strict=False)
    ]
    if not columns:
        return "".join([f'<row r="{ref}"></row>' for ref in refs])
    if len(rendered) < len(columns):  # fewer columns given than styled
        rendered.extend([[""] * count] * (len(columns) - len(rendered)))
    return "".join(
        [
            f'<row r="{ref}">{"".join(cells)}</row>'
            for ref, cells in zip(refs, zip(*rendered, strict=True), strict=True)
        ]
    )


def _column_xml(
    values: Sequence[object], refs: Sequence[str], letter: str, column: ColumnStyle, render: CellRenderer
) -> list[str]:
    """One column of a chunk: the same cells as ``render`` gives one by one, with the common cases inline."""
    try:
        joined = "\n".join(values)  # type: ignore[arg-type]  # TypeError: not all text
    except TypeError:
        joined = None
    if joined is None:
        if not column.number:
            return [render(letter + ref, v) for v, ref in zip(values, refs, strict=True)]
        plain = f' s="{column.style}"' if column.style is not None else ""
        return [
            f'<c r="{letter}{ref}"{plain}><v>{v}</v></c>'
            if type(v) in _NUMBER_TYPES and _finite(v)
            else render(letter + ref, v)
            for v, ref in zip(values, refs, strict=True)
        ]
    if not all_plain(cast("Sequence[str]", values), joined):
        return [render(letter + ref, v) for v, ref in zip(values, refs, strict=True)]
    # All text, none needing escapes (checked on the whole column at once): only the style varies.
    texts = cast("Sequence[str]", values)
    plain = f' s="{column.style}"' if column.style is not None else ""
    quoted = f' s="{column.quote_style}"' if column.quote_style is not None else plain
    if column.value_styles:
        by_value = {text: f' s="{style}"' for text, style in column.value_styles.items()}
        return [
            f'<c r="{letter}{ref}"{by_value.get(v) or (quoted if v[0] in _TRIGGER_CHARS else plain)}'
            f' t="inlineStr"><is><t>{v}</t></is></c>'
            if v
            else ""
            for v, ref in zip(texts, refs, strict=True)
        ]
    return [
        f'<c r="{letter}{ref}"{quoted if v[0] in _TRIGGER_CHARS else plain}'
        f' t="inlineStr"><is><t>{v}</t></is></c>'
        if v
        else ""
        for v, ref in zip(texts, refs, strict=True)
    ]


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
        for text in rows_xml(rows, cells.columns, header_style=cells.header_style):
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
