"""An .xls file that is a web page: HR systems and web reports (ADP, Paylocity, UKG, PeopleSoft, many a
'Download to Excel' button) save an HTML table under a spreadsheet's name, and Excel opens it as a sheet.
It was refused in one line, "save it as Excel Workbook (.xlsx)" (found by hunter-sheets29, left by three
hunters since). It is read here as Excel shows it: every table's rows one under another (a line of text
between tables, a report's title, its own row), a cell spanning columns or rows as a merged cell, a <br> as
a line break in the cell. A row hidden ('display:none') is hidden, text crossed out (<s>, <strike>, <del>,
'line-through', in the element's style or a class of the page's <style>: :mod:`.htmlstyle`) is struck, as a
workbook's scan reports them, so such rows are left out and said as in a workbook. Text hidden inside a
shown cell, or a style bulkship cannot follow, refuses the file. Only the standard library's html.parser:
nothing fetched, no script run; the file's size, its rows, columns and each cell's text are bounded."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..csvread import utf16_without_bom
from ..errors import FileFormatError
from ..sheetscan import HIDDEN, Limits, SheetScan
from .cells import _Grid, _grid_from_rows
from .htmlstyle import HIDE, STRIKE, class_effects, element_effects

# Python's html.parser reads 1 to 3 MB a second (this reading about a third of that): a web page past this
# (some 150,000 rows of seven cells) is to be saved as XLSX
MAX_HTML_BYTES = 16 * 1024 * 1024
MAX_SPAN = 1000  # the most columns one cell spans (as browsers clamp colspan)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "wbr"}
)
_CELL = frozenset({"td", "th"})
_SECTIONS = frozenset({"thead", "tbody", "tfoot"})
_CLOSES_ITS_OWN = frozenset({"p", "li", "option"})
MAX_DEPTH = 2048  # elements open at once (browsers stop nesting at 512)
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "caption", "body", "table", "br"})
_UNREAD = frozenset({"script", "title"})  # ('style' read for its classes)
_SHUT = frozenset({"body", "table", "tr", "td", "th"})  # each closes a <title> left open
_NONE: frozenset[str] = frozenset()
_UNSEEN = frozenset({"unread"})
_SPACES = re.compile(r"[ \t\r\n\f\xa0]+")
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_SAVE_AS = "open it in Excel and save it as Excel Workbook (.xlsx), then use that file"


@dataclass
class _Cell:
    col: int
    rows: int
    cols: int
    hidden: bool  # the cell or its row hidden: all its text is, none of it more than the rest
    parts: list[tuple[str, bool, bool]] = field(default_factory=list)  # (text, struck, hidden)


@dataclass
class _Table:
    grows: list[int] = field(default_factory=list)  # each of its rows' number in the sheet
    pending: dict[int, int] = field(default_factory=dict)  # column -> rows a span above still covers
    spans: dict[int, int] = field(default_factory=dict)  # ... as the cells of the row open set them
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # (its row, col, rows, cols)
    hidden_cols: set[int] = field(default_factory=set)  # from its <col style="display:none">
    next_col: int = 1  # of its <col> elements
    cursor: int = 1  # the column the next cell of the open row goes in
    row_open: bool = False
    cell: _Cell | None = None
    # how many open elements the page has inside the table, its section (<tbody>), its open row: a <tr> or a
    # <td> left unclosed, as HTML allows, ends where the next begins (its style no longer the next one's)
    depth: int = 0
    section: int = 0
    row_depth: int = 0


class _Reader(HTMLParser):
    def __init__(self, name: str, limits: Limits) -> None:
        super().__init__(convert_charrefs=True)
        self.name, self.limits = name, limits
        self.rows: list[list[str]] = []
        self.scan = SheetScan()
        self.classes: dict[str, frozenset[str]] = {}
        # open elements, each with what it and those around it do to the text under it
        self.stack: list[tuple[str, frozenset[str]]] = []
        self.tables: list[_Table] = []
        self.loose: list[tuple[str, bool, bool]] = []  # text outside any table
        self.style: list[str] = []
        self.tables_read = 0

    def effects(self) -> frozenset[str]:
        return self.stack[-1][1] if self.stack else _NONE

    def _push(self, tag: str, does: frozenset[str]) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise FileFormatError(
                f"{self.name} is a web page (HTML) nesting its elements more than {MAX_DEPTH} deep",
                hint=_SAVE_AS,
            )
        self.stack.append((tag, self.effects() | does if does else self.effects()))

    def _pop(self, tag: str) -> None:
        """Close ``tag`` and what is open inside it; an end tag of nothing open near the top is ignored (a
        search of the whole stack for each stray end tag would take the square of the page's time)."""
        for at in range(len(self.stack) - 1, max(len(self.stack) - 64, 0) - 1, -1):
            if self.stack[at][0] == tag:
                del self.stack[at:]
                return

    def _cut(self, depth: int) -> None:
        del self.stack[depth:]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        table = self.tables[-1] if self.tables else None
        if tag in _SHUT and "unread" in self.effects():
            self._pop("title")
        if tag in _BLOCK and not (table and table.cell):
            self._flush_loose()
        if tag == "table":
            self._push(tag, element_effects(tag, attrs, self.classes))
            self.tables.append(_Table(depth=len(self.stack), section=len(self.stack)))
            self.tables_read += 1
            return
        if table and tag in _SECTIONS:
            self._close_row(table)
            self._cut(table.depth)
            self._push(tag, element_effects(tag, attrs, self.classes))
            table.section = len(self.stack)
            return
        if tag == "tr" and table:
            self._close_row(table)
            self._open_row(table, attrs)
            return
        if tag in _CELL and table:
            if not table.row_open:
                self._open_row(table, None)
            self._close_cell()
            self._open_cell(table, attrs)
            return
        if tag == "col" and table:
            self._col(table, attrs)
        elif tag == "br" and table and table.cell:
            table.cell.parts.append(("\n", False, False))
        if tag in _CLOSES_ITS_OWN:  # a <p> left open ends at the next
            self._pop(tag)
        if tag in _UNREAD:
            self._push(tag, _UNSEEN)
        elif tag not in _VOID:
            self._push(tag, element_effects(tag, attrs, self.classes))

    def handle_endtag(self, tag: str) -> None:
        table = self.tables[-1] if self.tables else None
        if tag in _CELL and table:
            self._close_cell()
            return
        if tag == "tr" and table:
            self._close_row(table)
            return
        if tag in _SECTIONS and table:
            self._close_row(table)
            self._cut(table.depth)
            table.section = table.depth
            return
        if tag == "table" and table:
            self._close_row(table)
            self._cut(table.depth - 1)
            self._close_table(self.tables.pop())
            self._flush_loose()
            return
        if tag == "style":
            self.classes = class_effects("\n".join(self.style), self.name)
        if tag in _BLOCK and not (table and table.cell):
            self._flush_loose()
        self._pop(tag)

    def handle_data(self, data: str) -> None:
        where = self.stack[-1][0] if self.stack else ""
        if where == "style":
            self.style.append(data)
            return
        table = self.tables[-1] if self.tables else None
        if table and not table.cell:
            return  # (the line ends between a table's cells)
        does = self.effects()
        if "unread" in does:
            return
        part = (_SPACES.sub(" ", data), STRIKE in does, HIDE in does)
        if table and table.cell:
            table.cell.parts.append(part)
        else:
            self.loose.append(part)

    def close(self) -> None:
        super().close()
        while self.tables:
            table = self.tables.pop()
            self._close_row(table)
            self._close_table(table)
        self._flush_loose()

    def _open_row(self, table: _Table, attrs: list[tuple[str, str | None]] | None) -> None:
        """A row opened by its <tr> (``attrs``), or by a cell with none before it (None)."""
        if len(self.rows) >= self.limits.rows:
            raise FileFormatError(
                f"{self.name} holds more than bulkship's limit of {self.limits.rows:,} rows",
                hint="split the list into smaller files",
            )
        self.rows.append([])
        table.grows.append(len(self.rows))
        table.row_open, table.cursor = True, 1
        self._cut(table.section)
        if attrs is not None:
            self._push("tr", element_effects("tr", attrs, self.classes))
        table.row_depth = len(self.stack)
        if HIDE in self.effects():
            self.scan.hidden_rows[len(self.rows)] = HIDDEN

    def _open_cell(self, table: _Table, attrs: list[tuple[str, str | None]]) -> None:
        self._cut(table.row_depth)
        while table.pending.get(table.cursor, 0) > 0:
            table.cursor += 1
        named = dict(attrs)
        cols = min(_span(named.get("colspan")), MAX_SPAN)
        rows = min(_span(named.get("rowspan")), self.limits.rows)
        if table.cursor > self.limits.columns:
            raise FileFormatError(
                f"{self.name} spans more than bulkship's limit of {self.limits.columns} columns",
                hint=_SAVE_AS,
            )
        outer, own = self.effects(), element_effects("td", attrs, self.classes)
        table.cell = _Cell(table.cursor, rows, cols, HIDE in outer | own)
        if HIDE in own - outer:  # '<td style="display:none">' in a row shown: its column hidden
            self.scan.hidden_columns.update(range(table.cursor, table.cursor + cols))
        self._push("td", own)
        table.cursor += cols

    def _close_cell(self) -> None:
        table = self.tables[-1] if self.tables else None
        if table is None or table.cell is None:
            return
        cell, table.cell = table.cell, None
        self._cut(table.row_depth)
        row = len(self.rows) if not table.grows else table.grows[-1]
        self._place(row, cell)
        for col in range(cell.col, cell.col + cell.cols):
            if cell.rows > 1:
                table.spans[col] = cell.rows - 1
            if col in table.hidden_cols:
                self.scan.hidden_columns.add(col)
        if cell.rows > 1 or cell.cols > 1:
            table.merges.append((len(table.grows), cell.col, cell.rows, cell.cols))

    def _place(self, row: int, cell: _Cell) -> None:
        # text hidden in a cell shown (LibreOffice's cell notes, <comment>) is not what the person sees
        shown = [(text, struck) for text, struck, hidden in cell.parts if not hidden or cell.hidden]
        if len(shown) == 1 and not shown[0][1]:  # the usual cell: one text, not struck
            text, struck, kept = shown[0][0].strip(), "", "x"
        else:
            text = _text(t for t, _s in shown)
            struck, kept = _text(t for t, s in shown if s), _text(t for t, s in shown if not s)
        if len(text) > self.limits.cell_bytes:
            raise FileFormatError(
                f"{self.name}: a cell of row {row} holds more than bulkship's limit of "
                f"{self.limits.cell_bytes // 1024} KB of text",
                hint=_SAVE_AS,
            )
        cells = self.rows[row - 1]
        cells.extend([""] * (cell.col - len(cells)))  # (a title's colspan=20 adds no column)
        cells[cell.col - 1] = text
        if struck and not kept:
            self.scan.struck.add((row, cell.col))
        elif struck:
            self.scan.partly_struck[(row, cell.col)] = struck
            self.scan.partly_kept[(row, cell.col)] = kept

    def _close_row(self, table: _Table) -> None:
        self._close_cell()
        if not table.row_open:
            return
        table.row_open = False
        self._cut(table.section)
        left = {col: n - 1 for col, n in table.pending.items() if n > 1}
        table.pending, table.spans = {**left, **table.spans}, {}

    def _col(self, table: _Table, attrs: list[tuple[str, str | None]]) -> None:
        cols = min(_span(dict(attrs).get("span")), MAX_SPAN)
        if HIDE in element_effects("col", attrs, self.classes):
            table.hidden_cols.update(range(table.next_col, table.next_col + cols))
        table.next_col += cols

    def _close_table(self, table: _Table) -> None:
        last = len(table.grows)
        for at, col, rows, cols in table.merges:
            end = table.grows[min(at + rows - 1, last) - 1]
            self.scan.merged.append((table.grows[at - 1], col, end, col + cols - 1))
        self.rows.append([])  # a blank row between two tables, as Excel shows them

    def _flush_loose(self) -> None:
        parts, self.loose = self.loose, []
        shown = [(text, struck) for text, struck, hidden in parts if not hidden]
        text = _text(t for t, _s in shown)
        if not text:
            return
        self.rows.append([text])
        if all(struck for t, struck in shown if t.strip()):
            self.scan.struck.add((len(self.rows), 1))


def _span(value: str | None) -> int:
    """A colspan or rowspan as browsers read it: its leading digits, 1 when none or 0."""
    if value is None:
        return 1
    digits = re.match(r"\s*(\d{1,9})", value or "")
    return max(int(digits[1]), 1) if digits else 1


def _text(parts: Iterable[str]) -> str:
    """Parts of a cell's text as one: each line's spaces trimmed, a <br> a line break."""
    joined = "".join(parts)
    return "\n".join(line.strip() for line in joined.split("\n")).strip("\n ")


def _decoded(data: bytes) -> str:
    """The page's text: its byte-order mark, else its <meta charset>, else UTF-8, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if codec := utf16_without_bom(data[:8192]):
        return data.decode(codec, errors="replace")
    declared = _CHARSET.search(data[:8192])
    if declared:
        try:
            return data.decode(codecs.lookup(declared[1].decode("ascii")).name, errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_html_table(path: Path, limits: Limits) -> _Grid:
    """The web page at ``path`` as the sheet Excel shows of it (see the module's doc)."""
    size = path.stat().st_size
    if size > MAX_HTML_BYTES:
        raise FileFormatError(
            f"{path.name} is a web page (HTML) of {size / 2**20:.0f} MB saved under a spreadsheet's name, "
            f"above the {MAX_HTML_BYTES // 2**20} MB bulkship reads of one",
            hint=_SAVE_AS,
        )
    reader = _Reader(path.name, limits)
    reader.feed(_decoded(path.read_bytes()))
    reader.close()
    rows = reader.rows
    while rows and not rows[-1]:
        rows.pop()
    if not any(any(cell.strip() for cell in row) for row in rows):
        raise FileFormatError(f"{path.name} is a web page (HTML) holding no table", hint=_SAVE_AS)
    width = max(map(len, rows))
    if len(rows) * width > limits.cells:
        raise FileFormatError(
            f"{path.name} spans {len(rows):,} rows and {width} columns, above bulkship's limit of "
            f"{limits.cells:,} cells",
            hint="split the list into smaller files",
        )
    scan = reader.scan
    scan.rows, scan.columns = len(rows), width
    scan.merged = [(top, left, bottom, min(right, width)) for top, left, bottom, right in scan.merged]
    frame, typed, codes = _grid_from_rows(rows)
    said = (
        f"{path.name} is a web page (HTML) saved under a spreadsheet's name, as HR systems and web reports "
        "save a table: read as Excel shows it"
        + (f", its {reader.tables_read} tables one under another." if reader.tables_read > 1 else ".")
    )
    return _Grid(frame=frame, typed=typed, codes=codes, scan=scan, notices=[said])
