"""An ODS workbook's sheets measured (:func:`scan_ods`): its content walked once with defusedxml's iterparse,
a repeated row or cell measured by its repeat count, never expanded."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from .conditional import ods_rule
from .controls import ods_link_in_sheet
from .formats import (
    _DOLLARS,
    PERCENTAGE,
    shown_currency,
)
from .limits import (
    COLLAPSED,
    FILTERED,
    HIDDEN,
    MAX_STYLES,
    Limits,
    SheetScan,
    _cell_too_big,
    _refuse,
    check_extent,
    column_number,
    too_many_styles,
)
from .odsstyles import _STYLE, _struck, _unseen, ods_padding
from .runs import element_runs, note_struck
from .shownnumbers import _WHOLE, _shows_another_number
from .textsize import check_text, ods_cell_text

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_FORM = "{urn:oasis:names:tc:opendocument:xmlns:form:1.0}"


def _repeat(element: Any, name: str, limit: int) -> int:
    """A repeat count as written (an absurd one is taken as just past the limit)."""
    raw = element.get(f"{_TABLE}number-{name}-repeated") or "1"
    return max(1, int(raw)) if raw.isdigit() and len(raw) < 20 else limit + 1


MAX_PADDED_REPEATS = 1000  # cells one repeated ODS cell may stand for, when it is a padded number
# filled cells a sheet's repeated rows stand for beyond their first copy: a row written once and repeated a
# million times (941 bytes) is a million rows read, checked and reported one by one (over 11 minutes and
# 3.8 GB, then out of memory; found by hunter-hostile5, LO3). A column of a default filled down to row 65,536
# ('FALSE' under 'Sent?') stays far below.
MAX_REPEATED_CELLS = 1_000_000


_SECTIONS = frozenset(f"{_OFFICE}{name}" for name in ("automatic-styles", "styles", "font-face-decls"))


def _dropped_when_read(stream: IO[bytes]) -> Iterator[tuple[str, Any]]:
    """iterparse's (event, element), each entry of a styles section (a style, a number format, a font)
    dropped from the tree once read (the parser runs ahead: it is its parent's first child by then). Kept,
    a 2.9 MB ODS of a million cell styles (150 MB of XML) took 1.1 GB to read its one row, and [limits]
    xml_mb let it reach ~11 GB (found by hunter-hostile9, as hunter-hostile8 found for XLSX styles)."""
    from defusedxml.ElementTree import iterparse

    open_elements: list[Any] = []
    for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=True):
        if event == "start":
            open_elements.append(element)
            yield event, element
            continue
        open_elements.pop()
        yield event, element
        parent = open_elements[-1] if open_elements else None
        if parent is not None and parent.tag in _SECTIONS and len(parent) and parent[0] is element:
            del parent[0]


def scan_ods(path: Path, archive: zipfile.ZipFile, limits: Limits) -> dict[str, SheetScan]:
    """Every table of an ODS file measured by its repeat attributes (never expanded): name -> scan."""
    scans: dict[str, SheetScan] = {}
    walker = _OdsWalker(path, limits)
    if "styles.xml" in archive.namelist():  # the named styles a conditional format applies
        with archive.open("styles.xml") as stream:
            for event, element in _dropped_when_read(stream):
                if event != "end" or element.tag != f"{_STYLE}style":
                    continue
                walker.count_style()
                names = (element.get(f"{_STYLE}name") or "", element.get(f"{_STYLE}display-name") or "")
                if _struck(element):  # by name or as shown (_5f_ is '_')
                    walker.struck_styles.update(names)
                if hides := _unseen(element):
                    walker.unseen_styles.update(dict.fromkeys(names, hides))
    with archive.open("content.xml") as stream:
        for event, element in _dropped_when_read(stream):
            walker.handle(event, element)
        scans = walker.scans
    return scans


class _OdsWalker:
    """Follows tables, rows and cells; a row counts once whatever its repeat, its extent by the repeat."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path, self.limits = path, limits
        self.scans: dict[str, SheetScan] = {}
        self.scan: SheetScan | None = None
        self.name = ""
        self.row = 0  # first row number of the current row element
        self.col = 0  # columns passed in the current row
        self.column_position = 0  # columns defined so far (table:table-column)
        self.row_filled = False
        self.row_cells = 0  # filled cells of the current row element
        self.row_repeat = 1
        self.repeated_cells = 0  # filled cells the table's repeated rows stand for beyond their first copy
        self.row_visibility = ""
        self.row_groups = 0  # table-row-groups the current row is in
        self.struck_styles: set[str] = set()  # cell styles whose text is struck through
        self.unseen_styles: dict[str, str] = {}  # cell styles writing white on white (or yellow on yellow)
        self.styles = 0  # styles defined so far (both parts)

    def count_style(self) -> None:
        self.styles += 1
        if self.styles > MAX_STYLES:
            raise too_many_styles(self.path.name)

    def handle(self, event: str, element: Any) -> None:
        tag = element.tag
        if event == "start":
            if tag == f"{_TABLE}table":
                self.name = element.get(f"{_TABLE}name") or f"Sheet{len(self.scans) + 1}"
                self.scan = self.scans.setdefault(self.name, SheetScan())
                self.row = self.column_position = self.repeated_cells = 0
            elif tag == f"{_TABLE}table-row":
                self.row_repeat = _repeat(element, "rows", self.limits.rows)
                self.row += 1
                self.col = self.row_cells = 0
                self.row_filled = False
                self.row_visibility = element.get(f"{_TABLE}visibility") or ""
            elif tag == f"{_TABLE}table-row-group":
                self.row_groups += 1
            elif tag == f"{_TABLE}table-column" and self.scan is not None:
                repeat = _repeat(element, "columns", self.limits.columns)
                if (element.get(f"{_TABLE}visibility") or "visible") != "visible":
                    top = min(self.column_position + repeat, self.limits.columns)
                    self.scan.hidden_columns.update(range(self.column_position + 1, top + 1))
                self.column_position += repeat
            return
        if tag == f"{_TABLE}table-row-group":
            self.row_groups -= 1
            return
        if tag == f"{_TABLE}database-range":  # after the tables: a filter's columns, named in its notice
            self._filter_columns(element)
            return
        if tag == f"{_STYLE}style":  # the automatic styles come before the tables
            self.count_style()
            if _struck(element):
                self.struck_styles.add(element.get(f"{_STYLE}name") or "")
            if hides := _unseen(element):
                self.unseen_styles[element.get(f"{_STYLE}name") or ""] = hides
            return
        if self.scan is None:
            return
        if tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
            self._cell(element)
            element.clear()
        elif tag == f"{_TABLE}table-row":
            self._row_end()
            element.clear()
        elif tag == f"{_TABLE}table":
            self.scan = None
            element.clear()
        elif tag == f"{_FORM}checkbox":  # a form's check box: its tick in a cell of this table, or in none
            if not ods_link_in_sheet(element.get(f"{_FORM}linked-cell") or "", self.name):
                self.scan.unlinked_boxes.append(0)
            element.clear()
        elif tag == f"{_CALCEXT}conditional-format":  # a rule striking cells through, as Excel's are read
            target = element.get(f"{_CALCEXT}target-range-address") or ""
            for condition in element:
                style = condition.get(f"{_CALCEXT}apply-style-name") or ""
                rule = ods_rule(target, condition.get(f"{_CALCEXT}value") or "")
                if style in self.struck_styles:
                    self.scan.struck_rules.append(rule)
                elif style in self.unseen_styles:  # a rule writing white on white (found by hunter-sheets4)
                    self.scan.struck_rules.append(replace(rule, hides=self.unseen_styles[style]))
            element.clear()

    def _cell(self, element: Any) -> None:
        assert self.scan is not None
        repeat = _repeat(element, "columns", self.limits.columns)
        first = self.col + 1
        self.col += repeat
        filled = element.get(f"{_OFFICE}value-type") is not None or len(element) > 0
        if not filled:
            return
        text = "".join(element.itertext())
        size = ods_cell_text(element, self.limits.cell_bytes)  # a run of spaces as the spaces it stands for
        if size > self.limits.cell_bytes:
            raise _cell_too_big(self.path, self.name, self.limits)
        self.scan.shared_text += size * repeat * self.row_repeat  # a repeated cell's text read into each
        check_text(self.path, self.name, self.scan.shared_text, self.limits)
        note = element.find(f"{_OFFICE}annotation")  # a comment on the cell: its paragraphs
        if note is not None and self.row_repeat == 1 and repeat == 1:
            said = "\n".join("".join(p.itertext()) for p in note.iter(f"{_TEXT}p"))
            if said.strip():
                self.scan.comments[(self.row, first)] = said
        self.row_filled = True
        self.row_cells += repeat
        scan = self.scan
        scan.columns = max(scan.columns, self.col)
        scan.cells += repeat * self.row_repeat
        if element.get(f"{_OFFICE}value-type") == "float" and text[:1] == "0" and len(text) > 1:
            code = ods_padding(element.get(f"{_OFFICE}value") or "", text)
            if code and repeat * self.row_repeat <= MAX_PADDED_REPEATS:
                for row in range(self.row, self.row + self.row_repeat):
                    for col in range(first, first + repeat):
                        scan.padded[(row, col)] = code
        self._styled(element, first, repeat, text)
        spanned = int(element.get(f"{_TABLE}number-rows-spanned") or 1)
        wide = int(element.get(f"{_TABLE}number-columns-spanned") or 1)
        if (spanned > 1 or wide > 1) and self.row_repeat == 1 and repeat == 1:  # down, or across (a header)
            scan.merged.append((self.row, first, self.row + spanned - 1, first + wide - 1))
        if element.get(f"{_CALCEXT}value-type") == "error" and self.row_repeat == 1 and repeat == 1:
            scan.errors[(self.row, first)] = text or "#N/A"  # LibreOffice keeps a failed result so
        formula = element.get(f"{_TABLE}formula")
        if formula and self.row_repeat == 1 and repeat == 1:
            scan.formulas[(self.row, first)] = "=" + formula.split(":", 1)[-1].lstrip("=")
        last_row = self.row + self.row_repeat - 1
        check_extent(self.path, self.name, last_row, scan.columns, self.limits)
        if scan.cells > self.limits.cells:
            raise _refuse(
                self.path,
                self.name,
                f"holds {scan.cells:,} cells once its repeated rows and columns are counted, above "
                f"bulkship's limit of {self.limits.cells:,}",
            )

    def _styled(self, element: Any, first: int, repeat: int, text: str) -> None:
        """A struck-through cell, or an amount in another currency (ODS keeps it on the cell: "EUR", or in
        the ``text`` it shows: "C$50.00")."""
        assert self.scan is not None
        if self.row_repeat * repeat > MAX_PADDED_REPEATS:
            return
        cells = [
            (r, c) for r in range(self.row, self.row + self.row_repeat) for c in range(first, first + repeat)
        ]
        if hides := self.unseen_styles.get(element.get(f"{_TABLE}style-name") or ""):
            self.scan.hiding.update(dict.fromkeys(cells, hides))
        if (element.get(f"{_TABLE}style-name") or "") in self.struck_styles:
            self.scan.struck.update(cells)
        elif self.struck_styles and len(cells) == 1 and len(element) > 0:  # a span of its text struck
            struck = element_runs(element, self.struck_styles, f"{_TEXT}span", f"{_TEXT}style-name")
            note_struck(self.scan, cells[0], struck)
        currency = element.get(f"{_OFFICE}currency") or ""
        kind = element.get(f"{_OFFICE}value-type")
        if kind == "currency" and currency.upper() not in _DOLLARS:
            self.scan.currency.update(dict.fromkeys(cells, currency))
        elif kind in ("float", "currency"):  # a number shown "C$50.00" or "50.00 CAD" (found by newcomer8)
            shown = shown_currency(text)
            if shown:
                self.scan.currency.update(dict.fromkeys(cells, shown))
        number = element.get(f"{_OFFICE}value") or ""
        if kind == "percentage":  # 25 shown as 2500% (or 0.25 as 25%): the sheet shows no amount of the kind
            self.scan.hiding.update(dict.fromkeys(cells, PERCENTAGE))
        if kind in ("float", "currency") and _shows_another_number(number, text):
            # as a format showing only that text: what LibreOffice shows is kept beside the value
            self.scan.hiding.update(dict.fromkeys(cells, '"' + text.strip().replace('"', "") + '"'))
        fraction = "." in number  # 24.6: its cents may be hidden
        if kind in ("float", "currency") and fraction and _WHOLE.fullmatch(re.sub(r"[^\d.,]", "", text)):
            self.scan.whole.update(cells)  # shown without decimals: "25" for 24.6 (found by review11)

    def _filter_columns(self, element: Any) -> None:
        """The columns a filter's conditions test ('field-number' counts from the range's first column), as
        an XLSX autofilter's are read: its hidden rows said '(hidden by the filter)' with no column, where
        the XLSX copy named it (found by hunter-sheets13)."""
        found = _ODS_RANGE.match(element.get(f"{_TABLE}target-range-address") or "")
        scan = self.scans.get(found.group(1).strip("'").replace("''", "'")) if found else None
        if found is None or scan is None:
            return
        first = column_number(found.group(2).upper())
        fields = {
            int(number)
            for condition in element.iter(f"{_TABLE}filter-condition")
            if (number := condition.get(f"{_TABLE}field-number") or "").isdigit()
        }
        scan.filter_columns = tuple(sorted({*scan.filter_columns, *(first + n for n in fields)}))

    def _row_end(self) -> None:
        assert self.scan is not None
        last = self.row + self.row_repeat - 1
        if self.row_filled:
            self.scan.rows = max(self.scan.rows, last)
            self._repeats_bounded(last)
            # a row hidden by hand is 'collapse' too, outside a group of rows (found by newcomer3: said to be
            # "inside a collapsed group of rows")
            collapsed = COLLAPSED if self.row_groups else HIDDEN
            why = {"collapse": collapsed, "filter": FILTERED}.get(self.row_visibility)
            if why:
                for number in range(self.row, last + 1):
                    self.scan.hidden_rows[number] = why
        self.row = last

    def _repeats_bounded(self, last: int) -> None:
        """Refuse a table whose filled rows, repeated, stand for more than :data:`MAX_REPEATED_CELLS` cells
        beyond their first copies: each copy a person on a list of its own, read and checked one by one."""
        self.repeated_cells += self.row_cells * (self.row_repeat - 1)
        if self.repeated_cells <= MAX_REPEATED_CELLS:
            return
        cells = "a filled cell" if self.row_cells == 1 else f"{self.row_cells:,} filled cells"
        raise _refuse(
            self.path,
            self.name,
            f"writes row {self.row:,} ({cells}) once for rows {self.row:,} to {last:,}: its repeated rows "
            f"stand for {self.repeated_cells:,} copied cells, above bulkship's limit of "
            f"{MAX_REPEATED_CELLS:,}; a list names each person on a row of their own",
            hint="delete the rows under your list (select them, then Sheet > Delete Rows) and save the file "
            "again",
        )


# 'Sheet1.A1:Sheet1.I4', "'My list'.A1:'My list'.I4": the sheet and the first column of a range
_ODS_RANGE = re.compile(r"\$?('(?:[^']|'')+'|[^.]+)\.\$?([A-Za-z]+)\$?\d+")
