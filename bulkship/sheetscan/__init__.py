"""One streaming pass over a workbook sheet's XML before any reader expands it: limits, and what users see.

A workbook can claim anything: a 1.6 KB XLSX with cells at A1 and XFD1048576 makes a dense reader allocate
16 billion cells. So before calamine sees a sheet, its XML is streamed (never held whole) and measured: the
highest row and column that hold a cell, the cell count, the longest text, the declared dimension and, for
ODS, the repeat attributes (a repeated row is measured by its repeat count, never expanded). Anything past
:class:`Limits` is refused with one line (FileFormatError, exit 2). Memory stays at a few chunks of XML.

The same pass collects what calamine does not expose: hidden rows (and why: a filter, a collapsed group, or
hidden by hand), hidden columns, the autofilter, formulas, number formats that pad with zeros (an
Employee ID 123 shown as 000123), and text struck through, in a cell's style or in part of its text.

XLSX sheets are scanned with byte regexes over 4 MB chunks cut at row ends (C speed: a million rows take a
few seconds); a sheet whose cells or rows omit their optional ``r`` reference is walked with defusedxml's
iterparse instead. ODS content is walked with defusedxml's iterparse (DTDs and entities refused). The
caller has already refused DTDs in every XML part (``load.workbook._check_archive``).

The package, one job a module (each imports only those before it): :mod:`.limits` (limits, the scan's
findings, cell references), :mod:`.formats` (zero-padding number formats), :mod:`.xlsxparts` (what a piece
of sheet XML shows), :mod:`.runs` (text struck through inside a cell), :mod:`.conditional` (conditional
formats striking cells through), :mod:`.controls` (check boxes that tick no cell), :mod:`.textsize` (a
sheet's text once a text kept once for many cells is read into each), :mod:`.comments` (the notes on an XLSX
sheet's cells), :mod:`.xlsx` (one worksheet measured), :mod:`.ods` (an ODS workbook measured).
"""

from __future__ import annotations

from .formats import format_padded, is_padding_format
from .limits import (
    CHUNK_BYTES,
    COLLAPSED,
    FILTERED,
    HIDDEN,
    MAX_CARRY_BYTES,
    Limits,
    SheetScan,
    check_extent,
    column_letter,
    column_number,
)
from .ods import MAX_PADDED_REPEATS, scan_ods
from .odsstyles import ods_padding
from .runs import check_shared_strings, shared_strings
from .xlsx import scan_xlsx

__all__ = [
    "CHUNK_BYTES",
    "COLLAPSED",
    "FILTERED",
    "HIDDEN",
    "MAX_CARRY_BYTES",
    "MAX_PADDED_REPEATS",
    "Limits",
    "SheetScan",
    "check_extent",
    "check_shared_strings",
    "column_letter",
    "column_number",
    "format_padded",
    "is_padding_format",
    "ods_padding",
    "scan_ods",
    "scan_xlsx",
    "shared_strings",
]
