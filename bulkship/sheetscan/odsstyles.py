"""What an ODS cell style or a number cell shows: its text struck through, hidden (white, or in its
background's colour), a number padded with zeros ('02134' for 2134). Read by :mod:`.ods`'s walk (moved out
of it for issue 14)."""

from __future__ import annotations

from typing import Any

from .formats import SAME_COLOUR, UNSEEN, format_padded, is_padding_format, same_colour, white_hex

_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"


def ods_padding(value: str, shown: str) -> str | None:
    """The padding format an ODS number cell is shown through (ODS keeps the text shown beside the value:
    '02134' for 2134), or None. As for XLSX (:func:`is_padding_format`): whole numbers, zeros in front."""
    try:
        number = float(value)
    except ValueError:
        return None
    if not number.is_integer() or number < 0:
        return None
    code = "".join("0" if char.isdigit() else "\\" + char for char in shown)
    if not is_padding_format(code) or format_padded(int(number), code) != shown:
        return None
    return code


def _struck(style: Any) -> bool:
    """Whether a cell style's text properties strike its text through."""
    for child in style:
        if child.tag == f"{_STYLE}text-properties":  # LibreOffice may write the type alone ("single")
            through = child.get(f"{_STYLE}text-line-through-style")
            kind = child.get(f"{_STYLE}text-line-through-type")
            return through != "none" if through is not None else kind not in (None, "none")
    return False


_FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"


def _unseen(style: Any) -> str:
    """How a cell style hides its text: white on no background or a white one (:data:`UNSEEN`), or in the
    colour of its background (:data:`SAME_COLOUR`); "" when it shows it."""
    color = background = None
    for child in style:
        if child.tag == f"{_STYLE}text-properties":
            color = child.get(f"{_FO}color")
        elif child.tag == f"{_STYLE}table-cell-properties":
            background = child.get(f"{_FO}background-color")
    if white_hex(color) and (background in (None, "transparent") or white_hex(background)):
        return UNSEEN
    return SAME_COLOUR if same_colour(color, background) else ""
