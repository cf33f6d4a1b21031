"""Number formats that pad with zeros (an Employee ID 123 shown as ``000123``): which styles use one, and a
number as such a format shows it."""

from __future__ import annotations

import re
import zipfile
from pathlib import PurePath
from typing import Any

from ..errors import FileFormatError
from .limits import MAX_STYLES, too_many_styles

# A currency a number format shows: "[$€-407]", "[$CAD]", '"£"#,##0.00', '#,##0.00 "EUR"', a bare € or £,
# another country's dollar ('"C$"', "A$"), or "$" in another country's locale ("[$$-1009]": Canada).
_BRACKET_CURRENCY = re.compile(r"\[\$([^\]-]*)(?:-([0-9A-Za-z-]+))?\]")
_QUOTED = re.compile(r'"([^"]*)"')
_SYMBOLS = re.compile(
    r"[€£¥₹₩₽₺₪₫₱฿₦₴₡]|\b(?:EUR|GBP|CAD|AUD|JPY|CHF|MXN|INR|CNY|SEK|NOK|DKK|NZD|ZAR|BRL)\b"
    r"|\b(?:C|CA|CAN|A|AU|NZ|MX|HK|S|SG|R|NT)\$"
)
_DOLLARS = frozenset({"", "$", "US$", "USD", "$US"})
# Locales (Windows LCIDs in hex, or tags) whose "$" is the US dollar: English and Spanish (United States),
# Puerto Rico, Ecuador, El Salvador; a "$" of any other locale is that country's dollar or peso (found by
# newcomer8: "[$$-1009]", Excel's "$ English (Canada)", was ordered as US dollars)
_US_DOLLAR_LOCALES = frozenset(
    {"409", "540a", "500a", "300a", "440a", "en-us", "es-us", "es-pr", "es-ec", "es-sv"}
)
_LOCALE_DOLLARS = {
    "1009": "CAD", "c0c": "CAD", "c09": "AUD", "1409": "NZD", "80a": "MXN", "1004": "SGD", "c04": "HKD",
    "2c0a": "ARS", "340a": "CLP", "240a": "COP", "416": "BRL", "en-ca": "CAD", "fr-ca": "CAD",
    "en-au": "AUD", "en-nz": "NZD", "es-mx": "MXN",
}  # fmt: skip


def shown_currency(code: str) -> str | None:
    """The currency other than the US dollar a number format shows its number in ('€', 'CAD'), or None."""
    for found, locale in _BRACKET_CURRENCY.findall(code):
        symbol, locale = found.strip(), locale.lower().lstrip("0")
        if symbol not in _DOLLARS:
            return symbol
        if symbol == "$" and locale and locale not in _US_DOLLAR_LOCALES:
            return _LOCALE_DOLLARS.get(locale, f"the dollar or peso of locale {locale.upper()}")
    for text in [*_QUOTED.findall(code), _QUOTED.sub("", code).replace("\\", "")]:
        symbol = _SYMBOLS.search(text)
        if symbol:
            return symbol.group(0)
    return None


def cell_styles(
    archive: zipfile.ZipFile,
) -> tuple[dict[int, str], frozenset[int], dict[int, str], frozenset[int], dict[int, str]]:
    """What cell styles show, by style index: the zero-padding number format ('000000', '00000-0000': a
    number shown through one is text to the user, an Employee ID or a ZIP); a struck-through font (a row
    crossed out means "not this one"); a currency other than the US dollar (a UK list's £25.00 is pounds);
    a number format that shows no decimals (24.6 shown as 25: which amount did the person mean?); a number
    format that may show none of the cell (';;;', '"$50.00"': :func:`hides_cell`), with its code, or a
    font as white as the cell's background (:data:`UNSEEN`)."""
    try:
        codes, struck_fonts, white_fonts, plain_fills, font_colours, fill_colours, xfs = _styles_part(archive)
    except FileFormatError:  # too many to read
        raise
    except Exception:  # no styles part, or one the reader will complain about itself
        return {}, frozenset(), {}, frozenset(), {}
    padded = {i: codes[fmt] for i, (fmt, _, _) in enumerate(xfs) if is_padding_format(codes.get(fmt, ""))}
    struck = frozenset(i for i, (_, font, _) in enumerate(xfs) if _listed(font, struck_fonts))
    shown = {i: shown_currency(codes.get(fmt, "")) for i, (fmt, _, _) in enumerate(xfs)}
    whole = frozenset(
        i for i, (fmt, _, _) in enumerate(xfs) if i not in padded and _shows_no_decimals(fmt, codes.get(fmt))
    )
    hiding = {
        i: UNSEEN
        for i, (_, font, fill) in enumerate(xfs)
        if _listed(font, white_fonts) and _listed(fill, plain_fills)
    }
    hiding |= {
        i: SAME_COLOUR
        for i, (_, font, fill) in enumerate(xfs)
        if i not in hiding and same_colour(_at(font_colours, font), _at(fill_colours, fill))
    }
    hiding |= {i: codes[fmt] for i, (fmt, _, _) in enumerate(xfs) if fmt in codes and hides_cell(codes[fmt])}
    hiding |= {
        i: codes.get(fmt) or _PERCENT_BUILT_IN[fmt]
        for i, (fmt, _, _) in enumerate(xfs)
        if i not in hiding and shows_percentage(codes.get(fmt) or _PERCENT_BUILT_IN.get(fmt, ""))
    }
    return padded, struck, {i: currency for i, currency in shown.items() if currency}, whole, hiding


def _styles_part(archive: zipfile.ZipFile) -> tuple[Any, ...]:
    """styles.xml read as it streams: each font, fill, cell style or number format read when it ends, then
    dropped from the tree. A 185 KB workbook holding a million cell styles (62 MB of styles.xml) took 540 MB
    and 6 s as one tree (found by hunter-hostile8); Excel itself holds 64,000 at most. Memory: one entry
    of each kind at a time, and the few values kept per style. Gives the number formats' codes by id, the
    struck and the white fonts, the plain fills, each font's and fill's colour, and each cell style's
    (numFmtId, fontId, fillId)."""
    from defusedxml.ElementTree import iterparse

    codes: dict[str, str] = {}
    struck_fonts: set[int] = set()
    white_fonts: set[int] = set()
    plain_fills: set[int] = set()
    font_colours: list[str | None] = []
    fill_colours: list[str | None] = []
    xfs: list[tuple[str, str, str]] = []  # (numFmtId, fontId, fillId) of each cell style
    path: list[Any] = []  # the open elements, the stylesheet first
    with archive.open("xl/styles.xml") as part:
        for event, element in iterparse(part, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                path.append(element)
                continue
            path.pop()
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "numFmt":  # wherever it is, as before
                codes[element.get("numFmtId", "")] = element.get("formatCode", "")
            if len(path) != 2:  # an entry of a list (a font of <fonts>, an xf of <cellXfs>) ends at depth 3
                continue
            within = path[1].tag.rsplit("}", 1)[-1]
            if within == "fonts" and tag == "font":
                if _struck(element):
                    struck_fonts.add(len(font_colours))
                if _white(_child(element, "color")):
                    white_fonts.add(len(font_colours))
                font_colours.append(colour_key(_child(element, "color")))
            elif within == "fills" and tag == "fill":
                if _plain(element):
                    plain_fills.add(len(fill_colours))
                fill_colours.append(_solid_colour(element))
            elif within == "cellXfs" and tag == "xf":
                xfs.append(
                    (element.get("numFmtId", "0"), element.get("fontId", "0"), element.get("fillId", "0"))
                )
            if max(len(xfs), len(font_colours), len(fill_colours)) > MAX_STYLES:
                raise too_many_styles(PurePath(archive.filename or "the workbook").name)
            del path[1][-1]  # read: the tree keeps none of the entries
    return codes, struck_fonts, white_fonts, plain_fills, font_colours, fill_colours, xfs


# What :func:`cell_styles` gives as the "format" of a cell whose font is the colour of its background (white
# on no fill or a white one): the sheet shows nothing of it (found by hunter-sheets4: a Quantity 2 so written
# showed an empty cell, and 2 cards went out), as a ';;;' format shows nothing
UNSEEN = "white text on a white background"
# ... and of a cell whose font is the colour of its own fill (yellow on yellow, grey on grey: a Quantity 2 the
# sheet shows as an empty yellow cell went out as 2 cards, found by hunter-sheets6)
SAME_COLOUR = "text in the colour of its background"
HIDDEN_BY_COLOUR = frozenset({UNSEEN, SAME_COLOUR})


def colour_key(color: Any) -> str | None:
    """A font's or fill's ``<color>`` as compared: six hex digits, or the theme or legacy palette colour it
    names (with its tint); None when not set (the font's automatic colour)."""
    if color is None:
        return None
    rgb = color.get("rgb")
    if rgb is not None:
        return rgb[-6:].upper() if re.fullmatch(r"[0-9A-Fa-f]{6,8}", rgb) else None
    for kind in ("theme", "indexed"):
        if color.get(kind) is not None:
            return f"{kind}{color.get(kind)}:{color.get('tint', '0')}"
    return None


def same_colour(font: str | None, fill: str | None) -> bool:
    """Whether text in colour ``font`` cannot be told from a background ``fill`` (:func:`colour_key`, or an
    ODS '#ffff00'): the same theme or palette colour, or hex colours within 16 of each other in every
    channel."""
    if not font or not fill:
        return False
    font, fill = font.lstrip("#").upper(), fill.lstrip("#").upper()
    hexes = re.compile(r"[0-9A-F]{6}")
    if hexes.fullmatch(font) and hexes.fullmatch(fill):
        return all(abs(int(font[i : i + 2], 16) - int(fill[i : i + 2], 16)) <= 16 for i in (0, 2, 4))
    return font == fill


def _solid_colour(fill: Any) -> str | None:
    """The colour a solid fill paints its cell (:func:`colour_key`); None for no fill or a pattern."""
    pattern = _child(fill, "patternFill")
    if pattern is None or pattern.get("patternType") != "solid":
        return None
    return colour_key(_child(pattern, "fgColor"))


def _at(colours: list[str | None], index: str) -> str | None:
    return colours[int(index)] if index.isdigit() and int(index) < len(colours) else None


def _listed(index: str, listed: set[int]) -> bool:
    return index.isdigit() and int(index) in listed


def _child(element: Any, name: str) -> Any:
    return next((c for c in element if c.tag.rsplit("}", 1)[-1] == name), None)


# Excel's legacy palette's whites; the theme's first colour is "White, Background 1" in every built-in theme
_WHITE_INDEXED = frozenset({"1", "9"})


def _white(color: Any) -> bool:
    """Whether a font's or fill's ``<color>`` is white or all but ('F2F2F2' on white can not be read): an
    ARGB's alpha is not drawn for a font, so only its last six digits count; a theme colour darkened by
    more than 10 % is grey, and shows."""
    if color is None:
        return False
    rgb = color.get("rgb")
    if rgb is not None:
        return _white_digits(rgb[-6:])
    try:
        tint = float(color.get("tint", "0"))
    except ValueError:
        return False
    return (color.get("theme") == "0" and tint > -0.1) or color.get("indexed") in _WHITE_INDEXED


def white_hex(color: str | None) -> bool:
    """Whether an ODS colour ('#ffffff', '#f2f2f2') is white or all but; None (not set) is not."""
    return bool(color) and _white_digits(str(color).lstrip("#"))


def _white_digits(digits: str) -> bool:
    return bool(re.fullmatch(r"[0-9A-Fa-f]{6}", digits)) and all(
        int(digits[i : i + 2], 16) >= 0xF0 for i in (0, 2, 4)
    )


def _plain(fill: Any) -> bool:
    """Whether a fill leaves the cell the sheet's white: no pattern, or a solid white one."""
    pattern = _child(fill, "patternFill")
    if pattern is None:
        return _child(fill, "gradientFill") is None
    kind = pattern.get("patternType", "none")
    return kind == "none" or (kind == "solid" and _white(_child(pattern, "fgColor")))


def _sections(code: str) -> list[str]:
    """A number format's sections (positive; negative; zero; text), their literals, colours and
    conditions, padding and fill taken out: what is left shows the cell."""
    return [_LITERALS.sub("", section).strip() for section in _QUOTED_SPLIT.split(code)]


_QUOTED_SPLIT = re.compile(r';(?=(?:[^"]*"[^"]*")*[^"]*$)')  # a ';' outside quotes


def hides_cell(code: str) -> bool:
    """Whether a number format may show none of its cell: ';;;' (Excel's way to hide a cell's contents,
    text included), or a positive number shown as text only ('"$50.00"', '"n/a"'): what the sheet shows is
    not what it holds (found by newcomer9)."""
    if not code or code.casefold() == "general":
        return False
    sections = _sections(code)
    text = sections[3] if len(sections) > 3 else "@"
    return not _shows_number(sections[0]) or (len(sections) > 3 and "@" not in text and not text)


PERCENTAGE = "0%"  # the format an ODS percentage cell is noted with (ODS keeps the kind on the cell)
_PERCENT_BUILT_IN = {
    "9": PERCENTAGE,
    "10": "0.00%",
}  # Excel's built-in percentage formats, written by id alone


def shows_percentage(code: str) -> bool:
    """Whether a number format shows its number as a percentage ('0%', '0.00%', '#,##0.0 %'): a cell holding
    25 shows 2500%, one holding 0.25 shows 25% (found by hunter-hostile7: an Amount 25 shown 2500% was
    ordered as a $25 card, the sheet showing no amount of the kind). The first section counts."""
    return bool(code) and "%" in _sections(code)[0]


def _shows_number(section: str) -> bool:
    """Whether a format section shows the number: a digit placeholder, General, text '@', or a date/time."""
    return bool(re.search(r"[0#?@]|general|[yYmMdDhHsS]", section, re.IGNORECASE))


def shown_by_format(code: str, text: str) -> bool:
    """Whether a cell reading ``text`` is shown by the number format ``code`` (:func:`hides_cell`): a
    number by its first section, text by its fourth; nothing in its background's colour (:data:`UNSEEN`,
    :data:`SAME_COLOUR`)."""
    if code in HIDDEN_BY_COLOUR:
        return False
    sections = _sections(code)
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        return len(sections) < 4 or "@" in sections[3]
    if shows_percentage(code):  # 25 shown as 2500%, 0.25 as 25%: never the number the cell holds
        return number == 0
    return _shows_number(_section_of(code, number) if _CONDITION.search(code) else sections[0])


_CONDITION = re.compile(r"\[(<=|>=|<>|<|>|=)\s*(-?\d+(?:\.\d*)?)\]")
_HOLDS = {
    "<": float.__lt__, ">": float.__gt__, "=": float.__eq__,
    "<=": float.__le__, ">=": float.__ge__, "<>": float.__ne__,
}  # fmt: skip


def _section_of(code: str, number: float) -> str:
    """The section a format with conditions shows ``number`` by, its literals taken out: the first whose
    condition holds, else the first with none ('[>=100]"n/a";0' shows 25 as 25, found by review13: an error
    on its row, though the sheet shows it; the phone format '[<=9999999]###-####;(###) ###-####' too)."""
    for section in _QUOTED_SPLIT.split(code):
        condition = _CONDITION.search(section)
        if condition is None or _HOLDS[condition.group(1)](number, float(condition.group(2))):
            return _LITERALS.sub("", section).strip()
    return ""


_WHOLE_BUILT_IN = frozenset({"1", "3", "5", "6", "37", "38"})  # "0", "#,##0", "$#,##0_);($#,##0)"...
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def _shows_no_decimals(format_id: str, code: str | None) -> bool:
    """Whether a number format shows whole numbers only ("0", "#,##0", "$#,##0"): not General, a date, a
    percentage or a text format."""
    if code is None:
        return format_id in _WHOLE_BUILT_IN
    first = _sections(code)[0]
    return bool(re.search(r"[0#]", first)) and not re.search(r"[.%Ee@yYmMdDhHsS?/]", first)


def _struck(font: Any) -> bool:
    strike = next((c for c in font if c.tag.rsplit("}", 1)[-1] == "strike"), None)
    return strike is not None and strike.get("val", "1").lower() not in ("0", "false")


_PADDING = re.compile(r'(?:0|\\.|"[^"]*"|[-\s/.()])+')


def is_padding_format(code: str) -> bool:
    """'000000', '00000-0000', '000\\-00\\-0000': digits padded with zeros, no decimals or thousands."""
    return code.count("0") >= 2 and code.count(".") == 0 and bool(_PADDING.fullmatch(code))


def _format_tokens(code: str) -> list[str | None]:
    """A padding format as placeholders (None) and literal characters (quoted or escaped ones unwrapped)."""
    tokens: list[str | None] = []
    position = 0
    while position < len(code):
        char = code[position]
        if char == "\\" and position + 1 < len(code):
            tokens.append(code[position + 1])
            position += 2
        elif char == '"':
            close = code.find('"', position + 1)
            close = len(code) if close < 0 else close
            tokens.extend(code[position + 1 : close])
            position = close + 1
        else:
            tokens.append(None if char == "0" else char)
            position += 1
    return tokens


def format_padded(number: int, code: str) -> str:
    """An integer shown through a padding format, as Excel shows it (000123, 02134-0001)."""
    tokens = _format_tokens(code)
    slots = tokens.count(None)
    padded = str(abs(number)).rjust(slots, "0")
    extra, digits = padded[: len(padded) - slots], iter(padded[len(padded) - slots :])
    shown = "".join(next(digits) if token is None else token for token in tokens)
    return ("-" if number < 0 else "") + extra + shown
