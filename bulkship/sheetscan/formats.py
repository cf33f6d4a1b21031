"""Number formats that pad with zeros (an Employee ID 123 shown as ``000123``): which styles use one, and a
number as such a format shows it."""

from __future__ import annotations

import re
import zipfile


def struck_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    """Cell style indices whose font is struck through: a row crossed out by hand means "not this one"."""
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(archive.read("xl/styles.xml"), forbid_dtd=True)
    except Exception:  # no styles part, or one the reader will complain about itself
        return frozenset()
    struck_fonts: set[int] = set()
    xfs: list[str] = []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "fonts":
            fonts = [child for child in element if child.tag.endswith("font")]
            for index, font in enumerate(fonts):
                strike = next((c for c in font if c.tag.rsplit("}", 1)[-1] == "strike"), None)
                if strike is not None and strike.get("val", "1").lower() not in ("0", "false"):
                    struck_fonts.add(index)
        elif tag == "cellXfs":
            xfs = [child.get("fontId", "0") for child in element if child.tag.endswith("xf")]
    return frozenset(i for i, font in enumerate(xfs) if font.isdigit() and int(font) in struck_fonts)


def _padding_styles(archive: zipfile.ZipFile) -> dict[int, str]:
    """Cell style index -> its number format, for formats that pad digits with zeros ('000000',
    '00000-0000'): a number shown through one is text to the user (an Employee ID, a ZIP)."""
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(archive.read("xl/styles.xml"), forbid_dtd=True)
    except Exception:  # no styles part, or one the reader will complain about itself
        return {}
    codes: dict[str, str] = {}
    xfs: list[str] = []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "numFmt":
            codes[element.get("numFmtId", "")] = element.get("formatCode", "")
        elif tag == "cellXfs":
            xfs = [child.get("numFmtId", "0") for child in element if child.tag.endswith("xf")]
    return {index: codes[fmt] for index, fmt in enumerate(xfs) if is_padding_format(codes.get(fmt, ""))}


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
