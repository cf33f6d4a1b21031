"""The validation workbook's two big sheets rendered as XML column by column (:mod:`.report` lays the workbook
out and splices these rows in, ``bulkship.xlsxfast``): the cells ``bulkship.workbook.write_workbook`` writes,
the same values, types and formats (each cell coloured by its row's status, text that looks like a formula
quote-prefixed, strings escaped as XlsxWriter escapes them)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..celltypes import BOOL, NUMBER_FORMATS, TYPED, excel_serial, text_of
from ..safetext import FORMULA_TRIGGERS
from ..workbook import _Formats
from ..xlsxfast import all_plain, column_letter, inline_string, is_plain

BLOCK_ROWS = 5000  # rows rendered at a time, column by column


@dataclass
class ColumnTable:
    """A big sheet held column by column: each row is styled by the colour ``colours`` gives its status (the
    column at ``status_at``)."""

    name: str
    headers: list[str]
    columns: list[list[Any]]
    status_at: int
    colours: dict[str, str]
    wrap: frozenset[int] = frozenset()

    @property
    def count(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def rows(self, start: int, stop: int) -> Iterator[list[Any]]:
        return (list(row) for row in zip(*(c[start:stop] for c in self.columns), strict=True))


def palette_of(table: ColumnTable) -> list[str | None]:
    """The colours rows can take: None (a status without one) first, then the table's colours."""
    return [None, *dict.fromkeys(table.colours.values())]


def register_formats(sheet: Any, formats: _Formats, tables: Sequence[ColumnTable]) -> None:
    """Spliced cells refer to formats by index, and XlsxWriter indexes only the formats it wrote with:
    placeholder cells (replaced by the splice) in row 2 of the first big sheet."""
    used: list[Any] = []
    for table in tables:
        for colour in palette_of(table):
            used.append(formats.number(colour))
            used.extend(formats.typed(colour, code) for code in NUMBER_FORMATS)
            for wrap in (False, True) if table.wrap else (False,):
                used.extend([formats.cell(colour, False, wrap), formats.cell(colour, True, wrap)])
    for col, each in enumerate(used):
        sheet.write_string(1, col, "", each)


@dataclass(frozen=True)
class _Styles:
    """One column's style attributes by palette index."""

    number: list[str]
    plain: list[str]
    quoted: list[str]
    blank: list[str | None]  # a missing value is a styled blank cell only in a coloured row
    typed: dict[int, list[str]]  # dates, times, durations: celltypes code -> by palette index


def _styles(formats: _Formats, palette: Sequence[str | None], wrap: bool) -> _Styles:
    def attr(fmt: Any) -> str:
        return f' s="{fmt.xf_index}"'

    return _Styles(
        number=[attr(formats.number(c)) for c in palette],
        plain=[attr(formats.cell(c, False, wrap)) for c in palette],
        quoted=[attr(formats.cell(c, True, wrap)) for c in palette],
        blank=[attr(formats.cell(c, False, wrap)) if c else None for c in palette],
        typed={code: [attr(formats.typed(c, code)) for c in palette] for code in NUMBER_FORMATS},
    )


def sheet_xml(table: ColumnTable, start: int, stop: int, formats: _Formats) -> Iterator[str]:
    """The sheet's ``<row>`` elements: the header, then rows ``start:stop`` a block at a time."""
    cells = "".join(
        f'<c r="{column_letter(i)}1" s="{formats.header_for(str(h)).xf_index}" t="inlineStr">'
        f"{_inline_string(str(h))}</c>"
        for i, h in enumerate(table.headers)
    )
    yield f'<row r="1">{cells}</row>'
    palette = palette_of(table)
    index_of = {colour: position for position, colour in enumerate(palette)}
    colour_index = {status: index_of[colour] for status, colour in table.colours.items()}
    styles = [_styles(formats, palette, position in table.wrap) for position in range(len(table.headers))]
    letters = [column_letter(i) for i in range(len(table.headers))]
    for first in range(start, stop, BLOCK_ROWS):
        last = min(first + BLOCK_ROWS, stop)
        number = first - start + 2
        refs = [str(n) for n in range(number, number + last - first)]
        colours = [colour_index.get(str(s), 0) for s in table.columns[table.status_at][first:last]]
        rendered = [
            _column_xml(values[first:last], letter, refs, colours, style)
            for values, letter, style in zip(table.columns, letters, styles, strict=True)
        ]
        yield "".join(
            [
                f'<row r="{ref}">{"".join(row)}</row>'
                for ref, row in zip(refs, zip(*rendered, strict=True), strict=True)
            ]
        )


_TRIGGERS = frozenset(FORMULA_TRIGGERS)
# One cell renderer for every streamed sheet (bulkship.xlsxfast): the same escaping and cut as the results.
_inline_string = inline_string
_plain = is_plain
_all_plain = all_plain


def _column_xml(
    values: list[Any], letter: str, refs: list[str], colours: list[int], style: _Styles
) -> list[str]:
    """One column of a block: the cells ``bulkship.workbook`` writes one by one, common cases inline."""
    kinds = set(map(type, values))
    if kinds == {str}:
        plain, quoted = style.plain, style.quoted
        if _all_plain(values):
            return [
                f'<c r="{letter}{ref}"{(quoted if v[:1] in _TRIGGERS else plain)[c]} t="inlineStr">'
                f"<is><t>{v}</t></is></c>"
                for v, ref, c in zip(values, refs, colours, strict=True)
            ]
        return [
            f'<c r="{letter}{ref}"{(quoted if v[:1] in _TRIGGERS else plain)[c]} t="inlineStr">'
            + (f"<is><t>{v}</t></is></c>" if _plain(v) else f"{_inline_string(v)}</c>")
            for v, ref, c in zip(values, refs, colours, strict=True)
        ]
    if kinds == {int}:
        number = style.number
        return [
            f'<c r="{letter}{ref}"{number[c]}><v>{float(v):.16G}</v></c>'
            for v, ref, c in zip(values, refs, colours, strict=True)
        ]
    return [_cell_xml(f"{letter}{ref}", v, c, style) for v, ref, c in zip(values, refs, colours, strict=True)]


def _cell_xml(ref: str, value: Any, colour: int, style: _Styles) -> str:
    """One cell as ``bulkship.workbook._write_cell`` writes it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        blank = style.blank[colour]
        return f'<c r="{ref}"{blank}/>' if blank is not None else ""
    if type(value) in TYPED and type(value) not in (int, float):  # the user's own true/false, dates
        stored = excel_serial(value)
        if stored is not None:
            code, number = stored
            if code == BOOL:
                return f'<c r="{ref}"{style.number[colour]} t="b"><v>{int(number)}</v></c>'
            return f'<c r="{ref}"{style.typed[code][colour]}><v>{number!r}</v></c>'
        value = text_of(value)
    if isinstance(value, int | float | Decimal):
        return f'<c r="{ref}"{style.number[colour]}><v>{float(value):.16G}</v></c>'
    text = str(value)
    attr = (style.quoted if text[:1] in _TRIGGERS else style.plain)[colour]
    return f'<c r="{ref}"{attr} t="inlineStr">{_inline_string(text)}</c>'
