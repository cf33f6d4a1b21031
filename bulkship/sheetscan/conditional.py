"""Conditional formatting that strikes cells through ('=$H2="x"' over A2:H100, 'Cell value equals
"Declined"'): the person sees the row crossed out, and no reader of cell values or styles does. The rules are
read here; which cells they strike is decided once the cells are read (:mod:`bulkship.load.conditional`)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass

from .limits import SheetScan
from .xlsxparts import _attrs, _unescape

_BLOCK = re.compile(rb"<(?:\w+:)?conditionalFormatting\b([^>]*)>(.*?)</(?:\w+:)?conditionalFormatting>", re.S)
_RULE = re.compile(rb"<(?:\w+:)?cfRule\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?cfRule>)", re.S)
_FORMULA = re.compile(rb"<(?:\w+:)?formula>(.*?)</(?:\w+:)?formula>", re.S)
_DXFS = re.compile(rb"<(?:\w+:)?dxfs\b[^>]*>(.*?)</(?:\w+:)?dxfs>", re.S)
_DXF = re.compile(rb"<(?:\w+:)?dxf\s*/>|<(?:\w+:)?dxf>(.*?)</(?:\w+:)?dxf>", re.S)
_STRIKE = re.compile(rb'<(?:\w+:)?strike(?:\s+val="([^"]*)")?\s*/>')


@dataclass(frozen=True)
class StruckRule:
    """A conditional format striking cells through: where (``sqref``: 'A2:H100 J2:J9'), its kind and
    operator ('expression', 'cellIs' 'equal', 'containsText'), its text attribute and its formulas."""

    sqref: str
    kind: str
    operator: str
    text: str
    formulas: tuple[str, ...]
    hides: str = ""  # the rule hides the cell instead (';;;', white text: :data:`.formats.UNSEEN`)


# A differential format hiding its cells: a number format showing nothing, or a white font (and no fill)
_NUMBER_FORMAT = re.compile(rb'<(?:\w+:)?numFmt\b[^>]*\bformatCode="([^"]*)"')
_FONT_COLOR = re.compile(rb"<(?:\w+:)?font\b[^>]*>.*?<(?:\w+:)?color\b([^>]*)/?>.*?</(?:\w+:)?font>", re.S)
_FILL = re.compile(rb"<(?:\w+:)?fill\b", re.S)
_FILL_COLOR = re.compile(rb"<(?:\w+:)?fill\b.*?<(?:\w+:)?(?:bgColor|fgColor)\b([^>]*)/?>", re.S)


def struck_formats(archive: zipfile.ZipFile) -> dict[int, str]:
    """The differential formats (by index) that strike text through (-> "") or hide it (-> how: ';;;', or
    white text): what a conditional format applies (hiding found by hunter-sheets4: a rule writing rows
    marked Sent in white showed them empty, and they were ordered)."""
    from ..zipparts import read_member
    from .formats import SAME_COLOUR, UNSEEN, hides_cell, same_colour, white_hex

    styles = read_member(archive, "xl/styles.xml", 64 * 2**20) or b""
    block = _DXFS.search(styles)
    if block is None:
        return {}
    found: dict[int, str] = {}
    for index, dxf in enumerate(_DXF.finditer(block.group(1))):
        body = dxf.group(1) or b""
        strike = _STRIKE.search(body)
        code = _NUMBER_FORMAT.search(body)
        color = _FONT_COLOR.search(body)
        rgb = _attrs(color.group(1)).get(b"rgb", b"").decode()[-6:] if color else ""
        if strike is not None and (strike.group(1) or b"1").lower() not in (b"0", b"false"):
            found[index] = ""
        elif code is not None and hides_cell(_unescape(code.group(1))):
            found[index] = _unescape(code.group(1))
        elif (
            color is not None
            and (white_hex(rgb) or b'theme="0"' in color.group(1))
            and not _FILL.search(body)
        ):
            found[index] = UNSEEN
        elif color is not None and (fill := _FILL_COLOR.search(body)) is not None:
            # text the colour of the fill the rule gives (yellow on yellow, found by hunter-sheets6)
            fill_rgb = _attrs(fill.group(1)).get(b"rgb", b"").decode()[-6:]
            if same_colour(rgb, fill_rgb):
                found[index] = SAME_COLOUR
    return found


def conditional_rules(piece: bytes, struck: Mapping[int, str], scan: SheetScan) -> None:
    """The rules of ``piece`` (sheet XML after its data) whose format is one of ``struck``."""
    for block in _BLOCK.finditer(piece):
        sqref = _attrs(block.group(1)).get(b"sqref", b"").decode()
        for rule in _RULE.finditer(block.group(2)):
            attrs, body = _attrs(rule.group(1)), rule.group(2) or b""
            dxf = attrs.get(b"dxfId", b"")
            hides = ""
            if dxf.isdigit() and int(dxf) in struck:
                formulas = _FORMULA.findall(body)
                hides = struck[int(dxf)]
            elif not dxf and _STRIKE.search(body) and _struck_inline(body):  # Excel 2010's x14 rule
                formulas = _X14_FORMULA.findall(body)
                sqref = _unescape(b" ".join(_X14_SQREF.findall(block.group(2)))) or sqref
            else:
                continue
            scan.struck_rules.append(
                StruckRule(
                    sqref=sqref,
                    kind=attrs.get(b"type", b"").decode(),
                    operator=attrs.get(b"operator", b"").decode(),
                    text=_unescape(attrs.get(b"text", b"")),
                    formulas=tuple(_unescape(f) for f in formulas),
                    hides=hides,
                )
            )


# An x14 rule (an extension list's, as Excel writes a rule naming another sheet: 'COUNTIF(Removed!A:A,$A2)')
# carries its formulas, its area and its format inside itself
_X14_FORMULA = re.compile(rb"<(?:\w+:)?f>(.*?)</(?:\w+:)?f>", re.S)
_X14_SQREF = re.compile(rb"<(?:\w+:)?sqref>(.*?)</(?:\w+:)?sqref>", re.S)


def _struck_inline(body: bytes) -> bool:
    strike = _STRIKE.search(body)
    return strike is not None and (strike.group(1) or b"1").lower() not in (b"0", b"false")


# LibreOffice's conditions (content.xml, calcext:condition): a formula, or the cell's value against another
_ODS_FORMULA = re.compile(r"(?s)^formula-is\((.*)\)$")
_ODS_TEXT = {"begins-with": "beginsWith", "ends-with": "endsWith", "contains-text": "containsText",
             "not-contains-text": "notContainsText"}  # fmt: skip
_ODS_TEXT_CALL = re.compile(r'(?s)^([a-z-]+)\("((?:[^"]|"")*)"\)$')
_ODS_COMPARE = re.compile(r"(?s)^(!=|<=|>=|=|<|>)(.*)$")
_ODS_OPERATORS = {"=": "equal", "!=": "notEqual", ">": "greaterThan", "<": "lessThan",
                  ">=": "greaterThanOrEqual", "<=": "lessThanOrEqual"}  # fmt: skip
_ODS_REF = re.compile(r"\[\$?'?(?:[^'\].]*'?)?\.(\$?[A-Z]{1,3}\$?\d{1,7})\]")  # [.$H2], [$Sheet1.H2]
_ODS_AREA = re.compile(
    r"\$?'?[^'.\s]*'?\.(\$?[A-Z]{1,3}\$?\d{1,7})(?::\$?'?[^'.\s]*'?\.(\$?[A-Z]{1,3}\$?\d{1,7}))?"
)


def ods_rule(target: str, value: str) -> StruckRule:
    """A LibreOffice conditional format (its target range 'Sheet1.A2:Sheet1.H100', its condition
    'formula-is([.$H2]="x")', '="Bob Ray"', 'contains-text("x")') as the rule Excel writes; a condition
    of another kind stays one bulkship cannot evaluate (kind 'ods')."""
    areas = [a.group(1) + (f":{a.group(2)}" if a.group(2) else "") for a in _ODS_AREA.finditer(target)]
    sqref = " ".join(area.replace("$", "") for area in areas)
    formula = _ODS_FORMULA.match(value)
    if formula:
        return StruckRule(sqref, "expression", "", "", (_ODS_REF.sub(r"\1", formula.group(1)),))
    text = _ODS_TEXT_CALL.match(value)
    if text and text.group(1) in _ODS_TEXT:
        return StruckRule(sqref, _ODS_TEXT[text.group(1)], "", text.group(2).replace('""', '"'), ())
    compare = _ODS_COMPARE.match(value)
    if compare:
        return StruckRule(sqref, "cellIs", _ODS_OPERATORS[compare.group(1)], "", (compare.group(2).strip(),))
    return StruckRule(sqref, "ods", "", "", (value,))
